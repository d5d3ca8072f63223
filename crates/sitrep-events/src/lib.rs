//! Events: who did what to whom, coded in CAMEO and PLOVER, with modality,
//! dates, places and an explanation; and the casualty and captive figures
//! the same sentences report.

pub mod acts;
pub mod claims;
mod coder;
pub mod confidence;
mod english;
pub mod grammar;
mod lexicon;
pub mod petrarch;
mod refer;
pub mod why;

pub use coder::{Coder, CoderOptions, SentenceInput, Speech, REFERS_BACK};
pub use lexicon::{
    verb_forms, CodeInfo, FormKind, PatElem, Pattern, PredKind, PredicateFiles, PredicateLexicon,
};
pub use refer::{is_reference, link_references, link_references_to, verbal_date, Linkable};

/// Which of the coder's learned models a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelFile {
    /// The event confidence model (`confidence`).
    Confidence,
    /// The role model (`grammar::learned`).
    Roles,
}

/// Why one of the coder's model files could not be read: which model, and
/// the line and fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError {
    pub file: ModelFile,
    pub reason: String,
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self.file {
            ModelFile::Confidence => "confidence",
            ModelFile::Roles => "role",
        };
        write!(f, "{name} model: {}", self.reason)
    }
}

impl std::error::Error for ModelError {}

impl ModelError {
    /// A weight on line `line` (1-based) that is not a number.
    pub(crate) fn weight(file: ModelFile, line: usize, text: &str) -> ModelError {
        ModelError {
            file,
            reason: format!("line {line}: weight {text:?} is not a number"),
        }
    }
}

/// The lines of a model file's TSV form that hold values, each with its
/// 1-based number: blank lines are skipped and `# ` comment lines go to
/// `notes`. The confidence and role models share this form.
pub(crate) fn model_lines<'a>(text: &'a str, notes: &mut Vec<String>) -> Vec<(usize, &'a str)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match line.strip_prefix("# ") {
            Some(c) => notes.push(c.to_string()),
            None => out.push((n + 1, line)),
        }
    }
    out
}

use sitrep_model::{Actor, Event, NamedSpan};
use std::collections::{HashMap, HashSet};

/// Who fills a role, for merging: the actor's id, or for words naming an
/// actor no dictionary codes, their last word ("Moussaoui" for "Zaccarias
/// Moussaoui" and "Mr Moussaoui" alike).
fn who(a: &Option<Actor>, uncoded: &Option<NamedSpan>) -> Option<String> {
    a.as_ref()
        .map(|a| a.id.clone())
        .or_else(|| uncoded.as_ref().map(|n| format!("~{}", n.surname())))
}

/// Merge events of one document that record the same thing: one event per
/// (date, source, target, code, modality), with all its mentions; an actor
/// no dictionary codes counts by its words' last word. Events are found by
/// their key in a map, so a long document costs time in proportion to its
/// events, not their square.
pub fn merge_within_document(events: Vec<Event>) -> Vec<Event> {
    type Key = (
        Option<chrono::NaiveDate>,
        Option<String>,
        Option<String>,
        String,
        sitrep_model::Modality,
    );
    let key = |x: &Event| -> Key {
        (
            x.date,
            who(&x.source, &x.uncoded_source),
            who(&x.target, &x.uncoded_target),
            x.cameo.code.clone(),
            x.modality,
        )
    };
    let mut out: Vec<Event> = Vec::new();
    let mut index: HashMap<Key, usize> = HashMap::new();
    let mut told: Vec<HashSet<(usize, usize, usize)>> = Vec::new();
    let span = |m: &sitrep_model::Mention| (m.sentence, m.start, m.end);
    for e in events {
        match index.get(&key(&e)) {
            Some(&i) => {
                let existing = &mut out[i];
                for m in e.mentions {
                    if told[i].insert(span(&m)) {
                        existing.mentions.push(m);
                    }
                }
                existing.confidence = existing.confidence.max(e.confidence);
                if existing.location.is_none() {
                    existing.location = e.location;
                }
            }
            None => {
                index.insert(key(&e), out.len());
                told.push(e.mentions.iter().map(span).collect());
                out.push(e);
            }
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod test_support {
    use sitrep_model::{
        Cameo, DatePrecision, Event, EventDateSource, Explanation, Mention, Modality, Plover,
    };

    /// An asserted event of `code`, actorless and undated, told in sentence
    /// `sentence` of document "d".
    pub fn event(code: &str, sentence: usize, confidence: f64) -> Event {
        Event {
            kind: "event".into(),
            event_id: format!("ev-{code}-{sentence}"),
            doc_id: "d".into(),
            date: None,
            date_precision: DatePrecision::None,
            date_source: EventDateSource::Document,
            source: None,
            target: None,
            cameo: Cameo {
                code: code.into(),
                base: code[..2].into(),
                root: code[..2].into(),
                goldstein: 0.0,
                quad_class: 4,
                label: String::new(),
            },
            plover: Plover {
                event: None,
                mode: None,
            },
            modality: Modality::Asserted,
            claimant: None,
            location: None,
            confidence,
            mentions: vec![Mention {
                doc_id: "d".into(),
                sentence,
                start: sentence * 10,
                end: sentence * 10 + 5,
                text: String::new(),
            }],
            explanation: Explanation {
                sentence: String::new(),
                predicate: String::new(),
                predicate_start: 0,
                predicate_end: 0,
                pattern: String::new(),
                rules: Vec::new(),
            },
            group: None,
            uncoded_source: None,
            uncoded_target: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::event;
    use super::*;

    /// One act told in three sentences, one of them twice, beside another
    /// act: two events, the first with three mentions, in order of first
    /// telling, the highest confidence kept.
    #[test]
    fn merging_keeps_order_mentions_once_and_best_confidence() {
        let merged = merge_within_document(vec![
            event("190", 0, 0.6),
            event("040", 1, 0.7),
            event("190", 2, 0.8),
            event("190", 2, 0.5),
            event("190", 3, 0.4),
        ]);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].cameo.code, "190");
        let sentences: Vec<usize> = merged[0].mentions.iter().map(|m| m.sentence).collect();
        assert_eq!(sentences, vec![0, 2, 3]);
        assert_eq!(merged[0].confidence, 0.8);
        assert_eq!(merged[1].cameo.code, "040");
    }
}

//! Evaluation harnesses for the event coder, on public gold sets:
//!
//! - [`petrarch`]: PETRARCH's unit-test records with their own dictionaries
//!   (source, target, event code triples);
//! - [`plover`]: the PLOVER gold-standard records (event type, source and
//!   target countries) with the built-in lexicons;
//! - [`case2021`]: CASE 2021 task 2 snippets with 30 ACLED-style event types;
//! - [`wikievents`], [`ipe`], [`news`]: real news (WikiEvents, IndiaPoliceEvents
//!   and the project's hand-coded articles), scored sentence by sentence
//!   through [`Coded`], one coded event per sentence it is told in.
//!
//! Each returns a report with per-category precision/recall/F1 and the list
//! of failures, printable as text or JSON.

pub mod case2021;
pub mod ipe;
pub mod news;
pub mod petrarch;
pub mod plover;
pub mod wikievents;

use rayon::prelude::*;
use serde::Serialize;
pub use sitrep_events::confidence::Threshold;
use sitrep_model::{Actor, Annotation, Document, Event, Modality, NamedSpan};
use sitrep_pipeline::Pipeline;
use std::collections::BTreeMap;

/// Precision, recall and F1 for one category.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

impl Prf {
    fn finish(&mut self) {
        self.precision = ratio(self.tp, self.tp + self.fp);
        self.recall = ratio(self.tp, self.tp + self.fn_);
        self.f1 = if self.precision + self.recall > 0.0 {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        } else {
            0.0
        };
    }
}

pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Per-category P/R/F1 from (gold, predicted) label pairs, with macro and weighted F1.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Confusion {
    pub per_label: BTreeMap<String, Prf>,
    pub macro_f1: f64,
    pub weighted_f1: f64,
    pub accuracy: f64,
}

pub fn confusion(pairs: &[(String, String)]) -> Confusion {
    let mut per: BTreeMap<String, Prf> = BTreeMap::new();
    let mut right = 0;
    for (g, p) in pairs {
        if g == p {
            per.entry(g.clone()).or_default().tp += 1;
            right += 1;
        } else {
            per.entry(g.clone()).or_default().fn_ += 1;
            per.entry(p.clone()).or_default().fp += 1;
        }
        per.entry(g.clone()).or_default().support += 1;
    }
    for v in per.values_mut() {
        v.finish();
    }
    let gold_labels: Vec<&Prf> = per.values().filter(|v| v.support > 0).collect();
    let macro_f1 = gold_labels.iter().map(|v| v.f1).sum::<f64>() / gold_labels.len().max(1) as f64;
    let total: usize = gold_labels.iter().map(|v| v.support).sum();
    let weighted_f1 = gold_labels
        .iter()
        .map(|v| v.f1 * v.support as f64)
        .sum::<f64>()
        / total.max(1) as f64;
    Confusion {
        per_label: per,
        macro_f1,
        weighted_f1,
        accuracy: ratio(right, pairs.len()),
    }
}

/// Print a per-label table.
pub fn print_table(c: &Confusion) -> String {
    let mut s = format!(
        "{:<32} {:>6} {:>6} {:>6} {:>7}\n",
        "label", "P", "R", "F1", "support"
    );
    for (k, v) in &c.per_label {
        s.push_str(&format!(
            "{:<32} {:>6.3} {:>6.3} {:>6.3} {:>7}\n",
            k, v.precision, v.recall, v.f1, v.support
        ));
    }
    s.push_str(&format!(
        "accuracy {:.3}  macro F1 {:.3}  weighted F1 {:.3}\n",
        c.accuracy, c.macro_f1, c.weighted_f1
    ));
    s
}

/// A gold record as the pipeline reads it: its date is the first ten characters of the
/// record's date string when they are `YYYY-MM-DD` (WikiEvents and IPE write
/// `2002-03-01` or `2002-03-01T00:00:00`), else none.
pub fn record_document(id: String, text: String, date: Option<&str>) -> Document {
    Document {
        id,
        text,
        date: date.and_then(|d| chrono::NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok()),
        date_source: sitrep_model::DateSource::Record,
        ..Default::default()
    }
}

/// Items joined by " | " for a failure listing, or "-" when there are none.
pub fn listed(items: &[String]) -> String {
    if items.is_empty() {
        "-".to_string()
    } else {
        items.join(" | ")
    }
}

/// Scores in one confidence band: how many of sitrep's events fall in it and
/// how many of those are right.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Band {
    pub from: f64,
    pub to: f64,
    pub events: usize,
    pub right: usize,
    pub share_right: f64,
}

/// A reliability table: ten confidence bands of a tenth each. A calibrated
/// confidence puts about 0.75 of the events of band 0.7–0.8 right.
#[derive(Debug, Clone, Serialize)]
pub struct Reliability(pub Vec<Band>);

impl Default for Reliability {
    fn default() -> Self {
        Reliability(
            (0..10)
                .map(|i| Band {
                    from: i as f64 / 10.0,
                    to: (i + 1) as f64 / 10.0,
                    ..Default::default()
                })
                .collect(),
        )
    }
}

impl Reliability {
    /// Count one event of this confidence, right or not.
    pub fn add(&mut self, confidence: f64, right: bool) {
        let b = ((confidence * 10.0).floor().max(0.0) as usize).min(9);
        self.0[b].events += 1;
        self.0[b].right += right as usize;
        self.0[b].share_right = ratio(self.0[b].right, self.0[b].events);
    }

    /// The table as text lines, bands with no event left out.
    pub fn to_text(&self, what: &str) -> String {
        let mut s = format!("reliability of {what} (confidence band: events, share right):\n");
        for b in self.0.iter().filter(|b| b.events > 0) {
            s.push_str(&format!(
                "  {:.1}-{:.1}  {:>5}  {:.3}\n",
                b.from, b.to, b.events, b.share_right
            ));
        }
        s
    }
}

/// The pipeline an evaluation runs: it keeps every event, whatever its
/// confidence, so the reliability table sees them all; the threshold the
/// headline figures are scored at is returned beside it (`min_confidence`
/// for every root, else the one `sitrep code` applies).
pub fn scoring_pipeline(
    cfg: &sitrep_pipeline::Config,
    min_confidence: Option<f64>,
) -> anyhow::Result<(Pipeline, Threshold)> {
    let pipeline = Pipeline::new(&sitrep_pipeline::Config {
        min_confidence: Some(0.0),
        ..cfg.clone()
    })?;
    let at = match min_confidence {
        Some(at) => Threshold::every_root(at),
        None => pipeline.confidence.default_threshold(),
    };
    Ok((pipeline, at))
}

/// Run the normal pipeline over documents, in parallel, keeping their order.
pub fn annotate_all(pipeline: &Pipeline, docs: &[Document]) -> Vec<Annotation> {
    docs.par_iter().map(|d| pipeline.annotate(d)).collect()
}

/// One of sitrep's events as told in one sentence: an event merged from
/// several sentences of a document (`mentions`) counts once in each.
#[derive(Debug, Clone, Serialize)]
pub struct Coded {
    pub code: String,
    pub root: String,
    /// Byte offset that places it in a sentence: the predicate's start in the
    /// sentence holding the predicate, else the mention's middle.
    pub at: usize,
    pub predicate: String,
    /// A further mention, in another sentence than the predicate's (merged
    /// within the document, or a reference linked back to it).
    pub retold: bool,
    pub source: Option<Role>,
    pub target: Option<Role>,
    pub confidence: f64,
    pub modality: Modality,
}

/// Who sitrep names in a role: the coded actor, or words no dictionary codes.
#[derive(Debug, Clone, Serialize)]
pub struct Role {
    /// The words as they stand in the text.
    pub text: String,
    /// The actor's canonical name (empty for uncoded words).
    pub name: String,
    /// The CAMEO actor code (empty for uncoded words).
    pub code: String,
    pub sector: Option<String>,
}

impl Role {
    fn of(actor: &Option<Actor>, uncoded: &Option<NamedSpan>) -> Option<Role> {
        match (actor, uncoded) {
            (Some(a), _) => Some(Role {
                text: a.text.clone(),
                name: a.name.clone(),
                code: a.code.clone(),
                sector: a.sector.clone(),
            }),
            (None, Some(n)) => Some(Role {
                text: n.text.clone(),
                name: String::new(),
                code: String::new(),
                sector: None,
            }),
            (None, None) => None,
        }
    }

    /// The role's text and canonical name, for word overlap.
    pub fn words(&self) -> Vec<String> {
        let mut w = content_words(&self.text);
        for x in content_words(&self.name) {
            if !w.contains(&x) {
                w.push(x);
            }
        }
        w
    }
}

/// Whether an event is told as having happened: asserted, or claimed by
/// someone. Negated, future and hypothetical events are not scored as
/// events (the gold sets annotate what happened), nor counted against sitrep.
pub fn occurred(e: &Event) -> bool {
    matches!(e.modality, Modality::Asserted | Modality::Claimed)
}

/// Each event of a document once per sentence that tells it (see [`Coded`]).
pub fn coded_events(events: &[Event]) -> Vec<Coded> {
    let mut out = Vec::new();
    for e in events {
        let p = e.explanation.predicate_start;
        for m in &e.mentions {
            let retold = !(m.start..m.end.max(m.start + 1)).contains(&p);
            let at = if retold {
                m.start + (m.end - m.start) / 2
            } else {
                p
            };
            out.push(Coded {
                code: e.cameo.code.clone(),
                root: e.cameo.root.clone(),
                at,
                predicate: e.explanation.predicate.clone(),
                retold,
                source: Role::of(&e.source, &e.uncoded_source),
                target: Role::of(&e.target, &e.uncoded_target),
                confidence: e.confidence,
                modality: e.modality,
            });
        }
    }
    out
}

/// Words that never decide whether two actor mentions name the same actor.
pub const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from",
    "his", "her", "its", "their", "our", "s", "who", "which", "that", "this", "these", "those",
    "some", "two", "three", "one", "several", "other", "others", "more", "than", "mr", "mrs", "ms",
];

/// Lower-cased words of a mention without function words or possessive
/// endings ("Russia's state-run Tass" → russia, state, run, tass).
pub fn content_words(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}') {
        let w = w
            .trim_matches(|c| c == '\'' || c == '\u{2019}')
            .trim_end_matches("'s")
            .trim_end_matches("\u{2019}s")
            .to_lowercase();
        if !w.is_empty() && !FUNCTION_WORDS.contains(&w.as_str()) && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// Whether two word lists share a word.
pub fn share_word(a: &[String], b: &[String]) -> bool {
    a.iter().any(|w| b.contains(w))
}

/// Byte offset of a character offset (the gold files count characters).
pub fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(b, _)| b)
}

/// Greedy one-to-one matching within one sentence: `score(g, p)` is `None`
/// when gold `g` and prediction `p` cannot match, else a rank (higher first);
/// pairs are taken best first, ties in gold then prediction order.
pub fn match_greedy(
    golds: usize,
    preds: usize,
    score: impl Fn(usize, usize) -> Option<u32>,
) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(u32, usize, usize)> = Vec::new();
    for g in 0..golds {
        for p in 0..preds {
            if let Some(s) = score(g, p) {
                pairs.push((s, g, p));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut gu, mut pu) = (vec![false; golds], vec![false; preds]);
    let mut out = Vec::new();
    for (_, g, p) in pairs {
        if !gu[g] && !pu[p] {
            gu[g] = true;
            pu[p] = true;
            out.push((g, p));
        }
    }
    out.sort();
    out
}

/// Locate the shared evaluation data beside the project (`../shared`), for tests.
pub fn shared_dir() -> Option<std::path::PathBuf> {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        here.join("../../../shared"),
        std::path::PathBuf::from("/work/shared"),
    ];
    candidates.into_iter().find(|p| p.join("eval").is_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greedy_takes_the_best_pair_first() {
        // gold 0 fits both predictions, gold 1 only the first: the better
        // pair (0,1) goes first, so both golds are matched
        let m = match_greedy(2, 2, |g, p| match (g, p) {
            (0, 0) => Some(1),
            (0, 1) => Some(2),
            (1, 0) => Some(1),
            _ => None,
        });
        assert_eq!(m, vec![(0, 1), (1, 0)]);
    }

    #[test]
    fn content_words_drop_function_words_and_possessives() {
        assert_eq!(
            content_words("Russia\u{2019}s state-run Tass and the army's men"),
            vec!["russia", "state", "run", "tass", "army", "men"]
        );
        assert_eq!(char_to_byte("é a", 1), 2);
    }

    #[test]
    fn confusion_macro_and_weighted() {
        let pairs: Vec<(String, String)> = [("A", "A"), ("A", "B"), ("B", "B"), ("B", "B")]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        let c = confusion(&pairs);
        assert!((c.accuracy - 0.75).abs() < 1e-9);
        let a = &c.per_label["A"];
        assert_eq!((a.tp, a.fn_, a.fp), (1, 1, 0));
        assert!((a.f1 - 2.0 / 3.0).abs() < 1e-9);
        let b = &c.per_label["B"];
        assert!((b.f1 - 0.8).abs() < 1e-9);
        assert!((c.macro_f1 - (2.0 / 3.0 + 0.8) / 2.0).abs() < 1e-9);
    }
}

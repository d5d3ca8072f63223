//! Events: who did what to whom, coded in CAMEO and PLOVER, with modality,
//! dates, places and an explanation; and the casualty and captive figures
//! the same sentences report.

pub mod claims;
mod coder;
mod english;
pub mod grammar;
mod lexicon;
pub mod petrarch;
mod refer;

pub use coder::{Coder, CoderOptions, SentenceInput, Speech, REFERS_BACK};
pub use lexicon::{
    verb_forms, CodeInfo, FormKind, PatElem, Pattern, PredKind, PredicateFiles, PredicateLexicon,
};
pub use refer::link_references;

use sitrep_model::{Actor, Event, NamedSpan};

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
/// no dictionary codes counts by its words' last word.
pub fn merge_within_document(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for e in events {
        let key = |x: &Event| {
            (
                x.date,
                who(&x.source, &x.uncoded_source),
                who(&x.target, &x.uncoded_target),
                x.cameo.code.clone(),
                x.modality,
            )
        };
        if let Some(existing) = out.iter_mut().find(|x| key(x) == key(&e)) {
            for m in e.mentions {
                if !existing.mentions.contains(&m) {
                    existing.mentions.push(m);
                }
            }
            existing.confidence = existing.confidence.max(e.confidence);
            if existing.location.is_none() {
                existing.location = e.location;
            }
        } else {
            out.push(e);
        }
    }
    out
}

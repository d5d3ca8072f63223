//! Events: who did what to whom, coded in CAMEO and PLOVER, with modality,
//! dates, places and an explanation; and the casualty and captive figures
//! the same sentences report.

pub mod claims;
mod coder;
mod lexicon;
pub mod petrarch;
mod refer;

pub use coder::{Coder, CoderOptions, SentenceInput, Speech, REFERS_BACK};
pub use lexicon::{
    verb_forms, CodeInfo, FormKind, PatElem, Pattern, PredKind, PredicateFiles, PredicateLexicon,
};
pub use refer::link_references;

use sitrep_model::Event;

/// Merge events of one document that record the same thing: one event per
/// (date, source, target, code, modality), with all its mentions.
pub fn merge_within_document(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for e in events {
        let key = |x: &Event| {
            (
                x.date,
                x.source.as_ref().map(|a| a.id.clone()),
                x.target.as_ref().map(|a| a.id.clone()),
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

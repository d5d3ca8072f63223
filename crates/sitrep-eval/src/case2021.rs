//! CASE 2021 task 2: news snippets labelled with 30 ACLED-style event types.
//!
//! sitrep codes CAMEO events, not ACLED types, so each snippet is labelled
//! from the events sitrep codes in it through a fixed mapping (below), the
//! most specific mapped event winning. Snippets where sitrep codes nothing
//! that maps are labelled OTHER. This is a baseline for the event coder, not
//! a trained classifier: types CAMEO has no code for (natural and man-made
//! disasters, headquarters established, weapons disrupted) cannot be found.

use crate::{confusion, Confusion};
use anyhow::Context;
use rayon::prelude::*;
use serde::Serialize;
use sitrep_model::{Document, Event};
use sitrep_pipeline::{Config, Pipeline};
use std::path::Path;

/// The ACLED-style type for one event, with a specificity rank (higher wins).
pub fn acled_type(e: &Event) -> Option<(&'static str, u8)> {
    let code = e.cameo.code.as_str();
    let base = e.cameo.base.as_str();
    let root = e.cameo.root.as_str();
    let state_side = |a: &Option<sitrep_model::Actor>| {
        a.as_ref().is_some_and(|a| {
            a.sector
                .as_deref()
                .is_some_and(|s| matches!(s, "GOV" | "MIL" | "COP"))
        })
    };
    let r = match (root, base, code) {
        (_, "195", _) => ("AIR_STRIKE", 9),
        (_, "194", _) => ("ART_MISS_ATTACK", 9),
        (_, _, "1831") => ("SUIC_BOMB", 9),
        (_, "183", _) => ("REM_EXPLOS", 8),
        (_, "204", _) => ("CHEM_WEAP", 9),
        (_, _, "1821") => ("SEX_VIOL", 9),
        (_, "181", _) => ("ABDUCT_DISSAP", 8),
        (_, "192", _) if state_side(&e.source) => ("GOV_REGAINS_TERIT", 8),
        (_, "192", _) => ("NON_STATE_ACTOR_OVERTAKES_TER", 8),
        (_, "145", _) => ("VIOL_DEMONSTR", 8),
        (_, "175", _) => ("FORCE_AGAINST_PROTEST", 8),
        (_, "173", _) | (_, "172", _) => ("ARREST", 7),
        (_, _, "1712") => ("PROPERTY_DISTRUCT", 7),
        (_, "190", _) | (_, "193", _) | (_, "191", _) => ("ARMED_CLASH", 6),
        ("18", _, _) | ("20", _, _) | ("19", _, _) => ("ATTACK", 5),
        ("14", _, _) => ("PEACE_PROTEST", 6),
        (_, "087", "0871") => ("AGREEMENT", 4),
        (_, "087", _) | (_, "086", _) => ("NON_VIOL_TERRIT_TRANSFER", 5),
        (_, "057", _) | ("03", _, _) => ("AGREEMENT", 4),
        ("15", _, _) => ("CHANGE_TO_GROUP_ACT", 3),
        ("04", _, _) | ("05", _, _) | ("06", _, _) | ("07", _, _) => ("DIPLO", 2),
        _ => return None,
    };
    Some(r)
}

#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub id: String,
    pub text: String,
    pub gold: String,
    pub got: String,
    pub codes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub snippets: usize,
    pub confusion: Confusion,
    pub failures: Vec<Failure>,
}

pub fn evaluate(file: &Path) -> anyhow::Result<Report> {
    let raw =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let rows: Vec<(String, String, String)> = raw
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((
                f.next()?.to_string(),
                f.next()?.to_string(),
                f.next()?.trim().to_string(),
            ))
        })
        .filter(|r| !r.2.is_empty())
        .collect();
    let pipeline = Pipeline::new(&Config {
        any_language: true,
        keep_actorless: true,
        ..Default::default()
    })?;
    let results: Vec<Failure> = rows
        .into_par_iter()
        .map(|(id, text, gold)| {
            let doc = Document {
                id: id.clone(),
                text: text.clone(),
                ..Default::default()
            };
            let ann = pipeline.annotate(&doc);
            let best = ann
                .events
                .iter()
                .filter(|e| e.modality != sitrep_model::Modality::Negated)
                .filter_map(|e| acled_type(e).map(|t| (t, e.confidence)))
                .max_by(|a, b| {
                    a.0 .1
                        .cmp(&b.0 .1)
                        .then(a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal))
                });
            let got = best
                .map(|b| b.0 .0.to_string())
                .unwrap_or_else(|| "OTHER".into());
            Failure {
                id,
                text,
                gold,
                got,
                codes: ann.events.iter().map(|e| e.cameo.code.clone()).collect(),
            }
        })
        .collect();
    let pairs: Vec<(String, String)> = results
        .iter()
        .map(|r| (r.gold.clone(), r.got.clone()))
        .collect();
    Ok(Report {
        snippets: results.len(),
        confusion: confusion(&pairs),
        failures: results.into_iter().filter(|r| r.gold != r.got).collect(),
    })
}

impl Report {
    pub fn to_text(&self, show_failures: usize) -> String {
        let mut s = format!(
            "CASE 2021 task 2: {} snippets, 30 ACLED-style types\n",
            self.snippets
        );
        s.push_str(&crate::print_table(&self.confusion));
        if show_failures > 0 {
            s.push_str(&format!(
                "\nfailures ({}; first {}):\n",
                self.failures.len(),
                show_failures.min(self.failures.len())
            ));
            for f in self.failures.iter().take(show_failures) {
                let t: String = f.text.chars().take(160).collect();
                s.push_str(&format!(
                    "- {} gold {} got {} codes {:?}: {}\n",
                    f.id, f.gold, f.got, f.codes, t
                ));
            }
        }
        s
    }
}

//! The PLOVER gold-standard records (CAMEO-manual example sentences with
//! source, target and event type), coded with the built-in lexicons.
//!
//! The records use the 2016 PLOVER vocabulary, which follows CAMEO's cue
//! categories (INVESTIGATE, DEMAND, DISAPPROVE, FIGHT, …); sitrep's
//! `plover.event` follows the 2021 table (ACCUSE, REQUEST, ASSAULT, …). So the
//! comparison maps sitrep's CAMEO code to the 2016 names by root: 03 AGREE,
//! 04 CONSULT, 05 SUPPORT, 06 COOPERATE, 07 AID, 081–083 CONCEDE, 084–087
//! RETREAT, 09 INVESTIGATE, 10 DEMAND, 11 DISAPPROVE, 12 REJECT, 13
//! THREATEN, 14 PROTEST, 15 MOBILIZE, 16 SANCTION, 17 COERCE, 18 ASSAULT,
//! 19–20 FIGHT. The predicted event of a record is sitrep's most confident
//! asserted-or-reported event of the sentence.

use crate::{confusion, ratio, Confusion};
use anyhow::Context;
use rayon::prelude::*;
use serde::Serialize;
use sitrep_model::{DateSource, Document, Event};
use sitrep_pipeline::{Config, Pipeline};
use std::path::Path;

/// The 2016 PLOVER event name of a CAMEO code.
pub fn plover2016(code: &str) -> &'static str {
    let root = code.get(..2).unwrap_or("");
    let base = code.get(..3).unwrap_or("");
    match root {
        "01" | "02" => "NONE",
        "03" => "AGREE",
        "04" => "CONSULT",
        "05" => "SUPPORT",
        "06" => "COOPERATE",
        "07" => "AID",
        "08" if matches!(base, "084" | "085" | "086" | "087") => "RETREAT",
        "08" => "CONCEDE",
        "09" => "INVESTIGATE",
        "10" => "DEMAND",
        "11" => "DISAPPROVE",
        "12" => "REJECT",
        "13" => "THREATEN",
        "14" => "PROTEST",
        "15" => "MOBILIZE",
        "16" => "SANCTION",
        "17" => "COERCE",
        "18" => "ASSAULT",
        "19" | "20" => "FIGHT",
        _ => "NONE",
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub id: String,
    pub text: String,
    pub gold_event: String,
    pub gold_source: Vec<String>,
    pub gold_target: Vec<String>,
    pub got_event: String,
    pub got_source: Option<String>,
    pub got_target: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub records: usize,
    pub event_type_right: usize,
    pub event_type_accuracy: f64,
    /// Records where any of sitrep's events has the gold type.
    pub any_event_right: usize,
    pub source_records: usize,
    pub source_right: usize,
    pub source_accuracy: f64,
    pub target_records: usize,
    pub target_right: usize,
    pub target_accuracy: f64,
    pub confusion: Confusion,
    pub failures: Vec<Failure>,
}

fn countries(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x["code"].as_str())
                .map(|c| same_country(c.get(..3).unwrap_or(c)).to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The gold set writes a few countries with codes that are neither CAMEO's
/// nor ISO's (JAP, ITL, VTN) or with ISO's where CAMEO differs (TLS for
/// CAMEO's TMP): read them as the codes sitrep uses for the same country.
fn same_country(code: &str) -> &str {
    match code {
        "JAP" => "JPN",
        "ITL" => "ITA",
        "VTN" => "VNM",
        "TLS" => "TMP",
        c => c,
    }
}

fn actor_country(a: &Option<sitrep_model::Actor>) -> Option<String> {
    a.as_ref().map(|a| {
        a.country
            .clone()
            .unwrap_or_else(|| a.code.get(..3).unwrap_or(&a.code).to_string())
    })
}

/// Choose the event that stands for the sentence: the first coded event
/// with a source (the main clause's predicate comes first in news
/// sentences), else the first event.
fn main_event(events: &[Event]) -> Option<&Event> {
    let mapped = || {
        events
            .iter()
            .filter(|e| plover2016(&e.cameo.code) != "NONE")
    };
    mapped()
        .find(|e| e.source.is_some())
        .or_else(|| mapped().next())
}

pub fn evaluate(file: &Path) -> anyhow::Result<Report> {
    let raw =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let records: Vec<serde_json::Value> =
        serde_json::from_str(&raw).context("parsing the PLOVER records (a JSON array)")?;
    let pipeline = Pipeline::new(&Config {
        any_language: true,
        ..Default::default()
    })?;
    let rows: Vec<(serde_json::Value, Vec<Event>)> = records
        .into_par_iter()
        .filter(|r| r["event"].as_str().is_some_and(|e| e != "DOCUMENT") && r["text"].is_string())
        .map(|r| {
            let doc = Document {
                id: r["id"].as_str().unwrap_or("").to_string(),
                text: r["text"].as_str().unwrap_or("").to_string(),
                date: r["date"]
                    .as_str()
                    .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
                date_source: DateSource::Record,
                ..Default::default()
            };
            let ann = pipeline.annotate(&doc);
            (r, ann.events)
        })
        .collect();
    let mut pairs = Vec::new();
    let mut rep = Report {
        records: rows.len(),
        event_type_right: 0,
        event_type_accuracy: 0.0,
        any_event_right: 0,
        source_records: 0,
        source_right: 0,
        source_accuracy: 0.0,
        target_records: 0,
        target_right: 0,
        target_accuracy: 0.0,
        confusion: Confusion::default(),
        failures: Vec::new(),
    };
    for (r, events) in &rows {
        let gold = r["event"].as_str().unwrap_or("").to_string();
        let gs = countries(&r["source"]);
        let gt = countries(&r["target"]);
        let main = main_event(events);
        let got = main
            .map(|e| plover2016(&e.cameo.code).to_string())
            .unwrap_or_else(|| "NONE".into());
        if events.iter().any(|e| plover2016(&e.cameo.code) == gold) {
            rep.any_event_right += 1;
        }
        let type_right = got == gold;
        if type_right {
            rep.event_type_right += 1;
        }
        pairs.push((gold.clone(), got.clone()));
        let got_s = main.and_then(|e| actor_country(&e.source));
        let got_t = main.and_then(|e| actor_country(&e.target));
        let mut right = type_right;
        if !gs.is_empty() {
            rep.source_records += 1;
            if got_s.as_ref().is_some_and(|c| gs.contains(c)) {
                rep.source_right += 1;
            } else {
                right = false;
            }
        }
        if !gt.is_empty() {
            rep.target_records += 1;
            if got_t.as_ref().is_some_and(|c| gt.contains(c)) {
                rep.target_right += 1;
            } else {
                right = false;
            }
        }
        if !right {
            rep.failures.push(Failure {
                id: r["id"].as_str().unwrap_or("").into(),
                text: r["text"].as_str().unwrap_or("").into(),
                gold_event: gold,
                gold_source: gs,
                gold_target: gt,
                got_event: got,
                got_source: got_s,
                got_target: got_t,
            });
        }
    }
    rep.event_type_accuracy = ratio(rep.event_type_right, rep.records);
    rep.source_accuracy = ratio(rep.source_right, rep.source_records);
    rep.target_accuracy = ratio(rep.target_right, rep.target_records);
    rep.confusion = confusion(&pairs);
    Ok(rep)
}

impl Report {
    pub fn to_text(&self, show_failures: usize) -> String {
        let mut s = format!(
            "PLOVER gold standard: {} records\n\
             event type (main event):  {}/{} = {:.1}%\n\
             event type (any event):   {}/{} = {:.1}%\n\
             source country:           {}/{} = {:.1}%\n\
             target country:           {}/{} = {:.1}%\n\n",
            self.records,
            self.event_type_right,
            self.records,
            100.0 * self.event_type_accuracy,
            self.any_event_right,
            self.records,
            100.0 * ratio(self.any_event_right, self.records),
            self.source_right,
            self.source_records,
            100.0 * self.source_accuracy,
            self.target_right,
            self.target_records,
            100.0 * self.target_accuracy
        );
        s.push_str(&crate::print_table(&self.confusion));
        if show_failures > 0 {
            s.push_str(&format!(
                "\nfailures ({}; first {}):\n",
                self.failures.len(),
                show_failures.min(self.failures.len())
            ));
            for f in self.failures.iter().take(show_failures) {
                s.push_str(&format!(
                    "- {} {}\n  gold {} {:?}→{:?}; got {} {:?}→{:?}\n",
                    f.id,
                    f.text,
                    f.gold_event,
                    f.gold_source,
                    f.gold_target,
                    f.got_event,
                    f.got_source,
                    f.got_target
                ));
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_to_2016_names() {
        assert_eq!(plover2016("0871"), "RETREAT");
        assert_eq!(plover2016("081"), "CONCEDE");
        assert_eq!(plover2016("195"), "FIGHT");
        assert_eq!(plover2016("111"), "DISAPPROVE");
        assert_eq!(plover2016("010"), "NONE");
    }
}

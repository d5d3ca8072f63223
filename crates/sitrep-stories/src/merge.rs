//! One real-world event from many reports.
//!
//! Mentions of one event across documents become one merged event when
//! they have the same actors (in either order for cooperative, reciprocal
//! codes such as agreements and talks), the same CAMEO root, the same
//! modality class (a denial never merges with an assertion), and compatible
//! dates: two dates written in the text agree to within a day; a date that
//! is only the publication date fits an event up to a week earlier. The
//! merged event takes the most precise date any report gives — "the November
//! 9 declaration" in one report dates "the leaders signed a joint statement"
//! in another. Syndicated copies count as articles but not as independent
//! sources.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use sitrep_model::{
    stable_id, Actor, Cameo, DatePrecision, Event, EventDateSource, Mention, Modality, Plover,
};
use std::collections::{BTreeSet, HashMap};

/// What merging needs to know about an event's document.
#[derive(Debug, Clone)]
pub struct DocInfo {
    pub doc_id: String,
    pub outlet: Option<String>,
    /// The document this one is a syndicated copy of.
    pub copy_of: Option<String>,
}

/// An event reported by one or more documents.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MergedEvent {
    pub kind: String,
    pub merged_id: String,
    pub story_id: Option<String>,
    pub date: Option<NaiveDate>,
    pub date_precision: DatePrecision,
    pub date_source: EventDateSource,
    pub source: Option<Actor>,
    pub target: Option<Actor>,
    pub cameo: Cameo,
    pub plover: Plover,
    pub modality: Modality,
    pub num_mentions: usize,
    pub num_sources: usize,
    pub num_articles: usize,
    pub event_ids: Vec<String>,
    pub doc_ids: Vec<String>,
    pub outlets: Vec<String>,
    pub mentions: Vec<Mention>,
}

const RECIPROCAL_ROOTS: &[&str] = &["03", "04", "05", "06", "08"];

fn code(a: &Option<Actor>) -> String {
    a.as_ref().map(|a| a.code.clone()).unwrap_or_default()
}

/// The family of codes that can describe one event: agreeing to,
/// signing and declaring a ceasefire or settlement are one family (03x,
/// 057, 0871); otherwise the root.
pub fn family(code: &str) -> String {
    let root = code.get(..2).unwrap_or(code);
    if root == "03" || code.starts_with("057") || code.starts_with("0871") {
        "agree".into()
    } else {
        root.to_string()
    }
}

fn key(e: &Event) -> (String, String, String, bool) {
    let (s, t) = (code(&e.source), code(&e.target));
    let negated = e.modality == Modality::Negated;
    let fam = family(&e.cameo.code);
    if (RECIPROCAL_ROOTS.contains(&e.cameo.root.as_str()) || fam == "agree") && t < s {
        (t, s, fam, negated)
    } else {
        (s, t, fam, negated)
    }
}

/// How much a date is worth: a date written in the text, to the day, wins.
fn date_rank(e: &Event) -> (u8, u8) {
    let src = match e.date_source {
        EventDateSource::Text => 3,
        EventDateSource::Inferred => 2,
        EventDateSource::Document => 1,
        EventDateSource::None => 0,
    };
    let prec = match e.date_precision {
        DatePrecision::Day => 3,
        DatePrecision::Month => 2,
        DatePrecision::Year => 1,
        DatePrecision::None => 0,
    };
    (src, prec)
}

fn compatible(group_best: &Event, e: &Event) -> bool {
    let (Some(a), Some(b)) = (group_best.date, e.date) else {
        return true;
    };
    let explicit = |x: &Event| {
        x.date_source == EventDateSource::Text && x.date_precision == DatePrecision::Day
    };
    match (explicit(group_best), explicit(e)) {
        (true, true) => (a - b).num_days().abs() <= 1,
        // a publication date falls on or up to a week after the event
        (true, false) => b >= a - Duration::days(1) && b <= a + Duration::days(7),
        (false, true) => a >= b - Duration::days(1) && a <= b + Duration::days(7),
        (false, false) => (a - b).num_days().abs() <= 3,
    }
}

/// Merge the events of a set of documents (typically one story).
pub fn merge(
    events: &[Event],
    docs: &HashMap<String, DocInfo>,
    story_id: Option<&str>,
) -> Vec<MergedEvent> {
    // stable order: by event id, so the result does not depend on arrival order
    let mut sorted: Vec<&Event> = events.iter().collect();
    sorted.sort_by(|a, b| a.event_id.cmp(&b.event_id));
    let mut groups: Vec<Vec<&Event>> = Vec::new();
    let mut best_of: Vec<usize> = Vec::new();
    let mut by_key: HashMap<(String, String, String, bool), Vec<usize>> = HashMap::new();
    for e in sorted {
        let k = key(e);
        let slot = by_key.get(&k).and_then(|gs| {
            gs.iter()
                .copied()
                .find(|&g| compatible(groups[g][best_of[g]], e))
        });
        match slot {
            Some(g) => {
                groups[g].push(e);
                let n = groups[g].len() - 1;
                if date_rank(e) > date_rank(groups[g][best_of[g]]) {
                    best_of[g] = n;
                }
            }
            None => {
                groups.push(vec![e]);
                best_of.push(0);
                by_key.entry(k).or_default().push(groups.len() - 1);
            }
        }
    }
    // A report that leaves out an actor ("civilians were killed in the
    // attack") is the same event as one that names it, when exactly one
    // group has the same root, the actor it does name and a compatible date.
    let mut absorbed = vec![false; groups.len()];
    for g in 0..groups.len() {
        let rep = groups[g][best_of[g]];
        let (s, t) = (code(&rep.source), code(&rep.target));
        if !(s.is_empty() || t.is_empty()) || (s.is_empty() && t.is_empty()) {
            continue;
        }
        let negated = rep.modality == Modality::Negated;
        let fits: Vec<usize> = (0..groups.len())
            .filter(|&h| h != g && !absorbed[h])
            .filter(|&h| {
                let o = groups[h][best_of[h]];
                let (os, ot) = (code(&o.source), code(&o.target));
                !os.is_empty()
                    && !ot.is_empty()
                    && family(&o.cameo.code) == family(&rep.cameo.code)
                    && (o.modality == Modality::Negated) == negated
                    && (s.is_empty()
                        || s == os
                        || (RECIPROCAL_ROOTS.contains(&o.cameo.root.as_str()) && s == ot))
                    && (t.is_empty()
                        || t == ot
                        || (RECIPROCAL_ROOTS.contains(&o.cameo.root.as_str()) && t == os))
                    && compatible(o, rep)
            })
            .collect();
        if let [h] = fits[..] {
            absorbed[g] = true;
            let moved = std::mem::take(&mut groups[g]);
            for e in moved {
                groups[h].push(e);
                let n = groups[h].len() - 1;
                if date_rank(e) > date_rank(groups[h][best_of[h]]) {
                    best_of[h] = n;
                }
            }
        }
    }
    let (groups, best_of): (Vec<Vec<&Event>>, Vec<usize>) = groups
        .into_iter()
        .zip(best_of)
        .filter(|(g, _)| !g.is_empty())
        .unzip();
    // the independent source of a document: its original's outlet if it is a copy
    let source_key = |doc_id: &str| -> String {
        let mut d = doc_id.to_string();
        for _ in 0..4 {
            match docs.get(&d).and_then(|i| i.copy_of.clone()) {
                Some(o) => d = o,
                None => break,
            }
        }
        docs.get(&d).and_then(|i| i.outlet.clone()).unwrap_or(d)
    };
    groups
        .into_iter()
        .zip(best_of)
        .map(|(g, b)| {
            let best = g[b];
            let doc_ids: BTreeSet<String> = g.iter().map(|e| e.doc_id.clone()).collect();
            let sources: BTreeSet<String> = doc_ids.iter().map(|d| source_key(d)).collect();
            let outlets: BTreeSet<String> = doc_ids
                .iter()
                .filter_map(|d| docs.get(d).and_then(|i| i.outlet.clone()))
                .collect();
            let mut mentions: Vec<Mention> = Vec::new();
            for e in &g {
                for m in &e.mentions {
                    if !mentions.contains(m) {
                        mentions.push(m.clone());
                    }
                }
            }
            let event_ids: Vec<String> = g.iter().map(|e| e.event_id.clone()).collect();
            // the most specific code any report gives, among those of the root
            let cameo = g
                .iter()
                .map(|e| &e.cameo)
                .max_by_key(|c| c.code.len())
                .cloned()
                .unwrap_or_else(|| best.cameo.clone());
            let plover = g
                .iter()
                .find(|e| e.cameo.code == cameo.code)
                .map(|e| e.plover.clone())
                .unwrap_or_else(|| best.plover.clone());
            MergedEvent {
                kind: "merged_event".into(),
                merged_id: stable_id("me-", &[&event_ids[0]]),
                story_id: story_id.map(str::to_string),
                date: best.date,
                date_precision: best.date_precision,
                date_source: best.date_source,
                source: best.source.clone(),
                target: best.target.clone(),
                cameo,
                plover,
                modality: best.modality,
                num_mentions: mentions.len(),
                num_sources: sources.len(),
                num_articles: doc_ids.len(),
                event_ids,
                doc_ids: doc_ids.into_iter().collect(),
                outlets: outlets.into_iter().collect(),
                mentions,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::Explanation;

    fn actor(code: &str) -> Actor {
        Actor {
            id: code.into(),
            code: code.into(),
            country: Some(code[..3].into()),
            sector: None,
            name: code.into(),
            text: code.into(),
            start: 0,
            end: 0,
        }
    }

    fn ev(
        id: &str,
        doc: &str,
        s: &str,
        t: &str,
        code: &str,
        date: &str,
        src: EventDateSource,
    ) -> Event {
        Event {
            kind: "event".into(),
            event_id: id.into(),
            doc_id: doc.into(),
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            date_precision: DatePrecision::Day,
            date_source: src,
            source: Some(actor(s)),
            target: Some(actor(t)),
            cameo: Cameo {
                code: code.into(),
                base: code[..3].into(),
                root: code[..2].into(),
                goldstein: 0.0,
                quad_class: 1,
                label: String::new(),
            },
            plover: Plover {
                event: None,
                mode: None,
            },
            modality: Modality::Asserted,
            claimant: None,
            location: None,
            confidence: 0.5,
            mentions: vec![Mention {
                doc_id: doc.into(),
                sentence: 0,
                start: 0,
                end: 1,
                text: id.into(),
            }],
            explanation: Explanation {
                sentence: String::new(),
                predicate: String::new(),
                predicate_start: 0,
                predicate_end: 0,
                pattern: String::new(),
                rules: vec![],
            },
            group: None,
        }
    }

    #[test]
    fn reports_merge_and_take_the_written_date() {
        let events = vec![
            ev(
                "e1",
                "d1",
                "RUSGOV",
                "AZEGOV",
                "057",
                "2020-11-09",
                EventDateSource::Text,
            ),
            ev(
                "e2",
                "d2",
                "AZEGOV",
                "RUSGOV",
                "057",
                "2020-11-11",
                EventDateSource::Document,
            ),
            ev(
                "e3",
                "d3",
                "RUSGOV",
                "AZEGOV",
                "057",
                "2020-11-10",
                EventDateSource::Document,
            ),
            ev(
                "e4",
                "d3",
                "AZEMIL",
                "ARMMIL",
                "190",
                "2020-11-10",
                EventDateSource::Document,
            ),
            ev(
                "e5",
                "d4",
                "RUSGOV",
                "AZEGOV",
                "057",
                "2021-03-10",
                EventDateSource::Text,
            ),
        ];
        let docs: HashMap<String, DocInfo> = [
            ("d1", "wire", None),
            ("d2", "paper", None),
            ("d3", "other-wire", Some("d1")),
            ("d4", "wire", None),
        ]
        .into_iter()
        .map(|(d, o, c)| {
            (
                d.to_string(),
                DocInfo {
                    doc_id: d.into(),
                    outlet: Some(o.into()),
                    copy_of: c.map(str::to_string),
                },
            )
        })
        .collect();
        let m = merge(&events, &docs, Some("s"));
        assert_eq!(m.len(), 3);
        let signing = m
            .iter()
            .find(|x| x.num_articles == 3)
            .expect("three reports merged");
        assert_eq!(signing.date, NaiveDate::from_ymd_opt(2020, 11, 9));
        assert_eq!(signing.date_source, EventDateSource::Text);
        // d3 is a copy of d1: two independent sources
        assert_eq!(signing.num_sources, 2);
        assert_eq!(signing.num_mentions, 3);
    }
}

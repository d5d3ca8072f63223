//! WikiEvents (KAIROS events in real news cited by Wikipedia), converted to
//! CAMEO roots (`../shared/eval/wikievents`, its README and MAPPING).
//!
//! Each document's text holds one sentence per line; it goes through the
//! normal pipeline as it is (each line is a sentence boundary there too) and
//! every event sitrep codes is placed on the line holding its predicate
//! ([`crate::coded_events`]; an event merged from several sentences counts in
//! each). Only events told as having happened count ([`crate::occurred`]).
//!
//! Scoring, line by line:
//! - gold events with CAMEO roots and sitrep's events are matched one to one
//!   ([`crate::match_greedy`]): a pair fits when sitrep's root is one of the
//!   gold's roots; pairs whose roles are right go first;
//! - **violence and coercion** (gold events with a root 17–20 among their
//!   roots): recall = such gold events matched; precision = sitrep's events
//!   with root 17–20 that are matched (necessarily to such an event), over
//!   all sitrep's events with root 17–20;
//! - **roles**, over matched violence and coercion events where the gold
//!   names the role: sitrep's source (target) is right when one of its
//!   content words (its text or canonical name, [`crate::Role::words`])
//!   is a word of one of the gold's source (target) argument texts or of
//!   their canonical mentions ([`role_right`]);
//! - **other mapped roots**: recall per root set (statements 01, meetings
//!   04, ...), as WikiEvents does not annotate them exhaustively.

use crate::{
    annotate_all, coded_events, content_words, listed, match_greedy, occurred, ratio,
    record_document, share_word, Coded, Reliability, Role,
};
use anyhow::Context;
use serde::{Deserialize, Serialize};
use sitrep_model::Document;
use sitrep_pipeline::Config;
use std::collections::BTreeMap;
use std::path::Path;

/// The CAMEO roots of violence and coercion, which WikiEvents annotates exhaustively.
pub const VIOLENCE_ROOTS: [&str; 4] = ["17", "18", "19", "20"];

/// Whether a CAMEO root is one of violence and coercion.
pub fn is_violence(root: &str) -> bool {
    VIOLENCE_ROOTS.contains(&root)
}

/// One document of the converted file.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDoc {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
}

/// One annotated event.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct GoldEvent {
    #[serde(default)]
    pub id: String,
    pub trigger: String,
    /// Character offsets of the trigger into the document text.
    pub trigger_span: [usize; 2],
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub cameo_roots: Vec<String>,
    #[serde(default)]
    pub source: Vec<String>,
    #[serde(default)]
    pub target: Vec<String>,
    #[serde(default)]
    pub source_canonical: Option<Vec<String>>,
    #[serde(default)]
    pub target_canonical: Option<Vec<String>>,
}

impl GoldEvent {
    fn violent(&self) -> bool {
        self.cameo_roots.iter().any(|r| is_violence(r))
    }

    /// The words of the gold's argument texts and canonical mentions for a role.
    fn role_words(texts: &[String], canon: &Option<Vec<String>>) -> Vec<Vec<String>> {
        texts
            .iter()
            .chain(canon.iter().flatten())
            .map(|t| content_words(t))
            .filter(|w| !w.is_empty())
            .collect()
    }

    pub fn source_words(&self) -> Vec<Vec<String>> {
        Self::role_words(&self.source, &self.source_canonical)
    }

    pub fn target_words(&self) -> Vec<Vec<String>> {
        Self::role_words(&self.target, &self.target_canonical)
    }

    fn describe(&self) -> String {
        format!(
            "{} {:?} [{}] {:?} -> {:?}",
            self.kind,
            self.trigger,
            self.cameo_roots.join(","),
            self.source,
            self.target
        )
    }
}

/// Whether sitrep's role names one of the gold's arguments: a content word
/// of sitrep's words is a word of one argument text or canonical mention.
/// No role named by sitrep is never right.
pub fn role_right(got: Option<&Role>, gold: &[Vec<String>]) -> bool {
    got.is_some_and(|r| {
        let w = r.words();
        gold.iter().any(|g| share_word(&w, g))
    })
}

/// Recall for one kind of gold event.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Recall {
    pub gold: usize,
    pub found: usize,
    pub recall: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// A violence or coercion gold event no sitrep event of its roots matched.
    Missed,
    /// A sitrep event with root 17-20 that matched no gold event.
    Wrong,
    WrongSource,
    WrongTarget,
    /// A gold event of another mapped root that was not found.
    MissedOther,
}

#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub kind: FailureKind,
    pub doc: String,
    pub sentence: String,
    /// The gold event(s) of the sentence that concern it (all, for `wrong`).
    pub gold: Vec<String>,
    pub got: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub documents: usize,
    pub skipped_documents: usize,
    /// The documents the pipeline did not code, with its reason.
    pub skipped: Vec<String>,
    pub violence_gold: usize,
    pub violence_found: usize,
    pub violence_predicted: usize,
    pub violence_predicted_right: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Of sitrep's events with root 17-20, those told again in a sentence
    /// other than their predicate's (merged mentions), and how many matched.
    pub violence_predicted_retold: usize,
    pub violence_retold_right: usize,
    /// sitrep's events with root 17-20 whose sentence holds any gold event
    /// with that root, one gold event serving many: a lenient precision.
    pub violence_predicted_in_gold_sentence: usize,
    pub precision_any_match: f64,
    pub source_named: usize,
    pub source_right: usize,
    pub target_named: usize,
    pub target_right: usize,
    /// Recall of the other mapped roots, keyed by the gold's root set ("01,04").
    pub other_roots: BTreeMap<String, Recall>,
    /// The confidence threshold the figures above are scored at.
    pub min_confidence: f64,
    /// Share of sitrep's violence and coercion events matched, by
    /// confidence, over every such event whatever the threshold.
    pub reliability: Reliability,
    pub failures: Vec<Failure>,
    /// Each violence and coercion prediction scored: its index in the
    /// coded events given to [`score_document`] and whether it matched.
    #[serde(skip)]
    pub outcomes: Vec<(usize, bool)>,
}

/// Describe one of sitrep's events for a failure list.
pub fn describe(c: &Coded) -> String {
    let r = |r: &Option<Role>| {
        r.as_ref().map_or("-".to_string(), |r| {
            if r.code.is_empty() {
                format!("~{:?}", r.text)
            } else {
                format!("{} {:?}", r.code, r.text)
            }
        })
    };
    format!(
        "{} {:?} {} -> {} (conf {:.2}{})",
        c.code,
        c.predicate,
        r(&c.source),
        r(&c.target),
        c.confidence,
        if c.retold { ", retold" } else { "" }
    )
}

/// Read the converted JSONL file; a broken line is reported by number.
pub fn load(file: &Path) -> anyhow::Result<Vec<GoldDoc>> {
    let raw =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let mut docs = Vec::new();
    for (i, l) in raw
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let d: GoldDoc = serde_json::from_str(l)
            .with_context(|| format!("{}:{}: not a WikiEvents document", file.display(), i + 1))?;
        docs.push(d);
    }
    Ok(docs)
}

/// Code every document with the built-in lexicons and score it, counting
/// only events with at least `min_confidence` (default: the confidence
/// model's threshold); the reliability table counts them all.
pub fn evaluate(file: &Path, min_confidence: Option<f64>) -> anyhow::Result<Report> {
    let gold = load(file)?;
    let (pipeline, at) = crate::scoring_pipeline(&Config::default(), min_confidence)?;
    let anns = annotate_all(&pipeline, &documents(&gold));
    let mut rep = Report {
        min_confidence: at.at,
        ..Report::default()
    };
    let mut every = Report::default();
    for (g, ann) in gold.iter().zip(&anns) {
        rep.documents += 1;
        if let Some(why) = &ann.skipped {
            rep.skipped_documents += 1;
            rep.skipped.push(format!("{}: {why}", g.id));
        }
        let told: Vec<_> = ann.events.iter().filter(|e| occurred(e)).cloned().collect();
        let kept: Vec<_> = told.iter().filter(|e| at.keeps(e)).cloned().collect();
        score_document(g, &coded_events(&kept), &mut rep);
        let all = coded_events(&told);
        every.outcomes.clear();
        score_document(g, &all, &mut every);
        for &(i, right) in &every.outcomes {
            rep.reliability.add(all[i].confidence, right);
        }
    }
    rep.outcomes.clear();
    rep.finish();
    Ok(rep)
}

fn documents(gold: &[GoldDoc]) -> Vec<Document> {
    gold.iter()
        .map(|g| record_document(g.id.clone(), g.text.clone(), g.date.as_deref()))
        .collect()
}

/// Training examples for the confidence model: every violence and coercion
/// event sitrep codes in the file (at any confidence, in the sentence of its
/// predicate), its features as the pipeline saw them, and whether it matched
/// a gold event ([`score_document`]'s one-to-one matching).
/// Each sample comes with its document's index; the gold violence and
/// coercion events are counted beside them (for recall).
pub fn confidence_samples(
    file: &Path,
    cfg: &Config,
) -> anyhow::Result<(Vec<(usize, sitrep_events::confidence::Sample)>, usize)> {
    let gold = load(file)?;
    let (pipeline, _) = crate::scoring_pipeline(cfg, Some(0.0))?;
    let anns = annotate_all(&pipeline, &documents(&gold));
    let mut out = Vec::new();
    let mut gold_events = 0;
    for (d, (g, ann)) in gold.iter().zip(&anns).enumerate() {
        let own: Vec<(usize, Coded)> = ann
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| occurred(e))
            .flat_map(|(i, e)| {
                coded_events(std::slice::from_ref(e))
                    .into_iter()
                    .filter(|c| !c.retold)
                    .map(move |c| (i, c))
            })
            .collect();
        let coded: Vec<Coded> = own.iter().map(|(_, c)| c.clone()).collect();
        let mut rep = Report::default();
        score_document(g, &coded, &mut rep);
        gold_events += rep.violence_gold;
        let features = output_features(ann);
        for (ci, right) in rep.outcomes {
            let sample = sitrep_events::confidence::Sample {
                features: features[own[ci].0].clone(),
                right,
            };
            out.push((d, sample));
        }
    }
    Ok((out, gold_events))
}

/// Each event's confidence features as the pipeline computed them: from
/// the output events and the document's sentences.
fn output_features(ann: &sitrep_model::Annotation) -> Vec<Vec<String>> {
    let sentences: Vec<(usize, usize)> = ann.sentences.iter().map(|s| (s.start, s.end)).collect();
    let ctx = sitrep_events::confidence::contexts(&ann.events, &sentences);
    ann.events
        .iter()
        .zip(ctx)
        .map(|(e, c)| {
            let mut e = e.clone();
            e.explanation
                .rules
                .retain(|r| !r.starts_with("confidence."));
            sitrep_events::confidence::features(&e, c)
        })
        .collect()
}

/// Line starts (byte offsets) of a text whose lines are its sentences.
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// The line holding a byte offset.
pub fn line_of(starts: &[usize], at: usize) -> usize {
    starts.partition_point(|&s| s <= at).saturating_sub(1)
}

/// How well a coded event fits a gold event of its line, for matching: `None`
/// unless its root is one of the gold's, else 1 plus one for each role it
/// names right, so that matching prefers the event with the right roles.
/// `sitrep train roles` labels its samples by the same matching.
pub fn fit(gold: &GoldEvent, coded: &Coded) -> Option<u32> {
    if !gold.cameo_roots.contains(&coded.root) {
        return None;
    }
    let s = role_right(coded.source.as_ref(), &gold.source_words()) as u32
        + role_right(coded.target.as_ref(), &gold.target_words()) as u32;
    Some(1 + s)
}

/// Score one document's coded events against its gold events, line by line.
pub fn score_document(g: &GoldDoc, coded: &[Coded], rep: &mut Report) {
    let starts = line_starts(&g.text);
    let lines = starts.len();
    let line_text = |l: usize| {
        let end = starts.get(l + 1).map_or(g.text.len(), |e| e - 1);
        g.text[starts[l]..end].to_string()
    };
    let mut gold_by_line: Vec<Vec<&GoldEvent>> = vec![Vec::new(); lines];
    let mut all_by_line: Vec<Vec<&GoldEvent>> = vec![Vec::new(); lines];
    for e in &g.events {
        let at = crate::char_to_byte(&g.text, e.trigger_span[0]);
        let l = line_of(&starts, at);
        all_by_line[l].push(e);
        if !e.cameo_roots.is_empty() {
            gold_by_line[l].push(e);
        }
    }
    let mut pred_by_line: Vec<Vec<&Coded>> = vec![Vec::new(); lines];
    let mut index_by_line: Vec<Vec<usize>> = vec![Vec::new(); lines];
    for (i, c) in coded.iter().enumerate() {
        pred_by_line[line_of(&starts, c.at)].push(c);
        index_by_line[line_of(&starts, c.at)].push(i);
    }
    for l in 0..lines {
        let (golds, preds) = (&gold_by_line[l], &pred_by_line[l]);
        let pairs = match_greedy(golds.len(), preds.len(), |gi, pi| fit(golds[gi], preds[pi]));
        let mut fail = |kind, gold: Vec<String>, got: Option<String>| {
            rep.failures.push(Failure {
                kind,
                doc: g.id.clone(),
                sentence: line_text(l),
                gold,
                got,
            })
        };
        for (gi, ge) in golds.iter().enumerate() {
            let m = pairs.iter().find(|(x, _)| *x == gi).map(|&(_, p)| preds[p]);
            if !ge.violent() {
                let key = ge.cameo_roots.join(",");
                let r = rep.other_roots.entry(key).or_default();
                r.gold += 1;
                if m.is_some() {
                    r.found += 1;
                } else {
                    fail(FailureKind::MissedOther, vec![ge.describe()], None);
                }
                continue;
            }
            rep.violence_gold += 1;
            let Some(p) = m else {
                fail(FailureKind::Missed, vec![ge.describe()], None);
                continue;
            };
            rep.violence_found += 1;
            let (sw, tw) = (ge.source_words(), ge.target_words());
            if !sw.is_empty() {
                rep.source_named += 1;
                if role_right(p.source.as_ref(), &sw) {
                    rep.source_right += 1;
                } else {
                    fail(
                        FailureKind::WrongSource,
                        vec![ge.describe()],
                        Some(describe(p)),
                    );
                }
            }
            if !tw.is_empty() {
                rep.target_named += 1;
                if role_right(p.target.as_ref(), &tw) {
                    rep.target_right += 1;
                } else {
                    fail(
                        FailureKind::WrongTarget,
                        vec![ge.describe()],
                        Some(describe(p)),
                    );
                }
            }
        }
        for (pi, p) in preds.iter().enumerate() {
            if !crate::wikievents::is_violence(&p.root) {
                continue;
            }
            rep.violence_predicted += 1;
            let matched = pairs.iter().any(|&(_, x)| x == pi);
            rep.outcomes.push((index_by_line[l][pi], matched));
            if p.retold {
                rep.violence_predicted_retold += 1;
                rep.violence_retold_right += matched as usize;
            }
            if golds.iter().any(|g| g.cameo_roots.contains(&p.root)) {
                rep.violence_predicted_in_gold_sentence += 1;
            }
            if matched {
                rep.violence_predicted_right += 1;
            } else {
                let gold = all_by_line[l].iter().map(|e| e.describe()).collect();
                fail(FailureKind::Wrong, gold, Some(describe(p)));
            }
        }
    }
}

impl Report {
    fn finish(&mut self) {
        self.precision = ratio(self.violence_predicted_right, self.violence_predicted);
        self.precision_any_match = ratio(
            self.violence_predicted_in_gold_sentence,
            self.violence_predicted,
        );
        self.recall = ratio(self.violence_found, self.violence_gold);
        self.f1 = f1(self.precision, self.recall);
        for r in self.other_roots.values_mut() {
            r.recall = ratio(r.found, r.gold);
        }
    }

    /// The summary, and with `errors` every failure.
    pub fn to_text(&self, errors: bool) -> String {
        let mut s = format!(
            "WikiEvents, events at confidence >= {:.2}: {} documents ({} skipped by the pipeline)\n\
             violence and coercion (CAMEO 17-20): precision {:.3} ({}/{})  recall {:.3} ({}/{})  F1 {:.3}\n\
             (lenient: {}/{} = {:.3} sit in a sentence with a gold event of their root; {} of the {} are retold mentions of a merged event, {} of those right)\n\
             found events: source right {}/{} = {:.1}%  target right {}/{} = {:.1}%\n\
             other mapped roots (recall only):\n",
            self.min_confidence,
            self.documents,
            self.skipped_documents,
            self.precision,
            self.violence_predicted_right,
            self.violence_predicted,
            self.recall,
            self.violence_found,
            self.violence_gold,
            self.f1,
            self.violence_predicted_in_gold_sentence,
            self.violence_predicted,
            self.precision_any_match,
            self.violence_predicted_retold,
            self.violence_predicted,
            self.violence_retold_right,
            self.source_right,
            self.source_named,
            100.0 * ratio(self.source_right, self.source_named),
            self.target_right,
            self.target_named,
            100.0 * ratio(self.target_right, self.target_named),
        );
        for (k, r) in &self.other_roots {
            s.push_str(&format!(
                "  roots {k:<8} recall {:.3} ({}/{})\n",
                r.recall, r.found, r.gold
            ));
        }
        s.push_str(
            &self
                .reliability
                .to_text("violence and coercion events, whatever their confidence"),
        );
        if errors {
            for k in &self.skipped {
                s.push_str(&format!("skipped: {k}\n"));
            }
            s.push_str(&format!("\nfailures ({}):\n", self.failures.len()));
            for f in &self.failures {
                s.push_str(&format!(
                    "{:?}\t{}\t{}\n  gold: {}\n  got:  {}\n",
                    f.kind,
                    f.doc,
                    f.sentence,
                    listed(&f.gold),
                    f.got.as_deref().unwrap_or("-")
                ));
            }
        }
        s
    }
}

/// F1 of a precision and a recall.
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::Modality;

    fn role(text: &str, code: &str) -> Option<Role> {
        Some(Role {
            text: text.into(),
            name: String::new(),
            code: code.into(),
            sector: None,
        })
    }

    fn coded(root: &str, at: usize, src: Option<Role>, tgt: Option<Role>) -> Coded {
        Coded {
            code: format!("{root}0"),
            root: root.into(),
            at,
            predicate: "x".into(),
            retold: false,
            source: src,
            target: tgt,
            confidence: 0.5,
            modality: Modality::Asserted,
        }
    }

    fn doc() -> GoldDoc {
        let text = "Rebels attacked the town of Kafr.\nPolice arrested two men.\nThe minister said it was calm.";
        let ev = |t: &str, roots: &[&str], s: &[&str], tg: &[&str]| GoldEvent {
            id: String::new(),
            trigger: t.into(),
            trigger_span: {
                let b = text.find(t).unwrap();
                [
                    text[..b].chars().count(),
                    text[..b].chars().count() + t.len(),
                ]
            },
            kind: "K".into(),
            cameo_roots: roots.iter().map(|r| r.to_string()).collect(),
            source: s.iter().map(|r| r.to_string()).collect(),
            target: tg.iter().map(|r| r.to_string()).collect(),
            source_canonical: None,
            target_canonical: Some(vec!["Kafr village".into()]),
        };
        GoldDoc {
            id: "d".into(),
            text: text.into(),
            date: None,
            events: vec![
                ev("attacked", &["18", "19", "20"], &["Rebels"], &["town"]),
                ev("arrested", &["17"], &["Police"], &["men"]),
                ev("said", &["01"], &["minister"], &[]),
            ],
        }
    }

    #[test]
    fn matched_wrong_root_and_wrong_sentence() {
        let g = doc();
        let line2 = g.text.find("Police").unwrap();
        let line3 = g.text.find("The minister").unwrap();
        let preds = vec![
            // right root, right line, source and target right (target by canonical)
            coded("19", 7, role("Rebels", "REB"), role("Kafr", "")),
            // arrest told on the minister's line: wrong sentence -> wrong
            coded("17", line3 + 4, role("Police", "COP"), None),
            // wrong root on the arrest line: not a match, not a violence prediction
            coded("04", line2 + 8, role("Police", "COP"), None),
        ];
        let mut rep = Report::default();
        score_document(&g, &preds, &mut rep);
        rep.finish();
        assert_eq!((rep.violence_gold, rep.violence_found), (2, 1));
        assert_eq!(
            (rep.violence_predicted, rep.violence_predicted_right),
            (2, 1)
        );
        assert_eq!((rep.source_named, rep.source_right), (1, 1));
        assert_eq!((rep.target_named, rep.target_right), (1, 1));
        assert_eq!(rep.other_roots["01"].gold, 1);
        assert_eq!(rep.other_roots["01"].found, 0);
        assert!((rep.precision - 0.5).abs() < 1e-9);
        let kinds: Vec<_> = rep.failures.iter().map(|f| f.kind).collect();
        assert!(kinds.contains(&FailureKind::Missed));
        assert!(kinds.contains(&FailureKind::Wrong));
    }

    #[test]
    fn one_prediction_finds_one_gold_only() {
        let mut g = doc();
        // two attacks on the first line, one coded event
        let mut second = g.events[0].clone();
        second.source = vec!["army".into()];
        g.events.push(second);
        let preds = vec![coded("18", 3, role("the army", "MIL"), None)];
        let mut rep = Report::default();
        score_document(&g, &preds, &mut rep);
        assert_eq!((rep.violence_gold, rep.violence_found), (3, 1));
        // the pair with the right source wins: the second attack is found
        assert_eq!((rep.source_named, rep.source_right), (1, 1));
        assert_eq!((rep.target_named, rep.target_right), (1, 0));
    }

    #[test]
    fn role_overlap_rules() {
        let gold = vec![content_words("Islamic State"), content_words("IS")];
        assert!(role_right(
            role("Islamic State fighters", "").as_ref(),
            &gold
        ));
        assert!(!role_right(
            role("the state", "").as_ref(),
            &[content_words("the")]
        ));
        assert!(!role_right(role("Syrian army", "SYRMIL").as_ref(), &gold));
        assert!(!role_right(None, &gold));
        // the canonical name counts as sitrep's words too
        let r = Role {
            text: "he".into(),
            name: "Bashar al-Assad".into(),
            code: "SYRGOV".into(),
            sector: Some("GOV".into()),
        };
        assert!(role_right(Some(&r), &[content_words("Assad")]));
    }
}

//! IndiaPoliceEvents (Times of India, 2002; sentences labelled for police
//! arresting, killing, using force), `../shared/eval/india-police-events`.
//!
//! Each document's text goes through the normal pipeline with its date; the
//! labelled sentences are found in the text in order, and each of sitrep's
//! events (told as having happened, [`crate::occurred`]; once per sentence it
//! is told in, [`crate::coded_events`]) falls in the labelled sentence
//! holding its predicate. A sentence is predicted
//! - **ARREST** when an event in it has CAMEO 173 (arrest, detain) and a
//!   police or security source ([`is_security`]) or no source named at all
//!   ("were arrested");
//! - **FORCE/KILL** when an event in it has CAMEO 175 or root 18–20 and a
//!   police or security source.
//!
//! Scored per sentence against the annotators: ARREST against their ARREST
//! label, FORCE/KILL against FORCE or KILL.

use crate::{
    annotate_all, coded_events, listed, occurred, ratio, record_document, wikievents::f1, Coded,
    Role,
};
use anyhow::Context;
use serde::{Deserialize, Serialize};
use sitrep_model::Document;
use sitrep_pipeline::Config;
use std::path::Path;

/// CAMEO actor sectors that are the state's police or security forces:
/// police (COP), military (MIL), intelligence (SPY). The labels concern
/// police acts; the state's other forces answer for them in these reports
/// ("the army was called in", "RAF personnel fired").
pub const SECURITY_SECTORS: &[&str] = &["COP", "MIL", "SPY"];

/// Whether an actor is police or security: its sector, or a sector code
/// within its CAMEO code (`INDCOP`, `COP`).
pub fn is_security(r: &Role) -> bool {
    if r.sector
        .as_deref()
        .is_some_and(|s| SECURITY_SECTORS.contains(&s))
    {
        return true;
    }
    let code = r.code.as_bytes();
    code.len() >= 3
        && code
            .chunks(3)
            .any(|c| std::str::from_utf8(c).is_ok_and(|c| SECURITY_SECTORS.contains(&c)))
}

/// The two labels scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Label {
    #[serde(rename = "ARREST")]
    Arrest,
    #[serde(rename = "FORCE/KILL")]
    ForceKill,
}

impl Label {
    pub const ALL: [Label; 2] = [Label::Arrest, Label::ForceKill];

    pub fn name(self) -> &'static str {
        match self {
            Label::Arrest => "ARREST",
            Label::ForceKill => "FORCE/KILL",
        }
    }

    /// Whether the annotators' labels of a sentence carry this label.
    pub fn in_gold(self, labels: &[String]) -> bool {
        labels.iter().any(|l| match self {
            Label::Arrest => l == "ARREST",
            Label::ForceKill => l == "FORCE" || l == "KILL",
        })
    }

    /// Whether one of sitrep's events gives this label to its sentence.
    pub fn predicted_by(self, c: &Coded) -> bool {
        let base = c.code.get(..3).unwrap_or(&c.code);
        match self {
            Label::Arrest => base == "173" && c.source.as_ref().is_none_or(is_security),
            Label::ForceKill => {
                (base == "175" || matches!(c.root.as_str(), "18" | "19" | "20"))
                    && c.source.as_ref().is_some_and(is_security)
            }
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct IpeSentence {
    pub text: String,
    #[serde(default)]
    pub labels: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct IpeDoc {
    pub id: serde_json::Value,
    #[serde(default)]
    pub date: Option<String>,
    pub text: String,
    pub sentences: Vec<IpeSentence>,
}

impl IpeDoc {
    fn id(&self) -> String {
        match &self.id {
            serde_json::Value::String(s) => s.clone(),
            v => v.to_string(),
        }
    }
}

/// Byte spans of the labelled sentences, found in the text in order; a
/// sentence not found is `None` (reported, never scored as predicted).
pub fn locate(doc: &IpeDoc) -> Vec<Option<(usize, usize)>> {
    let mut from = 0;
    doc.sentences
        .iter()
        .map(|s| {
            let i = doc.text.get(from..)?.find(&s.text)? + from;
            from = i + s.text.len();
            Some((i, from))
        })
        .collect()
}

/// The labelled sentence holding a byte offset: the last one starting at or
/// before it (an offset in the space between two sentences goes to the first).
pub fn sentence_of(spans: &[Option<(usize, usize)>], at: usize) -> Option<usize> {
    spans
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|s| (i, s)))
        .take_while(|(_, (s, _))| *s <= at)
        .last()
        .map(|(i, _)| i)
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct LabelScore {
    pub label: String,
    pub gold: usize,
    pub predicted: usize,
    pub right: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    FalsePositive,
    FalseNegative,
}

#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub kind: FailureKind,
    pub label: Label,
    pub doc: String,
    pub sentence: String,
    pub gold: Vec<String>,
    pub got: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub documents: usize,
    pub skipped_documents: usize,
    /// The documents the pipeline did not code, with its reason.
    pub skipped: Vec<String>,
    pub sentences: usize,
    pub sentences_not_found: usize,
    pub labels: Vec<LabelScore>,
    /// The confidence threshold the figures above are scored at.
    pub min_confidence: f64,
    /// Of sitrep's events that would give a sentence a label, the share in
    /// sentences the annotators gave that label, by confidence, over every
    /// event whatever the threshold.
    pub reliability: crate::Reliability,
    pub failures: Vec<Failure>,
}

/// Score one document's coded events against its sentence labels.
pub fn score_document(doc: &IpeDoc, coded: &[Coded], rep: &mut Report) {
    if rep.labels.is_empty() {
        rep.labels = Label::ALL
            .iter()
            .map(|l| LabelScore {
                label: l.name().into(),
                ..Default::default()
            })
            .collect();
    }
    let spans = locate(doc);
    rep.sentences += spans.len();
    rep.sentences_not_found += spans.iter().filter(|s| s.is_none()).count();
    let mut in_sentence: Vec<Vec<&Coded>> = vec![Vec::new(); spans.len()];
    for c in coded {
        if let Some(i) = sentence_of(&spans, c.at) {
            in_sentence[i].push(c);
        }
    }
    for (i, s) in doc.sentences.iter().enumerate() {
        for c in &in_sentence[i] {
            for l in Label::ALL.iter().filter(|l| l.predicted_by(c)) {
                rep.reliability.add(c.confidence, l.in_gold(&s.labels));
            }
        }
        for (li, l) in Label::ALL.iter().enumerate() {
            let gold = l.in_gold(&s.labels);
            let got = in_sentence[i].iter().any(|c| l.predicted_by(c));
            let sc = &mut rep.labels[li];
            sc.gold += gold as usize;
            sc.predicted += got as usize;
            sc.right += (gold && got) as usize;
            if gold != got {
                rep.failures.push(Failure {
                    kind: if got {
                        FailureKind::FalsePositive
                    } else {
                        FailureKind::FalseNegative
                    },
                    label: *l,
                    doc: doc.id(),
                    sentence: s.text.clone(),
                    gold: s.labels.clone(),
                    got: in_sentence[i]
                        .iter()
                        .map(|c| crate::wikievents::describe(c))
                        .collect(),
                });
            }
        }
    }
}

pub fn load(file: &Path) -> anyhow::Result<Vec<IpeDoc>> {
    let raw =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    raw.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).with_context(|| {
                format!(
                    "{}:{}: not an IndiaPoliceEvents document",
                    file.display(),
                    i + 1
                )
            })
        })
        .collect()
}

/// Code every document and score the sentences, counting only events with
/// at least `min_confidence` (default: the confidence model's threshold);
/// the reliability table counts them all.
pub fn evaluate(file: &Path, min_confidence: Option<f64>) -> anyhow::Result<Report> {
    let gold = load(file)?;
    let (pipeline, at) = crate::scoring_pipeline(&Config::default(), min_confidence)?;
    let docs: Vec<Document> = gold
        .iter()
        .map(|g| record_document(g.id(), g.text.clone(), g.date.as_deref()))
        .collect();
    let anns = annotate_all(&pipeline, &docs);
    let mut rep = Report {
        min_confidence: at.at,
        ..Report::default()
    };
    let mut every = Report::default();
    for (g, ann) in gold.iter().zip(&anns) {
        rep.documents += 1;
        if let Some(why) = &ann.skipped {
            rep.skipped_documents += 1;
            rep.skipped.push(format!("{}: {why}", g.id()));
        }
        let told: Vec<_> = ann.events.iter().filter(|e| occurred(e)).cloned().collect();
        let kept: Vec<_> = told.iter().filter(|e| at.keeps(e)).cloned().collect();
        score_document(g, &coded_events(&kept), &mut rep);
        score_document(g, &coded_events(&told), &mut every);
    }
    rep.reliability = every.reliability;
    rep.finish();
    Ok(rep)
}

impl Report {
    fn finish(&mut self) {
        for l in &mut self.labels {
            l.precision = ratio(l.right, l.predicted);
            l.recall = ratio(l.right, l.gold);
            l.f1 = f1(l.precision, l.recall);
        }
    }

    pub fn to_text(&self, errors: bool) -> String {
        let mut s = format!(
            "IndiaPoliceEvents, events at confidence >= {:.2}: {} documents ({} skipped by the pipeline), {} sentences ({} not found in the text)\n",
            self.min_confidence,
            self.documents, self.skipped_documents, self.sentences, self.sentences_not_found
        );
        for l in &self.labels {
            s.push_str(&format!(
                "{:<11} precision {:.3} ({}/{})  recall {:.3} ({}/{})  F1 {:.3}\n",
                l.label, l.precision, l.right, l.predicted, l.recall, l.right, l.gold, l.f1
            ));
        }
        s.push_str(&self.reliability.to_text(
            "events that label a sentence, whatever their confidence (right: the annotators gave it that label)",
        ));
        if errors {
            for k in &self.skipped {
                s.push_str(&format!("skipped: {k}\n"));
            }
            s.push_str(&format!("\nfailures ({}):\n", self.failures.len()));
            for f in &self.failures {
                s.push_str(&format!(
                    "{:?} {}\t{}\t{}\n  gold: {}\n  got:  {}\n",
                    f.kind,
                    f.label.name(),
                    f.doc,
                    f.sentence,
                    f.gold.join(","),
                    listed(&f.got)
                ));
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::Modality;

    fn role(code: &str, sector: Option<&str>) -> Option<Role> {
        Some(Role {
            text: "x".into(),
            name: String::new(),
            code: code.into(),
            sector: sector.map(String::from),
        })
    }

    fn coded(code: &str, at: usize, src: Option<Role>) -> Coded {
        Coded {
            code: code.into(),
            root: code[..2].into(),
            at,
            predicate: "x".into(),
            retold: false,
            source: src,
            target: None,
            confidence: 0.5,
            modality: Modality::Asserted,
        }
    }

    fn doc() -> IpeDoc {
        let s = |t: &str, l: &[&str]| IpeSentence {
            text: t.into(),
            labels: l.iter().map(|x| x.to_string()).collect(),
        };
        IpeDoc {
            id: serde_json::json!(7),
            date: None,
            text:
                "ahmedabad: two men were arrested. police fired at the mob. the vhp held a rally."
                    .into(),
            sentences: vec![
                s("ahmedabad:", &[]),
                s("two men were arrested.", &["ARREST"]),
                s("police fired at the mob.", &["FORCE"]),
                s("the vhp held a rally.", &[]),
            ],
        }
    }

    #[test]
    fn sectors_decide_security() {
        assert!(is_security(&role("INDCOP", None).unwrap()));
        assert!(is_security(&role("X", Some("MIL")).unwrap()));
        assert!(!is_security(&role("INDGOV", Some("GOV")).unwrap()));
        assert!(!is_security(&role("", None).unwrap()));
    }

    #[test]
    fn sentence_labels_from_events() {
        let d = doc();
        let at = |w: &str| d.text.find(w).unwrap();
        let preds = vec![
            // arrest with no source named: ARREST
            coded("173", at("arrested"), None),
            // police firing: FORCE/KILL
            coded("190", at("fired"), role("COP", Some("COP"))),
            // an arrest by a party in the rally's sentence: no label (not police)
            coded("173", at("held"), role("INDPTY", Some("PTY"))),
            // force by police placed in the rally's sentence: a false positive
            coded("175", at("rally"), role("INDCOP", None)),
        ];
        let mut rep = Report::default();
        score_document(&d, &preds, &mut rep);
        rep.finish();
        let a = &rep.labels[0];
        assert_eq!((a.gold, a.predicted, a.right), (1, 1, 1));
        let f = &rep.labels[1];
        assert_eq!((f.gold, f.predicted, f.right), (1, 2, 1));
        assert_eq!(rep.failures.len(), 1);
        assert_eq!(rep.failures[0].kind, FailureKind::FalsePositive);
    }

    #[test]
    fn offsets_between_sentences_go_to_the_earlier() {
        let d = doc();
        let spans = locate(&d);
        assert_eq!(spans[1], Some((11, 33)));
        assert_eq!(sentence_of(&spans, 33), Some(1));
        assert_eq!(sentence_of(&spans, 34), Some(2));
        assert_eq!(sentence_of(&spans, 0), Some(0));
    }
}

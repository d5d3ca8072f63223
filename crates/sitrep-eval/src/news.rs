//! The project's hand-coded real-news set (`eval/news/`, README there):
//! articles from the Lee corpus (ABC news 2001-02) and the
//! article-extraction pages, named by file and checked by SHA-256, and every
//! event they state coded by hand to CAMEO, with source and target words and
//! CAMEO actor codes.
//!
//! Each gold event is anchored by a phrase of its sentence holding its
//! predicate; the sentence is the one sitrep's own segmentation puts the
//! anchor in, so both sides are placed by the same boundaries. sitrep's
//! events (told as having happened, [`crate::occurred`]; at or above
//! `--min-confidence`; once per sentence they are told in) are matched one
//! to one within each sentence ([`crate::match_greedy`]):
//! - **events**: a sitrep event is right when a gold event of its sentence
//!   has the same CAMEO root and matching source and target ([`actor_match`]);
//!   precision over sitrep's events, recall over gold events;
//! - **event only**: the same with the root alone.

use crate::{
    annotate_all, coded_events, content_words, listed, match_greedy, occurred, ratio, share_word,
    wikievents::f1, Coded, Role,
};
use anyhow::{bail, Context};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sitrep_model::{DateSource, Document, Sentence};
use sitrep_pipeline::Config;
use std::path::{Path, PathBuf};

/// Where an article's text comes from, in the shared data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// A line of a one-article-per-line file (the Lee corpus), 0-based.
    Line,
    /// The `articleBody` of a page in an article-extraction ground truth.
    GroundTruth,
}

/// One article of the set (`articles.tsv`).
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    pub id: String,
    pub origin: Origin,
    /// Path under the shared data directory.
    pub file: String,
    /// Line number (0-based) or ground-truth key.
    pub key: String,
    pub sha256: String,
    pub date: Option<chrono::NaiveDate>,
}

/// A hand-coded actor: the words naming it and its CAMEO code.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GoldActor {
    pub text: String,
    pub code: String,
}

/// One hand-coded event (`gold.tsv`).
#[derive(Debug, Clone, Serialize)]
pub struct GoldEvent {
    pub article: String,
    /// Words of the event's sentence, holding its predicate.
    pub anchor: String,
    pub source: Option<GoldActor>,
    pub cameo: String,
    pub target: Option<GoldActor>,
    pub date: String,
}

impl GoldEvent {
    pub fn root(&self) -> &str {
        self.cameo.get(..2).unwrap_or(&self.cameo)
    }

    fn describe(&self) -> String {
        let a = |a: &Option<GoldActor>| {
            a.as_ref()
                .map_or("-".into(), |a| format!("{} {:?}", a.code, a.text))
        };
        format!(
            "{} {:?} {} -> {}",
            self.cameo,
            self.anchor,
            a(&self.source),
            a(&self.target)
        )
    }
}

/// Whether sitrep's role matches a hand-coded one: both empty; or both
/// named and either the CAMEO codes agree on country and sector (their
/// first six letters, or the whole code when one is shorter) or the words
/// overlap (a content word in common, [`crate::content_words`]).
pub fn actor_match(gold: Option<&GoldActor>, got: Option<&Role>) -> bool {
    match (gold, got) {
        (None, None) => true,
        (Some(g), Some(r)) => {
            let same_code = !g.code.is_empty()
                && !r.code.is_empty()
                && if g.code.len() >= 6 && r.code.len() >= 6 {
                    g.code[..6] == r.code[..6]
                } else {
                    g.code == r.code
                };
            same_code || share_word(&content_words(&g.text), &r.words())
        }
        _ => false,
    }
}

/// Read a TSV file with a header, skipping comment lines (`#`).
fn tsv_rows(path: &Path) -> anyhow::Result<Vec<(usize, Vec<String>)>> {
    let raw =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(raw
        .lines()
        .enumerate()
        .skip(1)
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(|f| f.trim().to_string()).collect()))
        .collect())
}

fn opt(s: &str) -> Option<&str> {
    (!s.is_empty() && s != "-").then_some(s)
}

pub fn load_articles(path: &Path) -> anyhow::Result<Vec<Article>> {
    let mut out = Vec::new();
    for (n, f) in tsv_rows(path)? {
        if f.len() < 6 {
            bail!(
                "{}:{n}: an article needs 6 fields: id, origin, file, key, sha256, date",
                path.display()
            );
        }
        let origin = match f[1].as_str() {
            "line" => Origin::Line,
            "ground-truth" => Origin::GroundTruth,
            o => bail!(
                "{}:{n}: unknown origin {o:?} (line or ground-truth)",
                path.display()
            ),
        };
        out.push(Article {
            id: f[0].clone(),
            origin,
            file: f[2].clone(),
            key: f[3].clone(),
            sha256: f[4].clone(),
            date: opt(&f[5]).and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        });
    }
    Ok(out)
}

/// Parse an actor cell pair: words and code, `-` for none.
fn gold_actor(text: &str, code: &str) -> Option<GoldActor> {
    opt(text).map(|t| GoldActor {
        text: t.to_string(),
        code: opt(code).unwrap_or("").to_string(),
    })
}

pub fn load_gold(path: &Path) -> anyhow::Result<Vec<GoldEvent>> {
    let mut out = Vec::new();
    for (n, f) in tsv_rows(path)? {
        if f.len() < 8 {
            bail!(
                "{}:{n}: an event needs 8 fields: article, anchor, source, source code, cameo, target, target code, date",
                path.display()
            );
        }
        if !f[4].chars().all(|c| c.is_ascii_digit()) || f[4].len() < 2 {
            bail!("{}:{n}: {:?} is not a CAMEO code", path.display(), f[4]);
        }
        out.push(GoldEvent {
            article: f[0].clone(),
            anchor: f[1].clone(),
            source: gold_actor(&f[2], &f[3]),
            cameo: f[4].clone(),
            target: gold_actor(&f[5], &f[6]),
            date: f[7].clone(),
        });
    }
    Ok(out)
}

/// Hex SHA-256 of a text.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An article's text from the shared data, checked against its hash.
pub fn article_text(shared: &Path, a: &Article) -> anyhow::Result<String> {
    let path = shared.join(&a.file);
    let raw =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let text = match a.origin {
        Origin::Line => {
            let n: usize = a
                .key
                .parse()
                .with_context(|| format!("{}: bad line {:?}", a.id, a.key))?;
            raw.lines()
                .nth(n)
                .with_context(|| format!("{}: {} has no line {n}", a.id, path.display()))?
                .to_string()
        }
        Origin::GroundTruth => {
            let v: serde_json::Value = serde_json::from_str(&raw)
                .with_context(|| format!("parsing {}", path.display()))?;
            v[&a.key]["articleBody"]
                .as_str()
                .with_context(|| format!("{}: no articleBody for {}", a.id, a.key))?
                .to_string()
        }
    };
    let h = sha256_hex(&text);
    if h != a.sha256 {
        bail!(
            "{}: the text's SHA-256 is {h}, the set expects {}",
            a.id,
            a.sha256
        );
    }
    Ok(text)
}

pub use crate::{Band, Reliability};

#[derive(Debug, Clone, Default, Serialize)]
pub struct Prf {
    pub gold: usize,
    pub predicted: usize,
    pub right_predicted: usize,
    pub found_gold: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn finish(&mut self) {
        self.precision = ratio(self.right_predicted, self.predicted);
        self.recall = ratio(self.found_gold, self.gold);
        self.f1 = f1(self.precision, self.recall);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// A gold event no sitrep event matched (root and actors).
    Missed,
    /// A sitrep event that matched no gold event.
    Wrong,
}

#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub kind: FailureKind,
    pub article: String,
    pub sentence: String,
    pub gold: Vec<String>,
    pub got: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub articles: usize,
    pub articles_not_read: Vec<String>,
    pub min_confidence: f64,
    pub events: Prf,
    pub event_only: Prf,
    /// Share of sitrep's events that are right (root and actors), by
    /// confidence, over every event whatever the threshold.
    pub reliability: Reliability,
    pub failures: Vec<Failure>,
}

/// Score one article: gold events placed by their anchors in sitrep's
/// sentences, sitrep's events (already filtered) by their offsets.
pub fn score_article(
    article: &str,
    text: &str,
    sentences: &[Sentence],
    gold: &[&GoldEvent],
    coded: &[Coded],
    rep: &mut Report,
) -> anyhow::Result<()> {
    let sentence_of = |at: usize| sentences.iter().rposition(|s| s.start <= at).unwrap_or(0);
    let n = sentences.len().max(1);
    let mut golds: Vec<Vec<&GoldEvent>> = vec![Vec::new(); n];
    for g in gold {
        let Some(at) = text.find(&g.anchor) else {
            bail!("{article}: anchor {:?} is not in the text", g.anchor);
        };
        golds[sentence_of(at)].push(g);
    }
    let mut preds: Vec<Vec<&Coded>> = vec![Vec::new(); n];
    for c in coded {
        preds[sentence_of(c.at)].push(c);
    }
    for s in 0..n {
        let (gs, ps) = (&golds[s], &preds[s]);
        let full = match_greedy(gs.len(), ps.len(), |g, p| {
            (gs[g].root() == ps[p].root
                && actor_match(gs[g].source.as_ref(), ps[p].source.as_ref())
                && actor_match(gs[g].target.as_ref(), ps[p].target.as_ref()))
            .then_some(1)
        });
        let roots = match_greedy(gs.len(), ps.len(), |g, p| {
            (gs[g].root() == ps[p].root).then_some(1)
        });
        for (prf, m) in [(&mut rep.events, &full), (&mut rep.event_only, &roots)] {
            prf.gold += gs.len();
            prf.predicted += ps.len();
            prf.found_gold += m.len();
            prf.right_predicted += m.len();
        }
        for (pi, p) in ps.iter().enumerate() {
            let right = full.iter().any(|&(_, x)| x == pi);
            rep.reliability.add(p.confidence, right);
        }
        let stext = sentences.get(s).map_or(String::new(), |x| x.text.clone());
        let all_gold: Vec<String> = gs.iter().map(|g| g.describe()).collect();
        let all_got: Vec<String> = ps.iter().map(|p| crate::wikievents::describe(p)).collect();
        for (gi, g) in gs.iter().enumerate() {
            if !full.iter().any(|&(x, _)| x == gi) {
                rep.failures.push(Failure {
                    kind: FailureKind::Missed,
                    article: article.into(),
                    sentence: stext.clone(),
                    gold: vec![g.describe()],
                    got: all_got.clone(),
                });
            }
        }
        for (pi, p) in ps.iter().enumerate() {
            if !full.iter().any(|&(_, x)| x == pi) {
                rep.failures.push(Failure {
                    kind: FailureKind::Wrong,
                    article: article.into(),
                    sentence: stext.clone(),
                    gold: all_gold.clone(),
                    got: vec![crate::wikievents::describe(p)],
                });
            }
        }
    }
    Ok(())
}

fn new_report(min_confidence: f64) -> Report {
    Report {
        min_confidence,
        ..Default::default()
    }
}

/// Score the set in `dir` (`articles.tsv`, `gold.tsv`) with texts from
/// `shared` (the shared data directory).
pub fn evaluate(
    dir: &Path,
    shared: Option<PathBuf>,
    min_confidence: Option<f64>,
) -> anyhow::Result<Report> {
    let shared = shared
        .or_else(crate::shared_dir)
        .context("no shared data directory (give --shared)")?;
    let articles = load_articles(&dir.join("articles.tsv"))?;
    let gold = load_gold(&dir.join("gold.tsv"))?;
    for g in &gold {
        if !articles.iter().any(|a| a.id == g.article) {
            bail!(
                "gold.tsv names an article not in articles.tsv: {}",
                g.article
            );
        }
    }
    let (pipeline, min_confidence) = crate::scoring_pipeline(&Config::default(), min_confidence)?;
    let mut rep = new_report(min_confidence.at);
    let mut every = new_report(0.0);
    let mut docs = Vec::new();
    for a in &articles {
        match article_text(&shared, a) {
            Ok(text) => docs.push(Document {
                id: a.id.clone(),
                text,
                date: a.date,
                date_source: DateSource::Record,
                ..Default::default()
            }),
            Err(e) => rep.articles_not_read.push(format!("{e:#}")),
        }
    }
    let anns = annotate_all(&pipeline, &docs);
    for ann in &anns {
        rep.articles += 1;
        let told: Vec<_> = ann.events.iter().filter(|e| occurred(e)).cloned().collect();
        let kept: Vec<_> = told
            .iter()
            .filter(|e| min_confidence.keeps(e))
            .cloned()
            .collect();
        let gs: Vec<&GoldEvent> = gold.iter().filter(|g| g.article == ann.doc_id).collect();
        for (events, r) in [(&kept, &mut rep), (&told, &mut every)] {
            score_article(
                &ann.doc_id,
                &ann.text,
                &ann.sentences,
                &gs,
                &coded_events(events),
                r,
            )?;
        }
    }
    rep.events.finish();
    rep.event_only.finish();
    rep.reliability = every.reliability;
    Ok(rep)
}

impl Report {
    pub fn to_text(&self, errors: bool) -> String {
        let line = |name: &str, p: &Prf| {
            format!(
                "{name:<28} precision {:.3} ({}/{})  recall {:.3} ({}/{})  F1 {:.3}\n",
                p.precision, p.right_predicted, p.predicted, p.recall, p.found_gold, p.gold, p.f1
            )
        };
        let mut s = format!(
            "hand-coded news: {} articles, events at confidence >= {}\n",
            self.articles, self.min_confidence
        );
        for e in &self.articles_not_read {
            s.push_str(&format!("  not read: {e}\n"));
        }
        s.push_str(&line("events (root + actors)", &self.events));
        s.push_str(&line("event only (root)", &self.event_only));
        s.push_str(
            &self
                .reliability
                .to_text("every event, whatever its confidence"),
        );
        if errors {
            s.push_str(&format!("\nfailures ({}):\n", self.failures.len()));
            for f in &self.failures {
                s.push_str(&format!(
                    "{:?}\t{}\t{}\n  gold: {}\n  got:  {}\n",
                    f.kind,
                    f.article,
                    f.sentence,
                    listed(&f.gold),
                    listed(&f.got),
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

    fn role(text: &str, code: &str) -> Option<Role> {
        Some(Role {
            text: text.into(),
            name: String::new(),
            code: code.into(),
            sector: None,
        })
    }

    fn actor(text: &str, code: &str) -> Option<GoldActor> {
        Some(GoldActor {
            text: text.into(),
            code: code.into(),
        })
    }

    fn coded(code: &str, at: usize, src: Option<Role>, tgt: Option<Role>, conf: f64) -> Coded {
        Coded {
            code: code.into(),
            root: code[..2].into(),
            at,
            predicate: "x".into(),
            retold: false,
            source: src,
            target: tgt,
            confidence: conf,
            modality: Modality::Asserted,
        }
    }

    const TEXT: &str =
        "Israeli jets attacked Gaza. Hamas rejected the offer. Police arrested two men.";

    fn sentences() -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, s) in TEXT.split_inclusive(". ").enumerate() {
            out.push(Sentence {
                index: i,
                start,
                end: start + s.len(),
                text: s.to_string(),
            });
            start += s.len();
        }
        out
    }

    fn gold() -> Vec<GoldEvent> {
        let g = |anchor: &str, s, cameo: &str, t| GoldEvent {
            article: "a".into(),
            anchor: anchor.into(),
            source: s,
            cameo: cameo.into(),
            target: t,
            date: "-".into(),
        };
        vec![
            g(
                "jets attacked Gaza",
                actor("Israeli jets", "ISRMIL"),
                "195",
                actor("Gaza", "PSE"),
            ),
            g("Hamas rejected", actor("Hamas", "PSEREB"), "12", None),
            g(
                "Police arrested",
                actor("Police", "ISRCOP"),
                "173",
                actor("two men", ""),
            ),
        ]
    }

    #[test]
    fn actor_matching_rules() {
        // codes agree on country and sector
        assert!(actor_match(
            actor("the jets", "ISRMIL").as_ref(),
            role("Israel's army", "ISRMILGOV").as_ref()
        ));
        // words overlap though codes differ
        assert!(actor_match(
            actor("Hamas militants", "PSEREB").as_ref(),
            role("Hamas", "").as_ref()
        ));
        // a country alone does not match a country with a sector
        assert!(!actor_match(
            actor("Israel", "ISR").as_ref(),
            role("the army", "ISRMIL").as_ref()
        ));
        // none against none is right; one side alone is wrong
        assert!(actor_match(None, None));
        assert!(!actor_match(None, role("Hamas", "PSEREB").as_ref()));
        assert!(!actor_match(actor("Hamas", "PSEREB").as_ref(), None));
    }

    #[test]
    fn matched_wrong_root_wrong_sentence_wrong_actor() {
        let g = gold();
        let gs: Vec<&GoldEvent> = g.iter().collect();
        let at = |w: &str| TEXT.find(w).unwrap();
        let preds = vec![
            // right: root 19, source by code, target by words
            coded(
                "190",
                at("attacked"),
                role("Israeli jets", "ISRMIL"),
                role("Gaza Strip", ""),
                0.9,
            ),
            // wrong root in the rejection's sentence: event-only miss too
            coded("111", at("rejected"), role("Hamas", "PSEREB"), None, 0.7),
            // the arrest, told in the first sentence: wrong sentence
            coded(
                "173",
                at("Gaza"),
                role("Police", "ISRCOP"),
                role("two men", ""),
                0.5,
            ),
            // the right root in the arrest's sentence but a wrong source
            coded(
                "173",
                at("arrested"),
                role("Hamas", "PSEREB"),
                role("two men", ""),
                0.5,
            ),
        ];
        let mut rep = new_report(0.0);
        score_article("a", TEXT, &sentences(), &gs, &preds, &mut rep).unwrap();
        rep.events.finish();
        rep.event_only.finish();
        assert_eq!((rep.events.gold, rep.events.predicted), (3, 4));
        assert_eq!(rep.events.right_predicted, 1);
        // root only: the attack and the arrest (its source no matter)
        assert_eq!(rep.event_only.right_predicted, 2);
        assert_eq!(rep.reliability.0[9].events, 1);
        assert_eq!(rep.reliability.0[9].right, 1);
        assert_eq!(rep.reliability.0[5].events, 2);
        assert_eq!(rep.reliability.0[5].right, 0);
        let missed = rep
            .failures
            .iter()
            .filter(|f| f.kind == FailureKind::Missed)
            .count();
        assert_eq!(missed, 2);
    }

    #[test]
    fn an_anchor_not_in_the_text_is_an_error() {
        let mut g = gold();
        g[0].anchor = "no such words".into();
        let gs: Vec<&GoldEvent> = g.iter().collect();
        let mut rep = new_report(0.0);
        assert!(score_article("a", TEXT, &sentences(), &gs, &[], &mut rep).is_err());
    }

    #[test]
    fn gold_rows_parse_with_none_and_reject_bad_codes() {
        let dir = std::env::temp_dir().join(format!("sitrep-news-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("gold.tsv");
        std::fs::write(&p, "header\na\tx y\t-\t-\t173\tmen\t-\t-\n").unwrap();
        let g = load_gold(&p).unwrap();
        assert!(g[0].source.is_none());
        assert_eq!(g[0].target.as_ref().unwrap().code, "");
        assert_eq!(g[0].root(), "17");
        std::fs::write(&p, "header\na\tx\t-\t-\tARREST\t-\t-\t-\n").unwrap();
        assert!(load_gold(&p).is_err());
        std::fs::remove_dir_all(&dir).ok();
    }
}

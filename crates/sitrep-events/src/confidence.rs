//! A learned confidence for each coded event: the probability that the event
//! is one a careful coder would also record, from a logistic model over what
//! the coder knew when it coded it (the code, which roles are filled and how,
//! the predicate word, the coder's rules, modality, the other events of the
//! sentence).
//!
//! Why learned: the hand-set score it replaces (0.4, plus 0.2 for a source,
//! …) ranked a death told in the passive ("a major general was killed")
//! above nothing, and said nothing about how often such events are right.
//! The weights are fitted on real news with annotated events (WikiEvents
//! train, `sitrep train confidence`), so a confidence of 0.7 means about
//! seven in ten such events were right there; `sitrep eval wikievents`,
//! `ipe` and `news` print the reliability table that checks it on data the
//! model did not see.
//!
//! The model is a table of named features and weights (`data/confidence/
//! model.tsv`), so the explanation can say which features lowered an event's
//! confidence.

use sitrep_model::{Actor, Event, NamedSpan, Rule};
use sitrep_pos::Fnv;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Feature weights by name.
pub type Weights = HashMap<String, f64, BuildHasherDefault<Fnv>>;

/// The model shipped with sitrep (trained by `sitrep train confidence`).
pub const BUILTIN_MODEL: &str = include_str!("../../../data/confidence/model.tsv");

/// Events scored below this are not output unless the caller asks
/// (`--min-confidence`); the value is chosen at training time for
/// precision and stored in the model file (`#threshold`).
pub const FALLBACK_THRESHOLD: f64 = 0.5;

/// A logistic model: a bias and one weight per named feature.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    pub bias: f64,
    pub weights: Weights,
    /// The output threshold chosen when the model was trained.
    pub threshold: f64,
    /// The CAMEO roots the model was trained on (`#roots`): the threshold
    /// applies to these only, as only for them is the confidence measured.
    pub roots: Vec<String>,
    /// Comment lines kept from the file (source, date, counts).
    pub notes: Vec<String>,
    /// The weights by the hash of their names ([`Model::reindex`]).
    hashed: HashMap<u64, (f64, String), BuildHasherDefault<Fnv>>,
}

pub use crate::ModelError;
use crate::ModelFile;

impl Model {
    /// The built-in model.
    pub fn builtin() -> Model {
        Model::parse(BUILTIN_MODEL).expect("the built-in confidence model parses")
    }

    /// Read the TSV form: `#bias\tw`, `#threshold\tt`, `# comment`, then
    /// `feature\tweight` lines.
    pub fn parse(text: &str) -> Result<Model, ModelError> {
        let mut m = Model {
            threshold: FALLBACK_THRESHOLD,
            ..Model::default()
        };
        for (n, line) in crate::model_lines(text, &mut m.notes) {
            if let Some(r) = line.strip_prefix("#roots\t") {
                m.roots = r.split(',').map(|x| x.trim().to_string()).collect();
                continue;
            }
            let (name, w) = line.rsplit_once('\t').ok_or_else(|| ModelError {
                file: ModelFile::Confidence,
                reason: format!("line {n}: no tab"),
            })?;
            let w: f64 = w
                .trim()
                .parse()
                .map_err(|_| ModelError::weight(ModelFile::Confidence, n, w))?;
            match name {
                "#bias" => m.bias = w,
                "#threshold" => m.threshold = w,
                _ => {
                    m.weights.insert(name.to_string(), w);
                }
            }
        }
        m.reindex();
        Ok(m)
    }

    /// Rebuild the table scoring reads, after `weights` changed. Two names
    /// with one hash would share a weight; the check below refuses that.
    pub fn reindex(&mut self) {
        self.hashed = self
            .weights
            .iter()
            .map(|(k, &w)| (hash_pieces(&[k]), (w, k.clone())))
            .collect();
        debug_assert_eq!(self.hashed.len(), self.weights.len(), "feature hash clash");
    }

    /// The TSV form, features sorted so the file diffs well.
    pub fn to_tsv(&self) -> String {
        let mut out = String::new();
        for n in &self.notes {
            out.push_str(&format!("# {n}\n"));
        }
        out.push_str(&format!("#bias\t{:.6}\n", self.bias));
        out.push_str(&format!("#threshold\t{:.3}\n", self.threshold));
        if !self.roots.is_empty() {
            out.push_str(&format!("#roots\t{}\n", self.roots.join(",")));
        }
        let mut w: Vec<_> = self
            .weights
            .iter()
            .filter(|(_, w)| w.abs() > 1e-6)
            .collect();
        w.sort_by(|a, b| a.0.cmp(b.0));
        for (k, v) in w {
            out.push_str(&format!("{k}\t{v:.6}\n"));
        }
        out
    }

    /// The linear score of a feature set.
    pub fn margin(&self, features: &[String]) -> f64 {
        self.bias
            + features
                .iter()
                .filter_map(|f| self.weights.get(f))
                .sum::<f64>()
    }

    /// The probability that an event with these features is right.
    pub fn probability(&self, features: &[String]) -> f64 {
        sigmoid(self.margin(features))
    }

    /// The threshold `sitrep code` applies when none is given: the model's
    /// own, for the roots it was trained on only.
    pub fn default_threshold(&self) -> Threshold {
        Threshold {
            at: self.threshold,
            roots: self.roots.clone(),
        }
    }
}

/// Which events are output: those scored at least `at`, or of a root the
/// threshold does not cover. The model's default threshold covers the roots
/// it was trained on (where its confidence is measured); one the user gives
/// (`--min-confidence`) covers every root.
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    pub at: f64,
    /// The CAMEO roots held to it; empty: every root.
    pub roots: Vec<String>,
}

impl Threshold {
    /// A threshold for every root.
    pub fn every_root(at: f64) -> Threshold {
        Threshold {
            at,
            roots: Vec::new(),
        }
    }

    pub fn keeps(&self, e: &Event) -> bool {
        e.confidence >= self.at || !(self.roots.is_empty() || self.roots.contains(&e.cameo.root))
    }
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// How a role is filled: by a coded actor, by words no dictionary codes, or not at all.
fn role_kind(a: &Option<Actor>, uncoded: &Option<NamedSpan>) -> &'static str {
    match (a, uncoded) {
        (Some(_), _) => "coded",
        (None, Some(_)) => "uncoded",
        (None, None) => "none",
    }
}

/// The part of a coder rule's text that names the rule, not the sentence:
/// quoted words, numbers and actor codes dropped ("actor \"the army\"
/// before the verb" → "actor _ before the verb"), at most six words. Lines
/// that only report which actor filled a role (`source "X" → USAGOV`) are
/// no rule: `None`.
fn rule_key(rule: &Rule) -> Option<String> {
    if rule.id.starts_with("grammar.") {
        return Some(rule.id.clone());
    }
    if rule.id.starts_with("confidence.") || rule.id == "coder.actor" {
        return None;
    }
    let rule = rule.text.as_str();
    let mut out = String::with_capacity(40);
    let mut words = 0;
    let mut push = |w: &str, out: &mut String| {
        if words < 6 {
            if words > 0 {
                out.push(' ');
            }
            if w.bytes().any(|c| c.is_ascii_uppercase()) || !w.is_ascii() {
                out.extend(w.chars().flat_map(char::to_lowercase));
            } else {
                out.push_str(w);
            }
            words += 1;
        }
    };
    for (i, part) in rule.split('"').enumerate() {
        if i % 2 == 1 {
            push("_", &mut out);
            continue;
        }
        let part = part.split('→').next().unwrap_or("");
        for w in part.split_whitespace() {
            let number = w.bytes().any(|c| c.is_ascii_digit());
            let code = w.len() >= 3 && w.bytes().all(|c| c.is_ascii_uppercase());
            if !number && !code {
                push(w, &mut out);
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The features of one event, given the other events coded from the same
/// sentence.
///
/// The predicate's place in the dependency parse (its relation, its head's,
/// negation, modal and subordinating words on it) was tried as features and
/// left out: on WikiEvents train the out-of-fold precision and recall were
/// the same to 0.01 at every threshold with and without them, and parsing
/// every sentence that has an event would cost the pipeline its speed.
pub fn features(e: &Event, context: Context) -> Vec<String> {
    let mut f = Vec::new();
    each_feature(e, context, &mut |pieces| f.push(pieces.concat()));
    f.sort();
    f
}

/// Hand each feature of an event to `sink`, once each, built in one reused
/// buffer: scoring needs no string of its own per feature.
/// A small count as its digit ("0".."9"); counts are capped below ten.
fn digit(n: usize) -> &'static str {
    const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    DIGITS[n.min(9)]
}

/// Hand each feature of an event to `sink`, once each, as the pieces its
/// name is made of ("root=", "19"): scoring hashes the pieces and never
/// builds the name.
fn each_feature(e: &Event, context: Context, sink: &mut dyn FnMut(&[&str])) {
    let root = e.cameo.root.as_str();
    let src = role_kind(&e.source, &e.uncoded_source);
    let tgt = role_kind(&e.target, &e.uncoded_target);
    let pred = e
        .explanation
        .predicate
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    let kind = if e.explanation.pattern.contains("(noun,") {
        "noun"
    } else {
        "verb"
    };
    let date = format!("{:?}", e.date_source);
    sink(&["root=", root]);
    sink(&["quad=", digit(e.cameo.quad_class as usize)]);
    sink(&["code_depth=", digit(e.cameo.code.len())]);
    sink(&["src=", src]);
    sink(&["tgt=", tgt]);
    sink(&["roles=", src, "/", tgt]);
    sink(&["root=", root, ">src=", src]);
    sink(&["root=", root, ">tgt=", tgt]);
    sink(&["kind=", kind]);
    sink(&["root=", root, ">kind=", kind]);
    sink(&["modality=", e.modality.as_str()]);
    sink(&["pred=", &pred]);
    sink(&["pred=", &pred, ">root=", root]);
    sink(&["date=", &date]);
    for (role, a) in [("src", &e.source), ("tgt", &e.target)] {
        if let Some(a) = a {
            sink(&[role, "_sector=", a.sector.as_deref().unwrap_or("-")]);
            if a.country.is_none() {
                sink(&[role, "_no_country"]);
            }
        }
    }
    if let (Some(a), Some(b)) = (&e.source, &e.target) {
        if a.country.is_some() && a.country == b.country {
            sink(&["same_country"]);
        }
    }
    if e.claimant.is_some() {
        sink(&["claimant"]);
    }
    if e.group.is_some() {
        sink(&["group"]);
    }
    sink(&["same_predicate=", digit(context.same_predicate.min(3))]);
    sink(&["sentence_events=", digit(context.sentence_events.min(6))]);
    let words = e.explanation.sentence.split_whitespace().count();
    sink(&["sentence_words=", digit((words / 15).min(4))]);
    let mut rules: Vec<String> = e.explanation.rules.iter().filter_map(rule_key).collect();
    rules.sort();
    rules.dedup();
    for r in &rules {
        sink(&["rule=", r]);
    }
}

/// The FNV-1a hash of a feature name given as pieces: the same as the hash
/// of the joined name.
fn hash_pieces(pieces: &[&str]) -> u64 {
    let mut h = Fnv::default();
    for p in pieces {
        h.write(p.as_bytes());
    }
    h.finish()
}

/// What an event's sentence holds besides it: how many of the document's
/// events have their predicate in that sentence, and how many of those share
/// its predicate word (one act told of several actors, or read two ways).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    pub sentence_events: usize,
    pub same_predicate: usize,
}

/// Each event's [`Context`] among a document's events, given the document's
/// sentences as (start, end) byte offsets in order.
pub fn contexts(events: &[Event], sentences: &[(usize, usize)]) -> Vec<Context> {
    let sentence_of = |at: usize| sentence_of(sentences, at);
    let mut per_sentence: HashMap<usize, usize> = HashMap::new();
    let mut per_predicate: HashMap<usize, usize> = HashMap::new();
    for e in events {
        let at = e.explanation.predicate_start;
        *per_sentence.entry(sentence_of(at)).or_default() += 1;
        *per_predicate.entry(at).or_default() += 1;
    }
    events
        .iter()
        .map(|e| {
            let at = e.explanation.predicate_start;
            Context {
                sentence_events: per_sentence[&sentence_of(at)],
                same_predicate: per_predicate[&at],
            }
        })
        .collect()
}

/// The index of the sentence holding offset `at`, given the sentences'
/// `(start, end)` spans in order: the first whose end lies past `at`.
/// Confidence counts events by this sentence, and the pipeline cuts a
/// document's events for rescoring by it, so both must agree.
pub fn sentence_of(sentences: &[(usize, usize)], at: usize) -> usize {
    sentences.partition_point(|&(_, end)| end <= at)
}

/// Set the confidence of a document's events (merged and linked, as output)
/// from the model and, where features pulled it down, say which in the
/// explanation (`confidence.lowered: …`).
pub fn rescore(events: &mut [Event], sentences: &[(usize, usize)], model: &Model) {
    let ctx = contexts(events, sentences);
    for (e, c) in events.iter_mut().zip(ctx) {
        let (mut margin, mut low) = (model.bias, Vec::<(&str, f64)>::new());
        each_feature(e, c, &mut |pieces| {
            if let Some((w, name)) = model.hashed.get(&hash_pieces(pieces)) {
                margin += w;
                if *w < -0.05 {
                    low.push((name, *w));
                }
            }
        });
        e.confidence = (sigmoid(margin).clamp(0.01, 0.99) * 100.0).round() / 100.0;
        low.sort_by(|a, b| a.1.total_cmp(&b.1));
        if !low.is_empty() {
            let parts: Vec<String> = low
                .iter()
                .take(3)
                .map(|(name, w)| format!("{name} ({w:+.2})"))
                .collect();
            e.explanation.rules.push(Rule::new(
                "confidence.lowered",
                format!("confidence lowered by {}", parts.join(", ")),
            ));
        }
    }
}

/// One training example: an event's features and whether it was right.
#[derive(Debug, Clone)]
pub struct Sample {
    pub features: Vec<String>,
    pub right: bool,
}

/// Fit a logistic model by full-batch gradient descent with an L2 penalty
/// (`l2` per weight, the bias unpenalised). Deterministic: no sampling.
pub fn fit(samples: &[Sample], epochs: usize, l2: f64) -> Model {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let rows: Vec<Vec<usize>> = samples
        .iter()
        .map(|s| {
            s.features
                .iter()
                .map(|f| {
                    let n = index.len();
                    *index.entry(f.as_str()).or_insert(n)
                })
                .collect()
        })
        .collect();
    let mut w = vec![0.0f64; index.len()];
    let mut bias = 0.0f64;
    // AdaGrad-scaled steps: rare features move as surely as common ones
    let (mut gsq, mut bsq) = (vec![1e-8f64; w.len()], 1e-8f64);
    let n = samples.len().max(1) as f64;
    for _ in 0..epochs {
        let mut grad = vec![0.0f64; w.len()];
        let mut gb = 0.0f64;
        for (row, s) in rows.iter().zip(samples) {
            let m = bias + row.iter().map(|&j| w[j]).sum::<f64>();
            let err = sigmoid(m) - if s.right { 1.0 } else { 0.0 };
            gb += err / n;
            for &j in row {
                grad[j] += err / n;
            }
        }
        for j in 0..w.len() {
            let g = grad[j] + l2 * w[j];
            gsq[j] += g * g;
            w[j] -= 0.5 * g / gsq[j].sqrt();
        }
        bsq += gb * gb;
        bias -= 0.5 * gb / bsq.sqrt();
    }
    let mut m = Model {
        bias,
        weights: index
            .into_iter()
            .map(|(k, j)| (k.to_string(), w[j]))
            .collect(),
        threshold: FALLBACK_THRESHOLD,
        ..Model::default()
    };
    m.reindex();
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::event;

    fn sample(f: &[&str], right: bool) -> Sample {
        Sample {
            features: f.iter().map(|s| s.to_string()).collect(),
            right,
        }
    }

    /// A feature seen only on wrong events gets a negative weight, one seen
    /// only on right events a positive one, and the file form reads back.
    #[test]
    fn fitting_learns_the_sign_and_the_file_round_trips() {
        let mut data = Vec::new();
        for _ in 0..20 {
            data.push(sample(&["pred=killed", "src=coded"], true));
            data.push(sample(&["pred=tended", "src=none"], false));
        }
        let mut m = fit(&data, 200, 1e-3);
        assert!(m.weights["pred=killed"] > 0.5);
        assert!(m.weights["pred=tended"] < -0.5);
        assert!(m.probability(&["pred=killed".into(), "src=coded".into()]) > 0.8);
        m.threshold = 0.42;
        m.roots = vec!["18".into(), "19".into()];
        m.notes.push("test".into());
        let back = Model::parse(&m.to_tsv()).unwrap();
        assert_eq!(back.threshold, 0.42);
        assert_eq!(back.roots, m.roots);
        assert_eq!(back.notes, vec!["test".to_string()]);
        assert!((back.weights["pred=tended"] - m.weights["pred=tended"]).abs() < 1e-5);
    }

    /// The model's own threshold holds only the roots it was trained on; one
    /// the user gives holds every root.
    #[test]
    fn the_default_threshold_covers_the_trained_roots_only() {
        let m = Model {
            threshold: 0.3,
            roots: vec!["19".into()],
            ..Model::default()
        };
        let (fight, talk) = (event("190", 0, 0.2), event("040", 0, 0.2));
        let t = m.default_threshold();
        assert!(!t.keeps(&fight) && t.keeps(&talk));
        let given = Threshold::every_root(0.3);
        assert!(!given.keeps(&fight) && !given.keeps(&talk));
    }

    /// Scoring hashes the pieces of each feature name; training reads the
    /// joined names: both give the built-in model's same probability.
    #[test]
    fn scoring_by_hashed_pieces_agrees_with_the_names() {
        let m = Model::builtin();
        let mut evs = vec![event("190", 0, 0.5), event("173", 0, 0.5)];
        evs[0].explanation.predicate = "killed".into();
        evs[1].explanation.predicate = "arrested".into();
        let ctx = contexts(&evs, &[(0, 100)]);
        let want: Vec<f64> = evs
            .iter()
            .zip(&ctx)
            .map(|(e, c)| {
                (m.probability(&features(e, *c)).clamp(0.01, 0.99) * 100.0).round() / 100.0
            })
            .collect();
        rescore(&mut evs, &[(0, 100)], &m);
        assert_eq!(evs[0].confidence, want[0]);
        assert_eq!(evs[1].confidence, want[1]);
        assert_ne!(want[0], want[1]);
    }

    /// Two events of one predicate in the first sentence and one in the
    /// second: each knows its sentence's count and its predicate's.
    #[test]
    fn contexts_count_by_sentence_and_predicate() {
        let mut evs = vec![
            event("190", 0, 0.5),
            event("190", 0, 0.5),
            event("040", 1, 0.5),
        ];
        evs[0].explanation.predicate_start = 3;
        evs[1].explanation.predicate_start = 3;
        evs[2].explanation.predicate_start = 12;
        let c = contexts(&evs, &[(0, 10), (10, 20)]);
        assert_eq!(
            c[0],
            Context {
                sentence_events: 2,
                same_predicate: 2
            }
        );
        assert_eq!(
            c[2],
            Context {
                sentence_events: 1,
                same_predicate: 1
            }
        );
    }

    #[test]
    fn a_broken_model_line_is_a_named_error() {
        let e = Model::parse("#bias\t0.1\npred=killed\tlots\n").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        assert!(Model::parse("no tab here\n").is_err());
    }

    /// "jailed a student for helping young militants": the rule text that
    /// names the sentence's words is reduced to the rule itself.
    #[test]
    fn rule_keys_drop_the_sentence_words() {
        assert_eq!(
            rule_key(&Rule::new(
                "coder.active_subject",
                "actor \"the army\" before the verb is the source"
            ))
            .as_deref(),
            Some("actor _ before the verb is")
        );
        assert_eq!(
            rule_key(&Rule::new(
                "grammar.purpose",
                "\"helping\" is the aim of \"jailed\""
            ))
            .as_deref(),
            Some("grammar.purpose")
        );
        assert_eq!(
            rule_key(&Rule::new("coder.actor", "source \"the US\" → USAGOV")),
            None
        );
        assert_eq!(
            rule_key(&Rule::new(
                "confidence.lowered",
                "confidence lowered by src=none"
            )),
            None
        );
    }

    /// Rescoring sets the confidence from the model and names the features
    /// that lowered it.
    #[test]
    fn rescoring_explains_what_lowered_the_confidence() {
        let mut m = Model::default();
        m.weights.insert("src=none".into(), -2.0);
        m.reindex();
        let mut evs = vec![event("190", 0, 0.9)];
        evs[0].source = None;
        rescore(&mut evs, &[(0, 100)], &m);
        assert!(evs[0].confidence < 0.2, "{}", evs[0].confidence);
        let why = evs[0].explanation.rules.last().unwrap();
        assert_eq!(why.id, "confidence.lowered");
        assert!(
            why.starts_with("confidence lowered by src=none (-2.00)"),
            "{why}"
        );
    }
}

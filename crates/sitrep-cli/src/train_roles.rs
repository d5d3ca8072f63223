//! `sitrep train roles`: fit the learned role model
//! (`sitrep_events::grammar::learned`) on WikiEvents train.
//!
//! The pipeline codes each document as `sitrep eval wikievents` does (the
//! role model off, so the pattern coder's choices are what the model
//! learns to correct); each event is matched to the annotated events of
//! its line as the evaluation matches them ([`sitrep_eval::match_greedy`],
//! the root among the gold's roots, pairs with right roles first), and each
//! candidate filler of a matched event is labelled SOURCE or TARGET when
//! its words are those of the gold's source or target arguments
//! ([`sitrep_eval::wikievents::role_right`]), NONE otherwise. The margin is
//! chosen on out-of-fold predictions (folds by document), and the
//! out-of-fold source and target right are printed beside the coder's own.

use anyhow::Context;
use sitrep_eval::wikievents::{self, GoldDoc, GoldEvent};
use sitrep_eval::{Coded, Role};
use sitrep_events::grammar::learned::{self, Candidate, Filler, Margins, RoleModel, Sample};
use sitrep_events::grammar::Tree;
use sitrep_model::{Actor, Annotation, Event};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// WikiEvents train, converted (wikievents_train.jsonl).
    #[arg(long)]
    wikievents: PathBuf,
    /// Where to write the model (e.g. data/roles/model.tsv).
    #[arg(long)]
    out: PathBuf,
    /// Passes of the averaged perceptron.
    #[arg(long, default_value_t = 10)]
    epochs: usize,
    /// Folds (by document) for choosing the margin.
    #[arg(long, default_value_t = 5)]
    folds: usize,
}

/// One matched event: its candidates' features, which candidates the gold
/// names in each role, and which fill the roles now.
struct EventRecord {
    doc: usize,
    /// Matched to a violence or coercion gold event (roots 17-20): the
    /// events `sitrep eval wikievents` scores roles on.
    violent: bool,
    source_named: bool,
    target_named: bool,
    features: Vec<Vec<String>>,
    /// Per candidate: (names the gold's source, names the gold's target).
    right: Vec<(bool, bool)>,
    current: (Option<usize>, Option<usize>),
}

impl EventRecord {
    /// The training sample: the first candidate naming the gold's
    /// source (target) is the one to choose.
    fn sample(&self) -> Sample {
        Sample {
            features: self.features.clone(),
            source: self.right.iter().position(|r| r.0),
            target: self.right.iter().position(|r| r.1),
        }
    }

    /// Whether the source and target chosen are right (for named roles).
    fn scored(&self, chosen: (Option<usize>, Option<usize>)) -> (bool, bool) {
        (
            chosen.0.is_some_and(|i| self.right[i].0),
            chosen.1.is_some_and(|i| self.right[i].1),
        )
    }
}

/// A candidate filler as the evaluation reads a role.
fn role_of(f: &Filler) -> Role {
    match f {
        Filler::Actor(a) => Role {
            text: a.text.clone(),
            name: a.name.clone(),
            code: a.code.clone(),
            sector: a.sector.clone(),
        },
        Filler::Uncoded(n) => Role {
            text: n.text.clone(),
            name: String::new(),
            code: String::new(),
            sector: None,
        },
    }
}

/// The record of event `e`, matched to gold event `g`, in its sentence.
fn record(
    doc: usize,
    ann: &Annotation,
    e: &Event,
    all: &[Event],
    g: &GoldEvent,
) -> Option<EventRecord> {
    let p = e.explanation.predicate_start;
    let syntax = ann.syntax.iter().find(|s| {
        s.words.first().is_some_and(|w| w.start <= p) && s.words.last().is_some_and(|w| p < w.end)
    })?;
    if sitrep_events::grammar::mirrored(e, all) {
        return None;
    }
    let t = Tree::new(syntax);
    let pw = t.word_at(p)?;
    let actors: Vec<Actor> = ann
        .actors
        .iter()
        .filter(|m| m.sentence == syntax.sentence)
        .map(|m| m.actor.clone())
        .collect();
    let cands: Vec<Candidate> = learned::candidates(&t, &actors, e);
    let current = learned::current_fillers(&cands, e)?;
    let (sw, tw) = (g.source_words(), g.target_words());
    let right = cands
        .iter()
        .map(|c| {
            let r = role_of(&c.filler);
            (
                wikievents::role_right(Some(&r), &sw),
                wikievents::role_right(Some(&r), &tw),
            )
        })
        .collect();
    let features = (0..cands.len())
        .map(|i| learned::features(&t, pw, &e.cameo.root, &cands, i, current))
        .collect();
    Some(EventRecord {
        doc,
        violent: g.cameo_roots.iter().any(|r| wikievents::is_violence(r))
            && wikievents::is_violence(&e.cameo.root),
        source_named: !sw.is_empty(),
        target_named: !tw.is_empty(),
        features,
        right,
        current,
    })
}

/// The events told in their predicate's line, as (event index, coded).
fn own_events(events: &[Event]) -> Vec<(usize, Coded)> {
    events
        .iter()
        .enumerate()
        .filter(|(_, e)| sitrep_eval::occurred(e))
        .flat_map(|(i, e)| {
            sitrep_eval::coded_events(std::slice::from_ref(e))
                .into_iter()
                .filter(|c| !c.retold)
                .map(move |c| (i, c))
        })
        .collect()
}

/// Each event of a document matched to a gold event of its line, as the
/// evaluation matches them: (event index, gold event).
fn matched<'g>(g: &'g GoldDoc, events: &[Event]) -> Vec<(usize, &'g GoldEvent)> {
    let starts = wikievents::line_starts(&g.text);
    let line = |at: usize| wikievents::line_of(&starts, at);
    let own = own_events(events);
    let mut out = Vec::new();
    for l in 0..starts.len() {
        let golds: Vec<&GoldEvent> = g
            .events
            .iter()
            .filter(|e| !e.cameo_roots.is_empty())
            .filter(|e| line(sitrep_eval::char_to_byte(&g.text, e.trigger_span[0])) == l)
            .collect();
        let preds: Vec<&(usize, Coded)> = own.iter().filter(|(_, c)| line(c.at) == l).collect();
        let fits = |gi: usize, pi: usize| wikievents::fit(golds[gi], &preds[pi].1);
        for (gi, pi) in sitrep_eval::match_greedy(golds.len(), preds.len(), fits) {
            out.push((preds[pi].0, golds[gi]));
        }
    }
    out
}

/// Code the file's documents with the role model off and record every
/// matched event.
fn records(file: &std::path::Path) -> anyhow::Result<Vec<EventRecord>> {
    let gold = wikievents::load(file)?;
    let (mut pipeline, _) = sitrep_eval::scoring_pipeline(&Default::default(), Some(0.0))?;
    pipeline.syntax = true;
    pipeline.role_model = None;
    let docs: Vec<_> = gold
        .iter()
        .map(|g| sitrep_eval::record_document(g.id.clone(), g.text.clone(), g.date.as_deref()))
        .collect();
    let anns = sitrep_eval::annotate_all(&pipeline, &docs);
    let mut out = Vec::new();
    for (d, (g, ann)) in gold.iter().zip(&anns).enumerate() {
        for (i, ge) in matched(g, &ann.events) {
            out.extend(record(d, ann, &ann.events[i], &ann.events, ge));
        }
    }
    Ok(out)
}

/// Source and target right over the violence and coercion events that
/// name them: (source right, source named, target right, target named).
type Tally = (usize, usize, usize, usize);

fn tally(recs: &[&EventRecord], chosen: &[(Option<usize>, Option<usize>)]) -> Tally {
    let mut t = (0, 0, 0, 0);
    for (r, c) in recs.iter().zip(chosen).filter(|(r, _)| r.violent) {
        let (s, g) = r.scored(*c);
        if r.source_named {
            t.1 += 1;
            t.0 += s as usize;
        }
        if r.target_named {
            t.3 += 1;
            t.2 += g as usize;
        }
    }
    t
}

/// The roles right if every event took a right candidate where it has one.
fn oracle(recs: &[&EventRecord]) -> Tally {
    let best: Vec<_> = recs
        .iter()
        .map(|r| {
            let s = r.right.iter().position(|x| x.0);
            let t = r.right.iter().position(|x| x.1);
            (s, t)
        })
        .collect();
    tally(recs, &best)
}

/// Each record's candidate scores by a model fitted on the other folds.
fn out_of_fold(recs: &[EventRecord], a: &Args) -> Vec<Vec<[f64; 3]>> {
    let folds = a.folds.max(2);
    let mut out = vec![Vec::new(); recs.len()];
    for k in 0..folds {
        let train: Vec<Sample> = recs
            .iter()
            .filter(|r| r.doc % folds != k)
            .map(|r| r.sample())
            .collect();
        let m = learned::fit(&train, a.epochs, [Margins::NEVER; 2]);
        for (i, r) in recs.iter().enumerate().filter(|(_, r)| r.doc % folds == k) {
            out[i] = r.features.iter().map(|f| m.scores(f)).collect();
        }
    }
    out
}

/// The fill margins tried; replace margins are those of them not below 0.
const MARGINS: [f64; 12] = [
    -8.0, -4.0, -2.0, -1.0, 0.0, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0,
];

/// The roles right out of fold with margins `m`, and how many violence
/// and coercion events changed.
fn try_margins(recs: &[EventRecord], oof: &[Vec<[f64; 3]>], m: [Margins; 2]) -> (Tally, usize) {
    let all: Vec<&EventRecord> = recs.iter().collect();
    let chosen: Vec<_> = recs
        .iter()
        .zip(oof)
        .map(|(r, s)| learned::choose(s, r.current, m))
        .collect();
    let changed = recs
        .iter()
        .zip(&chosen)
        .filter(|(r, c)| r.violent && r.current != **c)
        .count();
    (tally(&all, &chosen), changed)
}

/// The margins of role `role` (0 source, 1 target), the other's fixed as
/// in `m`, that make the most roles right out of fold; of equal gains the
/// largest (the fewest changes), and no change unless one gains.
fn best_margins(
    recs: &[EventRecord],
    oof: &[Vec<[f64; 3]>],
    m: [Margins; 2],
    role: usize,
    before: Tally,
) -> [Margins; 2] {
    let (mut best, mut gain) = (m, 0i64);
    best[role] = Margins::NEVER;
    for fill in MARGINS.into_iter().rev() {
        for replace in MARGINS.into_iter().rev().filter(|&r| r >= 0.0) {
            let mut at = m;
            at[role] = Margins::new(fill, replace);
            let (t, _) = try_margins(recs, oof, at);
            let g = (t.0 + t.2) as i64 - (before.0 + before.2) as i64;
            if g > gain {
                (best, gain) = (at, g);
            }
        }
    }
    best
}

/// The margins chosen out of fold: the source's first (the target's
/// unchanged), then the target's given them, since a new source may take
/// the target's filler.
fn choose_margins(recs: &[EventRecord], oof: &[Vec<[f64; 3]>], before: Tally) -> [Margins; 2] {
    eprintln!("fill = replace margins: source, target right (out of fold)");
    for m in MARGINS.into_iter().rev() {
        let (t, changed) = try_margins(recs, oof, [Margins::new(m, m.max(0.0)); 2]);
        eprintln!(
            "  {m:>5.1}  {}/{}  {}/{}  ({changed} events changed)",
            t.0, t.1, t.2, t.3
        );
    }
    let m = best_margins(recs, oof, [Margins::NEVER; 2], 0, before);
    best_margins(recs, oof, m, 1, before)
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let t0 = std::time::Instant::now();
    let recs = records(&a.wikievents)?;
    eprintln!("sitrep: {} matched events", recs.len());
    let all: Vec<&EventRecord> = recs.iter().collect();
    let before = tally(&all, &recs.iter().map(|r| r.current).collect::<Vec<_>>());
    eprintln!(
        "coder's roles (violence and coercion): source {}/{}, target {}/{}",
        before.0, before.1, before.2, before.3
    );
    let reach = oracle(&all);
    eprintln!(
        "a candidate names the gold's role: source {}/{}, target {}/{} (the most any choice can reach)",
        reach.0, reach.1, reach.2, reach.3
    );
    let oof = out_of_fold(&recs, &a);
    let alone: Vec<_> = oof
        .iter()
        .map(|s| learned::choose(s, (None, None), [Margins::ALWAYS; 2]))
        .collect();
    let t = tally(&all, &alone);
    eprintln!(
        "the model alone, its best candidate whatever the coder chose: source {}/{}, target {}/{}",
        t.0, t.1, t.2, t.3
    );
    let margin = choose_margins(&recs, &oof, before);
    let chosen: Vec<_> = recs
        .iter()
        .zip(&oof)
        .map(|(r, s)| learned::choose(s, r.current, margin))
        .collect();
    let after = tally(&all, &chosen);
    let changed = recs
        .iter()
        .zip(&chosen)
        .filter(|(r, c)| r.violent && r.current != **c)
        .count();
    eprintln!(
        "chosen margins (fill, replace): source {:.1}, {:.1}; target {:.1}, {:.1}: source {}/{}, target {}/{} (out of fold, {changed} events changed)",
        margin[0].fill, margin[0].replace, margin[1].fill, margin[1].replace, after.0, after.1, after.2, after.3
    );
    let samples: Vec<Sample> = recs.iter().map(|r| r.sample()).collect();
    let mut model: RoleModel = learned::fit(&samples, a.epochs, margin);
    model.roots = wikievents::VIOLENCE_ROOTS
        .iter()
        .map(|r| r.to_string())
        .collect();
    model.notes = notes(&a, &recs, before, margin, after);
    std::fs::write(&a.out, model.to_tsv())
        .with_context(|| format!("writing {}", a.out.display()))?;
    eprintln!(
        "sitrep: wrote {} ({} features) in {:.0} s",
        a.out.display(),
        model.weights.len(),
        t0.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// The model file's comment lines: how it was trained, on what, and its
/// out-of-fold figures.
fn notes(
    a: &Args,
    recs: &[EventRecord],
    before: Tally,
    margin: [Margins; 2],
    after: Tally,
) -> Vec<String> {
    let file = a
        .wikievents
        .file_name()
        .map_or(String::new(), |f| f.to_string_lossy().into_owned());
    vec![
        "sitrep role model: averaged perceptron over parse features of candidate fillers (sitrep_events::grammar::learned).".into(),
        format!("Trained by `sitrep train roles --epochs {} --folds {}` on {file}", a.epochs, a.folds),
        "(WikiEvents train, Li, Ji and Han 2021, MIT licence; labels: candidates' words against the matched annotated event's arguments).".into(),
        format!(
            "{} matched events; margins (fill, replace) source {:.1}, {:.1}, target {:.1}, {:.1} chosen out of fold: violence and coercion source right {}/{} -> {}/{}, target {}/{} -> {}/{}.",
            recs.len(), margin[0].fill, margin[0].replace, margin[1].fill, margin[1].replace, before.0, before.1, after.0, after.1, before.2, before.3, after.2, after.3
        ),
    ]
}

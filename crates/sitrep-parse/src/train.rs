//! Training the whole model from a treebank: tagger, jackknifed tags, parser.
//!
//! The parser must be trained on the tags it will see at run time, which are the
//! tagger's, mistakes included. So the training set is cut into folds; each fold is
//! tagged by a tagger trained on the other folds (jackknifing), and the parser learns from
//! those tags. Every sentence is also seen lowercased and some uppercased, with tags
//! predicted on that version, so that feeds without capitals parse as well as edited text.

use crate::conllu::Sentence;
use crate::eval::Scores;
use crate::model::Analyzer;
use crate::parser::{self, Exploration, ParseExample, Parser};
use crate::sentences::{self, Boundaries};
use crate::tagger::{self, TagExample, Tagger};
use crate::words::Word;
use std::collections::BTreeSet;

/// Training settings; the defaults are what the shipped model was trained with.
#[derive(Debug, Clone)]
pub struct Options {
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    pub folds: usize,
    /// Add a lowercased copy of every sentence.
    pub lowercase_copies: bool,
    /// Add an uppercased copy of every n-th sentence (0: none).
    pub uppercase_every: usize,
    pub explore: Exploration,
    /// Beam width of the parser (1: greedy, trained with the dynamic oracle; more: beam
    /// search trained globally, see `beam.rs`).
    pub beam: usize,
    /// Features updated fewer times than this in training are dropped from the model.
    pub min_updates: u32,
    /// Move features whose largest weight is at most this many of the move table's steps
    /// (of 32,767) are left out of the final parser (0: none); see [`prune_moves`].
    pub min_move_steps: i16,
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tagger_epochs: 8,
            parser_epochs: 10,
            folds: 10,
            lowercase_copies: true,
            uppercase_every: 8,
            explore: Exploration {
                from_epoch: 2,
                probability: 0.9,
            },
            beam: 8,
            min_updates: 3,
            min_move_steps: 700,
            seed: 20_261_207,
        }
    }
}

/// How a sentence's words are cased for a training copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Casing {
    AsWritten,
    Lower,
    Upper,
}

impl Casing {
    pub fn apply(self, form: &str) -> String {
        match self {
            Casing::AsWritten => form.to_string(),
            Casing::Lower => form.to_lowercase(),
            Casing::Upper => form.to_uppercase(),
        }
    }
}

/// The copies of sentence `k` that training sees.
fn casings(k: usize, opts: &Options) -> Vec<Casing> {
    let mut v = vec![Casing::AsWritten];
    if opts.lowercase_copies {
        v.push(Casing::Lower);
    }
    if opts.uppercase_every > 0 && k.is_multiple_of(opts.uppercase_every) {
        v.push(Casing::Upper);
    }
    v
}

/// The tags the tagger learns: the Penn Treebank tag and the universal tag together
/// ("VBZ|AUX"), since the parser needs both: VBZ does not say whether "has" is an auxiliary
/// or the verb, and AUX does not say it is third person present.
pub fn gold_tags(s: &Sentence) -> Vec<String> {
    s.xpos
        .iter()
        .zip(&s.upos)
        .map(|(x, u)| format!("{x}|{u}"))
        .collect()
}

/// Hashed words of a sentence in a casing.
pub fn words_of(s: &Sentence, casing: Casing) -> Vec<Word> {
    s.words
        .iter()
        .map(|w| Word::new(&casing.apply(w)))
        .collect()
}

struct Variant {
    sentence: usize,
    casing: Casing,
    words: Vec<Word>,
    gold_tags: Vec<u16>,
}

/// Trains a model. `log` receives one line per step (fold, epoch and dev scores).
pub fn train(
    train: &[Sentence],
    dev: &[Sentence],
    opts: &Options,
    mut log: impl FnMut(&str),
) -> Analyzer {
    let prepared = prepare(train, opts, &mut log);
    let parser = train_parser(&prepared, dev, opts, log);
    Analyzer {
        tagger: prepared.tagger,
        parser,
    }
}

/// The parser's training data: the final tagger and the training copies with jackknifed
/// tags. Made once, it can train several parsers (e.g. to compare parser settings on dev
/// without re-tagging, which is most of the training time).
pub struct Prepared {
    pub tagger: Tagger,
    examples: Vec<ParseExample>,
}

/// Trains the tagger and tags the training copies (see [`train`]).
pub fn prepare(train: &[Sentence], opts: &Options, mut log: impl FnMut(&str)) -> Prepared {
    let tags: Vec<String> = train
        .iter()
        .flat_map(gold_tags)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let tag_id = |t: &str| tags.iter().position(|x| x == t).unwrap_or(0) as u16;
    let variants: Vec<Variant> = train
        .iter()
        .enumerate()
        .flat_map(|(k, s)| casings(k, opts).into_iter().map(move |c| (k, s, c)))
        .map(|(k, s, c)| Variant {
            sentence: k,
            casing: c,
            words: words_of(s, c),
            gold_tags: gold_tags(s).iter().map(|t| tag_id(t)).collect(),
        })
        .collect();
    log(&format!(
        "{} sentences, {} training copies, {} tags",
        train.len(),
        variants.len(),
        tags.len()
    ));
    let predicted = jackknife(&variants, &tags, opts, &mut log);
    let tagger = train_tagger(&variants, |_| true, &tags, opts);
    let mut lifted = 0;
    let examples: Vec<ParseExample> = variants
        .iter()
        .zip(predicted)
        .map(|(v, ptags)| {
            let s = &train[v.sentence];
            let (ex, l) = ParseExample::new(v.words.clone(), ptags, &s.heads, &s.rels);
            lifted += l;
            ex
        })
        .collect();
    log(&format!(
        "{lifted} crossing arcs lifted to make training trees projective"
    ));
    Prepared { tagger, examples }
}

/// Trains the parser on prepared data, keeping the epoch with the best dev LAS.
pub fn train_parser(
    prepared: &Prepared,
    dev: &[Sentence],
    opts: &Options,
    mut log: impl FnMut(&str),
) -> Parser {
    let tagger = &prepared.tagger;
    let dev_words: Vec<Vec<Word>> = dev.iter().map(|s| words_of(s, Casing::AsWritten)).collect();
    let dev_tags: Vec<Vec<u16>> = dev_words.iter().map(|w| tagger.tag_ids(w)).collect();
    let settings = parser::Settings {
        epochs: opts.parser_epochs,
        explore: opts.explore,
        width: opts.beam,
        min_updates: opts.min_updates,
        seed: opts.seed,
    };
    let mut p = parser::train(&prepared.examples, settings, |epoch, p| {
        if dev.is_empty() {
            log(&format!("epoch {epoch}"));
            return None;
        }
        let sc = score_parser(p, tagger, dev, &dev_words, &dev_tags);
        log(&format!(
            "epoch {epoch}: dev UAS {:.2} LAS {:.2}",
            100.0 * sc.uas(),
            100.0 * sc.las()
        ));
        Some(sc.las())
    });
    if opts.min_move_steps > 0 {
        let (before, after) = prune_moves(&mut p, opts.min_move_steps);
        let sc = score_parser(&p, tagger, dev, &dev_words, &dev_tags);
        log(&format!(
            "move features {before} -> {after} (largest weight over {} steps): dev UAS {:.2} LAS {:.2}",
            opts.min_move_steps,
            100.0 * sc.uas(),
            100.0 * sc.las()
        ));
    }
    p
}

/// Leaves out of the trained parser's move table the features whose largest weight is at
/// most `min_steps` steps. Issue #18 asks for speed and at most 100 MB for the model, and
/// the table is where parsing waits on memory (perf: 44% of `move_scores` on the load of a
/// table slot). The model trained with word classes (session 10) holds 1.50 million move
/// features; the 263,000 with a weight over 700 steps (of 32,767) fit a table of 8 MB
/// instead of 34, for EWT dev LAS 81.71 -> 81.60 (the model before it: 81.52) and about 6%
/// more sentences a CPU second than the model before it, so the default is 700 (at 400,
/// LAS 81.68 but 3% slower than the model before: the word-class features cost lookups).
/// Returns the number of move features before and after.
pub fn prune_moves(p: &mut Parser, min_steps: i16) -> (usize, usize) {
    let before = p.moves.features();
    p.moves = p.moves.pruned(min_steps);
    (before, p.moves.features())
}

/// Trains the sentence-boundary model and logs its dev scores, as written and lowercased.
pub fn train_boundaries(
    train: &[Sentence],
    dev: &[Sentence],
    opts: &Options,
    mut log: impl FnMut(&str),
) -> Boundaries {
    let boundaries = sentences::train(train, opts.tagger_epochs, opts.seed);
    for casing in [Casing::AsWritten, Casing::Lower] {
        if dev.is_empty() {
            break;
        }
        let (p, r, f) = sentences::score(&boundaries, dev, casing);
        log(&format!(
            "dev sentence boundaries ({casing:?}): P {p:.3} R {r:.3} F1 {f:.3}"
        ));
    }
    boundaries
}

fn score_parser(
    p: &Parser,
    tagger: &Tagger,
    dev: &[Sentence],
    words: &[Vec<Word>],
    tags: &[Vec<u16>],
) -> Scores {
    let mut sc = Scores::default();
    let mut scratch = parser::Scratch::default();
    for ((s, w), t) in dev.iter().zip(words).zip(tags) {
        let tree = p.parse(w, t, &mut scratch);
        let analysis = crate::model::Analysis {
            tags: t.iter().map(|&i| tagger.xpos(i).to_string()).collect(),
            upos: t.iter().map(|&i| tagger.upos(i).to_string()).collect(),
            heads: tree.heads,
            rels: tree.rels,
        };
        sc.add(s, &analysis);
    }
    sc
}

fn train_tagger(
    variants: &[Variant],
    keep: impl Fn(usize) -> bool,
    tags: &[String],
    opts: &Options,
) -> Tagger {
    let data: Vec<TagExample> = variants
        .iter()
        .filter(|v| keep(v.sentence))
        .map(|v| TagExample {
            words: v.words.clone(),
            tags: v.gold_tags.clone(),
            original: v.casing == Casing::AsWritten,
        })
        .collect();
    tagger::train(&data, tags.to_vec(), opts.tagger_epochs, opts.seed)
}

/// Tags each training copy with a tagger that never saw its sentence.
fn jackknife(
    variants: &[Variant],
    tags: &[String],
    opts: &Options,
    log: &mut impl FnMut(&str),
) -> Vec<Vec<u16>> {
    let folds = opts.folds.max(2);
    let mut out = vec![Vec::new(); variants.len()];
    let (mut right, mut total) = (0usize, 0usize);
    for fold in 0..folds {
        let tagger = train_tagger(variants, |k| k % folds != fold, tags, opts);
        for (i, v) in variants.iter().enumerate() {
            if v.sentence % folds == fold {
                let t = tagger.tag_ids(&v.words);
                right += t.iter().zip(&v.gold_tags).filter(|(a, b)| a == b).count();
                total += t.len();
                out[i] = t;
            }
        }
        log(&format!("fold {}/{folds} tagged", fold + 1));
    }
    log(&format!(
        "jackknifed tag accuracy on training copies: {:.2}%",
        100.0 * right as f64 / total.max(1) as f64
    ));
    out
}

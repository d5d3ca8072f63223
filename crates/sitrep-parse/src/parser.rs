//! The parser: greedy arc-eager decoding with a move model and a label model, and its
//! training with the dynamic oracle.

use crate::arc_eager::{projectivise, Move, State, NONE};
use crate::beam::{self, BeamScratch, TrainScratch};
use crate::features::{
    label_features, move_features, pair_features, role_features, Context, Positions, Role,
};
use crate::hash::mix;
use crate::hash::Rng;
use crate::perceptron::{argmax, Dense4, Map, Model, Trainer};
use crate::rel::Rel;
use crate::words::Word;

/// The move and label models.
pub struct Parser {
    pub(crate) moves: Dense4,
    pub(crate) labels: Model,
    /// Beam width for decoding: 1 is greedy; more for a model trained with a beam.
    pub(crate) beam: usize,
}

/// A parse: 1-based heads (0 = root) and relations, one per word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tree {
    pub heads: Vec<usize>,
    pub rels: Vec<Rel>,
}

fn move_of(i: usize) -> Move {
    Move::ALL[i]
}

/// Scratch buffers reused across sentences.
#[derive(Default)]
pub struct Scratch {
    feats: Vec<u64>,
    label_scores: Vec<f32>,
    /// Summed weights of each (role, word), filled as the parse needs them: index
    /// `role * (n + 2) + word`, word `n + 1` standing for "none".
    memo: Vec<Option<[i32; 4]>>,
    /// Features of the (role, word) pairs being filled at this move, and where each
    /// pair's run ends in `role_feats`.
    role_feats: Vec<u64>,
    missing: Vec<(usize, usize)>,
    one: Vec<u64>,
    beam: BeamScratch,
    /// With a beam, items often look the same around the stack top and buffer front:
    /// the summed weights of a set of pair features, and the label chosen from a set of
    /// label features, by a hash of the set (filled only when decoding with a beam).
    pair_memo: Map<[i32; 4]>,
    label_memo: Map<u8>,
    /// The width of the parse under way (the memos above serve only a beam).
    beam_width: usize,
}

/// One key for a whole set of features.
fn set_key(feats: &[u64]) -> u64 {
    feats.iter().fold(0x243f_6a88_85a3_08d3, |h, &f| mix(h, f))
}

impl Parser {
    /// Parses a tagged sentence: greedily, or with a beam when the model was trained
    /// with one (see [`crate::beam`]).
    pub fn parse(&self, words: &[Word], tags: &[u16], scratch: &mut Scratch) -> Tree {
        self.parse_width(words, tags, self.beam, scratch)
    }

    /// Parses with a beam of `width` (1: greedy) whatever the model was trained with.
    pub fn parse_width(
        &self,
        words: &[Word],
        tags: &[u16],
        width: usize,
        scratch: &mut Scratch,
    ) -> Tree {
        let c = Context { words, tags };
        scratch.label_scores.resize(Rel::ALL.len(), 0.0);
        scratch.memo.clear();
        scratch
            .memo
            .resize(Role::ALL.len() * (words.len() + 2), None);
        scratch.beam_width = width;
        let mut st = if width > 1 {
            scratch.pair_memo.clear();
            scratch.label_memo.clear();
            let mut bs = std::mem::take(&mut scratch.beam);
            let st = self.parse_beam(&c, width, scratch, &mut bs);
            scratch.beam = bs;
            st
        } else {
            self.parse_greedy(&c, scratch)
        };
        st.finish(Rel::Root as u8, Rel::Parataxis as u8);
        Tree {
            heads: st.heads[1..].iter().map(|&h| h as usize).collect(),
            rels: st.rels[1..]
                .iter()
                .map(|&r| Rel::from_index(r as usize).unwrap_or(Rel::Dep))
                .collect(),
        }
    }

    fn parse_greedy(&self, c: &Context, scratch: &mut Scratch) -> State {
        let mut st = State::new(c.words.len());
        while !st.terminal() {
            let scores = self.move_scores(c, &st, scratch);
            let m = argmax(&scores, |i| st.allowed(move_of(i)))
                .map(move_of)
                .unwrap_or(Move::Shift);
            let label = self.label_for(c, &st, m, scratch);
            st.apply(m, label);
        }
        st
    }

    /// The four moves' scores: the features that change at every move looked up afresh,
    /// the 42 that depend on one word in one position taken from the sentence's memo (a
    /// word is the buffer front or the stack top's child for several moves in a row).
    pub(crate) fn move_scores(&self, c: &Context, st: &State, scratch: &mut Scratch) -> [f32; 4] {
        let pos = Positions::of(st);
        let stride = c.words.len() + 2;
        pair_features(c, st, &pos, &mut scratch.feats);
        scratch.role_feats.clear();
        scratch.missing.clear();
        let roles = pos.roles();
        for (r, (&role, &i)) in Role::ALL.iter().zip(&roles).enumerate() {
            let at = r * stride + if i == NONE { stride - 1 } else { i as usize };
            if scratch.memo[at].is_none() {
                role_features(c, role, i, &mut scratch.one);
                scratch.role_feats.extend_from_slice(&scratch.one);
                scratch.missing.push((at, scratch.role_feats.len()));
            }
        }
        let key = (scratch.beam_width > 1).then(|| set_key(&scratch.feats));
        let known = key.and_then(|k| scratch.pair_memo.get(&k).copied());
        if known.is_none() {
            self.moves.prefetch(&scratch.feats);
        }
        self.moves.prefetch(&scratch.role_feats);
        let mut sum = match known {
            Some(sum) => sum,
            None => {
                let sum = self.moves.sum(&scratch.feats);
                if let Some(k) = key {
                    scratch.pair_memo.insert(k, sum);
                }
                sum
            }
        };
        let mut start = 0;
        for &(at, end) in &scratch.missing {
            scratch.memo[at] = Some(self.moves.sum(&scratch.role_feats[start..end]));
            start = end;
        }
        for (r, &i) in roles.iter().enumerate() {
            let at = r * stride + if i == NONE { stride - 1 } else { i as usize };
            let part = scratch.memo[at].unwrap_or_default();
            for k in 0..4 {
                sum[k] += part[k];
            }
        }
        self.moves.scores(sum)
    }

    pub(crate) fn label_for(&self, c: &Context, st: &State, m: Move, scratch: &mut Scratch) -> u8 {
        let (h, d) = match arc_of(st, m) {
            Some(hd) => hd,
            None => return 0,
        };
        if h == 0 {
            return Rel::Root as u8;
        }
        label_features(c, st, h, d, &mut scratch.feats);
        let key = (scratch.beam_width > 1).then(|| set_key(&scratch.feats));
        if let Some(&label) = key.and_then(|k| scratch.label_memo.get(&k)) {
            return label;
        }
        scratch.label_scores.iter_mut().for_each(|s| *s = 0.0);
        self.labels
            .add_scores(&scratch.feats, &mut scratch.label_scores);
        let label = argmax(&scratch.label_scores, |i| i != Rel::Root as usize)
            .unwrap_or(Rel::Dep as usize) as u8;
        if let Some(k) = key {
            scratch.label_memo.insert(k, label);
        }
        label
    }

    /// Number of features and weights in the two models, and their size in bytes.
    pub fn size(&self) -> (usize, usize, usize) {
        (
            self.moves.features() + self.labels.features(),
            4 * self.moves.features() + self.labels.weights(),
            self.moves.heap_bytes() + self.labels.heap_bytes(),
        )
    }
}

/// The arc a move would make: (head, dependent).
pub(crate) fn arc_of(st: &State, m: Move) -> Option<(u32, u32)> {
    match m {
        Move::LeftArc => Some((st.b, st.s0())),
        Move::RightArc => Some((st.s0(), st.b)),
        _ => None,
    }
}

/// One training sentence for the parser: words, predicted tags, gold tree.
pub struct ParseExample {
    pub words: Vec<Word>,
    pub tags: Vec<u16>,
    /// Gold heads with index 0 unused (`heads[w]` for word w), projectivised.
    pub heads: Vec<u32>,
    /// Gold relation indices, index 0 unused.
    pub rels: Vec<u8>,
}

impl ParseExample {
    /// Builds an example from 1-based gold heads per word; crossing arcs are lifted.
    /// Returns the example and how many arcs were lifted.
    pub fn new(words: Vec<Word>, tags: Vec<u16>, heads: &[usize], rels: &[Rel]) -> (Self, usize) {
        let mut h: Vec<u32> = std::iter::once(0)
            .chain(heads.iter().map(|&x| x as u32))
            .collect();
        let lifted = projectivise(&mut h);
        let r = std::iter::once(0)
            .chain(rels.iter().map(|r| r.index() as u8))
            .collect();
        (
            ParseExample {
                words,
                tags,
                heads: h,
                rels: r,
            },
            lifted,
        )
    }
}

/// How training explores: from which epoch on the model's own (possibly wrong) moves
/// are followed, and how often.
#[derive(Debug, Clone, Copy)]
pub struct Exploration {
    pub from_epoch: usize,
    pub probability: f64,
}

/// How the parser is trained.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub epochs: usize,
    /// For greedy training (`width` 1): when the model's own moves are followed.
    pub explore: Exploration,
    /// 1 trains a greedy parser with the dynamic oracle, more a beam parser globally
    /// (`beam.rs`).
    pub width: usize,
    /// Features updated fewer times than this are left out of the frozen models.
    pub min_updates: u32,
    pub seed: u64,
}

/// Trains the move and label models together. `each_epoch` receives the epoch number and
/// the models averaged so far, and returns a score (e.g. dev LAS); the best-scoring
/// epoch's models are returned (the last one when no score is given).
pub fn train(
    data: &[ParseExample],
    settings: Settings,
    mut each_epoch: impl FnMut(usize, &Parser) -> Option<f64>,
) -> Parser {
    let Settings {
        epochs,
        explore,
        width,
        min_updates,
        seed,
    } = settings;
    let mut moves = Trainer::new(4);
    let mut labels = Trainer::new(Rel::ALL.len());
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut best: Option<(f64, Parser)> = None;
    let mut last = None;
    let mut ts = TrainScratch::default();
    let freeze = |moves: &Trainer, labels: &Trainer| Parser {
        moves: Dense4::from_model(&moves.freeze(min_updates)),
        labels: labels.freeze(min_updates),
        beam: width.max(1),
    };
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            if width > 1 {
                beam::train_sentence(&data[k], &mut moves, &mut labels, width, &mut ts);
                continue;
            }
            let exploring = epoch >= explore.from_epoch;
            train_sentence(
                &data[k],
                &mut moves,
                &mut labels,
                &mut rng,
                exploring.then_some(explore.probability),
            );
        }
        let parser = freeze(&moves, &labels);
        match each_epoch(epoch, &parser) {
            Some(score) if best.as_ref().is_none_or(|(b, _)| score > *b) => {
                best = Some((score, parser))
            }
            Some(_) => {}
            None => last = Some(parser),
        }
    }
    best.map(|(_, p)| p)
        .or(last)
        .unwrap_or_else(|| freeze(&moves, &labels))
}

fn train_sentence(
    ex: &ParseExample,
    moves: &mut Trainer,
    labels: &mut Trainer,
    rng: &mut Rng,
    explore: Option<f64>,
) {
    let c = Context {
        words: &ex.words,
        tags: &ex.tags,
    };
    let mut st = State::new(ex.words.len());
    let mut feats = Vec::with_capacity(96);
    let mut scores = [0f32; 4];
    let mut lscores = vec![0f32; Rel::ALL.len()];
    while !st.terminal() {
        move_features(&c, &st, &mut feats);
        moves.tick();
        moves.score(&feats, &mut scores);
        let costs: [u32; 4] = Move::ALL.map(|m| {
            if st.allowed(m) {
                st.cost(m, &ex.heads)
            } else {
                u32::MAX
            }
        });
        let min_cost = *costs.iter().min().unwrap_or(&0);
        let pred = argmax(&scores, |i| costs[i] != u32::MAX).unwrap_or(0);
        let best_right = argmax(&scores, |i| costs[i] == min_cost).unwrap_or(0);
        if costs[pred] > min_cost {
            moves.update(&feats, best_right, pred);
        }
        let follow = match explore {
            Some(p) if rng.unit() < p => pred,
            _ => best_right,
        };
        let m = move_of(follow);
        let label = train_label(&c, &st, m, ex, labels, &mut feats, &mut lscores);
        st.apply(m, label);
    }
}

fn train_label(
    c: &Context,
    st: &State,
    m: Move,
    ex: &ParseExample,
    labels: &mut Trainer,
    feats: &mut Vec<u64>,
    scores: &mut [f32],
) -> u8 {
    let (h, d) = match arc_of(st, m) {
        Some(hd) => hd,
        None => return 0,
    };
    if h == 0 {
        return Rel::Root as u8;
    }
    label_features(c, st, h, d, feats);
    labels.tick();
    labels.score(feats, scores);
    let pred = argmax(scores, |i| i != Rel::Root as usize).unwrap_or(0);
    if ex.heads[d as usize] == h && h != NONE {
        let gold = ex.rels[d as usize] as usize;
        labels.update(feats, gold, pred);
        gold as u8
    } else {
        pred as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(forms: &[&str], tags: &[u16], heads: &[usize], rels: &[Rel]) -> ParseExample {
        let words = forms.iter().map(|f| Word::new(f)).collect();
        ParseExample::new(words, tags.to_vec(), heads, rels).0
    }

    /// The memo of (role, word) sums must give exactly the scores of looking every move
    /// feature up afresh, at every move of a parse.
    #[test]
    fn memoised_move_scores_equal_scoring_every_feature() {
        use Rel::*;
        let data = vec![
            example(
                &["Troops", "shelled", "the", "village", "."],
                &[1, 2, 0, 1, 3],
                &[2, 0, 4, 2, 2],
                &[Nsubj, Root, Det, Obj, Punct],
            ),
            example(
                &[
                    "The",
                    "army",
                    "and",
                    "police",
                    "fired",
                    "on",
                    "protesters",
                    ".",
                ],
                &[0, 1, 4, 1, 2, 5, 1, 3],
                &[2, 5, 4, 2, 0, 7, 5, 5],
                &[Det, Nsubj, Cc, Conj, Root, Case, Obl, Punct],
            ),
        ];
        let explore = Exploration {
            from_epoch: 2,
            probability: 0.9,
        };
        let settings = Settings {
            epochs: 3,
            explore,
            width: 1,
            min_updates: crate::perceptron::MIN_UPDATES,
            seed: 7,
        };
        let p = train(&data, settings, |_, _| None);
        let ex = &data[1];
        let c = Context {
            words: &ex.words,
            tags: &ex.tags,
        };
        let mut scratch = Scratch::default();
        scratch
            .memo
            .resize(Role::ALL.len() * (ex.words.len() + 2), None);
        let mut st = State::new(ex.words.len());
        let mut feats = Vec::new();
        let mut moves = 0;
        while !st.terminal() {
            let memo = p.move_scores(&c, &st, &mut scratch);
            move_features(&c, &st, &mut feats);
            let mut full = [0f32; 4];
            p.moves.add_scores(&feats, &mut full);
            assert_eq!(memo, full, "move {moves}");
            let m = argmax(&memo, |i| st.allowed(move_of(i)))
                .map(move_of)
                .unwrap_or(Move::Shift);
            st.apply(m, 0);
            moves += 1;
        }
        assert!(moves >= ex.words.len());
    }
}

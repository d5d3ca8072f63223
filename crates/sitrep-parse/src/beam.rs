//! Beam search over arc-eager moves, and its global training (Zhang and Clark 2008; Zhang
//! and Nivre 2011; Huang, Fayong and Guo 2012).
//!
//! A greedy parser commits to each move; one wrong early move (attaching "Uganda" as the
//! object of "Kenya" before seeing "urged") cannot be taken back. The beam keeps the
//! `width` best move sequences so far, scored by the sum of their move scores, and the
//! whole sequence is chosen at the end. Training then has to score whole sequences too:
//! the perceptron is updated where the correct sequence fell furthest behind the best one
//! in the beam ("max violation"), not move by move.
//!
//! Which sequence is "correct" is not unique in arc-eager (a word can often be reduced now
//! or later): any sequence of moves whose dynamic-oracle cost is zero builds the gold tree,
//! and the correct sequence is the best-scoring of those (a latent gold sequence): the best
//! zero-cost item in the beam while there is one, and after that the best zero-cost
//! continuation of the last one.

use crate::arc_eager::{Move, State, NONE};
use crate::features::{label_features, move_features, Context};
use crate::parser::{arc_of, ParseExample, Parser, Scratch};
use crate::perceptron::{argmax, Trainer};
use crate::rel::Rel;

/// No parent: the first move of a sequence.
const START: u32 = u32::MAX;

/// One move of a sequence, stored once and shared by every item that continues it.
#[derive(Clone, Copy)]
struct Step {
    parent: u32,
    mv: Move,
    label: u8,
}

/// A partial parse in the beam.
struct Item {
    st: State,
    score: f32,
    /// Last step of its move sequence in the arena (START for none).
    node: u32,
    /// Whether every move so far had zero oracle cost (training only).
    zero: bool,
}

/// A candidate continuation: the item it extends, the move (None: the item is finished
/// and carried over as it is) and the summed score.
#[derive(Clone, Copy)]
struct Candidate {
    score: f32,
    item: usize,
    mv: Option<Move>,
    zero: bool,
}

/// Keeps the `width` best candidates, highest score first; ties go to the earlier item and
/// move, so that the same weights always give the same parse. No two candidates have the
/// same item and move, so the order is total and an unstable sort gives the stable one's
/// result (cheaper: perf put the stable sort's merge and quicksort at 4% of parsing PUD).
fn best_candidates(cands: &mut Vec<Candidate>, width: usize) {
    let key = |c: &Candidate| (c.item, c.mv.map_or(0, |m| m as usize + 1));
    let order =
        |a: &Candidate, b: &Candidate| b.score.total_cmp(&a.score).then(key(a).cmp(&key(b)));
    if cands.len() > width {
        cands.select_nth_unstable_by(width, order);
        cands.truncate(width);
    }
    cands.sort_unstable_by(order);
}

/// Pools of states reused from sentence to sentence, so that a beam step copies into
/// memory it already owns instead of allocating.
#[derive(Default)]
pub struct BeamScratch {
    beam: Vec<Item>,
    next: Vec<Item>,
    cands: Vec<Candidate>,
}

fn push_step(arena: &mut Vec<Step>, parent: u32, mv: Move, label: u8) -> u32 {
    arena.push(Step { parent, mv, label });
    (arena.len() - 1) as u32
}

/// The moves from the start to `node`, in order.
fn path(arena: &[Step], mut node: u32) -> Vec<Step> {
    let mut out = Vec::new();
    while node != START {
        let s = arena[node as usize];
        out.push(s);
        node = s.parent;
    }
    out.reverse();
    out
}

/// Copies `from` into a slot of `pool` at `at` (reusing its buffers) or appends it.
fn put(pool: &mut Vec<Item>, at: usize, from: &State, score: f32, node: u32, zero: bool) {
    if at < pool.len() {
        let it = &mut pool[at];
        it.st.clone_from(from);
        it.score = score;
        it.node = node;
        it.zero = zero;
    } else {
        pool.push(Item {
            st: from.clone(),
            score,
            node,
            zero,
        });
    }
}

impl Parser {
    /// Parses with a beam of `width` move sequences (see the module documentation).
    pub(crate) fn parse_beam(
        &self,
        c: &Context,
        width: usize,
        scratch: &mut Scratch,
        bs: &mut BeamScratch,
    ) -> State {
        let n = c.words.len();
        put(&mut bs.beam, 0, &State::new(n), 0.0, START, true);
        let mut live = 1;
        while bs.beam[..live].iter().any(|it| !it.st.terminal()) {
            bs.cands.clear();
            for (k, it) in bs.beam[..live].iter().enumerate() {
                if it.st.terminal() {
                    bs.cands.push(Candidate {
                        score: it.score,
                        item: k,
                        mv: None,
                        zero: false,
                    });
                    continue;
                }
                let s = self.move_scores(c, &it.st, scratch);
                for m in Move::ALL {
                    if it.st.allowed(m) {
                        bs.cands.push(Candidate {
                            score: it.score + s[m as usize],
                            item: k,
                            mv: Some(m),
                            zero: false,
                        });
                    }
                }
            }
            best_candidates(&mut bs.cands, width);
            for (j, cand) in bs.cands.iter().enumerate() {
                let from = &bs.beam[cand.item];
                put(&mut bs.next, j, &from.st, cand.score, from.node, false);
                if let Some(m) = cand.mv {
                    let label = self.label_for(c, &bs.next[j].st, m, scratch);
                    let it = &mut bs.next[j];
                    it.st.apply(m, label);
                }
            }
            live = bs.cands.len();
            std::mem::swap(&mut bs.beam, &mut bs.next);
        }
        bs.beam[0].st.clone()
    }
}

/// The training state of one sentence: the label of a new arc in a training item is the
/// gold one when the arc is gold and the label model's guess otherwise.
fn training_label(
    c: &Context,
    st: &State,
    m: Move,
    ex: &ParseExample,
    labels: &Trainer,
    feats: &mut Vec<u64>,
    lscores: &mut [f32],
) -> u8 {
    let Some((h, d)) = arc_of(st, m) else {
        return 0;
    };
    if h == 0 {
        return Rel::Root as u8;
    }
    if ex.heads[d as usize] == h && h != NONE {
        return ex.rels[d as usize];
    }
    label_features(c, st, h, d, feats);
    labels.score(feats, lscores);
    argmax(lscores, |i| i != Rel::Root as usize).unwrap_or(0) as u8
}

/// Per-sentence buffers of beam training.
#[derive(Default)]
pub(crate) struct TrainScratch {
    beam: Vec<Item>,
    next: Vec<Item>,
    cands: Vec<Candidate>,
    arena: Vec<Step>,
    feats: Vec<u64>,
    lscores: Vec<f32>,
}

/// The move scores of a state under the current (not averaged) weights.
fn train_scores(c: &Context, st: &State, moves: &Trainer, feats: &mut Vec<u64>) -> [f32; 4] {
    move_features(c, st, feats);
    let mut s = [0f32; 4];
    moves.score(feats, &mut s);
    s
}

/// One beam step of training: expands the live items, keeps the best `width`, returns the
/// new number of live items.
fn train_step(
    c: &Context,
    ex: &ParseExample,
    moves: &Trainer,
    labels: &Trainer,
    width: usize,
    live: usize,
    ts: &mut TrainScratch,
) -> usize {
    ts.cands.clear();
    for (k, it) in ts.beam[..live].iter().enumerate() {
        if it.st.terminal() {
            ts.cands.push(Candidate {
                score: it.score,
                item: k,
                mv: None,
                zero: it.zero,
            });
            continue;
        }
        let s = train_scores(c, &it.st, moves, &mut ts.feats);
        for m in Move::ALL {
            if it.st.allowed(m) {
                let zero = it.zero && it.st.cost(m, &ex.heads) == 0;
                ts.cands.push(Candidate {
                    score: it.score + s[m as usize],
                    item: k,
                    mv: Some(m),
                    zero,
                });
            }
        }
    }
    best_candidates(&mut ts.cands, width);
    for j in 0..ts.cands.len() {
        let cand = ts.cands[j];
        let from = &ts.beam[cand.item];
        put(&mut ts.next, j, &from.st, cand.score, from.node, cand.zero);
        if let Some(m) = cand.mv {
            let it = &ts.next[j];
            let label = training_label(c, &it.st, m, ex, labels, &mut ts.feats, &mut ts.lscores);
            let node = push_step(&mut ts.arena, it.node, m, label);
            let it = &mut ts.next[j];
            it.st.apply(m, label);
            it.node = node;
        }
    }
    std::mem::swap(&mut ts.beam, &mut ts.next);
    ts.cands.len()
}

/// The correct sequence once it has left the beam: extended alone by its best zero-cost
/// move under the current weights.
fn extend_gold(
    c: &Context,
    ex: &ParseExample,
    moves: &Trainer,
    gold: &mut Item,
    ts: &mut TrainScratch,
) {
    if gold.st.terminal() {
        return;
    }
    let s = train_scores(c, &gold.st, moves, &mut ts.feats);
    let m = argmax(&s, |i| {
        let m = Move::ALL[i];
        gold.st.allowed(m) && gold.st.cost(m, &ex.heads) == 0
    })
    .map(|i| Move::ALL[i])
    .expect("a state on a zero-cost path has a zero-cost move");
    let label = match arc_of(&gold.st, m) {
        Some((0, _)) => Rel::Root as u8,
        Some((_, d)) => ex.rels[d as usize],
        None => 0,
    };
    gold.score += s[m as usize];
    gold.node = push_step(&mut ts.arena, gold.node, m, label);
    gold.st.apply(m, label);
}

/// Trains on one sentence with a beam of `width`: runs the beam to the end beside the
/// correct sequence, and updates the move model once, at the step where the best item
/// in the beam led the correct sequence by most (nothing if the correct sequence ends on
/// top). The label model learns along the correct sequence.
pub(crate) fn train_sentence(
    ex: &ParseExample,
    moves: &mut Trainer,
    labels: &mut Trainer,
    width: usize,
    ts: &mut TrainScratch,
) {
    let c = Context {
        words: &ex.words,
        tags: &ex.tags,
    };
    let n = ex.words.len();
    ts.arena.clear();
    ts.lscores.resize(Rel::ALL.len(), 0.0);
    put(&mut ts.beam, 0, &State::new(n), 0.0, START, true);
    let mut live = 1;
    let mut gold = Item {
        st: State::new(n),
        score: 0.0,
        node: START,
        zero: true,
    };
    // (violation, best item's node, correct sequence's node)
    let mut worst: Option<(f32, u32, u32)> = None;
    let mut gold_in_beam = true;
    while bs_running(&ts.beam[..live]) || !gold.st.terminal() {
        moves.tick();
        live = train_step(&c, ex, moves, labels, width, live, ts);
        let best_zero = ts.beam[..live].iter().position(|it| it.zero);
        match best_zero.filter(|_| gold_in_beam) {
            Some(k) => {
                let it = &ts.beam[k];
                gold.st.clone_from(&it.st);
                gold.score = it.score;
                gold.node = it.node;
            }
            None => {
                if gold_in_beam {
                    // the correct sequence just fell out: continue it from where it was
                    // (its last state is still `gold`)
                    gold_in_beam = false;
                }
                extend_gold(&c, ex, moves, &mut gold, ts);
            }
        }
        let top = &ts.beam[0];
        let violation = top.score - gold.score;
        if !top.zero && worst.is_none_or(|(v, _, _)| violation >= v) {
            worst = Some((violation, top.node, gold.node));
        }
    }
    if let Some((_, pred, right)) = worst {
        update(&c, ex, moves, &ts.arena, pred, right, &mut ts.feats);
    }
    train_labels(&c, ex, labels, &path(&ts.arena, gold.node), ts);
}

fn bs_running(items: &[Item]) -> bool {
    items.iter().any(|it| !it.st.terminal())
}

/// Moves weight towards the correct sequence's moves and away from the predicted one's,
/// from the first move where they part.
fn update(
    c: &Context,
    ex: &ParseExample,
    moves: &mut Trainer,
    arena: &[Step],
    pred: u32,
    right: u32,
    feats: &mut Vec<u64>,
) {
    let (p, g) = (path(arena, pred), path(arena, right));
    let shared = p
        .iter()
        .zip(&g)
        .take_while(|(a, b)| a.mv == b.mv && a.label == b.label)
        .count();
    for (steps, delta) in [(&g, 1.0f32), (&p, -1.0)] {
        let mut st = State::new(ex.words.len());
        for (k, s) in steps.iter().enumerate() {
            if k >= shared {
                move_features(c, &st, feats);
                moves.add(feats, s.mv as usize, delta);
            }
            st.apply(s.mv, s.label);
        }
    }
}

/// The label model's perceptron steps along the correct sequence.
fn train_labels(
    c: &Context,
    ex: &ParseExample,
    labels: &mut Trainer,
    steps: &[Step],
    ts: &mut TrainScratch,
) {
    let mut st = State::new(ex.words.len());
    for s in steps {
        if let Some((h, d)) = arc_of(&st, s.mv) {
            if h != 0 {
                label_features(c, &st, h, d, &mut ts.feats);
                labels.tick();
                labels.score(&ts.feats, &mut ts.lscores);
                let pred = argmax(&ts.lscores, |i| i != Rel::Root as usize).unwrap_or(0);
                labels.update(&ts.feats, ex.rels[d as usize] as usize, pred);
            }
        }
        st.apply(s.mv, s.label);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::{train, Exploration, Settings};
    use crate::words::Word;
    use Rel::*;

    fn example(forms: &[&str], tags: &[u16], heads: &[usize], rels: &[Rel]) -> ParseExample {
        let words = forms.iter().map(|f| Word::new(f)).collect();
        ParseExample::new(words, tags.to_vec(), heads, rels).0
    }

    /// "Kenya and Uganda urged the parties to respect the ceasefire": the coordinated
    /// subject of the issue that motivated the parser, and a passive with its agent.
    fn data() -> Vec<ParseExample> {
        vec![
            example(
                &[
                    "Kenya",
                    "and",
                    "Uganda",
                    "urged",
                    "the",
                    "parties",
                    "to",
                    "respect",
                    "the",
                    "ceasefire",
                    ".",
                ],
                &[1, 4, 1, 2, 0, 1, 6, 7, 0, 1, 3],
                &[4, 3, 1, 0, 6, 4, 8, 4, 10, 8, 4],
                &[
                    Nsubj, Cc, Conj, Root, Det, Obj, Mark, Xcomp, Det, Obj, Punct,
                ],
            ),
            example(
                &["The", "village", "was", "shelled", "by", "forces", "."],
                &[0, 1, 8, 9, 5, 1, 3],
                &[2, 4, 4, 0, 6, 4, 4],
                &[Det, NsubjPass, AuxPass, Root, Case, OblAgent, Punct],
            ),
        ]
    }

    /// Trained globally with a beam, the parser rebuilds its training trees, arcs and
    /// labels, decoding with the beam it was trained with. (On two sentences the deciding
    /// features are updated once, so all features are kept.)
    #[test]
    fn global_training_learns_its_sentences() {
        let data = data();
        let explore = Exploration {
            from_epoch: 2,
            probability: 0.9,
        };
        let settings = Settings {
            epochs: 10,
            explore,
            width: 4,
            min_updates: 1,
            seed: 3,
        };
        let p = train(&data, settings, |_, _| None);
        assert_eq!(p.beam, 4);
        let mut scratch = Scratch::default();
        for ex in &data {
            let tree = p.parse(&ex.words, &ex.tags, &mut scratch);
            let heads: Vec<u32> = tree.heads.iter().map(|&h| h as u32).collect();
            assert_eq!(heads, ex.heads[1..]);
            let rels: Vec<u8> = tree.rels.iter().map(|r| r.index() as u8).collect();
            assert_eq!(rels, ex.rels[1..]);
        }
    }

    /// The beam keeps the best candidates in score order, and equal scores in item and
    /// move order, so that a parse never depends on sorting accidents.
    #[test]
    fn candidates_are_kept_best_first_with_stable_ties() {
        let c = |score, item, mv| Candidate {
            score,
            item,
            mv,
            zero: false,
        };
        let mut v = vec![
            c(1.0, 1, Some(Move::Shift)),
            c(2.0, 0, Some(Move::Reduce)),
            c(1.0, 0, Some(Move::RightArc)),
            c(1.0, 0, None),
            c(-3.0, 2, Some(Move::Shift)),
        ];
        best_candidates(&mut v, 3);
        let got: Vec<(usize, Option<Move>)> = v.iter().map(|c| (c.item, c.mv)).collect();
        assert_eq!(
            got,
            vec![
                (0, Some(Move::Reduce)),
                (0, None),
                (0, Some(Move::RightArc))
            ]
        );
    }

    /// Every word gets a head and exactly one word hangs from the root, whatever the beam
    /// width, on a sentence the model never saw.
    #[test]
    fn beam_parses_are_trees() {
        let data = data();
        let explore = Exploration {
            from_epoch: 2,
            probability: 0.9,
        };
        let settings = Settings {
            epochs: 2,
            explore,
            width: 3,
            min_updates: 2,
            seed: 5,
        };
        let mut p = train(&data, settings, |_, _| None);
        let words: Vec<Word> = ["Police", "fired", "on", "protesters", "in", "Goma", "."]
            .iter()
            .map(|w| Word::new(w))
            .collect();
        let tags = [1, 2, 5, 1, 5, 1, 3];
        let mut scratch = Scratch::default();
        for width in [1, 2, 8] {
            p.beam = width;
            let tree = p.parse(&words, &tags, &mut scratch);
            assert_eq!(tree.heads.len(), words.len());
            assert_eq!(tree.heads.iter().filter(|&&h| h == 0).count(), 1, "{width}");
            assert!(tree.heads.iter().all(|&h| h <= words.len()));
        }
    }
}

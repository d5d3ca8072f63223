//! A Penn Treebank part-of-speech tagger: greedy left to right, averaged perceptron.
//!
//! Trained on UD English EWT's XPOS column, with lowercased and uppercased copies of the
//! training sentences so that tags stay right in all-lowercase feeds and all-caps
//! headlines.

use crate::hash::{feat, Rng};
use crate::perceptron::{argmax, Map, Model, Trainer, MIN_UPDATES};
use crate::words::{Word, PAD};

/// Tag ids used as context before the sentence starts.
const START: [u64; 2] = [0xfff0, 0xfff1];

/// Feature templates (their ids are part of every key: never renumber).
mod t {
    pub const BIAS: u64 = 0;
    pub const W: u64 = 1;
    pub const SUF: u64 = 2; // 2..=5
    pub const PRE: u64 = 6; // 6..=8
    pub const SHAPE: u64 = 9;
    pub const P1: u64 = 10;
    pub const P2: u64 = 11;
    pub const P1P2: u64 = 12;
    pub const P1W: u64 = 13;
    pub const WM1: u64 = 14;
    pub const SUFM1: u64 = 15;
    pub const WP1: u64 = 16;
    pub const SUFP1: u64 = 17;
    pub const WM2: u64 = 18;
    pub const WP2: u64 = 19;
    pub const FIRST_SHAPE: u64 = 20;
    pub const W_WP1: u64 = 21;
    pub const SHAPE_P1: u64 = 22;
    pub const AMB: u64 = 23;
    pub const AMB_P1: u64 = 24;
    pub const AMBM1: u64 = 25;
    pub const AMBP1: u64 = 26;
    pub const AMB_SUF: u64 = 27;
    pub const CL: u64 = 28;
    pub const CL_COARSE: u64 = 29;
    pub const CLM1: u64 = 30;
    pub const CLP1: u64 = 31;
}

/// A word's ambiguity class: the set of tags it had in training (bit = tag id), or 0 for a
/// word seen fewer than [`MIN_SEEN`] times. Sets of tags generalise where single words
/// are sparse, and "unknown" is itself informative.
pub(crate) fn ambiguity(lexicon: &Map<u64>, w: &Word) -> u64 {
    lexicon.get(&w.lower).copied().unwrap_or(0)
}

/// How often a word must occur in training for its tag set to be trusted.
pub const MIN_SEEN: usize = 2;

/// A word seen at least this often in training ...
pub const SETTLED_MIN_SEEN: usize = 20;
/// ... with one tag at least this share of the time is given that tag without scoring:
/// "the", ",", "of", "said" are tagged by look-up (35.6% of the words of UD PUD, 41.5% of
/// EWT test), and the model's weights are left to the words that need them.
pub const SETTLED_SHARE: f64 = 0.97;

/// The features for word `i` given the two previous tags.
pub(crate) fn features(
    words: &[Word],
    amb: &[u64],
    i: usize,
    p1: u64,
    p2: u64,
    out: &mut Vec<u64>,
) {
    out.clear();
    let amb_at = |k: isize| -> u64 {
        let j = i as isize + k;
        if j < 0 || j >= amb.len() as isize {
            1 << 63
        } else {
            amb[j as usize]
        }
    };
    let at = |k: isize| -> &Word {
        let j = i as isize + k;
        if j < 0 || j >= words.len() as isize {
            &PAD
        } else {
            &words[j as usize]
        }
    };
    let w = at(0);
    out.push(feat(t::BIAS, &[]));
    out.push(feat(t::W, &[w.lower]));
    for (k, s) in w.suffix.iter().enumerate() {
        out.push(feat(t::SUF + k as u64, &[*s]));
    }
    for (k, s) in w.prefix.iter().enumerate() {
        out.push(feat(t::PRE + k as u64, &[*s]));
    }
    out.push(feat(t::SHAPE, &[w.shape]));
    out.push(feat(t::P1, &[p1]));
    out.push(feat(t::P2, &[p2]));
    out.push(feat(t::P1P2, &[p1, p2]));
    out.push(feat(t::P1W, &[p1, w.lower]));
    out.push(feat(t::WM1, &[at(-1).lower]));
    out.push(feat(t::SUFM1, &[at(-1).suffix[2]]));
    out.push(feat(t::WP1, &[at(1).lower]));
    out.push(feat(t::SUFP1, &[at(1).suffix[2]]));
    out.push(feat(t::WM2, &[at(-2).lower]));
    out.push(feat(t::WP2, &[at(2).lower]));
    out.push(feat(t::FIRST_SHAPE, &[u64::from(i == 0), w.shape]));
    out.push(feat(t::W_WP1, &[w.lower, at(1).lower]));
    out.push(feat(t::SHAPE_P1, &[w.shape, p1]));
    let a = amb_at(0);
    out.push(feat(t::AMB, &[a]));
    out.push(feat(t::AMB_P1, &[a, p1]));
    out.push(feat(t::AMBM1, &[amb_at(-1)]));
    out.push(feat(t::AMBP1, &[amb_at(1)]));
    out.push(feat(t::AMB_SUF, &[a, w.suffix[2]]));
    // word classes from unlabelled text (`Word::cluster`): the parser learnt from the
    // tags of a tagger that reads them
    out.push(feat(t::CL, &[w.cluster[1]]));
    out.push(feat(t::CL_COARSE, &[w.cluster[0]]));
    out.push(feat(t::CLM1, &[at(-1).cluster[1]]));
    out.push(feat(t::CLP1, &[at(1).cluster[1]]));
}

/// A trained tagger: the model and its tag names.
pub struct Tagger {
    pub(crate) model: Model,
    pub(crate) tags: Vec<String>,
    pub(crate) lexicon: Map<u64>,
    /// Words whose tag is settled by the training data (see [`SETTLED_SHARE`]).
    pub(crate) settled: Map<u16>,
}

impl Tagger {
    /// The tag names, by index.
    pub fn tag_names(&self) -> &[String] {
        &self.tags
    }

    /// The Penn Treebank part of tag `id` ("VBZ" of "VBZ|AUX").
    pub fn xpos(&self, id: u16) -> &str {
        let t = &self.tags[id as usize];
        t.split('|').next().unwrap_or(t)
    }

    /// The universal part of tag `id` ("AUX" of "VBZ|AUX"; "_" when the model has none).
    pub fn upos(&self, id: u16) -> &str {
        self.tags[id as usize].split('|').nth(1).unwrap_or("_")
    }

    /// Whether `word` is tagged by look-up (a settled word, see [`SETTLED_SHARE`]).
    pub fn is_settled(&self, word: &Word) -> bool {
        self.settled.contains_key(&word.lower)
    }

    /// Tag ids for a sentence's words.
    pub fn tag_ids(&self, words: &[Word]) -> Vec<u16> {
        let mut out = Vec::with_capacity(words.len());
        let mut feats = Vec::with_capacity(32);
        let mut scores = vec![0f32; self.tags.len()];
        let amb: Vec<u64> = words.iter().map(|w| ambiguity(&self.lexicon, w)).collect();
        let (mut p1, mut p2) = (START[0], START[1]);
        for i in 0..words.len() {
            let best = match self.settled.get(&words[i].lower) {
                Some(&t) => usize::from(t),
                None => {
                    features(words, &amb, i, p1, p2, &mut feats);
                    scores.iter_mut().for_each(|s| *s = 0.0);
                    self.model.add_scores(&feats, &mut scores);
                    argmax(&scores, |_| true).unwrap_or(0)
                }
            };
            out.push(best as u16);
            p2 = p1;
            p1 = best as u64;
        }
        out
    }

    /// Penn Treebank tags for a sentence given as word forms.
    pub fn tag<S: AsRef<str>>(&self, forms: &[S]) -> Vec<&str> {
        let words: Vec<Word> = forms.iter().map(|f| Word::new(f.as_ref())).collect();
        self.tag_ids(&words)
            .into_iter()
            .map(|t| self.xpos(t))
            .collect()
    }
}

/// One training sentence for the tagger: words and gold tag ids.
pub struct TagExample {
    pub words: Vec<Word>,
    pub tags: Vec<u16>,
    /// The sentence as written, not a re-cased copy: only these count towards the
    /// ambiguity lexicon (counting copies would let words seen once pass for frequent).
    pub original: bool,
}

/// Trains a tagger for `epochs` passes over `data`, shuffled with `seed`.
pub fn train(data: &[TagExample], tags: Vec<String>, epochs: usize, seed: u64) -> Tagger {
    let (lexicon, settled) = build_lexicon(data);
    let ambs: Vec<Vec<u64>> = data
        .iter()
        .map(|ex| ex.words.iter().map(|w| ambiguity(&lexicon, w)).collect())
        .collect();
    let mut trainer = Trainer::new(tags.len());
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(seed);
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; tags.len()];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let ex = &data[k];
            let (mut p1, mut p2) = (START[0], START[1]);
            for i in 0..ex.words.len() {
                features(&ex.words, &ambs[k], i, p1, p2, &mut feats);
                trainer.tick();
                trainer.score(&feats, &mut scores);
                let guess = argmax(&scores, |_| true).unwrap_or(0);
                trainer.update(&feats, ex.tags[i] as usize, guess);
                p2 = p1;
                // train on its own guesses, as it will run
                p1 = guess as u64;
            }
        }
    }
    Tagger {
        model: trainer.freeze(MIN_UPDATES),
        tags,
        lexicon,
        settled,
    }
}

/// Tag sets of the words seen at least [`MIN_SEEN`] times, and the words whose tag is
/// settled ([`SETTLED_MIN_SEEN`], [`SETTLED_SHARE`]).
fn build_lexicon(data: &[TagExample]) -> (Map<u64>, Map<u16>) {
    let mut seen: Map<Seen> = Map::default();
    for ex in data.iter().filter(|ex| ex.original) {
        for (w, &t) in ex.words.iter().zip(&ex.tags) {
            let e = seen.entry(w.lower).or_default();
            e.times += 1;
            e.mask |= 1u64 << (t % 64);
            match e.tags.iter_mut().find(|(tag, _)| *tag == t) {
                Some(c) => c.1 += 1,
                None => e.tags.push((t, 1)),
            }
        }
    }
    let mut settled = Map::default();
    for (&k, e) in &seen {
        let top = e
            .tags
            .iter()
            .max_by_key(|&&(t, c)| (c, std::cmp::Reverse(t)));
        if let Some(&(t, c)) = top {
            if e.times >= SETTLED_MIN_SEEN && c as f64 >= SETTLED_SHARE * e.times as f64 {
                settled.insert(k, t);
            }
        }
    }
    let lexicon = seen
        .into_iter()
        .filter(|(_, e)| e.times >= MIN_SEEN)
        .map(|(k, e)| (k, e.mask))
        .collect();
    (lexicon, settled)
}

/// What training saw of one word: how often, with which tags (as a mask and counted).
#[derive(Default)]
struct Seen {
    times: usize,
    mask: u64,
    tags: Vec<(u16, usize)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_tags_from_context() {
        let names: Vec<String> = ["DT", "NN", "VBD"].iter().map(|s| s.to_string()).collect();
        let sent = |ws: &[&str], ts: &[u16]| TagExample {
            words: ws.iter().map(|w| Word::new(w)).collect(),
            tags: ts.to_vec(),
            original: true,
        };
        let data = vec![
            sent(&["the", "army", "shelled", "the", "town"], &[0, 1, 2, 0, 1]),
            sent(
                &["the", "rebels", "attacked", "a", "base"],
                &[0, 1, 2, 0, 1],
            ),
            sent(&["a", "court", "jailed", "the", "man"], &[0, 1, 2, 0, 1]),
        ];
        let tagger = train(&data, names, 10, 1);
        assert_eq!(
            tagger.tag(&["The", "army", "attacked", "a", "town"]),
            ["DT", "NN", "VBD", "DT", "NN"]
        );
    }

    /// "the" seen 30 times as DT is settled; "patrol", 15 times NN and 15 times VB, is not;
    /// "town", always NN but seen fewer than SETTLED_MIN_SEEN times, is not.
    #[test]
    fn frequent_one_tag_words_are_settled() {
        let mut data = Vec::new();
        for k in 0..30 {
            let (w, t) = if k % 2 == 0 {
                ("patrol", 1)
            } else {
                ("patrol", 2)
            };
            let town = if k < 5 { "town" } else { "road" };
            data.push(TagExample {
                words: ["the", w, town].iter().map(|f| Word::new(f)).collect(),
                tags: vec![0, t, 1],
                original: true,
            });
        }
        let (_, settled) = build_lexicon(&data);
        assert_eq!(settled.get(&Word::new("THE").lower), Some(&0));
        assert_eq!(settled.get(&Word::new("patrol").lower), None);
        assert_eq!(settled.get(&Word::new("town").lower), None);
        assert_eq!(settled.get(&Word::new("road").lower), Some(&1));
        // copies of sentences (re-cased training copies) do not count
        let copies: Vec<TagExample> = data
            .iter()
            .map(|ex| TagExample {
                words: ex.words.clone(),
                tags: ex.tags.clone(),
                original: false,
            })
            .collect();
        assert!(build_lexicon(&copies).1.is_empty());
    }
}

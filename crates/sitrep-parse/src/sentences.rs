//! Sentence boundaries, learned.
//!
//! A sentence may end at any gap between words inside a line ([`crate::gaps`]); whether it
//! does is decided by a perceptron over the words on both sides of the gap, the punctuation
//! that ends the word before it, their shapes and word classes, and how far the gap is from
//! the last `.`, `!`, `?` or `…`. A rule that wants a capital letter after the mark cuts
//! nothing in an all-lowercase feed and cuts "Gen. Smith" in two; a rule that looks only at
//! those marks never ends "Subject: Re: talks" or "Thanks, Anne". The model, trained on
//! treebank paragraphs as written, lowercased and uppercased, learns which words end
//! sentences and which words start them. A gap after a mark, after other punctuation and
//! after a plain word each have their own decision margin, chosen on EWT dev so that news
//! sentences are not cut where nothing marks an end. Line breaks are not decided here: a
//! line is a paragraph and always ends a sentence.

use crate::conllu::Sentence;
pub use crate::gaps::{candidates, Candidate, GapKind};
use crate::gaps::{gap_features, mark_features, views, OwnView, View};
use crate::hash::{feat, Rng};
use crate::perceptron::{argmax, invalid, read_array, read_u16, read_u32, read_u64, Map};
use crate::perceptron::{Trainer, MIN_UPDATES};
use crate::train::Casing;
use std::io::{self, Read, Write};
use std::sync::OnceLock;

/// The features of gap `c`, whose words' hashes are `v`.
fn features(c: &Candidate, v: &View, out: &mut Vec<u64>) {
    out.clear();
    let mut f = |id: u64, vals: &[u64]| out.push(feat(300 + id, vals));
    match c.kind {
        GapKind::Mark => mark_features(c, v, &mut f),
        GapKind::Punct | GapKind::Word => gap_features(c, v, &mut f),
    }
}

/// How much more a boundary must score than no boundary, by [`GapKind`] (after a mark,
/// after other punctuation, after a plain word). Chosen on EWT dev (BENCHMARKS.md,
/// "Dependency parsing (session 11)"): precision first, since a sentence cut in the middle
/// loses its events while two sentences left together mostly keep theirs.
pub const MARGINS: [f32; 3] = [0.0, 1.0, 6.0];

/// The boundary model.
pub struct Boundaries {
    /// Per feature, its weight for a boundary less its weight for none: with two classes
    /// one number decides, and a gap costs one table lookup per feature.
    weights: Map<f32>,
    /// The decision margin of each [`GapKind`] (see [`MARGINS`]).
    pub margins: [f32; 3],
}

const MAGIC: &[u8; 16] = b"sitrep-sents v2\n";

/// The boundary model trained on UD English EWT (CC BY-SA 4.0, see data/parse/NOTICE.part).
const EMBEDDED: &[u8] = include_bytes!("../../../data/parse/sentences.bin");

impl Boundaries {
    /// The built-in model, loaded on first use.
    pub fn embedded() -> &'static Boundaries {
        static MODEL: OnceLock<Boundaries> = OnceLock::new();
        MODEL.get_or_init(|| {
            Boundaries::read(&mut &EMBEDDED[..]).expect("the built-in boundary model is valid")
        })
    }

    /// Writes the model file: the margins, then the weights (the perceptron's file layout:
    /// two classes, then each feature's key and its one weight, for class 1, sorted by key).
    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(MAGIC)?;
        for m in self.margins {
            out.write_all(&m.to_le_bytes())?;
        }
        let mut rows: Vec<(u64, f32)> = self.weights.iter().map(|(&k, &w)| (k, w)).collect();
        rows.sort_unstable_by_key(|r| r.0);
        out.write_all(&2u32.to_le_bytes())?;
        out.write_all(&(rows.len() as u32).to_le_bytes())?;
        for (key, w) in rows {
            out.write_all(&key.to_le_bytes())?;
            out.write_all(&1u16.to_le_bytes())?;
            out.write_all(&1u16.to_le_bytes())?;
            out.write_all(&w.to_le_bytes())?;
        }
        Ok(())
    }

    /// Reads a model file.
    pub fn read(input: &mut impl Read) -> io::Result<Boundaries> {
        let mut magic = [0u8; 16];
        input.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(invalid("not a sitrep-sents v2 model"));
        }
        let mut margins = [0f32; 3];
        for m in &mut margins {
            *m = f32::from_le_bytes(read_array(input)?);
        }
        if read_u32(input)? != 2 {
            return Err(invalid("a boundary model has two classes"));
        }
        Ok(Boundaries {
            weights: read_weights(input)?,
            margins,
        })
    }

    /// How much more a boundary at `c` (whose words' hashes are `v`) scores than none.
    fn score_view(&self, c: &Candidate, v: &View, feats: &mut Vec<u64>) -> f32 {
        features(c, v, feats);
        feats.iter().filter_map(|f| self.weights.get(f)).sum()
    }

    /// How much more a boundary at `c` scores than none.
    pub fn score(&self, c: &Candidate, feats: &mut Vec<u64>) -> f32 {
        self.score_view(c, &OwnView::new(c).view(), feats)
    }

    /// Whether a sentence ends at `c`.
    pub fn ends_sentence(&self, c: &Candidate) -> bool {
        let mut feats = Vec::with_capacity(20);
        self.score(c, &mut feats) > self.margins[c.kind.index()]
    }

    /// Byte offsets in `line` where sentences end (not counting the line's own end), except
    /// at the gaps `veto` rules out (which are not scored).
    pub fn split_unless(&self, line: &str, veto: impl Fn(&Candidate) -> bool) -> Vec<usize> {
        let mut feats = Vec::with_capacity(24);
        let cands = candidates(line);
        let words = views(&cands);
        cands
            .iter()
            .enumerate()
            .filter(|&(k, c)| {
                !veto(c)
                    && self.score_view(c, &words.view(k), &mut feats) > self.margins[c.kind.index()]
            })
            .map(|(_, c)| c.end)
            .collect()
    }

    /// Number of features with weights.
    pub fn model_features(&self) -> usize {
        self.weights.len()
    }

    /// Byte offsets in `line` where sentences end (not counting the line's own end).
    pub fn split(&self, line: &str) -> Vec<usize> {
        self.split_unless(line, |_| false)
    }
}

/// Reads the perceptron's rows (count, then key, length and (class, weight) pairs) into
/// each feature's class-1 weight less its class-0 weight.
fn read_weights(input: &mut impl Read) -> io::Result<Map<f32>> {
    let n = read_u32(input)? as usize;
    let mut weights = Map::default();
    weights.reserve(n);
    for _ in 0..n {
        let key = read_u64(input)?;
        let mut diff = 0f32;
        for _ in 0..read_u16(input)? {
            let w = match read_u16(input)? {
                0 => -1.0,
                1 => 1.0,
                _ => return Err(invalid("class index out of range")),
            };
            diff += w * f32::from_le_bytes(read_array(input)?);
        }
        weights.insert(key, diff);
    }
    Ok(weights)
}

/// Paragraphs of a treebank as text, with the offsets where its sentences end.
pub fn paragraphs(sentences: &[Sentence], casing: Casing) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    for s in sentences {
        let text = casing.apply(&sentence_text(s));
        if s.newpar || out.is_empty() {
            out.push((String::new(), Vec::new()));
        }
        let (para, ends) = out.last_mut().expect("a paragraph was pushed");
        if !para.is_empty() {
            para.push(' ');
        }
        para.push_str(&text);
        ends.push(para.len());
    }
    out
}

/// A sentence's text: its `# text` line, or its words joined as MISC's spacing says.
pub fn sentence_text(s: &Sentence) -> String {
    if let Some(t) = &s.text {
        return t.clone();
    }
    let mut out = String::new();
    for (i, w) in s.words.iter().enumerate() {
        out.push_str(w);
        if s.space_after.get(i).copied().unwrap_or(true) && i + 1 < s.words.len() {
            out.push(' ');
        }
    }
    out
}

/// Trains the boundary model on paragraphs as written, lowercased and uppercased.
pub fn train(sentences: &[Sentence], epochs: usize, seed: u64) -> Boundaries {
    let mut data: Vec<(Vec<u64>, usize)> = Vec::new();
    let mut feats = Vec::new();
    for casing in [Casing::AsWritten, Casing::Lower, Casing::Upper] {
        for (para, ends) in paragraphs(sentences, casing) {
            let cands = candidates(&para);
            let words = views(&cands);
            for (k, c) in cands.iter().enumerate() {
                features(c, &words.view(k), &mut feats);
                data.push((feats.clone(), usize::from(ends.contains(&c.end))));
            }
        }
    }
    let mut trainer = Trainer::new(2);
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut scores = [0f32; 2];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let (f, gold) = &data[k];
            trainer.tick();
            trainer.score(f, &mut scores);
            let guess = argmax(&scores, |_| true).unwrap_or(0);
            trainer.update(f, *gold, guess);
        }
    }
    let mut bytes = Vec::new();
    trainer
        .freeze(MIN_UPDATES)
        .write(&mut bytes)
        .expect("writing to memory");
    let rows = &mut &bytes[4..];
    Boundaries {
        weights: read_weights(rows).expect("the perceptron's own file layout"),
        margins: MARGINS,
    }
}

/// Boundary precision, recall and F1 over paragraphs (every sentence end counts, the
/// paragraph's last one included, which a line break always gives).
pub fn score(b: &Boundaries, sentences: &[Sentence], casing: Casing) -> (f64, f64, f64) {
    let (mut tp, mut pred, mut gold) = (0usize, 0usize, 0usize);
    for (para, ends) in paragraphs(sentences, casing) {
        let mut got = b.split(&para);
        got.push(para.len());
        gold += ends.len();
        pred += got.len();
        tp += got.iter().filter(|e| ends.contains(e)).count();
    }
    let p = tp as f64 / pred.max(1) as f64;
    let r = tp as f64 / gold.max(1) as f64;
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line's gaps scored together (each word hashed once for the line) are decided as
    /// each gap scored alone with its own words hashed: the shared hashes change no score.
    #[test]
    fn a_line_scores_each_gap_as_alone() {
        let b = Boundaries::embedded();
        let lines = [
            "(Reuters) Troops \"shelled\" the town. Gen. Smith said -- WASHINGTON talks",
            "Subject: Re: talks Thanks, Anne police arrested two men on monday. the court",
            "TROOPS SHELLED THE TOWN... \"WE AGREED.\" HE SAID [sic] ok?",
        ];
        let mut feats = Vec::new();
        for line in lines {
            let cands = candidates(line);
            let words = views(&cands);
            let mut alone = Vec::new();
            for (k, c) in cands.iter().enumerate() {
                let s = b.score(c, &mut feats);
                assert_eq!(b.score_view(c, &words.view(k), &mut feats), s, "{c:?}");
                if s > b.margins[c.kind.index()] {
                    alone.push(c.end);
                }
            }
            assert_eq!(b.split(line), alone, "{line}");
        }
    }
}

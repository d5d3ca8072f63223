//! Sentence boundaries, learned.
//!
//! A sentence may end where `.`, `!`, `?` or `…` (with any closing quotes or brackets) is
//! followed by white space; whether it does is decided by a perceptron over the word
//! before the mark, the mark itself and the two words after it. A rule that wants a
//! capital letter after the mark cuts nothing in an all-lowercase feed and cuts "Gen. Smith"
//! in two; the model, trained on treebank paragraphs as written, lowercased and uppercased,
//! learns which words end sentences and which words start them. Line breaks are not
//! decided here: a line is a paragraph and always ends a sentence.

use crate::conllu::Sentence;
use crate::hash::{feat, Rng};
use crate::perceptron::{argmax, invalid, Model, Trainer, MIN_UPDATES};
use crate::train::Casing;
use crate::words::Word;
use std::io::{self, Read, Write};
use std::sync::OnceLock;

/// A place where a sentence may end: `end` is the byte offset just after the mark and its
/// closing quotes or brackets; the words are those around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate<'a> {
    pub end: usize,
    pub before: &'a str,
    pub mark: &'a str,
    pub after: &'a str,
    pub after2: &'a str,
}

fn is_mark(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{2026}')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}')
}

fn is_opener(c: char) -> bool {
    matches!(c, '(' | '"' | '\u{201C}' | '[')
}

/// Every place in `line` where a sentence may end, in order.
pub fn candidates(line: &str) -> Vec<Candidate<'_>> {
    let mut out = Vec::new();
    let mut iter = line.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !is_mark(c) {
            continue;
        }
        let mut j = i + c.len_utf8();
        while let Some(&(k, d)) = iter.peek() {
            if is_mark(d) || is_closer(d) {
                j = k + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        let rest = &line[j..];
        if !rest.starts_with(char::is_whitespace) || rest.trim().is_empty() {
            continue;
        }
        let word_start = line[..i]
            .rfind(|ch: char| ch.is_whitespace() || is_opener(ch))
            .map(|p| p + line[p..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(0);
        let mut words = rest.split_whitespace();
        out.push(Candidate {
            end: j,
            before: &line[word_start..i],
            mark: &line[i..j],
            after: words.next().unwrap_or(""),
            after2: words.next().unwrap_or(""),
        });
    }
    out
}

fn features(c: &Candidate, out: &mut Vec<u64>) {
    out.clear();
    let b = Word::new(c.before);
    let a = Word::new(c.after.trim_start_matches(is_opener));
    let a2 = Word::new(c.after2);
    let m = Word::new(c.mark);
    let len = c.before.chars().count().min(6) as u64;
    let inner_dot = u64::from(c.before.contains('.'));
    let opens = u64::from(c.after.starts_with(is_opener));
    let mut f = |id: u64, v: &[u64]| out.push(feat(300 + id, v));
    f(0, &[]);
    f(1, &[b.lower]);
    f(2, &[b.shape]);
    f(3, &[len, inner_dot]);
    f(4, &[m.lower]);
    f(5, &[a.lower]);
    f(6, &[a.shape]);
    f(7, &[a2.lower]);
    f(8, &[b.lower, a.lower]);
    f(9, &[m.lower, a.shape]);
    f(10, &[b.shape, a.shape]);
    f(11, &[b.suffix[1], m.lower]);
    f(12, &[opens, m.lower]);
    f(13, &[a.lower, a2.lower]);
    f(14, &[len, a.shape]);
    f(15, &[b.lower, m.lower]);
}

/// The boundary model.
pub struct Boundaries {
    pub(crate) model: Model,
}

const MAGIC: &[u8; 16] = b"sitrep-sents v1\n";

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

    /// Writes the model file.
    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(MAGIC)?;
        self.model.write(out)
    }

    /// Reads a model file.
    pub fn read(input: &mut impl Read) -> io::Result<Boundaries> {
        let mut magic = [0u8; 16];
        input.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(invalid("not a sitrep-sents v1 model"));
        }
        let model = Model::read(input)?;
        if model.classes() != 2 {
            return Err(invalid("a boundary model has two classes"));
        }
        Ok(Boundaries { model })
    }

    /// Whether a sentence ends at `c`.
    pub fn ends_sentence(&self, c: &Candidate) -> bool {
        let mut feats = Vec::with_capacity(16);
        features(c, &mut feats);
        let mut scores = [0f32; 2];
        self.model.add_scores(&feats, &mut scores);
        scores[1] > scores[0]
    }

    /// Byte offsets in `line` where sentences end (not counting the line's own end).
    pub fn split(&self, line: &str) -> Vec<usize> {
        candidates(line)
            .into_iter()
            .filter(|c| self.ends_sentence(c))
            .map(|c| c.end)
            .collect()
    }
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
            for c in candidates(&para) {
                features(&c, &mut feats);
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
    Boundaries {
        model: trainer.freeze(MIN_UPDATES),
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

    #[test]
    fn candidates_cover_marks_with_closing_quotes() {
        let c = candidates("\"We agreed.\" he said. Gen. Smith left... then?");
        let ends: Vec<&str> = c.iter().map(|c| c.mark).collect();
        assert_eq!(ends, [".\"", ".", ".", "..."]);
        assert_eq!(c[2].before, "Gen");
        assert_eq!(c[2].after, "Smith");
        assert_eq!(c[0].before, "We agreed".split(' ').next_back().unwrap());
    }
}

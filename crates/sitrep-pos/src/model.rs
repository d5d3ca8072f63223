//! The averaged-perceptron tagger: weights, features and greedy decoding.
//!
//! The weights were trained by textblob-aptagger (data/pos/NOTICE.part) on features that are
//! strings: a template name plus the words or tags it looks at. Prediction is only right if
//! every string is built exactly as in training, so the templates, the word normalisation
//! and the START/END padding below follow that package's feature extraction to the letter,
//! including its quirks (the raw, not lowercased, word for the suffix and first-letter
//! features; any four-digit number is a "year"). Scores are summed in the same feature
//! order and ties go to the greater tag string, as there, so the tags come out identical to
//! the Python tagger's, not merely close.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io;
use std::path::Path;
use std::sync::OnceLock;

use crate::ptb;
use crate::tag::Tag;

/// The feature templates in the order the reference computes them (and weights.tsv lists
/// them). The order matters: floating-point sums depend on it, and near-ties are decided by
/// the last bits.
const TEMPLATES: [&str; 14] = [
    "bias",
    "i suffix",
    "i pref1",
    "i-1 tag",
    "i-2 tag",
    "i tag+i-2 tag",
    "i word",
    "i-1 tag+i word",
    "i-1 word",
    "i-1 suffix",
    "i-2 word",
    "i+1 word",
    "i+1 suffix",
    "i+2 word",
];

const START: [&str; 2] = ["-START-", "-START2-"];
const END: [&str; 2] = ["-END-", "-END2-"];

const WEIGHTS_TSV: &str = include_str!("../../../data/pos/weights.tsv");
const TAGDICT_TSV: &str = include_str!("../../../data/pos/tagdict.tsv");

/// FNV-1a: the keys are short ASCII strings looked up 14 times a token; SipHash's DoS
/// resistance buys nothing for a fixed, embedded table and costs a third of tagging time.
/// Other fixed tables keyed by short strings use it too (the event confidence model).
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Map<V> = HashMap<Box<str>, V, BuildHasherDefault<Fnv>>;

/// A loaded tagger. [`Tagger::embedded`] is the one built into the crate.
pub struct Tagger {
    /// Words the model always tags the same way (frequent and unambiguous in training).
    tagdict: Map<Tag>,
    /// Per template: feature argument → range of `weights`.
    features: [Map<(u32, u32)>; 14],
    weights: Vec<(Tag, f64)>,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("tagdict", &self.tagdict.len())
            .field("weights", &self.weights.len())
            .finish()
    }
}

fn bad(file: &str, line: usize, what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("{file} line {}: {what}", line + 1),
    )
}

impl Tagger {
    /// The tagger built from the data embedded at compile time, parsed on first use.
    pub fn embedded() -> &'static Tagger {
        static EMBEDDED: OnceLock<Tagger> = OnceLock::new();
        EMBEDDED.get_or_init(|| {
            Tagger::from_strs(WEIGHTS_TSV, TAGDICT_TSV).expect("embedded data/pos is valid")
        })
    }

    /// Load `weights.tsv` and `tagdict.tsv` from a directory (as scripts/gen_pos.py writes
    /// them), e.g. to try retrained weights without rebuilding.
    pub fn from_dir(dir: impl AsRef<Path>) -> io::Result<Tagger> {
        let dir = dir.as_ref();
        let weights = std::fs::read_to_string(dir.join("weights.tsv"))?;
        let tagdict = std::fs::read_to_string(dir.join("tagdict.tsv"))?;
        Tagger::from_strs(&weights, &tagdict)
    }

    /// Parse the two files' contents.
    pub fn from_strs(weights_tsv: &str, tagdict_tsv: &str) -> io::Result<Tagger> {
        let mut tagdict = Map::default();
        for (n, line) in tagdict_tsv.lines().enumerate() {
            if line.is_empty() {
                continue;
            }
            let (word, tag) = line
                .split_once('\t')
                .ok_or_else(|| bad("tagdict.tsv", n, "no tab"))?;
            let tag = Tag::parse(tag).ok_or_else(|| bad("tagdict.tsv", n, "unknown tag"))?;
            tagdict.insert(word.into(), tag);
        }

        let mut features: [Map<(u32, u32)>; 14] = Default::default();
        let mut weights = Vec::new();
        let mut template = None;
        for (n, line) in weights_tsv.lines().enumerate() {
            let Some((arg, cells)) = line.split_once('\t') else {
                // a line without a tab names the template of the lines below it
                let name = line
                    .strip_prefix('[')
                    .and_then(|l| l.strip_suffix(']'))
                    .ok_or_else(|| bad("weights.tsv", n, "neither [template] nor data"))?;
                template = Some(
                    TEMPLATES
                        .iter()
                        .position(|t| *t == name)
                        .ok_or_else(|| bad("weights.tsv", n, "unknown template"))?,
                );
                continue;
            };
            let t = template.ok_or_else(|| bad("weights.tsv", n, "data before [template]"))?;
            let from = weights.len() as u32;
            for cell in cells.split(' ') {
                let (tag, w) = cell
                    .split_once('=')
                    .ok_or_else(|| bad("weights.tsv", n, "cell is not TAG=weight"))?;
                let tag = Tag::parse(tag).ok_or_else(|| bad("weights.tsv", n, "unknown tag"))?;
                let milli: i32 = w
                    .parse()
                    .map_err(|_| bad("weights.tsv", n, "weight is not an integer"))?;
                // the model rounded weights to 3 decimals; this division gives back the
                // nearest double to that decimal, i.e. the very value Python held
                weights.push((tag, f64::from(milli) / 1000.0));
            }
            features[t].insert(arg.into(), (from, weights.len() as u32));
        }
        Ok(Tagger {
            tagdict,
            features,
            weights,
        })
    }

    /// Tag tokens as sitrep-text produces them: one tag per token.
    ///
    /// The model was trained on Penn Treebank tokens, so the tokens are first rewritten the
    /// Treebank's way ([`ptb::ptb_tokens`]: curly quotes and dashes, brackets, clitics split
    /// off "Armenia’s"); a token that was split gets the tag of its first part ("Armenia’s"
    /// → NNP).
    pub fn tag(&self, tokens: &[&str]) -> Vec<Tag> {
        let ptb = ptb::ptb_tokens(tokens);
        let words: Vec<&str> = ptb.iter().map(|(w, _)| w.as_ref()).collect();
        let tags = self.tag_ptb(&words);
        let mut out = Vec::with_capacity(tokens.len());
        for ((_, from), tag) in ptb.iter().zip(tags) {
            if *from == out.len() {
                out.push(tag);
            }
        }
        debug_assert_eq!(out.len(), tokens.len());
        out
    }

    /// Tag tokens that already follow Penn Treebank conventions, exactly as the reference
    /// Python tagger does for one sentence (the previous-tag context starts afresh).
    pub fn tag_ptb(&self, words: &[&str]) -> Vec<Tag> {
        let mut context: Vec<Cow<str>> = Vec::with_capacity(words.len() + 4);
        context.extend(START.iter().map(|s| Cow::Borrowed(*s)));
        context.extend(words.iter().map(|w| normalize(w)));
        context.extend(END.iter().map(|s| Cow::Borrowed(*s)));

        let mut out = Vec::with_capacity(words.len());
        let (mut prev, mut prev2) = (START[0], START[1]);
        let mut buf = String::new();
        for (i, word) in words.iter().enumerate() {
            let tag = match self.tagdict.get(*word) {
                Some(&t) => t,
                None => self.predict(word, &context, i + 2, prev, prev2, &mut buf),
            };
            out.push(tag);
            prev2 = prev;
            prev = tag.as_str();
        }
        out
    }

    /// Score every tag for the word at `context[c]` and return the best.
    fn predict(
        &self,
        word: &str,
        context: &[Cow<str>],
        c: usize,
        prev: &str,
        prev2: &str,
        buf: &mut String,
    ) -> Tag {
        let mut scores = [0.0f64; 45];
        for (t, _) in TEMPLATES.iter().enumerate() {
            buf.clear();
            match t {
                0 => {}
                1 => buf.push_str(suffix(word)),
                2 => buf.push_str(prefix1(word)),
                3 => buf.push_str(prev),
                4 => buf.push_str(prev2),
                5 => {
                    buf.push_str(prev);
                    buf.push(' ');
                    buf.push_str(prev2);
                }
                6 => buf.push_str(&context[c]),
                7 => {
                    buf.push_str(prev);
                    buf.push(' ');
                    buf.push_str(&context[c]);
                }
                8 => buf.push_str(&context[c - 1]),
                9 => buf.push_str(suffix(&context[c - 1])),
                10 => buf.push_str(&context[c - 2]),
                11 => buf.push_str(&context[c + 1]),
                12 => buf.push_str(suffix(&context[c + 1])),
                _ => buf.push_str(&context[c + 2]),
            }
            if let Some(&(from, to)) = self.features[t].get(buf.as_str()) {
                for &(tag, w) in &self.weights[from as usize..to as usize] {
                    scores[tag as usize] += w;
                }
            }
        }
        // highest score; on a tie the greater tag string (Tag::ALL ascends in that order)
        let mut best = Tag::ALL[0];
        for tag in Tag::ALL {
            if scores[tag as usize] >= scores[best as usize] {
                best = tag;
            }
        }
        best
    }
}

/// The reference's word normalisation for context features: hyphenated words, four-digit
/// numbers and words starting with a digit become classes; the rest is lowercased.
fn normalize(word: &str) -> Cow<'_, str> {
    if word.contains('-') && !word.starts_with('-') {
        Cow::Borrowed("!HYPHEN")
    } else if word.chars().count() == 4 && word.chars().all(is_digit) {
        Cow::Borrowed("!YEAR")
    } else if word.chars().next().is_some_and(is_digit) {
        Cow::Borrowed("!DIGITS")
    } else if word
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Python's `str.isdigit`: Rust's numeric characters less the numerals that are not digits
/// (fractions such as "½", Roman numerals, "⑩", ...), which Python says no to.
fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    let cp = u32::from(c);
    c.is_numeric()
        && NUMERIC_NOT_DIGIT
            .binary_search_by(|&(lo, hi)| {
                if hi < cp {
                    std::cmp::Ordering::Less
                } else if lo > cp {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_err()
}

/// Code point ranges in Unicode categories Nd/Nl/No for which Python 3.11 (Unicode 14)
/// `str.isdigit()` is false; listed with `unicodedata`.
#[rustfmt::skip]
const NUMERIC_NOT_DIGIT: &[(u32, u32)] = &[
    (0xBC, 0xBE), (0x9F4, 0x9F9), (0xB72, 0xB77), (0xBF0, 0xBF2), (0xC78, 0xC7E), (0xD58,
    0xD5E), (0xD70, 0xD78), (0xF2A, 0xF33), (0x1372, 0x137C), (0x16EE, 0x16F0), (0x17F0,
    0x17F9), (0x2150, 0x2182), (0x2185, 0x2189), (0x2469, 0x2473), (0x247D, 0x2487), (0x2491,
    0x249B), (0x24EB, 0x24F4), (0x24FE, 0x24FE), (0x277F, 0x277F), (0x2789, 0x2789), (0x2793,
    0x2793), (0x2CFD, 0x2CFD), (0x3007, 0x3007), (0x3021, 0x3029), (0x3038, 0x303A), (0x3192,
    0x3195), (0x3220, 0x3229), (0x3248, 0x324F), (0x3251, 0x325F), (0x3280, 0x3289), (0x32B1,
    0x32BF), (0xA6E6, 0xA6EF), (0xA830, 0xA835), (0x10107, 0x10133), (0x10140, 0x10178),
    (0x1018A, 0x1018B), (0x102E1, 0x102FB), (0x10320, 0x10323), (0x10341, 0x10341), (0x1034A,
    0x1034A), (0x103D1, 0x103D5), (0x10858, 0x1085F), (0x10879, 0x1087F), (0x108A7, 0x108AF),
    (0x108FB, 0x108FF), (0x10916, 0x1091B), (0x109BC, 0x109BD), (0x109C0, 0x109CF), (0x109D2,
    0x109FF), (0x10A44, 0x10A48), (0x10A7D, 0x10A7E), (0x10A9D, 0x10A9F), (0x10AEB, 0x10AEF),
    (0x10B58, 0x10B5F), (0x10B78, 0x10B7F), (0x10BA9, 0x10BAF), (0x10CFA, 0x10CFF), (0x10E69,
    0x10E7E), (0x10F1D, 0x10F26), (0x10F51, 0x10F54), (0x10FC5, 0x10FCB), (0x1105B, 0x11065),
    (0x111E1, 0x111F4), (0x1173A, 0x1173B), (0x118EA, 0x118F2), (0x11C5A, 0x11C6C), (0x11FC0,
    0x11FD4), (0x12400, 0x1246E), (0x16B5B, 0x16B61), (0x16E80, 0x16E96), (0x1D2E0, 0x1D2F3),
    (0x1D360, 0x1D378), (0x1E8C7, 0x1E8CF), (0x1EC71, 0x1ECAB), (0x1ECAD, 0x1ECAF), (0x1ECB1,
    0x1ECB4), (0x1ED01, 0x1ED2D), (0x1ED2F, 0x1ED3D), (0x1F10B, 0x1F10C)
];

/// The last three characters (`word[-3:]`).
fn suffix(word: &str) -> &str {
    match word.char_indices().rev().nth(2) {
        Some((i, _)) => &word[i..],
        None => word,
    }
}

/// The first character (`word[0]`).
fn prefix1(word: &str) -> &str {
    match word.chars().next() {
        Some(c) => &word[..c.len_utf8()],
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_classes() {
        assert_eq!(normalize("well-known"), "!HYPHEN");
        assert_eq!(normalize("-LRB-"), "-lrb-");
        assert_eq!(normalize("1994"), "!YEAR");
        assert_eq!(normalize("9999"), "!YEAR");
        assert_eq!(normalize("5,000"), "!DIGITS");
        assert_eq!(normalize("3rd"), "!DIGITS");
        assert_eq!(normalize("٢٠٢٠"), "!YEAR");
        assert_eq!(normalize("²nd"), "!DIGITS");
        assert_eq!(normalize("½"), "½");
        assert_eq!(normalize("Ⅻ"), "ⅻ");
        assert_eq!(normalize("Moscow"), "moscow");
        assert_eq!(normalize("moscow"), "moscow");
    }

    #[test]
    fn suffix_and_prefix_count_characters() {
        assert_eq!(suffix("Moscow"), "cow");
        assert_eq!(suffix("on"), "on");
        assert_eq!(suffix("Erdoğan"), "ğan");
        assert_eq!(suffix("Çağ"), "Çağ");
        assert_eq!(prefix1("Çağ"), "Ç");
        assert_eq!(prefix1(""), "");
    }

    #[test]
    fn embedded_data_loads() {
        let t = Tagger::embedded();
        assert_eq!(t.tagdict.len(), 2604);
        assert_eq!(t.weights.len(), 374_698);
        assert!(t.features.iter().all(|m| !m.is_empty()));
    }

    #[test]
    fn bad_data_is_an_error() {
        assert!(Tagger::from_strs("x\tNN=1\n", "").is_err());
        assert!(Tagger::from_strs("[bias]\n\tNN=x\n", "").is_err());
        assert!(Tagger::from_strs("[bias]\n\tXX=1\n", "").is_err());
        assert!(Tagger::from_strs("[nope]\n", "").is_err());
        assert!(Tagger::from_strs("[bias]\n\tNN=1\n", "the\tDT\n").is_ok());
    }

    #[test]
    fn tiny_model_decides_by_its_weights_and_ties_by_tag_string() {
        // no weights at all: every score is 0, so the greatest tag string wins
        let t = Tagger::from_strs("[bias]\n", "").unwrap();
        assert_eq!(t.tag_ptb(&["x"]), vec![Tag::OpenQuote]);
        let t = Tagger::from_strs("[bias]\n\tNN=1\n[i word]\nruns\tNN=-2 VBZ=1\n", "").unwrap();
        assert_eq!(t.tag_ptb(&["Runs", "dog"]), vec![Tag::VBZ, Tag::NN]);
    }
}

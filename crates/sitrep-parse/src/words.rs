//! What the models see of a word: hashes of its lowercased form, affixes and shape.
//!
//! Everything is computed once per token and lowercased, so that one model serves
//! "Troops shelled the town", "troops shelled the town" and "TROOPS SHELLED THE TOWN"; the
//! only trace of case is the shape feature, which training on lowercased and uppercased
//! copies teaches the models to do without.

/// One token's hashed views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub lower: u64,
    pub suffix: [u64; 4],
    pub prefix: [u64; 3],
    pub shape: u64,
    /// The word's class in the coarse and the fine clustering of unlabelled text
    /// ([`clusters`]), or [`NO_CLUSTER`] for a word too rare to have one.
    pub cluster: [u64; 2],
}

/// The class of a word the clusterings do not know (and of the padding).
pub const NO_CLUSTER: [u64; 2] = [0xffff_0001, 0xffff_0002];

/// The hashed view of the padding before the first and after the last word.
pub const PAD: Word = Word {
    lower: 0x5a5a,
    suffix: [0x5a5a; 4],
    prefix: [0x5a5a; 3],
    shape: 0x5a5a,
    cluster: NO_CLUSTER,
};

/// Word classes learnt from unlabelled text (UD English EWT train, the Lee background
/// corpus, WikiEvents train; `scripts/gen_parse_clusters.py`): each line a lowercased word
/// and its class in a clustering of 64 and one of 512 classes. A word rare in the treebank
/// still shares weights with the common words of its class.
const CLUSTERS: &str = include_str!("../../../data/parse/clusters.tsv");

/// The classes by the hash of the lowercased word ([`Word::lower`]).
fn clusters() -> &'static crate::perceptron::Map<[u64; 2]> {
    static MAP: std::sync::OnceLock<crate::perceptron::Map<[u64; 2]>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = crate::perceptron::Map::default();
        for line in CLUSTERS.lines() {
            let mut cols = line.split('\t');
            let (Some(w), Some(a), Some(b)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            if let (Ok(a), Ok(b)) = (a.parse::<u64>(), b.parse::<u64>()) {
                map.insert(Word::hash_lower(w), [a, b]);
            }
        }
        map
    })
}

impl Word {
    /// The [`Word::lower`] hash of a form, alone.
    fn hash_lower(form: &str) -> u64 {
        let mut lower = FNV_OFFSET;
        for c in form.chars() {
            for_normalised(c, |lc| lower = fnv_char(lower, lc));
        }
        lower
    }

    /// Hashes a word form without allocating: one pass over its characters.
    pub fn new(form: &str) -> Word {
        let mut lower = FNV_OFFSET;
        let mut first = ['\0'; 3];
        let mut nfirst = 0;
        let mut ring = ['\0'; 4];
        let mut nchars = 0usize;
        let mut shape_hash = FNV_OFFSET;
        let mut last_shape = None;
        for c in form.chars() {
            let k = shape_class(c);
            if last_shape != Some(k) {
                shape_hash = fnv_char(shape_hash, k);
                last_shape = Some(k);
            }
            for_normalised(c, |lc| {
                lower = fnv_char(lower, lc);
                if nfirst < 3 {
                    first[nfirst] = lc;
                    nfirst += 1;
                }
                ring[nchars % 4] = lc;
                nchars += 1;
            });
        }
        let tail = |k: usize| -> u64 {
            let k = k.min(nchars);
            let mut h = FNV_OFFSET ^ ((k as u64) << 56);
            for j in nchars - k..nchars {
                h = fnv_char(h, ring[j % 4]);
            }
            h
        };
        let head = |k: usize| -> u64 {
            let mut h = FNV_OFFSET ^ ((k as u64) << 60);
            for &c in &first[..k.min(nfirst)] {
                h = fnv_char(h, c);
            }
            h
        };
        Word {
            lower,
            suffix: [tail(1), tail(2), tail(3), tail(4)],
            prefix: [head(1), head(2), head(3)],
            shape: shape_hash,
            cluster: clusters().get(&lower).copied().unwrap_or(NO_CLUSTER),
        }
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

#[inline]
fn fnv_char(h: u64, c: char) -> u64 {
    (h ^ u64::from(u32::from(c))).wrapping_mul(0x0000_0100_0000_01b3)
}

/// Calls `f` with the normalised form of `c` (see [`normalise`]).
#[inline]
fn for_normalised(c: char, mut f: impl FnMut(char)) {
    match c {
        '0'..='9' => f('0'),
        'a'..='z' => f(c),
        'A'..='Z' => f(c.to_ascii_lowercase()),
        '\u{2019}' | '\u{2018}' | '`' => f('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' => f('"'),
        '\u{2013}' | '\u{2014}' => f('-'),
        _ => c.to_lowercase().for_each(f),
    }
}

#[inline]
fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_ascii_digit() {
        'd'
    } else {
        c
    }
}

/// Lowercase, with digits folded to 0 (numbers are told apart by shape, not value) and
/// typographic quotes and dashes written as the treebank writes them.
#[cfg(test)]
pub fn normalise(form: &str) -> String {
    let mut out = String::with_capacity(form.len());
    for c in form.chars() {
        for_normalised(c, |lc| out.push(lc));
    }
    out
}

/// The word's shape: X for an upper-case letter, x for lower case, d for a digit, other
/// characters as they are, runs collapsed ("Kabul" → "Xx", "U.S." → "X.X.", "1,121" → "d,d").
#[cfg(test)]
pub fn shape(form: &str) -> String {
    let mut out = String::new();
    for c in form.chars().map(shape_class) {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_is_only_in_the_shape() {
        let (a, b) = (Word::new("Kabul"), Word::new("KABUL"));
        assert_eq!(a.lower, b.lower);
        assert_eq!(a.suffix, b.suffix);
        assert_ne!(a.shape, b.shape);
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1,121"), "d,d");
        assert_eq!(normalise("1,121"), "0,000");
        assert_eq!(
            Word::new("Shelled").suffix[1],
            Word::new("killed").suffix[1]
        );
        assert_ne!(
            Word::new("shelled").suffix[2],
            Word::new("shelled").suffix[1]
        );
        assert_eq!(Word::new("ab").suffix[3], Word::new("ab").suffix[3]);
    }

    /// Words of one class in the clusterings share it whatever their case; a word the
    /// clusterings never saw has none.
    #[test]
    fn common_words_have_classes() {
        let (a, b) = (Word::new("Killed"), Word::new("arrested"));
        assert_ne!(a.cluster, NO_CLUSTER);
        assert_eq!(a.cluster, Word::new("KILLED").cluster);
        assert_eq!(a.cluster[1], b.cluster[1]);
        assert_ne!(a.cluster[1], Word::new("the").cluster[1]);
        assert_eq!(Word::new("Xqzvbnmw").cluster, NO_CLUSTER);
    }
}

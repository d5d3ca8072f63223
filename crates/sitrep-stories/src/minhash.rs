//! MinHash signatures over word shingles, for syndicated copies.
//!
//! A wire story republished by another outlet keeps its body and changes a
//! headline or adds a credit line. Two texts whose 5-word shingle sets have
//! a Jaccard similarity of 0.8 or more are copies. Signatures of
//! [`SIG_LEN`] minimum hashes estimate that similarity; banding them
//! ([`bands`]) finds candidate copies without comparing every pair.

/// Number of hash functions in a signature.
pub const SIG_LEN: usize = 64;
/// Rows per LSH band (64 / 4 = 16 bands).
pub const ROWS: usize = 4;
const SHINGLE: usize = 5;

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser: a fast, well-distributed 64-bit hash
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn word_hash(w: &str) -> u64 {
    // FNV-1a, stable across runs and platforms (stored signatures depend on it)
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in w.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Hashes of the text's word shingles.
pub fn shingles(text: &str) -> Vec<u64> {
    let ws: Vec<u64> = words(text).iter().map(|w| word_hash(w)).collect();
    if ws.len() < SHINGLE {
        return if ws.is_empty() {
            Vec::new()
        } else {
            vec![ws.iter().fold(0, |a, h| mix(a ^ h))]
        };
    }
    let mut out: Vec<u64> = ws
        .windows(SHINGLE)
        .map(|w| w.iter().fold(0u64, |a, h| mix(a.rotate_left(7) ^ h)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The MinHash signature of a text.
pub fn signature(text: &str) -> Vec<u64> {
    let sh = shingles(text);
    (0..SIG_LEN as u64)
        .map(|i| {
            let seed = mix(i.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0x5851_F42D);
            sh.iter().map(|h| mix(h ^ seed)).min().unwrap_or(u64::MAX)
        })
        .collect()
}

/// Estimated Jaccard similarity of two signatures.
pub fn similarity(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let same = a
        .iter()
        .zip(b)
        .filter(|(x, y)| x == y && **x != u64::MAX)
        .count();
    same as f64 / a.len() as f64
}

/// LSH band keys: (band index, key).
pub fn bands(sig: &[u64]) -> Vec<(u32, i64)> {
    sig.chunks(ROWS)
        .enumerate()
        .map(|(b, rows)| (b as u32, rows.iter().fold(0u64, |a, r| mix(a ^ r)) as i64))
        .collect()
}

/// Signatures as bytes for storage, and back.
pub fn to_bytes(sig: &[u64]) -> Vec<u8> {
    sig.iter().flat_map(|x| x.to_le_bytes()).collect()
}

pub fn from_bytes(b: &[u8]) -> Vec<u64> {
    b.chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "Armenia and Azerbaijan agreed to a humanitarian ceasefire on Saturday after more than ten hours of talks in Moscow hosted by Russian Foreign Minister Sergey Lavrov, who said the truce would allow the exchange of prisoners and the bodies of the dead.";

    #[test]
    fn copies_score_high_and_others_low() {
        let copy = format!("{A} (Reporting by A. Reporter; editing by B. Editor)");
        let other = "Kyrgyz and Tajik border guards exchanged fire near the village of Vorukh on Wednesday, and both sides reported casualties among civilians and soldiers.";
        let (sa, sc, so) = (signature(A), signature(&copy), signature(other));
        assert!(similarity(&sa, &sc) >= 0.75, "{}", similarity(&sa, &sc));
        assert!(similarity(&sa, &so) < 0.1);
        assert_eq!(from_bytes(&to_bytes(&sa)), sa);
        let shared = bands(&sa)
            .iter()
            .zip(bands(&sc))
            .filter(|(x, y)| **x == *y)
            .count();
        assert!(shared > 0, "copies share a band");
    }
}

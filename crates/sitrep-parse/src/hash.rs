//! Feature hashing.
//!
//! Features are never strings at run time: a word is hashed once per sentence, and a
//! feature is a template id mixed with a few integers (word hashes, tag ids, labels,
//! distances). The same mixing is used in training and prediction, so the model file only
//! stores 64-bit keys.

/// FNV-1a over bytes.
#[cfg(test)]
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Mixes one more value into a running feature hash (a multiply-rotate step; collisions
/// between the 64-bit results of distinct features are negligible at a few million keys).
#[inline]
pub fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// A feature key: template id followed by its values.
#[inline]
pub fn feat(template: u64, values: &[u64]) -> u64 {
    let mut h = mix(0x9e37_79b9_7f4a_7c15, template);
    for &v in values {
        h = mix(h, v);
    }
    // final avalanche so that the low bits used for table slots depend on every input
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

/// A small deterministic pseudo-random generator (xorshift64*), for shuffling training
/// data and choosing exploration steps: the same seed gives the same model.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// A uniform float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Fisher-Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_keys_depend_on_template_and_order() {
        assert_ne!(feat(1, &[2, 3]), feat(1, &[3, 2]));
        assert_ne!(feat(1, &[2]), feat(2, &[2]));
        assert_eq!(feat(7, &[hash_str("army")]), feat(7, &[hash_str("army")]));
    }

    #[test]
    fn shuffle_is_deterministic() {
        let mut a: Vec<u32> = (0..20).collect();
        let mut b = a.clone();
        Rng::new(42).shuffle(&mut a);
        Rng::new(42).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..20).collect::<Vec<_>>());
    }
}

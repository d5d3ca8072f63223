//! Averaged perceptron: sparse weights while training, a compact frozen table for use.
//!
//! Each feature key holds weights only for the classes it was ever updated for (a handful
//! out of dozens), so training memory grows with what the data teaches, not with
//! features x classes. Averaging is lazy: a weight remembers when it last changed and the
//! running total is brought up to date only then (Collins 2002; the usual trick).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{self, Read, Write};

/// Features updated fewer times than this are left out of a frozen model (see
/// [`Trainer::freeze`]).
pub const MIN_UPDATES: u32 = 2;

/// Keys are already well-mixed 64-bit hashes: hashing them again would only cost time.
#[derive(Default)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u64 keys are hashed")
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

#[derive(Clone, Copy)]
struct Acc {
    class: u16,
    weight: f32,
    total: f64,
    stamp: u32,
}

/// The trainable model.
pub struct Trainer {
    classes: usize,
    /// Per feature: how many updates touched it, and its weights.
    weights: KeyMap<(u32, Vec<Acc>)>,
    /// Number of training instances seen (the averaging clock).
    now: u32,
}

impl Trainer {
    pub fn new(classes: usize) -> Trainer {
        Trainer {
            classes,
            weights: KeyMap::default(),
            now: 0,
        }
    }

    /// Adds the current (not averaged) weights of `features` into `scores`.
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in features {
            if let Some((_, row)) = self.weights.get(f) {
                for a in row {
                    scores[a.class as usize] += a.weight;
                }
            }
        }
    }

    /// Advances the averaging clock by one instance.
    pub fn tick(&mut self) {
        self.now += 1;
    }

    /// Moves weight from `wrong` to `right` on every feature.
    pub fn update(&mut self, features: &[u64], right: usize, wrong: usize) {
        if right == wrong {
            return;
        }
        for &f in features {
            let (hits, row) = self.weights.entry(f).or_default();
            *hits += 1;
            Self::bump(row, right as u16, 1.0, self.now);
            Self::bump(row, wrong as u16, -1.0, self.now);
        }
    }

    fn bump(row: &mut Vec<Acc>, class: u16, delta: f32, now: u32) {
        let k = match row.iter().position(|a| a.class == class) {
            Some(k) => k,
            None => {
                row.push(Acc {
                    class,
                    weight: 0.0,
                    total: 0.0,
                    stamp: now,
                });
                row.len() - 1
            }
        };
        let a = &mut row[k];
        a.total += f64::from(now - a.stamp) * f64::from(a.weight);
        a.stamp = now;
        a.weight += delta;
    }

    /// The averaged weights, frozen. Features touched by fewer than `min_updates` updates
    /// are dropped: a feature the data corrected once is mostly noise, and the model is
    /// several times smaller without them (fewer cache misses at run time).
    pub fn freeze(&self, min_updates: u32) -> Model {
        let now = self.now.max(1);
        let mut keys: Vec<u64> = self
            .weights
            .iter()
            .filter(|(_, (hits, _))| *hits >= min_updates)
            .map(|(k, _)| *k)
            .collect();
        keys.sort_unstable();
        let mut rows = Vec::with_capacity(keys.len());
        for key in keys {
            let mut row: Vec<(u16, f32)> = self.weights[&key]
                .1
                .iter()
                .map(|a| {
                    let total = a.total + f64::from(now - a.stamp) * f64::from(a.weight);
                    (a.class, (total / f64::from(now)) as f32)
                })
                .filter(|&(_, w)| w != 0.0)
                .collect();
            if !row.is_empty() {
                row.sort_unstable_by_key(|&(c, _)| c);
                rows.push((key, row));
            }
        }
        Model::from_rows(self.classes, rows)
    }
}

/// A frozen model: an open-addressing table from feature key to a run of `(class, weight)`.
pub struct Model {
    classes: usize,
    mask: usize,
    /// Key (0 = empty; a real key of 0 is remapped to 1) and its run in `entries`, side by
    /// side so that a lookup touches one cache line before the weights.
    slots: Vec<Slot>,
    entries: Vec<(u16, f32)>,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    start: u32,
    len: u32,
}

/// Type alias kept for the sparse maps other modules build.
pub(crate) type Map<V> = KeyMap<V>;

fn nonzero(key: u64) -> u64 {
    if key == 0 {
        1
    } else {
        key
    }
}

impl Model {
    pub(crate) fn from_rows(classes: usize, rows: Vec<(u64, Vec<(u16, f32)>)>) -> Model {
        let size = (rows.len() * 2).next_power_of_two().max(16);
        let mut m = Model {
            classes,
            mask: size - 1,
            slots: vec![Slot::default(); size],
            entries: Vec::with_capacity(rows.iter().map(|r| r.1.len()).sum()),
        };
        for (key, row) in rows {
            let start = m.entries.len() as u32;
            m.entries.extend_from_slice(&row);
            let slot = m.slot_for(nonzero(key));
            m.slots[slot] = Slot {
                key: nonzero(key),
                start,
                len: row.len() as u32,
            };
        }
        m
    }

    fn slot_for(&self, key: u64) -> usize {
        let mut slot = (key as usize) & self.mask;
        loop {
            let k = self.slots[slot].key;
            if k == key || k == 0 {
                return slot;
            }
            slot = (slot + 1) & self.mask;
        }
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Number of features with weights.
    pub fn features(&self) -> usize {
        self.slots.iter().filter(|s| s.key != 0).count()
    }

    /// Number of stored weights.
    pub fn weights(&self) -> usize {
        self.entries.len()
    }

    /// Bytes held by the tables.
    pub fn heap_bytes(&self) -> usize {
        self.slots.len() * std::mem::size_of::<Slot>() + self.entries.len() * 8
    }

    /// Adds the weights of `features` into `scores` (which the caller zeroes).
    #[inline]
    pub fn add_scores(&self, features: &[u64], scores: &mut [f32]) {
        for &f in features {
            let key = nonzero(f);
            let mut slot = (key as usize) & self.mask;
            loop {
                let s = self.slots[slot];
                if s.key == key {
                    let run = &self.entries[s.start as usize..(s.start + s.len) as usize];
                    for &(c, w) in run {
                        scores[c as usize] += w;
                    }
                    break;
                }
                if s.key == 0 {
                    break;
                }
                slot = (slot + 1) & self.mask;
            }
        }
    }

    /// Writes the model: class count, then rows of key, length, (class, weight)...
    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(&(self.classes as u32).to_le_bytes())?;
        let mut rows: Vec<Slot> = self.slots.iter().copied().filter(|s| s.key != 0).collect();
        rows.sort_unstable_by_key(|s| s.key);
        out.write_all(&(rows.len() as u32).to_le_bytes())?;
        for s in rows {
            out.write_all(&s.key.to_le_bytes())?;
            out.write_all(&(s.len as u16).to_le_bytes())?;
            for &(c, w) in &self.entries[s.start as usize..(s.start + s.len) as usize] {
                out.write_all(&c.to_le_bytes())?;
                out.write_all(&w.to_le_bytes())?;
            }
        }
        Ok(())
    }

    /// Reads what [`Model::write`] wrote.
    pub fn read(input: &mut impl Read) -> io::Result<Model> {
        let classes = read_u32(input)? as usize;
        let n = read_u32(input)? as usize;
        let mut rows = Vec::with_capacity(n);
        for _ in 0..n {
            let key = read_u64(input)?;
            let len = read_u16(input)? as usize;
            let mut row = Vec::with_capacity(len);
            for _ in 0..len {
                let c = read_u16(input)?;
                if c as usize >= classes {
                    return Err(invalid("class index out of range"));
                }
                let w = f32::from_le_bytes(read_array(input)?);
                row.push((c, w));
            }
            rows.push((key, row));
        }
        Ok(Model::from_rows(classes, rows))
    }
}

/// A frozen model of at most four classes with the weights inside the table: one memory
/// access per feature instead of two. The parser's move model is looked up some 80 times a
/// move, so this is where its time goes.
pub struct Dense4 {
    mask: usize,
    slots: Vec<(u64, [f32; 4])>,
}

impl Dense4 {
    /// The same weights as `m` (which must have at most four classes).
    pub fn from_model(m: &Model) -> Dense4 {
        assert!(m.classes <= 4, "Dense4 holds at most four classes");
        let size = m.slots.len();
        let mut d = Dense4 {
            mask: size - 1,
            slots: vec![(0, [0.0; 4]); size],
        };
        for (k, s) in m.slots.iter().enumerate() {
            if s.key != 0 {
                let mut w = [0f32; 4];
                for &(c, x) in &m.entries[s.start as usize..(s.start + s.len) as usize] {
                    w[c as usize] = x;
                }
                d.slots[k] = (s.key, w);
            }
        }
        d
    }

    /// Back to the sparse form (for writing).
    pub fn to_model(&self, classes: usize) -> Model {
        let mut rows: Vec<(u64, Vec<(u16, f32)>)> = self
            .slots
            .iter()
            .filter(|(k, _)| *k != 0)
            .map(|(k, w)| {
                let row = (0..classes)
                    .filter(|&c| w[c] != 0.0)
                    .map(|c| (c as u16, w[c]))
                    .collect();
                (*k, row)
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        Model::from_rows(classes, rows)
    }

    /// Adds the weights of `features` into `scores`.
    #[inline]
    pub fn add_scores(&self, features: &[u64], scores: &mut [f32; 4]) {
        for &f in features {
            let key = nonzero(f);
            let mut slot = (key as usize) & self.mask;
            loop {
                let (k, w) = &self.slots[slot];
                if *k == key {
                    for c in 0..4 {
                        scores[c] += w[c];
                    }
                    break;
                }
                if *k == 0 {
                    break;
                }
                slot = (slot + 1) & self.mask;
            }
        }
    }

    pub fn features(&self) -> usize {
        self.slots.iter().filter(|(k, _)| *k != 0).count()
    }

    pub fn heap_bytes(&self) -> usize {
        self.slots.len() * std::mem::size_of::<(u64, [f32; 4])>()
    }
}

pub(crate) fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("parse model: {what}"))
}

pub(crate) fn read_array<const N: usize>(input: &mut impl Read) -> io::Result<[u8; N]> {
    let mut b = [0u8; N];
    input.read_exact(&mut b)?;
    Ok(b)
}

pub(crate) fn read_u16(input: &mut impl Read) -> io::Result<u16> {
    Ok(u16::from_le_bytes(read_array(input)?))
}

pub(crate) fn read_u32(input: &mut impl Read) -> io::Result<u32> {
    Ok(u32::from_le_bytes(read_array(input)?))
}

pub(crate) fn read_u64(input: &mut impl Read) -> io::Result<u64> {
    Ok(u64::from_le_bytes(read_array(input)?))
}

/// Index of the highest score among the classes `allowed` admits (ties: the lower index).
pub fn argmax(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (c, &s) in scores.iter().enumerate() {
        if allowed(c) && best.is_none_or(|(_, b)| s > b) {
            best = Some((c, s));
        }
    }
    best.map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        // class = which of two features is present
        let mut t = Trainer::new(2);
        let data = [(vec![10u64, 99], 0usize), (vec![20u64, 99], 1usize)];
        let mut scores = [0f32; 2];
        for _ in 0..5 {
            for (f, gold) in &data {
                t.tick();
                t.score(f, &mut scores);
                let guess = argmax(&scores, |_| true).unwrap();
                t.update(f, *gold, guess);
            }
        }
        let m = t.freeze(1);
        for (f, gold) in &data {
            let mut s = [0f32; 2];
            m.add_scores(f, &mut s);
            assert_eq!(argmax(&s, |_| true), Some(*gold));
        }
        let mut bytes = Vec::new();
        m.write(&mut bytes).unwrap();
        let back = Model::read(&mut bytes.as_slice()).unwrap();
        assert_eq!(back.features(), m.features());
        let (mut a, mut b) = ([0f32; 2], [0f32; 2]);
        m.add_scores(&[10, 20, 99], &mut a);
        back.add_scores(&[10, 20, 99], &mut b);
        assert_eq!(a, b);
    }

    #[test]
    fn argmax_respects_the_mask() {
        assert_eq!(argmax(&[3.0, 1.0, 2.0], |c| c != 0), Some(2));
        assert_eq!(argmax(&[3.0], |_| false), None);
    }
}

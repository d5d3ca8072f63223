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

    /// Adds `delta` to class `class`'s weight on every feature (a global update adds the
    /// correct sequence's moves and subtracts the predicted one's, step by step).
    pub fn add(&mut self, features: &[u64], class: usize, delta: f32) {
        for &f in features {
            let (hits, row) = self.weights.entry(f).or_default();
            *hits += 1;
            Self::bump(row, class as u16, delta, self.now);
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
    /// The runs of features with weights for many classes (the bias, common tags and
    /// affixes) again as full rows of `width` weights: adding a whole row is a few vector
    /// additions where the run costs a load, an add and a store per class.
    dense: Vec<f32>,
    width: usize,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    start: u32,
    len: u16,
    /// 1 + the feature's row in `dense`, or 0.
    dense: u16,
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
        let mut entries = table(rows.iter().map(|r| r.1.len()).sum(), (0, 0.0));
        entries.clear();
        let width = classes.next_multiple_of(8);
        let mut m = Model {
            classes,
            mask: size - 1,
            slots: table(size, Slot::default()),
            entries,
            dense: Vec::new(),
            width,
        };
        for (key, row) in rows {
            let start = m.entries.len() as u32;
            m.entries.extend_from_slice(&row);
            let slot = m.slot_for(nonzero(key));
            let rows_so_far = m.dense.len() / width;
            let dense = if row.len() * 4 >= classes && rows_so_far < usize::from(u16::MAX) {
                m.dense.resize(m.dense.len() + width, 0.0);
                let at = rows_so_far * width;
                for &(c, w) in &row {
                    m.dense[at + c as usize] = w;
                }
                rows_so_far as u16 + 1
            } else {
                0
            };
            m.slots[slot] = Slot {
                key: nonzero(key),
                start,
                len: row.len() as u16,
                dense,
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
        self.slots.len() * std::mem::size_of::<Slot>()
            + self.entries.len() * 8
            + self.dense.len() * 4
    }

    /// Adds the weights of `features` into `scores` (which the caller zeroes).
    ///
    /// The table is far larger than the processor's caches, so a lookup is a memory
    /// access: every feature's slot is requested first ([`prefetch`]) and read after, so
    /// the accesses overlap instead of waiting for each other.
    #[inline]
    pub fn add_scores(&self, features: &[u64], scores: &mut [f32]) {
        for &f in features {
            prefetch(&self.slots[(nonzero(f) as usize) & self.mask]);
        }
        let mut runs = [Slot::default(); 64];
        let mut sum = [0f32; 256];
        let wide = self.width <= sum.len();
        for chunk in features.chunks(runs.len()) {
            let mut found = 0;
            for &f in chunk {
                if let Some(s) = self.find(nonzero(f)) {
                    if s.dense != 0 && wide {
                        prefetch(&self.dense[(usize::from(s.dense) - 1) * self.width]);
                    } else {
                        prefetch(&self.entries[s.start as usize]);
                    }
                    runs[found] = s;
                    found += 1;
                }
            }
            for s in &runs[..found] {
                if s.dense != 0 && wide {
                    let at = (usize::from(s.dense) - 1) * self.width;
                    let row = &self.dense[at..at + self.width];
                    for (x, w) in sum[..self.width].iter_mut().zip(row) {
                        *x += w;
                    }
                } else {
                    let end = s.start as usize + usize::from(s.len);
                    for &(c, w) in &self.entries[s.start as usize..end] {
                        scores[c as usize] += w;
                    }
                }
            }
        }
        for (x, s) in scores.iter_mut().zip(&sum[..self.width.min(sum.len())]) {
            *x += s;
        }
    }

    #[inline]
    fn find(&self, key: u64) -> Option<Slot> {
        let mut slot = (key as usize) & self.mask;
        loop {
            let s = self.slots[slot];
            if s.key == key {
                return Some(s);
            }
            if s.key == 0 {
                return None;
            }
            slot = (slot + 1) & self.mask;
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
            out.write_all(&s.len.to_le_bytes())?;
            for &(c, w) in &self.entries[s.start as usize..s.start as usize + usize::from(s.len)] {
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
///
/// Weights are stored as 16-bit integers times one scale per model (the largest weight
/// is 32,767 steps; the smallest weights the perceptron keeps are still hundreds of steps),
/// so that a slot is 16 bytes and four share a cache line; the table is the smallest
/// power of two at most three quarters full (between 3/8 and 3/4).
pub struct Dense4 {
    mask: usize,
    scale: f32,
    slots: Vec<Slot4>,
}

#[derive(Clone, Copy, Default)]
#[repr(C, align(16))]
struct Slot4 {
    key: u64,
    w: [i16; 4],
}

impl Dense4 {
    /// The same weights as `m` (which must have at most four classes), quantised.
    pub fn from_model(m: &Model) -> Dense4 {
        assert!(m.classes <= 4, "Dense4 holds at most four classes");
        let rows = m
            .slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|s| {
                let mut w = [0f32; 4];
                for &(c, x) in &m.entries[s.start as usize..s.start as usize + usize::from(s.len)] {
                    w[c as usize] = x;
                }
                (s.key, w)
            })
            .collect();
        Dense4::from_weights(rows)
    }

    /// Reads a table [`Model::write`] wrote (the move model's section of a model file)
    /// straight into this form, without building the sparse table first: loading then
    /// needs a third of the memory.
    pub fn read(input: &mut impl Read) -> io::Result<Dense4> {
        let classes = read_u32(input)? as usize;
        if classes > 4 {
            return Err(invalid("the move table has more than four classes"));
        }
        let n = read_u32(input)? as usize;
        let mut rows = Vec::with_capacity(n.min(1 << 24));
        for _ in 0..n {
            let key = read_u64(input)?;
            let mut w = [0f32; 4];
            for _ in 0..read_u16(input)? {
                let c = read_u16(input)? as usize;
                if c >= classes {
                    return Err(invalid("class index out of range"));
                }
                w[c] = f32::from_le_bytes(read_array(input)?);
            }
            rows.push((nonzero(key), w));
        }
        Ok(Dense4::from_weights(rows))
    }

    /// Quantises rows of weights into the table.
    fn from_weights(rows: Vec<(u64, [f32; 4])>) -> Dense4 {
        let max = rows
            .iter()
            .flat_map(|(_, w)| w.iter().map(|x| x.abs()))
            .fold(0f32, f32::max);
        let scale = if max > 0.0 {
            max / f32::from(i16::MAX)
        } else {
            1.0
        };
        let quantised: Vec<Slot4> = rows
            .into_iter()
            .map(|(key, w)| Slot4 {
                key,
                w: w.map(|x| (x / scale).round() as i16),
            })
            .filter(|s| s.w != [0; 4])
            .collect();
        Dense4::from_slots(quantised.len(), scale, quantised)
    }

    /// A table for `n` rows filled from `rows` (rows of zeros are left out).
    fn from_slots(n: usize, scale: f32, rows: impl IntoIterator<Item = Slot4>) -> Dense4 {
        let size = (n * 4 / 3).next_power_of_two().max(16);
        let mut d = Dense4 {
            mask: size - 1,
            scale,
            slots: table(size, Slot4::default()),
        };
        for row in rows.into_iter().filter(|s| s.w != [0; 4]) {
            let k = d.slot_for(row.key);
            d.slots[k] = row;
        }
        d
    }

    /// Writes the table as it is held: row count, scale, then each feature's key and its
    /// four 16-bit weights (16 bytes a feature, in the keys' order), so that reading it
    /// builds nothing but the table itself.
    pub fn write_compact(&self, out: &mut impl Write) -> io::Result<()> {
        let mut rows: Vec<Slot4> = self.slots.iter().copied().filter(|s| s.key != 0).collect();
        rows.sort_unstable_by_key(|s| s.key);
        out.write_all(&(rows.len() as u32).to_le_bytes())?;
        out.write_all(&self.scale.to_le_bytes())?;
        for s in rows {
            out.write_all(&s.key.to_le_bytes())?;
            for w in s.w {
                out.write_all(&w.to_le_bytes())?;
            }
        }
        Ok(())
    }

    /// Reads what [`Dense4::write_compact`] wrote, straight into the table.
    pub fn read_compact(input: &mut impl Read) -> io::Result<Dense4> {
        let n = read_u32(input)? as usize;
        let scale = f32::from_le_bytes(read_array(input)?);
        if !(scale.is_finite() && scale > 0.0) {
            return Err(invalid("the move table's scale is not a positive number"));
        }
        let mut err = None;
        let rows = (0..n).map_while(|_| match read_slot4(input) {
            Ok(s) => Some(s),
            Err(e) => {
                err = Some(e);
                None
            }
        });
        let d = Dense4::from_slots(n, scale, rows);
        match err {
            Some(e) => Err(e),
            None => Ok(d),
        }
    }

    fn slot_for(&self, key: u64) -> usize {
        let mut slot = (key as usize) & self.mask;
        while self.slots[slot].key != key && self.slots[slot].key != 0 {
            slot = (slot + 1) & self.mask;
        }
        slot
    }

    /// The table without the features whose largest weight is at most `min_steps` steps
    /// (of 32,767): such a feature moves a score by too little to change many decisions,
    /// and every feature left out makes the table smaller, so that more of it stays in
    /// the processor's caches. Weights and scale are kept as they are.
    pub fn pruned(&self, min_steps: i16) -> Dense4 {
        let kept: Vec<Slot4> = self
            .slots
            .iter()
            .filter(|s| s.key != 0 && s.w.iter().any(|w| w.unsigned_abs() > min_steps as u16))
            .copied()
            .collect();
        Dense4::from_slots(kept.len(), self.scale, kept)
    }

    /// Back to the sparse form, in the keys' order.
    #[cfg(test)]
    pub fn to_model(&self, classes: usize) -> Model {
        let mut rows: Vec<(u64, Vec<(u16, f32)>)> = self
            .slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|s| {
                let row = (0..classes)
                    .filter(|&c| s.w[c] != 0)
                    .map(|c| (c as u16, f32::from(s.w[c]) * self.scale))
                    .collect();
                (s.key, row)
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        Model::from_rows(classes, rows)
    }

    /// Adds the weights of `features` into `scores` (the parser adds up parts with
    /// [`Dense4::sum`] instead).
    #[cfg(test)]
    pub fn add_scores(&self, features: &[u64], scores: &mut [f32; 4]) {
        self.prefetch(features);
        let sum = self.sum(features);
        for (s, x) in scores.iter_mut().zip(self.scores(sum)) {
            *s += x;
        }
    }

    /// Requests the slots of `features` from memory.
    #[inline]
    pub fn prefetch(&self, features: &[u64]) {
        for &f in features {
            prefetch(&self.slots[(nonzero(f) as usize) & self.mask]);
        }
    }

    /// The weights of `features` added up, in the table's integer steps (sums of parts
    /// can be added in any order and give the same scores).
    #[inline]
    pub fn sum(&self, features: &[u64]) -> [i32; 4] {
        let mut sum = [0i32; 4];
        for &f in features {
            let key = nonzero(f);
            let mut slot = (key as usize) & self.mask;
            loop {
                let s = &self.slots[slot];
                if s.key == key {
                    for (x, &w) in sum.iter_mut().zip(&s.w) {
                        *x += i32::from(w);
                    }
                    break;
                }
                if s.key == 0 {
                    break;
                }
                slot = (slot + 1) & self.mask;
            }
        }
        sum
    }

    /// Scores from a [`Dense4::sum`].
    #[inline]
    pub fn scores(&self, sum: [i32; 4]) -> [f32; 4] {
        sum.map(|x| x as f32 * self.scale)
    }

    pub fn features(&self) -> usize {
        self.slots.iter().filter(|s| s.key != 0).count()
    }

    pub fn heap_bytes(&self) -> usize {
        self.slots.len() * std::mem::size_of::<Slot4>()
    }
}

fn read_slot4(input: &mut impl Read) -> io::Result<Slot4> {
    let key = nonzero(read_u64(input)?);
    let mut w = [0i16; 4];
    for x in &mut w {
        *x = i16::from_le_bytes(read_array(input)?);
    }
    Ok(Slot4 { key, w })
}

/// Asks the processor to bring the cache line holding `item` in, without waiting for it.
#[inline(always)]
fn prefetch<T>(item: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint; it never faults and reads nothing into the program.
    #[allow(unused_unsafe)]
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            item as *const T as *const i8,
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = item;
}

/// A table of `n` copies of `fill` whose memory the kernel is asked to back with 2 MB
/// pages where it can (Linux, transparent huge pages in `madvise` mode, as here). With
/// 4 KB pages nearly every lookup in a 20 MB table also misses the address-translation
/// cache, which costs as much as the cache miss itself, more so in a virtual machine.
pub(crate) fn table<T: Copy>(n: usize, fill: T) -> Vec<T> {
    let mut v: Vec<T> = Vec::with_capacity(n);
    advise_huge_pages(v.as_ptr() as usize, n * std::mem::size_of::<T>());
    v.resize(n, fill);
    v
}

#[cfg(target_os = "linux")]
fn advise_huge_pages(addr: usize, len: usize) {
    const HUGE: usize = 2 << 20;
    const MADV_HUGEPAGE: i32 = 14;
    extern "C" {
        fn madvise(addr: *mut std::ffi::c_void, len: usize, advice: i32) -> i32;
    }
    let start = addr.next_multiple_of(HUGE);
    let end = (addr + len) & !(HUGE - 1);
    if end > start {
        // SAFETY: the range lies inside an allocation this process owns and has not
        // touched yet; the advice changes how it is backed, never its contents. A refusal
        // (an older kernel, huge pages off) is harmless and ignored.
        unsafe {
            madvise(start as *mut std::ffi::c_void, end - start, MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_addr: usize, _len: usize) {}

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
    fn long_runs_as_full_rows_score_like_short_runs() {
        // feature 1 has weights for all 8 classes (a full row), feature 2 for one
        let full: Vec<(u16, f32)> = (0..8).map(|c| (c, c as f32 * 0.5 - 1.0)).collect();
        let m = Model::from_rows(8, vec![(1, full.clone()), (2, vec![(3, 2.0)])]);
        assert!(m.slots.iter().any(|s| s.key == 1 && s.dense != 0));
        assert!(m.slots.iter().any(|s| s.key == 2 && s.dense == 0));
        let mut got = [0f32; 8];
        m.add_scores(&[1, 2, 99], &mut got);
        let mut want = [0f32; 8];
        for (c, w) in full {
            want[c as usize] += w;
        }
        want[3] += 2.0;
        assert_eq!(got, want);
        // and it writes the same rows it was given
        let mut bytes = Vec::new();
        m.write(&mut bytes).unwrap();
        let back = Model::read(&mut bytes.as_slice()).unwrap();
        let mut again = [0f32; 8];
        back.add_scores(&[1, 2], &mut again);
        assert_eq!(again, want);
    }

    #[test]
    fn quantised_move_weights_stay_within_half_a_step() {
        let rows = vec![
            (5u64, vec![(0u16, 84.9f32), (3, -0.02)]),
            (6u64, vec![(1u16, 0.5f32), (2, -3.25)]),
            (7u64, vec![(2u16, 0.0001f32)]),
        ];
        let m = Model::from_rows(4, rows.clone());
        let d = Dense4::from_model(&m);
        let step = 84.9 / f32::from(i16::MAX);
        for (key, row) in &rows {
            let mut got = [0f32; 4];
            d.add_scores(&[*key], &mut got);
            for &(c, w) in row {
                assert!(
                    (got[c as usize] - w).abs() <= step / 2.0 + 1e-6,
                    "{key} {c}"
                );
            }
        }
        // a weight that rounds to nothing is dropped, and the rest survive a round trip
        assert_eq!(d.features(), 2);
        let back = Dense4::from_model(&d.to_model(4));
        assert_eq!(back.sum(&[5, 6, 7]), d.sum(&[5, 6, 7]));
    }

    /// Pruning keeps exactly the features with a weight over the threshold, with the same
    /// weights and scale (their scores do not move), and shrinks the table once few enough
    /// are left.
    #[test]
    fn pruned_tables_keep_the_strong_features_unchanged() {
        // feature k has weight k on class k % 4: 1,000 features, the largest 32,767 steps
        let rows: Vec<(u64, Vec<(u16, f32)>)> = (1..=1000u64)
            .map(|k| (k * 7919, vec![((k % 4) as u16, k as f32)]))
            .collect();
        let d = Dense4::from_model(&Model::from_rows(4, rows));
        let step = 1000.0 / f32::from(i16::MAX);
        // weight k is k * 32.767 steps: over 16,400 for k > 500
        let p = d.pruned(16_400);
        assert_eq!(p.features(), 500);
        assert!(p.heap_bytes() < d.heap_bytes());
        for k in [1u64, 250, 500, 501, 777, 1000] {
            let (mut full, mut cut) = ([0f32; 4], [0f32; 4]);
            d.add_scores(&[k * 7919], &mut full);
            p.add_scores(&[k * 7919], &mut cut);
            if k > 500 {
                assert_eq!(full, cut, "feature {k}");
            } else {
                assert_eq!(cut, [0.0; 4], "feature {k}");
                assert!(full[(k % 4) as usize] > 0.0);
            }
        }
        assert!((p.scores([1, 0, 0, 0])[0] - step).abs() < 1e-6);
        assert_eq!(d.pruned(0).features(), d.features());
    }

    /// The compact section (version 2 files) reads back into the same table as the sparse
    /// rows of version 1 files, and a section cut short is an error.
    #[test]
    fn compact_move_tables_read_back_like_sparse_rows() {
        let rows: Vec<(u64, Vec<(u16, f32)>)> = (1..=300u64)
            .map(|k| {
                (
                    k * 104_729,
                    vec![((k % 4) as u16, k as f32 - 150.5), (3, 0.25)],
                )
            })
            .collect();
        let d = Dense4::from_model(&Model::from_rows(4, rows));
        let mut compact = Vec::new();
        d.write_compact(&mut compact).unwrap();
        assert_eq!(compact.len(), 8 + 16 * d.features());
        let mut sparse = Vec::new();
        d.to_model(4).write(&mut sparse).unwrap();
        let (a, b) = (
            Dense4::read_compact(&mut compact.as_slice()).unwrap(),
            Dense4::read(&mut sparse.as_slice()).unwrap(),
        );
        let keys: Vec<u64> = (1..=301u64).map(|k| k * 104_729).collect();
        assert_eq!(a.features(), d.features());
        assert_eq!(a.sum(&keys), d.sum(&keys));
        assert_eq!(b.sum(&keys), d.sum(&keys));
        assert_eq!(a.scores([1, 0, 0, 0]), d.scores([1, 0, 0, 0]));
        compact.truncate(compact.len() - 5);
        assert!(Dense4::read_compact(&mut compact.as_slice()).is_err());
    }

    #[test]
    fn argmax_respects_the_mask() {
        assert_eq!(argmax(&[3.0, 1.0, 2.0], |c| c != 0), Some(2));
        assert_eq!(argmax(&[3.0], |_| false), None);
    }
}

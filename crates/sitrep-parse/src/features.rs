//! Feature templates of the parser: which words, tags, labels and distances around the
//! stack and the buffer a move is decided on (after Zhang and Nivre 2011's set for
//! arc-eager), and what an arc's label is decided on.

use crate::arc_eager::{State, NONE, NO_LABEL};
use crate::hash::feat;
use crate::words::Word;

/// A sentence as the parser sees it: hashed words and tag ids, position 0 the root.
pub struct Context<'a> {
    pub words: &'a [Word],
    pub tags: &'a [u16],
}

const ROOT_W: u64 = 0x0000_0000_00a1_b2c3;
const NONE_W: u64 = 0x0000_0000_00c3_b2a1;
const ROOT_T: u64 = 0xfffd;
const NONE_T: u64 = 0xfffe;

impl Context<'_> {
    /// Word hash of position `i` (0 = root, NONE = nothing there).
    #[inline]
    fn w(&self, i: u32) -> u64 {
        match i {
            NONE => NONE_W,
            0 => ROOT_W,
            _ => self.words[i as usize - 1].lower,
        }
    }
    #[inline]
    fn p(&self, i: u32) -> u64 {
        match i {
            NONE => NONE_T,
            0 => ROOT_T,
            _ => u64::from(self.tags[i as usize - 1]),
        }
    }
    #[inline]
    fn suffix3(&self, i: u32) -> u64 {
        match i {
            NONE => NONE_W,
            0 => ROOT_W,
            _ => self.words[i as usize - 1].suffix[2],
        }
    }
}

#[inline]
fn get(v: &[u32], i: u32) -> u32 {
    if i == NONE {
        NONE
    } else {
        v[i as usize]
    }
}

#[inline]
fn label(st: &State, i: u32) -> u64 {
    if i == NONE {
        u64::from(NO_LABEL) + 1
    } else {
        u64::from(st.rels[i as usize])
    }
}

fn child(v: &[[u32; 2]], i: u32, k: usize) -> u32 {
    if i == NONE {
        NONE
    } else {
        v[i as usize][k]
    }
}

fn distance(a: u32, b: u32) -> u64 {
    if a == NONE || b == NONE {
        return 0;
    }
    match b.abs_diff(a) {
        d @ 0..=4 => u64::from(d),
        5..=7 => 5,
        _ => 6,
    }
}

fn count(v: &[u8], i: u32) -> u64 {
    if i == NONE {
        99
    } else {
        u64::from(v[i as usize])
    }
}

fn set(v: &[u64], i: u32) -> u64 {
    if i == NONE {
        1 << 63
    } else {
        v[i as usize]
    }
}

/// Features for choosing the next move.
pub fn move_features(c: &Context, st: &State, out: &mut Vec<u64>) {
    out.clear();
    let (s0, s1, n0, n1, n2) = (st.s0(), st.s1(), st.n(0), st.n(1), st.n(2));
    let (s0w, s0p, n0w, n0p) = (c.w(s0), c.p(s0), c.w(n0), c.p(n0));
    let (n1w, n1p, n2w, n2p) = (c.w(n1), c.p(n1), c.w(n2), c.p(n2));
    let s0h = if s0 == 0 { NONE } else { get(&st.heads, s0) };
    let s0h2 = if s0h == NONE || s0h == 0 {
        NONE
    } else {
        get(&st.heads, s0h)
    };
    let (s0l, s0l2) = (child(&st.lc, s0, 0), child(&st.lc, s0, 1));
    let (s0r, s0r2) = (child(&st.rc, s0, 0), child(&st.rc, s0, 1));
    let (n0l, n0l2) = (child(&st.lc, n0, 0), child(&st.lc, n0, 1));
    let d = distance(s0, n0);
    let mut f = |id: u64, v: &[u64]| out.push(feat(id, v));
    // single words
    f(1, &[s0w, s0p]);
    f(2, &[s0w]);
    f(3, &[s0p]);
    f(4, &[n0w, n0p]);
    f(5, &[n0w]);
    f(6, &[n0p]);
    f(7, &[n1w, n1p]);
    f(8, &[n1w]);
    f(9, &[n1p]);
    f(10, &[n2w, n2p]);
    f(11, &[n2w]);
    f(12, &[n2p]);
    // pairs
    f(13, &[s0w, s0p, n0w, n0p]);
    f(14, &[s0w, s0p, n0w]);
    f(15, &[s0w, n0w, n0p]);
    f(16, &[s0w, s0p, n0p]);
    f(17, &[s0p, n0w, n0p]);
    f(18, &[s0w, n0w]);
    f(19, &[s0p, n0p]);
    f(20, &[n0p, n1p]);
    // triples
    f(21, &[n0p, n1p, n2p]);
    f(22, &[s0p, n0p, n1p]);
    f(23, &[c.p(s0h), s0p, n0p]);
    f(24, &[s0p, c.p(s0l), n0p]);
    f(25, &[s0p, c.p(s0r), n0p]);
    f(26, &[s0p, n0p, c.p(n0l)]);
    // distance
    f(27, &[s0w, d]);
    f(28, &[s0p, d]);
    f(29, &[n0w, d]);
    f(30, &[n0p, d]);
    f(31, &[s0w, n0w, d]);
    f(32, &[s0p, n0p, d]);
    // valency
    f(33, &[s0w, count(&st.nr, s0)]);
    f(34, &[s0p, count(&st.nr, s0)]);
    f(35, &[s0w, count(&st.nl, s0)]);
    f(36, &[s0p, count(&st.nl, s0)]);
    f(37, &[n0w, count(&st.nl, n0)]);
    f(38, &[n0p, count(&st.nl, n0)]);
    // second-order
    f(39, &[c.w(s0h)]);
    f(40, &[c.p(s0h)]);
    f(41, &[label(st, s0)]);
    f(42, &[c.w(s0l)]);
    f(43, &[c.p(s0l)]);
    f(44, &[label(st, s0l)]);
    f(45, &[c.w(s0r)]);
    f(46, &[c.p(s0r)]);
    f(47, &[label(st, s0r)]);
    f(48, &[c.w(n0l)]);
    f(49, &[c.p(n0l)]);
    f(50, &[label(st, n0l)]);
    // third-order
    f(51, &[c.w(s0h2)]);
    f(52, &[c.p(s0h2)]);
    f(53, &[label(st, s0h)]);
    f(54, &[c.w(s0l2)]);
    f(55, &[c.p(s0l2)]);
    f(56, &[label(st, s0l2)]);
    f(57, &[c.w(s0r2)]);
    f(58, &[c.p(s0r2)]);
    f(59, &[label(st, s0r2)]);
    f(60, &[c.w(n0l2)]);
    f(61, &[c.p(n0l2)]);
    f(62, &[label(st, n0l2)]);
    f(63, &[s0p, c.p(s0l), c.p(s0l2)]);
    f(64, &[s0p, c.p(s0r), c.p(s0r2)]);
    f(65, &[s0p, c.p(s0h), c.p(s0h2)]);
    f(66, &[n0p, c.p(n0l), c.p(n0l2)]);
    // label sets
    f(67, &[s0w, set(&st.rset, s0)]);
    f(68, &[s0p, set(&st.rset, s0)]);
    f(69, &[s0w, set(&st.lset, s0)]);
    f(70, &[s0p, set(&st.lset, s0)]);
    f(71, &[n0w, set(&st.lset, n0)]);
    f(72, &[n0p, set(&st.lset, n0)]);
    // the word below the stack top, and the stack top's label with the tags
    f(73, &[c.p(s1)]);
    f(74, &[c.w(s1), c.p(s1)]);
    f(75, &[c.p(s1), s0p, n0p]);
    f(76, &[label(st, s0), s0p, n0p]);
    f(77, &[c.suffix3(n0), n0p]);
    f(78, &[s0p, n0p, n1p, d]);
}

/// Features for the label of a new arc from `h` to `d`.
pub fn label_features(c: &Context, st: &State, h: u32, d: u32, out: &mut Vec<u64>) {
    out.clear();
    let (hw, hp, dw, dp) = (c.w(h), c.p(h), c.w(d), c.p(d));
    let dir = u64::from(d < h);
    let dist = distance(h, d);
    let dl = child(&st.lc, d, 0);
    let hl = child(&st.lc, h, 0);
    let dr = child(&st.rc, d, 0);
    let before = if d > 1 { d - 1 } else { NONE };
    let after = if (d as usize) < st.n { d + 1 } else { NONE };
    let hh = if h == 0 { NONE } else { get(&st.heads, h) };
    let mut f = |id: u64, v: &[u64]| out.push(feat(100 + id, v));
    f(0, &[]);
    f(1, &[hw]);
    f(2, &[hp]);
    f(3, &[dw]);
    f(4, &[dp]);
    f(5, &[hp, dp, dir]);
    f(6, &[hw, dp, dir]);
    f(7, &[hp, dw, dir]);
    f(8, &[hw, dw]);
    f(9, &[hp, dp, dist, dir]);
    f(10, &[dir, dp, c.w(dl)]);
    f(11, &[label(st, dl), dp, hp]);
    f(12, &[set(&st.lset, h), dp, dir]);
    f(13, &[set(&st.rset, h), dp, dir]);
    f(14, &[set(&st.lset, d), dp]);
    f(15, &[label(st, h), hp, dp]);
    f(16, &[hw, hp, dp, dir]);
    f(17, &[c.suffix3(d), dp, hp]);
    f(18, &[c.w(before), dp]);
    f(19, &[c.w(after), dp]);
    f(20, &[c.w(hl), hp, dp, dir]);
    f(21, &[c.w(dr), dp]);
    f(22, &[hp, dp, c.w(dl), dir]);
    f(23, &[c.p(hh), hp, dp, dir]);
    f(24, &[dw, dp, hp, dir]);
    f(25, &[set(&st.rset, d), dp]);
}

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
    /// Case shape of word `i` ("Xx", "X.X.", "d,d").
    #[inline]
    fn shape(&self, i: u32) -> u64 {
        match i {
            NONE => NONE_W,
            0 => ROOT_W,
            _ => self.words[i as usize - 1].shape,
        }
    }
    /// Class of word `i` in the coarse (`k` 0) or fine (1) clustering.
    #[inline]
    fn cl(&self, i: u32, k: usize) -> u64 {
        match i {
            NONE => NONE_W,
            0 => ROOT_W,
            _ => self.words[i as usize - 1].cluster[k],
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

/// The positions whose word and tag alone make up 42 of the 91 move templates. For a given
/// word in a given position those templates always give the same features, so a parse
/// adds up their weights once per (position, word) and reuses the sum at every move where
/// that word holds that position (see [`role_features`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    S0,
    N0,
    N1,
    N2,
    S0Head,
    S0Left,
    S0Right,
    N0Left,
    S0Head2,
    S0Left2,
    S0Right2,
    N0Left2,
    S1,
}

impl Role {
    pub const ALL: [Role; 13] = [
        Role::S0,
        Role::N0,
        Role::N1,
        Role::N2,
        Role::S0Head,
        Role::S0Left,
        Role::S0Right,
        Role::N0Left,
        Role::S0Head2,
        Role::S0Left2,
        Role::S0Right2,
        Role::N0Left2,
        Role::S1,
    ];
}

/// The words around the stack and buffer that features read, found once per move.
pub struct Positions {
    s0: u32,
    s1: u32,
    n0: u32,
    n1: u32,
    n2: u32,
    s0h: u32,
    s0h2: u32,
    s0l: u32,
    s0l2: u32,
    s0r: u32,
    s0r2: u32,
    n0l: u32,
    n0l2: u32,
}

impl Positions {
    pub fn of(st: &State) -> Positions {
        let (s0, n0) = (st.s0(), st.n(0));
        let s0h = if s0 == 0 { NONE } else { get(&st.heads, s0) };
        let s0h2 = if s0h == NONE || s0h == 0 {
            NONE
        } else {
            get(&st.heads, s0h)
        };
        Positions {
            s0,
            s1: st.s1(),
            n0,
            n1: st.n(1),
            n2: st.n(2),
            s0h,
            s0h2,
            s0l: child(&st.lc, s0, 0),
            s0l2: child(&st.lc, s0, 1),
            s0r: child(&st.rc, s0, 0),
            s0r2: child(&st.rc, s0, 1),
            n0l: child(&st.lc, n0, 0),
            n0l2: child(&st.lc, n0, 1),
        }
    }

    /// The word in each [`Role`] (NONE where there is none), in `Role::ALL` order.
    pub fn roles(&self) -> [u32; 13] {
        [
            self.s0, self.n0, self.n1, self.n2, self.s0h, self.s0l, self.s0r, self.n0l, self.s0h2,
            self.s0l2, self.s0r2, self.n0l2, self.s1,
        ]
    }
}

/// The move features that depend only on word `i` in position `role`.
pub fn role_features(c: &Context, role: Role, i: u32, out: &mut Vec<u64>) {
    out.clear();
    let (w, p) = (c.w(i), c.p(i));
    let mut f = |id: u64, v: &[u64]| out.push(feat(id, v));
    match role {
        Role::S0 => {
            f(1, &[w, p]);
            f(2, &[w]);
            f(3, &[p]);
            // suffix and shape: what is left of a word too rare to have its own weights
            // (names and terms of news PUD, which EWT's web text lacks)
            f(79, &[c.suffix3(i), p]);
            f(80, &[c.shape(i), p]);
            // word classes from unlabelled text (Koo, Carreras and Collins 2008)
            f(83, &[c.cl(i, 1), p]);
            f(84, &[c.cl(i, 0)]);
        }
        Role::N0 => {
            f(4, &[w, p]);
            f(5, &[w]);
            f(6, &[p]);
            f(77, &[c.suffix3(i), p]);
            f(81, &[c.shape(i), p]);
            f(85, &[c.cl(i, 1), p]);
            f(86, &[c.cl(i, 0)]);
        }
        Role::N1 => {
            f(7, &[w, p]);
            f(8, &[w]);
            f(9, &[p]);
            f(82, &[c.suffix3(i), p]);
            f(87, &[c.cl(i, 1)]);
        }
        Role::N2 => {
            f(10, &[w, p]);
            f(11, &[w]);
            f(12, &[p]);
        }
        Role::S0Head => {
            two(&mut f, 39, w, p);
            f(88, &[c.cl(i, 1)]);
        }
        Role::S0Left => two(&mut f, 42, w, p),
        Role::S0Right => two(&mut f, 45, w, p),
        Role::N0Left => two(&mut f, 48, w, p),
        Role::S0Head2 => two(&mut f, 51, w, p),
        Role::S0Left2 => two(&mut f, 54, w, p),
        Role::S0Right2 => two(&mut f, 57, w, p),
        Role::N0Left2 => two(&mut f, 60, w, p),
        Role::S1 => {
            f(73, &[p]);
            f(74, &[w, p]);
        }
    }
}

/// The word template `id` and the tag template `id + 1` of a child or head.
fn two(f: &mut impl FnMut(u64, &[u64]), id: u64, w: u64, p: u64) {
    f(id, &[w]);
    f(id + 1, &[p]);
}

/// All the move features: those of every role and [`pair_features`] (for training, which
/// scores each move once and has nothing to reuse).
pub fn move_features(c: &Context, st: &State, out: &mut Vec<u64>) {
    let pos = Positions::of(st);
    pair_features(c, st, &pos, out);
    let mut one = Vec::with_capacity(4);
    for (role, i) in Role::ALL.into_iter().zip(pos.roles()) {
        role_features(c, role, i, &mut one);
        out.extend_from_slice(&one);
    }
}

/// The move features that combine several positions or read the parse built so far
/// (labels, valencies, label sets, distance): these change from move to move.
pub fn pair_features(c: &Context, st: &State, pos: &Positions, out: &mut Vec<u64>) {
    out.clear();
    let Positions {
        s0,
        s1,
        n0,
        n1,
        n2,
        s0h,
        s0h2,
        s0l,
        s0l2,
        s0r,
        s0r2,
        n0l,
        n0l2,
    } = *pos;
    let (s0w, s0p, n0w, n0p) = (c.w(s0), c.p(s0), c.w(n0), c.p(n0));
    let (n1p, n2p) = (c.p(n1), c.p(n2));
    let d = distance(s0, n0);
    let mut f = |id: u64, v: &[u64]| out.push(feat(id, v));
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
    // labels of the stack top, its children and head, and the buffer front's children
    f(41, &[label(st, s0)]);
    f(44, &[label(st, s0l)]);
    f(47, &[label(st, s0r)]);
    f(50, &[label(st, n0l)]);
    f(53, &[label(st, s0h)]);
    f(56, &[label(st, s0l2)]);
    f(59, &[label(st, s0r2)]);
    f(62, &[label(st, n0l2)]);
    // third-order tag triples
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
    f(75, &[c.p(s1), s0p, n0p]);
    f(76, &[label(st, s0), s0p, n0p]);
    f(78, &[s0p, n0p, n1p, d]);
    // word classes of the pair
    let (s0c, n0c) = (c.cl(s0, 1), c.cl(n0, 1));
    f(93, &[s0c, n0c]);
    f(94, &[s0c, n0p]);
    f(95, &[s0p, n0c]);
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
    f(26, &[c.cl(d, 1), hp, dir]);
    f(27, &[c.cl(h, 1), dp, dir]);
    f(28, &[c.cl(h, 0), c.cl(d, 0), dir]);
}

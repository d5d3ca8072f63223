//! The arc-eager transition system (Nivre 2003) with its dynamic oracle (Goldberg and
//! Nivre 2012).
//!
//! Words are numbered from 1; 0 is the artificial root, which starts at the bottom of the
//! stack and takes exactly one dependent (UD trees have one root). The oracle tells, for
//! any configuration, how many gold arcs each move makes unreachable, so training can
//! follow the model's own mistakes and learn to recover from them.

/// No word: an empty stack slot, a missing head or child.
pub const NONE: u32 = u32::MAX;

/// The four moves; a label goes with LeftArc and RightArc.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Shift = 0,
    Reduce = 1,
    LeftArc = 2,
    RightArc = 3,
}

impl Move {
    pub const ALL: [Move; 4] = [Move::Shift, Move::Reduce, Move::LeftArc, Move::RightArc];
}

/// A parser configuration: stack, buffer and the arcs built so far, with the child
/// bookkeeping that features read.
#[derive(Debug)]
pub struct State {
    pub n: usize,
    pub stack: Vec<u32>,
    /// First word of the buffer (the buffer is `b..=n`).
    pub b: u32,
    pub heads: Vec<u32>,
    pub rels: Vec<u8>,
    /// Leftmost and second-leftmost dependents.
    pub lc: Vec<[u32; 2]>,
    /// Rightmost and second-rightmost dependents.
    pub rc: Vec<[u32; 2]>,
    pub nl: Vec<u8>,
    pub nr: Vec<u8>,
    /// Sets of labels already on the left and right dependents (bit = label index).
    pub lset: Vec<u64>,
    pub rset: Vec<u64>,
    in_stack: Vec<bool>,
    root_taken: bool,
}

impl Clone for State {
    fn clone(&self) -> State {
        let mut st = State::new(0);
        st.clone_from(self);
        st
    }

    /// Copies into the buffers `self` already has: the beam copies states at every step.
    fn clone_from(&mut self, from: &State) {
        self.n = from.n;
        self.stack.clone_from(&from.stack);
        self.b = from.b;
        self.heads.clone_from(&from.heads);
        self.rels.clone_from(&from.rels);
        self.lc.clone_from(&from.lc);
        self.rc.clone_from(&from.rc);
        self.nl.clone_from(&from.nl);
        self.nr.clone_from(&from.nr);
        self.lset.clone_from(&from.lset);
        self.rset.clone_from(&from.rset);
        self.in_stack.clone_from(&from.in_stack);
        self.root_taken = from.root_taken;
    }
}

/// Label index meaning "no label yet".
pub const NO_LABEL: u8 = u8::MAX;

impl State {
    pub fn new(n: usize) -> State {
        let mut in_stack = vec![false; n + 1];
        in_stack[0] = true;
        State {
            n,
            stack: vec![0],
            b: 1,
            heads: vec![NONE; n + 1],
            rels: vec![NO_LABEL; n + 1],
            lc: vec![[NONE; 2]; n + 1],
            rc: vec![[NONE; 2]; n + 1],
            nl: vec![0; n + 1],
            nr: vec![0; n + 1],
            lset: vec![0; n + 1],
            rset: vec![0; n + 1],
            in_stack,
            root_taken: false,
        }
    }

    pub fn terminal(&self) -> bool {
        self.b as usize > self.n
    }

    pub fn s0(&self) -> u32 {
        *self.stack.last().unwrap_or(&NONE)
    }

    pub fn s1(&self) -> u32 {
        if self.stack.len() >= 2 {
            self.stack[self.stack.len() - 2]
        } else {
            NONE
        }
    }

    /// The `k`-th word of the buffer, or NONE.
    pub fn n(&self, k: u32) -> u32 {
        let i = self.b + k;
        if i as usize <= self.n {
            i
        } else {
            NONE
        }
    }

    pub fn allowed(&self, m: Move) -> bool {
        let s = self.s0();
        let has_b = !self.terminal();
        match m {
            Move::Shift => has_b,
            Move::Reduce => s != NONE && s != 0 && self.heads[s as usize] != NONE,
            Move::LeftArc => has_b && s != NONE && s != 0 && self.heads[s as usize] == NONE,
            Move::RightArc => has_b && s != NONE && (s != 0 || !self.root_taken),
        }
    }

    fn push(&mut self, w: u32) {
        self.stack.push(w);
        self.in_stack[w as usize] = true;
    }

    fn pop(&mut self) -> u32 {
        let w = self.stack.pop().expect("pop on a non-empty stack");
        self.in_stack[w as usize] = false;
        w
    }

    fn arc(&mut self, head: u32, dep: u32, label: u8) {
        let (h, d) = (head as usize, dep as usize);
        self.heads[d] = head;
        self.rels[d] = label;
        let bit = if label == NO_LABEL { 0 } else { 1u64 << label };
        if head == 0 {
            self.root_taken = true;
        }
        if dep < head {
            self.lc[h] = [dep, self.lc[h][0]];
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
        } else {
            self.rc[h] = [dep, self.rc[h][0]];
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
        }
    }

    /// Applies an allowed move.
    pub fn apply(&mut self, m: Move, label: u8) {
        match m {
            Move::Shift => {
                let b = self.b;
                self.push(b);
                self.b += 1;
            }
            Move::Reduce => {
                self.pop();
            }
            Move::LeftArc => {
                let s = self.pop();
                self.arc(self.b, s, label);
            }
            Move::RightArc => {
                let (s, b) = (self.s0(), self.b);
                self.arc(s, b, label);
                self.push(b);
                self.b += 1;
            }
        }
    }

    /// Attaches what the moves left headless once the buffer is empty: the first headless
    /// word becomes the root if none was chosen, the others depend on the root word.
    pub fn finish(&mut self, root_label: u8, fragment_label: u8) {
        let mut root = self
            .heads
            .iter()
            .skip(1)
            .position(|&h| h == 0)
            .map(|p| p as u32 + 1);
        for w in 1..=self.n as u32 {
            if self.heads[w as usize] != NONE {
                continue;
            }
            match root {
                None => {
                    self.arc(0, w, root_label);
                    root = Some(w);
                }
                Some(r) => self.arc(r, w, fragment_label),
            }
        }
    }

    /// How many gold arcs move `m` makes unreachable (`gold[w]` = gold head of word `w`;
    /// `gold[0]` unused). Labels are not counted.
    pub fn cost(&self, m: Move, gold: &[u32]) -> u32 {
        let s = self.s0();
        let b = self.b;
        let n = self.n as u32;
        let buffer = || b..=n;
        let headless_deps_in_stack = |h: u32| {
            self.stack
                .iter()
                .filter(|&&k| k != 0 && gold[k as usize] == h && self.heads[k as usize] == NONE)
                .count() as u32
        };
        match m {
            Move::Shift => {
                let g = gold[b as usize];
                u32::from(self.in_stack[g as usize]) + headless_deps_in_stack(b)
            }
            Move::Reduce => buffer().filter(|&k| gold[k as usize] == s).count() as u32,
            Move::LeftArc => {
                let g = gold[s as usize];
                u32::from(g > b && g <= n)
                    + buffer().filter(|&k| gold[k as usize] == s).count() as u32
            }
            Move::RightArc => {
                let g = gold[b as usize];
                let lost_head = g != s && (self.in_stack[g as usize] || g > b);
                u32::from(lost_head) + headless_deps_in_stack(b)
            }
        }
    }
}

/// Rewrites a tree so that no arc crosses another, by lifting each crossing arc's
/// dependent to its head's head until none is left (the shortest arc first). Returns how
/// many arcs were lifted. Labels are kept; the parser can only build projective trees, so
/// this is what it is trained to build.
pub fn projectivise(heads: &mut [u32]) -> usize {
    let mut lifted = 0;
    while let Some(d) = shortest_crossing_arc(heads) {
        let h = heads[d];
        heads[d] = heads[h as usize];
        lifted += 1;
    }
    lifted
}

/// `heads[0]` is unused; word `w`'s head is `heads[w]`.
fn dominates(heads: &[u32], h: u32, mut k: u32) -> bool {
    let mut steps = 0;
    while k != 0 && steps <= heads.len() {
        if k == h {
            return true;
        }
        k = heads[k as usize];
        steps += 1;
    }
    h == 0
}

fn shortest_crossing_arc(heads: &[u32]) -> Option<usize> {
    let mut best: Option<(u32, usize)> = None;
    for d in 1..heads.len() {
        let h = heads[d];
        if h == 0 {
            continue;
        }
        let (lo, hi) = (h.min(d as u32), h.max(d as u32));
        let crossing = (lo + 1..hi).any(|k| !dominates(heads, h, k));
        if crossing && best.is_none_or(|(len, _)| hi - lo < len) {
            best = Some((hi - lo, d));
        }
    }
    best.map(|(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Follows the zero-cost moves (preferring the first in Move::ALL) and returns the heads.
    fn oracle_parse(gold: &[u32]) -> Vec<u32> {
        let n = gold.len() - 1;
        let mut st = State::new(n);
        while !st.terminal() {
            let m = Move::ALL
                .into_iter()
                .filter(|&m| st.allowed(m))
                .min_by_key(|&m| st.cost(m, gold))
                .unwrap();
            assert_eq!(
                st.cost(m, gold),
                0,
                "a projective tree always has a zero-cost move"
            );
            st.apply(m, 0);
        }
        st.finish(0, 0);
        st.heads
    }

    #[test]
    fn the_oracle_rebuilds_projective_trees() {
        // "Kenya and Uganda urged the parties to respect the ceasefire ."
        //   1     2    3      4    5    6      7   8      9    10       11
        let gold = vec![0, 4, 3, 1, 0, 6, 4, 8, 4, 10, 8, 4];
        assert_eq!(oracle_parse(&gold)[1..], gold[1..]);
        // "The village was shelled by forces ."
        let gold = vec![0, 2, 4, 4, 0, 6, 4, 4];
        assert_eq!(oracle_parse(&gold)[1..], gold[1..]);
    }

    #[test]
    fn a_wrong_move_costs_the_arcs_it_loses() {
        // "troops shelled town": 1 <- 2 -> 3, root 2
        let gold = vec![0, 2, 0, 2];
        let mut st = State::new(3);
        assert_eq!(
            st.cost(Move::RightArc, &gold),
            1,
            "troops as root loses troops <- shelled"
        );
        st.apply(Move::Shift, 0);
        assert_eq!(st.cost(Move::LeftArc, &gold), 0);
        // shifting "shelled" strands "troops" and cuts "shelled" off from the root
        assert_eq!(st.cost(Move::Shift, &gold), 2);
    }

    /// A state copied into another one's buffers (as the beam does) is the same state,
    /// whatever the other one held, and moves on the same way.
    #[test]
    fn a_copied_state_continues_like_the_original() {
        let mut a = State::new(4);
        a.apply(Move::Shift, 0);
        a.apply(Move::LeftArc, 3);
        let mut b = State::new(9);
        b.apply(Move::Shift, 0);
        b.apply(Move::RightArc, 1);
        b.clone_from(&a);
        for st in [&mut a, &mut b] {
            st.apply(Move::RightArc, 5);
            st.apply(Move::RightArc, 6);
        }
        assert_eq!(
            (&a.stack, a.b, &a.heads, &a.rels),
            (&b.stack, b.b, &b.heads, &b.rels)
        );
        assert_eq!(
            (&a.lc, &a.rc, &a.lset, &a.rset),
            (&b.lc, &b.rc, &b.lset, &b.rset)
        );
        assert_eq!(a.allowed(Move::RightArc), b.allowed(Move::RightArc));
        assert_eq!(a.clone().heads, a.heads);
    }

    #[test]
    fn lifting_removes_crossings() {
        // 1 <- 3, 2 <- 4 crossing (2's head 4 lies beyond 3 while 3 is between)
        // heads: w1->3, w2->4, w3->0, w4->1
        let mut heads = vec![0, 3, 4, 0, 1];
        let lifted = projectivise(&mut heads);
        assert!(lifted >= 1);
        assert!(shortest_crossing_arc(&heads).is_none());
    }
}

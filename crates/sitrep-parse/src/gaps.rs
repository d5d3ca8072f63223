//! The gaps between words where a sentence may end, and what the boundary model sees of
//! each.
//!
//! Every white-space gap inside a line is a candidate. EWT's paragraphs end sentences
//! without a final `.`, `!`, `?` or `…` in one case of eight: e-mail headers run into the
//! text ("Subject: Re: meeting Jeff, ..."), list items, sign-offs ("Thanks, Anne"),
//! datelines ("WASHINGTON (CNN) -- Texas Gov. ..."), headings ending in `:` or in a plain
//! word. A segmenter that looks only at those marks can never find them, so the gap's kind
//! (after a mark, after other punctuation, after a plain word) is one more thing the model
//! weighs, and each kind has its own decision margin.

use crate::words::Word;

/// What ends the word before a gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapKind {
    /// `.`, `!`, `?` or `…`, possibly followed by closing quotes or brackets.
    Mark,
    /// Any other character that is not a letter or digit (`:`, `,`, `--`, `>>`, `)`).
    Punct,
    /// A letter or digit.
    Word,
}

impl GapKind {
    /// The kind's index (into per-kind tables such as the decision margins).
    pub fn index(self) -> usize {
        match self {
            GapKind::Mark => 0,
            GapKind::Punct => 1,
            GapKind::Word => 2,
        }
    }
}

/// A place where a sentence may end: `end` is the byte offset just after the word before
/// the gap (its mark and closing quotes or brackets included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate<'a> {
    pub end: usize,
    pub kind: GapKind,
    /// The word before the gap without its leading brackets or quotes and its final
    /// punctuation.
    pub before: &'a str,
    /// The final punctuation of the word before the gap ("" after a plain word).
    pub mark: &'a str,
    /// The whole word before `before`'s word ("" at the line's start).
    pub prev: &'a str,
    /// The two words after the gap ("" past the line's end).
    pub after: &'a str,
    pub after2: &'a str,
    /// Words since the last word ending in a mark, or since the line's start, this gap's
    /// word included.
    pub since_mark: usize,
    /// Words left in the line after the gap.
    pub left: usize,
    /// Words in the line ending in a mark, anywhere in it: a line of prose has many, a
    /// header, a signature or a list few.
    pub line_marks: usize,
}

pub(crate) fn is_mark(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{2026}')
}

pub(crate) fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}')
}

pub(crate) fn is_opener(c: char) -> bool {
    matches!(c, '(' | '"' | '\u{201C}' | '[')
}

/// Splits a white-space-delimited word into its body and its final punctuation.
fn split_word(w: &str) -> (&str, &str, GapKind) {
    let body_start = w.len() - w.trim_start_matches(is_opener).len();
    let trail_start = w.trim_end_matches(|c| is_mark(c) || is_closer(c)).len();
    if let Some(p) = w[trail_start..].find(is_mark) {
        let m = trail_start + p;
        return (&w[body_start.min(m)..m], &w[m..], GapKind::Mark);
    }
    if w.ends_with(|c: char| !c.is_alphanumeric()) {
        let p = w.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
        return (&w[body_start.min(p)..p], &w[p..], GapKind::Punct);
    }
    (&w[body_start..], "", GapKind::Word)
}

/// The byte spans of the white-space-delimited words of `line`.
fn word_spans(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, line.len()));
    }
    out
}

/// Every gap in `line` where a sentence may end, in order: after each word but the last.
pub fn candidates(line: &str) -> Vec<Candidate<'_>> {
    let spans = word_spans(line);
    let word = |k: usize| spans.get(k).map_or("", |&(s, e)| &line[s..e]);
    // Each word split once: the line's count of marks and the gaps both need it.
    let split: Vec<(&str, &str, GapKind)> = (0..spans.len()).map(|k| split_word(word(k))).collect();
    let line_marks = split.iter().filter(|w| w.2 == GapKind::Mark).count();
    let mut out = Vec::with_capacity(spans.len());
    let mut since_mark = 0;
    for k in 0..spans.len().saturating_sub(1) {
        let (before, mark, kind) = split[k];
        since_mark += 1;
        out.push(Candidate {
            end: spans[k].1,
            kind,
            before,
            mark,
            prev: if k == 0 { "" } else { word(k - 1) },
            after: word(k + 1),
            after2: word(k + 2),
            since_mark,
            left: spans.len() - k - 1,
            line_marks,
        });
        if kind == GapKind::Mark {
            since_mark = 0;
        }
    }
    out
}

/// A count in a few buckets (0, 1, 2, 3, 4–6, 7–12, 13 and more).
fn bucket(n: usize) -> u64 {
    match n {
        0..=3 => n as u64,
        4..=6 => 4,
        7..=12 => 5,
        _ => 6,
    }
}

/// The hashed views of the words around one gap, borrowed from its line's [`Views`] (a
/// gap's five words copied out would be some 440 bytes a gap).
pub(crate) struct View<'a> {
    pub before: &'a Word,
    pub mark: &'a Word,
    pub after: &'a Word,
    pub after2: &'a Word,
    pub prev: &'a Word,
}

/// The hashed words of one gap alone, for scoring a gap outside its line.
pub(crate) struct OwnView {
    words: [Word; 5],
}

impl OwnView {
    /// Hashes the words of `c` alone.
    pub fn new(c: &Candidate) -> OwnView {
        OwnView {
            words: [
                Word::new(c.before),
                Word::new(c.mark),
                Word::new(c.after.trim_start_matches(is_opener)),
                Word::new(c.after2),
                Word::new(c.prev),
            ],
        }
    }

    /// The gap's view.
    pub fn view(&self) -> View<'_> {
        let [before, mark, after, after2, prev] = &self.words;
        View {
            before,
            mark,
            after,
            after2,
            prev,
        }
    }
}

/// The hashed words of the gaps of one line, each word hashed once however many gaps see
/// it (a word is the second word after one gap, the next word after another, the word
/// before a third and the word before that of a fourth).
pub(crate) struct Views {
    /// The line's words whole, the first one included.
    whole: Vec<Word>,
    /// The word after each gap without its leading openers.
    stripped: Vec<Word>,
    /// The body and the mark of the word before each gap.
    bodies: Vec<(Word, Word)>,
    empty: Word,
}

impl Views {
    /// The view of gap `k`.
    pub fn view(&self, k: usize) -> View<'_> {
        View {
            before: &self.bodies[k].0,
            mark: &self.bodies[k].1,
            after: &self.stripped[k],
            after2: self.whole.get(k + 2).unwrap_or(&self.empty),
            prev: if k == 0 {
                &self.empty
            } else {
                &self.whole[k - 1]
            },
        }
    }
}

/// Hashes the words of the gaps `cands` of one line (see [`Views`]).
pub(crate) fn views(cands: &[Candidate]) -> Views {
    let empty = Word::new("");
    let hash = |w: &str| if w.is_empty() { empty } else { Word::new(w) };
    let mut whole: Vec<Word> = Vec::with_capacity(cands.len() + 1);
    let mut stripped: Vec<Word> = Vec::with_capacity(cands.len());
    let mut bodies: Vec<(Word, Word)> = Vec::with_capacity(cands.len());
    whole.push(cands.get(1).map_or(empty, |c| hash(c.prev)));
    for (k, c) in cands.iter().enumerate() {
        // A plain word is its own body: its hash is already in `whole`.
        let own = if k == 0 {
            cands.get(1).map(|c| c.prev)
        } else {
            Some(cands[k - 1].after)
        };
        let before = match own {
            Some(w) if c.mark.is_empty() && w.len() == c.before.len() => whole[k],
            _ => hash(c.before),
        };
        bodies.push((before, hash(c.mark)));
        let next = c.after.trim_start_matches(is_opener);
        let w = hash(c.after);
        whole.push(w);
        stripped.push(if next.len() == c.after.len() {
            w
        } else {
            hash(next)
        });
    }
    Views {
        whole,
        stripped,
        bodies,
        empty,
    }
}

/// The feature templates of a gap after a mark: the word before the mark, the mark, the
/// two words after it (as in the model that decided only at marks), and the class of the
/// next word.
#[inline(always)]
pub(crate) fn mark_features(c: &Candidate, v: &View, f: &mut impl FnMut(u64, &[u64])) {
    let (b, m, a, a2) = (v.before, v.mark, v.after, v.after2);
    let len = c.before.chars().count().min(6) as u64;
    let inner_dot = u64::from(c.before.contains('.'));
    let opens = u64::from(c.after.starts_with(is_opener));
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
    f(16, &[a.cluster[1]]);
    f(17, &[bucket(c.since_mark), bucket(c.left)]);
}

/// The feature templates of a gap after other punctuation or a plain word: the words on
/// both sides, their shapes and classes (whether the next word is one that starts
/// sentences is learnt from its form and class, never from its case alone), the
/// punctuation, and how far the gap is from the last mark and from the line's end.
#[inline(always)]
pub(crate) fn gap_features(c: &Candidate, v: &View, f: &mut impl FnMut(u64, &[u64])) {
    let k = c.kind.index() as u64;
    let (b, a, a2, p) = (v.before, v.after, v.after2, v.prev);
    let m = if c.mark.is_empty() { 0 } else { v.mark.lower };
    f(100, &[k]);
    f(101, &[k, b.lower]);
    f(102, &[k, b.shape]);
    f(103, &[k, m]);
    f(104, &[k, a.lower]);
    f(105, &[k, a.shape]);
    f(106, &[k, a2.lower]);
    f(107, &[k, b.lower, a.lower]);
    f(108, &[k, m, a.shape]);
    f(109, &[k, b.shape, a.shape]);
    f(110, &[k, p.lower, b.lower]);
    f(111, &[k, a.lower, a2.lower]);
    f(112, &[k, a.cluster[1]]);
    f(113, &[k, b.cluster[1]]);
    f(114, &[k, bucket(c.since_mark), bucket(c.left)]);
    f(115, &[k, m, a.lower]);
    f(116, &[k, b.suffix[1]]);
    f(117, &[k, b.cluster[0], a.cluster[0]]);
    f(118, &[k, bucket(c.line_marks), bucket(c.since_mark)]);
    f(119, &[k, bucket(c.line_marks), b.cluster[0]]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shared hashes are those of each gap's own words.
    #[test]
    fn views_hash_each_gaps_words() {
        let line = "(Reuters) Troops \"shelled\" the town. Gen. Smith said";
        let cands = candidates(line);
        let vs = views(&cands);
        for (k, c) in cands.iter().enumerate() {
            let v = vs.view(k);
            assert_eq!(*v.before, Word::new(c.before), "{c:?}");
            assert_eq!(*v.mark, Word::new(c.mark));
            assert_eq!(*v.after, Word::new(c.after.trim_start_matches(is_opener)));
            assert_eq!(*v.after2, Word::new(c.after2), "{c:?}");
            assert_eq!(*v.prev, Word::new(c.prev), "{c:?}");
        }
        assert_eq!(views(&candidates("one")).bodies.len(), 0);
    }

    #[test]
    fn marks_keep_their_closing_quotes() {
        let c = candidates("\"We agreed.\" he said. Gen. Smith left... then?");
        let marks: Vec<&str> = c
            .iter()
            .filter(|c| c.kind == GapKind::Mark)
            .map(|c| c.mark)
            .collect();
        assert_eq!(marks, [".\"", ".", ".", "..."]);
        let gen = c.iter().find(|c| c.before == "Gen").expect("Gen.");
        assert_eq!((gen.after, gen.after2), ("Smith", "left..."));
        assert_eq!(c[0].before, "We");
        assert_eq!(c[0].kind, GapKind::Word);
        assert_eq!(c[1].before, "agreed");
    }

    #[test]
    fn every_gap_is_a_candidate_with_its_kind() {
        let c = candidates("Subject: talks  U.S. envoy -- WASHINGTON");
        let got: Vec<(&str, &str, GapKind)> =
            c.iter().map(|c| (c.before, c.mark, c.kind)).collect();
        assert_eq!(
            got,
            [
                ("Subject", ":", GapKind::Punct),
                ("talks", "", GapKind::Word),
                ("U.S", ".", GapKind::Mark),
                ("envoy", "", GapKind::Word),
                ("", "--", GapKind::Punct),
            ]
        );
        assert_eq!(c[1].end, "Subject: talks".len());
        assert_eq!((c[3].since_mark, c[3].left), (1, 2));
        assert_eq!(c[2].prev, "talks");
    }
}

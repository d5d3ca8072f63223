//! A sentence's dependency tree, read for roles: who is the subject of a
//! predicate, what its object is, which phrase a word belongs to.

use sitrep_model::SentenceSyntax;

/// Relations inside a nominal phrase: a word joined to its head by one of
/// these belongs to the head's phrase ("the military wings of Hamas",
/// "Kenya and Uganda", "Israeli tanks", "the Pentagon's spokesman").
/// Clausal dependents (`acl`, `acl:relcl`) open a phrase of their own.
const PHRASE_RELS: &[&str] = &[
    "compound",
    "flat",
    "appos",
    "amod",
    "nmod",
    "nmod:poss",
    "nmod:npmod",
    "nmod:unmarked",
    "nmod:desc",
    "conj",
    "det",
    "nummod",
    "case",
    "cc",
    "punct",
];

/// A parsed sentence with its words' dependents, 0-based.
pub struct Tree<'a> {
    syntax: &'a SentenceSyntax,
    kids: Vec<Vec<usize>>,
}

impl<'a> Tree<'a> {
    pub fn new(syntax: &'a SentenceSyntax) -> Self {
        let n = syntax.words.len();
        let mut kids = vec![Vec::new(); n];
        for (i, w) in syntax.words.iter().enumerate() {
            if w.head > 0 && w.head <= n {
                kids[w.head - 1].push(i);
            }
        }
        Tree { syntax, kids }
    }

    pub fn len(&self) -> usize {
        self.syntax.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.syntax.words.is_empty()
    }

    /// The word's head, `None` for the root.
    pub fn head(&self, i: usize) -> Option<usize> {
        let h = self.syntax.words[i].head;
        (h > 0 && h <= self.len()).then(|| h - 1)
    }

    /// The full relation, subtype included (`nsubj:pass`).
    pub fn rel(&self, i: usize) -> &str {
        &self.syntax.words[i].rel
    }

    /// The relation without its subtype (`nsubj`).
    pub fn main_rel(&self, i: usize) -> &str {
        let r = self.rel(i);
        r.split(':').next().unwrap_or(r)
    }

    pub fn word(&self, i: usize) -> &sitrep_model::SyntaxWord {
        &self.syntax.words[i]
    }

    pub fn text(&self, i: usize) -> &str {
        &self.syntax.words[i].text
    }

    pub fn lower(&self, i: usize) -> String {
        self.text(i).to_lowercase()
    }

    pub fn tag(&self, i: usize) -> &str {
        &self.syntax.words[i].tag
    }

    pub fn upos(&self, i: usize) -> &str {
        &self.syntax.words[i].upos
    }

    pub fn kids(&self, i: usize) -> &[usize] {
        &self.kids[i]
    }

    /// The first dependent of `i` joined by one of `rels` (full names).
    pub fn kid(&self, i: usize, rels: &[&str]) -> Option<usize> {
        self.kids[i]
            .iter()
            .copied()
            .find(|&k| rels.contains(&self.rel(k)))
    }

    /// Every dependent of `i` joined by one of `rels`.
    pub fn kids_by<'s>(&'s self, i: usize, rels: &'s [&str]) -> impl Iterator<Item = usize> + 's {
        self.kids[i]
            .iter()
            .copied()
            .filter(move |&k| rels.contains(&self.rel(k)))
    }

    /// The preposition or subordinator marking `i` ("on" of "strikes on
    /// the town", "to" of "to detain"), lower case.
    pub fn marker(&self, i: usize) -> Option<String> {
        self.kid(i, &["case", "mark"]).map(|k| self.lower(k))
    }

    /// The word covering the document offset `at`.
    pub fn word_at(&self, at: usize) -> Option<usize> {
        self.syntax
            .words
            .iter()
            .position(|w| w.start <= at && at < w.end)
    }

    /// The word of the span `start..end` whose head lies outside it: the
    /// span's head ("Australian Federal Police" → "Police").
    pub fn span_head(&self, start: usize, end: usize) -> Option<usize> {
        let inside = |i: usize| {
            let w = &self.syntax.words[i];
            w.start >= start && w.end <= end
        };
        (0..self.len())
            .filter(|&i| inside(i))
            .find(|&i| self.head(i).is_none_or(|h| !inside(h)))
    }

    /// Whether word `w` belongs to the nominal phrase headed by `phrase`:
    /// it is `phrase`, or reaches it through phrase-internal relations.
    pub fn in_phrase(&self, w: usize, phrase: usize) -> bool {
        self.depth_in(w, phrase).is_some()
    }

    /// How many phrase-internal steps lead from `w` up to `phrase`.
    pub fn depth_in(&self, w: usize, phrase: usize) -> Option<usize> {
        self.steps_up(w, phrase, PHRASE_RELS)
    }

    /// How many steps lead from `w` up to `phrase` through words joined to
    /// their heads by one of `rels`; `None` if the way leaves them.
    pub fn steps_up(&self, mut w: usize, phrase: usize, rels: &[&str]) -> Option<usize> {
        for d in 0..self.len() {
            if w == phrase {
                return Some(d);
            }
            if !rels.contains(&self.rel(w)) {
                return None;
            }
            w = self.head(w)?;
        }
        None
    }

    pub fn is_noun(&self, i: usize) -> bool {
        matches!(self.upos(i), "NOUN" | "PROPN")
    }

    pub fn is_verb(&self, i: usize) -> bool {
        self.upos(i) == "VERB" || (self.upos(i) == "AUX" && self.kids(i).is_empty())
    }

    /// A verb in the passive: it has a passive subject or auxiliary, or it
    /// is a past participle modifying a noun ("soldiers killed by a bomb").
    pub fn passive(&self, i: usize) -> bool {
        self.kid(i, &["nsubj:pass", "aux:pass", "csubj:pass"])
            .is_some()
            || (self.tag(i) == "VBN" && self.rel(i) == "acl")
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use sitrep_model::{SentenceSyntax, SyntaxWord};

    /// A word of a hand-written tree: form, UPOS, XPOS, 1-based head, relation.
    pub type W<'a> = (&'a str, &'a str, &'a str, usize, &'a str);

    /// "Kenya and Uganda urged the warring parties to respect the ceasefire".
    pub const URGED: &[W] = &[
        ("Kenya", "PROPN", "NNP", 4, "nsubj"),
        ("and", "CCONJ", "CC", 3, "cc"),
        ("Uganda", "PROPN", "NNP", 1, "conj"),
        ("urged", "VERB", "VBD", 0, "root"),
        ("the", "DET", "DT", 7, "det"),
        ("warring", "VERB", "VBG", 7, "amod"),
        ("parties", "NOUN", "NNS", 4, "obj"),
        ("to", "PART", "TO", 9, "mark"),
        ("respect", "VERB", "VB", 4, "xcomp"),
        ("the", "DET", "DT", 11, "det"),
        ("ceasefire", "NOUN", "NN", 9, "obj"),
    ];

    /// A tree written by hand, CoNLL-style: `(form, upos, xpos, head, rel)`,
    /// heads 1-based. Offsets follow the words joined by single spaces.
    pub fn syntax(words: &[W]) -> (String, SentenceSyntax) {
        let mut text = String::new();
        let mut out = Vec::new();
        for (form, upos, tag, head, rel) in words {
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(form);
            out.push(SyntaxWord {
                text: form.to_string(),
                start,
                end: text.len(),
                tag: tag.to_string(),
                upos: upos.to_string(),
                head: *head,
                rel: rel.to_string(),
            });
        }
        (
            text,
            SentenceSyntax {
                sentence: 0,
                words: out,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::syntax;
    use super::*;

    #[test]
    fn phrases_follow_nominal_relations_only() {
        // "the military wings of Hamas outlawed by Arafat"
        let (_, s) = syntax(&[
            ("the", "DET", "DT", 3, "det"),
            ("military", "ADJ", "JJ", 3, "amod"),
            ("wings", "NOUN", "NNS", 0, "root"),
            ("of", "ADP", "IN", 5, "case"),
            ("Hamas", "PROPN", "NNP", 3, "nmod"),
            ("outlawed", "VERB", "VBN", 3, "acl"),
            ("by", "ADP", "IN", 8, "case"),
            ("Arafat", "PROPN", "NNP", 6, "obl:agent"),
        ]);
        let t = Tree::new(&s);
        assert!(t.in_phrase(4, 2));
        assert!(
            !t.in_phrase(7, 2),
            "an agent of a participle is not in the noun's phrase"
        );
        assert_eq!(t.span_head(4, 18), Some(2));
        assert!(t.passive(5));
        assert_eq!(t.marker(7).as_deref(), Some("by"));
    }
}

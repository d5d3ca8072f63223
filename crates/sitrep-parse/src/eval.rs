//! Attachment scores, as the CoNLL 2018 shared task counts them: over every syntactic
//! word, punctuation included.

use crate::conllu::Sentence;
use crate::model::Analysis;
use crate::rel::Rel;
use std::collections::BTreeMap;

/// Counts accumulated over sentences.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub sentences: usize,
    pub words: usize,
    pub head: usize,
    pub labelled: usize,
    pub labelled_main: usize,
    pub label: usize,
    pub tag: usize,
    pub upos: usize,
    /// Per gold/predicted relation: (gold count, predicted count, correct with head).
    pub per_rel: BTreeMap<Rel, (usize, usize, usize)>,
}

impl Scores {
    /// Adds one sentence: gold from the treebank, `got` from the analyzer.
    pub fn add(&mut self, gold: &Sentence, got: &Analysis) {
        self.sentences += 1;
        for i in 0..gold.words.len() {
            self.words += 1;
            let head_ok = gold.heads[i] == got.heads[i];
            let (g, p) = (gold.rels[i], got.rels[i]);
            self.head += usize::from(head_ok);
            self.labelled += usize::from(head_ok && g == p);
            self.labelled_main += usize::from(head_ok && g.main_type() == p.main_type());
            self.label += usize::from(g == p);
            let same = |a: Option<&String>, b: Option<&String>| usize::from(a.is_some() && a == b);
            self.tag += same(gold.xpos.get(i), got.tags.get(i));
            self.upos += same(gold.upos.get(i), got.upos.get(i));
            self.per_rel.entry(g).or_default().0 += 1;
            self.per_rel.entry(p).or_default().1 += 1;
            if head_ok && g == p {
                self.per_rel.entry(g).or_default().2 += 1;
            }
        }
    }

    fn ratio(&self, n: usize) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            n as f64 / self.words as f64
        }
    }

    pub fn uas(&self) -> f64 {
        self.ratio(self.head)
    }
    pub fn las(&self) -> f64 {
        self.ratio(self.labelled)
    }
    pub fn las_main(&self) -> f64 {
        self.ratio(self.labelled_main)
    }
    pub fn label_accuracy(&self) -> f64 {
        self.ratio(self.label)
    }
    pub fn tag_accuracy(&self) -> f64 {
        self.ratio(self.tag)
    }
    pub fn upos_accuracy(&self) -> f64 {
        self.ratio(self.upos)
    }

    /// Per-relation precision, recall and F1 of labelled attachment.
    pub fn relation_f1(&self) -> Vec<(Rel, usize, f64, f64, f64)> {
        self.per_rel
            .iter()
            .map(|(&r, &(gold, pred, ok))| {
                let p = if pred == 0 {
                    0.0
                } else {
                    ok as f64 / pred as f64
                };
                let rc = if gold == 0 {
                    0.0
                } else {
                    ok as f64 / gold as f64
                };
                let f = if p + rc == 0.0 {
                    0.0
                } else {
                    2.0 * p * rc / (p + rc)
                };
                (r, gold, p, rc, f)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_heads_and_labels() {
        let gold = Sentence {
            words: vec!["a".into(), "b".into()],
            xpos: vec!["DT".into(), "NN".into()],
            heads: vec![2, 0],
            rels: vec![Rel::Det, Rel::Root],
            ..Default::default()
        };
        let got = Analysis {
            tags: vec!["DT".into(), "VB".into()],
            upos: vec!["DET".into(), "VERB".into()],
            heads: vec![2, 0],
            rels: vec![Rel::Amod, Rel::Root],
        };
        let mut s = Scores::default();
        s.add(&gold, &got);
        assert_eq!((s.uas(), s.las(), s.tag_accuracy()), (1.0, 0.5, 0.5));
    }
}

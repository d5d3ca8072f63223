//! Incremental story clustering.
//!
//! A document is described by who acts in it (actor ids), where (places)
//! and what it is about (its most frequent content words), weighted in that
//! order and normalised. It joins the most similar story whose dates it fits
//! (a story stays open three weeks after its last document), or starts a new
//! one. Stories keep the sum of their documents' vectors, so a new document
//! is compared with every story at the cost of one sparse dot product each,
//! and nothing already clustered is recomputed.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use sitrep_model::{stable_id, Annotation};
use std::collections::{BTreeMap, HashMap};

/// A sparse, L2-normalised feature vector. Ordered by feature, so that sums
/// over it (norms, dot products) add in one order in every run: with a hash
/// map's per-process order the last bits of a similarity differed between
/// runs, and a document near the threshold joined a story in one run and
/// not the next (5,000 documents gave 531 stories, then 528).
pub type Vector = BTreeMap<String, f32>;

const STOPWORDS: &[&str] = &[
    "about",
    "above",
    "after",
    "again",
    "against",
    "also",
    "although",
    "among",
    "another",
    "around",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "could",
    "during",
    "each",
    "either",
    "every",
    "from",
    "further",
    "have",
    "having",
    "here",
    "however",
    "into",
    "itself",
    "just",
    "last",
    "later",
    "least",
    "less",
    "many",
    "might",
    "more",
    "most",
    "much",
    "must",
    "near",
    "never",
    "next",
    "only",
    "other",
    "over",
    "said",
    "says",
    "same",
    "should",
    "since",
    "some",
    "such",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "told",
    "under",
    "until",
    "very",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "with",
    "within",
    "without",
    "would",
    "year",
    "years",
    "week",
    "weeks",
    "month",
    "months",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "today",
    "yesterday",
    "tomorrow",
    "reuters",
    "according",
    "statement",
    "official",
    "officials",
    "people",
    "news",
    "agency",
    "added",
    "made",
    "make",
    "told",
    "also",
    "will",
    "first",
    "second",
    "three",
    "four",
    "five",
    "several",
    "reported",
    "report",
    "reports",
    "including",
    "spokesman",
    "spokeswoman",
    "saying",
    "still",
    "there",
    "your",
    "what",
];

/// Features of one document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocFeatures {
    pub doc_id: String,
    pub date: Option<NaiveDate>,
    pub title: Option<String>,
    pub vector: Vector,
}

fn normalise(v: &mut Vector) {
    let n: f32 = v.values().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        for x in v.values_mut() {
            *x /= n;
        }
    }
}

/// Describe a document by its actors, places and content words.
pub fn features(ann: &Annotation) -> DocFeatures {
    let mut v: Vector = Vector::new();
    for a in &ann.actors {
        // the country carries the story more than the exact sector
        *v.entry(format!("a:{}", a.actor.id)).or_default() += 1.0;
        if let Some(c) = &a.actor.country {
            *v.entry(format!("c:{c}")).or_default() += 1.0;
        }
    }
    for p in &ann.places {
        *v.entry(format!("p:{}", p.place.name.to_lowercase()))
            .or_default() += 1.5;
    }
    let mut tf: HashMap<String, f32> = HashMap::new();
    for w in ann.clean_text.split(|c: char| !c.is_alphanumeric()) {
        if w.len() < 4 || w.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let lw = w.to_lowercase();
        if STOPWORDS.contains(&lw.as_str()) {
            continue;
        }
        // capitalised words inside sentences are names: weigh them more
        let weight = if w.chars().next().is_some_and(char::is_uppercase) {
            1.5
        } else {
            1.0
        };
        *tf.entry(lw).or_default() += weight;
    }
    let mut terms: Vec<(String, f32)> = tf.into_iter().collect();
    terms.sort_by(|a, b| {
        b.1.partial_cmp(&a.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.cmp(&b.0))
    });
    for (w, c) in terms.into_iter().take(30) {
        *v.entry(format!("w:{w}")).or_default() += c.sqrt();
    }
    // actors and places outweigh words as a group
    let (mut named, mut words): (f32, f32) = (0.0, 0.0);
    for (k, x) in &v {
        if k.starts_with("w:") {
            words += x * x;
        } else {
            named += x * x;
        }
    }
    if named > 0.0 && words > 0.0 {
        let scale = (named / words).sqrt();
        for (k, x) in v.iter_mut() {
            if k.starts_with("w:") {
                *x *= scale * 0.8;
            }
        }
    }
    normalise(&mut v);
    // a document without a headline is named by its first sentence
    let title = ann.title.clone().or_else(|| {
        ann.sentences.first().map(|s| {
            let t: String = s.text.chars().take(100).collect();
            if t.len() < s.text.len() {
                format!("{t}…")
            } else {
                t
            }
        })
    });
    DocFeatures {
        doc_id: ann.doc_id.clone(),
        date: ann.date,
        title,
        vector: v,
    }
}

/// Cosine similarity of two vectors (the first normalised, the second any length).
pub fn cosine(a: &Vector, b: &Vector) -> f32 {
    cosine_with(a, norm(a), b, norm(b))
}

/// The Euclidean length of a vector.
fn norm(v: &Vector) -> f32 {
    v.values().map(|x| x * x).sum::<f32>().sqrt()
}

/// [`cosine`] with both lengths known.
fn cosine_with(a: &Vector, na: f32, b: &Vector, nb: f32) -> f32 {
    let (small, large) = if a.len() < b.len() { (a, b) } else { (b, a) };
    let dot: f32 = small
        .iter()
        .filter_map(|(k, x)| large.get(k).map(|y| x * y))
        .sum();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}

/// A story as the clusterer keeps it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoryState {
    pub story_id: String,
    pub title: String,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    pub num_docs: usize,
    /// Sum of the member documents' vectors.
    pub centroid: Vector,
}

impl StoryState {
    /// Count one more document, dated `date`, in the story.
    pub fn count_member(&mut self, date: Option<NaiveDate>) {
        self.num_docs += 1;
        if let Some(d) = date {
            self.first_date = Some(self.first_date.map_or(d, |f| f.min(d)));
            self.last_date = Some(self.last_date.map_or(d, |l| l.max(d)));
        }
    }
}

/// Settings of the clusterer.
#[derive(Debug, Clone, Copy)]
pub struct ClusterParams {
    /// Minimum cosine similarity to join a story.
    pub threshold: f32,
    /// Days after a story's last document during which it stays open.
    pub open_days: i64,
    /// Days before its first document a report may still join it.
    pub early_days: i64,
}

impl Default for ClusterParams {
    fn default() -> Self {
        ClusterParams {
            threshold: 0.3,
            open_days: 21,
            early_days: 7,
        }
    }
}

/// The incremental clusterer. A story's centroid changes only through
/// [`StoryIndex::assign`], which keeps its length.
#[derive(Debug, Clone, Default)]
pub struct StoryIndex {
    pub stories: Vec<StoryState>,
    pub params: ClusterParams,
    /// The length of each story's centroid. Recomputing it for every
    /// story a document is compared with (up to 400 terms each) made the
    /// length, not the comparison, most of the cost of linking a document
    /// once thousands of stories fit its dates.
    norms: Vec<f32>,
    /// The stories whose centroid holds each feature. Seen linking 18,256
    /// benchmark documents: a third of the time went to comparing each
    /// document with every story of its dates, most of which share no
    /// feature with it and so cannot reach the threshold.
    by_key: HashMap<String, Vec<usize>>,
}

impl StoryIndex {
    pub fn new(stories: Vec<StoryState>, params: ClusterParams) -> Self {
        let norms = stories.iter().map(|s| norm(&s.centroid)).collect();
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, s) in stories.iter().enumerate() {
            for k in s.centroid.keys() {
                by_key.entry(k.clone()).or_default().push(i);
            }
        }
        StoryIndex {
            stories,
            params,
            norms,
            by_key,
        }
    }

    /// The story a document joins: the most similar of the stories that fit
    /// its dates, if at least the threshold (what [`StoryIndex::best`] gives,
    /// filtered). A story sharing no feature with the document has
    /// similarity 0, below any threshold, so only stories sharing one are
    /// compared.
    fn joinable(&self, doc: &DocFeatures) -> Option<usize> {
        if self.params.threshold <= 0.0 || self.by_key.is_empty() && !self.stories.is_empty() {
            // a threshold of 0 admits stories sharing nothing; a bare index
            // (stories given without centroid keys) is compared in full
            return self
                .best(doc)
                .filter(|(_, sim)| *sim >= self.params.threshold)
                .map(|(i, _)| i);
        }
        let mut candidates: Vec<usize> = doc
            .vector
            .keys()
            .filter_map(|k| self.by_key.get(k))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let n = norm(&doc.vector);
        candidates
            .into_iter()
            .filter(|&i| self.fits(&self.stories[i], doc.date))
            .map(|i| {
                let s = &self.stories[i];
                (i, cosine_with(&doc.vector, n, &s.centroid, self.norm_of(i)))
            })
            .filter(|(_, sim)| *sim >= self.params.threshold)
            .max_by(|a, b| {
                a.1.partial_cmp(&b.1)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then_with(|| self.stories[b.0].story_id.cmp(&self.stories[a.0].story_id))
            })
            .map(|(i, _)| i)
    }

    /// The centroid length of story `i` (computed if stories were added
    /// other than by [`StoryIndex::assign`]).
    fn norm_of(&self, i: usize) -> f32 {
        match self.norms.get(i) {
            Some(n) => *n,
            None => norm(&self.stories[i].centroid),
        }
    }

    fn fits(&self, s: &StoryState, date: Option<NaiveDate>) -> bool {
        match (date, s.first_date, s.last_date) {
            (Some(d), Some(f), Some(l)) => {
                d >= f - Duration::days(self.params.early_days)
                    && d <= l + Duration::days(self.params.open_days)
            }
            _ => true,
        }
    }

    /// The best story for a document and its similarity, if any fits.
    pub fn best(&self, doc: &DocFeatures) -> Option<(usize, f32)> {
        let n = norm(&doc.vector);
        self.stories
            .iter()
            .enumerate()
            .filter(|(_, s)| self.fits(s, doc.date))
            .map(|(i, s)| (i, cosine_with(&doc.vector, n, &s.centroid, self.norm_of(i))))
            .max_by(|a, b| {
                a.1.partial_cmp(&b.1)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then_with(|| self.stories[b.0].story_id.cmp(&self.stories[a.0].story_id))
            })
    }

    /// Put a document into a story; returns the story's index and whether it is new.
    pub fn assign(&mut self, doc: &DocFeatures) -> (usize, bool) {
        let target = self.joinable(doc);
        let (i, new) = match target {
            Some(i) => (i, false),
            None => {
                self.stories.push(StoryState {
                    story_id: stable_id("story-", &[&doc.doc_id]),
                    title: doc.title.clone().unwrap_or_else(|| doc.doc_id.clone()),
                    first_date: doc.date,
                    last_date: doc.date,
                    num_docs: 0,
                    centroid: Vector::new(),
                });
                (self.stories.len() - 1, true)
            }
        };
        let s = &mut self.stories[i];
        for (k, x) in &doc.vector {
            if !s.centroid.contains_key(k) {
                self.by_key.entry(k.clone()).or_default().push(i);
            }
            *s.centroid.entry(k.clone()).or_default() += x;
        }
        s.count_member(doc.date);
        // keep centroids small: drop the weakest features beyond 400
        if s.centroid.len() > 400 {
            let mut kv: Vec<(String, f32)> = std::mem::take(&mut s.centroid).into_iter().collect();
            kv.sort_by(|a, b| {
                b.1.partial_cmp(&a.1)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then_with(|| a.0.cmp(&b.0))
            });
            for (k, _) in &kv[300.min(kv.len())..] {
                if let Some(list) = self.by_key.get_mut(k) {
                    list.retain(|&j| j != i);
                }
            }
            kv.truncate(300);
            s.centroid = kv.into_iter().collect();
        }
        let n = norm(&s.centroid);
        if self.norms.len() < self.stories.len() {
            let have = self.norms.len();
            let rest: Vec<f32> = self.stories[have..]
                .iter()
                .map(|s| norm(&s.centroid))
                .collect();
            self.norms.extend(rest);
        }
        self.norms[i] = n;
        (i, new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, date: &str, words: &[&str]) -> DocFeatures {
        let mut v: Vector = words.iter().map(|w| (w.to_string(), 1.0)).collect();
        normalise(&mut v);
        DocFeatures {
            doc_id: id.into(),
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            title: None,
            vector: v,
        }
    }

    #[test]
    fn joins_similar_and_splits_distant() {
        let mut idx = StoryIndex::default();
        let a = idx.assign(&doc(
            "a",
            "2020-10-01",
            &["c:ARM", "c:AZE", "p:stepanakert", "w:ceasefire"],
        ));
        let b = idx.assign(&doc(
            "b",
            "2020-10-03",
            &["c:ARM", "c:AZE", "p:ganja", "w:ceasefire"],
        ));
        let c = idx.assign(&doc(
            "c",
            "2020-10-03",
            &["c:KGZ", "c:TJK", "p:batken", "w:border"],
        ));
        // same words, but months later: a new story
        let d = idx.assign(&doc(
            "d",
            "2021-03-01",
            &["c:ARM", "c:AZE", "p:stepanakert", "w:ceasefire"],
        ));
        assert!(a.1 && !b.1 && c.1 && d.1);
        assert_eq!(a.0, b.0);
        assert_ne!(a.0, c.0);
        assert_eq!(idx.stories[a.0].num_docs, 2);
    }

    #[test]
    fn kept_lengths_give_the_same_stories() {
        // many documents over a few topics and dates; the kept centroid
        // lengths must give the similarities computed from scratch
        let topics: [&[&str]; 4] = [
            &[
                "c:ARM",
                "c:AZE",
                "p:stepanakert",
                "w:ceasefire",
                "w:shelling",
            ],
            &["c:KGZ", "c:TJK", "p:batken", "w:border", "w:water"],
            &["c:ARM", "c:RUS", "p:moscow", "w:talks", "w:ceasefire"],
            &["c:MLI", "p:bamako", "w:coup", "w:junta", "w:border"],
        ];
        let mut idx = StoryIndex::default();
        for i in 0..600usize {
            let t = topics[i % 4];
            // a few topic words, words shared by some documents, and words
            // of this document alone (so that big stories' centroids are
            // cut back to their strongest features)
            let mut words: Vec<String> = t[..2 + i % 4].iter().map(|w| w.to_string()).collect();
            words.push(format!("w:extra{}", i % 37));
            words.push(format!("w:more{}", i % 53));
            for j in 0..4 {
                words.push(format!("w:only{i}x{j}"));
            }
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let day = format!("2020-{:02}-{:02}", 1 + (i / 150) % 12, 1 + i % 28);
            let d = doc(&format!("d{i}"), &day, &refs);
            let want = idx
                .stories
                .iter()
                .enumerate()
                .filter(|(_, s)| idx.fits(s, d.date))
                .map(|(k, s)| (k, cosine(&d.vector, &s.centroid)))
                .max_by(|a, b| {
                    a.1.partial_cmp(&b.1)
                        .unwrap_or(std::cmp::Ordering::Equal)
                        .then_with(|| idx.stories[b.0].story_id.cmp(&idx.stories[a.0].story_id))
                });
            assert_eq!(idx.best(&d), want, "document {i}");
            let joins = want.filter(|(_, sim)| *sim >= idx.params.threshold);
            let (k, new) = idx.assign(&d);
            match joins {
                Some((j, _)) => assert_eq!((k, new), (j, false), "document {i}"),
                None => assert!(new, "document {i}"),
            }
        }
        assert!(idx.stories.len() > 4);
        assert!(
            idx.stories.iter().any(|s| s.num_docs > 100),
            "no story big enough to cut its centroid back"
        );
        // a stored index reloaded computes the same lengths
        let again = StoryIndex::new(idx.stories.clone(), idx.params);
        assert_eq!(again.norms, idx.norms);
    }
}

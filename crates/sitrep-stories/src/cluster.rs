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
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

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
    similarity(dot, na, nb)
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
/// [`StoryIndex::assign`], and a copy's membership only through
/// [`StoryIndex::count_member`], which keep the index up to date.
///
/// A document is scored against the stories through an inverted index:
/// each feature (interned to a number) lists the stories whose centroid
/// holds it, with the centroid's weight, so a document's dot product with
/// every story that shares a feature is summed in one walk over its
/// features' lists, and no string is compared. Seen linking 18,256
/// benchmark documents: comparing each document with each story sharing a
/// feature, by string look-ups in the story's centroid, was 85% of the
/// pass (nearly every story shares a country with a document), and 61% at
/// 20,000 documents after the look-ups were limited to those stories.
///
/// Stories a dated document can no longer join leave the lists: documents
/// are linked in date order, so once the latest date seen is past a
/// story's last date plus [`ClusterParams::open_days`], no later document
/// fits it. They come back if a document earlier than that date, or an
/// undated one, arrives after all.
#[derive(Debug, Clone, Default)]
pub struct StoryIndex {
    pub stories: Vec<StoryState>,
    pub params: ClusterParams,
    /// The length of each story's centroid. Recomputing it for every
    /// story a document is compared with (up to 400 terms each) made the
    /// length, not the comparison, most of the cost of linking a document
    /// once thousands of stories fit its dates.
    norms: Vec<f32>,
    /// Feature numbers.
    ids: HashMap<String, u32>,
    /// For each feature number, the stories (not retired) whose centroid
    /// holds it, with the centroid's weight for it.
    postings: Vec<Vec<(u32, f32)>>,
    /// Stories out of the lists because no document at or after
    /// `horizon` can join them.
    retired: Vec<bool>,
    /// The latest document date seen.
    horizon: Option<NaiveDate>,
    /// Each dated story's closing day (its last date plus the open days),
    /// earliest first; an entry whose day is no longer the story's is stale.
    closing: BinaryHeap<Reverse<(NaiveDate, u32)>>,
    /// Story weights summed so far for the document being scored, and the
    /// stories they belong to (scratch space kept between documents).
    acc: Vec<(f32, u32)>,
    touched: Vec<u32>,
    stamp: u32,
    /// Story weights read while scoring, for tests and benchmarks.
    pub postings_read: u64,
}

impl StoryIndex {
    pub fn new(stories: Vec<StoryState>, params: ClusterParams) -> Self {
        let mut idx = StoryIndex {
            params,
            ..Default::default()
        };
        for s in stories {
            let i = idx.stories.len() as u32;
            idx.norms.push(norm(&s.centroid));
            idx.retired.push(false);
            idx.stories.push(s);
            idx.enlist(i);
            idx.schedule(i);
        }
        idx
    }

    /// The number of a feature, given one if new.
    fn intern(&mut self, k: &str) -> u32 {
        if let Some(&id) = self.ids.get(k) {
            return id;
        }
        let id = self.postings.len() as u32;
        self.ids.insert(k.to_string(), id);
        self.postings.push(Vec::new());
        id
    }

    /// Put story `i`'s whole centroid into the lists.
    fn enlist(&mut self, i: u32) {
        let keys: Vec<(String, f32)> = self.stories[i as usize]
            .centroid
            .iter()
            .map(|(k, x)| (k.clone(), *x))
            .collect();
        for (k, x) in keys {
            let id = self.intern(&k);
            self.postings[id as usize].push((i, x));
        }
    }

    /// Take story `i` out of the lists of its centroid's features.
    fn delist(&mut self, i: u32) {
        for k in self.stories[i as usize].centroid.keys() {
            if let Some(&id) = self.ids.get(k) {
                self.postings[id as usize].retain(|&(j, _)| j != i);
            }
        }
    }

    /// The day after which no document can join story `i`, if dated.
    fn closing_day(&self, i: u32) -> Option<NaiveDate> {
        self.stories[i as usize]
            .last_date
            .map(|l| l + Duration::days(self.params.open_days))
    }

    /// Queue story `i` to leave the lists after its closing day.
    fn schedule(&mut self, i: u32) {
        if let Some(c) = self.closing_day(i) {
            self.closing.push(Reverse((c, i)));
        }
    }

    /// Make the lists hold exactly the stories a document dated `date` may
    /// join: retire the stories closed before it, or bring every retired
    /// story back if it is dated earlier than a document already seen (or
    /// not dated at all).
    fn advance(&mut self, date: Option<NaiveDate>) {
        let d = match (date, self.horizon) {
            (Some(d), Some(h)) if d < h => return self.restore(),
            (Some(d), _) => d,
            (None, _) => return self.restore(),
        };
        self.horizon = Some(d);
        while let Some(&Reverse((c, i))) = self.closing.peek() {
            if c >= d {
                break;
            }
            self.closing.pop();
            if self.retired[i as usize] || self.closing_day(i) != Some(c) {
                continue; // retired already, or stale: the story got a later date
            }
            self.delist(i);
            self.retired[i as usize] = true;
        }
    }

    /// Bring every retired story back into the lists.
    fn restore(&mut self) {
        for i in 0..self.stories.len() as u32 {
            if self.retired[i as usize] {
                self.retired[i as usize] = false;
                self.enlist(i);
                self.schedule(i);
            }
        }
    }

    /// Count a syndicated copy, dated `date`, in story `i` (it joins its
    /// original's story whatever its features), keeping the index's dates.
    pub fn count_member(&mut self, i: usize, date: Option<NaiveDate>) {
        self.sync_lengths();
        let before = self.stories[i].last_date;
        self.stories[i].count_member(date);
        if self.stories[i].last_date != before {
            if self.retired[i] && self.closing_day(i as u32) >= self.horizon {
                self.retired[i] = false;
                self.enlist(i as u32);
            }
            self.schedule(i as u32);
        }
    }

    /// The dot product of the document with every listed story sharing a
    /// feature, as `(story, dot)`. Each story's products are added in the
    /// order of the document's features, which is the order of the shared
    /// keys, so the sum is bit for bit the one [`cosine`] makes.
    fn dots(&mut self, doc: &DocFeatures) -> Vec<(u32, f32)> {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.acc.iter_mut().for_each(|a| a.1 = 0);
            self.stamp = 1;
        }
        self.acc.resize(self.stories.len(), (0.0, 0));
        self.touched.clear();
        for (k, x) in &doc.vector {
            let Some(&id) = self.ids.get(k) else { continue };
            let list = &self.postings[id as usize];
            self.postings_read += list.len() as u64;
            for &(s, y) in list {
                let a = &mut self.acc[s as usize];
                if a.1 != self.stamp {
                    *a = (0.0, self.stamp);
                    self.touched.push(s);
                }
                a.0 += x * y;
            }
        }
        self.touched.sort_unstable();
        self.touched
            .iter()
            .map(|&s| (s, self.acc[s as usize].0))
            .collect()
    }

    /// The story a document joins: the most similar of the stories that fit
    /// its dates, if at least the threshold (what [`StoryIndex::best`] gives,
    /// filtered). A story sharing no feature with the document has
    /// similarity 0, below any threshold, so only stories sharing one are
    /// compared.
    fn joinable(&mut self, doc: &DocFeatures) -> Option<usize> {
        self.sync_lengths();
        if self.params.threshold <= 0.0 {
            // a threshold of 0 admits stories sharing nothing
            return self
                .best(doc)
                .filter(|(_, sim)| *sim >= self.params.threshold)
                .map(|(i, _)| i);
        }
        self.advance(doc.date);
        let n = norm(&doc.vector);
        self.dots(doc)
            .into_iter()
            .map(|(i, dot)| (i as usize, dot))
            .filter(|&(i, _)| self.fits(&self.stories[i], doc.date))
            .map(|(i, dot)| (i, similarity(dot, n, self.norms[i])))
            .filter(|(_, sim)| *sim >= self.params.threshold)
            .max_by(|a, b| {
                a.1.partial_cmp(&b.1)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then_with(|| self.stories[b.0].story_id.cmp(&self.stories[a.0].story_id))
            })
            .map(|(i, _)| i)
    }

    /// Lengths and flags for stories pushed onto `stories` from outside.
    fn sync_lengths(&mut self) {
        while self.norms.len() < self.stories.len() {
            let i = self.norms.len() as u32;
            self.norms.push(norm(&self.stories[i as usize].centroid));
            self.retired.push(false);
            self.enlist(i);
            self.schedule(i);
        }
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

    /// The best story for a document and its similarity, if any fits,
    /// comparing it with every story.
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
                self.norms.push(0.0);
                self.retired.push(false);
                (self.stories.len() - 1, true)
            }
        };
        self.add_to_centroid(i, &doc.vector);
        let before = self.stories[i].last_date;
        self.stories[i].count_member(doc.date);
        if new || self.stories[i].last_date != before {
            self.schedule(i as u32);
        }
        self.norms[i] = norm(&self.stories[i].centroid);
        (i, new)
    }

    /// Add a document's vector to story `i`'s centroid and its weights in
    /// the lists, and keep the centroid small: beyond 400 features only the
    /// 300 strongest stay.
    fn add_to_centroid(&mut self, i: usize, v: &Vector) {
        let listed = !self.retired[i];
        for (k, x) in v {
            let id = self.intern(k) as usize;
            let w = self.stories[i].centroid.entry(k.clone()).or_default();
            *w += x;
            let w = *w;
            if !listed {
                continue;
            }
            let list = &mut self.postings[id];
            match list.iter_mut().rev().find(|(j, _)| *j as usize == i) {
                Some(p) => p.1 = w,
                None => list.push((i as u32, w)),
            }
        }
        let s = &mut self.stories[i];
        if s.centroid.len() <= 400 {
            return;
        }
        let mut kv: Vec<(String, f32)> = std::mem::take(&mut s.centroid).into_iter().collect();
        kv.sort_by(|a, b| {
            b.1.partial_cmp(&a.1)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| a.0.cmp(&b.0))
        });
        for (k, _) in &kv[300.min(kv.len())..] {
            if let (true, Some(&id)) = (listed, self.ids.get(k)) {
                self.postings[id as usize].retain(|&(j, _)| j as usize != i);
            }
        }
        kv.truncate(300);
        self.stories[i].centroid = kv.into_iter().collect();
    }
}

/// Cosine similarity from a dot product and both lengths.
fn similarity(dot: f32, na: f32, nb: f32) -> f32 {
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
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

    /// What [`StoryIndex::assign`] must choose: the best of all stories by
    /// [`StoryIndex::best`], if at or above the threshold.
    fn assign_checked(idx: &mut StoryIndex, d: &DocFeatures, what: &str) -> usize {
        let want = idx.best(d).filter(|(_, sim)| *sim >= idx.params.threshold);
        let (k, new) = idx.assign(d);
        match want {
            Some((j, _)) => assert_eq!((k, new), (j, false), "{what}"),
            None => assert!(new, "{what}"),
        }
        k
    }

    #[test]
    fn closed_stories_leave_the_index_and_come_back_when_needed() {
        // three years of daily reports on one conflict: a new story every
        // fortnight (the words change), each sharing the countries with all
        let mut idx = StoryIndex::default();
        let start = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
        let days = 1095i64;
        for day in 0..days {
            let date = start + Duration::days(day);
            let mut words = vec!["c:ARM".to_string(), "c:AZE".to_string()];
            words.extend((0..10).map(|w| format!("w:topic{}x{w}", day / 15)));
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let d = doc(&format!("d{day}"), &date.to_string(), &refs);
            assign_checked(&mut idx, &d, &d.doc_id);
        }
        let stories = idx.stories.len();
        assert!(stories >= 70, "{stories} stories");
        // only the stories of the last weeks are scored: without the
        // window each document reads the weights of every earlier story
        // for the two countries (about 1,095 * (73 + 10) = 91,000 in all)
        let per_doc = idx.postings_read / days as u64;
        assert!(per_doc < 25, "{per_doc} weights read a document");
        // a late report of the first fortnight, an undated report, and a
        // copy dated after its closed story: all see closed stories again
        let topic = |t: usize, id: &str, date: &str| {
            let mut w = vec!["c:ARM".to_string(), "c:AZE".to_string()];
            w.extend((0..10).map(|k| format!("w:topic{t}x{k}")));
            let refs: Vec<&str> = w.iter().map(String::as_str).collect();
            doc(id, date, &refs)
        };
        let k = assign_checked(&mut idx, &topic(0, "late", "2019-01-10"), "late");
        assert_eq!(k, 0);
        let mut undated = topic(3, "undated", "");
        undated.date = None;
        assert_eq!(assign_checked(&mut idx, &undated, "undated"), 3);
        let (_, new) = idx.assign(&topic(99, "next", "2022-01-05"));
        assert!(new);
        idx.count_member(5, NaiveDate::from_ymd_opt(2022, 1, 6));
        let after = topic(5, "after", "2022-01-07");
        assert_eq!(
            assign_checked(&mut idx, &after, "after"),
            5,
            "the copy kept story 5 open"
        );
    }
}

//! The link pass: syndicated copies, stories, inferred dates and merged
//! events, computed from the stored documents alone.
//!
//! Documents are visited in one order that depends only on what is stored
//! (publication date, undated last, then document id), never on the order
//! in which writers stored them, and every link is recomputed from scratch
//! in one transaction under the store's write lock (SQLite) or an advisory
//! lock (PostgreSQL). So any number of writers, in any interleaving, followed
//! by a link pass, leave the store as one writer would; running the pass
//! again changes nothing. See docs/STORAGE.md.

use chrono::NaiveDate;
use sitrep_model::{Annotation, DatePrecision, Event, EventDateSource};
use sitrep_stories::{
    features, merge, minhash, ClusterParams, DocInfo, MergedEvent, StoryIndex, StoryState,
    COPY_THRESHOLD,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A stored document as the link pass reads it.
pub struct LinkDoc {
    pub doc_id: String,
    /// The stored publication date (not an inferred one).
    pub date: Option<NaiveDate>,
    pub outlet: Option<String>,
    pub annotation: Annotation,
}

/// What the link pass decided for one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocLink {
    pub doc_id: String,
    pub story_id: Option<String>,
    pub copy_of: Option<String>,
    pub inferred_date: Option<NaiveDate>,
}

/// Every link of a store.
#[derive(Debug, Default)]
pub struct Links {
    pub docs: Vec<DocLink>,
    /// Events of undated documents as they are to be stored: with the
    /// inferred date, or as coded when there is none.
    pub rewritten: Vec<Event>,
    pub stories: Vec<StoryState>,
    /// Merged events, by story.
    pub merged: Vec<(String, Vec<MergedEvent>)>,
}

/// Counts of a link pass, for messages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkSummary {
    pub documents: usize,
    pub copies: usize,
    pub stories: usize,
    pub merged_events: usize,
}

impl Links {
    pub fn summary(&self) -> LinkSummary {
        LinkSummary {
            documents: self.docs.iter().filter(|d| d.story_id.is_some()).count(),
            copies: self.docs.iter().filter(|d| d.copy_of.is_some()).count(),
            stories: self.stories.len(),
            merged_events: self.merged.iter().map(|(_, m)| m.len()).sum(),
        }
    }
}

/// The same-text index: MinHash signatures of the documents seen so far,
/// found again through their LSH bands.
#[derive(Default)]
struct CopyIndex {
    bands: HashMap<(u32, i64), Vec<usize>>,
    docs: Vec<(String, Vec<u64>)>,
}

impl CopyIndex {
    /// The earlier document this text copies, if any: the most similar at
    /// or above [`COPY_THRESHOLD`], the smaller id on a tie.
    fn original_of(&self, sig: &[u64]) -> Option<String> {
        let candidates: BTreeSet<usize> = minhash::bands(sig)
            .into_iter()
            .filter_map(|b| self.bands.get(&b))
            .flatten()
            .copied()
            .collect();
        candidates
            .into_iter()
            .map(|i| (minhash::similarity(sig, &self.docs[i].1), &self.docs[i].0))
            .filter(|(sim, _)| *sim >= COPY_THRESHOLD)
            .max_by(|a, b| {
                a.0.partial_cmp(&b.0)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(b.1.cmp(a.1))
            })
            .map(|(_, d)| d.clone())
    }

    fn add(&mut self, doc_id: &str, sig: Vec<u64>) {
        let i = self.docs.len();
        for b in minhash::bands(&sig) {
            self.bands.entry(b).or_default().push(i);
        }
        self.docs.push((doc_id.to_string(), sig));
    }
}

/// An undated document's events dated by its story: each event without a
/// date of its own takes `date`, flagged as inferred.
fn infer_event_dates(events: &[Event], date: Option<NaiveDate>) -> Vec<Event> {
    let mut out = events.to_vec();
    if let Some(d) = date {
        for e in out.iter_mut().filter(|e| e.date.is_none()) {
            e.date = Some(d);
            e.date_precision = DatePrecision::Day;
            e.date_source = EventDateSource::Inferred;
            e.explanation.rules.push(sitrep_model::Rule::new(
                "link.story_date",
                "dated by the story it belongs to (the document has no date)",
            ));
        }
    }
    out
}

/// An event as merging reads it: without the parts of its explanation
/// merging never looks at (only the pattern tells a noun's date from a
/// verb's). Every event of the store is held until the pass ends: at
/// 92,000 benchmark documents (813,341 events) that was 2.8 GB, a good part
/// of it the sentence and the rules' notes each event carries.
fn for_merging(mut e: Event) -> Event {
    e.explanation.sentence = String::new();
    e.explanation.predicate = String::new();
    e.explanation.rules = Vec::new();
    e
}

/// Links computed over documents given in the link order.
pub struct Linker {
    copies: CopyIndex,
    index: StoryIndex,
    story_of: HashMap<String, usize>,
    events: BTreeMap<usize, Vec<Event>>,
    infos: BTreeMap<usize, HashMap<String, DocInfo>>,
    links: Links,
}

impl Default for Linker {
    fn default() -> Self {
        Linker {
            copies: CopyIndex::default(),
            index: StoryIndex::new(Vec::new(), ClusterParams::default()),
            story_of: HashMap::new(),
            events: BTreeMap::new(),
            infos: BTreeMap::new(),
            links: Links::default(),
        }
    }
}

impl Linker {
    /// Link the next document (documents must come in the link order).
    pub fn add(&mut self, doc: LinkDoc) {
        let ann = &doc.annotation;
        let mut link = DocLink {
            doc_id: doc.doc_id.clone(),
            ..Default::default()
        };
        if ann.skipped.is_some() || ann.clean_text.trim().is_empty() {
            if doc.date.is_none() {
                self.links.rewritten.extend(ann.events.iter().cloned());
            }
            self.links.docs.push(link);
            return;
        }
        let sig = minhash::signature(&ann.clean_text);
        link.copy_of = self.copies.original_of(&sig);
        self.copies.add(&doc.doc_id, sig);
        let f = features(ann);
        // a copy belongs to its original's story and adds nothing to its vocabulary
        let i = match link.copy_of.as_ref().and_then(|o| self.story_of.get(o)) {
            Some(&i) => {
                self.index.count_member(i, f.date);
                i
            }
            None => self.index.assign(&f).0,
        };
        self.story_of.insert(doc.doc_id.clone(), i);
        let story = &self.index.stories[i];
        link.story_id = Some(story.story_id.clone());
        let events = if doc.date.is_none() {
            // an undated document takes the latest date of its story
            link.inferred_date = story.last_date;
            let ev = infer_event_dates(&ann.events, link.inferred_date);
            self.links.rewritten.extend(ev.iter().cloned());
            ev
        } else {
            ann.events.clone()
        };
        self.events
            .entry(i)
            .or_default()
            .extend(events.into_iter().map(for_merging));
        self.infos.entry(i).or_default().insert(
            doc.doc_id.clone(),
            DocInfo {
                doc_id: doc.doc_id.clone(),
                outlet: doc.outlet.clone(),
                copy_of: link.copy_of.clone(),
            },
        );
        self.links.docs.push(link);
    }

    /// The links of every document added, with each story's merged events.
    pub fn finish(mut self) -> Links {
        for (i, mut events) in std::mem::take(&mut self.events) {
            let sid = self.index.stories[i].story_id.clone();
            events.sort_by(|a, b| a.event_id.cmp(&b.event_id));
            let docs = self.infos.remove(&i).unwrap_or_default();
            let merged = merge(&events, &docs, Some(&sid));
            self.links.merged.push((sid, merged));
        }
        self.links.stories = self.index.stories;
        self.links
    }
}

/// A store the link pass can run over.
pub trait LinkStore {
    /// Run the whole pass: under the store's lock, read every document in
    /// the link order, compute the links and replace the stored ones, in
    /// one transaction.
    fn link(&mut self) -> anyhow::Result<LinkSummary>;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, date: Option<&str>, text: &str) -> LinkDoc {
        let date = date.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let ann: Annotation = serde_json::from_value(serde_json::json!({
            "doc_id": id, "url": null, "title": null, "date": date,
            "date_source": "record", "language": "eng", "skipped": null,
            "text": text, "clean_text": text, "removed": [], "sentences": [],
            "actors": [], "places": [], "timexes": [], "claims": [], "events": []
        }))
        .unwrap();
        LinkDoc {
            doc_id: id.into(),
            date,
            outlet: None,
            annotation: ann,
        }
    }

    const SHELLING: &str = "Azerbaijani forces shelled Stepanakert overnight, the Armenian defence ministry said on Saturday, as fighting over Nagorno-Karabakh entered its third week despite a ceasefire brokered in Moscow.";

    #[test]
    fn copies_and_stories_do_not_depend_on_arrival() {
        let docs = || {
            vec![
                doc("b", Some("2020-10-10"), SHELLING),
                doc("a", Some("2020-10-10"), SHELLING),
                doc("c", None, SHELLING),
                doc("d", Some("2020-10-11"), "Kyrgyz and Tajik border guards exchanged fire near Batken, officials in Bishkek reported."),
            ]
        };
        // the link order: dated first, by date then id
        let run = |mut v: Vec<LinkDoc>| {
            v.sort_by(|x, y| {
                (x.date.is_none(), x.date, x.doc_id.clone()).cmp(&(
                    y.date.is_none(),
                    y.date,
                    y.doc_id.clone(),
                ))
            });
            let mut l = Linker::default();
            for d in v {
                l.add(d);
            }
            l.finish()
        };
        let one = run(docs());
        let mut rev = docs();
        rev.reverse();
        let two = run(rev);
        assert_eq!(one.docs, two.docs);
        let by_id: HashMap<_, _> = one.docs.iter().map(|d| (d.doc_id.as_str(), d)).collect();
        assert_eq!(
            by_id["b"].copy_of.as_deref(),
            Some("a"),
            "the earlier id is the original"
        );
        assert_eq!(by_id["c"].copy_of.as_deref(), Some("a"));
        assert_eq!(by_id["a"].story_id, by_id["c"].story_id);
        assert_ne!(by_id["a"].story_id, by_id["d"].story_id);
        assert_eq!(
            by_id["c"].inferred_date,
            NaiveDate::from_ymd_opt(2020, 10, 10),
            "an undated copy takes its story's date"
        );
        assert_eq!(one.summary().copies, 2);
    }
}

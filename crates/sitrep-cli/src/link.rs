//! Linking a stored document to the rest of the store: is it a syndicated
//! copy, which story does it belong to, what date does an undated document
//! get, and which merged events change.

use sitrep_model::{Annotation, Document};
use sitrep_store::SqliteStore;
use sitrep_stories::{features, merge, minhash, ClusterParams, StoryIndex, COPY_THRESHOLD};
use std::collections::BTreeSet;

pub struct Linker {
    index: StoryIndex,
    touched: BTreeSet<String>,
    /// The store's data version when the stories were loaded.
    loaded_at: i64,
}

impl Linker {
    /// Load the stories the store already has; new documents join them.
    pub fn load(store: &SqliteStore) -> anyhow::Result<Self> {
        Ok(Linker {
            index: StoryIndex::new(store.load_stories()?, ClusterParams::default()),
            touched: BTreeSet::new(),
            loaded_at: store.data_version()?,
        })
    }

    /// Reload the stories when another process wrote to the store since
    /// they were loaded (call inside the write transaction, before linking):
    /// two ingests on one store then build on each other's stories instead
    /// of each on a stale copy.
    pub fn refresh(&mut self, store: &SqliteStore) -> anyhow::Result<()> {
        let now = store.data_version()?;
        if now != self.loaded_at {
            self.index = StoryIndex::new(store.load_stories()?, ClusterParams::default());
            self.loaded_at = now;
        }
        Ok(())
    }

    /// Link one newly stored document.
    pub fn add(
        &mut self,
        store: &SqliteStore,
        doc: &Document,
        ann: &Annotation,
    ) -> anyhow::Result<()> {
        if ann.skipped.is_some() || ann.clean_text.trim().is_empty() {
            return Ok(());
        }
        let sig = minhash::signature(&ann.clean_text);
        let copy_of = store
            .copy_candidates(&sig)?
            .into_iter()
            .filter(|(d, _)| *d != doc.id)
            .map(|(d, s)| (minhash::similarity(&sig, &s), d))
            .filter(|(sim, _)| *sim >= COPY_THRESHOLD)
            .max_by(|a, b| {
                a.0.partial_cmp(&b.0)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(b.1.cmp(&a.1))
            })
            .map(|(_, d)| d);
        store.put_signature(&doc.id, &sig)?;
        let f = features(ann);
        // a copy belongs to its original's story
        let original_story = match &copy_of {
            Some(o) => {
                store.set_copy_of(&doc.id, o)?;
                store.document_story(o)?.and_then(|(s, _)| s)
            }
            None => None,
        };
        let i = match original_story
            .and_then(|sid| self.index.stories.iter().position(|s| s.story_id == sid))
        {
            Some(i) => {
                // a copy adds nothing new to the story's vocabulary
                self.index.stories[i].count_member(f.date);
                i
            }
            None => self.index.assign(&f).0,
        };
        let story = &self.index.stories[i];
        store.save_story(story)?;
        store.set_document_story(&doc.id, &story.story_id)?;
        // an undated document takes the latest date of its story
        if doc.date.is_none() {
            if let Some(d) = story.last_date {
                store.set_inferred_date(&doc.id, d)?;
            }
        }
        self.touched.insert(story.story_id.clone());
        Ok(())
    }

    /// Recompute the merged events of the stories that changed.
    pub fn finish(&mut self, store: &SqliteStore) -> anyhow::Result<()> {
        for sid in std::mem::take(&mut self.touched) {
            let events = store.story_events(&sid)?;
            let docs = store.story_docs(&sid)?;
            let merged = merge(&events, &docs, Some(&sid));
            store.replace_merged(&sid, &merged)?;
        }
        Ok(())
    }
}

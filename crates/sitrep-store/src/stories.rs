//! Persistence for stories, syndicated copies and merged events.

use crate::SqliteStore;
use anyhow::Context;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use sitrep_model::{Claim, Event};
use sitrep_stories::{minhash, DocInfo, MergedEvent, StoryState};
use std::collections::HashMap;

/// A story as listed to users.
#[derive(Debug, Clone, Serialize)]
pub struct StoryRow {
    pub story_id: String,
    pub title: String,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub num_docs: usize,
    pub num_events: usize,
    pub doc_ids: Vec<String>,
    /// Syndicated copies in the story: (copy, original).
    pub copies: Vec<(String, String)>,
}

impl SqliteStore {
    /// All story states (for the incremental clusterer).
    pub fn load_stories(&self) -> anyhow::Result<Vec<StoryState>> {
        self.json_rows("SELECT state FROM stories ORDER BY rowid", [])
    }

    pub fn save_story(&self, s: &StoryState) -> anyhow::Result<()> {
        self.conn.execute(
            "INSERT INTO stories (story_id, title, first_date, last_date, num_docs, state) VALUES (?,?,?,?,?,?)
             ON CONFLICT(story_id) DO UPDATE SET title=excluded.title, first_date=excluded.first_date,
               last_date=excluded.last_date, num_docs=excluded.num_docs, state=excluded.state",
            params![
                s.story_id,
                s.title,
                s.first_date.map(|d| d.to_string()),
                s.last_date.map(|d| d.to_string()),
                s.num_docs as i64,
                serde_json::to_string(s)?
            ],
        )?;
        Ok(())
    }

    /// Put a document (and its events) into a story.
    pub fn set_document_story(&self, doc_id: &str, story_id: &str) -> anyhow::Result<()> {
        self.conn.execute(
            "UPDATE documents SET story_id = ? WHERE doc_id = ?",
            params![story_id, doc_id],
        )?;
        self.conn.execute(
            "UPDATE events SET story_id = ? WHERE doc_id = ?",
            params![story_id, doc_id],
        )?;
        Ok(())
    }

    /// Record a document's signature and its LSH bands.
    pub fn put_signature(&self, doc_id: &str, sig: &[u64]) -> anyhow::Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO signatures (doc_id, signature) VALUES (?, ?)",
            params![doc_id, minhash::to_bytes(sig)],
        )?;
        let mut ins = self
            .conn
            .prepare_cached("INSERT INTO lsh (band, key, doc_id) VALUES (?, ?, ?)")?;
        for (b, k) in minhash::bands(sig) {
            ins.execute(params![b, k, doc_id])?;
        }
        Ok(())
    }

    /// Documents sharing an LSH band with a signature, with their signatures.
    pub fn copy_candidates(&self, sig: &[u64]) -> anyhow::Result<Vec<(String, Vec<u64>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT s.doc_id, s.signature FROM lsh l JOIN signatures s ON s.doc_id = l.doc_id WHERE l.band = ? AND l.key = ?",
        )?;
        let mut seen: HashMap<String, Vec<u64>> = HashMap::new();
        for (b, k) in minhash::bands(sig) {
            let rows = stmt.query_map(params![b, k], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
            })?;
            for r in rows {
                let (d, bytes) = r?;
                seen.entry(d).or_insert_with(|| minhash::from_bytes(&bytes));
            }
        }
        let mut v: Vec<(String, Vec<u64>)> = seen.into_iter().collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(v)
    }

    pub fn set_copy_of(&self, doc_id: &str, original: &str) -> anyhow::Result<()> {
        self.conn.execute(
            "UPDATE documents SET copy_of = ? WHERE doc_id = ?",
            params![original, doc_id],
        )?;
        Ok(())
    }

    /// Rows of a query whose first column is stored JSON, decoded.
    fn json_rows<T: serde::de::DeserializeOwned>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> anyhow::Result<Vec<T>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map(params, |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for r in rows {
            out.push(serde_json::from_str(&r?).context("decoding a stored row")?);
        }
        Ok(out)
    }

    fn events_where(&self, cond: &str, arg: &str) -> anyhow::Result<Vec<Event>> {
        self.json_rows(
            &format!("SELECT json FROM events WHERE {cond} ORDER BY event_id"),
            [arg],
        )
    }

    /// The events of a story.
    pub fn story_events(&self, story_id: &str) -> anyhow::Result<Vec<Event>> {
        self.events_where("story_id = ?", story_id)
    }

    /// Outlet and copy links of the documents of a story.
    pub fn story_docs(&self, story_id: &str) -> anyhow::Result<HashMap<String, DocInfo>> {
        let mut stmt = self
            .conn
            .prepare("SELECT doc_id, outlet, copy_of FROM documents WHERE story_id = ?")?;
        let rows = stmt.query_map([story_id], |r| {
            Ok(DocInfo {
                doc_id: r.get(0)?,
                outlet: r.get(1)?,
                copy_of: r.get(2)?,
            })
        })?;
        let mut out = HashMap::new();
        for r in rows {
            let d = r?;
            out.insert(d.doc_id.clone(), d);
        }
        Ok(out)
    }

    /// Replace the merged events of a story.
    pub fn replace_merged(&self, story_id: &str, merged: &[MergedEvent]) -> anyhow::Result<()> {
        self.conn
            .execute("DELETE FROM merged_events WHERE story_id = ?", [story_id])?;
        let mut ins = self.conn.prepare_cached("INSERT OR REPLACE INTO merged_events (merged_id, story_id, date, json) VALUES (?,?,?,?)")?;
        let mut upd = self
            .conn
            .prepare_cached("UPDATE events SET merged_id = ? WHERE event_id = ?")?;
        for m in merged {
            ins.execute(params![
                m.merged_id,
                story_id,
                m.date.map(|d| d.to_string()),
                serde_json::to_string(m)?
            ])?;
            for e in &m.event_ids {
                upd.execute(params![m.merged_id, e])?;
            }
        }
        Ok(())
    }

    /// Stories, most recent first.
    pub fn stories(&self) -> anyhow::Result<Vec<StoryRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT s.story_id, s.title, s.first_date, s.last_date, s.num_docs,
                    (SELECT COUNT(*) FROM merged_events m WHERE m.story_id = s.story_id)
             FROM stories s ORDER BY s.last_date IS NULL, s.last_date DESC, s.num_docs DESC, s.story_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(StoryRow {
                story_id: r.get(0)?,
                title: r.get(1)?,
                first_date: r.get(2)?,
                last_date: r.get(3)?,
                num_docs: r.get::<_, i64>(4)? as usize,
                num_events: r.get::<_, i64>(5)? as usize,
                doc_ids: Vec::new(),
                copies: Vec::new(),
            })
        })?;
        let mut out = rows.collect::<Result<Vec<_>, _>>()?;
        let mut docs = self
            .conn
            .prepare("SELECT doc_id FROM documents WHERE story_id = ? ORDER BY doc_id")?;
        let mut copies = self.conn.prepare(
            "SELECT doc_id, copy_of FROM documents WHERE story_id = ? AND copy_of IS NOT NULL ORDER BY doc_id",
        )?;
        for s in &mut out {
            s.doc_ids = docs
                .query_map([&s.story_id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            s.copies = copies
                .query_map([&s.story_id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
        }
        Ok(out)
    }

    pub fn story(&self, story_id: &str) -> anyhow::Result<Option<StoryRow>> {
        Ok(self.stories()?.into_iter().find(|s| s.story_id == story_id))
    }

    /// The merged events of a story in date order.
    pub fn merged_events(&self, story_id: &str) -> anyhow::Result<Vec<MergedEvent>> {
        self.json_rows(
            "SELECT json FROM merged_events WHERE story_id = ? ORDER BY date IS NULL, date, merged_id",
            [story_id],
        )
    }

    /// The casualty and captive figures of a story's documents.
    pub fn story_claims(&self, story_id: &str) -> anyhow::Result<Vec<Claim>> {
        self.json_rows(
            "SELECT c.json FROM claims c JOIN documents d ON d.doc_id = c.doc_id WHERE d.story_id = ? ORDER BY c.category, c.date, c.claim_id",
            [story_id],
        )
    }

    /// The story of a document, and whether it is a copy.
    pub fn document_story(
        &self,
        doc_id: &str,
    ) -> anyhow::Result<Option<(Option<String>, Option<String>)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT story_id, copy_of FROM documents WHERE doc_id = ?",
                [doc_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }
}

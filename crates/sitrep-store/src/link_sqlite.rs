//! The link pass over the SQLite store, under its write lock.

use crate::link::{LinkDoc, LinkStore, LinkSummary, Linker, Links};
use crate::{SqliteStore, Store};
use anyhow::Context;
use rusqlite::params;
use std::collections::HashMap;

impl SqliteStore {
    /// Visit every document in the link order (publication date, undated
    /// last, then id).
    fn for_each_link_doc(&self, f: &mut dyn FnMut(LinkDoc)) -> anyhow::Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT doc_id, date, outlet, annotation FROM documents ORDER BY date IS NULL, date, doc_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let doc_id: String = r.get(0)?;
            let date: Option<String> = r.get(1)?;
            let annotation = serde_json::from_str(r.get_ref(3)?.as_str()?)
                .with_context(|| format!("decoding the stored annotation of {doc_id}"))?;
            f(LinkDoc {
                date: date.and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                outlet: r.get(2)?,
                doc_id,
                annotation,
            });
        }
        Ok(())
    }

    /// Replace every stored link with `links`, writing only the rows whose
    /// links change. Seen linking 91,935 benchmark documents (813,341
    /// events): every event row was written twice in the pass's one
    /// transaction (its story, then its merged event; three times on a
    /// re-link, which first cleared both), a 4.5 GB write-ahead log whose
    /// page look-ups (`walFindFrame`) took 12% of the pass and grew with it.
    fn write_links(&self, links: &Links) -> anyhow::Result<()> {
        self.conn.execute_batch(
            "DELETE FROM stories; DELETE FROM merged_events; DELETE FROM lsh; DELETE FROM signatures;",
        )?;
        let mut doc = self.conn.prepare_cached(
            "UPDATE documents SET story_id = ?1, copy_of = ?2, inferred_date = ?3 WHERE doc_id = ?4
               AND (story_id IS NOT ?1 OR copy_of IS NOT ?2 OR inferred_date IS NOT ?3)",
        )?;
        for d in &links.docs {
            doc.execute(params![
                d.story_id,
                d.copy_of,
                d.inferred_date.map(|x| x.to_string()),
                d.doc_id
            ])?;
        }
        self.write_event_links(links)?;
        let mut rw = self.conn.prepare_cached(
            "UPDATE events SET date = ?1, date_precision = ?2, json = ?3 WHERE event_id = ?4
               AND (date IS NOT ?1 OR date_precision IS NOT ?2 OR json IS NOT ?3)",
        )?;
        for e in &links.rewritten {
            rw.execute(params![
                e.date.map(|d| d.to_string()),
                serde_json::to_value(e.date_precision)?
                    .as_str()
                    .unwrap_or("none"),
                serde_json::to_string(e)?,
                e.event_id
            ])?;
        }
        for s in &links.stories {
            self.save_story(s)?;
        }
        let mut ins = self.conn.prepare_cached(
            "INSERT OR REPLACE INTO merged_events (merged_id, story_id, date, json) VALUES (?,?,?,?)",
        )?;
        for (sid, merged) in &links.merged {
            for m in merged {
                ins.execute(params![
                    m.merged_id,
                    sid,
                    m.date.map(|d| d.to_string()),
                    serde_json::to_string(m)?
                ])?;
            }
        }
        Ok(())
    }

    /// Each event's story (its document's) and merged event, written where
    /// either differs from what is stored.
    fn write_event_links(&self, links: &Links) -> anyhow::Result<()> {
        let merged_of: HashMap<&str, &str> = links
            .merged
            .iter()
            .flat_map(|(_, ms)| ms.iter())
            .flat_map(|m| {
                m.event_ids
                    .iter()
                    .map(|e| (e.as_str(), m.merged_id.as_str()))
            })
            .collect();
        let mut stored = self
            .conn
            .prepare_cached("SELECT event_id, story_id, merged_id FROM events WHERE doc_id = ?")?;
        let mut set = self
            .conn
            .prepare_cached("UPDATE events SET story_id = ?, merged_id = ? WHERE event_id = ?")?;
        for d in &links.docs {
            let rows: Vec<(String, Option<String>, Option<String>)> = stored
                .query_map([&d.doc_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<_, _>>()?;
            for (id, story, merged) in rows {
                let want_merged = d
                    .story_id
                    .as_ref()
                    .and_then(|_| merged_of.get(id.as_str()).copied());
                if story.as_deref() != d.story_id.as_deref() || merged.as_deref() != want_merged {
                    set.execute(params![d.story_id, want_merged, id])?;
                }
            }
        }
        Ok(())
    }
}

impl LinkStore for SqliteStore {
    fn link(&mut self) -> anyhow::Result<LinkSummary> {
        self.commit()?;
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .context("taking the write lock for the link pass")?;
        let result = (|| -> anyhow::Result<LinkSummary> {
            let mut linker = Linker::default();
            self.for_each_link_doc(&mut |d| linker.add(d))?;
            let links = linker.finish();
            self.write_links(&links)?;
            Ok(links.summary())
        })();
        match result {
            Ok(s) => {
                self.conn
                    .execute_batch("COMMIT")
                    .context("committing the link pass")?;
                Ok(s)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }
}

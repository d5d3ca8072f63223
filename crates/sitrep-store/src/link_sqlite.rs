//! The link pass over the SQLite store, under its write lock.

use crate::link::{LinkDoc, LinkStore, LinkSummary, Linker, Links};
use crate::{SqliteStore, Store};
use anyhow::Context;
use rusqlite::params;

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

    /// Replace every stored link with `links`.
    fn write_links(&self, links: &Links) -> anyhow::Result<()> {
        self.conn.execute_batch(
            "DELETE FROM stories; DELETE FROM merged_events; DELETE FROM lsh; DELETE FROM signatures;
             UPDATE documents SET story_id = NULL, copy_of = NULL, inferred_date = NULL
               WHERE story_id IS NOT NULL OR copy_of IS NOT NULL OR inferred_date IS NOT NULL;
             UPDATE events SET story_id = NULL, merged_id = NULL
               WHERE story_id IS NOT NULL OR merged_id IS NOT NULL;",
        )?;
        let mut doc = self.conn.prepare_cached(
            "UPDATE documents SET story_id = ?, copy_of = ?, inferred_date = ? WHERE doc_id = ?",
        )?;
        let mut ev = self
            .conn
            .prepare_cached("UPDATE events SET story_id = ? WHERE doc_id = ?")?;
        for d in links.docs.iter().filter(|d| d.story_id.is_some()) {
            doc.execute(params![
                d.story_id,
                d.copy_of,
                d.inferred_date.map(|x| x.to_string()),
                d.doc_id
            ])?;
            ev.execute(params![d.story_id, d.doc_id])?;
        }
        let mut rw = self.conn.prepare_cached(
            "UPDATE events SET date = ?, date_precision = ?, json = ? WHERE event_id = ?",
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
        for (sid, merged) in &links.merged {
            self.replace_merged(sid, merged)?;
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

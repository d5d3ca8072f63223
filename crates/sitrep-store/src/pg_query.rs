//! Reads of the PostgreSQL store: the same questions, answers and orders as
//! the SQLite store's (`query.rs`, `stories.rs`, the export accessors).

use crate::pg::{Args, PgStore, EVENT_ORDER};
use crate::{
    ActorPair, DayCount, DocMeta, DocumentInfo, EventFilter, PlaceCount, StoryRow, StorySummary,
};
use anyhow::Context;
use sitrep_model::{Annotation, Claim, Event};
use sitrep_stories::MergedEvent;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// A story's documents and its (copy, original) pairs.
type StoryDocs = (Vec<String>, Vec<(String, String)>);

/// Rows fetched per round trip when visiting many rows: memory stays
/// constant, and the visitor may query the store between pages.
const PAGE: usize = 500;

/// Counts of events remembered with the snapshot they were taken in, for
/// every read-only store of the process.
#[derive(Default)]
struct SnapshotCounts(Mutex<HashMap<String, (String, u64)>>);

/// Counts kept before the oldest are dropped (all at once).
const SNAPSHOT_COUNTS_MAX: usize = 1024;

impl SnapshotCounts {
    /// The count under `key` if it was taken in `snapshot`.
    fn get(&self, key: &str, snapshot: &str) -> Option<u64> {
        let map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        map.get(key).filter(|(s, _)| s == snapshot).map(|(_, n)| *n)
    }

    fn put(&self, key: String, snapshot: String, n: u64) {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= SNAPSHOT_COUNTS_MAX && !map.contains_key(&key) {
            map.clear();
        }
        map.insert(key, (snapshot, n));
    }
}

fn snapshot_counts() -> &'static SnapshotCounts {
    static COUNTS: OnceLock<SnapshotCounts> = OnceLock::new();
    COUNTS.get_or_init(SnapshotCounts::default)
}

/// `where_sql` with one more condition.
fn and(where_sql: &str, cond: &str) -> String {
    if where_sql.is_empty() {
        format!(" WHERE {cond}")
    } else {
        format!("{where_sql} AND {cond}")
    }
}

fn decode<T: serde::de::DeserializeOwned>(json: &str, what: &str) -> anyhow::Result<T> {
    serde_json::from_str(json).with_context(|| format!("decoding a stored {what}"))
}

impl PgStore {
    /// Visit matching events as their stored JSON, in the order of
    /// [`Store::events`](crate::Store::events), a page at a time (keyset
    /// paging on the sort key, so a long export costs one index scan).
    pub fn for_each_event_json(
        &self,
        filter: &EventFilter,
        f: &mut dyn FnMut(&str) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let mut base = Args::default();
        let where_sql = PgStore::filter_conditions(filter, &mut base);
        let mut remaining = filter.limit.unwrap_or(usize::MAX);
        let mut after: Option<(String, String)> = None;
        while remaining > 0 {
            let mut args = Args(base.0.clone());
            let (cond, offset) = match &after {
                Some((d, id)) => {
                    let c = format!(
                        "(COALESCE(e.date, '~'), e.event_id) > ({}, {})",
                        args.add(d.clone()),
                        args.add(id.clone())
                    );
                    (and(&where_sql, &c), String::new())
                }
                None => (
                    where_sql.clone(),
                    filter
                        .offset
                        .map(|o| format!(" OFFSET {}", o.min(i64::MAX as usize)))
                        .unwrap_or_default(),
                ),
            };
            let n = remaining.min(PAGE);
            let sql = format!(
                "SELECT COALESCE(e.date, '~'), e.event_id, e.json FROM events e{cond} ORDER BY {EVENT_ORDER} LIMIT {n}{offset}"
            );
            let rows = self.query(&sql, &args)?;
            for r in &rows {
                f(r.get::<_, &str>(2))?;
            }
            remaining -= rows.len();
            match rows.last() {
                Some(r) if rows.len() == n => after = Some((r.get(0), r.get(1))),
                _ => break,
            }
        }
        Ok(())
    }

    /// How many events match a filter (ignoring `limit` and `offset`). A
    /// read-only store (the server's) counts once per database snapshot.
    pub fn count_events(&self, filter: &EventFilter) -> anyhow::Result<u64> {
        let mut args = Args::default();
        let where_sql = PgStore::filter_conditions(filter, &mut args);
        let sql = format!("SELECT COUNT(*) FROM events e{where_sql}");
        match &self.counts_key {
            Some(key) => self.count_in_snapshot(key, &sql, &args),
            None => Ok(self.query(&sql, &args)?[0].get::<_, i64>(0) as u64),
        }
    }

    /// `sql` (a `COUNT(*)`) run in a read-only repeatable-read transaction,
    /// or its count from an earlier run in the same snapshot. The server's
    /// first events page under 32 connections spent most of its time
    /// counting every event for the page's `total` (24 ms for 40,120 events
    /// against 0.4 ms for the page itself, session 9): a snapshot
    /// (`pg_current_snapshot()`: the transactions committed and running)
    /// that is the same as the one a count was taken in sees the same rows,
    /// so the count is exact; any commit in the cluster changes it.
    fn count_in_snapshot(&self, key: &str, sql: &str, args: &Args) -> anyhow::Result<u64> {
        let mut c = self.client.borrow_mut();
        let begun = c.simple_query(
            "START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;
             SELECT pg_current_snapshot()::text",
        )?;
        let result = (|| -> anyhow::Result<u64> {
            let snapshot = begun
                .iter()
                .find_map(|m| match m {
                    postgres::SimpleQueryMessage::Row(r) => r.get(0).map(str::to_string),
                    _ => None,
                })
                .context("reading the transaction's snapshot")?;
            let cache_key = format!("{key}\n{sql}\n{}", args.0.join("\n"));
            if let Some(n) = snapshot_counts().get(&cache_key, &snapshot) {
                return Ok(n);
            }
            let n = c.query_one(sql, &args.refs())?.get::<_, i64>(0) as u64;
            snapshot_counts().put(cache_key, snapshot, n);
            Ok(n)
        })();
        c.batch_execute("COMMIT")?;
        result
    }

    /// How many events a filter yields, its limit and offset included.
    pub fn count_events_page(&self, filter: &EventFilter) -> anyhow::Result<u64> {
        let mut args = Args::default();
        let where_sql = PgStore::filter_conditions(filter, &mut args);
        let sql = format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM events e{where_sql} ORDER BY {EVENT_ORDER}{}) k",
            PgStore::paging(filter)
        );
        Ok(self.query(&sql, &args)?[0].get::<_, i64>(0) as u64)
    }

    /// Visit the claims of every document holding a matching event
    /// (ordered by document, then claim id), a page at a time.
    pub fn for_each_claim(
        &self,
        filter: &EventFilter,
        f: &mut dyn FnMut(String, Claim) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let mut base = Args::default();
        let where_sql = PgStore::filter_conditions(filter, &mut base);
        let docs = format!(
            "c.doc_id IN (SELECT e.doc_id FROM events e{where_sql} ORDER BY {EVENT_ORDER}{})",
            PgStore::paging(filter)
        );
        let mut after: Option<(String, String)> = None;
        loop {
            let mut args = Args(base.0.clone());
            let mut cond = docs.clone();
            if let Some((d, c)) = &after {
                cond.push_str(&format!(
                    " AND (c.doc_id, c.claim_id) > ({}, {})",
                    args.add(d.clone()),
                    args.add(c.clone())
                ));
            }
            let sql = format!(
                "SELECT c.doc_id, c.claim_id, c.json FROM claims c WHERE {cond} ORDER BY c.doc_id, c.claim_id LIMIT {PAGE}"
            );
            let rows = self.query(&sql, &args)?;
            for r in &rows {
                f(r.get(1), decode(r.get::<_, &str>(2), "claim")?)?;
            }
            match rows.last() {
                Some(r) if rows.len() == PAGE => after = Some((r.get(0), r.get(1))),
                _ => break,
            }
        }
        Ok(())
    }

    /// Metadata of one document, or `None` if it is not stored.
    pub fn document_meta(&self, doc_id: &str) -> anyhow::Result<Option<DocMeta>> {
        let mut a = Args::default();
        let sql = format!(
            "SELECT doc_id, url, title, date, outlet, language, ingested_at FROM documents WHERE doc_id = {}",
            a.add(doc_id)
        );
        Ok(self.query_opt(&sql, &a)?.map(|r| DocMeta {
            doc_id: r.get(0),
            url: r.get(1),
            title: r.get(2),
            date: r.get(3),
            outlet: r.get(4),
            language: r.get(5),
            ingested_at: r.get(6),
        }))
    }

    /// One column of one document.
    fn document_column(&self, column: &str, doc_id: &str) -> anyhow::Result<Option<String>> {
        let mut a = Args::default();
        let sql = format!(
            "SELECT {column} FROM documents WHERE doc_id = {}",
            a.add(doc_id)
        );
        Ok(self.query_opt(&sql, &a)?.map(|r| r.get(0)))
    }

    /// The text all of a document's offsets index, or `None` if it is not stored.
    pub fn document_text(&self, doc_id: &str) -> anyhow::Result<Option<String>> {
        self.document_column("text", doc_id)
    }

    /// Everything the pipeline found in a document, as stored at ingest.
    pub fn annotation(&self, doc_id: &str) -> anyhow::Result<Option<Annotation>> {
        self.document_column("annotation", doc_id)?
            .map(|j| decode(&j, "annotation"))
            .transpose()
    }

    /// A document's metadata and text.
    pub fn document(&self, doc_id: &str) -> anyhow::Result<Option<DocumentInfo>> {
        let mut a = Args::default();
        let sql = format!(
            "SELECT doc_id, url, title, date, outlet, text FROM documents WHERE doc_id = {}",
            a.add(doc_id)
        );
        Ok(self.query_opt(&sql, &a)?.map(|r| DocumentInfo {
            doc_id: r.get(0),
            url: r.get(1),
            title: r.get(2),
            date: r.get(3),
            outlet: r.get(4),
            text: r.get(5),
        }))
    }

    /// The claims of one document with their ids, in mention order.
    pub fn document_claims(&self, doc_id: &str) -> anyhow::Result<Vec<(String, Claim)>> {
        let mut a = Args::default();
        let sql = format!(
            "SELECT claim_id, json FROM claims WHERE doc_id = {} ORDER BY claim_id",
            a.add(doc_id)
        );
        let mut out = Vec::new();
        for r in self.query(&sql, &a)? {
            out.push((r.get(0), decode::<Claim>(r.get::<_, &str>(1), "claim")?));
        }
        out.sort_by_key(|(_, c)| (c.mention.start, c.mention.end));
        Ok(out)
    }

    /// The casualty and captive figures of a document, in text order.
    pub fn claims_for_document(&self, doc_id: &str) -> anyhow::Result<Vec<Claim>> {
        let mut out: Vec<Claim> = self
            .document_claims(doc_id)?
            .into_iter()
            .map(|(_, c)| c)
            .collect();
        out.sort_by_key(|c| (c.mention.start, c.category.as_str()));
        Ok(out)
    }

    /// One event by id.
    pub fn event(&self, event_id: &str) -> anyhow::Result<Option<Event>> {
        let mut a = Args::default();
        let sql = format!(
            "SELECT json FROM events WHERE event_id = {}",
            a.add(event_id)
        );
        self.query_opt(&sql, &a)?
            .map(|r| decode(r.get::<_, &str>(0), "event"))
            .transpose()
    }

    /// Matching events per day, oldest first, undated last.
    pub fn events_by_day(&self, filter: &EventFilter) -> anyhow::Result<Vec<DayCount>> {
        let mut a = Args::default();
        let where_sql = PgStore::filter_conditions(filter, &mut a);
        let q = |n: u8| format!("COUNT(*) FILTER (WHERE e.quad_class = {n})");
        let sql = format!(
            "SELECT e.date, COUNT(*), {}, {}, {}, {} FROM events e{where_sql}
             GROUP BY e.date ORDER BY e.date IS NULL, e.date",
            q(1),
            q(2),
            q(3),
            q(4)
        );
        let n = |r: &postgres::Row, i: usize| r.get::<_, i64>(i) as u64;
        Ok(self
            .query(&sql, &a)?
            .iter()
            .map(|r| DayCount {
                date: r.get(0),
                events: n(r, 1),
                quad: [n(r, 2), n(r, 3), n(r, 4), n(r, 5)],
            })
            .collect())
    }

    /// Who acts on whom, most events first.
    pub fn actor_pairs(&self, filter: &EventFilter) -> anyhow::Result<Vec<ActorPair>> {
        let mut a = Args::default();
        let where_sql = PgStore::filter_conditions(filter, &mut a);
        let cond = and(
            &where_sql,
            "e.source_id IS NOT NULL AND e.target_id IS NOT NULL",
        );
        let sql = format!(
            "SELECT e.source_id, MIN(e.source_code), MIN(e.source_name),
                    e.target_id, MIN(e.target_code), MIN(e.target_name),
                    COUNT(*), COALESCE(SUM(e.goldstein), 0)
             FROM events e{cond}
             GROUP BY e.source_id, e.target_id
             ORDER BY COUNT(*) DESC, e.source_id, e.target_id"
        );
        let s = |r: &postgres::Row, i: usize| r.get::<_, Option<String>>(i).unwrap_or_default();
        Ok(self
            .query(&sql, &a)?
            .iter()
            .map(|r| ActorPair {
                source_id: r.get(0),
                source_code: s(r, 1),
                source_name: s(r, 2),
                target_id: r.get(3),
                target_code: s(r, 4),
                target_name: s(r, 5),
                events: r.get::<_, i64>(6) as u64,
                goldstein_sum: r.get(7),
            })
            .collect())
    }

    /// Matching events with a located place, grouped by place, most events first.
    pub fn event_places(&self, filter: &EventFilter) -> anyhow::Result<Vec<PlaceCount>> {
        let mut a = Args::default();
        let where_sql = PgStore::filter_conditions(filter, &mut a);
        let cond = and(&where_sql, "e.lat IS NOT NULL AND e.lon IS NOT NULL");
        let sql = format!(
            "SELECT e.place_name, MIN(e.place_country), e.lat, e.lon, COUNT(*),
                    COALESCE(SUM(e.goldstein), 0), COUNT(*) FILTER (WHERE e.quad_class >= 3)
             FROM events e{cond}
             GROUP BY e.place_name, e.lat, e.lon
             ORDER BY COUNT(*) DESC, e.place_name"
        );
        Ok(self
            .query(&sql, &a)?
            .iter()
            .map(|r| PlaceCount {
                name: r.get::<_, Option<String>>(0).unwrap_or_default(),
                country: r.get(1),
                lat: r.get(2),
                lon: r.get(3),
                events: r.get::<_, i64>(4) as u64,
                goldstein_sum: r.get(5),
                conflict: r.get::<_, i64>(6) as u64,
            })
            .collect())
    }

    /// Stories that events have been assigned to, most recent last date first.
    pub fn story_summaries(&self) -> anyhow::Result<Vec<StorySummary>> {
        let sql = "SELECT e.story_id, COUNT(*), COUNT(DISTINCT e.doc_id), MIN(e.date), MAX(e.date),
                    (SELECT s.title FROM stories s WHERE s.story_id = e.story_id)
             FROM events e WHERE e.story_id IS NOT NULL
             GROUP BY e.story_id ORDER BY MAX(e.date) IS NULL, MAX(e.date) DESC, e.story_id";
        Ok(self
            .query(sql, &Args::default())?
            .iter()
            .map(|r| StorySummary {
                story_id: r.get(0),
                events: r.get::<_, i64>(1) as u64,
                documents: r.get::<_, i64>(2) as u64,
                first_date: r.get(3),
                last_date: r.get(4),
                title: r.get(5),
            })
            .collect())
    }

    /// Stories, most recent first, with their documents and copies.
    pub fn stories(&self) -> anyhow::Result<Vec<StoryRow>> {
        let sql = "SELECT s.story_id, s.title, s.first_date, s.last_date, s.num_docs,
                    (SELECT COUNT(*) FROM merged_events m WHERE m.story_id = s.story_id)
             FROM stories s ORDER BY s.last_date IS NULL, s.last_date DESC, s.num_docs DESC, s.story_id";
        let mut out: Vec<StoryRow> = self
            .query(sql, &Args::default())?
            .iter()
            .map(|r| StoryRow {
                story_id: r.get(0),
                title: r.get(1),
                first_date: r.get(2),
                last_date: r.get(3),
                num_docs: r.get::<_, i64>(4) as usize,
                num_events: r.get::<_, i64>(5) as usize,
                doc_ids: Vec::new(),
                copies: Vec::new(),
            })
            .collect();
        let mut docs: HashMap<String, StoryDocs> = HashMap::new();
        let rows = self.query(
            "SELECT story_id, doc_id, copy_of FROM documents WHERE story_id IS NOT NULL ORDER BY doc_id",
            &Args::default(),
        )?;
        for r in &rows {
            let entry = docs.entry(r.get(0)).or_default();
            let doc: String = r.get(1);
            if let Some(o) = r.get::<_, Option<String>>(2) {
                entry.1.push((doc.clone(), o));
            }
            entry.0.push(doc);
        }
        for s in &mut out {
            if let Some((d, c)) = docs.remove(&s.story_id) {
                s.doc_ids = d;
                s.copies = c;
            }
        }
        Ok(out)
    }

    pub fn story(&self, story_id: &str) -> anyhow::Result<Option<StoryRow>> {
        Ok(self.stories()?.into_iter().find(|s| s.story_id == story_id))
    }

    /// Rows of a query with one text parameter whose first column is JSON, decoded.
    fn json_rows<T: serde::de::DeserializeOwned>(
        &self,
        sql: &str,
        arg: &str,
    ) -> anyhow::Result<Vec<T>> {
        let a = Args(vec![arg.to_string()]);
        self.query(sql, &a)?
            .iter()
            .map(|r| decode(r.get::<_, &str>(0), "row"))
            .collect()
    }

    /// The merged events of a story in date order.
    pub fn merged_events(&self, story_id: &str) -> anyhow::Result<Vec<MergedEvent>> {
        self.json_rows(
            "SELECT json FROM merged_events WHERE story_id = $1 ORDER BY date IS NULL, date, merged_id",
            story_id,
        )
    }

    /// The casualty and captive figures of a story's documents.
    pub fn story_claims(&self, story_id: &str) -> anyhow::Result<Vec<Claim>> {
        self.json_rows(
            "SELECT c.json FROM claims c JOIN documents d ON d.doc_id = c.doc_id WHERE d.story_id = $1
             ORDER BY c.category, c.date NULLS FIRST, c.claim_id",
            story_id,
        )
    }

    /// The events of a story.
    pub fn story_events(&self, story_id: &str) -> anyhow::Result<Vec<Event>> {
        self.json_rows(
            "SELECT json FROM events WHERE story_id = $1 ORDER BY event_id",
            story_id,
        )
    }
}

//! The embedded SQLite store.

use crate::{Counts, EventFilter, PutOutcome, Store};
use anyhow::Context;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, ToSql};
use sitrep_model::{stable_id, Annotation, Claim, DocError, Document, Event};
use std::path::Path;

/// Schema migrations, applied in order; the index is the schema version.
const MIGRATIONS: &[&str] = &[
    // 1: documents, events, claims, errors, full-text index
    r#"
    CREATE TABLE documents (
        rowid INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL,
        url TEXT, title TEXT, date TEXT, date_source TEXT, language TEXT,
        outlet TEXT, origin TEXT, skipped TEXT,
        text TEXT NOT NULL,
        annotation TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX documents_hash ON documents(content_hash);
    CREATE INDEX documents_date ON documents(date);
    CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='rowid');
    CREATE TABLE events (
        event_id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(doc_id),
        date TEXT, date_precision TEXT,
        source_id TEXT, source_code TEXT, source_country TEXT,
        target_id TEXT, target_code TEXT, target_country TEXT,
        cameo_code TEXT NOT NULL, cameo_root TEXT NOT NULL,
        plover_event TEXT, modality TEXT NOT NULL, confidence REAL,
        story_id TEXT,
        json TEXT NOT NULL
    );
    CREATE INDEX events_date ON events(date, event_id);
    CREATE INDEX events_doc ON events(doc_id);
    CREATE INDEX events_source ON events(source_code);
    CREATE INDEX events_target ON events(target_code);
    CREATE INDEX events_cameo ON events(cameo_code);
    CREATE TABLE claims (
        claim_id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(doc_id),
        category TEXT NOT NULL, low INTEGER, best INTEGER, high INTEGER,
        claimant_id TEXT, date TEXT,
        json TEXT NOT NULL
    );
    CREATE INDEX claims_doc ON claims(doc_id);
    CREATE TABLE errors (
        id INTEGER PRIMARY KEY,
        origin TEXT NOT NULL, doc_id TEXT, message TEXT NOT NULL,
        first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, count INTEGER NOT NULL DEFAULT 1,
        UNIQUE(origin, message)
    );
    "#,
    // 2: stories, syndicated copies, merged events, inferred dates
    r#"
    ALTER TABLE documents ADD COLUMN story_id TEXT;
    ALTER TABLE documents ADD COLUMN copy_of TEXT;
    ALTER TABLE documents ADD COLUMN inferred_date TEXT;
    ALTER TABLE events ADD COLUMN merged_id TEXT;
    CREATE INDEX events_story ON events(story_id);
    CREATE INDEX documents_story ON documents(story_id);
    CREATE TABLE signatures (doc_id TEXT PRIMARY KEY, signature BLOB NOT NULL);
    CREATE TABLE lsh (band INTEGER NOT NULL, key INTEGER NOT NULL, doc_id TEXT NOT NULL);
    CREATE INDEX lsh_key ON lsh(band, key);
    CREATE TABLE stories (
        story_id TEXT PRIMARY KEY, title TEXT NOT NULL, first_date TEXT, last_date TEXT,
        num_docs INTEGER NOT NULL, state TEXT NOT NULL
    );
    CREATE TABLE merged_events (
        merged_id TEXT PRIMARY KEY, story_id TEXT, date TEXT, json TEXT NOT NULL
    );
    CREATE INDEX merged_story ON merged_events(story_id, date);
    "#,
];

/// What the store knows about a document besides its text and annotation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocMeta {
    pub doc_id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub language: Option<String>,
    /// When the document was stored, `YYYY-MM-DDTHH:MM:SSZ`.
    pub ingested_at: String,
}

pub struct SqliteStore {
    pub(crate) conn: Connection,
    in_tx: bool,
}

fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl SqliteStore {
    /// Open (creating if needed) a store file and bring its schema up to date.
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        let conn = Connection::open(path).with_context(|| format!("opening {}", path.display()))?;
        Self::setup(conn)
    }

    /// A store in memory (tests).
    pub fn in_memory() -> anyhow::Result<Self> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(conn: Connection) -> anyhow::Result<Self> {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version as usize > MIGRATIONS.len() {
            anyhow::bail!(
                "the store has schema version {version}, newer than this sitrep understands ({}); upgrade sitrep",
                MIGRATIONS.len()
            );
        }
        for (i, m) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = conn.unchecked_transaction()?;
            tx.execute_batch(m)
                .with_context(|| format!("applying migration {}", i + 1))?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        Ok(SqliteStore { conn, in_tx: false })
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn where_clause(f: &EventFilter) -> (String, Vec<Box<dyn ToSql>>) {
        let (mut sql, args) = Self::filter_conditions(f);
        sql.push_str(" ORDER BY e.date IS NULL, e.date, e.event_id");
        if let Some(l) = f.limit {
            sql.push_str(&format!(" LIMIT {l}"));
            if let Some(o) = f.offset {
                sql.push_str(&format!(" OFFSET {o}"));
            }
        } else if let Some(o) = f.offset {
            sql.push_str(&format!(" LIMIT -1 OFFSET {o}"));
        }
        (sql, args)
    }

    /// The ` WHERE …` part of a filter over `events e` (empty when the filter
    /// is empty), without ordering or paging; `limit`/`offset` are ignored.
    pub(crate) fn filter_conditions(f: &EventFilter) -> (String, Vec<Box<dyn ToSql>>) {
        let mut conds: Vec<String> = Vec::new();
        let mut args: Vec<Box<dyn ToSql>> = Vec::new();
        if let Some(d) = f.since {
            conds.push("e.date >= ?".into());
            args.push(Box::new(d.to_string()));
        }
        if let Some(d) = f.until {
            conds.push("e.date <= ?".into());
            args.push(Box::new(d.to_string()));
        }
        if let Some(a) = &f.actor {
            conds.push("(e.source_id = ? OR e.target_id = ? OR e.source_code LIKE ? OR e.target_code LIKE ?)".into());
            args.push(Box::new(a.clone()));
            args.push(Box::new(a.clone()));
            args.push(Box::new(format!("{}%", a.to_uppercase())));
            args.push(Box::new(format!("{}%", a.to_uppercase())));
        }
        if let Some(c) = &f.country {
            conds.push("(e.source_country = ? OR e.target_country = ?)".into());
            args.push(Box::new(c.to_uppercase()));
            args.push(Box::new(c.to_uppercase()));
        }
        if let Some(c) = &f.cameo {
            conds.push("e.cameo_code LIKE ?".into());
            args.push(Box::new(format!("{c}%")));
        }
        if let Some(p) = &f.plover {
            conds.push("e.plover_event = ?".into());
            args.push(Box::new(p.to_uppercase()));
        }
        if let Some(s) = &f.story {
            conds.push("e.story_id = ?".into());
            args.push(Box::new(s.clone()));
        }
        if let Some(d) = &f.doc_id {
            conds.push("e.doc_id = ?".into());
            args.push(Box::new(d.clone()));
        }
        if let Some(t) = &f.text {
            conds.push("e.doc_id IN (SELECT d.doc_id FROM documents d JOIN documents_fts ON documents_fts.rowid = d.rowid WHERE documents_fts MATCH ?)".into());
            args.push(Box::new(t.clone()));
        }
        let mut sql = String::new();
        if !conds.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conds.join(" AND "));
        }
        (sql, args)
    }
}

/// Read access used by exports: per-document metadata, text and claims, and counts.
impl SqliteStore {
    /// Metadata of one document, or `None` if it is not stored.
    pub fn document_meta(&self, doc_id: &str) -> anyhow::Result<Option<DocMeta>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT doc_id, url, title, date, outlet, language, ingested_at FROM documents WHERE doc_id = ?",
        )?;
        Ok(stmt
            .query_row([doc_id], |r| {
                Ok(DocMeta {
                    doc_id: r.get(0)?,
                    url: r.get(1)?,
                    title: r.get(2)?,
                    date: r.get(3)?,
                    outlet: r.get(4)?,
                    language: r.get(5)?,
                    ingested_at: r.get(6)?,
                })
            })
            .optional()?)
    }

    /// The text all of a document's offsets index, or `None` if it is not stored.
    pub fn document_text(&self, doc_id: &str) -> anyhow::Result<Option<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT text FROM documents WHERE doc_id = ?")?;
        Ok(stmt.query_row([doc_id], |r| r.get(0)).optional()?)
    }

    /// The claims of one document with their ids, in mention order.
    pub fn document_claims(&self, doc_id: &str) -> anyhow::Result<Vec<(String, Claim)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT claim_id, json FROM claims WHERE doc_id = ?")?;
        let mut rows = stmt.query([doc_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let json: String = r.get(1)?;
            let c: Claim = serde_json::from_str(&json).context("decoding a stored claim")?;
            out.push((r.get(0)?, c));
        }
        out.sort_by_key(|(_, c)| (c.mention.start, c.mention.end));
        Ok(out)
    }

    /// Visit, one at a time, the claims of every document holding at least one
    /// event that matches the filter (ordered by document, then claim id).
    pub fn for_each_claim(
        &self,
        filter: &EventFilter,
        f: &mut dyn FnMut(String, Claim) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let (where_sql, args) = Self::where_clause(filter);
        let sql = format!(
            "SELECT c.claim_id, c.json FROM claims c WHERE c.doc_id IN (SELECT e.doc_id FROM events e{where_sql}) ORDER BY c.doc_id, c.claim_id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(args.iter().map(|b| b.as_ref())))?;
        while let Some(r) = rows.next()? {
            let json: String = r.get(1)?;
            let c: Claim = serde_json::from_str(&json).context("decoding a stored claim")?;
            f(r.get(0)?, c)?;
        }
        Ok(())
    }

    /// How many events a filter yields, its limit and offset included.
    pub fn count_events_page(&self, filter: &EventFilter) -> anyhow::Result<u64> {
        let (where_sql, args) = Self::where_clause(filter);
        let sql = format!("SELECT COUNT(*) FROM (SELECT 1 FROM events e{where_sql})");
        let n: i64 = self.conn.query_row(
            &sql,
            params_from_iter(args.iter().map(|b| b.as_ref())),
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }
}

impl Store for SqliteStore {
    fn seen(&self, doc: &Document) -> anyhow::Result<Option<PutOutcome>> {
        let by_id: Option<i64> = self
            .conn
            .query_row("SELECT 1 FROM documents WHERE doc_id = ?", [&doc.id], |r| {
                r.get(0)
            })
            .optional()?;
        if by_id.is_some() {
            return Ok(Some(PutOutcome::DuplicateId));
        }
        // The same text again is the same document, unless it comes from
        // another address: then it is a syndicated copy, stored and linked
        // to its original by the story stage.
        let mut stmt = self
            .conn
            .prepare_cached("SELECT url FROM documents WHERE content_hash = ?")?;
        let urls: Vec<Option<String>> = stmt
            .query_map([doc.content_hash()], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let same = urls
            .iter()
            .any(|u| u.is_none() || doc.url.is_none() || u == &doc.url);
        Ok(same.then_some(PutOutcome::DuplicateContent))
    }

    fn put(&mut self, doc: &Document, ann: &Annotation) -> anyhow::Result<PutOutcome> {
        if let Some(o) = self.seen(doc)? {
            return Ok(o);
        }
        let own_tx = !self.in_tx;
        if own_tx {
            self.conn.execute_batch("BEGIN")?;
        }
        let result = (|| -> anyhow::Result<()> {
            let date_source = serde_json::to_value(doc.date_source)?
                .as_str()
                .unwrap_or("none")
                .to_string();
            self.conn.execute(
                "INSERT INTO documents (doc_id, content_hash, url, title, date, date_source, language, outlet, origin, skipped, text, annotation, ingested_at)
                 VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                params![
                    doc.id,
                    doc.content_hash(),
                    doc.url,
                    doc.title,
                    doc.date.map(|d| d.to_string()),
                    date_source,
                    ann.language,
                    doc.outlet,
                    doc.origin,
                    ann.skipped,
                    doc.text,
                    serde_json::to_string(ann)?,
                    now(),
                ],
            )?;
            let rowid = self.conn.last_insert_rowid();
            self.conn.execute(
                "INSERT INTO documents_fts (rowid, title, text) VALUES (?,?,?)",
                params![rowid, doc.title.clone().unwrap_or_default(), doc.text],
            )?;
            let mut ins = self.conn.prepare_cached(
                "INSERT OR REPLACE INTO events (event_id, doc_id, date, date_precision, source_id, source_code, source_country,
                   target_id, target_code, target_country, cameo_code, cameo_root, plover_event, modality, confidence, json)
                 VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            )?;
            for e in &ann.events {
                ins.execute(params![
                    e.event_id,
                    e.doc_id,
                    e.date.map(|d| d.to_string()),
                    serde_json::to_value(e.date_precision)?
                        .as_str()
                        .unwrap_or("none")
                        .to_string(),
                    e.source.as_ref().map(|a| a.id.clone()),
                    e.source.as_ref().map(|a| a.code.clone()),
                    e.source.as_ref().and_then(|a| a.country.clone()),
                    e.target.as_ref().map(|a| a.id.clone()),
                    e.target.as_ref().map(|a| a.code.clone()),
                    e.target.as_ref().and_then(|a| a.country.clone()),
                    e.cameo.code,
                    e.cameo.root,
                    e.plover.event,
                    e.modality.as_str(),
                    e.confidence,
                    serde_json::to_string(e)?,
                ])?;
            }
            let mut ins = self.conn.prepare_cached(
                "INSERT OR REPLACE INTO claims (claim_id, doc_id, category, low, best, high, claimant_id, date, json) VALUES (?,?,?,?,?,?,?,?,?)",
            )?;
            for c in &ann.claims {
                let id = stable_id(
                    "cl-",
                    &[&c.doc_id, &c.mention.start.to_string(), c.category.as_str()],
                );
                ins.execute(params![
                    id,
                    c.doc_id,
                    c.category.as_str(),
                    c.low.map(|v| v as i64),
                    c.best.map(|v| v as i64),
                    c.high.map(|v| v as i64),
                    c.claimant.as_ref().map(|a| a.id.clone()),
                    c.date.map(|d| d.to_string()),
                    serde_json::to_string(c)?,
                ])?;
            }
            Ok(())
        })();
        match result {
            Ok(()) => {
                if own_tx {
                    self.conn.execute_batch("COMMIT")?;
                }
                Ok(PutOutcome::Stored)
            }
            Err(e) => {
                if own_tx {
                    let _ = self.conn.execute_batch("ROLLBACK");
                }
                Err(e)
            }
        }
    }

    fn put_error(&mut self, err: &DocError) -> anyhow::Result<()> {
        let t = now();
        self.conn.execute(
            "INSERT INTO errors (origin, doc_id, message, first_seen, last_seen) VALUES (?,?,?,?,?)
             ON CONFLICT(origin, message) DO UPDATE SET last_seen = excluded.last_seen, count = count + 1",
            params![err.origin, err.doc_id, err.message, t, t],
        )?;
        Ok(())
    }

    fn events(&self, filter: &EventFilter) -> anyhow::Result<Vec<Event>> {
        let mut out = Vec::new();
        self.for_each_event(filter, &mut |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    fn for_each_event(
        &self,
        filter: &EventFilter,
        f: &mut dyn FnMut(Event) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let (where_sql, args) = Self::where_clause(filter);
        let sql = format!("SELECT e.json FROM events e{where_sql}");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(args.iter().map(|b| b.as_ref())))?;
        while let Some(r) = rows.next()? {
            let json: String = r.get(0)?;
            let e: Event = serde_json::from_str(&json).context("decoding a stored event")?;
            f(e)?;
        }
        Ok(())
    }

    fn counts(&self) -> anyhow::Result<Counts> {
        let c = |t: &str| -> anyhow::Result<u64> {
            Ok(self
                .conn
                .query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| {
                    r.get::<_, i64>(0)
                })? as u64)
        };
        Ok(Counts {
            documents: c("documents")?,
            events: c("events")?,
            claims: c("claims")?,
            errors: c("errors")?,
        })
    }

    fn begin(&mut self) -> anyhow::Result<()> {
        if !self.in_tx {
            self.conn.execute_batch("BEGIN")?;
            self.in_tx = true;
        }
        Ok(())
    }

    fn commit(&mut self) -> anyhow::Result<()> {
        if self.in_tx {
            self.conn.execute_batch("COMMIT")?;
            self.in_tx = false;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::*;

    fn doc(id: &str, text: &str) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            date: chrono::NaiveDate::from_ymd_opt(2020, 10, 10),
            ..Default::default()
        }
    }

    fn ann(d: &Document) -> Annotation {
        Annotation {
            doc_id: d.id.clone(),
            url: None,
            title: None,
            date: d.date,
            date_source: DateSource::Record,
            language: Some("eng".into()),
            skipped: None,
            text: d.text.clone(),
            clean_text: d.text.clone(),
            removed: vec![],
            sentences: vec![],
            actors: vec![],
            places: vec![],
            timexes: vec![],
            claims: vec![],
            events: vec![],
        }
    }

    #[test]
    fn export_reads_meta_text_claims_and_counts() {
        let mut s = SqliteStore::in_memory().unwrap();
        let mut d = doc("a", "Twelve people were killed in Ganja.");
        d.url = Some("https://example.org/a".into());
        let mut an = ann(&d);
        let mention = Mention {
            doc_id: "a".into(),
            sentence: 0,
            start: 0,
            end: 35,
            text: d.text.clone(),
        };
        an.claims.push(Claim {
            kind: "claim".into(),
            doc_id: "a".into(),
            category: ClaimCategory::Killed,
            low: Some(12),
            best: Some(12),
            high: Some(12),
            claimant: None,
            subject: Some("people".into()),
            date: d.date,
            location: None,
            mention: mention.clone(),
            why: "12 killed".into(),
        });
        an.events.push(Event {
            kind: "event".into(),
            event_id: "ev-1".into(),
            doc_id: "a".into(),
            date: d.date,
            date_precision: DatePrecision::Day,
            date_source: EventDateSource::Document,
            source: None,
            target: Some(Actor {
                id: "PPL".into(),
                code: "PPL".into(),
                country: None,
                sector: None,
                name: "PPL".into(),
                text: "people".into(),
                start: 7,
                end: 13,
            }),
            cameo: Cameo {
                code: "190".into(),
                base: "190".into(),
                root: "19".into(),
                goldstein: -10.0,
                quad_class: 4,
                label: "Fight".into(),
            },
            plover: Plover {
                event: Some("ASSAULT".into()),
                mode: None,
            },
            modality: Modality::Asserted,
            claimant: None,
            location: None,
            confidence: 0.5,
            mentions: vec![mention],
            explanation: Explanation {
                sentence: d.text.clone(),
                predicate: "killed".into(),
                predicate_start: 18,
                predicate_end: 24,
                pattern: String::new(),
                rules: vec![],
            },
            group: None,
            uncoded_source: None,
            uncoded_target: None,
        });
        s.put(&d, &an).unwrap();
        let b = doc("b", "Nothing happened.");
        s.put(&b, &ann(&b)).unwrap();

        let m = s.document_meta("a").unwrap().unwrap();
        assert_eq!(m.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(m.date.as_deref(), Some("2020-10-10"));
        assert_eq!(m.ingested_at.len(), 20);
        assert!(s.document_meta("zz").unwrap().is_none());
        assert_eq!(s.document_text("a").unwrap().unwrap(), d.text);
        assert_eq!(s.document_claims("a").unwrap().len(), 1);
        assert_eq!(s.count_events(&EventFilter::default()).unwrap(), 1);
        let none = EventFilter {
            cameo: Some("04".into()),
            ..Default::default()
        };
        assert_eq!(s.count_events(&none).unwrap(), 0);
        let mut seen = Vec::new();
        s.for_each_claim(&EventFilter::default(), &mut |id, c| {
            seen.push((id, c.best));
            Ok(())
        })
        .unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].1, Some(12));
        let mut n = 0;
        s.for_each_claim(&none, &mut |_, _| {
            n += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(n, 0, "no matching event, so no document's claims");
    }

    #[test]
    fn idempotent_puts_and_errors() {
        let mut s = SqliteStore::in_memory().unwrap();
        let a = doc("a", "Armenia and Azerbaijan agreed to a ceasefire.");
        assert_eq!(s.put(&a, &ann(&a)).unwrap(), PutOutcome::Stored);
        assert_eq!(s.put(&a, &ann(&a)).unwrap(), PutOutcome::DuplicateId);
        let b = doc("b", "Armenia and Azerbaijan agreed to a ceasefire.  ");
        assert_eq!(s.put(&b, &ann(&b)).unwrap(), PutOutcome::DuplicateContent);
        let e = DocError {
            origin: "x.jsonl:2".into(),
            doc_id: None,
            message: "malformed JSON".into(),
        };
        s.put_error(&e).unwrap();
        s.put_error(&e).unwrap();
        let c = s.counts().unwrap();
        assert_eq!((c.documents, c.errors), (1, 1));
    }
}

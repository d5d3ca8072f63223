//! The embedded SQLite store.

use crate::keep::{same_id, same_text, StoredCopy, Verdict};
use crate::{Counts, EventFilter, PutOutcome, Store, TextSyntax};
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
    // 3: the orders the link pass and event listings read in, so that they
    // walk an index instead of sorting the whole table in a temporary
    // B-tree (on a 16,500-document store the link pass sorted every
    // document's annotation, about 700 MB, to read them in date order)
    r#"
    CREATE INDEX documents_link_order ON documents(date IS NULL, date, doc_id);
    CREATE INDEX events_order ON events(date IS NULL, date, event_id);
    "#,
    // 4: events_date duplicated events_order for every event: date ranges
    // now read events_order (see `filter_conditions`). Each index keyed by
    // date and a hashed id takes a write to a scattered page per event; at
    // 100,000 documents those writes set the ingest's pace.
    r#"
    DROP INDEX IF EXISTS events_date;
    "#,
];

/// How long a writer waits for another process's write transaction before
/// giving up. Ingest batches hold the lock for well under a second.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(600);

/// A writer's page cache, in KiB. SQLite's default (2 MiB) holds the
/// indexes of a few thousand documents; past that, every insert into an
/// index keyed by a hashed id reads its page back from the file. 64 MiB
/// holds the pages a batch touches in a store of 100,000 documents, and cut
/// an ingest's system time there by a quarter (BENCHMARKS.md).
const WRITER_CACHE_KIB: i64 = 64 * 1024;

/// Pages the write-ahead log may hold before a commit copies them into the
/// store (SQLite's default is 1,000, 4 MB). One batch of 128 documents
/// writes more than that, so every commit paid for a checkpoint and its
/// fsync, and an index page changed by eight batches was copied eight
/// times. 20,000 pages (80 MB) copies it once.
const CHECKPOINT_PAGES: i64 = 20_000;

/// Whether this process has said it is waiting for the store's lock.
static SAID_WAITING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// SQLite's busy handler: called with the number of earlier calls while
/// another connection holds the lock. Sleeps 10 ms and retries, for up to
/// [`LOCK_WAIT`]; after a second it says (once per process) that it waits.
fn wait_for_lock(retries: i32) -> bool {
    const STEP_MS: u64 = 10;
    let waited_ms = retries.max(0) as u64 * STEP_MS;
    if waited_ms >= LOCK_WAIT.as_millis() as u64 {
        return false;
    }
    if waited_ms >= 1000 && !SAID_WAITING.swap(true, std::sync::atomic::Ordering::Relaxed) {
        eprintln!("sitrep: the store is locked by another writer; waiting for it");
    }
    std::thread::sleep(std::time::Duration::from_millis(STEP_MS));
    true
}

/// Whether a filter bounds events' dates. Such a listing is read as a range
/// of the `events_order` index: its condition and its order are both spelled
/// for that (`filter_conditions`, `where_clause`), so the two ask this once.
fn has_date_range(f: &EventFilter) -> bool {
    f.since.is_some() || f.until.is_some()
}

/// Bring the schema up to date under the write lock (`BEGIN IMMEDIATE`):
/// when two processes create a store at once, the second finds the first's
/// tables made and applies nothing.
fn migrate(conn: &Connection) -> anyhow::Result<()> {
    let version = |c: &Connection| -> anyhow::Result<usize> {
        let v: i64 = c.pragma_query_value(None, "user_version", |r| r.get(0))?;
        Ok(v.max(0) as usize)
    };
    if version(conn)? == MIGRATIONS.len() {
        return Ok(());
    }
    conn.execute_batch("BEGIN IMMEDIATE")
        .context("taking the write lock to migrate the schema")?;
    let result = (|| -> anyhow::Result<()> {
        let v = version(conn)?;
        if v > MIGRATIONS.len() {
            anyhow::bail!(
                "the store has schema version {v}, newer than this sitrep understands ({}); upgrade sitrep",
                MIGRATIONS.len()
            );
        }
        for (i, m) in MIGRATIONS.iter().enumerate().skip(v) {
            conn.execute_batch(m)
                .with_context(|| format!("applying migration {}", i + 1))?;
            conn.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => Ok(conn.execute_batch("COMMIT")?),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

/// The stored id of a claim: every field that makes it a distinct fact
/// (where it is said, what it counts, the figures), so that two figures
/// whose mentions start at one offset keep two ids. Seen in "the death toll
/// rose to 1,121, including 865 Palestinians and 234 Israelis", where the
/// id of start offset and category alone merged two of its three claims.
pub fn claim_id(c: &Claim) -> String {
    let n = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    stable_id(
        "cl-",
        &[
            &c.doc_id,
            &c.mention.start.to_string(),
            &c.mention.end.to_string(),
            c.category.as_str(),
            &n(c.low),
            &n(c.best),
            &n(c.high),
            c.subject.as_deref().unwrap_or(""),
            c.claimant.as_ref().map(|a| a.id.as_str()).unwrap_or(""),
        ],
    )
}

/// Plain words as an FTS5 query: each whitespace-separated word becomes a
/// quoted string (its own quotes doubled), so the index tokenises it as it
/// does the documents and no character of it is read as syntax.
/// `cease-fire` matches "cease-fire" and "cease fire", `U.S.` matches "U.S.",
/// and a word of punctuation alone (`*`) matches nothing rather than failing.
pub fn fts_words(text: &str) -> String {
    text.split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// When an error comes from a full-text query the index could not read
/// (FTS5 syntax given by a user), a short reason; `None` for other errors.
pub fn text_query_error(e: &anyhow::Error) -> Option<String> {
    e.chain()
        .find_map(|c| match c.downcast_ref::<rusqlite::Error>()? {
            rusqlite::Error::SqliteFailure(_, Some(msg))
                if msg.starts_with("fts5:")
                    || msg.starts_with("unterminated string")
                    || msg.starts_with("no such column")
                    || msg.starts_with("unknown special query")
                    || msg.contains("MATCH") =>
            {
                Some(msg.trim_start_matches("fts5:").trim().to_string())
            }
            _ => None,
        })
}

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
    /// Several processes may open and write one store at once: a writer
    /// waits for another's transaction to end (saying so once a second has
    /// passed), and migrations run under the write lock.
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        let conn = Connection::open(path).with_context(|| format!("opening {}", path.display()))?;
        Self::setup(conn)
    }

    /// Open an existing store for reading only (the server): the file is
    /// opened read-only, nothing is migrated, and writes are refused.
    pub fn open_read_only(path: &Path) -> anyhow::Result<Self> {
        use rusqlite::OpenFlags;
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("opening {} read-only", path.display()))?;
        conn.busy_handler(Some(wait_for_lock))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version as usize != MIGRATIONS.len() {
            anyhow::bail!(
                "{} has schema version {version}, this sitrep reads version {}; \
                 run `sitrep ingest --db {}` once to upgrade it",
                path.display(),
                MIGRATIONS.len(),
                path.display()
            );
        }
        Ok(SqliteStore { conn, in_tx: false })
    }

    /// A store in memory (tests).
    pub fn in_memory() -> anyhow::Result<Self> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> anyhow::Result<Self> {
        conn.busy_handler(Some(wait_for_lock))?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .context("setting the WAL journal mode")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "cache_size", -WRITER_CACHE_KIB)?;
        conn.pragma_update(None, "wal_autocheckpoint", CHECKPOINT_PAGES)?;
        migrate(&conn)?;
        Ok(SqliteStore { conn, in_tx: false })
    }

    /// A number that changes when another connection (another process)
    /// commits to the store: state derived from the store must be reloaded.
    pub fn data_version(&self) -> anyhow::Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn where_clause(f: &EventFilter) -> (String, Vec<Box<dyn ToSql>>) {
        let (mut sql, args) = Self::filter_conditions(f);
        // the same order either way: a date range holds no undated event,
        // and said without the IS NULL term SQLite reads it from the index
        // instead of sorting the range
        if has_date_range(f) {
            sql.push_str(" ORDER BY e.date, e.event_id");
        } else {
            sql.push_str(" ORDER BY e.date IS NULL, e.date, e.event_id");
        }
        // SQLite integers are signed 64-bit: larger values mean "all" or "past the end"
        let big = |v: usize| v.min(i64::MAX as usize);
        if let Some(l) = f.limit {
            sql.push_str(&format!(" LIMIT {}", big(l)));
            if let Some(o) = f.offset {
                sql.push_str(&format!(" OFFSET {}", big(o)));
            }
        } else if let Some(o) = f.offset {
            sql.push_str(&format!(" LIMIT -1 OFFSET {}", big(o)));
        }
        (sql, args)
    }

    /// The ` WHERE …` part of a filter over `events e` (empty when the filter
    /// is empty), without ordering or paging; `limit`/`offset` are ignored.
    pub(crate) fn filter_conditions(f: &EventFilter) -> (String, Vec<Box<dyn ToSql>>) {
        let mut conds: Vec<String> = Vec::new();
        let mut args: Vec<Box<dyn ToSql>> = Vec::new();
        if has_date_range(f) {
            // spelled as in the events_order index, so that a date range is
            // a range of that index
            conds.push("(e.date IS NULL) = 0".into());
        }
        if let Some(d) = f.since {
            conds.push("e.date >= ?".into());
            args.push(Box::new(d.to_string()));
        }
        if let Some(d) = f.until {
            conds.push("e.date <= ?".into());
            args.push(Box::new(d.to_string()));
        }
        if let Some(a) = &f.actor {
            // a code prefix compared as a string: `%` and `_` are not wildcards
            conds.push("(e.source_id = ? OR e.target_id = ? OR substr(e.source_code, 1, length(?)) = ? OR substr(e.target_code, 1, length(?)) = ?)".into());
            args.push(Box::new(a.clone()));
            args.push(Box::new(a.clone()));
            for _ in 0..4 {
                args.push(Box::new(a.to_uppercase()));
            }
        }
        if let Some(c) = &f.country {
            conds.push("(e.source_country = ? OR e.target_country = ?)".into());
            args.push(Box::new(c.to_uppercase()));
            args.push(Box::new(c.to_uppercase()));
        }
        if let Some(c) = &f.cameo {
            conds.push("substr(e.cameo_code, 1, length(?)) = ?".into());
            args.push(Box::new(c.clone()));
            args.push(Box::new(c.clone()));
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
            args.push(Box::new(match f.text_syntax {
                TextSyntax::Words => fts_words(t),
                TextSyntax::Fts5 => t.clone(),
            }));
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
    /// What a put of `doc` would do now (see [`crate::keep`]).
    fn verdict(&self, doc: &Document) -> anyhow::Result<Verdict> {
        let by_id: Option<String> = self
            .conn
            .query_row(
                "SELECT content_hash FROM documents WHERE doc_id = ?",
                [&doc.id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(hash) = by_id {
            return Ok(Verdict::Refuse(same_id(&hash, doc)));
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT doc_id, url FROM documents WHERE content_hash = ?")?;
        let stored: Vec<StoredCopy> = stmt
            .query_map([doc.content_hash()], |r| {
                Ok(StoredCopy {
                    doc_id: r.get(0)?,
                    url: r.get(1)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(same_text(&stored, doc))
    }

    /// Remove a stored document with its events, claims and full-text
    /// entry (a copy another one replaces); how many events and claims
    /// went. Its links go at the next link pass.
    fn remove_document(&self, doc_id: &str) -> anyhow::Result<(u64, u64)> {
        let (rowid, title, text): (i64, Option<String>, String) = self.conn.query_row(
            "SELECT rowid, title, text FROM documents WHERE doc_id = ?",
            [doc_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        self.conn.execute(
            "INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
            params![rowid, title.unwrap_or_default(), text],
        )?;
        let events = self
            .conn
            .execute("DELETE FROM events WHERE doc_id = ?", [doc_id])?;
        let claims = self
            .conn
            .execute("DELETE FROM claims WHERE doc_id = ?", [doc_id])?;
        self.conn
            .execute("DELETE FROM documents WHERE doc_id = ?", [doc_id])?;
        Ok((events as u64, claims as u64))
    }

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
        let verdict = self
            .verdict(doc)
            .with_context(|| format!("checking whether {} is stored", doc.id))?;
        Ok(match verdict {
            Verdict::Refuse(o) => Some(o),
            Verdict::Store | Verdict::Replace { .. } => None,
        })
    }

    fn put(&mut self, doc: &Document, ann: &Annotation) -> anyhow::Result<PutOutcome> {
        let own_tx = !self.in_tx;
        // a stored document is refused without waiting for the lock
        if own_tx {
            if let Some(o) = self.seen(doc)? {
                return Ok(o);
            }
        }
        if own_tx {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
        }
        // under the write lock: another process may have stored it meanwhile
        let verdict = self
            .verdict(doc)
            .with_context(|| format!("checking whether {} is stored", doc.id))?;
        if let Verdict::Refuse(o) = verdict {
            if own_tx {
                self.conn.execute_batch("ROLLBACK")?;
            }
            return Ok(o);
        }
        let result = (|| -> anyhow::Result<PutOutcome> {
            let outcome = match verdict {
                Verdict::Replace { doc_id, same_url } => {
                    let (events, claims) = self.remove_document(&doc_id)?;
                    PutOutcome::Replaced {
                        same_url,
                        events,
                        claims,
                    }
                }
                _ => PutOutcome::Stored,
            };
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
                let id = claim_id(c);
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
            Ok(outcome)
        })();
        match result {
            Ok(outcome) => {
                if own_tx {
                    self.conn.execute_batch("COMMIT")?;
                }
                Ok(outcome)
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
            // take the write lock now: a deferred transaction that reads and
            // then writes fails at once when another process wrote meanwhile
            self.conn
                .execute_batch("BEGIN IMMEDIATE")
                .context("taking the write lock for a batch")?;
            self.in_tx = true;
        }
        Ok(())
    }

    fn commit(&mut self) -> anyhow::Result<()> {
        if self.in_tx {
            self.conn
                .execute_batch("COMMIT")
                .context("committing a batch")?;
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
            syntax: vec![],
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

    fn figure(doc: &str, start: usize, end: usize, best: u64, subject: &str) -> Claim {
        Claim {
            kind: "claim".into(),
            doc_id: doc.into(),
            category: ClaimCategory::Killed,
            low: Some(best),
            best: Some(best),
            high: Some(best),
            claimant: None,
            subject: Some(subject.into()),
            date: None,
            location: None,
            mention: Mention {
                doc_id: doc.into(),
                sentence: 0,
                start,
                end,
                text: String::new(),
            },
            why: String::new(),
        }
    }

    #[test]
    fn figures_at_one_offset_keep_their_own_claims() {
        // "The death toll rose to 1,121, including 865 Palestinians and 234 Israelis."
        let mut s = SqliteStore::in_memory().unwrap();
        let d = doc(
            "a",
            "The death toll rose to 1,121, including 865 Palestinians and 234 Israelis.",
        );
        let mut an = ann(&d);
        an.claims = vec![
            figure("a", 4, 28, 1121, "people"),
            figure("a", 4, 56, 865, "Palestinians"),
            figure("a", 61, 73, 234, "Israelis"),
        ];
        s.put(&d, &an).unwrap();
        assert_eq!(s.counts().unwrap().claims, 3);
        let ids: std::collections::BTreeSet<String> = an.claims.iter().map(claim_id).collect();
        assert_eq!(ids.len(), 3);
    }

    fn coded(id: &str, code: &str) -> Event {
        let mut e: Event = serde_json::from_value(serde_json::json!({
            "kind": "event", "event_id": id, "doc_id": "a", "date": "2020-10-10",
            "date_precision": "day", "date_source": "document", "source": null,
            "target": null, "cameo": {"code": "190", "base": "190", "root": "19",
            "goldstein": -10.0, "quad_class": 4, "label": "Fight"},
            "plover": {"event": null, "mode": null}, "modality": "asserted",
            "claimant": null, "location": null, "confidence": 0.5, "mentions": [],
            "explanation": {"sentence": "", "predicate": "", "predicate_start": 0,
            "predicate_end": 0, "pattern": "", "rules": []}
        }))
        .unwrap();
        e.source = Some(Actor {
            id: code.into(),
            code: code.into(),
            country: None,
            sector: None,
            name: code.into(),
            text: code.into(),
            start: 0,
            end: 1,
        });
        e
    }

    #[test]
    fn filters_read_user_input_literally() {
        let mut s = SqliteStore::in_memory().unwrap();
        let d = doc(
            "a",
            "The cease-fire in Nagorno-Karabakh held, U.S. officials said; al-Qaeda and 9/11 were not mentioned.",
        );
        let mut an = ann(&d);
        an.events = vec![coded("ev-1", "ARMGOV"), coded("ev-2", "AZE")];
        s.put(&d, &an).unwrap();
        let n = |f: EventFilter| s.count_events(&f).unwrap();
        let text = |t: &str| EventFilter {
            text: Some(t.into()),
            ..Default::default()
        };
        for t in [
            "cease-fire",
            "Nagorno-Karabakh",
            "al-Qaeda",
            "U.S.",
            "9/11",
            "cease fire",
            "\"held",
        ] {
            assert_eq!(n(text(t)), 2, "{t}");
        }
        for t in ["x:y", "*", "ceasefire", "NEAR(a b)", "-", "\"", "OR"] {
            assert_eq!(n(text(t)), 0, "{t}");
        }
        // FTS5 syntax only when asked for, and its errors are named
        let fts = |t: &str| EventFilter {
            text: Some(t.into()),
            text_syntax: TextSyntax::Fts5,
            ..Default::default()
        };
        assert_eq!(n(fts("cease NEAR fire")), 0);
        assert_eq!(n(fts("NEAR(cease fire)")), 2);
        for bad in ["cease-fire", "x:y", "\"open", "*"] {
            let e = s.count_events(&fts(bad)).unwrap_err();
            assert!(text_query_error(&e).is_some(), "{bad}: {e:#}");
        }
        // actor prefixes: % and _ are characters, not wildcards
        let actor = |a: &str| EventFilter {
            actor: Some(a.into()),
            ..Default::default()
        };
        assert_eq!(n(actor("ARM")), 1);
        assert_eq!(n(actor("%")), 0);
        assert_eq!(n(actor("A_M")), 0);
        assert_eq!(n(actor(&"A".repeat(65_000))), 0);
        // an offset past what SQLite integers hold is past the end
        let page = EventFilter {
            limit: Some(10),
            offset: Some(usize::MAX),
            ..Default::default()
        };
        assert_eq!(s.events(&page).unwrap().len(), 0);
    }

    #[test]
    fn concurrent_opens_and_writers_share_one_store() {
        let dir = std::env::temp_dir().join(format!("sitrep-store-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("s.db");
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let mut s = SqliteStore::open(&path).unwrap();
                    for k in 0..30 {
                        // overlapping inputs: every thread offers every document
                        let k = (k + t * 7) % 30;
                        let d = doc(&format!("d{k}"), &format!("Document number {k}."));
                        s.begin().unwrap();
                        s.put(&d, &ann(&d)).unwrap();
                        s.commit().unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let s = SqliteStore::open_read_only(&path).unwrap();
        assert_eq!(s.counts().unwrap().documents, 30);
        let d = doc("new", "Not to be written.");
        let mut ro = s;
        assert!(
            ro.put(&d, &ann(&d)).is_err(),
            "a read-only store refuses writes"
        );
        drop(ro);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn documents_not_stored_say_why() {
        let mut s = SqliteStore::in_memory().unwrap();
        let text = "Armenia and Azerbaijan agreed to a ceasefire.";
        let with_url = |id: &str, text: &str, url: Option<&str>| {
            let mut d = doc(id, text);
            d.url = url.map(str::to_string);
            d
        };
        let a = with_url("1", text, Some("https://a.example/1"));
        assert_eq!(s.put(&a, &ann(&a)).unwrap(), PutOutcome::Stored);
        // a reused id with another text is not "already stored"
        let reused = with_url("1", "Troops shelled the town.", Some("https://b.example/1"));
        assert_eq!(s.put(&reused, &ann(&reused)).unwrap(), PutOutcome::ReusedId);
        assert!(s.seen(&reused).unwrap().unwrap().warns());
        // the same text from the same address is
        let again = with_url("2", text, Some("https://a.example/1"));
        assert_eq!(
            s.put(&again, &ann(&again)).unwrap(),
            PutOutcome::DuplicateContent
        );
        assert!(!PutOutcome::DuplicateContent.warns());
        // the same text without an address cannot be told apart
        let bare = with_url("3", text, None);
        assert_eq!(
            s.put(&bare, &ann(&bare)).unwrap(),
            PutOutcome::SameTextWithoutUrl
        );
        // from another address it is a copy, stored
        let copy = with_url("4", text, Some("https://c.example/x"));
        assert_eq!(s.put(&copy, &ann(&copy)).unwrap(), PutOutcome::Stored);
        assert_eq!(s.counts().unwrap().documents, 2);
        // from the same address under a smaller id it takes the other's place,
        // in the full-text index too
        let first = with_url("0", text, Some("https://c.example/x"));
        assert!(matches!(
            s.put(&first, &ann(&first)).unwrap(),
            PutOutcome::Replaced { same_url: true, .. }
        ));
        assert!(s.document_meta("4").unwrap().is_none());
        assert_eq!(s.counts().unwrap().documents, 2);
        s.conn
            .execute_batch(
                "INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)",
            )
            .unwrap();
    }

    /// The query plan of `sql`, one step a line.
    fn plan(s: &SqliteStore, sql: &str) -> String {
        let mut stmt = s
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap();
        rows.map(|r| r.unwrap()).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn link_order_and_event_listing_read_an_index() {
        let s = SqliteStore::in_memory().unwrap();
        for sql in [
            // the link pass's read (link_sqlite.rs)
            "SELECT doc_id, date, outlet, annotation FROM documents ORDER BY date IS NULL, date, doc_id",
            "SELECT e.json FROM events e ORDER BY e.date IS NULL, e.date, e.event_id LIMIT 10",
        ] {
            let p = plan(&s, sql);
            assert!(!p.contains("TEMP B-TREE"), "{sql}: {p}");
        }
        // an event listing as the filters build it
        let (where_sql, _) = SqliteStore::where_clause(&EventFilter {
            limit: Some(10),
            ..Default::default()
        });
        let p = plan(&s, &format!("SELECT e.json FROM events e{where_sql}"));
        assert!(p.contains("events_order"), "{p}");
        // a date range is a range of that index, not a walk of all events
        let (where_sql, _) = SqliteStore::where_clause(&EventFilter {
            since: Some("2020-10-01".parse().unwrap()),
            until: Some("2020-10-31".parse().unwrap()),
            limit: Some(10),
            ..Default::default()
        });
        let sql = format!("SELECT e.json FROM events e{where_sql}")
            .replacen('?', "'2020-10-01'", 1)
            .replacen('?', "'2020-10-31'", 1);
        let p = plan(&s, &sql);
        assert!(
            p.contains("USING INDEX events_order") && p.contains("date>?"),
            "{p}"
        );
        assert!(!p.contains("TEMP B-TREE"), "{p}");
    }

    #[test]
    fn a_version_3_store_is_upgraded_in_place() {
        let dir = std::env::temp_dir().join(format!("sitrep-store-v3-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("s.db");
        let _ = std::fs::remove_file(&path);
        // a store as sitrep wrote it before schema version 4
        let old = Connection::open(&path).unwrap();
        for m in &MIGRATIONS[..3] {
            old.execute_batch(m).unwrap();
        }
        old.pragma_update(None, "user_version", 3).unwrap();
        drop(old);
        let index_count = |s: &SqliteStore| -> i64 {
            s.conn
                .query_row(
                    "SELECT COUNT(*) FROM sqlite_master WHERE name = 'events_date'",
                    [],
                    |r| r.get(0),
                )
                .unwrap()
        };
        let mut s = SqliteStore::open(&path).unwrap();
        let v: i64 = s
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v as usize, MIGRATIONS.len());
        assert_eq!(index_count(&s), 0);
        let d = doc("d1", "Troops shelled the town.");
        s.put(&d, &ann(&d)).unwrap();
        assert_eq!(s.counts().unwrap().documents, 1);
        drop(s);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn idempotent_puts_and_errors() {
        let mut s = SqliteStore::in_memory().unwrap();
        let a = doc("a", "Armenia and Azerbaijan agreed to a ceasefire.");
        assert_eq!(s.put(&a, &ann(&a)).unwrap(), PutOutcome::Stored);
        assert_eq!(s.put(&a, &ann(&a)).unwrap(), PutOutcome::DuplicateId);
        let b = doc("b", "Armenia and Azerbaijan agreed to a ceasefire.  ");
        assert_eq!(s.put(&b, &ann(&b)).unwrap(), PutOutcome::SameTextWithoutUrl);
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

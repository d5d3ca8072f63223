//! The PostgreSQL store: the same tables and semantics as the SQLite store,
//! for many writers on many machines.
//!
//! Every document is stored in its own transaction, under an advisory lock
//! on its content hash: two writers offering the same document (same id, or
//! the same text from the same address) store it once, and since a writer
//! never holds two such locks at once, writers never deadlock. Links between
//! documents (copies, stories, merged events) are made by the link pass
//! ([`crate::link`]), which runs under one advisory lock for the store.

use crate::keep::{same_id, same_text, StoredCopy, Verdict};
use crate::{Counts, EventFilter, PutOutcome, Store, TextSyntax};
use anyhow::Context;
use postgres::types::ToSql;
use postgres::{Client, NoTls, Row};
use sitrep_model::{Annotation, DocError, Document, Event};
use std::cell::RefCell;

/// Key of the advisory lock taken while migrating the schema.
pub(crate) const MIGRATE_LOCK: i64 = 0x5172_6570_0001;
/// Key of the advisory lock taken by the link pass.
pub(crate) const LINK_LOCK: i64 = 0x5172_6570_0002;

/// Schema migrations, applied in order; the index is the schema version.
/// Text keys compare byte by byte (`COLLATE "C"`), as SQLite's do, so that
/// both stores list events in the same order whatever the database's locale.
const MIGRATIONS: &[&str] = &[
    // 1: documents, events, claims, errors, stories, merged events, full-text index
    r#"
    CREATE TABLE documents (
        id BIGSERIAL PRIMARY KEY,
        doc_id TEXT COLLATE "C" NOT NULL UNIQUE,
        content_hash TEXT COLLATE "C" NOT NULL,
        url TEXT COLLATE "C", title TEXT COLLATE "C", date TEXT COLLATE "C",
        date_source TEXT, language TEXT, outlet TEXT COLLATE "C", origin TEXT, skipped TEXT,
        text TEXT NOT NULL,
        annotation TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        story_id TEXT COLLATE "C", copy_of TEXT COLLATE "C", inferred_date TEXT COLLATE "C",
        tsv tsvector NOT NULL
    );
    CREATE INDEX documents_hash ON documents(content_hash);
    CREATE INDEX documents_story ON documents(story_id);
    CREATE INDEX documents_order ON documents((COALESCE(date, '~')), doc_id);
    CREATE INDEX documents_tsv ON documents USING GIN (tsv);
    CREATE TABLE events (
        event_id TEXT COLLATE "C" PRIMARY KEY,
        doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(doc_id),
        date TEXT COLLATE "C", date_precision TEXT,
        source_id TEXT COLLATE "C", source_code TEXT COLLATE "C",
        source_country TEXT COLLATE "C", source_name TEXT COLLATE "C",
        target_id TEXT COLLATE "C", target_code TEXT COLLATE "C",
        target_country TEXT COLLATE "C", target_name TEXT COLLATE "C",
        cameo_code TEXT COLLATE "C" NOT NULL, cameo_root TEXT COLLATE "C" NOT NULL,
        plover_event TEXT COLLATE "C", modality TEXT NOT NULL, confidence DOUBLE PRECISION,
        goldstein DOUBLE PRECISION, quad_class INTEGER,
        place_name TEXT COLLATE "C", place_country TEXT COLLATE "C",
        lat DOUBLE PRECISION, lon DOUBLE PRECISION,
        story_id TEXT COLLATE "C", merged_id TEXT COLLATE "C",
        json TEXT NOT NULL
    );
    CREATE INDEX events_order ON events((COALESCE(date, '~')), event_id);
    CREATE INDEX events_doc ON events(doc_id);
    CREATE INDEX events_source ON events(source_code);
    CREATE INDEX events_target ON events(target_code);
    CREATE INDEX events_cameo ON events(cameo_code);
    CREATE INDEX events_story ON events(story_id);
    CREATE TABLE claims (
        claim_id TEXT COLLATE "C" PRIMARY KEY,
        doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(doc_id),
        category TEXT COLLATE "C" NOT NULL, low BIGINT, best BIGINT, high BIGINT,
        claimant_id TEXT COLLATE "C", date TEXT COLLATE "C",
        json TEXT NOT NULL
    );
    CREATE INDEX claims_doc ON claims(doc_id);
    CREATE TABLE errors (
        id BIGSERIAL PRIMARY KEY,
        origin TEXT COLLATE "C" NOT NULL, doc_id TEXT, message TEXT COLLATE "C" NOT NULL,
        first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, count BIGINT NOT NULL DEFAULT 1,
        UNIQUE(origin, message)
    );
    CREATE TABLE stories (
        story_id TEXT COLLATE "C" PRIMARY KEY, title TEXT COLLATE "C" NOT NULL,
        first_date TEXT COLLATE "C", last_date TEXT COLLATE "C",
        num_docs BIGINT NOT NULL, state TEXT NOT NULL
    );
    CREATE TABLE merged_events (
        merged_id TEXT COLLATE "C" PRIMARY KEY, story_id TEXT COLLATE "C",
        date TEXT COLLATE "C", json TEXT NOT NULL
    );
    CREATE INDEX merged_story ON merged_events(story_id, date);
    "#,
];

/// Longest text (bytes) put into a document's full-text vector: PostgreSQL
/// refuses a `tsvector` over 1 MB, and a news report is far shorter.
const MAX_FTS_BYTES: usize = 400_000;

/// The words of a text as SQLite's FTS5 (`unicode61`) tokenises them: runs
/// of letters and digits, lowercased, joined by spaces. Both the documents'
/// vectors and plain-word queries go through it, so that `cease-fire`,
/// `U.S.` and `9/11` match the same documents in both stores.
pub fn fts_tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// A document's title and text as the words its full-text vector holds.
fn fts_document(title: Option<&str>, text: &str) -> String {
    let mut out = fts_tokens(title.unwrap_or("")).join(" ");
    for w in fts_tokens(text) {
        if out.len() + w.len() + 1 > MAX_FTS_BYTES {
            break;
        }
        out.push(' ');
        out.push_str(&w);
    }
    out
}

/// Plain words as a PostgreSQL `tsquery`: each whitespace-separated word is
/// a phrase of its tokens (`cease-fire` → `'cease' <-> 'fire'`), all words
/// required. Only letters and digits reach the query, so nothing a user
/// types is read as syntax. `None` when a word has no letter or digit: such
/// a query matches nothing, as in SQLite.
pub fn pg_words(text: &str) -> Option<String> {
    let mut words = Vec::new();
    for w in text.split_whitespace() {
        let toks = fts_tokens(w);
        if toks.is_empty() {
            return None;
        }
        let phrase: Vec<String> = toks.iter().map(|t| format!("'{t}'")).collect();
        words.push(format!("({})", phrase.join(" <-> ")));
    }
    (!words.is_empty()).then(|| words.join(" & "))
}

fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A PostgreSQL store: one connection, used from one thread at a time.
pub struct PgStore {
    pub(crate) client: RefCell<Client>,
    read_only: bool,
    /// The URL of a read-only store (the server's): counts of events are
    /// remembered under it with the snapshot they were taken in
    /// (`pg_query::count_in_snapshot`).
    pub(crate) counts_key: Option<Box<str>>,
}

/// Whether a `--db` value names a PostgreSQL database rather than a file.
pub fn is_postgres_url(spec: &str) -> bool {
    spec.starts_with("postgres://") || spec.starts_with("postgresql://")
}

/// The URL without its password, for messages.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

fn connect(url: &str) -> anyhow::Result<Client> {
    Client::connect(url, NoTls)
        .with_context(|| format!("connecting to PostgreSQL at {}", redact_url(url)))
}

/// Bring the schema up to date under an advisory lock, in one transaction:
/// when several writers open a new database at once, one creates the
/// tables and the others find them made.
fn migrate(client: &mut Client) -> anyhow::Result<()> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATE_LOCK])?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS sitrep_schema (version INTEGER NOT NULL)")?;
    let v: i32 = tx
        .query_opt("SELECT version FROM sitrep_schema", &[])?
        .map(|r| r.get(0))
        .unwrap_or(0);
    if v as usize > MIGRATIONS.len() {
        anyhow::bail!(
            "the store has schema version {v}, newer than this sitrep understands ({}); upgrade sitrep",
            MIGRATIONS.len()
        );
    }
    for (i, m) in MIGRATIONS.iter().enumerate().skip(v as usize) {
        tx.batch_execute(m)
            .with_context(|| format!("applying migration {}", i + 1))?;
    }
    let n = MIGRATIONS.len() as i32;
    if v == 0 {
        tx.execute("INSERT INTO sitrep_schema (version) VALUES ($1)", &[&n])?;
    } else {
        tx.execute("UPDATE sitrep_schema SET version = $1", &[&n])?;
    }
    tx.commit()?;
    Ok(())
}

/// What a put of `doc` would do now (see [`crate::keep`]), asked on a
/// connection or inside a transaction.
fn verdict(c: &mut impl postgres::GenericClient, doc: &Document) -> anyhow::Result<Verdict> {
    if let Some(r) = c.query_opt(
        "SELECT content_hash FROM documents WHERE doc_id = $1",
        &[&doc.id],
    )? {
        return Ok(Verdict::Refuse(same_id(r.get(0), doc)));
    }
    let stored: Vec<StoredCopy> = c
        .query(
            "SELECT doc_id, url FROM documents WHERE content_hash = $1",
            &[&doc.content_hash()],
        )?
        .iter()
        .map(|r| StoredCopy {
            doc_id: r.get(0),
            url: r.get(1),
        })
        .collect();
    Ok(same_text(&stored, doc))
}

/// Wait until no link pass runs, and keep one from starting until the
/// transaction ends (the link lock, shared). Seen with four writers
/// (session 9): "deadlock detected ... Process 30607: UPDATE events e SET
/// story_id = w.s, merged_id = w.m ... Process 30608: DELETE FROM documents
/// WHERE doc_id = $1": a writer removing a copy a smaller id replaces had
/// deleted the copy's events and waited for its document row, which the
/// link pass had updated and held while it waited for those events. Only
/// removals change rows the pass reads; a writer that only inserts goes on.
fn wait_for_link_pass(tx: &mut postgres::Transaction<'_>) -> anyhow::Result<()> {
    tx.execute("SELECT pg_advisory_xact_lock_shared($1)", &[&LINK_LOCK])
        .context("waiting for a running link pass before removing a replaced copy")?;
    Ok(())
}

/// Parameters of a query, all text, numbered as they are added.
#[derive(Default)]
pub(crate) struct Args(pub(crate) Vec<String>);

impl Args {
    /// Add a value and return its placeholder (`$n`).
    pub(crate) fn add(&mut self, v: impl Into<String>) -> String {
        self.0.push(v.into());
        format!("${}", self.0.len())
    }

    pub(crate) fn refs(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.0.iter().map(|s| s as &(dyn ToSql + Sync)).collect()
    }
}

/// The sort key of events (`date IS NULL, date, event_id` in SQLite):
/// dates are `YYYY-MM-DD` text, and `~` sorts after every one of them.
pub(crate) const EVENT_ORDER: &str = "COALESCE(e.date, '~'), e.event_id";

impl PgStore {
    /// Connect to a database and bring its schema up to date.
    pub fn open(url: &str) -> anyhow::Result<Self> {
        let mut client = connect(url)?;
        migrate(&mut client)?;
        Ok(PgStore {
            client: RefCell::new(client),
            read_only: false,
            counts_key: None,
        })
    }

    /// Connect for reading only (the server): nothing is migrated, and the
    /// session refuses writes.
    pub fn open_read_only(url: &str) -> anyhow::Result<Self> {
        let mut client = connect(url)?;
        let v: Option<i32> = client
            .query_opt(
                "SELECT version FROM sitrep_schema WHERE to_regclass('sitrep_schema') IS NOT NULL",
                &[],
            )
            .ok()
            .flatten()
            .map(|r| r.get(0));
        if v != Some(MIGRATIONS.len() as i32) {
            anyhow::bail!(
                "{} has schema version {}, this sitrep reads version {}; run `sitrep ingest --db URL` once to create or upgrade it",
                redact_url(url),
                v.unwrap_or(0),
                MIGRATIONS.len()
            );
        }
        client.batch_execute("SET default_transaction_read_only = on")?;
        Ok(PgStore {
            client: RefCell::new(client),
            read_only: true,
            counts_key: Some(url.into()),
        })
    }

    pub(crate) fn query(&self, sql: &str, args: &Args) -> anyhow::Result<Vec<Row>> {
        Ok(self.client.borrow_mut().query(sql, &args.refs())?)
    }

    pub(crate) fn query_opt(&self, sql: &str, args: &Args) -> anyhow::Result<Option<Row>> {
        Ok(self.client.borrow_mut().query_opt(sql, &args.refs())?)
    }

    /// The ` WHERE …` part of a filter over `events e` (empty for an empty
    /// filter), without ordering or paging.
    pub(crate) fn filter_conditions(f: &EventFilter, args: &mut Args) -> String {
        let mut conds: Vec<String> = Vec::new();
        if let Some(d) = f.since {
            conds.push(format!("e.date >= {}", args.add(d.to_string())));
        }
        if let Some(d) = f.until {
            conds.push(format!("e.date <= {}", args.add(d.to_string())));
        }
        if let Some(a) = &f.actor {
            let (id, code) = (args.add(a.clone()), args.add(a.to_uppercase()));
            conds.push(format!(
                "(e.source_id = {id} OR e.target_id = {id} OR starts_with(e.source_code, {code}) OR starts_with(e.target_code, {code}))"
            ));
        }
        if let Some(c) = &f.country {
            let c = args.add(c.to_uppercase());
            conds.push(format!(
                "(e.source_country = {c} OR e.target_country = {c})"
            ));
        }
        if let Some(c) = &f.cameo {
            conds.push(format!(
                "starts_with(e.cameo_code, {})",
                args.add(c.clone())
            ));
        }
        if let Some(p) = &f.plover {
            conds.push(format!("e.plover_event = {}", args.add(p.to_uppercase())));
        }
        if let Some(s) = &f.story {
            conds.push(format!("e.story_id = {}", args.add(s.clone())));
        }
        if let Some(d) = &f.doc_id {
            conds.push(format!("e.doc_id = {}", args.add(d.clone())));
        }
        if let Some(t) = &f.text {
            let query = match f.text_syntax {
                TextSyntax::Words => {
                    pg_words(t).map(|q| format!("to_tsquery('simple', {})", args.add(q)))
                }
                // PostgreSQL's own web-search syntax: "phrases", OR, -word
                TextSyntax::Fts5 => Some(format!(
                    "websearch_to_tsquery('simple', {})",
                    args.add(t.clone())
                )),
            };
            conds.push(match query {
                Some(q) => {
                    format!("e.doc_id IN (SELECT d.doc_id FROM documents d WHERE d.tsv @@ {q})")
                }
                None => "FALSE".into(),
            });
        }
        if conds.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", conds.join(" AND "))
        }
    }

    /// ` LIMIT … OFFSET …` of a filter (PostgreSQL integers are signed 64-bit:
    /// larger values mean "all" or "past the end").
    pub(crate) fn paging(f: &EventFilter) -> String {
        let big = |v: usize| v.min(i64::MAX as usize);
        let mut s = String::new();
        if let Some(l) = f.limit {
            s.push_str(&format!(" LIMIT {}", big(l)));
        }
        if let Some(o) = f.offset {
            s.push_str(&format!(" OFFSET {}", big(o)));
        }
        s
    }

    pub(crate) fn refuse_if_read_only(&self) -> anyhow::Result<()> {
        if self.read_only {
            anyhow::bail!("the store is open read-only");
        }
        Ok(())
    }

    /// Remove a stored document with its events and claims (a copy another
    /// one replaces), in the current transaction; how many events and
    /// claims went. Its links go at the next link pass.
    fn remove_document(
        tx: &mut postgres::Transaction<'_>,
        doc_id: &str,
    ) -> anyhow::Result<(u64, u64)> {
        let events = tx.execute("DELETE FROM events WHERE doc_id = $1", &[&doc_id])?;
        let claims = tx.execute("DELETE FROM claims WHERE doc_id = $1", &[&doc_id])?;
        tx.execute("DELETE FROM documents WHERE doc_id = $1", &[&doc_id])?;
        Ok((events, claims))
    }

    /// Store one document, its events and claims, in the current transaction.
    fn insert_document(
        tx: &mut postgres::Transaction<'_>,
        doc: &Document,
        ann: &Annotation,
    ) -> anyhow::Result<bool> {
        let date_source = serde_json::to_value(doc.date_source)?
            .as_str()
            .unwrap_or("none")
            .to_string();
        let inserted = tx.execute(
            "INSERT INTO documents (doc_id, content_hash, url, title, date, date_source, language, outlet, origin, skipped, text, annotation, ingested_at, tsv)
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13, to_tsvector('simple', $14))
             ON CONFLICT (doc_id) DO NOTHING",
            &[
                &doc.id,
                &doc.content_hash(),
                &doc.url,
                &doc.title,
                &doc.date.map(|d| d.to_string()),
                &date_source,
                &ann.language,
                &doc.outlet,
                &doc.origin,
                &ann.skipped,
                &doc.text,
                &serde_json::to_string(ann)?,
                &now(),
                &fts_document(doc.title.as_deref(), &doc.text),
            ],
        )?;
        if inserted == 0 {
            return Ok(false);
        }
        let ins = tx.prepare(
            "INSERT INTO events (event_id, doc_id, date, date_precision, source_id, source_code, source_country, source_name,
               target_id, target_code, target_country, target_name, cameo_code, cameo_root, plover_event, modality, confidence,
               goldstein, quad_class, place_name, place_country, lat, lon, json)
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24)
             ON CONFLICT (event_id) DO UPDATE SET doc_id = excluded.doc_id, date = excluded.date, json = excluded.json",
        )?;
        for e in &ann.events {
            let precision = serde_json::to_value(e.date_precision)?
                .as_str()
                .unwrap_or("none")
                .to_string();
            let actor = |a: &Option<sitrep_model::Actor>| {
                (
                    a.as_ref().map(|a| a.id.clone()),
                    a.as_ref().map(|a| a.code.clone()),
                    a.as_ref().and_then(|a| a.country.clone()),
                    a.as_ref().map(|a| a.name.clone()),
                )
            };
            let (sid, scode, scountry, sname) = actor(&e.source);
            let (tid, tcode, tcountry, tname) = actor(&e.target);
            let loc = e.location.as_ref();
            tx.execute(
                &ins,
                &[
                    &e.event_id,
                    &e.doc_id,
                    &e.date.map(|d| d.to_string()),
                    &precision,
                    &sid,
                    &scode,
                    &scountry,
                    &sname,
                    &tid,
                    &tcode,
                    &tcountry,
                    &tname,
                    &e.cameo.code,
                    &e.cameo.root,
                    &e.plover.event,
                    &e.modality.as_str(),
                    &e.confidence,
                    &e.cameo.goldstein,
                    &(e.cameo.quad_class as i32),
                    &loc.map(|l| l.name.clone()),
                    &loc.and_then(|l| l.country.clone()),
                    &loc.and_then(|l| l.lat),
                    &loc.and_then(|l| l.lon),
                    &serde_json::to_string(e)?,
                ],
            )?;
        }
        let ins = tx.prepare(
            "INSERT INTO claims (claim_id, doc_id, category, low, best, high, claimant_id, date, json) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
             ON CONFLICT (claim_id) DO UPDATE SET json = excluded.json",
        )?;
        for c in &ann.claims {
            let n = |v: Option<u64>| v.map(|v| v.min(i64::MAX as u64) as i64);
            tx.execute(
                &ins,
                &[
                    &crate::claim_id(c),
                    &c.doc_id,
                    &c.category.as_str(),
                    &n(c.low),
                    &n(c.best),
                    &n(c.high),
                    &c.claimant.as_ref().map(|a| a.id.clone()),
                    &c.date.map(|d| d.to_string()),
                    &serde_json::to_string(c)?,
                ],
            )?;
        }
        Ok(true)
    }
}

impl Store for PgStore {
    fn seen(&self, doc: &Document) -> anyhow::Result<Option<PutOutcome>> {
        let mut c = self.client.borrow_mut();
        Ok(match verdict(&mut *c, doc)? {
            Verdict::Refuse(o) => Some(o),
            Verdict::Store | Verdict::Replace { .. } => None,
        })
    }

    fn put(&mut self, doc: &Document, ann: &Annotation) -> anyhow::Result<PutOutcome> {
        self.refuse_if_read_only()?;
        if let Some(o) = self.seen(doc)? {
            return Ok(o);
        }
        let mut c = self.client.borrow_mut();
        let mut tx = c.transaction()?;
        // one writer at a time per text: the check and the insert are one step
        tx.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            &[&doc.content_hash()],
        )?;
        let outcome = match verdict(&mut tx, doc)? {
            Verdict::Refuse(o) => return Ok(o),
            Verdict::Store => PutOutcome::Stored,
            Verdict::Replace { doc_id, same_url } => {
                wait_for_link_pass(&mut tx)?;
                let (events, claims) = Self::remove_document(&mut tx, &doc_id)?;
                PutOutcome::Replaced {
                    same_url,
                    events,
                    claims,
                }
            }
        };
        if !Self::insert_document(&mut tx, doc, ann)? {
            // another writer stored this id meanwhile (its text may differ);
            // dropping the transaction undoes any removal
            let hash: String = tx
                .query_one(
                    "SELECT content_hash FROM documents WHERE doc_id = $1",
                    &[&doc.id],
                )?
                .get(0);
            return Ok(same_id(&hash, doc));
        }
        tx.commit()?;
        Ok(outcome)
    }

    fn put_error(&mut self, err: &DocError) -> anyhow::Result<()> {
        self.refuse_if_read_only()?;
        let t = now();
        self.client.borrow_mut().execute(
            "INSERT INTO errors (origin, doc_id, message, first_seen, last_seen) VALUES ($1,$2,$3,$4,$4)
             ON CONFLICT (origin, message) DO UPDATE SET last_seen = excluded.last_seen, count = errors.count + 1",
            &[&err.origin, &err.doc_id, &err.message, &t],
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
        self.for_each_event_json(filter, &mut |j| {
            f(serde_json::from_str(j).context("decoding a stored event")?)
        })
    }

    fn counts(&self) -> anyhow::Result<Counts> {
        let row = self.client.borrow_mut().query_one(
            "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM events),
                    (SELECT COUNT(*) FROM claims), (SELECT COUNT(*) FROM errors)",
            &[],
        )?;
        let n = |i: usize| row.get::<_, i64>(i) as u64;
        Ok(Counts {
            documents: n(0),
            events: n(1),
            claims: n(2),
            errors: n(3),
        })
    }

    /// Each document is its own transaction (see the module's notes), so
    /// there is nothing to group.
    fn begin(&mut self) -> anyhow::Result<()> {
        Ok(())
    }

    fn commit(&mut self) -> anyhow::Result<()> {
        Ok(())
    }
}

//! A store chosen by its `--db` value: a PostgreSQL URL
//! (`postgres://user@host/db`) or an SQLite file.

use crate::link::{LinkStore, LinkSummary};
use crate::pg::{is_postgres_url, redact_url, PgStore};
use crate::{
    ActorPair, Counts, DayCount, DocMeta, DocumentInfo, EventFilter, PlaceCount, PutOutcome,
    SqliteStore, Store, StoryRow, StorySummary,
};
use sitrep_model::{Annotation, Claim, DocError, Document, Event};
use sitrep_stories::MergedEvent;
use std::path::Path;

/// Either store, with every query the command line, the exports and the
/// server ask.
pub enum Db {
    Sqlite(SqliteStore),
    // boxed: the PostgreSQL store is larger than the SQLite one (clippy's large_enum_variant)
    Postgres(Box<PgStore>),
}

/// Which kind of store a `--db` value names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbKind {
    Sqlite,
    Postgres,
}

impl DbKind {
    pub fn of(spec: &str) -> DbKind {
        if is_postgres_url(spec) {
            DbKind::Postgres
        } else {
            DbKind::Sqlite
        }
    }
}

/// A `--db` value fit for messages (a URL's password hidden).
pub fn describe_db(spec: &str) -> String {
    redact_url(spec)
}

impl Db {
    /// Open (creating if needed) the store a `--db` value names and bring
    /// its schema up to date.
    pub fn open(spec: &str) -> anyhow::Result<Db> {
        Ok(match DbKind::of(spec) {
            DbKind::Postgres => Db::Postgres(Box::new(PgStore::open(spec)?)),
            DbKind::Sqlite => Db::Sqlite(SqliteStore::open(Path::new(spec))?),
        })
    }

    /// Open an existing store for reading only (the server).
    pub fn open_read_only(spec: &str) -> anyhow::Result<Db> {
        Ok(match DbKind::of(spec) {
            DbKind::Postgres => Db::Postgres(Box::new(PgStore::open_read_only(spec)?)),
            DbKind::Sqlite => Db::Sqlite(SqliteStore::open_read_only(Path::new(spec))?),
        })
    }

    /// Whether the store exists: a file on disk; a database is asked when opened.
    pub fn exists(spec: &str) -> bool {
        match DbKind::of(spec) {
            DbKind::Postgres => true,
            DbKind::Sqlite => Path::new(spec).exists(),
        }
    }

    /// Recompute copies, stories, inferred dates and merged events over the
    /// whole store (see [`crate::link`]).
    pub fn link(&mut self) -> anyhow::Result<LinkSummary> {
        match self {
            Db::Sqlite(s) => s.link(),
            Db::Postgres(p) => p.link(),
        }
    }
}

macro_rules! forward {
    ($(fn $name:ident(&self $(, $a:ident : $t:ty)*) -> $r:ty;)*) => {
        impl Db {
            $(
                pub fn $name(&self $(, $a: $t)*) -> $r {
                    match self {
                        Db::Sqlite(s) => s.$name($($a),*),
                        Db::Postgres(p) => p.$name($($a),*),
                    }
                }
            )*
        }
    };
}

forward! {
    fn document_meta(&self, doc_id: &str) -> anyhow::Result<Option<DocMeta>>;
    fn document_text(&self, doc_id: &str) -> anyhow::Result<Option<String>>;
    fn document_claims(&self, doc_id: &str) -> anyhow::Result<Vec<(String, Claim)>>;
    fn for_each_claim(&self, filter: &EventFilter, f: &mut dyn FnMut(String, Claim) -> anyhow::Result<()>) -> anyhow::Result<()>;
    fn count_events_page(&self, filter: &EventFilter) -> anyhow::Result<u64>;
    fn count_events(&self, filter: &EventFilter) -> anyhow::Result<u64>;
    fn for_each_event_json(&self, filter: &EventFilter, f: &mut dyn FnMut(&str) -> anyhow::Result<()>) -> anyhow::Result<()>;
    fn event(&self, event_id: &str) -> anyhow::Result<Option<Event>>;
    fn document(&self, doc_id: &str) -> anyhow::Result<Option<DocumentInfo>>;
    fn annotation(&self, doc_id: &str) -> anyhow::Result<Option<Annotation>>;
    fn claims_for_document(&self, doc_id: &str) -> anyhow::Result<Vec<Claim>>;
    fn events_by_day(&self, filter: &EventFilter) -> anyhow::Result<Vec<DayCount>>;
    fn actor_pairs(&self, filter: &EventFilter) -> anyhow::Result<Vec<ActorPair>>;
    fn event_places(&self, filter: &EventFilter) -> anyhow::Result<Vec<PlaceCount>>;
    fn story_summaries(&self) -> anyhow::Result<Vec<StorySummary>>;
    fn stories(&self) -> anyhow::Result<Vec<StoryRow>>;
    fn story(&self, story_id: &str) -> anyhow::Result<Option<StoryRow>>;
    fn merged_events(&self, story_id: &str) -> anyhow::Result<Vec<MergedEvent>>;
    fn story_claims(&self, story_id: &str) -> anyhow::Result<Vec<Claim>>;
    fn story_events(&self, story_id: &str) -> anyhow::Result<Vec<Event>>;
}

impl Store for Db {
    fn seen(&self, doc: &Document) -> anyhow::Result<Option<PutOutcome>> {
        match self {
            Db::Sqlite(s) => s.seen(doc),
            Db::Postgres(p) => p.seen(doc),
        }
    }
    fn put(&mut self, doc: &Document, ann: &Annotation) -> anyhow::Result<PutOutcome> {
        match self {
            Db::Sqlite(s) => s.put(doc, ann),
            Db::Postgres(p) => p.put(doc, ann),
        }
    }
    fn put_error(&mut self, err: &DocError) -> anyhow::Result<()> {
        match self {
            Db::Sqlite(s) => s.put_error(err),
            Db::Postgres(p) => p.put_error(err),
        }
    }
    fn events(&self, filter: &EventFilter) -> anyhow::Result<Vec<Event>> {
        match self {
            Db::Sqlite(s) => s.events(filter),
            Db::Postgres(p) => p.events(filter),
        }
    }
    fn for_each_event(
        &self,
        filter: &EventFilter,
        f: &mut dyn FnMut(Event) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        match self {
            Db::Sqlite(s) => s.for_each_event(filter, f),
            Db::Postgres(p) => p.for_each_event(filter, f),
        }
    }
    fn counts(&self) -> anyhow::Result<Counts> {
        match self {
            Db::Sqlite(s) => s.counts(),
            Db::Postgres(p) => p.counts(),
        }
    }
    fn begin(&mut self) -> anyhow::Result<()> {
        match self {
            Db::Sqlite(s) => s.begin(),
            Db::Postgres(p) => p.begin(),
        }
    }
    fn commit(&mut self) -> anyhow::Result<()> {
        match self {
            Db::Sqlite(s) => s.commit(),
            Db::Postgres(p) => p.commit(),
        }
    }
}

//! Storage.
//!
//! The pipeline talks to a [`Store`]: put a coded document, record an error,
//! query events. [`SqliteStore`] is the embedded default (bundled SQLite,
//! WAL journal, versioned migrations, FTS5 over document text); [`PgStore`]
//! keeps the same tables in PostgreSQL for many writers on many machines,
//! and [`Db`] is whichever of the two a `--db` value names. Links between
//! documents are made by the deterministic link pass ([`link`]).

mod db;
mod keep;
pub mod link;
mod link_pg;
mod link_sqlite;
mod pg;
mod pg_query;
mod query;
mod sqlite;
mod stories;

pub use db::{describe_db, Db, DbKind};
pub use link::{LinkStore, LinkSummary};
pub use pg::{fts_tokens, is_postgres_url, pg_words, PgStore};

pub use stories::StoryRow;

pub use query::{ActorPair, DayCount, DocumentInfo, PlaceCount, StorySummary};

pub use sqlite::{claim_id, fts_words, text_query_error, DocMeta, SqliteStore};

use chrono::NaiveDate;
use sitrep_model::{Annotation, DocError, Document, Event};

/// What happened to a document offered to the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    Stored,
    /// Already stored under this id, with the same text.
    DuplicateId,
    /// This id is already stored with a different text: the new text is
    /// not stored (a feed that reuses ids, or two files numbering their
    /// records alike). Callers say so and count it.
    ReusedId,
    /// The same text is already stored under another id, from the same address.
    DuplicateContent,
    /// The same text is already stored under another id, and one of the two
    /// has no URL, so nothing tells them apart: taken as the same document
    /// and not stored again. Callers say so and count it.
    SameTextWithoutUrl,
    /// Stored in place of a document with the same text under a larger id
    /// (or without an address), which is removed with its events and
    /// claims: the store keeps the same copy whatever the order documents
    /// arrive in. `same_url`: the removed one came from the same address
    /// (the same document again); otherwise nothing told the two apart.
    /// `events` and `claims`: how many of the removed one's were removed.
    /// Callers count the removed document as not stored.
    Replaced {
        same_url: bool,
        events: u64,
        claims: u64,
    },
}

impl PutOutcome {
    /// A document the store holds something else for, where the caller
    /// must warn and count rather than pass over it as "already stored".
    pub fn warns(self) -> bool {
        matches!(
            self,
            PutOutcome::ReusedId
                | PutOutcome::SameTextWithoutUrl
                | PutOutcome::Replaced {
                    same_url: false,
                    ..
                }
        )
    }
}

/// Event filters, all optional and combined with AND.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// An actor id, code or code prefix (`ARMGOV`, `ARM`, `person:armen-sarkissian`), as source or target.
    pub actor: Option<String>,
    /// ISO3 country of the source or target.
    pub country: Option<String>,
    /// CAMEO code prefix (`19`, `190`, `0871`).
    pub cameo: Option<String>,
    /// PLOVER event type (`ASSAULT`).
    pub plover: Option<String>,
    pub story: Option<String>,
    /// Full-text query over the documents: words a document must all hold
    /// (punctuation inside a word is fine: `cease-fire`, `U.S.`, `9/11`),
    /// or FTS5 syntax when [`EventFilter::text_syntax`] says so.
    pub text: Option<String>,
    /// How [`EventFilter::text`] is read.
    pub text_syntax: TextSyntax,
    pub doc_id: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

/// How a full-text query is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TextSyntax {
    /// Plain words, each matched as typed (quoted for the index).
    #[default]
    Words,
    /// SQLite FTS5 query syntax (`AND`, `OR`, `NEAR`, `"phrases"`, `prefix*`,
    /// `column:`), for users who ask for it.
    Fts5,
}

/// Counts of what the store holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub documents: u64,
    pub events: u64,
    pub claims: u64,
    pub errors: u64,
}

/// The storage trait.
pub trait Store {
    /// Whether the store would refuse this document, and why (`None`: a put
    /// would store it, possibly in place of another copy of its text).
    fn seen(&self, doc: &Document) -> anyhow::Result<Option<PutOutcome>>;
    /// Store a document with what the pipeline made of it. Idempotent.
    fn put(&mut self, doc: &Document, ann: &Annotation) -> anyhow::Result<PutOutcome>;
    /// Record a per-document error (the same error again only bumps its count).
    fn put_error(&mut self, err: &DocError) -> anyhow::Result<()>;
    /// Events matching a filter, in a stable order (date, event id).
    fn events(&self, filter: &EventFilter) -> anyhow::Result<Vec<Event>>;
    /// Visit matching events one at a time (constant memory).
    fn for_each_event(
        &self,
        filter: &EventFilter,
        f: &mut dyn FnMut(Event) -> anyhow::Result<()>,
    ) -> anyhow::Result<()>;
    fn counts(&self) -> anyhow::Result<Counts>;
    /// Group several puts into one transaction.
    fn begin(&mut self) -> anyhow::Result<()>;
    fn commit(&mut self) -> anyhow::Result<()>;
}

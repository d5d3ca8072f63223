//! Actors: who acts, and who is acted upon.
//!
//! The [`ActorLexicon`] holds countries (names, adjectives, capitals),
//! sector words, organisations and people with dated roles — built in from
//! `data/actors/`, overridable from a directory, extendable with PETRARCH
//! dictionaries. [`ActorLexicon::recognise`] finds actors in a sentence and
//! composes CAMEO-style codes (`ARMGOV`, `AZEMIL`, `IGOUNO`), learning
//! named people from their titles as it goes.

mod data;
pub mod intext;
mod lexicon;
mod names;
pub mod petrarch;
pub mod re3d;
mod recognise;
mod resolve;

pub use data::{tsv_rows, ActorFiles, ActorSource, KbKind, Provenance, RowKind, Table};
pub use lexicon::{key, ActorLexicon, CountryInfo, Entry, EntryKind, Person, Role};
pub use names::{name_key, slug};
pub use recognise::{sector_name, split_code, DocMemory, Found, Learned};
pub use resolve::{CanonicalActor, CorpusMemory};

//! Exports: stored events streamed into the layouts other tools load directly.
//!
//! Every format reads the store one event at a time ([`Db::for_each_event`])
//! and writes as it goes; per-document facts (metadata, text for character
//! offsets, claims for fatality counts) come from a small bounded cache, so
//! memory stays flat whatever the store's size. The mappings — and what sitrep
//! cannot fill — are documented in `docs/FORMATS.md`.

pub mod cli;
pub mod codes;
pub mod common;
pub mod conflict;
pub mod flat;
pub mod gdelt;
pub mod parquet_out;
pub mod phoenix;
pub mod plover;
#[cfg(test)]
mod test_support;

use anyhow::Context;
use common::{write_row, Docs};
use sitrep_model::{ClaimCategory, Event};
use sitrep_store::{Db, EventFilter, Store};
use std::io::Write;
use std::path::Path;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// GDELT 2.0 event table (61 tab-separated columns, no header).
    Gdelt,
    /// GDELT 2.0 mentions table (16 tab-separated columns, no header).
    GdeltMentions,
    /// Phoenix daily-file layout (26 tab-separated columns, no header).
    Phoenix,
    /// PLOVER JSON records, one per line.
    Plover,
    /// POLECAT's tab-separated layout (40 columns, header).
    Polecat,
    /// ACLED-style CSV (ACLED's column names and event types).
    Acled,
    /// UCDP GED-style CSV of violent events with low/best/high deaths.
    Ucdp,
    /// A directory of Parquet files: events, mentions, claims.
    Parquet,
    /// sitrep's Event JSON, one per line (as `sitrep events`).
    Jsonl,
    /// sitrep's flat event table (as `sitrep events --format csv`).
    Csv,
}

impl Format {
    /// The columns of a delimited format, and its separator.
    pub fn columns(&self) -> Option<(&'static [&'static str], u8)> {
        Some(match self {
            Format::Gdelt => (gdelt::EVENT_COLUMNS, b'\t'),
            Format::GdeltMentions => (gdelt::MENTION_COLUMNS, b'\t'),
            Format::Phoenix => (phoenix::COLUMNS, b'\t'),
            Format::Polecat => (plover::POLECAT_COLUMNS, b'\t'),
            Format::Acled => (conflict::ACLED_COLUMNS, b','),
            Format::Ucdp => (conflict::UCDP_COLUMNS, b','),
            Format::Csv => (flat::COLUMNS, b','),
            Format::Plover | Format::Parquet | Format::Jsonl => return None,
        })
    }

    /// Whether the published files of this layout start with a header row.
    pub fn header_by_default(&self) -> bool {
        !matches!(
            self,
            Format::Gdelt | Format::GdeltMentions | Format::Phoenix
        )
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Events read from the store.
    pub events: u64,
    /// Rows (or records) written to the main output.
    pub rows: u64,
    /// Parquet only: mention and claim rows.
    pub mentions: u64,
    pub claims: u64,
}

/// Called after each event read (for a progress bar).
pub type Progress<'a> = &'a mut dyn FnMut(u64);

/// Stream the events matching `filter` into `out` in a text format.
pub fn export_to_writer(
    store: &Db,
    filter: &EventFilter,
    format: Format,
    header: bool,
    out: &mut dyn Write,
    progress: Progress,
) -> anyhow::Result<Summary> {
    anyhow::ensure!(
        format != Format::Parquet,
        "parquet writes a directory: give it a path"
    );
    let mut docs = Docs::new(store);
    let mut sum = Summary::default();
    let columns = format.columns();
    if let (Some((cols, sep)), true) = (columns, header) {
        let names: Vec<String> = cols.iter().map(|c| c.to_string()).collect();
        write_row(out, &names, sep)?;
    }
    store.for_each_event(filter, &mut |e: Event| {
        sum.events += 1;
        progress(sum.events);
        let rows: Vec<Vec<String>> = match format {
            Format::Jsonl => {
                serde_json::to_writer(&mut *out, &e)?;
                out.write_all(b"\n")?;
                sum.rows += 1;
                return Ok(());
            }
            Format::Plover => {
                let meta = docs.meta(&e.doc_id)?;
                let text = docs.text(&e.doc_id)?;
                let dead = docs.figure(&e, ClaimCategory::Killed)?;
                let injured = docs.figure(&e, ClaimCategory::Wounded)?;
                if let Some(r) = plover::record(&e, &meta, &text, dead, injured) {
                    serde_json::to_writer(&mut *out, &r)?;
                    out.write_all(b"\n")?;
                    sum.rows += 1;
                }
                return Ok(());
            }
            Format::Csv => vec![flat::row(&e)],
            Format::Gdelt => vec![gdelt::event_row(&e, &*docs.meta(&e.doc_id)?)],
            Format::GdeltMentions => {
                let meta = docs.meta(&e.doc_id)?;
                let text = docs.text(&e.doc_id)?;
                gdelt::mention_rows(&e, &meta, &text)
            }
            Format::Phoenix => vec![phoenix::row(&e, &*docs.meta(&e.doc_id)?)],
            Format::Polecat => plover::polecat_row(&e, &*docs.meta(&e.doc_id)?)
                .into_iter()
                .collect(),
            Format::Acled => match conflict::acled_type(&e) {
                Some(ty) => {
                    let meta = docs.meta(&e.doc_id)?;
                    let f = docs.figure(&e, ClaimCategory::Killed)?;
                    vec![conflict::acled_row(&e, ty, &meta, f)]
                }
                None => vec![],
            },
            Format::Ucdp if conflict::ucdp_event(&e) => {
                let meta = docs.meta(&e.doc_id)?;
                let f = docs.figure(&e, ClaimCategory::Killed)?;
                vec![conflict::ucdp_row(&e, &meta, f)]
            }
            Format::Ucdp => vec![],
            Format::Parquet => unreachable!(),
        };
        let sep = columns.map(|c| c.1).unwrap_or(b',');
        for r in rows {
            write_row(out, &r, sep)?;
            sum.rows += 1;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(sum)
}

/// The files a Parquet export writes into its directory.
pub const PARQUET_FILES: [&str; 3] = ["events.parquet", "mentions.parquet", "claims.parquet"];

/// Stream the events matching `filter` into `dir/events.parquet` and
/// `dir/mentions.parquet`, and the claims of their documents into
/// `dir/claims.parquet`.
pub fn export_parquet(
    store: &Db,
    filter: &EventFilter,
    dir: &Path,
    progress: Progress,
) -> anyhow::Result<Summary> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut events =
        parquet_out::Table::create(&dir.join(PARQUET_FILES[0]), &parquet_out::event_fields())?;
    let mut mentions =
        parquet_out::Table::create(&dir.join(PARQUET_FILES[1]), &parquet_out::mention_fields())?;
    let mut docs = Docs::new(store);
    let mut sum = Summary::default();
    store.for_each_event(filter, &mut |e: Event| {
        sum.events += 1;
        progress(sum.events);
        let meta = docs.meta(&e.doc_id)?;
        events.push(parquet_out::event_row(&e, &meta))?;
        let text = docs.text(&e.doc_id)?;
        for r in parquet_out::mention_rows(&e, &text) {
            mentions.push(r)?;
        }
        Ok(())
    })?;
    sum.rows = events.close()?;
    sum.mentions = mentions.close()?;
    let mut claims =
        parquet_out::Table::create(&dir.join(PARQUET_FILES[2]), &parquet_out::claim_fields())?;
    store.for_each_claim(filter, &mut |id, c| {
        claims.push(parquet_out::claim_row(id, &c))
    })?;
    sum.claims = claims.close()?;
    Ok(sum)
}

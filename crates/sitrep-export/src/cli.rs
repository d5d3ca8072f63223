//! `sitrep export`: the command-line arguments and their handling.

use crate::{export_parquet, export_to_writer, Format, PARQUET_FILES};
use anyhow::Context;
use clap::Args;
use sitrep_store::{Db, EventFilter};
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The store: an SQLite file or a PostgreSQL URL (`postgres://user@host/db`).
    #[arg(long)]
    pub db: String,
    #[arg(long, value_enum)]
    pub format: Format,
    /// Output file (standard output if omitted); for parquet, a directory
    /// receiving events.parquet, mentions.parquet and claims.parquet.
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// Write a header row even for layouts published without one (gdelt, gdelt-mentions, phoenix).
    #[arg(long, conflicts_with = "no_header")]
    pub header: bool,
    /// Write no header row.
    #[arg(long)]
    pub no_header: bool,
    /// Events on or after this date (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    /// Events on or before this date (YYYY-MM-DD).
    #[arg(long)]
    pub until: Option<String>,
    /// Actor id, code or code prefix, as source or target (ARMGOV, ARM, person:armen-sarkissian).
    #[arg(long)]
    pub actor: Option<String>,
    /// ISO 3166 alpha-3 country of the source or target.
    #[arg(long)]
    pub country: Option<String>,
    /// CAMEO code or prefix (19, 190, 0871).
    #[arg(long)]
    pub cameo: Option<String>,
    /// PLOVER event type (ASSAULT, AGREE, ...).
    #[arg(long)]
    pub plover: Option<String>,
    /// Story id.
    #[arg(long)]
    pub story: Option<String>,
    /// Full-text query over the documents: words they all hold, as typed
    /// (`cease-fire`, `U.S.`, `9/11`).
    #[arg(long)]
    pub text: Option<String>,
    /// Read --text as SQLite FTS5 query syntax (AND, OR, NEAR, prefix*).
    #[arg(long)]
    pub text_fts5: bool,
    /// Events of one document.
    #[arg(long)]
    pub doc: Option<String>,
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long)]
    pub offset: Option<usize>,
}

fn date(s: &Option<String>, what: &str) -> anyhow::Result<Option<chrono::NaiveDate>> {
    s.as_deref()
        .map(|s| {
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .with_context(|| format!("--{what} wants a date as YYYY-MM-DD, got {s:?}"))
        })
        .transpose()
}

impl ExportArgs {
    pub fn filter(&self) -> anyhow::Result<EventFilter> {
        Ok(EventFilter {
            since: date(&self.since, "since")?,
            until: date(&self.until, "until")?,
            actor: self.actor.clone(),
            country: self.country.clone(),
            cameo: self.cameo.clone(),
            plover: self.plover.clone(),
            story: self.story.clone(),
            text: self.text.clone(),
            text_syntax: if self.text_fts5 {
                sitrep_store::TextSyntax::Fts5
            } else {
                sitrep_store::TextSyntax::Words
            },
            doc_id: self.doc.clone(),
            limit: self.limit,
            offset: self.offset,
        })
    }
}

/// Run an export; a summary line goes to standard error.
pub fn run(a: &ExportArgs) -> anyhow::Result<()> {
    if !Db::exists(&a.db) {
        anyhow::bail!(
            "no store at {} (create one with `sitrep ingest ... --db {}`)",
            a.db,
            a.db
        );
    }
    let store = Db::open(&a.db)?;
    let filter = a.filter()?;
    let total = store.count_events_page(&filter)?;
    let pb = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr(),
    );
    pb.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:30} {pos}/{len} events ({per_sec}, {eta} left)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut tick = |n: u64| {
        if n & 0xff == 0 || n == total {
            pb.set_position(n);
        }
    };
    let header = if a.header {
        true
    } else if a.no_header {
        false
    } else {
        a.format.header_by_default()
    };
    if a.format == Format::Parquet {
        let dir = a
            .output
            .as_ref()
            .context("--format parquet writes a directory: give it with -o DIR")?;
        let s = export_parquet(&store, &filter, dir, &mut tick)?;
        pb.finish_and_clear();
        eprintln!(
            "sitrep: {} events, {} mentions, {} claims → {} ({})",
            s.rows,
            s.mentions,
            s.claims,
            dir.display(),
            PARQUET_FILES.join(", ")
        );
    } else {
        let s = match &a.output {
            Some(path) => {
                let f = std::fs::File::create(path)
                    .with_context(|| format!("creating {}", path.display()))?;
                let mut w = std::io::BufWriter::new(f);
                let s = export_to_writer(&store, &filter, a.format, header, &mut w, &mut tick)?;
                w.flush()?;
                s
            }
            None => {
                let stdout = std::io::stdout();
                let mut w = std::io::BufWriter::new(stdout.lock());
                export_to_writer(&store, &filter, a.format, header, &mut w, &mut tick)?
            }
        };
        pb.finish_and_clear();
        eprintln!("sitrep: {} events read, {} rows written", s.events, s.rows);
    }
    Ok(())
}

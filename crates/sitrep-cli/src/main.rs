//! `sitrep`: news reports in, structured and explained event data out.

mod actors_cmd;
mod batches;
mod eval_actors;
mod eval_extraction;
mod eval_news;
mod eval_places;
mod eval_timenum;
mod output;
mod parse_cmd;
mod stories;
mod train_confidence;
mod train_roles;

use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};
use sitrep_ingest::{read_inputs, Item, ReadOptions};
use sitrep_pipeline::{Config, Pipeline};
use sitrep_store::{describe_db, Db, EventFilter, Store};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "sitrep", version, about = "Turn news reports about armed conflict and diplomacy into structured, explained event data.", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code documents into events and claims, one JSON object per line (stateless).
    Code(RunArgs),
    /// Show everything the pipeline found in each document, one JSON object per document
    /// (with each sentence's dependency analysis under "syntax").
    Annotate(RunArgs),
    /// Tag and parse documents: CoNLL-U, one sentence after another (any UD tool reads it).
    Parse(RunArgs),
    /// Train a model from annotated data (`sitrep train parse`).
    Train {
        #[command(subcommand)]
        which: parse_cmd::TrainWhat,
    },
    /// Run the pipeline and store the results (idempotent: documents already stored are skipped).
    Ingest {
        #[command(flatten)]
        run: RunArgs,
        /// The store: an SQLite file (created if missing) or a PostgreSQL URL
        /// (`postgres://user@host/db`; tables created if missing).
        #[arg(long)]
        db: String,
        /// Store only: leave copies, stories and merged events to a later
        /// `sitrep link` (for many writers feeding one store at once).
        #[arg(long)]
        no_link: bool,
    },
    /// Link the stored documents: syndicated copies, stories, inferred dates
    /// and merged events, recomputed in an order that does not depend on how
    /// the documents arrived (re-runnable; `ingest` runs it at its end).
    Link {
        /// The store: an SQLite file or a PostgreSQL URL.
        #[arg(long)]
        db: String,
    },
    /// Query stored events.
    Events(EventsArgs),
    /// List the stories in a store: what happened, over which dates, in how many documents.
    Stories {
        #[arg(long)]
        db: String,
        /// Output JSON lines instead of text.
        #[arg(long)]
        json: bool,
    },
    /// A story's events in date order with their sources, and disputed figures side by side.
    Timeline {
        /// The story id (from `sitrep stories`).
        story: String,
        #[arg(long)]
        db: String,
        /// Output JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write stored events in formats other tools load: GDELT 2.0, Phoenix, PLOVER/POLECAT, ACLED, UCDP, Parquet.
    Export(sitrep_export::cli::ExportArgs),
    /// Ask the actor lexicon about a name: codes, dates, and where each code came from.
    Actors {
        #[command(subcommand)]
        which: actors_cmd::ActorsCommand,
    },
    /// Measure accuracy on public gold sets.
    Eval {
        #[command(subcommand)]
        which: EvalCommand,
    },
    /// Show why each event of a document (or one event) was coded as it was.
    Explain {
        /// An event id, or a document id with --doc.
        id: String,
        #[arg(long)]
        db: String,
        /// Treat ID as a document id and explain all its events.
        #[arg(long)]
        doc: bool,
    },
    /// Serve a read-only HTTP API and web pages over a store (timeline, map, network, sources).
    Serve {
        /// The store: an SQLite file or a PostgreSQL URL.
        #[arg(long)]
        db: String,
        /// Address to listen on (loopback by default; port 0 picks a free one).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
    },
}

#[derive(Subcommand)]
enum EvalCommand {
    /// PETRARCH unit-test records with their own dictionaries (a directory holding
    /// PETR.UnitTest.records.xml and PETR.Validate.*.txt).
    Petrarch(EvalArgs),
    /// PLOVER gold-standard records (PLOVER_GSR_CAMEO.txt) with the built-in lexicons.
    Plover(EvalArgs),
    /// CASE 2021 task 2 snippets (TSV: id, snippet, type) mapped to ACLED-style types.
    Case2021(EvalArgs),
    #[command(flatten)]
    Actors(eval_actors::EvalCommand),
    #[command(flatten)]
    TimeNum(eval_timenum::EvalWhat),
    #[command(flatten)]
    Extraction(eval_extraction::EvalWhat),
    #[command(flatten)]
    Places(eval_places::EvalWhat),
    #[command(flatten)]
    News(eval_news::EvalWhat),
    #[command(flatten)]
    Parse(parse_cmd::EvalWhat),
}

#[derive(Args)]
struct EvalArgs {
    /// The data file or directory.
    path: PathBuf,
    /// How many failures to list.
    #[arg(long, default_value_t = 20)]
    failures: usize,
    /// Print the full report as JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Args, Clone)]
struct RunArgs {
    /// Files or directories to read (JSONL, .txt, .html, .gz); `-` or nothing reads standard input.
    paths: Vec<PathBuf>,
    /// Publication date for documents that carry none (YYYY-MM-DD).
    #[arg(long)]
    date: Option<String>,
    /// Exit non-zero if any document could not be read or coded.
    #[arg(long)]
    strict: bool,
    /// Keep only events with both a source and a target (an actor, or the
    /// words naming one that no dictionary codes).
    #[arg(long)]
    require_dyad: bool,
    /// Report the words of an actor no dictionary codes, up to this many
    /// (default 6; 0 reports none).
    #[arg(long, value_name = "WORDS")]
    uncoded_names: Option<usize>,
    /// A directory of data files overriding the built-in ones (actors/, cameo/, places/).
    #[arg(long)]
    data: Option<PathBuf>,
    /// A PETRARCH-format actor dictionary to add (repeatable).
    #[arg(long = "actors")]
    actors: Vec<PathBuf>,
    /// A PETRARCH-format agent dictionary to add (repeatable).
    #[arg(long = "agents")]
    agents: Vec<PathBuf>,
    /// Use only the given --actors/--agents dictionaries, not the built-in actors.
    #[arg(long)]
    only_given_actors: bool,
    /// A PETRARCH-format verb dictionary to add (repeatable).
    #[arg(long = "verbs")]
    verbs: Vec<PathBuf>,
    /// Use only the given --verbs dictionaries, not the built-in predicate lexicon.
    #[arg(long)]
    only_given_verbs: bool,
    /// A PETRARCH-format discard list to add (repeatable): sentences, or with `+` whole documents, not to code.
    #[arg(long = "discards")]
    discards: Vec<PathBuf>,
    /// Use only the given --discards lists, not the built-in one (an empty list codes everything).
    #[arg(long)]
    only_given_discards: bool,
    /// Output only events whose confidence is at least this (0 to 1). The
    /// default is the threshold the confidence model was trained with, chosen
    /// for precision (docs/FORMATS.md, "confidence"); 0 keeps every event.
    #[arg(long, value_name = "P", value_parser = parse_probability)]
    min_confidence: Option<f64>,
    /// Skip place recognition (faster start, no locations).
    #[arg(long)]
    no_places: bool,
    /// Code documents whatever language they are detected to be in.
    #[arg(long)]
    any_language: bool,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// JSONL field holding the text.
    #[arg(long, default_value = "text")]
    text_field: String,
    /// JSONL field holding the document id.
    #[arg(long, default_value = "id")]
    id_field: String,
    /// JSONL field holding the publication date.
    #[arg(long, default_value = "date")]
    date_field: String,
    /// Largest document read, in bytes after decompression (larger ones are
    /// reported and skipped; a JSONL line or WARC record counts as one).
    #[arg(long, default_value_t = 50 * 1024 * 1024, value_name = "BYTES")]
    max_doc_bytes: usize,
    /// Longest a web page's text extraction may take, in seconds (0: no
    /// limit); a page over it is reported and skipped.
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    doc_time_budget: f64,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Jsonl,
    Csv,
    Tsv,
    /// Aligned columns for reading in a terminal.
    Table,
}

#[derive(Args)]
struct EventsArgs {
    /// The store: an SQLite file or a PostgreSQL URL.
    #[arg(long)]
    db: String,
    /// Events on or after this date (YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// Events on or before this date (YYYY-MM-DD).
    #[arg(long)]
    until: Option<String>,
    /// Actor id, code or code prefix, as source or target (ARMGOV, ARM, person:armen-sarkissian).
    #[arg(long)]
    actor: Option<String>,
    /// ISO 3166 alpha-3 country of the source or target.
    #[arg(long)]
    country: Option<String>,
    /// CAMEO code or prefix (19, 190, 0871).
    #[arg(long)]
    cameo: Option<String>,
    /// PLOVER event type (ASSAULT, AGREE, ...).
    #[arg(long)]
    plover: Option<String>,
    /// Story id.
    #[arg(long)]
    story: Option<String>,
    /// Full-text query over the documents: words they all hold, as typed
    /// (`cease-fire`, `U.S.`, `9/11`).
    #[arg(long)]
    text: Option<String>,
    /// Read --text as SQLite FTS5 query syntax (AND, OR, NEAR, prefix*).
    #[arg(long)]
    text_fts5: bool,
    /// Events of one document.
    #[arg(long)]
    doc: Option<String>,
    #[arg(long)]
    limit: Option<usize>,
    #[arg(long)]
    offset: Option<usize>,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
}

fn parse_date(s: &Option<String>, what: &str) -> anyhow::Result<Option<chrono::NaiveDate>> {
    match s {
        None => Ok(None),
        Some(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .with_context(|| format!("--{what} wants a date as YYYY-MM-DD, got {s:?}")),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // a closed pipe (`sitrep code … | head`) is how readers say they are done
            let broken_pipe = e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("sitrep: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Code(a) => process(&a, Mode::Code, None),
        Command::Annotate(a) => process(&a, Mode::Annotate, None),
        Command::Parse(a) => process(&a, Mode::Parse, None),
        Command::Train { which } => parse_cmd::train(which),
        Command::Ingest { run, db, no_link } => {
            let mut store = Db::open(&db)?;
            let code = process(&run, Mode::Ingest, Some(&mut store))?;
            if !no_link {
                link(&mut store)?;
            }
            Ok(code)
        }
        Command::Link { db } => {
            link(&mut open_existing(&db)?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Events(a) => events(a),
        Command::Export(a) => export(&a),
        Command::Explain { id, db, doc } => explain(&id, &db, doc),
        Command::Eval { which } => eval(which),
        Command::Actors { which } => actors_cmd::run(which),
        Command::Stories { db, json } => stories::list(&open_existing(&db)?, json),
        Command::Timeline { story, db, json } => {
            stories::timeline(&open_existing(&db)?, &story, json)
        }
        Command::Serve { db, addr } => serve(&db, addr),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Code,
    Annotate,
    Parse,
    Ingest,
}

fn process(a: &RunArgs, mode: Mode, store: Option<&mut Db>) -> anyhow::Result<ExitCode> {
    if let Some(n) = a.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .ok();
    }
    let cfg = Config {
        data_dir: a.data.clone(),
        actor_dicts: a.actors.clone(),
        agent_dicts: a.agents.clone(),
        only_given_actors: a.only_given_actors,
        verb_dicts: a.verbs.clone(),
        only_given_verbs: a.only_given_verbs,
        keep_actorless: false,
        require_dyad: a.require_dyad,
        uncoded_name_words: a.uncoded_names,
        no_places: a.no_places,
        any_language: a.any_language,
        discard_lists: a.discards.clone(),
        only_given_discards: a.only_given_discards,
        min_confidence: a.min_confidence,
    };
    let mut pipeline = Pipeline::new(&cfg)?;
    pipeline.syntax = matches!(mode, Mode::Annotate | Mode::Parse);
    let mut opts = ReadOptions::new();
    opts.default_date = parse_date(&a.date, "date")?;
    opts.fields.text = a.text_field.clone();
    opts.fields.id = a.id_field.clone();
    opts.fields.date = a.date_field.clone();
    opts.max_doc_bytes = a.max_doc_bytes;
    opts.doc_time_budget = (a.doc_time_budget > 0.0)
        .then(|| std::time::Duration::from_secs_f64(a.doc_time_budget.min(1e9)));
    let paths = if a.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        a.paths.clone()
    };

    let progress = if mode == Mode::Ingest {
        let pb = indicatif::ProgressBar::new_spinner();
        pb.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {elapsed} {pos} documents ({per_sec}) {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        Some(pb)
    } else {
        None
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut batches = batches::Batches::new(&pipeline, mode, store, &mut out);
    let mut batch: Vec<Item> = Vec::new();
    let mut failure: Option<anyhow::Error> = None;
    read_inputs(&paths, &opts, &mut |item| {
        if failure.is_some() {
            return;
        }
        batch.push(item);
        if batch.len() >= batches::BATCH {
            if let Err(e) = batches.push(std::mem::take(&mut batch)) {
                failure = Some(e);
            }
            if let Some(pb) = &progress {
                pb.set_position(batches.summary.read as u64);
            }
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    batches.push(batch)?;
    batches.finish()?;
    if let Some(pb) = &progress {
        pb.set_position(batches.summary.read as u64);
        pb.finish_and_clear();
    }
    let summary = &batches.summary;
    let mut msg = format!(
        "sitrep: {} documents read, {} coded, {} events, {} claims, {} errors",
        summary.read, summary.coded, summary.events, summary.claims, summary.errors
    );
    if summary.skipped > 0 {
        msg.push_str(&format!(
            ", {} skipped (language or discard list)",
            summary.skipped
        ));
    }
    if mode == Mode::Ingest {
        msg.push_str(&format!(", {} already stored", summary.duplicates));
        if summary.reused_ids > 0 {
            msg.push_str(&format!(
                ", {} not stored (id reused for another text)",
                summary.reused_ids
            ));
        }
        if summary.same_text > 0 {
            msg.push_str(&format!(
                ", {} not stored (same text, no URL to tell them apart)",
                summary.same_text
            ));
        }
        if let Some(s) = batches.store() {
            let c = s.counts()?;
            msg.push_str(&format!(
                "; store holds {} documents, {} events, {} claims, {} errors",
                c.documents, c.events, c.claims, c.errors
            ));
        }
    }
    eprintln!("{msg}");
    if summary.read == 0 {
        eprintln!("sitrep: no document could be read");
        return Ok(ExitCode::from(1));
    }
    if a.strict && summary.errors > 0 {
        return Ok(ExitCode::from(3));
    }
    Ok(ExitCode::SUCCESS)
}

fn events(a: EventsArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(&a.db)?;
    let filter = EventFilter {
        since: parse_date(&a.since, "since")?,
        until: parse_date(&a.until, "until")?,
        actor: a.actor,
        country: a.country,
        cameo: a.cameo,
        plover: a.plover,
        story: a.story,
        text: a.text,
        text_syntax: if a.text_fts5 {
            sitrep_store::TextSyntax::Fts5
        } else {
            sitrep_store::TextSyntax::Words
        },
        doc_id: a.doc,
        limit: a.limit,
        offset: a.offset,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let sep = match a.format {
        Format::Csv => Some(b','),
        Format::Tsv => Some(b'\t'),
        Format::Jsonl | Format::Table => None,
    };
    if a.format == Format::Table {
        writeln!(out, "{}", output::table_header())?;
    }
    if let Some(sep) = sep {
        output::write_row(
            &mut out,
            &output::EVENT_COLUMNS
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>(),
            sep,
        )?;
    }
    let mut n = 0usize;
    store.for_each_event(&filter, &mut |e| {
        n += 1;
        match sep {
            None if a.format == Format::Table => writeln!(out, "{}", output::table_row(&e))?,
            None => {
                serde_json::to_writer(&mut out, &e)?;
                out.write_all(b"\n")?;
            }
            Some(sep) => output::write_row(&mut out, &output::event_row(&e), sep)?,
        }
        Ok(())
    })?;
    out.flush()?;
    eprintln!("sitrep: {n} events");
    Ok(ExitCode::SUCCESS)
}

fn export(a: &sitrep_export::cli::ExportArgs) -> anyhow::Result<ExitCode> {
    sitrep_export::cli::run(a)?;
    Ok(ExitCode::SUCCESS)
}

fn explain(id: &str, db: &str, doc: bool) -> anyhow::Result<ExitCode> {
    let store = open_existing(db)?;
    let filter = EventFilter {
        doc_id: doc.then(|| id.to_string()),
        ..Default::default()
    };
    let mut found = 0;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    store.for_each_event(&filter, &mut |e| {
        if doc || e.event_id == id {
            found += 1;
            output::write_explanation(&mut out, &e)?;
        }
        Ok(())
    })?;
    if found == 0 {
        eprintln!("sitrep: no event {id} in {}", describe_db(db));
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Print an evaluation report as text or as JSON.
fn report<R: serde::Serialize>(
    r: &R,
    a: &EvalArgs,
    text: impl FnOnce(&R, usize) -> String,
) -> anyhow::Result<ExitCode> {
    let body = if a.json {
        serde_json::to_string_pretty(r)?
    } else {
        text(r, a.failures)
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{body}")?;
    Ok(ExitCode::SUCCESS)
}

fn eval(which: EvalCommand) -> anyhow::Result<ExitCode> {
    match which {
        EvalCommand::Petrarch(a) => report(
            &sitrep_eval::petrarch::evaluate(&a.path, None)?,
            &a,
            |r, n| r.to_text(n),
        ),
        EvalCommand::Plover(a) => report(&sitrep_eval::plover::evaluate(&a.path)?, &a, |r, n| {
            r.to_text(n)
        }),
        EvalCommand::Case2021(a) => {
            report(&sitrep_eval::case2021::evaluate(&a.path)?, &a, |r, n| {
                r.to_text(n)
            })
        }
        EvalCommand::Actors(c) => eval_actors::run(c),
        EvalCommand::TimeNum(w) => eval_timenum::run(w),
        EvalCommand::Extraction(w) => eval_extraction::run(w),
        EvalCommand::Places(w) => eval_places::run(w),
        EvalCommand::News(w) => eval_news::run(w),
        EvalCommand::Parse(w) => parse_cmd::eval(w),
    }
}

/// Open a store that must already exist (a file path that is missing is
/// named, not created).
fn open_existing(db: &str) -> anyhow::Result<Db> {
    if !Db::exists(db) {
        anyhow::bail!("no store at {db} (create one with `sitrep ingest ... --db {db}`)");
    }
    Db::open(db)
}

/// The link pass over a store, with what it found on standard error.
fn link(store: &mut Db) -> anyhow::Result<()> {
    let s = store.link()?;
    eprintln!(
        "sitrep: linked {} documents: {} stories, {} syndicated copies, {} merged events",
        s.documents, s.stories, s.copies, s.merged_events
    );
    Ok(())
}

fn serve(db: &str, addr: std::net::SocketAddr) -> anyhow::Result<ExitCode> {
    sitrep_server::serve(db, addr)?;
    Ok(ExitCode::SUCCESS)
}

/// A probability given on the command line: a number from 0 to 1.
fn parse_probability(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(format!("{s:?} is not a number from 0 to 1")),
    }
}

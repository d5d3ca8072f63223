//! sitrep as a Python extension module, `sitrep._sitrep`.
//!
//! The Python package (`python/sitrep/__init__.py`) is the public face; this
//! module does the work that has to be fast or has to be the same as the
//! command line's:
//!
//! - [`NativePipeline`] builds a [`Pipeline`] from the options `sitrep code`
//!   takes and codes batches of documents with the GIL released, on one
//!   thread or on a pool of its own. A document reaches it as the JSONL
//!   record `sitrep code` would read ([`parse_jsonl_line`]), so the events
//!   (ids included) are those the command prints for the same record.
//! - [`read_store_json`] reads events from a store as `sitrep events` does.
//! - [`flat_event_columns`] and [`flat_claim_columns`] flatten events and
//!   claims into columns, events with the CSV export's own function
//!   ([`sitrep_export::flat::row`]) so the two tables cannot drift apart.
//!
//! Coded documents cross into Python as lists and dicts built here
//! ([`topy`]) once the coding, done with the GIL released, is over: the
//! values `json.loads` gives for the JSON the command line writes (the JSON
//! is the contract, docs/FORMATS.md), without writing and parsing that text.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::prelude::*;
use sitrep_ingest::{parse_jsonl_line, ReadOptions};
use sitrep_model::{Annotation, Claim, DateSource, DocError, Document, Event};
use sitrep_pipeline::{Config, Pipeline};
use sitrep_store::{EventFilter, SqliteStore, Store};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

mod topy;
use topy::ToPy;

/// What to make of each document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    /// Events then claims, as `sitrep code` prints them.
    Code,
    /// The whole annotation with each sentence's parse, as `sitrep annotate`.
    Annotate,
}

/// One document from Python: its position in the stream (1-based, for the
/// error's origin), its JSONL record without the date, and the date as given.
type Record = (usize, String, Option<String>);

/// One document's outcome for Python: `(True, doc_id, records, skipped)`
/// (records: the list of events and claims, or the annotation's dict) or
/// `(False, doc_id, message, origin)`.
type Outcome<'py> = (bool, Option<String>, Bound<'py, PyAny>, Option<String>);

/// What the pipeline made of a document, before it becomes Python objects.
enum Made {
    /// Events then claims, as `sitrep code` prints them. Events under the
    /// confidence threshold were already dropped by the pipeline
    /// (`Config::min_confidence`), as for `sitrep code [--min-confidence P]`.
    Code(Vec<Event>, Vec<Claim>),
    /// The whole annotation with each sentence's parse, as `sitrep annotate`.
    Annotate(Box<Annotation>),
}

/// One document's outcome in Rust: `Ok((doc_id, made, skipped))` or
/// `Err((doc_id, message, origin))`.
type Coded = Result<(String, Made, Option<String>), (Option<String>, String, String)>;

/// The pipeline, built once and shared by every call and thread.
#[pyclass(frozen, module = "sitrep._sitrep")]
struct NativePipeline {
    pipeline: Arc<Pipeline>,
    /// The last thread pool built, reused while callers ask for the same size.
    pool: Mutex<Option<(usize, Arc<rayon::ThreadPool>)>>,
}

#[pymethods]
impl NativePipeline {
    /// Build the pipeline; the options are `sitrep code`'s.
    #[new]
    #[pyo3(signature = (
        data=None, actors=Vec::new(), agents=Vec::new(), verbs=Vec::new(),
        discards=Vec::new(), only_given_actors=false, only_given_verbs=false,
        only_given_discards=false, require_dyad=false, uncoded_names=None,
        no_places=false, any_language=false, min_confidence=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        data: Option<PathBuf>,
        actors: Vec<PathBuf>,
        agents: Vec<PathBuf>,
        verbs: Vec<PathBuf>,
        discards: Vec<PathBuf>,
        only_given_actors: bool,
        only_given_verbs: bool,
        only_given_discards: bool,
        require_dyad: bool,
        uncoded_names: Option<usize>,
        no_places: bool,
        any_language: bool,
        min_confidence: Option<f64>,
    ) -> PyResult<Self> {
        if let Some(c) = min_confidence {
            if !(0.0..=1.0).contains(&c) {
                return Err(PyValueError::new_err(format!(
                    "min_confidence must be between 0 and 1, got {c}"
                )));
            }
        }
        // the same Config `sitrep code` builds from its flags; an option
        // added to Config that Python does not pass takes its default, as it
        // does for `sitrep code` without the flag
        #[allow(clippy::needless_update)]
        let cfg = Config {
            data_dir: data,
            actor_dicts: actors,
            agent_dicts: agents,
            only_given_actors,
            verb_dicts: verbs,
            only_given_verbs,
            keep_actorless: false,
            require_dyad,
            uncoded_name_words: uncoded_names,
            no_places,
            any_language,
            discard_lists: discards,
            only_given_discards,
            min_confidence,
            ..Config::default()
        };
        let pipeline = py
            .detach(|| Pipeline::new(&cfg))
            .map_err(|e| PyValueError::new_err(format!("{e:#}")))?;
        Ok(NativePipeline {
            pipeline: Arc::new(pipeline),
            pool: Mutex::new(None),
        })
    }

    /// Code a batch of records; one outcome per record, in order.
    #[pyo3(signature = (records, threads=None))]
    fn code_batch<'py>(
        &self,
        py: Python<'py>,
        records: Vec<Record>,
        threads: Option<usize>,
    ) -> PyResult<Vec<Outcome<'py>>> {
        self.run(py, records, threads, Output::Code)
    }

    /// Annotate a batch of records; one outcome per record, in order.
    #[pyo3(signature = (records, threads=None))]
    fn annotate_batch<'py>(
        &self,
        py: Python<'py>,
        records: Vec<Record>,
        threads: Option<usize>,
    ) -> PyResult<Vec<Outcome<'py>>> {
        self.run(py, records, threads, Output::Annotate)
    }
}

impl NativePipeline {
    /// Run a batch with the GIL released: in this thread when one thread is
    /// asked for, else on a pool of `threads` (all cores when `None`).
    /// Results keep the input order whatever the thread count. Only then,
    /// with the GIL, do they become Python objects.
    fn run<'py>(
        &self,
        py: Python<'py>,
        records: Vec<Record>,
        threads: Option<usize>,
        output: Output,
    ) -> PyResult<Vec<Outcome<'py>>> {
        let pool = match threads {
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
            Some(1) => None,
            n => Some(self.pool(n)?),
        };
        let pipeline = Arc::clone(&self.pipeline);
        let work = move |r: Record| outcome(&pipeline, r, output);
        let coded: Vec<Coded> = py.detach(move || match pool {
            None => records.into_iter().map(work).collect(),
            Some(pool) => pool.install(|| records.into_par_iter().map(work).collect()),
        });
        let to = ToPy::new(py);
        let _paused = GcPause::start(py)?;
        coded.into_iter().map(|c| python_outcome(&to, c)).collect()
    }

    fn pool(&self, threads: Option<usize>) -> PyResult<Arc<rayon::ThreadPool>> {
        let n = threads.unwrap_or_else(rayon::current_num_threads);
        let mut slot = self.pool.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((size, pool)) = slot.as_ref() {
            if *size == n {
                return Ok(Arc::clone(pool));
            }
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| PyValueError::new_err(format!("cannot start {n} threads: {e}")))?;
        let pool = Arc::new(pool);
        *slot = Some((n, Arc::clone(&pool)));
        Ok(pool)
    }
}

/// Python's cyclic garbage collector held off while a batch's records are
/// built, and set going again (if it was on) when this is dropped.
///
/// Every dict and list made counts towards the collector's next pass, so a
/// batch of a few thousand records set off passes that walked the records
/// already made and found nothing to free: the records hold no cycles. In a
/// profile of `code_many` over 3,000 benchmark documents, the collector took
/// 6.7% of all time, an eighth of what Python added to the Rust work. The
/// pause covers only the building, with the GIL held, so no other Python
/// thread runs meanwhile; the coding itself, with the GIL released, does not
/// pause it.
struct GcPause<'py> {
    gc: Option<Bound<'py, PyModule>>,
}

impl<'py> GcPause<'py> {
    fn start(py: Python<'py>) -> PyResult<Self> {
        let gc = py.import("gc")?;
        if !gc.call_method0("isenabled")?.is_truthy()? {
            return Ok(GcPause { gc: None });
        }
        gc.call_method0("disable")?;
        Ok(GcPause { gc: Some(gc) })
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.gc {
            // cannot fail: gc.enable takes no arguments and raises nothing
            let _ = gc.call_method0("enable");
        }
    }
}

/// One record through the pipeline. A panic inside the pipeline becomes
/// this document's error: the batch, and the stream, go on.
fn outcome(pipeline: &Pipeline, (index, record, date): Record, output: Output) -> Coded {
    let origin = format!("<python>:{index}");
    let doc = match document(&origin, &record, date.as_deref()) {
        Ok(d) => d,
        Err(e) => return Err((e.doc_id, e.message, e.origin)),
    };
    let run = || match output {
        Output::Code => {
            let mut ann = pipeline.annotate(&doc);
            let made = Made::Code(
                std::mem::take(&mut ann.events),
                std::mem::take(&mut ann.claims),
            );
            (made, ann.skipped)
        }
        Output::Annotate => {
            let ann = annotate_with_syntax(pipeline, &doc);
            let skipped = ann.skipped.clone();
            (Made::Annotate(Box::new(ann)), skipped)
        }
    };
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok((made, skipped)) => Ok((doc.id, made, skipped)),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err((
                Some(doc.id),
                format!("internal error while coding: {what}"),
                origin,
            ))
        }
    }
}

/// A document's outcome as Python objects: events then claims as one list
/// (the order `sitrep code` prints them in), or the annotation as a dict.
fn python_outcome<'py>(to: &ToPy<'py>, coded: Coded) -> PyResult<Outcome<'py>> {
    match coded {
        Ok((doc_id, made, skipped)) => {
            let records = match &made {
                Made::Code(events, claims) => {
                    let events = events.iter().map(|e| to.object(e));
                    let claims = claims.iter().map(|c| to.object(c));
                    let items = events.chain(claims).collect::<PyResult<Vec<_>>>()?;
                    pyo3::types::PyList::new(to.py(), items)?.into_any()
                }
                Made::Annotate(ann) => to.object(ann.as_ref())?,
            };
            Ok((true, Some(doc_id), records, skipped))
        }
        Err((doc_id, message, origin)) => {
            let message = message.into_pyobject(to.py())?.into_any();
            Ok((false, doc_id, message, Some(origin)))
        }
    }
}

/// The document `sitrep code` reads from the same JSONL record. The date
/// comes apart so that one that cannot be read is this document's error
/// (the command line only warns and codes it undated); a readable one is
/// set as the record's date, as [`parse_jsonl_line`] sets a `date` field.
/// A blank date is no date, as a blank field is to the command line (which
/// then takes the dateline's or the URL's): eval/stories has
/// `{"id": "st-014", "url": "https://daily-compass.test/asia/…", "date": "", "source": "Daily Compass", …}`,
/// coded by `sitrep code` and refused here as "cannot read the date".
fn document(origin: &str, record: &str, date: Option<&str>) -> Result<Document, DocError> {
    let mut doc = parse_jsonl_line(origin, record, &ReadOptions::new())?;
    if let Some(d) = date.filter(|d| !d.trim().is_empty()) {
        let Some(parsed) = sitrep_time::parse_date_str(d) else {
            return Err(DocError {
                origin: origin.into(),
                doc_id: Some(doc.id),
                message: format!("cannot read the date {d:?} (give YYYY-MM-DD or a date object)"),
            });
        };
        doc.date = Some(parsed);
        doc.date_source = DateSource::Record;
    }
    Ok(doc)
}

/// The annotation `sitrep annotate` prints: the pipeline's, with every
/// sentence's dependency analysis. The CLI turns on `Pipeline::syntax`;
/// here one shared pipeline serves `code` and `annotate` alike, so the
/// analysis is added after the run from the same sentences (the pipeline
/// computes it from nothing else; the annotate contract test checks this).
fn annotate_with_syntax(pipeline: &Pipeline, doc: &Document) -> Annotation {
    let mut ann = pipeline.annotate(doc);
    ann.syntax = ann
        .sentences
        .iter()
        .map(|s| sitrep_pipeline::sentence_syntax(&doc.text, s))
        .collect();
    ann
}

fn json<T: serde::Serialize>(value: &T) -> String {
    // the model's types are plain data: serialising them cannot fail
    serde_json::to_string(value).expect("serialising the annotation")
}

/// Events from a store as a JSON array (`sitrep events --format jsonl`'s
/// records), filtered as `sitrep events` filters.
#[pyfunction]
#[pyo3(signature = (
    path, since=None, until=None, actor=None, country=None, cameo=None,
    plover=None, story=None, text=None, doc_id=None, limit=None, offset=None
))]
#[allow(clippy::too_many_arguments)]
fn read_store_json(
    py: Python<'_>,
    path: PathBuf,
    since: Option<String>,
    until: Option<String>,
    actor: Option<String>,
    country: Option<String>,
    cameo: Option<String>,
    plover: Option<String>,
    story: Option<String>,
    text: Option<String>,
    doc_id: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
) -> PyResult<String> {
    let filter = EventFilter {
        since: filter_date(since.as_deref(), "since")?,
        until: filter_date(until.as_deref(), "until")?,
        actor,
        country,
        cameo,
        plover,
        story,
        text,
        doc_id,
        limit,
        offset,
        ..EventFilter::default()
    };
    if !path.is_file() {
        return Err(PyValueError::new_err(format!(
            "{}: no such store file",
            path.display()
        )));
    }
    let read = || -> anyhow::Result<String> {
        let store = SqliteStore::open_read_only(&path)?;
        let mut items = Vec::new();
        store.for_each_event(&filter, &mut |e| {
            items.push(json(&e));
            Ok(())
        })?;
        Ok(format!("[{}]", items.join(",")))
    };
    py.detach(read)
        .map_err(|e| PyValueError::new_err(format!("{}: {e:#}", path.display())))
}

fn filter_date(s: Option<&str>, what: &str) -> PyResult<Option<chrono::NaiveDate>> {
    match s {
        None => Ok(None),
        Some(s) => sitrep_time::parse_date_str(s)
            .map(Some)
            .ok_or_else(|| PyValueError::new_err(format!("{what}: cannot read the date {s:?}"))),
    }
}

/// The records of a JSON array whose `kind` is `kind`, each read as `T`;
/// a record that is not one names its position.
fn records_of<T: serde::de::DeserializeOwned>(records_json: &str, kind: &str) -> PyResult<Vec<T>> {
    let values: Vec<serde_json::Value> = serde_json::from_str(records_json)
        .map_err(|e| PyValueError::new_err(format!("records are not a JSON array: {e}")))?;
    values
        .into_iter()
        .enumerate()
        .filter(|(_, v)| v.get("kind").and_then(|k| k.as_str()) == Some(kind))
        .map(|(i, v)| {
            serde_json::from_value(v).map_err(|e| {
                PyValueError::new_err(format!("record {i} is not a sitrep {kind}: {e}"))
            })
        })
        .collect()
}

/// A table for Python: column names, and one list per column (`None` for
/// an empty cell).
type Table = (Vec<&'static str>, Vec<Vec<Option<String>>>);

/// Rows turned into columns; an empty cell is a missing value.
fn columns(rows: Vec<Vec<String>>, width: usize) -> Vec<Vec<Option<String>>> {
    let mut cols: Vec<Vec<Option<String>>> = vec![Vec::with_capacity(rows.len()); width];
    for row in rows {
        for (col, cell) in cols.iter_mut().zip(row) {
            col.push((!cell.is_empty()).then_some(cell));
        }
    }
    cols
}

/// The flat event table of the CSV export (`sitrep events --format csv`):
/// its column names, and one list per column for the events in a JSON
/// array of records (claims and other kinds are passed over).
#[pyfunction]
fn flat_event_columns(py: Python<'_>, records_json: String) -> PyResult<Table> {
    let events: Vec<Event> = py.detach(|| records_of(&records_json, "event"))?;
    let rows = events.iter().map(sitrep_export::flat::row).collect();
    let names = sitrep_export::flat::COLUMNS.to_vec();
    let width = names.len();
    Ok((names, columns(rows, width)))
}

/// The columns of a claim table: the Parquet export's claim columns.
const CLAIM_COLUMNS: &[&str] = &[
    "claim_id",
    "doc_id",
    "category",
    "low",
    "best",
    "high",
    "claimant_id",
    "claimant_code",
    "claimant_name",
    "subject",
    "date",
    "location_name",
    "location_country",
    "lat",
    "lon",
    "sentence",
    "start",
    "end",
    "text",
    "why",
];

/// One claim as a row of [`CLAIM_COLUMNS`] (the id is the store's).
fn claim_row(c: &Claim) -> Vec<String> {
    let opt = |v: Option<String>| v.unwrap_or_default();
    let num = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    let flt = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let a = c.claimant.as_ref();
    let p = c.location.as_ref();
    vec![
        sitrep_store::claim_id(c),
        c.doc_id.clone(),
        c.category.as_str().into(),
        num(c.low),
        num(c.best),
        num(c.high),
        opt(a.map(|a| a.id.clone())),
        opt(a.map(|a| a.code.clone())),
        opt(a.map(|a| a.name.clone())),
        opt(c.subject.clone()),
        opt(c.date.map(|d| d.to_string())),
        opt(p.map(|p| p.name.clone())),
        opt(p.and_then(|p| p.country.clone())),
        flt(p.and_then(|p| p.lat)),
        flt(p.and_then(|p| p.lon)),
        c.mention.sentence.to_string(),
        c.mention.start.to_string(),
        c.mention.end.to_string(),
        c.mention.text.clone(),
        c.why.clone(),
    ]
}

/// The claim table: column names and one list per column for the claims in
/// a JSON array of records (events are passed over).
#[pyfunction]
fn flat_claim_columns(py: Python<'_>, records_json: String) -> PyResult<Table> {
    let claims: Vec<Claim> = py.detach(|| records_of(&records_json, "claim"))?;
    let rows = claims.iter().map(claim_row).collect();
    Ok((CLAIM_COLUMNS.to_vec(), columns(rows, CLAIM_COLUMNS.len())))
}

/// Read a date as sitrep reads a record's `date` field; `None` if it cannot.
#[pyfunction]
fn parse_date(s: &str) -> Option<String> {
    sitrep_time::parse_date_str(s).map(|d| d.to_string())
}

#[pymodule]
fn _sitrep(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativePipeline>()?;
    m.add_function(wrap_pyfunction!(read_store_json, m)?)?;
    m.add_function(wrap_pyfunction!(flat_event_columns, m)?)?;
    m.add_function(wrap_pyfunction!(flat_claim_columns, m)?)?;
    m.add_function(wrap_pyfunction!(parse_date, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

//! How `code`, `annotate`, `parse` and `ingest` move documents: in batches,
//! each screened against the store, coded in parallel, then written out or
//! stored in input order.
//!
//! Coding a batch overlaps with writing the batch before it. Without the
//! overlap an ingest alternated between coding (on every core) and storing
//! (on one), and storing slows as the store grows: its indexes outgrow the
//! page cache and each commit writes more scattered pages. At 100,000
//! documents the last tenth stored 0.62 as many documents per second as the
//! first. With the overlap the writer works while the cores code, and a
//! slower writer costs only what it takes beyond coding.
//!
//! A document is screened (is it already stored?) before the batch ahead of
//! it is stored. A copy of a document in the batch just before is therefore
//! coded, and the store refuses it when it is put: the store decides under
//! its write lock, as it does for copies within one batch and for other
//! processes writing the same store. What is stored does not change.

use crate::Mode;
use rayon::prelude::*;
use sitrep_ingest::Item;
use sitrep_model::{Annotation, DocError, Document};
use sitrep_pipeline::Pipeline;
use sitrep_store::{Db, PutOutcome, Store};
use std::io::Write;

/// Documents per batch: enough to keep every core busy, few enough that a
/// batch's store transaction holds the write lock well under a second.
pub(crate) const BATCH: usize = 128;

/// What one run did to its documents, for the closing summary line.
#[derive(Default)]
pub(crate) struct Summary {
    pub read: usize,
    pub coded: usize,
    pub skipped: usize,
    pub duplicates: usize,
    /// Not stored: the id is stored with another text.
    pub reused_ids: usize,
    /// Not stored: the same text is stored and a URL is missing to tell them apart.
    pub same_text: usize,
    pub errors: usize,
    pub events: usize,
    pub claims: usize,
}

/// What coding one document gave: `sitrep code` keeps only events and
/// claims ([`sitrep_pipeline::Coded`]), the other commands the annotation.
enum Coding {
    Lean(sitrep_pipeline::Coded),
    Whole(Annotation),
}

impl Coding {
    fn of(pipeline: &Pipeline, mode: Mode, doc: &Document) -> Coding {
        // `code` needs only events and claims: coded without the tokens,
        // tags and mentions of the whole document, a large one costs a
        // fraction of the memory. The store keeps the whole annotation (the
        // link pass clusters and merges from its text and actors), so
        // `ingest` annotates.
        match mode {
            Mode::Code => Coding::Lean(pipeline.code(doc)),
            Mode::Ingest | Mode::Annotate | Mode::Parse => Coding::Whole(pipeline.annotate(doc)),
        }
    }

    fn skipped(&self) -> Option<&str> {
        match self {
            Coding::Lean(c) => c.skipped(),
            Coding::Whole(a) => a.skipped.as_deref(),
        }
    }

    fn event_count(&self) -> usize {
        match self {
            Coding::Lean(c) => c.event_count(),
            Coding::Whole(a) => a.events.len(),
        }
    }

    fn claim_count(&self) -> usize {
        match self {
            Coding::Lean(c) => c.claims().len(),
            Coding::Whole(a) => a.claims.len(),
        }
    }
}

/// One input position of a batch on its way through.
enum Slot {
    /// An input that could not be read.
    Failed(DocError),
    /// A document the store already holds: neither coded nor stored again.
    Held,
    /// A document to code.
    Todo(Document),
    /// A coded document, to write out or store (boxed: an annotation is
    /// many times the size of the other variants).
    Coded(Document, Box<Coding>),
}

/// The batches of one run, with the coded batch that waits to be written.
pub(crate) struct Batches<'a> {
    pipeline: &'a Pipeline,
    mode: Mode,
    store: Option<&'a mut Db>,
    out: &'a mut dyn Write,
    pub summary: Summary,
    pending: Option<Vec<Slot>>,
}

impl<'a> Batches<'a> {
    pub fn new(
        pipeline: &'a Pipeline,
        mode: Mode,
        store: Option<&'a mut Db>,
        out: &'a mut dyn Write,
    ) -> Self {
        Batches {
            pipeline,
            mode,
            store,
            out,
            summary: Summary::default(),
            pending: None,
        }
    }

    /// The store, for the closing counts.
    pub fn store(&self) -> Option<&Db> {
        self.store.as_deref()
    }

    /// Take one batch: screen it against the store, then code it on the
    /// worker threads while this thread writes the batch before it.
    pub fn push(&mut self, items: Vec<Item>) -> anyhow::Result<()> {
        let slots = self.screen(items)?;
        let (pipeline, mode) = (self.pipeline, self.mode);
        let before = self.pending.take();
        let coded = std::thread::scope(|scope| {
            let coding = scope.spawn(move || code_slots(pipeline, mode, slots));
            let written = before.map_or(Ok(()), |b| self.emit(b));
            let coded = coding
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            written.map(|()| coded)
        })?;
        self.pending = Some(coded);
        Ok(())
    }

    /// Write the last coded batch.
    pub fn finish(&mut self) -> anyhow::Result<()> {
        match self.pending.take() {
            Some(b) => self.emit(b),
            None => Ok(()),
        }
    }

    /// Count what was read and, when ingesting, set aside the documents the
    /// store already holds before they are coded.
    fn screen(&mut self, items: Vec<Item>) -> anyhow::Result<Vec<Slot>> {
        let mut slots = Vec::with_capacity(items.len());
        for item in items {
            let doc = match item {
                Err(e) => {
                    slots.push(Slot::Failed(e));
                    continue;
                }
                Ok(d) => d,
            };
            self.summary.read += 1;
            if let Some(s) = self.store.as_deref() {
                if let Some(o) = s.seen(&doc)? {
                    not_stored(o, &doc, &mut self.summary);
                    slots.push(Slot::Held);
                    continue;
                }
            }
            slots.push(Slot::Todo(doc));
        }
        Ok(slots)
    }

    /// Write or store a coded batch, in input order, in one store
    /// transaction.
    fn emit(&mut self, slots: Vec<Slot>) -> anyhow::Result<()> {
        if let Some(s) = self.store.as_deref_mut() {
            s.begin()?;
        }
        for slot in slots {
            match slot {
                Slot::Failed(e) => report_error(&e, &mut self.store, &mut self.summary)?,
                Slot::Coded(doc, coding) => self.emit_one(doc, *coding)?,
                Slot::Held | Slot::Todo(_) => {}
            }
        }
        if let Some(s) = self.store.as_deref_mut() {
            s.commit()?;
        }
        self.out.flush()?;
        Ok(())
    }

    fn emit_one(&mut self, doc: Document, coding: Coding) -> anyhow::Result<()> {
        if let Some(reason) = coding.skipped() {
            self.summary.skipped += 1;
            eprintln!("sitrep: {}: skipped: {reason}", doc.origin);
        } else {
            self.summary.coded += 1;
        }
        if self.mode != Mode::Ingest {
            self.summary.events += coding.event_count();
            self.summary.claims += coding.claim_count();
        }
        let ann = match coding {
            Coding::Lean(coded) => return write_coded(&coded, &doc, &mut *self.out),
            Coding::Whole(ann) => ann,
        };
        let out = &mut *self.out;
        match self.mode {
            Mode::Code => {
                for e in &ann.events {
                    serde_json::to_writer(&mut *out, e)?;
                    out.write_all(b"\n")?;
                }
                for c in &ann.claims {
                    serde_json::to_writer(&mut *out, c)?;
                    out.write_all(b"\n")?;
                }
            }
            Mode::Annotate => {
                serde_json::to_writer(&mut *out, &ann)?;
                out.write_all(b"\n")?;
            }
            Mode::Parse => crate::parse_cmd::write_conllu(&ann, out)?,
            Mode::Ingest => self.put(&doc, &ann)?,
        }
        Ok(())
    }

    /// Store one document, counting what the store holds, not what was coded.
    fn put(&mut self, doc: &Document, ann: &Annotation) -> anyhow::Result<()> {
        let s = self.store.as_deref_mut().expect("ingest has a store");
        let summary = &mut self.summary;
        match s.put(doc, ann)? {
            PutOutcome::Stored => {
                summary.events += ann.events.len();
                summary.claims += ann.claims.len();
            }
            o @ PutOutcome::Replaced { events, claims, .. } => {
                // stored in place of a copy with a larger id: that one is not stored
                summary.events =
                    (summary.events + ann.events.len()).saturating_sub(events as usize);
                summary.claims =
                    (summary.claims + ann.claims.len()).saturating_sub(claims as usize);
                not_stored(o, doc, summary);
            }
            o => not_stored(o, doc, summary),
        }
        Ok(())
    }
}

/// Code a batch's documents on the worker threads, keeping input order.
fn code_slots(pipeline: &Pipeline, mode: Mode, slots: Vec<Slot>) -> Vec<Slot> {
    slots
        .into_par_iter()
        .map(|slot| match slot {
            Slot::Todo(doc) => {
                let coding = Coding::of(pipeline, mode, &doc);
                Slot::Coded(doc, Box::new(coding))
            }
            other => other,
        })
        .collect()
}

/// Count a document the store did not take, and say why when it is not
/// simply the same document again (see [`PutOutcome::warns`]).
fn not_stored(outcome: PutOutcome, doc: &Document, summary: &mut Summary) {
    match outcome {
        PutOutcome::ReusedId => {
            summary.reused_ids += 1;
            eprintln!(
                "sitrep: {}: not stored: id {} is already stored with another text (give each document its own id)",
                doc.origin, doc.id
            );
        }
        PutOutcome::Replaced {
            same_url: false, ..
        } => {
            summary.same_text += 1;
            eprintln!(
                "sitrep: {}: stored in place of the same text under a larger id (without a URL nothing tells them apart; the smaller id is kept)",
                doc.origin
            );
        }
        PutOutcome::SameTextWithoutUrl => {
            summary.same_text += 1;
            eprintln!(
                "sitrep: {}: not stored: the same text is already stored under another id, and without a URL nothing tells them apart",
                doc.origin
            );
        }
        _ => summary.duplicates += 1,
    }
}

fn report_error(
    e: &DocError,
    store: &mut Option<&mut Db>,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    summary.errors += 1;
    eprintln!("sitrep: {}: {}", e.origin, e.message);
    if let Some(s) = store {
        s.put_error(e)?;
    }
    Ok(())
}

/// `sitrep code`'s lines for one document: its events, each made whole
/// only as it is written (a 50 MB document's events hold their sentences
/// many times over), then its claims.
fn write_coded(
    coded: &sitrep_pipeline::Coded,
    doc: &Document,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    for e in coded.events(doc) {
        serde_json::to_writer(&mut *out, &e)?;
        out.write_all(b"\n")?;
    }
    for c in coded.claims() {
        serde_json::to_writer(&mut *out, c)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

//! Large documents in bounded windows (#21: "Memory and time linear in the
//! document with a small constant: a 50 MB document codes in seconds, under
//! 500 MB").
//!
//! The reading pass (tokens, tags, time, actors, places) of a sentence is
//! large: some 80 bytes a character of text once every sentence of the
//! document is held, which is what a 50 MB document did (2.81 GB). Here the
//! sentences are read and coded a window at a time; a window's read state is
//! dropped as soon as its events are coded, and what is kept of a window
//! (events, claims and, for [`Pipeline::annotate`], the mentions) is small.
//! The document-level passes (merging within the document, references,
//! confidence) then run over the events of every window, as before.
//!
//! A document of up to [`WINDOW_BYTES`] is one window, coded exactly as
//! before. A longer one is cut where a paragraph starts, and each window is
//! read as a document of its own (its own actor memory, its own country the
//! text is about): that is what the joined articles of such a document are,
//! and what keeps one window from holding the state of the whole. Windows
//! are coded in parallel on the thread pool in use (one thread with
//! `--threads 1`).

use crate::{explain_actor_rules, names_actor, Laps, Pipeline, SentenceRead, Stage};
use rayon::prelude::*;
use sitrep_events::Linkable;
use sitrep_events::{claims, Coder, SentenceInput};
use sitrep_model::{
    ActorMention, Annotation, Claim, Document, Event, Mention, PlaceMention, RemovedLine, Rule,
    Sentence, TimeExpression,
};
use std::ops::Range;

/// Text read as one window: longer than any news article (the benchmark
/// corpus's longest is a few kB; long reports run to some 100 kB), short
/// enough that a window's read state stays in the tens of megabytes.
pub const WINDOW_BYTES: usize = 256 * 1024;

/// A window with no paragraph break is cut at a sentence once it is this
/// long, so that one window never holds more than this much text.
pub const WINDOW_MAX_BYTES: usize = 2 * WINDOW_BYTES;

/// What is kept of a document's annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Keep {
    /// The whole annotation ([`Pipeline::annotate`]).
    #[default]
    Everything,
    /// Only what `sitrep code` prints and the store holds: events (their
    /// mentions without text until [`Coded::events`] gives them) and claims.
    EventsAndClaims,
}

/// The windows of a document's sentences: ranges of indices into
/// `sentences`, in order, covering them all. A window ends before the
/// first sentence that starts a paragraph once it holds [`WINDOW_BYTES`]
/// of text, or before any sentence once it holds [`WINDOW_MAX_BYTES`].
pub fn windows(text: &str, sentences: &[Sentence]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0usize;
    for (i, s) in sentences.iter().enumerate().skip(1) {
        let held = s.start - sentences[from].start;
        let paragraph = starts_paragraph(text, sentences[i - 1].end, s.start);
        if (held >= WINDOW_BYTES && paragraph) || held >= WINDOW_MAX_BYTES {
            out.push(from..i);
            from = i;
        }
    }
    if from < sentences.len() || out.is_empty() {
        out.push(from..sentences.len());
    }
    out
}

/// Whether the text between two sentences breaks the line: a new
/// paragraph (the cleaner keeps a document's text by lines).
fn starts_paragraph(text: &str, prev_end: usize, start: usize) -> bool {
    let gap = text.get(prev_end..start).unwrap_or("");
    gap.contains('\n')
}

/// What the coding pass leaves of a window.
#[derive(Default)]
pub(crate) struct WindowOut {
    pub events: Vec<Event>,
    /// The merged events of a document of several windows coded for
    /// [`Keep::EventsAndClaims`], held packed (`events` is then empty).
    pub held: HeldEvents,
    pub claims: Vec<Claim>,
    pub timexes: Vec<TimeExpression>,
    pub actors: Vec<ActorMention>,
    pub places: Vec<PlaceMention>,
    pub removed: Vec<RemovedLine>,
    /// The document's first sentence was discarded (sports, shows, weather).
    pub discarded_lead: bool,
    /// Sentences discarded.
    pub discarded: usize,
}

impl WindowOut {
    fn append(&mut self, mut other: WindowOut) {
        self.events.append(&mut other.events);
        self.claims.append(&mut other.claims);
        self.timexes.append(&mut other.timexes);
        self.actors.append(&mut other.actors);
        self.places.append(&mut other.places);
        self.removed.append(&mut other.removed);
        self.discarded_lead |= other.discarded_lead;
        self.discarded += other.discarded;
    }
}

impl Pipeline {
    /// Read and code the document's sentences a window at a time (see the
    /// module); the windows' results in document order, their events merged
    /// within the document (`sitrep_events::merge_within_document`).
    ///
    /// A few windows run at a time, in parallel, and each window's events
    /// join the document's merge as soon as its group is done: the events
    /// held are the document's merged events and those of the windows in
    /// flight, never every window's events and their merge together (what
    /// took a 50 MB document to 1.87 GB).
    pub(crate) fn code_windows(
        &self,
        doc: &Document,
        sentences: &[Sentence],
        keep: Keep,
        laps: &mut Laps,
    ) -> WindowOut {
        let first = sentences.first().map_or(0, |s| s.index);
        let ws = windows(&doc.text, sentences);
        if ws.len() == 1 {
            let mut out = self.code_window(doc, sentences, first, keep, laps);
            out.events = sitrep_events::merge_within_document(out.events);
            return out;
        }
        let timed = laps.last.is_some();
        let mut all = WindowOut::default();
        let mut merge = DocumentMerge::new(merge_key);
        let group = 2 * rayon::current_num_threads().max(1);
        for ws in ws.chunks(group) {
            let parts: Vec<(WindowOut, Laps)> = ws
                .par_iter()
                .map(|w| {
                    let mut own = if timed { Laps::on() } else { Laps::off() };
                    let mut out =
                        self.code_window(doc, &sentences[w.clone()], first, keep, &mut own);
                    out.events = merge_early(out.events);
                    (out, own)
                })
                .collect();
            for (mut out, own) in parts {
                laps.times.add(&own.times);
                std::mem::take(&mut out.events)
                    .into_iter()
                    .for_each(|e| merge.add(e));
                all.append(out);
            }
        }
        if keep == Keep::EventsAndClaims {
            all.held = merge.into_held();
        } else {
            all.events = merge.into_events();
        }
        // the windows' times are charged; the clock goes on from now
        if let Some(last) = &mut laps.last {
            *last = std::time::Instant::now();
        }
        all
    }

    /// Read one window's sentences, then code them: events, claims and
    /// (with [`Keep::Everything`]) the mentions found. `first` is the
    /// document's first sentence, whose discarding skips the document.
    fn code_window(
        &self,
        doc: &Document,
        sentences: &[Sentence],
        first: usize,
        keep: Keep,
        laps: &mut Laps,
    ) -> WindowOut {
        laps.lap(Stage::Segment);
        let mut read = self.read_sentences(doc, sentences, laps);
        // the country the document is about, for actors named only by
        // their sector ("the army"), once the whole document is read
        let story = read.story.country().map(str::to_string);
        for (s, r) in sentences.iter().zip(read.sentences.iter_mut()) {
            let here: Vec<&str> = r
                .places
                .iter()
                .filter(|p| !names_actor(p, &r.found))
                .filter_map(|p| p.place.country.as_deref())
                .collect();
            let story = story
                .as_deref()
                .filter(|c| read.story.seen_outside(c, s.index));
            sitrep_actors::intext::apply_story_country(&mut r.found, story, &here, &self.actors);
        }
        // a person given the story's country in one sentence keeps it where
        // the document names him again without one
        let mut lists: Vec<&mut Vec<sitrep_actors::Found>> =
            read.sentences.iter_mut().map(|r| &mut r.found).collect();
        sitrep_actors::intext::spread_story_country(&mut lists);
        laps.lap(Stage::Actors);
        let coder = Coder::new(&self.predicates, self.coder_options.clone());
        let mut out = WindowOut::default();
        for (s, r) in sentences.iter().zip(read.sentences) {
            self.code_sentence(doc, &coder, s, r, first, keep, &mut out, laps);
        }
        out
    }

    /// Code one read sentence into `out`: its events (unless the discard
    /// list names it and it tells of no force used), claims and mentions.
    #[allow(clippy::too_many_arguments)]
    fn code_sentence(
        &self,
        doc: &Document,
        coder: &Coder,
        s: &Sentence,
        r: SentenceRead,
        first: usize,
        keep: Keep,
        out: &mut WindowOut,
        laps: &mut Laps,
    ) {
        let SentenceRead {
            tokens,
            tags,
            timexes,
            found,
            places,
        } = r;
        let text = sentence_text(doc, s);
        let discard = self.discards.find(text, false);
        let input = SentenceInput {
            doc_id: &doc.id,
            doc_date: doc.date,
            text: &doc.text,
            sentence: s.index,
            sentence_start: s.start,
            sentence_end: s.end,
            tokens: &tokens,
            tags: &tags,
            actors: &found,
            timexes: &timexes,
            places: &places,
        };
        let speech = coder.speech(&input);
        laps.lap(Stage::Speech);
        let mut coded = coder.code(&input, &speech);
        // only a sentence with something to check is parsed
        let roles = self
            .role_model
            .as_ref()
            .filter(|m| coded.iter().any(|e| m.decides(e)));
        if (self.grammar && !coded.is_empty()) || roles.is_some() {
            let syntax = crate::syntax_of_tokens(&doc.text, &tokens, s.index);
            if self.grammar {
                coded = sitrep_events::grammar::revise(coded, &syntax, &found);
            }
            if let Some(model) = roles {
                coded = sitrep_events::grammar::learned::assign(coded, &syntax, &found, model);
            }
        }
        explain_actor_rules(&mut coded, &found);
        laps.lap(Stage::Events);
        if let Some(d) = discard {
            // a sentence naming a sport or a show is not coded, unless
            // it tells of force used by or against someone named ("a
            // suicide bomber struck a football match in Baghdad"):
            // that is news wherever it happens
            let force = coded
                .iter()
                .any(|e| e.cameo.quad_class == 4 && (e.source.is_some() || e.target.is_some()));
            if !force {
                out.removed.push(RemovedLine {
                    text: text.to_string(),
                    reason: format!("discard list: {:?}, sentence not coded", d.entry),
                    start: s.start,
                    end: s.end,
                });
                out.discarded_lead |= s.index == first;
                out.discarded += 1;
                return;
            }
        }
        if keep == Keep::EventsAndClaims {
            coded.iter_mut().for_each(|e| elide_mention_texts(e, doc));
        }
        out.events.extend(coded);
        let cin = claims::ClaimInput {
            doc_id: &doc.id,
            doc_date: doc.date,
            outlet: doc.outlet.as_deref(),
            text: &doc.text,
            sentence: s.index,
            sentence_start: s.start,
            sentence_end: s.end,
            tokens: &tokens,
            actors: &found,
            timexes: &timexes,
            places: &places,
            speech: &speech,
        };
        out.claims.extend(claims::extract(&cin));
        if keep == Keep::Everything {
            out.timexes.extend(timexes);
            out.actors.extend(found.into_iter().map(|f| {
                let mut m = f.mention;
                if !f.rules.is_empty() {
                    let ids: Vec<&str> = f.rules.iter().map(|r| r.id()).collect();
                    m.why.push_str(&format!(" [rules: {}]", ids.join(", ")));
                }
                m
            }));
            out.places.extend(places);
        }
        laps.lap(Stage::Claims);
    }

    /// A document's events and claims without the rest of its annotation:
    /// what `sitrep code` prints and the store holds, in a fraction of the
    /// memory ([`Keep::EventsAndClaims`]). The same events and claims as
    /// [`Pipeline::annotate`] gives, in the same order.
    pub fn code(&self, doc: &Document) -> Coded {
        let mut packed = PackedEvents::default();
        let mut ann = self.run(doc, &mut Laps::off(), Keep::EventsAndClaims, &mut packed);
        // needed by the document-level passes only
        ann.sentences = Vec::new();
        ann.removed = Vec::new();
        Coded { ann, packed }
    }

    /// The document-level passes over a document's merged events:
    /// references linked ("the clashes began …": further mentions of events
    /// told before), each event scored as output (merged and linked), and
    /// the confidence threshold applied. `sentences` are the document's, as
    /// (start, end) offsets. Events held packed ([`Held`]: a document of
    /// several windows coded for `sitrep code`) go through the same passes
    /// and come out packed, in the same order.
    pub(crate) fn document_passes(
        &self,
        events: Vec<Event>,
        held: HeldEvents,
        sentences: &[(usize, usize)],
    ) -> (Vec<Event>, PackedEvents) {
        let mut events = if self.coder_options.keep_actorless {
            events
        } else {
            sitrep_events::link_references(events, Some(&self.predicates))
        };
        sitrep_events::confidence::rescore(&mut events, sentences, &self.confidence);
        events.retain(|e| self.threshold.keeps(e));
        let packed = if held.events.is_empty() {
            PackedEvents::default()
        } else {
            self.held_passes(held, sentences, RESCORE_CHUNK)
        };
        (events, packed)
    }

    /// [`Pipeline::document_passes`] over held events: the references
    /// linked through what each event's [`Held`] keeps for it, then the
    /// events made whole, rescored and thresholded `chunk` at a time (cut
    /// only between sentences, [`sentence_cuts`]) and packed again, so that
    /// only one chunk of them is ever held whole.
    fn held_passes(
        &self,
        held: HeldEvents,
        sentences: &[(usize, usize)],
        chunk: usize,
    ) -> PackedEvents {
        let HeldEvents {
            events: held,
            mut blocks,
        } = held;
        let link = !self.coder_options.keep_actorless;
        let mut refs = Vec::new();
        let mut out = Vec::with_capacity(held.len());
        for h in held {
            if link && h.reference {
                refs.push(h.event(&blocks));
            } else {
                out.push(h);
            }
        }
        if link {
            sitrep_events::link_references_to(&mut out, refs, Some(&self.predicates));
        }
        let keys: Vec<usize> = out
            .iter()
            .map(|h| sitrep_events::confidence::sentence_of(sentences, h.predicate_start))
            .collect();
        let cut = sentence_cuts(&keys);
        let mut packed = PackedEvents::default();
        let mut part = Vec::new();
        for (i, h) in out.into_iter().enumerate() {
            // read in order: the blocks before this one are done with
            blocks.free_before(h.first.block as usize);
            part.push(h.event(&blocks));
            if part.len() >= chunk && cut[i + 1] {
                self.rescore_into(&mut part, sentences, &mut packed);
            }
        }
        self.rescore_into(&mut part, sentences, &mut packed);
        packed.blocks.seal();
        packed
    }

    /// Rescore a chunk of whole events and pack those the threshold keeps.
    fn rescore_into(
        &self,
        part: &mut Vec<Event>,
        sentences: &[(usize, usize)],
        packed: &mut PackedEvents,
    ) {
        sitrep_events::confidence::rescore(part, sentences, &self.confidence);
        let kept = part.drain(..).filter(|e| self.threshold.keeps(e));
        for e in kept {
            let slot = packed.blocks.push(&e);
            packed.slots.push(slot);
        }
    }
}

/// A window's events merged as the document's will be, so that a window
/// holds one event for each thing it tells, not one for each telling. The
/// same events come out of the document's merge: it keeps the first event
/// of each key and adds the later ones' mentions (each event enters it with
/// the one mention the coder gave it), the highest confidence and the first
/// location, which is the same whether the later events come one by one or
/// already merged, window by window, in document order.
fn merge_early(events: Vec<Event>) -> Vec<Event> {
    sitrep_events::merge_within_document(events)
}

/// What two events of a document are merged on: the key of
/// `sitrep_events::merge_within_document` (date, who is the source, who the
/// target, code, modality; an actor no dictionary codes counts by the last
/// word of its name). A copy of that key, for merging window by window;
/// `a_window_merge_gives_the_documents_merge` checks the two agree.
fn merge_key(e: &Event) -> impl std::hash::Hash + Eq {
    let who = |a: &Option<sitrep_model::Actor>, uncoded: &Option<sitrep_model::NamedSpan>| {
        a.as_ref()
            .map(|a| a.id.clone())
            .or_else(|| uncoded.as_ref().map(|n| format!("~{}", n.surname())))
    };
    (
        e.date,
        who(&e.source, &e.uncoded_source),
        who(&e.target, &e.uncoded_target),
        e.cameo.code.clone(),
        e.modality,
    )
}

/// A document's events merged as they come, window after window, in
/// document order: the first event of each key is kept and the later ones'
/// mentions added to it, with the highest confidence and the first location,
/// as `sitrep_events::merge_within_document` does, each held packed
/// ([`Held`]) until the passes. A window's events are
/// merged within the window first ([`merge_early`]); no mention of one
/// window has the span of another's (windows share no sentence), so the
/// mentions a later window brings are all new.
struct DocumentMerge<K, F> {
    key: F,
    events: Vec<Held>,
    blocks: Blocks,
    index: std::collections::HashMap<K, usize>,
}

impl<K: std::hash::Hash + Eq, F: Fn(&Event) -> K> DocumentMerge<K, F> {
    fn new(key: F) -> Self {
        DocumentMerge {
            key,
            events: Vec::new(),
            blocks: Blocks::default(),
            index: std::collections::HashMap::new(),
        }
    }

    fn add(&mut self, e: Event) {
        let key = (self.key)(&e);
        match self.index.get(&key) {
            Some(&i) => self.events[i].merge(e),
            None => {
                self.index.insert(key, self.events.len());
                let slot = self.blocks.push(&e);
                self.events.push(Held::new(&e, slot));
            }
        }
    }

    fn into_events(self) -> Vec<Event> {
        let held = self.into_held();
        let blocks = &held.blocks;
        held.events.into_iter().map(|h| h.event(blocks)).collect()
    }

    fn into_held(mut self) -> HeldEvents {
        self.blocks.seal();
        HeldEvents {
            events: self.events,
            blocks: self.blocks,
        }
    }
}

/// Events of a chunk rescored at once: enough that the chunks are few, few
/// enough that a chunk's events held whole cost little (some 3 kB each).
const RESCORE_CHUNK: usize = 4096;

/// JSON of events read back one at a time, in blocks of this many bytes or
/// a little more, each deflated as one: one event alone deflates to half
/// its size at a cost of some 50 µs (the coding tables of one short input);
/// a block of events shares them, and the keys and codes the events repeat.
const BLOCK_BYTES: usize = 64 * 1024;

/// Bytes deflated, with the length they inflate to.
#[derive(Default)]
pub(crate) struct Packed {
    deflated: Box<[u8]>,
    len: usize,
}

impl Packed {
    fn deflate(bytes: &[u8]) -> Packed {
        let mut z = flate2::Compress::new(flate2::Compression::fast(), false);
        let mut out = Vec::with_capacity(bytes.len() / 4 + 64);
        loop {
            let read = z.total_in() as usize;
            if out.len() == out.capacity() {
                out.reserve(out.capacity());
            }
            let status = z
                .compress_vec(&bytes[read..], &mut out, flate2::FlushCompress::Finish)
                .expect("deflating to memory");
            if status == flate2::Status::StreamEnd {
                break;
            }
        }
        Packed {
            deflated: out.into_boxed_slice(),
            len: bytes.len(),
        }
    }

    fn inflate(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len);
        let status = flate2::Decompress::new(false)
            .decompress_vec(&self.deflated, &mut out, flate2::FlushDecompress::Finish)
            .expect("bytes deflated by Packed::deflate inflate");
        assert_eq!(status, flate2::Status::StreamEnd, "a packed block whole");
        out
    }
}

/// Where an event's JSON stands: its block and its bytes in it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot {
    block: u32,
    start: u32,
    end: u32,
}

/// Events held packed: their JSON, [`BLOCK_BYTES`] at a time deflated. A
/// merged event of a 50 MB document held whole is some 3.2 kB (1.1 kB of
/// struct, seven rule notes, its actors' and codes' strings); the
/// document's 134,057 events held whole until printed were most of its
/// 970 MB. Read in order, each block is inflated once.
#[derive(Default)]
pub(crate) struct Blocks {
    sealed: Vec<Packed>,
    /// The JSON of the block being filled.
    open: Vec<u8>,
    /// Blocks before this one are freed.
    freed: usize,
    /// The block last inflated.
    last: std::sync::Mutex<Option<(usize, Vec<u8>)>>,
}

impl Blocks {
    fn push(&mut self, e: &Event) -> Slot {
        let start = self.open.len();
        serde_json::to_writer(&mut self.open, e).expect("an event serializes");
        let slot = Slot {
            block: u32::try_from(self.sealed.len()).expect("under 2^32 blocks"),
            start: u32::try_from(start).expect("a block under 4 GB"),
            end: u32::try_from(self.open.len()).expect("a block under 4 GB"),
        };
        if self.open.len() >= BLOCK_BYTES {
            self.seal();
        }
        slot
    }

    /// Deflate the block being filled; events are read only once sealed.
    fn seal(&mut self) {
        if !self.open.is_empty() {
            let json = std::mem::take(&mut self.open);
            self.sealed.push(Packed::deflate(&json));
        }
    }

    fn event(&self, slot: Slot) -> Event {
        let block = slot.block as usize;
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if last.as_ref().map(|(b, _)| *b) != Some(block) {
            *last = Some((block, self.sealed[block].inflate()));
        }
        let json = last.as_ref().map(|(_, j)| j.as_slice()).unwrap_or(&[]);
        serde_json::from_slice(&json[slot.start as usize..slot.end as usize])
            .expect("an event packed by Blocks::push reads back")
    }

    /// Free the blocks before `block`, read in order and done with.
    fn free_before(&mut self, block: usize) {
        let to = block.min(self.sealed.len());
        for p in self.sealed.get_mut(self.freed..to).unwrap_or(&mut []) {
            *p = Packed::default();
        }
        self.freed = self.freed.max(to);
    }
}

/// A document's merged events as its merge holds them ([`Held`]), with the
/// blocks their first tellings are packed in.
#[derive(Default)]
pub(crate) struct HeldEvents {
    events: Vec<Held>,
    blocks: Blocks,
}

/// A document's events as output, packed, in order.
#[derive(Default)]
pub(crate) struct PackedEvents {
    slots: Vec<Slot>,
    blocks: Blocks,
}

impl PackedEvents {
    fn iter(&self) -> impl Iterator<Item = Event> + '_ {
        self.slots.iter().map(|&s| self.blocks.event(s))
    }
}

/// A merged event of a document of several windows, as the document's merge
/// holds it: the event as first told, packed, and what the merge and the
/// reference linking added since, with what linking reads of it
/// ([`sitrep_events::Linkable`]).
pub(crate) struct Held {
    first: Slot,
    /// Mentions told after the first event's: by later windows (the
    /// merge), then by references (linking), in that order.
    more: Vec<Mention>,
    /// The notes linking added.
    notes: Vec<Rule>,
    confidence: f64,
    /// The location a later telling gave when the first gave none.
    location: Option<Box<sitrep_model::Place>>,
    located: bool,
    reference: bool,
    code: Box<str>,
    own_date: Option<Option<chrono::NaiveDate>>,
    /// The sentences of the first event's mentions.
    told_in: Vec<usize>,
    predicate_start: usize,
}

impl Held {
    fn new(e: &Event, first: Slot) -> Held {
        Held {
            first,
            more: Vec::new(),
            notes: Vec::new(),
            confidence: e.confidence,
            location: None,
            located: e.location.is_some(),
            reference: sitrep_events::is_reference(e),
            code: e.cameo.code.as_str().into(),
            own_date: e.own_date(),
            told_in: e.mentions.iter().map(|m| m.sentence).collect(),
            predicate_start: e.explanation.predicate_start,
        }
    }

    /// A later telling of the same event (see [`DocumentMerge`]).
    fn merge(&mut self, e: Event) {
        self.more.extend(e.mentions);
        self.confidence = self.confidence.max(e.confidence);
        if !self.located && self.location.is_none() {
            self.location = e.location.map(Box::new);
        }
    }

    /// The event whole, with what was added to it.
    fn event(self, blocks: &Blocks) -> Event {
        let mut e = blocks.event(self.first);
        e.mentions.extend(self.more);
        e.explanation.rules.extend(self.notes);
        e.confidence = self.confidence;
        if e.location.is_none() {
            e.location = self.location.map(|p| *p);
        }
        e
    }
}

impl sitrep_events::Linkable for Held {
    fn code(&self) -> &str {
        &self.code
    }

    fn own_date(&self) -> Option<Option<chrono::NaiveDate>> {
        self.own_date
    }

    fn confidence(&self) -> f64 {
        self.confidence
    }

    fn sentences(&self) -> impl Iterator<Item = usize> + '_ {
        let more = self.more.iter().map(|m| m.sentence);
        self.told_in.iter().copied().chain(more)
    }

    fn tell(&mut self, m: &Mention, note: Rule) {
        self.more.push(m.clone());
        self.notes.push(note);
    }
}

/// Where `events` may be cut so that no sentence's events fall on both
/// sides: `cut[i]` is true when every event before `i` has its predicate in
/// an earlier sentence than every event from `i` on. Confidence reads an
/// event's sentence and the other events with their predicate in it, so
/// each piece rescored alone scores as the whole would.
fn sentence_cuts(keys: &[usize]) -> Vec<bool> {
    let mut after = vec![usize::MAX; keys.len() + 1];
    for i in (0..keys.len()).rev() {
        after[i] = after[i + 1].min(keys[i]);
    }
    let mut before = 0usize;
    let mut cut = vec![false; keys.len() + 1];
    for i in 0..=keys.len() {
        cut[i] = i == 0 || before < after[i];
        if let Some(&k) = keys.get(i) {
            before = before.max(k);
        }
    }
    cut
}

/// A sentence's text: the document's text at its offsets, which is what
/// `sitrep_text::segment` gives it, when [`Keep::EventsAndClaims`] has not
/// kept it (a 50 MB document's sentences are a second copy of its text).
fn sentence_text<'a>(doc: &'a Document, s: &'a Sentence) -> &'a str {
    if s.text.is_empty() {
        doc.text.get(s.start..s.end).unwrap_or("")
    } else {
        &s.text
    }
}

/// A mention's text is the text of its span, and its document the event's
/// (the coder makes them so): held without them, a mention costs no copy of
/// its sentence. A 50 MB document's events repeat their sentences many
/// times over (a merged event carries every sentence that tells it).
fn elide_mention_texts(e: &mut Event, doc: &Document) {
    for m in &mut e.mentions {
        if doc.text.get(m.start..m.end) == Some(m.text.as_str()) {
            m.text = String::new();
        }
        if m.doc_id == doc.id {
            m.doc_id = String::new();
        }
    }
}

/// Give back what [`elide_mention_texts`] left out.
fn restore_mention_texts(e: &mut Event, doc: &Document) {
    for m in &mut e.mentions {
        if m.text.is_empty() {
            m.text = doc.text.get(m.start..m.end).unwrap_or("").to_string();
        }
        if m.doc_id.is_empty() {
            m.doc_id = doc.id.clone();
        }
    }
}

/// A document's events and claims ([`Pipeline::code`]).
pub struct Coded {
    /// Only `language`, `skipped`, `claims` and `events` are filled; the
    /// events' mentions lack their text.
    ann: Annotation,
    /// The events of a document of several windows, packed (after those
    /// of `ann`, which then has none).
    packed: PackedEvents,
}

impl Coded {
    /// Why the document was not coded, if it was not.
    pub fn skipped(&self) -> Option<&str> {
        self.ann.skipped.as_deref()
    }

    pub fn language(&self) -> Option<&str> {
        self.ann.language.as_deref()
    }

    pub fn claims(&self) -> &[Claim] {
        &self.ann.claims
    }

    pub fn event_count(&self) -> usize {
        self.ann.events.len() + self.packed.slots.len()
    }

    /// The events, each made whole as it is given (so that only one of
    /// them at a time holds copies of its sentences). `doc` is the document
    /// coded.
    pub fn events<'a>(&'a self, doc: &'a Document) -> impl Iterator<Item = Event> + 'a {
        let packed = self.packed.iter();
        self.ann
            .events
            .iter()
            .cloned()
            .chain(packed)
            .map(move |mut e| {
                restore_mention_texts(&mut e, doc);
                e
            })
    }

    /// The annotation as [`Pipeline::annotate`] gives it, less the text,
    /// sentences and mentions: what a store puts.
    pub fn into_annotation(mut self, doc: &Document) -> Annotation {
        let packed = std::mem::take(&mut self.packed);
        self.ann.events.extend(packed.iter());
        for e in &mut self.ann.events {
            restore_mention_texts(e, doc);
        }
        self.ann
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<Sentence> {
        let kept = vec![(0, text.len())];
        let mut out = Vec::new();
        let mut index = 0;
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if c == '.' {
                out.push(Sentence {
                    index,
                    start,
                    end: i + 1,
                    text: text[start..=i].to_string(),
                });
                index += 1;
                start = i + 1;
                while text[start..].starts_with(['\n', ' ']) {
                    start += 1;
                }
            }
        }
        let _ = kept;
        out
    }

    #[test]
    fn an_ordinary_document_is_one_window() {
        let text = "Troops shelled the town.\n\nTalks began in Moscow.";
        let s = sentences(text);
        assert_eq!(windows(text, &s), vec![0..2]);
        assert_eq!(windows("", &[]), vec![0..0]);
    }

    #[test]
    fn a_long_document_is_cut_where_paragraphs_start() {
        // paragraphs of three sentences, ~60 bytes each
        let para = "Troops shelled the town. Talks began in Moscow. Both sides said so.\n\n";
        let text = para.repeat(3 * WINDOW_BYTES / para.len());
        let s = sentences(&text);
        let ws = windows(&text, &s);
        assert!(ws.len() >= 2, "{}", ws.len());
        // every sentence once, in order
        let flat: Vec<usize> = ws.iter().flat_map(|w| w.clone()).collect();
        assert_eq!(flat, (0..s.len()).collect::<Vec<_>>());
        for w in &ws[1..] {
            // each window starts a paragraph and holds at least WINDOW_BYTES
            let first = &s[w.start];
            assert!(text[..first.start].ends_with("\n\n"));
        }
        for w in &ws[..ws.len() - 1] {
            let held = s[w.end].start - s[w.start].start;
            assert!((WINDOW_BYTES..WINDOW_MAX_BYTES).contains(&held), "{held}");
        }
    }

    #[test]
    fn a_document_without_paragraphs_is_cut_at_the_largest_window() {
        let text = "Troops shelled the town. ".repeat(3 * WINDOW_MAX_BYTES / 25);
        let s = sentences(&text);
        let ws = windows(&text, &s);
        assert!(ws.len() >= 3);
        for w in &ws {
            let end = s[w.end - 1].end;
            assert!(end - s[w.start].start <= WINDOW_MAX_BYTES + 25);
        }
    }

    fn pipeline() -> Pipeline {
        Pipeline::new(&crate::Config {
            no_places: true,
            ..crate::Config::default()
        })
        .unwrap()
    }

    const ARTICLE: &str = "Azerbaijani forces shelled Stepanakert on Thursday, killing at least 12 civilians, the Armenian defence ministry said. Russia hosted talks in Moscow on Friday.";

    fn doc(text: String) -> Document {
        Document {
            id: "d".into(),
            date: chrono::NaiveDate::from_ymd_opt(2020, 10, 10),
            text,
            ..Document::default()
        }
    }

    /// `n` paragraphs of `text`, each with its number (the cleaner drops a
    /// line repeated word for word as site debris).
    fn numbered(text: &str, n: usize) -> String {
        (0..n)
            .map(|i| format!("{text} It was report {i}.\n\n"))
            .collect()
    }

    fn json<T: serde::Serialize>(x: &T) -> String {
        serde_json::to_string(x).unwrap()
    }

    #[test]
    fn code_gives_the_events_and_claims_annotate_gives() {
        let p = pipeline();
        for d in [doc(ARTICLE.to_string()), doc(numbered(ARTICLE, 2000))] {
            let ann = p.annotate(&d);
            assert!(!ann.events.is_empty() && !ann.claims.is_empty());
            let coded = p.code(&d);
            let events: Vec<Event> = coded.events(&d).collect();
            assert_eq!(json(&events), json(&ann.events));
            assert_eq!(json(&coded.claims()), json(&ann.claims));
            assert_eq!(coded.event_count(), ann.events.len());
            assert_eq!(coded.language(), ann.language.as_deref());
            assert_eq!(json(&coded.into_annotation(&d).events), json(&ann.events));
        }
    }

    /// The coder's events of a document, sentence by sentence, unmerged.
    fn coded_events(p: &Pipeline, d: &Document) -> Vec<Event> {
        let coder = Coder::new(&p.predicates, p.coder_options.clone());
        let cleaned = sitrep_text::clean(&d.text);
        let sentences = sitrep_text::segment(&d.text, &cleaned.kept);
        let mut out = WindowOut::default();
        let read = p.read_sentences(d, &sentences, &mut Laps::off());
        for (s, r) in sentences.iter().zip(read.sentences) {
            p.code_sentence(
                d,
                &coder,
                s,
                r,
                0,
                Keep::Everything,
                &mut out,
                &mut Laps::off(),
            );
        }
        out.events
    }

    #[test]
    fn merging_each_window_first_changes_nothing() {
        // the coder's events of a long document, split into windows
        let p = pipeline();
        let d = doc(numbered(
            &format!("{ARTICLE} The army attacked the village on Friday."),
            40,
        ));
        let events = coded_events(&p, &d);
        assert!(events.len() > 80, "{}", events.len());
        let whole = sitrep_events::merge_within_document(events.clone());
        assert!(whole.len() < events.len() / 10);
        for cut in [1, 7, events.len() / 3] {
            let early: Vec<Event> = events
                .chunks(cut)
                .flat_map(|w| merge_early(w.to_vec()))
                .collect();
            let merged = sitrep_events::merge_within_document(early);
            assert_eq!(json(&merged), json(&whole), "windows of {cut} events");
        }
    }

    /// The events split where every `n`th sentence starts: windows share
    /// no sentence.
    fn by_sentences(events: &[Event], n: usize) -> Vec<Vec<Event>> {
        let mut out: Vec<Vec<Event>> = Vec::new();
        let mut last = None;
        for e in events {
            let group = e.mentions[0].sentence / n;
            if last != Some(group) {
                out.push(Vec::new());
                last = Some(group);
            }
            out.last_mut().unwrap().push(e.clone());
        }
        out
    }

    #[test]
    fn a_window_merge_gives_the_documents_merge() {
        // coded and uncoded actors (merged by surname), dates, modalities
        let p = pipeline();
        let d = doc(numbered(
            &format!(
                "{ARTICLE} Zaccarias Moussaoui attacked the village on Friday. \
                 Mr Moussaoui attacked the village on Friday. \
                 Russia will host talks next week."
            ),
            30,
        ));
        let events = coded_events(&p, &d);
        assert!(events.iter().any(|e| e.uncoded_source.is_some()));
        let whole = sitrep_events::merge_within_document(events.clone());
        assert!(whole.len() < events.len() / 10);
        for n in [1, 3, 40] {
            let mut merge = DocumentMerge::new(merge_key);
            for w in by_sentences(&events, n) {
                merge_early(w).into_iter().for_each(|e| merge.add(e));
            }
            assert_eq!(
                json(&merge.into_events()),
                json(&whole),
                "windows of {n} sentences"
            );
        }
    }

    #[test]
    fn a_document_is_cut_only_between_sentences() {
        // the events' sentences, in the order the events come
        let cut = sentence_cuts(&[0, 0, 1, 3, 2, 4]);
        assert_eq!(cut, vec![true, false, true, true, false, true, true]);
        assert_eq!(sentence_cuts(&[]), vec![true]);
    }

    /// `n` reports of shelling on many dates, each told again by a
    /// reference ("The shelling …"), and talks.
    fn varied(n: usize) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "Azerbaijani forces shelled Stepanakert on {} October, the Armenian \
                     defence ministry said. The shelling damaged homes. Russia hosted talks \
                     in Moscow on {} October. It was report {i}.\n\n",
                    1 + i % 28,
                    1 + (i / 3) % 28
                )
            })
            .collect()
    }

    #[test]
    fn held_events_pass_as_whole_events_do() {
        let p = pipeline();
        let d = doc(varied(120));
        let events = coded_events(&p, &d);
        assert!(events.iter().any(sitrep_events::is_reference));
        let cleaned = sitrep_text::clean(&d.text);
        let sentences: Vec<(usize, usize)> = sitrep_text::segment(&d.text, &cleaned.kept)
            .iter()
            .map(|s| (s.start, s.end))
            .collect();
        let merged = || {
            let mut merge = DocumentMerge::new(merge_key);
            for w in by_sentences(&events, 7) {
                merge_early(w).into_iter().for_each(|e| merge.add(e));
            }
            merge
        };
        let (want, none) =
            p.document_passes(merged().into_events(), HeldEvents::default(), &sentences);
        assert!(none.slots.is_empty());
        // references linked: some events told again
        let told = |e: &Event| {
            e.explanation
                .rules
                .iter()
                .any(|r| r.id == "refer.also_told")
        };
        assert!(want.iter().any(told));
        assert!(want.len() > 40, "{}", want.len());
        for chunk in [1, 5, 64, usize::MAX] {
            let got: Vec<Event> = p
                .held_passes(merged().into_held(), &sentences, chunk)
                .iter()
                .collect();
            assert_eq!(json(&got), json(&want), "chunks of {chunk} events");
        }
    }

    #[test]
    fn packed_events_read_back_in_any_order() {
        let p = pipeline();
        let d = doc(varied(60));
        let events = coded_events(&p, &d);
        let mut blocks = Blocks::default();
        let slots: Vec<Slot> = events.iter().map(|e| blocks.push(e)).collect();
        blocks.seal();
        assert!(blocks.sealed.len() >= 2, "{} blocks", blocks.sealed.len());
        for i in (0..events.len()).rev().chain(0..events.len()) {
            assert_eq!(json(&blocks.event(slots[i])), json(&events[i]));
        }
    }

    #[test]
    fn every_window_of_a_long_document_is_coded() {
        // the same article many times over: one merged event told in
        // every copy, whichever window the copy fell in
        let p = pipeline();
        let d = doc(numbered(ARTICLE, 3 * WINDOW_BYTES / ARTICLE.len()));
        let ann = p.annotate(&d);
        assert!(windows(&d.text, &ann.sentences).len() >= 3);
        let shelled = ann
            .events
            .iter()
            .find(|e| e.explanation.predicate == "shelled")
            .expect("the shelling is coded");
        let copies = d.text.matches("shelled").count();
        assert_eq!(shelled.mentions.len(), copies);
        let last = ann.sentences.last().unwrap().index;
        assert!(shelled.mentions.iter().any(|m| m.sentence + 2 >= last));
    }
}

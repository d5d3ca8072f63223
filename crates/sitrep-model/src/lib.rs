//! The data model every sitrep stage reads and writes.
//!
//! Data flows one way: a [`Document`] is cleaned and segmented into
//! [`Sentence`]s, recognisers attach [`ActorMention`]s, [`PlaceMention`]s,
//! [`TimeExpression`]s and [`Claim`]s, and the event coder turns them into
//! [`Event`]s. Every value carries provenance: the document id, the sentence
//! index and byte offsets into [`Document::text`], the text all offsets index.
//!
//! The JSON shape of these types is the output contract documented in
//! `docs/FORMATS.md`: fields may be added, never renamed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A half-open byte range `[start, end)` into [`Document::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Where a document's publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A date field of the input record (JSONL `date`, feed item, WARC-Date).
    Record,
    /// HTML metadata: meta tags, JSON-LD, `<time>`.
    Metadata,
    /// A date line in the text ("Published: 10 October 2020").
    Text,
    /// The document URL (`/2020/10/12/`).
    Url,
    /// `--date` on the command line.
    CommandLine,
    /// No date could be found.
    #[default]
    None,
}

/// A document as it enters the pipeline: the article text and its metadata.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Document {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// Publication date.
    pub date: Option<NaiveDate>,
    pub date_source: DateSource,
    /// The article text. All offsets in the output index this string (bytes).
    pub text: String,
    /// Where the document came from: a file path, with `:line` for JSONL.
    pub origin: String,
    /// The outlet, when known (site name, feed title, URL host).
    pub outlet: Option<String>,
}

impl Document {
    /// A content hash used to recognise a document seen again under another id.
    pub fn content_hash(&self) -> String {
        let mut h = Sha256::new();
        h.update(self.text.trim().as_bytes());
        hex(&h.finalize()[..16])
    }
}

/// Hex-encode bytes (lowercase).
pub fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

/// A short stable id from a set of parts.
pub fn stable_id(prefix: &str, parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    format!("{prefix}{}", hex(&h.finalize()[..8]))
}

/// A line removed by the cleaner, with the reason.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RemovedLine {
    pub text: String,
    pub reason: String,
    pub start: usize,
    pub end: usize,
}

/// One sentence of the cleaned text.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sentence {
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A coded actor: who acts, or is acted upon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Stable canonical id (`country:ARM`, `ARMGOV`, `person:armen-sarkissian`, `org:IGOUNO`).
    pub id: String,
    /// CAMEO-style code: country + sector (`ARMGOV`), an IGO code (`IGOUNO`), or a country alone.
    pub code: String,
    /// ISO 3166 alpha-3, when the actor belongs to one country.
    pub country: Option<String>,
    /// Sector code (`GOV`, `MIL`, `REB`, …), when known.
    pub sector: Option<String>,
    /// Canonical name.
    pub name: String,
    /// The text as it stood in the document.
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// The sectors of a state itself: its government, armed forces, police,
/// intelligence, courts and legislature.
pub const STATE_SECTORS: &[&str] = &["GOV", "MIL", "COP", "SPY", "JUD", "LEG"];

/// The sectors of armed groups that are not a state's: rebels, insurgents,
/// separatists and unaligned armed forces.
pub const NONSTATE_ARMED_SECTORS: &[&str] = &["REB", "INS", "SEP", "UAF"];

impl Actor {
    /// Whether the actor's sector is one of the state's ([`STATE_SECTORS`]).
    pub fn in_state_sector(&self) -> bool {
        self.sector
            .as_deref()
            .is_some_and(|s| STATE_SECTORS.contains(&s))
    }

    /// Whether the actor's sector is a non-state armed group's
    /// ([`NONSTATE_ARMED_SECTORS`]).
    pub fn in_nonstate_armed_sector(&self) -> bool {
        self.sector
            .as_deref()
            .is_some_and(|s| NONSTATE_ARMED_SECTORS.contains(&s))
    }
}

/// An actor found in a sentence, with how it was recognised.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActorMention {
    pub sentence: usize,
    #[serde(flatten)]
    pub actor: Actor,
    /// How the code was composed ("adjective Armenian + agent president").
    pub why: String,
}

/// A rule that coded an actor from what the text itself says, beyond the
/// dictionaries: shown in the actor's `why` and in the explanation of the
/// events it takes part in (`docs/FORMATS.md`, "Actor rules").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorRule {
    /// "the National Liberation Movement (NLM)", "NLM, the National
    /// Liberation Movement": an organisation defined with its acronym here.
    AcronymDefinition,
    /// "NLM" alone, "the group", "the rebels": the organisation defined
    /// with its acronym earlier in the document.
    AcronymReference,
    /// "the army", "the rebels": an actor named only by its sector takes
    /// the country the document is about.
    StoryCountry,
    /// "former president X": out of office, one of the country's elites.
    Former,
    /// "UN envoy X", "X, the ECOWAS mediator": a person acting for an
    /// international body takes its code.
    ActsForBody,
    /// "Zelensky", "the president", "President Sargsyan": the person
    /// already named in the document.
    Coreference,
    /// "Rapid Support Forces": a name's sector from its head noun.
    HeadNoun,
}

impl ActorRule {
    /// The rule's stable identifier (its JSON form).
    pub fn id(self) -> &'static str {
        match self {
            ActorRule::AcronymDefinition => "acronym_definition",
            ActorRule::AcronymReference => "acronym_reference",
            ActorRule::StoryCountry => "story_country",
            ActorRule::Former => "former",
            ActorRule::ActsForBody => "acts_for_body",
            ActorRule::Coreference => "coreference",
            ActorRule::HeadNoun => "head_noun",
        }
    }
}

/// Geographic precision of a place, mapped to ACLED geo_precision / GDELT Geo_Type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GeoPrecision {
    Place,
    Admin1,
    Country,
}

/// A resolved place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonameid: Option<u64>,
    pub precision: GeoPrecision,
}

/// A place named in a sentence.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlaceMention {
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(flatten)]
    pub place: Place,
}

/// A time expression and its normalised value.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TimeExpression {
    pub sentence: usize,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// TIMEX3-style value: `2020-10-10`, `2020-10`, `2020`, `2020-W41`, `P30Y`, or null when unresolvable.
    pub value: Option<String>,
    /// `date`, `duration`, `time`, `set`.
    #[serde(rename = "type")]
    pub kind: String,
    /// For "since X": the value is the start of an open range.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub open_range: bool,
}

/// Precision of an event date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
    None,
}

/// Where an event date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventDateSource {
    /// A time expression governing the predicate in the sentence.
    Text,
    /// The document's publication date.
    Document,
    /// Inferred (from another report of the same event, or the story).
    Inferred,
    /// No date known.
    None,
}

/// A pointer to the text behind a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub doc_id: String,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Categories of human-cost figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimCategory {
    Killed,
    Wounded,
    Captured,
    Missing,
    Released,
    Displaced,
}

impl ClaimCategory {
    pub fn as_str(&self) -> &'static str {
        match self {
            ClaimCategory::Killed => "killed",
            ClaimCategory::Wounded => "wounded",
            ClaimCategory::Captured => "captured",
            ClaimCategory::Missing => "missing",
            ClaimCategory::Released => "released",
            ClaimCategory::Displaced => "displaced",
        }
    }
}

/// A casualty or captive figure with who claims it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claim {
    pub kind: String,
    pub doc_id: String,
    pub category: ClaimCategory,
    pub low: Option<u64>,
    pub best: Option<u64>,
    pub high: Option<u64>,
    /// Who says so: the speaker, else the outlet (as an actor without code).
    pub claimant: Option<Actor>,
    /// Who the figure counts ("civilians", "Azerbaijani soldiers").
    pub subject: Option<String>,
    pub date: Option<NaiveDate>,
    pub location: Option<Place>,
    pub mention: Mention,
    /// How the figure was read ("at least 12" → low 12).
    pub why: String,
}

/// CAMEO coding of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cameo {
    pub code: String,
    pub base: String,
    pub root: String,
    pub goldstein: f64,
    pub quad_class: u8,
    pub label: String,
}

/// PLOVER coding of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plover {
    pub event: Option<String>,
    pub mode: Option<String>,
}

/// Whether the text asserts the event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    Asserted,
    Future,
    Negated,
    Hypothetical,
    Claimed,
}

impl Modality {
    pub fn as_str(&self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Future => "future",
            Modality::Negated => "negated",
            Modality::Hypothetical => "hypothetical",
            Modality::Claimed => "claimed",
        }
    }
}

/// Why an event was coded the way it was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// The sentence.
    pub sentence: String,
    /// The predicate as it stood in the text, and its offsets.
    pub predicate: String,
    pub predicate_start: usize,
    pub predicate_end: usize,
    /// The lexicon entry that matched (`lemma pattern → code`, file of origin).
    pub pattern: String,
    /// The rules applied, in order: each a rule id and what it did here.
    pub rules: Vec<Rule>,
}

/// One step of an explanation: the id of the rule that applied (`coder.
/// passive`, `grammar.condition`, `confidence.lowered`) and what it did to
/// this event, in words. The id is data a program can count or filter on;
/// the text is the id rendered as prose for a reader. Serialised as
/// `{"id", "text"}`; a bare string (as stores written before rule ids hold)
/// reads as a rule with the id `note`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub id: String,
    pub text: String,
}

impl Rule {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Rule {
        Rule {
            id: id.into(),
            text: text.into(),
        }
    }
}

/// A rule reads as its text, so explanations print and search as prose.
impl std::ops::Deref for Rule {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl PartialEq<str> for Rule {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Rule, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Full { id: String, text: String },
            Bare(String),
        }
        Ok(match Either::deserialize(d)? {
            Either::Full { id, text } => Rule { id, text },
            Either::Bare(text) => Rule::new("note", text),
        })
    }
}

/// A coded event.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    pub kind: String,
    pub event_id: String,
    pub doc_id: String,
    pub date: Option<NaiveDate>,
    pub date_precision: DatePrecision,
    pub date_source: EventDateSource,
    pub source: Option<Actor>,
    pub target: Option<Actor>,
    pub cameo: Cameo,
    pub plover: Plover,
    pub modality: Modality,
    /// Who claims or denies it, for `claimed` and reported events.
    pub claimant: Option<Actor>,
    pub location: Option<Place>,
    pub confidence: f64,
    pub mentions: Vec<Mention>,
    pub explanation: Explanation,
    /// Events coded from one compound phrase share a group id.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub group: Option<String>,
    /// The words naming the source where no dictionary codes it ("Gryffindor's
    /// head Minerva McGonagall left for …"): `source` stays empty, so codes,
    /// dyads and merging are untouched, but the reader sees who acted.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub uncoded_source: Option<NamedSpan>,
    /// The same for the target.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub uncoded_target: Option<NamedSpan>,
}

/// Words of the document that name someone, with their offsets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamedSpan {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

impl NamedSpan {
    /// The name's last word, lower case and without a possessive ending:
    /// what tells two names apart ("moussaoui" for "Zaccarias Moussaoui"
    /// and "Mr Moussaoui's" alike).
    pub fn surname(&self) -> String {
        self.text
            .split_whitespace()
            .last()
            .unwrap_or("")
            .trim_end_matches("'s")
            .trim_end_matches('\'')
            .to_lowercase()
    }
}

/// Why a line was dropped, or a document skipped.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocError {
    /// File path, with `:line` when the error concerns one line of a file.
    pub origin: String,
    pub doc_id: Option<String>,
    pub message: String,
}

/// Everything the pipeline learned from one document: the `annotate` view.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Annotation {
    pub doc_id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    pub date_source: DateSource,
    pub language: Option<String>,
    /// `true` when the document was not coded (e.g. not English).
    pub skipped: Option<String>,
    /// The text all offsets index.
    pub text: String,
    /// The text with removed lines dropped, for reading.
    pub clean_text: String,
    pub removed: Vec<RemovedLine>,
    pub sentences: Vec<Sentence>,
    pub actors: Vec<ActorMention>,
    pub places: Vec<PlaceMention>,
    pub timexes: Vec<TimeExpression>,
    pub claims: Vec<Claim>,
    pub events: Vec<Event>,
    /// Each sentence's dependency analysis, when asked for (`annotate`, `parse`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub syntax: Vec<SentenceSyntax>,
}

/// One sentence's words with their part of speech, head and relation (Universal
/// Dependencies, as sitrep-parse predicts them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceSyntax {
    /// The sentence's index in `sentences`.
    pub sentence: usize,
    pub words: Vec<SyntaxWord>,
}

/// A word of a sentence's dependency analysis. Clitics are words of their own
/// ("Kenya's" is "Kenya" + "'s"), as in UD; offsets index the document text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyntaxWord {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Penn Treebank tag.
    pub tag: String,
    /// Universal part-of-speech tag.
    pub upos: String,
    /// 1-based index of the head word in the sentence; 0 for the root.
    pub head: usize,
    /// The UD relation to the head (`nsubj`, `obl:agent`, ...).
    pub rel: String,
}

/// A story: events and documents about one unfolding situation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Story {
    pub story_id: String,
    pub title: String,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    pub doc_ids: Vec<String>,
    pub event_ids: Vec<String>,
}

/// Split a CAMEO code into (code, base, root): `0871` → (`0871`, `087`, `08`).
pub fn cameo_parts(code: &str) -> (String, String, String) {
    let root = code.get(..2).unwrap_or(code).to_string();
    let base = code.get(..3).unwrap_or(code).to_string();
    (code.to_string(), base, root)
}

/// QuadClass from a CAMEO root code: 1 verbal cooperation, 2 material
/// cooperation, 3 verbal conflict, 4 material conflict.
pub fn quad_class(root: &str) -> u8 {
    match root.parse::<u8>().unwrap_or(0) {
        1..=5 => 1,
        6..=8 => 2,
        9..=13 => 3,
        14..=20 => 4,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sector_groups_tell_state_from_armed_groups() {
        let actor = |sector: Option<&str>| Actor {
            id: "x".into(),
            code: "SYR".into(),
            country: Some("SYR".into()),
            sector: sector.map(str::to_string),
            name: "x".into(),
            text: "x".into(),
            start: 0,
            end: 1,
        };
        assert!(actor(Some("MIL")).in_state_sector());
        assert!(!actor(Some("MIL")).in_nonstate_armed_sector());
        assert!(actor(Some("REB")).in_nonstate_armed_sector());
        assert!(!actor(Some("REB")).in_state_sector());
        assert!(!actor(Some("CVL")).in_state_sector());
        assert!(!actor(None).in_state_sector() && !actor(None).in_nonstate_armed_sector());
    }

    /// An explanation step is `{"id", "text"}` on the wire; a bare string,
    /// as stores written before rule ids hold, reads back with the id `note`.
    #[test]
    fn rules_serialise_with_their_ids_and_read_old_strings() {
        let r = Rule::new("coder.passive", "passive voice");
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, r#"{"id":"coder.passive","text":"passive voice"}"#);
        assert_eq!(serde_json::from_str::<Rule>(&json).unwrap(), r);
        let old: Vec<Rule> = serde_json::from_str(r#"["dated by the publication date"]"#).unwrap();
        assert_eq!(old[0].id, "note");
        assert_eq!(&*old[0], "dated by the publication date");
    }

    #[test]
    fn cameo_split_and_quad() {
        assert_eq!(
            cameo_parts("0871"),
            ("0871".into(), "087".into(), "08".into())
        );
        assert_eq!(cameo_parts("19"), ("19".into(), "19".into(), "19".into()));
        assert_eq!(quad_class("04"), 1);
        assert_eq!(quad_class("07"), 2);
        assert_eq!(quad_class("11"), 3);
        assert_eq!(quad_class("19"), 4);
    }

    #[test]
    fn hash_ignores_surrounding_space() {
        let a = Document {
            text: "x y\n".into(),
            ..Default::default()
        };
        let b = Document {
            text: "  x y".into(),
            ..Default::default()
        };
        assert_eq!(a.content_hash(), b.content_hash());
        assert_ne!(stable_id("e", &["a", "bc"]), stable_id("e", &["ab", "c"]));
    }
}

//! The pipeline: one document in, one [`Annotation`] out.
//!
//! Stages run in a fixed order, each with one job: detect the language,
//! drop site debris, split sentences, then per sentence tokenise, tag time
//! expressions, recognise actors and places, find reported speech, code
//! events and extract figures; finally merge repeated events of the
//! document. The pipeline holds only read-only lexicons, so one instance
//! serves every thread.

mod chunk;
pub use chunk::{Coded, Keep, WINDOW_BYTES};

use anyhow::Context;
use sitrep_actors::{ActorLexicon, DocMemory};
use sitrep_events::{CoderOptions, PredicateLexicon};
use sitrep_model::{Annotation, Document};
use sitrep_places::{ActorKind, ActorSpan, Gazetteer};
use sitrep_text::Discards;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How to build a pipeline.
/// Names of actors no dictionary codes are reported up to this many words:
/// long enough for "Gryffindor's head Minerva McGonagall" or "the Ministry
/// of Foreign Affairs", short enough to stay a name.
pub const UNCODED_NAME_WORDS: usize = 6;

#[derive(Debug, Clone, Default)]
pub struct Config {
    /// A directory overriding built-in data files (`actors/`, `cameo/`, `places/` inside).
    pub data_dir: Option<PathBuf>,
    /// PETRARCH-format actor dictionaries to add.
    pub actor_dicts: Vec<PathBuf>,
    /// PETRARCH-format agent dictionaries to add.
    pub agent_dicts: Vec<PathBuf>,
    /// Replace (rather than extend) the built-in actors with the given dictionaries.
    pub only_given_actors: bool,
    /// PETRARCH-format verb dictionaries to add.
    pub verb_dicts: Vec<PathBuf>,
    /// Replace (rather than extend) the built-in predicate lexicon with the given verb dictionaries.
    pub only_given_verbs: bool,
    /// Keep events with neither a source nor a target.
    pub keep_actorless: bool,
    pub require_dyad: bool,
    /// The longest name, in words, reported for an actor no dictionary
    /// codes; `None` is the default ([`UNCODED_NAME_WORDS`]), 0 reports none.
    pub uncoded_name_words: Option<usize>,
    /// Skip the gazetteer (faster start; no locations).
    pub no_places: bool,
    /// Code documents whatever their detected language.
    pub any_language: bool,
    /// PETRARCH-format discard lists to add.
    pub discard_lists: Vec<PathBuf>,
    /// Replace (rather than extend) the built-in discard list with the given ones.
    pub only_given_discards: bool,
    /// Output only events whose confidence is at least this; `None` is the
    /// threshold the confidence model was trained with (`#threshold` in
    /// `data/confidence/model.tsv`), 0 keeps every event.
    pub min_confidence: Option<f64>,
}

/// The assembled pipeline.
pub struct Pipeline {
    pub actors: ActorLexicon,
    pub predicates: PredicateLexicon,
    pub gazetteer: Option<Gazetteer>,
    pub coder_options: CoderOptions,
    pub any_language: bool,
    /// Sentences and documents not to code (sports, entertainment, weather).
    pub discards: Discards,
    /// Give every sentence its dependency analysis ([`Annotation::syntax`]).
    pub syntax: bool,
    /// Check the pattern coder's events against the sentence's dependency
    /// parse (`sitrep_events::grammar`). Off by default for now: on, it
    /// raises precision on real news a little (eval/README.md) but a parse
    /// error on a datelined lead still costs the stories regression test two
    /// merged reports. The environment variable `SITREP_GRAMMAR=1` turns it
    /// on for every command, `sitrep eval` included, so one build measures
    /// the stage against its absence.
    pub grammar: bool,
    /// The learned role model (`sitrep_events::grammar::learned`;
    /// `data/roles/model.tsv`, or the data directory's `roles/model.tsv`),
    /// present only when it decides events' sources and targets from the
    /// parse where it is confident. `SITREP_ROLES=1` loads it, `0` leaves
    /// it out (eval/README.md, "A learned role model"), so a pipeline
    /// without it does not read the model at start-up.
    pub role_model: Option<sitrep_events::grammar::learned::RoleModel>,
    /// The learned confidence model (`sitrep_events::confidence`).
    pub confidence: sitrep_events::confidence::Model,
    /// Which events are output, by their confidence.
    pub threshold: sitrep_events::confidence::Threshold,
}

impl Pipeline {
    pub fn new(cfg: &Config) -> anyhow::Result<Self> {
        if let Some(path) = cfg.data_dir.as_ref().map(|d| d.join("parse/model.bin")) {
            if path.exists() {
                let model = sitrep_parse::Analyzer::from_file(&path)
                    .with_context(|| format!("loading the parse model {}", path.display()))?;
                sitrep_parse::use_model(model);
            }
        }
        let mut actors = if cfg.only_given_actors {
            ActorLexicon::default()
        } else {
            match &cfg.data_dir {
                Some(d) => {
                    ActorLexicon::from_dir(&d.join("actors")).context("loading actor data")?
                }
                None => ActorLexicon::builtin(),
            }
        };
        if cfg.only_given_actors {
            // keep country facts for code splitting
            let base = ActorLexicon::builtin();
            actors.countries = base.countries;
        }
        for p in &cfg.actor_dicts {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("reading actor dictionary {}", p.display()))?;
            sitrep_actors::petrarch::load_actors(&mut actors, &text);
        }
        for p in &cfg.agent_dicts {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("reading agent dictionary {}", p.display()))?;
            sitrep_actors::petrarch::load_agents(&mut actors, &text);
        }
        let mut predicates = match &cfg.data_dir {
            Some(d) => {
                PredicateLexicon::from_dir(&d.join("cameo")).context("loading predicate lexicon")?
            }
            None => PredicateLexicon::builtin(),
        };
        if cfg.only_given_verbs {
            // keep the code table (labels, Goldstein, PLOVER), drop the patterns
            predicates.patterns.clear();
            predicates.forms.clear();
        }
        for p in &cfg.verb_dicts {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("reading verb dictionary {}", p.display()))?;
            sitrep_events::petrarch::load_verbs(&mut predicates, &text);
        }
        let gazetteer = if cfg.no_places {
            None
        } else {
            Some(match &cfg.data_dir {
                Some(d) => Gazetteer::from_dir(&d.join("places")).context("loading gazetteer")?,
                None => Gazetteer::builtin(),
            })
        };
        // a data directory may carry its own list; older ones have none
        let mut discards = if cfg.only_given_discards {
            Discards::default()
        } else {
            match cfg
                .data_dir
                .as_ref()
                .map(|d| d.join("discards").join("discards.txt"))
            {
                Some(f) if f.exists() => Discards::parse(
                    &std::fs::read_to_string(&f)
                        .with_context(|| format!("reading discard list {}", f.display()))?,
                ),
                _ => Discards::builtin(),
            }
        };
        for p in &cfg.discard_lists {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("reading discard list {}", p.display()))?;
            discards.extend(&text);
        }
        let confidence = load_confidence(cfg.data_dir.as_deref())?;
        Ok(Pipeline {
            actors,
            predicates,
            gazetteer,
            discards,
            coder_options: CoderOptions {
                require_dyad: cfg.require_dyad,
                keep_actorless: cfg.keep_actorless,
                uncoded_name_words: cfg.uncoded_name_words.unwrap_or(UNCODED_NAME_WORDS),
            },
            any_language: cfg.any_language,
            syntax: false,
            grammar: std::env::var("SITREP_GRAMMAR").is_ok_and(|v| v == "1" || v == "on"),
            role_model: if std::env::var("SITREP_ROLES").is_ok_and(|v| v == "1" || v == "on") {
                Some(load_roles(cfg.data_dir.as_deref())?)
            } else {
                None
            },
            threshold: match cfg.min_confidence {
                Some(at) => sitrep_events::confidence::Threshold::every_root(at),
                None => confidence.default_threshold(),
            },
            confidence,
        })
    }

    /// The sentence's actors as the place recogniser sees them: names of
    /// people and organisations and groups named by role are mostly not
    /// places, a country named outright is one (see [`ActorKind`]).
    fn actor_spans(&self, found: &[sitrep_actors::Found]) -> Vec<ActorSpan> {
        found
            .iter()
            .map(|f| {
                let a = &f.mention.actor;
                let kind = if a.id.starts_with("person:") {
                    let last = a.name.rsplit(' ').next().unwrap_or("");
                    ActorKind::Person {
                        name: a.name.clone(),
                        known: self.actors.surnames.contains_key(&sitrep_actors::key(last)),
                    }
                } else if a.id.starts_with("org:") {
                    ActorKind::Org
                } else if let (Some(c), None, true) = (
                    &a.country,
                    &a.sector,
                    // the country's name itself, not its adjective ("Iraqi")
                    a.id.starts_with("country:")
                        && f.mention.why == format!("country {:?}", a.text),
                ) {
                    ActorKind::Country(c.clone())
                } else {
                    ActorKind::Group
                };
                ActorSpan {
                    start: a.start,
                    end: a.end,
                    kind,
                }
            })
            .collect()
    }

    /// Run every stage over one document.
    pub fn annotate(&self, doc: &Document) -> Annotation {
        self.run(
            doc,
            &mut Laps::off(),
            Keep::Everything,
            &mut Default::default(),
        )
    }

    /// [`Pipeline::annotate`] with the time each stage took: the same code
    /// path, with a clock read between stages.
    pub fn annotate_timed(&self, doc: &Document) -> (Annotation, StageTimes) {
        let mut laps = Laps::on();
        let ann = self.run(doc, &mut laps, Keep::Everything, &mut Default::default());
        (ann, laps.times)
    }

    /// `packed` takes the events of a document of several windows coded
    /// for [`Keep::EventsAndClaims`], which are held packed (chunk.rs).
    fn run(
        &self,
        doc: &Document,
        laps: &mut Laps,
        keep: Keep,
        packed: &mut chunk::PackedEvents,
    ) -> Annotation {
        let cleaned = sitrep_text::clean(&doc.text);
        let clean_text = cleaned.clean_text(&doc.text);
        laps.lap(Stage::Clean);
        let language = detect_language(&clean_text);
        laps.lap(Stage::Language);
        let mut ann = Annotation {
            doc_id: doc.id.clone(),
            url: doc.url.clone(),
            title: doc.title.clone(),
            date: doc.date,
            date_source: doc.date_source,
            language: language.clone(),
            skipped: None,
            text: if keep == Keep::Everything {
                doc.text.clone()
            } else {
                String::new()
            },
            clean_text: if keep == Keep::Everything {
                clean_text
            } else {
                drop(clean_text);
                String::new()
            },
            removed: cleaned.removed.clone(),
            sentences: Vec::new(),
            actors: Vec::new(),
            places: Vec::new(),
            timexes: Vec::new(),
            claims: Vec::new(),
            events: Vec::new(),
            syntax: Vec::new(),
        };
        if let Some(l) = &language {
            if l != "eng" && !self.any_language {
                ann.skipped = Some(format!(
                    "language {l}: the English pipeline does not code it (use --any-language to force)"
                ));
                return ann;
            }
        }
        ann.sentences = sitrep_text::segment(&doc.text, &cleaned.kept);
        if self.syntax {
            ann.syntax = ann
                .sentences
                .iter()
                .map(|s| sentence_syntax(&doc.text, s))
                .collect();
        }
        // a sports report or a typhoon's toll: the whole document is not
        // coded. Its topic is in its title and lead; a conflict report
        // naming a tournament further down is still coded
        let lead: String = doc
            .title
            .iter()
            .map(String::as_str)
            .chain(ann.sentences.iter().take(2).map(|s| s.text.as_str()))
            .collect::<Vec<_>>()
            .join("\n");
        if let Some(d) = self.discards.find(&lead, true) {
            ann.skipped = Some(format!(
                "discard list: {:?} marks a document not to code (sports, entertainment, weather)",
                d.entry
            ));
            return ann;
        }
        if keep == Keep::EventsAndClaims {
            // from here on only the sentences' offsets are read
            ann.sentences
                .iter_mut()
                .for_each(|s| s.text = String::new());
        }
        // read and coded a window of sentences at a time (chunk.rs)
        let coded = self.code_windows(doc, &ann.sentences, keep, laps);
        let (events, held, discarded_lead, discarded) = (
            coded.events,
            coded.held,
            coded.discarded_lead,
            coded.discarded,
        );
        ann.removed.extend(coded.removed);
        (ann.claims, ann.timexes) = (coded.claims, coded.timexes);
        (ann.actors, ann.places) = (coded.actors, coded.places);
        // a document whose sentences are mostly discarded is a sports or
        // show-business report that names its competition only here and
        // there: what is left of it ("The United States team …") would
        // only tie it to unrelated stories; so is one whose first sentence
        // names them, its topic
        if discarded_lead || (discarded >= 2 && 2 * discarded >= ann.sentences.len()) {
            ann.skipped = Some(if discarded_lead {
                "discard list: its first sentence names sports, entertainment or weather"
                    .to_string()
            } else {
                format!(
                    "discard list: {discarded} of its {} sentences name sports, entertainment or weather",
                    ann.sentences.len()
                )
            });
            ann.claims.clear();
            return ann;
        }
        // the events come merged within the document (chunk.rs); references
        // linked, confidence rescored and thresholded there too
        let sentences: Vec<(usize, usize)> =
            ann.sentences.iter().map(|s| (s.start, s.end)).collect();
        (ann.events, *packed) = self.document_passes(events, held, &sentences);
        laps.lap(Stage::Merge);
        ann
    }
}

/// One of the coder's model files: `relative` under `--data DIR` when there
/// is one, read by `parse`, else the built-in model.
fn load_model<M, E>(
    data_dir: Option<&std::path::Path>,
    relative: &str,
    parse: fn(&str) -> Result<M, E>,
    builtin: fn() -> M,
) -> anyhow::Result<M>
where
    E: std::error::Error + Send + Sync + 'static,
{
    match data_dir.map(|d| d.join(relative)) {
        Some(path) if path.exists() => {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            parse(&text).with_context(|| format!("in {}", path.display()))
        }
        _ => Ok(builtin()),
    }
}

/// The confidence model (`confidence/model.tsv`).
fn load_confidence(
    data_dir: Option<&std::path::Path>,
) -> anyhow::Result<sitrep_events::confidence::Model> {
    use sitrep_events::confidence::Model;
    load_model(
        data_dir,
        "confidence/model.tsv",
        Model::parse,
        Model::builtin,
    )
}

/// The role model (`roles/model.tsv`).
fn load_roles(
    data_dir: Option<&std::path::Path>,
) -> anyhow::Result<sitrep_events::grammar::learned::RoleModel> {
    use sitrep_events::grammar::learned::RoleModel;
    load_model(
        data_dir,
        "roles/model.tsv",
        RoleModel::parse,
        RoleModel::builtin,
    )
}

/// A sentence's dependency analysis: its tokens split into UD words (clitics apart),
/// tagged and parsed by the model in use (the built-in one unless `--data DIR` holds
/// `parse/model.bin`).
pub fn sentence_syntax(text: &str, s: &sitrep_model::Sentence) -> sitrep_model::SentenceSyntax {
    let tokens = sitrep_text::tokenize(text, s.start, s.end);
    syntax_of_tokens(text, &tokens, s.index)
}

/// The dependency analysis of a sentence already split into tokens.
pub fn syntax_of_tokens(
    text: &str,
    tokens: &[sitrep_text::Token],
    sentence: usize,
) -> sitrep_model::SentenceSyntax {
    let pieces =
        sitrep_parse::split::words(tokens.iter().map(|t| (&text[t.start..t.end], t.start)));
    let forms: Vec<&str> = pieces.iter().map(|p| p.text.as_str()).collect();
    let a = sitrep_parse::Analyzer::embedded().analyze(&forms);
    let words = pieces
        .into_iter()
        .enumerate()
        .map(|(i, p)| sitrep_model::SyntaxWord {
            text: p.text,
            start: p.start,
            end: p.end,
            tag: a.tags[i].clone(),
            upos: a.upos[i].clone(),
            head: a.heads[i],
            rel: a.rels[i].as_str().to_string(),
        })
        .collect();
    sitrep_model::SentenceSyntax { sentence, words }
}

/// One sentence as the reading pass leaves it: tokens, tags, time
/// expressions, actors and places, before events are coded.
struct SentenceRead {
    tokens: Vec<sitrep_text::Token>,
    tags: Vec<sitrep_pos::Tag>,
    timexes: Vec<sitrep_model::TimeExpression>,
    found: Vec<sitrep_actors::Found>,
    places: Vec<sitrep_model::PlaceMention>,
}

/// The reading pass over a document: every sentence, and the evidence of
/// the country the document is about.
struct DocumentRead {
    sentences: Vec<SentenceRead>,
    story: sitrep_actors::intext::StoryCountry,
}

impl Pipeline {
    /// Read every sentence (tokens, time, tags, actors, places) with one
    /// actor memory for the document, gathering where it happens and whose
    /// states act in it; events are coded afterwards, once the document's
    /// country is known.
    fn read_sentences(
        &self,
        doc: &Document,
        sentences: &[sitrep_model::Sentence],
        laps: &mut Laps,
    ) -> DocumentRead {
        let mut mem = DocMemory::default();
        let mut focus: Vec<String> = Vec::new();
        let mut story = sitrep_actors::intext::StoryCountry::default();
        let mut out = Vec::with_capacity(sentences.len());
        let first_sentence = sentences.first().map_or(0, |s| s.index);
        for s in sentences {
            let tokens = sitrep_text::tokenize(&doc.text, s.start, s.end);
            laps.lap(Stage::Tokenize);
            let timexes = sitrep_time::tag_tokens(&doc.text, &tokens, s.index, doc.date);
            laps.lap(Stage::Time);
            // tagged once here for the actors and the events stages
            let surface: Vec<&str> = tokens.iter().map(|t| &doc.text[t.start..t.end]).collect();
            let tags = sitrep_pos::tag(&surface);
            let found = self
                .actors
                .recognise_tagged(&doc.text, &tokens, &tags, s.index, doc.date, &mut mem);
            for f in &found {
                if let Some(c) = &f.mention.actor.country {
                    if !focus.contains(c) {
                        focus.push(c.clone());
                    }
                }
            }
            let lead = s.index == first_sentence;
            story.add_actors(&found, s.index, lead);
            laps.lap(Stage::Actors);
            let places = match &self.gazetteer {
                Some(g) => g.find(
                    &doc.text,
                    &tokens,
                    s.index,
                    &focus,
                    &self.actor_spans(&found),
                ),
                None => Vec::new(),
            };
            // the countries of places found so far focus later resolution too
            for pl in &places {
                if let Some(c) = &pl.place.country {
                    // a place that is also an actor ("the United States
                    // welcomed") counted among the actors already
                    if !names_actor(pl, &found) {
                        story.add_place(c, s.index, lead);
                    }
                    if !focus.contains(c) {
                        focus.push(c.clone());
                    }
                }
            }
            laps.lap(Stage::Places);
            out.push(SentenceRead {
                tokens,
                tags,
                timexes,
                found,
                places,
            });
        }
        DocumentRead {
            sentences: out,
            story,
        }
    }
}

/// Whether a place is also an actor of the sentence ("the United States
/// welcomed"): a state acting, not where things happen.
fn names_actor(p: &sitrep_model::PlaceMention, found: &[sitrep_actors::Found]) -> bool {
    found
        .iter()
        .any(|f| f.mention.actor.start < p.end && p.start < f.mention.actor.end)
}

/// An event's actors coded by a rule of the text (an acronym defined in
/// it, the document's country, "former", acting for a body, coreference)
/// say so in the event's explanation: "source \"the army\": story_country".
fn explain_actor_rules(events: &mut [sitrep_model::Event], found: &[sitrep_actors::Found]) {
    for e in events.iter_mut() {
        let roles = [("source", e.source.as_ref()), ("target", e.target.as_ref())];
        let mut notes = Vec::new();
        for (role, a) in roles {
            let Some(a) = a else { continue };
            let Some(f) = found
                .iter()
                .find(|f| f.mention.actor.start == a.start && f.mention.actor.end == a.end)
            else {
                continue;
            };
            if f.rules.is_empty() {
                continue;
            }
            let ids: Vec<&str> = f.rules.iter().map(|r| r.id()).collect();
            notes.push(sitrep_model::Rule::new(
                "actors.text_rules",
                format!(
                    "{role} {:?} coded by the text's own rules: {}",
                    f.mention.actor.text,
                    ids.join(", ")
                ),
            ));
        }
        e.explanation.rules.extend(notes);
    }
}

/// ISO 639-3 code of the text's language, when it can be told.
pub fn detect_language(text: &str) -> Option<String> {
    // English function words settle it for English news, however many
    // foreign names a sentence carries ("… met President Ilham Aliyev in
    // Brussels" is not Catalan); statistical detection decides the rest.
    const ENGLISH: &[&str] = &[
        "the", "and", "of", "in", "to", "a", "said", "on", "for", "with", "was", "is", "that",
        "by", "has", "have", "were", "at", "from", "its", "their", "after", "will", "an", "as",
    ];
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(600)
        .map(str::to_lowercase)
        .collect();
    if !words.is_empty() {
        let hits = words
            .iter()
            .filter(|w| ENGLISH.contains(&w.as_str()))
            .count();
        if hits >= 2 && hits * 100 >= words.len() * 8 {
            return Some("eng".into());
        }
    }
    let sample: String = text.chars().take(4000).collect();
    let info = whatlang::detect(&sample)?;
    // short texts are unreliable: report only confident answers on enough text
    if !info.is_reliable() || sample.chars().count() < 80 {
        return None;
    }
    Some(info.lang().code().to_string())
}

#[cfg(test)]
mod language_tests {
    use super::detect_language;

    #[test]
    fn english_with_foreign_names_is_english() {
        // too short to tell: unknown, and so coded, never skipped as Catalan
        let s = "Armenian Prime Minister Nikol Pashinyan met Azerbaijani President Ilham Aliyev in Brussels.";
        assert!(matches!(detect_language(s).as_deref(), None | Some("eng")));
        let s = "The Armenian prime minister met the Azerbaijani president in Brussels on Monday, and the two leaders agreed to hold further talks, officials said.";
        assert_eq!(detect_language(s).as_deref(), Some("eng"));
        let fr = "Le gouvernement français a annoncé jeudi de nouvelles mesures pour soutenir les agriculteurs touchés par la sécheresse dans le sud du pays, selon le ministre.";
        assert_eq!(detect_language(fr).as_deref(), Some("fra"));
        assert_eq!(detect_language("Ok"), None);
    }
}

/// The stages of [`Pipeline::annotate`], in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Site debris removal and the cleaned text.
    Clean,
    /// Language detection.
    Language,
    /// Sentence splitting.
    Segment,
    Tokenize,
    /// Time expressions and numbers.
    Time,
    Actors,
    Places,
    /// Reported speech.
    Speech,
    /// Event coding.
    Events,
    /// Casualty and other figures, and collecting the sentence's results.
    Claims,
    /// Merging repeated events of the document.
    Merge,
}

impl Stage {
    pub const ALL: [Stage; 11] = [
        Stage::Clean,
        Stage::Language,
        Stage::Segment,
        Stage::Tokenize,
        Stage::Time,
        Stage::Actors,
        Stage::Places,
        Stage::Speech,
        Stage::Events,
        Stage::Claims,
        Stage::Merge,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Clean => "clean",
            Stage::Language => "language",
            Stage::Segment => "segment",
            Stage::Tokenize => "tokenize",
            Stage::Time => "time",
            Stage::Actors => "actors",
            Stage::Places => "places",
            Stage::Speech => "speech",
            Stage::Events => "events",
            Stage::Claims => "claims",
            Stage::Merge => "merge",
        }
    }
}

/// Time spent in each [`Stage`], summed over the sentences of a document
/// (or over documents, with [`StageTimes::add`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StageTimes([Duration; Stage::ALL.len()]);

impl StageTimes {
    pub fn get(&self, stage: Stage) -> Duration {
        self.0[stage as usize]
    }

    pub fn total(&self) -> Duration {
        self.0.iter().sum()
    }

    pub fn add(&mut self, other: &StageTimes) {
        for (a, b) in self.0.iter_mut().zip(other.0.iter()) {
            *a += *b;
        }
    }

    /// Each stage with its time, in pipeline order.
    pub fn iter(&self) -> impl Iterator<Item = (Stage, Duration)> + '_ {
        Stage::ALL.iter().map(|&s| (s, self.get(s)))
    }
}

/// A stopwatch read between stages; when off it never reads the clock.
struct Laps {
    last: Option<Instant>,
    times: StageTimes,
}

impl Laps {
    fn off() -> Self {
        Laps {
            last: None,
            times: StageTimes::default(),
        }
    }

    fn on() -> Self {
        Laps {
            last: Some(Instant::now()),
            times: StageTimes::default(),
        }
    }

    /// Charge the time since the previous lap to `stage`.
    #[inline]
    fn lap(&mut self, stage: Stage) {
        if let Some(last) = &mut self.last {
            let now = Instant::now();
            self.times.0[stage as usize] += now - *last;
            *last = now;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_bad_parse_model_is_a_named_error() {
        let dir = std::env::temp_dir().join(format!("sitrep-bad-parse-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("parse")).unwrap();
        std::fs::write(dir.join("parse/model.bin"), b"not a model").unwrap();
        let cfg = Config {
            data_dir: Some(dir.clone()),
            ..Config::default()
        };
        let err = Pipeline::new(&cfg)
            .err()
            .expect("a bad parse model is refused");
        std::fs::remove_dir_all(&dir).ok();
        assert!(
            format!("{err:#}").contains("loading the parse model"),
            "{err:#}"
        );
    }

    use super::*;

    #[test]
    fn timing_changes_nothing_and_charges_every_stage_that_ran() {
        let p = Pipeline::new(&Config {
            no_places: true,
            ..Config::default()
        })
        .unwrap();
        let doc = Document {
            id: "d".into(),
            date: chrono::NaiveDate::from_ymd_opt(2020, 10, 10),
            text: "Azerbaijani forces shelled Stepanakert on Thursday, killing at least 12 civilians, the Armenian defence ministry said. Russia hosted talks in Moscow on Friday.".into(),
            ..Document::default()
        };
        let plain = p.annotate(&doc);
        let (timed, times) = p.annotate_timed(&doc);
        assert_eq!(format!("{plain:?}"), format!("{timed:?}"));
        assert!(!plain.events.is_empty());
        assert!(times.get(Stage::Events) > Duration::ZERO);
        assert!(times.get(Stage::Tokenize) > Duration::ZERO);
        assert_eq!(times.total(), times.iter().map(|(_, d)| d).sum());
    }

    fn codes(ann: &Annotation, predicate: &str) -> Vec<(String, String)> {
        ann.events
            .iter()
            .filter(|e| e.explanation.predicate == predicate)
            .map(|e| {
                let c = |a: &Option<sitrep_model::Actor>| {
                    a.as_ref().map(|a| a.code.clone()).unwrap_or_default()
                };
                (c(&e.source), c(&e.target))
            })
            .collect()
    }

    #[test]
    fn a_sector_only_actor_takes_the_country_the_story_is_about() {
        // the sentence, in a report that says where it happens:
        // the army is Sudan's, not the United States' standing beside it
        let p = Pipeline::new(&Config::default()).unwrap();
        let doc = Document {
            id: "d".into(),
            date: chrono::NaiveDate::from_ymd_opt(2023, 5, 6),
            text: "Fighting in Sudan's Darfur region continued on Friday. \
                   The European Union and the United States welcomed the start of talks \
                   between the army and the rebels."
                .into(),
            ..Document::default()
        };
        let ann = p.annotate(&doc);
        let army = ann.actors.iter().find(|a| a.actor.text == "army").unwrap();
        assert_eq!(army.actor.code, "SDNMIL", "{}", army.why);
        assert!(army.why.contains("story_country"));
        let welcomed = codes(&ann, "welcomed");
        assert!(!welcomed.is_empty());
        for (_, t) in &welcomed {
            assert!(t.starts_with("SDN"), "{welcomed:?}");
        }
        // the event's explanation names the rule
        let e = ann
            .events
            .iter()
            .find(|e| e.explanation.predicate == "welcomed")
            .unwrap();
        assert!(
            e.explanation
                .rules
                .iter()
                .any(|r| r.contains("story_country")),
            "{:?}",
            e.explanation.rules
        );
    }

    #[test]
    fn one_sentence_tells_no_story_beyond_itself() {
        // with nothing else in the document, the sentence's own country
        // words are no story: the actor is left to the sentence's rules
        let p = Pipeline::new(&Config::default()).unwrap();
        let doc = Document {
            id: "d".into(),
            date: chrono::NaiveDate::from_ymd_opt(2023, 5, 6),
            text: "Sudanese officials said the army had shelled the rebels.".into(),
            ..Document::default()
        };
        let ann = p.annotate(&doc);
        assert!(ann.actors.iter().all(|a| !a.why.contains("story_country")));
    }
}

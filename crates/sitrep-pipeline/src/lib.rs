//! The pipeline: one document in, one [`Annotation`] out.
//!
//! Stages run in a fixed order, each with one job: detect the language,
//! drop site debris, split sentences, then per sentence tokenise, tag time
//! expressions, recognise actors and places, find reported speech, code
//! events and extract figures; finally merge repeated events of the
//! document. The pipeline holds only read-only lexicons, so one instance
//! serves every thread.

use anyhow::Context;
use sitrep_actors::{ActorLexicon, DocMemory};
use sitrep_events::{claims, Coder, CoderOptions, PredicateLexicon, SentenceInput};
use sitrep_model::{Annotation, Document};
use sitrep_places::Gazetteer;
use std::path::PathBuf;

/// How to build a pipeline.
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
    /// Skip the gazetteer (faster start; no locations).
    pub no_places: bool,
    /// Code documents whatever their detected language.
    pub any_language: bool,
}

/// The assembled pipeline.
pub struct Pipeline {
    pub actors: ActorLexicon,
    pub predicates: PredicateLexicon,
    pub gazetteer: Option<Gazetteer>,
    pub coder_options: CoderOptions,
    pub any_language: bool,
}

impl Pipeline {
    pub fn new(cfg: &Config) -> anyhow::Result<Self> {
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
        Ok(Pipeline {
            actors,
            predicates,
            gazetteer,
            coder_options: CoderOptions {
                require_dyad: cfg.require_dyad,
                keep_actorless: cfg.keep_actorless,
            },
            any_language: cfg.any_language,
        })
    }

    /// Run every stage over one document.
    pub fn annotate(&self, doc: &Document) -> Annotation {
        let cleaned = sitrep_text::clean(&doc.text);
        let clean_text = cleaned.clean_text(&doc.text);
        let language = detect_language(&clean_text);
        let mut ann = Annotation {
            doc_id: doc.id.clone(),
            url: doc.url.clone(),
            title: doc.title.clone(),
            date: doc.date,
            date_source: doc.date_source,
            language: language.clone(),
            skipped: None,
            text: doc.text.clone(),
            clean_text,
            removed: cleaned.removed.clone(),
            sentences: Vec::new(),
            actors: Vec::new(),
            places: Vec::new(),
            timexes: Vec::new(),
            claims: Vec::new(),
            events: Vec::new(),
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
        let coder = Coder::new(&self.predicates, self.coder_options.clone());
        let mut mem = DocMemory::default();
        let mut focus: Vec<String> = Vec::new();
        let mut events = Vec::new();
        for s in &ann.sentences {
            let tokens = sitrep_text::tokenize(&doc.text, s.start, s.end);
            let timexes = sitrep_time::tag_tokens(&doc.text, &tokens, s.index, doc.date);
            let found = self
                .actors
                .recognise(&doc.text, &tokens, s.index, doc.date, &mut mem);
            for f in &found {
                if let Some(c) = &f.mention.actor.country {
                    if !focus.contains(c) {
                        focus.push(c.clone());
                    }
                }
            }
            let places = match &self.gazetteer {
                Some(g) => {
                    // actor spans are not places, except countries and capitals named as such
                    let skip: Vec<(usize, usize)> = found
                        .iter()
                        .filter(|f| {
                            f.mention.actor.sector.is_some()
                                || f.mention.actor.id.starts_with("person:")
                                || f.mention.actor.id.starts_with("org:")
                        })
                        .map(|f| (f.mention.actor.start, f.mention.actor.end))
                        .collect();
                    g.find(&doc.text, &tokens, s.index, &focus, &skip)
                }
                None => Vec::new(),
            };
            let input = SentenceInput {
                doc_id: &doc.id,
                doc_date: doc.date,
                text: &doc.text,
                sentence: s.index,
                sentence_start: s.start,
                sentence_end: s.end,
                tokens: &tokens,
                actors: &found,
                timexes: &timexes,
                places: &places,
            };
            let speech = coder.speech(&input);
            events.extend(coder.code(&input, &speech));
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
            ann.claims.extend(claims::extract(&cin));
            ann.timexes.extend(timexes);
            ann.actors.extend(found.into_iter().map(|f| f.mention));
            ann.places.extend(places);
        }
        ann.events = sitrep_events::merge_within_document(events);
        ann
    }
}

/// ISO 639-3 code of the text's language, when it can be told.
pub fn detect_language(text: &str) -> Option<String> {
    let sample: String = text.chars().take(4000).collect();
    let info = whatlang::detect(&sample)?;
    // short texts are unreliable: report only confident answers
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    Some(info.lang().code().to_string())
}

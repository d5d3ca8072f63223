//! The grammar stage of the coder: the events a sentence's predicates
//! proposed, checked against the sentence's dependency parse.
//!
//! The pattern coder (`coder.rs`) finds predicates and their CAMEO codes
//! from the PETRARCH patterns, and guesses their actors from word order.
//! Word order fails on real news: the source of "a wave of suicide
//! bombings" taken from the sentence's subject three clauses away, a
//! coordinated subject coded as source and target of one act, the verb of
//! a purpose clause coded as an act that happened. Here the parse decides:
//! who fills a predicate's roles ([`roles`]), and whether its clause tells
//! an act at all. Each decision is a named rule in [`RULES`], and the
//! rules an event went through are listed in its explanation by id.

pub mod learned;
mod roles;
mod rules;
mod tree;

pub use roles::{roles, RoleSource, Roles};
pub use rules::{Rule, RULES};
pub use tree::Tree;

use sitrep_actors::Found;
use sitrep_model::{stable_id, Event, SentenceSyntax};

/// What a rule did to an event.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Nothing to say.
    Unchanged,
    /// The event was changed; the note says how and why.
    Changed(String),
    /// The event is not one: the note says why.
    Drop(String),
}

/// The sentence the rules read: its tree and its actors.
pub struct Context<'a> {
    pub tree: Tree<'a>,
    pub actors: &'a [Found],
    /// The sentence's span in the document.
    pub start: usize,
    pub end: usize,
}

impl<'a> Context<'a> {
    pub fn new(syntax: &'a SentenceSyntax, actors: &'a [Found]) -> Self {
        let start = syntax.words.first().map_or(0, |w| w.start);
        let end = syntax.words.last().map_or(0, |w| w.end);
        Context {
            tree: Tree::new(syntax),
            actors,
            start,
            end,
        }
    }

    /// Whether the span `start..end` lies in this sentence.
    pub fn inside(&self, start: usize, end: usize) -> bool {
        start >= self.start && end <= self.end
    }

    /// The word heading the span `start..end`.
    pub fn head_of(&self, start: usize, end: usize) -> Option<usize> {
        self.tree.span_head(start, end)
    }

    /// The actor whose head is nearest the head of `phrase`, if any
    /// actor stands in the phrase.
    pub fn actor_in(&self, phrase: usize) -> Option<&'a Found> {
        self.actors
            .iter()
            .filter_map(|f| {
                let a = &f.mention.actor;
                let h = self.head_of(a.start, a.end)?;
                self.tree.depth_in(h, phrase).map(|d| (d, a.start, f))
            })
            .min_by_key(|&(d, start, _)| (d, start))
            .map(|(_, _, f)| f)
    }

    /// The actor heading `phrase` itself or joined to its head by a
    /// modifier, apposition or coordination, not through a prepositional
    /// phrase: "its posts near the village of Kok-Tash" names no village
    /// as the target of "opened fire on".
    pub fn actor_heading(&self, phrase: usize) -> Option<&'a Found> {
        const CLOSE: &[&str] = &[
            "compound",
            "flat",
            "appos",
            "amod",
            "nmod:poss",
            "conj",
            "det",
            "nummod",
        ];
        self.actors.iter().find(|f| {
            let a = &f.mention.actor;
            self.head_of(a.start, a.end)
                .is_some_and(|h| self.tree.steps_up(h, phrase, CLOSE).is_some())
        })
    }

    /// Whether the span `start..end` stands in the phrase headed by
    /// `phrase`, or holds the phrase's head itself ("Bree Prime Minister
    /// Romendacil" holds a subject the parse found in "Bree" alone).
    pub fn span_in(&self, start: usize, end: usize, phrase: usize) -> bool {
        let w = self.tree.word(phrase);
        (w.start >= start && w.end <= end)
            || self
                .head_of(start, end)
                .is_some_and(|h| self.tree.in_phrase(h, phrase))
    }

    /// The predicate word of an event.
    pub fn predicate(&self, e: &Event) -> Option<usize> {
        self.tree.word_at(e.explanation.predicate_start)
    }
}

/// Check a sentence's events against its parse: apply [`RULES`] in order
/// to each, drop those a rule finds are no events, and record the rules
/// that changed one in its explanation (`grammar.<id>: why`).
pub fn revise(events: Vec<Event>, syntax: &SentenceSyntax, actors: &[Found]) -> Vec<Event> {
    let cx = Context::new(syntax, actors);
    let two_way: Vec<bool> = events.iter().map(|e| mirrored(e, &events)).collect();
    events
        .into_iter()
        .zip(two_way)
        .filter_map(|(e, two_way)| revise_one(&cx, e, two_way))
        .collect()
}

/// Whether the pattern coder coded the act both ways: another event of
/// the same predicate has this one's source as its target and its target
/// as its source ("The Philippines and France agree …", "left for Minas
/// Tirith": a visit and its hosting). A two-way act is the coder's
/// deliberate reading of a reciprocal verb, which the role rules keep.
pub fn mirrored(e: &Event, all: &[Event]) -> bool {
    let who = |a: &Option<sitrep_model::Actor>, n: &Option<sitrep_model::NamedSpan>| {
        a.as_ref()
            .map(|a| a.code.clone())
            .or_else(|| n.as_ref().map(|n| n.text.clone()))
    };
    let (s, t) = (
        who(&e.source, &e.uncoded_source),
        who(&e.target, &e.uncoded_target),
    );
    s.is_some()
        && t.is_some()
        && all.iter().any(|o| {
            o.explanation.predicate_start == e.explanation.predicate_start
                && who(&o.source, &o.uncoded_source) == t
                && who(&o.target, &o.uncoded_target) == s
        })
}

fn revise_one(cx: &Context, mut e: Event, two_way: bool) -> Option<Event> {
    let Some(p) = cx.predicate(&e) else {
        return Some(e);
    };
    let before = (
        e.source.clone(),
        e.target.clone(),
        e.uncoded_source.clone(),
        e.uncoded_target.clone(),
    );
    for rule in RULES {
        if two_way && rule.roles {
            continue;
        }
        match (rule.apply)(cx, p, &mut e) {
            Outcome::Unchanged => {}
            Outcome::Changed(why) => e
                .explanation
                .rules
                .push(sitrep_model::Rule::new(format!("grammar.{}", rule.id), why)),
            Outcome::Drop(_) => return None,
        }
    }
    let after = (
        e.source.clone(),
        e.target.clone(),
        e.uncoded_source.clone(),
        e.uncoded_target.clone(),
    );
    if after != before {
        e.event_id = event_id(&e);
    }
    Some(e)
}

/// An event's id, from what identifies it: document, sentence, predicate,
/// source, target and code (the same parts the pattern coder uses).
pub fn event_id(e: &Event) -> String {
    let role = |a: &Option<sitrep_model::Actor>, n: &Option<sitrep_model::NamedSpan>| {
        a.as_ref()
            .map(|a| a.id.clone())
            .or(n.as_ref().map(|n| n.text.clone()))
            .unwrap_or_default()
    };
    let sentence = e.mentions.first().map_or(0, |m| m.sentence);
    stable_id(
        "ev-",
        &[
            &e.doc_id,
            &sentence.to_string(),
            &e.explanation.predicate_start.to_string(),
            &role(&e.source, &e.uncoded_source),
            &role(&e.target, &e.uncoded_target),
            &e.cameo.code,
        ],
    )
}

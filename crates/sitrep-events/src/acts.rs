//! One act, one event: the events a sentence's predicates proposed,
//! revised where two of its words tell one act, or where a word names a
//! thing and not an act at all.
//!
//! The pattern coder codes every predicate word it finds. News tells one
//! attack with several: "The bombings in two city centre pubs killed 21
//! people and injured 182" is one attack, with its toll, not a bombing, a
//! killing and an injuring; "a bomb exploded in the market" is one
//! bombing, not a bomb and an explosion. On WikiEvents train, a violent
//! event beside another one that told the same act was the largest kind
//! of wrong event in sentences with a gold event, and the bare noun "bomb"
//! was wrong more often than right (77 of 125 tellings). The deaths and
//! injuries themselves are not lost: the claims stage records them as
//! figures, with their claimant.
//!
//! Each revision is a named rule in [`RULES`]; an event a rule changed
//! lists it in its explanation by id (`acts.*`).

use crate::english::{
    is_casualty_verb, is_go_off_verb, is_use_verb, AUXILIARIES, INSTRUMENT_NOUNS,
};
use crate::SentenceInput;
use sitrep_model::{Actor, Event, NamedSpan, Rule};
use sitrep_pos::Tag;

/// A revision of a sentence's events.
pub struct ActRule {
    /// The rule's id, `acts.<name>`.
    pub id: &'static str,
    pub apply: fn(&Sentence, &mut Vec<Event>),
}

/// The rules, in the order they apply.
pub const RULES: &[ActRule] = &[
    ActRule {
        id: INSTRUMENT,
        apply: instrument,
    },
    ActRule {
        id: CONSEQUENCE,
        apply: consequence,
    },
];

const INSTRUMENT: &str = "acts.instrument";
const CONSEQUENCE: &str = "acts.consequence";

/// What the rules read of a sentence: its words in lower case and their tags.
pub struct Sentence<'a> {
    words: Vec<&'a str>,
    starts: Vec<usize>,
    tags: &'a [Tag],
}

impl<'a> Sentence<'a> {
    pub fn new(input: &'a SentenceInput) -> Self {
        Sentence {
            words: input.tokens.iter().map(|t| t.norm.as_str()).collect(),
            starts: input.tokens.iter().map(|t| t.start).collect(),
            tags: input.tags,
        }
    }

    /// The token an event's predicate begins at.
    fn predicate(&self, e: &Event) -> Option<usize> {
        self.starts
            .iter()
            .position(|&s| s == e.explanation.predicate_start)
    }

    fn is_verb(&self, i: usize) -> bool {
        matches!(
            self.tags.get(i),
            Some(Tag::VB | Tag::VBD | Tag::VBG | Tag::VBN | Tag::VBP | Tag::VBZ)
        )
    }

    /// The verb a noun at `i` is the subject of: the first verb within four
    /// words after it, over auxiliaries and adverbs only ("a bomb had
    /// reportedly exploded").
    fn verb_after(&self, i: usize) -> Option<usize> {
        (i + 1..self.words.len().min(i + 5))
            .take_while(|&j| self.is_verb(j) || matches!(self.tags[j], Tag::RB | Tag::MD))
            .find(|&j| self.is_verb(j) && !AUXILIARIES.contains(&self.words[j]))
    }

    /// The verb a noun at `i` is the object of: the nearest verb before it
    /// over the noun's own modifiers only ("planted a powerful roadside
    /// bomb").
    fn verb_before(&self, i: usize) -> Option<usize> {
        (i.saturating_sub(6)..i)
            .rev()
            .take_while(|&j| {
                self.is_verb(j)
                    || matches!(
                        self.tags[j],
                        Tag::DT | Tag::JJ | Tag::CD | Tag::NN | Tag::NNS | Tag::PRPS | Tag::RB
                    )
            })
            .find(|&j| self.is_verb(j))
    }
}

/// Apply [`RULES`] to the events coded in one sentence.
pub fn revise(input: &SentenceInput, mut events: Vec<Event>) -> Vec<Event> {
    if events.is_empty() {
        return events;
    }
    let s = Sentence::new(input);
    for rule in RULES {
        (rule.apply)(&s, &mut events);
    }
    events
}

fn violent(e: &Event) -> bool {
    matches!(e.cameo.root.as_str(), "18" | "19" | "20")
}

fn is_noun(e: &Event) -> bool {
    e.explanation.pattern.contains("(noun,")
}

/// Who fills a role, for comparing two events' roles: an actor by its
/// code, an uncoded one by its words.
fn who(a: &Option<Actor>, n: &Option<NamedSpan>) -> Option<String> {
    a.as_ref()
        .map(|a| a.code.clone())
        .or_else(|| n.as_ref().map(|n| n.text.to_lowercase()))
}

/// Give `to` the roles it lacks from `from`, noting the rule on `to`.
fn take_roles(to: &mut Event, from: &Event, rule: &'static str, why: String) {
    if to.source.is_none() && to.uncoded_source.is_none() {
        to.source = from.source.clone();
        to.uncoded_source = from.uncoded_source.clone();
    }
    if to.target.is_none() && to.uncoded_target.is_none() {
        to.target = from.target.clone();
        to.uncoded_target = from.uncoded_target.clone();
    }
    to.explanation.rules.push(Rule::new(rule, why));
    to.event_id = crate::grammar::event_id(to);
}

/// Remove the events a rule marked (`drop[i]` for event `i`), keeping
/// the others in order.
fn remove_marked(events: &mut Vec<Event>, drop: Vec<bool>) {
    let mut keep = drop.into_iter().map(|d| !d);
    events.retain(|_| keep.next().unwrap_or(true));
}

/// "Officials found the alleged bomb maker"; "a bomb exploded in the
/// market": a weapon noun is an act only where the sentence tells the
/// weapon going off (its verb) or used (the verb it is the object of).
/// Where that verb is coded as a violent act of its own, the verb's event
/// is the act and takes the roles the noun's event found; where no such
/// verb governs the noun, the noun names a thing, and its event is dropped.
fn instrument(s: &Sentence, events: &mut Vec<Event>) {
    let mut drop = vec![false; events.len()];
    for k in 0..events.len() {
        let e = &events[k];
        let word = e.explanation.predicate.to_lowercase();
        if !is_noun(e) || !INSTRUMENT_NOUNS.contains(&word.as_str()) {
            continue;
        }
        let Some(i) = s.predicate(e) else { continue };
        // "a bomb exploded"; "the bomb was placed at the entrance"
        let after = s
            .verb_after(i)
            .filter(|&j| is_go_off_verb(s.words[j]) || is_use_verb(s.words[j]));
        let before = s.verb_before(i).filter(|&j| is_use_verb(s.words[j]));
        let Some(verb) = after.or(before) else {
            drop[k] = true;
            continue;
        };
        let told_by_verb = (0..events.len()).find(|&m| {
            m != k && !drop[m] && violent(&events[m]) && s.predicate(&events[m]) == Some(verb)
        });
        if let Some(m) = told_by_verb {
            let why = format!(
                "\"{}\" is the weapon of \"{}\": one act, the verb's, with the roles either found",
                word, s.words[verb]
            );
            let noun = events[k].clone();
            take_roles(&mut events[m], &noun, INSTRUMENT, why);
            drop[k] = true;
        }
    }
    remove_marked(events, drop);
}

/// Whether two events' roles can be one act's: where both name a source,
/// the same one.
fn same_doer(a: &Event, b: &Event) -> bool {
    match (
        who(&a.source, &a.uncoded_source),
        who(&b.source, &b.uncoded_source),
    ) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// "The bombings in two city centre pubs, widely believed to be the work
/// of the IRA, killed 21 people and injured 182": deaths and injuries told
/// beside an attack by the same doer (or by none named) are that attack's
/// toll, not acts of their own. The attack is kept, given the victims as
/// its target where it names none; the killing is dropped. A killing by
/// another doer ("police killed two of the gunmen who attacked the
/// checkpoint") stays an act of its own.
fn consequence(s: &Sentence, events: &mut Vec<Event>) {
    let is_toll = |e: &Event| {
        violent(e)
            && e.modality == sitrep_model::Modality::Asserted
            && is_casualty_verb(&e.explanation.predicate.to_lowercase())
    };
    let mut drop = vec![false; events.len()];
    for k in 0..events.len() {
        if !is_toll(&events[k]) {
            continue;
        }
        let at = s.predicate(&events[k]);
        let attack = (0..events.len())
            .filter(|&m| m != k && !drop[m] && violent(&events[m]) && !is_toll(&events[m]))
            .filter(|&m| events[m].modality == events[k].modality)
            .filter(|&m| same_doer(&events[m], &events[k]))
            .min_by_key(|&m| match (s.predicate(&events[m]), at) {
                (Some(a), Some(b)) => a.abs_diff(b),
                _ => usize::MAX,
            });
        if let Some(m) = attack {
            let why = format!(
                "\"{}\" tells the toll of this act, told in the same sentence: one event",
                events[k].explanation.predicate
            );
            let toll = events[k].clone();
            take_roles(&mut events[m], &toll, CONSEQUENCE, why);
            drop[k] = true;
        }
    }
    remove_marked(events, drop);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::event;
    use sitrep_model::Actor;
    use sitrep_text::tokenize;

    /// A sentence's tokens, with tags given by hand (one per token).
    fn sentence(text: &str, tags: &[Tag]) -> (Vec<sitrep_text::Token>, Vec<Tag>) {
        let tokens = tokenize(text, 0, text.len());
        assert_eq!(tokens.len(), tags.len(), "{tokens:?}");
        (tokens, tags.to_vec())
    }

    fn actor(code: &str) -> Option<Actor> {
        serde_json::from_value(serde_json::json!({"id": code, "code": code,
            "country": null, "sector": null, "name": code, "text": code,
            "start": 0, "end": 1}))
        .ok()
    }

    /// An event of `code` whose predicate is `word` at its first place in
    /// `text`, a noun's or a verb's.
    fn told(text: &str, word: &str, code: &str, noun: bool) -> Event {
        let mut e = event(code, 0, 0.5);
        e.explanation.predicate = word.into();
        e.explanation.predicate_start = text.find(word).unwrap();
        e.explanation.pattern = format!(
            "{word} → {code} ({}, test)",
            if noun { "noun" } else { "verb" }
        );
        e
    }

    fn revise_in(text: &str, tags: &[Tag], events: Vec<Event>) -> Vec<Event> {
        let (tokens, tags) = sentence(text, tags);
        let input = SentenceInput {
            doc_id: "d",
            doc_date: None,
            text,
            sentence: 0,
            sentence_start: 0,
            sentence_end: text.len(),
            tokens: &tokens,
            tags: &tags,
            actors: &[],
            timexes: &[],
            places: &[],
        };
        revise(&input, events)
    }

    use Tag::*;

    #[test]
    fn a_weapon_no_verb_uses_is_no_act() {
        let text = "Police found the alleged bomb maker";
        let out = revise_in(
            text,
            &[NNS, VBD, DT, JJ, NN, NN],
            vec![told(text, "bomb", "183", true)],
        );
        assert!(out.is_empty());
    }

    #[test]
    fn a_weapon_going_off_is_one_act_the_verbs() {
        let text = "A roadside bomb had exploded in the market";
        let mut noun = told(text, "bomb", "183", true);
        noun.source = actor("UAF");
        let verb = told(text, "exploded", "183", false);
        let out = revise_in(text, &[DT, NN, NN, VBD, VBN, IN, DT, NN], vec![noun, verb]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].explanation.predicate, "exploded");
        assert_eq!(out[0].source.as_ref().map(|a| a.code.as_str()), Some("UAF"));
        assert!(out[0].explanation.rules.iter().any(|r| r.id == INSTRUMENT));
    }

    #[test]
    fn a_weapon_used_is_an_act() {
        let text = "Militants planted a powerful roadside bomb";
        let out = revise_in(
            text,
            &[NNS, VBD, DT, JJ, NN, NN],
            vec![told(text, "bomb", "183", true)],
        );
        assert_eq!(out.len(), 1);
        // passive, the weapon first
        let text = "The bomb was placed at the entrance";
        let out = revise_in(
            text,
            &[DT, NN, VBD, VBN, IN, DT, NN],
            vec![told(text, "bomb", "183", true)],
        );
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn deaths_told_beside_an_attack_are_its_toll() {
        let text = "The bombings killed 21 people";
        let mut attack = told(text, "bombings", "183", true);
        attack.source = actor("IRA");
        let mut toll = told(text, "killed", "190", false);
        toll.target = actor("PPL");
        let out = revise_in(text, &[DT, NNS, VBD, CD, NNS], vec![attack, toll]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].cameo.code, "183");
        assert_eq!(out[0].target.as_ref().map(|a| a.code.as_str()), Some("PPL"));
        assert!(out[0].explanation.rules.iter().any(|r| r.id == CONSEQUENCE));
    }

    #[test]
    fn a_killing_by_another_doer_is_an_act_of_its_own() {
        let text = "Police killed two gunmen who attacked the checkpoint";
        let mut killing = told(text, "killed", "190", false);
        killing.source = actor("COP");
        let mut attack = told(text, "attacked", "190", false);
        attack.source = actor("UAF");
        let out = revise_in(
            text,
            &[NNS, VBD, CD, NNS, WP, VBD, DT, NN],
            vec![killing, attack],
        );
        assert_eq!(out.len(), 2);
    }
}

//! Further mentions of an event within one document: "Tajik forces opened
//! fire on Kyrgyz posts … The clashes began over cameras." The second
//! sentence names no actor, so the coder cannot code it as an event of its
//! own; it is one more report of the clash told before, and counting it
//! keeps a merged event's mention count honest.

use crate::coder::{ANY_SENSE, REFERS_BACK};
use crate::lexicon::{PredKind, PredicateLexicon};
use chrono::NaiveDate;
use sitrep_model::{Event, EventDateSource, Mention, Rule};
use std::collections::BTreeMap;

/// The rule id of a further mention linked to an event.
pub const ALSO_TOLD: &str = "refer.also_told";

/// How far back (in sentences) a reference may reach for its event.
const REACH: usize = 6;
/// How far ahead, when nothing before fits: news often names the act
/// before telling who did it ("The clashes began over cameras … Kyrgyz
/// authorities said six people were wounded").
const REACH_AHEAD: usize = 2;

/// Kinds of act that one word may name for another: the violent roots
/// (assault 18, fight 19, mass violence 20) and destroying property (1712)
/// refer to one another ("the attack" … "the shooting" … "the market was
/// burned"); a formal agreement (057) and a ceasefire (0871) are one deal
/// ("the ceasefire held … since the protocol took effect"); other acts keep
/// to their root.
fn family(code: &str) -> &str {
    if code.starts_with("1712") {
        return "violence";
    }
    if code.starts_with("057") || code.starts_with("0871") {
        return "agreement";
    }
    match code.get(..2).unwrap_or(code) {
        "18" | "19" | "20" => "violence",
        r => r,
    }
}

/// The kinds of act a reference may name. A noun coded by its bare entry
/// is as wide as the lexicon's senses of it: "the exchange" may be of fire
/// (193), of prisoners (0841) or of accusations (112), and takes the sense
/// of the event it refers to.
fn senses<'a>(r: &'a Event, lex: Option<&'a PredicateLexicon>) -> Vec<&'a str> {
    let own = family(&r.cameo.code);
    let Some(lex) = lex else {
        return vec![own];
    };
    let word = r.explanation.predicate.to_lowercase();
    // a definite noun without its complement ("the exchange") may name any
    // of its senses, bare or not
    let any = r.explanation.rules.iter().any(|x| x == ANY_SENSE);
    let mut out = vec![own];
    for (lemma, kind, _) in lex.forms.get(&word).map(Vec::as_slice).unwrap_or(&[]) {
        let Some(pats) = lex.patterns.get(&(lemma.clone(), *kind)) else {
            continue;
        };
        let bare = pats
            .iter()
            .any(|p| p.before.is_empty() && p.after.is_empty() && p.code == r.cameo.code);
        if bare || (any && *kind == PredKind::Noun) {
            out.extend(pats.iter().map(|p| family(&p.code)));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The note an event takes when reference `r`'s mention `rm` is linked to it.
fn also_told(rm: &Mention, r: &Event) -> Rule {
    Rule::new(
        ALSO_TOLD,
        format!(
            "also told in sentence {} by {:?} ({}), which names no actor",
            rm.sentence, r.explanation.predicate, r.cameo.code
        ),
    )
}

/// What reference linking reads of an event a reference may speak of, and
/// the one change it makes to it. An [`Event`] is one; a document too large
/// to hold its events whole (`sitrep_pipeline`'s windows) links through a
/// small stand-in for each and applies what was told later.
pub trait Linkable {
    /// The event's CAMEO code.
    fn code(&self) -> &str;
    /// The date the event's words give it, when they give one (a verb's
    /// date from the text, not a noun's: "the ceasefire held on Saturday"
    /// dates the holding, not the ceasefire): `Some(date)`, else `None`.
    fn own_date(&self) -> Option<Option<NaiveDate>>;
    /// How sure the coder was of it.
    fn confidence(&self) -> f64;
    /// The sentences it is told in.
    fn sentences(&self) -> impl Iterator<Item = usize> + '_;
    /// Count one more mention of it, with the note saying why.
    fn tell(&mut self, m: &Mention, note: Rule);
}

impl Linkable for Event {
    fn code(&self) -> &str {
        &self.cameo.code
    }

    fn own_date(&self) -> Option<Option<NaiveDate>> {
        verbal_date(self.date_source, &self.explanation.pattern).then_some(self.date)
    }

    fn confidence(&self) -> f64 {
        self.confidence
    }

    fn sentences(&self) -> impl Iterator<Item = usize> + '_ {
        self.mentions.iter().map(|m| m.sentence)
    }

    fn tell(&mut self, m: &Mention, note: Rule) {
        self.mentions.push(m.clone());
        self.explanation.rules.push(note);
    }
}

/// Whether an event with this date source and lexicon pattern has the date
/// of its own words: a verb's date from the text; a noun's date is its
/// clause's ("the ceasefire held on Saturday", "since the protocol took
/// effect on Thursday"), not the act's.
pub fn verbal_date(source: EventDateSource, pattern: &str) -> bool {
    source == EventDateSource::Text && !pattern.contains("(noun,")
}

/// How closely event `e`'s code agrees with reference `r`'s: the same code
/// first, then the same base code, the same root, and last only the same
/// family ("the bombing" speaks of the bombing before the shooting told
/// beside it).
fn code_distance<E: Linkable>(r: &Event, e: &E) -> usize {
    let (a, b) = (r.cameo.code.as_str(), e.code());
    if a == b {
        0
    } else if a.get(..3).is_some() && a.get(..3) == b.get(..3) {
        1
    } else if a.get(..2) == b.get(..2) {
        2
    } else {
        3
    }
}

/// The one event, of those told in the sentence a reference reaches, that
/// it speaks of. "The attack" is one act: linked to every event of a
/// sentence it became a further mention of each ("Kenya and Uganda …",
/// an attack and the arrests after it), and on WikiEvents train 413 of 558
/// such further mentions were wrong. The event whose code agrees best with
/// the reference's wins, then the one the coder was surer of, then the
/// first told.
fn best_fit<E: Linkable>(r: &Event, events: &[E], candidates: Vec<usize>) -> Option<usize> {
    candidates.into_iter().min_by(|&i, &j| {
        let (a, b) = (&events[i], &events[j]);
        code_distance(r, a)
            .cmp(&code_distance(r, b))
            .then(b.confidence().total_cmp(&a.confidence()))
            .then(i.cmp(&j))
    })
}

/// Whether the coder kept `e` only as a reference to an event told near it:
/// no actor, and the [`REFERS_BACK`] rule.
pub fn is_reference(e: &Event) -> bool {
    e.source.is_none() && e.target.is_none() && e.explanation.rules.iter().any(|r| r == REFERS_BACK)
}

/// The sentence an event is first told in.
fn first_sentence<E: Linkable>(e: &E) -> Option<usize> {
    e.sentences().min()
}

/// The events of a document by the sentence each is first told in, so that
/// a reference looks only at the few sentences it may reach. Seen coding a
/// 4 MB document (the benchmark corpus's articles joined): every reference
/// compared with every event of the document, 37% of the time, and more
/// the longer the document.
struct ByFirstSentence(BTreeMap<usize, Vec<usize>>);

impl ByFirstSentence {
    fn new<E: Linkable>(events: &[E]) -> Self {
        let mut map: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, e) in events.iter().enumerate() {
            if let Some(s) = first_sentence(e) {
                map.entry(s).or_default().push(i);
            }
        }
        ByFirstSentence(map)
    }

    /// The events first told in sentences `from..=to`, in document order.
    fn between(&self, from: usize, to: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .0
            .range(from..=to)
            .flat_map(|(_, v)| v)
            .copied()
            .collect();
        out.sort_unstable();
        out
    }

    /// Event `i`, first told in `was`, is now first told in `now`.
    fn moved(&mut self, i: usize, was: Option<usize>, now: Option<usize>) {
        if was == now {
            return;
        }
        if let Some(list) = was.and_then(|w| self.0.get_mut(&w)) {
            list.retain(|&j| j != i);
        }
        if let Some(n) = now {
            self.0.entry(n).or_default().push(i);
        }
    }
}

/// Take the references out of `events`, in place: the other events close
/// up in their order and the references come back in theirs. A 50 MB
/// document's events split into two new vectors (`partition`) held two
/// copies of every event's inline part at once, some 150 MB each.
fn take_references(events: &mut Vec<Event>) -> Vec<Event> {
    // where each event stood, moved along with it
    let mut origin: Vec<usize> = (0..events.len()).collect();
    let mut kept = 0;
    for i in 0..events.len() {
        if !is_reference(&events[i]) {
            events.swap(kept, i);
            origin.swap(kept, i);
            kept += 1;
        }
    }
    let mut refs: Vec<(usize, Event)> = origin.drain(kept..).zip(events.drain(kept..)).collect();
    refs.sort_unstable_by_key(|(at, _)| *at);
    events.shrink_to_fit();
    refs.into_iter().map(|(_, r)| r).collect()
}

/// Link the document's references (actorless events the coder kept with the
/// [`REFERS_BACK`] rule) to the nearest earlier event of the same kind (or,
/// with none before, one told in the next two sentences), as further
/// mentions of it; references that fit no event are dropped. Events
/// with actors pass unchanged, in order.
pub fn link_references(mut events: Vec<Event>, lex: Option<&PredicateLexicon>) -> Vec<Event> {
    let refs = take_references(&mut events);
    link_references_to(&mut events, refs, lex);
    events
}

/// [`link_references`] with the references already taken out of the
/// document's other events (`refs`, in document order): each reference's
/// mentions are told to the event it speaks of, if any.
pub fn link_references_to<E: Linkable>(
    out: &mut [E],
    refs: Vec<Event>,
    lex: Option<&PredicateLexicon>,
) {
    let mut index = ByFirstSentence::new(out);
    // references alike merged into one event within the document ("the
    // shooting" … "gunfire") are each their own mention
    let refs = refs
        .into_iter()
        .flat_map(|r| r.mentions.clone().into_iter().map(move |m| (m, r.clone())));
    for (rm, r) in refs {
        if let Some(i) = speaks_of(&rm, &r, out, &index, lex) {
            let e = &mut out[i];
            if !e.sentences().any(|s| s == rm.sentence) {
                let was = first_sentence(e);
                e.tell(&rm, also_told(&rm, &r));
                let now = first_sentence(e);
                index.moved(i, was, now);
            }
        }
    }
}

/// The event (an index into `out`) that reference `r`, in its mention
/// `rm`, speaks of: of the kinds it may name and a date it allows, told
/// last within [`REACH`] sentences before it, or else first within
/// [`REACH_AHEAD`] after it; of those told there, the one [`best_fit`]
/// picks.
fn speaks_of<E: Linkable>(
    rm: &Mention,
    r: &Event,
    out: &[E],
    index: &ByFirstSentence,
    lex: Option<&PredicateLexicon>,
) -> Option<usize> {
    // a date the reference gives itself must agree with the event's
    let own = r.own_date();
    let dates_agree = |e: &E| match (own, e.own_date()) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    };
    let kinds = senses(r, lex);
    // of a kind the reference may name, on a date it allows
    let kin = |e: &E| kinds.contains(&family(e.code())) && dates_agree(e);
    let fits = |e: &E| {
        kin(e) && first_sentence(e).is_some_and(|s| s <= rm.sentence && rm.sentence - s <= REACH)
    };
    // the sentence told last before (or as) this one
    let told = |e: &E| e.sentences().filter(|&s| s <= rm.sentence).max();
    let ahead = |e: &E| {
        kin(e)
            && first_sentence(e).is_some_and(|s| s > rm.sentence && s - rm.sentence <= REACH_AHEAD)
    };
    // only events first told within reach can fit, either way
    let near = index.between(
        rm.sentence.saturating_sub(REACH),
        rm.sentence.saturating_add(REACH_AHEAD),
    );
    let before = near
        .iter()
        .map(|&i| &out[i])
        .filter(|e| fits(e))
        .filter_map(told)
        .max();
    let after = near
        .iter()
        .map(|&i| &out[i])
        .filter(|e| ahead(e))
        .filter_map(first_sentence)
        .min();
    // the events told there, of which the reference speaks of one
    let chosen = |e: &E| match (before, after) {
        (Some(n), _) => fits(e) && told(e) == Some(n),
        (None, Some(n)) => ahead(e) && first_sentence(e) == Some(n),
        (None, None) => false,
    };
    let chosen: Vec<usize> = near.into_iter().filter(|&i| chosen(&out[i])).collect();
    best_fit(r, out, chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An event told in `sentence`; with actors, or a reference with none.
    fn event(sentence: usize, code: &str, actors: bool) -> Event {
        let actor = |c: &str| {
            serde_json::json!({"id": format!("country:{c}"), "code": c, "country": c,
                "sector": null, "name": c, "text": c, "start": 0, "end": 1})
        };
        let (source, target, rules) = if actors {
            (actor("TJK"), actor("KGZ"), serde_json::json!([]))
        } else {
            (
                serde_json::Value::Null,
                serde_json::Value::Null,
                serde_json::json!([REFERS_BACK]),
            )
        };
        serde_json::from_value(serde_json::json!({
            "kind": "event", "event_id": format!("ev-{sentence}-{code}"), "doc_id": "d",
            "date": null, "date_precision": "day", "date_source": "document",
            "source": source, "target": target,
            "cameo": {"code": code, "base": code, "root": &code[..2], "goldstein": 0.0,
                      "quad_class": 4, "label": ""},
            "plover": {"event": null, "mode": null},
            "modality": "asserted", "claimant": null, "location": null, "confidence": 0.5,
            "mentions": [{"doc_id": "d", "sentence": sentence, "start": sentence * 10,
                          "end": sentence * 10 + 9, "text": format!("sentence {sentence}")}],
            "explanation": {"sentence": "", "predicate": "", "predicate_start": 0,
                            "predicate_end": 0, "pattern": "", "rules": rules}
        }))
        .unwrap()
    }

    fn link(events: Vec<Event>) -> Vec<Event> {
        link_references(events, None)
    }

    #[test]
    fn a_reference_joins_the_nearest_event_of_its_kind() {
        let events = vec![
            event(0, "190", true),
            event(1, "036", true),
            // "The clashes began over cameras": violent, joins the clash
            event(2, "193", false),
            // "the talks" with no talks before: dropped
            event(3, "043", false),
        ];
        let out = link_references(events, None);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].mentions.len(), 2);
        assert_eq!(out[0].mentions[1].sentence, 2);
        assert_eq!(out[1].mentions.len(), 1);
    }

    /// "Militants bombed a market and police shot two of them. The
    /// bombing …": the reference is one further mention of the bombing,
    /// not of the shooting told beside it.
    #[test]
    fn a_reference_joins_one_event_the_one_its_code_names() {
        let mut shooting = event(0, "190", true);
        shooting.confidence = 0.9;
        let out = link(vec![
            shooting,
            event(0, "183", true),
            event(1, "183", false),
        ]);
        let told: Vec<usize> = out.iter().map(|e| e.mentions.len()).collect();
        assert_eq!(told, vec![1, 2]);
        // of two of the same code, the one the coder was surer of
        let mut sure = event(0, "190", true);
        sure.confidence = 0.8;
        let out = link(vec![event(0, "190", true), sure, event(1, "190", false)]);
        let told: Vec<usize> = out.iter().map(|e| e.mentions.len()).collect();
        assert_eq!(told, vec![1, 2]);
    }

    #[test]
    fn a_reference_does_not_reach_back_forever_or_forward() {
        let out = link(vec![event(0, "190", true), event(9, "190", false)]);
        assert_eq!(out[0].mentions.len(), 1);
        // ahead only a little, and only when nothing before fits
        let out = link(vec![event(5, "190", false), event(8, "190", true)]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].mentions.len(), 1);
        let out = link(vec![event(5, "190", false), event(6, "180", true)]);
        assert_eq!(out[0].mentions.len(), 2);
        let out = link(vec![
            event(1, "190", true),
            event(5, "190", false),
            event(6, "180", true),
        ]);
        assert_eq!((out[0].mentions.len(), out[1].mentions.len()), (2, 1));
    }

    #[test]
    fn a_reference_finds_an_event_another_reference_moved_earlier() {
        // the reference in sentence 9 makes the event of sentence 10 first
        // told in 9, which brings it within the reach of the one in 7
        let out = link(vec![
            event(10, "190", true),
            event(9, "190", false),
            event(7, "190", false),
        ]);
        let told: Vec<usize> = out[0].mentions.iter().map(|m| m.sentence).collect();
        assert_eq!(told, vec![10, 9, 7]);
    }

    /// The search as it was before the sentence index: every reference
    /// compared with every event of the document (and the references split
    /// from the events by `partition`, as before they were taken out in
    /// place).
    fn link_by_scan(events: Vec<Event>, lex: Option<&PredicateLexicon>) -> Vec<Event> {
        let (refs, mut out): (Vec<Event>, Vec<Event>) = events.into_iter().partition(is_reference);
        // references alike merged into one event within the document ("the
        // shooting" … "gunfire") are each their own mention
        let refs = refs
            .into_iter()
            .flat_map(|r| r.mentions.clone().into_iter().map(move |m| (m, r.clone())));
        for (rm, r) in refs {
            // a date the reference gives itself must agree with the event's;
            // a noun's date is its clause's ("the ceasefire held on Saturday",
            // "since the protocol took effect on Thursday"), not the act's
            let verbal = |e: &Event| {
                e.date_source == EventDateSource::Text && !e.explanation.pattern.contains("(noun,")
            };
            let dates_agree = |e: &Event| !(verbal(&r) && verbal(e) && r.date != e.date);
            let first_sentence = |e: &Event| e.mentions.iter().map(|m| m.sentence).min();
            let kinds = senses(&r, lex);
            // of a kind the reference may name, on a date it allows
            let kin = |e: &Event| kinds.contains(&family(&e.cameo.code)) && dates_agree(e);
            let fits = |e: &Event| {
                kin(e)
                    && first_sentence(e)
                        .is_some_and(|s| s <= rm.sentence && rm.sentence - s <= REACH)
            };
            // the sentence told last before (or as) this one
            let told = |e: &Event| {
                e.mentions
                    .iter()
                    .map(|m| m.sentence)
                    .filter(|&s| s <= rm.sentence)
                    .max()
            };
            let ahead = |e: &Event| {
                kin(e)
                    && first_sentence(e)
                        .is_some_and(|s| s > rm.sentence && s - rm.sentence <= REACH_AHEAD)
            };
            let before = out.iter().filter(|e| fits(e)).filter_map(told).max();
            let after = out
                .iter()
                .filter(|e| ahead(e))
                .filter_map(first_sentence)
                .min();
            // the events told there, of which the reference speaks of one
            let chosen = |e: &Event| match (before, after) {
                (Some(n), _) => fits(e) && told(e) == Some(n),
                (None, Some(n)) => ahead(e) && first_sentence(e) == Some(n),
                (None, None) => false,
            };
            let chosen: Vec<usize> = (0..out.len()).filter(|&i| chosen(&out[i])).collect();
            if let Some(i) = best_fit(&r, &out, chosen) {
                let e = &mut out[i];
                if !e.mentions.iter().any(|m| m.sentence == rm.sentence) {
                    e.mentions.push(rm.clone());
                    e.explanation.rules.push(also_told(&rm, &r));
                }
            }
        }
        out
    }

    #[test]
    fn references_are_taken_out_in_place_as_partition_takes_them() {
        // references and events interleaved, runs of each, at both ends
        let pattern = [
            false, true, true, false, false, true, false, true, true, true, false,
        ];
        let events: Vec<Event> = pattern
            .iter()
            .enumerate()
            .map(|(i, &actors)| {
                let mut e = event(i, "190", actors);
                e.event_id = format!("ev-{i}");
                e
            })
            .collect();
        let (want_refs, want_rest): (Vec<Event>, Vec<Event>) =
            events.clone().into_iter().partition(is_reference);
        let mut rest = events;
        let refs = take_references(&mut rest);
        let ids = |v: &[Event]| v.iter().map(|e| e.event_id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&refs), ids(&want_refs));
        assert_eq!(ids(&rest), ids(&want_rest));
        assert_eq!((refs.len(), rest.len()), (5, 6));
        let mut none: Vec<Event> = Vec::new();
        assert!(take_references(&mut none).is_empty());
    }

    #[test]
    fn the_sentence_index_links_as_a_full_scan_does() {
        // a long document: events and references of mixed kinds, dates and
        // sentences, some references told several times
        let codes = ["190", "193", "180", "1712", "057", "0871", "043", "036"];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n) as usize
        };
        let mut events = Vec::new();
        for i in 0..3000 {
            let sentence = i / 3 + next(3);
            let mut e = event(sentence, codes[next(8)], next(3) > 0);
            e.event_id = format!("ev-{i}");
            if next(2) == 0 {
                e.date_source = EventDateSource::Text;
                e.date = chrono::NaiveDate::from_ymd_opt(2020, 10, 1 + next(3) as u32);
            }
            if e.source.is_none() && next(4) == 0 {
                let mut m = e.mentions[0].clone();
                m.sentence += 1 + next(4);
                e.mentions.push(m);
            }
            events.push(e);
        }
        let want = link_by_scan(events.clone(), None);
        let got = link_references(events, None);
        let json = |v: &[Event]| serde_json::to_string(v).unwrap();
        assert_eq!(json(&got), json(&want));
        assert!(got.iter().filter(|e| e.mentions.len() > 1).count() > 100);
    }
}

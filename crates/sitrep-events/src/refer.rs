//! Further mentions of an event within one document: "Tajik forces opened
//! fire on Kyrgyz posts … The clashes began over cameras." The second
//! sentence names no actor, so the coder cannot code it as an event of its
//! own; it is one more report of the clash told before, and counting it
//! keeps a merged event's mention count honest.

use crate::coder::{ANY_SENSE, REFERS_BACK};
use crate::lexicon::{PredKind, PredicateLexicon};
use sitrep_model::{Event, EventDateSource};

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

fn is_reference(e: &Event) -> bool {
    e.source.is_none() && e.target.is_none() && e.explanation.rules.iter().any(|r| r == REFERS_BACK)
}

/// Link the document's references (actorless events the coder kept with the
/// [`REFERS_BACK`] rule) to the nearest earlier event of the same kind (or,
/// with none before, one told in the next two sentences), as further
/// mentions of it; references that fit no event are dropped. Events
/// with actors pass unchanged, in order.
pub fn link_references(events: Vec<Event>, lex: Option<&PredicateLexicon>) -> Vec<Event> {
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
                && first_sentence(e).is_some_and(|s| s <= rm.sentence && rm.sentence - s <= REACH)
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
        // every event told there ("Kyrgyz and Tajik guards exchanged fire"
        // is one event each way) is what the reference speaks of
        let chosen = |e: &Event| match (before, after) {
            (Some(n), _) => fits(e) && told(e) == Some(n),
            (None, Some(n)) => ahead(e) && first_sentence(e) == Some(n),
            (None, None) => false,
        };
        for e in out.iter_mut().filter(|e| chosen(e)) {
            if !e.mentions.iter().any(|m| m.sentence == rm.sentence) {
                e.mentions.push(rm.clone());
                e.explanation.rules.push(format!(
                    "also told in sentence {} by {:?} ({}), which names no actor",
                    rm.sentence, r.explanation.predicate, r.cameo.code
                ));
            }
        }
    }
    out
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
}

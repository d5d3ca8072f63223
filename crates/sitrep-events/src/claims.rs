//! Casualty and captive figures, with who claims them.
//!
//! A figure is a number (digits, words, or a vague quantity such as
//! "dozens") near a category cue ("killed", "wounded", "prisoners",
//! "missing", "released", "displaced"). Approximators set the range:
//! "at least 12" is low 12, "nearly 2,000" is high 2,000, "between 10 and
//! 15" is low 10 / high 15; the best estimate follows ACLED and UCDP
//! practice (the stated figure; "dozens" 12, "hundreds" 100). The claimant
//! is the speaker of the sentence, else the outlet. Every figure is kept,
//! even when two sources disagree: figures are never averaged.

use crate::coder::Speech;
use chrono::NaiveDate;
use sitrep_actors::Found;
use sitrep_model::{Actor, Claim, ClaimCategory, Mention, PlaceMention, TimeExpression};
use sitrep_text::{Token, TokenKind};
use sitrep_time::numbers::{cardinal_at, vague_at};

/// What the claim extractor needs about one sentence.
pub struct ClaimInput<'a> {
    pub doc_id: &'a str,
    pub doc_date: Option<NaiveDate>,
    pub outlet: Option<&'a str>,
    pub text: &'a str,
    pub sentence: usize,
    pub sentence_start: usize,
    pub sentence_end: usize,
    pub tokens: &'a [Token],
    pub actors: &'a [Found],
    pub timexes: &'a [TimeExpression],
    pub places: &'a [PlaceMention],
    pub speech: &'a [Speech],
}

fn category_of(w: &str) -> Option<ClaimCategory> {
    use ClaimCategory::*;
    Some(match w {
        "killed" | "dead" | "deaths" | "death" | "died" | "fatalities" | "lives" | "bodies"
        | "perished" | "slain" | "killing" | "kills" | "kill" | "martyred" | "fatality" => Killed,
        "wounded" | "injured" | "injuries" | "hurt" | "injuring" | "wounding" | "casualties" => {
            Wounded
        }
        "captured" | "detained" | "held" | "prisoners" | "prisoner" | "captives" | "hostages"
        | "abducted" | "kidnapped" | "pows" | "captive" | "arrested" | "seized" | "capturing" => {
            Captured
        }
        "missing" | "unaccounted" | "disappeared" => Missing,
        "released" | "freed" | "exchanged" | "swapped" | "repatriated" | "returned" | "handed" => {
            Released
        }
        "displaced" | "homeless" | "fled" | "evacuated" | "refugees" | "flee" | "uprooted" => {
            Displaced
        }
        _ => return None,
    })
}

/// Words that say a number counts something other than people.
const NON_PEOPLE: &[&str] = &[
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "percent",
    "%",
    "per",
    "dollars",
    "euros",
    "tanks",
    "drones",
    "rockets",
    "missiles",
    "shells",
    "villages",
    "towns",
    "years",
    "year",
    "days",
    "day",
    "hours",
    "weeks",
    "months",
    "times",
    "points",
    "rounds",
    "vehicles",
    "aircraft",
    "helicopters",
    "planes",
    "homes",
    "houses",
    "buildings",
    "hectares",
    "tonnes",
    "tons",
    "kilograms",
    "kg",
    "square",
    "sq",
    "parties",
    "countries",
    "nations",
    "positions",
    "settlements",
    "minutes",
    "seconds",
    "am",
    "pm",
    "gmt",
    "o'clock",
    "artillery",
    "jets",
    "weapons",
    "guns",
    "pieces",
    "systems",
    "targets",
    "strikes",
    "attacks",
    "ceasefires",
    "decades",
    "decade",
    "sides",
    "side",
    "leaders",
    "ministers",
    "rounds",
    "kilometre",
    "kilometer",
    "km2",
];

/// Category words that, right before a figure, govern it as a verb's
/// object: "killing at least nine civilians", "freed 30 prisoners".
const GOVERNING: &[&str] = &[
    "killed",
    "killing",
    "kills",
    "kill",
    "wounded",
    "wounding",
    "injured",
    "injuring",
    "captured",
    "capturing",
    "detained",
    "detaining",
    "abducted",
    "seized",
    "freed",
    "released",
    "releasing",
    "exchanged",
    "swapped",
    "displaced",
    "displacing",
    "evacuated",
    "arrested",
];

const PEOPLE_WORDS: &[&str] = &[
    "people",
    "civilians",
    "soldiers",
    "servicemen",
    "troops",
    "fighters",
    "militants",
    "children",
    "women",
    "men",
    "persons",
    "residents",
    "villagers",
    "police",
    "policemen",
    "officers",
    "rebels",
    "separatists",
    "combatants",
    "members",
    "personnel",
    "refugees",
    "prisoners",
    "captives",
    "hostages",
    "bodies",
    "lives",
    "pows",
    "volunteers",
    "mercenaries",
    "crew",
    "individuals",
    "inhabitants",
    "citizens",
    "nationals",
    "peacekeepers",
    "detainees",
    "others",
    "victims",
    "journalists",
    "workers",
    "students",
    "migrants",
    "protesters",
    "demonstrators",
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Approx {
    Exact,
    AtLeast,
    AtMost,
    LessThan,
    About,
}

fn approximator(words: &[&str], i: usize) -> (Approx, usize, &'static str) {
    let w = |k: usize| if k <= i && i >= k { words[i - k] } else { "" };
    let two = (w(2), w(1));
    match two {
        ("at", "least") => return (Approx::AtLeast, 2, "at least"),
        ("more", "than") => return (Approx::AtLeast, 2, "more than"),
        ("upwards", "of") => return (Approx::AtLeast, 2, "upwards of"),
        ("close", "to") => return (Approx::AtMost, 2, "close to"),
        ("up", "to") => return (Approx::AtMost, 2, "up to"),
        ("as", "many") => return (Approx::AtMost, 2, "as many as"),
        ("less", "than") | ("fewer", "than") => return (Approx::LessThan, 2, "less than"),
        ("an", "estimated") => return (Approx::About, 2, "an estimated"),
        _ => {}
    }
    if w(3) == "as" && w(2) == "many" && w(1) == "as" {
        return (Approx::AtMost, 3, "as many as");
    }
    match w(1) {
        "nearly" | "almost" => (Approx::AtMost, 1, "nearly"),
        "over" => (Approx::AtLeast, 1, "over"),
        "about" | "around" | "approximately" | "roughly" | "some" | "approx" | "estimated" => {
            (Approx::About, 1, "about")
        }
        "under" => (Approx::LessThan, 1, "under"),
        _ => (Approx::Exact, 0, ""),
    }
}

/// Extract the claims of one sentence.
pub fn extract(input: &ClaimInput) -> Vec<Claim> {
    let t = input.tokens;
    let words: Vec<&str> = t.iter().map(|x| x.norm.as_str()).collect();
    let in_timex = |k: usize| {
        input
            .timexes
            .iter()
            .any(|x| x.start <= t[k].start && t[k].end <= x.end)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if in_timex(i) {
            i += 1;
            continue;
        }
        // a number: cardinal or vague
        let (low_high, used, vague) = if let Some((v, used)) = cardinal_at(t, i) {
            // "a" alone and bare "one" as pronoun are not figures
            if t[i].kind != TokenKind::Number && (v == 1 && words[i] != "one") {
                i += 1;
                continue;
            }
            ((v, v, Some(v)), used, false)
        } else if let Some((r, used)) = vague_at(t, i) {
            (r, used, true)
        } else {
            i += 1;
            continue;
        };
        let after = i + used;
        // "between 10 and 15 killed", "10 to 15"
        let mut range_high: Option<u64> = None;
        let mut end = after;
        if matches!(words.get(after).copied(), Some("and" | "to" | "-"))
            && (i > 0 && words[i - 1] == "between" || words.get(after) != Some(&"and"))
        {
            if let Some((v2, u2)) = cardinal_at(t, after + 1) {
                if v2 > low_high.1 {
                    range_high = Some(v2);
                    end = after + 1 + u2;
                }
            }
        }
        // the thing counted must not be a unit or object
        if words.get(end).is_some_and(|w| NON_PEOPLE.contains(w)) {
            i = end;
            continue;
        }
        // find a category cue: after the number (within 7 tokens, no other number between),
        // or just before it ("killed 12 people", "the death toll rose to 21")
        let mut cue: Option<(usize, ClaimCategory)> = None;
        let mut subject_end = end;
        {
            // a governing verb right before the figure wins: "killing at least nine"
            let (_, a_used, _) = if vague {
                (Approx::About, 0, "")
            } else {
                approximator(&words, i)
            };
            let k = (i - a_used).checked_sub(1);
            if let Some(k) = k.filter(|&k| GOVERNING.contains(&words[k])) {
                if let Some(c) = category_of(words[k]) {
                    cue = Some((k, c));
                    for j in end..(end + 4).min(t.len()) {
                        if PEOPLE_WORDS.contains(&words[j]) {
                            subject_end = j + 1;
                        } else if !t[j].cap && j > end {
                            break;
                        }
                    }
                }
            }
        }
        for k in end..(end + 8).min(t.len()) {
            if cue.is_some() {
                break;
            }
            if k > end && (t[k].kind == TokenKind::Number || matches!(words[k], "." | ";")) {
                break;
            }
            if let Some(c) = category_of(words[k]) {
                // "held talks": not a captive figure
                if words[k] == "held"
                    && words
                        .get(k + 1)
                        .is_some_and(|w| matches!(*w, "talks" | "a" | "an" | "the"))
                {
                    break;
                }
                cue = Some((k, c));
                break;
            }
            if PEOPLE_WORDS.contains(&words[k]) {
                subject_end = k + 1;
            }
        }
        if cue.is_none() {
            // before: "killed at least 12 civilians", "death toll … to 21", "wounding 34"
            let (_, a_used, _) = approximator(&words, i);
            let start = i - a_used;
            for k in (start.saturating_sub(6)..start).rev() {
                if t[k].kind == TokenKind::Number
                    || matches!(words[k], "." | ";" | ",") && k + 1 < start && words[k] != ","
                {
                    break;
                }
                if matches!(words[k], "toll" | "tolls")
                    && words.get(k.wrapping_sub(1)) == Some(&"death")
                {
                    cue = Some((k, ClaimCategory::Killed));
                    break;
                }
                if let Some(c) = category_of(words[k]) {
                    if matches!(
                        words[k],
                        "held" | "returned" | "handed" | "died" | "dead" | "lives"
                    ) {
                        continue;
                    }
                    // the counted noun after the number must be people (or nothing)
                    let people_after = (end..(end + 3).min(t.len()))
                        .any(|j| PEOPLE_WORDS.contains(&words[j]))
                        || words.get(end).is_none_or(|w| {
                            matches!(*w, "." | "," | "and" | "in" | "on" | "people")
                        });
                    if people_after {
                        cue = Some((k, c));
                    }
                    break;
                }
            }
            // the counted people themselves say captured/released: "12 prisoners", "30 refugees"
            if cue.is_none() {
                for k in end..(end + 3).min(t.len()) {
                    if let Some(c @ (ClaimCategory::Captured | ClaimCategory::Displaced)) =
                        category_of(words[k])
                    {
                        if matches!(
                            words[k],
                            "prisoners"
                                | "pows"
                                | "hostages"
                                | "captives"
                                | "detainees"
                                | "refugees"
                        ) {
                            // released if a release verb governs them
                            let released = (i.saturating_sub(6)..(k + 5).min(t.len())).any(|j| {
                                matches!(
                                    words[j],
                                    "released"
                                        | "freed"
                                        | "exchanged"
                                        | "swapped"
                                        | "repatriated"
                                        | "handed"
                                        | "returned"
                                        | "release"
                                        | "exchange"
                                        | "swap"
                                )
                            });
                            cue = Some((
                                k,
                                if released && c == ClaimCategory::Captured {
                                    ClaimCategory::Released
                                } else {
                                    c
                                },
                            ));
                            break;
                        }
                    }
                }
            }
        }
        let Some((cue_k, mut category)) = cue else {
            i = end.max(i + 1);
            continue;
        };
        // prisoners counted in a release: "released 30 prisoners"
        if category == ClaimCategory::Captured
            && (i.saturating_sub(4)..(cue_k + 4).min(t.len())).any(|j| {
                matches!(
                    words[j],
                    "released" | "freed" | "exchanged" | "swapped" | "repatriated"
                )
            })
        {
            category = ClaimCategory::Released;
        }
        // negation in front: "no one was killed" has no number; "not 12" is rare — skip "no"
        let (approx, a_used, a_text) = if vague {
            (Approx::About, 0, "")
        } else {
            approximator(&words, i)
        };
        let (low, best, high) = match (approx, range_high) {
            (_, Some(h)) => (Some(low_high.1), Some(low_high.1), Some(h)),
            (Approx::Exact, None) => (Some(low_high.0), Some(low_high.1), low_high.2),
            (Approx::AtLeast, None) => (Some(low_high.1), Some(low_high.1), None),
            (Approx::AtMost, None) => (None, Some(low_high.1), Some(low_high.1)),
            (Approx::LessThan, None) => (None, None, Some(low_high.1)),
            (Approx::About, None) => {
                if vague {
                    (Some(low_high.0), Some(low_high.1), low_high.2)
                } else {
                    (None, Some(low_high.1), None)
                }
            }
        };
        let first = i - a_used;
        let span_end_tok = cue_k.max(end.saturating_sub(1));
        let (s, e) = if cue_k < first {
            (t[cue_k].start, t[subject_end.max(end) - 1].end)
        } else {
            (t[first].start, t[span_end_tok].end)
        };
        let subject = (end < subject_end)
            .then(|| input.text[t[end].start..t[subject_end - 1].end].to_string());
        // claimant: the speaker of a frame holding the number, else the outlet
        let frame = input.speech.iter().find(|f| f.from <= i && i < f.to);
        let claimant = match frame.and_then(|f| f.speaker) {
            Some(k) => Some(input.actors[k].mention.actor.clone()),
            None => input.outlet.map(outlet_actor),
        };
        let date = input
            .timexes
            .iter()
            .filter(|x| x.kind == "date")
            .filter_map(|x| x.value.as_deref().and_then(sitrep_time::value_to_date))
            .map(|v| v.0)
            .next()
            .or(input.doc_date);
        let location = input.places.first().map(|p| p.place.clone());
        let why = format!(
            "{}{} {} → low {} best {} high {}; cue {:?}",
            if a_text.is_empty() {
                String::new()
            } else {
                format!("{a_text} ")
            },
            if vague { "vague quantity" } else { "figure" },
            input.text[t[i].start..t[end - 1].end].to_string(),
            low.map_or("-".into(), |v| v.to_string()),
            best.map_or("-".into(), |v| v.to_string()),
            high.map_or("-".into(), |v| v.to_string()),
            words[cue_k],
        );
        out.push(Claim {
            kind: "claim".into(),
            doc_id: input.doc_id.to_string(),
            category,
            low,
            best,
            high,
            claimant,
            subject,
            date,
            location,
            mention: Mention {
                doc_id: input.doc_id.to_string(),
                sentence: input.sentence,
                start: s,
                end: e,
                text: input.text[s..e].to_string(),
            },
            why,
        });
        i = end.max(cue_k + 1);
    }
    out
}

/// The outlet as a claimant.
pub fn outlet_actor(outlet: &str) -> Actor {
    Actor {
        id: format!("outlet:{}", sitrep_actors::slug(outlet)),
        code: "MED".into(),
        country: None,
        sector: Some("MED".into()),
        name: outlet.to_string(),
        text: String::new(),
        start: 0,
        end: 0,
    }
}

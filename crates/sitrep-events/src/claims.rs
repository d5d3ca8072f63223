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
    let w = |k: usize| if k <= i { words[i - k] } else { "" };
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
    let mut last_category: Option<ClaimCategory> = None;
    let mut last_fig_end: Option<usize> = None;
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
        // "five members of one family": a figure right after another one's "of"
        if i > 0 && words[i - 1] == "of" && last_fig_end.is_some_and(|e| i <= e + 3) {
            i = after;
            continue;
        }
        // "two of the wounded died": a part of a group already counted
        if words.get(after) == Some(&"of")
            && words.get(after + 1) == Some(&"the")
            && words
                .get(after + 2)
                .is_some_and(|w| category_of(w).is_some())
        {
            i = after;
            continue;
        }
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
        // the thing counted must not be a unit or object: the first lowercase
        // word after the figure ("14 ISIL tanks", "5,000 km")
        let counted = (end..(end + 3).min(t.len()))
            .find(|&j| !t[j].cap || t[j].kind != TokenKind::Word)
            .map(|j| words[j]);
        if words.get(end).is_some_and(|w| NON_PEOPLE.contains(w))
            || counted.is_some_and(|w| NON_PEOPLE.contains(&w))
        {
            i = end;
            continue;
        }
        // find a category cue: after the number (within 7 tokens, no other number between),
        // or just before it ("killed 12 people", "the death toll rose to 21")
        let mut cue: Option<(usize, ClaimCategory)> = None;
        let mut subject_end = end;
        {
            let (_, a_used, _) = if vague {
                (Approx::About, 0, "")
            } else {
                approximator(&words, i)
            };
            let first = i - a_used;
            // "the death toll ... has risen to 21", "the toll stands at 45": the
            // figure after "to"/"at" is a killed count, whatever follows it
            if first > 0 && matches!(words[first - 1], "to" | "at" | "reached" | "hit") {
                let toll = (first.saturating_sub(16)..first - 1)
                    .rev()
                    .take_while(|&k| !matches!(words[k], "." | ";"))
                    .find(|&k| {
                        matches!(words[k], "toll" | "tolls") && k > 0 && words[k - 1] == "death"
                    });
                if let Some(k) = toll {
                    cue = Some((k, ClaimCategory::Killed));
                }
            }
            // "shot dead eight militants"
            if cue.is_none()
                && first >= 2
                && words[first - 1] == "dead"
                && words[first - 2] == "shot"
            {
                cue = Some((first - 1, ClaimCategory::Killed));
            }
        }
        if cue.is_none() {
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
        let mut k = end;
        let mut limit = (end + 8).min(t.len());
        while k < limit {
            if cue.is_some() {
                break;
            }
            // ", including two policemen," is an aside: look past it
            if words[k] == "," && words.get(k + 1) == Some(&"including") {
                if let Some(close) = (k + 2..(k + 12).min(t.len())).find(|&j| words[j] == ",") {
                    limit = (limit + close + 1 - k).min(t.len());
                    k = close + 1;
                    continue;
                }
            }
            if k > end && (t[k].kind == TokenKind::Number || matches!(words[k], "." | ";")) {
                break;
            }
            // "forced to vacate their homes", "have left their homes"
            if matches!(
                words[k],
                "vacate" | "left" | "leave" | "abandoned" | "abandon" | "fled"
            ) && (words.get(k + 1) == Some(&"homes")
                || (words.get(k + 2) == Some(&"homes")
                    && matches!(words.get(k + 1), Some(&"their" | &"the"))))
            {
                cue = Some((k, ClaimCategory::Displaced));
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
            k += 1;
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
                    let lives_of = words[k] == "lives" && words.get(k + 1) == Some(&"of");
                    if matches!(
                        words[k],
                        "held" | "returned" | "handed" | "died" | "dead" | "lives"
                    ) && !lives_of
                    {
                        continue;
                    }
                    // the counted noun after the number must be people (or nothing)
                    let people_after = (end..(end + 3).min(t.len()))
                        .any(|j| PEOPLE_WORDS.contains(&words[j]))
                        || (lives_of && t.get(end).is_some_and(|x| x.cap))
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
        // a breakdown of the figure before it takes its category: "1,121
        // people, including 865 Palestinians", "21 people, 14 of them Australians"
        if cue.is_none() {
            if let Some(c) = last_category {
                let including = (i.saturating_sub(5)..i)
                    .rev()
                    .take_while(|&k| !matches!(words[k], "." | ";"))
                    .find(|&k| words[k] == "including");
                let of_them = words.get(end) == Some(&"of")
                    && matches!(words.get(end + 1), Some(&"them" | &"whom"));
                if let Some(k) = including {
                    cue = Some((k, c));
                } else if of_them {
                    cue = Some((end + 1, c));
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
            &input.text[t[i].start..t[end - 1].end],
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
        last_category = Some(category);
        last_fig_end = Some(end);
        // a cue after the figure may have other figures before it ("four
        // people, including two policemen, were killed"): read on from the figure
        i = if cue_k >= end {
            end
        } else {
            end.max(cue_k + 1)
        };
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

#[cfg(test)]
mod tests {
    use super::*;

    /// (category, low, best, high)
    type Figure = (&'static str, Option<u64>, Option<u64>, Option<u64>);

    /// (category, low, best, high) of each figure in a sentence with no speaker.
    fn figures(s: &str) -> Vec<Figure> {
        let tokens = sitrep_text::tokenize(s, 0, s.len());
        let timexes = sitrep_time::tag_tokens(s, &tokens, 0, NaiveDate::from_ymd_opt(2020, 10, 20));
        let input = ClaimInput {
            doc_id: "t",
            doc_date: None,
            outlet: Some("Example Wire"),
            text: s,
            sentence: 0,
            sentence_start: 0,
            sentence_end: s.len(),
            tokens: &tokens,
            actors: &[],
            timexes: &timexes,
            places: &[],
            speech: &[],
        };
        extract(&input)
            .into_iter()
            .map(|c| (c.category.as_str(), c.low, c.best, c.high))
            .collect()
    }

    #[test]
    fn death_toll_and_asides() {
        assert_eq!(
            figures("The death toll in the riots has risen to 20."),
            vec![("killed", Some(20), Some(20), Some(20))]
        );
        // the toll wins over a later cue, and "two of the wounded" is a part
        assert_eq!(
            figures("The death toll rose to 21 after two of the wounded died in hospital."),
            vec![("killed", Some(21), Some(21), Some(21))]
        );
        assert_eq!(
            figures("At least four people, including two policemen, have been killed."),
            vec![
                ("killed", Some(4), Some(4), None),
                ("killed", Some(2), Some(2), Some(2))
            ]
        );
        assert_eq!(
            figures(
                "The death toll reached 1,121 people, including 865 Palestinians and 234 Israelis."
            ),
            vec![
                ("killed", Some(1121), Some(1121), Some(1121)),
                ("killed", Some(865), Some(865), Some(865)),
                ("killed", Some(234), Some(234), Some(234))
            ]
        );
    }

    #[test]
    fn hedges_and_word_forms() {
        assert_eq!(
            figures("Police arrested more than two dozen militants."),
            vec![("captured", Some(24), Some(24), None)]
        );
        assert_eq!(
            figures("Troops shot dead eight suspected militants."),
            vec![("killed", Some(8), Some(8), Some(8))]
        );
        assert_eq!(
            figures("The occupation cost the lives of up to 200,000 East Timorese."),
            vec![("killed", None, Some(200_000), Some(200_000))]
        );
        assert_eq!(
            figures("An estimated 500 residents have left their homes."),
            vec![("displaced", None, Some(500), None)]
        );
        assert_eq!(
            figures("The rebels said five members of one family were killed."),
            vec![("killed", Some(5), Some(5), Some(5))]
        );
    }

    #[test]
    fn counts_of_things_are_not_figures() {
        assert!(figures(
            "Aircraft destroyed 14 ISIL tanks and other equipment captured near Palmyra."
        )
        .is_empty());
        assert!(figures("The convoy travelled 5,000 km to the front.").is_empty());
        assert!(figures("Nearly 2,000 peacekeepers arrived on Tuesday.").is_empty());
    }
}

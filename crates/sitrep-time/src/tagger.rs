//! The temporal tagger: find time expressions in a sentence's tokens and
//! normalise them against the document date.

use crate::iso;
use crate::numbers::cardinal_at;
use crate::words::{day_from_word, month_from_word, weekday_from_word};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use sitrep_model::{Sentence, TimeExpression};
use sitrep_text::{tokenize, Token, TokenKind};

/// The tense of a sentence, which sets the direction of bare weekdays and
/// of dates written without a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
}

const FUTURE_MARKERS: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "scheduled",
    "plans",
    "planned",
    "planning",
    "expected",
    "upcoming",
    "due",
    "intends",
    "would",
    "set",
    "going",
];

/// Guess the tense of a sentence from its markers.
pub fn sentence_tense(tokens: &[Token]) -> Tense {
    for (i, t) in tokens.iter().enumerate() {
        let w = t.norm.as_str();
        if FUTURE_MARKERS.contains(&w) {
            // "set to", "due to", "going to" need "to"; "would" only as reported future
            if matches!(w, "set" | "due" | "going")
                && !tokens.get(i + 1).is_some_and(|x| x.is("to"))
            {
                continue;
            }
            return Tense::Future;
        }
    }
    Tense::Past
}

/// Tag the time expressions of one sentence.
pub fn tag(text: &str, sentence: &Sentence, doc_date: Option<NaiveDate>) -> Vec<TimeExpression> {
    let tokens = tokenize(text, sentence.start, sentence.end);
    tag_tokens(text, &tokens, sentence.index, doc_date)
}

struct Found {
    len: usize,
    value: Option<String>,
    kind: &'static str,
    open_range: bool,
}

impl Found {
    fn date(len: usize, value: Option<String>) -> Self {
        Found {
            len,
            value,
            kind: "date",
            open_range: false,
        }
    }
}

/// Tag already tokenised text.
pub fn tag_tokens(
    text: &str,
    tokens: &[Token],
    sentence: usize,
    doc_date: Option<NaiveDate>,
) -> Vec<TimeExpression> {
    let tense = sentence_tense(tokens);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // "since X" / "from X": open ranges; the marker is part of the expression.
        let since = tokens[i].is("since");
        let start_i = if since { i + 1 } else { i };
        if let Some(mut f) = match_at(tokens, start_i, doc_date, tense) {
            let first = if since { i } else { start_i };
            let last = start_i + f.len - 1;
            f.open_range = since;
            let s = tokens[first].start;
            let e = tokens[last].end;
            out.push(TimeExpression {
                sentence,
                text: text[s..e].to_string(),
                start: s,
                end: e,
                value: f.value,
                kind: f.kind.to_string(),
                open_range: f.open_range,
            });
            i = last + 1;
        } else {
            i += 1;
        }
    }
    out
}

fn word(tokens: &[Token], i: usize) -> &str {
    tokens.get(i).map(|t| t.norm.as_str()).unwrap_or("")
}

fn year_at(tokens: &[Token], i: usize) -> Option<i32> {
    let t = tokens.get(i)?;
    if t.kind != TokenKind::Number || t.norm.len() != 4 {
        return None;
    }
    let y: i32 = t.norm.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

/// Choose the year for a day and month written without one: the date nearest
/// the document date in the direction of the sentence's tense.
fn infer_year(month: u32, day: u32, doc: NaiveDate, tense: Tense) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(doc.year(), month, day)?;
    match tense {
        Tense::Past if this > doc + Duration::days(14) => {
            NaiveDate::from_ymd_opt(doc.year() - 1, month, day)
        }
        Tense::Future if this < doc - Duration::days(14) => {
            NaiveDate::from_ymd_opt(doc.year() + 1, month, day)
        }
        _ => Some(this),
    }
}

fn infer_month_year(month: u32, doc: NaiveDate, tense: Tense) -> i32 {
    match tense {
        Tense::Past if month > doc.month() => doc.year() - 1,
        Tense::Future if month < doc.month() => doc.year() + 1,
        _ => doc.year(),
    }
}

fn weekday_date(wd: Weekday, doc: NaiveDate, dir: i8) -> NaiveDate {
    let cur = doc.weekday().num_days_from_monday() as i64;
    let want = wd.num_days_from_monday() as i64;
    match dir {
        // most recent on or before the document date
        -1 => doc - Duration::days((cur - want).rem_euclid(7)),
        // "last Monday" on a Monday means a week ago
        -2 => doc - Duration::days(((cur - want - 1).rem_euclid(7)) + 1),
        // next on or after the document date
        1 => doc + Duration::days((want - cur).rem_euclid(7)),
        // "next Monday" on a Monday means a week later
        _ => doc + Duration::days(((want - cur - 1).rem_euclid(7)) + 1),
    }
}

fn is_month_token(tokens: &[Token], i: usize) -> Option<u32> {
    let t = tokens.get(i)?;
    let m = month_from_word(&t.norm)?;
    // "may" and "march" are also verbs: require a capital and a date-like neighbour
    if matches!(t.norm.as_str(), "may" | "march") {
        let prev = if i > 0 { word(tokens, i - 1) } else { "" };
        let next_is_day = tokens
            .get(i + 1)
            .and_then(|x| day_from_word(&x.norm))
            .is_some()
            || year_at(tokens, i + 1).is_some();
        let prev_ok = matches!(
            prev,
            "in" | "since"
                | "of"
                | "last"
                | "next"
                | "early"
                | "late"
                | "mid"
                | "until"
                | "this"
                | "from"
                | "by"
        ) || tokens
            .get(i.wrapping_sub(1))
            .and_then(|x| day_from_word(&x.norm))
            .is_some();
        if !t.cap || !(next_is_day || prev_ok) {
            return None;
        }
    }
    if t.norm.len() <= 4 && !t.cap {
        return None; // "jan", "dec" in lowercase are rarely months
    }
    Some(m)
}

fn unit_value(unit: &str) -> Option<&'static str> {
    Some(match unit.trim_end_matches('s') {
        "day" => "D",
        "week" => "W",
        "month" => "M",
        "year" => "Y",
        "hour" => "H",
        "decade" => "DE",
        _ => return None,
    })
}

fn match_at(tokens: &[Token], i: usize, doc: Option<NaiveDate>, tense: Tense) -> Option<Found> {
    let w0 = word(tokens, i);
    if w0.is_empty() {
        return None;
    }
    // ISO date in one token
    if w0.len() == 10 && w0.as_bytes()[4] == b'-' {
        if let Ok(d) = NaiveDate::parse_from_str(w0, "%Y-%m-%d") {
            return Some(Found::date(1, Some(iso(d))));
        }
    }
    // [the] DAY [of] MONTH [,] [YEAR]
    {
        let mut j = i;
        if w0 == "the" {
            j += 1;
        }
        if let Some(day) = tokens.get(j).and_then(|t| day_from_word(&t.norm)) {
            let mut k = j + 1;
            if word(tokens, k) == "of" {
                k += 1;
            }
            if let Some(month) = is_month_token(tokens, k) {
                let mut end = k + 1;
                if word(tokens, end) == "." {
                    end += 1;
                }
                let comma = usize::from(word(tokens, end) == ",");
                let value = if let Some(y) = year_at(tokens, end + comma) {
                    end += comma + 1;
                    NaiveDate::from_ymd_opt(y, month, day).map(iso)
                } else {
                    doc.and_then(|d| infer_year(month, day, d, tense)).map(iso)
                };
                // "the" alone before a number that is not an ordinal ("the 10 October") is fine too
                return Some(Found::date(end - i, value));
            }
        }
    }
    // MONTH [.] DAY [,] [YEAR] | MONTH YEAR | MONTH
    if let Some(month) = is_month_token(tokens, i) {
        let mut k = i + 1;
        if word(tokens, k) == "." {
            k += 1;
        }
        if let Some(day) = tokens
            .get(k)
            .filter(|t| {
                t.kind == TokenKind::Number
                    || t.norm.ends_with("th")
                    || t.norm.ends_with("st")
                    || t.norm.ends_with("nd")
                    || t.norm.ends_with("rd")
            })
            .and_then(|t| day_from_word(&t.norm))
            .filter(|_| year_at(tokens, k).is_none())
        {
            let mut end = k + 1;
            let comma = usize::from(word(tokens, end) == ",");
            let value = if let Some(y) = year_at(tokens, end + comma) {
                end += comma + 1;
                NaiveDate::from_ymd_opt(y, month, day).map(iso)
            } else {
                doc.and_then(|d| infer_year(month, day, d, tense)).map(iso)
            };
            return Some(Found::date(end - i, value));
        }
        if let Some(y) = year_at(tokens, k) {
            return Some(Found::date(k + 1 - i, Some(format!("{y:04}-{month:02}"))));
        }
        let value = doc.map(|d| format!("{:04}-{month:02}", infer_month_year(month, d, tense)));
        return Some(Found::date(k - i, value));
    }
    // [on|last|next|this|coming] WEEKDAY
    {
        let (dir, j) = match w0 {
            "last" | "past" => (-2, i + 1),
            "next" | "coming" => (2, i + 1),
            "this" => (if tense == Tense::Future { 1 } else { -1 }, i + 1),
            _ => (if tense == Tense::Future { 1 } else { -1 }, i),
        };
        if let Some(wd) = tokens
            .get(j)
            .filter(|t| t.cap || j > i)
            .and_then(|t| weekday_from_word(&t.norm))
        {
            let mut end = j + 1;
            // "Thursday morning", "Friday night"
            if matches!(
                word(tokens, end),
                "morning" | "afternoon" | "evening" | "night"
            ) {
                end += 1;
            }
            // "Saturday, October 10" is handled by the date rule after this one
            let value = doc.map(|d| iso(weekday_date(wd, d, dir)));
            return Some(Found::date(end - i, value));
        }
    }
    // today, yesterday, tomorrow, tonight, this morning, last night
    {
        let offset = match w0 {
            "today" | "tonight" => Some((0, 1)),
            "yesterday" => Some((-1, 1)),
            "tomorrow" => Some((1, 1)),
            "this" if matches!(word(tokens, i + 1), "morning" | "afternoon" | "evening") => {
                Some((0, 2))
            }
            "last" if word(tokens, i + 1) == "night" => Some((-1, 2)),
            "overnight" => Some((0, 1)),
            _ => None,
        };
        if let Some((days, len)) = offset {
            let value = doc.map(|d| iso(d + Duration::days(days)));
            return Some(Found::date(len, value));
        }
    }
    // last/next/this/past/coming week|month|year; earlier/later this month
    {
        let (shift, j) = match w0 {
            "last" | "past" | "previous" => (Some(-1), i + 1),
            "next" | "coming" => (Some(1), i + 1),
            "this" => (Some(0), i + 1),
            "earlier" | "later" if word(tokens, i + 1) == "this" => (Some(0), i + 2),
            _ => (None, i),
        };
        if let Some(shift) = shift {
            let unit = word(tokens, j);
            let value = doc.and_then(|d| match unit {
                "week" | "weekend" => {
                    let wk = d + Duration::days(7 * shift as i64);
                    let w = wk.iso_week();
                    Some(format!("{:04}-W{:02}", w.year(), w.week()))
                }
                "month" => {
                    let m0 = d.year() * 12 + d.month0() as i32 + shift;
                    Some(format!(
                        "{:04}-{:02}",
                        m0.div_euclid(12),
                        m0.rem_euclid(12) + 1
                    ))
                }
                "year" => Some(format!("{:04}", d.year() + shift)),
                _ => None,
            });
            if matches!(unit, "week" | "weekend" | "month" | "year") {
                return Some(Found::date(j + 1 - i, value));
            }
        }
    }
    // N days/weeks/months/years ago; in N days
    if let Some((n, used)) =
        cardinal_at(tokens, i).or_else(|| (w0 == "a" || w0 == "an").then_some((1, 1)))
    {
        let unit = word(tokens, i + used);
        if let Some(u) = unit_value(unit) {
            if word(tokens, i + used + 1) == "ago" {
                let value = doc.and_then(|d| shift_date(d, -(n as i64), u));
                return Some(Found::date(used + 2, value));
            }
        }
    }
    if w0 == "in" || w0 == "within" || w0 == "for" || w0 == "over" {
        let mut j = i + 1;
        if matches!(word(tokens, j), "the")
            && matches!(word(tokens, j + 1), "past" | "last" | "next")
        {
            j += 2;
        }
        if let Some((n, used)) = cardinal_at(tokens, j)
            .or_else(|| matches!(word(tokens, j), "a" | "an").then_some((1, 1)))
        {
            if let Some(u) = unit_value(word(tokens, j + used)) {
                let len = j + used + 1 - i;
                if w0 == "in" && tense == Tense::Future && matches!(u, "D" | "W") {
                    let value = doc.and_then(|d| shift_date(d, n as i64, u));
                    return Some(Found::date(len, value));
                }
                return Some(Found {
                    len,
                    value: Some(duration_value(n, u)),
                    kind: "duration",
                    open_range: false,
                });
            }
        }
    }
    // "30-year" conflict, "three-day" truce
    if let Some((a, b)) = w0.rsplit_once('-') {
        if let Some(u) = unit_value(b).filter(|_| !b.ends_with('s')) {
            let n = a.parse::<u64>().ok().or_else(|| {
                let t = tokenize(a, 0, a.len());
                cardinal_at(&t, 0)
                    .filter(|(_, used)| *used == t.len())
                    .map(|x| x.0)
            });
            if let Some(n) = n {
                return Some(Found {
                    len: 1,
                    value: Some(duration_value(n, u)),
                    kind: "duration",
                    open_range: false,
                });
            }
        }
    }
    // clock time: 12:00 pm, 8 a.m., 14:30 GMT
    if tokens[i].kind == TokenKind::Number {
        let h: Option<u32> = tokens[i].norm.parse().ok();
        let mut j = i + 1;
        let mut minute = 0;
        if word(tokens, j) == ":" {
            if let Some(m) = tokens.get(j + 1).and_then(|t| t.norm.parse::<u32>().ok()) {
                minute = m;
                j += 2;
            }
        }
        let ampm = word(tokens, j);
        let has_colon = j > i + 1;
        let pm = matches!(ampm, "pm" | "p.m" | "p.m.");
        let am = matches!(ampm, "am" | "a.m" | "a.m.");
        if let Some(h) = h.filter(|h| *h < 24) {
            if am || pm || (has_colon && matches!(ampm, "gmt" | "utc" | "local")) {
                let mut end = j + 1;
                if word(tokens, end) == "." {
                    end += 1;
                }
                if matches!(ampm, "local") && word(tokens, end) == "time" {
                    end += 1;
                }
                let hour = if pm && h < 12 {
                    h + 12
                } else if am && h == 12 {
                    0
                } else {
                    h
                };
                let value = doc.map(|d| format!("{}T{:02}:{:02}", iso(d), hour, minute));
                return Some(Found {
                    len: end - i,
                    value,
                    kind: "time",
                    open_range: false,
                });
            }
        }
    }
    // in/since/until/by/of/early/late YEAR
    if matches!(
        w0,
        "in" | "until"
            | "by"
            | "of"
            | "early"
            | "late"
            | "mid"
            | "from"
            | "during"
            | "before"
            | "after"
    ) {
        if let Some(y) = year_at(tokens, i + 1) {
            return Some(Found::date(2, Some(format!("{y:04}"))));
        }
    }
    if i > 0 && tokens[i - 1].is("since") {
        if let Some(y) = year_at(tokens, i) {
            return Some(Found::date(1, Some(format!("{y:04}"))));
        }
    }
    None
}

fn duration_value(n: u64, unit: &str) -> String {
    match unit {
        "H" => format!("PT{n}H"),
        "DE" => format!("P{}Y", n * 10),
        _ => format!("P{n}{unit}"),
    }
}

fn shift_date(d: NaiveDate, n: i64, unit: &str) -> Option<String> {
    Some(match unit {
        "D" => iso(d + Duration::days(n)),
        "W" => {
            let w = (d + Duration::days(7 * n)).iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        "M" => {
            let m0 = d.year() as i64 * 12 + d.month0() as i64 + n;
            format!("{:04}-{:02}", m0.div_euclid(12), m0.rem_euclid(12) + 1)
        }
        "Y" => format!("{:04}", d.year() as i64 + n),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, doc: &str) -> Vec<(String, Option<String>, String)> {
        let d = NaiveDate::parse_from_str(doc, "%Y-%m-%d").ok();
        let sent = Sentence {
            index: 0,
            start: 0,
            end: s.len(),
            text: s.to_string(),
        };
        tag(s, &sent, d)
            .into_iter()
            .map(|t| (t.text, t.value, t.kind))
            .collect()
    }

    fn values(s: &str, doc: &str) -> Vec<String> {
        run(s, doc)
            .into_iter()
            .map(|x| x.1.unwrap_or_default())
            .collect()
    }

    // 2020-10-12 is a Monday.
    #[test]
    fn weekdays_follow_tense() {
        assert_eq!(
            values("Shelling resumed on Thursday.", "2020-10-12"),
            vec!["2020-10-08"]
        );
        assert_eq!(
            values("They will meet on Friday.", "2020-10-12"),
            vec!["2020-10-16"]
        );
        assert_eq!(
            values("They met last Monday.", "2020-10-12"),
            vec!["2020-10-05"]
        );
        assert_eq!(
            values("Talks resume next Monday.", "2020-10-12"),
            vec!["2020-10-19"]
        );
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(
            values("on the ninth of October", "2020-10-12"),
            vec!["2020-10-09"]
        );
        assert_eq!(
            values("the November 9 declaration", "2020-11-12"),
            vec!["2020-11-09"]
        );
        assert_eq!(
            values("on 10 October 2020 in Moscow", "2020-11-12"),
            vec!["2020-10-10"]
        );
        assert_eq!(
            values("On Oct. 10, 2020, they met", "2021-01-01"),
            vec!["2020-10-10"]
        );
        assert_eq!(values("in December", "2021-01-05"), vec!["2020-12"]);
        assert_eq!(values("in 1994", "2020-10-12"), vec!["1994"]);
        assert_eq!(
            values("On December 28 they met", "2021-01-05"),
            vec!["2020-12-28"]
        );
    }

    #[test]
    fn relative_expressions() {
        assert_eq!(values("last month", "2020-10-12"), vec!["2020-09"]);
        assert_eq!(values("yesterday", "2020-10-12"), vec!["2020-10-11"]);
        assert_eq!(values("two weeks ago", "2020-10-12"), vec!["2020-W40"]);
        assert_eq!(values("three days ago", "2020-10-12"), vec!["2020-10-09"]);
        assert_eq!(values("next year", "2020-10-12"), vec!["2021"]);
    }

    #[test]
    fn since_and_durations() {
        let r = run("Fighting has raged since September 27.", "2020-10-12");
        assert_eq!(r[0].0, "since September 27");
        assert_eq!(r[0].1.as_deref(), Some("2020-09-27"));
        let r = run("the conflict lasted for 30 years", "2020-10-12");
        assert_eq!(
            (r[0].1.as_deref(), r[0].2.as_str()),
            (Some("P30Y"), "duration")
        );
        let r = run("a deal within a year", "2020-10-12");
        assert_eq!(r[0].1.as_deref(), Some("P1Y"));
    }

    #[test]
    fn clock_times() {
        assert_eq!(
            values("at 12:00 pm today, Saturday", "2020-10-10"),
            vec!["2020-10-10T12:00", "2020-10-10", "2020-10-10"]
        );
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert!(values("Armenia may respond.", "2020-10-12").is_empty());
        assert_eq!(values("in May 2019", "2020-10-12"), vec!["2019-05"]);
    }
}

//! The temporal tagger: find time expressions in a sentence's tokens and
//! normalise them against the document date.

use crate::iso;
use crate::numbers::cardinal_at;
use crate::words::{day_from_word, month_from_word, weekday_from_word};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use sitrep_model::{Sentence, TimeExpression};
use sitrep_text::{tokenize, Token, TokenKind};

/// The tense that sets the direction of bare weekdays and of dates written
/// without a year. `Present` means no clear marker: such dates resolve to
/// the candidate nearest the document date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
}

/// Words that put what follows in the future.
const FUTURE_WORDS: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "would",
    "upcoming",
    "scheduled",
    "forthcoming",
    "expects",
    "expect",
    "tomorrow",
    "next",
];

/// Words that mark the future only when "to" follows ("due to", "plans to").
const FUTURE_BEFORE_TO: &[&str] = &[
    "due", "set", "going", "expected", "plans", "planning", "intends", "hopes", "aims",
];

/// Irregular past forms and other past markers.
const PAST_WORDS: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "ago",
    "yesterday",
    "last",
    "went",
    "came",
    "took",
    "left",
    "began",
    "met",
    "fell",
    "gave",
    "made",
    "won",
    "lost",
    "saw",
    "flew",
    "struck",
    "broke",
    "fled",
    "rose",
    "shot",
    "sent",
    "led",
    "held",
    "fought",
    "became",
    "stood",
    "ran",
    "wrote",
    "spoke",
    "brought",
    "caught",
    "found",
    "got",
    "heard",
    "kept",
    "knew",
    "paid",
    "sold",
    "thought",
    "drove",
    "spent",
    "swept",
    "threw",
    "withdrew",
    "blew",
    "sank",
    "hit",
];

/// Words ending in -ed that are not past verbs, or are mostly adjectives.
const NOT_PAST_ED: &[&str] = &[
    "need",
    "speed",
    "feed",
    "seed",
    "indeed",
    "armed",
    "united",
    "based",
    "alleged",
    "so-called",
    "detailed",
    "limited",
    "advanced",
    "related",
    "proposed",
    "expected",
    "scheduled",
    "planned",
    "injured",
    "wounded",
    "aged",
    "hundred",
    "red",
    "bed",
    "shed",
    "breed",
    "unprecedented",
    "unidentified",
    "unseeded",
];

fn tense_cue(tokens: &[Token], k: usize) -> Option<Tense> {
    let t = tokens.get(k)?;
    let w = t.norm.as_str();
    let next = word(tokens, k + 1);
    if w == "would" && next == "have" {
        return Some(Tense::Past); // "would have had": a past conditional
    }
    if FUTURE_WORDS.contains(&w) {
        return Some(Tense::Future);
    }
    if FUTURE_BEFORE_TO.contains(&w) && next == "to" {
        return Some(Tense::Future);
    }
    if w == "to" && next == "be" {
        return Some(Tense::Future);
    }
    if PAST_WORDS.contains(&w) {
        return Some(Tense::Past);
    }
    if t.kind == TokenKind::Word
        && !t.cap
        && w.len() >= 5
        && w.ends_with("ed")
        && !NOT_PAST_ED.contains(&w)
        && !w.contains('\'')
    {
        // "is expected", "has been adjourned", "to be inaugurated": passive or
        // adjectival participles say nothing about time on their own.
        let prev = if k > 0 { word(tokens, k - 1) } else { "" };
        if matches!(prev, "is" | "are" | "be" | "been" | "being" | "am") {
            return None;
        }
        return Some(Tense::Past);
    }
    None
}

/// Guess the tense of a whole sentence: future if any future marker occurs,
/// else present (no direction).
pub fn sentence_tense(tokens: &[Token]) -> Tense {
    if (0..tokens.len()).any(|k| tense_cue(tokens, k) == Some(Tense::Future)) {
        Tense::Future
    } else {
        Tense::Present
    }
}

/// The tense governing tokens `s..e`: the nearest marker before them (up to
/// eight tokens), else the nearest after them, else the sentence's.
fn local_tense(tokens: &[Token], s: usize, e: usize, sentence: Tense) -> Tense {
    for k in (s.saturating_sub(8)..s).rev() {
        if matches!(word(tokens, k), ";") {
            break;
        }
        if let Some(t) = tense_cue(tokens, k) {
            return t;
        }
    }
    for k in e..(e + 8).min(tokens.len()) {
        if matches!(word(tokens, k), ";" | ".") {
            break;
        }
        if let Some(t) = tense_cue(tokens, k) {
            return t;
        }
    }
    sentence
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
    /// The year was written, not inferred.
    explicit_year: bool,
}

impl Found {
    fn date(len: usize, value: Option<String>) -> Self {
        Found {
            len,
            value,
            kind: "date",
            explicit_year: false,
        }
    }
    fn dated(len: usize, value: Option<String>, explicit_year: bool) -> Self {
        Found {
            len,
            value,
            kind: "date",
            explicit_year,
        }
    }
    fn duration(len: usize, value: String) -> Self {
        Found {
            len,
            value: Some(value),
            kind: "duration",
            explicit_year: false,
        }
    }
}

struct Tagged {
    first: usize,
    last: usize,
    value: Option<String>,
    kind: &'static str,
    open_range: bool,
    explicit_year: bool,
}

struct Ctx<'a> {
    tokens: &'a [Token],
    doc: Option<NaiveDate>,
    tense: Tense,
}

impl Ctx<'_> {
    fn tense_at(&self, s: usize, e: usize) -> Tense {
        local_tense(self.tokens, s, e, self.tense)
    }
}

/// Tag already tokenised text.
pub fn tag_tokens(
    text: &str,
    tokens: &[Token],
    sentence: usize,
    doc_date: Option<NaiveDate>,
) -> Vec<TimeExpression> {
    let cx = Ctx {
        tokens,
        doc: doc_date,
        tense: sentence_tense(tokens),
    };
    let mut found: Vec<Tagged> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // "since X": an open range starting at X; the marker is part of the expression.
        let since = tokens[i].is("since");
        // "early/late/earlier/later [on]" before a day: part of the expression, same value.
        let mut start_i = if since { i + 1 } else { i };
        if matches!(
            word(tokens, start_i),
            "early" | "late" | "earlier" | "later"
        ) && !matches!(word(tokens, start_i + 1), "this" | "next" | "last")
        {
            let k = start_i + 1 + usize::from(word(tokens, start_i + 1) == "on");
            if is_day_word(tokens, k) {
                start_i = k;
            }
        }
        if let Some(f) = match_at(&cx, start_i) {
            let first = if since || start_i > i { i } else { start_i };
            let last = start_i + f.len - 1;
            found.push(Tagged {
                first,
                last,
                value: f.value,
                kind: f.kind,
                open_range: since,
                explicit_year: f.explicit_year,
            });
            i = last + 1;
        } else {
            i += 1;
        }
    }
    let found = attach_days_to_clock_times(tokens, found);
    let found = merge_ranges(tokens, found);
    found
        .into_iter()
        .map(|f| {
            let s = tokens[f.first].start;
            let e = tokens[f.last].end;
            TimeExpression {
                sentence,
                text: text[s..e].to_string(),
                start: s,
                end: e,
                value: f.value,
                kind: f.kind.to_string(),
                open_range: f.open_range,
            }
        })
        .collect()
}

/// A weekday, today, yesterday or tomorrow starts at `k`.
fn is_day_word(tokens: &[Token], k: usize) -> bool {
    let w = word(tokens, k);
    matches!(w, "today" | "yesterday" | "tomorrow" | "tonight")
        || tokens
            .get(k)
            .is_some_and(|t| t.cap && weekday_from_word(w).is_some())
}

/// A clock time takes its day from a day expression next to it ("6:30am on
/// Tuesday", "tomorrow morning at 11am", "7:30pm AEDT yesterday").
fn attach_days_to_clock_times(tokens: &[Token], mut found: Vec<Tagged>) -> Vec<Tagged> {
    let glue = |a: usize, b: usize| {
        // tokens strictly between a and b are only linking words
        (a + 1..b).all(|k| {
            matches!(
                word(tokens, k),
                "on" | "at" | "," | "of" | "about" | "around"
            )
        }) && b - a <= 3
    };
    for n in 0..found.len() {
        if found[n].kind != "time" {
            continue;
        }
        let day_of = |f: &Tagged| {
            f.value
                .as_deref()
                .filter(|v| f.kind == "date" && v.len() >= 10 && v.as_bytes()[4] == b'-')
                .filter(|v| v.as_bytes().get(7) == Some(&b'-') && !v.contains('/'))
                .map(|v| v[..10].to_string())
        };
        let after = found
            .get(n + 1)
            .filter(|f| glue(found[n].last, f.first))
            .and_then(day_of);
        let before = n
            .checked_sub(1)
            .and_then(|p| found.get(p))
            .filter(|f| glue(f.last, found[n].first))
            .and_then(day_of);
        if let Some(day) = after.or(before) {
            if let Some(v) = found[n].value.as_mut() {
                if let Some((_, clock)) = v.split_once('T') {
                    *v = format!("{day}T{clock}");
                }
            }
        }
    }
    found
}

/// "between January 9 and March 27", "from July to November 1917": one range.
fn merge_ranges(tokens: &[Token], found: Vec<Tagged>) -> Vec<Tagged> {
    let mut out: Vec<Tagged> = Vec::new();
    let mut it = found.into_iter().peekable();
    while let Some(mut a) = it.next() {
        let opener = a
            .first
            .checked_sub(1)
            .map(|k| word(tokens, k))
            .filter(|w| matches!(*w, "between" | "from"));
        if let (Some(open), Some(b)) = (opener, it.peek()) {
            let link = word(tokens, a.last + 1);
            let linked = b.first == a.last + 2
                && match open {
                    "between" => link == "and",
                    _ => matches!(link, "to" | "until" | "through" | "till"),
                };
            let both_dates = a.kind == "date" && b.kind == "date" && !a.open_range;
            if linked && both_dates {
                let b = it.next().expect("peeked");
                if let (Some(mut va), Some(vb)) = (a.value.clone(), b.value.clone()) {
                    if b.explicit_year && !a.explicit_year && va.len() >= 7 && vb.len() >= 4 {
                        va.replace_range(..4, &vb[..4]);
                    }
                    if va <= vb {
                        a.value = Some(format!("{va}/{vb}"));
                    }
                }
                a.first -= 1;
                a.last = b.last;
                a.explicit_year |= b.explicit_year;
                out.push(a);
                continue;
            }
        }
        out.push(a);
    }
    out
}

/// The token's normalised text without a possessive "'s" ("Monday's").
fn word(tokens: &[Token], i: usize) -> &str {
    let w = tokens.get(i).map(|t| t.norm.as_str()).unwrap_or("");
    w.strip_suffix("'s").filter(|b| !b.is_empty()).unwrap_or(w)
}

fn year_at(tokens: &[Token], i: usize) -> Option<i32> {
    let t = tokens.get(i)?;
    if t.kind != TokenKind::Number || t.norm.len() != 4 {
        return None;
    }
    let y: i32 = t.norm.parse().ok()?;
    (1800..=2100).contains(&y).then_some(y)
}

/// A four-digit number standing alone as a year ("the 1999 canyoning
/// accident", "in 1995 and 2000", "2001 brought"), not a count ("2000
/// people", "about 1500").
fn bare_year_at(tokens: &[Token], i: usize) -> Option<i32> {
    let y = year_at(tokens, i)?;
    let prev = if i > 0 { word(tokens, i - 1) } else { "" };
    if matches!(
        prev,
        "$" | "about"
            | "around"
            | "some"
            | "nearly"
            | "almost"
            | "than"
            | "over"
            | "least"
            | "to"
            | "approximately"
            | "roughly"
            | "estimated"
            | "total"
            | "#"
            | "no"
            | "number"
    ) || prev.starts_with("us$")
        || prev.ends_with('$')
    {
        return None;
    }
    if let Some(n) = tokens.get(i + 1) {
        let w = n.norm.as_str();
        let count_noun = n.kind == TokenKind::Word
            && !n.cap
            && w.len() > 2
            && w.ends_with('s')
            && !w.ends_with("'s")
            && !matches!(w, "was" | "has" | "as" | "is" | "this" | "across");
        if count_noun
            || matches!(
                w,
                "km" | "per" | "metres" | "meters" | "people" | "men" | "women" | "police" | "%"
            )
        {
            return None;
        }
    }
    Some(y)
}

/// Of the dates with this month and day in the years around the document
/// date, the one the tense points to: the latest not after the document date
/// (two weeks' slack) in the past, the earliest not before it in the future,
/// the nearest otherwise.
fn infer_year(month: u32, day: u32, doc: NaiveDate, tense: Tense) -> Option<NaiveDate> {
    let cands: Vec<NaiveDate> = (doc.year() - 1..=doc.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .collect();
    let slack = Duration::days(14);
    match tense {
        Tense::Past => cands.into_iter().filter(|d| *d <= doc + slack).max(),
        Tense::Future => cands.into_iter().filter(|d| *d >= doc - slack).min(),
        Tense::Present => cands
            .into_iter()
            .min_by_key(|d| ((*d - doc).num_days().abs(), *d > doc)),
    }
}

/// The year of a month named without one, by the same logic as [`infer_year`].
fn infer_month_year(month: u32, doc: NaiveDate, tense: Tense) -> i32 {
    let at = |y: i32| y * 12 + month as i32 - 1;
    let cur = doc.year() * 12 + doc.month0() as i32;
    let years = [doc.year() - 1, doc.year(), doc.year() + 1];
    match tense {
        Tense::Past => years.into_iter().filter(|y| at(*y) <= cur).max(),
        Tense::Future => years.into_iter().filter(|y| at(*y) >= cur).min(),
        Tense::Present => years
            .into_iter()
            .min_by_key(|y| ((at(*y) - cur).abs(), at(*y) > cur)),
    }
    .unwrap_or(doc.year())
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
    let w = word(tokens, i);
    let norm = w.strip_prefix("mid-").unwrap_or(w);
    let m = month_from_word(norm)?;
    // "may" and "march" are also verbs: require a capital and a date-like neighbour
    if matches!(norm, "may" | "march") && norm == w {
        let prev = if i > 0 { word(tokens, i - 1) } else { "" };
        let next_is_day = tokens
            .get(i + 1)
            .and_then(|x| day_from_word(&x.norm).or_else(|| day_range(&x.norm).map(|r| r.0)))
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
                | "or"
                | "and"
                | "to"
                | "between"
                | "during"
        ) || tokens
            .get(i.wrapping_sub(1))
            .and_then(|x| day_from_word(&x.norm))
            .is_some();
        if !t.cap || !(next_is_day || prev_ok) {
            return None;
        }
    }
    if norm.len() <= 4 && !t.cap {
        return None; // "jan", "dec" in lowercase are rarely months
    }
    Some(m)
}

/// "4-6", "15-24": a range of days written as one token.
fn day_range(w: &str) -> Option<(u32, u32)> {
    let (a, b) = w.split_once('-')?;
    let (a, b) = (day_from_word(a)?, day_from_word(b)?);
    (a < b).then_some((a, b))
}

/// The number of tokens making up "last year" / "this year" / "next year"
/// at `k`, and the year offset it names.
fn year_ref(tokens: &[Token], k: usize) -> Option<(i32, usize)> {
    if word(tokens, k + 1) != "year" {
        return None;
    }
    Some((
        match word(tokens, k) {
            "last" => -1,
            "this" => 0,
            "next" => 1,
            _ => return None,
        },
        2,
    ))
}

/// A date written as a day and a month, whose year is written, named
/// ("last year") or inferred. `end` is the token after the day and month.
fn finish_day_month(cx: &Ctx, i: usize, mut end: usize, month: u32, day: u32) -> Found {
    let tokens = cx.tokens;
    let comma = usize::from(word(tokens, end) == ",");
    if let Some(y) = year_at(tokens, end + comma) {
        end += comma + 1;
        return Found::dated(
            end - i,
            NaiveDate::from_ymd_opt(y, month, day).map(iso),
            true,
        );
    }
    if let Some((off, used)) = year_ref(tokens, end) {
        let value = cx
            .doc
            .and_then(|d| NaiveDate::from_ymd_opt(d.year() + off, month, day))
            .map(iso);
        return Found::dated(end + used - i, value, true);
    }
    let tense = date_tense(cx, i, end);
    let value = cx
        .doc
        .and_then(|d| infer_year(month, day, d, tense))
        .map(iso);
    Found::date(end - i, value)
}

/// A range of days in one month: "January 4-6", "November 16 - 17", "11-13 Dec.".
fn finish_day_range(cx: &Ctx, i: usize, mut end: usize, month: u32, a: u32, b: u32) -> Found {
    let tokens = cx.tokens;
    let comma = usize::from(word(tokens, end) == ",");
    let (year, explicit) = if let Some(y) = year_at(tokens, end + comma) {
        end += comma + 1;
        (Some(y), true)
    } else {
        let tense = date_tense(cx, i, end);
        (
            cx.doc
                .and_then(|d| infer_year(month, a, d, tense))
                .map(|d| d.year()),
            false,
        )
    };
    let value = year.and_then(|y| {
        let s = NaiveDate::from_ymd_opt(y, month, a)?;
        let e = NaiveDate::from_ymd_opt(y, month, b)?;
        Some(format!("{}/{}", iso(s), iso(e)))
    });
    Found::dated(end - i, value, explicit)
}

/// The tense for a date without a year. A date used as a modifier ("the
/// December 13 attack") names an event, not a plan: no direction.
fn date_tense(cx: &Ctx, i: usize, end: usize) -> Tense {
    let prev = if i > 0 { word(cx.tokens, i - 1) } else { "" };
    let next = cx.tokens.get(end);
    let modifier = matches!(prev, "the" | "a" | "its" | "their" | "his" | "her")
        && next.is_some_and(|t| {
            t.kind == TokenKind::Word
                && !matches!(
                    t.norm.as_str(),
                    "and" | "or" | "to" | "at" | "in" | "on" | "when" | "last" | "this" | "next"
                )
        });
    if modifier {
        Tense::Present
    } else {
        cx.tense_at(i, end)
    }
}

fn unit_value(unit: &str) -> Option<&'static str> {
    let u = unit.strip_suffix('s').unwrap_or(unit);
    Some(match u {
        "day" => "D",
        "week" => "W",
        "month" => "M",
        "year" => "Y",
        "hour" => "H",
        "decade" => "DE",
        "minute" => "MIN",
        "second" => "S",
        _ => return None,
    })
}

/// Part-of-day suffixes in TIMEX style.
fn part_of_day(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" => "TMO",
        "afternoon" => "TAF",
        "evening" => "TEV",
        "night" | "tonight" | "overnight" => "TNI",
        _ => return None,
    })
}

/// Words that make a count approximate without changing what it counts.
fn approx_len(tokens: &[Token], i: usize) -> usize {
    match (word(tokens, i), word(tokens, i + 1)) {
        ("more" | "less" | "fewer", "than") | ("up", "to") | ("at", "least") => 2,
        (
            "nearly" | "almost" | "about" | "around" | "some" | "over" | "approximately"
            | "roughly" | "just",
            _,
        ) => 1,
        _ => 0,
    }
}

/// Read "N" or "a"/"an" before a unit of time at `i`: (count, tokens used, text).
fn count_at(tokens: &[Token], i: usize) -> Option<(u64, usize, String)> {
    let t = tokens.get(i)?;
    if t.kind == TokenKind::Number && t.norm.contains('.') && !t.norm.contains(',') {
        let v: f64 = t.norm.parse().ok()?;
        return Some((v as u64, 1, t.norm.clone()));
    }
    if let Some((n, used)) = cardinal_at(tokens, i) {
        return Some((n, used, n.to_string()));
    }
    matches!(t.norm.as_str(), "a" | "an" | "one").then(|| (1, 1, "1".to_string()))
}

fn match_at(cx: &Ctx, i: usize) -> Option<Found> {
    let tokens = cx.tokens;
    let doc = cx.doc;
    let w0 = word(tokens, i);
    if w0.is_empty() {
        return None;
    }
    // ISO date in one token
    if w0.len() == 10 && w0.as_bytes()[4] == b'-' {
        if let Ok(d) = NaiveDate::parse_from_str(w0, "%Y-%m-%d") {
            return Some(Found::dated(1, Some(iso(d)), true));
        }
    }
    // DAY-DAY MONTH [YEAR]: "11-13 Dec."
    if let Some((a, b)) = day_range(w0) {
        if let Some(month) = is_month_token(tokens, i + 1) {
            let end = i + 2 + usize::from(word(tokens, i + 2) == ".");
            return Some(finish_day_range(cx, i, end, month, a, b));
        }
    }
    // [the] DAY [of] MONTH [,] [YEAR]
    {
        let j = i + usize::from(w0 == "the");
        if let Some(day) = day_from_word(word(tokens, j)) {
            let mut k = j + 1;
            if word(tokens, k) == "of" {
                k += 1;
            }
            if let Some(month) = is_month_token(tokens, k) {
                let end = k + 1 + usize::from(word(tokens, k + 1) == ".");
                return Some(finish_day_month(cx, i, end, month, day));
            }
        }
    }
    // last/next/this MONTH
    if matches!(w0, "last" | "next" | "this") {
        if let Some(month) = is_month_token(tokens, i + 1) {
            if !tokens[i + 1].norm.starts_with("mid-")
                && tokens
                    .get(i + 2)
                    .and_then(|t| day_from_word(&t.norm))
                    .is_none()
            {
                let value = doc.map(|d| {
                    let y = match w0 {
                        "last" if month >= d.month() => d.year() - 1,
                        "next" if month <= d.month() => d.year() + 1,
                        _ => d.year(),
                    };
                    format!("{y:04}-{month:02}")
                });
                return Some(Found::date(2, value));
            }
        }
    }
    // MONTH [.] [the] DAY [,] [YEAR] | MONTH DAY-DAY | MONTH YEAR | MONTH [last year] | MONTH
    if let Some(month) = is_month_token(tokens, i) {
        let mut k = i + 1;
        if word(tokens, k) == "." {
            k += 1;
        }
        let the = usize::from(word(tokens, k) == "the");
        let dw = word(tokens, k + the);
        let day_tok = tokens.get(k + the).filter(|t| {
            t.kind == TokenKind::Number
                || dw.chars().all(|c| c.is_ascii_digit())
                || ["th", "st", "nd", "rd"].iter().any(|s| dw.ends_with(s))
                || (the == 1 && day_from_word(dw).is_some())
        });
        if let Some(t) = tokens.get(k).filter(|_| the == 0) {
            // "January 4-6", "November 16 - 17", "November 18 -19"
            let range = day_range(&t.norm).map(|r| (r, k + 1)).or_else(|| {
                let a = day_from_word(&t.norm).filter(|_| t.kind == TokenKind::Number)?;
                let (b, used) = if word(tokens, k + 1) == "-" {
                    (tokens.get(k + 2).and_then(|x| day_from_word(&x.norm))?, 3)
                } else {
                    (day_from_word(word(tokens, k + 1).strip_prefix('-')?)?, 2)
                };
                (a < b).then_some(((a, b), k + used))
            });
            if let Some(((a, b), end)) = range {
                return Some(finish_day_range(cx, i, end, month, a, b));
            }
        }
        if let Some(day) = day_tok
            .and_then(|_| day_from_word(word(tokens, k + the)))
            .filter(|_| year_at(tokens, k + the).is_none())
        {
            return Some(finish_day_month(cx, i, k + the + 1, month, day));
        }
        if let Some(y) = year_at(tokens, k) {
            return Some(Found::dated(
                k + 1 - i,
                Some(format!("{y:04}-{month:02}")),
                true,
            ));
        }
        if let Some((off, used)) = year_ref(tokens, k) {
            let value = doc.map(|d| format!("{:04}-{month:02}", d.year() + off));
            return Some(Found::dated(k + used - i, value, true));
        }
        let tense = date_tense(cx, i, k);
        let value = doc.map(|d| format!("{:04}-{month:02}", infer_month_year(month, d, tense)));
        return Some(Found::date(k - i, value));
    }
    // [on|last|next|this|coming] WEEKDAY [part of day] | WEEKDAY, DATE
    {
        let (fixed, j) = match w0 {
            "last" | "past" => (Some(-2), i + 1),
            "next" | "coming" => (Some(2), i + 1),
            "this" => (None, i + 1),
            _ => (None, i),
        };
        if let Some(wd) = tokens
            .get(j)
            .filter(|t| t.cap || j > i)
            .and_then(|_| weekday_from_word(word(tokens, j)))
        {
            let mut end = j + 1;
            // "Monday, Dec. 26": the date says which Monday
            let k = end + usize::from(word(tokens, end) == ",");
            if let Some(f) = match_at(cx, k)
                .filter(|f| f.kind == "date" && f.value.as_ref().is_some_and(|v| v.len() == 10))
            {
                return Some(Found::dated(k + f.len - i, f.value, f.explicit_year));
            }
            let dir = fixed.unwrap_or_else(|| weekday_direction(cx, i, end));
            let pod = part_of_day(word(tokens, end));
            if pod.is_some() {
                end += 1;
            }
            let value =
                doc.map(|d| format!("{}{}", iso(weekday_date(wd, d, dir)), pod.unwrap_or("")));
            return Some(Found::date(end - i, value));
        }
    }
    // today, yesterday, tomorrow, tonight, overnight [+ part of day]; this morning; last night
    {
        let offset = match w0 {
            "today" | "tonight" => Some((0, 1)),
            "yesterday" => Some((-1, 1)),
            "tomorrow" => Some((1, 1)),
            "overnight" => Some((-1, 1)),
            "this" if matches!(word(tokens, i + 1), "morning" | "afternoon" | "evening") => {
                Some((0, 2))
            }
            "last" if word(tokens, i + 1) == "night" => Some((-1, 2)),
            _ => None,
        };
        if let Some((days, mut len)) = offset {
            let mut pod = part_of_day(word(tokens, i + len - 1));
            if matches!(w0, "today" | "yesterday" | "tomorrow") {
                if let Some(p) =
                    part_of_day(word(tokens, i + 1)).filter(|_| word(tokens, i + 1) != "overnight")
                {
                    pod = Some(p);
                    len += 1;
                }
            }
            let value =
                doc.map(|d| format!("{}{}", iso(d + Duration::days(days)), pod.unwrap_or("")));
            return Some(Found::date(len, value));
        }
    }
    // [the] weekend: the one before the document date, or the coming one in the future
    if w0 == "weekend" || (w0 == "the" && word(tokens, i + 1) == "weekend") {
        let len = if w0 == "the" { 2 } else { 1 };
        let tense = cx.tense_at(i, i + len);
        let value = doc.map(|d| {
            let wd = d.weekday().num_days_from_monday();
            let day = if tense == Tense::Future || wd >= 5 {
                d
            } else {
                d - Duration::days(7)
            };
            let w = day.iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        });
        return Some(Found::date(len, value));
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
    // "the last/past/next week": a span of one unit
    if w0 == "the"
        && matches!(
            word(tokens, i + 1),
            "last" | "past" | "next" | "previous" | "coming"
        )
        && matches!(
            word(tokens, i + 2),
            "week" | "month" | "year" | "day" | "decade"
        )
    {
        let u = unit_value(word(tokens, i + 2))?;
        return Some(Found::duration(3, duration_value("1", u)));
    }
    // in [about] N days/weeks/months/years in the future: a date
    if w0 == "in" {
        let j = i + 1 + approx_len(tokens, i + 1);
        if let Some((n, used, _)) = count_at(tokens, j) {
            if let Some(u) = unit_value(word(tokens, j + used)) {
                let len = j + used + 1 - i;
                if cx.tense_at(i, i + len) == Tense::Future && matches!(u, "D" | "W" | "M" | "Y") {
                    let value = doc.and_then(|d| shift_date(d, n as i64, u));
                    return Some(Found::date(len, value));
                }
            }
        }
    }
    // [the past|next|last] [about] N units [ago|ahead]: a duration, or a date with "ago"
    {
        let mut j = i;
        if w0 == "the"
            && matches!(
                word(tokens, i + 1),
                "past" | "last" | "next" | "previous" | "coming" | "first" | "following"
            )
        {
            j += 2;
        }
        j += approx_len(tokens, j);
        if let Some((n, used, text)) = count_at(tokens, j) {
            let unit = word(tokens, j + used);
            if let Some(u) = unit_value(unit) {
                let after = word(tokens, j + used + 1);
                if after == "ago" {
                    let value = doc.and_then(|d| shift_date(d, -(n as i64), u));
                    return Some(Found::date(j + used + 2 - i, value));
                }
                let prev = if i > 0 { word(tokens, i - 1) } else { "" };
                let surely_span = j > i + 1
                    || matches!(prev, "for" | "over" | "within" | "during" | "throughout");
                let not_span = (matches!(after, "old" | "later" | "earlier" | "before" | "after")
                    && !surely_span)
                    || (w0 == "the" && j == i + 1);
                // "one" before a plural ("one days") is not a count of the unit
                let stray_one = tokens[j].norm == "one" && unit.ends_with('s');
                if !not_span && !stray_one {
                    let end = j + used + 1 + usize::from(after == "ahead");
                    return Some(Found::duration(end - i, duration_value(&text, u)));
                }
            }
        }
    }
    // "30-year" conflict, "three-day" truce, "five-months", "week-long"
    if let Some((a, b)) = w0.rsplit_once('-') {
        if b == "long" {
            if let Some(u) = unit_value(a) {
                return Some(Found::duration(1, duration_value("1", u)));
            }
        }
        if let Some(u) = unit_value(b) {
            let n = a.parse::<u64>().ok().or_else(|| {
                let t = tokenize(a, 0, a.len());
                cardinal_at(&t, 0)
                    .filter(|(_, used)| *used == t.len())
                    .map(|x| x.0)
            });
            if let Some(n) = n {
                return Some(Found::duration(1, duration_value(&n.to_string(), u)));
            }
        }
    }
    // clock time: 12:00 pm, 4:00pm, 8 a.m., 11am, 14:30 GMT
    if let Some(f) = clock_at(cx, i) {
        return Some(f);
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
            | "prior"
    ) {
        let k = i + 1 + usize::from(w0 == "prior" && word(tokens, i + 1) == "to");
        if let Some(y) = year_at(tokens, k) {
            return Some(Found::dated(k + 1 - i, Some(format!("{y:04}")), true));
        }
    }
    if let Some(y) = bare_year_at(tokens, i) {
        return Some(Found::dated(1, Some(format!("{y:04}")), true));
    }
    None
}

/// Which way a bare weekday points: forward after "until"/"by", else by tense.
fn weekday_direction(cx: &Ctx, i: usize, end: usize) -> i8 {
    let tokens = cx.tokens;
    let mut k = i;
    if k > 0 && word(tokens, k - 1) == "on" {
        k -= 1;
    }
    // "until at least Friday", "by about Friday"
    let mut back = k;
    for _ in 0..2 {
        if back > 0 && matches!(word(tokens, back - 1), "least" | "at" | "about" | "around") {
            back -= 1;
        }
    }
    if back > 0 && matches!(word(tokens, back - 1), "until" | "till" | "by") {
        return 1;
    }
    if back > 0 && word(tokens, back - 1) == "since" {
        return -1;
    }
    if cx.tense_at(i, end) == Tense::Future {
        1
    } else {
        -1
    }
}

/// A clock time at `i`, dated on the document date (a neighbouring day
/// expression re-dates it later).
fn clock_at(cx: &Ctx, i: usize) -> Option<Found> {
    let tokens = cx.tokens;
    let t = &tokens[i];
    let split_ampm = |w: &str| -> Option<(String, &'static str)> {
        for (suffix, tag) in [("am", "am"), ("pm", "pm")] {
            if let Some(d) = w.strip_suffix(suffix) {
                if !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()) {
                    return Some((d.to_string(), tag));
                }
            }
        }
        None
    };
    let (hour, minute, ampm, mut end): (u32, u32, Option<&str>, usize);
    if t.kind == TokenKind::Number && t.norm.len() <= 2 {
        hour = t.norm.parse().ok()?;
        let mut j = i + 1;
        let mut m = 0;
        let mut ap = None;
        let mut colon = false;
        if word(tokens, j) == ":" {
            let n = tokens.get(j + 1)?;
            if n.kind == TokenKind::Number && n.norm.len() == 2 {
                m = n.norm.parse().ok()?;
            } else if let Some((d, a)) = split_ampm(&n.norm).filter(|(d, _)| d.len() == 2) {
                m = d.parse().ok()?;
                ap = Some(a);
            } else {
                return None;
            }
            colon = true;
            j += 2;
        }
        if ap.is_none() {
            match (word(tokens, j), word(tokens, j + 1), word(tokens, j + 2)) {
                ("am" | "a.m" | "a.m.", _, _) => {
                    ap = Some("am");
                    j += 1;
                }
                ("pm" | "p.m" | "p.m.", _, _) => {
                    ap = Some("pm");
                    j += 1;
                }
                ("a", ".", "m") => {
                    ap = Some("am");
                    j += 3;
                }
                ("p", ".", "m") => {
                    ap = Some("pm");
                    j += 3;
                }
                _ => {}
            }
            if ap.is_some() && word(tokens, j) == "." {
                j += 1;
            }
        }
        if ap.is_none() && !(colon && is_zone(tokens, j)) {
            return None;
        }
        minute = m;
        ampm = ap;
        end = j;
    } else if let Some((d, a)) = split_ampm(&t.norm).filter(|(d, _)| d.len() <= 2) {
        hour = d.parse().ok()?;
        minute = 0;
        ampm = Some(a);
        end = i + 1;
    } else {
        return None;
    }
    if hour > 23 || minute > 59 || (ampm.is_some() && !(1..=12).contains(&hour)) {
        return None;
    }
    // time zone: "AEDT", "[AEDT]", "local time", "GMT"
    if word(tokens, end) == "[" && is_zone(tokens, end + 1) && word(tokens, end + 2) == "]" {
        end += 3;
    } else if is_zone(tokens, end) {
        end += 1;
        if word(tokens, end) == "time" {
            end += 1;
        }
    }
    let hour = match ampm {
        Some("pm") if hour < 12 => hour + 12,
        Some("am") if hour == 12 => 0,
        _ => hour,
    };
    let value = cx
        .doc
        .map(|d| format!("{}T{:02}:{:02}", iso(d), hour, minute));
    Some(Found {
        len: end - i,
        value,
        kind: "time",
        explicit_year: false,
    })
}

fn is_zone(tokens: &[Token], k: usize) -> bool {
    matches!(
        word(tokens, k),
        "gmt"
            | "utc"
            | "local"
            | "aedt"
            | "aest"
            | "acdt"
            | "awst"
            | "est"
            | "edt"
            | "cet"
            | "bst"
            | "pst"
    )
}

fn duration_value(n: &str, unit: &str) -> String {
    match unit {
        "H" => format!("PT{n}H"),
        "MIN" => format!("PT{n}M"),
        "S" => format!("PT{n}S"),
        "DE" => match n.parse::<u64>() {
            Ok(v) => format!("P{}Y", v * 10),
            Err(_) => format!("P{n}DE"),
        },
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
        "DE" => format!("{:04}", d.year() as i64 + 10 * n),
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

    // 2001-12-20 is a Thursday.
    #[test]
    fn dates_without_a_year_follow_tense_or_nearness() {
        // no tense marker: the nearest date, here in the coming year
        assert_eq!(
            values(
                "Seats are on sale for travel between January 9 and March 27.",
                "2001-12-20"
            ),
            vec!["2002-01-09/2002-03-27"]
        );
        // past: the latest not after the document date
        assert_eq!(
            values("The company collapsed on March 15.", "2001-12-20"),
            vec!["2001-03-15"]
        );
        // a date naming an event is the nearest one even in a future sentence
        assert_eq!(
            values(
                "They will release the results of the September 17 airstrike.",
                "2016-11-28"
            ),
            vec!["2016-09-17"]
        );
        assert_eq!(values("He left in March.", "2001-12-20"), vec!["2001-03"]);
        assert_eq!(
            values("Polls are not scheduled until March.", "2001-12-20"),
            vec!["2002-03"]
        );
        assert_eq!(
            values("He will stay until next March.", "2001-12-20"),
            vec!["2002-03"]
        );
        assert_eq!(
            values("It led the force last December.", "2016-12-29"),
            vec!["2015-12"]
        );
        assert_eq!(
            values("She vanished on July 1 last year.", "2001-12-13"),
            vec!["2000-07-01"]
        );
        assert_eq!(
            values("It crashed in May last year.", "2001-12-13"),
            vec!["2000-05"]
        );
    }

    #[test]
    fn weekdays_after_until_point_forward() {
        assert_eq!(
            values("Seats are available until Monday.", "2001-12-20"),
            vec!["2001-12-24"]
        );
        assert_eq!(
            values(
                "Hot winds are forecast until at least Friday.",
                "2001-12-27"
            ),
            vec!["2001-12-28"]
        );
        // the clause's own tense, not the sentence's
        assert_eq!(
            values(
                "An official was quoted on Tuesday as saying Hamas planned to attack.",
                "2001-12-20"
            ),
            vec!["2001-12-18"]
        );
        assert_eq!(
            values("Monday's storms damaged homes.", "2001-12-05"),
            vec!["2001-12-03"]
        );
    }

    #[test]
    fn parts_of_day_and_clock_times() {
        assert_eq!(
            values("Work resumed this morning.", "2001-12-03"),
            vec!["2001-12-03TMO"]
        );
        assert_eq!(
            values("Storms struck last night.", "2001-12-03"),
            vec!["2001-12-02TNI"]
        );
        assert_eq!(
            values("A quake hit overnight.", "2001-12-03"),
            vec!["2001-12-02TNI"]
        );
        assert_eq!(
            values("Sharon spoke on Monday evening.", "2001-12-05"),
            vec!["2001-12-03TEV"]
        );
        assert_eq!(
            values(
                "Fires were put out around 7:30pm AEDT yesterday.",
                "2001-12-28"
            ),
            vec!["2001-12-27T19:30", "2001-12-27"]
        );
        assert_eq!(
            values("The fire started at 6:30am on Tuesday.", "2001-12-20"),
            vec!["2001-12-18T06:30", "2001-12-18"]
        );
        assert_eq!(
            values("The call starts at 10 a.m. Nov. 29, 2016.", "2016-11-28"),
            vec!["2016-11-29T10:00", "2016-11-29"]
        );
        assert_eq!(
            values("They resume at 11am.", "2001-12-10"),
            vec!["2001-12-10T11:00"]
        );
    }

    #[test]
    fn ranges_and_ordinals() {
        assert_eq!(
            values("the January 4-6 summit in Nepal", "2001-12-30"),
            vec!["2002-01-04/2002-01-06"]
        );
        assert_eq!(
            values("a live-fire exercise October 25-26, 2016", "2016-10-28"),
            vec!["2016-10-25/2016-10-26"]
        );
        assert_eq!(
            values("He will travel to Turkey November 16 - 17.", "2015-11-13"),
            vec!["2015-11-16/2015-11-17"]
        );
        assert_eq!(
            values("ISIL seized the tanks between 11-13 Dec.", "2016-12-16"),
            vec!["2016-12-11/2016-12-13"]
        );
        assert_eq!(
            values("the battle from July to November 1917", "2001-12-10"),
            vec!["1917-07/1917-11"]
        );
        assert_eq!(
            values("September the eleventh changed him.", "2001-12-24"),
            vec!["2001-09-11"]
        );
        assert_eq!(
            values("the aftermath of September 11's attacks", "2001-12-27"),
            vec!["2001-09-11"]
        );
    }

    #[test]
    fn durations_are_not_dates() {
        let kinds = |s: &str| {
            run(s, "2001-12-20")
                .into_iter()
                .map(|x| (x.1.unwrap_or_default(), x.2))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            kinds("It ends four years of recession."),
            vec![("P4Y".to_string(), "duration".to_string())]
        );
        assert_eq!(kinds("over the past 18 months")[0].0, "P18M");
        assert_eq!(kinds("for nearly 24 hours")[0].0, "PT24H");
        assert_eq!(kinds("a week-long exercise")[0].0, "P1W");
        assert_eq!(kinds("a 12 day mission")[0].0, "P12D");
        assert_eq!(kinds("violence in the last week")[0].0, "P1W");
        assert_eq!(kinds("He ruled for 32 years before he fell.")[0].0, "P32Y");
        // an age is neither
        assert!(kinds("A 38-year-old man died.").is_empty());
        // "in N days" in the future is a date
        assert_eq!(
            values("He will play in 10 days.", "2001-12-04"),
            vec!["2001-12-14"]
        );
    }

    #[test]
    fn bare_years_and_possessives() {
        assert_eq!(
            values("the 1999 canyoning accident", "2001-12-20"),
            vec!["1999"]
        );
        assert_eq!(
            values("He won in 1995 and 2000.", "2001-12-20"),
            vec!["1995", "2000"]
        );
        assert!(values("about 2000 people fled", "2001-12-20").is_empty());
        assert!(values("2000 troops arrived", "2001-12-20").is_empty());
        assert_eq!(values("next month's Open", "2001-12-30"), vec!["2002-01"]);
        assert_eq!(values("this week's Test", "2001-12-31"), vec!["2002-W01"]);
        assert_eq!(
            values("Firefighters fear the weekend's heat.", "2001-12-29"),
            vec!["2001-W52"]
        );
        assert_eq!(
            values("He thought it over at the weekend.", "2001-12-03"),
            vec!["2001-W48"]
        );
    }
}

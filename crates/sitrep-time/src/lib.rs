//! Time expressions and numbers.
//!
//! [`tag`] finds time expressions in a sentence and normalises them against
//! the document date: absolute dates with or without a year, weekdays with a
//! direction taken from the words around them and the tense of the sentence,
//! ordinals in words ("the ninth of October"), relative days, weeks, months
//! and years, clock times, "since X" open ranges, and durations (recognised,
//! never turned into dates). [`numbers`] reads cardinals written in digits or
//! words, with the spacing variants news copy produces ("5, 000").
//!
//! Values follow TIMEX3: `2001-12-03`, `2001-12`, `2001`, `2001-W49` (ISO
//! week), parts of day as `2001-12-03TMO` (`TAF`, `TEV`, `TNI`), clock times
//! as `2001-12-03T06:30`, ranges as `start/end`, durations as `P30Y`,
//! `PT24H`. A date written without a year takes the year its clause's tense
//! points to; with no tense marker, or when it names an event ("the
//! December 13 attack"), the year that puts it nearest the document date.

pub mod numbers;
mod tagger;
mod words;

pub use tagger::{tag, tag_tokens, Tense};
pub use words::{date_from_url, month_from_word, parse_date_str, weekday_from_word};

use chrono::{Datelike, NaiveDate};
use sitrep_model::DatePrecision;

/// Turn a TIMEX value into a date (the first day of the period) and its
/// precision. A week (`2020-W41`) resolves to its Monday; since no day is
/// known its precision is reported as `month`, the next coarser one. A range
/// (`2002-01-04/2002-01-06`) resolves to its start; a part of day or clock
/// time (`2001-12-03TMO`, `2001-12-03T06:30`) to its day.
pub fn value_to_date(value: &str) -> Option<(NaiveDate, DatePrecision)> {
    let v = value.split('/').next().unwrap_or(value);
    let v = v.split('T').next().unwrap_or(v);
    if let Ok(d) = NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        return Some((d, DatePrecision::Day));
    }
    if let Some((y, w)) = v.split_once("-W") {
        let y: i32 = y.parse().ok()?;
        let w: u32 = w.parse().ok()?;
        let d = NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)?;
        return Some((d, DatePrecision::Month));
    }
    if v.len() == 7 {
        let d = NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d").ok()?;
        return Some((d, DatePrecision::Month));
    }
    if v.len() == 4 {
        let y: i32 = v.parse().ok()?;
        return Some((NaiveDate::from_ymd_opt(y, 1, 1)?, DatePrecision::Year));
    }
    None
}

/// ISO date string.
pub fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

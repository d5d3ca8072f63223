//! Time expressions and numbers.
//!
//! [`tag`] finds time expressions in a sentence and normalises them against
//! the document date: absolute dates with or without a year, weekdays with a
//! direction taken from the words around them and the tense of the sentence,
//! ordinals in words ("the ninth of October"), relative days, weeks, months
//! and years, clock times, "since X" open ranges, and durations (recognised,
//! never turned into dates). [`numbers`] reads cardinals written in digits or
//! words, with the spacing variants news copy produces ("5, 000").

pub mod numbers;
mod tagger;
mod words;

pub use tagger::{tag, tag_tokens, Tense};
pub use words::{date_from_url, month_from_word, parse_date_str, weekday_from_word};

use chrono::{Datelike, NaiveDate};
use sitrep_model::DatePrecision;

/// Turn a TIMEX value into a date (the first day of the period) and its
/// precision. A week (`2020-W41`) resolves to its Monday; since no day is
/// known its precision is reported as `month`, the next coarser one.
pub fn value_to_date(value: &str) -> Option<(NaiveDate, DatePrecision)> {
    let v = value.split('T').next().unwrap_or(value);
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

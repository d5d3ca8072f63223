//! Month, weekday and ordinal words, and parsing of standalone date strings
//! (metadata fields, date lines, URLs).

use chrono::{NaiveDate, Weekday};

pub fn month_from_word(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

pub fn weekday_from_word(w: &str) -> Option<Weekday> {
    Some(match w.trim_end_matches('.') {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// Day of month from "10", "10th", "1st", or an ordinal word ("ninth", "twenty-first").
pub fn day_from_word(w: &str) -> Option<u32> {
    let digits: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        let rest = &w[digits.len()..];
        if !(rest.is_empty() || matches!(rest, "st" | "nd" | "rd" | "th")) {
            return None;
        }
        let d: u32 = digits.parse().ok()?;
        return (1..=31).contains(&d).then_some(d);
    }
    ordinal_word(w).filter(|d| (1..=31).contains(d))
}

/// Ordinal words: "first" … "thirty-first".
pub fn ordinal_word(w: &str) -> Option<u32> {
    const UNITS: [&str; 20] = [
        "",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    if let Some(i) = UNITS.iter().position(|u| !u.is_empty() && *u == w) {
        return Some(i as u32);
    }
    match w {
        "twentieth" => return Some(20),
        "thirtieth" => return Some(30),
        _ => {}
    }
    for (tens, v) in [("twenty", 20), ("thirty", 30)] {
        if let Some(rest) = w.strip_prefix(tens) {
            let rest = rest.trim_start_matches('-');
            if let Some(i) = UNITS.iter().position(|u| !u.is_empty() && *u == rest) {
                return Some(v + i as u32);
            }
        }
    }
    None
}

/// Parse a standalone date string as found in metadata, date lines and URLs:
/// `2020-10-10`, `2020-10-10T08:00:00Z`, `10 October 2020`, `October 10, 2020`,
/// `Oct. 10, 2020`, `10/10/2020` (day first unless impossible), `20201010`,
/// RFC 2822 (`Sat, 10 Oct 2020 08:00:00 GMT`).
pub fn parse_date_str(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    // `get`, not `[..10]`: the tenth byte may fall inside a character
    // ("2020-10-1\u{FFFD}T04:00", found by fuzzing, panicked)
    if let Some(head) = s.get(..10) {
        if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
            return Some(d);
        }
        if let Ok(d) = NaiveDate::parse_from_str(head, "%Y/%m/%d") {
            return Some(d);
        }
    }
    if s.len() == 8 && s.chars().all(|c| c.is_ascii_digit()) {
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y%m%d") {
            return Some(d);
        }
    }
    // Word forms: collect day, month, year from the tokens.
    let lower = s.to_lowercase();
    let parts: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == '/' || c == '-')
        .filter(|p| !p.is_empty())
        .collect();
    let mut day = None;
    let mut month = None;
    let mut year = None;
    let mut numeric: Vec<u32> = Vec::new();
    for p in &parts {
        if let Some(m) = month_from_word(p) {
            month.get_or_insert(m);
            continue;
        }
        if weekday_from_word(p).is_some() {
            continue;
        }
        if p.len() == 4 && p.chars().all(|c| c.is_ascii_digit()) {
            let y: i32 = p.parse().ok()?;
            if (1900..=2100).contains(&y) {
                year.get_or_insert(y);
            }
            continue;
        }
        if p.contains(':') {
            continue; // a clock time
        }
        if let Some(d) = day_from_word(p) {
            numeric.push(d);
        }
    }
    if month.is_some() {
        day = numeric.first().copied();
    } else if numeric.len() >= 2 {
        // numeric date: day first, month second (European), unless impossible
        let (a, b) = (numeric[0], numeric[1]);
        if b <= 12 {
            day = Some(a);
            month = Some(b);
        } else if a <= 12 {
            day = Some(b);
            month = Some(a);
        }
    }
    match (year, month, day) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d),
        (Some(y), Some(m), None) => NaiveDate::from_ymd_opt(y, m, 1),
        _ => None,
    }
}

/// Find a date in a URL path: `/2020/10/12/`, `/2020-10-12-`, `/20201012/`.
pub fn date_from_url(url: &str) -> Option<NaiveDate> {
    let path = url.split("://").nth(1).unwrap_or(url);
    let segs: Vec<&str> = path.split(['/', '?', '#']).collect();
    for w in segs.windows(3) {
        if let (Ok(y), Ok(m), Ok(d)) = (
            w[0].parse::<i32>(),
            w[1].parse::<u32>(),
            w[2].get(..2).unwrap_or("").parse::<u32>(),
        ) {
            if (1990..=2100).contains(&y) && w[0].len() == 4 {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    return Some(date);
                }
            }
        }
    }
    for seg in segs {
        let bytes = seg.as_bytes();
        for i in 0..seg.len().saturating_sub(9) {
            if !seg.is_char_boundary(i) || !seg.is_char_boundary(i + 10) {
                continue;
            }
            let cand = &seg[i..i + 10];
            if bytes[i].is_ascii_digit() && cand.as_bytes()[4] == b'-' {
                if let Ok(d) = NaiveDate::parse_from_str(cand, "%Y-%m-%d") {
                    if (1990..=2100).contains(&chrono::Datelike::year(&d)) {
                        return Some(d);
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, dd)
    }

    #[test]
    fn date_strings() {
        assert_eq!(parse_date_str("2020-10-10T08:00:00Z"), d(2020, 10, 10));
        assert_eq!(parse_date_str("10 October 2020"), d(2020, 10, 10));
        assert_eq!(parse_date_str("October 10, 2020"), d(2020, 10, 10));
        assert_eq!(
            parse_date_str("Sat, 10 Oct 2020 08:00:00 GMT"),
            d(2020, 10, 10)
        );
        assert_eq!(parse_date_str("Oct. 10th, 2020"), d(2020, 10, 10));
        assert_eq!(parse_date_str("10/12/2020"), d(2020, 12, 10));
        assert_eq!(parse_date_str("20201207"), d(2020, 12, 7));
        assert_eq!(parse_date_str("no date here"), None);
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            date_from_url("https://x.test/world/2020/10/12/ceasefire-holds"),
            d(2020, 10, 12)
        );
        assert_eq!(
            date_from_url("https://x.test/news/2020-11-10-peace-deal.html"),
            d(2020, 11, 10)
        );
        assert_eq!(date_from_url("https://x.test/news/article-12345"), None);
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal_word("ninth"), Some(9));
        assert_eq!(ordinal_word("twenty-first"), Some(21));
        assert_eq!(day_from_word("27th"), Some(27));
        assert_eq!(day_from_word("32"), None);
    }
}

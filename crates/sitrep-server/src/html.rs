//! HTML building blocks: escaping, the page frame, the filter form, event
//! rows and the timeline chart.

use crate::filter::Params;
use axum::http::StatusCode;
use sitrep_model::{Actor, Event, NamedSpan};
use sitrep_store::DayCount;
use std::fmt::Write;

/// Escape text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encode one path segment or query value.
pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

const NAV: &[(&str, &str)] = &[
    ("/", "Stories"),
    ("/timeline", "Timeline"),
    ("/events", "Events"),
    ("/map", "Map"),
    ("/network", "Network"),
];

/// The page frame. `params` carries the current filter into the navigation.
pub fn page(title: &str, active: &str, params: &Params, body: &str) -> String {
    let q = params.without_paging().query_string();
    let mut nav = String::new();
    for (href, label) in NAV {
        let _ = write!(
            nav,
            r#"<a href="{}{}"{}>{}</a>"#,
            href,
            esc(&q),
            if *href == active {
                r#" class="active" aria-current="page""#
            } else {
                ""
            },
            label
        );
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{} · sitrep</title><link rel="stylesheet" href="/assets/style.css"><link rel="icon" href="data:,">
<script src="/assets/app.js" defer></script></head>
<body><header><a class="brand" href="/">sitrep</a><nav>{nav}</nav><a class="api" href="/api/openapi.json">API</a></header>
<main>{body}</main>
<footer>Events coded by sitrep from the stored documents. Every event links to the sentences it was read from. Map outlines: Natural Earth (public domain) via world-atlas.</footer>
</body></html>"#,
        esc(title)
    )
}

pub fn error_page(status: StatusCode, message: &str) -> String {
    page(
        status.canonical_reason().unwrap_or("Error"),
        "",
        &Params::default(),
        &format!(
            r#"<h1>{} {}</h1><p class="error">{}</p><p><a href="/">Start again</a></p>"#,
            status.as_u16(),
            esc(status.canonical_reason().unwrap_or("")),
            esc(message)
        ),
    )
}

/// The filter form; submits to `action` keeping the other views' filters.
pub fn filter_form(action: &str, p: &Params) -> String {
    let v = |o: &Option<String>| esc(o.as_deref().unwrap_or(""));
    format!(
        r#"<form class="filters" method="get" action="{action}" id="filters">
<label>From <input type="date" name="since" value="{}"></label>
<label>To <input type="date" name="until" value="{}"></label>
<label>Actor <input name="actor" value="{}" placeholder="ARMGOV, AZE, person:…" size="14"></label>
<label>Country <input name="country" value="{}" placeholder="ARM" size="4" maxlength="3"></label>
<label>CAMEO <input name="cameo" value="{}" placeholder="19, 042" size="5" maxlength="4"></label>
<label>PLOVER <input name="plover" value="{}" placeholder="ASSAULT" size="9"></label>
<label>Story <input name="story" value="{}" size="8"></label>
<label>Text <input type="search" name="text" value="{}" placeholder="full-text query" size="14"></label>
<input type="hidden" name="doc" value="{}">
<button type="submit">Filter</button> <a href="{action}">clear</a>
</form>"#,
        v(&p.since),
        v(&p.until),
        v(&p.actor),
        v(&p.country),
        v(&p.cameo),
        v(&p.plover),
        v(&p.story),
        v(&p.text),
        v(&p.doc),
    )
}

pub fn actor_html(a: &Option<Actor>) -> String {
    actor_or_name_html(a, None)
}

/// An actor, or the words naming one no dictionary codes.
pub fn actor_or_name_html(a: &Option<Actor>, uncoded: Option<&NamedSpan>) -> String {
    match a {
        None => match uncoded {
            Some(n) => format!(
                r#"<span class="actor uncoded" title="named in the text; no dictionary codes it">{}</span>"#,
                esc(&n.text)
            ),
            None => r#"<span class="none">—</span>"#.into(),
        },
        Some(a) => format!(
            r#"<a class="actor" href="/events?actor={}" title="{}">{}</a> <code>{}</code>"#,
            enc(&a.id),
            esc(&a.id),
            esc(if a.name.is_empty() { &a.text } else { &a.name }),
            esc(&a.code)
        ),
    }
}

pub fn quad_class_name(q: u8) -> &'static str {
    match q {
        1 => "verbal cooperation",
        2 => "material cooperation",
        3 => "verbal conflict",
        4 => "material conflict",
        _ => "other",
    }
}

/// One line of the event table.
pub fn event_row(e: &Event) -> String {
    let place = e
        .location
        .as_ref()
        .map(|p| esc(&p.name))
        .unwrap_or_default();
    format!(
        r#"<tr class="event q{q}" data-href="/event/{id}"><td class="date">{date}</td><td>{src}</td><td><a href="/event/{id}" class="cameo" title="{lab}"><code>{code}</code> {lab}</a>{modality}</td><td>{tgt}</td><td>{plover}</td><td>{place}</td><td class="num">{g:+.1}</td></tr>"#,
        q = e.cameo.quad_class,
        id = enc(&e.event_id),
        date = e
            .date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "undated".into()),
        src = actor_or_name_html(&e.source, e.uncoded_source.as_ref()),
        tgt = actor_or_name_html(&e.target, e.uncoded_target.as_ref()),
        code = esc(&e.cameo.code),
        lab = esc(&e.cameo.label),
        modality = if e.modality.as_str() == "asserted" {
            String::new()
        } else {
            format!(r#" <span class="modality">{}</span>"#, e.modality.as_str())
        },
        plover = esc(e.plover.event.as_deref().unwrap_or("")),
        g = e.cameo.goldstein,
    )
}

pub const EVENT_TABLE_HEAD: &str = r#"<table class="events"><thead><tr><th>Date</th><th>Source</th><th>Event (CAMEO)</th><th>Target</th><th>PLOVER</th><th>Place</th><th title="Goldstein score">G</th></tr></thead><tbody>"#;

/// A bar chart of events per day on a continuous time axis (days without
/// events leave gaps), stacked by QuadClass. Undated events are not drawn.
pub fn day_chart(days: &[DayCount], link: &dyn Fn(&str) -> String) -> String {
    use chrono::NaiveDate;
    let dated: Vec<(NaiveDate, &DayCount)> = days
        .iter()
        .filter_map(|d| {
            let date = NaiveDate::parse_from_str(d.date.as_deref()?, "%Y-%m-%d").ok()?;
            Some((date, d))
        })
        .collect();
    let (Some(first), Some(last)) = (
        dated.iter().map(|d| d.0).min(),
        dated.iter().map(|d| d.0).max(),
    ) else {
        return String::new();
    };
    let span = (last - first).num_days() as f64 + 1.0;
    let max = dated.iter().map(|d| d.1.events).max().unwrap_or(1).max(1) as f64;
    let (h, plot_w, left) = (120.0, 1060.0, 34.0);
    let step = (plot_w / span).min(18.0);
    let bw = (step * 0.8).max(1.0);
    let width = left + span * step + 10.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="day-chart" viewBox="0 0 {width:.0} {}" width="{width:.0}" height="{}" role="img" aria-label="Events per day">"#,
        h + 36.0,
        h + 36.0
    );
    for (date, d) in &dated {
        let x = left + (*date - first).num_days() as f64 * step;
        let mut y = h + 5.0;
        let day = date.to_string();
        let _ = write!(s, r#"<a href="{}">"#, esc(&link(&day)));
        let other = d.events.saturating_sub(d.quad.iter().sum::<u64>());
        for (q, n) in d
            .quad
            .iter()
            .enumerate()
            .chain(std::iter::once((4, &other)))
        {
            if *n == 0 {
                continue;
            }
            let bh = *n as f64 / max * h;
            y -= bh;
            let _ = write!(
                s,
                r#"<rect class="q{}" x="{x:.1}" y="{y:.1}" width="{bw:.1}" height="{bh:.1}"/>"#,
                q + 1
            );
        }
        let _ = write!(s, r#"<title>{day}: {} events</title></a>"#, d.events);
    }
    // axis labels: the first day, then each first of a month (or week, for short spans)
    let mut last_x = f64::MIN;
    for i in 0..span as i64 {
        let Some(date) = first.checked_add_signed(chrono::TimeDelta::days(i)) else {
            break;
        };
        let x = left + (date - first).num_days() as f64 * step;
        let mark = date == first
            || if span <= 62.0 {
                date.format("%u").to_string() == "1"
            } else {
                date.format("%d").to_string() == "01"
            };
        if mark && x - last_x > 40.0 {
            let _ = write!(
                s,
                r#"<text x="{x:.1}" y="{}">{}</text><line x1="{x:.1}" y1="{}" x2="{x:.1}" y2="{}" class="axis"/>"#,
                h + 20.0,
                date.format("%-d %b %Y"),
                h + 5.0,
                h + 9.0
            );
            last_x = x;
        }
    }
    let _ = write!(
        s,
        r#"<text x="0" y="12">{}</text><line x1="{left}" y1="{}" x2="{width:.0}" y2="{}" class="axis"/></svg>"#,
        max as u64,
        h + 5.0,
        h + 5.0
    );
    s
}

pub fn legend() -> &'static str {
    r#"<p class="legend"><span class="sw q1"></span>verbal cooperation <span class="sw q2"></span>material cooperation <span class="sw q3"></span>verbal conflict <span class="sw q4"></span>material conflict</p>"#
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_encoding() {
        assert_eq!(
            esc(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(
            enc("person:armen sarkissian/é"),
            "person%3Aarmen%20sarkissian%2F%C3%A9"
        );
    }

    #[test]
    fn an_uncoded_actor_shows_its_words() {
        let n = NamedSpan {
            text: "Minerva <McGonagall>".into(),
            start: 0,
            end: 20,
        };
        let h = actor_or_name_html(&None, Some(&n));
        assert!(
            h.contains("uncoded") && h.contains("Minerva &lt;McGonagall&gt;"),
            "{h}"
        );
        assert!(actor_html(&None).contains("none"));
    }
}

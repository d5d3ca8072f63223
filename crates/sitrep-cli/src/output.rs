//! Flat (CSV/TSV) rows and human-readable explanations.

use sitrep_model::{Actor, Event};
use std::io::Write;

/// Columns of the flat event table, in order (documented in docs/FORMATS.md).
pub const EVENT_COLUMNS: &[&str] = &[
    "event_id",
    "doc_id",
    "date",
    "date_precision",
    "source_id",
    "source_code",
    "source_country",
    "source_sector",
    "source_name",
    "target_id",
    "target_code",
    "target_country",
    "target_sector",
    "target_name",
    "cameo_code",
    "cameo_base",
    "cameo_root",
    "goldstein",
    "quad_class",
    "plover_event",
    "plover_mode",
    "modality",
    "location_name",
    "location_country",
    "lat",
    "lon",
    "geo_precision",
    "confidence",
    "num_mentions",
    "sentence",
    "text",
];

fn actor_cols(a: &Option<Actor>) -> [String; 5] {
    match a {
        Some(a) => [
            a.id.clone(),
            a.code.clone(),
            a.country.clone().unwrap_or_default(),
            a.sector.clone().unwrap_or_default(),
            a.name.clone(),
        ],
        None => Default::default(),
    }
}

pub fn event_row(e: &Event) -> Vec<String> {
    let mut row = vec![
        e.event_id.clone(),
        e.doc_id.clone(),
        e.date.map(|d| d.to_string()).unwrap_or_default(),
        serde_json::to_value(e.date_precision)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
    ];
    row.extend(actor_cols(&e.source));
    row.extend(actor_cols(&e.target));
    row.extend([
        e.cameo.code.clone(),
        e.cameo.base.clone(),
        e.cameo.root.clone(),
        format!("{}", e.cameo.goldstein),
        e.cameo.quad_class.to_string(),
        e.plover.event.clone().unwrap_or_default(),
        e.plover.mode.clone().unwrap_or_default(),
        e.modality.as_str().to_string(),
    ]);
    match &e.location {
        Some(p) => row.extend([
            p.name.clone(),
            p.country.clone().unwrap_or_default(),
            p.lat.map(|v| v.to_string()).unwrap_or_default(),
            p.lon.map(|v| v.to_string()).unwrap_or_default(),
            serde_json::to_value(p.precision)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
        ]),
        None => row.extend(std::iter::repeat_n(String::new(), 5)),
    }
    row.push(format!("{}", e.confidence));
    row.push(e.mentions.len().to_string());
    let m = e.mentions.first();
    row.push(m.map(|m| m.sentence.to_string()).unwrap_or_default());
    row.push(m.map(|m| m.text.clone()).unwrap_or_default());
    row
}

/// Write one row, quoting fields as RFC 4180 (CSV) or escaping tabs and newlines (TSV).
pub fn write_row(out: &mut dyn Write, row: &[String], sep: u8) -> std::io::Result<()> {
    for (i, f) in row.iter().enumerate() {
        if i > 0 {
            out.write_all(&[sep])?;
        }
        if sep == b'\t' {
            let clean: String = f
                .chars()
                .map(|c| {
                    if c == '\t' || c == '\n' || c == '\r' {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            out.write_all(clean.as_bytes())?;
        } else if f.contains([',', '"', '\n', '\r']) {
            out.write_all(b"\"")?;
            out.write_all(f.replace('"', "\"\"").as_bytes())?;
            out.write_all(b"\"")?;
        } else {
            out.write_all(f.as_bytes())?;
        }
    }
    out.write_all(b"\n")
}

pub fn write_explanation(out: &mut dyn Write, e: &Event) -> std::io::Result<()> {
    let x = &e.explanation;
    let who = |a: &Option<Actor>| {
        a.as_ref()
            .map(|a| format!("{} [{}]", a.text, a.code))
            .unwrap_or_else(|| "—".into())
    };
    writeln!(
        out,
        "event {} (document {}, sentence {})",
        e.event_id,
        e.doc_id,
        e.mentions.first().map(|m| m.sentence).unwrap_or(0)
    )?;
    writeln!(out, "  sentence:  {}", x.sentence)?;
    writeln!(
        out,
        "  predicate: {:?} at bytes {}..{}",
        x.predicate, x.predicate_start, x.predicate_end
    )?;
    writeln!(out, "  pattern:   {}", x.pattern)?;
    writeln!(
        out,
        "  coded:     {} → {}  CAMEO {} ({}), Goldstein {}, QuadClass {}, PLOVER {} {}",
        who(&e.source),
        who(&e.target),
        e.cameo.code,
        e.cameo.label,
        e.cameo.goldstein,
        e.cameo.quad_class,
        e.plover.event.as_deref().unwrap_or("-"),
        e.plover.mode.as_deref().unwrap_or("")
    )?;
    writeln!(
        out,
        "  modality:  {}{}",
        e.modality.as_str(),
        e.claimant
            .as_ref()
            .map(|c| format!(" (claimant {} [{}])", c.text, c.code))
            .unwrap_or_default()
    )?;
    writeln!(
        out,
        "  date:      {} ({:?})",
        e.date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "unknown".into()),
        e.date_source
    )?;
    for r in &x.rules {
        writeln!(out, "  rule:      {r}")?;
    }
    writeln!(out)
}

fn cell(s: &str, w: usize) -> String {
    let mut out: String = s.chars().take(w).collect();
    let n = out.chars().count();
    out.extend(std::iter::repeat_n(' ', w - n));
    out
}

pub fn table_header() -> String {
    format!(
        "{} {} {} {} {} {} {}",
        cell("date", 10),
        cell("source", 12),
        cell("target", 12),
        cell("cameo", 5),
        cell("event", 34),
        cell("modality", 10),
        "where / document"
    )
}

pub fn table_row(e: &Event) -> String {
    let code = |a: &Option<Actor>| {
        a.as_ref()
            .map(|a| a.code.clone())
            .unwrap_or_else(|| "-".into())
    };
    let place = e
        .location
        .as_ref()
        .map(|p| p.name.clone())
        .unwrap_or_default();
    format!(
        "{} {} {} {} {} {} {}{}{}",
        cell(
            &e.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
            10
        ),
        cell(&code(&e.source), 12),
        cell(&code(&e.target), 12),
        cell(&e.cameo.code, 5),
        cell(&e.cameo.label, 34),
        cell(e.modality.as_str(), 10),
        place,
        if place.is_empty() { "" } else { " / " },
        e.doc_id
    )
}

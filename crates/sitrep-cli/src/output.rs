//! Flat (CSV/TSV) rows and human-readable explanations.

use sitrep_model::{Actor, Event};
use std::io::Write;

/// Columns of the flat event table, in order (documented in docs/FORMATS.md).
pub use sitrep_export::flat::COLUMNS as EVENT_COLUMNS;

/// One row of the flat event table.
pub fn event_row(e: &Event) -> Vec<String> {
    sitrep_export::flat::row(e)
}

/// Write one row, quoting fields as RFC 4180 (CSV) or escaping tabs and newlines (TSV).
pub fn write_row(out: &mut dyn Write, row: &[String], sep: u8) -> std::io::Result<()> {
    // one writer for the CLI and the exports: formula cells neutralised,
    // TSV fields never opening a quoted field
    sitrep_export::common::write_row(out, row, sep)
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
    // an actor no dictionary codes shows its words, marked with "~"
    let code = |a: &Option<Actor>, n: &Option<sitrep_model::NamedSpan>| {
        a.as_ref()
            .map(|a| a.code.clone())
            .or_else(|| n.as_ref().map(|n| format!("~{}", n.text)))
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
        cell(&code(&e.source, &e.uncoded_source), 12),
        cell(&code(&e.target, &e.uncoded_target), 12),
        cell(&e.cameo.code, 5),
        cell(&e.cameo.label, 34),
        cell(e.modality.as_str(), 10),
        place,
        if place.is_empty() { "" } else { " / " },
        e.doc_id
    )
}

//! sitrep's own flat event table (the columns of `sitrep events --format csv`).

use crate::common::*;
use sitrep_model::{Actor, Event, NamedSpan};

pub const COLUMNS: &[&str] = &[
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

/// An actor's columns; an actor no dictionary codes has its words as the
/// name and no code.
fn actor(a: &Option<Actor>, uncoded: Option<&NamedSpan>) -> [String; 5] {
    match a {
        Some(a) => [
            a.id.clone(),
            a.code.clone(),
            a.country.clone().unwrap_or_default(),
            a.sector.clone().unwrap_or_default(),
            a.name.clone(),
        ],
        None => {
            let mut cols: [String; 5] = Default::default();
            cols[4] = uncoded.map(|n| n.text.clone()).unwrap_or_default();
            cols
        }
    }
}

pub fn date_precision(e: &Event) -> &'static str {
    match e.date_precision {
        sitrep_model::DatePrecision::Day => "day",
        sitrep_model::DatePrecision::Month => "month",
        sitrep_model::DatePrecision::Year => "year",
        sitrep_model::DatePrecision::None => "none",
    }
}

pub fn row(e: &Event) -> Vec<String> {
    let mut r = vec![
        e.event_id.clone(),
        e.doc_id.clone(),
        opt(e.date),
        date_precision(e).into(),
    ];
    r.extend(actor(&e.source, e.uncoded_source.as_ref()));
    r.extend(actor(&e.target, e.uncoded_target.as_ref()));
    r.extend([
        e.cameo.code.clone(),
        e.cameo.base.clone(),
        e.cameo.root.clone(),
        format!("{}", e.cameo.goldstein),
        e.cameo.quad_class.to_string(),
        e.plover.event.clone().unwrap_or_default(),
        e.plover.mode.clone().unwrap_or_default(),
        e.modality.as_str().into(),
    ]);
    match &e.location {
        Some(p) => r.extend([
            p.name.clone(),
            p.country.clone().unwrap_or_default(),
            opt(p.lat),
            opt(p.lon),
            precision_name(p.precision).into(),
        ]),
        None => r.extend(std::iter::repeat_n(String::new(), 5)),
    }
    r.push(format!("{}", e.confidence));
    r.push(e.mentions.len().to_string());
    let m = e.mentions.first();
    r.push(opt(m.map(|m| m.sentence)));
    r.push(m.map(|m| m.text.clone()).unwrap_or_default());
    r
}

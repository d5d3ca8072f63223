//! GDELT 2.0 event table (61 columns) and mentions table (16 columns).

use crate::codes::{country, split_actor_code};
use crate::common::*;
use sitrep_model::{Actor, Event, GeoPrecision, NamedSpan, Place};
use sitrep_store::DocMeta;

pub const EVENT_COLUMNS: &[&str] = &[
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

pub const MENTION_COLUMNS: &[&str] = &[
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
];

/// An actor's columns; an actor no dictionary codes has its words as the
/// name and no code.
fn actor_cols(a: &Option<Actor>, uncoded: Option<&NamedSpan>) -> [String; 10] {
    let Some(a) = a else {
        let mut cols: [String; 10] = Default::default();
        cols[1] = uncoded.map(|n| n.text.clone()).unwrap_or_default();
        return cols;
    };
    let p = split_actor_code(&a.code, a.country.as_deref());
    let ty = |i: usize| p.types.get(i).cloned().unwrap_or_default();
    [
        a.code.clone(),
        a.name.clone(),
        p.country.clone(),
        p.known_group.clone(),
        p.ethnic.clone(),
        p.religion1.clone(),
        p.religion2.clone(),
        ty(0),
        ty(1),
        ty(2),
    ]
}

/// GDELT geographic type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
pub fn geo_type(p: &Place) -> u8 {
    let us = p.country.as_deref() == Some("USA");
    match (p.precision, us) {
        (GeoPrecision::Country, _) => 1,
        (GeoPrecision::Admin1, true) => 2,
        (GeoPrecision::Admin1, false) => 5,
        (GeoPrecision::Place, true) => 3,
        (GeoPrecision::Place, false) => 4,
    }
}

/// GDELT's full place name: "Place, Admin1, Country".
fn full_name(p: &Place) -> String {
    let mut parts: Vec<String> = vec![p.name.clone()];
    if p.precision == GeoPrecision::Place {
        if let Some(a) = p.admin1.as_deref().filter(|a| *a != p.name) {
            parts.push(a.to_string());
        }
    }
    if p.precision != GeoPrecision::Country {
        if let Some(c) = p.country.as_deref().and_then(country) {
            parts.push(c.name.clone());
        }
    }
    parts.join(", ")
}

fn geo_cols(p: Option<&Place>) -> [String; 8] {
    let Some(p) = p else {
        // GDELT writes type 0 and empty fields when it has no location
        let mut v: [String; 8] = Default::default();
        v[0] = "0".into();
        return v;
    };
    let fips = p
        .country
        .as_deref()
        .and_then(country)
        .map(|c| c.fips.clone())
        .unwrap_or_default();
    // ADM1Code is FIPS country + FIPS admin1: only the country part is known,
    // and GDELT gives a country-level match its country code there.
    let adm1 = if p.precision == GeoPrecision::Country {
        fips.clone()
    } else {
        String::new()
    };
    let feature = match p.precision {
        GeoPrecision::Country => fips.clone(),
        _ => opt(p.geonameid),
    };
    [
        geo_type(p).to_string(),
        full_name(p),
        fips,
        adm1,
        String::new(),
        coord(p.lat),
        coord(p.lon),
        feature,
    ]
}

/// One row of the event table.
pub fn event_row(e: &Event, meta: &DocMeta) -> Vec<String> {
    let mut row = Vec::with_capacity(EVENT_COLUMNS.len());
    row.push(numeric_id(&e.event_id).to_string());
    match e.date {
        Some(d) => row.extend([
            yyyymmdd(d),
            d.format("%Y%m").to_string(),
            d.format("%Y").to_string(),
            fraction_date(d),
        ]),
        None => row.extend(std::iter::repeat_n(String::new(), 4)),
    }
    row.extend(actor_cols(&e.source, e.uncoded_source.as_ref()));
    row.extend(actor_cols(&e.target, e.uncoded_target.as_ref()));
    let lead = e.mentions.first().is_some_and(|m| m.sentence == 0);
    let articles = {
        let mut docs: Vec<&str> = e.mentions.iter().map(|m| m.doc_id.as_str()).collect();
        docs.sort_unstable();
        docs.dedup();
        docs.len().max(1)
    };
    row.extend([
        if lead { "1" } else { "0" }.to_string(),
        e.cameo.code.clone(),
        e.cameo.base.clone(),
        e.cameo.root.clone(),
        e.cameo.quad_class.to_string(),
        format!("{}", e.cameo.goldstein),
        e.mentions.len().max(1).to_string(),
        // one document is one outlet: sources = articles
        articles.to_string(),
        articles.to_string(),
        String::new(),
    ]);
    row.extend(geo_cols(None));
    row.extend(geo_cols(None));
    row.extend(geo_cols(e.location.as_ref()));
    row.push(timestamp14(&meta.ingested_at));
    row.push(source_url(meta));
    row
}

/// The rows of the mentions table for one event: one per sentence reporting it.
pub fn mention_rows(e: &Event, meta: &DocMeta, text: &str) -> Vec<Vec<String>> {
    let gid = numeric_id(&e.event_id).to_string();
    let added = timestamp14(&meta.ingested_at);
    let chars = |b: usize| -> String {
        char_offset(text, b)
            .map(|c| c.to_string())
            .unwrap_or_else(|| "-1".into())
    };
    let doc_len = text.chars().count().to_string();
    let confidence = ((e.confidence * 100.0).round() as i64)
        .clamp(0, 100)
        .to_string();
    let in_sentence = |a: &Option<Actor>, m_start: usize, m_end: usize| -> String {
        match a {
            Some(a) if a.end > a.start && a.start >= m_start && a.end <= m_end => chars(a.start),
            _ => "-1".into(),
        }
    };
    e.mentions
        .iter()
        .map(|m| {
            let x = &e.explanation;
            let action = if x.predicate_end > x.predicate_start
                && x.predicate_start >= m.start
                && x.predicate_end <= m.end
            {
                chars(x.predicate_start)
            } else {
                chars(m.start)
            };
            vec![
                gid.clone(),
                added.clone(),
                added.clone(),
                "1".into(),
                outlet(meta),
                source_url(meta),
                (m.sentence + 1).to_string(),
                in_sentence(&e.source, m.start, m.end),
                in_sentence(&e.target, m.start, m.end),
                action,
                "1".into(),
                confidence.clone(),
                doc_len.clone(),
                String::new(),
                String::new(),
                String::new(),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample_event;

    #[test]
    fn event_row_has_61_columns_in_gdelt_order() {
        let e = sample_event();
        let meta = DocMeta {
            doc_id: "kb-1".into(),
            url: Some("https://example.org/a".into()),
            ingested_at: "2026-11-23T14:45:00Z".into(),
            ..Default::default()
        };
        let r = event_row(&e, &meta);
        assert_eq!(r.len(), 61);
        assert_eq!(EVENT_COLUMNS.len(), 61);
        let col = |n: &str| r[EVENT_COLUMNS.iter().position(|c| *c == n).unwrap()].clone();
        assert_eq!(col("SQLDATE"), "20201008");
        assert_eq!(col("MonthYear"), "202010");
        assert_eq!(col("Actor1Code"), "AZEMIL");
        assert_eq!(col("Actor1CountryCode"), "AZE");
        assert_eq!(col("Actor1Type1Code"), "MIL");
        assert_eq!(col("Actor2CountryCode"), "ARM");
        assert_eq!(col("EventRootCode"), "19");
        assert_eq!(col("QuadClass"), "4");
        assert_eq!(col("IsRootEvent"), "0");
        assert_eq!(col("Actor1Geo_Type"), "0");
        assert_eq!(col("ActionGeo_Type"), "4");
        assert_eq!(col("ActionGeo_CountryCode"), "AJ");
        assert_eq!(col("ActionGeo_FullName"), "Ganja, Azerbaijan");
        assert_eq!(col("DATEADDED"), "20261123144500");
        assert_eq!(col("SOURCEURL"), "https://example.org/a");
        assert_eq!(col("AvgTone"), "");
        // a source no dictionary codes: its words as the name, no code
        let mut e = e;
        e.source = None;
        e.uncoded_source = Some(NamedSpan {
            text: "Azerbaijani forces".into(),
            start: 29,
            end: 47,
        });
        let r = event_row(&e, &meta);
        let col = |n: &str| r[EVENT_COLUMNS.iter().position(|c| *c == n).unwrap()].clone();
        assert_eq!(col("Actor1Code"), "");
        assert_eq!(col("Actor1Name"), "Azerbaijani forces");
    }

    #[test]
    fn mentions_use_character_offsets() {
        let e = sample_event();
        let meta = DocMeta {
            doc_id: "kb-1".into(),
            ingested_at: "2026-11-23T14:45:00Z".into(),
            ..Default::default()
        };
        let text = crate::test_support::SAMPLE_TEXT;
        let rows = mention_rows(&e, &meta, text);
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(r.len(), MENTION_COLUMNS.len());
        assert_eq!(r[6], "2"); // second sentence, 1-based
                               // "Ağdam" before the sentence: bytes and characters differ by one
        let src_byte = text.find("Azerbaijani").unwrap();
        assert_eq!(r[7], (src_byte - 1).to_string());
        let verb_byte = text.find("shelled").unwrap();
        assert_eq!(r[9], (verb_byte - 1).to_string());
        assert_eq!(r[12], text.chars().count().to_string());
        assert_eq!(r[5], "kb-1");
    }
}

//! A hand-built event for the unit tests of the formats.

use sitrep_model::*;

pub const SAMPLE_TEXT: &str = "Fighting near Ağdam went on. Azerbaijani forces shelled Armenian troops near Ganja on Thursday, killing 12 civilians.";

fn actor(id: &str, code: &str, country: &str, sector: &str, name: &str, text: &str) -> Actor {
    let start = SAMPLE_TEXT.find(text).unwrap();
    Actor {
        id: id.into(),
        code: code.into(),
        country: Some(country.into()),
        sector: Some(sector.into()),
        name: name.into(),
        text: text.into(),
        start,
        end: start + text.len(),
    }
}

pub fn sample_event() -> Event {
    let s_start = SAMPLE_TEXT.find("Azerbaijani").unwrap();
    let p_start = SAMPLE_TEXT.find("shelled").unwrap();
    let sentence = &SAMPLE_TEXT[s_start..];
    Event {
        kind: "event".into(),
        event_id: "ev-sample".into(),
        doc_id: "kb-1".into(),
        date: chrono::NaiveDate::from_ymd_opt(2020, 10, 8),
        date_precision: DatePrecision::Day,
        date_source: EventDateSource::Text,
        source: Some(actor(
            "AZEMIL",
            "AZEMIL",
            "AZE",
            "MIL",
            "Azerbaijan (military)",
            "Azerbaijani forces",
        )),
        target: Some(actor(
            "ARMMIL",
            "ARMMIL",
            "ARM",
            "MIL",
            "Armenia (military)",
            "Armenian troops",
        )),
        cameo: Cameo {
            code: "194".into(),
            base: "194".into(),
            root: "19".into(),
            goldstein: -10.0,
            quad_class: 4,
            label: "Fight with artillery and tanks".into(),
        },
        plover: Plover {
            event: Some("ASSAULT".into()),
            mode: Some("artillery".into()),
        },
        modality: Modality::Asserted,
        claimant: None,
        location: Some(Place {
            name: "Ganja".into(),
            country: Some("AZE".into()),
            admin1: Some("Ganja".into()),
            lat: Some(40.6828),
            lon: Some(46.3606),
            geonameid: Some(586523),
            precision: GeoPrecision::Place,
        }),
        confidence: 0.85,
        mentions: vec![Mention {
            doc_id: "kb-1".into(),
            sentence: 1,
            start: s_start,
            end: SAMPLE_TEXT.len(),
            text: sentence.into(),
        }],
        explanation: Explanation {
            sentence: sentence.into(),
            predicate: "shelled".into(),
            predicate_start: p_start,
            predicate_end: p_start + "shelled".len(),
            pattern: "shell → 194".into(),
            rules: vec![],
        },
        group: None,
        uncoded_source: None,
        uncoded_target: None,
    }
}

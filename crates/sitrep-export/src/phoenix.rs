//! Phoenix daily-file layout (26 tab-separated columns).

use crate::codes::split_actor_code;
use crate::common::*;
use chrono::Datelike;
use sitrep_model::{Actor, Event};
use sitrep_store::DocMeta;

pub const COLUMNS: &[&str] = &[
    "EventID",
    "Date",
    "Year",
    "Month",
    "Day",
    "SourceActorFull",
    "SourceActorEntity",
    "SourceActorRole",
    "SourceActorAttribute",
    "TargetActorFull",
    "TargetActorEntity",
    "TargetActorRole",
    "TargetActorAttribute",
    "EventCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScore",
    "Issues",
    "Lat",
    "Lon",
    "LocationName",
    "StateName",
    "CountryCode",
    "SentenceID",
    "URLs",
    "NewsSources",
];

fn actor_cols(a: &Option<Actor>) -> [String; 4] {
    let Some(a) = a else {
        return Default::default();
    };
    let p = split_actor_code(&a.code, a.country.as_deref());
    let entity = if !p.country.is_empty() {
        p.country.clone()
    } else {
        p.known_group.clone()
    };
    let attribute = if p.religion1.is_empty() {
        p.religion2.clone()
    } else {
        p.religion1.clone()
    };
    [
        a.code.clone(),
        entity,
        p.types.first().cloned().unwrap_or_default(),
        attribute,
    ]
}

pub fn row(e: &Event, meta: &DocMeta) -> Vec<String> {
    let mut r = Vec::with_capacity(COLUMNS.len());
    r.push(e.event_id.clone());
    match e.date {
        Some(d) => r.extend([
            yyyymmdd(d),
            d.year().to_string(),
            d.month().to_string(),
            d.day().to_string(),
        ]),
        None => r.extend(std::iter::repeat_n(String::new(), 4)),
    }
    r.extend(actor_cols(&e.source));
    r.extend(actor_cols(&e.target));
    r.extend([
        e.cameo.code.clone(),
        e.cameo.root.clone(),
        e.cameo.quad_class.to_string(),
        format!("{}", e.cameo.goldstein),
        String::new(),
    ]);
    match &e.location {
        Some(p) => r.extend([
            coord(p.lat),
            coord(p.lon),
            p.name.clone(),
            p.admin1.clone().unwrap_or_default(),
            p.country.clone().unwrap_or_default(),
        ]),
        None => r.extend(std::iter::repeat_n(String::new(), 5)),
    }
    let sentence = e.mentions.first().map(|m| m.sentence).unwrap_or(0);
    r.push(format!("{}_{}", e.doc_id, sentence));
    r.push(source_url(meta));
    r.push(outlet(meta));
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample_event;

    #[test]
    fn phoenix_row() {
        let meta = DocMeta {
            doc_id: "kb-1".into(),
            outlet: Some("Example News".into()),
            ..Default::default()
        };
        let r = row(&sample_event(), &meta);
        assert_eq!(r.len(), 26);
        assert_eq!(&r[1..5], &["20201008", "2020", "10", "8"]);
        assert_eq!(&r[5..9], &["AZEMIL", "AZE", "MIL", ""]);
        assert_eq!(&r[13..17], &["194", "19", "4", "-10"]);
        assert_eq!(r[20], "Ganja");
        assert_eq!(r[22], "AZE");
        assert_eq!(r[23], "kb-1_1");
        assert_eq!(r[24], "kb-1");
        assert_eq!(r[25], "Example News");
    }
}

//! PLOVER JSON records (the "Data Fields" chapter of the PLOVER manual) and
//! POLECAT's tab-separated layout.

use crate::codes::{country, split_actor_code};
use crate::common::*;
use serde_json::{json, Value};
use sitrep_model::{Actor, Event, GeoPrecision};
use sitrep_store::DocMeta;

/// PLOVER's quad categories, as the current manual assigns its categories
/// (which differs from CAMEO's QuadClass: REQUEST is verbal conflict,
/// SANCTION material conflict). Categories of earlier PLOVER drafts
/// (DISAPPROVE, INVESTIGATE, DEMAND, FIGHT, CRIME) keep their draft quads.
pub fn plover_quad(event: &str) -> Option<u8> {
    Some(match event {
        "AGREE" | "CONSULT" | "SUPPORT" | "CONCEDE" => 1,
        "COOPERATE" | "AID" | "RETREAT" | "INVESTIGATE" => 2,
        "REQUEST" | "ACCUSE" | "REJECT" | "THREATEN" | "DEMAND" | "DISAPPROVE" => 3,
        "PROTEST" | "SANCTION" | "MOBILIZE" | "COERCE" | "ASSAULT" | "FIGHT" | "CRIME" => 4,
        _ => return None,
    })
}

/// Scores of the modes of one category.
type ModeScores = &'static [(&'static str, f64)];

/// PLOVER's conflict–cooperation scores (the manual's table, from -10 to 10):
/// a category's score, and the scores of the modes that have their own.
/// The manual prints ACCUSE's category score as 3; all ACCUSE modes are
/// negative and the category is verbal conflict, so it is taken as -3.
const SCORES: &[(&str, f64, ModeScores)] = &[
    ("AGREE", 2.5, &[]),
    (
        "CONSULT",
        2.5,
        &[
            ("visit", 4.0),
            ("third-party", 1.0),
            ("multilateral", 4.0),
            ("phone", 1.5),
        ],
    ),
    ("SUPPORT", 5.0, &[]),
    ("CONCEDE", 4.5, &[]),
    ("COOPERATE", 9.5, &[]),
    ("AID", 10.0, &[]),
    (
        "RETREAT",
        6.5,
        &[
            ("withdraw", 8.0),
            ("release", 6.5),
            ("disarm", 10.0),
            ("ceasefire", 7.5),
            ("access", 6.5),
            ("resign", 4.5),
        ],
    ),
    (
        "REQUEST",
        0.0,
        &[
            ("assist", 0.5),
            ("change", -1.0),
            ("yield", -1.0),
            ("meet", 0.0),
        ],
    ),
    (
        "ACCUSE",
        -3.0,
        &[
            ("disapprove", -2.0),
            ("investigate", -3.5),
            ("allege", -3.5),
        ],
    ),
    (
        "REJECT",
        -2.0,
        &[
            ("assist", -1.5),
            ("change", -2.0),
            ("yield", -2.0),
            ("meet", -2.0),
        ],
    ),
    (
        "THREATEN",
        -3.5,
        &[
            ("restrict", -3.0),
            ("arrest", -3.5),
            ("relations", -3.5),
            ("expel", -3.5),
            ("territory", -4.0),
            ("violence", -3.5),
        ],
    ),
    (
        "PROTEST",
        -5.0,
        &[
            ("demo", -5.0),
            ("riot", -7.0),
            ("strike", -5.0),
            ("hunger", -4.5),
            ("boycott", -4.5),
            ("obstruct", -4.5),
        ],
    ),
    (
        "SANCTION",
        -6.0,
        &[
            ("convict", -6.0),
            ("expel", -5.5),
            ("withdraw", -6.0),
            ("discontinue", -6.0),
        ],
    ),
    (
        "MOBILIZE",
        -5.5,
        &[
            ("troops", -6.5),
            ("weapons", -6.5),
            ("police", -5.5),
            ("militia", -6.0),
        ],
    ),
    (
        "COERCE",
        -7.0,
        &[
            ("seize", -7.0),
            ("restrict", -7.0),
            ("censor", -6.5),
            ("curfew", -6.5),
            ("martial-law", -7.5),
            ("arrest", -7.0),
            ("deport", -7.0),
            ("withhold", -7.0),
            ("misinformation", -6.5),
            ("cyber", -7.0),
        ],
    ),
    (
        "ASSAULT",
        -9.0,
        &[
            ("abduct", -8.5),
            ("beat", -7.5),
            ("torture", -8.5),
            ("sexual", -8.5),
            ("targeted", -9.5),
            ("destroy", -8.5),
            ("primitive", -8.0),
            ("firearms", -9.0),
            ("explosives", -9.0),
            ("suicide-attack", -9.5),
            ("aerial", -9.5),
            ("drone", -9.5),
            ("heavy-weapons", -9.5),
            ("crowd-control", -7.5),
            ("unconventional", -10.0),
        ],
    ),
];

/// PLOVER's score for an event category and mode (the mode's own score when
/// the manual gives one, else the category's), or `None` for a category the
/// table does not list.
pub fn plover_score(event: &str, mode: Option<&str>) -> Option<f64> {
    let (_, base, modes) = SCORES.iter().find(|(e, _, _)| *e == event)?;
    let own = mode.and_then(|m| {
        modes
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(m))
            .map(|(_, v)| *v)
    });
    Some(own.unwrap_or(*base))
}

/// The events PLOVER and POLECAT have a category for (CAMEO 01 and 02 have none).
pub fn has_plover(e: &Event) -> bool {
    e.plover.event.is_some()
}

/// PLOVER location resolution: 4 city, 2 province, 1 country.
fn resolution(p: GeoPrecision) -> u8 {
    match p {
        GeoPrecision::Place => 4,
        GeoPrecision::Admin1 => 2,
        GeoPrecision::Country => 1,
    }
}

fn entity(a: &Actor, text: &str) -> Value {
    let p = split_actor_code(&a.code, a.country.as_deref());
    let code = if !p.country.is_empty() {
        p.country.clone()
    } else if !p.known_group.is_empty() {
        p.known_group.clone()
    } else {
        a.code.get(..3).unwrap_or(&a.code).to_string()
    };
    let mut o = json!({
        "code": code,
        "sector": p.types.join(""),
        "entity_text": a.text,
        "identifier_id": a.id,
        "identifier_text": a.name,
        "cameo_code": a.code,
        "start": char_offset(text, a.start),
        "end": char_offset(text, a.end),
    });
    if !p.religion1.is_empty() {
        let rel = [p.religion1.as_str(), p.religion2.as_str()].join("");
        o["religion"] = json!(rel);
    }
    o
}

/// One PLOVER record, or `None` for events PLOVER has no category for.
pub fn record(
    e: &Event,
    meta: &DocMeta,
    text: &str,
    dead: Option<Figure>,
    injured: Option<Figure>,
) -> Option<Value> {
    let event = e.plover.event.as_deref()?;
    let m = e.mentions.first();
    let x = &e.explanation;
    let mut r = json!({
        "id": e.event_id,
        "date": e.date.map(|d| d.to_string()),
        "date_precision": e.date_precision,
        "actor": e.source.iter().map(|a| entity(a, text)).collect::<Vec<_>>(),
        "recipient": e.target.iter().map(|a| entity(a, text)).collect::<Vec<_>>(),
        "event": [event],
        "mode": e.plover.mode.iter().collect::<Vec<_>>(),
        "context": [],
        "event_text": [x.predicate],
        "quad_code": plover_quad(event),
        "event_scale": plover_score(event, e.plover.mode.as_deref()),
        "text": m.map(|m| m.text.clone()).unwrap_or_else(|| x.sentence.clone()),
        "text_info": {
            "sequence": m.map(|m| m.sentence),
            "start": m.and_then(|m| char_offset(text, m.start)),
            "end": m.and_then(|m| char_offset(text, m.end)),
            "event_start": char_offset(text, x.predicate_start),
            "event_end": char_offset(text, x.predicate_end),
        },
        "cite_info": {
            "url": meta.url,
            "title": meta.title,
            "publication": outlet(meta),
            "language": meta.language,
            "citation": e.doc_id,
            "coder": format!("sitrep {}", env!("CARGO_PKG_VERSION")),
            "codebook": "CAMEO coded, mapped to PLOVER",
        },
        "coder": "sitrep",
        "coded_date": meta.ingested_at.get(..10),
        "cameo": e.cameo.code,
        "modality": e.modality,
        "claimant": e.claimant.as_ref().map(|c| c.code.clone()),
        "confidence": e.confidence,
    });
    if let Some(p) = &e.location {
        r["event_loc"] = json!({
            "resolved_place": p.name,
            "geonameid": p.geonameid,
            "lat": p.lat,
            "lon": p.lon,
            "city": (p.precision == GeoPrecision::Place).then(|| p.name.clone()),
            "province": p.admin1,
            "country": p.country.as_deref().and_then(country).map(|c| c.name.clone()),
            "country_code": p.country,
            "resolution": resolution(p.precision),
        });
    }
    if dead.is_some() || injured.is_some() {
        r["size"] = json!({
            "dead": dead.map(|f| f.best),
            "injured": injured.map(|f| f.best),
        });
    }
    Some(r)
}

pub const POLECAT_COLUMNS: &[&str] = &[
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Intensity",
    "Quad Code",
    "Contexts",
    "Actor Name",
    "Actor Country",
    "Actor COW",
    "Primary Actor Sector",
    "Actor Sectors",
    "Actor Title",
    "Actor Name Raw",
    "Wikipedia Actor ID",
    "Recipient Name",
    "Recipient Country",
    "Recipient COW",
    "Primary Recipient Sector",
    "Recipient Sectors",
    "Recipient Title",
    "Recipient Name Raw",
    "Wikipedia Recipient ID",
    "Placename",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
    "GeoNames ID",
    "Raw Placename",
    "Feature Type",
    "Source",
    "Publication Date",
    "Story People",
    "Story Organizations",
    "Story Locations",
    "Language",
    "Version",
];

fn polecat_actor(a: &Option<Actor>) -> [String; 8] {
    let Some(a) = a else {
        return Default::default();
    };
    let p = split_actor_code(&a.code, a.country.as_deref());
    let cow = a
        .country
        .as_deref()
        .and_then(country)
        .and_then(|c| c.cow_numeric);
    [
        a.name.clone(),
        a.country.clone().unwrap_or_default(),
        opt(cow),
        p.types.first().cloned().unwrap_or_default(),
        p.types.join("; "),
        String::new(),
        a.text.clone(),
        String::new(),
    ]
}

/// One POLECAT row, or `None` for events PLOVER has no category for.
pub fn polecat_row(e: &Event, meta: &DocMeta) -> Option<Vec<String>> {
    let event = e.plover.event.as_deref()?;
    let mut r = Vec::with_capacity(POLECAT_COLUMNS.len());
    r.extend([
        e.event_id.clone(),
        opt(e.date),
        event.to_string(),
        e.plover.mode.clone().unwrap_or_default(),
        opt(plover_score(event, e.plover.mode.as_deref())),
        opt(plover_quad(event)),
        String::new(),
    ]);
    r.extend(polecat_actor(&e.source));
    r.extend(polecat_actor(&e.target));
    match &e.location {
        Some(p) => r.extend([
            p.name.clone(),
            if p.precision == GeoPrecision::Place {
                p.name.clone()
            } else {
                String::new()
            },
            String::new(),
            p.admin1.clone().unwrap_or_default(),
            p.country.clone().unwrap_or_default(),
            coord(p.lat),
            coord(p.lon),
            opt(p.geonameid),
            String::new(),
            match p.precision {
                GeoPrecision::Place => "PPL",
                GeoPrecision::Admin1 => "ADM1",
                GeoPrecision::Country => "PCLI",
            }
            .to_string(),
        ]),
        None => r.extend(std::iter::repeat_n(String::new(), 10)),
    }
    r.extend([
        outlet(meta),
        meta.date.clone().unwrap_or_default(),
        String::new(),
        String::new(),
        String::new(),
        meta.language.clone().unwrap_or_default(),
        format!("sitrep-{}", env!("CARGO_PKG_VERSION")),
    ]);
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{sample_event, SAMPLE_TEXT};

    #[test]
    fn plover_record_fields() {
        let meta = DocMeta {
            doc_id: "kb-1".into(),
            url: Some("https://example.org/a".into()),
            ingested_at: "2026-11-23T14:45:00Z".into(),
            ..Default::default()
        };
        let r = record(&sample_event(), &meta, SAMPLE_TEXT, None, None).unwrap();
        assert_eq!(r["id"], "ev-sample");
        assert_eq!(r["event"][0], "ASSAULT");
        assert_eq!(r["quad_code"], 4);
        assert_eq!(r["actor"][0]["code"], "AZE");
        assert_eq!(r["actor"][0]["sector"], "MIL");
        assert_eq!(r["recipient"][0]["entity_text"], "Armenian troops");
        let start = SAMPLE_TEXT.find("Azerbaijani").unwrap() - 1; // ğ is two bytes
        assert_eq!(r["actor"][0]["start"], start);
        assert_eq!(r["text_info"]["sequence"], 1);
        assert_eq!(r["event_loc"]["country_code"], "AZE");
        assert_eq!(r["event_loc"]["resolution"], 4);
        assert_eq!(r["cite_info"]["url"], "https://example.org/a");
        assert!(r.get("size").is_none());
        let mut e = sample_event();
        e.plover.event = None;
        assert!(record(&e, &meta, SAMPLE_TEXT, None, None).is_none());
    }

    #[test]
    fn polecat_row_has_40_columns() {
        let meta = DocMeta {
            doc_id: "kb-1".into(),
            date: Some("2020-10-09".into()),
            language: Some("eng".into()),
            ..Default::default()
        };
        let r = polecat_row(&sample_event(), &meta).unwrap();
        assert_eq!(r.len(), 40);
        assert_eq!(POLECAT_COLUMNS.len(), 40);
        assert_eq!(
            &r[..6],
            &["ev-sample", "2020-10-08", "ASSAULT", "artillery", "-9", "4"]
        );
        assert_eq!(r[8], "AZE");
        assert_eq!(r[9], "373");
        assert_eq!(r[10], "MIL");
        assert_eq!(r[13], "Azerbaijani forces");
        assert_eq!(r[16], "ARM");
        assert_eq!(r[23], "Ganja");
        assert_eq!(r[32], "PPL");
        assert_eq!(r[34], "2020-10-09");
        assert_eq!(r[38], "eng");
    }

    #[test]
    fn quads_follow_plover_not_cameo() {
        assert_eq!(plover_quad("REQUEST"), Some(3));
        assert_eq!(plover_quad("SANCTION"), Some(4));
        assert_eq!(plover_quad("CONCEDE"), Some(1));
        assert_eq!(plover_quad("NONE"), None);
    }

    #[test]
    fn scores_from_the_manual() {
        assert_eq!(plover_score("ASSAULT", Some("drone")), Some(-9.5));
        assert_eq!(plover_score("ASSAULT", Some("no-such-mode")), Some(-9.0));
        assert_eq!(plover_score("RETREAT", Some("ceasefire")), Some(7.5));
        assert_eq!(plover_score("CONSULT", None), Some(2.5));
        assert_eq!(plover_score("ACCUSE", None), Some(-3.0));
        assert_eq!(plover_score("NONE", None), None);
    }
}

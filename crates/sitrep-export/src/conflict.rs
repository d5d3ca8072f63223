//! ACLED- and UCDP GED-style tables from CAMEO-coded events.

use crate::codes::country;
use crate::common::*;
use chrono::{Datelike, NaiveDate};
use sitrep_model::{Actor, DatePrecision, Event, GeoPrecision};
use sitrep_store::DocMeta;

/// An ACLED event type and sub-event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcledType {
    pub disorder: &'static str,
    pub event_type: &'static str,
    pub sub_event_type: &'static str,
}

const PV: &str = "Political violence";
const DEM: &str = "Demonstrations";
const SD: &str = "Strategic developments";
const BATTLES: &str = "Battles";
const ERV: &str = "Explosions/Remote violence";
const VAC: &str = "Violence against civilians";

fn t(disorder: &'static str, event_type: &'static str, sub: &'static str) -> Option<AcledType> {
    Some(AcledType {
        disorder,
        event_type,
        sub_event_type: sub,
    })
}

fn state_sector(a: &Actor) -> bool {
    a.in_state_sector() || (a.sector.is_none() && a.country.as_deref() == Some(a.code.as_str()))
}

/// Armed forces of any kind (state, rebel, militia, police).
fn armed(a: &Actor) -> bool {
    matches!(
        a.sector.as_deref(),
        Some("MIL" | "REB" | "INS" | "SEP" | "UAF" | "COP" | "SPY")
    ) || a.code.contains("MIL")
}

/// ACLED's event type for a CAMEO-coded event (the table in docs/FORMATS.md),
/// or `None` when ACLED records nothing of the kind (statements, meetings,
/// appeals, threats, ...) or the event is not said to have happened.
pub fn acled_type(e: &Event) -> Option<AcledType> {
    if !happened(e) {
        return None;
    }
    let code = e.cameo.code.as_str();
    let base = e.cameo.base.as_str();
    let against_civilians = e.target.as_ref().is_some_and(civilian);
    match e.cameo.root.as_str() {
        "03" if !matches!(base, "034" | "036") => t(SD, SD, "Agreement"),
        "05" if base == "057" => t(SD, SD, "Agreement"),
        "08" => match code {
            "0871" | "084" | "0841" => t(SD, SD, "Agreement"),
            "0874" => t(SD, SD, "Non-violent transfer of territory"),
            _ => None,
        },
        "14" if base == "145" => t(DEM, "Riots", "Violent demonstration"),
        "14" => t(DEM, "Protests", "Peaceful protest"),
        "17" => match base {
            "171" => t(SD, SD, "Looting/property destruction"),
            "173" => t(SD, SD, "Arrests"),
            "175" => t(PV, VAC, "Attack"),
            _ => None,
        },
        "18" => match base {
            "181" => t(PV, VAC, "Abduction/forced disappearance"),
            "183" if code == "1831" => t(PV, ERV, "Suicide bomb"),
            "183" => t(PV, ERV, "Remote explosive/landmine/IED"),
            "185" | "186" => t(PV, VAC, "Attack"),
            _ if e.target.as_ref().is_some_and(armed) => t(PV, BATTLES, "Armed clash"),
            _ => t(PV, VAC, "Attack"),
        },
        "19" => match base {
            "191" => t(SD, SD, "Other"),
            "192" => {
                let state = e.source.as_ref().is_some_and(state_sector);
                if state {
                    t(PV, BATTLES, "Government regains territory")
                } else {
                    t(PV, BATTLES, "Non-state actor overtakes territory")
                }
            }
            "194" => t(PV, ERV, "Shelling/artillery/missile attack"),
            "195" => t(PV, ERV, "Air/drone strike"),
            _ if against_civilians => t(PV, VAC, "Attack"),
            _ => t(PV, BATTLES, "Armed clash"),
        },
        "20" => match base {
            "204" if code != "2042" => t(PV, ERV, "Chemical weapon"),
            "204" | "201" => None,
            _ => t(PV, VAC, "Attack"),
        },
        _ => None,
    }
}

/// ACLED's numeric actor type ("inter" code): 1 state forces, 2 rebel groups,
/// 3 political militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other
/// forces; 0 when there is no such actor.
pub fn inter_code(a: Option<&Actor>, e: &Event, is_source: bool) -> u8 {
    let Some(a) = a else {
        return 0;
    };
    let root = e.cameo.root.as_str();
    if is_source && root == "14" {
        return if e.cameo.base == "145" { 5 } else { 6 };
    }
    let sector = a.sector.as_deref().unwrap_or("");
    if a.code.starts_with("IGO") || sector == "IGO" || a.code.contains("PKO") {
        return 8;
    }
    match sector {
        "REB" | "INS" | "SEP" => 2,
        "UAF" | "RAD" => 3,
        "CVL" | "REF" | "EDU" | "HLH" | "MED" | "BUS" | "LAB" | "AGR" | "REL" | "NGO" => 7,
        _ if state_sector(a) => {
            let here = e.location.as_ref().and_then(|p| p.country.as_deref());
            match (here, a.country.as_deref()) {
                (Some(h), Some(c)) if h != c => 8,
                _ => 1,
            }
        }
        "OPP" | "PTY" => 3,
        _ => 0,
    }
}

pub const ACLED_COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

fn actor_name(a: &Actor, e: &Event, is_source: bool) -> String {
    let place = a
        .country
        .as_deref()
        .and_then(country)
        .map(|c| format!(" ({})", c.name))
        .unwrap_or_default();
    match inter_code(Some(a), e, is_source) {
        5 => format!("Rioters{place}"),
        6 => format!("Protesters{place}"),
        7 if civilian(a) => format!("Civilians{place}"),
        _ => a.name.clone(),
    }
}

/// The ISO alpha-3 that names an event's country: where it happened, else its
/// source's country, else its target's.
fn event_country(e: &Event) -> Option<String> {
    e.location
        .as_ref()
        .and_then(|p| p.country.clone())
        .or_else(|| e.source.as_ref().and_then(|a| a.country.clone()))
        .or_else(|| e.target.as_ref().and_then(|a| a.country.clone()))
}

pub fn acled_row(
    e: &Event,
    ty: AcledType,
    meta: &DocMeta,
    fatalities: Option<Figure>,
) -> Vec<String> {
    let iso3 = event_country(e);
    let place_country = e.location.as_ref().and_then(|p| p.country.as_deref());
    let inter1 = inter_code(e.source.as_ref(), e, true);
    let inter2 = inter_code(e.target.as_ref(), e, false);
    let interaction = match (inter1, inter2) {
        (0, 0) => String::new(),
        (a, 0) | (0, a) => (a as u32 * 10).to_string(),
        (a, b) => (a.min(b) as u32 * 10 + a.max(b) as u32).to_string(),
    };
    let civ_target = ty.disorder == PV && e.target.as_ref().is_some_and(civilian);
    let (lat, lon, prec, admin1, location) = match &e.location {
        Some(p) => (
            coord(p.lat),
            coord(p.lon),
            match p.precision {
                GeoPrecision::Place => "1",
                GeoPrecision::Admin1 => "2",
                GeoPrecision::Country => "3",
            }
            .to_string(),
            p.admin1.clone().unwrap_or_default(),
            p.name.clone(),
        ),
        None => Default::default(),
    };
    vec![
        format!(
            "{}{}",
            iso3.as_deref().unwrap_or("XXX"),
            numeric_id(&e.event_id)
        ),
        opt(e.date),
        opt(e.date.map(|d| d.year())),
        match (e.date, e.date_precision) {
            (None, _) | (_, DatePrecision::None) => String::new(),
            (_, DatePrecision::Day) => "1".into(),
            _ => "3".into(),
        },
        ty.disorder.into(),
        ty.event_type.into(),
        ty.sub_event_type.into(),
        e.source
            .as_ref()
            .map(|a| actor_name(a, e, true))
            .unwrap_or_default(),
        String::new(),
        inter1.to_string(),
        e.target
            .as_ref()
            .map(|a| actor_name(a, e, false))
            .unwrap_or_default(),
        String::new(),
        inter2.to_string(),
        interaction,
        if civ_target { "Civilian targeting" } else { "" }.into(),
        opt(place_country.and_then(country).and_then(|c| c.iso_numeric)),
        String::new(),
        place_country
            .and_then(country)
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        admin1,
        String::new(),
        String::new(),
        location,
        lat,
        lon,
        prec,
        outlet(meta),
        String::new(),
        e.mentions
            .first()
            .map(|m| m.text.clone())
            .unwrap_or_else(|| e.explanation.sentence.clone()),
        fatalities.map(|f| f.best).unwrap_or(0).to_string(),
        String::new(),
        opt(unix_seconds(&meta.ingested_at)),
    ]
}

pub const UCDP_COLUMNS: &[&str] = &[
    "id",
    "year",
    "type_of_violence",
    "side_a",
    "side_b",
    "date_start",
    "date_end",
    "date_prec",
    "where_prec",
    "country",
    "latitude",
    "longitude",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "source_article",
];

/// Whether an event goes into the UCDP-style table: violent (roots 18–20) and
/// said to have happened.
pub fn ucdp_event(e: &Event) -> bool {
    violent(e) && happened(e)
}

/// UCDP's type of violence: 1 state-based, 2 non-state, 3 one-sided (against civilians).
pub fn type_of_violence(e: &Event) -> u8 {
    if e.target.as_ref().is_some_and(civilian) {
        3
    } else if e.source.as_ref().is_some_and(state_sector)
        || e.target.as_ref().is_some_and(state_sector)
    {
        1
    } else {
        2
    }
}

fn date_range(d: NaiveDate, p: DatePrecision) -> (NaiveDate, NaiveDate) {
    match p {
        DatePrecision::Month => {
            let start = d.with_day(1).unwrap_or(d);
            let next = if d.month() == 12 {
                NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
            };
            (start, next.and_then(|n| n.pred_opt()).unwrap_or(d))
        }
        DatePrecision::Year => (
            NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
            NaiveDate::from_ymd_opt(d.year(), 12, 31).unwrap_or(d),
        ),
        _ => (d, d),
    }
}

pub fn ucdp_row(e: &Event, meta: &DocMeta, deaths: Option<Figure>) -> Vec<String> {
    let tov = type_of_violence(e);
    // side A is the state in state-based violence, the perpetrator otherwise
    let (a, b) = match (tov, &e.source, &e.target) {
        (1, Some(s), Some(t)) if !state_sector(s) && state_sector(t) => (Some(t), Some(s)),
        (_, s, t) => (s.as_ref(), t.as_ref()),
    };
    let side = |x: Option<&Actor>| {
        x.map(|x| {
            if civilian(x) {
                "Civilians".to_string()
            } else {
                x.name.clone()
            }
        })
        .unwrap_or_default()
    };
    let (start, end) = match e.date {
        Some(d) => {
            let (s, t) = date_range(d, e.date_precision);
            (s.to_string(), t.to_string())
        }
        None => Default::default(),
    };
    let date_prec = match (e.date, e.date_precision) {
        (None, _) | (_, DatePrecision::None) => String::new(),
        (_, DatePrecision::Day) => "1".into(),
        (_, DatePrecision::Month) => "4".into(),
        (_, DatePrecision::Year) => "5".into(),
    };
    let (where_prec, cname, lat, lon) = match &e.location {
        Some(p) => (
            match p.precision {
                GeoPrecision::Place => "1",
                GeoPrecision::Admin1 => "4",
                GeoPrecision::Country => "6",
            }
            .to_string(),
            p.country
                .as_deref()
                .and_then(country)
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            coord(p.lat),
            coord(p.lon),
        ),
        None => Default::default(),
    };
    let best = deaths.map(|f| f.best).unwrap_or(0);
    let (civ, unknown) = match deaths {
        Some(f) if f.civilians || tov == 3 => (best, 0),
        _ => (0, best),
    };
    let mut article: Vec<String> = vec![outlet(meta)];
    if let Some(d) = &meta.date {
        article.push(d.clone());
    }
    if let Some(t) = meta.title.as_deref().filter(|t| !t.is_empty()) {
        article.push(format!("\"{t}\""));
    }
    if let Some(u) = meta.url.as_deref().filter(|u| !u.is_empty()) {
        article.push(u.to_string());
    }
    vec![
        numeric_id(&e.event_id).to_string(),
        opt(e.date.map(|d| d.year())),
        tov.to_string(),
        side(a),
        side(b),
        start,
        end,
        date_prec,
        where_prec,
        cname,
        lat,
        lon,
        "0".into(),
        "0".into(),
        civ.to_string(),
        unknown.to_string(),
        best.to_string(),
        deaths.map(|f| f.high).unwrap_or(0).to_string(),
        deaths.map(|f| f.low).unwrap_or(0).to_string(),
        article.join("; "),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample_event;
    use sitrep_model::Modality;

    fn with_code(code: &str) -> Event {
        let mut e = sample_event();
        let (c, b, r) = sitrep_model::cameo_parts(code);
        e.cameo.code = c;
        e.cameo.base = b;
        e.cameo.root = r;
        e
    }

    fn sub(code: &str) -> Option<&'static str> {
        acled_type(&with_code(code)).map(|t| t.sub_event_type)
    }

    #[test]
    fn cameo_to_acled() {
        assert_eq!(sub("195"), Some("Air/drone strike"));
        assert_eq!(sub("1952"), Some("Air/drone strike"));
        assert_eq!(sub("194"), Some("Shelling/artillery/missile attack"));
        assert_eq!(sub("190"), Some("Armed clash"));
        assert_eq!(sub("193"), Some("Armed clash"));
        assert_eq!(sub("141"), Some("Peaceful protest"));
        assert_eq!(sub("145"), Some("Violent demonstration"));
        assert_eq!(sub("173"), Some("Arrests"));
        assert_eq!(sub("057"), Some("Agreement"));
        assert_eq!(sub("0871"), Some("Agreement"));
        assert_eq!(sub("036"), None);
        assert_eq!(sub("043"), None);
        assert_eq!(sub("1831"), Some("Suicide bomb"));
        // unconventional violence against soldiers is fighting, against civilians an attack
        assert_eq!(sub("180"), Some("Armed clash"));
        let mut v = with_code("180");
        v.target = None;
        assert_eq!(
            acled_type(&v).unwrap().event_type,
            "Violence against civilians"
        );
        let mut e = with_code("190");
        e.target.as_mut().unwrap().sector = Some("CVL".into());
        e.target.as_mut().unwrap().code = "ARMCVL".into();
        assert_eq!(
            acled_type(&e).unwrap().event_type,
            "Violence against civilians"
        );
        e.modality = Modality::Future;
        assert!(acled_type(&e).is_none());
    }

    #[test]
    fn acled_row_columns() {
        let e = sample_event();
        let meta = DocMeta {
            doc_id: "kb-1".into(),
            ingested_at: "2026-11-23T14:45:00Z".into(),
            ..Default::default()
        };
        let ty = acled_type(&e).unwrap();
        let f = Figure {
            low: 12,
            best: 12,
            high: 12,
            claims: 1,
            civilians: true,
        };
        let r = acled_row(&e, ty, &meta, Some(f));
        assert_eq!(r.len(), ACLED_COLUMNS.len());
        let col = |n: &str| r[ACLED_COLUMNS.iter().position(|c| *c == n).unwrap()].clone();
        assert!(col("event_id_cnty").starts_with("AZE"));
        assert_eq!(col("event_date"), "2020-10-08");
        assert_eq!(col("time_precision"), "1");
        assert_eq!(col("event_type"), "Explosions/Remote violence");
        // Azerbaijani forces in Azerbaijan: state forces; Armenian troops there: external
        assert_eq!(col("inter1"), "1");
        assert_eq!(col("inter2"), "8");
        assert_eq!(col("interaction"), "18");
        assert_eq!(col("iso"), "31");
        assert_eq!(col("country"), "Azerbaijan");
        assert_eq!(col("geo_precision"), "1");
        assert_eq!(col("fatalities"), "12");
        assert_eq!(col("timestamp"), "1795445100");
    }

    #[test]
    fn ucdp_rows() {
        let e = sample_event();
        assert!(ucdp_event(&e));
        assert_eq!(type_of_violence(&e), 1);
        let meta = DocMeta {
            doc_id: "kb-1".into(),
            ..Default::default()
        };
        let f = Figure {
            low: 10,
            best: 12,
            high: 15,
            claims: 2,
            civilians: false,
        };
        let r = ucdp_row(&e, &meta, Some(f));
        assert_eq!(r.len(), UCDP_COLUMNS.len());
        assert_eq!(
            &r[5..10],
            &["2020-10-08", "2020-10-08", "1", "1", "Azerbaijan"]
        );
        assert_eq!(&r[12..19], &["0", "0", "0", "12", "12", "15", "10"]);
        let mut m = sample_event();
        m.date_precision = DatePrecision::Month;
        let r = ucdp_row(&m, &meta, None);
        assert_eq!(&r[5..8], &["2020-10-01", "2020-10-31", "4"]);
        assert_eq!(r[16], "0");
        let mut c = with_code("043");
        c.cameo.root = "04".into();
        assert!(!ucdp_event(&c));
    }
}

//! Synthetic stores for tests and load measurements: documents made of
//! simple sentences ("Armenian forces shelled Stepanakert."), each coded into
//! one event with correct offsets, stored through the [`Store`] API. The
//! content is generated from a seed, so a store is reproducible; it is not
//! real reporting.

use chrono::NaiveDate;
use sitrep_model::*;
use sitrep_store::{SqliteStore, Store};

const ACTORS: &[(&str, &str, &str, &str, &str)] = &[
    // id, code, country, sector, text
    ("ARMMIL", "ARMMIL", "ARM", "MIL", "Armenian forces"),
    ("AZEMIL", "AZEMIL", "AZE", "MIL", "Azerbaijani forces"),
    ("ARMGOV", "ARMGOV", "ARM", "GOV", "the Armenian government"),
    (
        "AZEGOV",
        "AZEGOV",
        "AZE",
        "GOV",
        "the Azerbaijani government",
    ),
    ("country:RUS", "RUS", "RUS", "", "Russia"),
    ("country:TUR", "TUR", "TUR", "", "Turkey"),
    (
        "person:sergey-lavrov",
        "RUSGOV",
        "RUS",
        "GOV",
        "Sergey Lavrov",
    ),
    ("org:IGOUNO", "IGOUNO", "", "", "the United Nations"),
];

const VERBS: &[(&str, &str, &str, f64, &str)] = &[
    // text, CAMEO code, label, Goldstein, PLOVER
    (
        "shelled",
        "194",
        "Fight with artillery and tanks",
        -10.0,
        "ASSAULT",
    ),
    (
        "attacked",
        "190",
        "Use conventional military force",
        -10.0,
        "ASSAULT",
    ),
    ("accused", "112", "Accuse", -2.0, "ACCUSE"),
    (
        "threatened",
        "138",
        "Threaten to use military force",
        -7.0,
        "THREATEN",
    ),
    ("met", "040", "Consult", 1.0, "CONSULT"),
    ("praised", "051", "Praise or endorse", 3.4, "SUPPORT"),
    ("agreed with", "057", "Sign formal agreement", 8.0, "AGREE"),
    ("sent aid to", "073", "Provide humanitarian aid", 7.4, "AID"),
];

const PLACES: &[(&str, &str, f64, f64, u64)] = &[
    ("Stepanakert", "AZE", 39.8153, 46.7519, 586523),
    ("Ganja", "AZE", 40.6828, 46.3606, 586523),
    ("Yerevan", "ARM", 40.1811, 44.5136, 616052),
    ("Baku", "AZE", 40.3777, 49.892, 587084),
    ("Moscow", "RUS", 55.7522, 37.6156, 524901),
    ("Shusha", "AZE", 39.7601, 46.7499, 585156),
];

/// A small deterministic generator (64-bit LCG, high bits).
struct Rng(u64);
impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn actor(i: usize, start: usize) -> Actor {
    let (id, code, country, sector, text) = ACTORS[i];
    Actor {
        id: id.into(),
        code: code.into(),
        country: (!country.is_empty()).then(|| country.into()),
        sector: (!sector.is_empty()).then(|| sector.into()),
        name: text.trim_start_matches("the ").into(),
        text: text.into(),
        start,
        end: start + text.len(),
    }
}

/// One synthetic document with `events` sentences, each coded into one event.
pub fn document(seed: u64, n: usize, events: usize) -> (Document, Annotation) {
    let mut rng = Rng(seed ^ (n as u64).wrapping_mul(0x9E3779B97F4A7C15));
    let base = NaiveDate::from_ymd_opt(2020, 9, 27).expect("valid date");
    let day = base + chrono::TimeDelta::days(rng.next(60) as i64);
    let doc_id = format!("synth-{n:06}");
    let mut text = String::new();
    let mut ann_sentences = Vec::new();
    let mut ann_actors = Vec::new();
    let mut ann_places = Vec::new();
    let mut ann_events = Vec::new();
    for k in 0..events {
        let s = rng.next(ACTORS.len());
        let mut t = rng.next(ACTORS.len());
        if t == s {
            t = (t + 1) % ACTORS.len();
        }
        let v = VERBS[rng.next(VERBS.len())];
        let p = PLACES[rng.next(PLACES.len())];
        let start = text.len();
        let src = actor(s, start);
        text.push_str(&src.text);
        text.push(' ');
        let pred_start = text.len();
        text.push_str(v.0);
        let pred_end = text.len();
        text.push(' ');
        let tgt = actor(t, text.len());
        text.push_str(&tgt.text);
        text.push_str(" in ");
        let place_start = text.len();
        text.push_str(p.0);
        text.push('.');
        let end = text.len();
        text.push(' ');
        let sentence = text[start..end].to_string();
        let place = Place {
            name: p.0.into(),
            country: Some(p.1.into()),
            admin1: None,
            lat: Some(p.2),
            lon: Some(p.3),
            geonameid: Some(p.4),
            precision: GeoPrecision::Place,
        };
        ann_sentences.push(Sentence {
            index: k,
            start,
            end,
            text: sentence.clone(),
        });
        for a in [&src, &tgt] {
            ann_actors.push(ActorMention {
                sentence: k,
                actor: a.clone(),
                why: "synthetic".into(),
            });
        }
        ann_places.push(PlaceMention {
            sentence: k,
            start: place_start,
            end: place_start + p.0.len(),
            text: p.0.into(),
            place: place.clone(),
        });
        let (code, base_code, root) = cameo_parts(v.1);
        let quad = quad_class(&root);
        ann_events.push(Event {
            kind: "event".into(),
            event_id: stable_id("ev-", &[&doc_id, &k.to_string(), v.1]),
            doc_id: doc_id.clone(),
            date: Some(day),
            date_precision: DatePrecision::Day,
            date_source: EventDateSource::Document,
            source: Some(src),
            target: Some(tgt),
            cameo: Cameo {
                code,
                base: base_code,
                root,
                goldstein: v.3,
                quad_class: quad,
                label: v.2.into(),
            },
            plover: Plover {
                event: Some(v.4.into()),
                mode: None,
            },
            modality: Modality::Asserted,
            claimant: None,
            location: Some(place),
            confidence: 0.8,
            mentions: vec![Mention {
                doc_id: doc_id.clone(),
                sentence: k,
                start,
                end,
                text: sentence.clone(),
            }],
            explanation: Explanation {
                sentence,
                predicate: v.0.into(),
                predicate_start: pred_start,
                predicate_end: pred_end,
                pattern: format!("{} → {} (synthetic)", v.0, v.1),
                rules: vec![sitrep_model::Rule::new(
                    "synth.sentence",
                    "synthetic sentence",
                )],
            },
            group: None,
            uncoded_source: None,
            uncoded_target: None,
        });
    }
    let doc = Document {
        id: doc_id.clone(),
        url: Some(format!("https://example.invalid/{doc_id}")),
        title: Some(format!("Synthetic report {n}")),
        date: Some(day),
        date_source: DateSource::Record,
        text: text.clone(),
        origin: "synthetic".into(),
        outlet: Some("synthetic".into()),
    };
    let ann = Annotation {
        doc_id,
        url: doc.url.clone(),
        title: doc.title.clone(),
        date: doc.date,
        date_source: DateSource::Record,
        language: Some("eng".into()),
        skipped: None,
        clean_text: text.clone(),
        text,
        removed: vec![],
        sentences: ann_sentences,
        actors: ann_actors,
        places: ann_places,
        timexes: vec![],
        claims: vec![],
        events: ann_events,
        syntax: vec![],
    };
    (doc, ann)
}

/// Fill a store with `documents` synthetic documents of `events_per_doc` events.
pub fn fill(
    store: &mut SqliteStore,
    seed: u64,
    documents: usize,
    events_per_doc: usize,
) -> anyhow::Result<()> {
    store.begin()?;
    for n in 0..documents {
        let (d, a) = document(seed, n, events_per_doc);
        store.put(&d, &a)?;
    }
    store.commit()
}

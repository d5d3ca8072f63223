//! The API and pages against a synthetic store, in process.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use sitrep_server::{router, synth, AppState, Pool};
use sitrep_store::SqliteStore;
use std::sync::Arc;
use tower::ServiceExt;

struct Fixture {
    _dir: tempfile::TempDir,
    app: axum::Router,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    let mut store = SqliteStore::open(&path).unwrap();
    synth::fill(&mut store, 7, 40, 5).unwrap();
    drop(store);
    let pool = Arc::new(Pool::new(&path).unwrap());
    Fixture {
        _dir: dir,
        app: router(AppState { pool }),
    }
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, String, String) {
    let resp = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let ctype = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    (status, ctype, String::from_utf8(body.to_vec()).unwrap())
}

async fn get_json(app: &axum::Router, uri: &str) -> Value {
    let (status, ctype, body) = get(app, uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    assert!(ctype.starts_with("application/json"), "{uri}: {ctype}");
    serde_json::from_str(&body).unwrap()
}

#[tokio::test]
async fn every_documented_path_answers() {
    let f = fixture();
    let spec = get_json(&f.app, "/api/openapi.json").await;
    let page = get_json(&f.app, "/api/events?limit=1").await;
    let event_id = page["events"][0]["event_id"].as_str().unwrap().to_string();
    let doc_id = page["events"][0]["doc_id"].as_str().unwrap().to_string();
    let paths = spec["paths"].as_object().unwrap();
    assert!(paths.len() >= 10);
    for (path, item) in paths {
        assert!(item.get("get").is_some(), "{path} documents no GET");
        let uri = path.replace(
            "{id}",
            if path.starts_with("/api/documents") {
                &doc_id
            } else {
                &event_id
            },
        );
        let (status, _, body) = get(&f.app, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        // every documented parameter is accepted
        if let Some(params) = item["get"]["parameters"].as_array() {
            assert!(!params.is_empty());
        }
    }
    // and no API route goes undocumented
    for undocumented in ["/api/nothing", "/api/events/x/y"] {
        assert_eq!(get(&f.app, undocumented).await.0, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn paging_is_stable_and_complete() {
    let f = fixture();
    let all = get_json(&f.app, "/api/events?limit=1000").await;
    assert_eq!(all["total"], 200);
    let all_ids: Vec<String> = all["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(all_ids.len(), 200);
    // ordered by date, then id
    let keys: Vec<(String, String)> = all["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["date"].as_str().unwrap().into(),
                e["event_id"].as_str().unwrap().into(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    // following `next` links gives the same sequence
    let mut seen = Vec::new();
    let mut uri = "/api/events?limit=30".to_string();
    loop {
        let page = get_json(&f.app, &uri).await;
        for e in page["events"].as_array().unwrap() {
            seen.push(e["event_id"].as_str().unwrap().to_string());
        }
        match page["next"].as_str() {
            Some(n) => uri = n.to_string(),
            None => break,
        }
    }
    assert_eq!(seen, all_ids);
}

#[tokio::test]
async fn filters_select_what_they_say() {
    let f = fixture();
    let check = |v: &Value, pred: &dyn Fn(&Value) -> bool| {
        let evs = v["events"].as_array().unwrap();
        assert!(!evs.is_empty());
        assert_eq!(v["total"].as_u64().unwrap() as usize, evs.len());
        assert!(evs.iter().all(pred));
    };
    let v = get_json(&f.app, "/api/events?cameo=19&limit=1000").await;
    check(&v, &|e| e["cameo"]["root"] == "19");
    let v = get_json(&f.app, "/api/events?plover=AGREE&limit=1000").await;
    check(&v, &|e| e["plover"]["event"] == "AGREE");
    let v = get_json(&f.app, "/api/events?actor=AZEMIL&limit=1000").await;
    check(&v, &|e| {
        e["source"]["code"] == "AZEMIL" || e["target"]["code"] == "AZEMIL"
    });
    let v = get_json(&f.app, "/api/events?country=rus&limit=1000").await;
    check(&v, &|e| {
        e["source"]["country"] == "RUS" || e["target"]["country"] == "RUS"
    });
    let v = get_json(
        &f.app,
        "/api/events?since=2020-10-10&until=2020-10-20&limit=1000",
    )
    .await;
    check(&v, &|e| {
        let d = e["date"].as_str().unwrap();
        ("2020-10-10"..="2020-10-20").contains(&d)
    });
    let v = get_json(&f.app, "/api/events?text=Stepanakert&limit=1000").await;
    assert!(v["total"].as_u64().unwrap() > 0);
    let v = get_json(&f.app, "/api/events?story=none-yet").await;
    assert_eq!(v["total"], 0);
    // empty form fields mean "no filter"
    let v = get_json(&f.app, "/api/events?since=&actor=&limit=5").await;
    assert_eq!(v["total"], 200);
}

#[tokio::test]
async fn words_people_type_are_searched_as_typed() {
    let f = fixture();
    for t in [
        "cease-fire",
        "Nagorno-Karabakh",
        "al-Qaeda",
        "x:y",
        "*",
        "U.S.",
        "9/11",
        "%22unbalanced",
        "AND",
        "NEAR(",
    ] {
        let (status, _, body) = get(&f.app, &format!("/api/events?text={t}")).await;
        assert_eq!(status, StatusCode::OK, "{t}: {body}");
        let (status, _, body) = get(&f.app, &format!("/events?text={t}")).await;
        assert_eq!(status, StatusCode::OK, "{t}: page: {body}");
    }
    // FTS5 syntax when asked for
    let v = get_json(
        &f.app,
        "/api/events?text=Stepanakert+OR+nothing&text_syntax=fts5&limit=1000",
    )
    .await;
    assert!(v["total"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn bad_requests_are_refused_with_reasons() {
    let f = fixture();
    for uri in [
        "/api/events?since=yesterday",
        "/api/events?limit=0",
        "/api/events?limit=100000",
        "/api/events?offset=-1",
        "/api/events?cameo=abc",
        "/api/events?country=Armenia",
        "/api/events?text=%22unbalanced&text_syntax=fts5",
        "/api/events?text=cease-fire&text_syntax=fts5",
        "/api/events?text=x&text_syntax=regex",
        "/api/events?offset=9223372036854775808",
        "/api/events?offset=99999999999999999999999",
        "/api/export.csv?until=2020-02-30",
    ] {
        let (status, _, body) = get(&f.app, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        let v: Value = serde_json::from_str(&body).unwrap();
        assert!(!v["error"].as_str().unwrap().is_empty());
    }
    let long_actor = format!("/api/events?actor={}", "A".repeat(65_000));
    let (status, _, body) = get(&f.app, &long_actor).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    // errors are short and never the database's own words
    let (_, _, body) = get(&f.app, "/api/events?text=%22open&text_syntax=fts5").await;
    assert!(body.len() < 300 && !body.contains("SQL"), "{body}");
    assert_eq!(
        get(&f.app, "/api/events/ev-nope").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(get(&f.app, "/event/ev-nope").await.0, StatusCode::NOT_FOUND);
    // the API is read-only and takes no bodies
    let big = vec![b'x'; sitrep_server::MAX_BODY_BYTES + 1];
    let resp = f
        .app
        .clone()
        .oneshot(
            Request::get("/api/events")
                .header("content-length", big.len())
                .body(Body::from(big))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let resp = f
        .app
        .clone()
        .oneshot(Request::post("/api/events").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn exports_hold_the_whole_filter() {
    let f = fixture();
    let total = get_json(&f.app, "/api/events?cameo=0").await["total"]
        .as_u64()
        .unwrap() as usize;
    assert!(total > 0);
    let (s, ctype, csv) = get(&f.app, "/api/export.csv?cameo=0").await;
    assert_eq!(s, StatusCode::OK);
    assert!(ctype.starts_with("text/csv"));
    let mut lines = csv.lines();
    assert_eq!(lines.next().unwrap().split(',').count(), 31);
    assert_eq!(lines.count(), total);
    let (_, _, jsonl) = get(&f.app, "/api/export.jsonl?cameo=0").await;
    let evs: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(evs.len(), total);
    assert!(evs
        .iter()
        .all(|e| e["cameo"]["root"].as_str().unwrap().starts_with('0')));
}

#[tokio::test]
async fn source_marks_land_on_the_right_words() {
    let f = fixture();
    let page = get_json(&f.app, "/api/events?limit=20").await;
    for e in page["events"].as_array().unwrap() {
        let id = e["event_id"].as_str().unwrap();
        let src = get_json(&f.app, &format!("/api/events/{id}/source")).await;
        let s = &src["sentences"][0];
        let kinds: Vec<&str> = s["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["source", "predicate", "target", "place"], "{id}");
        let text = s["text"].as_str().unwrap();
        let start = s["start"].as_u64().unwrap() as usize;
        for h in s["highlights"].as_array().unwrap() {
            let (a, b) = (
                h["start"].as_u64().unwrap() as usize,
                h["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[a - start..b - start], h["text"].as_str().unwrap());
        }
        assert_eq!(s["highlights"][1]["text"], e["explanation"]["predicate"]);
        assert_eq!(s["highlights"][3]["text"], e["location"]["name"]);
        let (status, _, html) = get(&f.app, &format!("/event/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        let marked = format!(
            r#"<mark class="hl-predicate" title="predicate: {} {}">{}</mark>"#,
            e["cameo"]["code"].as_str().unwrap(),
            e["cameo"]["label"].as_str().unwrap(),
            e["explanation"]["predicate"].as_str().unwrap()
        );
        assert!(html.contains(&marked), "{id}: {marked}");
    }
}

#[tokio::test]
async fn pages_render_the_filtered_views() {
    let f = fixture();
    let (s, ctype, home) = get(&f.app, "/").await;
    assert_eq!(s, StatusCode::OK);
    assert!(ctype.starts_with("text/html"));
    assert!(
        home.contains(r#"id="no-stories""#),
        "no stories: the timeline stands in"
    );
    let (_, _, tl) = get(&f.app, "/timeline?cameo=19&limit=1000").await;
    let n19 = get_json(&f.app, "/api/events?cameo=19").await["total"]
        .as_u64()
        .unwrap() as usize;
    assert_eq!(tl.matches(r#"<li class="event"#).count(), n19);
    let (_, _, map) = get(&f.app, "/map").await;
    // six synthetic places, all in view except Moscow (far north of the rest)
    assert_eq!(map.matches("<circle class=").count(), 6);
    assert!(map.contains(r#"id="map-all""#));
    let (_, _, net) = get(&f.app, "/network?actor=AZEMIL").await;
    assert!(net.matches(r#"<path class="edge"#).count() >= 7);
    let (_, _, ev) = get(&f.app, "/events?plover=AID").await;
    assert!(ev.contains(r#"href="/api/export.csv?plover=AID""#));
    let (s, ctype, _) = get(&f.app, "/assets/app.js").await;
    assert_eq!(
        (s, ctype.starts_with("text/javascript")),
        (StatusCode::OK, true)
    );
    let (s, _, bad) = get(&f.app, "/events?since=nope").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(bad.contains("<!DOCTYPE html>"));
}

//! The JSON API (`/api/…`), described by `/api/openapi.json`.

use crate::filter::Params;
use crate::{network, source, AppError, AppState};
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::json;
use sitrep_model::Event;
use sitrep_store::{Db, Store};

pub const OPENAPI: &str = include_str!("../assets/openapi.json");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .route("/api/stats", get(stats))
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/events/{id}/source", get(event_source))
        .route("/api/documents/{id}", get(document))
        .route("/api/timeline", get(timeline))
        .route("/api/places", get(places))
        .route("/api/network", get(network_json))
        .route("/api/stories", get(stories))
        .route("/api/export.csv", get(export_csv))
        .route("/api/export.jsonl", get(export_jsonl))
}

/// Run a store query on a blocking thread with a pooled connection.
pub async fn blocking<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&Db) -> anyhow::Result<T> + Send + 'static,
) -> Result<T, AppError> {
    let pool = state.pool.clone();
    tokio::task::spawn_blocking(move || pool.with(f))
        .await
        .map_err(|e| AppError::from_store(anyhow::anyhow!("query task failed: {e}")))?
        .map_err(AppError::from_store)?
        .map_err(AppError::from_store)
}

fn json_response(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn openapi() -> Response {
    json_response(OPENAPI.to_string())
}

async fn stats(State(st): State<AppState>) -> Result<Response, AppError> {
    let (c, stories) = blocking(&st, |s| Ok((s.counts()?, s.story_summaries()?.len()))).await?;
    Ok(json_response(
        json!({"documents": c.documents, "events": c.events, "claims": c.claims,
               "errors": c.errors, "stories": stories})
        .to_string(),
    ))
}

/// A page of events: `{"total", "limit", "offset", "next", "events": [...]}`.
async fn events(State(st): State<AppState>, Query(p): Query<Params>) -> Result<Response, AppError> {
    let filter = p.to_filter(true)?;
    let (limit, offset) = (filter.limit.unwrap_or(0), filter.offset.unwrap_or(0));
    let (total, body) = blocking(&st, move |s| {
        let total = s.count_events(&filter)?;
        let mut body = String::with_capacity(limit.min(200) * 2048);
        s.for_each_event_json(&filter, &mut |j| {
            if !body.is_empty() {
                body.push(',');
            }
            body.push_str(j);
            Ok(())
        })?;
        Ok((total, body))
    })
    .await?;
    let next = if (offset + limit) < total as usize {
        let np = Params {
            offset: Some((offset + limit).to_string()),
            limit: Some(limit.to_string()),
            ..p.cleaned()
        };
        serde_json::Value::String(format!("/api/events{}", np.query_string()))
    } else {
        serde_json::Value::Null
    };
    Ok(json_response(format!(
        r#"{{"total":{total},"limit":{limit},"offset":{offset},"next":{next},"events":[{body}]}}"#
    )))
}

async fn event(State(st): State<AppState>, Path(id): Path<String>) -> Result<Response, AppError> {
    let id2 = id.clone();
    let e = blocking(&st, move |s| s.event(&id2)).await?;
    match e {
        Some(e) => Ok(json_response(
            serde_json::to_string(&e).map_err(|e| AppError::from_store(e.into()))?,
        )),
        None => Err(AppError::not_found(format!("no event {id}"))),
    }
}

async fn event_source(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id2 = id.clone();
    match blocking(&st, move |s| source::event_source(s, &id2)).await? {
        Some(src) => Ok(json_response(
            serde_json::to_string(&src).map_err(|e| AppError::from_store(e.into()))?,
        )),
        None => Err(AppError::not_found(format!("no event {id}"))),
    }
}

async fn document(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id2 = id.clone();
    let found = blocking(&st, move |s| {
        let Some(d) = s.document(&id2)? else {
            return Ok(None);
        };
        let events = s.events(&sitrep_store::EventFilter {
            doc_id: Some(id2.clone()),
            ..Default::default()
        })?;
        let claims = s.claims_for_document(&id2)?;
        Ok(Some(json!({
            "doc_id": d.doc_id, "url": d.url, "title": d.title, "date": d.date,
            "outlet": d.outlet, "text": d.text,
            "event_ids": events.iter().map(|e| e.event_id.clone()).collect::<Vec<_>>(),
            "claims": claims,
        })))
    })
    .await?;
    match found {
        Some(v) => Ok(json_response(v.to_string())),
        None => Err(AppError::not_found(format!("no document {id}"))),
    }
}

async fn timeline(
    State(st): State<AppState>,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let filter = p.to_filter(false)?;
    let days = blocking(&st, move |s| s.events_by_day(&filter)).await?;
    let days: Vec<_> = days
        .iter()
        .map(|d| json!({"date": d.date, "events": d.events, "quad_class": d.quad}))
        .collect();
    Ok(json_response(json!({ "days": days }).to_string()))
}

async fn places(State(st): State<AppState>, Query(p): Query<Params>) -> Result<Response, AppError> {
    let filter = p.to_filter(false)?;
    let places = blocking(&st, move |s| s.event_places(&filter)).await?;
    let places: Vec<_> = places
        .iter()
        .map(|p| {
            json!({"name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon,
                   "events": p.events, "conflict_events": p.conflict, "goldstein_sum": p.goldstein_sum})
        })
        .collect();
    Ok(json_response(json!({ "places": places }).to_string()))
}

async fn network_json(
    State(st): State<AppState>,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let filter = p.to_filter(false)?;
    let pairs = blocking(&st, move |s| s.actor_pairs(&filter)).await?;
    let net = network::build(&pairs);
    Ok(json_response(
        serde_json::to_string(&net).map_err(|e| AppError::from_store(e.into()))?,
    ))
}

async fn stories(State(st): State<AppState>) -> Result<Response, AppError> {
    let stories = blocking(&st, |s| s.story_summaries()).await?;
    let list: Vec<_> = stories
        .iter()
        .map(|s| {
            json!({"story_id": s.story_id, "title": s.title, "events": s.events, "documents": s.documents,
                   "first_date": s.first_date, "last_date": s.last_date})
        })
        .collect();
    Ok(json_response(json!({ "stories": list }).to_string()))
}

/// Columns of the CSV export: the flat event table of docs/FORMATS.md.
pub use sitrep_export::flat::COLUMNS as CSV_COLUMNS;

/// One CSV line (RFC 4180 quoting), newline included.
pub fn csv_line(e: &Event) -> String {
    let mut line = String::new();
    for (i, v) in sitrep_export::flat::row(e).iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        if v.contains([',', '"', '\n', '\r']) {
            line.push('"');
            line.push_str(&v.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(v);
        }
    }
    line.push('\n');
    line
}

#[derive(Clone, Copy)]
enum ExportFormat {
    Csv,
    Jsonl,
}

async fn export_csv(st: State<AppState>, p: Query<Params>) -> Result<Response, AppError> {
    export(st, p, ExportFormat::Csv).await
}

async fn export_jsonl(st: State<AppState>, p: Query<Params>) -> Result<Response, AppError> {
    export(st, p, ExportFormat::Jsonl).await
}

/// Every event of the filter (no paging), streamed in chunks.
async fn export(
    State(st): State<AppState>,
    Query(p): Query<Params>,
    fmt: ExportFormat,
) -> Result<Response, AppError> {
    let filter = p.to_filter(false)?;
    // check the filter (a bad full-text query) before the answer starts
    let f2 = filter.clone();
    let total = blocking(&st, move |s| s.count_events(&f2)).await?;
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(8);
    let pool = st.pool.clone();
    tokio::task::spawn_blocking(move || {
        let mut buf = String::new();
        if let ExportFormat::Csv = fmt {
            buf.push_str(&CSV_COLUMNS.join(","));
            buf.push('\n');
        }
        let r = pool.with(|s| {
            s.for_each_event_json(&filter, &mut |j| {
                match fmt {
                    ExportFormat::Jsonl => {
                        buf.push_str(j);
                        buf.push('\n');
                    }
                    ExportFormat::Csv => {
                        let e: Event = serde_json::from_str(j)?;
                        buf.push_str(&csv_line(&e));
                    }
                }
                if buf.len() > 64 * 1024 {
                    let chunk = Bytes::from(std::mem::take(&mut buf));
                    if tx.blocking_send(Ok(chunk)).is_err() {
                        anyhow::bail!("client went away");
                    }
                }
                Ok(())
            })
        });
        let r = r.and_then(|r| r);
        match r {
            Ok(()) => {
                let _ = tx.blocking_send(Ok(Bytes::from(buf)));
            }
            Err(e) => {
                let _ = tx.blocking_send(Err(std::io::Error::other(e.to_string())));
            }
        }
    });
    let (ctype, name) = match fmt {
        ExportFormat::Csv => ("text/csv; charset=utf-8", "sitrep-events.csv"),
        ExportFormat::Jsonl => ("application/x-ndjson", "sitrep-events.jsonl"),
    };
    Ok((
        [
            (header::CONTENT_TYPE, ctype.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (
                header::HeaderName::from_static("x-total-count"),
                total.to_string(),
            ),
        ],
        Body::from_stream(tokio_stream::wrappers::ReceiverStream::new(rx)),
    )
        .into_response())
}

//! Server-rendered pages: stories, timeline, events, map, network, and the
//! source text of one event.

use crate::api::blocking;
use crate::filter::Params;
use crate::html::{self, enc, esc};
use crate::{geo, network, source, AppError, AppState};
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sitrep_model::Event;
use sitrep_store::{EventFilter, Store};
use std::fmt::Write;

const STYLE: &str = include_str!("../assets/style.css");
const SCRIPT: &str = include_str!("../assets/app.js");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/timeline", get(timeline))
        .route("/events", get(events))
        .route("/map", get(map))
        .route("/network", get(network_page))
        .route("/event/{id}", get(event))
        .route("/story/{id}", get(story))
        .route("/assets/style.css", get(style))
        .route("/assets/app.js", get(script))
}

type PageResult = Result<Html<String>, AppError>;

async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        STYLE,
    )
        .into_response()
}

async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        SCRIPT,
    )
        .into_response()
}

fn filter_of(p: &Params, paged: bool) -> Result<EventFilter, AppError> {
    p.to_filter(paged).map_err(AppError::as_html)
}

/// "showing 1–100 of 2,345" with previous/next links.
fn pager(path: &str, p: &Params, offset: usize, limit: usize, shown: usize, total: u64) -> String {
    let mut s = format!(
        r#"<p class="pager">{} {}–{} of {} events"#,
        if shown == 0 { "No events" } else { "Showing" },
        if shown == 0 { 0 } else { offset + 1 },
        offset + shown,
        total
    );
    let link = |o: usize, label: &str| {
        let q = Params {
            offset: Some(o.to_string()),
            ..p.cleaned()
        };
        format!(
            r#" <a href="{path}{}" rel="{}">{label}</a>"#,
            esc(&q.query_string()),
            if label.starts_with('←') {
                "prev"
            } else {
                "next"
            }
        )
    };
    if offset > 0 {
        s.push_str(&link(offset.saturating_sub(limit), "← previous"));
    }
    if ((offset + limit) as u64) < total {
        s.push_str(&link(offset + limit, "next →"));
    }
    s.push_str("</p>");
    s
}

fn one_line(e: &Event) -> String {
    let who = |a: &Option<sitrep_model::Actor>, n: &Option<sitrep_model::NamedSpan>| {
        a.as_ref()
            .map(|a| {
                format!(
                    r#"<span class="actor">{}</span>"#,
                    esc(if a.name.is_empty() { &a.text } else { &a.name })
                )
            })
            .unwrap_or_else(|| html::actor_or_name_html(&None, n.as_ref()))
    };
    format!(
        r#"<li class="event q{q}"><a href="/event/{id}">{src} <span class="verb">{label}</span> {tgt}</a>{place}{modality}</li>"#,
        q = e.cameo.quad_class,
        id = enc(&e.event_id),
        src = who(&e.source, &e.uncoded_source),
        tgt = who(&e.target, &e.uncoded_target),
        label = esc(&e.cameo.label.to_lowercase()),
        place = e
            .location
            .as_ref()
            .map(|p| format!(r#" <span class="place">in {}</span>"#, esc(&p.name)))
            .unwrap_or_default(),
        modality = if e.modality.as_str() == "asserted" {
            String::new()
        } else {
            format!(r#" <span class="modality">{}</span>"#, e.modality.as_str())
        }
    )
}

/// The timeline of a filter: a chart of events per day and the events of
/// the current page grouped by day.
async fn timeline_body(st: &AppState, p: &Params, heading: &str) -> Result<String, AppError> {
    let all = filter_of(p, false)?;
    let page = filter_of(p, true)?;
    let (offset, limit) = (page.offset.unwrap_or(0), page.limit.unwrap_or(0));
    let (days, total, events) = blocking(st, move |s| {
        Ok((
            s.events_by_day(&all)?,
            s.count_events(&all)?,
            s.events(&page)?,
        ))
    })
    .await
    .map_err(AppError::as_html)?;
    let mut b = String::new();
    let _ = write!(b, "<h1>{}</h1>", esc(heading));
    b.push_str(&html::filter_form("/timeline", p));
    let base = p.without_paging();
    b.push_str(&html::day_chart(&days, &|d| {
        let q = Params {
            since: Some(d.into()),
            until: Some(d.into()),
            ..base.clone()
        };
        format!("/timeline{}", q.query_string())
    }));
    b.push_str(html::legend());
    b.push_str(&pager("/timeline", p, offset, limit, events.len(), total));
    b.push_str(r#"<div class="timeline" id="timeline">"#);
    let mut i = 0;
    while i < events.len() {
        let date = events[i].date;
        let j = events[i..]
            .iter()
            .position(|e| e.date != date)
            .map_or(events.len(), |k| i + k);
        let label = date
            .map(|d| d.format("%A %-d %B %Y").to_string())
            .unwrap_or_else(|| "Undated".into());
        let _ = write!(
            b,
            r#"<section class="day"><h3><time datetime="{}">{}</time> <small>{} events</small></h3><ol>"#,
            date.map(|d| d.to_string()).unwrap_or_default(),
            esc(&label),
            j - i
        );
        for e in &events[i..j] {
            b.push_str(&one_line(e));
        }
        b.push_str("</ol></section>");
        i = j;
    }
    b.push_str("</div>");
    if events.is_empty() {
        b.push_str(r#"<p class="empty">No events match this filter.</p>"#);
    }
    Ok(b)
}

async fn home(State(st): State<AppState>, Query(p): Query<Params>) -> PageResult {
    let stories = blocking(&st, |s| s.story_summaries())
        .await
        .map_err(AppError::as_html)?;
    if stories.is_empty() {
        // no story ids assigned yet: the timeline of the current filter
        let mut b = String::from(
            r#"<p class="note" id="no-stories">No stories have been assigned in this store yet, so here is the timeline of the current filter, grouped by day.</p>"#,
        );
        b.push_str(&timeline_body(&st, &p, "Timeline").await?);
        return Ok(Html(html::page("Timeline", "/", &p, &b)));
    }
    let mut b = String::from(
        r#"<h1>Stories</h1><table class="stories" id="stories"><thead><tr><th>Story</th><th>First</th><th>Last</th><th>Events</th><th>Documents</th></tr></thead><tbody>"#,
    );
    for s in &stories {
        let _ = write!(
            b,
            r#"<tr><td><a href="/timeline?story={}">{}</a></td><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            enc(&s.story_id),
            esc(s.title.as_deref().unwrap_or(&s.story_id)),
            esc(s.first_date.as_deref().unwrap_or("")),
            esc(s.last_date.as_deref().unwrap_or("")),
            s.events,
            s.documents
        );
    }
    b.push_str("</tbody></table>");
    Ok(Html(html::page("Stories", "/", &p, &b)))
}

async fn story(Path(id): Path<String>) -> Response {
    axum::response::Redirect::to(&format!("/timeline?story={}", enc(&id))).into_response()
}

async fn timeline(State(st): State<AppState>, Query(p): Query<Params>) -> PageResult {
    let heading = match p.cleaned().story {
        Some(s) => format!("Story {s}"),
        None => "Timeline".into(),
    };
    let b = timeline_body(&st, &p, &heading).await?;
    Ok(Html(html::page(&heading, "/timeline", &p, &b)))
}

async fn events(State(st): State<AppState>, Query(p): Query<Params>) -> PageResult {
    let all = filter_of(&p, false)?;
    let page = filter_of(&p, true)?;
    let (offset, limit) = (page.offset.unwrap_or(0), page.limit.unwrap_or(0));
    let (total, events) = blocking(&st, move |s| Ok((s.count_events(&all)?, s.events(&page)?)))
        .await
        .map_err(AppError::as_html)?;
    let mut b = String::from("<h1>Events</h1>");
    b.push_str(&html::filter_form("/events", &p));
    let q = esc(&p.without_paging().query_string());
    let _ = write!(
        b,
        r#"<p class="export">Export this filter: <a href="/api/export.csv{q}" id="export-csv">CSV</a> · <a href="/api/export.jsonl{q}" id="export-jsonl">JSONL</a> · <a href="/api/events{q}">JSON API</a></p>"#
    );
    b.push_str(&pager("/events", &p, offset, limit, events.len(), total));
    b.push_str(html::EVENT_TABLE_HEAD);
    for e in &events {
        b.push_str(&html::event_row(e));
    }
    b.push_str("</tbody></table>");
    Ok(Html(html::page("Events", "/events", &p, &b)))
}

#[derive(serde::Deserialize)]
struct MapView {
    view: Option<String>,
}

async fn map(
    State(st): State<AppState>,
    Query(p): Query<Params>,
    Query(v): Query<MapView>,
) -> PageResult {
    let whole = v.view.as_deref() == Some("all");
    let all = filter_of(&p, false)?;
    let places = blocking(&st, move |s| {
        // per place: its events (the first few listed under the map)
        let mut by_place: Vec<(String, f64, f64, Vec<Event>, usize)> = Vec::new();
        s.for_each_event(&all, &mut |e| {
            let Some(loc) = &e.location else {
                return Ok(());
            };
            let (Some(lat), Some(lon)) = (loc.lat, loc.lon) else {
                return Ok(());
            };
            let k = match by_place
                .iter()
                .position(|(n, a, o, _, _)| *n == loc.name && *a == lat && *o == lon)
            {
                Some(k) => k,
                None => {
                    by_place.push((loc.name.clone(), lat, lon, Vec::new(), 0));
                    by_place.len() - 1
                }
            };
            let entry = &mut by_place[k];
            entry.4 += 1;
            if entry.3.len() < 8 {
                entry.3.push(e);
            }
            Ok(())
        })?;
        by_place.sort_by(|a, b| b.4.cmp(&a.4).then_with(|| a.0.cmp(&b.0)));
        Ok(by_place)
    })
    .await
    .map_err(AppError::as_html)?;
    let points: Vec<geo::Point> = places
        .iter()
        .enumerate()
        .map(|(i, (name, lat, lon, evs, n))| {
            let conflict = evs.iter().filter(|e| e.cameo.quad_class >= 3).count();
            geo::Point {
                lat: *lat,
                lon: *lon,
                radius: 4.0 + (*n as f64).sqrt() * 2.5,
                class: if conflict * 2 >= evs.len() {
                    "conflict"
                } else {
                    "coop"
                },
                title: format!("{name}: {n} events"),
                href: format!("#place-{i}"),
            }
        })
        .collect();
    let mut b = String::from("<h1>Map</h1>");
    b.push_str(&html::filter_form("/map", &p));
    let located: usize = places.iter().map(|p| p.4).sum();
    let outside = geo::outside_focus(&points);
    let toggle = if whole {
        format!(
            r#" <a href="/map{}" id="map-focus">Zoom to where most events are</a>."#,
            esc(&p.without_paging().query_string())
        )
    } else if outside > 0 {
        let q = p.without_paging().query_string();
        let sep = if q.is_empty() { "?" } else { "&" };
        format!(
            r#" {outside} places lie outside this view: <a href="/map{}{sep}view=all" id="map-all">show them all</a>."#,
            esc(&q)
        )
    } else {
        String::new()
    };
    let _ = write!(
        b,
        r#"<p>{} events at {} places. Circle area grows with the number of events; red where most are conflict (QuadClass 3–4), blue otherwise.{toggle}</p><div class="mapbox">{}</div>"#,
        located,
        places.len(),
        geo::map_svg(&points, 1100.0, !whole)
    );
    b.push_str(r#"<div class="places">"#);
    for (i, (name, lat, lon, evs, n)) in places.iter().enumerate() {
        let _ = write!(
            b,
            r#"<section id="place-{i}"><h3>{} <small>{lat:.3}, {lon:.3} · {n} events</small></h3><ul>"#,
            esc(name)
        );
        for e in evs {
            b.push_str(&one_line(e));
        }
        if *n > evs.len() {
            let _ = write!(b, "<li>… and {} more</li>", n - evs.len());
        }
        b.push_str("</ul></section>");
    }
    b.push_str("</div>");
    Ok(Html(html::page("Map", "/map", &p, &b)))
}

async fn network_page(State(st): State<AppState>, Query(p): Query<Params>) -> PageResult {
    let all = filter_of(&p, false)?;
    let pairs = blocking(&st, move |s| s.actor_pairs(&all))
        .await
        .map_err(AppError::as_html)?;
    let net = network::build(&pairs);
    let base = p.without_paging();
    let link = |id: &str| {
        let q = Params {
            actor: Some(id.into()),
            ..base.clone()
        };
        format!("/events{}", q.query_string())
    };
    let mut b = String::from("<h1>Actor network</h1>");
    b.push_str(&html::filter_form("/network", &p));
    let _ = write!(
        b,
        r#"<p>Who acts on whom: {} actors, {} directed links{}. Line width grows with the absolute sum of the Goldstein scores; red links are hostile on average, blue cooperative, grey neutral. Click an actor for its events.</p>"#,
        net.nodes.len(),
        net.edges.len(),
        if net.omitted_nodes > 0 {
            format!(" ({} less active actors left out)", net.omitted_nodes)
        } else {
            String::new()
        }
    );
    b.push_str(r#"<div class="netbox">"#);
    b.push_str(&network::svg(&net, 960.0, 620.0, &link));
    b.push_str("</div>");
    let names: std::collections::HashMap<&str, &str> = net
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.name.as_str()))
        .collect();
    b.push_str(r#"<table class="pairs"><thead><tr><th>Source</th><th>Target</th><th>Events</th><th>Goldstein sum</th><th>mean</th></tr></thead><tbody>"#);
    let mut edges = net.edges.clone();
    edges.sort_by(|a, b| b.goldstein_sum.abs().total_cmp(&a.goldstein_sum.abs()));
    for e in edges.iter().take(40) {
        let _ = write!(
            b,
            r#"<tr><td><a href="{}">{}</a></td><td><a href="{}">{}</a></td><td class="num">{}</td><td class="num">{:+.1}</td><td class="num">{:+.1}</td></tr>"#,
            esc(&link(&e.source)),
            esc(names.get(e.source.as_str()).unwrap_or(&"")),
            esc(&link(&e.target)),
            esc(names.get(e.target.as_str()).unwrap_or(&"")),
            e.events,
            e.goldstein_sum,
            e.goldstein_mean
        );
    }
    b.push_str("</tbody></table>");
    Ok(Html(html::page("Network", "/network", &p, &b)))
}

async fn event(State(st): State<AppState>, Path(id): Path<String>) -> PageResult {
    let id2 = id.clone();
    let Some(src) = blocking(&st, move |s| source::event_source(s, &id2))
        .await
        .map_err(AppError::as_html)?
    else {
        return Err(AppError::not_found(format!("no event {id}")).as_html());
    };
    let e = &src.event;
    let mut b = String::new();
    let name = |a: &Option<sitrep_model::Actor>| {
        a.as_ref()
            .map(|a| {
                if a.name.is_empty() {
                    a.text.clone()
                } else {
                    a.name.clone()
                }
            })
            .unwrap_or_else(|| "—".into())
    };
    let _ = write!(
        b,
        r#"<h1>{} <span class="verb q{}">{}</span> {}</h1>"#,
        esc(&name(&e.source)),
        e.cameo.quad_class,
        esc(&e.cameo.label.to_lowercase()),
        esc(&name(&e.target))
    );
    b.push_str(r#"<h2>Source text</h2><div class="source" id="source">"#);
    for s in &src.sentences {
        let _ = write!(
            b,
            r#"<blockquote class="sentence" data-sentence="{}">{}</blockquote>"#,
            s.sentence,
            source::marked_html(s)
        );
    }
    b.push_str(r#"</div><p class="legend"><mark class="hl-source">source</mark> <mark class="hl-predicate">predicate</mark> <mark class="hl-target">target</mark> <mark class="hl-place">place</mark> <mark class="hl-date">date</mark> <mark class="hl-claimant">claimant</mark></p>"#);
    if let Some(d) = &src.document {
        let _ = write!(
            b,
            r#"<p class="doc">From <a href="/events?doc={}">{}</a>{}{}{} · <a href="/api/documents/{}">document JSON</a></p>"#,
            enc(&d.doc_id),
            esc(d.title.as_deref().unwrap_or(&d.doc_id)),
            d.date
                .as_deref()
                .map(|x| format!(", published {}", esc(x)))
                .unwrap_or_default(),
            d.outlet
                .as_deref()
                .map(|x| format!(", {}", esc(x)))
                .unwrap_or_default(),
            d.url
                .as_deref()
                .map(|u| match web_link(u) {
                    Some(u) => format!(r#", <a href="{}" rel="noreferrer">original</a>"#, esc(u)),
                    None => format!(", from {}", esc(u)),
                })
                .unwrap_or_default(),
            enc(&d.doc_id),
        );
    }
    b.push_str(r#"<h2>Coding</h2><table class="kv" id="coding">"#);
    let mut kv = |k: &str, v: String| {
        let _ = write!(b, "<tr><th>{k}</th><td>{v}</td></tr>");
    };
    kv(
        "Date",
        format!(
            "{} <small>({} precision, from {})</small>",
            e.date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "unknown".into()),
            html::esc(
                &serde_json::to_value(e.date_precision)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default()
            ),
            html::esc(
                &serde_json::to_value(e.date_source)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default()
            ),
        ),
    );
    kv(
        "Source",
        html::actor_or_name_html(&e.source, e.uncoded_source.as_ref()),
    );
    kv(
        "Target",
        html::actor_or_name_html(&e.target, e.uncoded_target.as_ref()),
    );
    kv(
        "CAMEO",
        format!(
            "<code>{}</code> {} · root {} · Goldstein {:+.1} · QuadClass {} ({})",
            esc(&e.cameo.code),
            esc(&e.cameo.label),
            esc(&e.cameo.root),
            e.cameo.goldstein,
            e.cameo.quad_class,
            html::quad_class_name(e.cameo.quad_class)
        ),
    );
    kv(
        "PLOVER",
        format!(
            "{} {}",
            esc(e.plover.event.as_deref().unwrap_or("—")),
            e.plover
                .mode
                .as_deref()
                .map(|m| format!("(mode {})", esc(m)))
                .unwrap_or_default()
        ),
    );
    kv("Modality", esc(e.modality.as_str()));
    if e.claimant.is_some() {
        kv("Claimed by", html::actor_html(&e.claimant));
    }
    kv(
        "Place",
        e.location
            .as_ref()
            .map(|l| {
                format!(
                    "{}{} <small>{} precision{}</small>",
                    esc(&l.name),
                    l.country
                        .as_deref()
                        .map(|c| format!(", {}", esc(c)))
                        .unwrap_or_default(),
                    esc(&serde_json::to_value(l.precision)
                        .ok()
                        .and_then(|v| v.as_str().map(String::from))
                        .unwrap_or_default()),
                    match (l.lat, l.lon) {
                        (Some(a), Some(o)) => format!(", {a:.4}, {o:.4}"),
                        _ => String::new(),
                    }
                )
            })
            .unwrap_or_else(|| "—".into()),
    );
    kv("Confidence", format!("{:.2}", e.confidence));
    kv(
        "Event id",
        format!(
            "<code>{}</code> · <a href=\"/api/events/{}/source\">JSON</a>",
            esc(&e.event_id),
            enc(&e.event_id)
        ),
    );
    b.push_str("</table>");
    let x = &e.explanation;
    let _ = write!(
        b,
        r#"<h2>Why</h2><div class="explanation" id="explanation"><p>Predicate <mark class="hl-predicate">{}</mark> matched <code>{}</code>.</p><ol>"#,
        esc(&x.predicate),
        esc(&x.pattern)
    );
    for r in &x.rules {
        let _ = write!(
            b,
            r#"<li>{} <code class="rule-id">{}</code></li>"#,
            esc(&r.text),
            esc(&r.id)
        );
    }
    b.push_str("</ol></div>");
    if !src.claims.is_empty() {
        b.push_str(r#"<h2>Figures in the same document</h2><table class="claims"><thead><tr><th>Category</th><th>low</th><th>best</th><th>high</th><th>Claimed by</th><th>Text</th></tr></thead><tbody>"#);
        let n = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_else(|| "–".into());
        for c in &src.claims {
            let _ = write!(
                b,
                r#"<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td><td>{}</td></tr>"#,
                c.category.as_str(),
                n(c.low),
                n(c.best),
                n(c.high),
                esc(c.claimant.as_ref().map(|a| a.text.as_str()).unwrap_or("—")),
                esc(&c.mention.text)
            );
        }
        b.push_str("</tbody></table>");
    }
    Ok(Html(html::page(
        &format!("Event {}", e.event_id),
        "",
        &Params::default(),
        &b,
    )))
}

/// A document's address as a link only when it is a web address: a stored
/// `javascript:` or `data:` URL (input files say what they like) would run
/// in the reader's browser when clicked, so it is shown as text instead.
pub(crate) fn web_link(url: &str) -> Option<&str> {
    let u = url.trim();
    let scheme = u.split_once(':')?.0.to_ascii_lowercase();
    matches!(scheme.as_str(), "http" | "https").then_some(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_links() {
        assert_eq!(web_link("https://x.test/a"), Some("https://x.test/a"));
        assert_eq!(web_link(" HTTP://x.test/"), Some("HTTP://x.test/"));
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "x.test/a",
            "//x.test",
        ] {
            assert_eq!(web_link(bad), None, "{bad}");
        }
    }
}

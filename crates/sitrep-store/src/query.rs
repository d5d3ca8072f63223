//! Read-only queries for browsing a store: one event, a document and what was
//! found in it, and aggregates over a filter (counts by day, actor pairs,
//! places, stories). All take the same [`EventFilter`] as [`Store::events`];
//! aggregates ignore its `limit` and `offset`.
//!
//! [`Store::events`]: crate::Store::events

use crate::{EventFilter, SqliteStore};
use anyhow::Context;
use rusqlite::{params_from_iter, OptionalExtension, ToSql};
use sitrep_model::{Annotation, Claim, Event};

/// A stored document's metadata and text.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentInfo {
    pub doc_id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub text: String,
}

/// Events on one day (`date` is `None` for undated events), split by QuadClass
/// (`quad[0]` is QuadClass 1; events of CAMEO roots outside 01–20 count in
/// `events` only).
#[derive(Debug, Clone, PartialEq)]
pub struct DayCount {
    pub date: Option<String>,
    pub events: u64,
    pub quad: [u64; 4],
}

/// Events of one source acting on one target.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorPair {
    pub source_id: String,
    pub source_code: String,
    pub source_name: String,
    pub target_id: String,
    pub target_code: String,
    pub target_name: String,
    pub events: u64,
    /// Sum of the Goldstein scores of the pair's events.
    pub goldstein_sum: f64,
}

/// Events at one resolved location.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceCount {
    pub name: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub events: u64,
    pub goldstein_sum: f64,
    /// Events of QuadClass 3 and 4 (conflict).
    pub conflict: u64,
}

/// A story as seen from its events (ids are assigned by story detection).
#[derive(Debug, Clone, PartialEq)]
pub struct StorySummary {
    pub story_id: String,
    /// The story's title (its first document's headline or first sentence).
    pub title: Option<String>,
    pub events: u64,
    pub documents: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

fn args_ref(args: &[Box<dyn ToSql>]) -> impl Iterator<Item = &dyn ToSql> {
    args.iter().map(|b| b.as_ref())
}

impl SqliteStore {
    /// How many events match a filter (ignoring `limit` and `offset`).
    pub fn count_events(&self, filter: &EventFilter) -> anyhow::Result<u64> {
        let (where_sql, args) = Self::filter_conditions(filter);
        let sql = format!("SELECT COUNT(*) FROM events e{where_sql}");
        let n: i64 = self
            .connection()
            .query_row(&sql, params_from_iter(args_ref(&args)), |r| r.get(0))?;
        Ok(n as u64)
    }

    /// Visit matching events as their stored JSON, in the order of
    /// [`Store::events`](crate::Store::events), without decoding them.
    pub fn for_each_event_json(
        &self,
        filter: &EventFilter,
        f: &mut dyn FnMut(&str) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        // Order and page on the keys alone, then fetch the JSON of the page:
        // sorting whole rows (kilobytes of JSON each) made every page cost a
        // sort of the full table's JSON.
        let (where_sql, args) = Self::where_clause(filter);
        let sql = format!(
            "SELECT e2.json FROM (SELECT e.event_id, e.date FROM events e{where_sql}) k
             JOIN events e2 ON e2.event_id = k.event_id
             ORDER BY k.date IS NULL, k.date, k.event_id"
        );
        let mut stmt = self.connection().prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(args_ref(&args)))?;
        while let Some(r) = rows.next()? {
            let json = r.get_ref(0)?.as_str()?;
            f(json)?;
        }
        Ok(())
    }

    /// One event by id.
    pub fn event(&self, event_id: &str) -> anyhow::Result<Option<Event>> {
        let json: Option<String> = self
            .connection()
            .query_row(
                "SELECT json FROM events WHERE event_id = ?",
                [event_id],
                |r| r.get(0),
            )
            .optional()?;
        json.map(|j| serde_json::from_str(&j).context("decoding a stored event"))
            .transpose()
    }

    /// A document's metadata and text.
    pub fn document(&self, doc_id: &str) -> anyhow::Result<Option<DocumentInfo>> {
        Ok(self
            .connection()
            .query_row(
                "SELECT doc_id, url, title, date, outlet, text FROM documents WHERE doc_id = ?",
                [doc_id],
                |r| {
                    Ok(DocumentInfo {
                        doc_id: r.get(0)?,
                        url: r.get(1)?,
                        title: r.get(2)?,
                        date: r.get(3)?,
                        outlet: r.get(4)?,
                        text: r.get(5)?,
                    })
                },
            )
            .optional()?)
    }

    /// Everything the pipeline found in a document (sentences, actors,
    /// places, time expressions, claims, events), as stored at ingest.
    pub fn annotation(&self, doc_id: &str) -> anyhow::Result<Option<Annotation>> {
        let json: Option<String> = self
            .connection()
            .query_row(
                "SELECT annotation FROM documents WHERE doc_id = ?",
                [doc_id],
                |r| r.get(0),
            )
            .optional()?;
        json.map(|j| serde_json::from_str(&j).context("decoding a stored annotation"))
            .transpose()
    }

    /// The casualty and captive figures of a document, in text order.
    pub fn claims_for_document(&self, doc_id: &str) -> anyhow::Result<Vec<Claim>> {
        let mut stmt = self
            .connection()
            .prepare_cached("SELECT json FROM claims WHERE doc_id = ?")?;
        let mut out: Vec<Claim> = stmt
            .query_map([doc_id], |r| r.get::<_, String>(0))?
            .map(|j| -> anyhow::Result<Claim> {
                serde_json::from_str(&j?).context("decoding a stored claim")
            })
            .collect::<anyhow::Result<_>>()?;
        out.sort_by_key(|c| (c.mention.start, c.category.as_str()));
        Ok(out)
    }

    /// Matching events per day, oldest first, undated last.
    pub fn events_by_day(&self, filter: &EventFilter) -> anyhow::Result<Vec<DayCount>> {
        let (where_sql, args) = Self::filter_conditions(filter);
        let sql = format!(
            "SELECT e.date, COUNT(*),
                    SUM(q = 1), SUM(q = 2), SUM(q = 3), SUM(q = 4)
             FROM (SELECT e.date AS date, json_extract(e.json, '$.cameo.quad_class') AS q
                   FROM events e{where_sql}) e
             GROUP BY e.date ORDER BY e.date IS NULL, e.date"
        );
        let mut stmt = self.connection().prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args_ref(&args)), |r| {
            Ok(DayCount {
                date: r.get(0)?,
                events: r.get::<_, i64>(1)? as u64,
                quad: [
                    r.get::<_, i64>(2)? as u64,
                    r.get::<_, i64>(3)? as u64,
                    r.get::<_, i64>(4)? as u64,
                    r.get::<_, i64>(5)? as u64,
                ],
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Who acts on whom: matching events with both a source and a target,
    /// grouped by (source id, target id), most events first.
    pub fn actor_pairs(&self, filter: &EventFilter) -> anyhow::Result<Vec<ActorPair>> {
        let (where_sql, args) = Self::filter_conditions(filter);
        let joiner = if where_sql.is_empty() {
            " WHERE"
        } else {
            " AND"
        };
        let sql = format!(
            "SELECT e.source_id, MIN(e.source_code), MIN(json_extract(e.json, '$.source.name')),
                    e.target_id, MIN(e.target_code), MIN(json_extract(e.json, '$.target.name')),
                    COUNT(*), TOTAL(json_extract(e.json, '$.cameo.goldstein'))
             FROM events e{where_sql}{joiner} e.source_id IS NOT NULL AND e.target_id IS NOT NULL
             GROUP BY e.source_id, e.target_id
             ORDER BY COUNT(*) DESC, e.source_id, e.target_id"
        );
        let mut stmt = self.connection().prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args_ref(&args)), |r| {
            Ok(ActorPair {
                source_id: r.get(0)?,
                source_code: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                source_name: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                target_id: r.get(3)?,
                target_code: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                target_name: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                events: r.get::<_, i64>(6)? as u64,
                goldstein_sum: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Matching events with a located place, grouped by place, most events first.
    pub fn event_places(&self, filter: &EventFilter) -> anyhow::Result<Vec<PlaceCount>> {
        let (where_sql, args) = Self::filter_conditions(filter);
        let sql = format!(
            "SELECT name, MIN(country), lat, lon, COUNT(*), TOTAL(g), SUM(q >= 3)
             FROM (SELECT json_extract(e.json, '$.location.name') AS name,
                          json_extract(e.json, '$.location.country') AS country,
                          json_extract(e.json, '$.location.lat') AS lat,
                          json_extract(e.json, '$.location.lon') AS lon,
                          json_extract(e.json, '$.cameo.goldstein') AS g,
                          json_extract(e.json, '$.cameo.quad_class') AS q
                   FROM events e{where_sql})
             WHERE lat IS NOT NULL AND lon IS NOT NULL
             GROUP BY name, lat, lon
             ORDER BY COUNT(*) DESC, name"
        );
        let mut stmt = self.connection().prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args_ref(&args)), |r| {
            Ok(PlaceCount {
                name: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                country: r.get(1)?,
                lat: r.get(2)?,
                lon: r.get(3)?,
                events: r.get::<_, i64>(4)? as u64,
                goldstein_sum: r.get(5)?,
                conflict: r.get::<_, Option<i64>>(6)?.unwrap_or(0) as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Stories that events have been assigned to, most recent last date first.
    /// Empty until story detection assigns ids.
    pub fn story_summaries(&self) -> anyhow::Result<Vec<StorySummary>> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT e.story_id, COUNT(*), COUNT(DISTINCT e.doc_id), MIN(e.date), MAX(e.date),
                    (SELECT s.title FROM stories s WHERE s.story_id = e.story_id)
             FROM events e WHERE e.story_id IS NOT NULL
             GROUP BY e.story_id ORDER BY MAX(e.date) IS NULL, MAX(e.date) DESC, e.story_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(StorySummary {
                story_id: r.get(0)?,
                events: r.get::<_, i64>(1)? as u64,
                documents: r.get::<_, i64>(2)? as u64,
                first_date: r.get(3)?,
                last_date: r.get(4)?,
                title: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

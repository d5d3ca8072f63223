//! The filter query parameters shared by the API and the pages.

use crate::AppError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_store::EventFilter;

/// Default page size of event lists.
pub const DEFAULT_LIMIT: usize = 100;
/// Largest page size of event lists (exports are not paged).
pub const MAX_LIMIT: usize = 1000;

/// Query parameters, as given (empty values, as HTML forms send them, mean
/// "not set"). [`Params::to_filter`] checks them.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
pub struct Params {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `fts5` to read `text` as SQLite FTS5 syntax; otherwise plain words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_syntax: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<String>,
}

fn clean(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn date(v: &Option<String>, name: &str) -> Result<Option<NaiveDate>, AppError> {
    clean(v)
        .map(|s| {
            NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                .map_err(|_| AppError::bad_request(format!("{name}: want YYYY-MM-DD, got {s:?}")))
        })
        .transpose()
}

fn number(v: &Option<String>, name: &str) -> Result<Option<usize>, AppError> {
    clean(v)
        .map(|s| {
            // SQLite integers are signed 64-bit
            s.parse::<usize>()
                .ok()
                .filter(|n| *n <= i64::MAX as usize)
                .ok_or_else(|| {
                    AppError::bad_request(format!(
                        "{name}: want an integer from 0 to {}, got {:?}",
                        i64::MAX,
                        s.chars().take(40).collect::<String>()
                    ))
                })
        })
        .transpose()
}

/// Longest actor, story or document id accepted in a filter.
const MAX_ID_LEN: usize = 512;

fn text_syntax(v: &Option<String>) -> Result<sitrep_store::TextSyntax, AppError> {
    match clean(v).as_deref() {
        None | Some("words") => Ok(sitrep_store::TextSyntax::Words),
        Some("fts5") => Ok(sitrep_store::TextSyntax::Fts5),
        Some(other) => Err(AppError::bad_request(format!(
            "text_syntax: want words or fts5, got {:?}",
            other.chars().take(40).collect::<String>()
        ))),
    }
}

impl Params {
    /// The store filter, with the page bounded: `limit` defaults to
    /// [`DEFAULT_LIMIT`] and may not exceed [`MAX_LIMIT`]. With `paged`
    /// false, limit and offset are left unset (aggregates, exports).
    pub fn to_filter(&self, paged: bool) -> Result<EventFilter, AppError> {
        let since = date(&self.since, "since")?;
        let until = date(&self.until, "until")?;
        if let (Some(a), Some(b)) = (since, until) {
            if a > b {
                return Err(AppError::bad_request(format!(
                    "since ({a}) is after until ({b})"
                )));
            }
        }
        let cameo = clean(&self.cameo);
        if let Some(c) = &cameo {
            if c.len() > 4 || !c.bytes().all(|b| b.is_ascii_digit()) {
                return Err(AppError::bad_request(format!(
                    "cameo: want a CAMEO code or prefix of 1-4 digits, got {c:?}"
                )));
            }
        }
        let country = clean(&self.country);
        if let Some(c) = &country {
            if c.len() != 3 || !c.bytes().all(|b| b.is_ascii_alphabetic()) {
                return Err(AppError::bad_request(format!(
                    "country: want an ISO 3166 alpha-3 code, got {c:?}"
                )));
            }
        }
        for (name, v) in [
            ("actor", &self.actor),
            ("story", &self.story),
            ("doc", &self.doc),
        ] {
            if v.as_ref().is_some_and(|v| v.len() > MAX_ID_LEN) {
                return Err(AppError::bad_request(format!(
                    "{name}: longer than {MAX_ID_LEN} bytes"
                )));
            }
        }
        let limit = number(&self.limit, "limit")?;
        let offset = number(&self.offset, "offset")?;
        if let Some(l) = limit {
            if l == 0 || l > MAX_LIMIT {
                return Err(AppError::bad_request(format!(
                    "limit: want 1 to {MAX_LIMIT}, got {l}"
                )));
            }
        }
        Ok(EventFilter {
            since,
            until,
            actor: clean(&self.actor),
            country,
            cameo,
            plover: clean(&self.plover),
            story: clean(&self.story),
            text: clean(&self.text),
            text_syntax: text_syntax(&self.text_syntax)?,
            doc_id: clean(&self.doc),
            limit: paged.then(|| limit.unwrap_or(DEFAULT_LIMIT)),
            offset: if paged {
                Some(offset.unwrap_or(0))
            } else {
                None
            },
        })
    }

    /// The same parameters with empty values dropped.
    pub fn cleaned(&self) -> Params {
        Params {
            since: clean(&self.since),
            until: clean(&self.until),
            actor: clean(&self.actor),
            country: clean(&self.country),
            cameo: clean(&self.cameo),
            plover: clean(&self.plover),
            story: clean(&self.story),
            text: clean(&self.text),
            text_syntax: clean(&self.text_syntax),
            doc: clean(&self.doc),
            limit: clean(&self.limit),
            offset: clean(&self.offset),
        }
    }

    /// The filter part only (no paging), for links between views.
    pub fn without_paging(&self) -> Params {
        Params {
            limit: None,
            offset: None,
            ..self.cleaned()
        }
    }

    /// `?a=b&…` (or empty), URL-encoded.
    pub fn query_string(&self) -> String {
        let q = serde_urlencoded::to_string(self.cleaned()).unwrap_or_default();
        if q.is_empty() {
            q
        } else {
            format!("?{q}")
        }
    }

    pub fn is_empty(&self) -> bool {
        self.without_paging() == Params::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_values_are_unset_and_bad_values_are_refused() {
        let p = Params {
            since: Some("".into()),
            actor: Some(" ARMGOV ".into()),
            ..Default::default()
        };
        let f = p.to_filter(true).unwrap();
        assert_eq!(f.since, None);
        assert_eq!(f.actor.as_deref(), Some("ARMGOV"));
        assert_eq!((f.limit, f.offset), (Some(DEFAULT_LIMIT), Some(0)));
        assert_eq!(p.query_string(), "?actor=ARMGOV");
        for bad in [
            Params {
                since: Some("2020-13-01".into()),
                ..Default::default()
            },
            Params {
                cameo: Some("19x".into()),
                ..Default::default()
            },
            Params {
                limit: Some("5000".into()),
                ..Default::default()
            },
            Params {
                actor: Some("A".repeat(65_000)),
                ..Default::default()
            },
            Params {
                text_syntax: Some("regex".into()),
                ..Default::default()
            },
            Params {
                since: Some("2020-10-02".into()),
                until: Some("2020-10-01".into()),
                ..Default::default()
            },
        ] {
            assert!(bad.to_filter(true).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn query_strings_are_encoded() {
        let p = Params {
            text: Some("shelling & \"Ganja\"".into()),
            ..Default::default()
        };
        assert_eq!(p.query_string(), "?text=shelling+%26+%22Ganja%22");
    }
}

//! JSONL records: `{"id","url","title","date","text"}` or `"html"` instead of `"text"`.

use crate::{html_document, text_document, url_host, Item, ReadOptions};
use sitrep_model::{stable_id, DateSource, DocError};

/// The field names of a JSONL record (configurable for other dumps).
#[derive(Debug, Clone)]
pub struct FieldNames {
    pub id: String,
    pub url: String,
    pub title: String,
    pub date: String,
    pub text: String,
    pub html: String,
    pub outlet: String,
}

impl Default for FieldNames {
    fn default() -> Self {
        FieldNames {
            id: "id".into(),
            url: "url".into(),
            title: "title".into(),
            date: "date".into(),
            text: "text".into(),
            html: "html".into(),
            outlet: "source".into(),
        }
    }
}

fn field<'a>(obj: &'a serde_json::Map<String, serde_json::Value>, name: &str) -> Option<&'a str> {
    obj.get(name)
        .and_then(|v| v.as_str())
        .filter(|s| !s.trim().is_empty())
}

/// What a date field holds when it is not a string to read: a number (a
/// Unix time? a year?), `null`, a boolean, an array or an object. Dumps
/// write `"date": 1602288000` or `"date": null`, which were dropped silently.
fn unreadable_date_kind(v: &serde_json::Value) -> Option<&'static str> {
    match v {
        serde_json::Value::String(_) => None,
        serde_json::Value::Number(_) => Some("a number"),
        serde_json::Value::Null => Some("null"),
        serde_json::Value::Bool(_) => Some("a boolean"),
        serde_json::Value::Array(_) => Some("an array"),
        serde_json::Value::Object(_) => Some("an object"),
    }
}

/// Parse one JSONL line into a document. `at` is `file:line`.
pub fn parse_jsonl_line(at: &str, line: &str, opts: &ReadOptions) -> Item {
    let value: serde_json::Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => {
            return Err(DocError {
                origin: at.into(),
                doc_id: None,
                message: format!("malformed JSON: {e}"),
            })
        }
    };
    let Some(obj) = value.as_object() else {
        return Err(DocError {
            origin: at.into(),
            doc_id: None,
            message: "a JSONL line must be a JSON object".into(),
        });
    };
    let f = &opts.fields;
    let url = field(obj, &f.url);
    let text = field(obj, &f.text);
    let html = field(obj, &f.html);
    let id = match obj.get(&f.id) {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => stable_id("doc-", &[url.unwrap_or(""), text.or(html).unwrap_or("")]),
    };
    let mut doc = match (text, html) {
        (Some(t), _) => text_document(at, &id, t.to_string(), opts)?,
        (None, Some(h)) => html_document(at, &id, h, url, opts)?,
        (None, None) => {
            return Err(DocError {
                origin: at.into(),
                doc_id: Some(id),
                message: format!("no \"{}\" or \"{}\" field with content", f.text, f.html),
            })
        }
    };
    if let Some(t) = field(obj, &f.title) {
        doc.title = Some(t.to_string());
    } else if text.is_some() {
        doc.title = None; // a JSONL text field has no headline line of its own
    }
    if let Some(u) = url {
        doc.url = Some(u.to_string());
    }
    match field(obj, &f.date) {
        Some(d) => match sitrep_time::parse_date_str(d) {
            Some(date) => {
                doc.date = Some(date);
                doc.date_source = DateSource::Record;
            }
            None => eprintln!(
                "sitrep: {at}: cannot read date {d:?}; using {}",
                if doc.date.is_some() {
                    "the date found in the text"
                } else {
                    "none"
                }
            ),
        },
        None => {
            if let Some(kind) = obj.get(&f.date).and_then(unreadable_date_kind) {
                eprintln!(
                    "sitrep: {at}: date field \"{}\" is {kind}, not a date string; using {}",
                    f.date,
                    if doc.date.is_some() {
                        "the date found in the text"
                    } else {
                        "the URL's date or none"
                    }
                );
            }
            if doc.date.is_none() {
                if let Some(d) = url.and_then(sitrep_time::date_from_url) {
                    doc.date = Some(d);
                    doc.date_source = DateSource::Url;
                }
            }
        }
    }
    doc.outlet = field(obj, &f.outlet)
        .map(str::to_string)
        .or(doc.outlet)
        .or_else(|| url.and_then(url_host));
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_and_bad_lines() {
        let o = ReadOptions::new();
        let d = parse_jsonl_line(
            "f:1",
            r#"{"id":"a","url":"https://www.x.test/2020/10/12/y","title":"T","date":"2020-10-12","text":"Armenia said so."}"#,
            &o,
        )
        .unwrap();
        assert_eq!(d.id, "a");
        assert_eq!(d.date_source, DateSource::Record);
        assert_eq!(d.outlet.as_deref(), Some("x.test"));
        let e = parse_jsonl_line("f:2", r#"{"id":"b","text":"trunc"#, &o).unwrap_err();
        assert!(e.message.starts_with("malformed JSON"));
        assert_eq!(e.origin, "f:2");
        let e = parse_jsonl_line("f:3", r#"{"id":"c"}"#, &o).unwrap_err();
        assert!(e.message.contains("no \"text\""));
        let d = parse_jsonl_line(
            "f:4",
            r#"{"url":"https://x.test/2020/10/12/y","text":"Body."}"#,
            &o,
        )
        .unwrap();
        assert!(d.id.starts_with("doc-"));
        assert_eq!(d.date_source, DateSource::Url);
    }

    #[test]
    fn dates_that_are_not_strings_are_named() {
        let kind = |j: &str| unreadable_date_kind(&serde_json::from_str(j).unwrap());
        assert_eq!(kind("1602288000"), Some("a number"));
        assert_eq!(kind("null"), Some("null"));
        assert_eq!(kind("\"2020-10-10\""), None);
    }
}

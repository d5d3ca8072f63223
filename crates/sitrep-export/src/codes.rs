//! Code crosswalks: country codes in the systems the export formats use, and
//! CAMEO actor codes split into the parts GDELT and Phoenix keep apart.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One country in every code system the exports need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Country {
    pub iso3: String,
    pub iso2: String,
    /// ISO 3166-1 numeric, without leading zeros (`31` for Azerbaijan), as ACLED writes it.
    pub iso_numeric: Option<u32>,
    /// FIPS 10-4, the country codes of GDELT's geographic fields (`AJ` for Azerbaijan).
    pub fips: String,
    /// Correlates of War numeric code.
    pub cow_numeric: Option<u32>,
    pub name: String,
}

const TABLE: &str = include_str!("../data/country_codes.tsv");

fn table() -> &'static HashMap<String, Country> {
    static T: OnceLock<HashMap<String, Country>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = HashMap::new();
        for line in TABLE.lines() {
            if line.starts_with('#') || line.starts_with("key\t") || line.trim().is_empty() {
                continue;
            }
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() < 9 {
                continue;
            }
            let country = Country {
                iso3: if c[2].is_empty() { c[0] } else { c[2] }.to_string(),
                iso2: c[3].to_string(),
                iso_numeric: c[4].parse().ok(),
                fips: c[5].to_string(),
                cow_numeric: c[7].parse().ok(),
                name: c[8].to_string(),
            };
            m.insert(c[0].to_string(), country.clone());
            // CAMEO codes that differ from ISO (e.g. a CAMEO-only code) resolve too
            if c[1].len() == 3 && c[1] != c[0] {
                m.entry(c[1].to_string()).or_insert(country);
            }
        }
        m
    })
}

/// The country with this ISO alpha-3 (or CAMEO) code.
pub fn country(code: &str) -> Option<&'static Country> {
    table().get(code)
}

/// Sector ("type") codes of CAMEO actor codes, as GDELT's Type1–3 fields take them.
const TYPES: &[&str] = &[
    "AGR", "BUS", "CHR", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI",
    "IGO", "IMG", "INS", "JUD", "LAB", "LEG", "MED", "MIL", "MNC", "MOD", "NGM", "NGO", "OPP",
    "PTY", "RAD", "REB", "REF", "SEP", "SET", "SPY", "UAF", "UIS", "USR", "PPL", "SOC", "YTH",
    "WMN", "ETH",
];

/// Top-level religion codes of the CAMEO religion coding system.
const RELIGIONS: &[&str] = &[
    "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "DRZ", "HIN", "HSD", "ITR", "JAI", "JEW",
    "MOS", "MUS", "NRM", "PAG", "RAS", "REL", "SHN", "SIK", "TAO", "ZRO",
];

/// Second-level religion codes (denominations), GDELT's Religion2Code.
const DENOMINATIONS: &[&str] = &[
    "ANG", "CTH", "CPT", "DOX", "LDS", "MRM", "ORT", "PRO", "SFI", "SHI", "SUN", "THR", "MHY",
    "ALW", "IBD", "WAH",
];

/// A CAMEO actor code taken apart the way GDELT stores it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodeParts {
    pub country: String,
    pub known_group: String,
    /// Ethnic code: sitrep's lexicons code no ethnicities, so always empty.
    pub ethnic: String,
    pub religion1: String,
    pub religion2: String,
    /// Up to three sector codes, in order.
    pub types: Vec<String>,
}

/// Split a CAMEO actor code (`ARMGOV`, `IGOUNO`, `NGOHLHIRC`, `IRQMUSSHI`) into
/// GDELT's parts, reading it in 3-letter chunks: a leading country code (the
/// actor's own country when the code starts with it, else any known country
/// code), religion codes, and sector codes (`IGO`, `NGO` among them). A chunk
/// that is none of these is the organisation's own code (`UNO` in `IGOUNO`),
/// GDELT's KnownGroupCode; a second such chunk is dropped.
pub fn split_actor_code(code: &str, country_hint: Option<&str>) -> CodeParts {
    let mut parts = CodeParts::default();
    let chunks: Vec<&str> = (0..code.len() / 3)
        .filter_map(|i| code.get(i * 3..i * 3 + 3))
        .collect();
    let mut i = 0;
    if let Some(first) = chunks.first() {
        let is_hint = country_hint.is_some_and(|c| c == *first);
        let is_country = country(first).is_some() && !TYPES.contains(first);
        if is_hint || is_country {
            parts.country = first.to_string();
            i = 1;
        }
    }
    while i < chunks.len() {
        let c = chunks[i];
        i += 1;
        if RELIGIONS.contains(&c) && parts.religion1.is_empty() {
            parts.religion1 = c.to_string();
        } else if DENOMINATIONS.contains(&c) {
            if parts.religion1.is_empty() {
                parts.religion1 = c.to_string();
            } else if parts.religion2.is_empty() {
                parts.religion2 = c.to_string();
            }
        } else if TYPES.contains(&c) {
            if parts.types.len() < 3 {
                parts.types.push(c.to_string());
            }
        } else if parts.known_group.is_empty() {
            parts.known_group = c.to_string();
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_cross_walk() {
        let aze = country("AZE").unwrap();
        assert_eq!(aze.fips, "AJ");
        assert_eq!(aze.iso_numeric, Some(31));
        assert_eq!(aze.name, "Azerbaijan");
        assert_eq!(country("ARM").unwrap().fips, "AM");
        assert_eq!(country("RUS").unwrap().fips, "RS");
        assert!(country("GOV").is_none());
    }

    #[test]
    fn actor_codes_split_like_gdelt() {
        let p = split_actor_code("ARMGOV", Some("ARM"));
        assert_eq!(p.country, "ARM");
        assert_eq!(p.types, vec!["GOV"]);
        let p = split_actor_code("IGOUNO", None);
        assert_eq!(p.country, "");
        assert_eq!(p.types, vec!["IGO"]);
        assert_eq!(p.known_group, "UNO");
        let p = split_actor_code("NGOHLHIRC", None);
        assert_eq!(p.types, vec!["NGO", "HLH"]);
        assert_eq!(p.known_group, "IRC");
        let p = split_actor_code("IRQMUSSHI", Some("IRQ"));
        assert_eq!((p.religion1.as_str(), p.religion2.as_str()), ("MUS", "SHI"));
        let p = split_actor_code("AZEMILREB", None);
        assert_eq!(p.country, "AZE");
        assert_eq!(p.types, vec!["MIL", "REB"]);
        let p = split_actor_code("CVL", None);
        assert_eq!((p.country.as_str(), p.types.len()), ("", 1));
    }
}

//! Loading actor data: the built-in TSV files under `data/actors/` (embedded
//! in the binary), the same files from a directory given at run time, and
//! PETRARCH-format dictionaries.

use crate::lexicon::{ActorLexicon, CountryInfo, EntryKind, Person, Role};
use chrono::NaiveDate;
use std::path::Path;

/// The built-in files, embedded at build time.
pub mod builtin {
    pub const COUNTRIES: &str = include_str!("../../../data/actors/countries.tsv");
    pub const AGENTS: &str = include_str!("../../../data/actors/agents.tsv");
    pub const PEOPLE: &str = include_str!("../../../data/actors/people.tsv");
    pub const ORGANISATIONS: &str = include_str!("../../../data/actors/organisations.tsv");
    pub const METONYMS: &str = include_str!("../../../data/actors/metonyms.tsv");
}

/// Rows of a TSV file: comment (`#`) and empty lines skipped, fields split on tabs.
pub fn tsv_rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn multi(field: Option<&&str>) -> Vec<String> {
    field
        .map(|f| {
            f.split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn date(s: Option<&&str>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

/// The five actor files.
#[derive(Debug, Clone, Copy)]
pub struct ActorFiles<'a> {
    pub countries: &'a str,
    pub agents: &'a str,
    pub people: &'a str,
    pub organisations: &'a str,
    pub metonyms: &'a str,
}

impl ActorFiles<'static> {
    pub fn builtin() -> Self {
        ActorFiles {
            countries: builtin::COUNTRIES,
            agents: builtin::AGENTS,
            people: builtin::PEOPLE,
            organisations: builtin::ORGANISATIONS,
            metonyms: builtin::METONYMS,
        }
    }
}

impl ActorLexicon {
    /// The built-in lexicon.
    pub fn builtin() -> Self {
        Self::from_files(ActorFiles::builtin())
    }

    /// A lexicon from a directory holding any of `countries.tsv`,
    /// `agents.tsv`, `people.tsv`, `organisations.tsv`, `metonyms.tsv`; a
    /// file that is absent falls back to the built-in one.
    pub fn from_dir(dir: &Path) -> std::io::Result<Self> {
        let read = |name: &str, fallback: &'static str| -> std::io::Result<String> {
            let p = dir.join(name);
            if p.exists() {
                std::fs::read_to_string(p)
            } else {
                Ok(fallback.to_string())
            }
        };
        let b = ActorFiles::builtin();
        let countries = read("countries.tsv", b.countries)?;
        let agents = read("agents.tsv", b.agents)?;
        let people = read("people.tsv", b.people)?;
        let orgs = read("organisations.tsv", b.organisations)?;
        let metonyms = read("metonyms.tsv", b.metonyms)?;
        Ok(Self::from_files(ActorFiles {
            countries: &countries,
            agents: &agents,
            people: &people,
            organisations: &orgs,
            metonyms: &metonyms,
        }))
    }

    /// A lexicon from the texts of the five files.
    pub fn from_files(f: ActorFiles) -> Self {
        let mut lex = ActorLexicon::default();
        // countries: iso3 name aliases adjectives capital capital_aliases
        for r in tsv_rows(f.countries) {
            let Some(iso3) = r.first().map(|s| s.to_string()) else {
                continue;
            };
            let name = r.get(1).copied().unwrap_or("").to_string();
            lex.countries.insert(
                iso3.clone(),
                CountryInfo {
                    iso3: iso3.clone(),
                    name: name.clone(),
                },
            );
            lex.add(&name, EntryKind::Country(iso3.clone()));
            for a in multi(r.get(2)) {
                lex.add(&a, EntryKind::Country(iso3.clone()));
            }
            for a in multi(r.get(3)) {
                lex.add(&a, EntryKind::Adjective(iso3.clone()));
            }
            let mut caps = multi(r.get(4));
            caps.extend(multi(r.get(5)));
            for c in caps {
                lex.add(&c, EntryKind::Capital(iso3.clone()));
            }
        }
        // agents: phrase sector
        for r in tsv_rows(f.agents) {
            if let (Some(p), Some(s)) = (r.first(), r.get(1)) {
                if !p.is_empty() && !s.is_empty() {
                    lex.add(p, EntryKind::Agent(s.to_string()));
                }
            }
        }
        // people: name aliases code start end source
        let mut by_name: std::collections::HashMap<String, usize> = Default::default();
        for r in tsv_rows(f.people) {
            let (Some(name), Some(code)) = (r.first(), r.get(2)) else {
                continue;
            };
            if name.is_empty() || code.is_empty() {
                continue;
            }
            let role = Role {
                code: code.to_string(),
                start: date(r.get(3)),
                end: date(r.get(4)),
            };
            let k = name.to_lowercase();
            if let Some(&idx) = by_name.get(&k) {
                lex.people[idx].roles.push(role);
                for a in multi(r.get(1)) {
                    lex.add_words(
                        crate::lexicon::phrase_words(&a),
                        false,
                        EntryKind::Person(idx),
                    );
                    lex.index_name(idx, &a);
                }
                continue;
            }
            let idx = lex.add_person(
                Person {
                    name: name.to_string(),
                    roles: vec![role],
                    default_code: None,
                },
                &multi(r.get(1)),
            );
            by_name.insert(k, idx);
        }
        // organisations: name aliases code kind
        for r in tsv_rows(f.organisations) {
            let (Some(name), Some(code)) = (r.first(), r.get(2)) else {
                continue;
            };
            let kind = EntryKind::Org {
                code: code.to_string(),
                name: name.to_string(),
            };
            lex.add(name, kind.clone());
            for a in multi(r.get(1)) {
                lex.add(&a, kind.clone());
            }
        }
        // metonyms: phrase code
        for r in tsv_rows(f.metonyms) {
            if let (Some(p), Some(c)) = (r.first(), r.get(1)) {
                lex.add(
                    p,
                    EntryKind::Coded {
                        code: c.to_string(),
                        name: p.to_string(),
                    },
                );
            }
        }
        lex
    }
}

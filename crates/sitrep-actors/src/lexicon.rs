//! The actor lexicon: phrases that name countries, their people and
//! capitals, sectors ("army", "foreign ministry"), organisations and people
//! with dated roles, indexed for token-level longest-match lookup.

use chrono::NaiveDate;
use std::collections::HashMap;

/// What a phrase names.
#[derive(Debug, Clone, PartialEq)]
pub enum EntryKind {
    /// A country's name ("Armenia", "Republic of Armenia").
    Country(String),
    /// A nationality adjective or demonym ("Armenian", "Azeri").
    Adjective(String),
    /// A capital city ("Yerevan"), a metonym for the government when it acts.
    Capital(String),
    /// A sector word ("army", "foreign minister").
    Agent(String),
    /// A sector word written before the actor code by PETRARCH (`NGO~`).
    AgentPrefix(String),
    /// A person, index into [`ActorLexicon::people`].
    Person(usize),
    /// An organisation with its code. Every name and alias of one
    /// organisation shares one allocation of its code and canonical name.
    Org {
        code: std::sync::Arc<str>,
        name: std::sync::Arc<str>,
    },
    /// A fixed phrase with a full code ("the Kremlin" → RUSGOV), or any
    /// actor of a user dictionary.
    Coded { code: String, name: String },
    /// A dated actor of a PETRARCH dictionary, index into `people`.
    Dated(usize),
}

/// A role held between two dates (inclusive, open when `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    pub code: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

/// A person (or any actor whose code depends on the date).
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub name: String,
    pub roles: Vec<Role>,
    /// Code when no role covers the date (PETRARCH's default code).
    pub default_code: Option<String>,
}

impl Person {
    /// The code this person carries on `date`. Without a date, the most
    /// recent role. A person known only for past roles is an elite (`ELI`)
    /// of the country of their last role, as Phoenix codes former leaders.
    pub fn code_on(&self, date: Option<NaiveDate>) -> Option<String> {
        let Some(d) = date else {
            return self
                .roles
                .iter()
                .max_by_key(|r| r.start)
                .map(|r| r.code.clone())
                .or_else(|| self.default_code.clone());
        };
        let active: Vec<&Role> = self
            .roles
            .iter()
            .filter(|r| r.start.is_none_or(|s| s <= d) && r.end.is_none_or(|e| d <= e))
            .collect();
        if let Some(r) = active.iter().max_by_key(|r| r.start) {
            return Some(r.code.clone());
        }
        if let Some(c) = &self.default_code {
            return Some(c.clone());
        }
        let last = self
            .roles
            .iter()
            .filter(|r| r.end.is_some_and(|e| e < d))
            .max_by_key(|r| r.end)
            .or_else(|| self.first_later_role(d))?;
        let country = last.code.get(..3)?;
        Some(format!("{country}ELI"))
    }

    /// The earliest role that starts after `d`: a person the tables know
    /// only from a later office ("President Donald J. TRUMP (since 20
    /// January 2025)" read in a 2019 article) is, before it, one of the
    /// country's elites, as after it.
    fn first_later_role(&self, d: NaiveDate) -> Option<&Role> {
        self.roles
            .iter()
            .filter(|r| r.start.is_some_and(|s| s > d))
            .min_by_key(|r| r.start)
    }

    /// Whether a dated role covers `date` (any date when `None`): "John
    /// Smith met Peter Jones" in 2020 must not find John Hilary Smith of
    /// Kiribati by his surname because his undated default row (a past
    /// office's elite code) covers every date; a surname names a person
    /// holding an office on the day.
    pub fn holds_office_on(&self, date: Option<NaiveDate>) -> bool {
        match date {
            None => true,
            Some(d) => self.roles.iter().any(|r| {
                (r.start.is_some() || r.end.is_some())
                    && r.start.is_none_or(|s| s <= d)
                    && r.end.is_none_or(|e| d <= e)
            }),
        }
    }

    pub fn active_on(&self, date: Option<NaiveDate>) -> bool {
        match date {
            None => true,
            Some(d) => self
                .roles
                .iter()
                .any(|r| r.start.is_none_or(|s| s <= d) && r.end.is_none_or(|e| d <= e)),
        }
    }
}

/// Countries whose names put the family name first, as English news keeps
/// them ("Xi Jinping", "Moon Jae-in", "Kim Jong Un"): China, Taiwan, Hong
/// Kong, Macau and the two Koreas.
const FAMILY_NAME_FIRST: &[&str] = &["CHN", "TWN", "HKG", "MAC", "PRK", "KOR"];

/// "The mass detention ... originated in directives from Xi to show
/// absolutely no mercy" (November 2019): a person whose first role is in a
/// country that writes the family name first is also known by the first
/// word of the name.
fn family_name_first(p: &Person) -> bool {
    p.roles
        .first()
        .and_then(|r| r.code.get(..3))
        .is_some_and(|c| FAMILY_NAME_FIRST.contains(&c))
}

/// One phrase of the lexicon.
#[derive(Debug, Clone)]
pub struct Entry {
    pub words: Vec<String>,
    /// The last word matches as a prefix (PETRARCH phrases without a final `_`).
    pub stem: bool,
    pub kind: EntryKind,
    /// For each word, whether a modifier or two may stand between it and
    /// the word before (PETRARCH's open connector, a space: "ITHILEN
    /// TELEVISION" is also "Ithilen state-run television"). Empty: none.
    pub open: Vec<bool>,
}

/// The most words an open connector passes over.
const MAX_GAP: usize = 2;

/// Words that end a noun phrase or open another: an open connector does
/// not pass over them.
const PHRASE_BREAKS: &[&str] = &[
    "and", "or", "nor", "but", "of", "the", "a", "an", "in", "on", "at", "to", "for", "with", "by",
    "from", "into", "as", "said", "says", "say", "is", "was", "were", "are", "be", "been", "has",
    "have", "had", "will", "would", "that", "which", "who", "whom", "whose", "when", "where",
    "while", "after", "before", "than", "not",
];

/// Whether an open connector may pass over this word: a modifier inside
/// the noun phrase ("state-run"), not punctuation or a function word.
fn gap_word(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !PHRASE_BREAKS.contains(&w)
}

/// Country facts.
#[derive(Debug, Clone, Default)]
pub struct CountryInfo {
    pub iso3: String,
    pub name: String,
}

/// The lexicon.
#[derive(Debug, Clone, Default)]
pub struct ActorLexicon {
    /// Entries by their first word.
    index: HashMap<String, Vec<Entry>>,
    pub countries: HashMap<String, CountryInfo>,
    pub people: Vec<Person>,
    /// Surnames of people, for mentions by surname alone.
    pub surnames: HashMap<String, Vec<usize>>,
    /// People by the spelling-tolerant key of each of their names
    /// ([`crate::name_key`]), so "Armen Sargsyan" finds "Armen Sarkissian".
    pub name_keys: HashMap<String, Vec<(usize, String)>>,
    /// Number of phrases.
    pub entries: usize,
    /// Whether any phrase matches its last word as a prefix.
    any_stem: bool,
    /// The tables the lexicon was read from, for [`ActorLexicon::lookup`]
    /// (where a code came from); empty for a lexicon built in code.
    pub(crate) tables: Vec<(crate::data::Table, crate::data::TableText)>,
}

/// Normalise a word for the lexicon: lowercase, plain quotes, no possessive.
pub fn key(word: &str) -> String {
    let w = sitrep_text::normalize_word(word);
    let w = w
        .strip_suffix("'s")
        .map(str::to_string)
        .unwrap_or_else(|| w.trim_end_matches('\'').to_string());
    w
}

/// Split a phrase into lexicon words.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    let toks = sitrep_text::tokenize(phrase, 0, phrase.len());
    toks.iter()
        .map(|t| key(&phrase[t.start..t.end]))
        .filter(|w| !w.is_empty())
        .collect()
}

impl ActorLexicon {
    /// Every code the lexicon can give: countries', sectors', organisations',
    /// and each role of its people; a code standing for several actors
    /// (`FRO/BIL/SAM`) gives each.
    pub fn codes(&self) -> std::collections::BTreeSet<String> {
        let mut out = std::collections::BTreeSet::new();
        let people = |i: &usize| {
            let p = &self.people[*i];
            p.roles
                .iter()
                .map(|r| r.code.clone())
                .chain(p.default_code.clone())
                .collect::<Vec<_>>()
        };
        for e in self.index.values().flatten() {
            let codes = match &e.kind {
                EntryKind::Country(c)
                | EntryKind::Adjective(c)
                | EntryKind::Capital(c)
                | EntryKind::Agent(c)
                | EntryKind::AgentPrefix(c)
                | EntryKind::Coded { code: c, .. } => vec![c.clone()],
                EntryKind::Org { code: c, .. } => vec![c.to_string()],
                EntryKind::Person(i) | EntryKind::Dated(i) => people(i),
            };
            for c in codes {
                out.extend(
                    c.trim_matches('~')
                        .split('/')
                        .filter(|c| !c.is_empty())
                        .map(str::to_string),
                );
            }
        }
        out
    }

    pub fn add(&mut self, phrase: &str, kind: EntryKind) {
        let words = phrase_words(phrase);
        self.add_words(words, false, kind);
    }

    pub fn add_words(&mut self, words: Vec<String>, stem: bool, kind: EntryKind) {
        self.add_open_words(words, Vec::new(), stem, kind);
    }

    /// Add a phrase whose words may have modifiers between them where
    /// `open` says so (one flag per word; empty for none).
    pub fn add_open_words(
        &mut self,
        words: Vec<String>,
        open: Vec<bool>,
        stem: bool,
        kind: EntryKind,
    ) {
        if words.is_empty() {
            return;
        }
        let open = if open.iter().any(|&o| o) {
            open
        } else {
            Vec::new()
        };
        let list = self.index.entry(words[0].clone()).or_default();
        if list
            .iter()
            .any(|e| e.words == words && e.kind == kind && e.stem == stem && e.open == open)
        {
            return;
        }
        self.any_stem |= stem;
        list.push(Entry {
            words,
            stem,
            kind,
            open,
        });
        self.entries += 1;
    }

    pub fn add_person(&mut self, p: Person, aliases: &[String]) -> usize {
        let idx = self.people.len();
        let mut names = vec![p.name.clone()];
        names.extend(aliases.iter().cloned());
        let family_first = family_name_first(&p);
        for n in &names {
            let w = phrase_words(n);
            if w.len() >= 2 {
                self.surnames
                    .entry(w[w.len() - 1].clone())
                    .or_default()
                    .push(idx);
                if family_first {
                    self.surnames.entry(w[0].clone()).or_default().push(idx);
                }
            }
            self.add_words(w, false, EntryKind::Person(idx));
            self.index_name(idx, n);
        }
        self.people.push(p);
        idx
    }

    /// Index a name of person `idx` under its spelling-tolerant key (names
    /// of two words or more only: a single word is too weak a key).
    pub fn index_name(&mut self, idx: usize, name: &str) {
        if name.split_whitespace().count() < 2 {
            return;
        }
        let list = self
            .name_keys
            .entry(crate::names::name_key(name))
            .or_default();
        if !list.iter().any(|(i, n)| *i == idx && n == name) {
            list.push((idx, name.to_string()));
        }
    }

    /// People whose name has the spelling-tolerant key of `name`, those
    /// active on `date` first.
    /// A key match must also be close in spelling word by word: the key
    /// folds vowels away, so "Energy Union" and "Enrique Ona" share one.
    pub fn people_by_key(&self, name: &str, date: Option<NaiveDate>) -> Vec<usize> {
        let mut v: Vec<usize> = Vec::new();
        for (p, form) in self
            .name_keys
            .get(&crate::names::name_key(name))
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            if !v.contains(p) && crate::names::close_names(name, form) {
                v.push(*p);
            }
        }
        v.sort_by_key(|&p| !self.people[p].active_on(date));
        v
    }

    /// All entries matching at `words[i..]`, longest first.
    pub fn matches_at(&self, words: &[&str], i: usize) -> Vec<(&Entry, usize)> {
        let mut out = Vec::new();
        let Some(first) = words.get(i) else {
            return out;
        };
        if let Some(list) = self.index.get(*first) {
            for e in list {
                if let Some(n) = entry_matches(e, words, i) {
                    out.push((e, n));
                }
            }
        }
        // stem entries are indexed by their full first word; try prefixes of the first word
        if self.has_stems() {
            for cut in (3..first.len()).rev() {
                if !first.is_char_boundary(cut) {
                    continue;
                }
                if let Some(list) = self.index.get(&first[..cut]) {
                    for e in list.iter().filter(|e| e.stem && e.words.len() == 1) {
                        if let Some(n) = entry_matches(e, words, i) {
                            out.push((e, n));
                        }
                    }
                }
            }
        }
        // whole-word matches first (a stem "THE_KU" must not beat "KUWAIT"
        // on "the Kuwait government"), then the longest, then the longest stem
        out.sort_by_key(|(e, n)| {
            let whole = !e.stem
                || words
                    .get(i + n - 1)
                    .is_some_and(|t| *t == e.words[e.words.len() - 1]);
            let stem_len = e.words.last().map_or(0, |w| w.len());
            std::cmp::Reverse((whole, *n, stem_len))
        });
        out
    }

    fn has_stems(&self) -> bool {
        self.any_stem
    }

    /// Country name for an ISO3 code.
    pub fn country_name(&self, iso3: &str) -> Option<&str> {
        self.countries.get(iso3).map(|c| c.name.as_str())
    }
}

fn entry_matches(e: &Entry, words: &[&str], i: usize) -> Option<usize> {
    if i + e.words.len() > words.len() {
        return None;
    }
    let word_matches = |k: usize, t: &str| {
        let w = e.words[k].as_str();
        if k + 1 == e.words.len() && e.stem {
            // a stem of one or two letters ("THE_KU") is too short to be a
            // stem: "the Kuwait government" is not "the KU"
            t.starts_with(w) && (w.len() >= 3 || t == w)
        } else {
            t == w
        }
    };
    let mut pos = i;
    for k in 0..e.words.len() {
        if words.get(pos).is_some_and(|t| word_matches(k, t)) {
            pos += 1;
            continue;
        }
        if !e.open.get(k).copied().unwrap_or(false) {
            return None;
        }
        // an open connector: pass over a modifier or two
        let skip = (1..=MAX_GAP).find(|&g| {
            (pos..pos + g).all(|j| words.get(j).is_some_and(|t| gap_word(t)))
                && words.get(pos + g).is_some_and(|t| word_matches(k, t))
        })?;
        pos += skip + 1;
    }
    Some(pos - i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_roles() {
        let p = Person {
            name: "Armen Sarkissian".into(),
            roles: vec![Role {
                code: "ARMGOV".into(),
                start: NaiveDate::from_ymd_opt(2018, 4, 9),
                end: NaiveDate::from_ymd_opt(2022, 2, 1),
            }],
            default_code: None,
        };
        assert_eq!(
            p.code_on(NaiveDate::from_ymd_opt(2020, 10, 1)).as_deref(),
            Some("ARMGOV")
        );
        assert_eq!(
            p.code_on(NaiveDate::from_ymd_opt(2023, 1, 1)).as_deref(),
            Some("ARMELI")
        );
        assert!(!p.active_on(NaiveDate::from_ymd_opt(2010, 1, 1)));
        // before the first office: an elite of the same country
        assert_eq!(
            p.code_on(NaiveDate::from_ymd_opt(2010, 1, 1)).as_deref(),
            Some("ARMELI")
        );
    }

    #[test]
    fn longest_match_first() {
        let mut l = ActorLexicon::default();
        l.add("foreign minister", EntryKind::Agent("GOV".into()));
        l.add("foreign", EntryKind::Agent("XXX".into()));
        let words = ["the", "foreign", "minister", "said"];
        let m = l.matches_at(&words, 1);
        assert_eq!(m[0].1, 2);
        assert_eq!(key("Armenia’s"), "armenia");
    }
}

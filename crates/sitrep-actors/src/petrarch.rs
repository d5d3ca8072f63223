//! Loaders for PETRARCH-format actor and agent dictionaries, so users can
//! bring the dictionaries they already maintain (`--actors`, `--agents`).
//!
//! Actor records are a primary phrase with an optional `[CODE]`, synonyms on
//! `+` lines, and dated codes on indented lines (`[USAGOV 450703-470121]`,
//! `[RUSELI >080507]`). A phrase ending in `_` must match whole words; one
//! without matches its last word as a prefix ("ARGENTIN" → "Argentine").
//! Words joined by `_` stand side by side; a space between them is an open
//! connector, letting a modifier or two stand between ("ITHILEN TELEVISION"
//! is also "Ithilen state-run television"; a function word or punctuation
//! still ends the phrase).
//! Agent lines are `PHRASE {PLURAL} [~CODE]` with `!MACRO!` substitutions.

use crate::lexicon::{ActorLexicon, EntryKind, Person, Role};
use chrono::NaiveDate;

fn strip_comment(line: &str) -> &str {
    let cut = line.find('#').unwrap_or(line.len());
    let line = &line[..cut];
    // "; CountryInfo.txt" trailing notes
    match line.find(" ;") {
        Some(i) => &line[..i],
        None => line,
    }
}

/// A PETRARCH phrase: its words, for each whether it follows an open
/// connector, and whether the last word is a stem.
pub type Phrase = (Vec<String>, Vec<bool>, bool);

/// Words of a PETRARCH phrase and whether the last word is a stem.
pub fn petrarch_phrase(raw: &str) -> (Vec<String>, bool) {
    let (words, _, stem) = petrarch_open_phrase(raw);
    (words, stem)
}

/// Words of a PETRARCH phrase, for each whether it follows an open
/// connector (a space: other words may stand between; `_` ties the words
/// together), and whether the last word is a stem.
pub fn petrarch_open_phrase(raw: &str) -> Phrase {
    let raw = raw.trim();
    let exact = raw.ends_with('_');
    let mut words = Vec::new();
    let mut open = Vec::new();
    let mut spaced = false;
    let mut tied = false;
    let mut cur = String::new();
    for c in raw.chars().chain(std::iter::once('_')) {
        if c == '_' || c == ' ' {
            if !cur.is_empty() {
                let w = crate::lexicon::key(&cur);
                if !w.is_empty() {
                    open.push(!words.is_empty() && spaced && !tied);
                    words.push(w);
                }
                cur.clear();
                spaced = false;
                tied = false;
            }
            spaced |= c == ' ';
            tied |= c == '_';
        } else {
            cur.push(c);
        }
    }
    (words, open, !exact)
}

/// Parse a PETRARCH date: YYYYMMDD or YYMMDD (YY < 30 → 20YY).
pub fn petrarch_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    match s.len() {
        8 => NaiveDate::parse_from_str(s, "%Y%m%d").ok(),
        6 => {
            let yy: i32 = s[..2].parse().ok()?;
            let y = if yy < 30 { 2000 + yy } else { 1900 + yy };
            NaiveDate::from_ymd_opt(y, s[2..4].parse().ok()?, s[4..6].parse().ok()?)
        }
        _ => None,
    }
}

/// Parse `[CODE restriction]` into a role.
fn parse_role(inner: &str) -> Option<Role> {
    let mut parts = inner.split_whitespace();
    let code = parts.next()?.to_string();
    // restrictions may be written with spaces: "< 950601", "19950601 - 19990815"
    let joined: String = parts.collect::<Vec<_>>().join("");
    let restr = (!joined.is_empty()).then_some(joined.as_str());
    let (start, end) = match restr {
        None => (None, None),
        Some(r) if r.starts_with('<') => (None, petrarch_date(&r[1..])),
        Some(r) if r.starts_with('>') => (petrarch_date(&r[1..]), None),
        Some(r) => {
            let (a, b) = r.split_once('-')?;
            (petrarch_date(a), petrarch_date(b))
        }
    };
    Some(Role { code, start, end })
}

fn bracket(s: &str) -> Option<(&str, &str)> {
    let a = s.find('[')?;
    let b = s[a..].find(']')? + a;
    Some((&s[..a], &s[a + 1..b]))
}

/// Load a PETRARCH actor dictionary into the lexicon. Returns the number of records.
pub fn load_actors(lex: &mut ActorLexicon, text: &str) -> usize {
    struct Rec {
        /// (phrase, its own code if a synonym line gives one)
        phrases: Vec<(Phrase, Option<String>)>,
        roles: Vec<Role>,
        default: Option<String>,
        name: String,
    }
    let mut records: Vec<Rec> = Vec::new();
    for raw in text.lines() {
        let t = raw.trim_start();
        if t.starts_with("<!--") || t.starts_with("-->") {
            continue;
        }
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        let body = line.trim();
        if indented && body.starts_with('[') {
            if let Some(rec) = records.last_mut() {
                if let Some((_, inner)) = bracket(body) {
                    if let Some(r) = parse_role(inner) {
                        if r.start.is_none() && r.end.is_none() {
                            rec.default = Some(r.code);
                        } else {
                            rec.roles.push(r);
                        }
                    }
                }
            }
            continue;
        }
        let (phrase_part, code) = match bracket(body) {
            Some((p, c)) => (p, Some(c.trim().to_string())),
            None => (body, None),
        };
        let phrase_part = phrase_part.split('{').next().unwrap_or("");
        if let Some(syn) = phrase_part.strip_prefix('+') {
            if let Some(rec) = records.last_mut() {
                rec.phrases.push((petrarch_open_phrase(syn), code));
            }
            continue;
        }
        let phrase = petrarch_open_phrase(phrase_part);
        let name = phrase_part.trim().trim_end_matches('_').replace('_', " ");
        // dated codes may follow on the same line: "[IGOEUREEC 950701-951231][IGOWSTNAT 951205-991006]"
        let mut roles = Vec::new();
        let mut default = None;
        let mut rest = body;
        while let Some((_, inner)) = bracket(rest) {
            if let Some(r) = parse_role(inner) {
                if r.start.is_none() && r.end.is_none() {
                    default = Some(r.code);
                } else {
                    roles.push(r);
                }
            }
            let close = rest.find(']').map_or(rest.len(), |i| i + 1);
            rest = &rest[close..];
        }
        records.push(Rec {
            phrases: vec![(phrase, None)],
            roles,
            default,
            name,
        });
    }
    let n = records.len();
    for rec in records {
        if rec.roles.is_empty() {
            let Some(code) = rec.default.clone() else {
                continue;
            };
            if code == "---" {
                continue;
            }
            for ((w, open, stem), own) in rec.phrases {
                lex.add_open_words(
                    w,
                    open,
                    stem,
                    EntryKind::Coded {
                        code: own.unwrap_or_else(|| code.clone()),
                        name: title_case(&rec.name),
                    },
                );
            }
        } else {
            let idx = lex.people.len();
            lex.people.push(Person {
                name: title_case(&rec.name),
                roles: rec.roles,
                default_code: rec.default,
            });
            for ((w, open, stem), _) in rec.phrases {
                if !stem {
                    lex.index_name(idx, &w.join(" "));
                }
                lex.add_open_words(w, open, stem, EntryKind::Dated(idx));
            }
        }
    }
    n
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_lowercase();
            let mut c = lower.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Regular English plural of a word (PETRARCH's rule: +S, Y→IES, SS→SSES).
pub fn plural(w: &str) -> String {
    if w.ends_with("ss") || w.ends_with("sh") || w.ends_with("ch") || w.ends_with('x') {
        format!("{w}es")
    } else if w.ends_with('y') && !w.ends_with("ay") && !w.ends_with("ey") && !w.ends_with("oy") {
        format!("{}ies", &w[..w.len() - 1])
    } else if w.ends_with('s') {
        w.to_string()
    } else {
        format!("{w}s")
    }
}

/// Load a PETRARCH agent dictionary. Returns the number of phrases added.
pub fn load_agents(lex: &mut ActorLexicon, text: &str) -> usize {
    let mut macros: Vec<(String, Vec<String>)> = Vec::new();
    let mut n = 0;
    for raw in text.lines() {
        let t = raw.trim();
        if t.starts_with("<!--") {
            continue;
        }
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('!') && line.contains('=') && !line.contains('[') {
            let (name, vals) = line.split_once('=').unwrap();
            macros.push((
                name.trim().to_string(),
                vals.split(',')
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
                    .collect(),
            ));
            continue;
        }
        let Some((phrase_part, code)) = bracket(line) else {
            continue;
        };
        let code = code.trim();
        let kind = if let Some(c) = code.strip_prefix('~') {
            EntryKind::Agent(c.to_string())
        } else if let Some(c) = code.strip_suffix('~') {
            EntryKind::AgentPrefix(c.to_string())
        } else {
            EntryKind::Agent(code.to_string())
        };
        let (phrase, plural_spec) = match phrase_part.find('{') {
            Some(i) => {
                let j = phrase_part[i..]
                    .find('}')
                    .map(|j| i + j)
                    .unwrap_or(phrase_part.len());
                (
                    &phrase_part[..i],
                    Some(phrase_part[i + 1..j].trim().to_string()),
                )
            }
            None => (phrase_part, None),
        };
        // expand macros
        let mut variants = vec![phrase.trim().to_string()];
        for (name, vals) in &macros {
            if variants.iter().any(|v| v.contains(name.as_str())) {
                variants = variants
                    .iter()
                    .flat_map(|v| vals.iter().map(move |x| v.replace(name.as_str(), x)))
                    .collect();
            }
        }
        for v in variants {
            let (words, _) = petrarch_phrase(&v);
            if words.is_empty() {
                continue;
            }
            let mut forms = vec![words.clone()];
            match &plural_spec {
                Some(p) if p.is_empty() => {}
                Some(p) => forms.push(petrarch_phrase(p).0),
                None => {
                    let mut pl = words.clone();
                    let last = pl.len() - 1;
                    pl[last] = plural(&pl[last]);
                    forms.push(pl);
                }
            }
            for f in forms {
                lex.add_words(f, false, kind.clone());
                n += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexicon_lists_every_code_its_dictionaries_give() {
        let mut lex = ActorLexicon::default();
        load_actors(
            &mut lex,
            "THE_SHIRE [FRO/BIL/SAM]\nGONDOR [GON]\nARAGORN\n  [GONGOV 950101-]\n",
        );
        load_agents(&mut lex, "FOREIGN_MINISTER [~GOVFRM]\n");
        let codes = lex.codes();
        for c in ["FRO", "BIL", "SAM", "GON", "GONGOV", "GOVFRM"] {
            assert!(codes.contains(c), "{c}: {codes:?}");
        }
        assert!(!codes.contains("###"));
    }

    #[test]
    fn a_space_lets_modifiers_stand_between_words() {
        let mut lex = ActorLexicon::default();
        load_actors(
            &mut lex,
            "ITHILEN TELEVISION [ITHTV]\nMORDOR_RADIO_ [MORRAD]\n",
        );
        let m = lex.matches_at(&["ithilen", "state-run", "television", "said"], 0);
        assert!(m
            .iter()
            .any(|(e, n)| *n == 3
                && matches!(&e.kind, EntryKind::Coded { code, .. } if code == "ITHTV")));
        // "_" ties the words; a function word or a comma ends the phrase
        assert!(lex.matches_at(&["mordor", "state", "radio"], 0).is_empty());
        assert!(lex
            .matches_at(&["ithilen", "and", "television"], 0)
            .is_empty());
        assert!(lex
            .matches_at(&["ithilen", ",", "television"], 0)
            .is_empty());
    }

    #[test]
    fn actor_records_with_dates_and_stems() {
        let mut lex = ActorLexicon::default();
        let text = "ARGENTIN  [ARG]\nJAMES_BYRNES_  ; CountryInfo.txt\n\t[USAELI 18970101-450703]\n\t[USAGOV 450703-470121]\nAUSTRALIA [AUS]\n+AUSTRALIAN\n";
        assert_eq!(load_actors(&mut lex, text), 3);
        let m = lex.matches_at(&["argentine"], 0);
        assert!(matches!(&m[0].0.kind, EntryKind::Coded { code, .. } if code == "ARG"));
        let m = lex.matches_at(&["james", "byrnes"], 0);
        let EntryKind::Dated(i) = m[0].0.kind else {
            panic!()
        };
        assert_eq!(
            lex.people[i]
                .code_on(NaiveDate::from_ymd_opt(1946, 1, 1))
                .as_deref(),
            Some("USAGOV")
        );
        // "AUSTRALIA" and its synonym "AUSTRALIAN" are stems of "australians": one actor either way
        let m = lex.matches_at(&["australians"], 0);
        assert!(!m.is_empty());
        assert!(m
            .iter()
            .all(|(e, _)| matches!(&e.kind, EntryKind::Coded { code, .. } if code == "AUS")));
    }

    #[test]
    fn agents_with_macros_and_plurals() {
        let mut lex = ActorLexicon::default();
        let text =
            "!MINST! = MINISTER, MINISTRY\nFOREIGN_!MINST! [~GOV]\nPOLICE {} [~COP]\nIRC [NGO~]\n";
        load_agents(&mut lex, text);
        assert!(!lex.matches_at(&["foreign", "ministry"], 0).is_empty());
        assert!(!lex.matches_at(&["foreign", "ministers"], 0).is_empty());
        assert!(lex.matches_at(&["polices"], 0).is_empty());
        assert_eq!(plural("ministry"), "ministries");
    }
}

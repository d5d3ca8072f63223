//! Recognising actors in a sentence and composing their codes.
//!
//! Lexicon matches are grouped into chunks — "the Azerbaijani Ministry of
//! Defense", "Armenian President Armen Sarkissian", "Azerbaijan's defence
//! ministry" — and each chunk is composed into one actor: the country comes
//! from a country name, adjective, capital, person or organisation; the
//! sector from role words. Names that follow a title, or stand in apposition
//! to one, are learned for the rest of the document, so "Lavrov" alone is
//! known as RUSGOV once "Russian Foreign Minister Sergey Lavrov" was seen.

use crate::lexicon::{key, ActorLexicon, EntryKind};
use crate::names::{name_key, slug};
use chrono::NaiveDate;
use sitrep_model::{Actor, ActorMention};
use sitrep_text::{Token, TokenKind};
use std::collections::HashMap;

/// An actor learned from the text (a named person with a title).
#[derive(Debug, Clone)]
pub struct Learned {
    pub id: String,
    pub name: String,
    pub code: String,
    pub country: Option<String>,
    pub sector: Option<String>,
}

/// What the recogniser remembers within a document.
#[derive(Debug, Clone, Default)]
pub struct DocMemory {
    /// Learned people by surname key and by full-name key.
    pub by_surname: HashMap<String, Learned>,
    pub by_full: HashMap<String, Learned>,
    /// The last actor seen with each sector, for "the president", "the ministry".
    pub last_by_sector: HashMap<String, Actor>,
}

/// A recognised actor with the token range it covers.
#[derive(Debug, Clone)]
pub struct Found {
    pub first: usize,
    pub last: usize,
    pub mention: ActorMention,
}

#[derive(Debug, Clone)]
enum Piece {
    Lex(EntryKind),
    Learned(Learned),
    /// A capitalised word not in the lexicon: part of a name, perhaps.
    Name,
}

#[derive(Debug, Clone)]
struct Item {
    first: usize,
    last: usize,
    piece: Piece,
}

const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "inside",
    "throughout",
    "across",
    "within",
    "outside",
    "around",
    "from",
    "via",
    "of",
];

/// Role words that carry no sector of their own but attach a name or an
/// organisation to an actor ("a spokesman for the ministry", "chief Jens
/// Stoltenberg"): the sector comes from the rest of the chunk.
const ROLE_WORDS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokesmen",
    "spokeswomen",
    "chief",
    "head",
    "representative",
    "aide",
    "adviser",
    "advisor",
    "deputy",
    "acting",
    "former",
];

const TITLE_SECTORS: &[&str] = &[
    "GOV", "MIL", "REB", "OPP", "JUD", "LEG", "COP", "SPY", "IGO", "NGO", "PTY", "MED", "ELI",
];

/// Sector names for canonical actor names.
pub fn sector_name(code: &str) -> &str {
    match code {
        "GOV" => "government",
        "MIL" => "military",
        "REB" => "rebels",
        "SEP" => "separatists",
        "INS" => "insurgents",
        "OPP" => "opposition",
        "COP" => "police",
        "JUD" => "judiciary",
        "LEG" => "legislature",
        "SPY" => "intelligence",
        "MED" => "media",
        "EDU" => "education",
        "BUS" => "business",
        "CRM" => "criminals",
        "CVL" => "civilians",
        "LAB" => "labour",
        "HLH" => "health",
        "REF" => "refugees",
        "HRI" => "human rights",
        "UAF" => "armed forces",
        "PTY" => "party",
        "ELI" => "elites",
        "PKO" => "peacekeepers",
        "AGR" => "agriculture",
        "ENV" => "environment",
        "NGO" => "NGO",
        "IGO" => "IGO",
        _ => code,
    }
}

fn proper_kind(k: &EntryKind) -> bool {
    !matches!(k, EntryKind::Agent(_) | EntryKind::AgentPrefix(_))
}

fn is_capitalised(t: &Token) -> bool {
    t.cap && t.kind == TokenKind::Word
}

/// Sector preference when a chunk names several: the more specific wins
/// ("defence ministry spokesman" is MIL, not GOV).
fn sector_rank(s: &str) -> u8 {
    match s {
        "GOV" => 1,
        "ELI" | "CVL" => 0,
        _ => 2,
    }
}

impl ActorLexicon {
    /// Recognise the actors of one sentence.
    pub fn recognise(
        &self,
        text: &str,
        tokens: &[Token],
        sentence: usize,
        date: Option<NaiveDate>,
        mem: &mut DocMemory,
    ) -> Vec<Found> {
        let keys: Vec<String> = tokens.iter().map(|t| key(&t.norm)).collect();
        let words: Vec<&str> = keys.iter().map(String::as_str).collect();
        let items = self.items(tokens, &words, date, mem);
        let chunks = chunk(&items, &words);
        let mut out: Vec<Found> = Vec::new();
        let mut skip_next = false;
        for (ci, ch) in chunks.iter().enumerate() {
            if skip_next {
                skip_next = false;
                continue;
            }
            let mut parts: Vec<&Item> = ch.iter().collect();
            // Apposition: "Armen Sarkissian, President of the Republic of Armenia"
            let name_only = parts.iter().all(|p| matches!(p.piece, Piece::Name));
            if name_only {
                if let Some(next) = chunks.get(ci + 1) {
                    let comma_between = next[0].first == parts.last().unwrap().last + 2
                        && words.get(parts.last().unwrap().last + 1) == Some(&",");
                    let next_has_title = next.iter().any(|p| matches!(&p.piece, Piece::Lex(EntryKind::Agent(s)) if TITLE_SECTORS.contains(&s.as_str())));
                    if comma_between && next_has_title {
                        parts.extend(next.iter());
                        skip_next = true;
                    }
                }
            }
            if let Some(f) = self.compose(text, tokens, &words, &parts, sentence, date, mem) {
                out.push(f);
            }
        }
        // Coordination: "Armenian and Azerbaijani forces" — a bare country
        // adjective joined to an actor with a sector takes that sector.
        for i in 0..out.len().saturating_sub(1) {
            let (a, b) = (&out[i], &out[i + 1]);
            let joined = b.first > a.last
                && (a.last + 1..b.first).all(|k| matches!(words[k], "and" | "," | "or"));
            let a_bare = a.mention.actor.sector.is_none()
                && a.mention.actor.country.is_some()
                && a.mention.why.starts_with("adjective");
            if joined && a_bare {
                if let (Some(sec), Some(country)) = (
                    b.mention.actor.sector.clone(),
                    a.mention.actor.country.clone(),
                ) {
                    let code = format!("{country}{sec}");
                    let m = &mut out[i].mention;
                    m.actor.id = code.clone();
                    m.actor.name = format!(
                        "{} ({})",
                        self.country_name(&country).unwrap_or(&country),
                        sector_name(&sec)
                    );
                    m.actor.code = code;
                    m.actor.sector = Some(sec);
                    m.why.push_str("; sector shared with the coordinated actor");
                }
            }
        }
        for f in &out {
            if let Some(s) = &f.mention.actor.sector {
                if f.mention.actor.country.is_some() {
                    mem.last_by_sector
                        .insert(s.clone(), f.mention.actor.clone());
                }
            }
        }
        out
    }

    fn items(
        &self,
        tokens: &[Token],
        words: &[&str],
        date: Option<NaiveDate>,
        mem: &DocMemory,
    ) -> Vec<Item> {
        let mut items = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if tokens[i].kind == TokenKind::Punct {
                i += 1;
                continue;
            }
            let all_caps = tokens[i].norm.len() > 1
                && tokens[i].start < tokens[i].end
                && tokens[i].cap
                && tokens[i].norm.chars().filter(|c| c.is_alphabetic()).count() >= 2;
            let cap = is_capitalised(&tokens[i]) || all_caps;
            let mut best: Option<(usize, EntryKind)> = None;
            for (e, n) in self.matches_at(words, i) {
                if proper_kind(&e.kind) && !cap {
                    continue;
                }
                // a dated person no longer in office is still that person
                best = Some((n, e.kind.clone()));
                break;
            }
            if best.is_none() && ROLE_WORDS.contains(&words[i]) {
                best = Some((1, EntryKind::Agent(String::new())));
            }
            if let Some((n, kind)) = best {
                items.push(Item {
                    first: i,
                    last: i + n - 1,
                    piece: Piece::Lex(kind),
                });
                i += n;
                continue;
            }
            if cap && tokens[i].kind == TokenKind::Word {
                // learned full name or surname (spelling-tolerant)
                let mut matched = None;
                for n in (1..=3).rev() {
                    if i + n > tokens.len() || !(i..i + n).all(|k| is_capitalised(&tokens[k])) {
                        continue;
                    }
                    let k = name_key(&words[i..i + n].join(" "));
                    if n > 1 {
                        if let Some(l) = mem.by_full.get(&k) {
                            matched = Some((n, l.clone()));
                            break;
                        }
                    } else if let Some(l) = mem.by_surname.get(&k) {
                        matched = Some((1, l.clone()));
                        break;
                    }
                }
                if let Some((n, l)) = matched {
                    items.push(Item {
                        first: i,
                        last: i + n - 1,
                        piece: Piece::Learned(l),
                    });
                    i += n;
                    continue;
                }
                // a built-in person named by surname alone, when unambiguous on the date
                if let Some(ids) = self.surnames.get(words[i]) {
                    let active: Vec<usize> = ids
                        .iter()
                        .copied()
                        .filter(|&p| self.people[p].active_on(date))
                        .collect::<std::collections::BTreeSet<_>>()
                        .into_iter()
                        .collect();
                    if active.len() == 1 {
                        items.push(Item {
                            first: i,
                            last: i,
                            piece: Piece::Lex(EntryKind::Person(active[0])),
                        });
                        i += 1;
                        continue;
                    }
                }
                items.push(Item {
                    first: i,
                    last: i,
                    piece: Piece::Name,
                });
            }
            i += 1;
        }
        items
    }

    #[allow(clippy::too_many_arguments)]
    fn compose(
        &self,
        text: &str,
        tokens: &[Token],
        words: &[&str],
        parts: &[&Item],
        sentence: usize,
        date: Option<NaiveDate>,
        mem: &mut DocMemory,
    ) -> Option<Found> {
        let mut country: Option<String> = None;
        let mut sectors: Vec<String> = Vec::new();
        let mut prefix: Option<String> = None;
        let mut fixed: Option<(String, String, String)> = None; // code, name, id
        let mut why: Vec<String> = Vec::new();
        let mut name_toks: Vec<usize> = Vec::new();
        let mut has_capital = false;
        let mut only_adjective = true;
        for p in parts {
            let span_text = &text[tokens[p.first].start..tokens[p.last].end];
            match &p.piece {
                Piece::Lex(k) => {
                    if !matches!(k, EntryKind::Adjective(_)) {
                        only_adjective = false;
                    }
                    match k {
                        EntryKind::Country(c) => {
                            country.get_or_insert(c.clone());
                            why.push(format!("country {span_text:?}"));
                        }
                        EntryKind::Adjective(c) => {
                            country.get_or_insert(c.clone());
                            why.push(format!("adjective {span_text:?}"));
                        }
                        EntryKind::Capital(c) => {
                            country.get_or_insert(c.clone());
                            has_capital = true;
                            why.push(format!("capital {span_text:?}"));
                        }
                        EntryKind::Agent(s) if s.is_empty() => {
                            why.push(format!("role {span_text:?}"));
                        }
                        EntryKind::Agent(s) => {
                            sectors.push(s.clone());
                            why.push(format!("agent {span_text:?} → {s}"));
                        }
                        EntryKind::AgentPrefix(s) => {
                            prefix = Some(s.clone());
                            why.push(format!("agent {span_text:?} → {s}~"));
                        }
                        EntryKind::Person(i) | EntryKind::Dated(i) => {
                            let person = &self.people[*i];
                            if let Some(code) = person.code_on(date) {
                                why.push(format!(
                                    "person {:?} → {code} on the document date",
                                    person.name
                                ));
                                fixed.get_or_insert((
                                    code,
                                    person.name.clone(),
                                    format!("person:{}", slug(&person.name)),
                                ));
                            }
                        }
                        EntryKind::Org { code, name } => {
                            why.push(format!("organisation {name:?} → {code}"));
                            fixed.get_or_insert((
                                code.clone(),
                                name.clone(),
                                format!("org:{code}"),
                            ));
                        }
                        EntryKind::Coded { code, name } => {
                            why.push(format!("dictionary {span_text:?} → {code}"));
                            let id = if code.len() <= 3 {
                                format!("country:{code}")
                            } else {
                                code.clone()
                            };
                            fixed.get_or_insert((code.clone(), name.clone(), id));
                        }
                    }
                }
                Piece::Learned(l) => {
                    only_adjective = false;
                    why.push(format!(
                        "{:?} learned earlier in the document as {}",
                        span_text, l.code
                    ));
                    fixed.get_or_insert((l.code.clone(), l.name.clone(), l.id.clone()));
                }
                Piece::Name => {
                    only_adjective = false;
                    name_toks.extend(p.first..=p.last);
                }
            }
        }
        let first = parts.iter().map(|p| p.first).min()?;
        let last = parts.iter().map(|p| p.last).max()?;
        let prev = first.checked_sub(1).map(|k| words[k]).unwrap_or("");
        let prev2 = first.checked_sub(2).map(|k| words[k]).unwrap_or("");
        let preceded_by_locative =
            LOCATIVE.contains(&prev) || (prev == "the" && LOCATIVE.contains(&prev2));
        // A capital, or a country alone, after "in"/"at"/"near" is a place, not an actor.
        let bare =
            sectors.is_empty() && fixed.is_none() && prefix.is_none() && name_toks.is_empty();
        if bare && (has_capital || !only_adjective) && preceded_by_locative {
            return None;
        }
        if bare && country.is_none() {
            return None;
        }
        // Names without any title or country are not actors (yet).
        if fixed.is_none() && country.is_none() && sectors.is_empty() && prefix.is_none() {
            return None;
        }
        let sector = sectors
            .iter()
            .max_by_key(|s| sector_rank(s))
            .cloned()
            .or_else(|| (has_capital && fixed.is_none()).then(|| "GOV".to_string()));
        if has_capital && sectors.is_empty() && fixed.is_none() {
            why.push("capital as metonym for its government".into());
        }
        // Coreference for a bare sector word ("the president", "the ministry").
        if country.is_none() && fixed.is_none() && name_toks.is_empty() {
            if let Some(s) = &sector {
                if prev == "the" || prev == "its" {
                    if let Some(a) = mem.last_by_sector.get(s) {
                        country = a.country.clone();
                        why.push(format!(
                            "\"the {}\" refers back to {}",
                            words[first..=last].join(" "),
                            a.code
                        ));
                    }
                }
            }
        }
        let span_first = first;
        let start = tokens[span_first].start;
        let end = tokens[last].end;
        let matched = text[start..end].to_string();
        let (code, name, id) = if let Some((code, name, id)) = fixed {
            // a bare country code takes the sector named beside it
            if code.len() == 3 && !code.starts_with("IGO") {
                if let Some(s) = &sector {
                    let c = format!("{code}{s}");
                    (c.clone(), name, c)
                } else {
                    (code, name, id)
                }
            } else {
                (code, name, id)
            }
        } else if !name_toks.is_empty() && (sector.is_some() || country.is_some()) {
            // a person learned from a title: "Russian Foreign Minister Sergey Lavrov"
            let name_text = name_toks
                .iter()
                .map(|&k| &text[tokens[k].start..tokens[k].end])
                .collect::<Vec<_>>()
                .join(" ");
            let name_text = name_text
                .trim_end_matches("'s")
                .trim_end_matches('’')
                .to_string();
            let code = format!(
                "{}{}",
                country.clone().unwrap_or_default(),
                sector.clone().unwrap_or_default()
            );
            let id = format!("person:{}", slug(&name_text));
            let learned = Learned {
                id: id.clone(),
                name: name_text.clone(),
                code: code.clone(),
                country: country.clone(),
                sector: sector.clone(),
            };
            let nwords: Vec<&str> = name_toks.iter().map(|&k| words[k]).collect();
            mem.by_full
                .insert(name_key(&nwords.join(" ")), learned.clone());
            if let Some(last_word) = nwords.last() {
                mem.by_surname.insert(name_key(last_word), learned);
            }
            why.push(format!("name {name_text:?} learned from its title"));
            (code, name_text, id)
        } else {
            let c = country.clone().unwrap_or_default();
            let s = sector.clone().unwrap_or_default();
            let code = format!("{}{}{}", prefix.clone().unwrap_or_default(), c, s);
            if code.is_empty() {
                return None;
            }
            let cname = country
                .as_deref()
                .map(|c| self.country_name(c).unwrap_or(c).to_string());
            let name = match (&cname, &sector) {
                (Some(cn), Some(s)) => format!("{cn} ({})", sector_name(s)),
                (Some(cn), None) => cn.clone(),
                (None, Some(s)) => sector_name(s).to_string(),
                (None, None) => code.clone(),
            };
            let id = if s.is_empty() && prefix.is_none() {
                format!("country:{c}")
            } else {
                code.clone()
            };
            (code, name, id)
        };
        let (country, sector) = split_code(&code, self);
        Some(Found {
            first: span_first,
            last,
            mention: ActorMention {
                sentence,
                actor: Actor {
                    id,
                    code,
                    country,
                    sector,
                    name,
                    text: matched,
                    start,
                    end,
                },
                why: why.join("; "),
            },
        })
    }
}

/// Split a CAMEO actor code into its country (when the first three letters
/// are a known country) and the rest (the sector).
pub fn split_code(code: &str, lex: &ActorLexicon) -> (Option<String>, Option<String>) {
    if code.len() >= 3 && code.is_char_boundary(3) && lex.countries.contains_key(&code[..3]) {
        let rest = &code[3..];
        (
            Some(code[..3].to_string()),
            (!rest.is_empty()).then(|| rest.get(..3).unwrap_or(rest).to_string()),
        )
    } else if code.starts_with("IGO") || code.starts_with("NGO") {
        (None, Some(code[..3].to_string()))
    } else if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) {
        (None, Some(code.to_string()))
    } else {
        (None, None)
    }
}

/// Group items into chunks: adjacent items, or items joined by "of", "of the", "the".
fn chunk(items: &[Item], words: &[&str]) -> Vec<Vec<Item>> {
    let mut out: Vec<Vec<Item>> = Vec::new();
    for it in items {
        if let Some(cur) = out.last_mut() {
            let prev = cur.last().unwrap();
            let gap: Vec<&str> = words[prev.last + 1..it.first].to_vec();
            let joinable = gap.is_empty()
                || gap == ["of"]
                || gap == ["of", "the"]
                || gap == ["for"]
                || gap == ["for", "the"];
            let prev_is_name = matches!(prev.piece, Piece::Name);
            let it_is_name = matches!(it.piece, Piece::Name);
            // A name never starts after "of" ("Ministry of Defense Smith" is unlikely)
            let ok = joinable && !(it_is_name && !gap.is_empty()) && !(prev_is_name && !gap.is_empty())
                // "for" joins only a spokesman-like agent to an organisation
                && (!gap.first().is_some_and(|g| *g == "for") || matches!(&prev.piece, Piece::Lex(EntryKind::Agent(_))));
            // Two complete actors side by side ("Armenia Azerbaijan") stay apart
            // unless one of them is a modifier (adjective, agent, name).
            let both_full = matches!(
                &prev.piece,
                Piece::Lex(EntryKind::Country(_)) | Piece::Lex(EntryKind::Org { .. })
            ) && matches!(
                &it.piece,
                Piece::Lex(EntryKind::Country(_)) | Piece::Lex(EntryKind::Org { .. })
            ) && gap.is_empty();
            if ok && !both_full {
                cur.push(it.clone());
                continue;
            }
        }
        out.push(vec![it.clone()]);
    }
    out
}

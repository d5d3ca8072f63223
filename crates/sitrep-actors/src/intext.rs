//! What the text itself says about its actors, beyond the dictionaries.
//!
//! - Acronyms defined in the text ("the National Liberation Movement
//!   (NLM)", "NLM, the National Liberation Movement") make an actor whose
//!   sector follows the name's head noun and whose country follows the
//!   country words in the name (else the document's country); later "NLM",
//!   "the group" or "the rebels" refer to it.
//! - A person named beside an international body as its mediator, envoy or
//!   chief acts for that body ("AU mediator Olusegun Obasanjo").
//! - An actor named only by its sector ("the army") takes the country the
//!   document is about ([`StoryCountry`]), not the nearest country word.
//!
//! The word lists live in `data/actors/sectors-from-heads.tsv`.

use crate::lexicon::{ActorLexicon, EntryKind};
use crate::recognise::Found;
use sitrep_model::ActorRule;
use sitrep_text::{Token, TokenKind};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The word lists of `data/actors/sectors-from-heads.tsv`.
#[derive(Debug, Default)]
pub struct HeadTable {
    /// Head noun → (sector of a state's body, sector of a group's own name).
    heads: HashMap<String, (Option<String>, Option<String>)>,
    /// Words that make a name a non-state group's ("Liberation").
    markers: Vec<String>,
    /// "the group", "the rebels": noun → the sector it requires (None: any).
    anaphors: HashMap<String, Option<String>>,
    /// "mediator", "envoy": roles of a person acting for a body.
    body_roles: Vec<String>,
    /// "House", "Senate": words naming a legislative chamber.
    chambers: Vec<String>,
    /// "committee", "commission": heads of a chamber's working bodies.
    committees: Vec<String>,
}

const HEADS_TSV: &str = include_str!("../../../data/actors/sectors-from-heads.tsv");

fn dash(s: &str) -> Option<String> {
    (s != "-" && !s.is_empty()).then(|| s.to_string())
}

impl HeadTable {
    /// Parse the tab-separated table (comment lines start with `#`).
    pub fn parse(text: &str) -> Self {
        let mut t = HeadTable::default();
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            match cols.as_slice() {
                ["marker", w] => t.markers.push(w.to_lowercase()),
                ["body_role", w] => t.body_roles.push(w.to_lowercase()),
                ["chamber", w] => t.chambers.push(w.to_lowercase()),
                ["committee", w] => t.committees.push(w.to_lowercase()),
                ["anaphor", w, s] => {
                    t.anaphors.insert(w.to_lowercase(), dash(s));
                }
                [head, state, group] => {
                    t.heads
                        .insert(head.to_lowercase(), (dash(state), dash(group)));
                }
                _ => {}
            }
        }
        t
    }

    /// The built-in table.
    pub fn builtin() -> &'static HeadTable {
        static T: OnceLock<HeadTable> = OnceLock::new();
        T.get_or_init(|| HeadTable::parse(HEADS_TSV))
    }

    /// Whether `w` heads an organisation's name, and the sector it gives a
    /// state's body (`Some("")` when the head names an organisation but
    /// implies no sector).
    pub fn state_sector(&self, w: &str) -> Option<&str> {
        self.heads.get(w).map(|(s, _)| s.as_deref().unwrap_or(""))
    }

    /// The sector `w` gives a group's own name.
    pub fn group_sector(&self, w: &str) -> Option<&str> {
        self.heads.get(w).and_then(|(_, g)| g.as_deref())
    }

    pub fn is_marker(&self, w: &str) -> bool {
        self.markers.iter().any(|m| m == w)
    }

    /// The sector an anaphor requires: `Some(None)` for any.
    pub fn anaphor(&self, w: &str) -> Option<Option<&str>> {
        self.anaphors.get(w).map(|s| s.as_deref())
    }

    pub fn is_body_role(&self, w: &str) -> bool {
        self.body_roles.iter().any(|r| r == w)
    }

    /// "Mike Rogers, chairman of the House Intelligence Committee": a
    /// committee or commission (`head`) named with a legislative chamber
    /// (one of `name`'s words) is the legislature's, LEG, as Phoenix codes
    /// the chambers themselves (HOUSE_OF_REPRESENTATIVES, SENATE [~LEG]);
    /// a subject word in its name ("Intelligence", Phoenix's SPY) says what
    /// it oversees, not its sector.
    pub fn committee_of_chamber(&self, name: &[&str], head: &str) -> bool {
        self.committees.iter().any(|c| c == head)
            && name.iter().any(|w| self.chambers.iter().any(|c| c == w))
    }
}

/// An acronym and the name it is defined for, as token indexes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub name_first: usize,
    pub name_last: usize,
    pub acronym: usize,
}

/// Lowercase words that may stand inside a name between capitalised ones
/// ("Movement for Democratic Change", "Sudan People's Liberation Army").
const NAME_CONNECTORS: &[&str] = &["of", "for", "and", "de", "du", "des", "al", "el"];

pub(crate) fn all_caps(text: &str, t: &Token) -> bool {
    let w = &text[t.start..t.end];
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// The capitalised run that ends at token `last` ("National Liberation
/// Movement" in "fighters of the National Liberation Movement"), walking
/// back over connectors that stand between capitalised words; `None` when
/// the run is a single word.
fn name_run_ending(tokens: &[Token], words: &[&str], last: usize) -> Option<usize> {
    let cap = |k: usize| tokens[k].kind == TokenKind::Word && tokens[k].cap;
    if !cap(last) {
        return None;
    }
    let mut first = last;
    while first > 0 {
        let k = first - 1;
        if cap(k) && words[k] != "the" {
            first = k;
        } else if NAME_CONNECTORS.contains(&words[k]) && k > 0 && cap(k - 1) {
            first = k - 1;
        } else {
            break;
        }
    }
    (first < last).then_some(first)
}

/// The capitalised run that starts at token `first` ("National Liberation
/// Movement" in "NLM, the National Liberation Movement, said").
fn name_run_starting(tokens: &[Token], words: &[&str], first: usize) -> Option<usize> {
    let cap = |k: usize| k < tokens.len() && tokens[k].kind == TokenKind::Word && tokens[k].cap;
    if !cap(first) {
        return None;
    }
    let mut last = first;
    loop {
        if cap(last + 1) {
            last += 1;
        } else if last + 2 < tokens.len()
            && NAME_CONNECTORS.contains(&words[last + 1])
            && cap(last + 2)
        {
            last += 2;
        } else {
            break;
        }
    }
    (first < last).then_some(last)
}

/// Whether an acronym can abbreviate a name: its first letter is the
/// initial of the name's first word ("NLM", "National Liberation Movement").
fn initial_matches(text: &str, tokens: &[Token], acronym: usize, name_first: usize) -> bool {
    let a = &text[tokens[acronym].start..tokens[acronym].end];
    let n = &text[tokens[name_first].start..tokens[name_first].end];
    a.chars().next().map(|c| c.to_ascii_lowercase())
        == n.chars().next().map(|c| c.to_ascii_lowercase())
}

/// Acronyms defined in a sentence, in either order:
/// "the National Liberation Movement (NLM)" and "NLM, the National
/// Liberation Movement".
pub fn definitions(text: &str, tokens: &[Token], words: &[&str]) -> Vec<Definition> {
    let mut out = Vec::new();
    for k in 0..tokens.len() {
        if !all_caps(text, &tokens[k]) {
            continue;
        }
        // "Syrian Democratic Forces (SDF)"
        if k >= 2 && words[k - 1] == "(" && words.get(k + 1) == Some(&")") {
            if let Some(first) = name_run_ending(tokens, words, k - 2) {
                out.push(Definition {
                    name_first: first,
                    name_last: k - 2,
                    acronym: k,
                });
                continue;
            }
        }
        // "NLM, the National Liberation Movement"
        if words.get(k + 1) == Some(&",") && words.get(k + 2) == Some(&"the") {
            if let Some(last) = name_run_starting(tokens, words, k + 3) {
                if initial_matches(text, tokens, k, k + 3) {
                    out.push(Definition {
                        name_first: k + 3,
                        name_last: last,
                        acronym: k,
                    });
                }
            }
        }
    }
    out
}

impl ActorLexicon {
    /// Whether the dictionaries know the name spanning `first..=last` as one
    /// organisation or coded actor (then the dictionary's code stands).
    pub(crate) fn known_name(&self, words: &[&str], first: usize, last: usize) -> bool {
        self.matches_at(words, first).into_iter().any(|(e, n)| {
            matches!(e.kind, EntryKind::Org { .. } | EntryKind::Coded { .. }) && first + n > last
        })
    }

    /// Whether a role word of the lexicon stands in a name other than as
    /// its head ("Police" in "Hurricane Police Department", "Defence" in
    /// "Ministry of Defence"): the name says its sector itself.
    pub(crate) fn agent_inside(&self, words: &[&str], first: usize, last: usize) -> bool {
        (first..last).any(|i| {
            self.matches_at(words, i).into_iter().any(|(e, n)| {
                matches!(&e.kind, EntryKind::Agent(s) | EntryKind::AgentPrefix(s) if !s.is_empty())
                    && i + n <= last
            })
        }) || (first < last && matches!(words[last - 1], "of" | "for"))
            && self
                .matches_at(words, last)
                .into_iter()
                .any(|(e, _)| matches!(&e.kind, EntryKind::Agent(s) if !s.is_empty()))
    }

    /// The country a name holds in its own words ("Sudan People's
    /// Liberation Army" → SDN).
    pub(crate) fn country_in_name(
        &self,
        words: &[&str],
        first: usize,
        last: usize,
    ) -> Option<String> {
        (first..=last).find_map(|i| {
            self.matches_at(words, i)
                .into_iter()
                .find_map(|(e, _)| match &e.kind {
                    EntryKind::Country(c) | EntryKind::Adjective(c) => Some(c.clone()),
                    _ => None,
                })
        })
    }

    /// The code of an organisation defined with its acronym: the country
    /// words in its name, and the sector of its head noun (a group's
    /// sector unless the name is a state body's: a country word in it and
    /// no marker word such as "Liberation").
    pub(crate) fn defined_code(
        &self,
        words: &[&str],
        first: usize,
        last: usize,
    ) -> (Option<String>, Option<String>) {
        let table = HeadTable::builtin();
        let country = self.country_in_name(words, first, last);
        let marker = (first..=last).any(|i| table.is_marker(words[i]));
        let head = words[last];
        let sector = if country.is_none() || marker {
            table.group_sector(head)
        } else {
            table.state_sector(head).filter(|s| !s.is_empty())
        };
        (country, sector.map(str::to_string))
    }
}

/// "AU mediator Olusegun Obasanjo", "UN envoy X", "Martin Griffiths, the UN
/// envoy,": a person named beside an international body, with a role word
/// of acting for it between or inside, acts for that body and takes its
/// code. Returns the indexes (into `found`) of the people recoded.
pub fn acting_for_body(words: &[&str], found: &mut [Found]) -> Vec<usize> {
    let table = HeadTable::builtin();
    let is_body = |f: &Found| f.mention.actor.code.starts_with("IGO");
    let is_person = |f: &Found| f.mention.actor.id.starts_with("person:");
    let role_in =
        |a: usize, b: usize| (a..=b).any(|k| words.get(k).is_some_and(|w| table.is_body_role(w)));
    let mut changed = Vec::new();
    for i in 0..found.len() {
        if !is_body(&found[i]) {
            continue;
        }
        let (bf, bl) = (found[i].first, found[i].last);
        // the person right after the body and its role: "AU mediator X",
        // "The ECOWAS envoy, former president X"
        let after = found
            .iter()
            .position(|f| f.first > bl && is_person(f))
            .filter(|&j| {
                let gap: Vec<&str> = words[bl + 1..found[j].first].to_vec();
                let gap_ok = gap.iter().all(|w| {
                    table.is_body_role(w) || matches!(*w, "," | "special" | "former" | "the")
                });
                gap_ok
                    && gap.len() <= 4
                    && (role_in(bf, bl) || gap.iter().any(|w| table.is_body_role(w)))
            });
        // the person before: "X, the UN envoy" / "X, the AU's chief mediator"
        let before = found
            .iter()
            .rposition(|f| f.last < bf && is_person(f))
            .filter(|&j| {
                let gap: Vec<&str> = words[found[j].last + 1..bf].to_vec();
                let role_after = words
                    .get(bl + 1..(bl + 3).min(words.len()))
                    .is_some_and(|ws| ws.iter().any(|w| table.is_body_role(w)));
                matches!(gap.as_slice(), [","] | [",", "the"]) && (role_in(bf, bl) || role_after)
            });
        for j in after.into_iter().chain(before) {
            let body = found[i].mention.actor.clone();
            let p = &mut found[j];
            if p.mention.actor.code == body.code {
                continue;
            }
            p.mention.why.push_str(&format!(
                "; acts for {} ({}) as its mediator, envoy or chief",
                body.text, body.code
            ));
            p.mention.actor.code = body.code.clone();
            p.mention.actor.country = None;
            p.mention.actor.sector = Some("IGO".into());
            p.rules.retain(|r| *r != ActorRule::Former);
            p.rules.push(ActorRule::ActsForBody);
            changed.push(j);
        }
    }
    changed
}

/// Sectors an actor named by them alone belongs to some country by
/// ("the army", "the rebels", "police"; "Kurt Volker, the former special
/// envoy": an elite, out of office, of some country too).
const DOMESTIC: &[&str] = &[
    "GOV", "MIL", "REB", "OPP", "COP", "JUD", "LEG", "SPY", "PTY", "INS", "SEP", "ELI",
];

/// Evidence of the country a document is about: where things happen
/// (each place named), whose state bodies act (each distinct actor such as
/// "the Sudanese army"), and, weakly, which states are named. The lead
/// counts double.
#[derive(Debug, Clone, Default)]
pub struct StoryCountry {
    /// country → (weight, the sentences it was seen in)
    seen: HashMap<String, (u32, Vec<usize>)>,
    /// Actors counted already: an actor named ten times is one actor.
    actors: Vec<String>,
}

impl StoryCountry {
    fn add(&mut self, country: &str, weight: u32, sentence: usize) {
        let e = self.seen.entry(country.to_string()).or_default();
        e.0 += weight;
        if !e.1.contains(&sentence) {
            e.1.push(sentence);
        }
    }

    /// A place of the sentence in `country` ("fighting in Darfur").
    pub fn add_place(&mut self, country: &str, sentence: usize, lead: bool) {
        self.add(country, if lead { 6 } else { 3 }, sentence);
    }

    /// The actors of a sentence: a state body or a person of a country
    /// counts double a state named as a whole ("the United States
    /// welcomed"), which is as often an outside party as not.
    pub fn add_actors(&mut self, found: &[Found], sentence: usize, lead: bool) {
        for f in found {
            let a = &f.mention.actor;
            let Some(c) = &a.country else { continue };
            if self.actors.contains(&a.id) {
                let e = self.seen.entry(c.clone()).or_default();
                if !e.1.contains(&sentence) {
                    e.1.push(sentence);
                }
                continue;
            }
            self.actors.push(a.id.clone());
            let own_body = a.sector.as_deref().is_some_and(|s| DOMESTIC.contains(&s));
            let w = if own_body { 2 } else { 1 };
            self.add(c, if lead { 2 * w } else { w }, sentence);
        }
    }

    /// The document's country: the best-supported one, when it outweighs
    /// the next by half again.
    pub fn country(&self) -> Option<&str> {
        let mut v: Vec<(&String, &(u32, Vec<usize>))> = self.seen.iter().collect();
        v.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
        let (best, (w, _)) = v.first()?;
        let second = v.get(1).map_or(0, |x| x.1 .0);
        (2 * w >= 3 * second && *w > second).then_some(best.as_str())
    }

    /// Whether `country` was seen in a sentence other than `sentence`: the
    /// story's country must come from the rest of the document, not from
    /// the country words of the sentence being coded (a one-sentence text
    /// tells no story beyond itself, and its own rules decide).
    pub fn seen_outside(&self, country: &str, sentence: usize) -> bool {
        self.seen
            .get(country)
            .is_some_and(|(_, s)| s.iter().any(|&k| k != sentence))
    }
}

/// "The European Union and the United States welcomed the start of talks
/// between the army and the rebels": an actor named only by a domestic
/// sector takes the document's country, unless the sentence places its
/// events in another country (then the sentence's own rules decide).
pub fn apply_story_country(
    found: &mut [Found],
    story: Option<&str>,
    sentence_places: &[&str],
    lex: &ActorLexicon,
) {
    let Some(c) = story else { return };
    if sentence_places.iter().any(|p| *p != c) {
        return;
    }
    let outside_state = names_outside_state(found, c);
    for f in found.iter_mut() {
        let a = &mut f.mention.actor;
        if a.country.is_some() || !DOMESTIC.contains(&a.code.as_str()) {
            continue;
        }
        if outside_state && a.id.starts_with("person:") {
            continue;
        }
        let code = format!("{c}{}", a.code);
        f.mention.why.push_str(&format!(
            "; named only by its sector: the country the document is about ({})",
            lex.country_name(c).unwrap_or(c)
        ));
        if a.id == a.code {
            a.id = code.clone();
            a.name = format!(
                "{} ({})",
                lex.country_name(c).unwrap_or(c),
                crate::recognise::sector_name(&a.code)
            );
        }
        a.sector = Some(a.code.clone());
        a.code = code;
        a.country = Some(c.to_string());
        f.rules.push(ActorRule::StoryCountry);
    }
}

/// "Kurt Volker, the former special envoy to Ukraine, and Tim Morrison
/// ... testified" (the impeachment inquiry) then "Volker said he had no
/// knowledge of any efforts to urge Ukraine to investigate": a person who
/// took the story's country in one sentence ([`apply_story_country`]) is
/// that country's wherever the document names him without one, also in a
/// sentence that names an outside state (which keeps the story country
/// from a person there). `lists` holds each sentence's actors, after
/// [`apply_story_country`] has run on every sentence.
///
/// A person still without a country then takes that of the state whose
/// officials the rest of the document names ([`apply_officials_country`]),
/// and keeps it in his other mentions in turn.
pub fn spread_story_country(lists: &mut [&mut Vec<Found>]) {
    spread_given_country(lists);
    apply_officials_country(lists);
    spread_given_country(lists);
}

/// A person's country given by [`apply_story_country`] or
/// [`apply_officials_country`] in one sentence, carried to his other
/// mentions without one.
fn spread_given_country(lists: &mut [&mut Vec<Found>]) {
    let mut given: HashMap<String, String> = HashMap::new();
    for f in lists.iter().flat_map(|l| l.iter()) {
        let a = &f.mention.actor;
        if a.id.starts_with("person:") && f.rules.contains(&ActorRule::StoryCountry) {
            if let Some(c) = &a.country {
                given.entry(a.id.clone()).or_insert(c.clone());
            }
        }
    }
    for f in lists.iter_mut().flat_map(|l| l.iter_mut()) {
        let a = &mut f.mention.actor;
        let Some(c) = given.get(&a.id) else {
            continue;
        };
        if a.country.is_some() || !DOMESTIC.contains(&a.code.as_str()) {
            continue;
        }
        f.mention.why.push_str(&format!(
            "; of {c} as the document's other mention of this person"
        ));
        a.sector = Some(a.code.clone());
        a.code = format!("{c}{}", a.code);
        a.country = Some(c.clone());
        if !f.rules.contains(&ActorRule::StoryCountry) {
            f.rules.push(ActorRule::StoryCountry);
        }
    }
}

/// "Secretary of State Mike Pompeo said the release of the hostages
/// give[s] us hope for the success of intra-Afghan peace negotiations,
/// which the United States stands ready to support" (a story about
/// Afghanistan): a person is someone of his own country, and a sentence
/// naming another state than the story's as an actor may be naming his.
/// "The army" has no country of its own and still takes the story's.
///
/// Only a state named as a whole counts ("the United States", "U.S."):
/// "Lt Col Alexander Vindman ... and Jennifer Williams, a top national
/// security aide to Vice President Pence on Trump's July 25 phone call
/// with Ukrainian President Zelensky" names a foreign official with his
/// nationality, as reports do, and the untitled-by-country people beside
/// him are still the story's.
fn names_outside_state(found: &[Found], story: &str) -> bool {
    found.iter().any(|f| {
        let a = &f.mention.actor;
        is_whole_state(a) && a.country.as_deref().is_some_and(|x| x != story)
    })
}

/// A state named as a whole: the actor's code is its country's code and
/// nothing more ("the United States" USA, not "the U.S. Embassy" USAGOV).
fn is_whole_state(a: &sitrep_model::Actor) -> bool {
    a.country.as_deref() == Some(a.code.as_str())
}

/// Sectors of a state's own officials and office holders, whose country
/// tells whose state a document's untitled-by-country officials serve
/// (rebels, insurgents and separatists are left out: a group's fighters
/// cross borders as a state's officials do not).
const OFFICIAL: &[&str] = &[
    "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "ELI", "OPP", "PTY",
];

/// "Former National Security Council official Timothy Morrison" and
/// "former special envoy to Ukraine Kurt Volker" in an impeachment report
/// whose other officials are American ("President Donald Trump",
/// "Ambassador Gordon Sondland"): a person whose title names an office
/// but no country serves the state whose officials the rest of the
/// document names, when that state's official mentions outnumber any
/// other state's more than two to one. Only other sentences count (a sentence is
/// not evidence about itself: "Turkish President Erdogan met Foreign
/// Minister Zarif" leaves Zarif's country open), and a sentence naming
/// another state as a whole keeps the person from it, as with the story's
/// country. For the pipeline to call after [`apply_story_country`] has
/// run on every sentence; [`spread_story_country`] calls it.
pub fn apply_officials_country(lists: &mut [&mut Vec<Found>]) {
    let counts: Vec<HashMap<String, u32>> = lists.iter().map(|l| official_counts(l)).collect();
    for (i, list) in lists.iter_mut().enumerate() {
        let mut others: HashMap<&str, u32> = HashMap::new();
        for (_, c) in counts.iter().enumerate().filter(|(j, _)| *j != i) {
            for (k, n) in c {
                *others.entry(k.as_str()).or_default() += n;
            }
        }
        let Some(country) = clear_lead(&others) else {
            continue;
        };
        let country = country.to_string();
        if names_outside_state(list, &country) {
            continue;
        }
        for f in list.iter_mut() {
            give_officials_country(f, &country);
        }
    }
}

/// Each country's official mentions in one sentence: actors of a state
/// with an [`OFFICIAL`] sector, each mention once.
fn official_counts(found: &[Found]) -> HashMap<String, u32> {
    let mut m = HashMap::new();
    for f in found {
        let a = &f.mention.actor;
        let (Some(c), Some(s)) = (&a.country, &a.sector) else {
            continue;
        };
        if OFFICIAL.contains(&s.as_str()) && a.code.starts_with(c.as_str()) {
            *m.entry(c.clone()).or_default() += 1;
        }
    }
    m
}

/// The country whose count is more than twice any other's ("US Senator
/// Lindsey Graham", "President Donald Trump" and "Pakistani Prime
/// Minister Imran Khan" around an Afghan ministry's spokesman: two to one
/// is too thin to name his state).
fn clear_lead<'a>(counts: &HashMap<&'a str, u32>) -> Option<&'a str> {
    let mut v: Vec<(&str, u32)> = counts.iter().map(|(k, n)| (*k, *n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let (best, n) = *v.first()?;
    let second = v.get(1).map_or(0, |x| x.1);
    (n >= 1 && n > 2 * second).then_some(best)
}

/// A titled person with a sector and no country takes `country`.
fn give_officials_country(f: &mut Found, country: &str) {
    let a = &mut f.mention.actor;
    if !a.id.starts_with("person:") || a.country.is_some() || !DOMESTIC.contains(&a.code.as_str()) {
        return;
    }
    f.mention.why.push_str(&format!(
        "; of {country} as the state whose officials the rest of the document names"
    ));
    a.sector = Some(a.code.clone());
    a.code = format!("{country}{}", a.code);
    a.country = Some(country.to_string());
    if !f.rules.contains(&ActorRule::StoryCountry) {
        f.rules.push(ActorRule::StoryCountry);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_reads_heads_markers_anaphors_and_roles() {
        let t = HeadTable::builtin();
        assert_eq!(t.group_sector("front"), Some("REB"));
        assert_eq!(t.state_sector("front"), Some(""));
        assert_eq!(t.state_sector("forces"), Some("MIL"));
        assert_eq!(t.state_sector("ministry"), Some("GOV"));
        assert!(t.is_marker("liberation"));
        assert_eq!(t.anaphor("rebels"), Some(Some("REB")));
        assert_eq!(t.anaphor("group"), Some(None));
        assert!(t.is_body_role("mediator"));
        assert_eq!(t.state_sector("tuesday"), None);
        assert!(t.committee_of_chamber(&["house", "intelligence", "committee"], "committee"));
        assert!(!t.committee_of_chamber(&["intelligence", "committee"], "committee"));
        assert!(!t.committee_of_chamber(&["house", "of", "representatives"], "representatives"));
    }

    #[test]
    fn a_story_country_needs_two_sentences_and_a_clear_lead() {
        let mut s = StoryCountry::default();
        s.add_place("SDN", 0, true);
        assert_eq!(s.country(), Some("SDN"));
        assert!(!s.seen_outside("SDN", 0), "one sentence is no story");
        s.add("USA", 1, 1);
        assert!(s.seen_outside("SDN", 1));
        assert_eq!(s.country(), Some("SDN"));
        let mut t = StoryCountry::default();
        t.add_place("ARM", 0, false);
        t.add_place("AZE", 1, false);
        t.add_place("ARM", 2, false);
        t.add_place("AZE", 3, false);
        assert_eq!(t.country(), None, "two sides weigh the same: no country");
    }
}

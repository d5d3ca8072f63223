//! Recognising actors in a sentence and composing their codes.
//!
//! Lexicon matches are grouped into chunks — "the Azerbaijani Ministry of
//! Defense", "Armenian President Armen Sarkissian", "Azerbaijan's defence
//! ministry" — and each chunk is composed into one actor: the country comes
//! from a country name, adjective, capital, person or organisation; the
//! sector from role words. Names that follow a title, or stand in apposition
//! to one, are learned for the rest of the document, so "Lavrov" alone is
//! known as RUSGOV once "Russian Foreign Minister Sergey Lavrov" was seen.

use crate::intext::{self, HeadTable};
use crate::lexicon::{key, ActorLexicon, EntryKind};
use crate::names::{name_key, slug};
use chrono::NaiveDate;
use sitrep_model::{Actor, ActorMention, ActorRule};
use sitrep_text::{Token, TokenKind};
use std::collections::HashMap;

/// An actor learned from the text (a named person with a title, an
/// organisation defined with its acronym) or a lexicon person met in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Learned {
    pub id: String,
    pub name: String,
    pub code: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// Role phrases it was titled with ("president", "foreign minister").
    pub roles: Vec<String>,
    /// Whether this is a person (pronouns and "the minister" refer to people).
    pub person: bool,
}

impl Learned {
    fn from_actor(a: &Actor, roles: Vec<String>) -> Self {
        Learned {
            id: a.id.clone(),
            name: a.name.clone(),
            code: a.code.clone(),
            country: a.country.clone(),
            sector: a.sector.clone(),
            roles,
            person: a.id.starts_with("person:"),
        }
    }
}

/// What the recogniser remembers within a document.
#[derive(Debug, Clone, Default)]
pub struct DocMemory {
    /// Named actors by the key of their last name ([`name_key`]): the most
    /// recently mentioned one wins when two share it.
    pub by_surname: HashMap<String, Learned>,
    /// Named actors by the key of their full name.
    pub by_full: HashMap<String, Learned>,
    /// Acronyms defined in the text ("Syrian Democratic Forces (SDF)"), lowercase.
    pub aliases: HashMap<String, Learned>,
    /// People in the order of their last mention (the last is the nearest).
    pub people: Vec<Learned>,
    /// The last actor seen with each sector, for "the president", "the ministry".
    pub last_by_sector: HashMap<String, Actor>,
    /// Organisations defined with an acronym, in the order of definition,
    /// for "the group", "the rebels", "the paramilitary".
    pub groups: Vec<Learned>,
    /// The countries of the actors met so far, in order of first mention:
    /// they choose between organisations that share a name.
    pub countries: Vec<String>,
}

impl DocMemory {
    /// Remember a named actor under its full name and its last name.
    pub fn remember(&mut self, l: Learned, name_words: &[&str]) {
        if name_words.len() >= 2 {
            self.by_full
                .insert(name_key(&name_words.join(" ")), l.clone());
        }
        if let Some(last) = name_words.last() {
            self.by_surname.insert(name_key(last), l.clone());
        }
        if name_words.len() >= 2 || !self.by_full.values().any(|x| x.id == l.id) {
            self.by_full.insert(name_key(&l.name), l.clone());
        }
        self.seen(l);
    }

    /// Note a mention of a person (it becomes the nearest for pronouns).
    fn seen(&mut self, l: Learned) {
        if !l.person {
            return;
        }
        let mut l = l;
        if let Some(pos) = self.people.iter().position(|p| p.id == l.id) {
            let old = self.people.remove(pos);
            for r in old.roles {
                if !l.roles.contains(&r) {
                    l.roles.push(r);
                }
            }
        }
        self.people.push(l);
    }

    /// The nearest person titled with a role ending in `head` ("minister"
    /// finds the foreign minister), of `country` when given.
    fn person_with_role(&self, roles: &[String], country: Option<&str>) -> Option<&Learned> {
        self.people.iter().rev().find(|p| {
            country.is_none_or(|c| p.country.as_deref() == Some(c))
                && roles.iter().any(|r| {
                    p.roles
                        .iter()
                        .any(|pr| (pr == r || pr.ends_with(&format!(" {r}"))) && !former_role(pr))
                })
        })
    }
}

/// "former president", "ex-minister": a role no longer held.
fn former_role(role: &str) -> bool {
    role.starts_with("former ") || role.starts_with("ex-")
}

impl DocMemory {
    /// The organisation defined with its acronym most recently whose
    /// sector is `sector` (any when `None`): "the group", "the rebels".
    fn group_for(&self, sector: Option<&str>) -> Option<&Learned> {
        self.groups
            .iter()
            .rev()
            .find(|g| sector.is_none_or(|s| g.sector.as_deref() == Some(s)))
    }

    /// "President Sargsyan" after "Armen Sarkissian" (president) and
    /// "former president Serzh Sargsyan": among the people named with this
    /// last name, the one titled so in the document (a former holder is
    /// not "President X").
    fn person_by_title(&self, surname: &str, title: &str) -> Option<&Learned> {
        let k = name_key(surname);
        self.people.iter().rev().find(|p| {
            p.name.split_whitespace().last().map(name_key).as_deref() == Some(k.as_str())
                && p.roles
                    .iter()
                    .any(|r| !former_role(r) && (r == title || r.ends_with(&format!(" {title}"))))
        })
    }

    /// A person's code changed after being remembered ("AU mediator X"):
    /// every entry of the memory follows.
    fn recode(&mut self, a: &Actor) {
        let maps = [&mut self.by_surname, &mut self.by_full];
        for m in maps {
            for l in m.values_mut().filter(|l| l.id == a.id) {
                l.code = a.code.clone();
                l.country = a.country.clone();
                l.sector = a.sector.clone();
            }
        }
        for l in self.people.iter_mut().filter(|l| l.id == a.id) {
            l.code = a.code.clone();
            l.country = a.country.clone();
            l.sector = a.sector.clone();
        }
    }
}

/// A recognised actor with the token range it covers.
#[derive(Debug, Clone)]
pub struct Found {
    pub first: usize,
    pub last: usize,
    pub mention: ActorMention,
    /// The in-text rules that gave the code (acronym, story country,
    /// former, acting for a body, coreference), in the order applied.
    pub rules: Vec<ActorRule>,
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

/// Prefixes that join a deputy's title to the office in one hyphenated
/// word ("vice-premier", "deputy-governor"): the deputy is of the office's
/// sector.
const DEPUTY_PREFIXES: &[&str] = &["vice", "deputy"];

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
    t.kind == TokenKind::Word
        && (t.cap || {
            // "al-Qaida", "al-Abadi": a lowercase article before a capital
            let n = &t.norm;
            (n.starts_with("al-") || n.starts_with("el-")) && n.len() > 3
        })
}

/// Sector preference when a chunk names several: the more specific wins
/// ("defence ministry spokesman" is MIL, not GOV).
/// Whether a CAMEO actor code holds `part` as one of its three-letter
/// elements ("USAGOV" holds "GOV", "GMWGOV" does not hold "WGO").
fn has_code_part(code: &str, part: &str) -> bool {
    (0..code.len())
        .step_by(3)
        .any(|k| code.get(k..).is_some_and(|c| c.starts_with(part)))
}

fn sector_rank(s: &str) -> u8 {
    match s {
        "GOV" => 1,
        "ELI" | "CVL" => 0,
        _ => 2,
    }
}

/// Capitalised words that never start or continue a name: function words
/// and sentence openers ("The", "During", "In"), months and weekdays.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "without",
    "of",
    "during",
    "after",
    "before",
    "since",
    "until",
    "while",
    "when",
    "where",
    "as",
    "and",
    "but",
    "or",
    "nor",
    "if",
    "then",
    "also",
    "however",
    "meanwhile",
    "although",
    "though",
    "because",
    "today",
    "yesterday",
    "tomorrow",
    "it",
    "its",
    "he",
    "she",
    "we",
    "they",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "there",
    "here",
    "what",
    "which",
    "who",
    "whom",
    "whose",
    "why",
    "how",
    "all",
    "some",
    "many",
    "most",
    "more",
    "no",
    "not",
    "each",
    "every",
    "both",
    "neither",
    "either",
    "other",
    "another",
    "such",
    "one",
    "two",
    "three",
    "first",
    "last",
    "next",
    "about",
    "against",
    "between",
    "into",
    "through",
    "under",
    "over",
    "near",
    "among",
    "according",
    "despite",
    "following",
    "including",
    "under",
    "time",
    "law",
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
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mr",
    "mrs",
    "ms",
    "dr",
    "said",
    "says",
    "will",
    "would",
    "should",
    "could",
    "can",
    "must",
    "please",
    "thank",
    "thanks",
    "yes",
    "dear",
    "be",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "not",
    "now",
    "so",
    "again",
    "still",
];

/// Words before a noun that make it a definite or counted mention ("the
/// military", "its army"); a singular role word without one is a modifier
/// ("terrorist attacks", "military service", "refugee crisis").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my",
    "your", "every", "each", "any", "no", "another", "whose", "which", "one",
];

/// Nouns a singular role word commonly modifies ("terrorist attacks",
/// "military operations"): before one of them the role word is no actor.
const MODIFIED_NOUNS: &[&str] = &[
    "attack",
    "attacks",
    "bombing",
    "bombings",
    "operation",
    "operations",
    "threat",
    "threats",
    "activity",
    "activities",
    "act",
    "acts",
    "organization",
    "organisation",
    "network",
    "networks",
    "service",
    "response",
    "crisis",
    "crises",
    "control",
    "result",
    "target",
    "targets",
    "financing",
    "violence",
    "campaign",
    "capabilities",
    "capability",
    "training",
    "action",
    "actions",
    "pressure",
    "presence",
    "aid",
    "assistance",
    "support",
    "plot",
    "plots",
];

/// Singular forms that still name a group on their own ("police said").
const COLLECTIVES: &[&str] = &[
    "police",
    "people",
    "personnel",
    "staff",
    "clergy",
    "public",
    "youth",
    "military",
    "government",
    "parliament",
    "opposition",
];

/// Last words that make a capitalised phrase the name of an organisation,
/// with the sector the kind of organisation implies ("" when it implies
/// none): the head-noun table of `data/actors/sectors-from-heads.tsv`.
fn org_head(w: &str) -> Option<&'static str> {
    HeadTable::builtin().state_sector(w)
}

/// Subject pronouns resolved to the nearest person.
const PERSON_PRONOUNS: &[&str] = &["he", "she"];

/// "...a news conference between Trump and Chinese vice-premier Liu He":
/// a capitalised "He" right after a capitalised name word is the end of
/// the name, not a pronoun (which is capitalised only where a sentence
/// starts, after no word).
fn name_not_pronoun(tokens: &[Token], i: usize) -> bool {
    i > 0 && tokens[i].cap && tokens[i - 1].kind == TokenKind::Word && tokens[i - 1].cap
}

fn is_all_caps(text: &str, t: &Token) -> bool {
    let w = &text[t.start..t.end];
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// The participles that make a hyphenated modifier of a name ("Kurdish-led",
/// "Daesh-inspired", "US-backed").
const MODIFIER_PARTICIPLES: &[&str] = &[
    "led",
    "backed",
    "inspired",
    "based",
    "linked",
    "allied",
    "affiliated",
    "aligned",
    "controlled",
    "funded",
    "run",
    "held",
    "supported",
    "sponsored",
    "dominated",
];

/// "controlled by the Kurdish-led Syrian Democratic Forces", "the
/// Daesh-inspired Bangsamoro Islamic Freedom Fighters (BIFF)": a
/// capitalised compound ending in a participle describes the name after
/// it and is no part of it (it was read as a first word of a name, and the
/// group was lost). A "-led" compound of a country word is read before
/// this ("Russian-led coalition").
fn participle_modifier(w: &str) -> bool {
    w.rsplit_once('-')
        .is_some_and(|(head, p)| !head.is_empty() && MODIFIER_PARTICIPLES.contains(&p))
}

/// "President Trump's July 25 call": a possessive ends a name, so the
/// capitalised word after it is no part of it.
/// "Duque also demanded that Cuba extradite the ten ELN leaders" (January
/// 2019), "Putin said the talks would go on": a sentence opening with a
/// surname alone. Every word there is capitalised, so the surname rule
/// (one holder of a dated office on the day) also needs the tagger to read
/// the word as a proper noun and a lower-case word to follow it (a verb or
/// an adverb, not "May 5" nor a name's second word).
fn opens_with_surname(tokens: &[Token], tags: &[sitrep_pos::Tag]) -> bool {
    tags.first() == Some(&sitrep_pos::Tag::NNP)
        && tokens
            .get(1)
            .is_some_and(|t| t.kind == TokenKind::Word && !t.cap)
}

fn possessive(surface: &str) -> bool {
    surface.ends_with("'s") || surface.ends_with("’s")
}

/// Titles of a state's representative abroad, who is posted "to" another
/// state or body.
const ENVOY_WORDS: &[&str] = &["ambassador", "ambassadors", "envoy", "envoys", "emissary"];

/// "Former U.S. ambassador to Ukraine Marie Yovanovitch", "Ambassador to
/// the European Union Gordon Sondland": the state or body an envoy is
/// posted to belongs to the title, not to the person, whose country is the
/// sender's. The posting is folded into the title's item (which keeps its
/// sector) when a name follows it, or when the title stands in apposition
/// after a name ("Kurt Volker, the former special envoy to Ukraine, and
/// Tim Morrison ... testified": Ukraine is no actor of that sentence).
fn fold_postings(items: &mut Vec<Item>, words: &[&str]) {
    let mut k = 0;
    while k + 1 < items.len() {
        let (a, b) = (&items[k], &items[k + 1]);
        let envoy = matches!(&a.piece, Piece::Lex(EntryKind::Agent(_)))
            && ENVOY_WORDS.contains(&words[a.last]);
        let gap = &words[a.last + 1..b.first];
        let posted = (gap == ["to"] || gap == ["to", "the"])
            && matches!(
                &b.piece,
                Piece::Lex(EntryKind::Country(_))
                    | Piece::Lex(EntryKind::Capital(_))
                    | Piece::Lex(EntryKind::Org { .. })
            );
        let named_after = items
            .get(k + 2)
            .is_some_and(|c| c.first == b.last + 1 && names_person(c));
        if envoy && posted && (named_after || titles_name_before(items, k, words)) {
            items[k].last = items[k + 1].last;
            items.remove(k + 1);
        }
        k += 1;
    }
}

/// A piece that names a person: a name no dictionary knows, a person of
/// the lexicon, or one the document named before.
fn names_person(it: &Item) -> bool {
    matches!(it.piece, Piece::Name | Piece::Lex(EntryKind::Person(_)))
        || matches!(&it.piece, Piece::Learned(l) if l.person)
}

/// Whether the title at `items[k]` stands in apposition after a person's
/// name: "Kurt Volker, the former special envoy", "Tim Morrison, a former
/// official" — only a comma, articles and role words ("former") between.
fn titles_name_before(items: &[Item], k: usize, words: &[&str]) -> bool {
    let mut j = k;
    while j > 0 && matches!(&items[j - 1].piece, Piece::Lex(EntryKind::Agent(s)) if s.is_empty()) {
        j -= 1;
    }
    let Some(name) = j.checked_sub(1).map(|j| &items[j]) else {
        return false;
    };
    let between = &words[name.last + 1..items[k].first];
    names_person(name)
        && between.first() == Some(&",")
        && between[1..]
            .iter()
            .all(|w| matches!(*w, "the" | "a" | "an") || ROLE_WORDS.contains(w))
}

/// A person's name: a capitalised word no dictionary knows, a person of the
/// lexicon, or one the document named before.
fn is_named(parts: &[&Item]) -> bool {
    parts.iter().any(|p| {
        matches!(
            &p.piece,
            Piece::Name | Piece::Lex(EntryKind::Person(_)) | Piece::Lex(EntryKind::Dated(_))
        ) || matches!(&p.piece, Piece::Learned(l) if l.person)
    })
}

/// A role word that gives a person a sector ("minister", "general").
fn is_titled(parts: &[&Item]) -> bool {
    parts.iter().any(|p| {
        matches!(&p.piece, Piece::Lex(EntryKind::Agent(s)) if TITLE_SECTORS.contains(&s.as_str()))
    })
}

/// Whether `next` describes the same person as `parts`, set off by a comma:
/// a name, then its title, with an article or adjectives before the title
/// ("Julio Borges, the leader of the opposition-held parliament"; "Kurt
/// Volker, former special envoy"); or a title, then the name between
/// commas ("The interior minister of Lebanon, Nohad Machnouk, said";
/// "Venezuela's Attorney General, Tarek William Saab, informed").
fn in_apposition(parts: &[&Item], next: &[Item], words: &[&str], tags: &[sitrep_pos::Tag]) -> bool {
    let end = parts.last().map_or(0, |p| p.last);
    if words.get(end + 1) != Some(&",") {
        return false;
    }
    let next_refs: Vec<&Item> = next.iter().collect();
    let (named, titled) = (is_named(parts), is_titled(parts));
    let (next_named, next_titled) = (is_named(&next_refs), is_titled(&next_refs));
    let next_named_loose = next.iter().any(|p| matches!(&p.piece, Piece::Learned(_)));
    // the words between the comma and the title: none, or an article and
    // adjectives ("the", "a top", "an opposition")
    let gap = end + 2..next[0].first;
    let describes = gap.len() <= 3
        && gap.clone().all(|j| {
            matches!(words[j], "the" | "a" | "an")
                || (tags[j] == sitrep_pos::Tag::JJ
                    && words[j].chars().all(|c| c.is_ascii_lowercase()))
        });
    if named && !titled {
        return describes && next_titled && !next_named && !next_named_loose;
    }
    // the title first: the name must close with a comma of its own
    let last = next.last().map_or(0, |p| p.last);
    titled
        && !named
        && next[0].first == end + 2
        && next_named
        && !next_titled
        && words.get(last + 1) == Some(&",")
}

/// "Lt Col Alexander Vindman": a one-word organisation name of two or three
/// letters is an acronym ("LT", Lashkar-e-Taiba) and names the group only
/// when written in capitals; in other case it is a word or an abbreviation
/// (a rank, "Lt").
fn acronym_in_other_case(kind: &EntryKind, n: usize, text: &str, t: &Token) -> bool {
    let w = &text[t.start..t.end];
    matches!(kind, EntryKind::Org { .. })
        && n == 1
        && (2..=3).contains(&w.chars().filter(|c| c.is_alphabetic()).count())
        && !is_all_caps(text, t)
}

/// A token that can be part of a personal name: capitalised, not a
/// function word; "al-Abadi" style particles inside a name too.
fn name_token(t: &Token, w: &str, inside: bool) -> bool {
    if inside && t.cap && t.kind == TokenKind::Word && PERSON_PRONOUNS.contains(&w) {
        return true;
    }
    if t.kind != TokenKind::Word || NOT_NAMES.contains(&w) {
        return false;
    }
    t.cap || (inside && (w.starts_with("al-") || w.starts_with("el-")))
}

impl ActorLexicon {
    /// Recognise the actors of a whole text: debris dropped, sentences
    /// split and tokenised as the pipeline does, one memory for the document.
    pub fn recognise_text(
        &self,
        text: &str,
        date: Option<NaiveDate>,
        mem: &mut DocMemory,
    ) -> Vec<Found> {
        let cleaned = sitrep_text::clean(text);
        let mut out = Vec::new();
        for s in sitrep_text::segment(text, &cleaned.kept) {
            let tokens = sitrep_text::tokenize(text, s.start, s.end);
            out.extend(self.recognise(text, &tokens, s.index, date, mem));
        }
        out
    }

    /// Recognise the actors of one sentence.
    pub fn recognise(
        &self,
        text: &str,
        tokens: &[Token],
        sentence: usize,
        date: Option<NaiveDate>,
        mem: &mut DocMemory,
    ) -> Vec<Found> {
        let surface: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
        let tags = sitrep_pos::tag(&surface);
        self.recognise_tagged(text, tokens, &tags, sentence, date, mem)
    }

    /// [`Self::recognise`] with the sentence's part-of-speech tags already
    /// computed (the pipeline tags each sentence once for all stages).
    pub fn recognise_tagged(
        &self,
        text: &str,
        tokens: &[Token],
        tags: &[sitrep_pos::Tag],
        sentence: usize,
        date: Option<NaiveDate>,
        mem: &mut DocMemory,
    ) -> Vec<Found> {
        let keys: Vec<String> = tokens.iter().map(|t| key(&t.norm)).collect();
        let words: Vec<&str> = keys.iter().map(String::as_str).collect();
        let defined = self.learn_definitions(text, tokens, &words, mem);
        let mut items = self.items(text, tokens, &words, tags, date, mem);
        splice_definitions(&mut items, &defined);
        fold_postings(&mut items, &words);
        let chunks = chunk(&items, &words, tags);
        let mut out: Vec<Found> = Vec::new();
        let mut skip = 0usize;
        for (ci, ch) in chunks.iter().enumerate() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let mut parts: Vec<&Item> = ch.iter().collect();
            // Apposition: "Armen Sarkissian, President of the Republic of
            // Armenia" — a name (known or not) and the title after a comma;
            // or the title first: "The mayor of London, Sadiq Khan, told".
            if let Some(next) = chunks.get(ci + 1) {
                if in_apposition(&parts, next, &words, tags) {
                    parts.extend(next.iter());
                    skip = 1;
                }
            }
            let Some(mut f) = self.compose(text, tokens, &words, &parts, sentence, date, mem)
            else {
                continue;
            };
            // An acronym defined after the actor: "Syrian Democratic Forces (SDF)".
            let k = f.last + 2;
            if words.get(f.last + 1) == Some(&"(")
                && words.get(k + 1) == Some(&")")
                && tokens.get(k).is_some_and(|t| is_all_caps(text, t))
            {
                let next_is_acronym = chunks
                    .get(ci + 1 + skip)
                    .is_some_and(|n| n.len() == 1 && n[0].first == k && n[0].last == k);
                // an acronym the document defined already stands; one a
                // dictionary gives another actor yields to the text's
                // definition ("NLM" is whatever this report says it is)
                let known = chunks
                    .get(ci + 1 + skip)
                    .is_some_and(|n| matches!(n[0].piece, Piece::Learned(_)) && n[0].first == k);
                if !known {
                    let l = Learned::from_actor(&f.mention.actor, Vec::new());
                    if !l.person {
                        mem.groups.push(l.clone());
                    }
                    mem.aliases.insert(words[k].to_string(), l);
                    let mut a = f.mention.actor.clone();
                    a.start = tokens[k].start;
                    a.end = tokens[k].end;
                    a.text = text[a.start..a.end].to_string();
                    out.push(Found {
                        first: k,
                        last: k,
                        mention: ActorMention {
                            sentence,
                            actor: a,
                            why: format!("acronym defined for {:?}", f.mention.actor.text),
                        },
                        rules: vec![ActorRule::AcronymDefinition],
                    });
                    if next_is_acronym {
                        skip += 1;
                    }
                    f.rules.push(ActorRule::AcronymDefinition);
                }
            }
            out.push(f);
        }
        // "he", "she": the nearest person mentioned before.
        for (i, w) in words.iter().enumerate() {
            if !PERSON_PRONOUNS.contains(w)
                || name_not_pronoun(tokens, i)
                || out.iter().any(|f| f.first <= i && i <= f.last)
            {
                continue;
            }
            let nearest = out
                .iter()
                .filter(|f| f.last < i && f.mention.actor.id.starts_with("person:"))
                .max_by_key(|f| f.last)
                .map(|f| Learned::from_actor(&f.mention.actor, Vec::new()))
                .or_else(|| mem.people.last().cloned());
            if let Some(p) = nearest {
                let t = &tokens[i];
                out.push(Found {
                    first: i,
                    last: i,
                    mention: ActorMention {
                        sentence,
                        actor: Actor {
                            id: p.id.clone(),
                            code: p.code.clone(),
                            country: p.country.clone(),
                            sector: p.sector.clone(),
                            name: p.name.clone(),
                            text: text[t.start..t.end].to_string(),
                            start: t.start,
                            end: t.end,
                        },
                        why: format!("pronoun {:?} refers to the nearest person, {}", w, p.name),
                    },
                    rules: vec![ActorRule::Coreference],
                });
            }
        }
        out.sort_by_key(|f| f.first);
        self.mark_definitions(&mut out, &defined, mem);
        for j in intext::acting_for_body(&words, &mut out) {
            mem.recode(&out[j].mention.actor);
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
        // "lawmakers in Fornost and Gondor": the role word governs both countries
        for i in 0..out.len().saturating_sub(1) {
            let (a, b) = (&out[i], &out[i + 1]);
            let joined = b.first > a.last
                && (a.last + 1..b.first).all(|k| matches!(words[k], "and" | "," | "or"));
            let a_role_in = a.mention.actor.code.len() > 3
                && (a.first..a.last).any(|k| matches!(words[k], "in" | "from"));
            let b_bare =
                b.mention.actor.code.len() == 3 && !b.mention.actor.code.starts_with("IGO");
            if joined && a_role_in && b_bare {
                let sec = a.mention.actor.code[3..].to_string();
                let code = format!("{}{sec}", b.mention.actor.code);
                let m = &mut out[i + 1].mention;
                m.actor.id = code.clone();
                m.actor.code = code;
                m.actor.sector = sec.get(..3).map(str::to_string);
                m.why.push_str("; role shared with the coordinated actor");
            }
        }
        for f in &out {
            if let Some(c) = &f.mention.actor.country {
                if !mem.countries.contains(c) {
                    mem.countries.push(c.clone());
                }
            }
            if let Some(s) = &f.mention.actor.sector {
                if f.mention.actor.country.is_some() {
                    mem.last_by_sector
                        .insert(s.clone(), f.mention.actor.clone());
                }
            }
        }
        out
    }

    /// Acronyms the sentence defines for names no dictionary knows
    /// ("the National Liberation Movement (NLM)", "NLM, the National
    /// Liberation Movement"): each becomes an organisation of the document,
    /// remembered under its acronym and among its groups.
    fn learn_definitions(
        &self,
        text: &str,
        tokens: &[Token],
        words: &[&str],
        mem: &mut DocMemory,
    ) -> Vec<(intext::Definition, Learned)> {
        let mut out = Vec::new();
        for d in intext::definitions(text, tokens, words) {
            let acr = words[d.acronym];
            // a name the dictionaries know, or one whose own words say more
            // than its head ("Hurricane Police Department", "Ministry of
            // Defence"), is composed as any other actor; its acronym is
            // still learned after it
            if mem.aliases.contains_key(acr)
                || self.known_name(words, d.name_first, d.name_last)
                || self.agent_inside(words, d.name_first, d.name_last)
            {
                continue;
            }
            let (country, sector) = self.defined_code(words, d.name_first, d.name_last);
            // a head that says no sector ("Royal Canadian Mounted Police"):
            // the name is composed as any other actor
            if sector.is_none() {
                continue;
            }
            let code = format!(
                "{}{}",
                country.clone().unwrap_or_default(),
                sector.clone().unwrap_or_default()
            );
            if code.is_empty() {
                continue;
            }
            let name = text[tokens[d.name_first].start..tokens[d.name_last].end].to_string();
            let l = Learned {
                id: format!("org:{}", slug(&name)),
                name: name.clone(),
                code,
                country,
                sector,
                roles: Vec::new(),
                person: false,
            };
            mem.aliases.insert(acr.to_string(), l.clone());
            mem.by_full.insert(name_key(&name), l.clone());
            mem.groups.push(l.clone());
            out.push((d, l));
        }
        out
    }

    /// Record which found actors an acronym defined or referred to.
    fn mark_definitions(
        &self,
        out: &mut [Found],
        defined: &[(intext::Definition, Learned)],
        mem: &DocMemory,
    ) {
        let table = HeadTable::builtin();
        for f in out.iter_mut() {
            let here = defined.iter().any(|(d, _)| {
                (f.first <= d.name_last && d.name_first <= f.last)
                    || (f.first..=f.last).contains(&d.acronym)
            });
            if f.rules.contains(&ActorRule::AcronymDefinition) {
                continue;
            }
            let rule = if here {
                ActorRule::AcronymDefinition
            } else {
                if f.first != f.last {
                    continue;
                }
                let t = key(&f.mention.actor.text);
                let last = t.rsplit(' ').next().unwrap_or("");
                let group = mem.groups.iter().any(|g| g.id == f.mention.actor.id);
                if !(group
                    && (mem.aliases.contains_key(t.as_str()) || table.anaphor(last).is_some()))
                {
                    continue;
                }
                ActorRule::AcronymReference
            };
            if !f.rules.contains(&rule) && !f.rules.contains(&ActorRule::AcronymDefinition) {
                f.rules.push(rule);
            }
        }
    }

    fn items(
        &self,
        text: &str,
        tokens: &[Token],
        words: &[&str],
        tags: &[sitrep_pos::Tag],
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
            // "the group", "the rebels": the organisation defined earlier
            // (a capitalised "the Organization of ..." is a name)
            if words[i] == "the" && tokens.get(i + 1).is_some_and(|t| !t.cap) {
                if let Some(g) = words
                    .get(i + 1)
                    .and_then(|w| HeadTable::builtin().anaphor(w))
                    .and_then(|sector| mem.group_for(sector))
                {
                    items.push(Item {
                        first: i + 1,
                        last: i + 1,
                        piece: Piece::Learned(g.clone()),
                    });
                    i += 2;
                    continue;
                }
            }
            let all_caps = is_all_caps(text, &tokens[i]);
            let cap = is_capitalised(&tokens[i]) || all_caps;
            // an acronym defined earlier in the document
            if all_caps {
                if let Some(l) = mem.aliases.get(words[i]) {
                    items.push(Item {
                        first: i,
                        last: i,
                        piece: Piece::Learned(l.clone()),
                    });
                    i += 1;
                    continue;
                }
            }
            // "Vietnamese-led forces", "Russian-led coalition": the leading
            // country is the actor's ("-backed" and "-based" are not)
            if let Some(stem) = words[i].strip_suffix("-led") {
                let kind = self.matches_at(&[stem], 0).into_iter().find_map(|(e, n)| {
                    (n == 1 && matches!(e.kind, EntryKind::Adjective(_) | EntryKind::Country(_)))
                        .then(|| e.kind.clone())
                });
                if let Some(kind) = kind {
                    items.push(Item {
                        first: i,
                        last: i,
                        piece: Piece::Lex(kind),
                    });
                    i += 1;
                    continue;
                }
            }
            if participle_modifier(words[i]) && self.matches_at(words, i).is_empty() {
                i += 1;
                continue;
            }
            let mut best: Option<(usize, EntryKind)> = None;
            for (e, n) in self.matches_at(words, i) {
                // "the Shire", "the Kremlin": the name after the article is
                // the one to be capitalised
                let cap = cap
                    || (n > 1
                        && matches!(words[i], "the" | "a" | "an")
                        && tokens.get(i + 1).is_some_and(is_capitalised));
                if proper_kind(&e.kind) && !cap {
                    continue;
                }
                if acronym_in_other_case(&e.kind, n, text, &tokens[i]) {
                    continue;
                }
                best = Some((n, e.kind.clone()));
                break;
            }
            if let Some(longer) = self.deputy_of_office(words, i, &best) {
                best = Some(longer);
            }
            if let Some((n, EntryKind::Agent(sector))) = &best {
                if let Some(k) = self.org_saying_more(words, i, *n, sector) {
                    best = Some((*n, k));
                }
            }
            if let Some((n, EntryKind::Org { .. })) = &best {
                if let Some(k) = self.org_by_country(words, i, *n, mem) {
                    best = Some((*n, k));
                }
            }
            if best.is_none() {
                best = self
                    .deputy_title(words[i])
                    .map(|s| (1, EntryKind::Agent(s)));
            }
            if (best.is_none() || self.modifies_next_role(&best, words, i))
                && ROLE_WORDS.contains(&words[i])
            {
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
            // "Liu He": a capitalised pronoun right after a name word ends the name
            let continues_name = PERSON_PRONOUNS.contains(&words[i])
                && name_not_pronoun(tokens, i)
                && items
                    .last()
                    .is_some_and(|it: &Item| it.last + 1 == i && matches!(it.piece, Piece::Name));
            if !(cap && (continues_name || name_token(&tokens[i], words[i], false))) {
                i += 1;
                continue;
            }
            // the run of name-like words starting here ("Haider al-Abadi")
            let mut run = 1;
            while run < 4
                && i + run < tokens.len()
                && name_token(&tokens[i + run], words[i + run], true)
                && self.matches_at(words, i + run).is_empty()
            {
                run += 1;
            }
            // "Evil Mordor, …" opening a sentence: a lone capitalised word
            // before a dictionary entry is capitalised for its position
            if i == 0
                && run == 1
                && tokens.len() > 1
                && !self.matches_at(words, 1).is_empty()
                && !mem.by_surname.contains_key(&name_key(words[0]))
            {
                i += 1;
                continue;
            }
            let mut matched: Option<(usize, Piece)> = None;
            for n in (2..=run).rev() {
                let full = words[i..i + n].join(" ");
                if let Some(l) = mem.by_full.get(&name_key(&full)) {
                    matched = Some((n, Piece::Learned(l.clone())));
                    break;
                }
                if let Some(&p) = self.people_by_key(&full, date).first() {
                    matched = Some((n, Piece::Lex(EntryKind::Person(p))));
                    break;
                }
            }
            if matched.is_none() && run >= 2 {
                // a full name whose last name is known for someone else
                // ("Serzh Sargsyan" after "Armen Sargsyan"): a new name.
                let last = name_key(words[i + run - 1]);
                if mem.by_surname.contains_key(&last) {
                    for k in i..i + run {
                        items.push(Item {
                            first: k,
                            last: k,
                            piece: Piece::Name,
                        });
                    }
                    i += run;
                    continue;
                }
            }
            if matched.is_none() {
                // "President Sargsyan": the namesake titled so, else the
                // one of that last name mentioned last
                let title = items.last().and_then(|it: &Item| {
                    (it.last + 1 == i
                        && matches!(&it.piece, Piece::Lex(EntryKind::Agent(s)) if !s.is_empty()))
                    .then(|| words[it.first..=it.last].join(" "))
                });
                let titled = title.and_then(|t| mem.person_by_title(words[i], &t));
                if let Some(l) = titled.or_else(|| mem.by_surname.get(&name_key(words[i]))) {
                    matched = Some((1, Piece::Learned(l.clone())));
                }
            }
            // a built-in person named by surname alone: only on a known date,
            // when one person of that name holds office then, and not at the
            // start of a sentence where any word is capitalised
            let after_title = items.last().is_some_and(|it: &Item| {
                it.last + 1 == i && matches!(&it.piece, Piece::Lex(EntryKind::Agent(_)))
            });
            // "Tom King": a capitalised word right after makes "Tom" a first
            // name, not the surname of someone in the dictionary
            let name_follows = !possessive(&text[tokens[i].start..tokens[i].end])
                && tokens.get(i + 1).is_some_and(|t| {
                    t.cap && t.kind == TokenKind::Word && !NOT_NAMES.contains(&words[i + 1])
                });
            // "Tim Morrison": the capitalised word just before is a first name
            let given = items.last().and_then(|it: &Item| {
                (it.last + 1 == i && it.first == it.last && matches!(it.piece, Piece::Name))
                    .then(|| &text[tokens[it.first].start..tokens[it.first].end])
            });
            if matched.is_none()
                && run == 1
                && (i > 0 || opens_with_surname(tokens, tags))
                && !name_follows
                && (date.is_some() || after_title)
            {
                if let Some(ids) = self.surnames.get(words[i]) {
                    let carriers: std::collections::BTreeSet<usize> = ids.iter().copied().collect();
                    // "Carlos Menem": a first name and a surname only one
                    // person carries name him on any date his rows cover;
                    // a bare surname, or one many carry ("John Smith"),
                    // names only a holder of a dated office on the day
                    let named_outright = given.is_some() && carriers.len() == 1;
                    let active: std::collections::BTreeSet<usize> = carriers
                        .into_iter()
                        .filter(|&p| {
                            if named_outright {
                                self.people[p].active_on(date)
                            } else {
                                self.people[p].holds_office_on(date)
                            }
                        })
                        .filter(|&p| given.is_none_or(|g| self.given_name_fits(p, g)))
                        .collect();
                    if active.len() == 1 {
                        let p = *active.iter().next().unwrap();
                        matched = Some((1, Piece::Lex(EntryKind::Person(p))));
                    } else if active.is_empty()
                        && (after_title || self.government_word_at(words, i + 1))
                    {
                        matched = self
                            .sole_carrier(ids, given)
                            .map(|p| (1, Piece::Lex(EntryKind::Person(p))));
                    }
                }
            }
            let (n, piece) = matched.unwrap_or((1, Piece::Name));
            items.push(Item {
                first: i,
                last: i + n - 1,
                piece,
            });
            i += n;
        }
        items
    }

    /// "An October news conference between Trump and Chinese vice-premier
    /// Liu He" (November 2019): a deputy's title written as one hyphenated
    /// word is the office's sector, as "vice premier" in two words reads
    /// "premier" (GOV); the title then introduces the name after it.
    fn deputy_title(&self, word: &str) -> Option<String> {
        let (prefix, office) = word.split_once('-')?;
        if !DEPUTY_PREFIXES.contains(&prefix) || office.contains('-') {
            return None;
        }
        self.matches_at(&[office], 0)
            .into_iter()
            .find_map(|(e, n)| match &e.kind {
                EntryKind::Agent(s) if n == 1 && !s.is_empty() => Some(s.clone()),
                _ => None,
            })
    }

    /// "Answer: Deputy Secretary of State Tony Blinken will travel to
    /// Paris" (re3d, US State Department): "deputy" or "vice" before an
    /// office names that office's deputy, of its sector. Where the office
    /// after it is a longer title than the match at `i` ("deputy secretary"
    /// against "secretary of state"), the whole title is one agent, so the
    /// name after it is titled by the office and not left after a stray
    /// "of State". `None` where the match at `i` is as long already.
    fn deputy_of_office(
        &self,
        words: &[&str],
        i: usize,
        best: &Option<(usize, EntryKind)>,
    ) -> Option<(usize, EntryKind)> {
        if !DEPUTY_PREFIXES.contains(&words[i]) || i + 1 >= words.len() {
            return None;
        }
        let have = best.as_ref().map_or(0, |(n, _)| *n);
        self.matches_at(words, i + 1)
            .into_iter()
            .find_map(|(e, n)| match &e.kind {
                EntryKind::Agent(s) if !s.is_empty() && 1 + n > have => {
                    Some((1 + n, e.kind.clone()))
                }
                _ => None,
            })
    }

    /// "The Trump administration has imposed successive rounds of
    /// sanctions on high-ranking members of Maduro's administration": a
    /// word of the government's sector ("administration", "government")
    /// after a surname makes the surname its leader's, as a title before
    /// it does.
    fn government_word_at(&self, words: &[&str], i: usize) -> bool {
        self.matches_at(words, i)
            .first()
            .is_some_and(|(e, _)| matches!(&e.kind, EntryKind::Agent(s) if s == "GOV"))
    }

    /// "Secretary of State Mike Pompeo said the release of the hostages
    /// give[s] us hope": Phoenix has SECRETARY_OF_STATE both as an agent
    /// (GOV) and as an actor of the United States (USAGOV). On the same
    /// words, the organisation whose code is the agent's sector with a
    /// country before it says the same and more, and is read (PETRARCH
    /// reads its actor dictionary before its agents); one whose code says
    /// something else ("Senate" USAGOVLEG, "National Security Council"
    /// USAGOV for the agent's MIL) is not.
    fn org_saying_more(
        &self,
        words: &[&str],
        i: usize,
        n: usize,
        sector: &str,
    ) -> Option<EntryKind> {
        self.matches_at(words, i)
            .into_iter()
            .find_map(|(e, m)| match &e.kind {
                EntryKind::Org { code, .. }
                    if m == n
                        && !sector.is_empty()
                        && code.len() == 3 + sector.len()
                        && code.ends_with(sector)
                        && self.countries.contains_key(&code[..3]) =>
                {
                    Some(e.kind.clone())
                }
                _ => None,
            })
    }

    /// "In each case, President Trump tied himself to the outcome"
    /// (November 2019): the tables hold Donald J. Trump only from 2025, so
    /// no office covers the day and a bare surname names no one. After a
    /// title, a surname that one person of the tables alone carries (with
    /// the given name written before it, if any) names that person; the
    /// title then gives the office on the day (see `in_office_by_title`).
    fn sole_carrier(&self, ids: &[usize], given: Option<&str>) -> Option<usize> {
        let mut carriers: Vec<usize> = ids
            .iter()
            .copied()
            .filter(|&p| given.is_none_or(|g| self.given_name_fits(p, g)))
            .collect();
        carriers.sort_unstable();
        carriers.dedup();
        match carriers.as_slice() {
            [p] => Some(*p),
            _ => None,
        }
    }

    /// "Nasrat Rahimi, the deputy spokesman for the Interior Ministry":
    /// a one-word agent that is also a role word ("deputy", Phoenix's police
    /// deputy) before another role word or agent is that role's modifier and
    /// gives no sector of its own.
    fn modifies_next_role(
        &self,
        best: &Option<(usize, EntryKind)>,
        words: &[&str],
        i: usize,
    ) -> bool {
        matches!(best, Some((1, EntryKind::Agent(_))))
            && words.get(i + 1).is_some_and(|w| {
                ROLE_WORDS.contains(w)
                    || self
                        .matches_at(words, i + 1)
                        .iter()
                        .any(|(e, _)| matches!(e.kind, EntryKind::Agent(_)))
            })
    }

    /// "Foreign Affairs Minister Alexander Downer" read in December 2001,
    /// "President Ashraf Ghani's" in 2019: the dictionaries have the person
    /// out of office on the date (an elite, ELI, as Phoenix codes a past or
    /// unrecorded office), but the text titles them with an office they
    /// hold. The title's sector in the person's own country is the code. A
    /// "former" title has made the sector ELI before this is asked.
    fn in_office_by_title(&self, person_code: &str, title_sector: Option<&str>) -> Option<String> {
        let s = title_sector.filter(|s| *s != "ELI" && TITLE_SECTORS.contains(s))?;
        match split_code(person_code, self) {
            (Some(c), Some(ps)) if ps == "ELI" => Some(format!("{c}{s}")),
            _ => None,
        }
    }

    /// "The National Liberation Army (ELN) accepted responsibility for the
    /// attack and justified it as a response to the bombings made by the
    /// Colombian government": two organisations share the name (Colombia's
    /// ELN and Bolivia's); the one of a country named in the sentence, else
    /// of one met earlier in the document, is meant. `None` when the name
    /// is not shared or no country tells them apart (the first stands).
    fn org_by_country(
        &self,
        words: &[&str],
        i: usize,
        n: usize,
        mem: &DocMemory,
    ) -> Option<EntryKind> {
        let orgs: Vec<&EntryKind> = self
            .matches_at(words, i)
            .into_iter()
            .filter(|(e, m)| *m == n && matches!(e.kind, EntryKind::Org { .. }))
            .map(|(e, _)| &e.kind)
            .collect();
        if orgs.len() < 2 {
            return None;
        }
        let here = self.sentence_countries(words);
        let of = |k: &&EntryKind, cs: &[String]| {
            matches!(k, EntryKind::Org { code, .. }
                if code.get(..3).is_some_and(|c| cs.iter().any(|x| x == c)))
        };
        orgs.iter()
            .find(|k| of(k, &here))
            .or_else(|| orgs.iter().find(|k| of(k, &mem.countries)))
            .map(|k| (*k).clone())
    }

    /// The countries a sentence names by name, adjective or capital.
    fn sentence_countries(&self, words: &[&str]) -> Vec<String> {
        let mut out = Vec::new();
        for j in 0..words.len() {
            for (e, _) in self.matches_at(words, j) {
                if let EntryKind::Country(c) | EntryKind::Adjective(c) | EntryKind::Capital(c) =
                    &e.kind
                {
                    if !out.contains(c) {
                        out.push(c.clone());
                    }
                }
            }
        }
        out
    }

    /// "Tim Morrison" is not Scott Morrison, "Rick Perry" not Ruth Perry: a
    /// capitalised first name written before a surname must be one of the
    /// dictionary person's own names (or its initial) for the surname to
    /// name them.
    fn given_name_fits(&self, person: usize, given: &str) -> bool {
        let g = name_key(given);
        let initial = given.trim_end_matches('.');
        let words: Vec<&str> = self.people[person].name.split_whitespace().collect();
        words[..words.len().saturating_sub(1)].iter().any(|w| {
            name_key(w) == g
                || (initial.chars().count() == 1
                    && w.chars()
                        .next()
                        .map(|c| c.to_lowercase().eq(initial.chars()))
                        == Some(true))
        })
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
        let mut roles: Vec<String> = Vec::new();
        let mut prefix: Option<String> = None;
        let mut fixed: Option<(String, String, String)> = None; // code, name, id
        let mut person: Option<Learned> = None;
        let mut why: Vec<String> = Vec::new();
        let mut name_toks: Vec<usize> = Vec::new();
        let mut has_capital = false;
        let mut only_adjective = true;
        let mut rules: Vec<ActorRule> = Vec::new();
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
                            roles.push(words[p.first..=p.last].join(" "));
                            why.push(format!("agent {span_text:?} → {s}"));
                        }
                        EntryKind::AgentPrefix(s) => {
                            prefix = Some(s.clone());
                            why.push(format!("agent {span_text:?} → {s}~"));
                        }
                        EntryKind::Person(i) | EntryKind::Dated(i) => {
                            let pp = &self.people[*i];
                            // named before in the document: as it was
                            // coded then ("former president X", "X, the
                            // UN envoy"), not as the dictionary has it
                            let pid = format!("person:{}", slug(&pp.name));
                            if let Some(l) = mem.people.iter().rev().find(|l| l.id == pid) {
                                if person.is_none() {
                                    why.push(format!(
                                        "{:?} named earlier in the document as {}",
                                        pp.name, l.code
                                    ));
                                    rules.push(ActorRule::Coreference);
                                    person = Some(l.clone());
                                }
                                continue;
                            }
                            if let Some(code) = pp.code_on(date) {
                                why.push(format!(
                                    "person {:?} → {code} on the document date",
                                    pp.name
                                ));
                                if person.is_none() {
                                    let (c, s) = split_code(&code, self);
                                    person = Some(Learned {
                                        id: format!("person:{}", slug(&pp.name)),
                                        name: pp.name.clone(),
                                        code,
                                        country: c,
                                        sector: s,
                                        roles: Vec::new(),
                                        person: true,
                                    });
                                }
                            }
                        }
                        EntryKind::Org { code, name } => {
                            why.push(format!("organisation {name:?} → {code}"));
                            fixed.get_or_insert((
                                code.to_string(),
                                name.to_string(),
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
                    if l.person {
                        if person.is_none() {
                            rules.push(ActorRule::Coreference);
                        }
                        person.get_or_insert(l.clone());
                    } else {
                        fixed.get_or_insert((l.code.clone(), l.name.clone(), l.id.clone()));
                    }
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
        // "aid from France", "a delegation from Britain": a country after
        // "from" is where something comes from, often the actor that sends
        // it; a capital there stays a place ("returned from Moscow")
        let from_country = (prev == "from" || (prev == "the" && prev2 == "from")) && !has_capital;
        let preceded_by_locative = !from_country
            && (LOCATIVE.contains(&prev) || (prev == "the" && LOCATIVE.contains(&prev2)));
        // A capital, or a country alone, after "in"/"at"/"near" is a place, not an actor.
        let bare = sectors.is_empty()
            && fixed.is_none()
            && person.is_none()
            && prefix.is_none()
            && name_toks.is_empty();
        if bare && (has_capital || !only_adjective) && preceded_by_locative {
            return None;
        }
        if bare && country.is_none() {
            return None;
        }
        // A country standing alone as its own line ("Syria .") is a heading.
        if bare
            && tokens
                .iter()
                .enumerate()
                .all(|(k, t)| (first..=last).contains(&k) || t.kind == TokenKind::Punct)
        {
            return None;
        }
        // A capitalised phrase ending in an organisation word ("World
        // Monuments Fund", "U.S. Central Command") names an organisation.
        let last_cap = tokens[last].cap || is_all_caps(text, &tokens[last]);
        let org_sector = (last_cap && person.is_none() && fixed.is_none() && last > first)
            .then(|| org_head(words[last]))
            .flatten()
            .filter(|_| {
                parts
                    .iter()
                    .all(|p| tokens[p.first].cap || is_all_caps(text, &tokens[p.first]))
            });
        if let Some(s) = org_sector {
            if HeadTable::builtin().committee_of_chamber(&words[first..=last], words[last]) {
                why.push("a committee of a legislative chamber → LEG".into());
                sectors = vec!["LEG".to_string()];
            }
            if !s.is_empty() && sectors.is_empty() {
                sectors.push(s.to_string());
            }
            let name_text = text[tokens[first].start..tokens[last].end].to_string();
            let name_text = name_text.trim_start_matches("The ").to_string();
            let sector = sectors.iter().max_by_key(|s| sector_rank(s)).cloned();
            let code = format!(
                "{}{}",
                country.clone().unwrap_or_default(),
                sector.clone().unwrap_or_default()
            );
            if !code.is_empty() {
                why.push(format!("organisation named {name_text:?}"));
                rules.push(ActorRule::HeadNoun);
                fixed = Some((code, name_text.clone(), format!("org:{}", slug(&name_text))));
                name_toks.clear();
            }
        }
        // Names without any title or country are not actors (yet).
        if fixed.is_none()
            && person.is_none()
            && country.is_none()
            && sectors.is_empty()
            && prefix.is_none()
        {
            return None;
        }
        // A singular role word with no determiner, country or name before a
        // noun is a modifier: "terrorist attacks", "military service".
        let agents_only = fixed.is_none()
            && person.is_none()
            && country.is_none()
            && name_toks.is_empty()
            && prefix.is_none();
        if agents_only {
            // look back over lowercase modifiers: "the global coalition"
            let mut k = first;
            let mut determined = false;
            while k > 0 && first - k < 4 {
                k -= 1;
                let w = words[k];
                if DETERMINERS.contains(&w) || w.ends_with("'s") {
                    determined = true;
                    break;
                }
                if tokens[k].kind != TokenKind::Word || tokens[k].cap {
                    break;
                }
            }
            let head = words[last];
            let plural =
                head.ends_with('s') || COLLECTIVES.contains(&head) || head.ends_with("men");
            // "Coalition" written as a name in mid-sentence
            let proper = tokens[first].cap && first > 0;
            if !(determined || plural || proper) {
                return None;
            }
            // "the terrorist attacks", "a military response"
            if !plural
                && words
                    .get(last + 1)
                    .is_some_and(|w| MODIFIED_NOUNS.contains(w))
            {
                return None;
            }
        }
        let mut sector = sectors
            .iter()
            .max_by_key(|s| sector_rank(s))
            .cloned()
            .or_else(|| (has_capital && fixed.is_none()).then(|| "GOV".to_string()));
        // a country's own coalition is that country's grouping, not an IGO
        if sector.as_deref() == Some("IGO") && country.is_some() {
            sector = sectors.iter().find(|s| *s != "IGO").cloned();
        }
        // "former security officials", "ex-minister": no longer in office,
        // one of the country's elites (CAMEO ELI)
        let former = prev == "former"
            || words[first..=last]
                .iter()
                .any(|w| *w == "former" || w.starts_with("ex-"));
        if former && sector.as_deref().is_some_and(|s| s != "ELI") {
            why.push("a former holder of the role: an elite (ELI)".into());
            sector = Some("ELI".into());
            rules.push(ActorRule::Former);
        }
        if has_capital && sectors.is_empty() && fixed.is_none() {
            why.push("capital as metonym for its government".into());
        }
        // "the Armenian president", "the minister": the person of that role
        // met earlier in the document.
        if person.is_none() && fixed.is_none() && name_toks.is_empty() && !roles.is_empty() {
            let definite = prev == "the" || prev == "its" || prev == "his" || prev == "her";
            let singular = !words[last].ends_with('s');
            if definite && singular {
                if let Some(p) = mem.person_with_role(&roles, country.as_deref()) {
                    why.push(format!(
                        "\"the {}\" refers back to {}",
                        words[first..=last].join(" "),
                        p.name
                    ));
                    rules.push(ActorRule::Coreference);
                    person = Some(p.clone());
                }
            }
        }
        // Coreference for a bare sector word ("the president", "the ministry").
        if country.is_none() && fixed.is_none() && person.is_none() && name_toks.is_empty() {
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
        // A name is a person's when a title comes before it ("Foreign
        // Minister Sergey Lavrov") or stands after it in apposition; a name
        // before a role word describes a group ("Syrian Arab forces").
        let first_name_tok = name_toks.first().copied().unwrap_or(usize::MAX);
        let titled_name = words[first..=last].contains(&",")
            || parts.iter().any(|p| {
                p.last < first_name_tok
                    && matches!(
                        &p.piece,
                        Piece::Lex(EntryKind::Agent(_))
                            | Piece::Lex(EntryKind::Org { .. })
                            | Piece::Lex(EntryKind::Coded { .. })
                    )
            });
        if !titled_name && person.is_none() && fixed.is_none() {
            name_toks.clear();
        }
        // The code a title gives: "NATO chief", "Russian Foreign Minister".
        let title_code = match (&fixed, &country, &sector) {
            // a bare country code takes the sector of the title: "Fornost President X"
            (Some((code, _, _)), _, Some(s))
                if code.len() == 3 && !code.starts_with("IGO") && !is_sector(code) =>
            {
                Some(format!("{code}{s}"))
            }
            (Some((code, _, _)), _, _) => Some(code.clone()),
            (None, Some(c), Some(s)) => Some(format!("{c}{s}")),
            _ => None,
        };
        let (code, name, id) = if let Some(p) = person {
            // a person: the title in the text outranks what the lexicon knew
            let title_sector = sector.as_deref().filter(|_| !sectors.is_empty());
            let code = match (&title_code, &country) {
                (Some(t), _) => t.clone(),
                (None, Some(c)) if !p.code.starts_with(c.as_str()) => c.clone(),
                _ => match self.in_office_by_title(&p.code, title_sector) {
                    Some(c) => {
                        why.push(format!(
                            "titled with a current office: {c}, not the elite {}",
                            p.code
                        ));
                        c
                    }
                    None => p.code.clone(),
                },
            };
            let code = self.out_of_office(code, former, &mut why, &mut rules);
            if code != p.code {
                why.push(format!("titled here as {code}"));
            }
            let (c, s) = split_code(&code, self);
            let l = Learned {
                code: code.clone(),
                country: c,
                sector: s,
                roles: roles.clone(),
                ..p.clone()
            };
            let nwords: Vec<&str> = if name_toks.is_empty() {
                p.name.split_whitespace().collect()
            } else {
                name_toks.iter().map(|&k| words[k]).collect()
            };
            mem.remember(l.clone(), &nwords);
            (code, p.name.clone(), p.id.clone())
        } else if let Some((code, name, id)) = fixed.filter(|_| name_toks.is_empty()) {
            // a bare country code takes the sector named beside it
            if code.len() == 3 && !code.starts_with("IGO") && !is_sector(&code) {
                if let Some(s) = &sector {
                    let c = format!("{code}{s}");
                    (c.clone(), name, c)
                } else {
                    (code, name, id)
                }
            } else if former && !code.ends_with("ELI") && !code.starts_with("IGO") {
                // "former White House officials": the office's code, as elites
                let c = format!("{code}ELI");
                (c.clone(), name, c)
            } else if let Some(s) = sector.as_ref().filter(|s| {
                code.len() > 3
                    && !code.starts_with("IGO")
                    && !has_code_part(&code, s)
                    && !describes_named_group(parts)
                    && !leads_named_group(parts, words)
            }) {
                // "West German world government activists": an agent named
                // beside a coded group stacks its code on the group's
                // (GMWGOV + WGO), unless the group's code has it already
                why.push(format!("agent code {s} stacked on {code}"));
                let c = format!("{code}{s}");
                (c.clone(), name, c)
            } else {
                (code, name, id)
            }
        } else if !name_toks.is_empty()
            && titled_name
            && (title_code.is_some() || sector.is_some() || country.is_some())
        {
            // a person learned from a title: "Russian Foreign Minister Sergey Lavrov"
            let name_text = name_toks
                .iter()
                .map(|&k| &text[tokens[k].start..tokens[k].end])
                .collect::<Vec<_>>()
                .join(" ");
            let name_text = name_text
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .trim_end_matches('’')
                .to_string();
            let code = title_code.clone().unwrap_or_else(|| {
                format!(
                    "{}{}",
                    country.clone().unwrap_or_default(),
                    sector.clone().unwrap_or_default()
                )
            });
            let code = self.out_of_office(code, former, &mut why, &mut rules);
            let id = format!("person:{}", slug(&name_text));
            let (c, s) = split_code(&code, self);
            let learned = Learned {
                id: id.clone(),
                name: name_text.clone(),
                code: code.clone(),
                country: c,
                sector: s,
                roles: roles.clone(),
                person: true,
            };
            let nwords: Vec<&str> = name_toks.iter().map(|&k| words[k]).collect();
            mem.remember(learned, &nwords);
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
        // a prefix agent ("MSF" → NGO~) stands before the whole code: NGOARN
        let code = match &prefix {
            Some(pf) if !code.starts_with(pf.as_str()) => {
                why.push(format!("prefix {pf}"));
                format!("{pf}{code}")
            }
            _ => code,
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
            rules,
        })
    }
}

/// The first piece of a chunk that names a coded organisation (from a
/// dictionary or learned in the document).
fn named_group(parts: &[&Item]) -> Option<usize> {
    parts
        .iter()
        .find(|p| {
            matches!(
                &p.piece,
                Piece::Lex(EntryKind::Org { .. }) | Piece::Lex(EntryKind::Coded { .. })
            ) || matches!(&p.piece, Piece::Learned(l) if !l.person)
        })
        .map(|p| p.first)
}

/// "Islamist group al-Shabaab", "terrorist group Nusra Front": role words
/// written right before the name of a coded organisation are an apposition
/// that says what the organisation is, not a part of it to stack on its
/// code ("West German world government activists" after the name, and
/// "human rights activists of Gonzo GMO" joined by "of", are a part).
fn describes_named_group(parts: &[&Item]) -> bool {
    let Some(org) = named_group(parts) else {
        return false;
    };
    let agents: Vec<&&Item> = parts
        .iter()
        .filter(|p| matches!(&p.piece, Piece::Lex(EntryKind::Agent(s)) if !s.is_empty()))
        .collect();
    !agents.is_empty()
        && agents.iter().all(|p| p.last < org)
        && agents.iter().any(|p| p.last + 1 == org)
}

/// Words for the people at the head of an organisation.
const LEADER_WORDS: &[&str] = &["leader", "leaders", "leadership"];

/// "Duque also demanded that Cuba extradite the ten ELN leaders": the
/// leaders of a coded organisation act for it; "leaders" carries GOV for
/// states' leaders, which is no part of a rebel group's code.
fn leads_named_group(parts: &[&Item], words: &[&str]) -> bool {
    let Some(org) = named_group(parts) else {
        return false;
    };
    let mut agents = parts
        .iter()
        .filter(|p| matches!(&p.piece, Piece::Lex(EntryKind::Agent(s)) if !s.is_empty()))
        .peekable();
    agents.peek().is_some()
        && agents
            .all(|p| p.first > org && p.first == p.last && LEADER_WORDS.contains(&words[p.first]))
}

/// Put each name defined with its acronym in the sentence in place of the
/// pieces the lexicon found in it ("Rapid Support Forces" is one
/// organisation, not a role word "Forces" after a name).
fn splice_definitions(items: &mut Vec<Item>, defined: &[(intext::Definition, Learned)]) {
    for (d, l) in defined {
        items.retain(|it| it.last < d.name_first || it.first > d.name_last);
        let at = items.partition_point(|it| it.first < d.name_first);
        items.insert(
            at,
            Item {
                first: d.name_first,
                last: d.name_last,
                piece: Piece::Learned(l.clone()),
            },
        );
    }
}

/// Whether a code is a sector's alone ("MIL"), not a country's.
fn is_sector(code: &str) -> bool {
    sector_name(code) != code
}

impl ActorLexicon {
    /// "Former US President Donald Trump", "former president Serzh
    /// Sargsyan": a person out of the office the title or the dictionary
    /// names is one of the country's elites (CAMEO ELI), not its government.
    fn out_of_office(
        &self,
        code: String,
        former: bool,
        why: &mut Vec<String>,
        rules: &mut Vec<ActorRule>,
    ) -> String {
        if !former || code.starts_with("IGO") || code.ends_with("ELI") {
            return code;
        }
        let Some(c) = split_code(&code, self).0 else {
            return code;
        };
        why.push(format!(
            "former: out of office, an elite of {c} (ELI), not {code}"
        ));
        if !rules.contains(&ActorRule::Former) {
            rules.push(ActorRule::Former);
        }
        format!("{c}ELI")
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

/// "Julio Borges, president of the opposition-led National Assembly":
/// a participle compound between "of the" and the body it describes (read
/// as no part of the name) does not cut the title from its body.
fn of_the_led(gap: &[&str]) -> bool {
    matches!(gap, ["of", "the", w] if participle_modifier(w))
}

/// Group items into chunks: adjacent items, or items joined by "of", "of the", "the".
/// "Afghanistan's new interim government, with Hamid Karzai as Prime
/// Minister, is to be sworn in" (ABC, December 2001): a person's name and
/// "as" before a title are one actor, titled here as a title before the
/// name would be.
fn person_as_title(prev: &Item, it: &Item, gap: &[&str]) -> bool {
    gap == ["as"]
        && (matches!(
            prev.piece,
            Piece::Name | Piece::Lex(EntryKind::Person(_)) | Piece::Lex(EntryKind::Dated(_))
        ) || matches!(&prev.piece, Piece::Learned(l) if l.person))
        && matches!(&it.piece, Piece::Lex(EntryKind::Agent(s)) if TITLE_SECTORS.contains(&s.as_str()))
}

fn chunk(items: &[Item], words: &[&str], tags: &[sitrep_pos::Tag]) -> Vec<Vec<Item>> {
    let mut out: Vec<Vec<Item>> = Vec::new();
    for it in items {
        if let Some(cur) = out.last_mut() {
            let prev = cur.last().unwrap();
            let gap: Vec<&str> = words[prev.last + 1..it.first].to_vec();
            // "soldiers from Gondor", "activists in Arnor": a role word and the
            // country it belongs to
            let agent_of_country = matches!(&prev.piece, Piece::Lex(EntryKind::Agent(s)) if !s.is_empty())
                && match &it.piece {
                    Piece::Lex(EntryKind::Country(_)) => true,
                    Piece::Lex(EntryKind::Coded { code, .. }) => code.len() >= 3,
                    _ => false,
                };
            // "Tajikistan's border troops", "French paper workers": a country
            // and its agent with a noun or adjective or two between them
            let modified_agent = (matches!(
                &prev.piece,
                Piece::Lex(EntryKind::Country(_)) | Piece::Lex(EntryKind::Adjective(_))
            ) || matches!(&prev.piece, Piece::Lex(EntryKind::Coded { code, .. }) if code.len() == 3))
                && matches!(&it.piece, Piece::Lex(EntryKind::Agent(s)) if !s.is_empty())
                && (1..=3).contains(&gap.len())
                && (prev.last + 1..it.first).all(|j| {
                    // "awful and evil minister": adjectives may be coordinated
                    let coordinated = words[j] == "and"
                        && j > prev.last + 1
                        && j + 1 < it.first
                        && tags[j - 1] == sitrep_pos::Tag::JJ;
                    coordinated
                        || (matches!(
                            tags[j],
                            sitrep_pos::Tag::NN | sitrep_pos::Tag::NNS | sitrep_pos::Tag::JJ
                        ) && words[j].chars().all(|c| c.is_ascii_lowercase() || c == '-')
                            && !NOT_NAMES.contains(&words[j]))
                });
            let joinable = modified_agent
                || gap.is_empty()
                || gap == ["of"]
                || gap == ["of", "the"]
                || of_the_led(&gap)
                || gap == ["for"]
                || gap == ["for", "the"]
                || (agent_of_country && (gap == ["from"] || gap == ["in"]))
                || person_as_title(prev, it, &gap);
            let prev_is_name = matches!(prev.piece, Piece::Name);
            let it_is_name = matches!(it.piece, Piece::Name);
            // A name never starts after "of" ("Ministry of Defense Smith" is unlikely)
            let names_touch = gap.is_empty() || !(it_is_name || prev_is_name);
            // "for" joins only a spokesman-like agent to an organisation
            let for_ok = gap.first().is_none_or(|g| *g != "for")
                || matches!(&prev.piece, Piece::Lex(EntryKind::Agent(_)));
            let ok = joinable && names_touch && for_ok;
            // Two complete actors side by side ("Armenia Azerbaijan") stay apart
            // unless one of them is a modifier (adjective, agent, name).
            let both_full = matches!(
                &prev.piece,
                Piece::Lex(EntryKind::Country(_)) | Piece::Lex(EntryKind::Org { .. })
            ) && matches!(
                &it.piece,
                Piece::Lex(EntryKind::Country(_)) | Piece::Lex(EntryKind::Org { .. })
            ) && gap.is_empty();
            // "Gondor of the Prince of Dol Amroth": two actors of their own
            // are not one because "of" stands between them
            let full = |p: &Piece| {
                matches!(
                    p,
                    Piece::Lex(EntryKind::Country(_))
                        | Piece::Lex(EntryKind::Org { .. })
                        | Piece::Lex(EntryKind::Coded { .. })
                        | Piece::Lex(EntryKind::Dated(_))
                        | Piece::Lex(EntryKind::Person(_))
                )
            };
            // (a person "of" a country is that country's: "King Hassan of Morocco")
            let person_prev = matches!(
                prev.piece,
                Piece::Lex(EntryKind::Person(_)) | Piece::Lex(EntryKind::Dated(_))
            );
            let both_full = both_full
                || (gap.first() == Some(&"of")
                    && !person_prev
                    && full(&prev.piece)
                    && full(&it.piece));
            if ok && !both_full {
                cur.push(it.clone());
                continue;
            }
        }
        out.push(vec![it.clone()]);
    }
    out
}

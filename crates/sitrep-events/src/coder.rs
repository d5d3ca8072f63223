//! Coding who did what to whom in one sentence.
//!
//! The coder works on tokens, the actors recognised in them, the time
//! expressions and places. It finds predicates (verbs and nominalisations
//! from the lexicon), picks the most specific lexicon pattern that the words
//! around each one satisfy, and assigns source and target by the syntax news
//! copy uses: the subject to the left and the object to the right in active
//! clauses, the reverse with a "by" phrase in passives, "X's"/adjectival and
//! "by X" sources with "of/on/against/with X" targets for nouns, compound
//! actors expanded into one event per pair, reported speech giving the
//! claimant. Every rule applied is recorded in the event's explanation.

use crate::lexicon::{FormKind, PatElem, Pattern, PredKind, PredicateLexicon, SlotRole};
use crate::why::{note, Why};
use chrono::NaiveDate;
use sitrep_actors::Found;
use sitrep_model::Rule;
use sitrep_model::{
    cameo_parts, stable_id, Actor, Cameo, DatePrecision, Event, EventDateSource, Explanation,
    Mention, Modality, NamedSpan, PlaceMention, Plover, TimeExpression,
};
use sitrep_pos::Tag;
use sitrep_text::{Token, TokenKind};

/// Options for the coder.
#[derive(Debug, Clone, Default)]
pub struct CoderOptions {
    /// Keep only events with both a source and a target (an actor, or words
    /// naming one that no dictionary codes).
    pub require_dyad: bool,
    /// Keep events with neither a source nor a target (dropped by default).
    pub keep_actorless: bool,
    /// The longest name, in words, reported for an actor no dictionary
    /// codes (`uncoded_source`, `uncoded_target`); 0 reports none.
    pub uncoded_name_words: usize,
}

/// Everything the coder needs to know about one sentence.
pub struct SentenceInput<'a> {
    pub doc_id: &'a str,
    pub doc_date: Option<NaiveDate>,
    pub text: &'a str,
    pub sentence: usize,
    pub sentence_start: usize,
    pub sentence_end: usize,
    pub tokens: &'a [Token],
    /// Part-of-speech tags of `tokens`, one each.
    pub tags: &'a [Tag],
    pub actors: &'a [Found],
    pub timexes: &'a [TimeExpression],
    pub places: &'a [PlaceMention],
}

/// Reported speech in a sentence: who speaks, and the token range of what is reported.
#[derive(Debug, Clone)]
pub struct Speech {
    pub speaker: Option<usize>,
    pub verb: usize,
    pub from: usize,
    pub to: usize,
    pub lemma: String,
}

const SPEECH_LEMMAS: &[&str] = &[
    "say", "tell", "state", "announce", "claim", "report", "add", "allege", "insist", "confirm",
    "stress", "note", "declare", "assert", "write", "tweet", "argue", "suggest",
];
/// A user's verb dictionary may file "said" or "told" as a lemma of its own.
fn is_speech(lemma: &str, word: &str) -> bool {
    SPEECH_LEMMAS.contains(&lemma)
        || matches!(
            word,
            "said" | "says" | "saying" | "told" | "tells" | "telling"
        )
}

const DENY_LEMMAS: &[&str] = &["deny", "dismiss", "reject"];

const DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "our",
    "this",
    "that",
    "these",
    "those",
    "new",
    "fresh",
    "heavy",
    "further",
    "any",
    "no",
    "renewed",
    "latest",
    "first",
    "second",
    "massive",
    "recent",
    "continued",
    "ongoing",
    "alleged",
    "deadly",
    "humanitarian",
    "prisoner",
];
const PREPOSITIONS: &[&str] = &[
    "of",
    "for",
    "on",
    "after",
    "during",
    "amid",
    "before",
    "since",
    "in",
    "with",
    "against",
    "over",
    "about",
    "despite",
    "following",
    "by",
    "from",
    "at",
    "under",
];
const BE_AUX: &[&str] = &[
    "was", "were", "been", "being", "is", "are", "be", "got", "get", "gets", "'s",
];
const ADVERBS: &[&str] = &[
    "reportedly",
    "allegedly",
    "also",
    "not",
    "never",
    "already",
    "just",
    "again",
    "repeatedly",
    "heavily",
    "recently",
    "still",
    "further",
    "later",
    "finally",
    "jointly",
    "formally",
    "officially",
    "deliberately",
    "indiscriminately",
    "n't",
    "then",
    "now",
    "first",
];
const NEGATORS: &[&str] = &[
    "not", "n't", "never", "no", "neither", "nor", "without", "cannot",
];
const FUTURE_AUX: &[&str] = &["will", "shall", "'ll", "wo"];
const HYPOTHETICAL: &[&str] = &["if", "could", "might", "may", "should", "unless", "would"];
const INTENT: &[&str] = &[
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "expected",
    "scheduled",
    "set",
    "due",
    "vow",
    "vows",
    "vowed",
    "pledge",
    "pledged",
    "pledges",
    "promise",
    "promised",
    "promises",
    "agreed",
    "agree",
    "agrees",
    "decided",
    "prepared",
    "preparing",
    "ready",
    "going",
    "seeks",
    "sought",
    "hopes",
    "hoped",
    "wants",
    "wanted",
    "aims",
];
const REFUSAL: &[&str] = &[
    "refused", "refuses", "refuse", "failed", "fails", "declined", "declines",
];
const CLAUSE_BREAK: &[&str] = &[
    ";", "but", "while", "whereas", "although", "though", "who", "which", "where", "when",
];
const RECIPROCAL_ROOTS: &[&str] = &["03", "04", "05", "06", "08", "19"];

fn word(t: &[Token], i: usize) -> &str {
    t.get(i).map(|x| x.norm.as_str()).unwrap_or("")
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s").unwrap_or(w)
}

/// A predicate found in the sentence.
#[derive(Debug, Clone)]
struct Pred {
    index: usize,
    kind: PredKind,
    form: FormKind,
    pattern: Pattern,
    /// Tokens used by the pattern after the predicate.
    used_to: usize,
    /// Where the pattern itself places the source or the target.
    slots: Vec<Slot>,
    /// A definite noun the lexicon knows only with complements it lacks
    /// here ("the exchange" of "exchange of prisoners" and "exchange of
    /// fire"): it can only point back at an act told before, of any of its
    /// senses ([`ANY_SENSE`]).
    any_sense: bool,
    /// Where the pattern's words before the predicate begin.
    starts_at: Option<usize>,
}

/// The rule an event of a definite noun without its complement carries:
/// which of the noun's senses it has is the act it refers to.
pub const ANY_SENSE: &str =
    "a definite noun without the words its senses need: it may name an act told before of any of its senses";

/// The rule an actorless event carries when it is kept as a reference to
/// an event told before in the document.
pub const REFERS_BACK: &str =
    "no actor named: a further mention of an event the document has told, if one fits";

/// Whether the noun at `i` names a known act: "the clashes", "Sunday's
/// attack", "this month's fighting", or a bare mass or plural noun ("heard
/// gunfire"); not "an attack" or "any attack", which introduce one.
fn definite_or_bare(t: &[Token], words: &[&str], tags: &[Tag], i: usize) -> bool {
    let mut j = i;
    while j > 0 && i - j < 6 {
        j -= 1;
        let w = words[j];
        // "two days of clashes", "a new round of talks": the phrase the
        // noun is part of decides
        if w == "of" {
            continue;
        }
        if matches!(w, "the" | "this" | "that" | "these" | "those") {
            return true;
        }
        if matches!(
            w,
            "a" | "an" | "any" | "no" | "every" | "each" | "another" | "new" | "future"
        ) {
            return false;
        }
        // a possessive ("Sunday's", "their"): the words were stripped of it
        if t[j].norm.ends_with("'s") || t[j].norm.ends_with("s'") || tags[j] == Tag::PRPS {
            return true;
        }
        if !(tags[j].is_adjective()
            || tags[j].is_noun()
            || matches!(tags[j], Tag::CD | Tag::POS | Tag::VBN | Tag::VBG))
        {
            return true;
        }
    }
    true
}

/// The length of the noun phrase starting at token `j` (a determiner or
/// possessive, modifiers, numbers, nouns), if one starts there.
fn noun_phrase_at(tags: &[Tag], j: usize, end: usize) -> Option<usize> {
    let first = *tags.get(j)?;
    if !(first.is_noun()
        || first.is_adjective()
        || matches!(first, Tag::DT | Tag::PRPS | Tag::CD | Tag::PDT))
    {
        return None;
    }
    let mut k = j + 1;
    while k < end.min(tags.len())
        && (tags[k].is_noun()
            || tags[k].is_adjective()
            || matches!(tags[k], Tag::CD | Tag::POS | Tag::VBG))
    {
        k += 1;
    }
    // a phrase has a noun (or is a number)
    (j..k)
        .any(|x| tags[x].is_noun() || tags[x] == Tag::CD)
        .then_some(k - j)
}

/// A pattern slot found in the sentence: the actor it names stands in a
/// span of tokens.
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// The first actor starting in `from..to`, after the predicate.
    After {
        role: SlotRole,
        from: usize,
        to: usize,
    },
    /// The nearest actor ending before token `until`, before the predicate.
    Before { role: SlotRole, until: usize },
}

struct PatternMatch {
    used_to: usize,
    slots: Vec<Slot>,
    /// Where the pattern's words before the predicate begin.
    starts_at: Option<usize>,
}

pub struct Coder<'a> {
    pub lex: &'a PredicateLexicon,
    pub opts: CoderOptions,
}

impl<'a> Coder<'a> {
    pub fn new(lex: &'a PredicateLexicon, opts: CoderOptions) -> Self {
        Coder { lex, opts }
    }

    /// The actor covering token `i`, if any.
    fn actor_at(input: &SentenceInput, i: usize) -> Option<usize> {
        input
            .actors
            .iter()
            .position(|a| a.first <= i && i <= a.last)
    }

    /// Find reported speech: "X said (that) …", "…, X said", "according to X".
    pub fn speech(&self, input: &SentenceInput) -> Vec<Speech> {
        let t = input.tokens;
        let n = t.len();
        let mut out = Vec::new();
        for i in 0..n {
            let w = t[i].norm.as_str();
            // according to X
            if w == "according" && word(t, i + 1) == "to" {
                let speaker = input
                    .actors
                    .iter()
                    .position(|a| a.first >= i + 2 && a.first <= i + 4);
                let end_of_phrase = speaker.map(|s| input.actors[s].last + 1).unwrap_or(i + 2);
                let (from, to) = if i > n / 2 {
                    (0, i)
                } else {
                    (end_of_phrase, n)
                };
                out.push(Speech {
                    speaker,
                    verb: i,
                    from,
                    to,
                    lemma: "according to".into(),
                });
                continue;
            }
            let Some(cands) = self.lex.forms.get(w) else {
                continue;
            };
            let Some((lemma, _, form)) = cands
                .iter()
                .find(|(l, k, _)| *k == PredKind::Verb && is_speech(l, w))
            else {
                continue;
            };
            if matches!(form, FormKind::Gerund) && word(t, i.wrapping_sub(1)) != "is" {
                continue;
            }
            // "released its report", "the statement": a noun, not a speech verb
            if matches!(
                word(t, i.wrapping_sub(1)),
                "its" | "the" | "a" | "an" | "their" | "his" | "her" | "this" | "that" | "new"
            ) {
                continue;
            }
            if Self::actor_at(input, i).is_some() {
                continue;
            }
            // inverted: "…, the ministry said." / "… said the ministry"
            let after = input
                .actors
                .iter()
                .position(|a| a.first > i && a.first <= i + 3);
            let before = input
                .actors
                .iter()
                .enumerate()
                // the speaker stands right before its verb: across a comma it is
                // part of what is reported ("… in Gondor, AFP reported")
                .filter(|(_, a)| {
                    a.last < i && i - a.last <= 4 && !(a.last + 1..i).any(|k| word(t, k) == ",")
                })
                .map(|(k, _)| k)
                .next_back();
            // "…, the Afghan Islamic Press (AIP) said late Sunday": a speech verb
            // with little after it reports what came before
            let words_after = (i + 1..n).filter(|&k| t[k].kind == TokenKind::Word).count();
            let fronted = i > 2
                && (word(t, i.saturating_sub(1)) == ","
                    || (words_after <= 4 && i > 6)
                    || word(t, i.saturating_sub(1)) == "\""
                    || before.is_some_and(|b| {
                        let a = &input.actors[b];
                        a.first > 0
                            && matches!(word(t, a.first - 1), "," | "\"" | "the")
                            && matches!(word(t, a.first.saturating_sub(2)), "," | "\"")
                    }));
            if fronted {
                let speaker = before.filter(|&b| input.actors[b].first > 0).or(after);
                // the complement is everything before the comma that precedes the speaker
                let cut = speaker.map(|s| input.actors[s].first.min(i)).unwrap_or(i);
                let mut to = cut;
                while to > 0 && matches!(word(t, to - 1), "," | "\"" | "the" | "'") {
                    to -= 1;
                }
                let rest_speaker = speaker;
                out.push(Speech {
                    speaker: rest_speaker,
                    verb: i,
                    from: 0,
                    to,
                    lemma: lemma.clone(),
                });
            } else {
                let speaker = before.or_else(|| {
                    // "said the ministry" at the end of a clause
                    after.filter(|&a| input.actors[a].last + 2 >= n)
                });
                let mut from = i + 1;
                // "told reporters", "said in a statement", "said on Monday" before the complement
                if word(t, from) == "that" {
                    from += 1;
                } else if lemma == "tell" {
                    while from < n && !matches!(word(t, from), "that" | "," | ":") && from < i + 4 {
                        from += 1;
                    }
                    if matches!(word(t, from), "that" | ":") {
                        from += 1;
                    }
                }
                out.push(Speech {
                    speaker,
                    verb: i,
                    from,
                    to: n,
                    lemma: lemma.clone(),
                });
            }
        }
        out
    }

    /// Where the elements of a pattern before its predicate (from element
    /// `k` on) stand, searching from token `pos`: the span of each word,
    /// set or skipped phrase, in order (slots take no span). An element
    /// tied to what follows it ("not~ *") must end where the next element
    /// starts, or at the predicate; an earlier place that fails this gives
    /// way to a later one.
    fn match_before(
        &self,
        p: &Pattern,
        words: &[&str],
        tags: &[Tag],
        i: usize,
        k: usize,
        pos: usize,
    ) -> Option<Vec<(usize, usize)>> {
        let Some(e) = p.before.get(k) else {
            return Some(Vec::new());
        };
        if matches!(e, PatElem::Slot(_)) {
            return self.match_before(p, words, tags, i, k + 1, pos);
        }
        let tied = p.tight_before.get(k).copied().unwrap_or(false);
        for j in pos..i {
            let m = if *e == PatElem::Skip {
                noun_phrase_at(tags, j, i)
            } else {
                self.lex.elem_matches(e, words, j, p.exact)
            };
            let Some(n) = m else { continue };
            let next = j + n;
            if tied {
                // the next element must start right here: the predicate,
                // or the next word of the pattern
                if k + 1 == p.before.len() {
                    if next != i {
                        continue;
                    }
                    return Some(vec![(j, next)]);
                }
                if let Some(mut rest) = self.match_before(p, words, tags, i, k + 1, next) {
                    if rest.first().is_some_and(|&(at, _)| at == next) {
                        rest.insert(0, (j, next));
                        return Some(rest);
                    }
                }
                continue;
            }
            if let Some(mut rest) = self.match_before(p, words, tags, i, k + 1, next) {
                rest.insert(0, (j, next));
                return Some(rest);
            }
        }
        None
    }

    fn pattern_match(
        &self,
        p: &Pattern,
        words: &[&str],
        tags: &[Tag],
        i: usize,
        clause_end: usize,
    ) -> Option<PatternMatch> {
        let mut slots = Vec::new();
        // words after the predicate, in order, each within 4 tokens of the previous
        let mut pos = i + 1;
        let mut used_to = i + 1;
        // a slot waits for the next word to know where its span ends
        let mut open_slot: Option<(SlotRole, usize)> = None;
        for (k, e) in p.after.iter().enumerate() {
            if let PatElem::Slot(role) = e {
                open_slot = Some((*role, pos));
                continue;
            }
            // a closed connector: the element must come next
            let limit = if p.tight.get(k).copied().unwrap_or(false) {
                1
            } else if k == 0 {
                6
            } else {
                4
            };
            let mut found = None;
            for j in pos..(pos + limit).min(clause_end) {
                let m = if *e == PatElem::Skip {
                    noun_phrase_at(tags, j, clause_end)
                } else {
                    self.lex.elem_matches(e, words, j, p.exact)
                };
                if let Some(n) = m {
                    found = Some((j, j + n));
                    break;
                }
            }
            let (at, next) = found?;
            if let Some((role, from)) = open_slot.take() {
                slots.push(Slot::After { role, from, to: at });
            }
            pos = next;
            used_to = next;
        }
        if let Some((role, from)) = open_slot {
            slots.push(Slot::After {
                role,
                from,
                to: (from + 6).min(clause_end),
            });
        }
        // words before, in order, from at most 6 tokens before the predicate
        let mut starts_at = None;
        if !p.before.is_empty() {
            let found = self.match_before(p, words, tags, i, 0, i.saturating_sub(6))?;
            starts_at = found.first().map(|&(at, _)| at);
            let mut open_slot: Option<SlotRole> = None;
            let mut spans = found.iter();
            for e in &p.before {
                if let PatElem::Slot(role) = e {
                    open_slot = Some(*role);
                    continue;
                }
                let &(at, _) = spans.next()?;
                if let Some(role) = open_slot.take() {
                    slots.push(Slot::Before { role, until: at });
                }
            }
            if let Some(role) = open_slot {
                slots.push(Slot::Before { role, until: i });
            }
        }
        Some(PatternMatch {
            used_to,
            slots,
            starts_at,
        })
    }

    /// Predicates in the sentence with their best pattern.
    fn predicates(&self, input: &SentenceInput, words: &[&str], tags: &[Tag]) -> Vec<Pred> {
        let t = input.tokens;
        let mut out: Vec<Pred> = Vec::new();
        let mut used_until = 0usize;
        for i in 0..t.len() {
            if t[i].kind != TokenKind::Word || i < used_until {
                continue;
            }
            let Some(cands) = self.lex.forms.get(words[i]) else {
                continue;
            };
            // "last March", "in May": part of a date
            if input
                .timexes
                .iter()
                .any(|x| x.start <= t[i].start && t[i].end <= x.end)
            {
                continue;
            }
            let prev = if i > 0 { words[i - 1] } else { "" };
            let prev_actor_adj = i > 0
                && Self::actor_at(input, i - 1).is_some()
                                && !t[i - 1].norm.ends_with("'s")
                // "Palestinians blamed": a plural people noun is a subject,
                // not an adjective ("Swiss" is both)
                && (!words[i - 1].ends_with('s') || words[i - 1].ends_with("ss"))
                && input.actors.iter().any(|a| {
                    a.last == i - 1
                        && a.first == a.last
                        && a.mention.actor.sector.is_none()
                        && a.mention.why.starts_with("adjective")
                });
            let prev_poss = i > 0 && t[i - 1].norm.ends_with("'s");
            let has_noun = cands.iter().any(|c| c.1 == PredKind::Noun);
            let has_verb = cands.iter().any(|c| c.1 == PredKind::Verb);
            // right after a verb, a plural noun is its object: "hosted talks"
            let after_verb = i > 0
                && (matches!(
                    prev,
                    "held"
                        | "hold"
                        | "holds"
                        | "holding"
                        | "launched"
                        | "launch"
                        | "resumed"
                        | "began"
                        | "conducted"
                        | "carried"
                        | "staged"
                        | "mounted"
                ) || (t[i].norm.ends_with('s')
                    && self.lex.forms.get(prev).is_some_and(|c| {
                        c.iter().any(|(_, k, f)| {
                            *k == PredKind::Verb
                                && matches!(
                                    f,
                                    FormKind::Past | FormKind::Participle | FormKind::ThirdPerson
                                )
                        })
                    })));
            // "an anti- Gondor parade": a determiner before a run of modifiers
            // (actor names, hyphenated words) makes the head a noun
            // (and whether a hyphenated prefix is among the modifiers: "an
            // anti- Gondor parade" is a noun phrase even if "parade" looks
            // like a finite verb, where "the US bombed" is not)
            let (modified_noun, prefixed_noun) = {
                let mut j = i;
                let mut skipped = 0;
                let mut hyphen = false;
                while j > 0 && skipped < 4 {
                    let k = j - 1;
                    // only modifier actors: a bare country or people ("Gondor"),
                    // not a full noun phrase with a head ("the Calenardhon government")
                    let in_actor = Self::actor_at(input, k)
                        .is_some_and(|a| input.actors[a].mention.actor.code.len() <= 3);
                    let prefix = words[k] == "-" || words[k].ends_with('-');
                    if in_actor || prefix {
                        hyphen |= prefix;
                        // "anti -": the prefix word before a lone hyphen
                        j = if words[k] == "-" && k > 0 && t[k - 1].end == t[k].start {
                            k - 1
                        } else {
                            k
                        };
                        skipped += 1;
                    } else {
                        break;
                    }
                }
                let modified = skipped > 0
                    && j > 0
                    && matches!(
                        words[j - 1],
                        "a" | "an" | "the" | "this" | "that" | "its" | "their"
                    );
                (modified, modified && hyphen)
            };
            // "car bombing", "suicide attack": words a noun pattern puts
            // before the head make it a noun
            let noun_modifier = has_noun
                && cands.iter().filter(|c| c.1 == PredKind::Noun).any(|c| {
                    self.lex
                        .patterns
                        .get(&(c.0.clone(), PredKind::Noun))
                        .is_some_and(|ps| {
                            ps.iter().any(|p| {
                                !p.before.is_empty()
                                    && p.after.is_empty()
                                    && self.pattern_match(p, words, tags, i, i + 1).is_some()
                            })
                        })
                });
            let nominal_context = DETERMINERS.contains(&prev)
                || noun_modifier
                || modified_noun
                || after_verb
                || prev_actor_adj
                || prev_poss
                || (PREPOSITIONS.contains(&prev) && prev != "to")
                // "under international pressure": a preposition and an
                // adjective before it
                || (i > 1
                    && tags[i - 1].is_adjective()
                    && PREPOSITIONS.contains(&words[i - 2])
                    && words[i - 2] != "to");
            let tag = tags[i];
            let finite_verb = matches!(tag, Tag::VBD | Tag::VBZ | Tag::VBP);
            // a noun inside a noun phrase opened by a determiner ("a key
            // U.S. ally"), with only modifiers between
            let tagged_noun = (tag.is_noun() || tag.is_adjective()) && {
                let mut j = i;
                let mut opened = false;
                while j > 0 && i - j < 4 {
                    j -= 1;
                    let tj = tags[j];
                    if matches!(tj, Tag::DT | Tag::PRPS | Tag::POS) || t[j].norm.ends_with("'s") {
                        opened = true;
                        break;
                    }
                    // "received humanitarian aid": a modified noun as a verb's object
                    if tj.is_verb() && j + 1 < i {
                        opened = true;
                        break;
                    }
                    if !(tj.is_noun() || tj.is_adjective() || tj == Tag::CD) {
                        break;
                    }
                }
                opened
            };
            // "Ousted president Aristide", "the exiled leader": a participle
            // opening a noun phrase that names an actor describes that
            // actor; it is not an act the sentence reports
            let attributive = has_verb
                && !has_noun
                && words[i].ends_with("ed")
                && (i == 0 || DETERMINERS.contains(&prev))
                && input.actors.iter().any(|a| a.first == i + 1);
            if attributive {
                continue;
            }
            // "a body linked to the OAU", "militants affiliated with al
            // Qaeda": a participle of association straight before "to"/"with"
            // tells what someone belongs to, not an act ("Russia linked the
            // attack to rebels" has its object between)
            let relation = matches!(
                words[i],
                "linked" | "tied" | "affiliated" | "connected" | "allied"
            ) && matches!(words.get(i + 1).copied(), Some("to" | "with"));
            if relation || not_an_act(words, tags, i) || disaster_toll(words, tags, i) {
                continue;
            }
            let kind = if has_verb
                && finite_verb
                && !DETERMINERS.contains(&prev)
                && !prev_poss
                && !prefixed_noun
            {
                // "Palestinians blamed Israel": a finite verb whatever precedes it
                PredKind::Verb
            } else if has_verb && tagged_noun {
                // "a key U.S. ally", "a four-day strike": a noun here; skipped
                // when the lexicon knows only its verb
                if has_noun {
                    PredKind::Noun
                } else {
                    continue;
                }
            } else if has_noun && (nominal_context || !has_verb) {
                PredKind::Noun
            } else if has_verb && !nominal_context {
                PredKind::Verb
            } else if has_verb
                && cands
                    .iter()
                    .any(|c| c.1 == PredKind::Verb && c.2 == FormKind::Gerund)
            {
                // "of shelling", "by attacking": a gerund used as a noun keeps the verb's patterns
                PredKind::Verb
            } else {
                continue;
            };
            // "Lindsay Ward", "the Construction Forestry Mining and Energy
            // Union": a capitalised verb straight after a proper noun inside
            // a sentence is part of a name, not an act (a headline in
            // title case aside; a noun such as "Improvised Explosive Device"
            // still names its act)
            let in_name = t[i].cap && i > 0 && t[i - 1].cap && tags[i - 1].is_proper_noun() && {
                let words_in = t.iter().filter(|x| x.kind == TokenKind::Word).count();
                let caps = t
                    .iter()
                    .filter(|x| x.kind == TokenKind::Word && x.cap)
                    .count();
                caps * 2 < words_in
            };
            if in_name && kind == PredKind::Verb {
                continue;
            }
            // a verb form that is also a plain noun after a determiner is a noun: skip
            // when the lexicon has no noun reading ("the attack" has one; "the call" does not)
            // a user dictionary's block written for this very form ("LEFT",
            // 032:033) outranks the form as an inflection of another verb
            // ("LEAVE", 012)
            let own_block = |c: &&(String, PredKind, FormKind)| {
                c.1 == kind
                    && c.0 == words[i]
                    && self
                        .lex
                        .patterns
                        .get(&(c.0.clone(), kind))
                        .is_some_and(|ps| ps.iter().any(|p| p.origin == "petrarch"))
            };
            let Some(&(ref lemma, _, form)) = cands
                .iter()
                .find(own_block)
                .or_else(|| cands.iter().find(|c| c.1 == kind))
            else {
                continue;
            };
            if kind == PredKind::Verb
                && !matches!(
                    form,
                    FormKind::Base
                        | FormKind::ThirdPerson
                        | FormKind::Past
                        | FormKind::Participle
                        | FormKind::Gerund
                )
            {
                continue;
            }
            // "according to" introduces a source, it is not an accord
            if words[i] == "according" && words.get(i + 1) == Some(&"to") {
                continue;
            }
            // speech verbs are handled as speech, not events
            if kind == PredKind::Verb && SPEECH_LEMMAS.contains(&lemma.as_str()) {
                continue;
            }
            // a bare verb base form after a determiner-less noun is often a noun ("peace talks")
            if Self::actor_at(input, i).is_some() {
                continue;
            }
            let Some(pats) = self.lex.patterns.get(&(lemma.clone(), kind)) else {
                continue;
            };
            let clause_end = clause_end(words, i);
            let mut best: Option<(&Pattern, PatternMatch)> = None;
            for p in pats {
                if self.lex.code_info(&p.code).is_none() {
                    continue;
                }
                if let Some(used) = self.pattern_match(p, words, tags, i, clause_end) {
                    let better = match best {
                        None => true,
                        // a pattern written for this verb (or the verb's own code)
                        // outranks one shared from another verb of its block
                        // and, all else equal, words nearer the predicate
                        // bind tighter ("opened fire on border posts" is
                        // opening fire, not opening a border)
                        Some((b, ref bm)) => {
                            (
                                !p.shared(),
                                p.specificity(),
                                std::cmp::Reverse(used.used_to),
                            ) > (!b.shared(), b.specificity(), std::cmp::Reverse(bm.used_to))
                        }
                    };
                    if better {
                        best = Some((p, used));
                    }
                }
            }
            if let Some((p, m)) = best {
                // nouns named by a verb's pattern ("held talks") are part of that predicate
                used_until = if p.after.is_empty() { i + 1 } else { m.used_to };
                out.push(Pred {
                    index: i,
                    kind,
                    form,
                    pattern: p.clone(),
                    used_to: m.used_to,
                    slots: m.slots,
                    any_sense: false,
                    starts_at: m.starts_at,
                });
            } else if kind == PredKind::Noun
                && matches!(prev, "the" | "this" | "that")
                && (i < 2 || matches!(tags[i - 2], Tag::Comma | Tag::Colon | Tag::CC))
                && tags
                    .get(i + 1)
                    .is_some_and(|x| x.is_verb() || *x == Tag::MD)
            {
                // "The exchange took place at the crossing": the subject of
                // its clause (an object, "welcomed the agreement", is what
                // the verb's act is about), straight after the determiner
                // (not "the stock exchange"), with no complement of its own
                // ("the exchange of views")
                if let Some(first) = pats.iter().find(|p| self.lex.code_info(&p.code).is_some()) {
                    out.push(Pred {
                        index: i,
                        kind,
                        form,
                        pattern: Pattern {
                            before: Vec::new(),
                            after: Vec::new(),
                            tight: Vec::new(),
                            reverse: None,
                            text: format!("the {lemma} (any of its senses)"),
                            ..first.clone()
                        },
                        used_to: i + 1,
                        slots: Vec::new(),
                        any_sense: true,
                        starts_at: None,
                    });
                }
            }
        }
        out
    }

    /// Actors joined to actor `k` by "and"/"," (a compound), in order. A
    /// list joined by commas alone is not a compound ("civilians, the
    /// ministry said"): the last link must be "and" or "or".
    fn compound(
        &self,
        input: &SentenceInput,
        words: &[&str],
        k: usize,
        leftwards: bool,
    ) -> Vec<usize> {
        let group = self.compound_links(input, words, k, leftwards);
        if group.len() < 2 {
            return group;
        }
        // the last link of a list is "and" / "or" / "nor": "A, B and C";
        // members after it belong to something else ("A and B, the
        // newspaper said")
        let joined = |n: usize| {
            let (a, b) = (group[n - 2], group[n - 1]);
            words[input.actors[a].last + 1..input.actors[b].first]
                .iter()
                .any(|w| matches!(*w, "and" | "or" | "nor"))
        };
        let mut n = group.len();
        while n >= 2 && !joined(n) {
            n -= 1;
        }
        if n >= 2 && group[..n].contains(&k) {
            group[..n].to_vec()
        } else {
            vec![k]
        }
    }

    fn compound_links(
        &self,
        input: &SentenceInput,
        words: &[&str],
        k: usize,
        leftwards: bool,
    ) -> Vec<usize> {
        let a = input.actors;
        let t = input.tokens;
        // a link is "and", "or" or a comma, with at most a few modifiers
        // ("Fornost and the evil awful Gondor"), none of them a verb or a preposition
        let link = |x: usize, y: usize| -> bool {
            let gap = &words[a[x].last + 1..a[y].first];
            let joins = gap
                .iter()
                .filter(|w| matches!(**w, "and" | "or" | "nor" | ","))
                .count();
            let others: Vec<usize> = (a[x].last + 1..a[y].first)
                .filter(|&j| {
                    !matches!(
                        words[j],
                        "and" | "or" | "," | "the" | "nor" | "neither" | "both"
                    )
                })
                .collect();
            // "… armed groups and that air units …": a clause boundary
            let clause_word = gap
                .iter()
                .any(|w| matches!(*w, "that" | "which" | "who" | "whom" | "whose" | "said"));
            joins >= 1
                && !clause_word
                && others.len() <= 3
                && others.iter().all(|&j| {
                    t[j].kind == TokenKind::Word
                        && !PREPOSITIONS.contains(&words[j])
                        && !self.lex.forms.contains_key(words[j])
                })
        };
        let mut group = vec![k];
        if leftwards {
            let mut cur = k;
            while cur > 0 && link(cur - 1, cur) {
                cur -= 1;
                group.insert(0, cur);
            }
        } else {
            let mut cur = k;
            while cur + 1 < a.len() && link(cur, cur + 1) {
                cur += 1;
                group.push(cur);
            }
        }
        group
    }

    /// The last actor that ends before token `before` and starts at or
    /// after `from`, is not the object of a preposition, and `ok` accepts:
    /// the subject position to the left of a verb.
    fn nearest_left(
        input: &SentenceInput,
        words: &[&str],
        before: usize,
        from: usize,
        ok: impl Fn(&Found) -> bool,
    ) -> Option<usize> {
        input
            .actors
            .iter()
            .enumerate()
            .filter(|(k, a)| {
                a.last < before
                    && a.first >= from
                    && ok(a)
                    && !Self::preceded_by_preposition(input, words, *k)
            })
            .map(|(k, _)| k)
            .next_back()
    }

    /// "The information ministry of Gondor said": the sentence opens with
    /// a noun phrase whose head names no actor, and actor `k` after its
    /// "of" is the one it belongs to, which stands for it as the subject.
    fn owner_of_subject(input: &SentenceInput, words: &[&str], k: usize) -> bool {
        let tags = input.tags;
        let mut j = input.actors[k].first;
        while j > 0 && matches!(words[j - 1], "the" | "a" | "an") {
            j -= 1;
        }
        if j < 3 || words[j - 1] != "of" {
            return false;
        }
        let head = j - 1;
        tags[0] == Tag::DT
            && (1..head).all(|x| tags[x].is_noun() || tags[x].is_adjective())
            && tags[head - 1].is_noun()
            && !input.actors.iter().any(|a| a.first < head)
    }

    /// "Ithilen's sheep and goats of Gondor warned": a subject of two
    /// coordinated noun phrases, the first owned by actor `s` ("X's N"),
    /// the second by the actor after its "of", which stands right before
    /// the verb at `i`. That second owner, if any.
    fn second_owner(input: &SentenceInput, words: &[&str], s: usize, i: usize) -> Option<usize> {
        let (t, tags) = (input.tokens, input.tags);
        let a = &input.actors[s];
        if !t[a.last].norm.ends_with("'s") {
            return None;
        }
        let y = input
            .actors
            .iter()
            .position(|b| b.first > a.last && b.last < i)?;
        let b = &input.actors[y];
        // the second owner ends the subject: only the verb group follows
        if !(b.last + 1..i).all(|j| VERB_GROUP.contains(&words[j]) || ADVERBS.contains(&words[j])) {
            return None;
        }
        let mut of = b.first;
        while of > 0 && matches!(words[of - 1], "the" | "a" | "an") {
            of -= 1;
        }
        if of == 0 || words[of - 1] != "of" {
            return None;
        }
        let of = of - 1;
        // the first head, "and", the second head: nouns and modifiers only
        let and = (a.last + 1..of).find(|&j| words[j] == "and")?;
        let head = |from: usize, to: usize| {
            from < to
                && (from..to).all(|j| {
                    tags[j].is_noun()
                        || tags[j].is_adjective()
                        || matches!(words[j], "the" | "a" | "an" | "its" | "their")
                })
                && tags[to - 1].is_noun()
        };
        (head(a.last + 1, and) && head(and + 1, of)).then_some(y)
    }

    fn preceded_by_preposition(input: &SentenceInput, words: &[&str], k: usize) -> bool {
        let first = input.actors[k].first;
        let mut j = first;
        while j > 0 && matches!(words[j - 1], "the" | "a" | "an") {
            j -= 1;
        }
        // "thousands of Iraqi Kurds", "members of the opposition": the actor
        // after a quantity or group word is the head of the phrase
        if j >= 2 && words[j - 1] == "of" && QUANTITY_HEADS.contains(&words[j - 2]) {
            return false;
        }
        if Self::owner_of_subject(input, words, k) {
            return false;
        }
        j > 0
            && matches!(
                words[j - 1],
                "of" | "in"
                    | "at"
                    | "to"
                    | "from"
                    | "with"
                    | "on"
                    | "against"
                    | "by"
                    | "near"
                    | "toward"
                    | "towards"
                    | "into"
                    | "between"
                    | "among"
                    | "for"
                    | "than"
                    | "like"
                    | "including"
            )
    }

    /// Code the events of one sentence.
    pub fn code(&self, input: &SentenceInput, speech: &[Speech]) -> Vec<Event> {
        let t = input.tokens;
        let words_owned: Vec<String> = t
            .iter()
            .map(|x| strip_possessive(&x.norm).to_string())
            .collect();
        let words: Vec<&str> = words_owned.iter().map(String::as_str).collect();
        // part-of-speech tags settle verb-or-noun where the lexicon has a
        // word both ways ("ally", "blamed", "attacks") and tell modifiers
        // from heads ("official visit")
        let tags = input.tags;
        let preds = self.predicates(input, &words, tags);
        let events = self.code_predicates(input, speech, &words, &preds);
        // one act told by several words is one event (acts.rs)
        let events = crate::acts::revise(input, events);
        if !events.is_empty() || self.opts.keep_actorless {
            return events;
        }
        // "The attackers arrived shortly before sunset": with nothing else
        // coded, the doers named by an act ("the attackers", "the
        // kidnappers") tell more of that act, told before in the document
        let agents = self.agent_references(&words);
        if agents.is_empty() {
            return events;
        }
        // the doers' noun only points back at the act: whoever the clause
        // around it names is not the act's actor ("soldiers reached the
        // village after the attackers left")
        let mut refs = self.code_predicates(input, speech, &words, &agents);
        for e in &mut refs {
            e.source = None;
            e.target = None;
            let rules = &mut e.explanation.rules;
            rules.retain(|r| !r.starts_with("source ") && !r.starts_with("target "));
            if !rules.iter().any(|r| r == REFERS_BACK) {
                rules.push(note(Why::RefersBack, REFERS_BACK));
            }
        }
        refs
    }

    /// Definite nouns naming the doers of a violent act ("the attackers",
    /// "the kidnappers", "the raiders"), as predicates of that act.
    fn agent_references(&self, words: &[&str]) -> Vec<Pred> {
        let mut out = Vec::new();
        for i in 1..words.len() {
            if words[i - 1] != "the" {
                continue;
            }
            let Some(stem) = words[i].strip_suffix("ers") else {
                continue;
            };
            // "kidnappers" → kidnap, "attackers" → attack, "raiders" → raid
            let mut lemmas = vec![stem.to_string()];
            let b = stem.as_bytes();
            if b.len() > 2 && b[b.len() - 1] == b[b.len() - 2] {
                lemmas.push(stem[..stem.len() - 1].to_string());
            }
            let bare = lemmas.iter().find_map(|l| {
                self.lex
                    .patterns
                    .get(&(l.clone(), PredKind::Verb))?
                    .iter()
                    .find(|p| {
                        p.before.is_empty()
                            && p.after.is_empty()
                            && matches!(p.code.get(..2), Some("18" | "19" | "20"))
                    })
                    .cloned()
            });
            if let Some(pattern) = bare {
                out.push(Pred {
                    index: i,
                    kind: PredKind::Noun,
                    form: FormKind::Plural,
                    pattern,
                    used_to: i + 1,
                    slots: Vec::new(),
                    any_sense: false,
                    starts_at: None,
                });
            }
        }
        out
    }

    /// Code the events of the predicates found in one sentence.
    fn code_predicates(
        &self,
        input: &SentenceInput,
        speech: &[Speech],
        words: &[&str],
        preds: &[Pred],
    ) -> Vec<Event> {
        let t = input.tokens;
        let tags = input.tags;
        let refined = refine_violence(input, words, preds);
        let mut events = Vec::new();
        // the predicate token each event was coded from
        let mut coded_at: Vec<usize> = Vec::new();
        let mut last_verb_sources: Option<Vec<usize>> = None;
        // the preceding verb was active and its subject named no actor
        let mut prev_verb_unsourced: Option<usize> = None;
        for p in preds {
            let i = p.index;
            // "plans to impose", "vowed to hunt down": the intent verb is the
            // modality of the act that follows, which is coded on its own
            // (agreeing, promising and deciding are acts of their own)
            if p.kind == PredKind::Verb
                && INTENT.contains(&words[i])
                && !COMMITMENT.contains(&words[i])
                && words.get(i + 1) == Some(&"to")
                && preds
                    .iter()
                    .any(|q| q.kind == PredKind::Verb && q.index == i + 2)
            {
                continue;
            }
            let mut rules: Vec<Rule> = Vec::new();
            // the reported-speech frame this predicate sits in
            let frame = speech
                .iter()
                .find(|s| s.from <= i && i < s.to && s.verb != i);
            let (lo, hi) = match frame {
                Some(s) => (s.from, s.to),
                None => (0, t.len()),
            };
            let lo = clause_start(words, i, lo);
            let hi = clause_end(words, i).min(hi);
            let mut sources: Vec<usize> = Vec::new();
            let mut targets: Vec<usize> = Vec::new();
            let adverb_at = |k: usize| {
                ADVERBS.contains(&words[k]) || (words[k].len() > 4 && words[k].ends_with("ly"))
            };
            let prev_word = |j: usize| -> Option<usize> {
                let mut k = j;
                while k > 0 {
                    k -= 1;
                    // "was fiercely opposed": any -ly adverb is passed over
                    // too, and so is a conjunction between two of them ("was
                    // heavily and unjustly criticized")
                    let joined = matches!(words[k], "and" | "or" | "but")
                        && k > 0
                        && k + 1 < j
                        && adverb_at(k - 1)
                        && adverb_at(k + 1);
                    if !(adverb_at(k) || joined) {
                        return Some(k);
                    }
                }
                None
            };
            let conjoined_verb = p.kind == PredKind::Verb
                && prev_word(i).is_some_and(|k| words[k] == "and")
                && !matches!(p.form, FormKind::Participle);
            // "were hurt", "was put": a base form that is also the participle
            // "Israel is opposed to French mediation", "forces were engaged
            // in ethnic cleansing": these participles after "be" state what
            // the subject itself does, not what is done to it
            let stative = matches!(
                (words[i], words.get(i + 1).copied()),
                ("opposed", Some("to")) | ("engaged" | "involved", Some("in"))
            );
            // "Rebuked by Eriador, …": a past participle opening the
            // sentence with its by-phrase is a passive with no "be"
            let fronted_participle = (p.kind == PredKind::Verb
                && i == 0
                && (matches!(p.form, FormKind::Participle | FormKind::Past)
                    || tags[i] == Tag::VBN)
                && words.get(i + 1) == Some(&"by"))
            .then(|| {
                input
                    .actors
                    .iter()
                    .position(|a| a.first > i + 1 && a.first <= i + 3)
            })
            .flatten();
            let passive = p.kind == PredKind::Verb
                && !stative
                && (matches!(p.form, FormKind::Participle | FormKind::Past) || tags[i] == Tag::VBN)
                && prev_word(i).is_some_and(|k| BE_AUX.contains(&words[k]));
            if stative && prev_word(i).is_some_and(|k| BE_AUX.contains(&words[k])) {
                rules.push(note(
                    Why::Stative,
                    format!(
                        "\"be {} {}\" states the subject's own stance or act: not a passive",
                        words[i],
                        words[i + 1]
                    ),
                ));
            }
            let by_actor = (i + 1..(i + 8).min(hi))
                .find(|&j| words[j] == "by")
                .and_then(|j| {
                    input
                        .actors
                        .iter()
                        .position(|a| a.first > j && a.first <= j + 3 && a.first < hi)
                });
            // "Pakistan, a key U.S. ally in the war, has refused": an actor
            // inside an apposition between commas gives way to the head
            // named before it
            let appositive_head = |s: usize| -> Option<usize> {
                let c2 = (input.actors[s].last + 1..i).find(|&j| words[j] == ",")?;
                if !(c2 + 1..i).all(|j| {
                    VERB_GROUP.contains(&words[j])
                        || ADVERBS.contains(&words[j])
                        || REFUSAL.contains(&words[j])
                        || INTENT.contains(&words[j])
                }) {
                    return None;
                }
                let c1 = (lo..input.actors[s].first)
                    .rev()
                    .find(|&j| words[j] == ",")?;
                input
                    .actors
                    .iter()
                    .position(|a| a.last + 1 == c1 && a.first >= lo)
            };
            // "the European Union (EU) agreed": the acronym in brackets is the
            // name before it again
            let parenthesised_name = |s: usize| -> Option<usize> {
                let a = &input.actors[s];
                if a.first == 0 || words[a.first - 1] != "(" || words.get(a.last + 1) != Some(&")")
                {
                    return None;
                }
                input.actors.iter().position(|b| b.last + 2 == a.first)
            };
            let left_subject = || -> Option<usize> {
                Self::nearest_left(input, words, i, lo, |_| true)
                    .map(|s| appositive_head(s).unwrap_or(s))
                    .map(|s| parenthesised_name(s).unwrap_or(s))
            };
            // the first actor after the predicate, passing over places named
            // as locations ("celebrated Eid at Osgiliath with Gondor")
            // a bare sector word inside the words the pattern matched after
            // the predicate ("promised military aid") is part of the act
            // "his first official foreign visit": a lowercase sector
            // adjective modifying a noun is not the object
            let modifier = |a: &Found| {
                a.first == a.last
                    && a.mention.actor.country.is_none()
                    && !t[a.first].cap
                    && tags[a.first].is_adjective()
                    && (a.first + 1..(a.first + 3).min(t.len())).any(|j| tags[j].is_noun())
            };
            let in_pattern = |a: &Found| {
                modifier(a)
                    || a.first > i
                        && a.last < p.used_to
                        && a.first == a.last
                        && a.mention.actor.country.is_none()
                        && a.mention.actor.sector.is_some()
                        && !t[a.first].cap
            };
            // "question whether he has a future with the Orcs": a subject
            // pronoun opens a clause of its own, it is no object
            let subject_pronoun =
                |a: &Found| a.first == a.last && SUBJECT_PRONOUNS.contains(&words[a.first]);
            let first_object = |from: usize| -> Option<usize> {
                let cands: Vec<usize> = input
                    .actors
                    .iter()
                    .enumerate()
                    .filter(|(k, a)| {
                        a.first >= from
                            && a.first < hi
                            && a.first <= from + 10
                            && !subject_pronoun(a)
                            && !in_pattern(a)
                            // ", a senior official said": the speaker of the
                            // report is not what the act is done to
                            && !speech.iter().any(|s| s.speaker == Some(*k) && s.verb > i)
                            // "reached the village after the attackers left":
                            // the subject of a clause of its own
                            && !subordinate_subject(words, tags, a.first, a.last)
                    })
                    .map(|(k, _)| k)
                    .collect();
                let locative = |k: usize| {
                    let f = input.actors[k].first;
                    let mut j = f;
                    while j > 0 && matches!(words[j - 1], "the" | "a" | "an") {
                        j -= 1;
                    }
                    j > 0
                        && matches!(
                            words[j - 1],
                            "in" | "at" | "near" | "inside" | "outside" | "across" | "throughout"
                        )
                };
                // a named actor after "in"/"near" may still be the object
                // ("arrived in Gondor"); a bare sector there ("near the
                // village") is only the scene
                let first = cands.iter().copied().find(|&k| !locative(k)).or(cands
                    .first()
                    .copied()
                    .filter(|&k| {
                        !DOMESTIC_SECTORS.contains(&input.actors[k].mention.actor.code.as_str())
                    }))?;
                // "offered its troops to Lebanon", "sent peacekeepers to
                // Bosnia": the source's own forces or a bare sector are what is
                // given; the one they go to is the target
                let a = &input.actors[first];
                let own = a.first > 0
                    && matches!(words[a.first - 1], "its" | "their" | "his" | "her" | "our");
                let bare = a.mention.actor.country.is_none() && a.mention.actor.sector.is_some();
                if own || bare {
                    let recipient = cands.iter().copied().find(|&k| {
                        let f = input.actors[k].first;
                        let mut j = f;
                        while j > 0 && matches!(words[j - 1], "the" | "a" | "an") {
                            j -= 1;
                        }
                        k != first
                            && f > a.last
                            && j > 0
                            && matches!(words[j - 1], "to" | "against" | "about")
                    });
                    if recipient.is_some() {
                        return recipient;
                    }
                }
                Some(first)
            };
            let passed_pronoun = std::cell::Cell::new(false);
            let right_object = |from: usize| -> Option<usize> {
                let o = first_object(from)?;
                if input.actors.iter().any(|a| {
                    a.first >= from && a.first < input.actors[o].first && subject_pronoun(a)
                }) {
                    passed_pronoun.set(true);
                }
                Some(o)
            };
            let mut withdrawn_from: Option<Actor> = None;
            let arrival = p.kind == PredKind::Verb
                && (p.pattern.lemma == "arrive" || words[i].starts_with("arriv"));
            match p.kind {
                PredKind::Verb if fronted_participle.is_some() => {
                    // "Rebuked by Eriador, …, Osgiliath is being drawn into
                    // talks": the by-phrase is the source, the subject of
                    // the main clause the target
                    let b = fronted_participle.unwrap();
                    rules.push(note(Why::FrontedParticiple, "participle clause opening the sentence, with a by-phrase: passive, the by-phrase the source, the main clause's subject the target"));
                    sources = self.compound(input, words, b, false);
                    let main_verb = (input.actors[b].last + 1..hi)
                        .find(|&j| matches!(tags[j], Tag::VBZ | Tag::VBD | Tag::VBP | Tag::MD));
                    if let Some(s) = main_verb.and_then(|v| {
                        Self::nearest_left(input, words, v, input.actors[b].last + 1, |_| true)
                    }) {
                        targets = self.compound(input, words, s, true);
                    }
                }
                PredKind::Verb if passive => {
                    rules.push(note(
                        Why::Passive,
                        "passive voice: subject is the target, the by-phrase the source",
                    ));
                    if let Some(s) = left_subject() {
                        targets = self.compound(input, words, s, true);
                    } else if let Some(s) = input.actors.iter().position(|a| {
                        // "a camp for Congolese refugees was attacked": a
                        // subject that is no actor stands for the one it
                        // is named after
                        a.first >= lo
                            && a.last < i
                            && a.first > 0
                            && matches!(words[a.first - 1], "of" | "for")
                            && (a.last + 1..i).all(|j| {
                                BE_AUX.contains(&words[j])
                                    || ADVERBS.contains(&words[j])
                                    || matches!(words[j], "has" | "have" | "had")
                            })
                    }) {
                        targets = self.compound(input, words, s, true);
                        rules.push(note(
                            Why::PassiveSubjectNamedAfter,
                            format!(
                                "the passive subject is named after {:?}: the target",
                                input.actors[s].mention.actor.text
                            ),
                        ));
                    }
                    if let Some(b) = by_actor {
                        sources = self.compound(input, words, b, false);
                    }
                }
                PredKind::Verb
                    if conjoined_verb && prev_verb_unsourced.is_some_and(|v| v >= lo) =>
                {
                    // "a minefield explosion killed two youths and wounded
                    // five": the second verb has the first one's subject,
                    // which names no actor, not the first one's object
                    rules.push(note(
                        Why::CoordinatedVerbNoActor,
                        "coordinated verb: the subject of the preceding verb, which names no actor",
                    ));
                    if let Some(o) = right_object(i + 1) {
                        targets = self.compound(input, words, o, false);
                        rules.push(note(
                            Why::FirstActorAfter,
                            "first actor after the predicate is the target",
                        ));
                    }
                }
                PredKind::Verb
                    if (p.form == FormKind::Gerund || conjoined_verb)
                        && last_verb_sources.is_some()
                        && !infinitive_before(words, i) =>
                {
                    // a participle clause ("…, killing nine civilians and wounding
                    // 34") or a second verb of the same subject ("condemned the
                    // attack and promised aid") shares the preceding verb's source
                    sources = last_verb_sources.clone().unwrap_or_default();
                    rules.push(note(
                        Why::SharedSubject,
                        "participle or coordinated verb: the source of the preceding verb",
                    ));
                    if let Some(o) = right_object(i + 1) {
                        if !sources.contains(&o) {
                            targets = self.compound(input, words, o, false);
                            rules.push(note(
                                Why::FirstActorAfter,
                                "first actor after the predicate is the target",
                            ));
                        }
                    }
                }
                PredKind::Verb => {
                    let left = left_subject();
                    // "Hungary said it will support…", "the rebels said they would
                    // release…": a pronoun subject stands for the speaker, else the
                    // nearest actor before it
                    let pronoun = pronoun_subject(words, i)
                        .filter(|&pr| left.is_none_or(|s| input.actors[s].last < pr));
                    // the nearest actor before the pronoun within the reported
                    // words, else the speaker, else the nearest before it at all
                    // "he"/"she" is a person or an office, not a country
                    let personal = |pr: usize, a: &Found| {
                        !matches!(words[pr], "he" | "she")
                            || a.mention.actor.id.starts_with("person:")
                            || a.mention.actor.sector.is_some()
                    };
                    let nearest_before = |pr: usize, from: usize| {
                        Self::nearest_left(input, words, pr, from, |a| personal(pr, a))
                    };
                    let antecedent = pronoun.and_then(|pr| {
                        let inside = frame.filter(|f| f.from <= pr && pr < f.to);
                        inside
                            .and_then(|f| nearest_before(pr, f.from))
                            .or_else(|| inside.and_then(|f| f.speaker))
                            .or_else(|| nearest_before(pr, 0))
                    });
                    if let (Some(pr), Some(s)) = (pronoun, antecedent) {
                        sources = self.compound(input, words, s, true);
                        rules.push(note(
                            Why::PronounSubject,
                            format!(
                                "pronoun subject \"{}\" stands for {:?}",
                                t[pr].norm, input.actors[s].mention.actor.text
                            ),
                        ));
                    } else if let Some(s) = left {
                        sources = self.compound(input, words, s, true);
                        rules.push(note(
                            Why::ActiveSubject,
                            "active voice: nearest subject to the left is the source",
                        ));
                        if let Some(y) = Self::second_owner(input, words, s, i) {
                            sources.extend(self.compound(input, words, y, false));
                            rules.push(note(Why::SecondOwner, format!(
                                "coordinated subject (\"X's … and … of Y\"): {:?}, the owner of the second, is a source too",
                                input.actors[y].mention.actor.text
                            )));
                        }
                    } else if frame.is_some_and(|f| f.speaker.is_some() && f.from > f.verb)
                        && t.get(i.wrapping_sub(1)).is_some_and(|x| x.is("to"))
                    {
                        // "X vowed to hunt down …" handled by the intent verb; here the speaker acts
                        sources = vec![frame.unwrap().speaker.unwrap()];
                        rules.push(note(
                            Why::SpeakerInfinitive,
                            "infinitive after the speaker's verb: the speaker is the source",
                        ));
                    }
                    let obj_from = i + 1;
                    // "Eriador received money from Osgiliath": receiving is
                    // giving seen from the other side
                    let giver = (p.pattern.lemma == "receive" || words[i].starts_with("receiv"))
                        .then(|| {
                            (i + 1..(i + 8).min(hi))
                                .find(|&j| words[j] == "from")
                                .and_then(|j| {
                                    input
                                        .actors
                                        .iter()
                                        .position(|a| a.first > j && a.first <= j + 3)
                                })
                        })
                        .flatten();
                    if let Some(g) = giver {
                        targets = std::mem::take(&mut sources);
                        sources = self.compound(input, words, g, false);
                        rules.push(note(
                            Why::ReceivingFrom,
                            "receiving from X: X is the source, the receiver the target",
                        ));
                    } else if let Some(o) = right_object(obj_from) {
                        if !sources.contains(&o) {
                            targets = self.compound(input, words, o, false);
                            rules.push(note(
                                Why::FirstActorAfter,
                                "first actor after the predicate is the target",
                            ));
                        }
                    }
                }
                PredKind::Noun => {
                    // "under (international) pressure": who is under it is
                    // its target, and what follows it ("to crack down on
                    // militants") is another act's
                    let under = (i > 0 && words[i - 1] == "under")
                        || (i > 1 && words[i - 2] == "under" && tags[i - 1].is_adjective());
                    // "Azerbaijani shelling", "Russia's deployment", and
                    // with modifiers between ("Palestinian suicide
                    // bombings", "Israeli air strikes")
                    if let Some(k) = input.actors.iter().position(|a| {
                        a.last + 1 == i
                            || (a.last + 2 == i && t[a.last].norm.ends_with("'s"))
                            || (a.last < i
                                && i - a.last <= 3
                                && (a.last + 1..i).all(|j| {
                                    (tags[j].is_noun() || tags[j].is_adjective())
                                        && !matches!(tags[j], Tag::NNP | Tag::NNPS)
                                        && Self::actor_at(input, j).is_none()
                                }))
                    }) {
                        sources = vec![k];
                        rules.push(note(Why::NounModifierSource, "actor modifying the noun is the source"));
                    } else if let Some(b) = by_actor {
                        sources = self.compound(input, words, b, false);
                        rules.push(note(Why::NounByPhrase, "by-phrase after the noun is the source"));
                    } else if let Some(s) = left_subject().map(|s| {
                        // "troops killed two Palestinians in a raid": the
                        // nearest actor is the verb's object; the raid, the
                        // circumstance of the verb's act, is its subject's
                        let circumstance = (i > 1 && matches!(words[i - 2], "in" | "during"))
                            || (i > 0 && matches!(words[i - 1], "in" | "during"));
                        let mut j = input.actors[s].first;
                        while j > 0 && matches!(tags[j - 1], Tag::DT | Tag::CD | Tag::JJ) {
                            j -= 1;
                        }
                        let verb = (j > 0
                            && matches!(tags[j - 1], Tag::VBD | Tag::VBZ | Tag::VBP | Tag::VBN)
                            && !BE_AUX.contains(&words[j - 1]))
                        .then(|| j - 1);
                        match verb.filter(|_| circumstance).and_then(|v| {
                            Some((v, Self::nearest_left(input, words, v, lo, |_| true)?))
                        }) {
                            Some((v, subject)) => {
                                rules.push(note(Why::NounManner, format!(
                                    "the noun tells how \"{}\" was done: that verb's subject, not its object, is the clause subject",
                                    t[v].norm
                                )));
                                subject
                            }
                            None => s,
                        }
                    }) {
                        // "a US national has been put under investigation": a
                        // passive light verb makes the subject the one acted on
                        // ("have been killed in a car bombing": any passive)
                        let passive_verb = (input.actors[s].last + 1..i).any(|j| {
                            tags[j] == Tag::VBN && j > 0 && BE_AUX.contains(&words[j - 1])
                        })
                            // "17 civilians died in the attack": who dies in
                            // it suffers it
                            || (input.actors[s].last + 1..i).any(|j| {
                                matches!(
                                    words[j],
                                    "died" | "die" | "dies" | "perished" | "perish"
                                )
                            })
                            // "Arafat, under international pressure to …":
                            // who is under an act suffers it
                            || under;
                        // "Guterres condemned the attack": a verb that is an
                        // act of its own governs the noun, so its subject is
                        // not the noun's source; "launched an attack" is light
                        let governing = (input.actors[s].last + 1..i).rev().find(|&j| {
                            matches!(
                                tags[j],
                                Tag::VBD | Tag::VBZ | Tag::VBP | Tag::VB | Tag::VBG | Tag::VBN
                            )
                        });
                        let heavy = governing
                            .is_some_and(|j| ABOUT_VERBS.iter().any(|l| words[j].starts_with(l)));
                        if passive_verb {
                            targets = self.compound(input, words, s, true);
                            rules.push(note(Why::NounVictim, "noun after a passive verb (\"were killed in an attack\"), a verb of dying or \"under\": the clause subject is the target"));
                        } else if heavy {
                            rules.push(note(Why::NounObjectOfAct, format!(
                                "the noun is the object of \"{}\", an act of its own: its subject is not the source",
                                t[governing.unwrap()].norm
                            )));
                        } else {
                            sources = self.compound(input, words, s, true);
                            rules.push(note(Why::LightVerb, "noun as object of a light verb: the clause subject is the source"));
                        }
                    } else if let Some((f, sp)) = frame
                        .filter(|f| matches!(f.lemma.as_str(), "announce" | "declare"))
                        .and_then(|f| f.speaker.map(|sp| (f, sp)))
                        .filter(|(f, _)| {
                            // the noun heads the verb's object: only its
                            // modifiers and a date between them, no clause
                            f.verb < i
                                && i - f.verb <= 6
                                && (f.verb + 1..i).all(|j| {
                                    t[j].kind == TokenKind::Word
                                        && words[j] != "that"
                                        && !matches!(
                                            tags[j],
                                            Tag::VBD | Tag::VBZ | Tag::VBP | Tag::MD | Tag::IN
                                        )
                                })
                        })
                    {
                        // "Italy announced a suspension of air links",
                        // "declared a state of siege": announcing or declaring
                        // a measure enacts it, so the speaker is its source
                        sources = self.compound(input, words, sp, true);
                        rules.push(note(Why::NounObjectOf, format!(
                            "the noun is the object of \"{0}\": the one who {0} it is the source",
                            t[f.verb].norm
                        )));
                    }
                    // "aid from France", "demands from the rebels": the one it
                    // comes from is the source, the clause subject receives it
                    // "withdrawal of forces from Panama": what is withdrawn
                    // from is the place left, the target
                    let withdrawal = p.pattern.code.starts_with("087");
                    let from_actor = (i + 1..(p.used_to.max(i + 1) + 3).min(hi))
                        .filter(|&j| withdrawal || j < i + 4)
                        .find(|&j| words[j] == "from")
                        .and_then(|j| {
                            input
                                .actors
                                .iter()
                                .position(|a| a.first > j && a.first <= j + 2 && a.first < hi)
                        });
                    // the place withdrawn from, when it names no actor
                    let from_place = (i + 1..(p.used_to.max(i + 1) + 3).min(hi))
                        .find(|&j| words[j] == "from")
                        .and_then(|j| {
                            input.places.iter().find(|pl| {
                                pl.place.country.is_some()
                                    && t.iter()
                                        .position(|x| x.start == pl.start)
                                        .is_some_and(|k| k > j && k <= j + 2)
                            })
                        })
                        .filter(|_| withdrawal && from_actor.is_none() && targets.is_empty());
                    if let Some(f) = from_actor.filter(|f| withdrawal && !sources.contains(f)) {
                        targets = self.compound(input, words, f, false);
                        rules.push(note(
                            Why::WithdrawalFrom,
                            "\"from X\" after a withdrawal: the one left is the target",
                        ));
                    } else if let Some(pl) = from_place {
                        let c = pl.place.country.clone().unwrap_or_default();
                        rules.push(note(Why::WithdrawalFrom, format!(
                            "\"from\" a place after a withdrawal: the country left is the target ({:?} → {c})",
                            pl.text
                        )));
                        withdrawn_from = Some(place_actor(pl, &c));
                    } else if let Some(f) = from_actor.filter(|f| !sources.contains(f)) {
                        if sources.len() == 1 && input.actors[sources[0]].last < i {
                            targets = std::mem::take(&mut sources);
                        }
                        sources = self.compound(input, words, f, false);
                        rules.push(note(
                            Why::NounFrom,
                            "\"from X\" after the noun: X is the source",
                        ));
                    }
                    // "between X and Y", "with X", "on X", "against X", "of X"
                    for j in i + 1..(i + 6).min(hi) {
                        if under {
                            break;
                        }
                        if matches!(
                            words[j],
                            "between" | "with" | "on" | "against" | "of" | "to" | "targeting"
                        ) {
                            if let Some(o) = input
                                .actors
                                .iter()
                                .position(|a| a.first > j && a.first <= j + 2)
                            {
                                if Some(o) == by_actor {
                                    continue;
                                }
                                let group = self.compound(input, words, o, false);
                                if words[j] == "between" && group.len() >= 2 && sources.is_empty() {
                                    sources = group;
                                    rules.push(note(
                                        Why::Between,
                                        "\"between X and Y\": a reciprocal event",
                                    ));
                                } else if !sources.contains(&o) {
                                    targets = group;
                                    rules.push(note(
                                        Why::NounTarget,
                                        format!("\"{} X\" after the noun is the target", words[j]),
                                    ));
                                }
                                break;
                            }
                        }
                    }
                }
            }
            if let Some(&s) = sources
                .iter()
                .chain(&targets)
                .find(|&&s| input.actors[s].last < i && Self::owner_of_subject(input, words, s))
            {
                rules.push(note(
                    Why::SubjectOfHead,
                    format!(
                        "the subject's head names no actor: {:?}, after its \"of\", stands for it",
                        input.actors[s].mention.actor.text
                    ),
                ));
            }
            if passed_pronoun.get() && !targets.is_empty() {
                rules.push(note(Why::SubjectPronounNotObject, "a subject pronoun after the predicate opens a clause of its own: not the object"));
            }
            // a pattern that says where its actors stand ("+ was * dead in
            // $") overrides what the sentence's syntax suggested
            let mut slot_places: Vec<(SlotRole, Actor)> = Vec::new();
            // roles whose actors a slot before the predicate took over
            let mut displaced: Vec<SlotRole> = Vec::new();
            for slot in &p.slots {
                // a country named as a place stands in the slot when no
                // actor does ("was shot dead in Russia")
                if let Slot::After { role, from, to } = *slot {
                    let actor_there = input
                        .actors
                        .iter()
                        .any(|a| a.first >= from && a.first < to.min(hi));
                    let place = input.places.iter().find(|pl| {
                        t.iter()
                            .position(|x| x.start == pl.start)
                            .is_some_and(|k| k >= from && k < to.min(hi))
                    });
                    if let (false, Some(pl)) = (actor_there, place) {
                        if let Some(c) = pl.place.country.as_deref() {
                            match role {
                                SlotRole::Source => sources.clear(),
                                SlotRole::Target => targets.clear(),
                            }
                            rules.push(note(Why::PatternPlace, format!(
                                "the pattern places the {} after the predicate: the country of {:?} ({c})",
                                if role == SlotRole::Source { "source" } else { "target" },
                                pl.text
                            )));
                            slot_places.push((role, place_actor(pl, c)));
                            continue;
                        }
                    }
                }
                let (role, found) = match *slot {
                    Slot::After { role, from, to } => (
                        role,
                        input
                            .actors
                            .iter()
                            .position(|a| a.first >= from && a.first < to.min(hi)),
                    ),
                    Slot::Before { role, until } => {
                        (role, Self::nearest_left(input, words, until, lo, |_| true))
                    }
                };
                let Some(k) = found else { continue };
                let (leftwards, mark) = match slot {
                    Slot::Before { .. } => (true, "before"),
                    Slot::After { .. } => (false, "after"),
                };
                let group = self.compound(input, words, k, leftwards);
                let (mine, other, name) = match role {
                    SlotRole::Source => (&mut sources, &mut targets, "source"),
                    SlotRole::Target => (&mut targets, &mut sources, "target"),
                };
                let before_len = other.len();
                other.retain(|o| !group.contains(o));
                if other.len() < before_len && matches!(slot, Slot::Before { .. }) {
                    displaced.push(match role {
                        SlotRole::Source => SlotRole::Target,
                        SlotRole::Target => SlotRole::Source,
                    });
                }
                *mine = group;
                rules.push(note(
                    Why::PatternSlot,
                    format!(
                        "the pattern places the {name} {mark} the predicate: {:?}",
                        input.actors[k].mention.actor.text
                    ),
                ));
            }
            // "NOTED + *": the actor before the predicate is the slot's,
            // so the subject of the pattern's first word ("Gondor's Prime
            // Minister noted that Cirith Ungol regretted") is the source
            if let Some(st) = p
                .starts_at
                .filter(|_| displaced.contains(&SlotRole::Source) && sources.is_empty())
                .filter(|&st| {
                    p.slots
                        .iter()
                        .any(|s| matches!(s, Slot::Before { role: SlotRole::Target, until } if *until > st))
                })
            {
                // the pattern takes in the verb of the reported speech the
                // predicate sits in: its speaker; else the subject before it
                let subject = frame
                    .filter(|f| st <= f.verb && f.verb < i)
                    .and_then(|f| f.speaker)
                    .or_else(|| Self::nearest_left(input, words, st, clause_start(words, st, 0), |_| true));
                if let Some(s) = subject.filter(|s| !targets.contains(s)) {
                    sources = self.compound(input, words, s, true);
                    rules.push(note(Why::PatternSubject, format!(
                        "the pattern's words begin at \"{}\": the subject before them is the source, {:?}",
                        t[st].norm, input.actors[s].mention.actor.text
                    )));
                }
            }
            if p.kind == PredKind::Verb && !sources.is_empty() {
                last_verb_sources = Some(sources.clone());
            }
            if p.kind == PredKind::Verb {
                prev_verb_unsourced = (!passive && sources.is_empty()).then_some(i);
            }
            // Modality
            let window_start = i.saturating_sub(6).max(lo);
            let before: Vec<&str> = words[window_start..i].to_vec();
            let mut modality = Modality::Asserted;
            let mut claimant: Option<Actor> = None;
            let negated = before.iter().any(|w| NEGATORS.contains(w))
                || (i >= 2 && REFUSAL.contains(&words[i - 2]) && words[i - 1] == "to");
            let infinitive = i > 0 && words[i - 1] == "to";
            let intent = infinitive
                && (i >= 2 && INTENT.contains(&words[i - 2])
                    || before.iter().any(|w| INTENT.contains(w)));
            // "would" in reported speech is the future of the past ("said they would boycott")
            let reported_would =
                frame.is_some() && before.contains(&"would") && !before.contains(&"if");
            let future = before.iter().any(|w| FUTURE_AUX.contains(w))
                || reported_would
                || intent
                || before
                    .windows(2)
                    .any(|w| matches!(w, ["is" | "are" | "was" | "were", "to"]));
            // "an armed attack on X … would invoke": a noun predicate that is
            // the subject of a conditional verb names no act that happened
            let conditional_subject = p.kind == PredKind::Noun
                && (i + 1..hi)
                    .find(|&j| matches!(tags[j], Tag::MD | Tag::VBD | Tag::VBZ | Tag::VBP))
                    .is_some_and(|j| {
                        tags[j] == Tag::MD
                            && matches!(words[j], "would" | "could" | "might" | "may")
                    });
            let hypothetical = before
                .iter()
                .any(|w| HYPOTHETICAL.contains(w) && !(reported_would && *w == "would"))
                || (infinitive && !intent)
                || conditional_subject;
            if let Some(f) = frame {
                if let Some(s) = f.speaker {
                    claimant = Some(input.actors[s].mention.actor.clone());
                }
                if DENY_LEMMAS.contains(&f.lemma.as_str()) {
                    modality = Modality::Negated;
                    rules.push(note(
                        Why::Denied,
                        format!("reported under \"{}\": denied", t[f.verb].norm),
                    ));
                }
            }
            // "denied shelling civilians": a deny verb governing this predicate directly
            let denied = (window_start..i).find(|&j| {
                self.lex.forms.get(words[j]).is_some_and(|c| {
                    c.iter()
                        .any(|(l, k, _)| *k == PredKind::Verb && DENY_LEMMAS.contains(&l.as_str()))
                })
            });
            if let Some(d) = denied {
                modality = Modality::Negated;
                if let Some(s) = input
                    .actors
                    .iter()
                    .rposition(|a| a.last < d && a.first >= lo)
                {
                    claimant = Some(input.actors[s].mention.actor.clone());
                }
                rules.push(note(
                    Why::NegatedByGovernor,
                    format!("governed by \"{}\": negated", t[d].norm),
                ));
            }
            // a pattern that spells out the negation ("&negatvauxvrb * over
            // efforts") codes the negated act itself
            let pattern_negation = p.pattern.before.iter().any(|e| match e {
                PatElem::Word(w) => NEGATORS.contains(&w.as_str()),
                PatElem::Slot(_) | PatElem::Skip => false,
                PatElem::Set(name) => self
                    .lex
                    .synsets
                    .get(name.trim_end_matches('_'))
                    .is_some_and(|ms| {
                        ms.iter()
                            .any(|m| m.iter().any(|w| NEGATORS.contains(&w.as_str())))
                    }),
            });
            let negated = negated && !pattern_negation;
            if pattern_negation {
                rules.push(note(
                    Why::PatternNegation,
                    "the pattern itself encodes the negation",
                ));
            }
            if modality == Modality::Asserted {
                modality = if negated {
                    rules.push(note(Why::NegationBefore, "negation before the predicate"));
                    Modality::Negated
                } else if future {
                    rules.push(note(
                        Why::FutureOrIntended,
                        "future or intended (auxiliary, intent verb or \"to be to\")",
                    ));
                    Modality::Future
                } else if hypothetical {
                    rules.push(note(
                        Why::Hypothetical,
                        "hypothetical (modal, condition or unrealised infinitive)",
                    ));
                    Modality::Hypothetical
                } else if frame.is_some() {
                    rules.push(note(
                        Why::Claimed,
                        format!(
                            "reported speech under \"{}\": claimed",
                            frame.map(|f| t[f.verb].norm.as_str()).unwrap_or("")
                        ),
                    ));
                    Modality::Claimed
                } else {
                    Modality::Asserted
                };
            }
            // Dates
            // a date in the reporting clause ("…, the army said on Tuesday")
            // says when it was said, not when the reported act happened
            let span = frame.map(|f| {
                let start = t.get(f.from).map_or(usize::MAX, |x| x.start);
                let end = t.get(f.to.saturating_sub(1)).map_or(0, |x| x.end);
                (start, end)
            });
            let (date, precision, date_source) = self.event_date(input, i, span, &mut rules);
            // "when they meet at a summit later this week": an act the text
            // dates after the publication has not happened yet
            if matches!(modality, Modality::Asserted | Modality::Claimed)
                && date_source == EventDateSource::Text
                && precision == DatePrecision::Day
                && date.zip(input.doc_date).is_some_and(|(d, doc)| d > doc)
            {
                rules.push(note(Why::Future, "dated after the publication: future"));
                modality = Modality::Future;
            }
            // Location: a place introduced by a locative preposition, nearest the predicate
            let location_at = input
                .places
                .iter()
                // "pressure from Australia": a source named by a place
                // name is who acts, not where
                .filter(|pl| {
                    !sources
                        .iter()
                        .any(|&k| input.actors[k].mention.actor.start == pl.start)
                })
                .filter(|pl| {
                    let k = t.iter().position(|x| x.start == pl.start);
                    k.is_some_and(|k| {
                        k > 0
                            && matches!(
                                words[k - 1],
                                "in" | "at"
                                    | "near"
                                    | "on"
                                    | "of"
                                    | "outside"
                                    | "into"
                                    | "across"
                                    | "around"
                                    | "inside"
                                    | "to"
                                    | "from"
                                    | "over"
                                    | "the"
                            )
                    })
                })
                // a place after in/at/near is where things happen; after
                // of/to/the it may be a region named in passing
                .min_by_key(|pl| {
                    let k = t.iter().position(|x| x.start == pl.start).unwrap_or(0);
                    let strong = k > 0
                        && matches!(
                            words[k - 1],
                            "in" | "at" | "near" | "inside" | "outside" | "around"
                        );
                    (!strong, (pl.start as i64 - t[i].start as i64).abs())
                });
            let location = location_at.map(|pl| {
                rules.push(note(Why::Location, format!("location {:?}", pl.text)));
                pl.place.clone()
            });
            // the country where the event happens, or failing that the first
            // country a place in the sentence belongs to
            let place_country: Option<String> = location
                .as_ref()
                .and_then(|pl| pl.country.clone())
                .or_else(|| input.places.iter().find_map(|pl| pl.place.country.clone()));
            let mut code_used = p.pattern.code.clone();
            if let Some(&(ref c, n)) = refined.get(&i) {
                rules.push(note(
                    Why::AttackNounCode,
                    format!(
                    "the attack named by \"{}\" gives the specific code: {code_used} becomes {c}",
                    t[n].norm
                ),
                ));
                code_used = c.clone();
            }
            // intentions are coded as such (CAMEO 03x / 13x) with the built-in
            // CAMEO lexicon; a user's dictionary keeps its own codes
            let cameo_lexicon = p.pattern.origin != "petrarch";
            let must = i >= 1
                && (before
                    .iter()
                    .any(|w| matches!(*w, "must" | "should" | "ought"))
                    || (i >= 2
                        && words[i - 1] == "to"
                        && matches!(words[i - 2], "has" | "have" | "had" | "needs" | "need")));
            let refused = i >= 2 && REFUSAL.contains(&words[i - 2]) && words[i - 1] == "to"
                || (negated && future);
            if cameo_lexicon && must && frame.and_then(|f| f.speaker).is_some() {
                // "X said Y must withdraw": X demands that Y withdraw
                let speaker = frame.and_then(|f| f.speaker).unwrap();
                let dc = demand_code(&code_used);
                rules.push(note(Why::MustDemand, format!("\"must\" under the speaker's verb: a demand, {code_used} becomes {dc}; the speaker is the source, the one who must act the target")));
                targets = sources.clone();
                sources = vec![speaker];
                code_used = dc;
                modality = Modality::Asserted;
                claimant = None;
            } else if cameo_lexicon && refused {
                if let Some(rc) = reject_code(&code_used) {
                    rules.push(note(
                        Why::Refusal,
                        format!("refusal: {code_used} becomes {rc}"),
                    ));
                    code_used = rc;
                    modality = Modality::Asserted;
                }
            } else if modality == Modality::Future && cameo_lexicon {
                if let Some(ic) = intent_code(&code_used) {
                    rules.push(note(
                        Why::Intention,
                        format!("stated intention: {code_used} becomes {ic}"),
                    ));
                    code_used = ic;
                }
            }
            if self.lex.code_info(&code_used).is_none() {
                code_used = p.pattern.code.clone();
            }
            let coding = |c: &str| -> (Cameo, Plover) {
                // the event keeps its own code; a code missing from the table
                // borrows its parent's label and weights
                let info = self
                    .lex
                    .code_info(c)
                    .expect("codes are registered when loaded");
                let (code, base, root) = cameo_parts(c);
                (
                    Cameo {
                        code,
                        base,
                        root,
                        goldstein: info.goldstein,
                        quad_class: info.quad_class,
                        label: info.label.clone(),
                    },
                    Plover {
                        event: info.plover_event.clone(),
                        mode: info.plover_mode.clone(),
                    },
                )
            };
            let (cameo, plover) = coding(&code_used);
            let root = cameo.root.clone();
            // pairs
            let mut pairs: Vec<(Option<usize>, Option<usize>)> = Vec::new();
            if targets.is_empty() && sources.len() >= 2 && RECIPROCAL_ROOTS.contains(&root.as_str())
            {
                rules.push(note(
                    Why::CompoundPairs,
                    "compound source with no target: one event per ordered pair",
                ));
                for &a in &sources {
                    for &b in &sources {
                        if a != b {
                            pairs.push((Some(a), Some(b)));
                        }
                    }
                }
            } else {
                let ss: Vec<Option<usize>> = if sources.is_empty() {
                    vec![None]
                } else {
                    sources.iter().map(|&s| Some(s)).collect()
                };
                let ts: Vec<Option<usize>> = if targets.is_empty() {
                    vec![None]
                } else {
                    targets.iter().map(|&x| Some(x)).collect()
                };
                for s in &ss {
                    for x in &ts {
                        pairs.push((*s, *x));
                    }
                }
                if ss.len() * ts.len() > 1 {
                    rules.push(note(
                        Why::CompoundPairs,
                        "compound actors: one event per pair",
                    ));
                }
            }
            let pred_tok = &t[i];
            let pred_end = if p.used_to > i + 1 {
                t[p.used_to - 1].end
            } else {
                pred_tok.end
            };
            let group = (pairs.len() > 1).then(|| {
                stable_id(
                    "grp-",
                    &[input.doc_id, &input.sentence.to_string(), &i.to_string()],
                )
            });
            // a dictionary actor coded "FRO/BIL/SAM" stands for several actors
            let mut shared = distribute(input, &sources, &mut rules);
            shared.extend(distribute(input, &targets, &mut rules));
            let expand = |k: Option<usize>| -> Vec<Option<Actor>> {
                match k.map(|k| shared.get(&k).unwrap_or(&input.actors[k].mention.actor)) {
                    None => vec![None],
                    Some(a) if a.code.contains('/') => a
                        .code
                        .split('/')
                        .filter(|c| !c.is_empty())
                        .map(|c| {
                            // "FORLEG": a country and a sector again
                            let split = c.len() >= 6 && c.is_ascii() && a.country.is_none();
                            Some(Actor {
                                code: c.to_string(),
                                id: c.to_string(),
                                country: if split {
                                    Some(c[..3].to_string())
                                } else {
                                    a.country.clone()
                                },
                                sector: if split {
                                    Some(c[3..6].to_string())
                                } else {
                                    a.sector.clone()
                                },
                                ..a.clone()
                            })
                        })
                        .collect(),
                    Some(a) => vec![Some(a.clone())],
                }
            };
            // a role no dictionary actor fills may still be named in the
            // sentence ("Gryffindor's head Minerva McGonagall left for the
            // Ministry of Magic"): its words are kept beside the empty role
            let (named_before, named_after) = if p.kind == PredKind::Verb {
                let before = uncoded_name_before(input, words, tags, i, lo);
                let after = if passive {
                    (i + 1..(i + 8).min(hi))
                        .find(|&j| words[j] == "by")
                        .and_then(|j| uncoded_name_after(input, words, tags, j + 1, hi))
                } else {
                    uncoded_name_after(input, words, tags, p.used_to.max(i + 1), hi)
                };
                (before, after)
            } else {
                (None, None)
            };
            let (named_source, named_target) = if passive {
                (named_after, named_before)
            } else {
                (named_before, named_after)
            };
            let short = |n: &NamedSpan| {
                let words = n.text.split_whitespace().filter(|w| *w != "'s").count();
                words <= self.opts.uncoded_name_words
            };
            let named_source = named_source.filter(|n| sources.is_empty() && short(n));
            let named_target = named_target.filter(|n| targets.is_empty() && short(n));
            let actor_pairs: Vec<(Option<Actor>, Option<Actor>)> = pairs
                .iter()
                .flat_map(|&(s, x)| {
                    let ts = expand(x);
                    expand(s)
                        .into_iter()
                        .flat_map(move |a| ts.clone().into_iter().map(move |b| (a.clone(), b)))
                })
                .map(|(a, b)| {
                    // the place named is stronger evidence for a bare sector's
                    // country than the other actor's ("people in Hong Kong …
                    // in defiance of Chinese authorities")
                    let a = placed(a, place_country.as_deref(), &mut rules);
                    let b = placed(b, place_country.as_deref(), &mut rules);
                    // a user's verb dictionary keeps its own conventions: no
                    // domestic inheritance, as with intent recasting
                    let (a, b) = if cameo_lexicon {
                        domestic(a, b, &root, &mut rules)
                    } else {
                        (a, b)
                    };
                    let slotted = |role: SlotRole| {
                        slot_places
                            .iter()
                            .find(|(r, _)| *r == role)
                            .map(|(_, a)| a.clone())
                    };
                    let a = a.or_else(|| slotted(SlotRole::Source));
                    let b = b.or_else(|| slotted(SlotRole::Target));
                    let b = b.or_else(|| withdrawn_from.clone());
                    let b = b.or_else(|| landed_on(&a, location_at, &code_used, &mut rules));
                    // "arrived in Amman": an arrival is a visit to the
                    // country of the place arrived in
                    let b = if cameo_lexicon && arrival && code_used.starts_with("04") {
                        b.or_else(|| {
                            let x = landed_on(&a, location_at, "042", &mut rules)?;
                            rules.push(note(
                                Why::ArrivalVisit,
                                "an arrival is a visit to the place arrived in",
                            ));
                            Some(x)
                        })
                    } else {
                        b
                    };
                    let b = if cameo_lexicon {
                        b.or_else(|| {
                            protested_at_home(
                                input,
                                &a,
                                location_at,
                                &code_used,
                                pred_tok,
                                &mut rules,
                            )
                        })
                    } else {
                        b
                    };
                    let a = a.or_else(|| struck_from(&b, location_at, &code_used, &mut rules));
                    (a, b)
                })
                .collect();
            // a pattern with a reverse code also codes the target acting on the source
            let reverse = p
                .pattern
                .reverse
                .as_deref()
                .filter(|_| code_used == p.pattern.code)
                .map(coding);
            // (source, target, the words of an uncoded source, of an uncoded target, codes)
            type Coded = (
                Option<Actor>,
                Option<Actor>,
                Option<NamedSpan>,
                Option<NamedSpan>,
                Cameo,
                Plover,
            );
            let mut coded_pairs: Vec<Coded> = Vec::new();
            for (a, b) in actor_pairs {
                let na = named_source.clone().filter(|_| a.is_none());
                let nb = named_target.clone().filter(|_| b.is_none());
                let back = match &reverse {
                    Some(rev) if (a.is_some() || na.is_some()) && (b.is_some() || nb.is_some()) => {
                        Some((
                            b.clone(),
                            a.clone(),
                            nb.clone(),
                            na.clone(),
                            rev.0.clone(),
                            rev.1.clone(),
                        ))
                    }
                    _ => None,
                };
                // "guerrillas killed the deputy chief": force used by an
                // irregular group on anyone but another armed force is
                // unconventional violence (18), not conventional war (19)
                let irregular = a.as_ref().is_some_and(|x| {
                    x.code.starts_with("IMG")
                        || x.sector.as_deref().is_some_and(|s| IRREGULAR.contains(&s))
                });
                let armed_target = b.as_ref().is_some_and(|y| {
                    y.code.starts_with("IMG")
                        || y.sector.as_deref().is_some_and(|s| ARMED.contains(&s))
                });
                if cameo_lexicon && cameo.code == "190" && irregular && !armed_target {
                    let (c, pl) = coding("180");
                    rules.push(note(Why::IrregularForce, format!(
                        "force by an irregular group ({}) on a target that is not an armed force: 190 becomes 180",
                        a.as_ref().map(|x| x.code.as_str()).unwrap_or("")
                    )));
                    coded_pairs.push((a, b, na, nb, c, pl));
                } else {
                    coded_pairs.push((a, b, na, nb, cameo.clone(), plover.clone()));
                }
                coded_pairs.extend(back);
            }
            for (source, target, uncoded_source, uncoded_target, cameo, plover) in coded_pairs {
                let named = uncoded_source.is_some() || uncoded_target.is_some();
                // a role named by words no dictionary codes is filled, as
                // in PETRARCH (`--uncoded-names 0` keeps coded dyads only)
                if self.opts.require_dyad
                    && ((source.is_none() && uncoded_source.is_none())
                        || (target.is_none() && uncoded_target.is_none()))
                {
                    continue;
                }
                // an event with no actor at all says only that something
                // happened; named by a definite or bare noun ("the clashes
                // began", "heard gunfire") or an agentless passive ("no one
                // was hurt") it may tell more of an event the document has
                // told already: kept for the document to link
                // (`link_references`), dropped there if nothing fits
                let refers_back = match p.kind {
                    PredKind::Noun => definite_or_bare(t, words, tags, i),
                    PredKind::Verb => passive && by_actor.is_none(),
                };
                if p.any_sense {
                    // without its complement the noun's sense is unknown:
                    // nothing to code but a reference
                    if source.is_some() || target.is_some() || self.opts.keep_actorless {
                        continue;
                    }
                    rules.push(note(Why::AnySense, ANY_SENSE));
                }
                if source.is_none() && target.is_none() && !named && !self.opts.keep_actorless {
                    if !refers_back {
                        continue;
                    }
                    rules.push(note(Why::RefersBack, REFERS_BACK));
                }
                if let (Some(a), Some(b)) = (&source, &target) {
                    if a.code == b.code {
                        continue;
                    }
                }
                let mut confidence: f64 = 0.4;
                if source.is_some() {
                    confidence += 0.2;
                }
                if target.is_some() {
                    confidence += 0.15;
                }
                if p.pattern.specificity() > 0 {
                    confidence += 0.1;
                }
                if p.kind == PredKind::Noun {
                    confidence -= 0.05;
                }
                if date_source == EventDateSource::Text {
                    confidence += 0.05;
                }
                let event_id = stable_id(
                    "ev-",
                    &[
                        input.doc_id,
                        &input.sentence.to_string(),
                        &pred_tok.start.to_string(),
                        source
                            .as_ref()
                            .map(|a| a.id.as_str())
                            .or(uncoded_source.as_ref().map(|n| n.text.as_str()))
                            .unwrap_or(""),
                        target
                            .as_ref()
                            .map(|a| a.id.as_str())
                            .or(uncoded_target.as_ref().map(|n| n.text.as_str()))
                            .unwrap_or(""),
                        &cameo.code,
                    ],
                );
                let mut why = rules.clone();
                if let Some(a) = &source {
                    why.push(note(
                        Why::Actor,
                        format!("source {:?} → {}", a.text, a.code),
                    ));
                }
                if let Some(a) = &target {
                    why.push(note(
                        Why::Actor,
                        format!("target {:?} → {}", a.text, a.code),
                    ));
                }
                for (role, n) in [("source", &uncoded_source), ("target", &uncoded_target)] {
                    if let Some(n) = n {
                        why.push(note(
                            Why::Uncoded,
                            format!("{role} {:?} is named, but no dictionary codes it", n.text),
                        ));
                    }
                }
                events.push(Event {
                    kind: "event".into(),
                    event_id,
                    doc_id: input.doc_id.to_string(),
                    date,
                    date_precision: precision,
                    date_source,
                    source,
                    target,
                    cameo: cameo.clone(),
                    plover: plover.clone(),
                    modality,
                    claimant: claimant.clone(),
                    location: location.clone(),
                    confidence: (confidence.clamp(0.05, 0.99) * 100.0).round() / 100.0,
                    mentions: vec![Mention {
                        doc_id: input.doc_id.to_string(),
                        sentence: input.sentence,
                        start: input.sentence_start,
                        end: input.sentence_end,
                        text: input.text[input.sentence_start..input.sentence_end].to_string(),
                    }],
                    explanation: Explanation {
                        sentence: input.text[input.sentence_start..input.sentence_end].to_string(),
                        predicate: input.text[pred_tok.start..pred_end].to_string(),
                        predicate_start: pred_tok.start,
                        predicate_end: pred_end,
                        pattern: format!(
                            "{} → {} ({}, {})",
                            p.pattern.text,
                            p.pattern.code,
                            if p.kind == PredKind::Verb {
                                "verb"
                            } else {
                                "noun"
                            },
                            if p.pattern.origin.is_empty() {
                                "lexicon"
                            } else {
                                &p.pattern.origin
                            }
                        ),
                        rules: why,
                    },
                    group: group.clone(),
                    uncoded_source,
                    uncoded_target,
                });
                coded_at.push(i);
            }
        }
        // "agreed to provide aid for Romania", "is ready to contribute
        // troops to a force in Liberia": an act whose object is another act
        // (the verb before "to" + verb) is aimed where that act is
        for k in 0..events.len() {
            if events[k].target.is_some() {
                continue;
            }
            let i = coded_at[k];
            let to = (i + 1..(i + 8).min(t.len()))
                .take_while(|&j| !matches!(tags[j], Tag::VBD | Tag::VBZ | Tag::VBP | Tag::MD))
                .find(|&j| words[j] == "to");
            let Some(to) = to else { continue };
            let Some(c) = (0..events.len()).find(|&c| {
                coded_at[c] == to + 1
                    && events[c].target.is_some()
                    && (events[c].source.is_none()
                        || events[c].source.as_ref().map(|a| &a.id)
                            == events[k].source.as_ref().map(|a| &a.id))
            }) else {
                continue;
            };
            let target = events[c].target.clone();
            let e = &mut events[k];
            if target.as_ref().map(|a| &a.code) == e.source.as_ref().map(|a| &a.code) {
                continue;
            }
            e.explanation.rules.push(note(
                Why::AboutActTarget,
                format!(
                    "the act it is about (\"{}\") is aimed at {}: so is this one",
                    t[to + 1].norm,
                    target.as_ref().map_or("", |a| a.code.as_str())
                ),
            ));
            e.target = target;
        }
        events
    }

    fn event_date(
        &self,
        input: &SentenceInput,
        i: usize,
        reported: Option<(usize, usize)>,
        rules: &mut Vec<Rule>,
    ) -> (Option<NaiveDate>, DatePrecision, EventDateSource) {
        let t = input.tokens;
        let pos = t[i].start as i64;
        // "WASHINGTON, May 16 (Daily Compass) -": a dateline's date is when
        // the report was filed, not when what it reports happened
        let dateline_end = (input.sentence == 0
            && t.first().is_some_and(|f| {
                let w = &input.text[f.start..f.end];
                w.len() > 1 && w.chars().all(|c| !c.is_lowercase())
            }))
        .then(|| {
            t.iter()
                .take(12)
                .position(|x| matches!(x.norm.as_str(), "-" | "(" | "—" | "–" | ":"))
                .map(|k| t[k].start)
        })
        .flatten();
        let best = input
            .timexes
            .iter()
            .filter(|x| x.kind == "date" || x.kind == "time")
            .filter(|x| dateline_end.is_none_or(|e| x.start > e))
            .filter(|x| reported.is_none_or(|(s, e)| x.start >= s && x.end <= e))
            .filter_map(|x| {
                x.value
                    .as_deref()
                    .and_then(sitrep_time::value_to_date)
                    .map(|v| (x, v))
            })
            // a bare year or month far from the publication date ("the 1951
            // treaty", "in 2015") is background unless it stands right by the
            // predicate
            .filter(|(x, (d, prec))| {
                let near = (x.start as i64 - pos).abs() <= 40;
                let far = input
                    .doc_date
                    .is_some_and(|doc| (doc - *d).num_days().abs() > 92);
                *prec == DatePrecision::Day || near || !far
            })
            .min_by_key(|(x, _)| (x.start as i64 - pos).abs());
        if let Some((x, (d, prec))) = best {
            rules.push(note(
                Why::DateText,
                format!(
                    "dated by {:?} → {}",
                    x.text,
                    x.value.as_deref().unwrap_or("")
                ),
            ));
            return (Some(d), prec, EventDateSource::Text);
        }
        match input.doc_date {
            Some(d) => {
                rules.push(note(Why::DatePublication, "dated by the publication date"));
                (Some(d), DatePrecision::Day, EventDateSource::Document)
            }
            None => (None, DatePrecision::None, EventDateSource::None),
        }
    }
}

/// What a cooperative act is about, in CAMEO's parallel families (03
/// intent, 10 demand, 12 reject each have a slot per kind of act).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Act {
    /// material cooperation, with sub-kind 1 economic … 4 intelligence (0 none)
    Material(u8),
    Diplomatic,
    /// aid, with sub-kind 1 economic … 4 peacekeeping
    Aid(u8),
    /// yield, with sub-kind 1 administrative sanctions … 6 de-escalation
    Yield(u8),
    Meet,
    Settle,
    Mediate,
}

fn act_of(code: &str) -> Option<Act> {
    let base = code.get(..3)?;
    // 061–064 and 071–074 name the kind by their third digit (economic …)
    let kind = match base.as_bytes()[2] {
        d @ b'1'..=b'4' => d - b'0',
        _ => 0,
    };
    Some(match base {
        "060" | "061" | "062" | "063" | "064" => Act::Material(kind),
        "050" | "051" | "052" | "053" | "054" | "055" | "056" => Act::Diplomatic,
        "057" => Act::Settle,
        "070" | "071" | "072" | "073" | "074" | "075" => Act::Aid(kind),
        "080" | "083" => Act::Yield(0),
        "081" => Act::Yield(1),
        "082" => Act::Yield(2),
        "084" => Act::Yield(3),
        "085" => Act::Yield(4),
        "086" => Act::Yield(5),
        "087" => Act::Yield(6),
        "045" => Act::Mediate,
        "040" | "041" | "042" | "043" | "044" | "046" => Act::Meet,
        "030" | "031" | "032" | "033" | "034" | "035" | "036" | "037" => {
            return act_of(&recast_intent_base(code)?)
        }
        _ => return None,
    })
}

/// The act behind an intent code, as a code to re-read: 0332 (intent to
/// give military aid) → 072.
fn recast_intent_base(code: &str) -> Option<String> {
    let sub = code.get(3..4).filter(|s| !s.is_empty()).unwrap_or("0");
    Some(match code.get(..3)? {
        "031" => format!("06{sub}"),
        "032" => "050".into(),
        "033" => format!("07{sub}"),
        "035" => "080".into(),
        "036" => "040".into(),
        "037" => "057".into(),
        _ => return None,
    })
}

/// The families an act can be recast into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Intent,
    Demand,
    Reject,
}

fn recast(code: &str, family: Family) -> Option<String> {
    let act = act_of(code)?;
    let with = |b: &str, sub: u8| {
        if sub > 0 {
            format!("{b}{sub}")
        } else {
            b.to_string()
        }
    };
    Some(match (family, act) {
        (Family::Intent, Act::Material(s)) => with("031", s),
        (Family::Intent, Act::Diplomatic) => "032".into(),
        (Family::Intent, Act::Aid(s)) => with("033", s),
        (Family::Intent, Act::Yield(s)) => with("035", s),
        (Family::Intent, Act::Meet) => "036".into(),
        (Family::Intent, Act::Settle) => "037".into(),
        (Family::Intent, Act::Mediate) => "039".into(),
        (Family::Demand, Act::Material(s)) => with("101", s),
        (Family::Demand, Act::Diplomatic) => "102".into(),
        (Family::Demand, Act::Aid(s)) => with("103", s),
        (Family::Demand, Act::Yield(s)) => with("105", s),
        (Family::Demand, Act::Meet) => "106".into(),
        (Family::Demand, Act::Settle) => "107".into(),
        (Family::Demand, Act::Mediate) => "108".into(),
        (Family::Reject, Act::Material(s)) => with("121", s),
        (Family::Reject, Act::Diplomatic) => "120".into(),
        (Family::Reject, Act::Aid(_)) => "122".into(),
        (Family::Reject, Act::Yield(s)) => with("124", s),
        (Family::Reject, Act::Meet) => "125".into(),
        (Family::Reject, Act::Settle) => "127".into(),
        (Family::Reject, Act::Mediate) => "126".into(),
    })
}

/// CAMEO codes a stated intention as its own event: "will provide aid" is
/// 033 (express intent to provide material aid), not 07; "will meet" is
/// 036; an intention to use force is a threat (138), to cut relations or
/// aid a non-military threat (131). Returns the code for a future event.
pub fn intent_code(code: &str) -> Option<String> {
    if let Some(c) = recast(code, Family::Intent) {
        return Some(c);
    }
    let root = code.get(..2)?;
    Some(
        match root {
            "16" => "131",
            "17" => "137",
            "15" | "18" | "19" | "20" => "138",
            _ => return None,
        }
        .to_string(),
    )
}

/// "X says Y must withdraw": a demand (10x) for the act.
pub fn demand_code(code: &str) -> String {
    recast(code, Family::Demand).unwrap_or_else(|| "100".into())
}

/// "Y refused to meet", "Y will not release": a rejection (12x) of the act.
pub fn reject_code(code: &str) -> Option<String> {
    recast(code, Family::Reject)
}

/// Sectors that stand for a domestic actor when no country is named.
const DOMESTIC_SECTORS: &[&str] = &[
    "GOV", "OPP", "REB", "JUD", "LEG", "COP", "PTY", "MED", "EDU", "LAB", "BUS", "REF", "SEP",
    "INS", "PPL", "ELI", "HLH", "MOD", "RAD", "HRI", "CVL", "AGR", "ENV", "SPY", "MIL",
];

/// Acts that land on the place where they happen: a visit, intents and
/// agreements to act there ("agreed to postpone the demonstration in
/// Baku"), cooperation, aid, yielding (a curfew lifted), investigation,
/// refusal, threats of acts there ("threatened to institute a curfew in
/// Algiers"), protest, force posture, sanctions, coercion and violence — as
/// the PLOVER gold standard codes them. Statements, appeals, consultations,
/// demands and criticism do not: the place is only where they were made.
const LANDING_ROOTS: &[&str] = &[
    "03", "05", "06", "07", "08", "09", "12", "13", "14", "15", "16", "17", "18", "19", "20",
];

/// "Arrived in Amman", "lifted a curfew in Montenegro", "shelled targets in
/// Jericho": with no target named, the country of the place where the act
/// happens is its target, unless that would make the event the source
/// acting on itself or there is no source.
fn landed_on(
    source: &Option<Actor>,
    at: Option<&PlaceMention>,
    code: &str,
    rules: &mut Vec<Rule>,
) -> Option<Actor> {
    let pl = at?;
    let c = pl.place.country.as_deref()?;
    let lands = code.starts_with("042") || LANDING_ROOTS.contains(&code.get(..2)?);
    // an event with no source would be kept alive by the place alone
    let source = source.as_ref()?;
    if !lands || source.code == c {
        return None;
    }
    rules.push(note(
        Why::PlaceTarget,
        format!(
            "no target named: the country of the place where it happened ({:?} → {c})",
            pl.text
        ),
    ));
    Some(place_actor(pl, c))
}

/// Protest done by people (demonstrations, hunger strikes, strikes,
/// blockades, riots: CAMEO 141-145) with no one named as its target is
/// aimed at the authorities of the country where it happens, or failing a
/// place, of the protesters' own country ("Algerian landowners began a
/// hunger strike outside Parliament"). A state itself ("Algeria", the
/// government, the army, the police) does not protest against itself.
fn protested_at_home(
    input: &SentenceInput,
    source: &Option<Actor>,
    at: Option<&PlaceMention>,
    code: &str,
    pred: &Token,
    rules: &mut Vec<Rule>,
) -> Option<Actor> {
    let source = source.as_ref()?;
    if !matches!(code.get(..3)?, "141" | "142" | "143" | "144" | "145") {
        return None;
    }
    let state_sector = source
        .sector
        .as_deref()
        .is_some_and(|s| matches!(s, "GOV" | "MIL" | "COP" | "SPY"));
    // a country named as a noun is the state; "Algeria's activists" or
    // "Algerians" are its people
    let state_name = source.sector.is_none()
        && input.actors.iter().any(|f| {
            f.mention.actor.start == source.start
                && f.mention.actor.end == source.end
                && (f.mention.why.starts_with("country") || f.mention.why.starts_with("capital"))
                && !f.mention.actor.text.ends_with("'s")
        });
    if state_sector || state_name || source.code.starts_with("IGO") {
        return None;
    }
    let (c, whose) = match at.and_then(|pl| pl.place.country.as_deref()) {
        Some(c) => (c, format!("the country where it happens ({:?})", at?.text)),
        None => (
            source.country.as_deref()?,
            format!("the protesters' own country ({:?})", source.text),
        ),
    };
    let code = format!("{c}GOV");
    rules.push(note(
        Why::ProtestAuthorities,
        format!("protest with no target named: aimed at the authorities of {whose}: {code}"),
    ));
    Some(Actor {
        id: code.clone(),
        code,
        country: Some(c.to_string()),
        sector: Some("GOV".into()),
        name: "government".into(),
        text: String::new(),
        start: pred.start,
        end: pred.start,
    })
}

/// "A roadside bombing near Samarra killed one U.S. soldier", "an
/// Eriadorian was shot dead in Osgiliath": violence whose doer is not named,
/// done to someone from elsewhere, is coded from the country where it
/// happened (as PETRARCH and the PLOVER gold standard code it).
fn struck_from(
    target: &Option<Actor>,
    at: Option<&PlaceMention>,
    code: &str,
    rules: &mut Vec<Rule>,
) -> Option<Actor> {
    let pl = at?;
    let c = pl.place.country.as_deref()?;
    let target = target.as_ref()?;
    let violent = matches!(code.get(..2)?, "18" | "19" | "20");
    if !violent || target.country.as_deref().is_none_or(|t| t == c) {
        return None;
    }
    rules.push(note(Why::PlaceSource, format!(
        "no source named for violence on someone from elsewhere: the country of the place where it happened ({:?} → {c})",
        pl.text
    )));
    Some(place_actor(pl, c))
}

/// The country `c` of a place, as an actor spanning the place's name.
fn place_actor(pl: &PlaceMention, c: &str) -> Actor {
    Actor {
        id: format!("country:{c}"),
        code: c.to_string(),
        country: Some(c.to_string()),
        sector: None,
        name: c.to_string(),
        text: pl.text.clone(),
        start: pl.start,
        end: pl.end,
    }
}

/// What the members of a compound share: "the ambassadors of Arnor,
/// Osgiliath and Gondor" are all envoys (ARNGOV, OSGGOV, GONGOV); "Danish
/// media and government" are both Danish. Returns replacement actors by
/// actor index.
fn distribute(
    input: &SentenceInput,
    group: &[usize],
    rules: &mut Vec<Rule>,
) -> std::collections::HashMap<usize, Actor> {
    let mut out = std::collections::HashMap::new();
    if group.len() < 2 {
        return out;
    }
    let head = &input.actors[group[0]].mention.actor;
    // an agent written before its country ("ambassadors of Arnor") reaches
    // the bare countries listed after it
    let suffix = head.sector.clone().or_else(|| {
        (head.code.len() >= 6 && head.code.is_ascii()).then(|| head.code[3..].to_string())
    });
    let agent_of = suffix.is_some() && head.text.to_lowercase().contains(" of ");
    let country = group
        .iter()
        .find_map(|&k| input.actors[k].mention.actor.country.clone());
    for &k in &group[1..] {
        let a = &input.actors[k].mention.actor;
        let (Some(sector), true) = (suffix.as_ref(), agent_of) else {
            continue;
        };
        // a bare country (a dictionary may file its code as the sector)
        let bare = a.sector.is_none() || a.sector.as_deref() == Some(a.code.as_str());
        if bare && a.code.len() == 3 && !DOMESTIC_SECTORS.contains(&a.code.as_str()) {
            let code = format!("{}{sector}", a.code);
            rules.push(note(
                Why::SharesAgent,
                format!("{:?} shares the agent of {:?}: {code}", a.text, head.text),
            ));
            out.insert(
                k,
                Actor {
                    id: code.clone(),
                    code,
                    sector: Some(sector.clone()),
                    ..a.clone()
                },
            );
        }
    }
    // "Lawmakers and officials in Fornost and Gondor": a bare sector listed
    // with actors of named countries stands for that sector of each of them
    let named: Vec<String> = group
        .iter()
        .map(|&k| &input.actors[k].mention.actor.code)
        .filter(|c| c.len() >= 3 && c.is_ascii() && !DOMESTIC_SECTORS.contains(&c.as_str()))
        .filter(|c| !c.starts_with("IGO") && !c.starts_with("NGO"))
        .map(|c| c[..3].to_string())
        .fold(Vec::new(), |mut v, c| {
            if !v.contains(&c) {
                v.push(c);
            }
            v
        });
    if bare_sector(head) && !named.is_empty() {
        for &k in group {
            let a = &input.actors[k].mention.actor;
            if bare_sector(a) {
                let code = named
                    .iter()
                    .map(|c| format!("{c}{}", a.code))
                    .collect::<Vec<_>>()
                    .join("/");
                rules.push(note(
                    Why::EachCountry,
                    format!(
                        "{:?} stands for each country listed with it: {code}",
                        a.text
                    ),
                ));
                out.insert(
                    k,
                    Actor {
                        id: code.clone(),
                        code,
                        ..a.clone()
                    },
                );
            }
        }
        return out;
    }
    if let Some(c) = country.filter(|_| head.country.is_some() && !agent_of) {
        for &k in &group[1..] {
            let a = &input.actors[k].mention.actor;
            if bare_sector(a) {
                let shared = in_country(a, &c);
                rules.push(note(
                    Why::SharesCountry,
                    format!(
                        "{:?} shares the country of {:?}: {}",
                        a.text, head.text, shared.code
                    ),
                ));
                out.insert(k, shared);
            }
        }
    }
    out
}

/// "Demonstrators in Baghdad", "the government of Sindh province": an actor
/// named only by a domestic sector, with no other actor to lend it a
/// country, belongs to the country where the sentence places things.
fn placed(a: Option<Actor>, country: Option<&str>, rules: &mut Vec<Rule>) -> Option<Actor> {
    let (Some(x), Some(c)) = (a.as_ref(), country) else {
        return a;
    };
    if !bare_sector(x) {
        return a;
    }
    rules.push(note(
        Why::PlaceCountry,
        format!(
            "{:?} has no country: the country of the place named ({c})",
            x.text
        ),
    ));
    Some(in_country(x, c))
}

/// An actor named only by a domestic sector ("the government", "police").
fn bare_sector(x: &Actor) -> bool {
    x.country.is_none() && DOMESTIC_SECTORS.contains(&x.code.as_str())
}

/// A bare-sector actor as that sector of `country`: "police" in Iraq is IRQCOP.
fn in_country(x: &Actor, country: &str) -> Actor {
    let code = format!("{country}{}", x.code);
    Actor {
        id: code.clone(),
        code,
        country: Some(country.to_string()),
        sector: Some(x.code.clone()),
        ..x.clone()
    }
}

/// "The Mozambique government accepted demands from rebels": in an event
/// that is not an armed attack, an actor named only by its sector belongs
/// to the other actor's country (CAMEO codes domestic politics that way).
fn domestic(
    a: Option<Actor>,
    b: Option<Actor>,
    root: &str,
    rules: &mut Vec<Rule>,
) -> (Option<Actor>, Option<Actor>) {
    if matches!(root, "18" | "19" | "20") {
        return (a, b);
    }
    let localise = |x: Actor, country: &str, rules: &mut Vec<Rule>| -> Actor {
        rules.push(note(
            Why::Domestic,
            format!(
                "{:?} has no country: the other actor's ({country}), as a domestic actor",
                x.text
            ),
        ));
        in_country(&x, country)
    };
    match (a, b) {
        (Some(x), Some(y)) if bare_sector(&y) && x.country.is_some() => {
            let c = x.country.clone().unwrap();
            let y = localise(y, &c, rules);
            (Some(x), Some(y))
        }
        (Some(x), Some(y)) if bare_sector(&x) && y.country.is_some() => {
            let c = y.country.clone().unwrap();
            (Some(localise(x, &c, rules)), Some(y))
        }
        other => other,
    }
}

/// "Killed … in a suicide bombing", "a roadside bomb killed …": a generic
/// act of violence (kill, wound, attack: 180/190) takes the more specific
/// code of the attack its clause names as instrument or subject. Returns
/// the verb's token index → (code, the noun's token index).
fn refine_violence(
    input: &SentenceInput,
    words: &[&str],
    preds: &[Pred],
) -> std::collections::HashMap<usize, (String, usize)> {
    let generic = |c: &str| matches!(c, "180" | "190" | "1823");
    let violent = |c: &str| matches!(c.get(..2), Some("18" | "19" | "20"));
    let mut out = std::collections::HashMap::new();
    for v in preds
        .iter()
        .filter(|v| v.kind == PredKind::Verb && generic(&v.pattern.code))
    {
        let i = v.index;
        let (lo, hi) = (clause_start(words, i, 0), clause_end(words, i));
        let found = preds.iter().find(|n| {
            if n.kind != PredKind::Noun || !violent(&n.pattern.code) || generic(&n.pattern.code) {
                return false;
            }
            let k = n.index;
            if k > i && k < hi {
                // "in a suicide car bombing", "by an improvised explosive device"
                (k.saturating_sub(5).max(i + 1)..k)
                    .any(|j| matches!(words[j], "in" | "by" | "with"))
            } else if k < i && k >= lo {
                // the attack is the subject: no actor between it and the verb
                !input.actors.iter().any(|a| a.first > k && a.last < i)
            } else {
                false
            }
        });
        if let Some(n) = found {
            out.insert(i, (n.pattern.code.clone(), n.index));
        }
    }
    out
}

/// Verbs that judge, report or answer an act named by a noun rather than
/// carry it out ("condemned the attack", "denied the shelling"), by prefix.
const ABOUT_VERBS: &[&str] = &[
    "condemn",
    "denounc",
    "deplor",
    "criticis",
    "criticiz",
    "welcom",
    "prais",
    "blam",
    "accus",
    "deni",
    "deny",
    "reject",
    "protest",
    "mourn",
    "regrett",
    "investigat",
    "probe",
    "discuss",
    "report",
    "confirm",
    "describ",
    "call",
    "hail",
    "applaud",
    "question",
    "dismiss",
];

/// Irregular armed groups, and every armed force, by sector.
const IRREGULAR: &[&str] = &["REB", "INS", "UAF", "CRM", "SEP"];
const ARMED: &[&str] = &["MIL", "REB", "INS", "UAF", "PKO", "COP", "SPY", "SEP"];

/// Intent words that are also acts in their own right.
const COMMITMENT: &[&str] = &[
    "agree", "agrees", "agreed", "promise", "promises", "promised", "pledge", "pledges", "pledged",
    "vow", "vows", "vowed", "decided",
];

/// Words between a subject and its verb: auxiliaries, modals, adverbs and
/// the intent frames ("is prepared to", "would not").
const VERB_GROUP: &[&str] = &[
    "will",
    "would",
    "shall",
    "'ll",
    "wo",
    "can",
    "could",
    "may",
    "might",
    "must",
    "should",
    "has",
    "have",
    "had",
    "'ve",
    "'d",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "'s",
    "'re",
    "do",
    "does",
    "did",
    "to",
    "not",
    "n't",
    "never",
    "also",
    "now",
    "soon",
    "still",
    "ready",
    "willing",
    "able",
    "prepared",
    "going",
    "about",
    "trying",
    "seeking",
    "set",
    "due",
    "plans",
    "planned",
    "intends",
    "intended",
    "vowed",
    "pledged",
    "promised",
    "agreed",
    "decided",
    "continue",
    "continued",
    "continues",
    "want",
    "wants",
    "wanted",
    "hope",
    "hopes",
    "hoped",
];
const SUBJECT_PRONOUNS: &[&str] = &["it", "they", "he", "she", "we"];
const QUANTITY_HEADS: &[&str] = &[
    "thousands",
    "hundreds",
    "dozens",
    "scores",
    "millions",
    "tens",
    "group",
    "groups",
    "members",
    "supporters",
    "leaders",
    "some",
    "many",
    "most",
    "all",
    "several",
    "one",
    "two",
    "three",
    "four",
    "five",
    "units",
    "contingent",
    "delegation",
    "band",
    "bands",
    "number",
    "majority",
];

/// The personal pronoun that is the subject of the verb at `i`, skipping
/// the auxiliaries and adverbs of its verb group ("it will not withdraw").
fn pronoun_subject(words: &[&str], i: usize) -> Option<usize> {
    let mut j = i;
    for _ in 0..7 {
        if j == 0 {
            return None;
        }
        j -= 1;
        if SUBJECT_PRONOUNS.contains(&words[j]) {
            return Some(j);
        }
        if !VERB_GROUP.contains(&words[j]) && !ADVERBS.contains(&words[j]) {
            return None;
        }
    }
    None
}

fn infinitive_before(words: &[&str], i: usize) -> bool {
    i > 0 && words[i - 1] == "to"
}

/// Where the clause holding token `i` starts, no earlier than `lo`.
fn clause_start(words: &[&str], i: usize, lo: usize) -> usize {
    let mut k = i;
    while k > lo {
        if words[k - 1] == ";" {
            return k;
        }
        k -= 1;
    }
    lo
}

/// Words the lexicon knows as acts that, where they stand, are not one:
/// - an adverb or particle ("has not been back", "sent them back");
/// - "going to" before a verb, which only tells the future ("we are going
///   to look at");
/// - a naming participle ("a bomb called the Daisy Cutter", "an assembly,
///   called a loya jirga", "what they called pressure");
/// - "help" before a bare verb ("to help provide security", "will help
///   ease"): the verb after it is the act.
fn not_an_act(words: &[&str], tags: &[Tag], i: usize) -> bool {
    let next = words.get(i + 1).copied().unwrap_or("");
    let next_tag = tags.get(i + 1).copied();
    let adverb = matches!(tags[i], Tag::RB | Tag::RP) && !words[i].ends_with("ed");
    let future =
        words[i] == "going" && next == "to" && tags.get(i + 2).is_some_and(|t| *t == Tag::VB);
    let naming = matches!(words[i], "called" | "named" | "dubbed" | "nicknamed")
        && !matches!(
            next,
            "on" | "upon" | "for" | "off" | "in" | "up" | "back" | "out" | "to"
        )
        && i > 0
        && next_tag.is_some_and(|t| {
            t.is_noun() || t.is_adjective() || matches!(t, Tag::DT | Tag::OpenQuote | Tag::VBG)
        })
        && ((tags[i] == Tag::VBN && tags[i - 1].is_noun())
            || tags[i - 1] == Tag::Comma
            || (i > 1 && words[i - 2] == "what")
            || indefinite_object(words, tags, i - 1));
    let helper =
        matches!(words[i], "help" | "helps" | "helped" | "helping") && next_tag == Some(Tag::VB);
    adverb || future || naming || helper
}

/// Causes of death that are no one's act: a fire, a storm, a crash.
const DISASTERS: &[&str] = &[
    "fire",
    "blaze",
    "storm",
    "thunderstorm",
    "cyclone",
    "hurricane",
    "typhoon",
    "tornado",
    "flood",
    "floods",
    "flooding",
    "earthquake",
    "quake",
    "tsunami",
    "avalanche",
    "landslide",
    "mudslide",
    "crash",
    "accident",
    "collision",
    "derailment",
    "tragedy",
    "disaster",
    "lightning",
    "heatwave",
    "drought",
    "epidemic",
    "outbreak",
    "stampede",
    "collapse",
];

/// Whether the act at `i` is a disaster's doing, no one's act: its subject
/// is one ("the crash, which killed eight people", "a thunderstorm
/// struck"), or a killing or wounding happened in one ("220 people killed
/// in a fire", "killed when a storm hit"). A fire set on purpose has
/// its doer named ("militants set fire to"), which this does not touch.
fn disaster_toll(words: &[&str], tags: &[Tag], i: usize) -> bool {
    // a disaster heads its own noun phrase ("a fire", "the massive
    // blaze", "in floods"); "opened fire" and "returned fire" are acts
    let opens = |w: &str| {
        matches!(
            w,
            "a" | "an" | "the" | "this" | "that" | "in" | "by" | "when" | "after" | "during"
        )
    };
    let is_disaster = |j: usize| {
        DISASTERS.contains(&words[j])
            && (tags[j].is_noun() || words[j] == "fire")
            && j > 0
            && (opens(words[j - 1]) || (j > 1 && tags[j - 1].is_adjective() && opens(words[j - 2])))
    };
    // its subject: the noun before, across "which", "that" and commas
    let mut j = i;
    while j > 0 && i - j < 4 {
        j -= 1;
        if matches!(words[j], "which" | "that" | "," | "has" | "had" | "have") {
            continue;
        }
        if is_disaster(j) {
            return true;
        }
        break;
    }
    let w = words[i];
    if !(w.starts_with("kill") || w.starts_with("injur") || w.starts_with("wound")) {
        return false;
    }
    // "killed in a fire", "were killed and eight injured when a storm struck"
    let marker = (i + 1..(i + 8).min(words.len()))
        .take_while(|&k| !matches!(words[k], "," | "." | ";" | ":"))
        .find(|&k| matches!(words[k], "in" | "by" | "when" | "after" | "during"));
    marker.is_some_and(|k| {
        (k + 1..(k + 5).min(words.len()))
            .take_while(|&j| !matches!(words[j], "," | "." | ";"))
            .any(is_disaster)
    })
}

/// Whether the noun at `k` ends an indefinite noun phrase that follows a
/// verb or a preposition ("dropped a 6,800 kilogram bomb"): an object,
/// whose next word cannot be its own verb.
fn indefinite_object(words: &[&str], tags: &[Tag], k: usize) -> bool {
    if !tags[k].is_noun() {
        return false;
    }
    let mut j = k;
    while j > 0 && k - j < 5 {
        j -= 1;
        if matches!(words[j], "a" | "an") {
            return j > 0 && (tags[j - 1].is_verb() || tags[j - 1] == Tag::IN);
        }
        if !(tags[j].is_noun() || tags[j].is_adjective() || tags[j] == Tag::CD) {
            return false;
        }
    }
    false
}

/// Whether the noun phrase `first..=last` is the subject of a subordinate
/// clause: opened by a conjunction of time or cause and followed by its
/// verb ("after the attackers left", "because the army fired").
fn subordinate_subject(words: &[&str], tags: &[Tag], first: usize, last: usize) -> bool {
    let mut j = first;
    while j > 0 && matches!(words[j - 1], "the" | "a" | "an" | "its" | "their") {
        j -= 1;
    }
    j > 0
        && matches!(
            words[j - 1],
            "after" | "before" | "since" | "until" | "because" | "once" | "as" | "unless"
        )
        && tags
            .get(last + 1)
            .is_some_and(|t| matches!(t, Tag::VBD | Tag::VBZ | Tag::VBP | Tag::MD))
}

/// Where the clause holding token `i` ends.
fn clause_end(words: &[&str], i: usize) -> usize {
    for (k, w) in words.iter().enumerate().skip(i + 1) {
        if CLAUSE_BREAK.contains(w) {
            return k;
        }
    }
    words.len()
}

/// A token that can be part of a name no dictionary codes: a capitalised
/// proper noun outside every actor, place and date the sentence already has.
fn proper_name_token(input: &SentenceInput, tags: &[Tag], k: usize) -> bool {
    let t = &input.tokens[k];
    let inside = |start: usize, end: usize| start <= t.start && t.end <= end;
    t.kind == TokenKind::Word
        && t.cap
        && tags.get(k).is_some_and(|g| g.is_proper_noun())
        && !input.actors.iter().any(|a| a.first <= k && k <= a.last)
        && !input.places.iter().any(|p| inside(p.start, p.end))
        && !input.timexes.iter().any(|x| inside(x.start, x.end))
}

/// Lower-case words inside a name: "Osama bin Laden", "Ludwig van Beethoven".
const NAME_PARTICLES: &[&str] = &[
    "bin", "ibn", "al", "el", "abu", "van", "von", "der", "de", "da", "di", "del", "la", "le",
];
/// Titles that name no one alone ("Mr", "Dr", "Counsel").
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "lord",
    "lady",
    "prof",
    "professor",
    "counsel",
    "justice",
    "judge",
    "gen",
    "general",
    "col",
    "capt",
    "sgt",
    "rev",
    "father",
    "sheikh",
];
/// Last words that make a capitalised phrase a thing or an occasion, not an
/// actor: "the World Cup", "New Year's Eve", "the Mitchell Plan".
const NOT_ACTOR_HEADS: &[&str] = &[
    "cup",
    "trophy",
    "eve",
    "day",
    "games",
    "championship",
    "championships",
    "festival",
    "awards",
    "prize",
    "plan",
    "accord",
    "accords",
    "agreement",
    "treaty",
    "act",
    "bill",
    "report",
    "war",
    "street",
    "road",
    "avenue",
    "square",
    "bridge",
    "river",
    "airport",
    "highway",
];

/// The name over tokens `from..=to`, if it is one: some word of it is more
/// than a title, and its last word does not make it a thing.
fn named_span(input: &SentenceInput, from: usize, to: usize) -> Option<NamedSpan> {
    let t = &input.tokens[from..=to];
    let last = t.last()?.norm.trim_end_matches('\'');
    if NOT_ACTOR_HEADS.contains(&last) {
        return None;
    }
    let named = t
        .iter()
        .any(|x| x.cap && !TITLES.contains(&x.norm.trim_end_matches('.')) && x.norm != "the");
    if !named {
        return None;
    }
    let (start, end) = (input.tokens[from].start, input.tokens[to].end);
    Some(NamedSpan {
        text: input.text[start..end].to_string(),
        start,
        end,
    })
}

/// The name ending just before the verb group of the predicate at `i`
/// ("Gryffindor's head Minerva McGonagall left"): a proper noun as its
/// head, with the possessives, common nouns and "of" that join it to the
/// proper nouns before it, and a leading "the".
fn uncoded_name_before(
    input: &SentenceInput,
    words: &[&str],
    tags: &[Tag],
    i: usize,
    lo: usize,
) -> Option<NamedSpan> {
    let mut end = i;
    while end > lo && (VERB_GROUP.contains(&words[end - 1]) || ADVERBS.contains(&words[end - 1])) {
        end -= 1;
    }
    let head = end.checked_sub(1).filter(|&h| h >= lo)?;
    if !proper_name_token(input, tags, head) {
        return None;
    }
    let mut first = head;
    while first > lo {
        let k = first - 1;
        let joins = matches!(tags[k], Tag::POS | Tag::NN | Tag::NNS)
            || NAME_PARTICLES.contains(&words[k])
            || (words[k] == "of" && k > lo && proper_name_token(input, tags, k - 1));
        if proper_name_token(input, tags, k) || joins {
            first = k;
        } else {
            break;
        }
    }
    // the name begins with a proper noun ("head" in "a head Minerva" is not
    // the name's) or a particle before one ("bin Laden")
    while first < head
        && !proper_name_token(input, tags, first)
        && !NAME_PARTICLES.contains(&words[first])
    {
        first += 1;
    }
    // "farmers across Breitingen have blocked": a name after a preposition
    // is where or to whom, not who
    let before = (0..first)
        .rev()
        .find(|&k| input.tokens[k].kind == TokenKind::Word);
    if before.is_some_and(|k| {
        PREPOSITIONS.contains(&words[k]) || matches!(words[k], "across" | "near" | "to" | "into")
    }) {
        return None;
    }
    if first > lo && words[first - 1] == "the" {
        first -= 1;
    }
    // a sentence's first word alone ("Smoke fills", "Mortar shells") is
    // capitalised for its place, not as a name
    let proper = (first..=head)
        .filter(|&k| proper_name_token(input, tags, k))
        .count();
    if proper == 1 && before.is_none() && proper_name_token(input, tags, first) {
        return None;
    }
    named_span(input, first, head)
}

/// The name starting at token `j`, after one preposition ("left for the
/// Ministry of Magic"): proper nouns, joined by "of" or a possessive.
fn uncoded_name_after(
    input: &SentenceInput,
    words: &[&str],
    tags: &[Tag],
    j: usize,
    hi: usize,
) -> Option<NamedSpan> {
    let mut k = j;
    // a preposition that brings in a participant, not a place or a time
    if k < hi && matches!(words[k], "for" | "to" | "with" | "against" | "on") {
        k += 1;
    }
    let first = k;
    if k < hi && words[k] == "the" {
        k += 1;
    }
    if k >= hi || !proper_name_token(input, tags, k) {
        return None;
    }
    // "an Improvised Explosive Device", "the International Organization for
    // Migration": the end of a longer capitalised phrase is no name of its own
    let cap_at = |x: Option<usize>| x.is_some_and(|x| input.tokens[x].cap);
    let prev = k.checked_sub(1);
    if cap_at(prev)
        || (prev.is_some_and(|p| matches!(words[p], "of" | "for"))
            && cap_at(prev.and_then(|p| p.checked_sub(1))))
    {
        return None;
    }
    let mut last = k;
    while last + 1 < hi {
        let n = last + 1;
        if proper_name_token(input, tags, n) {
            last = n;
        } else if (words[n] == "of" || tags[n] == Tag::POS || NAME_PARTICLES.contains(&words[n]))
            && n + 1 < hi
            && proper_name_token(input, tags, n + 1)
        {
            last = n + 1;
        } else {
            break;
        }
    }
    // "the Special Forces", "the Osornillo sector": words that go on into
    // an actor or a common noun name a part of something else
    if let Some(n) = (last + 1 < input.tokens.len()).then_some(last + 1) {
        let in_actor = input.actors.iter().any(|a| a.first <= n && n <= a.last);
        if in_actor || matches!(tags[n], Tag::NN | Tag::NNS) {
            return None;
        }
    }
    named_span(input, first, last)
}

#[cfg(test)]
mod tests {
    use super::{demand_code, intent_code, reject_code};

    #[test]
    fn acts_recast_into_intent_demand_and_reject() {
        assert_eq!(intent_code("073").as_deref(), Some("0333"));
        assert_eq!(intent_code("0871").as_deref(), Some("0356"));
        assert_eq!(intent_code("190").as_deref(), Some("138"));
        assert_eq!(demand_code("0332"), "1032");
        assert_eq!(demand_code("0311"), "1011");
        assert_eq!(demand_code("040"), "106");
        assert_eq!(demand_code("120"), "100");
        assert_eq!(reject_code("0871").as_deref(), Some("1246"));
        assert_eq!(reject_code("036").as_deref(), Some("125"));
        assert_eq!(reject_code("034"), None);
    }
}

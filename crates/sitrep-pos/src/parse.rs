//! Who did what to whom, read off the chunks with a few clause rules.
//!
//! No parser: event coding needs the subject and object of a verb in news sentences, and
//! most of those are a noun phrase just left of the verb and one just right of it. The
//! rules below handle what breaks that in news prose: appositions and relative clauses
//! between subject and verb, prepositional phrases hanging off the subject ("the leaders of
//! Armenia said"), reporting clauses ("..., the ministry said"), coordinated predicates,
//! infinitives, and passives, whose doer sits in a by-phrase.

use crate::chunk::{chunk, lower_forms, Chunk, ChunkKind, Tense};
use crate::tag::Tag;

/// Conjunctions that open a clause rather than a prepositional phrase: a noun phrase after
/// them is a subject ("said that Armenia attacked").
const SUBORDINATORS: [&str; 13] = [
    "that", "because", "if", "whether", "although", "though", "while", "since", "as", "unless",
    "once", "than", "so",
];
/// Prepositions that may also open a clause ("after troops attacked"): a noun phrase after
/// them is taken as a subject when the verb follows it directly.
const TEMPORAL_SUBORDINATORS: [&str; 4] = ["after", "before", "until", "till"];
/// Prepositions whose object is the verb's object ("met with", "fought against",
/// "called on"); others (in, at, during, ...) place or time the event instead.
const OBJECT_PREPOSITIONS: [&str; 8] = [
    "with", "against", "to", "toward", "towards", "into", "on", "upon",
];
/// Verbs whose object is the doer of the infinitive after it ("asked Blinken to meet").
const CONTROL_VERBS: [&str; 56] = [
    "ask",
    "asks",
    "asked",
    "asking",
    "urge",
    "urges",
    "urged",
    "urging",
    "order",
    "orders",
    "ordered",
    "ordering",
    "tell",
    "tells",
    "told",
    "telling",
    "invite",
    "invites",
    "invited",
    "inviting",
    "force",
    "forces",
    "forced",
    "forcing",
    "allow",
    "allows",
    "allowed",
    "allowing",
    "persuade",
    "persuaded",
    "encourage",
    "encouraged",
    "warn",
    "warns",
    "warned",
    "press",
    "pressed",
    "pressing",
    "call",
    "calls",
    "called",
    "calling",
    "appeal",
    "appeals",
    "appealed",
    "want",
    "wants",
    "wanted",
    "instruct",
    "instructed",
    "authorise",
    "authorised",
    "authorize",
    "authorized",
    "permit",
    "permitted",
];
/// Heads of noun phrases that say when, not who: "met Monday with Blinken".
const TIME_WORDS: [&str; 33] = [
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
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "night",
    "week",
    "weekend",
    "month",
    "year",
    "day",
    "hours",
];

/// A tagged and chunked sentence, with lookups for the roles around a verb group.
#[derive(Debug, Clone)]
pub struct Parse<'a> {
    pub tokens: &'a [&'a str],
    pub tags: Vec<Tag>,
    pub chunks: Vec<Chunk>,
    words: Vec<String>,
    /// Per token: the base noun phrase that ends with it / starts with it, the verb group
    /// that contains it, the prepositional phrase that starts with it (chunk indices).
    np_last: Vec<Option<usize>>,
    np_first: Vec<Option<usize>>,
    verb_at: Vec<Option<usize>>,
    prep_first: Vec<Option<usize>>,
}

impl<'a> Parse<'a> {
    /// Tag (with the embedded model) and chunk `tokens`.
    pub fn new(tokens: &'a [&'a str]) -> Parse<'a> {
        let tags = crate::tag(tokens);
        Parse::with_tags(tokens, tags)
    }

    /// Chunk `tokens` with tags from elsewhere.
    pub fn with_tags(tokens: &'a [&'a str], tags: Vec<Tag>) -> Parse<'a> {
        let chunks = chunk(tokens, &tags);
        let n = tokens.len();
        let (mut np_last, mut np_first) = (vec![None; n], vec![None; n]);
        let (mut verb_at, mut prep_first) = (vec![None; n], vec![None; n]);
        for (ci, c) in chunks.iter().enumerate() {
            match c.kind {
                ChunkKind::Noun => {
                    np_first[c.start] = Some(ci);
                    np_last[c.end - 1] = Some(ci);
                }
                ChunkKind::Verb(_) => verb_at[c.range()].fill(Some(ci)),
                ChunkKind::Prep => prep_first[c.start] = Some(ci),
                ChunkKind::NounOf => {}
            }
        }
        Parse {
            words: lower_forms(tokens),
            tokens,
            tags,
            chunks,
            np_last,
            np_first,
            verb_at,
            prep_first,
        }
    }

    /// The verb groups, left to right.
    pub fn verbs(&self) -> impl Iterator<Item = &Chunk> {
        self.chunks.iter().filter(|c| c.verb().is_some())
    }

    /// The chunk's tokens joined by spaces.
    pub fn text(&self, c: &Chunk) -> String {
        self.tokens[c.range()].join(" ")
    }

    /// The grammatical subject of a verb group: the base noun phrase it agrees with,
    /// looking left within the clause. For a passive group that is the patient ("the
    /// village" in "the village was shelled"); see [`Parse::object_of`] for the doer.
    pub fn subject_of(&self, verb: &Chunk) -> Option<&Chunk> {
        let vi = self.index_of(verb)?;
        self.subject(vi, 0).map(|i| &self.chunks[i])
    }

    /// The object of an active verb group: the noun phrase right after it, else the object
    /// of a following with/against/to/on... phrase (time phrases are skipped). For a passive
    /// group: the doer, from its by-phrase ("by Azerbaijani forces"), else nothing.
    pub fn object_of(&self, verb: &Chunk) -> Option<&Chunk> {
        let vi = self.index_of(verb)?;
        let group = *self.chunks[vi].verb()?;
        let n = self.tokens.len();
        let start = self.chunks[vi].start;
        // in "troops who attacked the village fled" the next verb is the main clause's
        let relative = start > 0 && matches!(self.tags[start - 1], Tag::WDT | Tag::WP);
        let mut k = self.chunks[vi].end;
        while k < n {
            if self.tags[k].is_adverb() || self.tags[k] == Tag::RP {
                k += 1;
            } else if let Some(p) = self.prep_first[k] {
                let np = self.np_first[k + 1].expect("a prepositional phrase holds a noun phrase");
                let prep = self.words[k].as_str();
                let wanted = if group.passive {
                    prep == "by"
                } else {
                    OBJECT_PREPOSITIONS.contains(&prep) && !self.is_time(np)
                };
                if wanted {
                    return Some(&self.chunks[np]);
                }
                k = self.chunks[p].end;
            } else if let Some(np) = self.np_first[k] {
                let after = self.chunks[np].end;
                let clause_subject = !relative
                    && self.next_verb(after).is_some_and(|v| {
                        self.chunks[v]
                            .verb()
                            .is_some_and(|g| g.tense != Tense::Nonfinite)
                    });
                if group.passive || self.is_time(np) {
                    k = after;
                } else if clause_subject {
                    // "said Armenia attacked": the phrase is the next clause's subject
                    return None;
                } else {
                    return Some(&self.chunks[np]);
                }
            } else {
                return None;
            }
        }
        None
    }

    /// The widest reading of a noun phrase: with its "of" attachments if it has any.
    pub fn with_of<'s>(&'s self, np: &'s Chunk) -> &'s Chunk {
        self.chunks
            .iter()
            .find(|c| c.kind == ChunkKind::NounOf && c.start == np.start)
            .unwrap_or(np)
    }

    /// The noun phrases coordinated with `np` ("Armenia and Azerbaijan", "A, B and C"),
    /// in order, `np` included; just `np` when it stands alone.
    pub fn conjuncts<'s>(&'s self, np: &'s Chunk) -> Vec<&'s Chunk> {
        let Some(ni) = self.index_of(np) else {
            return vec![np];
        };
        // walk left to the first member, then collect rightwards
        let mut first = ni;
        while let Some(prev) = self.conjunct_before(first) {
            first = prev;
        }
        let mut members = vec![first];
        let mut seps = Vec::new();
        let mut cur = first;
        loop {
            let end = self.chunks[cur].end;
            match (self.tags.get(end), self.np_first.get(end + 1)) {
                (Some(Tag::CC | Tag::Comma), Some(Some(next))) => {
                    seps.push(self.tags[end]);
                    members.push(*next);
                    cur = *next;
                }
                _ => break,
            }
        }
        // a list must end in a conjunction: "Lavrov, the minister," is an apposition
        while seps.last() == Some(&Tag::Comma) {
            seps.pop();
            members.pop();
        }
        if !members.contains(&ni) || seps.is_empty() {
            return vec![np];
        }
        members.iter().map(|&i| &self.chunks[i]).collect()
    }

    fn conjunct_before(&self, ni: usize) -> Option<usize> {
        let s = self.chunks[ni].start;
        if s < 2 || !matches!(self.tags[s - 1], Tag::CC | Tag::Comma) {
            return None;
        }
        self.np_last[s - 2]
    }

    fn index_of(&self, c: &Chunk) -> Option<usize> {
        self.chunks.iter().position(|x| x == c)
    }

    fn is_time(&self, np: usize) -> bool {
        TIME_WORDS.contains(&self.words[self.chunks[np].head].as_str())
    }

    /// The verb group starting at `k`, adverbs skipped.
    fn next_verb(&self, mut k: usize) -> Option<usize> {
        while k < self.tags.len() && self.tags[k].is_adverb() && self.verb_at[k].is_none() {
            k += 1;
        }
        self.verb_at.get(k).copied().flatten()
    }

    /// The nearest verb group ending before `k`.
    fn verb_before(&self, k: usize) -> Option<usize> {
        (0..k).rev().find_map(|j| self.verb_at[j])
    }

    fn is_boundary(&self, k: usize) -> bool {
        matches!(
            self.tags[k],
            Tag::Colon | Tag::LRB | Tag::RRB | Tag::OpenQuote | Tag::CloseQuote | Tag::Period
        )
    }

    fn subject(&self, vi: usize, depth: usize) -> Option<usize> {
        if depth > 4 {
            return None;
        }
        let verb = &self.chunks[vi];
        let first = (verb.start..verb.end).find(|&k| !self.tags[k].is_adverb())?;
        if self.tags[first] == Tag::TO {
            // infinitive: the object of a verb like "ask" ("asked Blinken to meet",
            // "called on Armenia to withdraw"), else the subject of the verb it completes
            // ("agreed to meet", "fired tear gas to disperse the crowd")
            let before = verb.start.checked_sub(1)?;
            if let Some(np) = self.np_last[before] {
                let mut s = self.chunks[np].start;
                if s > 0 && matches!(self.words[s - 1].as_str(), "on" | "upon" | "to") {
                    s -= 1;
                }
                if let Some(v) = s.checked_sub(1).and_then(|p| self.verb_at[p]) {
                    if CONTROL_VERBS.contains(&self.words[self.chunks[v].head].as_str()) {
                        return Some(np);
                    }
                }
            }
            return self
                .verb_before(verb.start)
                .and_then(|v| self.subject(v, depth + 1));
        }
        let mut k = verb.start;
        let mut adjacent = true;
        // the object of a prepositional phrase that opens the clause ("at least 20", if the
        // tagger split it so): better than nothing
        let mut fallback = None;
        while k > 0 {
            let j = k - 1;
            let tag = self.tags[j];
            if let Some(np) = self.np_last[j] {
                // "from Qatar and Egypt": the coordination as a whole decides
                let mut first = np;
                while let Some(prev) = self.and_conjunct_before(first) {
                    first = prev;
                }
                let s = self.chunks[first].start;
                if s > 0 {
                    let before = self.words[s - 1].as_str();
                    let prep = matches!(self.tags[s - 1], Tag::IN | Tag::TO)
                        && self.verb_at[s - 1].is_none()
                        && !SUBORDINATORS.contains(&before)
                        && !(adjacent && TEMPORAL_SUBORDINATORS.contains(&before));
                    if prep {
                        // "the leaders of Armenia said": the phrase the PP hangs off
                        fallback.get_or_insert(np);
                        k = s - 1;
                        adjacent = false;
                        continue;
                    }
                    if let Some(v) = self.verb_at[s - 1] {
                        let vs = self.chunks[v].start;
                        if vs > 0 && matches!(self.tags[vs - 1], Tag::WDT | Tag::WP) {
                            // "troops who attacked the village were ...": skip the clause
                            k = vs - 1;
                            adjacent = false;
                            continue;
                        }
                    }
                }
                return Some(np);
            }
            if matches!(tag, Tag::WDT | Tag::WP) {
                // "Lavrov, who arrived ...": the relative pronoun stands for its antecedent
                let mut a = j;
                if a > 0 && self.tags[a - 1] == Tag::Comma {
                    a -= 1;
                }
                return a.checked_sub(1).and_then(|p| self.np_last[p]);
            }
            if tag == Tag::Comma {
                if let Some(open) = self.parenthetical_before(j) {
                    k = open;
                    adjacent = false;
                    continue;
                }
                // "attacked the village, killing ..." or a clause boundary
                return self.verb_before(j).and_then(|v| self.subject(v, depth + 1));
            }
            if tag == Tag::CC {
                // coordinated predicates share the subject: "attacked ... and shelled ..."
                return self.verb_before(j).and_then(|v| self.subject(v, depth + 1));
            }
            if tag.is_adverb() && self.verb_at[j].is_none() {
                k = j;
                continue;
            }
            if let Some(v) = self.verb_at[j] {
                return self.subject(v, depth + 1);
            }
            return fallback;
        }
        fallback
    }

    /// The noun phrase joined to `ni` by and/or on its left.
    fn and_conjunct_before(&self, ni: usize) -> Option<usize> {
        let s = self.chunks[ni].start;
        if s < 2 || self.tags[s - 1] != Tag::CC {
            return None;
        }
        self.np_last[s - 2]
    }

    /// If the comma at `close` ends a parenthetical that an earlier comma opened (an
    /// apposition, a relative clause, a participle phrase, "however") and a noun phrase
    /// stands before it, the opening comma.
    fn parenthetical_before(&self, close: usize) -> Option<usize> {
        let open = (0..close)
            .rev()
            .find(|&k| self.tags[k] == Tag::Comma || self.is_boundary(k))?;
        if self.tags[open] != Tag::Comma || open + 1 == close || open == 0 {
            return None;
        }
        let inner = open + 1..close;
        let first = self.tags[open + 1];
        let nominal = inner.clone().all(|k| {
            self.np_last[k].is_some()
                || self.np_first[k].is_some()
                || self.prep_first[k].is_some()
                || self.tags[k] == Tag::CC
                || self
                    .chunks
                    .iter()
                    .any(|c| c.is_noun() && c.range().contains(&k))
        });
        let parenthetical = nominal
            || matches!(first, Tag::WDT | Tag::WP | Tag::VBG | Tag::VBN)
            || inner.clone().all(|k| self.tags[k].is_adverb());
        (parenthetical && self.np_last[open - 1].is_some()).then_some(open)
    }
}

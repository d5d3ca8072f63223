//! Rule-based chunking over tags: noun phrases, verb groups, prepositional phrases.
//!
//! Rules rather than a trained chunker: the event coder needs a few structures (who acts,
//! on whom, with what tense, negated or passive) and wants to know why it got them. Every
//! rule here can be read off a Penn Treebank tag sequence, so a wrong chunk is either a
//! wrong tag or a rule one can point at.

use crate::tag::Tag;

/// What a chunk is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChunkKind {
    /// A base noun phrase: determiner, modifiers, nouns, possessives, up to its head noun
    /// ("Russia's foreign minister", "his Armenian counterpart", "20 people", "they").
    Noun,
    /// A noun phrase with its "of" attachments, one or more ("the leaders of Armenia and" →
    /// "the leaders of Armenia"); reported besides the base phrases, as the wider reading.
    /// The head is the first phrase's.
    NounOf,
    /// A preposition (IN or TO) and the base noun phrase after it; the head is the noun
    /// phrase's head, the preposition is the chunk's first token.
    Prep,
    /// Auxiliaries, modals, adverbs and verbs that make one predicate ("has not been",
    /// "will meet", "is scheduled to meet"); the head is the last verb.
    Verb(VerbGroup),
}

/// Tense as far as the verb group shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// First verb VBD ("attacked", "was shelled", "did not attack").
    Past,
    /// First verb VBZ/VBP ("attacks", "has lost", "are fighting").
    Present,
    /// will/shall/'ll, or be + going/scheduled/set/due/expected/about/... + to.
    Future,
    /// Any other modal (would, could, may, might, must, should, can).
    Conditional,
    /// No finite verb: infinitives ("to meet"), participles and bare verbs.
    Nonfinite,
}

/// What a verb group marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerbGroup {
    pub tense: Tense,
    /// not, n't or never inside the group.
    pub negated: bool,
    /// be (or get) + past participle as the last two verbs: the subject is the patient.
    pub passive: bool,
    /// have + past participle ("has lost", "had been").
    pub perfect: bool,
}

/// A span of tokens `start..end` (end exclusive) with its head token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    pub kind: ChunkKind,
    pub start: usize,
    pub end: usize,
    pub head: usize,
}

impl Chunk {
    /// The verb group's marks, if this is a verb group.
    pub fn verb(&self) -> Option<&VerbGroup> {
        match &self.kind {
            ChunkKind::Verb(v) => Some(v),
            _ => None,
        }
    }

    /// A base noun phrase ([`ChunkKind::Noun`]).
    pub fn is_noun(&self) -> bool {
        self.kind == ChunkKind::Noun
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

const BE: [&str; 11] = [
    "be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m",
];
const HAVE: [&str; 6] = ["have", "has", "had", "having", "'ve", "'d"];
const DO: [&str; 3] = ["do", "does", "did"];
const GET: [&str; 5] = ["get", "gets", "got", "gotten", "getting"];
const FUTURE_MODALS: [&str; 4] = ["will", "shall", "'ll", "wo"];
/// be + one of these + to + verb reads as the future in news ("is due to meet").
const FUTURE_AFTER_BE: [&str; 9] = [
    "going",
    "scheduled",
    "set",
    "due",
    "expected",
    "slated",
    "poised",
    "about",
    "likely",
];
const NEGATIONS: [&str; 3] = ["not", "n't", "never"];
/// A determiner standing alone is a noun phrase only when it can be a pronoun. "that" is
/// left out: it is far more often a complementiser the tagger calls DT.
const PRONOMINAL_DETERMINERS: [&str; 11] = [
    "this", "these", "those", "all", "both", "some", "many", "most", "each", "none", "another",
];

/// Lowercase forms with curly apostrophes made straight, for word lists.
pub(crate) fn lower_forms(tokens: &[&str]) -> Vec<String> {
    tokens
        .iter()
        .map(|t| t.to_lowercase().replace('\u{2019}', "'"))
        .collect()
}

/// Chunk a tagged sentence. Chunks come sorted by start, wider first; base noun phrases and
/// verb groups never overlap each other, [`ChunkKind::NounOf`] and [`ChunkKind::Prep`]
/// chunks contain base noun phrases.
pub fn chunk(tokens: &[&str], tags: &[Tag]) -> Vec<Chunk> {
    assert_eq!(tokens.len(), tags.len(), "one tag per token");
    let words = lower_forms(tokens);
    let n = tags.len();
    let mut chunks = Vec::new();

    // noun phrases first: they decide whether a participle is a modifier ("armed groups")
    let mut in_np = vec![false; n];
    let mut i = 0;
    while i < n {
        match noun_phrase(&words, tags, i) {
            Some((end, head)) => {
                chunks.push(Chunk {
                    kind: ChunkKind::Noun,
                    start: i,
                    end,
                    head,
                });
                in_np[i..end].fill(true);
                i = end;
            }
            None => i += 1,
        }
    }

    let mut in_vg = vec![false; n];
    let mut i = 0;
    while i < n {
        match verb_group(&words, tags, &in_np, i) {
            Some((end, head, group)) => {
                chunks.push(Chunk {
                    kind: ChunkKind::Verb(group),
                    start: i,
                    end,
                    head,
                });
                in_vg[i..end].fill(true);
                i = end;
            }
            None => i += 1,
        }
    }

    let np_at: Vec<Option<Chunk>> = {
        let mut v = vec![None; n];
        for c in chunks.iter().filter(|c| c.is_noun()) {
            v[c.start] = Some(*c);
        }
        v
    };
    let mut extra = Vec::new();
    for i in 0..n.saturating_sub(1) {
        if matches!(tags[i], Tag::IN | Tag::TO) && !in_vg[i] && !in_np[i] {
            if let Some(np) = np_at[i + 1] {
                extra.push(Chunk {
                    kind: ChunkKind::Prep,
                    start: i,
                    end: np.end,
                    head: np.head,
                });
            }
        }
    }
    for c in chunks.iter().filter(|c| c.is_noun()) {
        let mut end = c.end;
        while end + 1 < n && words[end] == "of" {
            match np_at[end + 1] {
                Some(next) => end = next.end,
                None => break,
            }
        }
        if end > c.end {
            extra.push(Chunk {
                kind: ChunkKind::NounOf,
                start: c.start,
                end,
                head: c.head,
            });
        }
    }
    chunks.extend(extra);
    chunks.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    chunks
}

/// The base noun phrase starting at `i`: its end and head.
fn noun_phrase(words: &[String], tags: &[Tag], i: usize) -> Option<(usize, usize)> {
    let n = tags.len();
    if tags[i] == Tag::PRP {
        return Some((i + 1, i));
    }
    let nominal_next = |j: usize| {
        j + 1 < n && (tags[j + 1].is_noun() || tags[j + 1].is_adjective() || tags[j + 1] == Tag::CD)
    };
    let mut j = i;
    // "at least 20 civilians": a quantifier, not a prepositional phrase
    if i + 2 < n
        && words[i] == "at"
        && matches!(words[i + 1].as_str(), "least" | "most")
        && tags[i + 2] == Tag::CD
    {
        j += 2;
    }
    if tags[j] == Tag::PDT {
        j += 1;
    }
    if j < n && matches!(tags[j], Tag::DT | Tag::PRPS | Tag::WPS) {
        j += 1;
    }
    let body = j;
    while j < n {
        let take = match tags[j] {
            t if t.is_noun() || t.is_adjective() => true,
            Tag::CD | Tag::Dollar | Tag::Hash => true,
            // a participle inside a phrase modifies its noun ("the ruling party", "the
            // peacekeeping mission"); one that would start a phrase is usually a verb with
            // its object ("has killed civilians", ", killing four people"), except a past
            // participle before a noun where no verb can be ("armed groups", "with armed men")
            Tag::VBN | Tag::VBG if j > i => nominal_next(j),
            Tag::VBN => {
                j + 1 < n
                    && (tags[j + 1].is_noun() || tags[j + 1].is_adjective())
                    && (i == 0
                        || matches!(tags[i - 1], Tag::IN | Tag::CC | Tag::OpenQuote | Tag::LRB))
            }
            // possessive: "Russia 's foreign minister" is one phrase
            Tag::POS => j > body,
            // "a very large crowd", "newly elected president"
            Tag::RB | Tag::RBR | Tag::RBS => {
                j + 1 < n
                    && (tags[j + 1].is_adjective() || matches!(tags[j + 1], Tag::VBN | Tag::VBG))
                    && nominal_next(j + 1)
            }
            // "Armenian and Azerbaijani forces"
            Tag::CC => {
                j > body && tags[j - 1].is_adjective() && j + 1 < n && tags[j + 1].is_adjective()
            }
            _ => false,
        };
        if !take {
            break;
        }
        j += 1;
    }
    let end = j;
    let head_zone = if end > body && tags[end - 1] == Tag::POS {
        end - 1
    } else {
        end
    };
    let head = (i..head_zone)
        .rev()
        .find(|&k| tags[k].is_noun() || matches!(tags[k], Tag::CD | Tag::Dollar | Tag::PRP));
    match head {
        Some(h) => Some((end, h)),
        // "the wounded": a determiner and adjectives
        None if end > body && body > i => Some((end, end - 1)),
        None if end == body
            && body > i
            && tags[body - 1] == Tag::DT
            && PRONOMINAL_DETERMINERS.contains(&words[body - 1].as_str()) =>
        {
            Some((end, end - 1))
        }
        None => None,
    }
}

fn is_aux(word: &str) -> bool {
    BE.contains(&word) || HAVE.contains(&word) || DO.contains(&word) || GET.contains(&word)
}

/// The verb group starting at `i`: end, head (last verb) and marks.
fn verb_group(
    words: &[String],
    tags: &[Tag],
    in_np: &[bool],
    i: usize,
) -> Option<(usize, usize, VerbGroup)> {
    let n = tags.len();
    let verbal = |k: usize| k < n && !in_np[k] && (tags[k] == Tag::MD || tags[k].is_verb());
    let skip_adverbs = |mut k: usize| {
        while k < n && !in_np[k] && tags[k].is_adverb() {
            k += 1;
        }
        k
    };

    let mut j = skip_adverbs(i);
    let mut infinitive = false;
    if j < n && tags[j] == Tag::TO && !in_np[j] {
        let k = skip_adverbs(j + 1);
        if !(k < n && tags[k] == Tag::VB && !in_np[k]) {
            return None;
        }
        infinitive = true;
        j = k;
    }
    if !verbal(j) {
        return None;
    }

    let mut verbs = Vec::new();
    // index into `verbs` where the last "to"-infinitive starts: passive and perfect are
    // read from that stretch ("is scheduled to be signed" is passive, "to meet" is not)
    let mut segment = 0;
    let mut future = false;
    loop {
        verbs.push(j);
        j += 1;
        let w = words[j - 1].as_str();
        let next = skip_adverbs(j);
        // a modal or auxiliary hands on to the next verb; a lexical verb ends the chain
        let continues = verbal(next)
            && (tags[j - 1] == Tag::MD
                || (is_aux(w)
                    && (!GET.contains(&w) || tags[next] == Tag::VBN)
                    && !(DO.contains(&w) && tags[next] == Tag::VBN)));
        if continues {
            j = next;
            continue;
        }
        // be + going/scheduled/due/... + to + verb: one predicate, in the future
        let last_be = verbs.len() >= 2 && BE.contains(&words[verbs[verbs.len() - 2]].as_str());
        let cat = if FUTURE_AFTER_BE.contains(&w) && last_be {
            Some(j)
        } else if BE.contains(&w) && j < n && FUTURE_AFTER_BE.contains(&words[j].as_str()) {
            Some(j + 1)
        } else {
            None
        };
        if let Some(to) = cat {
            let k = skip_adverbs(to + 1);
            if to < n && tags[to] == Tag::TO && k < n && tags[k] == Tag::VB && !in_np[k] {
                future = true;
                segment = verbs.len();
                j = k;
                continue;
            }
        }
        break;
    }
    // a particle belongs to its verb ("called off", "pulled out")
    if j < n && tags[j] == Tag::RP {
        j += 1;
    }
    let end = j;
    let head = *verbs.last().expect("at least one verb");

    let word = |k: usize| words[k].as_str();
    let negated = (i..end).any(|k| NEGATIONS.contains(&word(k)));
    let seg = &verbs[segment..];
    let passive = seg.len() >= 2 && tags[head] == Tag::VBN && {
        let aux = word(seg[seg.len() - 2]);
        BE.contains(&aux) || GET.contains(&aux)
    };
    let perfect = seg
        .windows(2)
        .any(|w| HAVE.contains(&word(w[0])) && tags[w[1]] == Tag::VBN);
    let first = verbs[0];
    let tense = if tags[first] == Tag::MD {
        if FUTURE_MODALS.contains(&word(first)) {
            Tense::Future
        } else {
            Tense::Conditional
        }
    } else if future {
        Tense::Future
    } else if infinitive {
        Tense::Nonfinite
    } else {
        match tags[first] {
            Tag::VBD => Tense::Past,
            Tag::VBZ | Tag::VBP => Tense::Present,
            _ => Tense::Nonfinite,
        }
    };
    Some((
        end,
        head,
        VerbGroup {
            tense,
            negated,
            passive,
            perfect,
        },
    ))
}

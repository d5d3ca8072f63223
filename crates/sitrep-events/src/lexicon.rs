//! The predicate lexicon and the CAMEO code table.
//!
//! `data/cameo/verbs.tsv` and `nouns.tsv` list predicates (a lemma, the
//! words that must follow or precede it, a CAMEO code); `synsets.tsv` names
//! word sets used in patterns (`&military`); `codes.tsv` gives each CAMEO
//! code its label, Goldstein weight, QuadClass and PLOVER mapping. Inflected
//! forms are generated here, so the files list lemmas only.

use std::collections::HashMap;
use std::path::Path;

pub mod builtin {
    pub const CODES: &str = include_str!("../../../data/cameo/codes.tsv");
    pub const VERBS: &str = include_str!("../../../data/cameo/verbs.tsv");
    pub const NOUNS: &str = include_str!("../../../data/cameo/nouns.tsv");
    pub const SYNSETS: &str = include_str!("../../../data/cameo/synsets.tsv");
}

/// A CAMEO code and what it means.
#[derive(Debug, Clone)]
pub struct CodeInfo {
    pub code: String,
    pub label: String,
    pub goldstein: f64,
    pub quad_class: u8,
    pub plover_event: Option<String>,
    pub plover_mode: Option<String>,
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum PatElem {
    Word(String),
    Set(String),
    /// Where an actor of the event stands: PETRARCH's `$` (the source) and
    /// `+` (the target). A slot uses no word; it names the actor found
    /// between its neighbours in the pattern.
    Slot(SlotRole),
    /// PETRARCH's `^`: a noun phrase, whatever its words ("warned at ^ +":
    /// the target is after the phrase that follows "at").
    Skip,
}

/// The role a pattern slot gives the actor found there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotRole {
    Source,
    Target,
}

/// A predicate pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub lemma: String,
    pub before: Vec<PatElem>,
    pub after: Vec<PatElem>,
    /// For each element after the predicate: it must follow the previous
    /// element (or the predicate) directly — PETRARCH's closed connector
    /// `_`, written `~` in sitrep's pattern text.
    pub tight: Vec<bool>,
    /// For each element before the predicate: the next element (or the
    /// predicate itself, for the last) must follow it directly — a
    /// PETRARCH `_` before the verb ("NOT_*", "RECENTLY_*", the fixed
    /// words of a multi-word verb "WIRE_+TAP").
    pub tight_before: Vec<bool>,
    /// Words match only as written, with no plural added: PETRARCH
    /// dictionaries list each form they mean ("RESOLUTION" is not
    /// "resolutions"; a synset gathers the variants).
    pub exact: bool,
    pub code: String,
    /// The code of the reverse event (target acting on source), when the
    /// lexicon gives a pair (`032:033`: a visit, and its hosting).
    pub reverse: Option<String>,
    pub origin: String,
    /// The pattern as written in the lexicon, for explanations.
    pub text: String,
}

impl Pattern {
    /// Written for another verb of a PETRARCH synonym block.
    pub fn shared(&self) -> bool {
        self.origin.ends_with("-shared")
    }

    /// How many words the pattern asks for (slots count: they constrain
    /// where the actors stand).
    pub fn specificity(&self) -> usize {
        self.before.len() + self.after.len()
    }

    /// Whether the pattern places an actor itself.
    pub fn has_slots(&self) -> bool {
        self.before
            .iter()
            .chain(&self.after)
            .any(|e| matches!(e, PatElem::Slot(_)))
    }
}

/// Whether a form is a verb or a noun predicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PredKind {
    Verb,
    Noun,
}

/// The lexicon.
#[derive(Debug, Clone, Default)]
pub struct PredicateLexicon {
    pub codes: HashMap<String, CodeInfo>,
    /// surface form → (lemma, kind, is past participle/past form)
    pub forms: HashMap<String, Vec<(String, PredKind, FormKind)>>,
    pub patterns: HashMap<(String, PredKind), Vec<Pattern>>,
    /// synset name → member phrases (each a word list)
    pub synsets: HashMap<String, Vec<Vec<String>>>,
}

/// The grammatical form of a surface word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormKind {
    Base,
    ThirdPerson,
    Past,
    Participle,
    Gerund,
    Plural,
}

/// Common irregular verbs: lemma, past, past participle.
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("be", "was", "been"),
    ("begin", "began", "begun"),
    ("break", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("buy", "bought", "bought"),
    ("catch", "caught", "caught"),
    ("choose", "chose", "chosen"),
    ("come", "came", "come"),
    ("cut", "cut", "cut"),
    ("deal", "dealt", "dealt"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drive", "drove", "driven"),
    ("fall", "fell", "fallen"),
    ("feel", "felt", "felt"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("flee", "fled", "fled"),
    ("fly", "flew", "flown"),
    ("forbid", "forbade", "forbidden"),
    ("forgive", "forgave", "forgiven"),
    ("freeze", "froze", "frozen"),
    ("get", "got", "gotten"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("hang", "hung", "hung"),
    ("have", "had", "had"),
    ("hear", "heard", "heard"),
    ("hide", "hid", "hidden"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("hurt", "hurt", "hurt"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("lend", "lent", "lent"),
    ("let", "let", "let"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("mean", "meant", "meant"),
    ("meet", "met", "met"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("quit", "quit", "quit"),
    ("read", "read", "read"),
    ("ride", "rode", "ridden"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shake", "shook", "shaken"),
    ("shoot", "shot", "shot"),
    ("shut", "shut", "shut"),
    ("sign", "signed", "signed"),
    ("sit", "sat", "sat"),
    ("speak", "spoke", "spoken"),
    ("spend", "spent", "spent"),
    ("stand", "stood", "stood"),
    ("steal", "stole", "stolen"),
    ("strike", "struck", "struck"),
    ("swear", "swore", "sworn"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tear", "tore", "torn"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("understand", "understood", "understood"),
    ("undertake", "undertook", "undertaken"),
    ("uphold", "upheld", "upheld"),
    ("wake", "woke", "woken"),
    ("wear", "wore", "worn"),
    ("win", "won", "won"),
    ("withdraw", "withdrew", "withdrawn"),
    ("withhold", "withheld", "withheld"),
    ("write", "wrote", "written"),
    ("overrun", "overran", "overrun"),
    ("shed", "shed", "shed"),
    ("bid", "bid", "bid"),
    ("forsake", "forsook", "forsaken"),
    ("beat", "beat", "beaten"),
    ("bear", "bore", "borne"),
    ("blow", "blew", "blown"),
    ("foresee", "foresaw", "foreseen"),
    ("overthrow", "overthrew", "overthrown"),
    ("mislead", "misled", "misled"),
    ("oversee", "oversaw", "overseen"),
    ("spread", "spread", "spread"),
    ("sweep", "swept", "swept"),
    ("forgo", "forwent", "forgone"),
    ("slay", "slew", "slain"),
];

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Whether the final consonant doubles before -ed/-ing (stop → stopped).
fn doubles(lemma: &str) -> bool {
    let c: Vec<char> = lemma.chars().collect();
    let n = c.len();
    if n < 3 {
        return false;
    }
    let (a, b, d) = (c[n - 3], c[n - 2], c[n - 1]);
    // "qu" is a consonant ("quit" → "quitting")
    let qu = a == 'u' && n >= 4 && c[n - 4] == 'q';
    (!is_vowel(a) || qu)
        && is_vowel(b)
        && !is_vowel(d)
        && !matches!(d, 'w' | 'x' | 'y')
        // stress heuristic: one syllable ("stop", "strip"; not "open",
        // "edit"), or a few known stressed endings
        && (syllables(&c) == 1 || lemma.ends_with("mit") || lemma.ends_with("pel") || lemma.ends_with("fer") && !lemma.ends_with("offer") || lemma.ends_with("bat") && lemma.len() <= 6 || lemma.ends_with("trol"))
}

/// Vowel groups in a word: its syllables, near enough ("quit" is one).
fn syllables(c: &[char]) -> usize {
    let mut n = 0;
    let mut prev = false;
    for (k, &x) in c.iter().enumerate() {
        // "u" after "q" is part of the consonant
        let v = is_vowel(x) && !(x == 'u' && k > 0 && c[k - 1] == 'q');
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    n
}

/// Regular and irregular forms of a verb.
pub fn verb_forms(lemma: &str) -> Vec<(String, FormKind)> {
    let mut out = vec![(lemma.to_string(), FormKind::Base)];
    let third = if lemma.ends_with('s')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with('o')
    {
        format!("{lemma}es")
    } else if lemma.ends_with('y')
        && !lemma.ends_with("ay")
        && !lemma.ends_with("ey")
        && !lemma.ends_with("oy")
        && !lemma.ends_with("uy")
    {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}s")
    };
    out.push((third, FormKind::ThirdPerson));
    if let Some((_, past, part)) = IRREGULAR.iter().find(|(l, _, _)| *l == lemma) {
        out.push((past.to_string(), FormKind::Past));
        out.push((part.to_string(), FormKind::Participle));
    } else {
        let past = if lemma.ends_with('e') {
            format!("{lemma}d")
        } else if lemma.ends_with('y')
            && !lemma.ends_with("ay")
            && !lemma.ends_with("ey")
            && !lemma.ends_with("oy")
        {
            format!("{}ied", &lemma[..lemma.len() - 1])
        } else if doubles(lemma) {
            format!("{lemma}{}ed", lemma.chars().last().unwrap())
        } else {
            format!("{lemma}ed")
        };
        out.push((past.clone(), FormKind::Past));
        out.push((past, FormKind::Participle));
    }
    let ing = if let Some(stem) = lemma.strip_suffix("ie") {
        format!("{stem}ying")
    } else if lemma.ends_with('e')
        && !lemma.ends_with("ee")
        && !lemma.ends_with("ye")
        && lemma.len() > 2
    {
        format!("{}ing", &lemma[..lemma.len() - 1])
    } else if doubles(lemma) {
        format!("{lemma}{}ing", lemma.chars().last().unwrap())
    } else {
        format!("{lemma}ing")
    };
    out.push((ing, FormKind::Gerund));
    out
}

/// A parsed pattern: the elements before the predicate and which of them
/// must directly precede what follows them, the elements after it and which
/// of those must directly follow their predecessor ("memos~from": no word
/// between).
struct Parsed {
    before: Vec<PatElem>,
    tight_before: Vec<bool>,
    after: Vec<PatElem>,
    tight: Vec<bool>,
}

fn parse_pattern(p: &str) -> Parsed {
    // each element, whether it is tied to what precedes it, and whether it
    // is tied to what follows it
    let elems = |s: &str| -> (Vec<PatElem>, Vec<bool>, Vec<bool>) {
        let mut out = Vec::new();
        let mut tight = Vec::new();
        let mut tied_next = Vec::new();
        for chunk in s.split_whitespace() {
            let parts: Vec<&str> = chunk.split('~').collect();
            for (k, &w) in parts.iter().enumerate() {
                if w.is_empty() {
                    continue;
                }
                // "~to" at the start of a chunk sticks to what precedes it,
                // "not~" at its end to what follows
                tight.push(k > 0);
                tied_next.push(k + 1 < parts.len());
                out.push(if let Some(n) = w.strip_prefix('&') {
                    PatElem::Set(format!("&{n}"))
                } else if w == "$" {
                    PatElem::Slot(SlotRole::Source)
                } else if w == "+" {
                    PatElem::Slot(SlotRole::Target)
                } else if w == "^" {
                    PatElem::Skip
                } else {
                    PatElem::Word(w.to_lowercase())
                });
            }
        }
        (out, tight, tied_next)
    };
    let (b, a) = p.split_once('*').unwrap_or(("", p));
    let (before, _, tight_before) = elems(b);
    let (after, tight, _) = elems(a);
    Parsed {
        before,
        tight_before,
        after,
        tight,
    }
}

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

/// The four lexicon files.
#[derive(Debug, Clone, Copy)]
pub struct PredicateFiles<'a> {
    pub codes: &'a str,
    pub verbs: &'a str,
    pub nouns: &'a str,
    pub synsets: &'a str,
}

impl PredicateLexicon {
    pub fn builtin() -> Self {
        Self::from_files(PredicateFiles {
            codes: builtin::CODES,
            verbs: builtin::VERBS,
            nouns: builtin::NOUNS,
            synsets: builtin::SYNSETS,
        })
    }

    /// Load from a directory; files that are absent fall back to the built-in ones.
    pub fn from_dir(dir: &Path) -> std::io::Result<Self> {
        let read = |name: &str, fallback: &'static str| -> std::io::Result<String> {
            let p = dir.join(name);
            if p.exists() {
                std::fs::read_to_string(p)
            } else {
                Ok(fallback.to_string())
            }
        };
        let codes = read("codes.tsv", builtin::CODES)?;
        let verbs = read("verbs.tsv", builtin::VERBS)?;
        let nouns = read("nouns.tsv", builtin::NOUNS)?;
        let synsets = read("synsets.tsv", builtin::SYNSETS)?;
        Ok(Self::from_files(PredicateFiles {
            codes: &codes,
            verbs: &verbs,
            nouns: &nouns,
            synsets: &synsets,
        }))
    }

    pub fn from_files(f: PredicateFiles) -> Self {
        let mut lex = PredicateLexicon::default();
        for r in rows(f.codes) {
            if r.len() < 4 {
                continue;
            }
            let nonempty = |i: usize| {
                r.get(i)
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            lex.codes.insert(
                r[0].to_string(),
                CodeInfo {
                    code: r[0].to_string(),
                    label: r[1].to_string(),
                    goldstein: r[2].parse().unwrap_or(0.0),
                    quad_class: r[3].parse().unwrap_or(0),
                    plover_event: nonempty(4),
                    plover_mode: nonempty(5),
                },
            );
        }
        for r in rows(f.synsets) {
            if r.len() < 2 {
                continue;
            }
            let members: Vec<Vec<String>> = r[1]
                .split('|')
                .map(|m| {
                    m.split_whitespace()
                        .map(str::to_lowercase)
                        .collect::<Vec<_>>()
                })
                .filter(|m: &Vec<String>| !m.is_empty())
                .collect();
            lex.synsets
                .insert(r[0].trim_end_matches('_').to_string(), members);
        }
        for (text, kind) in [(f.verbs, PredKind::Verb), (f.nouns, PredKind::Noun)] {
            for r in rows(text) {
                if r.len() < 4 || r[0].is_empty() || r[3].is_empty() {
                    continue;
                }
                lex.add_pattern(
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    r.get(4).copied().unwrap_or(""),
                    kind,
                );
            }
        }
        lex
    }

    /// Add one predicate pattern.
    pub fn add_pattern(
        &mut self,
        lemma: &str,
        forms: &str,
        pattern: &str,
        code: &str,
        origin: &str,
        kind: PredKind,
    ) {
        let lemma = lemma.trim().to_lowercase();
        let mut all_forms: Vec<(String, FormKind)> = match kind {
            PredKind::Verb => verb_forms(&lemma),
            PredKind::Noun => vec![(lemma.clone(), FormKind::Base)],
        };
        for f in forms.split('|').map(str::trim).filter(|f| !f.is_empty()) {
            let fk = match kind {
                PredKind::Noun => FormKind::Plural,
                PredKind::Verb if f.ends_with("ing") => FormKind::Gerund,
                PredKind::Verb if f.ends_with('s') && !f.ends_with("ss") => FormKind::ThirdPerson,
                PredKind::Verb => FormKind::Past,
            };
            all_forms.push((f.to_lowercase(), fk));
        }
        for (f, fk) in all_forms {
            let v = self.forms.entry(f).or_default();
            if !v
                .iter()
                .any(|(l, k, x)| *l == lemma && *k == kind && *x == fk)
            {
                v.push((lemma.clone(), kind, fk));
            }
        }
        let (code, reverse) = match code.trim().split_once(':') {
            Some((a, b)) => (
                a.trim(),
                Some(b.trim().to_string()).filter(|b| !b.is_empty() && !b.contains("---")),
            ),
            None => (code.trim(), None),
        };
        for c in std::iter::once(code).chain(reverse.as_deref()) {
            self.register_code(c);
        }
        let Parsed {
            before,
            tight_before,
            after,
            tight,
        } = parse_pattern(pattern);
        let pat = Pattern {
            lemma: lemma.clone(),
            before,
            after,
            tight,
            tight_before,
            exact: origin == "petrarch",
            code: code.to_string(),
            reverse,
            origin: origin.to_string(),
            text: if pattern.is_empty() {
                lemma.clone()
            } else if pattern.contains('*') {
                pattern.replace('*', &lemma)
            } else {
                format!("{lemma} {pattern}")
            },
        };
        let list = self.patterns.entry((lemma, kind)).or_default();
        // a later row for the same pattern replaces an earlier one (user overrides)
        if let Some(p) = list.iter_mut().find(|p| {
            p.before == pat.before
                && p.after == pat.after
                && p.tight == pat.tight
                && p.tight_before == pat.tight_before
        }) {
            *p = pat;
        } else {
            list.push(pat);
        }
    }

    /// Make sure a code has an entry: a code outside the CAMEO table (a user
    /// dictionary's own scheme) gets one with its parent's weights, if any.
    fn register_code(&mut self, code: &str) {
        if self.codes.contains_key(code) {
            return;
        }
        let parent = self.code_info(code).cloned();
        let root = code.get(..2).unwrap_or(code);
        self.codes.insert(
            code.to_string(),
            CodeInfo {
                code: code.to_string(),
                label: parent
                    .as_ref()
                    .map(|p| p.label.clone())
                    .unwrap_or_else(|| "(code from a user dictionary)".into()),
                goldstein: parent.as_ref().map_or(0.0, |p| p.goldstein),
                quad_class: parent
                    .as_ref()
                    .map_or(sitrep_model::quad_class(root), |p| p.quad_class),
                plover_event: parent.as_ref().and_then(|p| p.plover_event.clone()),
                plover_mode: parent.as_ref().and_then(|p| p.plover_mode.clone()),
            },
        );
    }

    /// Code info, falling back to the parent code.
    pub fn code_info(&self, code: &str) -> Option<&CodeInfo> {
        let mut c = code;
        loop {
            if let Some(i) = self.codes.get(c) {
                return Some(i);
            }
            if c.len() <= 2 {
                return None;
            }
            c = &c[..c.len() - 1];
        }
    }

    /// Whether `words[i..]` starts with an element; returns words used.
    /// Unless `exact`, a word or a set member's last word also matches its
    /// plural.
    pub fn elem_matches(
        &self,
        e: &PatElem,
        words: &[&str],
        i: usize,
        exact: bool,
    ) -> Option<usize> {
        match e {
            PatElem::Word(w) => {
                let t = *words.get(i)?;
                if t == w {
                    Some(1)
                } else if exact {
                    None
                } else if is_plus(t, w, "s")
                    || w.strip_suffix('y')
                        .is_some_and(|stem| is_plus(t, stem, "ies"))
                {
                    Some(1)
                } else {
                    None
                }
            }
            // a slot uses no word; the coder finds the actor there
            PatElem::Slot(_) => Some(0),
            // a noun phrase needs the tags: the coder matches it
            PatElem::Skip => None,
            PatElem::Set(name) => {
                let members = self.synsets.get(name.trim_end_matches('_'))?;
                members
                    .iter()
                    .filter(|m| {
                        m.iter().enumerate().all(|(k, w)| {
                            words.get(i + k).is_some_and(|t| {
                                *t == w
                                    || (!exact
                                        && k + 1 == m.len()
                                        && (is_plus(t, w, "s") || is_plus(t, w, "es")))
                            })
                        })
                    })
                    .map(|m| m.len())
                    .max()
            }
        }
    }
}

/// `t == w + suffix`, without building the string.
#[inline]
fn is_plus(t: &str, w: &str, suffix: &str) -> bool {
    t.len() == w.len() + suffix.len() && t.starts_with(w) && t.ends_with(suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_connector_ties_words_together() {
        let p = parse_pattern("* ~to~provide aid");
        assert!(p.before.is_empty());
        assert_eq!(p.after.len(), 3);
        assert_eq!(p.tight, vec![true, true, false]);
        // "not~ *": the word must stand right before the predicate
        let p = parse_pattern("will not~ *");
        assert_eq!(p.before.len(), 2);
        assert_eq!(p.tight_before, vec![false, true]);
    }

    #[test]
    fn slots_name_where_actors_stand() {
        let Parsed { before, after, .. } = parse_pattern("+ was * dead in $");
        assert_eq!(
            before,
            vec![PatElem::Slot(SlotRole::Target), PatElem::Word("was".into())]
        );
        assert_eq!(after[2], PatElem::Slot(SlotRole::Source));
        let after = parse_pattern("* iftar at ^ ^ +").after;
        assert_eq!(after[2..4], [PatElem::Skip, PatElem::Skip]);
    }

    #[test]
    fn forms() {
        let f: Vec<String> = verb_forms("shell").into_iter().map(|x| x.0).collect();
        assert_eq!(f, vec!["shell", "shells", "shelled", "shelled", "shelling"]);
        let f: Vec<String> = verb_forms("accuse").into_iter().map(|x| x.0).collect();
        assert_eq!(
            f,
            vec!["accuse", "accuses", "accused", "accused", "accusing"]
        );
        let f: Vec<String> = verb_forms("hold").into_iter().map(|x| x.0).collect();
        assert!(f.contains(&"held".to_string()));
        let f: Vec<String> = verb_forms("stop").into_iter().map(|x| x.0).collect();
        assert!(f.contains(&"stopped".to_string()));
        // doubling needs a stressed last syllable
        for (verb, form) in [
            ("open", "opened"),
            ("edit", "edited"),
            ("strip", "stripped"),
            ("quit", "quitting"),
            ("commit", "committed"),
        ] {
            let f: Vec<String> = verb_forms(verb).into_iter().map(|x| x.0).collect();
            assert!(f.contains(&form.to_string()), "{verb}: {f:?}");
        }
        let f: Vec<String> = verb_forms("deny").into_iter().map(|x| x.0).collect();
        assert!(f.contains(&"denied".to_string()) && f.contains(&"denies".to_string()));
    }

    #[test]
    fn builtin_loads() {
        let l = PredicateLexicon::builtin();
        assert!(l.codes.len() > 300);
        assert_eq!(l.code_info("190").unwrap().quad_class, 4);
        assert!(l.forms.contains_key("shelled"));
        assert!(l
            .forms
            .get("talks")
            .is_some_and(|v| v.iter().any(|x| x.1 == PredKind::Noun)));
    }
}

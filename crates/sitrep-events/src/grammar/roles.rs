//! The phrases that fill a predicate's roles: its agent (who acts, the
//! event's source) and its patients (whom the act is done to, the target),
//! read from the dependency tree.

use super::tree::Tree;
use crate::english;

/// The words heading the phrases that fill a predicate's roles.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Roles {
    /// The phrases that may name who acts, most direct first; the first
    /// that holds an actor is the agent.
    pub agents: Vec<(usize, RoleSource)>,
    /// The phrases the act is done to or with, nearest first.
    pub patients: Vec<usize>,
}

/// How a role's phrase was reached from the predicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleSource {
    /// The predicate's own subject.
    Subject,
    /// The "by" phrase of a passive.
    PassiveAgent,
    /// The subject of the clause the predicate is coordinated with or
    /// depends on without a subject of its own.
    SharedSubject,
    /// The noun a participle or relative clause modifies.
    ModifiedNoun,
    /// A noun's possessor, adjective or compound ("Israel's strikes",
    /// "Israeli strikes", "US air strikes") or its "by" phrase.
    NounModifier,
    /// The subject of a verb whose object the noun is ("Hamas has carried
    /// out numerous suicide bombings").
    SupportVerb,
}

const SUBJECTS: &[&str] = &["nsubj", "csubj", "nsubj:outer"];
const PASSIVE_SUBJECTS: &[&str] = &["nsubj:pass", "csubj:pass"];
const OBJECTS: &[&str] = &["obj", "iobj"];
const OBLIQUES: &[&str] = &["obl", "obl:unmarked"];

/// The roles of the predicate word `p`.
pub fn roles(t: &Tree, p: usize) -> Roles {
    if t.is_noun(p) {
        noun_roles(t, p)
    } else {
        verb_roles(t, p)
    }
}

fn verb_roles(t: &Tree, p: usize) -> Roles {
    let mut r = Roles::default();
    if t.passive(p) {
        if let Some(a) = by_phrase(t, p) {
            r.agents.push((a, RoleSource::PassiveAgent));
        }
        let before = r.patients.len();
        r.patients.extend(t.kids_by(p, PASSIVE_SUBJECTS));
        if r.patients.len() == before && t.rel(p) == "acl" {
            r.patients.extend(t.head(p));
        }
    } else {
        r.agents.extend(subject(t, p, 0));
        // a parse may give a verb two subjects ("Another Palestinian"
        // split in two): each may hold the actor
        let more: Vec<usize> = t.kids_by(p, SUBJECTS).skip(1).collect();
        r.agents
            .extend(more.into_iter().map(|s| (s, RoleSource::Subject)));
        r.patients.extend(t.kids_by(p, OBJECTS));
    }
    r.patients.extend(t.kids_by(p, OBLIQUES).filter(|&o| {
        t.marker(o)
            .is_some_and(|m| english::TARGET_PREPOSITIONS.contains(&m.as_str()))
    }));
    // "urged the warring parties to respect the ceasefire": the object of
    // a control verb is who the complement's act is asked of, not a role of
    // the act itself; a complement's own object is
    if let Some(x) = t.kid(p, &["xcomp"]) {
        r.patients.extend(t.kids_by(x, OBJECTS));
    }
    r
}

/// The agent of a passive: its "by" phrase, however the parser labelled
/// it; an `obl:agent` without "by" ("…, according to the United Nations")
/// is an attribution, not the agent.
fn by_phrase(t: &Tree, p: usize) -> Option<usize> {
    t.kids_by(p, &["obl:agent", "obl"])
        .find(|&o| t.marker(o).as_deref() == Some("by"))
}

/// A relative pronoun ("who", "which", "that") standing for the noun its
/// clause modifies.
fn relative_pronoun(t: &Tree, w: usize) -> bool {
    matches!(t.tag(w), "WP" | "WDT") || (t.lower(w) == "that" && t.upos(w) == "PRON")
}

/// The subject of verb `p`: its own, or that of the clause it shares one
/// with ("has outlawed the military wings of Hamas and arrested dozens of
/// militants"; "launched two incursions …, arresting several people").
fn subject(t: &Tree, p: usize, depth: usize) -> Option<(usize, RoleSource)> {
    if let Some(s) = t.kid(p, SUBJECTS) {
        // "long-range B-52 bombers who targeted areas of the White Mountains"
        if relative_pronoun(t, s) && t.rel(p) == "acl:relcl" {
            return t.head(p).map(|h| (h, RoleSource::ModifiedNoun));
        }
        return Some((s, RoleSource::Subject));
    }
    if depth > 4 || t.kid(p, PASSIVE_SUBJECTS).is_some() {
        return None;
    }
    let h = t.head(p)?;
    let shared = |x: Option<(usize, RoleSource)>| x.map(|(s, _)| (s, RoleSource::SharedSubject));
    match t.rel(p) {
        "conj" => shared(subject(t, h, depth + 1)),
        // "urged the parties to respect": the object of the control verb
        // acts; "agreed to hold talks": its subject does
        "xcomp" => match t.kid(h, OBJECTS) {
            Some(o) => Some((o, RoleSource::SharedSubject)),
            None => shared(subject(t, h, depth + 1)),
        },
        // a participle clause without a subordinator shares the main
        // clause's subject ("…, arresting several people")
        "advcl" if t.marker(p).is_none() && t.tag(p) == "VBG" => shared(subject(t, h, depth + 1)),
        // "Afghan opposition leaders meeting in Germany"; "the group that
        // attacked the convoy"
        "acl" | "acl:relcl" if t.is_noun(h) || t.upos(h) == "PRON" => {
            Some((h, RoleSource::ModifiedNoun))
        }
        _ => None,
    }
}

/// The roles of a nominal predicate ("Israeli air strikes against
/// Palestinian security installations").
fn noun_roles(t: &Tree, p: usize) -> Roles {
    let mut r = Roles::default();
    let by = |k: &usize| t.marker(*k).as_deref() == Some("by");
    let own = t
        .kids_by(p, &["nmod:poss"])
        .chain(t.kids_by(p, &["nmod"]).filter(by))
        .chain(t.kids_by(p, &["amod", "compound"]));
    r.agents.extend(own.map(|a| (a, RoleSource::NounModifier)));
    if let Some(v) = support_verb(t, p) {
        if let Some((a, _)) = subject(t, v, 0) {
            r.agents.push((a, RoleSource::SupportVerb));
        }
    }
    r.patients.extend(t.kids_by(p, &["nmod"]).filter(|&k| {
        t.marker(k)
            .is_some_and(|m| english::NOUN_TARGET_PREPOSITIONS.contains(&m.as_str()))
    }));
    r
}

/// The verb whose object the noun `p` is, when that verb only carries the
/// act ("carried out bombings", "launched two incursions", "held talks").
fn support_verb(t: &Tree, p: usize) -> Option<usize> {
    let mut n = p;
    // "a wave of strikes", "two days of talks": the measure noun's verb
    if t.rel(n) == "nmod" && t.marker(n).as_deref() == Some("of") {
        n = t.head(n)?;
    }
    if t.rel(n) != "obj" {
        return None;
    }
    let v = t.head(n)?;
    english::is_support_verb(&t.lower(v)).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::super::tree::test_support::{syntax, URGED};
    use super::*;

    /// "Kenya and Uganda urged the warring parties to respect the
    /// ceasefire": both countries are the agent; the parties are whom the
    /// appeal is made to.
    #[test]
    fn coordinated_subjects_are_one_agent() {
        let (_, s) = syntax(URGED);
        let t = Tree::new(&s);
        let r = roles(&t, 3);
        assert_eq!(r.agents, vec![(0, RoleSource::Subject)]);
        assert!(t.in_phrase(2, 0));
        assert_eq!(r.patients.first(), Some(&6));
        // the complement's agent is the parties, by control
        assert_eq!(roles(&t, 8).agents, vec![(6, RoleSource::SharedSubject)]);
    }

    /// "The three US soldiers killed by a misguided US bomb": the
    /// participle's noun is the victim, the "by" phrase the attacker.
    #[test]
    fn passive_participle_inverts_roles() {
        let (_, s) = syntax(&[
            ("The", "DET", "DT", 4, "det"),
            ("three", "NUM", "CD", 4, "nummod"),
            ("US", "PROPN", "NNP", 4, "compound"),
            ("soldiers", "NOUN", "NNS", 0, "root"),
            ("killed", "VERB", "VBN", 4, "acl"),
            ("by", "ADP", "IN", 9, "case"),
            ("a", "DET", "DT", 9, "det"),
            ("misguided", "ADJ", "JJ", 9, "amod"),
            ("bomb", "NOUN", "NN", 5, "obl:agent"),
        ]);
        let t = Tree::new(&s);
        let r = roles(&t, 4);
        assert_eq!(r.agents, vec![(8, RoleSource::PassiveAgent)]);
        assert_eq!(r.patients, vec![3]);
    }

    /// "Hamas has carried out numerous suicide bombings in Israel": the
    /// noun's agent is the subject of the verb that carries it.
    #[test]
    fn support_verb_lends_its_subject() {
        let (_, s) = syntax(&[
            ("Hamas", "PROPN", "NNP", 3, "nsubj"),
            ("has", "AUX", "VBZ", 3, "aux"),
            ("carried", "VERB", "VBN", 0, "root"),
            ("out", "ADP", "RP", 3, "compound:prt"),
            ("numerous", "ADJ", "JJ", 7, "amod"),
            ("suicide", "NOUN", "NN", 7, "compound"),
            ("bombings", "NOUN", "NNS", 3, "obj"),
        ]);
        let t = Tree::new(&s);
        let r = roles(&t, 6);
        // "numerous" and "suicide" may hold no actor: the support verb's
        // subject comes after them
        assert_eq!(r.agents.last(), Some(&(0, RoleSource::SupportVerb)));
        assert_eq!(r.agents.len(), 3);
    }
}

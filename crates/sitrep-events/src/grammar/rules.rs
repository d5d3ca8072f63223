//! The grammar rules, in the order they apply. Each is a function over the
//! sentence's parse and one event; its id is what the explanation records.

use super::roles::{roles, RoleSource};
use super::{Context, Outcome};
use crate::english;
use crate::REFERS_BACK;
use sitrep_model::{Event, Modality};

/// A named rule of the grammar stage.
pub struct Rule {
    pub id: &'static str,
    /// What it decides, in a sentence, for the documentation.
    pub summary: &'static str,
    /// Whether the rule decides roles (kept off for two-way acts).
    pub roles: bool,
    pub apply: fn(&Context, usize, &mut Event) -> Outcome,
}

/// Every rule, in the order applied.
pub const RULES: &[Rule] = &[
    Rule {
        id: "purpose",
        summary: "a purpose or infinitive clause tells what someone meant to do, not an act",
        roles: false,
        apply: purpose_clause,
    },
    Rule {
        id: "name",
        summary: "an event noun inside a proper name names a thing, not an act",
        roles: false,
        apply: inside_name,
    },
    Rule {
        id: "condition",
        summary: "an act under \"if\" or \"unless\" is hypothetical",
        roles: false,
        apply: condition,
    },
    Rule {
        id: "reported",
        summary: "an act told in a clause under a speech or allegation verb is claimed by the speaker",
        roles: false,
        apply: reported,
    },
    Rule {
        id: "source",
        summary: "the source is the actor in the predicate's agent phrase (subject, \"by\" phrase, possessor)",
        roles: true,
        apply: source_from_agent,
    },
    Rule {
        id: "target",
        summary: "the target is the actor in the predicate's object or oblique phrase",
        roles: true,
        apply: target_from_patient,
    },
    Rule {
        id: "no-actor",
        summary: "an act no actor fills any role of is not coded",
        roles: false,
        apply: no_actor,
    },
];

/// "Palestinian police arrived to detain him"; "jailed a student for
/// helping young militants join an armed group": the infinitive or "for"
/// clause says why, and the act in it did not (yet) happen. An aspect
/// verb's complement did happen ("began to shell the city"), and an act
/// the pattern coder already coded as an intention or a threat (03x, 13x),
/// or as future or hypothetical, keeps that reading.
fn purpose_clause(cx: &Context, p: usize, e: &mut Event) -> Outcome {
    let t = &cx.tree;
    if !matches!(t.rel(p), "xcomp" | "advcl" | "acl") {
        return Outcome::Unchanged;
    }
    let Some(mark) = t.marker(p) else {
        return Outcome::Unchanged;
    };
    let infinitive = mark == "to";
    // a gerund with a determiner is a noun ("blamed Kyrgyz units for the
    // shooting"), not a clause
    let gerund_purpose = matches!(mark.as_str(), "for" | "of")
        && t.tag(p) == "VBG"
        && t.kid(p, &["det", "nmod:poss"]).is_none();
    if !(infinitive || gerund_purpose) {
        return Outcome::Unchanged;
    }
    if let Some(h) = t.head(p) {
        if infinitive && english::is_aspect_verb(&t.lower(h)) {
            return Outcome::Unchanged;
        }
    }
    if e.modality != Modality::Asserted || matches!(e.cameo.root.as_str(), "03" | "13") {
        return Outcome::Unchanged;
    }
    Outcome::Drop(format!(
        "{:?} is in a \"{mark}\" clause: a purpose, not an act",
        t.text(p)
    ))
}

/// "a bypass through the battlefield of the Third Battle of Ypres": a
/// capitalised event noun mid-sentence is part of a name.
fn inside_name(cx: &Context, p: usize, _e: &mut Event) -> Outcome {
    let t = &cx.tree;
    let capital = t.text(p).chars().next().is_some_and(char::is_uppercase);
    if p == 0 || !capital || t.upos(p) != "PROPN" {
        return Outcome::Unchanged;
    }
    // a headline in title case capitalises every word
    let lower_words = (0..t.len())
        .filter(|&i| t.text(i).chars().next().is_some_and(char::is_lowercase))
        .count();
    if lower_words * 3 < t.len() {
        return Outcome::Unchanged;
    }
    Outcome::Drop(format!("{:?} is part of a proper name", t.text(p)))
}

/// The clause heads from `p` up to the sentence's root.
fn clause_chain(cx: &Context, p: usize) -> Vec<usize> {
    let t = &cx.tree;
    let mut out = vec![p];
    let mut c = p;
    while let Some(h) = t.head(c) {
        if out.len() > t.len() {
            break;
        }
        out.push(h);
        c = h;
    }
    out
}

/// "If the talks fail, the army will resume its offensive": an act under
/// a condition has not happened.
fn condition(cx: &Context, p: usize, e: &mut Event) -> Outcome {
    let t = &cx.tree;
    if !matches!(e.modality, Modality::Asserted | Modality::Claimed) {
        return Outcome::Unchanged;
    }
    let conditioned = clause_chain(cx, p).into_iter().find(|&c| {
        t.kids_by(c, &["mark"])
            .any(|m| english::CONDITIONS.contains(&t.lower(m).as_str()))
    });
    match conditioned {
        Some(c) => {
            e.modality = Modality::Hypothetical;
            Outcome::Changed(format!(
                "{:?} is under a condition: hypothetical",
                t.text(c)
            ))
        }
        None => Outcome::Unchanged,
    }
}

/// The speech verb whose reported clause holds `p`, if any: "India
/// alleges the attack was backed by the Pakistani intelligence service"
/// (`ccomp`), "…, the Pentagon said" (`parataxis` of the reported verb).
fn speech_over(cx: &Context, p: usize) -> Option<usize> {
    let t = &cx.tree;
    let mut c = p;
    for _ in 0..t.len() {
        if let Some(v) = t
            .kids_by(c, &["parataxis"])
            .find(|&v| english::is_speech_verb(&t.lower(v)))
        {
            return Some(v);
        }
        let h = t.head(c)?;
        match t.rel(c) {
            "ccomp" if english::is_speech_verb(&t.lower(h)) => return Some(h),
            "conj" | "xcomp" | "ccomp" | "advcl" => c = h,
            _ => return None,
        }
    }
    None
}

/// "Israeli police say the three were standing at a bus stop and were
/// hurt by flying glass": what a speaker reports is claimed, by the
/// speaker.
fn reported(cx: &Context, p: usize, e: &mut Event) -> Outcome {
    let t = &cx.tree;
    if e.modality != Modality::Asserted || english::is_speech_verb(&t.lower(p)) {
        return Outcome::Unchanged;
    }
    let Some(v) = speech_over(cx, p) else {
        return Outcome::Unchanged;
    };
    e.modality = Modality::Claimed;
    if e.claimant.is_none() {
        e.claimant = t
            .kid(v, &["nsubj"])
            .and_then(|s| cx.actor_in(s))
            .map(|f| f.mention.actor.clone());
    }
    Outcome::Changed(format!("reported under {:?}: claimed", t.text(v)))
}

/// A personal pronoun ("it", "they", "him"): who it stands for is the
/// coreference the pattern coder resolved.
fn pronoun(cx: &Context, w: usize) -> bool {
    matches!(cx.tree.tag(w), "PRP" | "PRP$")
}

fn describe(from: RoleSource) -> &'static str {
    match from {
        RoleSource::Subject => "subject",
        RoleSource::PassiveAgent => "\"by\" phrase of the passive",
        RoleSource::SharedSubject => "subject of the clause it depends on",
        RoleSource::ModifiedNoun => "noun the clause modifies",
        RoleSource::NounModifier => "possessor or modifier",
        RoleSource::SupportVerb => "subject of the verb that carries it",
    }
}

/// "The Palestinian leader Yasser Arafat, under international pressure to
/// crack down on militants after a wave of suicide bombings in Israel,
/// has outlawed …": the bombings' source is not Arafat, the subject of
/// another clause; it is whoever the noun's own phrase names, here no one.
fn source_from_agent(cx: &Context, p: usize, e: &mut Event) -> Outcome {
    if pattern_placed(e, "source") {
        return Outcome::Unchanged;
    }
    let r = roles(&cx.tree, p);
    if let Some(a) = &e.source {
        if !cx.inside(a.start, a.end) {
            return Outcome::Unchanged;
        }
        if r.agents
            .iter()
            .any(|&(ph, _)| cx.span_in(a.start, a.end, ph))
        {
            return Outcome::Unchanged;
        }
    }
    if let Some(n) = &e.uncoded_source {
        if r.agents
            .iter()
            .any(|&(ph, _)| cx.span_in(n.start, n.end, ph))
        {
            return Outcome::Unchanged;
        }
    }
    let found = r
        .agents
        .iter()
        .find_map(|&(ph, from)| cx.actor_in(ph).map(|f| (f, from)));
    // "Pakistan announced it had arrested …": a pronoun subject is who
    // the pattern coder resolved it to
    if found.is_none()
        && e.source.is_some()
        && r.agents.first().is_some_and(|&(ph, _)| pronoun(cx, ph))
    {
        return Outcome::Unchanged;
    }
    // no agent phrase in the parse: nothing to say against word order
    if found.is_none() && r.agents.is_empty() {
        return Outcome::Unchanged;
    }
    let old = e.source.as_ref().map(|a| a.text.clone());
    let had_uncoded = e.uncoded_source.take().is_some();
    match found {
        Some((f, from)) => {
            let a = f.mention.actor.clone();
            let why = format!("source {:?} ({}) is the {}", a.text, a.code, describe(from));
            e.source = Some(a);
            Outcome::Changed(why)
        }
        None if old.is_some() || had_uncoded => {
            e.source = None;
            Outcome::Changed(format!(
                "{:?} is not in the predicate's agent phrase, and no actor is: no source",
                old.unwrap_or_default()
            ))
        }
        None => Outcome::Unchanged,
    }
}

/// "Kenya and Uganda urged the warring parties to respect the ceasefire":
/// Uganda, coordinated with Kenya in the subject, is not whom Kenya
/// urged; the target is in the object or an oblique of the predicate.
fn target_from_patient(cx: &Context, p: usize, e: &mut Event) -> Outcome {
    if pattern_placed(e, "target") {
        return Outcome::Unchanged;
    }
    let r = roles(&cx.tree, p);
    let in_patient = |s: usize, en: usize| r.patients.iter().any(|&ph| cx.span_in(s, en, ph));
    let in_agent = |s: usize, en: usize| r.agents.iter().any(|&(ph, _)| cx.span_in(s, en, ph));
    if let Some(a) = &e.target {
        // a target elsewhere than in the agent's phrase may be a slot the
        // parse does not reach (a complement's object): word order stands
        if !cx.inside(a.start, a.end) || in_patient(a.start, a.end) || !in_agent(a.start, a.end) {
            return Outcome::Unchanged;
        }
    }
    if e.uncoded_target.is_some() {
        return Outcome::Unchanged;
    }
    let found = r.patients.iter().find_map(|&ph| cx.actor_heading(ph));
    if found.is_none()
        && e.target.is_some()
        && r.patients.first().is_some_and(|&ph| pronoun(cx, ph))
    {
        return Outcome::Unchanged;
    }
    // the source's own phrase never also holds the target
    let found = found.filter(|f| {
        e.source
            .as_ref()
            .is_none_or(|s| s.start != f.mention.actor.start && s.code != f.mention.actor.code)
    });
    let old = e.target.as_ref().map(|a| a.text.clone());
    match found {
        Some(f) => {
            let a = f.mention.actor.clone();
            let why = format!(
                "target {:?} ({}) is in the object or oblique",
                a.text, a.code
            );
            e.target = Some(a);
            Outcome::Changed(why)
        }
        None if old.is_some() => {
            e.target = None;
            Outcome::Changed(format!(
                "{:?} stands in the agent's phrase, and no actor in the object or oblique: no target",
                old.unwrap_or_default()
            ))
        }
        None => Outcome::Unchanged,
    }
}

/// Whether the PETRARCH pattern itself placed the role ("the pattern
/// places the target after the predicate"): a slot the dictionary spells
/// out is kept, as the rule goes: patterns give the codes and
/// their slots, the parse fills what they leave open.
fn pattern_placed(e: &Event, role: &str) -> bool {
    let mark = format!("the pattern places the {role}");
    e.explanation.rules.iter().any(|r| r.starts_with(&mark))
}

/// "Hamas has carried out numerous suicide bombings in Israel, but its
/// targets have tended to be what are known as soft ones": once the
/// parse has taken Hamas and Israel out of "tended"'s roles, nothing is
/// left to code. A noun or an agentless passive left without actors ("the
/// explosion shattered the glass", "some 21 bombs had gone off") may still
/// tell again of an act the document has told: it becomes a reference,
/// which the document links to that act or drops ([`REFERS_BACK`]).
fn no_actor(cx: &Context, p: usize, e: &mut Event) -> Outcome {
    if let (Some(a), Some(b)) = (&e.source, &e.target) {
        if a.code == b.code {
            return Outcome::Drop("source and target are one actor".into());
        }
    }
    let actorless = e.source.is_none()
        && e.target.is_none()
        && e.uncoded_source.is_none()
        && e.uncoded_target.is_none();
    if !actorless || e.explanation.rules.iter().any(|r| r == REFERS_BACK) {
        return Outcome::Unchanged;
    }
    let t = &cx.tree;
    if t.is_noun(p) || t.passive(p) {
        e.explanation
            .rules
            .push(crate::why::note(crate::why::Why::RefersBack, REFERS_BACK));
        return Outcome::Changed(
            "no actor fills a role: kept only as a further mention of an act told".into(),
        );
    }
    Outcome::Drop("no actor fills a role of the predicate".into())
}

#[cfg(test)]
mod tests {
    use super::super::tree::test_support::{syntax, URGED, W};
    use super::super::{revise, Context};
    use super::*;
    use sitrep_actors::Found;
    use sitrep_model::{Actor, ActorMention, SentenceSyntax};

    /// An event of `code` at word `pred`, with the given actors.
    fn event(
        s: &SentenceSyntax,
        pred: usize,
        code: &str,
        src: Option<&Found>,
        tgt: Option<&Found>,
    ) -> Event {
        let w = &s.words[pred];
        let mut e = crate::test_support::event(code, 0, 0.7);
        e.mentions.clear();
        e.source = src.map(|f| f.mention.actor.clone());
        e.target = tgt.map(|f| f.mention.actor.clone());
        e.explanation.predicate = w.text.clone();
        e.explanation.predicate_start = w.start;
        e.explanation.predicate_end = w.end;
        e
    }

    /// An actor coded `code` over the words `from..=to` of the sentence.
    fn actor(s: &SentenceSyntax, from: usize, to: usize, code: &str) -> Found {
        let (start, end) = (s.words[from].start, s.words[to].end);
        let text: Vec<&str> = s.words[from..=to].iter().map(|w| w.text.as_str()).collect();
        Found {
            first: from,
            last: to,
            mention: ActorMention {
                sentence: 0,
                actor: Actor {
                    id: code.into(),
                    code: code.into(),
                    country: Some(code[..3].into()),
                    sector: None,
                    name: text.join(" "),
                    text: text.join(" "),
                    start,
                    end,
                },
                why: String::new(),
            },
            rules: Vec::new(),
        }
    }

    fn apply(rule: &str, s: &SentenceSyntax, actors: &[Found], e: &mut Event) -> Outcome {
        let cx = Context::new(s, actors);
        let p = cx.predicate(e).unwrap();
        let r = RULES.iter().find(|r| r.id == rule).unwrap();
        (r.apply)(&cx, p, e)
    }

    const DETAIN: &[W] = &[
        ("Palestinian", "ADJ", "JJ", 2, "amod"),
        ("police", "NOUN", "NN", 3, "nsubj"),
        ("arrived", "VERB", "VBD", 0, "root"),
        ("to", "PART", "TO", 5, "mark"),
        ("detain", "VERB", "VB", 3, "advcl"),
        ("him", "PRON", "PRP", 5, "obj"),
    ];

    #[test]
    fn purpose_clause_is_no_act() {
        let (_, s) = syntax(DETAIN);
        let police = actor(&s, 0, 1, "PSECOP");
        let mut e = event(&s, 4, "173", Some(&police), None);
        assert!(matches!(
            apply("purpose", &s, &[], &mut e),
            Outcome::Drop(_)
        ));
        // the same verb as the main clause is an act
        let mut main = event(&s, 2, "040", Some(&police), None);
        assert_eq!(apply("purpose", &s, &[], &mut main), Outcome::Unchanged);
        // an intention the pattern coder coded as one stays
        let mut intent = event(&s, 4, "137", Some(&police), None);
        assert_eq!(apply("purpose", &s, &[], &mut intent), Outcome::Unchanged);
    }

    #[test]
    fn aspect_verb_complement_is_an_act() {
        // "Troops began to shell the city"
        let (_, s) = syntax(&[
            ("Troops", "NOUN", "NNS", 2, "nsubj"),
            ("began", "VERB", "VBD", 0, "root"),
            ("to", "PART", "TO", 4, "mark"),
            ("shell", "VERB", "VB", 2, "xcomp"),
            ("the", "DET", "DT", 6, "det"),
            ("city", "NOUN", "NN", 4, "obj"),
        ]);
        let mut e = event(&s, 3, "195", None, None);
        assert_eq!(apply("purpose", &s, &[], &mut e), Outcome::Unchanged);
    }

    #[test]
    fn proper_name_is_no_act() {
        // "a bypass through the battlefield of the Third Battle of Ypres"
        let (_, s) = syntax(&[
            ("a", "DET", "DT", 2, "det"),
            ("bypass", "NOUN", "NN", 0, "root"),
            ("through", "ADP", "IN", 5, "case"),
            ("the", "DET", "DT", 5, "det"),
            ("battlefield", "NOUN", "NN", 2, "nmod"),
            ("of", "ADP", "IN", 9, "case"),
            ("the", "DET", "DT", 9, "det"),
            ("Third", "PROPN", "NNP", 9, "compound"),
            ("Battle", "PROPN", "NNP", 5, "nmod"),
            ("of", "ADP", "IN", 11, "case"),
            ("Ypres", "PROPN", "NNP", 9, "nmod"),
        ]);
        let mut e = event(&s, 8, "190", None, None);
        assert!(matches!(apply("name", &s, &[], &mut e), Outcome::Drop(_)));
        let mut noun = event(&s, 4, "190", None, None);
        assert_eq!(apply("name", &s, &[], &mut noun), Outcome::Unchanged);
    }

    #[test]
    fn condition_makes_hypothetical() {
        // "If the talks fail, the army will attack"
        let (_, s) = syntax(&[
            ("If", "SCONJ", "IN", 4, "mark"),
            ("the", "DET", "DT", 3, "det"),
            ("talks", "NOUN", "NNS", 4, "nsubj"),
            ("fail", "VERB", "VBP", 9, "advcl"),
            (",", "PUNCT", ",", 9, "punct"),
            ("the", "DET", "DT", 7, "det"),
            ("army", "NOUN", "NN", 9, "nsubj"),
            ("will", "AUX", "MD", 9, "aux"),
            ("attack", "VERB", "VB", 0, "root"),
        ]);
        let mut fail = event(&s, 3, "046", None, None);
        assert!(matches!(
            apply("condition", &s, &[], &mut fail),
            Outcome::Changed(_)
        ));
        assert_eq!(fail.modality, Modality::Hypothetical);
        let mut attack = event(&s, 8, "190", None, None);
        assert_eq!(apply("condition", &s, &[], &mut attack), Outcome::Unchanged);
    }

    const ALLEGES: &[W] = &[
        ("India", "PROPN", "NNP", 2, "nsubj"),
        ("alleges", "VERB", "VBZ", 0, "root"),
        ("the", "DET", "DT", 4, "det"),
        ("attack", "NOUN", "NN", 6, "nsubj:pass"),
        ("was", "AUX", "VBD", 6, "aux:pass"),
        ("backed", "VERB", "VBN", 2, "ccomp"),
        ("by", "ADP", "IN", 10, "case"),
        ("the", "DET", "DT", 10, "det"),
        ("Pakistani", "ADJ", "JJ", 10, "amod"),
        ("intelligence", "NOUN", "NN", 6, "obl:agent"),
    ];

    #[test]
    fn reported_clause_is_claimed_by_the_speaker() {
        let (_, s) = syntax(ALLEGES);
        let india = actor(&s, 0, 0, "IND");
        let isi = actor(&s, 8, 9, "PAKSPY");
        let actors = vec![india, isi.clone()];
        let mut e = event(&s, 5, "050", Some(&isi), None);
        assert!(matches!(
            apply("reported", &s, &actors, &mut e),
            Outcome::Changed(_)
        ));
        assert_eq!(e.modality, Modality::Claimed);
        assert_eq!(e.claimant.as_ref().map(|a| a.code.as_str()), Some("IND"));
        // the passive's "by" phrase is its source
        assert_eq!(apply("source", &s, &actors, &mut e), Outcome::Unchanged);
    }

    const BOMBINGS: &[W] = &[
        ("Arafat", "PROPN", "NNP", 2, "nsubj"),
        ("acted", "VERB", "VBD", 0, "root"),
        ("after", "ADP", "IN", 5, "case"),
        ("a", "DET", "DT", 5, "det"),
        ("wave", "NOUN", "NN", 2, "obl"),
        ("of", "ADP", "IN", 8, "case"),
        ("suicide", "NOUN", "NN", 8, "compound"),
        ("bombings", "NOUN", "NNS", 5, "nmod"),
        ("in", "ADP", "IN", 10, "case"),
        ("Israel", "PROPN", "NNP", 8, "nmod"),
    ];

    #[test]
    fn a_noun_takes_no_source_from_another_clause() {
        let (_, s) = syntax(BOMBINGS);
        let arafat = actor(&s, 0, 0, "PSEGOV");
        let israel = actor(&s, 9, 9, "ISR");
        let actors = vec![arafat.clone(), israel.clone()];
        let mut e = event(&s, 7, "1831", Some(&arafat), Some(&israel));
        assert!(matches!(
            apply("source", &s, &actors, &mut e),
            Outcome::Changed(_)
        ));
        assert!(e.source.is_none());
    }

    #[test]
    fn coordinated_subjects_are_never_source_and_target() {
        let (_, s) = syntax(URGED);
        let kenya = actor(&s, 0, 0, "KEN");
        let uganda = actor(&s, 2, 2, "UGA");
        let actors = vec![kenya.clone(), uganda.clone()];
        let mut e = event(&s, 3, "025", Some(&kenya), Some(&uganda));
        assert_eq!(apply("source", &s, &actors, &mut e), Outcome::Unchanged);
        assert!(matches!(
            apply("target", &s, &actors, &mut e),
            Outcome::Changed(_)
        ));
        assert!(e.target.is_none());
        // and with no role left but the source, the event stands
        assert_eq!(apply("no-actor", &s, &actors, &mut e), Outcome::Unchanged);
    }

    #[test]
    fn target_comes_from_the_object() {
        let (_, s) = syntax(URGED);
        let kenya = actor(&s, 0, 0, "KEN");
        let parties = actor(&s, 4, 6, "REB");
        let actors = vec![kenya.clone(), parties.clone()];
        let mut e = event(&s, 3, "025", Some(&kenya), None);
        assert!(matches!(
            apply("target", &s, &actors, &mut e),
            Outcome::Changed(_)
        ));
        assert_eq!(e.target.as_ref().map(|a| a.code.as_str()), Some("REB"));
    }

    #[test]
    fn an_event_left_without_actors_is_dropped() {
        let (_, s) = syntax(BOMBINGS);
        let arafat = actor(&s, 0, 0, "PSEGOV");
        let actors = vec![arafat.clone()];
        let e = event(&s, 7, "1831", Some(&arafat), None);
        let left = revise(vec![e], &s, &actors);
        assert!(left[0].source.is_none());
        assert!(
            left[0].explanation.rules.iter().any(|r| r == REFERS_BACK),
            "a noun is kept as a reference"
        );
        // a verb no actor is left for is dropped
        let acted = event(&s, 1, "040", Some(&arafat), None);
        let mut no_one = acted.clone();
        no_one.source = None;
        assert!(revise(vec![no_one], &s, &[]).is_empty());
        // the act of the subject's own clause keeps its source
        let acted = event(&s, 1, "040", Some(&arafat), None);
        let kept = revise(vec![acted], &s, &actors);
        assert_eq!(kept.len(), 1);
        assert_eq!(
            kept[0].source.as_ref().map(|a| a.code.as_str()),
            Some("PSEGOV")
        );
    }
}

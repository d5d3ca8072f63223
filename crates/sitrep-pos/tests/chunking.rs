//! Chunks, verb-group marks and subject/object on hand-analysed sentences, end to end from
//! sitrep-text tokens through the embedded tagger.

use sitrep_pos::{ChunkKind, Parse, Tense};

struct Verb {
    text: &'static str,
    tense: Tense,
    /// negated, passive, perfect
    marks: (bool, bool, bool),
    subject: Option<&'static str>,
    object: Option<&'static str>,
}

const fn v(
    text: &'static str,
    tense: Tense,
    marks: (bool, bool, bool),
    subject: Option<&'static str>,
    object: Option<&'static str>,
) -> Verb {
    Verb {
        text,
        tense,
        marks,
        subject,
        object,
    }
}

const NONE: (bool, bool, bool) = (false, false, false);

fn tokens(text: &str) -> Vec<&str> {
    sitrep_text::tokenize(text, 0, text.len())
        .iter()
        .map(|t| &text[t.start..t.end])
        .collect()
}

/// Check the base noun phrases (all, in order) and every verb group.
fn check(text: &str, nouns: &[&str], verbs: &[Verb]) {
    let toks = tokens(text);
    let p = Parse::new(&toks);
    let got_nouns: Vec<String> = p
        .chunks
        .iter()
        .filter(|c| c.is_noun())
        .map(|c| p.text(c))
        .collect();
    assert_eq!(got_nouns, nouns, "noun phrases of: {text}");
    let got_verbs: Vec<_> = p.verbs().collect();
    let texts: Vec<String> = got_verbs.iter().map(|c| p.text(c)).collect();
    let want: Vec<&str> = verbs.iter().map(|v| v.text).collect();
    assert_eq!(texts, want, "verb groups of: {text}");
    for (c, want) in got_verbs.iter().zip(verbs) {
        let g = c.verb().unwrap();
        assert_eq!(g.tense, want.tense, "tense of {:?} in: {text}", want.text);
        assert_eq!(
            (g.negated, g.passive, g.perfect),
            want.marks,
            "negated/passive/perfect of {:?} in: {text}",
            want.text
        );
        let subject = p.subject_of(c).map(|s| p.text(s));
        assert_eq!(
            subject.as_deref(),
            want.subject,
            "subject of {:?} in: {text}",
            want.text
        );
        let object = p.object_of(c).map(|s| p.text(s));
        assert_eq!(
            object.as_deref(),
            want.object,
            "object of {:?} in: {text}",
            want.text
        );
    }
}

#[test]
fn simple_transitive() {
    let text =
        "Russian Foreign Minister Sergey Lavrov met his Armenian counterpart in Moscow on Monday.";
    check(
        text,
        &[
            "Russian Foreign Minister Sergey Lavrov",
            "his Armenian counterpart",
            "Moscow",
            "Monday",
        ],
        &[v(
            "met",
            Tense::Past,
            NONE,
            Some("Russian Foreign Minister Sergey Lavrov"),
            Some("his Armenian counterpart"),
        )],
    );
    let toks = tokens(text);
    let p = Parse::new(&toks);
    let preps: Vec<String> = p
        .chunks
        .iter()
        .filter(|c| c.kind == ChunkKind::Prep)
        .map(|c| p.text(c))
        .collect();
    assert_eq!(preps, ["in Moscow", "on Monday"]);
    let met = p.verbs().next().unwrap();
    assert_eq!(toks[met.head], "met");
}

#[test]
fn passive_with_agent() {
    check(
        "The village was shelled by Azerbaijani forces.",
        &["The village", "Azerbaijani forces"],
        &[v(
            "was shelled",
            Tense::Past,
            (false, true, false),
            Some("The village"),
            Some("Azerbaijani forces"),
        )],
    );
    check(
        "Israel has been accused by human rights groups of using excessive force.",
        &["Israel", "human rights groups", "excessive force"],
        &[
            v(
                "has been accused",
                Tense::Present,
                (false, true, true),
                Some("Israel"),
                Some("human rights groups"),
            ),
            v(
                "using",
                Tense::Nonfinite,
                NONE,
                None,
                Some("excessive force"),
            ),
        ],
    );
}

#[test]
fn negated_perfect_and_reporting_clause() {
    check(
        "Armenia has not lost any positions, the ministry said.",
        &["Armenia", "any positions", "the ministry"],
        &[
            v(
                "has not lost",
                Tense::Present,
                (true, false, true),
                Some("Armenia"),
                Some("any positions"),
            ),
            v("said", Tense::Past, NONE, Some("the ministry"), None),
        ],
    );
}

#[test]
fn apposition_and_future() {
    check(
        "Sergey Lavrov, Russia's foreign minister, said the talks will resume next week.",
        &[
            "Sergey Lavrov",
            "Russia's foreign minister",
            "the talks",
            "next week",
        ],
        &[
            // "the talks" begins the reported clause: not said's object
            v("said", Tense::Past, NONE, Some("Sergey Lavrov"), None),
            v("will resume", Tense::Future, NONE, Some("the talks"), None),
        ],
    );
    check(
        "The two leaders are scheduled to meet in Brussels on Thursday.",
        &["The two leaders", "Brussels", "Thursday"],
        &[v(
            "are scheduled to meet",
            Tense::Future,
            NONE,
            Some("The two leaders"),
            None,
        )],
    );
}

#[test]
fn relative_clauses_are_skipped() {
    check(
        "Prime Minister Nikol Pashinyan, who arrived in Paris on Tuesday, will hold talks with French President Emmanuel Macron.",
        &[
            "Prime Minister Nikol Pashinyan",
            "Paris",
            "Tuesday",
            "talks",
            "French President Emmanuel Macron",
        ],
        &[
            v(
                "arrived",
                Tense::Past,
                NONE,
                Some("Prime Minister Nikol Pashinyan"),
                None,
            ),
            v(
                "will hold",
                Tense::Future,
                NONE,
                Some("Prime Minister Nikol Pashinyan"),
                Some("talks"),
            ),
        ],
    );
    check(
        "The ceasefire, which was brokered by Russia, has largely held.",
        &["The ceasefire", "Russia"],
        &[
            v(
                "was brokered",
                Tense::Past,
                (false, true, false),
                Some("The ceasefire"),
                Some("Russia"),
            ),
            v(
                "has largely held",
                Tense::Present,
                (false, false, true),
                Some("The ceasefire"),
                None,
            ),
        ],
    );
    check(
        "The man who attacked the soldiers was arrested.",
        &["The man", "the soldiers"],
        &[
            v(
                "attacked",
                Tense::Past,
                NONE,
                Some("The man"),
                Some("the soldiers"),
            ),
            v(
                "was arrested",
                Tense::Past,
                (false, true, false),
                Some("The man"),
                None,
            ),
        ],
    );
}

#[test]
fn conditional_negated_passive() {
    check(
        "The president's spokesman said the decision would not be reversed.",
        &["The president's spokesman", "the decision"],
        &[
            v(
                "said",
                Tense::Past,
                NONE,
                Some("The president's spokesman"),
                None,
            ),
            v(
                "would not be reversed",
                Tense::Conditional,
                (true, true, false),
                Some("the decision"),
                None,
            ),
        ],
    );
}

#[test]
fn coordinated_predicates_share_the_subject() {
    check(
        "Iran's foreign ministry condemned the attack and accused Israel of violating international law.",
        &[
            "Iran's foreign ministry",
            "the attack",
            "Israel",
            "international law",
        ],
        &[
            v(
                "condemned",
                Tense::Past,
                NONE,
                Some("Iran's foreign ministry"),
                Some("the attack"),
            ),
            v(
                "accused",
                Tense::Past,
                NONE,
                Some("Iran's foreign ministry"),
                Some("Israel"),
            ),
            v("violating", Tense::Nonfinite, NONE, None, Some("international law")),
        ],
    );
    check(
        "A car bomb exploded near a military checkpoint, killing four people.",
        &["A car bomb", "a military checkpoint", "four people"],
        &[
            v("exploded", Tense::Past, NONE, Some("A car bomb"), None),
            v(
                "killing",
                Tense::Nonfinite,
                NONE,
                Some("A car bomb"),
                Some("four people"),
            ),
        ],
    );
}

#[test]
fn infinitives_and_prepositional_subjects() {
    check(
        "Mediators from Qatar and Egypt are trying to secure the release of the hostages.",
        &["Mediators", "Qatar", "Egypt", "the release", "the hostages"],
        &[
            v("are trying", Tense::Present, NONE, Some("Mediators"), None),
            v(
                "to secure",
                Tense::Nonfinite,
                NONE,
                Some("Mediators"),
                Some("the release"),
            ),
        ],
    );
    check(
        "Russia asked Armenia to withdraw its troops.",
        &["Russia", "Armenia", "its troops"],
        &[
            v("asked", Tense::Past, NONE, Some("Russia"), Some("Armenia")),
            v(
                "to withdraw",
                Tense::Nonfinite,
                NONE,
                Some("Armenia"),
                Some("its troops"),
            ),
        ],
    );
    check(
        "At least 20 civilians were killed when a missile struck a market.",
        &["At least 20 civilians", "a missile", "a market"],
        &[
            v(
                "were killed",
                Tense::Past,
                (false, true, false),
                Some("At least 20 civilians"),
                None,
            ),
            v(
                "struck",
                Tense::Past,
                NONE,
                Some("a missile"),
                Some("a market"),
            ),
        ],
    );
}

#[test]
fn time_phrases_are_not_objects() {
    check(
        "Lavrov met Monday with Blinken.",
        &["Lavrov", "Monday", "Blinken"],
        &[v("met", Tense::Past, NONE, Some("Lavrov"), Some("Blinken"))],
    );
}

#[test]
fn of_phrases_and_conjuncts() {
    let text = "The leaders of Armenia and Azerbaijan met in Prague.";
    let toks = tokens(text);
    let p = Parse::new(&toks);
    let met = p.verbs().next().unwrap();
    let subject = p.subject_of(met).unwrap();
    assert_eq!(p.text(subject), "The leaders");
    assert_eq!(p.text(p.with_of(subject)), "The leaders of Armenia");

    let text = "Azerbaijan and Armenia signed a peace declaration in Washington.";
    let toks = tokens(text);
    let p = Parse::new(&toks);
    let signed = p.verbs().next().unwrap();
    let subject = p.subject_of(signed).unwrap();
    let all: Vec<String> = p.conjuncts(subject).iter().map(|c| p.text(c)).collect();
    assert_eq!(all, ["Azerbaijan", "Armenia"]);
    let object = p.object_of(signed).unwrap();
    assert_eq!(p.conjuncts(object).len(), 1);

    // an apposition is not a list
    let text = "Sergey Lavrov, the foreign minister, said so.";
    let toks = tokens(text);
    let p = Parse::new(&toks);
    let lavrov = p.chunks.iter().find(|c| c.is_noun()).unwrap();
    assert_eq!(p.conjuncts(lavrov).len(), 1);
}

//! Hand-checked parses of news sentences: the relations the event coder relies on (who is
//! the subject, the object, the agent of a passive, which clause is reported, which noun a
//! relative clause describes), asserted on the built-in model.

use sitrep_parse::{Analyzer, Rel};

/// (dependent word, relation, head word) triples, by word text (each word unique in its
/// sentence).
fn arcs(sentence: &str) -> Vec<(String, Rel, String)> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let a = Analyzer::embedded().analyze(&words);
    (0..words.len())
        .map(|i| {
            let head = if a.heads[i] == 0 {
                "ROOT"
            } else {
                words[a.heads[i] - 1]
            };
            (words[i].to_string(), a.rels[i], head.to_string())
        })
        .collect()
}

fn has(arcs: &[(String, Rel, String)], dep: &str, rel: Rel, head: &str) -> bool {
    arcs.iter()
        .any(|(d, r, h)| d == dep && *r == rel && h == head)
}

#[test]
fn coordinated_subjects_share_the_verb_and_are_not_its_object() {
    let a = arcs("Kenya and Uganda urged the warring parties to respect the ceasefire .");
    assert!(has(&a, "Kenya", Rel::Nsubj, "urged"), "{a:?}");
    assert!(has(&a, "Uganda", Rel::Conj, "Kenya"), "{a:?}");
    assert!(has(&a, "parties", Rel::Obj, "urged"), "{a:?}");
}

#[test]
fn a_passive_names_its_agent() {
    let a = arcs("The village was shelled by Azerbaijani forces on Tuesday .");
    assert!(has(&a, "village", Rel::NsubjPass, "shelled"), "{a:?}");
    assert!(has(&a, "forces", Rel::OblAgent, "shelled"), "{a:?}");
    assert!(has(&a, "was", Rel::AuxPass, "shelled"), "{a:?}");
}

#[test]
fn reported_speech_is_a_clause_under_the_speech_verb() {
    let a = arcs(
        "A United Nations report alleged that the army had planned the massacre of villagers .",
    );
    assert!(has(&a, "alleged", Rel::Root, "ROOT"), "{a:?}");
    assert!(has(&a, "planned", Rel::Ccomp, "alleged"), "{a:?}");
    assert!(has(&a, "army", Rel::Nsubj, "planned"), "{a:?}");
    assert!(has(&a, "massacre", Rel::Obj, "planned"), "{a:?}");
}

#[test]
fn a_relative_clause_hangs_from_the_noun_it_describes() {
    let a = arcs("Police arrested a man who attacked a mosque in the city .");
    assert!(has(&a, "man", Rel::Obj, "arrested"), "{a:?}");
    assert!(has(&a, "attacked", Rel::AclRelcl, "man"), "{a:?}");
    assert!(has(&a, "who", Rel::Nsubj, "attacked"), "{a:?}");
}

#[test]
fn an_apposition_extends_the_subject() {
    let a = arcs("Abiy Ahmed , the prime minister of Ethiopia , met rebel leaders in Nairobi .");
    assert!(has(&a, "Abiy", Rel::Nsubj, "met"), "{a:?}");
    assert!(has(&a, "minister", Rel::Appos, "Abiy"), "{a:?}");
    assert!(has(&a, "leaders", Rel::Obj, "met"), "{a:?}");
}

#[test]
fn lowercase_text_parses_like_edited_text() {
    let a = arcs("police arrested two men who had attacked the station .");
    assert!(has(&a, "police", Rel::Nsubj, "arrested"), "{a:?}");
    assert!(has(&a, "men", Rel::Obj, "arrested"), "{a:?}");
    assert!(has(&a, "attacked", Rel::AclRelcl, "men"), "{a:?}");
}

#[test]
fn every_word_gets_one_head_and_one_root() {
    let words = [
        "Troops", "shelled", "the", "town", "and", "rebels", "fled", ".",
    ];
    let a = Analyzer::embedded().analyze(&words);
    assert_eq!(a.heads.len(), words.len());
    assert_eq!(a.heads.iter().filter(|&&h| h == 0).count(), 1);
    assert!(a.heads.iter().all(|&h| h <= words.len()));
    assert!(Analyzer::embedded().analyze::<&str>(&[]).heads.is_empty());
}

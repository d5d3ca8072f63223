//! Names as newsrooms spell them (issue #20, third round): a respelling
//! keeps each word's first letter, hyphens may cut a romanised name into
//! other words, and a two- or three-letter acronym names its group only in
//! capitals.

use chrono::NaiveDate;
use sitrep_actors::{ActorLexicon, DocMemory, Found};
use std::sync::OnceLock;

fn lex() -> &'static ActorLexicon {
    static L: OnceLock<ActorLexicon> = OnceLock::new();
    L.get_or_init(ActorLexicon::builtin)
}

fn run(text: &str, date: Option<NaiveDate>) -> Vec<Found> {
    lex().recognise_text(text, date, &mut DocMemory::default())
}

fn codes(found: &[Found]) -> Vec<String> {
    found.iter().map(|f| f.mention.actor.code.clone()).collect()
}

/// "Republicans also questioned Morrison about ... Lt Col Alexander
/// Vindman" (November 2019): "Lt" is a rank, not LT (Lashkar-e-Taiba, a
/// Phoenix alias); "LT" in capitals still names the group.
#[test]
fn a_short_acronym_names_its_group_only_in_capitals() {
    let d = NaiveDate::from_ymd_opt(2019, 11, 20);
    let f = run(
        "Lt Col Alexander Vindman told lawmakers it was his duty.",
        d,
    );
    assert!(!codes(&f).iter().any(|c| c == "SASREB"), "{:?}", codes(&f));
    let g = run("Police said the LT carried out the attack.", d);
    assert!(codes(&g).iter().any(|c| c == "SASREB"), "{:?}", codes(&g));
}

/// "Cory Booker and Kamala Harris — have struggled to gain momentum"
/// (November 2019): the name key folds "Harris" and "Kharazi" together,
/// but an Iranian foreign minister is not who is meant.
#[test]
fn a_respelling_keeps_first_letters() {
    let d = NaiveDate::from_ymd_opt(2019, 11, 20);
    let f = run(
        "Cory Booker and Kamala Harris have struggled to gain momentum.",
        d,
    );
    assert!(
        !f.iter()
            .any(|x| x.mention.actor.country.as_deref() == Some("IRN")),
        "{:?}",
        codes(&f)
    );
}

/// "Prayuth Chan-ocha, the head of Thailand's military government, said
/// that the authorities were searching for a person" (August 2015): the
/// leaders table writes "Prayut Chan-o-cha".
#[test]
fn hyphens_may_cut_a_romanised_name_differently() {
    let d = NaiveDate::from_ymd_opt(2015, 8, 18);
    let f = run(
        "Prayuth Chan-ocha, the head of the military government, said that the authorities were searching for a person.",
        d,
    );
    assert_eq!(
        f.first().map(|x| x.mention.actor.code.as_str()),
        Some("THAGOV"),
        "{:?}",
        codes(&f)
    );
}

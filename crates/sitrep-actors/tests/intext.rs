//! Actors in context (issue #20): what the text itself says about who acts.
//!
//! Each test is one mechanism on a sentence as news reports write it. Names
//! defined in the text are ones no dictionary carries (so the test holds
//! whatever tables are loaded): the mechanism, not a table, must code them.

use chrono::NaiveDate;
use sitrep_actors::{ActorLexicon, DocMemory, Found};
use sitrep_model::ActorRule;
use std::sync::OnceLock;

fn lex() -> &'static ActorLexicon {
    static L: OnceLock<ActorLexicon> = OnceLock::new();
    L.get_or_init(ActorLexicon::builtin)
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn run(text: &str, date: Option<NaiveDate>) -> Vec<Found> {
    lex().recognise_text(text, date, &mut DocMemory::default())
}

/// The `n`th mention (0-based) whose text is exactly `t`.
fn nth<'a>(found: &'a [Found], t: &str, n: usize) -> &'a Found {
    found
        .iter()
        .filter(|f| f.mention.actor.text == t)
        .nth(n)
        .unwrap_or_else(|| {
            panic!(
                "no mention {n} of {t:?} in {:?}",
                found
                    .iter()
                    .map(|f| (&f.mention.actor.text, &f.mention.actor.code))
                    .collect::<Vec<_>>()
            )
        })
}

#[test]
fn acronym_defined_after_the_name_makes_a_group_by_its_head_noun() {
    let found = run(
        "Fighters of the Kivu Popular Liberation Front (KPLF) attacked an army post near Beni \
         on Monday. The KPLF said it had killed five soldiers. Later the group seized the town.",
        day(2023, 5, 1),
    );
    let def = nth(&found, "Fighters of the Kivu Popular Liberation Front", 0);
    // a "Front" of its own, no country word in its name: rebels
    assert_eq!(def.mention.actor.code, "REB");
    assert_eq!(def.mention.actor.id, "org:kivu-popular-liberation-front");
    assert!(def.rules.contains(&ActorRule::AcronymDefinition));
    let acr = nth(&found, "KPLF", 0);
    assert_eq!(acr.mention.actor.id, def.mention.actor.id);
    assert!(acr.rules.contains(&ActorRule::AcronymDefinition));
    // later, the acronym alone and "the group" are the same actor
    for (t, n) in [("KPLF", 1), ("group", 0)] {
        let f = nth(&found, t, n);
        assert_eq!(f.mention.actor.id, def.mention.actor.id, "{t}");
        assert_eq!(f.rules, vec![ActorRule::AcronymReference], "{t}");
    }
}

#[test]
fn acronym_defined_before_the_name_in_apposition() {
    let found = run(
        "KPLF, the Kivu Popular Liberation Front, claimed the attack on Tuesday. \
         The rebels later withdrew, and the KPLF promised more attacks.",
        day(2023, 5, 2),
    );
    let acr = nth(&found, "KPLF", 0);
    assert_eq!(acr.mention.actor.code, "REB");
    assert_eq!(acr.mention.actor.id, "org:kivu-popular-liberation-front");
    assert!(acr.rules.contains(&ActorRule::AcronymDefinition));
    // "the rebels": the rebel group the report defined
    let rebels = nth(&found, "rebels", 0);
    assert_eq!(rebels.mention.actor.id, acr.mention.actor.id);
    assert_eq!(
        nth(&found, "KPLF", 1).mention.actor.id,
        acr.mention.actor.id
    );
}

#[test]
fn a_state_force_defined_with_its_acronym_keeps_its_country() {
    // a country word and no group marker: the state's own armed forces;
    // a marker ("Resistance") makes a group of that country
    let found = run(
        "The Malian Armed Forces (FAMA) and the Malian Patriotic Resistance Front (MPRF) \
         clashed near Gao.",
        day(2023, 5, 3),
    );
    assert_eq!(nth(&found, "FAMA", 0).mention.actor.code, "MLIMIL");
    assert_eq!(nth(&found, "MPRF", 0).mention.actor.code, "MLIREB");
}

#[test]
fn former_drops_the_office_the_title_names() {
    // the title is the office of the US presidency, but "former" means he
    // no longer holds it in 2023: one of the country's elites
    let found = run(
        "Former US President Donald Trump criticised President Joe Biden on Monday. \
         Trump said the talks had failed.",
        day(2023, 5, 1),
    );
    let t = nth(&found, "Former US President Donald Trump", 0);
    assert_eq!(t.mention.actor.code, "USAELI");
    assert!(t.rules.contains(&ActorRule::Former));
    // later mentions keep what the text said of him
    let t2 = nth(&found, "Trump", 0);
    assert_eq!(t2.mention.actor.code, "USAELI");
    assert_eq!(t2.rules, vec![ActorRule::Coreference]);
}

#[test]
fn a_mediator_acts_for_the_international_body() {
    let found = run(
        "ECOWAS mediator Goodluck Jonathan met opposition leaders in Bamako on Tuesday. \
         Jonathan said a transition could take 18 months.",
        day(2020, 7, 21),
    );
    let m = nth(&found, "Goodluck Jonathan", 0);
    assert!(m.mention.actor.code.starts_with("IGO"), "{:?}", m.mention);
    assert_eq!(m.rules, vec![ActorRule::ActsForBody]);
    // the surname later in the report: the mediator, not Nigeria's government
    assert_eq!(
        nth(&found, "Jonathan", 0).mention.actor.code,
        m.mention.actor.code
    );
}

#[test]
fn a_person_named_then_titled_in_apposition_acts_for_the_body() {
    let found = run(
        "Goodluck Jonathan, the ECOWAS mediator, arrived in Bamako on Thursday.",
        day(2020, 7, 23),
    );
    let m = nth(&found, "Goodluck Jonathan", 0);
    assert!(m.mention.actor.code.starts_with("IGO"), "{:?}", m.mention);
    assert!(m.rules.contains(&ActorRule::ActsForBody));
}

#[test]
fn two_namesakes_are_told_apart_by_title_and_first_name() {
    // Armen Sarkissian and Serzh Sargsyan share a last name under
    // transliteration; "President Sargsyan" is the one who is president,
    // though the former president was named last
    let found = run(
        "Armenian President Armen Sarkissian met former president Serzh Sargsyan in Yerevan. \
         President Sargsyan said the talks were useful. Serzh Sargsyan criticised the government.",
        day(2020, 7, 20),
    );
    let p = nth(&found, "President Sargsyan", 0);
    assert_eq!(p.mention.actor.id, "person:armen-sarkissian");
    assert_eq!(p.mention.actor.code, "ARMGOV");
    assert!(p.rules.contains(&ActorRule::Coreference));
    // the first name tells the other one, still out of office
    let s = nth(&found, "Serzh Sargsyan", 0);
    assert_ne!(s.mention.actor.id, "person:armen-sarkissian");
    assert_eq!(s.mention.actor.code, "ARMELI");
}

#[test]
fn a_surname_after_a_full_name_is_that_person() {
    let found = run(
        "Ukrainian President Volodymyr Zelensky met Turkish officials in Istanbul on Monday. \
         Zelensky said the talks were useful. The president later left for Kyiv.",
        day(2023, 5, 1),
    );
    let first = nth(&found, "Ukrainian President Volodymyr Zelensky", 0);
    for t in ["Zelensky", "president"] {
        let f = nth(&found, t, 0);
        assert_eq!(f.mention.actor.id, first.mention.actor.id, "{t}");
        assert_eq!(f.mention.actor.code, "UKRGOV", "{t}");
        assert_eq!(f.rules, vec![ActorRule::Coreference], "{t}");
    }
}

#[test]
fn a_later_report_of_the_story_knows_the_acronym_and_the_group() {
    let mut corpus = sitrep_actors::CorpusMemory::new();
    let mut mem = corpus.doc_memory();
    let mut first = lex().recognise_text(
        "Fighters of the Kivu Popular Liberation Front (KPLF) attacked Beni on Monday.",
        day(2023, 5, 1),
        &mut mem,
    );
    corpus.absorb(&mut first, &mem);
    let mut mem = corpus.doc_memory();
    let second = lex().recognise_text(
        "The KPLF withdrew on Wednesday. The group said it would return.",
        day(2023, 5, 3),
        &mut mem,
    );
    for t in ["KPLF", "group"] {
        assert_eq!(
            nth(&second, t, 0).mention.actor.id,
            "org:kivu-popular-liberation-front",
            "{t}"
        );
    }
}

/// "Secretary of State Mike Pompeo said the release of the hostages give[s]
/// us hope for the success of intra-Afghan peace negotiations, which the
/// United States stands ready to support" (November 2019, a story about
/// Afghanistan): a titled person in a sentence naming another state is not
/// given the story's country; "the army" in such a sentence still is ("The
/// European Union and the United States welcomed the start of talks between
/// the army and the rebels").
#[test]
fn a_named_person_beside_an_outside_state_keeps_no_story_country() {
    let d = day(2019, 11, 20);
    let mut f = run(
        "Secretary of State Mike Pompeo said the United States stands ready to support the talks.",
        d,
    );
    sitrep_actors::intext::apply_story_country(&mut f, Some("AFG"), &[], lex());
    let pompeo = nth(&f, "Secretary of State Mike Pompeo", 0);
    assert_ne!(pompeo.mention.actor.country.as_deref(), Some("AFG"));
    let mut g = run(
        "The European Union and the United States welcomed the start of talks between the army and the rebels.",
        d,
    );
    sitrep_actors::intext::apply_story_country(&mut g, Some("SDN"), &[], lex());
    assert_eq!(nth(&g, "army", 0).mention.actor.code, "SDNMIL");
    // with no outside state named, the titled person takes the story's country
    let mut h = run(
        "Police chief Juvymax Uy said the attack happened at night.",
        d,
    );
    sitrep_actors::intext::apply_story_country(&mut h, Some("PHL"), &[], lex());
    assert_eq!(
        nth(&h, "Police chief Juvymax Uy", 0).mention.actor.code,
        "PHLCOP"
    );
}

/// "Kurt Volker, the former special envoy to Ukraine, and Tim Morrison ...
/// testified" then "Volker said he had no knowledge of any efforts to urge
/// Ukraine to investigate": the country the story gave Volker in the first
/// sentence is his in the second too, where Ukraine is named.
#[test]
fn a_person_given_the_story_country_keeps_it_in_the_documents_other_sentences() {
    let mut mem = DocMemory::default();
    let d = day(2019, 11, 20);
    let mut first = lex().recognise_text(
        "Kurt Volker, the former special envoy, testified on Tuesday.",
        d,
        &mut mem,
    );
    let mut second = lex().recognise_text(
        "Volker said he had no knowledge of any efforts to urge Ukraine to investigate.",
        d,
        &mut mem,
    );
    sitrep_actors::intext::apply_story_country(&mut first, Some("USA"), &[], lex());
    sitrep_actors::intext::apply_story_country(&mut second, Some("USA"), &[], lex());
    assert_eq!(
        nth(&first, "Kurt Volker, the former special envoy", 0)
            .mention
            .actor
            .code,
        "USAELI"
    );
    assert_eq!(
        nth(&second, "Volker", 0).mention.actor.code,
        "ELI",
        "Ukraine keeps the story country off"
    );
    sitrep_actors::intext::spread_story_country(&mut [&mut first, &mut second]);
    let v = nth(&second, "Volker", 0);
    assert_eq!(v.mention.actor.code, "USAELI");
    assert_eq!(v.mention.actor.country.as_deref(), Some("USA"));
    assert!(v.rules.contains(&ActorRule::StoryCountry));
}

/// "Foreign Minister X" in a story where the other officials are Iranian:
/// a titled person with no country of his own serves the state whose
/// officials the rest of the document names; his own sentence is no
/// evidence ("Turkish President ... met Foreign Minister X" alone leaves
/// him open), and a sentence naming another state as a whole keeps him
/// from it.
#[test]
fn a_titled_person_takes_the_country_of_the_documents_other_officials() {
    let d = day(2019, 11, 20);
    let read = |texts: &[&str]| -> Vec<Vec<Found>> {
        let mut mem = DocMemory::default();
        texts
            .iter()
            .map(|t| lex().recognise_text(t, d, &mut mem))
            .collect()
    };
    let mut s = read(&[
        "The Iranian government rejected the offer on Monday.",
        "Iranian military commanders said the drills would go on.",
        "Foreign Minister Karim Dastani met reporters in Geneva.",
    ]);
    let minister = "Foreign Minister Karim Dastani";
    assert_eq!(nth(&s[2], minister, 0).mention.actor.country, None);
    let mut lists: Vec<&mut Vec<Found>> = s.iter_mut().collect();
    sitrep_actors::intext::spread_story_country(&mut lists);
    let m = nth(&s[2], minister, 0);
    assert_eq!(m.mention.actor.code, "IRNGOV");
    assert!(m.rules.contains(&ActorRule::StoryCountry));
    assert!(m.mention.why.contains("officials"));
    // one sentence is no evidence about itself
    let mut one = read(&["Turkish President Recep Erdogan met Foreign Minister Karim Dastani."]);
    let mut lists: Vec<&mut Vec<Found>> = one.iter_mut().collect();
    sitrep_actors::intext::spread_story_country(&mut lists);
    assert_eq!(nth(&one[0], minister, 0).mention.actor.country, None);
    // a state named as a whole beside him keeps him from the officials' state
    let mut t = read(&[
        "The Iranian government rejected the offer on Monday.",
        "Foreign Minister Karim Dastani said the United States would act.",
    ]);
    let mut lists: Vec<&mut Vec<Found>> = t.iter_mut().collect();
    sitrep_actors::intext::spread_story_country(&mut lists);
    assert_eq!(nth(&t[1], minister, 0).mention.actor.country, None);
}

/// "US vice-president Mike Pence spoke by phone with opposition leader and
/// political prisoner Leopoldo López" (a story about Venezuela): an
/// official of another state, named with his nationality, does not keep
/// the story's country from the person beside him; only a state named as
/// a whole does ("the United States stands ready").
#[test]
fn a_foreign_official_beside_a_titled_person_leaves_him_the_story_country() {
    let mut f = run(
        "Colombian President Juan Tamayo spoke by phone with opposition leader Leandro Rivas.",
        day(2017, 7, 20),
    );
    sitrep_actors::intext::apply_story_country(&mut f, Some("VEN"), &[], lex());
    let rivas = nth(&f, "opposition leader Leandro Rivas", 0);
    assert_eq!(rivas.mention.actor.code, "VENOPP");
}

/// "Democratic lawmakers grilled Lt Col Alexander Vindman": a rank
/// abbreviated without full stops is a title as "Lt. Col." is.
#[test]
fn a_rank_abbreviated_without_full_stops_is_a_title() {
    let f = run(
        "Democratic lawmakers grilled Lt Col Arkady Zelnik on Tuesday.",
        day(2019, 11, 20),
    );
    let z = containing(&f, "Zelnik");
    assert_eq!(sector_or_code(z), "MIL");
}

/// The first mention whose text holds `part`.
fn containing<'a>(found: &'a [Found], part: &str) -> &'a Found {
    found
        .iter()
        .find(|f| f.mention.actor.text.contains(part))
        .unwrap_or_else(|| panic!("no mention holding {part:?}"))
}

/// A mention's sector, or its code where it has no sector field (a bare
/// sector is coded as itself).
fn sector_or_code(f: &Found) -> &str {
    let a = &f.mention.actor;
    a.sector.as_deref().unwrap_or(a.code.as_str())
}

/// "Answer: Deputy Secretary of State Tony Blinken will travel to Paris"
/// (re3d): "deputy" before an office is one title with the whole office,
/// not "deputy secretary" with a stray "of State" before the name, and it
/// holds at the start of a sentence too.
#[test]
fn a_deputy_of_an_office_is_one_title_with_the_whole_office() {
    for text in [
        "Deputy Secretary of State Arkady Zelnik will travel to Paris.",
        "Then Deputy Secretary of State Arkady Zelnik will travel to Paris.",
    ] {
        let f = run(text, day(2015, 10, 26));
        let z = containing(&f, "Zelnik");
        let title = &z.mention.actor.text;
        assert!(title.starts_with("Deputy Secretary of State"), "{title:?}");
        assert_eq!(sector_or_code(z), "GOV");
    }
}

//! The PETRARCH loaders on the shared dictionaries, and actor recognition
//! measured on re3d. The shared data sits beside the project
//! (`<repo>/../shared`, or `/work/shared`).

use chrono::NaiveDate;
use sitrep_actors::petrarch::{load_actors, load_agents};
use sitrep_actors::{re3d, ActorLexicon, CorpusMemory, EntryKind};
use std::path::PathBuf;

fn shared() -> PathBuf {
    let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let p = if beside.exists() {
        beside
    } else {
        PathBuf::from("/work/shared")
    };
    assert!(
        p.exists(),
        "the shared data folder is missing: {}",
        p.display()
    );
    p
}

fn read(rel: &str) -> String {
    let p = shared().join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_lowercase).collect()
}

fn code_of(lex: &ActorLexicon, phrase: &str, date: Option<NaiveDate>) -> Option<String> {
    let w = words(phrase);
    let refs: Vec<&str> = w.iter().map(String::as_str).collect();
    let m = lex.matches_at(&refs, 0);
    let (e, n) = m.first()?;
    if *n != refs.len() {
        return None;
    }
    match &e.kind {
        EntryKind::Coded { code, .. } => Some(code.clone()),
        EntryKind::Dated(i) | EntryKind::Person(i) => lex.people[*i].code_on(date),
        EntryKind::Agent(s) => Some(format!("~{s}")),
        _ => None,
    }
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn petrarch_validation_dictionaries_load() {
    let mut lex = ActorLexicon::default();
    let n = load_actors(
        &mut lex,
        &read("eval/petrarch-unit/PETR.Validate.actors.txt"),
    );
    assert!(n > 100, "{n} actor records");
    assert_eq!(code_of(&lex, "hamas", None).as_deref(), Some("PSEREBHMS"));
    assert_eq!(
        code_of(&lex, "israeli troops", None).as_deref(),
        Some("ISRMIL")
    );
    // "ARGENTIN" is a stem: it matches "Argentine"
    assert_eq!(code_of(&lex, "argentine", None).as_deref(), Some("ARG"));
    // "AUSTRALIA" with the synonym "+AUSTRALIAN"
    assert_eq!(code_of(&lex, "australian", None).as_deref(), Some("AUS"));
    let a = load_agents(
        &mut lex,
        &read("eval/petrarch-unit/PETR.Validate.agents.txt"),
    );
    assert!(a > 50, "{a} agent phrases");
    assert_eq!(
        code_of(&lex, "foreign minister", None).as_deref(),
        Some("~GOVFRM")
    );
    // !MINST! macro expansion
    assert_eq!(
        code_of(&lex, "ministry of silly walks", None).as_deref(),
        Some("~GOV")
    );
    assert_eq!(
        code_of(&lex, "attorneys general", None).as_deref(),
        Some("~GOV")
    );
}

#[test]
fn phoenix_dictionaries_load_with_dated_roles() {
    let dir = "reference/petrarch2-dictionaries/";
    let mut lex = ActorLexicon::default();
    let n = load_actors(
        &mut lex,
        &read(&format!("{dir}Phoenix.Countries.actors.txt")),
    );
    assert!(n > 10_000, "{n} country actor records");
    // Putin: elite before 1999, government after
    assert_eq!(
        code_of(&lex, "vladimir putin", day(1995, 1, 1)).as_deref(),
        Some("RUSELI")
    );
    assert_eq!(
        code_of(&lex, "vladimir putin", day(2012, 1, 1)).as_deref(),
        Some("RUSGOV")
    );
    assert_eq!(
        code_of(&lex, "president barack obama", day(2012, 1, 1)).as_deref(),
        Some("USAGOV")
    );
    load_actors(
        &mut lex,
        &read(&format!("{dir}Phoenix.International.actors.txt")),
    );
    assert_eq!(code_of(&lex, "nato", None).as_deref(), Some("IGOWSTNAT"));
    // several dated codes on the record's own line
    assert_eq!(
        code_of(&lex, "javier solana", day(1997, 1, 1)).as_deref(),
        Some("IGOWSTNAT")
    );
    load_actors(
        &mut lex,
        &read(&format!("{dir}Phoenix.MilNonState.actors.txt")),
    );
    assert_eq!(code_of(&lex, "hamas", None).as_deref(), Some("PSEREBHMS"));
    assert_eq!(
        code_of(&lex, "islamic resistance movement", None).as_deref(),
        Some("PSEREBHMS")
    );
    let a = load_agents(&mut lex, &read(&format!("{dir}Phoenix.agents.txt")));
    assert!(a > 1000, "{a} agent phrases");
    assert_eq!(code_of(&lex, "rebels", None).as_deref(), Some("~REB"));
}

/// The re3d F1 reached when this test was written (0.843), less a little
/// room; it fails if actor recognition gets worse.
const RE3D_MIN_F1: f64 = 0.84;

#[test]
fn re3d_actor_mentions() {
    let docs = re3d::load(&shared().join("eval/re3d")).expect("re3d");
    assert_eq!(docs.len(), 45);
    let lex = ActorLexicon::builtin();
    let mut corpus = CorpusMemory::new();
    let mut total = re3d::Score::default();
    for d in &docs {
        let mut mem = corpus.doc_memory();
        let mut found = lex.recognise_text(&d.text, None, &mut mem);
        corpus.absorb(&mut found, &mem);
        let spans: Vec<(usize, usize)> = found
            .iter()
            .map(|f| (f.mention.actor.start, f.mention.actor.end))
            .collect();
        total.add(&re3d::score(d, &spans));
    }
    eprintln!(
        "re3d P {:.3} R {:.3} F1 {:.3}",
        total.precision(),
        total.recall(),
        total.f1()
    );
    assert!(total.f1() >= RE3D_MIN_F1, "F1 {:.3}", total.f1());
}

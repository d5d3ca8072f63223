//! The knowledge base of today's actors (data/actors/kb.tsv, issue #20):
//! loading, dated roles, and where each code came from.

use chrono::NaiveDate;
use sitrep_actors::{ActorFiles, ActorLexicon, ActorSource, DocMemory, RowKind, Table};

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

const KB_HEADER: &str =
    "# id\tname\taliases\tcode\tcountry\tsector\tkind\tstart\tend\tsource\trule\n";

/// The built-in files with `kb` in place of kb.tsv.
fn with_kb(kb: &str) -> ActorLexicon {
    let b = ActorFiles::builtin();
    ActorLexicon::from_files(ActorFiles { kb, ..b })
}

/// The code of the actor whose text is exactly `t`.
fn code_of(lex: &ActorLexicon, text: &str, t: &str, date: Option<NaiveDate>) -> String {
    let found = lex.recognise_text(text, date, &mut DocMemory::default());
    found
        .iter()
        .find(|f| f.mention.actor.text == t)
        .map(|f| f.mention.actor.code.clone())
        .unwrap_or_else(|| {
            panic!(
                "no mention {t:?} in {:?}",
                found
                    .iter()
                    .map(|f| (&f.mention.actor.text, &f.mention.actor.code))
                    .collect::<Vec<_>>()
            )
        })
}

#[test]
fn kb_organisation_rows_name_actors_by_name_and_alias() {
    let kb = format!(
        "{KB_HEADER}ucdp:9001\tNorthern Valley Front\tNVF|Jabhat al-Wadi\tSDNREB\tSDN\tREB\tORG\t\t\tucdp:9001\tucdp-rebel-location\n"
    );
    let lex = with_kb(&kb);
    let text = "The Northern Valley Front shelled the town. Later the NVF withdrew.";
    assert_eq!(code_of(&lex, text, "Northern Valley Front", None), "SDNREB");
    assert_eq!(code_of(&lex, text, "NVF", None), "SDNREB");
    // without the row, the same words are no such organisation
    let without = with_kb(KB_HEADER);
    let found = without.recognise_text(text, None, &mut DocMemory::default());
    assert!(!found.iter().any(|f| f.mention.actor.code == "SDNREB"));
}

#[test]
fn kb_person_rows_are_dated_roles() {
    let kb = format!(
        "{KB_HEADER}factbook:xx:ana\tAnaya Kestrel\t\tARMGOV\tARM\tGOV\tPERSON\t2021-03-01\t\tfactbook:am\tfactbook-leader\n"
    );
    let lex = with_kb(&kb);
    let text = "Anaya Kestrel met the envoys.";
    assert_eq!(
        code_of(&lex, text, "Anaya Kestrel", day(2022, 1, 1)),
        "ARMGOV"
    );
    // before she took office: one of the country's elites
    assert_eq!(
        code_of(&lex, text, "Anaya Kestrel", day(2019, 1, 1)),
        "ARMELI"
    );
}

#[test]
fn lookup_says_which_source_and_rule_gave_the_code() {
    let kb = format!(
        "{KB_HEADER}ucdp:9001\tNorthern Valley Front\tNVF\tSDNREB\tSDN\tREB\tORG\t2019\t\tucdp:9001\tucdp-rebel-location\n"
    );
    let lex = with_kb(&kb);
    let found = lex.lookup("NVF");
    assert_eq!(found.len(), 1, "{found:?}");
    let p = &found[0];
    assert_eq!(p.table, Table::Kb);
    assert_eq!(p.kind, RowKind::Organisation);
    assert_eq!(p.source, ActorSource::Ucdp);
    assert_eq!(p.record, "ucdp:9001");
    assert_eq!(p.rule, "ucdp-rebel-location");
    assert_eq!(p.name, "Northern Valley Front");
    assert_eq!(p.matched, "NVF");
    assert_eq!(p.country.as_deref(), Some("SDN"));
    assert_eq!(p.start.as_deref(), Some("2019"));
    // "the" and case do not matter; other codes are not its origin
    assert_eq!(lex.lookup("the northern valley front").len(), 1);
    assert_eq!(lex.origin("NVF", "SDNREB").len(), 1);
    assert!(lex.origin("NVF", "SDNGOV").is_empty());
}

#[test]
fn lookup_covers_the_phoenix_tables_too() {
    let lex = ActorLexicon::builtin();
    let taliban = lex.lookup("Taliban");
    assert!(
        taliban.iter().any(|p| p.table == Table::Organisations
            && p.source == ActorSource::Phoenix
            && p.code == "AFGREB"
            && p.rule == "phoenix-dictionary"),
        "{taliban:?}"
    );
    // a sector word and a country answer as such
    assert!(lex
        .lookup("rebels")
        .iter()
        .any(|p| p.kind == RowKind::Sector && p.code == "REB"));
    assert!(lex
        .lookup("Armenia")
        .iter()
        .any(|p| p.kind == RowKind::Country && p.code == "ARM"));
    assert!(lex.lookup("no such actor anywhere").is_empty());
}

#[test]
fn builtin_kb_holds_todays_actors_with_their_sources() {
    let lex = ActorLexicon::builtin();
    let rsf = lex.lookup("Rapid Support Forces");
    assert!(
        rsf.iter()
            .any(|p| p.source == ActorSource::Ucdp && p.code == "SDNREB"),
        "{rsf:?}"
    );
    let zel = lex.lookup("Volodymyr Zelenskyy");
    assert!(
        zel.iter().any(|p| p.source == ActorSource::Factbook
            && p.code == "UKRGOV"
            && p.start.as_deref() == Some("2019-05-20")),
        "{zel:?}"
    );
    let text = "The Rapid Support Forces attacked El Fasher.";
    assert_eq!(
        code_of(&lex, text, "Rapid Support Forces", day(2024, 5, 1)),
        "SDNREB"
    );
}

#[test]
fn an_empty_kb_file_in_a_data_dir_leaves_the_kb_out() {
    let dir = std::env::temp_dir().join(format!("sitrep-kb-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("kb.tsv"), "").unwrap();
    let lex = ActorLexicon::from_dir(&dir).unwrap();
    assert!(lex
        .lookup("Rapid Support Forces")
        .iter()
        .all(|p| p.table != Table::Kb));
    // the other tables still come from the built-in files
    assert!(!lex.lookup("Taliban").is_empty());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn malformed_kb_rows_are_skipped() {
    let kb = format!(
        "{KB_HEADER}only-an-id\nucdp:1\t\t\tSDNREB\tSDN\tREB\tORG\t\t\tucdp:1\tr\nucdp:2\tSome Front\t\tSDNREB\tSDN\tREB\tBOGUS\t\t\tucdp:2\tr\nucdp:3\tValid Front\t\tSDNREB\tSDN\tREB\tORG\t\t\tucdp:3\tr\n"
    );
    let lex = with_kb(&kb);
    assert_eq!(
        code_of(&lex, "The Valid Front attacked.", "Valid Front", None),
        "SDNREB"
    );
}

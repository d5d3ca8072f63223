//! The coder's syntax rules on sentences written for them: each test names
//! the rule and fails if the rule stops applying.

use sitrep_model::{DateSource, Document, Event};
use sitrep_pipeline::{Config, Pipeline};
use std::path::PathBuf;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        // the coder's rules are tested on every event they make; the
        // confidence threshold is tested on its own (sitrep_events::confidence)
        Pipeline::new(&Config {
            any_language: true,
            min_confidence: Some(0.0),
            ..Default::default()
        })
        .unwrap()
    })
}

fn code(text: &str) -> Vec<Event> {
    code_with(pipeline(), text)
}

fn code_with(p: &Pipeline, text: &str) -> Vec<Event> {
    let doc = Document {
        id: "t".into(),
        text: text.into(),
        date: chrono::NaiveDate::from_ymd_opt(2020, 11, 10),
        date_source: DateSource::Record,
        ..Default::default()
    };
    p.annotate(&doc).events
}

/// A pipeline with one user dictionary, written from `text` to a file that
/// `cfg` puts where it belongs (`verb_dicts`, `actor_dicts`); the
/// dictionary is read when the pipeline is built, so the file goes then.
fn pipeline_with_dict(name: &str, text: &str, cfg: impl FnOnce(PathBuf) -> Config) -> Pipeline {
    let dir = std::env::temp_dir().join(format!("sitrep-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("dictionary.txt");
    std::fs::write(&file, text).unwrap();
    let p = Pipeline::new(&Config {
        any_language: true,
        ..cfg(file)
    })
    .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    p
}

/// (source code, target code, CAMEO code) of every event.
fn triples(text: &str) -> Vec<(String, String, String)> {
    triples_with(pipeline(), text)
}

fn triples_with(p: &Pipeline, text: &str) -> Vec<(String, String, String)> {
    code_with(p, text)
        .into_iter()
        .map(|e| {
            (
                e.source.map(|a| a.code).unwrap_or_default(),
                e.target.map(|a| a.code).unwrap_or_default(),
                e.cameo.code,
            )
        })
        .collect()
}

#[test]
fn pronoun_subject_stands_for_the_speaker() {
    let t = triples("Hungary has said it will support the Security Council resolution.");
    assert!(
        t.iter().any(|(s, _, c)| s == "HUN" && c.starts_with("03")),
        "{t:?}"
    );
    let t = triples("The Fijian rebels said they will release Prime Minister Mahendra Chaudhry.");
    assert!(
        t.iter()
            .any(|(s, _, c)| s.starts_with("FJI") && c == "0353"),
        "{t:?}"
    );
}

#[test]
fn quantity_of_people_is_the_subject() {
    let t = triples("Thousands of Iraqi Kurds demonstrated in Kirkuk on Sunday.");
    assert!(
        t.iter().any(|(s, _, c)| s == "IRQ" && c.starts_with("14")),
        "{t:?}"
    );
}

#[test]
fn sector_word_inside_the_pattern_is_not_the_target() {
    let t = triples(
        "British Defence Secretary Tom King has promised to continue military aid to Mozambique.",
    );
    assert!(
        t.iter()
            .any(|(s, o, c)| s.starts_with("GBR") && o == "MOZ" && c == "0332"),
        "{t:?}"
    );
}

#[test]
fn apposition_gives_way_to_its_head() {
    let t = triples("Pakistan, a key U.S. ally in the war against terrorism, has refused to deploy peacekeepers in Iraq.");
    assert!(
        t.iter().any(|(s, _, c)| s == "PAK" && c.starts_with("12")),
        "{t:?}"
    );
    assert!(
        !t.iter().any(|(s, _, c)| s == "USA" && c.starts_with("12")),
        "{t:?}"
    );
}

#[test]
fn killing_takes_the_code_of_the_attack_named() {
    let t = triples(
        "At least three Iraqi civilians have been killed in a suicide car bombing in Baghdad.",
    );
    assert!(
        t.iter()
            .any(|(_, o, c)| o.starts_with("IRQ") && c.starts_with("183")),
        "{t:?}"
    );
}

#[test]
fn bare_sector_takes_the_country_of_the_place() {
    let t = triples("Demonstrators blocked a road in Baghdad on Tuesday.");
    assert!(t.iter().any(|(s, _, _)| s.starts_with("IRQ")), "{t:?}");
}

#[test]
fn plural_people_noun_is_a_subject() {
    let t = triples("Palestinians blamed Israel for the bombing.");
    assert!(
        t.iter()
            .any(|(s, o, c)| s == "PSE" && o == "ISR" && c == "112"),
        "{t:?}"
    );
}

#[test]
fn compound_shares_its_country() {
    let t = triples("Danish media and government warned Russia on Monday.");
    assert!(t.iter().any(|(s, _, _)| s == "DNKMED"), "{t:?}");
    assert!(t.iter().any(|(s, _, _)| s == "DNKGOV"), "{t:?}");
}

#[test]
fn an_act_without_target_lands_on_the_place() {
    let t = triples("Serbia lifted a night curfew in Montenegro on Sunday.");
    assert!(t.iter().any(|(s, o, _)| s == "SRB" && o == "MNE"), "{t:?}");
    // a threat of an act there lands there too (as the PLOVER gold codes it)
    let t = triples("The Algerian president threatened to impose a curfew in Oran on Sunday.");
    assert!(
        t.iter()
            .any(|(s, o, c)| s == "DZAGOV" && o == "DZA" && c.starts_with("13")),
        "{t:?}"
    );
    // a statement made somewhere is not aimed at the place
    let t = triples("Serbia criticised the decision in Montenegro on Sunday.");
    assert!(!t.iter().any(|(_, o, _)| o == "MNE"), "{t:?}");
}

#[test]
fn irregular_force_on_civilians_is_unconventional_violence() {
    let t = triples("Rebels killed three villagers near Kabul on Sunday.");
    assert!(t.iter().any(|(_, _, c)| c == "180"), "{t:?}");
    // conventional force between armed forces stays 19
    let t = triples("Rebels attacked the army near Kabul on Sunday.");
    assert!(t.iter().any(|(_, _, c)| c.starts_with("19")), "{t:?}");
}

#[test]
fn a_dateline_date_does_not_date_the_events() {
    let events = code("WASHINGTON, May 16 (Daily Compass) - A Chinese coast guard ship used a water cannon against a Philippine boat.");
    let e = events
        .iter()
        .find(|e| e.cameo.root == "17")
        .expect("the water cannon is coded");
    // the dateline says when the report was filed: the event is dated by
    // the document, not by "May 16"
    assert_eq!(
        e.date_source,
        sitrep_model::EventDateSource::Document,
        "{e:?}"
    );
}

#[test]
fn a_noun_subject_of_would_is_hypothetical() {
    let events = code("An armed attack on Philippine forces would invoke US defence commitments.");
    assert!(
        events
            .iter()
            .filter(|e| e.cameo.root == "19")
            .all(|e| e.modality == sitrep_model::Modality::Hypothetical),
        "{events:?}"
    );
}

#[test]
fn who_condemns_an_attack_did_not_attack() {
    let t = triples("UN Secretary-General Antonio Guterres condemned the attack on the village.");
    assert!(
        !t.iter()
            .any(|(s, _, c)| s.starts_with("IGO") && c.starts_with("19")),
        "{t:?}"
    );
    // a light verb carries the act: "launched an attack" is the subject's
    let t = triples("Azerbaijani forces launched an attack on the village.");
    assert!(
        t.iter()
            .any(|(s, _, c)| s == "AZEMIL" && c.starts_with("19")),
        "{t:?}"
    );
}

#[test]
fn the_reporting_date_does_not_date_the_report() {
    let doc = Document {
        id: "t".into(),
        text: "Three Armenian soldiers were killed on Sunday, the army said on Tuesday.".into(),
        date: chrono::NaiveDate::from_ymd_opt(2020, 10, 7),
        date_source: DateSource::Record,
        ..Default::default()
    };
    let events = pipeline().annotate(&doc).events;
    let e = events.iter().find(|e| e.cameo.root == "19").expect("coded");
    assert_eq!(
        e.date,
        chrono::NaiveDate::from_ymd_opt(2020, 10, 4),
        "{e:?}"
    );
}

#[test]
fn petrarch_pattern_slots_place_the_actors() {
    // a user's PETRARCH verb dictionary: "$" and "+" say where the source and
    // the target stand, "^" passes over a noun phrase
    let p = pipeline_with_dict(
        "slots",
        "--- SHOT  [223] ---\nSHOT\n- + WAS * DEAD IN $ [224]\n\n--- WARN  [160] ---\nWARN\n- * AT ^ +  [162]\n",
        |verbs| Config {
            verb_dicts: vec![verbs],
            ..Default::default()
        },
    );
    let coded = |text: &str| triples_with(&p, text);
    // the one shot stands before "was", the place after "in" is the source
    let t = coded("A Ukrainian was shot dead in Russia on Monday.");
    assert!(
        t.iter()
            .any(|(s, o, c)| s == "RUS" && o == "UKR" && c == "224"),
        "{t:?}"
    );
    // "^" passes over "the Russian embassy": the target is after it
    let t = coded("France warned at the Russian embassy the German government.");
    assert!(
        t.iter()
            .any(|(s, o, c)| s == "FRA" && o == "DEUGOV" && c == "162"),
        "{t:?}"
    );
}

#[test]
fn an_act_about_another_act_is_aimed_where_that_one_is() {
    // the agreement is about the aid: it is aimed at the aid's recipients
    let t = triples(
        "European Community foreign ministers agreed in principle on Saturday to provide about 70 million dollars of aid for Romania.",
    );
    assert!(
        t.iter()
            .any(|(s, o, c)| s.starts_with("IGO") && o == "ROU" && c.starts_with("03")),
        "{t:?}"
    );
}

#[test]
fn violence_with_no_doer_named_is_coded_from_where_it_happened() {
    let t =
        triples("A roadside bombing near the town of Samarra on Sunday killed one U.S. soldier.");
    assert!(
        t.iter()
            .any(|(s, o, c)| s == "IRQ" && o.starts_with("USA") && c.starts_with("18")),
        "{t:?}"
    );
    // at home, the place says nothing of who did it
    let t = triples("Two Iraqi soldiers were killed near Samarra on Sunday.");
    assert!(!t.iter().any(|(s, _, _)| s == "IRQ"), "{t:?}");
}

#[test]
fn a_later_sentence_naming_the_act_is_a_further_mention() {
    let events = code(
        "Tajik forces opened fire on Kyrgyz border posts on Sunday. The clashes began over cameras. \
         The attackers stayed for an hour. Both sides said no one was hurt. \
         Residents said they heard gunfire for most of the afternoon. \
         Kyrgyzstan has scheduled a new round of talks.",
    );
    let fire = events
        .iter()
        .find(|e| e.cameo.root == "19" || e.cameo.root == "18")
        .expect("the shooting is coded");
    let sentences: Vec<usize> = fire.mentions.iter().map(|m| m.sentence).collect();
    assert_eq!(sentences, vec![0, 1, 2, 3, 4], "{fire:#?}");
    // a new round of talks is not more of the shooting, nor an event
    assert!(
        events
            .iter()
            .all(|e| e.mentions.iter().all(|m| m.sentence != 5) || e.source.is_some()),
        "{events:#?}"
    );
}

#[test]
fn protest_with_no_target_is_aimed_at_the_authorities_at_home() {
    let t = triples("Hundreds of Chilean students staged a hunger strike on Monday.");
    assert!(
        t.iter()
            .any(|(s, o, c)| s.starts_with("CHL") && o == "CHLGOV" && c.starts_with("14")),
        "{t:?}"
    );
    // in another country, that country's authorities
    let t = triples("Thousands of Turkish workers demonstrated in Berlin on Sunday.");
    assert!(
        t.iter()
            .any(|(s, o, c)| s.starts_with("TUR") && o.starts_with("DEU") && c.starts_with("14")),
        "{t:?}"
    );
    // a state does not protest against itself
    let t = triples("The Chilean government staged a boycott on Monday.");
    assert!(!t.iter().any(|(_, o, _)| o == "CHLGOV"), "{t:?}");
}

#[test]
fn an_announced_measure_is_the_speakers_act() {
    let t = triples("Spain announced a suspension of flights to Morocco on Friday.");
    assert!(
        t.iter()
            .any(|(s, o, c)| s == "ESP" && o == "MAR" && c.starts_with("16")),
        "{t:?}"
    );
    // a report of someone else's act is not the reporter's
    let t = triples("Spain said a suspension of flights to Morocco was likely.");
    assert!(
        !t.iter().any(|(s, _, c)| s == "ESP" && c.starts_with("16")),
        "{t:?}"
    );
}

#[test]
fn opposed_to_and_engaged_in_are_the_subjects_own_stance() {
    let t = triples("Norway is opposed to Swedish mediation in the talks.");
    assert!(t.iter().any(|(s, o, _)| s == "NOR" && o == "SWE"), "{t:?}");
}

#[test]
fn withdrawal_from_a_place_targets_the_country_left() {
    let t = triples("Kenya began the withdrawal of its forces from Somalia on Monday.");
    assert!(
        t.iter()
            .any(|(s, o, c)| s == "KEN" && o.starts_with("SOM") && c.starts_with("087")),
        "{t:?}"
    );
}

#[test]
fn an_arrival_lands_on_the_country_arrived_in() {
    let t = triples("The Chilean foreign minister arrived in Lima on Tuesday.");
    assert!(
        t.iter()
            .any(|(s, o, c)| s.starts_with("CHL") && o == "PER" && c.starts_with("04")),
        "{t:?}"
    );
}

#[test]
fn association_participles_are_not_acts() {
    let t = triples("A militia linked to the Iranian government attacked Kurdish villages.");
    assert!(!t.iter().any(|(_, _, c)| c.starts_with("06")), "{t:?}");
    // an active verb with its object between is an act
    let t = triples("Russia linked the bombing to Chechen rebels.");
    assert!(!t.is_empty(), "{t:?}");
}

#[test]
fn a_passive_subject_named_after_an_actor_is_the_target() {
    let t = triples("A shelter for Sudanese refugees was attacked by Chadian rebels.");
    assert!(
        t.iter()
            .any(|(s, o, c)| s.starts_with("TCD") && o.starts_with("SDN") && c.starts_with("1")),
        "{t:?}"
    );
}

#[test]
fn a_coordinated_verb_keeps_a_subject_that_names_no_actor() {
    let t = triples("A roadside bomb killed two Afghan soldiers and wounded three others.");
    assert!(
        !t.iter().any(|(s, _, _)| s.starts_with("AFG")),
        "the soldiers did not wound anyone: {t:?}"
    );
}

#[test]
fn the_subject_of_a_passive_is_the_target_of_the_act_named_after_it() {
    let t = triples("Three Iraqi civilians have been killed in a suicide car bombing in Mosul.");
    assert!(
        t.iter()
            .any(|(_, o, c)| o.starts_with("IRQ") && c.starts_with("18")),
        "{t:?}"
    );
    assert!(!t.iter().any(|(s, _, _)| s == "IRQCVL"), "{t:?}");
}

#[test]
fn petrarch_pattern_connectors_forms_and_complex_codes() {
    let p = pipeline_with_dict(
        "connect",
        "--- RESTORE  [064] ---\nRESTORE\n- * FULL DIPLOMATIC  [+++]\n- * TIES  [064]\n\n\
         --- ADOPT  [081] ---\nADOPT\n- * RESOLUTION  [102]\n\n\
         --- ALLOW  [080] ---\nALLOW\n- RECENTLY_*  [025]\n\n\
         --- CONFISCATE  [1711] ---\nCONFISCATE\nWIRE_+TAP\n- WILL NOT *  [081]\n\n\
         --- REGRET  [111] ---\nREGRET  {REGRETTED REGRETS}\n- NOTED + *  [115]\n",
        |verbs| Config {
            verb_dicts: vec![verbs],
            only_given_verbs: true,
            ..Default::default()
        },
    );
    let coded = |text: &str| triples_with(&p, text);
    let has = |t: &[(String, String, String)], s: &str, o: &str, c: &str| {
        t.iter()
            .any(|(a, b, x)| a.starts_with(s) && b.starts_with(o) && x == c)
    };
    // "+++" flags a complex phrase for coding by hand: the verb's other
    // patterns code the sentence
    let t = coded("Ethiopia is about to restore full diplomatic ties with Eritrea.");
    assert!(has(&t, "ETH", "ERI", "064"), "{t:?}");
    assert!(t.iter().all(|x| x.2 != "+++"), "{t:?}");
    // pattern words match only as written: "resolutions" is not "RESOLUTION"
    let t = coded("Egypt adopted a resolution with Jordan on water sharing.");
    assert!(has(&t, "EGY", "JOR", "102"), "{t:?}");
    let t = coded("Egypt adopted a set of resolutions with Jordan on water sharing.");
    assert!(has(&t, "EGY", "JOR", "081"), "{t:?}");
    // "RECENTLY_*": the adverb must stand right before the verb
    let t = coded("Turkey recently allowed Greece to inspect the cargo ships.");
    assert!(has(&t, "TUR", "GRC", "025"), "{t:?}");
    let t = coded("Turkey recently did allow Greece to inspect the cargo ships.");
    assert!(has(&t, "TUR", "GRC", "080"), "{t:?}");
    // a multi-word verb's own words stand right before it, after those of
    // the pattern ("will not" + "wire tap"); the pattern's negation is
    // part of the act it codes
    let e = code_with(&p, "German police will not wire tap the Russian embassy.");
    assert!(
        e.iter().any(|e| e.cameo.code == "081"
            && e.modality != sitrep_model::Modality::Negated
            && e.target.as_ref().is_some_and(|a| a.code.starts_with("RUS"))),
        "{e:?}"
    );
    // "NOTED + *": the target stands before the verb, so the subject
    // before "noted" is the source
    let t = coded("The German chancellor noted that Russia regretted the decision.");
    assert!(has(&t, "DEU", "RUS", "115"), "{t:?}");
}

#[test]
fn a_subject_pronoun_after_the_verb_is_not_its_object() {
    // "he" opens the reported clause: the one warned is named after it
    let e = code("President Emmanuel Macron warned that he would not negotiate with Russian President Vladimir Putin.");
    let warn = e
        .iter()
        .find(|e| e.cameo.code.starts_with("13"))
        .expect("a threat");
    assert_eq!(
        warn.target.as_ref().map(|a| a.code.as_str()),
        Some("RUSGOV")
    );
    assert!(warn
        .explanation
        .rules
        .iter()
        .any(|r| r.contains("subject pronoun after the predicate")));
}

#[test]
fn the_owner_of_a_subject_with_no_actor_stands_for_it() {
    // "the press service" names no actor; the military it belongs to acts
    let e = code("The press service of the Ukrainian military accused Russia of shelling Kharkiv.");
    let accuse = e
        .iter()
        .find(|e| e.cameo.code.starts_with("11"))
        .expect("an accusation");
    assert_eq!(
        accuse.source.as_ref().map(|a| a.code.as_str()),
        Some("UKRMIL")
    );
    assert!(accuse
        .explanation
        .rules
        .iter()
        .any(|r| r.contains("the subject's head names no actor")));
}

#[test]
fn an_agent_stacks_its_code_on_a_coded_group() {
    // CAMEO codes stack: a group's code takes the agent named beside it,
    // unless it holds that agent already
    let t = triples("Hamas security officials accused Israel of violating the truce.");
    assert!(
        t.iter()
            .any(|(s, o, c)| s == "PSEREBHMSCOP" && o == "ISR" && c.starts_with("11")),
        "{t:?}"
    );
    let t = triples("White House officials accused China of unfair trade practices.");
    assert!(
        t.iter()
            .any(|(s, _, c)| s == "USAGOV" && c.starts_with("11")),
        "{t:?}"
    );
}

#[test]
fn an_open_connector_in_an_actor_phrase_passes_over_modifiers() {
    // a space, not "_": words may stand between "IRAN" and "RADIO"
    let p = pipeline_with_dict("open", "IRAN RADIO [IRNMED]\n", |actors| Config {
        actor_dicts: vec![actors],
        ..Default::default()
    });
    let t = triples_with(&p, "Iran state radio accused Israel of sabotage on Sunday.");
    assert!(
        t.iter()
            .any(|(s, o, c)| s == "IRNMED" && o == "ISR" && c.starts_with("11")),
        "{t:?}"
    );
}

#[test]
fn a_fronted_participle_with_a_by_phrase_is_passive() {
    // the one named after "by" condemns; the main clause's subject is condemned
    let e = code("Condemned by the United Nations, Israel expanded settlements in the West Bank.");
    let condemn = e
        .iter()
        .find(|e| e.cameo.code.starts_with("11"))
        .expect("a disapproval");
    assert_eq!(
        condemn.source.as_ref().map(|a| a.code.as_str()),
        Some("IGOUNO")
    );
    assert_eq!(
        condemn.target.as_ref().map(|a| a.code.as_str()),
        Some("ISR")
    );
    assert!(condemn
        .explanation
        .rules
        .iter()
        .any(|r| r.starts_with("participle clause opening the sentence")));
}

#[test]
fn a_word_after_a_hyphenated_modifier_is_a_noun() {
    let p = pipeline_with_dict("prefix", "--- PARADE  [017] ---\nPARADE\n", |verbs| {
        Config {
            verb_dicts: vec![verbs],
            only_given_verbs: true,
            ..Default::default()
        }
    });
    // "an anti- Russia parade": a noun phrase, however "parade" is tagged;
    // the dictionary knows only the verb, so nothing is coded
    let t = triples_with(
        &p,
        "Thousands marched with an anti- Russia parade on Saturday.",
    );
    assert!(t.iter().all(|(_, _, c)| c != "017"), "{t:?}");
}

#[test]
fn a_coordinated_subject_names_both_owners() {
    // "Jordan's tribes" and "the clans of the Iraqi Kurds" both condemn
    let e = code(
        "Jordan's tribes and the clans of the Iraqi Kurds condemned the killing of the sheikh.",
    );
    let sources: Vec<&str> = e
        .iter()
        .filter(|e| e.cameo.code.starts_with("11"))
        .filter_map(|e| e.source.as_ref().map(|a| a.code.as_str()))
        .collect();
    assert!(
        sources.contains(&"JOR") && sources.iter().any(|s| s.starts_with("IRQ")),
        "{sources:?}"
    );
    assert!(e
        .iter()
        .flat_map(|e| &e.explanation.rules)
        .any(|r| r.starts_with("coordinated subject")));
}

#[test]
fn the_subject_of_a_subordinate_clause_is_not_the_object() {
    // "after Palestinian protesters threw stones": the protesters act in
    // a clause of their own; the troops' fire has no target named
    let t = triples("Israeli troops opened fire after Palestinian protesters threw stones.");
    assert!(
        t.iter()
            .any(|(s, g, c)| s == "ISRMIL" && g.is_empty() && c == "193"),
        "{t:?}"
    );
    let t = triples("Malian soldiers reached the village a day after the jihadists left.");
    assert!(
        t.iter()
            .any(|(s, g, c)| s == "MLIMIL" && !g.contains("REB") && c.starts_with("15")),
        "{t:?}"
    );
}

#[test]
fn a_definite_noun_without_its_complement_refers_back() {
    // "exchange" is coded with a complement ("of prisoners", "of fire");
    // "The exchange took place" names whichever was told before
    let e = code(
        "Armenia and Azerbaijan exchanged prisoners on Monday. \
         The exchange took place on the border.",
    );
    assert!(
        e.iter()
            .any(|e| e.cameo.code == "0841" && e.mentions.iter().any(|m| m.sentence == 1)),
        "{e:#?}"
    );
    // an object is what the verb's act is about, not another mention
    let e =
        code("Armenia and Azerbaijan exchanged prisoners on Monday. Russia welcomed the exchange.");
    assert!(
        e.iter()
            .filter(|e| e.cameo.code == "0841")
            .all(|e| e.mentions.iter().all(|m| m.sentence == 0)),
        "{e:#?}"
    );
}

#[test]
fn words_that_are_no_act_where_they_stand() {
    let codes = |text: &str| -> Vec<String> { triples(text).into_iter().map(|t| t.2).collect() };
    // an adverb: "back" is no backing
    let c = codes("Police were driven back by Palestinian protesters.");
    assert!(!c.iter().any(|c| c == "050"), "{c:?}");
    // "going to" only tells the future
    let c = codes("Israel is going to review its ties with Jordan.");
    assert!(!c.iter().any(|c| c.starts_with("04")), "{c:?}");
    // a naming participle
    let c = codes("US aircraft dropped a bomb called the Daisy Cutter on Taliban positions.");
    assert!(!c.iter().any(|c| c == "041" || c == "020"), "{c:?}");
    // "help" before a bare verb: the verb after it is the act
    let t = triples("Britain sent troops to help guard government buildings in Kabul.");
    assert!(!t.iter().any(|t| t.2 == "070"), "{t:?}");
}

#[test]
fn an_actor_before_the_modifiers_of_a_noun_is_its_source() {
    // "Palestinian suicide bombings": the modifiers between the actor and
    // the noun do not hide who bombs
    let t = triples(
        "The United States envoy met Israeli leaders on a mission beset by Palestinian suicide bombings.",
    );
    assert!(
        t.iter().any(|(s, _, c)| s == "PSE" && c.starts_with("18")),
        "{t:?}"
    );
}

#[test]
fn who_is_under_pressure_is_its_target() {
    // "under international pressure to crack down on militants": the
    // leader is pressed; the militants are the crackdown's target
    let t = triples(
        "The Palestinian leader Yasser Arafat, under international pressure to crack down on militants, has outlawed the armed wings of Hamas.",
    );
    assert!(
        t.iter()
            .any(|(s, g, c)| s.is_empty() && g == "PSEGOV" && c == "170"),
        "{t:?}"
    );
    // "pressure from Australia": the country named is who presses, not
    // where it happens
    let t = triples("Under pressure from Australia and Britain, Indonesia agreed to hold talks.");
    assert!(
        t.iter().any(|(s, _, c)| s == "AUS" && c == "170")
            && t.iter().any(|(s, _, c)| s == "GBR" && c == "170")
            && !t
                .iter()
                .any(|(s, g, c)| s == "GBR" && g == "AUS" && c == "170"),
        "{t:?}"
    );
}

#[test]
fn a_disaster_is_no_one_s_act() {
    for text in [
        "Twenty-one people including 14 Australians were killed when a thunderstorm struck.",
        "Peru mourned the more than 220 people killed in a fire in downtown Lima.",
        "Investigators released their report into the crash, which killed eight Australians.",
    ] {
        let t = triples(text);
        assert!(
            !t.iter()
                .any(|(_, _, c)| c.starts_with("18") || c.starts_with("19") || c.starts_with("20")),
            "{text}: {t:?}"
        );
    }
    // a killing with its doer named stays one
    let t = triples("Israeli troops killed two Palestinians in a raid on Jenin.");
    assert!(
        t.iter()
            .any(|(s, g, c)| s == "ISRMIL" && g == "PSE" && c == "190"),
        "{t:?}"
    );
    // "opened fire" is an act, not a fire; the killing is its toll, one
    // act of force (190, or 193 for the firing that did it)
    let t = triples("Israeli troops opened fire, killing two Palestinians.");
    assert!(
        t.iter()
            .any(|(s, g, c)| s == "ISRMIL" && g == "PSE" && c.starts_with("19")),
        "{t:?}"
    );
    assert_eq!(t.len(), 1, "one act: {t:?}");
    let t = triples("Two Palestinian protesters were killed when Israeli troops opened fire.");
    assert!(
        t.iter()
            .any(|(_, g, c)| g.starts_with("PSE") && c.starts_with("19")),
        "{t:?}"
    );
}

#[test]
fn a_noun_telling_how_an_act_was_done_is_its_subject_s() {
    // "arrested two Palestinians in a raid": the raid is the troops', not
    // the Palestinians'
    let t = triples("Israeli troops arrested two Palestinians in a raid on Jenin.");
    assert!(
        t.iter()
            .any(|(s, _, c)| s == "ISRMIL" && c.starts_with("19")),
        "{t:?}"
    );
    assert!(
        !t.iter().any(|(s, _, c)| s == "PSE" && c.starts_with("19")),
        "{t:?}"
    );
}

#[test]
fn adverbs_joined_by_a_conjunction_keep_the_passive() {
    // "was heavily and unjustly criticized" is as passive as "was heavily
    // criticized": the subject is the target, the by-phrase the source
    let t = triples("Israel was sharply and repeatedly criticized by the United Nations.");
    assert!(
        t.iter()
            .any(|(s, g, c)| s == "IGOUNO" && g == "ISR" && c.starts_with("11")),
        "{t:?}"
    );
    assert!(!t.iter().any(|(s, _, _)| s == "ISR"), "{t:?}");
}

#[test]
fn an_actor_no_dictionary_codes_is_reported_by_its_words() {
    let ev = code("Minerva McGonagall met the Israeli foreign minister on Tuesday.");
    let e = ev
        .iter()
        .find(|e| e.cameo.code.starts_with("04"))
        .unwrap_or_else(|| panic!("{ev:?}"));
    assert!(e.source.is_none(), "{e:?}");
    assert_eq!(
        e.uncoded_source.as_ref().map(|n| n.text.as_str()),
        Some("Minerva McGonagall")
    );
    assert_eq!(e.target.as_ref().map(|a| a.code.as_str()), Some("ISRGOV"));
    // a pattern's reverse code ("LEFT [032:033]") runs between named actors too
    let p = pipeline_with_dict("uncoded", "--- LEFT  [032:033]  ---\nLEFT\n", |verbs| {
        Config {
            verb_dicts: vec![verbs],
            only_given_verbs: true,
            ..Default::default()
        }
    });
    let ev = code_with(
        &p,
        "Minerva McGonagall left for Albus Dumbledore on Wednesday.",
    );
    let named = |e: &Event| {
        (
            e.uncoded_source.as_ref().map(|n| n.text.clone()),
            e.uncoded_target.as_ref().map(|n| n.text.clone()),
            e.cameo.code.clone(),
        )
    };
    let got: Vec<_> = ev.iter().map(named).collect();
    let (m, mm) = (
        "Minerva McGonagall".to_string(),
        "Albus Dumbledore".to_string(),
    );
    assert!(
        got.contains(&(Some(m.clone()), Some(mm.clone()), "032".into())),
        "{got:?}"
    );
    assert!(got.contains(&(Some(mm), Some(m), "033".into())), "{got:?}");
    // 0 words: no names, and an event with no actor at all is dropped again
    let p = Pipeline::new(&Config {
        any_language: true,
        uncoded_name_words: Some(0),
        ..Default::default()
    })
    .unwrap();
    let ev = code_with(
        &p,
        "Minerva McGonagall met the Israeli foreign minister on Tuesday.",
    );
    assert!(ev.iter().all(|e| e.uncoded_source.is_none()), "{ev:?}");
}

#[test]
fn a_capitalised_verb_after_a_proper_noun_is_part_of_a_name() {
    for (text, name) in [
        (
            "But Yallourn Energy mine manager, Lindsay Ward, says all power generation at the plant has been halted.",
            "Ward",
        ),
        (
            "Shire president, Ron Grant, says investigations are underway as to the whereabouts of the crew.",
            "Grant",
        ),
    ] {
        let ev = code(text);
        assert!(
            ev.iter().all(|e| e.explanation.predicate != name),
            "{name}: {:?}",
            ev.iter()
                .map(|e| (&e.explanation.predicate, &e.cameo.code))
                .collect::<Vec<_>>()
        );
    }
    // the verb itself is still an act
    let t = triples("Police will ward off the protesters, a spokeswoman said.");
    assert!(
        t.iter().any(|(_, _, c)| c == "0334" || c.starts_with("07")),
        "{t:?}"
    );
}

#[test]
fn events_naming_different_uncoded_actors_stay_apart_in_a_document() {
    let ev = code("John Smith met Peter Jones on Monday. Mary Brown met Peter Jones on Monday.");
    let mut names: Vec<_> = ev
        .iter()
        .filter(|e| e.cameo.code.starts_with("04"))
        .filter_map(|e| e.uncoded_source.as_ref().map(|n| n.text.clone()))
        .collect();
    names.sort();
    assert_eq!(names, vec!["John Smith", "Mary Brown"], "{ev:?}");
}

#[test]
fn words_that_only_look_like_a_name_are_not_one() {
    let named = |text: &str| -> Vec<String> {
        code(text)
            .iter()
            .flat_map(|e| [&e.uncoded_source, &e.uncoded_target])
            .filter_map(|n| n.as_ref().map(|n| n.text.clone()))
            .collect()
    };
    // a sentence's first word alone is capitalised for its place
    assert!(named("Mortar shells hit Beirut on Monday.").is_empty());
    // a name after a preposition is where, not who
    assert!(named("Farmers across Breitingen have blocked roads.").is_empty());
    // the end of a longer capitalised phrase, or a name going on into a noun
    assert!(named("Militants set off an Improvised Explosive Device near the base.").is_empty());
    assert!(named("Troops attacked the Osornillo sector on Monday.").is_empty());
    // a real name still counts
    assert_eq!(
        named("Police arrested Rong Chhun on Friday."),
        vec!["Rong Chhun".to_string()]
    );
}

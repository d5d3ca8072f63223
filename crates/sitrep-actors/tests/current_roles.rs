//! Offices on the document's date and the recogniser fixes of issue #20's
//! second round: a title in the text over a dictionary's elite code,
//! open-ended Phoenix roles that end, first names that tell namesakes
//! apart, descriptions and leaders of a named group that add no code, and
//! a shared organisation name chosen by the countries of the text.

use chrono::NaiveDate;
use sitrep_actors::{ActorLexicon, DocMemory, Found};
use std::sync::OnceLock;

fn lex() -> &'static ActorLexicon {
    static L: OnceLock<ActorLexicon> = OnceLock::new();
    L.get_or_init(ActorLexicon::builtin)
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The actors of one sentence read on `date` with a fresh memory.
fn run(text: &str, date: Option<NaiveDate>) -> Vec<Found> {
    lex().recognise_text(text, date, &mut DocMemory::default())
}

/// The code of the actor whose text contains `t`, or "(none)".
fn code(found: &[Found], t: &str) -> String {
    found
        .iter()
        .find(|f| f.mention.actor.text.contains(t))
        .map(|f| f.mention.actor.code.clone())
        .unwrap_or_else(|| "(none)".into())
}

/// "President Ashraf Ghani's office said in a statement the \"enemies of
/// the country\" had carried out the attack" (January 2019): the Phoenix
/// dictionary knows Ghani only as an elite (AFGELI, he became president
/// after it was compiled); the title in the text is his office that day.
/// "The Foreign Affairs Minister Alexander Downer has refused to say" (ABC,
/// December 2001): Phoenix dates his ministry from 2003 only.
#[test]
fn a_title_in_the_text_outranks_an_elite_code() {
    let d = day(2019, 1, 20);
    let titled = run(
        "President Ashraf Ghani's office said in a statement that the enemies of the country had carried out the attack.",
        d,
    );
    assert_eq!(code(&titled, "Ghani"), "AFGGOV");
    // untitled, the dictionary's code stands
    let bare = run("Ashraf Ghani spoke to reporters in Kabul.", d);
    assert_eq!(code(&bare, "Ghani"), "AFGELI");
    let downer = run(
        "The Foreign Affairs Minister Alexander Downer has refused to say for how long the claims process has been put on hold.",
        day(2001, 12, 15),
    );
    assert_eq!(code(&downer, "Downer"), "AUSGOV");
    // "former" still drops the office
    let former = run(
        "Former Foreign Minister Alexander Downer said the talks would fail.",
        day(2001, 12, 15),
    );
    assert_eq!(code(&former, "Downer"), "AUSELI");
}

/// "...to pressure the country's President Volodymyr Zelensky into
/// announcing a corruption inquiry into Joe Biden, Trump's leading
/// Democratic rival" (November 2019): Phoenix left Biden's office open
/// from 2009 ("[USAGOV >090120]"); open-ended roles end a term after the
/// dictionaries' last dated change (scripts/gen_actors.py,
/// close_stale_roles), so in 2019 he is an elite again, and the Wikidata
/// leaders' row makes him USAGOV from 2021.
#[test]
fn open_ended_phoenix_roles_end() {
    let s = "The hearings asked whether aid was held back to force an inquiry into Joe Biden.";
    assert_eq!(code(&run(s, day(2010, 6, 1)), "Biden"), "USAGOV");
    assert_eq!(code(&run(s, day(2019, 11, 20)), "Biden"), "USAELI");
    assert_eq!(code(&run(s, day(2021, 6, 1)), "Biden"), "USAGOV");
}

/// "Kurt Volker, the former special envoy to Ukraine, and Tim Morrison, a
/// former National Security Council official, testified side-by-side"
/// (November 2019): "Morrison" alone would be Australia's prime minister
/// that year, but "Tim" is not Scott Morrison's first name.
#[test]
fn a_first_name_tells_a_namesake_from_the_dictionary_person() {
    let d = day(2019, 11, 20);
    let tim = run(
        "Later in the day, Kurt Volker and Tim Morrison testified before the House Committee.",
        d,
    );
    assert!(!code(&tim, "Morrison").starts_with("AUS"), "{tim:?}");
    let scott = run("Later in the day, Scott Morrison spoke in Canberra.", d);
    assert_eq!(code(&scott, "Morrison"), "AUSGOV");
    // an initial fits
    let initial = run("Later in the day, S. Morrison spoke in Canberra.", d);
    assert_eq!(code(&initial, "Morrison"), "AUSGOV");
}

/// "Islamist group al-Shabaab says it carried out the bombing." and "The
/// al-Qaeda affiliated terrorist group Nusra Front took responsibility for
/// the attacks": the words before the name say what the group is; they add
/// no sector to its code (SOMREBMUS, SYRREBMUSUAF before).
#[test]
fn a_description_before_a_group_name_adds_no_code() {
    let bare = code(
        &run("Al-Shabaab says it carried out the bombing.", None),
        "Shabaab",
    );
    let described = run(
        "Islamist group al-Shabaab says it carried out the bombing.",
        None,
    );
    assert_eq!(code(&described, "al-Shabaab"), bare);
    let nusra = code(
        &run("Nusra Front took responsibility for the attacks.", None),
        "Nusra",
    );
    let described = run(
        "The terrorist group Nusra Front took responsibility for the attacks.",
        None,
    );
    assert_eq!(code(&described, "Nusra Front"), nusra);
}

/// "Duque also demanded that Cuba extradite the ten ELN leaders that found
/// refuge on the island nation": the leaders act for the group, and
/// "leaders" (GOV for states' leaders) is no part of a rebel code.
#[test]
fn a_groups_leaders_carry_its_code() {
    let mut mem = DocMemory::default();
    let d = day(2019, 1, 20);
    let first = lex().recognise_text(
        "The National Liberation Army (ELN) attacked a police academy in Colombia.",
        d,
        &mut mem,
    );
    let eln = code(&first, "National Liberation Army");
    let later = lex().recognise_text(
        "The president demanded that Cuba extradite the ten ELN leaders.",
        d,
        &mut mem,
    );
    assert_eq!(code(&later, "ELN"), eln);
}

/// "The National Liberation Army (ELN) accepted responsibility for the
/// attack and justified it as a response to the bombings made by the
/// Colombian government": Colombia's and Bolivia's rebels share the name;
/// the country the sentence names, else one met earlier, chooses.
#[test]
fn a_shared_organisation_name_is_chosen_by_the_countries_named() {
    let d = day(2019, 1, 20);
    let col = run(
        "The National Liberation Army accepted responsibility for the attack and justified it as a response to bombings by the Colombian government.",
        d,
    );
    assert_eq!(code(&col, "National Liberation Army"), "COLREB");
    let bol = run(
        "The National Liberation Army attacked a Bolivian army post.",
        d,
    );
    assert_eq!(code(&bol, "National Liberation Army"), "BOLREB");
    // a country met in an earlier sentence of the document
    let mut mem = DocMemory::default();
    lex().recognise_text("Colombian police raised the alert.", d, &mut mem);
    let later = lex().recognise_text("The National Liberation Army denied it.", d, &mut mem);
    assert_eq!(code(&later, "National Liberation Army"), "COLREB");
}

/// "A 'phase one' trade deal, once expected to be completed within weeks
/// of an October news conference between Trump and Chinese vice-premier
/// Liu He, could now be pushed into next year": "He" ends the name; it is
/// not a pronoun for Trump.
#[test]
fn a_capitalised_he_after_a_name_is_part_of_it() {
    let d = day(2019, 11, 20);
    let found = run(
        "A trade deal was once expected within weeks of a news conference between Trump and Chinese vice-premier Liu He, trade experts say.",
        d,
    );
    assert!(
        !found.iter().any(|f| f.mention.actor.text == "He"),
        "{found:?}"
    );
    // titled, the whole name is the person's
    let titled = run(
        "Chinese Deputy Prime Minister Liu He met the trade representative.",
        d,
    );
    let liu = titled
        .iter()
        .find(|f| f.mention.actor.text.ends_with("Liu He"))
        .unwrap_or_else(|| panic!("{titled:?}"));
    assert_eq!(liu.mention.actor.code, "CHNGOV");
    // a pronoun opening a sentence is still one
    let mut mem = DocMemory::default();
    lex().recognise_text(
        "Foreign Minister Sergey Lavrov arrived.",
        day(2019, 1, 1),
        &mut mem,
    );
    let he = lex().recognise_text("He met the envoys.", day(2019, 1, 1), &mut mem);
    assert_eq!(code(&he, "He"), "RUSGOV");
}

/// "John Smith met Peter Jones on Monday." (2020): once the Phoenix offices
/// of the other Smiths have ended, only John Hilary Smith of Kiribati keeps
/// a row covering the date, his undated default (KIRELI); a surname names a
/// person holding an office on the day, which a default row is not.
#[test]
fn a_surname_names_only_a_dated_office_holder() {
    let found = run("Peter Jones met Smith on Monday.", day(2020, 11, 9));
    assert!(!code(&found, "Smith").starts_with("KIR"), "{found:?}");
    // a surname whose holder has a dated office on the day still names them
    let lavrov = run("Officials said Lavrov met the envoys.", day(2010, 6, 1));
    assert_eq!(code(&lavrov, "Lavrov"), "RUSGOV");
    // "An Argentine judge has ordered former president Carlos Menem to
    // appear": a first name and a surname one person carries name him
    let menem = run(
        "A judge has ordered Carlos Menem to appear for questioning.",
        day(2001, 6, 1),
    );
    assert_eq!(code(&menem, "Menem"), "ARGELI");
}

/// "Prime Minister Theresa May promised to review Britain's
/// counter-terrorism strategy" (June 2017): Phoenix has her as Home
/// Secretary from 2010 with no end ("THERESA_MAY_ # CountryInfo.txt
/// [GBRGOVHRI >100601]"), a role CountryInfo attested at its 2012 release;
/// it ends four years after that release, not after the last Phoenix
/// update, so the title in the text decides in 2017.
#[test]
fn a_countryinfo_role_ends_after_countryinfo_s_release() {
    let f = run(
        "Prime Minister Theresa May promised to review the strategy.",
        day(2017, 6, 5),
    );
    assert_eq!(code(&f, "Theresa May"), "GBRGOV");
    // while it was attested, the role stands
    let g = run("Theresa May spoke to reporters.", day(2012, 6, 1));
    assert_eq!(code(&g, "Theresa May"), "GBRGOVHRI");
}

/// "The mass detention of a million or more Uighurs and other minorities
/// originated in directives from Xi to show absolutely no mercy" (November
/// 2019): a Chinese name puts the family name first, and a bare "Xi" is the
/// holder of the office on the day.
#[test]
fn a_family_name_written_first_names_the_office_holder() {
    let f = run(
        "The detention originated in directives from Xi to show no mercy.",
        day(2019, 11, 20),
    );
    assert_eq!(code(&f, "Xi"), "CHNGOV");
}

/// "In each case, President Trump tied himself to the outcome" (November
/// 2019): the tables hold Donald J. Trump only from 2025, so no office
/// covers the day; after a title, the surname one person alone carries
/// names him, and the title gives his office on the day. A possessive ends
/// the name: the month after "Trump's" is no part of it.
#[test]
fn a_title_before_a_surname_one_person_carries_names_that_person() {
    let d = day(2019, 11, 20);
    let found = run(
        "In each case, President Trump tied himself to the outcome.",
        d,
    );
    assert_eq!(code(&found, "Trump"), "USAGOV");
    let found = run(
        "Morrison was the third witness who listened in on President Trump's July 25 call.",
        d,
    );
    assert_eq!(code(&found, "Trump"), "USAGOV");
    // without a title the bare surname still names no one
    let found = run("Polls show that Trump is almost back to where he was.", d);
    assert_eq!(code(&found, "Trump"), "(none)");
}

/// "The Trump administration has imposed successive rounds of sanctions on
/// high-ranking members of Maduro's administration" (July 2017): a
/// government word after the surname makes it its leader's, whose country
/// is the government's (not the story's Venezuela).
#[test]
fn a_government_word_after_a_surname_takes_its_leaders_country() {
    let found = run(
        "The Trump administration has imposed successive rounds of sanctions.",
        day(2017, 7, 30),
    );
    assert_eq!(code(&found, "Trump"), "USAGOV");
}

/// "Secretary of State Mike Pompeo said the release of the hostages
/// give[s] us hope" (November 2019): Pompeo is in no table; Phoenix's
/// United States actor "Secretary of State" (USAGOV) gives him his country
/// as well as the agent's sector. An organisation that says something else
/// than the agent on the same words does not replace it.
#[test]
fn an_office_the_dictionary_gives_a_country_makes_the_titled_persons_code() {
    let d = day(2019, 11, 20);
    let found = run(
        "Secretary of State Mike Pompeo said the release gives us hope. Pompeo spoke on Tuesday.",
        d,
    );
    assert_eq!(code(&found, "Mike Pompeo"), "USAGOV");
    let later: Vec<&Found> = found
        .iter()
        .filter(|f| f.mention.actor.text == "Pompeo")
        .collect();
    assert_eq!(later.len(), 1);
    assert_eq!(later[0].mention.actor.code, "USAGOV");
}

/// "Kurt Volker, the former special envoy to Ukraine, and Tim Morrison ...
/// testified side-by-side before the House Intelligence Committee": a
/// committee named with its chamber is the legislature's (LEG), not the
/// sector of its subject word ("Intelligence", SPY).
#[test]
fn a_committee_of_a_chamber_is_the_legislature() {
    let found = run(
        "Two witnesses testified before the House Intelligence Committee on Tuesday.",
        day(2019, 11, 20),
    );
    let f = found
        .iter()
        .find(|f| f.mention.actor.text.contains("Intelligence Committee"))
        .expect("the committee is found");
    assert_eq!(f.mention.actor.sector.as_deref(), Some("LEG"));
}

/// "Former U.S. ambassador to Ukraine Marie Yovanovitch has a net worth of
/// $17 million. ... former U.S. ambassador to the Ukraine Marie Yovanovitch
/// testified": the posting belongs to the title also when the name after
/// it is one the document has named already.
#[test]
fn a_posting_before_a_name_met_before_stays_the_titles() {
    let found = run(
        "Former U.S. ambassador to Ukraine Marie Yovanovitch has a net worth of $17 million. \
         On Nov. 15, 2019, former U.S. ambassador to the Ukraine Marie Yovanovitch testified.",
        day(2019, 11, 20),
    );
    let codes: Vec<&str> = found
        .iter()
        .filter(|f| f.mention.actor.text.contains("Yovanovitch"))
        .map(|f| f.mention.actor.code.as_str())
        .collect();
    assert_eq!(codes, ["USAELI", "USAELI"]);
}

/// "Kurt Volker, the former special envoy to Ukraine, and Tim Morrison, a
/// former National Security Council official, testified": the posting of a
/// title in apposition after the name is the title's, so Ukraine is no
/// actor of the sentence (its story country is then free to say whose
/// envoy he was).
#[test]
fn a_posting_in_apposition_after_the_name_is_no_actor() {
    let found = run(
        "Kurt Volker, the former special envoy to Ukraine, and Tim Morrison testified on Tuesday.",
        day(2019, 11, 20),
    );
    assert!(
        !found.iter().any(|f| f.mention.actor.code == "UKR"),
        "{:?}",
        found
            .iter()
            .map(|f| (&f.mention.actor.text, &f.mention.actor.code))
            .collect::<Vec<_>>()
    );
    let volker = found
        .iter()
        .find(|f| f.mention.actor.text.contains("Volker"))
        .expect("Volker is found");
    assert_eq!(volker.mention.actor.sector.as_deref(), Some("ELI"));
}

/// "Julio Borges, president of the opposition-led National Assembly, said
/// only 7% of the electorate had voted": the participle compound does not
/// cut the title from the body it heads, whose sector (LEG) is the
/// person's.
#[test]
fn a_title_of_a_body_described_by_a_participle_takes_the_bodys_sector() {
    let found = run(
        "Julio Borges, president of the opposition-led National Assembly, said only 7% had voted.",
        day(2017, 7, 31),
    );
    let f = found
        .iter()
        .find(|f| f.mention.actor.text.contains("Julio Borges"))
        .expect("Borges is found");
    assert_eq!(f.mention.actor.sector.as_deref(), Some("LEG"));
}

/// "Duque also demanded that Cuba extradite the ten ELN leaders that found
/// refuge on the island nation" (WikiEvents, January 2019): a sentence
/// opening with a surname alone names the one holder of a dated office on
/// the day, as the surname does inside a sentence; a capitalised opening
/// word that is no proper noun, or one a number follows, names nobody.
#[test]
fn a_sentence_may_open_with_a_surname() {
    let d = day(2019, 1, 20);
    let duque = run(
        "Duque also demanded that Cuba extradite the ten ELN leaders that found refuge on the island nation.",
        d,
    );
    assert_eq!(code(&duque, "Duque"), "COLGOV");
    let maduro = run("Maduro said the talks would go on.", d);
    assert_eq!(code(&maduro, "Maduro"), "VENGOV");
    // without a date no office is known to be held: no one is named
    let undated = run("Maduro said the talks would go on.", None);
    assert_eq!(code(&undated, "Maduro"), "(none)");
    // a month, a number after it: not a surname
    let may = run("May 5 was a quiet day in the capital.", day(2018, 5, 6));
    assert_eq!(code(&may, "May"), "(none)");
}

/// "An October news conference between Trump and Chinese vice-premier Liu
/// He" (November 2019): a deputy's title in one hyphenated word is the
/// office's title, as "vice premier" in two words is; it introduces the
/// name after it, which takes the adjective's country. A hyphenated word
/// that is no office ("a vice-like grip") is no title.
#[test]
fn a_hyphenated_deputy_title_is_the_office() {
    let d = day(2019, 11, 20);
    let liu = run(
        "The talks followed a news conference between Trump and Chinese vice-premier Liu He in October.",
        d,
    );
    assert_eq!(code(&liu, "Liu He"), "CHNGOV");
    let two_words = run(
        "The talks followed a news conference between Trump and Chinese vice premier Liu He in October.",
        d,
    );
    assert_eq!(code(&two_words, "Liu He"), "CHNGOV");
    let grip = run("The army kept a vice-like grip on the city.", d);
    assert!(grip.iter().all(|f| !f.mention.actor.text.contains("vice")));
}

/// "Afghanistan's new interim government, with Hamid Karzai as Prime
/// Minister, is to be sworn in on the same day" (ABC, December 2001, a week
/// before Phoenix's dated role for him begins): "as" and a title after a
/// person's name title him here, as a title before the name does.
#[test]
fn a_title_after_as_titles_the_person() {
    let d = day(2001, 12, 15);
    let titled = run(
        "Afghanistan's new interim government, with Hamid Karzai as Prime Minister, is to be sworn in on the same day.",
        d,
    );
    assert_eq!(code(&titled, "Karzai"), "AFGGOV");
    // without the title the dictionary's code on the day stands
    let bare = run(
        "Afghanistan's new interim government, with Hamid Karzai at its head, is to be sworn in on the same day.",
        d,
    );
    assert_eq!(code(&bare, "Karzai"), "AFGELI");
}

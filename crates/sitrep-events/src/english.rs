//! English words the grammar rules of the coder rely on: the one place
//! for this crate's language data read over the parse.

use crate::lexicon::verb_forms;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Prepositions that introduce whom a verb's act is done to or with
/// ("fired on the convoy", "clashed with police", "sanctions against").
/// Place and time prepositions ("in", "during") do not.
pub const TARGET_PREPOSITIONS: &[&str] = &[
    "against", "on", "upon", "at", "with", "to", "into", "toward", "towards", "from", "over", "of",
    "for",
];

/// Prepositions that introduce a noun's patient ("strikes on Al Qaeda
/// fighters", "talks with the Northern Alliance", "the arrest of the
/// suspect").
pub const NOUN_TARGET_PREPOSITIONS: &[&str] = &[
    "against", "on", "upon", "at", "with", "of", "to", "toward", "towards", "into", "between",
];

/// Verbs that only carry an act named by their object: the act's agent is
/// their subject ("carried out bombings", "launched two incursions",
/// "held talks").
const SUPPORT_LEMMAS: &[&str] = &[
    "carry",
    "launch",
    "conduct",
    "stage",
    "mount",
    "hold",
    "wage",
    "make",
    "step",
    "intensify",
    "continue",
    "begin",
    "start",
    "resume",
    "escalate",
    "unleash",
    "perpetrate",
    "commit",
    "order",
    "lead",
    "undertake",
    "execute",
    "deliver",
    "claim",
];

/// Verbs whose infinitive complement happened when they did ("began to
/// shell the city", "managed to escape"): the complement is an act, not
/// an intention.
const ASPECT_LEMMAS: &[&str] = &[
    "begin", "start", "continue", "resume", "manage", "proceed", "keep", "go", "come", "use",
    "help",
];

/// Verbs of speech and allegation: a clause they govern is what someone
/// says happened ("India alleges the attack was backed by …").
const SPEECH_LEMMAS: &[&str] = &[
    "say",
    "tell",
    "state",
    "announce",
    "claim",
    "report",
    "add",
    "allege",
    "insist",
    "confirm",
    "stress",
    "note",
    "declare",
    "assert",
    "write",
    "tweet",
    "argue",
    "suggest",
    "accuse",
    "charge",
    "deny",
    "believe",
    "think",
    "fear",
    "warn",
    "estimate",
    "reveal",
    "show",
    "indicate",
    "explain",
    "acknowledge",
    "admit",
    "testify",
    "quote",
];

/// Subordinators of a condition ("if the talks fail").
pub const CONDITIONS: &[&str] = &["if", "unless", "whether"];

/// Auxiliary verbs, which carry tense and voice and tell no act of their
/// own ("a bomb had exploded", "was placed").
pub const AUXILIARIES: &[&str] = &[
    "is", "was", "were", "are", "be", "been", "being", "has", "had", "have",
];

/// Nouns naming a weapon rather than an act: "a bomb" is an event only
/// where the sentence tells it going off or being used ("a bomb exploded",
/// "planted a bomb"), not in "the alleged bomb maker" or "instructions on
/// how to build a bomb".
pub const INSTRUMENT_NOUNS: &[&str] = &[
    "bomb",
    "bombs",
    "device",
    "devices",
    "explosive",
    "explosives",
    "grenade",
    "grenades",
    "ied",
    "ieds",
];

/// Verbs telling a weapon going off, with the weapon as subject ("a bomb
/// exploded", "the device ripped through the market").
const GO_OFF_LEMMAS: &[&str] = &[
    "explode", "detonate", "go", "blow", "rip", "tear", "hit", "strike", "kill", "injure", "wound",
    "damage", "destroy", "shatter", "hurt", "wreck", "burst",
];

/// Verbs telling a weapon used, with the weapon as object ("planted a
/// bomb", "hurled grenades", "a device was detonated").
const USE_LEMMAS: &[&str] = &[
    "plant", "place", "set", "detonate", "explode", "throw", "hurl", "lob", "drop", "fire",
    "launch", "use", "leave", "hide", "trigger", "toss", "deliver", "send", "mail",
];

/// Verbs telling deaths and injuries, which news tells as the outcome of
/// an attack named beside them ("the bombings killed 21 people and injured
/// 182").
const CASUALTY_LEMMAS: &[&str] = &["kill", "injure", "wound", "hurt", "maim", "die"];

/// Whether `word` (lower case) is a form of a verb of a weapon going off.
pub fn is_go_off_verb(word: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| forms(GO_OFF_LEMMAS)).contains(word)
}

/// Whether `word` (lower case) is a form of a verb of using a weapon.
pub fn is_use_verb(word: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| forms(USE_LEMMAS)).contains(word)
}

/// Whether `word` (lower case) is a form of a verb of deaths or injuries.
pub fn is_casualty_verb(word: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| forms(CASUALTY_LEMMAS)).contains(word)
}

fn forms(lemmas: &[&str]) -> HashSet<String> {
    lemmas
        .iter()
        .flat_map(|l| verb_forms(l).into_iter().map(|(f, _)| f))
        .collect()
}

/// Whether `word` (lower case) is a form of a support verb.
pub fn is_support_verb(word: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| forms(SUPPORT_LEMMAS)).contains(word)
}

/// Whether `word` (lower case) is a form of an aspect verb.
pub fn is_aspect_verb(word: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| forms(ASPECT_LEMMAS)).contains(word)
}

/// Whether `word` (lower case) is a form of a speech or allegation verb.
pub fn is_speech_verb(word: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| forms(SPEECH_LEMMAS)).contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_forms_are_known() {
        assert!(is_support_verb("carried"));
        assert!(is_support_verb("launches"));
        assert!(is_aspect_verb("began"));
        assert!(is_speech_verb("alleges"));
        assert!(is_speech_verb("said"));
        assert!(!is_speech_verb("attacked"));
        assert!(is_go_off_verb("exploded"));
        assert!(is_use_verb("planted"));
        assert!(is_casualty_verb("killing"));
        assert!(!is_casualty_verb("attacked"));
    }
}

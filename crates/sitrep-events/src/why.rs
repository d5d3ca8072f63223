//! The ids of the pattern coder's rules. An event's explanation is a list
//! of [`Rule`]s: each names the rule that applied by one of these ids (data a
//! program can count and filter on) and says in words what it did to this
//! event. The grammar stage's rules have ids of their own (`grammar.*`), as
//! do the confidence model (`confidence.*`) and reference linking
//! (`refer.*`).

use sitrep_model::Rule;

/// A rule of the pattern coder (crates/sitrep-events/src/coder.rs), by the
/// step of coding it takes: roles, modality, dates, places, codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Why {
    RefersBack,
    Stative,
    FrontedParticiple,
    Passive,
    PassiveSubjectNamedAfter,
    CoordinatedVerbNoActor,
    FirstActorAfter,
    SharedSubject,
    PronounSubject,
    ActiveSubject,
    SecondOwner,
    SpeakerInfinitive,
    ReceivingFrom,
    NounModifierSource,
    NounByPhrase,
    NounManner,
    NounVictim,
    NounObjectOfAct,
    LightVerb,
    NounObjectOf,
    WithdrawalFrom,
    NounFrom,
    Between,
    NounTarget,
    SubjectOfHead,
    SubjectPronounNotObject,
    PatternPlace,
    PatternSlot,
    PatternSubject,
    Denied,
    NegatedByGovernor,
    PatternNegation,
    NegationBefore,
    Hypothetical,
    Claimed,
    Future,
    FutureOrIntended,
    Location,
    AttackNounCode,
    MustDemand,
    Refusal,
    Intention,
    CompoundPairs,
    ArrivalVisit,
    IrregularForce,
    AnySense,
    Actor,
    Uncoded,
    AboutActTarget,
    DateText,
    DatePublication,
    PlaceTarget,
    ProtestAuthorities,
    PlaceSource,
    SharesAgent,
    EachCountry,
    SharesCountry,
    PlaceCountry,
    Domestic,
}

impl Why {
    /// The id written into the explanation (`coder.<name>`).
    pub fn id(self) -> &'static str {
        match self {
            Why::RefersBack => "coder.refers_back",
            Why::Stative => "coder.stative",
            Why::FrontedParticiple => "coder.fronted_participle",
            Why::Passive => "coder.passive",
            Why::PassiveSubjectNamedAfter => "coder.passive_subject_named_after",
            Why::CoordinatedVerbNoActor => "coder.coordinated_verb_no_actor",
            Why::FirstActorAfter => "coder.first_actor_after",
            Why::SharedSubject => "coder.shared_subject",
            Why::PronounSubject => "coder.pronoun_subject",
            Why::ActiveSubject => "coder.active_subject",
            Why::SecondOwner => "coder.second_owner",
            Why::SpeakerInfinitive => "coder.speaker_infinitive",
            Why::ReceivingFrom => "coder.receiving_from",
            Why::NounModifierSource => "coder.noun_modifier_source",
            Why::NounByPhrase => "coder.noun_by_phrase",
            Why::NounManner => "coder.noun_manner",
            Why::NounVictim => "coder.noun_victim",
            Why::NounObjectOfAct => "coder.noun_object_of_act",
            Why::LightVerb => "coder.light_verb",
            Why::NounObjectOf => "coder.noun_object_of",
            Why::WithdrawalFrom => "coder.withdrawal_from",
            Why::NounFrom => "coder.noun_from",
            Why::Between => "coder.between",
            Why::NounTarget => "coder.noun_target",
            Why::SubjectOfHead => "coder.subject_of_head",
            Why::SubjectPronounNotObject => "coder.subject_pronoun_not_object",
            Why::PatternPlace => "coder.pattern_place",
            Why::PatternSlot => "coder.pattern_slot",
            Why::PatternSubject => "coder.pattern_subject",
            Why::Denied => "coder.denied",
            Why::NegatedByGovernor => "coder.negated_by_governor",
            Why::PatternNegation => "coder.pattern_negation",
            Why::NegationBefore => "coder.negation_before",
            Why::Hypothetical => "coder.hypothetical",
            Why::Claimed => "coder.claimed",
            Why::Future => "coder.future",
            Why::FutureOrIntended => "coder.future_or_intended",
            Why::Location => "coder.location",
            Why::AttackNounCode => "coder.attack_noun_code",
            Why::MustDemand => "coder.must_demand",
            Why::Refusal => "coder.refusal",
            Why::Intention => "coder.intention",
            Why::CompoundPairs => "coder.compound_pairs",
            Why::ArrivalVisit => "coder.arrival_visit",
            Why::IrregularForce => "coder.irregular_force",
            Why::AnySense => "coder.any_sense",
            Why::Actor => "coder.actor",
            Why::Uncoded => "coder.uncoded",
            Why::AboutActTarget => "coder.about_act_target",
            Why::DateText => "coder.date_text",
            Why::DatePublication => "coder.date_publication",
            Why::PlaceTarget => "coder.place_target",
            Why::ProtestAuthorities => "coder.protest_authorities",
            Why::PlaceSource => "coder.place_source",
            Why::SharesAgent => "coder.shares_agent",
            Why::EachCountry => "coder.each_country",
            Why::SharesCountry => "coder.shares_country",
            Why::PlaceCountry => "coder.place_country",
            Why::Domestic => "coder.domestic",
        }
    }
}

/// One explanation step of the coder: its rule id and what it did here.
pub(crate) fn note(why: Why, text: impl Into<String>) -> Rule {
    Rule::new(why.id(), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_namespaced_and_unique_per_rule() {
        let all = [
            Why::RefersBack,
            Why::Stative,
            Why::FrontedParticiple,
            Why::Passive,
            Why::PassiveSubjectNamedAfter,
            Why::CoordinatedVerbNoActor,
            Why::FirstActorAfter,
            Why::SharedSubject,
            Why::PronounSubject,
            Why::ActiveSubject,
            Why::SecondOwner,
            Why::SpeakerInfinitive,
            Why::ReceivingFrom,
            Why::NounModifierSource,
            Why::NounByPhrase,
            Why::NounManner,
            Why::NounVictim,
            Why::NounObjectOfAct,
            Why::LightVerb,
            Why::NounObjectOf,
            Why::WithdrawalFrom,
            Why::NounFrom,
            Why::Between,
            Why::NounTarget,
            Why::SubjectOfHead,
            Why::SubjectPronounNotObject,
            Why::PatternPlace,
            Why::PatternSlot,
            Why::PatternSubject,
            Why::Denied,
            Why::NegatedByGovernor,
            Why::PatternNegation,
            Why::NegationBefore,
            Why::Hypothetical,
            Why::Claimed,
            Why::Future,
            Why::FutureOrIntended,
            Why::Location,
            Why::AttackNounCode,
            Why::MustDemand,
            Why::Refusal,
            Why::Intention,
            Why::CompoundPairs,
            Why::ArrivalVisit,
            Why::IrregularForce,
            Why::AnySense,
            Why::Actor,
            Why::Uncoded,
            Why::AboutActTarget,
            Why::DateText,
            Why::DatePublication,
            Why::PlaceTarget,
            Why::ProtestAuthorities,
            Why::PlaceSource,
            Why::SharesAgent,
            Why::EachCountry,
            Why::SharesCountry,
            Why::PlaceCountry,
            Why::Domestic,
        ];
        let mut ids: Vec<&str> = all.iter().map(|w| w.id()).collect();
        assert!(ids
            .iter()
            .all(|i| i.starts_with("coder.") && !i.contains(' ')));
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "two rules share an id");
        let r = note(Why::Passive, "passive voice");
        assert_eq!(
            (r.id.as_str(), r.text.as_str()),
            ("coder.passive", "passive voice")
        );
    }
}

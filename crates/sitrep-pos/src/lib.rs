//! Part-of-speech tagging and chunking for English news sentences, in pure Rust.
//!
//! The event coder needs to know which words are verbs, where the noun phrases around them
//! are, and whether a verb is negated, passive or in the future, without a download or a
//! Python process. This crate gives that:
//!
//! - [`tag`]: Penn Treebank tags from Matthew Honnibal's averaged-perceptron tagger. The
//!   weights (from textblob-aptagger, MIT; see data/pos/NOTICE.part) are embedded as text
//!   and parsed once, on first use; [`Tagger::from_dir`] loads others at run time. Tags are
//!   identical to the Python tagger's on the same Treebank tokens.
//!
//! Tokens are taken as sitrep-text's tokenizer cuts them (the token texts, one `&str`
//! each); see [`Tagger::tag`] for how they are matched to the Treebank's conventions.

mod model;
mod ptb;
mod tag;

pub use model::Tagger;
pub use ptb::ptb_tokens;
pub use tag::Tag;

/// Tag tokens with the embedded model; one tag per token. See [`Tagger::tag`].
pub fn tag(tokens: &[&str]) -> Vec<Tag> {
    Tagger::embedded().tag(tokens)
}

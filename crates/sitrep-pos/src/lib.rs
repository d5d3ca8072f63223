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
//! - [`chunk`]: noun phrases, "of" attachments, prepositional phrases and verb groups with
//!   tense, negation and voice, by rules over the tags.
//! - [`Parse`]: a tagged, chunked sentence with [`Parse::subject_of`] and
//!   [`Parse::object_of`] for a verb group.
//!
//! Tokens are taken as sitrep-text's tokenizer cuts them (the token texts, one `&str`
//! each); see [`Tagger::tag`] for how they are matched to the Treebank's conventions.
//!
//! ```
//! use sitrep_pos::{Parse, Tag, Tense};
//! let tokens = ["The", "village", "was", "shelled", "by", "Azerbaijani", "forces", "."];
//! let p = Parse::new(&tokens);
//! assert_eq!(p.tags[3], Tag::VBN);
//! let verb = p.verbs().next().unwrap();
//! let group = verb.verb().unwrap();
//! assert!(group.passive && group.tense == Tense::Past);
//! assert_eq!(p.text(p.subject_of(verb).unwrap()), "The village");
//! assert_eq!(p.text(p.object_of(verb).unwrap()), "Azerbaijani forces");
//! ```

mod chunk;
mod model;
mod parse;
mod ptb;
mod tag;

pub use chunk::{chunk, Chunk, ChunkKind, Tense, VerbGroup};
pub use model::{Fnv, Tagger};
pub use parse::Parse;
pub use ptb::ptb_tokens;
pub use tag::Tag;

/// Tag tokens with the embedded model; one tag per token. See [`Tagger::tag`].
pub fn tag(tokens: &[&str]) -> Vec<Tag> {
    Tagger::embedded().tag(tokens)
}

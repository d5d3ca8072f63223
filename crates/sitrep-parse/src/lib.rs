//! Part-of-speech tags and dependency trees for English sentences, in pure Rust.
//!
//! The event coder decides who did what to whom from grammar: the subject of a verb, its
//! object, the agent of a passive, the clause a verb sits in. This crate gives every
//! sentence that analysis, fast enough to run on everything sitrep reads:
//!
//! - a Penn Treebank tagger (greedy averaged perceptron);
//! - an arc-eager dependency parser with averaged-perceptron move and label models over
//!   hashed feature templates, producing Universal Dependencies relations ([`Rel`]):
//!   decoded with a beam of move sequences and trained globally (the shipped model, width
//!   8), or greedy and trained with a dynamic oracle (width 1);
//! - training from any UD treebank ([`train::train`]), deterministic for a given seed;
//! - attachment scores ([`eval::Scores`]) and CoNLL-U in and out ([`conllu`]).
//!
//! The model shipped in `data/parse/model.bin` was trained on UD English EWT (CC BY-SA
//! 4.0; see data/parse/NOTICE.part); the code is MIT OR Apache-2.0.

pub mod arc_eager;
mod beam;
pub mod conllu;
pub mod eval;
mod features;
pub mod gaps;
mod hash;
mod model;
pub mod parser;
mod perceptron;
mod rel;
pub mod sentences;
pub mod split;
pub mod tagger;
pub mod train;
mod words;

pub use model::{use_model, Analysis, Analyzer};
pub use rel::Rel;
pub use sentences::Boundaries;
pub use words::Word;

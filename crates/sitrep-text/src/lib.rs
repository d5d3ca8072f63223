//! Text stages: drop site debris, split sentences, tokenise.
//!
//! None of these stages rewrites the document text. Cleaning returns the
//! byte ranges of the lines it keeps and a reason for each line it drops;
//! segmentation and tokenisation return offsets into the original text, and
//! tokens carry a normalised form (lowercase, straight quotes, plain dashes)
//! for matching. That is how every value downstream keeps its provenance.

mod clean;
mod discard;
mod segment;
mod token;

pub use clean::{clean, Cleaned};
pub use discard::{Discarded, Discards, BUILTIN_DISCARDS};
pub use segment::segment;
pub use token::{normalize_word, tokenize, Token, TokenKind};

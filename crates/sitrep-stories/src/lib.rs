//! Stories: what happened across documents.
//!
//! - [`minhash`]: syndicated copies, recognised by near-identical text;
//! - [`merge`]: one real-world event from many reports, with mention,
//!   article and independent-source counts and the best date any report gives;
//! - [`cluster`]: incremental story clustering over time windows from
//!   actors, places and terms, with stable story ids.

pub mod cluster;
pub mod merge;
pub mod minhash;

pub use cluster::{features, ClusterParams, DocFeatures, StoryIndex, StoryState};
pub use merge::{merge, DocInfo, MergedEvent};

/// Similarity (estimated Jaccard of 5-word shingles) at which a document is
/// a copy of another.
pub const COPY_THRESHOLD: f64 = 0.8;

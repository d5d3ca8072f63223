//! Throughput of tagging and chunking, in tokens per second (run with --release).
//!
//! ```text
//! cargo run --release -p sitrep-pos --example speed [FILE] [PASSES]
//! ```
//! FILE holds one document a line (default: ../shared/corpus/lee/lee_background.cor);
//! it is segmented and tokenised once with sitrep-text, untimed, then tagged PASSES times
//! (default 5). A timing, not a test: the machine's load decides the figure.

use std::time::Instant;

use sitrep_pos::{Parse, Tagger};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().cloned().unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/corpus/lee/lee_background.cor"
        )
        .to_string()
    });
    let passes: usize = args.get(1).and_then(|p| p.parse().ok()).unwrap_or(5);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));

    let mut sentences: Vec<Vec<&str>> = Vec::new();
    for (ls, line) in line_ranges(&text) {
        for s in sitrep_text::segment(&text, &[(ls, ls + line.len())]) {
            let toks = sitrep_text::tokenize(&text, s.start, s.end);
            sentences.push(toks.iter().map(|t| &text[t.start..t.end]).collect());
        }
    }
    let n_tokens: usize = sentences.iter().map(Vec::len).sum();

    let t = Instant::now();
    let tagger = Tagger::embedded();
    let load = t.elapsed();

    let t = Instant::now();
    let mut sink = 0usize;
    for _ in 0..passes {
        for s in &sentences {
            sink += tagger.tag(s).len();
        }
    }
    let tag_secs = t.elapsed().as_secs_f64();

    let t = Instant::now();
    for _ in 0..passes {
        for s in &sentences {
            let p = Parse::new(s);
            for v in p.verbs() {
                sink += p.subject_of(v).is_some() as usize + p.object_of(v).is_some() as usize;
            }
        }
    }
    let parse_secs = t.elapsed().as_secs_f64();

    let total = (n_tokens * passes) as f64;
    println!(
        "{} sentences, {n_tokens} tokens x {passes} passes (checksum {sink})",
        sentences.len()
    );
    println!(
        "load (parse embedded weights): {:.1} ms",
        load.as_secs_f64() * 1e3
    );
    println!(
        "tag:                       {:>10.0} tokens/s",
        total / tag_secs
    );
    println!(
        "tag + chunk + subject/object: {:>7.0} tokens/s",
        total / parse_secs
    );
}

/// Non-empty lines with their byte offsets.
fn line_ranges(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        if !line.trim().is_empty() {
            out.push((start, line));
        }
        start += line.len() + 1;
    }
    out
}

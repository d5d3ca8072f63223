//! Times the sentence-boundary model over the lines of a text file and prints a checksum of
//! its decisions, so two builds can be compared for speed and for the same segmentation:
//! `cargo run --release -p sitrep-parse --example gap_speed -- FILE [ROUNDS]`.

use sitrep_parse::Boundaries;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: gap_speed FILE [ROUNDS]");
    let rounds: usize = args
        .next()
        .map_or(5, |r| r.parse().expect("ROUNDS is a number"));
    let text = std::fs::read_to_string(&path).expect("readable text file");
    let model = Boundaries::embedded();
    let lines: Vec<&str> = text.lines().collect();
    let gaps: usize = lines
        .iter()
        .map(|l| l.split_whitespace().count().saturating_sub(1))
        .sum();
    for _ in 0..rounds {
        let t = Instant::now();
        let (mut ends, mut check) = (0usize, 0u64);
        for line in &lines {
            for e in model.split(line) {
                ends += 1;
                check = check.rotate_left(7) ^ e as u64;
            }
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "{gaps} gaps, {ends} ends, checksum {check:016x}, {:.1} ms, {:.1} ns a gap",
            s * 1e3,
            s * 1e9 / gaps as f64
        );
    }
}

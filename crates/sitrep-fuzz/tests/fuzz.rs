//! Each target fuzzed for SITREP_FUZZ_SECS seconds (default 2), and every
//! saved regression input replayed. Run long with
//! `SITREP_FUZZ_SECS=600 cargo test --release -p sitrep-fuzz -- --test-threads 1 --nocapture`.

use sitrep_fuzz::targets::{Target, ALL};
use sitrep_fuzz::{budget, fuzz, peak_rss_kb, regressions};

fn run(name: &str) {
    let t: &Target = ALL.iter().find(|t| t.name == name).expect("a target");
    for (path, input) in regressions(name) {
        let r = std::panic::catch_unwind(|| (t.run)(&input));
        assert!(r.is_ok(), "regression {} panics again", path.display());
    }
    let seed = std::env::var("SITREP_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_0000 + name.len() as u64);
    let report = fuzz(t.name, &(t.seeds)(), budget(2.0), seed, t.run);
    eprintln!(
        "{report}; peak RSS of the test process {} kB",
        peak_rss_kb().unwrap_or(0)
    );
    assert!(
        report.findings.is_empty(),
        "{report}: inputs saved to {:?}",
        report.findings
    );
}

#[test]
fn fuzz_jsonl() {
    run("jsonl");
}
#[test]
fn fuzz_html() {
    run("html");
}
#[test]
fn fuzz_warc() {
    run("warc");
}
#[test]
fn fuzz_feed() {
    run("feed");
}
#[test]
fn fuzz_gzip() {
    run("gzip");
}
#[test]
fn fuzz_clean() {
    run("clean");
}
#[test]
fn fuzz_segment() {
    run("segment");
}
#[test]
fn fuzz_time() {
    run("time");
}
#[test]
fn fuzz_numbers() {
    run("numbers");
}
#[test]
fn fuzz_annotate() {
    run("annotate");
}

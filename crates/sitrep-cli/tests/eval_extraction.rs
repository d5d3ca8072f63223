//! `sitrep eval extraction` on a small data set made here.

use std::process::Command;

#[test]
fn eval_extraction_scores_and_lists_worst_pages() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("html")).unwrap();
    let body = "Armenia and Azerbaijan agreed to a ceasefire on Saturday after talks in Moscow hosted by Russia's foreign minister. The truce is meant to allow the exchange of prisoners and the bodies of the dead, the ministers said.";
    let good = format!(
        "<html><body><nav><a href='/'>Home</a></nav><article><p>{body}</p></article><footer><p>Copyright 2020 All rights reserved.</p></footer></body></html>"
    );
    std::fs::write(dir.path().join("html/good.html"), &good).unwrap();
    // the truth of this page is text the page does not hold
    std::fs::write(dir.path().join("html/bad.html"), &good).unwrap();
    let truth = serde_json::json!({
        "good": {"articleBody": body, "url": "https://news.test/good"},
        "bad": {"articleBody": "Completely different words that appear nowhere in the page at all", "url": "https://news.test/bad"},
    });
    std::fs::write(dir.path().join("ground-truth.json"), truth.to_string()).unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["eval", "extraction"])
        .arg(dir.path())
        .args(["--worst", "1"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("pages      2"), "{stdout}");
    // one page perfect, one with nothing right
    assert!(
        stdout.contains("per-page means: precision 0.5000  recall 0.5000  F1 0.5000"),
        "{stdout}"
    );
    assert!(stdout.contains("https://news.test/bad"), "{stdout}");
    assert!(
        !stdout.contains("https://news.test/good"),
        "only the worst page is listed: {stdout}"
    );

    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["eval", "extraction"])
        .arg(dir.path())
        .args(["--min-f1", "0.9"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

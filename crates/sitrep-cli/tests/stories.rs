//! Stories across documents, on the multi-document test corpus in
//! eval/stories (three stories, syndicated copies, a disputed death toll).

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sitrep(args: &[&str]) -> (String, String, bool) {
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .expect("run sitrep");
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).to_string(),
        out.status.success(),
    )
}

/// Purity and inverse purity of a clustering against gold classes.
fn purity(clusters: &[BTreeSet<String>], gold: &[BTreeSet<String>]) -> (f64, f64) {
    let n: usize = clusters.iter().map(|c| c.len()).sum();
    let best = |a: &[BTreeSet<String>], b: &[BTreeSet<String>]| -> f64 {
        a.iter()
            .map(|x| {
                b.iter()
                    .map(|y| x.intersection(y).count())
                    .max()
                    .unwrap_or(0)
            })
            .sum::<usize>() as f64
            / n as f64
    };
    (best(clusters, gold), best(gold, clusters))
}

#[test]
fn stories_copies_merged_events_and_disputed_figures() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let db = db.to_str().unwrap();
    let corpus = root().join("eval/stories/articles.jsonl");
    let truth: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("eval/stories/TRUTH.json")).unwrap(),
    )
    .unwrap();
    let (_, err, ok) = sitrep(&["ingest", corpus.to_str().unwrap(), "--db", db]);
    assert!(ok, "{err}");

    let (out, _, ok) = sitrep(&["stories", "--db", db, "--json"]);
    assert!(ok);
    let stories: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let clusters: Vec<BTreeSet<String>> = stories
        .iter()
        .map(|s| {
            s["doc_ids"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d.as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    let gold: Vec<BTreeSet<String>> = truth["stories"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| {
            v.as_array()
                .unwrap()
                .iter()
                .map(|d| d.as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    let (p, ip) = purity(&clusters, &gold);
    eprintln!(
        "purity {p:.3} inverse purity {ip:.3} over {} stories",
        stories.len()
    );
    assert!(
        p >= 0.9 && ip >= 0.9,
        "purity {p:.3}, inverse purity {ip:.3}"
    );

    // syndicated copies are linked to their originals
    let copies: BTreeSet<(String, String)> = stories
        .iter()
        .flat_map(|s| s["copies"].as_array().unwrap().clone())
        .map(|c| {
            (
                c[1].as_str().unwrap().to_string(),
                c[0].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for pair in truth["syndicated"].as_array().unwrap() {
        let p = (
            pair[0].as_str().unwrap().to_string(),
            pair[1].as_str().unwrap().to_string(),
        );
        assert!(
            copies.contains(&p),
            "copy {p:?} not linked; found {copies:?}"
        );
    }
    assert_eq!(
        copies.len(),
        truth["syndicated"].as_array().unwrap().len(),
        "spurious copies: {copies:?}"
    );

    // timelines: merged events counted per independent source, and the
    // disputed toll shown with both claimants
    let mut all_figures: BTreeMap<u64, BTreeSet<String>> = BTreeMap::new();
    let mut best_merge = 0usize;
    for s in &stories {
        let id = s["story_id"].as_str().unwrap();
        let (out, _, ok) = sitrep(&["timeline", id, "--db", db, "--json"]);
        assert!(ok);
        let t: Value = serde_json::from_str(&out).unwrap();
        for e in t["events"].as_array().unwrap() {
            let articles = e["num_articles"].as_u64().unwrap() as usize;
            let sources = e["num_sources"].as_u64().unwrap() as usize;
            let docs: BTreeSet<String> = e["doc_ids"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d.as_str().unwrap().to_string())
                .collect();
            // a copy never counts as an independent source
            let copies_in = copies
                .iter()
                .filter(|(o, c)| docs.contains(o) && docs.contains(c))
                .count();
            assert!(sources + copies_in <= articles, "{e}");
            assert!(e["num_mentions"].as_u64().unwrap() as usize >= articles);
            best_merge = best_merge.max(articles);
        }
        if let Some(killed) = t["figures"]["killed"].as_array() {
            for f in killed {
                if let (Some(b), Some(c)) = (f["best"].as_u64(), f["claimant"].as_str()) {
                    all_figures.entry(b).or_default().insert(c.to_string());
                }
            }
        }
    }
    assert!(best_merge >= 3, "no event merged across three reports");
    for d in truth["disputed"].as_array().unwrap() {
        for f in d["figures"].as_array().unwrap() {
            let best = f["best"].as_u64().unwrap();
            assert!(
                all_figures.contains_key(&best),
                "figure {best} missing from the timelines: {all_figures:?}"
            );
        }
    }
    let shown: BTreeSet<u64> = all_figures.keys().copied().collect();
    assert!(
        shown.contains(&17) && shown.contains(&31),
        "{all_figures:?}"
    );
    // the two figures come from different claimants
    assert_ne!(all_figures[&17], all_figures[&31]);

    // undated documents get a date from their story, flagged as inferred
    let (out, _, _) = sitrep(&["events", "--db", db, "--doc", "st-014"]);
    let inferred = out
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|e| e["date_source"] == "inferred")
        .count();
    assert!(
        inferred > 0,
        "st-014 has no date; its events should be dated from its story"
    );

    // re-ingesting changes nothing
    let (_, err, ok) = sitrep(&["ingest", corpus.to_str().unwrap(), "--db", db]);
    assert!(ok && err.contains("18 already stored"), "{err}");
    let (out2, _, _) = sitrep(&["stories", "--db", db, "--json"]);
    assert_eq!(out2.lines().count(), stories.len());
}

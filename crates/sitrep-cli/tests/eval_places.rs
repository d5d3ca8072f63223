//! Issue #7's accuracy bar for places, on the place test set (eval/places:
//! re3d Location annotations and written sentences). The re3d texts sit in
//! the shared data beside the project (`<repo>/../shared`, or `/work/shared`).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn re3d() -> Option<PathBuf> {
    let beside = root().join("../shared/eval/re3d");
    let p = if beside.exists() {
        beside
    } else {
        PathBuf::from("/work/shared/eval/re3d")
    };
    p.exists().then_some(p)
}

#[test]
fn places_meet_the_country_and_place_bar() {
    // the product never needs ../shared; this measurement does
    let Some(re3d) = re3d() else {
        eprintln!("skipped: ../shared/eval/re3d not found");
        return;
    };
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .arg("eval")
        .arg("places")
        .arg(root().join("eval/places/re3d.jsonl"))
        .arg(root().join("eval/places/sentences.jsonl"))
        .arg("--re3d")
        .arg(re3d)
        // issue #7 asks for 97% and 85%; the set stands at 97.7% and 97.4%
        .args([
            "--min-country",
            "97",
            "--min-place",
            "95",
            "--failures",
            "20",
        ])
        .output()
        .expect("run sitrep");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.contains("expected places  429"), "{report}");
}

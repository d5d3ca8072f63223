//! `sitrep export` on the bundled example corpus, read back by independent
//! readers: Python's csv and json modules, and pyarrow for Parquet (installed
//! into a virtual environment cached under target/, created on first use).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sitrep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .expect("run sitrep")
}

fn ok(out: Output, what: &str) -> Output {
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

const FORMATS: &[&str] = &[
    "gdelt",
    "gdelt-mentions",
    "phoenix",
    "plover",
    "polecat",
    "acled",
    "ucdp",
    "parquet",
    "jsonl",
    "csv",
];

/// The example corpus ingested into a fresh store.
fn example_store(dir: &Path) -> PathBuf {
    let db = dir.join("kb.db");
    let corpus = root().join("examples/karabakh");
    ok(
        sitrep(&[
            "ingest",
            corpus.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ]),
        "ingest",
    );
    db
}

fn event_count(db: &Path) -> usize {
    let out = ok(
        sitrep(&["events", "--db", db.to_str().unwrap(), "--format", "jsonl"]),
        "events",
    );
    String::from_utf8(out.stdout).unwrap().lines().count()
}

/// A Python with pyarrow: a venv under target/ made once and reused. When it
/// cannot be made the test fails, saying why (it never passes without checking).
fn python_with_pyarrow() -> PathBuf {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("export-check-venv");
    let py = venv.join("bin/python");
    let has_pyarrow = |py: &Path| {
        Command::new(py)
            .args(["-c", "import pyarrow.parquet"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if has_pyarrow(&py) {
        return py;
    }
    let made = Command::new("python3")
        .args(["-m", "venv", "--clear", venv.to_str().unwrap()])
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 to make a venv for the Parquet check: {e}"));
    assert!(
        made.status.success(),
        "python3 -m venv {} failed: {}",
        venv.display(),
        String::from_utf8_lossy(&made.stderr)
    );
    let pip = Command::new(&py)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "pyarrow",
        ])
        .output()
        .unwrap_or_else(|e| panic!("cannot run pip in {}: {e}", venv.display()));
    assert!(
        pip.status.success(),
        "pip install pyarrow failed (the Parquet export cannot be checked):\n{}{}",
        String::from_utf8_lossy(&pip.stdout),
        String::from_utf8_lossy(&pip.stderr)
    );
    assert!(has_pyarrow(&py), "pyarrow installed but does not import");
    py
}

#[test]
fn every_format_reads_back_with_independent_readers() {
    let tmp = tempfile::tempdir().unwrap();
    let db = example_store(tmp.path());
    let n = event_count(&db);
    assert!(n > 50, "the example should code many events, got {n}");
    let out_dir = tmp.path().join("exports");
    std::fs::create_dir_all(&out_dir).unwrap();
    for f in FORMATS {
        let path = out_dir.join(format!("out.{f}"));
        let out = ok(
            sitrep(&[
                "export",
                "--db",
                db.to_str().unwrap(),
                "--format",
                f,
                "-o",
                path.to_str().unwrap(),
            ]),
            &format!("export --format {f}"),
        );
        assert!(path.exists(), "{f}: nothing written");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(&format!("{n} events")),
            "{f}: summary does not count {n} events: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let py = python_with_pyarrow();
    let check = Command::new(py)
        .arg(root().join("scripts/check_exports.py"))
        .arg(&out_dir)
        .arg(&db)
        .arg(n.to_string())
        .output()
        .expect("run scripts/check_exports.py");
    let report = String::from_utf8_lossy(&check.stdout).to_string();
    assert!(
        check.status.success(),
        "independent read-back failed:\n{report}{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(report.starts_with("ok: "), "{report}");
    eprintln!("{report}");
}

#[test]
fn csv_export_is_the_events_table_and_filters_apply() {
    let tmp = tempfile::tempdir().unwrap();
    let db = example_store(tmp.path());
    let dbs = db.to_str().unwrap();
    let export = ok(
        sitrep(&["export", "--db", dbs, "--format", "csv"]),
        "export csv",
    );
    let events = ok(
        sitrep(&["events", "--db", dbs, "--format", "csv"]),
        "events csv",
    );
    assert_eq!(
        String::from_utf8_lossy(&export.stdout),
        String::from_utf8_lossy(&events.stdout)
    );

    // the same filters as `sitrep events`: only CAMEO 19x in GDELT rows
    let all = ok(
        sitrep(&["export", "--db", dbs, "--format", "gdelt"]),
        "gdelt",
    );
    let fights = ok(
        sitrep(&["export", "--db", dbs, "--format", "gdelt", "--cameo", "19"]),
        "gdelt --cameo 19",
    );
    let all_rows = String::from_utf8(all.stdout).unwrap();
    let rows: Vec<String> = String::from_utf8(fights.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert!(!rows.is_empty() && rows.len() < all_rows.lines().count());
    for r in &rows {
        let cols: Vec<&str> = r.split('\t').collect();
        assert_eq!(cols.len(), 61);
        assert_eq!(cols[28], "19", "EventRootCode of {r}");
    }
    // --header adds GDELT's column names; without it the file starts with data
    let with_header = ok(
        sitrep(&[
            "export", "--db", dbs, "--format", "gdelt", "--header", "--limit", "1",
        ]),
        "gdelt --header",
    );
    let text = String::from_utf8(with_header.stdout).unwrap();
    assert!(text.starts_with("GLOBALEVENTID\tSQLDATE\tMonthYear"));
    assert_eq!(text.lines().count(), 2);
    assert!(all_rows
        .lines()
        .next()
        .unwrap()
        .starts_with(char::is_numeric));

    // parquet needs a directory
    let bad = sitrep(&["export", "--db", dbs, "--format", "parquet"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("-o"));
}

#[test]
fn violent_events_carry_their_death_tolls() {
    let tmp = tempfile::tempdir().unwrap();
    let db = example_store(tmp.path());
    let out = ok(
        sitrep(&["export", "--db", db.to_str().unwrap(), "--format", "ucdp"]),
        "ucdp",
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rdr = text.lines();
    let header: Vec<&str> = rdr.next().unwrap().split(',').collect();
    let best = header.iter().position(|c| *c == "best").unwrap();
    let with_deaths = text
        .lines()
        .skip(1)
        .filter(|l| {
            l.split(',')
                .nth(best)
                .and_then(|v| v.parse::<u64>().ok())
                .is_some_and(|v| v > 0)
        })
        .count();
    // the corpus reports several death tolls next to the attacks they follow
    assert!(
        with_deaths >= 3,
        "only {with_deaths} violent events with deaths:\n{text}"
    );
}

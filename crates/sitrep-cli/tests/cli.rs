//! End-to-end tests of the `sitrep` binary on the bundled example corpus.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn examples() -> PathBuf {
    root().join("examples")
}

fn sitrep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .expect("run sitrep")
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

// ---- the output contract (docs/FORMATS.md) ----

fn is_date(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok())
}

fn check_actor(v: &Value, what: &str) {
    if v.is_null() {
        return;
    }
    let o = v
        .as_object()
        .unwrap_or_else(|| panic!("{what}: actor is not an object: {v}"));
    for k in ["id", "code", "name", "text"] {
        assert!(
            o.get(k).is_some_and(Value::is_string),
            "{what}: actor.{k} missing or not a string: {v}"
        );
    }
    assert!(
        !o["id"].as_str().unwrap().is_empty(),
        "{what}: empty actor id"
    );
    for k in ["country", "sector"] {
        assert!(
            o.get(k).is_some_and(|x| x.is_null() || x.is_string()),
            "{what}: actor.{k}: {v}"
        );
    }
    if let Some(c) = o["country"].as_str() {
        assert!(
            c.len() == 3 && c.chars().all(|c| c.is_ascii_uppercase()),
            "{what}: country {c} is not ISO alpha-3"
        );
        assert!(
            o["code"].as_str().unwrap().starts_with(c)
                || o["code"].as_str().unwrap().starts_with("IGO"),
            "{what}: code does not start with country: {v}"
        );
    }
}

fn check_place(v: &Value, what: &str) {
    if v.is_null() {
        return;
    }
    let o = v
        .as_object()
        .unwrap_or_else(|| panic!("{what}: place is not an object"));
    assert!(o["name"].is_string(), "{what}: place.name");
    for k in ["country", "admin1"] {
        assert!(o[k].is_null() || o[k].is_string(), "{what}: place.{k}");
    }
    for k in ["lat", "lon"] {
        assert!(o[k].is_null() || o[k].is_f64(), "{what}: place.{k}");
    }
    if let (Some(lat), Some(lon)) = (o["lat"].as_f64(), o["lon"].as_f64()) {
        assert!(
            (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon),
            "{what}: coordinates out of range"
        );
    }
    assert!(
        o["geonameid"].is_null() || o["geonameid"].is_u64(),
        "{what}: geonameid"
    );
    assert!(
        matches!(
            o["precision"].as_str(),
            Some("place" | "admin1" | "country")
        ),
        "{what}: precision"
    );
}

fn check_mention(v: &Value, what: &str) {
    let o = v.as_object().unwrap_or_else(|| panic!("{what}: mention"));
    assert!(o["doc_id"].is_string(), "{what}: mention.doc_id");
    for k in ["sentence", "start", "end"] {
        assert!(o[k].is_u64(), "{what}: mention.{k}");
    }
    assert!(
        o["start"].as_u64() <= o["end"].as_u64(),
        "{what}: start > end"
    );
    assert!(o["text"].is_string(), "{what}: mention.text");
}

/// Validate one line of `sitrep code` output against the contract.
fn check_line(v: &Value) {
    let what = v.to_string();
    let what = &what[..what.len().min(200)];
    match v["kind"].as_str() {
        Some("event") => {
            for k in ["event_id", "doc_id"] {
                assert!(v[k].as_str().is_some_and(|s| !s.is_empty()), "{what}: {k}");
            }
            assert!(v["date"].is_null() || is_date(&v["date"]), "{what}: date");
            assert!(
                matches!(
                    v["date_precision"].as_str(),
                    Some("day" | "month" | "year" | "none")
                ),
                "{what}: date_precision"
            );
            check_actor(&v["source"], what);
            // words naming an actor no dictionary codes: only beside an empty role
            for (role, words) in [("source", "uncoded_source"), ("target", "uncoded_target")] {
                let n = &v[words];
                if n.is_null() {
                    continue;
                }
                assert!(v[role].is_null(), "{what}: {words} beside a coded {role}");
                assert!(
                    n["text"].as_str().is_some_and(|t| !t.is_empty()),
                    "{what}: {words}.text"
                );
                assert!(
                    n["start"].as_u64() < n["end"].as_u64(),
                    "{what}: {words} offsets"
                );
            }
            check_actor(&v["target"], what);
            assert!(
                !(v["source"].is_null() && v["target"].is_null()),
                "{what}: an event without any actor"
            );
            let c = &v["cameo"];
            let code = c["code"].as_str().expect("cameo.code");
            assert!(
                (2..=4).contains(&code.len()) && code.chars().all(|c| c.is_ascii_digit()),
                "{what}: cameo.code {code}"
            );
            assert!(
                code.starts_with(c["base"].as_str().unwrap())
                    && code.starts_with(c["root"].as_str().unwrap()),
                "{what}: base/root"
            );
            assert_eq!(c["root"].as_str().unwrap().len(), 2, "{what}: root");
            let g = c["goldstein"].as_f64().expect("goldstein");
            assert!((-10.0..=10.0).contains(&g), "{what}: goldstein");
            let q = c["quad_class"].as_u64().expect("quad_class");
            assert!((1..=4).contains(&q), "{what}: quad_class");
            let p = &v["plover"];
            assert!(
                p.is_object()
                    && (p["event"].is_null() || p["event"].is_string())
                    && (p["mode"].is_null() || p["mode"].is_string()),
                "{what}: plover"
            );
            assert!(
                matches!(
                    v["modality"].as_str(),
                    Some("asserted" | "future" | "negated" | "hypothetical" | "claimed")
                ),
                "{what}: modality"
            );
            check_place(&v["location"], what);
            let conf = v["confidence"].as_f64().expect("confidence");
            assert!((0.0..=1.0).contains(&conf), "{what}: confidence");
            let m = v["mentions"].as_array().expect("mentions");
            assert!(!m.is_empty(), "{what}: no mentions");
            for x in m {
                check_mention(x, what);
            }
            assert!(
                v["explanation"]["pattern"].is_string() && v["explanation"]["rules"].is_array(),
                "{what}: explanation"
            );
        }
        Some("claim") => {
            assert!(v["doc_id"].is_string(), "{what}: doc_id");
            assert!(
                matches!(
                    v["category"].as_str(),
                    Some("killed" | "wounded" | "captured" | "missing" | "released" | "displaced")
                ),
                "{what}: category"
            );
            for k in ["low", "best", "high"] {
                assert!(v[k].is_null() || v[k].is_u64(), "{what}: {k}");
            }
            assert!(
                !(v["low"].is_null() && v["best"].is_null() && v["high"].is_null()),
                "{what}: no figure"
            );
            if let (Some(l), Some(h)) = (v["low"].as_u64(), v["high"].as_u64()) {
                assert!(l <= h, "{what}: low > high");
            }
            check_actor(&v["claimant"], what);
            assert!(v["date"].is_null() || is_date(&v["date"]), "{what}: date");
            check_place(&v["location"], what);
            check_mention(&v["mention"], what);
        }
        other => panic!("unknown kind {other:?} in {what}"),
    }
}

#[test]
fn code_output_follows_the_contract() {
    let out = sitrep(&["code", examples().join("karabakh").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ls = lines(&out);
    let events = ls.iter().filter(|v| v["kind"] == "event").count();
    let claims = ls.iter().filter(|v| v["kind"] == "claim").count();
    assert!(events >= 50, "only {events} events from the bundled corpus");
    assert!(claims >= 10, "only {claims} claims from the bundled corpus");
    for v in &ls {
        check_line(v);
    }
    // offsets point at the text they claim
    let docs = std::fs::read_to_string(examples().join("karabakh/articles.jsonl")).unwrap();
    let texts: std::collections::HashMap<String, String> = docs
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|d| {
            (
                d["id"].as_str().unwrap().to_string(),
                d["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for v in ls.iter().filter(|v| v["kind"] == "event") {
        let Some(text) = texts.get(v["doc_id"].as_str().unwrap()) else {
            continue;
        };
        let m = &v["mentions"][0];
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], m["text"].as_str().unwrap());
        for side in ["source", "target"] {
            let a = &v[side];
            if a.is_object() {
                let (s, e) = (
                    a["start"].as_u64().unwrap() as usize,
                    a["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(&text[s..e], a["text"].as_str().unwrap());
            }
        }
    }
}

#[test]
fn code_finds_the_key_events_of_the_corpus() {
    let out = sitrep(&[
        "code",
        examples().join("karabakh/articles.jsonl").to_str().unwrap(),
    ]);
    let ls = lines(&out);
    let has = |doc: &str, src: &str, root: &str| {
        ls.iter().any(|v| {
            v["kind"] == "event"
                && v["doc_id"] == doc
                && v["source"]["code"]
                    .as_str()
                    .is_some_and(|c| c.starts_with(src))
                && v["cameo"]["root"] == root
        })
    };
    // the Moscow ceasefire: Armenia and Azerbaijan agree (root 03)
    assert!(has("kb-002", "ARM", "03") && has("kb-002", "AZE", "03"));
    // shelling of Stepanakert by Azerbaijani forces, reported by Armenia (root 19)
    assert!(has("kb-001", "AZEMIL", "19"));
    // the trilateral statement is signed (057)
    assert!(ls
        .iter()
        .any(|v| v["doc_id"] == "kb-007" && v["cameo"]["code"] == "057"));
    // the disputed Barda toll: 21 (kb-005) and at least 25 (kb-006), both kept
    let killed = |doc: &str| {
        ls.iter()
            .filter(|v| v["kind"] == "claim" && v["doc_id"] == doc && v["category"] == "killed")
            .map(|v| v["best"].as_u64().unwrap_or(0))
            .collect::<Vec<_>>()
    };
    assert!(killed("kb-005").contains(&21), "{:?}", killed("kb-005"));
    assert!(killed("kb-006").contains(&25), "{:?}", killed("kb-006"));
}

#[test]
fn annotate_shows_removed_debris_and_every_layer() {
    let f = examples().join("karabakh/text/2020-11-13-peacekeepers-scraped.txt");
    let out = sitrep(&["annotate", f.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ls = lines(&out);
    assert_eq!(ls.len(), 1);
    let a = &ls[0];
    for k in [
        "doc_id",
        "date",
        "date_source",
        "language",
        "text",
        "clean_text",
        "removed",
        "sentences",
        "actors",
        "places",
        "timexes",
        "claims",
    ] {
        assert!(a.get(k).is_some(), "annotation lacks {k}");
    }
    assert_eq!(a["date_source"], "text");
    assert_eq!(a["language"], "eng");
    let removed: Vec<(&str, &str)> = a["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["text"].as_str().unwrap(), r["reason"].as_str().unwrap()))
        .collect();
    let reasons: Vec<&str> = removed.iter().map(|r| r.1).collect();
    for r in [
        "breadcrumb",
        "repeated line",
        "teaser for another story",
        "comment prompt",
        "share or subscribe prompt",
    ] {
        assert!(reasons.contains(&r), "no line removed as {r}: {removed:?}");
    }
    let sentences: Vec<&str> = a["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    for (text, reason) in &removed {
        let n = sentences.iter().filter(|s| s.contains(text)).count();
        // a repeated headline is kept once
        let allowed = usize::from(*reason == "repeated line");
        assert!(
            n <= allowed,
            "debris {text:?} ({reason}) reached the sentences {n} times"
        );
    }
    let text = a["text"].as_str().unwrap();
    for s in a["sentences"].as_array().unwrap() {
        let (st, en) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[st..en], s["text"].as_str().unwrap());
    }
    assert!(!a["actors"].as_array().unwrap().is_empty());
    assert!(!a["timexes"].as_array().unwrap().is_empty());
    assert!(a["timexes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["value"].is_null() || t["value"].is_string()));
}

#[test]
fn html_input_keeps_only_the_article() {
    let f = examples().join("karabakh/html/2020-10-17-ganja-strike-new-truce.html");
    let out = sitrep(&["annotate", f.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let a = &lines(&out)[0];
    assert_eq!(a["date"], "2020-10-17");
    assert_eq!(a["date_source"], "metadata");
    let text = a["text"].as_str().unwrap();
    assert!(text.contains("Ganja"));
    for junk in ["cookie", "Cookie", "All rights reserved"] {
        assert!(!text.contains(junk), "{junk} leaked into the article text");
    }
}

#[test]
fn ingest_is_idempotent_and_events_filter() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sitrep.db");
    let db = db.to_str().unwrap();
    let corpus = examples().join("karabakh");
    let first = sitrep(&["ingest", corpus.to_str().unwrap(), "--db", db]);
    assert!(first.status.success(), "{}", stderr(&first));
    // the link pass reads the stored annotations: with only events and
    // claims stored (session 9, briefly) it found no story and no copy
    let linked = stderr(&first);
    assert!(
        linked.contains("1 syndicated copies") && !linked.contains(" 0 merged events"),
        "{linked}"
    );
    let count = |args: &[&str]| -> usize {
        let mut a = vec!["events", "--db", db];
        a.extend_from_slice(args);
        let out = sitrep(&a);
        assert!(out.status.success(), "{}", stderr(&out));
        lines(&out).len()
    };
    let all = count(&[]);
    assert!(all >= 50);
    let second = sitrep(&["ingest", corpus.to_str().unwrap(), "--db", db]);
    assert!(second.status.success());
    assert!(
        stderr(&second).contains("12 already stored"),
        "{}",
        stderr(&second)
    );
    assert_eq!(count(&[]), all, "re-ingesting changed the event count");
    // every document once (kb-003, a syndicated copy with an added credit
    // line, is a distinct text: near-duplicates are linked, not dropped)
    assert_eq!(stored_documents(db), 12);

    // filters
    let since = count(&["--since", "2020-11-01"]);
    let until = count(&["--until", "2020-10-31"]);
    assert!(since > 0 && until > 0 && since + until <= all);
    let oct = lines(&sitrep(&[
        "events",
        "--db",
        db,
        "--since",
        "2020-10-01",
        "--until",
        "2020-10-31",
    ]));
    assert!(oct
        .iter()
        .all(|e| e["date"].as_str().unwrap() >= "2020-10-01"
            && e["date"].as_str().unwrap() <= "2020-10-31"));
    let rus = lines(&sitrep(&["events", "--db", db, "--actor", "RUS"]));
    assert!(!rus.is_empty());
    assert!(rus.iter().all(|e| ["source", "target"]
        .iter()
        .any(|s| e[s]["code"].as_str().is_some_and(|c| c.starts_with("RUS")))));
    let arm = lines(&sitrep(&["events", "--db", db, "--country", "ARM"]));
    assert!(
        !arm.is_empty()
            && arm
                .iter()
                .all(|e| e["source"]["country"] == "ARM" || e["target"]["country"] == "ARM")
    );
    let viol = lines(&sitrep(&["events", "--db", db, "--cameo", "19"]));
    assert!(!viol.is_empty() && viol.iter().all(|e| e["cameo"]["root"] == "19"));
    let assault = lines(&sitrep(&["events", "--db", db, "--plover", "ASSAULT"]));
    assert!(!assault.is_empty() && assault.iter().all(|e| e["plover"]["event"] == "ASSAULT"));
    let barda = lines(&sitrep(&["events", "--db", db, "--text", "Barda"]));
    assert!(!barda.is_empty());
    assert!(barda.len() < all);
    // stable ordering and pagination
    let page1 = lines(&sitrep(&["events", "--db", db, "--limit", "5"]));
    let page2 = lines(&sitrep(&[
        "events", "--db", db, "--limit", "5", "--offset", "5",
    ]));
    let first10 = lines(&sitrep(&["events", "--db", db, "--limit", "10"]));
    let ids = |v: &[Value]| {
        v.iter()
            .map(|e| e["event_id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!([ids(&page1), ids(&page2)].concat(), ids(&first10));
    // CSV and TSV have a header and one row per event, same width
    for (fmt, sep) in [("csv", ','), ("tsv", '\t')] {
        let out = sitrep(&["events", "--db", db, "--format", fmt, "--cameo", "19"]);
        let text = String::from_utf8(out.stdout).unwrap();
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(rows.len(), viol.len() + 1, "{fmt}");
        assert!(rows[0].starts_with(&format!("event_id{sep}doc_id{sep}date")));
        if fmt == "tsv" {
            let w = rows[0].split('\t').count();
            assert!(rows.iter().all(|r| r.split('\t').count() == w));
        }
    }
    // explain
    let id = page1[0]["event_id"].as_str().unwrap();
    let out = sitrep(&["explain", id, "--db", db]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("pattern:") && text.contains("rule:"));
}

/// Count stored documents through the CLI (no SQLite client in the test).
fn stored_documents(db: &str) -> usize {
    let out = sitrep(&[
        "ingest",
        "--db",
        db,
        examples().join("karabakh/articles.jsonl").to_str().unwrap(),
    ]);
    let err = stderr(&out);
    let part = err.split("store holds ").nth(1).expect("summary");
    part.split(' ').next().unwrap().parse().unwrap()
}

#[test]
fn bad_input_is_reported_and_the_batch_goes_on() {
    let out = sitrep(&["code", examples().join("bad").to_str().unwrap()]);
    let err = stderr(&out);
    assert!(out.status.success(), "exit {:?}: {err}", out.status);
    let ls = lines(&out);
    let docs: std::collections::BTreeSet<&str> =
        ls.iter().map(|v| v["doc_id"].as_str().unwrap()).collect();
    assert_eq!(docs, ["good-1", "good-2"].into_iter().collect());
    assert!(err.contains("binary.bin: binary file"), "{err}");
    assert!(err.contains("latin1.txt: invalid UTF-8"), "{err}");
    assert!(err.contains("mixed.jsonl:2: malformed JSON"), "{err}");
    assert!(err.contains("3 errors"), "{err}");
    // --strict turns errors into a failure
    let strict = sitrep(&["code", "--strict", examples().join("bad").to_str().unwrap()]);
    assert!(!strict.status.success());
    // nothing readable at all: non-zero
    let none = sitrep(&["code", examples().join("bad/binary.bin").to_str().unwrap()]);
    assert_eq!(none.status.code(), Some(1));
}

#[test]
fn bad_input_errors_are_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let db = db.to_str().unwrap();
    let bad = examples().join("bad");
    for _ in 0..2 {
        let out = sitrep(&["ingest", bad.to_str().unwrap(), "--db", db]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let out = sitrep(&["ingest", bad.to_str().unwrap(), "--db", db]);
    let err = stderr(&out);
    assert!(err.contains("store holds 2 documents"), "{err}");
    assert!(err.contains("3 errors"), "{err}");
}

#[test]
fn stdin_and_help() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["code", "--date", "2020-10-12", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Azerbaijani forces shelled Stepanakert on Thursday, the Armenian defence ministry said.\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let ls = lines(&out);
    let e = ls
        .iter()
        .find(|v| v["kind"] == "event")
        .expect("an event from stdin");
    assert_eq!(e["source"]["code"], "AZEMIL");
    assert_eq!(e["date"], "2020-10-08");
    assert_eq!(e["modality"], "claimed");
    assert_eq!(e["claimant"]["country"], "ARM");
    for cmd in ["code", "annotate", "ingest", "events", "explain"] {
        let out = sitrep(&[cmd, "--help"]);
        assert!(out.status.success(), "{cmd} --help");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage"));
    }
}

#[test]
fn discard_list_skips_sports_and_can_be_replaced() {
    let dir = std::env::temp_dir().join(format!("sitrep-discards-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let docs = dir.join("docs.jsonl");
    std::fs::write(
        &docs,
        concat!(
            r#"{"id": "match", "date": "2023-05-02", "text": "Australia attacked South Africa's batsmen in the second innings of the Test on Tuesday. The bowlers struck early."}"#,
            "\n",
            r#"{"id": "clash", "date": "2023-05-02", "text": "Kyrgyz border guards attacked Tajik posts on Tuesday. Tajik officials praised the cricket team. Tajik troops fired back."}"#,
            "\n",
            r#"{"id": "tennis", "date": "2023-05-02", "text": "Spain has begun its Hopman Cup campaign in Perth. Spain beat Argentina 3-0 and Argentina protested to the umpire."}"#,
            "\n",
            r#"{"id": "stadium", "date": "2023-05-02", "text": "A suicide bomber attacked Iraqi fans at a football stadium in Baghdad on Tuesday, killing 12 people."}"#,
            "\n"
        ),
    )
    .unwrap();
    let d = docs.to_str().unwrap();
    let out = sitrep(&["code", d]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("docs.jsonl:1: skipped: discard list") && err.contains("INNING"),
        "{err}"
    );
    let events = lines(&out);
    let from = |id: &str| {
        events
            .iter()
            .filter(|e| e["doc_id"] == id && e["kind"] == "event")
            .count()
    };
    assert_eq!(from("match"), 0, "{events:?}");
    // a sentence naming a sport is dropped; the rest of the document is coded
    assert!(from("clash") >= 1, "{events:?}");
    assert!(
        !events.iter().any(|e| e["doc_id"] == "clash"
            && e["cameo"]["code"].as_str().unwrap_or("").starts_with("05")),
        "{events:?}"
    );
    // a first sentence naming a sport makes the document a sports report
    assert_eq!(from("tennis"), 0, "{events:?}");
    assert!(
        err.contains("docs.jsonl:3: skipped: discard list: its first sentence"),
        "{err}"
    );
    // force used against people named is news wherever it happens
    assert!(from("stadium") >= 1, "{events:?}");
    // an empty list of one's own codes everything
    let empty = dir.join("none.txt");
    std::fs::write(&empty, "# nothing to discard\n").unwrap();
    let out = sitrep(&[
        "code",
        "--only-given-discards",
        "--discards",
        empty.to_str().unwrap(),
        d,
    ]);
    let events = lines(&out);
    assert!(
        events
            .iter()
            .any(|e| e["doc_id"] == "match" && e["kind"] == "event"),
        "{events:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_uncoded_actor_is_shown_by_its_words() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("report.txt");
    std::fs::write(
        &text,
        "Minerva McGonagall met the Israeli foreign minister in Jerusalem on Tuesday.\n",
    )
    .unwrap();
    let db = dir.path().join("sitrep.db");
    let db = db.to_str().unwrap();
    let out = sitrep(&[
        "ingest",
        text.to_str().unwrap(),
        "--db",
        db,
        "--date",
        "2020-11-10",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = sitrep(&["events", "--db", db]);
    let ls = lines(&out);
    ls.iter().for_each(check_line);
    let e = ls
        .iter()
        .find(|v| v["uncoded_source"]["text"] == "Minerva McGonagall")
        .unwrap_or_else(|| panic!("{ls:?}"));
    assert_eq!(e["target"]["code"], "ISRGOV");
    // the table marks the words with "~"
    let out = sitrep(&["events", "--db", db, "--format", "table"]);
    let table = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(table.contains("~Minerva McG"), "{table}");
    // none with --uncoded-names 0
    let out = sitrep(&[
        "code",
        text.to_str().unwrap(),
        "--date",
        "2020-11-10",
        "--uncoded-names",
        "0",
    ]);
    assert!(lines(&out).iter().all(|v| v["uncoded_source"].is_null()));
}

/// The "store holds N documents, M events" part of an ingest summary.
fn store_holds(err: &str) -> (usize, usize) {
    let part = err.split("store holds ").nth(1).expect("summary");
    let n: Vec<usize> = part
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .take(2)
        .map(|w| w.parse().unwrap())
        .collect();
    (n[0], n[1])
}

#[test]
fn documents_ingest_does_not_store_are_named_and_counted() {
    // a reused id with another text, and the same text under another id
    // without a URL, were dropped as "already stored" without a word, and
    // the summary counted their events as stored
    let dir = std::env::temp_dir().join(format!("sitrep-drops-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let shelled =
        "Azerbaijani forces shelled Stepanakert on Friday, the Armenian defence ministry said.";
    let talks = "Russian Foreign Minister Sergey Lavrov hosted talks with Armenian officials in Moscow on Friday.";
    let clash = "Kyrgyz and Tajik border guards exchanged fire near Batken on Friday, officials in Bishkek said.";
    let rec = |id: &str, text: &str| {
        serde_json::json!({"id": id, "date": "2020-10-10", "text": text}).to_string()
    };
    let first = dir.join("first.jsonl");
    std::fs::write(&first, rec("1", shelled) + "\n").unwrap();
    // line 4 and 5 share an id in one batch: both pass the check before
    // coding, and the store refuses the second
    let second = dir.join("second.jsonl");
    std::fs::write(
        &second,
        [
            rec("1", talks),
            rec("2", shelled),
            rec("1", shelled),
            rec("7", clash),
            rec("7", talks),
        ]
        .join("\n")
            + "\n",
    )
    .unwrap();
    let db = dir.join("s.db");
    let db = db.to_str().unwrap();
    let out = sitrep(&["ingest", first.to_str().unwrap(), "--db", db]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = store_holds(&stderr(&out));
    let out = sitrep(&["ingest", second.to_str().unwrap(), "--db", db]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    for (line, why) in [
        (1, "id 1 is already stored with another text"),
        (2, "the same text is already stored"),
        (5, "id 7 is already stored with another text"),
    ] {
        assert!(
            err.lines()
                .any(|l| l.contains(&format!("second.jsonl:{line}:")) && l.contains(why)),
            "line {line}: {err}"
        );
    }
    assert!(err.contains(", 1 already stored"), "{err}");
    assert!(
        err.contains("2 not stored (id reused for another text)")
            && err.contains("1 not stored (same text, no URL to tell them apart)"),
        "{err}"
    );
    // the summary counts what the store took
    let after = store_holds(&err);
    assert_eq!(after.0, before.0 + 1);
    let summary = err.lines().find(|l| l.contains("documents read")).unwrap();
    let events: usize = summary
        .split(" events")
        .next()
        .and_then(|p| p.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert_eq!(events, after.1 - before.1, "{summary}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn copies_in_the_next_batches_are_stored_once() {
    // a batch is screened against the store before the batch ahead of it is
    // stored (coding overlaps storing): a copy in the very next batch is
    // coded and refused by the store, one two batches on is never coded;
    // both must count once as already stored, and the store must not change
    let dir = std::env::temp_dir().join(format!("sitrep-batches-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rec = |i: usize| {
        serde_json::json!({
            "id": format!("d{i}"),
            "date": "2020-10-10",
            "text": format!("Report {i}: Azerbaijani forces shelled Stepanakert on Friday, officials said."),
        })
        .to_string()
    };
    let mut lines: Vec<String> = (0..300).map(rec).collect();
    lines.insert(130, rec(5)); // the second batch (128 documents a batch)
    lines.insert(280, rec(6)); // the third
    let input = dir.join("in.jsonl");
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let db = dir.join("s.db");
    let db = db.to_str().unwrap();
    let out = sitrep(&["ingest", input.to_str().unwrap(), "--db", db, "--no-link"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("302 documents read"), "{err}");
    assert!(err.contains(", 2 already stored"), "{err}");
    let (docs, events) = store_holds(&err);
    assert_eq!(docs, 300, "{err}");
    let summary = err.lines().find(|l| l.contains("documents read")).unwrap();
    assert!(summary.contains(&format!(" {events} events")), "{summary}");
    // again: everything is already stored, nothing changes
    let out = sitrep(&["ingest", input.to_str().unwrap(), "--db", db, "--no-link"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains(", 302 already stored"), "{err}");
    assert_eq!(store_holds(&err), (docs, events));
    std::fs::remove_dir_all(&dir).unwrap();
}

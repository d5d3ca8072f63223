//! The store suite over both backends: the same documents stored in SQLite
//! and in PostgreSQL, in different orders and by several writers at once,
//! give the same events, stories, copies and merged events once linked.
//!
//! PostgreSQL tests need a database: set `SITREP_TEST_PG` to a URL
//! (`postgres://user:password@127.0.0.1/db`); each test works in a schema
//! of its own. Without it they say so and skip (`.ci/run` sets it).

use sitrep_ingest::{read_inputs, ReadOptions};
use sitrep_model::{Annotation, Document};
use sitrep_pipeline::{Config, Pipeline};
use sitrep_store::{Db, EventFilter, PutOutcome, Store, TextSyntax};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The URL of a fresh, empty schema named `name` in the test database.
fn pg_url(name: &str) -> Option<String> {
    let Ok(base) = std::env::var("SITREP_TEST_PG") else {
        eprintln!("skipped: SITREP_TEST_PG is not set (a PostgreSQL URL)");
        return None;
    };
    let mut c =
        postgres::Client::connect(&base, postgres::NoTls).expect("connecting to SITREP_TEST_PG");
    c.batch_execute(&format!(
        "DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}"
    ))
    .unwrap();
    let sep = if base.contains('?') { '&' } else { '?' };
    Some(format!("{base}{sep}options=-csearch_path%3D{name}"))
}

fn temp_db(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("sitrep-store-backends-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(format!("{name}.db"));
    let _ = std::fs::remove_file(&p);
    p.to_string_lossy().into_owned()
}

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new(&Config::default()).unwrap())
}

/// eval/stories (three stories, syndicated copies, undated reports), coded
/// once, then texts repeated with no address under two ids each, and an
/// article again from its own address under a smaller id: the store keeps
/// the same copy of each whatever the order of arrival.
fn corpus() -> &'static Vec<(Document, Annotation)> {
    static C: OnceLock<Vec<(Document, Annotation)>> = OnceLock::new();
    C.get_or_init(|| {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../eval/stories/articles.jsonl");
        let mut docs = Vec::new();
        read_inputs(&[path], &ReadOptions::new(), &mut |d| docs.push(d.unwrap()));
        let mut more = Vec::new();
        for (i, d) in docs.iter().take(3).enumerate() {
            for id in [
                format!("rep-{i}-b"),
                format!("rep-{i}-a"),
                format!("rep-{i}-c"),
            ] {
                more.push(Document {
                    id,
                    url: None,
                    text: format!("{} The report was repeated.", d.text),
                    ..d.clone()
                });
            }
        }
        more.push(Document {
            id: format!("0-{}", docs[3].id),
            ..docs[3].clone()
        });
        docs.extend(more);
        docs.into_iter()
            .map(|d| {
                let a = pipeline().annotate(&d);
                (d, a)
            })
            .collect()
    })
}

/// The ids the repeated texts must be kept under, and those they must not.
fn check_kept_ids(db: &Db) {
    let c = corpus();
    for i in 0..3 {
        assert!(db.document(&format!("rep-{i}-a")).unwrap().is_some());
        for id in [format!("rep-{i}-b"), format!("rep-{i}-c")] {
            assert!(db.document(&id).unwrap().is_none(), "{id}");
        }
    }
    assert!(db.document(&c[3].0.id).unwrap().is_none());
    assert!(db.document(&format!("0-{}", c[3].0.id)).unwrap().is_some());
}

fn store_all(db: &mut Db, order: &[usize]) {
    let c = corpus();
    db.begin().unwrap();
    for &i in order {
        db.put(&c[i].0, &c[i].1).unwrap();
    }
    db.commit().unwrap();
}

/// Everything a user can see of a linked store, as text.
fn snapshot(db: &Db) -> Vec<String> {
    let mut out = vec![format!("{:?}", db.counts().unwrap())];
    let mut events = Vec::new();
    db.for_each_event_json(&EventFilter::default(), &mut |j| {
        events.push(j.to_string());
        Ok(())
    })
    .unwrap();
    out.extend(events);
    for s in db.stories().unwrap() {
        out.push(serde_json::to_string(&s).unwrap());
        for m in db.merged_events(&s.story_id).unwrap() {
            out.push(serde_json::to_string(&m).unwrap());
        }
        for c in db.story_claims(&s.story_id).unwrap() {
            out.push(serde_json::to_string(&c).unwrap());
        }
    }
    out.push(format!("{:?}", db.story_summaries().unwrap()));
    out.push(format!(
        "{:?}",
        db.events_by_day(&EventFilter::default()).unwrap()
    ));
    out.push(format!(
        "{:?}",
        db.actor_pairs(&EventFilter::default()).unwrap()
    ));
    out
}

fn forward() -> Vec<usize> {
    (0..corpus().len()).collect()
}

fn backward() -> Vec<usize> {
    (0..corpus().len()).rev().collect()
}

#[test]
fn sqlite_links_the_same_whatever_the_arrival_order() {
    let mut a = Db::open(&temp_db("forward")).unwrap();
    let mut b = Db::open(&temp_db("backward")).unwrap();
    store_all(&mut a, &forward());
    store_all(&mut b, &backward());
    let la = a.link().unwrap();
    assert_eq!(la, b.link().unwrap());
    check_kept_ids(&a);
    assert!(la.stories >= 3 && la.copies >= 1, "{la:?}");
    assert_eq!(snapshot(&a), snapshot(&b));
    // the pass is re-runnable
    let before = snapshot(&a);
    a.link().unwrap();
    assert_eq!(snapshot(&a), before);
}

#[test]
fn postgres_gives_what_sqlite_gives() {
    let Some(url) = pg_url("sitrep_t_same") else {
        return;
    };
    let mut lite = Db::open(&temp_db("same")).unwrap();
    let mut pg = Db::open(&url).unwrap();
    store_all(&mut lite, &forward());
    store_all(&mut pg, &backward());
    assert_eq!(lite.link().unwrap(), pg.link().unwrap());
    check_kept_ids(&pg);
    assert_eq!(snapshot(&lite), snapshot(&pg));
    // filters, paging and the documents' own reads
    let c = corpus();
    let some_doc = c
        .iter()
        .find(|(_, a)| !a.events.is_empty())
        .unwrap()
        .0
        .id
        .clone();
    let filters = vec![
        EventFilter {
            limit: Some(3),
            offset: Some(2),
            ..Default::default()
        },
        EventFilter {
            offset: Some(5),
            ..Default::default()
        },
        EventFilter {
            actor: Some("ARM".into()),
            ..Default::default()
        },
        EventFilter {
            country: Some("aze".into()),
            ..Default::default()
        },
        EventFilter {
            cameo: Some("19".into()),
            ..Default::default()
        },
        EventFilter {
            since: chrono::NaiveDate::from_ymd_opt(2020, 10, 1),
            ..Default::default()
        },
        EventFilter {
            text: Some("ceasefire".into()),
            ..Default::default()
        },
        EventFilter {
            text: Some("Nagorno-Karabakh".into()),
            ..Default::default()
        },
        EventFilter {
            text: Some("*".into()),
            ..Default::default()
        },
        EventFilter {
            doc_id: Some(some_doc.clone()),
            ..Default::default()
        },
    ];
    for f in &filters {
        let ids = |db: &Db| {
            db.events(f)
                .unwrap()
                .into_iter()
                .map(|e| e.event_id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&lite), ids(&pg), "{f:?}");
        assert_eq!(
            lite.count_events(f).unwrap(),
            pg.count_events(f).unwrap(),
            "{f:?}"
        );
        assert_eq!(
            lite.count_events_page(f).unwrap(),
            pg.count_events_page(f).unwrap(),
            "{f:?}"
        );
        // sums of Goldstein scores may differ in the last bit (summation order)
        let places = |db: &Db| {
            db.event_places(f)
                .unwrap()
                .into_iter()
                .map(|p| {
                    format!(
                        "{} {:?} {} {} {:.9}",
                        p.name, p.country, p.events, p.conflict, p.goldstein_sum
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(places(&lite), places(&pg), "{f:?}");
        let claims = |db: &Db| {
            let mut v = Vec::new();
            db.for_each_claim(f, &mut |id, _| {
                v.push(id);
                Ok(())
            })
            .unwrap();
            v
        };
        assert_eq!(claims(&lite), claims(&pg), "{f:?}");
    }
    assert_eq!(
        lite.document(&some_doc).unwrap(),
        pg.document(&some_doc).unwrap()
    );
    assert_eq!(
        lite.annotation(&some_doc).unwrap().map(|a| a.events.len()),
        pg.annotation(&some_doc).unwrap().map(|a| a.events.len())
    );
    assert_eq!(
        format!("{:?}", lite.document_claims(&some_doc).unwrap()),
        format!("{:?}", pg.document_claims(&some_doc).unwrap())
    );
    let m = (
        lite.document_meta(&some_doc).unwrap().unwrap(),
        pg.document_meta(&some_doc).unwrap().unwrap(),
    );
    assert_eq!(
        (m.0.url, m.0.title, m.0.date),
        (m.1.url, m.1.title, m.1.date)
    );
}

#[test]
fn postgres_reads_user_words_literally() {
    let Some(url) = pg_url("sitrep_t_words") else {
        return;
    };
    let mut pg = Db::open(&url).unwrap();
    let (d, mut a) = corpus()[0].clone();
    let mut d = Document {
        id: "words".into(),
        url: None,
        ..d
    };
    d.text = "The cease-fire in Nagorno-Karabakh held, U.S. officials said; al-Qaeda and 9/11 were not mentioned.".into();
    a.doc_id = d.id.clone();
    a.skipped = None;
    assert!(!a.events.is_empty());
    for e in &mut a.events {
        e.doc_id = d.id.clone();
        e.event_id = format!("w-{}", e.event_id);
    }
    a.claims.clear();
    assert_eq!(pg.put(&d, &a).unwrap(), PutOutcome::Stored);
    let n = |t: &str, syntax: TextSyntax| {
        pg.count_events(&EventFilter {
            text: Some(t.into()),
            text_syntax: syntax,
            ..Default::default()
        })
        .unwrap()
    };
    let all = a.events.len() as u64;
    for t in [
        "cease-fire",
        "Nagorno-Karabakh",
        "al-Qaeda",
        "U.S.",
        "9/11",
        "cease fire",
        "\"held",
    ] {
        assert_eq!(n(t, TextSyntax::Words), all, "{t}");
    }
    for t in [
        "x:y",
        "*",
        "ceasefire",
        "NEAR(a b)",
        "-",
        "\"",
        "OR",
        "'",
        "a & b",
        "&",
    ] {
        assert_eq!(n(t, TextSyntax::Words), 0, "{t}");
    }
    // PostgreSQL's web-search syntax when asked for: it never fails
    assert_eq!(n("\"officials said\" OR nothing", TextSyntax::Fts5), all);
    assert_eq!(n("held -officials", TextSyntax::Fts5), 0);
}

#[test]
fn many_postgres_writers_store_each_document_once() {
    let Some(url) = pg_url("sitrep_t_writers") else {
        return;
    };
    let lite_path = temp_db("writers");
    let mut lite = Db::open(&lite_path).unwrap();
    store_all(&mut lite, &forward());
    lite.link().unwrap();
    let n = corpus().len();
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let url = url.clone();
            std::thread::spawn(move || {
                let mut db = Db::open(&url).unwrap();
                // overlapping slices, each in its own order
                let order: Vec<usize> = (0..n).map(|k| (k * (t + 1) + t * 5) % n).collect();
                store_all(&mut db, &order);
                db.link().unwrap();
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let pg = Db::open(&url).unwrap();
    check_kept_ids(&pg);
    assert_eq!(snapshot(&lite), snapshot(&pg));
    // a duplicate error bumps a count, a duplicate document is refused
    let mut pg = pg;
    let (d, a) = &corpus()[0];
    assert_eq!(pg.put(d, a).unwrap(), PutOutcome::DuplicateId);
    let copy = Document {
        id: "zz-again".into(),
        ..d.clone()
    };
    assert_eq!(pg.put(&copy, a).unwrap(), PutOutcome::DuplicateContent);
    // an id reused for another text, and one text where one side has no URL
    let reused = Document {
        text: "Another text under a stored id.".into(),
        ..d.clone()
    };
    assert_eq!(pg.put(&reused, a).unwrap(), PutOutcome::ReusedId);
    let no_url = Document {
        id: "no-url".into(),
        url: None,
        ..d.clone()
    };
    assert_eq!(pg.put(&no_url, a).unwrap(), PutOutcome::SameTextWithoutUrl);
    let e = sitrep_model::DocError {
        origin: "x.jsonl:2".into(),
        doc_id: None,
        message: "malformed JSON".into(),
    };
    pg.put_error(&e).unwrap();
    pg.put_error(&e).unwrap();
    assert_eq!(pg.counts().unwrap().errors, 1);
    // a read-only connection refuses writes
    let mut ro = Db::open_read_only(&url).unwrap();
    assert!(ro
        .put(
            &Document {
                id: "new".into(),
                text: "Not stored.".into(),
                ..d.clone()
            },
            a
        )
        .is_err());
}

/// A text repeated with no address is kept under its smallest id in
/// either store, the others said to be not stored; re-offering any of the
/// three changes nothing.
fn smaller_id_replaces(db: &mut Db) {
    let c = corpus();
    let get = |id: &str| c.iter().find(|(d, _)| d.id == id).unwrap();
    let (b, c_, a) = (get("rep-0-b"), get("rep-0-c"), get("rep-0-a"));
    assert_eq!(db.put(&b.0, &b.1).unwrap(), PutOutcome::Stored);
    assert_eq!(
        db.put(&c_.0, &c_.1).unwrap(),
        PutOutcome::SameTextWithoutUrl
    );
    assert_eq!(db.seen(&a.0).unwrap(), None);
    let o = db.put(&a.0, &a.1).unwrap();
    assert_eq!(
        o,
        PutOutcome::Replaced {
            same_url: false,
            events: b.1.events.len() as u64,
            claims: b.1.claims.len() as u64,
        }
    );
    assert!(o.warns());
    let after = snapshot(db);
    for (d, an) in [b, c_, a] {
        let again = db.put(d, an).unwrap();
        assert!(
            matches!(
                again,
                PutOutcome::SameTextWithoutUrl | PutOutcome::DuplicateId
            ),
            "{}: {again:?}",
            d.id
        );
    }
    assert_eq!(snapshot(db), after);
    let n = db.counts().unwrap();
    assert_eq!(
        (n.documents, n.events),
        (1, a.1.events.len() as u64),
        "{n:?}"
    );
    // the removed copy is gone from the text index too
    let found = db
        .count_events(&EventFilter {
            text: Some("repeated".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found, a.1.events.len() as u64);
}

#[test]
fn sqlite_keeps_a_repeated_text_under_its_smallest_id() {
    smaller_id_replaces(&mut Db::open(&temp_db("smaller")).unwrap());
}

#[test]
fn postgres_keeps_a_repeated_text_under_its_smallest_id() {
    let Some(url) = pg_url("sitrep_t_smaller") else {
        return;
    };
    smaller_id_replaces(&mut Db::open(&url).unwrap());
}

/// The PostgreSQL store reads in index order what SQLite's migration 3
/// indexed (the link pass's document order, the event listing's order):
/// with sequential and bitmap scans priced out (the tables are empty), no
/// plan sorts. On the 4-writer benchmark store the link read is an index
/// scan of documents_order as it is.
#[test]
fn postgres_link_order_and_event_listing_read_an_index() {
    let Some(url) = pg_url("sitrep_t_plans") else {
        return;
    };
    drop(Db::open(&url).unwrap());
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    c.batch_execute("SET enable_seqscan = off; SET enable_bitmapscan = off")
        .unwrap();
    for (sql, index) in [
        (
            "SELECT COALESCE(date, '~'), doc_id, date, outlet, annotation FROM documents
             WHERE (COALESCE(date, '~'), doc_id) > ('', '') ORDER BY COALESCE(date, '~'), doc_id LIMIT 200",
            "documents_order",
        ),
        (
            "SELECT COALESCE(e.date, '~'), e.event_id, e.json FROM events e ORDER BY COALESCE(e.date, '~'), e.event_id LIMIT 100",
            "events_order",
        ),
    ] {
        let plan: Vec<String> = c
            .query(&format!("EXPLAIN {sql}"), &[])
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        let plan = plan.join("\n");
        assert!(plan.contains(index) && !plan.contains("Sort"), "{sql}: {plan}");
    }
}

/// Every event's story and merged event columns, sorted by event id.
fn pg_event_links(c: &mut postgres::Client) -> Vec<String> {
    c.query(
        "SELECT event_id, story_id, merged_id FROM events ORDER BY event_id",
        &[],
    )
    .unwrap()
    .iter()
    .map(|r| {
        let (e, s, m): (String, Option<String>, Option<String>) = (r.get(0), r.get(1), r.get(2));
        format!("{e}|{s:?}|{m:?}")
    })
    .collect()
}

fn lite_event_links(path: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT event_id, story_id, merged_id FROM events ORDER BY event_id")
        .unwrap();
    stmt.query_map([], |r| {
        let (e, s, m): (String, Option<String>, Option<String>) = (r.get(0)?, r.get(1)?, r.get(2)?);
        Ok(format!("{e}|{s:?}|{m:?}"))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// The PostgreSQL link pass writes only the links that change, as SQLite's
/// does (05e5a44): "every event row was written twice in the pass's one
/// transaction (its story, then its merged event; three times on a re-link,
/// which first cleared both)". A re-link updates no event or document row,
/// and the link columns it leaves are SQLite's.
#[test]
fn postgres_relink_writes_no_event_or_document() {
    let Some(url) = pg_url("sitrep_t_relink") else {
        return;
    };
    let lite_path = temp_db("relink");
    let mut lite = Db::open(&lite_path).unwrap();
    store_all(&mut lite, &forward());
    let mut pg = Db::open(&url).unwrap();
    store_all(&mut pg, &backward());
    let first = pg.link().unwrap();
    assert_eq!(lite.link().unwrap(), first);
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let linked = pg_event_links(&mut c);
    assert_eq!(linked, lite_event_links(&lite_path));
    assert!(
        linked.iter().any(|l| !l.ends_with("|None")),
        "no merged event"
    );
    let before = snapshot(&pg);
    c.batch_execute(
        "CREATE TABLE updates (tbl TEXT);
         CREATE FUNCTION count_update() RETURNS trigger LANGUAGE plpgsql AS
           $$ BEGIN INSERT INTO updates VALUES (TG_TABLE_NAME); RETURN NULL; END $$;
         CREATE TRIGGER count_events AFTER UPDATE ON events
           FOR EACH ROW EXECUTE FUNCTION count_update();
         CREATE TRIGGER count_documents AFTER UPDATE ON documents
           FOR EACH ROW EXECUTE FUNCTION count_update();",
    )
    .unwrap();
    assert_eq!(pg.link().unwrap(), first);
    let updated: Vec<String> = c
        .query(
            "SELECT tbl || ' ' || COUNT(*) FROM updates GROUP BY tbl",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(
        updated.is_empty(),
        "rows rewritten by a re-link: {updated:?}"
    );
    assert_eq!(snapshot(&pg), before);
    assert_eq!(pg_event_links(&mut c), linked);
}

/// A read-only store (the server's) remembers counts of events by
/// snapshot; a document stored since is counted all the same.
#[test]
fn postgres_read_only_counts_follow_the_store() {
    let Some(url) = pg_url("sitrep_t_counts") else {
        return;
    };
    let n = corpus().len();
    let mut w = Db::open(&url).unwrap();
    store_all(&mut w, &(0..n / 2).collect::<Vec<_>>());
    let ro = Db::open_read_only(&url).unwrap();
    let filters = [
        EventFilter::default(),
        EventFilter {
            actor: Some("ARM".into()),
            ..Default::default()
        },
    ];
    let counts = |db: &Db| -> Vec<u64> {
        filters
            .iter()
            .map(|f| db.count_events(f).unwrap())
            .collect()
    };
    let before = counts(&w);
    assert_eq!(counts(&ro), before);
    assert_eq!(counts(&ro), before, "asked twice");
    store_all(&mut w, &(n / 2..n).collect::<Vec<_>>());
    let after = counts(&w);
    assert!(after[0] > before[0], "{before:?} {after:?}");
    assert_eq!(counts(&ro), after);
    assert_eq!(counts(&Db::open_read_only(&url).unwrap()), after);
}

/// A writer that removes a copy a smaller id replaces waits for a running
/// link pass (its lock held here by another session) instead of deleting
/// rows the pass is updating: four writers deadlocked with the pass once.
#[test]
fn postgres_replacing_writer_waits_for_the_link_pass() {
    let Some(url) = pg_url("sitrep_t_replace_waits") else {
        return;
    };
    // LINK_LOCK in src/pg.rs
    const LINK_LOCK: i64 = 0x5172_6570_0002;
    let find = |id: &str| corpus().iter().find(|(d, _)| d.id == id).unwrap();
    let mut db = Db::open(&url).unwrap();
    let (d, a) = find("rep-0-b");
    assert_eq!(db.put(d, a).unwrap(), PutOutcome::Stored);
    drop(db);
    let mut pass = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    pass.execute("SELECT pg_advisory_lock($1)", &[&LINK_LOCK])
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let writer_url = url.clone();
    let writer = std::thread::spawn(move || {
        let mut db = Db::open(&writer_url).unwrap();
        let (d, a) = find("rep-0-a");
        tx.send(db.put(d, a).unwrap()).unwrap();
    });
    let waited = rx.recv_timeout(std::time::Duration::from_millis(500));
    assert!(waited.is_err(), "replaced during a link pass: {waited:?}");
    pass.execute("SELECT pg_advisory_unlock($1)", &[&LINK_LOCK])
        .unwrap();
    let outcome = rx.recv_timeout(std::time::Duration::from_secs(60)).unwrap();
    assert!(
        matches!(outcome, PutOutcome::Replaced { .. }),
        "{outcome:?}"
    );
    writer.join().unwrap();
}

//! The link pass writes only the links that change (#21): linking 91,935
//! benchmark documents wrote every event row twice in one transaction (its
//! story, then its merged event; a re-link cleared both first), a 4.5 GB
//! write-ahead log whose look-ups grew with it.

use sitrep_ingest::{read_inputs, ReadOptions};
use sitrep_pipeline::{Config, Pipeline};
use sitrep_store::{Db, Store};
use std::path::PathBuf;

/// Rows of `table` the connection's statements update from now on, counted
/// by a trigger.
fn count_updates(conn: &rusqlite::Connection, table: &str) {
    conn.execute_batch(&format!(
        "CREATE TABLE IF NOT EXISTS updates (tbl TEXT);
         CREATE TRIGGER count_{table} AFTER UPDATE ON {table}
           BEGIN INSERT INTO updates VALUES ('{table}'); END;"
    ))
    .unwrap();
}

fn updates(conn: &rusqlite::Connection, table: &str) -> i64 {
    conn.query_row("SELECT COUNT(*) FROM updates WHERE tbl = ?", [table], |r| {
        r.get(0)
    })
    .unwrap()
}

#[test]
fn a_second_link_writes_no_event_or_document() {
    let dir = std::env::temp_dir().join(format!("sitrep-store-relink-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("s.db");
    let path = path.to_str().unwrap();
    let corpus =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../eval/stories/articles.jsonl");
    let pipeline = Pipeline::new(&Config::default()).unwrap();
    let mut db = Db::open(path).unwrap();
    db.begin().unwrap();
    read_inputs(&[corpus], &ReadOptions::new(), &mut |d| {
        let d = d.unwrap();
        db.put(&d, &pipeline.annotate(&d)).unwrap();
    });
    db.commit().unwrap();
    let first = db.link().unwrap();
    assert!(first.stories >= 3 && first.merged_events > 0, "{first:?}");
    let conn = rusqlite::Connection::open(path).unwrap();
    count_updates(&conn, "events");
    count_updates(&conn, "documents");
    drop(conn);
    // the first pass set every linked event's story and merged event once
    assert_eq!(db.link().unwrap(), first);
    let conn = rusqlite::Connection::open(path).unwrap();
    assert_eq!(updates(&conn, "events"), 0, "events rewritten by a re-link");
    assert_eq!(
        updates(&conn, "documents"),
        0,
        "documents rewritten by a re-link"
    );
    let linked: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM events WHERE story_id IS NOT NULL AND merged_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(linked > 0);
    drop(conn);
    drop(db);
    let _ = std::fs::remove_dir_all(&dir);
}

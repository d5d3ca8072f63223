//! Build a large store for measuring exports (see scripts/bench_export.sh).
//!
//! `sitrep-export-bench SRC.db BIG.db EVENTS` copies the documents of SRC.db
//! (with what the pipeline made of them) into BIG.db again and again until it
//! holds at least EVENTS events. Each copy gets its own document id, a text
//! that differs (a line appended after the article, so every offset stays
//! valid and the content hash changes), dates shifted by a day per copy,
//! fresh event ids, and actor names suffixed with the copy number.

use anyhow::Context;
use chrono::Duration;
use sitrep_model::{stable_id, Annotation, DateSource, Document};
use sitrep_store::{SqliteStore, Store};
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    anyhow::ensure!(
        args.len() == 3,
        "usage: sitrep-export-bench SRC.db BIG.db EVENTS"
    );
    let src = SqliteStore::open(&PathBuf::from(&args[0]))?;
    let mut dst = SqliteStore::open(&PathBuf::from(&args[1]))?;
    let want: u64 = args[2].parse().context("EVENTS is a number")?;

    let mut originals: Vec<(Document, Annotation)> = Vec::new();
    {
        let mut stmt = src.connection().prepare(
            "SELECT doc_id, url, title, date, outlet, origin, text, annotation FROM documents ORDER BY doc_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let date: Option<String> = r.get(3)?;
            let doc = Document {
                id: r.get(0)?,
                url: r.get(1)?,
                title: r.get(2)?,
                date: date.and_then(|d| d.parse().ok()),
                date_source: DateSource::Record,
                text: r.get(6)?,
                origin: r.get(5)?,
                outlet: r.get(4)?,
            };
            let ann: Annotation = serde_json::from_str(&r.get::<_, String>(7)?)?;
            originals.push((doc, ann));
        }
    }
    anyhow::ensure!(
        originals.iter().any(|(_, a)| !a.events.is_empty()),
        "{} holds no events to copy",
        args[0]
    );
    let mut copy = dst.counts()?.documents;
    let mut events = dst.counts()?.events;
    dst.begin()?;
    while events < want {
        copy += 1;
        let shift = Duration::days((copy % 365) as i64);
        for (doc, ann) in &originals {
            let mut d = doc.clone();
            d.id = format!("{}~{copy}", doc.id);
            d.text.push_str(&format!("\n(bench copy {copy})"));
            d.date = d.date.map(|x| x + shift);
            let mut a = ann.clone();
            a.doc_id = d.id.clone();
            a.text = d.text.clone();
            a.date = d.date;
            for c in &mut a.claims {
                c.doc_id = d.id.clone();
                c.mention.doc_id = d.id.clone();
                c.date = c.date.map(|x| x + shift);
            }
            for e in &mut a.events {
                e.event_id = stable_id("ev-", &[&e.event_id, &copy.to_string()]);
                e.doc_id = d.id.clone();
                e.date = e.date.map(|x| x + shift);
                for m in &mut e.mentions {
                    m.doc_id = d.id.clone();
                }
                for actor in [&mut e.source, &mut e.target].into_iter().flatten() {
                    actor.name = format!("{} {copy}", actor.name);
                }
            }
            events += a.events.len() as u64;
            dst.put(&d, &a)?;
        }
        if copy % 50 == 0 {
            dst.commit()?;
            dst.begin()?;
        }
    }
    dst.commit()?;
    let c = dst.counts()?;
    eprintln!(
        "{}: {} documents, {} events, {} claims",
        args[1], c.documents, c.events, c.claims
    );
    Ok(())
}

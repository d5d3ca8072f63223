//! The link pass over the PostgreSQL store, under an advisory lock: link
//! passes of many writers run one after another, each over every document
//! committed when it starts.

use crate::link::{LinkDoc, LinkStore, LinkSummary, Linker, Links};
use crate::pg::{PgStore, LINK_LOCK};
use anyhow::Context;

/// Documents read per round trip.
const PAGE: i64 = 200;

impl PgStore {
    /// Visit every document in the link order (publication date, undated
    /// last, then id), a page at a time.
    fn for_each_link_doc(&self, f: &mut dyn FnMut(LinkDoc)) -> anyhow::Result<()> {
        let mut after = (String::new(), String::new());
        loop {
            let rows = self.client.borrow_mut().query(
                "SELECT COALESCE(date, '~'), doc_id, date, outlet, annotation FROM documents
                 WHERE (COALESCE(date, '~'), doc_id) > ($1, $2)
                 ORDER BY COALESCE(date, '~'), doc_id LIMIT $3",
                &[&after.0, &after.1, &PAGE],
            )?;
            for r in &rows {
                let doc_id: String = r.get(1);
                let date: Option<String> = r.get(2);
                let annotation = serde_json::from_str(r.get::<_, &str>(4))
                    .with_context(|| format!("decoding the stored annotation of {doc_id}"))?;
                f(LinkDoc {
                    date: date.and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                    outlet: r.get(3),
                    doc_id,
                    annotation,
                });
            }
            match rows.last() {
                Some(r) if rows.len() as i64 == PAGE => after = (r.get(0), r.get(1)),
                _ => return Ok(()),
            }
        }
    }

    /// Replace every stored link with `links` (set-based statements over
    /// arrays), writing only the document and event rows whose links change,
    /// as the SQLite pass does: seen linking 91,935 benchmark documents into
    /// SQLite, "every event row was written twice in the pass's one
    /// transaction (its story, then its merged event; three times on a
    /// re-link, which first cleared both)"; in PostgreSQL each such write is
    /// a new row version and index entries to vacuum later.
    fn write_links(&self, links: &Links) -> anyhow::Result<()> {
        let mut c = self.client.borrow_mut();
        c.batch_execute("DELETE FROM stories; DELETE FROM merged_events;")?;
        write_doc_links(&mut c, links)?;
        write_event_links(&mut c, links)?;
        write_rewritten(&mut c, links)?;
        insert_stories(&mut c, links)?;
        insert_merged(&mut c, links)
    }
}

/// Each document's story, original and inferred date, where any differs
/// from the stored one.
fn write_doc_links(c: &mut postgres::Client, links: &Links) -> anyhow::Result<()> {
    let ids: Vec<&str> = links.docs.iter().map(|d| d.doc_id.as_str()).collect();
    let stories: Vec<Option<&str>> = links.docs.iter().map(|d| d.story_id.as_deref()).collect();
    let copies: Vec<Option<&str>> = links.docs.iter().map(|d| d.copy_of.as_deref()).collect();
    let inferred: Vec<Option<String>> = links
        .docs
        .iter()
        .map(|d| d.inferred_date.map(|x| x.to_string()))
        .collect();
    c.execute(
        "UPDATE documents d SET story_id = u.s, copy_of = u.c, inferred_date = u.i
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(doc_id, s, c, i)
         WHERE d.doc_id = u.doc_id
           AND (d.story_id IS DISTINCT FROM u.s OR d.copy_of IS DISTINCT FROM u.c
                OR d.inferred_date IS DISTINCT FROM u.i)",
        &[&ids, &stories, &copies, &inferred],
    )?;
    Ok(())
}

/// Each event's story (its document's) and merged event (none when its
/// document is in no story), written where either differs from the stored.
fn write_event_links(c: &mut postgres::Client, links: &Links) -> anyhow::Result<()> {
    let ids: Vec<&str> = links.docs.iter().map(|d| d.doc_id.as_str()).collect();
    let stories: Vec<Option<&str>> = links.docs.iter().map(|d| d.story_id.as_deref()).collect();
    let (mut events, mut merged) = (Vec::new(), Vec::new());
    for m in links.merged.iter().flat_map(|(_, ms)| ms) {
        for e in &m.event_ids {
            events.push(e.as_str());
            merged.push(m.merged_id.as_str());
        }
    }
    c.execute(
        "UPDATE events e SET story_id = w.s, merged_id = w.m
         FROM (SELECT ev.event_id, d.s, CASE WHEN d.s IS NULL THEN NULL ELSE mm.m END AS m
               FROM unnest($1::text[], $2::text[]) AS d(doc_id, s)
               JOIN events ev ON ev.doc_id = d.doc_id
               LEFT JOIN (SELECT DISTINCT ON (event_id) event_id, m
                          FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS x(event_id, m, k)
                          ORDER BY event_id, k DESC) mm ON mm.event_id = ev.event_id) w
         WHERE e.event_id = w.event_id
           AND (e.story_id IS DISTINCT FROM w.s OR e.merged_id IS DISTINCT FROM w.m)",
        &[&ids, &stories, &events, &merged],
    )?;
    Ok(())
}

/// Events of undated documents as the pass dated them (or as coded), where
/// the date or the JSON differs from the stored.
fn write_rewritten(c: &mut postgres::Client, links: &Links) -> anyhow::Result<()> {
    let mut ev = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for e in &links.rewritten {
        ev.0.push(e.event_id.clone());
        ev.1.push(e.date.map(|d| d.to_string()));
        ev.2.push(
            serde_json::to_value(e.date_precision)?
                .as_str()
                .unwrap_or("none")
                .to_string(),
        );
        ev.3.push(serde_json::to_string(e)?);
    }
    c.execute(
        "UPDATE events e SET date = u.d, date_precision = u.p, json = u.j
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(event_id, d, p, j)
         WHERE e.event_id = u.event_id
           AND (e.date IS DISTINCT FROM u.d OR e.date_precision IS DISTINCT FROM u.p
                OR e.json IS DISTINCT FROM u.j)",
        &[&ev.0, &ev.1, &ev.2, &ev.3],
    )?;
    Ok(())
}

/// Every story of the pass (the table was emptied first).
fn insert_stories(c: &mut postgres::Client, links: &Links) -> anyhow::Result<()> {
    let mut st = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    for s in &links.stories {
        st.0.push(s.story_id.clone());
        st.1.push(s.title.clone());
        st.2.push(s.first_date.map(|d| d.to_string()));
        st.3.push(s.last_date.map(|d| d.to_string()));
        st.4.push(s.num_docs as i64);
        st.5.push(serde_json::to_string(s)?);
    }
    c.execute(
        "INSERT INTO stories (story_id, title, first_date, last_date, num_docs, state)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[])",
        &[&st.0, &st.1, &st.2, &st.3, &st.4, &st.5],
    )?;
    Ok(())
}

/// Every merged event of the pass (the table was emptied first).
fn insert_merged(c: &mut postgres::Client, links: &Links) -> anyhow::Result<()> {
    let mut m = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (sid, merged) in &links.merged {
        for x in merged {
            m.0.push(x.merged_id.clone());
            m.1.push(sid.clone());
            m.2.push(x.date.map(|d| d.to_string()));
            m.3.push(serde_json::to_string(x)?);
        }
    }
    c.execute(
        "INSERT INTO merged_events (merged_id, story_id, date, json)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
         ON CONFLICT (merged_id) DO UPDATE SET story_id = excluded.story_id, date = excluded.date, json = excluded.json",
        &[&m.0, &m.1, &m.2, &m.3],
    )?;
    Ok(())
}

impl LinkStore for PgStore {
    fn link(&mut self) -> anyhow::Result<LinkSummary> {
        self.refuse_if_read_only()?;
        // the lock first, then the snapshot: a pass that waited for another
        // sees everything committed before it started
        self.client
            .borrow_mut()
            .execute("SELECT pg_advisory_lock($1)", &[&LINK_LOCK])?;
        let begun = self
            .client
            .borrow_mut()
            .batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
        let result = (|| -> anyhow::Result<LinkSummary> {
            begun?;
            let mut linker = Linker::default();
            self.for_each_link_doc(&mut |d| linker.add(d))?;
            let links = linker.finish();
            self.write_links(&links)?;
            Ok(links.summary())
        })();
        let mut c = self.client.borrow_mut();
        let out = match result {
            Ok(s) => c.batch_execute("COMMIT").map(|_| s).map_err(Into::into),
            Err(e) => {
                let _ = c.batch_execute("ROLLBACK");
                Err(e)
            }
        };
        c.execute("SELECT pg_advisory_unlock($1)", &[&LINK_LOCK])?;
        out
    }
}

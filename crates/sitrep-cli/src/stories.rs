//! `sitrep stories` and `sitrep timeline STORY`.

use serde::Serialize;
use sitrep_model::{Actor, Claim};
use sitrep_store::Db;
use sitrep_stories::MergedEvent;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

pub fn list(store: &Db, json: bool) -> anyhow::Result<ExitCode> {
    let stories = store.stories()?;
    let mut out = std::io::stdout().lock();
    if json {
        for s in &stories {
            serde_json::to_writer(&mut out, s)?;
            writeln!(out)?;
        }
    } else {
        writeln!(
            out,
            "{:<22} {:<10} {:<10} {:>5} {:>6}  title",
            "story", "from", "to", "docs", "events"
        )?;
        for s in &stories {
            writeln!(
                out,
                "{:<22} {:<10} {:<10} {:>5} {:>6}  {}",
                s.story_id,
                s.first_date.as_deref().unwrap_or("-"),
                s.last_date.as_deref().unwrap_or("-"),
                s.num_docs,
                s.num_events,
                s.title
            )?;
        }
    }
    eprintln!("sitrep: {} stories", stories.len());
    Ok(ExitCode::SUCCESS)
}

/// A figure as shown in a timeline: who says what.
#[derive(Debug, Serialize)]
struct Figure {
    low: Option<u64>,
    best: Option<u64>,
    high: Option<u64>,
    claimant: Option<String>,
    claimant_code: Option<String>,
    doc_id: String,
    date: Option<chrono::NaiveDate>,
    text: String,
}

#[derive(Debug, Serialize)]
struct Timeline {
    story_id: String,
    title: String,
    first_date: Option<String>,
    last_date: Option<String>,
    num_docs: usize,
    events: Vec<MergedEvent>,
    /// Figures by category; several claimants with different figures are a dispute.
    figures: BTreeMap<String, Vec<Figure>>,
    disputed: Vec<String>,
}

fn who(a: &Option<Actor>) -> String {
    a.as_ref()
        .map(|a| format!("{} [{}]", a.name, a.code))
        .unwrap_or_else(|| "—".into())
}

fn range(f: &Figure) -> String {
    match (f.low, f.best, f.high) {
        (Some(l), Some(b), Some(h)) if l == b && b == h => format!("{b}"),
        (Some(l), Some(b), None) if l == b => format!("at least {b}"),
        (None, Some(b), Some(h)) if b == h => format!("up to {b}"),
        (None, None, Some(h)) => format!("fewer than {h}"),
        (None, Some(b), None) => format!("about {b}"),
        (l, b, h) => format!(
            "{}–{} (best {})",
            l.map_or("?".into(), |v| v.to_string()),
            h.map_or("?".into(), |v| v.to_string()),
            b.map_or("?".into(), |v| v.to_string())
        ),
    }
}

pub fn timeline(store: &Db, story_id: &str, json: bool) -> anyhow::Result<ExitCode> {
    let Some(story) = store.story(story_id)? else {
        eprintln!("sitrep: no story {story_id} (see `sitrep stories`)");
        return Ok(ExitCode::from(1));
    };
    let events = store.merged_events(story_id)?;
    let claims: Vec<Claim> = store.story_claims(story_id)?;
    let mut figures: BTreeMap<String, Vec<Figure>> = BTreeMap::new();
    for c in claims {
        figures
            .entry(c.category.as_str().to_string())
            .or_default()
            .push(Figure {
                low: c.low,
                best: c.best,
                high: c.high,
                claimant: c.claimant.as_ref().map(|a| {
                    if a.text.is_empty() {
                        a.name.clone()
                    } else {
                        a.text.clone()
                    }
                }),
                claimant_code: c.claimant.as_ref().map(|a| a.code.clone()),
                doc_id: c.doc_id.clone(),
                date: c.date,
                text: c.mention.text.clone(),
            });
    }
    // a category is disputed when different claimants give different best figures for one date
    let mut disputed = Vec::new();
    for (cat, fs) in &figures {
        let mut by_date: BTreeMap<Option<chrono::NaiveDate>, Vec<&Figure>> = BTreeMap::new();
        for f in fs {
            by_date.entry(f.date).or_default().push(f);
        }
        for (d, group) in by_date {
            let distinct: std::collections::BTreeSet<(Option<u64>, Option<String>)> = group
                .iter()
                .map(|f| (f.best.or(f.low).or(f.high), f.claimant.clone()))
                .collect();
            let values: std::collections::BTreeSet<Option<u64>> =
                distinct.iter().map(|x| x.0).collect();
            let claimants: std::collections::BTreeSet<Option<String>> =
                distinct.iter().map(|x| x.1.clone()).collect();
            if values.len() > 1 && claimants.len() > 1 {
                disputed.push(format!(
                    "{cat} on {}",
                    d.map_or("an unknown date".into(), |d| d.to_string())
                ));
            }
        }
    }
    let t = Timeline {
        story_id: story.story_id.clone(),
        title: story.title.clone(),
        first_date: story.first_date.clone(),
        last_date: story.last_date.clone(),
        num_docs: story.num_docs,
        events,
        figures,
        disputed,
    };
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &t)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{} — {} ({} to {}, {} documents)\n",
        t.story_id,
        t.title,
        t.first_date.as_deref().unwrap_or("?"),
        t.last_date.as_deref().unwrap_or("?"),
        t.num_docs
    )?;
    for e in &t.events {
        writeln!(
            out,
            "{}  {} → {}  {} {} ({}){}",
            e.date.map_or("undated   ".into(), |d| d.to_string()),
            who(&e.source),
            who(&e.target),
            e.cameo.code,
            e.cameo.label,
            e.modality.as_str(),
            if e.date_source == sitrep_model::EventDateSource::Inferred {
                ", date inferred"
            } else {
                ""
            }
        )?;
        writeln!(
            out,
            "            {} mentions, {} articles, {} independent sources: {}",
            e.num_mentions,
            e.num_articles,
            e.num_sources,
            e.outlets.join(", ")
        )?;
        if let Some(m) = e.mentions.first() {
            let text: String = m.text.chars().take(160).collect();
            writeln!(out, "            “{}” ({})", text, m.doc_id)?;
        }
    }
    if !t.figures.is_empty() {
        writeln!(out, "\nFigures (each with who claims it; never averaged):")?;
        for (cat, fs) in &t.figures {
            let parts: Vec<String> = fs
                .iter()
                .map(|f| {
                    format!(
                        "{} — {} ({})",
                        range(f),
                        f.claimant.as_deref().unwrap_or("unattributed"),
                        f.doc_id
                    )
                })
                .collect();
            writeln!(out, "  {cat}: {}", parts.join(" | "))?;
        }
    }
    for d in &t.disputed {
        writeln!(out, "  disputed: {d}")?;
    }
    Ok(ExitCode::SUCCESS)
}

//! `sitrep actors`: ask the actor lexicon about a name — every table row
//! that names it, with its code, country, sector, dates, and where the code
//! came from (which source, which rule of the generator).

use anyhow::Context;
use clap::Subcommand;
use sitrep_actors::{ActorLexicon, Provenance, RowKind};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum ActorsCommand {
    /// Every entry naming NAME: code, country, sector, years or dated roles, source and rule.
    Lookup {
        /// The name, acronym or alias ("Rapid Support Forces", "RSF", "Xi Jinping").
        name: String,
        /// A directory overriding the built-in actor files.
        #[arg(long)]
        data: Option<PathBuf>,
        /// One JSON object per matching entry.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cmd: ActorsCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        ActorsCommand::Lookup { name, data, json } => {
            let lex = match &data {
                Some(d) => ActorLexicon::from_dir(d).context("loading actor data")?,
                None => ActorLexicon::builtin(),
            };
            let found = lex.lookup(&name);
            let mut out = std::io::stdout().lock();
            write_lookup(&mut out, &name, &found, json)?;
            Ok(if found.is_empty() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

/// Codes that start with a transnational kind rather than a country.
const TRANSNATIONAL: &[&str] = &["IGO", "IMG", "NGO", "MNC", "UIS"];

/// The sector part of a code (`SDNREB` → `REB`, `IMGMUSISI` → `IMG`).
fn sector_of(p: &Provenance) -> Option<String> {
    match p.kind {
        RowKind::Sector => Some(p.code.clone()),
        RowKind::Country => None,
        _ => {
            let head = p.code.get(..3)?;
            if TRANSNATIONAL.contains(&head) {
                Some(head.to_string())
            } else {
                p.code.get(3..6).map(str::to_string)
            }
        }
    }
}

fn kind_name(k: RowKind) -> &'static str {
    match k {
        RowKind::Country => "country",
        RowKind::Sector => "sector word",
        RowKind::Person => "person",
        RowKind::Organisation => "organisation",
        RowKind::Metonym => "metonym",
    }
}

fn dates(p: &Provenance) -> String {
    match (&p.start, &p.end) {
        (None, None) => String::new(),
        (s, e) => format!(
            "{} to {}",
            s.as_deref().unwrap_or("?"),
            e.as_deref().unwrap_or("now")
        ),
    }
}

fn to_json(name: &str, p: &Provenance) -> serde_json::Value {
    serde_json::json!({
        "query": name,
        "name": p.name,
        "matched": p.matched,
        "kind": kind_name(p.kind),
        "code": p.code,
        "country": p.country,
        "sector": sector_of(p),
        "start": p.start,
        "end": p.end,
        "table": p.table.file(),
        "source": p.source.name(),
        "record": p.record,
        "rule": p.rule,
    })
}

/// Print the entries found for `name`, one block (or JSON line) each.
pub fn write_lookup(
    out: &mut impl std::io::Write,
    name: &str,
    found: &[Provenance],
    json: bool,
) -> std::io::Result<()> {
    if json {
        for p in found {
            writeln!(out, "{}", to_json(name, p))?;
        }
        return Ok(());
    }
    if found.is_empty() {
        writeln!(out, "{name}: no entry")?;
        return Ok(());
    }
    writeln!(out, "{name}: {} entries", found.len())?;
    for p in found {
        let when = dates(p);
        writeln!(
            out,
            "  {:<12} {:<4} {:<7} {}{}{}",
            p.code,
            p.country.as_deref().unwrap_or("-"),
            sector_of(p).unwrap_or_else(|| "-".into()),
            p.name,
            if p.matched != p.name {
                format!(" (as \"{}\")", p.matched)
            } else {
                String::new()
            },
            if when.is_empty() {
                String::new()
            } else {
                format!(", {when}")
            }
        )?;
        writeln!(
            out,
            "      {} from {} [{}], rule {}, in {}",
            kind_name(p.kind),
            p.source.name(),
            p.record,
            p.rule,
            p.table.file()
        )?;
    }
    Ok(())
}

//! `sitrep eval time FILE` and `sitrep eval claims FILE`: score the temporal
//! tagger and the figure extractor against hand-written sets (see
//! `eval/time/README.md` and `eval/claims/README.md` for the formats).

use anyhow::{bail, Context};
use chrono::NaiveDate;
use clap::Subcommand;
use sitrep_model::{Claim, Document};
use sitrep_pipeline::{Config, Pipeline};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Subcommand)]
pub enum EvalWhat {
    /// Exact-value accuracy of the temporal tagger on a TSV set
    /// (split, source, doc_date, expression, value, sentence).
    Time {
        file: PathBuf,
        /// Print a one-line JSON summary instead of the report.
        #[arg(long)]
        json: bool,
    },
    /// Fully-right rate of the figure extractor on a TSV set
    /// (split, source, doc_date, outlet, category, low, best, high, claimant, sentence).
    Claims {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(what: EvalWhat) -> anyhow::Result<std::process::ExitCode> {
    match what {
        EvalWhat::Time { file, json } => time(&file, json)?,
        EvalWhat::Claims { file, json } => claims(&file, json)?,
    }
    Ok(std::process::ExitCode::SUCCESS)
}

fn rows(file: &Path, columns: usize) -> anyhow::Result<Vec<Vec<String>>> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<String> = line.split('\t').map(str::to_string).collect();
        if cols.len() != columns {
            bail!(
                "{}:{}: {} columns, expected {columns}",
                file.display(),
                n + 1,
                cols.len()
            );
        }
        out.push(cols);
    }
    Ok(out)
}

fn date(s: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").with_context(|| format!("bad date {s:?}"))
}

#[derive(Default)]
struct Tally {
    right: usize,
    total: usize,
}

impl Tally {
    fn pct(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            100.0 * self.right as f64 / self.total as f64
        }
    }
}

struct TimeRow {
    split: String,
    source: String,
    doc: NaiveDate,
    expr: String,
    want: String,
    sentence: String,
}

/// The tagger's answer for one row: the value of the time expression that
/// overlaps the gold expression most, "NONE" when none does.
fn tag_row(r: &TimeRow) -> (String, String) {
    let toks = sitrep_text::tokenize(&r.sentence, 0, r.sentence.len());
    let found = sitrep_time::tag_tokens(&r.sentence, &toks, 0, Some(r.doc));
    let Some(gs) = r.sentence.find(&r.expr) else {
        return ("NOT-IN-SENTENCE".into(), String::new());
    };
    let ge = gs + r.expr.len();
    let best = found
        .iter()
        .map(|t| (t.end.min(ge).saturating_sub(t.start.max(gs)), t))
        .filter(|(o, _)| *o > 0)
        .max_by_key(|(o, _)| *o);
    match best {
        None => ("NONE".into(), String::new()),
        Some((_, t)) => (
            t.value.clone().unwrap_or_else(|| "null".into()),
            t.text.clone(),
        ),
    }
}

fn time(file: &Path, json: bool) -> anyhow::Result<()> {
    let mut set = Vec::new();
    for c in rows(file, 6)? {
        set.push(TimeRow {
            split: c[0].clone(),
            source: c[1].clone(),
            doc: date(&c[2])?,
            expr: c[3].clone(),
            want: c[4].clone(),
            sentence: c[5].clone(),
        });
    }
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    for r in &set {
        let (got, text) = tag_row(r);
        let ok = got == r.want;
        for k in [r.split.as_str(), "all"] {
            let t = tallies.entry(k.to_string()).or_default();
            t.total += 1;
            t.right += usize::from(ok);
        }
        if !ok {
            failures.push(format!(
                "{}\t{}\t{}\t{:?}\twant {}\tgot {} {:?}",
                r.split, r.source, r.doc, r.expr, r.want, got, text
            ));
        }
    }
    // Throughput: tag the whole set repeatedly for at least half a second.
    let start = Instant::now();
    let mut n = 0usize;
    while start.elapsed() < Duration::from_millis(500) {
        for r in &set {
            std::hint::black_box(tag_row(r));
        }
        n += set.len();
    }
    let per_sec = n as f64 / start.elapsed().as_secs_f64();
    if json {
        let splits: serde_json::Map<String, serde_json::Value> = tallies
            .iter()
            .map(|(k, t)| {
                (
                    k.clone(),
                    serde_json::json!({"right": t.right, "total": t.total, "accuracy": t.pct()}),
                )
            })
            .collect();
        println!(
            "{}",
            serde_json::json!({"tool": "sitrep", "splits": splits, "expressions_per_sec": per_sec})
        );
        return Ok(());
    }
    for f in &failures {
        println!("FAIL\t{f}");
    }
    for (k, t) in &tallies {
        println!("{k}: {}/{} exact value ({:.1}%)", t.right, t.total, t.pct());
    }
    println!("speed: {per_sec:.0} expressions/s (tokenise + tag, one thread)");
    Ok(())
}

struct ClaimRow {
    split: String,
    source: String,
    doc: NaiveDate,
    outlet: String,
    category: String,
    low: Option<u64>,
    best: Option<u64>,
    high: Option<u64>,
    claimant: String,
    sentence: String,
}

fn figure(s: &str) -> anyhow::Result<Option<u64>> {
    if s == "-" {
        return Ok(None);
    }
    Ok(Some(
        s.parse().with_context(|| format!("bad figure {s:?}"))?,
    ))
}

fn show(v: Option<u64>) -> String {
    v.map_or("-".into(), |v| v.to_string())
}

/// The claimant as the set writes it: an actor code, or `outlet`.
fn claimant_of(c: &Claim) -> String {
    match &c.claimant {
        None => "-".into(),
        Some(a) if a.id.starts_with("outlet:") => "outlet".into(),
        Some(a) => a.code.clone(),
    }
}

fn describe(c: &Claim) -> String {
    format!(
        "{} {}/{}/{} by {} [{}]",
        c.category.as_str(),
        show(c.low),
        show(c.best),
        show(c.high),
        claimant_of(c),
        c.mention.text
    )
}

fn claims(file: &Path, json: bool) -> anyhow::Result<()> {
    let mut set = Vec::new();
    for c in rows(file, 10)? {
        set.push(ClaimRow {
            split: c[0].clone(),
            source: c[1].clone(),
            doc: date(&c[2])?,
            outlet: c[3].clone(),
            category: c[4].clone(),
            low: figure(&c[5])?,
            best: figure(&c[6])?,
            high: figure(&c[7])?,
            claimant: c[8].clone(),
            sentence: c[9].clone(),
        });
    }
    let pipeline = Pipeline::new(&Config {
        no_places: true,
        ..Config::default()
    })?;
    // Rows of one sentence are scored together against the claims of that sentence.
    let mut groups: Vec<Vec<&ClaimRow>> = Vec::new();
    for r in &set {
        match groups
            .iter_mut()
            .find(|g| g[0].sentence == r.sentence && g[0].doc == r.doc && g[0].outlet == r.outlet)
        {
            Some(g) => g.push(r),
            None => groups.push(vec![r]),
        }
    }
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut spurious = 0usize;
    // figures whose category and low/best/high are right, whoever the claimant
    let mut values_right = 0usize;
    let start = Instant::now();
    for (n, g) in groups.iter().enumerate() {
        let doc = Document {
            id: format!("claims-{n}"),
            url: None,
            title: None,
            date: Some(g[0].doc),
            date_source: sitrep_model::DateSource::Record,
            text: g[0].sentence.clone(),
            origin: g[0].source.clone(),
            outlet: Some(g[0].outlet.clone()),
        };
        let ann = pipeline.annotate(&doc);
        let mut unused: Vec<&Claim> = ann.claims.iter().collect();
        for r in g {
            let ok = if r.category == "none" {
                let ok = unused.is_empty();
                if !ok {
                    failures.push(format!(
                        "{}\t{}\twant no figure\tgot {}\t{}",
                        r.split,
                        r.source,
                        unused
                            .iter()
                            .map(|c| describe(c))
                            .collect::<Vec<_>>()
                            .join("; "),
                        r.sentence
                    ));
                }
                unused.clear();
                ok
            } else {
                let pick = unused
                    .iter()
                    .position(|c| c.category.as_str() == r.category && c.best == r.best)
                    .or_else(|| {
                        unused
                            .iter()
                            .position(|c| c.category.as_str() == r.category)
                    })
                    .or_else(|| unused.iter().position(|c| c.best == r.best));
                let got = pick.map(|k| unused.remove(k));
                values_right += usize::from(got.is_some_and(|c| {
                    c.category.as_str() == r.category
                        && (c.low, c.best, c.high) == (r.low, r.best, r.high)
                }));
                let ok = got.is_some_and(|c| {
                    c.category.as_str() == r.category
                        && (c.low, c.best, c.high) == (r.low, r.best, r.high)
                        && claimant_of(c) == r.claimant
                });
                if !ok {
                    failures.push(format!(
                        "{}\t{}\twant {} {}/{}/{} by {}\tgot {}\t{}",
                        r.split,
                        r.source,
                        r.category,
                        show(r.low),
                        show(r.best),
                        show(r.high),
                        r.claimant,
                        got.map_or("nothing".into(), describe),
                        r.sentence
                    ));
                }
                ok
            };
            if r.category == "none" {
                values_right += usize::from(ok);
            }
            for k in [r.split.as_str(), "all"] {
                let t = tallies.entry(k.to_string()).or_default();
                t.total += 1;
                t.right += usize::from(ok);
            }
        }
        for c in unused {
            spurious += 1;
            failures.push(format!(
                "{}\t{}\tspurious\t{}\t{}",
                g[0].split,
                g[0].source,
                describe(c),
                g[0].sentence
            ));
        }
    }
    let secs = start.elapsed().as_secs_f64();
    if json {
        let splits: serde_json::Map<String, serde_json::Value> = tallies
            .iter()
            .map(|(k, t)| {
                (
                    k.clone(),
                    serde_json::json!({"right": t.right, "total": t.total, "fully_right": t.pct()}),
                )
            })
            .collect();
        println!(
            "{}",
            serde_json::json!({"splits": splits, "values_right": values_right, "total": set.len(), "spurious": spurious, "seconds": secs})
        );
        return Ok(());
    }
    for f in &failures {
        println!("FAIL\t{f}");
    }
    for (k, t) in &tallies {
        println!(
            "{k}: {}/{} figures fully right (category, low, best, high, claimant) ({:.1}%)",
            t.right,
            t.total,
            t.pct()
        );
    }
    println!(
        "category and low/best/high right, claimant aside: {values_right}/{}",
        set.len()
    );
    println!("spurious figures (extracted, not in the set): {spurious}");
    Ok(())
}

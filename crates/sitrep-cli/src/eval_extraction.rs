//! `sitrep eval extraction DIR`: how well the HTML extractor finds article
//! text, scored as the public article-extraction benchmark scores it.

use anyhow::Context;
use clap::Subcommand;
use rayon::prelude::*;
use sitrep_ingest::extraction_eval::{load_dataset, score};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum EvalWhat {
    /// Main-text extraction against a ground truth (`ground-truth.json` + `html/<id>.html.gz`).
    Extraction {
        /// The data set directory.
        dir: PathBuf,
        /// How many of the worst pages to list.
        #[arg(long, default_value_t = 10)]
        worst: usize,
        /// Exit non-zero when F1 is below this.
        #[arg(long)]
        min_f1: Option<f64>,
    },
}

pub fn run(what: EvalWhat) -> anyhow::Result<ExitCode> {
    let EvalWhat::Extraction { dir, worst, min_f1 } = what;
    let pages = load_dataset(&dir)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("cannot load the data set in {}", dir.display()))?;
    let started = std::time::Instant::now();
    let texts: Vec<String> = pages
        .par_iter()
        .map(|p| sitrep_ingest::extract_html(&p.html, p.url.as_deref()).text)
        .collect();
    let secs = started.elapsed().as_secs_f64();
    let r = score(&pages, &texts);
    let mean_f1 = if r.mean_precision + r.mean_recall > 0.0 {
        2.0 * r.mean_precision * r.mean_recall / (r.mean_precision + r.mean_recall)
    } else {
        0.0
    };
    println!("pages      {}", pages.len());
    println!("precision  {:.4}", r.precision);
    println!("recall     {:.4}", r.recall);
    println!("F1         {:.4}", r.f1);
    println!(
        "per-page means: precision {:.4}  recall {:.4}  F1 {:.4}",
        r.mean_precision, r.mean_recall, mean_f1
    );
    println!("extraction time {secs:.2}s");
    if worst > 0 {
        println!("worst pages (F1, precision, recall, url):");
        for p in r.worst(worst) {
            println!(
                "  {:.3}  {:.3}  {:.3}  {}",
                p.f1(),
                p.precision(),
                p.recall(),
                p.url.as_deref().unwrap_or(&p.id)
            );
        }
    }
    Ok(match min_f1 {
        Some(min) if r.f1 < min => {
            eprintln!("sitrep: F1 {:.4} is below --min-f1 {min}", r.f1);
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    })
}

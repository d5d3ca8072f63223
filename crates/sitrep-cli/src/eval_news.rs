//! `sitrep eval wikievents|ipe|news`: the event coder measured on real
//! news (issue #19), scored by `sitrep_eval::{wikievents, ipe, news}`.

use clap::Subcommand;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum EvalWhat {
    /// WikiEvents converted to CAMEO roots (wikievents_dev.jsonl / _train.jsonl): violence and
    /// coercion (17-20) precision and recall, source and target words, recall of other roots.
    Wikievents {
        /// The converted JSONL file.
        file: PathBuf,
        /// Score only events with at least this confidence (default: the
        /// confidence model's own threshold, as `sitrep code` uses).
        #[arg(long)]
        min_confidence: Option<f64>,
        /// List every failure (sentence, gold, got).
        #[arg(long)]
        errors: bool,
        /// Print the full report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// IndiaPoliceEvents sentences (ipe_dev.jsonl): ARREST and FORCE/KILL by police or
    /// security forces, precision and recall per label.
    Ipe {
        /// The JSONL file.
        file: PathBuf,
        /// Score only events with at least this confidence (default: the
        /// confidence model's own threshold, as `sitrep code` uses).
        #[arg(long)]
        min_confidence: Option<f64>,
        /// List every false positive and false negative.
        #[arg(long)]
        errors: bool,
        /// Print the full report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The project's hand-coded articles (a directory with articles.tsv and gold.tsv):
    /// event and event-only precision and recall, reliability by confidence.
    News {
        /// The set's directory (eval/news).
        dir: PathBuf,
        /// The shared data directory holding the article texts (default: ../shared).
        #[arg(long)]
        shared: Option<PathBuf>,
        /// Score only events with at least this confidence (default: the
        /// confidence model's own threshold, as `sitrep code` uses).
        #[arg(long)]
        min_confidence: Option<f64>,
        /// List every failure (sentence, gold, got).
        #[arg(long)]
        errors: bool,
        /// Print the full report as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn print<R: serde::Serialize>(
    r: &R,
    json: bool,
    text: impl FnOnce(&R) -> String,
) -> anyhow::Result<ExitCode> {
    let body = if json {
        serde_json::to_string_pretty(r)?
    } else {
        text(r)
    };
    writeln!(std::io::stdout().lock(), "{body}")?;
    Ok(ExitCode::SUCCESS)
}

pub fn run(what: EvalWhat) -> anyhow::Result<ExitCode> {
    match what {
        EvalWhat::Wikievents {
            file,
            min_confidence,
            errors,
            json,
        } => {
            let r = sitrep_eval::wikievents::evaluate(&file, min_confidence)?;
            print(&r, json, |r| r.to_text(errors))
        }
        EvalWhat::Ipe {
            file,
            min_confidence,
            errors,
            json,
        } => {
            let r = sitrep_eval::ipe::evaluate(&file, min_confidence)?;
            print(&r, json, |r| r.to_text(errors))
        }
        EvalWhat::News {
            dir,
            shared,
            min_confidence,
            errors,
            json,
        } => {
            let r = sitrep_eval::news::evaluate(&dir, shared, min_confidence)?;
            print(&r, json, |r| r.to_text(errors))
        }
    }
}

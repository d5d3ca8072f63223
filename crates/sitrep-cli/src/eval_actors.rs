//! `sitrep eval`: measure stages against annotated data.

use anyhow::Context;
use clap::Subcommand;
use sitrep_actors::re3d::{self, Score};
use sitrep_actors::{ActorLexicon, CorpusMemory};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum EvalCommand {
    /// Actor mentions against re3d's Person/Organisation/Nationality spans (overlap P/R/F1).
    Re3d {
        /// The re3d folder (with source folders holding documents.json and entities.json).
        dir: PathBuf,
        /// A directory overriding the built-in actor files.
        #[arg(long)]
        data: Option<PathBuf>,
        /// Print each missed gold mention and each wrong prediction.
        #[arg(long)]
        errors: bool,
        /// Exit non-zero when F1 falls below this.
        #[arg(long)]
        min_f1: Option<f64>,
    },
}

pub fn run(cmd: EvalCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        EvalCommand::Re3d {
            dir,
            data,
            errors,
            min_f1,
        } => {
            let lex = match &data {
                Some(d) => ActorLexicon::from_dir(d).context("loading actor data")?,
                None => ActorLexicon::builtin(),
            };
            let docs = re3d::load(&dir).with_context(|| format!("reading {}", dir.display()))?;
            let mut by_source: Vec<(String, Score)> = Vec::new();
            let mut total = Score::default();
            // documents in file order, each seeded with what the ones before taught
            let mut corpus = CorpusMemory::new();
            for d in &docs {
                let mut mem = corpus.doc_memory();
                let mut found = lex.recognise_text(&d.text, None, &mut mem);
                corpus.absorb(&mut found, &mem);
                let spans: Vec<(usize, usize)> = found
                    .iter()
                    .map(|f| (f.mention.actor.start, f.mention.actor.end))
                    .collect();
                let s = re3d::score(d, &spans);
                if errors {
                    print_errors(d, &found);
                }
                total.add(&s);
                match by_source.iter_mut().find(|(n, _)| *n == d.source) {
                    Some((_, t)) => t.add(&s),
                    None => by_source.push((d.source.clone(), s)),
                }
            }
            for (name, s) in by_source
                .iter()
                .chain(std::iter::once(&("all".to_string(), total)))
            {
                println!(
                    "{name:<22} P {:.3}  R {:.3}  F1 {:.3}  (predicted {} right, {} wrong, {} neutral; gold {}/{} found)",
                    s.precision(),
                    s.recall(),
                    s.f1(),
                    s.pred_right,
                    s.pred_wrong,
                    s.pred_neutral,
                    s.gold_found,
                    s.gold
                );
            }
            if let Some(min) = min_f1 {
                if total.f1() < min {
                    eprintln!("sitrep: F1 {:.3} is below {min}", total.f1());
                    return Ok(ExitCode::from(1));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_errors(d: &re3d::Re3dDoc, found: &[sitrep_actors::Found]) {
    let spans: Vec<(usize, usize)> = found
        .iter()
        .map(|f| (f.mention.actor.start, f.mention.actor.end))
        .collect();
    let ov = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
    for g in d.entities.iter().filter(|g| g.counts()) {
        if !spans.iter().any(|&p| ov(p, (g.start, g.end))) {
            println!("MISS\t{}\t{}\t{}", d.id, g.kind, g.value);
        }
    }
    for (f, &p) in found.iter().zip(&spans) {
        if !d.entities.iter().any(|g| ov(p, (g.start, g.end))) {
            let a = d.text.floor_char_boundary(p.0.saturating_sub(40));
            let b = d.text.ceil_char_boundary((p.1 + 40).min(d.text.len()));
            println!(
                "WRONG\t{}\t{}\t{}[{}]{}\t{} {}",
                d.id,
                &d.text[p.0..p.1],
                d.text[a..p.0].replace('\n', " "),
                &d.text[p.0..p.1],
                d.text[p.1..b].replace('\n', " "),
                f.mention.actor.code,
                f.mention.why
            );
        }
    }
}

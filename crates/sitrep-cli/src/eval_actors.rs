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
    /// Actor codes against hand-coded mentions (JSONL, see eval/actors/README.md): code and country right.
    Actors {
        /// The JSONL file (eval/actors/dev.jsonl).
        file: PathBuf,
        /// A directory overriding the built-in actor files.
        #[arg(long)]
        data: Option<PathBuf>,
        /// Print each mention coded wrong.
        #[arg(long)]
        errors: bool,
        /// Exit non-zero when the code-right rate falls below this.
        #[arg(long)]
        min_code: Option<f64>,
        /// Read each document's listed sentences as one document through the
        /// whole pipeline (places, the story's country), as `sitrep annotate`
        /// does, instead of the actor recogniser alone.
        #[arg(long)]
        pipeline: bool,
    },
}

pub fn run(cmd: EvalCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        EvalCommand::Actors {
            file,
            data,
            errors,
            min_code,
            pipeline,
        } => {
            let lex = match &data {
                Some(d) => ActorLexicon::from_dir(d).context("loading actor data")?,
                None => ActorLexicon::builtin(),
            };
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let (gold, bad) = mentions::parse(&text);
            for (line, e) in &bad {
                eprintln!("sitrep: {}:{line}: {e}", file.display());
            }
            let tally = if pipeline {
                let mut p = sitrep_pipeline::Pipeline::new(&sitrep_pipeline::Config::default())?;
                p.actors = lex;
                mentions::score_documents(&p, &gold, errors)
            } else {
                mentions::score(&lex, &gold, errors)
            };
            print!("{}", tally.report());
            if let Some(min) = min_code {
                if tally.all.code_rate() < min {
                    eprintln!(
                        "sitrep: code right {:.3} is below {min}",
                        tally.all.code_rate()
                    );
                    return Ok(ExitCode::from(1));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
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

/// `sitrep eval actors`: hand-coded actor mentions of real articles.
mod mentions {
    use chrono::NaiveDate;
    use sitrep_actors::{ActorLexicon, DocMemory, Found};

    /// One gold mention: the sentence it stands in, its byte offsets in
    /// that sentence, and the code and country a careful coder gives it.
    #[derive(Debug, Clone, serde::Deserialize)]
    pub struct Gold {
        pub doc: String,
        #[serde(default)]
        pub date: Option<String>,
        pub sentence: String,
        pub mention: String,
        pub start: usize,
        pub end: usize,
        pub code: String,
        #[serde(default)]
        pub country: Option<String>,
        pub post2014: bool,
    }

    /// Why a line of the file is not a gold mention.
    #[derive(Debug)]
    pub enum BadLine {
        Json(serde_json::Error),
        Offsets,
    }

    impl std::fmt::Display for BadLine {
        fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            match self {
                BadLine::Json(e) => write!(f, "not a gold mention: {e}"),
                BadLine::Offsets => write!(f, "start..end is not the mention in the sentence"),
            }
        }
    }

    /// Parse the JSONL file; bad lines are reported, the rest kept.
    pub fn parse(text: &str) -> (Vec<Gold>, Vec<(usize, BadLine)>) {
        let (mut gold, mut bad) = (Vec::new(), Vec::new());
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Gold>(line) {
                Ok(g) if g.sentence.get(g.start..g.end) == Some(g.mention.as_str()) => gold.push(g),
                Ok(_) => bad.push((i + 1, BadLine::Offsets)),
                Err(e) => bad.push((i + 1, BadLine::Json(e))),
            }
        }
        (gold, bad)
    }

    /// Counts for one group of mentions.
    #[derive(Debug, Default, Clone, Copy)]
    pub struct Counts {
        pub n: usize,
        pub found: usize,
        pub code: usize,
        pub root: usize,
        pub country: usize,
    }

    impl Counts {
        pub fn code_rate(&self) -> f64 {
            rate(self.code, self.n)
        }
        fn line(&self, name: &str) -> String {
            format!(
                "{name:<10} {:>4} mentions  found {}  code right {}/{} = {:.1}%  (root {:.1}%)  country right {}/{} = {:.1}%\n",
                self.n,
                self.found,
                self.code,
                self.n,
                100.0 * self.code_rate(),
                100.0 * rate(self.root, self.n),
                self.country,
                self.n,
                100.0 * rate(self.country, self.n)
            )
        }
    }

    fn rate(a: usize, n: usize) -> f64 {
        if n == 0 {
            0.0
        } else {
            a as f64 / n as f64
        }
    }

    #[derive(Debug, Default)]
    pub struct Tally {
        pub all: Counts,
        pub post: Counts,
        pub pre: Counts,
    }

    impl Tally {
        /// Count one gold mention against the code, country and reason of
        /// the actor found over it (none: wrong on both).
        fn add(&mut self, g: &Gold, got: Option<(&str, Option<String>, String)>, errors: bool) {
            let code = got.as_ref().map_or("", |x| x.0);
            let country = got.as_ref().and_then(|x| x.1.clone());
            let ok_code = code == g.code;
            let ok_root = !code.is_empty() && root(code) == root(&g.code);
            let ok_country = got.is_some() && country == g.country;
            for c in [
                &mut self.all,
                if g.post2014 {
                    &mut self.post
                } else {
                    &mut self.pre
                },
            ] {
                c.n += 1;
                c.found += got.is_some() as usize;
                c.code += ok_code as usize;
                c.root += ok_root as usize;
                c.country += ok_country as usize;
            }
            if errors && !(ok_code && ok_country) {
                println!(
                    "WRONG\t{}\t{}\tgold {} {}\tgot {} {}\t{}",
                    g.doc,
                    g.mention,
                    g.code,
                    g.country.as_deref().unwrap_or("-"),
                    if code.is_empty() { "(none)" } else { code },
                    country.as_deref().unwrap_or("-"),
                    got.as_ref().map(|x| x.2.as_str()).unwrap_or_default()
                );
            }
        }

        pub fn report(&self) -> String {
            let mut s = self.all.line("all");
            s += &self.post.line("post-2014");
            s += &self.pre.line("earlier");
            s
        }
    }

    /// The found actor that covers most of the gold span.
    fn best<'a>(found: &'a [Found], g: &Gold) -> Option<&'a Found> {
        found
            .iter()
            .filter(|f| f.mention.actor.start < g.end && g.start < f.mention.actor.end)
            .max_by_key(|f| f.mention.actor.end.min(g.end) - f.mention.actor.start.max(g.start))
    }

    /// The first six characters of a code: country (or IGO/IMG) and
    /// sector, without the finer codes after them.
    fn root(code: &str) -> &str {
        code.get(..6).unwrap_or(code)
    }

    /// Run each document, made of its listed sentences in file order (one
    /// paragraph each), through the pipeline and compare the actor covering
    /// each gold mention.
    pub fn score_documents(p: &sitrep_pipeline::Pipeline, gold: &[Gold], errors: bool) -> Tally {
        let mut t = Tally::default();
        let mut i = 0;
        while i < gold.len() {
            let n = gold[i..]
                .iter()
                .take_while(|g| g.doc == gold[i].doc)
                .count();
            let group = &gold[i..i + n];
            i += n;
            let mut doc = sitrep_model::Document {
                id: group[0].doc.clone(),
                date: group[0]
                    .date
                    .as_deref()
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
                origin: "eval actors".into(),
                ..Default::default()
            };
            let mut offsets: Vec<(&str, usize)> = Vec::new();
            for g in group {
                if !offsets.iter().any(|(s, _)| *s == g.sentence) {
                    if !doc.text.is_empty() {
                        doc.text.push_str("\n\n");
                    }
                    offsets.push((&g.sentence, doc.text.len()));
                    doc.text.push_str(&g.sentence);
                }
            }
            let ann = p.annotate(&doc);
            for g in group {
                let base = offsets
                    .iter()
                    .find(|(s, _)| *s == g.sentence)
                    .map_or(0, |x| x.1);
                let (s, e) = (base + g.start, base + g.end);
                let f = ann
                    .actors
                    .iter()
                    .filter(|m| m.actor.start < e && s < m.actor.end)
                    .max_by_key(|m| m.actor.end.min(e) - m.actor.start.max(s));
                let got = f.map(|m| {
                    (
                        m.actor.code.as_str(),
                        m.actor.country.clone(),
                        format!("[{}] {}", m.actor.text, m.why),
                    )
                });
                t.add(g, got, errors);
            }
        }
        t
    }

    /// Recognise each sentence (one memory per document, sentences in file
    /// order) and compare the actor covering each gold mention.
    pub fn score(lex: &ActorLexicon, gold: &[Gold], errors: bool) -> Tally {
        let mut t = Tally::default();
        let mut mem = DocMemory::default();
        let mut last: Option<(&str, &str)> = None;
        let mut found: Vec<Found> = Vec::new();
        for g in gold {
            if last.map(|(d, _)| d) != Some(g.doc.as_str()) {
                mem = DocMemory::default();
            }
            if last != Some((g.doc.as_str(), g.sentence.as_str())) {
                let date = g
                    .date
                    .as_deref()
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                found = lex.recognise_text(&g.sentence, date, &mut mem);
                last = Some((g.doc.as_str(), g.sentence.as_str()));
            }
            let f = best(&found, g);
            let got = f.map(|f| {
                (
                    f.mention.actor.code.as_str(),
                    f.mention.actor.country.clone(),
                    format!("[{}] {}", f.mention.actor.text, f.mention.why),
                )
            });
            t.add(g, got, errors);
        }
        t
    }
}

//! `sitrep parse` output, `sitrep eval parse` and `sitrep train parse`: the dependency
//! parser's own commands.

use anyhow::Context;
use clap::Subcommand;
use serde_json::json;
use sitrep_model::Annotation;
use sitrep_parse::conllu::{self, Sentence};
use sitrep_parse::eval::Scores;
use sitrep_parse::sentences::paragraphs;
use sitrep_parse::train::{self, Casing, Options};
use sitrep_parse::Analyzer;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Writes a document's sentences as CoNLL-U (tag, head and relation filled).
pub fn write_conllu(ann: &Annotation, out: &mut dyn Write) -> std::io::Result<()> {
    if ann.syntax.is_empty() {
        return Ok(());
    }
    writeln!(out, "# newdoc id = {}", ann.doc_id)?;
    for s in &ann.syntax {
        let text = ann
            .sentences
            .get(s.sentence)
            .map_or("", |x| x.text.as_str());
        let mut sent = Sentence {
            sent_id: Some(format!("{}-{}", ann.doc_id, s.sentence + 1)),
            text: Some(text.replace('\n', " ")),
            ..Default::default()
        };
        for (i, w) in s.words.iter().enumerate() {
            sent.words.push(w.text.clone());
            sent.upos.push(w.upos.clone());
            sent.xpos.push(w.tag.clone());
            sent.heads.push(w.head);
            sent.rels.push(sitrep_parse::Rel::parse_lenient(&w.rel));
            let next = s.words.get(i + 1).map_or(usize::MAX, |n| n.start);
            sent.space_after.push(next != w.end);
        }
        let mut buf = String::new();
        conllu::write(&sent, &mut buf);
        out.write_all(buf.as_bytes())?;
    }
    Ok(())
}

#[derive(Subcommand)]
pub enum EvalWhat {
    /// Tagging and attachment scores (UAS, LAS, per relation) on a CoNLL-U file with gold
    /// words, sentence-boundary F1 on its paragraphs, and sentences per second.
    Parse {
        /// A CoNLL-U treebank file (e.g. UD English EWT test or PUD).
        file: PathBuf,
        /// Lowercase every word (and the paragraphs for boundaries) first.
        #[arg(long)]
        lowercase: bool,
        /// A model file to score instead of the built-in one.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum TrainWhat {
    /// Train the tagger, the parser and the sentence-boundary model on a UD treebank
    /// (deterministic for a given seed). Writes MODEL and sentences.bin beside it.
    Parse {
        /// Training treebank (CoNLL-U with XPOS, UPOS, heads and relations).
        #[arg(long)]
        train: PathBuf,
        /// Development treebank: the epoch scoring best on it is kept.
        #[arg(long)]
        dev: PathBuf,
        /// Where to write the model (e.g. data/parse/model.bin).
        #[arg(long)]
        out: PathBuf,
        /// Passes over the training data for the parser.
        #[arg(long, default_value_t = Options::default().parser_epochs)]
        epochs: usize,
        /// Folds for jackknifed training tags.
        #[arg(long, default_value_t = Options::default().folds)]
        folds: usize,
        /// Random seed for shuffling and exploration.
        #[arg(long, default_value_t = Options::default().seed)]
        seed: u64,
    },
    /// Train the event confidence model on real news with annotated events
    /// (WikiEvents train), and choose its output threshold by cross-validation.
    Confidence(crate::train_confidence::Args),
    /// Train the role model (who of a sentence's actors is an event's source
    /// and target, from the parse) on WikiEvents train.
    Roles(crate::train_roles::Args),
}

fn load(path: &Path) -> anyhow::Result<Vec<Sentence>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    conllu::read(&text).with_context(|| format!("reading {}", path.display()))
}

pub fn train(which: TrainWhat) -> anyhow::Result<ExitCode> {
    let (train_path, dev, out, epochs, folds, seed) = match which {
        TrainWhat::Confidence(a) => return crate::train_confidence::run(a),
        TrainWhat::Roles(a) => return crate::train_roles::run(a),
        TrainWhat::Parse {
            train,
            dev,
            out,
            epochs,
            folds,
            seed,
        } => (train, dev, out, epochs, folds, seed),
    };
    let (train_set, dev_set) = (load(&train_path)?, load(&dev)?);
    let opts = Options {
        parser_epochs: epochs,
        folds,
        seed,
        ..Options::default()
    };
    let t = Instant::now();
    let log = |l: &str| eprintln!("[{:>6.1}s] {l}", t.elapsed().as_secs_f64());
    let boundaries = train::train_boundaries(&train_set, &dev_set, &opts, log);
    let model = train::train(&train_set, &dev_set, &opts, log);
    let mut bytes = Vec::new();
    model.write(&mut bytes)?;
    std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    let sents = out.with_file_name("sentences.bin");
    let mut b = Vec::new();
    boundaries.write(&mut b)?;
    std::fs::write(&sents, &b).with_context(|| format!("writing {}", sents.display()))?;
    eprintln!(
        "sitrep: wrote {} ({} bytes) and {} in {:.0} s",
        out.display(),
        bytes.len(),
        sents.display(),
        t.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn eval(which: EvalWhat) -> anyhow::Result<ExitCode> {
    let EvalWhat::Parse {
        file,
        lowercase,
        model,
        json,
    } = which;
    let gold = load(&file)?;
    let loaded;
    let analyzer: &Analyzer = match &model {
        Some(p) => {
            loaded = Analyzer::from_file(p).with_context(|| format!("loading {}", p.display()))?;
            &loaded
        }
        None => Analyzer::embedded(),
    };
    let casing = if lowercase {
        Casing::Lower
    } else {
        Casing::AsWritten
    };
    let forms: Vec<Vec<String>> = gold
        .iter()
        .map(|s| s.words.iter().map(|w| casing.apply(w)).collect())
        .collect();
    let t = Instant::now();
    let analyses: Vec<_> = forms.iter().map(|f| analyzer.analyze(f)).collect();
    let secs = t.elapsed().as_secs_f64().max(1e-9);
    let mut sc = Scores::default();
    for (s, a) in gold.iter().zip(&analyses) {
        sc.add(s, a);
    }
    let (bp, br, bf) = boundary_scores(&gold, casing);
    let report = json!({
        "file": file.display().to_string(),
        "lowercased": lowercase,
        "sentences": sc.sentences,
        "words": sc.words,
        "uas": sc.uas(),
        "las": sc.las(),
        "las_main": sc.las_main(),
        "label_acc": sc.label_accuracy(),
        "xpos_acc": sc.tag_accuracy(),
        "upos_acc": sc.upos_accuracy(),
        "sentences_per_sec": sc.sentences as f64 / secs,
        "tokens_per_sec": sc.words as f64 / secs,
        "boundary_precision": bp,
        "boundary_recall": br,
        "boundary_f1": bf,
        "model_bytes": analyzer.heap_bytes(),
        "relations": sc.relation_f1().iter().map(|(r, n, p, rc, f)| json!({
            "rel": r.as_str(), "gold": n, "precision": p, "recall": rc, "f1": f
        })).collect::<Vec<_>>(),
    });
    if json {
        println!("{report}");
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} ({} sentences, {} words{}):",
        file.display(),
        sc.sentences,
        sc.words,
        if lowercase { ", lowercased" } else { "" }
    );
    println!(
        "  UAS {:.2}  LAS {:.2}  LAS (main type) {:.2}  label {:.2}",
        100.0 * sc.uas(),
        100.0 * sc.las(),
        100.0 * sc.las_main(),
        100.0 * sc.label_accuracy()
    );
    println!(
        "  XPOS {:.2}  UPOS {:.2}",
        100.0 * sc.tag_accuracy(),
        100.0 * sc.upos_accuracy()
    );
    println!("  sentence boundaries: P {bp:.3}  R {br:.3}  F1 {bf:.3}");
    println!(
        "  model tables in memory: {:.0} MB",
        analyzer.heap_bytes() as f64 / 1e6
    );
    println!(
        "  {:.0} sentences/s, {:.0} words/s (tagging + parsing, one thread)",
        sc.sentences as f64 / secs,
        sc.words as f64 / secs
    );
    println!("  per relation (gold count, P/R/F1 of labelled attachment):");
    for (r, n, p, rc, f) in sc.relation_f1() {
        if n >= 20 {
            println!(
                "    {:<14} {:>5}  {:.2} {:.2} {:.2}",
                r.as_str(),
                n,
                p,
                rc,
                f
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Sentence-boundary precision, recall and F1 of sitrep's segmenter (the one every
/// document goes through) on the treebank's paragraphs, each paragraph a line.
fn boundary_scores(gold: &[Sentence], casing: Casing) -> (f64, f64, f64) {
    let mut text = String::new();
    let mut kept = Vec::new();
    let mut ends = std::collections::HashSet::new();
    for (para, para_ends) in paragraphs(gold, casing) {
        let start = text.len();
        text.push_str(&para);
        kept.push((start, text.len()));
        ends.extend(para_ends.iter().map(|e| start + e));
        text.push('\n');
    }
    let got: Vec<usize> = sitrep_text::segment(&text, &kept)
        .iter()
        .map(|s| s.end)
        .collect();
    let tp = got.iter().filter(|e| ends.contains(e)).count();
    let p = tp as f64 / got.len().max(1) as f64;
    let r = tp as f64 / ends.len().max(1) as f64;
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

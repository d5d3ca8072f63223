//! `sitrep-bench`: how fast the sitrep pipeline runs and how much memory it
//! takes, on a generated corpus of news articles.
//!
//! `sitrep-bench corpus` writes the corpus; `sitrep-bench run` measures the
//! whole pipeline on one core and on all cores, the time of each stage, the
//! peak resident memory and the HTML extractor, and writes the report as
//! JSON and as a markdown table. See BENCHMARKS.md.

mod corpus;
mod parse;
mod report;

use anyhow::Context;
use clap::{Parser, Subcommand};
use rayon::prelude::*;
use report::{Extraction, Machine, Report, Run, StageRow};
use sitrep_model::Document;
use sitrep_pipeline::{Config, Pipeline, StageTimes};
use std::path::{Path, PathBuf};
use std::time::Instant;

const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

#[derive(Parser)]
#[command(
    name = "sitrep-bench",
    about = "Throughput and memory of the sitrep pipeline."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the benchmark corpus (JSONL) from the Lee articles and the Karabakh examples.
    Corpus {
        /// Output file.
        #[arg(long)]
        out: PathBuf,
        /// How many articles.
        #[arg(long, default_value_t = 10_000)]
        docs: usize,
        #[arg(long, default_value_t = 20_201_001)]
        seed: u64,
        /// The Lee corpus (one article per line).
        #[arg(long, default_value = "/work/shared/corpus/lee/lee_background.cor")]
        lee: PathBuf,
        /// The Karabakh examples [default: examples/karabakh in the repo].
        #[arg(long)]
        karabakh: Option<PathBuf>,
        /// sitrep's data directory, for the names substituted [default: data/ in the repo].
        #[arg(long)]
        data: Option<PathBuf>,
        /// Share of articles made from a Lee article (the rest from a Karabakh one).
        #[arg(long, default_value_t = 0.75)]
        lee_share: f64,
        /// Chance that a sentence other than the lead comes from another article of the same source.
        #[arg(long, default_value_t = 0.3)]
        swap: f64,
    },
    /// Measure the pipeline on a corpus and write the report.
    Run {
        /// The corpus (JSONL, as `sitrep-bench corpus` writes it; anything sitrep reads works).
        #[arg(long)]
        corpus: PathBuf,
        /// Use only the first N documents.
        #[arg(long)]
        limit: Option<usize>,
        /// Thread-pool sizes to run with, comma-separated [default: 1 and all cores].
        #[arg(long, value_delimiter = ',')]
        threads: Vec<usize>,
        /// Skip the extra one-core pass that times each stage.
        #[arg(long)]
        no_stages: bool,
        /// Also give every sentence its dependency parse (as `sitrep annotate` does).
        #[arg(long)]
        syntax: bool,
        /// Documents annotated once before measuring (not counted).
        #[arg(long, default_value_t = 200)]
        warmup: usize,
        /// The article-extraction data set (`ground-truth.json` + `html/`), to time the HTML extractor.
        #[arg(long)]
        extraction: Option<PathBuf>,
        /// Write the report as JSON here (`-` for standard output).
        #[arg(long)]
        json: Option<PathBuf>,
        /// Write the report as markdown here.
        #[arg(long)]
        markdown: Option<PathBuf>,
    },
    /// Tagging + parsing speed on a CoNLL-U file (one thread), beside UDPipe 1's in the
    /// same run (scripts/parse_baseline.py --speed-only; needs its cached model).
    Parse {
        /// The sentences (CoNLL-U; its words are used, not its tokenisation).
        #[arg(long)]
        file: PathBuf,
        /// Passes over the file; the best is reported.
        #[arg(long, default_value_t = 5)]
        rounds: usize,
        /// UDPipe 1 model trained by scripts/parse_baseline.py (omit to skip UDPipe).
        #[arg(long)]
        udpipe_model: Option<PathBuf>,
        /// Parse with a beam of this width (1: greedy) instead of the model's own.
        #[arg(long)]
        beam: Option<usize>,
        /// Then measure these beam widths against each other in one sweep (e.g. 1,2,4,8):
        /// rate and UAS/LAS on the file for each.
        #[arg(long, value_delimiter = ',')]
        widths: Vec<usize>,
        /// Also sweep these model files beside the embedded one (e.g. the previous
        /// commit's data/parse/model.bin): every (model, width) in turn each round.
        #[arg(long)]
        compare_model: Vec<PathBuf>,
        /// Write the report as JSON here (`-` for standard output).
        #[arg(long)]
        json: Option<PathBuf>,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Corpus {
            out,
            docs,
            seed,
            lee,
            karabakh,
            data,
            lee_share,
            swap,
        } => {
            let src = corpus::Sources {
                lee,
                karabakh: karabakh.unwrap_or_else(|| Path::new(REPO).join("examples/karabakh")),
                data: data.unwrap_or_else(|| Path::new(REPO).join("data")),
            };
            let opts = corpus::Options {
                docs,
                seed,
                lee_share,
                swap,
            };
            if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            let file = std::fs::File::create(&out)
                .with_context(|| format!("creating {}", out.display()))?;
            let mut w = std::io::BufWriter::new(file);
            let n = corpus::generate(&src, &opts, &mut w)?;
            eprintln!(
                "sitrep-bench: wrote {} articles ({:.1} MB) from {} source articles to {}",
                n.docs,
                n.bytes as f64 / 1e6,
                n.base_articles,
                out.display()
            );
            Ok(())
        }
        Command::Run {
            corpus,
            limit,
            threads,
            no_stages,
            syntax,
            warmup,
            extraction,
            json,
            markdown,
        } => {
            let report = run(
                &corpus, limit, threads, !no_stages, warmup, syntax, extraction,
            )?;
            let text = serde_json::to_string_pretty(&report)?;
            match json.as_deref() {
                Some(p) if p.as_os_str() == "-" => println!("{text}"),
                Some(p) => std::fs::write(p, text + "\n")
                    .with_context(|| format!("writing {}", p.display()))?,
                None => {}
            }
            let md = report::markdown(&report);
            match markdown.as_deref() {
                Some(p) => {
                    std::fs::write(p, &md).with_context(|| format!("writing {}", p.display()))?
                }
                None if json.as_deref().is_some_and(|p| p.as_os_str() == "-") => {}
                None => print!("{md}"),
            }
            Ok(())
        }
        Command::Parse {
            file,
            rounds,
            udpipe_model,
            beam,
            widths,
            compare_model,
            json,
        } => {
            let r = parse::run(
                Path::new(REPO),
                &file,
                rounds,
                udpipe_model.as_deref(),
                beam,
                &widths,
                &compare_model,
            )?;
            let text = serde_json::to_string_pretty(&r)?;
            match json.as_deref() {
                Some(p) if p.as_os_str() == "-" => println!("{text}"),
                Some(p) => std::fs::write(p, text + "\n")
                    .with_context(|| format!("writing {}", p.display()))?,
                None => {}
            }
            if json.as_deref().is_none_or(|p| p.as_os_str() != "-") {
                print!("{}", parse::summary(&r));
            }
            Ok(())
        }
    }
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Counts over a set of documents.
#[derive(Default, Clone)]
struct Tally {
    docs: usize,
    sentences: usize,
    bytes: usize,
    words: usize,
    events: usize,
    claims: usize,
    times: StageTimes,
}

impl Tally {
    fn of(doc: &Document, ann: &sitrep_model::Annotation, times: StageTimes) -> Tally {
        Tally {
            docs: 1,
            sentences: ann.sentences.len(),
            bytes: doc.text.len(),
            words: words(&doc.text),
            events: ann.events.len(),
            claims: ann.claims.len(),
            times,
        }
    }

    fn merge(mut self, o: Tally) -> Tally {
        self.docs += o.docs;
        self.sentences += o.sentences;
        self.bytes += o.bytes;
        self.words += o.words;
        self.events += o.events;
        self.claims += o.claims;
        self.times.add(&o.times);
        self
    }
}

/// One pass over `docs`: the tally, wall-clock seconds and CPU seconds.
fn pass(pipeline: &Pipeline, docs: &[Document], threads: usize, timed: bool) -> (Tally, f64, f64) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    let cpu = cpu_seconds();
    let started = Instant::now();
    let tally = pool.install(|| {
        docs.par_iter()
            .map(|d| {
                if timed {
                    let (ann, t) = pipeline.annotate_timed(d);
                    Tally::of(d, &ann, t)
                } else {
                    Tally::of(d, &pipeline.annotate(d), StageTimes::default())
                }
            })
            .reduce(Tally::default, Tally::merge)
    });
    let wall = started.elapsed().as_secs_f64();
    (tally, wall, cpu_seconds() - cpu)
}

/// User + system CPU time of the whole process so far: unlike the wall
/// clock, it does not count time the threads waited for a busy core.
pub fn cpu_seconds() -> f64 {
    let mut u = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a whole `rusage` into the pointer it is given.
    let r = unsafe { libc::getrusage(libc::RUSAGE_SELF, u.as_mut_ptr()) };
    if r != 0 {
        return 0.0;
    }
    // SAFETY: zero-initialised and filled by the successful call above.
    let u = unsafe { u.assume_init() };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(u.ru_utime) + secs(u.ru_stime)
}

fn to_run(threads: usize, timed: bool, t: &Tally, secs: f64, cpu: f64) -> Run {
    Run {
        threads,
        stage_timing: timed,
        seconds: secs,
        cpu_seconds: cpu,
        sentences_per_cpu_s: t.sentences as f64 / cpu,
        docs: t.docs,
        sentences: t.sentences,
        bytes: t.bytes,
        words: t.words,
        events: t.events,
        claims: t.claims,
        docs_per_s: t.docs as f64 / secs,
        sentences_per_s: t.sentences as f64 / secs,
        sentences_per_s_per_core: t.sentences as f64 / secs / threads as f64,
        words_per_s: t.words as f64 / secs,
        mb_per_s: t.bytes as f64 / 1e6 / secs,
    }
}

/// A field of /proc/self/status, in kB (`VmHWM`, `VmRSS`).
pub fn proc_status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|l| {
        let rest = l.strip_prefix(field)?.strip_prefix(':')?;
        rest.split_whitespace().next()?.parse().ok()
    })
}

fn mb(kb: Option<u64>) -> Option<f64> {
    kb.map(|k| k as f64 / 1024.0)
}

fn run(
    corpus: &Path,
    limit: Option<usize>,
    threads: Vec<usize>,
    stages: bool,
    warmup: usize,
    syntax: bool,
    extraction: Option<PathBuf>,
) -> anyhow::Result<Report> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = if threads.is_empty() {
        let mut t = vec![1, cores];
        t.dedup();
        t
    } else {
        threads
    };

    let load_average_before = report::load_average();
    let started = Instant::now();
    let mut pipeline = Pipeline::new(&Config::default())?;
    pipeline.syntax = syntax;
    let load_seconds = started.elapsed().as_secs_f64();
    let rss_after_load_mb = mb(proc_status_kb("VmRSS"));
    eprintln!("sitrep-bench: pipeline loaded in {load_seconds:.2}s");

    let started = Instant::now();
    let mut docs = Vec::new();
    let mut errors = 0usize;
    sitrep_ingest::read_inputs(
        &[corpus.to_path_buf()],
        &sitrep_ingest::ReadOptions::new(),
        &mut |item| match item {
            Ok(d) => {
                if limit.is_none_or(|n| docs.len() < n) {
                    docs.push(d)
                }
            }
            Err(e) => {
                errors += 1;
                eprintln!("sitrep-bench: {}: {}", e.origin, e.message);
            }
        },
    );
    let read_seconds = started.elapsed().as_secs_f64();
    if docs.is_empty() {
        anyhow::bail!("no documents in {}", corpus.display());
    }
    let corpus_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    eprintln!(
        "sitrep-bench: {} documents ({:.1} MB) read in {read_seconds:.2}s",
        docs.len(),
        corpus_bytes as f64 / 1e6
    );

    // first touches (page faults, lazily built tables) are not what we measure
    let w = warmup.min(docs.len());
    let _ = pass(&pipeline, &docs[..w], 1, false);

    let mut runs = Vec::new();
    for &t in &threads {
        let (tally, secs, cpu) = pass(&pipeline, &docs, t, false);
        let r = to_run(t, false, &tally, secs, cpu);
        eprintln!(
            "sitrep-bench: {t} thread(s): {:.0} docs/s, {:.0} sentences/s, {:.2} MB/s, {:.0} sentences per CPU-second",
            r.docs_per_s, r.sentences_per_s, r.mb_per_s, r.sentences_per_cpu_s
        );
        runs.push(r);
    }
    let mut stage_rows = Vec::new();
    if stages {
        let (tally, secs, cpu) = pass(&pipeline, &docs, 1, true);
        let total = tally.times.total().as_secs_f64();
        for (stage, d) in tally.times.iter() {
            let s = d.as_secs_f64();
            stage_rows.push(StageRow {
                stage: stage.name().to_string(),
                seconds: s,
                share: if total > 0.0 { s / total } else { 0.0 },
                us_per_sentence: s * 1e6 / tally.sentences.max(1) as f64,
                us_per_doc: s * 1e6 / tally.docs.max(1) as f64,
            });
        }
        runs.push(to_run(1, true, &tally, secs, cpu));
        eprintln!("sitrep-bench: stage pass {secs:.2}s");
    }

    let extraction = match extraction {
        Some(dir) => Some(time_extraction(&dir, &threads)?),
        None => None,
    };

    let peak_rss_mb = mb(proc_status_kb("VmHWM"));
    let one_core = runs
        .iter()
        .find(|r| r.threads == 1 && !r.stage_timing)
        .map(|r| r.sentences_per_s_per_core);
    Ok(Report {
        machine: Machine::here(cores),
        load_average_before,
        load_average_after: report::load_average(),
        corpus: corpus.display().to_string(),
        docs: docs.len(),
        corpus_bytes,
        read_errors: errors,
        read_seconds,
        pipeline_load_seconds: load_seconds,
        rss_after_load_mb,
        peak_rss_mb,
        runs,
        stages: stage_rows,
        extraction,
        target_sentences_per_s_per_core: 5000.0,
        target_peak_rss_mb: 1024.0,
        meets_speed_target: one_core.map(|s| s >= 5000.0),
        meets_memory_target: peak_rss_mb.map(|m| m <= 1024.0),
    })
}

fn time_extraction(dir: &Path, threads: &[usize]) -> anyhow::Result<Extraction> {
    let pages = sitrep_ingest::extraction_eval::load_dataset(dir)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("loading {}", dir.display()))?;
    let html_bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let mut seconds = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    for &t in threads {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(t).build()?;
        let started = Instant::now();
        texts = pool.install(|| {
            pages
                .par_iter()
                .map(|p| sitrep_ingest::extract_html(&p.html, p.url.as_deref()).text)
                .collect()
        });
        seconds.push((t, started.elapsed().as_secs_f64()));
    }
    let score = sitrep_ingest::extraction_eval::score(&pages, &texts);
    let extracted_words: usize = texts.iter().map(|t| words(t)).sum();
    Ok(Extraction {
        dir: dir.display().to_string(),
        pages: pages.len(),
        html_bytes,
        extracted_words,
        f1: score.f1,
        runs: seconds
            .iter()
            .map(|&(t, s)| report::ExtractionRun {
                threads: t,
                seconds: s,
                pages_per_s: pages.len() as f64 / s,
                mb_per_s: html_bytes as f64 / 1e6 / s,
            })
            .collect(),
    })
}

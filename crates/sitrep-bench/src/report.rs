//! The report: what was measured, as JSON and as markdown.

use serde::Serialize;
use std::fmt::Write;

#[derive(Serialize)]
pub struct Machine {
    pub cores: usize,
    pub cpu: Option<String>,
    pub memory_mb: Option<f64>,
    pub os: String,
}

impl Machine {
    pub fn here(cores: usize) -> Machine {
        let cpu = std::fs::read_to_string("/proc/cpuinfo").ok().and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        });
        let memory_mb = std::fs::read_to_string("/proc/meminfo").ok().and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
                .map(|kb| kb / 1024.0)
        });
        Machine {
            cores,
            cpu,
            memory_mb,
            os: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        }
    }
}

/// One pass of the whole pipeline over the corpus.
#[derive(Serialize)]
pub struct Run {
    /// Rayon thread-pool size.
    pub threads: usize,
    /// Whether this pass read the clock between stages (`annotate_timed`).
    pub stage_timing: bool,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// CPU seconds of the process over the pass (all threads).
    pub cpu_seconds: f64,
    /// Sentences per CPU-second: one core's throughput, whatever else ran on the machine.
    pub sentences_per_cpu_s: f64,
    pub docs: usize,
    pub sentences: usize,
    pub bytes: usize,
    pub words: usize,
    pub events: usize,
    pub claims: usize,
    pub docs_per_s: f64,
    pub sentences_per_s: f64,
    pub sentences_per_s_per_core: f64,
    pub words_per_s: f64,
    pub mb_per_s: f64,
}

/// One stage's share of the one-core timed pass.
#[derive(Serialize)]
pub struct StageRow {
    pub stage: String,
    pub seconds: f64,
    pub share: f64,
    pub us_per_sentence: f64,
    pub us_per_doc: f64,
}

#[derive(Serialize)]
pub struct ExtractionRun {
    pub threads: usize,
    pub seconds: f64,
    pub pages_per_s: f64,
    pub mb_per_s: f64,
}

/// The HTML extractor on the article-extraction pages.
#[derive(Serialize)]
pub struct Extraction {
    pub dir: String,
    pub pages: usize,
    pub html_bytes: usize,
    pub extracted_words: usize,
    pub f1: f64,
    pub runs: Vec<ExtractionRun>,
}

#[derive(Serialize)]
pub struct Report {
    pub machine: Machine,
    /// /proc/loadavg before and after the run: others' work on the same cores.
    pub load_average_before: Option<String>,
    pub load_average_after: Option<String>,
    pub corpus: String,
    pub docs: usize,
    pub corpus_bytes: usize,
    pub read_errors: usize,
    /// Reading and parsing the JSONL corpus.
    pub read_seconds: f64,
    /// Building the pipeline (lexicons, gazetteer).
    pub pipeline_load_seconds: f64,
    pub rss_after_load_mb: Option<f64>,
    /// VmHWM at the end: the peak resident memory of the whole run.
    pub peak_rss_mb: Option<f64>,
    pub runs: Vec<Run>,
    pub stages: Vec<StageRow>,
    pub extraction: Option<Extraction>,
    pub target_sentences_per_s_per_core: f64,
    pub target_peak_rss_mb: f64,
    pub meets_speed_target: Option<bool>,
    pub meets_memory_target: Option<bool>,
}

fn opt(x: Option<f64>, digits: usize) -> String {
    x.map_or_else(|| "?".to_string(), |v| format!("{v:.digits$}"))
}

/// The report as markdown tables.
pub fn markdown(r: &Report) -> String {
    let mut s = String::new();
    let m = &r.machine;
    let _ = writeln!(
        s,
        "Machine: {} cores, {}, {} MB RAM, {}.\n",
        m.cores,
        m.cpu.as_deref().unwrap_or("unknown CPU"),
        opt(m.memory_mb, 0),
        m.os
    );
    let _ = writeln!(
        s,
        "Load average (1, 5, 15 min) before the run: {}; after: {}.\n",
        r.load_average_before.as_deref().unwrap_or("?"),
        r.load_average_after.as_deref().unwrap_or("?")
    );
    let _ = writeln!(
        s,
        "Corpus: {} documents, {:.1} MB of text ({}); read in {:.2} s. Pipeline built in {:.2} s, {} MB resident after building.\n",
        r.docs,
        r.corpus_bytes as f64 / 1e6,
        r.corpus,
        r.read_seconds,
        r.pipeline_load_seconds,
        opt(r.rss_after_load_mb, 0)
    );
    let _ = writeln!(
        s,
        "| threads | stage timing | wall s | CPU s | docs/s | sentences/s | sentences/s per core | sentences per CPU-s | words/s | MB/s | sentences | events | claims |"
    );
    let _ = writeln!(
        s,
        "|---:|:---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for x in &r.runs {
        let _ = writeln!(
            s,
            "| {} | {} | {:.2} | {:.2} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.2} | {} | {} | {} |",
            x.threads,
            if x.stage_timing { "on" } else { "off" },
            x.seconds,
            x.cpu_seconds,
            x.docs_per_s,
            x.sentences_per_s,
            x.sentences_per_s_per_core,
            x.sentences_per_cpu_s,
            x.words_per_s,
            x.mb_per_s,
            x.sentences,
            x.events,
            x.claims
        );
    }
    let _ = writeln!(
        s,
        "\nPeak resident memory (VmHWM): {} MB (target ≤ {:.0} MB: {}). One-core throughput target ≥ {:.0} sentences/s: {}.\n",
        opt(r.peak_rss_mb, 0),
        r.target_peak_rss_mb,
        verdict(r.meets_memory_target),
        r.target_sentences_per_s_per_core,
        verdict(r.meets_speed_target)
    );
    if !r.stages.is_empty() {
        let _ = writeln!(s, "Time per stage (one core, timed pass):\n");
        let _ = writeln!(s, "| stage | seconds | share | µs/sentence | µs/document |");
        let _ = writeln!(s, "|---|---:|---:|---:|---:|");
        for x in &r.stages {
            let _ = writeln!(
                s,
                "| {} | {:.2} | {:.1}% | {:.1} | {:.0} |",
                x.stage,
                x.seconds,
                x.share * 100.0,
                x.us_per_sentence,
                x.us_per_doc
            );
        }
        s.push('\n');
    }
    if let Some(e) = &r.extraction {
        let _ = writeln!(
            s,
            "HTML extraction: {} pages, {:.1} MB of HTML ({}), F1 {:.3}.\n",
            e.pages,
            e.html_bytes as f64 / 1e6,
            e.dir,
            e.f1
        );
        let _ = writeln!(s, "| threads | seconds | pages/s | MB/s |");
        let _ = writeln!(s, "|---:|---:|---:|---:|");
        for x in &e.runs {
            let _ = writeln!(
                s,
                "| {} | {:.2} | {:.1} | {:.2} |",
                x.threads, x.seconds, x.pages_per_s, x.mb_per_s
            );
        }
        s.push('\n');
    }
    s
}

fn verdict(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "met",
        Some(false) => "NOT met",
        None => "unknown",
    }
}

/// The 1, 5 and 15 minute load averages.
pub fn load_average() -> Option<String> {
    let s = std::fs::read_to_string("/proc/loadavg").ok()?;
    Some(s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

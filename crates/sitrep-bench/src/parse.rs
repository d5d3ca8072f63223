//! `sitrep-bench parse`: tagging + parsing speed of sitrep's parser beside UDPipe 1's, in
//! one run on one file (issue #18 asks for both rates measured together, since the shared
//! machine's speed changes from minute to minute).

use anyhow::Context;
use serde_json::{json, Value};
use sitrep_parse::{conllu, eval::Scores, Analyzer};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// What one side of the comparison measured.
struct Rate {
    sentences: usize,
    words: usize,
    /// Best round, wall clock.
    best_seconds: f64,
    /// Best round, CPU time of the process (the one thread that parses).
    best_cpu_seconds: f64,
}

/// Tags and parses every sentence of `file` `rounds` times on this thread, with a beam of
/// `width` (the model's own width if None); the model is loaded before the clock starts.
fn sitrep_rate(gold: &[conllu::Sentence], rounds: usize, width: Option<usize>) -> Rate {
    let analyzer = Analyzer::embedded();
    let width = width.unwrap_or(analyzer.beam_width());
    let (mut best, mut best_cpu) = (f64::MAX, f64::MAX);
    for _ in 0..rounds.max(1) {
        let cpu = crate::cpu_seconds();
        let t = Instant::now();
        let mut words = 0;
        for s in gold {
            words += analyzer.analyze_width(&s.words, width).heads.len();
        }
        best = best.min(t.elapsed().as_secs_f64());
        best_cpu = best_cpu.min(crate::cpu_seconds() - cpu);
        assert_eq!(words, gold.iter().map(|s| s.words.len()).sum::<usize>());
    }
    Rate {
        sentences: gold.len(),
        words: gold.iter().map(|s| s.words.len()).sum(),
        best_seconds: best,
        best_cpu_seconds: best_cpu,
    }
}

/// One (model, beam width)'s figures in a sweep: best rate over the rounds and accuracy
/// on `gold`.
struct WidthRow {
    model: String,
    width: usize,
    rate: Rate,
    scores: Scores,
}

/// Tags and parses `gold` once per (model, width) per round, all of them taken in turn
/// within each round (so that a change in the machine's load falls on all of them alike),
/// keeping each one's best round; then scores each one's parses once, off the clock.
fn width_sweep(
    gold: &[conllu::Sentence],
    rounds: usize,
    widths: &[usize],
    models: &[(String, &Analyzer)],
) -> Vec<WidthRow> {
    let words: usize = gold.iter().map(|s| s.words.len()).sum();
    let runs: Vec<(&(String, &Analyzer), usize)> = models
        .iter()
        .flat_map(|m| widths.iter().map(move |&w| (m, w)))
        .collect();
    let mut best = vec![(f64::MAX, f64::MAX); runs.len()];
    for _ in 0..rounds.max(1) {
        for (k, &((_, analyzer), w)) in runs.iter().enumerate() {
            let cpu = crate::cpu_seconds();
            let t = Instant::now();
            for s in gold {
                std::hint::black_box(analyzer.analyze_width(&s.words, w));
            }
            best[k].0 = best[k].0.min(t.elapsed().as_secs_f64());
            best[k].1 = best[k].1.min(crate::cpu_seconds() - cpu);
        }
    }
    runs.iter()
        .zip(best)
        .map(|(&((name, analyzer), width), (wall, cpu))| {
            let mut scores = Scores::default();
            for s in gold {
                scores.add(s, &analyzer.analyze_width(&s.words, width));
            }
            WidthRow {
                model: name.clone(),
                width,
                rate: Rate {
                    sentences: gold.len(),
                    words,
                    best_seconds: wall,
                    best_cpu_seconds: cpu,
                },
                scores,
            }
        })
        .collect()
}

fn width_json(r: &WidthRow) -> Value {
    let mut v = rate_json(&r.rate);
    v["model"] = json!(r.model);
    v["width"] = json!(r.width);
    v["uas"] = json!(r.scores.uas());
    v["las"] = json!(r.scores.las());
    v["xpos_acc"] = json!(r.scores.tag_accuracy());
    v
}

/// UDPipe 1's rate on the same file, through `scripts/parse_baseline.py --speed-only` (its
/// throwaway venv and cached model); `Err` says why it could not be measured.
fn udpipe_rate(repo: &Path, file: &Path, model: &Path) -> anyhow::Result<Value> {
    let script = repo.join("scripts/parse_baseline.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg("--speed-only")
        .arg(file)
        .arg("--model")
        .arg(model)
        .output()
        .with_context(|| format!("running {}", script.display()))?;
    if !out.status.success() {
        anyhow::bail!(
            "{} failed: {}",
            script.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().last().unwrap_or_default();
    serde_json::from_str(line).with_context(|| format!("reading UDPipe's figures from {line:?}"))
}

fn rate_json(r: &Rate) -> Value {
    json!({
        "sentences": r.sentences,
        "words": r.words,
        "best_seconds": r.best_seconds,
        "best_cpu_seconds": r.best_cpu_seconds,
        "sentences_per_sec": r.sentences as f64 / r.best_seconds,
        "sentences_per_cpu_sec": r.sentences as f64 / r.best_cpu_seconds.max(1e-9),
        "words_per_sec": r.words as f64 / r.best_seconds,
    })
}

/// Measures sitrep, then UDPipe, then sitrep again (so that a change in the machine's load
/// shows as a gap between the two sitrep figures), and prints the report as JSON. With
/// `widths`, the beam widths are then measured against each other in one sweep (rate and
/// UAS/LAS on the file for each).
pub fn run(
    repo: &Path,
    file: &Path,
    rounds: usize,
    udpipe_model: Option<&Path>,
    width: Option<usize>,
    widths: &[usize],
    compare: &[std::path::PathBuf],
) -> anyhow::Result<Value> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let gold = conllu::read(&text).with_context(|| format!("reading {}", file.display()))?;
    let before = sitrep_rate(&gold, rounds, width);
    let udpipe = match udpipe_model {
        Some(m) => match udpipe_rate(repo, file, m) {
            Ok(v) => v,
            Err(e) => json!({ "error": format!("{e:#}") }),
        },
        None => json!({ "error": "not measured (no --udpipe-model)" }),
    };
    let after = sitrep_rate(&gold, rounds, width);
    let sitrep_best = [&before, &after]
        .iter()
        .map(|r| r.sentences as f64 / r.best_seconds)
        .fold(0f64, f64::max);
    let ratio = udpipe
        .get("sentences_per_sec")
        .and_then(Value::as_f64)
        .map(|u| sitrep_best / u);
    let others: Vec<(String, Analyzer)> = compare
        .iter()
        .map(|p| {
            Analyzer::from_file(p)
                .map(|a| (p.display().to_string(), a))
                .with_context(|| format!("reading the parse model {}", p.display()))
        })
        .collect::<anyhow::Result<_>>()?;
    let mut models = vec![("embedded".to_string(), Analyzer::embedded())];
    models.extend(others.iter().map(|(n, a)| (n.clone(), a)));
    let sweep: Vec<Value> = width_sweep(&gold, rounds, widths, &models)
        .iter()
        .map(width_json)
        .collect();
    Ok(json!({
        "file": file.display().to_string(),
        "rounds": rounds,
        "load_average": crate::report::load_average(),
        "sitrep_model_bytes": Analyzer::embedded().heap_bytes(),
        "sitrep_beam_width": width.unwrap_or(Analyzer::embedded().beam_width()),
        "sitrep_before_udpipe": rate_json(&before),
        "sitrep_after_udpipe": rate_json(&after),
        "udpipe": udpipe,
        "sitrep_over_udpipe": ratio,
        "width_sweep": sweep,
    }))
}

/// One line per figure, for people.
pub fn summary(r: &Value) -> String {
    let f = |v: &Value, k: &str| v.get(k).and_then(Value::as_f64).unwrap_or(f64::NAN);
    let mut out = format!("{}\n", r["file"].as_str().unwrap_or_default());
    for key in ["sitrep_before_udpipe", "sitrep_after_udpipe"] {
        let v = &r[key];
        out += &format!(
            "  sitrep ({}): {:.0} sentences/s wall, {:.0} per CPU second, {:.0} words/s\n",
            key.trim_start_matches("sitrep_").replace('_', " "),
            f(v, "sentences_per_sec"),
            f(v, "sentences_per_cpu_sec"),
            f(v, "words_per_sec")
        );
    }
    match r["udpipe"].get("error").and_then(Value::as_str) {
        Some(e) => out += &format!("  UDPipe 1: {e}\n"),
        None => {
            out += &format!(
                "  UDPipe 1: {:.0} sentences/s (best of 3); sitrep {:.1}x\n",
                f(&r["udpipe"], "sentences_per_sec"),
                f(r, "sitrep_over_udpipe")
            )
        }
    }
    if let Some(rows) = r["width_sweep"].as_array().filter(|v| !v.is_empty()) {
        out += "  beam width sweep (same run, models and widths in turn each round):\n";
        for v in rows {
            out += &format!(
                "    {} width {:>2}: {:.0} sentences per CPU second ({:.0}/s wall), UAS {:.2} LAS {:.2}\n",
                v["model"].as_str().unwrap_or_default(),
                f(v, "width"),
                f(v, "sentences_per_cpu_sec"),
                f(v, "sentences_per_sec"),
                100.0 * f(v, "uas"),
                100.0 * f(v, "las")
            );
        }
    }
    out += &format!(
        "  sitrep model tables: {:.0} MB, beam width {}; load average {}\n",
        f(r, "sitrep_model_bytes") / 1e6,
        f(r, "sitrep_beam_width"),
        r["load_average"]
    );
    out
}

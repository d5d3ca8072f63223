//! Tagging + parsing speed and accuracy on a CoNLL-U file, for profiling:
//! `cargo run --release -p sitrep-parse --example speed -- FILE [ROUNDS] [MODEL [BEAM]]`;
//! with `SITREP_LOWERCASE=1` every word is lowercased first. BEAM overrides the model's
//! beam width.
use sitrep_parse::{conllu, eval::Scores, Analyzer};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("reading the CoNLL-U file");
    let mut gold = conllu::read(&text).expect("CoNLL-U");
    if std::env::var_os("SITREP_LOWERCASE").is_some() {
        for s in &mut gold {
            s.words.iter_mut().for_each(|w| *w = w.to_lowercase());
        }
    }
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let loaded;
    let a = match args.get(3) {
        Some(m) => {
            let mut m = Analyzer::from_file(m).expect("model");
            if let Some(w) = args.get(4).and_then(|w| w.parse().ok()) {
                m.set_beam_width(w);
            }
            loaded = m;
            &loaded
        }
        None => Analyzer::embedded(),
    };
    let (mut best, mut best_cpu) = (f64::MAX, f64::MAX);
    let mut sc = Scores::default();
    for r in 0..rounds {
        let t = Instant::now();
        let cpu = thread_cpu_seconds();
        let out: Vec<_> = gold.iter().map(|s| a.analyze(&s.words)).collect();
        best = best.min(t.elapsed().as_secs_f64());
        best_cpu = best_cpu.min(thread_cpu_seconds() - cpu);
        if r == 0 {
            for (s, x) in gold.iter().zip(&out) {
                sc.add(s, x);
            }
        }
    }
    let words: Vec<sitrep_parse::Word> = gold
        .iter()
        .flat_map(|s| s.words.iter().map(|w| sitrep_parse::Word::new(w)))
        .collect();
    let settled = words.iter().filter(|w| a.tagger.is_settled(w)).count();
    println!(
        "{settled} of {} words tagged by look-up ({:.1}%)",
        words.len(),
        100.0 * settled as f64 / words.len() as f64
    );
    println!(
        "{} sentences, beam {}: best {:.0} sentences/s ({:.0} per CPU second); UAS {:.2} LAS {:.2} XPOS {:.2}; tables {:.0} MB",
        gold.len(),
        a.beam_width(),
        gold.len() as f64 / best,
        gold.len() as f64 / best_cpu,
        100.0 * sc.uas(),
        100.0 * sc.las(),
        100.0 * sc.tag_accuracy(),
        a.heap_bytes() as f64 / 1e6
    );
}

/// CPU time of this thread so far, from Linux's /proc/thread-self/schedstat (its first
/// field is the time run, in nanoseconds); 0 where there is no such file.
fn thread_cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(0.0, |ns| ns as f64 / 1e9)
}

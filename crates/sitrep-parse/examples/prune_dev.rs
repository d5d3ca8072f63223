//! Scores a model with its move table pruned at several thresholds (features whose largest
//! weight is at most N steps left out) on a CoNLL-U file, with table size and speed:
//! `cargo run --release -p sitrep-parse --example prune_dev -- MODEL FILE ROUNDS N...
//! [--out PATH]` (`--out`: also write MODEL pruned at the first N).
use sitrep_parse::{conllu, eval::Scores, Analyzer};
use std::time::Instant;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let out = args.iter().position(|a| a == "--out").map(|i| {
        let d = args.remove(i + 1);
        args.remove(i);
        d
    });
    let gold = conllu::read(&std::fs::read_to_string(&args[1]).expect("file")).expect("CoNLL-U");
    let rounds: usize = args[2].parse().expect("rounds");
    let mut models: Vec<(i16, Analyzer, usize)> = args[3..]
        .iter()
        .map(|n| {
            let steps: i16 = n.parse().expect("steps");
            let mut a = Analyzer::from_file(&args[0]).expect("model");
            let (_, after) = a.prune_moves(steps);
            (steps, a, after)
        })
        .collect();
    if let Some(path) = out {
        let mut bytes = Vec::new();
        models[0].1.write(&mut bytes).expect("model in memory");
        std::fs::write(path, bytes).expect("writing the model");
    }
    let mut best = vec![f64::MAX; models.len()];
    for _ in 0..rounds {
        for (k, (_, a, _)) in models.iter_mut().enumerate() {
            let t = Instant::now();
            for s in &gold {
                std::hint::black_box(a.analyze(&s.words));
            }
            best[k] = best[k].min(t.elapsed().as_secs_f64());
        }
    }
    for ((steps, a, n), secs) in models.iter().zip(best) {
        let mut sc = Scores::default();
        for s in &gold {
            sc.add(s, &a.analyze(&s.words));
        }
        println!(
            "min steps {steps:>4}: {n:>8} move features, tables {:>3.0} MB, UAS {:.2} LAS {:.2}, {:.0} sentences/s",
            a.heap_bytes() as f64 / 1e6,
            100.0 * sc.uas(),
            100.0 * sc.las(),
            gold.len() as f64 / secs
        );
    }
}

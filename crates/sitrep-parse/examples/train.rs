//! Trains a model and scores it: `cargo run --release -p sitrep-parse --example train --
//! TRAIN.conllu DEV.conllu OUT.bin [TEST.conllu...]`.

use sitrep_parse::conllu;
use sitrep_parse::eval::Scores;
use sitrep_parse::train::{self, Options};
use std::time::Instant;

fn load(p: &str) -> Vec<conllu::Sentence> {
    conllu::read(&std::fs::read_to_string(p).expect("readable")).expect("valid CoNLL-U")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (train_set, dev) = (load(&args[0]), load(&args[1]));
    let mut opts = Options::default();
    if let Ok(e) = std::env::var("EPOCHS") {
        opts.parser_epochs = e.parse().unwrap();
    }
    if let Ok(e) = std::env::var("FOLDS") {
        opts.folds = e.parse().unwrap();
    }
    if std::env::var("NOLOWER").is_ok() {
        opts.lowercase_copies = false;
        opts.uppercase_every = 0;
    }
    let t = Instant::now();
    let b = train::train_boundaries(&train_set, &dev, &opts, |l| eprintln!("{l}"));
    let mut bytes = Vec::new();
    b.write(&mut bytes).unwrap();
    let sents = std::path::Path::new(&args[2]).with_file_name("sentences.bin");
    std::fs::write(&sents, &bytes).unwrap();
    if std::env::var("ONLY_SENTENCES").is_ok() {
        return;
    }
    let model = train::train(&train_set, &dev, &opts, |l| {
        eprintln!("[{:>6.1}s] {l}", t.elapsed().as_secs_f64())
    });
    let mut out = Vec::new();
    model.write(&mut out).unwrap();
    std::fs::write(&args[2], &out).unwrap();
    eprintln!(
        "model: {} bytes, {} MB in memory",
        out.len(),
        model.heap_bytes() / 1_000_000
    );
    let prunes: Vec<f32> = std::env::var("PRUNE")
        .unwrap_or_else(|_| "0".into())
        .split(',')
        .map(|x| x.parse().unwrap())
        .collect();
    for &prune in &prunes {
        let m = model.pruned(prune);
        eprintln!("prune {prune}: {} MB in memory", m.heap_bytes() / 1_000_000);
        for p in &args[3..] {
            for lower in [false, true] {
                let gold = load(p);
                let mut sc = Scores::default();
                let t = Instant::now();
                for s in &gold {
                    let forms: Vec<String> = s
                        .words
                        .iter()
                        .map(|w| if lower { w.to_lowercase() } else { w.clone() })
                        .collect();
                    sc.add(s, &m.analyze(&forms));
                }
                let secs = t.elapsed().as_secs_f64();
                println!(
                    "prune {prune} {p}{}: UAS {:.2} LAS {:.2} LASmain {:.2} xpos {:.2} upos {:.2}  {:.0} sent/s",
                    if lower { " (lowercased)" } else { "" },
                    100.0 * sc.uas(),
                    100.0 * sc.las(),
                    100.0 * sc.las_main(),
                    100.0 * sc.tag_accuracy(),
                    100.0 * sc.upos_accuracy(),
                    gold.len() as f64 / secs
                );
            }
        }
    }
}

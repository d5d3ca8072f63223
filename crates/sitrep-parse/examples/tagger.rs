//! Tagger experiments: `cargo run --release -p sitrep-parse --example tagger -- TRAIN TEST...`.

use sitrep_parse::conllu;
use sitrep_parse::tagger::{self, TagExample};
use sitrep_parse::train::{words_of, Casing};
use std::collections::BTreeSet;
use std::time::Instant;

fn load(p: &str) -> Vec<conllu::Sentence> {
    conllu::read(&std::fs::read_to_string(p).expect("readable")).expect("valid CoNLL-U")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let train = load(&args[0]);
    let lower = std::env::var("NOLOWER").is_err();
    let epochs: usize = std::env::var("EPOCHS")
        .map(|e| e.parse().unwrap())
        .unwrap_or(8);
    let tags: Vec<String> = train
        .iter()
        .flat_map(|s| s.xpos.iter().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let id = |t: &str| tags.iter().position(|x| x == t).unwrap_or(0) as u16;
    let mut data = Vec::new();
    for s in &train {
        let gold: Vec<u16> = s.xpos.iter().map(|t| id(t)).collect();
        data.push(TagExample {
            words: words_of(s, Casing::AsWritten),
            tags: gold.clone(),
            original: true,
        });
        if lower {
            data.push(TagExample {
                words: words_of(s, Casing::Lower),
                tags: gold,
                original: false,
            });
        }
    }
    let t = Instant::now();
    let tg = tagger::train(&data, tags.clone(), epochs, 1);
    eprintln!("trained in {:.1}s", t.elapsed().as_secs_f64());
    for p in &args[1..] {
        let gold = load(p);
        for casing in [Casing::AsWritten, Casing::Lower] {
            let (mut ok, mut n) = (0, 0);
            let t = Instant::now();
            for s in &gold {
                let got = tg.tag_ids(&words_of(s, casing));
                for (g, x) in s.xpos.iter().zip(got) {
                    n += 1;
                    ok += usize::from(tags[x as usize] == *g);
                }
            }
            println!(
                "{p} {casing:?}: {:.2}%  {:.0} tok/s",
                100.0 * ok as f64 / n as f64,
                n as f64 / t.elapsed().as_secs_f64()
            );
        }
    }
}

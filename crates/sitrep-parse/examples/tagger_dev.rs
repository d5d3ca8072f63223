//! Trains the tagger alone on a treebank's train file (with the same re-cased copies as
//! `sitrep train parse`) and prints its accuracy on dev, as written and lowercased: a quick
//! loop for trying tagger features.
//! `cargo run --release -p sitrep-parse --example tagger_dev -- TRAIN DEV [EPOCHS]`.
use sitrep_parse::conllu;
use sitrep_parse::tagger::{self, TagExample};
use sitrep_parse::train::{gold_tags, words_of, Casing};
use std::collections::BTreeSet;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let read = |p: &str| conllu::read(&std::fs::read_to_string(p).expect("file")).expect("CoNLL-U");
    let (train, dev) = (read(&args[1]), read(&args[2]));
    let epochs: usize = args.get(3).and_then(|e| e.parse().ok()).unwrap_or(8);
    let tags: Vec<String> = train
        .iter()
        .flat_map(gold_tags)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let id = |t: &str| tags.iter().position(|x| x == t).unwrap_or(0) as u16;
    let mut data = Vec::new();
    for (k, s) in train.iter().enumerate() {
        let gold: Vec<u16> = gold_tags(s).iter().map(|t| id(t)).collect();
        let mut casings = vec![Casing::AsWritten, Casing::Lower];
        if k % 8 == 0 {
            casings.push(Casing::Upper);
        }
        for c in casings {
            data.push(TagExample {
                words: words_of(s, c),
                tags: gold.clone(),
                original: c == Casing::AsWritten,
            });
        }
    }
    let t = Instant::now();
    let tagger = tagger::train(&data, tags.clone(), epochs, 20_261_207);
    let secs = t.elapsed().as_secs_f64();
    for c in [Casing::AsWritten, Casing::Lower] {
        let (mut xright, mut n) = (0, 0);
        for s in &dev {
            let got = tagger.tag_ids(&words_of(s, c));
            for (g, x) in got.iter().zip(&s.xpos) {
                xright += usize::from(tagger.xpos(*g) == x);
                n += 1;
            }
        }
        println!(
            "{c:?}: XPOS {:.2} ({n} words); {epochs} epochs, trained in {secs:.0} s",
            100.0 * xright as f64 / n as f64
        );
    }
}

//! Tags the training set once (jackknifed, as `sitrep train parse` does) and then trains
//! one parser per setting given, printing dev scores per epoch: a quick loop for parser
//! settings. `cargo run --release -p sitrep-parse --example parser_dev -- TRAIN DEV
//! [EPOCHS:FROM_EPOCH:PROBABILITY[:BEAM[:MIN_UPDATES]] ...]` (BEAM > 1: beam search
//! trained globally; features updated fewer than MIN_UPDATES times, default 2, dropped);
//! with `--out DIR` each parser's whole model is written to DIR/model-K.bin
//! (byte-identical to `sitrep train parse` with those settings); `--limit N` trains on the
//! first N training sentences only (for comparing settings quickly).
use sitrep_parse::parser::Exploration;
use sitrep_parse::{conllu, train, Analyzer};
use std::time::Instant;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let out = args.iter().position(|a| a == "--out").map(|i| {
        let d = args.remove(i + 1);
        args.remove(i);
        d
    });
    let limit = args.iter().position(|a| a == "--limit").map(|i| {
        let n: usize = args.remove(i + 1).parse().expect("--limit N");
        args.remove(i);
        n
    });
    let read = |p: &str| conllu::read(&std::fs::read_to_string(p).expect("file")).expect("CoNLL-U");
    let (mut train_set, dev_set) = (read(&args[0]), read(&args[1]));
    train_set.truncate(limit.unwrap_or(usize::MAX));
    let t = Instant::now();
    let log = |l: &str| eprintln!("[{:>6.1}s] {l}", t.elapsed().as_secs_f64());
    let base = train::Options::default();
    let mut prepared = train::prepare(&train_set, &base, log);
    for (k, setting) in args[2..].iter().enumerate() {
        let v: Vec<&str> = setting.split(':').collect();
        let opts = train::Options {
            parser_epochs: v[0].parse().expect("epochs"),
            explore: Exploration {
                from_epoch: v[1].parse().expect("from epoch"),
                probability: v[2].parse().expect("probability"),
            },
            beam: v.get(3).map_or(1, |b| b.parse().expect("beam width")),
            min_updates: v.get(4).map_or(2, |m| m.parse().expect("min updates")),
            ..base.clone()
        };
        eprintln!("setting {setting}");
        let parser = train::train_parser(&prepared, &dev_set, &opts, log);
        if let Some(dir) = &out {
            let a = Analyzer {
                tagger: prepared.tagger,
                parser,
            };
            let mut bytes = Vec::new();
            a.write(&mut bytes).expect("model in memory");
            std::fs::write(format!("{dir}/model-{k}.bin"), bytes).expect("writing the model");
            prepared.tagger = a.tagger;
        }
    }
}

//! Sizes of a model's tables, and the model written again in the current file format:
//! `cargo run --release -p sitrep-parse --example sizes -- [MODEL [OUT]]`.
use sitrep_parse::Analyzer;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let loaded;
    let a = match args.get(1) {
        Some(m) => {
            loaded = Analyzer::from_file(m).expect("model");
            &loaded
        }
        None => Analyzer::embedded(),
    };
    let (feats, weights, bytes) = a.parser.size();
    println!(
        "parser: {feats} features, {weights} weights, {:.1} MB; whole model {:.1} MB",
        bytes as f64 / 1e6,
        a.heap_bytes() as f64 / 1e6
    );
    if let Some(out) = args.get(2) {
        let mut b = Vec::new();
        a.write(&mut b).expect("model in memory");
        std::fs::write(out, b).expect("writing the model");
    }
}

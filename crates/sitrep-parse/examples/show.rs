//! Prints the built-in model's analysis of each line of standard input (words split on
//! spaces): `echo "Troops shelled the town ." | cargo run -p sitrep-parse --example show`.
use sitrep_parse::Analyzer;
use std::io::BufRead;

fn main() {
    let a = Analyzer::embedded();
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        let words: Vec<&str> = line.split_whitespace().collect();
        let r = a.analyze(&words);
        for (i, w) in words.iter().enumerate() {
            println!(
                "{}\t{}\t{}\t{}\t{}",
                i + 1,
                w,
                r.tags[i],
                r.heads[i],
                r.rels[i]
            );
        }
        println!();
    }
}

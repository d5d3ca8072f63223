//! Trains the sentence-boundary model alone and prints its boundary precision, recall and
//! F1 on dev (as written and lowercased) for each epoch count and a grid of margins for
//! gaps after punctuation and after plain words: the loop that chose
//! `sentences::MARGINS`. With `--out FILE`, writes the model trained with the last epoch
//! count and the shipped margins.
//! `cargo run --release -p sitrep-parse --example sentences_dev -- TRAIN DEV EPOCHS,.. [--out FILE] [--errors]`,
//! or `-- --show MODEL LINE` for the scores of one line's gaps (`--lines MODEL FILE`: of
//! every line of a file).
use sitrep_parse::conllu;
use sitrep_parse::sentences::{self, MARGINS};
use sitrep_parse::train::Casing;
use std::time::Instant;

/// Prints dev's missed boundaries and false ones, with the text around each.
fn print_errors(b: &sentences::Boundaries, dev: &[conllu::Sentence]) {
    for (para, ends) in sentences::paragraphs(dev, Casing::AsWritten) {
        let got = b.split(&para);
        for c in sentences::candidates(&para) {
            let (is, said) = (ends.contains(&c.end), got.contains(&c.end));
            if is != said || (is && c.kind != sentences::GapKind::Mark) {
                let from = para[..c.end]
                    .char_indices()
                    .rev()
                    .nth(40)
                    .map_or(0, |x| x.0);
                let to = para[c.end..]
                    .char_indices()
                    .nth(30)
                    .map_or(para.len(), |x| c.end + x.0);
                let what = match (is, said) {
                    (true, true) => "HIT",
                    (true, false) => "MISS",
                    _ => "FALSE",
                };
                println!(
                    "{what} {:?} {:?} | {:?}",
                    c.kind,
                    &para[from..c.end],
                    &para[c.end..to]
                );
            }
        }
    }
}

/// Prints the score and margin of every gap of `line` under the model file `path`.
fn show(path: &str, line: &str) {
    let bytes = std::fs::read(path).expect("model file");
    let b = sentences::Boundaries::read(&mut &bytes[..]).expect("boundary model");
    let mut feats = Vec::new();
    for c in sentences::candidates(line) {
        let s = b.score(&c, &mut feats);
        let m = b.margins[c.kind.index()];
        println!(
            "{:>8.2} (margin {m}) {:?} {}{} | {}",
            s, c.kind, c.before, c.mark, c.after
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args[1] == "--show" {
        return show(&args[2], &args[3]);
    }
    if args[1] == "--lines" {
        let text = std::fs::read_to_string(&args[3]).expect("text file");
        return text.lines().for_each(|l| show(&args[2], l));
    }
    let read = |p: &str| conllu::read(&std::fs::read_to_string(p).expect("file")).expect("CoNLL-U");
    let (train, dev) = (read(&args[1]), read(&args[2]));
    let epochs: Vec<usize> = args[3]
        .split(',')
        .map(|e| e.parse().expect("epochs"))
        .collect();
    let out = args
        .iter()
        .position(|a| a == "--out")
        .map(|i| args[i + 1].clone());
    let grid = [0.0f32, 1.0, 2.0, 4.0, 6.0, 8.0, 12.0, 16.0, 1e9];
    let mut last = None;
    for &e in &epochs {
        let t = Instant::now();
        let mut b = sentences::train(&train, e, 20_261_207);
        println!(
            "epochs {e}: trained in {:.1} s, {} features",
            t.elapsed().as_secs_f64(),
            b.model_features()
        );
        for &mp in &grid {
            for &mw in &grid {
                b.margins = [MARGINS[0], mp, mw];
                let (p, r, f) = sentences::score(&b, &dev, Casing::AsWritten);
                let (lp, lr, lf) = sentences::score(&b, &dev, Casing::Lower);
                println!(
                    "  punct {mp:>5} word {mw:>5}: P {p:.4} R {r:.4} F1 {f:.4} | lower P {lp:.4} R {lr:.4} F1 {lf:.4}"
                );
            }
        }
        for mm in [-4.0f32, -2.0, -1.0, 1.0, 2.0, 4.0, 8.0] {
            b.margins = [mm, MARGINS[1], MARGINS[2]];
            let (p, r, f) = sentences::score(&b, &dev, Casing::AsWritten);
            let (lp, lr, lf) = sentences::score(&b, &dev, Casing::Lower);
            println!(
                "  mark {mm:>5}: P {p:.4} R {r:.4} F1 {f:.4} | lower P {lp:.4} R {lr:.4} F1 {lf:.4}"
            );
        }
        b.margins = MARGINS;
        last = Some(b);
    }
    if let (true, Some(b)) = (args.iter().any(|a| a == "--errors"), &last) {
        print_errors(b, &dev);
    }
    if let (Some(path), Some(b)) = (out, last) {
        let mut bytes = Vec::new();
        b.write(&mut bytes).expect("write");
        std::fs::write(&path, bytes).expect("write model");
        println!("wrote {path}");
    }
}

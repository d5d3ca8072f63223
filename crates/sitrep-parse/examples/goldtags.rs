//! Scores a model with gold tags: `--example goldtags -- MODEL TEST...`.
use sitrep_parse::conllu;
use sitrep_parse::eval::Scores;
use sitrep_parse::{Analysis, Analyzer, Word};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let model = Analyzer::from_file(&args[0]).unwrap();
    for p in &args[1..] {
        let gold = conllu::read(&std::fs::read_to_string(p).unwrap()).unwrap();
        let mut sc = Scores::default();
        for s in &gold {
            let words: Vec<Word> = s.words.iter().map(|w| Word::new(w)).collect();
            let tags: Vec<u16> = s
                .xpos
                .iter()
                .zip(&s.upos)
                .map(|(x, u)| model.tag_id(&format!("{x}|{u}")).unwrap_or(0))
                .collect();
            let tree = model.parse_tagged(&words, &tags);
            sc.add(
                s,
                &Analysis {
                    tags: s.xpos.clone(),
                    upos: s.upos.clone(),
                    heads: tree.heads,
                    rels: tree.rels,
                },
            );
        }
        println!(
            "{p} gold tags: UAS {:.2} LAS {:.2}",
            100.0 * sc.uas(),
            100.0 * sc.las()
        );
        for (r, n, p, rc, f) in sc.relation_f1() {
            if n > 100 {
                print!(
                    "{r}:{:.0}/{:.0}/{:.0}({n}) ",
                    100.0 * p,
                    100.0 * rc,
                    100.0 * f
                );
            }
        }
        println!();
    }
}

//! Command-line access to the tagger, for scripts/check_pos.py and for looking at output.
//!
//! ```text
//! pos tokens FILE      one document a line → one sentence a line, Treebank tokens
//!                      (sitrep-text segmentation and tokenisation, then ptb_tokens)
//! pos tag-ptb          token lines on stdin → tag lines on stdout (Tagger::tag_ptb)
//! pos show TEXT        tokens, tags, chunks and subject/verb/object of TEXT
//! ```

use std::io::{self, BufRead, Write};

use sitrep_pos::{ptb_tokens, Parse, Tagger};

fn sentences(text: &str) -> Vec<Vec<&str>> {
    let sents = sitrep_text::segment(text, &[(0, text.len())]);
    sents
        .iter()
        .map(|s| {
            sitrep_text::tokenize(text, s.start, s.end)
                .iter()
                .map(|t| &text[t.start..t.end])
                .collect()
        })
        .collect()
}

fn main() -> io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.first().map(String::as_str) {
        Some("tokens") => {
            let text = std::fs::read_to_string(&args[1])?;
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                for s in sentences(line) {
                    let forms: Vec<String> = ptb_tokens(&s)
                        .into_iter()
                        .map(|(f, _)| f.into_owned())
                        .collect();
                    if !forms.is_empty() {
                        writeln!(out, "{}", forms.join(" "))?;
                    }
                }
            }
        }
        Some("tag-ptb") => {
            let tagger = Tagger::embedded();
            for line in io::stdin().lock().lines() {
                let line = line?;
                let words: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
                let tags: Vec<&str> = tagger.tag_ptb(&words).iter().map(|t| t.as_str()).collect();
                writeln!(out, "{}", tags.join(" "))?;
            }
        }
        Some("show") => {
            let text = args[1..].join(" ");
            for s in sentences(&text) {
                let p = Parse::new(&s);
                let tagged: Vec<String> = s
                    .iter()
                    .zip(&p.tags)
                    .map(|(w, t)| format!("{w}/{t}"))
                    .collect();
                writeln!(out, "{}", tagged.join(" "))?;
                for c in &p.chunks {
                    writeln!(out, "  {:?} [{}] head={}", c.kind, p.text(c), s[c.head])?;
                }
                for v in p.verbs() {
                    let name = |c: Option<&sitrep_pos::Chunk>| c.map(|c| p.text(c));
                    writeln!(
                        out,
                        "  SVO: {:?} | {} | {:?}",
                        name(p.subject_of(v)),
                        p.text(v),
                        name(p.object_of(v))
                    )?;
                }
            }
        }
        _ => {
            eprintln!("usage: pos tokens FILE | pos tag-ptb < TOKENS | pos show TEXT");
            std::process::exit(2);
        }
    }
    Ok(())
}

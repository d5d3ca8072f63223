//! Reading and writing CoNLL-U, the format every Universal Dependencies tool reads.
//!
//! Only syntactic words are kept: multiword-token lines (`3-4`) and empty nodes (`8.1`)
//! are skipped, since the parser analyses words, as UD's own scorer does.

use crate::rel::Rel;
use std::fmt::{self, Write};

/// One sentence of a treebank (or one parsed sentence to write).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    pub sent_id: Option<String>,
    pub text: Option<String>,
    /// `# newdoc` stood before this sentence.
    pub newdoc: bool,
    /// `# newpar` stood before this sentence.
    pub newpar: bool,
    pub words: Vec<String>,
    pub lemmas: Vec<String>,
    pub upos: Vec<String>,
    pub xpos: Vec<String>,
    /// 1-based head of each word; 0 for the root.
    pub heads: Vec<usize>,
    pub rels: Vec<Rel>,
    /// Whether each word is followed by a space (from `SpaceAfter=No` in MISC).
    pub space_after: Vec<bool>,
}

/// A malformed line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConlluError {
    pub line: usize,
    pub what: String,
}

impl fmt::Display for ConlluError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CoNLL-U line {}: {}", self.line, self.what)
    }
}

impl std::error::Error for ConlluError {}

/// Reads every sentence of a CoNLL-U text.
pub fn read(text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(finish(std::mem::take(&mut cur), n + 1)?);
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            read_comment(comment.trim(), &mut cur);
            continue;
        }
        read_word(line, &mut cur).map_err(|what| ConlluError { line: n + 1, what })?;
    }
    if !cur.words.is_empty() {
        out.push(finish(cur, text.lines().count())?);
    }
    Ok(out)
}

fn read_comment(comment: &str, cur: &mut Sentence) {
    if let Some(v) = comment.strip_prefix("sent_id =") {
        cur.sent_id = Some(v.trim().to_string());
    } else if let Some(v) = comment.strip_prefix("text =") {
        cur.text = Some(v.trim().to_string());
    } else if comment.starts_with("newdoc") {
        cur.newdoc = true;
        cur.newpar = true;
    } else if comment.starts_with("newpar") {
        cur.newpar = true;
    }
}

fn read_word(line: &str, cur: &mut Sentence) -> Result<(), String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 10 {
        return Err(format!("{} columns, not 10", cols.len()));
    }
    if cols[0].contains('-') || cols[0].contains('.') {
        return Ok(());
    }
    let id: usize = cols[0]
        .parse()
        .map_err(|_| format!("bad id {:?}", cols[0]))?;
    if id != cur.words.len() + 1 {
        return Err(format!("word id {id} out of sequence"));
    }
    let head = if cols[6] == "_" {
        0
    } else {
        cols[6]
            .parse()
            .map_err(|_| format!("bad head {:?}", cols[6]))?
    };
    cur.words.push(cols[1].to_string());
    cur.lemmas.push(cols[2].to_string());
    cur.upos.push(cols[3].to_string());
    cur.xpos.push(cols[4].to_string());
    cur.heads.push(head);
    cur.rels.push(Rel::parse_lenient(cols[7]));
    cur.space_after.push(!cols[9].contains("SpaceAfter=No"));
    Ok(())
}

fn finish(s: Sentence, line: usize) -> Result<Sentence, ConlluError> {
    let n = s.words.len();
    if let Some(bad) = s.heads.iter().find(|&&h| h > n) {
        return Err(ConlluError {
            line,
            what: format!("head {bad} beyond the sentence's {n} words"),
        });
    }
    Ok(s)
}

/// Writes one sentence as CoNLL-U (columns the parser does not fill are `_`).
pub fn write(s: &Sentence, out: &mut String) {
    if let Some(id) = &s.sent_id {
        let _ = writeln!(out, "# sent_id = {id}");
    }
    if let Some(t) = &s.text {
        let _ = writeln!(out, "# text = {t}");
    }
    for i in 0..s.words.len() {
        let col = |v: &Vec<String>| v.get(i).map(String::as_str).unwrap_or("_").to_string();
        let misc = if s.space_after.get(i) == Some(&false) {
            "SpaceAfter=No"
        } else {
            "_"
        };
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
            i + 1,
            s.words[i],
            col(&s.lemmas),
            col(&s.upos),
            col(&s.xpos),
            s.heads[i],
            s.rels[i],
            misc
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n# sent_id = s1\n# text = Troops shelled it.\n\
1\tTroops\ttroop\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n\
2\tshelled\tshell\tVERB\tVBD\t_\t0\troot\t_\t_\n\
3-4\tit.\t_\t_\t_\t_\t_\t_\t_\t_\n\
3\tit\tit\tPRON\tPRP\t_\t2\tobj\t_\tSpaceAfter=No\n\
4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn reads_words_and_skips_ranges() {
        let s = read(SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words, ["Troops", "shelled", "it", "."]);
        assert_eq!(s[0].heads, [2, 0, 2, 2]);
        assert_eq!(s[0].rels[0], Rel::Nsubj);
        assert!(s[0].newdoc && s[0].newpar);
        assert_eq!(s[0].space_after, [true, true, false, true]);
    }

    #[test]
    fn round_trips() {
        let s = read(SAMPLE).unwrap();
        let mut out = String::new();
        write(&s[0], &mut out);
        let back = read(&out).unwrap();
        assert_eq!(back[0].words, s[0].words);
        assert_eq!(back[0].heads, s[0].heads);
        assert_eq!(back[0].rels, s[0].rels);
    }

    #[test]
    fn names_the_bad_line() {
        let e = read("1\tx\tx\tX\tX\t_\t9\tdep\t_\t_\n\n").unwrap_err();
        assert!(e.what.contains("beyond"), "{e}");
        let e = read("1\tx\n").unwrap_err();
        assert_eq!(e.line, 1);
    }
}

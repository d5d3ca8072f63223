//! Sentence segmentation over the kept lines.
//!
//! A line is a paragraph in news text (and a headline is a line of its own),
//! so a line break always ends a sentence. Inside a line a sentence ends at
//! `.`, `!` or `?` (optionally followed by closing quotes or brackets) when
//! the next word starts a sentence, unless the dot belongs to an
//! abbreviation ("Gen.", "Mr.", "Jan.") or an initial ("J. Smith").

use sitrep_model::Sentence;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cmdr",
    "adm", "brig", "rep", "sen", "gov", "pres", "rev", "st", "ft", "mt", "no", "nos", "vs", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp",
    "ltd", "co", "jr", "sr", "approx", "dept", "est", "fig", "gov't", "hon", "messrs", "u.s",
    "u.k", "u.n", "e.g", "i.e", "etc", "al",
];

fn word_before(text: &str, dot: usize) -> &str {
    let head = &text[..dot];
    let start = head
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '\u{201C}')
        .map(|i| i + head[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    &head[start..]
}

fn is_abbreviation(word: &str) -> bool {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    if w.chars().count() == 1 && w.chars().all(|c| c.is_alphabetic()) {
        return true; // an initial
    }
    ABBREVIATIONS.contains(&w)
}

fn starts_sentence(rest: &str) -> bool {
    match rest.chars().find(|c| !c.is_whitespace()) {
        Some(c) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(
                    c,
                    '"' | '\'' | '\u{201C}' | '\u{2018}' | '(' | '[' | '-' | '\u{2014}'
                )
        }
        None => false,
    }
}

/// Split the kept line ranges of `text` into sentences.
pub fn segment(text: &str, kept: &[(usize, usize)]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for &(ls, le) in kept {
        let line = &text[ls..le];
        let mut sent_start = 0usize;
        let bytes = line.as_bytes();
        let mut i = 0usize;
        while i < line.len() {
            let c = bytes[i];
            if c == b'.' || c == b'!' || c == b'?' {
                // extend over closing quotes/brackets and repeated marks
                let mut j = i + 1;
                loop {
                    let rest = &line[j..];
                    let next = rest.chars().next();
                    match next {
                        Some(ch)
                            if matches!(
                                ch,
                                '.' | '!' | '?' | '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}'
                            ) =>
                        {
                            j += ch.len_utf8()
                        }
                        _ => break,
                    }
                }
                let rest = &line[j..];
                let followed_by_space = rest.starts_with(|c: char| c.is_whitespace());
                let mut boundary = followed_by_space && starts_sentence(rest);
                if boundary && c == b'.' && is_abbreviation(word_before(line, i)) {
                    // "Gen. Smith": abbreviation unless the next word is clearly a new sentence
                    // after a month name abbreviation followed by a digit ("Oct. 10") we never split.
                    boundary = false;
                }
                if boundary {
                    push(&mut out, text, ls + sent_start, ls + j);
                    sent_start = j;
                }
                i = j;
            } else {
                i += 1;
            }
        }
        if sent_start < line.len() {
            push(&mut out, text, ls + sent_start, le);
        }
    }
    out
}

fn push(out: &mut Vec<Sentence>, text: &str, s: usize, e: usize) {
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let s2 = s + lead;
    let e2 = s + piece.trim_end().len();
    if s2 >= e2 {
        return;
    }
    out.push(Sentence {
        index: out.len(),
        start: s2,
        end: e2,
        text: text[s2..e2].to_string(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<String> {
        segment(t, &[(0, t.len())])
            .into_iter()
            .map(|s| s.text)
            .collect()
    }

    #[test]
    fn splits_on_terminal_punctuation() {
        assert_eq!(
            split("Talks began. \"We agreed,\" he said. Was it real? Yes!"),
            vec![
                "Talks began.",
                "\"We agreed,\" he said.",
                "Was it real?",
                "Yes!"
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            split("Gen. John R. Allen met U.S. officials on Oct. 10 in Kabul. They spoke."),
            vec![
                "Gen. John R. Allen met U.S. officials on Oct. 10 in Kabul.",
                "They spoke."
            ]
        );
    }

    #[test]
    fn quote_closing_sentence() {
        assert_eq!(
            split("He said: \"We will fight.\" The army moved."),
            vec!["He said: \"We will fight.\"", "The army moved."]
        );
    }

    #[test]
    fn lines_are_boundaries_and_offsets_hold() {
        let t = "Headline here\nBody one. Body two.";
        let s = segment(t, &[(0, 13), (14, t.len())]);
        assert_eq!(s.len(), 3);
        for x in &s {
            assert_eq!(&t[x.start..x.end], x.text);
        }
        assert_eq!(s[2].index, 2);
    }
}

//! From tokens as sitrep-text cuts them to words as Universal Dependencies counts them.
//!
//! UD English writes clitics as words of their own: "Armenia's" is "Armenia" + "'s",
//! "don't" is "do" + "n't", "can't" is "ca" + "n't", "we'll" is "we" + "'ll". The parser
//! learnt from such words, so a token is split the same way before parsing, and each word
//! keeps the byte range it covers in the text.

/// Clitics split off the end of a word (apostrophe straight or curly), longest first.
const CLITICS: [&str; 7] = ["n't", "'ll", "'re", "'ve", "'s", "'d", "'m"];

/// A word cut from a token: its text and byte range in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Index of the token it came from.
    pub token: usize,
}

/// Splits each token `(text, start)` into words.
pub fn words<'a>(tokens: impl IntoIterator<Item = (&'a str, usize)>) -> Vec<Piece> {
    let mut out = Vec::new();
    for (k, (tok, start)) in tokens.into_iter().enumerate() {
        match clitic_at(tok) {
            Some(cut) => {
                out.push(piece(&tok[..cut], start, k));
                out.push(piece(&tok[cut..], start + cut, k));
            }
            None => out.push(piece(tok, start, k)),
        }
    }
    out
}

fn piece(text: &str, start: usize, token: usize) -> Piece {
    Piece {
        text: text.to_string(),
        start,
        end: start + text.len(),
        token,
    }
}

/// Where the clitic of `tok` starts, if it ends in one after at least one letter.
fn clitic_at(tok: &str) -> Option<usize> {
    let straight = tok.replace('\u{2019}', "'");
    let lower = straight.to_lowercase();
    for c in CLITICS {
        if lower.len() > c.len() && lower.ends_with(c) {
            // the byte offset in `tok` (a curly apostrophe is 3 bytes, a straight one 1)
            let chars_from_end = c.chars().count();
            let cut = tok.char_indices().rev().nth(chars_from_end - 1)?.0;
            let head = &tok[..cut];
            if head.chars().last().is_some_and(char::is_alphabetic) {
                return Some(cut);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(toks: &[&str]) -> Vec<String> {
        let mut at = 0;
        let spans: Vec<(&str, usize)> = toks
            .iter()
            .map(|t| {
                let s = at;
                at += t.len() + 1;
                (*t, s)
            })
            .collect();
        words(spans).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn clitics_stand_alone() {
        assert_eq!(
            texts(&["Armenia\u{2019}s", "army"]),
            ["Armenia", "\u{2019}s", "army"]
        );
        assert_eq!(
            texts(&["don't", "can't", "we'll"]),
            ["do", "n't", "ca", "n't", "we", "'ll"]
        );
        assert_eq!(texts(&["'s", "Mrs"]), ["'s", "Mrs"]);
    }

    #[test]
    fn pieces_keep_their_offsets() {
        let w = words([("Kenya's", 10)]);
        assert_eq!(
            (w[0].start, w[0].end, w[1].start, w[1].end),
            (10, 15, 15, 17)
        );
    }
}

//! Rewriting sitrep-text tokens as the Penn Treebank writes them.
//!
//! The model learnt from Treebank text: quotes are `` and '', dashes "--", brackets -LRB-,
//! and clitics stand alone ("Armenia" "'s", "we" "'ll"). sitrep-text keeps the original
//! characters and leaves "Armenia’s" whole, so a token the model never saw in that shape
//! would be tagged from its suffix alone. This step closes that gap without touching the
//! caller's tokens: it returns new strings, each with the index of the token it came from.

use std::borrow::Cow;

/// Clitics split off the end of a word, longest first.
const CLITICS: [&str; 7] = ["'ll", "'re", "'ve", "'s", "'d", "'m", "'"];

/// Penn Treebank forms of `tokens`: `(form, index of the source token)`, in order. Every
/// source token yields one or two forms (two when a clitic is split off).
pub fn ptb_tokens<'a>(tokens: &[&'a str]) -> Vec<(Cow<'a, str>, usize)> {
    let mut out = Vec::with_capacity(tokens.len() + 4);
    let mut double_quotes = 0usize;
    for (k, &tok) in tokens.iter().enumerate() {
        let form: Cow<str> = match tok {
            "\u{201C}" | "\u{201E}" | "\u{00AB}" => "``".into(),
            "\u{201D}" | "\u{00BB}" => "''".into(),
            // a straight quote opens or closes: alternate through the sentence
            "\"" => {
                double_quotes += 1;
                if double_quotes % 2 == 1 { "``" } else { "''" }.into()
            }
            "\u{2018}" => "`".into(),
            "\u{2019}" | "\u{2032}" => "'".into(),
            "\u{2013}" | "\u{2014}" | "\u{2015}" | "\u{2012}" | "\u{2212}" => "--".into(),
            "\u{2026}" => "...".into(),
            "(" | "[" => "-LRB-".into(),
            ")" | "]" => "-RRB-".into(),
            "{" => "-LCB-".into(),
            "}" => "-RCB-".into(),
            _ if tok.contains(['\u{2019}', '\u{2018}']) => {
                tok.replace(['\u{2019}', '\u{2018}'], "'").into()
            }
            _ => tok.into(),
        };
        match split_clitic(&form) {
            Some(at) => {
                let (stem, clitic) = form.split_at(at);
                out.push((Cow::Owned(stem.to_string()), k));
                out.push((Cow::Owned(clitic.to_string()), k));
            }
            None => out.push((form, k)),
        }
    }
    out
}

/// Where a clitic starts in `word`, if the word is more than the clitic.
fn split_clitic(word: &str) -> Option<usize> {
    if word == "n't" || !word.contains('\'') {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    CLITICS
        .iter()
        .find(|c| lower.len() > c.len() && lower.ends_with(*c))
        .map(|c| word.len() - c.len())
        // "O'" or a lone "'s" is not a word plus a clitic
        .filter(|&at| word[..at].chars().any(char::is_alphanumeric))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(tokens: &[&str]) -> Vec<String> {
        ptb_tokens(tokens)
            .into_iter()
            .map(|(f, k)| format!("{f}@{k}"))
            .collect()
    }

    #[test]
    fn quotes_dashes_brackets() {
        assert_eq!(
            forms(&["\u{201C}", "No", "\u{201D}", "\u{2014}", "(", "x", ")", "\"", "y", "\""]),
            vec![
                "``@0", "No@1", "''@2", "--@3", "-LRB-@4", "x@5", "-RRB-@6", "``@7", "y@8", "''@9"
            ]
        );
    }

    #[test]
    fn clitics_split_and_point_back() {
        assert_eq!(
            forms(&[
                "Armenia\u{2019}s",
                "army",
                "troops\u{2019}",
                "we'll",
                "n't",
                "O'Brien"
            ]),
            vec![
                "Armenia@0",
                "'s@0",
                "army@1",
                "troops@2",
                "'@2",
                "we@3",
                "'ll@3",
                "n't@4",
                "O'Brien@5"
            ]
        );
        assert_eq!(forms(&["'s", "'"]), vec!["'s@0", "'@1"]);
        assert_eq!(forms(&["n\u{2019}t"]), vec!["n't@0"]);
    }
}

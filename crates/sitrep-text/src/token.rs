//! Tokenisation with byte offsets and a normalised matching form.

/// What kind of token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

/// A token: a byte range of the document text plus a normalised form.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Lowercase, quotes and dashes made plain, stray edge quotes dropped.
    pub norm: String,
    pub kind: TokenKind,
    /// First letter is uppercase in the original text.
    pub cap: bool,
}

impl Token {
    pub fn is(&self, w: &str) -> bool {
        self.norm == w
    }
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

/// Whether `c` is a hyphen or dash of any width: the ASCII hyphen-minus,
/// the Unicode hyphens and dashes (U+2010 to U+2015) and the minus sign.
/// The one list of them: words match with each read as `-`, and the
/// segmenter keeps a dash after a dateline with it.
pub(crate) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

fn plain_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => '"',
        c if is_dash(c) => '-',
        // an underscore joins words the way a space does ("Dol_Amroth",
        // PETRARCH's phrase markup, file-name-like debris)
        '\u{00A0}' | '\u{2009}' | '\u{202F}' | '_' => ' ',
        _ => c,
    }
}

/// Normalise a word for matching: plain quotes and dashes, lowercase, no
/// quote marks stuck to its edges (bad encodings leave `exacerbated’`).
pub fn normalize_word(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = plain_char(c);
        for l in c.to_lowercase() {
            out.push(l);
        }
    }
    if out.contains("&amp;") {
        out = out.replace("&amp;", "&");
    }
    let trimmed = out.trim_matches(|c| c == '\'' || c == '"');
    if trimmed.len() != out.len() && !trimmed.is_empty() {
        trimmed.to_string()
    } else {
        out
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' | '.' | ',' | '&'
    )
}

/// Tokenise `text[range]`. Offsets are into `text`.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let slice = &text[start..end];
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        if c.is_whitespace() || plain_char(c) == ' ' {
            i += 1;
            continue;
        }
        if is_word_char(c) {
            let mut j = i + 1;
            while j < chars.len() {
                let cj = chars[j].1;
                if is_word_char(cj) {
                    j += 1;
                    continue;
                }
                // "AT&amp;T": an escaped ampersand joins like '&'
                if cj == '&'
                    && chars
                        .get(j + 1..j + 5)
                        .is_some_and(|s| s.iter().map(|x| x.1).eq("amp;".chars()))
                    && chars.get(j + 5).is_some_and(|x| is_word_char(x.1))
                {
                    j += 6;
                    continue;
                }
                // A joiner stays inside the token only between two word characters,
                // with extra rules: ',' only between digits ("5,000"), '.' between
                // digits ("2.5") or in dotted abbreviations ("U.S.").
                if is_joiner(cj) && j + 1 < chars.len() && is_word_char(chars[j + 1].1) {
                    let prev = chars[j - 1].1;
                    let next = chars[j + 1].1;
                    let ok = match cj {
                        ',' => {
                            prev.is_ascii_digit()
                                && next.is_ascii_digit()
                                && digits_after(&chars, j + 1) == 3
                        }
                        '.' => {
                            (prev.is_ascii_digit() && next.is_ascii_digit())
                                || (prev.is_uppercase()
                                    && next.is_uppercase()
                                    && (j < 2 || !is_word_char(chars[j - 2].1)))
                        }
                        _ => true,
                    };
                    if ok {
                        j += 2;
                        continue;
                    }
                }
                break;
            }
            // A trailing apostrophe stays with its word ("troops’", a stray
            // "exacerbated’"); normalisation drops it.
            if j < chars.len()
                && matches!(chars[j].1, '\'' | '\u{2019}')
                && (j + 1 >= chars.len() || !is_word_char(chars[j + 1].1))
            {
                j += 1;
            }
            // Dotted abbreviation keeps its final dot: "U.S." (but not "Armenia.")
            let mut tok_end = j;
            if j < chars.len() && chars[j].1 == '.' {
                let word: String = chars[i..j].iter().map(|x| x.1).collect();
                if word.contains('.') && word.chars().all(|c| c.is_uppercase() || c == '.') {
                    tok_end = j + 1;
                }
            }
            let bs = start + b;
            let be = if tok_end < chars.len() {
                start + chars[tok_end].0
            } else {
                end
            };
            // contractions split as the Penn Treebank does: "didn't" → "did" "n't",
            // so that negation and auxiliaries are tokens of their own
            let word_text = &text[bs..be];
            let lower = word_text.to_lowercase().replace('\u{2019}', "'");
            if lower.len() > 3 && lower.ends_with("n't") && !lower.contains(' ') {
                let apostrophe =
                    if word_text.ends_with("\u{2019}t") || word_text.ends_with("\u{2019}T") {
                        3
                    } else {
                        1
                    };
                let cut = be - 2 - apostrophe;
                if text.is_char_boundary(cut) {
                    let a = &text[bs..cut];
                    tokens.push(Token {
                        start: bs,
                        end: cut,
                        norm: normalize_word(a),
                        kind: TokenKind::Word,
                        cap: a.chars().next().is_some_and(|c| c.is_uppercase()),
                    });
                    tokens.push(Token {
                        start: cut,
                        end: be,
                        norm: "n't".into(),
                        kind: TokenKind::Word,
                        cap: false,
                    });
                    i = tok_end;
                    continue;
                }
            }
            let raw = &text[bs..be];
            let is_num = raw.chars().next().is_some_and(|c| c.is_ascii_digit())
                && raw
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
            tokens.push(Token {
                start: bs,
                end: be,
                norm: normalize_word(raw),
                kind: if is_num {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                },
                cap: raw.chars().next().is_some_and(|c| c.is_uppercase()),
            });
            i = tok_end;
        } else {
            // an HTML entity left in feed text ("AT&amp;T", "&quot;") is one
            // token standing for its character, so its ';' ends no clause
            if c == '&' {
                let rest: String = chars[i + 1..].iter().take(9).map(|x| x.1).collect();
                if let Some(semi) = rest.find(';') {
                    let name = &rest[..semi];
                    let decoded = match name {
                        "amp" => Some("&"),
                        "quot" => Some("\""),
                        "apos" | "#39" => Some("'"),
                        "lt" => Some("<"),
                        "gt" => Some(">"),
                        "nbsp" => Some(" "),
                        _ => None,
                    };
                    if let Some(d) = decoded {
                        let n = name.chars().count() + 2;
                        let bs = start + b;
                        let be = if i + n < chars.len() {
                            start + chars[i + n].0
                        } else {
                            end
                        };
                        if d != " " {
                            tokens.push(Token {
                                start: bs,
                                end: be,
                                norm: d.to_string(),
                                kind: TokenKind::Punct,
                                cap: false,
                            });
                        }
                        i += n;
                        continue;
                    }
                }
            }
            let bs = start + b;
            let be = start + b + c.len_utf8();
            tokens.push(Token {
                start: bs,
                end: be,
                norm: plain_char(c).to_string(),
                kind: TokenKind::Punct,
                cap: false,
            });
            i += 1;
        }
    }
    tokens
}

fn digits_after(chars: &[(usize, char)], from: usize) -> usize {
    chars[from..]
        .iter()
        .take_while(|(_, c)| c.is_ascii_digit())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(s: &str) -> Vec<String> {
        tokenize(s, 0, s.len())
            .into_iter()
            .map(|t| t.norm)
            .collect()
    }

    #[test]
    fn html_entity_is_one_token() {
        let text = "AT&amp;T; ties &amp; trade";
        let toks = tokenize(text, 0, text.len());
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["at&t", ";", "ties", "&", "trade"]);
        assert_eq!(&text[toks[3].start..toks[3].end], "&amp;");
    }

    #[test]
    fn words_numbers_and_punctuation() {
        assert_eq!(
            norms("The U.S. said 5,000 troops’ arrival was “un-planned”."),
            vec![
                "the",
                "u.s.",
                "said",
                "5,000",
                "troops",
                "arrival",
                "was",
                "\"",
                "un-planned",
                "\"",
                "."
            ]
        );
    }

    #[test]
    fn offsets_point_into_original() {
        let s = "Armenia’s army — reportedly";
        let toks = tokenize(s, 0, s.len());
        for t in &toks {
            assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
        }
        assert_eq!(&s[toks[0].start..toks[0].end], "Armenia’s");
        assert_eq!(toks[0].norm, "armenia's");
        assert_eq!(toks[2].norm, "-");
    }

    #[test]
    fn contractions_split() {
        assert_eq!(
            norms("Armenia didn't attack"),
            vec!["armenia", "did", "n't", "attack"]
        );
        assert_eq!(norms("They won’t go"), vec!["they", "wo", "n't", "go"]);
    }

    #[test]
    fn stray_quote_dropped_and_sentence_dot_split() {
        assert_eq!(norms("exacerbated’ it."), vec!["exacerbated", "it", "."]);
        assert_eq!(norms("in Armenia."), vec!["in", "armenia", "."]);
        assert_eq!(norms("1,20"), vec!["1", ",", "20"]);
    }
}

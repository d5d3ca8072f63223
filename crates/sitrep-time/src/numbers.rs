//! Cardinal numbers in digits and words.
//!
//! News copy writes the same figure many ways: `5,000`, `5, 000` (a space
//! left by a bad conversion), `5 000`, `5000`, `five thousand`, `2.5 million`,
//! `twenty-one`. [`cardinal_at`] reads one starting at a token and says how
//! many tokens it used. Vague quantities ("dozens", "hundreds") are read by
//! [`vague_at`] with the values published coding practice assigns them.

use sitrep_text::{Token, TokenKind};

fn unit_word(w: &str) -> Option<u64> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    UNITS.iter().position(|u| *u == w).map(|i| i as u64)
}

fn tens_word(w: &str) -> Option<u64> {
    Some(match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

fn scale_word(w: &str) -> Option<u64> {
    Some(match w {
        "dozen" => 12,
        "hundred" => 100,
        "thousand" => 1_000,
        "million" | "mln" | "m" => 1_000_000,
        "billion" | "bn" => 1_000_000_000,
        _ => return None,
    })
}

/// A number word below a hundred: "seven", "forty", "twenty-one", "a"/"an" as one.
fn small_word(w: &str) -> Option<u64> {
    if let Some(v) = unit_word(w).or_else(|| tens_word(w)) {
        return Some(v);
    }
    if let Some((t, u)) = w.split_once('-') {
        if let (Some(t), Some(u)) = (tens_word(t), unit_word(u)) {
            if u > 0 && u < 10 {
                return Some(t + u);
            }
        }
    }
    None
}

fn digits_value(s: &str) -> Option<f64> {
    let clean: String = s.chars().filter(|c| *c != ',').collect();
    clean.parse::<f64>().ok()
}

/// Read a cardinal at `tokens[i]`. Returns the value and the number of tokens used.
pub fn cardinal_at(tokens: &[Token], i: usize) -> Option<(u64, usize)> {
    let t = tokens.get(i)?;
    if t.kind == TokenKind::Number {
        let mut value = digits_value(&t.norm)?;
        let mut used = 1;
        // "5, 000" and "5 000": a 1–3 digit group followed by 3-digit groups
        if !t.norm.contains(',') && !t.norm.contains('.') && t.norm.len() <= 3 {
            let mut j = i + 1;
            loop {
                let comma = tokens.get(j).is_some_and(|x| x.norm == ",");
                let k = if comma { j + 1 } else { j };
                match tokens.get(k) {
                    Some(n)
                        if n.kind == TokenKind::Number
                            && n.norm.len() == 3
                            && n.norm.chars().all(|c| c.is_ascii_digit())
                            && (comma || n.start == tokens[k - 1].end + 1) =>
                    {
                        value = value * 1000.0 + digits_value(&n.norm)?;
                        used = k + 1 - i;
                        j = k + 1;
                    }
                    _ => break,
                }
            }
        }
        // "2.5 million", "3 thousand"
        if let Some(s) = tokens.get(i + used).and_then(|x| scale_word(&x.norm)) {
            value *= s as f64;
            used += 1;
        }
        if !(0.0..=1e13).contains(&value) {
            return None;
        }
        return Some((value.round() as u64, used));
    }
    // Words: "five thousand", "two hundred and fifty", "a hundred"
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut used = 0;
    let mut any = false;
    let mut j = i;
    while let Some(tok) = tokens.get(j) {
        let w = tok.norm.as_str();
        if let Some(v) = small_word(w) {
            if any && !current.is_multiple_of(100) && current != 0 {
                break; // "five six" is two numbers
            }
            current += v;
            any = true;
            j += 1;
            used = j - i;
        } else if (w == "a" || w == "an") && !any {
            // "a hundred", "a thousand" — only if a scale word follows
            if tokens
                .get(j + 1)
                .and_then(|x| scale_word(&x.norm))
                .is_some()
            {
                current = 1;
                any = true;
                j += 1;
                used = j - i;
            } else {
                break;
            }
        } else if let Some(s) = scale_word(w).filter(|_| any) {
            if w == "m" {
                break;
            }
            if s == 100 {
                current = current.max(1) * 100;
            } else {
                total += current.max(1) * s;
                current = 0;
            }
            j += 1;
            used = j - i;
        } else if w == "and"
            && any
            && tokens
                .get(j + 1)
                .is_some_and(|x| small_word(&x.norm).is_some())
        {
            j += 1;
        } else {
            break;
        }
    }
    if !any {
        return None;
    }
    Some((total + current, used))
}

/// A figure's (low, best, high) reading; `high` is open when unknown.
pub type Reading = (u64, u64, Option<u64>);

/// A vague quantity word and its (low, best, high) reading.
///
/// ACLED codes "dozens" as 12 and "hundreds" as 100 (its fatality
/// methodology); UCDP keeps low/best/high. We follow both: `best` is ACLED's
/// figure and `low` the smallest value the word allows.
pub fn vague_at(tokens: &[Token], i: usize) -> Option<(Reading, usize)> {
    let w = tokens.get(i)?.norm.as_str();
    let next = |k: usize, word: &str| tokens.get(i + k).is_some_and(|t| t.is(word));
    let (best, high, used) = match w {
        "a" if next(1, "dozen") => (12, Some(12), 2),
        "dozens" => (12, None, 1),
        "scores" => (20, None, 1),
        "hundreds" => (100, None, 1),
        "tens" if next(1, "of") && next(2, "thousands") => (10_000, None, 3),
        "thousands" => (1_000, None, 1),
        "several" => (3, Some(9), 1),
        "a" if next(1, "few") => (2, Some(5), 2),
        _ => return None,
    };
    Some(((best, best, high), used))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_text::tokenize;

    fn read(s: &str) -> Option<(u64, usize)> {
        let t = tokenize(s, 0, s.len());
        cardinal_at(&t, 0)
    }

    #[test]
    fn digit_forms() {
        assert_eq!(read("5,000 people"), Some((5000, 1)));
        assert_eq!(read("5, 000 people"), Some((5000, 3)));
        assert_eq!(read("5 000 people"), Some((5000, 2)));
        assert_eq!(read("5000 people"), Some((5000, 1)));
        assert_eq!(read("2.5 million people"), Some((2_500_000, 2)));
        assert_eq!(read("12 civilians"), Some((12, 1)));
        // a list "12, 15" is not 12015
        assert_eq!(read("12, 15 and 20"), Some((12, 1)));
    }

    #[test]
    fn word_forms() {
        assert_eq!(read("five thousand people"), Some((5000, 2)));
        assert_eq!(read("twenty-one soldiers"), Some((21, 1)));
        assert_eq!(read("two hundred and fifty troops"), Some((250, 4)));
        assert_eq!(read("a hundred people"), Some((100, 2)));
        assert_eq!(read("a man"), None);
    }

    #[test]
    fn vague_words() {
        let s = "dozens of soldiers";
        let t = tokenize(s, 0, s.len());
        assert_eq!(vague_at(&t, 0), Some(((12, 12, None), 1)));
    }
}

//! Sentence segmentation over the kept lines.
//!
//! A line is a paragraph in news text (and a headline is a line of its own),
//! so a line break always ends a sentence. Inside a line a sentence may end at
//! any gap between words; whether it does is learnt (sitrep-parse's boundary
//! model, trained on UD English EWT paragraphs as written, lowercased and
//! uppercased). A rule that wanted a capital letter after `.`, `!`, `?` or `…`
//! left all-lowercase feeds as one sentence per paragraph, and one that looked
//! only at those marks never ended "Subject: ceasefire talks" or a list item
//! without a period; the model knows that "the" or "police" can start a
//! sentence whatever its case, and its margins for gaps without a mark are set
//! so that news sentences are not cut in the middle.
//! A dot after a known abbreviation or an initial ("Gen.", "U.S.", "Oct.", "J.")
//! never ends a sentence, whatever the model says: the treebank is web text,
//! and military and diplomatic news has more "Lt. Gen." and "U.S. Army" than it
//! ever saw.

use sitrep_model::Sentence;
use sitrep_parse::sentences::Candidate;

/// Abbreviations whose dot does not end a sentence (lowercase, without the final dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cmdr",
    "adm", "brig", "rep", "sen", "gov", "pres", "rev", "st", "ft", "mt", "no", "nos", "vs", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp",
    "ltd", "co", "jr", "sr", "approx", "dept", "est", "fig", "gov't", "hon", "messrs", "u.s",
    "u.k", "u.n", "e.g", "i.e", "etc", "al",
];

/// "Gen.", "U.S.", "J." (an initial): the dot is the abbreviation's.
fn is_abbreviation(word: &str) -> bool {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    let initial = w.chars().count() == 1 && w.chars().all(char::is_alphabetic);
    initial || ABBREVIATIONS.contains(&w)
}

/// Whether the gap `c` is ruled out as a sentence end: after an abbreviation's dot.
fn after_abbreviation(c: &Candidate) -> bool {
    c.mark == "." && is_abbreviation(c.before)
}

/// Split the kept line ranges of `text` into sentences.
pub fn segment(text: &str, kept: &[(usize, usize)]) -> Vec<Sentence> {
    let model = sitrep_parse::Boundaries::embedded();
    let mut out = Vec::new();
    for &(ls, le) in kept {
        let line = &text[ls..le];
        let mut sent_start = 0usize;
        for end in model.split_unless(line, after_abbreviation) {
            let end = past_separator_dash(line, end);
            push(&mut out, text, ls + sent_start, ls + end);
            sent_start = end;
        }
        if sent_start < line.len() {
            push(&mut out, text, ls + sent_start, le);
        }
    }
    out
}

/// "BAKU, Oct 11 (Example News) - A missile struck a residential block":
/// where a cut falls before a dash standing alone between spaces, the dash
/// separates what went before (a dateline) from the sentence, and goes
/// with the dateline; the sentence starts at its first word. `end` is the
/// cut's offset in `line`; the offset returned is after the dash, or `end`.
fn past_separator_dash(line: &str, end: usize) -> usize {
    let rest = &line[end..];
    let after_space = rest.trim_start();
    let skipped = rest.len() - after_space.len();
    let dash_len: usize = after_space
        .chars()
        .take_while(|&c| crate::token::is_dash(c))
        .take(2)
        .map(char::len_utf8)
        .sum();
    let tail = &after_space[dash_len..];
    if dash_len > 0 && tail.starts_with(char::is_whitespace) {
        return end + skipped + dash_len;
    }
    end
}

/// The longest sentence kept whole, in bytes. The longest sentence of UD
/// English EWT is 771 characters, of PUD 324; a line of WikiEvents (whose
/// train split lost some sentence breaks) reaches 4 kB only where several
/// sentences were run together.
pub const MAX_SENTENCE_BYTES: usize = 2_000;

/// A run of text longer than [`MAX_SENTENCE_BYTES`] with no boundary the
/// model takes is cut into pieces of at most that size, after the last `;` or
/// `,` before a space in a piece's second half (never inside "1,000"), else
/// at its last space. Motivated by a fuzz
/// input of 64 kB, "Armenia and Azerba Monday, kill Monday, kill Monday, kill
/// …", one sentence to the model: coding looks at a sentence's predicates in
/// pairs, and 5,000 of them took 13 s of CPU and 900 MB. No one writes such
/// a sentence; a feed that lost its punctuation does, and its pieces are
/// still coded.
fn overlong_cut(piece: &str) -> usize {
    let mut limit = MAX_SENTENCE_BYTES.min(piece.len());
    while !piece.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &piece[..limit];
    let half = limit / 2;
    let after_mark = window
        .char_indices()
        .rev()
        .take_while(|&(i, _)| i > half)
        .find(|&(i, c)| matches!(c, ';' | ',') && window[i + 1..].starts_with(char::is_whitespace))
        .map(|(i, _)| i + 1);
    let after_space = window.rfind(char::is_whitespace).filter(|&i| i > 0);
    after_mark.or(after_space).unwrap_or(limit)
}

fn push(out: &mut Vec<Sentence>, text: &str, mut s: usize, e: usize) {
    while e - s > MAX_SENTENCE_BYTES {
        let cut = s + overlong_cut(&text[s..e]);
        push_one(out, text, s, cut);
        s = cut;
    }
    push_one(out, text, s, e);
}

fn push_one(out: &mut Vec<Sentence>, text: &str, s: usize, e: usize) {
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
    fn lowercase_and_capitals_split_alike() {
        assert_eq!(
            split("police arrested two men on monday. the court jailed them. they appealed."),
            vec![
                "police arrested two men on monday.",
                "the court jailed them.",
                "they appealed."
            ]
        );
        assert_eq!(
            split("TROOPS SHELLED THE TOWN. THE REBELS WITHDREW."),
            vec!["TROOPS SHELLED THE TOWN.", "THE REBELS WITHDREW."]
        );
    }

    /// An e-mail header run into the text (EWT's e-mails: a name, then the date and time
    /// the message was sent, then the message), cased and lowercased alike.
    #[test]
    fn header_run_into_text_is_cut() {
        let t = "Maria Lopez 03/14/2001 09:30 AM I spoke to the team about the schedule.";
        let want = [
            "Maria Lopez",
            "03/14/2001 09:30 AM",
            "I spoke to the team about the schedule.",
        ];
        assert_eq!(split(t), want);
        let lower: Vec<String> = want.iter().map(|s| s.to_lowercase()).collect();
        assert_eq!(split(&t.to_lowercase()), lower);
    }

    /// A sign-off ends a sentence at its comma, and the list items of a line without any
    /// period (links one after another) are sentences of their own.
    #[test]
    fn sign_off_and_list_without_periods_are_cut() {
        assert_eq!(
            split("Thanks for your help. Best regards, Maria Lopez"),
            vec!["Thanks for your help.", "Best regards,", "Maria Lopez"]
        );
        assert_eq!(
            split("Sources: http://www.example.org/report.html http://www.example.org/annex.html"),
            vec![
                "Sources: http://www.example.org/report.html",
                "http://www.example.org/annex.html"
            ]
        );
    }

    /// A rank's dot is not an end, cased or not, and a news sentence without marks inside
    /// is not cut at its gaps.
    #[test]
    fn gen_smith_and_news_sentences_stay_whole() {
        for t in [
            "Gen. Smith said the troops would withdraw from the border town by Friday.",
            "gen. smith said the troops would withdraw from the border town by friday.",
            "Kenya and Uganda urged the warring parties to respect the ceasefire agreed in Addis Ababa last month.",
        ] {
            assert_eq!(split(t), vec![t]);
        }
    }

    #[test]
    fn a_separator_dash_after_a_cut_goes_with_the_dateline() {
        let line = "BAKU, Oct 11 (Example News) - A missile struck a block.";
        let cut = line.find(") ").unwrap() + 1;
        let moved = past_separator_dash(line, cut);
        assert_eq!(line[moved..].trim_start(), "A missile struck a block.");
        // an en dash and an em dash too; a hyphen inside a word is no separator
        let line = "GANJA \u{2014} Shells fell.";
        assert_eq!(
            line[past_separator_dash(line, 5)..].trim_start(),
            "Shells fell."
        );
        // a doubled hyphen, a figure dash and a minus sign standing alone
        // are separators as well (the dash list is `token::is_dash`'s)
        for line in [
            "KYIV -- Shells fell.",
            "KYIV \u{2012} Shells fell.",
            "KYIV \u{2212} Shells fell.",
        ] {
            assert_eq!(
                line[past_separator_dash(line, 4)..].trim_start(),
                "Shells fell."
            );
        }
        let line = "KYIV --- Shells fell.";
        assert_eq!(past_separator_dash(line, 4), 4);
        let line = "Talks ended. -10 degrees was the low.";
        assert_eq!(past_separator_dash(line, 12), 12);
        // whatever the model cuts, no sentence of a datelined lead starts with the dash
        let text = "BAKU, Oct 11 (Example News) - A missile struck a residential block in Ganja.";
        for s in segment(text, &[(0, text.len())]) {
            assert!(!s.text.starts_with('-'), "{:?}", s.text);
        }
    }

    #[test]
    fn an_overlong_run_is_cut_at_commas_into_bounded_pieces() {
        let text = format!(
            "Armenia and Azerba{} killijan agreed to a ceasefire",
            " Monday, kill".repeat(5_000)
        );
        let s = segment(&text, &[(0, text.len())]);
        assert!(s.len() >= text.len() / MAX_SENTENCE_BYTES, "{}", s.len());
        for x in &s {
            assert!(x.text.len() <= MAX_SENTENCE_BYTES, "{}", x.text.len());
            assert_eq!(&text[x.start..x.end], x.text);
        }
        // every piece but the last ends after a comma, none loses text
        assert!(s[..s.len() - 1].iter().all(|x| x.text.ends_with(',')));
        let kept: usize = s.iter().map(|x| x.text.split_whitespace().count()).sum();
        assert_eq!(kept, text.split_whitespace().count());
        // a long run with no comma or space is cut at a character boundary
        let text = "\u{00e9}".repeat(MAX_SENTENCE_BYTES);
        let s = segment(&text, &[(0, text.len())]);
        assert_eq!(s.len(), 2);
        assert!(s.iter().all(|x| x.text.len() <= MAX_SENTENCE_BYTES));
        // a long news sentence is kept whole
        let sentence = "Troops shelled the town, officials said, and ".repeat(40);
        assert!(sentence.len() < MAX_SENTENCE_BYTES);
        assert_eq!(split(sentence.trim()).len(), 1);
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

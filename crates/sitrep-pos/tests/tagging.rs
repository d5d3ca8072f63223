//! Tag accuracy on hand-checked sentences, and exact agreement with the Python tagger.

use sitrep_pos::{Tag, Tagger};

/// `word/TAG` lines, `#` comments skipped.
fn read_tagged(text: &str) -> Vec<(Vec<&str>, Vec<Tag>)> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            line.split(' ')
                .map(|item| {
                    let (w, t) = item.rsplit_once('/').expect("word/TAG");
                    (
                        w,
                        Tag::parse(t).unwrap_or_else(|| panic!("bad tag in {item}")),
                    )
                })
                .unzip()
        })
        .collect()
}

#[test]
fn accuracy_on_hand_checked_sentences() {
    let gold = read_tagged(include_str!("gold_tags.txt"));
    assert!(gold.len() >= 40);
    let (mut n, mut right) = (0, 0);
    let mut errors = Vec::new();
    for (words, tags) in &gold {
        let got = sitrep_pos::tag(words);
        assert_eq!(got.len(), words.len());
        for ((w, want), got) in words.iter().zip(tags).zip(&got) {
            n += 1;
            if want == got {
                right += 1;
            } else {
                errors.push(format!("{w}: {got} (gold {want})"));
            }
        }
    }
    let accuracy = right as f64 / n as f64;
    eprintln!(
        "{right}/{n} = {:.2}% ; errors: {}",
        100.0 * accuracy,
        errors.join(", ")
    );
    assert!(accuracy >= 0.95, "accuracy {accuracy:.4} below 0.95");
}

/// The gold tokens are what sitrep-text makes of the sentence, so the accuracy above is the
/// accuracy sitrep gets.
#[test]
fn gold_tokens_are_sitrep_text_tokens() {
    for (words, _) in read_tagged(include_str!("gold_tags.txt")) {
        let text = words.join(" ");
        let toks: Vec<&str> = sitrep_text::tokenize(&text, 0, text.len())
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(toks, words);
    }
}

/// Tags the original Python tagger gave for the same Treebank tokens
/// (scripts/check_pos.py --fixture): they must match exactly, not nearly.
#[test]
fn identical_to_python_reference() {
    let reference = read_tagged(include_str!("python_reference.txt"));
    assert!(reference.len() >= 50);
    let tagger = Tagger::embedded();
    for (words, tags) in &reference {
        assert_eq!(&tagger.tag_ptb(words), tags, "{}", words.join(" "));
    }
}

#[test]
fn sitrep_tokens_are_tagged_in_treebank_form() {
    // curly quotes, a glued possessive, a dash and brackets, as sitrep-text leaves them
    let text = "Armenia\u{2019}s troops \u{2014} 5,000 men (reportedly) \u{2014} withdrew, \
                the \u{201C}ministry\u{201D} said.";
    let words: Vec<&str> = sitrep_text::tokenize(text, 0, text.len())
        .iter()
        .map(|t| &text[t.start..t.end])
        .collect();
    let tags = sitrep_pos::tag(&words);
    let tagged: Vec<String> = words
        .iter()
        .zip(&tags)
        .map(|(w, t)| format!("{w}/{t}"))
        .collect();
    assert_eq!(
        tagged.join(" "),
        "Armenia\u{2019}s/NNP troops/NNS \u{2014}/: 5,000/CD men/NNS (/-LRB- reportedly/RB )/-RRB- \
         \u{2014}/: withdrew/VBD ,/, the/DT \u{201C}/`` ministry/NN \u{201D}/'' said/VBD ./."
    );
}

#[test]
fn loads_from_a_directory() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/pos");
    let tagger = Tagger::from_dir(dir).expect("data/pos loads");
    let words = ["Troops", "shelled", "the", "village", "."];
    assert_eq!(tagger.tag(&words), Tagger::embedded().tag(&words));
    assert!(Tagger::from_dir("/nonexistent").is_err());
}

#[test]
fn empty_and_odd_input() {
    assert!(sitrep_pos::tag(&[]).is_empty());
    assert_eq!(sitrep_pos::tag(&[""]).len(), 1);
    assert_eq!(sitrep_pos::tag(&["'s", "'", "n't"]).len(), 3);
}

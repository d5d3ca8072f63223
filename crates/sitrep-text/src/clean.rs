//! Site debris removal, line by line.
//!
//! Scraped articles carry the site around them: comment prompts, teasers for
//! other stories, breadcrumbs, share buttons, a headline printed twice. Each
//! of those lines is dropped with a reason, so that `annotate` can show the
//! user exactly what the coder never saw.

use sitrep_model::RemovedLine;

/// The outcome of cleaning: the lines kept (byte ranges into the text) and
/// the lines removed with their reasons.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub kept: Vec<(usize, usize)>,
    pub removed: Vec<RemovedLine>,
}

impl Cleaned {
    /// The kept lines joined by newlines, for reading.
    pub fn clean_text(&self, text: &str) -> String {
        let mut out = String::new();
        for (i, &(s, e)) in self.kept.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&text[s..e]);
        }
        out
    }
}

fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            '\u{2019}' | '\u{2018}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            _ => c,
        };
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        }
    }
    out
}

const COMMENT_PROMPTS: &[&str] = &[
    "leave a reply",
    "leave a comment",
    "post a comment",
    "add a comment",
    "please enter your comment!",
    "please enter your comment",
    "please enter your name here",
    "you have entered an incorrect email address!",
    "comments",
    "show comments",
    "view comments",
    "join the conversation",
    "cancel reply",
];

const SHARE_PROMPTS: &[&str] = &[
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "share via email",
    "tweet",
    "print",
    "email",
    "whatsapp",
    "facebook",
    "twitter",
    "linkedin",
    "pinterest",
    "telegram",
    "copy link",
    "subscribe",
    "subscribe now",
    "sign up",
    "sign up for our newsletter",
    "subscribe to our newsletter",
    "advertisement",
    "advertisement:",
    "skip advertisement",
    "story continues below advertisement",
    "continue reading",
    "continue reading below",
    "listen to this article",
];

const TEASER_PREFIXES: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "read -",
    "read:",
    "read next",
    "related:",
    "related -",
    "related stories",
    "see also",
    "watch:",
    "watch -",
    "more:",
    "recommended:",
    "you may also like",
    "you might also like",
    "don't miss",
];

const HEADLINE_LIST_HEADERS: &[&str] = &[
    "related",
    "related posts",
    "related articles",
    "related stories",
    "related news",
    "more stories",
    "more news",
    "more from",
    "most read",
    "most popular",
    "trending",
    "trending now",
    "top stories",
    "latest news",
    "latest",
    "recommended",
    "recommended for you",
    "you may also like",
    "editor's picks",
    "popular posts",
    "recent posts",
];

fn ends_like_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', ')', '\u{201D}', '\u{2019}']);
    t.ends_with(['.', '!', '?', ':', ';'])
}

fn is_date_line(sq: &str) -> bool {
    let prefixes = [
        "published:",
        "published on",
        "published",
        "posted on",
        "posted:",
        "updated:",
        "last updated:",
        "date:",
        "date ",
    ];
    if let Some(p) = prefixes.iter().find(|p| sq.starts_with(*p)) {
        let rest = &sq[p.len()..];
        let digits = rest.chars().filter(|c| c.is_ascii_digit()).count();
        return digits >= 4 && rest.len() < 60;
    }
    false
}

/// Why a line is debris, or `None` to keep it.
fn debris_reason(sq: &str, raw: &str) -> Option<&'static str> {
    let bare = sq.trim_matches(|c: char| !c.is_alphanumeric() && c != '!');
    if COMMENT_PROMPTS.contains(&sq) || COMMENT_PROMPTS.contains(&bare) {
        return Some("comment prompt");
    }
    // "0 Comments", "12 comments", "Comments (3)"
    let words: Vec<&str> = sq.split(' ').collect();
    if words.len() == 2
        && words[0].chars().all(|c| c.is_ascii_digit())
        && (words[1] == "comments" || words[1] == "comment" || words[1] == "replies")
    {
        return Some("comment prompt");
    }
    if sq.starts_with("comments (") && sq.len() < 20 {
        return Some("comment prompt");
    }
    if SHARE_PROMPTS.contains(&sq) || SHARE_PROMPTS.contains(&bare) {
        return Some("share or subscribe prompt");
    }
    if (sq.starts_with("follow us on")
        || sq.starts_with("click here to")
        || sq.starts_with("sign up for"))
        && sq.len() < 120
    {
        return Some("share or subscribe prompt");
    }
    if TEASER_PREFIXES.iter().any(|p| sq.starts_with(p)) && sq.len() < 250 {
        return Some("teaser for another story");
    }
    if sq == "source link" || sq == "source: link" || sq.starts_with("source link:") {
        return Some("source link");
    }
    if (sq.starts_with('©') || sq.starts_with("(c) ") || sq.starts_with("copyright "))
        && sq.len() < 200
        || sq.ends_with("all rights reserved.")
        || sq.ends_with("all rights reserved")
    {
        return Some("copyright notice");
    }
    if is_date_line(sq) {
        return Some("date line");
    }
    // Breadcrumbs: "Home / News / World / Headline", "Home > Politics"
    for sep in [" / ", " > ", " » ", " › "] {
        let parts: Vec<&str> = raw.split(sep).map(str::trim).collect();
        if parts.len() < 2 {
            continue;
        }
        let home = parts[0].eq_ignore_ascii_case("home");
        let short_parts = parts.len() >= 3
            && parts.iter().all(|p| p.split_whitespace().count() <= 8)
            && !ends_like_sentence(raw);
        if home || short_parts {
            return Some("breadcrumb");
        }
    }
    None
}

/// Clean a document text: returns kept line ranges and removed lines.
pub fn clean(text: &str) -> Cleaned {
    let mut out = Cleaned::default();
    let mut seen: Vec<String> = Vec::new();
    let mut pos = 0;
    let mut in_headline_list = false;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let s = start + lead;
        let e = start + content.trim_end().len();
        if s >= e {
            continue;
        }
        let raw = &text[s..e];
        let sq = squash(raw);
        if sq.is_empty() {
            continue;
        }
        let mut reason = debris_reason(&sq, raw);
        if reason.is_none() && in_headline_list {
            if !ends_like_sentence(raw) && raw.split_whitespace().count() <= 20 {
                reason = Some("list of other headlines");
            } else {
                in_headline_list = false;
            }
        }
        let header = sq.trim_end_matches(':');
        if reason.is_none() && HEADLINE_LIST_HEADERS.contains(&header) {
            reason = Some("list of other headlines");
            in_headline_list = true;
        }
        if reason.is_none() && sq.split(' ').count() >= 2 && seen.contains(&sq) {
            reason = Some("repeated line");
        }
        match reason {
            Some(r) => out.removed.push(RemovedLine {
                text: raw.to_string(),
                reason: r.to_string(),
                start: s,
                end: e,
            }),
            None => {
                seen.push(sq);
                out.kept.push((s, e));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debris_lines_are_removed_with_reasons() {
        let text = "Home / news / Ceasefire agreed in Moscow\n\
Ceasefire agreed in Moscow\n\
Ceasefire agreed in Moscow\n\
Published: 10 October 2020\n\
Armenia and Azerbaijan agreed to a ceasefire on Saturday, Russia's foreign minister said.\n\
\n\
READ MORE: England win the third test at Lord's\n\
Related: Storm Alex batters the French Riviera\n\
Share this article\n\
Post a Comment\n\
0 Comments\n\
Leave a Reply\n\
Please enter your comment!\n";
        let c = clean(text);
        let kept = c.clean_text(text);
        assert_eq!(
            kept,
            "Ceasefire agreed in Moscow\nArmenia and Azerbaijan agreed to a ceasefire on Saturday, Russia's foreign minister said."
        );
        let reasons: Vec<&str> = c.removed.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(
            reasons,
            vec![
                "breadcrumb",
                "repeated line",
                "date line",
                "teaser for another story",
                "teaser for another story",
                "share or subscribe prompt",
                "comment prompt",
                "comment prompt",
                "comment prompt",
                "comment prompt"
            ]
        );
        for r in &c.removed {
            assert_eq!(&text[r.start..r.end], r.text);
        }
    }

    #[test]
    fn headline_lists_end_at_a_sentence() {
        let text = "Body sentence one.\nMost Read\nCricket: Team wins\nWeather turns cold\nThe talks resumed on Monday.\n";
        let c = clean(text);
        assert_eq!(
            c.clean_text(text),
            "Body sentence one.\nThe talks resumed on Monday."
        );
    }

    #[test]
    fn ordinary_sentences_survive() {
        let text = "Share prices fell in Baku.\nThe comments were made on Monday.\nPresident Aliyev said the army would read more reports.";
        assert_eq!(clean(text).kept.len(), 3);
    }
}

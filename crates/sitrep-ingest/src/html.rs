//! Main-text extraction from news pages.
//!
//! A page is mostly not the article: navigation, sidebars of other
//! headlines, cookie banners, comments, footers. We pick the container that
//! holds the most paragraph text (an `<article>` or `itemprop=articleBody`
//! when the page marks one), keep its paragraphs and sub-headings, and drop
//! paragraphs that sit in boilerplate (nav, aside, footer, figure captions,
//! comment and share blocks). Metadata comes from meta tags, JSON-LD and
//! `<time>` elements.

use chrono::NaiveDate;
use scraper::{ElementRef, Html, Selector};
use std::collections::HashMap;

/// What a page yields.
#[derive(Debug, Clone, Default)]
pub struct HtmlArticle {
    pub title: Option<String>,
    pub text: String,
    pub date: Option<NaiveDate>,
    pub site_name: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub author: Option<String>,
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("valid selector")
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const BOILERPLATE_TAGS: &[&str] = &[
    "nav",
    "aside",
    "footer",
    "header",
    "figure",
    "figcaption",
    "form",
    "script",
    "style",
    "noscript",
    "button",
    "select",
    "template",
    "svg",
    "iframe",
];

const BOILERPLATE_WORDS: &[&str] = &[
    "comment",
    "share",
    "social",
    "related",
    "recommend",
    "newsletter",
    "subscribe",
    "promo",
    "sidebar",
    "cookie",
    "consent",
    "banner",
    "byline",
    "caption",
    "breadcrumb",
    "footer",
    "navigation",
    "menu",
    "advert",
    "sponsor",
    "popular",
    "trending",
    "most-read",
    "mostread",
    "author-bio",
    "tags",
    "signup",
    "outbrain",
    "taboola",
];

fn is_boilerplate(el: &ElementRef) -> bool {
    let v = el.value();
    if BOILERPLATE_TAGS.contains(&v.name()) {
        return true;
    }
    if v.attr("aria-hidden") == Some("true") || v.attr("hidden").is_some() {
        return true;
    }
    if matches!(
        v.attr("role"),
        Some("navigation" | "complementary" | "banner" | "contentinfo")
    ) {
        return true;
    }
    let (class, id) = (v.attr("class"), v.attr("id"));
    if class.is_none() && id.is_none() {
        return false;
    }
    let mut attrs = String::new();
    if let Some(c) = class {
        attrs.push_str(&c.to_lowercase());
    }
    attrs.push(' ');
    if let Some(i) = id {
        attrs.push_str(&i.to_lowercase());
    }
    // "article-body" must not be dropped for "ad" matches etc.: match whole-ish words only
    attrs
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|tok| BOILERPLATE_WORDS.iter().any(|w| names_word(tok, w)))
}

/// Whether a class or id token names `word` whole: the word, its plural,
/// or the word as one hyphenated part at either end ("sidebar-left",
/// "related-links"). Checked without allocating: seen on a fuzzed page of
/// thousands of empty paragraphs in deeply nested table cells, the
/// per-token `format!` calls of each ancestor walk took minutes.
fn names_word(tok: &str, word: &str) -> bool {
    tok == word
        || tok
            .strip_prefix(word)
            .is_some_and(|r| r.starts_with('-') || r == "s")
        || tok.strip_suffix(word).is_some_and(|r| r.ends_with('-'))
}

fn in_boilerplate(el: &ElementRef, stop: &ElementRef) -> bool {
    let mut cur = Some(*el);
    while let Some(e) = cur {
        if e.id() == stop.id() {
            return false;
        }
        if is_boilerplate(&e) {
            return true;
        }
        cur = e.parent().and_then(ElementRef::wrap);
    }
    false
}

fn meta(doc: &Html, keys: &[&str]) -> Option<String> {
    let s = sel("meta");
    for k in keys {
        for m in doc.select(&s) {
            let v = m.value();
            let name = v
                .attr("property")
                .or(v.attr("name"))
                .or(v.attr("itemprop"))
                .unwrap_or("");
            if name.eq_ignore_ascii_case(k) {
                if let Some(c) = v.attr("content").filter(|c| !c.trim().is_empty()) {
                    return Some(c.trim().to_string());
                }
            }
        }
    }
    None
}

fn json_ld_field(doc: &Html, key: &str) -> Option<String> {
    fn find(v: &serde_json::Value, key: &str) -> Option<String> {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(s) = m.get(key).and_then(|x| x.as_str()) {
                    return Some(s.to_string());
                }
                m.values().find_map(|x| find(x, key))
            }
            serde_json::Value::Array(a) => a.iter().find_map(|x| find(x, key)),
            _ => None,
        }
    }
    let s = sel(r#"script[type="application/ld+json"]"#);
    doc.select(&s).find_map(|e| {
        let raw: String = e.text().collect();
        serde_json::from_str::<serde_json::Value>(raw.trim())
            .ok()
            .and_then(|v| find(&v, key))
    })
}

/// Deepest element nesting kept; deeper tags are dropped before parsing.
/// Real news pages nest a few dozen levels; a page of 100,000 nested
/// `<div>`s made parsing and readability scoring quadratic (25 minutes).
pub const MAX_DEPTH: usize = 256;

/// Elements that never hold content (no end tag).
const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "!doctype",
];

/// Elements whose start tag closes the innermost open element when it is of
/// the same family or an unclosed paragraph: `<li>` after `<li>` or `<p>`,
/// `<td>` after `<th>`.
fn closes_open(new: &str, open: &str) -> bool {
    match new {
        "p" | "option" => open == new,
        "li" => matches!(open, "li" | "p"),
        "dt" | "dd" => matches!(open, "dt" | "dd" | "p"),
        "td" | "th" => matches!(open, "td" | "th" | "p"),
        "tr" => matches!(open, "tr" | "td" | "th" | "p"),
        _ => false,
    }
}

/// Elements whose content is raw text, not markup.
const RAW_TEXT_TAGS: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// The tag name at the start of `s` (after `<` or `</`), lower-cased.
fn tag_name(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '!'))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The page with tags nested deeper than [`MAX_DEPTH`] removed (their text
/// stays), in one linear pass, so that parsing and extraction stay linear
/// in the page. A page within the limit is returned as it is.
pub fn limit_depth(html: &str) -> std::borrow::Cow<'_, str> {
    let mut out: Option<String> = None;
    // the open elements, innermost last (at most MAX_DEPTH of them)
    let mut open: Vec<String> = Vec::new();
    let mut dropped: HashMap<String, usize> = HashMap::new();
    let mut pos = 0;
    let mut kept_to = 0;
    while let Some(off) = html[pos..].find('<') {
        let start = pos + off;
        let rest = &html[start + 1..];
        if rest.starts_with("!--") {
            pos = rest.find("-->").map_or(html.len(), |e| start + 1 + e + 3);
            continue;
        }
        let closing = rest.starts_with('/');
        let name = tag_name(if closing { &rest[1..] } else { rest });
        if name.is_empty() {
            pos = start + 1;
            continue;
        }
        let end = rest.find('>').map_or(html.len(), |e| start + 1 + e + 1);
        let drop = if closing {
            close_tag(&name, &mut open, &mut dropped)
        } else if html[..end].ends_with("/>") || VOID_TAGS.contains(&name.as_str()) {
            false
        } else {
            open_tag(name.clone(), &mut open, &mut dropped)
        };
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[kept_to..start]);
            kept_to = end;
        }
        pos = end;
        if !closing && RAW_TEXT_TAGS.contains(&name.as_str()) {
            let close = format!("</{name}");
            pos = html.as_bytes()[pos..]
                .windows(close.len())
                .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
                .map_or(html.len(), |e| pos + e);
        }
    }
    match out {
        None => std::borrow::Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[kept_to..]);
            std::borrow::Cow::Owned(o)
        }
    }
}

/// A start tag for [`limit_depth`]: opened, or dropped (returns `true`)
/// when the nesting is already [`MAX_DEPTH`] deep.
fn open_tag(name: String, open: &mut Vec<String>, dropped: &mut HashMap<String, usize>) -> bool {
    while open.last().is_some_and(|o| closes_open(&name, o)) {
        open.pop();
    }
    if open.len() >= MAX_DEPTH {
        *dropped.entry(name).or_insert(0) += 1;
        return true;
    }
    open.push(name);
    false
}

/// An end tag for [`limit_depth`]: dropped (returns `true`) when it closes
/// a dropped start tag; otherwise it closes the innermost open element of
/// its name and those inside it (a stray end tag closes nothing).
fn close_tag(name: &str, open: &mut Vec<String>, dropped: &mut HashMap<String, usize>) -> bool {
    if let Some(n) = dropped.get_mut(name).filter(|n| **n > 0) {
        *n -= 1;
        return true;
    }
    if let Some(i) = open.iter().rposition(|o| o == name) {
        open.truncate(i);
    }
    false
}

/// Extract the article and its metadata from a page.
pub fn extract_html(html: &str, url: Option<&str>) -> HtmlArticle {
    extract_html_within(html, url, None).unwrap_or_default()
}

/// Why extraction gave up on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtractError {
    /// The page took longer than the per-document time budget; the stage
    /// reached is named.
    OverTimeBudget {
        budget: std::time::Duration,
        stage: &'static str,
    },
}

impl std::fmt::Display for ExtractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExtractError::OverTimeBudget { budget, stage } => write!(
                f,
                "time budget exceeded: extraction took over {:.1} s (at {stage}; \
                 raise it with --doc-time-budget); skipped",
                budget.as_secs_f64()
            ),
        }
    }
}

/// [`extract_html`] with a time budget, checked between the stages
/// (parsing, metadata, readability scoring, density fallback): a page that
/// overruns it is given up at the next stage boundary with a named error,
/// so one pathological page cannot stall a crawl.
pub fn extract_html_within(
    html: &str,
    url: Option<&str>,
    budget: Option<std::time::Duration>,
) -> Result<HtmlArticle, ExtractError> {
    let started = std::time::Instant::now();
    let check = |stage: &'static str| match budget {
        Some(b) if started.elapsed() > b => Err(ExtractError::OverTimeBudget { budget: b, stage }),
        _ => Ok(()),
    };
    let html = limit_depth(html);
    let doc = Html::parse_document(&html);
    check("parsing")?;
    let title = meta(&doc, &["og:title", "twitter:title", "headline"])
        .or_else(|| json_ld_field(&doc, "headline"))
        .or_else(|| {
            doc.select(&sel("title"))
                .next()
                .map(|t| squash(&t.text().collect::<String>()))
        })
        .filter(|t| !t.is_empty());
    let date_str = meta(
        &doc,
        &[
            "article:published_time",
            "og:published_time",
            "datePublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "date",
            "dc.date",
            "dc.date.issued",
            "sailthru.date",
            "parsely-pub-date",
        ],
    )
    .or_else(|| json_ld_field(&doc, "datePublished"))
    .or_else(|| {
        doc.select(&sel("time[datetime]"))
            .next()
            .and_then(|t| t.value().attr("datetime").map(str::to_string))
    });
    let date = date_str.as_deref().and_then(sitrep_time::parse_date_str);
    let site_name = meta(&doc, &["og:site_name", "application-name"]);
    let canonical = doc
        .select(&sel(r#"link[rel="canonical"]"#))
        .next()
        .and_then(|l| l.value().attr("href").map(str::to_string))
        .or_else(|| meta(&doc, &["og:url"]))
        .filter(|u| u.starts_with("http"))
        .or(url.map(str::to_string));
    let language = doc
        .select(&sel("html"))
        .next()
        .and_then(|h| h.value().attr("lang").map(|l| l.to_lowercase()));
    let author = meta(&doc, &["author", "article:author"]);

    check("metadata")?;
    let text = readable_text(&doc, url)
        .filter(|t| t.chars().filter(|c| c.is_alphanumeric()).count() >= 150);
    check("readability scoring")?;
    let text = match text {
        Some(t) => t,
        None => density_text(&doc),
    };
    check("text density")?;
    Ok(HtmlArticle {
        title,
        text,
        date,
        site_name,
        url: canonical,
        language,
        author,
    })
}

/// Elements that end a line of text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "hr",
    "center",
    "address",
    "details",
    "summary",
];

/// The article body found by readability scoring (dom_smoothie) on the
/// page with its boilerplate blocks removed, then debris lines removed.
/// `None` when no candidate was found.
fn readable_text(doc: &Html, url: Option<&str>) -> Option<String> {
    let mut doc = doc.clone();
    strip_boilerplate(&mut doc);
    let cfg = dom_smoothie::Config {
        keep_classes: true,
        disable_json_ld: true,
        ..Default::default()
    };
    let article = dom_smoothie::Readability::new(doc.html(), url, Some(cfg))
        .ok()?
        .parse()
        .ok()?;
    let frag = Html::parse_fragment(&article.content);
    Some(lines_text(*frag.root_element()))
}

/// Letters in the paragraphs under an element.
fn paragraph_letters(el: ElementRef) -> usize {
    el.select(&sel("p"))
        .flat_map(|p| p.text())
        .flat_map(str::chars)
        .filter(|c| c.is_alphanumeric())
        .count()
}

/// Remove boilerplate elements (navigation, asides, share and comment
/// blocks...) from a page, except one that holds most of the page's
/// paragraph text: a site that wraps everything in a `<form>` or names its
/// main column "has-sidebar" keeps its article.
fn strip_boilerplate(doc: &mut Html) {
    let total = paragraph_letters(doc.root_element());
    let doomed: Vec<ego_tree::NodeId> = doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| !matches!(e.value().name(), "html" | "body" | "head"))
        .filter(|e| is_boilerplate(e) && paragraph_letters(*e) * 2 <= total)
        .map(|e| e.id())
        .collect();
    for id in doomed {
        if let Some(mut n) = doc.tree.get_mut(id) {
            n.detach();
        }
    }
}

/// A line of text being collected, with how much of it is link text.
#[derive(Default)]
struct Line {
    text: String,
    link_chars: usize,
}

/// A finished line: its text and the share of its letters inside links.
struct TextLine {
    text: String,
    link_share: f64,
}

impl Line {
    fn push(&mut self, t: &str, in_link: bool) {
        if in_link {
            self.link_chars += t.chars().filter(|c| c.is_alphanumeric()).count();
        }
        self.text.push_str(t);
    }

    fn flush(&mut self, out: &mut Vec<TextLine>) {
        let t = squash(&self.text);
        let letters = t.chars().filter(|c| c.is_alphanumeric()).count();
        if !t.is_empty() && out.last().map(|l| &l.text) != Some(&t) {
            out.push(TextLine {
                link_share: self.link_chars as f64 / letters.max(1) as f64,
                text: t,
            });
        }
        self.text.clear();
        self.link_chars = 0;
    }
}

fn block_walk(
    node: ego_tree::NodeRef<scraper::Node>,
    in_link: bool,
    out: &mut Vec<TextLine>,
    line: &mut Line,
) {
    match node.value() {
        scraper::Node::Text(t) => line.push(t, in_link),
        scraper::Node::Element(e) => {
            let Some(el) = ElementRef::wrap(node) else {
                return;
            };
            if is_boilerplate(&el) {
                return;
            }
            let name = e.name();
            if name == "br" {
                line.flush(out);
                return;
            }
            let block = BLOCK_TAGS.contains(&name);
            if block {
                line.flush(out);
            }
            let in_link = in_link || name == "a";
            for c in node.children() {
                block_walk(c, in_link, out, line);
            }
            if block {
                line.flush(out);
            }
        }
        _ => {
            for c in node.children() {
                block_walk(c, in_link, out, line);
            }
        }
    }
}

/// Lines that are page furniture even inside the article container:
/// photo credits and captions of slideshows, bylines and time stamps,
/// copyright notices, calls to action.
fn is_debris_line(line: &str) -> bool {
    let l = line.to_lowercase();
    let words = line.split_whitespace().count();
    let ends_sentence = line.ends_with(['.', '?', '!', '"', '\u{201D}', ':']);
    const EXACT: &[&str] = &[
        "advertisement",
        "caption",
        "close",
        "hide caption",
        "toggle caption",
        "enlarge this image",
        "share",
        "share this article",
        "share this:",
        "related",
        "related:",
        "read more",
        "read more:",
        "continue reading",
        "story continues below",
        "article continues below",
        "story continues below advertisement",
        "skip advertisement",
        "watch:",
        "listen",
        "play",
        "loading...",
        "warning",
        "continue reading below",
        "don't miss",
        "don\u{2019}t miss",
        "you may also like",
        "you may also like...",
        "most read",
        "most popular",
        "recommended",
        "want more stories like this?",
    ];
    if EXACT.contains(&l.trim_end_matches(['.', ' '])) || EXACT.contains(&l.as_str()) {
        return true;
    }
    const PREFIXES: &[&str] = &[
        "photo:",
        "photos:",
        "photo by",
        "photograph:",
        "image:",
        "image 1 of",
        "picture:",
        "credit:",
        "file photo",
        "(photo",
        "[photo",
        "click here",
        "sign up for",
        "subscribe to",
        "follow us on",
        "read more:",
        "related:",
        "see also:",
        "see more:",
        "more:",
    ];
    if words <= 20 && PREFIXES.iter().any(|p| l.starts_with(p)) {
        return true;
    }
    // calls to action
    if words <= 25 && (l.contains("click here") || l.contains("clicking here")) {
        return true;
    }
    // "Image 3 of / 8", "1 of 12"
    if words <= 5 && l.contains(" of ") && l.chars().any(|c| c.is_ascii_digit()) {
        let alpha = l.chars().filter(|c| c.is_alphabetic()).count();
        if alpha <= 8 {
            return true;
        }
    }
    // bylines and time stamps: "By Jane Doe - 11/18/19 11:04 PM EST", "Updated 5:27 am CST"
    if words <= 16 && !ends_sentence {
        for p in [
            "by ",
            "updated",
            "published",
            "posted",
            "last updated",
            "first published",
        ] {
            if l.starts_with(p) {
                return true;
            }
        }
    }
    // copyright notices
    if words <= 40
        && (l.starts_with('\u{a9}')
            || l.starts_with("copyright")
            || l.contains("all rights reserved")
            || l.contains("subject to copyright"))
    {
        return true;
    }
    false
}

/// Drop debris lines, lines that are (nearly) all link text (teasers for
/// other stories), and a short heading introducing a run of such teasers.
fn drop_debris_lines(lines: Vec<TextLine>) -> Vec<String> {
    let teaser = |l: &TextLine| {
        l.link_share >= 0.8
            && l.text.split_whitespace().count() <= 30
            && !l.text.contains("://")
            && !l.text.contains("www.")
    };
    let heading = |l: &TextLine| {
        l.text.split_whitespace().count() <= 6 && !l.text.ends_with(['.', '?', '!', '"'])
    };
    let mut keep = vec![true; lines.len()];
    for (i, l) in lines.iter().enumerate() {
        if is_debris_line(&l.text) {
            keep[i] = false;
        }
    }
    // runs of two or more teasers, and the heading before them ("Most read")
    let mut i = 0;
    while i < lines.len() {
        let run = lines[i..].iter().take_while(|l| teaser(l)).count();
        if run >= 2 {
            keep[i..i + run].iter_mut().for_each(|k| *k = false);
            if i > 0 && heading(&lines[i - 1]) {
                keep[i - 1] = false;
            }
        }
        i += run.max(1);
    }
    lines
        .into_iter()
        .zip(keep)
        .filter_map(|(l, k)| k.then_some(l.text))
        .collect()
}

/// Fallback extraction: the container holding the most paragraph text.
fn density_text(doc: &Html) -> String {
    // Candidate containers: every element that is a parent of paragraphs.
    let marked = sel(r#"article, [itemprop="articleBody"], main"#);
    let mut score: HashMap<ego_id::Id, (usize, ElementRef)> = HashMap::new();
    let body = doc.root_element();
    for p in doc.select(&sel("p")) {
        if in_boilerplate(&p, &body) {
            continue;
        }
        let len = squash(&p.text().collect::<String>()).len();
        if len < 25 {
            continue;
        }
        // credit the parent and grandparent (readability-style)
        let mut cur = p.parent().and_then(ElementRef::wrap);
        let mut weight = 1.0f64;
        for _ in 0..3 {
            let Some(e) = cur else { break };
            let entry = score.entry(e.id()).or_insert((0, e));
            entry.0 += (len as f64 * weight) as usize;
            weight *= 0.5;
            cur = e.parent().and_then(ElementRef::wrap);
        }
    }
    let best = score.values().max_by_key(|(s, _)| *s).map(|(_, e)| *e);
    // Prefer an explicitly marked container that contains the best one
    let container = doc
        .select(&marked)
        .rfind(|m| {
            best.is_some_and(|b| b.ancestors().any(|a| a.id() == m.id()) || b.id() == m.id())
        })
        .or(best)
        .unwrap_or(body);

    lines_text(*container)
}

/// The text of an HTML fragment (a feed item's content) as paragraphs,
/// boilerplate blocks and debris lines removed.
pub(crate) fn fragment_text(html: &str) -> String {
    let frag = Html::parse_fragment(&limit_depth(html));
    lines_text(*frag.root_element())
}

/// The text of a subtree as paragraphs, boilerplate and debris removed.
fn lines_text(root: ego_tree::NodeRef<scraper::Node>) -> String {
    let mut lines = Vec::new();
    let mut cur = Line::default();
    block_walk(root, false, &mut lines, &mut cur);
    cur.flush(&mut lines);
    drop_debris_lines(lines).join("\n\n")
}

/// Node ids of the parsed tree.
mod ego_id {
    pub type Id = ego_tree::NodeId;
}

#[cfg(test)]
mod tests {

    #[test]
    fn boilerplate_words_match_whole_parts_only() {
        assert!(names_word("sidebar", "sidebar"));
        assert!(names_word("sidebar-left", "sidebar"));
        assert!(names_word("related-ad", "ad"));
        assert!(names_word("ads", "ad"));
        assert!(!names_word("article-body", "ad"));
        assert!(!names_word("header", "ad"));
        assert!(!names_word("adsense", "ad"));
    }

    use super::*;

    #[test]
    fn deep_nesting_is_flattened_and_its_text_kept() {
        let n = 5_000;
        let page = format!(
            "{}<p>Troops shelled the town.</p>{}",
            "<div class=x>".repeat(n),
            "</div>".repeat(n)
        );
        let flat = limit_depth(&page);
        assert_eq!(flat.matches("<div").count(), MAX_DEPTH);
        assert_eq!(flat.matches("</div>").count(), MAX_DEPTH);
        assert!(extract_html(&page, None)
            .text
            .contains("Troops shelled the town."));
        // tables in table cells, list items in lists: every level counts
        let tables = format!(
            "{}<p>Troops shelled the town.</p>{}",
            "<table><tr><td>".repeat(n),
            "</td></tr></table>".repeat(n)
        );
        let flat = limit_depth(&tables);
        assert!(flat.matches("<table>").count() <= MAX_DEPTH / 3 + 1);
        assert!(flat.contains("Troops shelled the town."));
        // unclosed list items and paragraphs close each other: nothing dropped
        let items = format!("<ul>{}</ul>", "<li>one<p>two".repeat(2 * MAX_DEPTH));
        assert!(matches!(limit_depth(&items), std::borrow::Cow::Borrowed(_)));
        // a shallow page is left as it is, scripts and comments included
        let shallow =
            "<div><script>if (a<b) { x = '</div>'; }</script><!-- <div> --><p>Hi</p></div>";
        assert!(matches!(
            limit_depth(shallow),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
<title>Ceasefire agreed | Example News</title>
<meta property="og:title" content="Armenia and Azerbaijan agree ceasefire">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2020-10-10T04:00:00+03:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li>World</li></ul></nav>
<div class="cookie-banner"><p>We use cookies to improve your experience on this website.</p></div>
<article><h1>Armenia and Azerbaijan agree ceasefire</h1>
<p class="byline">By A. Reporter, Moscow correspondent for the agency</p>
<p>Armenia and Azerbaijan agreed to a ceasefire on Saturday after talks in Moscow hosted by Russia's foreign minister.</p>
<p>The truce is meant to allow the exchange of prisoners and the bodies of the dead, the ministers said.</p>
<figure><figcaption>Foreign ministers meet in Moscow, in a photo released by the ministry.</figcaption></figure>
</article>
<aside><h3>Most read</h3><p>England win the third test at Lord's by seven wickets.</p></aside>
<section class="comments"><p>Great article, I really enjoyed reading about this topic!</p></section>
<footer><p>Copyright 2020 Example News. All rights reserved worldwide.</p></footer>
</body></html>"#;

    #[test]
    fn keeps_article_drops_boilerplate() {
        let a = extract_html(PAGE, None);
        assert_eq!(
            a.title.as_deref(),
            Some("Armenia and Azerbaijan agree ceasefire")
        );
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2020, 10, 10));
        assert_eq!(a.site_name.as_deref(), Some("Example News"));
        assert_eq!(a.language.as_deref(), Some("en"));
        assert!(a.text.contains("agreed to a ceasefire on Saturday"));
        assert!(a.text.contains("exchange of prisoners"));
        for junk in [
            "cookies",
            "England",
            "Great article",
            "Copyright",
            "By A. Reporter",
            "photo released",
        ] {
            assert!(!a.text.contains(junk), "{junk} leaked into {}", a.text);
        }
    }
}

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
    "paywall",
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
    let mut attrs = String::new();
    if let Some(c) = v.attr("class") {
        attrs.push_str(&c.to_lowercase());
    }
    attrs.push(' ');
    if let Some(i) = v.attr("id") {
        attrs.push_str(&i.to_lowercase());
    }
    // "article-body" must not be dropped for "ad" matches etc.: match whole-ish words only
    attrs
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|tok| {
            BOILERPLATE_WORDS.iter().any(|w| {
                tok == *w
                    || tok.starts_with(&format!("{w}-"))
                    || tok.ends_with(&format!("-{w}"))
                    || tok == format!("{w}s")
            })
        })
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

/// Extract the article and its metadata from a page.
pub fn extract_html(html: &str, url: Option<&str>) -> HtmlArticle {
    let doc = Html::parse_document(html);
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

    // Candidate containers: every element that is a parent of paragraphs.
    let p_sel = sel("p, h2, h3, li, blockquote");
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
        .filter(|m| {
            best.is_some_and(|b| b.ancestors().any(|a| a.id() == m.id()) || b.id() == m.id())
        })
        .last()
        .or(best)
        .unwrap_or(body);

    let mut paras: Vec<String> = Vec::new();
    for p in container.select(&p_sel) {
        if in_boilerplate(&p, &container) {
            continue;
        }
        // skip a block that contains another selected block (li > p)
        if p.select(&p_sel).nth(1).is_some() && p.value().name() != "p" {
            continue;
        }
        let t = squash(&p.text().collect::<String>());
        let name = p.value().name();
        if t.is_empty() || (name == "li" && t.len() < 40) {
            continue;
        }
        if paras.last() != Some(&t) {
            paras.push(t);
        }
    }
    let mut text = String::new();
    if let Some(t) = &title {
        // The headline leads the text when the body does not already start with it.
        if !paras.first().is_some_and(|p| p == t) {
            text.push_str(t);
            text.push_str("\n\n");
        }
    }
    text.push_str(&paras.join("\n\n"));
    if paras.is_empty() {
        text.clear();
    }
    HtmlArticle {
        title,
        text,
        date,
        site_name,
        url: canonical,
        language,
        author,
    }
}

/// Node ids of the parsed tree.
mod ego_id {
    pub type Id = ego_tree::NodeId;
}

#[cfg(test)]
mod tests {
    use super::*;

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

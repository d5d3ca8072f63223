//! RSS and Atom feeds (`.rss`, `.atom`, and `.xml` files that hold a feed):
//! each item is a document with its title, link, date and content (or
//! summary when the feed carries no content). HTML content is turned into
//! text by the extractor's block and debris rules.

use crate::{err, url_host, with_headline, Item, ReadOptions};
use sitrep_model::{stable_id, DateSource, DocError, Document};

/// Whether the start of a file looks like an RSS, RDF or Atom feed.
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf")
}

fn text_of(t: &feed_rs::model::Text) -> String {
    if t.content_type.essence().to_string().contains("html") || t.content.contains('<') {
        crate::html::fragment_text(&t.content)
    } else {
        t.content.trim().to_string()
    }
}

/// Read a feed file, one document per item.
pub fn read_feed(origin: &str, bytes: &[u8], opts: &ReadOptions, sink: &mut dyn FnMut(Item)) {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(f) => f,
        Err(e) => {
            sink(Err(err(
                origin,
                format!("not a readable RSS or Atom feed: {e}"),
            )));
            return;
        }
    };
    let outlet = feed.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    for (n, entry) in feed.entries.iter().enumerate() {
        let at = format!("{origin}#{}", n + 1);
        sink(entry_document(&at, entry, outlet.as_deref(), opts));
    }
}

fn entry_document(
    at: &str,
    entry: &feed_rs::model::Entry,
    outlet: Option<&str>,
    opts: &ReadOptions,
) -> Item {
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.clone());
    let title = entry.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    let content = entry.content.as_ref().and_then(|c| {
        let body = c.body.as_deref()?;
        let text = if c.content_type.essence().to_string().contains("html") || body.contains('<') {
            crate::html::fragment_text(body)
        } else {
            body.trim().to_string()
        };
        (!text.is_empty()).then_some(text)
    });
    let body = content.or_else(|| {
        entry
            .summary
            .as_ref()
            .map(text_of)
            .filter(|t| !t.is_empty())
    });
    let id = if entry.id.trim().is_empty() {
        stable_id(
            "doc-",
            &[
                link.as_deref().unwrap_or(""),
                title.as_deref().unwrap_or(""),
            ],
        )
    } else {
        entry.id.trim().to_string()
    };
    let Some(body) = body else {
        return Err(DocError {
            origin: at.to_string(),
            doc_id: Some(id),
            message: "feed item has neither content nor summary".into(),
        });
    };
    let (date, date_source) = match entry.published.or(entry.updated) {
        Some(d) => (Some(d.date_naive()), DateSource::Record),
        None => match link.as_deref().and_then(sitrep_time::date_from_url) {
            Some(d) => (Some(d), DateSource::Url),
            None => match opts.default_date {
                Some(d) => (Some(d), DateSource::CommandLine),
                None => (None, DateSource::None),
            },
        },
    };
    Ok(Document {
        id,
        text: with_headline(title.as_deref(), body),
        url: link.clone(),
        title,
        date,
        date_source,
        origin: at.to_string(),
        outlet: outlet
            .map(str::to_string)
            .or_else(|| link.as_deref().and_then(url_host)),
    })
}

//! Reading documents from what users have: JSONL dumps, plain text and HTML
//! files, WARC crawls, RSS and Atom feeds, directories of them,
//! gzip-compressed files, and standard input.
//!
//! Bad input is normal input. Every problem becomes a [`DocError`] naming the
//! file (and line), and reading goes on with the next document. Reading is
//! streaming: [`read_inputs`] hands documents to a callback one at a time, so
//! memory does not grow with the size of a JSONL dump or a WARC file.

mod charset;
pub mod extraction_eval;
mod feed;
mod html;
mod jsonl;
mod warc;

pub use charset::decode_html;
pub use feed::{looks_like_feed, read_feed};
pub use html::{extract_html, extract_html_within, limit_depth, ExtractError, HtmlArticle};
pub use jsonl::{parse_jsonl_line, FieldNames};
pub use warc::read_warc;

use sitrep_model::{DateSource, DocError, Document};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// What one input item turned out to be.
pub type Item = Result<Document, DocError>;

/// Options for reading.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Publication date for documents that carry none (`--date`).
    pub default_date: Option<chrono::NaiveDate>,
    /// Field names for JSONL records.
    pub fields: FieldNames,
    /// Largest document accepted, in bytes (larger ones are reported and skipped).
    pub max_doc_bytes: usize,
    /// Longest a page's text extraction may take (`--doc-time-budget`);
    /// `None` for no limit.
    pub doc_time_budget: Option<std::time::Duration>,
}

impl ReadOptions {
    pub fn new() -> Self {
        ReadOptions {
            default_date: None,
            fields: FieldNames::default(),
            max_doc_bytes: 50 * 1024 * 1024,
            doc_time_budget: Some(std::time::Duration::from_secs(30)),
        }
    }
}

/// The kinds of file sitrep reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Text,
    Html,
    Warc,
    /// RSS or Atom.
    Feed,
    /// XML: a feed when it looks like one.
    Xml,
}

fn format_of(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.').map(|x| x.1).unwrap_or("");
    match ext {
        "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
        "txt" | "text" | "md" => Some(Format::Text),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "warc" => Some(Format::Warc),
        "rss" | "atom" => Some(Format::Feed),
        "xml" => Some(Format::Xml),
        _ => None,
    }
}

/// Expand paths into the files to read: directories recursively, in a stable order.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Result<PathBuf, DocError>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(p.clone()));
        } else if p.is_dir() {
            let mut files: Vec<PathBuf> = walkdir::WalkDir::new(p)
                .follow_links(true)
                .into_iter()
                .filter_map(|e| match e {
                    Ok(e) if e.file_type().is_file() => Some(e.into_path()),
                    _ => None,
                })
                .filter(|f| {
                    !f.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                })
                .collect();
            files.sort();
            for f in files {
                if is_documentation(&f) {
                    eprintln!(
                        "sitrep: {}: skipped (documentation file, not a news document)",
                        f.display()
                    );
                    continue;
                }
                out.push(Ok(f));
            }
        } else if p.exists() {
            out.push(Ok(p.clone()));
        } else {
            out.push(Err(DocError {
                origin: p.display().to_string(),
                doc_id: None,
                message: "no such file or directory".into(),
            }));
        }
    }
    out
}

/// Files that document a corpus rather than belong to it (README, LICENSE,
/// Markdown): skipped when walking a directory, read when named directly.
fn is_documentation(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    name.ends_with(".md")
        || name.ends_with(".rst")
        || [
            "readme",
            "license",
            "licence",
            "notice",
            "copying",
            "changelog",
        ]
        .iter()
        .any(|p| name.starts_with(p))
}

pub(crate) fn err(origin: impl Into<String>, message: impl Into<String>) -> DocError {
    DocError {
        origin: origin.into(),
        doc_id: None,
        message: message.into(),
    }
}

/// Describe why bytes are not readable text, or `None` when they are UTF-8 text.
pub fn text_problem(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(8192)];
    let nul = head.iter().filter(|b| **b == 0).count();
    let ctrl = head
        .iter()
        .filter(|b| **b < 0x20 && !matches!(**b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if nul > 0 || ctrl * 20 > head.len().max(1) {
        return Some("binary file (contains NUL or control bytes), not text".into());
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        return Some(format!(
            "invalid UTF-8 at byte {at} (line {line}, byte 0x{:02X}); re-encode the file as UTF-8",
            bytes[at]
        ));
    }
    None
}

fn open(path: &Path) -> std::io::Result<Box<dyn Read>> {
    let f = File::open(path)?;
    if path.extension().is_some_and(|e| e == "gz") {
        Ok(Box::new(flate2::read::MultiGzDecoder::new(f)))
    } else {
        Ok(Box::new(f))
    }
}

/// The error for a document larger than the limit. The size is counted on
/// the decompressed bytes as they are read, so a small gzip file that
/// inflates to gigabytes is stopped at the limit, not after.
pub(crate) fn too_large(origin: impl Into<String>, limit: usize) -> DocError {
    err(
        origin,
        format!(
            "document too large: over the {limit} byte limit once decompressed \
             (raise it with --max-doc-bytes); skipped"
        ),
    )
}

/// Read at most `limit` bytes; `Ok(None)` when the stream holds more (the
/// rest is left unread, so memory never exceeds the limit).
pub(crate) fn read_capped(r: impl Read, limit: usize) -> std::io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    r.take(limit as u64 + 1).read_to_end(&mut buf)?;
    Ok((buf.len() <= limit).then_some(buf))
}

/// Read one line (through `\n`) into `buf`, at most `cap` bytes; a longer
/// line is consumed without being held and reported as `Ok(None)`.
/// `Ok(Some(0))` at the end of the stream.
pub(crate) fn read_line_capped(
    r: &mut impl BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<Option<usize>> {
    buf.clear();
    let mut total = 0usize;
    let mut too_long = false;
    loop {
        let avail = r.fill_buf()?;
        if avail.is_empty() {
            break;
        }
        let (used, done) = match avail.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        if !too_long {
            if buf.len() + used > cap {
                too_long = true;
                buf.clear();
                buf.shrink_to(64 * 1024);
            } else {
                buf.extend_from_slice(&avail[..used]);
            }
        }
        total += used;
        r.consume(used);
        if done {
            break;
        }
    }
    Ok(if too_long { None } else { Some(total) })
}

/// How many leading bytes are looked at to tell a stream's format.
const SNIFF_BYTES: u64 = 8192;

/// Read all inputs, calling `sink` with each document or error, in order.
pub fn read_inputs(paths: &[PathBuf], opts: &ReadOptions, sink: &mut dyn FnMut(Item)) {
    for p in expand_paths(paths) {
        match p {
            Err(e) => sink(Err(e)),
            Ok(p) if p.as_os_str() == "-" => read_stdin(opts, sink),
            Ok(p) => read_file(&p, opts, sink),
        }
    }
}

fn read_stdin(opts: &ReadOptions, sink: &mut dyn FnMut(Item)) {
    read_stream(
        "<stdin>",
        "stdin",
        None,
        Box::new(std::io::stdin().lock()),
        opts,
        sink,
    );
}

/// Read one file.
pub fn read_file(path: &Path, opts: &ReadOptions, sink: &mut dyn FnMut(Item)) {
    let origin = path.display().to_string();
    let format = format_of(path);
    let r = match open(path) {
        Ok(r) => r,
        Err(e) => {
            sink(Err(err(origin, format!("cannot open: {e}"))));
            return;
        }
    };
    let id = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| origin.clone());
    read_stream(&origin, &id, format, r, opts, sink);
}

/// Read a stream of (decompressed) bytes. JSONL and WARC, named or sniffed
/// from the first bytes, are read record by record; anything else is one
/// document, read up to the size limit and no further.
pub fn read_stream<'a>(
    origin: &str,
    id: &str,
    format: Option<Format>,
    mut r: Box<dyn Read + 'a>,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Item),
) {
    match format {
        Some(Format::Jsonl) => return read_jsonl(origin, BufReader::new(r), opts, sink),
        Some(Format::Warc) => {
            return read_warc(origin, BufReader::with_capacity(1 << 16, r), opts, sink)
        }
        _ => {}
    }
    let mut head = Vec::new();
    if let Err(e) = r.by_ref().take(SNIFF_BYTES).read_to_end(&mut head) {
        sink(Err(err(origin, format!("cannot read: {e}"))));
        return;
    }
    let streamed = match format {
        None => match sniff(&head) {
            f @ (Format::Jsonl | Format::Warc) if text_problem_head(&head, f) => {
                if origin != "<stdin>" {
                    eprintln!(
                        "sitrep: {origin}: unknown file extension, reading it as {}",
                        format_name(f)
                    );
                }
                Some(f)
            }
            _ => None,
        },
        _ => None,
    };
    let r = std::io::Cursor::new(head).chain(r);
    match streamed {
        Some(Format::Jsonl) => return read_jsonl(origin, BufReader::new(r), opts, sink),
        Some(_) => {
            return read_warc(origin, BufReader::with_capacity(1 << 16, r), opts, sink);
        }
        None => {}
    }
    match read_capped(r, opts.max_doc_bytes) {
        Ok(Some(bytes)) => read_bytes(origin, id, format, bytes, opts, sink),
        Ok(None) => sink(Err(too_large(origin, opts.max_doc_bytes))),
        Err(e) => sink(Err(err(origin, format!("cannot read: {e}")))),
    }
}

/// Whether the first bytes of a sniffed JSONL stream are text (a WARC is
/// binary-safe and needs no check).
fn text_problem_head(head: &[u8], f: Format) -> bool {
    f == Format::Warc || !head.contains(&0)
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Jsonl => "JSONL",
        Format::Html => "HTML",
        Format::Text => "plain text",
        Format::Warc => "WARC",
        Format::Feed | Format::Xml => "an RSS/Atom feed",
    }
}

fn sniff(bytes: &[u8]) -> Format {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"WARC/") {
        return Format::Warc;
    }
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace()).copied();
    match first {
        Some(b'{') => Format::Jsonl,
        Some(b'<') if looks_like_feed(bytes) => Format::Feed,
        Some(b'<') => Format::Html,
        _ => Format::Text,
    }
}

/// UTF-16 text as UTF-8: with a byte-order mark, or without one when the
/// zero bytes fall on one side of the pairs as they do in Latin-script
/// UTF-16 (a Windows "Unicode" text file). `None` for other bytes.
fn decode_utf16(bytes: &[u8]) -> Option<Vec<u8>> {
    let enc = match bytes {
        [0xFF, 0xFE, ..] => Some(encoding_rs::UTF_16LE),
        [0xFE, 0xFF, ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
    .or_else(|| {
        let head = &bytes[..bytes.len().min(4096) & !1];
        let pairs = head.len() / 2;
        let zeros = |side: usize| {
            head.iter()
                .skip(side)
                .step_by(2)
                .filter(|b| **b == 0)
                .count()
        };
        let (even, odd) = (zeros(0), zeros(1));
        if pairs < 2 {
            None
        } else if odd * 10 >= pairs * 7 && even * 20 <= pairs {
            Some(encoding_rs::UTF_16LE)
        } else if even * 10 >= pairs * 7 && odd * 20 <= pairs {
            Some(encoding_rs::UTF_16BE)
        } else {
            None
        }
    })?;
    let (text, _, malformed) = enc.decode(bytes);
    (!malformed).then(|| text.into_owned().into_bytes())
}

fn read_bytes(
    origin: &str,
    id: &str,
    format: Option<Format>,
    bytes: Vec<u8>,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Item),
) {
    let bytes = if format == Some(Format::Warc) {
        bytes
    } else {
        match decode_utf16(&bytes) {
            Some(utf8) => utf8,
            None => bytes,
        }
    };
    if bytes.len() > opts.max_doc_bytes && format != Some(Format::Jsonl) {
        sink(Err(err(
            origin,
            format!(
                "document is {} bytes, over the {} byte limit (--max-doc-bytes)",
                bytes.len(),
                opts.max_doc_bytes
            ),
        )));
        return;
    }
    // Formats with their own encoding rules: WARC (binary-safe), feeds (XML
    // declaration), HTML (meta charset).
    let format = match format {
        Some(Format::Xml) if looks_like_feed(&bytes) => Some(Format::Feed),
        Some(Format::Xml) => {
            sink(Err(err(origin, "XML file that is not an RSS or Atom feed")));
            return;
        }
        None if bytes.starts_with(b"WARC/") => Some(Format::Warc),
        f => f,
    };
    match format {
        Some(Format::Warc) => {
            read_warc(origin, BufReader::new(&bytes[..]), opts, sink);
            return;
        }
        Some(Format::Feed) => {
            read_feed(origin, &bytes, opts, sink);
            return;
        }
        Some(Format::Html) if text_problem(&bytes).is_some_and(|p| p.contains("UTF-8")) => {
            let html = decode_html(&bytes, None);
            sink(html_document(origin, id, &html, None, opts));
            return;
        }
        _ => {}
    }
    if let Some(problem) = text_problem(&bytes) {
        let msg = if format.is_none() {
            format!("{problem} (unrecognised file type)")
        } else {
            problem
        };
        sink(Err(err(origin, msg)));
        return;
    }
    let format = match format {
        Some(f) => f,
        None => {
            if origin != "<stdin>" {
                // unknown extension but readable text: say what we assumed
                let f = sniff(&bytes);
                eprintln!(
                    "sitrep: {origin}: unknown file extension, reading it as {}",
                    format_name(f)
                );
                f
            } else {
                sniff(&bytes)
            }
        }
    };
    let text = String::from_utf8(bytes).expect("checked above");
    match format {
        Format::Jsonl => read_jsonl(origin, BufReader::new(text.as_bytes()), opts, sink),
        Format::Text => sink(text_document(origin, id, text, opts)),
        Format::Html => sink(html_document(origin, id, &text, None, opts)),
        Format::Feed | Format::Xml => read_feed(origin, text.as_bytes(), opts, sink),
        Format::Warc => read_warc(origin, BufReader::new(text.as_bytes()), opts, sink),
    }
}

fn read_jsonl(origin: &str, mut r: impl BufRead, opts: &ReadOptions, sink: &mut dyn FnMut(Item)) {
    let mut line_no = 0usize;
    let mut buf = Vec::new();
    loop {
        let read = read_line_capped(&mut r, &mut buf, opts.max_doc_bytes.saturating_add(2));
        line_no += 1;
        let at = format!("{origin}:{line_no}");
        match read {
            Ok(Some(0)) => break,
            Ok(Some(_)) => {}
            Ok(None) => {
                sink(Err(too_large(at, opts.max_doc_bytes)));
                continue;
            }
            Err(e) => {
                sink(Err(err(at, format!("read error: {e}"))));
                break;
            }
        }
        let mut bytes = &buf[..];
        if line_no == 1 {
            // a byte-order mark some editors write at the start of a UTF-8 file
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        let line = match std::str::from_utf8(bytes) {
            Ok(s) => s.trim(),
            Err(e) => {
                sink(Err(err(
                    at,
                    format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
                )));
                continue;
            }
        };
        if line.is_empty() {
            continue;
        }
        if line.len() > opts.max_doc_bytes {
            sink(Err(too_large(at, opts.max_doc_bytes)));
            continue;
        }
        sink(parse_jsonl_line(&at, line, opts));
    }
}

/// A plain-text document: the first line is the title when it looks like one;
/// a date line near the top gives the publication date.
pub fn text_document(origin: &str, id: &str, text: String, opts: &ReadOptions) -> Item {
    if text.trim().is_empty() {
        return Err(DocError {
            origin: origin.into(),
            doc_id: Some(id.into()),
            message: "empty document".into(),
        });
    }
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let title = (first.len() < 200 && !first.ends_with('.')).then(|| first.to_string());
    let (date, date_source) = match date_line(&text) {
        Some(d) => (Some(d), DateSource::Text),
        None => match opts.default_date {
            Some(d) => (Some(d), DateSource::CommandLine),
            None => (None, DateSource::None),
        },
    };
    Ok(Document {
        id: id.to_string(),
        url: None,
        title,
        date,
        date_source,
        text,
        origin: origin.to_string(),
        outlet: None,
    })
}

/// A date line in the first lines of a text: "Published: 10 October 2020",
/// "date 2020-12-07", "Posted on Oct. 10, 2020".
pub fn date_line(text: &str) -> Option<chrono::NaiveDate> {
    for line in text.lines().take(12) {
        let l = line.trim().to_lowercase();
        for p in [
            "published:",
            "published on",
            "published",
            "posted on",
            "posted:",
            "updated:",
            "date:",
            "date ",
            "dated ",
        ] {
            if let Some(rest) = l.strip_prefix(p) {
                if let Some(d) = sitrep_time::parse_date_str(rest.trim()) {
                    return Some(d);
                }
            }
        }
    }
    None
}

/// An HTML document: the article body, title and date are extracted.
pub fn html_document(
    origin: &str,
    id: &str,
    html: &str,
    url: Option<&str>,
    opts: &ReadOptions,
) -> Item {
    let a = match extract_html_within(html, url, opts.doc_time_budget) {
        Ok(a) => a,
        Err(e) => {
            return Err(DocError {
                origin: origin.into(),
                doc_id: Some(id.into()),
                message: e.to_string(),
            })
        }
    };
    if a.text.trim().is_empty() {
        return Err(DocError {
            origin: origin.into(),
            doc_id: Some(id.into()),
            message: "no article text found in the HTML".into(),
        });
    }
    let url = a.url.clone().or(url.map(str::to_string));
    let text = with_headline(a.title.as_deref(), a.text);
    let (date, date_source) = if let Some(d) = a.date {
        (Some(d), DateSource::Metadata)
    } else if let Some(d) = date_line(&text) {
        (Some(d), DateSource::Text)
    } else if let Some(d) = url.as_deref().and_then(sitrep_time_url) {
        (Some(d), DateSource::Url)
    } else if let Some(d) = opts.default_date {
        (Some(d), DateSource::CommandLine)
    } else {
        (None, DateSource::None)
    };
    Ok(Document {
        id: id.to_string(),
        url,
        title: a.title,
        date,
        date_source,
        text,
        origin: origin.to_string(),
        outlet: a.site_name,
    })
}

/// The headline leads the text unless the body already starts with it.
pub(crate) fn with_headline(title: Option<&str>, body: String) -> String {
    match title {
        Some(t) if !t.trim().is_empty() && !body.trim_start().starts_with(t.trim()) => {
            format!("{}\n\n{body}", t.trim())
        }
        _ => body,
    }
}

fn sitrep_time_url(url: &str) -> Option<chrono::NaiveDate> {
    sitrep_time::date_from_url(url)
}

/// The host of a URL, used as the outlet when nothing better is known.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_bad_utf8_are_named() {
        assert!(text_problem(b"\x00\x01\x02abc").unwrap().contains("binary"));
        let p = text_problem(b"caf\xe9 au lait").unwrap();
        assert!(p.contains("invalid UTF-8 at byte 3"), "{p}");
        assert!(text_problem("plain text, fine".as_bytes()).is_none());
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            date_line("Headline\nPublished: 10 October 2020\nBody."),
            chrono::NaiveDate::from_ymd_opt(2020, 10, 10)
        );
        assert_eq!(
            date_line("date 2020-12-07\nBody."),
            chrono::NaiveDate::from_ymd_opt(2020, 12, 7)
        );
        assert_eq!(date_line("Body only."), None);
    }

    #[test]
    fn hosts() {
        assert_eq!(
            url_host("https://www.example.test/a/b").as_deref(),
            Some("example.test")
        );
    }
}

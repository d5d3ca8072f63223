//! WARC files (`.warc`, `.warc.gz`): web crawls, one HTML page per
//! `response` (or `resource`) record.
//!
//! The reader streams: one record is in memory at a time, and a record
//! larger than the document limit is skipped without being held. Records
//! that are not HTML pages (requests, metadata, images, scripts, redirects)
//! are passed over silently. A corrupt record (no version line, a bad or
//! missing `Content-Length`, a body that does not end where its length
//! says) is reported and reading resumes at the next `WARC/` version line;
//! a truncated file (or a broken gzip stream) is reported and ends the file.

use crate::{
    err, html_document, read_capped, read_line_capped, too_large, url_host, Item, ReadOptions,
};
use sitrep_model::{DateSource, DocError};
use std::io::{self, BufRead, Read};

/// Longest header line accepted; longer ones are treated as corruption.
const MAX_LINE: usize = 64 * 1024;

fn is_version_line(line: &[u8]) -> bool {
    line.starts_with(b"WARC/")
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// One record's WARC headers.
#[derive(Debug, Default)]
struct Headers {
    fields: Vec<(String, String)>,
}

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

enum Step {
    /// A record was read (and handled); go on.
    Next,
    /// The file ended cleanly.
    End,
    /// The record was corrupt; resume at the next version line.
    Resync,
    /// The record was corrupt; the next one starts with this version line.
    ResumeAt(Vec<u8>),
    /// The stream cannot be read further.
    Stop,
}

/// Read a WARC stream, calling `sink` for each HTML page and each problem.
pub fn read_warc(
    origin: &str,
    mut r: impl BufRead,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Item),
) {
    let mut line = Vec::new();
    let mut record = 0usize;
    // the version line of the next record, when resynchronising found it
    let mut pending: Option<Vec<u8>> = None;
    loop {
        record += 1;
        let at = format!("{origin}#{record}");
        let step = read_record(&at, &mut r, &mut line, pending.take(), opts, sink);
        match step {
            Step::Next => {}
            Step::End | Step::Stop => break,
            Step::ResumeAt(v) => pending = Some(v),
            Step::Resync => match resync(&mut r, &mut line) {
                Ok(Some(v)) => pending = Some(v),
                Ok(None) => break,
                Err(e) => {
                    sink(Err(err(at, format!("read error: {e}"))));
                    break;
                }
            },
        }
    }
}

/// Skip to the next `WARC/` version line and return it (`None` at the end).
fn resync(r: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<Option<Vec<u8>>> {
    loop {
        match read_line_capped(r, line, MAX_LINE)? {
            Some(0) => return Ok(None),
            Some(_) if is_version_line(line) => return Ok(Some(line.clone())),
            _ => {}
        }
    }
}

fn read_record(
    at: &str,
    r: &mut impl BufRead,
    line: &mut Vec<u8>,
    pending: Option<Vec<u8>>,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Item),
) -> Step {
    let fail = |sink: &mut dyn FnMut(Item), msg: String| sink(Err(err(at, msg)));
    // version line, after any blank lines
    let version = match pending {
        Some(v) => v,
        None => loop {
            match read_line_capped(r, line, MAX_LINE) {
                Ok(Some(0)) => return Step::End,
                Ok(Some(_)) if trim_eol(line).is_empty() => continue,
                Ok(Some(_)) => break line.clone(),
                Ok(None) => {
                    fail(
                        sink,
                        "corrupt record: an over-long line where a WARC version line should be"
                            .into(),
                    );
                    return Step::Resync;
                }
                Err(e) => {
                    fail(sink, format!("cannot read the file further: {e}"));
                    return Step::Stop;
                }
            }
        },
    };
    if !is_version_line(&version) {
        let shown: String = String::from_utf8_lossy(trim_eol(&version))
            .chars()
            .take(40)
            .collect();
        fail(
            sink,
            format!("corrupt record: expected a WARC/1.x version line, found {shown:?}; skipped to the next record"),
        );
        return Step::Resync;
    }
    // header lines up to a blank line
    let mut headers = Headers::default();
    loop {
        match read_line_capped(r, line, MAX_LINE) {
            Ok(Some(0)) => {
                fail(
                    sink,
                    "truncated record: the file ends inside the WARC headers".into(),
                );
                return Step::Stop;
            }
            Ok(Some(_)) => {
                let l = trim_eol(line);
                if l.is_empty() {
                    break;
                }
                if is_version_line(l) {
                    fail(
                        sink,
                        "corrupt record: headers run into the next record".into(),
                    );
                    return Step::ResumeAt(line.clone());
                }
                let text = String::from_utf8_lossy(l);
                match text.split_once(':') {
                    Some((k, v)) => headers
                        .fields
                        .push((k.trim().to_string(), v.trim().to_string())),
                    None => {
                        fail(
                            sink,
                            format!(
                                "corrupt record: malformed header line {:?}",
                                text.chars().take(60).collect::<String>()
                            ),
                        );
                        return Step::Resync;
                    }
                }
            }
            Ok(None) => {
                fail(sink, "corrupt record: an over-long header line".into());
                return Step::Resync;
            }
            Err(e) => {
                fail(sink, format!("cannot read the file further: {e}"));
                return Step::Stop;
            }
        }
    }
    let Some(len) = headers
        .get("Content-Length")
        .and_then(|v| v.parse::<u64>().ok())
    else {
        fail(
            sink,
            "corrupt record: missing or invalid Content-Length".into(),
        );
        return Step::Resync;
    };
    let wanted = matches!(
        headers
            .get("WARC-Type")
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("response" | "resource")
    );
    let body = if wanted && len <= opts.max_doc_bytes as u64 {
        let mut body = Vec::with_capacity(len as usize);
        match r.by_ref().take(len).read_to_end(&mut body) {
            Ok(n) if n as u64 == len => Some(body),
            Ok(n) => {
                fail(
                    sink,
                    format!("truncated record: the file ends {n} bytes into a {len}-byte record"),
                );
                return Step::Stop;
            }
            Err(e) => {
                fail(sink, format!("cannot read the file further: {e}"));
                return Step::Stop;
            }
        }
    } else {
        match io::copy(&mut r.by_ref().take(len), &mut io::sink()) {
            Ok(n) if n == len => None,
            Ok(n) => {
                fail(
                    sink,
                    format!("truncated record: the file ends {n} bytes into a {len}-byte record"),
                );
                return Step::Stop;
            }
            Err(e) => {
                fail(sink, format!("cannot read the file further: {e}"));
                return Step::Stop;
            }
        }
    };
    // the record must end with a blank line: otherwise its length is wrong
    match read_line_capped(r, line, MAX_LINE) {
        Ok(Some(0)) => {}
        Ok(Some(_)) if trim_eol(line).is_empty() => {}
        Ok(_) => {
            fail(
                sink,
                "corrupt record: the body does not end where its Content-Length says; skipped"
                    .into(),
            );
            return if is_version_line(line) {
                Step::ResumeAt(line.clone())
            } else {
                Step::Resync
            };
        }
        Err(e) => {
            fail(sink, format!("cannot read the file further: {e}"));
            return Step::Stop;
        }
    }
    if wanted && body.is_none() {
        fail(
            sink,
            format!(
                "record is {len} bytes, over the {} byte limit (--max-doc-bytes)",
                opts.max_doc_bytes
            ),
        );
        return Step::Next;
    }
    if let Some(body) = body {
        if let Some(item) = record_document(at, &headers, &body, opts) {
            sink(item);
        }
    }
    Step::Next
}

/// An HTTP response split into status, headers and (decoded) payload.
struct HttpResponse {
    status: u16,
    content_type: Option<String>,
    payload: Vec<u8>,
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// What [`parse_http`] says when a compressed payload inflates past the limit.
const PAYLOAD_TOO_LARGE: &str = "payload too large";

/// Parse the HTTP message held by a `response` record; a compressed payload
/// is inflated up to `limit` bytes and no further.
fn parse_http(block: &[u8], limit: usize) -> Result<HttpResponse, String> {
    let (head_end, body_start) = match find(block, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match find(block, b"\n\n") {
            Some(i) => (i, i + 2),
            None => return Err("HTTP response without a blank line after its headers".into()),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    if !status_line.starts_with("HTTP/") {
        return Err(format!(
            "not an HTTP response (starts {:?})",
            status_line.chars().take(30).collect::<String>()
        ));
    }
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad HTTP status line {status_line:?}"))?;
    let mut content_type = None;
    let mut chunked = false;
    let mut encoding = None;
    for l in lines {
        let Some((k, v)) = l.split_once(':') else {
            continue;
        };
        let (k, v) = (k.trim().to_ascii_lowercase(), v.trim());
        match k.as_str() {
            "content-type" => content_type = Some(v.to_string()),
            "transfer-encoding" => chunked = v.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => encoding = Some(v.to_ascii_lowercase()),
            _ => {}
        }
    }
    let mut payload = block[body_start..].to_vec();
    if chunked {
        // Crawlers often store the payload as sent; some de-chunk it but keep the header.
        if let Some(p) = dechunk(&payload) {
            payload = p;
        }
    }
    match encoding.as_deref() {
        None | Some("identity") | Some("") => {}
        Some("gzip" | "x-gzip") => {
            payload = read_capped(flate2::read::MultiGzDecoder::new(&payload[..]), limit)
                .map_err(|e| format!("cannot gunzip the HTTP payload: {e}"))?
                .ok_or_else(|| PAYLOAD_TOO_LARGE.to_string())?;
        }
        Some("deflate") => {
            let inflated = read_capped(flate2::read::ZlibDecoder::new(&payload[..]), limit)
                .or_else(|_| read_capped(flate2::read::DeflateDecoder::new(&payload[..]), limit))
                .map_err(|e| format!("cannot inflate the HTTP payload: {e}"))?;
            payload = inflated.ok_or_else(|| PAYLOAD_TOO_LARGE.to_string())?;
        }
        Some(other) => return Err(format!("unsupported HTTP Content-Encoding {other:?}")),
    }
    Ok(HttpResponse {
        status,
        content_type,
        payload,
    })
}

/// Undo chunked transfer encoding; `None` when the data is not chunked.
fn dechunk(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        let eol = pos + find(&data[pos..], b"\r\n")?;
        let size_str = std::str::from_utf8(&data[pos..eol]).ok()?;
        let size_str = size_str.split(';').next()?.trim();
        let size = usize::from_str_radix(size_str, 16).ok()?;
        pos = eol + 2;
        if size == 0 {
            return Some(out);
        }
        let chunk = data.get(pos..pos + size)?;
        out.extend_from_slice(chunk);
        pos += size;
        if data.get(pos..pos + 2) == Some(b"\r\n") {
            pos += 2;
        }
    }
}

fn is_html_type(content_type: Option<&str>, payload: &[u8]) -> bool {
    match content_type {
        Some(ct) => {
            let ct = ct.to_ascii_lowercase();
            ct.contains("html")
        }
        None => {
            let head = &payload[..payload.len().min(512)];
            let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
            lower.contains("<html") || lower.contains("<!doctype html")
        }
    }
}

/// The document of an HTML record; `None` for records that are not pages.
fn record_document(at: &str, headers: &Headers, block: &[u8], opts: &ReadOptions) -> Option<Item> {
    let kind = headers.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
    let uri = headers
        .get("WARC-Target-URI")
        .map(|u| u.trim_matches(['<', '>']).to_string());
    let (content_type, payload) = if kind == "response" {
        let is_http = headers
            .get("Content-Type")
            .is_none_or(|ct| ct.to_ascii_lowercase().contains("http"));
        if !is_http {
            return None; // e.g. a DNS response
        }
        match parse_http(block, opts.max_doc_bytes) {
            Ok(h) if (200..300).contains(&h.status) => (h.content_type, h.payload),
            Ok(_) => return None, // redirects, errors: no page
            Err(e) if e == PAYLOAD_TOO_LARGE => {
                let mut e = too_large(at, opts.max_doc_bytes);
                e.doc_id = uri;
                return Some(Err(e));
            }
            Err(e) => {
                return Some(Err(DocError {
                    origin: at.to_string(),
                    doc_id: uri,
                    message: format!("corrupt record: {e}"),
                }))
            }
        }
    } else {
        (
            headers.get("Content-Type").map(str::to_string),
            block.to_vec(),
        )
    };
    if !is_html_type(content_type.as_deref(), &payload) {
        return None;
    }
    let html = crate::charset::decode_html(&payload, content_type.as_deref());
    let id = uri
        .clone()
        .or_else(|| headers.get("WARC-Record-ID").map(str::to_string))
        .unwrap_or_else(|| at.to_string());
    let mut doc = match html_document(at, &id, &html, uri.as_deref(), opts) {
        Ok(d) => d,
        Err(e) => return Some(Err(e)),
    };
    // The page's own publication date is best; the capture date comes next.
    if doc.date_source != DateSource::Metadata {
        if let Some(d) = headers.get("WARC-Date").and_then(warc_date) {
            doc.date = Some(d);
            doc.date_source = DateSource::Record;
        }
    }
    if let Some(u) = &uri {
        doc.url = Some(u.clone());
    }
    if doc.outlet.is_none() {
        doc.outlet = uri.as_deref().and_then(url_host);
    }
    Some(Ok(doc))
}

/// The day of a WARC-Date (`2020-10-10T12:00:00Z`).
fn warc_date(v: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_payloads() {
        let chunked = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>ab\r\n3\r\nc</\r\n2\r\np>\r\n0\r\n\r\n";
        let h = parse_http(chunked, 1 << 20).unwrap();
        assert_eq!(h.status, 200);
        assert_eq!(h.payload, b"<p>abc</p>");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, b"<p>zipped</p>").unwrap();
        let mut msg = b"HTTP/1.0 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        msg.extend(gz.finish().unwrap());
        assert_eq!(parse_http(&msg, 1 << 20).unwrap().payload, b"<p>zipped</p>");
        assert_eq!(
            parse_http(b"HTTP/1.1 301 Moved\r\n\r\n", 1 << 20)
                .unwrap()
                .status,
            301
        );
        assert!(parse_http(b"garbage", 1 << 20).is_err());
        assert_eq!(
            warc_date("2020-10-10T12:00:00Z"),
            chrono::NaiveDate::from_ymd_opt(2020, 10, 10)
        );
    }
}

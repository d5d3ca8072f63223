//! WARC, RSS and Atom input, built in a temporary directory.

use sitrep_ingest::{read_inputs, Item, ReadOptions};
use sitrep_model::{DateSource, DocError, Document};
use std::io::Write;
use std::path::{Path, PathBuf};

fn read(paths: &[PathBuf]) -> (Vec<Document>, Vec<DocError>) {
    let mut docs = Vec::new();
    let mut errs = Vec::new();
    read_inputs(paths, &ReadOptions::new(), &mut |it: Item| match it {
        Ok(d) => docs.push(d),
        Err(e) => errs.push(e),
    });
    (docs, errs)
}

fn date(y: i32, m: u32, d: u32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
}

fn page(headline: &str, body: &str, meta_date: Option<&str>) -> String {
    let meta = meta_date
        .map(|d| format!(r#"<meta property="article:published_time" content="{d}">"#))
        .unwrap_or_default();
    format!(
        r#"<!doctype html><html lang="en"><head><title>{headline}</title>{meta}
<meta property="og:site_name" content="Test Wire"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{headline}</h1><p>{body}</p>
<p>Officials from both sides spoke to reporters after the meeting, which lasted several hours and ended late in the evening.</p></article>
<footer><p>Copyright 2020 Test Wire. All rights reserved.</p></footer></body></html>"#
    )
}

/// One WARC record; `length` overrides the true Content-Length (to corrupt it).
fn record(
    kind: &str,
    uri: &str,
    date: &str,
    content_type: &str,
    block: &[u8],
    length: Option<&str>,
) -> Vec<u8> {
    let mut r = Vec::new();
    let len = length
        .map(str::to_string)
        .unwrap_or(block.len().to_string());
    write!(
        r,
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nWARC-Date: {date}\r\n\
         WARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {len}\r\n\r\n"
    )
    .unwrap();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(status: &str, headers: &str, payload: &[u8]) -> Vec<u8> {
    let mut v = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    v.extend_from_slice(payload);
    v
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}

const HTTP_MSG: &str = "application/http; msgtype=response";

/// Records, each as its own bytes (so a .warc.gz can gzip them one by one).
fn warc_records() -> Vec<Vec<u8>> {
    let a = page(
        "Ceasefire agreed in Moscow",
        "Armenia and Azerbaijan agreed to a ceasefire on Saturday after talks in Moscow hosted by Russia's foreign minister.",
        Some("2020-10-10T04:00:00+03:00"),
    );
    let b = page(
        "Shelling resumes near Stepanakert",
        "Shelling resumed near Stepanakert on Sunday, hours after the truce was meant to take effect, residents said.",
        None,
    );
    // chunked and gzipped, as a crawler stores what the server sent
    let gz = gzip(b.as_bytes());
    let mut chunked = format!("{:x}\r\n", 100).into_bytes();
    chunked.extend_from_slice(&gz[..100]);
    chunked.extend_from_slice(format!("\r\n{:x}\r\n", gz.len() - 100).as_bytes());
    chunked.extend_from_slice(&gz[100..]);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let c = page(
        "Talks to continue in Geneva",
        "Negotiators will meet again in Geneva next week to discuss the monitoring of the ceasefire line, diplomats said.",
        None,
    );
    vec![
        record("warcinfo", "", "2020-10-12T00:00:00Z", "application/warc-fields", b"software: test\r\n", None),
        record("request", "https://news.test/2020/a", "2020-10-12T10:00:00Z", "application/http; msgtype=request", b"GET /2020/a HTTP/1.1\r\nHost: news.test\r\n\r\n", None),
        record("response", "https://news.test/2020/a", "2020-10-12T10:00:01Z", HTTP_MSG,
            &http("200 OK", "Content-Type: text/html; charset=utf-8\r\n", a.as_bytes()), None),
        // corrupt: the Content-Length is not a number
        record("response", "https://news.test/bad-length", "2020-10-12T10:00:02Z", HTTP_MSG,
            &http("200 OK", "Content-Type: text/html\r\n", b"<p>lost</p>\r\nmore lines\r\n"), Some("12x")),
        record("response", "https://news.test/missing", "2020-10-12T10:00:03Z", HTTP_MSG,
            &http("404 Not Found", "Content-Type: text/html\r\n", b"<p>Not found</p>"), None),
        record("response", "https://news.test/logo.png", "2020-10-12T10:00:04Z", HTTP_MSG,
            &http("200 OK", "Content-Type: image/png\r\n", b"\x89PNG\r\n\x1a\n\x00\x00"), None),
        record("response", "https://news.test/b", "2020-10-13T08:30:00Z", HTTP_MSG,
            &http("200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", &chunked), None),
        // corrupt: the Content-Length is shorter than the block
        record("response", "https://news.test/short", "2020-10-12T10:00:05Z", HTTP_MSG,
            &http("200 OK", "Content-Type: text/html\r\n", b"<p>this body is longer than its record says</p>"), Some("30")),
        record("resource", "https://news.test/c", "2020-10-14T09:00:00Z", "text/html", c.as_bytes(), None),
    ]
}

fn check_warc(path: &Path) {
    let (docs, errs) = read(&[path.to_path_buf()]);
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "https://news.test/2020/a",
            "https://news.test/b",
            "https://news.test/c"
        ],
        "{errs:?}"
    );
    let a = &docs[0];
    assert_eq!(a.url.as_deref(), Some("https://news.test/2020/a"));
    assert_eq!(a.title.as_deref(), Some("Ceasefire agreed in Moscow"));
    assert_eq!(
        a.date,
        date(2020, 10, 10),
        "the page's own date beats the capture date"
    );
    assert_eq!(a.date_source, DateSource::Metadata);
    assert_eq!(a.outlet.as_deref(), Some("Test Wire"));
    assert!(
        a.text.contains("agreed to a ceasefire on Saturday"),
        "{}",
        a.text
    );
    assert!(
        !a.text.contains("Copyright") && !a.text.contains("Home"),
        "{}",
        a.text
    );
    let b = &docs[1];
    assert!(
        b.text.contains("Shelling resumed near Stepanakert"),
        "{}",
        b.text
    );
    assert_eq!(
        b.date,
        date(2020, 10, 13),
        "WARC-Date when the page has no date"
    );
    assert_eq!(b.date_source, DateSource::Record);
    assert!(docs[2].text.contains("Negotiators will meet again"));
    assert_eq!(docs[2].date, date(2020, 10, 14));

    assert_eq!(errs.len(), 2, "{errs:?}");
    let name = path.display().to_string();
    assert_eq!(errs[0].origin, format!("{name}#4"), "{errs:?}");
    assert!(
        errs[0].message.contains("Content-Length"),
        "{}",
        errs[0].message
    );
    assert!(
        errs[1]
            .message
            .contains("does not end where its Content-Length says"),
        "{}",
        errs[1].message
    );
}

#[test]
fn warc_records_corrupt_one_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let recs = warc_records();
    let plain = dir.path().join("crawl.warc");
    std::fs::write(&plain, recs.concat()).unwrap();
    check_warc(&plain);

    // the usual .warc.gz: one gzip member per record
    let gz = dir.path().join("crawl.warc.gz");
    let members: Vec<u8> = recs.iter().flat_map(|r| gzip(r)).collect();
    std::fs::write(&gz, &members).unwrap();
    check_warc(&gz);

    // a truncated .warc.gz: what was read is kept, the end is reported once
    let cut = dir.path().join("cut.warc.gz");
    let keep: usize = recs[..3].iter().map(|r| gzip(r).len()).sum::<usize>() + 40;
    std::fs::write(&cut, &members[..keep]).unwrap();
    let (docs, errs) = read(&[cut]);
    assert_eq!(docs.len(), 1, "{errs:?}");
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].message.contains("cannot read") || errs[0].message.contains("truncated"),
        "{}",
        errs[0].message
    );
}

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Caucasus Wire</title><link>https://wire.test/</link><description>News</description>
<item>
  <title>Ceasefire agreed in Moscow</title>
  <link>https://wire.test/2020/10/10/ceasefire</link>
  <guid>https://wire.test/2020/10/10/ceasefire</guid>
  <pubDate>Sat, 10 Oct 2020 04:00:00 GMT</pubDate>
  <description>Short summary.</description>
  <content:encoded><![CDATA[<p>Armenia and Azerbaijan agreed to a ceasefire on Saturday.</p><div class="share-buttons"><p>Share on Facebook</p></div><p>The truce is meant to allow the exchange of prisoners.</p>]]></content:encoded>
</item>
<item>
  <title>Talks to continue</title>
  <link>https://wire.test/talks</link>
  <pubDate>Mon, 12 Oct 2020 09:15:00 +0000</pubDate>
  <description>Negotiators will meet again in Geneva next week, diplomats said.</description>
</item>
<item>
  <title>Empty item</title>
  <link>https://wire.test/empty</link>
</item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Border Monitor</title>
  <id>urn:uuid:feed</id>
  <updated>2020-10-13T12:00:00Z</updated>
  <entry>
    <title>Shelling resumes near Stepanakert</title>
    <id>urn:uuid:entry-1</id>
    <link rel="alternate" href="https://monitor.test/shelling"/>
    <published>2020-10-11T06:00:00Z</published>
    <updated>2020-10-11T08:00:00Z</updated>
    <summary>Shelling resumed.</summary>
    <content type="html">&lt;p&gt;Shelling resumed near Stepanakert on Sunday, residents said.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Monitors deployed</title>
    <id>urn:uuid:entry-2</id>
    <link href="https://monitor.test/monitors"/>
    <updated>2020-10-13T11:00:00Z</updated>
    <summary type="text">Monitors were deployed along the line of contact.</summary>
  </entry>
</feed>"#;

#[test]
fn rss_and_atom_items_become_documents() {
    let dir = tempfile::tempdir().unwrap();
    let rss = dir.path().join("wire.rss");
    std::fs::write(&rss, RSS).unwrap();
    let atom = dir.path().join("monitor.xml"); // sniffed: .xml holding a feed
    std::fs::write(&atom, ATOM).unwrap();
    let atom_gz = dir.path().join("monitor.atom.gz");
    std::fs::write(&atom_gz, gzip(ATOM.as_bytes())).unwrap();
    let not_feed = dir.path().join("sitemap.xml");
    std::fs::write(
        &not_feed,
        r#"<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>"#,
    )
    .unwrap();

    let (docs, errs) = read(std::slice::from_ref(&rss));
    assert_eq!(docs.len(), 2, "{errs:?}");
    let d = &docs[0];
    assert_eq!(d.id, "https://wire.test/2020/10/10/ceasefire");
    assert_eq!(
        d.url.as_deref(),
        Some("https://wire.test/2020/10/10/ceasefire")
    );
    assert_eq!(d.title.as_deref(), Some("Ceasefire agreed in Moscow"));
    assert_eq!(d.date, date(2020, 10, 10));
    assert_eq!(d.date_source, DateSource::Record);
    assert_eq!(d.outlet.as_deref(), Some("Caucasus Wire"));
    assert!(
        d.text.starts_with("Ceasefire agreed in Moscow\n\n"),
        "{}",
        d.text
    );
    assert!(
        d.text
            .contains("agreed to a ceasefire on Saturday.\n\nThe truce"),
        "{}",
        d.text
    );
    assert!(
        !d.text.contains("Share on Facebook") && !d.text.contains("Short summary"),
        "{}",
        d.text
    );
    let t = &docs[1];
    assert!(
        t.text.contains("meet again in Geneva"),
        "summary used without content: {}",
        t.text
    );
    assert_eq!(t.date, date(2020, 10, 12));
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].origin.ends_with("wire.rss#3")
            && errs[0].message.contains("neither content nor summary"),
        "{errs:?}"
    );

    for path in [&atom, &atom_gz] {
        let (docs, errs) = read(std::slice::from_ref(path));
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "urn:uuid:entry-1");
        assert_eq!(
            docs[0].url.as_deref(),
            Some("https://monitor.test/shelling")
        );
        assert_eq!(docs[0].date, date(2020, 10, 11), "published, not updated");
        assert_eq!(docs[0].outlet.as_deref(), Some("Border Monitor"));
        assert!(docs[0]
            .text
            .contains("Shelling resumed near Stepanakert on Sunday"));
        assert!(!docs[0].text.contains("<p>"));
        assert_eq!(
            docs[1].date,
            date(2020, 10, 13),
            "updated when not published"
        );
        assert!(docs[1].text.contains("Monitors were deployed"));
    }

    let (docs, errs) = read(&[not_feed]);
    assert!(docs.is_empty());
    assert!(
        errs[0].message.contains("not an RSS or Atom feed"),
        "{errs:?}"
    );
}

#[test]
fn jsonl_field_names_still_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("dump.jsonl.gz");
    let line = r#"{"doc_id":"x1","body":"Troops withdrew from the village on Monday.","published":"2020-11-02"}"#;
    std::fs::write(&p, gzip(format!("{line}\n{{broken\n").as_bytes())).unwrap();
    let mut opts = ReadOptions::new();
    opts.fields.id = "doc_id".into();
    opts.fields.text = "body".into();
    opts.fields.date = "published".into();
    let mut docs = Vec::new();
    let mut errs = Vec::new();
    read_inputs(std::slice::from_ref(&p), &opts, &mut |it| match it {
        Ok(d) => docs.push(d),
        Err(e) => errs.push(e),
    });
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].id, "x1");
    assert_eq!(docs[0].date, date(2020, 11, 2));
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].origin, format!("{}:2", p.display()));
}

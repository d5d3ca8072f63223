//! The fuzz targets: each reads arbitrary bytes the way sitrep reads
//! untrusted input, and must neither panic nor hang.

use sitrep_ingest::{read_stream, Format, Item, ReadOptions};
use std::io::Write;
use std::sync::OnceLock;

/// A target: its name, its seed inputs and the function under test.
pub struct Target {
    pub name: &'static str,
    pub seeds: fn() -> Vec<Vec<u8>>,
    pub run: fn(&[u8]),
}

/// Every target, in the order the CI step runs them.
pub const ALL: &[Target] = &[
    Target {
        name: "jsonl",
        seeds: jsonl_seeds,
        run: jsonl,
    },
    Target {
        name: "html",
        seeds: html_seeds,
        run: html,
    },
    Target {
        name: "warc",
        seeds: warc_seeds,
        run: warc,
    },
    Target {
        name: "feed",
        seeds: feed_seeds,
        run: feed,
    },
    Target {
        name: "gzip",
        seeds: gzip_seeds,
        run: gzip,
    },
    Target {
        name: "clean",
        seeds: text_seeds,
        run: clean,
    },
    Target {
        name: "segment",
        seeds: text_seeds,
        run: segment,
    },
    Target {
        name: "time",
        seeds: text_seeds,
        run: time,
    },
    Target {
        name: "numbers",
        seeds: text_seeds,
        run: numbers,
    },
    Target {
        name: "annotate",
        seeds: text_seeds,
        run: annotate,
    },
];

/// Options with a small document limit, so that a mutant that grows an
/// input is also a test of the limit.
fn opts() -> ReadOptions {
    let mut o = ReadOptions::new();
    o.max_doc_bytes = 32 * 1024;
    o.default_date = chrono::NaiveDate::from_ymd_opt(2020, 10, 10);
    o
}

fn read(format: Option<Format>, data: &[u8]) {
    let mut n = 0usize;
    read_stream(
        "fuzz",
        "fuzz",
        format,
        Box::new(data),
        &opts(),
        &mut |it: Item| {
            if let Ok(d) = it {
                // what a reader hands on must be usable text
                n += d.text.len();
            }
        },
    );
    std::hint::black_box(n);
}

const ARTICLE: &str =
    "Armenia and Azerbaijan agreed to a ceasefire on Saturday after talks in Moscow.\n\
Azerbaijani forces shelled Stepanakert on Monday, killing at least 12 civilians, officials said.\n\
The death toll rose to 1,121, including 865 Palestinians and 234 Israelis.\n\
Published: 10 October 2020\n";

fn text_seeds() -> Vec<Vec<u8>> {
    vec![
        ARTICLE.as_bytes().to_vec(),
        b"BAGHDAD (Reuters) - Dozens of people were killed on Tuesday when a car bomb exploded, police said. Mr. Smith, 45, said the U.S. would respond \"within days\".".to_vec(),
        b"Home | World | Europe\nShare this article\nTroops withdrew from the border last week; about 300 soldiers and 12 tanks left by 31 December 1999.\n".to_vec(),
    ]
}

fn jsonl_seeds() -> Vec<Vec<u8>> {
    vec![
        br#"{"id":"a","url":"https://x.test/2020/10/12/y","title":"T","date":"2020-10-12","text":"Armenia said so."}
{"id":2,"html":"<p>Troops shelled the town.</p>","date":1602288000}
{"text":"Body.","date":null}
"#
        .to_vec(),
        b"\xEF\xBB\xBF{\"id\":\"b\",\"text\":\"Troops shelled the town.\"}\n".to_vec(),
    ]
}

fn html_seeds() -> Vec<Vec<u8>> {
    vec![
        br#"<!doctype html><html lang="en"><head><title>Ceasefire | News</title>
<meta property="article:published_time" content="2020-10-10T04:00:00+03:00">
<script type="application/ld+json">{"headline":"Ceasefire agreed","datePublished":"2020-10-10"}</script></head>
<body><nav><a href="/">Home</a></nav><article><h1>Ceasefire agreed</h1>
<p>Armenia and Azerbaijan agreed to a ceasefire on Saturday after talks in Moscow hosted by Russia.</p>
<p>The truce is meant to allow the exchange of prisoners and the bodies of the dead, the ministers said.</p>
</article><footer><p>Copyright 2020</p></footer></body></html>"#
            .to_vec(),
        b"<div><div><table><tr><td><p>Troops shelled the town.<li>one<li>two</table></div>".to_vec(),
    ]
}

fn warc_record(kind: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: https://x.test/2020/10/10/a\r\nWARC-Date: 2020-10-10T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = e.write_all(data);
    e.finish().unwrap_or_default()
}

fn warc_seeds() -> Vec<Vec<u8>> {
    let page = html_seeds().remove(0);
    let mut plain = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    plain.extend_from_slice(&page);
    let mut zipped =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    zipped.extend_from_slice(&gz(&page));
    let chunked = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n1a\r\n<p>Troops shelled a town.</p>\r\n0\r\n\r\n".to_vec();
    let mut all = warc_record("response", &plain);
    all.extend(warc_record("response", &zipped));
    all.extend(warc_record("request", b"GET / HTTP/1.1\r\n\r\n"));
    vec![all, warc_record("response", &chunked)]
}

fn feed_seeds() -> Vec<Vec<u8>> {
    vec![
        br#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Ceasefire agreed</title><link>https://wire.test/a</link><pubDate>Sat, 10 Oct 2020 04:00:00 GMT</pubDate>
<description>&lt;p&gt;Armenia and Azerbaijan agreed to a ceasefire.&lt;/p&gt;</description></item></channel></rss>"#
            .to_vec(),
        br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>W</title><entry><title>T</title><link href="https://w.test/b"/><updated>2020-10-10T00:00:00Z</updated><content type="html">&lt;p&gt;Troops shelled the town.&lt;/p&gt;</content></entry></feed>"#
            .to_vec(),
    ]
}

fn gzip_seeds() -> Vec<Vec<u8>> {
    let mut members = gz(ARTICLE.as_bytes());
    members.extend(gz(
        b"{\"id\":\"x\",\"text\":\"Troops shelled the town.\"}\n",
    ));
    vec![gz(ARTICLE.as_bytes()), members, gz(&vec![0u8; 200_000])]
}

/// The JSONL reader.
pub fn jsonl(data: &[u8]) {
    read(Some(Format::Jsonl), data);
}

/// HTML extraction, through the reader (charset decoding included).
pub fn html(data: &[u8]) {
    read(Some(Format::Html), data);
}

/// The WARC reader (HTTP parsing, de-chunking, payload inflation).
pub fn warc(data: &[u8]) {
    read(Some(Format::Warc), data);
}

/// RSS and Atom feeds.
pub fn feed(data: &[u8]) {
    read(Some(Format::Feed), data);
}

/// Gzip input of unknown type, decompressed as `sitrep` opens `.gz` files.
pub fn gzip(data: &[u8]) {
    let mut n = 0usize;
    let r = Box::new(flate2::read::MultiGzDecoder::new(data));
    read_stream("fuzz.gz", "fuzz", None, r, &opts(), &mut |it: Item| {
        if it.is_ok() {
            n += 1;
        }
    });
    std::hint::black_box(n);
}

fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// The text cleaner.
pub fn clean(data: &[u8]) {
    let text = text_of(data);
    let c = sitrep_text::clean(&text);
    for &(s, e) in &c.kept {
        assert!(s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
    }
    std::hint::black_box(c.clean_text(&text));
}

/// The sentence segmenter, over what the cleaner kept.
pub fn segment(data: &[u8]) {
    let text = text_of(data);
    let c = sitrep_text::clean(&text);
    for s in sitrep_text::segment(&text, &c.kept) {
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "sentence out of the text"
        );
        std::hint::black_box(&text[s.start..s.end]);
    }
}

/// The time-expression tagger, on every sentence.
pub fn time(data: &[u8]) {
    let text = text_of(data);
    let c = sitrep_text::clean(&text);
    let date = chrono::NaiveDate::from_ymd_opt(2020, 10, 10);
    for s in sitrep_text::segment(&text, &c.kept) {
        std::hint::black_box(sitrep_time::tag(&text, &s, date));
    }
}

/// The number readers (cardinals, vague quantities) at every token.
pub fn numbers(data: &[u8]) {
    let text = text_of(data);
    let c = sitrep_text::clean(&text);
    for s in sitrep_text::segment(&text, &c.kept) {
        let tokens = sitrep_text::tokenize(&text, s.start, s.end);
        for i in 0..tokens.len() {
            if let Some((_, used)) = sitrep_time::numbers::cardinal_at(&tokens, i) {
                assert!(
                    used >= 1 && i + used <= tokens.len(),
                    "cardinal past the tokens"
                );
            }
            std::hint::black_box(sitrep_time::numbers::vague_at(&tokens, i));
        }
    }
}

fn pipeline() -> &'static sitrep_pipeline::Pipeline {
    static P: OnceLock<sitrep_pipeline::Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        let cfg = sitrep_pipeline::Config {
            no_places: true,
            ..Default::default()
        };
        sitrep_pipeline::Pipeline::new(&cfg).expect("the built-in data loads")
    })
}

/// The whole pipeline on one document; every offset it reports must fall
/// inside the text on character boundaries.
pub fn annotate(data: &[u8]) {
    let text = text_of(data);
    let doc = sitrep_model::Document {
        id: "fuzz".into(),
        text: text.clone(),
        date: chrono::NaiveDate::from_ymd_opt(2020, 10, 10),
        ..Default::default()
    };
    let ann = pipeline().annotate(&doc);
    for e in &ann.events {
        for m in &e.mentions {
            assert!(
                m.end <= ann.text.len()
                    && ann.text.is_char_boundary(m.start)
                    && ann.text.is_char_boundary(m.end)
            );
        }
    }
    for c in &ann.claims {
        assert!(c.mention.end <= ann.text.len(), "claim past the text");
    }
}

//! Hard limits on what one document may cost: the size limit is enforced on
//! decompressed bytes as they are read, so a stream far larger than memory
//! (a gzip bomb) is stopped at the limit, reported by name, and reading goes
//! on with the next input.

use sitrep_ingest::{read_inputs, read_stream, Format, Item, ReadOptions};
use sitrep_model::{DocError, Document};
use std::io::{Read, Write};

fn small_limit() -> ReadOptions {
    let mut o = ReadOptions::new();
    o.max_doc_bytes = 1 << 20;
    o
}

fn collect(run: impl FnOnce(&mut dyn FnMut(Item))) -> (Vec<Document>, Vec<DocError>) {
    let (mut docs, mut errs) = (Vec::new(), Vec::new());
    run(&mut |it: Item| match it {
        Ok(d) => docs.push(d),
        Err(e) => errs.push(e),
    });
    (docs, errs)
}

/// 64 GiB of zeros: reading it whole would never finish (nor fit in memory);
/// a bounded reader stops after the limit.
fn endless() -> Box<dyn Read> {
    Box::new(std::io::repeat(0).take(64 << 30))
}

#[test]
fn endless_text_stream_stops_at_the_limit() {
    for format in [None, Some(Format::Text), Some(Format::Html)] {
        let (docs, errs) =
            collect(|sink| read_stream("bomb", "bomb", format, endless(), &small_limit(), sink));
        assert!(docs.is_empty());
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(
            errs[0].message.starts_with("document too large"),
            "{}",
            errs[0].message
        );
        assert!(errs[0].message.contains("--max-doc-bytes"));
    }
}

#[test]
fn jsonl_over_long_line_is_skipped_and_the_next_line_read() {
    let long = std::io::repeat(b'x').take(50 << 20);
    let rest = &b"\n{\"id\":\"ok\",\"text\":\"Troops shelled the town on Monday.\"}\n"[..];
    let r: Box<dyn Read> = Box::new(
        std::io::Cursor::new(b"{\"text\":\"".to_vec())
            .chain(long)
            .chain(rest),
    );
    let (docs, errs) =
        collect(|sink| read_stream("d.jsonl", "d", Some(Format::Jsonl), r, &small_limit(), sink));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].id, "ok");
    assert_eq!(errs.len(), 1);
    assert!(errs[0].message.starts_with("document too large"));
    assert_eq!(errs[0].origin, "d.jsonl:1");
}

#[test]
fn gzip_bomb_file_is_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("a.gz");
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&bomb).unwrap(),
        flate2::Compression::fast(),
    );
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..8 {
        gz.write_all(&zeros).unwrap();
    }
    gz.finish().unwrap();
    let good = dir.path().join("b.txt");
    std::fs::write(&good, "Troops shelled the town on Monday.\n").unwrap();
    let (docs, errs) = collect(|sink| read_inputs(&[bomb, good], &small_limit(), sink));
    assert_eq!(docs.len(), 1);
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].message.starts_with("document too large"),
        "{}",
        errs[0].message
    );
}

#[test]
fn utf8_bom_in_jsonl_is_accepted() {
    let data = b"\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"Troops shelled the town.\"}\n".to_vec();
    let (docs, errs) = collect(|sink| {
        read_stream(
            "b.jsonl",
            "b",
            Some(Format::Jsonl),
            Box::new(&data[..]),
            &ReadOptions::new(),
            sink,
        )
    });
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(docs[0].id, "a");
    // sniffed as JSONL when the extension says nothing
    let (docs, _) = collect(|sink| {
        read_stream(
            "b",
            "b",
            None,
            Box::new(&data[..]),
            &ReadOptions::new(),
            sink,
        )
    });
    assert_eq!(docs.len(), 1);
}

#[test]
fn utf16_text_is_decoded_not_called_binary() {
    let text = "Troops shelled the town on Monday, officials said.\n";
    let mut le: Vec<u8> = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let be_no_bom: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
    for bytes in [le, be_no_bom] {
        let (docs, errs) = collect(|sink| {
            read_stream(
                "u.txt",
                "u",
                Some(Format::Text),
                Box::new(&bytes[..]),
                &ReadOptions::new(),
                sink,
            )
        });
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(docs[0].text.trim_start_matches('\u{FEFF}'), text);
    }
}

#[test]
fn a_page_over_the_time_budget_is_named_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("a.html");
    std::fs::write(
        &page,
        "<html><body><article><p>Troops shelled the town on Monday, officials said.</p></article></body></html>",
    )
    .unwrap();
    let text = dir.path().join("b.txt");
    std::fs::write(&text, "Troops shelled the town on Monday.\n").unwrap();
    let mut o = ReadOptions::new();
    o.doc_time_budget = Some(std::time::Duration::ZERO);
    let (docs, errs) = collect(|sink| read_inputs(&[page.clone(), text], &o, sink));
    assert_eq!(docs.len(), 1);
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].message.starts_with("time budget exceeded"),
        "{}",
        errs[0].message
    );
    // the default budget is ample for an ordinary page
    let (docs, errs) = collect(|sink| read_inputs(&[page], &ReadOptions::new(), sink));
    assert_eq!((docs.len(), errs.len()), (1, 0));
}

#[test]
fn deeply_nested_page_is_read() {
    let n = 100_000;
    let page = format!(
        "{}<p>Troops shelled the town on Monday, officials said.</p>{}",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let (docs, errs) = collect(|sink| {
        read_stream(
            "d.html",
            "d",
            Some(Format::Html),
            Box::new(page.as_bytes()),
            &ReadOptions::new(),
            sink,
        )
    });
    assert!(errs.is_empty(), "{errs:?}");
    assert!(docs[0].text.contains("Troops shelled the town"));
}

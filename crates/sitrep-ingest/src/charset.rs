//! Turning the bytes of a web page into text.
//!
//! Crawled pages are not all UTF-8. The encoding is taken, in order, from a
//! byte-order mark, the HTTP `Content-Type` header (for WARC responses), a
//! `<meta charset>` or `<meta http-equiv>` declaration near the top, and
//! otherwise guessed from the bytes (valid UTF-8 stays UTF-8).

use encoding_rs::Encoding;

/// The charset named in a `Content-Type` value (`text/html; charset=ISO-8859-1`).
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']))
    })
}

/// The charset declared in the first few kilobytes of an HTML page.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let at = from + pos + b"charset".len();
        from = at;
        let rest = &head[at..];
        let rest = trim_start(rest);
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = trim_start(rest);
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/' | b' ' | b'\t' | b'\n'))
            .unwrap_or(rest.len());
        if let Some(enc) = Encoding::for_label(&rest[..end]) {
            return Some(enc);
        }
    }
    None
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decode an HTML page. `content_type` is the HTTP header, when known.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> String {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let declared = content_type
        .and_then(charset_param)
        .and_then(|c| Encoding::for_label(c.as_bytes()))
        .or_else(|| meta_charset(bytes));
    // A page that is valid UTF-8 is UTF-8 whatever it claims: many pages
    // declare Latin-1 and are in fact UTF-8, the reverse hardly ever happens.
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let enc = declared
        .filter(|e| *e != encoding_rs::UTF_8)
        .unwrap_or_else(|| {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            det.guess(None, chardetng::Utf8Detection::Allow)
        });
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_and_guessed_encodings() {
        let latin1 = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        assert!(decode_html(latin1, None).contains("café"));
        let header = b"<p>na\xefve r\xe9sum\xe9</p>";
        assert!(
            decode_html(header, Some("text/html; charset=windows-1252")).contains("naïve résumé")
        );
        // no declaration: guessed
        let cp1251 = encoding_rs::WINDOWS_1251
            .encode("<p>Москва и Ереван подписали соглашение о перемирии</p>")
            .0;
        assert!(decode_html(&cp1251, None).contains("Ереван"));
        // valid UTF-8 wins over a wrong declaration
        let utf8 = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>café</p>";
        assert!(decode_html(utf8.as_bytes(), None).contains("café"));
        assert_eq!(charset_param("text/html; charset=\"UTF-8\""), Some("UTF-8"));
    }
}

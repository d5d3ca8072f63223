//! Measuring main-text extraction against a ground truth.
//!
//! The data set layout is the public article-extraction benchmark's:
//! `ground-truth.json` maps a page id to `{"articleBody", "url"}` and the
//! page itself is `html/<id>.html.gz` (or `.html`).
//!
//! The score is the benchmark's too. Both texts are split into `\w+`
//! tokens; the 4-token shingles of each are counted as multisets and
//! compared, giving true positives (shingles in both), false positives (only
//! extracted) and false negatives (only in the truth). Each page's three
//! counts are normalised to sum to one so long pages weigh no more than
//! short ones; precision and recall come from the normalised counts summed
//! over pages, and F1 from those two. The plain per-page averages of
//! precision and recall are reported as well.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// One page of an extraction data set.
#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub url: Option<String>,
    pub html: String,
    pub truth: String,
}

/// The score of one page.
#[derive(Debug, Clone)]
pub struct PageScore {
    pub id: String,
    pub url: Option<String>,
    /// Normalised true positives, false positives and false negatives (summing to 1, or all 0).
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
}

impl PageScore {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

/// Scores over a data set.
#[derive(Debug, Clone)]
pub struct Report {
    pub pages: Vec<PageScore>,
    /// Benchmark precision: summed normalised TP over summed normalised TP + FP.
    pub precision: f64,
    /// Benchmark recall: summed normalised TP over summed normalised TP + FN.
    pub recall: f64,
    /// F1 of `precision` and `recall`.
    pub f1: f64,
    /// Mean of per-page precision.
    pub mean_precision: f64,
    /// Mean of per-page recall.
    pub mean_recall: f64,
}

impl Report {
    /// The pages with the lowest F1, worst first.
    pub fn worst(&self, n: usize) -> Vec<&PageScore> {
        let mut v: Vec<&PageScore> = self.pages.iter().collect();
        v.sort_by(|a, b| a.f1().total_cmp(&b.f1()).then_with(|| a.id.cmp(&b.id)));
        v.truncate(n);
        v
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

fn f1(p: f64, r: f64) -> f64 {
    ratio(2.0 * p * r, p + r)
}

/// The `\w+` tokens of a text: runs of letters, digits and `_`.
pub fn word_tokens(text: &str) -> Vec<&str> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// The multiset of `n`-token shingles of a text. A text shorter than `n`
/// tokens has one shingle of all its tokens; an empty text has none.
fn shingles(text: &str, n: usize) -> HashMap<String, usize> {
    let toks = word_tokens(text);
    let mut m = HashMap::new();
    if toks.is_empty() {
        return m;
    }
    if toks.len() < n {
        m.insert(toks.join(" "), 1);
        return m;
    }
    for w in toks.windows(n) {
        *m.entry(w.join(" ")).or_insert(0) += 1;
    }
    m
}

/// Normalised (TP, FP, FN) of an extracted text against the truth.
pub fn shingle_match(truth: &str, extracted: &str) -> (f64, f64, f64) {
    let t = shingles(truth, 4);
    let e = shingles(extracted, 4);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (k, &tc) in &t {
        let ec = e.get(k).copied().unwrap_or(0);
        tp += tc.min(ec);
        fn_ += tc.saturating_sub(ec);
    }
    for (k, &ec) in &e {
        let tc = t.get(k).copied().unwrap_or(0);
        fp += ec.saturating_sub(tc);
    }
    let s = (tp + fp + fn_) as f64;
    if s == 0.0 {
        return (0.0, 0.0, 0.0);
    }
    (tp as f64 / s, fp as f64 / s, fn_ as f64 / s)
}

/// Score extracted texts (in page order) against their pages.
pub fn score<S: AsRef<str>>(pages: &[Page], extracted: &[S]) -> Report {
    assert_eq!(pages.len(), extracted.len(), "one extracted text per page");
    let scores: Vec<PageScore> = pages
        .iter()
        .zip(extracted)
        .map(|(p, e)| {
            let (tp, fp, fn_) = shingle_match(&p.truth, e.as_ref());
            PageScore {
                id: p.id.clone(),
                url: p.url.clone(),
                tp,
                fp,
                fn_,
            }
        })
        .collect();
    let (tp, fp, fn_) = scores.iter().fold((0.0, 0.0, 0.0), |a, s| {
        (a.0 + s.tp, a.1 + s.fp, a.2 + s.fn_)
    });
    let n = scores.len().max(1) as f64;
    let precision = ratio(tp, tp + fp);
    let recall = ratio(tp, tp + fn_);
    Report {
        precision,
        recall,
        f1: f1(precision, recall),
        mean_precision: scores.iter().map(PageScore::precision).sum::<f64>() / n,
        mean_recall: scores.iter().map(PageScore::recall).sum::<f64>() / n,
        pages: scores,
    }
}

/// Load a data set directory (`ground-truth.json` + `html/<id>.html[.gz]`).
/// Pages are returned sorted by id; a page whose HTML is missing is an error.
pub fn load_dataset(dir: &Path) -> Result<Vec<Page>, String> {
    let gt_path = dir.join("ground-truth.json");
    let raw = std::fs::read_to_string(&gt_path)
        .map_err(|e| format!("{}: cannot read: {e}", gt_path.display()))?;
    let gt: serde_json::Value = serde_json::from_str(&raw)
        .map_err(|e| format!("{}: malformed JSON: {e}", gt_path.display()))?;
    let obj = gt
        .as_object()
        .ok_or_else(|| format!("{}: expected an object of pages", gt_path.display()))?;
    let mut pages = Vec::with_capacity(obj.len());
    for (id, v) in obj {
        let truth = v
            .get("articleBody")
            .and_then(|x| x.as_str())
            .ok_or_else(|| format!("{}: page {id} has no articleBody", gt_path.display()))?;
        let url = v.get("url").and_then(|x| x.as_str()).map(str::to_string);
        let html = read_page(&dir.join("html"), id)?;
        pages.push(Page {
            id: id.clone(),
            url,
            html,
            truth: truth.to_string(),
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

fn read_page(dir: &Path, id: &str) -> Result<String, String> {
    let gz = dir.join(format!("{id}.html.gz"));
    let plain = dir.join(format!("{id}.html"));
    let mut bytes = Vec::new();
    if gz.exists() {
        let f = std::fs::File::open(&gz).map_err(|e| format!("{}: {e}", gz.display()))?;
        flate2::read::MultiGzDecoder::new(f)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{}: {e}", gz.display()))?;
    } else {
        bytes = std::fs::read(&plain).map_err(|e| format!("{}: {e}", plain.display()))?;
    }
    Ok(crate::charset::decode_html(&bytes, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_word_runs() {
        assert_eq!(
            word_tokens("Don't stop—it's 2020, café_au_lait!"),
            vec!["Don", "t", "stop", "it", "s", "2020", "café_au_lait"]
        );
    }

    #[test]
    fn shingle_counts() {
        let truth = "a b c d e f";
        // identical
        assert_eq!(shingle_match(truth, truth), (1.0, 0.0, 0.0));
        // nothing extracted: all false negatives
        assert_eq!(shingle_match(truth, ""), (0.0, 0.0, 1.0));
        // extra debris: 3 true shingles, 3 spurious ones
        let (tp, fp, fn_) = shingle_match(truth, "x y z a b c d e f");
        assert!((tp - 0.5).abs() < 1e-9 && (fp - 0.5).abs() < 1e-9 && fn_ == 0.0);
        // repeated text counts as a multiset
        let (tp, fp, _) = shingle_match("a b c d", "a b c d a b c d");
        assert!(tp > 0.0 && fp > 0.0);
        // shorter than a shingle: one shingle of the whole
        assert_eq!(shingle_match("a b", "a b"), (1.0, 0.0, 0.0));
    }

    #[test]
    fn report_pools_normalised_counts() {
        let pages = vec![
            Page {
                id: "1".into(),
                url: None,
                html: String::new(),
                truth: "one two three four five".into(),
            },
            Page {
                id: "2".into(),
                url: None,
                html: String::new(),
                truth: "six seven eight nine ten".into(),
            },
        ];
        let r = score(&pages, &["one two three four five", ""]);
        assert!((r.precision - 1.0).abs() < 1e-9);
        assert!((r.recall - 0.5).abs() < 1e-9);
        assert!((r.f1 - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(r.worst(1)[0].id, "2");
    }
}

//! Main-text extraction measured on the article-extraction benchmark pages
//! in shared/eval (181 news and blog pages with hand-made article bodies).

use sitrep_ingest::extraction_eval::{load_dataset, score};
use std::path::{Path, PathBuf};

fn dataset() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    [root.join("../shared"), PathBuf::from("/work/shared")]
        .into_iter()
        .map(|s| s.join("eval/article-extraction"))
        .find(|d| d.join("ground-truth.json").exists())
}

#[test]
fn extraction_f1_on_benchmark() {
    let Some(dir) = dataset() else {
        eprintln!("note: shared/eval/article-extraction not found; extraction benchmark skipped");
        return;
    };
    let pages = load_dataset(&dir).expect("data set loads");
    assert!(pages.len() >= 150, "only {} pages", pages.len());
    let texts: Vec<String> = pages
        .iter()
        .map(|p| sitrep_ingest::extract_html(&p.html, p.url.as_deref()).text)
        .collect();
    let r = score(&pages, &texts);
    let mean_f1 = 2.0 * r.mean_precision * r.mean_recall / (r.mean_precision + r.mean_recall);
    eprintln!(
        "extraction on {} pages: P {:.3} R {:.3} F1 {:.3} (per-page means: P {:.3} R {:.3} F1 {:.3})",
        pages.len(),
        r.precision,
        r.recall,
        r.f1,
        r.mean_precision,
        r.mean_recall,
        mean_f1
    );
    assert!(r.f1 >= 0.95, "extraction F1 {:.3} below 0.95", r.f1);
    assert!(mean_f1 >= 0.95, "per-page mean F1 {mean_f1:.3} below 0.95");
    // no page may come out empty
    let empty: Vec<&str> = pages
        .iter()
        .zip(&texts)
        .filter(|(_, t)| t.trim().is_empty())
        .map(|(p, _)| p.id.as_str())
        .collect();
    assert!(empty.is_empty(), "no text for {empty:?}");
}

//! Evaluation harnesses for the event coder, on public gold sets:
//!
//! - [`petrarch`]: PETRARCH's unit-test records with their own dictionaries
//!   (source, target, event code triples);
//! - [`plover`]: the PLOVER gold-standard records (event type, source and
//!   target countries) with the built-in lexicons;
//! - [`case2021`]: CASE 2021 task 2 snippets with 30 ACLED-style event types.
//!
//! Each returns a report with per-category precision/recall/F1 and the list
//! of failures, printable as text or JSON.

pub mod case2021;
pub mod petrarch;
pub mod plover;

use serde::Serialize;
use std::collections::BTreeMap;

/// Precision, recall and F1 for one category.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

impl Prf {
    fn finish(&mut self) {
        self.precision = ratio(self.tp, self.tp + self.fp);
        self.recall = ratio(self.tp, self.tp + self.fn_);
        self.f1 = if self.precision + self.recall > 0.0 {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        } else {
            0.0
        };
    }
}

pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Per-category P/R/F1 from (gold, predicted) label pairs, with macro and weighted F1.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Confusion {
    pub per_label: BTreeMap<String, Prf>,
    pub macro_f1: f64,
    pub weighted_f1: f64,
    pub accuracy: f64,
}

pub fn confusion(pairs: &[(String, String)]) -> Confusion {
    let mut per: BTreeMap<String, Prf> = BTreeMap::new();
    let mut right = 0;
    for (g, p) in pairs {
        if g == p {
            per.entry(g.clone()).or_default().tp += 1;
            right += 1;
        } else {
            per.entry(g.clone()).or_default().fn_ += 1;
            per.entry(p.clone()).or_default().fp += 1;
        }
        per.entry(g.clone()).or_default().support += 1;
    }
    for v in per.values_mut() {
        v.finish();
    }
    let gold_labels: Vec<&Prf> = per.values().filter(|v| v.support > 0).collect();
    let macro_f1 = gold_labels.iter().map(|v| v.f1).sum::<f64>() / gold_labels.len().max(1) as f64;
    let total: usize = gold_labels.iter().map(|v| v.support).sum();
    let weighted_f1 = gold_labels
        .iter()
        .map(|v| v.f1 * v.support as f64)
        .sum::<f64>()
        / total.max(1) as f64;
    Confusion {
        per_label: per,
        macro_f1,
        weighted_f1,
        accuracy: ratio(right, pairs.len()),
    }
}

/// Print a per-label table.
pub fn print_table(c: &Confusion) -> String {
    let mut s = format!(
        "{:<32} {:>6} {:>6} {:>6} {:>7}\n",
        "label", "P", "R", "F1", "support"
    );
    for (k, v) in &c.per_label {
        s.push_str(&format!(
            "{:<32} {:>6.3} {:>6.3} {:>6.3} {:>7}\n",
            k, v.precision, v.recall, v.f1, v.support
        ));
    }
    s.push_str(&format!(
        "accuracy {:.3}  macro F1 {:.3}  weighted F1 {:.3}\n",
        c.accuracy, c.macro_f1, c.weighted_f1
    ));
    s
}

/// Locate the shared evaluation data beside the project (`../shared`), for tests.
pub fn shared_dir() -> Option<std::path::PathBuf> {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        here.join("../../../shared"),
        std::path::PathBuf::from("/work/shared"),
    ];
    candidates.into_iter().find(|p| p.join("eval").is_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confusion_macro_and_weighted() {
        let pairs: Vec<(String, String)> = [("A", "A"), ("A", "B"), ("B", "B"), ("B", "B")]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        let c = confusion(&pairs);
        assert!((c.accuracy - 0.75).abs() < 1e-9);
        let a = &c.per_label["A"];
        assert_eq!((a.tp, a.fn_, a.fp), (1, 1, 0));
        assert!((a.f1 - 2.0 / 3.0).abs() < 1e-9);
        let b = &c.per_label["B"];
        assert!((b.f1 - 0.8).abs() < 1e-9);
        assert!((c.macro_f1 - (2.0 / 3.0 + 0.8) / 2.0).abs() < 1e-9);
    }
}

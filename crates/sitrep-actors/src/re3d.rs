//! Scoring actor recognition against the re3d entity annotations.
//!
//! re3d (Dstl) annotates public-domain CENTCOM and State Department texts
//! with entity spans. An actor in the CAMEO sense is annotated there as a
//! `Person`, an `Organisation` (states acting, armed forces, groups, IGOs,
//! generic groups such as "civilians") or a `Nationality` (the adjective in
//! "Iraqi forces"). Those three types count. Annotations the annotators
//! themselves gave a confidence below [`MIN_CONFIDENCE`] are not counted
//! (they are largely tool suggestions such as "Jan" as a Person), nor are
//! pronouns ("we", "he", "their"), which re3d annotates only sometimes.
//!
//! Matching is by span overlap. A gold mention is found when some
//! predicted span overlaps it; a predicted span is right when it overlaps a
//! counted gold mention, wrong when it overlaps no annotation at all, and
//! neutral when it only overlaps a `Location` (re3d annotates a state
//! named by its country, "Turkey condemned", as a Location, while CAMEO
//! codes it as an actor) or an annotation that is not counted.

use serde_json::Value;
use std::path::Path;

/// Gold annotations below this confidence are not counted.
pub const MIN_CONFIDENCE: f64 = 0.5;

/// The entity types that count as actors.
pub const ACTOR_TYPES: &[&str] = &["Person", "Organisation", "Nationality"];

const PRONOUNS: &[&str] = &[
    "i",
    "me",
    "my",
    "mine",
    "we",
    "us",
    "our",
    "ours",
    "you",
    "your",
    "he",
    "him",
    "his",
    "she",
    "her",
    "hers",
    "it",
    "its",
    "they",
    "them",
    "their",
    "theirs",
    "myself",
    "ourselves",
    "himself",
    "herself",
    "themselves",
    "itself",
];

/// One annotated entity, with byte offsets into the document text.
#[derive(Debug, Clone)]
pub struct GoldEntity {
    pub kind: String,
    pub start: usize,
    pub end: usize,
    pub value: String,
    pub confidence: f64,
}

impl GoldEntity {
    /// Whether this annotation is scored as an actor mention.
    pub fn counts(&self) -> bool {
        ACTOR_TYPES.contains(&self.kind.as_str())
            && self.confidence >= MIN_CONFIDENCE
            && !PRONOUNS.contains(&self.value.trim().to_lowercase().as_str())
    }
}

/// A re3d document with its annotations.
#[derive(Debug, Clone)]
pub struct Re3dDoc {
    pub id: String,
    pub source: String,
    pub title: String,
    pub text: String,
    pub entities: Vec<GoldEntity>,
}

/// Byte offset of the `ch`-th character of `text`.
fn byte_at(text: &str, ch: usize) -> usize {
    text.char_indices()
        .nth(ch)
        .map(|(b, _)| b)
        .unwrap_or(text.len())
}

fn read_lines(path: &Path) -> std::io::Result<Vec<Value>> {
    let text = std::fs::read_to_string(path)?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{}:{}: {e}", path.display(), n + 1),
            )
        })?;
        out.push(v);
    }
    Ok(out)
}

/// Load re3d documents from `dir`: either one source folder holding
/// `documents.json` and `entities.json`, or a folder of such folders.
pub fn load(dir: &Path) -> std::io::Result<Vec<Re3dDoc>> {
    let mut folders = Vec::new();
    if dir.join("documents.json").exists() {
        folders.push(dir.to_path_buf());
    } else {
        let mut subs: Vec<_> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.join("documents.json").exists())
            .collect();
        subs.sort();
        folders.extend(subs);
    }
    if folders.is_empty() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("no documents.json under {}", dir.display()),
        ));
    }
    let mut docs = Vec::new();
    for f in folders {
        let mut these: Vec<Re3dDoc> = read_lines(&f.join("documents.json"))?
            .into_iter()
            .map(|v| Re3dDoc {
                id: v["_id"].as_str().unwrap_or_default().to_string(),
                source: v["sourceName"].as_str().unwrap_or_default().to_string(),
                title: v["title"].as_str().unwrap_or_default().to_string(),
                text: v["text"].as_str().unwrap_or_default().to_string(),
                entities: Vec::new(),
            })
            .collect();
        for v in read_lines(&f.join("entities.json"))? {
            let doc_id = v["documentId"].as_str().unwrap_or_default();
            let Some(doc) = these.iter_mut().find(|d| d.id == doc_id) else {
                continue;
            };
            let (Some(b), Some(e)) = (v["begin"].as_u64(), v["end"].as_u64()) else {
                continue;
            };
            let (start, end) = (
                byte_at(&doc.text, b as usize),
                byte_at(&doc.text, e as usize),
            );
            doc.entities.push(GoldEntity {
                kind: v["type"].as_str().unwrap_or_default().to_string(),
                start,
                end,
                value: v["value"].as_str().unwrap_or_default().to_string(),
                confidence: v["confidence"].as_f64().unwrap_or(1.0),
            });
        }
        docs.extend(these);
    }
    Ok(docs)
}

/// Counts for precision and recall.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    /// Predicted spans overlapping a counted gold mention.
    pub pred_right: usize,
    /// Predicted spans overlapping no annotation.
    pub pred_wrong: usize,
    /// Predicted spans overlapping only a Location or an uncounted annotation.
    pub pred_neutral: usize,
    /// Counted gold mentions overlapped by a prediction.
    pub gold_found: usize,
    /// Counted gold mentions.
    pub gold: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.pred_right, self.pred_right + self.pred_wrong)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.gold_found, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn add(&mut self, o: &Score) {
        self.pred_right += o.pred_right;
        self.pred_wrong += o.pred_wrong;
        self.pred_neutral += o.pred_neutral;
        self.gold_found += o.gold_found;
        self.gold += o.gold;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Score predicted byte spans against one document's annotations.
/// Predicted pronouns are left out, as pronoun annotations are.
pub fn score(doc: &Re3dDoc, predicted: &[(usize, usize)]) -> Score {
    let mut s = Score::default();
    let predicted: Vec<(usize, usize)> = predicted
        .iter()
        .copied()
        .filter(|&(a, b)| {
            !doc.text
                .get(a..b)
                .is_some_and(|t| PRONOUNS.contains(&t.to_lowercase().as_str()))
        })
        .collect();
    for &p in &predicted {
        let hits: Vec<&GoldEntity> = doc
            .entities
            .iter()
            .filter(|g| overlaps(p, (g.start, g.end)))
            .collect();
        if hits.iter().any(|g| g.counts()) {
            s.pred_right += 1;
        } else if hits.is_empty() {
            s.pred_wrong += 1;
        } else {
            s.pred_neutral += 1;
        }
    }
    for g in doc.entities.iter().filter(|g| g.counts()) {
        s.gold += 1;
        if predicted.iter().any(|&p| overlaps(p, (g.start, g.end))) {
            s.gold_found += 1;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Re3dDoc {
        let text = "The Iraqi army met Kerry in Turkey. We left.".to_string();
        let ent = |kind: &str, v: &str, confidence: f64| {
            let start = text.find(v).unwrap();
            GoldEntity {
                kind: kind.into(),
                start,
                end: start + v.len(),
                value: v.into(),
                confidence,
            }
        };
        Re3dDoc {
            id: "d".into(),
            source: "t".into(),
            title: String::new(),
            entities: vec![
                ent("Organisation", "The Iraqi army", 1.0),
                ent("Nationality", "Iraqi", 0.0),
                ent("Person", "Kerry", 1.0),
                ent("Location", "Turkey", 1.0),
                ent("Organisation", "We", 1.0),
            ],
            text,
        }
    }

    #[test]
    fn overlap_scoring_counts_actor_types_only() {
        let d = doc();
        assert_eq!(d.entities.iter().filter(|g| g.counts()).count(), 2);
        // "Iraqi army" (right), "Turkey" (neutral), "met" (wrong)
        let s = score(&d, &[(4, 14), (28, 34), (15, 18)]);
        assert_eq!((s.pred_right, s.pred_neutral, s.pred_wrong), (1, 1, 1));
        assert_eq!((s.gold_found, s.gold), (1, 2));
        assert!((s.precision() - 0.5).abs() < 1e-9);
        assert!((s.recall() - 0.5).abs() < 1e-9);
    }

    #[test]
    fn character_offsets_become_byte_offsets() {
        assert_eq!(byte_at("Da’esh fled", 7), "Da’esh ".len());
    }
}

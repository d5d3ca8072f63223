//! The real-news harnesses on the shared data (skipped with a message when
//! `../shared` is absent): every gold item is read and placed, whatever the
//! coder's score. The scores themselves are in eval/README.md.

use sitrep_eval::{ipe, news, shared_dir, wikievents};
use std::path::Path;

fn shared() -> Option<std::path::PathBuf> {
    let s = shared_dir();
    if s.is_none() {
        eprintln!("skipped: no shared data directory (../shared)");
    }
    s
}

#[test]
fn wikievents_dev_counts_every_gold_event() {
    let Some(s) = shared() else { return };
    let file = s.join("eval/wikievents/wikievents_dev.jsonl");
    let r = wikievents::evaluate(&file, None).unwrap();
    assert_eq!(r.documents, 20);
    // the README's 208 events with CAMEO roots: 136 of violence and coercion
    let other: usize = r.other_roots.values().map(|x| x.gold).sum();
    assert_eq!(r.violence_gold, 136);
    assert_eq!(r.violence_gold + other, 208);
    assert!(r.violence_found <= r.violence_gold);
    assert!(r.violence_predicted_right <= r.violence_predicted);
    assert!(r.source_named <= r.violence_found && r.target_named <= r.violence_found);
    // the reliability table counts every event, the figures only those kept
    let in_table: usize = r.reliability.0.iter().map(|b| b.events).sum();
    assert!(in_table >= r.violence_predicted);
    let strict = wikievents::evaluate(&file, Some(1.0)).unwrap();
    assert_eq!(strict.violence_predicted, 0);
    let table: usize = strict.reliability.0.iter().map(|b| b.events).sum();
    assert_eq!(table, in_table);
}

#[test]
fn ipe_places_every_labelled_sentence() {
    let Some(s) = shared() else { return };
    let r = ipe::evaluate(&s.join("eval/india-police-events/ipe_dev.jsonl"), None).unwrap();
    assert_eq!(r.documents, 838);
    assert_eq!(r.sentences_not_found, 0);
    let arrest = r.labels.iter().find(|l| l.label == "ARREST").unwrap();
    assert_eq!(arrest.gold, 206);
    let force = r.labels.iter().find(|l| l.label == "FORCE/KILL").unwrap();
    assert!(force.gold >= 133);
}

#[test]
fn news_set_reads_every_article_and_anchor() {
    let Some(s) = shared() else { return };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../eval/news");
    let r = news::evaluate(&dir, Some(s), Some(0.0)).unwrap();
    assert!(r.articles_not_read.is_empty(), "{:?}", r.articles_not_read);
    assert_eq!(r.articles, 43);
    assert_eq!(r.events.gold, 224);
    assert_eq!(r.event_only.gold, 224);
    // a threshold above every confidence leaves nothing to score
    let none = news::evaluate(&dir, shared_dir(), Some(1.01)).unwrap();
    assert_eq!(none.events.predicted, 0);
    assert_eq!(none.events.gold, 224);
}

//! Build a synthetic store for load measurements:
//! `cargo run --release -p sitrep-server --example synth_store -- FILE [DOCUMENTS] [EVENTS_PER_DOCUMENT]`
//! (default 2000 documents × 5 events = 10,000 events).

use sitrep_store::{SqliteStore, Store};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        anyhow::bail!("usage: synth_store FILE [DOCUMENTS] [EVENTS_PER_DOCUMENT]");
    };
    let docs: usize = args.get(1).map(|s| s.parse()).transpose()?.unwrap_or(2000);
    let per: usize = args.get(2).map(|s| s.parse()).transpose()?.unwrap_or(5);
    let mut store = SqliteStore::open(std::path::Path::new(path))?;
    sitrep_server::synth::fill(&mut store, 2020, docs, per)?;
    let c = store.counts()?;
    eprintln!("{path}: {} documents, {} events", c.documents, c.events);
    Ok(())
}

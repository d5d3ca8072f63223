//! Code one plain-text file through [`Pipeline::code`], printing what
//! `sitrep code --no-places --date DATE FILE` prints (events, then claims,
//! one JSON object a line): the measurement for #21's large documents, and
//! what `sitrep code` gives once it codes through `Pipeline::code`.
//!
//!     cargo build --release -p sitrep-pipeline --example code_text
//!     target/release/examples/code_text FILE DATE > events.jsonl

use sitrep_model::Document;
use sitrep_pipeline::{Config, Pipeline};
use std::io::Write;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, date] = args.as_slice() else {
        anyhow::bail!("usage: code_text FILE YYYY-MM-DD");
    };
    let pipeline = Pipeline::new(&Config {
        no_places: true,
        ..Config::default()
    })?;
    let doc = Document {
        id: path.clone(),
        date: Some(chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")?),
        text: std::fs::read_to_string(path)?,
        ..Document::default()
    };
    let coded = pipeline.code(&doc);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for e in coded.events(&doc) {
        serde_json::to_writer(&mut out, &e)?;
        out.write_all(b"\n")?;
    }
    for c in coded.claims() {
        serde_json::to_writer(&mut out, c)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    eprintln!(
        "{} events, {} claims",
        coded.event_count(),
        coded.claims().len()
    );
    Ok(())
}

//! `sitrep eval places FILE...`: how well toponyms are found and resolved.
//!
//! Each JSONL row expects one place: either a re3d Location annotation
//! (`"source": "re3d"`, `doc`, character offsets `begin`/`end`; the text
//! comes from `--re3d DIR`) or a hand-written sentence (`text`, and
//! `places: [{mention, country, place}]`, optionally `location`: the
//! mention expected as the event location). The whole text runs through the
//! pipeline; the first place mention overlapping the expected span is
//! scored: its country against `country`, its name against the
//! '|'-separated accepted names in `place`.

use anyhow::Context;
use clap::Subcommand;
use serde_json::Value;
use sitrep_model::{Annotation, Document};
use sitrep_pipeline::{Config, Pipeline};
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum EvalWhat {
    /// Toponym resolution against expected places (JSONL; see eval/places/README.md).
    Places {
        /// Test files (re3d rows and/or sentence rows).
        files: Vec<PathBuf>,
        /// The re3d folder, for rows that point into it.
        #[arg(long)]
        re3d: Option<PathBuf>,
        /// How many failures to list.
        #[arg(long, default_value_t = 50)]
        failures: usize,
        /// Exit non-zero when correct country % is below this.
        #[arg(long)]
        min_country: Option<f64>,
        /// Exit non-zero when correct place % is below this.
        #[arg(long)]
        min_place: Option<f64>,
    },
}

/// One expected place in a text.
struct Expect {
    id: String,
    text_key: String,
    begin: usize,
    end: usize,
    surface: String,
    country: String,
    names: Vec<String>,
}

/// Lowercase ASCII letters and digits only, Latin diacritics removed.
fn fold(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(|c| c.to_lowercase()) {
        let b = match c {
            'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'ď' | 'đ' | 'ḍ' => 'd',
            'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'ə' => 'e',
            'ğ' | 'ġ' => 'g',
            'ḩ' | 'ḥ' | 'ħ' => 'h',
            'ì'..='ï' | 'ī' | 'į' | 'ı' => 'i',
            'ł' | 'ľ' => 'l',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ř' => 'r',
            'ś' | 'š' | 'ş' | 'ṣ' => 's',
            'ţ' | 'ť' | 'ṭ' | 'ṯ' => 't',
            'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ź' | 'ż' | 'ž' | 'ẓ' => 'z',
            c if c.is_ascii_alphanumeric() => c,
            _ => continue,
        };
        out.push(b);
    }
    out
}

fn byte_at(text: &str, ch: usize) -> usize {
    text.char_indices()
        .nth(ch)
        .map(|(b, _)| b)
        .unwrap_or(text.len())
}

fn names(v: &Value) -> Vec<String> {
    v.as_str()
        .unwrap_or_default()
        .split('|')
        .map(fold)
        .filter(|s| !s.is_empty())
        .collect()
}

pub fn run(what: EvalWhat) -> anyhow::Result<ExitCode> {
    let EvalWhat::Places {
        files,
        re3d,
        failures,
        min_country,
        min_place,
    } = what;
    let re3d_docs: HashMap<String, String> = match &re3d {
        Some(d) => sitrep_actors::re3d::load(d)
            .with_context(|| format!("reading {}", d.display()))?
            .into_iter()
            .map(|d| (d.id, d.text))
            .collect(),
        None => HashMap::new(),
    };
    let mut texts: HashMap<String, String> = HashMap::new();
    let mut expects = Vec::new();
    // sentence id -> expected event location names
    let mut locations: Vec<(String, Vec<String>)> = Vec::new();
    for f in &files {
        let body =
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        for (n, line) in body.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: Value = serde_json::from_str(line)
                .with_context(|| format!("{}:{}: not JSON", f.display(), n + 1))?;
            if v["source"] == "re3d" {
                let doc = v["doc"].as_str().unwrap_or_default().to_string();
                let Some(text) = re3d_docs.get(&doc) else {
                    anyhow::bail!(
                        "{}:{}: re3d document {doc} not found (give --re3d DIR)",
                        f.display(),
                        n + 1
                    );
                };
                let b = v["begin"].as_u64().unwrap_or(0) as usize;
                let e = v["end"].as_u64().unwrap_or(0) as usize;
                let (b, e) = (byte_at(text, b), byte_at(text, e));
                texts.entry(doc.clone()).or_insert_with(|| text.clone());
                expects.push(Expect {
                    id: format!("re3d:{doc}:{b}"),
                    text_key: doc,
                    begin: b,
                    end: e,
                    surface: text[b..e].to_string(),
                    country: v["country"].as_str().unwrap_or_default().to_string(),
                    names: names(&v["place"]),
                });
            } else {
                let id = v["id"]
                    .as_str()
                    .map(String::from)
                    .unwrap_or_else(|| format!("{}:{}", f.display(), n + 1));
                let text = v["text"].as_str().unwrap_or_default().to_string();
                let mut accepted: HashMap<String, Vec<String>> = HashMap::new();
                for p in v["places"].as_array().into_iter().flatten() {
                    let m = p["mention"].as_str().unwrap_or_default();
                    let Some(b) = text.find(m).filter(|_| !m.is_empty()) else {
                        anyhow::bail!("{}:{}: mention {m:?} not in text", f.display(), n + 1);
                    };
                    accepted.insert(m.to_string(), names(&p["place"]));
                    expects.push(Expect {
                        id: id.clone(),
                        text_key: id.clone(),
                        begin: b,
                        end: b + m.len(),
                        surface: m.to_string(),
                        country: p["country"].as_str().unwrap_or_default().to_string(),
                        names: names(&p["place"]),
                    });
                }
                if let Some(loc) = v["location"].as_str() {
                    let ns = accepted
                        .get(loc)
                        .cloned()
                        .unwrap_or_else(|| vec![fold(loc)]);
                    locations.push((id.clone(), ns));
                }
                texts.insert(id, text);
            }
        }
    }
    let pipeline = Pipeline::new(&Config::default())?;
    let anns: HashMap<String, Annotation> = texts
        .iter()
        .map(|(k, t)| {
            let doc = Document {
                id: k.clone(),
                text: t.clone(),
                origin: "eval".into(),
                ..Default::default()
            };
            (k.clone(), pipeline.annotate(&doc))
        })
        .collect();
    let (mut country_ok, mut place_ok) = (0usize, 0usize);
    let mut fails = Vec::new();
    for x in &expects {
        let ann = &anns[&x.text_key];
        let got = ann
            .places
            .iter()
            .filter(|m| m.start < x.end && m.end > x.begin)
            .min_by_key(|m| m.start);
        let c_ok = got.is_some_and(|m| m.place.country.as_deref() == Some(x.country.as_str()));
        let p_ok = c_ok && got.is_some_and(|m| x.names.contains(&fold(&m.place.name)));
        country_ok += c_ok as usize;
        place_ok += p_ok as usize;
        if !p_ok {
            let what = match got {
                None => "not found".to_string(),
                Some(m) => format!(
                    "got {} ({}, {:?}, geonameid {})",
                    m.place.name,
                    m.place.country.as_deref().unwrap_or("-"),
                    m.place.precision,
                    m.place
                        .geonameid
                        .map(|g| g.to_string())
                        .unwrap_or("-".into())
                ),
            };
            fails.push(format!(
                "  {}  {:?}  want {} {}  {what}",
                x.id,
                x.surface,
                x.country,
                x.names.join("|")
            ));
        }
    }
    let n = expects.len().max(1) as f64;
    let country_pct = 100.0 * country_ok as f64 / n;
    let place_pct = 100.0 * place_ok as f64 / n;
    println!("expected places  {}", expects.len());
    println!("correct country  {country_ok} ({country_pct:.1}%)");
    println!("correct place    {place_ok} ({place_pct:.1}%)");
    if !locations.is_empty() {
        let (mut coded, mut right) = (0, 0);
        for (id, ns) in &locations {
            let locs: Vec<_> = anns[id]
                .events
                .iter()
                .filter_map(|e| e.location.as_ref())
                .collect();
            if anns[id].events.is_empty() {
                continue;
            }
            coded += 1;
            if locs.iter().any(|p| ns.contains(&fold(&p.name))) {
                right += 1;
            } else {
                fails.push(format!(
                    "  {id}  event location: want {}  got {:?}",
                    ns.join("|"),
                    locs.iter().map(|p| p.name.as_str()).collect::<Vec<_>>()
                ));
            }
        }
        println!(
            "event location   {right} of {coded} sentences with a coded event ({} expect one)",
            locations.len()
        );
    }
    if failures > 0 && !fails.is_empty() {
        println!("failures:");
        for f in fails.iter().take(failures) {
            println!("{f}");
        }
    }
    let below = |min: Option<f64>, got: f64| min.is_some_and(|m| got < m);
    Ok(
        if below(min_country, country_pct) || below(min_place, place_pct) {
            eprintln!("sitrep: below the required accuracy");
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        },
    )
}

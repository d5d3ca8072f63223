//! The benchmark corpus: many distinct news articles made from a few real ones.
//!
//! Each generated article starts from a real one (the Lee ABC corpus, or
//! the bundled Karabakh examples), keeps its lead sentence, swaps some
//! other sentences for sentences of other articles of the same source, and
//! then substitutes, consistently within the article, the names of
//! countries (name, adjective, capital), people, places, weekdays and
//! months with others drawn from sitrep's own data files. The publication
//! date moves too. Everything comes from one seeded generator, so the same
//! seed gives the same corpus byte for byte.

use aho_corasick::{AhoCorasick, MatchKind};
use anyhow::Context;
use chrono::{Duration, NaiveDate};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// SplitMix64: small, fast and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

/// Where the source articles and the substitution lists come from.
pub struct Sources {
    /// One article per line.
    pub lee: PathBuf,
    /// Anything `sitrep` reads (the bundled examples directory).
    pub karabakh: PathBuf,
    /// sitrep's data directory (`actors/countries.tsv`, `actors/people.tsv`, `places/places.tsv`).
    pub data: PathBuf,
}

/// How to generate.
pub struct Options {
    pub docs: usize,
    pub seed: u64,
    /// Share of generated articles based on a Lee article (the rest: Karabakh).
    pub lee_share: f64,
    /// Chance that a sentence other than the lead is swapped for another of the same source.
    pub swap: f64,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Source {
    Lee,
    Karabakh,
}

impl Source {
    fn name(self) -> &'static str {
        match self {
            Source::Lee => "lee",
            Source::Karabakh => "karabakh",
        }
    }
}

struct Article {
    source: Source,
    title: Option<String>,
    date: NaiveDate,
    /// Each sentence with the separator that followed it.
    sentences: Vec<(String, &'static str)>,
}

/// What a matched name is.
#[derive(Clone, Copy, Debug)]
enum Kind {
    /// A country by index, and which of its forms matched.
    Country(usize, Form),
    Person,
    Place,
    Weekday(usize),
    Month(usize),
}

#[derive(Clone, Copy, Debug)]
enum Form {
    Name,
    /// The n-th adjective (`Armenian`, `Armenians`).
    Adjective(usize),
    Capital,
}

struct Country {
    name: String,
    adjectives: Vec<String>,
    capital: String,
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The names that get substituted, in one automaton.
struct Names {
    matcher: AhoCorasick,
    kinds: Vec<Kind>,
    patterns: Vec<String>,
    countries: Vec<Country>,
    /// Countries with a name, an adjective and a capital: what a country becomes.
    full_countries: Vec<usize>,
    people: Vec<String>,
    places: Vec<String>,
}

fn read_tsv(path: &Path) -> anyhow::Result<Vec<Vec<String>>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect())
}

fn plain_name(s: &str) -> bool {
    s.len() >= 4
        && s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && s.chars()
            .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-' || c == '.' || c == '\'')
}

impl Names {
    /// `common` holds the lower-case words of the source texts: a place
    /// named like a common word ("Mobile", "Reading") is not substituted.
    fn load(data: &Path, common: &HashSet<String>) -> anyhow::Result<Self> {
        let mut patterns: Vec<String> = Vec::new();
        let mut kinds: Vec<Kind> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut add = |p: &str, k: Kind, patterns: &mut Vec<String>, kinds: &mut Vec<Kind>| {
            if !p.is_empty() && seen.insert(p.to_string()) {
                patterns.push(p.to_string());
                kinds.push(k);
            }
        };
        for (i, d) in WEEKDAYS.iter().enumerate() {
            add(d, Kind::Weekday(i), &mut patterns, &mut kinds);
        }
        for (i, m) in MONTHS.iter().enumerate() {
            // "May" is as often the verb as the month
            if *m != "May" {
                add(m, Kind::Month(i), &mut patterns, &mut kinds);
            }
        }
        // iso3 name aliases adjectives capital capital_aliases
        let mut countries = Vec::new();
        for row in read_tsv(&data.join("actors/countries.tsv"))? {
            let get = |i: usize| row.get(i).map(String::as_str).unwrap_or("");
            countries.push(Country {
                name: get(1).to_string(),
                adjectives: get(3)
                    .split('|')
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .collect(),
                capital: get(4).to_string(),
            });
        }
        for (i, c) in countries.iter().enumerate() {
            add(
                &c.name,
                Kind::Country(i, Form::Name),
                &mut patterns,
                &mut kinds,
            );
            for (k, a) in c.adjectives.iter().enumerate() {
                add(
                    a,
                    Kind::Country(i, Form::Adjective(k)),
                    &mut patterns,
                    &mut kinds,
                );
            }
            add(
                &c.capital,
                Kind::Country(i, Form::Capital),
                &mut patterns,
                &mut kinds,
            );
        }
        let full_countries: Vec<usize> = countries
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                plain_name(&c.name) && !c.adjectives.is_empty() && !c.capital.is_empty()
            })
            .map(|(i, _)| i)
            .collect();
        // name aliases code start end source
        let mut people = Vec::new();
        for row in read_tsv(&data.join("actors/people.tsv"))? {
            let name = row[0].trim();
            if plain_name(name) && name.contains(' ') && name.len() >= 6 {
                people.push(name.to_string());
            }
        }
        people.sort();
        people.dedup();
        for p in &people {
            add(p, Kind::Person, &mut patterns, &mut kinds);
        }
        // geonameid name aliases country_iso2 admin1_code feature_code lat lon population
        let mut places = Vec::new();
        for row in read_tsv(&data.join("places/places.tsv"))? {
            if row.len() < 9 || row[0] == "geonameid" {
                continue;
            }
            let population: u64 = row[8].parse().unwrap_or(0);
            let name = row[1].as_str();
            if population >= 100_000 && plain_name(name) && !common.contains(&name.to_lowercase()) {
                places.push(name.to_string());
            }
        }
        places.sort();
        places.dedup();
        for p in &places {
            add(p, Kind::Place, &mut patterns, &mut kinds);
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .context("building the name matcher")?;
        Ok(Names {
            matcher,
            kinds,
            patterns,
            countries,
            full_countries,
            people,
            places,
        })
    }
}

/// Per-article choices, made on first sight of each name.
struct Swaps {
    countries: HashMap<usize, usize>,
    names: HashMap<String, String>,
    weekday_shift: usize,
    month_shift: usize,
}

impl Swaps {
    fn new(rng: &mut Rng) -> Self {
        Swaps {
            countries: HashMap::new(),
            names: HashMap::new(),
            weekday_shift: if rng.chance(0.7) { rng.below(7) } else { 0 },
            month_shift: if rng.chance(0.5) { rng.below(12) } else { 0 },
        }
    }
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

fn substitute(text: &str, names: &Names, swaps: &mut Swaps, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut last = 0;
    for m in names.matcher.find_iter(text) {
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        if is_word_char(before) || is_word_char(after) {
            continue;
        }
        let found = &names.patterns[m.pattern().as_usize()];
        let replacement: String = match names.kinds[m.pattern().as_usize()] {
            Kind::Weekday(i) => WEEKDAYS[(i + swaps.weekday_shift) % 7].to_string(),
            Kind::Month(i) => MONTHS[(i + swaps.month_shift) % 12].to_string(),
            Kind::Country(i, form) => {
                let to = *swaps.countries.entry(i).or_insert_with(|| {
                    if rng.chance(0.6) {
                        names.full_countries[rng.below(names.full_countries.len())]
                    } else {
                        i
                    }
                });
                let c = &names.countries[to];
                match form {
                    Form::Name => c.name.clone(),
                    Form::Capital if !c.capital.is_empty() => c.capital.clone(),
                    Form::Adjective(k) if !c.adjectives.is_empty() => {
                        c.adjectives[k.min(c.adjectives.len() - 1)].clone()
                    }
                    _ => found.clone(),
                }
            }
            Kind::Person => swaps
                .names
                .entry(found.clone())
                .or_insert_with(|| {
                    if rng.chance(0.8) {
                        names.people[rng.below(names.people.len())].clone()
                    } else {
                        found.clone()
                    }
                })
                .clone(),
            Kind::Place => swaps
                .names
                .entry(found.clone())
                .or_insert_with(|| {
                    if rng.chance(0.6) {
                        names.places[rng.below(names.places.len())].clone()
                    } else {
                        found.clone()
                    }
                })
                .clone(),
        };
        out.push_str(&text[last..m.start()]);
        out.push_str(&replacement);
        last = m.end();
    }
    out.push_str(&text[last..]);
    out
}

fn split_sentences(text: &str) -> Vec<(String, &'static str)> {
    let cleaned = sitrep_text::clean(text);
    let sentences = sitrep_text::segment(text, &cleaned.kept);
    let mut out = Vec::with_capacity(sentences.len());
    for (k, s) in sentences.iter().enumerate() {
        let sep = match sentences.get(k + 1) {
            Some(next) if text[s.end..next.start].contains('\n') => "\n\n",
            Some(_) => " ",
            None => "",
        };
        out.push((text[s.start..s.end].to_string(), sep));
    }
    out
}

fn load_articles(src: &Sources) -> anyhow::Result<Vec<Article>> {
    let mut articles = Vec::new();
    let lee = std::fs::read_to_string(&src.lee)
        .with_context(|| format!("reading {}", src.lee.display()))?;
    let lee_date = NaiveDate::from_ymd_opt(2001, 12, 1).expect("valid date");
    for line in lee.lines().filter(|l| !l.trim().is_empty()) {
        articles.push(Article {
            source: Source::Lee,
            title: None,
            date: lee_date,
            sentences: split_sentences(line.trim()),
        });
    }
    let mut docs = Vec::new();
    let mut problems = Vec::new();
    sitrep_ingest::read_inputs(
        std::slice::from_ref(&src.karabakh),
        &sitrep_ingest::ReadOptions::new(),
        &mut |item| match item {
            Ok(d) => docs.push(d),
            Err(e) => problems.push(format!("{}: {}", e.origin, e.message)),
        },
    );
    if docs.is_empty() {
        anyhow::bail!(
            "no documents in {}: {}",
            src.karabakh.display(),
            problems.join("; ")
        );
    }
    let karabakh_date = NaiveDate::from_ymd_opt(2020, 10, 15).expect("valid date");
    for d in docs {
        articles.push(Article {
            source: Source::Karabakh,
            title: d.title.clone(),
            date: d.date.unwrap_or(karabakh_date),
            sentences: split_sentences(&d.text),
        });
    }
    Ok(articles)
}

/// What was written.
pub struct Written {
    pub docs: usize,
    pub bytes: usize,
    pub base_articles: usize,
}

/// Generate the corpus as JSONL (`id`, `title`, `date`, `text`, `source`, `base`).
pub fn generate(src: &Sources, opts: &Options, out: &mut dyn Write) -> anyhow::Result<Written> {
    let articles = load_articles(src)?;
    let mut common: HashSet<String> = HashSet::new();
    for a in &articles {
        for (s, _) in &a.sentences {
            for w in s.split(|c: char| !c.is_alphabetic()) {
                if w.chars().next().is_some_and(|c| c.is_lowercase()) {
                    common.insert(w.to_string());
                }
            }
        }
    }
    let names = Names::load(&src.data, &common)?;
    let by_source = |s: Source| -> Vec<usize> {
        (0..articles.len())
            .filter(|&i| articles[i].source == s)
            .collect()
    };
    let lee = by_source(Source::Lee);
    let karabakh = by_source(Source::Karabakh);
    let pool = |ids: &[usize]| -> Vec<(usize, usize)> {
        ids.iter()
            .flat_map(|&a| (0..articles[a].sentences.len()).map(move |s| (a, s)))
            .collect()
    };
    let lee_pool = pool(&lee);
    let karabakh_pool = pool(&karabakh);
    let mut rng = Rng::new(opts.seed);
    let mut written = Written {
        docs: 0,
        bytes: 0,
        base_articles: articles.len(),
    };
    for n in 0..opts.docs {
        let use_lee = !lee.is_empty() && (karabakh.is_empty() || rng.chance(opts.lee_share));
        let (ids, sentence_pool) = if use_lee {
            (&lee, &lee_pool)
        } else {
            (&karabakh, &karabakh_pool)
        };
        let base_id = ids[rng.below(ids.len())];
        let base = &articles[base_id];
        let mut swaps = Swaps::new(&mut rng);
        let mut text = String::new();
        for (k, (sentence, sep)) in base.sentences.iter().enumerate() {
            let s = if k > 0 && !sentence_pool.is_empty() && rng.chance(opts.swap) {
                let (a, i) = sentence_pool[rng.below(sentence_pool.len())];
                &articles[a].sentences[i].0
            } else {
                sentence
            };
            text.push_str(&substitute(s, &names, &mut swaps, &mut rng));
            text.push_str(sep);
        }
        let title = base
            .title
            .as_ref()
            .map(|t| substitute(t, &names, &mut swaps, &mut rng));
        let shift = match base.source {
            Source::Lee => rng.below(61) as i64 - 30,
            Source::Karabakh => rng.below(31) as i64 - 15,
        };
        let date = base.date + Duration::days(shift);
        let record = serde_json::json!({
            "id": format!("bench-{n:05}"),
            "title": title,
            "date": date.format("%Y-%m-%d").to_string(),
            "source": base.source.name(),
            "base": base_id,
            "text": text,
        });
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
        written.docs += 1;
        written.bytes += text.len();
    }
    out.flush()?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_a_fixed_sequence() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert!((0..1000).all(|_| a.below(3) < 3));
    }

    #[test]
    fn names_are_swapped_consistently_and_only_as_whole_words() {
        let common = HashSet::new();
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        let names = Names::load(&data, &common).unwrap();
        let text = "Troops shelled Armenia on Monday. Armenia said so on Mondays.";
        let mut swapped = 0;
        for seed in 0..20 {
            let mut rng = Rng::new(seed);
            let mut swaps = Swaps::new(&mut rng);
            let out = substitute(text, &names, &mut swaps, &mut rng);
            let to = swaps
                .countries
                .values()
                .next()
                .copied()
                .expect("Armenia matched");
            let name = names.countries[to].name.as_str();
            assert_eq!(out.matches(name).count(), 2, "{out}");
            assert!(out.ends_with(" on Mondays."), "{out}");
            if name != "Armenia" {
                swapped += 1;
            }
        }
        assert!(swapped > 0);
    }
}

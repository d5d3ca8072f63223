//! PETRARCH unit-test records: raw sentence text and the expected
//! (source, target, event code) triples, coded with the records' own
//! fictional-world dictionaries (Arnor, Gondor, …).
//!
//! A triple is right when sitrep codes an event with exactly that source
//! code, target code and event code; right at the root when the actors
//! match and the first two digits of the code do. Actor accuracy is reported
//! separately, over the expected events sitrep found (same code or root);
//! how many expected events are found at all, by root code whoever the
//! actors, is printed beside it ("root code coded, actors aside") so the
//! act and its actors can be read apart.
//!
//! `<Config>` elements between records are honoured as PETRARCH's own
//! validation does: `require_dyad` (true until the file says otherwise)
//! keeps only events with both roles filled, and `new_actor_length` sets
//! how long a name sitrep reports for an actor no dictionary codes, which
//! PETRARCH writes as the quoted words (`"THE MINISTRY OF MAGIC"`) and
//! scores like a code. The `comma_*` options tune PETRARCH's pruning of
//! comma-delimited clauses, which sitrep does not do; they are ignored.

use crate::{ratio, Prf};
use anyhow::Context;
use rayon::prelude::*;
use serde::Serialize;
use sitrep_model::{Actor, DateSource, Document, Event, NamedSpan};
use sitrep_pipeline::{Config, Pipeline};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// (source code, target code, event code).
pub type Triple = (String, String, String);

/// One record.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub id: String,
    pub category: String,
    pub date: Option<chrono::NaiveDate>,
    pub text: String,
    /// Expected (source, target, code); empty with `noevents`.
    pub expected: Vec<(String, String, String)>,
    /// The record expects no event at all.
    pub no_events: bool,
    /// The record tests an error condition (bad parses, datelines): skipped.
    pub error_test: bool,
    /// The record tests the discard list (a sentence or story not to code):
    /// right when nothing is coded, scored apart from the triples.
    pub discard: bool,
    /// The records file's `<Config option="new_actor_length">` in force:
    /// the longest uncoded actor, in words, written as its text (0: none,
    /// PETRARCH's default).
    pub new_actor_length: usize,
    /// The records file's `<Config option="require_dyad">` in force
    /// (PETRARCH's default: true).
    pub require_dyad: bool,
    /// Where the record's gold parse reads other words than its text ("text
    /// \"government\", parse \"Congresses\""): the expected codes were made
    /// from the parse.
    pub parse_differs: Option<String>,
}

/// Lower-case letters and digits of each word.
fn plain_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// How a parse's words differ from the text's, if they do. Tokenisation
/// ("is n't" for "isn't", `-LRB-` for a bracket) is no difference.
fn parse_difference(text: &str, parse: &str) -> Option<String> {
    let leaves: Vec<&str> = parse
        .split(')')
        .filter_map(|p| p.rsplit_once(' ').map(|(_, w)| w.trim()))
        .filter(|w| !w.is_empty() && !w.starts_with('(') && !matches!(*w, "-LRB-" | "-RRB-"))
        .collect();
    let (t, p) = (plain_words(text), plain_words(&leaves.join(" ")));
    if t.concat() == p.concat() {
        return None;
    }
    let pre = t.iter().zip(&p).take_while(|(a, b)| a == b).count();
    let suf = t[pre..]
        .iter()
        .rev()
        .zip(p[pre..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    Some(format!(
        "text {:?}, parse {:?}",
        t[pre..t.len() - suf].join(" "),
        p[pre..p.len() - suf].join(" ")
    ))
}

/// Whether a code can be put together from dictionary codes (an actor's,
/// then agents' stacked on it); `---`, a bare agent and quoted words always can.
fn composable(code: &str, codes: &BTreeSet<String>) -> bool {
    fn rest_ok(rest: &str, codes: &BTreeSet<String>) -> bool {
        rest.is_empty()
            || codes
                .iter()
                .any(|c| rest.starts_with(c.as_str()) && rest_ok(&rest[c.len()..], codes))
    }
    code == "---" || code.starts_with('"') || rest_ok(code, codes)
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let i = tag.find(&format!("{name}="))?;
    let rest = tag[i + name.len() + 1..].trim_start();
    let q = rest.chars().next()?;
    if q != '"' && q != '\'' {
        return None;
    }
    let end = rest[1..].find(q)?;
    Some(rest[1..1 + end].to_string())
}

/// PETRARCH writes an agent without a country as `---GOV`; sitrep writes
/// `GOV`. A missing actor stays `---`.
fn normalise_code(c: &str) -> String {
    match c.strip_prefix("---") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => c.to_string(),
    }
}

/// Parse the records file.
pub fn parse_records(xml: &str) -> Vec<Record> {
    let mut out = Vec::new();
    let mut rest = xml;
    let mut new_actor_length = 0;
    let mut require_dyad = true;
    while let Some(i) = rest.find("<Sentence ") {
        // options set between records hold for the records after them
        let mut between = &rest[..i];
        while let Some(c) = between.find("<Config ") {
            let tag = &between[c..between[c..].find('>').map_or(between.len(), |e| c + e)];
            let value = attr(tag, "value").unwrap_or_default().trim().to_lowercase();
            match attr(tag, "option").as_deref() {
                Some("new_actor_length") => {
                    if let Ok(n) = value.parse() {
                        new_actor_length = n;
                    }
                }
                Some("require_dyad") if value == "true" || value == "false" => {
                    require_dyad = value == "true";
                }
                _ => {}
            }
            between = &between[c + 8..];
        }
        let after = &rest[i..];
        let Some(end) = after.find("</Sentence>") else {
            break;
        };
        let block = &after[..end];
        rest = &after[end + 11..];
        let head_end = block.find('>').unwrap_or(block.len());
        let head = &block[..head_end];
        let id = attr(head, "id").unwrap_or_default();
        let category = attr(head, "category").unwrap_or_default();
        let date =
            attr(head, "date").and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y%m%d").ok());
        let text = match (block.find("<Text>"), block.find("</Text>")) {
            (Some(a), Some(b)) if b > a => block[a + 6..b]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            _ => continue,
        };
        let parse_differs = match (block.find("<Parse>"), block.find("</Parse>")) {
            (Some(a), Some(b)) if b > a => parse_difference(&text, &block[a + 7..b]),
            _ => None,
        };
        let mut expected = Vec::new();
        let mut no_events = false;
        let mut error_test = false;
        let mut discard = false;
        let mut r = block;
        while let Some(j) = r.find("<EventCoding") {
            let t = &r[j..];
            let e = t.find('>').unwrap_or(t.len());
            let tag = &t[..e];
            if tag.contains("noevents") {
                no_events = true;
            } else if tag.contains("discard\"") {
                discard = true;
            } else if tag.contains("error=") {
                error_test = true;
            } else if let (Some(s), Some(tg), Some(c)) = (
                attr(tag, "sourcecode"),
                attr(tag, "targetcode"),
                attr(tag, "eventcode"),
            ) {
                expected.push((normalise_code(&s), normalise_code(&tg), c));
            }
            r = &t[e..];
        }
        out.push(Record {
            id,
            category,
            date,
            text,
            expected,
            no_events,
            error_test,
            discard,
            new_actor_length,
            require_dyad,
            parse_differs,
        });
    }
    out
}

/// What happened to one expected triple.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub id: String,
    pub category: String,
    pub text: String,
    pub expected: Vec<(String, String, String)>,
    pub got: Vec<(String, String, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub records: usize,
    pub triples: usize,
    pub exact: usize,
    pub root: usize,
    pub exact_rate: f64,
    pub root_rate: f64,
    /// Over expected events found (code or root right): both actors right.
    pub found_events: usize,
    pub actors_right: usize,
    pub actor_rate: f64,
    /// The same by record, as the issue states it: records with an expected
    /// event found, and those where every found event has both actors right.
    pub found_records: usize,
    pub records_actors_right: usize,
    pub record_actor_rate: f64,
    /// Records expecting no event that got none.
    pub no_event_records: usize,
    pub no_event_right: usize,
    /// Records testing the discard list, and those coding nothing.
    pub discard_records: usize,
    pub discard_right: usize,
    /// Precision over all coded triples (of records with expectations).
    pub precision: f64,
    pub per_category: BTreeMap<String, Prf>,
    pub failures: Vec<Failure>,
    /// Expected triples missed that no coder reading the record's text with
    /// its dictionaries could give, with why: the gold parse reads other
    /// words than the text, or a code is in no dictionary.
    pub beyond_text: Vec<(String, Triple, String)>,
    /// Exact triples over the expected ones less `beyond_text`.
    pub within_text_rate: f64,
}

/// An actor no dictionary codes is written by PETRARCH as its words, upper
/// case and quoted, without possessive endings: `"GRYFFINDOR HEAD MINERVA
/// MCGONAGALL"` for "Gryffindor's head Minerva McGonagall".
fn text_code(n: &NamedSpan) -> String {
    let words: Vec<String> = n
        .text
        .split_whitespace()
        .map(|w| {
            let w = w.trim_end_matches("'s").trim_end_matches("\u{2019}s");
            w.to_uppercase()
        })
        .filter(|w| !w.is_empty() && w != "'S")
        .collect();
    format!("\"{}\"", words.join(" "))
}

fn triple(e: &Event) -> (String, String, String) {
    let code = |a: &Option<Actor>, n: &Option<NamedSpan>| {
        a.as_ref()
            .map(|a| a.code.clone())
            .or_else(|| n.as_ref().map(text_code))
            .unwrap_or_else(|| "---".into())
    };
    (
        code(&e.source, &e.uncoded_source),
        code(&e.target, &e.uncoded_target),
        e.cameo.code.clone(),
    )
}

/// Run the evaluation. `dir` holds the records file and the `PETR.Validate.*` dictionaries.
/// `min_confidence`: `None` outputs what `sitrep code` would (the
/// confidence model's threshold), `Some(0.0)` every event the coder makes.
pub fn evaluate(dir: &Path, min_confidence: Option<f64>) -> anyhow::Result<Report> {
    let xml = std::fs::read_to_string(dir.join("PETR.UnitTest.records.xml"))
        .context("reading PETR.UnitTest.records.xml")?;
    let records = parse_records(&xml);
    let cfg = Config {
        actor_dicts: vec![dir.join("PETR.Validate.actors.txt")],
        agent_dicts: vec![dir.join("PETR.Validate.agents.txt")],
        verb_dicts: vec![dir.join("PETR.Validate.verbs.txt")],
        only_given_actors: true,
        only_given_verbs: true,
        discard_lists: vec![dir.join("PETR.Validate.discards.txt")],
        only_given_discards: true,
        no_places: true,
        any_language: true,
        min_confidence,
        ..Default::default()
    };
    // one pipeline for each configuration the records ask for
    let mut pipelines = BTreeMap::new();
    for r in &records {
        let key = (r.new_actor_length, r.require_dyad);
        if let std::collections::btree_map::Entry::Vacant(v) = pipelines.entry(key) {
            v.insert(Pipeline::new(&Config {
                uncoded_name_words: Some(r.new_actor_length),
                require_dyad: r.require_dyad,
                ..cfg.clone()
            })?);
        }
    }
    let coded: Vec<(Record, Vec<Triple>)> = records
        .into_par_iter()
        .filter(|r| !r.error_test || r.discard)
        .map(|r| {
            let pipeline = &pipelines[&(r.new_actor_length, r.require_dyad)];
            let doc = Document {
                id: r.id.clone(),
                text: r.text.clone(),
                date: r.date,
                date_source: DateSource::Record,
                ..Default::default()
            };
            let ann = pipeline.annotate(&doc);
            let got: Vec<_> = ann
                .events
                .iter()
                .filter(|e| e.modality != sitrep_model::Modality::Negated)
                .map(triple)
                .collect();
            (r, got)
        })
        .collect();
    let mut rep = Report {
        records: coded.len(),
        triples: 0,
        exact: 0,
        root: 0,
        exact_rate: 0.0,
        root_rate: 0.0,
        found_events: 0,
        actors_right: 0,
        actor_rate: 0.0,
        found_records: 0,
        records_actors_right: 0,
        record_actor_rate: 0.0,
        no_event_records: 0,
        no_event_right: 0,
        discard_records: 0,
        discard_right: 0,
        precision: 0.0,
        per_category: BTreeMap::new(),
        failures: Vec::new(),
        beyond_text: Vec::new(),
        within_text_rate: 0.0,
    };
    // the codes the records' own dictionaries give, as the pipeline loaded them
    let codes = pipelines
        .values()
        .next()
        .map(|p| p.actors.codes())
        .unwrap_or_default();
    let mut coded_triples = 0;
    let mut correct_coded = 0;
    for (r, got) in &coded {
        if r.discard || r.no_events || r.expected.is_empty() {
            let (records, right) = if r.discard {
                (&mut rep.discard_records, &mut rep.discard_right)
            } else {
                (&mut rep.no_event_records, &mut rep.no_event_right)
            };
            *records += 1;
            if got.is_empty() {
                *right += 1;
            } else {
                rep.failures.push(Failure {
                    id: r.id.clone(),
                    category: r.category.clone(),
                    text: r.text.clone(),
                    expected: vec![],
                    got: got.clone(),
                });
            }
            continue;
        }
        coded_triples += got.len();
        correct_coded += got.iter().filter(|g| r.expected.contains(g)).count();
        let cat = rep.per_category.entry(r.category.clone()).or_default();
        let mut all_right = true;
        let (mut rec_found, mut rec_actors_right) = (false, true);
        for (s, t, c) in &r.expected {
            rep.triples += 1;
            cat.support += 1;
            let exact = got.iter().any(|g| g.0 == *s && g.1 == *t && g.2 == *c);
            let root = got
                .iter()
                .any(|g| g.0 == *s && g.1 == *t && g.2.get(..2) == c.get(..2));
            if exact {
                rep.exact += 1;
                cat.tp += 1;
            } else {
                cat.fn_ += 1;
                all_right = false;
                let why = if let Some(d) = &r.parse_differs {
                    Some(format!("the gold parse reads other words ({d})"))
                } else {
                    [s, t]
                        .into_iter()
                        .find(|x| !composable(x, &codes))
                        .map(|x| format!("{x} is in no dictionary"))
                };
                if let Some(why) = why {
                    rep.beyond_text
                        .push((r.id.clone(), (s.clone(), t.clone(), c.clone()), why));
                }
            }
            if root {
                rep.root += 1;
            }
            // actor accuracy over the events found by code: found when some
            // coded event has the code's root, right when one of those has
            // both actors (a compound gives several events of one code, so
            // the first of them is not the one to judge every pair by)
            let same_root = |g: &&(String, String, String)| g.2.get(..2) == c.get(..2);
            if got.iter().any(|g| same_root(&g)) {
                rep.found_events += 1;
                rec_found = true;
                if root {
                    rep.actors_right += 1;
                } else {
                    rec_actors_right = false;
                }
            }
        }
        if rec_found {
            rep.found_records += 1;
            if rec_actors_right {
                rep.records_actors_right += 1;
            }
        }
        cat.fp += got.iter().filter(|g| !r.expected.contains(g)).count();
        if !all_right {
            rep.failures.push(Failure {
                id: r.id.clone(),
                category: r.category.clone(),
                text: r.text.clone(),
                expected: r.expected.clone(),
                got: got.clone(),
            });
        }
    }
    for v in rep.per_category.values_mut() {
        v.precision = ratio(v.tp, v.tp + v.fp);
        v.recall = ratio(v.tp, v.tp + v.fn_);
        v.f1 = if v.precision + v.recall > 0.0 {
            2.0 * v.precision * v.recall / (v.precision + v.recall)
        } else {
            0.0
        };
    }
    rep.exact_rate = ratio(rep.exact, rep.triples);
    rep.within_text_rate = ratio(rep.exact, rep.triples - rep.beyond_text.len());
    rep.root_rate = ratio(rep.root, rep.triples);
    rep.actor_rate = ratio(rep.actors_right, rep.found_events);
    rep.record_actor_rate = ratio(rep.records_actors_right, rep.found_records);
    rep.precision = ratio(correct_coded, coded_triples);
    Ok(rep)
}

impl Report {
    pub fn to_text(&self, show_failures: usize) -> String {
        let mut s = String::new();
        s.push_str(&format!(
            "PETRARCH unit records: {} records, {} expected triples\n\
             exact (source, target, code): {}/{} = {:.1}%\n\
             right at the root code:       {}/{} = {:.1}%\n\
             root code coded, actors aside: {}/{} = {:.1}%\n\
             precision of coded triples:   {:.1}%\n\
                          actors right where the event was found: {}/{} = {:.1}% of events, {}/{} = {:.1}% of records\n\
             no-event records with no event: {}/{}\n\
             discard records with no event:  {}/{}\n\n",
            self.records,
            self.triples,
            self.exact,
            self.triples,
            100.0 * self.exact_rate,
            self.root,
            self.triples,
            100.0 * self.root_rate,
            self.found_events,
            self.triples,
            100.0 * ratio(self.found_events, self.triples),
            100.0 * self.precision,
                        self.actors_right,
            self.found_events,
            100.0 * self.actor_rate,
            self.records_actors_right,
            self.found_records,
            100.0 * self.record_actor_rate,
            self.no_event_right,
            self.no_event_records,
            self.discard_right,
            self.discard_records
        ));
        let within = self.triples - self.beyond_text.len();
        s.push_str(&format!(
            "missed triples no coder could give from the text: {} (below)\n\
             exact over the other {}:      {}/{} = {:.1}%\n",
            self.beyond_text.len(),
            within,
            self.exact,
            within,
            100.0 * self.within_text_rate
        ));
        for (id, t, why) in &self.beyond_text {
            s.push_str(&format!("  {id} {t:?}: {why}\n"));
        }
        s.push('\n');
        s.push_str(&format!(
            "{:<12} {:>6} {:>6} {:>6} {:>7}\n",
            "category", "P", "R", "F1", "triples"
        ));
        for (k, v) in &self.per_category {
            s.push_str(&format!(
                "{:<12} {:>6.3} {:>6.3} {:>6.3} {:>7}\n",
                k, v.precision, v.recall, v.f1, v.support
            ));
        }
        if show_failures > 0 {
            s.push_str(&format!(
                "\nfailures ({} records; first {}):\n",
                self.failures.len(),
                show_failures.min(self.failures.len())
            ));
            for f in self.failures.iter().take(show_failures) {
                s.push_str(&format!(
                    "- {} [{}] {}\n  expected {:?}\n  got      {:?}\n",
                    f.id, f.category, f.text, f.expected, f.got
                ));
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_records() {
        let xml = r#"<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor is about to restore full diplomatic ties with Gondor.
</Text>
</Sentence>
<Sentence date="19950101" id="X" category="ERROR"><EventCoding noevents = "True"></EventCoding><Text>Nothing.</Text></Sentence>"#;
        let r = parse_records(xml);
        assert_eq!(r.len(), 2);
        assert_eq!(
            r[0].expected,
            vec![("ARN".to_string(), "GON".to_string(), "064".to_string())]
        );
        assert_eq!(
            r[0].text,
            "Arnor is about to restore full diplomatic ties with Gondor."
        );
        assert!(r[1].no_events);
        assert_eq!(r[0].new_actor_length, 0);
    }

    #[test]
    fn config_between_records_holds_for_the_records_after() {
        let rec = |id: &str| {
            format!(
                r#"<Sentence date="19950101" id="{id}" category="ACTOR"><EventCoding noevents = "True"></EventCoding><Text>Nothing.</Text></Sentence>"#
            )
        };
        let xml = format!(
            "{}\n<Config option=\"new_actor_length\" value=\"4\"></Config>\n{}\n{}\n<Config option=\"new_actor_length\" value=\"0\"></Config>{}",
            rec("a"),
            rec("b"),
            rec("c"),
            rec("d")
        );
        let n: Vec<usize> = parse_records(&xml)
            .iter()
            .map(|r| r.new_actor_length)
            .collect();
        assert_eq!(n, vec![0, 4, 4, 0]);
        let xml = format!(
            "{}<Config option=\"require_dyad\" value=\"FALSE\"></Config>{}",
            rec("a"),
            rec("b")
        );
        let d: Vec<bool> = parse_records(&xml).iter().map(|r| r.require_dyad).collect();
        assert_eq!(d, vec![true, false]);
    }

    #[test]
    fn a_parse_reading_other_words_is_told_apart_from_tokenisation() {
        assert_eq!(
            parse_difference(
                "The Calenardhon government condemned it",
                "(S (NP (DT The) (JJ Calenardhon) (NN Congresses)) (VP (VBD condemned) (NP (PRP it))))"
            )
            .as_deref(),
            Some("text \"government\", parse \"congresses\"")
        );
        assert_eq!(
            parse_difference(
                "Arnor isn't (yet) here",
                "(S (NP (NNP Arnor)) (VP (VBZ is) (RB n't) (-LRB- -LRB-) (RB yet) (-RRB- -RRB-) (RB here)))"
            ),
            None
        );
    }

    #[test]
    fn codes_are_composed_from_dictionary_codes() {
        let codes: BTreeSet<String> = ["GON", "GOV", "MIL", "GOVFRM"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(composable("GONGOVFRM", &codes));
        assert!(composable("GONMIL", &codes));
        assert!(composable("---", &codes));
        assert!(!composable("###", &codes));
        assert!(!composable("XYZGOV", &codes));
    }

    #[test]
    fn an_uncoded_actor_is_written_as_its_words() {
        let n = NamedSpan {
            text: "Gryffindor's head Minerva McGonagall".into(),
            start: 0,
            end: 36,
        };
        assert_eq!(text_code(&n), "\"GRYFFINDOR HEAD MINERVA MCGONAGALL\"");
    }
}

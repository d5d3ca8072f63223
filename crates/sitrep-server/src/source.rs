//! The source text behind an event: the sentences that report it, with the
//! actors, the predicate, the place and the date marked by their offsets.

use serde::Serialize;
use sitrep_model::{Actor, Annotation, Claim, Event};
use sitrep_store::Db;

/// A marked span, in byte offsets into the document text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Highlight {
    /// `source`, `target`, `predicate`, `place`, `date` or `claimant`.
    pub kind: &'static str,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// What the span was coded as (`AZEMIL`, `194 Fight with artillery…`).
    pub label: String,
}

/// One sentence reporting the event.
#[derive(Debug, Clone, Serialize)]
pub struct SourceSentence {
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Non-overlapping, in text order.
    pub highlights: Vec<Highlight>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentMeta {
    pub doc_id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventSource {
    pub event: Event,
    pub document: Option<DocumentMeta>,
    pub sentences: Vec<SourceSentence>,
    /// Casualty and captive figures from the same document.
    pub claims: Vec<Claim>,
}

/// Look up an event and the text behind it.
pub fn event_source(store: &Db, event_id: &str) -> anyhow::Result<Option<EventSource>> {
    let Some(event) = store.event(event_id)? else {
        return Ok(None);
    };
    let doc = store.document(&event.doc_id)?;
    let ann = store.annotation(&event.doc_id)?;
    let text = match (&ann, &doc) {
        (Some(a), _) => a.text.as_str(),
        (None, Some(d)) => d.text.as_str(),
        (None, None) => "",
    };
    let sentences = sentences(&event, text, ann.as_ref());
    let claims = store.claims_for_document(&event.doc_id)?;
    Ok(Some(EventSource {
        document: doc.map(|d| DocumentMeta {
            doc_id: d.doc_id,
            title: d.title,
            url: d.url,
            date: d.date,
            outlet: d.outlet,
        }),
        event,
        sentences,
        claims,
    }))
}

fn actor_label(a: &Actor) -> String {
    if a.name.is_empty() || a.name == a.code {
        a.code.clone()
    } else {
        format!("{} ({})", a.code, a.name)
    }
}

/// The sentences of an event with their marks.
pub fn sentences(event: &Event, text: &str, ann: Option<&Annotation>) -> Vec<SourceSentence> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for m in &event.mentions {
        if !seen.insert(m.sentence) {
            continue;
        }
        // the annotation's sentence span when there is one, else the mention's
        let (start, end) = ann
            .and_then(|a| a.sentences.iter().find(|s| s.index == m.sentence))
            .map(|s| (s.start, s.end))
            .unwrap_or((m.start, m.end));
        let Some(sentence_text) = text.get(start..end) else {
            // offsets that do not fit the text: show what was stored, unmarked
            out.push(SourceSentence {
                sentence: m.sentence,
                start: m.start,
                end: m.end,
                text: m.text.clone(),
                highlights: vec![],
            });
            continue;
        };
        let mut cands: Vec<Highlight> = Vec::new();
        let mut add = |kind: &'static str, s: usize, e: usize, label: String| {
            if s < e && start <= s && e <= end {
                if let Some(t) = text.get(s..e) {
                    cands.push(Highlight {
                        kind,
                        start: s,
                        end: e,
                        text: t.to_string(),
                        label,
                    });
                }
            }
        };
        for (kind, actor) in [
            ("source", &event.source),
            ("target", &event.target),
            ("claimant", &event.claimant),
        ] {
            let Some(a) = actor else { continue };
            add(kind, a.start, a.end, actor_label(a));
            // the same actor named in other sentences of a merged event
            if let Some(ann) = ann {
                for am in ann
                    .actors
                    .iter()
                    .filter(|am| am.sentence == m.sentence && am.actor.id == a.id)
                {
                    add(kind, am.actor.start, am.actor.end, actor_label(a));
                }
            }
        }
        let x = &event.explanation;
        add(
            "predicate",
            x.predicate_start,
            x.predicate_end,
            format!("{} {}", event.cameo.code, event.cameo.label),
        );
        if let Some(ann) = ann {
            if let Some(loc) = &event.location {
                for p in ann.places.iter().filter(|p| {
                    p.sentence == m.sentence
                        && (p.place.geonameid.is_some() && p.place.geonameid == loc.geonameid
                            || p.place.name == loc.name)
                }) {
                    add("place", p.start, p.end, loc.name.clone());
                }
            }
            if let Some(d) = event.date {
                let day = d.to_string();
                for t in ann.timexes.iter().filter(|t| {
                    t.sentence == m.sentence
                        && t.value
                            .as_deref()
                            .is_some_and(|v| !v.is_empty() && day.starts_with(v))
                }) {
                    add(
                        "date",
                        t.start,
                        t.end,
                        format!("{day} ({})", t.value.as_deref().unwrap_or("")),
                    );
                }
            }
        }
        out.push(SourceSentence {
            sentence: m.sentence,
            start,
            end,
            text: sentence_text.to_string(),
            highlights: resolve(cands),
        });
    }
    out
}

/// Candidates are listed by priority; each keeps only the parts not already
/// taken by an earlier one (so a predicate phrase "killing one civilian"
/// keeps "killing one" around the target "civilian"), trimmed of spaces.
/// Returned in text order, non-overlapping.
fn resolve(cands: Vec<Highlight>) -> Vec<Highlight> {
    let mut kept: Vec<Highlight> = Vec::new();
    for c in cands {
        let mut pieces = vec![(c.start, c.end)];
        for k in &kept {
            pieces = pieces
                .into_iter()
                .flat_map(|(s, e)| {
                    if e <= k.start || k.end <= s {
                        vec![(s, e)]
                    } else {
                        [(s, k.start), (k.end, e)]
                            .into_iter()
                            .filter(|(a, b)| a < b)
                            .collect()
                    }
                })
                .collect();
        }
        for (s, e) in pieces {
            let Some(t) = c.text.get(s - c.start..e - c.start) else {
                continue;
            };
            let lead = t.len() - t.trim_start().len();
            let t = t.trim();
            if t.is_empty() {
                continue;
            }
            kept.push(Highlight {
                kind: c.kind,
                start: s + lead,
                end: s + lead + t.len(),
                text: t.to_string(),
                label: c.label.clone(),
            });
        }
    }
    kept.sort_by_key(|h| h.start);
    kept
}

/// The sentence as HTML with `<mark>` around each highlight.
pub fn marked_html(s: &SourceSentence) -> String {
    use crate::html::esc;
    let mut out = String::new();
    let mut at = s.start;
    for h in &s.highlights {
        out.push_str(&esc(&s.text[at - s.start..h.start - s.start]));
        out.push_str(&format!(
            r#"<mark class="hl-{}" title="{}: {}">{}</mark>"#,
            h.kind,
            h.kind,
            esc(&h.label),
            esc(&h.text)
        ));
        at = h.end;
    }
    out.push_str(&esc(&s.text[at - s.start..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hl(kind: &'static str, start: usize, end: usize, doc: &str) -> Highlight {
        Highlight {
            kind,
            start,
            end,
            text: doc[start..end].to_string(),
            label: String::new(),
        }
    }

    #[test]
    fn earlier_listed_spans_win_and_later_ones_keep_the_rest() {
        let doc = "Armenian forces shelled Ganja, killing one civilian on Sunday.";
        let r = resolve(vec![
            hl("source", 0, 15, doc),
            hl("target", 43, 51, doc),
            hl("predicate", 31, 51, doc), // "killing one civilian"
            hl("place", 24, 29, doc),
            hl("date", 0, 8, doc), // inside the source: dropped
        ]);
        let got: Vec<_> = r.iter().map(|h| (h.kind, h.text.as_str())).collect();
        assert_eq!(
            got,
            [
                ("source", "Armenian forces"),
                ("place", "Ganja"),
                ("predicate", "killing one"),
                ("target", "civilian"),
            ]
        );
    }

    #[test]
    fn marks_escape_text() {
        let s = SourceSentence {
            sentence: 0,
            start: 100,
            end: 118,
            text: "A <b> shelled B&C.".into(),
            highlights: vec![Highlight {
                kind: "predicate",
                start: 106,
                end: 113,
                text: "shelled".into(),
                label: "194".into(),
            }],
        };
        assert_eq!(
            marked_html(&s),
            r#"A &lt;b&gt; <mark class="hl-predicate" title="predicate: 194">shelled</mark> B&amp;C."#
        );
    }
}

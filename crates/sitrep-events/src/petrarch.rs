//! A loader for PETRARCH verb dictionaries (`--verbs FILE`).
//!
//! The format has synonym sets (`&NAME` followed by `+member` lines, members
//! may be other sets), then verb blocks: a header `--- NAME [CODE] ---`, the
//! block's verbs (with irregular forms in `{…}`, an optional own code in
//! `[…]`, multi-word verbs with `+` before the verb word: `+CALL_OFF`,
//! `WIRE_+TAP`), and patterns `- WORDS * WORDS [CODE]` shared by every verb
//! of the block. `$` and `+` standing alone in a pattern mark where the
//! source and the target stand (`- + WAS * DEAD IN $`: the one shot is
//! before "was", the one who shot after "in"); they become slots that
//! override the roles sitrep reads from the sentence; `^` passes over one
//! noun phrase. `%` (a compound actor) is dropped. A pattern coded `+++`
//! (TABARI's mark of a complex phrase left for coding by hand) codes
//! nothing. Pattern words match only as written (no plural is added).

use crate::lexicon::{PredKind, PredicateLexicon};
use std::collections::HashMap;

fn strip_comment(line: &str) -> &str {
    line.find('#').map_or(line, |i| &line[..i])
}

fn bracket(s: &str) -> Option<(&str, &str)> {
    let a = s.rfind('[')?;
    let b = s[a..].find(']')? + a;
    Some((&s[..a], &s[a + 1..b]))
}

/// Words of a PETRARCH phrase, lowercase; `_` and spaces both separate words.
fn words(s: &str) -> Vec<String> {
    s.split(['_', ' '])
        .map(|w| {
            w.trim_matches(|c| c == '$' || c == '%' || c == '^')
                .trim_start_matches('+')
        })
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

struct Verb {
    lemma: String,
    forms: Vec<String>,
    before: Vec<String>,
    after: Vec<String>,
    code: Option<String>,
}

/// Parse one verb line into its lemma, forms and fixed words.
fn parse_verb(line: &str) -> Option<Verb> {
    let (head, code) = match bracket(line) {
        Some((h, c)) => (h, Some(c.trim().to_string())),
        None => (line, None),
    };
    let (main, forms_part) = match head.find('{') {
        Some(i) => (
            &head[..i],
            Some(&head[i + 1..head[i..].find('}').map_or(head.len(), |j| i + j)]),
        ),
        None => (head, None),
    };
    let main = main.trim().trim_start_matches('+');
    let parts: Vec<&str> = main.split('_').filter(|p| !p.is_empty()).collect();
    // the verb word is marked with '+' in multi-word verbs; else the first word
    let vi = parts.iter().position(|p| p.starts_with('+')).unwrap_or(0);
    let lemma = parts.get(vi)?.trim_start_matches('+').to_lowercase();
    if lemma.is_empty() {
        return None;
    }
    let before = parts[..vi].iter().map(|p| p.to_lowercase()).collect();
    let after = parts[vi + 1..].iter().map(|p| p.to_lowercase()).collect();
    let forms = forms_part
        .map(|f| {
            f.split_whitespace()
                .filter_map(|x| {
                    let ps: Vec<&str> = x.split('_').collect();
                    let vi = ps.iter().position(|p| p.starts_with('+')).unwrap_or(0);
                    ps.get(vi).map(|p| p.trim_start_matches('+').to_lowercase())
                })
                .filter(|x| !x.is_empty())
                .collect()
        })
        .unwrap_or_default();
    Some(Verb {
        lemma,
        forms,
        before,
        after,
        code,
    })
}

/// Whether a code codes an event: not the null code `---`, and not
/// TABARI's `+++`, which flags a complex phrase for coding by hand (the
/// sentence is then coded by the verb's other patterns).
fn usable(code: &str) -> bool {
    let first = code.split(':').next().unwrap_or("").trim();
    !first.is_empty() && !first.contains("---") && first != "+++"
}

/// The fixed words of a multi-word verb, tied to it: those before as one
/// chunk ending in "~" ("wire~" for `WIRE_+TAP`), those after as one
/// starting with "~" ("~off" for `+CALL_OFF`).
fn verb_words(v: &Verb) -> (Option<String>, Option<String>) {
    let before = (!v.before.is_empty()).then(|| format!("{}~", v.before.join("~")));
    let after = (!v.after.is_empty()).then(|| format!("~{}", v.after.join("~")));
    (before, after)
}

/// Pattern text from the words before and after the predicate.
fn pattern_text(before: &[String], after: &[String]) -> String {
    if before.is_empty() {
        after.join(" ")
    } else {
        format!("{} * {}", before.join(" "), after.join(" "))
    }
}

/// Load a PETRARCH verb dictionary into the lexicon. Returns the number of
/// patterns added.
pub fn load_verbs(lex: &mut PredicateLexicon, text: &str) -> usize {
    // synonym sets first (they may be defined anywhere before use)
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();
    let mut current: Option<String> = None;
    for raw in text.lines() {
        let line = strip_comment(raw).trim();
        if line.starts_with("<!--") || line.is_empty() {
            continue;
        }
        if line.starts_with('&') {
            let name = line
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_end_matches('_')
                .to_lowercase();
            sets.entry(name.clone()).or_default();
            current = Some(name);
            continue;
        }
        if line.starts_with("---") || line.starts_with('-') && !line.starts_with("--") {
            current = None;
            continue;
        }
        if let (Some(name), Some(member)) = (&current, line.strip_prefix('+')) {
            sets.get_mut(name).unwrap().push(member.trim().to_string());
            continue;
        }
        if !line.starts_with('+') {
            current = None;
        }
    }
    // expand nested sets
    let names: Vec<String> = sets.keys().cloned().collect();
    for _ in 0..4 {
        for n in &names {
            let members = sets[n].clone();
            let mut out = Vec::new();
            for m in members {
                let key = m.trim_end_matches('_').to_lowercase();
                if m.starts_with('&') {
                    if let Some(inner) = sets.get(&key) {
                        out.extend(inner.iter().cloned());
                        continue;
                    }
                }
                out.push(m);
            }
            sets.insert(n.clone(), out);
        }
    }
    for (name, members) in &sets {
        let ms: Vec<Vec<String>> = members
            .iter()
            .filter(|m| !m.starts_with('&'))
            .map(|m| words(m))
            .filter(|w| !w.is_empty())
            .collect();
        lex.synsets.insert(name.clone(), ms);
    }
    // verb blocks
    let mut n = 0;
    let mut block_code: Option<String> = None;
    let mut verbs: Vec<Verb> = Vec::new();
    let mut in_sets = false;
    for raw in text.lines() {
        let line = strip_comment(raw).trim_end();
        let t = line.trim();
        if t.is_empty() || t.starts_with("<!--") {
            continue;
        }
        if t.starts_with("---") {
            in_sets = false;
            verbs.clear();
            block_code = bracket(t)
                .map(|(_, c)| c.trim().to_string())
                .filter(|c| usable(c));
            continue;
        }
        if t.starts_with('&') {
            in_sets = true;
            continue;
        }
        if in_sets && t.starts_with('+') {
            continue;
        }
        if let Some(p) = t.strip_prefix('-') {
            let Some((pat, code)) = bracket(p) else {
                continue;
            };
            let code = code.trim().to_string();
            if !usable(&code) {
                continue;
            }
            let pat = pat.trim();
            let (before, after) = match pat.split_once('*') {
                Some((b, a)) => (b, a),
                None => ("", pat),
            };
            // words joined by "_" must stand side by side: kept as one
            // chunk joined by "~" (a leading "_" ties the chunk to the verb)
            let conv = |s: &str| -> Vec<String> {
                let tie = |w: &str| -> String {
                    w.split('_')
                        .map(|x| {
                            // "$" and "+" alone mark where the source and the
                            // target stand, "^" a phrase to pass over: kept
                            if x == "$" || x == "+" || x == "^" {
                                return x.to_string();
                            }
                            x.trim_matches(|c| {
                                matches!(c, '$' | '%' | '^' | '+' | '(' | ')' | '{' | '}')
                            })
                            .to_lowercase()
                        })
                        .collect::<Vec<_>>()
                        .join("~")
                };
                s.split(' ')
                    .filter(|w| !w.is_empty())
                    .map(tie)
                    .filter(|w| !w.trim_matches('~').is_empty())
                    .collect()
            };
            for v in &verbs {
                // the pattern's words before come before the verb's own
                // ("WILL NOT *" for WIRE_+TAP: "will not wire tap")
                let (vb, va) = verb_words(v);
                let mut b = conv(before);
                b.extend(vb);
                let mut a: Vec<String> = va.into_iter().collect();
                a.extend(conv(after));
                let pattern = pattern_text(&b, &a);
                lex.add_pattern(
                    &v.lemma,
                    &v.forms.join("|"),
                    pattern.trim(),
                    &code,
                    "petrarch",
                    PredKind::Verb,
                );
                n += 1;
            }
            continue;
        }
        in_sets = false;
        if let Some(v) = parse_verb(t) {
            if let Some(code) = v
                .code
                .clone()
                .filter(|c| usable(c))
                .or_else(|| block_code.clone())
            {
                let (vb, va) = verb_words(&v);
                let b: Vec<String> = vb.into_iter().collect();
                let a: Vec<String> = va.into_iter().collect();
                let pattern = pattern_text(&b, &a);
                lex.add_pattern(
                    &v.lemma,
                    &v.forms.join("|"),
                    pattern.trim(),
                    &code,
                    "petrarch",
                    PredKind::Verb,
                );
                n += 1;
            }
            verbs.push(v);
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_sets_and_compound_verbs() {
        let text = "&TIETYPES\n+MILITARY\n+ECONOMIC\n--- ABANDON  [345]  ---\nABANDON    # pas\nKLM_NOP_+RST [002]\nHURRY {HURRIES HURRYING HURRIED }\n- * DIPLOMATIC TIES [901]\n- * &TIETYPES TIES [902]\n- INCHING * [083]\n--- ACCORD [---] ---\nACCORD\n- TO * [073]\n";
        let mut lex = PredicateLexicon::default();
        let n = load_verbs(&mut lex, text);
        assert!(n >= 8, "{n}");
        let pats = &lex.patterns[&("abandon".to_string(), PredKind::Verb)];
        assert!(pats.iter().any(|p| p.code == "345" && p.after.is_empty()));
        assert!(pats.iter().any(|p| p.code == "902"));
        assert!(lex.forms.contains_key("hurried"));
        let rst = &lex.patterns[&("rst".to_string(), PredKind::Verb)];
        assert!(rst.iter().any(|p| p.code == "002" && p.before.len() == 2));
        // the words of a multi-word verb stand right before it, after
        // those of a pattern
        let tap = load_verbs(
            &mut lex,
            "--- CONFISCATE [1711] ---\nWIRE_+TAP\n- WILL NOT * [081]\n- * FXLL [+++]\n",
        );
        assert_eq!(tap, 2, "a +++ pattern is not coded");
        let tap = &lex.patterns[&("tap".to_string(), PredKind::Verb)];
        let p = tap.iter().find(|p| p.code == "081").unwrap();
        assert_eq!(p.text, "will not wire~ tap");
        assert_eq!(p.tight_before, vec![false, false, true]);
        // a block without a code gives its verbs no bare event
        let acc = &lex.patterns[&("accord".to_string(), PredKind::Verb)];
        assert!(acc.iter().all(|p| p.code == "073"));
        assert!(lex.synsets["&tietypes"]
            .iter()
            .any(|m| m == &vec!["military".to_string()]));
        assert!(
            lex.code_info("901").is_some(),
            "codes outside CAMEO are kept"
        );
    }
}

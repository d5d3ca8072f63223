//! Resolving actors across the documents of a corpus.
//!
//! Within a document, [`DocMemory`] ties surnames, acronyms and "the
//! minister" to the actors named before. A [`CorpusMemory`] does the same
//! across documents: each named actor (a person or a named organisation)
//! becomes one [`CanonicalActor`] with a stable id, however newsrooms spell
//! it — "Armen Sargsyan", "Armen Sarkissian", "A. Sarkissian" — while people
//! who only share a last name ("Serzh Sargsyan") stay apart. What earlier
//! documents taught (defined acronyms, named people) seeds the memory of
//! the next document through [`CorpusMemory::doc_memory`].

use crate::names::name_key;
use crate::recognise::{DocMemory, Found, Learned};
use std::collections::HashMap;

/// One actor of the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct CanonicalActor {
    /// The id of its first mention; never changes afterwards.
    pub id: String,
    pub name: String,
    pub code: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// Every spelling met.
    pub names: Vec<String>,
    pub person: bool,
    pub mentions: usize,
    pub documents: usize,
}

/// Memory of the named actors of a corpus.
#[derive(Debug, Clone, Default)]
pub struct CorpusMemory {
    actors: Vec<CanonicalActor>,
    /// Acronyms defined in some document, to the actor they stand for.
    aliases: HashMap<String, usize>,
}

/// A personal name split into given-name words and the last name, lowercase.
fn split_name(name: &str) -> (Vec<String>, String) {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    match words.split_last() {
        Some((last, given)) => (given.to_vec(), last.clone()),
        None => (Vec::new(), String::new()),
    }
}

/// Whether two given names can be the same person's: equal under the
/// spelling-tolerant key (Sergei/Sergey), or one an initial of the other.
fn given_compatible(a: &[String], b: &[String]) -> bool {
    match (a.first(), b.first()) {
        (Some(x), Some(y)) => {
            if x.chars().count() == 1 || y.chars().count() == 1 {
                x.chars().next() == y.chars().next()
            } else {
                name_key(x) == name_key(y)
            }
        }
        _ => true,
    }
}

impl CorpusMemory {
    pub fn new() -> Self {
        Self::default()
    }

    /// The actors met so far.
    pub fn actors(&self) -> &[CanonicalActor] {
        &self.actors
    }

    /// The canonical actor with this id.
    pub fn get(&self, id: &str) -> Option<&CanonicalActor> {
        self.actors.iter().find(|a| a.id == id)
    }

    fn learned(a: &CanonicalActor) -> Learned {
        Learned {
            id: a.id.clone(),
            name: a.name.clone(),
            code: a.code.clone(),
            country: a.country.clone(),
            sector: a.sector.clone(),
            roles: Vec::new(),
            person: a.person,
        }
    }

    /// A memory for the next document, seeded with the acronyms and named
    /// actors of the documents before it. A last name is seeded only when
    /// one person of the corpus carries it.
    pub fn doc_memory(&self) -> DocMemory {
        let mut mem = DocMemory::default();
        let mut surname_count: HashMap<String, usize> = HashMap::new();
        for a in self.actors.iter().filter(|a| a.person) {
            surname_count
                .entry(name_key(&split_name(&a.name).1))
                .and_modify(|n| *n += 1)
                .or_insert(1);
        }
        for a in &self.actors {
            let l = Self::learned(a);
            for n in &a.names {
                if n.split_whitespace().count() >= 2 {
                    mem.by_full.insert(name_key(n), l.clone());
                }
            }
            if a.person {
                let sk = name_key(&split_name(&a.name).1);
                if surname_count.get(&sk) == Some(&1) {
                    mem.by_surname.insert(sk, l.clone());
                }
            }
        }
        for (acr, &i) in &self.aliases {
            let l = Self::learned(&self.actors[i]);
            // "the group" in a later report of the story: the organisation
            // an earlier one defined with its acronym
            if !l.person && !mem.groups.iter().any(|g| g.id == l.id) {
                mem.groups.push(l.clone());
            }
            mem.aliases.insert(acr.clone(), l);
        }
        mem
    }

    /// Find the canonical actor a named mention belongs to.
    fn find(&self, id: &str, name: &str, person: bool) -> Option<usize> {
        if let Some(i) = self.actors.iter().position(|a| a.id == id) {
            return Some(i);
        }
        if !person {
            let k = name_key(name);
            return self
                .actors
                .iter()
                .position(|a| !a.person && a.names.iter().any(|n| name_key(n) == k));
        }
        let (given, last) = split_name(name);
        let lk = name_key(&last);
        let candidates: Vec<usize> = self
            .actors
            .iter()
            .enumerate()
            .filter(|(_, a)| a.person)
            .filter(|(_, a)| {
                a.names.iter().any(|n| {
                    let (g, l) = split_name(n);
                    name_key(&l) == lk && given_compatible(&g, &given)
                })
            })
            .map(|(i, _)| i)
            .collect();
        if given.is_empty() {
            // a last name alone: the one person of that name, or none
            (candidates.len() == 1).then(|| candidates[0])
        } else {
            candidates
                .into_iter()
                .max_by_key(|&i| self.actors[i].mentions)
        }
    }

    /// Fold one document's mentions into the corpus: every named actor is
    /// matched to a canonical one (or becomes one), and the mentions take
    /// its id and name. Acronyms the document defined are kept for later
    /// documents. Actors named only by country and sector ("ARMGOV") keep
    /// their ids, which are canonical already.
    pub fn absorb(&mut self, found: &mut [Found], mem: &DocMemory) {
        let mut in_doc: Vec<usize> = Vec::new();
        for f in found.iter_mut() {
            let a = &mut f.mention.actor;
            let person = a.id.starts_with("person:");
            if !(person || a.id.starts_with("org:")) {
                continue;
            }
            let i = match self.find(&a.id, &a.name, person) {
                Some(i) => i,
                None => {
                    self.actors.push(CanonicalActor {
                        id: a.id.clone(),
                        name: a.name.clone(),
                        code: a.code.clone(),
                        country: a.country.clone(),
                        sector: a.sector.clone(),
                        names: vec![a.name.clone()],
                        person,
                        mentions: 0,
                        documents: 0,
                    });
                    self.actors.len() - 1
                }
            };
            let c = &mut self.actors[i];
            if !c.names.contains(&a.name) {
                c.names.push(a.name.clone());
            }
            c.mentions += 1;
            if !in_doc.contains(&i) {
                in_doc.push(i);
                c.documents += 1;
            }
            // the latest code wins (roles change); the id and name stay
            c.code = a.code.clone();
            c.country = a.country.clone();
            c.sector = a.sector.clone();
            if a.id != c.id {
                f.mention
                    .why
                    .push_str(&format!("; the same actor as {} in the corpus", c.id));
                a.id = c.id.clone();
                a.name = c.name.clone();
            }
        }
        for (acr, l) in &mem.aliases {
            if let Some(i) = self.actors.iter().position(|a| a.id == l.id) {
                self.aliases.insert(acr.clone(), i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names_keep_namesakes_apart() {
        assert!(given_compatible(&["sergei".into()], &["sergey".into()]));
        assert!(given_compatible(&["a".into()], &["armen".into()]));
        assert!(!given_compatible(&["armen".into()], &["serzh".into()]));
        assert_eq!(split_name("Armen Sarkissian").1, "sarkissian");
    }
}

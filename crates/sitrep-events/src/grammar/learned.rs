//! A learned role assigner: who, of the actors a sentence names, is the
//! source and who the target of an event, scored over the dependency parse
//! by a linear model trained on annotated real news (WikiEvents train,
//! `sitrep train roles`).
//!
//! Why learned: on WikiEvents train most wrong sources were word order
//! taking a place as the doer ("murdered … in Baghdad" coded with Iraq as
//! the killer, "airstrikes in Syria" with Syria as the attacker), and the
//! hand-written role rules ([`super::RULES`]) did not make sources better
//! (eval/README.md, "Two precision mechanisms tried and not kept"). Here
//! each candidate filler of a predicate is scored SOURCE, TARGET or NONE
//! from small features of the parse: the relation path from the predicate
//! to the candidate, the candidate's relation and preposition, the
//! predicate's voice and part of speech, the kind of actor, the event's
//! CAMEO root and which side of the predicate the candidate stands. The
//! model replaces the pattern coder's choice only when it is confident:
//! its best candidate beats NONE and the current filler by the model's
//! margin.

use super::tree::Tree;
use sitrep_actors::Found;
use sitrep_model::{Actor, Event, NamedSpan, SentenceSyntax};
use sitrep_pos::Fnv;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// The model shipped with sitrep (trained by `sitrep train roles`).
pub const BUILTIN_MODEL: &str = include_str!("../../../../data/roles/model.tsv");

/// The explanation's rule id of a role the model changed.
pub const RULE_ID: &str = "grammar.learned_roles";

/// What a candidate is to an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    None = 0,
    Source = 1,
    Target = 2,
}

impl Label {
    pub const ALL: [Label; 3] = [Label::None, Label::Source, Label::Target];
}

/// What kind of filler a candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A country named alone, with no sector: often the place of the act.
    Country,
    /// Government, armed forces, police, intelligence, courts.
    State,
    /// Rebels, insurgents, separatists, armed groups.
    Armed,
    /// Any other sector (civilians, media, business, parties...).
    OtherSector,
    /// A named person with no sector.
    Person,
    /// An international organisation.
    Igo,
    /// Words no dictionary codes ("gunmen"), as the pattern coder took them.
    Uncoded,
    /// A pronoun the pattern coder took as a filler.
    Pronoun,
    Other,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::State => "state",
            Kind::Armed => "armed",
            Kind::OtherSector => "sector",
            Kind::Person => "person",
            Kind::Igo => "igo",
            Kind::Uncoded => "uncoded",
            Kind::Pronoun => "pronoun",
            Kind::Other => "other",
        }
    }
}

/// The kind of a coded actor, from its id, code and sector.
pub fn actor_kind(a: &Actor) -> Kind {
    match a.sector.as_deref() {
        Some(_) if a.in_state_sector() => Kind::State,
        Some(_) if a.in_nonstate_armed_sector() => Kind::Armed,
        Some(_) => Kind::OtherSector,
        None if a.id.starts_with("person:") => Kind::Person,
        None if a.code.starts_with("IGO") || a.id.starts_with("org:IGO") => Kind::Igo,
        None if a.country.is_some() && a.code.len() == 3 => Kind::Country,
        None => Kind::Other,
    }
}

/// Who may fill a role: a coded actor or the words the pattern coder took.
#[derive(Debug, Clone, PartialEq)]
pub enum Filler {
    Actor(Actor),
    Uncoded(NamedSpan),
}

impl Filler {
    pub fn span(&self) -> (usize, usize) {
        match self {
            Filler::Actor(a) => (a.start, a.end),
            Filler::Uncoded(n) => (n.start, n.end),
        }
    }

    pub fn text(&self) -> &str {
        match self {
            Filler::Actor(a) => &a.text,
            Filler::Uncoded(n) => &n.text,
        }
    }

    /// The filler of an event's role, if any.
    pub fn of(actor: &Option<Actor>, uncoded: &Option<NamedSpan>) -> Option<Filler> {
        match (actor, uncoded) {
            (Some(a), _) => Some(Filler::Actor(a.clone())),
            (None, Some(n)) => Some(Filler::Uncoded(n.clone())),
            (None, None) => None,
        }
    }
}

/// One candidate filler of a sentence, with the word heading it.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub filler: Filler,
    pub head: usize,
    pub kind: Kind,
}

/// The candidates of an event: every coded actor of the sentence, the
/// event's own uncoded fillers, and the nominal words of its clause no
/// actor covers ([`clause_words`]), each once, in text order.
pub fn candidates(t: &Tree, actors: &[Actor], e: &Event) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let own = [
        Filler::of(&e.source, &e.uncoded_source),
        Filler::of(&e.target, &e.uncoded_target),
    ];
    let covered = |w: usize| {
        let x = t.word(w);
        actors.iter().any(|a| a.start <= x.start && x.end <= a.end)
    };
    let clause: Vec<Filler> = t
        .word_at(e.explanation.predicate_start)
        .map(|p| clause_words(t, p))
        .unwrap_or_default()
        .into_iter()
        .filter(|&w| !covered(w))
        .map(|w| {
            let x = t.word(w);
            Filler::Uncoded(NamedSpan {
                text: x.text.clone(),
                start: x.start,
                end: x.end,
            })
        })
        .collect();
    let fillers = actors
        .iter()
        .map(|a| Filler::Actor(a.clone()))
        .chain(own.into_iter().flatten())
        .chain(clause);
    for f in fillers {
        let (s, end) = f.span();
        if out.iter().any(|c| c.filler.span() == (s, end)) {
            continue;
        }
        let Some(head) = t.span_head(s, end) else {
            continue;
        };
        let kind = match &f {
            Filler::Actor(a) => actor_kind(a),
            Filler::Uncoded(_) if t.upos(head) == "PRON" => Kind::Pronoun,
            Filler::Uncoded(_) => Kind::Uncoded,
        };
        out.push(Candidate {
            filler: f,
            head,
            kind,
        });
    }
    out.sort_by_key(|c| c.filler.span());
    out
}

/// The nominal and pronoun words that fill a slot of the predicate's own
/// clause ("he", "who", "gunmen"): its subjects, objects, obliques, noun
/// modifiers, and the noun a participle or relative clause modifies.
fn clause_words(t: &Tree, p: usize) -> Vec<usize> {
    const SLOTS: &[&str] = &[
        "nsubj",
        "nsubj:pass",
        "obj",
        "iobj",
        "obl",
        "obl:agent",
        "nmod",
        "nmod:poss",
    ];
    let nominal = |w: usize| t.is_noun(w) || t.upos(w) == "PRON";
    let mut out: Vec<usize> = t.kids_by(p, SLOTS).filter(|&w| nominal(w)).collect();
    if matches!(t.rel(p), "acl" | "acl:relcl") {
        out.extend(t.head(p).filter(|&h| nominal(h)));
    }
    out
}

/// The index of the candidate filling a role now, if it is one.
pub fn current(cands: &[Candidate], role: Option<Filler>) -> Option<usize> {
    let span = role?.span();
    cands.iter().position(|c| c.filler.span() == span)
}

/// The candidates filling an event's source and target now, or `None`
/// when a filler is not among them: a filler outside the sentence is the
/// coder's reach, not the parse's, and the model leaves such an event be.
pub fn current_fillers(cands: &[Candidate], e: &Event) -> Option<(Option<usize>, Option<usize>)> {
    let one = |a: &Option<Actor>, n: &Option<NamedSpan>| match Filler::of(a, n) {
        Some(f) => current(cands, Some(f)).map(Some),
        None => Some(None),
    };
    Some((
        one(&e.source, &e.uncoded_source)?,
        one(&e.target, &e.uncoded_target)?,
    ))
}

/// The words from `w` up to the root, at most `n` of them.
fn ancestors(t: &Tree, mut w: usize, n: usize) -> Vec<usize> {
    let mut out = vec![w];
    while out.len() < n {
        match t.head(w) {
            Some(h) => {
                out.push(h);
                w = h;
            }
            None => break,
        }
    }
    out
}

/// The relations on the way from the predicate `p` to the word `h`, at
/// most three steps: `^rel` up from a word to its head, `vrel` down to a
/// dependent ("vnsubj" for a subject, "^acl vobl:agent" for the agent of
/// a participle's noun). `far` when the way is longer.
pub fn path(t: &Tree, p: usize, h: usize) -> String {
    if p == h {
        return "self".into();
    }
    let up = ancestors(t, p, 4);
    let down = ancestors(t, h, 4);
    let Some((i, j)) = up
        .iter()
        .enumerate()
        .find_map(|(i, a)| down.iter().position(|d| d == a).map(|j| (i, j)))
    else {
        return "far".into();
    };
    if i + j > 3 {
        return "far".into();
    }
    let steps = up[..i]
        .iter()
        .map(|&w| format!("^{}", t.rel(w)))
        .chain(down[..j].iter().rev().map(|&w| format!("v{}", t.rel(w))));
    steps.collect::<Vec<_>>().join(" ")
}

/// The predicate's voice and part of speech, as feature values.
fn predicate_shape(t: &Tree, p: usize) -> (&'static str, &'static str) {
    let pos = if t.is_noun(p) {
        "noun"
    } else if t.is_verb(p) {
        "verb"
    } else {
        "other"
    };
    let voice = if pos != "noun" && t.passive(p) {
        "passive"
    } else {
        "active"
    };
    (voice, pos)
}

/// How many words lie between the predicate and the candidate, in bands.
fn distance_band(p: usize, h: usize) -> &'static str {
    match p.abs_diff(h) {
        0..=1 => "1",
        2 => "2",
        3..=5 => "3-5",
        6..=10 => "6-10",
        _ => "11+",
    }
}

/// Which role the candidate fills now, as a feature value.
fn now_fills(index: usize, cur: (Option<usize>, Option<usize>)) -> &'static str {
    if cur.0 == Some(index) {
        "src"
    } else if cur.1 == Some(index) {
        "tgt"
    } else {
        "none"
    }
}

/// The features of candidate `c` (the `index`-th) for the event of CAMEO
/// root `root` whose predicate is `p`; `cur` are the candidates filling
/// its source and target now.
pub fn features(
    t: &Tree,
    p: usize,
    root: &str,
    cands: &[Candidate],
    index: usize,
    cur: (Option<usize>, Option<usize>),
) -> Vec<String> {
    let c = &cands[index];
    let h = c.head;
    let (voice, pos) = predicate_shape(t, p);
    let path = path(t, p, h);
    let rel = t.rel(h);
    let case = t.marker(h).unwrap_or_else(|| "-".into());
    let kind = c.kind.name();
    let side = if h < p { "before" } else { "after" };
    let now = now_fills(index, cur);
    vec![
        "bias".into(),
        format!("path={path}"),
        format!("path|voice={path}|{voice}"),
        format!("path|pos={path}|{pos}"),
        format!("path|kind={path}|{kind}"),
        format!("rel={rel}"),
        format!("rel|case={rel}|{case}"),
        format!("rel|case|voice={rel}|{case}|{voice}"),
        format!("case={case}"),
        format!("case|kind={case}|{kind}"),
        format!("kind={kind}"),
        format!("kind|rel={kind}|{rel}"),
        format!("voice|pos={voice}|{pos}"),
        format!("root={root}"),
        format!("root|rel={root}|{rel}"),
        format!("root|kind={root}|{kind}"),
        format!("side|voice={side}|{voice}"),
        format!("side|pos|kind={side}|{pos}|{kind}"),
        format!("dist={}", distance_band(p, h)),
        format!("now={now}"),
        format!("now|path={now}|{path}"),
        format!("now|kind={now}|{kind}"),
    ]
}

/// How far a candidate must lead NONE to fill an empty role (`fill`, may
/// be negative: the best candidate fills it though it scores below NONE),
/// and to replace the coder's filler (`replace`, also its lead over the
/// filler's).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Margins {
    pub fill: f64,
    pub replace: f64,
}

impl Margins {
    pub const fn new(fill: f64, replace: f64) -> Margins {
        Margins { fill, replace }
    }

    /// Margins no score reaches: the coder's roles stay.
    pub const NEVER: Margins = Margins::new(f64::MAX, f64::MAX);

    /// Margins every best candidate passes.
    pub const ALWAYS: Margins = Margins::new(f64::MIN, f64::MIN);
}

/// Scores per label, by feature name.
pub type Weights = HashMap<String, [f64; 3], BuildHasherDefault<Fnv>>;

/// A linear model over candidate features: a weight per feature and label.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoleModel {
    pub weights: Weights,
    /// How far a candidate's score must beat NONE and the current filler's
    /// for the model to change a role.
    /// [`Margins`] of the source and the target.
    pub margin: [Margins; 2],
    /// The CAMEO roots whose events the model decides (`#roots`), those its
    /// figures are measured on; empty: every root.
    pub roots: Vec<String>,
    /// Comment lines kept from the file (source, counts).
    pub notes: Vec<String>,
}

pub use crate::ModelError;
use crate::ModelFile;

impl RoleModel {
    pub fn builtin() -> RoleModel {
        RoleModel::parse(BUILTIN_MODEL).expect("the built-in role model parses")
    }

    /// Read the TSV form: `# comment`, `#margin\tsource fill\tsource
    /// replace\ttarget fill\ttarget replace`, `#roots\t17,18`, then
    /// `feature\tnone\tsource\ttarget` lines.
    pub fn parse(text: &str) -> Result<RoleModel, ModelError> {
        let mut m = RoleModel::default();
        for (n, line) in crate::model_lines(text, &mut m.notes) {
            let cols: Vec<&str> = line.split('\t').collect();
            let num = |s: &str| {
                s.trim()
                    .parse::<f64>()
                    .map_err(|_| ModelError::weight(ModelFile::Roles, n, s))
            };
            match cols.as_slice() {
                ["#margin", a, b, c, d] => {
                    m.margin = [
                        Margins::new(num(a)?, num(b)?),
                        Margins::new(num(c)?, num(d)?),
                    ]
                }
                ["#roots", r] => m.roots = r.split(',').map(|x| x.trim().to_string()).collect(),
                [name, a, b, c] => {
                    m.weights
                        .insert(name.to_string(), [num(a)?, num(b)?, num(c)?]);
                }
                _ => {
                    return Err(ModelError {
                        file: ModelFile::Roles,
                        reason: format!("line {n}: not 4 columns"),
                    })
                }
            }
        }
        Ok(m)
    }

    /// The TSV form, features sorted so the same model writes the same bytes.
    pub fn to_tsv(&self) -> String {
        let mut out = String::new();
        for n in &self.notes {
            out.push_str(&format!("# {n}\n"));
        }
        out.push_str(&format!(
            "#margin\t{:.3}\t{:.3}\t{:.3}\t{:.3}\n",
            self.margin[0].fill,
            self.margin[0].replace,
            self.margin[1].fill,
            self.margin[1].replace
        ));
        if !self.roots.is_empty() {
            out.push_str(&format!("#roots\t{}\n", self.roots.join(",")));
        }
        let mut w: Vec<_> = self
            .weights
            .iter()
            .filter(|(_, w)| w.iter().any(|x| x.abs() > 1e-6))
            .collect();
        w.sort_by(|a, b| a.0.cmp(b.0));
        for (k, v) in w {
            out.push_str(&format!("{k}\t{:.6}\t{:.6}\t{:.6}\n", v[0], v[1], v[2]));
        }
        out
    }

    /// Whether the model decides the roles of event `e`: one of its roots.
    pub fn decides(&self, e: &Event) -> bool {
        self.roots.is_empty() || self.roots.contains(&e.cameo.root)
    }

    /// The score of each label for a feature set.
    pub fn scores(&self, features: &[String]) -> [f64; 3] {
        score_with(&self.weights, features)
    }
}

/// The score of each label for a feature set under weights `w`.
fn score_with(w: &Weights, features: &[String]) -> [f64; 3] {
    let mut s = [0.0; 3];
    for w in features.iter().filter_map(|f| w.get(f)) {
        for (x, y) in s.iter_mut().zip(w) {
            *x += y;
        }
    }
    s
}

/// How far label `l` beats NONE for a candidate.
pub fn lead(s: &[f64; 3], l: Label) -> f64 {
    s[l as usize] - s[Label::None as usize]
}

/// The candidate the model puts in role `l`, if it is confident: the best
/// candidate (not `except`) leads NONE by the fill margin when the role is
/// empty; it leads NONE by the replace margin, and by that much more than
/// the current filler does, to replace it. Else the current.
fn choose_one(
    scores: &[[f64; 3]],
    l: Label,
    cur: Option<usize>,
    except: Option<usize>,
    margin: Margins,
) -> Option<usize> {
    let best = (0..scores.len())
        .filter(|&i| Some(i) != except)
        .map(|i| (i, lead(&scores[i], l)))
        .fold(None::<(usize, f64)>, |b, x| match b {
            Some(b) if b.1 >= x.1 => Some(b),
            _ => Some(x),
        });
    let Some((i, m)) = best else {
        return cur;
    };
    let beats_current = match cur {
        None => m > margin.fill,
        Some(c) => m > margin.replace && m - lead(&scores[c], l) > margin.replace,
    };
    if Some(i) != cur && beats_current {
        Some(i)
    } else {
        cur
    }
}

/// The source and target the model gives an event, as candidate indices,
/// from each candidate's scores and the current fillers. One candidate is
/// never both: a target the new source took goes to the next best target
/// the model leads NONE with, or to none.
pub fn choose(
    scores: &[[f64; 3]],
    cur: (Option<usize>, Option<usize>),
    margin: [Margins; 2],
) -> (Option<usize>, Option<usize>) {
    let s = choose_one(scores, Label::Source, cur.0, None, margin[0]);
    let mut t = choose_one(scores, Label::Target, cur.1, s, margin[1]);
    if t.is_some() && t == s {
        t = choose_one(scores, Label::Target, None, s, Margins::new(0.0, 0.0));
    }
    (s, t)
}

/// Put a filler into one of an event's roles.
fn fill(actor: &mut Option<Actor>, uncoded: &mut Option<NamedSpan>, f: Option<&Filler>) {
    match f {
        Some(Filler::Actor(a)) => {
            *actor = Some(a.clone());
            *uncoded = None;
        }
        Some(Filler::Uncoded(n)) => {
            *actor = None;
            *uncoded = Some(n.clone());
        }
        None => {
            *actor = None;
            *uncoded = None;
        }
    }
}

/// An event's source (`source`) or target slots, coded actor and uncoded
/// words, with the role's name.
fn role_slots(
    e: &mut Event,
    source: bool,
) -> (&mut Option<Actor>, &mut Option<NamedSpan>, &'static str) {
    if source {
        (&mut e.source, &mut e.uncoded_source, "source")
    } else {
        (&mut e.target, &mut e.uncoded_target, "target")
    }
}

/// The prose of one role change: what it was, what it is, and the relation
/// that decided.
fn change_note(
    t: &Tree,
    p: usize,
    role: &str,
    was: Option<&Candidate>,
    now: Option<&Candidate>,
) -> String {
    let name =
        |c: Option<&Candidate>| c.map_or("none".to_string(), |c| format!("{:?}", c.filler.text()));
    let how = now.map_or(String::new(), |c| {
        format!(
            " ({} of {:?}: {})",
            t.rel(c.head),
            t.text(p),
            path(t, p, c.head)
        )
    });
    format!("{role} {} -> {}{how}", name(was), name(now))
}

/// Let the model decide one event's source and target (see [`choose`]);
/// records the change in the explanation and renews the event id.
pub fn assign_one(t: &Tree, actors: &[Actor], model: &RoleModel, e: &mut Event) {
    if !model.decides(e) {
        return;
    }
    let Some(p) = t.word_at(e.explanation.predicate_start) else {
        return;
    };
    let cands = candidates(t, actors, e);
    let Some(cur) = current_fillers(&cands, e) else {
        return;
    };
    let scores: Vec<[f64; 3]> = (0..cands.len())
        .map(|i| model.scores(&features(t, p, &e.cameo.root, &cands, i, cur)))
        .collect();
    let (s, tg) = choose(&scores, cur, model.margin);
    if (s, tg) == cur {
        return;
    }
    let mut notes = Vec::new();
    for (source, was, now) in [(true, cur.0, s), (false, cur.1, tg)] {
        if now == was {
            continue;
        }
        let (actor, uncoded, name) = role_slots(e, source);
        fill(actor, uncoded, now.map(|i| &cands[i].filler));
        notes.push(change_note(
            t,
            p,
            name,
            was.map(|i| &cands[i]),
            now.map(|i| &cands[i]),
        ));
    }
    e.explanation
        .rules
        .push(sitrep_model::Rule::new(RULE_ID, notes.join("; ")));
    e.event_id = super::event_id(e);
}

/// Let the model decide the roles of a sentence's events, but for an act
/// the pattern coder coded both ways (a reciprocal verb), whose roles it
/// keeps.
pub fn assign(
    mut events: Vec<Event>,
    syntax: &SentenceSyntax,
    found: &[Found],
    model: &RoleModel,
) -> Vec<Event> {
    let t = Tree::new(syntax);
    let actors: Vec<Actor> = found.iter().map(|f| f.mention.actor.clone()).collect();
    let two_way: Vec<bool> = events.iter().map(|e| super::mirrored(e, &events)).collect();
    for (e, two_way) in events.iter_mut().zip(two_way) {
        if !two_way {
            assign_one(&t, &actors, model, e);
        }
    }
    events
}

/// One training example: an event's candidates (their features) and which
/// of them the annotation names as its source and its target (`None`:
/// no candidate does).
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub features: Vec<Vec<String>>,
    pub source: Option<usize>,
    pub target: Option<usize>,
}

/// A deterministic order of `n` items for epoch `epoch` (a fixed linear
/// congruential shuffle), so training writes the same model every time.
fn order(n: usize, epoch: usize) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15 ^ epoch as u64;
    for i in (1..n).rev() {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        idx.swap(i, (x >> 33) as usize % (i + 1));
    }
    idx
}

/// The candidate scored highest for label `l` if it beats no candidate
/// (score 0, the NONE column's), else `None`.
fn predict(w: &Weights, features: &[Vec<String>], l: Label) -> Option<usize> {
    let mut best = (None, 0.0);
    for (i, f) in features.iter().enumerate() {
        let s = score_with(w, f);
        let v = s[l as usize] - s[Label::None as usize];
        if v > best.1 {
            best = (Some(i), v);
        }
    }
    best.0
}

/// The running sums of an averaged perceptron: the weights, and the
/// weights summed over every step (kept as updates times their step).
#[derive(Default)]
struct Perceptron {
    w: Weights,
    sum: Weights,
    step: f64,
}

impl Perceptron {
    fn add(&mut self, features: &[String], l: Label, by: f64) {
        for f in features {
            self.w.entry(f.clone()).or_default()[l as usize] += by;
            self.sum.entry(f.clone()).or_default()[l as usize] += by * self.step;
        }
    }

    /// One event's role: the candidate the annotation names should score
    /// above every other and above no candidate at all.
    fn learn(&mut self, s: &Sample, l: Label) {
        let gold = match l {
            Label::Source => s.source,
            _ => s.target,
        };
        let guess = predict(&self.w, &s.features, l);
        if guess != gold {
            if let Some(g) = gold {
                self.add(&s.features[g], l, 1.0);
            }
            if let Some(g) = guess {
                self.add(&s.features[g], l, -1.0);
            }
        }
    }

    fn averaged(&self) -> Weights {
        self.w
            .iter()
            .map(|(k, v)| {
                let s = self.sum.get(k).copied().unwrap_or_default();
                let avg: [f64; 3] = std::array::from_fn(|i| v[i] - s[i] / self.step);
                (k.clone(), avg)
            })
            .collect()
    }
}

/// Fit an averaged perceptron that ranks an event's candidates for each
/// role against each other and against none, `epochs` passes.
pub fn fit(samples: &[Sample], epochs: usize, margin: [Margins; 2]) -> RoleModel {
    let mut p = Perceptron {
        step: 1.0,
        ..Perceptron::default()
    };
    for epoch in 0..epochs {
        for i in order(samples.len(), epoch) {
            p.learn(&samples[i], Label::Source);
            p.learn(&samples[i], Label::Target);
            p.step += 1.0;
        }
    }
    RoleModel {
        weights: p.averaged(),
        margin,
        roots: Vec::new(),
        notes: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tree::test_support::{syntax, W};
    use super::*;
    use sitrep_model::ActorMention;

    /// "Police arrested the man in Baghdad": the subject, not the place of
    /// the act, is who acts.
    const ARRESTED: &[W] = &[
        ("Police", "NOUN", "NNS", 2, "nsubj"),
        ("arrested", "VERB", "VBD", 0, "root"),
        ("the", "DET", "DT", 4, "det"),
        ("man", "NOUN", "NN", 2, "obj"),
        ("in", "ADP", "IN", 6, "case"),
        ("Baghdad", "PROPN", "NNP", 2, "obl"),
    ];

    /// "The official was killed by militants in Baghdad".
    const KILLED_BY: &[W] = &[
        ("The", "DET", "DT", 2, "det"),
        ("official", "NOUN", "NN", 4, "nsubj:pass"),
        ("was", "AUX", "VBD", 4, "aux:pass"),
        ("killed", "VERB", "VBN", 0, "root"),
        ("by", "ADP", "IN", 6, "case"),
        ("militants", "NOUN", "NNS", 4, "obl:agent"),
        ("in", "ADP", "IN", 8, "case"),
        ("Baghdad", "PROPN", "NNP", 4, "obl"),
    ];

    /// An actor of country IRQ with `sector` over word `i`.
    fn actor(s: &SentenceSyntax, i: usize, sector: Option<&str>) -> Found {
        let w = &s.words[i];
        let code = format!("IRQ{}", sector.unwrap_or(""));
        Found {
            first: i,
            last: i,
            mention: ActorMention {
                sentence: 0,
                actor: Actor {
                    id: code.clone(),
                    code,
                    country: Some("IRQ".into()),
                    sector: sector.map(str::to_string),
                    name: w.text.clone(),
                    text: w.text.clone(),
                    start: w.start,
                    end: w.end,
                },
                why: String::new(),
            },
            rules: Vec::new(),
        }
    }

    fn event(s: &SentenceSyntax, pred: usize, code: &str, src: Option<&Found>) -> Event {
        let w = &s.words[pred];
        let mut e = crate::test_support::event(code, 0, 0.7);
        e.mentions.clear();
        e.source = src.map(|f| f.mention.actor.clone());
        e.target = None;
        e.explanation.predicate_start = w.start;
        e.explanation.predicate_end = w.end;
        e
    }

    /// The shipped model's scores of each candidate of `e`.
    fn scored(t: &Tree, found: &[Found], e: &Event, p: usize) -> (Vec<Candidate>, Vec<[f64; 3]>) {
        let actors: Vec<Actor> = found.iter().map(|f| f.mention.actor.clone()).collect();
        let cands = candidates(t, &actors, e);
        let cur = (
            current(&cands, Filler::of(&e.source, &e.uncoded_source)),
            None,
        );
        let m = RoleModel::builtin();
        let scores = (0..cands.len())
            .map(|i| m.scores(&features(t, p, &e.cameo.root, &cands, i, cur)))
            .collect();
        (cands, scores)
    }

    #[test]
    fn a_place_in_an_oblique_is_not_the_source_over_a_subject() {
        let (_, s) = syntax(ARRESTED);
        let t = Tree::new(&s);
        let found = [actor(&s, 0, Some("COP")), actor(&s, 5, None)];
        let e = event(&s, 1, "173", None);
        let (cands, scores) = scored(&t, &found, &e, 1);
        let texts: Vec<&str> = cands.iter().map(|c| c.filler.text()).collect();
        // the object no actor covers is a candidate too
        assert_eq!(texts, ["Police", "man", "Baghdad"]);
        assert_eq!(cands[2].kind, Kind::Country);
        assert_eq!(cands[1].kind, Kind::Uncoded);
        let (src, _) = choose(&scores, (None, None), [Margins::ALWAYS; 2]);
        assert_eq!(src, Some(0), "scores {scores:?}");
        assert!(lead(&scores[0], Label::Source) > lead(&scores[2], Label::Source));
    }

    #[test]
    fn a_passive_by_agent_is_the_source() {
        let (_, s) = syntax(KILLED_BY);
        let t = Tree::new(&s);
        let found = [
            actor(&s, 1, Some("GOV")),
            actor(&s, 5, Some("REB")),
            actor(&s, 7, None),
        ];
        let e = event(&s, 3, "190", None);
        let (_, scores) = scored(&t, &found, &e, 3);
        let (src, tgt) = choose(&scores, (None, None), [Margins::ALWAYS; 2]);
        assert_eq!(src, Some(1), "scores {scores:?}");
        assert_eq!(tgt, Some(0), "scores {scores:?}");
    }

    #[test]
    fn features_of_a_place_in_an_oblique() {
        let (_, s) = syntax(ARRESTED);
        let t = Tree::new(&s);
        let found = [actor(&s, 0, Some("COP")), actor(&s, 5, None)];
        let e = event(&s, 1, "173", Some(&found[1]));
        let actors: Vec<Actor> = found.iter().map(|f| f.mention.actor.clone()).collect();
        let cands = candidates(&t, &actors, &e);
        let cur = (
            current(&cands, Filler::of(&e.source, &e.uncoded_source)),
            None,
        );
        assert_eq!(cur, (Some(2), None));
        let f = features(&t, 1, "17", &cands, 2, cur);
        for want in [
            "path=vobl",
            "rel|case=obl|in",
            "kind=country",
            "voice|pos=active|verb",
            "side|voice=after|active",
            "now=src",
            "dist=3-5",
        ] {
            assert!(f.iter().any(|x| x == want), "{want} not in {f:?}");
        }
        assert_eq!(path(&t, 1, 0), "vnsubj");
        assert_eq!(path(&t, 5, 0), "^obl vnsubj");
    }

    #[test]
    fn the_model_replaces_a_place_as_source_and_says_why() {
        let (_, s) = syntax(ARRESTED);
        let found = [actor(&s, 0, Some("COP")), actor(&s, 5, None)];
        let e = event(&s, 1, "173", Some(&found[1]));
        let id = e.event_id.clone();
        let mut m = RoleModel::default();
        m.weights.insert("rel=nsubj".into(), [0.0, 2.0, 0.0]);
        m.weights.insert("rel=obl".into(), [0.0, -1.0, 0.0]);
        m.margin = [Margins::new(1.0, 1.0); 2];
        let out = assign(vec![e], &s, &found, &m);
        assert_eq!(
            out[0].source.as_ref().map(|a| a.code.as_str()),
            Some("IRQCOP")
        );
        let rule = out[0].explanation.rules.last().unwrap();
        assert_eq!(rule.id, RULE_ID);
        assert!(
            rule.text.contains("\"Baghdad\" -> \"Police\" (nsubj"),
            "{}",
            rule.text
        );
        assert_ne!(out[0].event_id, id);
        // not confident enough: the coder's choice stays
        m.margin = [Margins::new(4.0, 4.0); 2];
        let e = event(&s, 1, "173", Some(&found[1]));
        let out = assign(vec![e], &s, &found, &m);
        assert_eq!(out[0].source.as_ref().map(|a| a.code.as_str()), Some("IRQ"));
    }

    fn tiny_samples() -> Vec<Sample> {
        let f = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        vec![
            Sample {
                features: vec![f(&["rel=nsubj"]), f(&["rel=obl"])],
                source: Some(0),
                target: None,
            },
            Sample {
                features: vec![f(&["rel=obl"]), f(&["rel=obj"])],
                source: None,
                target: Some(1),
            },
            Sample {
                features: vec![f(&["rel=obj"]), f(&["rel=nsubj"])],
                source: Some(1),
                target: Some(0),
            },
        ]
    }

    #[test]
    fn training_is_deterministic_and_learns_the_sample() {
        let margin = [Margins::new(-0.5, 1.0), Margins::new(2.0, 3.0)];
        let a = fit(&tiny_samples(), 20, margin);
        let b = fit(&tiny_samples(), 20, margin);
        assert_eq!(a.to_tsv(), b.to_tsv());
        let back = RoleModel::parse(&a.to_tsv()).unwrap();
        assert_eq!(back.margin, margin);
        assert_eq!(back.to_tsv(), a.to_tsv());
        for s in tiny_samples() {
            assert_eq!(predict(&a.weights, &s.features, Label::Source), s.source);
            assert_eq!(predict(&a.weights, &s.features, Label::Target), s.target);
        }
    }

    #[test]
    fn a_broken_model_line_is_a_named_error() {
        let e = RoleModel::parse("#margin\t1\t1\t1\t1\nrel=obl\t0.1\tx\t0\n").unwrap_err();
        assert_eq!(e.reason, "line 2: weight \"x\" is not a number");
        assert_eq!(
            e.to_string(),
            "role model: line 2: weight \"x\" is not a number"
        );
        assert!(RoleModel::parse("rel=obl\t0.1\n").is_err());
    }
}

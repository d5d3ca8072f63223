//! The gazetteer's compact form: one byte buffer that is read where it lies,
//! with no parsing at start-up.
//!
//! `build.rs` turns `data/places/*.tsv` into this form once, at build time,
//! and the crate embeds the result; a `--data` override builds it at run
//! time with the same code. This file uses only `std` and `any_ascii`
//! because `build.rs` includes it as a module.
//!
//! Layout (little-endian):
//!
//! ```text
//! header    MAGIC, then u32: entries, keys, slots, the byte offsets of the
//!           entry, slot, posting and string sections, the filter's length
//!           in bits and its offset
//! entries   ENTRY_SIZE bytes each (see `Builder::finish`); countries first,
//!           places by population, most populous first
//! slots     one per key, SLOT_SIZE bytes: the high 32 bits of the key's
//!           hash u32 (a probe reads a key's text only when they agree),
//!           the key's string offset u32, its posting u32 (the posting
//!           itself when the key has one, else the index of the first in
//!           the posting section), flags u8 (KEY_NAME, KEY_PREFIX), the
//!           key's length u8 (0: an empty slot), posting count u16; an
//!           open-addressing hash table (FNV-1a, linear probing, a power of
//!           two long, at most half full)
//! postings  u32 each: entry index, ALIAS_BIT set when the key is only an
//!           alternate name of the entry
//! strings   UTF-8 names, keys and admin1 names (the keys of prominent
//!           places first)
//! filter    a Bloom filter over the keys' hashes (two bits each, about four
//!           bits per key, a power of two long): most words that are no
//!           key are turned away by a table small enough to stay in cache
//! ```
//!
//! Keys are folded names ([`fold`]). Every leading run of words of a
//! multi-word key is in the table too, flagged `KEY_PREFIX`, so a matcher
//! can extend a name word by word and stop as soon as no key can follow.

use std::collections::HashMap;

pub const MAGIC: &[u8; 8] = b"SGAZ0007";
pub const HEADER_SIZE: usize = 8 + 9 * 4;
pub const ENTRY_SIZE: usize = 36;
pub const SLOT_SIZE: usize = 16;
/// The key names an entry (it is not only a prefix of longer keys).
pub const KEY_NAME: u8 = 1;
/// Longer keys start with this key's words.
pub const KEY_PREFIX: u8 = 2;
/// Posting flag: the key is one of the entry's alternate names, not its own name.
pub const ALIAS_BIT: u32 = 1 << 31;

pub const KIND_PLACE: u8 = 0;
pub const KIND_ADMIN1: u8 = 1;
pub const KIND_COUNTRY: u8 = 2;
/// A hand-written region (`regions.tsv`); resolves with admin1 precision.
pub const KIND_REGION: u8 = 3;

pub const FLAG_CAPITAL: u8 = 1;
pub const NO_COORD: i32 = i32::MIN;

/// Fold a name for lookup: ASCII, lowercase, apostrophes dropped, any other
/// run of non-alphanumeric characters one space.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    fold_into(name, &mut out);
    out
}

/// [`fold`] into a reused buffer (cleared first).
pub fn fold_into(name: &str, out: &mut String) {
    fn push(c: char, out: &mut String) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '`' && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.clear();
    for c in name.chars() {
        if c.is_ascii() {
            push(c, out);
        } else {
            for a in any_ascii::any_ascii_char(c).chars() {
                push(a, out);
            }
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
}

/// Words that are never looked up as place names on their own.
pub const NOT_PLACES: &[&str] = &[
    "president",
    "minister",
    "ministry",
    "army",
    "forces",
    "government",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "the",
    "a",
    "an",
    "he",
    "she",
    "they",
    "it",
    "we",
    "this",
    "that",
    "but",
    "and",
    "in",
    "on",
    "read",
    "more",
    "new",
    "reuters",
    "update",
    "said",
    "says",
    "news",
    "police",
    "home",
    "union",
    "victory",
    "of",
    "or",
    "as",
    "at",
    "by",
    "to",
    "is",
    "was",
    "are",
    "official",
    "officials",
    "defence",
    "defense",
    "foreign",
    "prime",
    "general",
    "red",
    "cross",
    "peace",
    "world",
    "war",
    "national",
    "security",
    "council",
    "state",
    "states",
    "united",
    "central",
    "china",
    "media",
    "east",
    "west",
    "north",
    "south",
    "northern",
    "southern",
    "eastern",
    "western",
];

/// Countries whose place names are romanised Arabic, where news writes
/// them without the article and without a final -h ("Al Fallujah" /
/// "Fallujah", "Ar Raqqah" / "Raqqa").
pub const ARABIC_NAMES: &[&str] = &[
    "IRQ", "SYR", "LBN", "JOR", "PSE", "SAU", "YEM", "OMN", "ARE", "QAT", "BHR", "KWT", "EGY",
    "LBY", "TUN", "DZA", "MAR", "SDN", "MRT", "SOM", "DJI",
];

const ARTICLES: &[&str] = &[
    "al ", "ar ", "as ", "ash ", "at ", "ath ", "ad ", "adh ", "an ", "az ", "el ", "en ", "es ",
    "ed ", "er ",
];

/// A folded name and the other spellings news uses for it.
pub fn spellings(k: &str, arabic: bool, admin: bool, country: bool) -> Vec<String> {
    let mut out = vec![k.to_string()];
    if country {
        // "The Netherlands", "The Gambia" are written with a lower-case "the"
        if let Some(rest) = k.strip_prefix("the ") {
            out.push(rest.to_string());
        }
    }
    if arabic {
        for a in ARTICLES {
            if let Some(rest) = k.strip_prefix(a) {
                if rest.len() >= 4 {
                    out.push(rest.to_string());
                }
            }
        }
        for n in out.clone() {
            if n.len() > 4 && n.ends_with("ah") {
                out.push(n[..n.len() - 1].to_string());
            }
        }
    }
    if admin {
        // "Northern Darfur" is mostly written "North Darfur"
        // ("Nord Kivu", GeoNames' French name, is written "North Kivu")
        for (long, short) in [
            ("northern ", "north "),
            ("southern ", "south "),
            ("eastern ", "east "),
            ("western ", "west "),
            ("nord ", "north "),
            ("sud ", "south "),
            ("ouest ", "west "),
        ] {
            if let Some(rest) = k.strip_prefix(long) {
                out.push(format!("{short}{rest}"));
            }
        }
    }
    out
}

/// Marks a transliteration key ([`skeleton`]) in the key table; folded names never hold it.
pub const SKELETON_MARK: char = '\u{1}';

/// Romanised Arabic article words, dropped by [`skeleton`].
const ARTICLE_WORDS: &[&str] = &[
    "al", "ar", "as", "ash", "at", "ath", "ad", "adh", "an", "az", "el", "en", "es", "ed", "er",
    "ez", "et", "esh", "ech", "ul",
];

/// A spelling-tolerant key for a romanised Arabic name (folded first): the
/// article words dropped, each word reduced to its consonants (a word that
/// starts with a vowel keeps one `a` for it), `q` as `k`, doubled letters
/// once, a final `h` dropped; `None` when fewer than three letters are left.
/// "Dayr Az Zayr", "Dayr az Zawr" and "Deir ez-Zor" are all `dr zr`; "Al
/// Shadaddi" and "Ash Shaddadah" are `shd`; "Ayn Issa" and "Ayn Isa" `an as`.
pub fn skeleton(folded: &str) -> Option<String> {
    let mut out = String::new();
    out.push(SKELETON_MARK);
    let mut letters = 0;
    for w in folded.split(' ').filter(|w| !ARTICLE_WORDS.contains(w)) {
        if w.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        if out.len() > 1 {
            out.push(' ');
        }
        let start = out.len();
        for (i, b) in w.bytes().enumerate() {
            let c = match b {
                b'a' | b'e' | b'i' | b'o' | b'u' if i == 0 => b'a',
                b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w' if i > 0 => continue,
                b'q' => b'k',
                c => c,
            };
            if out.len() > start && out.as_bytes()[out.len() - 1] == c {
                continue;
            }
            out.push(c as char);
        }
        if out.len() > start + 1 && out.ends_with('h') {
            out.pop();
        }
        letters += out.len() - start;
    }
    (letters >= 3).then_some(out)
}

/// The two filter bits of a key's hash, for a filter of `bits` bits (a power of two).
pub fn filter_bits(h: u64, bits: usize) -> (usize, usize) {
    let mask = bits as u64 - 1;
    (((h >> 40) & mask) as usize, ((h >> 12) & mask) as usize)
}

/// FNV-1a, 64 bits.
pub fn hash(key: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in key {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1) // header row
        .map(|l| l.split('\t').collect())
}

/// One entry before encoding.
struct Rec {
    name: u32,
    name_len: u16,
    kind: u8,
    flags: u8,
    iso3: [u8; 3],
    admin1: u32,
    admin1_len: u16,
    aliases: u16,
    lat: i32,
    lon: i32,
    geonameid: u32,
    population: u32,
}

/// Collects entries and their names, then encodes them.
#[derive(Default)]
pub struct Builder {
    recs: Vec<Rec>,
    strings: Vec<u8>,
    interned: HashMap<String, (u32, u16)>,
    /// key -> postings
    keys: HashMap<String, Vec<u32>>,
    iso2_to_iso3: HashMap<String, String>,
}

fn coord(s: &str) -> i32 {
    s.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|v| (v * 1e4).round() as i32)
        .unwrap_or(NO_COORD)
}

impl Builder {
    fn intern(&mut self, s: &str) -> (u32, u16) {
        if let Some(&v) = self.interned.get(s) {
            return v;
        }
        let v = (
            self.strings.len() as u32,
            s.len().min(u16::MAX as usize) as u16,
        );
        self.strings
            .extend_from_slice(&s.as_bytes()[..v.1 as usize]);
        self.interned.insert(s.to_string(), v);
        v
    }

    /// Add one entry under its names; `names[0]` is its own name, the rest
    /// alternate names (marked as such unless `all_own`).
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: u8,
        names: &[&str],
        all_own: bool,
        iso3: &str,
        admin1: Option<&str>,
        lat: &str,
        lon: &str,
        geonameid: u32,
        population: u64,
        capital: bool,
    ) {
        let idx = self.recs.len() as u32;
        let (name, name_len) = self.intern(names[0]);
        let (admin1, admin1_len) = match admin1 {
            Some(a) if !a.is_empty() => self.intern(a),
            _ => (0, 0),
        };
        let mut code = [b' '; 3];
        for (d, s) in code.iter_mut().zip(iso3.bytes()) {
            *d = s;
        }
        self.recs.push(Rec {
            name,
            name_len,
            kind,
            flags: if capital { FLAG_CAPITAL } else { 0 },
            iso3: code,
            admin1,
            admin1_len,
            aliases: names.len().min(u16::MAX as usize) as u16,
            lat: coord(lat),
            lon: coord(lon),
            geonameid,
            population: population.min(u32::MAX as u64) as u32,
        });
        let arabic = ARABIC_NAMES.contains(&iso3);
        let admin = kind == KIND_ADMIN1 || kind == KIND_REGION;
        let mut seen: Vec<String> = Vec::new();
        for (n, name) in names.iter().enumerate() {
            let alias = n > 0 && !all_own;
            for k in spellings(&fold(name), arabic, admin, kind == KIND_COUNTRY) {
                if k.len() < 3 || NOT_PLACES.contains(&k.as_str()) || seen.contains(&k) {
                    continue;
                }
                let posting = idx | if alias { ALIAS_BIT } else { 0 };
                self.keys.entry(k.clone()).or_default().push(posting);
                seen.push(k);
            }
            if arabic && kind != KIND_COUNTRY {
                if let Some(k) = skeleton(&fold(name)) {
                    if !seen.contains(&k) {
                        let posting = idx | if alias { ALIAS_BIT } else { 0 };
                        self.keys.entry(k.clone()).or_default().push(posting);
                        seen.push(k);
                    }
                }
            }
        }
    }

    /// Add the rows of the three GeoNames-derived files.
    pub fn add_geonames(&mut self, countries: &str, admin1: &str, places: &str) {
        for r in rows(countries) {
            if r.len() < 8 {
                continue;
            }
            self.iso2_to_iso3.insert(r[1].to_string(), r[0].to_string());
            self.push(
                KIND_COUNTRY,
                &[r[2]],
                true,
                r[0],
                None,
                r[4],
                r[5],
                r[3].parse().unwrap_or(0),
                r[6].parse().unwrap_or(0),
                false,
            );
        }
        // admin1 names by (country, code), for the places below
        let mut admin_names: HashMap<(String, String), String> = HashMap::new();
        for r in rows(admin1) {
            if r.len() >= 3 {
                admin_names.insert((r[0].to_string(), r[1].to_string()), r[2].to_string());
            }
            if r.len() < 6 {
                continue;
            }
            let Some(iso3) = self.iso2_to_iso3.get(r[0]).cloned() else {
                continue;
            };
            let mut names = vec![r[2]];
            names.extend(r[3].split('|').filter(|s| !s.is_empty()));
            // the aliases are the name without its designator ("Donetsk" of
            // "Donetsk Oblast", but also "Federal" of "Federal District"):
            // alternate names, not the division's own
            self.push(
                KIND_ADMIN1,
                &names,
                false,
                &iso3,
                Some(r[2]),
                r[4],
                r[5],
                0,
                0,
                false,
            );
        }
        // the most populous first: the places news names most often then lie
        // close together in the index, so their lookups touch fewer pages
        let mut place_rows: Vec<Vec<&str>> = rows(places).filter(|r| r.len() >= 9).collect();
        place_rows.sort_by_key(|r| std::cmp::Reverse(r[8].parse::<u64>().unwrap_or(0)));
        for r in place_rows {
            let Some(iso3) = self.iso2_to_iso3.get(r[3]).cloned() else {
                continue;
            };
            let mut names = vec![r[1]];
            names.extend(r[2].split('|').filter(|s| !s.is_empty()));
            let admin1 = admin_names
                .get(&(r[3].to_string(), r[4].to_string()))
                .cloned();
            self.push(
                KIND_PLACE,
                &names,
                false,
                &iso3,
                admin1.as_deref(),
                r[6],
                r[7],
                r[0].parse().unwrap_or(0),
                r[8].parse().unwrap_or(0),
                r[5] == "PPLC",
            );
        }
    }

    /// Add the hand-written other names of states (`country_names.tsv`:
    /// ISO3, names) to the countries already added.
    pub fn add_country_names(&mut self, names: &str) {
        for r in rows(names) {
            if r.len() < 2 {
                continue;
            }
            let Some(idx) = self
                .recs
                .iter()
                .position(|e| e.kind == KIND_COUNTRY && e.iso3[..] == *r[0].as_bytes())
            else {
                continue;
            };
            for n in r[1].split('|').filter(|s| !s.is_empty()) {
                for k in spellings(&fold(n), false, false, true) {
                    if k.len() < 3 || NOT_PLACES.contains(&k.as_str()) {
                        continue;
                    }
                    let post = self.keys.entry(k).or_default();
                    if !post.contains(&(idx as u32)) {
                        post.push(idx as u32);
                    }
                }
            }
        }
    }

    /// Add the hand-written regions (`regions.tsv`: name, aliases, ISO3, lat, lon).
    pub fn add_regions(&mut self, regions: &str) {
        for r in rows(regions) {
            if r.len() < 5 {
                continue;
            }
            let mut names = vec![r[0]];
            names.extend(r[1].split('|').filter(|s| !s.is_empty()));
            self.push(
                KIND_REGION,
                &names,
                true,
                r[2],
                None,
                r[3],
                r[4],
                0,
                0,
                false,
            );
        }
    }

    /// Encode everything added so far.
    pub fn finish(mut self) -> Vec<u8> {
        // how prominent the best entry a key names is: the keys of countries,
        // divisions and big cities come first in the string section
        let weight = |p: u32| -> u64 {
            let r = &self.recs[(p & !ALIAS_BIT) as usize];
            match r.kind {
                KIND_PLACE => r.population as u64,
                _ => u64::MAX,
            }
        };
        let mut flags: HashMap<String, (u8, u64)> = HashMap::new();
        for (k, post) in &self.keys {
            let w = post.iter().map(|&p| weight(p)).max().unwrap_or(0);
            let f = flags.entry(k.clone()).or_default();
            f.0 |= KEY_NAME;
            f.1 = f.1.max(w);
            // every leading run of words of a longer key is a prefix
            for (i, b) in k.bytes().enumerate() {
                if b == b' ' {
                    let f = flags.entry(k[..i].to_string()).or_default();
                    f.0 |= KEY_PREFIX;
                    f.1 = f.1.max(w);
                }
            }
        }
        let mut sorted: Vec<(String, u8, u64)> = flags
            .into_iter()
            .filter(|(k, _)| !k.is_empty() && k.len() <= u8::MAX as usize)
            .map(|(k, (f, w))| (k, f, w))
            .collect();
        sorted.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        let n_slots = (sorted.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![[0u8; SLOT_SIZE]; n_slots];
        let filter_len = (sorted.len() * 4).next_power_of_two().max(64);
        let mut filter = vec![0u8; filter_len / 8];
        let mut postings: Vec<u8> = Vec::new();
        for (k, f, _) in &sorted {
            let (off, len) = self.intern(k);
            let post = self.keys.get(k.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            let count = post.len().min(u16::MAX as usize);
            // a single posting is kept in the slot itself
            let post_word = if count == 1 {
                post[0]
            } else {
                let o = (postings.len() / 4) as u32;
                for p in &post[..count] {
                    postings.extend_from_slice(&p.to_le_bytes());
                }
                o
            };
            let h = hash(k.as_bytes());
            let mask = n_slots - 1;
            let mut i = h as usize & mask;
            while slots[i][13] != 0 {
                i = (i + 1) & mask;
            }
            let slot = &mut slots[i];
            slot[0..4].copy_from_slice(&((h >> 32) as u32).to_le_bytes());
            slot[4..8].copy_from_slice(&off.to_le_bytes());
            slot[8..12].copy_from_slice(&post_word.to_le_bytes());
            slot[12] = *f;
            slot[13] = len as u8;
            slot[14..16].copy_from_slice(&(count as u16).to_le_bytes());
            let (a, b) = filter_bits(h, filter_len);
            filter[a / 8] |= 1 << (a % 8);
            filter[b / 8] |= 1 << (b % 8);
        }
        let mut entry_bytes = Vec::with_capacity(self.recs.len() * ENTRY_SIZE);
        for r in &self.recs {
            entry_bytes.extend_from_slice(&r.name.to_le_bytes());
            entry_bytes.extend_from_slice(&r.name_len.to_le_bytes());
            entry_bytes.push(r.kind);
            entry_bytes.push(r.flags);
            entry_bytes.extend_from_slice(&r.iso3);
            entry_bytes.push(0);
            entry_bytes.extend_from_slice(&r.admin1.to_le_bytes());
            entry_bytes.extend_from_slice(&r.admin1_len.to_le_bytes());
            entry_bytes.extend_from_slice(&r.aliases.to_le_bytes());
            entry_bytes.extend_from_slice(&r.lat.to_le_bytes());
            entry_bytes.extend_from_slice(&r.lon.to_le_bytes());
            entry_bytes.extend_from_slice(&r.geonameid.to_le_bytes());
            entry_bytes.extend_from_slice(&r.population.to_le_bytes());
        }
        debug_assert_eq!(entry_bytes.len(), self.recs.len() * ENTRY_SIZE);
        let off_entries = HEADER_SIZE;
        let off_slots = off_entries + entry_bytes.len();
        let off_postings = off_slots + slots.len() * SLOT_SIZE;
        let off_strings = off_postings + postings.len();
        let off_filter = off_strings + self.strings.len();
        let mut out = Vec::with_capacity(off_filter + filter.len());
        out.extend_from_slice(MAGIC);
        for v in [
            self.recs.len(),
            sorted.len(),
            n_slots,
            off_entries,
            off_slots,
            off_postings,
            off_strings,
            filter_len,
            off_filter,
        ] {
            out.extend_from_slice(&(v as u32).to_le_bytes());
        }
        out.extend_from_slice(&entry_bytes);
        for slot in &slots {
            out.extend_from_slice(slot);
        }
        out.extend_from_slice(&postings);
        out.extend_from_slice(&self.strings);
        out.extend_from_slice(&filter);
        out
    }
}

/// The data files, as text.
pub struct Sources<'a> {
    pub countries: &'a str,
    pub admin1: &'a str,
    pub places: &'a str,
    pub regions: &'a str,
    pub country_names: &'a str,
}

/// The compact form of the given TSV texts.
pub fn build(src: &Sources) -> Vec<u8> {
    let mut b = Builder::default();
    b.add_geonames(src.countries, src.admin1, src.places);
    b.add_country_names(src.country_names);
    b.add_regions(src.regions);
    b.finish()
}

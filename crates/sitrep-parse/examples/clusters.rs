//! Word classes from unlabelled text, for the parser's cluster features:
//! `cargo run --release -p sitrep-parse --example clusters -- CORPUS OUT MIN_COUNT CLASSES...`.
//!
//! CORPUS holds one sentence a line, words separated by spaces (scripts/gen_parse_clusters.py
//! writes it). Each word seen at least MIN_COUNT times is put in one of CLASSES classes by
//! the exchange algorithm (Kneser and Ney 1993; Martin, Liermann and Ney 1998): words move,
//! one at a time, to the class that most raises the likelihood of a class bigram model of
//! the text, until few move. Each number of classes is a separate clustering (a coarse one
//! and a fine one serve as the prefixes of a Brown hierarchy do). Deterministic: words are
//! visited by frequency and start in class `rank % CLASSES`.
//!
//! OUT gets one line per word: the word (lowercased as the parser's `Word` does), then its
//! class in each clustering, tab-separated.
use std::collections::HashMap;
use std::io::Write;

/// `<s>`: the sentence boundary, a word of its own so that sentence starts and ends count.
const BOUNDARY: u32 = 0;
/// Every word seen fewer than MIN_COUNT times.
const RARE: u32 = 1;

struct Corpus {
    words: Vec<String>,
    counts: Vec<u64>,
    /// Per word: (right neighbour, count) and (left neighbour, count).
    right: Vec<Vec<(u32, u64)>>,
    left: Vec<Vec<(u32, u64)>>,
}

fn normalise(w: &str) -> String {
    w.chars()
        .map(|c| match c {
            '0'..='9' => '0',
            '\u{2019}' | '\u{2018}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn read(path: &str, min_count: u64) -> Corpus {
    let text = std::fs::read_to_string(path).expect("reading the corpus");
    let lines: Vec<Vec<String>> = text
        .lines()
        .map(|l| l.split_whitespace().map(normalise).collect())
        .collect();
    let mut freq: HashMap<&str, u64> = HashMap::new();
    for w in lines.iter().flatten() {
        *freq.entry(w).or_default() += 1;
    }
    let mut kept: Vec<(&str, u64)> = freq.into_iter().filter(|&(_, n)| n >= min_count).collect();
    kept.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut words = vec!["<s>".to_string(), "<rare>".to_string()];
    words.extend(kept.iter().map(|(w, _)| w.to_string()));
    let id: HashMap<&str, u32> = kept
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i as u32 + 2))
        .collect();
    let mut bigrams: HashMap<(u32, u32), u64> = HashMap::new();
    let mut counts = vec![0u64; words.len()];
    for line in &lines {
        let mut prev = BOUNDARY;
        counts[BOUNDARY as usize] += 1;
        for w in line {
            let cur = id.get(w.as_str()).copied().unwrap_or(RARE);
            counts[cur as usize] += 1;
            *bigrams.entry((prev, cur)).or_default() += 1;
            prev = cur;
        }
        *bigrams.entry((prev, BOUNDARY)).or_default() += 1;
    }
    let mut right = vec![Vec::new(); words.len()];
    let mut left = vec![Vec::new(); words.len()];
    let mut pairs: Vec<((u32, u32), u64)> = bigrams.into_iter().collect();
    pairs.sort_unstable();
    for ((a, b), n) in pairs {
        right[a as usize].push((b, n));
        left[b as usize].push((a, n));
    }
    Corpus {
        words,
        counts,
        right,
        left,
    }
}

fn xlogx(x: i64) -> f64 {
    if x <= 0 {
        0.0
    } else {
        let x = x as f64;
        x * x.ln()
    }
}

/// The class bigram counts and each class's counts as the left and the right word.
struct Classes {
    k: usize,
    of: Vec<usize>,
    pair: Vec<i64>,
    as_left: Vec<i64>,
    as_right: Vec<i64>,
}

/// A word's neighbours summed by class: right, left, and the word followed by itself.
struct Neighbours {
    right: Vec<i64>,
    left: Vec<i64>,
    right_nz: Vec<usize>,
    left_nz: Vec<usize>,
    itself: i64,
    n_left: i64,
    n_right: i64,
}

impl Classes {
    fn new(c: &Corpus, k: usize) -> Classes {
        let of: Vec<usize> = (0..c.words.len()).map(|w| w % k).collect();
        let mut cl = Classes {
            k,
            of,
            pair: vec![0; k * k],
            as_left: vec![0; k],
            as_right: vec![0; k],
        };
        for (a, row) in c.right.iter().enumerate() {
            for &(b, n) in row {
                let (ca, cb) = (cl.of[a], cl.of[b as usize]);
                cl.pair[ca * k + cb] += n as i64;
                cl.as_left[ca] += n as i64;
                cl.as_right[cb] += n as i64;
            }
        }
        cl
    }

    fn neighbours(&self, c: &Corpus, w: usize, nb: &mut Neighbours) {
        for v in [&mut nb.right, &mut nb.left] {
            v.clear();
            v.resize(self.k, 0);
        }
        nb.right_nz.clear();
        nb.left_nz.clear();
        nb.itself = 0;
        nb.n_left = 0;
        nb.n_right = 0;
        for &(v, n) in &c.right[w] {
            nb.n_left += n as i64;
            if v as usize == w {
                nb.itself += n as i64;
                continue;
            }
            let cv = self.of[v as usize];
            if nb.right[cv] == 0 {
                nb.right_nz.push(cv);
            }
            nb.right[cv] += n as i64;
        }
        for &(v, n) in &c.left[w] {
            nb.n_right += n as i64;
            if v as usize == w {
                continue;
            }
            let cv = self.of[v as usize];
            if nb.left[cv] == 0 {
                nb.left_nz.push(cv);
            }
            nb.left[cv] += n as i64;
        }
    }

    /// Adds (sign 1) or removes (sign -1) a word's counts to or from class `a`.
    fn shift(&mut self, nb: &Neighbours, a: usize, sign: i64) {
        let k = self.k;
        for &c in &nb.right_nz {
            self.pair[a * k + c] += sign * nb.right[c];
        }
        for &c in &nb.left_nz {
            self.pair[c * k + a] += sign * nb.left[c];
        }
        self.pair[a * k + a] += sign * nb.itself;
        self.as_left[a] += sign * nb.n_left;
        self.as_right[a] += sign * nb.n_right;
    }

    /// How much the log-likelihood rises if the (removed) word joins class `b`.
    fn gain(&self, nb: &Neighbours, b: usize) -> f64 {
        let k = self.k;
        let mut g = 0.0;
        for &c in nb.right_nz.iter().filter(|&&c| c != b) {
            let n = self.pair[b * k + c];
            g += xlogx(n + nb.right[c]) - xlogx(n);
        }
        for &c in nb.left_nz.iter().filter(|&&c| c != b) {
            let n = self.pair[c * k + b];
            g += xlogx(n + nb.left[c]) - xlogx(n);
        }
        let n = self.pair[b * k + b];
        g += xlogx(n + nb.right[b] + nb.left[b] + nb.itself) - xlogx(n);
        g -= xlogx(self.as_left[b] + nb.n_left) - xlogx(self.as_left[b]);
        g -= xlogx(self.as_right[b] + nb.n_right) - xlogx(self.as_right[b]);
        g
    }

    /// One pass over the words; returns how many changed class.
    fn pass(&mut self, c: &Corpus, nb: &mut Neighbours) -> usize {
        let mut moved = 0;
        for w in 0..c.words.len() {
            self.neighbours(c, w, nb);
            let a = self.of[w];
            self.shift(nb, a, -1);
            let mut best = (a, self.gain(nb, a));
            for b in 0..self.k {
                let g = self.gain(nb, b);
                if g > best.1 + 1e-9 {
                    best = (b, g);
                }
            }
            self.shift(nb, best.0, 1);
            if best.0 != a {
                self.of[w] = best.0;
                moved += 1;
            }
        }
        moved
    }
}

fn cluster(c: &Corpus, k: usize) -> Vec<usize> {
    let mut cl = Classes::new(c, k);
    let mut nb = Neighbours {
        right: Vec::new(),
        left: Vec::new(),
        right_nz: Vec::new(),
        left_nz: Vec::new(),
        itself: 0,
        n_left: 0,
        n_right: 0,
    };
    for round in 1..=30 {
        let moved = cl.pass(c, &mut nb);
        eprintln!("{k} classes, pass {round}: {moved} words moved");
        if moved * 500 < c.words.len() {
            break;
        }
    }
    cl.of
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 5 {
        eprintln!("usage: clusters CORPUS OUT MIN_COUNT CLASSES...");
        std::process::exit(2);
    }
    let min_count: u64 = args[3].parse().expect("MIN_COUNT");
    let corpus = read(&args[1], min_count);
    eprintln!(
        "{} words with at least {min_count} occurrences, {} tokens",
        corpus.words.len() - 2,
        corpus.counts.iter().sum::<u64>()
    );
    let sizes: Vec<usize> = args[4..]
        .iter()
        .map(|k| k.parse().expect("CLASSES"))
        .collect();
    let classes: Vec<Vec<usize>> = sizes.iter().map(|&k| cluster(&corpus, k)).collect();
    let mut out = std::io::BufWriter::new(std::fs::File::create(&args[2]).expect("OUT"));
    for (w, word) in corpus.words.iter().enumerate().skip(2) {
        let ids: Vec<String> = classes.iter().map(|c| c[w].to_string()).collect();
        writeln!(out, "{word}\t{}", ids.join("\t")).expect("writing");
    }
}

//! The whole model (tagger + parser) and its file format.
//!
//! One binary file: a magic line, the tag names, then the three perceptron tables. The
//! file trained on UD English EWT is embedded in the binary; `Analyzer::from_file` loads
//! another (`--data DIR` looks for `DIR/parse/model.bin`).

use crate::parser::{Parser, Scratch, Tree};
use crate::perceptron::{invalid, read_u16, read_u32, read_u64, Dense4, Map, Model};
use crate::rel::Rel;
use crate::tagger::Tagger;
use crate::words::Word;
use std::cell::RefCell;
use std::io::{self, Read, Write};
use std::path::Path;
use std::sync::OnceLock;

/// Version 2 holds the move table as it is used (16-bit weights, see
/// [`Dense4::write_compact`]): 16 bytes a feature where version 1's sparse rows of
/// `f32`s took about 25, and nothing to build but the table when it is read.
const MAGIC: &[u8; 16] = b"sitrep-parse v2\n";
/// Files written before version 2 still load.
const MAGIC_V1: &[u8; 16] = b"sitrep-parse v1\n";

/// The model trained on UD English EWT (CC BY-SA 4.0, see data/parse/NOTICE.part).
const EMBEDDED: &[u8] = include_bytes!("../../../data/parse/model.bin");

/// Tags and dependency trees for sentences.
pub struct Analyzer {
    pub tagger: Tagger,
    pub parser: Parser,
}

/// A sentence's analysis: one tag, head and relation per word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// Penn Treebank tags (as in EWT's XPOS column).
    pub tags: Vec<String>,
    /// Universal part-of-speech tags.
    pub upos: Vec<String>,
    /// 1-based head of each word; 0 for the root.
    pub heads: Vec<usize>,
    pub rels: Vec<Rel>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

static MODEL: OnceLock<Analyzer> = OnceLock::new();

/// Makes `model` the one [`Analyzer::embedded`] returns from now on (the CLI's `--data DIR`
/// loads `DIR/parse/model.bin` and passes it here). Must be called before the first use;
/// returns false if a model was already in use.
pub fn use_model(model: Analyzer) -> bool {
    MODEL.set(model).is_ok()
}

impl Analyzer {
    /// The model in use: the built-in one unless [`use_model`] chose another. Loaded on
    /// first use.
    pub fn embedded() -> &'static Analyzer {
        MODEL.get_or_init(|| {
            Analyzer::read(&mut &EMBEDDED[..]).expect("the built-in parse model is valid")
        })
    }

    /// Tags and parses one sentence given as its words.
    pub fn analyze<S: AsRef<str>>(&self, forms: &[S]) -> Analysis {
        self.analyze_width(forms, self.parser.beam)
    }

    /// [`Analyzer::analyze`] with a beam of `width` (1: greedy) instead of the model's.
    pub fn analyze_width<S: AsRef<str>>(&self, forms: &[S], width: usize) -> Analysis {
        let words: Vec<Word> = forms.iter().map(|f| Word::new(f.as_ref())).collect();
        let tags = self.tagger.tag_ids(&words);
        let tree = SCRATCH.with(|s| {
            self.parser
                .parse_width(&words, &tags, width.max(1), &mut s.borrow_mut())
        });
        Analysis {
            tags: tags
                .iter()
                .map(|&t| self.tagger.xpos(t).to_string())
                .collect(),
            upos: tags
                .iter()
                .map(|&t| self.tagger.upos(t).to_string())
                .collect(),
            heads: tree.heads,
            rels: tree.rels,
        }
    }

    /// Parses words whose tag ids are already known (ids from [`Analyzer::tag_id`]).
    pub fn parse_tagged(&self, words: &[Word], tags: &[u16]) -> Tree {
        SCRATCH.with(|s| self.parser.parse(words, tags, &mut s.borrow_mut()))
    }

    /// The id of a tag ("VBZ|AUX", or a Penn Treebank tag alone, which takes the first
    /// combined tag with that part), if the model knows it.
    pub fn tag_id(&self, tag: &str) -> Option<u16> {
        let exact = self.tagger.tags.iter().position(|t| t == tag);
        exact
            .or_else(|| (0..self.tagger.tags.len()).find(|&i| self.tagger.xpos(i as u16) == tag))
            .map(|p| p as u16)
    }

    /// Writes the model file.
    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(MAGIC)?;
        out.write_all(&(self.tagger.tags.len() as u16).to_le_bytes())?;
        for t in &self.tagger.tags {
            out.write_all(&(t.len() as u16).to_le_bytes())?;
            out.write_all(t.as_bytes())?;
        }
        let mut lex: Vec<(u64, u64)> = self.tagger.lexicon.iter().map(|(&k, &v)| (k, v)).collect();
        lex.sort_unstable();
        out.write_all(&(lex.len() as u32).to_le_bytes())?;
        for (k, v) in lex {
            out.write_all(&k.to_le_bytes())?;
            out.write_all(&v.to_le_bytes())?;
        }
        self.tagger.model.write(out)?;
        self.parser.moves.write_compact(out)?;
        self.parser.labels.write(out)?;
        // the settled words come last, so that models written before them still load
        let mut settled: Vec<(u64, u16)> =
            self.tagger.settled.iter().map(|(&k, &v)| (k, v)).collect();
        settled.sort_unstable();
        out.write_all(&(settled.len() as u32).to_le_bytes())?;
        for (k, t) in settled {
            out.write_all(&k.to_le_bytes())?;
            out.write_all(&t.to_le_bytes())?;
        }
        // then the beam width (files that end before it decode greedily)
        out.write_all(&(self.parser.beam as u32).to_le_bytes())?;
        Ok(())
    }

    /// Reads a model file.
    pub fn read(input: &mut impl Read) -> io::Result<Analyzer> {
        let mut magic = [0u8; 16];
        input.read_exact(&mut magic)?;
        let v1 = &magic == MAGIC_V1;
        if &magic != MAGIC && !v1 {
            return Err(invalid("not a sitrep-parse v1 or v2 model"));
        }
        let ntags = read_u16(input)? as usize;
        let mut tags = Vec::with_capacity(ntags);
        for _ in 0..ntags {
            let len = read_u16(input)? as usize;
            let mut b = vec![0u8; len];
            input.read_exact(&mut b)?;
            tags.push(String::from_utf8(b).map_err(|_| invalid("tag name is not UTF-8"))?);
        }
        let nlex = read_u32(input)? as usize;
        let mut lexicon = Map::default();
        for _ in 0..nlex {
            let k = read_u64(input)?;
            lexicon.insert(k, read_u64(input)?);
        }
        let tagger = Model::read(input)?;
        let moves = if v1 {
            Dense4::read(input)?
        } else {
            Dense4::read_compact(input)?
        };
        let labels = Model::read(input)?;
        let settled = read_settled(input, ntags)?;
        let beam = read_beam(input)?;
        if tagger.classes() != ntags || labels.classes() != Rel::ALL.len() {
            return Err(invalid("model tables do not match its tag and label sets"));
        }
        Ok(Analyzer {
            tagger: Tagger {
                model: tagger,
                tags,
                lexicon,
                settled,
            },
            parser: Parser {
                moves,
                labels,
                beam,
            },
        })
    }

    /// The beam width the parser decodes with (1: greedy).
    pub fn beam_width(&self) -> usize {
        self.parser.beam
    }

    /// Decodes with a beam of `width` move sequences (at least 1) instead of the width
    /// the model was trained with: narrower is faster and, for a model trained with a
    /// beam, less accurate (eval/parse/README.md has the figures).
    pub fn set_beam_width(&mut self, width: usize) {
        self.parser.beam = width.max(1);
    }

    /// Leaves out of the move table every feature whose largest weight is at most
    /// `min_steps` steps (see `Dense4::pruned`); returns the number of move features
    /// before and after.
    pub fn prune_moves(&mut self, min_steps: i16) -> (usize, usize) {
        crate::train::prune_moves(&mut self.parser, min_steps)
    }

    /// Loads a model file from disk.
    pub fn from_file(path: impl AsRef<Path>) -> io::Result<Analyzer> {
        let bytes = std::fs::read(path.as_ref())?;
        Analyzer::read(&mut bytes.as_slice())
    }

    /// Bytes held by the model's tables.
    pub fn heap_bytes(&self) -> usize {
        self.tagger.model.heap_bytes()
            + (self.tagger.lexicon.len() + self.tagger.settled.len()) * 24
            + self.parser.size().2
    }
}

/// The tagger's settled words, the file's last section; a model written before they
/// existed ends before it and has none.
fn read_settled(input: &mut impl Read, ntags: usize) -> io::Result<Map<u16>> {
    let mut settled = Map::default();
    let n = match read_u32(input) {
        Ok(n) => n,
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(settled),
        Err(e) => return Err(e),
    };
    for _ in 0..n {
        let k = read_u64(input)?;
        let t = read_u16(input)?;
        if usize::from(t) >= ntags {
            return Err(invalid("a settled word's tag is out of range"));
        }
        settled.insert(k, t);
    }
    Ok(settled)
}

/// The beam width, the file's last four bytes; a model written before it ends without
/// them and decodes greedily (width 1). Anything else after the settled words is an error.
fn read_beam(input: &mut impl Read) -> io::Result<usize> {
    let mut rest = Vec::new();
    input.read_to_end(&mut rest)?;
    match rest.len() {
        0 => Ok(1),
        4 => {
            let w = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
            if (1..=64).contains(&w) {
                Ok(w)
            } else {
                Err(invalid("beam width out of range"))
            }
        }
        _ => Err(invalid("unexpected bytes after the settled words")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The settled words survive writing and reading, and a file that ends before them
    /// (models written before they existed) still loads, with none.
    #[test]
    fn settled_words_round_trip_and_are_optional() {
        let a = Analyzer::embedded();
        let mut settled = Map::default();
        settled.insert(Word::new("the").lower, 3u16);
        let mut model = Analyzer {
            tagger: Tagger {
                model: Model::read(&mut model_bytes(&a.tagger.model).as_slice()).unwrap(),
                tags: a.tagger.tags.clone(),
                lexicon: a.tagger.lexicon.clone(),
                settled,
            },
            parser: Parser {
                moves: Dense4::from_model(&a.parser.moves.to_model(4)),
                labels: Model::read(&mut model_bytes(&a.parser.labels).as_slice()).unwrap(),
                beam: a.parser.beam,
            },
        };
        let mut bytes = Vec::new();
        model.write(&mut bytes).unwrap();
        let back = Analyzer::read(&mut bytes.as_slice()).unwrap();
        assert_eq!(back.tagger.settled.get(&Word::new("the").lower), Some(&3));
        assert_eq!(back.tagger.tag_ids(&[Word::new("The")]), vec![3]);
        // the move table read straight from the file parses as the one it was written from
        let words = ["Rebels", "attacked", "a", "convoy", "near", "Goma", "."];
        assert_eq!(back.analyze(&words), model.analyze(&words));
        assert_eq!(a.analyze(&words).heads, model.analyze(&words).heads);
        assert_eq!(back.parser.beam, a.parser.beam);
        model.parser.beam = 5;
        let mut wide = Vec::new();
        model.write(&mut wide).unwrap();
        assert_eq!(Analyzer::read(&mut wide.as_slice()).unwrap().parser.beam, 5);
        // without the beam width: greedy
        bytes.truncate(bytes.len() - 4);
        assert_eq!(
            Analyzer::read(&mut bytes.as_slice()).unwrap().parser.beam,
            1
        );
        // without the settled words either: 4 bytes of count, 10 per word
        bytes.truncate(bytes.len() - 4 - 10);
        let old = Analyzer::read(&mut bytes.as_slice()).unwrap();
        assert!(old.tagger.settled.is_empty());
        // a section cut in the middle is an error, not a silently smaller model
        let mut cut = Vec::new();
        model.write(&mut cut).unwrap();
        cut.truncate(cut.len() - 3);
        assert!(Analyzer::read(&mut cut.as_slice()).is_err());
    }

    fn model_bytes(m: &Model) -> Vec<u8> {
        let mut b = Vec::new();
        m.write(&mut b).unwrap();
        b
    }
}

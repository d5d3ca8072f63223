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

const MAGIC: &[u8; 16] = b"sitrep-parse v1\n";

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
        let words: Vec<Word> = forms.iter().map(|f| Word::new(f.as_ref())).collect();
        let tags = self.tagger.tag_ids(&words);
        let tree = self.parse_tagged(&words, &tags);
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
        self.parser.moves.to_model(4).write(out)?;
        self.parser.labels.write(out)
    }

    /// Reads a model file.
    pub fn read(input: &mut impl Read) -> io::Result<Analyzer> {
        let mut magic = [0u8; 16];
        input.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(invalid("not a sitrep-parse v1 model"));
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
        let moves = Model::read(input)?;
        let labels = Model::read(input)?;
        if tagger.classes() != ntags || moves.classes() != 4 || labels.classes() != Rel::ALL.len() {
            return Err(invalid("model tables do not match its tag and label sets"));
        }
        Ok(Analyzer {
            tagger: Tagger {
                model: tagger,
                tags,
                lexicon,
            },
            parser: Parser {
                moves: Dense4::from_model(&moves),
                labels,
            },
        })
    }

    /// Loads a model file from disk.
    pub fn from_file(path: impl AsRef<Path>) -> io::Result<Analyzer> {
        let bytes = std::fs::read(path.as_ref())?;
        Analyzer::read(&mut bytes.as_slice())
    }

    /// Bytes held by the model's tables.
    pub fn heap_bytes(&self) -> usize {
        self.tagger.model.heap_bytes() + self.tagger.lexicon.len() * 24 + self.parser.size().2
    }
}

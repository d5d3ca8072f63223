//! Universal Dependencies relations, as English treebanks use them.

use std::fmt;

macro_rules! rels {
    ($($variant:ident = $text:literal),* $(,)?) => {
        /// A dependency relation (UD v2, with the subtypes English EWT uses).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rel {
            $(
                #[doc = concat!("`", $text, "`")]
                $variant,
            )*
        }

        impl Rel {
            /// Every relation, in the order of their indices.
            pub const ALL: &'static [Rel] = &[$(Rel::$variant),*];

            /// The relation's UD name, e.g. `nsubj:pass`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Rel::$variant => $text,)*
                }
            }

            /// Reads a UD name; `None` for a name outside the set.
            pub fn parse(s: &str) -> Option<Rel> {
                match s {
                    $($text => Some(Rel::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

rels! {
    Acl = "acl",
    AclRelcl = "acl:relcl",
    Advcl = "advcl",
    AdvclRelcl = "advcl:relcl",
    Advmod = "advmod",
    Amod = "amod",
    Appos = "appos",
    Aux = "aux",
    AuxPass = "aux:pass",
    Case = "case",
    Cc = "cc",
    CcPreconj = "cc:preconj",
    Ccomp = "ccomp",
    Compound = "compound",
    CompoundPrt = "compound:prt",
    Conj = "conj",
    Cop = "cop",
    Csubj = "csubj",
    CsubjOuter = "csubj:outer",
    CsubjPass = "csubj:pass",
    Dep = "dep",
    Det = "det",
    DetPredet = "det:predet",
    Discourse = "discourse",
    Dislocated = "dislocated",
    Expl = "expl",
    Fixed = "fixed",
    Flat = "flat",
    Goeswith = "goeswith",
    Iobj = "iobj",
    List = "list",
    Mark = "mark",
    Nmod = "nmod",
    NmodDesc = "nmod:desc",
    NmodPoss = "nmod:poss",
    NmodUnmarked = "nmod:unmarked",
    Nsubj = "nsubj",
    NsubjOuter = "nsubj:outer",
    NsubjPass = "nsubj:pass",
    Nummod = "nummod",
    Obj = "obj",
    Obl = "obl",
    OblAgent = "obl:agent",
    OblUnmarked = "obl:unmarked",
    Orphan = "orphan",
    Parataxis = "parataxis",
    Punct = "punct",
    Reparandum = "reparandum",
    Root = "root",
    Vocative = "vocative",
    Xcomp = "xcomp",
}

impl Rel {
    /// The relation's index in [`Rel::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The relation with index `i`.
    pub fn from_index(i: usize) -> Option<Rel> {
        Rel::ALL.get(i).copied()
    }

    /// Reads a UD name, falling back to older names and to the main type for subtypes
    /// outside the set (`obl:tmod` → `obl:unmarked`, `nmod:npmod` → `nmod:unmarked`,
    /// `flat:name` → `flat`), and to `dep` for anything else.
    pub fn parse_lenient(s: &str) -> Rel {
        if let Some(r) = Rel::parse(s) {
            return r;
        }
        match s {
            "obl:tmod" | "obl:npmod" => Rel::OblUnmarked,
            "nmod:tmod" | "nmod:npmod" => Rel::NmodUnmarked,
            "neg" => Rel::Advmod,
            _ => {
                let main = s.split(':').next().unwrap_or(s);
                Rel::parse(main).unwrap_or(Rel::Dep)
            }
        }
    }

    /// The main type, without the subtype (`nsubj:pass` → `nsubj`).
    pub fn main_type(self) -> &'static str {
        let s = self.as_str();
        s.split(':').next().unwrap_or(s)
    }
}

impl fmt::Display for Rel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &r in Rel::ALL {
            assert_eq!(Rel::parse(r.as_str()), Some(r));
            assert_eq!(Rel::from_index(r.index()), Some(r));
        }
        assert!(Rel::ALL.len() < 64, "label sets are kept in a u64 bitmask");
    }

    #[test]
    fn lenient_reading() {
        assert_eq!(Rel::parse_lenient("obl:tmod"), Rel::OblUnmarked);
        assert_eq!(Rel::parse_lenient("nmod:gmod"), Rel::Nmod);
        assert_eq!(Rel::parse_lenient("weird"), Rel::Dep);
        assert_eq!(Rel::NsubjPass.main_type(), "nsubj");
    }
}

//! The Penn Treebank tag set, as the model predicts it.

use std::fmt;

macro_rules! tags {
    ($($variant:ident = $text:literal),* $(,)?) => {
        /// A Penn Treebank part-of-speech tag.
        ///
        /// Variants are declared in the byte order of their tag strings: the model breaks a
        /// tie between equal scores in favour of the greater string, and `Ord` on this enum is
        /// that order.
        #[allow(clippy::upper_case_acronyms)] // the tag names are the vocabulary people know
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Tag {
            $(
                #[doc = concat!("The tag \"", $text, "\".")]
                $variant,
            )*
        }

        impl Tag {
            /// Every tag, in `Ord` (= tag string) order.
            pub const ALL: [Tag; 45] = [$(Tag::$variant),*];

            /// The tag as written in the Penn Treebank (`"NNP"`, `"PRP$"`, `"``"`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Tag::$variant => $text,)*
                }
            }

            /// The tag written as [`Tag::as_str`] gives it.
            pub fn parse(s: &str) -> Option<Tag> {
                match s {
                    $($text => Some(Tag::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

tags! {
    Hash = "#",
    Dollar = "$",
    CloseQuote = "''",
    Comma = ",",
    LRB = "-LRB-",
    RRB = "-RRB-",
    Period = ".",
    Colon = ":",
    CC = "CC",
    CD = "CD",
    DT = "DT",
    EX = "EX",
    FW = "FW",
    IN = "IN",
    JJ = "JJ",
    JJR = "JJR",
    JJS = "JJS",
    LS = "LS",
    MD = "MD",
    NN = "NN",
    NNP = "NNP",
    NNPS = "NNPS",
    NNS = "NNS",
    PDT = "PDT",
    POS = "POS",
    PRP = "PRP",
    PRPS = "PRP$",
    RB = "RB",
    RBR = "RBR",
    RBS = "RBS",
    RP = "RP",
    SYM = "SYM",
    TO = "TO",
    UH = "UH",
    VB = "VB",
    VBD = "VBD",
    VBG = "VBG",
    VBN = "VBN",
    VBP = "VBP",
    VBZ = "VBZ",
    WDT = "WDT",
    WP = "WP",
    WPS = "WP$",
    WRB = "WRB",
    OpenQuote = "``",
}

impl Tag {
    /// NN, NNS, NNP or NNPS.
    pub fn is_noun(self) -> bool {
        matches!(self, Tag::NN | Tag::NNS | Tag::NNP | Tag::NNPS)
    }

    /// NNP or NNPS.
    pub fn is_proper_noun(self) -> bool {
        matches!(self, Tag::NNP | Tag::NNPS)
    }

    /// Any VB* tag (not MD).
    pub fn is_verb(self) -> bool {
        matches!(
            self,
            Tag::VB | Tag::VBD | Tag::VBG | Tag::VBN | Tag::VBP | Tag::VBZ
        )
    }

    /// JJ, JJR or JJS.
    pub fn is_adjective(self) -> bool {
        matches!(self, Tag::JJ | Tag::JJR | Tag::JJS)
    }

    /// RB, RBR or RBS.
    pub fn is_adverb(self) -> bool {
        matches!(self, Tag::RB | Tag::RBR | Tag::RBS)
    }

    /// WDT, WP, WP$ or WRB: the words that open relative clauses and questions.
    pub fn is_wh(self) -> bool {
        matches!(self, Tag::WDT | Tag::WP | Tag::WPS | Tag::WRB)
    }

    /// Quotes, brackets, `,`, `.` and `:` (not `#` and `$`: those head noun phrases such as
    /// "$ 5 million").
    pub fn is_punct(self) -> bool {
        matches!(
            self,
            Tag::CloseQuote
                | Tag::OpenQuote
                | Tag::Comma
                | Tag::LRB
                | Tag::RRB
                | Tag::Period
                | Tag::Colon
        )
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_order_is_string_order() {
        for w in Tag::ALL.windows(2) {
            assert!(w[0].as_str() < w[1].as_str(), "{} !< {}", w[0], w[1]);
            assert!(w[0] < w[1]);
        }
    }

    #[test]
    fn parse_round_trips() {
        for t in Tag::ALL {
            assert_eq!(Tag::parse(t.as_str()), Some(t));
        }
        assert_eq!(Tag::parse("NNX"), None);
    }
}

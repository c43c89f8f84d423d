//! Name variants: the spellings of a person's name that the dictionary does not write out,
//! generated when the dictionary is compiled so that they go into the one automaton (no second
//! pass and no fuzzy scan of the text).
//!
//! Three kinds of class, in any dictionary file:
//!
//! ```toml
//! [[variants]]
//! parts = ["Mohammad", "Mohammed", "Muhammad", "Mohamed"]   # whole name parts
//!
//! [[variants]]
//! endings = ["uddin", "ud-din", "oeddin"]   # word endings: Sirajuddin, Siraj-ud-din
//!
//! [[variants]]
//! spelling = [["sh", "sj"], ["u", "oe"], ["y", "j"]]   # one transliteration (Dutch here):
//!                                                     # Yaqub -> Jakoeb as a whole
//! ```
//!
//! Only a person's names of two or more words vary (a variant of a given name never matches
//! alone), and every other part of the name must match as the dictionary or a class writes it.
//! A part ending in `-` (`Abd al-`) is joined to the next part without a space. A variant that
//! is another entity's alias is left out, and `dict check` reports it.

use super::{Pos, Problem};
use crate::text::{Case, fold_str};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Most spellings one alias expands to (the alias itself included).
pub const MAX_PER_ALIAS: usize = 24;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawVariants {
    #[serde(default)]
    parts: Vec<String>,
    #[serde(default)]
    endings: Vec<String>,
    #[serde(default)]
    spelling: Vec<(String, String)>,
}

/// One class, with where it was written.
#[derive(Debug, Clone)]
pub struct VariantClass {
    pub file: PathBuf,
    pub line: Pos,
    pub what: Class,
}

/// What a class makes interchangeable.
#[derive(Debug, Clone)]
pub enum Class {
    /// Whole name parts, folded.
    Parts(Vec<String>),
    /// Word endings, folded.
    Endings(Vec<String>),
    /// A transliteration: (from, to), folded, tried longest first at each place.
    Spelling(Vec<(String, String)>),
}

impl VariantClass {
    pub(super) fn new(
        file: &Path,
        line: Pos,
        raw: RawVariants,
        problems: &mut Vec<Problem>,
    ) -> Option<VariantClass> {
        let fold = |s: &String| fold_str(s, Case::Fold);
        let filled = [
            !raw.parts.is_empty(),
            !raw.endings.is_empty(),
            !raw.spelling.is_empty(),
        ];
        let what = match filled {
            [true, false, false] if raw.parts.len() > 1 => {
                Class::Parts(raw.parts.iter().map(fold).collect())
            }
            [false, true, false] if raw.endings.len() > 1 => {
                Class::Endings(raw.endings.iter().map(fold).collect())
            }
            [false, false, true] => {
                let mut map: Vec<(String, String)> = raw
                    .spelling
                    .iter()
                    .map(|(a, b)| (fold(a), fold(b)))
                    .collect();
                map.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
                if map.iter().any(|(a, _)| a.is_empty()) {
                    problems.push(Problem {
                        file: file.to_path_buf(),
                        line,
                        message: "variants: a spelling replaces an empty string".into(),
                    });
                    return None;
                }
                Class::Spelling(map)
            }
            _ => {
                problems.push(Problem {
                    file: file.to_path_buf(),
                    line,
                    message: "variants need one of `parts` or `endings` (two or more) or \
                              `spelling`"
                        .into(),
                });
                return None;
            }
        };
        Some(VariantClass {
            file: file.to_path_buf(),
            line,
            what,
        })
    }
}

/// The other spellings of a folded name of two or more words, in a fixed order, at most
/// [`MAX_PER_ALIAS`] minus one.
pub fn expand(folded: &str, classes: &[VariantClass]) -> Vec<String> {
    let parts: Vec<&str> = folded.split(' ').collect();
    if parts.len() < 2 {
        return Vec::new();
    }
    let options: Vec<Vec<String>> = parts.iter().map(|p| alternatives(p, classes)).collect();
    // Odometer over the options, first part fastest; the first combination is the alias.
    let mut out = Vec::new();
    let mut pick = vec![0usize; options.len()];
    loop {
        let mut i = 0;
        while i < pick.len() {
            pick[i] += 1;
            if pick[i] < options[i].len() {
                break;
            }
            pick[i] = 0;
            i += 1;
        }
        if i == pick.len() || out.len() + 1 >= MAX_PER_ALIAS {
            break;
        }
        let mut name = String::new();
        for (k, &j) in pick.iter().enumerate() {
            let part = &options[k][j];
            if k > 0 && !name.ends_with('-') {
                name.push(' ');
            }
            name.push_str(part);
        }
        out.push(name);
    }
    out
}

/// A part's spellings: itself first, then its class members, endings and transliteration.
fn alternatives(part: &str, classes: &[VariantClass]) -> Vec<String> {
    let mut alts = vec![part.to_string()];
    let add = |s: String, alts: &mut Vec<String>| {
        if !s.is_empty() && !alts.contains(&s) {
            alts.push(s);
        }
    };
    for c in classes {
        match &c.what {
            Class::Parts(members) if members.iter().any(|m| m == part) => {
                for m in members {
                    add(m.clone(), &mut alts);
                }
            }
            Class::Endings(endings) => {
                if let Some(stem) = endings
                    .iter()
                    .find_map(|e| part.strip_suffix(e.as_str()).filter(|s| s.len() >= 2))
                {
                    for e in endings {
                        add(format!("{stem}{e}"), &mut alts);
                    }
                }
            }
            Class::Spelling(map) => add(transliterate(part, map), &mut alts),
            Class::Parts(_) => {}
        }
    }
    alts
}

/// Rewrites `part` left to right, at each place by the longest `from` that matches.
fn transliterate(part: &str, map: &[(String, String)]) -> String {
    let mut out = String::new();
    let mut rest = part;
    while let Some(c) = rest.chars().next() {
        match map.iter().find(|(from, _)| rest.starts_with(from.as_str())) {
            Some((from, to)) => {
                out.push_str(to);
                rest = &rest[from.len()..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(what: Class) -> VariantClass {
        VariantClass {
            file: PathBuf::from("v.toml"),
            line: Pos::default(),
            what,
        }
    }

    fn classes() -> Vec<VariantClass> {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        vec![
            class(Class::Parts(s(&["mohammad", "mohammed", "muhammad"]))),
            class(Class::Parts(s(&["abdul", "abd al-"]))),
            class(Class::Endings(s(&["uddin", "-ud-din"]))),
            class(Class::Spelling(vec![
                ("ou".into(), "oe".into()),
                ("u".into(), "oe".into()),
                ("y".into(), "j".into()),
                ("q".into(), "k".into()),
            ])),
        ]
    }

    /// One row per variant class: (dictionary name, a spelling it must also match).
    #[test]
    fn each_class_yields_its_spelling() {
        let rows = [
            ("mohammad yaqoob", "mohammed yaqoob"),
            ("mohammad yaqub", "mohammad jakoeb"),
            ("sirajuddin haqqani", "siraj-ud-din haqqani"),
            ("abdul ghani baradar", "abd al-ghani baradar"),
            ("ahmad shah massoud", "ahmad shah massoed"),
        ];
        for (name, want) in rows {
            let got = expand(name, &classes());
            assert!(got.iter().any(|g| g == want), "{name}: {got:?}");
            assert!(!got.iter().any(|g| g == name), "{name} repeats itself");
        }
    }

    #[test]
    fn one_word_never_varies_and_expansion_is_bounded() {
        assert!(expand("mohammad", &classes()).is_empty());
        let long = expand("mohammad mohammad mohammad mohammad", &classes());
        assert_eq!(long.len(), MAX_PER_ALIAS - 1);
    }
}

//! Checks for people who maintain dictionaries, beyond what makes a dictionary invalid: aliases
//! that a longer alias of another entity takes over, and aliases likely to match ordinary words.

use super::{Dictionary, Kind, Pos};
use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

/// One alias as written, with what it names and where it was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AliasRow {
    pub alias: String,
    /// The form the matcher compares (no accents, lower case, single spaces).
    pub folded: String,
    pub entity: String,
    pub kind: Kind,
    /// Matched case-sensitively (`exact`) rather than in any case.
    pub exact: bool,
    #[serde(skip)]
    pub file: PathBuf,
    #[serde(skip)]
    pub line: Pos,
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FindingKind {
    /// An alias likely to match ordinary words: short, or a common word, in any case.
    Risky,
    /// An alias inside a longer alias of another entity: usually intended.
    Shadowed,
    /// A generated name variant that is another entity's alias, left out.
    VariantClash,
}

/// A warning about an alias, at the place it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    pub file: PathBuf,
    pub line: Pos,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: warning: {}",
            self.file.display(),
            self.line,
            self.message
        )
    }
}

/// Frequent Dutch and English words: an alias equal to one of them matches ordinary text
/// unless it is an `exact` (case-sensitive) form.
const COMMON_WORDS: &[&str] = &[
    "aan", "al", "alle", "als", "ben", "bij", "dag", "dan", "dat", "de", "den", "der", "des",
    "die", "dit", "doen", "door", "dus", "een", "en", "er", "ga", "gaan", "geen", "had", "heb",
    "hem", "het", "hij", "hoe", "hun", "ik", "in", "is", "ja", "je", "jij", "kan", "land", "los",
    "maar", "man", "me", "mee", "mei", "men", "met", "mij", "na", "naar", "niet", "nog", "nu",
    "of", "om", "ons", "ook", "op", "over", "per", "recht", "rond", "staat", "te", "tot", "u",
    "uit", "van", "veel", "voor", "vs", "waar", "wat", "we", "wel", "wie", "wij", "zal", "ze",
    "zei", "zich", "zij", "zo", "zon", "zou", "a", "an", "and", "are", "as", "at", "be", "by",
    "can", "for", "from", "has", "he", "in", "it", "its", "may", "new", "no", "not", "of", "on",
    "or", "our", "said", "so", "that", "the", "to", "up", "us", "was", "we", "who", "will", "with",
    "won",
];

/// Warnings for the loaded dictionary, sorted by file and line: any-case aliases of three
/// letters or fewer, any-case aliases that are common words, and aliases inside a longer alias
/// of another entity (in that phrase the longer one wins, which is usually meant but worth a
/// look).
pub fn lint(dict: &Dictionary) -> Vec<Finding> {
    let rows = dict.aliases();
    let mut findings = Vec::new();
    for row in rows.iter().filter(|r| !r.exact) {
        let letters = row.folded.chars().filter(|c| c.is_alphanumeric()).count();
        let message = if COMMON_WORDS.contains(&row.folded.as_str()) {
            format!(
                "alias {:?} ({}) is a common word and matches in any case; list it under `exact`",
                row.alias, row.entity
            )
        } else if letters <= 3 {
            format!(
                "alias {:?} ({}) is short and matches in any case; list it under `exact` unless \
                 every lower-case use means this actor",
                row.alias, row.entity
            )
        } else {
            continue;
        };
        findings.push(Finding {
            kind: FindingKind::Risky,
            file: row.file.clone(),
            line: row.line,
            message,
        });
    }
    // Aliases inside longer aliases of other entities, at word boundaries: the automaton finds
    // every alias inside each alias in one pass, so a 100k-alias dictionary checks in seconds.
    for long in rows {
        let starts = crate::text::Folded::word_starts(&long.folded);
        let mut inside = Vec::new();
        dict.find_matches(&long.folded, &starts, |s, e, _| inside.push(s..e));
        inside.sort_by_key(|r| (r.end, r.start));
        for range in inside {
            let inner = &long.folded[range.clone()];
            if inner.len() == long.folded.len() || !at_word_boundaries(&long.folded, range) {
                continue;
            }
            let first = rows.partition_point(|r| r.folded.as_str() < inner);
            for short in rows[first..].iter().take_while(|r| r.folded == inner) {
                if long.entity == short.entity {
                    continue;
                }
                findings.push(Finding {
                    kind: FindingKind::Shadowed,
                    file: short.file.clone(),
                    line: short.line,
                    message: format!(
                        "alias {:?} ({}) is part of {:?} ({}, {}:{}): there the longer one counts",
                        short.alias,
                        short.entity,
                        long.alias,
                        long.entity,
                        long.file.display(),
                        long.line
                    ),
                });
            }
        }
    }
    findings.extend(dict.variant_clashes().iter().cloned());
    findings.sort_by(|a, b| (&a.file, a.line, &a.message).cmp(&(&b.file, b.line, &b.message)));
    findings.dedup();
    findings
}

/// Whether `hay[range]` has a non-word character (or the end) on each side.
fn at_word_boundaries(hay: &str, range: std::ops::Range<usize>) -> bool {
    let before = hay[..range.start].chars().next_back();
    let after = hay[range.end..].chars().next();
    before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(toml: &str) -> Vec<String> {
        let d = Dictionary::from_toml("d.toml", toml).unwrap();
        lint(&d).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn short_and_common_any_case_aliases_are_flagged_with_their_line() {
        let f = findings(
            "[[entity]]\nid = \"us\"\nkind = \"state\"\nlabel = \"VS\"\n\
             aliases = [\"vs\", \"Verenigde Staten\"]\nexact = [\"USA\"]\n",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].starts_with("d.toml:5:12: warning: alias \"vs\" (us) is a common word"));
    }

    #[test]
    fn an_alias_inside_a_longer_alias_of_another_entity_is_reported() {
        let f = findings(
            "[[entity]]\nid = \"taliban\"\nkind = \"group\"\nlabel = \"Taliban\"\n\
             aliases = [\"Taliban\"]\n\n[[entity]]\nid = \"ttp\"\nkind = \"group\"\n\
             label = \"TTP\"\naliases = [\"Pakistaanse Taliban\"]\n",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].contains("\"Taliban\" (taliban) is part of \"Pakistaanse Taliban\" (ttp"));
        assert!(f[0].starts_with("d.toml:5:"));
        // Not inside a word: "Mali" in "Somalia" is no finding.
        let f = findings(
            "[[entity]]\nid = \"mali\"\nkind = \"state\"\nlabel = \"Mali\"\naliases = [\"Mali\"]\n\n\
             [[entity]]\nid = \"somalia\"\nkind = \"state\"\nlabel = \"Somalia\"\naliases = [\"Somalia\"]\n",
        );
        assert!(f.is_empty(), "{f:?}");
    }
}

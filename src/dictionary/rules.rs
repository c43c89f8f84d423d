//! Discovery rules: patterns that find actors no dictionary lists, read from the same TOML files
//! as the entities and checked the same way (every problem as `file:line:column`).
//!
//! A rule is anchored on trigger words. The triggers go into the one alias automaton, so the
//! text is scanned once whatever the number of rules; where a trigger is found, the rule's
//! regular expression (Rust's `regex` syntax) is tried right after it (`after`, anchored at the
//! trigger's end) or right before it (`before`, anchored at its start). The group `name` (or the
//! whole match) is the actor's name:
//!
//! ```toml
//! [define]                      # placeholders for this file's patterns: {NAME}
//! NAME = '\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)*'
//!
//! [[rule]]
//! id = "nl-role-person"         # lowercase, unique; shown as the `rule` of what it finds
//! kind = "person"               # the kind of actor it finds
//! triggers = ["woordvoerder", "hoogleraar"]   # any letter case, whole words
//! exact = ["Mullah"]            # triggers matched in the letter case written
//! weak = ["Will"]               # triggers that do not fire as a sentence's first word
//! after = '^\s+(?<name>{NAME})' # tried at the trigger's end
//! # before = '(?<name>{NAME})-$'  # or: tried to end at the trigger's start
//! keep_trigger = false          # true: the trigger is part of the name ("Jamaat-ul-Ahrar")
//! reject = '(?:straat|laan)$'   # a name this matches is not an actor
//! of_state = false              # true: the name belongs to the state named nearby
//!                               # ("het Afghaanse ministerie van Defensie")
//! over_places = false           # true: the name may contain listed places and states and
//!                               # wins over them ("Kabul Times", "Kabul University")
//! ```
//!
//! A file may also list `not_names`: words that are never part of a found name (months, days,
//! sentence adverbs such as "Volgens"). A found name that overlaps a dictionary mention is left
//! to the dictionary.

use super::{Kind, Pos, Problem};
use crate::text::{Case, fold_str, is_word_char};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Bytes of text a rule's expression sees on either side of its trigger.
pub const WINDOW: usize = 160;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRule {
    id: Spanned<String>,
    kind: Spanned<String>,
    #[serde(default)]
    triggers: Vec<Spanned<String>>,
    #[serde(default)]
    exact: Vec<Spanned<String>>,
    #[serde(default)]
    weak: Vec<Spanned<String>>,
    after: Option<Spanned<String>>,
    before: Option<Spanned<String>>,
    #[serde(default)]
    keep_trigger: bool,
    reject: Option<Spanned<String>>,
    #[serde(default)]
    of_state: bool,
    #[serde(default)]
    over_places: bool,
}

/// Which side of the trigger a rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    After,
    Before,
}

/// A compiled discovery rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub kind: Kind,
    pub side: Side,
    /// Anchored at the trigger (`^…` after it, `…$` before it).
    pub pattern: Regex,
    pub keep_trigger: bool,
    pub reject: Option<Regex>,
    pub of_state: bool,
    /// The name may contain listed places and states, and wins over them.
    pub over_places: bool,
    /// Folded triggers that do not fire as a sentence's first word.
    pub weak: Vec<String>,
}

/// A trigger as written, for the automaton: its rule and whether its case must match.
#[derive(Debug, Clone)]
pub struct TriggerAt {
    pub text: String,
    pub exact: bool,
    pub rule: u32,
    pub file: PathBuf,
    pub line: Pos,
}

/// Every rule of every file, their triggers and the words that are never names.
#[derive(Debug, Default, Clone)]
pub struct Rules {
    pub rules: Vec<Rule>,
    pub triggers: Vec<TriggerAt>,
    /// Folded words never part of a found name.
    pub not_names: rustc_hash::FxHashSet<String>,
}

/// One file's rules, compiled, with where each was written.
pub(super) struct RuleFile {
    file: PathBuf,
    /// (rule, where its id is, its triggers with `rule` counted within this file)
    rules: Vec<(Rule, Pos, Vec<TriggerAt>)>,
    not_names: Vec<String>,
}

impl RuleFile {
    /// Compiles one file's rules; what is wrong goes to `problems`. `line_of` gives the place
    /// of a byte offset in this file.
    pub(super) fn new(
        file: &Path,
        define: Option<BTreeMap<String, Spanned<String>>>,
        rules: Vec<Spanned<RawRule>>,
        not_names: Vec<String>,
        line_of: impl Fn(usize) -> Pos,
        problems: &mut Vec<Problem>,
    ) -> Option<RuleFile> {
        if rules.is_empty() && not_names.is_empty() {
            return None;
        }
        let define: BTreeMap<String, (String, Pos)> = define
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| {
                let at = line_of(v.span().start);
                (k, (v.into_inner(), at))
            })
            .collect();
        let mut out = RuleFile {
            file: file.to_path_buf(),
            rules: Vec::new(),
            not_names,
        };
        for spanned in rules {
            let at = line_of(spanned.span().start);
            let raw = spanned.into_inner();
            let mut problem = |line: Pos, message: String| {
                problems.push(Problem {
                    file: file.to_path_buf(),
                    line,
                    message,
                })
            };
            let here = |s: &Spanned<String>| line_of(s.span().start);
            let id = raw.id.get_ref().clone();
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                problem(
                    here(&raw.id),
                    format!("rule id {id:?} must be lowercase ASCII letters, digits or '-'"),
                );
            }
            let kind = Kind::parse(raw.kind.get_ref());
            if kind.is_none() {
                problem(
                    here(&raw.kind),
                    format!(
                        "rule {id:?}: unknown kind {:?} (expected group, state, person, place or organization)",
                        raw.kind.get_ref()
                    ),
                );
            }
            let (side, source) = match (&raw.after, &raw.before) {
                (Some(a), None) => (Side::After, a),
                (None, Some(b)) => (Side::Before, b),
                _ => {
                    problem(
                        at,
                        format!("rule {id:?} needs exactly one of `after` and `before`"),
                    );
                    continue;
                }
            };
            let pattern = expand(source.get_ref(), &define).and_then(|p| {
                let anchored = match side {
                    Side::After => format!("^(?:{p})"),
                    Side::Before => format!("(?:{p})$"),
                };
                Regex::new(&anchored).map_err(|e| one_line(&e.to_string()))
            });
            let pattern = match pattern {
                Ok(p) => p,
                Err(why) => {
                    problem(here(source), format!("rule {id:?}: {why}"));
                    continue;
                }
            };
            let reject = match &raw.reject {
                None => None,
                Some(r) => match expand(r.get_ref(), &define)
                    .and_then(|p| Regex::new(&p).map_err(|e| one_line(&e.to_string())))
                {
                    Ok(r) => Some(r),
                    Err(why) => {
                        problem(here(r), format!("rule {id:?}: reject: {why}"));
                        continue;
                    }
                },
            };
            if raw.triggers.is_empty() && raw.exact.is_empty() {
                problem(
                    at,
                    format!("rule {id:?} has no triggers, so it can never fire"),
                );
            }
            let mut triggers = Vec::new();
            for (list, exact) in [(&raw.triggers, false), (&raw.exact, true)] {
                for t in list {
                    let folded = fold_str(t.get_ref(), Case::Fold);
                    if !folded.chars().any(is_word_char) {
                        problem(
                            here(t),
                            format!(
                                "rule {id:?}: trigger {:?} has no letter or digit, so it cannot match",
                                t.get_ref()
                            ),
                        );
                        continue;
                    }
                    triggers.push(TriggerAt {
                        text: t.get_ref().trim().to_string(),
                        exact,
                        rule: 0,
                        file: file.to_path_buf(),
                        line: here(t),
                    });
                }
            }
            let rule = Rule {
                id,
                kind: kind.unwrap_or(Kind::Person),
                side,
                pattern,
                keep_trigger: raw.keep_trigger,
                reject,
                of_state: raw.of_state,
                over_places: raw.over_places,
                weak: raw
                    .weak
                    .iter()
                    .map(|w| fold_str(w.get_ref(), Case::Fold))
                    .collect(),
            };
            out.rules.push((rule, here(&raw.id), triggers));
        }
        Some(out)
    }
}

/// Joins every file's rules: ids must be unique across files.
pub(super) fn compile(files: Vec<RuleFile>, problems: &mut Vec<Problem>) -> Rules {
    let mut out = Rules::default();
    let mut seen: BTreeMap<String, (PathBuf, Pos)> = BTreeMap::new();
    for f in files {
        for word in &f.not_names {
            out.not_names.insert(fold_str(word, Case::Fold));
        }
        for (rule, at, triggers) in f.rules {
            if let Some((file, line)) = seen.get(&rule.id) {
                problems.push(Problem {
                    file: f.file.clone(),
                    line: at,
                    message: format!(
                        "duplicate rule id {:?} (first defined at {}:{line})",
                        rule.id,
                        file.display()
                    ),
                });
                continue;
            }
            seen.insert(rule.id.clone(), (f.file.clone(), at));
            let index = out.rules.len() as u32;
            out.triggers
                .extend(triggers.into_iter().map(|t| TriggerAt { rule: index, ..t }));
            out.rules.push(rule);
        }
    }
    out
}

/// Replaces each `{NAME}` (capitals, digits and `_`) by its definition; a name that is not
/// defined is an error. Other braces (`{2,3}`, `\p{L}`) are left alone.
fn expand(pattern: &str, define: &BTreeMap<String, (String, Pos)>) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = pattern;
    let mut depth = 0;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}');
        let name = close.map(|c| &after[..c]);
        // `\p{L}` and `\P{M}` are Unicode classes, not placeholders.
        let class = out.ends_with("\\p") || out.ends_with("\\P");
        match name {
            Some(n)
                if !class
                    && !n.is_empty()
                    && n.starts_with(|c: char| c.is_ascii_uppercase())
                    && n.chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') =>
            {
                let Some((def, _)) = define.get(n) else {
                    return Err(format!("{{{n}}} is not defined in this file's [define]"));
                };
                depth += 1;
                if depth > 32 {
                    return Err("definitions nest too deeply".into());
                }
                out.push_str("(?:");
                out.push_str(&expand(def, define)?);
                out.push(')');
                rest = &after[n.len() + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_expand_and_repetitions_stay() {
        let mut d = BTreeMap::new();
        d.insert("A".to_string(), ("x{2}".to_string(), Pos::default()));
        d.insert("B".to_string(), ("{A}y".to_string(), Pos::default()));
        assert_eq!(expand("^{B}z{1,3}", &d).unwrap(), "^(?:(?:x{2})y)z{1,3}");
        assert_eq!(expand(r"\p{L}\P{M}{A}", &d).unwrap(), r"\p{L}\P{M}(?:x{2})");
        assert!(
            expand("{C}", &d)
                .unwrap_err()
                .contains("{C} is not defined")
        );
    }
}

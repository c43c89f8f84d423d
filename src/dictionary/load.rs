//! Reading dictionary files into located entities, with every problem tied to a file and line.

use super::{Attributes, DictionaryError, Entity, Kind, Pos, Problem, Role, cues, rules};
use crate::input::parse_date;
use crate::text::{Case, fold_str, is_word_char};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    /// The language of the names in this file; files without one are always loaded.
    lang: Option<Spanned<String>>,
    #[serde(default)]
    entity: Vec<Spanned<RawEntity>>,
    #[serde(default)]
    extend: Vec<Spanned<RawExtend>>,
    #[serde(default)]
    ignore: Vec<Spanned<RawIgnore>>,
    grammar: Option<Spanned<cues::RawGrammar>>,
    #[serde(default)]
    relation: Vec<Spanned<cues::RawRelation>>,
    #[serde(default)]
    cue: Vec<Spanned<cues::RawCue>>,
    /// Placeholders for this file's rule patterns.
    define: Option<std::collections::BTreeMap<String, Spanned<String>>>,
    #[serde(default)]
    rule: Vec<Spanned<rules::RawRule>>,
    /// Words never part of a name a rule finds.
    #[serde(default)]
    not_names: Vec<String>,
    #[serde(default)]
    variants: Vec<Spanned<super::variants::RawVariants>>,
}

/// Phrases that contain an alias but name none of the actors ("Nationale Veiligheidsraad").
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIgnore {
    phrases: Vec<Spanned<String>>,
}

/// More names for an entity defined in another file (a language layer).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExtend {
    id: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    exact: Vec<Spanned<String>>,
    labels: Option<Spanned<std::collections::BTreeMap<String, String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    title: Spanned<String>,
    of: Option<Spanned<String>>,
    from: Option<Spanned<String>>,
    to: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    id: Spanned<String>,
    kind: Spanned<String>,
    label: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    exact: Vec<Spanned<String>>,
    #[serde(default)]
    compound: bool,
    #[serde(default)]
    surname: bool,
    country: Option<Spanned<String>>,
    subtype: Option<String>,
    acts_for: Option<Spanned<String>>,
    lat: Option<Spanned<f64>>,
    lon: Option<Spanned<f64>>,
    #[serde(default)]
    roles: Vec<RawRole>,
    labels: Option<Spanned<std::collections::BTreeMap<String, String>>>,
}

/// An alias with where it was written.
#[derive(Debug, Clone)]
pub(super) struct AliasAt {
    pub text: String,
    pub exact: bool,
    pub file: PathBuf,
    pub line: Pos,
    pub entity_id: String,
}

impl AliasAt {
    pub fn problem(&self, message: String) -> Problem {
        Problem {
            file: self.file.clone(),
            line: self.line,
            message,
        }
    }
}

/// An entity with where it was written and its aliases.
pub(super) struct Located {
    pub entity: Entity,
    pub aliases: Vec<AliasAt>,
    pub file: PathBuf,
    pub line: Pos,
    /// Where each role's `of` was written, to report an unknown id.
    pub role_lines: Vec<Pos>,
    /// Where `acts_for` was written, to report an unknown id.
    pub acts_for_at: Option<Pos>,
    /// Labels in other languages: (language, label).
    pub labels: Vec<(String, String)>,
}

/// Extra aliases for an entity defined elsewhere, with where they were written.
pub(super) struct Extension {
    pub id: String,
    pub aliases: Vec<AliasAt>,
    /// Labels in other languages: (language, label).
    pub labels: Vec<(String, String)>,
    pub file: PathBuf,
    pub line: Pos,
}

/// What the files hold once parsed: entities, extensions and every problem found.
#[derive(Default)]
pub(super) struct Parsed {
    pub located: Vec<Located>,
    pub extensions: Vec<Extension>,
    pub problems: Vec<Problem>,
    /// Files left out because their `lang` was not asked for.
    pub skipped: Vec<PathBuf>,
    /// Phrases to match and drop, with where they were written (`entity_id` is empty).
    pub ignore: Vec<AliasAt>,
    /// Relation types, grammar and cues, by file.
    pub cues: Vec<cues::CueFile>,
    /// Discovery rules, by file.
    pub rules: Vec<rules::RuleFile>,
    /// Name-part variant classes, with where each was written.
    pub variants: Vec<super::variants::VariantClass>,
}

impl Located {
    pub fn problem(&self, line: Pos, message: String) -> Problem {
        Problem {
            file: self.file.clone(),
            line,
            message,
        }
    }
}

/// Every `*.toml` file under the given paths, folders walked recursively in sorted order.
pub(super) fn dictionary_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, DictionaryError> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| DictionaryError::Io {
            path: path.clone(),
            source: e,
        })?;
        if meta.is_dir() {
            let before = files.len();
            walk(path, &mut files)?;
            files[before..].sort();
            if files.len() == before {
                return Err(DictionaryError::Empty(path.clone()));
            }
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), DictionaryError> {
    let io = |e| DictionaryError::Io {
        path: dir.to_path_buf(),
        source: e,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            walk(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
    Ok(())
}

/// Where each line of a file starts, to turn byte offsets into 1-based lines and columns
/// without rescanning the file for every alias.
pub(super) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub(super) fn new(text: &'a str) -> Lines<'a> {
        let mut starts = vec![0];
        starts.extend(after_newlines(text));
        Lines { text, starts }
    }

    /// The 1-based line and column (counted in characters) of a byte offset.
    pub(super) fn line(&self, offset: usize) -> Pos {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let end = offset.min(self.text.len());
        let column = self
            .text
            .get(start..end)
            .map_or(1, |before| before.chars().count() + 1);
        Pos::new(line, column)
    }
}

/// Offsets just after each newline.
fn after_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

/// Parses and checks every file. Entities are returned even when they have problems (their bad
/// aliases left out), so that checks across entities can still report everything at once.
/// With `langs`, a file whose `lang` is not among them is left out.
pub(super) fn parse_all(sources: &[(PathBuf, String)], langs: Option<&[String]>) -> Parsed {
    let mut parsed = Parsed::default();
    for (file, text) in sources {
        let lines = Lines::new(text);
        let raw: RawFile = match toml::from_str(text) {
            Ok(r) => r,
            Err(e) => {
                let line = e.span().map_or(Pos::new(1, 1), |s| lines.line(s.start));
                parsed.problems.push(Problem {
                    file: file.clone(),
                    line,
                    message: e.message().trim().replace('\n', " "),
                });
                continue;
            }
        };
        let lang = raw.lang.as_ref().map(|l| l.get_ref().clone());
        if let Some(lang) = &raw.lang {
            let code = lang.get_ref();
            if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_lowercase()) {
                parsed.problems.push(Problem {
                    file: file.clone(),
                    line: lines.line(lang.span().start),
                    message: format!(
                        "lang {code:?} must be a two-letter ISO 639-1 code such as \"en\""
                    ),
                });
            }
            if langs.is_some_and(|wanted| !wanted.iter().any(|w| w == code)) {
                parsed.skipped.push(file.clone());
                continue;
            }
        }
        parsed.cues.extend(cues::CueFile::new(
            file,
            lang,
            raw.grammar,
            raw.relation,
            raw.cue,
            |offset| lines.line(offset),
        ));
        parsed.rules.extend(rules::RuleFile::new(
            file,
            raw.define,
            raw.rule,
            raw.not_names,
            |offset| lines.line(offset),
            &mut parsed.problems,
        ));
        for spanned in raw.variants {
            let line = lines.line(spanned.span().start);
            let class = super::variants::VariantClass::new(
                file,
                line,
                spanned.into_inner(),
                &mut parsed.problems,
            );
            parsed.variants.extend(class);
        }
        for spanned in raw.entity {
            let line = lines.line(spanned.span().start);
            let raw = spanned.into_inner();
            let (entity, mut found) = check_entity(file, &lines, line, raw);
            parsed.located.push(entity);
            parsed.problems.append(&mut found);
        }
        for spanned in raw.ignore {
            let raw = spanned.into_inner();
            let mut problems = Vec::new();
            let phrases = check_aliases(file, &lines, "", &raw.phrases, &[], &mut problems);
            parsed.problems.append(&mut problems);
            parsed.ignore.extend(phrases);
        }
        for spanned in raw.extend {
            let line = lines.line(spanned.span().start);
            let raw = spanned.into_inner();
            let id = raw.id.into_inner();
            let mut problems = Vec::new();
            let aliases = check_aliases(file, &lines, &id, &raw.aliases, &raw.exact, &mut problems);
            let labels = check_labels(file, &lines, raw.labels, &mut problems);
            if aliases.is_empty() && labels.is_empty() && problems.is_empty() {
                problems.push(Problem {
                    file: file.clone(),
                    line,
                    message: format!("extend {id:?} adds no aliases and no labels"),
                });
            }
            parsed.problems.append(&mut problems);
            parsed.extensions.push(Extension {
                id,
                aliases,
                labels,
                file: file.clone(),
                line,
            });
        }
    }
    parsed
}

/// Checks `labels = { en = "..." }`: a language code of two or three lower-case letters and a
/// label that is not empty.
fn check_labels(
    file: &Path,
    lines: &Lines,
    raw: Option<Spanned<std::collections::BTreeMap<String, String>>>,
    problems: &mut Vec<Problem>,
) -> Vec<(String, String)> {
    let Some(raw) = raw else {
        return Vec::new();
    };
    let line = lines.line(raw.span().start);
    let mut out = Vec::new();
    for (lang, label) in raw.into_inner() {
        let code = (2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_lowercase());
        if !code {
            problems.push(Problem {
                file: file.to_path_buf(),
                line,
                message: format!("labels: {lang:?} is not a language code such as \"en\""),
            });
        } else if label.trim().is_empty() {
            problems.push(Problem {
                file: file.to_path_buf(),
                line,
                message: format!("labels: the {lang:?} label is empty"),
            });
        } else {
            out.push((lang, label.trim().to_string()));
        }
    }
    out
}

/// Checks the aliases of one entity (or extension), reporting those that cannot match.
fn check_aliases(
    file: &Path,
    lines: &Lines,
    id: &str,
    any_case: &[Spanned<String>],
    exact: &[Spanned<String>],
    problems: &mut Vec<Problem>,
) -> Vec<AliasAt> {
    let mut aliases = Vec::new();
    for (list, exact) in [(any_case, false), (exact, true)] {
        for alias in list {
            let alias_line = lines.line(alias.span().start);
            let folded = fold_str(alias.get_ref(), Case::Fold);
            let message = if folded.is_empty() {
                format!("entity {id:?}: empty alias")
            } else if !folded.chars().any(is_word_char) {
                format!(
                    "entity {id:?}: alias {:?} has no letter or digit, so it cannot match",
                    alias.get_ref()
                )
            } else {
                aliases.push(AliasAt {
                    text: alias.get_ref().trim().to_string(),
                    exact,
                    file: file.to_path_buf(),
                    line: alias_line,
                    entity_id: id.to_string(),
                });
                continue;
            };
            problems.push(Problem {
                file: file.to_path_buf(),
                line: alias_line,
                message,
            });
        }
    }
    aliases
}

fn check_entity(file: &Path, lines: &Lines, line: Pos, raw: RawEntity) -> (Located, Vec<Problem>) {
    let mut problems = Vec::new();
    let raw_labels = raw.labels;
    let at = |span: std::ops::Range<usize>| lines.line(span.start);
    let mut problem = |line: Pos, message: String| {
        problems.push(Problem {
            file: file.to_path_buf(),
            line,
            message,
        })
    };
    let id = raw.id.get_ref().clone();
    let id_line = at(raw.id.span());
    let valid_id = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'));
    if !valid_id {
        problem(
            id_line,
            format!("entity id {id:?} must be lowercase ASCII letters, digits, '-', '_' or '.'"),
        );
    }
    let kind = Kind::parse(raw.kind.get_ref()).unwrap_or_else(|| {
        problem(
            at(raw.kind.span()),
            format!(
                "unknown kind {:?} (expected group, state, person, place or organization)",
                raw.kind.get_ref()
            ),
        );
        Kind::Group
    });
    if raw.label.get_ref().trim().is_empty() {
        problem(at(raw.label.span()), format!("entity {id:?}: empty label"));
    }
    if raw.aliases.is_empty() && raw.exact.is_empty() {
        problem(
            line,
            format!("entity {id:?} has no aliases and no exact forms, so it can never match"),
        );
    }
    if let Some(country) = &raw.country {
        let c = country.get_ref();
        if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
            problem(
                at(country.span()),
                format!(
                    "entity {id:?}: country {c:?} must be a two-letter ISO code such as \"AF\""
                ),
            );
        }
    }
    for (value, range, name) in [(&raw.lat, 90.0, "lat"), (&raw.lon, 180.0, "lon")] {
        if let Some(v) = value
            && !(-range..=range).contains(v.get_ref())
        {
            problem(
                at(v.span()),
                format!("entity {id:?}: {name} {} is out of range", v.get_ref()),
            );
        }
    }
    let aliases = check_aliases(file, lines, &id, &raw.aliases, &raw.exact, &mut problems);
    let acts_for_at = raw.acts_for.as_ref().map(|a| at(a.span()));
    let mut roles = Vec::new();
    let mut role_lines = Vec::new();
    for role in raw.roles {
        let title_line = at(role.title.span());
        let mut date = |d: Option<Spanned<String>>, name: &str| -> Option<String> {
            let d = d?;
            let parsed = parse_date(d.get_ref());
            if parsed.is_none() {
                problems.push(Problem {
                    file: file.to_path_buf(),
                    line: at(d.span()),
                    message: format!(
                        "entity {id:?}: role {name} {:?} is not a date (YYYY-MM or YYYY-MM-DD)",
                        d.get_ref()
                    ),
                });
            }
            parsed
        };
        let from = date(role.from, "from");
        let to = date(role.to, "to");
        if let (Some(f), Some(t)) = (&from, &to)
            && f > t
        {
            problems.push(Problem {
                file: file.to_path_buf(),
                line: title_line,
                message: format!("entity {id:?}: role ends ({t}) before it starts ({f})"),
            });
        }
        if role.title.get_ref().trim().is_empty() {
            problems.push(Problem {
                file: file.to_path_buf(),
                line: title_line,
                message: format!("entity {id:?}: role with an empty title"),
            });
        }
        role_lines.push(role.of.as_ref().map_or(title_line, |o| at(o.span())));
        roles.push(Role {
            title: role.title.into_inner().trim().to_string(),
            of: role.of.map(Spanned::into_inner),
            from,
            to,
        });
    }
    let entity = Entity {
        id,
        label: raw.label.into_inner().trim().to_string(),
        kind,
        aliases: raw.aliases.into_iter().map(Spanned::into_inner).collect(),
        exact: raw.exact.into_iter().map(Spanned::into_inner).collect(),
        compound: raw.compound,
        surname: raw.surname,
        roles,
        attributes: Attributes {
            country: raw.country.map(Spanned::into_inner),
            subtype: raw.subtype,
            acts_for: raw.acts_for.map(Spanned::into_inner),
            lat: raw.lat.map(Spanned::into_inner),
            lon: raw.lon.map(Spanned::into_inner),
            ..Attributes::default()
        },
    };
    let labels = check_labels(file, lines, raw_labels, &mut problems);
    let located = Located {
        entity,
        aliases,
        file: file.to_path_buf(),
        line: id_line,
        role_lines,
        acts_for_at,
        labels,
    };
    (located, problems)
}

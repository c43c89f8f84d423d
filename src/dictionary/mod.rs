//! Entity dictionaries: loading, validation and the compiled alias table.
//!
//! Dictionaries are TOML files (every `*.toml` in a folder, in sorted order), one `[[entity]]`
//! table per actor:
//!
//! ```toml
//! [[entity]]
//! id = "ttp"                       # stable, lowercase, unique across all files
//! kind = "group"                   # group | state | person | place | organization
//! label = "Tehrik-i-Taliban Pakistan"
//! aliases = ["Tehrik-i-Taliban Pakistan", "Pakistaanse Taliban"]  # any letter case
//! exact = ["TTP"]                  # matched case-sensitively
//! compound = true                  # also as first part of a compound: TTP-militanten
//! surname = true                   # also a family name: not after a capitalised word
//! country = "PK"                   # optional: ISO 3166 alpha-2
//! subtype = "militant"             # optional: free text (for example "media")
//! acts_for = "pakistan"            # optional: the entity this one speaks for (a capital)
//! lat = 33.68                      # optional coordinates
//! lon = 73.05
//! ```
//!
//! The label is what outputs show; it is matched only when listed among the aliases. Every
//! problem is reported as `file:line:column: message`, and all problems are reported at once: syntax
//! errors, unknown fields or kinds, duplicate ids, empty aliases, an alias listed twice or on
//! two entities (after folding: `Kabul` and `kabul` are the same alias), and `acts_for` naming
//! an unknown id.

pub mod builtin;
mod check;
pub mod cues;
mod load;
pub mod rules;
pub mod variants;
mod words;

pub use check::{AliasRow, Finding, FindingKind, lint};

use crate::text::{Case, fold_str};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// One of the dictionary's automata over folded `keys`: a DFA up to [`DFA_PATTERN_BYTES`]
/// (it scans fastest but grows with the patterns, about 1 MB per 1,000 aliases here), the
/// contiguous NFA beyond, which builds fast and stays small.
fn build_automaton(keys: &[String]) -> Result<AhoCorasick, DictionaryError> {
    let total: usize = keys.iter().map(String::len).sum();
    let kind = if total <= DFA_PATTERN_BYTES {
        AhoCorasickKind::DFA
    } else {
        AhoCorasickKind::ContiguousNFA
    };
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .kind(Some(kind))
        .build(keys)
        .map_err(|e| DictionaryError::Automaton(e.to_string()))
}

/// Total bytes of folded aliases up to which the automaton is a DFA.
const DFA_PATTERN_BYTES: usize = 200_000;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use thiserror::Error;

/// The five kinds of actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Group,
    State,
    Person,
    Place,
    Organization,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Group,
        Kind::State,
        Kind::Person,
        Kind::Place,
        Kind::Organization,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Group => "group",
            Kind::State => "state",
            Kind::Person => "person",
            Kind::Place => "place",
            Kind::Organization => "organization",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One actor as the dictionary defines it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    pub id: String,
    pub label: String,
    pub kind: Kind,
    #[serde(skip)]
    pub aliases: Vec<String>,
    #[serde(skip)]
    pub exact: Vec<String>,
    #[serde(skip)]
    pub compound: bool,
    /// The name is also a family name: after a capitalised word inside a sentence ("Sabarkaf
    /// Mohmand") it is a person's name, not this entity.
    #[serde(skip)]
    pub surname: bool,
    /// Roles held between dates (office, government); see [`Role`].
    #[serde(skip)]
    pub roles: Vec<Role>,
    #[serde(flatten)]
    pub attributes: Attributes,
}

/// A role an entity holds between two dates: Imran Khan is prime minister of Pakistan from
/// 2018-08-18 to 2022-04-10; the Taliban govern Afghanistan from 2021-08-15.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub title: String,
    /// The entity the role is held in or for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    /// First day (`YYYY-MM-DD`) or month (`YYYY-MM`); open when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Last day or month, inclusive; open (still held) when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

impl Role {
    /// Whether the role was held at some time within `date` (a day or a month).
    pub fn valid_at(&self, date: &str) -> bool {
        let lo = |d: &str| {
            if d.len() == 7 {
                format!("{d}-00")
            } else {
                d.to_string()
            }
        };
        let hi = |d: &str| {
            if d.len() == 7 {
                format!("{d}-99")
            } else {
                d.to_string()
            }
        };
        self.from.as_deref().is_none_or(|f| hi(date) >= lo(f))
            && self.to.as_deref().is_none_or(|t| lo(date) <= hi(t))
    }
}

/// Optional descriptive attributes of an entity, carried into every export.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Attributes {
    /// ISO 3166 alpha-2 code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Free text, for example "media" or "community".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtype: Option<String>,
    /// Id of the entity this one speaks for (a capital for its state).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acts_for: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// Found by a discovery rule, not listed in a dictionary.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub provisional: bool,
    /// The discovery rule that found a provisional actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// A place in a dictionary file: 1-based line and column (in characters), shown `line:column`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub fn new(line: usize, column: usize) -> Pos {
        Pos { line, column }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// A dictionary problem at a place in a file, shown `file:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub line: Pos,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// Why a dictionary could not be loaded.
#[derive(Debug, Error)]
pub enum DictionaryError {
    #[error("{}", .0.iter().map(Problem::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Problem>),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}: no dictionary files (*.toml) found")]
    Empty(PathBuf),
    #[error("cannot build the alias automaton: {0}")]
    Automaton(String),
}

/// What a folded alias string stands for.
#[derive(Debug, Clone, Default)]
pub struct Pattern {
    /// The entity this alias names in any letter case.
    pub any_case: Option<u32>,
    /// Case-sensitive forms (`exact`), as their case-preserving fold, with their entity.
    pub exact: Vec<(String, u32)>,
    /// An `[[ignore]]` phrase: it wins over shorter aliases inside it but names no actor.
    pub ignore: bool,
    /// Discovery rules this string triggers: (rule, the case-preserving fold it must have
    /// when the trigger is `exact`).
    pub triggers: Vec<(u32, Option<String>)>,
}

impl Pattern {
    /// Whether every form of this pattern must be written with a capital first letter: no
    /// any-case entity, no ignore phrase, and every `exact` form and trigger capitalised.
    fn capital_only(&self) -> bool {
        let capital = |form: &str| form.chars().next().is_some_and(char::is_uppercase);
        self.any_case.is_none()
            && !self.ignore
            && (!self.exact.is_empty() || !self.triggers.is_empty())
            && self.exact.iter().all(|(form, _)| capital(form))
            && self
                .triggers
                .iter()
                .all(|(_, form)| form.as_deref().is_some_and(capital))
    }
}

/// Loaded, validated dictionaries compiled into one automaton.
pub struct Dictionary {
    entities: Vec<Entity>,
    /// The patterns of [`Dictionary::automaton`], then from `capital_from` on those of
    /// `capitals`.
    patterns: Vec<Pattern>,
    automaton: AhoCorasick,
    /// Patterns that can only match a word written with a capital (every form `exact` and
    /// capitalised: towns, acronyms, given names as triggers), searched only where such a word
    /// starts ([`Dictionary::find_matches`]): most of a gazetteer costs nothing on the rest
    /// of the text.
    capitals: aho_corasick::nfa::contiguous::NFA,
    capital_from: usize,
    files: Vec<PathBuf>,
    /// SHA-256 of the texts of the files loaded, in load order ([`Dictionary::fingerprint`]).
    fingerprint: [u8; 32],
    /// Every alias as written, with its entity and place, sorted by folded form.
    aliases: Vec<AliasRow>,
    relations: cues::Relations,
    rules: rules::Rules,
    /// Generated name variants left out because another entity has that alias.
    variant_clashes: Vec<Finding>,
    /// Generated name variants in the automaton.
    variant_count: usize,
    /// Distinct folded aliases and ignore phrases as written (not triggers or variants).
    alias_count: usize,
    /// Whether extraction applies the discovery rules (see [`Dictionary::without_discovery`]).
    discovery: bool,
    /// Labels in other languages: (entity index, language, label), sorted.
    labels: Vec<(u32, String, String)>,
}

impl fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dictionary")
            .field("entities", &self.entities.len())
            .field("patterns", &self.patterns.len())
            .finish()
    }
}

impl Dictionary {
    /// Loads every `*.toml` file under each path (a file or a folder, walked in sorted order),
    /// in every language.
    pub fn load(paths: &[PathBuf]) -> Result<Dictionary, DictionaryError> {
        Self::load_langs(paths, None)
    }

    /// Like [`Dictionary::load`], but a file with a `lang` not in `langs` is left out (files
    /// without `lang` are always read).
    pub fn load_langs(
        paths: &[PathBuf],
        langs: Option<&[String]>,
    ) -> Result<Dictionary, DictionaryError> {
        let files = load::dictionary_files(paths)?;
        let mut sources = Vec::new();
        for file in &files {
            let text = std::fs::read_to_string(file).map_err(|e| DictionaryError::Io {
                path: file.clone(),
                source: e,
            })?;
            sources.push((file.clone(), text));
        }
        Self::from_files(sources, langs)
    }

    /// The shipped dictionaries compiled into the binary ([`builtin`]), keeping only the
    /// language layers in `langs` as [`Dictionary::load_langs`] does. Its files are named
    /// `<built-in>/...` in messages.
    pub fn builtin(langs: Option<&[String]>) -> Result<Dictionary, DictionaryError> {
        Self::from_files(builtin::sources(), langs)
    }

    /// Compiles `(file, TOML text)` pairs in the language layers `langs`, remembering the
    /// files read.
    fn from_files(
        sources: Vec<(PathBuf, String)>,
        langs: Option<&[String]>,
    ) -> Result<Dictionary, DictionaryError> {
        let parsed = load::parse_all(&sources, langs);
        let skipped = parsed.skipped.clone();
        let mut dict = Self::compile(parsed)?;
        let mut hash = Sha256::new();
        for (_, text) in sources.iter().filter(|(f, _)| !skipped.contains(f)) {
            hash.update((text.len() as u64).to_le_bytes());
            hash.update(text.as_bytes());
        }
        dict.fingerprint = hash.finalize().into();
        dict.files = sources
            .into_iter()
            .map(|(f, _)| f)
            .filter(|f| !skipped.contains(f))
            .collect();
        Ok(dict)
    }

    /// Builds a dictionary from `(file name, TOML text)` pairs; the names appear in errors.
    pub fn from_sources(sources: &[(PathBuf, String)]) -> Result<Dictionary, DictionaryError> {
        Self::from_files(sources.to_vec(), None)
    }

    /// Parses one TOML text (handy in tests and examples).
    pub fn from_toml(name: &str, text: &str) -> Result<Dictionary, DictionaryError> {
        Self::from_sources(&[(PathBuf::from(name), text.to_string())])
    }

    fn compile(parsed: load::Parsed) -> Result<Dictionary, DictionaryError> {
        let load::Parsed {
            located,
            extensions,
            mut problems,
            ignore,
            cues: cue_files,
            rules: rule_files,
            variants: variant_classes,
            ..
        } = parsed;
        let relations = cues::compile(cue_files, &mut problems);
        let rules = rules::compile(rule_files, &mut problems);
        let mut entities: Vec<(Entity, Vec<load::AliasAt>)> = Vec::new();
        let mut ids: BTreeMap<String, (PathBuf, Pos)> = BTreeMap::new();
        let mut role_lines: BTreeMap<String, Vec<Pos>> = BTreeMap::new();
        let mut acts_for_at: BTreeMap<String, Pos> = BTreeMap::new();
        // (entity id, language, label): labels in other languages, applied by `with_labels`.
        let mut labels: Vec<(String, String, String)> = Vec::new();
        for l in located {
            if let Some((file, line)) = ids.get(&l.entity.id) {
                problems.push(l.problem(
                    l.line,
                    format!(
                        "duplicate entity id {:?} (first defined at {}:{})",
                        l.entity.id,
                        file.display(),
                        line
                    ),
                ));
                continue;
            }
            ids.insert(l.entity.id.clone(), (l.file.clone(), l.line));
            labels.extend(
                l.labels
                    .iter()
                    .map(|(lang, t)| (l.entity.id.clone(), lang.clone(), t.clone())),
            );
            role_lines.insert(l.entity.id.clone(), l.role_lines.clone());
            if let Some(at) = l.acts_for_at {
                acts_for_at.insert(l.entity.id.clone(), at);
            }
            let aliases = l.aliases.clone();
            entities.push((l.entity, aliases));
        }
        entities.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        for ext in extensions {
            match entities.binary_search_by(|(e, _)| e.id.cmp(&ext.id)) {
                Ok(i) => {
                    let (entity, aliases) = &mut entities[i];
                    labels.extend(
                        ext.labels
                            .into_iter()
                            .map(|(lang, l)| (entity.id.clone(), lang, l)),
                    );
                    for a in ext.aliases {
                        if a.exact {
                            entity.exact.push(a.text.clone());
                        } else {
                            entity.aliases.push(a.text.clone());
                        }
                        aliases.push(a);
                    }
                }
                Err(_) => problems.push(Problem {
                    file: ext.file,
                    line: ext.line,
                    message: format!("extend names unknown entity id {:?}", ext.id),
                }),
            }
        }
        for (e, _) in &entities {
            for (role, line) in e.roles.iter().zip(&role_lines[&e.id]) {
                if let Some(of) = &role.of
                    && !ids.contains_key(of)
                {
                    problems.push(Problem {
                        file: ids[&e.id].0.clone(),
                        line: *line,
                        message: format!("entity {:?}: role names unknown id {of:?}", e.id),
                    });
                }
            }
            if let Some(target) = &e.attributes.acts_for
                && !ids.contains_key(target)
            {
                let (file, line) = &ids[&e.id];
                problems.push(Problem {
                    file: file.clone(),
                    line: acts_for_at.get(&e.id).copied().unwrap_or(*line),
                    message: format!("entity {:?}: acts_for names unknown id {target:?}", e.id),
                });
            }
        }

        let mut by_fold: BTreeMap<String, (Pattern, Vec<&load::AliasAt>)> = BTreeMap::new();
        for (index, (_, aliases)) in entities.iter().enumerate() {
            let index = index as u32;
            for at in aliases {
                let folded = fold_str(&at.text, Case::Fold);
                let slot = by_fold.entry(folded).or_default();
                let clash = |other: &load::AliasAt| {
                    if other.entity_id == at.entity_id {
                        format!(
                            "alias {:?} repeats {:?} ({}:{}): matching ignores case and \
                             accents, so list it once",
                            at.text,
                            other.text,
                            other.file.display(),
                            other.line
                        )
                    } else {
                        format!(
                            "alias {:?} already defined at {}:{} (entity {:?})",
                            at.text,
                            other.file.display(),
                            other.line,
                            other.entity_id
                        )
                    }
                };
                if at.exact {
                    let keep = fold_str(&at.text, Case::Keep);
                    if let Some(other) = slot
                        .1
                        .iter()
                        .find(|o| !o.exact || fold_str(&o.text, Case::Keep) == keep)
                    {
                        problems.push(at.problem(clash(other)));
                        continue;
                    }
                    slot.0.exact.push((keep, index));
                } else {
                    if let Some(other) = slot.1.first() {
                        problems.push(at.problem(clash(other)));
                        continue;
                    }
                    slot.0.any_case = Some(index);
                }
                slot.1.push(at);
            }
        }
        for at in &ignore {
            let slot = by_fold.entry(fold_str(&at.text, Case::Fold)).or_default();
            if let Some(other) = slot.1.first() {
                problems.push(at.problem(format!(
                    "ignore phrase {:?} is also an alias at {}:{}{}",
                    at.text,
                    other.file.display(),
                    other.line,
                    if other.entity_id.is_empty() {
                        String::new()
                    } else {
                        format!(" (entity {:?})", other.entity_id)
                    }
                )));
                continue;
            }
            slot.0.ignore = true;
            slot.1.push(at);
        }
        for t in &rules.triggers {
            let slot = by_fold.entry(fold_str(&t.text, Case::Fold)).or_default();
            let keep = t.exact.then(|| fold_str(&t.text, Case::Keep));
            slot.0.triggers.push((t.rule, keep));
        }
        let (variant_count, variant_clashes) =
            add_variants(&entities, &variant_classes, &mut by_fold);
        if !problems.is_empty() {
            problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
            problems.dedup();
            return Err(DictionaryError::Invalid(problems));
        }

        let mut keys = Vec::with_capacity(by_fold.len());
        let mut patterns = Vec::with_capacity(by_fold.len());
        let mut capital_keys = Vec::new();
        let mut capital_patterns = Vec::new();
        let mut rows = Vec::new();
        let alias_count = by_fold.values().filter(|(_, w)| !w.is_empty()).count();
        for (key, (pattern, written)) in by_fold {
            for at in written.iter().filter(|_| !pattern.ignore) {
                let entity = &entities[pattern_entity(&pattern, at)].0;
                rows.push(AliasRow {
                    alias: at.text.clone(),
                    folded: key.clone(),
                    entity: entity.id.clone(),
                    kind: entity.kind,
                    exact: at.exact,
                    file: at.file.clone(),
                    line: at.line,
                });
            }
            if pattern.capital_only() {
                capital_keys.push(key);
                capital_patterns.push(pattern);
            } else {
                keys.push(key);
                patterns.push(pattern);
            }
        }
        let capital_from = patterns.len();
        patterns.append(&mut capital_patterns);
        let automaton = build_automaton(&keys)?;
        let capitals = aho_corasick::nfa::contiguous::NFA::builder()
            .match_kind(MatchKind::Standard)
            .build(&capital_keys)
            .map_err(|e| DictionaryError::Automaton(e.to_string()))?;
        let mut labels: Vec<(u32, String, String)> = labels
            .into_iter()
            .filter_map(|(id, lang, label)| {
                let i = entities.binary_search_by(|(e, _)| e.id.cmp(&id)).ok()?;
                Some((i as u32, lang, label))
            })
            .collect();
        labels.sort();
        Ok(Dictionary {
            entities: entities.into_iter().map(|(e, _)| e).collect(),
            patterns,
            automaton,
            capitals,
            capital_from,
            files: Vec::new(),
            fingerprint: [0; 32],
            aliases: rows,
            relations,
            rules,
            variant_clashes,
            variant_count,
            alias_count,
            discovery: true,
            labels,
        })
    }

    /// Discovery rules (empty when no file defines any).
    pub fn rules(&self) -> &rules::Rules {
        &self.rules
    }

    /// This dictionary with discovery switched off: extraction finds the listed actors only
    /// (`--no-discovery`). `dict check` still checks the rules.
    pub fn without_discovery(mut self) -> Dictionary {
        self.discovery = false;
        self
    }

    /// This dictionary with its actors labelled in `lang` where a file gives a label in it
    /// (`labels = { en = "United States" }`); ids, aliases and matching do not change. The
    /// others keep their own label.
    pub fn with_labels(mut self, lang: &str) -> Dictionary {
        for (i, l, label) in &self.labels {
            if l == lang {
                self.entities[*i as usize].label = label.clone();
            }
        }
        self
    }

    /// The languages the dictionary has labels in besides its own.
    pub fn label_languages(&self) -> std::collections::BTreeSet<&str> {
        self.labels.iter().map(|(_, l, _)| l.as_str()).collect()
    }

    /// What identifies this dictionary's contents: the SHA-256 of the texts of its files in
    /// load order (not their names, so the built-in set and the same files written out by
    /// `dict export` agree), in hex. Partials record it, so that they are merged only with the
    /// dictionaries they were made with.
    pub fn fingerprint(&self) -> String {
        self.fingerprint
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// Whether extraction applies the discovery rules.
    pub fn discovers(&self) -> bool {
        self.discovery && !self.rules.rules.is_empty()
    }

    /// Generated name variants left out because another entity has that alias, for `dict
    /// check`.
    pub fn variant_clashes(&self) -> &[Finding] {
        &self.variant_clashes
    }

    /// Number of generated name variants matched besides the aliases as written.
    pub fn variant_count(&self) -> usize {
        self.variant_count
    }

    /// Relation types and cues (empty when no file defines any).
    pub fn relations(&self) -> &cues::Relations {
        &self.relations
    }

    /// Entities sorted by id; an entity's index here is its number in mentions and graphs.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with this index.
    pub fn entity(&self, index: u32) -> &Entity {
        &self.entities[index as usize]
    }

    /// The index of the entity with this id.
    pub fn index_of(&self, id: &str) -> Option<u32> {
        self.entities
            .binary_search_by(|e| e.id.as_str().cmp(id))
            .ok()
            .map(|i| i as u32)
    }

    /// The pattern table, indexed by the automaton's pattern ids.
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// One automaton over the folded form of every alias.
    pub fn automaton(&self) -> &AhoCorasick {
        &self.automaton
    }

    /// Every alias, trigger and ignore phrase in the match form `folded`, overlapping, as
    /// (start, end, pattern index into [`Dictionary::patterns`]). `capital_starts` are the
    /// offsets in `folded` where a word starts with a capital letter in the original text
    /// ([`crate::text::Folded::capital_starts`]); only there can a capital-only pattern match.
    pub fn find_matches(
        &self,
        folded: &str,
        capital_starts: &[usize],
        mut found: impl FnMut(usize, usize, usize),
    ) {
        for m in self.automaton.find_overlapping_iter(folded) {
            found(m.start(), m.end(), m.pattern().as_usize());
        }
        if self.capital_from == self.patterns.len() {
            return;
        }
        // An anchored walk from each capitalised word start: every pattern it passes through
        // that starts there (a state's matches also list the shorter patterns ending there).
        use aho_corasick::{Anchored, automaton::Automaton};
        let nfa = &self.capitals;
        let Ok(start_state) = nfa.start_state(Anchored::Yes) else {
            return;
        };
        let bytes = folded.as_bytes();
        for &start in capital_starts {
            let mut sid = start_state;
            for (end, &b) in bytes.iter().enumerate().skip(start) {
                sid = nfa.next_state(Anchored::Yes, sid, b);
                if nfa.is_dead(sid) {
                    break;
                }
                if nfa.is_match(sid) {
                    for i in 0..nfa.match_len(sid) {
                        let pid = nfa.match_pattern(sid, i);
                        if nfa.pattern_len(pid) == end + 1 - start {
                            found(start, end + 1, self.capital_from + pid.as_usize());
                        }
                    }
                }
            }
        }
    }

    /// The files this dictionary was loaded from.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// Every alias as written, with its entity, kind, case rule and place, sorted by folded form
    /// (then as written): the table `dict dump` prints.
    pub fn aliases(&self) -> &[AliasRow] {
        &self.aliases
    }

    /// Number of distinct folded aliases.
    pub fn alias_count(&self) -> usize {
        self.alias_count
    }
}

/// Adds the name variants of every person's aliases of two or more words (see [`variants`])
/// to `by_fold` as any-case patterns of that person. A variant that is already some entity's
/// alias is left out; when that is another entity's, the clash is returned for `dict check`.
fn add_variants(
    entities: &[(Entity, Vec<load::AliasAt>)],
    classes: &[variants::VariantClass],
    by_fold: &mut BTreeMap<String, (Pattern, Vec<&load::AliasAt>)>,
) -> (usize, Vec<Finding>) {
    if classes.is_empty() {
        return (0, Vec::new());
    }
    let mut added = 0;
    let mut clashes = Vec::new();
    for (index, (entity, aliases)) in entities.iter().enumerate() {
        if entity.kind != Kind::Person {
            continue;
        }
        for at in aliases.iter().filter(|a| !a.exact) {
            for variant in variants::expand(&fold_str(&at.text, Case::Fold), classes) {
                let slot = by_fold.entry(variant.clone()).or_default();
                match slot.0.any_case {
                    None if slot.1.is_empty() && slot.0.exact.is_empty() && !slot.0.ignore => {
                        slot.0.any_case = Some(index as u32);
                        added += 1;
                    }
                    Some(other) if other == index as u32 => {}
                    other => {
                        let owner = other
                            .map(|o| entities[o as usize].0.id.clone())
                            .or_else(|| slot.1.first().map(|a| a.entity_id.clone()))
                            .unwrap_or_default();
                        if owner != entity.id {
                            clashes.push(Finding {
                                kind: FindingKind::VariantClash,
                                file: at.file.clone(),
                                line: at.line,
                                message: format!(
                                    "variant {variant:?} of {:?} (entity {:?}) is left out: it \
                                     is also {}",
                                    at.text,
                                    entity.id,
                                    if owner.is_empty() {
                                        "an ignore phrase or trigger".to_string()
                                    } else {
                                        format!("an alias of entity {owner:?}")
                                    }
                                ),
                            });
                        }
                    }
                }
            }
        }
    }
    clashes.sort_by(|a, b| (&a.file, a.line, &a.message).cmp(&(&b.file, b.line, &b.message)));
    clashes.dedup();
    (added, clashes)
}

/// The entity index an alias written at `at` compiled to.
fn pattern_entity(pattern: &Pattern, at: &load::AliasAt) -> usize {
    if at.exact {
        let keep = fold_str(&at.text, Case::Keep);
        let found = pattern.exact.iter().find(|(k, _)| *k == keep);
        found.map_or(0, |(_, e)| *e as usize)
    } else {
        pattern.any_case.unwrap_or(0) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        match Dictionary::from_toml("d.toml", text) {
            Err(DictionaryError::Invalid(p)) => p.iter().map(Problem::to_string).collect(),
            Err(e) => vec![e.to_string()],
            Ok(_) => vec![],
        }
    }

    #[test]
    fn aliases_that_cannot_match_are_errors_at_their_column() {
        // (alias as written in TOML, expected message after "d.toml:5:12: entity \"a\": ")
        let table = [
            (r#""""#, "empty alias"),
            (r#""   ""#, "empty alias"),
            (r#""\u200B\u200D""#, "empty alias"),
            (r#""\u0301\u0308""#, "empty alias"),
            (r#""\u202E\u2066""#, "empty alias"),
            (
                r#""!!""#,
                "alias \"!!\" has no letter or digit, so it cannot match",
            ),
            (r#""-–— ·""#, "has no letter or digit, so it cannot match"),
            (r#""\u00AD.""#, "has no letter or digit, so it cannot match"),
        ];
        for (alias, why) in table {
            let p = problems(&format!(
                "[[entity]]\nid = \"a\"\nkind = \"group\"\nlabel = \"A\"\naliases = [{alias}]\n"
            ));
            assert_eq!(p.len(), 1, "{alias}: {p:?}");
            assert!(
                p[0].starts_with("d.toml:5:12: entity \"a\": "),
                "{alias}: {p:?}"
            );
            assert!(p[0].contains(why), "{alias}: {p:?}");
        }
        // Still matchable: letters behind marks and invisible characters.
        for alias in [r#""\u200BKabul""#, r#""Saudi-Arabie\u0308""#, r#""7""#] {
            let p = problems(&format!(
                "[[entity]]\nid = \"a\"\nkind = \"group\"\nlabel = \"A\"\naliases = [{alias}]\n"
            ));
            assert!(p.is_empty(), "{alias}: {p:?}");
        }
    }

    #[test]
    fn language_layers_extend_entities_and_can_be_left_out() {
        let base = "[[entity]]\nid = \"us\"\nkind = \"state\"\nlabel = \"VS\"\naliases = [\"Verenigde Staten\"]\n";
        let en = "lang = \"en\"\n\n[[extend]]\nid = \"us\"\naliases = [\"Americans\"]\nexact = [\"US\"]\n";
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("base.toml"), base).unwrap();
        std::fs::create_dir(dir.path().join("en")).unwrap();
        std::fs::write(dir.path().join("en/en.toml"), en).unwrap();
        let paths = [dir.path().to_path_buf()];
        let all = Dictionary::load(&paths).unwrap();
        assert_eq!(all.alias_count(), 3);
        assert_eq!(all.entities()[0].exact, vec!["US"]);
        let nl = Dictionary::load_langs(&paths, Some(&["nl".to_string()])).unwrap();
        assert_eq!((nl.alias_count(), nl.files().len()), (1, 1));

        let p = problems("lang = \"english\"\n[[extend]]\nid = \"nobody\"\naliases = [\"X\"]\n");
        assert_eq!(
            p,
            vec![
                "d.toml:1:8: lang \"english\" must be a two-letter ISO 639-1 code such as \"en\"",
                "d.toml:2:1: extend names unknown entity id \"nobody\"",
            ]
        );
    }

    #[test]
    fn a_valid_dictionary_loads() {
        let d = Dictionary::from_toml(
            "d.toml",
            r#"
[[entity]]
id = "ttp"
kind = "group"
label = "Tehrik-i-Taliban Pakistan"
aliases = ["Tehrik-i-Taliban Pakistan", "Pakistaanse Taliban"]
exact = ["TTP"]
compound = true
country = "PK"
"#,
        )
        .unwrap();
        assert_eq!(d.entities().len(), 1);
        assert_eq!(d.alias_count(), 3);
        assert_eq!(d.index_of("ttp"), Some(0));
    }

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let p = problems("[[entity]]\nid = \"a\"\nkind = \n");
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("d.toml:3:8: "), "{p:?}");
    }

    #[test]
    fn unknown_kind_and_field_name_their_line_and_column() {
        let p = problems(
            "[[entity]]\nid = \"a\"\nkind = \"tribe\"\nlabel = \"A\"\naliases = [\"A\"]\n",
        );
        assert_eq!(p.len(), 1);
        assert!(
            p[0].starts_with("d.toml:3:8: unknown kind \"tribe\""),
            "{p:?}"
        );
        let p = problems(
            "[[entity]]\nid = \"a\"\nkind = \"group\"\nlabel = \"A\"\naliasses = [\"A\"]\n",
        );
        assert!(p[0].starts_with("d.toml:5:1: "), "{p:?}");
        assert!(p[0].contains("aliasses"), "{p:?}");
    }

    #[test]
    fn duplicate_ids_empty_aliases_and_shared_aliases_are_errors() {
        let p = problems(
            r#"[[entity]]
id = "a"
kind = "group"
label = "A"
aliases = ["Alpha", "  "]

[[entity]]
id = "a"
kind = "group"
label = "A2"
aliases = ["Beta"]

[[entity]]
id = "c"
kind = "state"
label = "C"
aliases = ["alpha"]
exact = ["!!"]
"#,
        );
        assert_eq!(p.len(), 4, "{p:?}");
        assert!(
            p[0].starts_with("d.toml:5:21: entity \"a\": empty alias"),
            "{p:?}"
        );
        assert!(
            p[1].starts_with("d.toml:8:6: duplicate entity id \"a\" (first defined at d.toml:2:6)"),
            "{p:?}"
        );
        assert!(
            p[2].starts_with("d.toml:17:12: alias \"alpha\" already defined at d.toml:5:12"),
            "{p:?}"
        );
        assert!(
            p[3].starts_with("d.toml:18:10: entity \"c\": alias \"!!\" has no letter or digit"),
            "{p:?}"
        );
    }

    #[test]
    fn exact_aliases_may_differ_only_in_case_across_entities() {
        let d = Dictionary::from_toml(
            "d.toml",
            r#"[[entity]]
id = "us"
kind = "state"
label = "United States"
exact = ["VS"]

[[entity]]
id = "versus"
kind = "organization"
label = "Vs Corp"
exact = ["Vs"]
"#,
        );
        assert!(d.is_ok(), "{:?}", d.err().map(|e| e.to_string()));
        let p = problems(
            "[[entity]]\nid = \"us\"\nkind = \"state\"\nlabel = \"US\"\nexact = [\"VS\"]\n\n[[entity]]\nid = \"x\"\nkind = \"state\"\nlabel = \"X\"\naliases = [\"vs\"]\n",
        );
        assert!(
            p[0].starts_with("d.toml:11:12: alias \"vs\" already defined at d.toml:5:10"),
            "{p:?}"
        );
    }

    #[test]
    fn ids_must_be_lowercase_and_acts_for_must_exist() {
        let p = problems(
            "[[entity]]\nid = \"Kabul\"\nkind = \"place\"\nlabel = \"Kabul\"\naliases = [\"Kabul\"]\n",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].starts_with("d.toml:2:6: entity id \"Kabul\" must be lowercase"),
            "{p:?}"
        );
        let p = problems(
            "[[entity]]\nid = \"kabul\"\nkind = \"place\"\nlabel = \"Kabul\"\naliases = [\"Kabul\"]\nacts_for = \"afghanistan\"\n",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].starts_with(
                "d.toml:6:12: entity \"kabul\": acts_for names unknown id \"afghanistan\""
            ),
            "{p:?}"
        );
    }
}

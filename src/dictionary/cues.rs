//! Relation cue dictionaries: relation types, trigger phrases and the function words the
//! direction rules need, read from the same TOML files as the entities and checked the same way
//! (every problem as `file:line:column`).
//!
//! A language-free file defines the relation types:
//!
//! ```toml
//! [[relation]]
//! type = "attack"        # lowercase name, unique
//! cameo = "19"           # CAMEO root code, 01 to 20
//! label = "attacks"      # how a legend reads it
//! color = "#D55E00"      # edge colour in DOT
//! places = true          # a place may be the target (an attack on Kabul is on the city)
//! symmetric = false      # true: one cue gives both directions (enmity, negotiate)
//! conflict = true        # counts towards an article's two sides ("beide partijen")
//! responds_to = "accuse" # without a target, answers the accuser (deny)
//! embeds = true          # cues after it in the sentence are its content (what is denied,
//!                        # alleged or demanded), not facts
//! targets = ["place", "state"]  # kinds a target may have (default: any)
//! implicit = "sides"     # without a target, the article's two sides (mediate)
//! whole = true           # the target is named, not a noun's adjective ("een Afghaanse
//!                        # provinciehoofdstad innemen" is no control of Afghanistan)
//! ```
//!
//! A file per language (`lang = "nl"`) holds the `[grammar]` function words (`passive` lists
//! the auxiliaries of a passive: "was", "were", "been"; `hedge`, `auxiliary`, `leader`,
//! `perpetrator`, `time`, `report`, `locative`, `relative`, `correlative`, `restrictive` and
//! `infinitive` are documented on [`Grammar`]) and the cues:
//!
//! ```toml
//! [[cue]]
//! relation = "attack"
//! form = "noun"                       # verb | noun | passive
//! phrases = ["aanval", "*aanvallen", "valt … aan"]
//! target = ["op", "tegen"]            # prepositions introducing the target
//! source = ["van"]                    # (nouns) prepositions introducing the source
//! state_target = false                # without a target, the one state the sentence names
//! ruler = false                       # (nouns) "X's Taliban rulers": the group controls X
//! ```
//!
//! In a phrase, words are matched after case and accent folding; `*` at the start or end of a
//! word matches any ending or beginning (`*aanvallen` also matches `luchtaanvallen`), and a
//! lone `…` (or `...`) stands for up to twelve words, for Dutch separable verbs (`valt … aan`).
//! A phrase ending in `$` must end its clause (`namen … in$`: "in" as a particle, not a
//! preposition).

pub use super::words::{WordMap, WordSet};
use super::{Kind, Pos, Problem};
use crate::text::{Case, fold_str, is_word_char};
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Most words a `…` in a cue phrase stands for.
pub const GAP_WORDS: usize = 12;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRelation {
    #[serde(rename = "type")]
    name: Spanned<String>,
    cameo: Spanned<String>,
    label: Spanned<String>,
    color: Spanned<String>,
    #[serde(default)]
    places: bool,
    #[serde(default)]
    symmetric: bool,
    #[serde(default)]
    conflict: bool,
    responds_to: Option<Spanned<String>>,
    #[serde(default)]
    embeds: bool,
    implicit: Option<Spanned<String>>,
    #[serde(default)]
    targets: Vec<Spanned<String>>,
    #[serde(default)]
    whole: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCue {
    relation: Spanned<String>,
    form: Spanned<String>,
    phrases: Vec<Spanned<String>>,
    #[serde(default)]
    target: Vec<String>,
    #[serde(default)]
    source: Vec<String>,
    #[serde(default)]
    state_target: bool,
    #[serde(default)]
    ruler: bool,
}

/// Function words of one language, as the direction rules use them.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGrammar {
    #[serde(default)]
    agent: Vec<String>,
    #[serde(default)]
    between: Vec<String>,
    #[serde(default)]
    negation: Vec<String>,
    #[serde(default)]
    pronoun: Vec<String>,
    #[serde(default)]
    conjunction: Vec<String>,
    #[serde(default)]
    determiner: Vec<String>,
    #[serde(default)]
    preposition: Vec<String>,
    #[serde(default)]
    clause: Vec<String>,
    #[serde(default)]
    reciprocal: Vec<String>,
    #[serde(default)]
    representative: Vec<String>,
    #[serde(default)]
    possessive: Vec<String>,
    #[serde(default)]
    adjective_endings: Vec<String>,
    #[serde(default)]
    sides: Vec<String>,
    #[serde(default)]
    accusation: Vec<String>,
    #[serde(default)]
    passive: Vec<String>,
    #[serde(default)]
    article: Vec<String>,
    #[serde(default)]
    modifier_suffix: Vec<String>,
    #[serde(default)]
    subject_first: bool,
    #[serde(default)]
    cancel: Vec<String>,
    #[serde(default)]
    hedge: Vec<String>,
    #[serde(default)]
    auxiliary: Vec<String>,
    #[serde(default)]
    leader: Vec<String>,
    #[serde(default)]
    perpetrator: Vec<String>,
    #[serde(default)]
    time: Vec<String>,
    #[serde(default)]
    report: Vec<String>,
    #[serde(default)]
    locative: Vec<String>,
    #[serde(default)]
    relative: Vec<String>,
    #[serde(default)]
    correlative: Vec<String>,
    #[serde(default)]
    restrictive: Vec<String>,
    #[serde(default)]
    infinitive: Vec<String>,
}

/// The cue records of one file, before the files are combined.
pub(super) struct CueFile {
    file: PathBuf,
    lang: Option<String>,
    grammar: Option<(Pos, RawGrammar)>,
    relations: Vec<(Pos, RawRelation)>,
    cues: Vec<(usize, RawCue)>,
    /// Line of each phrase, by cue and phrase index.
    phrase_lines: Vec<Vec<Pos>>,
    text_lines: Vec<Pos>,
}

impl CueFile {
    /// Collects a file's cue records; `line` turns a byte offset into a line number.
    pub(super) fn new(
        file: &Path,
        lang: Option<String>,
        grammar: Option<Spanned<RawGrammar>>,
        relations: Vec<Spanned<RawRelation>>,
        cues: Vec<Spanned<RawCue>>,
        line: impl Fn(usize) -> Pos,
    ) -> Option<CueFile> {
        if grammar.is_none() && relations.is_empty() && cues.is_empty() {
            return None;
        }
        let phrase_lines = cues
            .iter()
            .map(|c| {
                c.get_ref()
                    .phrases
                    .iter()
                    .map(|p| line(p.span().start))
                    .collect()
            })
            .collect();
        Some(CueFile {
            file: file.to_path_buf(),
            lang,
            grammar: grammar.map(|g| (line(g.span().start), g.into_inner())),
            relations: relations
                .into_iter()
                .map(|r| {
                    let l = line(r.span().start);
                    (l, r.into_inner())
                })
                .collect(),
            text_lines: cues.iter().map(|c| line(c.span().start)).collect(),
            cues: cues
                .into_iter()
                .map(Spanned::into_inner)
                .enumerate()
                .collect(),
            phrase_lines,
        })
    }
}

/// A relation type, with how its cues are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationType {
    pub name: String,
    /// CAMEO root code ("01" to "20").
    pub cameo: String,
    pub label: String,
    pub color: String,
    /// Places may be targets (otherwise a capital stands for its state and other places drop).
    pub places: bool,
    pub symmetric: bool,
    pub conflict: bool,
    /// Without an explicit target, the relation answers this type's source (deny answers
    /// accuse).
    pub responds_to: Option<usize>,
    /// Cues later in the same sentence are its content (what is denied, alleged, threatened or
    /// demanded), not facts.
    pub embeds: bool,
    /// Without an explicit target, the article's two sides are the targets.
    pub implicit_sides: bool,
    /// The kinds a target may have (empty: any).
    pub targets: Vec<Kind>,
    /// The target must be named, not written as the adjective of a noun: taking "een Afghaanse
    /// provinciehoofdstad" is no control of Afghanistan.
    pub whole: bool,
}

/// How a cue's actors are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A verb: subject is the source, object the target (with Dutch word-order rules).
    Verb,
    /// A noun: the source is an adjective or `van` actor or the clause's subject; the target
    /// follows one of the cue's prepositions.
    Noun,
    /// The actors after the cue are the source, those before it the target
    /// ("X valt in handen van Y").
    Passive,
}

/// One word of a cue phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Word {
    Exact(String),
    /// `stem*`
    Prefix(String),
    /// `*stem`
    Suffix(String),
    /// `*stem*`
    Contains(String),
    /// `…`: up to [`GAP_WORDS`] words.
    Gap,
}

impl Word {
    /// Whether a folded text word matches this pattern word (never for a gap).
    pub fn matches(&self, word: &str) -> bool {
        match self {
            Word::Exact(w) => w == word,
            Word::Prefix(p) => word.starts_with(p.as_str()),
            Word::Suffix(s) => word.ends_with(s.as_str()),
            Word::Contains(s) => word.contains(s.as_str()),
            Word::Gap => false,
        }
    }
}

/// A trigger phrase of a relation type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub relation: usize,
    pub form: Form,
    /// The phrase as written.
    pub phrase: String,
    pub words: Vec<Word>,
    /// Prepositions (folded) that introduce the target.
    pub target: Vec<String>,
    /// Prepositions (folded) that introduce the source right after a noun.
    pub source: Vec<String>,
    /// The phrase ends with `$`: its last word must end the clause ("namen … in$", so that
    /// "in" is the particle of "innemen", not a preposition).
    pub at_end: bool,
    /// Without a target, the one state the sentence names is it ("sinds de Taliban in
    /// Afghanistan aan de macht kwamen", "returned to power in Afghanistan").
    pub state_target: bool,
    /// A noun for those who rule ("rulers", "regering"): the group right before it controls
    /// the state that modifies the group ("Afghanistan's Taliban rulers", "de Afghaanse
    /// Taliban-regering") or follows a target preposition; nothing else is read from it.
    pub ruler: bool,
}

/// Function words of one language, folded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grammar {
    pub agent: WordSet,
    pub between: WordSet,
    pub negation: WordSet,
    pub pronoun: WordSet,
    pub conjunction: WordSet,
    pub determiner: WordSet,
    pub preposition: WordSet,
    pub clause: WordSet,
    pub reciprocal: WordSet,
    pub representative: WordSet,
    /// Prepositions after a representative that name whom it represents ("woordvoerder van").
    pub possessive: WordSet,
    /// Endings of actor adjectives ("Russische"): before a title and a name, they modify the
    /// title.
    pub adjective_endings: Vec<String>,
    /// Phrases standing for an article's two sides ("beide partijen"), as folded words.
    pub sides: Vec<Vec<String>>,
    /// The first word of every phrase in `sides`.
    pub sides_first: WordSet,
    /// Words for an accusation ("beschuldigingen"), prefixes allowed with `*`.
    pub accusation: Vec<Word>,
    /// Every grammar word with the [`class`] bits of the lists it is in: one lookup per word
    /// of a sentence instead of one per list and rule ([`Grammar::class_of`]).
    pub classes: WordMap<u32>,
    /// Passive auxiliaries ("was", "were", "been"): right before a verb cue's participle they
    /// make its subject the target, and only `by X` the source ("four policemen were shot").
    pub passive: WordSet,
    /// Words that only stand before a noun ("the", "a"): a verb cue right after one is the
    /// noun ("the attack").
    pub article: WordSet,
    /// Participles that make the actor they are hyphenated to a modifier, not a party
    /// ("U.S.-led NATO", "Iran-backed militias").
    pub modifier_suffix: WordSet,
    /// The subject stands before its verb (English); otherwise it may follow it (Dutch V2:
    /// "Daarna riepen de VN de Taliban op"). With it, a verb with no actor before it has no
    /// source ("The interior ministry rejected the proposal of the Taliban").
    pub subject_first: bool,
    /// Words that call an event off ("afgezegd", "cancelled"): anywhere in a cue's clause they
    /// drop its relation.
    pub cancel: WordSet,
    /// Words that report rather than state ("zou", "vermoedelijk", "reportedly"): anywhere in a
    /// cue's clause they lower its relation's confidence.
    pub hedge: WordSet,
    /// Finite auxiliaries ("heeft", "has"): right after a conjunction that follows a
    /// subordinate clause, they continue the main clause ("X zegt dat …, en heeft Y
    /// opgeroepen": X appeals to Y).
    pub auxiliary: WordSet,
    /// Titles of one person ("leider", "leader"): a target named as "de leider van X" is that
    /// person, not X, and its relation is less sure.
    pub leader: WordSet,
    /// Prepositions that name who did what the noun after them says ("achter", "behind": "X
    /// zat achter de aanslag op Y"): the noun takes the clause's subject as its source.
    pub perpetrator: WordSet,
    /// Words naming a time ("maart", "zondag", "gisteren"): with a number they end the reach
    /// of a preposition, so "vielen in 2001 Afghanistan binnen" and "vielen op zondag Kabul
    /// aan" have a bare object, not "in Afghanistan" or "op Kabul".
    pub time: WordSet,
    /// Words that open a pair of coordinated actors ("both", "zowel"): "both Tehran and Ankara
    /// deny" is one list, not a clause ending in Tehran and another opening with Ankara.
    pub correlative: WordSet,
    /// Words that, right after a negation, make it no negation of the relation ("alleen",
    /// "only": "Iran hield niet alleen de TTP verantwoordelijk, maar ook Pakistan" is an
    /// accusation of both).
    pub restrictive: WordSet,
    /// Infinitive markers ("to", "te"): a verb cue after a preposition is a noun ("a rise in
    /// militant attacks"), but not after one of these ("vowed to attack").
    pub infinitive: WordSet,
    /// Reporting verbs ("zegt", "said"): after a comma one opens a clause of its own, so the
    /// speaker of "…, zegt het ministerie" is no object of the statement before.
    pub report: WordSet,
    /// Prepositions of place ("in"): a place after one names where a verb's object is, and
    /// for types that take places that place is the target ("viel een moskee in Peshawar
    /// aan" is an attack on Peshawar).
    pub locative: WordSet,
    /// Relative pronouns that are the subject of their clause ("which", "who"): "the TTP,
    /// which targets Pakistani soldiers" reads the TTP as the subject.
    pub relative: WordSet,
}

/// The cues of one language with its grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueSet {
    pub lang: Option<String>,
    pub grammar: Grammar,
    pub cues: Vec<Cue>,
    /// Cues by their first word, when it is an exact word.
    pub by_first: WordMap<Vec<Candidate>>,
    /// Cues whose first word is `*stem` (stem of three bytes or more), by the stem's last
    /// three bytes: a word need only be tried against the cues its own ending selects.
    pub by_last3: HashMap<[u8; 3], Vec<Candidate>>,
    /// The last `stem_key` bytes of those stems, hashed into a 65,536-bit set
    /// ([`stem_end_bit`]): most words end otherwise.
    pub stem_ends: Box<[u64; 1024]>,
    /// The length of the shortest such stem, at most eight bytes: a word that may end in one
    /// ends in one of the stems' last `stem_key` bytes. Three endings ("-len") let many words
    /// through that five ("-allen") turn away.
    pub stem_key: usize,
    /// Other cues whose first word has a wildcard.
    pub wild_first: Vec<Candidate>,
}

/// A cue that may start at a word, with what turns most of them away without reading the
/// cue itself (the matcher tries several for a common first word).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// Index in [`CueSet::cues`].
    pub cue: usize,
    /// The cue is a verb ([`Form::Verb`]).
    pub verb: bool,
    /// [`word_key`] of its second word when that is a whole word, else 0.
    pub second: u64,
}

impl Candidate {
    fn of(i: usize, cue: &Cue) -> Candidate {
        Candidate {
            cue: i,
            verb: cue.form == Form::Verb,
            second: match cue.words.get(1) {
                Some(Word::Exact(w)) => word_key(w),
                _ => 0,
            },
        }
    }

    /// Whether the cue may match where `next` (a [`word_key`], 0 at the clause's end)
    /// follows its first word: a whole second word must be that word.
    pub fn may_follow(&self, next: u64) -> bool {
        self.second == 0 || self.second == next
    }
}

/// A nonzero hash of a folded word: equal words have equal keys.
pub fn word_key(w: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(w) | 1
}

impl CueSet {
    /// The [`class::CUE`] bits a word gets from cues whose first word is a pattern
    /// (`*stem`, `stem*`, `…`); those of whole first words are in [`Grammar::classes`].
    #[inline]
    pub fn pattern_cue_class(&self, word: &str, types: &[RelationType]) -> u32 {
        // Most words end in no stem: turned away here, without a call.
        if self.wild_first.is_empty() && !self.may_end_stem(word) {
            return 0;
        }
        self.pattern_cue_class_slow(word, types)
    }

    fn pattern_cue_class_slow(&self, word: &str, types: &[RelationType]) -> u32 {
        let suffix = last3(word)
            .filter(|_| self.may_end_stem(word))
            .and_then(|k| self.by_last3.get(&k));
        if suffix.is_none() && self.wild_first.is_empty() {
            return 0;
        }
        suffix
            .into_iter()
            .flatten()
            .chain(&self.wild_first)
            .map(|c| &self.cues[c.cue])
            .filter(|cue| cue.words[0] == Word::Gap || cue.words[0].matches(word))
            .fold(0, |bits, cue| bits | cue_bits(&types[cue.relation]))
    }

    /// Whether `word` may end in a `*stem` cue's first word.
    #[inline]
    fn may_end_stem(&self, word: &str) -> bool {
        let b = word.as_bytes();
        b.len() >= self.stem_key && {
            let end = stem_end_bit(b, self.stem_key);
            self.stem_ends[end / 64] >> (end % 64) & 1 == 1
        }
    }

    /// The cues that may start at `word` (a superset of those whose first word matches it).
    pub fn candidates<'a>(&'a self, word: &str) -> impl Iterator<Item = usize> + 'a {
        self.first_cues(word).map(|c| c.cue)
    }

    /// [`CueSet::candidates`] with what turns them away ([`Candidate`]).
    pub fn first_cues<'a>(&'a self, word: &str) -> impl Iterator<Item = Candidate> + 'a {
        let exact = self.by_first.get(word).into_iter().flatten();
        let suffix = last3(word)
            .filter(|_| self.may_end_stem(word))
            .and_then(|k| self.by_last3.get(&k))
            .into_iter()
            .flatten();
        exact.chain(suffix).chain(&self.wild_first).copied()
    }
}

/// The [`class`] bits of a word that starts a cue of type `ty`.
pub fn cue_bits(ty: &RelationType) -> u32 {
    if ty.implicit_sides || ty.responds_to.is_some() {
        class::CUE | class::LONE_CUE
    } else {
        class::CUE
    }
}

/// The bit in [`CueSet::stem_ends`] of the last `key` bytes (3 to 8) of a word or stem of at
/// least that many bytes.
#[inline]
fn stem_end_bit(b: &[u8], key: usize) -> usize {
    let n = b.len();
    let end = if n >= 8 {
        // One load of the last eight bytes; the first `8 - key` shifted out.
        u64::from_le_bytes(b[n - 8..].try_into().expect("8 bytes")) >> (8 * (8 - key))
    } else {
        b[n - key..]
            .iter()
            .enumerate()
            .fold(0, |v, (i, &x)| v | u64::from(x) << (8 * i))
    };
    (end.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 48) as usize
}

/// The last three bytes of a word.
fn last3(word: &str) -> Option<[u8; 3]> {
    let b = word.as_bytes();
    b.len().checked_sub(3).map(|i| [b[i], b[i + 1], b[i + 2]])
}

/// Every relation type and cue set of the loaded dictionaries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relations {
    pub types: Vec<RelationType>,
    pub sets: Vec<CueSet>,
}

impl Relations {
    /// The index of a relation type by name.
    pub fn type_index(&self, name: &str) -> Option<usize> {
        self.types.iter().position(|t| t.name == name)
    }
}

/// Bits of [`Grammar::class_of`]: the grammar lists a word is in.
pub mod class {
    pub const AGENT: u32 = 1;
    pub const NEGATION: u32 = 1 << 1;
    pub const CONJUNCTION: u32 = 1 << 2;
    pub const DETERMINER: u32 = 1 << 3;
    pub const PREPOSITION: u32 = 1 << 4;
    pub const CLAUSE: u32 = 1 << 5;
    pub const REPRESENTATIVE: u32 = 1 << 6;
    pub const POSSESSIVE: u32 = 1 << 7;
    pub const ARTICLE: u32 = 1 << 8;
    pub const CANCEL: u32 = 1 << 9;
    pub const HEDGE: u32 = 1 << 10;
    pub const AUXILIARY: u32 = 1 << 11;
    pub const TIME: u32 = 1 << 12;
    pub const REPORT: u32 = 1 << 13;
    pub const LOCATIVE: u32 = 1 << 14;
    pub const LEADER: u32 = 1 << 15;
    pub const PRONOUN: u32 = 1 << 16;
    pub const RELATIVE: u32 = 1 << 17;
    /// The first word of a "both sides" phrase.
    pub const SIDES: u32 = 1 << 18;
    pub const RECIPROCAL: u32 = 1 << 19;
    /// Not a grammar list: the first word of a cue ([`super::cue_bits`]; words that
    /// start a pattern cue get it from [`super::CueSet::pattern_cue_class`]).
    pub const CUE: u32 = 1 << 20;
    /// Not a grammar list: the first word of a cue of a type that may relate one party (a
    /// mediation between the article's two sides, a denial answering an accusation).
    pub const LONE_CUE: u32 = 1 << 21;
    /// The second word of a "both sides" phrase.
    pub const SIDES_SECOND: u32 = 1 << 22;
    /// The first word of a reciprocal written as a phrase ("each other").
    pub const RECIPROCAL_FIRST: u32 = 1 << 23;
    pub const CORRELATIVE: u32 = 1 << 24;
    pub const RESTRICTIVE: u32 = 1 << 25;
    pub const INFINITIVE: u32 = 1 << 26;
}

impl Grammar {
    /// The class bits of every word in the lists below.
    fn classes(&self) -> WordMap<u32> {
        let lists = [
            (&self.agent, class::AGENT),
            (&self.negation, class::NEGATION),
            (&self.conjunction, class::CONJUNCTION),
            (&self.determiner, class::DETERMINER),
            (&self.preposition, class::PREPOSITION),
            (&self.clause, class::CLAUSE),
            (&self.representative, class::REPRESENTATIVE),
            (&self.possessive, class::POSSESSIVE),
            (&self.article, class::ARTICLE),
            (&self.cancel, class::CANCEL),
            (&self.hedge, class::HEDGE),
            (&self.auxiliary, class::AUXILIARY),
            (&self.time, class::TIME),
            (&self.report, class::REPORT),
            (&self.locative, class::LOCATIVE),
            (&self.leader, class::LEADER),
            (&self.pronoun, class::PRONOUN),
            (&self.relative, class::RELATIVE),
            (&self.sides_first, class::SIDES),
            (&self.reciprocal, class::RECIPROCAL),
            (&self.correlative, class::CORRELATIVE),
            (&self.restrictive, class::RESTRICTIVE),
            (&self.infinitive, class::INFINITIVE),
        ];
        let mut classes: WordMap<u32> = WordMap::default();
        for (set, bit) in lists {
            for w in set.iter() {
                *classes.entry(w.to_string()) |= bit;
            }
        }
        for phrase in &self.sides {
            if let Some(second) = phrase.get(1) {
                *classes.entry(second.clone()) |= class::SIDES_SECOND;
            }
        }
        for phrase in self.reciprocal.iter() {
            if let Some((first, _)) = phrase.split_once(' ') {
                *classes.entry(first.to_string()) |= class::RECIPROCAL_FIRST;
            }
        }
        classes
    }

    /// The [`class`] bits of a folded word (0 for a word in no list).
    pub fn class_of(&self, word: &str) -> u32 {
        self.classes.get(word).copied().unwrap_or(0)
    }
}

fn fold_words(list: &[String]) -> WordSet {
    list.iter()
        .map(|w| fold_str(w, Case::Fold).trim().to_string())
        .collect()
}

/// Splits a phrase into folded words: letters and digits, with `-` and `'` inside a word, and
/// `*` wildcards kept for [`parse_word`].
fn phrase_words(phrase: &str) -> Vec<String> {
    fold_str(phrase, Case::Fold)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

fn parse_word(w: &str) -> Result<Word, String> {
    if w == "…" || w == "..." {
        return Ok(Word::Gap);
    }
    let (lead, trail) = (w.starts_with('*'), w.ends_with('*') && w.len() > 1);
    let stem = w.trim_matches('*');
    if stem.contains('*') {
        return Err(format!("{w:?}: `*` only at the start or end of a word"));
    }
    if !stem.chars().any(is_word_char) {
        return Err(format!("{w:?} has no letter or digit"));
    }
    if (lead || trail) && stem.chars().count() < 3 {
        return Err(format!(
            "{w:?}: a wildcard needs at least three letters before or after it"
        ));
    }
    Ok(match (lead, trail) {
        (false, false) => Word::Exact(stem.to_string()),
        (false, true) => Word::Prefix(stem.to_string()),
        (true, false) => Word::Suffix(stem.to_string()),
        (true, true) => Word::Contains(stem.to_string()),
    })
}

/// Parses a cue phrase into words, or says why it cannot match.
pub fn parse_phrase(phrase: &str) -> Result<Vec<Word>, String> {
    let words = phrase_words(phrase);
    if words.is_empty() {
        return Err("empty phrase".to_string());
    }
    let parsed = words
        .iter()
        .map(|w| parse_word(w))
        .collect::<Result<Vec<_>, _>>()?;
    if parsed.first() == Some(&Word::Gap) || parsed.last() == Some(&Word::Gap) {
        return Err("`…` must stand between two words".to_string());
    }
    if parsed
        .windows(2)
        .any(|w| w[0] == Word::Gap && w[1] == Word::Gap)
    {
        return Err("two `…` in a row".to_string());
    }
    Ok(parsed)
}

/// Combines the cue records of every file into relation types and one cue set per language,
/// adding every problem found.
pub(super) fn compile(files: Vec<CueFile>, problems: &mut Vec<Problem>) -> Relations {
    let mut types: Vec<RelationType> = Vec::new();
    let mut defined: BTreeMap<String, (PathBuf, Pos)> = BTreeMap::new();
    let mut pending: Vec<(usize, PathBuf, Pos, String, String)> = Vec::new();
    for f in &files {
        for (line, r) in &f.relations {
            let mut problem = |line: Pos, message: String| {
                problems.push(Problem {
                    file: f.file.clone(),
                    line,
                    message,
                })
            };
            let name = r.name.get_ref().trim().to_string();
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                problem(
                    *line,
                    format!("relation type {name:?} must be lowercase ASCII letters or '_'"),
                );
            }
            if let Some((file, first)) = defined.get(&name) {
                problem(
                    *line,
                    format!(
                        "relation type {name:?} already defined at {}:{first}",
                        file.display()
                    ),
                );
                continue;
            }
            let cameo = r.cameo.get_ref().trim().to_string();
            let valid_cameo = cameo.len() == 2
                && cameo.parse::<u8>().is_ok_and(|n| {
                    (1..=20).contains(&n) && cameo.bytes().all(|b| b.is_ascii_digit())
                });
            if !valid_cameo {
                problem(
                    *line,
                    format!(
                        "relation {name:?}: cameo {cameo:?} must be a CAMEO root code, \"01\" to \"20\""
                    ),
                );
            }
            let color = r.color.get_ref().trim().to_string();
            let valid_color = color.len() == 7
                && color.starts_with('#')
                && color[1..].bytes().all(|b| b.is_ascii_hexdigit());
            if !valid_color {
                problem(
                    *line,
                    format!("relation {name:?}: color {color:?} must be \"#RRGGBB\""),
                );
            }
            let implicit_sides = match &r.implicit {
                None => false,
                Some(v) if v.get_ref() == "sides" => true,
                Some(v) => {
                    problem(
                        *line,
                        format!(
                            "relation {name:?}: implicit {:?} is not known (expected \"sides\")",
                            v.get_ref()
                        ),
                    );
                    false
                }
            };
            let mut target_kinds = Vec::new();
            for k in &r.targets {
                match Kind::parse(k.get_ref()) {
                    Some(kind) => target_kinds.push(kind),
                    None => problem(
                        *line,
                        format!("relation {name:?}: unknown target kind {:?}", k.get_ref()),
                    ),
                }
            }
            if let Some(rt) = &r.responds_to {
                pending.push((
                    types.len(),
                    f.file.clone(),
                    *line,
                    name.clone(),
                    rt.get_ref().clone(),
                ));
            }
            defined.insert(name.clone(), (f.file.clone(), *line));
            types.push(RelationType {
                name,
                cameo,
                label: r.label.get_ref().trim().to_string(),
                color,
                places: r.places,
                symmetric: r.symmetric,
                conflict: r.conflict,
                responds_to: None,
                embeds: r.embeds,
                implicit_sides,
                targets: target_kinds,
                whole: r.whole,
            });
        }
    }
    for (index, file, line, name, target) in pending {
        match types.iter().position(|t| t.name == target) {
            Some(t) => types[index].responds_to = Some(t),
            None => problems.push(Problem {
                file,
                line,
                message: format!("relation {name:?}: responds_to names unknown type {target:?}"),
            }),
        }
    }

    let mut by_lang: BTreeMap<Option<String>, CueSet> = BTreeMap::new();
    let mut grammar_at: BTreeMap<Option<String>, (PathBuf, Pos)> = BTreeMap::new();
    let mut cue_at: BTreeMap<Option<String>, (PathBuf, Pos)> = BTreeMap::new();
    for f in files {
        let set = by_lang.entry(f.lang.clone()).or_insert_with(|| CueSet {
            lang: f.lang.clone(),
            grammar: Grammar::default(),
            cues: Vec::new(),
            by_first: WordMap::default(),
            by_last3: HashMap::default(),
            stem_ends: Box::new([0; 1024]),
            stem_key: 3,
            wild_first: Vec::new(),
        });
        if let Some((line, g)) = f.grammar {
            if let Some((file, first)) = grammar_at.get(&f.lang) {
                problems.push(Problem {
                    file: f.file.clone(),
                    line,
                    message: format!(
                        "a second [grammar] for language {} (first at {}:{first})",
                        f.lang.as_deref().unwrap_or("(none)"),
                        file.display()
                    ),
                });
            } else {
                grammar_at.insert(f.lang.clone(), (f.file.clone(), line));
                let mut accusation = Vec::new();
                for w in &g.accusation {
                    match parse_word(&fold_str(w, Case::Fold)) {
                        Ok(word) if word != Word::Gap => accusation.push(word),
                        _ => problems.push(Problem {
                            file: f.file.clone(),
                            line,
                            message: format!("grammar: accusation word {w:?} cannot match"),
                        }),
                    }
                }
                set.grammar = Grammar {
                    agent: fold_words(&g.agent),
                    between: fold_words(&g.between),
                    negation: fold_words(&g.negation),
                    pronoun: fold_words(&g.pronoun),
                    conjunction: fold_words(&g.conjunction),
                    determiner: fold_words(&g.determiner),
                    preposition: fold_words(&g.preposition),
                    clause: fold_words(&g.clause),
                    reciprocal: fold_words(&g.reciprocal),
                    representative: fold_words(&g.representative),
                    passive: fold_words(&g.passive),
                    article: fold_words(&g.article),
                    modifier_suffix: fold_words(&g.modifier_suffix),
                    subject_first: g.subject_first,
                    cancel: fold_words(&g.cancel),
                    hedge: fold_words(&g.hedge),
                    auxiliary: fold_words(&g.auxiliary),
                    leader: fold_words(&g.leader),
                    perpetrator: fold_words(&g.perpetrator),
                    time: fold_words(&g.time),
                    report: fold_words(&g.report),
                    locative: fold_words(&g.locative),
                    relative: fold_words(&g.relative),
                    correlative: fold_words(&g.correlative),
                    restrictive: fold_words(&g.restrictive),
                    infinitive: fold_words(&g.infinitive),
                    possessive: fold_words(&g.possessive),
                    adjective_endings: g
                        .adjective_endings
                        .iter()
                        .map(|e| fold_str(e, Case::Fold))
                        .collect(),
                    sides_first: g
                        .sides
                        .iter()
                        .filter_map(|s| phrase_words(s).into_iter().next())
                        .collect(),
                    sides: g.sides.iter().map(|s| phrase_words(s)).collect(),
                    accusation,
                    classes: WordMap::default(),
                };
                // Prepositions that introduce actors are prepositions too.
                let extra: Vec<String> = set
                    .grammar
                    .agent
                    .iter()
                    .chain(set.grammar.between.iter())
                    .map(str::to_string)
                    .collect();
                set.grammar.preposition.extend(extra);
                set.grammar.classes = set.grammar.classes();
            }
        }
        for (i, cue) in f.cues {
            let line = f.text_lines[i];
            cue_at
                .entry(f.lang.clone())
                .or_insert((f.file.clone(), line));
            let mut problem = |line: Pos, message: String| {
                problems.push(Problem {
                    file: f.file.clone(),
                    line,
                    message,
                })
            };
            let relation = cue.relation.get_ref();
            let Some(index) = types.iter().position(|t| &t.name == relation) else {
                problem(
                    line,
                    format!("cue names unknown relation type {relation:?}"),
                );
                continue;
            };
            let form = match cue.form.get_ref().as_str() {
                "verb" => Form::Verb,
                "noun" => Form::Noun,
                "passive" => Form::Passive,
                other => {
                    problem(
                        line,
                        format!("cue form {other:?} is not known (expected verb, noun or passive)"),
                    );
                    continue;
                }
            };
            if cue.phrases.is_empty() {
                problem(line, format!("cue for {relation:?} has no phrases"));
            }
            let target: Vec<String> = cue.target.iter().map(|w| fold_str(w, Case::Fold)).collect();
            let source: Vec<String> = cue.source.iter().map(|w| fold_str(w, Case::Fold)).collect();
            for (p, phrase) in cue.phrases.iter().enumerate() {
                let written = phrase.get_ref().trim();
                let (written, at_end) = match written.strip_suffix('$') {
                    Some(w) => (w, true),
                    None => (written, false),
                };
                match parse_phrase(written) {
                    Ok(words) => set.cues.push(Cue {
                        relation: index,
                        form,
                        phrase: phrase.get_ref().trim().to_string(),
                        words,
                        target: target.clone(),
                        source: source.clone(),
                        at_end,
                        state_target: cue.state_target,
                        ruler: cue.ruler,
                    }),
                    Err(why) => problem(
                        f.phrase_lines[i][p],
                        format!("cue phrase {:?} cannot match: {why}", phrase.get_ref()),
                    ),
                }
            }
        }
    }
    for (lang, (file, line)) in &cue_at {
        if !grammar_at.contains_key(lang) {
            problems.push(Problem {
                file: file.clone(),
                line: *line,
                message: format!(
                    "cues for language {} but no [grammar] for it",
                    lang.as_deref().unwrap_or("(none)")
                ),
            });
        }
    }
    let mut seen: BTreeMap<(Option<String>, String), String> = BTreeMap::new();
    for set in by_lang.values() {
        for cue in &set.cues {
            let key = (set.lang.clone(), fold_str(&cue.phrase, Case::Fold));
            if let Some(other) = seen.insert(key, types[cue.relation].name.clone())
                && other != types[cue.relation].name
            {
                problems.push(Problem {
                    file: cue_at[&set.lang].0.clone(),
                    line: cue_at[&set.lang].1,
                    message: format!(
                        "cue phrase {:?} is listed for both {other:?} and {:?}",
                        cue.phrase, types[cue.relation].name
                    ),
                });
            }
        }
    }
    let mut sets: Vec<CueSet> = by_lang
        .into_values()
        .filter(|s| !s.cues.is_empty())
        .collect();
    for set in &mut sets {
        for (i, cue) in set.cues.iter().enumerate() {
            match &cue.words[0] {
                Word::Exact(w) => {
                    set.by_first.entry(w.clone()).push(Candidate::of(i, cue));
                    *set.grammar.classes.entry(w.clone()) |= cue_bits(&types[cue.relation]);
                }
                Word::Suffix(stem) if let Some(k) = last3(stem) => {
                    set.by_last3
                        .entry(k)
                        .or_default()
                        .push(Candidate::of(i, cue));
                }
                _ => set.wild_first.push(Candidate::of(i, cue)),
            }
        }
        let stems: Vec<&[u8]> = set
            .cues
            .iter()
            .filter_map(|cue| match &cue.words[0] {
                Word::Suffix(stem) if stem.len() >= 3 => Some(stem.as_bytes()),
                _ => None,
            })
            .collect();
        set.stem_key = stems.iter().map(|s| s.len()).min().unwrap_or(3).min(8);
        for stem in stems {
            let end = stem_end_bit(stem, set.stem_key);
            set.stem_ends[end / 64] |= 1 << (end % 64);
        }
    }
    Relations { types, sets }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shipped `*stem` cue starts at a word ending in its stem, however long the word
    /// ("*aanvallen" in "luchtaanvallen", a short stem in a long word and the stem alone),
    /// and a word ending otherwise gets no cue from it.
    #[test]
    fn stem_cues_start_at_words_ending_in_their_stem() {
        let dict = super::super::Dictionary::load(&["dictionaries".into()]).expect("loads");
        let relations = dict.relations();
        for set in &relations.sets {
            for (i, cue) in set.cues.iter().enumerate() {
                let Word::Suffix(stem) = &cue.words[0] else {
                    continue;
                };
                for prefix in ["", "x", "lucht", "grensover"] {
                    let word = format!("{prefix}{stem}");
                    assert!(
                        set.pattern_cue_class(&word, &relations.types) & class::CUE != 0
                            && set.candidates(&word).any(|c| c == i),
                        "{word:?} starts no {stem:?} cue"
                    );
                }
                let other = format!("{stem}q");
                assert!(
                    !set.candidates(&other).any(|c| c == i),
                    "{other:?} starts a {stem:?} cue"
                );
            }
        }
    }

    #[test]
    fn phrases_parse_into_words_gaps_and_wildcards() {
        assert_eq!(
            parse_phrase("Valt … aan").unwrap(),
            vec![
                Word::Exact("valt".into()),
                Word::Gap,
                Word::Exact("aan".into())
            ]
        );
        assert_eq!(
            parse_phrase("*aanvallen opgeëist*").unwrap(),
            vec![
                Word::Suffix("aanvallen".into()),
                Word::Prefix("opgeeist".into())
            ]
        );
        assert!(parse_phrase("… aan").is_err());
        assert!(parse_phrase("a*b").is_err());
        assert!(parse_phrase("*op").is_err());
        assert!(parse_phrase("  ").is_err());
        assert!(parse_phrase("valt … … aan").is_err());
    }
}

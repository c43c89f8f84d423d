//! Typed, directed relations between actors, read from cue phrases within one sentence.
//!
//! The matcher ([`crate::extract`]) says which actors a sentence names; this module says how
//! they relate, with rules that read word order from the cue dictionaries' [`Grammar`]
//! (function words; Dutch V2 by default, English with `subject_first`) and each
//! [`Cue`](crate::dictionary::cues::Cue)'s form. An article is read with the cue set of its
//! language (`language.rs`). The steps, per sentence, each in its own file (`tokens`,
//! `clauses`, `matching`, `direction`, `targets` and `attributive`, `emit`, `resolve`,
//! `context`, `confidence`):
//!
//! 1. **Tokens.** Words (folded), punctuation, and each mention as one actor token; a subject
//!    pronoun ("zij") and a phrase for the article's two sides ("beide partijen") are tokens of
//!    their own.
//! 2. **Clauses.** A clause word ("die", "dat", "waarbij", "toen") opens a subordinate clause
//!    that runs to the next comma (a comma inside a list of actors does not end it); `;`, `:`,
//!    dashes and brackets start a new main clause. Cues and their actors are read within one
//!    clause.
//! 3. **Lists.** Actors joined by commas, "en", "of" and articles form one list; an actor right
//!    before another ("Afghaanse Taliban") modifies it and is left out. A list is *bare* (a
//!    subject or object) unless a preposition governs it ("in Kabul", "volgens Kabul"); a list
//!    after "woordvoerder van", "regering in" and other representatives counts as bare.
//! 4. **Cues**, leftmost and then longest, and their source and target:
//!    - `door X` (passive agent) is the source: "opgeëist door ISKP";
//!    - an article before `door X` opens an attributive phrase ("de door Iran gesteunde
//!      Taliban"): X is the participle's source, the actor after it the target, and X no
//!      party of any other cue;
//!    - verbs: the nearest bare list before is the source and the first after the object
//!      ("Pakistan bombardeerde Kabul"); with none before, the first two after are subject
//!      and object ("Daarna riepen X Y op"); with two before and none after, the verb is
//!      final ("dat X Y aanviel");
//!    - nouns: an actor right before ("Pakistaanse luchtaanvallen"), a source preposition
//!      right after ("steun van Iran"), or the clause's subject ("ISKP pleegde een aanslag");
//!    - the cue's target prepositions name the target ("aanval op Kabul", "praten met X");
//!    - a symmetric type with two or more actors and no target ("X en Y zijn elkaars vijand",
//!      "onderhandelingen tussen X en Y") relates each pair both ways.
//! 5. **Negation and reported content.** A negation ("niet", "geen", "weigerde") between the
//!    source and the cue drops the relation; it never becomes the opposite. After a cue whose
//!    type `embeds` (deny, accuse, threaten, appeal), later cues in the sentence are its
//!    content, not facts: "Kabul ontkent Pakistan aan te vallen" is a denial, not an attack.
//! 6. **Who the actor is.** A place is never a source; a capital used as one ("Kabul ontkent")
//!    stands for its state (`acts_for`), and so does a capital as target unless the type takes
//!    places (an attack on Kabul is on the city). Media are never parties. A subject pronoun is
//!    the first subject earlier in the sentence or at the start of the previous one.
//! 7. **Context.** A deny without target answers the latest accusation against the denier in
//!    the last three sentences, or, when it denies "deze beschuldigingen", the subject of the
//!    previous sentence (and that subject then accuses the denier, quoted from both sentences).
//!    "Beide partijen" and a mediation without target mean the article's two sides: the pair
//!    with the most conflict relations in the article.
//! 8. **Confidence** (`confidence`). Each relation carries the rule that chose its parties and
//!    a confidence from 0 to 1: the rule's prior, lowered by pronouns, distance, other actors
//!    in the clause, subordinate clauses, quotations, hedges and long sentences.
//!
//! What this gets wrong is listed in docs/relations.md ("Relations: limits").

use crate::dictionary::cues::{
    CueSet, Form, GAP_WORDS, Grammar, RelationType, Word, class, word_key,
};
use crate::dictionary::{Dictionary, Kind};
use crate::extract::{Extraction, Mention};
use crate::input::Document;
use crate::text::{Case, fold_str, is_word_char};
use compact_str::CompactString;
use smallvec::SmallVec;
use std::collections::BTreeMap;

mod attributive;
mod clauses;
mod confidence;
mod context;
mod direction;
mod emit;
mod language;
mod matching;
mod resolve;
mod targets;
mod tokens;

use clauses::is_same;
pub use confidence::{DEFAULT_MIN_CONFIDENCE, Rule};
use confidence::{Signals, confidence};
use language::language;
use resolve::{as_source, resolve};

/// A relation found in a document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    /// Index of the relation type in [`crate::dictionary::cues::Relations::types`].
    pub relation: usize,
    /// Entity indexes, after a capital is attributed to its state.
    pub source: u32,
    pub target: u32,
    /// The sentence holding the cue.
    pub sentence: usize,
    /// The first sentence of the evidence (the previous one for a relation read from context).
    pub first_sentence: usize,
    /// The words naming each side in the text ("Kabul", "zij", "beide partijen").
    pub source_text: String,
    pub target_text: String,
    /// The cue as written.
    pub cue: String,
    /// How far to trust the reading, in hundredths (see [`Rule`] and docs/relations.md,
    /// "Confidence").
    pub confidence: u8,
    /// The rule that chose the source and target.
    pub rule: Rule,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A word. `None` when its folded form is the document's text lower-cased at the token's
    /// span (an ASCII word, nearly all of them: nothing is copied); else the folded form.
    Word(Option<CompactString>),
    Punct(char),
    Actor(usize),
    Pronoun,
    Sides,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    start: usize,
    end: usize,
    /// The grammar lists a word is in ([`crate::dictionary::cues::class`]); 0 for others.
    class: u32,
}

/// A sentence's clauses (token indexes) and, for each, its group ([`Reader::clauses`]).
type Units = SmallVec<[Vec<usize>; 8]>;
type Groups = SmallVec<[usize; 8]>;

/// The lists of a clause. Most clauses have a few: they stay on the stack, as do the other
/// short per-cue vectors, instead of costing an allocation each (a tenth of reading time).
type Lists = SmallVec<[List; 4]>;

/// Clause positions of a list's members or of a cue's words.
type Positions = SmallVec<[usize; 4]>;

/// For each position of a clause, whether a cue (or a join) already took it.
type Used = SmallVec<[bool; 64]>;

/// A list of actors in a clause: positions in the clause.
#[derive(Debug, Clone)]
struct List {
    members: Positions,
    first: usize,
    last: usize,
    /// The governing preposition (inline: no allocation).
    gov: Option<CompactString>,
    bare: bool,
}

#[derive(Debug, Clone)]
struct Hit {
    cue: usize,
    head: usize,
    positions: Positions,
}

/// One side of a relation before it is resolved to entities.
#[derive(Debug, Clone)]
enum Party {
    Entity(u32, String),
    Sides(String),
}

struct Pending {
    relation: usize,
    source: Party,
    target: Party,
    sentence: usize,
    first_sentence: usize,
    cue: String,
    rule: Rule,
    confidence: u8,
}

/// A sentence's subject candidates: token, entity and text of each bare actor list.
type Subjects = Vec<(usize, u32, String)>;

/// Finds the relations in one document, in sentence order.
pub fn find(dict: &Dictionary, doc: &Document, ex: &Extraction) -> Vec<Found> {
    let relations = dict.relations();
    if relations.sets.is_empty() || ex.mentions.is_empty() {
        return Vec::new();
    }
    let mut by_sentence: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for (i, m) in ex.mentions.iter().enumerate() {
        let e = by_sentence.entry(m.sentence).or_insert((i, i));
        e.1 = i + 1;
    }
    let mut pending: Vec<Pending> = Vec::new();
    let set = &relations.sets[language(&doc.text, &relations.sets)];
    let lower = doc.text.to_ascii_lowercase();
    {
        let reader = Reader {
            dict,
            types: &relations.types,
            set,
            g: &set.grammar,
            doc,
            lower: &lower,
            ex,
            by_sentence: &by_sentence,
            subjects: Default::default(),
            spare_tokens: Default::default(),
            spare_units: Default::default(),
        };
        for (&s, _) in by_sentence.iter() {
            reader.sentence(s, &mut pending);
        }
    }
    resolve(dict, ex, &relations.types, pending)
}

struct Reader<'a> {
    dict: &'a Dictionary,
    types: &'a [RelationType],
    set: &'a CueSet,
    g: &'a Grammar,
    doc: &'a Document,
    /// The document's text with ASCII letters lower-cased (same byte offsets).
    lower: &'a str,
    ex: &'a Extraction,
    by_sentence: &'a BTreeMap<usize, (usize, usize)>,
    /// [`Reader::subject_candidates`] of the sentences asked so far.
    subjects: std::cell::RefCell<rustc_hash::FxHashMap<usize, std::rc::Rc<Subjects>>>,
    /// Token and clause vectors of sentences already read, reused by the next instead of
    /// allocated again ([`Reader::recycle`]).
    spare_tokens: std::cell::RefCell<Vec<Vec<Token>>>,
    spare_units: std::cell::RefCell<Vec<Vec<usize>>>,
}

//! Typed, directed relations between actors, read from cue phrases within one sentence.
//!
//! The matcher ([`crate::extract`]) says which actors a sentence names; this module says how
//! they relate, with rules that read Dutch word order from the cue dictionaries'
//! [`Grammar`] (function words) and each [`Cue`](crate::dictionary::cues::Cue)'s form. The steps, per sentence:
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
//!
//! What this gets wrong is listed in README.md ("Relations: limits").

use crate::dictionary::cues::{CueSet, Form, GAP_WORDS, Grammar, RelationType, Word};
use crate::dictionary::{Dictionary, Kind};
use crate::extract::{Extraction, Mention};
use crate::input::Document;
use crate::text::{Case, fold_str, is_word_char};
use compact_str::CompactString;
use std::collections::BTreeMap;

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
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A folded word; inline up to 24 bytes, so most words allocate nothing.
    Word(CompactString),
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
}

/// A list of actors in a clause: positions in the clause.
#[derive(Debug, Clone)]
struct List {
    members: Vec<usize>,
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
    positions: Vec<usize>,
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
}

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
    {
        let reader = Reader {
            dict,
            types: &relations.types,
            set,
            g: &set.grammar,
            doc,
            ex,
            by_sentence: &by_sentence,
        };
        for (&s, _) in by_sentence.iter() {
            reader.sentence(s, &mut pending);
        }
    }
    resolve(dict, ex, &relations.types, pending)
}

/// Whether the end of `before` (a sentence up to a word) lies inside a quotation: straight
/// double quotes toggle, typographic and guillemet quotes open and close.
fn inside_quotes(before: &str) -> bool {
    let mut inside = false;
    for c in before.chars() {
        match c {
            '"' => inside = !inside,
            '“' | '„' | '«' => inside = true,
            '”' | '»' => inside = false,
            _ => {}
        }
    }
    inside
}

/// Bytes of an article [`language`] reads: a few sentences tell Dutch from English.
const LANGUAGE_BYTES: usize = 600;

/// The cue set of the document's language: the one whose function words (determiners,
/// prepositions, conjunctions, clause words) and cue words its first 600 bytes use most;
/// the first set on a tie. One set per document keeps reading as cheap as with one language.
fn language(text: &str, sets: &[CueSet]) -> usize {
    if sets.len() < 2 {
        return 0;
    }
    let mut end = text.len().min(LANGUAGE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut counts = vec![0usize; sets.len()];
    let mut buf = [0u8; 12];
    let mut folded: String;
    for raw in text[..end].split(|c: char| !is_word_char(c)) {
        if raw.is_empty() || raw.len() > buf.len() {
            continue;
        }
        // Most words are ASCII: lower-cased on the stack, no allocation.
        let word: &str = if raw.is_ascii() {
            let b = &mut buf[..raw.len()];
            b.copy_from_slice(raw.as_bytes());
            b.make_ascii_lowercase();
            std::str::from_utf8(b).expect("ASCII")
        } else {
            folded = fold_str(raw, Case::Fold);
            &folded
        };
        for (count, set) in counts.iter_mut().zip(sets) {
            let g = &set.grammar;
            if g.determiner.contains(word)
                || g.preposition.contains(word)
                || g.conjunction.contains(word)
                || g.clause.contains(word)
                || set.first_words.contains(word)
            {
                *count += 1;
            }
        }
    }
    let best = counts.iter().copied().max().unwrap_or(0);
    counts.iter().position(|&c| c == best).unwrap_or(0)
}

/// The end of the word starting at `p` (before `stop`): word characters, and hyphens and
/// apostrophes between two of them ("Noord-Waziristan", "Pakistan's").
fn word_end(text: &str, p: usize, stop: usize) -> usize {
    let bytes = text.as_bytes();
    let starts_word = |i: usize| i < stop && text[i..stop].chars().next().is_some_and(is_word_char);
    let mut q = p;
    while q < stop {
        let b = bytes[q];
        if b.is_ascii_alphanumeric() {
            q += 1;
        } else if b.is_ascii() {
            if !(matches!(b, b'-' | b'\'') && starts_word(q + 1)) {
                break;
            }
            q += 1;
        } else {
            let ch = text[q..].chars().next().expect("q is on a char boundary");
            let next = q + ch.len_utf8();
            if !(is_word_char(ch) || (ch == '’' && starts_word(next))) {
                break;
            }
            q = next;
        }
    }
    q
}

struct Reader<'a> {
    dict: &'a Dictionary,
    types: &'a [RelationType],
    set: &'a CueSet,
    g: &'a Grammar,
    doc: &'a Document,
    ex: &'a Extraction,
    by_sentence: &'a BTreeMap<usize, (usize, usize)>,
}

impl Reader<'_> {
    fn mentions(&self, s: usize) -> &[Mention] {
        match self.by_sentence.get(&s) {
            Some(&(a, b)) => &self.ex.mentions[a..b],
            None => &[],
        }
    }

    fn tokens(&self, s: usize) -> Vec<Token> {
        let sentence = &self.ex.segments.sentences[s];
        let text = &self.doc.text;
        let mentions = self.mentions(s);
        let first_mention = self.by_sentence.get(&s).map_or(0, |r| r.0);
        // About one token per six bytes of Dutch text.
        let mut out = Vec::with_capacity((sentence.end - sentence.start) / 5 + 4);
        let mut mi = 0;
        let mut p = sentence.start;
        let end = sentence.end;
        while p < end {
            while mi < mentions.len() && mentions[mi].end <= p {
                mi += 1;
            }
            if let Some(m) = mentions.get(mi)
                && m.start <= p
            {
                // "U.S.-led NATO": the actor before `-led` only modifies the next one.
                let modifier = text[m.end..end].strip_prefix('-').is_some_and(|rest| {
                    let w = &rest[..word_end(rest, 0, rest.len())];
                    !w.is_empty() && self.g.modifier_suffix.contains(&fold_str(w, Case::Fold))
                });
                out.push(Token {
                    tok: if modifier {
                        Tok::Word(CompactString::from("-"))
                    } else {
                        Tok::Actor(first_mention + mi)
                    },
                    start: m.start,
                    end: m.end,
                });
                p = m.end;
                mi += 1;
                continue;
            }
            let stop = mentions.get(mi).map_or(end, |m| m.start.min(end));
            let c = text[p..].chars().next().expect("inside the text");
            if is_word_char(c) {
                let q = word_end(text, p, stop);
                let raw = &text[p..q];
                let word = if raw.is_ascii() {
                    let mut w = CompactString::from(raw);
                    w.make_ascii_lowercase();
                    w
                } else {
                    CompactString::from(fold_str(raw, Case::Fold))
                };
                let tok = if self.g.pronoun.contains(word.as_str()) {
                    Tok::Pronoun
                } else {
                    Tok::Word(word)
                };
                out.push(Token {
                    tok,
                    start: p,
                    end: q,
                });
                p = q;
                continue;
            }
            let boundary = matches!(c, ',' | ';' | ':' | '(' | ')' | '—' | '–' | '.' | '!' | '?')
                || (c == '-' && text[..p].ends_with(' ') && text[p + 1..].starts_with(' '));
            if boundary {
                out.push(Token {
                    tok: Tok::Punct(c),
                    start: p,
                    end: p + c.len_utf8(),
                });
            }
            p += c.len_utf8();
        }
        self.mark_sides(out)
    }

    /// Replaces each "beide partijen" phrase with one token.
    fn mark_sides(&self, mut toks: Vec<Token>) -> Vec<Token> {
        let starts_phrase =
            |t: &Token| matches!(&t.tok, Tok::Word(w) if self.g.sides_first.contains(w.as_str()));
        if !toks.iter().any(starts_phrase) {
            return toks;
        }
        let is_phrase = |at: &[Token], phrase: &[String]| {
            at.len() >= phrase.len()
                && phrase
                    .iter()
                    .zip(at)
                    .all(|(w, t)| matches!(&t.tok, Tok::Word(x) if x == w))
        };
        let mut out: Vec<Token> = Vec::with_capacity(toks.len());
        let mut skip = 0;
        for i in 0..toks.len() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            if starts_phrase(&toks[i])
                && let Some(phrase) = self.g.sides.iter().find(|p| is_phrase(&toks[i..], p))
            {
                let n = phrase.len();
                out.push(Token {
                    tok: Tok::Sides,
                    start: toks[i].start,
                    end: toks[i + n - 1].end,
                });
                skip = n - 1;
                continue;
            }
            // Moved out: tokens before `i` are not looked at again.
            let tok = std::mem::replace(&mut toks[i].tok, Tok::Sides);
            out.push(Token { tok, ..toks[i] });
        }
        out
    }

    fn word<'t>(&self, t: &'t Token) -> Option<&'t str> {
        match &t.tok {
            Tok::Word(w) => Some(w),
            _ => None,
        }
    }

    /// Splits a sentence's tokens into clauses (lists of token indexes).
    /// Also returns, for each clause, its group: clauses between two strong punctuation marks
    /// (`;`, `:`, a dash, a bracket).
    fn clauses(&self, toks: &[Token]) -> (Vec<Vec<usize>>, Vec<usize>) {
        let mut units: Vec<Vec<usize>> = vec![Vec::new()];
        let mut groups: Vec<usize> = vec![0];
        let mut group = 0;
        let mut main = 0;
        let mut cur = 0;
        let is_member = |t: &Token| matches!(t.tok, Tok::Actor(_) | Tok::Sides | Tok::Pronoun);
        for (i, t) in toks.iter().enumerate() {
            match &t.tok {
                Tok::Punct(',') => {
                    let in_list = i > 0
                        && is_member(&toks[i - 1])
                        && toks[i + 1..]
                            .iter()
                            .take(3)
                            .find(|n| {
                                !self.word(n).is_some_and(|w| {
                                    self.g.determiner.contains(w) || self.g.conjunction.contains(w)
                                })
                            })
                            .is_some_and(is_member);
                    if cur != main && !in_list {
                        cur = main;
                    } else {
                        units[cur].push(i);
                    }
                }
                Tok::Punct(_) => {
                    group += 1;
                    units.push(Vec::new());
                    groups.push(group);
                    main = units.len() - 1;
                    cur = main;
                }
                Tok::Word(w) if self.g.clause.contains(w.as_str()) => {
                    units.push(vec![i]);
                    groups.push(group);
                    cur = units.len() - 1;
                }
                _ => units[cur].push(i),
            }
        }
        (units, groups)
    }

    fn lists(&self, toks: &[Token], unit: &[usize], used: &[bool]) -> Vec<List> {
        let tok = |p: usize| &toks[unit[p]];
        let is_member =
            |p: usize| !used[p] && matches!(tok(p).tok, Tok::Actor(_) | Tok::Sides | Tok::Pronoun);
        let mut lists = Vec::new();
        let mut p = 0;
        while p < unit.len() {
            if !is_member(p) {
                p += 1;
                continue;
            }
            let mut members = vec![p];
            let mut seps: Vec<bool> = Vec::new();
            let mut q = p + 1;
            loop {
                // An actor right before another modifies it ("Afghaanse Taliban").
                if q < unit.len()
                    && is_member(q)
                    && matches!(tok(q).tok, Tok::Actor(_))
                    && matches!(tok(q - 1).tok, Tok::Actor(_))
                {
                    *members.last_mut().expect("a member") = q;
                    q += 1;
                    continue;
                }
                // "Afghaanse regering en de Taliban": the representative noun belongs to the
                // actor before it.
                let mut k = q;
                while k < unit.len()
                    && self
                        .word(tok(k))
                        .is_some_and(|w| self.g.representative.contains(w))
                {
                    k += 1;
                }
                let start = k;
                let mut comma = false;
                let mut conj = false;
                while k < unit.len() && k < start + 3 {
                    match &tok(k).tok {
                        Tok::Punct(',') => comma = true,
                        Tok::Word(w) if self.g.conjunction.contains(w.as_str()) => conj = true,
                        Tok::Word(w) if self.g.determiner.contains(w.as_str()) => {}
                        _ => break,
                    }
                    k += 1;
                }
                if (comma || conj) && k < unit.len() && is_member(k) {
                    members.push(k);
                    seps.push(conj);
                    q = k + 1;
                } else {
                    break;
                }
            }
            // "A, B" without a conjunction is an apposition ("de VN, Guterres,"): the first
            // name stands alone.
            if !seps.is_empty() && !seps.iter().any(|&c| c) {
                members.truncate(1);
            }
            let first = p;
            let last = *members.last().expect("a member");
            let (gov, bare) = self.governor(toks, unit, used, first);
            lists.push(List {
                members,
                first,
                last,
                gov,
                bare,
            });
            p = last + 1;
        }
        // "de Russische ambtgenoot Sergej Lavrov": an adjective actor before a title and a
        // name modifies the title; the name is the actor.
        let mut i = 1;
        while i < lists.len() {
            let (a, b) = (&lists[i - 1], &lists[i]);
            let gap = b.first - a.last - 1;
            // "his Afghan counterpart, Hamid Karzai": a comma may close the title.
            let comma_end = b.first > a.last + 2 && matches!(tok(b.first - 1).tok, Tok::Punct(','));
            let title_end = if comma_end { b.first - 1 } else { b.first };
            let plain = (a.last + 1..title_end).all(|p| {
                !used[p]
                    && self.word(tok(p)).is_some_and(|w| {
                        !self.g.preposition.contains(w)
                            && !self.g.conjunction.contains(w)
                            && !self.g.clause.contains(w)
                            && !self.g.determiner.contains(w)
                    })
            });
            let adjective = self.adjective(toks, unit, a);
            // "US peace envoy Zalmay Khalilzad", "Al-Qaeda leader Ayman al-Zawahri": an actor
            // before a title and a person's name modifies the title.
            let titled = (a.last + 1..title_end)
                .any(|p| self.word(tok(p)).is_some_and(|w| self.g.representative.contains(w)))
                && matches!(tok(b.first).tok, Tok::Actor(i)
                    if self.ex.entity(self.dict, self.ex.mentions[i].entity).kind == Kind::Person);
            let gap = if comma_end { gap - 1 } else { gap };
            if (1..=2).contains(&gap) && plain && (adjective || titled) && (!comma_end || titled) {
                let gov = lists[i - 1].gov.clone();
                let bare = lists[i - 1].bare;
                lists[i].gov = gov;
                lists[i].bare = bare;
                lists.remove(i - 1);
            } else {
                i += 1;
            }
        }
        // "de woordvoerder van de Taliban, Zabihullah Mujahid, ...": a name between commas
        // right after a list is the same actor (an apposition), not a second one; it stands in
        // for the list before it.
        let mut i = 1;
        while i < lists.len() {
            let (a, b) = (&lists[i - 1], &lists[i]);
            let comma_between =
                b.first == a.last + 2 && matches!(tok(a.last + 1).tok, Tok::Punct(','));
            let comma_after =
                b.last + 1 < unit.len() && matches!(tok(b.last + 1).tok, Tok::Punct(','));
            if comma_between && comma_after && b.members.len() == 1 {
                let bare = a.bare || b.bare;
                lists[i].bare = bare;
                lists[i].gov = None;
                lists.remove(i - 1);
            } else {
                i += 1;
            }
        }
        lists
    }

    /// The preposition governing a list starting at clause position `first`, and whether the
    /// list is bare (a subject or object).
    fn governor(
        &self,
        toks: &[Token],
        unit: &[usize],
        used: &[bool],
        first: usize,
    ) -> (Option<CompactString>, bool) {
        let mut p = first;
        let mut steps = 0;
        while p > 0 && steps < 3 {
            p -= 1;
            steps += 1;
            if used[p] {
                break;
            }
            let Some(w) = self.word(&toks[unit[p]]) else {
                break;
            };
            if self.g.preposition.contains(w) {
                let mut r = p;
                while r > 0
                    && self
                        .word(&toks[unit[r - 1]])
                        .is_some_and(|w| self.g.determiner.contains(w))
                {
                    r -= 1;
                }
                let represents = r > 0
                    && self.g.possessive.contains(w)
                    && self
                        .word(&toks[unit[r - 1]])
                        .is_some_and(|w| self.g.representative.contains(w));
                return (Some(CompactString::from(w)), represents);
            }
        }
        (None, true)
    }

    /// Whether clause position `p` ends its clause (or a list item): the last word, or before
    /// a comma or a conjunction.
    fn at_clause_end(&self, toks: &[Token], unit: &[usize], p: usize) -> bool {
        match unit.get(p + 1).map(|&i| &toks[i].tok) {
            None | Some(Tok::Punct(_)) => true,
            Some(Tok::Word(w)) => self.g.conjunction.contains(w.as_str()),
            _ => false,
        }
    }

    fn match_cue(
        &self,
        toks: &[Token],
        unit: &[usize],
        start: usize,
        words: &[Word],
        ends: bool,
    ) -> Option<Vec<usize>> {
        let w = words.first()?;
        if *w == Word::Gap {
            for skip in 0..=GAP_WORDS {
                let p = start + skip;
                if p >= unit.len() {
                    break;
                }
                if let Some(rest) = self.match_cue(toks, unit, p, &words[1..], ends) {
                    return Some(rest);
                }
            }
            return None;
        }
        let t = self.word(&toks[*unit.get(start)?])?;
        if !w.matches(t) {
            return None;
        }
        if words.len() == 1 && ends && !self.at_clause_end(toks, unit, start) {
            return None;
        }
        if words.len() == 1 {
            return Some(vec![start]);
        }
        let mut rest = self.match_cue(toks, unit, start + 1, &words[1..], ends)?;
        rest.insert(0, start);
        Some(rest)
    }

    fn hits(&self, toks: &[Token], unit: &[usize]) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut used = vec![false; unit.len()];
        for p in 0..unit.len() {
            if used[p] {
                continue;
            }
            let Some(w) = self.word(&toks[unit[p]]) else {
                continue;
            };
            let mut best: Option<Hit> = None;
            // "the attack", "an attack": after an article a verb cue is the noun.
            let after_article = p > 0
                && self
                    .word(&toks[unit[p - 1]])
                    .is_some_and(|a| self.g.article.contains(a));
            for c in self.set.candidates(w) {
                let cue = &self.set.cues[c];
                if after_article && cue.form == Form::Verb {
                    continue;
                }
                if let Some(positions) = self.match_cue(toks, unit, p, &cue.words, cue.at_end)
                    && positions.iter().all(|&q| !used[q])
                    && best.as_ref().is_none_or(|b| {
                        (positions.len(), std::cmp::Reverse(c))
                            > (b.positions.len(), std::cmp::Reverse(b.cue))
                    })
                {
                    best = Some(Hit {
                        cue: c,
                        head: p,
                        positions,
                    });
                }
            }
            if let Some(hit) = best {
                for &q in &hit.positions {
                    used[q] = true;
                }
                hits.push(hit);
            }
        }
        hits
    }

    /// The first bare actor list of a sentence (its subject, usually), as text and entity,
    /// if it starts within `within` tokens.
    fn subject(&self, s: usize, within: usize, before: Option<usize>) -> Option<Party> {
        let toks = self.tokens(s);
        for unit in self.clauses(&toks).0 {
            let used = vec![false; unit.len()];
            for list in self.lists(&toks, &unit, &used) {
                let at = unit[list.first];
                if before.is_some_and(|b| at >= b) || at >= within {
                    continue;
                }
                if !list.bare {
                    continue;
                }
                if let Tok::Actor(m) = toks[at].tok
                    && let Some(e) = as_source(self.dict, self.ex, self.ex.mentions[m].entity)
                {
                    return Some(Party::Entity(e, self.text(&toks[at])));
                }
            }
        }
        None
    }

    fn text(&self, t: &Token) -> String {
        self.doc.text[t.start..t.end].to_string()
    }

    /// The parties a list member stands for.
    fn party(&self, s: usize, toks: &[Token], at: usize) -> Option<Party> {
        let t = &toks[at];
        match t.tok {
            Tok::Actor(m) => Some(Party::Entity(self.ex.mentions[m].entity, self.text(t))),
            Tok::Sides => Some(Party::Sides(self.text(t))),
            Tok::Pronoun => {
                let resolved = self
                    .subject(s, usize::MAX, Some(at))
                    .or_else(|| s.checked_sub(1).and_then(|p| self.subject(p, 6, None)))?;
                match resolved {
                    Party::Entity(e, _) => Some(Party::Entity(e, self.text(t))),
                    Party::Sides(_) => None,
                }
            }
            _ => None,
        }
    }

    fn sentence(&self, s: usize, pending: &mut Vec<Pending>) {
        let toks = self.tokens(s);
        let (units, groups) = self.clauses(&toks);
        // (token index of the head, clause, hit, first clause position after the previous
        // hit in the clause)
        let mut all: Vec<(usize, usize, Hit, usize)> = Vec::new();
        for (u, unit) in units.iter().enumerate() {
            let mut floor = 0;
            for hit in self.hits(&toks, unit) {
                let next = hit.positions.last().expect("a cue has words") + 1;
                let verb = self.set.cues[hit.cue].form != Form::Noun;
                all.push((unit[hit.head], u, hit, floor));
                if verb {
                    floor = next;
                }
            }
        }
        all.sort_by_key(|(at, u, _, _)| (*at, *u));
        let mut embedded: Option<usize> = None;
        for (_, u, hit, floor) in all {
            if embedded == Some(groups[u]) {
                continue;
            }
            let cue = &self.set.cues[hit.cue];
            if self.types[cue.relation].embeds && cue.form == Form::Verb {
                embedded = Some(groups[u]);
            }
            self.read(s, &toks, &units[u], &hit, floor, pending);
        }
    }

    #[allow(clippy::too_many_lines)]
    fn read(
        &self,
        s: usize,
        toks: &[Token],
        unit: &[usize],
        hit: &Hit,
        floor: usize,
        pending: &mut Vec<Pending>,
    ) {
        let cue = &self.set.cues[hit.cue];
        let ty = &self.types[cue.relation];
        let mut used = vec![false; unit.len()];
        for &p in &hit.positions {
            used[p] = true;
        }
        let lists = self.lists(toks, unit, &used);
        let head = hit.head;
        let cue_end = *hit.positions.last().expect("a cue has words");
        let word_at = |p: usize| unit.get(p).and_then(|&i| self.word(&toks[i]));
        let place_ok = |l: &List| {
            ty.places
                && l.members.iter().all(|&m| match toks[unit[m]].tok {
                    Tok::Actor(i) => {
                        self.ex.entity(self.dict, self.ex.mentions[i].entity).kind == Kind::Place
                    }
                    _ => false,
                })
        };
        let before: Vec<&List> = lists
            .iter()
            .filter(|l| l.last < head && l.first >= floor)
            .collect();
        let after: Vec<&List> = lists.iter().filter(|l| l.first > head).collect();
        // `door X`: right after the cue, or (for a verb) before it in a subordinate passive
        // ("die door de TTP worden opgeëist").
        let agent = lists.iter().find(|l| {
            l.gov.as_deref().is_some_and(|g| self.g.agent.contains(g))
                && ((l.first > cue_end && l.first <= cue_end + 3)
                    || (cue.form != Form::Noun && l.last < head && l.last + 6 >= head))
        });
        // A list after one of the cue's target prepositions (after the cue, or before it
        // for verb-final clauses: "met de Taliban in gesprek").
        let prep_target = {
            // A cue ending in one of its prepositions ("sprak … met") takes the list right
            // after it.
            let ends_in_prep = word_at(cue_end).is_some_and(|w| cue.target.iter().any(|t| t == w));
            let window = if ends_in_prep {
                cue_end + 5
            } else {
                cue_end + 7
            };
            let after_prep = (head + 1..unit.len().min(window))
                .filter(|&p| !used[p] || (ends_in_prep && p == cue_end))
                .find(|&p| word_at(p).is_some_and(|w| cue.target.iter().any(|t| t == w)))
                .and_then(|p| {
                    after
                        .iter()
                        .find(|l| l.first > p && l.first <= p + 4)
                        .copied()
                });
            // Before the cue, only after a subject: "Erdogan wil met de Taliban in gesprek".
            after_prep.or_else(|| {
                before
                    .iter()
                    .rev()
                    .find(|l| {
                        l.gov
                            .as_deref()
                            .is_some_and(|g| cue.target.iter().any(|t| t == g))
                            && before.iter().any(|b| b.bare && b.last < l.first)
                    })
                    .copied()
            })
        };
        let between = after
            .iter()
            .find(|l| {
                l.gov.as_deref().is_some_and(|g| self.g.between.contains(g))
                    && l.members.len() >= 2
                    && l.first <= cue_end + 6
            })
            .copied();
        let subordinate = word_at(0).is_some_and(|w| self.g.clause.contains(w));
        let bare_before: Vec<&List> = before
            .iter()
            .filter(|l| l.bare && !is_same(l, prep_target))
            .copied()
            .collect();
        let bare_after: Vec<&List> = after
            .iter()
            .filter(|l| l.bare && !is_same(l, prep_target))
            .copied()
            .collect();

        let mut source: Option<&List> = None;
        let mut target: Option<&List> = None;
        if let Some(a) = agent {
            source = Some(a);
            target = prep_target.or_else(|| {
                (cue.form != Form::Noun)
                    .then(|| {
                        before
                            .iter()
                            .rev()
                            .find(|l| !is_same(l, Some(a)) && (l.bare || place_ok(l)))
                            .copied()
                    })
                    .flatten()
            });
        } else {
            match cue.form {
                Form::Verb if subordinate && !self.g.subject_first && bare_before.len() >= 2 => {
                    // Verb-final: "nadat de Taliban Afghanistan hebben veroverd".
                    source = Some(bare_before[bare_before.len() - 2]);
                    target = Some(prep_target.unwrap_or(bare_before[bare_before.len() - 1]));
                    if is_same(bare_before[bare_before.len() - 2], prep_target) {
                        source = None;
                    }
                }
                Form::Verb if self.passive_before(unit, toks, head) => {
                    // "Two guards were killed near the border": without `by X` there is no
                    // source, and the subject is the target, not the attacker.
                }
                Form::Verb => {
                    // "beheersen 90 procent van het Afghaanse grondgebied": without a bare
                    // object, the first `van X` after the cue names it.
                    // Not for what is denied, alleged or demanded ("ontkent de aanwezigheid
                    // van TTP-strijders" denies no one).
                    let of_object = || {
                        if ty.responds_to.is_some() || ty.embeds {
                            return None;
                        }
                        after.first().copied().filter(|l| {
                            l.first <= cue_end + 7
                                && l.gov.as_deref().is_some_and(|g| self.g.possessive.contains(g))
                                && (cue_end + 1..l.first).all(|p| {
                                    !word_at(p).is_some_and(|w| self.g.clause.contains(w))
                                        && !matches!(toks[unit[p]].tok, Tok::Punct(_))
                                })
                        })
                    };
                    if let Some(&b) = bare_before.last() {
                        if let Some(t) = prep_target.or(bare_after.first().copied()).or_else(of_object) {
                            source = Some(b);
                            target = Some(t);
                        } else if bare_before.len() >= 2 {
                            source = Some(bare_before[bare_before.len() - 2]);
                            target = Some(b);
                        } else {
                            source = Some(b);
                        }
                    } else if let Some(&a) = bare_after.first().filter(|_| !self.g.subject_first) {
                        source = Some(a);
                        target = prep_target.or(bare_after.get(1).copied());
                    }
                }
                Form::Noun => {
                    let by_prep = (cue_end + 1..unit.len().min(cue_end + 2))
                        .find(|&p| word_at(p).is_some_and(|w| cue.source.iter().any(|t| t == w)))
                        .and_then(|p| {
                            after
                                .iter()
                                .find(|l| l.first > p && l.first <= p + 3)
                                .copied()
                        })
                        .filter(|l| !is_same(l, prep_target));
                    // Right before the noun, or one word away but not across a preposition
                    // ("Pakistani airstrikes", not "Leader Of Al-Qaeda In Drone Strike").
                    let modifier = before
                        .iter()
                        .rev()
                        .find(|l| {
                            l.last + 2 >= head
                                && !is_same(l, prep_target)
                                && (l.last + 1..head).all(|p| {
                                    !word_at(p).is_some_and(|w| self.g.preposition.contains(w))
                                })
                                // "vanuit Afghanistan terreuraanvallen": a name in its own
                                // prepositional phrase is no modifier; an adjective is
                                // ("tijdens de Amerikaanse invasie"), and so is "van X".
                                && (l.gov.as_deref().is_none_or(|g| {
                                    self.g.possessive.contains(g)
                                        || !self.g.preposition.contains(g)
                                }) || self.adjective(toks, unit, l)
                                    // English names modify like adjectives ("during the
                                    // Soviet invasion").
                                    || self.g.subject_first)
                        })
                        .copied();
                    // A noun inside a prepositional phrase ("het decor van onderhandelingen
                    // met X") does not take the clause's subject as its source.
                    let in_phrase = (head.saturating_sub(3)..head)
                        .rev()
                        .map(word_at)
                        .find(|w| !w.is_some_and(|w| self.g.determiner.contains(w)))
                        .flatten()
                        .is_some_and(|w| self.g.preposition.contains(w));
                    let subject = if in_phrase {
                        None
                    } else {
                        bare_before.last().copied()
                    };
                    source = by_prep.or(modifier).or(subject);
                    target = prep_target;
                }
                Form::Passive => {
                    source = after.iter().find(|l| l.first <= cue_end + 4).copied();
                    target = before.iter().rev().find(|l| l.bare || place_ok(l)).copied();
                }
            }
            if target.is_none()
                && let Some(b) = between
            {
                if ty.symmetric {
                    source = Some(b);
                } else {
                    target = Some(b);
                }
            }
        }
        let Some(source) = source else {
            return;
        };
        if is_same(source, target) {
            return;
        }
        // A quotation is its speaker's: a cue inside one relates only actors inside it
        // ("'De Nederlandse militairen hebben hevig gevochten', vertelde Berlijn").
        let start = self.ex.segments.sentences[s].start;
        let quoted = |p: usize| inside_quotes(&self.doc.text[start..toks[unit[p]].start]);
        let cue_quoted = quoted(head);
        if quoted(source.first) != cue_quoted || target.is_some_and(|t| quoted(t.first) != cue_quoted)
        {
            return;
        }
        // "een gepland vredesoverleg … afgezegd": a cancelled event relates no one.
        if (0..unit.len()).any(|p| word_at(p).is_some_and(|w| self.g.cancel.contains(w))) {
            return;
        }
        // A negation between the source and the cue, or inside a split cue.
        let from = if source.last < head {
            source.last
        } else {
            head.saturating_sub(3)
        };
        let negated = (from..=cue_end).any(|p| {
            !hit.positions.contains(&p) && word_at(p).is_some_and(|w| self.g.negation.contains(w))
        }) || (head.saturating_sub(3)..head)
            .any(|p| word_at(p).is_some_and(|w| self.g.negation.contains(w)));
        if negated {
            return;
        }
        let cue_text = hit
            .positions
            .iter()
            .map(|&p| self.text(&toks[unit[p]]))
            .collect::<Vec<_>>()
            .join(" ");
        let parties = |l: &List| -> Vec<Party> {
            l.members
                .iter()
                .filter_map(|&m| self.party(s, toks, unit[m]))
                .collect()
        };
        let sources = parties(source);
        let push = |pending: &mut Vec<Pending>, a: &Party, b: &Party, first: usize| {
            pending.push(Pending {
                relation: cue.relation,
                source: a.clone(),
                target: b.clone(),
                sentence: s,
                first_sentence: first,
                cue: cue_text.clone(),
            });
        };
        match target {
            Some(t) => {
                for a in &sources {
                    for b in &parties(t) {
                        push(pending, a, b, s);
                        if ty.symmetric {
                            push(pending, b, a, s);
                        }
                    }
                }
            }
            None => {
                let reciprocal = unit.iter().any(|&i| {
                    self.word(&toks[i])
                        .is_some_and(|w| self.g.reciprocal.contains(w))
                });
                if ty.symmetric && (sources.len() >= 2 || reciprocal) {
                    for a in &sources {
                        for b in &sources {
                            push(pending, a, b, s);
                        }
                    }
                } else if ty.implicit_sides {
                    for a in &sources {
                        push(pending, a, &Party::Sides(String::new()), s);
                    }
                } else if let Some(answered) = ty.responds_to {
                    let accusation = toks.iter().any(|t| {
                        self.word(t)
                            .is_some_and(|w| self.g.accusation.iter().any(|a| a.matches(w)))
                    });
                    for a in &sources {
                        self.answer(s, a, answered, accusation, &cue_text, cue.relation, pending);
                    }
                }
            }
        }
    }

    /// Whether list `l` is one actor written as an adjective ("Russische", "Pakistani").
    fn adjective(&self, toks: &[Token], unit: &[usize], l: &List) -> bool {
        let t = &toks[unit[l.last]];
        l.members.len() == 1 && matches!(t.tok, Tok::Actor(_)) && {
            let text = fold_str(&self.text(t), Case::Fold);
            self.g
                .adjective_endings
                .iter()
                .any(|e| text.ends_with(e.as_str()))
        }
    }

    /// Whether a passive auxiliary stands right before the verb cue at `head` (up to two words
    /// before it, no actor between: "were killed", "has been repeatedly targeted"), the cue
    /// word being a participle rather than a gerund ("were fighting" is active).
    fn passive_before(&self, unit: &[usize], toks: &[Token], head: usize) -> bool {
        let cue_word = self.word(&toks[unit[head]]).unwrap_or_default();
        if cue_word.ends_with("ing") {
            return false;
        }
        (head.saturating_sub(3)..head).rev().try_fold(false, |_, p| {
            match self.word(&toks[unit[p]]) {
                Some(w) if self.g.passive.contains(w) => Err(true),
                Some(_) => Ok(false),
                None => Err(false),
            }
        }) == Err(true)
    }

    /// A denial without a target answers the latest accusation against the denier, or the
    /// subject of the previous sentence when it denies "deze beschuldigingen".
    #[allow(clippy::too_many_arguments)]
    fn answer(
        &self,
        s: usize,
        denier: &Party,
        answered: usize,
        accusation: bool,
        cue: &str,
        relation: usize,
        pending: &mut Vec<Pending>,
    ) {
        let Party::Entity(d, _) = denier else {
            return;
        };
        let d_state = as_source(self.dict, self.ex, *d);
        let accused = |p: &Pending| match p.target {
            Party::Entity(t, _) => as_source(self.dict, self.ex, t) == d_state,
            Party::Sides(_) => false,
        };
        let earlier = pending
            .iter()
            .rev()
            .filter(|p| p.sentence + 3 > s && p.sentence <= s)
            .find(|p| p.relation == answered && accused(p))
            .map(|p| p.source.clone());
        if let Some(accuser) = earlier {
            pending.push(Pending {
                relation,
                source: denier.clone(),
                target: accuser,
                sentence: s,
                first_sentence: s,
                cue: cue.to_string(),
            });
            return;
        }
        if !accusation || s == 0 {
            return;
        }
        let Some(Party::Entity(a, text)) = self.subject(s - 1, usize::MAX, None) else {
            return;
        };
        if Some(a) == d_state {
            return;
        }
        let accuser = Party::Entity(a, text);
        let already = pending.iter().any(|p| {
            p.relation == answered
                && p.sentence + 1 == s
                && matches!(p.source, Party::Entity(x, _) if x == a)
        });
        pending.push(Pending {
            relation,
            source: denier.clone(),
            target: accuser.clone(),
            sentence: s,
            first_sentence: s - 1,
            cue: cue.to_string(),
        });
        if already {
            return;
        }
        pending.push(Pending {
            relation: answered,
            source: accuser,
            target: denier.clone(),
            sentence: s,
            first_sentence: s - 1,
            cue: cue.to_string(),
        });
    }
}

fn is_same(a: &List, b: Option<&List>) -> bool {
    b.is_some_and(|b| a.first == b.first && a.last == b.last)
}

/// The entity a source stands for: a place only through `acts_for` (a capital for its
/// state); media are never parties.
fn as_source(dict: &Dictionary, ex: &Extraction, e: u32) -> Option<u32> {
    let entity = ex.entity(dict, e);
    if entity.attributes.subtype.as_deref() == Some("media") {
        return None;
    }
    if entity.kind == Kind::Place {
        return entity
            .attributes
            .acts_for
            .as_deref()
            .and_then(|id| dict.index_of(id));
    }
    Some(e)
}

/// The entity a target stands for under a relation type.
fn as_target(dict: &Dictionary, ex: &Extraction, ty: &RelationType, e: u32) -> Option<u32> {
    let entity = ex.entity(dict, e);
    let e = if entity.kind == Kind::Place && ty.places {
        Some(e)
    } else {
        as_source(dict, ex, e)
    }?;
    let kind = ex.entity(dict, e).kind;
    (ty.targets.is_empty() || ty.targets.contains(&kind)).then_some(e)
}

/// Attributes parties to entities, replaces "beide partijen" with the article's two sides,
/// and drops self-relations and repeats.
fn resolve(
    dict: &Dictionary,
    ex: &Extraction,
    types: &[RelationType],
    pending: Vec<Pending>,
) -> Vec<Found> {
    let mut conflicts: BTreeMap<(u32, u32), u32> = BTreeMap::new();
    for p in &pending {
        if let (true, Party::Entity(a, _), Party::Entity(b, _)) =
            (types[p.relation].conflict, &p.source, &p.target)
        {
            let (Some(a), Some(b)) = (as_source(dict, ex, *a), as_source(dict, ex, *b)) else {
                continue;
            };
            if a != b {
                *conflicts.entry((a.min(b), a.max(b))).or_default() += 1;
            }
        }
    }
    let sides = conflicts
        .iter()
        .max_by(|x, y| x.1.cmp(y.1).then_with(|| y.0.cmp(x.0)))
        .map(|(&(a, b), _)| [a, b]);
    let mut found = Vec::new();
    for p in pending {
        let ty = &types[p.relation];
        let Party::Entity(src, source_text) = &p.source else {
            continue;
        };
        let Some(source) = as_source(dict, ex, *src) else {
            continue;
        };
        let targets: Vec<(u32, String)> = match &p.target {
            Party::Entity(e, text) => as_target(dict, ex, ty, *e)
                .map(|t| (t, text.clone()))
                .into_iter()
                .collect(),
            Party::Sides(text) => sides
                .iter()
                .flatten()
                .map(|&t| {
                    (
                        t,
                        if text.is_empty() {
                            "(the article's two sides)".to_string()
                        } else {
                            text.clone()
                        },
                    )
                })
                .collect(),
        };
        for (target, target_text) in targets {
            if target == source {
                continue;
            }
            found.push(Found {
                relation: p.relation,
                source,
                target,
                sentence: p.sentence,
                first_sentence: p.first_sentence,
                source_text: source_text.clone(),
                target_text,
                cue: p.cue.clone(),
            });
        }
    }
    found.sort();
    found.dedup_by(|a, b| {
        (a.relation, a.source, a.target, a.sentence) == (b.relation, b.source, b.target, b.sentence)
    });
    found.sort_by(|a, b| {
        (a.sentence, a.relation, a.source, a.target)
            .cmp(&(b.sentence, b.relation, b.source, b.target))
    });
    found
}

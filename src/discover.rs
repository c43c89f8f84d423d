//! Discovery: actors no dictionary lists, found by the dictionary's rules
//! ([`crate::dictionary::rules`]) and added to the graph as *provisional* actors.
//!
//! The automaton pass that finds the dictionary's mentions also reports where the rules'
//! triggers are; here each rule's expression is tried at its trigger, inside the trigger's
//! sentence, and what it captures becomes a mention of a provisional actor of the rule's kind,
//! by these rules:
//!
//! 1. **The dictionary wins.** A found name that overlaps a dictionary mention is dropped.
//! 2. **Not names.** A capitalised word of the name that a rule file lists in `not_names`
//!    (months, days, "Volgens") drops it, as does the rule's `reject` expression (streets,
//!    buildings). A `weak` trigger (a given name that is also a word) does not fire as the first
//!    word of a sentence, and a name inside quotation marks of its own (a title) is dropped.
//! 3. **Overlap.** Of overlapping found names, the leftmost-longest wins.
//! 4. **Same person.** A person found by a single word that is the last word of a person named
//!    in full in the same article (listed or found) is that person; so are the later (and
//!    earlier) surname-only mentions of a person found by full name: "Pieter de Wit ... De
//!    Uhm". A surname that is itself some entity's alias is left to the dictionary.
//! 5. **The state nearby.** A rule with `of_state` ("ministerie van Defensie") names the
//!    state whose adjective stands right before it ("het Afghaanse ministerie"), else the
//!    nearest state named in its sentence, else the country of the nearest place named in its
//!    sentence, else the state the article names most; the actor
//!    is that state's: "ministerie van Defensie (Afghanistan)", and speaks for it in the
//!    relation graph (`acts_for`, as a capital does).
//!
//! A provisional actor's id is `p:` and its label in lower case with hyphens, so the same name
//! in two articles is one actor, and no id clashes with a dictionary's.

use crate::dictionary::rules::Side;
use crate::dictionary::{Attributes, Dictionary, Entity, Kind};
use crate::extract::{Span, TriggerHit};
use crate::input::Document;
use crate::text::{Case, Segments, fold_str, is_word_char};

/// Prefix of every provisional actor's id.
pub const ID_PREFIX: &str = "p:";

/// A name a rule found, before it is an actor.
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    rule: u32,
}

/// A provisional actor as a rule names it: its id, label, kind, rule and (for an office of a
/// state) the state's country code.
struct NewActor<'a> {
    id: String,
    label: &'a str,
    kind: Kind,
    rule: &'a str,
    country: Option<String>,
    /// The state an organ found with `of_state` speaks for.
    acts_for: Option<String>,
}

/// Finds the provisional actors of one document: adds their mentions to `spans` (numbered
/// from the dictionary's entity count, kept in text order) and returns them.
pub fn discover(
    dict: &Dictionary,
    doc: &Document,
    segments: &Segments,
    spans: &mut Vec<Span>,
    triggers: &[TriggerHit],
) -> Vec<Entity> {
    let rules = dict.rules();
    if segments.sentences.is_empty() {
        return Vec::new();
    }
    // With no new actor, a listed person's surname alone still names them.
    let surnames_only = |spans: &mut Vec<Span>| {
        let mut none = Vec::new();
        same_person_by_surname(dict, doc, &mut none, dict.entities().len() as u32, spans);
        none
    };
    if triggers.is_empty() {
        return surnames_only(spans);
    }
    let raw = doc.text.as_str();
    let mut found: Vec<Found> = Vec::new();
    let mut headline: Option<(usize, bool)> = None;
    for t in triggers {
        let rule = &rules.rules[t.rule as usize];
        let k = segments.sentence_at(t.start);
        let sentence = &segments.sentences[k];
        if t.start < sentence.start || t.end > sentence.end {
            continue;
        }
        // In a Title Case Headline every word is capitalised, so capitals say nothing of names.
        let title_case = match headline {
            Some((at, title_case)) if at == k => title_case,
            _ => {
                let title_case = is_title_case(&raw[sentence.start..sentence.end]);
                headline = Some((k, title_case));
                title_case
            }
        };
        if title_case {
            continue;
        }
        let first_word = raw[sentence.start..t.start]
            .chars()
            .all(|c| !is_word_char(c));
        if first_word
            && !rule.weak.is_empty()
            && rule
                .weak
                .contains(&fold_str(&raw[t.start..t.end], Case::Fold))
        {
            continue;
        }
        let Some((start, end)) = apply(rule, raw, sentence.start, sentence.end, t) else {
            continue;
        };
        // Words that are never names are cut from what the expression read, not from the
        // trigger: "Foreign Ministry" keeps "Ministry".
        let (mut cs, mut ce) = (start, end);
        if rule.keep_trigger {
            match rule.side {
                Side::After => cs = cs.max(t.end),
                Side::Before => ce = ce.min(t.start),
            }
        }
        if rule.side == Side::Before {
            cs = skip_not_names(raw, cs, ce, &rules.not_names);
        }
        let Some(cut) = cut_at_not_name(raw, cs, ce, &rules.not_names) else {
            continue;
        };
        let (cs, ce) = trim_span(raw, cs, cut);
        // A name must keep a word of its own beyond the trigger ("Christian Democratic").
        if ce <= cs {
            continue;
        }
        let (start, end) = match (rule.keep_trigger, rule.side) {
            (true, Side::After) => (t.start, ce),
            (true, Side::Before) => (cs, t.end),
            (false, _) => (cs, ce),
        };
        let name = &raw[start..end];
        if rule.reject.as_ref().is_some_and(|r| r.is_match(name)) || in_own_quotes(raw, start, end)
        {
            continue;
        }
        if overlaps(spans, start, end) {
            // A person's name whose later word is a listed place ("Rahim Wardak") is the
            // person's, as rule 6 of the matcher says for places marked `surname`.
            let inside = |s: &Span| s.start < end && s.end > start;
            let place_surname = rule.kind == Kind::Person
                && spans.iter().filter(|s| inside(s)).all(|s| {
                    let e = dict.entity(s.entity);
                    s.start > start
                        && s.end <= end
                        && e.kind == Kind::Place
                        && e.attributes.acts_for.is_none()
                });
            // "Kabul Times", "Kabul University": a name that holds a listed place or state
            // whole, by a rule that says so.
            let holds_places = rule.over_places
                && spans.iter().filter(|s| inside(s)).all(|s| {
                    let kind = dict.entity(s.entity).kind;
                    s.start >= start
                        && s.end <= end
                        && (s.end - s.start) < (end - start)
                        && matches!(kind, Kind::Place | Kind::State)
                });
            if !place_surname && !holds_places {
                continue;
            }
            spans.retain(|s| !inside(s));
        }
        found.push(Found {
            start,
            end,
            rule: t.rule,
        });
    }
    if found.is_empty() {
        return surnames_only(spans);
    }
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut taken_to = 0;
    found.retain(|f| {
        let keep = f.start >= taken_to;
        if keep {
            taken_to = f.end;
        }
        keep
    });

    let listed = dict.entities().len() as u32;
    let mut actors: Vec<Entity> = Vec::new();
    let mut new_spans = Vec::new();
    for f in &found {
        let rule = &rules.rules[f.rule as usize];
        let name = clean_name(&raw[f.start..f.end]);
        let mut label = name.clone();
        let mut id = provisional_id(&name);
        let mut country = None;
        let mut acts_for = None;
        if rule.of_state
            && let Some((state, adjacent)) = state_nearby(dict, raw, segments, spans, f.start)
        {
            let state = dict.entity(state);
            country = state.attributes.country.clone();
            label = match adjacent {
                Some(from) => clean_name(&raw[from..f.end]),
                None => format!("{name} ({})", state.label),
            };
            id = format!("{id}-{}", state.id);
            acts_for = Some(state.id.clone());
        }
        let entity = if rule.kind == Kind::Person {
            person_by_surname(dict, raw, spans, &name)
        } else {
            None
        };
        let entity = entity.unwrap_or_else(|| {
            let found = NewActor {
                id,
                label: &label,
                kind: rule.kind,
                rule: &rule.id,
                country,
                acts_for,
            };
            intern(&mut actors, listed, found)
        });
        new_spans.push(Span {
            entity,
            start: f.start,
            end: f.end,
        });
    }
    spans.extend(new_spans);
    spans.sort_by_key(|s| s.start);
    same_person_by_surname(dict, doc, &mut actors, listed, spans);
    actors
}

/// Whether `sentence` is written in title case, as English headlines are ("Militant Group
/// Seized Power In Kabul"): five or more words of three letters or more, and no lower-case word
/// of four letters or more but the short function words headlines leave small ("with",
/// "from"). A sentence naming several actors keeps its lower-case verbs and nouns ("The
/// Islamabad High Court ruled on Monday") and is not one.
pub(crate) fn is_title_case(sentence: &str) -> bool {
    const SMALL: &[&str] = &[
        "with", "from", "into", "over", "than", "that", "upon", "amid",
    ];
    let mut words = 0;
    for word in sentence.split(|c: char| !c.is_alphabetic()) {
        let mut chars = word.chars();
        let Some(first) = chars.next() else { continue };
        let rest = chars.count();
        if rest < 2 {
            continue;
        }
        words += 1;
        if first.is_lowercase() && rest >= 3 && !SMALL.contains(&word) {
            return false;
        }
    }
    words >= 5
}

/// The span the rule's name takes at trigger `t`, inside the sentence `lo..hi`.
fn apply(
    rule: &crate::dictionary::rules::Rule,
    raw: &str,
    lo: usize,
    hi: usize,
    t: &TriggerHit,
) -> Option<(usize, usize)> {
    let (start, end) = match rule.side {
        Side::After => {
            let to = floor_char(raw, (t.end + crate::dictionary::rules::WINDOW).min(hi));
            let window = &raw[t.end..to];
            let caps = rule.pattern.captures(window)?;
            let g = caps.name("name").or_else(|| caps.get(0))?;
            let start = if rule.keep_trigger {
                t.start
            } else {
                t.end + g.start()
            };
            (start, t.end + g.end())
        }
        Side::Before => {
            let from = ceil_char(
                raw,
                t.start
                    .saturating_sub(crate::dictionary::rules::WINDOW)
                    .max(lo),
            );
            let window = &raw[from..t.start];
            let caps = rule.pattern.captures(window)?;
            let g = caps.name("name").or_else(|| caps.get(0))?;
            let end = if rule.keep_trigger {
                t.end
            } else {
                from + g.end()
            };
            (from + g.start(), end)
        }
    };
    let (start, end) = trim_span(raw, start, end);
    (end > start && raw[start..end].chars().any(char::is_uppercase)).then_some((start, end))
}

/// The span without surrounding spaces and without a genitive `'s` at the end.
fn trim_span(raw: &str, start: usize, mut end: usize) -> (usize, usize) {
    let text = &raw[start..end];
    let lead = text.len() - text.trim_start().len();
    end = start + text.trim_end().len();
    for g in ["'s", "’s"] {
        if let Some(stem) = raw[start..end].strip_suffix(g) {
            end = start + stem.len();
        }
    }
    (start + lead, end)
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The start of the name past the words that are never names ("Volgens Farid Ahmadi, de ...").
fn skip_not_names(
    raw: &str,
    mut start: usize,
    end: usize,
    not_names: &rustc_hash::FxHashSet<String>,
) -> usize {
    loop {
        let rest = &raw[start..end];
        let word_len = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
        if word_len == 0 || !not_names.contains(&fold_str(&rest[..word_len], Case::Fold)) {
            return start;
        }
        let after = &rest[word_len..];
        let gap = after.len() - after.trim_start().len();
        if gap == 0 {
            return start;
        }
        start += word_len + gap;
    }
}

/// The name cut before its first capitalised word that is never a name (`None` when that is
/// its first word): "President Obama Tuesday" is Obama.
fn cut_at_not_name(
    raw: &str,
    start: usize,
    end: usize,
    not_names: &rustc_hash::FxHashSet<String>,
) -> Option<usize> {
    if not_names.is_empty() {
        return Some(end);
    }
    let name = &raw[start..end];
    let mut at = 0;
    for word in name.split(|c: char| !is_word_char(c)) {
        if word.chars().next().is_some_and(char::is_uppercase)
            && not_names.contains(&fold_str(word, Case::Fold))
        {
            return (at > 0).then_some(start + at);
        }
        at += word.len()
            + name[at + word.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
    }
    Some(end)
}

/// Whether the name is all that stands between two quotation marks: a title ("de film
/// ‘Peter Pan’"), not an actor.
fn in_own_quotes(raw: &str, start: usize, end: usize) -> bool {
    let open = raw[..start].chars().next_back();
    let close = raw[end..].chars().next();
    matches!(open, Some('"' | '\'' | '‘' | '“' | '«' | '„'))
        && matches!(close, Some('"' | '\'' | '’' | '”' | '»'))
}

fn overlaps(spans: &[Span], start: usize, end: usize) -> bool {
    let i = spans.partition_point(|s| s.end <= start);
    spans.get(i).is_some_and(|s| s.start < end)
}

/// The name as a label: single spaces, no line breaks.
fn clean_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The id of a provisional actor with this label.
pub fn provisional_id(label: &str) -> String {
    let mut id = String::from(ID_PREFIX);
    let mut dash = false;
    for c in fold_str(label, Case::Fold).chars() {
        if c.is_alphanumeric() {
            if dash && id.len() > ID_PREFIX.len() {
                id.push('-');
            }
            dash = false;
            id.push(c);
        } else {
            dash = true;
        }
    }
    id
}

/// The number of the provisional actor with this label in `actors`, added when new.
fn intern(actors: &mut Vec<Entity>, listed: u32, found: NewActor) -> u32 {
    if let Some(i) = actors.iter().position(|a| a.id == found.id) {
        return listed + i as u32;
    }
    actors.push(Entity {
        id: found.id,
        label: found.label.to_string(),
        kind: found.kind,
        aliases: vec![found.label.to_string()],
        exact: Vec::new(),
        compound: false,
        surname: false,
        roles: Vec::new(),
        attributes: Attributes {
            provisional: true,
            rule: Some(found.rule.to_string()),
            country: found.country,
            acts_for: found.acts_for,
            ..Attributes::default()
        },
    });
    listed + actors.len() as u32 - 1
}

/// Rule 5: the state a name found at `pos` belongs to, and where its adjective or genitive
/// starts when that stands right before the name ("Russian Foreign Ministry", "Afghanistan's
/// Foreign Ministry").
fn state_nearby(
    dict: &Dictionary,
    raw: &str,
    segments: &Segments,
    spans: &[Span],
    pos: usize,
) -> Option<(u32, Option<usize>)> {
    let is_state = |s: &&Span| dict.entity(s.entity).kind == Kind::State;
    let k = segments.sentence_at(pos);
    let sentence = &segments.sentences[k];
    let before = spans.iter().filter(is_state).rfind(|s| s.end <= pos);
    if let Some(s) = before
        && matches!(raw[s.end..pos].trim_end(), "" | "'s" | "’s" | "s")
    {
        return Some((s.entity, Some(s.start)));
    }
    let nearest = spans
        .iter()
        .filter(is_state)
        .filter(|s| s.start >= sentence.start && s.end <= sentence.end)
        .min_by_key(|s| s.start.abs_diff(pos));
    if let Some(s) = nearest {
        return Some((s.entity, None));
    }
    // A place in the sentence names its country ("Kunduz ..., meldde het ministerie").
    let country = spans
        .iter()
        .filter(|s| s.start >= sentence.start && s.end <= sentence.end)
        .filter(|s| dict.entity(s.entity).kind == Kind::Place)
        .min_by_key(|s| s.start.abs_diff(pos))
        .and_then(|s| dict.entity(s.entity).attributes.country.as_deref());
    if let Some(code) = country
        && let Some(state) = dict
            .entities()
            .iter()
            .position(|e| e.kind == Kind::State && e.attributes.country.as_deref() == Some(code))
    {
        return Some((state as u32, None));
    }
    let mut counts: Vec<(u32, usize, usize)> = Vec::new();
    for (i, s) in spans.iter().filter(is_state).enumerate() {
        match counts.iter_mut().find(|c| c.0 == s.entity) {
            Some(c) => c.1 += 1,
            None => counts.push((s.entity, 1, i)),
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|c| (c.0, None))
}

/// Rule 4, for a name found by one word: the listed person named in full in this article whose
/// last word it is (the only one).
fn person_by_surname(dict: &Dictionary, raw: &str, spans: &[Span], name: &str) -> Option<u32> {
    if name.contains(' ') {
        return None;
    }
    let folded = fold_str(name, Case::Fold);
    let mut hit = None;
    for s in spans
        .iter()
        .filter(|s| (s.entity as usize) < dict.entities().len())
    {
        if dict.entity(s.entity).kind != Kind::Person {
            continue;
        }
        let full = fold_str(&raw[s.start..s.end], Case::Fold);
        if full.contains(' ') && full.rsplit(' ').next() == Some(folded.as_str()) {
            if hit.is_some_and(|h| h != s.entity) {
                return None;
            }
            hit = Some(s.entity);
        }
    }
    hit
}

/// Rule 4, for found people: a one-word person who is the surname of a found full name is that
/// person, and every capitalised whole-word use of a found person's surname (with particles:
/// "de Wit") elsewhere in the article is a mention of them.
fn same_person_by_surname(
    dict: &Dictionary,
    doc: &Document,
    actors: &mut Vec<Entity>,
    listed: u32,
    spans: &mut Vec<Span>,
) {
    let raw = doc.text.as_str();
    // (surname as written, person) of found people named by two or more words.
    let mut surnames: Vec<(String, u32)> = Vec::new();
    for (i, a) in actors.iter().enumerate() {
        if a.kind != Kind::Person || !is_full_name(&a.label) {
            continue;
        }
        let surname = surname_of(&a.label);
        if surname.is_empty() || crate::extract::whole_alias(dict, &surname).is_some() {
            continue;
        }
        let person = listed + i as u32;
        match surnames.iter_mut().find(|(s, _)| *s == surname) {
            // Two people share it: it names neither.
            Some(entry) => entry.1 = u32::MAX,
            None => surnames.push((surname, person)),
        }
    }
    // Listed people named in full here, whose surname no dictionary lists on its own.
    let mut seen: Vec<u32> = Vec::new();
    for s in spans.iter().filter(|s| s.entity < listed) {
        // One look per person named in full: most are named more than once.
        if seen.contains(&s.entity) {
            continue;
        }
        let written = clean_name(&raw[s.start..s.end]);
        let entity = dict.entity(s.entity);
        if entity.kind != Kind::Person || !is_full_name(&written) {
            continue;
        }
        seen.push(s.entity);
        let surname = if family_name_first(entity.attributes.country.as_deref()) {
            family_name(&written)
        } else {
            surname_of(&written)
        };
        if surname.is_empty() || crate::extract::whole_alias(dict, &surname).is_some() {
            continue;
        }
        match surnames.iter_mut().find(|(x, _)| *x == surname) {
            Some(entry) if entry.1 != s.entity => entry.1 = u32::MAX,
            Some(_) => {}
            None => surnames.push((surname, s.entity)),
        }
    }
    surnames.retain(|(_, p)| *p != u32::MAX);
    if surnames.is_empty() {
        return;
    }
    // One-word people who are a found person's surname.
    let mut renumber: Vec<(u32, u32)> = Vec::new();
    for (i, a) in actors.iter().enumerate() {
        let me = listed + i as u32;
        if a.kind == Kind::Person
            && !surnames.iter().any(|(_, p)| *p == me)
            && let Some((_, p)) = surnames.iter().find(|(s, _)| same_words(s, &a.label))
        {
            renumber.push((me, *p));
        }
    }
    for s in spans.iter_mut() {
        if let Some((_, p)) = renumber.iter().find(|(from, _)| *from == s.entity) {
            s.entity = *p;
        }
    }
    let mut added = Vec::new();
    for (surname, person) in &surnames {
        for variant in capitalised_forms(surname) {
            for (at, _) in raw[doc.body_start..].match_indices(variant.as_str()) {
                let start = doc.body_start + at;
                let end = start + variant.len();
                let before_ok = !raw[..start].chars().next_back().is_some_and(is_word_char);
                let mut after = raw[end..].chars();
                let next = after.next();
                let after_ok = !next.is_some_and(is_word_char)
                    || (next == Some('s') && !after.next().is_some_and(is_word_char));
                if before_ok && after_ok && !overlaps(spans, start, end) {
                    added.push(Span {
                        entity: *person,
                        start,
                        end,
                    });
                }
            }
        }
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| s.start);
        spans.dedup_by_key(|s| s.start);
    }
    // Drop the one-word actors now merged into others (renumbering the rest).
    if !renumber.is_empty() {
        let gone: Vec<u32> = renumber.iter().map(|(from, _)| *from).collect();
        let mut new_number = Vec::with_capacity(actors.len());
        let mut next = listed;
        for i in 0..actors.len() as u32 {
            if gone.contains(&(listed + i)) {
                new_number.push(u32::MAX);
            } else {
                new_number.push(next);
                next += 1;
            }
        }
        for s in spans.iter_mut().filter(|s| s.entity >= listed) {
            s.entity = new_number[(s.entity - listed) as usize];
        }
        let mut i = 0;
        actors.retain(|_| {
            i += 1;
            !gone.contains(&(listed + i - 1))
        });
    }
}

/// Particles that start a surname, not a full name ("De Wit", "Ten Cate", "Al-Baghdadi").
const PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "ten", "ter", "te", "la", "le", "du", "da", "von", "bin", "ibn",
    "al", "el", "ul", "ud",
];

/// A given name and a surname at least: two words, the first not a particle.
fn is_full_name(name: &str) -> bool {
    let mut words = name.split([' ', '-']);
    let first = words.next().unwrap_or("");
    name.contains(' ') && !PARTICLES.contains(&fold_str(first, Case::Fold).as_str())
}

/// Whether people of this country (ISO 3166 code) are written family name first in the press:
/// Chinese and Korean names ("Wang Yi" is Mr Wang, "Xi Jinping" President Xi).
fn family_name_first(country: Option<&str>) -> bool {
    matches!(country, Some("CN" | "TW" | "HK" | "MO" | "KP" | "KR"))
}

/// The family name of a name written family name first: its first word, if it is a
/// capitalised word of two letters or more ("Wang", "Xi").
fn family_name(label: &str) -> String {
    let first = label.split(' ').next().unwrap_or("");
    let letters = first.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 && first.chars().next().is_some_and(char::is_uppercase) {
        first.to_string()
    } else {
        String::new()
    }
}

/// The surname of a full name: the last word with the lower-case particles before it ("van
/// Uhm", "bin Laden", "al-Baghdadi").
fn surname_of(label: &str) -> String {
    let words: Vec<&str> = label.split(' ').collect();
    let mut first = words.len() - 1;
    while first > 1
        && words[first - 1]
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
    {
        first -= 1;
    }
    let surname = words[first..].join(" ");
    if surname.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return String::new();
    }
    surname
}

/// The surname as written and, when it starts with a particle, with that capitalised ("Van
/// Uhm" at the start of a sentence).
fn capitalised_forms(surname: &str) -> Vec<String> {
    let mut forms = vec![surname.to_string()];
    let mut chars = surname.chars();
    if let Some(c) = chars.next()
        && c.is_lowercase()
    {
        forms.push(c.to_uppercase().chain(chars).collect());
    }
    forms
}

fn same_words(a: &str, b: &str) -> bool {
    fold_str(a, Case::Fold) == fold_str(b, Case::Fold)
}

/// The provisional actors of a whole run, numbered after the dictionary's entities in the
/// order they were first found. Graphs order them by id, not by number, so neither the
/// thread count nor the order of the articles (or of the partials merged) changes a file.
#[derive(Debug, Clone, Default)]
pub struct Provisional {
    actors: Vec<Entity>,
    /// The article each actor is described from: the first by (id, content key) of those
    /// naming it, whatever the order they come in.
    from: Vec<(String, u64)>,
    index: std::collections::HashMap<String, u32>,
}

impl Provisional {
    /// Adds the provisional actors of article `from` (its id and content key), numbered from
    /// `listed` within the article, and returns each one's number in the run. When articles
    /// describe an actor differently ("Al-Qaeda in Syrië" and "al-Qaeda in Syrië"), the
    /// description of the first by `from` is kept, so the result does not depend on the
    /// order of the articles.
    pub fn intern(&mut self, listed: u32, local: Vec<Entity>, from: (&str, u64)) -> Vec<u32> {
        local
            .into_iter()
            .map(|e| {
                if let Some(&n) = self.index.get(&e.id) {
                    let k = (n - listed) as usize;
                    let (doc, content) = &self.from[k];
                    if from < (doc.as_str(), *content) {
                        self.actors[k] = e;
                        self.from[k] = (from.0.to_string(), from.1);
                    }
                    return n;
                }
                let n = listed + self.actors.len() as u32;
                self.index.insert(e.id.clone(), n);
                self.actors.push(e);
                self.from.push((from.0.to_string(), from.1));
                n
            })
            .collect()
    }

    /// The entity with this number: the dictionary's, or a provisional one.
    pub fn entity<'a>(&'a self, dict: &'a Dictionary, index: u32) -> &'a Entity {
        match (index as usize).checked_sub(dict.entities().len()) {
            Some(k) => &self.actors[k],
            None => dict.entity(index),
        }
    }

    /// Every provisional actor, in the order found.
    pub fn actors(&self) -> &[Entity] {
        &self.actors
    }
}

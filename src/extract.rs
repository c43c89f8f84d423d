//! Finding mentions: the matcher and its boundary, case and overlap rules.
//!
//! One Aho-Corasick automaton holds the folded form of every alias (see [`crate::text`] for
//! folding). One pass over a document's match form reports every place any alias occurs; each
//! candidate is then kept only if it satisfies these rules:
//!
//! 1. **Case.** Aliases match in any letter case (Unicode-aware: `KABOEL`, `kaboel`, `Kaboel`),
//!    and regardless of accents (`Turkiye` finds `Türkiye`). `exact` aliases must also match the
//!    letter case as written: `IS` matches in "Islamitische Staat (IS)" but not in "het is";
//!    `VS` matches "de VS" but not "vs.".
//! 2. **Start.** A mention starts a word: the character before it is not a letter or digit.
//!    Hyphens and apostrophes separate words, so `anti-Pakistaanse` and `Noord-Afghanistan` match.
//! 3. **End.** A mention ends a word, and may be followed by a genitive `s` (`Pakistans`), or by
//!    an apostrophe genitive (`Pakistan's`, `Pakistan’s`). A hyphenated compound
//!    (`TTP-militanten`, `VS-troepen`) matches for every entity. An entity marked `compound` also
//!    matches as the first part of a closed compound: `Talibanstrijders`, `oud-Talibanstrijders`.
//! 4. **Elliptic compounds.** In "Noord- en Zuid-Waziristan" (also with `of`, `and`, `or` or a
//!    comma), `Noord-` is a mention of `Noord-Waziristan` when the dictionary has that alias.
//! 5. **Overlap: leftmost-longest.** Of the valid candidates, the one that starts first wins;
//!    among those starting at the same place, the longest wins; a candidate overlapping a winner
//!    is dropped. So a name inside a longer name is not a second mention: in
//!    "Islamitische Staat in de Provincie Khorasan" only the ISKP alias is found, not also
//!    "Islamitische Staat" and "Khorasan"; "Afghaanse Taliban" is the Taliban, not also
//!    Afghanistan.
//! 6. **Family names.** An entity marked `surname` (a place that is also a Pashtun family name,
//!    such as Mohmand) is not found right after a capitalised word inside a sentence: in
//!    "commandant Sabarkaf Mohmand" it is part of a person's name.
//!
//! The span of a mention is the alias itself (without a compound tail or genitive `s`), in byte
//! offsets of the original text.
//!
//! ```
//! use actorgraph::dictionary::Dictionary;
//! use actorgraph::extract::find_mentions;
//! let dict = Dictionary::from_toml("d.toml", r#"
//! [[entity]]
//! id = "taliban"
//! kind = "group"
//! label = "Taliban"
//! aliases = ["Taliban"]
//! compound = true
//!
//! [[entity]]
//! id = "islamic-state"
//! kind = "group"
//! label = "Islamitische Staat"
//! aliases = ["Islamitische Staat"]
//! exact = ["IS"]
//! "#).unwrap();
//! let text = "Het is duidelijk: Talibanstrijders vechten tegen IS.";
//! let found: Vec<&str> = find_mentions(&dict, text, 0)
//!     .iter()
//!     .map(|m| &text[m.start..m.end])
//!     .collect();
//! assert_eq!(found, ["Taliban", "IS"]);
//! ```

use crate::dictionary::{Dictionary, Entity, Pattern};
use crate::input::Document;
use crate::text::{Case, Folded, Segments, fold_str, is_word_char, segment};

/// An entity found at a span of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub entity: u32,
    pub start: usize,
    pub end: usize,
}

/// A mention placed in its sentence and paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub entity: u32,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub paragraph: usize,
}

/// What one document yields: its segmentation and its mentions in text order.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub segments: Segments,
    pub mentions: Vec<Mention>,
    /// Actors found by discovery rules in this document; mention number `n` past the
    /// dictionary's entities is `provisional[n - entities]`.
    pub provisional: Vec<Entity>,
}

/// Segments a document and finds its mentions: the dictionary's, then the actors its discovery
/// rules find ([`crate::discover`]), numbered after the dictionary's entities.
pub fn extract(dict: &Dictionary, doc: &Document) -> Extraction {
    let segments = segment(&doc.text, doc.body_start);
    let (mut spans, triggers) = scan(dict, &doc.text, doc.body_start);
    let provisional = if dict.discovers() {
        crate::discover::discover(dict, doc, &segments, &mut spans, &triggers)
    } else {
        Vec::new()
    };
    let mentions = spans
        .into_iter()
        .map(|s| {
            let sentence = segments.sentence_at(s.start);
            let paragraph = segments.sentences.get(sentence).map_or(0, |x| x.paragraph);
            Mention {
                entity: s.entity,
                start: s.start,
                end: s.end,
                sentence,
                paragraph,
            }
        })
        .collect();
    Extraction {
        segments,
        mentions,
        provisional,
    }
}

impl Extraction {
    /// The entity a mention's number stands for: the dictionary's, or one this document's
    /// discovery rules found.
    pub fn entity<'a>(&'a self, dict: &'a Dictionary, index: u32) -> &'a Entity {
        let listed = dict.entities().len();
        match (index as usize).checked_sub(listed) {
            Some(k) => &self.provisional[k],
            None => dict.entity(index),
        }
    }
}

/// Where a discovery rule's trigger was found: original byte span and rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TriggerHit {
    pub start: usize,
    pub end: usize,
    pub rule: u32,
}

/// Finds the dictionary's mentions in `raw[from..]` by the rules in the module docs; spans
/// index `raw`.
pub fn find_mentions(dict: &Dictionary, raw: &str, from: usize) -> Vec<Span> {
    scan(dict, raw, from).0
}

/// One pass of the automaton: the dictionary's mentions, and where discovery rules' triggers
/// are (whole words, in the case an `exact` trigger asks for), in text order.
fn scan(dict: &Dictionary, raw: &str, from: usize) -> (Vec<Span>, Vec<TriggerHit>) {
    let folded = Folded::new(raw, from);
    let ft = folded.text();
    let patterns = dict.patterns();
    // (folded start, folded end, entity; None for an ignore phrase)
    let mut candidates: Vec<(usize, usize, Option<u32>)> = Vec::new();
    let mut triggers = Vec::new();
    let capitals = folded.capital_starts(raw);
    dict.find_matches(ft, &capitals, |s, e, pattern| {
        if ft[..s].chars().next_back().is_some_and(is_word_char) {
            return;
        }
        let mut rest = ft[e..].chars();
        let next = rest.next();
        let whole_word = !next.is_some_and(is_word_char);
        let genitive = next == Some('s') && !rest.next().is_some_and(is_word_char);
        let pattern = &patterns[pattern];
        if !pattern.triggers.is_empty() && whole_word {
            let span = folded.original_span(s, e);
            for (rule, exact) in &pattern.triggers {
                if exact
                    .as_ref()
                    .is_none_or(|form| written_as(&raw[span.clone()], form))
                {
                    triggers.push(TriggerHit {
                        start: span.start,
                        end: span.end,
                        rule: *rule,
                    });
                }
            }
        }
        if pattern.ignore {
            if whole_word {
                candidates.push((s, e, None));
            }
            return;
        }
        // The span back in the original is only needed for an `exact` pattern's letter case.
        let entity = entity_of(pattern, || &raw[folded.original_span(s, e)]);
        let Some(entity) = entity else { return };
        if whole_word || genitive || dict.entity(entity).compound {
            candidates.push((s, e, Some(entity)));
        }
    });
    // The capital-only patterns are found after the others: put the triggers in text order.
    triggers.sort_by_key(|t: &TriggerHit| (t.start, t.end));
    candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut spans = Vec::new();
    let mut taken_to = 0;
    for (s, e, entity) in candidates {
        if s < taken_to {
            continue;
        }
        taken_to = e;
        let Some(entity) = entity else { continue };
        let span = crate::text::trim_invisible_end(raw, folded.original_span(s, e));
        spans.push(Span {
            entity,
            start: span.start,
            end: span.end,
        });
    }
    spans.retain(|s| !(dict.entity(s.entity).surname && after_given_name(raw, from, s.start)));
    drop_name_continuations(dict, raw, &mut spans);
    elliptic_compounds(dict, raw, from, &mut spans);
    (spans, triggers)
}

/// Rule 6: a one-word mention of a person right after another person's name (one space
/// between) is the rest of that name, not a second person: "Mullah Noori Karimi" names
/// Noori, not the spokesman whose surname alias is "Karimi".
fn drop_name_continuations(dict: &Dictionary, raw: &str, spans: &mut Vec<Span>) {
    let person = |s: &Span| dict.entity(s.entity).kind == crate::dictionary::Kind::Person;
    let mut keep = vec![true; spans.len()];
    for i in 1..spans.len() {
        let (a, b) = (&spans[i - 1], &spans[i]);
        if person(a)
            && person(b)
            && a.entity != b.entity
            && raw.get(a.end..b.start) == Some(" ")
            && !raw[b.start..b.end].contains(char::is_whitespace)
        {
            keep[i] = false;
        }
    }
    let mut k = keep.into_iter();
    spans.retain(|_| k.next().unwrap_or(true));
}

/// Rule 5: whether the word just before `pos` (one space away) is capitalised and not the first
/// word of a sentence, as a given name before a family name is ("Sabarkaf Mohmand").
fn after_given_name(raw: &str, from: usize, pos: usize) -> bool {
    let Some(before) = raw[from..pos].strip_suffix(' ') else {
        return false;
    };
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = &before[word_start..];
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    let gap = &before[..word_start];
    let text = gap.trim_end_matches(|c: char| !c.is_alphanumeric());
    let sentence_start = text.is_empty() || gap[text.len()..].contains(['.', '!', '?', '\n']);
    capitalised && !sentence_start
}

/// Rule 4: "Noord- en Zuid-Waziristan" names North Waziristan too. Before a hyphenated
/// mention `X-Y`, each `W-` joined to it by `en`, `of`, `and`, `or` or a comma is a mention of
/// the alias `W-Y` when the dictionary has one; its span is `W-`.
fn elliptic_compounds(dict: &Dictionary, raw: &str, from: usize, spans: &mut Vec<Span>) {
    let mut found = Vec::new();
    for (i, span) in spans.iter().enumerate() {
        let surface = &raw[span.start..span.end];
        let Some(hyphen) = surface.find('-') else {
            continue;
        };
        let tail = &surface[hyphen..];
        let floor = if i == 0 { from } else { spans[i - 1].end };
        let mut pos = span.start;
        while let Some((start, end)) = elided_before(raw, floor, pos) {
            let alias = format!("{}{tail}", &raw[start..end - 1]);
            let Some(entity) = whole_alias(dict, &alias) else {
                break;
            };
            found.push(Span { entity, start, end });
            pos = start;
        }
    }
    if !found.is_empty() {
        spans.extend(found);
        spans.sort_by_key(|s| s.start);
    }
}

/// The span of `W-` in "W- en " (or "W-, ") just before `pos`, not before `floor`.
fn elided_before(raw: &str, floor: usize, pos: usize) -> Option<(usize, usize)> {
    let trimmed = raw[floor..pos].trim_end();
    let rest = match trimmed.strip_suffix(',') {
        Some(rest) => rest,
        None => {
            let rest = ["en", "of", "and", "or"]
                .iter()
                .find_map(|c| trimmed.strip_suffix(c))?;
            // The connector stands alone: "Zuid- en", not "Zuiden".
            if !rest.ends_with(char::is_whitespace) {
                return None;
            }
            rest
        }
    };
    let joined = rest.trim_end();
    let word = joined.strip_suffix('-')?;
    let start = word
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map(|(i, _)| i)?;
    let start = floor + start;
    if raw[..start].chars().next_back().is_some_and(is_word_char) {
        return None;
    }
    Some((start, floor + joined.len()))
}

/// The entity whose alias is the whole of `text`, by the same case rules as the matcher.
pub(crate) fn whole_alias(dict: &Dictionary, text: &str) -> Option<u32> {
    let folded = fold_str(text, Case::Fold);
    let mut whole = None;
    dict.find_matches(&folded, &[0], |s, e, pattern| {
        if s == 0 && e == folded.len() {
            whole.get_or_insert(pattern);
        }
    });
    entity_of(&dict.patterns()[whole?], || text)
}

/// The entity a matched pattern names: its any-case entity, or the `exact` form whose letter
/// case equals the matched text as written (`written`, asked for only then).
fn entity_of<'a>(pattern: &Pattern, written: impl FnOnce() -> &'a str) -> Option<u32> {
    pattern.any_case.or_else(|| {
        let written = written();
        // Most case-sensitive hits are ordinary words ("dan", "ben", "boom"): their first
        // letter already differs, without folding the whole surface.
        let first = first_folded(written);
        if pattern
            .exact
            .iter()
            .all(|(form, _)| form.chars().next() != first)
        {
            return None;
        }
        let surface = fold_str(written, Case::Keep);
        pattern
            .exact
            .iter()
            .find(|(form, _)| *form == surface)
            .map(|&(_, entity)| entity)
    })
}

/// Whether `written` has the case-preserving fold `form` (an `exact` alias or trigger).
fn written_as(written: &str, form: &str) -> bool {
    form.chars().next() == first_folded(written) && fold_str(written, Case::Keep) == form
}

/// The first character of the case-preserving fold of `written` (as [`fold_str`] trims it:
/// leading spaces and invisible characters fold to nothing).
fn first_folded(written: &str) -> Option<char> {
    let mut first = None;
    for c in written.chars() {
        crate::text::fold_char(c, Case::Keep, |d| {
            if d != ' ' && d != '\n' {
                first.get_or_insert(d);
            }
        });
        if first.is_some() {
            break;
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    const DICT: &str = r#"
[[entity]]
id = "taliban"
kind = "group"
label = "Taliban"
aliases = ["Taliban", "Afghaanse Taliban"]
compound = true

[[entity]]
id = "ttp"
kind = "group"
label = "Tehrik-i-Taliban Pakistan"
aliases = ["Tehrik-i-Taliban Pakistan", "Pakistaanse Taliban"]
exact = ["TTP"]
compound = true

[[entity]]
id = "iskp"
kind = "group"
label = "Islamitische Staat Khorasan"
aliases = ["Islamitische Staat in de Provincie Khorasan"]
exact = ["ISKP", "ISIS-K", "ISK"]
compound = true

[[entity]]
id = "islamic-state"
kind = "group"
label = "Islamitische Staat"
aliases = ["Islamitische Staat", "Daesh"]
exact = ["IS", "ISIS"]

[[entity]]
id = "khorasan"
kind = "place"
label = "Khorasan"
aliases = ["Khorasan"]

[[entity]]
id = "pakistan"
kind = "state"
label = "Pakistan"
aliases = ["Pakistan", "Pakistaanse", "Pakistaans", "Pakistanen"]

[[entity]]
id = "afghanistan"
kind = "state"
label = "Afghanistan"
aliases = ["Afghanistan", "Afghaanse", "Afghanen"]

[[entity]]
id = "united-states"
kind = "state"
label = "Verenigde Staten"
aliases = ["Verenigde Staten", "Amerikaanse"]
exact = ["VS"]

[[entity]]
id = "kabul"
kind = "place"
label = "Kabul"
aliases = ["Kabul", "Kaboel"]

[[entity]]
id = "saudi-arabia"
kind = "state"
label = "Saudi-Arabië"
aliases = ["Saudi-Arabië", "Saoedi-Arabië"]

[[entity]]
id = "turkey"
kind = "state"
label = "Turkije"
aliases = ["Turkije", "Türkiye"]

[[entity]]
id = "un"
kind = "organization"
label = "Verenigde Naties"
aliases = ["Verenigde Naties"]

[[entity]]
id = "unsc"
kind = "organization"
label = "VN-Veiligheidsraad"
aliases = ["Veiligheidsraad van de Verenigde Naties", "Veiligheidsraad"]

[[ignore]]
phrases = ["Nationale Veiligheidsraad"]

[[entity]]
id = "north-waziristan"
kind = "place"
label = "Noord-Waziristan"
aliases = ["Noord-Waziristan"]

[[entity]]
id = "south-waziristan"
kind = "place"
label = "Zuid-Waziristan"
aliases = ["Zuid-Waziristan"]

[[entity]]
id = "mohmand"
kind = "place"
label = "Mohmand"
aliases = ["Mohmand"]
surname = true

[[entity]]
id = "de-morgen"
kind = "organization"
label = "De Morgen"
exact = ["De Morgen"]
subtype = "media"

[[entity]]
id = "dera"
kind = "place"
label = "Dera"
exact = ["Dera"]

[[entity]]
id = "dera-ismail-khan"
kind = "place"
label = "Dera Ismail Khan"
exact = ["Dera Ismail Khan", "Ḍera Ismāʿīl Khān"]

[[entity]]
id = "ahmad-noori"
kind = "person"
label = "Ahmad Noori"
aliases = ["Ahmad Noori", "Mullah Noori"]

[[entity]]
id = "farid-karimi"
kind = "person"
label = "Farid Karimi"
aliases = ["Farid Karimi"]
exact = ["Karimi"]

[[entity]]
id = "boom"
kind = "place"
label = "Boom"
exact = ["Boom"]
"#;

    fn found(text: &str) -> Vec<(String, String)> {
        let dict = Dictionary::from_toml("test.toml", DICT).unwrap();
        find_mentions(&dict, text, 0)
            .into_iter()
            .map(|s| {
                (
                    dict.entity(s.entity).id.clone(),
                    text[s.start..s.end].to_string(),
                )
            })
            .collect()
    }

    /// One row per trap: `case!(name, text, [(entity, surface), ...])`.
    macro_rules! case {
        ($name:ident, $text:expr, [$(($id:expr, $surface:expr)),* $(,)?]) => {
            #[test]
            fn $name() {
                let expected: Vec<(String, String)> =
                    vec![$(($id.to_string(), $surface.to_string())),*];
                assert_eq!(found($text), expected);
            }
        };
    }

    case!(
        ignore_phrases_swallow_the_aliases_inside_them,
        "De Nationale Veiligheidsraad en de Veiligheidsraad.",
        [("unsc", "Veiligheidsraad")]
    );
    case!(
        a_surname_place_after_a_given_name_is_a_person,
        "Commandant Sabarkaf Mohmand vocht in Mohmand. Mohmand bleef rustig.\nMohmand ook.",
        [
            ("mohmand", "Mohmand"),
            ("mohmand", "Mohmand"),
            ("mohmand", "Mohmand")
        ]
    );
    case!(
        elliptic_compound_names_both,
        "Noord- en Zuid-Waziristan",
        [
            ("north-waziristan", "Noord-"),
            ("south-waziristan", "Zuid-Waziristan")
        ]
    );
    case!(
        elliptic_compound_needs_a_known_alias,
        "Oost- en Zuid-Waziristan; Zuiden Zuid-Waziristan",
        [
            ("south-waziristan", "Zuid-Waziristan"),
            ("south-waziristan", "Zuid-Waziristan")
        ]
    );
    case!(
        elliptic_compound_in_a_list,
        "Noord-, Zuid- of Zuid-Waziristan",
        [
            ("north-waziristan", "Noord-"),
            ("south-waziristan", "Zuid-"),
            ("south-waziristan", "Zuid-Waziristan")
        ]
    );
    case!(
        exact_is_matches_in_parentheses,
        "de Islamitische Staat (IS) eist",
        [
            ("islamic-state", "Islamitische Staat"),
            ("islamic-state", "IS")
        ]
    );
    case!(
        lowercase_is_is_not_islamic_state,
        "Het is niet zo, is het wel?",
        []
    );
    case!(
        is_at_sentence_start_is_not_islamic_state,
        "Is dit zo? Het IS-kalifaat.",
        [("islamic-state", "IS")]
    );
    case!(
        vs_is_case_sensitive,
        "de VS en vs. het team",
        [("united-states", "VS")]
    );
    case!(
        any_case_matching_is_unicode,
        "TALIBAN, taliban, Taliban en KABOEL",
        [
            ("taliban", "TALIBAN"),
            ("taliban", "taliban"),
            ("taliban", "Taliban"),
            ("kabul", "KABOEL")
        ]
    );
    case!(
        closed_compound_for_compound_entities,
        "Talibanstrijders en oud-Talibanstrijders",
        [("taliban", "Taliban"), ("taliban", "Taliban")]
    );
    case!(
        hyphenated_compound,
        "TTP-militanten en ISKP-strijders en VS-troepen",
        [("ttp", "TTP"), ("iskp", "ISKP"), ("united-states", "VS")]
    );
    case!(
        no_closed_compound_for_other_entities,
        "Kabulse straten en Pakistanbeleid",
        []
    );
    case!(
        no_match_inside_a_word,
        "Afghanistanen? Nee: Pakistaanser en dePakistan",
        []
    );
    case!(
        genitives,
        "Pakistans leger, Pakistan's grens en Pakistan’s tribale gebieden",
        [
            ("pakistan", "Pakistan"),
            ("pakistan", "Pakistan"),
            ("pakistan", "Pakistan")
        ]
    );
    case!(
        adjectives_and_demonyms_are_the_state,
        "Pakistaanse luchtaanvallen op Afghanen",
        [("pakistan", "Pakistaanse"), ("afghanistan", "Afghanen")]
    );
    case!(
        adjective_prefix_of_longer_name_is_one_mention,
        "de Afghaanse Taliban en de Pakistaanse Taliban",
        [
            ("taliban", "Afghaanse Taliban"),
            ("ttp", "Pakistaanse Taliban")
        ]
    );
    case!(
        nested_name_is_one_mention,
        "de Islamitische Staat in de Provincie Khorasan (ISKP)",
        [
            ("iskp", "Islamitische Staat in de Provincie Khorasan"),
            ("iskp", "ISKP")
        ]
    );
    case!(
        longest_of_nested_organisations,
        "de Veiligheidsraad van de Verenigde Naties en de Verenigde Naties",
        [
            ("unsc", "Veiligheidsraad van de Verenigde Naties"),
            ("un", "Verenigde Naties")
        ]
    );
    case!(
        variants_with_hyphenated_exact_alias,
        "ook bekend als ISK of ISIS-K, deel van ISIS",
        [
            ("iskp", "ISK"),
            ("iskp", "ISIS-K"),
            ("islamic-state", "ISIS")
        ]
    );
    case!(
        diacritics_precomposed_and_plain,
        "Türkiye, Turkiye, Saudi-Arabië en Saoedi-Arabie",
        [
            ("turkey", "Türkiye"),
            ("turkey", "Turkiye"),
            ("saudi-arabia", "Saudi-Arabië"),
            ("saudi-arabia", "Saoedi-Arabie")
        ]
    );
    case!(
        diacritics_decomposed,
        "Saudi-Arabie\u{0308} bemiddelde",
        [("saudi-arabia", "Saudi-Arabie\u{0308}")]
    );
    case!(
        typographic_dash_and_nbsp_in_names,
        "Saudi\u{2011}Arabië en Verenigde\u{00A0}Staten",
        [
            ("saudi-arabia", "Saudi\u{2011}Arabië"),
            ("united-states", "Verenigde\u{00A0}Staten")
        ]
    );
    case!(line_break_ends_a_name, "Verenigde\nStaten", []);
    case!(
        exact_multiword_media_name,
        "Bron: De Morgen. De morgen was koud.",
        [("de-morgen", "De Morgen")]
    );
    // Capitalised `exact` aliases are searched only where a capitalised word starts.
    case!(
        capital_only_aliases_need_a_capital_word_start,
        "De boom in Boom, \u{201C}Dera\u{201D} en Dera Ismail Khan; BoomDera, deraboom.",
        [
            ("boom", "Boom"),
            ("dera", "Dera"),
            ("dera-ismail-khan", "Dera Ismail Khan")
        ]
    );
    case!(
        capital_only_alias_with_accents_and_after_a_sentence,
        "Weg.Ḍera Ismāʿīl Khān viel.",
        [("dera-ismail-khan", "Ḍera Ismāʿīl Khān")]
    );
    case!(
        a_surname_right_after_a_name_continues_it,
        "Mullah Noori Karimi sprak. Karimi zweeg, net als Farid Karimi.",
        [
            ("ahmad-noori", "Mullah Noori"),
            ("farid-karimi", "Karimi"),
            ("farid-karimi", "Farid Karimi")
        ]
    );
    case!(
        daesh_is_islamic_state,
        "de regionale tak van Daesh",
        [("islamic-state", "Daesh")]
    );

    #[test]
    fn offsets_point_into_text_after_a_header() {
        let dict = Dictionary::from_toml("test.toml", DICT).unwrap();
        let raw = " date 2021-08 Kaboel en Kabul";
        let spans = find_mentions(&dict, raw, 13);
        assert_eq!(spans.len(), 2);
        assert_eq!(&raw[spans[0].start..spans[0].end], "Kaboel");
        assert_eq!(spans[0].entity, spans[1].entity);
    }
}

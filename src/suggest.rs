//! Names that occur often but are in no dictionary: the fastest way to grow one.
//!
//! A candidate is a run of capitalised words (joined by name particles such as `al`, `bin`,
//! `van`, `de` when a capitalised word follows) or an acronym (two or more capitals), that no
//! dictionary alias covers. A single capitalised word at the start of a sentence counts only if
//! the same word is also seen capitalised inside a sentence, since Dutch capitalises every
//! sentence's first word.

use crate::extract::Extraction;
use crate::input::Document;
use serde::Serialize;
use std::collections::HashMap;

/// Lower-case words that join the parts of a name: Osama bin Laden, Ahmad Shah Massoud.
const PARTICLES: &[&str] = &[
    "al", "bin", "ibn", "ul", "e", "i", "el", "van", "de", "der", "den", "von", "la", "le", "du",
    "da", "di", "abu", "ud", "ur",
];

/// Capitalised words that are not names: credits, months and days in English, titles.
const NOT_NAMES: &[&str] = &[
    "Foto",
    "Beeld",
    "Bron",
    "Redactie",
    "Lees",
    "Update",
    "Video",
    "Live",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
];

/// Capitalised function words that start Dutch sentences; dropped from the front of a run.
const STARTERS: &[&str] = &[
    "De",
    "Het",
    "Een",
    "Volgens",
    "In",
    "Op",
    "Na",
    "Bij",
    "Met",
    "Door",
    "Voor",
    "Dat",
    "Die",
    "Deze",
    "Dit",
    "Ook",
    "Maar",
    "En",
    "Toen",
    "Terwijl",
    "Hoewel",
    "Omdat",
    "Als",
    "Zo",
    "Daarna",
    "Vervolgens",
    "Onder",
    "Tijdens",
    "Sinds",
    "Tegen",
    "Over",
    "Uit",
    "Van",
    "Naar",
    "Aan",
    "Wat",
    "Wie",
    "Waar",
    "Hij",
    "Zij",
    "Ze",
    "We",
    "Wij",
    "Ik",
    "Er",
    "Nu",
    "Toch",
    "Inmiddels",
    "Intussen",
    "Daarom",
    "Ondanks",
    "Vanuit",
    "Beide",
    "Veel",
    "Alle",
    "Elke",
    "Zowel",
    "Zelfs",
    "Wel",
    "Niet",
    "Geen",
    "Dan",
    "Want",
    "Of",
    "Om",
    "Tot",
];

/// A name found in one article: its text and the sentence it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub name: String,
    pub sentence: usize,
    /// Capitalised only because it starts a sentence (a single word).
    pub initial: bool,
}

/// Candidates in one article, in text order.
pub fn candidates(doc: &Document, ex: &Extraction) -> Vec<Found> {
    let text = &doc.text;
    let mut covered = ex.mentions.iter().map(|m| m.start..m.end).peekable();
    let mut out = Vec::new();
    for (index, s) in ex.segments.sentences.iter().enumerate() {
        let words = words(text, s.start, s.end);
        let mut i = 0;
        while i < words.len() {
            let inside = |w: &(usize, usize), covered: &mut std::iter::Peekable<_>| {
                while let Some(r) = covered.peek() {
                    let r: &std::ops::Range<usize> = r;
                    if r.end <= w.0 {
                        covered.next();
                    } else {
                        return r.start < w.1;
                    }
                }
                false
            };
            if !is_name_word(&text[words[i].0..words[i].1]) || inside(&words[i], &mut covered) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i + 1;
            loop {
                let spaced = |a: usize, b: usize| {
                    words
                        .get(b)
                        .is_some_and(|w| text[words[a].1..w.0].chars().all(char::is_whitespace))
                };
                if !spaced(end - 1, end) {
                    break;
                }
                let next = words.get(end);
                let after = words.get(end + 1).filter(|_| spaced(end, end + 1));
                match (next, after) {
                    (Some(w), _) if is_name_word(&text[w.0..w.1]) && !inside(w, &mut covered) => {
                        end += 1
                    }
                    (Some(w), Some(a))
                        if PARTICLES.contains(&&text[w.0..w.1])
                            && is_name_word(&text[a.0..a.1])
                            && !inside(a, &mut covered) =>
                    {
                        end += 2
                    }
                    _ => break,
                }
            }
            let mut first = start == 0 || sentence_opener(text, s.start, words[start].0);
            let mut start = start;
            if first && end - start > 1 && STARTERS.contains(&&text[words[start].0..words[start].1])
            {
                start += 1;
                first = false;
            }
            let name = text[words[start].0..words[end - 1].1].to_string();
            let single = end - start == 1;
            let word = name.as_str();
            if !(single && (NOT_NAMES.contains(&word) || STARTERS.contains(&word))) {
                out.push(Found {
                    initial: single && first && !is_acronym(&name),
                    name: name.split_whitespace().collect::<Vec<_>>().join(" "),
                    sentence: index,
                });
            }
            i = end;
        }
    }
    out
}

/// Whether only punctuation (quotes, brackets, dashes) stands between the sentence start and
/// `pos`.
fn sentence_opener(text: &str, start: usize, pos: usize) -> bool {
    text[start..pos].chars().all(|c| !c.is_alphanumeric())
}

/// Byte ranges of words in `text[start..end]`: letters and digits, with inner hyphens and
/// apostrophes (al-Qaida, Houthi's).
fn words(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut chars = text[start..end].char_indices().peekable();
    let mut current: Option<usize> = None;
    while let Some((i, c)) = chars.next() {
        let at = start + i;
        if c.is_alphanumeric() {
            current.get_or_insert(at);
            continue;
        }
        let joiner = matches!(c, '-' | '\'' | '\u{2019}');
        let next_is_word = chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if joiner && current.is_some() && next_is_word {
            continue;
        }
        if let Some(s) = current.take() {
            out.push((s, at));
        }
    }
    if let Some(s) = current {
        out.push((s, end));
    }
    out
}

fn is_acronym(w: &str) -> bool {
    let caps = w.chars().filter(|c| c.is_uppercase()).count();
    caps >= 2
        && w.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-')
}

/// A capitalised word, or a particle joined to one by a hyphen (al-Baghdadi).
fn is_name_word(w: &str) -> bool {
    let capital = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    let particle_joined = w
        .split_once('-')
        .is_some_and(|(p, rest)| PARTICLES.contains(&p) && capital(rest));
    (capital(w) && w.chars().any(char::is_alphabetic)) || particle_joined
}

/// A name with how often it occurs and one sentence showing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub name: String,
    /// Occurrences (sentence-initial ones included once the name is seen inside a sentence).
    pub count: u64,
    pub documents: u64,
    /// Article id and sentence of the first occurrence inside a sentence.
    pub doc: String,
    pub context: String,
}

#[derive(Debug, Default)]
struct Tally {
    inner: u64,
    initial: u64,
    documents: u64,
    first: Option<(u64, String, String)>,
}

/// Merges candidates from articles given in input order.
#[derive(Debug, Default)]
pub struct Suggestions {
    names: HashMap<String, Tally>,
}

impl Suggestions {
    /// Adds one article's candidates; `seq` is its position in the input.
    pub fn add(&mut self, seq: u64, doc: &Document, ex: &Extraction, found: Vec<Found>) {
        let mut seen = std::collections::HashSet::new();
        for f in found {
            let t = self.names.entry(f.name.clone()).or_default();
            if f.initial {
                t.initial += 1;
            } else {
                t.inner += 1;
                if t.first.as_ref().is_none_or(|(s, _, _)| seq < *s) {
                    let s = &ex.segments.sentences[f.sentence];
                    let context = doc.text[s.start..s.end]
                        .split_whitespace()
                        .collect::<Vec<_>>();
                    t.first = Some((seq, doc.id.clone(), context.join(" ")));
                }
            }
            if seen.insert(f.name) {
                t.documents += 1;
            }
        }
    }

    /// Names seen at least `min_count` times, most frequent first (ties by name).
    pub fn finish(self, min_count: u64) -> Vec<Suggestion> {
        let mut out: Vec<Suggestion> = self
            .names
            .into_iter()
            .filter_map(|(name, t)| {
                let (_, doc, context) = t.first?;
                let count = t.inner + t.initial;
                (count >= min_count).then_some(Suggestion {
                    name,
                    count,
                    documents: t.documents,
                    doc,
                    context,
                })
            })
            .collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::Dictionary;
    use crate::extract::extract;

    fn names(text: &str) -> Vec<(String, bool)> {
        let dict = Dictionary::from_toml(
            "d.toml",
            "[[entity]]\nid = \"taliban\"\nkind = \"group\"\nlabel = \"Taliban\"\naliases = [\"Taliban\"]\n",
        )
        .unwrap();
        let doc = Document::new("a", None, text);
        let ex = extract(&dict, &doc);
        candidates(&doc, &ex)
            .into_iter()
            .map(|f| (f.name, f.initial))
            .collect()
    }

    #[test]
    fn runs_of_capitalised_words_with_particles_and_acronyms_outside_dictionary_names() {
        assert_eq!(
            names("De Taliban en Abu Bakr al-Baghdadi spraken met de UNODC in Kabul."),
            vec![
                ("Abu Bakr al-Baghdadi".to_string(), false),
                ("UNODC".to_string(), false),
                ("Kabul".to_string(), false),
            ]
        );
        assert_eq!(
            names("Volgens Hafiz Gul Bahadur van de Taliban."),
            vec![("Hafiz Gul Bahadur".to_string(), false)]
        );
        assert_eq!(names("Foto: ANP"), vec![("ANP".to_string(), false)]);
    }

    #[test]
    fn sentence_initial_words_count_only_when_also_seen_inside_sentences() {
        let mut s = Suggestions::default();
        let dict = Dictionary::from_toml(
            "d.toml",
            "[[entity]]\nid = \"x\"\nkind = \"group\"\nlabel = \"X\"\naliases = [\"Xyzzy\"]\n",
        )
        .unwrap();
        for (i, text) in [
            "Khost is stil. Daarna Khost.",
            "Daarna viel Kunar. Daarna niets.",
        ]
        .iter()
        .enumerate()
        {
            let doc = Document::new(&format!("d{i}"), None, text);
            let ex = extract(&dict, &doc);
            let found = candidates(&doc, &ex);
            s.add(i as u64, &doc, &ex, found);
        }
        let out = s.finish(1);
        let got: Vec<(&str, u64)> = out.iter().map(|x| (x.name.as_str(), x.count)).collect();
        assert_eq!(got, vec![("Khost", 2), ("Kunar", 1)]);
        assert_eq!(out[0].context, "Daarna Khost.");
    }
}

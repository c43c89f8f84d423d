//! Provisional actors as dictionary entries, ready to paste (`actorgraph suggest --toml`).
//!
//! The discovery rules ([`crate::discover`]) find actors no dictionary lists. Collected over a
//! corpus, each becomes an `[[entity]]` entry: its id (without `p:`), kind, label, the names
//! it was written as, its country for an office of a state, and a comment with the rule that
//! found it, how often, and the first sentence it was seen in, so the user checks it before
//! pasting it into a dictionary file. A surname seen alone is offered commented out: it is an
//! alias only where it is unambiguous.

use crate::dictionary::{Dictionary, Kind};
use crate::extract::Extraction;
use crate::input::Document;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// One provisional actor over the corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// The dictionary id: the provisional id without `p:`.
    pub id: String,
    pub kind: Kind,
    pub label: String,
    pub rule: String,
    pub country: Option<String>,
    pub mentions: u64,
    pub documents: u64,
    /// The names as written, most frequent first.
    pub names: Vec<(String, u64)>,
    /// The article and sentence of its first mention, in input order.
    pub doc: String,
    pub sentence: String,
}

#[derive(Debug)]
struct Tally {
    entry: Entry,
    /// The example's rank: a mention in full first, then input order.
    first: (bool, u64),
    names: BTreeMap<String, u64>,
}

/// Provisional actors of articles given in input order, merged by id.
#[derive(Debug, Default)]
pub struct Promotions {
    actors: BTreeMap<String, Tally>,
}

impl Promotions {
    /// Adds the provisional actors of article number `seq`.
    pub fn add(&mut self, seq: u64, dict: &Dictionary, doc: &Document, ex: &Extraction) {
        let listed = dict.entities().len() as u32;
        let mut seen = BTreeSet::new();
        for m in ex.mentions.iter().filter(|m| m.entity >= listed) {
            let e = ex.entity(dict, m.entity);
            let t = self.actors.entry(e.id.clone()).or_insert_with(|| Tally {
                entry: Entry {
                    id: e.id.strip_prefix("p:").unwrap_or(&e.id).to_string(),
                    kind: e.kind,
                    label: e.label.clone(),
                    rule: e.attributes.rule.clone().unwrap_or_default(),
                    country: e.attributes.country.clone(),
                    mentions: 0,
                    documents: 0,
                    names: Vec::new(),
                    doc: String::new(),
                    sentence: String::new(),
                },
                first: (true, u64::MAX),
                names: BTreeMap::new(),
            });
            t.entry.mentions += 1;
            *t.names
                .entry(
                    doc.text[m.start..m.end]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                )
                .or_default() += 1;
            if seen.insert(e.id.clone()) {
                t.entry.documents += 1;
            }
            // The example is the first mention in full ("Marieke Jansen", not a later "Jansen").
            let surface = &doc.text[m.start..m.end];
            let rank = (surface != e.label, seq);
            if rank < t.first {
                t.first = rank;
                let s = &ex.segments.sentences[m.sentence];
                t.entry.doc = doc.id.clone();
                t.entry.sentence = doc.text[s.start..s.end]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
            }
        }
    }

    /// The actors mentioned at least `min_count` times, most mentioned first (then by id).
    pub fn finish(self, min_count: u64) -> Vec<Entry> {
        let mut out: Vec<Entry> = self
            .actors
            .into_values()
            .filter(|t| t.entry.mentions >= min_count)
            .map(|t| {
                let mut entry = t.entry;
                entry.names = t.names.into_iter().collect();
                entry
                    .names
                    .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                entry
            })
            .collect();
        out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
        out
    }
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The entries as `[[entity]]` tables to paste into a dictionary file, each with a comment
/// saying where it comes from.
pub fn to_toml(entries: &[Entry]) -> String {
    let mut out = String::from(
        "# Provisional actors found by the discovery rules, as dictionary entries.\n\
         # Check each against its sentence, then paste it into a file under dictionaries/.\n",
    );
    for e in entries {
        // A person's surname alone ("Jansen", "De Wit") is an alias only where it is
        // unambiguous: offered, commented out.
        let label = e.label.to_lowercase();
        let surname =
            |n: &str| e.kind == Kind::Person && label.ends_with(&format!(" {}", n.to_lowercase()));
        let (surnames, aliases): (Vec<&str>, Vec<&str>) = e
            .names
            .iter()
            .map(|(n, _)| n.as_str())
            .partition(|n| surname(n));
        let mut aliases: Vec<&str> = aliases;
        if !aliases.iter().any(|a| *a == e.label) && !e.label.contains(" (") {
            aliases.insert(0, &e.label);
        }
        let times = |n: u64| {
            if n == 1 {
                "once".to_string()
            } else {
                format!("{n} times")
            }
        };
        let _ = write!(
            out,
            "\n# rule {}: {} in {} article{}; first in {}: {}\n",
            e.rule,
            times(e.mentions),
            e.documents,
            if e.documents == 1 { "" } else { "s" },
            e.doc,
            quoted(&e.sentence),
        );
        let _ = writeln!(out, "[[entity]]");
        let _ = writeln!(out, "id = {}", quoted(&e.id));
        let _ = writeln!(out, "kind = \"{}\"", e.kind.as_str());
        let _ = writeln!(out, "label = {}", quoted(&e.label));
        let list = |names: &[&str]| {
            names
                .iter()
                .map(|n| quoted(n))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(out, "aliases = [{}]", list(&aliases));
        if !surnames.is_empty() {
            let _ = writeln!(
                out,
                "# exact = [{}]  # the surname alone: keep it only if it is unambiguous",
                list(&surnames)
            );
        }
        if let Some(country) = &e.country {
            let _ = writeln!(out, "country = {}", quoted(country));
            let _ = writeln!(
                out,
                "# an office of a state: an alias without the state's name would match every state's"
            );
        }
    }
    out
}

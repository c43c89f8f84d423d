//! The co-occurrence graph: actors as nodes, shared windows as weighted undirected edges.
//!
//! Building is split so that it streams and parallelises without losing determinism:
//!
//! 1. [`Contribution::of`] turns one document's mentions into per-entity counts and per-pair
//!    window counts, with candidate evidence. It needs nothing but the document, so documents
//!    are processed in parallel.
//! 2. [`Accumulator::add`] merges contributions. Every statistic is a sum, minimum or maximum,
//!    and evidence is the best `N` by a total order on (rank of the window within its document,
//!    document id, input position, window): so the result does not depend on the order in
//!    which contributions arrive, and memory per edge is bounded by `N`. Ranking by the window's
//!    rank within its document first means the evidence spreads over different articles.
//! 3. [`Accumulator::finish`] builds a `petgraph` graph with nodes sorted by id and edges by
//!    (source id, target id). Pruning (`--min-weight` and the rest) is
//!    [`crate::analysis`]'s job.
//!
//! An edge's `count` is the number of windows (sentences by default) in which both actors
//! appear; an actor named twice in one window counts once. Its exported `weight` is set from
//! the counts by [`crate::analysis`] (`count` unless `--weight` says otherwise).

use crate::analysis::Measures;
use crate::dictionary::{Attributes, Dictionary, Kind, Role};
use crate::discover::Provisional;
use crate::extract::Extraction;
use crate::input::Document;
use crate::relations::Found;
use petgraph::graph::{DiGraph, UnGraph};
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// The text unit within which two actors co-occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Window {
    #[default]
    Sentence,
    Paragraph,
    Document,
}

impl Window {
    /// The window a mention is in: its sentence, paragraph, or 0 for the whole document.
    pub fn of(self, m: &crate::extract::Mention) -> usize {
        match self {
            Window::Sentence => m.sentence,
            Window::Paragraph => m.paragraph,
            Window::Document => 0,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Window::Sentence => "sentence",
            Window::Paragraph => "paragraph",
            Window::Document => "document",
        }
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Window {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "sentence" => Ok(Window::Sentence),
            "paragraph" => Ok(Window::Paragraph),
            "document" => Ok(Window::Document),
            _ => Err(format!(
                "unknown window {s:?} (expected sentence, paragraph or document)"
            )),
        }
    }
}

/// A sentence (or pair of sentences) showing two actors together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Article id.
    pub doc: String,
    /// Article date, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Index of the (first) sentence quoted, within the article.
    pub sentence: usize,
    /// The sentence; for paragraph and document windows where the two actors are in different
    /// sentences, the sentence naming each, joined by " … ".
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct EvidenceKey {
    rank: u32,
    doc: String,
    seq: u64,
    window: u32,
}

impl EvidenceKey {
    fn as_tuple(&self) -> (u32, &str, u64, u32) {
        (self.rank, &self.doc, self.seq, self.window)
    }
}

/// Evidence of one window, not yet quoted: where its sentences are in the article. The text
/// is copied only if the evidence makes the edge's cut when merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct PendingEvidence {
    rank: u32,
    window: u32,
    /// Index of the first sentence quoted.
    sentence: usize,
    /// Byte ranges of the sentence naming each actor (the same range when they share one).
    first: (usize, usize),
    second: (usize, usize),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct PairHit {
    windows: u32,
    evidence: Vec<PendingEvidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct RelationHit {
    sentences: u32,
    /// The highest confidence of its readings, in hundredths.
    confidence: u8,
    evidence: Vec<PendingRelation>,
}

/// Evidence of one relation, not yet quoted. Its window is the sentence holding the cue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct PendingRelation {
    at: PendingEvidence,
    source_text: String,
    target_text: String,
    cue: String,
    confidence: u8,
    rule: crate::relations::Rule,
}

/// What one document adds to the graph. It is written out and read back whole
/// ([`Contribution::compact`] first), so that contributions made on one machine or day can be
/// accumulated on another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// Article id and the key that orders its evidence after other articles of that id.
    doc: String,
    seq: u64,
    date: Option<String>,
    /// The date's month, as [`Months`] keys it.
    month: Option<u32>,
    /// (entity, mentions, windows naming it, roles held at the document's date as a bit
    /// mask of the entity's roles), sorted by entity.
    entities: Vec<(u32, u32, u32, u64)>,
    /// Windows in the document.
    windows: u64,
    /// Co-occurring pairs, sorted.
    pairs: Vec<((u32, u32), PairHit)>,
    /// Relations by (source, target, type).
    #[serde(with = "as_list")]
    relations: BTreeMap<(u32, u32, usize), RelationHit>,
    mentions: u64,
    /// The actors this article's discovery rules found, numbered from the dictionary's
    /// entity count until [`Contribution::number_provisional`] gives them the run's numbers.
    #[serde(with = "provisional_actors")]
    provisional: Vec<crate::dictionary::Entity>,
}

impl Contribution {
    /// Computes a document's contribution. `seq` orders its evidence after that of other
    /// documents with the same id: `build` gives its content key ([`crate::input::content_key`]),
    /// so the order does not depend on where the documents stand in the input.
    pub fn of(
        dict: &Dictionary,
        doc: &Document,
        seq: u64,
        ex: &Extraction,
        window: Window,
        evidence_limit: usize,
    ) -> Contribution {
        let mut c = Contribution::entities_only(dict, doc, ex, window);
        c.seq = seq;
        let window_of = |m: &crate::extract::Mention| window.of(m);
        let range = |k: usize| {
            let s = &ex.segments.sentences[k];
            (s.start, s.end)
        };
        // Every (pair, window) in window order; grouped by pair below. A window names few
        // actors, so its members are a small vector, not a map.
        let mut found: Vec<((u32, u32), u32, usize, usize)> = Vec::new();
        let mut members: Vec<(u32, usize)> = Vec::new();
        let mut i = 0;
        while i < ex.mentions.len() {
            let w = window_of(&ex.mentions[i]);
            // Entities of this window with the first sentence naming each.
            members.clear();
            while i < ex.mentions.len() && window_of(&ex.mentions[i]) == w {
                let m = &ex.mentions[i];
                if !members.iter().any(|&(e, _)| e == m.entity) {
                    members.push((m.entity, m.sentence));
                }
                i += 1;
            }
            members.sort_unstable_by_key(|&(e, _)| e);
            for (x, &(a, sa)) in members.iter().enumerate() {
                for &(b, sb) in &members[x + 1..] {
                    found.push(((a, b), w as u32, sa.min(sb), sa.max(sb)));
                }
            }
        }
        // Stable: each pair's windows stay in text order, which gives their evidence ranks.
        found.sort_by_key(|&(pair, ..)| pair);
        let mut pairs: Vec<((u32, u32), PairHit)> = Vec::new();
        for (pair, w, first, second) in found {
            if pairs.last().is_none_or(|(p, _)| *p != pair) {
                pairs.push((
                    pair,
                    PairHit {
                        windows: 0,
                        evidence: Vec::new(),
                    },
                ));
            }
            let hit = &mut pairs.last_mut().expect("just pushed").1;
            let rank = hit.windows;
            hit.windows += 1;
            if (rank as usize) < evidence_limit {
                hit.evidence.push(PendingEvidence {
                    rank,
                    window: w,
                    sentence: first,
                    first: range(first),
                    second: range(second),
                });
            }
        }
        c.pairs = pairs;
        c
    }

    /// The document's date.
    pub fn date(&self) -> Option<&str> {
        self.date.as_deref()
    }

    /// The mentions found in the article.
    pub fn mentions(&self) -> u64 {
        self.mentions
    }

    /// The article's id and the key that orders it among articles of that id (its content
    /// key in a build).
    pub fn article(&self) -> (&str, u64) {
        (&self.doc, self.seq)
    }

    /// Checks a contribution read back from elsewhere against the dictionary it is said to
    /// be made with and the text its evidence points into: every actor and relation type
    /// exists, and every quoted range is a slice of `text`. Says what is wrong otherwise.
    pub fn check(&self, dict: &Dictionary, text: &str) -> Result<(), String> {
        let actors = dict.entities().len() as u64 + self.provisional.len() as u64;
        let actor = |e: u32| {
            (u64::from(e) < actors)
                .then_some(())
                .ok_or_else(|| format!("actor number {e} is neither listed nor found here"))
        };
        let range = |(start, end): (usize, usize)| {
            (start <= end && text.get(start..end).is_some())
                .then_some(())
                .ok_or_else(|| format!("evidence at bytes {start}..{end} is not in its text"))
        };
        for &(e, ..) in &self.entities {
            actor(e)?;
        }
        // Entities are sorted by number (a pair's ends are looked up among them).
        if !self.entities.is_sorted_by_key(|n| n.0) {
            return Err("its actors are not in order".to_string());
        }
        let named = |e: u32| self.entities.binary_search_by_key(&e, |n| n.0).is_ok();
        for ((a, b), hit) in &self.pairs {
            if a >= b || !named(*a) || !named(*b) {
                return Err(format!(
                    "the pair of actors {a} and {b} is not two it names"
                ));
            }
            for p in &hit.evidence {
                range(p.first)?;
                range(p.second)?;
            }
        }
        let types = dict.relations().types.len();
        for ((a, b, t), hit) in &self.relations {
            actor(*a)?;
            actor(*b)?;
            if *t >= types {
                return Err(format!(
                    "relation type number {t} is not in the dictionaries"
                ));
            }
            for p in &hit.evidence {
                range(p.at.first)?;
                range(p.at.second)?;
            }
        }
        Ok(())
    }

    /// A contribution of mention counts only, without co-occurrence pairs (when only
    /// relations are built).
    pub fn entities_only(
        dict: &Dictionary,
        doc: &Document,
        ex: &Extraction,
        window: Window,
    ) -> Contribution {
        // (entity, window) of every mention, grouped by entity in text order.
        let mut seen: Vec<(u32, usize)> = ex
            .mentions
            .iter()
            .map(|m| (m.entity, window.of(m)))
            .collect();
        seen.sort_by_key(|&(e, _)| e);
        // (entity, mentions, windows)
        let mut entities: Vec<(u32, u32, u32)> = Vec::new();
        for (k, &(e, w)) in seen.iter().enumerate() {
            let new_window = k == 0 || seen[k - 1] != (e, w);
            match entities.last_mut() {
                Some(last) if last.0 == e => {
                    last.1 += 1;
                    last.2 += u32::from(new_window);
                }
                _ => entities.push((e, 1, 1)),
            }
        }
        let windows = match window {
            Window::Sentence => ex.segments.sentences.len(),
            Window::Paragraph => ex.segments.paragraphs.len(),
            Window::Document => 1,
        };
        Contribution {
            doc: doc.id.clone(),
            seq: 0,
            date: doc.date.clone(),
            month: doc.date.as_deref().and_then(month_of),
            entities: entities
                .into_iter()
                .map(|(e, mentions, windows)| {
                    (e, mentions, windows, roles_at(dict, e, doc.date.as_deref()))
                })
                .collect(),
            windows: windows as u64,
            pairs: Vec::new(),
            relations: BTreeMap::new(),
            mentions: ex.mentions.len() as u64,
            provisional: ex.provisional.clone(),
        }
    }

    /// Gives this article's provisional actors their numbers in the run (interning them in
    /// `registry`); call once, in input order, before [`Accumulator::add`].
    pub fn number_provisional(&mut self, listed: u32, registry: &mut Provisional) {
        if self.provisional.is_empty() {
            return;
        }
        let from = (self.doc.as_str(), self.seq);
        let numbers = registry.intern(listed, std::mem::take(&mut self.provisional), from);
        let map = |e: u32| e.checked_sub(listed).map_or(e, |k| numbers[k as usize]);
        for e in &mut self.entities {
            e.0 = map(e.0);
        }
        self.entities.sort_by_key(|e| e.0);
        for (pair, _) in &mut self.pairs {
            let (a, b) = (map(pair.0), map(pair.1));
            *pair = (a.min(b), a.max(b));
        }
        self.pairs.sort_by_key(|(pair, _)| *pair);
        self.relations = std::mem::take(&mut self.relations)
            .into_iter()
            .map(|((a, b, t), hit)| ((map(a), map(b), t), hit))
            .collect();
    }

    /// Cuts the article's text down to the sentences its evidence quotes, each once, and
    /// points the evidence at them; returns that text, which [`Accumulator::add`] then takes
    /// in place of the article's. Evidence quoted from it is the same, byte for byte, so a
    /// contribution can be written out with its quotes and without the article.
    pub fn compact(&mut self, text: &str) -> String {
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        for (_, hit) in &self.pairs {
            for p in &hit.evidence {
                ranges.extend([p.first, p.second]);
            }
        }
        for hit in self.relations.values() {
            for p in &hit.evidence {
                ranges.extend([p.at.first, p.at.second]);
            }
        }
        ranges.sort_unstable();
        ranges.dedup();
        let mut out = String::new();
        let mut moved: HashMap<(usize, usize), (usize, usize)> = HashMap::default();
        for (start, end) in ranges {
            let at = out.len();
            out.push_str(&text[start..end]);
            moved.insert((start, end), (at, out.len()));
            out.push('\n');
        }
        let point = |p: &mut PendingEvidence| {
            p.first = moved[&p.first];
            p.second = moved[&p.second];
        };
        for (_, hit) in &mut self.pairs {
            hit.evidence.iter_mut().for_each(point);
        }
        for hit in self.relations.values_mut() {
            hit.evidence.iter_mut().for_each(|p| point(&mut p.at));
        }
        out
    }

    /// Adds the document's relations ([`crate::relations::find`]) read with a confidence of
    /// at least `min_confidence` hundredths, keeping at most `evidence_limit` sentences per
    /// relation to quote.
    pub fn add_relations(
        &mut self,
        ex: &Extraction,
        found: Vec<Found>,
        evidence_limit: usize,
        min_confidence: u8,
    ) {
        let range = |k: usize| {
            let s = &ex.segments.sentences[k];
            (s.start, s.end)
        };
        for f in found.into_iter().filter(|f| f.confidence >= min_confidence) {
            let hit = self
                .relations
                .entry((f.source, f.target, f.relation))
                .or_insert(RelationHit {
                    sentences: 0,
                    confidence: 0,
                    evidence: Vec::new(),
                });
            let rank = hit.sentences;
            hit.sentences += 1;
            hit.confidence = hit.confidence.max(f.confidence);
            if (rank as usize) < evidence_limit {
                let (a, b) = (f.first_sentence, f.sentence);
                hit.evidence.push(PendingRelation {
                    at: PendingEvidence {
                        rank,
                        window: f.sentence as u32,
                        sentence: f.first_sentence,
                        first: range(a.min(b)),
                        second: range(a.max(b)),
                    },
                    source_text: f.source_text,
                    target_text: f.target_text,
                    cue: f.cue,
                    confidence: f.confidence,
                    rule: f.rule,
                });
            }
        }
    }
}

/// A map written as a list of (key, value) pairs (JSON keys must be strings).
mod as_list {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<K: Serialize, V: Serialize, S: Serializer>(
        map: &BTreeMap<K, V>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(map.iter())
    }

    pub fn deserialize<'de, K, V, D>(d: D) -> Result<BTreeMap<K, V>, D::Error>
    where
        K: Deserialize<'de> + Ord,
        V: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        Ok(Vec::<(K, V)>::deserialize(d)?.into_iter().collect())
    }
}

/// Provisional actors as what a discovery rule gives them: id, label, kind and attributes
/// (their one alias is the label). Every field is written, in order, so that formats without
/// field names (the partials' postcard) read them back.
mod provisional_actors {
    use crate::dictionary::{Attributes, Entity, Kind};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Found {
        id: String,
        label: String,
        kind: Kind,
        country: Option<String>,
        subtype: Option<String>,
        acts_for: Option<String>,
        lat: Option<f64>,
        lon: Option<f64>,
        rule: Option<String>,
    }

    pub fn serialize<S: Serializer>(actors: &[Entity], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(actors.iter().map(|e| {
            let a = &e.attributes;
            Found {
                id: e.id.clone(),
                label: e.label.clone(),
                kind: e.kind,
                country: a.country.clone(),
                subtype: a.subtype.clone(),
                acts_for: a.acts_for.clone(),
                lat: a.lat,
                lon: a.lon,
                rule: a.rule.clone(),
            }
        }))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Entity>, D::Error> {
        Ok(Vec::<Found>::deserialize(d)?
            .into_iter()
            .map(|f| Entity {
                aliases: vec![f.label.clone()],
                id: f.id,
                label: f.label,
                kind: f.kind,
                exact: Vec::new(),
                compound: false,
                surname: false,
                roles: Vec::new(),
                attributes: Attributes {
                    country: f.country,
                    subtype: f.subtype,
                    acts_for: f.acts_for,
                    lat: f.lat,
                    lon: f.lon,
                    provisional: true,
                    rule: f.rule,
                },
            })
            .collect())
    }
}

/// The roles of `entity` held at `date`, as a bit mask (role `i` is bit `i`; roles after the
/// 64th are not counted).
fn roles_at(dict: &Dictionary, entity: u32, date: Option<&str>) -> u64 {
    let Some(date) = date else { return 0 };
    if entity as usize >= dict.entities().len() {
        return 0;
    }
    dict.entity(entity)
        .roles
        .iter()
        .take(64)
        .enumerate()
        .filter(|(_, role)| role.valid_at(date))
        .fold(0, |mask, (i, _)| mask | 1 << i)
}

/// A sentence showing a relation, with the words that name each side and the cue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationEvidence {
    pub doc: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Index of the (first) sentence quoted.
    pub sentence: usize,
    /// The sentence; for a relation read from context, the previous sentence and this one
    /// joined by " … ".
    pub text: String,
    /// How the source is written there ("Kabul" for Afghanistan, "zij" for a pronoun).
    pub source_text: String,
    pub target_text: String,
    /// The cue words as written.
    pub cue: String,
    /// How far to trust this reading, from 0 to 1 (docs/relations.md, "Confidence").
    #[serde(default)]
    pub confidence: f64,
    /// The rule that chose the source and target ("subject-verb-object", "agent", ...).
    #[serde(default)]
    pub rule: String,
}

/// A confidence in hundredths as a number from 0 to 1 (0.85, written as such in JSON).
pub fn hundredths(c: u8) -> f64 {
    f64::from(c) / 100.0
}

/// The text of sentence `a`, or of sentences `a` and `b` joined by " … ".
pub fn quote_sentences(doc: &Document, ex: &Extraction, a: usize, b: usize) -> String {
    let range = |k: usize| {
        let s = &ex.segments.sentences[k];
        (s.start, s.end)
    };
    quote(&doc.text, range(a.min(b)), range(a.max(b)))
}

/// The text of one byte range, or of two joined by " … ".
fn quote(text: &str, first: (usize, usize), second: (usize, usize)) -> String {
    if first == second {
        text[first.0..first.1].to_string()
    } else {
        format!(
            "{} … {}",
            &text[first.0..first.1],
            &text[second.0..second.1]
        )
    }
}

/// Inserts one piece of evidence of contribution `c` into `kept` (sorted, at most `limit`
/// long) if it makes the cut; `make` quotes it only then.
fn keep<T>(
    kept: &mut Vec<(EvidenceKey, T)>,
    limit: usize,
    c: &Contribution,
    rank: u32,
    window: u32,
    make: impl FnOnce() -> T,
) {
    let at = kept.partition_point(|(k, _)| k.as_tuple() < (rank, c.doc.as_str(), c.seq, window));
    if at >= limit {
        return;
    }
    let key = EvidenceKey {
        rank,
        doc: c.doc.clone(),
        seq: c.seq,
        window,
    };
    kept.insert(at, (key, make()));
    kept.truncate(limit);
}

#[derive(Debug, Clone, Default)]
struct NodeStats {
    mentions: u64,
    windows: u64,
    documents: u64,
    first_date: Option<String>,
    last_date: Option<String>,
    /// Articles naming the actor dated while it held each of its roles.
    roles: Vec<u64>,
    /// Mentions by month.
    timeline: Months,
}

#[derive(Debug, Clone, Default)]
struct RelationStats {
    count: u64,
    confidence: u8,
    documents: u64,
    first_date: Option<String>,
    last_date: Option<String>,
    timeline: Months,
    evidence: Vec<(EvidenceKey, RelationEvidence)>,
}

#[derive(Debug, Clone, Default)]
struct EdgeStats {
    count: u64,
    documents: u64,
    first_date: Option<String>,
    last_date: Option<String>,
    timeline: Months,
    evidence: Vec<(EvidenceKey, Evidence)>,
}

fn widen(first: &mut Option<String>, last: &mut Option<String>, date: &Option<String>) {
    if let Some(d) = date {
        if first.as_ref().is_none_or(|f| d < f) {
            *first = Some(d.clone());
        }
        if last.as_ref().is_none_or(|l| d > l) {
            *last = Some(d.clone());
        }
    }
}

/// The [`Months`] key of a `YYYY-MM…` date.
fn month_of(date: &str) -> Option<u32> {
    let year: u32 = date.get(..4)?.parse().ok()?;
    let month: u32 = date.get(5..7)?.parse().ok()?;
    Some(year * 12 + month.checked_sub(1)?)
}

/// Counts by month, keyed `YYYY * 12 + MM - 1` while accumulating (a lookup per pair and
/// document must not compare strings); [`Months::labelled`] gives `YYYY-MM` keys.
#[derive(Debug, Clone, Default)]
struct Months(BTreeMap<u32, u64>);

impl Months {
    /// Adds `n` to the month of `date` (`YYYY-MM` or `YYYY-MM-DD`; nothing for a year alone).
    fn add(&mut self, month: Option<u32>, n: u64) {
        if let Some(m) = month {
            *self.0.entry(m).or_default() += n;
        }
    }

    fn labelled(&self) -> BTreeMap<String, u64> {
        self.0
            .iter()
            .map(|(m, n)| (format!("{:04}-{:02}", m / 12, m % 12 + 1), *n))
            .collect()
    }
}

/// Merges document contributions into graph statistics, in any order.
#[derive(Debug, Default)]
pub struct Accumulator {
    nodes: HashMap<u32, NodeStats>,
    edges: HashMap<(u32, u32), EdgeStats>,
    relations: HashMap<(u32, u32, usize), RelationStats>,
    evidence_limit: usize,
    articles: u64,
    dated_articles: u64,
    mentions: u64,
    windows: u64,
}

impl Accumulator {
    pub fn new(evidence_limit: usize) -> Accumulator {
        Accumulator {
            evidence_limit,
            ..Accumulator::default()
        }
    }

    /// Merges one article's contribution; `text` is the article's text, for the evidence that
    /// is kept.
    pub fn add(&mut self, mut c: Contribution, text: &str) {
        self.articles += 1;
        self.dated_articles += u64::from(c.date.is_some());
        self.mentions += c.mentions;
        self.windows += c.windows;
        for &(entity, mentions, windows, roles) in &c.entities {
            let n = self.nodes.entry(entity).or_default();
            n.mentions += u64::from(mentions);
            n.windows += u64::from(windows);
            n.documents += 1;
            widen(&mut n.first_date, &mut n.last_date, &c.date);
            let held = 64 - roles.leading_zeros() as usize;
            if n.roles.len() < held {
                n.roles.resize(held, 0);
            }
            for (i, count) in n.roles.iter_mut().enumerate() {
                *count += roles >> i & 1;
            }
            n.timeline.add(c.month, u64::from(mentions));
        }
        for (pair, hit) in std::mem::take(&mut c.pairs) {
            let e = self.edges.entry(pair).or_default();
            e.count += u64::from(hit.windows);
            e.documents += 1;
            widen(&mut e.first_date, &mut e.last_date, &c.date);
            e.timeline.add(c.month, u64::from(hit.windows));
            for p in hit.evidence {
                keep(
                    &mut e.evidence,
                    self.evidence_limit,
                    &c,
                    p.rank,
                    p.window,
                    || Evidence {
                        doc: c.doc.clone(),
                        date: c.date.clone(),
                        sentence: p.sentence,
                        text: quote(text, p.first, p.second),
                    },
                );
            }
        }
        for (key, hit) in std::mem::take(&mut c.relations) {
            let r = self.relations.entry(key).or_default();
            r.count += u64::from(hit.sentences);
            r.confidence = r.confidence.max(hit.confidence);
            r.documents += 1;
            widen(&mut r.first_date, &mut r.last_date, &c.date);
            r.timeline.add(c.month, u64::from(hit.sentences));
            for p in hit.evidence {
                let at = &p.at;
                keep(
                    &mut r.evidence,
                    self.evidence_limit,
                    &c,
                    at.rank,
                    at.window,
                    || RelationEvidence {
                        doc: c.doc.clone(),
                        date: c.date.clone(),
                        sentence: at.sentence,
                        text: quote(text, at.first, at.second),
                        source_text: p.source_text,
                        target_text: p.target_text,
                        cue: p.cue,
                        confidence: hundredths(p.confidence),
                        rule: p.rule.name().to_string(),
                    },
                );
            }
        }
    }

    /// Builds the graph: every node and edge seen, weights equal to counts (pruning and other
    /// weights are [`crate::analysis`]'s job).
    pub fn finish(self, dict: &Dictionary, found: &Provisional, info: RunInfo) -> ActorGraph {
        let mut graph = UnGraph::with_capacity(self.nodes.len(), self.edges.len());
        let mut index = BTreeMap::new();
        let mut nodes: Vec<(u32, NodeStats)> = self.nodes.into_iter().collect();
        // By id: provisional actors are numbered after the dictionary's, not in id order.
        let id = |e: u32| found.entity(dict, e).id.as_str();
        nodes.sort_by(|(a, _), (b, _)| id(*a).cmp(id(*b)));
        for (entity, stats) in &nodes {
            index.insert(
                *entity,
                graph.add_node(node(found.entity(dict, *entity), stats)),
            );
        }
        let mut edges: Vec<((u32, u32), EdgeStats)> = self
            .edges
            .into_iter()
            .map(|((a, b), e)| {
                if id(a) <= id(b) {
                    ((a, b), e)
                } else {
                    ((b, a), e)
                }
            })
            .collect();
        edges.sort_by(|(a, _), (b, _)| (id(a.0), id(a.1)).cmp(&(id(b.0), id(b.1))));
        let kept = edges.len();
        for ((a, b), stats) in edges {
            let edge = Edge {
                weight: stats.count as f64,
                count: stats.count,
                documents: stats.documents,
                first_date: stats.first_date,
                last_date: stats.last_date,
                timeline: stats.timeline.labelled(),
                evidence: stats.evidence.into_iter().map(|(_, e)| e).collect(),
            };
            graph.add_edge(index[&a], index[&b], edge);
        }

        // The relation graph: the actors in a relation (a state a capital stood for may not
        // be named itself), edges by (source id, target id, type).
        let types = &dict.relations().types;
        let mut relations: Vec<((u32, u32, usize), RelationStats)> =
            self.relations.into_iter().collect();
        relations.sort_by(|(a, _), (b, _)| {
            (id(a.0), id(a.1), &types[a.2].name).cmp(&(id(b.0), id(b.1), &types[b.2].name))
        });
        let mut ends: Vec<u32> = relations
            .iter()
            .flat_map(|((a, b, _), _)| [*a, *b])
            .collect();
        // The dictionary's actors in id order (their numbers), then the provisional ones by
        // id: their numbers depend on the order the articles came in.
        let listed = dict.entities().len() as u32;
        ends.sort_unstable();
        ends.dedup();
        ends.sort_by(|&a, &b| (a >= listed, id(a)).cmp(&(b >= listed, id(b))));
        let mut rgraph = DiGraph::with_capacity(ends.len(), relations.len());
        let mut rindex = BTreeMap::new();
        let empty = NodeStats::default();
        let at: HashMap<u32, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, (e, _))| (*e, i))
            .collect();
        for e in ends {
            let stats = at.get(&e).map_or(&empty, |&i| &nodes[i].1);
            rindex.insert(e, rgraph.add_node(node(found.entity(dict, e), stats)));
        }
        for ((a, b, t), stats) in relations {
            let ty = &types[t];
            rgraph.add_edge(
                rindex[&a],
                rindex[&b],
                RelationEdge {
                    relation: ty.name.clone(),
                    cameo: ty.cameo.clone(),
                    count: stats.count,
                    documents: stats.documents,
                    confidence: hundredths(stats.confidence),
                    first_date: stats.first_date,
                    last_date: stats.last_date,
                    timeline: stats.timeline.labelled(),
                    evidence: stats.evidence.into_iter().map(|(_, e)| e).collect(),
                },
            );
        }
        let relation_count = rgraph.edge_count() as u64;
        ActorGraph {
            graph,
            relations: rgraph,
            info: RunInfo {
                articles: self.articles,
                dated_articles: self.dated_articles,
                mentions: self.mentions,
                windows: self.windows,
                edges: kept as u64,
                relations: relation_count,
                ..info
            },
        }
    }
}

/// A node for an entity from its statistics, with the roles valid at its articles' dates.
fn node(def: &crate::dictionary::Entity, stats: &NodeStats) -> Node {
    let roles = def
        .roles
        .iter()
        .enumerate()
        .filter_map(|(i, role)| {
            let articles = stats.roles.get(i).copied().unwrap_or(0);
            (articles > 0).then(|| RoleAt {
                role: role.clone(),
                articles,
            })
        })
        .collect();
    Node {
        id: def.id.clone(),
        label: def.label.clone(),
        kind: def.kind,
        mentions: stats.mentions,
        windows: stats.windows,
        documents: stats.documents,
        first_date: stats.first_date.clone(),
        last_date: stats.last_date.clone(),
        timeline: stats.timeline.labelled(),
        roles,
        attributes: def.attributes.clone(),
        measures: Measures::default(),
    }
}

/// A directed, typed relation edge: every sentence in which the cue says `source` does
/// `relation` to `target`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationEdge {
    /// The relation type ("attack").
    #[serde(rename = "type")]
    pub relation: String,
    /// Its CAMEO root code.
    pub cameo: String,
    /// Sentences stating it.
    pub count: u64,
    /// Articles stating it.
    pub documents: u64,
    /// The highest confidence of the sentences stating it, from 0 to 1.
    #[serde(default)]
    pub confidence: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_date: Option<String>,
    /// Counts by month (`YYYY-MM`) of dated articles: sentences.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub timeline: BTreeMap<String, u64>,
    pub evidence: Vec<RelationEvidence>,
}

/// A node: an actor seen in the corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub id: String,
    pub label: String,
    pub kind: Kind,
    /// Number of mentions.
    pub mentions: u64,
    /// Number of windows (sentences, paragraphs or articles) naming it.
    pub windows: u64,
    /// Number of articles mentioning it.
    pub documents: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_date: Option<String>,
    /// Counts by month (`YYYY-MM`) of dated articles: mentions.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub timeline: BTreeMap<String, u64>,
    /// The dictionary's roles valid at the dates of the articles naming the actor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleAt>,
    /// The dictionary's attributes (country, subtype, acts_for, coordinates).
    #[serde(flatten)]
    pub attributes: Attributes,
    /// Degree, weighted degree, betweenness, PageRank and community ([`crate::analysis`]).
    #[serde(flatten)]
    pub measures: Measures,
}

/// A dictionary role held at the date of at least one article naming the actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleAt {
    #[serde(flatten)]
    pub role: Role,
    /// Dated articles naming the actor while the role was held.
    pub articles: u64,
}

/// An undirected co-occurrence edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// The exported weight: `count` unless `--weight` chose another measure
    /// ([`crate::analysis::weights`]).
    pub weight: f64,
    /// Windows in which both actors appear.
    pub count: u64,
    /// Articles with at least one such window.
    pub documents: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_date: Option<String>,
    /// Counts by month (`YYYY-MM`) of dated articles: windows.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub timeline: BTreeMap<String, u64>,
    pub evidence: Vec<Evidence>,
}

/// How the graph was built, carried into every export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunInfo {
    pub generator: String,
    pub window: String,
    /// What an edge's `weight` is: count, documents, pmi, npmi, jaccard or dice.
    pub weight: String,
    pub evidence_limit: usize,
    pub articles: u64,
    pub dated_articles: u64,
    pub mentions: u64,
    /// Windows (sentences, paragraphs or articles) read.
    pub windows: u64,
    pub edges: u64,
    /// Relation edges (source, target, type).
    pub relations: u64,
    pub dictionary_entities: usize,
    /// Louvain communities of the co-occurrence graph and their modularity.
    pub communities: u64,
    pub modularity: f64,
    /// Pruning and selection that were applied; absent when not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_weight: Option<f64>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub min_documents: u64,
    /// Relations read with a lower confidence were left out (0 to 1).
    #[serde(default)]
    pub min_confidence: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top: Option<usize>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude_subtypes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backbone: Option<f64>,
    /// Betweenness was estimated from this many sampled sources; absent when exact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub betweenness_sources: Option<u64>,
    /// The date range (`--from`, `--to`) or period (`--by`) of the articles counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl RunInfo {
    pub fn new(dict: &Dictionary, window: Window, evidence_limit: usize) -> Self {
        RunInfo {
            generator: format!("actorgraph {}", env!("CARGO_PKG_VERSION")),
            window: window.to_string(),
            weight: "count".to_string(),
            evidence_limit,
            articles: 0,
            dated_articles: 0,
            mentions: 0,
            windows: 0,
            edges: 0,
            relations: 0,
            dictionary_entities: dict.entities().len(),
            communities: 0,
            modularity: 0.0,
            min_weight: None,
            min_documents: 0,
            min_confidence: 0.0,
            top: None,
            kinds: Vec::new(),
            exclude_subtypes: Vec::new(),
            backbone: None,
            betweenness_sources: None,
            from: None,
            to: None,
            period: None,
        }
    }
}

/// The co-occurrence graph and the relation graph, with how they were built.
#[derive(Debug, Clone)]
pub struct ActorGraph {
    pub graph: UnGraph<Node, Edge>,
    /// Typed, directed relations: a multigraph (one edge per source, target and type).
    pub relations: DiGraph<Node, RelationEdge>,
    pub info: RunInfo,
}

impl ActorGraph {
    /// Weighted degree (sum of incident edge weights) of every node, by node index.
    pub fn weighted_degrees(&self) -> Vec<f64> {
        let mut degree = vec![0.0; self.graph.node_count()];
        for e in self.graph.edge_indices() {
            let (a, b) = self.graph.edge_endpoints(e).expect("edge exists");
            let w = self.graph[e].weight;
            degree[a.index()] += w;
            degree[b.index()] += w;
        }
        degree
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;

    const DICT: &str = r#"
[[entity]]
id = "taliban"
kind = "group"
label = "Taliban"
aliases = ["Taliban"]

[[entity]]
id = "kabul"
kind = "place"
label = "Kabul"
aliases = ["Kabul"]

[[entity]]
id = "doha"
kind = "place"
label = "Doha"
aliases = ["Doha"]
"#;

    fn graph(docs: &[Document], order: &[usize], window: Window, limit: usize) -> ActorGraph {
        let dict = Dictionary::from_toml("d.toml", DICT).unwrap();
        let mut acc = Accumulator::new(limit);
        for &i in order {
            let ex = extract(&dict, &docs[i]);
            acc.add(
                Contribution::of(&dict, &docs[i], i as u64, &ex, window, limit),
                &docs[i].text,
            );
        }
        acc.finish(
            &dict,
            &Default::default(),
            RunInfo::new(&dict, window, limit),
        )
    }

    fn edge<'a>(g: &'a ActorGraph, a: &str, b: &str) -> &'a Edge {
        let find = |id: &str| {
            g.graph
                .node_indices()
                .find(|&n| g.graph[n].id == id)
                .unwrap()
        };
        let e = g.graph.find_edge(find(a), find(b)).expect("edge");
        &g.graph[e]
    }

    fn corpus() -> Vec<Document> {
        vec![
            Document::new(
                "c",
                Some("2021-08"),
                "Taliban in Kabul. Taliban weer in Kabul. Doha.",
            ),
            Document::new("a", Some("2020-02"), "Taliban en Kabul en Taliban."),
            Document::new("b", None, "Kabul.\nTaliban in Doha. Dan Kabul."),
        ]
    }

    #[test]
    fn merging_order_does_not_change_the_graph() {
        let docs = corpus();
        let forward = graph(&docs, &[0, 1, 2], Window::Sentence, 2);
        let backward = graph(&docs, &[2, 1, 0], Window::Sentence, 2);
        let nodes = |g: &ActorGraph| g.graph.node_weights().cloned().collect::<Vec<_>>();
        let edges = |g: &ActorGraph| g.graph.edge_weights().cloned().collect::<Vec<_>>();
        assert_eq!(nodes(&forward), nodes(&backward));
        assert_eq!(edges(&forward), edges(&backward));
    }

    #[test]
    fn weight_counts_windows_once_per_pair_and_dates_span_dated_articles() {
        let g = graph(&corpus(), &[0, 1, 2], Window::Sentence, 3);
        let e = edge(&g, "kabul", "taliban");
        // c: two sentences; a: one sentence naming Taliban twice; b: none.
        assert_eq!((e.count, e.documents), (3, 2));
        assert_eq!(
            (e.first_date.as_deref(), e.last_date.as_deref()),
            (Some("2020-02"), Some("2021-08"))
        );
        // Evidence: the first sentence of each article before a second one from article c.
        let quoted: Vec<(&str, usize)> = e
            .evidence
            .iter()
            .map(|x| (x.doc.as_str(), x.sentence))
            .collect();
        assert_eq!(quoted, vec![("a", 0), ("c", 0), ("c", 1)]);
    }

    #[test]
    fn paragraph_windows_quote_the_sentence_naming_each_actor() {
        let g = graph(&corpus(), &[0, 1, 2], Window::Paragraph, 3);
        let e = edge(&g, "doha", "kabul");
        // Article c is one paragraph; b's second paragraph names Doha then Kabul.
        assert_eq!(e.count, 2);
        let texts: Vec<&str> = e.evidence.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Taliban in Doha. … Dan Kabul.", "Taliban in Kabul. … Doha."]
        );
    }
}

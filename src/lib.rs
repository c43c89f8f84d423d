//! actorgraph: from news articles to a network of the actors they name.
//!
//! The pipeline: [`input`] streams documents → [`extract`] finds mentions with the compiled
//! [`dictionary`] (after [`text`] normalisation and segmentation) → [`relations`] reads typed,
//! directed relations from cue phrases → [`graph`] accumulates the co-occurrence graph and the
//! relation graph → [`export`] writes them, through [`output`] for atomic files.
//! [`pipeline`] runs all of it, analysis included, behind one call: the CLI's `build` is
//! argument parsing, progress and messages around [`pipeline::run`] and
//! [`pipeline::Graphs::write`], and other front ends call the same two.
//!
//! Documents are read in batches; each batch is extracted in parallel (rayon) and its results
//! merged in input order, so memory is bounded by the batch size and the graph, and results do
//! not depend on the number of threads.
//!
//! ```no_run
//! use actorgraph::{dictionary::Dictionary, input::Sources, graph::Window, BuildOptions, NoObserver};
//! let dict = Dictionary::load(&["dictionaries".into()]).unwrap();
//! let sources = Sources::discover(&["seeds".into()]).unwrap();
//! let opts = BuildOptions { window: Window::Sentence, evidence_limit: 3, threads: 0,
//!                          cooccurrence: true, relations: true, range: Default::default(),
//!                          by: None, min_confidence: actorgraph::relations::DEFAULT_MIN_CONFIDENCE };
//! let (graph, read) = actorgraph::build(&sources, &dict, &opts, &mut NoObserver).unwrap();
//! println!("{} articles, {} actors, {} relations", read.articles, graph.graph.node_count(),
//!          graph.relations.edge_count());
//! ```

pub mod analysis;
pub mod dictionary;
pub mod discover;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod input;
pub mod layout;
pub mod output;
pub mod partial;
pub mod pipeline;
pub mod promote;
pub mod query;
pub mod relations;
pub mod suggest;
pub mod text;

use analysis::time::{DateRange, Period};
use dictionary::Dictionary;
use extract::Extraction;
use graph::{Accumulator, ActorGraph, Contribution, RunInfo, Window};
use input::{Document, Item, Skip, Sources, Why};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, Write};

/// Documents per parallel batch, and the text size at which a batch is cut short.
const BATCH_DOCS: usize = 512;
const BATCH_BYTES: usize = 16 << 20;

/// Where an article stands: its place in the input (0-based, in reading order) and its
/// content key ([`input::content_key`]), computed once when it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Order {
    pub seq: u64,
    pub content: u64,
}

/// Hears about progress and about input that was skipped or only partly used.
pub trait Observer {
    /// Input skipped, or an article kept with a warning.
    fn issue(&mut self, skipped: bool, what: &Skip);
    /// `bytes` more of article text have been processed.
    fn progress(&mut self, _bytes: u64) {}
}

/// An observer that ignores everything.
pub struct NoObserver;

impl Observer for NoObserver {
    fn issue(&mut self, _skipped: bool, _what: &Skip) {}
}

/// What was read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ReadSummary {
    /// Articles used.
    pub articles: u64,
    /// Articles left out because their date is outside `--from`/`--to` (or they have none).
    pub out_of_range: u64,
    pub skipped: u64,
    pub warnings: u64,
    pub mentions: u64,
}

/// Runs extraction over every document in `range`, `map` in parallel and `sink` in input
/// order.
///
/// Three stages overlap: a reader thread parses the input into articles; the pool maps one
/// batch while this thread sinks the results of the batch before it. So neither reading nor
/// merging leaves the pool idle, and memory holds at most two batches and the channel.
pub fn process<T: Send, E>(
    sources: &Sources,
    dict: &Dictionary,
    threads: usize,
    range: &DateRange,
    map: impl Fn(Order, &Document, Extraction) -> T + Sync,
    mut sink: impl FnMut(T, &Document) -> Result<(), E>,
    observer: &mut dyn Observer,
) -> Result<ReadSummary, E>
where
    E: From<io::Error>,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| io::Error::other(e.to_string()))?;
    // One worker means one core: read, extract and merge in turn on this thread.
    let overlap = pool.current_num_threads() > 1;
    std::thread::scope(|scope| {
        let items: Box<dyn Iterator<Item = Item> + '_> = if overlap {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Item>(BATCH_DOCS);
            scope.spawn(move || {
                for item in sources.documents() {
                    if tx.send(item).is_err() {
                        break;
                    }
                }
            });
            Box::new(rx.into_iter())
        } else {
            Box::new(sources.documents())
        };
        let mut reader = Batches {
            items,
            range,
            seen: Articles::default(),
            summary: ReadSummary::default(),
        };
        let extract_batch = |batch: &[(Order, Document)]| -> Vec<(T, u64, usize)> {
            batch
                .par_iter()
                .map(|(order, doc)| {
                    let ex = extract::extract(dict, doc);
                    let mentions = ex.mentions.len() as u64;
                    (map(*order, doc, ex), mentions, doc.text.len())
                })
                .collect()
        };
        let mut sink_batch = |docs: Vec<(Order, Document)>,
                              results: Vec<(T, u64, usize)>,
                              summary: &mut ReadSummary,
                              observer: &mut dyn Observer|
         -> Result<(), E> {
            for ((result, mentions, bytes), (_, doc)) in results.into_iter().zip(&docs) {
                summary.mentions += mentions;
                sink(result, doc)?;
                observer.progress(bytes as u64);
            }
            Ok(())
        };
        let mut previous = None;
        loop {
            let batch = reader.next(observer);
            if batch.is_empty() && previous.is_none() {
                break;
            }
            let mut mapped = Vec::new();
            let mut sunk = Ok(());
            if overlap {
                pool.in_place_scope(|s| {
                    if !batch.is_empty() {
                        let (mapped, batch) = (&mut mapped, &batch);
                        s.spawn(|_| *mapped = extract_batch(batch));
                    }
                    if let Some((docs, results)) = previous.take() {
                        sunk = sink_batch(docs, results, &mut reader.summary, observer);
                    }
                });
            } else {
                mapped = pool.install(|| extract_batch(&batch));
                if let Some((docs, results)) = previous.take() {
                    sunk = sink_batch(docs, results, &mut reader.summary, observer);
                }
            }
            sunk?;
            if !batch.is_empty() {
                previous = Some((batch, mapped));
            }
        }
        Ok(reader.summary)
    })
}

/// The articles read (by the reader thread, or in turn with one worker), in batches, with the counts and messages of reading.
struct Batches<'a> {
    items: Box<dyn Iterator<Item = Item> + 'a>,
    range: &'a DateRange,
    seen: Articles,
    summary: ReadSummary,
}

impl Batches<'_> {
    /// The next batch: up to [`BATCH_DOCS`] articles or [`BATCH_BYTES`] of text, numbered in
    /// input order; empty at the end of the input.
    fn next(&mut self, observer: &mut dyn Observer) -> Vec<(Order, Document)> {
        let mut batch = Vec::new();
        let mut bytes = 0;
        while batch.len() < BATCH_DOCS && bytes < BATCH_BYTES {
            let Some(item) = self.items.next() else {
                break;
            };
            match item {
                Item::Document(doc) => {
                    if !self.range.contains(doc.date.as_deref()) {
                        self.summary.out_of_range += 1;
                        continue;
                    }
                    let content = input::content_key(&doc);
                    let origin = || doc.origin.clone();
                    if !self
                        .seen
                        .admit(&doc.id, content, origin, &mut self.summary, observer)
                    {
                        continue;
                    }
                    bytes += doc.text.len();
                    let seq = self.summary.articles;
                    batch.push((Order { seq, content }, doc));
                    self.summary.articles += 1;
                }
                Item::Skipped(skip) => {
                    self.summary.skipped += 1;
                    observer.issue(true, &skip);
                }
                Item::Warning(w) => {
                    self.summary.warnings += 1;
                    observer.issue(false, &w);
                }
            }
        }
        batch
    }
}

/// The articles read so far, as (id, content key ([`input::content_key`])): an article read
/// again counts once, and different articles that share an id are both kept, with a warning.
#[derive(Debug, Default)]
pub(crate) struct Articles(HashMap<String, Vec<u64>>);

impl Articles {
    /// Whether to use article `id` with content key `content`: not when it was read before
    /// (counted as skipped), yes when it is new, and yes with a warning when another article
    /// used its id. `origin` names where it came from in the message.
    pub(crate) fn admit(
        &mut self,
        id: &str,
        content: u64,
        origin: impl FnOnce() -> String,
        summary: &mut ReadSummary,
        observer: &mut dyn Observer,
    ) -> bool {
        let keys = match self.0.get_mut(id) {
            Some(keys) => keys,
            None => {
                self.0.insert(id.to_string(), vec![content]);
                return true;
            }
        };
        if keys.contains(&content) {
            summary.skipped += 1;
            let reason =
                format!("article {id:?} was already read (the same text and date): it counts once");
            observer.issue(true, &Skip::new(origin(), Why::DuplicateArticle, reason));
            return false;
        }
        keys.push(content);
        summary.warnings += 1;
        let reason = format!("article id {id:?} was already used by an earlier article");
        observer.issue(false, &Skip::new(origin(), Why::DuplicateId, reason));
        true
    }
}

/// How to build the co-occurrence graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildOptions {
    pub window: Window,
    /// Evidence sentences kept per edge.
    pub evidence_limit: usize,
    /// Worker threads; 0 uses every core.
    pub threads: usize,
    /// Build co-occurrence edges.
    pub cooccurrence: bool,
    /// Build relation edges.
    pub relations: bool,
    /// Only articles dated in this range (all when open).
    pub range: DateRange,
    /// Also build one graph per period.
    pub by: Option<Period>,
    /// Relations read with a lower confidence (in hundredths) are left out.
    pub min_confidence: u8,
}

/// A built graph, and with [`BuildOptions::by`] one graph per period (by period name).
#[derive(Debug, Clone)]
pub struct Built {
    pub graph: ActorGraph,
    pub periods: BTreeMap<String, ActorGraph>,
}

/// Reads every document and builds the co-occurrence graph and the relation graph.
pub fn build(
    sources: &Sources,
    dict: &Dictionary,
    opts: &BuildOptions,
    observer: &mut dyn Observer,
) -> io::Result<(ActorGraph, ReadSummary)> {
    let opts = BuildOptions {
        by: None,
        ..opts.clone()
    };
    let (built, summary) = build_periods(sources, dict, &opts, observer)?;
    Ok((built.graph, summary))
}

/// [`build`], and with `opts.by` also one graph per period of the dated articles.
pub fn build_periods(
    sources: &Sources,
    dict: &Dictionary,
    opts: &BuildOptions,
    observer: &mut dyn Observer,
) -> io::Result<(Built, ReadSummary)> {
    let mut graphs = Accumulation::new(dict, opts);
    let summary = process(
        sources,
        dict,
        opts.threads,
        &opts.range,
        |order, doc, ex| contribution(dict, opts, doc, &ex, order.content),
        |c, doc| {
            graphs.add(c, &doc.text);
            Ok::<(), io::Error>(())
        },
        observer,
    )?;
    Ok((graphs.finish(), summary))
}

/// What one article adds to the graphs `opts` asks for. `content` is its content key
/// ([`input::content_key`]): evidence of articles that share an id is ordered by it, not by
/// where they stand in the input.
pub fn contribution(
    dict: &Dictionary,
    opts: &BuildOptions,
    doc: &Document,
    ex: &Extraction,
    content: u64,
) -> Contribution {
    let mut c = if opts.cooccurrence {
        Contribution::of(dict, doc, content, ex, opts.window, opts.evidence_limit)
    } else {
        Contribution::entities_only(dict, doc, ex, opts.window)
    };
    if opts.relations {
        let found = relations::find(dict, doc, ex);
        c.add_relations(ex, found, opts.evidence_limit, opts.min_confidence);
    }
    c
}

/// The graphs of a run being accumulated, article by article in any order: the whole
/// corpus, one per period when `opts.by` asks, and the provisional actors found so far.
pub struct Accumulation<'a> {
    dict: &'a Dictionary,
    opts: &'a BuildOptions,
    all: Accumulator,
    periods: BTreeMap<String, Accumulator>,
    found: discover::Provisional,
}

impl<'a> Accumulation<'a> {
    pub fn new(dict: &'a Dictionary, opts: &'a BuildOptions) -> Accumulation<'a> {
        Accumulation {
            dict,
            opts,
            all: Accumulator::new(opts.evidence_limit),
            periods: BTreeMap::new(),
            found: discover::Provisional::default(),
        }
    }

    /// Adds one article's contribution; `text` is the article's text, or the text
    /// [`Contribution::compact`] made of it.
    pub fn add(&mut self, mut c: Contribution, text: &str) {
        let listed = self.dict.entities().len() as u32;
        c.number_provisional(listed, &mut self.found);
        if let Some(period) = self.opts.by.and_then(|p| c.date().and_then(|d| p.of(d))) {
            self.periods
                .entry(period)
                .or_insert_with(|| Accumulator::new(self.opts.evidence_limit))
                .add(c.clone(), text);
        }
        self.all.add(c, text);
    }

    /// The graphs, every node and edge seen (analysis is [`analysis::analyse`]'s job).
    pub fn finish(self) -> Built {
        let (dict, opts) = (self.dict, self.opts);
        let mut info = RunInfo::new(dict, opts.window, opts.evidence_limit);
        info.from = opts.range.from.clone();
        info.to = opts.range.to.clone();
        info.min_confidence = graph::hundredths(opts.min_confidence);
        let found = self.found;
        let periods = self
            .periods
            .into_iter()
            .map(|(name, acc)| {
                let info = RunInfo {
                    period: Some(name.clone()),
                    ..info.clone()
                };
                (name, acc.finish(dict, &found, info))
            })
            .collect();
        Built {
            graph: self.all.finish(dict, &found, info),
            periods,
        }
    }
}

#[derive(Serialize)]
struct RelationLine<'a> {
    doc: &'a str,
    relation: &'a str,
    cameo: &'a str,
    source: &'a str,
    target: &'a str,
    source_text: &'a str,
    target_text: &'a str,
    cue: &'a str,
    sentence: usize,
    text: String,
    confidence: f64,
    rule: &'static str,
}

/// A relation as an `extract` line: ids, the words naming each side, the cue and the
/// sentence(s) it was read from.
fn relation_line<'a>(
    dict: &'a Dictionary,
    doc: &'a Document,
    ex: &'a Extraction,
    r: &'a relations::Found,
) -> RelationLine<'a> {
    let ty = &dict.relations().types[r.relation];
    RelationLine {
        doc: &doc.id,
        relation: &ty.name,
        cameo: &ty.cameo,
        source: &ex.entity(dict, r.source).id,
        target: &ex.entity(dict, r.target).id,
        source_text: &r.source_text,
        target_text: &r.target_text,
        cue: &r.cue,
        sentence: r.sentence,
        text: graph::quote_sentences(doc, ex, r.first_sentence, r.sentence),
        confidence: graph::hundredths(r.confidence),
        rule: r.rule.name(),
    }
}

#[derive(Serialize)]
struct MentionLine<'a> {
    doc: &'a str,
    entity: &'a str,
    label: &'a str,
    kind: dictionary::Kind,
    start: usize,
    end: usize,
    text: &'a str,
    sentence: usize,
    paragraph: usize,
}

/// Writes every mention as a JSON line (`doc`, `entity`, `label`, `kind`, `start`, `end`,
/// `text`, `sentence`, `paragraph`), documents in input order, mentions in text order, then
/// every relation read, whatever its `confidence` (`build` keeps those at or above
/// `--min-confidence`).
pub fn extract_jsonl(
    sources: &Sources,
    dict: &Dictionary,
    threads: usize,
    out: &mut dyn Write,
    observer: &mut dyn Observer,
) -> io::Result<ReadSummary> {
    process(
        sources,
        dict,
        threads,
        &DateRange::default(),
        |_, doc, ex| {
            let mut buf = Vec::new();
            for m in &ex.mentions {
                let entity = ex.entity(dict, m.entity);
                let line = MentionLine {
                    doc: &doc.id,
                    entity: &entity.id,
                    label: &entity.label,
                    kind: entity.kind,
                    start: m.start,
                    end: m.end,
                    text: &doc.text[m.start..m.end],
                    sentence: m.sentence,
                    paragraph: m.paragraph,
                };
                serde_json::to_writer(&mut buf, &line).expect("serialising to memory");
                buf.push(b'\n');
            }
            for r in relations::find(dict, doc, &ex) {
                let line = relation_line(dict, doc, &ex, &r);
                serde_json::to_writer(&mut buf, &line).expect("serialising to memory");
                buf.push(b'\n');
            }
            buf
        },
        |buf, _| out.write_all(&buf),
        observer,
    )
}

/// The set of actors (entity ids) each article names, by article id. Articles that share an id
/// are merged.
pub fn entity_sets(
    sources: &Sources,
    dict: &Dictionary,
    threads: usize,
    observer: &mut dyn Observer,
) -> io::Result<(BTreeMap<String, BTreeSet<String>>, ReadSummary)> {
    let mut sets: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let summary = process(
        sources,
        dict,
        threads,
        &DateRange::default(),
        |_, doc, ex| {
            let ids: BTreeSet<String> = ex
                .mentions
                .iter()
                .map(|m| ex.entity(dict, m.entity).id.clone())
                .collect();
            (doc.id.clone(), ids)
        },
        |(doc, ids), _| {
            sets.entry(doc).or_default().extend(ids);
            Ok::<(), io::Error>(())
        },
        observer,
    )?;
    Ok((sets, summary))
}

/// Names that occur at least `min_count` times in the articles but in no dictionary, most
/// frequent first.
pub fn suggest(
    sources: &Sources,
    dict: &Dictionary,
    threads: usize,
    min_count: u64,
    observer: &mut dyn Observer,
) -> io::Result<(Vec<suggest::Suggestion>, ReadSummary)> {
    let mut all = suggest::Suggestions::default();
    let summary = process(
        sources,
        dict,
        threads,
        &DateRange::default(),
        |order, doc, mut ex| {
            // Provisional actors are names no dictionary lists: exactly what to suggest.
            let listed = dict.entities().len() as u32;
            ex.mentions.retain(|m| m.entity < listed);
            ex.provisional.clear();
            let found = suggest::candidates(doc, &ex);
            (order.seq, ex, found)
        },
        |(seq, ex, found), doc| {
            all.add(seq, doc, &ex, found);
            Ok::<(), io::Error>(())
        },
        observer,
    )?;
    Ok((all.finish(min_count), summary))
}

/// The provisional actors the discovery rules find in the articles, mentioned at least
/// `min_count` times, as dictionary entries ([`promote`]), most mentioned first.
pub fn provisional_entries(
    sources: &Sources,
    dict: &Dictionary,
    threads: usize,
    min_count: u64,
    observer: &mut dyn Observer,
) -> io::Result<(Vec<promote::Entry>, ReadSummary)> {
    let mut all = promote::Promotions::default();
    let summary = process(
        sources,
        dict,
        threads,
        &DateRange::default(),
        |order, _, ex| (order.seq, ex),
        |(seq, ex), doc| {
            all.add(seq, dict, doc, &ex);
            Ok::<(), io::Error>(())
        },
        observer,
    )?;
    Ok((all.finish(min_count), summary))
}

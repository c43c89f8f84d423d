//! Partials: the map/reduce contract. `actorgraph map` reads articles and writes a partial;
//! `actorgraph merge` reads partials and writes exactly the files `build` writes on the union
//! of their articles, for any split of the articles and any order of the partials.
//!
//! A partial holds one record per article: what the article adds to the graphs (its
//! [`Contribution`]: counts, windows, roles, pairs, relations, provisional actors and its
//! best evidence, already cut to the evidence limit) and the sentences that evidence quotes
//! ([`Contribution::compact`]), never the whole article. Merging accumulates the records as
//! `build` accumulates articles ([`Accumulation`]), which gives the same graphs in any order:
//! sums, earliest and latest dates, and evidence kept under a total order (rank in its
//! article, article id, content key, window), so the top K of a union is the top K of the
//! parts'. Because the records are per article, an article found in two partials (same id
//! and content key) counts once, and a merged partial ([`Merge::new`] with a state writer)
//! is a partial: yesterday's state plus today's articles.
//!
//! The file: the line `actorgraph partial 1`, a JSON line with the [`Header`] (what it was
//! made with, readable with `head -2`), then one zstd stream (with its checksum) of records,
//! each a little-endian u32 length and a postcard encoding, ending with a record that counts
//! the articles, so that a file cut short is told from a finished one.

//!
//! [`Header`] and [`PartialError`] are here, the file format in [`file`] ([`Writer`],
//! [`Reader`]), mapping and merging in [`merge`] ([`map`], [`Merge`]).

mod file;
mod merge;

pub use file::{Reader, Writer, encode};
pub use merge::{Merge, map};

use crate::BuildOptions;
use crate::dictionary::Dictionary;
use crate::graph::Window;
use serde::{Deserialize, Serialize};
use std::io;
use thiserror::Error;

/// What a partial was made with. Partials merge only with partials of the same header, and
/// with the dictionaries it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// The actorgraph version that made it: extraction changes between versions.
    pub actorgraph: String,
    /// [`Dictionary::fingerprint`] of the dictionaries it was made with.
    pub dictionaries: String,
    pub reading: Reading,
}

/// The options that decide what an article contributes, fixed when a partial is made (the
/// others, such as `--by`, weights and filters, are chosen when merging).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    /// `--window`: sentence, paragraph or document.
    pub window: String,
    /// `--evidence`: sentences kept per edge.
    pub evidence: usize,
    /// `--edges`: whether co-occurrence and relation edges are built.
    pub cooccurrence: bool,
    pub relations: bool,
    /// `--min-confidence`, in hundredths.
    pub min_confidence: u8,
    /// `--from` and `--to`.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Whether the discovery rules found provisional actors (not `--no-discovery`).
    pub discovery: bool,
}

impl Header {
    /// The header of partials made with `dict` and `opts` by this actorgraph.
    pub fn of(dict: &Dictionary, opts: &BuildOptions) -> Header {
        Header {
            actorgraph: env!("CARGO_PKG_VERSION").to_string(),
            dictionaries: dict.fingerprint(),
            reading: Reading::of(dict, opts),
        }
    }

    /// How `self` (a partial's) differs from `wanted`, in words for a message; empty when
    /// they agree.
    pub fn differences(&self, wanted: &Header) -> Vec<String> {
        let mut out = Vec::new();
        if self.actorgraph != wanted.actorgraph {
            out.push(format!(
                "by actorgraph {} (this is {})",
                self.actorgraph, wanted.actorgraph
            ));
        }
        if self.dictionaries != wanted.dictionaries {
            out.push(
                "with other dictionaries (their fingerprints differ: give the --dict and --lang it was mapped with)"
                    .to_string(),
            );
        }
        let (a, b) = (&self.reading, &wanted.reading);
        let mut option = |name: &str, theirs: String, ours: String| {
            if theirs != ours {
                out.push(format!("with {name} {theirs} (here: {ours})"));
            }
        };
        let edges = |r: &Reading| {
            let mut e = Vec::new();
            if r.cooccurrence {
                e.push("cooccurrence");
            }
            if r.relations {
                e.push("relations");
            }
            e.join(",")
        };
        let date = |d: &Option<String>| d.clone().unwrap_or_else(|| "(none)".to_string());
        option("--window", a.window.clone(), b.window.clone());
        option("--evidence", a.evidence.to_string(), b.evidence.to_string());
        option("--edges", edges(a), edges(b));
        option(
            "--min-confidence",
            crate::graph::hundredths(a.min_confidence).to_string(),
            crate::graph::hundredths(b.min_confidence).to_string(),
        );
        option("--from", date(&a.from), date(&b.from));
        option("--to", date(&a.to), date(&b.to));
        let discovery = |on: bool| if on { "on" } else { "off (--no-discovery)" };
        option(
            "discovery",
            discovery(a.discovery).to_string(),
            discovery(b.discovery).to_string(),
        );
        out
    }
}

impl Reading {
    pub fn of(dict: &Dictionary, opts: &BuildOptions) -> Reading {
        Reading {
            window: opts.window.as_str().to_string(),
            evidence: opts.evidence_limit,
            cooccurrence: opts.cooccurrence,
            relations: opts.relations,
            min_confidence: opts.min_confidence,
            from: opts.range.from.clone(),
            to: opts.range.to.clone(),
            discovery: dict.discovers(),
        }
    }

    /// `opts` with these reading options (its others kept); fails on a window or range a
    /// partial cannot have been made with.
    pub fn apply(&self, opts: &BuildOptions) -> Result<BuildOptions, String> {
        let window: Window = self.window.parse()?;
        let range = crate::analysis::time::DateRange::new(self.from.clone(), self.to.clone())
            .map_err(|e| e.to_string())?;
        Ok(BuildOptions {
            window,
            evidence_limit: self.evidence,
            cooccurrence: self.cooccurrence,
            relations: self.relations,
            min_confidence: self.min_confidence,
            range,
            ..opts.clone()
        })
    }
}

/// Why a partial could not be read, written or merged. Every message names the partial.
#[derive(Debug, Error)]
pub enum PartialError {
    #[error("{name}: {source}")]
    Io { name: String, source: io::Error },
    #[error("{name} is not an actorgraph partial (made by `actorgraph map`)")]
    NotAPartial { name: String },
    #[error("{name} is damaged: {what}")]
    Corrupt { name: String, what: String },
    #[error(
        "{name} was made {}: map its articles again with these, or merge with what it was made with",
        what.join(", ")
    )]
    Mismatch { name: String, what: Vec<String> },
}

impl PartialError {
    /// Writing the merged partial (`--state`) failed.
    pub fn state(source: io::Error) -> PartialError {
        PartialError::Io {
            name: "the merged partial".to_string(),
            source,
        }
    }
}

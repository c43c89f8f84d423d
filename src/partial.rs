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

use crate::dictionary::Dictionary;
use crate::graph::{Contribution, Window};
use crate::input::Sources;
use crate::{Accumulation, Articles, BuildOptions, Built, Observer, ReadSummary, Seen};
use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, BufReader, Read, Write};
use thiserror::Error;

/// The first line of every partial; the number is the format's version.
const MAGIC: &[u8] = b"actorgraph partial 1\n";
/// The header line is at most this long.
const MAX_HEADER: u64 = 64 << 10;
/// A record (one article's counts and quoted sentences) is at most this long.
const MAX_RECORD: u32 = 256 << 20;
/// zstd level: 3 (zstd's default) compresses a partial to about a tenth at several hundred
/// MB/s; higher levels save little more on this data and cost much more time.
const LEVEL: i32 = 3;

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

/// One record of the stream, as written.
#[derive(Serialize)]
enum RecordRef<'a> {
    Article(&'a Contribution, &'a str),
    End(u64),
}

/// One record of the stream, as read (the same shape as [`RecordRef`]).
#[derive(Deserialize)]
enum Record {
    Article(Contribution, String),
    End(u64),
}

/// An article's record, encoded and framed, ready for [`Writer::add_encoded`]: encoding is
/// done where the article is read (in parallel), writing in input order.
pub fn encode(c: &Contribution, text: &str) -> Vec<u8> {
    frame(&RecordRef::Article(c, text))
}

fn frame(record: &RecordRef) -> Vec<u8> {
    let mut out = vec![0; 4];
    let mut out = postcard::to_extend(record, std::mem::take(&mut out))
        .expect("serialising to memory cannot fail");
    let len = (out.len() - 4) as u32;
    out[..4].copy_from_slice(&len.to_le_bytes());
    out
}

/// Writes a partial: the header, then records as they are added, then the end record.
pub struct Writer<W: Write> {
    out: zstd::Encoder<'static, W>,
    articles: u64,
}

impl<W: Write> Writer<W> {
    pub fn new(mut out: W, header: &Header) -> io::Result<Writer<W>> {
        out.write_all(MAGIC)?;
        serde_json::to_writer(&mut out, header)?;
        out.write_all(b"\n")?;
        let mut out = zstd::Encoder::new(out, LEVEL)?;
        out.include_checksum(true)?;
        Ok(Writer { out, articles: 0 })
    }

    /// Adds one article's record, made by [`encode`].
    pub fn add_encoded(&mut self, record: &[u8]) -> io::Result<()> {
        self.articles += 1;
        self.out.write_all(record)
    }

    /// Adds one article: its contribution and the text its evidence points into.
    pub fn add(&mut self, c: &Contribution, text: &str) -> io::Result<()> {
        self.add_encoded(&encode(c, text))
    }

    /// Writes the end record and closes the stream; returns the output and the articles
    /// written.
    pub fn finish(mut self) -> io::Result<(W, u64)> {
        self.out.write_all(&frame(&RecordRef::End(self.articles)))?;
        Ok((self.out.finish()?, self.articles))
    }
}

/// Reads a partial: the header when opened, then the articles one by one.
pub struct Reader<R: Read> {
    name: String,
    header: Header,
    input: zstd::Decoder<'static, BufReader<R>>,
    articles: u64,
    ended: bool,
    buf: Vec<u8>,
}

impl<R: Read> Reader<R> {
    /// Opens a partial; `name` names it in messages (its path).
    pub fn new(name: &str, input: R) -> Result<Reader<R>, PartialError> {
        let io = |source| PartialError::Io {
            name: name.to_string(),
            source,
        };
        let not_partial = || PartialError::NotAPartial {
            name: name.to_string(),
        };
        let corrupt = |what: String| PartialError::Corrupt {
            name: name.to_string(),
            what,
        };
        let mut input = BufReader::new(input);
        let mut magic = Vec::new();
        (&mut input)
            .take(MAGIC.len() as u64)
            .read_to_end(&mut magic)
            .map_err(io)?;
        if magic != MAGIC {
            if magic.starts_with(b"actorgraph partial ") {
                return Err(corrupt(format!(
                    "it is in a partial format this actorgraph does not read ({:?}; this one reads {:?})",
                    String::from_utf8_lossy(&magic).trim_end(),
                    String::from_utf8_lossy(MAGIC).trim_end(),
                )));
            }
            return Err(not_partial());
        }
        let mut line = Vec::new();
        (&mut input)
            .take(MAX_HEADER)
            .read_until(b'\n', &mut line)
            .map_err(io)?;
        if line.last() != Some(&b'\n') {
            return Err(corrupt("its header line is cut short".to_string()));
        }
        let header: Header = serde_json::from_slice(&line)
            .map_err(|e| corrupt(format!("its header is not readable: {e}")))?;
        let input = zstd::Decoder::with_buffer(input).map_err(io)?;
        Ok(Reader {
            name: name.to_string(),
            header,
            input,
            articles: 0,
            ended: false,
            buf: Vec::new(),
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn header(&self) -> &Header {
        &self.header
    }

    /// `opts` with the reading options this partial was made with (the others kept).
    pub fn reading_options(&self, opts: &BuildOptions) -> Result<BuildOptions, PartialError> {
        self.header
            .reading
            .apply(opts)
            .map_err(|what| self.corrupt(format!("its header does not hold: {what}")))
    }

    /// The number of articles read so far.
    pub fn articles(&self) -> u64 {
        self.articles
    }

    fn corrupt(&self, what: String) -> PartialError {
        PartialError::Corrupt {
            name: self.name.clone(),
            what,
        }
    }

    /// The next article's contribution and text, or `None` after the last one (once the end
    /// record and the end of the file are read).
    pub fn next_article(&mut self) -> Result<Option<(Contribution, String)>, PartialError> {
        if self.ended {
            return Ok(None);
        }
        let at = self.articles + 1;
        let mut len = [0u8; 4];
        if let Err(e) = self.input.read_exact(&mut len) {
            return Err(self.cut_short(at, e));
        }
        let len = u32::from_le_bytes(len);
        if len > MAX_RECORD {
            return Err(self.corrupt(format!(
                "record {at} claims {len} bytes (at most {MAX_RECORD})"
            )));
        }
        self.buf.clear();
        let read = (&mut self.input)
            .take(u64::from(len))
            .read_to_end(&mut self.buf);
        match read {
            Ok(n) if n == len as usize => {}
            Ok(_) => return Err(self.cut_short(at, io::ErrorKind::UnexpectedEof.into())),
            Err(e) => return Err(self.cut_short(at, e)),
        }
        let record = match postcard::take_from_bytes::<Record>(&self.buf) {
            Ok((record, [])) => record,
            Ok(_) => return Err(self.corrupt(format!("record {at} has bytes left over"))),
            Err(e) => return Err(self.corrupt(format!("record {at} is not readable: {e}"))),
        };
        match record {
            Record::Article(c, text) => {
                self.articles = at;
                Ok(Some((c, text)))
            }
            Record::End(count) if count != self.articles => Err(self.corrupt(format!(
                "it ends saying {count} articles after {} of them",
                self.articles
            ))),
            Record::End(_) => {
                let mut rest = [0u8; 1];
                match self.input.read(&mut rest) {
                    Ok(0) => {
                        self.ended = true;
                        Ok(None)
                    }
                    Ok(_) => Err(self.corrupt("it goes on after its end record".to_string())),
                    Err(e) => Err(self.cut_short(at, e)),
                }
            }
        }
    }

    /// The message for a stream that ends, or fails to decompress, at record `at`.
    fn cut_short(&self, at: u64, e: io::Error) -> PartialError {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            self.corrupt(format!(
                "it is cut short after {} articles (at record {at})",
                self.articles
            ))
        } else if e.kind() == io::ErrorKind::Other || e.kind() == io::ErrorKind::InvalidData {
            self.corrupt(format!("at record {at}: {e}"))
        } else {
            PartialError::Io {
                name: self.name.clone(),
                source: e,
            }
        }
    }
}

/// Reads the articles of `sources` and writes their partial to `out` (made with `dict` and
/// `opts`; `opts.by` does not matter, periods are chosen when merging). Returns the output
/// and what was read. Extraction and encoding run in parallel; records are written in input
/// order, so the bytes do not depend on the thread count.
pub fn map<W: Write>(
    sources: &Sources,
    dict: &Dictionary,
    opts: &BuildOptions,
    out: W,
    observer: &mut dyn Observer,
) -> io::Result<(W, ReadSummary)> {
    let mut writer = Writer::new(out, &Header::of(dict, opts))?;
    let summary = crate::process(
        sources,
        dict,
        opts.threads,
        &opts.range,
        |order, doc, ex| {
            let mut c = crate::contribution(dict, opts, doc, &ex, order.content);
            let text = c.compact(&doc.text);
            encode(&c, &text)
        },
        |record, _| writer.add_encoded(&record),
        observer,
    )?;
    let (out, _) = writer.finish()?;
    Ok((out, summary))
}

/// Refuses a partial whose header is not `wanted`, saying how it differs.
fn check_header<R: Read>(partial: &Reader<R>, wanted: &Header) -> Result<(), PartialError> {
    let what = partial.header().differences(wanted);
    if what.is_empty() {
        Ok(())
    } else {
        Err(PartialError::Mismatch {
            name: partial.name().to_string(),
            what,
        })
    }
}

/// The next article of `partial`, checked against `dict` ([`Contribution::check`]).
fn checked_next<R: Read>(
    partial: &mut Reader<R>,
    dict: &Dictionary,
) -> Result<Option<(Contribution, String)>, PartialError> {
    let Some((c, text)) = partial.next_article()? else {
        return Ok(None);
    };
    match c.check(dict, &text) {
        Ok(()) => Ok(Some((c, text))),
        Err(what) => Err(partial.corrupt(format!(
            "article {} ({:?}): {what}",
            partial.articles(),
            c.article().0
        ))),
    }
}

/// Partials being merged into the graphs of `build`, and, when asked, into one partial.
pub struct Merge<'a, W: Write> {
    dict: &'a Dictionary,
    header: Header,
    graphs: Accumulation<'a>,
    articles: Articles,
    state: Option<Writer<W>>,
    summary: ReadSummary,
}

impl<'a, W: Write> Merge<'a, W> {
    /// A merge of partials made with `dict` and `opts` (the reading options of `opts` must be
    /// those of the partials: [`Reading::apply`]); with `state`, the merged articles are also
    /// written there as one partial.
    pub fn new(
        dict: &'a Dictionary,
        opts: &'a BuildOptions,
        state: Option<W>,
    ) -> io::Result<Merge<'a, W>> {
        let header = Header::of(dict, opts);
        let state = state.map(|out| Writer::new(out, &header)).transpose()?;
        Ok(Merge {
            dict,
            header,
            graphs: Accumulation::new(dict, opts),
            articles: Articles::default(),
            state,
            summary: ReadSummary::default(),
        })
    }

    /// Whether the partial was made as this merge reads: by this actorgraph, with these
    /// dictionaries and reading options. [`Merge::add`] asks first; asking before merging
    /// finds a partial made otherwise before any work.
    pub fn accepts<R: Read>(&self, partial: &Reader<R>) -> Result<(), PartialError> {
        check_header(partial, &self.header)
    }

    /// Adds every article of a partial. An article already merged (the same id and content
    /// key) is left out, as `build` leaves out an article read twice. Fails, naming the
    /// partial, when it was made with other dictionaries or options or is damaged; the
    /// articles it added before the damage stay added, so give up the merge then.
    pub fn add<R: Read>(
        &mut self,
        mut partial: Reader<R>,
        observer: &mut dyn Observer,
    ) -> Result<(), PartialError> {
        self.accepts(&partial)?;
        while let Some((c, text)) = checked_next(&mut partial, self.dict)? {
            let n = partial.articles();
            self.take(partial.name(), n, c, text, observer)?;
        }
        Ok(())
    }

    /// [`Merge::add`] for every partial, in order; while this thread merges the articles,
    /// another reads them (decompresses, decodes and checks), so that reading costs little
    /// more than merging. Stops at the first partial refused, with its error.
    pub fn add_all<R, I>(
        &mut self,
        partials: I,
        observer: &mut dyn Observer,
    ) -> Result<(), PartialError>
    where
        R: Read + Send,
        I: IntoIterator<Item = Result<Reader<R>, PartialError>>,
        I::IntoIter: Send,
    {
        /// An article read: its partial's name, its number there, its contribution and text.
        type Read = Result<(std::sync::Arc<str>, u64, Contribution, String), PartialError>;
        let (dict, header) = (self.dict, self.header.clone());
        let partials = partials.into_iter();
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Read>(1024);
            scope.spawn(move || {
                for partial in partials {
                    let sent = (|| {
                        let mut partial = partial?;
                        check_header(&partial, &header)?;
                        let name: std::sync::Arc<str> = partial.name().into();
                        while let Some((c, text)) = checked_next(&mut partial, dict)? {
                            let n = partial.articles();
                            if tx.send(Ok((name.clone(), n, c, text))).is_err() {
                                break;
                            }
                        }
                        Ok(())
                    })();
                    if let Err(e) = sent {
                        let _ = tx.send(Err(e));
                        return;
                    }
                }
            });
            for read in rx {
                let (name, n, c, text) = read?;
                self.take(&name, n, c, text, observer)?;
            }
            Ok(())
        })
    }

    /// Merges article `n` of partial `name`, unless it was merged before.
    fn take(
        &mut self,
        name: &str,
        n: u64,
        c: Contribution,
        text: String,
        observer: &mut dyn Observer,
    ) -> Result<(), PartialError> {
        let (id, content) = c.article();
        let origin = || format!("{name}: article {n}");
        match self.articles.add(id, content) {
            Seen::Again => {
                self.summary.skipped += 1;
                observer.issue(true, &Seen::again(&origin(), id));
                return Ok(());
            }
            Seen::SameId => {
                self.summary.warnings += 1;
                observer.issue(false, &Seen::same_id(&origin(), id));
            }
            Seen::New => {}
        }
        if let Some(state) = &mut self.state {
            state.add(&c, &text).map_err(|source| PartialError::Io {
                name: "the merged partial".to_string(),
                source,
            })?;
        }
        self.summary.articles += 1;
        self.summary.mentions += c.mentions();
        observer.progress(text.len() as u64);
        self.graphs.add(c, &text);
        Ok(())
    }

    /// The merged graphs, what was merged, and the state output when there is one.
    pub fn finish(self) -> io::Result<(Built, ReadSummary, Option<W>)> {
        let state = match self.state {
            Some(writer) => Some(writer.finish()?.0),
            None => None,
        };
        Ok((self.graphs.finish(), self.summary, state))
    }
}

//! Mapping articles to a partial, and merging partials into the graphs of `build`.

use super::{Header, PartialError, Reader, Writer, encode};
use crate::dictionary::Dictionary;
use crate::graph::Contribution;
use crate::input::Sources;
use crate::{Accumulation, Articles, BuildOptions, Built, Observer, ReadSummary};
use std::io::{self, Read, Write};

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

    /// Adds every article of a partial. An article already merged (the same id and content
    /// key) is left out, as `build` leaves out an article read twice. Fails, naming the
    /// partial, when it was made with other dictionaries or options ([`Reader::check`]) or is
    /// damaged; the articles it added before the damage stay added, so give up the merge then.
    pub fn add<R: Read + Send>(
        &mut self,
        partial: Reader<R>,
        observer: &mut dyn Observer,
    ) -> Result<(), PartialError> {
        self.add_all([Ok(partial)], observer)
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
                        partial.check(&header)?;
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
        if !self
            .articles
            .admit(id, content, origin, &mut self.summary, observer)
        {
            return Ok(());
        }
        if let Some(state) = &mut self.state {
            state.add(&c, &text).map_err(PartialError::state)?;
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

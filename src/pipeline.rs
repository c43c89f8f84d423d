//! The whole run behind one API: read → extract → accumulate → analyse → serialise → write.
//!
//! The CLI's `build`, and any other front end, call [`run`] for the analysed graphs and
//! [`Graphs::files`] or [`Graphs::write`] for the files, so every front end writes the same
//! bytes for the same inputs and options. What stays in a front end is its own: parsing its
//! arguments, progress, messages and exit codes.
//!
//! ```no_run
//! use actorgraph::{pipeline, dictionary::Dictionary, input::Sources, NoObserver};
//! let dict = Dictionary::builtin(None).unwrap();
//! let sources = Sources::discover(&["seeds".into()]).unwrap();
//! let options = pipeline::Options::default();
//! let graphs = pipeline::run(&sources, &dict, &options, &mut NoObserver).unwrap();
//! graphs.write("output".as_ref(), &dict, &options, &[pipeline::Format::Json]).unwrap();
//! ```

use crate::analysis::time::{Period, changes};
use crate::analysis::{Analysis, analyse};
use crate::dictionary::Dictionary;
use crate::export::net::{Net, Which, positions};
use crate::export::render::{self, Image, RenderError};
use crate::export::{csv, dot, gexf, graphml, html, json, webjson};
use crate::graph::ActorGraph;
use crate::input::Sources;
use crate::partial::{self, PartialError};
use crate::{BuildOptions, Built, Observer, ReadSummary, build_periods, output};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use thiserror::Error;

/// A kind of file `build` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// graph.json, relations.json: node-link JSON for D3 and networkx.
    Json,
    /// graph.dot, relations.dot: Graphviz source.
    Dot,
    /// graph.gexf, relations.gexf: GEXF 1.3 for Gephi, with time spells.
    Gexf,
    /// graph.graphml, relations.graphml: GraphML for yEd, igraph and networkx.
    Graphml,
    /// nodes.csv, edges.csv, relations.csv: Gephi's spreadsheet import.
    Csv,
    /// graph.cyjs, relations.cyjs: Cytoscape.js elements JSON.
    Cyjs,
    /// graph.graphology.json, relations.graphology.json: for sigma.js and Gephi Lite.
    Graphology,
    /// index.html: the explorer page.
    Html,
    /// graph.svg, relations.svg: the drawings, rendered by Graphviz.
    Svg,
    /// graph.png, relations.png: the drawings as images, rendered by Graphviz.
    Png,
}

impl Format {
    /// Every format, in the order of their names in messages.
    pub const ALL: [Format; 10] = [
        Format::Json,
        Format::Dot,
        Format::Gexf,
        Format::Graphml,
        Format::Csv,
        Format::Cyjs,
        Format::Graphology,
        Format::Html,
        Format::Svg,
        Format::Png,
    ];

    /// Formats written when none is named: every one but PNG, the last of [`Format::ALL`]
    /// (SVG only when Graphviz is installed).
    pub const DEFAULT: [Format; 9] = {
        let mut out = [Format::Json; 9];
        let mut i = 0;
        while i < out.len() {
            out[i] = Format::ALL[i];
            i += 1;
        }
        out
    };

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Dot => "dot",
            Format::Gexf => "gexf",
            Format::Graphml => "graphml",
            Format::Csv => "csv",
            Format::Cyjs => "cyjs",
            Format::Graphology => "graphology",
            Format::Html => "html",
            Format::Svg => "svg",
            Format::Png => "png",
        }
    }

    /// Whether the format carries the tool's layout (so the layout is computed only for
    /// them). CSV and node-link JSON do not.
    pub fn carries_positions(self) -> bool {
        !matches!(self, Format::Json | Format::Csv)
    }

    /// Whether the format needs Graphviz.
    pub fn needs_graphviz(self) -> bool {
        matches!(self, Format::Svg | Format::Png)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                format!(
                    "unknown format {s:?} (expected one of {})",
                    names.join(", ")
                )
            })
    }
}

/// Everything a run needs besides its inputs and dictionaries.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// What to read and accumulate.
    pub build: BuildOptions,
    /// Weights, filters and measures applied to the built graphs.
    pub analysis: Analysis,
    /// Most actors drawn in the DOT drawings.
    pub max_nodes: usize,
    /// Most actors shown in the explorer page ([`html::PAGE_NODES`] by default).
    pub page_nodes: usize,
    /// Ties drawn per actor in the DOT drawings ([`dot::DotOptions::ties_per_actor`]).
    pub ties_per_actor: usize,
}

impl Default for Options {
    /// The CLI's defaults: sentence windows, 3 evidence sentences per edge, every core, both
    /// graphs, the default relation confidence, no period graphs, 200 actors drawn.
    fn default() -> Options {
        Options {
            build: BuildOptions {
                window: crate::graph::Window::Sentence,
                evidence_limit: 3,
                threads: 0,
                cooccurrence: true,
                relations: true,
                range: Default::default(),
                by: None,
                min_confidence: crate::relations::DEFAULT_MIN_CONFIDENCE,
            },
            analysis: Analysis {
                cooccurrence: true,
                ..Analysis::default()
            },
            max_nodes: 200,
            page_nodes: html::PAGE_NODES,
            ties_per_actor: dot::TIES_PER_ACTOR,
        }
    }
}

/// Why the files could not be made or written.
#[derive(Debug, Error)]
pub enum WriteError {
    #[error("writing {what}: {source}")]
    Serialise {
        what: &'static str,
        source: io::Error,
    },
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error("writing to {dir}: {source}")]
    Io { dir: PathBuf, source: io::Error },
}

/// The analysed graphs of a run: the whole corpus, one graph per period when
/// [`BuildOptions::by`] asks for them, and what reading found.
#[derive(Debug, Clone)]
pub struct Graphs {
    pub graph: ActorGraph,
    pub periods: BTreeMap<String, ActorGraph>,
    pub summary: ReadSummary,
}

/// Reads every article of `sources`, builds the co-occurrence and relation graphs (and the
/// period graphs) and analyses them.
pub fn run(
    sources: &Sources,
    dict: &Dictionary,
    options: &Options,
    observer: &mut dyn Observer,
) -> io::Result<Graphs> {
    let (built, summary) = build_periods(sources, dict, &options.build, observer)?;
    Ok(analysed(built, summary, options))
}

/// Merges partials ([`crate::partial`]) into the graphs [`run`] makes of all their articles,
/// each article counted once, and analyses them; with `state`, also writes the merged
/// partial there. `options.build` must hold the partials' reading options
/// ([`partial::Reading::apply`]); a partial made otherwise, or damaged, is refused with a
/// message naming it. The order of the partials does not change the graphs.
pub fn merge<R: Read + Send, W: Write, I>(
    partials: I,
    dict: &Dictionary,
    options: &Options,
    state: Option<W>,
    observer: &mut dyn Observer,
) -> Result<(Graphs, Option<W>), PartialError>
where
    I: IntoIterator<Item = Result<partial::Reader<R>, PartialError>>,
    I::IntoIter: Send,
{
    let mut merge =
        partial::Merge::new(dict, &options.build, state).map_err(PartialError::state)?;
    merge.add_all(partials, observer)?;
    let (built, summary, state) = merge.finish().map_err(PartialError::state)?;
    Ok((analysed(built, summary, options), state))
}

/// Analyses built graphs with `options`: the second half of [`run`] and [`merge`].
fn analysed(built: Built, summary: ReadSummary, options: &Options) -> Graphs {
    // Measures come from the co-occurrence graph when one was built.
    let analysis = Analysis {
        cooccurrence: options.build.cooccurrence,
        ..options.analysis.clone()
    };
    let graph = analyse(built.graph, &analysis);
    let periods = built
        .periods
        .into_iter()
        .map(|(name, g)| (name, analyse(g, &analysis)))
        .collect();
    Graphs {
        graph,
        periods,
        summary,
    }
}

/// A file of a run: its path under the output folder, and its bytes.
pub type File = (PathBuf, Vec<u8>);

impl Graphs {
    /// Every file of the run in `formats`, then the period files, as (path relative to the
    /// output folder, bytes) in a fixed order.
    pub fn files(
        &self,
        dict: &Dictionary,
        options: &Options,
        formats: &[Format],
    ) -> Result<Vec<File>, WriteError> {
        let mut files = Vec::new();
        self.each_file(dict, options, formats, &mut |file| {
            files.push(file);
            Ok(())
        })?;
        Ok(files)
    }

    /// Hands [`Graphs::files`] to `emit` one by one, as each is made.
    pub fn each_file(
        &self,
        dict: &Dictionary,
        options: &Options,
        formats: &[Format],
        emit: &mut dyn FnMut(File) -> Result<(), WriteError>,
    ) -> Result<(), WriteError> {
        outputs(&self.graph, dict, options, formats, emit)?;
        if let Some(by) = options.build.by {
            for file in period_outputs(&self.periods, dict, options, by)? {
                emit(file)?;
            }
        }
        Ok(())
    }

    /// Writes [`Graphs::files`] into `dir`, all or none ([`output::Staged`]), holding one
    /// file's bytes at a time, and removes the period folders an earlier run left there that
    /// this one did not write. Returns the paths written.
    pub fn write(
        &self,
        dir: &Path,
        dict: &Dictionary,
        options: &Options,
        formats: &[Format],
    ) -> Result<Vec<PathBuf>, WriteError> {
        let io_error = |source| WriteError::Io {
            dir: dir.to_path_buf(),
            source,
        };
        let mut staged = output::Staged::default();
        let mut paths = Vec::new();
        self.each_file(dict, options, formats, &mut |(path, bytes)| {
            let path = dir.join(path);
            staged.stage(&path, &bytes).map_err(io_error)?;
            paths.push(path);
            Ok(())
        })?;
        staged.commit().map_err(io_error)?;
        if let Some(by) = options.build.by {
            remove_stale_periods(&dir.join(period_folder(by)), &self.periods);
        }
        Ok(paths)
    }
}

/// The folder of the period graphs: `by-month`, `by-year`.
pub fn period_folder(by: Period) -> String {
    format!("by-{by}")
}

/// Serialises into a buffer, naming what failed.
fn bytes(
    what: &'static str,
    write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>,
) -> Result<Vec<u8>, WriteError> {
    let mut buf = Vec::new();
    write(&mut buf).map_err(|source| WriteError::Serialise { what, source })?;
    Ok(buf)
}

/// The files of a `--by` run: `by-PERIOD/NAME/graph.json` and `relations.json` for each
/// period, and the tables `actors.csv` and `periods.csv`.
fn period_outputs(
    periods: &BTreeMap<String, ActorGraph>,
    dict: &Dictionary,
    options: &Options,
    by: Period,
) -> Result<Vec<File>, WriteError> {
    let dir = PathBuf::from(period_folder(by));
    let types = &dict.relations().types;
    let mut files = Vec::new();
    for (name, g) in periods {
        if options.build.cooccurrence {
            files.push((
                dir.join(name).join("graph.json"),
                bytes("JSON", |out| json::write(g, out))?,
            ));
        }
        if options.build.relations {
            files.push((
                dir.join(name).join("relations.json"),
                bytes("JSON", |out| json::write_relations(g, types, out))?,
            ));
        }
    }
    files.push((
        dir.join("actors.csv"),
        bytes("actors.csv", |out| {
            csv::write_changes(&changes(periods), out)
        })?,
    ));
    files.push((
        dir.join("periods.csv"),
        bytes("periods.csv", |out| csv::write_periods(periods, out))?,
    ));
    Ok(files)
}

/// Removes period folders an earlier `--by` run left in `dir` that this run did not write,
/// when they hold nothing but the files a run writes there.
fn remove_stale_periods(dir: &Path, periods: &BTreeMap<String, ActorGraph>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !path.is_dir() || periods.contains_key(&name) {
            continue;
        }
        let ours = std::fs::read_dir(&path).is_ok_and(|files| {
            files.flatten().all(|f| {
                let n = f.file_name();
                n == "graph.json" || n == "relations.json"
            })
        });
        if ours {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// Serialises the whole-corpus graphs in every requested format, in a fixed order.
fn outputs(
    graph: &ActorGraph,
    dict: &Dictionary,
    options: &Options,
    formats: &[Format],
    emit: &mut dyn FnMut(File) -> Result<(), WriteError>,
) -> Result<(), WriteError> {
    let types = &dict.relations().types;
    let mut which = Vec::new();
    if options.build.cooccurrence {
        which.push(Which::Cooccurrence);
    }
    if options.build.relations {
        which.push(Which::Relations);
    }
    let positions = if formats.iter().any(|f| f.carries_positions()) {
        positions(graph)
    } else {
        HashMap::new()
    };
    let nets: Vec<Net> = which
        .iter()
        .map(|&w| Net::of(graph, w, types, &positions))
        .collect();
    let dot_options = dot::DotOptions {
        max_nodes: options.max_nodes,
        ties_per_actor: options.ties_per_actor,
    };
    let needs_dot = formats
        .iter()
        .any(|f| matches!(f, Format::Dot | Format::Svg | Format::Png));
    let mut dots: Vec<String> = Vec::new();
    if needs_dot {
        for net in &nets {
            let buf = bytes("DOT", |out| match net.which {
                Which::Cooccurrence => dot::write(graph, &dot_options, out),
                Which::Relations => dot::write_relations(graph, types, &dot_options, out),
            })?;
            dots.push(String::from_utf8(buf).expect("DOT is written as UTF-8"));
        }
    }
    for &format in formats {
        match format {
            Format::Csv => {
                let refs: Vec<&Net> = nets.iter().collect();
                emit((
                    "nodes.csv".into(),
                    bytes("CSV", |out| csv::write_nodes(&refs, out))?,
                ))?;
                for net in &nets {
                    let name = match net.which {
                        Which::Cooccurrence => "edges.csv",
                        Which::Relations => "relations.csv",
                    };
                    emit((name.into(), bytes("CSV", |out| csv::write_edges(net, out))?))?;
                }
            }
            Format::Html => {
                let page = html::PageOptions {
                    max_nodes: options.page_nodes,
                };
                emit((
                    "index.html".into(),
                    bytes("the explorer page", |out| {
                        html::write(&nets, types, &page, out)
                    })?,
                ))?;
            }
            _ => {
                for (i, net) in nets.iter().enumerate() {
                    let stem = net.which.stem();
                    let (ext, data) = match format {
                        Format::Json => (
                            "json",
                            bytes("JSON", |out| match net.which {
                                Which::Cooccurrence => json::write(graph, out),
                                Which::Relations => json::write_relations(graph, types, out),
                            })?,
                        ),
                        Format::Dot => ("dot", dots[i].clone().into_bytes()),
                        Format::Svg => ("svg", render::render(&dots[i], Image::Svg)?),
                        Format::Png => ("png", render::render(&dots[i], Image::Png)?),
                        Format::Gexf => ("gexf", bytes("GEXF", |out| gexf::write(net, out))?),
                        Format::Graphml => {
                            ("graphml", bytes("GraphML", |out| graphml::write(net, out))?)
                        }
                        Format::Cyjs => (
                            "cyjs",
                            bytes("Cytoscape JSON", |out| webjson::write_cytoscape(net, out))?,
                        ),
                        Format::Graphology => (
                            "graphology.json",
                            bytes("graphology JSON", |out| webjson::write_graphology(net, out))?,
                        ),
                        Format::Csv | Format::Html => unreachable!("written above"),
                    };
                    emit((format!("{stem}.{ext}").into(), data))?;
                }
            }
        }
    }
    Ok(())
}

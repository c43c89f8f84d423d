//! `actorgraph._actorgraph`: the Rust side of the Python package. It calls the library's
//! pipeline (`actorgraph::pipeline`) exactly as the CLI does and hands back the JSON the CLI
//! writes; `actorgraph/__init__.py` turns that into dicts and networkx graphs.
//!
//! Errors become Python exceptions with the CLI's messages: a bad dictionary or option is a
//! `ValueError`, a file that cannot be read or written an `OSError`. Nothing panics across the
//! boundary (PyO3 turns a panic into `PanicException`, which would be a bug here).

use actorgraph::analysis::Analysis;
use actorgraph::analysis::time::{DateRange, Period};
use actorgraph::analysis::weights::WeightKind;
use actorgraph::dictionary::builtin::DictSource;
use actorgraph::dictionary::{Dictionary, Kind};
use actorgraph::export::json;
use actorgraph::graph::Window;
use actorgraph::input::{Skip, Source, Sources};
use actorgraph::partial::{self, PartialError};
use actorgraph::pipeline::{self, Format, Graphs, Options};
use actorgraph::{BuildOptions, Observer, ReadSummary};
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use std::path::PathBuf;
use std::sync::Arc;

fn value_error(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

fn os_error(e: impl std::fmt::Display) -> PyErr {
    PyOSError::new_err(e.to_string())
}

/// Compiled dictionaries: the built-in set, a `./dictionaries` folder, or the paths given.
#[pyclass(frozen, module = "actorgraph._actorgraph")]
struct Dictionaries {
    dict: Arc<Dictionary>,
    source: String,
}

#[pymethods]
impl Dictionaries {
    /// Loads `paths` (files or folders of `*.toml`), or, when `paths` is None, `./dictionaries`
    /// if there is one, else the built-in set; `lang` keeps only those language layers, and
    /// `discovery=False` leaves out the discovery rules (no provisional actors).
    #[staticmethod]
    #[pyo3(signature = (paths=None, lang=None, discovery=true))]
    fn load(
        py: Python<'_>,
        paths: Option<Vec<PathBuf>>,
        lang: Option<Vec<String>>,
        discovery: bool,
    ) -> PyResult<Self> {
        let source = DictSource::resolve(&paths.unwrap_or_default());
        let described = match &source {
            DictSource::Paths(p) => p
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            DictSource::BuiltIn => "built-in".to_string(),
        };
        let langs = lang.filter(|l| !l.is_empty());
        let dict = py
            .detach(|| source.load(langs.as_deref()))
            .map_err(|e| value_error(format!("{}: {e}", source.loading())))?;
        let dict = if discovery {
            dict
        } else {
            dict.without_discovery()
        };
        Ok(Dictionaries {
            dict: Arc::new(dict),
            source: described,
        })
    }

    /// Where the dictionaries came from: paths, or "built-in".
    #[getter]
    fn source(&self) -> &str {
        &self.source
    }

    /// Number of actors defined.
    #[getter]
    fn entities(&self) -> usize {
        self.dict.entities().len()
    }

    /// Number of distinct aliases.
    #[getter]
    fn aliases(&self) -> usize {
        self.dict.alias_count()
    }

    fn __repr__(&self) -> String {
        format!(
            "<actorgraph dictionaries ({}): {} actors, {} aliases>",
            self.source,
            self.entities(),
            self.aliases()
        )
    }
}

/// Collects what reading skipped or warned about, as the CLI prints it.
#[derive(Default)]
struct Issues(Vec<(bool, Skip)>);

impl Observer for Issues {
    fn issue(&mut self, skipped: bool, what: &Skip) {
        self.0.push((skipped, what.clone()));
    }
}

/// The mentions and relations of one text, as the JSON lines `actorgraph extract` prints.
#[pyfunction]
#[pyo3(signature = (text, dictionaries, id="text", date=None))]
fn extract(
    py: Python<'_>,
    text: &str,
    dictionaries: &Dictionaries,
    id: &str,
    date: Option<&str>,
) -> PyResult<String> {
    let line = serde_json::json!({"id": id, "text": text, "date": date});
    let sources = Sources {
        sources: vec![Source::JsonlBytes {
            origin: "<text>".into(),
            bytes: line.to_string().into_bytes(),
        }],
        skipped: Vec::new(),
    };
    let dict = dictionaries.dict.clone();
    let mut issues = Issues::default();
    let mut out = Vec::new();
    py.detach(|| actorgraph::extract_jsonl(&sources, &dict, 1, &mut out, &mut issues))
        .map_err(os_error)?;
    if let Some((_, skip)) = issues.0.iter().find(|(skipped, _)| *skipped) {
        return Err(value_error(&skip.reason));
    }
    String::from_utf8(out).map_err(value_error)
}

/// The analysed graphs of a build, and what reading found.
#[pyclass(frozen, module = "actorgraph._actorgraph")]
struct Built {
    graphs: Graphs,
    /// The paths read, so that `write` refuses a folder inside one of them.
    inputs: Vec<PathBuf>,
    dict: Arc<Dictionary>,
    options: Options,
    issues: Vec<(bool, Skip)>,
}

fn json_of(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> PyResult<String> {
    let mut buf = Vec::new();
    write(&mut buf).map_err(os_error)?;
    String::from_utf8(buf).map_err(value_error)
}

/// What was read, as a dict: articles, out_of_range, skipped, warnings, mentions.
fn summary_dict<'py>(py: Python<'py>, summary: &ReadSummary) -> PyResult<Bound<'py, PyDict>> {
    let ReadSummary {
        articles,
        out_of_range,
        skipped,
        warnings,
        mentions,
    } = *summary;
    let d = PyDict::new(py);
    d.set_item("articles", articles)?;
    d.set_item("out_of_range", out_of_range)?;
    d.set_item("skipped", skipped)?;
    d.set_item("warnings", warnings)?;
    d.set_item("mentions", mentions)?;
    Ok(d)
}

/// Issues as (skipped, origin, why, reason) tuples.
fn issue_tuples(issues: &[(bool, Skip)]) -> Vec<(bool, String, String, String)> {
    issues
        .iter()
        .map(|(skipped, s)| {
            (
                *skipped,
                s.origin.clone(),
                s.why.as_str().into(),
                s.reason.clone(),
            )
        })
        .collect()
}

fn parse_formats(names: Vec<String>) -> PyResult<Vec<Format>> {
    let mut out = Vec::new();
    for name in names {
        let f: Format = name.parse().map_err(value_error)?;
        if f.needs_graphviz() && !actorgraph::export::render::graphviz_available() {
            return Err(os_error(actorgraph::export::render::RenderError::Missing));
        }
        out.push(f);
    }
    Ok(out)
}

#[pymethods]
impl Built {
    /// graph.json as `build` writes it.
    fn graph_json(&self) -> PyResult<String> {
        json_of(|out| json::write(&self.graphs.graph, out))
    }

    /// relations.json as `build` writes it.
    fn relations_json(&self) -> PyResult<String> {
        let types = &self.dict.relations().types;
        json_of(|out| json::write_relations(&self.graphs.graph, types, out))
    }

    /// The periods of a build with `by`, in order.
    fn periods(&self) -> Vec<String> {
        self.graphs.periods.keys().cloned().collect()
    }

    /// A period's graph.json (or relations.json with `relations=True`).
    #[pyo3(signature = (name, relations=false))]
    fn period_json(&self, name: &str, relations: bool) -> PyResult<String> {
        let g = self
            .graphs
            .periods
            .get(name)
            .ok_or_else(|| value_error(format!("no period {name:?} in this build")))?;
        let types = &self.dict.relations().types;
        if relations {
            json_of(|out| json::write_relations(g, types, out))
        } else {
            json_of(|out| json::write(g, out))
        }
    }

    /// What was read: articles, out_of_range, skipped, warnings, mentions.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        summary_dict(py, &self.graphs.summary)
    }

    /// Input skipped or kept with a warning: (skipped, origin, why, reason) tuples.
    fn issues(&self) -> Vec<(bool, String, String, String)> {
        issue_tuples(&self.issues)
    }

    /// The files `build` writes in `formats`: (path under the output folder, bytes).
    fn files<'py>(
        &self,
        py: Python<'py>,
        formats: Vec<String>,
    ) -> PyResult<Vec<(String, Bound<'py, PyBytes>)>> {
        let formats = parse_formats(formats)?;
        let files = py
            .detach(|| self.graphs.files(&self.dict, &self.options, &formats))
            .map_err(os_error)?;
        Ok(files
            .into_iter()
            .map(|(p, b)| (p.display().to_string(), PyBytes::new(py, &b)))
            .collect())
    }

    /// Writes the files `build` writes in `formats` into `dir`, all or none; returns their
    /// paths.
    fn write(&self, py: Python<'_>, dir: PathBuf, formats: Vec<String>) -> PyResult<Vec<String>> {
        let formats = parse_formats(formats)?;
        actorgraph::output::refuse_inside_inputs(&dir, &self.inputs).map_err(value_error)?;
        actorgraph::output::check_writable(&dir)
            .and_then(|()| actorgraph::output::ensure_writable(&dir))
            .map_err(|e| {
                os_error(format!(
                    "output folder {} is not writable: {e}",
                    dir.display()
                ))
            })?;
        let written = py
            .detach(|| self.graphs.write(&dir, &self.dict, &self.options, &formats))
            .map_err(os_error)?;
        Ok(written
            .into_iter()
            .map(|p| p.display().to_string())
            .collect())
    }
}

/// The options that decide what each article contributes (fixed in a partial), checked as
/// the CLI checks them.
#[allow(clippy::too_many_arguments)]
fn reading_options(
    window: &str,
    evidence: usize,
    min_confidence: f64,
    date_from: Option<String>,
    date_to: Option<String>,
    threads: usize,
    cooccurrence: bool,
    relations: bool,
) -> PyResult<BuildOptions> {
    if !(0.0..=1.0).contains(&min_confidence) {
        return Err(value_error(format!(
            "min_confidence: expected a number from 0 to 1, got {min_confidence}"
        )));
    }
    if evidence > 1000 {
        return Err(value_error("evidence must be at most 1000"));
    }
    if !cooccurrence && !relations {
        return Err(value_error(
            "build at least one of cooccurrence and relations",
        ));
    }
    let window: Window = window.parse().map_err(value_error)?;
    let range = DateRange::new(date_from, date_to).map_err(value_error)?;
    Ok(BuildOptions {
        window,
        evidence_limit: evidence,
        threads,
        cooccurrence,
        relations,
        range,
        by: None,
        min_confidence: (min_confidence * 100.0).round() as u8,
    })
}

/// The graphs made of what was read (chosen again at each merge): periods, weight, filters
/// and the actors drawn.
#[allow(clippy::too_many_arguments)]
fn graph_options(
    build: BuildOptions,
    by: Option<&str>,
    weight: &str,
    min_weight: Option<f64>,
    min_documents: u64,
    top: Option<usize>,
    kinds: Option<Vec<String>>,
    exclude_subtypes: Option<Vec<String>>,
    backbone: Option<f64>,
    max_nodes: usize,
) -> PyResult<Options> {
    if backbone.is_some_and(|a| !(a > 0.0 && a <= 1.0)) {
        return Err(value_error(
            "backbone must be a significance level above 0 and at most 1 (for example 0.05)",
        ));
    }
    let by: Option<Period> = by.map(str::parse).transpose().map_err(value_error)?;
    let weight: WeightKind = weight.parse().map_err(value_error)?;
    let mut kinds: Vec<Kind> = kinds
        .unwrap_or_default()
        .iter()
        .map(|k| {
            Kind::parse(k).ok_or_else(|| {
                value_error(format!(
                    "unknown kind {k:?} (expected group, state, person, place or organization)"
                ))
            })
        })
        .collect::<PyResult<_>>()?;
    kinds.sort();
    kinds.dedup();
    let defaults = Options::default();
    Ok(Options {
        build: BuildOptions { by, ..build },
        analysis: Analysis {
            weight,
            min_weight,
            min_documents,
            top,
            kinds,
            exclude_subtypes: exclude_subtypes.unwrap_or_default(),
            backbone,
            ..defaults.analysis
        },
        max_nodes,
        page_nodes: defaults.page_nodes,
        ties_per_actor: defaults.ties_per_actor,
    })
}

/// The articles of `paths` (files and folders, as the CLI's INPUT), of `jsonl` (a JSON Lines
/// file, named `<articles>` in messages), of `jsonl_bytes` (pieces of JSON Lines in memory,
/// each read as a file is) and of `texts` (`.txt` files in memory, as (id, bytes)).
fn sources(
    paths: &[PathBuf],
    jsonl: Option<PathBuf>,
    jsonl_bytes: Vec<Vec<u8>>,
    texts: Vec<(String, Vec<u8>)>,
) -> PyResult<Sources> {
    let mut sources = Sources::discover(paths).map_err(os_error)?;
    if let Some(path) = jsonl {
        sources.sources.push(Source::JsonlNamed {
            path,
            origin: "<articles>".into(),
        });
    }
    for bytes in jsonl_bytes {
        sources.sources.push(Source::JsonlBytes {
            origin: "<articles>".into(),
            bytes,
        });
    }
    for (id, bytes) in texts {
        sources.sources.push(Source::TextBytes {
            origin: format!("{id}.txt"),
            id,
            bytes,
        });
    }
    Ok(sources)
}

/// The error for a run that used no article, with the first input skipped.
fn nothing_read(summary: &ReadSummary, issues: &Issues) -> PyErr {
    let why = if summary.out_of_range > 0 {
        format!(
            "none of the {} articles is dated within the range",
            summary.out_of_range
        )
    } else {
        "no articles found (expected .txt or .jsonl files, or articles with a text)".into()
    };
    let first = issues
        .0
        .iter()
        .find(|(skipped, _)| *skipped)
        .map(|(_, s)| format!("; first skipped: {}: {}", s.origin, s.reason))
        .unwrap_or_default();
    value_error(format!("{why}{first}"))
}

/// Reads `paths` (files and folders, as the CLI's INPUT) and `jsonl` (a JSON Lines file of
/// articles, named `<articles>` in messages), and builds the analysed graphs with the CLI's
/// options.
#[pyfunction]
#[pyo3(signature = (
    dictionaries, paths, jsonl=None, *, window="sentence", evidence=3, min_confidence=0.5,
    by=None, date_from=None, date_to=None, threads=0, cooccurrence=true, relations=true,
    weight="count", min_weight=None, min_documents=0, top=None, kinds=None,
    exclude_subtypes=None, backbone=None, max_nodes=200
))]
#[allow(clippy::too_many_arguments)]
fn build(
    py: Python<'_>,
    dictionaries: &Dictionaries,
    paths: Vec<PathBuf>,
    jsonl: Option<PathBuf>,
    window: &str,
    evidence: usize,
    min_confidence: f64,
    by: Option<&str>,
    date_from: Option<String>,
    date_to: Option<String>,
    threads: usize,
    cooccurrence: bool,
    relations: bool,
    weight: &str,
    min_weight: Option<f64>,
    min_documents: u64,
    top: Option<usize>,
    kinds: Option<Vec<String>>,
    exclude_subtypes: Option<Vec<String>>,
    backbone: Option<f64>,
    max_nodes: usize,
) -> PyResult<Built> {
    let reading = reading_options(
        window,
        evidence,
        min_confidence,
        date_from,
        date_to,
        threads,
        cooccurrence,
        relations,
    )?;
    let options = graph_options(
        reading,
        by,
        weight,
        min_weight,
        min_documents,
        top,
        kinds,
        exclude_subtypes,
        backbone,
        max_nodes,
    )?;
    let sources = sources(&paths, jsonl, Vec::new(), Vec::new())?;
    let dict = dictionaries.dict.clone();
    let mut issues = Issues::default();
    let graphs = py
        .detach(|| pipeline::run(&sources, &dict, &options, &mut issues))
        .map_err(os_error)?;
    if graphs.summary.articles == 0 {
        return Err(nothing_read(&graphs.summary, &issues));
    }
    Ok(Built {
        graphs,
        inputs: paths,
        dict,
        options,
        issues: issues.0,
    })
}

/// Reads articles as [`build`] does (and `jsonl_bytes`, pieces of JSON Lines, and `texts`
/// from memory) and returns
/// their partial as `(bytes, summary, issues)`, or writes it to `out` (all or nothing) and
/// returns no bytes. With no article used, a `ValueError` unless `allow_empty` (a Spark
/// partition may hold none).
#[pyfunction]
#[pyo3(signature = (
    dictionaries, paths, jsonl=None, jsonl_bytes=None, texts=None, out=None, *,
    window="sentence", evidence=3, min_confidence=0.5, date_from=None, date_to=None,
    threads=0, cooccurrence=true, relations=true, allow_empty=false
))]
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
fn map<'py>(
    py: Python<'py>,
    dictionaries: &Dictionaries,
    paths: Vec<PathBuf>,
    jsonl: Option<PathBuf>,
    jsonl_bytes: Option<Vec<Vec<u8>>>,
    texts: Option<Vec<(String, Vec<u8>)>>,
    out: Option<PathBuf>,
    window: &str,
    evidence: usize,
    min_confidence: f64,
    date_from: Option<String>,
    date_to: Option<String>,
    threads: usize,
    cooccurrence: bool,
    relations: bool,
    allow_empty: bool,
) -> PyResult<(
    Option<Bound<'py, PyBytes>>,
    Bound<'py, PyDict>,
    Vec<(bool, String, String, String)>,
)> {
    let opts = reading_options(
        window,
        evidence,
        min_confidence,
        date_from,
        date_to,
        threads,
        cooccurrence,
        relations,
    )?;
    if let Some(out) = &out {
        actorgraph::output::refuse_inside_inputs(out, &paths).map_err(value_error)?;
    }
    let sources = sources(
        &paths,
        jsonl,
        jsonl_bytes.unwrap_or_default(),
        texts.unwrap_or_default(),
    )?;
    let dict = dictionaries.dict.clone();
    let mut issues = Issues::default();
    let check = |summary: &ReadSummary, issues: &Issues| -> std::io::Result<()> {
        if summary.articles == 0 && !allow_empty {
            return Err(std::io::Error::other(
                nothing_read(summary, issues).to_string(),
            ));
        }
        Ok(())
    };
    let (bytes, summary) = py
        .detach(|| match &out {
            Some(path) => actorgraph::output::write_streaming(path, |w| {
                let (_, summary) = partial::map(&sources, &dict, &opts, w, &mut issues)?;
                check(&summary, &issues)?;
                Ok::<_, std::io::Error>((None, summary))
            }),
            None => {
                let (bytes, summary) =
                    partial::map(&sources, &dict, &opts, Vec::new(), &mut issues)?;
                check(&summary, &issues)?;
                Ok((Some(bytes), summary))
            }
        })
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::Other => value_error(e),
            _ => os_error(e),
        })?;
    Ok((
        bytes.map(|b| PyBytes::new(py, &b)),
        summary_dict(py, &summary)?,
        issue_tuples(&issues.0),
    ))
}

/// A partial to merge: a path, or bytes (named `<partial N>` in messages).
#[derive(FromPyObject)]
enum PartialInput {
    Bytes(Vec<u8>),
    Path(PathBuf),
}

type AnyReader = partial::Reader<Box<dyn std::io::Read + Send>>;

fn open_partial(n: usize, input: &PartialInput) -> Result<AnyReader, PartialError> {
    match input {
        PartialInput::Bytes(b) => {
            let r: Box<dyn std::io::Read + Send> = Box::new(std::io::Cursor::new(b.clone()));
            partial::Reader::new(&format!("<partial {}>", n + 1), r)
        }
        PartialInput::Path(p) => {
            let name = p.display().to_string();
            let f = std::fs::File::open(p).map_err(|source| PartialError::Io {
                name: name.clone(),
                source,
            })?;
            partial::Reader::new(&name, Box::new(f))
        }
    }
}

fn partial_error(e: PartialError) -> PyErr {
    match e {
        PartialError::Io { .. } => os_error(e),
        _ => value_error(e),
    }
}

/// Why a merge failed: a partial, or writing the state.
enum MergeFailure {
    Partial(PartialError),
    Io(std::io::Error),
}

impl From<PartialError> for MergeFailure {
    fn from(e: PartialError) -> Self {
        MergeFailure::Partial(e)
    }
}

impl From<std::io::Error> for MergeFailure {
    fn from(e: std::io::Error) -> Self {
        MergeFailure::Io(e)
    }
}

/// Merges partials (paths or bytes, in any order) into the analysed graphs `build` makes of
/// all their articles; with `state`, also writes the merged partial there (all or nothing).
/// The reading options are the partials'; the dictionaries must be those they were made
/// with.
#[pyfunction]
#[pyo3(signature = (
    dictionaries, partials, state=None, *, by=None, weight="count", min_weight=None,
    min_documents=0, top=None, kinds=None, exclude_subtypes=None, backbone=None,
    max_nodes=200
))]
#[allow(clippy::too_many_arguments)]
fn merge(
    py: Python<'_>,
    dictionaries: &Dictionaries,
    partials: Vec<PartialInput>,
    state: Option<PathBuf>,
    by: Option<&str>,
    weight: &str,
    min_weight: Option<f64>,
    min_documents: u64,
    top: Option<usize>,
    kinds: Option<Vec<String>>,
    exclude_subtypes: Option<Vec<String>>,
    backbone: Option<f64>,
    max_nodes: usize,
) -> PyResult<Built> {
    if partials.is_empty() {
        return Err(value_error("no partials to merge"));
    }
    let first = open_partial(0, &partials[0]).map_err(partial_error)?;
    let reading = first
        .reading_options(&Options::default().build)
        .map_err(partial_error)?;
    let options = graph_options(
        reading,
        by,
        weight,
        min_weight,
        min_documents,
        top,
        kinds,
        exclude_subtypes,
        backbone,
        max_nodes,
    )?;
    let dict = dictionaries.dict.clone();
    let mut issues = Issues::default();
    let graphs = py
        .detach(|| -> Result<Graphs, MergeFailure> {
            let mut first = Some(first);
            let readers = partials
                .iter()
                .enumerate()
                .map(|(n, p)| match first.take() {
                    Some(r) => Ok(r),
                    None => open_partial(n, p),
                });
            match &state {
                Some(path) => actorgraph::output::write_streaming(path, |w| {
                    let merged = pipeline::merge(readers, &dict, &options, Some(w), &mut issues);
                    Ok::<_, MergeFailure>(merged?.0)
                }),
                None => {
                    Ok(pipeline::merge(readers, &dict, &options, None::<Vec<u8>>, &mut issues)?.0)
                }
            }
        })
        .map_err(|e| match e {
            MergeFailure::Partial(e) => partial_error(e),
            MergeFailure::Io(e) => os_error(format!(
                "state {}: {e}",
                state.as_deref().unwrap_or("".as_ref()).display()
            )),
        })?;
    if graphs.summary.articles == 0 {
        return Err(value_error("the partials hold no articles"));
    }
    Ok(Built {
        graphs,
        inputs: Vec::new(),
        dict,
        options,
        issues: issues.0,
    })
}

/// The article files of `paths` as `build` finds them, in its order: (kind, path, id) with
/// kind "txt" (id: the id `build` gives it) or "jsonl" (its lines carry their ids).
#[pyfunction]
fn article_files(paths: Vec<PathBuf>) -> PyResult<Vec<(&'static str, String, String)>> {
    let sources = Sources::discover(&paths).map_err(os_error)?;
    sources
        .sources
        .iter()
        .map(|source| match source {
            Source::Text(p) => Ok(("txt", p.display().to_string(), text_id(p.clone()))),
            Source::Jsonl(p) => Ok(("jsonl", p.display().to_string(), String::new())),
            _ => Err(value_error("standard input (-) cannot be read here")),
        })
        .collect()
}

/// The id `build` gives a `.txt` file named `path`: the path as named, without `.txt`.
#[pyfunction]
fn text_id(path: PathBuf) -> String {
    actorgraph::input::text_id(&path)
}

#[pymodule]
fn _actorgraph(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Dictionaries>()?;
    m.add_class::<Built>()?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(build, m)?)?;
    m.add_function(wrap_pyfunction!(map, m)?)?;
    m.add_function(wrap_pyfunction!(merge, m)?)?;
    m.add_function(wrap_pyfunction!(article_files, m)?)?;
    m.add_function(wrap_pyfunction!(text_id, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

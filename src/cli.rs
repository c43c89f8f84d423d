//! The command line: clap derive structs (their doc comments are the help text), validated
//! into immutable configs before any work starts.

use actorgraph::analysis::time::{DateRange, Period, parse_bound};
use actorgraph::analysis::{Analysis, WeightKind};
use actorgraph::dictionary::Kind;
use actorgraph::dictionary::builtin::DictSource;
use actorgraph::graph::Window;
use anyhow::{Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turn news articles into a network of the actors they name.
///
/// Finds the groups, states, people, places and organisations each article names, using
/// editable dictionaries, and builds a weighted co-occurrence graph of them.
#[derive(Debug, Parser)]
#[command(name = "actorgraph", version, max_term_width = 100)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the co-occurrence graph (graph.*) and the relation graph (relations.*) in --out, in
    /// every format (JSON, DOT, GEXF, GraphML, CSV, Cytoscape.js, graphology, SVG) and the
    /// explorer page index.html.
    Build(Box<BuildArgs>),
    /// Read articles and write a partial: what they add to the graphs, to merge later (on
    /// another machine or day, or from Spark workers) with `merge`.
    Map(Box<MapArgs>),
    /// Merge partials from `map` into exactly the files `build` writes on all their articles,
    /// each article counted once (and with --state, into one partial).
    Merge(Box<MergeArgs>),
    /// Render DOT drawings to SVG or PNG with Graphviz, choosing a layout engine by size.
    Render(RenderArgs),
    /// Write every mention found as JSON Lines (one mention per line).
    Extract(ExtractArgs),
    /// Check the dictionaries, or print their alias table.
    #[command(subcommand)]
    Dict(DictCommand),
    /// List capitalised names and acronyms that occur often but are in no dictionary.
    Suggest(SuggestArgs),
    /// Score the actors found per article against a gold file (precision and recall per kind).
    Eval(EvalArgs),
    /// Summarise a built graph: sizes, density, components, top actors by each measure,
    /// strongest ties, communities and relation types.
    Stats(StatsArgs),
    /// List an actor's neighbours by tie weight (and with --relations, its relations).
    Neighbors(NeighborsArgs),
    /// The shortest chain of ties from one actor to another (fewest steps, then strongest).
    Path(PairArgs),
    /// The sentences behind the tie and the relations between two actors.
    Evidence(PairArgs),
    /// An actor's mentions, ties and relations per month: a sparkline and a table, or CSV.
    Timeline(TimelineArgs),
}

/// Where a query finds its graph, and how it answers.
#[derive(Debug, clap::Args)]
pub struct GraphArgs {
    /// Folder with graph.json and relations.json from `actorgraph build`, or one of those
    /// files (the other is read from beside it when there).
    #[arg(long, default_value = "output", value_name = "PATH")]
    pub graph: PathBuf,

    /// Dictionaries for finding actors by alias; repeat to combine several
    /// [default: ./dictionaries if there is one, else the built-in set]
    #[arg(long = "dict", value_name = "PATH")]
    pub dicts: Vec<PathBuf>,

    /// Print the answer as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub graph: GraphArgs,

    /// Actors and ties listed per measure.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
}

#[derive(Debug, clap::Args)]
pub struct NeighborsArgs {
    /// The actor: id, name or alias, in any case.
    pub entity: String,

    #[command(flatten)]
    pub graph: GraphArgs,

    /// Also list the relations the actor is in.
    #[arg(long)]
    pub relations: bool,
}

#[derive(Debug, clap::Args)]
pub struct PairArgs {
    /// The first actor: id, name or alias, in any case.
    pub a: String,
    /// The second actor.
    pub b: String,

    #[command(flatten)]
    pub graph: GraphArgs,
}

#[derive(Debug, clap::Args)]
pub struct TimelineArgs {
    /// The actor: id, name or alias, in any case.
    pub entity: String,

    #[command(flatten)]
    pub graph: GraphArgs,

    /// Print month,mentions,ties,relations as CSV.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
}

#[derive(Debug, Subcommand)]
pub enum DictCommand {
    /// Validate every dictionary file (errors as file:line, exit code 2) and print warnings
    /// and counts per kind.
    Check(DictArgs),
    /// Print the compiled alias table: alias, entity, kind and case rule.
    Dump(DumpArgs),
    /// Write the built-in dictionaries out as files, to edit and use with --dict (or as
    /// ./dictionaries, which is read when no --dict is given).
    Export(ExportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// A new or empty folder to write the built-in *.toml files into.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// Dictionary selection shared by every command.
#[derive(Debug, Clone, clap::Args)]
pub struct DictSelection {
    /// Dictionary file or folder of *.toml files; repeat to combine several
    /// [default: ./dictionaries if there is one, else the built-in set]
    #[arg(long = "dict", value_name = "PATH")]
    pub dicts: Vec<PathBuf>,

    /// Languages of the dictionary layers to load, comma-separated (files that declare a
    /// `lang`); files without one are always loaded [default: all]
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub lang: Vec<String>,

    /// Label the actors in this language where the dictionaries give a label in it
    /// (`labels = { en = "..." }`: `en` for the shipped ones); ids and matching do not change
    /// [default: the labels as the dictionaries write them, Dutch for the shipped ones]
    #[arg(long, value_name = "LANG")]
    pub labels: Option<String>,
}

impl DictSelection {
    /// The dictionaries this selection reads ([`DictSource::resolve`]).
    pub fn source(&self) -> DictSource {
        DictSource::resolve(&self.dicts)
    }

    pub fn langs(&self) -> Option<&[String]> {
        (!self.lang.is_empty()).then_some(self.lang.as_slice())
    }
}

/// Options shared by the commands that read articles.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// Articles: .txt files, folders (searched recursively for .txt and .jsonl), .jsonl files
    /// (one {"id", "text", "date"?, "title"?, "url"?} object per line), or - for standard input.
    #[arg(default_value = "seeds", value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    #[command(flatten)]
    pub dict: DictSelection,

    /// Find only the actors the dictionaries list: no provisional actors from the discovery
    /// rules.
    #[arg(long)]
    pub no_discovery: bool,

    /// Worker threads (0: one per core). Results are identical whatever the number.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub threads: usize,

    /// No progress bar and no summary line (warnings are still printed).
    #[arg(short, long)]
    pub quiet: bool,

    /// Also write a JSON report of what was read: articles, skipped input and warnings, each
    /// with its file (and line) and reason.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
}

/// Output formats of `build`.
pub use actorgraph::pipeline::Format;

/// Edge sets `build` can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum Edges {
    /// graph.*: actors named in the same window, weighted.
    Cooccurrence,
    /// relations.*: typed, directed relations read from cue phrases.
    Relations,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub reading: ReadingArgs,

    #[command(flatten)]
    pub graphs: GraphsArgs,
}

/// What each article contributes: fixed when a partial is made (`map`), so `merge` takes
/// these from its partials.
#[derive(Debug, clap::Args)]
pub struct ReadingArgs {
    /// Window within which two actors co-occur: sentence, paragraph or document.
    #[arg(long, default_value = "sentence", value_name = "W")]
    pub window: Window,

    /// Keep only articles dated on or after this day, month or year (YYYY[-MM[-DD]]);
    /// undated articles are left out when a range is given.
    #[arg(long, value_name = "DATE", value_parser = parse_bound)]
    pub from: Option<String>,

    /// Keep only articles dated on or before this day, month or year.
    #[arg(long, value_name = "DATE", value_parser = parse_bound)]
    pub to: Option<String>,

    /// Evidence sentences kept per edge.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub evidence: usize,

    /// Keep only relations read with at least this confidence, from 0 (every reading) to 1
    /// (see docs/relations.md: Confidence).
    #[arg(long, default_value = "0.5", value_name = "X", value_parser = parse_confidence, allow_negative_numbers = true)]
    pub min_confidence: u8,

    /// Edges to build, comma-separated: cooccurrence (graph.*), relations (relations.*)
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "LIST",
        default_value = "cooccurrence,relations"
    )]
    pub edges: Vec<Edges>,
}

/// Which graphs and files are made of what was read: chosen again at each `merge`.
#[derive(Debug, clap::Args)]
pub struct GraphsArgs {
    /// Folder to write the outputs to (created if missing).
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub out: PathBuf,

    /// The exported edge weight: count (windows shared), documents (articles sharing a
    /// window), pmi, npmi, jaccard or dice (see docs/outputs.md: Weights). Raw count and documents are
    /// always kept as edge attributes.
    #[arg(long, default_value = "count", value_name = "MEASURE")]
    pub weight: WeightKind,

    /// Drop co-occurrence edges whose weight is below this (isolated actors stay).
    #[arg(long, value_name = "X", allow_negative_numbers = true)]
    pub min_weight: Option<f64>,

    /// Drop edges (ties and relations) found in fewer articles than this.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub min_documents: u64,

    /// Keep only the N actors with the largest weighted degree (ties by id), in both graphs.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,

    /// Keep only these kinds of actor, comma-separated: group, state, person, place,
    /// organization.
    #[arg(long, value_delimiter = ',', value_name = "LIST", value_parser = parse_kind)]
    pub kinds: Vec<Kind>,

    /// Drop actors of these dictionary subtypes, comma-separated (for example media).
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub exclude_subtype: Vec<String>,

    /// Keep only the co-occurrence backbone: edges the disparity filter (Serrano et al. 2009)
    /// finds significant at level ALPHA for at least one end (for example 0.05).
    #[arg(long, value_name = "ALPHA")]
    pub backbone: Option<f64>,

    /// Betweenness is exact up to 1,000 actors; on a larger graph it is estimated from the
    /// paths of N source actors sampled with a fixed seed, as networkx's `k` does (0: always
    /// exact, which takes minutes on 10,000 actors).
    #[arg(long, default_value_t = actorgraph::analysis::BETWEENNESS_SOURCES, value_name = "N")]
    pub betweenness_sources: usize,

    /// Also write one graph per month, quarter or year of the dated articles
    /// (by-month/2021-08/graph.json, ...) with actors.csv and periods.csv tables of how each
    /// actor's degree and ties change.
    #[arg(long, value_name = "PERIOD")]
    pub by: Option<Period>,

    /// Draw at most this many actors in the DOT/SVG, by weighted degree (0: all).
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub max_nodes: usize,

    /// Show at most this many actors in the explorer page, by weighted degree (0: all).
    #[arg(long, default_value_t = actorgraph::export::html::PAGE_NODES, value_name = "N")]
    pub page_nodes: usize,

    /// In the DOT/SVG, draw a tie only when it is among the N strongest of one of its actors
    /// (0: every tie between drawn actors).
    #[arg(long, default_value_t = actorgraph::export::dot::TIES_PER_ACTOR, value_name = "N")]
    pub ties_per_actor: usize,

    /// Formats to write, comma-separated: json, dot, gexf, graphml, csv, cyjs, graphology,
    /// html, svg, png [default: all but png; svg only when Graphviz is installed]
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub format: Vec<Format>,
}

#[derive(Debug, clap::Args)]
pub struct MapArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// The partial to write (- for standard output).
    #[arg(short, long, value_name = "PART")]
    pub output: PathBuf,

    #[command(flatten)]
    pub reading: ReadingArgs,
}

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// Partials written by `actorgraph map` (or by `merge --state`), in any order.
    #[arg(required = true, value_name = "PART")]
    pub parts: Vec<PathBuf>,

    /// Also write the merged partial here: merged again with new partials later, it stands
    /// for all these articles without reading them again. It may be one of the PARTs.
    #[arg(long, value_name = "PART")]
    pub state: Option<PathBuf>,

    /// Dictionaries the partials were made with: the same files and --lang as `map` was given
    /// (a partial records their fingerprint and is refused with others).
    #[command(flatten)]
    pub dict: DictSelection,

    /// No progress bar and no summary line (warnings are still printed).
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub graphs: GraphsArgs,
}

/// A confidence from 0 to 1, as hundredths.
fn parse_confidence(s: &str) -> Result<u8, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok((x * 100.0).round() as u8),
        _ => Err(format!("expected a number from 0 to 1, got {s:?}")),
    }
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::parse(s).ok_or_else(|| {
        format!("unknown kind {s:?} (expected group, state, person, place or organization)")
    })
}

/// Layout engines for `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EngineChoice {
    /// The layout the file names, or else dot up to 20 actors, neato up to 300, sfdp beyond.
    Auto,
    Dot,
    Neato,
    Fdp,
    Sfdp,
    Circo,
    Twopi,
    /// The positions the file gives (actorgraph's own drawings carry them).
    Nop,
}

/// Image formats of `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum ImageFormat {
    Svg,
    Png,
}

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// DOT files to render.
    #[arg(
        default_values = ["output/graph.dot", "output/relations.dot"],
        value_name = "DOT"
    )]
    pub inputs: Vec<PathBuf>,

    /// Image formats, comma-separated.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "svg",
        value_name = "LIST"
    )]
    pub format: Vec<ImageFormat>,

    /// Layout engine.
    #[arg(long, default_value = "auto", value_name = "ENGINE")]
    pub engine: EngineChoice,

    /// Folder for the images [default: next to each DOT file]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Where to write the JSON Lines (- for standard output).
    #[arg(short, long, default_value = "-", value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct DictArgs {
    #[command(flatten)]
    pub dict: DictSelection,

    /// Print every warning (aliases inside longer aliases, short or common-word aliases)
    /// instead of a count per type.
    #[arg(short, long)]
    pub verbose: bool,
}

/// Formats of `dict dump`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DumpFormat {
    /// Tab-separated, with a header line.
    Tsv,
    /// A JSON array of objects.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct DumpArgs {
    #[command(flatten)]
    pub dict: DictSelection,

    /// Output format.
    #[arg(long, default_value = "tsv", value_name = "FORMAT")]
    pub format: DumpFormat,
}

#[derive(Debug, clap::Args)]
pub struct SuggestArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Leave out names seen fewer times than this.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub min_count: u64,

    /// Print at most this many names (0: all).
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: usize,

    /// JSON Lines instead of a table.
    #[arg(long, conflicts_with = "toml")]
    pub json: bool,

    /// Instead of unlisted names, the provisional actors the discovery rules find, as
    /// `[[entity]]` entries ready to paste into a dictionary file (each with the rule, its
    /// counts and its first sentence as a comment).
    #[arg(long, conflicts_with = "no_discovery")]
    pub toml: bool,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Gold file: JSON Lines of {"doc": id, "entities": [ids]}, one line per article.
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,

    /// Also list, per article, the actors missed and those found in excess.
    #[arg(long)]
    pub details: bool,

    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Which formats `build` writes; `svg_optional` when SVG was not asked for explicitly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formats {
    pub list: Vec<Format>,
    pub svg_optional: bool,
}

/// A validated `build` invocation.
#[derive(Debug)]
pub struct BuildConfig {
    pub inputs: Vec<PathBuf>,
    pub dict: DictSelection,
    pub discovery: bool,
    pub threads: usize,
    pub quiet: bool,
    pub report: Option<PathBuf>,
    pub reading: ReadingConfig,
    pub graphs: GraphsConfig,
}

/// Validated [`ReadingArgs`].
#[derive(Debug, Clone, PartialEq)]
pub struct ReadingConfig {
    pub window: Window,
    pub range: DateRange,
    pub evidence: usize,
    pub cooccurrence: bool,
    pub relations: bool,
    pub min_confidence: u8,
}

/// Validated [`GraphsArgs`].
#[derive(Debug)]
pub struct GraphsConfig {
    pub out: PathBuf,
    pub by: Option<Period>,
    pub analysis: Analysis,
    pub max_nodes: usize,
    pub page_nodes: usize,
    pub ties_per_actor: usize,
    pub formats: Formats,
}

impl BuildConfig {
    /// The library pipeline's options for this invocation.
    pub fn options(&self) -> actorgraph::pipeline::Options {
        self.graphs.options(self.reading.options(self.threads))
    }
}

impl ReadingConfig {
    /// The build options of this reading (no period graphs: [`GraphsConfig::options`] adds
    /// them), on `threads` workers.
    pub fn options(&self, threads: usize) -> actorgraph::BuildOptions {
        actorgraph::BuildOptions {
            window: self.window,
            evidence_limit: self.evidence,
            threads,
            cooccurrence: self.cooccurrence,
            relations: self.relations,
            range: self.range.clone(),
            by: None,
            min_confidence: self.min_confidence,
        }
    }
}

impl GraphsConfig {
    /// The pipeline's options: `build` read as it says, these graphs made of it.
    pub fn options(&self, build: actorgraph::BuildOptions) -> actorgraph::pipeline::Options {
        actorgraph::pipeline::Options {
            build: actorgraph::BuildOptions {
                by: self.by,
                ..build
            },
            // Whether measures come from co-occurrence follows `build` (pipeline::run).
            analysis: self.analysis.clone(),
            max_nodes: self.max_nodes,
            page_nodes: self.page_nodes,
            ties_per_actor: self.ties_per_actor,
        }
    }
}

impl BuildArgs {
    pub fn validate(self) -> Result<BuildConfig> {
        Ok(BuildConfig {
            inputs: self.input.inputs,
            dict: self.input.dict,
            discovery: !self.input.no_discovery,
            threads: self.input.threads,
            quiet: self.input.quiet,
            report: self.input.report,
            reading: self.reading.validate()?,
            graphs: self.graphs.validate()?,
        })
    }
}

impl ReadingArgs {
    pub fn validate(self) -> Result<ReadingConfig> {
        let range = match DateRange::new(self.from, self.to) {
            Ok(r) => r,
            Err(e) => bail!("{e}"),
        };
        if self.evidence > 1000 {
            bail!("--evidence must be at most 1000");
        }
        Ok(ReadingConfig {
            window: self.window,
            range,
            evidence: self.evidence,
            cooccurrence: self.edges.contains(&Edges::Cooccurrence),
            relations: self.edges.contains(&Edges::Relations),
            min_confidence: self.min_confidence,
        })
    }
}

impl GraphsArgs {
    pub fn validate(self) -> Result<GraphsConfig> {
        if self.min_weight.is_some_and(|w| !w.is_finite()) {
            bail!("--min-weight must be a number");
        }
        if let Some(alpha) = self.backbone
            && !(alpha > 0.0 && alpha <= 1.0)
        {
            bail!(
                "--backbone must be a significance level above 0 and at most 1 (for example 0.05)"
            );
        }
        if self.top == Some(0) {
            bail!("--top must be at least 1");
        }
        let formats = if self.format.is_empty() {
            Formats {
                list: Format::DEFAULT.to_vec(),
                svg_optional: true,
            }
        } else {
            let mut list = self.format;
            list.sort();
            list.dedup();
            Formats {
                list,
                svg_optional: false,
            }
        };
        Ok(GraphsConfig {
            out: self.out,
            by: self.by,
            analysis: Analysis {
                weight: self.weight,
                min_weight: self.min_weight,
                min_documents: self.min_documents,
                top: self.top,
                kinds: {
                    let mut k = self.kinds;
                    k.sort();
                    k.dedup();
                    k
                },
                exclude_subtypes: self.exclude_subtype,
                backbone: self.backbone,
                cooccurrence: true,
                betweenness_sources: self.betweenness_sources,
            },
            max_nodes: self.max_nodes,
            page_nodes: self.page_nodes,
            ties_per_actor: self.ties_per_actor,
            formats,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// The commands in the code blocks of README.md and docs/*.md: `actorgraph ...`,
    /// `$ actorgraph ...` and `cargo run --release -- ...`, without a trailing `# comment`.
    fn documented_commands() -> Vec<(String, Vec<String>)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = vec![root.join("README.md")];
        let mut docs: Vec<_> = std::fs::read_dir(root.join("docs"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        docs.sort();
        files.extend(docs);
        let mut found = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let mut in_code = false;
            for (n, line) in text.lines().enumerate() {
                if line.trim_start().starts_with("```") {
                    in_code = !in_code;
                    continue;
                }
                let line = line.split("  #").next().unwrap().trim();
                let line = line.rsplit("&& ").next().unwrap();
                let rest = line
                    .strip_prefix("$ actorgraph ")
                    .or_else(|| line.strip_prefix("actorgraph "))
                    .or_else(|| line.strip_prefix("cargo run --release -- "));
                if let (true, Some(rest)) = (in_code, rest) {
                    let mut words = vec!["actorgraph".to_string()];
                    words.extend(rest.split_whitespace().map(String::from));
                    found.push((format!("{}:{}", file.display(), n + 1), words));
                }
            }
        }
        found
    }

    #[test]
    fn every_documented_command_parses() {
        let commands = documented_commands();
        assert!(commands.len() >= 8, "{commands:?}");
        for (at, words) in commands {
            if let Err(e) = Args::try_parse_from(&words) {
                panic!("{at}: `{}` does not parse:\n{e}", words.join(" "));
            }
        }
    }

    #[test]
    fn cli_definition_is_consistent() {
        Args::command().debug_assert();
    }

    #[test]
    fn build_defaults_do_the_main_job() {
        let Command::Build(args) = Args::parse_from(["actorgraph", "build"]).command else {
            panic!("not build");
        };
        let config = args.validate().unwrap();
        assert_eq!(config.inputs, vec![PathBuf::from("seeds")]);
        assert!(config.dict.dicts.is_empty());
        assert_eq!(config.graphs.out, PathBuf::from("output"));
        assert_eq!(config.reading.window, Window::Sentence);
        assert_eq!(config.reading.evidence, 3);
        assert!(config.graphs.formats.svg_optional);
        assert!(config.reading.cooccurrence && config.reading.relations);
        assert_eq!(
            config.reading.min_confidence,
            actorgraph::relations::DEFAULT_MIN_CONFIDENCE
        );
        // The library's defaults (the Python package's) are the command's.
        assert_eq!(config.options(), actorgraph::pipeline::Options::default());
    }

    #[test]
    fn bad_values_are_refused() {
        assert!(Args::try_parse_from(["actorgraph", "build", "--window", "page"]).is_err());
        let Command::Build(args) =
            Args::parse_from(["actorgraph", "build", "--backbone", "0"]).command
        else {
            panic!("not build");
        };
        assert!(args.validate().is_err());
        let Command::Build(args) =
            Args::parse_from(["actorgraph", "build", "--format", "svg,json,json"]).command
        else {
            panic!("not build");
        };
        let f = args.validate().unwrap().graphs.formats;
        assert_eq!(f.list, vec![Format::Json, Format::Svg]);
        assert!(!f.svg_optional);
    }
}

//! The command line: clap derive structs (their doc comments are the help text), validated
//! into immutable configs before any work starts.

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
    /// Build the co-occurrence graph: writes graph.json, graph.dot and graph.svg to --out.
    Build(BuildArgs),
    /// Write every mention found as JSON Lines (one mention per line).
    Extract(ExtractArgs),
    /// Check the dictionaries and summarise what they hold.
    Dict(DictArgs),
}

/// Options shared by the commands that read articles.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// Articles: .txt files, folders (searched recursively for .txt and .jsonl), .jsonl files
    /// (one {"id", "text", "date"?, "title"?, "url"?} object per line), or - for standard input.
    #[arg(default_value = "seeds", value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Dictionary file or folder of *.toml files; repeat to combine several.
    #[arg(long = "dict", default_value = "dictionaries", value_name = "PATH")]
    pub dicts: Vec<PathBuf>,

    /// Worker threads (0: one per core). Results are identical whatever the number.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub threads: usize,

    /// No progress bar and no summary line (warnings are still printed).
    #[arg(short, long)]
    pub quiet: bool,
}

/// Output formats of `build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum Format {
    /// graph.json: node-link JSON for D3 and networkx.
    Json,
    /// graph.dot: Graphviz source.
    Dot,
    /// graph.svg: the drawing, rendered by Graphviz.
    Svg,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Folder to write the outputs to (created if missing).
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub out: PathBuf,

    /// Window within which two actors co-occur: sentence, paragraph or document.
    #[arg(long, default_value = "sentence", value_name = "W")]
    pub window: Window,

    /// Drop edges that co-occur in fewer windows than this (isolated actors stay in the JSON).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub min_weight: u64,

    /// Evidence sentences kept per edge.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub evidence: usize,

    /// Draw at most this many actors in the DOT/SVG, by weighted degree (0: all).
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub max_nodes: usize,

    /// Formats to write, comma-separated [default: json,dot, and svg when Graphviz is installed]
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub format: Vec<Format>,
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
    /// Dictionary file or folder of *.toml files; repeat to combine several.
    #[arg(long = "dict", default_value = "dictionaries", value_name = "PATH")]
    pub dicts: Vec<PathBuf>,
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
    pub dicts: Vec<PathBuf>,
    pub threads: usize,
    pub quiet: bool,
    pub out: PathBuf,
    pub window: Window,
    pub min_weight: u64,
    pub evidence: usize,
    pub max_nodes: usize,
    pub formats: Formats,
}

impl BuildArgs {
    pub fn validate(self) -> Result<BuildConfig> {
        if self.min_weight == 0 {
            bail!("--min-weight must be at least 1");
        }
        if self.evidence > 1000 {
            bail!("--evidence must be at most 1000");
        }
        let formats = if self.format.is_empty() {
            Formats {
                list: vec![Format::Json, Format::Dot, Format::Svg],
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
        Ok(BuildConfig {
            inputs: self.input.inputs,
            dicts: self.input.dicts,
            threads: self.input.threads,
            quiet: self.input.quiet,
            out: self.out,
            window: self.window,
            min_weight: self.min_weight,
            evidence: self.evidence,
            max_nodes: self.max_nodes,
            formats,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

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
        assert_eq!(config.dicts, vec![PathBuf::from("dictionaries")]);
        assert_eq!(config.out, PathBuf::from("output"));
        assert_eq!(config.window, Window::Sentence);
        assert_eq!(config.evidence, 3);
        assert!(config.formats.svg_optional);
    }

    #[test]
    fn bad_values_are_refused() {
        assert!(Args::try_parse_from(["actorgraph", "build", "--window", "page"]).is_err());
        let Command::Build(args) =
            Args::parse_from(["actorgraph", "build", "--min-weight", "0"]).command
        else {
            panic!("not build");
        };
        assert!(args.validate().is_err());
        let Command::Build(args) =
            Args::parse_from(["actorgraph", "build", "--format", "svg,json,json"]).command
        else {
            panic!("not build");
        };
        let f = args.validate().unwrap().formats;
        assert_eq!(f.list, vec![Format::Json, Format::Svg]);
        assert!(!f.svg_optional);
    }
}

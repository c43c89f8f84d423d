//! The `actorgraph` binary: parses arguments, runs the library, reports and maps errors to
//! exit codes.
//!
//! Exit codes: 0 success; 1 finished, but some input was skipped (or an article merged
//! twice); 2 usage or dictionary error (also `--out` inside an input folder, a partial made
//! with other dictionaries or options); 3 input or output error (missing input, no readable
//! article, a damaged partial, unwritable output, Graphviz failure).

mod cli;
mod mapreduce;

use actorgraph::analysis::time::DateRange;
use actorgraph::dictionary::builtin::DictSource;
use actorgraph::dictionary::{Dictionary, DictionaryError, Kind};
use actorgraph::dictionary::{FindingKind, lint};
use actorgraph::eval::{Gold, score};
use actorgraph::export::render::{self, Drawing, Engine, Image};
use actorgraph::graph::Node;
use actorgraph::input::{Skip, Sources};
use actorgraph::partial::PartialError;
use actorgraph::query::{self, Loaded, Resolver};
use actorgraph::{Observer, ReadSummary, output, pipeline};
use anyhow::{Context, Result, bail};
use clap::Parser;
use cli::{
    Args, BuildConfig, Command, DictCommand, DictSelection, DumpFormat, EngineChoice, GraphArgs,
    ImageFormat, RenderArgs,
};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Marks errors in what the user asked for (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct UsageError(String);

fn main() -> ExitCode {
    keep_freed_memory();
    let args = Args::parse();
    match run(args) {
        Ok(code) => code,
        Err(err) => {
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("actorgraph: error: {}", said_once(&err));
            let usage = err.chain().any(|e| {
                e.downcast_ref::<DictionaryError>().is_some()
                    || e.downcast_ref::<UsageError>().is_some()
                    || matches!(
                        e.downcast_ref::<PartialError>(),
                        Some(PartialError::Mismatch { .. })
                    )
            });
            ExitCode::from(if usage { 2 } else { 3 })
        }
    }
}

/// An error and its causes joined by ": ", leaving out a cause whose text is already said
/// (an error that quotes its source would otherwise print the OS error twice).
fn said_once(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

fn run(args: Args) -> Result<ExitCode> {
    match args.command {
        Command::Build(b) => {
            let config = b.validate().map_err(|e| UsageError(format!("{e:#}")))?;
            build(&config)
        }
        Command::Map(m) => mapreduce::map(*m),
        Command::Merge(m) => mapreduce::merge(*m),
        Command::Render(r) => render_command(&r),
        Command::Extract(e) => {
            let input = &e.input;
            if e.output.as_os_str() != "-" {
                refuse_inside_inputs(&e.output, &input.inputs, "--output")?;
            }
            check_report_writable(input.report.as_deref())?;
            let dict = reading_dictionary(&input.dict, !input.no_discovery)?;
            let sources = discover(&input.inputs)?;
            let mut observer = Reporter::new(&sources, input);
            let summary = output::write_streaming(&e.output, |out| {
                actorgraph::extract_jsonl(&sources, &dict, input.threads, out, &mut observer)
            })
            .with_context(|| format!("writing {}", e.output.display()))?;
            observer.finish();
            observer.write_report(
                "extract",
                &input.inputs,
                &summary,
                exit_value(&summary),
                None,
            )?;
            if !input.quiet {
                eprintln!(
                    "actorgraph: {} articles, {} mentions{}",
                    summary.articles,
                    summary.mentions,
                    observer.note()
                );
            }
            Ok(exit_for(&summary))
        }
        Command::Dict(DictCommand::Check(d)) => dict_check(&d),
        Command::Dict(DictCommand::Export(e)) => {
            let written = actorgraph::dictionary::builtin::export(&e.dir)
                .map_err(|err| UsageError(err.to_string()))?;
            eprintln!(
                "actorgraph: wrote {} built-in dictionary files to {}; use them with --dict {}",
                written.len(),
                e.dir.display(),
                e.dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Dict(DictCommand::Dump(d)) => {
            let dict = load_dictionary(&d.dict)?;
            let mut out = std::io::stdout().lock();
            match d.format {
                DumpFormat::Tsv => {
                    writeln!(out, "alias\tentity\tkind\tcase")?;
                    for r in dict.aliases() {
                        let case = if r.exact { "exact" } else { "any" };
                        let alias = r.alias.replace(['\t', '\n'], " ");
                        writeln!(out, "{alias}\t{}\t{}\t{case}", r.entity, r.kind)?;
                    }
                }
                DumpFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, dict.aliases())?;
                    writeln!(out)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Suggest(s) if s.toml => suggest_toml(&s),
        Command::Suggest(s) => {
            let input = &s.input;
            let (names, summary, observer) =
                read_suggestions(&s, !input.no_discovery, |sources, dict, observer| {
                    actorgraph::suggest(sources, dict, input.threads, s.min_count, observer)
                })?;
            let mut out = std::io::stdout().lock();
            for n in &names {
                if s.json {
                    serde_json::to_writer(&mut out, n)?;
                    writeln!(out)?;
                } else {
                    writeln!(
                        out,
                        "{:>6} {:>5}  {}\n              {}: {}",
                        n.count,
                        n.documents,
                        n.name,
                        n.doc,
                        shorten(&n.context, 160)
                    )?;
                }
            }
            if !input.quiet {
                eprintln!(
                    "actorgraph: {} articles, {} names in no dictionary shown (count, articles){}",
                    summary.articles,
                    names.len(),
                    observer.note()
                );
            }
            Ok(exit_for(&summary))
        }
        Command::Eval(e) => eval(&e),
        Command::Stats(a) => query_command(&a.graph, &[], |loaded, _, out, json| {
            let stats = query::stats(loaded, a.top);
            answer(out, json, &stats, query::text::stats)
        }),
        Command::Neighbors(a) => {
            query_command(&a.graph, &[&a.entity], |loaded, found, out, json| {
                let n = query::neighbors(loaded, found[0], a.relations);
                answer(out, json, &n, query::text::neighbors)
            })
        }
        Command::Path(a) => query_command(&a.graph, &[&a.a, &a.b], |loaded, found, out, json| {
            let p = query::path(loaded, found[0], found[1]);
            answer(out, json, &p, query::text::path)
        }),
        Command::Evidence(a) => {
            query_command(&a.graph, &[&a.a, &a.b], |loaded, found, out, json| {
                let e = query::evidence(loaded, found[0], found[1]);
                answer(out, json, &e, query::text::evidence)
            })
        }
        Command::Timeline(a) => {
            query_command(&a.graph, &[&a.entity], |loaded, found, out, json| {
                let t = query::timeline(loaded, found[0]);
                if a.csv {
                    query::text::timeline_csv(&t, out)?;
                    return Ok(());
                }
                answer(out, json, &t, query::text::timeline)
            })
        }
    }
}

/// Loads the graph in `args.graph`, resolves `names` to actors and runs `ask` with stdout.
fn query_command(
    args: &GraphArgs,
    names: &[&str],
    ask: impl FnOnce(&Loaded, &[&Node], &mut dyn Write, bool) -> Result<()>,
) -> Result<ExitCode> {
    let loaded = Loaded::read(&args.graph)?;
    let source = DictSource::resolve(&args.dicts);
    let dict = source
        .load(None)
        .with_context(|| format!("{} for alias lookup", source.loading()))?;
    let resolver = Resolver::new(&loaded, Some(&dict));
    let mut found = Vec::new();
    for name in names {
        found.push(
            resolver
                .resolve(name)
                .map_err(|e| UsageError(e.to_string()))?,
        );
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    ask(&loaded, &found, &mut out, args.json)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Writes `value` as pretty JSON, or as text with `text`.
fn answer<T: serde::Serialize>(
    out: &mut dyn Write,
    json: bool,
    value: &T,
    text: fn(&T, &mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *out, value)?;
        writeln!(out)?;
    } else {
        text(value, out)?;
    }
    Ok(())
}

/// What both forms of `suggest` share: reads the articles with `read`, writes the report and
/// keeps the first `--limit` results.
fn read_suggestions<T>(
    s: &cli::SuggestArgs,
    discovery: bool,
    read: impl FnOnce(
        &actorgraph::input::Sources,
        &Dictionary,
        &mut Reporter,
    ) -> std::io::Result<(Vec<T>, actorgraph::ReadSummary)>,
) -> Result<(Vec<T>, actorgraph::ReadSummary, Reporter)> {
    let input = &s.input;
    let dict = reading_dictionary(&input.dict, discovery)?;
    let sources = discover(&input.inputs)?;
    let mut observer = Reporter::new(&sources, input);
    let (mut results, summary) =
        read(&sources, &dict, &mut observer).context("reading articles")?;
    observer.finish();
    observer.write_report(
        "suggest",
        &input.inputs,
        &summary,
        exit_value(&summary),
        None,
    )?;
    if s.limit > 0 {
        results.truncate(s.limit);
    }
    Ok((results, summary, observer))
}

/// `suggest --toml`: the provisional actors as dictionary entries on stdout.
fn suggest_toml(s: &cli::SuggestArgs) -> Result<ExitCode> {
    let input = &s.input;
    let (entries, summary, observer) = read_suggestions(s, true, |sources, dict, observer| {
        actorgraph::provisional_entries(sources, dict, input.threads, s.min_count, observer)
    })?;
    std::io::stdout()
        .lock()
        .write_all(actorgraph::promote::to_toml(&entries).as_bytes())?;
    if !input.quiet {
        eprintln!(
            "actorgraph: {} articles, {} provisional actors written as dictionary entries{}",
            summary.articles,
            entries.len(),
            observer.note()
        );
    }
    Ok(exit_for(&summary))
}

fn dict_check(d: &cli::DictArgs) -> Result<ExitCode> {
    let dict = load_dictionary(&d.dict)?;
    let findings = lint(&dict);
    let inside = |f: &&actorgraph::dictionary::Finding| f.kind == FindingKind::Shadowed;
    let shown: Vec<_> = findings
        .iter()
        .filter(|f| d.verbose || !inside(f))
        .collect();
    for f in &shown {
        println!("{f}");
    }
    let hidden = findings.len() - shown.len();
    if hidden > 0 {
        println!(
            "note: {hidden} aliases are part of a longer alias of another entity (--verbose lists them)"
        );
    }
    for kind in Kind::ALL {
        let n = dict.entities().iter().filter(|e| e.kind == kind).count();
        println!("{:<13} {n:>6} entities", kind.as_str());
    }
    println!(
        "{:<13} {:>6} entities, {} distinct aliases ({} generated name variants), {} discovery \
         rules with {} triggers, from {} files: no errors",
        "total",
        dict.entities().len(),
        dict.alias_count(),
        dict.variant_count(),
        dict.rules().rules.len(),
        dict.rules().triggers.len(),
        dict.files().len()
    );
    Ok(ExitCode::SUCCESS)
}

fn eval(e: &cli::EvalArgs) -> Result<ExitCode> {
    let input = &e.input;
    let gold = Gold::read(&e.gold).map_err(|err| UsageError(err.to_string()))?;
    let dict = reading_dictionary(&input.dict, !input.no_discovery)?;
    let sources = discover(&input.inputs)?;
    let mut observer = Reporter::new(&sources, input);
    let (found, summary) = actorgraph::entity_sets(&sources, &dict, input.threads, &mut observer)
        .context("reading articles")?;
    observer.finish();
    observer.write_report("eval", &input.inputs, &summary, exit_value(&summary), None)?;
    let scores = score(&gold, &found, &dict).map_err(|unread| {
        UsageError(format!(
            "{}: {} gold articles are not in the input: {} (a gold `doc` is an article's id, or \
             the file name of the one article of that name)",
            e.gold.display(),
            unread.len(),
            unread.join(", ")
        ))
    })?;
    let mut out = std::io::stdout().lock();
    if e.json {
        serde_json::to_writer_pretty(&mut out, &scores)?;
        writeln!(out)?;
        return Ok(exit_for(&summary));
    }
    let pct = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.3}"));
    writeln!(
        out,
        "{:<13} {:>6} {:>6} {:>8} {:>9} {:>7} {:>7}",
        "kind", "gold", "found", "correct", "precision", "recall", "F1"
    )?;
    let rows = scores.kinds.iter().map(|(k, c)| (k.as_str(), c));
    for (kind, c) in rows.chain([("all", &scores.total)]) {
        writeln!(
            out,
            "{kind:<13} {:>6} {:>6} {:>8} {:>9} {:>7} {:>7}",
            c.gold,
            c.found,
            c.correct,
            pct(c.precision()),
            pct(c.recall()),
            pct(c.f1())
        )?;
    }
    writeln!(
        out,
        "{} gold articles; {} with errors",
        scores.articles,
        scores.errors.len()
    )?;
    if e.details {
        for d in &scores.errors {
            writeln!(out, "{}", d.doc)?;
            if !d.missed.is_empty() {
                writeln!(out, "  missed: {}", d.missed.join(", "))?;
            }
            if !d.extra.is_empty() {
                writeln!(out, "  extra:  {}", d.extra.join(", "))?;
            }
        }
    }
    Ok(exit_for(&summary))
}

/// At most `max` characters, with an ellipsis when cut.
fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn load_dictionary(sel: &DictSelection) -> Result<Dictionary> {
    let source = sel.source();
    let dict = source.load(sel.langs()).context(source.loading())?;
    Ok(match &sel.labels {
        Some(lang) => {
            if !dict.label_languages().contains(lang.as_str()) {
                eprintln!(
                    "actorgraph: warning: --labels {lang}: no dictionary gives labels in {lang:?}; \
                     the labels stay as the dictionaries write them"
                );
            }
            dict.with_labels(lang)
        }
        None => dict,
    })
}

/// The dictionaries to read articles with, discovery rules applied unless `--no-discovery`.
fn reading_dictionary(sel: &DictSelection, discovery: bool) -> Result<Dictionary> {
    let dict = load_dictionary(sel)?;
    Ok(if discovery {
        dict
    } else {
        dict.without_discovery()
    })
}

fn discover(inputs: &[PathBuf]) -> Result<Sources> {
    Sources::discover(inputs).context("finding input articles")
}

fn build(config: &BuildConfig) -> Result<ExitCode> {
    let out = &config.graphs.out;
    refuse_inside_inputs(out, &config.inputs, "--out")?;
    let not_writable = || format!("output folder {} is not writable", out.display());
    output::check_writable(out).with_context(not_writable)?;
    // What the user named is checked before the output folder is made: a wrong dictionary
    // or input leaves nothing behind.
    let dict = reading_dictionary(&config.dict, config.discovery)?;
    let formats = usable_formats(&config.graphs.formats)?;
    let sources = discover(&config.inputs)?;
    output::ensure_writable(out).with_context(not_writable)?;
    check_report_writable(config.report.as_deref())?;
    let mut observer = Reporter::with(&sources, config.quiet, config.report.clone());
    let options = config.options();
    let graphs =
        pipeline::run(&sources, &dict, &options, &mut observer).context("reading articles")?;
    observer.finish();
    let summary = &graphs.summary;
    let failure = nothing_read(summary, &config.inputs, &config.reading.range);
    let exit = if failure.is_some() {
        3
    } else {
        exit_value(summary)
    };
    observer.write_report("build", &config.inputs, summary, exit, failure.as_deref())?;
    if let Some(failure) = failure {
        bail!(failure);
    }
    let written = graphs.write(&config.graphs.out, &dict, &options, &formats)?;
    if !config.quiet {
        say_built(&graphs, &config.graphs, &options, &written, &observer, "");
    }
    Ok(exit_for(summary))
}

/// The formats to write: those asked for, without SVG and PNG when Graphviz is missing and
/// they were not named (with a note); an error when they were.
fn usable_formats(formats: &cli::Formats) -> Result<Vec<pipeline::Format>> {
    let mut list = formats.list.clone();
    if list.iter().any(|f| f.needs_graphviz()) && !render::graphviz_available() {
        if !formats.svg_optional {
            return Err(render::RenderError::Missing).context("--format svg/png");
        }
        list.retain(|f| !f.needs_graphviz());
        eprintln!(
            "actorgraph: note: graph.svg not written: Graphviz's `dot` was not found (apt-get install graphviz)"
        );
    }
    Ok(list)
}

/// Why nothing can be written when no article was used, or `None`.
fn nothing_read(summary: &ReadSummary, inputs: &[PathBuf], range: &DateRange) -> Option<String> {
    if summary.articles == 0 && summary.out_of_range > 0 {
        Some(format!(
            "none of the {} articles is dated within {}; nothing written",
            summary.out_of_range,
            range_text(range)
        ))
    } else if summary.articles == 0 {
        Some(format!(
            "no articles found in {} (expected .txt or .jsonl files{}); nothing written",
            inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            if summary.skipped > 0 {
                format!(", and {} inputs were skipped", summary.skipped)
            } else {
                String::new()
            }
        ))
    } else {
        None
    }
}

/// The summary line of `build` and `merge`: what was read and what was written.
fn say_built(
    graphs: &pipeline::Graphs,
    config: &cli::GraphsConfig,
    options: &pipeline::Options,
    files: &[PathBuf],
    observer: &Reporter,
    from: &str,
) {
    let periods = config
        .by
        .map(|by| config.out.join(pipeline::period_folder(by)));
    let mut written: Vec<String> = files
        .iter()
        .filter(|p| periods.as_ref().is_none_or(|dir| !p.starts_with(dir)))
        .map(|p| p.display().to_string())
        .collect();
    if let (Some(by), Some(dir)) = (config.by, &periods) {
        written.push(format!(
            "{} graphs by {by} and their tables in {}",
            graphs.periods.len(),
            dir.display()
        ));
    }
    let range = &options.build.range;
    let summary = &graphs.summary;
    let range = if range.is_open() {
        String::new()
    } else if from.is_empty() {
        format!(
            " dated within {} ({} others left out)",
            range_text(range),
            summary.out_of_range
        )
    } else {
        format!(" dated within {}", range_text(range))
    };
    eprintln!(
        "actorgraph: {} articles{from}{range}, {} mentions, {} actors, {} ties ({} windows), {} relations{}; wrote {}",
        summary.articles,
        summary.mentions,
        graphs.graph.graph.node_count(),
        graphs.graph.graph.edge_count(),
        options.build.window,
        graphs.graph.relations.edge_count(),
        observer.note(),
        written.join(", ")
    );
}

/// Refuses an output inside one of the input folders: what is written there would be read as
/// input by the next run (and `extract` output by this one).
fn refuse_inside_inputs(out: &std::path::Path, inputs: &[PathBuf], option: &str) -> Result<()> {
    output::refuse_inside_inputs(out, inputs)
        .map_err(|e| UsageError(format!("{option} {e}")).into())
}

/// Checks before any work that the `--report` file's folder accepts new files.
fn check_report_writable(report: Option<&std::path::Path>) -> Result<()> {
    if let Some(path) = report {
        let dir = output::folder_of(path);
        output::ensure_writable(dir).with_context(|| {
            format!(
                "--report {}: folder {} is not writable",
                path.display(),
                dir.display()
            )
        })?;
    }
    Ok(())
}

fn range_text(range: &DateRange) -> String {
    match (&range.from, &range.to) {
        (Some(f), Some(t)) => format!("{f} to {t}"),
        (Some(f), None) => format!("{f} or later"),
        (None, Some(t)) => format!("{t} or earlier"),
        (None, None) => "any date".to_string(),
    }
}

/// `actorgraph render`: DOT files to images, with an engine chosen by size.
fn render_command(args: &RenderArgs) -> Result<ExitCode> {
    if !render::graphviz_available() {
        return Err(render::RenderError::Missing.into());
    }
    let mut files = Vec::new();
    for input in &args.inputs {
        let text = std::fs::read_to_string(input)
            .with_context(|| format!("reading {}", input.display()))?;
        let drawing =
            Drawing::parse(&text).map_err(|e| UsageError(format!("{}: {e}", input.display())))?;
        let engine = match args.engine {
            EngineChoice::Auto => drawing.auto_engine(),
            EngineChoice::Dot => Engine::Dot,
            EngineChoice::Neato => Engine::Neato,
            EngineChoice::Fdp => Engine::Fdp,
            EngineChoice::Sfdp => Engine::Sfdp,
            EngineChoice::Circo => Engine::Circo,
            EngineChoice::Twopi => Engine::Twopi,
            EngineChoice::Nop => Engine::Nop,
        };
        let nodes = drawing.nodes;
        let stem = input
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "graph".into());
        let folder = match &args.out {
            Some(dir) => dir.clone(),
            None => input.parent().map(PathBuf::from).unwrap_or_default(),
        };
        let mut formats = args.format.clone();
        formats.sort();
        formats.dedup();
        for format in formats {
            let image = match format {
                ImageFormat::Svg => Image::Svg,
                ImageFormat::Png => Image::Png,
            };
            let data = drawing
                .render(engine, image)
                .with_context(|| format!("rendering {}", input.display()))?;
            let out = folder.join(format!("{stem}.{}", image.extension()));
            eprintln!(
                "actorgraph: {}: {nodes} nodes, {engine} → {}",
                input.display(),
                out.display()
            );
            files.push((out, data));
        }
    }
    output::write_files_atomically(&files).context("writing images")?;
    Ok(ExitCode::SUCCESS)
}

/// Exit code 1 when some input was skipped, else 0.
fn exit_value(summary: &ReadSummary) -> u8 {
    u8::from(summary.skipped > 0)
}

fn exit_for(summary: &ReadSummary) -> ExitCode {
    ExitCode::from(exit_value(summary))
}

/// Prints skipped input and warnings to stderr, and a progress bar for long inputs when stderr
/// is a terminal; counts them by kind for the summary line, and lists them for `--report`.
struct Reporter {
    bar: Option<ProgressBar>,
    /// Skipped input (`true`) and warnings (`false`) by kind.
    counts: BTreeMap<(bool, &'static str), u64>,
    /// Where to write the report, and what it lists so far (in input order).
    report: Option<PathBuf>,
    listed: Vec<serde_json::Value>,
    unlisted: u64,
}

impl Reporter {
    /// Inputs smaller than this finish too fast for a progress bar to help.
    const BAR_MIN_BYTES: u64 = 4 << 20;
    /// The report lists at most this many problems (and counts the rest), so that a corpus of
    /// garbage cannot make it grow without bound.
    const REPORT_LIST_MAX: usize = 100_000;

    fn new(sources: &Sources, input: &cli::InputArgs) -> Reporter {
        Reporter::with(sources, input.quiet, input.report.clone())
    }

    fn with(sources: &Sources, quiet: bool, report: Option<PathBuf>) -> Reporter {
        Reporter::of_bytes(sources.total_bytes(), quiet, report)
    }

    /// A reporter with a progress bar over `total` bytes of article text.
    fn of_bytes(total: u64, quiet: bool, report: Option<PathBuf>) -> Reporter {
        let show = !quiet && std::io::stderr().is_terminal() && total >= Self::BAR_MIN_BYTES;
        let bar = show.then(|| {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
                )
                .expect("valid template"),
            );
            bar
        });
        Reporter {
            bar,
            counts: BTreeMap::new(),
            report,
            listed: Vec::new(),
            unlisted: 0,
        }
    }

    /// ", 3 inputs skipped (2 empty, 1 binary), 1 warning (impossible_date)", or nothing.
    fn note(&self) -> String {
        let mut note = String::new();
        for (skipped, noun) in [(true, "inputs skipped"), (false, "warnings")] {
            let kinds: Vec<(&str, u64)> = self
                .counts
                .iter()
                .filter(|((s, _), _)| *s == skipped)
                .map(|((_, k), n)| (*k, *n))
                .collect();
            let total: u64 = kinds.iter().map(|(_, n)| n).sum();
            if total == 0 {
                continue;
            }
            let noun = match (total, skipped) {
                (1, true) => "input skipped",
                (1, false) => "warning",
                _ => noun,
            };
            let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
            note.push_str(&format!(", {total} {noun} ({})", kinds.join(", ")));
        }
        note
    }

    /// Writes the `--report` file, if one was asked for: what was read and everything that was
    /// skipped or warned about. Written also when the run then fails for lack of articles.
    fn write_report(
        &self,
        command: &str,
        inputs: &[PathBuf],
        summary: &ReadSummary,
        exit: u8,
        error: Option<&str>,
    ) -> Result<()> {
        let Some(path) = &self.report else {
            return Ok(());
        };
        let by_kind = |skipped: bool| -> serde_json::Map<String, serde_json::Value> {
            self.counts
                .iter()
                .filter(|((s, _), _)| *s == skipped)
                .map(|((_, k), n)| (k.to_string(), (*n).into()))
                .collect()
        };
        let report = serde_json::json!({
            "command": command,
            "inputs": inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
            "articles": {
                "read": summary.articles + summary.out_of_range,
                "used": summary.articles,
                "out_of_range": summary.out_of_range,
            },
            "mentions": summary.mentions,
            "skipped": { "total": summary.skipped, "by_reason": by_kind(true) },
            "warnings": { "total": summary.warnings, "by_reason": by_kind(false) },
            "problems": self.listed,
            "problems_not_listed": self.unlisted,
            "exit_code": exit,
            "error": error,
        });
        let mut bytes = serde_json::to_vec_pretty(&report)?;
        bytes.push(b'\n');
        output::write_files_atomically(&[(path.clone(), bytes)])
            .with_context(|| format!("writing the report {}", path.display()))
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }

    fn say(&self, line: String) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }
}

impl Observer for Reporter {
    fn issue(&mut self, skipped: bool, what: &Skip) {
        *self.counts.entry((skipped, what.why.as_str())).or_default() += 1;
        if self.report.is_some() {
            if self.listed.len() < Self::REPORT_LIST_MAX {
                self.listed.push(serde_json::json!({
                    "origin": what.origin,
                    "skipped": skipped,
                    "kind": what.why.as_str(),
                    "reason": what.reason,
                }));
            } else {
                self.unlisted += 1;
            }
        }
        let verb = if skipped { "skipped" } else { "warning" };
        self.say(format!(
            "actorgraph: {verb}: {}: {}",
            what.origin, what.reason
        ));
    }

    fn progress(&mut self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }
}

/// mimalloc: extraction allocates many small strings on every thread, where glibc's malloc
/// spends a third of the time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Tells mimalloc to keep freed pages instead of returning them to the system 10 ms later.
/// Every batch of articles frees what the one before allocated; returned pages come back as
/// fresh pages the kernel must zero again (80,000 page faults on a 100 MB build, 9–16% of
/// the time in profiles). Memory stays bounded: freed pages are reused, not added to.
fn keep_freed_memory() {
    /// `mi_option_purge_delay` in mimalloc.h.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: sets one option value; no allocation depends on it being set at a given time.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
}

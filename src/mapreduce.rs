//! The `map` and `merge` commands: articles to a partial, partials to the files of `build`.

use crate::cli::{MapArgs, MergeArgs};
use crate::{
    Reporter, UsageError, check_report_writable, discover, exit_for, exit_value, nothing_read,
    reading_dictionary, refuse_inside_inputs, say_built, usable_formats,
};
use actorgraph::partial::{self, PartialError, Reader};
use actorgraph::{output, pipeline};
use anyhow::{Context, Result, bail};
use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// `actorgraph map`: reads articles and writes their partial, all or nothing.
pub fn map(args: MapArgs) -> Result<ExitCode> {
    let reading = args
        .reading
        .validate()
        .map_err(|e| UsageError(format!("{e:#}")))?;
    let input = &args.input;
    let to_stdout = args.output.as_os_str() == "-";
    if !to_stdout {
        refuse_inside_inputs(&args.output, &input.inputs, "--output")?;
        let dir = output::folder_of(&args.output);
        output::check_writable(dir)
            .with_context(|| format!("folder {} is not writable", dir.display()))?;
    }
    check_report_writable(input.report.as_deref())?;
    let dict = reading_dictionary(&input.dict, !input.no_discovery)?;
    let sources = discover(&input.inputs)?;
    let mut observer = Reporter::new(&sources, input);
    let opts = reading.options(input.threads);
    let summary = output::write_streaming(&args.output, |out| -> Result<_> {
        let (_, summary) =
            partial::map(&sources, &dict, &opts, out, &mut observer).context("reading articles")?;
        observer.finish();
        let failure = nothing_read(&summary, &input.inputs, &reading.range);
        let exit = if failure.is_some() {
            3
        } else {
            exit_value(&summary)
        };
        observer.write_report("map", &input.inputs, &summary, exit, failure.as_deref())?;
        if let Some(failure) = failure {
            bail!(failure);
        }
        Ok(summary)
    })
    .with_context(|| format!("writing {}", args.output.display()))?;
    if !input.quiet {
        let size = if to_stdout {
            String::new()
        } else {
            std::fs::metadata(&args.output)
                .map(|m| format!(" ({})", megabytes(m.len())))
                .unwrap_or_default()
        };
        eprintln!(
            "actorgraph: {} articles, {} mentions{}; wrote {}{size}",
            summary.articles,
            summary.mentions,
            observer.note(),
            args.output.display()
        );
    }
    Ok(exit_for(&summary))
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// Opens a partial file, its path naming it in messages.
fn open(path: &Path) -> Result<Reader<File>, PartialError> {
    let name = path.display().to_string();
    let file = File::open(path).map_err(|source| PartialError::Io {
        name: name.clone(),
        source,
    })?;
    Reader::new(&name, file)
}

/// `actorgraph merge`: partials to the files `build` writes, and with `--state` to one
/// partial. The reading options come from the first partial; every other must agree.
pub fn merge(args: MergeArgs) -> Result<ExitCode> {
    let config = args
        .graphs
        .validate()
        .map_err(|e| UsageError(format!("{e:#}")))?;
    let out = &config.out;
    let not_writable = || format!("output folder {} is not writable", out.display());
    output::check_writable(out).with_context(not_writable)?;
    if let Some(state) = &args.state {
        let dir = output::folder_of(state);
        output::check_writable(dir)
            .with_context(|| format!("--state: folder {} is not writable", dir.display()))?;
    }
    // The reading options are the first partial's; every partial is checked against them
    // (and the dictionaries) before any work, and nothing is created before the merge is
    // done: a partial damaged halfway leaves nothing behind.
    let first = open(&args.parts[0])?;
    let header = first.header().clone();
    let dict = reading_dictionary(&args.dict, header.reading.discovery)?;
    let build = first.reading_options(&pipeline::Options::default().build)?;
    let options = config.options(build);
    let formats = usable_formats(&config.formats)?;
    let wanted = partial::Header::of(&dict, &options.build);
    first.check(&wanted)?;
    for path in &args.parts[1..] {
        open(path)?.check(&wanted)?;
    }
    let mut observer = Reporter::of_bytes(0, args.quiet, None);
    let mut first = Some(first);
    let partials = args.parts.iter().map(|path| match first.take() {
        Some(reader) => Ok(reader),
        None => open(path),
    });
    let graphs = match &args.state {
        Some(state) => output::write_streaming(state, |out: &mut dyn Write| -> Result<_> {
            let (graphs, _) = pipeline::merge(partials, &dict, &options, Some(out), &mut observer)?;
            something_merged(graphs)
        })
        .with_context(|| format!("--state {}", state.display()))?,
        None => {
            let none = None::<&mut dyn Write>;
            something_merged(pipeline::merge(partials, &dict, &options, none, &mut observer)?.0)?
        }
    };
    output::ensure_writable(out).with_context(not_writable)?;
    let summary = &graphs.summary;
    let written = graphs.write(out, &dict, &options, &formats)?;
    if !args.quiet {
        let from = format!(" from {} partials", args.parts.len());
        say_built(&graphs, &config, &options, &written, &observer, &from);
    }
    Ok(exit_for(summary))
}

/// The graphs, or an error when the partials held no article (then nothing is written).
fn something_merged(graphs: pipeline::Graphs) -> Result<pipeline::Graphs> {
    if graphs.summary.articles == 0 {
        bail!("the partials hold no articles; nothing written");
    }
    Ok(graphs)
}

//! The raw scan ceiling for `benches/run.sh`: one bare Aho-Corasick pass over the bytes of every
//! `.jsonl` and `.txt` file under a folder, with the aliases of an `actorgraph dict dump` TSV.
//!
//! ```text
//! cargo run --release --example scan -- ALIASES.tsv CORPUS_DIR [THREADS]
//! ```
//!
//! It is what anyone would write to count dictionary names as fast as possible: ASCII
//! case-insensitive, leftmost-longest, no JSON parsing, no normalisation, no word boundaries,
//! no graph. Files are read one at a time and cut at line ends into 1 MB pieces scanned in
//! parallel. Prints `bytes matches seconds` on one line.

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "jsonl" || e == "txt") {
            out.push(path);
        }
    }
    Ok(())
}

/// Line-aligned pieces of about `size` bytes.
fn pieces(bytes: &[u8], size: usize) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let mut end = (start + size).min(bytes.len());
        while end < bytes.len() && bytes[end - 1] != b'\n' {
            end += 1;
        }
        out.push(&bytes[start..end]);
        start = end;
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        return Err("usage: scan ALIASES.tsv CORPUS_DIR [THREADS]".into());
    }
    let threads = args.get(3).map_or(Ok(0), |t| t.parse())?;
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global()?;
    let dump = std::fs::read_to_string(&args[1])?;
    let aliases: Vec<&str> = dump
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .collect();
    let mut paths = Vec::new();
    files(Path::new(&args[2]), &mut paths)?;
    paths.sort();
    let started = Instant::now();
    let automaton = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&aliases)?;
    let (mut bytes, mut matches) = (0u64, 0u64);
    for path in &paths {
        let text = std::fs::read(path)?;
        bytes += text.len() as u64;
        matches += pieces(&text, 1 << 20)
            .par_iter()
            .map(|p| automaton.find_iter(p).count() as u64)
            .sum::<u64>();
    }
    println!("{bytes} {matches} {:.3}", started.elapsed().as_secs_f64());
    Ok(())
}

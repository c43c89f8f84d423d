//! Reading articles: `.txt` files, folders of them, JSON Lines files and standard input.
//!
//! Inputs are *streamed*: [`Sources::documents`] yields one [`Document`] at a time, so a corpus
//! of any size is never held in memory. Folders are walked recursively and their entries sorted
//! by path, so the order of articles does not depend on the order of files on disk.
//!
//! - A `.txt` file (or any file named explicitly that is not `.jsonl`) is one article; its id is
//!   the file stem. A first line starting with ` date YYYY-MM` or ` date YYYY-MM-DD` (leading
//!   space optional) sets the date; the rest of that line is the first sentence.
//! - A `.jsonl` file holds one article per line: `{"id", "text", "date"?, "title"?, "url"?}`.
//!   `date` may be `YYYY-MM`, `YYYY-MM-DD` or an ISO timestamp (its date part is used).
//! - `-` reads standard input: JSON Lines when its first non-blank character is `{`, otherwise one
//!   article with the id `stdin`.
//!
//! Offsets reported for an article always index [`Document::text`]: the whole file for `.txt`
//! (date header and byte-order mark included), the `text` field for JSON Lines. Input that
//! cannot be used (invalid UTF-8, a malformed JSON line) is skipped with a [`Skip`] saying
//! where and why; the rest is processed.

use serde::Deserialize;
use std::collections::VecDeque;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// One article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    /// `YYYY-MM` or `YYYY-MM-DD`; `None` when the input gives no date.
    pub date: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// The original text; every offset the tool reports indexes this string.
    pub text: String,
    /// Where the article body starts in `text` (after a date header or byte-order mark).
    pub body_start: usize,
    /// Where the article came from, for messages: `path` or `path:line`.
    pub origin: String,
}

impl Document {
    /// An article from memory (no title or URL; offsets index `text`).
    pub fn new(id: &str, date: Option<&str>, text: &str) -> Document {
        Document {
            id: id.to_string(),
            date: date.map(String::from),
            title: None,
            url: None,
            text: text.to_string(),
            body_start: 0,
            origin: id.to_string(),
        }
    }
}

/// Input that was skipped (or kept with a warning), with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// `path` or `path:line`.
    pub origin: String,
    /// The kind of problem, for counting (`--report`).
    pub why: Why,
    /// What exactly was wrong, for people.
    pub reason: String,
}

/// Kinds of unusable input, named in the summary line and in `--report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Why {
    /// Bytes that are not UTF-8: the file or line is skipped (not decoded lossily, so that no
    /// offset or quotation ever points into replaced text).
    InvalidUtf8,
    /// A file with NUL bytes: not text.
    Binary,
    /// An article with no text.
    Empty,
    /// A JSON Lines line that is not a JSON object with a string `text` and an `id`.
    MalformedJson,
    /// A file or folder that could not be read.
    Unreadable,
    /// A folder reached again through a symbolic link.
    SymlinkLoop,
    /// Neither a regular file nor a folder (a FIFO, a socket, a device).
    NotAFile,
    /// A date that does not exist; the article is kept without one (a warning).
    ImpossibleDate,
    /// An article id used before by another article; the article is kept (a warning).
    DuplicateId,
    /// The same article read again (same id, text, date, title and URL): counted once.
    DuplicateArticle,
}

impl Why {
    /// The name used in `--report` and the summary line.
    pub fn as_str(self) -> &'static str {
        match self {
            Why::InvalidUtf8 => "invalid_utf8",
            Why::Binary => "binary",
            Why::Empty => "empty",
            Why::MalformedJson => "malformed_json",
            Why::Unreadable => "unreadable",
            Why::SymlinkLoop => "symlink_loop",
            Why::NotAFile => "not_a_file",
            Why::ImpossibleDate => "impossible_date",
            Why::DuplicateId => "duplicate_id",
            Why::DuplicateArticle => "duplicate_article",
        }
    }
}

impl Skip {
    pub fn new(origin: impl Into<String>, why: Why, reason: impl Into<String>) -> Skip {
        Skip {
            origin: origin.into(),
            why,
            reason: reason.into(),
        }
    }
}

/// What reading produces: an article, a skipped piece of input, or a note about an article
/// that was read but whose metadata was ignored (an impossible date).
#[derive(Debug)]
pub enum Item {
    Document(Document),
    Skipped(Skip),
    Warning(Skip),
}

/// Errors that stop reading altogether.
#[derive(Debug, Error)]
pub enum InputError {
    #[error("{path}: no such file or folder")]
    Missing { path: PathBuf },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// One input source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Text(PathBuf),
    Jsonl(PathBuf),
    Stdin,
    /// JSON Lines already in memory (one text given to a front end), read as a `.jsonl` file
    /// named `origin` is: the same checks and the same messages, with `origin:line`.
    JsonlBytes {
        origin: String,
        bytes: Vec<u8>,
    },
    /// A `.txt` file already in memory (a file a Spark job read), with the id `build` gives
    /// the file ([`text_id`]) and named `origin` in messages: read as that file is.
    TextBytes {
        id: String,
        origin: String,
        bytes: Vec<u8>,
    },
    /// A JSON Lines file named `origin` in messages (the file a front end spooled its
    /// articles into, say `<articles>`), streamed like any `.jsonl` file.
    JsonlNamed {
        path: PathBuf,
        origin: String,
    },
}

/// The resolved list of sources, in processing order.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub sources: Vec<Source>,
    /// Files and folders found while walking that cannot be read (reported before any article).
    pub skipped: Vec<Skip>,
}

impl Sources {
    /// Resolves paths: files as given, folders walked recursively for `.txt` and `.jsonl`
    /// files in sorted order, `-` for standard input.
    pub fn discover(inputs: &[PathBuf]) -> Result<Sources, InputError> {
        let mut sources = Vec::new();
        let mut skipped = Vec::new();
        for input in inputs {
            if input.as_os_str() == "-" {
                sources.push(Source::Stdin);
                continue;
            }
            let meta = fs::metadata(input).map_err(|e| match e.kind() {
                io::ErrorKind::NotFound => InputError::Missing {
                    path: input.clone(),
                },
                _ => InputError::Io {
                    path: input.clone(),
                    source: e,
                },
            })?;
            if meta.is_dir() {
                // The folder named on the command line must be readable; below it, what cannot
                // be read is skipped with a message.
                fs::read_dir(input).map_err(|e| InputError::Io {
                    path: input.clone(),
                    source: e,
                })?;
                let mut walk = Walk::default();
                walk.dir(input);
                walk.found.sort();
                walk.skipped.sort_by(|a, b| a.origin.cmp(&b.origin));
                sources.extend(walk.found.into_iter().map(classify));
                skipped.extend(walk.skipped);
            } else {
                sources.push(classify(input.clone()));
            }
        }
        Ok(Sources { sources, skipped })
    }

    /// Total size in bytes of the file sources (standard input counts as 0), for progress.
    pub fn total_bytes(&self) -> u64 {
        self.sources
            .iter()
            .filter_map(|s| match s {
                Source::Text(p) | Source::Jsonl(p) => fs::metadata(p).ok().map(|m| m.len()),
                Source::Stdin => None,
                Source::JsonlBytes { bytes, .. } | Source::TextBytes { bytes, .. } => {
                    Some(bytes.len() as u64)
                }
                Source::JsonlNamed { path, .. } => fs::metadata(path).ok().map(|m| m.len()),
            })
            .sum()
    }

    /// Streams the articles of every source in order.
    pub fn documents(&self) -> impl Iterator<Item = Item> + '_ {
        let skipped = self.skipped.iter().cloned().map(Item::Skipped);
        skipped.chain(self.sources.iter().flat_map(read_source))
    }
}

fn classify(path: PathBuf) -> Source {
    if path.extension().is_some_and(|e| e == "jsonl") {
        Source::Jsonl(path)
    } else {
        Source::Text(path)
    }
}

fn is_article_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "txt" || e == "jsonl")
}

/// A recursive walk of a folder that follows symbolic links, reads each real folder once, and
/// records what it cannot read instead of stopping.
#[derive(Default)]
struct Walk {
    found: Vec<PathBuf>,
    skipped: Vec<Skip>,
    /// Real paths of the folders on the way down (a link back to one of them is a loop).
    ancestors: Vec<PathBuf>,
    /// Real paths of every folder read (one reached twice is read once).
    seen: std::collections::HashSet<PathBuf>,
}

impl Walk {
    fn skip(&mut self, path: &Path, why: Why, reason: String) {
        self.skipped
            .push(Skip::new(path.display().to_string(), why, reason));
    }

    fn dir(&mut self, dir: &Path) {
        let real = match fs::canonicalize(dir) {
            Ok(r) => r,
            Err(e) => return self.skip(dir, Why::Unreadable, format!("cannot read folder: {e}")),
        };
        if self.ancestors.contains(&real) {
            return self.skip(
                dir,
                Why::SymlinkLoop,
                format!("symbolic link loop back to {}", real.display()),
            );
        }
        if !self.seen.insert(real.clone()) {
            return self.skip(
                dir,
                Why::SymlinkLoop,
                format!(
                    "folder {} already read through another path",
                    real.display()
                ),
            );
        }
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return self.skip(dir, Why::Unreadable, format!("cannot read folder: {e}")),
        };
        // Sorted, so that which of two paths to the same folder is read does not depend on
        // the order the file system lists them in.
        let mut listed = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => listed.push(entry),
                Err(e) => {
                    self.skip(dir, Why::Unreadable, format!("cannot list folder: {e}"));
                    break;
                }
            }
        }
        listed.sort_by_key(fs::DirEntry::path);
        self.ancestors.push(real);
        for entry in listed {
            let path = entry.path();
            let file_type = match entry.file_type() {
                Ok(t) => t,
                Err(e) => {
                    self.skip(&path, Why::Unreadable, format!("cannot read: {e}"));
                    continue;
                }
            };
            if file_type.is_dir() {
                self.dir(&path);
            } else if file_type.is_symlink() {
                match fs::metadata(&path) {
                    Ok(m) if m.is_dir() => self.dir(&path),
                    Ok(m) if is_article_file(&path) && !m.is_file() => {
                        self.skip(&path, Why::NotAFile, "not a regular file".into())
                    }
                    Ok(_) if is_article_file(&path) => self.found.push(path),
                    Ok(_) => {}
                    Err(e) if is_article_file(&path) => {
                        self.skip(&path, Why::Unreadable, format!("broken symbolic link: {e}"))
                    }
                    Err(_) => {}
                }
            } else if is_article_file(&path) {
                if file_type.is_file() {
                    self.found.push(path);
                } else {
                    self.skip(&path, Why::NotAFile, "not a regular file".into());
                }
            }
        }
        self.ancestors.pop();
    }
}

fn read_source(source: &Source) -> Box<dyn Iterator<Item = Item> + '_> {
    match source {
        Source::Text(path) => {
            let origin = path.display().to_string();
            let id = text_id(path);
            match fs::read(path) {
                Ok(bytes) => Box::new(text_document(id, origin, bytes).into_iter()),
                Err(e) => Box::new(std::iter::once(Item::Skipped(Skip::new(
                    origin,
                    Why::Unreadable,
                    format!("cannot read: {e}"),
                )))),
            }
        }
        Source::Jsonl(path) => {
            let origin = path.display().to_string();
            match fs::File::open(path) {
                Ok(f) => Box::new(JsonLines::new(origin, Box::new(BufReader::new(f)))),
                Err(e) => Box::new(std::iter::once(Item::Skipped(Skip::new(
                    origin,
                    Why::Unreadable,
                    format!("cannot read: {e}"),
                )))),
            }
        }
        Source::JsonlNamed { path, origin } => match fs::File::open(path) {
            Ok(f) => Box::new(JsonLines::new(origin.clone(), Box::new(BufReader::new(f)))),
            Err(e) => Box::new(std::iter::once(Item::Skipped(Skip::new(
                origin.clone(),
                Why::Unreadable,
                format!("cannot read: {e}"),
            )))),
        },
        Source::JsonlBytes { origin, bytes } => {
            Box::new(JsonLines::new(origin.clone(), Box::new(&bytes[..])))
        }
        Source::TextBytes { id, origin, bytes } => {
            Box::new(text_document(id.clone(), origin.clone(), bytes.clone()).into_iter())
        }
        Source::Stdin => {
            let mut stdin = BufReader::new(io::stdin());
            let first = match stdin.fill_buf() {
                Ok(buf) => buf.iter().find(|b| !b.is_ascii_whitespace()).copied(),
                Err(e) => {
                    return Box::new(std::iter::once(Item::Skipped(Skip::new(
                        "<stdin>",
                        Why::Unreadable,
                        format!("cannot read: {e}"),
                    ))));
                }
            };
            if first == Some(b'{') {
                Box::new(JsonLines::new("<stdin>".into(), Box::new(stdin)))
            } else {
                let mut bytes = Vec::new();
                match stdin.read_to_end(&mut bytes) {
                    Ok(_) => {
                        Box::new(text_document("stdin".into(), "<stdin>".into(), bytes).into_iter())
                    }
                    Err(e) => Box::new(std::iter::once(Item::Skipped(Skip::new(
                        "<stdin>",
                        Why::Unreadable,
                        format!("cannot read: {e}"),
                    )))),
                }
            }
        }
    }
}

/// A key of an article's content (text, date, title and URL), the same in every run of this
/// build for the same article: it tells the same article read twice from two articles that
/// share an id, and orders the evidence of the latter whatever the input order.
pub fn content_key(doc: &Document) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    for part in [
        Some(doc.text.as_str()),
        doc.date.as_deref(),
        doc.title.as_deref(),
        doc.url.as_deref(),
    ] {
        match part {
            Some(s) => {
                h.write_u8(1);
                h.write(s.as_bytes());
                h.write_usize(s.len());
            }
            None => h.write_u8(0),
        }
    }
    h.finish()
}

/// The id of a `.txt` article: its path as the user named it (the folder given and the path
/// below it), without the extension and with `/` between folders: `nl/007.txt` and
/// `en/007.txt` are `nl/007` and `en/007`, so articles of the same name in two folders stay
/// two articles.
pub fn text_id(path: &Path) -> String {
    let parts: Vec<String> = path
        .with_extension("")
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| match c {
            std::path::Component::RootDir => String::new(),
            other => other.as_os_str().to_string_lossy().into_owned(),
        })
        .collect();
    parts.join("/")
}

/// Reads JSON Lines from `reader` as [`Sources::documents`] does for a `.jsonl` file named
/// `origin` (for tools and fuzzing).
pub fn jsonl_items<'a>(origin: &str, reader: impl BufRead + 'a) -> impl Iterator<Item = Item> + 'a {
    JsonLines::new(origin.to_string(), Box::new(reader))
}

/// Reads the bytes of a `.txt` file as [`Sources::documents`] does (for tools and fuzzing).
pub fn text_items(id: &str, origin: &str, bytes: Vec<u8>) -> Vec<Item> {
    text_document(id.to_string(), origin.to_string(), bytes)
}

/// Builds the article of a text file; a warning item precedes it when its date is impossible.
fn text_document(id: String, origin: String, bytes: Vec<u8>) -> Vec<Item> {
    if let Some(at) = memchr::memchr(0, &bytes) {
        return vec![Item::Skipped(Skip::new(
            origin,
            Why::Binary,
            format!("binary file, not text (NUL byte at offset {at})"),
        ))];
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return vec![Item::Skipped(Skip::new(
                origin,
                Why::InvalidUtf8,
                format!(
                    "not valid UTF-8 (first bad byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            ))];
        }
    };
    let mut items = Vec::new();
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let (date, body_start) = match date_header(&text[bom..]) {
        Some((token, len)) => {
            match parse_date(token) {
                Some(d) => (Some(d), bom + len),
                None => {
                    items.push(Item::Warning(Skip::new(
                        format!("{origin}:1"),
                        Why::ImpossibleDate,
                        format!("impossible date {token:?} in the date header; article kept without a date"),
                    )));
                    (None, bom + len)
                }
            }
        }
        None => (None, bom),
    };
    if is_blank(&text[body_start..]) {
        return vec![Item::Skipped(Skip::new(
            origin,
            Why::Empty,
            "empty article: no text",
        ))];
    }
    items.push(Item::Document(Document {
        id,
        date,
        title: None,
        url: None,
        text,
        body_start,
        origin,
    }));
    items
}

/// True when `text` has nothing to read: only white space and invisible format characters.
fn is_blank(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || crate::text::is_invisible(c))
}

/// Recognises a ` date YYYY-MM[-DD]` header; returns the date token and the header length
/// (including the space after the token).
fn date_header(text: &str) -> Option<(&str, usize)> {
    let rest = text.strip_prefix(' ').unwrap_or(text);
    let lead = text.len() - rest.len();
    let rest = rest.strip_prefix("date ")?;
    let token_len = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
    let token = &rest[..token_len];
    let shaped = token.len() >= 7
        && token.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && (token.len() == 7 || token.len() == 10);
    if !shaped {
        return None;
    }
    let after = &rest[token_len..];
    let space = after
        .chars()
        .next()
        .filter(|c| *c == ' ' || *c == '\t')
        .map_or(0, char::len_utf8);
    Some((token, lead + "date ".len() + token_len + space))
}

/// Validates a date: `YYYY-MM` or `YYYY-MM-DD`, or an ISO timestamp whose date part is used.
/// Returns the normalised date, or `None` when it is malformed or impossible (`2021-02-30`).
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    let date = if s.len() > 10 && s.as_bytes()[10] == b'T' {
        &s[..10]
    } else {
        s
    };
    let parts: Vec<&str> = date.split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let year = num(parts.first()?, 4)?;
    let month = num(parts.get(1)?, 2)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    match parts.len() {
        2 => Some(date.to_string()),
        3 => {
            let day = num(parts[2], 2)?;
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            let days = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            (1..=days).contains(&day).then(|| date.to_string())
        }
        _ => None,
    }
}

#[derive(Deserialize)]
struct JsonArticle {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

struct JsonLines<'a> {
    origin: String,
    reader: Box<dyn BufRead + 'a>,
    line: usize,
    /// Items of the last line read, in order (a warning before its article).
    pending: VecDeque<Item>,
}

impl<'a> JsonLines<'a> {
    fn new(origin: String, reader: Box<dyn BufRead + 'a>) -> Self {
        JsonLines {
            origin,
            reader,
            line: 0,
            pending: VecDeque::new(),
        }
    }

    /// Stops reading this file, with `item` as its last word.
    fn give_up(&mut self, item: Item) {
        self.pending.push_back(item);
        self.reader = Box::new(io::empty());
    }

    /// Parses what `read_until` returned: one line, or several when lines end in a lone
    /// carriage return (old Mac line ends; JSON strings cannot hold a raw CR, so it only ever
    /// ends a line).
    fn parse_chunk(&mut self, buf: &[u8]) {
        let buf = buf.strip_suffix(b"\n").unwrap_or(buf);
        let buf = buf.strip_suffix(b"\r").unwrap_or(buf);
        for line in buf.split(|&b| b == b'\r') {
            self.line += 1;
            self.parse_line(line);
            if matches!(self.pending.back(), Some(Item::Skipped(s)) if s.why == Why::Binary) {
                return;
            }
        }
    }

    /// Parses one line into `pending`: nothing for a blank line, a skip, or an article preceded
    /// by a warning about its date.
    fn parse_line(&mut self, buf: &[u8]) {
        let origin = format!("{}:{}", self.origin, self.line);
        if let Some(at) = memchr::memchr(0, buf) {
            let skip = Skip::new(
                origin,
                Why::Binary,
                format!(
                    "binary data, not JSON Lines (NUL byte at offset {at} of the line); rest of file skipped"
                ),
            );
            return self.give_up(Item::Skipped(skip));
        }
        let skip = |why: Why, reason: String| Item::Skipped(Skip::new(origin.clone(), why, reason));
        let buf = match buf.strip_prefix("\u{FEFF}".as_bytes()) {
            Some(rest) if self.line == 1 => rest,
            _ => buf,
        };
        let line = match std::str::from_utf8(buf) {
            Ok(line) => line,
            Err(e) => {
                let at = e.valid_up_to();
                self.pending.push_back(skip(
                    Why::InvalidUtf8,
                    format!("not valid UTF-8 (first bad byte at offset {at} of the line)"),
                ));
                return;
            }
        };
        if line.trim().is_empty() {
            return;
        }
        let article: JsonArticle = match serde_json::from_str(line) {
            Ok(a) => a,
            Err(e) => {
                self.pending.push_back(skip(
                    Why::MalformedJson,
                    format!("malformed JSON line: {e}"),
                ));
                return;
            }
        };
        let id = match article.id {
            serde_json::Value::String(s) if !s.trim().is_empty() => s,
            serde_json::Value::Number(n) => n.to_string(),
            _ => {
                self.pending.push_back(skip(
                    Why::MalformedJson,
                    "\"id\" must be a non-empty string or a number".into(),
                ));
                return;
            }
        };
        if is_blank(&article.text) {
            self.pending
                .push_back(skip(Why::Empty, "empty article: \"text\" is blank".into()));
            return;
        }
        let date = match article.date.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(d) => match parse_date(d) {
                Some(d) => Some(d),
                None => {
                    self.pending.push_back(Item::Warning(Skip::new(
                        origin.clone(),
                        Why::ImpossibleDate,
                        format!("impossible date {d:?}; article kept without a date"),
                    )));
                    None
                }
            },
        };
        self.pending.push_back(Item::Document(Document {
            id,
            date,
            title: article.title,
            url: article.url,
            text: article.text,
            body_start: 0,
            origin,
        }));
    }
}

impl Iterator for JsonLines<'_> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            let mut buf = Vec::new();
            match self.reader.read_until(b'\n', &mut buf) {
                Ok(0) => return None,
                Ok(_) => self.parse_chunk(&buf),
                Err(e) => {
                    let skip = Skip::new(
                        format!("{}:{}", self.origin, self.line + 1),
                        Why::Unreadable,
                        format!("cannot read: {e}; rest of file skipped"),
                    );
                    self.give_up(Item::Skipped(skip));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_article_is_named_by_its_path_as_given() {
        for (path, id) in [
            // Two folders with files of the same name: two articles.
            ("nl/007.txt", "nl/007"),
            ("en/007.txt", "en/007"),
            // "./" adds nothing; only the last extension goes.
            ("./corpus/a.b.txt", "corpus/a.b"),
            ("seeds/001.txt", "seeds/001"),
            ("/srv/news/x.txt", "/srv/news/x"),
            ("bare.txt", "bare"),
        ] {
            assert_eq!(text_id(Path::new(path)), id, "{path}");
        }
    }

    fn doc(items: Vec<Item>) -> Document {
        items
            .into_iter()
            .find_map(|i| match i {
                Item::Document(d) => Some(d),
                _ => None,
            })
            .expect("a document")
    }

    #[test]
    fn date_header_sets_date_and_body() {
        let d = doc(text_document(
            "a".into(),
            "a.txt".into(),
            b" date 2021-08 De aanslagen".to_vec(),
        ));
        assert_eq!(d.date.as_deref(), Some("2021-08"));
        assert_eq!(&d.text[d.body_start..], "De aanslagen");
        let d = doc(text_document(
            "a".into(),
            "a.txt".into(),
            b"date 2021-08-26\nKop".to_vec(),
        ));
        assert_eq!(d.date.as_deref(), Some("2021-08-26"));
        assert_eq!(&d.text[d.body_start..], "\nKop");
    }

    #[test]
    fn no_header_means_no_date() {
        let d = doc(text_document(
            "a".into(),
            "a.txt".into(),
            b"De laatste escalatie".to_vec(),
        ));
        assert_eq!(d.date, None);
        assert_eq!(d.body_start, 0);
        let d = doc(text_document(
            "a".into(),
            "a.txt".into(),
            b"date night in Kabul".to_vec(),
        ));
        assert_eq!(d.date, None);
    }

    #[test]
    fn impossible_header_date_warns_and_drops_date() {
        let items = text_document(
            "a".into(),
            "a.txt".into(),
            b" date 2021-02-30 Tekst".to_vec(),
        );
        assert!(matches!(&items[0], Item::Warning(w) if w.reason.contains("2021-02-30")));
        let d = doc(items);
        assert_eq!(d.date, None);
        assert_eq!(&d.text[d.body_start..], "Tekst");
    }

    #[test]
    fn dates_are_validated() {
        assert_eq!(parse_date("2024-02-29").as_deref(), Some("2024-02-29"));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2021-13"), None);
        assert_eq!(
            parse_date("2021-08-26T10:00:00Z").as_deref(),
            Some("2021-08-26")
        );
        assert_eq!(parse_date("26-08-2021"), None);
    }

    #[test]
    fn invalid_utf8_is_skipped_with_offset() {
        let items = text_document("a".into(), "a.txt".into(), b"Kabul \xff".to_vec());
        assert!(matches!(&items[0], Item::Skipped(s) if s.reason.contains("offset 6")));
    }

    #[test]
    fn jsonl_lines_are_articles_and_bad_lines_skipped() {
        let data = "{\"id\": \"x1\", \"text\": \"Kabul\", \"date\": \"2021-08-26\"}\n\nnot json\n{\"id\": 7, \"text\": \"Doha\", \"date\": \"2021-99\"}\n";
        let items: Vec<Item> =
            JsonLines::new("c.jsonl".into(), Box::new(data.as_bytes())).collect();
        assert!(
            matches!(&items[0], Item::Document(d) if d.id == "x1" && d.date.as_deref() == Some("2021-08-26"))
        );
        assert!(matches!(&items[1], Item::Skipped(s) if s.origin == "c.jsonl:3"));
        assert!(matches!(&items[2], Item::Warning(s) if s.origin == "c.jsonl:4"));
        assert!(matches!(&items[3], Item::Document(d) if d.id == "7" && d.date.is_none()));
        assert_eq!(items.len(), 4);
    }
}

//! Text normalisation for matching, and Dutch paragraph/sentence segmentation.
//!
//! Matching never runs on the original text. [`Folded`] builds a *match form* of a document in
//! one pass over its characters and keeps, for every byte of that form, the byte in the original
//! text it came from, so every span found in the match form maps back to exact original offsets.
//!
//! The match form is:
//! - canonically decomposed with combining marks dropped, so precomposed and decomposed
//!   (NFC/NFD) spellings are equal and matching is accent-insensitive (`Türkiye` = `Turkiye`,
//!   `Saudi-Arabië` = `Saudi-Arabie`);
//! - typographic apostrophes, quotes and dashes replaced by their ASCII forms (`’` → `'`,
//!   `“` → `"`, `—` → `-`), non-breaking and other spaces by a plain space, runs of spaces
//!   collapsed to one, and zero-width, soft-hyphen and bidi control characters removed;
//! - lowercased with Unicode rules (unless built with [`Case::Keep`], used to check
//!   case-sensitive aliases).
//!
//! Line ends stay as `\n` so that no name can match across a paragraph break.
//!
//! Segmentation ([`segment`]) works on the original text: every non-empty line is a paragraph,
//! and a paragraph splits into sentences at `.`, `!`, `?` or `…` followed by a space and a
//! capital, digit or opening quote, except after abbreviations (`o.a.`, `bv.`, `dhr.`, `ca.`,
//! `d.w.z.`, `nr.`, `mr.`, `prof.`, ...), initials (`J. Biden`) and inside quotations.
//!
//! ```
//! use actorgraph::text::{segment, Folded};
//! let raw = "Volgens o.a. dhr. J. Biden was het 2.597 keer zo. Kaboel ontkent.";
//! let seg = segment(raw, 0);
//! assert_eq!(seg.sentences.len(), 2);
//! assert_eq!(&raw[seg.sentences[1].start..seg.sentences[1].end], "Kaboel ontkent.");
//! let folded = Folded::new("Türkiye’s “vredes”-plan", 0);
//! assert_eq!(folded.text(), "turkiye's \"vredes\"-plan");
//! ```

use std::ops::Range;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Whether folding lowercases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// Lowercase everything: the form used for case-insensitive matching.
    Fold,
    /// Keep letter case: the form used to check `exact` (case-sensitive) aliases.
    Keep,
}

/// A document's match form, with a map back to the original byte offsets.
#[derive(Debug, Clone)]
pub struct Folded {
    text: String,
    /// Where the map from match-form bytes to original bytes changes, in match-form order:
    /// `(folded, original, run)`. From a run anchor on, folded byte `folded + k` came from
    /// original byte `original + k` (an ASCII run copied as is); every byte from a character
    /// anchor on, up to the next anchor, came from the character at `original`. Most text is
    /// ASCII, so a document has few anchors instead of one offset per byte.
    anchors: Vec<(u32, u32, bool)>,
    /// The original offset of the end of the folded region.
    end: u32,
}

impl Folded {
    /// Folds `raw[from..]`; offsets reported by [`Folded::original_span`] are into `raw`.
    pub fn new(raw: &str, from: usize) -> Folded {
        let bytes = raw.as_bytes();
        let mut text: Vec<u8> = Vec::with_capacity(bytes.len() - from);
        let mut anchors: Vec<(u32, u32, bool)> = Vec::new();
        let mut last_space = true;
        let mut i = from;
        while i < bytes.len() {
            // The common case: a run of ASCII bytes that fold to themselves lower-cased and
            // need no space collapsing is copied in one go.
            let mut j = i;
            let mut space = last_space;
            while j < bytes.len() {
                let b = bytes[j];
                if !plain_ascii(b) || (b == b' ' && space) {
                    break;
                }
                space = b == b' ';
                j += 1;
            }
            if j > i {
                let at = text.len();
                anchors.push((at as u32, i as u32, true));
                text.extend_from_slice(&bytes[i..j]);
                text[at..].make_ascii_lowercase();
                i = j;
                last_space = space;
                continue;
            }
            // Line ends, other spaces, backticks and non-ASCII characters, one at a time.
            let c = raw[i..].chars().next().expect("i is on a char boundary");
            let at = text.len();
            fold_char(c, Case::Fold, |d| {
                if d == ' ' {
                    if last_space {
                        return;
                    }
                    last_space = true;
                } else {
                    last_space = d == '\n';
                }
                let mut utf8 = [0; 4];
                text.extend_from_slice(d.encode_utf8(&mut utf8).as_bytes());
            });
            if text.len() > at {
                anchors.push((at as u32, i as u32, false));
            }
            i += c.len_utf8();
        }
        let text = String::from_utf8(text).expect("built from whole characters");
        Folded {
            text,
            anchors,
            end: raw.len() as u32,
        }
    }

    /// The match form.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The offsets in the match form where a word starts whose first letter is a capital in
    /// `raw` (the text this was folded from), in order.
    pub fn capital_starts(&self, raw: &str) -> Vec<usize> {
        let text = self.text.as_bytes();
        let word_before = |i: usize| self.text[..i].chars().next_back().is_some_and(is_word_char);
        let mut out = Vec::new();
        for (k, &(folded, original, run)) in self.anchors.iter().enumerate() {
            let (folded, original) = (folded as usize, original as usize);
            if run {
                let end = self.anchors.get(k + 1).map_or(text.len(), |a| a.0 as usize);
                let raw = &raw.as_bytes()[original..original + (end - folded)];
                for (j, b) in raw.iter().enumerate() {
                    if b.is_ascii_uppercase() && !word_before(folded + j) {
                        out.push(folded + j);
                    }
                }
            } else if raw[original..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
                && !word_before(folded)
            {
                out.push(folded);
            }
        }
        out
    }

    /// Every word start of a match form: where a capital-only pattern may match when the
    /// letter case of the original is not known (folded aliases in `dict check`).
    pub fn word_starts(folded: &str) -> Vec<usize> {
        folded
            .char_indices()
            .filter(|&(i, c)| {
                is_word_char(c) && !folded[..i].chars().next_back().is_some_and(is_word_char)
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The anchor match-form byte `i` (inside the text) falls under.
    fn anchor_of(&self, i: usize) -> usize {
        self.anchors.partition_point(|a| a.0 as usize <= i) - 1
    }

    /// The original offset of the character that produced match-form byte `i` (the end of the
    /// folded region for `i == text.len()`).
    fn start_of(&self, i: usize) -> u32 {
        if i >= self.text.len() {
            return self.end;
        }
        let (folded, original, run) = self.anchors[self.anchor_of(i)];
        if run {
            original + (i as u32 - folded)
        } else {
            original
        }
    }

    /// Maps a span of the match form to the span of the original text it came from. A span
    /// that ends inside the expansion of one original character is widened to include it.
    pub fn original_span(&self, start: usize, end: usize) -> Range<usize> {
        // The common case: the span lies inside one ASCII run, byte for byte.
        if start < end && end < self.text.len() {
            let k = self.anchor_of(start);
            let (folded, original, run) = self.anchors[k];
            let run_end = self
                .anchors
                .get(k + 1)
                .map_or(self.text.len(), |a| a.0 as usize);
            if run && end < run_end {
                let (folded, original) = (folded as usize, original as usize);
                return original + (start - folded)..original + (end - folded);
            }
        }
        let s = self.start_of(start) as usize;
        let mut e = end;
        if e > start {
            let last = self.start_of(e - 1);
            while e < self.text.len() && self.start_of(e) == last {
                e += 1;
            }
        }
        s..self.start_of(e) as usize
    }
}

/// Invisible format characters the match form drops: soft hyphen, zero-width characters, the
/// byte-order mark and bidirectional controls.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// A span of the original text without the invisible characters it ends with (a mention of
/// `Kabul` written inside bidi controls is `Kabul`, not `Kabul` and a pop-direction mark).
pub fn trim_invisible_end(raw: &str, span: Range<usize>) -> Range<usize> {
    let kept = raw[span.clone()].trim_end_matches(is_invisible);
    span.start..span.start + kept.len()
}

/// Folds one character into zero or more match-form characters (see the module docs).
pub fn fold_char(c: char, case: Case, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(fold_ascii(c as u8, case));
        return;
    }
    fold_unicode(c, case, emit);
}

/// The general path of [`fold_char`], for any character.
fn fold_unicode(c: char, case: Case, mut emit: impl FnMut(char)) {
    decompose_canonical(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        let d = match d {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}'
            | '\u{0060}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => '"',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' => '-',
            d if is_invisible(d) => return,
            '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0085}' => '\n',
            '\u{0131}' => 'i',
            '\u{0142}' => 'l',
            '\u{0141}' => 'L',
            '\u{00F8}' => 'o',
            '\u{00D8}' => 'O',
            d if d.is_whitespace() => ' ',
            d => d,
        };
        match case {
            Case::Keep => emit(d),
            Case::Fold => d.to_lowercase().for_each(&mut emit),
        }
    });
}

/// An ASCII byte that folds to itself lower-cased (not a line end, tab, other space or
/// backtick).
#[inline]
fn plain_ascii(b: u8) -> bool {
    b.is_ascii() && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0b | 0x0c | b'`')
}

/// [`fold_char`] for an ASCII byte: no decomposition needed.
#[inline]
fn fold_ascii(b: u8, case: Case) -> char {
    let d = match b {
        b'`' => b'\'',
        b'\n' | b'\r' => b'\n',
        b'\t' | 0x0b | 0x0c => b' ',
        b => b,
    };
    match case {
        Case::Keep => d as char,
        Case::Fold => d.to_ascii_lowercase() as char,
    }
}

/// Folds a short string (an alias, a surface form) to its match form, trimmed.
pub fn fold_str(s: &str, case: Case) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, case, |d| {
            let d = if d == '\n' { ' ' } else { d };
            if d == ' ' && (out.is_empty() || out.ends_with(' ')) {
                return;
            }
            out.push(d);
        });
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// True for characters that continue a word: letters, digits and combining marks.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// A sentence: a byte range of the original text and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

/// Paragraphs and sentences of a document, as byte ranges of the original text.
#[derive(Debug, Clone, Default)]
pub struct Segments {
    pub paragraphs: Vec<Range<usize>>,
    pub sentences: Vec<Sentence>,
}

impl Segments {
    /// Index of the sentence containing byte `pos` (the nearest preceding one if `pos` falls
    /// between sentences).
    pub fn sentence_at(&self, pos: usize) -> usize {
        self.sentences
            .partition_point(|s| s.start <= pos)
            .saturating_sub(1)
    }
}

/// Splits `raw[from..]` into paragraphs (non-empty lines) and sentences; ranges index `raw`.
pub fn segment(raw: &str, from: usize) -> Segments {
    let mut seg = Segments::default();
    let mut line_start = from;
    for end in memchr::memchr2_iter(b'\n', b'\r', &raw.as_bytes()[from..]) {
        push_paragraph(raw, line_start..from + end, &mut seg);
        line_start = from + end + 1;
    }
    push_paragraph(raw, line_start..raw.len(), &mut seg);
    seg
}

fn push_paragraph(raw: &str, line: Range<usize>, seg: &mut Segments) {
    let Some(range) = trim_range(raw, line) else {
        return;
    };
    let paragraph = seg.paragraphs.len();
    seg.paragraphs.push(range.clone());
    let text = &raw[range.clone()];
    let mut start = 0;
    for cut in sentence_cuts(text).into_iter().chain([text.len()]) {
        for piece in bounded_pieces(text, start..cut) {
            if let Some(r) = trim_range(text, piece) {
                seg.sentences.push(Sentence {
                    start: range.start + r.start,
                    end: range.start + r.end,
                    paragraph,
                });
            }
        }
        start = cut;
    }
}

/// The longest a sentence may be, in bytes. Scraped text without sentence punctuation (a
/// 50 MB line of comma-separated names, a table flattened to one line) would otherwise be one
/// "sentence" in which every actor co-occurs with every other, each edge quoting all of it.
/// News sentences stay far below this: the longest in the seeds is 426 bytes.
pub const MAX_SENTENCE_BYTES: usize = 2000;

/// Cuts `range` of `text` into pieces of at most [`MAX_SENTENCE_BYTES`], each ending after the
/// last white space before the limit (or at the last character boundary when there is none).
fn bounded_pieces(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = range.start;
    std::iter::from_fn(move || {
        if start >= range.end {
            return None;
        }
        let mut end = range.end;
        if end - start > MAX_SENTENCE_BYTES {
            let window = &text.as_bytes()[start..start + MAX_SENTENCE_BYTES];
            end = match memchr::memrchr3(b' ', b'\n', b'\t', window) {
                Some(space) if space > 0 => start + space + 1,
                _ => {
                    let mut at = start + MAX_SENTENCE_BYTES;
                    while !text.is_char_boundary(at) {
                        at -= 1;
                    }
                    at
                }
            };
        }
        let piece = start..end;
        start = end;
        Some(piece)
    })
}

/// Shrinks a range to exclude surrounding white space (and invisible format characters);
/// `None` if nothing is left.
fn trim_range(s: &str, r: Range<usize>) -> Option<Range<usize>> {
    let blank = |c: char| c.is_whitespace() || is_invisible(c);
    let inner = &s[r.clone()];
    let lead = inner.len() - inner.trim_start_matches(blank).len();
    let body = inner.trim_matches(blank);
    (!body.is_empty()).then(|| r.start + lead..r.start + lead + body.len())
}

const ABBREVIATIONS: &[&str] = &[
    "bv", "bijv", "dhr", "mevr", "mw", "ca", "nr", "mr", "prof", "dr", "drs", "ir", "ing", "blz",
    "enz", "etc", "incl", "excl", "resp", "jl", "zgn", "st", "gen", "lt", "kol", "sr", "jr", "vz",
    "jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec", "vgl",
    "m.a.w", "v.chr", "n.chr", "mln", "mld", "mrd", "afb", "fig", "art", "max", "min",
];

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '\u{201F}'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '„' | '‚' | '«' | '‹' | '(' | '['
    )
}

/// Byte spans (within a paragraph) of quotations that open and close in it.
fn quote_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut double: Option<usize> = None;
    let mut single: Option<usize> = None;
    // Every quotation mark is '"', '\'', or starts with byte C2 (« ») or E2 (the others).
    let bytes = text.as_bytes();
    let candidates = merged(
        memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes),
        memchr::memchr_iter(0xC2, bytes),
    );
    for i in candidates {
        let c = text[i..]
            .chars()
            .next()
            .expect("a quote candidate starts a character");
        match c {
            '"' | '“' | '”' | '„' | '«' | '»' => match double {
                None => double = Some(i),
                Some(o) => {
                    spans.push(o..i);
                    double = None;
                }
            },
            '\'' | '‘' | '’' | '‚' | '‹' | '›' => {
                let prev = text[..i].chars().next_back();
                let next = text[i + c.len_utf8()..].chars().next();
                let after_word =
                    prev.is_some_and(|p| is_word_char(p) || is_terminator(p) || p == ',');
                let before_word = next.is_some_and(is_word_char);
                match single {
                    None if !after_word && next.is_some_and(|n| !n.is_whitespace()) => {
                        single = Some(i)
                    }
                    Some(o) if after_word && !before_word => {
                        spans.push(o..i);
                        single = None;
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    spans
}

/// Byte offsets (within a paragraph) after which a new sentence starts.
fn sentence_cuts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    // Quotations are looked for only once a paragraph has a possible cut.
    let mut quotes: Option<QuoteIndex> = None;
    let mut cuts = Vec::new();
    let mut i = 0;
    // Terminators are '.', '!', '?' and '…', found without decoding.
    let terminators = merged(
        memchr::memchr3_iter(b'.', b'!', b'?', bytes),
        memchr::memmem::find_iter(bytes, "…".as_bytes()),
    );
    for at in terminators {
        if at < i {
            // Inside the run of terminators ending the previous candidate.
            continue;
        }
        i = at;
        let c = text[i..].chars().next().expect("i is on a char boundary");
        // The run of terminators and closing quotes/brackets that ends the sentence.
        let mut end = i;
        for ch in text[i..].chars().take_while(|&ch| is_terminator(ch)) {
            end += ch.len_utf8();
        }
        for ch in text[end..].chars().take_while(|&ch| is_closer(ch)) {
            end += ch.len_utf8();
        }
        let after = &text[end..];
        // Invisible format characters (bidi marks around a name) neither space nor start.
        let mut visible = after.chars().filter(|&c| !is_invisible(c));
        let spaced = visible.next().is_some_and(char::is_whitespace);
        let starts_sentence = after
            .chars()
            .find(|&c| !c.is_whitespace() && !is_invisible(c))
            .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || is_opener(n));
        if spaced && starts_sentence {
            let quotes = quotes.get_or_insert_with(|| QuoteIndex::new(quote_spans(text)));
            let in_quote = quotes.covers(i, end);
            let abbreviation = c == '.' && is_abbreviation(&text[..i]);
            if !in_quote && !abbreviation {
                cuts.push(end);
            }
        }
        i = end;
    }
    cuts
}

/// Quotation spans sorted by start, with the furthest end reached by any span so far, so that
/// "is this cut inside a quotation" costs a binary search, not a pass over every quotation of
/// the paragraph (quadratic on a scraped paragraph of megabytes).
struct QuoteIndex {
    starts: Vec<usize>,
    furthest_end: Vec<usize>,
}

impl QuoteIndex {
    fn new(mut spans: Vec<Range<usize>>) -> QuoteIndex {
        spans.sort_by_key(|q| q.start);
        let starts = spans.iter().map(|q| q.start).collect();
        let furthest_end = spans
            .iter()
            .scan(0, |far, q| {
                *far = q.end.max(*far);
                Some(*far)
            })
            .collect();
        QuoteIndex {
            starts,
            furthest_end,
        }
    }

    /// Whether some quotation starts before `at` and ends at or after `end`.
    fn covers(&self, at: usize, end: usize) -> bool {
        let opened = self.starts.partition_point(|&s| s < at);
        opened > 0 && self.furthest_end[opened - 1] >= end
    }
}

/// The positions two ascending iterators yield, in ascending order.
fn merged(
    a: impl Iterator<Item = usize>,
    b: impl Iterator<Item = usize>,
) -> impl Iterator<Item = usize> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(&x), Some(&y)) if y < x => b.next(),
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    })
}

/// Whether the token that ends `before` (the text up to a full stop) is an abbreviation or an
/// initial, after which a full stop does not end the sentence.
fn is_abbreviation(before: &str) -> bool {
    let token = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '\'' | '“' | '‘' | '„'))
        .next()
        .unwrap_or("");
    if token.is_empty() {
        return false;
    }
    let mut letters = token.chars();
    let first = letters.next().unwrap_or(' ');
    // An initial: "J. Biden".
    if letters.next().is_none() && first.is_uppercase() {
        return true;
    }
    let lower = token.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // Letter-dot chains: "o.a", "d.w.z", "J.R.R", "a.s".
    let parts: Vec<&str> = token.split('.').collect();
    parts.len() > 1
        && parts
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Folded::new by the definition: every character through fold_char, spaces collapsed.
    fn folded_by_definition(raw: &str) -> (String, Vec<u32>) {
        let (mut text, mut starts, mut last_space) = (String::new(), Vec::new(), true);
        for (i, c) in raw.char_indices() {
            fold_char(c, Case::Fold, |d| {
                if d == ' ' && last_space {
                    return;
                }
                last_space = d == ' ' || d == '\n';
                text.push(d);
                starts.extend(std::iter::repeat_n(i as u32, d.len_utf8()));
            });
        }
        starts.push(raw.len() as u32);
        (text, starts)
    }

    #[test]
    fn folding_in_runs_equals_folding_character_by_character() {
        for raw in [
            "",
            "  Kabul  en\t\tKandahar ",
            "Türkiye’s “vredes”-plan\r\nNOORD-  WAZIRISTAN`s",
            "a\u{00A0}\u{00A0}b \u{200B} c\n\n  d\x0b\x0ce",
            "Saudi-Arabie\u{0308} İstanbul Łódź Ørsted",
        ] {
            let f = Folded::new(raw, 0);
            let starts = (0..=f.text.len()).map(|i| f.start_of(i)).collect();
            assert_eq!(
                (f.text.clone(), starts),
                folded_by_definition(raw),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn the_ascii_fast_path_folds_as_the_general_path_does() {
        for b in 0..=127u8 {
            for case in [Case::Fold, Case::Keep] {
                let mut general = Vec::new();
                fold_unicode(b as char, case, |d| general.push(d));
                assert_eq!(general, [fold_ascii(b, case)], "byte {b:#04x} {case:?}");
            }
        }
    }

    fn sentences(raw: &str) -> Vec<&str> {
        segment(raw, 0)
            .sentences
            .iter()
            .map(|s| &raw[s.start..s.end])
            .collect()
    }

    macro_rules! split {
        ($name:ident, $text:expr, [$($s:expr),* $(,)?]) => {
            #[test]
            fn $name() {
                assert_eq!(sentences($text), vec![$($s),*]);
            }
        };
    }

    split!(
        plain,
        "Kabul ontkent. Islamabad zegt niets.",
        ["Kabul ontkent.", "Islamabad zegt niets."]
    );
    split!(
        thousands,
        "In 2025 waren 2.597 terroristen gedood. Dat is veel.",
        ["In 2025 waren 2.597 terroristen gedood.", "Dat is veel."]
    );
    split!(
        decimals_and_ratio,
        "Een verhouding van 1:3. Daarna 2,5 keer zo veel.",
        ["Een verhouding van 1:3.", "Daarna 2,5 keer zo veel."]
    );
    split!(
        initials,
        "President J. Biden sprak. Hij zweeg.",
        ["President J. Biden sprak.", "Hij zweeg."]
    );
    split!(
        abbreviations,
        "Er waren o.a. Taliban, bv. in Kunduz, d.w.z. het noorden. Dhr. Khan en mr. Zaidi en prof. Ali en nr. 5 en ca. 20 man. Einde.",
        [
            "Er waren o.a. Taliban, bv. in Kunduz, d.w.z. het noorden.",
            "Dhr. Khan en mr. Zaidi en prof. Ali en nr. 5 en ca. 20 man.",
            "Einde."
        ]
    );
    split!(
        abbreviation_before_capital,
        "Volgens dhr. Khan is het zo. Ja.",
        ["Volgens dhr. Khan is het zo.", "Ja."]
    );
    split!(
        inside_quotes,
        "Hij zei: \"Wij gaan. Morgen al.\" Toen ging hij.",
        ["Hij zei: \"Wij gaan. Morgen al.\"", "Toen ging hij."]
    );
    split!(
        inside_typographic_quotes,
        "‘Het gaat goed. Echt.’, aldus Ghani. Klaar.",
        ["‘Het gaat goed. Echt.’, aldus Ghani.", "Klaar."]
    );
    split!(
        quote_then_stop,
        "dat de Afghanen \"de ketens hadden verbroken\". Maar al snel.",
        [
            "dat de Afghanen \"de ketens hadden verbroken\".",
            "Maar al snel."
        ]
    );
    split!(
        apostrophes_are_not_quotes,
        "Zo'n 24 baby's stierven. Het is 's avonds. Klaar.",
        ["Zo'n 24 baby's stierven.", "Het is 's avonds.", "Klaar."]
    );
    split!(
        question_and_exclamation,
        "Wat is ISKP? Een groep! Ja…  Echt.",
        ["Wat is ISKP?", "Een groep!", "Ja…", "Echt."]
    );
    split!(
        lowercase_after_stop_does_not_split,
        "De VS. en de taliban.",
        ["De VS. en de taliban."]
    );
    split!(
        headings_are_own_sentences,
        "Akkoord nabij\n\nDe VS eisen garanties.\nHuis tot huis\n",
        ["Akkoord nabij", "De VS eisen garanties.", "Huis tot huis"]
    );
    split!(
        crlf_and_lone_cr,
        "Eerste zin.\r\nTweede zin.\rDerde",
        ["Eerste zin.", "Tweede zin.", "Derde"]
    );

    #[test]
    fn paragraphs_are_non_empty_lines() {
        let raw = "Kop\n\n  \nEen. Twee.\nDrie";
        let seg = segment(raw, 0);
        assert_eq!(seg.paragraphs.len(), 3);
        let paras: Vec<usize> = seg.sentences.iter().map(|s| s.paragraph).collect();
        assert_eq!(paras, vec![0, 1, 1, 2]);
        assert_eq!(seg.sentence_at(raw.find("Twee").unwrap()), 2);
    }

    #[test]
    fn folding_maps_back_to_original_offsets() {
        // NBSP, typographic apostrophe, an NFD-decomposed ë and a soft hyphen.
        let raw = "De\u{00A0}Saudi-Arabie\u{0308}’s Tali\u{00AD}ban";
        let f = Folded::new(raw, 0);
        assert_eq!(f.text(), "de saudi-arabie's taliban");
        let s = f.text().find("saudi-arabie").unwrap();
        let span = f.original_span(s, s + "saudi-arabie".len());
        assert_eq!(&raw[span], "Saudi-Arabie\u{0308}");
        let t = f.text().find("taliban").unwrap();
        assert_eq!(&raw[f.original_span(t, t + 7)], "Tali\u{00AD}ban");
    }

    #[test]
    fn a_span_inside_one_ascii_run_maps_like_any_other() {
        // Runs broken by doubled spaces, a line end, accents, an expansion and a soft hyphen:
        // the shortcut for spans inside one run must give what the anchor walk gives.
        let raw = "Na  de aanval\nop Kabul: İran en Tali\u{00AD}ban,  Pakistan.  ";
        let f = Folded::new(raw, 0);
        let t = f.text();
        let slow = |start: usize, end: usize| {
            let s = f.start_of(start) as usize;
            let mut e = end;
            let last = f.start_of(e - 1);
            while e < t.len() && f.start_of(e) == last {
                e += 1;
            }
            s..f.start_of(e) as usize
        };
        for start in (0..t.len()).filter(|&i| t.is_char_boundary(i)) {
            for end in (start + 1..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                assert_eq!(
                    f.original_span(start, end),
                    slow(start, end),
                    "{:?}",
                    &t[start..end]
                );
            }
        }
    }

    #[test]
    fn folding_is_accent_and_case_insensitive() {
        assert_eq!(
            fold_str("  Türkiye  Erdoğan ", Case::Fold),
            "turkiye erdogan"
        );
        assert_eq!(fold_str("TÜRKİYE", Case::Keep), "TURKIYE");
        assert_eq!(fold_str("Saudi‑Arabië", Case::Fold), "saudi-arabie");
    }

    #[test]
    fn expansion_inside_one_character_widens_the_span() {
        // 'İ' lowercases to two characters ("i" + combining dot, the dot then dropped) — and
        // 'ﬀ'-like expansions must never split an original character.
        let raw = "xİy";
        let f = Folded::new(raw, 0);
        assert_eq!(f.text(), "xiy");
        assert_eq!(&raw[f.original_span(1, 2)], "İ");
    }
}

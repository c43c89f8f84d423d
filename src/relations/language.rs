//! Which language an article is in: the cue set to read it with.

use super::*;

/// Bytes of an article [`language`] reads: a few sentences tell Dutch from English.
pub(super) const LANGUAGE_BYTES: usize = 600;

/// How many telling words one language must lead by before [`language`] stops reading.
const LEAD: usize = 10;

/// The cue set of the document's language: the one whose function words (determiners,
/// prepositions, conjunctions, clause words) and cue words its first 600 bytes use most, or
/// the first to lead the others by [`LEAD`] of them; the first set on a tie. One set per document keeps reading as cheap as with one language.
pub(super) fn language(text: &str, sets: &[CueSet]) -> usize {
    if sets.len() < 2 {
        return 0;
    }
    let mut end = text.len().min(LANGUAGE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut counts = vec![0usize; sets.len()];
    let mut buf = [0u8; 12];
    let mut folded: String;
    for raw in text[..end].split(|c: char| !is_word_char(c)) {
        if raw.is_empty() || raw.len() > buf.len() {
            continue;
        }
        // Most words are ASCII: lower-cased on the stack, no allocation.
        let word: &str = if raw.is_ascii() {
            let b = &mut buf[..raw.len()];
            b.copy_from_slice(raw.as_bytes());
            b.make_ascii_lowercase();
            std::str::from_utf8(b).expect("ASCII")
        } else {
            folded = fold_str(raw, Case::Fold);
            &folded
        };
        // One lookup per set: the function word lists and the cues' whole first words all
        // have bits in the class map.
        const TELLING: u32 = class::DETERMINER
            | class::PREPOSITION
            | class::CONJUNCTION
            | class::CLAUSE
            | class::CUE;
        for (count, set) in counts.iter_mut().zip(sets) {
            if set.grammar.class_of(word) & TELLING != 0 {
                *count += 1;
            }
        }
        // A clear lead decides: most articles tell their language within a few sentences.
        let (best, second) = counts.iter().fold(
            (0, 0),
            |(a, b), &c| {
                if c > a { (c, a) } else { (a, b.max(c)) }
            },
        );
        if best >= second + LEAD {
            break;
        }
    }
    let best = counts.iter().copied().max().unwrap_or(0);
    counts.iter().position(|&c| c == best).unwrap_or(0)
}

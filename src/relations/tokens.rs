//! Step 1: a sentence as tokens: folded words, punctuation, one token per actor mention, subject
//! pronouns and "both sides" phrases.

use super::*;

/// The end of the word starting at `p` (before `stop`): word characters, hyphens and
/// apostrophes between two of them ("Noord-Waziristan", "Pakistan's"), and a point or comma
/// between two digits ("5.000").
pub(super) fn word_end(text: &str, p: usize, stop: usize) -> usize {
    scan_word(text, p, stop).0
}

/// [`word_end`], and whether the word is all ASCII.
fn scan_word(text: &str, p: usize, stop: usize) -> (usize, bool) {
    let bytes = &text.as_bytes()[..stop];
    let starts_word = |i: usize| i < stop && text[i..stop].chars().next().is_some_and(is_word_char);
    let mut ascii = true;
    let mut q = p;
    while q < stop {
        // Most of a word is ASCII letters and digits: skip them in one tight loop.
        while q < stop && bytes[q].is_ascii_alphanumeric() {
            q += 1;
        }
        if q >= stop {
            break;
        }
        let b = bytes[q];
        if b.is_ascii() {
            // "5.000", "3,4": a separator between digits is part of the number.
            let in_number = matches!(b, b'.' | b',')
                && q > p
                && bytes[q - 1].is_ascii_digit()
                && q + 1 < stop
                && bytes[q + 1].is_ascii_digit();
            if !(in_number || (matches!(b, b'-' | b'\'') && starts_word(q + 1))) {
                break;
            }
            q += 1;
        } else {
            let ch = text[q..].chars().next().expect("q is on a char boundary");
            let next = q + ch.len_utf8();
            if !(is_word_char(ch) || (ch == '’' && starts_word(next))) {
                break;
            }
            ascii = false;
            q = next;
        }
    }
    (q, ascii)
}

impl Reader<'_> {
    pub(super) fn mentions(&self, s: usize) -> &[Mention] {
        match self.by_sentence.get(&s) {
            Some(&(a, b)) => &self.ex.mentions[a..b],
            None => &[],
        }
    }

    pub(super) fn tokens(&self, s: usize) -> Vec<Token> {
        let sentence = &self.ex.segments.sentences[s];
        let text = &self.doc.text;
        let mentions = self.mentions(s);
        let first_mention = self.by_sentence.get(&s).map_or(0, |r| r.0);
        let mut out = self.spare_tokens.borrow_mut().pop().unwrap_or_default();
        // About one token per six bytes of Dutch text.
        out.reserve((sentence.end - sentence.start) / 5 + 4);
        let bytes = text.as_bytes();
        let mut mi = 0;
        let mut p = sentence.start;
        let end = sentence.end;
        // Where the next mention starts (`end` after the last one).
        let mut next_mention = mentions.first().map_or(end, |m| m.start.min(end));
        while p < end {
            if p >= next_mention {
                let m = &mentions[mi];
                // "U.S.-led NATO": the actor before `-led` only modifies the next one.
                let modifier = text[m.end..end].strip_prefix('-').is_some_and(|rest| {
                    let w = &rest[..word_end(rest, 0, rest.len())];
                    !w.is_empty() && self.g.modifier_suffix.contains(&fold_str(w, Case::Fold))
                });
                out.push(Token {
                    tok: if modifier {
                        Tok::Word(Some(CompactString::from("-")))
                    } else {
                        Tok::Actor(first_mention + mi)
                    },
                    start: m.start,
                    end: m.end,
                    class: 0,
                });
                p = m.end.max(p);
                mi += 1;
                // Mentions do not overlap; skip any that would.
                while mi < mentions.len() && mentions[mi].end <= p {
                    mi += 1;
                }
                next_mention = mentions.get(mi).map_or(end, |m| m.start.max(p).min(end));
                continue;
            }
            let b = bytes[p];
            // "China, Pakistan & Afghanistan": an ampersand is a word (a conjunction).
            if b == b'&' {
                out.push(Token {
                    tok: Tok::Word(None),
                    start: p,
                    end: p + 1,
                    class: self.g.class_of("&"),
                });
                p += 1;
                continue;
            }
            // Spaces and ASCII punctuation, most of what is not a word, in one test each.
            if b.is_ascii() && !b.is_ascii_alphanumeric() {
                let boundary = matches!(b, b',' | b';' | b':' | b'(' | b')' | b'.' | b'!' | b'?')
                    || (b == b'-'
                        && p > 0
                        && bytes[p - 1] == b' '
                        && bytes.get(p + 1) == Some(&b' '));
                if boundary {
                    out.push(Token {
                        tok: Tok::Punct(char::from(b)),
                        start: p,
                        end: p + 1,
                        class: 0,
                    });
                }
                p += 1;
                continue;
            }
            let c = text[p..].chars().next().expect("inside the text");
            if is_word_char(c) {
                // The word as the cue lists write it: the document's lower-cased text for an
                // ASCII word, else folded.
                let (q, ascii) = scan_word(text, p, next_mention);
                let folded =
                    (!ascii).then(|| CompactString::from(fold_str(&text[p..q], Case::Fold)));
                let word = folded.as_deref().unwrap_or(&self.lower[p..q]);
                let mut class = self.g.class_of(word);
                let tok = if class & class::PRONOUN != 0 {
                    class = 0;
                    Tok::Pronoun
                } else {
                    class |= self.set.pattern_cue_class(word, self.types);
                    Tok::Word(folded)
                };
                out.push(Token {
                    tok,
                    start: p,
                    end: q,
                    class,
                });
                p = q;
                continue;
            }
            if matches!(c, '—' | '–') {
                out.push(Token {
                    tok: Tok::Punct(c),
                    start: p,
                    end: p + c.len_utf8(),
                    class: 0,
                });
            }
            p += c.len_utf8();
        }
        self.mark_sides(out)
    }

    /// Gives a sentence's token and clause vectors back for the next sentence to fill.
    pub(super) fn recycle(&self, mut toks: Vec<Token>, units: Units) {
        toks.clear();
        self.spare_tokens.borrow_mut().push(toks);
        self.spare_units
            .borrow_mut()
            .extend(units.into_iter().map(|mut u| {
                u.clear();
                u
            }));
    }

    /// Replaces each "beide partijen" phrase with one token.
    pub(super) fn mark_sides(&self, mut toks: Vec<Token>) -> Vec<Token> {
        let is_phrase = |at: &[Token], phrase: &[String]| {
            at.len() >= phrase.len() && phrase.iter().zip(at).all(|(w, t)| self.word(t) == Some(w))
        };
        // A phrase of one word starts at its SIDES word; a longer one needs its second word.
        let one_word = self.g.sides.iter().any(|p| p.len() == 1);
        let starts_phrase = |i: usize| {
            self.is(&toks[i], class::SIDES)
                && (one_word
                    || toks
                        .get(i + 1)
                        .is_some_and(|n| self.is(n, class::SIDES_SECOND)))
                && self.g.sides.iter().any(|p| is_phrase(&toks[i..], p))
        };
        // Most sentences have none: the tokens stay where they are.
        if !(0..toks.len()).any(starts_phrase) {
            return toks;
        }
        let mut out: Vec<Token> = Vec::with_capacity(toks.len());
        let mut skip = 0;
        for i in 0..toks.len() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            if self.is(&toks[i], class::SIDES)
                && let Some(phrase) = self.g.sides.iter().find(|p| is_phrase(&toks[i..], p))
            {
                let n = phrase.len();
                out.push(Token {
                    tok: Tok::Sides,
                    start: toks[i].start,
                    end: toks[i + n - 1].end,
                    class: 0,
                });
                skip = n - 1;
                continue;
            }
            // Moved out: tokens before `i` are not looked at again.
            let tok = std::mem::replace(&mut toks[i].tok, Tok::Sides);
            out.push(Token { tok, ..toks[i] });
        }
        out
    }

    /// The entity an actor token names and its kind.
    pub(super) fn actor(&self, t: &Token) -> Option<(u32, Kind)> {
        match t.tok {
            Tok::Actor(m) => {
                let e = self.ex.mentions[m].entity;
                Some((e, self.ex.entity(self.dict, e).kind))
            }
            _ => None,
        }
    }

    /// Whether a word token is in one of the grammar lists `c` names (a [`class`] bit mask).
    pub(super) fn is(&self, t: &Token, c: u32) -> bool {
        t.class & c != 0
    }

    /// Whether the word at clause position `p` is in one of the lists `c` names (false past
    /// the clause's end).
    pub(super) fn is_at(&self, toks: &[Token], unit: &[usize], p: usize, c: u32) -> bool {
        unit.get(p).is_some_and(|&i| self.is(&toks[i], c))
    }

    /// Whether a token is a common word: a word in no grammar list that does not start with a
    /// capital ("hideouts", "provinciehoofdstad", "proxies").
    pub(super) fn common_word(&self, t: &Token) -> bool {
        t.class == 0 && self.word(t).is_some() && !self.text(t).starts_with(char::is_uppercase)
    }

    /// A word token's folded form.
    pub(super) fn word<'t>(&'t self, t: &'t Token) -> Option<&'t str> {
        match &t.tok {
            Tok::Word(Some(w)) => Some(w),
            Tok::Word(None) => Some(&self.lower[t.start..t.end]),
            _ => None,
        }
    }

    /// A token as written.
    pub(super) fn text(&self, t: &Token) -> &str {
        &self.doc.text[t.start..t.end]
    }
}

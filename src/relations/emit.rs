//! Step 5: the relations a cue's source and target make: the same list, a quotation, a
//! cancelled event or a negation drop them; a symmetric type, a mediation and a denial without
//! a target have readings of their own.

use super::*;

/// The quotation marks [`inside_quotes`] reads.
const QUOTES: [char; 6] = ['"', '“', '„', '«', '”', '»'];

/// Whether `text` holds one of [`QUOTES`]: a byte scan, as most sentences hold none (the
/// typographic marks start with 0xC2 or 0xE2 in UTF-8).
fn has_quote(text: &str) -> bool {
    memchr::memchr3(b'"', 0xC2, 0xE2, text.as_bytes()).is_some() && text.contains(QUOTES)
}

/// Whether the end of `before` (a sentence up to a word) lies inside a quotation: straight
/// double quotes toggle, typographic and guillemet quotes open and close.
pub(super) fn inside_quotes(before: &str) -> bool {
    let mut inside = false;
    for c in before.chars() {
        match c {
            '"' => inside = !inside,
            '“' | '„' | '«' => inside = true,
            '”' | '»' => inside = false,
            _ => {}
        }
    }
    inside
}

impl Reader<'_> {
    /// Whether two words of the clause form a reciprocal listed as a phrase ("each other",
    /// "one another").
    fn reciprocal_phrase(&self, toks: &[Token], unit: &[usize]) -> bool {
        let mut phrase = String::new();
        unit.windows(2).any(|w| {
            if !self.is(&toks[w[0]], class::RECIPROCAL_FIRST) {
                return false;
            }
            let (Some(a), Some(b)) = (self.word(&toks[w[0]]), self.word(&toks[w[1]])) else {
                return false;
            };
            phrase.clear();
            phrase.push_str(a);
            phrase.push(' ');
            phrase.push_str(b);
            self.g.reciprocal.contains(&phrase)
        })
    }

    /// Step 5 and the relations themselves: checks the pair a cue found (not the same list,
    /// on the same side of a quotation, not cancelled or negated) and records one relation per
    /// source and target, both ways for a symmetric type; without a target, a symmetric type
    /// relates its sources, a mediation the article's sides, and a denial answers an
    /// accusation ([`Reader::answer`]).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn emit(
        &self,
        s: usize,
        toks: &[Token],
        unit: &[usize],
        hit: &Hit,
        (source, target, rule): (&List, Option<&List>, Rule),
        pending: &mut Vec<Pending>,
    ) {
        let cue = &self.set.cues[hit.cue];
        let ty = &self.types[cue.relation];
        let head = hit.head;
        let cue_end = *hit.positions.last().expect("a cue has words");
        if is_same(source, target) {
            return;
        }
        // "veroverden een Afghaanse provinciehoofdstad": for a type that needs its target
        // named whole, a state written as a noun's adjective is not it.
        let before_common_noun = |t: &List| {
            !hit.positions.contains(&(t.last + 1))
                && unit.get(t.last + 1).is_some_and(|&i| {
                    let n = &toks[i];
                    self.common_word(n)
                        && self
                            .word(n)
                            .is_some_and(|w| w.len() > 2 && !w.ends_with("ly"))
                })
        };
        if ty.whole
            && target.is_some_and(|t| self.adjective(toks, unit, t) && before_common_noun(t))
        {
            return;
        }
        // A quotation is its speaker's: a cue inside one relates only actors inside it
        // ("'De Taliban hebben zwaar gevochten', zei de Pakistaanse generaal").
        let sentence = &self.ex.segments.sentences[s];
        let start = sentence.start;
        let any_quote = has_quote(&self.doc.text[start..sentence.end]);
        let quoted =
            |p: usize| any_quote && inside_quotes(&self.doc.text[start..toks[unit[p]].start]);
        let cue_quoted = quoted(head);
        // A quotation that opens at the cue quotes the narrator's subject's act, not a
        // speaker: 'Afghan forces "shelled Pakistani posts" overnight'.
        let opens_at_cue = cue_quoted && {
            let at = unit[head];
            let from = if at > 0 { toks[at - 1].end } else { start };
            self.doc.text[from..toks[at].start].contains(['"', '“', '„'])
        };
        if !opens_at_cue
            && (quoted(source.first) != cue_quoted
                || target.is_some_and(|t| quoted(t.first) != cue_quoted))
        {
            return;
        }
        // "de onderhandelingen … zijn afgelast": a cancelled event relates no one.
        if (0..unit.len()).any(|p| self.is_at(toks, unit, p, class::CANCEL)) {
            return;
        }
        // A negation between the source and the cue, or inside a split cue.
        let from = if source.last < head {
            source.last
        } else {
            head.saturating_sub(3)
        };
        // "niet alleen X, maar ook Y", "not only X": a restrictive word after a negation
        // makes it none.
        let negation = |p: usize| {
            self.is_at(toks, unit, p, class::NEGATION)
                && !self.is_at(toks, unit, p + 1, class::RESTRICTIVE)
        };
        // "No member state has recognised X", "Geen enkel land erkent X": a negation right
        // before a source that precedes the cue.
        let before_source =
            source.last < head && (source.first.saturating_sub(2)..source.first).any(negation);
        let negated = before_source
            || (from..=cue_end).any(|p| !hit.positions.contains(&p) && negation(p))
            || (head.saturating_sub(3)..head).any(negation);
        if negated {
            return;
        }
        let mut cue_text = String::new();
        for &p in &hit.positions {
            if !cue_text.is_empty() {
                cue_text.push(' ');
            }
            let t = &toks[unit[p]];
            cue_text.push_str(&self.doc.text[t.start..t.end]);
        }
        let parties = |l: &List| -> Vec<Party> {
            l.members
                .iter()
                .filter_map(|&m| self.party(s, toks, unit[m]))
                .collect()
        };
        let sources = parties(source);
        let mut signals = self.signals(toks, unit, hit, source, target, cue_quoted);
        // "De TTP meldde dat zij Bannu hadden aangevallen": a pronoun with a subject before
        // it in its own sentence is resolved there, not across sentences.
        signals.pronoun_here = signals.pronoun
            && [Some(source), target].into_iter().flatten().all(|l| {
                l.members.iter().all(|&m| {
                    !matches!(toks[unit[m]].tok, Tok::Pronoun)
                        || self.subject(s, usize::MAX, Some(unit[m])).is_some()
                })
            });
        let push = |pending: &mut Vec<Pending>, a: &Party, b: &Party, rule: Rule| {
            pending.push(Pending {
                relation: cue.relation,
                source: a.clone(),
                target: b.clone(),
                sentence: s,
                first_sentence: s,
                cue: cue_text.clone(),
                rule,
                confidence: confidence(rule, &signals),
            });
        };
        match target {
            Some(t) => {
                for a in &sources {
                    for b in &parties(t) {
                        push(pending, a, b, rule);
                        if ty.symmetric {
                            push(pending, b, a, rule);
                        }
                    }
                }
            }
            None => {
                let reciprocal = unit.iter().any(|&i| self.is(&toks[i], class::RECIPROCAL))
                    || self.reciprocal_phrase(toks, unit);
                // "X en Y beschuldigen elkaar", "X and Y accused each other": a reciprocal
                // makes any type run both ways between the members.
                if reciprocal || (ty.symmetric && sources.len() >= 2) {
                    for a in &sources {
                        for b in &sources {
                            push(pending, a, b, Rule::List);
                        }
                    }
                } else if ty.implicit_sides {
                    for a in &sources {
                        push(pending, a, &Party::Sides(String::new()), Rule::Sides);
                    }
                } else if let Some(answered) = ty.responds_to {
                    let accusation = toks.iter().any(|t| {
                        self.word(t)
                            .is_some_and(|w| self.g.accusation.iter().any(|a| a.matches(w)))
                    });
                    for a in &sources {
                        let at = unit[head];
                        self.answer(
                            s,
                            at,
                            a,
                            &sources,
                            answered,
                            accusation,
                            &cue_text,
                            cue.relation,
                            pending,
                        );
                    }
                }
            }
        }
    }
}

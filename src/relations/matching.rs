//! Step 4a: the cue phrases a clause holds, leftmost and then longest.

use super::*;

impl Reader<'_> {
    /// Matches cue `words` at clause position `start`, pushing the clause positions of its
    /// words onto `out`; on failure `out` is left as it was.
    pub(super) fn match_cue(
        &self,
        toks: &[Token],
        unit: &[usize],
        start: usize,
        words: &[Word],
        ends: bool,
        out: &mut Positions,
    ) -> bool {
        let Some(w) = words.first() else {
            return false;
        };
        if *w == Word::Gap {
            return (start..unit.len().min(start + GAP_WORDS + 1))
                .any(|p| self.match_cue(toks, unit, p, &words[1..], ends, out));
        }
        let Some(t) = unit.get(start).and_then(|&i| self.word(&toks[i])) else {
            return false;
        };
        if !w.matches(t) || (words.len() == 1 && ends && !self.at_clause_end(toks, unit, start)) {
            return false;
        }
        out.push(start);
        if words.len() == 1 || self.match_cue(toks, unit, start + 1, &words[1..], ends, out) {
            return true;
        }
        out.pop();
        false
    }

    /// Whether sentence `s` can hold a relation, checked before its clauses are read: a cue's
    /// first word must be in it, and two actor mentions, a pronoun or "both sides" must
    /// name its parties, unless the cue relates one party (a mediation between the article's
    /// two sides, a denial answering an earlier accusation), or an article and `door` may
    /// open an attributive phrase. Skipping the rest (28% of the
    /// sentences with an actor have one mention, 31% no cue) changes no reading.
    pub(super) fn may_relate(&self, s: usize, toks: &[Token]) -> bool {
        let parties = self.mentions(s).len() >= 2
            || toks
                .iter()
                .any(|t| matches!(t.tok, Tok::Pronoun | Tok::Sides));
        // "de door Iran gesteunde Taliban": an inflected participle is no cue as written.
        if parties
            && toks
                .windows(2)
                .any(|pair| self.opens_attributive(&pair[0], &pair[1]))
        {
            return true;
        }
        let cue = if parties { class::CUE } else { class::LONE_CUE };
        toks.iter().any(|t| self.is(t, cue))
    }

    /// Whether a verb cue's word at clause position `p` is a noun: right after an article
    /// ("the attack"), or, for an "-ing" form, after an article and up to two common words
    /// ("a stern warning", "the recent fighting"); in English also after a preposition that
    /// marks no infinitive and up to two common words ("a rise in militant attacks", not
    /// "vowed to attack").
    fn after_article(&self, toks: &[Token], unit: &[usize], p: usize, w: &str) -> bool {
        let article = |q: usize| self.is(&toks[unit[q]], class::ARTICLE);
        let preposition = |q: usize| {
            let t = &toks[unit[q]];
            self.is(t, class::PREPOSITION) && !self.is(t, class::INFINITIVE)
        };
        let common = |q: usize| self.common_word(&toks[unit[q]]);
        // A word that may modify a noun: "terrorist", "the", "cross-border".
        let modifier = |q: usize| {
            let t = &toks[unit[q]];
            self.word(t).is_some()
                && self.text(t).starts_with(char::is_lowercase)
                && !self.is(
                    t,
                    class::CUE | class::PREPOSITION | class::CLAUSE | class::CONJUNCTION,
                )
        };
        (p > 0 && article(p - 1))
            || (self.g.subject_first
                && w.ends_with("ing")
                && (2..=3).any(|n| p >= n && article(p - n) && (p - n + 1..p).all(common)))
            || (self.g.subject_first
                && !w.ends_with("ing")
                && (1..=3).any(|n| p >= n && preposition(p - n) && (p - n + 1..p).all(modifier)))
    }

    pub(super) fn hits(&self, toks: &[Token], unit: &[usize]) -> SmallVec<[Hit; 4]> {
        let mut hits = SmallVec::new();
        let mut used: Used = smallvec::smallvec![false; unit.len()];
        let mut positions = SmallVec::new();
        for p in 0..unit.len() {
            if used[p] || !self.is(&toks[unit[p]], class::CUE) {
                continue;
            }
            let Some(w) = self.word(&toks[unit[p]]) else {
                continue;
            };
            let mut best: Option<Hit> = None;
            // "the attack", "an attack": after an article a verb cue is the noun.
            let after_article = self.after_article(toks, unit, p, w);
            let next = unit
                .get(p + 1)
                .and_then(|&i| self.word(&toks[i]))
                .map_or(0, word_key);
            for candidate in self.set.first_cues(w) {
                // Most candidates of a common first word ("te", "de") fail on the second;
                // both tests read the candidate, not the cue.
                if (after_article && candidate.verb) || !candidate.may_follow(next) {
                    continue;
                }
                let c = candidate.cue;
                let cue = &self.set.cues[c];
                positions.clear();
                if self.match_cue(toks, unit, p, &cue.words, cue.at_end, &mut positions)
                    && positions.iter().all(|&q| !used[q])
                    && best.as_ref().is_none_or(|b| {
                        (positions.len(), std::cmp::Reverse(c))
                            > (b.positions.len(), std::cmp::Reverse(b.cue))
                    })
                {
                    best = Some(Hit {
                        cue: c,
                        head: p,
                        positions: positions.clone(),
                    });
                }
            }
            if let Some(hit) = best {
                for &q in &hit.positions {
                    used[q] = true;
                }
                hits.push(hit);
            }
        }
        hits
    }
}

//! Step 4c: attributive participles, a Dutch noun phrase with an agent inside it: "de door
//! Iran gesteunde Taliban", "het door de Taliban overheerste Afghanistan". An article right
//! before `door X` opens the phrase; the word after X is a participle and the list after it
//! the noun the phrase describes. X is that noun's modifier, never the agent or subject of
//! another cue in the clause ("De door Iran gesteunde Taliban vielen Kunduz aan" is the
//! Taliban's attack); when the participle is a verb cue, X is its source and the noun its
//! target (Iran supports the Taliban).

use super::*;

/// One attributive phrase in a clause: positions in the clause.
pub(super) struct Attributive {
    /// The list after `door`.
    pub agent: usize,
    /// The participle (the word after the agent list).
    pub participle: usize,
}

impl Reader<'_> {
    /// Whether list `l` is the agent inside an attributive phrase: governed by an agent
    /// preposition that follows an article (determiners between are allowed: "de door de
    /// Taliban ..."), and followed by a word.
    pub(super) fn is_attributive(&self, toks: &[Token], unit: &[usize], l: &List) -> bool {
        let word_at = |p: usize| unit.get(p).and_then(|&i| self.word(&toks[i]));
        if !l.gov.as_deref().is_some_and(|g| self.g.agent.contains(g))
            || word_at(l.last + 1).is_none()
        {
            return false;
        }
        let mut p = l.first;
        while p > 0 && self.is_at(toks, unit, p - 1, class::DETERMINER) {
            p -= 1;
        }
        p >= 2
            && self.is_at(toks, unit, p - 1, class::AGENT)
            && self.is_at(toks, unit, p - 2, class::ARTICLE)
    }

    /// Whether two tokens may open an attributive phrase: an article and an agent
    /// preposition ("de door").
    pub(super) fn opens_attributive(&self, article: &Token, agent: &Token) -> bool {
        self.is(article, class::ARTICLE) && self.is(agent, class::AGENT)
    }

    /// Whether a clause may hold an attributive phrase, checked before its lists are built.
    fn may_hold_attributive(&self, toks: &[Token], unit: &[usize]) -> bool {
        unit.windows(2)
            .any(|pair| self.opens_attributive(&toks[pair[0]], &toks[pair[1]]))
    }

    /// The attributive phrases of a clause, given its lists.
    pub(super) fn attributives(
        &self,
        toks: &[Token],
        unit: &[usize],
        lists: &[List],
    ) -> Vec<Attributive> {
        lists
            .iter()
            .enumerate()
            .filter(|(_, l)| self.is_attributive(toks, unit, l))
            .map(|(agent, l)| Attributive {
                agent,
                participle: l.last + 1,
            })
            .collect()
    }

    /// The single-word verb cue a participle stands for, as written or without its
    /// inflection ("gesteunde" → "gesteund", "overheerste" → "overheerst").
    pub(super) fn participle_cue(&self, word: &str) -> Option<usize> {
        let stem = word.strip_suffix('e').filter(|s| s.len() >= 3);
        [Some(word), stem].into_iter().flatten().find_map(|w| {
            self.set.candidates(w).find(|&c| {
                let cue = &self.set.cues[c];
                cue.form == Form::Verb && cue.words.len() == 1 && cue.words[0].matches(w)
            })
        })
    }

    /// Reads the attributive phrases of one clause: the participle's relation from the
    /// agent to the actor right after it. Returns every phrase's participle position, so
    /// that the participle is not read again as a cue of the clause.
    pub(super) fn read_attributives(
        &self,
        s: usize,
        toks: &[Token],
        unit: &[usize],
        pending: &mut Vec<Pending>,
    ) -> Vec<usize> {
        if !self.may_hold_attributive(toks, unit) {
            return Vec::new();
        }
        let used = vec![false; unit.len()];
        let lists = self.lists(toks, unit, &used);
        let attributives = self.attributives(toks, unit, &lists);
        for a in &attributives {
            let Some(cue) = self
                .word(&toks[unit[a.participle]])
                .and_then(|w| self.participle_cue(w))
            else {
                continue;
            };
            // The actor right after the participle, or after one noun and `van` ("het door
            // India bestuurde deel van Kasjmir"); "de door Pakistan gesteunde militanten
            // vielen Kabul aan" describes militants, not Kabul.
            let of_noun = |l: &List| {
                l.first == a.participle + 3
                    && self.word(&toks[unit[a.participle + 1]]).is_some()
                    && l.gov
                        .as_deref()
                        .is_some_and(|g| self.g.possessive.contains(g))
            };
            let Some(noun) = lists
                .iter()
                .find(|l| l.first == a.participle + 1 || of_noun(l))
            else {
                continue;
            };
            let hit = Hit {
                cue,
                head: a.participle,
                positions: smallvec::smallvec![a.participle],
            };
            self.emit(
                s,
                toks,
                unit,
                &hit,
                (&lists[a.agent], Some(noun), Rule::Attributive),
                pending,
            );
        }
        attributives.iter().map(|a| a.participle).collect()
    }
}

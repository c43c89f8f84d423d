//! Steps 2 and 3: clauses, and the lists of actors in a clause with what governs them.

use super::*;

pub(super) fn is_same(a: &List, b: Option<&List>) -> bool {
    b.is_some_and(|b| a.first == b.first && a.last == b.last)
}

/// The tokens of names in brackets right after a name, brackets included: "de Islamitische
/// Staat (IS) eiste ...", "the Pakistani Taliban (TTP), which ...". Such a name abbreviates or
/// glosses the one before it: it neither ends the clause nor stands as an actor of its own.
fn glosses(toks: &[Token]) -> Vec<usize> {
    let actor = |i: usize| matches!(toks[i].tok, Tok::Actor(_));
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !matches!(t.tok, Tok::Punct('(')) || i == 0 || !actor(i - 1) {
            continue;
        }
        let names = toks[i + 1..]
            .iter()
            .take_while(|t| matches!(t.tok, Tok::Actor(_)))
            .count();
        let close = i + 1 + names;
        if (1..=2).contains(&names)
            && matches!(toks.get(close).map(|t| &t.tok), Some(Tok::Punct(')')))
        {
            out.extend(i..=close);
        }
    }
    out
}

impl Reader<'_> {
    /// Splits a sentence's tokens into clauses (lists of token indexes).
    /// Also returns, for each clause, its group: clauses between two strong punctuation marks
    /// (`;`, `:`, a dash, a bracket).
    pub(super) fn clauses(&self, toks: &[Token]) -> (Units, Groups) {
        // Each clause takes at most the tokens left: sized once, never regrown (and taken from
        // the vectors of sentences read before, when there are).
        let unit_from = |i: usize| {
            let mut unit = self.spare_units.borrow_mut().pop().unwrap_or_default();
            unit.reserve(toks.len() - i);
            unit
        };
        let mut units: Units = smallvec::smallvec![unit_from(0)];
        let mut groups: Groups = smallvec::smallvec![0];
        let mut group = 0;
        let mut main = 0;
        let mut cur = 0;
        let is_member = |t: &Token| matches!(t.tok, Tok::Actor(_) | Tok::Sides | Tok::Pronoun);
        let glosses = glosses(toks);
        for (i, t) in toks.iter().enumerate() {
            if glosses.contains(&i) {
                continue;
            }
            match &t.tok {
                // Most words open or close nothing.
                Tok::Word(_) if !self.is(t, class::CONJUNCTION | class::REPORT | class::CLAUSE) => {
                    units[cur].push(i)
                }
                Tok::Punct(',') => {
                    let in_list = i > 0
                        && is_member(&toks[i - 1])
                        && toks[i + 1..]
                            .iter()
                            .take(3)
                            .find(|n| !self.is(n, class::DETERMINER | class::CONJUNCTION))
                            .is_some_and(is_member);
                    if cur != main && !in_list {
                        cur = main;
                    } else {
                        units[cur].push(i);
                    }
                }
                Tok::Punct(_) => {
                    group += 1;
                    units.push(unit_from(i));
                    groups.push(group);
                    main = units.len() - 1;
                    cur = main;
                }
                // "Pakistan zegt dat … en heeft Afghanistan opgeroepen": a conjunction and a
                // finite auxiliary after a subordinate clause go back to the main clause.
                Tok::Word(_)
                    if cur != main
                        && self.is(t, class::CONJUNCTION)
                        && toks
                            .get(i + 1)
                            .is_some_and(|n| self.is(n, class::AUXILIARY)) =>
                {
                    cur = main;
                    units[cur].push(i);
                }
                // "…, zegt het ministerie", "…, said the ministry": a reporting verb after a
                // comma opens a clause of its own, up to the next comma; its speaker is no
                // party of the statement before.
                Tok::Word(_)
                    if i > 0
                        && matches!(toks[i - 1].tok, Tok::Punct(','))
                        && self.is(t, class::REPORT) =>
                {
                    units.push(unit_from(i));
                    units.last_mut().expect("pushed").push(i);
                    groups.push(group);
                    cur = units.len() - 1;
                }
                Tok::Word(_) if self.opens_clause(toks, i) => {
                    units.push(unit_from(i));
                    units.last_mut().expect("pushed").push(i);
                    groups.push(group);
                    cur = units.len() - 1;
                }
                _ => units[cur].push(i),
            }
        }
        (units, groups)
    }

    /// Whether the word at token `i` opens a subordinate clause: a clause word, but not one
    /// that is also a preposition before a number or a time word ("sinds 2014", "since
    /// August"), nor one right after another ("dat toen door de Taliban werd bestuurd": "toen"
    /// is "then"), nor a target word of the verb before it ("demanded that Kabul …").
    fn opens_clause(&self, toks: &[Token], i: usize) -> bool {
        self.is(&toks[i], class::CLAUSE)
            && !self.time_phrase(toks, i)
            && (i == 0 || !self.is(&toks[i - 1], class::CLAUSE))
            && !self.names_target(toks, i)
    }

    /// Whether the clause word at token `i` is a target word of the one-word verb cue right
    /// before it ("demanded that Kabul …", "eiste dat Kabul …"): it opens no clause, so the
    /// name after it is the cue's target.
    fn names_target(&self, toks: &[Token], i: usize) -> bool {
        let (Some(word), Some(verb)) = (
            self.word(&toks[i]),
            i.checked_sub(1)
                .filter(|&v| self.is(&toks[v], class::CUE))
                .and_then(|v| self.word(&toks[v])),
        ) else {
            return false;
        };
        self.set.candidates(verb).any(|c| {
            let cue = &self.set.cues[c];
            cue.form == Form::Verb
                && cue.words.len() == 1
                && cue.words[0].matches(verb)
                && cue.target.iter().any(|t| t == word)
        })
    }

    /// Whether the preposition at token `i` governs a time: a number or a time word.
    fn time_phrase(&self, toks: &[Token], i: usize) -> bool {
        self.is(&toks[i], class::PREPOSITION)
            && toks.get(i + 1).is_some_and(|n| {
                self.is(n, class::TIME)
                    || self
                        .word(n)
                        .is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()))
            })
    }

    /// The conjunctions of a clause that join two clauses rather than two actors: after a
    /// verb cue, and before an actor that a verb cue follows ("India bombardeert Pakistan en
    /// Iran bombardeert Herat": Iran is the second verb's subject, not a second target).
    pub(super) fn clause_joins(&self, toks: &[Token], unit: &[usize], hits: &[Hit]) -> Vec<usize> {
        let verb_at = |p: usize| {
            hits.iter()
                .find(|h| h.head == p && self.set.cues[h.cue].form != Form::Noun)
        };
        let Some(first_end) = hits
            .iter()
            .filter(|h| self.set.cues[h.cue].form != Form::Noun)
            .map(|h| *h.positions.last().expect("a cue has words"))
            .min()
        else {
            return Vec::new();
        };
        (first_end + 1..unit.len())
            .filter(|&c| {
                if !self.is_at(toks, unit, c, class::CONJUNCTION) {
                    return false;
                }
                let mut p = c + 1;
                while p < unit.len() && self.is_at(toks, unit, p, class::DETERMINER) {
                    p += 1;
                }
                let start = p;
                while p < unit.len() && matches!(toks[unit[p]].tok, Tok::Actor(_)) {
                    p += 1;
                }
                // "both Tehran and Ankara deny": the pair a correlative opens is one list.
                let mut q = c;
                while q > 0 && matches!(toks[unit[q - 1]].tok, Tok::Actor(_)) {
                    q -= 1;
                }
                let paired = q < c && q > 0 && self.is_at(toks, unit, q - 1, class::CORRELATIVE);
                p > start && verb_at(p).is_some() && !paired
            })
            .collect()
    }

    pub(super) fn lists(&self, toks: &[Token], unit: &[usize], used: &[bool]) -> Lists {
        let tok = |p: usize| &toks[unit[p]];
        let is_member =
            |p: usize| !used[p] && matches!(tok(p).tok, Tok::Actor(_) | Tok::Sides | Tok::Pronoun);
        let mut lists = Lists::new();
        let mut p = 0;
        while p < unit.len() {
            if !is_member(p) {
                p += 1;
                continue;
            }
            let mut members: Positions = smallvec::smallvec![p];
            let mut seps: SmallVec<[bool; 4]> = SmallVec::new();
            let mut q = p + 1;
            loop {
                // An actor right before another modifies it ("Afghaanse Taliban"); in Dutch
                // only an adjective does: two names side by side are the subject and object of
                // a verb-final clause ("nadat de Taliban Kunduz hadden veroverd").
                if q < unit.len()
                    && is_member(q)
                    && matches!(tok(q).tok, Tok::Actor(_))
                    && matches!(tok(q - 1).tok, Tok::Actor(_))
                    && (self.g.subject_first || self.adjective_token(tok(q - 1)))
                {
                    *members.last_mut().expect("a member") = q;
                    q += 1;
                    continue;
                }
                // "Afghaanse regering en de Taliban": the representative noun belongs to the
                // actor before it.
                let mut k = q;
                while k < unit.len() && self.is(tok(k), class::REPRESENTATIVE) {
                    k += 1;
                }
                let start = k;
                let mut comma = false;
                let mut conj = false;
                while k < unit.len() && k < start + 3 && !used[k] {
                    match &tok(k).tok {
                        Tok::Punct(',') => comma = true,
                        Tok::Word(_) if self.is(tok(k), class::CONJUNCTION) => conj = true,
                        Tok::Word(_) if self.is(tok(k), class::DETERMINER) => {}
                        _ => break,
                    }
                    k += 1;
                }
                // "praat met de regering en hij beloofde": a subject pronoun after a
                // conjunction opens a clause of its own.
                if (comma || conj)
                    && k < unit.len()
                    && is_member(k)
                    && !matches!(tok(k).tok, Tok::Pronoun)
                {
                    members.push(k);
                    seps.push(conj);
                    q = k + 1;
                } else {
                    break;
                }
            }
            // "A, B" without a conjunction is an apposition ("de VN, Guterres,"): the first
            // name stands alone. Three or more are a list ("talks between Pakistan, China,
            // Afghanistan").
            if seps.len() == 1 && !seps[0] {
                members.truncate(1);
            }
            let first = p;
            let last = *members.last().expect("a member");
            let (gov, bare) = self.governor(toks, unit, used, first);
            lists.push(List {
                members,
                first,
                last,
                gov,
                bare,
            });
            p = last + 1;
        }
        // "de Russische ambtgenoot Sergej Lavrov": an adjective actor before a title and a
        // name modifies the title; the name is the actor.
        let mut i = 1;
        while i < lists.len() {
            let (a, b) = (&lists[i - 1], &lists[i]);
            let gap = b.first - a.last - 1;
            // "his Indian counterpart, Narendra Modi": a comma may close the title.
            let comma_end = b.first > a.last + 2 && matches!(tok(b.first - 1).tok, Tok::Punct(','));
            let title_end = if comma_end { b.first - 1 } else { b.first };
            let plain = (a.last + 1..title_end).all(|p| {
                !used[p]
                    && self.word(tok(p)).is_some()
                    && !self.is(
                        tok(p),
                        class::PREPOSITION | class::CONJUNCTION | class::CLAUSE | class::DETERMINER,
                    )
            });
            let adjective = self.adjective(toks, unit, a);
            // "UN envoy Roza Otunbayeva", "TTP commander Baitullah Mehsud": an actor
            // before a title and a person's name modifies the title.
            // "UN Secretary-General Antonio Guterres", "Pakistan Information Minister Fawad
            // Chaudhry": so do capitalised words between, a title.
            let title_case = (a.last + 1..title_end)
                .all(|p| self.doc.text[tok(p).start..tok(p).end].starts_with(char::is_uppercase));
            let titled = ((a.last + 1..title_end).any(|p| self.is(tok(p), class::REPRESENTATIVE))
                || title_case)
                && matches!(tok(b.first).tok, Tok::Actor(i)
                    if self.ex.entity(self.dict, self.ex.mentions[i].entity).kind == Kind::Person);
            let gap = if comma_end { gap - 1 } else { gap };
            if (1..=2).contains(&gap) && plain && (adjective || titled) && (!comma_end || titled) {
                let gov = lists[i - 1].gov.clone();
                let bare = lists[i - 1].bare;
                lists[i].gov = gov;
                lists[i].bare = bare;
                lists.remove(i - 1);
            } else {
                i += 1;
            }
        }
        // "a mosque in Peshawar, Pakistan": a state after a place and a comma locates the
        // place; it is no actor of the clause.
        let kind = |p: usize| self.actor(tok(p)).map(|(_, k)| k);
        let mut i = 1;
        while i < lists.len() {
            let (a, b) = (&lists[i - 1], &lists[i]);
            if b.first == a.last + 2
                && matches!(tok(a.last + 1).tok, Tok::Punct(','))
                && b.members.len() == 1
                && kind(a.last) == Some(Kind::Place)
                && kind(b.first) == Some(Kind::State)
            {
                lists.remove(i);
            } else {
                i += 1;
            }
        }
        // "de woordvoerder van de Taliban, Zabihullah Mujahid, ...": a name between commas
        // right after a list is the same actor (an apposition), not a second one; it stands in
        // for the list before it.
        let mut i = 1;
        while i < lists.len() {
            let (a, b) = (&lists[i - 1], &lists[i]);
            let comma_between =
                b.first == a.last + 2 && matches!(tok(a.last + 1).tok, Tok::Punct(','));
            let comma_after =
                b.last + 1 < unit.len() && matches!(tok(b.last + 1).tok, Tok::Punct(','));
            if comma_between && comma_after && b.members.len() == 1 {
                let bare = a.bare || b.bare;
                lists[i].bare = bare;
                lists[i].gov = None;
                lists.remove(i - 1);
            } else {
                i += 1;
            }
        }
        lists
    }

    /// The preposition governing a list starting at clause position `first`, and whether the
    /// list is bare (a subject or object).
    pub(super) fn governor(
        &self,
        toks: &[Token],
        unit: &[usize],
        used: &[bool],
        first: usize,
    ) -> (Option<CompactString>, bool) {
        let mut p = first;
        let mut steps = 0;
        while p > 0 && steps < 3 {
            p -= 1;
            steps += 1;
            if used[p] {
                break;
            }
            let t = &toks[unit[p]];
            let Some(w) = self.word(t) else {
                break;
            };
            // "nadat de Taliban aan de macht kwamen", "once the Taliban returned to power": a word
            // that opens its clause is a conjunction there, and the list its subject.
            if p == 0 && self.is(t, class::CLAUSE) {
                break;
            }
            // "vielen in 2001 Afghanistan binnen", "op zondag Kabul": a time phrase ends
            // before the list, which is bare.
            if self.is(t, class::TIME) || w.bytes().all(|b| b.is_ascii_digit()) {
                break;
            }
            if self.is(t, class::PREPOSITION) {
                let mut r = p;
                while r > 0 && self.is(&toks[unit[r - 1]], class::DETERMINER) {
                    r -= 1;
                }
                let represents = r > 0
                    && self.is(t, class::POSSESSIVE)
                    && self.is(&toks[unit[r - 1]], class::REPRESENTATIVE);
                // "tussen vertegenwoordigers van X en Y", "met de regering van X": a
                // preposition before the representative governs what it represents.
                if represents && let Some(outer) = self.outer_preposition(toks, unit, used, r - 1) {
                    return (Some(outer), false);
                }
                return (Some(CompactString::from(w)), represents);
            }
        }
        (None, true)
    }

    /// The preposition right before the representative noun at clause position `rep`, past
    /// its determiners.
    fn outer_preposition(
        &self,
        toks: &[Token],
        unit: &[usize],
        used: &[bool],
        rep: usize,
    ) -> Option<CompactString> {
        let mut p = rep;
        while p > 0 && !used[p - 1] {
            p -= 1;
            let t = &toks[unit[p]];
            if !self.is(t, class::DETERMINER) {
                return self
                    .word(t)
                    .filter(|_| self.is(t, class::PREPOSITION))
                    .map(CompactString::from);
            }
        }
        None
    }

    /// Whether clause position `p` ends its clause (or a list item): the last word, or before
    /// a comma or a conjunction.
    pub(super) fn at_clause_end(&self, toks: &[Token], unit: &[usize], p: usize) -> bool {
        match unit.get(p + 1).map(|&i| &toks[i]) {
            None => true,
            Some(t) => matches!(t.tok, Tok::Punct(_)) || self.is(t, class::CONJUNCTION),
        }
    }

    /// Whether an actor token is written as an adjective: lower case, or with one of the
    /// language's adjective endings ("Afghaanse", "Pakistaanse").
    pub(super) fn adjective_token(&self, t: &Token) -> bool {
        let text = &self.doc.text[t.start..t.end];
        text.starts_with(char::is_lowercase) || self.adjective_ending(text)
    }

    /// Whether list `l` is one actor written as an adjective ("Russische", "Pakistani").
    pub(super) fn adjective(&self, toks: &[Token], unit: &[usize], l: &List) -> bool {
        let t = &toks[unit[l.last]];
        l.members.len() == 1
            && matches!(t.tok, Tok::Actor(_))
            && self.adjective_ending(&self.doc.text[t.start..t.end])
    }

    /// Whether `text`, folded, ends with one of the language's adjective endings; without
    /// an allocation when it is ASCII.
    fn adjective_ending(&self, text: &str) -> bool {
        let endings = &self.g.adjective_endings;
        if text.is_ascii() {
            let b = text.as_bytes();
            return endings.iter().any(|e| {
                b.len() >= e.len() && b[b.len() - e.len()..].eq_ignore_ascii_case(e.as_bytes())
            });
        }
        let folded = fold_str(text, Case::Fold);
        endings.iter().any(|e| folded.ends_with(e.as_str()))
    }
}

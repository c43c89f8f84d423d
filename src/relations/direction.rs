//! Steps 4b and 5: each cue's source and target, negation, quotations and reported content.

use super::*;

impl Reader<'_> {
    pub(super) fn sentence(&self, s: usize, pending: &mut Vec<Pending>) {
        let toks = self.tokens(s);
        if !self.may_relate(s, &toks) {
            self.recycle(toks, Units::new());
            return;
        }
        let (mut units, groups) = self.clauses(&toks);
        self.relative_subjects(&toks, &mut units);
        // (token index of the head, clause, hit, first clause position after the previous
        // hit in the clause)
        let mut all: SmallVec<[(usize, usize, Hit, usize); 8]> = SmallVec::new();
        let mut joins: SmallVec<[Vec<usize>; 8]> = SmallVec::new();
        for (u, unit) in units.iter().enumerate() {
            let mut floor = 0;
            // An attributive participle is read with its agent and noun, not as a cue.
            let participles = self.read_attributives(s, &toks, unit, pending);
            let hits = self.hits(&toks, unit);
            joins.push(self.clause_joins(&toks, unit, &hits));
            for hit in hits {
                if participles.contains(&hit.head) {
                    continue;
                }
                let next = hit.positions.last().expect("a cue has words") + 1;
                let verb = self.set.cues[hit.cue].form != Form::Noun;
                all.push((unit[hit.head], u, hit, floor));
                if verb {
                    floor = next;
                }
            }
        }
        all.sort_by_key(|(at, u, _, _)| (*at, *u));
        // The group and clause of a verb whose type embeds (deny, accuse, threaten, appeal),
        // and whether a content cue came since: later cues in its group are its content,
        // except a verb coordinated with it in its own clause ("threatened the Taliban and
        // urged Kabul to ..."); after one content cue, a coordinated verb is content too
        // ("blames X for funding and backing Y").
        let mut embedded: Option<(usize, usize, bool)> = None;
        for (_, u, hit, floor) in all {
            if let Some((group, unit, content)) = &mut embedded
                && *group == groups[u]
                && (*content || *unit != u || !self.coordinated(&toks, &units[u], hit.head))
            {
                *content = true;
                continue;
            }
            let cue = &self.set.cues[hit.cue];
            if self.types[cue.relation].embeds && cue.form == Form::Verb {
                embedded = Some((groups[u], u, false));
            }
            self.read(s, &toks, &units[u], &hit, (floor, &joins[u]), pending);
        }
        self.recycle(toks, units);
    }

    /// "the TTP, which targets Pakistani soldiers": a clause opened by a relative pronoun
    /// (`relative`) right after an actor (and a comma) gets that actor as its first position,
    /// its subject.
    ///
    /// A Dutch relative ("die", "dat") is its clause's subject only in a passive with `door X`
    /// ("Herat, dat toen door de Taliban werd bestuurd"); elsewhere it may be the
    /// object. An apposition after a dash is about the actor before the dash ("ISKP - een
    /// verklaarde vijand van de Taliban -").
    fn relative_subjects(&self, toks: &[Token], units: &mut [Vec<usize>]) {
        let actor = |i: usize| matches!(toks[i].tok, Tok::Actor(_));
        let punct = |i: usize, c: char| matches!(toks[i].tok, Tok::Punct(p) if p == c);
        let dash = |i: usize| i >= 1 && matches!(toks[i - 1].tok, Tok::Punct('-' | '–' | '—'));
        for unit in units.iter_mut() {
            let Some(&first) = unit.first() else {
                continue;
            };
            if self.is(&toks[first], class::ARTICLE)
                && dash(first)
                && first >= 2
                && actor(first - 2)
            {
                unit.insert(0, self.phrase_head(toks, first - 2));
                continue;
            }
            let passive_relative = !self.g.subject_first
                && self.is(&toks[first], class::CLAUSE)
                && self.passive_with_agent(toks, unit);
            if !self.is(&toks[first], class::RELATIVE) && !passive_relative {
                continue;
            }
            // "X, which", "X which", "X (Y), which" (the name in brackets)
            let antecedent = match first {
                i if i >= 2 && punct(i - 1, ',') && actor(i - 2) => i - 2,
                i if i >= 3 && punct(i - 1, ',') && punct(i - 2, ')') && actor(i - 3) => i - 3,
                i if i >= 1 && actor(i - 1) => i - 1,
                _ => continue,
            };
            // A Dutch relative agrees with the name right before it ("Kandahar, dat").
            let head = if passive_relative {
                antecedent
            } else {
                self.phrase_head(toks, antecedent)
            };
            unit.insert(0, head);
        }
    }

    /// Whether a clause is a passive with its agent: an auxiliary, and `door` before an
    /// actor (past articles): "dat toen door de Taliban werd bestuurd".
    fn passive_with_agent(&self, toks: &[Token], unit: &[usize]) -> bool {
        let auxiliary = unit.iter().any(|&i| {
            self.is(&toks[i], class::AUXILIARY)
                || self
                    .word(&toks[i])
                    .is_some_and(|w| self.g.passive.contains(w))
        });
        auxiliary
            && (0..unit.len()).any(|p| {
                self.is_at(toks, unit, p, class::AGENT)
                    && (p + 1..unit.len())
                        .find(|&q| !self.is_at(toks, unit, q, class::ARTICLE | class::DETERMINER))
                        .is_some_and(|q| matches!(toks[unit[q]].tok, Tok::Actor(_)))
            })
    }

    /// Whether the word at clause position `p` is a one-word verb cue ("bemiddeld").
    fn verb_cue_at(&self, toks: &[Token], unit: &[usize], p: usize) -> bool {
        let Some(w) = self
            .word(&toks[unit[p]])
            .filter(|_| self.is_at(toks, unit, p, class::CUE))
        else {
            return false;
        };
        self.set.candidates(w).any(|c| {
            let cue = &self.set.cues[c];
            cue.form == Form::Verb && cue.words.len() == 1 && cue.words[0].matches(w)
        })
    }

    /// The actor a relative clause after the actor at token `at` is about: `at` itself, or,
    /// when `at` sits in a prepositional phrase right after a noun an actor modifies, that
    /// actor ("the Taliban rulers in Afghanistan, who have been fighting IS": the Taliban).
    /// Not after a possessive ("the leaders of the TTP, who"): that name is the one meant.
    fn phrase_head(&self, toks: &[Token], at: usize) -> usize {
        let mut p = at;
        while p > 0 && self.is(&toks[p - 1], class::DETERMINER) {
            p -= 1;
        }
        if p == 0
            || !self.is(&toks[p - 1], class::PREPOSITION)
            || self.is(&toks[p - 1], class::POSSESSIVE)
        {
            return at;
        }
        // "the Taliban in Afghanistan", "the Taliban rulers in Afghanistan"
        let actor = |i: usize| matches!(toks[i].tok, Tok::Actor(_));
        let plain = |i: usize| {
            self.word(&toks[i]).is_some()
                && !self.is(
                    &toks[i],
                    class::CLAUSE | class::CONJUNCTION | class::PREPOSITION,
                )
        };
        match p - 1 {
            prep if prep >= 1 && actor(prep - 1) => prep - 1,
            prep if prep >= 2 && plain(prep - 1) && actor(prep - 2) => prep - 2,
            _ => at,
        }
    }

    /// Whether the English verb at clause position `head` opens a participle clause after a
    /// comma ("condemned the attack, urging Kabul to act"): its subject is the main verb's.
    fn participle_clause(&self, toks: &[Token], unit: &[usize], head: usize) -> bool {
        self.g.subject_first
            && head > 0
            && matches!(toks[unit[head - 1]].tok, Tok::Punct(','))
            && self
                .word(&toks[unit[head]])
                .is_some_and(|w| w.ends_with("ing"))
    }

    /// Whether the word at clause position `head` follows a conjunction, or a conjunction and
    /// an auxiliary ("… and has warned Beijing", "… en heeft Kabul gewaarschuwd"): a verb
    /// there is coordinated with the verb before it.
    pub(super) fn coordinated(&self, toks: &[Token], unit: &[usize], head: usize) -> bool {
        let conjunction = |p: usize| self.is_at(toks, unit, p, class::CONJUNCTION);
        head > 0
            && (conjunction(head - 1)
                || (head > 1
                    && conjunction(head - 2)
                    && self.is_at(toks, unit, head - 1, class::AUXILIARY)))
    }

    /// Steps 4 and 5 for one cue: the lists around it, its source and target
    /// ([`Reader::choose`]) and the relations they make ([`Reader::emit`]). `floor` is the
    /// first clause position after the verb cue before it; `joins` are the conjunctions that
    /// join two clauses ([`Reader::clause_joins`]), which no list crosses.
    pub(super) fn read(
        &self,
        s: usize,
        toks: &[Token],
        unit: &[usize],
        hit: &Hit,
        (floor, joins): (usize, &[usize]),
        pending: &mut Vec<Pending>,
    ) {
        let mut used: Used = smallvec::smallvec![false; unit.len()];
        for &p in hit.positions.iter().chain(joins) {
            used[p] = true;
        }
        let mut lists = self.lists(toks, unit, &used);
        // The agent of an attributive phrase modifies a noun: it is no party of this cue.
        lists.retain(|l| !self.is_attributive(toks, unit, l));
        if self.no_second_party(toks, unit, hit, &lists) {
            return;
        }
        let head = hit.head;
        let cue_end = *hit.positions.last().expect("a cue has words");
        // "Pakistan verklaart X de oorlog en bombardeert Kabul": a verb right after a
        // conjunction (and an auxiliary) shares the subject of the verb before it.
        let shared = floor > 0
            && self.set.cues[hit.cue].form == Form::Verb
            && (self.coordinated(toks, unit, head) || self.participle_clause(toks, unit, head));
        let subject = || lists.iter().filter(|l| l.bare && l.last < floor).take(1);
        let since_floor = || lists.iter().filter(|l| l.last < head && l.first >= floor);
        let before: SmallVec<[&List; 4]> = if shared {
            subject().collect()
        } else if floor > 0
            && !self.g.subject_first
            && self.is_at(toks, unit, floor, class::CONJUNCTION)
        {
            // "De TTP heeft Peshawar aangevallen en Islamabad gewaarschuwd": after a
            // conjunction the object and participle share the subject before.
            subject().chain(since_floor()).collect()
        } else {
            since_floor().collect()
        };
        let after: SmallVec<[&List; 4]> = lists.iter().filter(|l| l.first > head).collect();
        let agent = self.agent(toks, unit, hit, &lists);
        let prep_target = self.prep_target(toks, unit, hit, &used, &before, &after);
        let between = after
            .iter()
            .find(|l| {
                l.gov.as_deref().is_some_and(|g| self.g.between.contains(g))
                    && l.members.len() >= 2
                    && l.first <= cue_end + 6
            })
            .copied();
        let subordinate = self.is_at(toks, unit, 0, class::CLAUSE);
        let bare_before: SmallVec<[&List; 4]> = before
            .iter()
            .filter(|l| l.bare && !is_same(l, prep_target))
            .copied()
            .collect();
        // English objects follow their verb without a comma: after one begins a phrase of its
        // own ("stepped up attacks across Pakistan, souring Islamabad-Kabul ties").
        // An apposition right after the comma stays ("blamed his counterpart, Narendra
        // Modi").
        let past_comma = |l: &List| {
            self.g.subject_first
                && (cue_end + 1..l.first)
                    .rev()
                    .find(|&p| matches!(toks[unit[p]].tok, Tok::Punct(',')))
                    .is_some_and(|c| {
                        (c + 1..l.first).any(|p| !self.is(&toks[unit[p]], class::DETERMINER))
                    })
        };
        let bare_after: SmallVec<[&List; 4]> = after
            .iter()
            .filter(|l| l.bare && !is_same(l, prep_target) && !past_comma(l))
            .copied()
            .collect();

        let frame = Frame {
            head,
            cue_end,
            before: &before,
            after: &after,
            bare_before: &bare_before,
            bare_after: &bare_after,
            agent,
            prep_target,
            between,
            subordinate,
        };
        let (source, target, rule) = self.choose(toks, unit, hit, &frame);
        if let Some(source) = source
            && target.is_none()
            && self.emit_own_target(s, toks, unit, hit, (source, rule), pending)
        {
            return;
        }
        if let Some(source) = source {
            self.emit(s, toks, unit, hit, (source, target, rule), pending);
        }
    }

    /// Whether a cue's clause holds no list, or one naming one actor once, and nothing gives
    /// the cue a party from elsewhere (a ruled state, the sentence's state, the article's sides,
    /// an accusation answered, a reciprocal): its parties come from these lists, so it relates
    /// no one. Many cues are so, and are skipped before their parties are looked for.
    fn no_second_party(&self, toks: &[Token], unit: &[usize], hit: &Hit, lists: &[List]) -> bool {
        let cue = &self.set.cues[hit.cue];
        let ty = &self.types[cue.relation];
        let lone = match lists {
            [] => true,
            [l] => l.members.len() == 1 && matches!(toks[unit[l.members[0]]].tok, Tok::Actor(_)),
            _ => false,
        };
        lone && !cue.ruler
            && !cue.state_target
            && !ty.implicit_sides
            && ty.responds_to.is_none()
            && !unit
                .iter()
                .any(|&i| self.is(&toks[i], class::RECIPROCAL | class::RECIPROCAL_FIRST))
    }

    /// `door X` / `by X` for the cue at `hit`: right after the cue, or (for a verb) before it
    /// in a subordinate passive ("die door de TTP worden opgeëist").
    fn agent<'l>(
        &self,
        toks: &[Token],
        unit: &[usize],
        hit: &Hit,
        lists: &'l [List],
    ) -> Option<&'l List> {
        let cue = &self.set.cues[hit.cue];
        let head = hit.head;
        let cue_end = *hit.positions.last().expect("a cue has words");
        // After the cue: a verb's `door X` may come after its object ("werd gisteren in Kabul
        // aangevallen door X"), but not after a participle of its own ("blames proxies armed
        // by Iran"); a noun's follows it closely ("de aanval op Kabul door X", "the agreement,
        // signed by X") and not after another verb ("de wapenstilstand, bemiddeld door X").
        let after_cue = |l: &List| {
            let mut between = cue_end + 1..l.first;
            l.first > cue_end
                && l.first <= cue_end + 6
                && if cue.form == Form::Noun {
                    (cue_end + 1..l.first.min(cue_end + 4))
                        .any(|p| self.is_at(toks, unit, p, class::AGENT))
                        && !between.any(|p| self.verb_cue_at(toks, unit, p))
                } else {
                    !between.any(|p| self.participle_at(toks, unit, p))
                }
        };
        // Before a verb, only in Dutch, in a subordinate passive ("die door de TTP worden
        // opgeëist"); an English `by X` before one belongs to a noun ("statements by X,
        // warning Y").
        let before_verb = |l: &List| {
            cue.form != Form::Noun && !self.g.subject_first && l.last < head && l.last + 6 >= head
        };
        lists
            .iter()
            .find(|l| {
                l.gov.as_deref().is_some_and(|g| self.g.agent.contains(g))
                    && (after_cue(l) || before_verb(l))
            })
            .or_else(|| self.described_agent(toks, unit, lists, cue_end))
    }

    /// The list after one of the cue's target prepositions (after the cue, or before it for
    /// verb-final clauses: "met de Taliban in gesprek").
    fn prep_target<'l>(
        &self,
        toks: &[Token],
        unit: &[usize],
        hit: &Hit,
        used: &[bool],
        before: &[&'l List],
        after: &[&'l List],
    ) -> Option<&'l List> {
        let cue = &self.set.cues[hit.cue];
        let head = hit.head;
        let cue_end = *hit.positions.last().expect("a cue has words");
        let word_at = |p: usize| unit.get(p).and_then(|&i| self.word(&toks[i]));
        // A list after one of the cue's target prepositions (after the cue, or before it
        // for verb-final clauses: "met de Taliban in gesprek").
        // A cue ending in one of its prepositions ("sprak … met") takes the list right
        // after it.
        let ends_in_prep = word_at(cue_end).is_some_and(|w| cue.target.iter().any(|t| t == w));
        let window = if ends_in_prep {
            cue_end + 5
        } else {
            cue_end + 7
        };
        let after_prep = (head + 1..unit.len().min(window))
            .filter(|&p| !used[p] || (ends_in_prep && p == cue_end))
            .find(|&p| word_at(p).is_some_and(|w| cue.target.iter().any(|t| t == w)))
            // "urged the Taliban to stop backing the TTP": after the verb's object the
            // preposition opens no target. (A bare list after a Dutch verb with no subject
            // before it is the subject: "vochten de Taliban tegen IS".)
            .filter(|&p| {
                let object_first = self.g.subject_first || before.iter().any(|l| l.bare);
                !(object_first
                    && after
                        .iter()
                        .any(|l| l.bare && l.first > cue_end && l.last < p))
            })
            .and_then(|p| {
                // Within four words, or further when the preposition governs the list ("met
                // de ervaren Amerikaanse gezant Zalmay Khalilzad").
                let governs = |l: &List| {
                    l.gov.is_some()
                        && l.gov.as_deref() == word_at(p)
                        && (p + 1..l.first).all(|q| word_at(q) != word_at(p))
                };
                // "op een kamp van de TTP": the owner of the noun the preposition
                // governs, with no other preposition between.
                let owner = |l: &List| {
                    l.gov
                        .as_deref()
                        .is_some_and(|g| self.g.possessive.contains(g))
                        && (p + 1..l.first)
                            .filter(|&q| self.is_at(toks, unit, q, class::PREPOSITION))
                            .count()
                            == 1
                        && (p + 1..l.first).all(|q| {
                            word_at(q).is_some()
                                && !self.is_at(toks, unit, q, class::CLAUSE | class::CONJUNCTION)
                        })
                };
                // After a clause word ("demanded that Kabul …") only the clause's subject.
                let clause_word = self.is_at(toks, unit, p, class::CLAUSE);
                after
                    .iter()
                    .find(|l| {
                        l.first > p
                            && (!clause_word || l.bare)
                            && (l.first <= p + 4 || ((governs(l) || owner(l)) && l.first <= p + 7))
                    })
                    .copied()
            });
        // Before the cue, only after a subject: "Erdogan wil met de Taliban in gesprek".
        after_prep.or_else(|| {
            before
                .iter()
                .rev()
                .find(|l| {
                    l.gov
                            .as_deref()
                            .is_some_and(|g| cue.target.iter().any(|t| t == g))
                            && before.iter().any(|b| b.bare && b.last < l.first)
                            // "reageerde op de Afghaanse aanvallen": an adjective right
                            // before a noun modifies it.
                            && !(cue.form == Form::Noun
                                && l.last + 1 == head
                                && self.adjective(toks, unit, l))
                })
                .copied()
        })
    }

    /// `door` / `by` right after the cue and a name after a description of up to four words
    /// ("opgeëist door de extremistische groepering ISKP", "claimed by the armed faction TTP"):
    /// the list the description introduces is the agent.
    fn described_agent<'l>(
        &self,
        toks: &[Token],
        unit: &[usize],
        lists: &'l [List],
        cue_end: usize,
    ) -> Option<&'l List> {
        let word_at = |p: usize| unit.get(p).and_then(|&i| self.word(&toks[i]));
        let by = cue_end + 1;
        word_at(by).filter(|w| self.g.agent.contains(w))?;
        let list = lists.iter().find(|l| l.first > by && l.first <= by + 5)?;
        (by + 1..list.first)
            .all(|p| {
                word_at(p).is_some_and(|w| {
                    !self.g.preposition.contains(w)
                        && !self.g.clause.contains(w)
                        && !self.g.conjunction.contains(w)
                })
            })
            .then_some(list)
    }

    /// Step 4b: the source and target of the cue at `hit`, from the lists around it by the
    /// cue's form (docs/relations.md, rules 3 to 6, 9).
    fn choose<'l>(
        &self,
        toks: &[Token],
        unit: &[usize],
        hit: &Hit,
        frame: &Frame<'_, 'l>,
    ) -> (Option<&'l List>, Option<&'l List>, Rule) {
        let cue = &self.set.cues[hit.cue];
        let ty = &self.types[cue.relation];
        let Frame {
            head,
            cue_end,
            before,
            after,
            bare_before,
            agent,
            prep_target,
            between,
            subordinate,
            ..
        } = *frame;
        let place_ok = |l: &List| {
            ty.places
                && l.members
                    .iter()
                    .all(|&m| matches!(self.actor(&toks[unit[m]]), Some((_, Kind::Place))))
        };
        let mut source: Option<&List> = None;
        let mut target: Option<&List> = None;
        let mut rule = Rule::SubjectOnly;
        if let Some(a) = agent {
            source = Some(a);
            rule = Rule::Agent;
            // "a charge denied by Kabul": whom a denial answers is the accuser, not the list
            // before it ([`Reader::answer`]).
            target = prep_target.or_else(|| {
                (cue.form != Form::Noun
                    && ty.responds_to.is_none()
                    && !self.reduced_relative(toks, unit, head))
                .then(|| {
                    before
                        .iter()
                        .rev()
                        .find(|l| !is_same(l, Some(a)) && (l.bare || place_ok(l)))
                        .copied()
                })
                .flatten()
            });
        } else {
            match cue.form {
                Form::Verb if subordinate && !self.g.subject_first && bare_before.len() >= 2 => {
                    // Verb-final: "nadat de Taliban Afghanistan hebben veroverd".
                    source = Some(bare_before[bare_before.len() - 2]);
                    target = Some(prep_target.unwrap_or(bare_before[bare_before.len() - 1]));
                    rule = Rule::VerbFinal;
                    if is_same(bare_before[bare_before.len() - 2], prep_target) {
                        source = None;
                    }
                }
                Form::Verb if self.passive_before(unit, toks, head) => {
                    // "Four policemen were shot near the border": without `by X` there is no
                    // source, and the subject is the target, not the attacker.
                }
                Form::Verb => (source, target, rule) = self.active_verb(toks, unit, hit, frame),
                Form::Noun if cue.ruler => {
                    (source, target) = self.ruler(toks, unit, head, before, prep_target);
                    rule = Rule::NounModifier;
                }
                Form::Noun => (source, target, rule) = self.noun(toks, unit, hit, frame),
                Form::Passive => {
                    source = after.iter().find(|l| l.first <= cue_end + 4).copied();
                    target = before
                        .iter()
                        .rev()
                        .find(|l| l.bare || place_ok(l))
                        .filter(|_| !self.reduced_relative(toks, unit, head))
                        .copied();
                    rule = Rule::Passive;
                }
            }
            if target.is_none()
                && let Some(b) = between
            {
                if ty.symmetric {
                    source = Some(b);
                } else {
                    target = Some(b);
                }
                rule = Rule::Between;
            }
        }
        (source, target, rule)
    }

    /// An active verb's source and target: perfect ("X heeft Y aangevallen"), subject, verb
    /// and object (or the cue's preposition, or `van X`), two lists before the verb, or, in
    /// Dutch, inverted ("Daarna riepen X Y op").
    fn active_verb<'l>(
        &self,
        toks: &[Token],
        unit: &[usize],
        hit: &Hit,
        frame: &Frame<'_, 'l>,
    ) -> (Option<&'l List>, Option<&'l List>, Rule) {
        let ty = &self.types[self.set.cues[hit.cue].relation];
        let Frame {
            cue_end,
            after,
            bare_before,
            bare_after,
            prep_target,
            ..
        } = *frame;
        let mut source: Option<&List> = None;
        let mut target: Option<&List> = None;
        let mut rule = Rule::SubjectOnly;
        // "controleren een deel van de provincie Helmand": without a bare
        // object, the first `van X` after the cue names it.
        // Not for what is denied, alleged or demanded ("ontkent de aanwezigheid
        // van TTP-strijders" denies no one).
        // After an inverted subject, the `van X` after it: "vielen de Taliban een
        // kamp van ISKP binnen".
        let of_object = |subject: Option<usize>| {
            if ty.responds_to.is_some() || ty.embeds {
                return None;
            }
            let from = subject.unwrap_or(cue_end);
            let first = match subject {
                Some(s) => after.iter().copied().find(|l| l.first > s),
                None => after.first().copied(),
            };
            first.filter(|l| {
                l.first <= from + 7
                    && l.gov
                        .as_deref()
                        .is_some_and(|g| self.g.possessive.contains(g))
                    && (from + 1..l.first).all(|p| {
                        !self.is_at(toks, unit, p, class::CLAUSE)
                            && !matches!(toks[unit[p]].tok, Tok::Punct(_))
                    })
                    // "de macht overnamen na de terugtrekking van X": that `van` belongs to
                    // another prepositional phrase.
                    && !self.other_phrase(toks, unit, hit, from + 1..l.first)
            })
        };
        // "viel een moskee in Peshawar aan", "attacked a mosque in Peshawar": for a type
        // that takes places, a place in the object names the target.
        let located = |from: usize| {
            if !ty.places {
                return None;
            }
            after.iter().copied().find(|l| {
                l.first > from
                    && l.first <= from + 6
                    && l.gov
                        .as_deref()
                        .is_some_and(|g| self.g.locative.contains(g))
                    && l.members.iter().all(|&m| {
                        self.actor(&toks[unit[m]])
                            .is_some_and(|(_, k)| k == Kind::Place)
                    })
                    && (from + 1..l.first).all(|p| {
                        !self.is_at(toks, unit, p, class::CLAUSE)
                            && !matches!(toks[unit[p]].tok, Tok::Punct(_) | Tok::Actor(_))
                    })
            })
        };
        // "Volgens X hadden zij Malala gewaarschuwd": with an auxiliary before two
        // bare lists, the one right before the participle is its object.
        let perfect = (!self.g.subject_first && bare_before.len() >= 2)
            .then(|| bare_before[bare_before.len() - 2..].to_vec())
            .filter(|pair| {
                (pair[0].first.saturating_sub(2)..pair[1].first)
                    .any(|p| self.is_at(toks, unit, p, class::AUXILIARY))
                    // A list after a conjunction or comma belongs to the next clause.
                    && bare_after.first().is_none_or(|l| {
                        (cue_end + 1..l.first).any(|p| {
                            self.is_at(toks, unit, p, class::CONJUNCTION)
                                || matches!(toks[unit[p]].tok, Tok::Punct(','))
                        })
                    })
            });
        // "a Shiite mosque in Peshawar": an actor written as an adjective of the object
        // yields to the place the object is in.
        let object = |l: Option<&'l List>| match l {
            Some(l) if self.modifies_noun(toks, unit, l, hit) => located(l.last).or(Some(l)),
            other => other,
        };
        if let Some(pair) = perfect {
            source = Some(pair[0]);
            target = Some(pair[1]);
            rule = Rule::Perfect;
        } else if let Some(&b) = bare_before.last() {
            if let Some(t) = prep_target.or_else(|| object(bare_after.first().copied())) {
                source = Some(b);
                target = Some(t);
                rule = Rule::SubjectVerbObject;
            } else if let Some(t) = of_object(None)
                .or_else(|| located(cue_end))
                .or_else(|| self.object_before_verb(toks, unit, hit, b, frame))
            {
                source = Some(b);
                target = Some(t);
                rule = Rule::OfObject;
            // English is not verb-final: "an accusation Tehran rejects" has no object before
            // the verb.
            } else if bare_before.len() >= 2 && !self.g.subject_first {
                let s = bare_before[bare_before.len() - 2];
                source = Some(s);
                target = Some(b);
                // "Pakistan heeft Afghanistan aangevallen".
                let auxiliary =
                    (s.last + 1..b.first).any(|p| self.is_at(toks, unit, p, class::AUXILIARY));
                rule = if auxiliary {
                    Rule::Perfect
                } else {
                    Rule::TwoBefore
                };
            } else {
                source = Some(b);
            }
        } else if let Some(&a) = bare_after.first().filter(|_| !self.g.subject_first) {
            source = Some(a);
            target = prep_target
                .or_else(|| object(bare_after.get(1).copied()))
                .or_else(|| located(a.last))
                .or_else(|| of_object(Some(a.last)));
            rule = Rule::Inverted;
        }
        (source, target, rule)
    }

    /// Whether clause positions `range` after the cue at `hit` open a prepositional phrase
    /// of their own: a preposition followed by an article ("na de terugtrekking van X", "on
    /// the day of X") that is no possessive, agent or target preposition of the cue. A
    /// locative one does not count for a type that takes places: "bombed homes in the
    /// provinces of Khost" names where.
    pub(super) fn other_phrase(
        &self,
        toks: &[Token],
        unit: &[usize],
        hit: &Hit,
        range: std::ops::Range<usize>,
    ) -> bool {
        let cue = &self.set.cues[hit.cue];
        let places = self.types[cue.relation].places;
        range.into_iter().any(|p| {
            self.is_at(toks, unit, p, class::PREPOSITION)
                && !self.is_at(toks, unit, p, class::POSSESSIVE | class::AGENT)
                && self.is_at(toks, unit, p + 1, class::ARTICLE)
                && !(places && self.is_at(toks, unit, p, class::LOCATIVE))
                && !self
                    .word(&toks[unit[p]])
                    .is_some_and(|w| cue.target.iter().any(|t| t == w))
        })
    }

    /// Dutch puts the object before a final verb: "De Taliban hebben het paleis in Kabul
    /// ingenomen", "nadat de TTP een moskee in Peshawar aanviel", "Pakistan heeft een cel van
    /// de TTP uitgeschakeld". A `van X` in that object, between the subject `subject` and the
    /// verb, is the target (as after the verb, not for what is denied or alleged), and so is
    /// a place after a `locative` for a type that takes places.
    fn object_before_verb<'l>(
        &self,
        toks: &[Token],
        unit: &[usize],
        hit: &Hit,
        subject: &List,
        frame: &Frame<'_, 'l>,
    ) -> Option<&'l List> {
        let ty = &self.types[self.set.cues[hit.cue].relation];
        if self.g.subject_first {
            return None;
        }
        let head = hit.head;
        let list = frame
            .before
            .iter()
            .copied()
            .find(|l| l.first > subject.last && l.last < head)?;
        // The preposition, before any article: "van de TTP".
        let mut governor = list.first.checked_sub(1)?;
        while governor > subject.last + 1
            && self.is_at(toks, unit, governor, class::ARTICLE | class::DETERMINER)
        {
            governor -= 1;
        }
        let object = (subject.last + 1..governor)
            .any(|p| !self.is_at(toks, unit, p, class::DETERMINER | class::AUXILIARY));
        // The noun the preposition follows heads the object, not a phrase of its own ("met
        // (de) steun van de Amerikanen" names a helper, not the object).
        let prep = |p: usize| self.is_at(toks, unit, p, class::PREPOSITION);
        let own_phrase = (subject.last + 1..governor)
            .rev()
            .find(|&p| prep(p) || self.is_at(toks, unit, p, class::ARTICLE | class::DETERMINER))
            .is_some_and(|p| prep(p) || (p > 0 && prep(p - 1)));
        let words_only = (subject.last + 1..head).all(|p| {
            (list.first..=list.last).contains(&p)
                || (self.word(&toks[unit[p]]).is_some()
                    && !self.is_at(toks, unit, p, class::CLAUSE | class::CONJUNCTION))
        });
        let places = list.members.iter().all(|&m| {
            self.actor(&toks[unit[m]])
                .is_some_and(|(_, k)| k == Kind::Place)
        });
        let located = ty.places && places && self.is_at(toks, unit, governor, class::LOCATIVE);
        let owner = ty.responds_to.is_none()
            && !ty.embeds
            && self.is_at(toks, unit, governor, class::POSSESSIVE);
        (object && words_only && !own_phrase && list.last + 3 >= head && (located || owner))
            .then_some(list)
    }

    /// A noun's source (after its source preposition, an adjective or name right before it,
    /// or the clause's subject) and target (after its target preposition).
    fn noun<'l>(
        &self,
        toks: &[Token],
        unit: &[usize],
        hit: &Hit,
        frame: &Frame<'_, 'l>,
    ) -> (Option<&'l List>, Option<&'l List>, Rule) {
        let cue = &self.set.cues[hit.cue];
        let Frame {
            head,
            cue_end,
            before,
            after,
            bare_before,
            prep_target,
            ..
        } = *frame;
        let word_at = |p: usize| unit.get(p).and_then(|&i| self.word(&toks[i]));
        let by_prep = (cue_end + 1..unit.len().min(cue_end + 2))
            .find(|&p| word_at(p).is_some_and(|w| cue.source.iter().any(|t| t == w)))
            .and_then(|p| {
                after
                    .iter()
                    .find(|l| l.first > p && l.first <= p + 3)
                    .copied()
            })
            .filter(|l| !is_same(l, prep_target));
        // Right before the noun, or one word away but not across a preposition
        // ("Pakistani airstrikes", not "Commander Of The TTP In Air Raid").
        let modifier = before
            .iter()
            .rev()
            .find(|l| {
                l.last + 2 >= head
                    && !is_same(l, prep_target)
                    && (l.last + 1..head).all(|p| {
                        !self.is_at(toks, unit, p, class::PREPOSITION)
                    })
                    // "vanuit Pakistan aanslagen": a name in its own
                    // prepositional phrase is no modifier; an adjective is
                    // ("tijdens de Amerikaanse invasie"), and so is "van X".
                    && (l.gov.as_deref().is_none_or(|g| {
                        self.g.possessive.contains(g)
                            || !self.g.preposition.contains(g)
                    }) || self.adjective(toks, unit, l)
                        // English names modify like adjectives ("during the
                        // Soviet invasion").
                        || self.g.subject_first)
            })
            .copied();
        // A noun inside a prepositional phrase ("het decor van onderhandelingen
        // met X") does not take the clause's subject as its source, unless the
        // preposition names who did it ("X zat achter de aanslag op Y").
        let in_phrase = (head.saturating_sub(3)..head)
            .rev()
            .map(word_at)
            .find(|w| !w.is_some_and(|w| self.g.determiner.contains(w)))
            .flatten()
            .is_some_and(|w| self.g.preposition.contains(w) && !self.g.perpetrator.contains(w));
        let subject = if in_phrase {
            None
        } else {
            bare_before.last().copied()
        };
        let (source, rule) = match (by_prep, modifier, subject) {
            (Some(p), _, _) => (Some(p), Rule::NounPreposition),
            (None, Some(m), _) => (Some(m), Rule::NounModifier),
            (None, None, s) => (s, Rule::NounSubject),
        };
        (source, prep_target, rule)
    }

    /// Whether a passive auxiliary stands right before the verb cue at `head` (up to two words
    /// before it, no actor between: "were killed", "has been repeatedly targeted"), the cue
    /// word being a participle rather than a gerund ("were fighting" is active).
    /// Whether the word at clause position `p` is a participle of its own: a one-word verb cue,
    /// or in English a common word ending in "-ed" ("armed", "carried").
    fn participle_at(&self, toks: &[Token], unit: &[usize], p: usize) -> bool {
        let t = &toks[unit[p]];
        self.verb_cue_at(toks, unit, p)
            || (self.g.subject_first
                && t.class & !(class::CUE | class::LONE_CUE) == 0
                && self
                    .word(t)
                    .is_some_and(|w| w.len() > 4 && w.ends_with("ed"))
                && !self.text(t).starts_with(char::is_uppercase))
    }

    /// Whether an English participle cue right after a common noun modifies that noun
    /// ("proxies armed by Iran", "militants backed by X"): the noun, no actor before it, is
    /// what the participle is about.
    fn reduced_relative(&self, toks: &[Token], unit: &[usize], head: usize) -> bool {
        let before = head.checked_sub(1).map(|p| &toks[unit[p]]);
        self.g.subject_first
            && before.is_some_and(|t| {
                self.common_word(t) && self.word(t).is_some_and(|w| !w.ends_with("ly"))
            })
    }

    pub(super) fn passive_before(&self, unit: &[usize], toks: &[Token], head: usize) -> bool {
        let cue_word = self.word(&toks[unit[head]]).unwrap_or_default();
        if cue_word.ends_with("ing") {
            return false;
        }
        (head.saturating_sub(3)..head)
            .rev()
            .try_fold(false, |_, p| match self.word(&toks[unit[p]]) {
                Some(w) if self.g.passive.contains(w) => Err(true),
                Some(_) => Ok(false),
                None => Err(false),
            })
            == Err(true)
    }
}

/// The lists around one cue that its source and target are chosen from.
struct Frame<'f, 'l> {
    head: usize,
    cue_end: usize,
    /// Lists before the cue (in its clause, after the previous verb cue's object).
    before: &'f [&'l List],
    after: &'f [&'l List],
    /// Of those, the ones no preposition governs (subjects and objects).
    bare_before: &'f [&'l List],
    bare_after: &'f [&'l List],
    /// `door X` / `by X`.
    agent: Option<&'l List>,
    /// The list after one of the cue's target prepositions.
    prep_target: Option<&'l List>,
    /// "tussen X en Y".
    between: Option<&'l List>,
    /// The clause is subordinate (a clause word opens it).
    subordinate: bool,
}

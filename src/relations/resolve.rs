//! Step 6: parties resolved to actors (a capital for its state, the article's two sides), then
//! sorted and deduplicated.

use super::*;
use std::rc::Rc;

impl Reader<'_> {
    /// The first bare actor list of a sentence (its subject, usually), as text and entity,
    /// if it starts within `within` tokens and before token `before`.
    pub(super) fn subject(&self, s: usize, within: usize, before: Option<usize>) -> Option<Party> {
        self.subject_candidates(s)
            .iter()
            .find(|(at, _, _)| !(before.is_some_and(|b| *at >= b) || *at >= within))
            .map(|(_, e, text)| Party::Entity(*e, text.clone()))
    }

    /// The bare actor lists of sentence `s` that can be a source, in clause order: token,
    /// entity and text. Read once per sentence: every pronoun of the next one asks again.
    fn subject_candidates(&self, s: usize) -> Rc<Subjects> {
        if let Some(found) = self.subjects.borrow().get(&s) {
            return Rc::clone(found);
        }
        let toks = self.tokens(s);
        let mut found = Vec::new();
        for unit in self.clauses(&toks).0 {
            let used = vec![false; unit.len()];
            for list in self.lists(&toks, &unit, &used) {
                let at = unit[list.first];
                if !list.bare {
                    continue;
                }
                if let Tok::Actor(m) = toks[at].tok
                    && let Some(e) = as_source(self.dict, self.ex, self.ex.mentions[m].entity)
                {
                    found.push((at, e, self.text(&toks[at]).to_string()));
                }
            }
        }
        let found = Rc::new(found);
        self.subjects.borrow_mut().insert(s, Rc::clone(&found));
        found
    }

    /// The parties a list member stands for.
    pub(super) fn party(&self, s: usize, toks: &[Token], at: usize) -> Option<Party> {
        let t = &toks[at];
        match t.tok {
            Tok::Actor(m) => Some(Party::Entity(
                self.ex.mentions[m].entity,
                self.text(t).to_string(),
            )),
            Tok::Sides => Some(Party::Sides(self.text(t).to_string())),
            Tok::Pronoun => {
                let resolved = self.subject(s, usize::MAX, Some(at)).or_else(|| {
                    // "De nieuwe leiders kondigden aan …, toen ze …": a pronoun in a
                    // subordinate clause after a main clause refers to that clause's subject,
                    // which names no actor here; not to the previous sentence.
                    (!self.after_main_clause(toks, at))
                        .then(|| s.checked_sub(1).and_then(|p| self.subject(p, 6, None)))
                        .flatten()
                })?;
                match resolved {
                    Party::Entity(e, _) => Some(Party::Entity(e, self.text(t).to_string())),
                    Party::Sides(_) => None,
                }
            }
            _ => None,
        }
    }

    /// Whether token `at` sits in a subordinate clause that follows a main clause.
    fn after_main_clause(&self, toks: &[Token], at: usize) -> bool {
        let (units, _) = self.clauses(toks);
        units.iter().any(|unit| {
            unit.contains(&at)
                && unit
                    .first()
                    .is_some_and(|&first| first > 0 && self.is(&toks[first], class::CLAUSE))
        })
    }
}

/// The entity a source stands for: the one it speaks for (`acts_for`: a capital, a state's
/// ministry found in the text), and a place only so; media are never parties.
pub(super) fn as_source(dict: &Dictionary, ex: &Extraction, e: u32) -> Option<u32> {
    let entity = ex.entity(dict, e);
    if entity.attributes.subtype.as_deref() == Some("media") {
        return None;
    }
    // A capital, or a state's ministry found in the text, speaks for its state.
    if let Some(id) = entity.attributes.acts_for.as_deref() {
        return dict.index_of(id);
    }
    (entity.kind != Kind::Place).then_some(e)
}

/// The entity a target stands for under a relation type.
pub(super) fn as_target(
    dict: &Dictionary,
    ex: &Extraction,
    ty: &RelationType,
    e: u32,
) -> Option<u32> {
    let entity = ex.entity(dict, e);
    // An attack on Kabul, or on a ministry, is on the city or the ministry itself.
    let speaks_for = entity.attributes.acts_for.is_some();
    let e = if (entity.kind == Kind::Place || speaks_for) && ty.places {
        Some(e)
    } else {
        as_source(dict, ex, e)
    }?;
    let kind = ex.entity(dict, e).kind;
    (ty.targets.is_empty() || ty.targets.contains(&kind)).then_some(e)
}

/// Attributes parties to entities, replaces "beide partijen" with the article's two sides,
/// and drops self-relations and repeats.
pub(super) fn resolve(
    dict: &Dictionary,
    ex: &Extraction,
    types: &[RelationType],
    pending: Vec<Pending>,
) -> Vec<Found> {
    let mut conflicts: BTreeMap<(u32, u32), u32> = BTreeMap::new();
    for p in &pending {
        if let (true, Party::Entity(a, _), Party::Entity(b, _)) =
            (types[p.relation].conflict, &p.source, &p.target)
        {
            let (Some(a), Some(b)) = (as_source(dict, ex, *a), as_source(dict, ex, *b)) else {
                continue;
            };
            if a != b {
                *conflicts.entry((a.min(b), a.max(b))).or_default() += 1;
            }
        }
    }
    let sides = conflicts
        .iter()
        .max_by(|x, y| x.1.cmp(y.1).then_with(|| y.0.cmp(x.0)))
        .map(|(&(a, b), _)| [a, b]);
    let mut found = Vec::new();
    for p in pending {
        let ty = &types[p.relation];
        let Party::Entity(src, source_text) = &p.source else {
            continue;
        };
        let Some(source) = as_source(dict, ex, *src) else {
            continue;
        };
        let targets: Vec<(u32, String)> = match &p.target {
            Party::Entity(e, text) => as_target(dict, ex, ty, *e)
                .map(|t| (t, text.clone()))
                .into_iter()
                .collect(),
            Party::Sides(text) => sides
                .iter()
                .flatten()
                .map(|&t| {
                    (
                        t,
                        if text.is_empty() {
                            "(the article's two sides)".to_string()
                        } else {
                            text.clone()
                        },
                    )
                })
                .collect(),
        };
        for (target, target_text) in targets {
            if target == source {
                continue;
            }
            found.push(Found {
                relation: p.relation,
                source,
                target,
                sentence: p.sentence,
                first_sentence: p.first_sentence,
                source_text: source_text.clone(),
                target_text,
                cue: p.cue.clone(),
                confidence: p.confidence,
                rule: p.rule,
            });
        }
    }
    // Of one relation read twice in a sentence, the most confident reading stays.
    found.sort_by(|a, b| {
        (a.relation, a.source, a.target, a.sentence)
            .cmp(&(b.relation, b.source, b.target, b.sentence))
            .then(b.confidence.cmp(&a.confidence))
            .then_with(|| a.cmp(b))
    });
    found.dedup_by(|a, b| {
        (a.relation, a.source, a.target, a.sentence) == (b.relation, b.source, b.target, b.sentence)
    });
    found.sort_by(|a, b| {
        (a.sentence, a.relation, a.source, a.target)
            .cmp(&(b.sentence, b.relation, b.source, b.target))
    });
    found
}

//! Step 7: relations read from context: a denial answering an earlier accusation.

use super::*;

impl Reader<'_> {
    /// A denial without a target answers the latest accusation against the denier; or, when
    /// it denies a charge ("een beschuldiging die Kabul ontkent", "a charge denied by Kabul"),
    /// the subject of its own sentence before the cue (token `at`), or else of the previous
    /// sentence ("deze beschuldigingen"), who then also accuses the denier. No one denying
    /// with the denier (`deniers`, "both Tehran and Ankara denied") is the accuser.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn answer(
        &self,
        s: usize,
        at: usize,
        denier: &Party,
        deniers: &[Party],
        answered: usize,
        accusation: bool,
        cue: &str,
        relation: usize,
        pending: &mut Vec<Pending>,
    ) {
        let Party::Entity(d, _) = denier else {
            return;
        };
        let d_state = as_source(self.dict, self.ex, *d);
        let accused = |p: &Pending| match p.target {
            Party::Entity(t, _) => as_source(self.dict, self.ex, t) == d_state,
            Party::Sides(_) => false,
        };
        let earlier = pending
            .iter()
            .rev()
            .filter(|p| p.sentence + 3 > s && p.sentence <= s)
            .find(|p| p.relation == answered && accused(p))
            .map(|p| (p.source.clone(), p.sentence));
        if let Some((accuser, said)) = earlier {
            // An accusation in the denial's own sentence names the target there.
            let rule = if said == s {
                Rule::Charge
            } else {
                Rule::Answer
            };
            pending.push(Pending {
                relation,
                source: denier.clone(),
                target: accuser,
                sentence: s,
                first_sentence: s,
                cue: cue.to_string(),
                rule,
                confidence: confidence(rule, &Signals::default()),
            });
            return;
        }
        if !accusation {
            return;
        }
        let denying = |a: u32| {
            deniers.iter().any(|p| {
                matches!(p, Party::Entity(x, _) if as_source(self.dict, self.ex, *x) == Some(a))
            })
        };
        let own = self
            .subject(s, usize::MAX, Some(at))
            .filter(|p| !matches!(p, Party::Entity(a, _) if Some(*a) == d_state || denying(*a)));
        let (rule, first, subject) = match own {
            Some(p) => (Rule::Charge, s, Some(p)),
            None if s > 0 => (
                Rule::Accusation,
                s - 1,
                self.subject(s - 1, usize::MAX, None),
            ),
            None => return,
        };
        let Some(Party::Entity(a, text)) = subject else {
            return;
        };
        if Some(a) == d_state {
            return;
        }
        let accuser = Party::Entity(a, text);
        let already = pending.iter().any(|p| {
            p.relation == answered
                && p.sentence + 1 >= s
                && p.sentence <= s
                && matches!(p.source, Party::Entity(x, _) if as_source(self.dict, self.ex, x) == Some(a))
        });
        let confidence = confidence(rule, &Signals::default());
        pending.push(Pending {
            relation,
            source: denier.clone(),
            target: accuser.clone(),
            sentence: s,
            first_sentence: first,
            cue: cue.to_string(),
            rule,
            confidence,
        });
        if already {
            return;
        }
        pending.push(Pending {
            relation: answered,
            source: accuser,
            target: denier.clone(),
            sentence: s,
            first_sentence: first,
            cue: cue.to_string(),
            rule,
            confidence,
        });
    }
}

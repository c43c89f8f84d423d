//! Step 7: relations read from context: a denial answering an earlier accusation.

use super::*;

impl Reader<'_> {
    /// A denial without a target answers the latest accusation against the denier, or the
    /// subject of the previous sentence when it denies "deze beschuldigingen".
    #[allow(clippy::too_many_arguments)]
    pub(super) fn answer(
        &self,
        s: usize,
        denier: &Party,
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
            .map(|p| p.source.clone());
        if let Some(accuser) = earlier {
            pending.push(Pending {
                relation,
                source: denier.clone(),
                target: accuser,
                sentence: s,
                first_sentence: s,
                cue: cue.to_string(),
            });
            return;
        }
        if !accusation || s == 0 {
            return;
        }
        let Some(Party::Entity(a, text)) = self.subject(s - 1, usize::MAX, None) else {
            return;
        };
        if Some(a) == d_state {
            return;
        }
        let accuser = Party::Entity(a, text);
        let already = pending.iter().any(|p| {
            p.relation == answered
                && p.sentence + 1 == s
                && matches!(p.source, Party::Entity(x, _) if x == a)
        });
        pending.push(Pending {
            relation,
            source: denier.clone(),
            target: accuser.clone(),
            sentence: s,
            first_sentence: s - 1,
            cue: cue.to_string(),
        });
        if already {
            return;
        }
        pending.push(Pending {
            relation: answered,
            source: accuser,
            target: denier.clone(),
            sentence: s,
            first_sentence: s - 1,
            cue: cue.to_string(),
        });
    }
}

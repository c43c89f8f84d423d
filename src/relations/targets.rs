//! Step 4c: targets that are not one of the clause's lists: the state a takeover takes, and the
//! state a ruler noun's group rules; [`Reader::emit_own_target`] emits their relations.

use super::*;

impl Reader<'_> {
    /// A target that is not one of the clause's lists: the state modifying a ruler noun's
    /// group ("Afghanistan's Taliban rulers") or the state a takeover takes ("nadat de Taliban
    /// opnieuw aan de macht kwamen"). Emits the relation and says whether there was one.
    pub(super) fn emit_own_target(
        &self,
        s: usize,
        toks: &[Token],
        unit: &[usize],
        hit: &Hit,
        (source, rule): (&List, Rule),
        pending: &mut Vec<Pending>,
    ) -> bool {
        // "Afghanistan's Taliban rulers": the state modifying a ruler noun's group.
        if self.set.cues[hit.cue].ruler
            && let Some(p) = self.ruled_state(toks, unit, source)
        {
            let state = List {
                members: smallvec::smallvec![p],
                first: p,
                last: p,
                gov: None,
                bare: true,
            };
            let group = List {
                first: source.members[0],
                ..source.clone()
            };
            self.emit(s, toks, unit, hit, (&group, Some(&state), rule), pending);
            return true;
        }
        // "nadat de Taliban opnieuw aan de macht kwamen": the state named anywhere in the sentence,
        // added to the clause as one more position.
        if self.set.cues[hit.cue].state_target
            && let Some(state) = self.sentence_state(toks, source, unit, hit)
        {
            let mut extended = unit.to_vec();
            extended.push(state);
            let last = extended.len() - 1;
            let target = List {
                members: smallvec::smallvec![last],
                first: last,
                last,
                gov: None,
                bare: true,
            };
            let rule = Rule::StateTarget;
            self.emit(
                s,
                toks,
                &extended,
                hit,
                (source, Some(&target), rule),
                pending,
            );
            return true;
        }
        false
    }

    /// A ruler noun's group (the list right before the noun, one group) and the state it
    /// rules: the actor that modifies the group ("de Afghaanse Taliban-regering", absorbed
    /// into the group's list), the one right before it ("Afghanistan's Taliban rulers"), or
    /// the list after the cue's preposition ("the Taliban government of Afghanistan").
    pub(super) fn ruler<'l>(
        &self,
        toks: &[Token],
        unit: &[usize],
        head: usize,
        before: &[&'l List],
        prep_target: Option<&'l List>,
    ) -> (Option<&'l List>, Option<&'l List>) {
        let kind = |p: usize| self.actor(&toks[unit[p]]).map(|(_, k)| k);
        let Some(group) = before
            .last()
            .copied()
            .filter(|l| l.last + 1 == head && l.members.len() == 1)
            .filter(|l| kind(l.members[0]) == Some(Kind::Group))
        else {
            return (None, None);
        };
        let state = |l: &&List| l.members.iter().all(|&m| kind(m) == Some(Kind::State));
        if self.ruled_state(toks, unit, group).is_some() {
            // [`Reader::read`] makes the state before the group the target.
            return (Some(group), None);
        }
        (Some(group), prep_target.filter(state))
    }

    /// The clause position of a state right before a ruler noun's group: inside its list
    /// ("Afghaanse Taliban"), right before it, or before a possessive "s"
    /// ("Afghanistan's Taliban").
    pub(super) fn ruled_state(
        &self,
        toks: &[Token],
        unit: &[usize],
        group: &List,
    ) -> Option<usize> {
        let is_state = |p: usize| matches!(self.actor(&toks[unit[p]]), Some((_, Kind::State)));
        let first = group.members[0];
        let possessive = first >= 2
            && unit
                .get(first - 1)
                .and_then(|&i| self.word(&toks[i]))
                .is_some_and(|w| w == "s");
        [
            (first >= 1).then(|| first - 1),
            possessive.then(|| first - 2),
        ]
        .into_iter()
        .flatten()
        .find(|&p| is_state(p))
    }

    /// The token of the state a cue like "aan de macht kwamen" / "took power" takes: the
    /// first state after the cue in its clause ("took power ... across Afghanistan"), or else
    /// the one state the sentence names (in any clause); never the source.
    pub(super) fn sentence_state(
        &self,
        toks: &[Token],
        source: &List,
        unit: &[usize],
        hit: &Hit,
    ) -> Option<usize> {
        let head = hit.head;
        let source_entities: Vec<u32> = source
            .members
            .iter()
            .filter_map(|&m| self.actor(&toks[unit[m]]).map(|(e, _)| e))
            .collect();
        let state = |i: usize| match self.actor(&toks[i]) {
            Some((e, Kind::State)) if !source_entities.contains(&e) => Some(e),
            _ => None,
        };
        // Not one in a phrase of its own ("de macht overnamen na de terugtrekking van
        // Amerikaanse troepen").
        if let Some(p) = (head + 1..unit.len()).find(|&p| state(unit[p]).is_some()) {
            if self.other_phrase(toks, unit, hit, head + 1..p) {
                return None;
            }
            return Some(unit[p]);
        }
        // Else the one state of the sentence, unless the source is it.
        let mut found: Option<(usize, u32)> = None;
        for (i, t) in toks.iter().enumerate() {
            if let Some((e, Kind::State)) = self.actor(t) {
                match found {
                    Some((_, other)) if other != e => return None,
                    _ => found = Some((i, e)),
                }
            }
        }
        found
            .filter(|(_, e)| !source_entities.contains(e))
            .map(|(i, _)| i)
    }
}

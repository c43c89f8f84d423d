//! Communities by the Louvain method (Blondel et al. 2008) and their modularity.
//!
//! No crate that is both well kept and free of its own graph type offers Louvain, so it is
//! written here. It is deterministic without a random seed: nodes are visited in index order
//! (which is id order), a node moves only for a strictly larger gain, and ties between target
//! communities go to the lowest community number. The result is then numbered by size.

use super::Network;

/// Gains smaller than this are rounding noise, not improvements.
const EPSILON: f64 = 1e-12;

/// A graph level of the algorithm: nodes are communities of the level below.
struct Level {
    adj: Vec<Vec<(usize, f64)>>,
    /// Strength of each node, including edges inside it (counted twice).
    strength: Vec<f64>,
}

/// Community of every node, numbered from 1: community 1 is the largest (ties: the one with
/// the smallest node). Isolated nodes and edges of weight ≤ 0 count as nothing: such a node
/// is a community of its own.
pub fn louvain(net: &Network) -> Vec<usize> {
    let n = net.len();
    let mut level = Level {
        adj: (0..n)
            .map(|v| {
                net.neighbors(v)
                    .iter()
                    .copied()
                    .filter(|&(w, x)| x > 0.0 && w != v)
                    .collect()
            })
            .collect(),
        strength: Vec::new(),
    };
    level.strength = level
        .adj
        .iter()
        .map(|a| a.iter().map(|(_, w)| w).sum())
        .collect();
    let two_m: f64 = level.strength.iter().sum();
    // membership[v]: the node of the current level that original node v belongs to.
    let mut membership: Vec<usize> = (0..n).collect();
    if two_m > 0.0 {
        loop {
            let (community, moved) = one_level(&level, two_m);
            if !moved {
                break;
            }
            let count = community.iter().max().map_or(0, |m| m + 1);
            for m in &mut membership {
                *m = community[*m];
            }
            level = aggregate(&level, &community, count);
        }
    }
    number_by_size(&membership)
}

/// Moves nodes between communities until no move improves modularity. Returns the community
/// of each node, renumbered densely in order of first appearance, and whether anything moved.
fn one_level(level: &Level, two_m: f64) -> (Vec<usize>, bool) {
    let n = level.adj.len();
    let mut community: Vec<usize> = (0..n).collect();
    let mut total: Vec<f64> = level.strength.clone();
    let mut to_community = vec![0.0f64; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut moved = false;
    loop {
        let mut improved = false;
        for v in 0..n {
            let k = level.strength[v];
            let own = community[v];
            for &(w, x) in &level.adj[v] {
                let c = community[w];
                if to_community[c] == 0.0 {
                    touched.push(c);
                }
                to_community[c] += x;
            }
            total[own] -= k;
            // Gain of joining c, up to a common factor: k_v,in(c) − tot(c) k_v / 2m.
            let gain = |c: usize| to_community[c] - total[c] * k / two_m;
            let mut best = own;
            let mut best_gain = gain(own);
            touched.sort_unstable();
            for &c in &touched {
                let g = gain(c);
                if g > best_gain + EPSILON {
                    best = c;
                    best_gain = g;
                }
            }
            total[best] += k;
            if best != own {
                community[v] = best;
                improved = true;
                moved = true;
            }
            for &c in &touched {
                to_community[c] = 0.0;
            }
            touched.clear();
        }
        if !improved {
            break;
        }
    }
    let mut renumber = vec![usize::MAX; n];
    let mut next = 0;
    for c in &mut community {
        if renumber[*c] == usize::MAX {
            renumber[*c] = next;
            next += 1;
        }
        *c = renumber[*c];
    }
    (community, moved)
}

/// The graph whose nodes are the communities of `level`.
fn aggregate(level: &Level, community: &[usize], count: usize) -> Level {
    let mut weights: Vec<std::collections::BTreeMap<usize, f64>> =
        vec![std::collections::BTreeMap::new(); count];
    let mut strength = vec![0.0; count];
    for (v, edges) in level.adj.iter().enumerate() {
        let cv = community[v];
        strength[cv] += level.strength[v];
        for &(w, x) in edges {
            let cw = community[w];
            if cv != cw {
                *weights[cv].entry(cw).or_default() += x;
            }
        }
    }
    Level {
        adj: weights
            .into_iter()
            .map(|m| m.into_iter().collect())
            .collect(),
        strength,
    }
}

/// Renumbers communities from 1, largest first, ties by smallest member.
fn number_by_size(membership: &[usize]) -> Vec<usize> {
    let count = membership.iter().max().map_or(0, |m| m + 1);
    let mut size = vec![0usize; count];
    let mut first = vec![usize::MAX; count];
    for (v, &c) in membership.iter().enumerate() {
        size[c] += 1;
        first[c] = first[c].min(v);
    }
    let mut order: Vec<usize> = (0..count).filter(|&c| size[c] > 0).collect();
    order.sort_by_key(|&c| (std::cmp::Reverse(size[c]), first[c]));
    let mut number = vec![0; count];
    for (i, &c) in order.iter().enumerate() {
        number[c] = i + 1;
    }
    membership.iter().map(|&c| number[c]).collect()
}

/// Newman's modularity of a partition, weighted:
/// `Q = Σ_c [ L_c / m − (d_c / 2m)² ]`, with `m` the total edge weight, `L_c` the weight of
/// edges inside community `c` and `d_c` the summed strength of its nodes. 0 for a graph
/// without (positive) edges.
pub fn modularity(net: &Network, community: &[usize]) -> f64 {
    let count = community.iter().max().map_or(0, |m| m + 1);
    let mut inside = vec![0.0; count];
    let mut degree = vec![0.0; count];
    let mut m = 0.0;
    for v in 0..net.len() {
        for &(w, x) in net.neighbors(v) {
            if x <= 0.0 {
                continue;
            }
            degree[community[v]] += x;
            if v < w {
                m += x;
                if community[v] == community[w] {
                    inside[community[v]] += x;
                }
            }
        }
    }
    if m == 0.0 {
        return 0.0;
    }
    (0..count)
        .map(|c| inside[c] / m - (degree[c] / (2.0 * m)).powi(2))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tests::{karate, karate_factions};

    #[test]
    fn two_triangles_joined_by_a_bridge_are_two_communities() {
        let edges = [
            (0, 1, 1.0),
            (0, 2, 1.0),
            (1, 2, 1.0),
            (3, 4, 1.0),
            (3, 5, 1.0),
            (4, 5, 1.0),
            (2, 3, 1.0),
        ];
        let net = Network::new(7, &edges);
        let c = louvain(&net);
        assert_eq!(c, vec![1, 1, 1, 2, 2, 2, 3]);
        // By hand: m = 7, each side has L = 3 and d = 7: 2 (3/7 − (7/14)²) = 5/14.
        assert!((modularity(&net, &c) - 5.0 / 14.0).abs() < 1e-12);
    }

    #[test]
    fn modularity_by_hand() {
        // One community holding everything has Q = 0; each node alone, Q = −Σ (d/2m)².
        let net = Network::new(3, &[(0, 1, 2.0), (1, 2, 2.0)]);
        assert!(modularity(&net, &[0, 0, 0]).abs() < 1e-12);
        let alone = -(0.25f64.powi(2) + 0.5f64.powi(2) + 0.25f64.powi(2));
        assert!((modularity(&net, &[0, 1, 2]) - alone).abs() < 1e-12);
        assert_eq!(modularity(&Network::new(2, &[]), &[0, 1]), 0.0);
    }

    #[test]
    fn karate_club_communities_split_along_the_factions() {
        for weighted in [false, true] {
            let net = karate(weighted);
            let c = louvain(&net);
            let q = modularity(&net, &c);
            // networkx's louvain_communities finds 0.4188 unweighted (the optimum is 0.4198)
            // and 0.4439 with Zachary's weights.
            let (low, high) = if weighted {
                (0.44, 0.4450)
            } else {
                (0.4150, 0.4198)
            };
            assert!(q > low && q <= high, "weighted {weighted}: Q = {q}");
            let k = c.iter().max().copied().unwrap();
            assert!((3..=5).contains(&k), "{k} communities");
            // Each community lies within one faction, but for the known boundary cases.
            let factions = karate_factions();
            let mut mixed = 0;
            for community in 1..=k {
                let members: Vec<usize> = (0..34).filter(|&v| c[v] == community).collect();
                let mr_hi = members.iter().filter(|&&v| factions[v] == 0).count();
                mixed += mr_hi.min(members.len() - mr_hi);
            }
            assert!(
                mixed <= 2,
                "weighted {weighted}: {mixed} in the other faction's community"
            );
            // The leaders are in different communities.
            assert_ne!(c[0], c[33]);
        }
    }

    #[test]
    fn louvain_does_not_depend_on_anything_but_the_graph() {
        let net = karate(true);
        assert_eq!(louvain(&net), louvain(&net));
    }
}

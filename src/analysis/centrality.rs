//! Betweenness (Brandes 2001, with Dijkstra for weighted graphs) and weighted PageRank.
//!
//! petgraph has PageRank, but it ignores edge weights, and it has no betweenness; both are
//! written here against [`Network`], with networkx's conventions (normalisation, damping,
//! dangling nodes) so that values can be checked against it.

use super::Network;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// A heap entry ordered by smallest distance first, then smallest node.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Visit {
    dist: f64,
    node: usize,
}

impl Eq for Visit {}

impl Ord for Visit {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .dist
            .total_cmp(&self.dist)
            .then_with(|| other.node.cmp(&self.node))
    }
}

impl PartialOrd for Visit {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Normalised betweenness of every node: the share of shortest paths between other pairs of
/// nodes that pass through it, with edge length `1 / weight` (a strong tie is a short
/// distance). Like networkx's `betweenness_centrality(G, weight=..., normalized=True)`: the
/// pair count divided by `(n - 1)(n - 2) / 2`. Edges of weight ≤ 0 are not paths.
pub fn betweenness(net: &Network) -> Vec<f64> {
    betweenness_from(net, &(0..net.len()).collect::<Vec<usize>>())
}

/// Betweenness estimated from `k` sources instead of all `n` nodes, like networkx's
/// `betweenness_centrality(G, k=k, seed=...)`: the paths from a sample of the nodes, scaled
/// by `n / k`. The sample is drawn by [`sample`] with a fixed seed, so the same graph always
/// gives the same values. With `k >= n` this is [`betweenness`].
pub fn betweenness_sampled(net: &Network, k: usize) -> Vec<f64> {
    let n = net.len();
    if k >= n {
        return betweenness(net);
    }
    let mut sources = sample(n, k, SAMPLE_SEED);
    sources.sort_unstable();
    let scale = n as f64 / k as f64;
    betweenness_from(net, &sources)
        .into_iter()
        .map(|b| b * scale)
        .collect()
}

/// The seed of the source sample: fixed, so that outputs are reproducible.
pub const SAMPLE_SEED: u64 = 0x6163_746f_7267_7261; // "actorgra"

/// `k` distinct numbers below `n`, drawn by a partial Fisher–Yates shuffle driven by
/// SplitMix64 (Steele, Lea and Flood 2014) from `seed`: the same arguments give the same
/// sample on every machine and version.
pub fn sample(n: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let mut all: Vec<usize> = (0..n).collect();
    let k = k.min(n);
    for i in 0..k {
        // Uniform in i..n (the modulo bias is below 2^-40 for any graph that fits in memory).
        let j = i + (next() % (n - i) as u64) as usize;
        all.swap(i, j);
    }
    all.truncate(k);
    all
}

/// The sums of [`betweenness`] over paths from `sources` only, normalised for all `n` nodes.
fn betweenness_from(net: &Network, sources: &[usize]) -> Vec<f64> {
    use rayon::prelude::*;
    // Sources in fixed blocks, each summed in order, then the blocks in order: the same sums
    // whatever the number of threads.
    const BLOCK: usize = 32;
    let n = net.len();
    let blocks: Vec<Vec<f64>> = sources
        .par_chunks(BLOCK)
        .map(|block| {
            let mut work = Work::new(n);
            let mut sum = vec![0.0; n];
            for &s in block {
                work.accumulate(net, s, &mut sum);
            }
            sum
        })
        .collect();
    let mut centrality = vec![0.0; n];
    for block in blocks {
        for (c, b) in centrality.iter_mut().zip(block) {
            *c += b;
        }
    }
    let scale = if n > 2 {
        1.0 / ((n - 1) * (n - 2)) as f64
    } else {
        0.0
    };
    centrality.iter().map(|c| c * scale).collect()
}

/// Buffers for one single-source pass of Brandes' algorithm.
struct Work {
    sigma: Vec<f64>,
    preds: Vec<Vec<usize>>,
    delta: Vec<f64>,
    order: Vec<usize>,
    seen: Vec<f64>,
    done: Vec<bool>,
    heap: BinaryHeap<Visit>,
}

impl Work {
    fn new(n: usize) -> Work {
        Work {
            sigma: vec![0.0; n],
            preds: vec![Vec::new(); n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
            seen: vec![f64::INFINITY; n],
            done: vec![false; n],
            heap: BinaryHeap::new(),
        }
    }

    /// Adds the dependencies of every node on paths from `s` to `sum`.
    fn accumulate(&mut self, net: &Network, s: usize, sum: &mut [f64]) {
        let n = net.len();
        for v in 0..n {
            self.sigma[v] = 0.0;
            self.preds[v].clear();
            self.delta[v] = 0.0;
            self.seen[v] = f64::INFINITY;
            self.done[v] = false;
        }
        self.order.clear();
        self.sigma[s] = 1.0;
        self.seen[s] = 0.0;
        self.heap.push(Visit { dist: 0.0, node: s });
        while let Some(Visit { dist: d, node: v }) = self.heap.pop() {
            if self.done[v] {
                continue;
            }
            // Every path to `v` is known: `sigma[v]` is final.
            self.done[v] = true;
            self.order.push(v);
            for &(w, weight) in net.neighbors(v) {
                if weight <= 0.0 || self.done[w] {
                    continue;
                }
                let vw = d + 1.0 / weight;
                if vw < self.seen[w] {
                    self.seen[w] = vw;
                    self.heap.push(Visit { dist: vw, node: w });
                    self.sigma[w] = self.sigma[v];
                    self.preds[w].clear();
                    self.preds[w].push(v);
                } else if vw == self.seen[w] {
                    self.sigma[w] += self.sigma[v];
                    self.preds[w].push(v);
                }
            }
        }
        // Dependencies from the farthest node back.
        for &w in self.order.iter().rev() {
            for &v in &self.preds[w] {
                self.delta[v] += self.sigma[v] / self.sigma[w] * (1.0 + self.delta[w]);
            }
            if w != s {
                sum[w] += self.delta[w];
            }
        }
    }
}

/// PageRank with weighted edges, damping 0.85, dangling nodes' rank spread evenly, iterated
/// until the total change is below 1e-12 (networkx's `pagerank` with a tighter tolerance).
/// Edges of weight ≤ 0 are ignored. The values sum to 1.
pub fn pagerank(net: &Network) -> Vec<f64> {
    const DAMPING: f64 = 0.85;
    let n = net.len();
    if n == 0 {
        return Vec::new();
    }
    let strength: Vec<f64> = (0..n)
        .map(|v| {
            net.neighbors(v)
                .iter()
                .filter(|(_, w)| *w > 0.0)
                .map(|(_, w)| w)
                .sum()
        })
        .collect();
    let uniform = 1.0 / n as f64;
    let mut rank = vec![uniform; n];
    let mut next = vec![0.0; n];
    for _ in 0..1000 {
        let dangling: f64 = (0..n)
            .filter(|&v| strength[v] <= 0.0)
            .map(|v| rank[v])
            .sum();
        let base = (1.0 - DAMPING) * uniform + DAMPING * dangling * uniform;
        next.iter_mut().for_each(|x| *x = base);
        for v in 0..n {
            if strength[v] <= 0.0 {
                continue;
            }
            let share = DAMPING * rank[v] / strength[v];
            for &(w, weight) in net.neighbors(v) {
                if weight > 0.0 {
                    next[w] += share * weight;
                }
            }
        }
        let change: f64 = rank.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut rank, &mut next);
        if change < 1e-12 {
            break;
        }
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tests::karate;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn betweenness_of_a_path_counts_the_pairs_through_each_node() {
        // a - b - c - d: b lies on a–c and a–d, c on a–d and b–d; 3 pairs of 3 others.
        let net = Network::new(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)]);
        let b = betweenness(&net);
        assert!(close(b[0], 0.0) && close(b[3], 0.0));
        assert!(close(b[1], 2.0 / 3.0) && close(b[2], 2.0 / 3.0), "{b:?}");
    }

    #[test]
    fn betweenness_takes_the_strong_detour_and_splits_equal_paths() {
        // a–c directly with weight 1 (distance 1), or a–b–c with weights 4 and 4 (distance
        // 0.5): the detour is shorter, so b is on the a–c path.
        let net = Network::new(3, &[(0, 2, 1.0), (0, 1, 4.0), (1, 2, 4.0)]);
        let b = betweenness(&net);
        assert!(close(b[1], 1.0) && close(b[0], 0.0), "{b:?}");
        // A square a-b-d, a-c-d with equal weights: b and c each carry half of a–d.
        let square = Network::new(4, &[(0, 1, 2.0), (1, 3, 2.0), (0, 2, 2.0), (2, 3, 2.0)]);
        let b = betweenness(&square);
        // Pairs among the 3 others of b: (a, d) through b half the time: 0.5 / 3.
        assert!(close(b[1], 0.5 / 3.0) && close(b[2], 0.5 / 3.0), "{b:?}");
    }

    #[test]
    fn karate_club_betweenness_matches_the_published_values() {
        // networkx.betweenness_centrality(karate_club_graph(), weight=None).
        let net = karate(false);
        let b = betweenness(&net);
        let expected = [
            (0, 0.437635),
            (33, 0.304075),
            (32, 0.145247),
            (2, 0.143657),
            (31, 0.138276),
            (8, 0.055927),
            (1, 0.053937),
            (13, 0.045863),
            (19, 0.032475),
            (5, 0.029987),
        ];
        for (node, value) in expected {
            assert!((b[node] - value).abs() < 1e-6, "node {node}: {}", b[node]);
        }
        assert_eq!(b.iter().filter(|&&x| x == 0.0).count(), 12);
    }

    /// Communities of 50 nodes in a ring, each a dense ring-lattice, joined to the next one
    /// by a bridge: the bridge ends carry most shortest paths.
    fn ring_of_communities(communities: usize) -> Network {
        let mut edges = Vec::new();
        for c in 0..communities {
            let base = c * 50;
            for i in 0..50 {
                for step in 1..=3 {
                    edges.push((base + i, base + (i + step) % 50, 1.0 + (i % 3) as f64));
                }
            }
            edges.push((base, (base + 50 + 25) % (communities * 50), 1.0));
        }
        Network::new(communities * 50, &edges)
    }

    #[test]
    fn sampled_betweenness_is_reproducible_and_finds_the_bridges() {
        let net = ring_of_communities(24);
        let exact = betweenness(&net);
        let sampled = betweenness_sampled(&net, 200);
        assert_eq!(
            sampled,
            betweenness_sampled(&net, 200),
            "same sample every run"
        );
        // The 48 bridge ends are the 48 most central nodes.
        let top = |b: &[f64]| {
            let mut order: Vec<usize> = (0..b.len()).collect();
            order.sort_by(|&x, &y| b[y].total_cmp(&b[x]).then(x.cmp(&y)));
            let mut top: Vec<usize> = order[..48].to_vec();
            top.sort_unstable();
            top
        };
        let bridges: Vec<usize> = (0..net.len()).step_by(25).collect();
        assert_eq!(top(&exact), bridges);
        let found = top(&sampled).iter().filter(|v| bridges.contains(v)).count();
        // Scaled by n / k, the estimate is close to the exact value where it matters.
        let mean = |b: &[f64]| bridges.iter().map(|&v| b[v]).sum::<f64>() / bridges.len() as f64;
        let max = exact.iter().copied().fold(0.0, f64::max);
        let worst = exact
            .iter()
            .zip(&sampled)
            .map(|(e, s)| (e - s).abs())
            .fold(0.0, f64::max);
        // The bridge ends tie with each other exactly; the sample's noise reorders them with
        // their neighbours, but most stay on top and their mean is nearly exact.
        assert!(
            found >= 24,
            "{found} of the 48 bridge ends in the sampled top 48"
        );
        assert!((mean(&sampled) - mean(&exact)).abs() < 0.02 * mean(&exact));
        assert!(
            worst < 0.12 * max,
            "worst error {worst}, largest value {max}"
        );
        // Asking for every node is the exact computation.
        assert_eq!(betweenness_sampled(&net, net.len()), exact);
    }

    #[test]
    fn the_sample_is_distinct_in_range_and_fixed_by_its_seed() {
        let s = sample(1000, 250, SAMPLE_SEED);
        let mut sorted = s.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 250);
        assert!(sorted.iter().all(|&v| v < 1000));
        assert_eq!(s, sample(1000, 250, SAMPLE_SEED));
        assert_ne!(s, sample(1000, 250, SAMPLE_SEED + 1));
        assert_eq!(sample(5, 10, 1).len(), 5);
    }

    #[test]
    fn pagerank_sums_to_one_and_matches_networkx_on_the_karate_club() {
        // networkx.pagerank(karate_club_graph(), weight=None) and with Zachary's weights.
        for (weighted, expected) in [
            (
                false,
                [
                    (33, 0.100919),
                    (0, 0.096997),
                    (32, 0.071693),
                    (11, 0.009565),
                ],
            ),
            (
                true,
                [
                    (33, 0.096989),
                    (0, 0.088500),
                    (32, 0.075934),
                    (11, 0.009785),
                ],
            ),
        ] {
            let r = pagerank(&karate(weighted));
            assert!(close(r.iter().sum::<f64>(), 1.0));
            for (node, value) in expected {
                assert!(
                    (r[node] - value).abs() < 1e-5,
                    "{weighted} {node}: {}",
                    r[node]
                );
            }
        }
    }

    #[test]
    fn pagerank_spreads_dangling_rank_evenly() {
        // Two isolated nodes and an edge: isolated nodes get the teleport share plus their
        // share of the dangling rank, the same for both.
        let r = pagerank(&Network::new(4, &[(0, 1, 3.0)]));
        assert!(close(r[2], r[3]) && close(r[0], r[1]));
        assert!(close(r.iter().sum::<f64>(), 1.0));
        assert!(r[0] > r[2]);
    }
}

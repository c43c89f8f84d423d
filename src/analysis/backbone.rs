//! The disparity filter of Serrano, Boguñá and Vespignani, "Extracting the multiscale backbone
//! of complex weighted networks", PNAS 106 (2009) 6483–6488.
//!
//! For a node `i` with `k` edges and strength `s` (the sum of their weights), the null model
//! spreads `s` uniformly at random over the `k` edges. The probability that an edge takes a
//! share `p = w / s` or more is
//!
//! ```text
//! α_ij = 1 − (k − 1) ∫₀^p (1 − x)^(k−2) dx = (1 − p)^(k−1)
//! ```
//!
//! An edge is kept when `α_ij < α` for at least one of its two ends. A node with a single edge
//! cannot judge it (its one edge always carries all its strength), so such an edge is judged by
//! its other end alone, as in the paper. Edges of weight ≤ 0 are never significant.

use super::Network;

/// The significance `α_ij` of edge `(i, j)` with weight `w` seen from node `i`, or `None` when
/// `i` has a single edge.
pub fn edge_alpha(net: &Network, i: usize, w: f64) -> Option<f64> {
    let edges: Vec<f64> = net
        .neighbors(i)
        .iter()
        .map(|&(_, x)| x)
        .filter(|&x| x > 0.0)
        .collect();
    let k = edges.len();
    if k < 2 || w <= 0.0 {
        return None;
    }
    let s: f64 = edges.iter().sum();
    Some((1.0 - w / s).powi(k as i32 - 1))
}

/// For each edge `(a, b, w)` of `edges`: the smaller of its two ends' `α_ij`, or `None` when
/// neither end can judge it. The edge is in the backbone at level α when this is below α.
pub fn significance(net: &Network, edges: &[(usize, usize, f64)]) -> Vec<Option<f64>> {
    edges
        .iter()
        .map(
            |&(a, b, w)| match (edge_alpha(net, a, w), edge_alpha(net, b, w)) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_alphas() {
        // A hub h(0) with four spokes of weights 10, 1, 1, 1 (nodes 1–4), and spokes 1 and 2
        // joined by an edge of weight 1.
        let edges = [
            (0, 1, 10.0),
            (0, 2, 1.0),
            (0, 3, 1.0),
            (0, 4, 1.0),
            (1, 2, 1.0),
        ];
        let net = Network::new(5, &edges);
        // Hub: k = 4, s = 13. Heavy edge: (1 − 10/13)³ = (3/13)³ = 0.012290;
        // light edges: (12/13)³ = 0.786527.
        let hub_heavy = (3.0f64 / 13.0).powi(3);
        let hub_light = (12.0f64 / 13.0).powi(3);
        assert!((edge_alpha(&net, 0, 10.0).unwrap() - hub_heavy).abs() < 1e-12);
        assert!((edge_alpha(&net, 0, 1.0).unwrap() - hub_light).abs() < 1e-12);
        // Node 1: k = 2, s = 11: heavy edge (1/11)¹, the edge to 2: (10/11)¹.
        assert!((edge_alpha(&net, 1, 10.0).unwrap() - 1.0 / 11.0).abs() < 1e-12);
        // Nodes 3 and 4 have one edge each: they cannot judge it.
        assert_eq!(edge_alpha(&net, 3, 1.0), None);

        let alphas = significance(&net, &edges);
        assert!((alphas[0].unwrap() - hub_heavy).abs() < 1e-12);
        // Spoke 0–2: hub 0.786527, node 2 (k = 2, s = 2): (1 − 1/2) = 0.5.
        assert!((alphas[1].unwrap() - 0.5).abs() < 1e-12);
        // Spokes 0–3 and 0–4: only the hub judges them.
        assert!((alphas[2].unwrap() - hub_light).abs() < 1e-12);
        // 1–2: node 1 gives 10/11, node 2 gives 0.5.
        assert!((alphas[4].unwrap() - 0.5).abs() < 1e-12);

        // At α = 0.05 only the heavy edge survives; at α = 0.6 the edges through node 2 too.
        let kept = |alpha: f64| -> Vec<usize> {
            (0..edges.len())
                .filter(|&i| alphas[i].is_some_and(|a| a < alpha))
                .collect()
        };
        assert_eq!(kept(0.05), vec![0]);
        assert_eq!(kept(0.6), vec![0, 1, 4]);
        assert_eq!(kept(1.0), vec![0, 1, 2, 3, 4]);
    }
}

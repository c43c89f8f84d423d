//! A deterministic ForceAtlas2 layout (Jacomy, Venturini, Heymann and Bastian 2014), so that
//! the formats that carry positions (GEXF, GraphML, graphology and Cytoscape JSON, the DOT
//! drawing and the explorer page) open with the same picture every time.
//!
//! It follows graphology's `graphology-layout-forceatlas2` (MIT), the layout Gephi and sigma.js
//! users know, with the settings its `inferSettings` picks for a graph of that size: a node's
//! mass is one plus its degree; nodes repel in proportion to the product of their masses over
//! their distance (scaling ratio 10); ties attract in proportion to their length and weight;
//! a strong gravity (0.05) holds separate components together; each node's speed adapts to
//! how much it swings (slow-down `1 + ln n`). Beyond [`BARNES_HUT_ABOVE`] nodes, repulsion
//! goes through a Barnes–Hut quadtree ([`quadtree`], θ = 1.2 as in Gephi), so a step costs
//! `n log n`.
//!
//! Nodes start on a sunflower spiral in index order, and every sum runs in index order (the
//! quadtree's forces are split among threads by node, each node's sum made in one), so the
//! same graph gives the same coordinates whatever the thread count. The result
//! is scaled so that the median tie is [`EDGE_LENGTH`] long, centred and rounded.

mod quadtree;

use quadtree::QuadTree;

/// The median length of a tie in the output's units.
pub const EDGE_LENGTH: f64 = 100.0;

/// Repulsion is exact up to this many nodes, through the quadtree beyond.
pub const BARNES_HUT_ABOVE: usize = 1000;

const SCALING: f64 = 10.0;
const GRAVITY: f64 = 0.05;
const THETA: f64 = 1.2;

/// A position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// Steps run for a graph of `n` nodes: fewer on large graphs, where each costs more and the
/// picture is read at a coarser grain.
pub fn iterations(n: usize) -> usize {
    match n {
        0..=1000 => 500,
        1001..=5000 => 250,
        _ => 150,
    }
}

/// Lays out `n` nodes joined by `edges` (`(a, b, weight)`, indices below `n`; weights ≤ 0
/// do not attract). Returns one point per node, scaled so that the median tie is
/// [`EDGE_LENGTH`] long, centred on the origin and rounded to hundredths.
pub fn layout(n: usize, edges: &[(usize, usize, f64)]) -> Vec<Point> {
    if n == 0 {
        return Vec::new();
    }
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let mut pos: Vec<Point> = (0..n)
        .map(|i| {
            let r = 10.0 * (i as f64 + 0.5).sqrt();
            let a = golden * i as f64;
            Point {
                x: r * a.cos(),
                y: r * a.sin(),
            }
        })
        .collect();
    // Ties between two different nodes with a positive weight, scaled so the median tie
    // weighs 1: the picture does not depend on whether weights are counts or association
    // measures, and an ordinary tie pulls as an unweighted ForceAtlas2 tie does.
    let mut ties: Vec<(usize, usize, f64)> = edges
        .iter()
        .copied()
        .filter(|e| e.0 != e.1 && e.2 > 0.0)
        .collect();
    let mut weights: Vec<f64> = ties.iter().map(|e| e.2).collect();
    weights.sort_by(f64::total_cmp);
    let median = weights.get(weights.len() / 2).copied().unwrap_or(1.0);
    ties.iter_mut().for_each(|e| e.2 /= median);
    let mut mass = vec![1.0; n];
    for &(a, b, _) in &ties {
        mass[a] += 1.0;
        mass[b] += 1.0;
    }
    let slow_down = 1.0 + (n as f64).ln();
    let mut force = vec![Point { x: 0.0, y: 0.0 }; n];
    let mut old = force.clone();
    let mut convergence = vec![1.0; n];
    for _ in 0..iterations(n) {
        std::mem::swap(&mut force, &mut old);
        force.iter_mut().for_each(|f| *f = Point { x: 0.0, y: 0.0 });
        repulse(&pos, &mass, &mut force);
        for i in 0..n {
            // Strong gravity: in proportion to the distance from the centre.
            force[i].x -= pos[i].x * mass[i] * GRAVITY;
            force[i].y -= pos[i].y * mass[i] * GRAVITY;
        }
        for &(a, b, w) in &ties {
            let (dx, dy) = (pos[a].x - pos[b].x, pos[a].y - pos[b].y);
            force[a].x -= dx * w;
            force[a].y -= dy * w;
            force[b].x += dx * w;
            force[b].y += dy * w;
        }
        for i in 0..n {
            let (f, o) = (force[i], old[i]);
            let swinging = mass[i] * ((o.x - f.x).powi(2) + (o.y - f.y).powi(2)).sqrt();
            let traction = ((o.x + f.x).powi(2) + (o.y + f.y).powi(2)).sqrt() / 2.0;
            let speed = convergence[i] * traction.ln_1p() / (1.0 + swinging.sqrt());
            convergence[i] = (speed * (f.x * f.x + f.y * f.y) / (1.0 + swinging.sqrt()))
                .sqrt()
                .min(1.0);
            pos[i].x += f.x * speed / slow_down;
            pos[i].y += f.y * speed / slow_down;
        }
    }
    normalise(&pos, &ties)
}

/// Adds every node's repulsion from all others to `force`: pair by pair up to
/// [`BARNES_HUT_ABOVE`] nodes, through the quadtree beyond.
fn repulse(pos: &[Point], mass: &[f64], force: &mut [Point]) {
    let n = pos.len();
    let push = |p: Point, m: f64, other: Point, other_mass: f64, f: &mut Point| {
        let (dx, dy) = (p.x - other.x, p.y - other.y);
        let d2 = dx * dx + dy * dy;
        if d2 > 0.0 {
            let factor = SCALING * m * other_mass / d2;
            f.x += dx * factor;
            f.y += dy * factor;
        }
    };
    if n <= BARNES_HUT_ABOVE {
        for i in 0..n {
            for j in 0..n {
                if i != j {
                    push(pos[i], mass[i], pos[j], mass[j], &mut force[i]);
                }
            }
        }
    } else {
        // Each node's force is summed on its own in a fixed order, so splitting the nodes
        // among threads gives the same sums.
        use rayon::prelude::*;
        let tree = QuadTree::build(pos, mass);
        force
            .par_chunks_mut(256)
            .enumerate()
            .for_each(|(c, chunk)| {
                let mut stack = Vec::new();
                for (k, f) in chunk.iter_mut().enumerate() {
                    let i = c * 256 + k;
                    tree.visit(i, pos, mass, THETA, &mut stack, |body, m| {
                        push(pos[i], mass[i], body, m, f)
                    });
                }
            });
    }
}

/// Scales `pos` so that the median tie is [`EDGE_LENGTH`] long (or, without ties, so that
/// the median distance to the nearest node in index order is), centres and rounds it.
fn normalise(pos: &[Point], ties: &[(usize, usize, f64)]) -> Vec<Point> {
    let n = pos.len() as f64;
    let (sx, sy) = pos
        .iter()
        .fold((0.0, 0.0), |(sx, sy), p| (sx + p.x, sy + p.y));
    let (mx, my) = (sx / n, sy / n);
    let dist = |a: Point, b: Point| ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt();
    let mut lengths: Vec<f64> = if ties.is_empty() {
        pos.windows(2).map(|w| dist(w[0], w[1])).collect()
    } else {
        ties.iter().map(|&(a, b, _)| dist(pos[a], pos[b])).collect()
    };
    lengths.retain(|l| l.is_finite() && *l > 0.0);
    lengths.sort_by(f64::total_cmp);
    let scale = lengths
        .get(lengths.len() / 2)
        .map_or(1.0, |median| EDGE_LENGTH / median);
    pos.iter()
        .map(|p| Point {
            x: round((p.x - mx) * scale),
            y: round((p.y - my) * scale),
        })
        .collect()
}

fn round(v: f64) -> f64 {
    let r = (v * 100.0).round() / 100.0;
    if r == 0.0 { 0.0 } else { r }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(a: Point, b: Point) -> f64 {
        ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
    }

    #[test]
    fn joined_nodes_end_closer_than_unjoined_ones() {
        // Two triangles joined by one edge: members of a triangle sit closer to each other
        // than to the other triangle's far corners.
        let edges = [
            (0, 1, 5.0),
            (1, 2, 5.0),
            (0, 2, 5.0),
            (3, 4, 5.0),
            (4, 5, 5.0),
            (3, 5, 5.0),
            (2, 3, 1.0),
        ];
        let p = layout(6, &edges);
        assert!(dist(p[0], p[1]) < dist(p[0], p[5]));
        assert!(dist(p[4], p[5]) < dist(p[5], p[0]));
        // No two nodes on top of each other.
        for i in 0..6 {
            for j in i + 1..6 {
                assert!(dist(p[i], p[j]) > 10.0, "{i} {j} {p:?}");
            }
        }
    }

    /// Two groups of `half` nodes, each node tied to six others of its group picked by a
    /// fixed hash (so each group is compact, not a long ring), joined by one tie.
    fn two_groups(half: usize) -> Vec<(usize, usize, f64)> {
        let mut edges = Vec::new();
        for g in 0..2 {
            for i in 0..half {
                for step in 1..=6u64 {
                    let j = (i as u64 * 2_654_435_761 + step * 40_503) % half as u64;
                    if j as usize != i {
                        edges.push((g * half + i, g * half + j as usize, 1.0));
                    }
                }
            }
        }
        edges.push((0, half, 1.0));
        edges
    }

    #[test]
    fn large_graphs_go_through_the_quadtree_and_keep_groups_apart() {
        let half = 700;
        assert!(2 * half > BARNES_HUT_ABOVE);
        let edges = two_groups(half);
        let p = layout(2 * half, &edges);
        let centre = |r: std::ops::Range<usize>| {
            let n = r.len() as f64;
            let (x, y) = r.fold((0.0, 0.0), |(x, y), i| (x + p[i].x, y + p[i].y));
            Point { x: x / n, y: y / n }
        };
        let (a, b) = (centre(0..half), centre(half..2 * half));
        let spread = (0..half).map(|i| dist(p[i], a)).sum::<f64>() / half as f64;
        assert!(
            dist(a, b) > 2.0 * spread,
            "centres {a:?} {b:?}, spread {spread}"
        );
        // The same coordinates whatever the number of threads.
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let three = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        let (x, y) = (
            one.install(|| layout(2 * half, &edges)),
            three.install(|| layout(2 * half, &edges)),
        );
        assert!(x == y && x == p);
    }

    #[test]
    fn the_median_tie_is_one_edge_length_whatever_the_weights() {
        for scale in [1.0, 1000.0] {
            let edges: Vec<(usize, usize, f64)> = two_groups(20)
                .into_iter()
                .map(|(a, b, w)| (a, b, w * scale))
                .collect();
            let p = layout(40, &edges);
            let mut lengths: Vec<f64> = edges.iter().map(|&(a, b, _)| dist(p[a], p[b])).collect();
            lengths.sort_by(f64::total_cmp);
            let median = lengths[lengths.len() / 2];
            assert!((median - EDGE_LENGTH).abs() < 1.0, "{scale}: {median}");
        }
    }

    #[test]
    fn same_graph_same_coordinates_and_finite() {
        let edges: Vec<(usize, usize, f64)> = (0..50).map(|i| (i, (i * 7 + 3) % 50, 1.0)).collect();
        let a = layout(50, &edges);
        let b = layout(50, &edges);
        assert_eq!(a, b);
        assert!(a.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
        assert!(layout(0, &[]).is_empty());
        assert_eq!(layout(1, &[]), vec![Point { x: 0.0, y: 0.0 }]);
    }
}

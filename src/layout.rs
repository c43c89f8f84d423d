//! A deterministic force-directed layout (Fruchterman and Reingold 1991, with their grid
//! variant for repulsion), so that the formats that carry positions (GEXF, graphology JSON and
//! the explorer page) open with the same picture every time.
//!
//! Nodes start on a sunflower spiral in index order; each step, every pair of nodes closer than
//! two ideal edge lengths repels (found through a grid of cells that size), every edge
//! attracts in proportion to the square root of its weight, and a weak gravity keeps separate
//! components together. The temperature falls linearly. Everything runs in index order in one
//! thread, so the same graph gives the same coordinates whatever the thread count.

use std::collections::HashMap;

/// Ideal edge length in the output's units.
const EDGE_LENGTH: f64 = 100.0;

/// A position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// Lays out `n` nodes joined by `edges` (`(a, b, weight)`, indices below `n`). Returns one
/// point per node, rounded to hundredths, centred on the origin.
pub fn layout(n: usize, edges: &[(usize, usize, f64)]) -> Vec<Point> {
    if n == 0 {
        return Vec::new();
    }
    let k = EDGE_LENGTH;
    // Sunflower (Vogel) spiral: even density, no two nodes on the same spot.
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let mut pos: Vec<Point> = (0..n)
        .map(|i| {
            let r = k * 0.5 * (i as f64 + 0.5).sqrt();
            let a = golden * i as f64;
            Point {
                x: r * a.cos(),
                y: r * a.sin(),
            }
        })
        .collect();
    let max_w = edges.iter().map(|e| e.2).fold(1.0f64, f64::max);
    let strength: Vec<f64> = edges
        .iter()
        .map(|e| (e.2.max(0.0) / max_w).sqrt().max(0.1))
        .collect();
    let iterations = if n > 5000 { 100 } else { 300 };
    let t0 = k * (n as f64).sqrt() / 4.0;
    let mut disp = vec![Point { x: 0.0, y: 0.0 }; n];
    let cell = 2.0 * k;
    for step in 0..iterations {
        let t = t0 * (1.0 - step as f64 / iterations as f64) + k / 100.0;
        disp.iter_mut().for_each(|d| *d = Point { x: 0.0, y: 0.0 });
        // Repulsion within 2k, through a grid.
        let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        let key = |p: Point| ((p.x / cell).floor() as i64, (p.y / cell).floor() as i64);
        for (i, p) in pos.iter().enumerate() {
            grid.entry(key(*p)).or_default().push(i);
        }
        for i in 0..n {
            let (cx, cy) = key(pos[i]);
            for dx in -1..=1 {
                for dy in -1..=1 {
                    let Some(members) = grid.get(&(cx + dx, cy + dy)) else {
                        continue;
                    };
                    for &j in members {
                        if j == i {
                            continue;
                        }
                        let (mut vx, mut vy) = (pos[i].x - pos[j].x, pos[i].y - pos[j].y);
                        let mut d2 = vx * vx + vy * vy;
                        if d2 < 1e-6 {
                            // Coincident: push apart along a fixed direction by index.
                            vx = if i < j { 0.01 } else { -0.01 };
                            vy = 0.0;
                            d2 = 1e-4;
                        }
                        if d2 < cell * cell {
                            let f = k * k / d2;
                            disp[i].x += vx * f;
                            disp[i].y += vy * f;
                        }
                    }
                }
            }
        }
        // Attraction along edges.
        for (e, &(a, b, _)) in edges.iter().enumerate() {
            if a == b {
                continue;
            }
            let (vx, vy) = (pos[a].x - pos[b].x, pos[a].y - pos[b].y);
            let d = (vx * vx + vy * vy).sqrt();
            let f = d / k * strength[e];
            disp[a].x -= vx * f;
            disp[a].y -= vy * f;
            disp[b].x += vx * f;
            disp[b].y += vy * f;
        }
        // Gravity towards the origin, and the move capped by the temperature.
        for i in 0..n {
            let p = pos[i];
            let d = (p.x * p.x + p.y * p.y).sqrt();
            if d > 0.0 {
                let g = 0.05 * k;
                disp[i].x -= p.x / d * g;
                disp[i].y -= p.y / d * g;
            }
            let len = (disp[i].x * disp[i].x + disp[i].y * disp[i].y).sqrt();
            if len > 0.0 {
                let m = len.min(t) / len;
                pos[i].x += disp[i].x * m;
                pos[i].y += disp[i].y * m;
            }
        }
    }
    let (sx, sy) = pos
        .iter()
        .fold((0.0, 0.0), |(sx, sy), p| (sx + p.x, sy + p.y));
    let (mx, my) = (sx / n as f64, sy / n as f64);
    pos.iter()
        .map(|p| Point {
            x: round(p.x - mx),
            y: round(p.y - my),
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

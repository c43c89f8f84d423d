//! The Barnes–Hut quadtree of ForceAtlas2's repulsion: far regions of nodes act on a node as
//! one body at their centre of mass, so a step costs `n log n` instead of `n²`.
//!
//! Built afresh each step from the positions, in node order, so the same positions always
//! give the same tree and the same forces. Nodes on (almost) the same spot share a leaf after
//! a few subdivisions rather than splitting forever.

use super::Point;

/// Regions are divided at most this deep; nodes closer than the root's side / 2^20 share a
/// leaf (and repel each other exactly).
const MAX_DEPTH: u32 = 20;

#[derive(Debug, Clone)]
struct Region {
    centre: Point,
    /// Half the side of the square.
    half: f64,
    mass: f64,
    mass_centre: Point,
    /// First of the four children (consecutive), when divided.
    children: Option<usize>,
    /// The nodes of a leaf (one, or several on the same spot).
    nodes: Vec<usize>,
}

impl Region {
    fn new(centre: Point, half: f64) -> Region {
        Region {
            centre,
            half,
            mass: 0.0,
            mass_centre: Point { x: 0.0, y: 0.0 },
            children: None,
            nodes: Vec::new(),
        }
    }

    fn quadrant(&self, p: Point) -> usize {
        usize::from(p.x >= self.centre.x) * 2 + usize::from(p.y >= self.centre.y)
    }
}

/// A quadtree over positions with masses.
pub struct QuadTree {
    regions: Vec<Region>,
}

impl QuadTree {
    /// The tree of `pos` with masses `mass`.
    pub fn build(pos: &[Point], mass: &[f64]) -> QuadTree {
        let (mut lo, mut hi) = (
            Point {
                x: f64::INFINITY,
                y: f64::INFINITY,
            },
            Point {
                x: f64::NEG_INFINITY,
                y: f64::NEG_INFINITY,
            },
        );
        for p in pos {
            lo = Point {
                x: lo.x.min(p.x),
                y: lo.y.min(p.y),
            };
            hi = Point {
                x: hi.x.max(p.x),
                y: hi.y.max(p.y),
            };
        }
        let centre = Point {
            x: (lo.x + hi.x) / 2.0,
            y: (lo.y + hi.y) / 2.0,
        };
        let half = ((hi.x - lo.x).max(hi.y - lo.y) / 2.0).max(1e-9) * 1.0001;
        let mut tree = QuadTree {
            regions: vec![Region::new(centre, half)],
        };
        for i in 0..pos.len() {
            tree.insert(i, pos, mass);
        }
        tree
    }

    fn insert(&mut self, node: usize, pos: &[Point], mass: &[f64]) {
        let p = pos[node];
        let mut r = 0;
        let mut depth = 0;
        loop {
            // Every region on the way down counts the node in its mass.
            let region = &mut self.regions[r];
            let total = region.mass + mass[node];
            region.mass_centre = Point {
                x: (region.mass_centre.x * region.mass + p.x * mass[node]) / total,
                y: (region.mass_centre.y * region.mass + p.y * mass[node]) / total,
            };
            region.mass = total;
            if let Some(first) = region.children {
                r = first + region.quadrant(p);
                depth += 1;
                continue;
            }
            if region.nodes.is_empty() {
                region.nodes.push(node);
                return;
            }
            if depth == MAX_DEPTH {
                region.nodes.push(node);
                return;
            }
            // Divide: the leaf's nodes move to their quadrants, then the new node goes on.
            let (centre, half) = (region.centre, region.half / 2.0);
            let olds = std::mem::take(&mut region.nodes);
            let first = self.regions.len();
            self.regions[r].children = Some(first);
            for q in 0..4 {
                let c = Point {
                    x: centre.x + if q >= 2 { half } else { -half },
                    y: centre.y + if q % 2 == 1 { half } else { -half },
                };
                self.regions.push(Region::new(c, half));
            }
            for o in olds {
                let child = first + self.regions[r].quadrant(pos[o]);
                let region = &mut self.regions[child];
                let total = region.mass + mass[o];
                region.mass_centre = Point {
                    x: (region.mass_centre.x * region.mass + pos[o].x * mass[o]) / total,
                    y: (region.mass_centre.y * region.mass + pos[o].y * mass[o]) / total,
                };
                region.mass = total;
                region.nodes.push(o);
            }
            r = first + self.regions[r].quadrant(p);
            depth += 1;
        }
    }

    /// Calls `act(body, mass)` for every body acting on `node`: a region far enough (its side
    /// over its distance below `theta`) as one body, else its parts, down to single nodes
    /// (other than `node`). `pos` and `mass` are those the tree was built from.
    /// `stack` is scratch space, passed in so that a caller visiting for every node
    /// allocates it once.
    pub fn visit(
        &self,
        node: usize,
        pos: &[Point],
        mass: &[f64],
        theta: f64,
        stack: &mut Vec<usize>,
        mut act: impl FnMut(Point, f64),
    ) {
        let p = pos[node];
        let theta2 = theta * theta;
        stack.clear();
        stack.push(0);
        while let Some(r) = stack.pop() {
            let region = &self.regions[r];
            if region.mass == 0.0 {
                continue;
            }
            match region.children {
                Some(first) => {
                    let (dx, dy) = (p.x - region.mass_centre.x, p.y - region.mass_centre.y);
                    let d2 = dx * dx + dy * dy;
                    let side = 2.0 * region.half;
                    if side * side < theta2 * d2 {
                        act(region.mass_centre, region.mass);
                    } else {
                        // Children in reverse, so they are visited in quadrant order.
                        stack.extend((first..first + 4).rev());
                    }
                }
                None => {
                    for &other in &region.nodes {
                        if other != node {
                            act(pos[other], mass[other]);
                        }
                    }
                }
            }
        }
    }
}

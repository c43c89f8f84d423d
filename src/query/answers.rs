//! The answers to each query, as data.

use super::{Actor, Loaded};
use crate::analysis::{Network, cooccurrence_network, round6};
use crate::export::net::{next_month, parse_month};
use crate::graph::{Evidence, Node, RelationEdge, RelationEvidence, RunInfo};
use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;
use std::collections::BTreeMap;

/// An actor with one value (a measure, a weight).
#[derive(Debug, Clone, Serialize)]
pub struct Ranked {
    #[serde(flatten)]
    pub actor: Actor,
    pub value: f64,
}

/// The top actors by each measure.
#[derive(Debug, Clone, Serialize)]
pub struct TopActors {
    pub mentions: Vec<Ranked>,
    pub degree: Vec<Ranked>,
    pub weighted_degree: Vec<Ranked>,
    pub betweenness: Vec<Ranked>,
    pub pagerank: Vec<Ranked>,
}

/// A co-occurrence tie.
#[derive(Debug, Clone, Serialize)]
pub struct Tie {
    pub source: Actor,
    pub target: Actor,
    pub weight: f64,
    pub count: u64,
    pub documents: u64,
}

/// A community and its members, most connected first.
#[derive(Debug, Clone, Serialize)]
pub struct Community {
    pub community: u64,
    pub members: Vec<Actor>,
}

/// Relation edges and sentences of one type.
#[derive(Debug, Clone, Serialize)]
pub struct TypeCount {
    #[serde(rename = "type")]
    pub relation: String,
    pub cameo: String,
    pub edges: u64,
    pub sentences: u64,
}

/// `actorgraph stats`.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub graph: RunInfo,
    pub actors: usize,
    pub ties: usize,
    pub relations: usize,
    /// Ties over possible ties.
    pub density: f64,
    pub components: usize,
    pub largest_component: usize,
    /// Actors without ties.
    pub isolated: usize,
    pub top: TopActors,
    pub strongest_ties: Vec<Tie>,
    pub modularity: f64,
    /// Communities of more than one actor, largest first.
    pub communities: Vec<Community>,
    pub relation_types: Vec<TypeCount>,
}

/// Sizes, density, components, top actors, strongest ties, communities and relation types.
pub fn stats(loaded: &Loaded, top: usize) -> Stats {
    let g = &loaded.graph.graph;
    let n = g.node_count();
    let net: Network = cooccurrence_network(&loaded.graph);
    let components = net.components();
    let nodes: Vec<&Node> = g.node_weights().collect();
    let rank = |value: &dyn Fn(&Node) -> f64| -> Vec<Ranked> {
        let mut list: Vec<Ranked> = nodes
            .iter()
            .map(|n| Ranked {
                actor: Actor::of(n),
                value: value(n),
            })
            .filter(|r| r.value > 0.0)
            .collect();
        list.sort_by(|a, b| {
            b.value
                .total_cmp(&a.value)
                .then(a.actor.id.cmp(&b.actor.id))
        });
        list.truncate(top);
        list
    };
    let top_actors = TopActors {
        mentions: rank(&|n| n.mentions as f64),
        degree: rank(&|n| n.measures.degree as f64),
        weighted_degree: rank(&|n| n.measures.weighted_degree),
        betweenness: rank(&|n| n.measures.betweenness),
        pagerank: rank(&|n| n.measures.pagerank),
    };
    let mut ties: Vec<Tie> = g
        .edge_indices()
        .map(|e| {
            let (a, b) = g.edge_endpoints(e).expect("edge exists");
            Tie {
                source: Actor::of(&g[a]),
                target: Actor::of(&g[b]),
                weight: g[e].weight,
                count: g[e].count,
                documents: g[e].documents,
            }
        })
        .collect();
    ties.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then(b.count.cmp(&a.count))
            .then_with(|| (&a.source.id, &a.target.id).cmp(&(&b.source.id, &b.target.id)))
    });
    ties.truncate(top);
    let mut by_community: BTreeMap<u64, Vec<&Node>> = BTreeMap::new();
    for node in &nodes {
        if node.measures.community > 0 {
            by_community
                .entry(node.measures.community)
                .or_default()
                .push(node);
        }
    }
    let communities = by_community
        .into_iter()
        .filter(|(_, m)| m.len() > 1)
        .map(|(c, mut members)| {
            members.sort_by(|a, b| {
                b.measures
                    .weighted_degree
                    .total_cmp(&a.measures.weighted_degree)
                    .then(a.id.cmp(&b.id))
            });
            Community {
                community: c,
                members: members.into_iter().map(Actor::of).collect(),
            }
        })
        .collect();
    let mut types: BTreeMap<(&str, &str), (u64, u64)> = BTreeMap::new();
    for e in loaded.graph.relations.edge_weights() {
        let t = types.entry((&e.relation, &e.cameo)).or_default();
        t.0 += 1;
        t.1 += e.count;
    }
    let mut relation_types: Vec<TypeCount> = types
        .into_iter()
        .map(|((r, c), (edges, sentences))| TypeCount {
            relation: r.to_string(),
            cameo: c.to_string(),
            edges,
            sentences,
        })
        .collect();
    relation_types.sort_by(|a, b| {
        b.sentences
            .cmp(&a.sentences)
            .then(a.relation.cmp(&b.relation))
    });
    let possible = n * n.saturating_sub(1) / 2;
    Stats {
        graph: loaded.graph.info.clone(),
        actors: loaded.actors().len(),
        ties: g.edge_count(),
        relations: loaded.graph.relations.edge_count(),
        density: if possible > 0 {
            round6(g.edge_count() as f64 / possible as f64)
        } else {
            0.0
        },
        components: components.iter().filter(|c| c.len() > 1).count(),
        largest_component: components.first().map_or(0, Vec::len),
        isolated: components.iter().filter(|c| c.len() == 1).count(),
        top: top_actors,
        strongest_ties: ties,
        modularity: loaded.graph.info.modularity,
        communities,
        relation_types,
    }
}

/// A neighbour in the co-occurrence graph.
#[derive(Debug, Clone, Serialize)]
pub struct Neighbor {
    #[serde(flatten)]
    pub actor: Actor,
    pub weight: f64,
    pub count: u64,
    pub documents: u64,
}

/// A relation seen from one of its actors.
#[derive(Debug, Clone, Serialize)]
pub struct RelationRow {
    pub source: Actor,
    pub target: Actor,
    #[serde(rename = "type")]
    pub relation: String,
    pub cameo: String,
    pub count: u64,
    pub documents: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_date: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<RelationEvidence>,
}

impl RelationRow {
    fn of(g: &DiGraph<Node, RelationEdge>, e: petgraph::graph::EdgeIndex, evidence: bool) -> Self {
        let (a, b) = g.edge_endpoints(e).expect("edge exists");
        let r = &g[e];
        RelationRow {
            source: Actor::of(&g[a]),
            target: Actor::of(&g[b]),
            relation: r.relation.clone(),
            cameo: r.cameo.clone(),
            count: r.count,
            documents: r.documents,
            first_date: r.first_date.clone(),
            last_date: r.last_date.clone(),
            evidence: if evidence {
                r.evidence.clone()
            } else {
                Vec::new()
            },
        }
    }
}

/// `actorgraph neighbors`.
#[derive(Debug, Clone, Serialize)]
pub struct Neighbors {
    pub actor: Actor,
    /// What `weight` is (`--weight` of the build) and the window `count` counts.
    pub weight: String,
    pub window: String,
    pub neighbors: Vec<Neighbor>,
    /// With `--relations`: every relation the actor is in, as source or target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relations: Option<Vec<RelationRow>>,
}

/// The actor's co-occurrence neighbours by weight (then count, then id), and with `relations`
/// the relations it is in, most stated first.
pub fn neighbors(loaded: &Loaded, actor: &Node, relations: bool) -> Neighbors {
    let g = &loaded.graph.graph;
    let mut list: Vec<Neighbor> = match loaded.cooc_index(&actor.id) {
        Some(v) => g
            .edges(v)
            .map(|e| {
                use petgraph::visit::EdgeRef;
                let other = if e.source() == v {
                    e.target()
                } else {
                    e.source()
                };
                Neighbor {
                    actor: Actor::of(&g[other]),
                    weight: e.weight().weight,
                    count: e.weight().count,
                    documents: e.weight().documents,
                }
            })
            .collect(),
        None => Vec::new(),
    };
    list.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then(b.count.cmp(&a.count))
            .then(a.actor.id.cmp(&b.actor.id))
    });
    let rows = relations.then(|| {
        let r = &loaded.graph.relations;
        let mut rows: Vec<RelationRow> = r
            .edge_indices()
            .filter(|&e| {
                let (a, b) = r.edge_endpoints(e).expect("edge exists");
                r[a].id == actor.id || r[b].id == actor.id
            })
            .map(|e| RelationRow::of(r, e, false))
            .collect();
        rows.sort_by(|a, b| {
            b.count.cmp(&a.count).then_with(|| {
                (&a.source.id, &a.target.id, &a.relation).cmp(&(
                    &b.source.id,
                    &b.target.id,
                    &b.relation,
                ))
            })
        });
        rows
    });
    Neighbors {
        actor: Actor::of(actor),
        weight: loaded.graph.info.weight.clone(),
        window: loaded.graph.info.window.clone(),
        neighbors: list,
        relations: rows,
    }
}

/// One step of a path.
#[derive(Debug, Clone, Serialize)]
pub struct Hop {
    pub from: Actor,
    pub to: Actor,
    pub weight: f64,
    pub count: u64,
    pub documents: u64,
    /// The first quoted sentence of the tie.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// `actorgraph path`.
#[derive(Debug, Clone, Serialize)]
pub struct PathAnswer {
    pub from: Actor,
    pub to: Actor,
    /// The window a tie's `count` counts.
    pub window: String,
    /// `None` when the two are not connected.
    pub hops: Option<Vec<Hop>>,
}

/// The path from `a` to `b` through the fewest ties; among those, the one whose ties are
/// strongest in total (then the one through the smallest ids).
pub fn path(loaded: &Loaded, a: &Node, b: &Node) -> PathAnswer {
    let g = &loaded.graph.graph;
    let answer = |hops| PathAnswer {
        from: Actor::of(a),
        to: Actor::of(b),
        window: loaded.graph.info.window.clone(),
        hops,
    };
    let (Some(s), Some(t)) = (loaded.cooc_index(&a.id), loaded.cooc_index(&b.id)) else {
        return answer(None);
    };
    if s == t {
        return answer(Some(Vec::new()));
    }
    // Breadth-first layers, then the best total weight within them.
    let n = g.node_count();
    let mut dist = vec![usize::MAX; n];
    let mut best = vec![f64::NEG_INFINITY; n];
    let mut prev: Vec<Option<NodeIndex>> = vec![None; n];
    dist[s.index()] = 0;
    best[s.index()] = 0.0;
    let mut layer = vec![s];
    while !layer.is_empty() && dist[t.index()] == usize::MAX {
        let mut next: Vec<NodeIndex> = Vec::new();
        layer.sort_by(|x, y| g[*x].id.cmp(&g[*y].id));
        for &u in &layer {
            for v in g.neighbors(u) {
                let e = g.find_edge(u, v).expect("edge exists");
                let total = best[u.index()] + g[e].weight;
                if dist[v.index()] == usize::MAX {
                    dist[v.index()] = dist[u.index()] + 1;
                    next.push(v);
                }
                if dist[v.index()] == dist[u.index()] + 1 && total > best[v.index()] {
                    best[v.index()] = total;
                    prev[v.index()] = Some(u);
                }
            }
        }
        layer = next;
    }
    if dist[t.index()] == usize::MAX {
        return answer(None);
    }
    let mut hops = Vec::new();
    let mut v = t;
    while let Some(u) = prev[v.index()] {
        let e = &g[g.find_edge(u, v).expect("edge exists")];
        hops.push(Hop {
            from: Actor::of(&g[u]),
            to: Actor::of(&g[v]),
            weight: e.weight,
            count: e.count,
            documents: e.documents,
            evidence: e.evidence.first().cloned(),
        });
        v = u;
    }
    hops.reverse();
    answer(Some(hops))
}

/// The co-occurrence tie behind `evidence`.
#[derive(Debug, Clone, Serialize)]
pub struct TieEvidence {
    pub weight: f64,
    pub count: u64,
    pub documents: u64,
    pub evidence: Vec<Evidence>,
}

/// `actorgraph evidence`.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceAnswer {
    pub a: Actor,
    pub b: Actor,
    pub window: String,
    /// `None` when the two are never named together.
    pub tie: Option<TieEvidence>,
    /// Relations between them, both ways, with their sentences.
    pub relations: Vec<RelationRow>,
}

/// The sentences behind the tie between `a` and `b`, and behind every relation between them.
pub fn evidence(loaded: &Loaded, a: &Node, b: &Node) -> EvidenceAnswer {
    let g = &loaded.graph.graph;
    let tie = match (loaded.cooc_index(&a.id), loaded.cooc_index(&b.id)) {
        (Some(x), Some(y)) => g.find_edge(x, y).map(|e| TieEvidence {
            weight: g[e].weight,
            count: g[e].count,
            documents: g[e].documents,
            evidence: g[e].evidence.clone(),
        }),
        _ => None,
    };
    let r = &loaded.graph.relations;
    let mut relations: Vec<RelationRow> = r
        .edge_indices()
        .filter(|&e| {
            let (x, y) = r.edge_endpoints(e).expect("edge exists");
            (r[x].id == a.id && r[y].id == b.id) || (r[x].id == b.id && r[y].id == a.id)
        })
        .map(|e| RelationRow::of(r, e, true))
        .collect();
    relations.sort_by(|x, y| {
        y.count
            .cmp(&x.count)
            .then_with(|| (&x.source.id, &x.relation).cmp(&(&y.source.id, &y.relation)))
    });
    EvidenceAnswer {
        a: Actor::of(a),
        b: Actor::of(b),
        window: loaded.graph.info.window.clone(),
        tie,
        relations,
    }
}

/// One month of a timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Month {
    pub month: String,
    pub mentions: u64,
    /// Actors it was named with that month.
    pub ties: u64,
    /// Sentences stating a relation it is in that month.
    pub relations: u64,
}

/// `actorgraph timeline`.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    pub actor: Actor,
    pub mentions: u64,
    pub documents: u64,
    /// Every month from the first to the last, including months without mentions.
    pub months: Vec<Month>,
    /// Mentions in undated articles, which are on no month.
    pub undated_mentions: u64,
}

/// Mentions, ties and relations of the actor per month.
pub fn timeline(loaded: &Loaded, actor: &Node) -> Timeline {
    let mut months: BTreeMap<String, Month> = BTreeMap::new();
    fn at<'m>(months: &'m mut BTreeMap<String, Month>, m: &str) -> &'m mut Month {
        months.entry(m.to_string()).or_insert_with(|| Month {
            month: m.to_string(),
            mentions: 0,
            ties: 0,
            relations: 0,
        })
    }
    for (m, c) in &actor.timeline {
        at(&mut months, m).mentions += c;
    }
    let g = &loaded.graph.graph;
    if let Some(v) = loaded.cooc_index(&actor.id) {
        for e in g.edges(v) {
            for m in e.weight().timeline.keys() {
                at(&mut months, m).ties += 1;
            }
        }
    }
    let r = &loaded.graph.relations;
    for e in r.edge_indices() {
        let (x, y) = r.edge_endpoints(e).expect("edge exists");
        if r[x].id == actor.id || r[y].id == actor.id {
            for (m, c) in &r[e].timeline {
                at(&mut months, m).relations += c;
            }
        }
    }
    let dated: u64 = actor.timeline.values().sum();
    let filled = fill_months(months);
    Timeline {
        actor: Actor::of(actor),
        mentions: actor.mentions,
        documents: actor.documents,
        months: filled,
        undated_mentions: actor.mentions.saturating_sub(dated),
    }
}

/// The months from the first to the last key, with empty months added.
fn fill_months(months: BTreeMap<String, Month>) -> Vec<Month> {
    let (Some(first), Some(last)) = (
        months.keys().next().and_then(|m| parse_month(m)),
        months.keys().next_back().and_then(|m| parse_month(m)),
    ) else {
        return months.into_values().collect();
    };
    let mut out = Vec::new();
    let (mut y, mut m) = first;
    while (y, m) <= last {
        let key = format!("{y:04}-{m:02}");
        out.push(months.get(&key).cloned().unwrap_or(Month {
            month: key,
            mentions: 0,
            ties: 0,
            relations: 0,
        }));
        (y, m) = next_month((y, m));
    }
    out
}

/// Values as a row of eight-level block characters, the largest a full block; zero is a
/// blank, so months without mentions stand out.
pub fn sparkline(values: &[u64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values.iter().copied().max().unwrap_or(0);
    values
        .iter()
        .map(|&v| {
            if v == 0 || max == 0 {
                ' '
            } else {
                BARS[((v * 8).div_ceil(max) - 1).min(7) as usize]
            }
        })
        .collect()
}

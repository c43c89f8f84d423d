//! Network analysis on a built graph: edge weights, pruning, the backbone, and the measures
//! every export carries (degree, weighted degree, betweenness, PageRank, community).
//!
//! [`analyse`] runs after [`crate::build`] and before export, in a fixed order:
//!
//! 1. every co-occurrence edge gets its exported `weight` ([`weights`]);
//! 2. actors outside `--kinds`, or of an excluded `--exclude-subtype`, are dropped;
//! 3. co-occurrence edges below `--min-weight` or `--min-documents` are dropped, and relation
//!    edges below `--min-documents`;
//! 4. `--backbone ALPHA` keeps the co-occurrence edges the disparity filter ([`backbone`]) finds
//!    significant for at least one end;
//! 5. `--top N` keeps the N actors with the largest weighted degree (ties by id), in both graphs;
//! 6. the measures are computed on the co-occurrence graph (or, when only relations are built,
//!    on the relation graph seen as undirected, weighted by sentences) and stored on every node
//!    of both graphs, so an actor has the same values in every file.
//!
//! Edges of weight ≤ 0 (negative PMI: less often together than chance) count for degree but
//! not for the weighted measures.

pub mod backbone;
pub mod centrality;
pub mod community;
pub mod time;
pub mod weights;

use crate::dictionary::Kind;
use crate::graph::ActorGraph;
use petgraph::graph::{EdgeIndex, NodeIndex};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
pub use weights::{Counts, WeightKind};

/// An undirected weighted graph as adjacency lists: the shape the algorithms work on.
#[derive(Debug, Clone, Default)]
pub struct Network {
    adj: Vec<Vec<(usize, f64)>>,
}

impl Network {
    /// `n` nodes and the given edges `(a, b, weight)`; each edge is listed at both ends.
    pub fn new(n: usize, edges: &[(usize, usize, f64)]) -> Network {
        let mut adj = vec![Vec::new(); n];
        for &(a, b, w) in edges {
            adj[a].push((b, w));
            if a != b {
                adj[b].push((a, w));
            }
        }
        Network { adj }
    }

    pub fn len(&self) -> usize {
        self.adj.len()
    }

    pub fn is_empty(&self) -> bool {
        self.adj.is_empty()
    }

    /// `(neighbour, weight)` of every edge at `v`.
    pub fn neighbors(&self, v: usize) -> &[(usize, f64)] {
        &self.adj[v]
    }

    /// Connected components (through any edge), each sorted, largest first (ties: smallest
    /// member first).
    pub fn components(&self) -> Vec<Vec<usize>> {
        let mut seen = vec![false; self.len()];
        let mut out = Vec::new();
        for start in 0..self.len() {
            if seen[start] {
                continue;
            }
            seen[start] = true;
            let mut members = vec![start];
            let mut i = 0;
            while i < members.len() {
                for &(w, _) in &self.adj[members[i]] {
                    if !seen[w] {
                        seen[w] = true;
                        members.push(w);
                    }
                }
                i += 1;
            }
            members.sort_unstable();
            out.push(members);
        }
        out.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
        out
    }
}

/// The measures of one actor, stored on its node in every export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Measures {
    /// Number of ties.
    pub degree: u64,
    /// Sum of the weights of its ties.
    pub weighted_degree: f64,
    /// Normalised betweenness, distance = 1 / weight.
    pub betweenness: f64,
    /// PageRank (damping 0.85), weighted.
    pub pagerank: f64,
    /// Louvain community, numbered from 1 by size (0: the actor is not in the analysed graph).
    pub community: u64,
}

/// Graph-level results stored in the run information.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Modularity of the communities.
    pub modularity: f64,
    pub communities: u64,
}

/// `x` rounded to 6 decimals, so files do not depend on the last bits of a float, and never
/// negative zero.
pub(crate) fn round6(x: f64) -> f64 {
    let r = (x * 1e6).round() / 1e6;
    if r == 0.0 { 0.0 } else { r }
}

/// Betweenness is exact on graphs of at most this many actors.
pub const BETWEENNESS_EXACT_UP_TO: usize = 1000;

/// Betweenness sources sampled by default on a larger graph ([`Analysis::betweenness_sources`]).
pub const BETWEENNESS_SOURCES: usize = 250;

/// How many sources betweenness is computed from on a graph of `n` actors when `k` are
/// asked for: all of them (exact) up to [`BETWEENNESS_EXACT_UP_TO`] actors, when `k` is 0
/// or when `k` is at least `n`; else `k`.
pub fn betweenness_sources(n: usize, k: usize) -> Option<usize> {
    (k > 0 && k < n && n > BETWEENNESS_EXACT_UP_TO).then_some(k)
}

/// Every measure of every node of `net`, and the modularity of its communities; betweenness
/// from `sources` sampled sources (see [`betweenness_sources`]) or exact.
pub fn measure(net: &Network, sources: Option<usize>) -> (Vec<Measures>, Summary) {
    let between = match sources {
        Some(k) => centrality::betweenness_sampled(net, k),
        None => centrality::betweenness(net),
    };
    let rank = centrality::pagerank(net);
    let community = community::louvain(net);
    let modularity = community::modularity(net, &community);
    let measures = (0..net.len())
        .map(|v| {
            let edges = net.neighbors(v);
            Measures {
                degree: edges.len() as u64,
                weighted_degree: round6(edges.iter().map(|(_, w)| w.max(0.0)).sum()),
                betweenness: round6(between[v]),
                pagerank: round6(rank[v]),
                community: community[v] as u64,
            }
        })
        .collect();
    let summary = Summary {
        modularity: round6(modularity),
        communities: community.iter().max().copied().unwrap_or(0) as u64,
    };
    (measures, summary)
}

/// What [`analyse`] does; the default changes nothing but computing the measures.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub weight: WeightKind,
    /// Co-occurrence edges with a smaller exported weight are dropped.
    pub min_weight: Option<f64>,
    /// Edges (of both graphs) supported by fewer articles are dropped.
    pub min_documents: u64,
    /// Keep only this many actors, by weighted degree.
    pub top: Option<usize>,
    /// Keep only these kinds (all when empty).
    pub kinds: Vec<Kind>,
    /// Drop actors with these subtypes ("media").
    pub exclude_subtypes: Vec<String>,
    /// Disparity-filter significance level.
    pub backbone: Option<f64>,
    /// Whether co-occurrence edges were built (else measures come from the relations).
    pub cooccurrence: bool,
    /// Betweenness is estimated from this many sampled sources on a graph of more than
    /// [`BETWEENNESS_EXACT_UP_TO`] actors ([`betweenness_sources`]); 0 keeps it exact.
    pub betweenness_sources: usize,
}

impl Default for Analysis {
    fn default() -> Analysis {
        Analysis {
            weight: WeightKind::default(),
            min_weight: None,
            min_documents: 0,
            top: None,
            kinds: Vec::new(),
            exclude_subtypes: Vec::new(),
            backbone: None,
            cooccurrence: false,
            betweenness_sources: BETWEENNESS_SOURCES,
        }
    }
}

/// The co-occurrence graph as a [`Network`], node indices as in the graph.
pub fn cooccurrence_network(graph: &ActorGraph) -> Network {
    let g = &graph.graph;
    let edges: Vec<(usize, usize, f64)> = g
        .edge_indices()
        .map(|e| {
            let (a, b) = g.edge_endpoints(e).expect("edge exists");
            (a.index(), b.index(), g[e].weight)
        })
        .collect();
    Network::new(g.node_count(), &edges)
}

/// The relation graph as an undirected [`Network`]: one edge per pair of actors, weighted by
/// the sentences stating any relation between them.
pub fn relation_network(graph: &ActorGraph) -> Network {
    let g = &graph.relations;
    let mut pairs: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for e in g.edge_indices() {
        let (a, b) = g.edge_endpoints(e).expect("edge exists");
        let (a, b) = (a.index().min(b.index()), a.index().max(b.index()));
        if a != b {
            *pairs.entry((a, b)).or_default() += g[e].count as f64;
        }
    }
    let edges: Vec<(usize, usize, f64)> = pairs.into_iter().map(|((a, b), w)| (a, b, w)).collect();
    Network::new(g.node_count(), &edges)
}

/// The nodes and edges of `g` marked to keep, moved (not copied) into a new graph in the same
/// order, as petgraph's `filter_map` would give them; an edge goes with either of its ends.
fn kept<N, E, Ty: petgraph::EdgeType>(
    g: petgraph::Graph<N, E, Ty>,
    keep_node: &[bool],
    keep_edge: &[bool],
) -> petgraph::Graph<N, E, Ty> {
    let (nodes, edges) = g.into_nodes_edges();
    let mut out = petgraph::Graph::with_capacity(nodes.len(), edges.len());
    let index: Vec<Option<NodeIndex>> = nodes
        .into_iter()
        .zip(keep_node)
        .map(|(n, &k)| k.then(|| out.add_node(n.weight)))
        .collect();
    for (e, &k) in edges.into_iter().zip(keep_edge) {
        if let (true, Some(a), Some(b)) = (k, index[e.source().index()], index[e.target().index()])
        {
            out.add_edge(a, b, e.weight);
        }
    }
    out
}

/// Weighs, prunes and measures `graph` as `opts` says (see the module docs for the order).
pub fn analyse(graph: ActorGraph, opts: &Analysis) -> ActorGraph {
    let mut graph = graph;
    let windows = graph.info.windows;
    {
        let g = &mut graph.graph;
        for e in g.edge_indices().collect::<Vec<EdgeIndex>>() {
            let (a, b) = g.edge_endpoints(e).expect("edge exists");
            let counts = Counts {
                both: g[e].count,
                documents: g[e].documents,
                a: g[a].windows,
                b: g[b].windows,
                windows,
            };
            g[e].weight = opts.weight.weight(counts);
        }
    }

    // Which actors and edges stay.
    let g = &graph.graph;
    let actor_ok = |n: &crate::graph::Node| {
        (opts.kinds.is_empty() || opts.kinds.contains(&n.kind))
            && n.attributes.subtype.as_ref().is_none_or(|s| {
                !opts
                    .exclude_subtypes
                    .iter()
                    .any(|x| x.eq_ignore_ascii_case(s))
            })
    };
    let mut keep_node: Vec<bool> = g.node_weights().map(actor_ok).collect();
    let mut keep_edge: Vec<bool> = g
        .edge_indices()
        .map(|e| {
            let (a, b) = g.edge_endpoints(e).expect("edge exists");
            let w = &g[e];
            keep_node[a.index()]
                && keep_node[b.index()]
                && opts.min_weight.is_none_or(|m| w.weight >= m)
                && w.documents >= opts.min_documents
        })
        .collect();
    if let Some(alpha) = opts.backbone {
        let edges: Vec<(usize, usize, f64)> = g
            .edge_indices()
            .filter(|e| keep_edge[e.index()])
            .map(|e| {
                let (a, b) = g.edge_endpoints(e).expect("edge exists");
                (a.index(), b.index(), g[e].weight)
            })
            .collect();
        let net = Network::new(g.node_count(), &edges);
        let alphas = backbone::significance(&net, &edges);
        let mut significant = alphas.iter().map(|a| a.is_some_and(|a| a < alpha));
        for e in g.edge_indices() {
            if keep_edge[e.index()] {
                keep_edge[e.index()] = significant.next().expect("one per edge");
            }
        }
    }
    let r = &graph.relations;
    let relation_ok: Vec<bool> = r
        .edge_weights()
        .map(|e| e.documents >= opts.min_documents)
        .collect();
    if let Some(top) = opts.top {
        // Weighted degree after pruning: co-occurrence weights, or relation sentences.
        let mut strength: HashMap<&str, f64> = HashMap::new();
        if opts.cooccurrence {
            for e in g.edge_indices().filter(|e| keep_edge[e.index()]) {
                let (a, b) = g.edge_endpoints(e).expect("edge exists");
                for n in [a, b] {
                    *strength.entry(g[n].id.as_str()).or_default() += g[e].weight.max(0.0);
                }
            }
        } else {
            for e in r.edge_indices().filter(|e| relation_ok[e.index()]) {
                let (a, b) = r.edge_endpoints(e).expect("edge exists");
                for n in [a, b] {
                    *strength.entry(r[n].id.as_str()).or_default() += r[e].count as f64;
                }
            }
        }
        let mut ranked: Vec<(&str, f64)> = g
            .node_indices()
            .filter(|n| keep_node[n.index()])
            .map(|n| {
                let id = g[n].id.as_str();
                (id, strength.get(id).copied().unwrap_or(0.0))
            })
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        let chosen: HashSet<&str> = ranked.iter().take(top).map(|(id, _)| *id).collect();
        for n in g.node_indices() {
            keep_node[n.index()] &= chosen.contains(g[n].id.as_str());
        }
    }
    // An actor in the relation graph stays when it stays in the co-occurrence graph; one that
    // is only in relations (a state its capital stood for) passes the kind filters alone.
    let cooc_keep: HashMap<&str, bool> = g
        .node_indices()
        .map(|n| (g[n].id.as_str(), keep_node[n.index()]))
        .collect();
    let relation_actor_ok = |n: &crate::graph::Node| match cooc_keep.get(n.id.as_str()) {
        Some(&k) => k,
        None => actor_ok(n) && opts.top.is_none(),
    };
    let keep_relation: Vec<bool> = r
        .edge_indices()
        .map(|e| {
            let (a, b) = r.edge_endpoints(e).expect("edge exists");
            relation_ok[e.index()] && relation_actor_ok(&r[a]) && relation_actor_ok(&r[b])
        })
        .collect();
    let mut in_relation = vec![false; r.node_count()];
    for e in r.edge_indices().filter(|e| keep_relation[e.index()]) {
        let (a, b) = r.edge_endpoints(e).expect("edge exists");
        in_relation[a.index()] = true;
        in_relation[b.index()] = true;
    }
    drop(cooc_keep);
    graph.relations = kept(
        std::mem::take(&mut graph.relations),
        &in_relation,
        &keep_relation,
    );
    graph.graph = kept(std::mem::take(&mut graph.graph), &keep_node, &keep_edge);

    // Measures, on one graph, stored on the nodes of both.
    let (net, ids): (Network, Vec<String>) = if opts.cooccurrence {
        (
            cooccurrence_network(&graph),
            graph.graph.node_weights().map(|n| n.id.clone()).collect(),
        )
    } else {
        (
            relation_network(&graph),
            graph
                .relations
                .node_weights()
                .map(|n| n.id.clone())
                .collect(),
        )
    };
    let sources = betweenness_sources(net.len(), opts.betweenness_sources);
    let (measures, summary) = measure(&net, sources);
    let by_id: HashMap<&str, Measures> = ids.iter().map(String::as_str).zip(measures).collect();
    let lookup = |id: &str| by_id.get(id).copied().unwrap_or_default();
    let values: Vec<Measures> = graph.graph.node_weights().map(|n| lookup(&n.id)).collect();
    for (node, m) in graph.graph.node_weights_mut().zip(values) {
        node.measures = m;
    }
    let values: Vec<Measures> = graph
        .relations
        .node_weights()
        .map(|n| lookup(&n.id))
        .collect();
    for (node, m) in graph.relations.node_weights_mut().zip(values) {
        node.measures = m;
    }
    graph.info.edges = graph.graph.edge_count() as u64;
    graph.info.relations = graph.relations.edge_count() as u64;
    graph.info.weight = opts.weight.as_str().to_string();
    graph.info.min_weight = opts.min_weight;
    graph.info.min_documents = opts.min_documents;
    graph.info.top = opts.top;
    graph.info.kinds = opts.kinds.iter().map(|k| k.as_str().to_string()).collect();
    graph.info.exclude_subtypes = opts.exclude_subtypes.clone();
    graph.info.backbone = opts.backbone;
    graph.info.betweenness_sources = sources.map(|k| k as u64);
    graph.info.modularity = summary.modularity;
    graph.info.communities = summary.communities;
    graph
}

#[cfg(test)]
pub(crate) mod tests {
    use super::Network;

    const KARATE: &str = include_str!("../../tests/data/karate.txt");

    /// Zachary's karate club, with his interaction counts as weights or unweighted.
    pub fn karate(weighted: bool) -> Network {
        let edges: Vec<(usize, usize, f64)> = KARATE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                let w = if weighted { f[2].parse().unwrap() } else { 1.0 };
                (f[0].parse().unwrap(), f[1].parse().unwrap(), w)
            })
            .collect();
        assert_eq!(edges.len(), 78);
        Network::new(34, &edges)
    }

    /// The faction (0: Mr. Hi, 1: Officer) each member joined.
    pub fn karate_factions() -> Vec<u8> {
        let line = KARATE.lines().nth(1).unwrap();
        let digits = line.rsplit(' ').next().unwrap();
        digits.bytes().map(|b| b - b'0').collect()
    }

    #[test]
    fn betweenness_is_exact_on_small_graphs_and_sampled_on_large_ones() {
        use super::{BETWEENNESS_EXACT_UP_TO as LIMIT, betweenness_sources};
        for (n, k, expected, why) in [
            (40, 250, None, "a small graph: exact"),
            (LIMIT, 250, None, "at the limit: exact"),
            (LIMIT + 1, 250, Some(250), "above it: the sample"),
            (10_000, 250, Some(250), "a year of news: the sample"),
            (10_000, 0, None, "0 asks for exact"),
            (1500, 2000, None, "a sample as large as the graph is exact"),
        ] {
            assert_eq!(betweenness_sources(n, k), expected, "{why}");
        }
    }

    #[test]
    fn components_largest_first() {
        let net = Network::new(6, &[(0, 5, 1.0), (1, 2, 1.0), (2, 3, 1.0)]);
        assert_eq!(net.components(), vec![vec![1, 2, 3], vec![0, 5], vec![4]]);
    }
}

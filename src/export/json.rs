//! Node-link JSON, the shape D3 and networkx read.
//!
//! ```json
//! {"directed": false, "multigraph": false, "graph": {"window": "sentence", ...},
//!  "nodes": [{"id": "taliban", "label": "Taliban", "kind": "group", "mentions": 52, ...}],
//!  "links": [{"source": "iskp", "target": "taliban", "weight": 6, "documents": 1,
//!             "evidence": [{"doc": "001_...", "date": "2021-08", "sentence": 1, "text": "..."}]}]}
//! ```
//!
//! Load it with `nx.node_link_graph(data, edges="links")` in networkx, or hand `nodes` and
//! `links` to `d3.forceSimulation(nodes).force("link", d3.forceLink(links).id(d => d.id))`.

use crate::dictionary::cues::RelationType;
use crate::graph::{ActorGraph, Edge, Node, RelationEdge, RunInfo};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Link<'a> {
    source: &'a str,
    target: &'a str,
    #[serde(flatten)]
    edge: &'a Edge,
}

#[derive(Serialize)]
struct NodeLink<'a> {
    directed: bool,
    multigraph: bool,
    graph: &'a RunInfo,
    nodes: Vec<&'a Node>,
    links: Vec<Link<'a>>,
}

/// Writes the graph as pretty-printed node-link JSON followed by a newline.
pub fn write(graph: &ActorGraph, out: &mut dyn Write) -> io::Result<()> {
    let g = &graph.graph;
    let doc = NodeLink {
        directed: false,
        multigraph: false,
        graph: &graph.info,
        nodes: g.node_weights().collect(),
        links: g
            .edge_indices()
            .map(|e| {
                let (a, b) = g.edge_endpoints(e).expect("edge exists");
                Link {
                    source: &g[a].id,
                    target: &g[b].id,
                    edge: &g[e],
                }
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

#[derive(Serialize)]
struct RelationLink<'a> {
    source: &'a str,
    target: &'a str,
    /// The multigraph key networkx uses: the relation type.
    key: &'a str,
    /// `count` again, for tools that size edges by `weight`.
    weight: u64,
    #[serde(flatten)]
    edge: &'a RelationEdge,
}

#[derive(Serialize)]
struct TypeInfo<'a> {
    #[serde(rename = "type")]
    name: &'a str,
    cameo: &'a str,
    label: &'a str,
    color: &'a str,
    symmetric: bool,
}

#[derive(Serialize)]
struct RelationInfo<'a> {
    #[serde(flatten)]
    run: &'a RunInfo,
    relation_types: Vec<TypeInfo<'a>>,
}

#[derive(Serialize)]
struct RelationNodeLink<'a> {
    directed: bool,
    multigraph: bool,
    graph: RelationInfo<'a>,
    nodes: Vec<&'a Node>,
    links: Vec<RelationLink<'a>>,
}

/// Writes the relation graph as node-link JSON: a directed multigraph whose links carry
/// `source`, `target`, `key` and `type` (the relation type), `cameo`, `count` (and `weight`,
/// the same number), `documents`, dates and `evidence`. The graph section lists the relation
/// types with their CAMEO codes, labels and colours.
///
/// networkx: `nx.node_link_graph(data, edges="links")` gives a `MultiDiGraph` keyed by type.
pub fn write_relations(
    graph: &ActorGraph,
    types: &[RelationType],
    out: &mut dyn Write,
) -> io::Result<()> {
    let g = &graph.relations;
    let doc = RelationNodeLink {
        directed: true,
        multigraph: true,
        graph: RelationInfo {
            run: &graph.info,
            relation_types: types
                .iter()
                .map(|t| TypeInfo {
                    name: &t.name,
                    cameo: &t.cameo,
                    label: &t.label,
                    color: &t.color,
                    symmetric: t.symmetric,
                })
                .collect(),
        },
        nodes: g.node_weights().collect(),
        links: g
            .edge_indices()
            .map(|e| {
                let (a, b) = g.edge_endpoints(e).expect("edge exists");
                RelationLink {
                    source: &g[a].id,
                    target: &g[b].id,
                    key: &g[e].relation,
                    weight: g[e].count,
                    edge: &g[e],
                }
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

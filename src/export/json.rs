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

use crate::graph::{ActorGraph, Edge, Node, RunInfo};
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

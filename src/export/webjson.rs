//! JSON for web graph libraries: Cytoscape.js elements (`.cyjs`, also opened by Cytoscape
//! desktop) and graphology's serialisation (opened by Gephi Lite and sigma.js).
//!
//! Both carry the tool's layout (`x`/`y`, or `position`), the kind's colour, a size from the
//! mentions, every node attribute, and every edge attribute with its evidence. Objects are
//! written with sorted keys, so the same graph gives the same bytes.

use super::net::{Net, Which, kind_color, node_size};
use crate::graph::Node;
use serde_json::{Map, Value, json};
use std::io::{self, Write};

/// A node's attributes as a JSON object (as in graph.json).
pub(crate) fn node_data(n: &Node) -> Map<String, Value> {
    match serde_json::to_value(n) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// An edge's attributes as a JSON object: weight, documents, kind (and type, key, cameo and
/// label for relations), dates, timeline and evidence.
pub(crate) fn edge_data(net: &Net, e: &super::net::NetEdge) -> Map<String, Value> {
    let mut d = Map::new();
    d.insert("weight".into(), json!(e.weight));
    d.insert("count".into(), json!(e.count));
    d.insert("documents".into(), json!(e.documents));
    d.insert("kind".into(), json!(e.kind));
    if net.which == Which::Relations {
        d.insert("type".into(), json!(e.kind));
        d.insert("key".into(), json!(e.kind));
    }
    if let Some(c) = e.cameo {
        d.insert("cameo".into(), json!(c));
    }
    if let Some(c) = e.confidence {
        d.insert("confidence".into(), json!(c));
    }
    if let Some(l) = e.label {
        d.insert("label".into(), json!(l));
    }
    if let Some(f) = e.first_date {
        d.insert("first_date".into(), json!(f));
    }
    if let Some(l) = e.last_date {
        d.insert("last_date".into(), json!(l));
    }
    if !e.timeline.is_empty() {
        d.insert("timeline".into(), json!(e.timeline));
    }
    let evidence: Vec<Value> = e
        .evidence
        .iter()
        .map(|q| {
            let mut o = Map::new();
            o.insert("doc".into(), json!(q.doc));
            if let Some(d) = q.date {
                o.insert("date".into(), json!(d));
            }
            o.insert("text".into(), json!(q.text));
            if let Some(c) = q.cue {
                o.insert("cue".into(), json!(c));
            }
            if let Some(c) = q.confidence {
                o.insert("confidence".into(), json!(c));
            }
            if let Some(r) = q.rule {
                o.insert("rule".into(), json!(r));
            }
            Value::Object(o)
        })
        .collect();
    d.insert("evidence".into(), Value::Array(evidence));
    d
}

fn finish(value: &Value, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

/// Writes Cytoscape.js elements JSON (the `.cyjs` layout Cytoscape desktop imports, with the
/// `directed`/`multigraph` flags and node `value`s that `networkx.cytoscape_graph` reads).
pub fn write_cytoscape(net: &Net, out: &mut dyn Write) -> io::Result<()> {
    let nodes: Vec<Value> = net
        .nodes
        .iter()
        .zip(&net.positions)
        .map(|(n, p)| {
            let mut d = node_data(n);
            d.insert("name".into(), json!(n.label));
            d.insert("value".into(), json!(n.id));
            d.insert("color".into(), json!(kind_color(n.kind)));
            d.insert("size".into(), json!(node_size(n.mentions)));
            json!({"data": d, "position": {"x": p.x, "y": p.y}})
        })
        .collect();
    let edges: Vec<Value> = net
        .edges
        .iter()
        .map(|e| {
            let mut d = edge_data(net, e);
            d.insert("id".into(), json!(e.id));
            d.insert("source".into(), json!(net.nodes[e.source].id));
            d.insert("target".into(), json!(net.nodes[e.target].id));
            if let Some(c) = e.color {
                d.insert("color".into(), json!(c));
            }
            json!({"data": d})
        })
        .collect();
    let doc = json!({
        "format_version": "1.0",
        "generated_by": net.info.generator,
        "target_cytoscapejs_version": "~3.30",
        "directed": net.directed,
        "multigraph": net.directed,
        "data": {"name": net.which.stem(), "run": net.info},
        "elements": {"nodes": nodes, "edges": edges},
    });
    finish(&doc, out)
}

/// Writes graphology's serialised graph: `{attributes, options, nodes: [{key, attributes}],
/// edges: [{key, source, target, attributes}]}` with `x`, `y`, `size`, `color` and `label` as
/// sigma.js and Gephi Lite expect them.
pub fn write_graphology(net: &Net, out: &mut dyn Write) -> io::Result<()> {
    let nodes: Vec<Value> = net
        .nodes
        .iter()
        .zip(&net.positions)
        .map(|(n, p)| {
            let mut a = node_data(n);
            a.remove("id");
            a.insert("x".into(), json!(p.x));
            a.insert("y".into(), json!(p.y));
            a.insert("size".into(), json!(node_size(n.mentions)));
            a.insert("color".into(), json!(kind_color(n.kind)));
            json!({"key": n.id, "attributes": a})
        })
        .collect();
    let edges: Vec<Value> = net
        .edges
        .iter()
        .map(|e| {
            let mut a = edge_data(net, e);
            // sigma.js reads `type` as the name of the edge renderer: the relation type is
            // `relation` here.
            a.remove("key");
            if let Some(t) = a.remove("type") {
                a.insert("relation".into(), t);
            }
            a.insert(
                "size".into(),
                json!(((1.0 + (e.count as f64).sqrt()) * 100.0).round() / 100.0),
            );
            if let Some(c) = e.color {
                a.insert("color".into(), json!(c));
            }
            json!({
                "key": e.id,
                "source": net.nodes[e.source].id,
                "target": net.nodes[e.target].id,
                "attributes": a,
            })
        })
        .collect();
    let doc = json!({
        "attributes": {"name": net.which.stem(), "run": net.info},
        "options": {
            "type": if net.directed { "directed" } else { "undirected" },
            "multi": net.directed,
            "allowSelfLoops": false,
        },
        "nodes": nodes,
        "edges": edges,
    });
    finish(&doc, out)
}

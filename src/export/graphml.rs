//! GraphML for yEd, igraph and networkx, with typed attribute keys.
//!
//! Keys are named after the attributes (`label`, `kind`, `mentions`, ...; `weight` on edges),
//! so `networkx.read_graphml` gives typed values under the same names as `graph.json`. Nodes
//! also carry `x`, `y`, `size` and `color` (the tool's layout and the kind's colour), which
//! Gephi's GraphML import and yEd's property mapper pick up. Relations are a directed graph
//! with one edge per source, target and type; the edge id is `source->target:type`.

use super::net::{
    FieldType, NODE_FIELDS, Net, edge_fields, edge_values, kind_color, node_size, node_values,
};
use super::xml::Xml;
use std::io::{self, Write};

fn graphml_type(t: FieldType) -> &'static str {
    match t {
        FieldType::Text => "string",
        FieldType::Integer => "long",
        FieldType::Real => "double",
        FieldType::Boolean => "boolean",
    }
}

/// Writes `net` as a GraphML document.
pub fn write(net: &Net, out: &mut dyn Write) -> io::Result<()> {
    let mut x = Xml::new(out)?;
    x.open(
        "graphml",
        &[
            ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ],
    )?;
    let mut node_keys: Vec<(&str, FieldType)> = vec![("label", FieldType::Text)];
    node_keys.extend(NODE_FIELDS);
    node_keys.extend([
        ("x", FieldType::Real),
        ("y", FieldType::Real),
        ("size", FieldType::Real),
        ("color", FieldType::Text),
    ]);
    let mut edge_keys: Vec<(&str, FieldType)> = vec![("weight", FieldType::Real)];
    edge_keys.extend(edge_fields(net.which));
    // Key ids must be unique across domains: edge keys that share a node key's name get an
    // `e_` prefix in their id (the attribute name stays the same).
    for (name, ty) in &node_keys {
        x.empty(
            "key",
            &[
                ("id", name),
                ("for", "node"),
                ("attr.name", name),
                ("attr.type", graphml_type(*ty)),
            ],
        )?;
    }
    let edge_id = |name: &str| format!("e_{name}");
    for (name, ty) in &edge_keys {
        x.empty(
            "key",
            &[
                ("id", &edge_id(name)),
                ("for", "edge"),
                ("attr.name", name),
                ("attr.type", graphml_type(*ty)),
            ],
        )?;
    }
    x.open(
        "graph",
        &[
            ("id", net.which.stem()),
            (
                "edgedefault",
                if net.directed {
                    "directed"
                } else {
                    "undirected"
                },
            ),
        ],
    )?;
    for (node, pos) in net.nodes.iter().zip(&net.positions) {
        x.open("node", &[("id", &node.id)])?;
        let mut values = vec![Some(node.label.clone())];
        values.extend(node_values(node));
        values.extend([
            Some(pos.x.to_string()),
            Some(pos.y.to_string()),
            Some(node_size(node.mentions).to_string()),
            Some(kind_color(node.kind).to_string()),
        ]);
        for ((name, _), value) in node_keys.iter().zip(&values) {
            if let Some(v) = value {
                x.text("data", &[("key", name)], v)?;
            }
        }
        x.close("node")?;
    }
    for e in &net.edges {
        x.open(
            "edge",
            &[
                ("id", &e.id),
                ("source", &net.nodes[e.source].id),
                ("target", &net.nodes[e.target].id),
            ],
        )?;
        let mut values = vec![Some(e.weight.to_string())];
        values.extend(edge_values(e, net.which));
        for ((name, _), value) in edge_keys.iter().zip(&values) {
            if let Some(v) = value {
                x.text("data", &[("key", &edge_id(name))], v)?;
            }
        }
        x.close("edge")?;
    }
    x.close("graph")?;
    x.close("graphml")?;
    x.finish()
}

//! GEXF 1.3 for Gephi, valid against the official schema.
//!
//! The graph is dynamic (`mode="dynamic"`, `timeformat="date"`): each node and edge carries
//! spells covering the months of the dated articles that support it (consecutive months merged,
//! a month running from its first to its last day), so Gephi's timeline replays the network
//! month by month. Elements supported only by undated articles have no spells, which Gephi
//! reads as "always present". Attributes are declared with types; colours, sizes and positions
//! (from [`crate::layout`]) use the schema's `color`, `size` and `position` elements, so the
//! file opens laid out and coloured by kind. Relations are a directed graph whose edges have
//! `kind` set to the relation type (Gephi's edge type), coloured and labelled by type.

use super::net::{
    FieldType, NODE_FIELDS, Net, Which, edge_fields, edge_values, kind_color, month_spells,
    node_size, node_values, rgb,
};
use super::xml::Xml;
use std::collections::BTreeMap;
use std::io::{self, Write};

fn gexf_type(t: FieldType) -> &'static str {
    match t {
        FieldType::Text => "string",
        FieldType::Integer => "long",
        FieldType::Real => "double",
        FieldType::Boolean => "boolean",
    }
}

fn declare<W: Write>(x: &mut Xml<W>, class: &str, fields: &[(&str, FieldType)]) -> io::Result<()> {
    x.open("attributes", &[("class", class), ("mode", "static")])?;
    for (name, ty) in fields {
        x.empty(
            "attribute",
            &[("id", name), ("title", name), ("type", gexf_type(*ty))],
        )?;
    }
    x.close("attributes")
}

fn attvalues<W: Write>(
    x: &mut Xml<W>,
    fields: &[(&str, FieldType)],
    values: &[Option<String>],
) -> io::Result<()> {
    if values.iter().all(Option::is_none) {
        return Ok(());
    }
    x.open("attvalues", &[])?;
    for ((name, _), value) in fields.iter().zip(values) {
        if let Some(v) = value {
            x.empty("attvalue", &[("for", name), ("value", v)])?;
        }
    }
    x.close("attvalues")
}

fn spells<W: Write>(x: &mut Xml<W>, timeline: &BTreeMap<String, u64>) -> io::Result<()> {
    let spells = month_spells(timeline);
    if spells.is_empty() {
        return Ok(());
    }
    x.open("spells", &[])?;
    for (start, end) in &spells {
        x.empty("spell", &[("start", start), ("end", end)])?;
    }
    x.close("spells")
}

fn color<W: Write>(x: &mut Xml<W>, hex: &str) -> io::Result<()> {
    let (r, g, b) = rgb(hex);
    x.empty(
        "color",
        &[
            ("r", &r.to_string()),
            ("g", &g.to_string()),
            ("b", &b.to_string()),
        ],
    )
}

/// Writes `net` as a GEXF 1.3 document.
pub fn write(net: &Net, out: &mut dyn Write) -> io::Result<()> {
    let mut x = Xml::new(out)?;
    x.open(
        "gexf",
        &[
            ("xmlns", "http://gexf.net/1.3"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            ),
            ("version", "1.3"),
        ],
    )?;
    x.open("meta", &[])?;
    x.text("creator", &[], &net.info.generator)?;
    let what = match net.which {
        Which::Cooccurrence => format!(
            "Actors named in the same {} in {} articles; edge weight = {}",
            net.info.window,
            net.info.articles,
            crate::analysis::WeightKind::describe_name(&net.info.weight)
        ),
        Which::Relations => format!(
            "Typed, directed relations between actors read from {} articles; edge weight = sentences stating it, kind = relation type",
            net.info.articles
        ),
    };
    x.text("description", &[], &what)?;
    x.close("meta")?;
    x.open(
        "graph",
        &[
            ("mode", "dynamic"),
            ("timeformat", "date"),
            (
                "defaultedgetype",
                if net.directed {
                    "directed"
                } else {
                    "undirected"
                },
            ),
            ("idtype", "string"),
        ],
    )?;
    declare(&mut x, "node", &NODE_FIELDS)?;
    let efields = edge_fields(net.which);
    declare(&mut x, "edge", &efields)?;

    x.open("nodes", &[("count", &net.nodes.len().to_string())])?;
    for (node, pos) in net.nodes.iter().zip(&net.positions) {
        x.open("node", &[("id", &node.id), ("label", &node.label)])?;
        attvalues(&mut x, &NODE_FIELDS, &node_values(node))?;
        spells(&mut x, &node.timeline)?;
        color(&mut x, kind_color(node.kind))?;
        x.empty(
            "position",
            &[
                ("x", &pos.x.to_string()),
                ("y", &pos.y.to_string()),
                ("z", "0"),
            ],
        )?;
        x.empty("size", &[("value", &node_size(node.mentions).to_string())])?;
        x.close("node")?;
    }
    x.close("nodes")?;

    x.open("edges", &[("count", &net.edges.len().to_string())])?;
    for e in &net.edges {
        let weight = e.weight.to_string();
        let mut attrs = vec![
            ("id", e.id.as_str()),
            ("source", net.nodes[e.source].id.as_str()),
            ("target", net.nodes[e.target].id.as_str()),
            ("weight", weight.as_str()),
            ("kind", e.kind),
        ];
        if let Some(label) = e.label {
            attrs.push(("label", label));
        }
        x.open("edge", &attrs)?;
        attvalues(&mut x, &efields, &edge_values(e, net.which))?;
        spells(&mut x, e.timeline)?;
        if let Some(c) = e.color {
            color(&mut x, c)?;
        }
        x.close("edge")?;
    }
    x.close("edges")?;
    x.close("graph")?;
    x.close("gexf")?;
    x.finish()
}

//! CSV in Gephi's spreadsheet-import conventions (File → Import spreadsheet, or Data
//! Laboratory → Import spreadsheet).
//!
//! - `nodes.csv`: `Id,Label`, the node attributes, and `Timeset` (the months the actor is
//!   named, as Gephi's interval set `<[2021-07-01, 2021-08-31]; [...]>`).
//! - `edges.csv` (co-occurrence) and `relations.csv` (relations): `Source,Target,Type,Weight`
//!   (`Type` is `Undirected` or `Directed`), then `Id`, `Label`, `Kind` (`cooccurrence` or the
//!   relation type, Gephi's edge type), the edge attributes and `Timeset`.
//!
//! Fields are quoted only when needed (RFC 4180); evidence keeps its line breaks inside quotes.

use super::net::{NODE_FIELDS, Net, edge_fields, edge_values, month_spells, node_values};
use crate::graph::Node;
use std::collections::BTreeMap;
use std::io::{self, Write};

fn timeset(timeline: &BTreeMap<String, u64>) -> String {
    let spells = month_spells(timeline);
    if spells.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = spells.iter().map(|(s, e)| format!("[{s}, {e}]")).collect();
    format!("<{}>", parts.join("; "))
}

fn writer(out: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::WriterBuilder::new().from_writer(out)
}

fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Writes `nodes.csv`: every actor of the given graphs, once, in id order.
pub fn write_nodes(nets: &[&Net], out: &mut dyn Write) -> io::Result<()> {
    let mut nodes: BTreeMap<&str, &Node> = BTreeMap::new();
    for net in nets {
        for n in &net.nodes {
            nodes.entry(n.id.as_str()).or_insert(n);
        }
    }
    let mut w = writer(out);
    let mut header = vec!["Id", "Label"];
    header.extend(NODE_FIELDS.iter().map(|(name, _)| *name));
    header.push("Timeset");
    w.write_record(&header).map_err(io_error)?;
    for node in nodes.values() {
        let mut row = vec![node.id.clone(), node.label.clone()];
        row.extend(node_values(node).into_iter().map(Option::unwrap_or_default));
        row.push(timeset(&node.timeline));
        w.write_record(&row).map_err(io_error)?;
    }
    w.flush()
}

/// Writes the edges of `net` (`edges.csv` or `relations.csv`).
pub fn write_edges(net: &Net, out: &mut dyn Write) -> io::Result<()> {
    let mut w = writer(out);
    let fields = edge_fields(net.which);
    let mut header = vec!["Source", "Target", "Type", "Weight", "Id", "Label", "Kind"];
    header.extend(fields.iter().map(|(name, _)| *name));
    header.push("Timeset");
    w.write_record(&header).map_err(io_error)?;
    let direction = if net.directed {
        "Directed"
    } else {
        "Undirected"
    };
    for e in &net.edges {
        let mut row = vec![
            net.nodes[e.source].id.clone(),
            net.nodes[e.target].id.clone(),
            direction.to_string(),
            e.weight.to_string(),
            e.id.clone(),
            e.label.unwrap_or_default().to_string(),
            e.kind.to_string(),
        ];
        row.extend(
            edge_values(e, net.which)
                .into_iter()
                .map(Option::unwrap_or_default),
        );
        row.push(timeset(e.timeline));
        w.write_record(&row).map_err(io_error)?;
    }
    w.flush()
}

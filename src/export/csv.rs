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

/// Writes `actors.csv` of a `--by` run: one row per period and actor with its mentions,
/// degree, weighted degree, community, and the ties gained and lost since the period before
/// (counts, then the neighbours' ids separated by `;`).
pub fn write_changes(
    rows: &[crate::analysis::time::ActorChange],
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut w = writer(out);
    w.write_record([
        "period",
        "id",
        "label",
        "kind",
        "mentions",
        "degree",
        "weighted_degree",
        "community",
        "ties_gained",
        "ties_lost",
        "gained",
        "lost",
    ])
    .map_err(io_error)?;
    for r in rows {
        w.write_record([
            r.period.to_string(),
            r.id.to_string(),
            r.label.to_string(),
            r.kind.to_string(),
            r.mentions.to_string(),
            r.degree.to_string(),
            r.weighted_degree.to_string(),
            r.community.to_string(),
            r.gained.len().to_string(),
            r.lost.len().to_string(),
            r.gained.join(";"),
            r.lost.join(";"),
        ])
        .map_err(io_error)?;
    }
    w.flush()
}

/// Writes `periods.csv` of a `--by` run: per period, the articles, actors, ties, relations,
/// density, communities and modularity.
pub fn write_periods(
    periods: &BTreeMap<String, crate::graph::ActorGraph>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut w = writer(out);
    w.write_record([
        "period",
        "articles",
        "actors",
        "ties",
        "relations",
        "density",
        "communities",
        "modularity",
    ])
    .map_err(io_error)?;
    for (name, g) in periods {
        let n = g.graph.node_count() as f64;
        let density = if n > 1.0 {
            ((g.graph.edge_count() as f64 / (n * (n - 1.0) / 2.0)) * 1e6).round() / 1e6
        } else {
            0.0
        };
        w.write_record([
            name.clone(),
            g.info.articles.to_string(),
            g.graph.node_count().to_string(),
            g.graph.edge_count().to_string(),
            g.relations.edge_count().to_string(),
            density.to_string(),
            g.info.communities.to_string(),
            g.info.modularity.to_string(),
        ])
        .map_err(io_error)?;
    }
    w.flush()
}

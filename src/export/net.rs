//! One flat view of either graph (co-occurrence or relations) that the table-like formats
//! (GEXF, GraphML, CSV, Cytoscape.js, graphology) write, so that each of them is one function
//! for both graphs.

use crate::dictionary::Kind;
use crate::dictionary::cues::RelationType;
use crate::graph::{ActorGraph, Node, RunInfo};
use crate::layout::{Point, layout};
use std::collections::{BTreeMap, HashMap};

/// Which of the two graphs a [`Net`] shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Undirected co-occurrence edges (`graph.*`).
    Cooccurrence,
    /// Directed, typed relation edges (`relations.*`).
    Relations,
}

impl Which {
    /// The file stem: `graph` or `relations`.
    pub fn stem(self) -> &'static str {
        match self {
            Which::Cooccurrence => "graph",
            Which::Relations => "relations",
        }
    }
}

/// A quoted sentence behind an edge.
#[derive(Debug, Clone)]
pub struct Quote<'a> {
    pub doc: &'a str,
    pub date: Option<&'a str>,
    pub text: &'a str,
    /// For relations: the cue as written.
    pub cue: Option<&'a str>,
    /// For relations: the reading's confidence (0 to 1) and the rule that chose its parties.
    pub confidence: Option<f64>,
    pub rule: Option<&'a str>,
}

/// An edge of a [`Net`].
#[derive(Debug, Clone)]
pub struct NetEdge<'a> {
    /// Indices into [`Net::nodes`].
    pub source: usize,
    pub target: usize,
    /// Unique and stable: `a--b` for co-occurrence, `a->b:type` for relations.
    pub id: String,
    /// `cooccurrence`, or the relation type.
    pub kind: &'a str,
    /// The relation's CAMEO root code.
    pub cameo: Option<&'a str>,
    /// The relation type's colour (`#RRGGBB`).
    pub color: Option<&'a str>,
    /// The relation type's label ("attacks").
    pub label: Option<&'a str>,
    /// The exported weight: `--weight`'s measure (co-occurrence) or sentences (relations).
    pub weight: f64,
    /// Windows (co-occurrence) or sentences (relations).
    pub count: u64,
    /// For relations: the highest confidence of its sentences (0 to 1).
    pub confidence: Option<f64>,
    pub documents: u64,
    pub first_date: Option<&'a str>,
    pub last_date: Option<&'a str>,
    pub timeline: &'a BTreeMap<String, u64>,
    pub evidence: Vec<Quote<'a>>,
}

/// A graph as nodes (in id order) and edges (in source, target, type order), with positions.
#[derive(Debug, Clone)]
pub struct Net<'a> {
    pub which: Which,
    pub directed: bool,
    pub info: &'a RunInfo,
    pub nodes: Vec<&'a Node>,
    /// One position per node, from [`positions`].
    pub positions: Vec<Point>,
    pub edges: Vec<NetEdge<'a>>,
}

/// Positions of every actor in either graph, from one layout of both edge sets together, so a
/// node sits at the same place in every export. Keyed by node id.
pub fn positions(graph: &ActorGraph) -> HashMap<String, Point> {
    let mut ids: Vec<&str> = graph
        .graph
        .node_weights()
        .chain(graph.relations.node_weights())
        .map(|n| n.id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut edges = Vec::new();
    let g = &graph.graph;
    for e in g.edge_indices() {
        let (a, b) = g.edge_endpoints(e).expect("edge exists");
        edges.push((
            index[g[a].id.as_str()],
            index[g[b].id.as_str()],
            g[e].weight.max(0.0),
        ));
    }
    let r = &graph.relations;
    for e in r.edge_indices() {
        let (a, b) = r.edge_endpoints(e).expect("edge exists");
        edges.push((
            index[r[a].id.as_str()],
            index[r[b].id.as_str()],
            r[e].count as f64,
        ));
    }
    let points = layout(ids.len(), &edges);
    ids.into_iter().map(String::from).zip(points).collect()
}

impl<'a> Net<'a> {
    /// The view of one of `graph`'s two graphs; `types` gives relation colours.
    pub fn of(
        graph: &'a ActorGraph,
        which: Which,
        types: &'a [RelationType],
        positions: &HashMap<String, Point>,
    ) -> Net<'a> {
        let at = |n: &Node| {
            positions
                .get(&n.id)
                .copied()
                .unwrap_or(Point { x: 0.0, y: 0.0 })
        };
        let (nodes, edges): (Vec<&Node>, Vec<NetEdge>) = match which {
            Which::Cooccurrence => {
                let g = &graph.graph;
                let nodes: Vec<&Node> = g.node_weights().collect();
                let edges = g
                    .edge_indices()
                    .map(|e| {
                        let (a, b) = g.edge_endpoints(e).expect("edge exists");
                        let w = &g[e];
                        NetEdge {
                            source: a.index(),
                            target: b.index(),
                            id: format!("{}--{}", g[a].id, g[b].id),
                            kind: "cooccurrence",
                            cameo: None,
                            color: None,
                            label: None,
                            weight: w.weight,
                            count: w.count,
                            confidence: None,
                            documents: w.documents,
                            first_date: w.first_date.as_deref(),
                            last_date: w.last_date.as_deref(),
                            timeline: &w.timeline,
                            evidence: w
                                .evidence
                                .iter()
                                .map(|q| Quote {
                                    doc: &q.doc,
                                    date: q.date.as_deref(),
                                    text: &q.text,
                                    cue: None,
                                    confidence: None,
                                    rule: None,
                                })
                                .collect(),
                        }
                    })
                    .collect();
                (nodes, edges)
            }
            Which::Relations => {
                let g = &graph.relations;
                let nodes: Vec<&Node> = g.node_weights().collect();
                let edges = g
                    .edge_indices()
                    .map(|e| {
                        let (a, b) = g.edge_endpoints(e).expect("edge exists");
                        let w = &g[e];
                        let ty = types.iter().find(|t| t.name == w.relation);
                        NetEdge {
                            source: a.index(),
                            target: b.index(),
                            id: format!("{}->{}:{}", g[a].id, g[b].id, w.relation),
                            kind: &w.relation,
                            cameo: Some(&w.cameo),
                            color: ty.map(|t| t.color.as_str()),
                            label: ty.map(|t| t.label.as_str()),
                            weight: w.count as f64,
                            count: w.count,
                            confidence: Some(w.confidence),
                            documents: w.documents,
                            first_date: w.first_date.as_deref(),
                            last_date: w.last_date.as_deref(),
                            timeline: &w.timeline,
                            evidence: w
                                .evidence
                                .iter()
                                .map(|q| Quote {
                                    doc: &q.doc,
                                    date: q.date.as_deref(),
                                    text: &q.text,
                                    cue: Some(&q.cue),
                                    confidence: Some(q.confidence),
                                    rule: Some(&q.rule),
                                })
                                .collect(),
                        }
                    })
                    .collect();
                (nodes, edges)
            }
        };
        Net {
            which,
            directed: which == Which::Relations,
            info: &graph.info,
            positions: nodes.iter().map(|n| at(n)).collect(),
            nodes,
            edges,
        }
    }
}

/// The colour of a kind of actor (Okabe–Ito palette, safe for colour-blind readers).
pub fn kind_color(kind: Kind) -> &'static str {
    match kind {
        Kind::Group => "#E69F00",
        Kind::State => "#56B4E9",
        Kind::Person => "#F0E442",
        Kind::Place => "#009E73",
        Kind::Organization => "#CC79A7",
    }
}

/// `#RRGGBB` as numbers; black when malformed.
pub fn rgb(hex: &str) -> (u8, u8, u8) {
    if hex.len() != 7 || !hex.starts_with('#') {
        return (0, 0, 0);
    }
    let channel = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .unwrap_or(0)
    };
    (channel(1), channel(3), channel(5))
}

/// A node's drawn size from its mentions: 10 plus the square root, so area follows mentions.
pub fn node_size(mentions: u64) -> f64 {
    let s = 10.0 + 4.0 * (mentions as f64).sqrt();
    (s * 100.0).round() / 100.0
}

/// The roles a node held, as one line: `title (of X, from–to); ...`.
pub fn roles_text(node: &Node) -> String {
    node.roles
        .iter()
        .map(|r| {
            let role = &r.role;
            let mut extra = Vec::new();
            if let Some(of) = &role.of {
                extra.push(format!("of {of}"));
            }
            match (&role.from, &role.to) {
                (Some(f), Some(t)) => extra.push(format!("{f}–{t}")),
                (Some(f), None) => extra.push(format!("from {f}")),
                (None, Some(t)) => extra.push(format!("until {t}")),
                (None, None) => {}
            }
            if extra.is_empty() {
                role.title.clone()
            } else {
                format!("{} ({})", role.title, extra.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// An edge's quotes as one text: `[doc date] sentence` lines.
pub fn evidence_text(edge: &NetEdge) -> String {
    edge.evidence
        .iter()
        .map(|q| {
            let read = match (q.confidence, q.rule) {
                (Some(c), Some(r)) => format!(" ({r}, {c})"),
                _ => String::new(),
            };
            match q.date {
                Some(d) => format!("[{} {}]{read} {}", q.doc, d, q.text),
                None => format!("[{}]{read} {}", q.doc, q.text),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The months of a timeline as spells `(first day, last day)`, consecutive months merged:
/// `{2021-07, 2021-08, 2021-10}` gives `[(2021-07-01, 2021-08-31), (2021-10-01, 2021-10-31)]`.
pub fn month_spells(timeline: &BTreeMap<String, u64>) -> Vec<(String, String)> {
    let mut spells: Vec<((i32, u32), (i32, u32))> = Vec::new();
    for month in timeline.keys() {
        let Some(m) = parse_month(month) else {
            continue;
        };
        match spells.last_mut() {
            Some((_, end)) if next_month(*end) == m => *end = m,
            _ => spells.push((m, m)),
        }
    }
    spells
        .into_iter()
        .map(|((y0, m0), (y1, m1))| {
            (
                format!("{y0:04}-{m0:02}-01"),
                format!("{y1:04}-{m1:02}-{:02}", days_in_month(y1, m1)),
            )
        })
        .collect()
}

/// `YYYY-MM` as (year, month).
pub(crate) fn parse_month(s: &str) -> Option<(i32, u32)> {
    let (y, m) = s.split_once('-')?;
    let (y, m) = (y.parse().ok()?, m.parse().ok()?);
    (1..=12).contains(&m).then_some((y, m))
}

/// The month after.
pub(crate) fn next_month((y, m): (i32, u32)) -> (i32, u32) {
    if m == 12 { (y + 1, 1) } else { (y, m + 1) }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_months_merge_into_one_spell_ending_on_the_last_day() {
        let tl: BTreeMap<String, u64> = [
            "2021-07", "2021-08", "2021-10", "2023-12", "2024-01", "2024-02",
        ]
        .into_iter()
        .map(|m| (m.to_string(), 1))
        .collect();
        assert_eq!(
            month_spells(&tl),
            vec![
                ("2021-07-01".into(), "2021-08-31".into()),
                ("2021-10-01".into(), "2021-10-31".into()),
                ("2023-12-01".into(), "2024-02-29".into()),
            ]
        );
        assert!(month_spells(&BTreeMap::new()).is_empty());
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
    }

    #[test]
    fn rgb_reads_hex_colours() {
        assert_eq!(rgb("#E69F00"), (0xE6, 0x9F, 0x00));
        assert_eq!(rgb("bad"), (0, 0, 0));
    }
}

/// The type of an attribute column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    Text,
    Integer,
    Real,
    Boolean,
}

/// Node attribute columns, in the order every table-like format writes them.
pub const NODE_FIELDS: [(&str, FieldType); 19] = [
    ("kind", FieldType::Text),
    ("mentions", FieldType::Integer),
    ("windows", FieldType::Integer),
    ("documents", FieldType::Integer),
    ("degree", FieldType::Integer),
    ("weighted_degree", FieldType::Real),
    ("betweenness", FieldType::Real),
    ("pagerank", FieldType::Real),
    ("community", FieldType::Integer),
    ("first_date", FieldType::Text),
    ("last_date", FieldType::Text),
    ("roles", FieldType::Text),
    ("country", FieldType::Text),
    ("subtype", FieldType::Text),
    ("acts_for", FieldType::Text),
    ("lat", FieldType::Real),
    ("lon", FieldType::Real),
    ("provisional", FieldType::Boolean),
    ("rule", FieldType::Text),
];

/// A node's values for [`NODE_FIELDS`]; `None` where it has none.
pub fn node_values(n: &Node) -> [Option<String>; 19] {
    let a = &n.attributes;
    let m = &n.measures;
    let roles = roles_text(n);
    [
        Some(n.kind.to_string()),
        Some(n.mentions.to_string()),
        Some(n.windows.to_string()),
        Some(n.documents.to_string()),
        Some(m.degree.to_string()),
        Some(m.weighted_degree.to_string()),
        Some(m.betweenness.to_string()),
        Some(m.pagerank.to_string()),
        Some(m.community.to_string()),
        n.first_date.clone(),
        n.last_date.clone(),
        (!roles.is_empty()).then_some(roles),
        a.country.clone(),
        a.subtype.clone(),
        a.acts_for.clone(),
        a.lat.map(|v| v.to_string()),
        a.lon.map(|v| v.to_string()),
        Some(a.provisional.to_string()),
        a.rule.clone(),
    ]
}

/// Edge attribute columns besides the weight: relations add their type and CAMEO code.
pub fn edge_fields(which: Which) -> Vec<(&'static str, FieldType)> {
    let mut fields = Vec::new();
    if which == Which::Relations {
        fields.push(("relation", FieldType::Text));
        fields.push(("cameo", FieldType::Text));
        fields.push(("confidence", FieldType::Real));
    }
    fields.extend([
        ("count", FieldType::Integer),
        ("documents", FieldType::Integer),
        ("first_date", FieldType::Text),
        ("last_date", FieldType::Text),
        ("evidence", FieldType::Text),
    ]);
    fields
}

/// An edge's values for [`edge_fields`].
pub fn edge_values(e: &NetEdge, which: Which) -> Vec<Option<String>> {
    let mut values = Vec::new();
    if which == Which::Relations {
        values.push(Some(e.kind.to_string()));
        values.push(e.cameo.map(String::from));
        values.push(e.confidence.map(|c| c.to_string()));
    }
    let evidence = evidence_text(e);
    values.extend([
        Some(e.count.to_string()),
        Some(e.documents.to_string()),
        e.first_date.map(String::from),
        e.last_date.map(String::from),
        (!evidence.is_empty()).then_some(evidence),
    ]);
    values
}

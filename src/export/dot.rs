//! Graphviz DOT, built as a `graphviz-rust` syntax tree and printed by it.
//!
//! Nodes are coloured and shaped by kind (a legend table sits under the drawing), sized by
//! mentions; edge width grows with weight. Isolated actors are left out of the drawing (they
//! remain in the JSON), `--max-nodes` keeps the actors with the highest weighted degree, and
//! `--ties-per-actor` keeps each drawn actor's strongest ties, so large corpora still give a
//! readable picture.
//!
//! The file carries its own layout: the drawn actors and ties are laid out by
//! [`crate::layout`] (ForceAtlas2) and every node's position is pinned (`pos="x,y!"`, in
//! points). The file names the `nop` engine (Graphviz's `neato -n`), which only removes
//! overlaps between labels and draws straight ties, so `dot -Tsvg graph.dot` takes a fraction
//! of a second where a Graphviz layout of a dense drawing took minutes.
//!
//! `graphviz-rust` prints identifiers verbatim, so every string is quoted and escaped here by
//! [`quote`].

use crate::dictionary::Kind;
use crate::dictionary::cues::RelationType;
use crate::graph::ActorGraph;
use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt,
    Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::EdgeType;
use petgraph::graph::{EdgeIndex, NodeIndex};
use std::collections::BTreeSet;
use std::io::{self, Write};

/// Options for the drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DotOptions {
    /// Keep at most this many actors (by weighted degree); `0` keeps all.
    pub max_nodes: usize,
    /// Draw a tie only when it is among the this many strongest of one of its ends; `0`
    /// draws all ties between drawn actors.
    pub ties_per_actor: usize,
}

/// Ties drawn per actor by default.
pub const TIES_PER_ACTOR: usize = 5;

impl Default for DotOptions {
    fn default() -> Self {
        DotOptions {
            max_nodes: 200,
            ties_per_actor: TIES_PER_ACTOR,
        }
    }
}

/// The edges among `edges` that are among the `k` strongest at one of their ends (by
/// `strength`, ties by the edge's order), in their order; all of them when `k` is 0.
fn strongest<N, E, Ty: EdgeType>(
    g: &petgraph::Graph<N, E, Ty>,
    edges: Vec<EdgeIndex>,
    k: usize,
    strength: impl Fn(EdgeIndex) -> f64,
) -> Vec<EdgeIndex> {
    if k == 0 {
        return edges;
    }
    let mut at: std::collections::HashMap<NodeIndex, Vec<usize>> = Default::default();
    for (i, &e) in edges.iter().enumerate() {
        let (a, b) = g.edge_endpoints(e).expect("edge exists");
        at.entry(a).or_default().push(i);
        if a != b {
            at.entry(b).or_default().push(i);
        }
    }
    let mut keep = vec![false; edges.len()];
    for list in at.values_mut() {
        list.sort_by(|&x, &y| {
            strength(edges[y])
                .total_cmp(&strength(edges[x]))
                .then(x.cmp(&y))
        });
        for &i in list.iter().take(k) {
            keep[i] = true;
        }
    }
    edges
        .into_iter()
        .zip(keep)
        .filter_map(|(e, k)| k.then_some(e))
        .collect()
}

/// Pinned positions (`"x,y!"`) of the `drawn` nodes, from a layout of the drawn `edges`
/// weighted by `strength`; one unit of [`crate::layout`] is one point, so a median tie is
/// 100 points long.
fn pinned<N, E, Ty: EdgeType>(
    g: &petgraph::Graph<N, E, Ty>,
    drawn: &BTreeSet<NodeIndex>,
    edges: &[EdgeIndex],
    strength: impl Fn(EdgeIndex) -> f64,
) -> std::collections::HashMap<NodeIndex, Id> {
    let index: std::collections::HashMap<NodeIndex, usize> =
        drawn.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let ties: Vec<(usize, usize, f64)> = edges
        .iter()
        .map(|&e| {
            let (a, b) = g.edge_endpoints(e).expect("edge exists");
            (index[&a], index[&b], strength(e).max(0.0))
        })
        .collect();
    let points = crate::layout::layout(drawn.len(), &ties);
    drawn
        .iter()
        .zip(points)
        .map(|(&n, p)| {
            let pos = format!("{:.1},{:.1}!", p.x, p.y);
            (n, esc(&pos))
        })
        .collect()
}

/// Fill colour and shape for each kind (colour-blind-safe Okabe–Ito palette).
pub fn style(kind: Kind) -> (&'static str, &'static str) {
    let shape = match kind {
        Kind::Group => "octagon",
        Kind::State => "box",
        Kind::Person => "ellipse",
        Kind::Place => "house",
        Kind::Organization => "hexagon",
    };
    (super::net::kind_color(kind), shape)
}

/// Quotes a string as a DOT double-quoted identifier: `"` and `\` are escaped, line breaks
/// become `\n` (a centred line break in a label), other control characters are dropped.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// "1 article", "2 articles".
fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn esc(s: &str) -> Id {
    Id::Escaped(quote(s))
}

fn attr(name: &str, value: Id) -> Attribute {
    Attribute(Id::Plain(name.to_string()), value)
}

fn num(value: f64) -> Id {
    Id::Plain(format!("{value:.2}"))
}

/// Line width from an edge's weight: on a log scale for counts, linear between the smallest
/// and largest drawn weight for association measures (PMI can be negative).
struct Thickness {
    min: f64,
    max: f64,
    log: bool,
}

impl Thickness {
    fn of(weights: &[f64], kind: &str) -> Thickness {
        let max = weights.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let min = weights.iter().copied().fold(f64::INFINITY, f64::min);
        Thickness {
            min,
            max,
            log: kind == "count" || kind == "documents",
        }
    }

    /// 0 for the lightest edge, 1 for the heaviest.
    fn scale(&self, w: f64) -> f64 {
        if self.log {
            w.max(0.0).ln_1p() / self.max.max(1.0).ln_1p()
        } else if self.max > self.min {
            (w - self.min) / (self.max - self.min)
        } else {
            1.0
        }
    }
}

/// The node indices drawn: non-isolated actors, at most `max_nodes` by weighted degree.
fn chosen(graph: &ActorGraph, max_nodes: usize) -> BTreeSet<NodeIndex> {
    let degree = graph.weighted_degrees();
    let g = &graph.graph;
    let mut nodes: Vec<NodeIndex> = g
        .node_indices()
        .filter(|&n| g.neighbors(n).next().is_some())
        .collect();
    nodes.sort_by(|a, b| {
        degree[b.index()]
            .total_cmp(&degree[a.index()])
            .then_with(|| g[*a].id.cmp(&g[*b].id))
    });
    if max_nodes > 0 {
        nodes.truncate(max_nodes);
    }
    nodes.into_iter().collect()
}

fn legend(kinds: &BTreeSet<Kind>, caption: &str) -> Id {
    let mut cells = String::new();
    for &kind in kinds {
        let (colour, shape) = style(kind);
        cells.push_str(&format!("<TD BGCOLOR=\"{colour}\"> {kind} ({shape}) </TD>"));
    }
    if cells.is_empty() {
        // Graphviz refuses an empty table row.
        cells.push_str("<TD> </TD>");
    }
    let caption = html(caption);
    Id::Html(format!(
        "<<TABLE BORDER=\"0\" CELLSPACING=\"4\"><TR><TD COLSPAN=\"{}\">{caption}</TD></TR><TR>{cells}</TR></TABLE>>",
        kinds.len().max(1)
    ))
}

/// Builds the DOT syntax tree.
pub fn to_dot(graph: &ActorGraph, options: &DotOptions) -> Graph {
    let g = &graph.graph;
    let drawn = chosen(graph, options.max_nodes);
    let with_edges = g
        .node_indices()
        .filter(|&n| g.neighbors(n).next().is_some())
        .count();
    let max_mentions = drawn
        .iter()
        .map(|&n| g[n].mentions)
        .max()
        .unwrap_or(1)
        .max(1);
    let between = edges_between(g, &drawn);
    let all_ties = between.len();
    let edges = strongest(g, between, options.ties_per_actor, |e| g[e].weight);
    let weights: Vec<f64> = edges.iter().map(|&e| g[e].weight).collect();
    let thickness = Thickness::of(&weights, &graph.info.weight);
    let pos = pinned(g, &drawn, &edges, |e| g[e].weight);

    let mut caption = format!(
        "{}, {} from {} ({} windows)",
        count(drawn.len() as u64, "actor"),
        count(edges.len() as u64, "tie"),
        count(graph.info.articles, "article"),
        graph.info.window
    );
    if edges.len() < all_ties {
        caption.push_str(&format!(
            "; each actor's {} strongest of {all_ties} ties",
            options.ties_per_actor
        ));
    }
    let isolated = g.node_count() - with_edges;
    if drawn.len() < with_edges {
        caption.push_str(&format!(
            "; top {} of {} connected actors by weighted degree",
            drawn.len(),
            with_edges
        ));
    }
    if isolated > 0 {
        caption.push_str(&format!(
            "; {} without ties not drawn",
            count(isolated as u64, "actor")
        ));
    }
    let kinds: BTreeSet<Kind> = drawn.iter().map(|&n| g[n].kind).collect();

    let mut stmts = vec![
        drawing_attributes("+6", legend(&kinds, &caption)),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("style", esc("filled")),
            attr("fontname", esc("Helvetica")),
            attr("penwidth", Id::Plain("0.6".into())),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![attr("color", esc("#55555588"))])),
    ];
    for &n in &drawn {
        let node = &g[n];
        let (colour, shape) = style(node.kind);
        let scale = (node.mentions as f64).ln_1p() / (max_mentions as f64).ln_1p();
        let m = &node.measures;
        let tooltip = format!(
            "{} ({}): {} in {}; {}, community {}, PageRank {}, betweenness {}",
            node.label,
            node.kind,
            count(node.mentions, "mention"),
            count(node.documents, "article"),
            count(m.degree, "tie"),
            m.community,
            m.pagerank,
            m.betweenness
        );
        stmts.push(Stmt::Node(DotNode::new(
            NodeId(esc(&node.id), None),
            vec![
                attr("label", esc(&node.label)),
                attr("shape", Id::Plain(shape.into())),
                attr("fillcolor", esc(colour)),
                attr("fontsize", num(10.0 + 12.0 * scale)),
                attr("tooltip", esc(&tooltip)),
                attr("pos", pos[&n].clone()),
            ],
        )));
    }
    for e in edges {
        let (a, b) = g.edge_endpoints(e).expect("edge exists");
        let edge = &g[e];
        let mut tooltip = format!(
            "{} — {}: together in {} of {}",
            g[a].label,
            g[b].label,
            count(edge.count, graph.info.window.as_str()),
            count(edge.documents, "article")
        );
        if graph.info.weight != "count" {
            tooltip.push_str(&format!("; {} {}", graph.info.weight, edge.weight));
        }
        stmts.push(Stmt::Edge(DotEdge {
            ty: EdgeTy::Pair(
                Vertex::N(NodeId(esc(&g[a].id), None)),
                Vertex::N(NodeId(esc(&g[b].id), None)),
            ),
            attributes: vec![
                attr("penwidth", num(0.6 + 5.4 * thickness.scale(edge.weight))),
                attr("weight", Id::Plain(edge.count.to_string())),
                attr("tooltip", esc(&tooltip)),
            ],
        }));
    }
    Graph::Graph {
        id: Id::Plain("actors".into()),
        strict: false,
        stmts,
    }
}

/// Builds the DOT syntax tree of the relation graph: a directed drawing, edge colour by
/// relation type (from the cue dictionary), width by the number of sentences, and a legend of
/// the kinds and types drawn. `--max-nodes` keeps the actors in the most relations.
pub fn relations_to_dot(graph: &ActorGraph, types: &[RelationType], options: &DotOptions) -> Graph {
    let g = &graph.relations;
    let mut degree = vec![0u64; g.node_count()];
    for e in g.edge_indices() {
        let (a, b) = g.edge_endpoints(e).expect("edge exists");
        degree[a.index()] += g[e].count;
        degree[b.index()] += g[e].count;
    }
    let mut order: Vec<NodeIndex> = g.node_indices().collect();
    order.sort_by(|a, b| {
        degree[b.index()]
            .cmp(&degree[a.index()])
            .then_with(|| g[*a].id.cmp(&g[*b].id))
    });
    if options.max_nodes > 0 {
        order.truncate(options.max_nodes);
    }
    let drawn: BTreeSet<NodeIndex> = order.into_iter().collect();
    let between = edges_between(g, &drawn);
    let all_relations = between.len();
    let edges = strongest(g, between, options.ties_per_actor, |e| g[e].count as f64);
    let pos = pinned(g, &drawn, &edges, |e| g[e].count as f64);
    let max_count = edges.iter().map(|&e| g[e].count).max().unwrap_or(1).max(1);
    let colour_of = |name: &str| {
        types
            .iter()
            .find(|t| t.name == name)
            .map_or("#000000", |t| t.color.as_str())
    };
    let used: BTreeSet<&str> = edges.iter().map(|&e| g[e].relation.as_str()).collect();
    let mut caption = format!(
        "{}, {} from {}",
        count(drawn.len() as u64, "actor"),
        count(edges.len() as u64, "relation"),
        count(graph.info.articles, "article"),
    );
    if drawn.len() < g.node_count() {
        caption.push_str(&format!(
            "; top {} of {} actors by relations",
            drawn.len(),
            g.node_count()
        ));
    }
    if edges.len() < all_relations {
        caption.push_str(&format!(
            "; each actor's {} strongest of {all_relations} relations",
            options.ties_per_actor
        ));
    }
    let kinds: BTreeSet<Kind> = drawn.iter().map(|&n| g[n].kind).collect();
    let mut type_cells = String::new();
    for t in types.iter().filter(|t| used.contains(t.name.as_str())) {
        type_cells.push_str(&format!(
            "<TD><FONT COLOR=\"{}\">&#9632;</FONT> {} ({})</TD>",
            t.color,
            html(&t.name),
            html(&t.cameo)
        ));
    }
    let Id::Html(kinds_table) = legend(&kinds, &caption) else {
        unreachable!("legend is an HTML label")
    };
    let label = format!(
        "<<TABLE BORDER=\"0\" CELLSPACING=\"2\"><TR><TD>{}</TD></TR><TR><TD><TABLE BORDER=\"0\" CELLSPACING=\"4\"><TR>{}</TR></TABLE></TD></TR></TABLE>>",
        &kinds_table[1..kinds_table.len() - 1],
        if type_cells.is_empty() {
            "<TD>no relations</TD>".to_string()
        } else {
            type_cells
        }
    );
    let mut stmts = vec![
        drawing_attributes("+10", Id::Html(label)),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("style", esc("filled")),
            attr("fontname", esc("Helvetica")),
            attr("fontsize", num(12.0)),
            attr("penwidth", Id::Plain("0.6".into())),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![attr(
            "arrowsize",
            Id::Plain("0.7".into()),
        )])),
    ];
    for &n in &drawn {
        let node = &g[n];
        let (colour, shape) = style(node.kind);
        stmts.push(Stmt::Node(DotNode::new(
            NodeId(esc(&node.id), None),
            vec![
                attr("label", esc(&node.label)),
                attr("shape", Id::Plain(shape.into())),
                attr("fillcolor", esc(colour)),
                attr("tooltip", esc(&format!("{} ({})", node.label, node.kind))),
                attr("pos", pos[&n].clone()),
            ],
        )));
    }
    for e in edges {
        let (a, b) = g.edge_endpoints(e).expect("edge exists");
        let edge = &g[e];
        let scale = (edge.count as f64).ln_1p() / (max_count as f64).ln_1p();
        let tooltip = format!(
            "{} {} {} (CAMEO {}): {} in {}, confidence {}",
            g[a].label,
            edge.relation,
            g[b].label,
            edge.cameo,
            count(edge.count, "sentence"),
            count(edge.documents, "article"),
            edge.confidence
        );
        stmts.push(Stmt::Edge(DotEdge {
            ty: EdgeTy::Pair(
                Vertex::N(NodeId(esc(&g[a].id), None)),
                Vertex::N(NodeId(esc(&g[b].id), None)),
            ),
            attributes: vec![
                attr("color", esc(colour_of(&edge.relation))),
                attr("penwidth", num(0.8 + 3.2 * scale)),
                attr("tooltip", esc(&tooltip)),
            ],
        }));
    }
    Graph::DiGraph {
        id: Id::Plain("relations".into()),
        strict: false,
        stmts,
    }
}

/// Escapes text for a Graphviz HTML label.
/// Escapes text for HTML (and Graphviz's HTML-like labels).
pub(crate) fn html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Writes the relation drawing as DOT text.
pub fn write_relations(
    graph: &ActorGraph,
    types: &[RelationType],
    options: &DotOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    print(relations_to_dot(graph, types, options), out)
}

/// Graph attributes shared by both drawings: the positions the file gives (the `nop`
/// engine), overlaps between actors removed, straight ties, and the legend under the drawing.
fn drawing_attributes(sep: &str, label: Id) -> Stmt {
    Stmt::GAttribute(GraphAttributes::Graph(vec![
        attr(
            "layout",
            Id::Plain(super::render::Engine::Nop.as_str().into()),
        ),
        // Positions are in points, also for an engine that reads them as inches by default
        // (`render --engine neato` keeps them pinned).
        attr("inputscale", Id::Plain("72".into())),
        attr("overlap", Id::Plain("false".into())),
        // Straight lines cost nothing to route; routing around actors (polyline) took
        // minutes on a dense drawing.
        attr("splines", Id::Plain("line".into())),
        attr("sep", esc(sep)),
        attr("outputorder", Id::Plain("edgesfirst".into())),
        attr("fontname", esc("Helvetica")),
        attr("labelloc", Id::Plain("b".into())),
        attr("label", label),
    ]))
}

/// The edges of `g` with both ends drawn, in edge order.
fn edges_between<N, E, Ty: EdgeType>(
    g: &petgraph::Graph<N, E, Ty>,
    drawn: &BTreeSet<NodeIndex>,
) -> Vec<EdgeIndex> {
    g.edge_indices()
        .filter(|&e| {
            let (a, b) = g.edge_endpoints(e).expect("edge exists");
            drawn.contains(&a) && drawn.contains(&b)
        })
        .collect()
}

fn print(graph: Graph, out: &mut dyn Write) -> io::Result<()> {
    let text = graph.print(&mut PrinterContext::default());
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")
}

/// Writes the drawing as DOT text.
pub fn write(graph: &ActorGraph, options: &DotOptions, out: &mut dyn Write) -> io::Result<()> {
    print(to_dot(graph, options), out)
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quote_escapes_quotes_backslashes_and_newlines() {
        assert_eq!(quote("plain"), "\"plain\"");
        assert_eq!(quote("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(quote("a\\b"), "\"a\\\\b\"");
        assert_eq!(quote("two\nlines\r"), "\"two\\nlines\"");
        assert_eq!(quote("Türkiye — كابل"), "\"Türkiye — كابل\"");
        // A trailing backslash must not escape the closing quote.
        assert_eq!(quote("end\\"), "\"end\\\\\"");
    }
}

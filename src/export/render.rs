//! Drawings rendered by Graphviz (through `graphviz-rust`'s exec of the `dot` program): SVG and
//! PNG, with a layout engine suited to the size of the graph.

use graphviz_rust::cmd::{CommandArg, Format};
use graphviz_rust::dot_structures::{Attribute, EdgeTy, Graph, GraphAttributes, Id, Stmt, Vertex};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;
use thiserror::Error;

/// Why a drawing could not be rendered.
#[derive(Debug, Error)]
pub enum RenderError {
    #[error(
        "Graphviz is not installed (the `dot` program was not found on PATH); install the \
         `graphviz` package (Debian/Ubuntu: apt-get install graphviz, macOS: brew install graphviz)"
    )]
    Missing,
    #[error("Graphviz failed to render the drawing: {0}")]
    Failed(String),
    #[error("not a DOT graph Graphviz can read: {0}")]
    Parse(String),
}

/// Image formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Image {
    Svg,
    Png,
}

impl Image {
    pub fn extension(self) -> &'static str {
        match self {
            Image::Svg => "svg",
            Image::Png => "png",
        }
    }
}

/// Graphviz layout engines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Dot,
    Neato,
    Fdp,
    Sfdp,
    Circo,
    Twopi,
    /// The positions the file gives (`neato -n`): what actorgraph's own drawings name.
    Nop,
}

impl Engine {
    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Dot => "dot",
            Engine::Neato => "neato",
            Engine::Fdp => "fdp",
            Engine::Sfdp => "sfdp",
            Engine::Circo => "circo",
            Engine::Twopi => "twopi",
            Engine::Nop => "nop",
        }
    }

    /// The engine for a drawing of `nodes` actors: `dot` (layered, easy to read) up to 20,
    /// `neato` (stress majorisation: distances follow ties) up to 300, and `sfdp` (multilevel
    /// force-directed, built for thousands of nodes) beyond.
    pub fn for_size(nodes: usize) -> Engine {
        match nodes {
            0..=20 => Engine::Dot,
            21..=300 => Engine::Neato,
            _ => Engine::Sfdp,
        }
    }
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Engine {
    type Err = String;
    fn from_str(s: &str) -> Result<Engine, String> {
        [
            Engine::Dot,
            Engine::Neato,
            Engine::Fdp,
            Engine::Sfdp,
            Engine::Circo,
            Engine::Twopi,
            Engine::Nop,
        ]
        .into_iter()
        .find(|e| e.as_str() == s)
        .ok_or_else(|| {
            format!(
                "unknown layout engine {s:?} (expected dot, neato, fdp, sfdp, circo, twopi or nop)"
            )
        })
    }
}

/// Whether Graphviz's `dot` program can be run.
pub fn graphviz_available() -> bool {
    std::process::Command::new("dot")
        .arg("-V")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Renders DOT text as it is; the engine is the one its `layout` attribute names.
pub fn render(dot: &str, image: Image) -> Result<Vec<u8>, RenderError> {
    let format = match image {
        Image::Svg => Format::Svg,
        Image::Png => Format::Png,
    };
    graphviz_rust::exec_dot(dot.to_string(), vec![CommandArg::Format(format)]).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            RenderError::Missing
        } else {
            RenderError::Failed(e.to_string().trim().to_string())
        }
    })
}

/// A DOT graph read for rendering: its node count and the layout it names.
pub struct Drawing {
    graph: Graph,
    pub nodes: usize,
    pub layout: Option<String>,
}

fn plain(id: &Id) -> String {
    match id {
        Id::Html(s) | Id::Escaped(s) | Id::Plain(s) => s.trim_matches('"').to_string(),
        Id::Anonymous(s) => s.clone(),
    }
}

fn stmts_mut(g: &mut Graph) -> &mut Vec<Stmt> {
    match g {
        Graph::Graph { stmts, .. } | Graph::DiGraph { stmts, .. } => stmts,
    }
}

fn collect(stmts: &[Stmt], nodes: &mut BTreeSet<String>, layout: &mut Option<String>) {
    let vertex = |v: &Vertex, nodes: &mut BTreeSet<String>, layout: &mut Option<String>| match v {
        Vertex::N(n) => {
            nodes.insert(plain(&n.0));
        }
        Vertex::S(s) => collect(&s.stmts, nodes, layout),
    };
    for s in stmts {
        match s {
            Stmt::Node(n) => {
                nodes.insert(plain(&n.id.0));
            }
            Stmt::Edge(e) => match &e.ty {
                EdgeTy::Pair(a, b) => {
                    vertex(a, nodes, layout);
                    vertex(b, nodes, layout);
                }
                EdgeTy::Chain(vs) => vs.iter().for_each(|v| vertex(v, nodes, layout)),
            },
            Stmt::Subgraph(sub) => collect(&sub.stmts, nodes, layout),
            Stmt::Attribute(Attribute(k, v)) if plain(k) == "layout" => {
                *layout = Some(plain(v));
            }
            Stmt::GAttribute(GraphAttributes::Graph(attrs)) => {
                for Attribute(k, v) in attrs {
                    if plain(k) == "layout" {
                        *layout = Some(plain(v));
                    }
                }
            }
            _ => {}
        }
    }
}

impl Drawing {
    /// Parses DOT text.
    pub fn parse(dot: &str) -> Result<Drawing, RenderError> {
        let graph = graphviz_rust::parse(dot).map_err(RenderError::Parse)?;
        let (mut nodes, mut layout) = (BTreeSet::new(), None);
        let stmts = match &graph {
            Graph::Graph { stmts, .. } | Graph::DiGraph { stmts, .. } => stmts,
        };
        collect(stmts, &mut nodes, &mut layout);
        Ok(Drawing {
            graph,
            nodes: nodes.len(),
            layout,
        })
    }

    /// The engine `auto` picks: the layout the file names, or else one for its size.
    pub fn auto_engine(&self) -> Engine {
        self.layout
            .as_deref()
            .and_then(|l| l.parse().ok())
            .unwrap_or(Engine::for_size(self.nodes))
    }

    /// Renders with `engine` (which replaces any `layout` the file names).
    pub fn render(&self, engine: Engine, image: Image) -> Result<Vec<u8>, RenderError> {
        let mut graph = self.graph.clone();
        let stmts = stmts_mut(&mut graph);
        stmts.retain_mut(|s| match s {
            Stmt::Attribute(Attribute(k, _)) => plain(k) != "layout",
            Stmt::GAttribute(GraphAttributes::Graph(attrs)) => {
                attrs.retain(|Attribute(k, _)| plain(k) != "layout");
                true
            }
            _ => true,
        });
        stmts.insert(
            0,
            Stmt::Attribute(Attribute(
                Id::Plain("layout".into()),
                Id::Plain(engine.as_str().into()),
            )),
        );
        let text = graph.print(&mut PrinterContext::default());
        render(&text, image)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_follows_size_and_the_file_layout_wins_under_auto() {
        assert_eq!(Engine::for_size(5), Engine::Dot);
        assert_eq!(Engine::for_size(60), Engine::Neato);
        assert_eq!(Engine::for_size(5000), Engine::Sfdp);
        let d = Drawing::parse("graph { a -- b; b -- c; subgraph s { d } }").unwrap();
        assert_eq!((d.nodes, d.layout.as_deref()), (4, None));
        assert_eq!(d.auto_engine(), Engine::Dot);
        let d = Drawing::parse("graph { graph [layout=circo]; a -- b }").unwrap();
        assert_eq!(d.auto_engine(), Engine::Circo);
        assert!(matches!(
            Drawing::parse("graph { a -- "),
            Err(RenderError::Parse(_))
        ));
        assert!("blob".parse::<Engine>().unwrap_err().contains("sfdp"));
    }
}

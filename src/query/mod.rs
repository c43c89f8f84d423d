//! Questions asked of a built graph: `stats`, `neighbors`, `path`, `evidence`, `timeline`.
//!
//! Queries read `graph.json` and `relations.json` as `build` wrote them; they never read
//! articles again. Actors are named by id, label or any dictionary alias, in any case and with
//! or without accents ([`Resolver`]). Every answer is a plain struct that serialises to the
//! `--json` output; [`text`] prints it for people.

use crate::dictionary::{Dictionary, Kind};
use crate::graph::{ActorGraph, Edge, Node, RelationEdge, RunInfo};
use crate::text::{Case, fold_str};
use petgraph::EdgeType;
use petgraph::graph::{DiGraph, Graph, NodeIndex, UnGraph};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::io;
use std::path::{Path, PathBuf};
use thiserror::Error;

mod answers;
pub mod text;

pub use answers::*;

/// Why a query could not be answered.
#[derive(Debug, Error)]
pub enum QueryError {
    #[error(
        "no graph in {0}: neither graph.json nor relations.json is there (run `actorgraph build` first, or give --graph a build's folder or its graph.json)"
    )]
    Missing(PathBuf),
    #[error("{path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("{path}: not a graph written by actorgraph build: {source}")]
    Parse {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{path}: link {index} names actor {id:?}, which is not among its nodes")]
    Dangling {
        path: PathBuf,
        index: usize,
        id: String,
    },
    /// The name matches no actor.
    #[error("{0}")]
    Unknown(String),
    /// The name matches several actors.
    #[error("{0}")]
    Ambiguous(String),
}

#[derive(Deserialize)]
struct LinkIn<T> {
    source: String,
    target: String,
    #[serde(flatten)]
    edge: T,
}

#[derive(Deserialize)]
struct FileIn<T> {
    graph: RunInfo,
    nodes: Vec<Node>,
    links: Vec<LinkIn<T>>,
}

/// A graph as read back from a build's output folder.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub graph: ActorGraph,
    /// The folder or file read.
    pub dir: PathBuf,
}

fn read<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Option<FileIn<T>>, QueryError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(QueryError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|source| QueryError::Parse {
            path: path.to_path_buf(),
            source,
        })
}

fn assemble<T, Ty: EdgeType>(
    path: &Path,
    file: FileIn<T>,
    g: &mut Graph<Node, T, Ty>,
) -> Result<(), QueryError> {
    let mut index: HashMap<String, NodeIndex> = HashMap::new();
    for node in file.nodes {
        let id = node.id.clone();
        index.insert(id, g.add_node(node));
    }
    for (i, link) in file.links.into_iter().enumerate() {
        let end = |id: &str| {
            index.get(id).copied().ok_or_else(|| QueryError::Dangling {
                path: path.to_path_buf(),
                index: i,
                id: id.to_string(),
            })
        };
        let (a, b) = (end(&link.source)?, end(&link.target)?);
        g.add_edge(a, b, link.edge);
    }
    Ok(())
}

impl Loaded {
    /// Reads a build's graphs from `path`:
    /// - a folder: its `graph.json` and `relations.json` (either may be missing, not both);
    /// - `graph.json` or `relations.json` itself: that file, and the other one beside it if
    ///   it is there;
    /// - a file of another name: that file alone, as a co-occurrence graph.
    pub fn read(path: &Path) -> Result<Loaded, QueryError> {
        let (gpath, rpath) = if path.is_file() {
            let beside = |name: &str| path.with_file_name(name);
            match path.file_name().and_then(|n| n.to_str()) {
                Some("relations.json") => (beside("graph.json"), Some(path.to_path_buf())),
                Some("graph.json") => (path.to_path_buf(), Some(beside("relations.json"))),
                _ => (path.to_path_buf(), None),
            }
        } else {
            (path.join("graph.json"), Some(path.join("relations.json")))
        };
        let cooc: Option<FileIn<Edge>> = read(&gpath)?;
        let rel: Option<FileIn<RelationEdge>> = match &rpath {
            Some(p) => read(p)?,
            None => None,
        };
        let rpath = rpath.unwrap_or_default();
        let info = match (&cooc, &rel) {
            (Some(c), _) => c.graph.clone(),
            (None, Some(r)) => r.graph.clone(),
            (None, None) => return Err(QueryError::Missing(path.to_path_buf())),
        };
        let mut graph: UnGraph<Node, Edge> = UnGraph::new_undirected();
        if let Some(file) = cooc {
            assemble(&gpath, file, &mut graph)?;
        }
        let mut relations: DiGraph<Node, RelationEdge> = DiGraph::new();
        if let Some(file) = rel {
            assemble(&rpath, file, &mut relations)?;
        }
        Ok(Loaded {
            graph: ActorGraph {
                graph,
                relations,
                info,
            },
            dir: path.to_path_buf(),
        })
    }

    /// Every actor of either graph, by id.
    pub fn actors(&self) -> BTreeMap<&str, &Node> {
        let mut all = BTreeMap::new();
        for n in self
            .graph
            .graph
            .node_weights()
            .chain(self.graph.relations.node_weights())
        {
            all.entry(n.id.as_str()).or_insert(n);
        }
        all
    }

    pub(crate) fn cooc_index(&self, id: &str) -> Option<NodeIndex> {
        self.graph
            .graph
            .node_indices()
            .find(|&n| self.graph.graph[n].id == id)
    }
}

/// A resolved actor: its id, label and kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    pub id: String,
    pub label: String,
    pub kind: Kind,
}

impl Actor {
    pub(crate) fn of(n: &Node) -> Actor {
        Actor {
            id: n.id.clone(),
            label: n.label.clone(),
            kind: n.kind,
        }
    }
}

/// Finds actors by id, label or dictionary alias, ignoring case and accents.
pub struct Resolver<'a> {
    loaded: &'a Loaded,
    dict: Option<&'a Dictionary>,
}

impl<'a> Resolver<'a> {
    pub fn new(loaded: &'a Loaded, dict: Option<&'a Dictionary>) -> Resolver<'a> {
        Resolver { loaded, dict }
    }

    /// The actor `name` means. Tried in turn: the id, the label, then the dictionary's aliases;
    /// the first that matches decides, and several matches there are an error listing them.
    pub fn resolve(&self, name: &str) -> Result<&'a Node, QueryError> {
        let actors = self.loaded.actors();
        let want = fold_str(name, Case::Fold);
        let list = |ids: &[&str]| -> String {
            ids.iter()
                .map(|id| match actors.get(id) {
                    Some(n) => format!("{id} ({}, {})", n.label, n.kind),
                    None => id.to_string(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let by_id = |n: &Node| fold_str(&n.id, Case::Fold) == want;
        let by_label = |n: &Node| fold_str(&n.label, Case::Fold) == want;
        let tiers: [&dyn Fn(&Node) -> bool; 2] = [&by_id, &by_label];
        for tier in &tiers {
            let found: Vec<&str> = actors
                .iter()
                .filter(|(_, n)| tier(n))
                .map(|(id, _)| *id)
                .collect();
            match found.as_slice() {
                [one] => return Ok(actors[one]),
                [] => {}
                many => {
                    return Err(QueryError::Ambiguous(format!(
                        "{name:?} could be {}: give the id",
                        list(many)
                    )));
                }
            }
        }
        let Some(dict) = self.dict else {
            return Err(self.unknown(name, &want, None));
        };
        let mut ids: Vec<&str> = dict
            .aliases()
            .iter()
            .filter(|r| r.folded == want)
            .map(|r| r.entity.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let in_graph: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|id| actors.contains_key(id))
            .collect();
        match in_graph.as_slice() {
            [one] => Ok(actors[one]),
            [] if !ids.is_empty() => Err(QueryError::Unknown(format!(
                "{name:?} is {} in the dictionary, but not in the graph in {} (not named in the articles, or left out by the build's filters)",
                ids.iter()
                    .map(|id| {
                        let label = dict
                            .index_of(id)
                            .map(|i| dict.entity(i).label.clone())
                            .unwrap_or_default();
                        format!("{id} ({label})")
                    })
                    .collect::<Vec<_>>()
                    .join(" or "),
                self.loaded.dir.display()
            ))),
            [] => Err(self.unknown(name, &want, Some(dict))),
            many => Err(QueryError::Ambiguous(format!(
                "{name:?} is an alias of {}: give the id",
                list(many)
            ))),
        }
    }

    /// An "unknown actor" error with up to five close names.
    fn unknown(&self, name: &str, want: &str, dict: Option<&Dictionary>) -> QueryError {
        let actors = self.loaded.actors();
        let mut scored: Vec<(usize, &str)> = Vec::new();
        let mut consider = |candidate: &str, id: &'a str| {
            let c = fold_str(candidate, Case::Fold);
            let d = if c.contains(want) || (want.len() >= 3 && want.contains(&c) && c.len() >= 3) {
                0
            } else {
                edit_distance(&c, want)
            };
            let allowed = match want.chars().count() {
                0..=4 => 1,
                5..=8 => 2,
                _ => 3,
            };
            if d <= allowed {
                scored.push((d, id));
            }
        };
        for (id, n) in &actors {
            consider(id, n.id.as_str());
            consider(&n.label, n.id.as_str());
        }
        if let Some(dict) = dict {
            for r in dict.aliases() {
                if let Some((id, _)) = actors.get_key_value(r.entity.as_str()) {
                    consider(&r.alias, id);
                }
            }
        }
        scored.sort_unstable();
        let mut seen = Vec::new();
        for (_, id) in scored {
            if !seen.contains(&id) {
                seen.push(id);
            }
        }
        seen.truncate(5);
        let mut msg = format!(
            "no actor {name:?} in the graph in {}",
            self.loaded.dir.display()
        );
        if seen.is_empty() {
            msg.push_str(" (try `actorgraph stats` for the actors it has)");
        } else {
            let names: Vec<String> = seen
                .iter()
                .map(|id| format!("{id} ({})", actors[id].label))
                .collect();
            msg.push_str(&format!("; did you mean {}?", names.join(", ")));
        }
        QueryError::Unknown(msg)
    }
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

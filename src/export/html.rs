//! The explorer page: one self-contained HTML file (no network) that draws both graphs with
//! D3's force layout, with filters, search and a side panel showing the evidence behind every
//! edge.
//!
//! The vendored D3 bundle (`vendor/d3`, refreshed by `scripts/vendor-d3.sh`), the page's own
//! script and style are compiled in. The data goes into a `<script type="application/json">`
//! block with `<`, `>`, `&` and the JavaScript line separators written as `\u` escapes, so no
//! label or sentence can close the block or inject markup; the script reads it with
//! `JSON.parse` and puts text into the page only through `textContent`.

use super::net::{Which, kind_color, node_size, roles_text};
use crate::dictionary::Kind;
use crate::dictionary::cues::RelationType;
use crate::graph::{ActorGraph, Node};
use crate::layout::Point;
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, Write};

const D3: &str = include_str!("../../vendor/d3/d3.min.js");
const D3_VERSION: &str = include_str!("../../vendor/d3/VERSION");
const SCRIPT: &str = include_str!("explorer/explorer.js");
const STYLE: &str = include_str!("explorer/explorer.css");
const BODY: &str = include_str!("explorer/body.html");

/// Options for the page.
#[derive(Debug, Clone)]
pub struct PageOptions {
    /// Show at most this many actors, by weighted degree over both graphs (0: all).
    pub max_nodes: usize,
}

/// Serialises `value` as JSON that is safe inside a `<script>` element.
pub fn script_json(value: &Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Code placed in a `<script>` element must not contain `</script` or `<!--`.
fn script_code(code: &str) -> String {
    code.replace("</script", "<\\/script")
        .replace("<!--", "<\\!--")
}

fn html_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The actors shown: every actor of either graph, or the `max` with the highest weighted
/// degree over both (ties by id).
/// Also returns how many actors there are in all.
fn shown(graph: &ActorGraph, max: usize) -> (Vec<&Node>, usize) {
    let mut nodes: BTreeMap<&str, (&Node, u64)> = BTreeMap::new();
    for n in graph
        .graph
        .node_weights()
        .chain(graph.relations.node_weights())
    {
        nodes.entry(n.id.as_str()).or_insert((n, 0));
    }
    let g = &graph.graph;
    for e in g.edge_indices() {
        let (a, b) = g.edge_endpoints(e).expect("edge exists");
        for n in [a, b] {
            nodes.get_mut(g[n].id.as_str()).expect("node").1 += g[e].weight;
        }
    }
    let r = &graph.relations;
    for e in r.edge_indices() {
        let (a, b) = r.edge_endpoints(e).expect("edge exists");
        for n in [a, b] {
            nodes.get_mut(r[n].id.as_str()).expect("node").1 += r[e].count;
        }
    }
    let total = nodes.len();
    let mut list: Vec<(&Node, u64)> = nodes.into_values().collect();
    if max > 0 && list.len() > max {
        list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.id.cmp(&b.0.id)));
        list.truncate(max);
        list.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    }
    (list.into_iter().map(|(n, _)| n).collect(), total)
}

/// The page's data: nodes with positions, both edge sets with evidence, kinds and types.
pub fn data(
    graph: &ActorGraph,
    types: &[RelationType],
    positions: &HashMap<String, Point>,
    options: &PageOptions,
) -> Value {
    let (nodes, total) = shown(graph, options.max_nodes);
    let ids: BTreeSet<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
    let node_values: Vec<Value> = nodes
        .iter()
        .map(|n| {
            let mut o = match serde_json::to_value(n) {
                Ok(Value::Object(map)) => map,
                _ => Map::new(),
            };
            o.remove("roles");
            let roles = roles_text(n);
            if !roles.is_empty() {
                o.insert("roles".into(), json!(roles));
            }
            let p = positions
                .get(&n.id)
                .copied()
                .unwrap_or(Point { x: 0.0, y: 0.0 });
            o.insert("x".into(), json!(p.x));
            o.insert("y".into(), json!(p.y));
            o.insert("size".into(), json!(node_size(n.mentions)));
            Value::Object(o)
        })
        .collect();
    let edges = |which: Which| -> Vec<Value> {
        let mut out = Vec::new();
        match which {
            Which::Cooccurrence => {
                let g = &graph.graph;
                for e in g.edge_indices() {
                    let (a, b) = g.edge_endpoints(e).expect("edge exists");
                    let (a, b) = (&g[a].id, &g[b].id);
                    if !(ids.contains(a.as_str()) && ids.contains(b.as_str())) {
                        continue;
                    }
                    let mut o = match serde_json::to_value(&g[e]) {
                        Ok(Value::Object(map)) => map,
                        _ => Map::new(),
                    };
                    o.insert("id".into(), json!(format!("{a}--{b}")));
                    o.insert("source".into(), json!(a));
                    o.insert("target".into(), json!(b));
                    out.push(Value::Object(o));
                }
            }
            Which::Relations => {
                let g = &graph.relations;
                for e in g.edge_indices() {
                    let (a, b) = g.edge_endpoints(e).expect("edge exists");
                    let (a, b) = (&g[a].id, &g[b].id);
                    if !(ids.contains(a.as_str()) && ids.contains(b.as_str())) {
                        continue;
                    }
                    let edge = &g[e];
                    let mut o = match serde_json::to_value(edge) {
                        Ok(Value::Object(map)) => map,
                        _ => Map::new(),
                    };
                    o.insert("id".into(), json!(format!("{a}->{b}:{}", edge.relation)));
                    o.insert("source".into(), json!(a));
                    o.insert("target".into(), json!(b));
                    o.insert("weight".into(), json!(edge.count));
                    out.push(Value::Object(o));
                }
            }
        }
        out
    };
    let cooccurrence = edges(Which::Cooccurrence);
    let relations = edges(Which::Relations);
    let kinds: Vec<Value> = Kind::ALL
        .iter()
        .map(|k| json!({"kind": k.as_str(), "color": kind_color(*k)}))
        .collect();
    let type_values: Vec<Value> = types
        .iter()
        .map(|t| {
            json!({"type": t.name, "label": t.label, "color": t.color, "cameo": t.cameo,
                   "symmetric": t.symmetric})
        })
        .collect();
    json!({
        "run": graph.info,
        "kinds": kinds,
        "types": type_values,
        "actors_total": total,
        "nodes": node_values,
        "cooccurrence": cooccurrence,
        "relations": relations,
    })
}

/// Writes the page.
pub fn write(
    graph: &ActorGraph,
    types: &[RelationType],
    positions: &HashMap<String, Point>,
    options: &PageOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let data = data(graph, types, positions, options);
    let title = format!(
        "actorgraph explorer: {} articles, {} actors",
        graph.info.articles,
        graph.graph.node_count()
    );
    let d3_note = format!(
        "{}, ISC licence (vendor/d3/LICENSE in the actorgraph repository)",
        D3_VERSION.lines().next().unwrap_or("d3")
    );
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"{generator}\">\n<title>{title}</title>\n\
         <style>\n{style}</style>\n</head>\n<body>\n{body}\
         <script type=\"application/json\" id=\"actorgraph-data\">{data}</script>\n\
         <script>\n/* {d3_note} */\n{d3}\n</script>\n<script>\n{script}</script>\n</body>\n</html>\n",
        generator = html_text(&graph.info.generator),
        title = html_text(&title),
        style = STYLE,
        body = BODY,
        data = script_json(&data),
        d3 = script_code(D3),
        script = script_code(SCRIPT),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let v = json!({"label": "</script><script>alert(1)</script> & <!-- \u{2028}"});
        let s = script_json(&v);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        // And it still parses back to the same value.
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
        assert_eq!(script_code("a</script>b<!--c"), "a<\\/script>b<\\!--c");
        assert!(!D3.contains("</script"));
    }
}

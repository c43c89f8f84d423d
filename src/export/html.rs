//! The explorer page: one self-contained HTML file (no network) that draws both graphs with
//! D3's force layout, with filters, search and a side panel showing the evidence behind every
//! edge.
//!
//! The vendored D3 bundle (`vendor/d3`, refreshed by `scripts/vendor-d3.sh`), the page's own
//! script and style are compiled in. The data goes into a `<script type="application/json">`
//! block with `<`, `>`, `&` and the JavaScript line separators written as `\u` escapes, so no
//! label or sentence can close the block or inject markup; the script reads it with
//! `JSON.parse` and puts text into the page only through `textContent`.

use super::dot::html;
use super::net::{Net, Which, kind_color, node_size, roles_text};
use super::webjson::{edge_data, node_data};
use crate::dictionary::Kind;
use crate::dictionary::cues::RelationType;
use crate::graph::Node;
use crate::layout::Point;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
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

/// The actors shown: every actor of the given graphs, or the `max` with the highest weighted
/// degree over them (ties by id), in id order. Also returns how many actors there are in all.
fn shown<'a>(nets: &[Net<'a>], max: usize) -> (Vec<(&'a Node, Point)>, usize) {
    let mut nodes: BTreeMap<&str, (&Node, Point, u64)> = BTreeMap::new();
    for net in nets {
        for (n, p) in net.nodes.iter().zip(&net.positions) {
            nodes.entry(n.id.as_str()).or_insert((n, *p, 0));
        }
        for e in &net.edges {
            for end in [e.source, e.target] {
                nodes.get_mut(net.nodes[end].id.as_str()).expect("node").2 += e.count;
            }
        }
    }
    let total = nodes.len();
    let mut list: Vec<(&Node, Point, u64)> = nodes.into_values().collect();
    if max > 0 && list.len() > max {
        list.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.id.cmp(&b.0.id)));
        list.truncate(max);
        list.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    }
    (list.into_iter().map(|(n, p, _)| (n, p)).collect(), total)
}

/// The page's data: nodes with positions, both edge sets with evidence, kinds and types.
pub fn data(nets: &[Net], types: &[RelationType], options: &PageOptions) -> Value {
    let (nodes, total) = shown(nets, options.max_nodes);
    let ids: BTreeSet<&str> = nodes.iter().map(|(n, _)| n.id.as_str()).collect();
    let node_values: Vec<Value> = nodes
        .iter()
        .map(|(n, p)| {
            let mut o = node_data(n);
            o.remove("roles");
            let roles = roles_text(n);
            if !roles.is_empty() {
                o.insert("roles".into(), json!(roles));
            }
            o.insert("x".into(), json!(p.x));
            o.insert("y".into(), json!(p.y));
            o.insert("size".into(), json!(node_size(n.mentions)));
            Value::Object(o)
        })
        .collect();
    let edges = |which: Which| -> Vec<Value> {
        let Some(net) = nets.iter().find(|n| n.which == which) else {
            return Vec::new();
        };
        net.edges
            .iter()
            .filter(|e| {
                ids.contains(net.nodes[e.source].id.as_str())
                    && ids.contains(net.nodes[e.target].id.as_str())
            })
            .map(|e| {
                let mut o = edge_data(net, e);
                o.insert("id".into(), json!(e.id));
                o.insert("source".into(), json!(net.nodes[e.source].id));
                o.insert("target".into(), json!(net.nodes[e.target].id));
                Value::Object(o)
            })
            .collect()
    };
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
        "run": nets.first().map(|n| n.info),
        "kinds": kinds,
        "types": type_values,
        "actors_total": total,
        "nodes": node_values,
        "cooccurrence": edges(Which::Cooccurrence),
        "relations": edges(Which::Relations),
    })
}

/// Writes the page.
pub fn write(
    nets: &[Net],
    types: &[RelationType],
    options: &PageOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let data = data(nets, types, options);
    let generator = nets
        .first()
        .map_or("actorgraph", |n| n.info.generator.as_str());
    let articles = nets.first().map_or(0, |n| n.info.articles);
    let title = format!(
        "actorgraph explorer: {articles} articles, {} actors",
        data["actors_total"]
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
        generator = html(generator),
        title = html(&title),
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

//! The explorer page: one self-contained HTML file (no network) that draws both graphs, with
//! filters, search, analyst views and a side panel showing the evidence behind every edge.
//!
//! Where the browser has WebGL the page draws with sigma.js and graphology (`vendor/sigma`,
//! refreshed by `scripts/vendor-sigma.sh`), up to [`PAGE_NODES`] actors at the tool's own
//! ForceAtlas2 positions; without it, it says so and draws the strongest actors with D3
//! (`vendor/d3`, `scripts/vendor-d3.sh`) as SVG. The bundles, the page's own script and style
//! are compiled in.
//!
//! The data is JSON, gzip-compressed and base64-encoded into a `<script
//! type="application/octet-stream">` block (a year of news is tens of megabytes of evidence as
//! JSON, a few once compressed); the browser's own `DecompressionStream` unpacks it. Base64
//! holds no `<`, so no label or sentence can close the block or inject markup, and the script
//! puts text into the page only through `textContent`.

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
const SIGMA: &str = include_str!("../../vendor/sigma/sigma.min.js");
const GRAPHOLOGY: &str = include_str!("../../vendor/sigma/graphology.umd.min.js");
const SIGMA_VERSION: &str = include_str!("../../vendor/sigma/VERSION");
const SCRIPT: &str = include_str!("explorer/explorer.js");
const STYLE: &str = include_str!("explorer/explorer.css");
const BODY: &str = include_str!("explorer/body.html");

/// Actors the page shows by default.
pub const PAGE_NODES: usize = 10_000;

/// Options for the page.
#[derive(Debug, Clone)]
pub struct PageOptions {
    /// Show at most this many actors, by weighted degree over both graphs (0: all).
    pub max_nodes: usize,
}

/// Code placed in a `<script>` element must not contain `</script` or `<!--`; a bundle's
/// source-map comment is dropped (the map is not shipped, and a browser would ask for it).
fn script_code(code: &str) -> String {
    code.lines()
        .filter(|l| !l.starts_with("//# sourceMappingURL="))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("</script", "<\\/script")
        .replace("<!--", "<\\!--")
}

/// `value` as JSON, gzip-compressed (no time stamp, so the same data gives the same bytes) and
/// base64-encoded: safe inside any element, unpacked by the page's `DecompressionStream`.
pub fn packed_json(value: &Value) -> String {
    use base64::Engine;
    use flate2::{Compression, write::GzEncoder};
    // JSON reaches the compressor in large pieces: flate2 prepares its output buffer on
    // every write, which for small writes costs more than the compression.
    let mut gz =
        io::BufWriter::with_capacity(1 << 20, GzEncoder::new(Vec::new(), Compression::new(6)));
    serde_json::to_writer(&mut gz, value).expect("JSON to memory");
    let bytes = gz
        .into_inner()
        .map_err(|e| e.into_error())
        .and_then(|gz| gz.finish())
        .expect("gzip to memory");
    base64::engine::general_purpose::STANDARD.encode(bytes)
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
    let first_line = |version: &str, fallback: &'static str| {
        version.lines().next().unwrap_or(fallback).to_string()
    };
    let sigma_versions: Vec<&str> = SIGMA_VERSION
        .lines()
        .filter(|l| l.starts_with("sigma ") || l.starts_with("graphology "))
        .collect();
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"{generator}\">\n<title>{title}</title>\n\
         <style>\n{style}</style>\n</head>\n<body>\n{body}\
         <script type=\"application/octet-stream\" id=\"actorgraph-data\" data-encoding=\"gzip+base64\">{data}</script>\n\
         <script>\n/* {d3_note}, ISC licence (vendor/d3/LICENSE in the actorgraph repository) */\n{d3}\n</script>\n\
         <script>\n/* {graphology_note}, MIT licence (vendor/sigma/LICENSE-graphology) */\n{graphology}\n</script>\n\
         <script>\n/* {sigma_note}, MIT licence (vendor/sigma/LICENSE-sigma) */\n{sigma}\n</script>\n\
         <script>\n{script}</script>\n</body>\n</html>\n",
        generator = html(generator),
        title = html(&title),
        style = STYLE,
        body = BODY,
        data = packed_json(&data),
        d3_note = first_line(D3_VERSION, "d3"),
        d3 = script_code(D3),
        graphology_note = sigma_versions.get(1).copied().unwrap_or("graphology"),
        graphology = script_code(GRAPHOLOGY),
        sigma_note = sigma_versions.first().copied().unwrap_or("sigma"),
        sigma = script_code(SIGMA),
        script = script_code(SCRIPT),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_embedded_can_close_its_script_element() {
        let v = json!({"label": "</script><script>alert(1)</script> & <!-- \u{2028}"});
        assert_eq!(script_code("a</script>b<!--c"), "a<\\/script>b<\\!--c");
        assert_eq!(script_code("f()\n//# sourceMappingURL=x.map"), "f()");
        for bundle in [D3, SIGMA, GRAPHOLOGY] {
            assert!(!script_code(bundle).contains("</script"));
            assert!(!script_code(bundle).contains("sourceMappingURL"));
        }
        // Packed data holds only base64 characters, and unpacks to the same value.
        let packed = packed_json(&v);
        assert!(
            packed
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
        use base64::Engine;
        let gz = base64::engine::general_purpose::STANDARD
            .decode(&packed)
            .unwrap();
        let text = std::io::read_to_string(flate2::read::GzDecoder::new(&gz[..])).unwrap();
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), v);
        assert_eq!(packed_json(&v), packed, "the same bytes every time");
    }
}

//! Outputs opened in their real consumers (networkx, Graphviz), and `output/` kept current.

mod common;

use common::*;
use std::fs;
use std::process::Command;

const NETWORKX_CHECK: &str = r#"
import json, sys
import networkx as nx
data = json.load(open(sys.argv[1], encoding="utf-8"))
g = nx.node_link_graph(data, edges="links")
assert not g.is_directed() and not g.is_multigraph()
assert g.number_of_nodes() == len(data["nodes"]), (g.number_of_nodes(), len(data["nodes"]))
assert g.number_of_edges() == len(data["links"]), (g.number_of_edges(), len(data["links"]))
for link in data["links"]:
    attrs = g.edges[link["source"], link["target"]]
    assert attrs["weight"] == link["weight"] and attrs["evidence"] == link["evidence"]
for node in data["nodes"]:
    assert g.nodes[node["id"]]["kind"] == node["kind"]
degree = dict(g.degree(weight="weight"))
top = max(sorted(degree), key=lambda n: degree[n])
print(g.number_of_nodes(), g.number_of_edges(), top, g.graph.get("window"))
"#;

#[test]
fn networkx_loads_graph_json() {
    if !require_tool(
        "python3",
        &["-c", "import networkx"],
        "pip install networkx",
    ) {
        return;
    }
    for path in [
        repo().join("output/graph.json"),
        build_seeds(&["--format", "json", "--window", "paragraph"])
            .path()
            .join("graph.json"),
    ] {
        let out = Command::new("python3")
            .args(["-c", NETWORKX_CHECK, path.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let line = String::from_utf8(out.stdout).unwrap();
        let fields: Vec<&str> = line.split_whitespace().collect();
        let g = read_json(&path);
        assert_eq!(fields[0], g["nodes"].as_array().unwrap().len().to_string());
        assert_eq!(fields[1], g["links"].as_array().unwrap().len().to_string());
        // networkx finds the same hub as the weights in the file say.
        let mut degree: std::collections::BTreeMap<&str, u64> = Default::default();
        for l in g["links"].as_array().unwrap() {
            for end in ["source", "target"] {
                *degree.entry(l[end].as_str().unwrap()).or_default() +=
                    l["count"].as_u64().unwrap();
            }
        }
        let hub = degree
            .iter()
            .max_by_key(|(id, d)| (**d, std::cmp::Reverse(**id)))
            .unwrap()
            .0;
        assert_eq!(fields[2], *hub, "{line}");
    }
}

#[test]
fn graphviz_renders_graph_dot() {
    if !require_tool("dot", &["-V"], "apt-get install graphviz") {
        return;
    }
    let svg = render_svg(&repo().join("output/graph.dot"));
    let g = read_json(&repo().join("output/graph.json"));
    // Every actor with a tie is drawn with its label (escaped as XML in SVG).
    let degree: std::collections::BTreeSet<&str> = g["links"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| [l["source"].as_str().unwrap(), l["target"].as_str().unwrap()])
        .collect();
    for n in g["nodes"].as_array().unwrap() {
        let label = n["label"]
            .as_str()
            .unwrap()
            .replace('&', "&amp;")
            .replace('-', "&#45;");
        let drawn = svg.contains(&format!(">{label}</text>"));
        assert_eq!(drawn, degree.contains(n["id"].as_str().unwrap()), "{label}");
    }
    assert!(svg.contains("group (octagon)"), "legend is drawn");
}

#[test]
fn dot_escapes_hostile_labels() {
    if !require_tool("dot", &["-V"], "apt-get install graphviz") {
        return;
    }
    let (_dir, out_dir) = build_article(
        r#"[[entity]]
id = "q"
kind = "group"
label = "The \"Quoted\" \\ Group <b>&"
aliases = ["Quoted Group"]

[[entity]]
id = "k"
kind = "place"
label = "كابل"
aliases = ["Kabul"]
"#,
        "De Quoted Group in Kabul.",
        &[],
    );
    let svg = render_svg(&out_dir.join("graph.dot"));
    assert!(
        svg.contains("The &quot;Quoted&quot; \\ Group &lt;b&gt;&amp;"),
        "{svg}"
    );
    assert!(svg.contains("كابل"));
    let g = read_json(&out_dir.join("graph.json"));
    assert_eq!(
        node(&g, "q").unwrap()["label"],
        "The \"Quoted\" \\ Group <b>&"
    );
}

/// `output/` must be what the README's build command writes from `seeds/` now.
#[test]
fn committed_output_is_up_to_date() {
    // The README's build command: `cargo run --release -- build --by month`.
    let fresh = build_seeds(&["--by", "month"]);
    fn walk(root: &std::path::Path, dir: &std::path::Path, names: &mut Vec<String>) {
        for e in fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                walk(root, &path, names);
            } else {
                let name = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                if !name.ends_with(".svg") && name != "explorer.png" {
                    names.push(name);
                }
            }
        }
    }
    let names = |dir: &std::path::Path| -> Vec<String> {
        let mut names = Vec::new();
        walk(dir, dir, &mut names);
        names.sort();
        names
    };
    // Every format the build writes is committed, and nothing else (but the screenshot).
    assert_eq!(
        names(&repo().join("output")),
        names(fresh.path()),
        "output/ does not hold what the build writes: rebuild and commit output/"
    );
    assert!(names(fresh.path()).contains(&"by-month/2021-08/graph.json".to_string()));
    assert!(names(fresh.path()).contains(&"index.html".to_string()));
    for name in names(fresh.path()) {
        let committed = fs::read(repo().join("output").join(&name)).unwrap();
        let now = fs::read(fresh.path().join(&name)).unwrap();
        assert!(
            committed == now,
            "output/{name} is stale: run `cargo run --release -- build --by month` and commit output/"
        );
    }
    for name in ["graph.svg", "relations.svg"] {
        let committed_svg = fs::read_to_string(repo().join("output").join(name))
            .unwrap_or_else(|_| panic!("output/{name} is committed"));
        let Ok(fresh_svg) = fs::read_to_string(fresh.path().join(name)) else {
            // Without Graphviz the build skips the SVG; the DOT it is drawn from is checked above.
            require_tool("dot", &["-V"], "apt-get install graphviz");
            return;
        };
        let version = |svg: &str| {
            svg.lines()
                .find(|l| l.contains("Generated by graphviz"))
                .map(str::to_string)
        };
        if version(&committed_svg) == version(&fresh_svg) {
            assert!(
                committed_svg == fresh_svg,
                "output/{name} is stale: rebuild and commit output/"
            );
        } else {
            // Another Graphviz version lays out differently; the drawn actors must still agree.
            let titles = |svg: &str| -> Vec<String> {
                let mut t: Vec<String> = svg
                    .lines()
                    .filter(|l| l.starts_with("<title>"))
                    .map(str::to_string)
                    .collect();
                t.sort();
                t
            };
            assert_eq!(
                titles(&committed_svg),
                titles(&fresh_svg),
                "output/{name} is stale"
            );
        }
    }
}

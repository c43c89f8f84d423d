//! The exchange formats opened by their real consumers: GEXF checked against the official
//! GEXF 1.3 schema with xmllint; GEXF, GraphML, Cytoscape.js, graphology and CSV read by
//! networkx (and Python's csv) with the same nodes, edges and weights as graph.json and
//! relations.json; drawings rendered by Graphviz with the engine chosen by size.

mod common;

use common::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn schema() -> PathBuf {
    let ours = repo().join("tests/schemas/gexf-1.3/gexf.xsd");
    // The copy in the repository must be the official one the project was given.
    let shared = repo().join("../shared/schemas/gexf-1.3");
    if shared.exists() {
        for f in ["gexf.xsd", "dynamics.xsd", "viz.xsd"] {
            assert_eq!(
                fs::read(shared.join(f)).unwrap(),
                fs::read(repo().join("tests/schemas/gexf-1.3").join(f)).unwrap(),
                "tests/schemas/gexf-1.3/{f} differs from ../shared"
            );
        }
    }
    ours
}

fn xmllint(args: &[&str], file: &Path) -> std::process::Output {
    Command::new("xmllint")
        .args(args)
        .arg(file)
        .output()
        .expect("xmllint runs")
}

fn assert_valid_gexf(file: &Path) {
    let out = xmllint(&["--noout", "--schema", schema().to_str().unwrap()], file);
    assert!(
        out.status.success(),
        "{} is not valid GEXF 1.3: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn python(script: &str, args: &[&str]) -> String {
    let out = Command::new("python3")
        .arg(script)
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{script}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn gexf_is_valid_against_the_official_schema_and_carries_time() {
    if !require_tool("xmllint", &["--version"], "apt-get install libxml2-utils") {
        return;
    }
    let out = build_seeds(&[]);
    for name in ["graph.gexf", "relations.gexf"] {
        assert_valid_gexf(&out.path().join(name));
    }
    // The schema check can fail: a GEXF with an element out of place is refused.
    let broken = out.path().join("broken.gexf");
    let text = fs::read_to_string(out.path().join("graph.gexf")).unwrap();
    fs::write(&broken, text.replacen("<nodes ", "<edges/><nodes ", 1)).unwrap();
    assert!(
        !xmllint(
            &["--noout", "--schema", schema().to_str().unwrap()],
            &broken
        )
        .status
        .success()
    );

    // The Taliban are named in 2019-09, 2021-07 and 2021-08 (and in undated articles): two
    // spells, the summer months merged; an edge only from 2021-08 has that month.
    let taliban = text
        .split("<node id=\"taliban\"")
        .nth(1)
        .unwrap()
        .split("</node>")
        .next()
        .unwrap();
    assert!(
        taliban.contains("<spell start=\"2019-09-01\" end=\"2019-09-30\"/>"),
        "{taliban}"
    );
    assert!(
        taliban.contains("<spell start=\"2021-07-01\" end=\"2021-08-31\"/>"),
        "{taliban}"
    );
    let edge = text
        .split("<edge id=\"iskp--taliban\"")
        .nth(1)
        .unwrap()
        .split("</edge>")
        .next()
        .unwrap();
    assert!(
        edge.contains("<spell start=\"2021-08-01\" end=\"2021-08-31\"/>"),
        "{edge}"
    );
    assert!(text.contains("mode=\"dynamic\" timeformat=\"date\""));

    // Relations: directed, kind = relation type.
    let rel = fs::read_to_string(out.path().join("relations.gexf")).unwrap();
    assert!(rel.contains("defaultedgetype=\"directed\""));
    assert!(
        rel.contains(
            "<edge id=\"pakistan-&gt;kabul:attack\" source=\"pakistan\" target=\"kabul\" weight=\"1\" kind=\"attack\""
        ),
        "{rel}"
    );
}

#[test]
fn networkx_reads_every_format_with_the_same_nodes_edges_and_weights() {
    if !require_tool(
        "python3",
        &["-c", "import networkx"],
        "pip install networkx",
    ) {
        return;
    }
    let script = repo().join("tests/python/check_formats.py");
    let script = script.to_str().unwrap();
    // The committed output and a fresh build with another window.
    let fresh = build_seeds(&["--window", "paragraph"]);
    for dir in [repo().join("output"), fresh.path().to_path_buf()] {
        let report = python(script, &[dir.to_str().unwrap()]);
        let checked: Vec<&str> = report
            .lines()
            .map(|l| l.split_whitespace().next().unwrap())
            .collect();
        assert_eq!(
            checked,
            [
                "graph.gexf",
                "graph.graphml",
                "graph.cyjs",
                "graph.graphology.json",
                "graph",
                "relations.gexf",
                "relations.graphml",
                "relations.cyjs",
                "relations.graphology.json",
                "relations",
            ],
            "{report}"
        );
    }
    // And the check itself fails on a wrong weight.
    let broken = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(fresh.path()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), broken.path().join(entry.file_name())).unwrap();
    }
    let graphml = broken.path().join("graph.graphml");
    let text = fs::read_to_string(&graphml).unwrap();
    let text = text.replacen("<data key=\"e_weight\">", "<data key=\"e_weight\">9", 1);
    fs::write(&graphml, text).unwrap();
    let out = Command::new("python3")
        .arg(script)
        .arg(broken.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[test]
fn hostile_labels_survive_every_format() {
    if !require_tool("xmllint", &["--version"], "apt-get install libxml2-utils")
        || !require_tool(
            "python3",
            &["-c", "import networkx"],
            "pip install networkx",
        )
    {
        return;
    }
    let label = "Bad \"Co\" \\ <b>&amp; </script>\nline two \u{202E}كابل";
    let (dir, out) = build_article(
        &format!(
            "[[entity]]\nid = \"bad\"\nkind = \"group\"\nlabel = {}\naliases = [\"Bad Group\"]\n\n\
             [[entity]]\nid = \"kabul\"\nkind = \"place\"\nlabel = \"Kabul\"\naliases = [\"Kabul\"]\n",
            serde_json::to_string(label).unwrap()
        ),
        " date 2021-08 De Bad Group, \"zo\" <zegt> men & meer, in Kabul.\n\
         De Bad Group valt Kabul aan \u{1} met </script> & \"raketten\" \u{202E}نعم.\n",
        &["--dict", "dictionaries/relations"],
    );
    for stem in ["graph", "relations"] {
        assert_valid_gexf(&out.join(format!("{stem}.gexf")));
        assert!(
            xmllint(&["--noout"], &out.join(format!("{stem}.graphml")))
                .status
                .success(),
            "{stem}.graphml"
        );
    }
    let check = r#"
import csv, json, sys
import networkx as nx
out, label = sys.argv[1], sys.argv[2]
sentence = 'De Bad Group, "zo" <zegt> men & meer, in Kabul.'
g = nx.read_gexf(out + "/graph.gexf")
assert g.nodes["bad"]["label"] == label, repr(g.nodes["bad"]["label"])
assert sentence in g.edges["bad", "kabul"]["evidence"], g.edges["bad", "kabul"]
g = nx.read_graphml(out + "/graph.graphml")
assert g.nodes["bad"]["label"] == label, repr(g.nodes["bad"]["label"])
assert sentence in g.edges["bad", "kabul"]["evidence"]
g = nx.cytoscape_graph(json.load(open(out + "/graph.cyjs", encoding="utf-8")))
assert g.nodes["bad"]["name"] == label
data = json.load(open(out + "/graph.graphology.json", encoding="utf-8"))
assert [n["attributes"]["label"] for n in data["nodes"] if n["key"] == "bad"] == [label]
rows = list(csv.DictReader(open(out + "/nodes.csv", encoding="utf-8", newline="")))
assert [r["Label"] for r in rows if r["Id"] == "bad"] == [label]
rows = list(csv.DictReader(open(out + "/edges.csv", encoding="utf-8", newline="")))
assert sentence in rows[0]["evidence"], rows
# The relation graph too, in every format; a control character (U+0001) cannot be held by XML,
# so the XML formats drop it, and JSON keeps the sentence exactly.
attack = 'De Bad Group valt Kabul aan \x01 met </script> & "raketten" \u202eنعم.'
for name in ("graph", "relations"):
    data = json.load(open(out + "/" + name + ".json", encoding="utf-8"))
    g = nx.node_link_graph(data, edges="links")
    assert g.nodes["bad"]["label"] == label, name
    written = [n for n in data["nodes"] if n["id"] == "bad"][0]
    assert dict(g.nodes["bad"]) == {k: v for k, v in written.items() if k != "id"}, name
r = nx.node_link_graph(json.load(open(out + "/relations.json", encoding="utf-8")), edges="links")
assert [e["text"] for e in r.edges["bad", "kabul", "attack"]["evidence"]] == [attack]
for reader, ext in ((nx.read_gexf, "gexf"), (nx.read_graphml, "graphml")):
    r = reader(out + "/relations." + ext)
    assert r.nodes["bad"]["label"] == label, ext
    edges = [d for _, _, d in r.edges(data=True)]
    assert len(edges) == 1, edges
    assert attack.replace("\x01", "") in edges[0]["evidence"], (ext, edges)
rows = list(csv.DictReader(open(out + "/relations.csv", encoding="utf-8", newline="")))
assert attack in rows[0]["evidence"], rows
print("ok")
"#;
    let script = dir.path().join("check.py");
    fs::write(&script, check).unwrap();
    assert_eq!(
        python(script.to_str().unwrap(), &[out.to_str().unwrap(), label]).trim(),
        "ok"
    );
    if require_tool("dot", &["-V"], "apt-get install graphviz") {
        render_svg(&out.join("graph.dot"));
        let svg = render_svg(&out.join("relations.dot"));
        assert!(svg.contains("Bad &quot;Co&quot;"), "{svg}");
    }
}

#[test]
fn render_picks_an_engine_by_size_and_writes_svg_and_png() {
    if !require_tool("dot", &["-V"], "apt-get install graphviz") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small.dot");
    fs::write(&small, "digraph { a -> b; b -> c }").unwrap();
    let out = run(&[
        "render",
        small.to_str().unwrap(),
        repo().join("output/graph.dot").to_str().unwrap(),
        "--format",
        "svg,png",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("small.dot: 3 nodes, dot"), "{err}");
    // The seeds' drawing carries its positions and names the engine that keeps them.
    assert!(
        err.contains("graph.dot: ") && err.contains(" nodes, nop"),
        "{err}"
    );
    for name in ["small.svg", "graph.svg"] {
        let svg = fs::read_to_string(dir.path().join(name)).unwrap();
        assert!(svg.contains("<svg"), "{name}");
    }
    for name in ["small.png", "graph.png"] {
        let png = fs::read(dir.path().join(name)).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{name}");
    }
    // An explicit engine replaces the one the file names.
    let out = run(&[
        "render",
        repo().join("output/graph.dot").to_str().unwrap(),
        "--engine",
        "sfdp",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("sfdp"), "{}", stderr(&out));
    // Not DOT: a usage error naming the file.
    let bad = dir.path().join("bad.dot");
    fs::write(&bad, "graph { a -- ").unwrap();
    let out = run(&["render", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad.dot"), "{}", stderr(&out));
}

#[test]
fn without_graphviz_render_names_the_package_and_build_writes_the_rest() {
    let empty = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("actorgraph");
    let out = Command::new(&bin)
        .args(["render", repo().join("output/graph.dot").to_str().unwrap()])
        .env("PATH", empty.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("install the `graphviz` package"), "{err}");

    let dir = tempfile::tempdir().unwrap();
    let build = |extra: &[&str]| {
        Command::new(&bin)
            .current_dir(repo())
            .args([
                "build",
                "seeds",
                "--quiet",
                "--out",
                dir.path().to_str().unwrap(),
            ])
            .args(extra)
            .env("PATH", empty.path())
            .output()
            .unwrap()
    };
    let out = build(&["--format", "png"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("graphviz"));
    let out = build(&[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("apt-get install graphviz"));
    for name in [
        "graph.gexf",
        "graph.graphml",
        "nodes.csv",
        "graph.cyjs",
        "index.html",
    ] {
        assert!(dir.path().join(name).exists(), "{name}");
    }
    assert!(!dir.path().join("graph.svg").exists());
}

/// Five actors all tied to each other, each pair named together a different number of times.
const CLIQUE: [&str; 5] = ["Taliban", "Pakistan", "Iran", "China", "Rusland"];

fn clique_article() -> (String, std::collections::BTreeMap<(usize, usize), u32>) {
    let mut text = String::new();
    let mut counts = std::collections::BTreeMap::new();
    let mut c = 0;
    for (a, first) in CLIQUE.iter().enumerate() {
        for (b, second) in CLIQUE.iter().enumerate().skip(a + 1) {
            c += 1;
            counts.insert((a, b), c);
            for _ in 0..c {
                text.push_str(&format!("{first} en {second} spraken met elkaar. "));
            }
        }
    }
    (text, counts)
}

/// Pearson correlation.
fn correlation(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let cov: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
    cov / (va * vb).sqrt()
}

#[test]
fn drawing_keeps_each_actors_strongest_ties_and_graphviz_keeps_its_layout() {
    let dir = tempfile::tempdir().unwrap();
    let (text, counts) = clique_article();
    let article = dir.path().join("a.txt");
    fs::write(&article, text).unwrap();
    let out = dir.path().join("out");
    ok(&[
        "build",
        article.to_str().unwrap(),
        "--quiet",
        "--format",
        "json,dot",
        "--ties-per-actor",
        "2",
        "--out",
        out.to_str().unwrap(),
    ]);
    let dot = fs::read_to_string(out.join("graph.dot")).unwrap();
    let graph = read_json(&out.join("graph.json"));
    let id = |label: &str| {
        graph["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["label"] == label)
            .unwrap_or_else(|| panic!("{label} in {graph}"))["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // A tie is drawn when it is among the two strongest of either end.
    let top2 = |v: usize| {
        let mut mine: Vec<_> = counts
            .iter()
            .filter(|((a, b), _)| *a == v || *b == v)
            .collect();
        mine.sort_by_key(|(_, c)| std::cmp::Reverse(**c));
        mine.into_iter()
            .take(2)
            .map(|(k, _)| *k)
            .collect::<Vec<_>>()
    };
    for (&(a, b), &c) in &counts {
        let drawn = top2(a).contains(&(a, b)) || top2(b).contains(&(a, b));
        let (x, y) = {
            let (x, y) = (id(CLIQUE[a]), id(CLIQUE[b]));
            if x < y { (x, y) } else { (y, x) }
        };
        let line = format!("\"{x}\" -- \"{y}\"");
        assert_eq!(
            dot.contains(&line),
            drawn,
            "{line} ({c} sentences) in\n{dot}"
        );
    }
    assert!(dot.contains("each actor's 2 strongest of 10 ties"), "{dot}");
    // The JSON keeps all ten.
    assert_eq!(graph["links"].as_array().unwrap().len(), 10);

    // Every actor is pinned, and Graphviz draws the picture the positions give.
    if !require_tool("dot", &["-V"], "apt-get install graphviz") {
        return;
    }
    let plain = Command::new("dot")
        .args(["-Tplain", out.join("graph.dot").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(plain.status.success());
    let plain = String::from_utf8(plain.stdout).unwrap();
    let (mut pinned, mut drawn) = (Vec::new(), Vec::new());
    for label in CLIQUE {
        let id = id(label);
        let at = dot.find(&format!("\"{id}\"[")).unwrap();
        let pos = &dot[at..][dot[at..].find("pos=\"").unwrap() + 5..];
        let pos = &pos[..pos.find("!\"").unwrap()];
        let (x, y) = pos.split_once(',').unwrap();
        pinned.push((x.parse::<f64>().unwrap(), y.parse::<f64>().unwrap()));
        let line = plain
            .lines()
            .find(|l| l.starts_with(&format!("node {id} ")))
            .unwrap_or_else(|| panic!("{id} in {plain}"));
        let f: Vec<f64> = line
            .split(' ')
            .skip(2)
            .take(2)
            .map(|v| v.parse().unwrap())
            .collect();
        drawn.push((f[0], f[1]));
    }
    let xs = |v: &[(f64, f64)]| v.iter().map(|p| p.0).collect::<Vec<_>>();
    let ys = |v: &[(f64, f64)]| v.iter().map(|p| p.1).collect::<Vec<_>>();
    assert!(
        correlation(&xs(&pinned), &xs(&drawn)) > 0.9,
        "{pinned:?} {drawn:?}"
    );
    assert!(
        correlation(&ys(&pinned), &ys(&drawn)) > 0.9,
        "{pinned:?} {drawn:?}"
    );
}

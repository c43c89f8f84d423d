//! Weights, pruning, the backbone, the measures and time slices, through the real binary on
//! the seeds: each option's output is checked against the full graph by an independent
//! computation, and the measures against networkx.

mod common;

use common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

fn seeds_json(extra: &[&str]) -> (Value, Value) {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    let dir = build_seeds(&args);
    (
        read_json(&dir.path().join("graph.json")),
        read_json(&dir.path().join("relations.json")),
    )
}

fn ids(nodes: &Value) -> BTreeSet<String> {
    nodes
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect()
}

/// A link's (source, target) ids.
fn ends(l: &Value) -> (String, String) {
    (
        l["source"].as_str().unwrap().to_string(),
        l["target"].as_str().unwrap().to_string(),
    )
}

fn pairs(g: &Value) -> BTreeSet<(String, String)> {
    g["links"].as_array().unwrap().iter().map(ends).collect()
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

#[test]
fn every_weight_follows_its_formula_and_keeps_the_raw_counts() {
    let (base, _) = seeds_json(&[]);
    let windows = num(&base["graph"]["windows"]);
    assert!(windows > 100.0, "the seeds have {windows} sentences");
    let node_windows: BTreeMap<&str, f64> = base["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), num(&n["windows"])))
        .collect();
    for kind in ["count", "documents", "pmi", "npmi", "jaccard", "dice"] {
        let (g, _) = seeds_json(&["--weight", kind]);
        assert_eq!(g["graph"]["weight"], kind);
        assert_eq!(pairs(&g), pairs(&base), "{kind} keeps every edge");
        for l in g["links"].as_array().unwrap() {
            let (a, b) = (l["source"].as_str().unwrap(), l["target"].as_str().unwrap());
            let base_link = link(&base, a, b).unwrap();
            assert_eq!(l["count"], base_link["count"]);
            assert_eq!(l["documents"], base_link["documents"]);
            let (n, na, nb) = (num(&l["count"]), node_windows[a], node_windows[b]);
            let pmi = (n * windows / (na * nb)).log2();
            let expected = match kind {
                "count" => n,
                "documents" => num(&l["documents"]),
                "pmi" => pmi,
                "npmi" => pmi / -(n / windows).log2(),
                "jaccard" => n / (na + nb - n),
                _ => 2.0 * n / (na + nb),
            };
            assert!(
                (num(&l["weight"]) - expected).abs() < 1e-6,
                "{kind} {a}–{b}: {} against {expected}",
                l["weight"]
            );
        }
    }
}

#[test]
fn min_documents_kinds_subtypes_and_top_prune_both_graphs() {
    let (full, full_rel) = seeds_json(&[]);

    let (g, r) = seeds_json(&["--min-documents", "2"]);
    let expected: BTreeSet<_> = full["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["documents"].as_u64().unwrap() >= 2)
        .map(ends)
        .collect();
    assert!(!expected.is_empty() && expected.len() < pairs(&full).len());
    assert_eq!(pairs(&g), expected);
    for l in r["links"].as_array().unwrap() {
        assert!(l["documents"].as_u64().unwrap() >= 2, "{l}");
    }
    assert!(r["links"].as_array().unwrap().len() < full_rel["links"].as_array().unwrap().len());

    let (g, r) = seeds_json(&["--kinds", "group,state"]);
    for n in g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .chain(r["nodes"].as_array().unwrap())
    {
        assert!(
            ["group", "state"].contains(&n["kind"].as_str().unwrap()),
            "{n}"
        );
    }
    let kept: BTreeSet<String> = full["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| ["group", "state"].contains(&n["kind"].as_str().unwrap()))
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids(&g["nodes"]), kept);
    assert_eq!(g["graph"]["kinds"], serde_json::json!(["group", "state"]));

    let media = |g: &Value| {
        g["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["subtype"] == "media")
            .count()
    };
    assert!(media(&full) > 0, "the seeds name news media");
    let (g, _) = seeds_json(&["--exclude-subtype", "media"]);
    assert_eq!(media(&g), 0);
    assert_eq!(
        ids(&g["nodes"]).len(),
        ids(&full["nodes"]).len() - media(&full)
    );

    // --top: the actors with the largest weighted degree in the full graph, ties by id.
    let mut ranked: Vec<(f64, String)> = full["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                num(&n["weighted_degree"]),
                n["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let top: BTreeSet<String> = ranked.iter().take(8).map(|(_, id)| id.clone()).collect();
    let (g, r) = seeds_json(&["--top", "8"]);
    assert_eq!(ids(&g["nodes"]), top);
    assert!(ids(&r["nodes"]).is_subset(&top));
    let expected: BTreeSet<_> = pairs(&full)
        .into_iter()
        .filter(|(a, b)| top.contains(a) && top.contains(b))
        .collect();
    assert_eq!(pairs(&g), expected);
}

/// The disparity filter's α of edge weight `w` at a node with these edge weights.
fn alpha(weights: &[f64], w: f64) -> Option<f64> {
    let k = weights.len();
    (k > 1).then(|| (1.0 - w / weights.iter().sum::<f64>()).powi(k as i32 - 1))
}

#[test]
fn backbone_keeps_the_edges_significant_for_either_end() {
    let (full, _) = seeds_json(&[]);
    let mut at: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for l in full["links"].as_array().unwrap() {
        for end in ["source", "target"] {
            at.entry(l[end].as_str().unwrap())
                .or_default()
                .push(num(&l["weight"]));
        }
    }
    for level in ["0.05", "0.3"] {
        let a: f64 = level.parse().unwrap();
        let expected: BTreeSet<(String, String)> = full["links"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| {
                let w = num(&l["weight"]);
                ["source", "target"]
                    .iter()
                    .any(|end| alpha(&at[l[*end].as_str().unwrap()], w).is_some_and(|x| x < a))
            })
            .map(ends)
            .collect();
        let (g, _) = seeds_json(&["--backbone", level]);
        assert_eq!(pairs(&g), expected, "α = {level}");
        assert!(!expected.is_empty() && expected.len() < pairs(&full).len());
        assert_eq!(num(&g["graph"]["backbone"]), a);
    }
    // The strongest tie of the corpus survives the strictest level.
    let (g, _) = seeds_json(&["--backbone", "0.05"]);
    assert!(link(&g, "afghanistan", "taliban").is_some());
}

#[test]
fn measures_agree_with_networkx() {
    if !require_tool(
        "python3",
        &["-c", "import networkx"],
        "pip install networkx",
    ) {
        return;
    }
    let script = repo().join("tests/python/check_measures.py");
    let jaccard = build_seeds(&["--format", "json", "--weight", "jaccard"]);
    let paragraph = build_seeds(&["--format", "json", "--window", "paragraph"]);
    for path in [
        repo().join("output/graph.json"),
        repo().join("output/by-month/2021-08/graph.json"),
        jaccard.path().join("graph.json"),
        paragraph.path().join("graph.json"),
    ] {
        let out = Command::new("python3")
            .arg(&script)
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // A wrong stored value is caught.
    let dir = tempfile::tempdir().unwrap();
    let mut g = read_json(&repo().join("output/graph.json"));
    g["nodes"][0]["betweenness"] = serde_json::json!(0.5);
    let bad = dir.path().join("graph.json");
    std::fs::write(&bad, g.to_string()).unwrap();
    let out = Command::new("python3")
        .arg(&script)
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[test]
fn measures_are_on_every_node_of_both_graphs_alike() {
    let (g, r) = seeds_json(&[]);
    for n in r["nodes"].as_array().unwrap() {
        let id = n["id"].as_str().unwrap();
        let same = node(&g, id).unwrap();
        for m in [
            "degree",
            "weighted_degree",
            "betweenness",
            "pagerank",
            "community",
        ] {
            assert_eq!(n[m], same[m], "{id} {m}");
        }
    }
    let total: f64 = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| num(&n["pagerank"]))
        .sum();
    assert!((total - 1.0).abs() < 1e-4, "PageRank sums to {total}");
}

#[test]
fn a_date_range_keeps_its_articles_and_each_period_is_its_own_range() {
    let dir = build_seeds(&["--format", "json", "--by", "month"]);
    let by = dir.path().join("by-month");
    let mut months: Vec<String> = std::fs::read_dir(&by)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    months.sort();
    // The seeds' dated articles are from these months; the undated ones are in none.
    assert_eq!(months, ["2019-09", "2021-07", "2021-08"]);
    let mut articles = 0;
    for month in &months {
        let period = read_json(&by.join(month).join("graph.json"));
        assert_eq!(period["graph"]["period"], month.as_str());
        let (ranged, _) = seeds_json(&["--from", month, "--to", month]);
        assert_eq!(ranged["graph"]["from"], month.as_str());
        assert_eq!(period["nodes"], ranged["nodes"], "{month}");
        assert_eq!(period["links"], ranged["links"], "{month}");
        articles += period["graph"]["articles"].as_u64().unwrap();
        let relations = read_json(&by.join(month).join("relations.json"));
        assert_eq!(relations["graph"]["period"], month.as_str());
    }
    let (full, _) = seeds_json(&[]);
    assert_eq!(articles, full["graph"]["dated_articles"].as_u64().unwrap());

    // A range over two months holds the articles of both.
    let (two, _) = seeds_json(&["--from", "2021-07-01", "--to", "2021-08"]);
    assert_eq!(two["graph"]["articles"], 2);

    // actors.csv: the degree in each month, and the ties gained since the month before.
    let table = std::fs::read_to_string(by.join("actors.csv")).unwrap();
    let rows: Vec<Vec<&str>> = table
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let row = |period: &str, id: &str| {
        rows.iter()
            .find(|r| r[0] == period && r[1] == id)
            .unwrap_or_else(|| panic!("{period} {id}"))
            .clone()
    };
    let july = read_json(&by.join("2021-07/graph.json"));
    let august = read_json(&by.join("2021-08/graph.json"));
    let neighbours = |g: &Value, id: &str| -> BTreeSet<String> {
        pairs(g)
            .into_iter()
            .filter_map(|(a, b)| {
                if a == id {
                    Some(b)
                } else if b == id {
                    Some(a)
                } else {
                    None
                }
            })
            .collect()
    };
    let r = row("2021-08", "taliban");
    assert_eq!(
        r[5],
        node(&august, "taliban").unwrap()["degree"].to_string()
    );
    let gained: BTreeSet<String> = neighbours(&august, "taliban")
        .difference(&neighbours(&july, "taliban"))
        .cloned()
        .collect();
    assert_eq!(r[8], gained.len().to_string());
    let listed: BTreeSet<String> = r[10]
        .split(';')
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    assert_eq!(listed, gained);
    let periods = std::fs::read_to_string(by.join("periods.csv")).unwrap();
    assert_eq!(periods.lines().count(), 4, "{periods}");
    assert!(periods.starts_with("period,articles,actors,ties,relations,density"));
}

#[test]
fn quarters_and_years_name_their_folders() {
    let dir = build_seeds(&["--format", "json", "--by", "quarter"]);
    assert!(dir.path().join("by-quarter/2021-Q3/graph.json").is_file());
    assert!(dir.path().join("by-quarter/2019-Q3/graph.json").is_file());
    let q3 = read_json(&dir.path().join("by-quarter/2021-Q3/graph.json"));
    assert_eq!(q3["graph"]["articles"], 2);
    let dir = build_seeds(&["--format", "json", "--by", "year"]);
    assert!(dir.path().join("by-year/2021/relations.json").is_file());
}

#[test]
fn bad_analysis_options_are_usage_errors() {
    for (args, message) in [
        (vec!["--backbone", "0"], "--backbone"),
        (vec!["--backbone", "1.5"], "--backbone"),
        (vec!["--top", "0"], "--top"),
        (vec!["--from", "2021-02-30"], "not a date"),
        (vec!["--from", "2022", "--to", "2021-05"], "after"),
        (vec!["--weight", "tfidf"], "tfidf"),
        (vec!["--kinds", "rebel"], "unknown kind"),
        (vec!["--by", "week"], "week"),
    ] {
        let mut all = vec!["build", "seeds", "--out", "/nonexistent/never-written"];
        all.extend(args.iter());
        let out = run(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
    }
    // A range without articles writes nothing.
    let dir = tempfile::tempdir().unwrap();
    let out = run(&[
        "build",
        "seeds",
        "--from",
        "2030",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("none of the 5 articles is dated within 2030 or later"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

//! The query commands on the seeds' graph, with exact expected answers, and their errors.

mod common;

use common::*;
use serde_json::Value;

/// Runs a query against a fresh build of the seeds; returns its stdout.
fn ask(graph: &std::path::Path, args: &[&str]) -> String {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--graph", graph.to_str().unwrap()]);
    ok(&all)
}

fn ask_json(graph: &std::path::Path, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    serde_json::from_str(&ask(graph, &all)).expect("JSON answer")
}

fn seeds() -> tempfile::TempDir {
    build_seeds(&["--format", "json"])
}

fn ids(list: &Value, key: Option<&str>) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| {
            let x = key.map_or(x, |k| &x[k]);
            x["id"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn neighbors_by_id_alias_or_label_in_any_case() {
    let dir = seeds();
    let g = dir.path();
    let by_id = ask_json(g, &["neighbors", "ttp"]);
    for name in [
        "TTP",
        "Pakistaanse Taliban",
        "tehrik-i-taliban pakistan",
        "TEHRIK-E-TALIBAN",
    ] {
        assert_eq!(ask_json(g, &["neighbors", name]), by_id, "{name}");
    }
    let n = &by_id["neighbors"];
    assert_eq!(
        ids(n, None),
        [
            "afghanistan",
            "pakistan",
            "fata",
            "islamabad",
            "kabul",
            "karachi",
            "taliban",
            "un-security-council",
            "united-states"
        ]
    );
    assert_eq!(
        (n[0]["weight"].as_f64(), n[0]["count"].as_u64()),
        (Some(4.0), Some(4))
    );
    assert_eq!(n[2]["count"], 1);
    assert!(by_id.get("relations").is_none());

    let with = ask_json(g, &["neighbors", "ttp", "--relations"]);
    let rel: Vec<(String, String, String)> = with["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["source"]["id"].as_str().unwrap().to_string(),
                r["type"].as_str().unwrap().to_string(),
                r["target"]["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // "zouden Afghaanse autoriteiten wapens hebben geleverd aan de TTP" is hedged: the default
    // graph leaves Afghanistan's support out.
    assert_eq!(rel, [("ttp".into(), "support".into(), "taliban".into())]);
    let text = ask(g, &["neighbors", "ttp", "--relations"]);
    assert!(
        text.starts_with("Tehrik-i-Taliban Pakistan (ttp, group): 9 neighbours"),
        "{text}"
    );
    assert!(
        text.contains("Tehrik-i-Taliban Pakistan —support→ Taliban"),
        "{text}"
    );
}

#[test]
fn evidence_quotes_the_tie_and_the_relations_both_ways() {
    let dir = seeds();
    let e = ask_json(dir.path(), &["evidence", "ISKP", "taliban"]);
    let tie = &e["tie"];
    assert_eq!(
        (tie["count"].as_u64(), tie["documents"].as_u64()),
        (Some(5), Some(1))
    );
    let quotes = tie["evidence"].as_array().unwrap();
    assert_eq!(quotes.len(), 3);
    assert!(
        quotes
            .iter()
            .all(|q| q["doc"] == "seeds/001_17c673b6faf8e46a" && q["date"] == "2021-08")
    );
    assert!(
        quotes
            .iter()
            .any(|q| q["text"] == "De Taliban en ISKP zijn bovendien elkaars vijand.")
    );
    let rel: Vec<(&str, &str, &str)> = e["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["source"]["id"].as_str().unwrap(),
                r["type"].as_str().unwrap(),
                r["evidence"][0]["cue"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rel,
        [
            ("iskp", "enmity", "vijand"),
            ("taliban", "enmity", "vijand")
        ]
    );
    // Both orders give the same sentences.
    let swapped = ask_json(dir.path(), &["evidence", "taliban", "iskp"]);
    assert_eq!(swapped["tie"], e["tie"]);
    let text = ask(dir.path(), &["evidence", "iskp", "taliban"]);
    assert!(
        text.contains("together in 5 sentences of 1 article"),
        "{text}"
    );
    assert!(
        text.contains("[seeds/001_17c673b6faf8e46a, 2021-08] De Taliban en ISKP"),
        "{text}"
    );
    // Never together.
    let none = ask_json(dir.path(), &["evidence", "panjwayi", "taliban"]);
    assert!(none["tie"].is_null());
    assert!(
        ask(dir.path(), &["evidence", "panjwayi", "taliban"])
            .contains("never named in the same sentence")
    );
}

#[test]
fn path_takes_the_fewest_steps_through_the_strongest_ties() {
    let dir = seeds();
    let p = ask_json(dir.path(), &["path", "ttp", "qatar"]);
    let hops = p["hops"].as_array().unwrap();
    let steps: Vec<(&str, &str)> = hops
        .iter()
        .map(|h| {
            (
                h["from"]["id"].as_str().unwrap(),
                h["to"]["id"].as_str().unwrap(),
            )
        })
        .collect();
    // TTP is not tied to Qatar; Afghanistan (weight 4 with TTP) is, and is the strongest
    // two-step route.
    assert_eq!(steps, [("ttp", "afghanistan"), ("afghanistan", "qatar")]);
    assert_eq!(hops[0]["weight"], 4.0);
    assert!(
        hops[0]["evidence"]["text"]
            .as_str()
            .unwrap()
            .contains("TTP")
    );
    // Direct ties are one step.
    let direct = ask_json(dir.path(), &["path", "taliban", "afghanistan"]);
    assert_eq!(direct["hops"].as_array().unwrap().len(), 1);
    // Panjwayi has no ties.
    let none = ask_json(dir.path(), &["path", "panjwayi", "taliban"]);
    assert!(none["hops"].is_null());
    assert!(ask(dir.path(), &["path", "panjwayi", "taliban"]).starts_with("no path"));
}

#[test]
fn timeline_counts_mentions_ties_and_relations_per_month() {
    let dir = seeds();
    let csv = ask(dir.path(), &["timeline", "Taliban", "--csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "month,mentions,ties,relations");
    // Every month from the first dated article (2019-09) to the last (2021-08).
    assert_eq!(lines.len(), 1 + 24);
    assert_eq!(lines[1], "2019-09,18,15,8");
    assert_eq!(lines[2], "2019-10,0,0,0");
    assert_eq!(lines[23], "2021-07,11,9,3");
    assert_eq!(lines[24], "2021-08,18,12,3");
    let t = ask_json(dir.path(), &["timeline", "taliban"]);
    let dated: u64 = t["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["mentions"].as_u64().unwrap())
        .sum();
    assert_eq!(
        dated + t["undated_mentions"].as_u64().unwrap(),
        t["mentions"].as_u64().unwrap()
    );
    assert_eq!(t["mentions"], 63);
    let text = ask(dir.path(), &["timeline", "taliban"]);
    assert!(text.contains("2019-09 █"), "{text}");
    assert!(text.contains("peak 2019-09: 18 mentions"), "{text}");
    assert!(text.contains("16 mentions in undated articles"), "{text}");
}

#[test]
fn stats_summarises_sizes_measures_communities_and_relations() {
    let dir = seeds();
    let s = ask_json(dir.path(), &["stats", "--top", "3"]);
    assert_eq!(
        (
            s["actors"].as_u64(),
            s["ties"].as_u64(),
            s["relations"].as_u64()
        ),
        (Some(64), Some(189), Some(33))
    );
    assert_eq!(
        (
            s["components"].as_u64(),
            s["largest_component"].as_u64(),
            s["isolated"].as_u64()
        ),
        (Some(1), Some(63), Some(1))
    );
    // 187 of 63 · 62 / 2 possible ties.
    assert!((s["density"].as_f64().unwrap() - 189.0 / 2016.0).abs() < 1e-6);
    assert_eq!(
        ids(&s["top"]["mentions"], None),
        ["taliban", "afghanistan", "united-states"]
    );
    assert_eq!(
        ids(&s["top"]["degree"], None),
        ["afghanistan", "taliban", "united-states"]
    );
    assert_eq!(ids(&s["top"]["betweenness"], None)[0], "taliban");
    let strongest = &s["strongest_ties"][0];
    assert_eq!(
        (
            strongest["source"]["id"].as_str(),
            strongest["target"]["id"].as_str(),
            strongest["count"].as_u64()
        ),
        (Some("afghanistan"), Some("taliban"), Some(25))
    );
    // Communities cover every actor with ties, once.
    let mut members: Vec<String> = s["communities"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| ids(&c["members"], None))
        .collect();
    members.sort();
    let before = members.len();
    members.dedup();
    assert_eq!((before, members.len()), (63, 63));
    assert!(s["modularity"].as_f64().unwrap() > 0.1);
    let attack = s["relation_types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["type"] == "attack")
        .unwrap();
    assert_eq!(
        (attack["edges"].as_u64(), attack["sentences"].as_u64()),
        (Some(9), Some(10))
    );
    let text = ask(dir.path(), &["stats"]);
    for part in [
        "64 actors, 189 ties, 33 relations from 5 articles (3 dated)",
        "Top actors by PageRank:",
        "Strongest ties (weight, sentences, articles):",
        "Communities (Louvain, modularity",
        "attack       CAMEO 19",
    ] {
        assert!(text.contains(part), "{part}\n{text}");
    }
}

#[test]
fn unknown_ambiguous_and_missing_are_explained() {
    let dir = seeds();
    let g = dir.path().to_str().unwrap();
    let out = run(&["neighbors", "Talibn", "--graph", g]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no actor \"Talibn\" in the graph in"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("did you mean taliban (Taliban)"),
        "{}",
        stderr(&out)
    );

    let out = run(&["timeline", "Rutte", "--graph", g]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is mark-rutte (Mark Rutte) in the dictionary, but not in the graph"),
        "{}",
        stderr(&out)
    );

    let empty = tempfile::tempdir().unwrap();
    let out = run(&["stats", "--graph", empty.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("run `actorgraph build` first"),
        "{}",
        stderr(&out)
    );

    std::fs::write(empty.path().join("graph.json"), "{\"nodes\": [").unwrap();
    let out = run(&["stats", "--graph", empty.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("graph.json: not a graph written by actorgraph build"),
        "{}",
        stderr(&out)
    );

    // Two actors share a label: the name lists both and asks for the id.
    let dict = r#"
[[entity]]
id = "punjab-pk"
kind = "place"
label = "Punjab"
aliases = ["Punjab"]

[[entity]]
id = "punjab-in"
kind = "place"
label = "Punjab"
aliases = ["Indiase Punjab"]

[[entity]]
id = "lahore"
kind = "place"
label = "Lahore"
aliases = ["Lahore"]
"#;
    let (_keep, out_dir) = build_article(
        dict,
        "Lahore ligt in Punjab. Het Indiase Punjab ligt ernaast.",
        &["--format", "json"],
    );
    let out = run(&[
        "neighbors",
        "punjab",
        "--graph",
        out_dir.to_str().unwrap(),
        "--dict",
        "/nonexistent.toml",
    ]);
    // A dictionary given but unreadable is a dictionary error, as in every command.
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("/nonexistent.toml"));
    let out = run(&["neighbors", "punjab", "--graph", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "\"punjab\" could be punjab-in (Punjab, place), punjab-pk (Punjab, place): give the id"
        ),
        "{err}"
    );
    assert!(ask(&out_dir, &["neighbors", "punjab-pk"]).contains("Lahore"));
}

//! The explorer page (index.html) opened in headless Chromium through Playwright
//! (tests/browser/explorer.mjs): it shows every actor and edge, answers clicks with the
//! evidence, filters, searches, and survives hostile labels without running them.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// Whether the browser tests can run: Node, Chromium and playwright-core (installed by
/// scripts/test.sh). Missing pieces fail the test unless ACTORGRAPH_SKIP_EXTERNAL is set.
fn browser_ready() -> bool {
    if !require_tool("node", &["--version"], "install Node.js 20") {
        return false;
    }
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .any(|p| Path::new(p).exists())
        || std::env::var_os("CHROMIUM").is_some();
    let playwright = repo()
        .join("tests/browser/node_modules/playwright-core")
        .exists();
    if chromium && playwright {
        return true;
    }
    if std::env::var_os("ACTORGRAPH_SKIP_EXTERNAL").is_some() {
        eprintln!("skipping: Chromium or playwright-core missing");
        return false;
    }
    panic!(
        "the explorer tests need Chromium (apt-get install chromium) and playwright-core \
         (npm ci --prefix tests/browser); scripts/test.sh installs both"
    );
}

/// Opens `page`, runs the actions, returns the script's report.
fn explore(page: &Path, actions: &[&str]) -> Value {
    let out = Command::new("node")
        .arg(repo().join("tests/browser/explorer.mjs"))
        .arg(page)
        .args(actions)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "explorer.mjs {}: {}",
        page.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["errors"], Value::Array(vec![]), "page errors");
    assert_eq!(report["dialogs"], Value::Array(vec![]), "dialogs opened");
    assert_eq!(
        report["requests"],
        Value::Array(vec![]),
        "the page must not touch the network"
    );
    report
}

fn ids(graph: &Value) -> BTreeSet<String> {
    graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect()
}

fn count(v: &Value) -> u64 {
    v.as_u64().unwrap()
}

#[test]
fn page_shows_every_actor_and_edge_and_clicks_show_the_evidence() {
    if !browser_ready() {
        return;
    }
    let out = build_seeds(&[]);
    let graph = read_json(&out.path().join("graph.json"));
    let relations = read_json(&out.path().join("relations.json"));
    let actors: BTreeSet<String> = ids(&graph).union(&ids(&relations)).cloned().collect();
    let links = |g: &Value| g["links"].as_array().unwrap().clone();

    let report = explore(
        &out.path().join("index.html"),
        &[
            "--click-edge",
            "iskp--taliban",
            "--click-edge",
            "pakistan->kabul:attack",
            "--click-node",
            "iskp",
            "--search",
            "Verenigde Staten",
        ],
    );
    let initial = &report["initial"];
    assert_eq!(count(&initial["nodes"]), actors.len() as u64);
    assert_eq!(count(&initial["co"]), links(&graph).len() as u64);
    assert_eq!(count(&initial["rel"]), links(&relations).len() as u64);

    // A co-occurrence edge: its evidence sentences, article ids and dates, as in graph.json.
    let steps = report["steps"].as_array().unwrap();
    let edge = link(&graph, "iskp", "taliban").expect("ISKP and the Taliban co-occur");
    let shown: Vec<&str> = steps[0]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    let expected = edge["evidence"].as_array().unwrap();
    assert_eq!(shown.len(), expected.len(), "{shown:?}");
    for (text, ev) in shown.iter().zip(expected) {
        assert!(text.contains(ev["text"].as_str().unwrap()), "{text}");
        assert!(text.contains(ev["doc"].as_str().unwrap()), "{text}");
        assert!(text.contains(ev["date"].as_str().unwrap()), "{text}");
    }
    assert!(steps[0]["panelTitle"].as_str().unwrap().contains("Taliban"));

    // A relation: the title says who does what to whom, the sentence is quoted.
    let title = steps[1]["panelTitle"].as_str().unwrap();
    assert!(
        title.starts_with("Pakistan attacks") && title.contains("Kabul"),
        "{title}"
    );
    let rel = links(&relations)
        .into_iter()
        .find(|l| l["source"] == "pakistan" && l["target"] == "kabul" && l["type"] == "attack")
        .unwrap();
    let quoted = steps[1]["evidence"][0].as_str().unwrap();
    assert!(
        quoted.contains(rel["evidence"][0]["text"].as_str().unwrap()),
        "{quoted}"
    );

    // A node: its neighbours and relations are listed.
    let panel = steps[2]["panel"].as_str().unwrap();
    assert!(
        panel.starts_with("Islamitische Staat Khorasan (ISKP)"),
        "{panel}"
    );
    let neighbours = links(&graph)
        .iter()
        .filter(|l| l["source"] == "iskp" || l["target"] == "iskp")
        .count();
    assert!(
        panel.contains(&format!("NEIGHBOURS ({neighbours})")),
        "{panel}"
    );
    assert!(panel.contains("claims"), "{panel}");

    // Search by name selects the actor.
    assert_eq!(steps[3]["panelTitle"], "Verenigde Staten");
}

#[test]
fn filters_hide_light_edges_and_switch_edge_sets() {
    if !browser_ready() {
        return;
    }
    let out = build_seeds(&[]);
    let graph = read_json(&out.path().join("graph.json"));
    let relations = read_json(&out.path().join("relations.json"));
    let heavy = |g: &Value, min: u64| {
        g["links"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| count(&l["count"]) >= min)
            .count() as u64
    };
    let report = explore(
        &out.path().join("index.html"),
        &[
            "--min-weight",
            "4",
            "--uncheck",
            "show-relations",
            "--uncheck",
            "show-cooccurrence",
        ],
    );
    let steps = report["steps"].as_array().unwrap();
    assert_eq!(count(&steps[0]["co"]), heavy(&graph, 4));
    assert_eq!(count(&steps[0]["rel"]), heavy(&relations, 4));
    assert!(count(&steps[0]["co"]) < count(&report["initial"]["co"]));
    assert_eq!(count(&steps[1]["rel"]), 0);
    assert_eq!(count(&steps[1]["co"]), heavy(&graph, 4));
    assert_eq!(count(&steps[2]["co"]), 0);
    // Actors stay when their edges are hidden.
    assert_eq!(steps[2]["nodes"], report["initial"]["nodes"]);
}

#[test]
fn month_range_keeps_what_dated_articles_in_range_support() {
    if !browser_ready() {
        return;
    }
    let out = build_seeds(&[]);
    let graph = read_json(&out.path().join("graph.json"));
    let relations = read_json(&out.path().join("relations.json"));
    let in_range = |item: &Value| -> u64 {
        item.get("timeline")
            .and_then(Value::as_object)
            .map(|t| {
                t.iter()
                    .filter(|(m, _)| m.as_str() >= "2021-07" && m.as_str() <= "2021-07")
                    .map(|(_, c)| count(c))
                    .sum()
            })
            .unwrap_or(0)
    };
    let mut actors: BTreeSet<String> = BTreeSet::new();
    for g in [&graph, &relations] {
        for n in g["nodes"].as_array().unwrap() {
            if in_range(n) > 0 {
                actors.insert(n["id"].as_str().unwrap().to_string());
            }
        }
    }
    let edges = |g: &Value| {
        g["links"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| in_range(l) > 0)
            .count() as u64
    };
    let report = explore(
        &out.path().join("index.html"),
        &["--months", "2021-07", "2021-07"],
    );
    let step = &report["steps"][0];
    assert_eq!(count(&step["nodes"]), actors.len() as u64);
    assert!(actors.len() > 3 && count(&step["nodes"]) < count(&report["initial"]["nodes"]));
    assert_eq!(count(&step["co"]), edges(&graph));
    assert_eq!(count(&step["rel"]), edges(&relations));
}

#[test]
fn hostile_labels_and_sentences_are_shown_as_text_and_never_run() {
    if !browser_ready() {
        return;
    }
    let hostile =
        r#"</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">"#;
    let (_dir, out_dir) = build_article(
        &format!(
            r#"[[entity]]
id = "bad"
kind = "group"
label = '{hostile} & "Co"'
aliases = ["Bad Group"]

[[entity]]
id = "kabul"
kind = "place"
label = "كابل"
aliases = ["Kabul"]
"#
        ),
        "De Bad Group zit in Kabul <script>window.__pwned=3</script> & meer.\n",
        &["--format", "html"],
    );
    let report = explore(
        &out_dir.join("index.html"),
        &["--click-edge", "bad--kabul", "--click-node", "bad"],
    );
    let initial = &report["initial"];
    assert_eq!(initial["pwned"], false);
    assert_eq!(initial["images"], 0);
    assert_eq!(
        initial["scripts"], 3,
        "only the data, D3 and the page's script"
    );
    let labels: Vec<&str> = initial["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&format!("{hostile} & \"Co\"").as_str()),
        "{labels:?}"
    );
    assert!(labels.contains(&"كابل"));
    let steps = report["steps"].as_array().unwrap();
    let evidence = steps[0]["evidence"][0].as_str().unwrap();
    assert!(
        evidence.contains("Kabul <script>window.__pwned=3</script> & meer."),
        "{evidence}"
    );
    assert!(
        steps[1]["panelTitle"]
            .as_str()
            .unwrap()
            .starts_with(hostile)
    );
    for step in steps {
        assert_eq!(step["pwned"], false);
        assert_eq!(step["images"], 0);
    }
}

/// Provisional actors (found by a discovery rule) are drawn dashed, say so in the panel with
/// their rule, and can be hidden apart from the listed ones.
#[test]
fn provisional_actors_are_marked_and_can_be_hidden() {
    if !browser_ready() {
        return;
    }
    let out = build_seeds(&[]);
    let graph = read_json(&out.path().join("graph.json"));
    let provisional: Vec<&Value> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["provisional"] == true)
        .collect();
    assert!(
        !provisional.is_empty(),
        "the seeds name an unlisted ministry"
    );
    let id = provisional[0]["id"].as_str().unwrap();
    let rule = provisional[0]["rule"].as_str().unwrap();
    let report = explore(
        &out.path().join("index.html"),
        &[
            "--click-node",
            id,
            "--uncheck",
            "show-provisional",
            "--uncheck",
            "show-listed",
        ],
    );
    assert_eq!(report["errors"].as_array().unwrap().len(), 0, "{report}");
    let steps = report["steps"].as_array().unwrap();
    let panel = steps[0]["panel"].as_str().unwrap();
    assert!(
        panel.contains("Provisional") && panel.contains(rule),
        "{panel}"
    );
    assert_eq!(
        count(&report["initial"]["provisional"]),
        provisional.len() as u64,
        "provisional actors are drawn dashed"
    );
    let all = count(&report["initial"]["nodes"]);
    assert_eq!(count(&steps[1]["nodes"]), all - provisional.len() as u64);
    assert_eq!(count(&steps[2]["nodes"]), 0);
}

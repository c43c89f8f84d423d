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

/// Opens `page` in its SVG view (the view without WebGL, whose elements the tests can
/// count), runs the actions, returns the script's report.
fn explore(page: &Path, actions: &[&str]) -> Value {
    let mut all = vec!["--view", "svg"];
    all.extend_from_slice(actions);
    explore_as(page, &all)
}

/// Opens `page` as a browser with WebGL does, runs the actions, returns the report.
fn explore_as(page: &Path, actions: &[&str]) -> Value {
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
        initial["scripts"], 5,
        "only the data, D3, graphology, sigma.js and the page's script"
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
    // The WebGL view draws the label on its canvas and shows it in the panel as text.
    let report = explore_as(&out_dir.join("index.html"), &["--click-actor", "bad"]);
    assert_eq!(report["initial"]["view"], "webgl");
    let step = &report["steps"][0];
    assert!(step["panelTitle"].as_str().unwrap().starts_with(hostile));
    assert_eq!(
        (&step["pwned"], &step["images"]),
        (&Value::Bool(false), &Value::from(0))
    );
}

/// The ids of a graph's links, as the page names them.
fn link_ids(graph: &Value) -> Vec<String> {
    graph["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let (s, t) = (l["source"].as_str().unwrap(), l["target"].as_str().unwrap());
            match l["type"].as_str() {
                Some(ty) => format!("{s}->{t}:{ty}"),
                None => format!("{s}--{t}"),
            }
        })
        .collect()
}

fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// Actors within `hops` ties of `centre` in the JSON graphs (both edge sets, undirected).
fn neighbourhood(edges: &[(String, String)], centre: &str, hops: usize) -> BTreeSet<String> {
    let mut seen = BTreeSet::from([centre.to_string()]);
    for _ in 0..hops {
        let next: Vec<String> = edges
            .iter()
            .filter_map(|(a, b)| {
                if seen.contains(a) {
                    Some(b.clone())
                } else if seen.contains(b) {
                    Some(a.clone())
                } else {
                    None
                }
            })
            .collect();
        seen.extend(next);
    }
    seen
}

#[test]
fn webgl_view_draws_every_actor_and_its_analyst_views_follow_the_json() {
    if !browser_ready() {
        return;
    }
    let out = build_seeds(&["--by", "month"]);
    let graph = read_json(&out.path().join("graph.json"));
    let relations = read_json(&out.path().join("relations.json"));
    let page = out.path().join("index.html");
    let mut all_links = link_ids(&graph);
    all_links.extend(link_ids(&relations));
    let pairs: Vec<(String, String)> = graph["links"]
        .as_array()
        .unwrap()
        .iter()
        .chain(relations["links"].as_array().unwrap())
        .map(|l| {
            (
                l["source"].as_str().unwrap().into(),
                l["target"].as_str().unwrap().into(),
            )
        })
        .collect();
    let mut actors = ids(&graph);
    actors.extend(ids(&relations));

    let report = explore_as(
        &page,
        &[
            "--click-actor",
            "taliban",
            "--ego",
            "1",
            "--ego",
            "2",
            "--path",
            "Imran Khan",
            "Joe Biden",
            "--reload",
            "--png",
            "--uncheck",
            "show-cooccurrence",
        ],
    );
    let initial = &report["initial"];
    assert_eq!(initial["view"], "webgl");
    assert!(count(&initial["canvases"]) >= 2, "sigma's WebGL canvases");
    assert_eq!(initial["note"], Value::Null, "no fallback note with WebGL");
    assert_eq!(strings(&initial["shown"]["nodes"]), actors);
    assert_eq!(
        strings(&initial["shown"]["edges"]),
        all_links.iter().cloned().collect::<BTreeSet<_>>()
    );
    assert!(
        initial["legend"][0].as_str().unwrap().starts_with("1: "),
        "{}",
        initial["legend"]
    );
    let steps = report["steps"].as_array().unwrap();
    // A click on the actor where it is drawn opens its panel.
    assert_eq!(steps[0]["panelTitle"], "Taliban");
    // Its ego network: the actors one, then two ties away (every edge shown, so the JSON's).
    for (step, hops) in [(&steps[1], 1), (&steps[2], 2)] {
        assert_eq!(
            strings(&step["shown"]["nodes"]),
            neighbourhood(&pairs, "taliban", hops),
            "{hops} hops"
        );
    }
    // The path: consecutive actors joined by a shown edge, each step one tie.
    let path = &steps[3]["shown"]["path"];
    let path_nodes: Vec<&str> = path[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(path_nodes.first(), Some(&"imran-khan"), "{path}");
    assert_eq!(path_nodes.last(), Some(&"joe-biden"), "{path}");
    for w in path_nodes.windows(2) {
        assert!(
            pairs
                .iter()
                .any(|(a, b)| (a == w[0] && b == w[1]) || (a == w[1] && b == w[0])),
            "{} and {} are not tied",
            w[0],
            w[1]
        );
    }
    assert!(
        steps[3]["pathResult"].as_str().unwrap().contains("→"),
        "{}",
        steps[3]["pathResult"]
    );
    // The address holds the view: reopened, it shows the same ego network and path.
    let hash = steps[3]["hash"].as_str().unwrap();
    assert!(
        hash.contains("selected=n%3Ataliban") && hash.contains("ego=1"),
        "{hash}"
    );
    assert_eq!(steps[4]["shown"], steps[3]["shown"]);
    assert_eq!(steps[4]["panelTitle"], "Taliban");
    // The view saved as a PNG has something drawn on it.
    let png = &report["png"];
    assert_eq!(png["prefix"], "data:image/png;base64,");
    assert!(count(&png["ink"]) > 1000, "{png}");
    // Without co-occurrence edges, the ego network shows only relations (its actors' ones).
    let relation_ids: BTreeSet<String> = link_ids(&relations).into_iter().collect();
    let shown = strings(&steps[6]["shown"]["edges"]);
    assert!(
        !shown.is_empty() && shown.is_subset(&relation_ids),
        "{shown:?}"
    );
    assert!(steps[6]["hash"].as_str().unwrap().contains("co=0"));
}

#[test]
fn month_slider_replays_the_network_month_by_month() {
    if !browser_ready() {
        return;
    }
    let out = build_seeds(&["--by", "month"]);
    let graph = read_json(&out.path().join("graph.json"));
    let page = out.path().join("index.html");
    // The months of the timelines, and what each one's graph holds.
    let mut months = BTreeSet::new();
    for link in graph["links"].as_array().unwrap() {
        if let Some(timeline) = link["timeline"].as_object() {
            months.extend(timeline.keys().cloned());
        }
    }
    let months: Vec<String> = months.into_iter().collect();
    assert!(months.len() >= 2, "{months:?}");
    let month = &months[1];
    let report = explore_as(&page, &["--month", month, "--play"]);
    let steps = report["steps"].as_array().unwrap();
    assert_eq!(steps[0]["month"], month.as_str());
    let by_month = read_json(&out.path().join("by-month").join(month).join("graph.json"));
    let shown_co: BTreeSet<String> = strings(&steps[0]["shown"]["edges"])
        .into_iter()
        .filter(|e| e.contains("--"))
        .collect();
    assert_eq!(shown_co, link_ids(&by_month).into_iter().collect());
    // Play starts from the first month and moves on a month a second.
    assert_eq!(
        steps[1]["month"],
        months[1].as_str(),
        "after a second of play"
    );
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

#[test]
fn webgl_view_draws_the_strongest_edges_up_to_its_limit() {
    if !browser_ready() {
        return;
    }
    let out = build_seeds(&[]);
    let graph = read_json(&out.path().join("graph.json"));
    let relations = read_json(&out.path().join("relations.json"));
    // Every edge with its count (windows or sentences), strongest first, ties by id.
    let mut edges: Vec<(u64, String)> = Vec::new();
    for (g, ids) in [
        (&graph, link_ids(&graph)),
        (&relations, link_ids(&relations)),
    ] {
        for (l, id) in g["links"].as_array().unwrap().iter().zip(ids) {
            edges.push((l["count"].as_u64().unwrap(), id));
        }
    }
    edges.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let limit = 50;
    assert!(edges.len() > limit);
    let report = explore_as(
        &out.path().join("index.html"),
        &["--hash", &format!("edges={limit}")],
    );
    let initial = &report["initial"];
    assert_eq!(count(&initial["shown"]["passed"]), edges.len() as u64);
    let expected: BTreeSet<String> = edges[..limit].iter().map(|e| e.1.clone()).collect();
    assert_eq!(strings(&initial["shown"]["edges"]), expected);
    let counts = initial["counts"].as_str().unwrap();
    assert!(
        counts.contains(&format!("the {limit} strongest of {}", edges.len())),
        "{counts}"
    );
}

#[test]
fn a_range_of_the_size_measure_keeps_the_actors_within_it() {
    if !browser_ready() {
        return;
    }
    let out = build_seeds(&[]);
    let graph = read_json(&out.path().join("graph.json"));
    let relations = read_json(&out.path().join("relations.json"));
    let (low, high) = (2, 6);
    let mut expected = BTreeSet::new();
    for g in [&graph, &relations] {
        for n in g["nodes"].as_array().unwrap() {
            let mentions = n["mentions"].as_u64().unwrap();
            if (low..=high).contains(&mentions) {
                expected.insert(n["id"].as_str().unwrap().to_string());
            }
        }
    }
    assert!(!expected.is_empty());
    let report = explore_as(
        &out.path().join("index.html"),
        &[
            "--measure-range",
            &low.to_string(),
            &high.to_string(),
            "--reload",
        ],
    );
    let steps = report["steps"].as_array().unwrap();
    assert_eq!(strings(&steps[0]["shown"]["nodes"]), expected);
    let hash = steps[0]["hash"].as_str().unwrap();
    assert!(
        hash.contains("measure-min=2") && hash.contains("measure-max=6"),
        "{hash}"
    );
    // The address keeps the range.
    assert_eq!(steps[1]["shown"]["nodes"], steps[0]["shown"]["nodes"]);
}

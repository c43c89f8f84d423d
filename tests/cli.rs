//! The command line's behaviour: options, inputs, errors, determinism and atomic outputs.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::fs;

fn weights(graph: &serde_json::Value) -> BTreeMap<(String, String), u64> {
    field(graph, "count")
}

fn field(graph: &serde_json::Value, name: &str) -> BTreeMap<(String, String), u64> {
    graph["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                (
                    l["source"].as_str().unwrap().to_string(),
                    l["target"].as_str().unwrap().to_string(),
                ),
                l[name].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn wider_windows_only_add_ties_and_articles() {
    let graph = |window: &str| {
        read_json(
            &build_seeds(&["--format", "json", "--window", window])
                .path()
                .join("graph.json"),
        )
    };
    let (sentence, paragraph, document) =
        (graph("sentence"), graph("paragraph"), graph("document"));
    let docs = |g| field(g, "documents");
    let (s, p, d) = (docs(&sentence), docs(&paragraph), docs(&document));
    assert!(p.len() > s.len() && d.len() > p.len());
    // A pair sharing a sentence shares its paragraph and its article, in at least as many articles.
    for (pair, n) in &s {
        assert!(p[pair] >= *n, "{pair:?}");
    }
    for (pair, n) in &p {
        assert!(d[pair] >= *n, "{pair:?}");
    }
    // Weight counts windows: in document windows it is the number of articles naming both.
    assert_eq!(weights(&document), d);
    // Two sentences of one paragraph naming the same pair count twice, the paragraph once.
    let ws = weights(&sentence);
    let wp = weights(&paragraph);
    assert!(
        s.keys().any(|k| ws[k] > wp[k]),
        "some pair recurs within a paragraph"
    );
}

#[test]
fn min_weight_drops_light_edges_but_keeps_isolated_nodes() {
    let all = read_json(&build_seeds(&["--format", "json"]).path().join("graph.json"));
    let heavy = read_json(
        &build_seeds(&["--format", "json", "--min-weight", "3"])
            .path()
            .join("graph.json"),
    );
    let expected: Vec<_> = weights(&all).into_iter().filter(|(_, w)| *w >= 3).collect();
    assert_eq!(weights(&heavy).into_iter().collect::<Vec<_>>(), expected);
    assert!(!expected.is_empty());
    let ids = |g: &serde_json::Value| -> Vec<String> {
        g["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&all), ids(&heavy), "nodes stay even without edges");
    assert_eq!(heavy["graph"]["min_weight"], 3.0);
}

#[test]
fn evidence_is_bounded_by_the_option_and_spread_over_articles() {
    let g = read_json(
        &build_seeds(&["--format", "json", "--evidence", "1"])
            .path()
            .join("graph.json"),
    );
    for l in g["links"].as_array().unwrap() {
        assert_eq!(l["evidence"].as_array().unwrap().len(), 1, "{l}");
    }
    let g = read_json(
        &build_seeds(&["--format", "json", "--evidence", "5"])
            .path()
            .join("graph.json"),
    );
    // Taliban and the US are named together in several articles: the evidence covers them before
    // quoting a second sentence of the same article.
    let l = link(&g, "taliban", "united-states").unwrap();
    let docs: Vec<&str> = l["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["doc"].as_str().unwrap())
        .collect();
    let distinct: std::collections::BTreeSet<&str> = docs.iter().copied().collect();
    assert_eq!(
        distinct.len() as u64,
        l["documents"].as_u64().unwrap().min(5),
        "{docs:?}"
    );
}

#[test]
fn outputs_are_identical_whatever_the_thread_count_and_file_order() {
    const FORMATS: &str = "json,dot,gexf,graphml,csv,cyjs,graphology,html";
    let one = build_seeds(&["--threads", "1", "--format", FORMATS]);
    let two = build_seeds(&["--threads", "2", "--format", FORMATS]);
    // The same articles, named one by one in reverse order (their ids, their paths as named,
    // stay the same).
    let mut names: Vec<String> = fs::read_dir(repo().join("seeds"))
        .unwrap()
        .map(|e| format!("seeds/{}", e.unwrap().file_name().to_str().unwrap()))
        .collect();
    names.sort();
    names.reverse();
    let out = tempfile::tempdir().unwrap();
    let mut args: Vec<&str> = vec!["build"];
    args.extend(names.iter().map(String::as_str));
    args.extend(["--quiet", "--threads", "3", "--format", FORMATS]);
    args.extend(["--out", out.path().to_str().unwrap()]);
    let copied = run(&args);
    assert!(copied.status.success(), "{}", stderr(&copied));
    let mut files: Vec<_> = fs::read_dir(one.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    files.sort();
    assert_eq!(files.len(), 16, "{files:?}");
    for name in &files {
        let name = name.to_str().unwrap();
        let a = fs::read(one.path().join(name)).unwrap();
        assert_eq!(
            a,
            fs::read(two.path().join(name)).unwrap(),
            "{name}: 1 vs 2 threads"
        );
        assert_eq!(
            a,
            fs::read(out.path().join(name)).unwrap(),
            "{name}: reordered files"
        );
    }
}

#[test]
fn extract_writes_json_lines_and_reads_stdin_and_jsonl() {
    let jsonl = "{\"id\": \"a1\", \"text\": \"De Taliban en de TTP-militanten.\", \"date\": \"2024-03-01\"}\n\
                 this line is broken\n\
                 {\"id\": \"a2\", \"text\": \"Kaboel ontkent. Islamabad zegt niets.\"}\n";
    let out = run_with_stdin(&["extract", "-", "--quiet"], Some(jsonl));
    assert_eq!(
        out.status.code(),
        Some(1),
        "skipped input gives exit code 1"
    );
    assert!(
        stderr(&out).contains("<stdin>:2: malformed JSON line"),
        "{}",
        stderr(&out)
    );
    let m = lines(&String::from_utf8(out.stdout).unwrap());
    let got: Vec<(&str, &str, &str, u64)> = m
        .iter()
        .map(|m| {
            (
                m["doc"].as_str().unwrap(),
                m["entity"].as_str().unwrap(),
                m["text"].as_str().unwrap(),
                m["sentence"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("a1", "taliban", "Taliban", 0),
            ("a1", "ttp", "TTP", 0),
            ("a2", "kabul", "Kaboel", 0),
            ("a2", "islamabad", "Islamabad", 1)
        ]
    );
    // Plain text on stdin is one article called "stdin".
    let out = run_with_stdin(
        &["extract", "-", "--quiet"],
        Some("Pakistaanse luchtaanvallen op Kabul."),
    );
    assert!(out.status.success());
    let m = lines(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(m.len(), 3, "two mentions, then one relation: {m:?}");
    assert_eq!(m[0]["doc"], "stdin");
    assert_eq!(m[0]["entity"], "pakistan");
    // Relations follow the article's mentions, as lines with "relation".
    let r = &m[2];
    assert_eq!(
        (&r["relation"], &r["source"], &r["target"], &r["cameo"]),
        (
            &serde_json::json!("attack"),
            &serde_json::json!("pakistan"),
            &serde_json::json!("kabul"),
            &serde_json::json!("19")
        )
    );
    assert_eq!(r["source_text"], "Pakistaanse");
    assert_eq!(r["cue"], "luchtaanvallen");
    assert_eq!(r["text"], "Pakistaanse luchtaanvallen op Kabul.");
}

#[test]
fn extract_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mentions.jsonl");
    ok(&[
        "extract",
        "seeds/003_94c8b6eef121cf66.txt",
        "--quiet",
        "-o",
        file.to_str().unwrap(),
    ]);
    let m = lines(&fs::read_to_string(&file).unwrap());
    assert!(m.iter().all(|m| m["doc"] == "seeds/003_94c8b6eef121cf66"));
    assert!(m.iter().any(|m| m["entity"] == "panjwayi"));
}

#[test]
fn a_dictionary_error_names_file_line_and_column_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("bad.toml");
    fs::write(
        &dict,
        "[[entity]]\nid = \"x\"\nkind = \"group\"\nlabel = \"X\"\naliases = [\"Xers\"]\n\n\
         [[entity]]\nid = \"x\"\nkind = \"militia\"\nlabel = \"Y\"\naliases = [\"Taliban\", \"\"]\n",
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    fs::create_dir(&out_dir).unwrap();
    fs::write(out_dir.join("graph.json"), "previous").unwrap();
    let out = run(&[
        "build",
        "seeds",
        "--dict",
        dict.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let file = dict.display().to_string();
    assert!(
        err.contains(&format!("{file}:8:6: duplicate entity id \"x\"")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{file}:9:8: unknown kind \"militia\"")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{file}:11:23: entity \"x\": empty alias")),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(out_dir.join("graph.json")).unwrap(),
        "previous"
    );
}

#[test]
fn missing_input_and_unwritable_output_fail_clearly() {
    let out = run(&[
        "build",
        "no-such-folder",
        "--quiet",
        "--out",
        tempfile::tempdir().unwrap().path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("no-such-folder: no such file or folder"),
        "{}",
        stderr(&out)
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    fs::write(&file, "x").unwrap();
    let out = run(&["build", "seeds", "--out", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("is not writable"), "{}", stderr(&out));

    let empty = tempfile::tempdir().unwrap();
    let out = run(&[
        "build",
        empty.path().to_str().unwrap(),
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("no articles found"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn invalid_utf8_and_bad_dates_are_reported_with_their_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bad.txt"), b"Kabul \xff\xfe").unwrap();
    fs::write(
        dir.path().join("odd.txt"),
        " date 2021-02-30 De Taliban in Kabul.",
    )
    .unwrap();
    fs::write(
        dir.path().join("good.txt"),
        " date 2021-08-15 De Taliban in Kabul.",
    )
    .unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = run(&[
        "build",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
        "--out",
        out_dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("bad.txt: not valid UTF-8 (first bad byte at offset 6)"),
        "{err}"
    );
    assert!(
        err.contains("odd.txt:1: impossible date \"2021-02-30\""),
        "{err}"
    );
    assert!(err.contains("2 articles"), "{err}");
    let g = read_json(&out_dir.path().join("graph.json"));
    assert_eq!(g["graph"]["articles"], 2);
    assert_eq!(g["graph"]["dated_articles"], 1);
    assert_eq!(link(&g, "kabul", "taliban").unwrap()["count"], 2);
}

#[test]
fn summary_line_reports_counts_and_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&[
        "build",
        "seeds",
        "--format",
        "json,dot",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("5 articles") && err.contains("graph.json") && err.contains("graph.dot"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "nothing on stdout");
    let quiet = run(&[
        "build",
        "seeds",
        "--quiet",
        "--format",
        "json",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert!(quiet.stderr.is_empty());
}

#[test]
fn dict_command_summarises_the_shipped_dictionaries() {
    let out = ok(&["dict", "check"]);
    for kind in ["group", "state", "person", "place", "organization"] {
        assert!(out.contains(kind), "{out}");
    }
    assert!(out.contains(" files: no errors"), "{out}");
}

/// A role word before an unlisted name makes a provisional actor in the graph, marked and
/// with its rule; `--no-discovery` leaves it out and keeps the listed actors.
#[test]
fn no_discovery_finds_only_listed_actors() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Volgens hoogleraar Marieke Jansen onderhandelen de Taliban met Pakistan.\n",
    )
    .unwrap();
    let build = |name: &str, extra: &[&str]| {
        let out = dir.path().join(name);
        let mut args = vec![
            "build",
            article.to_str().unwrap(),
            "--quiet",
            "--format",
            "json",
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        ok(&args);
        read_json(&out.join("graph.json"))
    };
    let with = build("with", &[]);
    let jansen = node(&with, "p:marieke-jansen").expect("the professor is found");
    assert_eq!(jansen["provisional"], true);
    assert_eq!(jansen["kind"], "person");
    assert!(
        jansen["rule"].as_str().is_some_and(|r| !r.is_empty()),
        "{jansen}"
    );
    assert_ne!(node(&with, "taliban").unwrap()["provisional"], true);

    let without = build("without", &["--no-discovery"]);
    assert!(node(&without, "p:marieke-jansen").is_none());
    assert!(node(&without, "taliban").is_some() && node(&without, "pakistan").is_some());
    let provisional = without["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["provisional"] == true)
        .count();
    assert_eq!(provisional, 0);
}

/// `suggest --toml` writes the provisional actors as entries a dictionary file takes as they
/// are: with them added, the same actors are found as listed ones, the full name and (once
/// uncommented) nothing else.
#[test]
fn suggested_entries_promote_provisional_actors() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Volgens hoogleraar Marieke Jansen praten de Taliban met Pakistan. \
         Jansen bleef sceptisch. Het Afghaanse ministerie van Defensie ontkende dat.\n",
    )
    .unwrap();
    let toml = ok(&[
        "suggest",
        article.to_str().unwrap(),
        "--toml",
        "--min-count",
        "1",
        "--quiet",
    ]);
    assert!(toml.contains("id = \"marieke-jansen\""), "{toml}");
    assert!(toml.contains("aliases = [\"Marieke Jansen\"]"), "{toml}");
    assert!(toml.contains("# exact = [\"Jansen\"]"), "{toml}");
    assert!(toml.contains("country = \"AF\""), "{toml}");
    assert!(toml.contains("Volgens hoogleraar Marieke Jansen"), "{toml}");
    let promoted = dir.path().join("promoted.toml");
    std::fs::write(&promoted, &toml).unwrap();
    let mentions = lines(&ok(&[
        "extract",
        article.to_str().unwrap(),
        "--dict",
        "dictionaries",
        "--dict",
        promoted.to_str().unwrap(),
        "--no-discovery",
        "--quiet",
    ]));
    let ids: Vec<&str> = mentions
        .iter()
        .filter_map(|m| m["entity"].as_str())
        .collect();
    assert!(ids.contains(&"marieke-jansen"), "{ids:?}");
    assert!(ids.iter().all(|id| !id.starts_with("p:")), "{ids:?}");
}

#[test]
fn articles_of_the_same_name_in_two_folders_are_two_articles() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, text) in [
        ("nl", "De Taliban namen Kabul in."),
        ("en", "The Taliban took Kabul."),
    ] {
        fs::create_dir(dir.path().join(lang)).unwrap();
        fs::write(dir.path().join(lang).join("007.txt"), text).unwrap();
    }
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_actorgraph"))
        .current_dir(dir.path())
        .args(["extract", "nl", "en"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("already used"), "{}", stderr(&out));
    let docs: std::collections::BTreeSet<String> = lines(&String::from_utf8(out.stdout).unwrap())
        .iter()
        .filter_map(|m| m["doc"].as_str().map(String::from))
        .collect();
    assert_eq!(docs.into_iter().collect::<Vec<_>>(), ["en/007", "nl/007"]);
}

#[test]
fn the_same_article_counts_once_and_shared_ids_do_not_make_order_matter() {
    let dir = tempfile::tempdir().unwrap();
    let line = |id: &str, text: &str| format!("{{\"id\": \"{id}\", \"text\": \"{text}\"}}\n");
    let a = dir.path().join("a.jsonl");
    let b = dir.path().join("b.jsonl");
    // b repeats article x as it is, and has another article under the id y.
    fs::write(
        &a,
        line("x", "De Taliban namen Kabul in.")
            + &line("y", "Pakistan steunt de Taliban in Kabul."),
    )
    .unwrap();
    fs::write(
        &b,
        line("x", "De Taliban namen Kabul in.") + &line("y", "Iran steunt de Taliban in Kabul."),
    )
    .unwrap();
    let build = |inputs: &[&std::path::Path]| {
        let out = tempfile::tempdir().unwrap();
        let mut args = vec!["build".to_string()];
        args.extend(inputs.iter().map(|p| p.to_str().unwrap().to_string()));
        args.extend(["--format", "json", "--out", out.path().to_str().unwrap()].map(String::from));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let result = run(&args);
        let graphs =
            ["graph.json", "relations.json"].map(|f| fs::read(out.path().join(f)).unwrap());
        (graphs, stderr(&result))
    };
    // The same file given twice: each article counts once, and the message says so.
    let (once, _) = build(&[&a]);
    let (twice, said) = build(&[&a, &a]);
    assert_eq!(once, twice);
    assert!(said.contains("was already read"), "{said}");
    // Two different articles under the id y are both kept (a warning); which file comes
    // first does not change a byte.
    let (ab, said) = build(&[&a, &b]);
    let (ba, _) = build(&[&b, &a]);
    assert!(said.contains("already used"), "{said}");
    assert_eq!(ab, ba);
    let graph: serde_json::Value = serde_json::from_slice(&ab[0]).unwrap();
    assert_eq!(graph["graph"]["articles"], 3);
}

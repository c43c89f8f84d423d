//! An installed `actorgraph` works in any folder: the shipped dictionaries are built in, a
//! `./dictionaries` folder or `--dict` overrides them, errors say each cause once, and queries
//! take a build's folder or its graph file.

mod common;

use common::repo;
use std::path::Path;
use std::process::Output;

/// Runs `actorgraph` with `args` in `dir` (not the repository).
fn run_in(dir: &Path, args: &[&str]) -> Output {
    assert_cmd::Command::new(env!("CARGO_BIN_EXE_actorgraph"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("actorgraph runs")
}

fn ok_in(dir: &Path, args: &[&str]) -> String {
    let out = run_in(dir, args);
    assert!(
        out.status.success(),
        "actorgraph {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn seeds() -> String {
    repo().join("seeds").to_str().unwrap().to_string()
}

/// A copy of the seeds as `seeds/` in `dir`, so article ids (paths as named) match the
/// repository's.
fn copy_seeds(dir: &Path) {
    std::fs::create_dir(dir.join("seeds")).unwrap();
    for e in std::fs::read_dir(repo().join("seeds")).unwrap() {
        let path = e.unwrap().path();
        std::fs::copy(&path, dir.join("seeds").join(path.file_name().unwrap())).unwrap();
    }
}

#[test]
fn outside_the_repository_the_built_in_dictionaries_give_the_committed_graphs() {
    let home = tempfile::tempdir().unwrap();
    copy_seeds(home.path());
    ok_in(
        home.path(),
        &[
            "build", "seeds", "--by", "month", "--format", "json", "-q", "--out", "out",
        ],
    );
    for name in [
        "graph.json",
        "relations.json",
        "by-month/2021-08/graph.json",
    ] {
        let committed = std::fs::read(repo().join("output").join(name)).unwrap();
        let here = std::fs::read(home.path().join("out").join(name)).unwrap();
        assert!(committed == here, "{name} differs from output/{name}");
    }
}

#[test]
fn a_dictionaries_folder_in_the_working_directory_replaces_the_built_in_set() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("dictionaries")).unwrap();
    std::fs::write(
        home.path().join("dictionaries/mine.toml"),
        "[[entity]]\nid = \"kabul\"\nkind = \"place\"\nlabel = \"Kabul\"\naliases = [\"Kabul\"]\n",
    )
    .unwrap();
    ok_in(
        home.path(),
        &["build", &seeds(), "--format", "json", "-q", "--out", "out"],
    );
    let graph: serde_json::Value =
        serde_json::from_slice(&std::fs::read(home.path().join("out/graph.json")).unwrap())
            .unwrap();
    let ids: Vec<&str> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"kabul"), "{ids:?}");
    assert!(
        !ids.contains(&"taliban"),
        "the built-in set was read: {ids:?}"
    );
}

#[test]
fn the_built_in_set_written_out_reads_back_the_same() {
    let home = tempfile::tempdir().unwrap();
    ok_in(home.path(), &["dict", "export", "mine"]);
    assert!(home.path().join("mine/relations").is_dir());
    let built_in = ok_in(home.path(), &["dict", "dump"]);
    let exported = ok_in(home.path(), &["dict", "dump", "--dict", "mine"]);
    assert!(built_in.lines().count() > 10_000);
    assert_eq!(built_in, exported);
    // A second export would overwrite the user's edits: refused, nothing written.
    let again = run_in(home.path(), &["dict", "export", "mine"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("mine is not empty"));
}

#[test]
fn a_missing_dictionary_is_named_and_its_cause_said_once() {
    let home = tempfile::tempdir().unwrap();
    let out = run_in(
        home.path(),
        &["build", &seeds(), "--dict", "nosuch", "--out", "out"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nosuch"), "{err}");
    assert_eq!(err.matches("os error 2").count(), 1, "{err}");
    assert!(!home.path().join("out").exists(), "nothing is written");
    let out = run_in(home.path(), &["build", "nosuch", "--out", "out"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("nosuch: no such file or folder"));
    assert!(!home.path().join("out").exists(), "nothing is written");
}

#[test]
fn queries_take_a_build_folder_or_its_graph_files() {
    let home = tempfile::tempdir().unwrap();
    ok_in(
        home.path(),
        &["build", &seeds(), "--format", "json", "-q", "--out", "out"],
    );
    let by_folder = ok_in(home.path(), &["stats", "--graph", "out", "--json"]);
    let by_file = ok_in(
        home.path(),
        &["stats", "--graph", "out/graph.json", "--json"],
    );
    let by_relations = ok_in(
        home.path(),
        &["stats", "--graph", "out/relations.json", "--json"],
    );
    assert_eq!(by_folder, by_file);
    assert_eq!(by_folder, by_relations);
    // Another name: that file alone, as the co-occurrence graph.
    std::fs::rename(
        home.path().join("out/graph.json"),
        home.path().join("august.json"),
    )
    .unwrap();
    let alone = ok_in(
        home.path(),
        &["neighbors", "Taliban", "--graph", "august.json"],
    );
    assert!(alone.contains("Afghanistan"), "{alone}");
}

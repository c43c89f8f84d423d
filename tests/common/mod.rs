//! Helpers shared by the integration tests: run the real binary, read its outputs.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `actorgraph` with `args` in the repository root.
pub fn run(args: &[&str]) -> Output {
    run_with_stdin(args, None)
}

pub fn run_with_stdin(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_actorgraph"));
    cmd.current_dir(repo()).args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_string());
    }
    cmd.output().expect("actorgraph runs")
}

/// Runs and insists on success, returning stdout.
pub fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "actorgraph {args:?} failed ({:?}):\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 stdout")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Builds the seeds graph into a fresh folder with extra arguments; returns the folder.
pub fn build_seeds(extra: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().to_str().unwrap().to_string();
    let mut args = vec!["build", "seeds", "--quiet", "--out", &out];
    args.extend_from_slice(extra);
    ok(&args);
    dir
}

/// Builds the graph of one article `text` with the dictionary `dict` (TOML) and extra
/// arguments; returns the temporary folder and the output folder inside it.
pub fn build_article(dict: &str, text: &str, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let dict_path = dir.path().join("d.toml");
    std::fs::write(&dict_path, dict).unwrap();
    let text_path = dir.path().join("a.txt");
    std::fs::write(&text_path, text).unwrap();
    let out = dir.path().join("out");
    let mut args = vec![
        "build",
        text_path.to_str().unwrap(),
        "--quiet",
        "--dict",
        dict_path.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    ok(&args);
    (dir, out)
}

pub fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The link between two ids in a node-link graph, in either direction.
pub fn link<'a>(graph: &'a Value, a: &str, b: &str) -> Option<&'a Value> {
    graph["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| (l["source"] == a && l["target"] == b) || (l["source"] == b && l["target"] == a))
}

pub fn node<'a>(graph: &'a Value, id: &str) -> Option<&'a Value> {
    graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == id)
}

/// Parses JSON Lines.
pub fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

/// Whether external consumers may be missing (only when explicitly allowed); otherwise a
/// missing tool fails the test with a message saying how to install it.
pub fn require_tool(tool: &str, probe: &[&str], install: &str) -> bool {
    let found = std::process::Command::new(tool)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return true;
    }
    if std::env::var_os("ACTORGRAPH_SKIP_EXTERNAL").is_some() {
        eprintln!("skipping: {tool} not available and ACTORGRAPH_SKIP_EXTERNAL is set");
        return false;
    }
    panic!("{tool} is needed by this test: {install} (scripts/test.sh installs it)");
}

/// Renders a DOT file with Graphviz's `dot`, insisting on success; returns the SVG.
pub fn render_svg(dot: &Path) -> String {
    let out = std::process::Command::new("dot")
        .args(["-Tsvg", dot.to_str().unwrap()])
        .output()
        .expect("dot runs");
    assert!(
        out.status.success(),
        "dot {}: {}",
        dot.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 SVG")
}

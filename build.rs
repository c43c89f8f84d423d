//! Compiles the shipped dictionaries into the binary (`src/dictionary/builtin.rs`), so that an
//! installed `actorgraph` works outside this repository.
//!
//! Writes `$OUT_DIR/builtin_dictionaries.rs`: every `*.toml` under `dictionaries/` as a
//! (path relative to that folder, `include_str!` of the file) pair, in the order
//! `Dictionary::load` walks a folder, so the built-in set compiles to the same dictionary.

use std::path::{Path, PathBuf};

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a readable folder entry").path();
        if path.is_dir() {
            walk(&path, files);
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries");
    println!("cargo:rerun-if-changed=dictionaries");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    let mut code = String::from("&[\n");
    for file in &files {
        let relative = file
            .strip_prefix(&root)
            .expect("under the dictionaries folder");
        let name: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        code.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            name.join("/"),
            file.display().to_string()
        ));
    }
    code.push_str("]\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("builtin_dictionaries.rs"), code).expect("OUT_DIR is writable");
}

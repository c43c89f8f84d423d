//! The library's pipeline is the CLI's: with its defaults it writes the bytes `build` wrote
//! into the committed `output/`, so a Python or Spark front end on top of it writes them too.

mod common;

use actorgraph::dictionary::Dictionary;
use actorgraph::input::Sources;
use actorgraph::pipeline::{self, Format};
use actorgraph::{NoObserver, analysis::time::Period};
use common::repo;

#[test]
fn the_default_library_run_gives_the_committed_output_files() {
    // Ids are paths as named: read the seeds as `seeds`, from the repository.
    std::env::set_current_dir(repo()).unwrap();
    let dict = Dictionary::load(&["dictionaries".into()]).unwrap();
    let sources = Sources::discover(&["seeds".into()]).unwrap();
    let mut options = pipeline::Options::default();
    options.build.by = Some(Period::Month);
    let graphs = pipeline::run(&sources, &dict, &options, &mut NoObserver).unwrap();
    assert_eq!(graphs.summary.articles, 5);
    let formats: Vec<Format> = Format::DEFAULT
        .into_iter()
        .filter(|f| !f.needs_graphviz())
        .collect();
    let files = graphs.files(&dict, &options, &formats).unwrap();
    let names: Vec<String> = files.iter().map(|(p, _)| p.display().to_string()).collect();
    for name in ["graph.json", "relations.gexf", "nodes.csv", "index.html"] {
        assert!(names.contains(&name.to_string()), "{names:?}");
    }
    assert!(names.contains(&"by-month/2021-08/relations.json".to_string()));
    for (path, bytes) in &files {
        let committed = std::fs::read(repo().join("output").join(path)).unwrap();
        assert!(
            &committed == bytes,
            "{} differs from output/{}",
            path.display(),
            path.display()
        );
    }
}

#[test]
fn writing_puts_the_files_under_the_folder_and_says_which() {
    std::env::set_current_dir(repo()).unwrap();
    let dict = Dictionary::load(&["dictionaries".into()]).unwrap();
    let sources = Sources::discover(&["seeds".into()]).unwrap();
    let options = pipeline::Options::default();
    let graphs = pipeline::run(&sources, &dict, &options, &mut NoObserver).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let written = graphs
        .write(dir.path(), &dict, &options, &[Format::Json, Format::Csv])
        .unwrap();
    let names: Vec<String> = written
        .iter()
        .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "graph.json",
            "relations.json",
            "nodes.csv",
            "edges.csv",
            "relations.csv"
        ]
    );
    assert!(written.iter().all(|p| p.is_file()));
}

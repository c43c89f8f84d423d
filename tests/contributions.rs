//! A contribution written out with its quotes and read back accumulates to the same graph as
//! the article itself: the ground a partial (map on one machine or day, merge on another)
//! stands on.

mod common;

use actorgraph::Accumulation;
use actorgraph::dictionary::Dictionary;
use actorgraph::export::json;
use actorgraph::extract;
use actorgraph::graph::Contribution;
use actorgraph::input::{Document, Item, Sources, content_key};
use common::repo;

fn options() -> actorgraph::BuildOptions {
    actorgraph::pipeline::Options::default().build
}

fn contributions(dict: &Dictionary, docs: &[Document]) -> Vec<Contribution> {
    let opts = options();
    docs.iter()
        .map(|doc| {
            let ex = extract::extract(dict, doc);
            actorgraph::contribution(dict, &opts, doc, &ex, content_key(doc))
        })
        .collect()
}

fn graph_bytes(dict: &Dictionary, parts: Vec<(Contribution, String)>) -> (Vec<u8>, Vec<u8>) {
    let opts = options();
    let mut graphs = Accumulation::new(dict, &opts);
    for (c, text) in parts {
        graphs.add(c, &text);
    }
    let g = graphs.finish().graph;
    let (mut a, mut b) = (Vec::new(), Vec::new());
    json::write(&g, &mut a).unwrap();
    json::write_relations(&g, &dict.relations().types, &mut b).unwrap();
    (a, b)
}

#[test]
fn a_contribution_read_back_with_its_quotes_gives_the_same_graph() {
    std::env::set_current_dir(repo()).unwrap();
    let dict = Dictionary::load(&["dictionaries".into()]).unwrap();
    let mut docs: Vec<Document> = Sources::discover(&["seeds".into()])
        .unwrap()
        .documents()
        .filter_map(|item| match item {
            Item::Document(d) => Some(d),
            _ => None,
        })
        .collect();
    // An English article with a relation and a provisional actor (a spokesman no dictionary
    // lists), written for this test.
    docs.push(Document::new(
        "en-1",
        Some("2022-03-01"),
        "Taliban spokesman Abdul Qahar Balkhi said the group attacked Pakistani posts. \
         Pakistan accused the Taliban of sheltering the TTP.",
    ));
    let direct: Vec<(Contribution, String)> = contributions(&dict, &docs)
        .into_iter()
        .zip(&docs)
        .map(|(c, d)| (c, d.text.clone()))
        .collect();
    // Plain JSON, as here, is about three times the text: the partial format will need a
    // tighter encoding.
    let mut written_total = 0;
    let read_back: Vec<(Contribution, String)> = contributions(&dict, &docs)
        .into_iter()
        .zip(&docs)
        .map(|(mut c, d)| {
            let quotes = c.compact(&d.text);
            let line = serde_json::to_string(&(&c, &quotes)).unwrap();
            written_total += line.len();
            let (back, quotes): (Contribution, String) = serde_json::from_str(&line).unwrap();
            assert_eq!(back, c, "{}", d.id);
            (back, quotes)
        })
        .collect();
    assert!(written_total > 0);
    let (cooc, rel) = graph_bytes(&dict, direct);
    let (cooc_back, rel_back) = graph_bytes(&dict, read_back);
    assert!(cooc == cooc_back, "graph.json differs");
    assert!(rel == rel_back, "relations.json differs");
    let rel: serde_json::Value = serde_json::from_slice(&rel).unwrap();
    assert!(rel["links"].as_array().unwrap().len() > 20);
}

//! The extractor with the shipped dictionaries: arbitrary text through segmentation, mention
//! finding, relation reading and the co-occurrence contribution. Offsets stay on character
//! boundaries, mentions sorted and disjoint.
#![no_main]

use actorgraph::dictionary::Dictionary;
use actorgraph::extract::extract;
use actorgraph::graph::{Contribution, Window};
use actorgraph::input::Document;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn dict() -> &'static Dictionary {
    static DICT: OnceLock<Dictionary> = OnceLock::new();
    DICT.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../dictionaries");
        Dictionary::load(&[path]).expect("the shipped dictionaries load")
    })
}

fuzz_target!(|text: &str| {
    let dict = dict();
    let doc = Document::new("f", Some("2021-08"), text);
    let ex = extract(dict, &doc);
    let mut last = 0;
    for m in &ex.mentions {
        assert!(m.start >= last && m.start < m.end);
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        last = m.end;
    }
    let found = actorgraph::relations::find(dict, &doc, &ex);
    let mut c = Contribution::of(dict, &doc, 0, &ex, Window::Sentence, 3);
    c.add_relations(&ex, found, 3);
});

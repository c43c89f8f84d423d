//! The input parser: arbitrary bytes as a `.jsonl` file and as a `.txt` file. Every item must
//! be an article whose body offset lies on a character boundary, or a skip with a reason.
#![no_main]

use actorgraph::input::{Item, jsonl_items, text_items};
use libfuzzer_sys::fuzz_target;

fn check(item: Item) {
    match item {
        Item::Document(d) => {
            assert!(d.body_start <= d.text.len());
            assert!(d.text.is_char_boundary(d.body_start));
            assert!(!d.id.is_empty());
            if let Some(date) = &d.date {
                assert!(actorgraph::input::parse_date(date).as_deref() == Some(date.as_str()));
            }
        }
        Item::Skipped(s) | Item::Warning(s) => assert!(!s.reason.is_empty()),
    }
}

fuzz_target!(|data: &[u8]| {
    for item in jsonl_items("fuzz.jsonl", data) {
        check(item);
    }
    for item in text_items("fuzz", "fuzz.txt", data.to_vec()) {
        check(item);
    }
});

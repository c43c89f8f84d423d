//! The dictionary parser: arbitrary text as a TOML dictionary. It loads, or fails with problems
//! that each point at a real line and column of the text.
#![no_main]

use actorgraph::dictionary::{Dictionary, DictionaryError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match Dictionary::from_toml("fuzz.toml", text) {
        Ok(dict) => {
            // A loaded dictionary's automaton runs over its own source text.
            let doc = actorgraph::input::Document::new("d", None, text);
            let _ = actorgraph::extract::extract(&dict, &doc);
        }
        Err(DictionaryError::Invalid(problems)) => {
            assert!(!problems.is_empty());
            let lines: Vec<&str> = text.split('\n').collect();
            for p in &problems {
                assert!(p.line.line >= 1 && p.line.line <= lines.len(), "{p}");
                assert!(p.line.column >= 1, "{p}");
                assert!(p.line.column <= lines[p.line.line - 1].chars().count() + 1, "{p}");
            }
        }
        Err(_) => {}
    }
});

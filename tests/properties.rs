//! Property tests: the text pipeline and the dictionary parser on arbitrary input never panic,
//! and what they return keeps its invariants (offsets on character boundaries, mentions sorted
//! and disjoint, co-occurrence counts equal to a brute-force count over the same windows).

use actorgraph::dictionary::{Dictionary, DictionaryError};
use actorgraph::extract::extract;
use actorgraph::graph::{Accumulator, Contribution, RunInfo, Window};
use actorgraph::input::Document;
use actorgraph::relations;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn shipped() -> &'static Dictionary {
    static DICT: OnceLock<Dictionary> = OnceLock::new();
    DICT.get_or_init(|| {
        Dictionary::load(&[
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dictionaries")
        ])
        .expect("the shipped dictionaries load")
    })
}

/// Text made of pieces that stress the pipeline: real names (also in other cases, decomposed,
/// with invisible characters inside), cue words, sentence ends, quotes, line ends of every kind,
/// and arbitrary characters.
fn messy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Taliban".to_string()),
        Just("TTP".to_string()),
        Just("Kabul".to_string()),
        Just("kabul".to_string()),
        Just("Pakistan".to_string()),
        Just("Pakistaanse Taliban".to_string()),
        Just("Saudi-Arabie\u{0308}".to_string()),
        Just("Tali\u{200B}ban".to_string()),
        Just("\u{202B}Doha\u{202C}".to_string()),
        Just("Verenigde Staten".to_string()),
        Just("Islamitische Staat".to_string()),
        Just("valt aan".to_string()),
        Just("beschuldigt".to_string()),
        Just("steunt".to_string()),
        Just(" ".to_string()),
        Just(". ".to_string()),
        Just("! ".to_string()),
        Just("…".to_string()),
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("'".to_string()),
        Just(",".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\u{2029}".to_string()),
        Just("o.a. ".to_string()),
        Just("İ".to_string()),
        Just("ß".to_string()),
        "\\PC{0,6}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn extraction_offsets_are_on_boundaries_and_mentions_sorted_and_disjoint(text in messy_text()) {
        let dict = shipped();
        let doc = Document::new("p", None, &text);
        let ex = extract(dict, &doc);
        let mut last_end = 0;
        for m in &ex.mentions {
            prop_assert!(m.start < m.end && m.end <= text.len());
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            prop_assert!(m.start >= last_end, "overlap or unsorted: {:?}", ex.mentions);
            last_end = m.end;
            let s = &ex.segments.sentences[m.sentence];
            prop_assert!(s.start <= m.start && m.end <= s.end, "mention outside its sentence");
            prop_assert_eq!(s.paragraph, m.paragraph);
        }
        let mut last = 0;
        for s in &ex.segments.sentences {
            prop_assert!(s.start >= last && s.start < s.end && s.end <= text.len());
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            prop_assert!(s.end - s.start <= actorgraph::text::MAX_SENTENCE_BYTES);
            last = s.end;
        }
        // Relation reading over the same text never panics.
        let _ = relations::find(dict, &doc, &ex);
    }

    #[test]
    fn cooccurrence_counts_equal_a_brute_force_count(
        texts in prop::collection::vec(messy_text(), 1..5),
        window in prop_oneof![Just(Window::Sentence), Just(Window::Paragraph), Just(Window::Document)],
    ) {
        let dict = shipped();
        let mut acc = Accumulator::new(2);
        // Brute force: every window's set of actors, every unordered pair of distinct actors.
        let mut expected: BTreeMap<(String, String), u64> = BTreeMap::new();
        for (seq, text) in texts.iter().enumerate() {
            let doc = Document::new(&format!("d{seq}"), Some("2021-08"), text);
            let ex = extract(dict, &doc);
            let mut windows: BTreeMap<usize, std::collections::BTreeSet<String>> = BTreeMap::new();
            for m in &ex.mentions {
                windows.entry(window.of(m)).or_default().insert(dict.entity(m.entity).id.clone());
            }
            for actors in windows.values() {
                for a in actors {
                    for b in actors.range::<String, _>((std::ops::Bound::Excluded(a), std::ops::Bound::Unbounded)) {
                        *expected.entry((a.clone(), b.clone())).or_default() += 1;
                    }
                }
            }
            acc.add(Contribution::of(dict, &doc, seq as u64, &ex, window, 2), &doc.text);
        }
        let g = acc.finish(dict, &Default::default(), RunInfo::new(dict, window, 2));
        let mut found: BTreeMap<(String, String), u64> = BTreeMap::new();
        for e in g.graph.edge_indices() {
            let (a, b) = g.graph.edge_endpoints(e).unwrap();
            let (a, b) = (g.graph[a].id.clone(), g.graph[b].id.clone());
            // Symmetric: looked up from either end, the same edge and count.
            let back = g.graph.find_edge(g.graph.edge_endpoints(e).unwrap().1, g.graph.edge_endpoints(e).unwrap().0);
            prop_assert_eq!(back, Some(e));
            let key = if a < b { (a, b) } else { (b, a) };
            prop_assert!(found.insert(key, g.graph[e].count).is_none(), "one edge per pair");
        }
        prop_assert_eq!(found, expected);
    }

    #[test]
    fn arbitrary_dictionary_text_gives_a_dictionary_or_located_problems(text in "\\PC{0,300}") {
        check_dictionary_text(&text)?;
    }

    #[test]
    fn arbitrary_entities_load_or_fail_with_problems_and_their_aliases_match(
        entities in prop::collection::vec(
            ("[a-z][a-z0-9_-]{0,8}", prop::sample::select(vec!["group", "state", "person", "place", "organization", "militia"]),
             "\\PC{0,12}", prop::collection::vec("\\PC{0,14}", 0..4), prop::collection::vec("\\PC{0,6}", 0..2)),
            1..6,
        ),
    ) {
        let mut toml = String::new();
        for (id, kind, label, aliases, exact) in &entities {
            toml.push_str(&format!(
                "[[entity]]\nid = {}\nkind = {}\nlabel = {}\naliases = {}\nexact = {}\n\n",
                toml_str(id), toml_str(kind), toml_str(label),
                toml_list(aliases), toml_list(exact)
            ));
        }
        check_dictionary_text(&toml)?;
        if let Ok(dict) = Dictionary::from_toml("d.toml", &toml) {
            // Every alias of a loaded dictionary is found in a sentence made of it.
            for (_, _, _, aliases, _) in &entities {
                for alias in aliases {
                    let text = format!("Zij zagen {alias} gisteren.");
                    let doc = Document::new("a", None, &text);
                    let ex = extract(&dict, &doc);
                    for m in &ex.mentions {
                        prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                    }
                }
            }
        }
    }
}

fn toml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn toml_list(items: &[String]) -> String {
    format!(
        "[{}]",
        items
            .iter()
            .map(|s| toml_str(s))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Loading `text` never panics; when it fails, every problem points at a real place in it.
fn check_dictionary_text(text: &str) -> Result<(), TestCaseError> {
    match Dictionary::from_toml("d.toml", text) {
        Ok(_) => {}
        Err(DictionaryError::Invalid(problems)) => {
            prop_assert!(!problems.is_empty());
            let lines: Vec<&str> = text.split('\n').collect();
            for p in &problems {
                prop_assert!(p.line.line >= 1 && p.line.line <= lines.len(), "{p}");
                let width = lines[p.line.line - 1].chars().count();
                prop_assert!(p.line.column >= 1 && p.line.column <= width + 1, "{p}");
                prop_assert!(p.to_string().starts_with("d.toml:"), "{p}");
            }
        }
        Err(other) => prop_assert!(false, "unexpected error kind: {other}"),
    }
    Ok(())
}

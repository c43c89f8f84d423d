//! What a reader of the seed articles expects the graph to show.

mod common;

use common::*;
use serde_json::Value;

const KEY_SENTENCE: &str = "Pakistaanse luchtaanvallen op vrijdagochtend Kabul, Kandahar en Paktia";

fn seeds_graph() -> Value {
    let dir = build_seeds(&["--format", "json"]);
    read_json(&dir.path().join("graph.json"))
}

fn seeds_mentions() -> Vec<Value> {
    lines(&ok(&["extract", "seeds", "--quiet"]))
        .into_iter()
        .filter(|l| l.get("relation").is_none())
        .collect()
}

/// Occurrences of `word` as a whole word in all seeds.
fn count_word(word: &str) -> usize {
    let mut n = 0;
    for entry in std::fs::read_dir(repo().join("seeds")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for (i, _) in text.match_indices(word) {
            let before = text[..i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn kabul_and_kaboel_are_one_node_counting_both_spellings() {
    let g = seeds_graph();
    let kabul = node(&g, "kabul").expect("Kabul node");
    assert_eq!(kabul["label"], "Kabul");
    assert_eq!(kabul["kind"], "place");
    let expected = count_word("Kabul") + count_word("Kaboel");
    assert!(count_word("Kaboel") > 0 && count_word("Kabul") > 0);
    assert_eq!(kabul["mentions"].as_u64().unwrap() as usize, expected);
    assert!(
        g["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n["label"] != "Kaboel"),
        "no separate Kaboel node"
    );
}

#[test]
fn ttp_militanten_counts_for_ttp() {
    let mentions = seeds_mentions();
    let seed = std::fs::read_to_string(repo().join("seeds/000_1fc00ca28739078a.txt")).unwrap();
    let at = seed.find("TTP-militanten").unwrap();
    assert!(
        mentions
            .iter()
            .any(|m| m["doc"] == "seeds/000_1fc00ca28739078a"
                && m["entity"] == "ttp"
                && m["start"] == at),
        "TTP-militanten is a TTP mention"
    );
}

#[test]
fn het_is_is_not_islamic_state() {
    let mentions = seeds_mentions();
    let is: Vec<&Value> = mentions
        .iter()
        .filter(|m| m["entity"] == "islamic-state")
        .collect();
    assert!(!is.is_empty(), "the seeds do name Islamic State");
    for m in is {
        let text = m["text"].as_str().unwrap();
        assert_ne!(text, "is", "lower-case 'is' matched as IS: {m}");
        assert_ne!(text, "Is", "'Is' matched as IS: {m}");
    }
    // Seed 001 has "Wat is de terreurgroep" and "De groep is een aartsvijand".
    assert!(count_word("is") > 10);
}

#[test]
fn the_key_sentence_ties_pakistan_to_kabul_kandahar_and_paktia() {
    let g = seeds_graph();
    for place in ["kabul", "kandahar", "paktia"] {
        let l = link(&g, "pakistan", place).unwrap_or_else(|| panic!("pakistan -- {place}"));
        let evidence = l["evidence"].as_array().unwrap();
        assert!(
            evidence
                .iter()
                .any(|e| e["text"].as_str().unwrap().contains(KEY_SENTENCE)
                    && e["doc"] == "seeds/000_1fc00ca28739078a"),
            "pakistan -- {place} evidence lacks the key sentence: {evidence:?}"
        );
    }
    // The three places share that sentence, so they are tied to each other as well.
    assert!(link(&g, "kabul", "paktia").is_some());
    assert!(link(&g, "kandahar", "paktia").is_some());
}

#[test]
fn taliban_and_iskp_share_an_edge() {
    let g = seeds_graph();
    let l = link(&g, "iskp", "taliban").expect("Taliban -- ISKP");
    assert!(l["count"].as_u64().unwrap() >= 3, "{l}");
    assert_eq!(l["first_date"], "2021-08");
}

#[test]
fn nested_names_and_spelling_variants_resolve_to_one_actor() {
    let mentions = seeds_mentions();
    let surfaces = |id: &str| -> Vec<String> {
        let mut v: Vec<String> = mentions
            .iter()
            .filter(|m| m["entity"] == id)
            .map(|m| m["text"].as_str().unwrap().to_string())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let iskp = surfaces("iskp");
    for form in [
        "ISKP",
        "ISK",
        "ISIS-K",
        "Islamitische Staat in de Provincie Khorasan",
    ] {
        assert!(
            iskp.contains(&form.to_string()),
            "ISKP form {form} missing: {iskp:?}"
        );
    }
    // The long ISKP name contains "Islamitische Staat" and "Khorasan": neither is a mention there.
    assert!(!mentions.iter().any(|m| m["entity"] == "khorasan"));
    assert!(surfaces("turkey").contains(&"Türkiye".to_string()));
    assert!(surfaces("turkey").contains(&"Turkije".to_string()));
    assert!(surfaces("saudi-arabia").contains(&"Saudi-Arabië".to_string()));
    assert!(surfaces("islamic-state").contains(&"Daesh".to_string()));
    let taliban = surfaces("taliban");
    assert!(taliban.contains(&"taliban".to_string()) && taliban.contains(&"Taliban".to_string()));
    // "Pakistaanse luchtaanvallen" is Pakistan; "Afghaanse soldaten" is Afghanistan.
    assert!(surfaces("pakistan").contains(&"Pakistaanse".to_string()));
    assert!(surfaces("afghanistan").contains(&"Afghaanse".to_string()));
}

#[test]
fn talibanstrijders_compounds_count_for_the_taliban() {
    let mentions = seeds_mentions();
    let seed = std::fs::read_to_string(repo().join("seeds/001_17c673b6faf8e46a.txt")).unwrap();
    let compounds: Vec<usize> = seed
        .match_indices("Talibanstrijders")
        .map(|(i, _)| i)
        .collect();
    assert!(compounds.len() >= 5);
    for at in compounds {
        assert!(
            mentions
                .iter()
                .any(|m| m["doc"] == "seeds/001_17c673b6faf8e46a"
                    && m["entity"] == "taliban"
                    && m["start"] == at),
            "Talibanstrijders at {at} is not a Taliban mention"
        );
    }
}

#[test]
fn dates_come_from_headers_and_are_never_invented() {
    let g = seeds_graph();
    assert_eq!(g["graph"]["articles"], 5);
    // Seeds 000 and 003 have no date header.
    assert_eq!(g["graph"]["dated_articles"], 3);
    let iskp = node(&g, "iskp").unwrap();
    assert_eq!(
        (iskp["first_date"].as_str(), iskp["last_date"].as_str()),
        (Some("2021-08"), Some("2021-08"))
    );
    let taliban = node(&g, "taliban").unwrap();
    assert_eq!(taliban["first_date"], "2019-09");
    assert_eq!(taliban["last_date"], "2021-08");
    // PIPS is named only in seed 000 and Panjwayi only in 003: neither gets a date.
    for id in ["pips", "panjwayi"] {
        let n = node(&g, id).unwrap();
        assert!(
            n.get("first_date").is_none() && n.get("last_date").is_none(),
            "{n}"
        );
    }
}

#[test]
fn mention_offsets_point_into_the_original_files() {
    let mentions = seeds_mentions();
    assert!(mentions.len() > 200);
    for m in &mentions {
        // An article's id is its path as named, without ".txt".
        let path = repo().join(format!("{}.txt", m["doc"].as_str().unwrap()));
        let text = std::fs::read_to_string(path).unwrap();
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], m["text"].as_str().unwrap(), "{m}");
        for key in ["label", "kind", "sentence", "paragraph"] {
            assert!(m.get(key).is_some(), "{key} missing in {m}");
        }
    }
}

#[test]
fn node_and_link_shape_is_what_d3_and_networkx_expect() {
    let g = seeds_graph();
    assert_eq!(g["directed"], false);
    assert_eq!(g["multigraph"], false);
    let ids: std::collections::BTreeSet<&str> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    for n in g["nodes"].as_array().unwrap() {
        for key in ["id", "label", "kind", "mentions", "documents"] {
            assert!(n.get(key).is_some(), "{key} missing in {n}");
        }
    }
    for l in g["links"].as_array().unwrap() {
        assert!(
            ids.contains(l["source"].as_str().unwrap())
                && ids.contains(l["target"].as_str().unwrap())
        );
        assert!(
            l["source"].as_str() < l["target"].as_str(),
            "links are sorted pairs: {l}"
        );
        let evidence = l["evidence"].as_array().unwrap();
        assert!(!evidence.is_empty() && evidence.len() <= 3);
        assert!(l["count"].as_u64().unwrap() >= l["documents"].as_u64().unwrap());
    }
}

#[test]
fn roles_are_those_valid_at_the_articles_dates() {
    let g = seeds_graph();
    let taliban = node(&g, "taliban").unwrap();
    // Article 001 (2021-08) falls in the Taliban government from 2021-08-15; 002 (2021-07) not.
    assert_eq!(
        taliban["roles"],
        serde_json::json!([{"title": "regering", "of": "afghanistan", "from": "2021-08-15", "articles": 1}])
    );
    // Imran Khan is named only in an undated article: no role can be dated.
    assert!(node(&g, "imran-khan").unwrap().get("roles").is_none());
    let biden = &node(&g, "joe-biden").unwrap()["roles"];
    assert_eq!(biden[0]["title"], "president");
    assert_eq!(
        biden.as_array().unwrap().len(),
        1,
        "not vice-president in 2021"
    );
}

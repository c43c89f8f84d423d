//! Exporters: pure functions from an [`ActorGraph`](crate::graph::ActorGraph) to bytes.
//!
//! Each format lives in its own module with a `write(graph, options, out)` function that only
//! serialises; where the bytes go (files, atomic replacement) is [`crate::output`]'s job.
//! Everything written is in a fixed order (nodes by id, edges by source and target id), so the
//! same graph always gives the same bytes.

pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod json;
pub mod net;
pub mod render;
pub mod webjson;
mod xml;

#[cfg(test)]
mod snapshots {
    //! The exporters on a tiny fixed graph, reviewed like code (`cargo insta review`).

    use crate::dictionary::Dictionary;
    use crate::graph::{Accumulator, ActorGraph, Contribution, RunInfo, Window};
    use crate::input::Document;

    fn tiny() -> ActorGraph {
        let dict = Dictionary::from_toml(
            "tiny.toml",
            r#"
[[entity]]
id = "taliban"
kind = "group"
label = "Taliban"
aliases = ["Taliban"]

[[entity]]
id = "kabul"
kind = "place"
label = "Kabul"
aliases = ["Kabul", "Kaboel"]
country = "AF"
acts_for = "afghanistan"

[[entity]]
id = "afghanistan"
kind = "state"
label = "Afghanistan"
aliases = ["Afghanistan", "Afghaanse"]

[[entity]]
id = "quoted"
kind = "organization"
label = "Het \"Bureau\" \\ Kabul"
aliases = ["Bureau"]
subtype = "media"
"#,
        )
        .unwrap();
        let docs = [
            (
                "a",
                Some("2021-08"),
                "De Taliban namen Kabul in. Afghaanse troepen vluchtten.",
            ),
            (
                "b",
                None,
                "Kaboel en de Taliban.\nHet Bureau meldt dat de Taliban in Afghanistan winnen.",
            ),
        ];
        let mut acc = Accumulator::new(2);
        for (seq, (id, date, text)) in docs.into_iter().enumerate() {
            let doc = Document::new(id, date, text);
            let ex = crate::extract::extract(&dict, &doc);
            let c = Contribution::of(&dict, &doc, seq as u64, &ex, Window::Sentence, 2);
            acc.add(c, &doc.text);
        }
        let analysis = crate::analysis::Analysis {
            cooccurrence: true,
            ..Default::default()
        };
        crate::analysis::analyse(
            acc.finish(
                &dict,
                &Default::default(),
                RunInfo::new(&dict, Window::Sentence, 2),
            ),
            &analysis,
        )
    }

    fn text(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
        let mut buf = Vec::new();
        write(&mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn json_snapshot() {
        let g = tiny();
        insta::assert_snapshot!(text(|out| super::json::write(&g, out)));
    }

    #[test]
    fn dot_snapshot() {
        let g = tiny();
        let options = super::dot::DotOptions::default();
        insta::assert_snapshot!(text(|out| super::dot::write(&g, &options, out)));
    }

    fn net_text(
        write: fn(&super::net::Net, &mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> String {
        let g = tiny();
        let positions = super::net::positions(&g);
        let net = super::net::Net::of(&g, super::net::Which::Cooccurrence, &[], &positions);
        text(|out| write(&net, out))
    }

    #[test]
    fn gexf_snapshot() {
        insta::assert_snapshot!(net_text(super::gexf::write));
    }

    #[test]
    fn graphml_snapshot() {
        insta::assert_snapshot!(net_text(super::graphml::write));
    }

    #[test]
    fn csv_edges_snapshot() {
        insta::assert_snapshot!(net_text(super::csv::write_edges));
    }

    #[test]
    fn dot_max_nodes_keeps_the_most_connected() {
        let g = tiny();
        let options = super::dot::DotOptions {
            max_nodes: 2,
            ..Default::default()
        };
        let dot = text(|out| super::dot::write(&g, &options, out));
        // Taliban has weighted degree 4; the other three tie at 2 and the tie goes by id.
        assert!(dot.contains("\"taliban\"[label=\"Taliban\""), "{dot}");
        assert!(
            dot.contains("\"afghanistan\"[label=\"Afghanistan\""),
            "{dot}"
        );
        assert!(
            !dot.contains("\"kabul\"[") && !dot.contains("\"quoted\"["),
            "{dot}"
        );
        assert!(dot.contains("\"afghanistan\" -- \"taliban\""), "{dot}");
        assert!(!dot.contains("\"kabul\" -- \"taliban\""), "{dot}");
        assert!(dot.contains("top 2 of 4 connected actors"), "{dot}");
    }
}

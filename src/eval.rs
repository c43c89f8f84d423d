//! Precision and recall of the actors found per article against a hand-made gold standard.
//!
//! The gold file is JSON Lines, one article per line: `{"doc": "id", "entities": ["id", ...]}`,
//! listing every actor the article names (each once). Scores are micro-averaged over articles
//! per kind: an actor counts as correct when the article's gold list has it, wherever and
//! however often it is named. An optional `"kinds": {"id": "person"}` gives the kind of actors
//! that no dictionary defines (they can only be missed, but count in their kind's recall).

use crate::dictionary::{Dictionary, Kind};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why a gold file could not be used.
#[derive(Debug, Error)]
pub enum GoldError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Invalid {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GoldLine {
    doc: String,
    entities: Vec<String>,
    /// Kinds of listed actors that no dictionary defines, so they count in the right row.
    #[serde(default)]
    kinds: BTreeMap<String, String>,
}

/// The actors each gold article names.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gold {
    pub docs: BTreeMap<String, BTreeSet<String>>,
    /// Kinds given in the gold for ids the dictionary may not define.
    pub kinds: BTreeMap<String, String>,
}

impl Gold {
    /// Reads a gold file; every problem names its line.
    pub fn read(path: &Path) -> Result<Gold, GoldError> {
        let text = std::fs::read_to_string(path).map_err(|e| GoldError::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        Self::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Gold, GoldError> {
        let mut gold = Gold::default();
        for (i, line) in text.lines().enumerate() {
            let invalid = |message: String| GoldError::Invalid {
                path: path.to_path_buf(),
                line: i + 1,
                message,
            };
            if line.trim().is_empty() {
                continue;
            }
            let g: GoldLine = serde_json::from_str(line).map_err(|e| {
                invalid(format!(
                    "{e} (expected {{\"doc\": \"id\", \"entities\": [\"id\", ...]}})"
                ))
            })?;
            for (id, kind) in &g.kinds {
                if !Kind::ALL.iter().any(|k| k.as_str() == kind) {
                    return Err(invalid(format!(
                        "kind {kind:?} of {id:?} is not group, state, person, place or organization"
                    )));
                }
                gold.kinds.insert(id.clone(), kind.clone());
            }
            let set: BTreeSet<String> = g.entities.iter().cloned().collect();
            if set.len() != g.entities.len() {
                return Err(invalid(format!("article {:?} lists an actor twice", g.doc)));
            }
            if gold.docs.insert(g.doc.clone(), set).is_some() {
                return Err(invalid(format!("article {:?} appears twice", g.doc)));
            }
        }
        Ok(gold)
    }
}

/// Counts for one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub gold: u64,
    pub found: u64,
    pub correct: u64,
}

impl Counts {
    /// Share of found actors that are right; `None` when nothing was found.
    pub fn precision(&self) -> Option<f64> {
        (self.found > 0).then(|| self.correct as f64 / self.found as f64)
    }

    /// Share of gold actors found; `None` when the gold has none.
    pub fn recall(&self) -> Option<f64> {
        (self.gold > 0).then(|| self.correct as f64 / self.gold as f64)
    }

    pub fn f1(&self) -> Option<f64> {
        let (p, r) = (self.precision()?, self.recall()?);
        Some(if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        })
    }
}

/// What one article got wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocErrors {
    pub doc: String,
    /// In the gold, not found.
    pub missed: Vec<String>,
    /// Found, not in the gold.
    pub extra: Vec<String>,
}

/// Scores per kind (`unknown` for gold ids that no dictionary defines) and in total.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    pub kinds: BTreeMap<String, Counts>,
    pub total: Counts,
    pub articles: u64,
    pub errors: Vec<DocErrors>,
}

/// The actors found in the article a gold line names: the article of that id, else the one
/// article whose id ends in that name (a `.txt` article's id is its path, `corpus/007`, and a
/// gold file may name it `007`). Two articles of that name are ambiguous: none.
fn article<'a>(
    doc: &str,
    found: &'a BTreeMap<String, BTreeSet<String>>,
) -> Option<&'a BTreeSet<String>> {
    if let Some(got) = found.get(doc) {
        return Some(got);
    }
    let mut named = found
        .iter()
        .filter(|(id, _)| id.rsplit('/').next() == Some(doc));
    match (named.next(), named.next()) {
        (Some((_, got)), None) => Some(got),
        _ => None,
    }
}

/// Compares what was found per article (`found`: article id → entity ids) with the gold.
/// Articles not in the gold are ignored; gold articles that were not read are returned as
/// `Err` with their ids.
pub fn score(
    gold: &Gold,
    found: &BTreeMap<String, BTreeSet<String>>,
    dict: &Dictionary,
) -> Result<Scores, Vec<String>> {
    let unread: Vec<String> = gold
        .docs
        .keys()
        .filter(|d| article(d, found).is_none())
        .cloned()
        .collect();
    if !unread.is_empty() {
        return Err(unread);
    }
    let kind_of = |id: &str| match dict.index_of(id) {
        Some(i) => dict.entity(i).kind.as_str().to_string(),
        None => gold.kinds.get(id).cloned().unwrap_or("unknown".into()),
    };
    let mut scores = Scores::default();
    for (doc, want) in &gold.docs {
        let got = article(doc, found).expect("every gold article was read");
        scores.articles += 1;
        let mut bump = |id: &str, f: &dyn Fn(&mut Counts)| {
            f(scores.kinds.entry(kind_of(id)).or_default());
            f(&mut scores.total);
        };
        for id in want {
            bump(id, &|c| c.gold += 1);
        }
        for id in got {
            bump(id, &|c| c.found += 1);
        }
        for id in want.intersection(got) {
            bump(id, &|c| c.correct += 1);
        }
        let missed: Vec<String> = want.difference(got).cloned().collect();
        let extra: Vec<String> = got.difference(want).cloned().collect();
        if !missed.is_empty() || !extra.is_empty() {
            scores.errors.push(DocErrors {
                doc: doc.clone(),
                missed,
                extra,
            });
        }
    }
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gold_article_is_found_by_its_id_or_its_one_file_name() {
        let set = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        let found: BTreeMap<String, BTreeSet<String>> = [
            ("corpus/nl/007", set(&["a"])),
            ("corpus/en/007", set(&["b"])),
            ("corpus/nl/008", set(&["c"])),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        assert_eq!(article("corpus/en/007", &found), Some(&set(&["b"])));
        assert_eq!(article("008", &found), Some(&set(&["c"])));
        // Two articles are called 007: the gold must give the path.
        assert_eq!(article("007", &found), None);
        assert_eq!(article("nl/008", &found), None);
    }

    fn dict() -> Dictionary {
        let mut toml = String::new();
        for (id, kind) in [("a", "state"), ("b", "state"), ("c", "group")] {
            toml += &format!(
                "[[entity]]\nid = \"{id}\"\nkind = \"{kind}\"\nlabel = \"{id}\"\naliases = [\"{id}x\"]\n"
            );
        }
        Dictionary::from_toml("d.toml", &toml).unwrap()
    }

    fn set(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn micro_averaged_per_kind_with_errors_listed() {
        let gold = Gold::parse(
            Path::new("g.jsonl"),
            "{\"doc\": \"1\", \"entities\": [\"a\", \"c\"]}\n\n{\"doc\": \"2\", \"entities\": [\"a\", \"b\", \"z\", \"p\"], \"kinds\": {\"p\": \"person\"}}\n",
        )
        .unwrap();
        let found = BTreeMap::from([
            ("1".to_string(), set(&["a", "b", "c"])),
            ("2".to_string(), set(&["a"])),
            ("3".to_string(), set(&["c"])),
        ]);
        let s = score(&gold, &found, &dict()).unwrap();
        let state = s.kinds["state"];
        assert_eq!((state.gold, state.found, state.correct), (3, 3, 2));
        assert_eq!(s.kinds["unknown"].gold, 1);
        assert_eq!(
            s.kinds["person"].recall(),
            Some(0.0),
            "p counts as a person"
        );
        assert_eq!(s.kinds["group"].precision(), Some(1.0));
        assert_eq!(s.total.recall(), Some(3.0 / 6.0));
        assert_eq!(s.articles, 2, "article 3 is not in the gold");
        assert_eq!(s.errors[0].extra, vec!["b"]);
        assert_eq!(s.errors[1].missed, vec!["b", "p", "z"]);
    }

    #[test]
    fn gold_problems_name_the_line_and_unread_articles_are_reported() {
        let err = Gold::parse(
            Path::new("g.jsonl"),
            "{\"doc\": \"1\", \"entities\": []}\n{\"doc\": 1}\n",
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("g.jsonl:2: "), "{err}");
        let gold = Gold::parse(Path::new("g"), "{\"doc\": \"9\", \"entities\": [\"a\"]}").unwrap();
        assert_eq!(
            score(&gold, &BTreeMap::new(), &dict()),
            Err(vec!["9".to_string()])
        );
    }
}

//! The measures of association an edge's exported `weight` can be.
//!
//! With `N` the number of windows (sentences, paragraphs or articles) in the corpus, `n_a` the
//! windows naming actor `a`, and `n_ab` the windows naming both:
//!
//! | `--weight`  | formula                                    | range      |
//! |-------------|--------------------------------------------|------------|
//! | `count`     | `n_ab`                                     | 1, 2, …    |
//! | `documents` | articles with at least one such window     | 1, 2, …    |
//! | `pmi`       | `log2(n_ab · N / (n_a · n_b))`             | any        |
//! | `npmi`      | `pmi / −log2(n_ab / N)` (1 when `n_ab = N`) | −1 … 1     |
//! | `jaccard`   | `n_ab / (n_a + n_b − n_ab)`                | 0 … 1      |
//! | `dice`      | `2 n_ab / (n_a + n_b)`                     | 0 … 1      |
//!
//! PMI and NPMI reward pairs seen together more often than chance, so they lift small actors
//! with a specific tie above the hubs that co-occur with everything; Jaccard and Dice measure
//! the overlap of the two actors' windows. Values are rounded to 6 decimals so files do not
//! depend on the last bits of a logarithm.

use super::round6;
use std::fmt;
use std::str::FromStr;

/// Which measure becomes the exported `weight`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WeightKind {
    #[default]
    Count,
    Documents,
    Pmi,
    Npmi,
    Jaccard,
    Dice,
}

impl WeightKind {
    pub const ALL: [WeightKind; 6] = [
        WeightKind::Count,
        WeightKind::Documents,
        WeightKind::Pmi,
        WeightKind::Npmi,
        WeightKind::Jaccard,
        WeightKind::Dice,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WeightKind::Count => "count",
            WeightKind::Documents => "documents",
            WeightKind::Pmi => "pmi",
            WeightKind::Npmi => "npmi",
            WeightKind::Jaccard => "jaccard",
            WeightKind::Dice => "dice",
        }
    }
}

impl WeightKind {
    /// What the weight means, in words.
    pub fn describe(self) -> &'static str {
        match self {
            WeightKind::Count => "windows shared",
            WeightKind::Documents => "articles with a shared window",
            WeightKind::Pmi => "pointwise mutual information (log2) of shared windows",
            WeightKind::Npmi => "normalised pointwise mutual information of shared windows",
            WeightKind::Jaccard => "Jaccard overlap of the two actors' windows",
            WeightKind::Dice => "Dice overlap of the two actors' windows",
        }
    }

    /// [`WeightKind::describe`] for a weight's name as stored in a file.
    pub fn describe_name(name: &str) -> &'static str {
        name.parse::<WeightKind>()
            .map_or("windows shared", |k| k.describe())
    }
}

impl fmt::Display for WeightKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for WeightKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        WeightKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown weight {s:?} (expected count, documents, pmi, npmi, jaccard or dice)"
                )
            })
    }
}

/// The counts behind one edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Windows naming both actors.
    pub both: u64,
    /// Articles with such a window.
    pub documents: u64,
    /// Windows naming each actor.
    pub a: u64,
    pub b: u64,
    /// Windows in the corpus.
    pub windows: u64,
}

impl WeightKind {
    /// The weight of an edge with these counts.
    pub fn weight(self, c: Counts) -> f64 {
        let both = c.both as f64;
        let (a, b, n) = (c.a as f64, c.b as f64, c.windows as f64);
        let pmi = || (both * n / (a * b)).log2();
        let value = match self {
            WeightKind::Count => return both,
            WeightKind::Documents => return c.documents as f64,
            WeightKind::Pmi => pmi(),
            WeightKind::Npmi => {
                if c.both >= c.windows {
                    1.0
                } else {
                    pmi() / -(both / n).log2()
                }
            }
            WeightKind::Jaccard => both / (a + b - both),
            WeightKind::Dice => 2.0 * both / (a + b),
        };
        if value.is_finite() {
            round6(value)
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(both: u64, a: u64, b: u64, windows: u64) -> Counts {
        Counts {
            both,
            documents: 2,
            a,
            b,
            windows,
        }
    }

    #[test]
    fn formulas_by_hand() {
        // 100 sentences; a in 10, b in 20, together in 5.
        let c = counts(5, 10, 20, 100);
        let w = |k: WeightKind| k.weight(c);
        assert_eq!(w(WeightKind::Count), 5.0);
        assert_eq!(w(WeightKind::Documents), 2.0);
        // p(a,b) = 0.05, p(a) p(b) = 0.02: log2 2.5 = 1.321928.
        assert_eq!(w(WeightKind::Pmi), 1.321928);
        // −log2 0.05 = 4.321928: 1.321928 / 4.321928 = 0.305865.
        assert_eq!(w(WeightKind::Npmi), 0.305865);
        // 5 / (10 + 20 − 5) = 0.2; 10 / 30 = 0.333333.
        assert_eq!(w(WeightKind::Jaccard), 0.2);
        assert_eq!(w(WeightKind::Dice), 0.333333);
    }

    #[test]
    fn independence_gives_zero_pmi_and_full_overlap_gives_one() {
        // a in half, b in half, together in a quarter: independent.
        let c = counts(25, 50, 50, 100);
        assert_eq!(WeightKind::Pmi.weight(c), 0.0);
        assert_eq!(WeightKind::Npmi.weight(c), 0.0);
        // Always together: Jaccard and Dice 1, NPMI 1.
        let c = counts(7, 7, 7, 100);
        assert_eq!(WeightKind::Jaccard.weight(c), 1.0);
        assert_eq!(WeightKind::Dice.weight(c), 1.0);
        assert_eq!(WeightKind::Npmi.weight(c), 1.0);
        // Less often together than chance: negative.
        assert!(WeightKind::Pmi.weight(counts(1, 50, 50, 100)) < 0.0);
        // Every window names both.
        assert_eq!(WeightKind::Npmi.weight(counts(4, 4, 4, 4)), 1.0);
    }

    #[test]
    fn names_round_trip() {
        for k in WeightKind::ALL {
            assert_eq!(k.as_str().parse::<WeightKind>(), Ok(k));
        }
        assert!("tfidf".parse::<WeightKind>().is_err());
    }
}

//! Time: keeping the articles of a date range, and slicing the corpus into periods.
//!
//! Article dates are days (`2021-08-26`) or months (`2021-08`); range bounds may also be years.
//! A date is compared at the precision both share: an article dated `2021-08` is inside
//! `--from 2021-08-15`, because its month overlaps the range. Articles without a date are in no
//! range and no period.

use crate::input::parse_date;
use std::fmt;
use std::str::FromStr;

/// `--from` and `--to`, both inclusive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A range bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checked.
pub fn parse_bound(s: &str) -> Result<String, String> {
    let s = s.trim();
    let year = s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
    if year || parse_date(s).is_some_and(|d| d == s) {
        Ok(s.to_string())
    } else {
        Err(format!(
            "{s:?} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD, a real day)"
        ))
    }
}

impl DateRange {
    /// A range; an error when `from` is after `to`.
    pub fn new(from: Option<String>, to: Option<String>) -> Result<DateRange, String> {
        if let (Some(f), Some(t)) = (&from, &to) {
            let n = f.len().min(t.len());
            if f[..n] > t[..n] {
                return Err(format!("--from {f} is after --to {t}"));
            }
        }
        Ok(DateRange { from, to })
    }

    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// Whether an article with this date is in the range. Undated articles are only in an
    /// open range.
    pub fn contains(&self, date: Option<&str>) -> bool {
        if self.is_open() {
            return true;
        }
        let Some(d) = date else {
            return false;
        };
        let cut = |a: &str, b: &str| {
            let n = a.len().min(b.len());
            (a[..n].to_string(), b[..n].to_string())
        };
        self.from.as_deref().is_none_or(|f| {
            let (d, f) = cut(d, f);
            d >= f
        }) && self.to.as_deref().is_none_or(|t| {
            let (d, t) = cut(d, t);
            d <= t
        })
    }
}

/// The length of the periods `--by` slices the corpus into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Month,
    Quarter,
    Year,
}

impl Period {
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    /// The period of a date: `2021-08`, `2021-Q3` or `2021`.
    pub fn of(self, date: &str) -> Option<String> {
        let year = date.get(..4)?;
        let month: u32 = date.get(5..7)?.parse().ok()?;
        Some(match self {
            Period::Month => format!("{year}-{month:02}"),
            Period::Quarter => format!("{year}-Q{}", (month - 1) / 3 + 1),
            Period::Year => year.to_string(),
        })
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Period {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "month" => Ok(Period::Month),
            "quarter" => Ok(Period::Quarter),
            "year" => Ok(Period::Year),
            _ => Err(format!(
                "unknown period {s:?} (expected month, quarter or year)"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_compare_at_the_shared_precision() {
        let r = DateRange::new(Some("2021-08-15".into()), Some("2021-09".into())).unwrap();
        assert!(r.contains(Some("2021-08")), "the month overlaps");
        assert!(!r.contains(Some("2021-08-14")));
        assert!(r.contains(Some("2021-08-15")));
        assert!(r.contains(Some("2021-09-30")));
        assert!(!r.contains(Some("2021-10-01")));
        assert!(!r.contains(None), "undated articles are in no range");
        assert!(DateRange::default().contains(None));
        let year = DateRange::new(Some("2021".into()), Some("2021".into())).unwrap();
        assert!(year.contains(Some("2021-12-31")) && !year.contains(Some("2022-01")));
        assert!(DateRange::new(Some("2022".into()), Some("2021-05".into())).is_err());
    }

    #[test]
    fn bounds_must_be_real_dates() {
        assert_eq!(parse_bound("2021-08"), Ok("2021-08".into()));
        assert_eq!(parse_bound("2021"), Ok("2021".into()));
        assert!(parse_bound("2021-02-30").is_err());
        assert!(parse_bound("2021-13").is_err());
        assert!(parse_bound("aug 2021").is_err());
    }

    #[test]
    fn periods() {
        assert_eq!(Period::Month.of("2021-08-26").as_deref(), Some("2021-08"));
        assert_eq!(Period::Quarter.of("2021-08").as_deref(), Some("2021-Q3"));
        assert_eq!(Period::Quarter.of("2021-12-31").as_deref(), Some("2021-Q4"));
        assert_eq!(Period::Quarter.of("2021-01").as_deref(), Some("2021-Q1"));
        assert_eq!(Period::Year.of("2021-08").as_deref(), Some("2021"));
    }
}

/// One actor in one period of `--by`: how its degree and ties changed since the period before.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorChange<'a> {
    pub period: &'a str,
    pub id: &'a str,
    pub label: &'a str,
    pub kind: crate::dictionary::Kind,
    pub mentions: u64,
    pub degree: u64,
    pub weighted_degree: f64,
    pub community: u64,
    /// Neighbours it has now and did not have in the period before, by id.
    pub gained: Vec<&'a str>,
    /// Neighbours it had in the period before and has no longer.
    pub lost: Vec<&'a str>,
}

/// For each period in order, every actor named in it or in the period before, with its
/// mentions, degree and the ties it gained and lost. Periods are compared with the one
/// before them in the list (quiet periods without articles are not in the list).
pub fn changes<'a>(
    periods: &'a std::collections::BTreeMap<String, crate::graph::ActorGraph>,
) -> Vec<ActorChange<'a>> {
    use std::collections::{BTreeMap, BTreeSet};
    type Ties<'a> = BTreeMap<&'a str, (&'a crate::graph::Node, BTreeSet<&'a str>)>;
    let ties_of = |g: &'a crate::graph::ActorGraph| -> Ties<'a> {
        let mut out: Ties<'a> = g
            .graph
            .node_weights()
            .map(|n| (n.id.as_str(), (n, BTreeSet::new())))
            .collect();
        for e in g.graph.edge_indices() {
            let (a, b) = g.graph.edge_endpoints(e).expect("edge exists");
            let (a, b) = (g.graph[a].id.as_str(), g.graph[b].id.as_str());
            out.get_mut(a).expect("node").1.insert(b);
            out.get_mut(b).expect("node").1.insert(a);
        }
        out
    };
    let mut rows = Vec::new();
    let mut before: Ties<'a> = BTreeMap::new();
    for (name, g) in periods {
        let now = ties_of(g);
        let ids: BTreeSet<&str> = now.keys().chain(before.keys()).copied().collect();
        let empty = BTreeSet::new();
        for id in ids {
            let (node, ties) = match (now.get(id), before.get(id)) {
                (Some((n, t)), _) => (*n, t),
                (None, Some((n, _))) => (*n, &empty),
                (None, None) => continue,
            };
            let old = before.get(id).map_or(&empty, |(_, t)| t);
            let present = now.contains_key(id);
            rows.push(ActorChange {
                period: name,
                id: node.id.as_str(),
                label: node.label.as_str(),
                kind: node.kind,
                mentions: if present { node.mentions } else { 0 },
                degree: if present { node.measures.degree } else { 0 },
                weighted_degree: if present {
                    node.measures.weighted_degree
                } else {
                    0.0
                },
                community: if present { node.measures.community } else { 0 },
                gained: ties.difference(old).copied().collect(),
                lost: old.difference(ties).copied().collect(),
            });
        }
        before = now;
    }
    rows
}

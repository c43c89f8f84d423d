//! The query answers as text for a terminal.

use super::answers::*;
use std::io::{self, Write};

fn actor(a: &super::Actor) -> String {
    format!("{} ({}, {})", a.label, a.id, a.kind)
}

/// `s` padded with spaces to `width` characters.
fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

/// The widest of `items` in characters.
fn widest<'a>(items: impl Iterator<Item = &'a str>) -> usize {
    items.map(|s| s.chars().count()).max().unwrap_or(0)
}

fn plural(n: u64, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// `stats` as sections of aligned lines.
pub fn stats(s: &Stats, out: &mut dyn Write) -> io::Result<()> {
    let g = &s.graph;
    writeln!(
        out,
        "{} actors, {} ties, {} relations from {} ({} dated); {} windows, weight = {}",
        s.actors,
        s.ties,
        s.relations,
        plural(g.articles, "article"),
        g.dated_articles,
        g.window,
        g.weight
    )?;
    writeln!(
        out,
        "density {:.4}; {} connected {} (largest: {} actors); {} without ties",
        s.density,
        s.components,
        if s.components == 1 {
            "component"
        } else {
            "components"
        },
        s.largest_component,
        plural(s.isolated as u64, "actor")
    )?;
    let sections: [(&str, &Vec<Ranked>); 5] = [
        ("mentions", &s.top.mentions),
        ("degree (ties)", &s.top.degree),
        ("weighted degree", &s.top.weighted_degree),
        ("betweenness", &s.top.betweenness),
        ("PageRank", &s.top.pagerank),
    ];
    for (title, list) in sections {
        writeln!(out, "\nTop actors by {title}:")?;
        let names: Vec<String> = list.iter().map(|r| actor(&r.actor)).collect();
        let width = widest(names.iter().map(String::as_str));
        for (i, (r, name)) in list.iter().zip(&names).enumerate() {
            writeln!(out, "{:>3}. {}  {}", i + 1, pad(name, width), r.value)?;
        }
    }
    writeln!(
        out,
        "\nStrongest ties (weight, {}s, articles):",
        s.graph.window
    )?;
    let names: Vec<String> = s
        .strongest_ties
        .iter()
        .map(|t| format!("{} — {}", t.source.label, t.target.label))
        .collect();
    let width = widest(names.iter().map(String::as_str));
    for (i, (t, name)) in s.strongest_ties.iter().zip(&names).enumerate() {
        writeln!(
            out,
            "{:>3}. {}  {:>8} {:>6} {:>5}",
            i + 1,
            pad(name, width),
            t.weight,
            t.count,
            t.documents
        )?;
    }
    writeln!(
        out,
        "\nCommunities (Louvain, modularity {:.4}):",
        s.modularity
    )?;
    for c in &s.communities {
        let names: Vec<&str> = c.members.iter().map(|a| a.label.as_str()).collect();
        writeln!(
            out,
            "{:>3}. {} actors: {}",
            c.community,
            c.members.len(),
            names.join(", ")
        )?;
    }
    if !s.relation_types.is_empty() {
        writeln!(out, "\nRelations by type (edges, sentences):")?;
        for t in &s.relation_types {
            writeln!(
                out,
                "  {:<12} CAMEO {:<3} {:>5} {:>6}",
                t.relation, t.cameo, t.edges, t.sentences
            )?;
        }
    }
    Ok(())
}

/// `neighbors` as a ranked list.
pub fn neighbors(n: &Neighbors, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{}: {} (weight = {}, {}s, articles)",
        actor(&n.actor),
        plural(n.neighbors.len() as u64, "neighbour"),
        n.weight,
        n.window
    )?;
    let names: Vec<String> = n.neighbors.iter().map(|x| actor(&x.actor)).collect();
    let width = widest(names.iter().map(String::as_str));
    for (i, (x, name)) in n.neighbors.iter().zip(&names).enumerate() {
        writeln!(
            out,
            "{:>3}. {}  {:>8} {:>6} {:>5}",
            i + 1,
            pad(name, width),
            x.weight,
            x.count,
            x.documents
        )?;
    }
    if let Some(rows) = &n.relations {
        writeln!(out, "\nRelations ({}):", rows.len())?;
        for r in rows {
            writeln!(out, "  {}", relation_line(r))?;
        }
    }
    Ok(())
}

fn relation_line(r: &RelationRow) -> String {
    let dates = match (&r.first_date, &r.last_date) {
        (Some(f), Some(l)) if f != l => format!(", {f} to {l}"),
        (Some(f), _) => format!(", {f}"),
        _ => String::new(),
    };
    format!(
        "{} —{}→ {}  ({} in {}{dates})",
        r.source.label,
        r.relation,
        r.target.label,
        plural(r.count, "sentence"),
        plural(r.documents, "article")
    )
}

/// `path` as one line per tie, with the sentence that shows it.
pub fn path(p: &PathAnswer, out: &mut dyn Write) -> io::Result<()> {
    let Some(hops) = &p.hops else {
        return writeln!(
            out,
            "no path: {} and {} are not connected by any ties",
            actor(&p.from),
            actor(&p.to)
        );
    };
    if hops.is_empty() {
        return writeln!(out, "{} is itself", actor(&p.from));
    }
    writeln!(
        out,
        "{} → {}: {}",
        p.from.label,
        p.to.label,
        plural(hops.len() as u64, "step")
    )?;
    for h in hops {
        writeln!(
            out,
            "  {} — {}  (weight {}, {} in {})",
            h.from.label,
            h.to.label,
            h.weight,
            plural(h.count, &p.window),
            plural(h.documents, "article")
        )?;
        if let Some(e) = &h.evidence {
            writeln!(
                out,
                "      {}: {}",
                source(&e.doc, e.date.as_deref()),
                e.text
            )?;
        }
    }
    Ok(())
}

fn source(doc: &str, date: Option<&str>) -> String {
    match date {
        Some(d) => format!("[{doc}, {d}]"),
        None => format!("[{doc}]"),
    }
}

/// `evidence` as the quoted sentences.
pub fn evidence(e: &EvidenceAnswer, out: &mut dyn Write) -> io::Result<()> {
    match &e.tie {
        Some(t) => {
            writeln!(
                out,
                "{} — {}: together in {} {}s of {} (weight {}); {} quoted:",
                e.a.label,
                e.b.label,
                t.count,
                e.window,
                plural(t.documents, "article"),
                t.weight,
                t.evidence.len()
            )?;
            for q in &t.evidence {
                writeln!(out, "  {} {}", source(&q.doc, q.date.as_deref()), q.text)?;
            }
        }
        None => writeln!(
            out,
            "{} and {} are never named in the same {}",
            e.a.label, e.b.label, e.window
        )?,
    }
    for r in &e.relations {
        writeln!(out, "\n{}:", relation_line(r))?;
        for q in &r.evidence {
            writeln!(
                out,
                "  {} {}  [cue: {}]",
                source(&q.doc, q.date.as_deref()),
                q.text,
                q.cue
            )?;
        }
    }
    Ok(())
}

/// `timeline` as a sparkline and a table of months.
pub fn timeline(t: &Timeline, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{}: {} in {}",
        actor(&t.actor),
        plural(t.mentions, "mention"),
        plural(t.documents, "article")
    )?;
    if let (Some(first), Some(last)) = (t.months.first(), t.months.last()) {
        let values: Vec<u64> = t.months.iter().map(|m| m.mentions).collect();
        let peak = t
            .months
            .iter()
            .max_by(|a, b| a.mentions.cmp(&b.mentions).then(b.month.cmp(&a.month)))
            .expect("months");
        writeln!(
            out,
            "{} {} {}   peak {}: {}",
            first.month,
            sparkline(&values),
            last.month,
            peak.month,
            plural(peak.mentions, "mention")
        )?;
        writeln!(out, "\nmonth    mentions  ties  relations")?;
        let quiet = t
            .months
            .iter()
            .filter(|m| m.mentions + m.ties + m.relations == 0)
            .count();
        for m in t
            .months
            .iter()
            .filter(|m| m.mentions + m.ties + m.relations > 0)
        {
            writeln!(
                out,
                "{}  {:>8}  {:>4}  {:>9}",
                m.month, m.mentions, m.ties, m.relations
            )?;
        }
        if quiet > 0 {
            writeln!(
                out,
                "({} without mentions left out; --csv lists every month)",
                plural(quiet as u64, "month")
            )?;
        }
    } else {
        writeln!(out, "no dated articles name it")?;
    }
    if t.undated_mentions > 0 {
        writeln!(
            out,
            "{} in undated articles are on no month",
            plural(t.undated_mentions, "mention")
        )?;
    }
    Ok(())
}

/// `timeline --csv`: `month,mentions,ties,relations`.
pub fn timeline_csv(t: &Timeline, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "month,mentions,ties,relations")?;
    for m in &t.months {
        writeln!(out, "{},{},{},{}", m.month, m.mentions, m.ties, m.relations)?;
    }
    Ok(())
}

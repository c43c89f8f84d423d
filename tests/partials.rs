//! `map` and `merge` write exactly what `build` writes on the union of the articles: for any
//! split of the articles, any order of the partials, a merged state merged again, and
//! articles found in more than one partial. Partials made otherwise, or damaged, are refused
//! with a message naming them, and nothing is written.

mod common;

use common::{ok, repo, run, stderr};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Articles written for these tests, besides the seeds: several months, an undated one, a
/// provisional actor written in two cases by two articles (the description kept must not
/// depend on which is merged first), two different articles sharing an id, and relations.
fn extra_articles() -> Vec<serde_json::Value> {
    let texts = [
        (
            "x1",
            Some("2021-09-03"),
            "De Taliban vielen een post van het Pakistaanse leger aan. Pakistan beschuldigde de Taliban van steun aan de TTP.",
        ),
        (
            "x2",
            Some("2021-10-12"),
            "Taliban spokesman Abdul-Rahman Haqbeen said the Taliban attacked Pakistani posts in Kurram.",
        ),
        (
            "x3",
            Some("2021-10-20"),
            "Taliban spokesman Abdul Rahman Haqbeen said Iran supports the Taliban.",
        ),
        (
            "x4",
            None,
            "Islamabad en Kabul onderhandelen in Doha over de grens. Qatar bemiddelt tussen Pakistan en Afghanistan.",
        ),
        (
            "x5",
            Some("2022-01-05"),
            "The Taliban attacked a Pakistani border post. Pakistan accused the Taliban of sheltering the TTP.",
        ),
        (
            "x5",
            Some("2022-02-05"),
            "ISKP claimed the attack on a mosque in Peshawar. The Taliban condemned ISKP.",
        ),
        (
            "x6",
            Some("2022-02-14"),
            "Iran en Pakistan spraken over de TTP. Iran steunt Pakistan in de strijd tegen ISKP.",
        ),
    ];
    texts
        .iter()
        .map(|(id, date, text)| {
            let mut v = serde_json::json!({"id": id, "text": text});
            if let Some(d) = date {
                v["date"] = (*d).into();
            }
            v
        })
        .collect()
}

fn write_jsonl(path: &Path, lines: &[serde_json::Value]) {
    let text: String = lines.iter().map(|v| format!("{v}\n")).collect();
    std::fs::write(path, text).unwrap();
}

/// Every file under `dir`, by path relative to it.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.insert(path.strip_prefix(dir).unwrap().to_path_buf(), bytes);
            }
        }
    }
    out
}

fn assert_same_files(merged: &Path, built: &Path, what: &str) {
    let (a, b) = (files(merged), files(built));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{what}: the same files"
    );
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{what}: {} differs", path.display());
    }
}

/// Where a partial's zstd stream starts: after its two header lines.
fn stream_start(partial: &[u8]) -> usize {
    let mut lines = partial.iter().enumerate().filter(|&(_, &b)| b == b'\n');
    lines.nth(1).expect("two header lines").0 + 1
}

/// The graph options given to both `build` and `merge` (every text format, period graphs).
const GRAPHS: [&str; 4] = [
    "--by",
    "month",
    "--format",
    "json,dot,gexf,graphml,csv,cyjs,graphology,html",
];

struct Corpus {
    dir: tempfile::TempDir,
}

impl Corpus {
    /// A folder for the articles, partials and outputs of one test.
    fn new() -> Corpus {
        Corpus {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn s(&self, name: &str) -> String {
        self.path(name).to_str().unwrap().to_string()
    }

    /// Every article as JSON Lines values: the seeds (with the ids `build` gives them) and
    /// the extra articles.
    fn articles(&self) -> Vec<serde_json::Value> {
        let mut all = Vec::new();
        let mut seeds: Vec<_> = std::fs::read_dir(repo().join("seeds"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        seeds.sort();
        for path in seeds {
            let text = std::fs::read_to_string(&path).unwrap();
            let id = format!("seeds/{}", path.file_stem().unwrap().to_str().unwrap());
            all.push(serde_json::json!({"id": id, "text": text}));
        }
        all.extend(extra_articles());
        all
    }

    /// Builds `inputs` into `out` with the graph options.
    fn build(&self, inputs: &[String], out: &str) {
        let mut args: Vec<&str> = vec!["build", "--quiet", "--out", out];
        args.extend(inputs.iter().map(String::as_str));
        args.extend(GRAPHS);
        ok(&args);
    }

    fn map(&self, input: &str, part: &str, extra: &[&str]) {
        let mut args = vec!["map", input, "--quiet", "-o", part];
        args.extend_from_slice(extra);
        ok(&args);
    }

    fn merge(&self, parts: &[String], out: &str, extra: &[&str]) -> std::process::Output {
        let mut args: Vec<&str> = vec!["merge", "--quiet", "--out", out];
        args.extend(parts.iter().map(String::as_str));
        args.extend(GRAPHS);
        args.extend_from_slice(extra);
        run(&args)
    }
}

/// A fixed permutation of 0..n from `seed` (a small linear congruential shuffle: the test
/// must not depend on a random crate's stream).
fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut x = seed;
    for i in (1..n).rev() {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        order.swap(i, (x >> 33) as usize % (i + 1));
    }
    order
}

#[test]
fn any_split_and_any_order_of_partials_gives_the_files_of_build() {
    let c = Corpus::new();
    let all = c.articles();
    write_jsonl(&c.path("all.jsonl"), &all);
    c.build(&[c.s("all.jsonl")], &c.s("built"));
    for (pieces, seed) in [(1, 0), (2, 7), (3, 11), (all.len(), 5)] {
        // Articles dealt into `pieces` files in a shuffled order, the partials merged in
        // another.
        let order = shuffled(all.len(), seed);
        let mut parts = Vec::new();
        for p in 0..pieces {
            let lines: Vec<_> = order
                .iter()
                .skip(p)
                .step_by(pieces)
                .map(|&i| all[i].clone())
                .collect();
            let input = format!("piece{pieces}-{p}.jsonl");
            write_jsonl(&c.path(&input), &lines);
            let part = format!("piece{pieces}-{p}.part");
            c.map(&c.s(&input), &c.s(&part), &[]);
            parts.push(c.s(&part));
        }
        let reorder = shuffled(parts.len(), seed + 1);
        let parts: Vec<String> = reorder.iter().map(|&i| parts[i].clone()).collect();
        let out = c.s(&format!("merged{pieces}"));
        let merged = c.merge(&parts, &out, &[]);
        assert!(merged.status.success(), "{}", stderr(&merged));
        assert_same_files(
            Path::new(&out),
            &c.path("built"),
            &format!("{pieces} partials"),
        );
    }
}

#[test]
fn a_partial_does_not_depend_on_the_thread_count() {
    let c = Corpus::new();
    write_jsonl(&c.path("all.jsonl"), &c.articles());
    c.map(&c.s("all.jsonl"), &c.s("one.part"), &["--threads", "1"]);
    c.map(&c.s("all.jsonl"), &c.s("four.part"), &["--threads", "4"]);
    assert!(
        std::fs::read(c.path("one.part")).unwrap() == std::fs::read(c.path("four.part")).unwrap()
    );
}

#[test]
fn a_merged_state_merged_with_new_articles_is_the_build_of_all_and_repeats_count_once() {
    let c = Corpus::new();
    let all = c.articles();
    let (old, new) = all.split_at(all.len() / 2);
    write_jsonl(&c.path("old.jsonl"), old);
    write_jsonl(&c.path("new.jsonl"), new);
    write_jsonl(&c.path("all.jsonl"), &all);
    c.build(&[c.s("all.jsonl")], &c.s("built"));
    c.map(&c.s("old.jsonl"), &c.s("old.part"), &[]);
    c.map(&c.s("new.jsonl"), &c.s("new.part"), &[]);

    // Yesterday: the old articles, kept as the state.
    let out = c.merge(
        &[c.s("old.part")],
        &c.s("day1"),
        &["--state", &c.s("state.part")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // Today: the state and the new articles, the state replaced in place.
    let state = c.s("state.part");
    let out = c.merge(
        &[state.clone(), c.s("new.part")],
        &c.s("day2"),
        &["--state", &state],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_same_files(&c.path("day2"), &c.path("built"), "state + new");

    // The new articles again, and the state alone: nothing counts twice.
    let out = c.merge(&[state.clone(), c.s("new.part")], &c.s("again"), &[]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "articles merged twice are skipped"
    );
    let said = stderr(&out);
    assert!(
        said.contains("new.part: article 1") && said.contains("it counts once"),
        "{said}"
    );
    assert_same_files(&c.path("again"), &c.path("built"), "state + new again");
    let out = c.merge(&[state], &c.s("alone"), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_same_files(&c.path("alone"), &c.path("built"), "the state alone");
}

#[test]
fn articles_sharing_an_id_in_two_partials_are_both_kept_with_a_warning() {
    let c = Corpus::new();
    let extra = extra_articles();
    let x5: Vec<_> = extra.iter().filter(|v| v["id"] == "x5").cloned().collect();
    write_jsonl(&c.path("a.jsonl"), &x5[..1]);
    write_jsonl(&c.path("b.jsonl"), &x5[1..]);
    write_jsonl(&c.path("both.jsonl"), &x5);
    c.build(&[c.s("both.jsonl")], &c.s("built"));
    c.map(&c.s("a.jsonl"), &c.s("a.part"), &[]);
    c.map(&c.s("b.jsonl"), &c.s("b.part"), &[]);
    let out = c.merge(&[c.s("b.part"), c.s("a.part")], &c.s("merged"), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("article id \"x5\" was already used"));
    assert_same_files(&c.path("merged"), &c.path("built"), "same id");
}

#[test]
fn partials_made_otherwise_are_refused_naming_the_file_and_nothing_is_written() {
    let c = Corpus::new();
    write_jsonl(&c.path("a.jsonl"), &extra_articles());
    c.map(&c.s("a.jsonl"), &c.s("sentence.part"), &[]);
    c.map(
        &c.s("a.jsonl"),
        &c.s("paragraph.part"),
        &["--window", "paragraph"],
    );
    let dict = c.path("d.toml");
    std::fs::write(
        &dict,
        "[[entity]]\nid = \"taliban\"\nlabel = \"Taliban\"\nkind = \"group\"\naliases = [\"Taliban\"]\n",
    )
    .unwrap();
    let d = dict.to_str().unwrap();
    c.map(&c.s("a.jsonl"), &c.s("mine.part"), &["--dict", d]);
    let cases: [(&[String], &[&str], &str); 3] = [
        (
            &[c.s("sentence.part"), c.s("paragraph.part")],
            &[],
            "paragraph.part was made with --window paragraph (here: sentence)",
        ),
        (
            &[c.s("mine.part")],
            &[],
            "mine.part was made with other dictionaries",
        ),
        (
            &[c.s("sentence.part")],
            &["--no-discovery"],
            "unexpected argument",
        ),
    ];
    for (parts, extra, says) in cases {
        let out = c.merge(parts, &c.s("out"), extra);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(says), "{says:?} in {}", stderr(&out));
        assert!(!c.path("out").exists(), "nothing written");
    }
    // With the dictionary it was made with, the partial merges.
    let out = c.merge(&[c.s("mine.part")], &c.s("out"), &["--dict", d]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn damaged_partials_are_refused_naming_the_file_and_nothing_is_written() {
    let c = Corpus::new();
    write_jsonl(&c.path("a.jsonl"), &extra_articles());
    c.map(&c.s("a.jsonl"), &c.s("good.part"), &[]);
    let good = std::fs::read(c.path("good.part")).unwrap();
    let body = stream_start(&good);
    let mut flipped = good.clone();
    flipped[body + (good.len() - body) / 2] ^= 0x40;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("cut.part", good[..good.len() - 9].to_vec(), "is damaged"),
        ("flipped.part", flipped, "is damaged"),
        (
            "text.part",
            b"De Taliban vielen aan.\n".to_vec(),
            "is not an actorgraph partial",
        ),
        ("empty.part", Vec::new(), "is not an actorgraph partial"),
        (
            "header.part",
            good[..body - 5].to_vec(),
            "is damaged: its header line is cut short",
        ),
        (
            "future.part",
            [b"actorgraph partial 9\n".as_slice(), &good[21..]].concat(),
            "a partial format this actorgraph does not read",
        ),
    ];
    for (name, bytes, says) in cases {
        std::fs::write(c.path(name), bytes).unwrap();
        let out = c.merge(
            &[c.s("good.part"), c.s(name)],
            &c.s("out"),
            &["--state", &c.s("state.part")],
        );
        assert_eq!(out.status.code(), Some(3), "{name}: {}", stderr(&out));
        let said = stderr(&out);
        assert!(
            said.contains(name) && said.contains(says),
            "{name}: {says:?} in {said}"
        );
        assert!(
            !c.path("out").exists() && !c.path("state.part").exists(),
            "{name}: nothing written"
        );
    }
    let out = c.merge(&[c.s("missing.part")], &c.s("out"), &[]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("missing.part"), "{}", stderr(&out));
}

/// Every byte of a partial damaged in turn, in the file and in the record stream behind a
/// valid header and checksum, and the file cut at every length: each is refused with a
/// message naming it or merged, never a panic (the cargo-fuzz target `partial_reader` does
/// this with any bytes; this keeps its checks in the test run on stable Rust).
#[test]
fn no_damage_to_a_partial_makes_merge_panic() {
    use actorgraph::dictionary::Dictionary;
    use actorgraph::input::Sources;
    use actorgraph::partial::{self, Header, Merge, Reader};
    use actorgraph::{NoObserver, pipeline::Options};

    let c = Corpus::new();
    write_jsonl(&c.path("a.jsonl"), &extra_articles()[..3]);
    let dict = Dictionary::builtin(None).unwrap();
    let options = Options::default();
    let sources = Sources::discover(&[c.path("a.jsonl")]).unwrap();
    let (file, _) =
        partial::map(&sources, &dict, &options.build, Vec::new(), &mut NoObserver).unwrap();
    let merge = |bytes: &[u8]| -> Result<u64, String> {
        let reader = Reader::new("damaged.part", bytes).map_err(|e| e.to_string())?;
        let mut m = Merge::<Vec<u8>>::new(&dict, &options.build, None).unwrap();
        m.add(reader, &mut NoObserver).map_err(|e| e.to_string())?;
        Ok(m.finish().unwrap().1.articles)
    };
    assert_eq!(merge(&file), Ok(3));
    let body = stream_start(&file);
    let stream = zstd::decode_all(&file[body..]).unwrap();
    let wrap = |stream: &[u8]| {
        let mut f = b"actorgraph partial 1\n".to_vec();
        serde_json::to_writer(&mut f, &Header::of(&dict, &options.build)).unwrap();
        f.push(b'\n');
        f.extend(zstd::encode_all(stream, 1).unwrap());
        f
    };
    assert_eq!(merge(&wrap(&stream)), Ok(3));
    let mut refused = 0;
    for (bytes, at) in [(&file, 0), (&stream, 1)] {
        for i in 0..bytes.len() {
            for bit in [0x01, 0x80] {
                let mut damaged = bytes.clone();
                damaged[i] ^= bit;
                let damaged = if at == 0 { damaged } else { wrap(&damaged) };
                if let Err(e) = merge(&damaged) {
                    assert!(e.contains("damaged.part"), "{e}");
                    refused += 1;
                }
            }
        }
    }
    for len in 0..file.len() {
        let e = merge(&file[..len]).unwrap_err();
        assert!(e.contains("damaged.part"), "{e}");
    }
    assert!(refused > file.len(), "most damage is found: {refused}");
}

//! Messy input, interrupted runs and refused outputs, through the real binary: what is skipped is
//! said (file, line, reason, in the summary line and `--report`), the rest is still read, and
//! outputs are never half-written.

mod common;

use common::{lines, link, read_json, run, stderr};
use std::fs;
use std::path::Path;

fn build(input: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "build",
        input.to_str().unwrap(),
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

/// Count of a kind in a report section (`skipped` or `warnings`), 0 when absent.
fn count(report: &serde_json::Value, section: &str, kind: &str) -> u64 {
    report[section]["by_reason"][kind].as_u64().unwrap_or(0)
}

#[test]
fn a_messy_folder_is_read_and_every_skip_is_reported_with_file_line_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("corpus");
    fs::create_dir_all(d.join("sub")).unwrap();
    fs::write(d.join("good.txt"), "De Taliban namen Kabul in.").unwrap();
    fs::write(d.join("empty.txt"), "").unwrap();
    fs::write(
        d.join("header-only.txt"),
        "\u{FEFF} date 2021-08 \n \u{200B}\n",
    )
    .unwrap();
    fs::write(d.join("binary.txt"), b"Kabul\x00\x01\x02\x03").unwrap();
    fs::write(d.join("latin1.txt"), b"Kabul en Herat \xe9\xe9n").unwrap();
    fs::write(d.join("ignored.md"), "Taliban Kabul").unwrap();
    // A byte-order mark, lone-CR line ends, a blank text, an impossible date, a broken line.
    fs::write(
        d.join("feed.jsonl"),
        "\u{FEFF}{\"id\":\"j1\",\"text\":\"Pakistan vecht tegen de TTP.\"}\r\
         {\"id\":\"j2\",\"text\":\" \\u200b \"}\r\
         {\"id\":\"j3\",\"text\":\"Doha en de Taliban.\",\"date\":\"2021-02-30\"}\r\n\
         {\"id\":\"j4\",\"text\":\"afgebroken\n\
         {\"id\":\"j5\",\"text\":\"De VS en Qatar.\"}\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("..", d.join("sub/up")).unwrap();
        std::os::unix::fs::symlink("nowhere.txt", d.join("dangling.txt")).unwrap();
        let fifo = d.join("pipe.txt");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
    }
    let out = dir.path().join("out");
    let report = dir.path().join("report.json");
    let result = build(&d, &out, &["--report", report.to_str().unwrap()]);
    let err = stderr(&result);
    assert_eq!(result.status.code(), Some(1), "{err}");
    let at = |name: &str| d.join(name).display().to_string();
    for expected in [
        format!("skipped: {}: empty article", at("empty.txt")),
        format!("skipped: {}: empty article", at("header-only.txt")),
        format!(
            "skipped: {}: binary file, not text (NUL byte at offset 5)",
            at("binary.txt")
        ),
        format!(
            "skipped: {}: not valid UTF-8 (first bad byte at offset 15)",
            at("latin1.txt")
        ),
        format!("skipped: {}:2: empty article", at("feed.jsonl")),
        format!(
            "warning: {}:3: impossible date \"2021-02-30\"",
            at("feed.jsonl")
        ),
        format!("skipped: {}:4: malformed JSON line", at("feed.jsonl")),
    ] {
        assert!(err.contains(&expected), "missing {expected:?} in\n{err}");
    }
    #[cfg(unix)]
    for expected in [
        format!(
            "skipped: {}: symbolic link loop back to",
            d.join("sub/up").display()
        ),
        format!("skipped: {}: broken symbolic link", at("dangling.txt")),
        format!("skipped: {}: not a regular file", at("pipe.txt")),
    ] {
        assert!(err.contains(&expected), "missing {expected:?} in\n{err}");
    }
    // The rest was read: 4 articles (good.txt, j1, j3, j5), their ties drawn.
    let g = read_json(&out.join("graph.json"));
    assert_eq!(g["graph"]["articles"], 4, "{err}");
    assert!(link(&g, "taliban", "kabul").is_some());
    assert!(link(&g, "pakistan", "ttp").is_some());
    assert!(link(&g, "doha", "taliban").is_some());
    assert!(err.contains("4 articles"), "{err}");
    let skipped = if cfg!(unix) { 9 } else { 6 };
    assert!(
        err.contains(&format!(
            "{skipped} inputs skipped (1 binary, 3 empty, 1 invalid_utf8, 1 malformed_json"
        )),
        "{err}"
    );
    assert!(err.contains("1 warning (1 impossible_date)"), "{err}");

    let r = read_json(&report);
    assert_eq!(r["command"], "build");
    assert_eq!(r["articles"]["used"], 4);
    assert_eq!(r["skipped"]["total"], skipped);
    assert_eq!(count(&r, "skipped", "empty"), 3);
    assert_eq!(count(&r, "skipped", "binary"), 1);
    assert_eq!(count(&r, "skipped", "invalid_utf8"), 1);
    assert_eq!(count(&r, "skipped", "malformed_json"), 1);
    assert_eq!(count(&r, "warnings", "impossible_date"), 1);
    assert_eq!(r["exit_code"], 1);
    let problems = r["problems"].as_array().unwrap();
    assert_eq!(problems.len() as u64, skipped + 1);
    assert!(
        problems
            .iter()
            .any(|p| p["origin"] == format!("{}:4", at("feed.jsonl"))
                && p["kind"] == "malformed_json"
                && p["skipped"] == true)
    );
}

#[test]
fn when_nothing_can_be_read_the_report_says_why_and_no_graph_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("corpus");
    fs::create_dir(&d).unwrap();
    fs::write(d.join("a.txt"), b"\x00\x00binary").unwrap();
    fs::write(d.join("b.txt"), "   \r\n\r\n").unwrap();
    let out = dir.path().join("out");
    let report = dir.path().join("report.json");
    let result = build(&d, &out, &["--report", report.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(3), "{}", stderr(&result));
    assert!(
        stderr(&result).contains("no articles found")
            && stderr(&result).contains("2 inputs were skipped"),
        "{}",
        stderr(&result)
    );
    assert!(!out.join("graph.json").exists());
    let r = read_json(&report);
    assert_eq!(r["exit_code"], 3);
    assert_eq!(count(&r, "skipped", "binary"), 1);
    assert_eq!(count(&r, "skipped", "empty"), 1);
    assert!(r["error"].as_str().unwrap().contains("no articles found"));
}

#[test]
fn line_ends_decomposed_accents_and_invisible_characters_do_not_hide_actors() {
    let dir = tempfile::tempdir().unwrap();
    // NFD: "Saudi-Arabie" + combining diaeresis; a zero-width space inside "Taliban"; Kabul
    // between bidi embedding controls; a right-to-left mark before the next sentence.
    let nfd = "Saudi-Arabie\u{0308} steunt de Tali\u{200B}ban in \u{202B}Kabul\u{202C}. \u{200F}Pakistan zweeg.";
    let crlf = "Eerste alinea over Iran.\r\n\r\nTweede alinea over Qatar en Doha.\r\n";
    let cr = "Eerste alinea over Iran.\rTweede alinea over Qatar en Doha.\r";
    for (name, text) in [("nfd", nfd), ("crlf", crlf), ("cr", cr)] {
        fs::write(dir.path().join(format!("{name}.txt")), text).unwrap();
    }
    let out = run(&["extract", dir.path().to_str().unwrap(), "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = lines(&String::from_utf8(out.stdout).unwrap());
    let mentions: Vec<_> = rows.iter().filter(|r| r.get("entity").is_some()).collect();
    let of = |doc: &str| -> Vec<(String, String, u64, u64)> {
        mentions
            .iter()
            .filter(|m| m["doc"].as_str().unwrap().rsplit('/').next() == Some(doc))
            .map(|m| {
                (
                    m["entity"].as_str().unwrap().to_string(),
                    m["text"].as_str().unwrap().to_string(),
                    m["sentence"].as_u64().unwrap(),
                    m["paragraph"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let s = |x: &str| x.to_string();
    assert_eq!(
        of("nfd"),
        vec![
            (s("saudi-arabia"), s("Saudi-Arabie\u{0308}"), 0, 0),
            (s("taliban"), s("Tali\u{200B}ban"), 0, 0),
            (s("kabul"), s("Kabul"), 0, 0),
            (s("pakistan"), s("Pakistan"), 1, 0),
        ]
    );
    // Offsets index the original text, and cut it on character boundaries.
    for m in &mentions {
        let text = fs::read_to_string(
            dir.path()
                .join(format!("{}.txt", m["doc"].as_str().unwrap())),
        )
        .unwrap();
        let (a, b) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(text.get(a..b), m["text"].as_str(), "{m}");
    }
    for doc in ["crlf", "cr"] {
        assert_eq!(
            of(doc),
            vec![
                (s("iran"), s("Iran"), 0, 0),
                (s("qatar"), s("Qatar"), 1, 1),
                (s("doha"), s("Doha"), 1, 1),
            ],
            "{doc}"
        );
    }
}

/// One article on a single line of about 50 MB: read in bounded sentences, counted exactly.
#[test]
fn a_single_50_mb_line_is_read_in_bounded_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "De Taliban rukten op naar Kabul. Het regende die dag zwaar in de bergen en niemand wist wat er zou gebeuren. ";
    let repeats = 50_000_000 / unit.len();
    let line = unit.repeat(repeats);
    let article = serde_json::json!({ "id": "long", "text": line }).to_string();
    fs::write(dir.path().join("long.jsonl"), &article).unwrap();
    // The same words without a single full stop: no sentence end anywhere.
    let flat = line.replace('.', ",");
    fs::write(dir.path().join("flat.txt"), &flat[..20_000_000]).unwrap();
    let out = dir.path().join("out");
    let result = build(&dir.path().join("long.jsonl"), &out, &["--quiet"]);
    assert!(result.status.success(), "{}", stderr(&result));
    let g = read_json(&out.join("graph.json"));
    assert_eq!(
        link(&g, "taliban", "kabul").unwrap()["count"].as_u64(),
        Some(repeats as u64)
    );

    let result = build(&dir.path().join("flat.txt"), &out, &["--quiet"]);
    assert!(result.status.success(), "{}", stderr(&result));
    let g = read_json(&out.join("graph.json"));
    let edge = link(&g, "taliban", "kabul").unwrap();
    // Cut into pieces of at most 2000 bytes, so each names the pair a few times at most, and
    // every quoted sentence is short.
    assert!(edge["count"].as_u64().unwrap() > 20_000_000 / 2000 / 2);
    for e in edge["evidence"].as_array().unwrap() {
        assert!(e["text"].as_str().unwrap().len() <= 2000, "{e}");
    }
}

#[test]
fn out_inside_an_input_folder_is_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "De Taliban in Kabul.").unwrap();
    for out in [dir.path().join("out"), dir.path().join("deeper/still")] {
        let result = build(dir.path(), &out, &[]);
        assert_eq!(result.status.code(), Some(2), "{}", stderr(&result));
        assert!(
            stderr(&result).contains("is inside the input folder"),
            "{}",
            stderr(&result)
        );
        assert!(!out.exists(), "nothing created");
    }
    // Also through a relative path and a symbolic link to the input folder.
    #[cfg(unix)]
    {
        let link_dir = tempfile::tempdir().unwrap();
        let alias = link_dir.path().join("alias");
        std::os::unix::fs::symlink(dir.path(), &alias).unwrap();
        let result = build(dir.path(), &alias.join("out"), &[]);
        assert_eq!(result.status.code(), Some(2), "{}", stderr(&result));
    }
    let extract = run(&[
        "extract",
        dir.path().to_str().unwrap(),
        "-o",
        dir.path().join("mentions.jsonl").to_str().unwrap(),
    ]);
    assert_eq!(extract.status.code(), Some(2), "{}", stderr(&extract));
    assert!(!dir.path().join("mentions.jsonl").exists());
}

/// Runs `args` in `home` as an unprivileged user when the tests run as root (as in CI), so that
/// file permissions apply. The binary and the dictionaries are copied into `home` first (a
/// world-readable folder), since the checkout may sit where that user cannot look.
#[cfg(unix)]
fn run_unprivileged(home: &Path, args: &[&str]) -> std::process::Output {
    let bin = home.join("actorgraph");
    if !bin.exists() {
        fs::copy(env!("CARGO_BIN_EXE_actorgraph"), &bin).unwrap();
        let copied = std::process::Command::new("cp")
            .arg("-R")
            .arg(common::repo().join("dictionaries"))
            .arg(home.join("dictionaries"))
            .status()
            .unwrap();
        assert!(copied.success());
        std::process::Command::new("chmod")
            .args(["-R", "a+rX"])
            .arg(home.join("dictionaries"))
            .status()
            .unwrap();
    }
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let mut cmd = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        std::process::Command::new(&bin)
    };
    cmd.current_dir(home).args(args).output().expect("runs")
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_skipped_and_the_rest_is_read() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::set_permissions(d, fs::Permissions::from_mode(0o755)).unwrap();
    fs::create_dir(d.join("corpus")).unwrap();
    fs::create_dir(d.join("corpus/locked")).unwrap();
    fs::write(d.join("corpus/locked/a.txt"), "De Taliban in Kabul.").unwrap();
    fs::write(d.join("corpus/secret.txt"), "De Taliban in Kabul.").unwrap();
    fs::write(d.join("corpus/open.txt"), "Pakistan en de TTP.").unwrap();
    fs::create_dir(d.join("out")).unwrap();
    for (path, mode) in [
        ("corpus", 0o755),
        ("corpus/open.txt", 0o644),
        ("corpus/secret.txt", 0o000),
        ("corpus/locked", 0o000),
        ("out", 0o777),
    ] {
        fs::set_permissions(d.join(path), fs::Permissions::from_mode(mode)).unwrap();
    }
    let out = run_unprivileged(
        d,
        &[
            "build",
            d.join("corpus").to_str().unwrap(),
            "--format",
            "json",
            "--out",
            d.join("out").to_str().unwrap(),
        ],
    );
    let err = stderr(&out);
    // Put permissions back so the temporary folder can be removed.
    fs::set_permissions(d.join("corpus/locked"), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "skipped: {}: cannot read folder",
            d.join("corpus/locked").display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "skipped: {}: cannot read",
            d.join("corpus/secret.txt").display()
        )),
        "{err}"
    );
    let g = read_json(&d.join("out/graph.json"));
    assert_eq!(g["graph"]["articles"], 1);
    assert!(link(&g, "pakistan", "ttp").is_some());

    // An output folder nobody may write to fails before the dictionaries are even read.
    fs::set_permissions(d.join("out"), fs::Permissions::from_mode(0o555)).unwrap();
    let out = run_unprivileged(
        d,
        &[
            "build",
            d.join("corpus").to_str().unwrap(),
            "--dict",
            "/no/such/dictionary",
            "--out",
            d.join("out").to_str().unwrap(),
        ],
    );
    fs::set_permissions(d.join("out"), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("is not writable"), "{}", stderr(&out));
}

/// A run killed while it reads leaves the previous outputs as they were, byte for byte.
#[cfg(unix)]
#[test]
fn a_killed_run_leaves_the_previous_outputs_intact() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let first = run(&[
        "build",
        "seeds",
        "--quiet",
        "--format",
        "json,gexf,csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(first.status.success(), "{}", stderr(&first));
    let snapshot = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    fs::read(&p).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let before = snapshot(&out);
    // A large input: the seeds many times over, so the run is still reading when killed.
    let corpus = dir.path().join("big.jsonl");
    let mut text = String::new();
    for entry in fs::read_dir("seeds").unwrap() {
        let body = fs::read_to_string(entry.unwrap().path()).unwrap();
        for i in 0..400 {
            text.push_str(
                &serde_json::json!({"id": format!("a{}-{i}", text.len()), "text": body})
                    .to_string(),
            );
            text.push('\n');
        }
    }
    fs::write(&corpus, text).unwrap();
    for delay_ms in [50, 200] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_actorgraph"))
            .args([
                "build",
                corpus.to_str().unwrap(),
                "--quiet",
                "--format",
                "json,gexf,csv",
                "--out",
                out.to_str().unwrap(),
            ])
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        assert!(
            !finished,
            "the run should still be reading after {delay_ms} ms"
        );
        child.kill().unwrap();
        child.wait().unwrap();
        assert_eq!(snapshot(&out), before, "killed after {delay_ms} ms");
    }
}

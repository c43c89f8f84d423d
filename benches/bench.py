#!/usr/bin/env python3
"""The benchmark behind benches/run.sh: runs every command, prints a table, writes results.md.

Each figure is the best wall time of --runs runs (the machine may be shared; the best run is
the one least disturbed), and the peak resident memory of that command (the largest of the
runs). The commands of one corpus and thread count run in turn, round after round, so their
ratios are not skewed by a slow spell. Throughput counts the bytes of the JSON Lines files and
the articles in them.
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "bench")
BIN = os.path.join(ROOT, "target", "release", "actorgraph")
SCAN = os.path.join(ROOT, "target", "release", "examples", "scan")
PEERS = os.path.join(ROOT, "benches", "peers")


def run_once(cmd):
    """(wall seconds, peak RSS in MB) of one run of `cmd`; exits with its stderr if it fails."""
    with open(os.path.join(WORK, "stderr.txt"), "w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            sys.exit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n{err.read()}")
    return elapsed, usage.ru_maxrss / 1024  # KB on Linux


def measure(cmd, runs):
    """(best wall seconds, largest peak RSS in MB) of `cmd` run `runs` times."""
    return measure_together([cmd], runs)[0]


def measure_together(cmds, runs):
    """[(best wall seconds, largest peak RSS in MB)] of each command, run in turn `runs` times:
    a slow spell on a shared machine then slows every command, not one, and the ratios
    between them hold."""
    best, peak = [float("inf")] * len(cmds), [0.0] * len(cmds)
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            seconds, rss = run_once(cmd)
            best[i], peak[i] = min(best[i], seconds), max(peak[i], rss)
    return list(zip(best, peak))


def corpus(size):
    folder = os.path.join(WORK, f"corpus-{size}")
    stamp = os.path.join(folder, "DONE")
    if not os.path.exists(stamp):
        subprocess.run(
            [sys.executable, os.path.join(ROOT, "benches", "gen_corpus.py"), "--seeds",
             os.path.join(ROOT, "seeds"), "--size", size, "--out", folder],
            check=True,
        )
        open(stamp, "w").close()
    files = sorted(f for f in os.listdir(folder) if f.endswith(".jsonl"))
    nbytes = sum(os.path.getsize(os.path.join(folder, f)) for f in files)
    articles = 0
    for f in files:
        with open(os.path.join(folder, f), "rb") as fh:
            articles += sum(1 for _ in fh)
    return folder, nbytes, articles


def many_actors():
    """The 10,000-actor corpus and its dictionary (benches/gen_actors.py), made once."""
    folder = os.path.join(WORK, "actors-10k")
    stamp = os.path.join(folder, "DONE")
    if not os.path.exists(stamp):
        subprocess.run([sys.executable, os.path.join(ROOT, "benches", "gen_actors.py"), "--actors", "10000",
                        "--articles", "15000", "--out", folder], check=True)
        open(stamp, "w").close()
    corpus_file = os.path.join(folder, "corpus.jsonl")
    with open(corpus_file, "rb") as fh:
        articles = sum(1 for _ in fh)
    return folder, corpus_file, os.path.getsize(corpus_file), articles


def explorer_timings(page):
    """(seconds to open, slowest of three filter changes in seconds, view) of the explorer page in
    headless Chromium (tests/browser/explorer.mjs, which scripts/test.sh installs), or None
    when Node, Chromium or playwright-core is missing. Software WebGL on this machine."""
    script = os.path.join(ROOT, "tests", "browser", "explorer.mjs")
    if not (shutil.which("node") and os.path.exists(os.path.join(ROOT, "tests", "browser", "node_modules",
                                                                  "playwright-core"))):
        print("bench: Node or playwright-core missing: no explorer figures", file=sys.stderr)
        return None
    opened, change, view = [], [], None
    for _ in range(3):
        proc = subprocess.run(["node", script, page, "--min-weight", "3", "--uncheck", "show-relations",
                               "--min-weight", "1"], capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"bench: explorer.mjs failed: {proc.stderr[-2000:]}", file=sys.stderr)
            return None
        report = json.loads(proc.stdout)
        opened.append(report["openSeconds"])
        change.append(max(s["ms"] for s in report["steps"]) / 1000)
        view = report["initial"]["view"]
    # The best of three runs, as for the commands: the run least disturbed by the machine.
    best = (min(opened), min(change), view)
    print(f"explorer page: opens in {best[0]:.1f} s, slowest filter change {best[1]:.2f} s ({view})", flush=True)
    return best


def dictionaries():
    shipped = os.path.join(WORK, "aliases-shipped.tsv")
    with open(shipped, "w") as out:
        subprocess.run([BIN, "dict", "dump"], stdout=out, check=True, cwd=ROOT)
    synthetic = os.path.join(WORK, "dict-100k")
    if not os.path.exists(os.path.join(synthetic, "synthetic.toml")):
        subprocess.run(
            [sys.executable, os.path.join(ROOT, "benches", "gen_dict.py"), "--aliases", "100000",
             "--shipped", shipped, "--out", synthetic],
            check=True,
        )
    large = os.path.join(WORK, "aliases-100k.tsv")
    with open(large, "w") as out:
        subprocess.run([BIN, "dict", "dump", "--dict", "dictionaries", "--dict", synthetic],
                       stdout=out, check=True, cwd=ROOT)
    return shipped, synthetic, large


def machine():
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / (1 << 30)
    return f"{os.cpu_count()} cores, {cpu}, {mem:.0f} GB RAM, {platform.system()} {platform.release()}"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="10M,100M,1G")
    p.add_argument("--peer-size", default="10M", help="corpus the Python peers run on")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--spark-size", default="200M", help="corpus of the Spark job ('' for none)")
    p.add_argument("--graph-size", default="50M",
                   help="corpus the drawings and the 10,000-actor corpus are compared with ('' for none)")
    p.add_argument("--out", default=os.path.join(ROOT, "benches", "results.md"))
    a = p.parse_args()
    os.makedirs(WORK, exist_ok=True)
    out_dir = os.path.join(WORK, "out")
    shipped, synthetic, large = dictionaries()
    rows = []  # (what, size, threads, seconds, MB/s, articles/s, RSS MB)
    notes = {}

    def add(what, size, threads, seconds, nbytes, articles, rss):
        rows.append((what, size, threads, seconds, nbytes / seconds / 1e6, articles / seconds, rss))
        print(f"{what:<34} {size:>5} {threads:>2}t {seconds:8.2f} s {nbytes / seconds / 1e6:8.1f} MB/s "
              f"{articles / seconds:9.0f} art/s {rss:7.0f} MB", flush=True)

    # Dictionary load: `dict dump` loads, checks and compiles, then prints one line per alias.
    for name, args in [("shipped", []), ("100k", ["--dict", "dictionaries", "--dict", synthetic])]:
        seconds, rss = measure([BIN, "dict", "dump", *args], a.runs)
        aliases = sum(1 for _ in open(shipped if name == "shipped" else large)) - 1
        notes[f"load-{name}"] = (seconds, rss, aliases)
        print(f"dictionary load ({name}, {aliases} aliases): {seconds:.3f} s, {rss:.0f} MB", flush=True)

    build = lambda folder, t, extra=(): [BIN, "build", folder, "--out", out_dir, "--format", "json",
                                         "--threads", str(t), "-q", *extra]
    extract = lambda folder, t: [BIN, "extract", folder, "-o", os.devnull, "--threads", str(t), "-q"]
    for size in a.sizes.split(","):
        folder, nbytes, articles = corpus(size)
        runs = a.runs if nbytes < 500e6 else 1
        for t in (1, 2):
            commands = [("scan ceiling (aho-corasick)", [SCAN, shipped, folder, str(t)]),
                        ("build", build(folder, t)),
                        ("build --edges cooccurrence", build(folder, t, ["--edges", "cooccurrence"])),
                        ("extract", extract(folder, t))]
            measured = measure_together([cmd for _, cmd in commands], runs)
            for (what, _), (seconds, rss) in zip(commands, measured):
                add(what, size, t, seconds, nbytes, articles, rss)
    # The 100k-alias dictionary on the middle size.
    big = "100M" if "100M" in a.sizes.split(",") else a.sizes.split(",")[0]
    folder, nbytes, articles = corpus(big)
    for t in (1, 2):
        seconds, rss = measure([SCAN, large, folder, str(t)], a.runs)
        add("scan ceiling, 100k aliases", big, t, seconds, nbytes, articles, rss)
        seconds, rss = measure(build(folder, t, ["--dict", "dictionaries", "--dict", synthetic]), a.runs)
        add("build, 100k aliases", big, t, seconds, nbytes, articles, rss)
    # Partials (issue 20): map + merge against build, and the partials' size.
    folder, nbytes, articles = corpus(big)
    part = os.path.join(WORK, "corpus.part")
    mapped = [BIN, "map", folder, "-o", part, "-q"]
    merged = [BIN, "merge", part, "--out", out_dir, "--format", "json", "-q"]
    for t in (1, 2):
        (b, b_rss), (m, m_rss) = measure_together([build(folder, t), mapped + ["--threads", str(t)]], a.runs)
        g, g_rss = measure(merged, a.runs)
        add("build", big, t, b, nbytes, articles, b_rss)
        add("map", big, t, m, nbytes, articles, m_rss)
        add("merge (one partial)", big, t, g, nbytes, articles, g_rss)
        notes[f"partials-{t}"] = (b, m, g)
    notes["partial-size"] = (os.path.getsize(part), nbytes)
    # Spark on local[2] against build --threads 2, when pyspark is installed.
    if a.spark_size:
        folder, nbytes, articles = corpus(a.spark_size)
        spark = [sys.executable, "-m", "actorgraph.spark", folder, "--out", out_dir, "--master", "local[2]",
                 "--format", "json"]
        try:
            import pyspark  # noqa: F401
        except ImportError:
            print("bench: pyspark is not installed: no Spark figures", file=sys.stderr)
        else:
            (b, b_rss), (sp, sp_rss) = measure_together([build(folder, 2), spark], 1)
            add("build", a.spark_size, 2, b, nbytes, articles, b_rss)
            add("Spark job, local[2]", a.spark_size, 2, sp, nbytes, articles, sp_rss)
            notes["spark"] = (b, sp)
    # Graph size (issue 21): every format against JSON alone, and a corpus naming 10,000
    # actors against a corpus of the same kind of text, on 2 threads.
    if a.graph_size:
        folder, nbytes, articles = corpus(a.graph_size)
        default = [BIN, "build", folder, "--out", out_dir, "--threads", "2", "-q"]
        (j, j_rss), (d, d_rss) = measure_together([build(folder, 2), default], a.runs)
        add("build --format json", a.graph_size, 2, j, nbytes, articles, j_rss)
        add("build, every format", a.graph_size, 2, d, nbytes, articles, d_rss)
        dict_dir, actors_file, a_bytes, a_articles = many_actors()
        many = [BIN, "build", actors_file, "--dict", "dictionaries", "--dict", dict_dir, "--out", out_dir,
                "--threads", "2", "-q"]
        (mj, mj_rss), (md, md_rss) = measure_together([many + ["--format", "json"], many], a.runs)
        add("build --format json, 10k actors", "10k", 2, mj, a_bytes, a_articles, mj_rss)
        add("build, every format, 10k actors", "10k", 2, md, a_bytes, a_articles, md_rss)
        with open(os.path.join(out_dir, "graph.json")) as f:
            info = json.load(f)["graph"]
        notes["graph-size"] = (j, d, mj, md, info["edges"], os.path.getsize(os.path.join(out_dir, "index.html")))
        page = explorer_timings(os.path.join(out_dir, "index.html"))
        if page:
            notes["page"] = page
    # Peers, on the same corpus and alias table, against actorgraph's default (all cores).
    folder, nbytes, articles = corpus(a.peer_size)
    for name, script in [("spaCy PhraseMatcher + networkx", "spacy_pipeline.py"),
                         ("flashtext + networkx", "flashtext_pipeline.py")]:
        cmd = [sys.executable, os.path.join(PEERS, script), shipped, folder, os.path.join(WORK, f"{script}.json")]
        seconds, rss = measure(cmd, 1 if "spacy" in script else a.runs)
        add(name, a.peer_size, 1, seconds, nbytes, articles, rss)

    report(a, rows, notes)


def find(rows, what, size, threads):
    return next((r for r in rows if r[0] == what and r[1] == size and r[2] == threads), None)


def report(a, rows, notes):
    sizes = a.sizes.split(",")
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}. Command: `bash benches/run.sh --sizes {a.sizes}` "
        f"(best of {a.runs} runs; peers on {a.peer_size}).",
        "",
        "| what | corpus | threads | seconds | MB/s | articles/s | peak RSS (MB) |",
        "|---|---|---|---|---|---|---|",
    ]
    for what, size, t, sec, mbs, arts, rss in rows:
        lines.append(f"| {what} | {size} | {t} | {sec:.2f} | {mbs:.1f} | {arts:.0f} | {rss:.0f} |")
    lines += ["", "## Targets", "", "| target | measured | met |", "|---|---|---|"]

    def target(name, value, ok):
        lines.append(f"| {name} | {value} | {'yes' if ok else 'no'} |")

    for size in sizes:
        for t in (1, 2):
            scan, b = find(rows, "scan ceiling (aho-corasick)", size, t), find(rows, "build", size, t)
            c = find(rows, "build --edges cooccurrence", size, t)
            target(f"build >= 50% of scan ceiling ({size}, {t} threads)",
                   f"{b[4] / scan[4]:.0%} (co-occurrence only: {c[4] / scan[4]:.0%})", b[4] / scan[4] >= 0.5)
            # Relations (issue 19): reading them at most doubles the build.
            target(f"build <= 2x build --edges cooccurrence ({size}, {t} threads)",
                   f"{b[3] / c[3]:.2f}x", b[3] / c[3] <= 2.0)
    peer_size = a.peer_size
    for name, need in [("spaCy PhraseMatcher + networkx", 100), ("flashtext + networkx", 20)]:
        peer = find(rows, name, peer_size, 1)
        for t in (1, 2):
            b, c = find(rows, "build", peer_size, t), find(rows, "build --edges cooccurrence", peer_size, t)
            if peer and b:
                target(f">= {need}x {name} ({t} threads)",
                       f"{peer[3] / b[3]:.1f}x (co-occurrence only: {peer[3] / c[3]:.1f}x)", peer[3] / b[3] >= need)
    largest = sizes[-1]
    b = find(rows, "build", largest, 2)
    target(f"peak RSS < 300 MB ({largest})", f"{b[6]:.0f} MB", b[6] < 300)
    if len(sizes) > 1:
        rates = [find(rows, "build", s, 2)[4] for s in sizes]
        spread = max(rates) / min(rates)
        target("cost linear in corpus size (MB/s equal within 25%)",
               " / ".join(f"{r:.1f}" for r in rates) + " MB/s", spread <= 1.25)
    for size in sizes:
        one, two = find(rows, "build", size, 1), find(rows, "build", size, 2)
        target(f">= 1.7x from 1 to 2 threads ({size})", f"{one[3] / two[3]:.2f}x", one[3] / two[3] >= 1.7)
    big = "100M" if "100M" in sizes else sizes[0]
    for t in (1, 2):
        b, m, g = notes[f"partials-{t}"]
        target(f"map + merge <= 1.1x build ({big}, {t} threads)",
               f"{(m + g) / b:.2f}x (map {m:.2f} s + merge {g:.2f} s; build {b:.2f} s)", (m + g) / b <= 1.1)
    size, text = notes["partial-size"]
    target(f"partial small next to the text ({big})", f"{size / 1e6:.1f} MB for {text / 1e6:.0f} MB "
           f"({size / text:.0%})", size / text <= 0.25)
    if "spark" in notes:
        b, sp = notes["spark"]
        target(f"Spark job on local[2] <= 2x build --threads 2 ({a.spark_size})",
               f"{sp / b:.2f}x ({sp:.1f} s against {b:.1f} s)", sp / b <= 2)
    if "graph-size" in notes:
        j, d, mj, md, ties, page = notes["graph-size"]
        target(f"build with every format <= 1.5x build --format json ({a.graph_size})",
               f"{d / j:.2f}x ({d:.2f} s against {j:.2f} s)", d / j <= 1.5)
        target(f"10,000 actors ({ties} ties) build faster than the {a.graph_size} corpus (--format json)",
               f"{mj:.2f} s against {j:.2f} s ({mj / j:.2f}x)", mj < j)
        target(f"10,000 actors, every format, faster than the {a.graph_size} corpus, every format",
               f"{md:.2f} s against {d:.2f} s ({md / d:.2f}x)", md < d)
        target("10,000-actor explorer page < 25 MB", f"{page / 1e6:.1f} MB", page < 25e6)
    if "page" in notes:
        opened, change, view = notes["page"]
        target(f"10,000-actor page opens in < 15 s (headless Chromium, {view})", f"{opened:.1f} s", opened < 15)
        target(f"a filter change answers in < 1 s (10,000 actors, {view})", f"{change:.2f} s", change < 1)
    seconds, rss, aliases = notes["load-100k"]
    target(f"{aliases}-alias dictionary loads in < 1 s", f"{seconds:.2f} s", seconds < 1)
    text = "\n".join(lines) + "\n"
    with open(a.out, "w") as f:
        f.write(text)
    print("\n" + text)


if __name__ == "__main__":
    main()

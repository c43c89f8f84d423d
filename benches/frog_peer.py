#!/usr/bin/env python3
"""actorgraph beside a statistical peer: Debian's `frog` (Dutch NER trained on SoNaR).

    python3 benches/frog_peer.py [ARTICLES] [--gold GOLD] [--bin target/release/actorgraph]

ARTICLES is a folder of annotated articles (`NNN.txt`) and GOLD the folder of their gold files
(`NNN.json`: {"entities": [{"kind", "names": [...], "optional"?}]}, the format of
../shared/devset/gold); the defaults are the dev set's Dutch articles. Both systems are scored
the same way, per article and without types (frog's PER/ORG/LOC/MISC are not actorgraph's five
kinds), plus people alone (frog's PER against actorgraph's person):

- a system entity is a set of surface forms (frog: one per distinct name it tags; actorgraph:
  the forms of one actor id); it is right when one of its forms is a name of a gold entity;
- precision = right entities / entities (those matching only an optional gold entity are left
  out); recall = gold entities matched / gold entities not marked optional.

Prints one table. Installs frog and frogdata with apt when missing (they are GPL and only run
here; nothing of them is shipped). Not part of scripts/test.sh: frog takes minutes.
"""

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEVSET = os.path.join(os.path.dirname(ROOT), "shared", "devset")
FROG_TYPES = {"PER", "ORG", "LOC", "MISC"}


def norm(s):
    s = unicodedata.normalize("NFKD", str(s).replace("\u2019", "'")).casefold()
    s = "".join(c for c in s if not unicodedata.combining(c))
    # frog tokenises "al-Qaida's" as "al-Qaida 's": compare without spaces before marks.
    for mark in ("'", "-", ".", ","):
        s = s.replace(" " + mark, mark).replace(mark + " ", mark)
    return " ".join(s.split())


def ensure_frog():
    if shutil.which("frog") and os.path.isdir("/usr/share/frog"):
        return
    print("frog_peer: installing Debian's frog and frogdata", file=sys.stderr)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "frog", "frogdata"], check=True,
                   stdout=subprocess.DEVNULL)


def frog_entities(path):
    """Distinct names frog tags in one article: (type, surface) pairs."""
    out = subprocess.run(["frog", "--skip=mpacl", "-t", path], capture_output=True, text=True, check=True)
    found, current = set(), None
    for line in out.stdout.splitlines() + [""]:
        cols = line.split("\t")
        tag = cols[7] if len(cols) > 7 else "O"
        if tag.startswith("I-") and current:
            current[1].append(cols[1])
            continue
        if current and current[0] in FROG_TYPES:
            found.add((current[0], " ".join(current[1])))
        current = (tag[2:], [cols[1]]) if tag.startswith("B-") else None
    return found


def actorgraph_entities(binary, paths):
    """Per article: {actor id: (kind, surfaces)}."""
    out = subprocess.run([binary, "extract", "--quiet", *paths], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    docs = collections.defaultdict(dict)
    for line in out.stdout.splitlines():
        m = json.loads(line)
        if "entity" not in m:
            continue
        kind, forms = docs[m["doc"]].setdefault(m["entity"], (m["kind"], set()))
        forms.add(m["text"])
    return docs


def score(system, gold, people_only=False):
    """(right, entities, gold matched, gold) over every article."""
    right = total = matched = wanted = 0
    for doc, gents in gold.items():
        gents = [g for g in gents if not people_only or g["kind"] == "person"]
        names = [{norm(n) for n in g["names"]} for g in gents]
        hit = set()
        for forms in system.get(doc, []):
            forms = {norm(f) for f in forms}
            matches = [i for i, ns in enumerate(names) if forms & ns]
            real = [i for i in matches if not gents[i].get("optional")]
            if matches and not real:
                continue  # only an optional entity: neither right nor wrong
            total += 1
            if real:
                right += 1
                hit.update(real)
        want = [i for i, g in enumerate(gents) if not g.get("optional")]
        wanted += len(want)
        matched += len(hit & set(want))
    return right, total, matched, wanted


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("articles", nargs="?", default=os.path.join(DEVSET, "nl"))
    p.add_argument("--gold", default=None, help="gold folder [default: ../gold/<name of ARTICLES>]")
    p.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "actorgraph"))
    a = p.parse_args()
    gold_dir = a.gold or os.path.join(os.path.dirname(os.path.abspath(a.articles)), "gold",
                                      os.path.basename(os.path.normpath(a.articles)))
    gold = {}
    for f in sorted(os.listdir(gold_dir)):
        txt = os.path.join(a.articles, f[:-5] + ".txt")
        if f.endswith(".json") and os.path.exists(txt):
            gold[f[:-5]] = json.load(open(os.path.join(gold_dir, f), encoding="utf-8"))["entities"]
    if not gold:
        sys.exit(f"frog_peer: no gold files in {gold_dir} with articles in {a.articles}")
    ensure_frog()
    paths = [os.path.join(a.articles, k + ".txt") for k in gold]

    ag = actorgraph_entities(a.bin, paths)
    ag_all = {d: [forms for _, forms in ents.values()] for d, ents in ag.items()}
    ag_people = {d: [forms for kind, forms in ents.values() if kind == "person"] for d, ents in ag.items()}
    frog_all, frog_people = {}, {}
    for k, path in zip(gold, paths):
        ents = frog_entities(path)
        frog_all[k] = [{s} for _, s in ents]
        frog_people[k] = [{s} for t, s in ents if t == "PER"]

    def row(name, system, people):
        r, t, m, w = score(system, gold, people)
        p = r / t if t else 0.0
        rec = m / w if w else 0.0
        return f"| {name} | {p:.3f} ({r}/{t}) | {rec:.3f} ({m}/{w}) |"

    print(f"{len(gold)} articles in {a.articles}\n")
    print("| system | precision | recall |\n| --- | --- | --- |")
    print(row("frog, all names (PER, ORG, LOC, MISC)", frog_all, False))
    print(row("actorgraph, all actors", ag_all, False))
    print(row("frog, people (PER)", frog_people, True))
    print(row("actorgraph, people", ag_people, True))


if __name__ == "__main__":
    main()

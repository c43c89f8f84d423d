#!/usr/bin/env python3
"""Deterministic benchmark corpus: JSON Lines articles assembled from the seeds' real sentences.

    gen_corpus.py --seeds seeds --size 100M --out DIR

Every sentence of the seed articles goes into one pool. Each generated article takes the
length of a seed article (chosen at random, +/- 20%), a title and paragraphs of one to four
sentences drawn uniformly from the pool, and a date between 2015 and 2025. Drawing uniformly keeps
the seeds' mix of sentences that name actors and sentences that name none, so mentions per
megabyte stay those of real news on these conflicts. Files of at most 64 MB are written as
DIR/part-NNNN.jsonl. The same arguments always give byte-identical files.
"""

import argparse
import json
import os
import random
import re
import sys

SENTENCE_END = re.compile(r"(?<=[.!?\u2026])\s+(?=[A-Z0-9\"'\u201c\u2018(])")
PART_BYTES = 64 << 20


def size_arg(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper()
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def read_seeds(folder):
    sentences, lengths = [], []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            text = f.read()
        lengths.append(len(text.encode("utf-8")))
        for line in text.splitlines():
            line = line.strip()
            if line.lower().startswith("date:"):
                continue
            sentences.extend(s for s in SENTENCE_END.split(line) if len(s) > 1)
    if not sentences:
        sys.exit(f"gen_corpus: no sentences in {folder}")
    return sentences, lengths


def article(rng, n, sentences, lengths):
    target = int(rng.choice(lengths) * rng.uniform(0.8, 1.2))
    title = rng.choice(sentences).rstrip(".")
    paragraphs, size = [], 0
    while size < target:
        para = " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 4)))
        paragraphs.append(para)
        size += len(para.encode("utf-8")) + 1
    year, month, day = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
    return {
        "id": f"bench-{n:08d}",
        "date": f"{year:04d}-{month:02d}-{day:02d}",
        "title": title,
        "text": title + "\n" + "\n".join(paragraphs),
    }


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seeds", default="seeds")
    p.add_argument("--size", type=size_arg, required=True, help="bytes, or with K, M or G")
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=20261121)
    a = p.parse_args()
    sentences, lengths = read_seeds(a.seeds)
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    for old in os.listdir(a.out):
        if old.startswith("part-") and old.endswith(".jsonl"):
            os.remove(os.path.join(a.out, old))
    written, part, n = 0, 0, 0
    out, part_bytes = None, PART_BYTES
    while written < a.size:
        if part_bytes >= PART_BYTES:
            if out:
                out.close()
            part += 1
            out = open(os.path.join(a.out, f"part-{part:04d}.jsonl"), "wb")
            part_bytes = 0
        line = (json.dumps(article(rng, n, sentences, lengths), ensure_ascii=False) + "\n").encode()
        out.write(line)
        written += len(line)
        part_bytes += len(line)
        n += 1
    out.close()
    print(f"{a.out}: {n} articles, {written} bytes in {part} files")


if __name__ == "__main__":
    main()

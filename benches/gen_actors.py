#!/usr/bin/env python3
"""Deterministic many-actor corpus and its dictionary, for the graph-size benchmark.

    gen_actors.py --actors 10000 --articles 15000 --out DIR

A year of news names thousands of actors; the seeds name a few hundred. This writes
DIR/actors.toml (ACTORS synthetic people, places, groups and organisations with names built
from Pashto, Dari, Urdu and Arabic name parts, as benches/gen_dict.py builds them, one alias
each) and DIR/corpus.jsonl (ARTICLES Dutch articles, 2015 to 2025). The actors fall into
communities of about 50; an article follows one community, naming its members with a
heavy-tailed (Zipf) preference and now and then an actor of another community, in template
sentences that name one to four actors, some with a relation cue ("X viel Y aan"). So the
co-occurrence graph has the shape of news: a few hubs, many actors seen once or twice, clear
communities and bridges between them. Load the dictionary next to the shipped one:
`actorgraph build DIR/corpus.jsonl --dict dictionaries --dict DIR`. The same arguments always
give byte-identical files.
"""

import argparse
import bisect
import json
import os
import random

# The name parts of the 100k-alias benchmark dictionary.
from gen_dict import FAMILY, GIVEN, GROUP, ORG, PLACE, TAIL

# Sentences naming one to four actors ({0} to {3}); some carry a relation cue.
ONE = [
    "{0} heeft de berichten in een verklaring ontkend.",
    "Volgens lokale bronnen was {0} die week niet bereikbaar.",
    "De rol van {0} blijft onduidelijk, zeggen waarnemers.",
]
TWO = [
    "{0} viel {1} aan.",
    "{0} sprak met {1} over een staakt-het-vuren.",
    "{0} beschuldigt {1} van het geweld.",
    "Vertegenwoordigers van {0} en {1} kwamen dinsdag bijeen.",
    "{0} zegt steun te krijgen van {1}.",
    "Bij de gevechten tussen {0} en {1} vielen doden.",
]
THREE = [
    "{0} en {1} ontmoetten elkaar in {2}.",
    "Volgens {0} hebben {1} en {2} een akkoord gesloten.",
    "In {2} kwamen {0} en {1} tegenover elkaar te staan.",
]
FOUR = [
    "Aan het overleg in {3} namen {0}, {1} en {2} deel.",
    "{0}, {1}, {2} en {3} worden in het rapport genoemd.",
]
FILLER = [
    "De situatie in de regio is gespannen.",
    "Waarnemers verwachten de komende weken meer onrust.",
    "Het is niet duidelijk hoeveel mensen zijn omgekomen.",
    "De gesprekken worden volgende maand voortgezet.",
]


def person(rng):
    g = rng.sample(GIVEN, 2)
    return "person", f"{g[0].title()} {g[1].title()} {rng.choice(FAMILY).title()}"


def place(rng):
    a, b, t = rng.choice(PLACE), rng.choice(PLACE), rng.choice(TAIL)
    return "place", f"{a.title()}{b}{t}"


def group(rng):
    return "group", f"{rng.choice(GROUP)}{rng.choice(GIVEN).title()}{rng.choice(TAIL)}"


def org(rng):
    return "organization", f"{rng.choice(ORG)} {rng.choice(FAMILY).title()}{rng.choice(TAIL)}"


def actors(rng, n):
    makers = [person] * 10 + [place] * 4 + [group] * 3 + [org] * 3
    seen, out = set(), []
    while len(out) < n:
        kind, name = rng.choice(makers)(rng)
        if name.lower() in seen:
            continue
        seen.add(name.lower())
        out.append((kind, name))
    return out


def zipf_table(n, s=0.7):
    acc, table = 0.0, []
    for i in range(n):
        acc += 1.0 / (i + 1) ** s
        table.append(acc)
    return table


def pick(rng, members, table):
    return members[bisect.bisect_left(table, rng.random() * table[-1])]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--actors", type=int, default=10_000)
    p.add_argument("--articles", type=int, default=15_000)
    p.add_argument("--community", type=int, default=50, help="actors per community")
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    rng = random.Random(a.seed)
    people = actors(rng, a.actors)
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "actors.toml"), "w", encoding="utf-8") as f:
        f.write("# Synthetic many-actor dictionary (benches/gen_actors.py); not for real use.\n")
        for i, (kind, name) in enumerate(people):
            f.write(f'\n[[entity]]\nid = "act-{i + 1:05d}"\nkind = "{kind}"\nlabel = "{name}"\naliases = ["{name}"]\n')
    names = [name for _, name in people]
    communities = [names[i : i + a.community] for i in range(0, len(names), a.community)]
    tables = [zipf_table(len(c)) for c in communities]
    # Communities themselves are followed with a heavy tail: some stories run all year.
    story = zipf_table(len(communities), 0.8)
    with open(os.path.join(a.out, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for n in range(a.articles):
            c = bisect.bisect_left(story, rng.random() * story[-1])
            members, table = communities[c], tables[c]

            def actor():
                if rng.random() < 0.08:
                    other = rng.randrange(len(communities))
                    return pick(rng, communities[other], tables[other])
                return pick(rng, members, table)

            sentences = []
            for _ in range(rng.randint(6, 12)):
                r = rng.random()
                if r < 0.15:
                    sentences.append(rng.choice(FILLER))
                    continue
                shape = ONE if r < 0.25 else TWO if r < 0.6 else THREE if r < 0.85 else FOUR
                chosen = []
                while len(chosen) < shape[0].count("{"):
                    x = actor()
                    if x not in chosen:
                        chosen.append(x)
                sentences.append(rng.choice(shape).format(*chosen))
            year = 2015 + n * 11 // a.articles
            month = 1 + rng.randrange(12)
            article = {
                "id": f"syn-{n + 1:06d}",
                "date": f"{year}-{month:02d}-{1 + rng.randrange(28):02d}",
                "title": f"Bericht {n + 1}",
                "text": " ".join(sentences),
            }
            f.write(json.dumps(article, ensure_ascii=False) + "\n")
    print(f"{a.out}: {len(people)} actors in {len(communities)} communities, {a.articles} articles")


if __name__ == "__main__":
    main()

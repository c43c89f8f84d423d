"""map and merge from Python: partials of parts of a corpus merge into build's graphs, bytes
and files in any order, the command's partials and the package's are one format, and bad
partials raise the command's messages."""

import json
import pathlib
import subprocess

import pytest
from networkx.utils import graphs_equal

import actorgraph

REPO = pathlib.Path(__file__).resolve().parents[2]
BIN = max(
    (REPO / "target/debug/actorgraph", REPO / "target/release/actorgraph"),
    key=lambda p: p.stat().st_mtime if p.exists() else 0,
)

# Articles written for these tests: two months, relations, and a provisional actor.
ARTICLES = [
    {"id": "p1", "date": "2022-01-05",
     "text": "The Taliban attacked a Pakistani border post. Pakistan accused the Taliban of sheltering the TTP."},
    {"id": "p2", "date": "2022-02-14",
     "text": "Iran en Pakistan spraken over de TTP. Iran steunt Pakistan in de strijd tegen ISKP."},
    {"id": "p3", "date": "2022-02-20",
     "text": "Taliban spokesman Abdul Rahman Haqbeen said Iran supports the Taliban."},
]


@pytest.fixture(autouse=True)
def in_repo(monkeypatch):
    monkeypatch.chdir(REPO)


def test_partials_in_any_order_merge_into_the_build_of_all(tmp_path):
    everything = ["seeds", *ARTICLES]
    built = actorgraph.build(everything, by="month")
    seeds = actorgraph.map("seeds")
    extra = actorgraph.map(ARTICLES[:2])
    last = tmp_path / "last.part"
    assert actorgraph.map(ARTICLES[2:], last) is None
    for order in ([seeds, extra, last], [last, extra, seeds]):
        merged = actorgraph.merge(order, by="month")
        assert graphs_equal(merged.graph, built.graph)
        assert graphs_equal(merged.relations, built.relations)
        assert merged.periods == built.periods
        formats = ["json", "gexf", "csv", "html"]
        assert merged.files(formats) == built.files(formats)
    assert merged.summary["articles"] == built.summary["articles"] == 8


def test_the_commands_partials_and_the_packages_are_one_format(tmp_path):
    part = tmp_path / "seeds.part"
    subprocess.run([BIN, "map", "seeds", "--quiet", "-o", part], check=True, cwd=REPO)
    assert part.read_bytes() == actorgraph.map("seeds")
    extra = tmp_path / "extra.part"
    extra.write_bytes(actorgraph.map(ARTICLES))
    out = tmp_path / "out"
    subprocess.run([BIN, "merge", part, extra, "--quiet", "--out", out, "--format", "json"],
                   check=True, cwd=REPO)
    mine = actorgraph.merge([part, extra]).files(["json"])
    assert mine["graph.json"] == (out / "graph.json").read_bytes()
    assert mine["relations.json"] == (out / "relations.json").read_bytes()


def test_a_state_stands_for_its_articles_and_repeats_count_once(tmp_path):
    state = tmp_path / "state.part"
    actorgraph.merge([actorgraph.map("seeds")], state=state)
    new = actorgraph.map(ARTICLES)
    today = actorgraph.merge([state, new], state=state)
    again = actorgraph.merge([state, new])
    built = actorgraph.build(["seeds", *ARTICLES])
    for merged in (today, again):
        assert graphs_equal(merged.graph, built.graph)
        assert graphs_equal(merged.relations, built.relations)
    assert again.summary["skipped"] == len(ARTICLES)
    assert {i["why"] for i in again.issues} == {"duplicate_article"}


def test_bad_partials_raise_the_commands_messages(tmp_path):
    good = actorgraph.map(ARTICLES)
    paragraph = actorgraph.map(ARTICLES, window="paragraph")
    with pytest.raises(ValueError, match=r"<partial 2> was made with --window paragraph \(here: sentence\)"):
        actorgraph.merge([good, paragraph])
    with pytest.raises(ValueError, match=r"<partial 1> is not an actorgraph partial"):
        actorgraph.merge([b"De Taliban vielen aan.\n"])
    with pytest.raises(ValueError, match=r"<partial 2> is damaged: it is cut short"):
        actorgraph.merge([good, good[:-12]])
    with pytest.raises(ValueError, match="was made with other dictionaries"):
        actorgraph.merge([good], dictionaries=actorgraph.dictionaries(lang=["en"]))
    with pytest.raises(OSError, match="missing.part"):
        actorgraph.merge([tmp_path / "missing.part"])
    with pytest.raises(TypeError, match="a partial is a path or bytes"):
        actorgraph.merge([42])
    with pytest.raises(ValueError, match="no articles found"):
        actorgraph.map([{"id": "empty", "text": ""}])
    # Nothing is left behind by a merge that failed.
    state = tmp_path / "state.part"
    with pytest.raises(ValueError):
        actorgraph.merge([good, good[:-12]], state=state)
    assert not state.exists()

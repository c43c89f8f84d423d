"""The Python package against the command: same graphs, same files, the command's messages."""

import json
import os
import pathlib
import subprocess

import networkx as nx
import pytest
from networkx.utils import graphs_equal

import actorgraph

REPO = pathlib.Path(__file__).resolve().parents[2]
# The command as cargo last built it: for its own tests (debug) or for the README (release).
BIN = max(
    (REPO / "target/debug/actorgraph", REPO / "target/release/actorgraph"),
    key=lambda p: p.stat().st_mtime if p.exists() else 0,
)


@pytest.fixture(autouse=True)
def in_repo(monkeypatch):
    # Article ids are paths as named: read the seeds as "seeds", like the README's command.
    monkeypatch.chdir(REPO)


def load(path):
    return nx.node_link_graph(json.loads(pathlib.Path(path).read_text()), edges="links")


def test_build_gives_the_graphs_of_the_committed_output():
    result = actorgraph.build("seeds", by="month")
    assert isinstance(result.graph, nx.Graph) and not result.graph.is_directed()
    assert isinstance(result.relations, nx.MultiDiGraph)
    # Node for node, edge for edge, attribute for attribute.
    assert graphs_equal(result.graph, load(REPO / "output/graph.json"))
    assert graphs_equal(result.relations, load(REPO / "output/relations.json"))
    assert result.summary["articles"] == 5
    assert result.periods == ["2019-09", "2021-07", "2021-08"]
    cooc, rel = result.period("2021-08")
    assert graphs_equal(cooc, load(REPO / "output/by-month/2021-08/graph.json"))
    assert graphs_equal(rel, load(REPO / "output/by-month/2021-08/relations.json"))


def test_files_and_write_are_the_commands_bytes(tmp_path):
    result = actorgraph.build(["seeds"], by="month")
    files = result.files(["json", "csv", "gexf"])
    for name in ["graph.json", "relations.gexf", "edges.csv", "by-month/2021-08/graph.json"]:
        assert files[name] == (REPO / "output" / name).read_bytes(), name
    written = result.write(tmp_path / "out", formats=["json"])
    assert sorted(os.path.basename(p) for p in written if "by-month" not in p) == [
        "graph.json",
        "relations.json",
    ]
    assert (tmp_path / "out/graph.json").read_bytes() == (REPO / "output/graph.json").read_bytes()


def test_articles_as_dicts():
    articles = [
        {"id": "a1", "text": "De Taliban namen Kabul in. Pakistan zweeg.", "date": "2021-08-15"},
        {"id": "a2", "text": "The Taliban attacked Kandahar.", "date": "2021-07"},
    ]
    result = actorgraph.build(articles)
    g = result.graph
    assert g.has_edge("taliban", "kabul")
    assert g.edges["taliban", "kabul"]["evidence"][0]["doc"] == "a1"
    assert ("taliban", "kandahar") in result.relations.edges()
    # An iterable works as a list does, and the same articles give the same graph.
    again = actorgraph.build(iter(articles))
    assert graphs_equal(again.relations, result.relations)


def test_articles_as_a_dataframe_would_give_them():
    # df.to_dict("records"): NaN for a missing title, dates as timestamps, numbers as ids.
    import datetime

    rows = [
        {"id": 7, "text": "De Taliban namen Kabul in.", "title": float("nan"),
         "date": datetime.datetime(2021, 8, 15, 9, 30)},
        {"id": "8", "text": "Pakistan en Iran.", "title": "Buren", "date": datetime.date(2021, 7, 1)},
    ]
    result = actorgraph.build(rows, by="month")
    assert result.summary == {"articles": 2, "out_of_range": 0, "skipped": 0, "warnings": 0,
                              "mentions": 4}
    assert result.periods == ["2021-07", "2021-08"]
    assert result.graph.edges["taliban", "kabul"]["evidence"][0]["doc"] == "7"


def test_a_generator_of_many_articles_and_paths_in_one_iterable():
    def corpus():
        for i in range(3000):
            yield {"id": f"g{i}", "text": "Pakistan sprak met Iran over de TTP.", "date": "2022-01"}
            if i == 1500:
                yield "seeds"

    result = actorgraph.build(corpus())
    assert result.summary["articles"] == 3005
    assert result.graph.edges["pakistan", "iran"]["documents"] >= 3000
    assert result.issues == []


def test_an_article_without_text_is_listed_and_the_rest_read():
    result = actorgraph.build([{"id": "x"}, {"id": "y", "text": "Pakistan en Iran."}])
    assert result.summary["articles"] == 1
    assert result.summary["skipped"] == 1
    [issue] = result.issues
    assert issue["skipped"] and issue["origin"] == "<articles>:1"
    with pytest.raises(ValueError, match="no articles"):
        actorgraph.build([{"id": "x"}])
    # An impossible date is a warning: the article is kept without it.
    kept = actorgraph.build([{"id": "z", "text": "Pakistan en Iran.", "date": "2021-02-30"}])
    assert kept.summary["articles"] == 1
    assert kept.issues[0]["why"] == "impossible_date" and not kept.issues[0]["skipped"]


def test_extract_gives_mentions_with_offsets_and_relations():
    text = "De Pakistaanse luchtmacht bombardeerde Kabul."
    found = actorgraph.extract(text)
    assert [m["entity"] for m in found["mentions"]] == ["pakistan", "kabul"]
    for m in found["mentions"]:
        assert text[m["start"]:m["end"]] == m["text"]
    [r] = found["relations"]
    assert (r["source"], r["relation"], r["target"]) == ("pakistan", "attack", "kabul")
    assert r["cue"] == "bombardeerde" and 0 < r["confidence"] <= 1


def test_the_commands_messages_as_exceptions(tmp_path):
    with pytest.raises(ValueError, match="nosuch"):
        actorgraph.build("seeds", dictionaries="nosuch")
    with pytest.raises(OSError, match="no such file or folder"):
        actorgraph.build(str(tmp_path / "missing"))
    with pytest.raises(ValueError, match="window"):
        actorgraph.build("seeds", window="chapter")
    with pytest.raises(ValueError, match="min_confidence"):
        actorgraph.build("seeds", min_confidence=2)
    with pytest.raises(ValueError, match="unknown format"):
        actorgraph.build("seeds").files(["docx"])
    with pytest.raises(TypeError):
        actorgraph.extract(b"bytes")
    with pytest.raises(ValueError, match="inside the input folder"):
        actorgraph.build("seeds").write("seeds/out")
    assert not (REPO / "seeds/out").exists()
    bad = tmp_path / "bad.toml"
    bad.write_text('[[entity]]\nid = "x"\nkind = "planet"\nlabel = "X"\naliases = ["X"]\n')
    with pytest.raises(ValueError, match=r"bad\.toml:\d+"):
        actorgraph.dictionaries(str(bad))


def test_the_built_in_dictionaries_outside_the_repository(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    d = actorgraph.dictionaries()
    assert d.source == "built-in" and d.entities > 10000
    assert "taliban" in {m["entity"] for m in actorgraph.extract("De Taliban.")["mentions"]}


@pytest.mark.skipif(not BIN.exists(), reason="the command is built by cargo test")
def test_extract_equals_the_commands_output(tmp_path):
    text = "Pakistan beschuldigt de Taliban van steun aan de TTP.\n"
    (tmp_path / "t.jsonl").write_text(json.dumps({"id": "t", "text": text}) + "\n")
    out = subprocess.run(
        [str(BIN), "extract", str(tmp_path / "t.jsonl"), "-q"], capture_output=True, text=True, check=True
    ).stdout
    lines = [json.loads(line) for line in out.splitlines()]
    found = actorgraph.extract(text, id="t")
    assert found["mentions"] + found["relations"] == lines

"""The Spark job writes the bytes `actorgraph build` writes on the same articles, whatever the
partitioning: run as `python -m actorgraph.spark` on files and as a function on a DataFrame,
with pyspark on local[2]."""

import datetime
import json
import pathlib
import subprocess
import sys

import pytest
from networkx.utils import graphs_equal

import actorgraph

pyspark = pytest.importorskip("pyspark", reason="scripts/test.sh installs pyspark")
from actorgraph import spark as ags  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]
BIN = max(
    (REPO / "target/debug/actorgraph", REPO / "target/release/actorgraph"),
    key=lambda p: p.stat().st_mtime if p.exists() else 0,
)
FORMATS = "json,dot,gexf,graphml,csv,cyjs,graphology,html"

# Articles written for these tests, as JSON Lines: several months, relations, a provisional
# actor written two ways, two articles sharing an id, and the same article twice.
LINES = [
    {"id": "s1", "date": "2022-01-05",
     "text": "The Taliban attacked a Pakistani border post. Pakistan accused the Taliban of sheltering the TTP."},
    {"id": "s2", "date": "2022-02-14",
     "text": "Iran en Pakistan spraken over de TTP. Iran steunt Pakistan in de strijd tegen ISKP."},
    {"id": "s3", "date": "2022-02-20",
     "text": "Taliban spokesman Abdul-Rahman Haqbeen said the Taliban attacked Pakistani posts in Kurram."},
    {"id": "s4", "date": "2022-03-01",
     "text": "Taliban spokesman Abdul Rahman Haqbeen said Iran supports the Taliban."},
    {"id": "s4", "date": "2022-03-02", "text": "Qatar bemiddelt tussen Pakistan en Afghanistan in Doha."},
    {"id": "s1", "date": "2022-01-05",
     "text": "The Taliban attacked a Pakistani border post. Pakistan accused the Taliban of sheltering the TTP."},
]


@pytest.fixture(scope="module")
def spark():
    session = (
        pyspark.sql.SparkSession.builder.master("local[2]")
        .appName("actorgraph-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def files(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def corpus(tmp_path, monkeypatch):
    """The seeds (as a folder) and the test lines (as a .jsonl file), and what build writes."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    for f in (REPO / "seeds").glob("*.txt"):
        (tmp_path / "seeds" / f.name).write_bytes(f.read_bytes())
    (tmp_path / "more.jsonl").write_text("".join(json.dumps(l) + "\n" for l in LINES))
    done = subprocess.run([BIN, "build", "seeds", "more.jsonl", "--quiet", "--out", "built", "--by", "month",
                           "--format", FORMATS], capture_output=True)
    assert done.returncode == 1, done.stderr  # the repeated article is skipped
    return tmp_path


@pytest.mark.parametrize("partitions,executors_read", [(1, True), (3, True), (2, False)])
def test_the_spark_job_on_files_writes_the_bytes_of_build(spark, corpus, partitions, executors_read,
                                                          monkeypatch):
    # Pieces of 100 bytes: the test's JSON Lines file is cut into several, mid-line.
    monkeypatch.setattr(ags, "PIECE", 100)
    result = ags.build(spark, ["seeds", "more.jsonl"], "spark", partitions=partitions, by="month",
                       executors_read=executors_read, formats=FORMATS.split(","))
    assert result.summary["articles"] == 5 + 5
    assert files(corpus / "spark") == files(corpus / "built")


def test_the_spark_command_writes_the_bytes_of_build(corpus):
    subprocess.run([sys.executable, "-m", "actorgraph.spark", "seeds", "more.jsonl", "--out", "cmd",
                    "--master", "local[2]", "--partitions", "2", "--by", "month", "--format", FORMATS],
                   check=True, capture_output=True)
    assert files(corpus / "cmd") == files(corpus / "built")


def test_a_dataframe_of_articles_gives_the_graphs_of_build(spark):
    rows = [dict(l, date=datetime.date.fromisoformat(l["date"])) for l in LINES]
    df = spark.createDataFrame(rows, "id string, date date, text string")
    for partitions in (1, 4):
        result = ags.build(spark, df, partitions=partitions)
        built = actorgraph.build(LINES)
        assert graphs_equal(result.graph, built.graph)
        assert graphs_equal(result.relations, built.relations)
        assert result.files(["json", "csv"]) == built.files(["json", "csv"])


def test_a_frame_without_text_is_refused(spark):
    df = spark.createDataFrame([("a", "b")], "id string, body string")
    with pytest.raises(ValueError, match="articles need the columns id and text"):
        ags.build(spark, df)

"""actorgraph on Spark: the graphs of a corpus too large for one machine.

Each partition of the articles is mapped to a partial by the Python package on the executors
(``mapInArrow``); the partials stream to the driver, which merges them into exactly the files
``actorgraph build`` writes on the same articles (merging does not depend on the order or the
partitioning). As a function::

    from actorgraph import spark as ags
    result = ags.build(session, df, "graphs/", by="month")   # df: id, text, date?, ...
    result.graph                                             # a networkx.Graph

and as a command, reading ``.txt`` and ``.jsonl`` files and folders as ``actorgraph build``
does (with ``spark-submit`` on a cluster)::

    python -m actorgraph.spark articles/ --out graphs/ --master local[2]

The executors need the package (``pip install ./python`` there, or a venv shipped with
``--archives``), and the dictionaries: the built-in set (the default), or files at the same
path on every executor (``--files``, a shared file system).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import urllib.parse
from typing import Any, Dict, Iterator, List, Optional, Sequence, Union

import actorgraph
from actorgraph import _actorgraph

#: The schema of the mapped partitions: one partial per partition.
PARTIAL_SCHEMA = "partial binary"

#: The options that decide what an article contributes (a partial records them).
READING = ("window", "evidence", "min_confidence", "date_from", "date_to", "edges")
#: The options of the graphs made of the merged partials.
GRAPHS = (
    "by",
    "weight",
    "min_weight",
    "min_documents",
    "top",
    "kinds",
    "exclude_subtypes",
    "backbone",
    "max_nodes",
)


#: The columns of a frame of files (:func:`read_files`).
FILE_COLUMNS = ("kind", "id", "data", "path", "start", "end")
FILE_SCHEMA = "kind string, id string, data binary, path string, start long, end long"
#: JSON Lines files are mapped in pieces of this many bytes.
PIECE = 16 << 20


def read_files(spark: Any, inputs: Sequence[str], executors_read: Optional[bool] = None) -> Any:
    """The articles of ``inputs`` (``.txt`` and ``.jsonl`` files, folders searched
    recursively for both) as ``actorgraph build`` reads them, as a DataFrame of
    :data:`FILE_COLUMNS`: a ``kind``, the ``id`` of a text file (its path as named, without
    ``.txt``), and either ``data`` (a JSON Lines line's or a text file's bytes, undecoded: the
    package reads them as the command does, bad UTF-8 and all) or where to read them.

    Local paths are read by the executors themselves (``kind`` "txt_file", or "jsonl_piece"
    for a piece of a JSON Lines file from byte ``start`` to ``end``): Spark reading the text
    and handing it to Python costs more than mapping it. That needs every executor to see the
    paths (local mode, a shared file system); ``executors_read=False``, and any path with a
    scheme (``hdfs://``, ``s3a://``), is read by Spark's own readers instead (``kind`` "line"
    and "txt")."""
    local = ["://" not in g and not g.startswith("file:") for g in inputs]
    if executors_read is None:
        executors_read = all(local)
    if executors_read and not all(local):
        raise ValueError("executors can read only local paths; these have a scheme: "
                         + ", ".join(g for g, l in zip(inputs, local) if not l))
    if executors_read:
        return _pieces(spark, inputs)
    return _spark_read(spark, inputs)


def _pieces(spark: Any, inputs: Sequence[str]) -> Any:
    rows = []
    # The files build would read, found as build finds them.
    for kind, path, id in _actorgraph.article_files(list(inputs)):
        full = os.path.abspath(path)
        if kind == "jsonl":
            size = os.path.getsize(full)
            for start in range(0, size, PIECE):
                rows.append(("jsonl_piece", None, None, full, start, min(start + PIECE, size)))
        else:
            rows.append(("txt_file", id, None, full, None, None))
    if not rows:
        raise ValueError(f"no articles found in {', '.join(inputs)} (expected .txt or .jsonl files)")
    slices = min(len(rows), 4 * spark.sparkContext.defaultParallelism)
    return spark.createDataFrame(spark.sparkContext.parallelize(rows, slices), FILE_SCHEMA)


def _read_piece(path: str, start: int, end: int) -> List[bytes]:
    """The lines of a JSON Lines file that start at a byte from ``start`` up to ``end``."""
    out = []
    with open(path, "rb") as f:
        if start > 0:
            f.seek(start - 1)
            f.readline()  # the rest of the line the piece before holds
        while f.tell() < end:
            line = f.readline()
            if not line:
                break
            out.append(line)
    return out


def _spark_read(spark: Any, inputs: Sequence[str]) -> Any:
    from pyspark.sql import functions as F

    nothing = [F.lit(None).cast(t).alias(c) for c, t in (("path", "string"), ("start", "long"), ("end", "long"))]
    frames = []
    for given in inputs:
        local = "://" not in given and not given.startswith("file:")
        # Spark resolves a relative path against the JVM's folder, not this process's.
        base = os.path.abspath(given) if local else given.rstrip("/")
        is_dir = os.path.isdir(given) if local else not given.endswith((".txt", ".jsonl"))
        if local and not os.path.exists(given):
            raise FileNotFoundError(f"{given}: no such file or folder")
        folder = {"recursiveFileLookup": "true"} if is_dir else {}
        if is_dir or given.endswith(".jsonl"):
            lines = spark.read.options(**folder)
            if is_dir:
                lines = lines.option("pathGlobFilter", "*.jsonl")
            lines = lines.text(base)
            frames.append(
                lines.select(
                    F.lit("line").alias("kind"),
                    F.lit(None).cast("string").alias("id"),
                    F.col("value").cast("binary").alias("data"),
                    *nothing,
                )
            )
        if is_dir or not given.endswith(".jsonl"):
            files = spark.read.format("binaryFile").options(**folder)
            if is_dir:
                files = files.option("pathGlobFilter", "*.txt")
            files = files.load(base)
            ids = _text_ids(given, base)
            frames.append(
                files.select(
                    F.lit("txt").alias("kind"),
                    ids(F.col("path")).alias("id"),
                    F.col("content").alias("data"),
                    *nothing,
                )
            )
    if not frames:
        raise ValueError("no inputs given")
    out = frames[0]
    for f in frames[1:]:
        out = out.unionByName(f)
    return out


def _text_ids(given: str, base: str) -> Any:
    """A column function: the id ``actorgraph build`` gives a ``.txt`` file found under the
    input ``given`` (resolved to ``base``), from the path Spark reports."""
    from pyspark.sql import functions as F

    # Spark reports paths as URIs (file:/..., hdfs://host/...): compare their path parts.
    root = urllib.parse.urlparse(base).path.rstrip("/")

    @F.udf("string")
    def text_id(path: str) -> str:
        full = urllib.parse.unquote(urllib.parse.urlparse(path).path)
        if full == root:
            return _actorgraph.text_id(given)
        if full.startswith(root + "/"):
            return _actorgraph.text_id(f"{given.rstrip('/')}/{full[len(root) + 1:]}")
        return _actorgraph.text_id(full)

    return text_id


def _dictionaries(spec: Dict[str, Any]) -> actorgraph.Dictionaries:
    return actorgraph.dictionaries(spec["paths"], spec["lang"], spec["discovery"])


def _map_partition(batches: Iterator[Any], spec: Dict[str, Any], files: bool) -> Iterator[Any]:
    """One partition's articles to one partial (on an executor)."""
    import pyarrow as pa

    lines: List[bytes] = []  # articles given as rows, as JSON Lines
    pieces: List[bytes] = []  # pieces of JSON Lines files and lines, each read as a file is
    texts: List[tuple] = []
    for batch in batches:
        if files:
            for kind, id, data, path, start, end in zip(*(batch.column(c).to_pylist() for c in FILE_COLUMNS)):
                if kind == "txt":
                    texts.append((id, data))
                elif kind == "txt_file":
                    with open(path, "rb") as f:
                        texts.append((id, f.read()))
                elif kind == "jsonl_piece":
                    pieces.append(b"".join(_read_piece(path, start, end)))
                else:
                    # A line Spark read, on its own: a bad line (a NUL byte, say) does not
                    # take the lines after it along, as it would in one stream.
                    pieces.append(data + b"\n")
        else:
            for i, row in enumerate(batch.to_pylist()):
                lines.append(actorgraph._article_line(i, row).encode("utf-8"))
    opts = spec["reading"]
    partial, _, _ = _actorgraph.map(
        _dictionaries(spec),
        [],
        None,
        pieces + ([b"\n".join(lines) + b"\n"] if lines else []),
        texts,
        None,
        window=opts["window"],
        evidence=opts["evidence"],
        min_confidence=opts["min_confidence"],
        date_from=opts["date_from"],
        date_to=opts["date_to"],
        threads=spec.get("threads", 1),
        cooccurrence="cooccurrence" in opts["edges"],
        relations="relations" in opts["edges"],
        allow_empty=True,
    )
    yield pa.RecordBatch.from_pydict({"partial": [partial]}, schema=pa.schema([("partial", pa.binary())]))


def partials(articles: Any, spec: Dict[str, Any]) -> Any:
    """A DataFrame of one partial per partition of ``articles`` (a frame of
    :func:`read_files`, or of ``id``, ``text`` and optional ``date``, ``title``, ``url``)."""
    files = set(articles.columns) == set(FILE_COLUMNS)
    if not files and not {"id", "text"} <= set(articles.columns):
        raise ValueError(
            f"articles need the columns id and text (and date, title, url if any); got {articles.columns}"
        )

    def mapper(batches: Iterator[Any]) -> Iterator[Any]:
        return _map_partition(batches, spec, files)

    return articles.mapInArrow(mapper, PARTIAL_SCHEMA)


def build(
    spark: Any,
    articles: Union[Any, Sequence[str]],
    out: Optional[Union[str, "os.PathLike[str]"]] = None,
    *,
    dictionaries: Union[None, str, Sequence[str]] = None,
    lang: Optional[Sequence[str]] = None,
    discovery: bool = True,
    partitions: Optional[int] = None,
    executors_read: Optional[bool] = None,
    state: Optional[Union[str, "os.PathLike[str]"]] = None,
    formats: Optional[Sequence[str]] = None,
    window: str = "sentence",
    evidence: int = 3,
    min_confidence: float = 0.5,
    date_from: Optional[str] = None,
    date_to: Optional[str] = None,
    edges: Sequence[str] = ("cooccurrence", "relations"),
    **graphs: Any,
) -> actorgraph.Result:
    """The graphs ``actorgraph build`` makes of ``articles``, computed on Spark.

    ``articles`` is a DataFrame of ``id``, ``text`` and optional ``date``, ``title``,
    ``url`` columns, or a list of paths read with :func:`read_files` (``executors_read`` is
    its option). ``partitions`` repartitions it first (the result does not change).
    ``dictionaries`` are paths every executor can read (None: the built-in set), with
    ``lang`` and ``discovery`` as in
    :func:`actorgraph.dictionaries`. The options are :func:`actorgraph.build`'s; ``state``
    also writes the merged partial; with ``out``, the files of ``formats`` (default: those
    the command writes) are written there. Returns the :class:`actorgraph.Result`.
    """
    unknown = set(graphs) - set(GRAPHS)
    if unknown:
        raise TypeError(f"unknown options {sorted(unknown)}")
    if isinstance(dictionaries, (str, os.PathLike)):
        dictionaries = [os.fspath(dictionaries)]
    spec = {
        # A task maps on as many threads as it has cores (spark.task.cpus).
        "threads": int(spark.sparkContext.getConf().get("spark.task.cpus", "1")),
        "paths": None if dictionaries is None else [os.fspath(p) for p in dictionaries],
        "lang": None if lang is None else list(lang),
        "discovery": discovery,
        "reading": {
            "window": window,
            "evidence": evidence,
            "min_confidence": min_confidence,
            "date_from": date_from,
            "date_to": date_to,
            "edges": list(edges),
        },
    }
    # The options are checked on the driver before any task runs.
    actorgraph._edges(edges, "relations")
    dicts = _dictionaries(spec)
    if isinstance(articles, (list, tuple)):
        articles = read_files(spark, [os.fspath(p) for p in articles], executors_read)
    if partitions:
        articles = articles.repartition(partitions)
    from pyspark import StorageLevel

    # Every partition is mapped at once (persisted on the executors, spilling to disk), then
    # the partials stream to the driver one at a time and wait on its disk (about a tenth of
    # the text), not in its memory. (toLocalIterator alone would map one partition at a time.)
    mapped = partials(articles, spec).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        mapped.count()
        with tempfile.TemporaryDirectory(prefix="actorgraph-partials-") as spool:
            paths = []
            for i, row in enumerate(mapped.toLocalIterator()):
                path = os.path.join(spool, f"{i:06d}.part")
                with open(path, "wb") as f:
                    f.write(row.partial)
                paths.append(path)
            if not paths:
                raise ValueError("no articles found: the input is empty")
            result = actorgraph.merge(paths, dictionaries=dicts, state=state, **graphs)
    finally:
        mapped.unpersist()
    if out is not None:
        result.write(out, default_formats() if formats is None else formats)
    return result


def default_formats() -> List[str]:
    """The formats ``actorgraph build`` writes when none is named: all but png, svg only when
    Graphviz is installed."""
    formats = [f for f in actorgraph.FORMATS if f not in ("svg", "png")]
    return formats + (["svg"] if shutil.which("dot") else [])


def _arguments(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m actorgraph.spark",
        description="Build the graphs of articles on Spark: the files `actorgraph build` writes.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt/.jsonl files and folders")
    p.add_argument("--out", default="output", help="folder for the outputs [output]")
    p.add_argument("--master", help="Spark master (default: spark-submit's, else local[*])")
    p.add_argument("--partitions", type=int, help="repartition the articles into N first")
    p.add_argument("--spark-reads", action="store_true",
                   help="read local files with Spark's readers, not on the executors themselves")
    p.add_argument("--state", help="also write the merged partial here")
    p.add_argument("--dict", action="append", dest="dicts", metavar="PATH",
                   help="dictionary file or folder, readable on every executor [built-in]")
    p.add_argument("--lang", help="language layers of the dictionaries, comma-separated")
    p.add_argument("--no-discovery", action="store_true")
    p.add_argument("--format", help="formats, comma-separated [those of actorgraph build]")
    p.add_argument("--window", default="sentence")
    p.add_argument("--evidence", type=int, default=3)
    p.add_argument("--min-confidence", type=float, default=0.5)
    p.add_argument("--from", dest="date_from")
    p.add_argument("--to", dest="date_to")
    p.add_argument("--edges", default="cooccurrence,relations")
    p.add_argument("--by")
    p.add_argument("--weight", default="count")
    p.add_argument("--min-weight", type=float)
    p.add_argument("--min-documents", type=int, default=0)
    p.add_argument("--top", type=int)
    p.add_argument("--kinds")
    p.add_argument("--exclude-subtype")
    p.add_argument("--backbone", type=float)
    p.add_argument("--max-nodes", type=int, default=200)
    return p.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _arguments(argv)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("actorgraph")
    if args.master:
        builder = builder.master(args.master)
    # Input splits of at most 16 MB: tasks small enough to keep every core busy to the end
    # (Spark's 128 MB leaves a core idle while the last large split is mapped).
    builder = builder.config("spark.sql.files.maxPartitionBytes", str(16 << 20))
    if not sys.stderr.isatty():
        builder = builder.config("spark.ui.showConsoleProgress", "false")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    split = lambda s: None if s is None else [x for x in s.split(",") if x]  # noqa: E731
    try:
        result = build(
            spark,
            args.inputs,
            args.out,
            dictionaries=args.dicts,
            lang=split(args.lang),
            discovery=not args.no_discovery,
            partitions=args.partitions,
            executors_read=False if args.spark_reads else None,
            state=args.state,
            formats=split(args.format),
            window=args.window,
            evidence=args.evidence,
            min_confidence=args.min_confidence,
            date_from=args.date_from,
            date_to=args.date_to,
            edges=split(args.edges),
            by=args.by,
            weight=args.weight,
            min_weight=args.min_weight,
            min_documents=args.min_documents,
            top=args.top,
            kinds=split(args.kinds),
            exclude_subtypes=split(args.exclude_subtype),
            backbone=args.backbone,
            max_nodes=args.max_nodes,
        )
    except (ValueError, OSError, TypeError) as e:
        print(f"actorgraph: error: {e}", file=sys.stderr)
        return 3
    finally:
        spark.stop()
    s = result.summary
    print(
        f"actorgraph: {s['articles']} articles, {s['mentions']} mentions, "
        f"{result.graph.number_of_nodes()} actors, {result.graph.number_of_edges()} ties, "
        f"{result.relations.number_of_edges()} relations; wrote {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

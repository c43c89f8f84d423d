"""actorgraph: the actors of news articles and the ties between them, as networkx graphs.

The same Rust pipeline as the ``actorgraph`` command: :func:`build` gives what ``actorgraph
build`` writes (``.graph`` equals loading its ``graph.json`` with networkx, ``.relations`` its
``relations.json``), :func:`extract` what ``actorgraph extract`` prints for one text, and
:func:`map` and :func:`merge` what ``actorgraph map`` and ``merge`` do: partials of parts of a
corpus, merged into the graphs of all of it (``actorgraph.spark`` runs them on Spark).

Bad input raises the command's messages: ``ValueError`` for a bad dictionary, option or
article, ``OSError`` for a file that cannot be read or written.
"""

from __future__ import annotations

import datetime
import json
import os
import tempfile
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

import networkx as nx

from ._actorgraph import Built as _Built
from ._actorgraph import Dictionaries
from ._actorgraph import __version__
from ._actorgraph import build as _build
from ._actorgraph import extract as _extract
from ._actorgraph import map as _map
from ._actorgraph import merge as _merge

__all__ = [
    "Dictionaries",
    "Result",
    "build",
    "extract",
    "map",
    "merge",
    "dictionaries",
    "FORMATS",
    "__version__",
]

PathLike = Union[str, "os.PathLike[str]"]

#: Every format ``Result.write`` and ``Result.files`` take; svg and png need Graphviz.
FORMATS = ["json", "dot", "gexf", "graphml", "csv", "cyjs", "graphology", "html", "svg", "png"]

_cache: Dict[Any, Dictionaries] = {}


def dictionaries(
    paths: Union[None, PathLike, Sequence[PathLike]] = None,
    lang: Optional[Sequence[str]] = None,
    discovery: bool = True,
) -> Dictionaries:
    """Compiled dictionaries: ``paths`` (a file or folder of ``*.toml``, or a list of them), or,
    when None, ``./dictionaries`` if there is one, else the built-in set. ``lang`` keeps only
    those language layers (``["nl"]``); ``discovery=False`` finds only the listed actors.

    Loading takes a fraction of a second; the result is cached per arguments (a folder is
    read again if you pass a fresh :class:`Dictionaries` yourself).
    """
    if paths is not None and (isinstance(paths, (str, os.PathLike))):
        paths = [paths]
    key = (
        None if paths is None else tuple(os.fspath(p) for p in paths),
        None if lang is None else tuple(lang),
        discovery,
        os.getcwd() if paths is None else None,
    )
    if key not in _cache:
        _cache[key] = Dictionaries.load(
            None if paths is None else [os.fspath(p) for p in paths],
            None if lang is None else list(lang),
            discovery,
        )
    return _cache[key]


def _resolve(dicts: Union[None, PathLike, Sequence[PathLike], Dictionaries]) -> Dictionaries:
    return dicts if isinstance(dicts, Dictionaries) else dictionaries(dicts)


def extract(
    text: str,
    *,
    dictionaries: Union[None, PathLike, Sequence[PathLike], Dictionaries] = None,
    id: str = "text",
    date: Optional[str] = None,
) -> Dict[str, List[Dict[str, Any]]]:
    """The actors ``text`` names and the relations read from it.

    Returns ``{"mentions": [...], "relations": [...]}``, each item the dict ``actorgraph
    extract`` prints as a JSON line: a mention has ``entity``, ``label``, ``kind``, ``start``,
    ``end`` (offsets in ``text``), ``text``, ``sentence`` and ``paragraph``; a relation has
    ``relation``, ``source``, ``target``, ``cue``, ``confidence`` and the sentence it is in.
    Every relation read is listed, whatever its confidence (``build`` keeps those at or above
    ``min_confidence``).
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    lines = _extract(text, _resolve(dictionaries), id, date)
    out: Dict[str, List[Dict[str, Any]]] = {"mentions": [], "relations": []}
    for line in lines.splitlines():
        item = json.loads(line)
        out["relations" if "relation" in item else "mentions"].append(item)
    return out


def _graph(text: str) -> nx.Graph:
    return nx.node_link_graph(json.loads(text), edges="links")


class Result:
    """What :func:`build` made: the graphs, the per-period graphs, and what reading found."""

    def __init__(self, built: _Built):
        self._built = built
        self._graph: Optional[nx.Graph] = None
        self._relations: Optional[nx.MultiDiGraph] = None

    @property
    def graph(self) -> nx.Graph:
        """The co-occurrence graph: equal to ``networkx.node_link_graph`` of ``graph.json``."""
        if self._graph is None:
            self._graph = _graph(self._built.graph_json())
        return self._graph

    @property
    def relations(self) -> nx.MultiDiGraph:
        """The relation graph (typed, directed, several relations per pair): equal to
        ``networkx.node_link_graph`` of ``relations.json``."""
        if self._relations is None:
            self._relations = _graph(self._built.relations_json())
        return self._relations

    @property
    def periods(self) -> List[str]:
        """The periods of a build with ``by`` ("2021-08", ...), in order."""
        return self._built.periods()

    def period(self, name: str) -> "tuple[nx.Graph, nx.MultiDiGraph]":
        """A period's co-occurrence and relation graphs."""
        return (
            _graph(self._built.period_json(name, False)),
            _graph(self._built.period_json(name, True)),
        )

    @property
    def summary(self) -> Dict[str, int]:
        """Counts of what was read: articles, out_of_range, skipped, warnings, mentions."""
        return self._built.summary()

    @property
    def issues(self) -> List[Dict[str, Any]]:
        """Input skipped (``skipped=True``) or kept with a warning, with the command's
        messages: ``origin`` (path or ``path:line``), ``why`` and ``reason``."""
        return [
            {"skipped": s, "origin": o, "why": w, "reason": r}
            for (s, o, w, r) in self._built.issues()
        ]

    def files(self, formats: Iterable[str] = ("json",)) -> Dict[str, bytes]:
        """The files ``actorgraph build`` writes in ``formats``, by path under its output
        folder, without writing them."""
        return dict(self._built.files(list(formats)))

    def write(self, dir: PathLike, formats: Iterable[str] = ("json",)) -> List[str]:
        """Writes the files ``actorgraph build`` writes in ``formats`` into ``dir`` (all or
        none), and returns their paths."""
        return self._built.write(os.fspath(dir), list(formats))

    def __repr__(self) -> str:
        s = self.summary
        return (
            f"<actorgraph.Result: {s['articles']} articles, {self.graph.number_of_nodes()} actors, "
            f"{self.graph.number_of_edges()} ties, {self.relations.number_of_edges()} relations>"
        )


def _missing(v: Any) -> bool:
    """A missing value as pandas writes it: None, NaN or NaT."""
    if v is None:
        return True
    if isinstance(v, float):
        return v != v
    return type(v).__name__ == "NaTType"


def _plain(o: Any) -> Any:
    """JSON for what json cannot write itself: dates and timestamps as ISO text, numpy
    scalars as Python numbers."""
    if isinstance(o, (datetime.date, datetime.datetime)) or hasattr(o, "isoformat"):
        return o.isoformat()
    if hasattr(o, "item"):
        return o.item()
    raise TypeError(f"{type(o).__name__} is not a value an article field can hold")


def _article_line(i: int, a: Mapping[str, Any]) -> str:
    if not isinstance(a, Mapping):
        raise TypeError(f"article {i}: expected a dict with id and text, not {type(a).__name__}")
    # A row of a pandas DataFrame (df.to_dict("records")) holds NaN for a missing title.
    a = {k: v for k, v in a.items() if not _missing(v)}
    try:
        return json.dumps(a, ensure_ascii=False, default=_plain, allow_nan=False)
    except (TypeError, ValueError) as e:
        raise TypeError(f"article {i}: {e}") from None


Articles = Union[PathLike, Iterable[Union[PathLike, Mapping[str, Any]]]]


def _edges(edges: Sequence[str], which: str) -> bool:
    unknown = set(edges) - {"cooccurrence", "relations"}
    if unknown:
        raise ValueError(f"unknown edges {sorted(unknown)} (expected cooccurrence, relations)")
    return which in edges


class _Spool:
    """The paths among ``articles``, and the dict articles spooled to a JSON Lines file as
    they come (None when there are none), so an iterable larger than memory (a generator
    over a year of news) is read as a stream. The file is removed on exit."""

    def __init__(self, articles: Articles):
        self.articles = [articles] if isinstance(articles, (str, os.PathLike)) else articles
        self.dir: Optional[tempfile.TemporaryDirectory] = None

    def __enter__(self) -> "tuple[List[str], Optional[str]]":
        self.dir = tempfile.TemporaryDirectory(prefix="actorgraph-")
        paths: List[str] = []
        jsonl = os.path.join(self.dir.name, "articles.jsonl")
        spooled = 0
        with open(jsonl, "w", encoding="utf-8") as out:
            for i, a in enumerate(self.articles):
                if isinstance(a, (str, os.PathLike)):
                    paths.append(os.fspath(a))
                else:
                    out.write(_article_line(i, a) + "\n")
                    spooled += 1
        return paths, (jsonl if spooled else None)

    def __exit__(self, *exc: Any) -> None:
        assert self.dir is not None
        self.dir.cleanup()


def build(
    articles: Articles,
    *,
    dictionaries: Union[None, PathLike, Sequence[PathLike], Dictionaries] = None,
    window: str = "sentence",
    evidence: int = 3,
    min_confidence: float = 0.5,
    by: Optional[str] = None,
    date_from: Optional[str] = None,
    date_to: Optional[str] = None,
    threads: int = 0,
    edges: Sequence[str] = ("cooccurrence", "relations"),
    weight: str = "count",
    min_weight: Optional[float] = None,
    min_documents: int = 0,
    top: Optional[int] = None,
    kinds: Optional[Sequence[str]] = None,
    exclude_subtypes: Optional[Sequence[str]] = None,
    backbone: Optional[float] = None,
    max_nodes: int = 200,
) -> Result:
    """Builds the co-occurrence and relation graphs of ``articles``, as ``actorgraph build``.

    ``articles`` is a path (a ``.txt`` or ``.jsonl`` file or a folder, as the command's INPUT),
    or an iterable of paths and of dicts ``{"id", "text", "date"?, "title"?, "url"?}`` (read as
    JSON Lines are: an article without text is skipped and listed in ``Result.issues``). The
    options are the command's, with the same defaults: ``window`` ("sentence", "paragraph",
    "document"), ``evidence`` sentences per edge, ``min_confidence`` of relations (0 to 1),
    ``by`` ("month" or "year") for per-period graphs, ``date_from``/``date_to`` (YYYY-MM or
    YYYY-MM-DD), ``edges``, ``weight`` ("count", "documents", "pmi", "npmi", "jaccard",
    "dice"), the filters ``min_weight``, ``min_documents``, ``top``, ``kinds``,
    ``exclude_subtypes``, ``backbone``, and ``max_nodes`` drawn.
    """
    dicts = _resolve(dictionaries)
    with _Spool(articles) as (paths, jsonl):
        built = _build(
            dicts,
            paths,
            jsonl,
            window=window,
            evidence=evidence,
            min_confidence=min_confidence,
            by=by,
            date_from=date_from,
            date_to=date_to,
            threads=threads,
            cooccurrence=_edges(edges, "cooccurrence"),
            relations=_edges(edges, "relations"),
            weight=weight,
            min_weight=min_weight,
            min_documents=min_documents,
            top=top,
            kinds=None if kinds is None else list(kinds),
            exclude_subtypes=None if exclude_subtypes is None else list(exclude_subtypes),
            backbone=backbone,
            max_nodes=max_nodes,
        )
    return Result(built)


def map(
    articles: Articles,
    out: Optional[PathLike] = None,
    *,
    dictionaries: Union[None, PathLike, Sequence[PathLike], Dictionaries] = None,
    window: str = "sentence",
    evidence: int = 3,
    min_confidence: float = 0.5,
    date_from: Optional[str] = None,
    date_to: Optional[str] = None,
    threads: int = 0,
    edges: Sequence[str] = ("cooccurrence", "relations"),
) -> Optional[bytes]:
    """The partial of ``articles``, as ``actorgraph map`` writes it: what they add to the
    graphs, to :func:`merge` with other partials later (on another machine or day).

    ``articles`` are taken as by :func:`build`, and the options are those of :func:`build`
    that decide what an article contributes (a partial records them; ``by``, weights and
    filters are chosen when merging). Writes the partial to ``out`` (all or nothing) and
    returns None, or, without ``out``, returns its bytes. Raises ``ValueError`` when no
    article could be used.
    """
    dicts = _resolve(dictionaries)
    with _Spool(articles) as (paths, jsonl):
        data, _, _ = _map(
            dicts,
            paths,
            jsonl,
            None,
            None,
            None if out is None else os.fspath(out),
            window=window,
            evidence=evidence,
            min_confidence=min_confidence,
            date_from=date_from,
            date_to=date_to,
            threads=threads,
            cooccurrence=_edges(edges, "cooccurrence"),
            relations=_edges(edges, "relations"),
        )
    return data


def merge(
    partials: Iterable[Union[PathLike, bytes]],
    *,
    dictionaries: Union[None, PathLike, Sequence[PathLike], Dictionaries] = None,
    state: Optional[PathLike] = None,
    by: Optional[str] = None,
    weight: str = "count",
    min_weight: Optional[float] = None,
    min_documents: int = 0,
    top: Optional[int] = None,
    kinds: Optional[Sequence[str]] = None,
    exclude_subtypes: Optional[Sequence[str]] = None,
    backbone: Optional[float] = None,
    max_nodes: int = 200,
) -> Result:
    """Merges partials (paths, or bytes from :func:`map`, in any order) into the
    :class:`Result` :func:`build` gives for all their articles, each article counted once.

    The reading options are those the partials were made with; ``dictionaries`` must be the
    ones they were made with (a partial made otherwise raises ``ValueError`` naming it, a
    damaged one too). With ``state``, the merged partial is also written there: merged with
    new partials later, it stands for all these articles. The graph options are
    :func:`build`'s.
    """
    items: List[Union[str, bytes]] = []
    for p in partials:
        if isinstance(p, (bytes, bytearray, memoryview)):
            items.append(bytes(p))
        elif isinstance(p, (str, os.PathLike)):
            items.append(os.fspath(p))
        else:
            raise TypeError(f"a partial is a path or bytes, not {type(p).__name__}")
    built = _merge(
        _resolve(dictionaries),
        items,
        None if state is None else os.fspath(state),
        by=by,
        weight=weight,
        min_weight=min_weight,
        min_documents=min_documents,
        top=top,
        kinds=None if kinds is None else list(kinds),
        exclude_subtypes=None if exclude_subtypes is None else list(exclude_subtypes),
        backbone=backbone,
        max_nodes=max_nodes,
    )
    return Result(built)

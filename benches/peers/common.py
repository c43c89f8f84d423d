"""What both peer pipelines share: the alias table, the articles and the graph they write.

Each peer reads the same JSON Lines corpus and the same alias table (`actorgraph dict dump`),
counts for every pair of actors the sentences naming both (actorgraph's default sentence
window), builds a networkx graph with `weight` = that count, and writes it as node-link JSON,
as a user replacing actorgraph with a short script would.
"""

import itertools
import json
import os

import networkx as nx


def aliases(path):
    """(alias, entity id) rows of a `dict dump` TSV; case-sensitive forms are kept as written."""
    with open(path, encoding="utf-8") as f:
        next(f)
        return [tuple(line.rstrip("\n").split("\t")[:2]) for line in f if line.strip()]


def articles(folder):
    """The text of every article in the .jsonl files of a folder, in file order."""
    for name in sorted(os.listdir(folder)):
        if name.endswith(".jsonl"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        yield json.loads(line)["text"]


def add_sentence(graph, entities):
    """Counts one sentence for every pair of the distinct entities it names."""
    for a, b in itertools.combinations(sorted(set(entities)), 2):
        if graph.has_edge(a, b):
            graph[a][b]["weight"] += 1
        else:
            graph.add_edge(a, b, weight=1)


def write(graph, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(nx.node_link_data(graph, edges="links"), f)
    print(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")

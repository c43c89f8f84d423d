"""Loads every graph format actorgraph writes with networkx (or the csv module) and checks
that each holds the same nodes, edges and weights as graph.json / relations.json.

Usage: python3 check_formats.py OUTPUT_DIR
Prints one line per file checked: "<file> <nodes> <edges>"; exits non-zero on a mismatch.
"""
import csv
import json
import os
import sys

import networkx as nx

out = sys.argv[1]


def load(name):
    with open(os.path.join(out, name), encoding="utf-8") as f:
        return json.load(f)


def reference(name, directed):
    data = load(name)
    nodes = {n["id"]: n for n in data["nodes"]}
    edges = {}
    for l in data["links"]:
        key = (l["source"], l["target"], l.get("key")) if directed else (
            tuple(sorted((l["source"], l["target"]))) + (None,))
        edges[key] = l
    return nodes, edges


def edge_keys(g, directed, key_attr):
    keys = {}
    if g.is_multigraph():
        items = g.edges(keys=True, data=True)
        for a, b, _k, d in items:
            rel = d.get(key_attr) if key_attr else None
            key = (a, b, rel) if directed else tuple(sorted((a, b))) + (None,)
            keys[key] = d
    else:
        for a, b, d in g.edges(data=True):
            rel = d.get(key_attr) if key_attr else None
            key = (a, b, rel) if directed else tuple(sorted((a, b))) + (None,)
            keys[key] = d
    return keys


def compare(label, g, nodes, edges, directed, key_attr, weight="weight"):
    assert g.is_directed() == directed, (label, "directed", g.is_directed())
    assert set(g.nodes) == set(nodes), (label, set(g.nodes) ^ set(nodes))
    got = edge_keys(g, directed, key_attr)
    assert set(got) == set(edges), (label, sorted(set(got) ^ set(edges))[:5])
    for key, link in edges.items():
        w = got[key][weight]
        assert float(w) == float(link["weight"]), (label, key, w, link["weight"])
    for node_id, n in nodes.items():
        attrs = g.nodes[node_id]
        assert attrs.get("kind") == n["kind"], (label, node_id, attrs.get("kind"))
        assert int(attrs["mentions"]) == n["mentions"], (label, node_id)
        assert attrs.get("label", attrs.get("name")) == n["label"], (label, node_id, attrs)
    print(label, g.number_of_nodes(), g.number_of_edges())


for stem, directed in (("graph", False), ("relations", True)):
    if not os.path.exists(os.path.join(out, stem + ".json")):
        continue
    nodes, edges = reference(stem + ".json", directed)
    key_attr = "relation" if directed else None

    g = nx.read_gexf(os.path.join(out, stem + ".gexf"))
    compare(stem + ".gexf", g, nodes, edges, directed, key_attr)
    # Time: every dated node has spells covering its first and last months.
    for node_id, n in nodes.items():
        spells = g.nodes[node_id].get("spells")
        if n.get("timeline"):
            assert spells, (stem, node_id, "no spells")
            assert spells[0][0] == min(n["timeline"]) + "-01", (node_id, spells)
            assert spells[-1][1][:7] == max(n["timeline"]), (node_id, spells)
        else:
            assert not spells, (stem, node_id, spells)

    g = nx.read_graphml(os.path.join(out, stem + ".graphml"))
    compare(stem + ".graphml", g, nodes, edges, directed, key_attr)
    # Typed attributes: integers come back as integers.
    some = next(iter(nodes))
    assert isinstance(g.nodes[some]["mentions"], int), g.nodes[some]

    data = load(stem + ".cyjs")
    g = nx.cytoscape_graph(data)
    compare(stem + ".cyjs", g, nodes, edges, directed, "type" if directed else None)

    data = load(stem + ".graphology.json")
    opts = data["options"]
    assert opts["type"] == ("directed" if directed else "undirected"), opts
    g = (nx.MultiDiGraph if opts["multi"] else nx.Graph)()
    for n in data["nodes"]:
        a = n["attributes"]
        assert isinstance(a["x"], (int, float)) and isinstance(a["y"], (int, float)), n
        g.add_node(n["key"], **a)
    for e in data["edges"]:
        g.add_edge(e["source"], e["target"], **e["attributes"])
    compare(stem + ".graphology.json", g, nodes, edges, directed, key_attr)

    # CSV in Gephi's conventions.
    with open(os.path.join(out, "edges.csv" if not directed else "relations.csv"),
              encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    g = nx.MultiDiGraph() if directed else nx.Graph()
    with open(os.path.join(out, "nodes.csv"), encoding="utf-8", newline="") as f:
        node_rows = {r["Id"]: r for r in csv.DictReader(f)}
    for node_id in nodes:
        r = node_rows[node_id]
        g.add_node(node_id, label=r["Label"], kind=r["kind"], mentions=int(r["mentions"]))
    for r in rows:
        assert r["Type"] == ("Directed" if directed else "Undirected"), r
        g.add_edge(r["Source"], r["Target"], weight=int(r["Weight"]), relation=r.get("relation"))
    compare(stem + " csv", g, nodes, edges, directed, key_attr)

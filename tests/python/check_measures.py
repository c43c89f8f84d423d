"""Checks the measures actorgraph stores on nodes against networkx's own algorithms.

Usage: check_measures.py GRAPH_JSON

- degree and weighted degree: G.degree(), G.degree(weight="weight")
- betweenness: betweenness_centrality with distance = 1 / weight, normalised
- PageRank: networkx's pure-Python pagerank (no numpy needed), weighted
- communities: every actor's community is a partition whose modularity networkx computes
  equal to the graph's stored modularity; each community is connected
Prints one line of counts; exits non-zero with a message on the first mismatch.
"""
import json
import sys

import networkx as nx
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

data = json.load(open(sys.argv[1], encoding="utf-8"))
g = nx.node_link_graph(data, edges="links")
for u, v, d in g.edges(data=True):
    d["distance"] = 1.0 / d["weight"]

between = nx.betweenness_centrality(g, weight="distance", normalized=True)
rank = _pagerank_python(g, weight="weight", tol=1e-12, max_iter=1000)
degree = dict(g.degree())
strength = dict(g.degree(weight="weight"))

def close(a, b, tol):
    return abs(a - b) <= tol

for node in data["nodes"]:
    n = node["id"]
    assert node["degree"] == degree[n], (n, node["degree"], degree[n])
    assert close(node["weighted_degree"], strength[n], 1e-6), (n, node["weighted_degree"], strength[n])
    assert close(node["betweenness"], between[n], 1e-6), (n, node["betweenness"], between[n])
    assert close(node["pagerank"], rank[n], 1e-5), (n, node["pagerank"], rank[n])

communities = {}
for node in data["nodes"]:
    communities.setdefault(node["community"], set()).add(node["id"])
parts = list(communities.values())
q = nx.community.modularity(g, parts, weight="weight")
assert close(q, data["graph"]["modularity"], 1e-6), (q, data["graph"]["modularity"])
assert len(parts) == data["graph"]["communities"], (len(parts), data["graph"]["communities"])
for members in parts:
    assert nx.is_connected(g.subgraph(members)), members
# Louvain cannot do worse than every actor in a community of its own, and it finds structure.
assert q > 0.1, q
print(g.number_of_nodes(), g.number_of_edges(), len(parts), round(q, 6))

#!/usr/bin/env python3
"""Peer pipeline: flashtext KeywordProcessor + a sentence-splitting regex + networkx.

    flashtext_pipeline.py ALIASES.tsv CORPUS_DIR OUT.json

flashtext matches whole words, case-insensitively, longest first.
"""

import re
import sys

import networkx as nx
from flashtext import KeywordProcessor

from common import add_sentence, aliases, articles, write

SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])|\n+")


def main():
    table, corpus, out = sys.argv[1:4]
    keywords = KeywordProcessor(case_sensitive=False)
    for alias, entity in aliases(table):
        keywords.add_keyword(alias, entity)
    graph = nx.Graph()
    for text in articles(corpus):
        for sentence in SENTENCES.split(text):
            add_sentence(graph, keywords.extract_keywords(sentence))
    write(graph, out)


if __name__ == "__main__":
    main()

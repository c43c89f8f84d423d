#!/usr/bin/env python3
"""Peer pipeline: spaCy PhraseMatcher (blank Dutch tokenizer, sentencizer) + networkx.

    spacy_pipeline.py ALIASES.tsv CORPUS_DIR OUT.json

Matching is on lower-cased tokens (attr="LOWER"); overlapping matches are reduced to the
longest with spacy.util.filter_spans, as the documentation recommends.
"""

import sys

import networkx as nx
import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span
from spacy.util import filter_spans

from common import add_sentence, aliases, articles, write


def main():
    table, corpus, out = sys.argv[1:4]
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    rows = aliases(table)
    by_entity = {}
    for (alias, entity), doc in zip(rows, nlp.tokenizer.pipe(a for a, _ in rows)):
        by_entity.setdefault(entity, []).append(doc)
    for entity, docs in by_entity.items():
        matcher.add(entity, docs)
    graph = nx.Graph()
    for doc in nlp.pipe(articles(corpus), batch_size=64):
        spans = filter_spans([Span(doc, s, e, label=m) for m, s, e in matcher(doc)])
        for sent in doc.sents:
            ents = [s.label_ for s in spans if s.start >= sent.start and s.end <= sent.end]
            add_sentence(graph, ents)
    write(graph, out)


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Benchmarks actorgraph against the raw Aho-Corasick scan and two Python pipelines.
#
#   bash benches/run.sh                  # 10 MB, 100 MB and 1 GB corpora (needs ~2.5 GB disk)
#   bash benches/run.sh --sizes 10M      # a quick run
#
# Installs what the peers need (spaCy, flashtext, networkx) when missing, builds the release
# binary and the scan example, generates the corpora, the 100k-alias dictionary and the
# 10,000-actor corpus under target/bench/ (reused when present), then prints a table and
# writes benches/results.md. The explorer page's timings need what scripts/test.sh installs
# (Node, Chromium, playwright-core); without them that row is left out.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! python3 -c "import spacy, flashtext, networkx" 2>/dev/null; then
  echo "installing spaCy, flashtext and networkx for the peer pipelines"
  python3 -m pip install --quiet --disable-pip-version-check "spacy>=3.7,<4" "flashtext==2.7" "networkx>=3.4"
fi
cargo build --release --locked --quiet --bin actorgraph --example scan
exec python3 benches/bench.py "$@"

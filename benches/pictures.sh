#!/usr/bin/env bash
# Takes the README's pictures of a large graph: the explorer page and the drawing of the
# 10,000-actor benchmark corpus (benches/gen_actors.py; synthetic names), into docs/images/.
# Prints the build's and the page's timings. Needs what scripts/test.sh installs (Graphviz,
# Chromium, playwright-core in tests/browser).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet --bin actorgraph
work=target/bench/actors-10k
[ -f "$work/DONE" ] || { python3 benches/gen_actors.py --out "$work" && touch "$work/DONE"; }
out=target/bench/pictures
rm -rf "$out"
/usr/bin/time -f "build (html, dot, svg): %e s, %M KB" target/release/actorgraph build \
  "$work/corpus.jsonl" --dict dictionaries --dict "$work" --format html,dot,svg --out "$out" -q
dot -Tpng -Gdpi=40 "$out/graph.dot" -o docs/images/drawing-10k.png
node tests/browser/explorer.mjs "$PWD/$out/index.html" \
  --screenshot docs/images/explorer-10k.png | python3 -c '
import json, sys
r = json.load(sys.stdin)
print("page opened in %.1f s; %s" % (r["openSeconds"], r["initial"]["counts"]))'
echo "pictures.sh: wrote docs/images/explorer-10k.png and docs/images/drawing-10k.png" >&2

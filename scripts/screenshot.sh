#!/usr/bin/env bash
# Takes the README's screenshot of the explorer page (output/explorer.png): opens
# output/index.html in headless Chromium (WebGL view), clicks Pakistan, then its relation
# "Pakistan attacks Kabul" in the panel, so the panel shows its evidence, and saves a
# 1400x900 picture.
# Needs what scripts/test.sh installs (Chromium, playwright-core in tests/browser).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d tests/browser/node_modules/playwright-core ] ||
  npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
node tests/browser/explorer.mjs "$PWD/output/index.html" \
  --click-actor pakistan --click-link "Pakistan attacks Kabul" --screenshot output/explorer.png >/dev/null
echo "screenshot.sh: wrote output/explorer.png" >&2

#!/usr/bin/env bash
# Refreshes the vendored D3 bundle that the explorer page (output/index.html) embeds.
#
#   bash scripts/vendor-d3.sh           # the pinned version below
#   bash scripts/vendor-d3.sh 7.9.0     # another version (then update D3_VERSION here)
#
# Downloads the package from the npm registry with `npm pack`, checks it against the
# registry's published integrity hash, and copies dist/d3.min.js and LICENSE (ISC) into
# vendor/d3/. The bundle is compiled into the binary (include_str!), so rebuild afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
D3_VERSION="${1:-7.9.0}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
expected="$(npm view "d3@$D3_VERSION" dist.integrity)"
(cd "$tmp" && npm pack --silent "d3@$D3_VERSION" >/dev/null)
tarball="$tmp/d3-$D3_VERSION.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$expected" ]; then
  echo "vendor-d3.sh: integrity mismatch for d3@$D3_VERSION: $actual != $expected" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$tmp"
mkdir -p vendor/d3
cp "$tmp/package/dist/d3.min.js" vendor/d3/d3.min.js
cp "$tmp/package/LICENSE" vendor/d3/LICENSE
printf 'd3 %s\n%s\nfrom https://registry.npmjs.org/d3/-/d3-%s.tgz (dist/d3.min.js, LICENSE)\n' \
  "$D3_VERSION" "$expected" "$D3_VERSION" > vendor/d3/VERSION
echo "vendor-d3.sh: vendor/d3 now holds d3 $D3_VERSION" >&2

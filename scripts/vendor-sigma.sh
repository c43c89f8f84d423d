#!/usr/bin/env bash
# Refreshes the vendored sigma.js and graphology bundles that the explorer page
# (output/index.html) embeds to draw large graphs with WebGL.
#
#   bash scripts/vendor-sigma.sh        # the pinned versions below
#
# Downloads each package from the npm registry with `npm pack`, checks it against the
# registry's published integrity hash, and copies its UMD bundle and licence (both MIT) into
# vendor/sigma/. The bundles are compiled into the binary (include_str!), so rebuild
# afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
SIGMA_VERSION=3.0.3
GRAPHOLOGY_VERSION=0.26.0
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p vendor/sigma
: > "$tmp/VERSION"
fetch() { # name version bundle-path licence-file
  local name="$1" version="$2" bundle="$3" licence="$4"
  local expected actual tarball
  expected="$(npm view "$name@$version" dist.integrity)"
  (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null)
  tarball="$tmp/$name-$version.tgz"
  actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
  if [ "$actual" != "$expected" ]; then
    echo "vendor-sigma.sh: integrity mismatch for $name@$version: $actual != $expected" >&2
    exit 1
  fi
  mkdir -p "$tmp/$name"
  tar -xzf "$tarball" -C "$tmp/$name"
  cp "$tmp/$name/package/$bundle" "vendor/sigma/$(basename "$bundle")"
  cp "$tmp/$name/package/$licence" "vendor/sigma/LICENSE-$name"
  printf '%s %s\n%s\nfrom https://registry.npmjs.org/%s/-/%s-%s.tgz (%s, %s)\n' \
    "$name" "$version" "$expected" "$name" "$name" "$version" "$bundle" "$licence" >> "$tmp/VERSION"
}
fetch sigma "$SIGMA_VERSION" dist/sigma.min.js LICENSE.txt
fetch graphology "$GRAPHOLOGY_VERSION" dist/graphology.umd.min.js LICENSE.txt
cp "$tmp/VERSION" vendor/sigma/VERSION
echo "vendor-sigma.sh: vendor/sigma now holds sigma $SIGMA_VERSION and graphology $GRAPHOLOGY_VERSION" >&2

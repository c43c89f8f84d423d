#!/usr/bin/env bash
# Runs each cargo-fuzz target for a set time (default 60 s each) and stops at the first crash.
#
#   bash scripts/fuzz.sh            # input, dictionary, extractor, partial_reader: 60 s each
#   bash scripts/fuzz.sh 600 input  # one target, 10 minutes
#
# Needs a nightly toolchain (rustup toolchain install nightly) and cargo-fuzz, which this script
# installs when missing. A crash leaves its input in fuzz/artifacts/TARGET/; replay it with
# `cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/crash-...`. Seeds for the corpora come
# from seeds/ and dictionaries/, so the fuzzers start from real articles and real dictionaries,
# and partial_reader from the partial of seeds/ (the file, and its record stream unpacked).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(input dictionary extractor partial_reader)

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz.sh: installing the nightly toolchain (cargo-fuzz needs it)" >&2
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz.sh: installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked
fi

# Starting corpora: real articles (as text and as JSON Lines) and real dictionary files.
mkdir -p fuzz/corpus/input fuzz/corpus/dictionary fuzz/corpus/extractor fuzz/corpus/partial_reader
for f in seeds/*.txt; do
  name=$(basename "$f" .txt)
  cp "$f" "fuzz/corpus/extractor/$name"
  cp "$f" "fuzz/corpus/input/$name.txt"
  python3 -c 'import json,sys; print(json.dumps({"id": sys.argv[1], "text": open(sys.argv[2], encoding="utf-8").read(), "date": "2021-08"}))' \
    "$name" "$f" > "fuzz/corpus/input/$name.jsonl"
done
find dictionaries -name '*.toml' -size -64k | while read -r f; do
  cp "$f" "fuzz/corpus/dictionary/$(echo "$f" | tr '/' '_')"
done

cargo build --release --quiet --bin actorgraph
./target/release/actorgraph map seeds --quiet -o fuzz/corpus/partial_reader/seeds.part
# The record stream behind the header lines, for the target's second use of its input.
python3 - <<'PY'
import subprocess
part = open("fuzz/corpus/partial_reader/seeds.part", "rb").read()
body = part.index(b"\n", part.index(b"\n") + 1) + 1
try:
    stream = subprocess.run(["zstd", "-dc"], input=part[body:], capture_output=True, check=True).stdout
    open("fuzz/corpus/partial_reader/seeds.stream", "wb").write(stream)
except FileNotFoundError:
    print("fuzz.sh: no zstd command: partial_reader starts from the file alone")
PY

for target in "${targets[@]}"; do
  echo "fuzz.sh: $target for ${seconds}s" >&2
  (cd fuzz && cargo +nightly fuzz run "$target" -- -max_total_time="$seconds" -max_len=65536 \
     -timeout=10 -rss_limit_mb=2048 -print_final_stats=1) 2>&1 | grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|INFO: -max_total_time|==[0-9]+==|.*panicked|SUMMARY|artifact_prefix|Test unit written)' || true
  if ls fuzz/artifacts/"$target"/crash-* fuzz/artifacts/"$target"/timeout-* fuzz/artifacts/"$target"/oom-* >/dev/null 2>&1; then
    echo "fuzz.sh: $target found a failing input in fuzz/artifacts/$target/" >&2
    exit 1
  fi
  echo "fuzz.sh: $target ran clean for ${seconds}s" >&2
done

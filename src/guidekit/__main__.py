"""Command line for authors and editors: `python -m guidekit check`, `new DIR` or `schema`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .check import check_project
from .errors import GuideError
from .loader import json_schema


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="guidekit", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check the data, pages and nav without building")
    check.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder")
    commands.add_parser("schema", help="print the JSON Schema of the data files")
    args = parser.parse_args(argv)
    if args.command == "schema":
        print(json.dumps(json_schema(), indent=2, sort_keys=True))
        return 0
    problems = check_project(args.root)
    if problems:
        print(GuideError(problems), file=sys.stderr)
        return 1
    print("The guide's data, pages and nav are in order.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Command line for authors and editors: `python -m guidekit check`, `new DIR` or `schema`."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from .check import check_project
from .errors import GuideError
from .helplines import stale_helplines
from .loader import read_guide
from .new import NotEmpty, guide_schema, new_guide
from .settings import SettingsError
from .syntax import Unreadable


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="guidekit", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check the data, pages and nav without building")
    check.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder")
    new = commands.add_parser("new", help="write a small guide to start from into a new folder")
    new.add_argument("folder", type=Path, help="an empty or new folder")
    schema = commands.add_parser("schema", help="print the JSON Schema of the guide's data files")
    schema.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder")
    args = parser.parse_args(argv)
    if args.command == "schema":
        try:
            print(json.dumps(guide_schema(args.root), indent=2, sort_keys=True))
        except Unreadable as error:
            print(GuideError([error.problem]), file=sys.stderr)
            return 1
        except SettingsError as error:
            print(error, file=sys.stderr)
            return 1
        return 0
    if args.command == "new":
        return _new(args.folder)
    problems = check_project(args.root)
    if problems:
        print(GuideError(problems), file=sys.stderr)
        return 1
    guide, _ = read_guide(args.root / "data", root=args.root)
    for notice in stale_helplines(guide, date.today()):
        print(f"Check this help line again: {notice}")
    print("The guide's data, pages and nav are in order.")
    return 0


def _new(folder: Path) -> int:
    try:
        new_guide(folder)
    except NotEmpty as error:
        print(error, file=sys.stderr)
        return 1
    print(f"A new guide is in {folder}. Next:\n"
          f"  cd {folder}\n"
          "  mkdocs serve                 # see it at http://127.0.0.1:8000 as you write\n"
          "  python -m guidekit check     # check data/, content/ and the nav in a moment\n"
          "  mkdocs build --strict        # the finished site, in site/")
    return 0


if __name__ == "__main__":
    sys.exit(main())

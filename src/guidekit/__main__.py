"""Command line for authors and editors: `python -m guidekit check` or `schema`."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from .errors import GuideError
from .helplines import stale_helplines
from .loader import json_schema
from .site import GuideSite


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="guidekit", description=__doc__)
    parser.add_argument("command", choices=["check", "schema"])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder")
    args = parser.parse_args(argv)
    if args.command == "schema":
        print(json.dumps(json_schema(), indent=2, sort_keys=True))
        return 0
    docs = args.root / "content"
    pages = {p.relative_to(docs).as_posix(): p.read_bytes()  # decoded (and checked) by the core
             for p in sorted(docs.rglob("*.md"))}
    try:
        site = GuideSite.load(args.root / "data", [args.root / "overrides"], pages,
                              root=args.root)
    except GuideError as error:
        print(error, file=sys.stderr)
        return 1
    for notice in stale_helplines(site.guide, date.today()):
        print(f"Check this help line again: {notice}")
    print("The guide's data and pages are in order.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

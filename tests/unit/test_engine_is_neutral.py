"""The engine serves any guide: none of its files (code, templates, styles, scripts, strings and
comments included) names the couples guide's subject. Its wording lives in its own mkdocs.yml."""

from __future__ import annotations

import re

from tests.support.project import ROOT

ENGINE = [ROOT / "src" / "guidekit", ROOT / "hooks", ROOT / "overrides" / "partials" / "guide",
          ROOT / "overrides" / "assets" / "guide", ROOT / "overrides" / "main.html"]
WORDS = re.compile(r"partner|couple|affair|distance", re.IGNORECASE)
SKIP = {"__pycache__"}


def _files():
    for place in ENGINE:
        for path in [place] if place.is_file() else sorted(place.rglob("*")):
            if path.is_file() and not SKIP & set(path.parts) and path.suffix != ".pyc":
                yield path


def test_the_engine_names_no_partner_couple_affair_or_distance() -> None:
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()[:80]}"
             for path in _files()
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if WORDS.search(line)]
    assert found == [], "\n".join(found)


def test_the_check_looks_at_every_part_of_the_engine() -> None:
    names = {path.name for path in _files()}
    assert {"site.py", "guide.py", "checklist.html", "share.js", "main.html", "en.yml"} <= names

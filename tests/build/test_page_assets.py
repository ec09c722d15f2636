"""Our own stylesheets and scripts load only on the pages that use them, and the rules our
scripts share with the build (the tick threshold, the id pattern) are written once, in Python."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from guidekit import models
from guidekit.assets import BLOCKS, FRAME, page_assets, script_rules
from guidekit.site import GuideSite
from tests.support.project import ROOT, Build

ASSETS = ROOT / "overrides" / "assets" / "guide"
BUDGET = 8 * 1024  # bytes, gzipped: CSS and JS of ours on a page without a tool
_REFERENCE = re.compile(
    r'<(?P<tag>link rel="stylesheet" href|script src)="[^"]*?assets/guide/(?P<name>[\w.-]+)"')


def _ours(html: str) -> dict[str, str]:
    """Our files a page references, by name, with the tag that references them."""
    return {m["name"]: m["tag"].split()[0] for m in _REFERENCE.finditer(html)}


def _gzipped(site: Build, names: list[str]) -> int:
    return sum(len(gzip.compress((site.site / "assets/guide" / n).read_bytes(), 9))
               for n in names)


def _pages_with(site: Build, mark: str) -> list[str]:
    """The built pages whose HTML carries `mark` (a tool's attribute), whatever the guide."""
    return [page for page in site.pages() if mark in site.html(page)]


def test_a_plain_page_carries_at_most_8_kb_of_ours(site: Build) -> None:
    tools = {"data-trackable", "data-compare", "data-sheet", "data-guide-calendar", "data-path"}
    plain = [page for page in site.pages() if not any(f"{mark}=" in site.html(page)
                                                      for mark in tools)]
    assert "404.html" in plain and len(plain) > 1
    for page in plain:
        ours = _ours(site.html(page))
        size = _gzipped(site, list(ours))
        assert set(FRAME.css + FRAME.js) <= set(ours), page
        assert not {"checklist.js", "store.js", "calendar.js", "share.js", "worksheet.js",
                    "paths.js"} & set(ours), page
        assert size <= BUDGET, f"/{page}: {size} bytes gzipped of ours ({' '.join(ours)})"


def test_a_checklist_page_has_the_checklists_files_as_links_and_scripts(site: Build) -> None:
    pages = _pages_with(site, "data-trackable=")
    assert pages
    for page in pages:
        ours = _ours(site.html(page))
        for name in ("checklist.css",):  # styled without JavaScript too: a <link>
            assert ours.get(name) == "link", (page, name)
        for name in ("store.js", "checklist.js"):
            assert ours.get(name) == "script", (page, name)
        scripts = [n for n in ours if n.endswith(".js")]
        assert scripts.index("store.js") < scripts.index("checklist.js"), page
        if "data-compare=" in site.html(page):
            assert ours.get("share.css") == "link" and ours.get("share.js") == "script", page
            assert scripts.index("checklist.js") < scripts.index("share.js"), page


def test_a_worksheet_page_and_a_calendar_page_get_their_files(site: Build) -> None:
    sheets, calendars = _pages_with(site, "data-sheet="), _pages_with(site, "data-guide-calendar")
    assert sheets and calendars
    for page in sheets:
        sheet = _ours(site.html(page))
        assert {"worksheet.css", "store.js", "worksheet.js"} <= set(sheet), page
        if "data-trackable=" not in site.html(page):
            assert "checklist.js" not in sheet, page
    for page in calendars:
        assert {"calendar.css", "calendar.js"} <= set(_ours(site.html(page))), page


def test_every_file_a_page_references_is_built_and_every_file_is_used(site: Build) -> None:
    used: set[str] = set()
    for page in site.pages():
        used |= set(_ours(site.html(page)))
    named = set(FRAME.css + FRAME.js).union(*(b.css + b.js for b in BLOCKS.values()))
    assert named == {p.name for p in ASSETS.iterdir()}  # the rule names every file, no other
    assert used <= named
    assert all((site.site / "assets/guide" / name).is_file() for name in used)


def test_the_files_follow_the_blocks_the_html_shows_not_its_words() -> None:
    tracked = page_assets('<section class="guide-entry guide-checklist" data-guide-id="a" '
                          'data-trackable="monthly">')
    assert {"store.js", "checklist.js"} <= set(tracked.js) and "checklist.css" in tracked.css
    words = page_assets("<p>data-trackable, guide-worksheet and data-sheet are words here</p>")
    assert words == page_assets("") == FRAME
    table = page_assets('<div class="guide-table guide-table--strategies" role="region">')
    assert "tables.css" in table.css
    assert "tables.css" not in page_assets('<span class="guide-table__summary">').css
    assert all(mark[0] in ".[" for mark in BLOCKS)


# --- Rules written once, in Python --------------------------------------------------------------


def test_the_page_holds_the_rules_the_scripts_use_and_the_scripts_hold_none(site: Build) -> None:
    found = re.search(r'<script id="__guide-rules" type="application/json">(.*?)</script>',
                      site.html(_pages_with(site, "data-trackable=")[0]))
    assert found and json.loads(found[1]) == script_rules() == {"id": models.ID_PATTERN}
    scripts = {p.name: p.read_text(encoding="utf-8") for p in ASSETS.glob("*.js")}
    for name, text in scripts.items():
        assert "[a-z0-9]+" not in text.replace("[0-9a-z]+", ""), f"{name} copies the id pattern"
        assert "share *" not in text and "dataset.share" not in text, name


def _checklist_html(tmp_path: Path) -> str:
    (tmp_path / "data").mkdir(parents=True)
    (tmp_path / "data" / "checklists.yml").write_text("""\
checklists:
  - id: weekly-check
    title: Weekly check
    trackable: monthly
    rule: {share: 0.5, met: you are on your way., not_met: go gently.}
    items:
      - {id: one, text: One.}
      - {id: two, text: Two.}
      - {id: three, text: Three.}
      - {id: four, text: Four.}
""")
    pages = {"tools/weekly-check.md": "# Weekly check\n"}
    site = GuideSite.load(tmp_path / "data", [ROOT / "overrides"], pages, root=tmp_path)
    return site.renderer({}).render_entry("weekly-check", "tools/weekly-check.md",
                                          lambda path: f"/{path}")


def test_the_tick_threshold_is_worked_out_once_in_python(tmp_path: Path, monkeypatch) -> None:
    html = _checklist_html(tmp_path / "a")
    assert 'data-least="3"' in html and "(3 or more of 4)" in html  # more than half of 4
    monkeypatch.setattr(models.Rule, "least", lambda self, total: total)
    changed = _checklist_html(tmp_path / "b")
    assert 'data-least="4"' in changed and "(4 or more of 4)" in changed

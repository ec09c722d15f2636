"""Headings of a rendered page, as table-of-contents tokens (level, id, name, children)."""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser
from typing import Any

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []
        self._current: tuple[int, str] | None = None
        self._text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in _HEADINGS and attributes.get("id"):
            self._current, self._text = (_HEADINGS[tag], attributes["id"] or ""), []
        elif self._current and (self._skip or "headerlink" in (attributes.get("class") or "")):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            self._skip -= 1
        elif self._current and tag in _HEADINGS:
            level, anchor = self._current
            self.found.append((level, anchor, escape("".join(self._text).strip())))
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current and not self._skip:
            self._text.append(data)


def toc_tokens(html: str) -> list[dict[str, Any]]:
    """Nested tokens for every heading with an id, in document order."""
    parser = _Headings()
    parser.feed(html)
    root: dict[str, Any] = {"level": 0, "children": []}
    stack = [root]
    for level, anchor, name in parser.found:
        token = {"level": level, "id": anchor, "name": name, "children": []}
        while stack[-1]["level"] >= level:
            stack.pop()
        stack[-1]["children"].append(token)
        stack.append(token)
    return root["children"]

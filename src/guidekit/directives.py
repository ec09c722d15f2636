"""The one small syntax hand-written pages use to embed or link an entry by id.

    <!-- guide:ritual weekly-video-date -->      embeds the entry (its kind is checked)
    [our video date](guide:weekly-video-date)    links to it; empty text uses its title

Directives inside fenced code blocks and `inline code` are left alone, so pages can show them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .references import LINK

EMBED = re.compile(r"<!--\s*guide:(?P<kind>[a-z]+)\s+(?P<id>\S+?)\s*-->")
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s")
_CODE = re.compile(r"`[^`\n]*`")


@dataclass(frozen=True)
class Directive:
    """One embed (kind set) or link (kind None) found on a page, 1-based position."""

    line: int
    column: int
    kind: str | None
    id: str
    text: str = ""
    depth: int = 0  # level of the last Markdown heading above it (0 when none)


def rewrite(markdown: str, replace: Callable[[Directive], str]) -> str:
    """Return `markdown` with each directive replaced by `replace(directive)`."""
    out: list[str] = []
    fence: str | None = None
    depth = 0
    for number, line in enumerate(markdown.splitlines(keepends=True), start=1):
        marker = _FENCE.match(line)
        if marker and (fence is None or marker[1] == fence):
            fence = None if fence else marker[1]
            out.append(line)
            continue
        heading = None if fence else _HEADING.match(line)
        depth = len(heading[1]) if heading else depth
        out.append(line if fence else _rewrite_line(line, number, depth, replace))
    return "".join(out)


def scan(markdown: str) -> list[Directive]:
    """Every directive on a page, in order."""
    found: list[Directive] = []

    def record(directive: Directive) -> str:
        found.append(directive)
        return ""

    rewrite(markdown, record)
    return found


def _rewrite_line(line: str, number: int, depth: int,
                  replace: Callable[[Directive], str]) -> str:
    code = [m.span() for m in _CODE.finditer(line)]

    def outside(match: re.Match[str]) -> bool:
        return not any(start <= match.start() < end for start, end in code)

    def embed(match: re.Match[str]) -> str:
        if not outside(match):
            return match[0]
        return replace(Directive(number, match.start() + 1, match["kind"], match["id"],
                                 depth=depth))

    def link(match: re.Match[str]) -> str:
        if not outside(match):
            return match[0]
        return replace(Directive(number, match.start() + 1, None, match["id"], match["text"],
                                 depth=depth))

    return LINK.sub(link, EMBED.sub(embed, line))

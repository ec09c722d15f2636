"""The one small syntax hand-written pages use to embed or link an entry by id.

    <!-- guide:ritual weekly-video-date -->      embeds the entry (its kind is checked)
    [our video date](guide:weekly-video-date)    links to it; empty text uses its title
    [date]: guide:weekly-video-date              a reference-style link to it

Directives inside code (fenced or indented blocks, `code spans`) are left alone, so pages can
show them. A comment that starts with `guide` but is not an embed is reported, never ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .text import LINK

EMBED = re.compile(r"<!--\s*guide:(?P<kind>[a-z]+)[ \t]+(?P<id>[^\s>]+?)\s*-->")
# What looks meant as an embed but is not one: reported, never left as an invisible comment
_LOOSE = re.compile(r"<!--\s*guide\b(?P<body>.*?)(?:-->|$)", re.IGNORECASE)
_LOOSE_PARTS = re.compile(r"\s*[:\s]\s*(?P<kind>[A-Za-z]+)?(?:\s+(?P<id>[^\s>]+))?")
# A link to an entry in raw HTML, or one left in a page that no form above turned into a link
DEAD_LINK = re.compile(r"""\bhref\s*=\s*["']?\s*(?P<href>guide\s*:[^"'\s>]*)""", re.IGNORECASE)
# A code span: a run of backticks closed by a run of the same length
_CODE = re.compile(r"(?<!`)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)")
# One pass over a line finds each of these once, leftmost first: what it writes is never rescanned
_LINE = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in (
    ("code", _CODE.pattern),
    ("embed", EMBED.pattern.replace("?P<kind>", "?P<ekind>").replace("?P<id>", "?P<eid>")),
    ("link", f"(?i:{LINK.pattern})"), ("loose", f"(?i:{_LOOSE.pattern})"),
    ("raw", f"(?i:{DEAD_LINK.pattern})"))))
_DEFINITION = re.compile(
    r"^(?P<indent>[ \t]*)\[(?P<label>[^\]\n]+)\]:[ \t]*<?\s*guide\s*:\s*(?P<id>[^\s<>\"']*)\s*>?"
    r"(?P<title>[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?[ \t]*$", re.IGNORECASE)
_WORTH_A_LOOK = re.compile(r"guide", re.IGNORECASE)
_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:\s|$)")
# Lines whose indented continuation is their content, not code: list items and admonitions
_CONTAINER = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)]|!!!|\?\?\?\+?)(?:\s|$)")
_INDENT = re.compile(r"^(?: {4}|\t| {0,3}\t)")


@dataclass(frozen=True)
class Directive:
    """One embed (kind set) or link (kind None) found on a page, 1-based position.

    `error` is set when the author's syntax is wrong rather than the id (an embed's when `kind`
    is set, else a link's).
    """

    line: int
    column: int
    kind: str | None
    id: str
    text: str = ""
    depth: int = 0  # level of the last Markdown heading above it (0 when none)
    title: str = ""  # a link's "title", quotes included
    label: str = ""  # set for a reference-style definition, `[label]: guide:ID`
    error: str | None = None


def rewrite(markdown: str, replace: Callable[[Directive], str]) -> str:
    """Return `markdown` with each directive replaced by `replace(directive)`."""
    out: list[str] = []
    fence: str | None = None  # the fence of the code block we are in
    code = container = False  # in an indented code block; in a list item or admonition
    after_break = True  # an indented code block may start here (not inside a paragraph)
    depth = 0
    for number, line in enumerate(markdown.splitlines(keepends=True), start=1):
        blank = not line.strip()
        if fence is not None:
            closing = _FENCE.match(line)
            if closing and closing["fence"].startswith(fence) and not closing["info"].strip():
                fence, after_break = None, True
            out.append(line)
            continue
        if code and (blank or _INDENT.match(line)):
            out.append(line)
            continue
        code = False
        if not blank and after_break and not container and _INDENT.match(line):
            code = True
            out.append(line)
            continue
        opening = _FENCE.match(line)
        if opening and not (opening["fence"][0] == "`" and "`" in opening["info"]):
            fence = opening["fence"]
            out.append(line)
            continue
        if _CONTAINER.match(line):
            container = True
        elif not blank and after_break and not _INDENT.match(line):
            container = False
        heading = _HEADING.match(line)
        depth = len(heading[1]) if heading else depth
        after_break = blank or heading is not None
        out.append(_rewrite_line(line, number, depth, replace)
                   if _WORTH_A_LOOK.search(line) else line)
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
    definition = _DEFINITION.match(line.rstrip("\r\n"))
    if definition:
        end = line[len(line.rstrip("\r\n")):]
        return definition["indent"] + replace(Directive(
            number, definition.end("indent") + 1, None, definition["id"], depth=depth,
            title=(definition["title"] or "").strip(), label=definition["label"])) + end

    def one(match: re.Match[str]) -> str:
        column = match.start() + 1
        if match["code"] is not None:
            return match[0]
        if match["embed"] is not None:
            return replace(Directive(number, column, match["ekind"], match["eid"], depth=depth))
        if match["link"] is not None:
            return replace(Directive(number, column, None, match["id"], match["text"],
                                     depth=depth, title=match["title"] or ""))
        if match["raw"] is not None:
            return replace(Directive(number, match.start("href") + 1, None, "", depth=depth,
                                     error=dead_link(match["href"])))
        return replace(_misspelt_embed(match, number, depth))

    return _LINE.sub(one, line)


def dead_link(href: str) -> str:
    """What is wrong with a `guide:` link written in a form that never becomes a real link."""
    return f"the link '{href}' was not turned into a link to an entry"


def _misspelt_embed(match: re.Match[str], number: int, depth: int) -> Directive:
    """A comment that starts with `guide` but is not `<!-- guide:KIND ID -->`."""
    body = match["body"]
    parts = _LOOSE_PARTS.match(body)
    kind, entry_id = (parts["kind"] or "", parts["id"] or "") if parts else ("", "")
    if not match[0].endswith("-->"):
        error = "write an embed on one line, ending with -->"
    elif not body.lstrip().startswith(":"):
        error = "write a colon between guide and the kind"
    elif not kind or not entry_id:
        error = "an embed needs a kind and an id"
    elif not body.startswith(":" + kind):
        error = "write the kind right after guide:, with no space"
    elif kind != kind.lower():
        error = "write the kind in lower case"
    else:
        error = "an embed takes a kind and one id, nothing more"
    return Directive(number, match.start() + 1, kind.lower(), entry_id, depth=depth, error=error)

"""Text from YAML is data: escaped, with a small safe subset of Markdown for emphasis and links."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable

from markupsafe import Markup, escape

from .errors import Problem

# A link to an entry, in YAML text or Markdown: [words](guide:weekly-video-date). Forgiving on
# purpose (any case, spaces, <angle brackets>, a "title"), so that no such link is left dead.
LINK = re.compile(
    r"\[(?P<text>[^\]\n]*)\]\(\s*<?\s*guide\s*:\s*(?P<id>[^\s<>()\"']*)\s*>?"
    r"(?:\s+(?P<title>\"[^\"\n]*\"|'[^'\n]*'))?\s*\)", re.IGNORECASE)
# Any other link, whose URL must be safe to show
_URL_LINK = re.compile(r"\[(?P<text>[^\]\n]*)\]\((?P<url>[^)\s]+)\)")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_SAFE_URL = re.compile(r"^(https?://|mailto:|tel:)[^\s\"'<>]+$")
# Characters that Python-Markdown (with this site's extensions) lets a backslash make literal and
# that could start markup inside a line; `<`, `>` and `&` are escaped as HTML instead.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()#!]")


def inline(text: str, resolve: Callable[[str], str],
           title: Callable[[str], str] | None = None) -> Markup:
    """Escape `text`, then allow **strong**, *emphasis* and [links](url).

    `resolve` turns an entry id from a `guide:ID` link into a URL, and `title` gives the entry's
    title for a link with empty text, `[](guide:ID)`. Other links must be http(s), mailto: or
    tel:; anything else is shown as plain text.
    """
    parts: list[str] = []
    last = 0
    for match in _ANY_LINK.finditer(text):
        parts += [str(escape(text[last:match.start()])), _link(match, resolve, title)]
        last = match.end()
    parts.append(str(escape(text[last:])))
    html = _STRONG.sub(r"<strong>\1</strong>", "".join(parts))
    return Markup(_EM.sub(r"<em>\1</em>", html))


def plain(text: str, title: Callable[[str], str] | None = None) -> str:
    """`text` without the Markdown subset: for titles in other formats (calendars, tables).

    A `[](guide:id)` link with no words of its own reads as the entry's `title(id)` when given.
    """
    def words(match: re.Match[str]) -> str:
        if match["id"] is not None and not match["text"] and title:
            return plain(title(match["id"]))
        return match["text"] or match["url_text"] or ""

    text = _ANY_LINK.sub(words, text)
    return _EM.sub(r"\1", _STRONG.sub(r"\1", text))


def markdown_text(text: str) -> str:
    """`text` as Markdown that shows exactly this text: no emphasis, link, HTML or attribute
    list (`{#id .class}` at the end of a heading) however it looks. For headings and link text.

    Markdown's own escapes come first (a backslash before each character that could start
    something), then HTML's for `&`, `<` and `>`, which Markdown passes through as entities.
    """
    return html.escape(_MARKDOWN_SPECIAL.sub(r"\\\g<0>", text), quote=False)


def html_block(html: str) -> str:
    """Rendered HTML ready to stand in Markdown: blank lines would end its raw HTML block early."""
    return "\n".join(line for line in html.splitlines() if line.strip())


_ANY_LINK = re.compile(
    f"{LINK.pattern}|{_URL_LINK.pattern.replace('?P<text>', '?P<url_text>')}", re.IGNORECASE)


def _link(match: re.Match[str], resolve: Callable[[str], str],
          title: Callable[[str], str] | None) -> str:
    if match["id"] is not None:  # guide:ID
        words = match["text"] or (plain(title(match["id"])) if title else "")
        if not words:
            return str(escape(match[0]))
        return f'<a href="{escape(resolve(match["id"]))}">{escape(words)}</a>'
    if match["url_text"] and _SAFE_URL.match(match["url"]):
        return f'<a href="{escape(match["url"])}">{escape(match["url_text"])}</a>'
    return str(escape(match[0]))


def decode_page(data: bytes, name: str) -> str | Problem:
    """A Markdown page's text (UTF-8, with or without a BOM), or the problem that stops it."""
    return decode_utf8(data, name, what="page", codec="utf-8-sig")


def decode_utf8(data: bytes, name: str, *, what: str, codec: str = "utf-8") -> str | Problem:
    """`data` as text, or the problem naming the line and column of the first foreign byte (and
    the character it would be in Windows' cp1252, the usual cause). The one UTF-8 locator."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[start:error.start].decode(codec, errors="replace")) + 1
        byte = data[error.start:error.start + 1]
        guess = byte.decode("cp1252", errors="replace")
        maybe = f", maybe '{guess}'" if guess.isprintable() and guess != "\ufffd" else ""
        return Problem(name, line, column, f"this {what} is not saved as UTF-8 (byte "
                       f"0x{byte.hex().upper()}{maybe}): save it as UTF-8", code="not-utf8")


def slug(value: object) -> str:
    """`value` in the form of an id: lower-case ASCII words joined by hyphens.

    The one slug function of the engine. Accents go as in Python-Markdown's toc `slugify`
    (NFKD, then ASCII), and every run of other characters becomes one hyphen, so the result
    always fits the id pattern: `Visit day check-in` -> `visit-day-check-in`.
    """
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))

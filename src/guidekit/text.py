"""Text from YAML is data: escaped, with a small safe subset of Markdown for emphasis and links."""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup, escape

_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)\)")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_SAFE_URL = re.compile(r"^(https?://|mailto:|tel:)[^\s\"'<>]+$")


def inline(text: str, resolve: Callable[[str], str]) -> Markup:
    """Escape `text`, then allow **strong**, *emphasis* and [links](url).

    `resolve` turns an entry id from a `guide:ID` link into a URL. Other links must be http(s),
    mailto: or tel:; anything else is shown as plain text.
    """
    escaped = str(escape(text))

    def link(match: re.Match[str]) -> str:
        url = match["url"].replace("&amp;", "&")
        if url.startswith("guide:"):
            href = resolve(url.removeprefix("guide:"))
        elif _SAFE_URL.match(url):
            href = url
        else:
            return match[0]
        return f'<a href="{escape(href)}">{match["text"]}</a>'

    escaped = _LINK.sub(link, escaped)
    escaped = _STRONG.sub(r"<strong>\1</strong>", escaped)
    escaped = _EM.sub(r"<em>\1</em>", escaped)
    return Markup(escaped)


def plain(text: str) -> str:
    """`text` without the Markdown subset: for titles in other formats (calendars, tables)."""
    text = _LINK.sub(lambda m: m["text"], text)
    return _EM.sub(r"\1", _STRONG.sub(r"\1", text))


def html_block(html: str) -> str:
    """Rendered HTML ready to stand in Markdown: blank lines would end its raw HTML block early."""
    return "\n".join(line for line in html.splitlines() if line.strip())

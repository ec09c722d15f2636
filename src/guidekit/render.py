"""Rendering a checked guide's pages: embeds as HTML, `guide:` links as links, "Next step" links.

A `Renderer` is made once the adapter knows every page's title (MkDocs knows them after its
nav is built) and is never changed: the titles are passed in, not filled in later.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from .directives import Directive, rewrite
from .pages import home
from .paths import render_next_steps
from .text import html_block, inline, markdown_text, plain

if TYPE_CHECKING:
    from .site import GuideSite

# Resolves a path in the docs folder (with an optional #anchor) to a URL relative to the page.
UrlFor = Callable[[str], str]


def table_template(kind: str) -> str:
    """The partial that shows every entry of `kind` side by side."""
    return f"partials/guide/{kind}-table.html"


@dataclass(frozen=True)
class Renderer:
    """Renders the pages of `site`, naming each page by `page_titles` (by path in the docs
    folder; a page without a title is named by its path)."""

    site: GuideSite
    page_titles: Mapping[str, str]

    def render_page(self, src_uri: str, markdown: str, url_for: UrlFor) -> str:
        """The page's Markdown with every directive replaced: embeds by HTML, links by links."""
        guide = self.site.guide

        def replace(directive: Directive) -> str:
            if directive.kind is None:
                url = _relative(src_uri, self.site.target(directive.id))
                title = f" {directive.title}" if directive.title else ""
                if directive.label:
                    return f"[{directive.label}]: {url}{title}"
                text = directive.text or markdown_text(plain(guide.get(directive.id).title))
                return f"[{text}]({url}{title})"
            level = min(max(directive.depth + 1, 2), 6)
            if directive.kind == "table":
                return "\n\n" + self.render_table(directive.id, src_uri, url_for, level) + "\n\n"
            return "\n\n" + self.render_entry(directive.id, src_uri, url_for, level) + "\n\n"

        rendered = rewrite(markdown, replace)
        # "Next step" links on every page of a reading path
        steps = render_next_steps(self.site.env, self.site.next_steps.get(src_uri, []),
                                  url_for=url_for, title_for=self._page_title)
        return f"{rendered}\n\n{steps}\n" if steps else rendered

    def render_table(self, kind: str, src_uri: str, url_for: UrlFor, level: int = 2) -> str:
        """Every entry of `kind` in one table, from `partials/guide/<kind>-table.html`.

        `level` is the level of any heading the table has: one below the one it is under.
        """
        guide = self.site.guide
        entries = guide.of_kind(kind)
        url = self._entry_urls(url_for)
        html = self.site.env.get_template(table_template(kind)).render(
            entries=entries, kind=kind, url=url, get=guide.get, guide=guide,
            text=lambda value: inline(value, url, self._title), level=level,
            at_home=all(home(guide, e.id, self.site.layout)[0] == src_uri for e in entries))
        return html_block(html)

    def render_entry(self, entry_id: str, src_uri: str, url_for: UrlFor, level: int = 3) -> str:
        """One entry as HTML, from the partial `partials/guide/<kind>.html`.

        `level` is the entry's heading level: one below the heading it is embedded under.
        """
        guide = self.site.guide
        record = guide.records[entry_id]
        target, anchor = home(guide, entry_id, self.site.layout)
        url = self._entry_urls(url_for)

        def text(value: str) -> Markup:
            return inline(value, url, self._title)

        part_of, mentioned_in = self._backlinks(entry_id, src_uri, target, url, url_for)
        html = self.site.env.get_template(f"partials/guide/{record.kind}.html").render(
            entry=record.entry, kind=record.kind, at_home=target == src_uri, anchor=anchor,
            level=level, page_url=url_for, page_title=self._page_title,
            url=url, get=guide.get, text=text, part_of=part_of,
            mentioned_in=mentioned_in, guide=guide,
        )
        return html_block(html)

    def _page_title(self, src_uri: str) -> str:
        return self.page_titles.get(src_uri, src_uri)

    def _title(self, entry_id: str) -> str:
        return self.site.guide.get(entry_id).title

    def _entry_urls(self, url_for: UrlFor) -> UrlFor:
        """Entry id -> URL of its full view, relative to the page being rendered."""
        return lambda entry_id: url_for(self.site.target(entry_id))

    def _backlinks(self, entry_id: str, src_uri: str, own_page: str, url: UrlFor,
                   url_for: UrlFor) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """"Part of:" the entries that use this one, unless shown in full on this very page; and
        "Read more in:" the pages that embed or link it, leaving out this page, the entry's own
        page, the home page and the pages "Part of:" already leads to."""
        guide = self.site.guide
        uses = self.site.index.used_by(entry_id)
        sources = {s: home(guide, s, self.site.layout)[0] for s in dict.fromkeys(
            u.source for u in uses if not u.from_page)}
        part_of = [(plain(guide.get(s).title), url(s)) for s, page in sources.items()
                   if page != src_uri]
        shown = {src_uri, own_page, "index.md", *sources.values()}  # "Home" adds nothing
        pages = dict.fromkeys(u.source for u in uses if u.from_page and u.source not in shown)
        return part_of, [(self._page_title(p), url_for(p)) for p in pages]


def _relative(from_src: str, to_src: str) -> str:
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")

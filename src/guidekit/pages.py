"""Where every entry lives, and the Markdown of the pages generated from the data.

A generated page is plain Markdown: headings plus embed directives, so it goes through exactly
the same path as a hand-written page. An author who writes a page at the same path in `content/`
replaces the generated one (embedding entries with the same directives).

Where each page goes is the guide's `Layout`: a folder per family from its settings
(`extra.guide.pages`), and the names of shared pages and anchors in its language.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

import yaml

from .calendar import calendar_path
from .errors import Problem
from .loader import Guide
from .models import CADENCES
from .settings import SEGMENT, Pages, SettingsError
from .strings import Strings, load
from .text import markdown_text

# Kinds shown together on one page, with the key of its title in the strings file; the others
# get a page per entry. Each page's name is the string `url.<kind>` of the guide's language.
SHARED_PAGES: dict[str, str] = {
    "ritual": "page.ritual",
    "script": "page.script",
    "pitfall": "page.pitfall",
    "strategy": "page.strategy",
    "faq": "page.faq",
    "story": "page.story",
    "helpline": "page.helpline",  # on its own, at the top of the site; the others in the library
}
# The family (a folder, extra.guide.pages) of each kind with a page per entry
OWN_PAGES: dict[str, str] = {
    "phase": "roadmap",
    "checklist": "tools",
    "worksheet": "tools",
    "path": "paths",
}
# Families whose folder has an index page listing its entries, and the kinds it lists.
INDEX_PAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "paths": ("page.path-index", ("path",)),
    "roadmap": ("page.phase-index", ("phase",)),
    "tools": ("page.tool-index", ("worksheet", "checklist")),
}


@dataclass(frozen=True)
class Layout:
    """Where generated pages go: a folder per family (extra.guide.pages), and the names of the
    shared pages and of the rituals' cadence anchors in the guide's words (`url.*` strings)."""

    folders: Mapping[str, str]
    names: Mapping[str, str]  # by strings key: url.ritual, ..., url.daily, ...

    @classmethod
    def of(cls, pages: Pages, words: Strings) -> Layout:
        """The layout, or SettingsError naming the first `url.*` string that cannot be one."""
        keys = [*(f"url.{kind}" for kind in SHARED_PAGES),
                *(f"url.{cadence}" for cadence in CADENCES)]
        names = {key: words.text(key) for key in keys}
        folders = pages.folders()
        for key, name in names.items():
            if not re.fullmatch(SEGMENT, name):
                raise SettingsError(f"mkdocs.yml: field 'extra.guide.strings.{key}': {name!r} "
                                    "is not a name for an address: use lower-case letters and "
                                    "digits, words joined by single dashes")
        for group in (keys[:len(SHARED_PAGES)], keys[len(SHARED_PAGES):]):
            seen: dict[str, str] = {}
            for key in group:
                if names[key] in seen:
                    raise SettingsError(f"mkdocs.yml: field 'extra.guide.strings.{key}': "
                                        f"'{names[key]}' is also the name of "
                                        f"'{seen[names[key]]}'; give each its own")
                seen[names[key]] = key
        if names["url.helpline"] in folders.values():
            raise SettingsError(f"mkdocs.yml: field 'extra.guide.strings.url.helpline': "
                                f"'{names['url.helpline']}' is also a folder of extra.guide."
                                "pages; give each its own")
        return cls(MappingProxyType(folders), MappingProxyType(names))

    def shared(self, kind: str) -> str:
        """The page where every entry of `kind` is shown together."""
        name = self.names[f"url.{kind}"]
        return f"{name}.md" if kind == "helpline" else f"{self.folders['library']}/{name}.md"

    def own(self, kind: str, entry_id: str) -> str:
        """The page of an entry with a page of its own."""
        return f"{self.folders[OWN_PAGES[kind]]}/{entry_id}.md"

    def index(self, family: str) -> str:
        """The index page of a family's folder."""
        return f"{self.folders[family]}/index.md"

    def calendar(self, entry_id: str) -> str:
        """The calendar file of a ritual or a phase."""
        return calendar_path(entry_id, self.folders["calendar"])

    def anchor(self, cadence: str) -> str:
        """The anchor of a cadence's rituals on the rituals' page."""
        return self.names[f"url.{cadence}"]


@cache
def default_layout() -> Layout:
    """The layout of a guide in English with no `pages:` setting."""
    return Layout.of(Pages(), load("en"))


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    markdown: str
    entry: str | None = None  # the entry a page of its own is for
    title: str = ""


def home(guide: Guide, entry_id: str, layout: Layout | None = None) -> tuple[str, str]:
    """The page (path in the docs folder) and anchor where an entry is shown in full."""
    layout = layout or default_layout()
    kind = guide.records[entry_id].kind
    if kind in OWN_PAGES:
        return layout.own(kind, entry_id), ""
    if kind == "situation":
        return layout.shared("script"), entry_id
    return layout.shared(kind), entry_id


def generated_pages(guide: Guide, words: Strings | None = None,
                    layout: Layout | None = None) -> list[GeneratedPage]:
    """Every page built from the data alone, titled in the guide's language (`words`), where
    `layout` puts it."""
    return list(_pages(guide, words or load("en"), layout or default_layout()))


def _pages(guide: Guide, words: Strings, layout: Layout) -> Iterator[GeneratedPage]:
    listings: list[tuple[str, str]] = []
    library = layout.index("library")
    for kind, key in SHARED_PAGES.items():
        path, title = layout.shared(kind), words.text(key)
        sections = list(_sections(guide, kind, words, layout))
        if sections:
            listings.append((path, title))
            yield GeneratedPage(path, _page(title, sections), title=title)
    for family, (key, kinds) in INDEX_PAGES.items():
        path, title = layout.index(family), words.text(key)
        sections = [_embeds(kind, [e.id for e in _in_order(guide, kind)]) for kind in kinds
                    if guide.of_kind(kind)]
        if sections:
            listings.append((path, title))
            yield GeneratedPage(path, _page(title, sections), title=title)
    for kind in OWN_PAGES:
        for entry in guide.of_kind(kind):
            yield GeneratedPage(layout.own(kind, entry.id),
                                _page(entry.title, [_embeds(kind, [entry.id])]), entry=entry.id)
    folder = layout.folders["library"]
    links = "\n".join(f"- [{markdown_text(title)}]({posixpath.relpath(path, folder)})"
                      for path, title in listings)
    title = words.text("page.library")
    yield GeneratedPage(library, _page(title, [links]), title=title)


def page_collisions(guide: Guide, made: list[GeneratedPage]) -> list[Problem]:
    """An entry whose page would take the place of another generated page."""
    problems, first = [], {}
    for page in made:
        other = first.setdefault(page.src_uri, page)
        if other is page:
            continue
        for mine, theirs in ((page, other), (other, page)):
            if mine.entry is None:
                continue
            record = guide.records[mine.entry]
            clash = (f"entry '{theirs.entry}'" if theirs.entry
                     else f"the generated page '{theirs.title}'")
            problems.append(Problem(record.file, *record.where("id"),
                                    f"its page {page.src_uri} would also be the page of {clash}",
                                    entry=mine.entry, field="id", hint="choose another id",
                                    code="page-collision"))
    return problems


def _in_order(guide: Guide, kind: str) -> list:
    entries = guide.of_kind(kind)
    return sorted(entries, key=lambda e: e.order) if kind == "phase" else entries


def _sections(guide: Guide, kind: str, words: Strings, layout: Layout) -> Iterator[str]:
    """Markdown sections of a shared page: grouped by cadence or situation where it applies."""
    entries = guide.of_kind(kind)
    if kind == "ritual":
        for cadence in CADENCES:
            ids = [r.id for r in entries if r.cadence == cadence]
            if ids:
                heading = markdown_text(words.text(f"cadence.{cadence}"))
                yield f"## {heading} {{#{layout.anchor(cadence)}}}\n\n{_embeds(kind, ids)}"
    elif kind == "script":
        for situation in guide.of_kind("situation"):
            ids = [s.id for s in entries if s.situation == situation.id]
            if ids:
                yield (f"## {markdown_text(situation.title)} {{#{situation.id}}}\n\n"
                       f"{_embeds('situation', [situation.id])}\n\n{_embeds(kind, ids)}")
    elif kind == "helpline":
        for country in dict.fromkeys(e.country for e in entries):
            ids = [e.id for e in entries if e.country == country]
            yield f"## {markdown_text(country)}\n\n{_embeds(kind, ids)}"
    elif entries:
        yield _embeds(kind, [e.id for e in entries])


def _embeds(kind: str, ids: list[str]) -> str:
    return "\n\n".join(f"<!-- guide:{kind} {entry_id} -->" for entry_id in ids)


def _page(title: str, sections: list[str]) -> str:
    """A generated page: its title in front matter and as its heading, each escaped for its place.

    MkDocs and the theme treat a page's title as HTML (they write it unescaped into the
    navigation and `<title>`), so the front matter holds the title HTML-escaped, as MkDocs itself
    takes it from a heading; YAML's own writer quotes it.
    """
    front = yaml.safe_dump({"title": html.escape(title, quote=False)}, allow_unicode=True,
                           width=float("inf"))
    body = "\n\n".join(sections)
    return f"---\n{front}---\n\n# {markdown_text(title)}\n\n{body}\n"

"""Where every entry lives, and the Markdown of the pages generated from the data.

A generated page is plain Markdown: headings plus embed directives, so it goes through exactly
the same path as a hand-written page. An author who writes a page at the same path in `content/`
replaces the generated one (embedding entries with the same directives).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from .errors import Problem
from .loader import Guide
from .models import CADENCES
from .strings import Strings, load
from .text import markdown_text

# Kinds shown together on one library page, with the key of its title in the strings file; the
# others get a page per entry.
SHARED_PAGES: dict[str, tuple[str, str]] = {
    "ritual": ("library/rituals.md", "page.ritual"),
    "script": ("library/scripts.md", "page.script"),
    "pitfall": ("library/pitfalls.md", "page.pitfall"),
    "strategy": ("library/strategies.md", "page.strategy"),
    "faq": ("library/questions.md", "page.faq"),
    "story": ("library/stories.md", "page.story"),
    "helpline": ("help-now.md", "page.helpline"),
}
OWN_PAGES: dict[str, str] = {
    "phase": "roadmap/{id}.md",
    "checklist": "tools/{id}.md",
    "worksheet": "tools/{id}.md",
    "path": "paths/{id}.md",
}
# Index pages that list entries with a page of their own, and the kinds they list.
INDEX_PAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "paths/index.md": ("page.path-index", ("path",)),
    "roadmap/index.md": ("page.phase-index", ("phase",)),
    "tools/index.md": ("page.tool-index", ("worksheet", "checklist")),
}


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    markdown: str
    entry: str | None = None  # the entry a page of its own is for
    title: str = ""


def home(guide: Guide, entry_id: str) -> tuple[str, str]:
    """The page (path in the docs folder) and anchor where an entry is shown in full."""
    kind = guide.records[entry_id].kind
    if kind in OWN_PAGES:
        return OWN_PAGES[kind].format(id=entry_id), ""
    if kind == "situation":
        return SHARED_PAGES["script"][0], entry_id
    return SHARED_PAGES[kind][0], entry_id


def generated_pages(guide: Guide, words: Strings | None = None) -> list[GeneratedPage]:
    """Every page built from the data alone, titled in the guide's language (`words`)."""
    return list(_pages(guide, words or load("en")))


def _pages(guide: Guide, words: Strings) -> Iterator[GeneratedPage]:
    listings: list[tuple[str, str]] = []
    for kind, (path, key) in SHARED_PAGES.items():
        title = words.text(key)
        sections = list(_sections(guide, kind, words))
        if sections:
            listings.append((path, title))
            yield GeneratedPage(path, _page(title, sections), title=title)
    for path, (key, kinds) in INDEX_PAGES.items():
        title = words.text(key)
        sections = [_embeds(kind, [e.id for e in _in_order(guide, kind)]) for kind in kinds
                    if guide.of_kind(kind)]
        if sections:
            listings.append((path, title))
            yield GeneratedPage(path, _page(title, sections), title=title)
    for kind, pattern in OWN_PAGES.items():
        for entry in guide.of_kind(kind):
            yield GeneratedPage(pattern.format(id=entry.id),
                                _page(entry.title, [_embeds(kind, [entry.id])]), entry=entry.id)
    links = "\n".join(f"- [{markdown_text(title)}](../{path})" for path, title in listings
                      if path != "library/index.md")
    title = words.text("page.library")
    yield GeneratedPage("library/index.md", _page(title, [links]), title=title)


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
                                    entry=mine.entry, field="id", hint="choose another id"))
    return problems


def _in_order(guide: Guide, kind: str) -> list:
    entries = guide.of_kind(kind)
    return sorted(entries, key=lambda e: e.order) if kind == "phase" else entries


def _sections(guide: Guide, kind: str, words: Strings) -> Iterator[str]:
    """Markdown sections of a shared page: grouped by cadence or situation where it applies."""
    entries = guide.of_kind(kind)
    if kind == "ritual":
        for cadence in CADENCES:
            ids = [r.id for r in entries if r.cadence == cadence]
            if ids:
                heading = markdown_text(words.text(f"cadence.{cadence}"))
                yield f"## {heading} {{#{cadence}}}\n\n{_embeds(kind, ids)}"
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

"""The guide as a site: data, hand-written pages and templates, checked together.

`check_site` is the pure check: it returns the checked guide (a frozen `GuideSite`) or every
problem. The site hands a `Renderer` the page titles once the adapter knows them. This is what an
adapter (the MkDocs hooks) talks to; it never imports MkDocs.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from html import unescape
from pathlib import Path

import yaml
from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
)

from .directives import DEAD_LINK, Directive, dead_link, scan
from .errors import GuideError, Problem, did_you_mean
from .helplines import long_date
from .loader import Guide, read_guide
from .models import KINDS
from .pages import (
    GeneratedPage,
    Layout,
    default_layout,
    generated_pages,
    home,
    page_collisions,
)
from .paths import NextStep, check_paths, next_steps_by_page
from .references import Index, Use, check_reference, index_data
from .render import Renderer, table_template
from .rhythm import rhythm
from .settings import GuideSettings, unknown_choices
from .strings import Strings, load
from .text import decode_page, plain

ENTRY_KINDS = frozenset(KINDS.values())
_TITLE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_LINK_FORM = "write it as [words](guide:ID) or [](guide:ID)"
# Front matter, as MkDocs finds it
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class GuideSite:
    """The checked guide: its entries, who uses what, the pages the data makes and the titles
    the pages give themselves. Made by `check_site` (or `load`) and never changed after."""

    guide: Guide
    index: Index
    env: Environment
    made: tuple[GeneratedPage, ...]  # every page the data makes
    next_steps: Mapping[str, list[NextStep]]  # by page on a path
    page_titles: Mapping[str, str]  # by page, as each page's Markdown gives it
    written: frozenset[str]  # pages an author wrote, by path
    docs_name: str = "content"
    words: Strings = field(default_factory=lambda: load("en"))  # what readers see, in language
    settings: GuideSettings = field(default_factory=GuideSettings)  # extra.guide
    layout: Layout = field(default_factory=default_layout)  # where generated pages go

    @classmethod
    def load(cls, data_dir: Path, template_dirs: list[Path], pages: Mapping[str, str | bytes],
             *, root: Path | None = None, docs_name: str = "content",
             cache_dir: Path | None = None, words: Strings | None = None,
             settings: GuideSettings | None = None, layout: Layout | None = None) -> GuideSite:
        """The checked guide (see `check_site`), or `GuideError` with every problem."""
        site, problems = check_site(data_dir, template_dirs, pages, root=root,
                                    docs_name=docs_name, cache_dir=cache_dir, words=words,
                                    settings=settings, layout=layout)
        if site is None:
            raise GuideError(problems)
        return site

    def renderer(self, page_titles: Mapping[str, str] | None = None) -> Renderer:
        """A renderer naming pages by `page_titles` where given (the adapter's navigation knows
        them best), else by the titles the pages give themselves."""
        return Renderer(self, {**self.page_titles, **(page_titles or {})})

    def generated(self, existing: set[str]) -> list[GeneratedPage]:
        """Pages made from the data that no author has replaced."""
        return [p for p in self.made if p.src_uri not in existing]

    def target(self, entry_id: str) -> str:
        """Where an entry is shown in full: its page in the docs folder, with its #anchor."""
        page, anchor = home(self.guide, entry_id, self.layout)
        return page + (f"#{anchor}" if anchor else "")

    def name(self, src_uri: str) -> str:
        """How problems name a page: its file, or what it is generated from."""
        return _page_name(src_uri, self.written, self.docs_name)

    def check_html(self, src_uri: str, html: str, source: Callable[[], str]) -> list[Problem]:
        """A built page must hold no `guide:` link left dead (a form no directive recognised).

        `source` gives the page's Markdown, read only to point at such a link.
        """
        problems = []
        for match in DEAD_LINK.finditer(html):
            link = match["href"]
            at = source().lower().find(link.lower())
            line = source().count("\n", 0, at) + 1 if at >= 0 else 1
            column = at - source().rfind("\n", 0, at) if at >= 0 else 1
            problems.append(Problem(self.name(src_uri), line, column, dead_link(link),
                                    hint=_LINK_FORM, code="dead-link"))
        return problems


def check_site(data_dir: Path, template_dirs: list[Path], pages: Mapping[str, str | bytes],
               *, root: Path | None = None, docs_name: str = "content",
               cache_dir: Path | None = None, words: Strings | None = None,
               settings: GuideSettings | None = None, layout: Layout | None = None
               ) -> tuple[GuideSite | None, list[Problem]]:
    """Load the data and scan `pages` ({path in docs folder: Markdown, as text or as the file's
    bytes}): the checked guide and no problem, or None and every problem. Raises nothing.

    Compiled templates are kept in `cache_dir`, when given, for the next build. `words` are the
    strings of the guide's language (English when not given); templates get them as
    `t(key, **values)`; `settings` (mkdocs.yml's extra.guide) reach them as `settings`.
    `layout` says where generated pages go (made from `settings` and `words` when not given:
    a caller that takes them from an author checks it first with `Layout.of`).

    Generated pages are scanned with the written ones unless an author wrote one at the same
    path, so their links count like any other.
    """
    guide, problems = read_guide(data_dir, root=root)
    if guide.unreadable:
        return None, problems  # one syntax slip, not dozens of missing-id follow-ons
    index, found = index_data(guide)
    problems.extend(found)
    if settings is not None:  # a build always has them; a test of the data alone may not
        problems.extend(unknown_choices(guide, settings))
    words, settings = words or load("en"), settings or GuideSettings()
    layout = layout or Layout.of(settings.pages, words)
    env = _environment(template_dirs, cache_dir, words, settings, layout)
    made = generated_pages(guide, words, layout)
    problems.extend(page_collisions(guide, made))
    texts, unreadable = _decoded(pages, docs_name)
    problems.extend(unreadable)
    written = frozenset(texts)

    def name(src_uri: str) -> str:
        return _page_name(src_uri, written, docs_name)

    all_pages = {p.src_uri: p.markdown for p in made if p.src_uri not in texts}
    all_pages.update(texts)
    titles = {}
    for src_uri, markdown in all_pages.items():
        if guide.broken and src_uri not in texts:
            continue  # generated from entries that failed: nothing new to report
        titles[src_uri] = page_title(markdown, src_uri)
        problems.extend(_scan_page(guide, index, env, src_uri, name(src_uri), markdown))
    # Every step of a reading path must be a page of the site that fits the path
    made_for = {p.src_uri: p.entry for p in made if p.entry}
    problems.extend(check_paths(guide, all_pages, made_for, name))
    if problems:
        return None, problems
    return GuideSite(guide, index, env, tuple(made), next_steps_by_page(guide, layout), titles,
                     written, docs_name, words, settings, layout), []


# --- Pages ------------------------------------------------------------------------------------


def _page_name(src_uri: str, written: frozenset[str], docs_name: str) -> str:
    return f"{docs_name}/{src_uri}" if src_uri in written else f"(generated) {src_uri}"


def _scan_page(guide: Guide, index: Index, env: Environment, src_uri: str, name: str,
               markdown: str) -> list[Problem]:
    """The problems of a page's directives; each use of an entry is added to `index`."""
    problems = []
    for directive in scan(markdown):
        error = _check(guide, env, directive)
        if error:
            problems.append(Problem(name, directive.line, directive.column, error[0],
                                    entry=directive.id or None, hint=error[1],
                                    field=f"guide:{directive.kind or 'link'}"
                                    if not directive.error else None, code=error[2]))
        elif directive.kind != "table":
            index.add(Use(src_uri, directive.id, directive.kind or "link", from_page=True))
    return problems


def _check(guide: Guide, env: Environment, directive: Directive
           ) -> tuple[str, str | None, str] | None:
    """(message, hint, code) for a directive that is wrong, or None."""
    kinds = sorted(ENTRY_KINDS | {"table"})
    if directive.error and directive.kind is None:
        return directive.error, _LINK_FORM, "bad-link"
    if directive.error:
        kind = directive.kind if directive.kind in kinds else next(
            iter(difflib.get_close_matches(directive.kind or "", kinds, n=1)), "KIND")
        return (directive.error, f"expected <!-- guide:{kind} {directive.id or 'ID'} -->",
                "bad-embed")
    if directive.kind == "table":
        return _check_table(env, directive.id)
    if directive.kind is not None and directive.kind not in ENTRY_KINDS:
        return (f"unknown kind '{directive.kind}' in an embed",
                did_you_mean(directive.kind, kinds)
                or f"expected one of {', '.join(sorted(ENTRY_KINDS))}", "unknown-kind")
    found = check_reference(guide, directive.id, directive.kind)
    return (*found, "bad-reference") if found else None


# --- Tables: <!-- guide:table strategy --> shows every entry of a kind side by side -----------


def _check_table(env: Environment, kind: str) -> tuple[str, str | None, str] | None:
    if _has_template(env, table_template(kind)):
        return None
    kinds = sorted(k for k in ENTRY_KINDS if _has_template(env, table_template(k)))
    return f"no table for the kind '{kind}'", f"expected one of {', '.join(kinds)}", "no-table"


def _has_template(env: Environment, name: str) -> bool:
    try:
        env.get_template(name)
    except TemplateNotFound:
        return False
    return True


def page_title(markdown: str, src_uri: str) -> str:
    """A page's title as text: front matter `title:`, else its first `# heading`, else its file
    name. MkDocs takes a title as HTML, so entities in it are read as the characters they stand
    for."""
    front = _FRONT_MATTER.match(markdown)
    try:
        meta = yaml.safe_load(front[1]) if front else None
    except yaml.YAMLError:
        meta = None  # MkDocs reports front matter it cannot read
    if isinstance(meta, dict) and isinstance(meta.get("title"), str) and meta["title"].strip():
        return unescape(meta["title"].strip())
    heading = _TITLE.search(markdown)
    if heading:
        return unescape(heading[1].strip())
    return Path(src_uri).stem.replace("-", " ").capitalize()


def _decoded(pages: Mapping[str, str | bytes], docs_name: str
             ) -> tuple[dict[str, str], list[Problem]]:
    """Every page as text, and a problem for each page that is not UTF-8."""
    texts, problems = {}, []
    for src_uri, content in pages.items():
        text = content if isinstance(content, str) else decode_page(content,
                                                                    f"{docs_name}/{src_uri}")
        if isinstance(text, Problem):
            problems.append(text)
        texts[src_uri] = "" if isinstance(text, Problem) else text  # still a page of the site
    return texts, problems


def _environment(template_dirs: list[Path], cache_dir: Path | None,
                 words: Strings, settings: GuideSettings, layout: Layout) -> Environment:
    env = Environment(loader=FileSystemLoader([str(d) for d in template_dirs]), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      bytecode_cache=_bytecode_cache(cache_dir),
                      auto_reload=False)  # one build's environment: no need to stat templates
    env.filters["plain"] = plain
    env.filters["long_date"] = partial(long_date, words=words)
    env.globals["t"] = words.t
    env.globals["rhythm"] = partial(rhythm, words=words)  # how often a ritual happens, in words
    env.globals["settings"] = settings
    env.globals["calendar_file"] = layout.calendar  # an entry's .ics, by its id
    return env


def _bytecode_cache(cache_dir: Path | None) -> FileSystemBytecodeCache | None:
    """Compiled templates, reused while their source is unchanged (Jinja checks a checksum)."""
    if cache_dir is None:
        return None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only checkout builds without the cache
    return FileSystemBytecodeCache(str(cache_dir))


__all__ = ["GuideError", "GuideSite", "Renderer", "check_site", "page_title"]

"""The guide as a site: data, hand-written pages and templates, checked together.

This is the one object an adapter (the MkDocs hooks) talks to. It never imports MkDocs.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
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
from markupsafe import Markup

from .directives import DEAD_LINK, Directive, dead_link, rewrite, scan
from .errors import GuideError, Problem, did_you_mean
from .loader import Guide, read_guide
from .models import KINDS
from .pages import GeneratedPage, generated_pages, home, page_collisions
from .paths import NextStep, check_paths, next_steps_by_page, render_next_steps
from .references import Index, Use, check_reference, index_data
from .settings import GuideSettings, unknown_choices
from .strings import Strings, load
from .text import decode_page, html_block, inline, markdown_text, plain

# Resolves a path in the docs folder (with an optional #anchor) to a URL relative to the page.
UrlFor = Callable[[str], str]
ENTRY_KINDS = frozenset(KINDS.values())
_TITLE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_LINK_FORM = "write it as [words](guide:ID) or [](guide:ID)"
# Front matter, as MkDocs finds it
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.DOTALL)


@dataclass
class GuideSite:
    guide: Guide
    index: Index
    env: Environment
    page_titles: dict[str, str] = field(default_factory=dict)
    made: list[GeneratedPage] = field(default_factory=list)  # every page the data makes
    next_steps: dict[str, list[NextStep]] = field(default_factory=dict)  # by page on a path
    docs_name: str = "content"
    written: set[str] = field(default_factory=set)  # pages an author wrote, by path
    words: Strings = field(default_factory=lambda: load("en"))  # what readers see, in language
    settings: GuideSettings = field(default_factory=GuideSettings)  # extra.guide

    @classmethod
    def load(cls, data_dir: Path, template_dirs: list[Path], pages: Mapping[str, str | bytes],
             *, root: Path | None = None, docs_name: str = "content",
             cache_dir: Path | None = None, words: Strings | None = None,
             settings: GuideSettings | None = None) -> GuideSite:
        """Load the data and scan `pages` ({path in docs folder: Markdown, as text or as the
        file's bytes}); raise every problem.

        Compiled templates are kept in `cache_dir`, when given, for the next build. `words` are
        the strings of the guide's language (English when not given); templates get them as
        `t(key, **values)`; `settings` (mkdocs.yml's extra.guide) reach them as `settings`.

        Generated pages are added to `pages` before the scan unless an author wrote one at the
        same path, so their links count like any other.
        """
        guide, problems = read_guide(data_dir, root=root)
        if guide.unreadable:
            raise GuideError(problems)  # one syntax slip, not dozens of missing-id follow-ons
        index, found = index_data(guide)
        problems.extend(found)
        if settings is not None:  # a build always has them; a test of the data alone may not
            problems.extend(unknown_choices(guide, settings))
        words, settings = words or load("en"), settings or GuideSettings()
        site = cls(guide, index, _environment(template_dirs, cache_dir, words, settings),
                   docs_name=docs_name, words=words, settings=settings)
        site.made = generated_pages(guide, words)
        site.next_steps = next_steps_by_page(guide)
        problems.extend(page_collisions(guide, site.made))
        pages, unreadable = _decoded(pages, docs_name)
        problems.extend(unreadable)
        site.written = set(pages)
        all_pages = {p.src_uri: p.markdown for p in site.made if p.src_uri not in pages}
        all_pages.update(pages)
        for src_uri, markdown in all_pages.items():
            if guide.broken and src_uri not in pages:
                continue  # generated from entries that failed: nothing new to report
            site.page_titles[src_uri] = page_title(markdown, src_uri)
            problems.extend(site._scan_page(src_uri, site._name(src_uri), markdown))
        problems.extend(site._check_paths(all_pages))
        if problems:
            raise GuideError(problems)
        return site

    def _check_paths(self, pages: Mapping[str, str]) -> list[Problem]:
        """Every step of a reading path must be a page of the site that fits the path."""
        made_for = {p.src_uri: p.entry for p in self.made if p.entry}
        return check_paths(self.guide, pages, made_for, self._name)

    def generated(self, existing: set[str]) -> list[GeneratedPage]:
        """Pages made from the data that no author has replaced."""
        return [p for p in self.made if p.src_uri not in existing]

    # --- Pages ------------------------------------------------------------------------------

    def _scan_page(self, src_uri: str, name: str, markdown: str) -> list[Problem]:
        problems = []
        for directive in scan(markdown):
            error = self._check(directive)
            if error:
                problems.append(Problem(name, directive.line, directive.column, error[0],
                                        entry=directive.id or None, hint=error[1],
                                        field=f"guide:{directive.kind or 'link'}"
                                        if not directive.error else None))
            elif directive.kind != "table":
                self.index.add(Use(src_uri, directive.id, directive.kind or "link",
                                   from_page=True))
        return problems

    def _name(self, src_uri: str) -> str:
        """How problems name a page: its file, or what it is generated from."""
        return (f"{self.docs_name}/{src_uri}" if src_uri in self.written
                else f"(generated) {src_uri}")

    def _check(self, directive: Directive) -> tuple[str, str | None] | None:
        kinds = sorted(ENTRY_KINDS | {"table"})
        if directive.error and directive.kind is None:
            return directive.error, _LINK_FORM
        if directive.error:
            kind = directive.kind if directive.kind in kinds else next(
                iter(difflib.get_close_matches(directive.kind or "", kinds, n=1)), "KIND")
            return directive.error, f"expected <!-- guide:{kind} {directive.id or 'ID'} -->"
        if directive.kind == "table":
            return self._check_table(directive.id)
        if directive.kind is not None and directive.kind not in ENTRY_KINDS:
            return (f"unknown kind '{directive.kind}' in an embed",
                    did_you_mean(directive.kind, kinds)
                    or f"expected one of {', '.join(sorted(ENTRY_KINDS))}")
        return check_reference(self.guide, directive.id, directive.kind)

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
            problems.append(Problem(
                self._name(src_uri), line, column,
                dead_link(link), hint=_LINK_FORM))
        return problems

    def render_page(self, src_uri: str, markdown: str, url_for: UrlFor) -> str:
        """The page's Markdown with every directive replaced: embeds by HTML, links by links."""

        def replace(directive: Directive) -> str:
            if directive.kind is None:
                url = _relative(src_uri, self.target(directive.id))
                title = f" {directive.title}" if directive.title else ""
                if directive.label:
                    return f"[{directive.label}]: {url}{title}"
                text = directive.text or markdown_text(plain(self.guide.get(directive.id).title))
                return f"[{text}]({url}{title})"
            level = min(max(directive.depth + 1, 2), 6)
            if directive.kind == "table":
                return "\n\n" + self.render_table(directive.id, src_uri, url_for, level) + "\n\n"
            return "\n\n" + self.render_entry(directive.id, src_uri, url_for, level) + "\n\n"

        rendered = rewrite(markdown, replace)
        # "Next step" links on every page of a reading path
        steps = render_next_steps(self.env, self.next_steps.get(src_uri, []), url_for=url_for,
                                  title_for=lambda path: self.page_titles.get(path, path))
        return f"{rendered}\n\n{steps}\n" if steps else rendered

    # --- Tables: <!-- guide:table strategy --> shows every entry of a kind side by side ---------

    def _check_table(self, kind: str) -> tuple[str, str | None] | None:
        if self._has_template(_table_template(kind)):
            return None
        kinds = sorted(k for k in ENTRY_KINDS if self._has_template(_table_template(k)))
        return f"no table for the kind '{kind}'", f"expected one of {', '.join(kinds)}"

    def _has_template(self, name: str) -> bool:
        try:
            self.env.get_template(name)
        except TemplateNotFound:
            return False
        return True

    def render_table(self, kind: str, src_uri: str, url_for: UrlFor, level: int = 2) -> str:
        """Every entry of `kind` in one table, from `partials/guide/<kind>-table.html`.

        `level` is the level of any heading the table has: one below the one it is under.
        """
        entries = self.guide.of_kind(kind)
        url = self._entry_urls(url_for)
        html = self.env.get_template(_table_template(kind)).render(
            entries=entries, kind=kind, url=url, get=self.guide.get, guide=self.guide,
            text=lambda value: inline(value, url, self._title), level=level,
            at_home=all(home(self.guide, e.id)[0] == src_uri for e in entries))
        return html_block(html)

    # --- Entries ----------------------------------------------------------------------------

    def render_entry(self, entry_id: str, src_uri: str, url_for: UrlFor, level: int = 3) -> str:
        """One entry as HTML, from the partial `partials/guide/<kind>.html`.

        `level` is the entry's heading level: one below the heading it is embedded under.
        """
        record = self.guide.records[entry_id]
        target, anchor = home(self.guide, entry_id)
        url = self._entry_urls(url_for)

        def text(value: str) -> Markup:
            return inline(value, url, self._title)

        at_home = target == src_uri
        part_of, mentioned_in = self._backlinks(entry_id, src_uri, target, url, url_for)
        html = self.env.get_template(f"partials/guide/{record.kind}.html").render(
            entry=record.entry, kind=record.kind, at_home=at_home, anchor=anchor,
            level=level,
            page_url=url_for, page_title=lambda path: self.page_titles.get(path, path),
            url=url, get=self.guide.get, text=text, part_of=part_of,
            mentioned_in=mentioned_in, guide=self.guide,
        )
        return html_block(html)

    def _title(self, entry_id: str) -> str:
        return self.guide.get(entry_id).title

    def target(self, entry_id: str) -> str:
        """Where an entry is shown in full: its page in the docs folder, with its #anchor."""
        page, anchor = home(self.guide, entry_id)
        return page + (f"#{anchor}" if anchor else "")

    def _entry_urls(self, url_for: UrlFor) -> UrlFor:
        """Entry id -> URL of its full view, relative to the page being rendered."""
        return lambda entry_id: url_for(self.target(entry_id))

    def _backlinks(self, entry_id: str, src_uri: str, own_page: str, url: UrlFor,
                   url_for: UrlFor) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """"Part of:" the entries that use this one, unless shown in full on this very page; and
        "Read more in:" the pages that embed or link it, leaving out this page, the entry's own
        page, the home page and the pages "Part of:" already leads to."""
        uses = self.index.used_by(entry_id)
        sources = {s: home(self.guide, s)[0] for s in dict.fromkeys(
            u.source for u in uses if not u.from_page)}
        part_of = [(plain(self.guide.get(s).title), url(s)) for s, page in sources.items()
                   if page != src_uri]
        shown = {src_uri, own_page, "index.md", *sources.values()}  # "Home" adds nothing
        pages = dict.fromkeys(u.source for u in uses if u.from_page and u.source not in shown)
        return part_of, [(self.page_titles.get(p, p), url_for(p)) for p in pages]

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


def _table_template(kind: str) -> str:
    return f"partials/guide/{kind}-table.html"


def _environment(template_dirs: list[Path], cache_dir: Path | None,
                 words: Strings, settings: GuideSettings) -> Environment:
    env = Environment(loader=FileSystemLoader([str(d) for d in template_dirs]), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      bytecode_cache=_bytecode_cache(cache_dir),
                      auto_reload=False)  # one build's environment: no need to stat templates
    env.filters["plain"] = plain
    env.globals["t"] = words.t
    env.globals["settings"] = settings
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


def _relative(from_src: str, to_src: str) -> str:
    import posixpath

    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")



__all__ = ["GuideError", "GuideSite", "page_title"]

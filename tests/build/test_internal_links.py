"""Every link and anchor inside the built site leads somewhere, raw HTML from the partials too.

MkDocs' own `validation:` checks the links written in Markdown; the entry partials write HTML
that it never reads, so this follows every href and src of every built page.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.support.project import Build, built_starter

ORIGIN = "http://site.invalid/"
EXTERNAL = ("http:", "https:", "mailto:", "tel:", "data:")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag in ("a", "link", "area") and found.get("href") is not None:
            self.links.append(found["href"] or "")
        if tag in ("script", "img", "source", "iframe") and found.get("src"):
            self.links.append(found["src"] or "")


def _read(path: Path, pages: dict[Path, _Page]) -> _Page:
    if path not in pages:
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path] = parser
    return pages[path]


def _target(site: Path, url: str) -> Path | None:
    path = site / unquote(urlsplit(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def broken_links(site: Path) -> list[str]:
    pages: dict[Path, _Page] = {}
    broken = []
    for page_file in sorted(site.rglob("*.html")):
        base = ORIGIN + page_file.relative_to(site).as_posix()
        for link in _read(page_file, pages).links:
            if link.startswith(EXTERNAL) or link == "#":
                continue
            url = urljoin(base, link)
            if not url.startswith(ORIGIN):
                continue  # another host: the CSP and the browser tests keep those out
            target = _target(site, url[len(ORIGIN):])
            where = f"{page_file.relative_to(site)}: {link}"
            if target is None:
                broken.append(f"{where} (no such file)")
                continue
            anchor = unquote(urlsplit(url).fragment)
            if anchor and target.suffix == ".html" and anchor not in _read(target, pages).ids:
                broken.append(f"{where} (no #{anchor} there)")
    return broken


@pytest.mark.parametrize("which", ["starter", "site"])
def test_every_internal_link_and_anchor_resolves(which: str, request) -> None:
    """On the starter, and on whatever guide this project holds."""
    site: Build = built_starter() if which == "starter" else request.getfixturevalue("site")
    assert len(site.pages()) > 10
    assert broken_links(site.site) == []


def test_the_check_finds_a_broken_anchor_and_a_missing_page(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">Here</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/#here">ok</a><a href="a/#gone">anchor</a><a href="b/">page</a>'
        '<a href="https://example.org/">away</a><img src="a/logo.png">', encoding="utf-8")
    assert broken_links(tmp_path) == [
        "index.html: a/#gone (no #gone there)", "index.html: b/ (no such file)",
        "index.html: a/logo.png (no such file)"]


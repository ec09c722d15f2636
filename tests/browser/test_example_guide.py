"""The Spanish guide (examples/sueno) in Chromium, with the engine as it is: every page private,
error-free and accessible, ticks kept in the browser, and its sheet on its pages on paper."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import watched_page
from tests.support.browser import Server, axe_violations, one_page_of_each_kind, summary
from tests.support.example import SUENO, build_example
from tests.support.project import Build
from tests.support.tool_site import checklist_page, guide, sheet_pages


@pytest.fixture(scope="module")
def sueno(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Build, Server]]:
    built = build_example(tmp_path_factory.mktemp("sueno") / "site")
    assert built.returncode == 0, built.output
    served = Server(built.site)
    yield built, served
    served.close()


@pytest.fixture
def page(profile, sueno):
    """A page that fails the test on a request off the site, an error or a Content-Security-Policy
    violation, in a browser holding nothing of earlier tests."""
    _, server = sueno
    with watched_page(profile, server.origin) as opened:
        yield opened


def test_each_kind_of_page_is_private_clean_and_accessible(page, sueno) -> None:
    """The engine's pages in another guide and language: one page of each kind (the guide's own
    every-page test sweeps every page of the engine's templates)."""
    built, server = sueno
    for path in one_page_of_each_kind(built):
        page.goto(server.url(path))
        assert page.evaluate("document.documentElement.lang") == "es"
        found = summary(axe_violations(page))
        assert not found, f"axe found on /{path}:\n" + "\n".join(found)


def test_a_tick_on_the_monthly_checklist_stays_in_this_browser(page, sueno) -> None:
    built, server = sueno
    path, checklist = checklist_page(built)  # its page under its Spanish tools folder
    page.goto(server.url(path))
    ready = page.locator(".guide-checklist[data-ready]")
    expect(ready).to_have_count(1)  # set up: a tick from now on is kept
    item = guide(SUENO).get(checklist).items[-1].text
    page.get_by_role("checkbox", name=item).check()
    page.reload()
    expect(ready).to_have_count(1)
    expect(page.get_by_role("checkbox", name=item)).to_be_checked()


def test_the_sleep_diary_prints_on_its_pages(page, sueno) -> None:
    built, server = sueno
    [(sheet_id, path)] = sheet_pages(built).items()  # the diary, its one worksheet
    sheet = guide(SUENO).get(sheet_id)
    page.goto(server.url(path))
    expect(page.locator("[data-sheet-ready]")).to_have_count(1)
    for paper in ("A4", "Letter"):
        printed = PdfReader(io.BytesIO(page.pdf(format=paper))).pages
        assert 1 <= len(printed) <= sheet.max_pages, paper
        text = " ".join(" ".join(p.extract_text() or "" for p in printed).split())
        for section in sheet.sections:
            assert section.title in text, f"'{section.title}' is not printed on {paper}"

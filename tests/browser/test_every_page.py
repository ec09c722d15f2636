"""Every built page, in Chromium: nothing leaves the site, no errors, no axe violations, and a
way to leave quickly in view, on a desktop in the light palette and on a phone in the dark one."""

from __future__ import annotations

import html
import re
from functools import cache

import pytest
from playwright.sync_api import expect

from guidekit.project import read_project
from guidekit.settings import GuideSettings
from tests.support.browser import (
    PALETTE_AND_SIZE_RULES,
    axe_violations,
    one_page_of_each_kind,
    summary,
)
from tests.support.project import ROOT, built_site
from tests.support.tool_site import words

PHONE = {"width": 375, "height": 740}
W = words()
LEAVE = W.text("frame.leave") + W.text("frame.leave-more")  # the quick exit's name
CONTENT = ".md-content"  # Material's box for the page's own content
QUICK_EXIT = GuideSettings.model_validate(read_project(ROOT).settings or {}).blocks.quick_exit


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "page_path" in metafunc.fixturenames:
        metafunc.parametrize("page_path", built_site().pages())


@cache
def _kinds() -> list[str]:
    return one_page_of_each_kind(built_site())


def _quick_exit_in_view(page) -> None:
    """A way to leave quickly, once and in view; none on a guide that turns it off."""
    leave = page.get_by_role("link", name=LEAVE, exact=True)
    if not QUICK_EXIT:
        expect(page.locator("[data-guide-quick-exit]")).to_have_count(0)
        return
    expect(leave).to_have_count(1)
    assert leave.is_visible() and leave.is_enabled()
    assert page.evaluate("""() => { const box = document.querySelector('[data-guide-quick-exit]')
        .getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight
        && box.left >= 0 && box.right <= innerWidth; }""")


def _to_dark_on_a_phone(page) -> None:
    """The reader's phone prefers dark and they pick the dark palette with the header's toggle
    (Material keeps the palette of the first visit, so the page is not loaded again). The toggle
    is clicked without the mouse, which would stay hovering over whatever the phone's narrower
    layout then puts under it."""
    page.emulate_media(color_scheme="dark")
    page.locator('[data-md-component="palette"] label:visible').evaluate(
        "toggle => toggle.control.click()")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.set_viewport_size(PHONE)


def test_page_is_private_clean_and_accessible_light_and_dark(
        watched, server, page_path: str) -> None:
    """All of axe's WCAG rules on a desktop in the light palette; then in the dark palette on a
    phone, the rules whose findings change with palette or size. On one page of each kind, the
    whole page, with every rule on the phone too; on the others, the page's own content: the
    frame around it (header, menus, footer) is the same on every page."""
    whole = page_path in _kinds()
    within = None if whole else CONTENT
    watched.goto(server.url(page_path))
    _quick_exit_in_view(watched)
    found = summary(axe_violations(watched, within=within))
    assert not found, f"axe found on /{page_path}:\n" + "\n".join(found)

    _to_dark_on_a_phone(watched)
    _quick_exit_in_view(watched)
    found = summary(axe_violations(
        watched, within=within, rules=None if whole else PALETTE_AND_SIZE_RULES))
    assert not found, f"axe found on /{page_path} (dark, phone):\n" + "\n".join(found)


def test_a_page_loaded_on_a_phone_in_the_dark_follows_the_phone(watched, server) -> None:
    """A reader whose phone prefers dark gets the dark palette from the first page, no toggle."""
    watched.emulate_media(color_scheme="dark")
    watched.set_viewport_size(PHONE)
    watched.goto(server.url(""))
    # Material sets the scheme from a script: wait for it (a busy machine can be slow)
    expect(watched.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    _quick_exit_in_view(watched)
    found = summary(axe_violations(watched))
    assert not found, "axe found on the home page (loaded dark, on a phone):\n" + "\n".join(found)


def _a_title() -> str:
    """The main heading of the guide's first page after its home page, as search shows it."""
    found = (re.search(r"<h1[^>]*>(.*?)</h1>", built_site().html(page), re.S)
             for page in built_site().pages() if page not in ("", "404.html"))
    heading = next(match[1] for match in found if match)
    heading = re.sub(r'<a class="headerlink".*?</a>', "", heading)  # its permalink
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", heading)).split())


def test_open_search_dialog_is_named_and_accessible(watched, server) -> None:
    # The dialog takes the theme's own word for "Search", in the guide's language
    name = re.search(r'<div class="md-search" data-md-component="search" role="dialog"'
                     r' aria-label="([^"]+)"', built_site().html(""))
    assert name, "the search dialog has no name"
    title = _a_title()
    watched.goto(server.url(""))
    watched.keyboard.press("/")
    dialog = watched.get_by_role("dialog", name=html.unescape(name[1]), exact=True)
    dialog.get_by_role("textbox").press_sequentially(title.lower(), delay=30)
    results = watched.locator(".md-search-result__list")
    results.get_by_text(title).first.wait_for()
    assert not [v["id"] for v in axe_violations(watched)]

"""Every built page, in Chromium: nothing leaves the site, no errors, no axe violations, and a
way to leave quickly in view, on a desktop in the light palette and on a phone in the dark one."""

from __future__ import annotations

from functools import cache

import pytest
from playwright.sync_api import expect

from tests.support.browser import (
    PALETTE_AND_SIZE_RULES,
    axe_violations,
    one_page_of_each_kind,
    summary,
)
from tests.support.project import built_site

PHONE = {"width": 375, "height": 740}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "page_path" in metafunc.fixturenames:
        metafunc.parametrize("page_path", built_site().pages())


@cache
def _kinds() -> list[str]:
    return one_page_of_each_kind(built_site())


def _quick_exit_in_view(page) -> None:
    leave = page.get_by_role("link", name="Leave this site quickly", exact=True)
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


@pytest.mark.content
def test_page_is_private_clean_and_accessible_light_and_dark(
        watched, server, page_path: str) -> None:
    """All of axe's WCAG rules on a desktop in the light palette; then in the dark palette on a
    phone, the rules whose findings change with palette or size (all of them on one page of each
    kind, for what only a phone shows)."""
    watched.goto(server.url(page_path))
    _quick_exit_in_view(watched)
    found = summary(axe_violations(watched))
    assert not found, f"axe found on /{page_path}:\n" + "\n".join(found)

    _to_dark_on_a_phone(watched)
    _quick_exit_in_view(watched)
    every_rule = page_path in _kinds()
    found = summary(axe_violations(watched, rules=None if every_rule else PALETTE_AND_SIZE_RULES))
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


def test_open_search_dialog_is_named_and_accessible(watched, server) -> None:
    watched.goto(server.url(""))
    watched.keyboard.press("/")
    dialog = watched.get_by_role("dialog", name="Search")
    dialog.get_by_role("textbox").press_sequentially("weekly date", delay=30)
    results = watched.locator(".md-search-result__list")
    results.get_by_text("Weekly date").first.wait_for()
    assert not [v["id"] for v in axe_violations(watched)]

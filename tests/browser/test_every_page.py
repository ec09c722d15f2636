"""Every built page, in Chromium: nothing leaves the site, no errors, no axe violations, and a
way to leave quickly in view."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_violations
from tests.support.project import built_site


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "page_path" in metafunc.fixturenames:
        metafunc.parametrize("page_path", built_site().pages())


def _quick_exit_in_view(page) -> None:
    leave = page.get_by_role("link", name="Leave this site quickly", exact=True)
    assert leave.count() == 1 and leave.is_visible() and leave.is_enabled()
    assert page.evaluate("""() => { const box = document.querySelector('[data-guide-quick-exit]')
        .getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight
        && box.left >= 0 && box.right <= innerWidth; }""")


def test_page_is_private_clean_and_accessible(watched, server, page_path: str) -> None:
    watched.goto(server.url(page_path))
    _quick_exit_in_view(watched)
    violations = axe_violations(watched)
    summary = [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
               for v in violations]
    assert not summary, f"axe found on /{page_path}:\n" + "\n".join(summary)


def test_page_in_dark_palette_on_a_phone(watched, server, page_path: str) -> None:
    watched.emulate_media(color_scheme="dark")
    watched.set_viewport_size({"width": 375, "height": 740})
    watched.goto(server.url(page_path))
    # Material sets the scheme from a script: wait for it (a busy machine can be slow)
    expect(watched.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    _quick_exit_in_view(watched)
    summary = [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
               for v in axe_violations(watched)]
    assert not summary, f"axe found on /{page_path} (dark, phone):\n" + "\n".join(summary)


def test_open_search_dialog_is_named_and_accessible(watched, server) -> None:
    watched.goto(server.url(""))
    watched.keyboard.press("/")
    dialog = watched.get_by_role("dialog", name="Search")
    dialog.get_by_role("textbox").press_sequentially("weekly date", delay=30)
    results = watched.locator(".md-search-result__list")
    results.get_by_text("Weekly date").first.wait_for()
    assert not [v["id"] for v in axe_violations(watched)]

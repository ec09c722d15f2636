"""Our scripts load only where a page uses them, and still work when a reader arrives by
Material's instant navigation; the rules they share with the build come from the page."""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from guidekit.assets import script_rules
from tests.conftest import watch_page
from tests.support.browser import Server
from tests.support.project import ROOT, build, copy_project

CHECKLIST = "tools/monthly-trust-checklist/"
STORE = ROOT / "overrides/assets/guide/store.js"
SCRIPT = ROOT / "overrides/assets/guide/checklist.js"


@pytest.fixture(scope="module")
def instant() -> Iterator[Server]:
    """The guide served with site_url set to where it is served: Material's instant navigation
    follows only the links listed in sitemap.xml."""
    project = copy_project(Path(tempfile.mkdtemp(prefix="guide-assets-")))
    (project / "site").mkdir()
    served = Server(project / "site")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url:.*$", f'site_url: "{served.origin}/"',
                             config.read_text(encoding="utf-8")), encoding="utf-8")
    result = build(project, strict=True)
    assert result.returncode == 0, result.output
    yield served
    served.close()


def _loaded(page: Page, name: str) -> bool:
    return page.evaluate("name => [...document.querySelectorAll('link[href], script[src]')]"
                         ".some(e => (e.href || e.src).endsWith('/assets/guide/' + name))", name)


def test_from_a_plain_page_instant_navigation_brings_a_working_checklist(browser,
                                                                         instant) -> None:
    context = browser.new_context()
    page = context.new_page()
    watch = watch_page(page, instant.origin)
    page.goto(instant.url(""))
    expect(page.locator(".md-content h1")).to_be_visible()
    assert page.evaluate("typeof guideChecklist") == "undefined"
    assert not _loaded(page, "checklist.css") and not _loaded(page, "checklist.js")
    page.evaluate("() => { window.stillTheSamePage = true; }")

    page.locator(".md-nav--primary").get_by_role("link", name="Print and track").first.click()
    expect(page).to_have_url(re.compile(r"/tools/(#.*)?$"))
    page.locator("article").get_by_role("link", name="Monthly trust checklist").first.click()
    expect(page).to_have_url(re.compile(f"/{CHECKLIST}(#.*)?$"))
    expect(page.locator(".guide-checklist[data-ready]")).to_have_count(1)
    assert page.evaluate("() => window.stillTheSamePage") is True  # no full page load

    # Its stylesheet applies, and its boxes, count and rule work
    expect(page.locator(".guide-tracker__actions")).to_have_css("display", "flex")
    boxes = page.locator(".guide-checklist [data-item]")
    total, least = boxes.count(), int(page.locator(".guide-checklist").get_attribute("data-least"))
    for i in range(least):
        boxes.nth(i).check()
    feedback = page.locator("[data-feedback]")
    expect(feedback).to_contain_text(f"{least} of {total} ticked.")
    met = page.locator("[data-tracker]").get_attribute("data-met")
    expect(feedback).to_contain_text(met)
    stored = page.evaluate("key => localStorage.getItem(key)",
                           "/.guide:checklist:monthly-trust-checklist")
    assert len(next(iter(json.loads(stored)["ticks"].values()))) == least

    # Back to a plain page and to the checklist again: set up once more, scripts run once
    page.go_back()
    expect(page).to_have_url(re.compile(r"/tools/(#.*)?$"))
    page.go_forward()
    expect(page.locator(".guide-checklist[data-ready]")).to_have_count(1)
    expect(boxes.nth(0)).to_be_checked()
    assert page.evaluate("() => window.stillTheSamePage") is True
    assert page.evaluate("document.querySelectorAll('script[src$=\"/checklist.js\"]').length") == 1
    watch.assert_clean()
    context.close()


def test_from_a_plain_page_instant_navigation_brings_a_working_worksheet(browser,
                                                                         instant) -> None:
    context = browser.new_context()
    page = context.new_page()
    watch = watch_page(page, instant.origin)
    page.goto(instant.url("guide/mindset/"))
    assert not _loaded(page, "worksheet.css")
    page.evaluate("() => { window.stillTheSamePage = true; }")
    page.locator(".md-nav--primary").get_by_role("link", name="Print and track").first.click()
    expect(page).to_have_url(re.compile(r"/tools/(#.*)?$"))
    page.locator("article").get_by_role("link", name=re.compile("30-day")).first.click()
    expect(page.locator(".guide-sheet__tools")).to_be_visible()
    assert page.evaluate("() => window.stillTheSamePage") is True
    field = page.locator(".guide-worksheet textarea").first
    field.fill("A note")
    key = "/.guide:" + field.get_attribute("data-key").removeprefix("guide:")
    assert page.evaluate("key => localStorage.getItem(key)", key) == "A note"
    page.emulate_media(media="print")  # the sheet's print styles came with it
    expect(page.locator(".guide-sheet__tools")).to_be_hidden()
    watch.assert_clean()
    context.close()


def test_the_tick_threshold_the_script_uses_is_the_one_the_page_gives(watched, server) -> None:
    watched.goto(server.url(CHECKLIST))
    expect(watched.locator(".guide-checklist[data-ready]")).to_have_count(1)
    watched.locator(".guide-checklist").evaluate("root => { root.dataset.least = '1'; }")
    watched.locator(".guide-checklist [data-item]").first.check()
    met = watched.locator("[data-tracker]").get_attribute("data-met")
    expect(watched.locator("[data-feedback]")).to_contain_text(met)


@pytest.mark.parametrize(("rules", "readable"), [
    (script_rules(), False),  # the build's own pattern refuses an underscore
    ({**script_rules(), "id": "^[a-z_]+$"}, True),  # a page giving another pattern is followed
])
def test_the_scripts_check_ids_with_the_pattern_the_page_gives(browser, rules: dict,
                                                               readable: bool) -> None:
    page = browser.new_page()
    page.set_content("<!doctype html><html lang='en'><title>rules</title><script type="
                     f"'application/json' id='__guide-rules'>{json.dumps(rules)}</script></html>")
    page.add_script_tag(path=str(STORE))
    page.add_script_tag(path=str(SCRIPT))
    text = json.dumps({"v": 1, "ticks": {"once": {"an_item": True}}})
    result = page.evaluate("text => { try { guideChecklist.parse(text); return true; } "
                           "catch { return false; } }", text)
    assert result is readable
    page.close()

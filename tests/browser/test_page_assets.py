"""Our scripts load only where a page uses them, and still work when a reader arrives by
Material's instant navigation; the rules they share with the build come from the page."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from guidekit.assets import script_rules
from tests.conftest import watch_page
from tests.support.browser import (
    Server,
    instant_navigation_ready,
    watch_for_instant_navigation,
)
from tests.support.project import ROOT, built_site
from tests.support.tool_site import (
    checklist_page,
    folders,
    guide,
    served_tool_starter,
    sheet_pages,
)

CHECKLIST = checklist_page(built_site())[0]
STORE = ROOT / "overrides/assets/guide/store.js"
SCRIPT = ROOT / "overrides/assets/guide/checklist.js"
TOOL_MARKS = ("data-trackable=", "data-compare", "data-sheet=", "data-guide-calendar", "data-path=")


@pytest.fixture(scope="module")
def instant() -> Server:
    """The starter with every tool, served with site_url set to where it is served and with
    instant navigation (which follows only the links listed in sitemap.xml)."""
    return served_tool_starter()[1]


def _tools_link(page: Page):
    """The nav's link to the tools' index (instant navigation makes links absolute)."""
    tools = folders(served_tool_starter()[0].site.parent)["tools"]
    return page.locator(".md-nav--primary").locator(
        f'a:is([href="{tools}/"], [href$="/{tools}/"])').first


def _loaded(page: Page, name: str) -> bool:
    return page.evaluate("name => [...document.querySelectorAll('link[href], script[src]')]"
                         ".some(e => (e.href || e.src).endsWith('/assets/guide/' + name))", name)


def test_from_a_plain_page_instant_navigation_brings_a_working_checklist(browser,
                                                                         instant) -> None:
    context = browser.new_context()
    page = context.new_page()
    watch = watch_page(page, instant.origin)
    watch_for_instant_navigation(page)
    page.goto(instant.url(""))
    expect(page.locator(".md-content h1")).to_be_visible()
    instant_navigation_ready(page)
    assert page.evaluate("typeof guideChecklist") == "undefined"
    assert not _loaded(page, "checklist.css") and not _loaded(page, "checklist.js")
    page.evaluate("() => { window.stillTheSamePage = true; }")

    built = served_tool_starter()[0]
    checklist, checklist_id = checklist_page(built)
    tools = _tools_link(page)
    index = tools.get_attribute("href")
    tools.click()
    expect(page).to_have_url(re.compile(f"{re.escape(index)}(#.*)?$"))
    title = guide(built.site.parent).get(checklist_id).title
    page.locator("article").get_by_role("link", name=title).first.click()
    expect(page).to_have_url(re.compile(f"/{checklist}(#.*)?$"))
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
                           f"/.guide:checklist:{checklist_id}")
    assert len(next(iter(json.loads(stored)["ticks"].values()))) == least

    # Back to a plain page and to the checklist again: set up once more, scripts run once
    page.go_back()
    expect(page).to_have_url(re.compile(f"{re.escape(index)}(#.*)?$"))
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
    built = served_tool_starter()[0]
    plain = next(p for p in built.pages() if p not in ("", "404.html")  # a page with no tool
                 and not any(mark in built.html(p) for mark in TOOL_MARKS))
    watch_for_instant_navigation(page)
    page.goto(instant.url(plain))
    instant_navigation_ready(page)
    assert not _loaded(page, "worksheet.css")
    page.evaluate("() => { window.stillTheSamePage = true; }")
    tools = _tools_link(page)
    index = tools.get_attribute("href")
    tools.click()
    expect(page).to_have_url(re.compile(f"{re.escape(index)}(#.*)?$"))
    sheet = guide(built.site.parent).get(next(iter(sheet_pages(built))))
    page.locator("article").get_by_role("link", name=sheet.title).first.click()
    expect(page).to_have_url(re.compile(f"/{sheet_pages(built)[sheet.id]}(#.*)?$"))
    expect(page.locator("[data-sheet-ready]")).to_have_count(1)  # set up: fields filled in
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

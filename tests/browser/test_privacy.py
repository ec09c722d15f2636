"""What the guide promises a reader on a shared device holds on the paths a reader at risk takes:
Back after leaving quickly, wipes, searches and shared links, blocked or full storage, no
JavaScript, and files or links from someone else (issue 11, reader side)."""

from __future__ import annotations

import json
import re
from datetime import datetime
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Page, expect

from guidekit import strings
from tests.conftest import watch_page
from tests.support.browser import CHROMIUM_FLAGS, chromium_path, one_page_of_each_kind
from tests.support.project import ROOT, built_site
from tests.support.tool_site import (
    checklist_page,
    guide,
    said,
    served_tool_starter,
    sheet_pages,
    words,
)

# The guide's first monthly checklist, and its first worksheet with a question to write on,
# found in its build; the words its pages show
CHECKLIST, CHECKLIST_ID = checklist_page(built_site())
ITEMS = [item.text for item in guide().get(CHECKLIST_ID).items]  # each box's label
ITEM_IDS = [item.id for item in guide().get(CHECKLIST_ID).items]
assert len(ITEMS) >= 2, "these tests tick two different items"
TICKS_KEY = f"/.guide:checklist:{CHECKLIST_ID}"
SHEET, PROMPTS = next((sheet, section) for sheet in guide().of_kind("worksheet")
                      for section in sheet.sections if section.kind == "prompts")
WORKSHEET = sheet_pages(built_site())[SHEET.id]
PLAN_ID = f"{SHEET.id}--{PROMPTS.id}--{PROMPTS.prompts[0].id}"  # its first question's field
PLAN = f'[id="{PLAN_ID}"]'
PLAN_KEY = "/.guide:sheet:" + PLAN_ID.replace("--", ":")
W = words()
NEUTRAL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"][
    "quick_exit_url"]
OCTOBER = datetime(2026, 10, 15, 12, 0)

# Marks <html> on every pageshow with "count:persisted:choice ticked" as the page is shown, before
# the guide's own scripts act on it: what the browser restored, and which way it came back.
SHOWN = """addEventListener("pageshow", (event) => {
  const choice = document.querySelector("[data-sheet-visit-only], [data-visit-only]");
  const count = Number((document.documentElement.dataset.testShown || "0").split(":")[0]) + 1;
  document.documentElement.dataset.testShown =
    `${count}:${event.persisted}:${Boolean(choice && choice.checked)}`;
});"""


def stored(page: Page) -> dict[str, dict[str, str]]:
    """This site's keys in each kind of storage (Material's scope is the root here)."""
    return page.evaluate("""() => Object.fromEntries([['device', localStorage],
        ['tab', sessionStorage]].map(([name, area]) => [name, Object.fromEntries(
        Object.entries(area).filter(([key]) => key.startsWith('/.guide')))]))""")


def history_urls(page: Page) -> list[str]:
    """Every address this tab's history keeps (Chromium's own list, through DevTools)."""
    session = page.context.new_cdp_session(page)
    entries = session.send("Page.getNavigationHistory")["entries"]
    session.detach()
    return [entry["url"] for entry in entries]


def open_tool(page: Page, url: str) -> None:
    """Open the checklist or a worksheet once its script has set it up (it fills every control in
    from storage then, so a tick or a note made before that is not kept)."""
    page.goto(url)
    expect(page.locator("[data-sheet-ready], .guide-checklist[data-ready]")).to_have_count(
        1, timeout=30_000)  # a busy machine may take a while


def choice(page: Page):
    """The choice not to save, on a worksheet or a checklist, in the guide's words."""
    return page.get_by_label(re.compile("^(" + "|".join(re.escape(W.text(key)) for key in (
        "sheet.visit-only", "checklist.visit-only")) + ")$"))


def item(page: Page, n: int):
    """The checklist's box of its item `n`, by its label."""
    return page.get_by_label(ITEMS[n], exact=True)


def count(n: int) -> str:
    """How the checklist counts `n` ticks, in the guide's words."""
    return W.text("checklist.count", n=n, total=len(ITEMS))


def write_in_this_tab_only(page: Page, server, path: str) -> None:
    """Choose "Don't save", then write a note or tick a box, which stays in this tab."""
    page.clock.set_fixed_time(OCTOBER)
    page.add_init_script(SHOWN)
    open_tool(page, server.url(path))
    choice(page).check()
    if path == WORKSHEET:
        page.locator(PLAN).fill("Only in this tab")
    else:
        item(page, 0).check()
    assert stored(page)["device"] == {}


def leave_quickly_and_come_back(page: Page, server) -> None:
    """Another page of the guide (its home page), Shift three times, then Back to the page
    written on."""
    page.route(NEUTRAL, lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><title>Weather</title>"))
    page.goto(server.url(""))
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL)
    page.go_back(wait_until="commit")  # a page from the back-forward cache fires no load event


def assert_every_control_follows_storage(page: Page, path: str) -> None:
    """The quick exit forgot this tab's storage: the page shows that, and saves as it shows."""
    expect(choice(page)).not_to_be_checked()
    if path == WORKSHEET:
        expect(page.locator(PLAN)).to_have_value("")
        expect(page.locator("[data-sheet-visit]")).to_be_hidden()
        page.locator(PLAN).fill("Written after coming back")
        assert stored(page)["device"] == {PLAN_KEY: "Written after coming back"}
    else:
        expect(item(page, 0)).not_to_be_checked()
        expect(page.locator("[data-note]")).not_to_contain_text(W.text("checklist.visit"))
        item(page, 1).check()
        assert json.loads(stored(page)["device"][TICKS_KEY])["ticks"] == {
            "2026-10": {ITEM_IDS[1]: True}}
    assert stored(page)["tab"] == {}


def forget_the_way_out(page: Page) -> None:
    """Leaving is the reader's choice: the one request allowed off the site."""
    assert page.watch.foreign in ([], [NEUTRAL])
    page.watch.foreign.clear()


# --- 1. Back after a quick exit: the browser's restored form, and the back-forward cache ----------


@pytest.mark.clock
@pytest.mark.parametrize("path", [WORKSHEET, CHECKLIST])
def test_back_after_a_quick_exit_shows_what_storage_holds_over_a_restored_form(
        watched: Page, server, path: str) -> None:
    try:
        write_in_this_tab_only(watched, server, path)
        leave_quickly_and_come_back(watched, server)
        # A new page load (Playwright turns the back-forward cache off) whose form the browser
        # filled in again from its history: the choice came back ticked, though storage forgot.
        expect(watched.locator("html")).to_have_attribute("data-test-shown", "1:false:true")
        assert_every_control_follows_storage(watched, path)
    finally:
        forget_the_way_out(watched)


@pytest.fixture(scope="module")
def bfcache_browser(browser):
    """Chromium with its back-forward cache on (Playwright turns it off by default)."""
    launched = browser.browser_type.launch(
        executable_path=chromium_path(), args=CHROMIUM_FLAGS,
        ignore_default_args=["--disable-back-forward-cache"])
    yield launched
    launched.close()


@pytest.mark.parametrize("path", [WORKSHEET, CHECKLIST])
def test_back_after_a_quick_exit_shows_what_storage_holds_from_the_bfcache(
        bfcache_browser, server, path: str) -> None:
    context = bfcache_browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        write_in_this_tab_only(page, server, path)
        leave_quickly_and_come_back(page, server)
        # The very page, scripts and all, shown again from the cache: pageshow, persisted.
        shown = page.locator("html")
        expect(shown).to_have_attribute("data-test-shown", re.compile(r"^2:"))
        assert shown.get_attribute("data-test-shown") == "2:true:true", \
            page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0]"
                          ".notRestoredReasons)")
        assert_every_control_follows_storage(page, path)
        assert not errors
    finally:
        context.close()


# --- 2. A wipe never ends "Don't save", and every box that shows the choice agrees ----------------


@pytest.mark.clock
def test_forgetting_everything_keeps_dont_save_on_every_page(watched: Page, server) -> None:
    write_in_this_tab_only(watched, server, CHECKLIST)
    watched.once("dialog", lambda dialog: dialog.accept())
    watched.locator("[data-forget]").click()  # its name: the next test
    expect(watched.locator("[data-note]")).to_have_text(W.text("checklist.forgot"))
    expect(choice(watched)).to_be_checked()
    expect(item(watched, 0)).not_to_be_checked()
    assert stored(watched)["device"] == {} and TICKS_KEY not in stored(watched)["tab"]

    open_tool(watched, server.url(WORKSHEET))  # the same tab: the same choice, and it holds
    expect(choice(watched)).to_be_checked()
    expect(watched.locator("[data-sheet-visit]")).to_be_visible()
    watched.locator(PLAN).fill("Still only in this tab")
    assert stored(watched)["device"] == {}
    assert stored(watched)["tab"][PLAN_KEY] == "Still only in this tab"

    watched.once("dialog", lambda dialog: dialog.accept())
    watched.get_by_role("button", name=W.text("sheet.clear")).click()  # the sheet's own wipe
    expect(watched.locator(PLAN)).to_have_value("")
    expect(choice(watched)).to_be_checked()
    open_tool(watched, server.url(CHECKLIST))
    expect(choice(watched)).to_be_checked()


def test_the_wipe_is_named_for_what_it_forgets(watched: Page, server) -> None:
    open_tool(watched, server.url(CHECKLIST))
    wipe = watched.locator("[data-forget]")
    expect(wipe).to_be_visible()
    expect(wipe).to_have_accessible_name(W.text("checklist.forget"))
    # It forgets a sheet's notes too: the engine's own words for it say so in each language
    assert "notes" in strings.load("en").text("checklist.forget")
    assert "notas" in strings.load("es").text("checklist.forget")


# --- 3. No search words, share codes or notes in an address the history keeps --------------------


def _a_word_to_search() -> str:
    """A word of the checklist's items (so on its page, which search finds) that is in no page's
    address: an address holding it then holds what the reader typed."""
    addresses = " ".join(built_site().pages()).lower()
    found = {word.lower() for text in ITEMS for word in re.findall(r"[^\W\d_]{5,}", text)}
    return next(word for word in sorted(found, key=lambda word: (-len(word), word))
                if word not in addresses)


def test_a_search_leaves_no_words_in_the_address_or_the_history(watched: Page, server) -> None:
    word = _a_word_to_search()
    watched.goto(server.url(""))
    watched.keyboard.press("/")
    watched.locator('[data-md-component="search"][role="dialog"]').get_by_role(
        "textbox").press_sequentially(word, delay=30)
    results = watched.locator(".md-search-result__link")
    results.first.wait_for()
    hrefs = results.evaluate_all("links => links.map(link => link.href)")
    # A result's #anchor names a heading of the page (it may hold the word); the words typed
    # must never ride in a query (?h=) or a path
    def typed(url: str) -> bool:
        parts = urlsplit(url)
        return bool(parts.query) or word in parts.path.lower()

    assert not [href for href in hrefs if typed(href)], hrefs
    # Open a result on another page than the home page (which one depends on the guide's words)
    index, path = next((i, urlsplit(href).path) for i, href in enumerate(hrefs)
                       if urlsplit(href).path != "/")
    results.nth(index).click()
    watched.wait_for_url(re.compile(re.escape(path)))
    urls = history_urls(watched)
    assert server.url("") in urls and watched.url in urls
    assert not [url for url in urls if typed(url)], urls


@pytest.fixture(scope="module")
def sharing(server):
    """The server, checklist page and id, and words of a guide whose checklist compares ticks:
    this guide's, else the starter's with every tool."""
    if 'class="guide-compare"' in built_site().html(CHECKLIST):
        return server, CHECKLIST, CHECKLIST_ID, W
    built, served = served_tool_starter()
    return served, *checklist_page(built), words(built.site.parent)


@pytest.fixture
def sharer(browser, sharing):
    """A fresh page on that guide, watched as `watched` is (nothing off its site, no error)."""
    context = browser.new_context()
    page = context.new_page()
    watch = watch_page(page, sharing[0].origin)
    yield page
    context.close()
    watch.assert_clean()


def test_a_shared_code_leaves_the_address_once_read(sharer: Page, sharing, browser) -> None:
    server, checklist, _, found = sharing
    open_tool(sharer, server.url(checklist))
    sharer.get_by_role("button", name=found.text("share.make")).click()
    link = sharer.get_by_label(found.text("share.link")).input_value()

    partner = browser.new_context()
    try:
        page = partner.new_page()
        page.goto(link)
        expect(page.locator("[data-compare-status]")).to_have_text(re.compile(
            f"{said(found, 'share.shown').pattern}|{said(found, 'share.same').pattern}"))
        expect(page).to_have_url(server.url(checklist))
        assert not [url for url in history_urls(page) if "share" in url]
        page.reload()  # nothing to open again: the code is gone from this tab's history too
        expect(page.locator("[data-compare-table]")).to_be_hidden()
    finally:
        partner.close()


def test_a_share_link_is_made_from_the_sites_address_and_path_only(sharer: Page, sharing) -> None:
    server, checklist, checklist_id, found = sharing
    open_tool(sharer, server.url(f"{checklist}?h=word#{checklist_id}"))
    sharer.get_by_role("button", name=found.text("share.make")).click()
    code = sharer.get_by_label(found.text("share.code")).input_value()
    expect(sharer.get_by_label(found.text("share.link"))).to_have_value(
        server.url(checklist) + "#share=" + code)


# --- 4. Storage blocked, or full ------------------------------------------------------------------


@pytest.fixture(scope="module")
def blocked(browser, tmp_path_factory):
    """A browser profile where the reader blocked every site from keeping data, as Chromium's
    settings do it: reading localStorage or sessionStorage throws a SecurityError."""
    profile = tmp_path_factory.mktemp("blocked-profile")
    (profile / "Default").mkdir()
    (profile / "Default/Preferences").write_text(json.dumps(
        {"profile": {"default_content_setting_values": {"cookies": 2}}}), encoding="utf-8")
    context = browser.browser_type.launch_persistent_context(
        str(profile), executable_path=chromium_path(), args=CHROMIUM_FLAGS)
    yield context
    context.close()


def _problems(page: Page) -> list[str]:
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(f"{page.url}: {error}"))
    page.on("console", lambda message: message.type == "error" and found.append(
        f"{page.url}: {message.text}"))
    return found


def test_with_storage_blocked_no_page_has_an_error(blocked, site, server) -> None:
    page = blocked.new_page()
    problems = _problems(page)
    page.goto(server.url(""))
    assert page.evaluate("""() => ['localStorage', 'sessionStorage'].map(name => {
        try { return window[name] && 'open'; } catch (error) { return error.name; } })""") \
        == ["SecurityError", "SecurityError"]
    # Every page loads the same scripts: one page of each kind they act on (a sheet, a calendar,
    # the checklist, a path's page, a plain page...) shows each of them meeting blocked storage
    for path in one_page_of_each_kind(site):
        page.goto(server.url(path), wait_until="load")
    open_tool(page, server.url(CHECKLIST))
    item(page, 0).check()
    page.locator("[data-md-color-media]").first.evaluate("e => e.click()")  # the theme's setting
    page.close()
    assert problems == []


def test_with_storage_blocked_the_tools_say_nothing_is_kept_and_offer_no_choice(
        blocked, server) -> None:
    page = blocked.new_page()
    problems = _problems(page)
    open_tool(page, server.url(WORKSHEET))
    expect(page.locator("[data-sheet-unsaved]")).to_be_visible()
    expect(page.locator("[data-sheet-unsaved]")).to_contain_text(W.text("sheet.unsaved"))
    expect(page.get_by_role("button", name=W.text("sheet.print"))).to_be_visible()
    expect(choice(page)).to_be_hidden()
    page.locator(PLAN).fill("Kept on screen")
    expect(page.locator(PLAN)).to_have_value("Kept on screen")

    open_tool(page, server.url(CHECKLIST))
    expect(page.locator("[data-feedback]")).to_be_visible()
    expect(choice(page)).to_be_hidden()
    item(page, 0).check()
    expect(page.locator("[data-note]")).to_have_text(W.text("checklist.unsaved"))
    expect(page.locator("[data-feedback]")).to_contain_text(count(1))
    page.close()
    assert problems == []


# Fills this site's localStorage to the brim, as years of other use might.
FILL = """() => { let n = 0;
  for (let size = 1 << 20; size >= 1; size >>= 1) {
    const text = 'x'.repeat(size);
    try { for (;;) localStorage.setItem('other:' + n++, text); } catch (error) { /* next size */ }
  } }"""


def test_a_note_that_storage_is_too_full_to_keep_says_so_beside_it(watched: Page, server) -> None:
    open_tool(watched, server.url(WORKSHEET))
    watched.evaluate(FILL)
    plan = watched.locator(PLAN)
    plan.fill("This will not fit")
    full = W.text("sheet.full")
    message = watched.locator(".guide-field").filter(has=plan).get_by_text(full)
    expect(message).to_be_visible()
    expect(plan).to_have_accessible_description(re.compile(re.escape(full)))
    below = message.bounding_box()
    field = plan.bounding_box()
    assert 0 <= below["y"] - (field["y"] + field["height"]) < 40  # right under the note
    status = watched.locator("[data-sheet-status]")
    assert status.get_attribute("role") == "status"  # and said aloud
    expect(status).to_have_text(full)
    assert watched.evaluate(f"localStorage.getItem('{PLAN_KEY}')") is None
    watched.evaluate("() => localStorage.removeItem('other:0')")  # room again
    plan.fill("This fits now")
    expect(message).to_be_hidden()
    assert watched.evaluate(f"localStorage.getItem('{PLAN_KEY}')") == "This fits now"


@pytest.mark.clock
def test_a_tick_that_storage_is_too_full_to_keep_says_so(watched: Page, server) -> None:
    watched.clock.set_fixed_time(OCTOBER)
    open_tool(watched, server.url(CHECKLIST))
    watched.evaluate(FILL)
    item(watched, 0).check()
    expect(watched.locator("[data-note]")).to_have_text(W.text("checklist.full"))
    expect(watched.locator("[data-feedback]")).to_contain_text(count(1))


# --- 5. Without JavaScript, no control that does nothing -----------------------------------------


def test_without_javascript_no_control_shows_that_does_nothing(browser, server) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url(WORKSHEET))
        expect(page.get_by_label(PROMPTS.prompts[0].text)).to_be_visible()
        for name in ("sheet.print", "sheet.clear"):
            expect(page.get_by_role("button", name=W.text(name))).to_be_hidden()
        expect(choice(page)).to_be_hidden()
        page.goto(server.url(CHECKLIST))
        expect(item(page, 0)).to_be_visible()
        expect(page.locator("article").get_by_role("button")).to_have_count(0)
        expect(choice(page)).to_be_hidden()
        expect(page.get_by_label(W.text("share.paste"))).to_be_hidden()
    finally:
        context.close()


# --- 6. Files and links from someone else are bounded ---------------------------------------------


def _load(page: Page, path) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=W.text("checklist.import")).click()
    chooser.value.set_files(path)


@pytest.mark.clock
def test_a_ticks_file_keeps_only_what_exists_and_loses_no_tick(
        watched: Page, server, tmp_path) -> None:
    watched.clock.set_fixed_time(OCTOBER)
    open_tool(watched, server.url(CHECKLIST))
    item(watched, 0).check()
    months = {f"{year}-{month:02}": {ITEM_IDS[1]: True, "an-item-never-written": True}
              for year in range(1990, 2031) for month in range(1, 13)}
    others = {f"someone-elses-list-{n}": {"v": 1, "ticks": {"2026-10": {"a": True}}}
              for n in range(300)}
    file = tmp_path / "ticks.json"
    file.write_text(json.dumps({"guide": "checklist-ticks", "v": 1, "checklists": {
        CHECKLIST_ID: {"v": 1, "ticks": months}, **others}}), encoding="utf-8")
    assert file.stat().st_size < 65536
    _load(watched, file)
    expect(watched.locator("[data-note]")).to_have_text(W.text("checklist.loaded"))
    keys = watched.evaluate("Object.keys(localStorage).filter(k => k.startsWith('/.guide'))")
    assert keys == [TICKS_KEY]
    ticks = json.loads(watched.evaluate(f"localStorage.getItem('{TICKS_KEY}')"))["ticks"]
    assert ticks["2026-10"] == {ITEM_IDS[0]: True, ITEM_IDS[1]: True}
    assert sorted(ticks) == [f"{y}-{m:02}" for y in range(2016, 2027) for m in range(1, 13)
                             if "2016-10" <= f"{y}-{m:02}" <= "2026-10"]
    buttons = watched.get_by_role("list", name=W.text("checklist.months")).get_by_role("button")
    expect(buttons).to_have_count(121)


@pytest.mark.clock
def test_a_ticks_file_too_large_changes_nothing(watched: Page, server, tmp_path) -> None:
    watched.clock.set_fixed_time(OCTOBER)
    open_tool(watched, server.url(CHECKLIST))
    item(watched, 0).check()
    before = stored(watched)
    file = tmp_path / "ticks.json"
    file.write_text(json.dumps({"guide": "checklist-ticks", "v": 1, "checklists": {
        CHECKLIST_ID: {"v": 1, "ticks": {"2026-10": {ITEM_IDS[1]: True}}},
        "padding": {"v": 1, "ticks": {}}}}) + " " * 70000, encoding="utf-8")
    _load(watched, file)
    expect(watched.locator("[data-note]")).to_have_text(W.text("checklist.bad-file"))
    assert stored(watched) == before


def test_a_shared_link_of_any_length_is_refused_and_kept_short(sharer: Page, sharing) -> None:
    server, checklist, _, found = sharing
    open_tool(sharer, server.url(checklist + "#share=1." + "a" * 100_000))
    expect(sharer.locator("[data-compare-status]")).to_have_text(found.text("share.bad"))
    paste = sharer.get_by_label(found.text("share.paste"))
    assert len(paste.input_value()) <= int(paste.get_attribute("maxlength") or 0)
    expect(sharer).to_have_url(server.url(checklist))
    assert stored(sharer) == {"device": {}, "tab": {}}

"""The monthly checklist in Chromium: ticks kept in this browser, month by month, never lost."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.support.browser import Server, axe_violations
from tests.support.project import ROOT, Build, build, copy_project

PAGE = "tools/monthly-trust-checklist/"
KEY = "/.guide:checklist:monthly-trust-checklist"
OCTOBER = datetime(2026, 10, 15, 12, 0)
NOVEMBER = datetime(2026, 11, 2, 9, 0)


def checklist_data(root: Path = ROOT) -> dict:
    data = yaml.safe_load((root / "data/checklists.yml").read_text(encoding="utf-8"))
    return next(c for c in data["checklists"] if c["id"] == "monthly-trust-checklist")


ITEMS = [item["id"] for item in checklist_data()["items"]]


def box(page: Page, item: str):
    return page.locator(f'.guide-checklist [data-item="{item}"]')


def ticked(page: Page) -> list[str]:
    """The items whose box is ticked on screen, in page order."""
    return page.locator(".guide-checklist [data-item]").evaluate_all(
        "boxes => boxes.filter(b => b.checked).map(b => b.dataset.item)")


def stored(page: Page, key: str = KEY):
    text = page.evaluate("key => localStorage.getItem(key)", key)
    return None if text is None else json.loads(text)


def note(page: Page):
    return page.locator(".guide-checklist [data-note]")


def open_checklist(page: Page, server: Server, when: datetime, path: str = PAGE) -> None:
    page.clock.set_fixed_time(when)
    page.goto(server.url(path))
    expect(page.locator(".guide-tracker")).to_be_visible()
    expect(page.locator(".guide-checklist[data-ready]")).to_have_count(1, timeout=30_000)


# --- Size, and the page without JavaScript ------------------------------------------------------


def test_checklist_script_stays_under_4_kb_gzipped(site: Build) -> None:
    script = (site.site / "assets/guide/checklist.js").read_bytes()
    size = len(gzip.compress(script, compresslevel=9))
    print(f"checklist.js: {len(script)} bytes, {size} bytes gzipped")
    assert size < 4096


def test_without_javascript_it_is_a_plain_labelled_list(browser, server: Server) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url(PAGE))
    expect(page.locator(".guide-tracker")).to_be_hidden()
    for item in checklist_data()["items"]:
        expect(page.get_by_label(item["text"])).not_to_be_checked()
    page.emulate_media(media="print")
    expect(page.locator(".guide-checklist li")).to_have_count(len(ITEMS))
    context.close()


def test_controls_stay_off_paper(watched: Page, server: Server) -> None:
    open_checklist(watched, server, OCTOBER)
    watched.emulate_media(media="print")
    expect(watched.locator(".guide-tracker")).to_be_hidden()
    expect(watched.locator(".guide-checklist li").first).to_be_visible()


# --- Ticks, feedback, months --------------------------------------------------------------------


def test_a_tick_is_saved_at_once_and_survives_a_reload(watched: Page, server: Server) -> None:
    open_checklist(watched, server, OCTOBER)
    box(watched, ITEMS[1]).check()
    assert stored(watched) == {"v": 1, "ticks": {"2026-10": {ITEMS[1]: True}}}
    box(watched, ITEMS[4]).check()
    box(watched, ITEMS[1]).uncheck()
    box(watched, ITEMS[1]).check()
    watched.reload()
    expect(box(watched, ITEMS[1])).to_be_checked()
    assert ticked(watched) == [ITEMS[1], ITEMS[4]]


def test_only_item_ids_and_booleans_are_stored(watched: Page, server: Server) -> None:
    open_checklist(watched, server, OCTOBER)
    for item in ITEMS[:3]:
        box(watched, item).check()
    text = watched.evaluate("key => localStorage.getItem(key)", KEY)
    words = set(re.findall(r'"([^"]*)"', text))
    assert words <= {"v", "ticks", "2026-10", *ITEMS}
    for item in checklist_data()["items"]:
        assert item["text"] not in text


def test_feedback_follows_the_rule_in_the_data_and_is_announced_politely(
        watched: Page, server: Server) -> None:
    rule = checklist_data()["rule"]
    open_checklist(watched, server, OCTOBER)
    feedback = watched.locator(".guide-checklist [data-feedback]")
    assert feedback.get_attribute("role") == "status"  # a polite live region
    enough = int(len(ITEMS) * rule["share"]) + 1
    for item in ITEMS[:enough - 1]:
        box(watched, item).check()
    expect(feedback).to_contain_text(f"{enough - 1} of {len(ITEMS)} ticked")
    expect(feedback).to_contain_text(rule["not_met"][1:])
    box(watched, ITEMS[enough - 1]).check()
    expect(feedback).to_contain_text(f"{enough} of {len(ITEMS)} ticked")
    expect(feedback).to_contain_text(rule["met"][1:])


def test_a_new_month_starts_empty_and_the_old_one_shows_in_the_history(
        watched: Page, server: Server) -> None:
    open_checklist(watched, server, OCTOBER)
    box(watched, ITEMS[0]).check()
    box(watched, ITEMS[2]).check()
    watched.clock.set_fixed_time(NOVEMBER)
    watched.reload()
    expect(watched.locator("[data-period]")).to_have_text("This month: November 2026")
    assert ticked(watched) == []
    box(watched, ITEMS[5]).check()

    months = watched.get_by_role("list", name="Your months").get_by_role("button")
    expect(months).to_have_count(2)
    october = watched.get_by_role("button", name=f"Oct 2026 2 of {len(ITEMS)} ticked")
    november = watched.get_by_role("button", name=f"Nov 2026 1 of {len(ITEMS)} ticked")
    expect(november).to_have_attribute("aria-pressed", "true")
    heights = watched.locator("[data-history] [data-month] > span > span").evaluate_all(
        "bars => bars.map(b => b.getBoundingClientRect().height)")
    assert heights[0] == pytest.approx(2 * heights[1], abs=1)  # the trend, drawn

    showing = watched.locator("[data-shown-month]")
    expect(showing).to_have_text("The list above shows November 2026.")
    october.click()  # open a past month
    expect(watched.locator("[data-period]")).to_have_text("An earlier month: October 2026")
    # said beside the months too: the list itself may be off screen above
    expect(showing).to_have_text("The list above shows October 2026.")
    expect(october).to_have_attribute("aria-pressed", "true")
    expect(october).to_be_focused()
    assert ticked(watched) == [ITEMS[0], ITEMS[2]]
    november.click()
    assert ticked(watched) == [ITEMS[5]]
    assert stored(watched)["ticks"] == {"2026-10": {ITEMS[0]: True, ITEMS[2]: True},
                                        "2026-11": {ITEMS[5]: True}}


def test_two_tabs_agree(context, server: Server) -> None:
    context.clock.set_fixed_time(OCTOBER)
    first, second = context.new_page(), context.new_page()
    for page in (first, second):
        open_checklist(page, server, OCTOBER)
    box(first, ITEMS[3]).check()
    expect(box(second, ITEMS[3])).to_be_checked()
    box(second, ITEMS[0]).check()
    box(second, ITEMS[3]).uncheck()
    expect(box(first, ITEMS[0])).to_be_checked()
    expect(box(first, ITEMS[3])).not_to_be_checked()
    expect(first.locator("[data-feedback]")).to_contain_text(f"1 of {len(ITEMS)} ticked")


def test_the_tool_with_history_and_a_note_is_accessible(watched: Page, server: Server) -> None:
    open_checklist(watched, server, OCTOBER)
    box(watched, ITEMS[0]).check()
    watched.clock.set_fixed_time(NOVEMBER)
    watched.reload()
    watched.get_by_label("Don't save on this device").check()
    expect(note(watched)).not_to_be_empty()
    for target in watched.locator(".guide-checklist input[type=checkbox]").all():
        size = target.bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24
    assert not checklist_violations(watched)
    watched.emulate_media(color_scheme="dark")
    watched.reload()
    assert not checklist_violations(watched)


def checklist_violations(page: Page) -> list[str]:
    """axe's WCAG A/AA findings inside the checklist (the whole page is test_every_page's job)."""
    return [f"{v['id']}: {v['nodes'][0]['target']}"
            for v in axe_violations(page, within=".guide-checklist")]


# --- Storage that lets us down ------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["{not json", '{"v": 99, "ticks": {}}', '{"v": 1, "ticks": [1]}'])
def test_corrupt_storage_keeps_the_page_working_and_is_never_wiped(
        watched: Page, server: Server, bad: str) -> None:
    open_checklist(watched, server, OCTOBER)
    watched.evaluate("([key, bad]) => localStorage.setItem(key, bad)", [KEY, bad])
    watched.reload()
    expect(note(watched)).to_have_text(re.compile("could not be read"))
    box(watched, ITEMS[2]).check()
    expect(watched.locator("[data-feedback]")).to_contain_text(f"1 of {len(ITEMS)} ticked")
    watched.get_by_label("Don't save on this device").check()
    watched.get_by_label("Don't save on this device").uncheck()
    watched.reload()
    assert watched.evaluate("key => localStorage.getItem(key)", KEY) == bad


THROWING = {
    "blocked": """Object.defineProperty(window, 'localStorage', {get() {
        throw new DOMException('The access is denied for this document.', 'SecurityError'); }});""",
    "full": """Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };""",
}


@pytest.mark.parametrize("kind", THROWING)
def test_throwing_storage_keeps_the_page_working_and_says_so(
        browser, server: Server, kind: str) -> None:
    context = browser.new_context()
    context.add_init_script(THROWING[kind])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{error}\n{error.stack}"))
    open_checklist(page, server, OCTOBER)
    box(page, ITEMS[0]).check()
    box(page, ITEMS[1]).check()
    expect(note(page)).to_have_text(re.compile("can't be saved"))
    expect(page.locator("[data-feedback]")).to_contain_text(f"2 of {len(ITEMS)} ticked")
    page.locator(".guide-backlinks").get_by_role("link", name="Print and track").click()
    page.go_back()
    expect(page.locator(".guide-tracker")).to_be_visible()
    # Material's own inline scripts may fail when storage is blocked; ours never does.
    assert not [e for e in errors if "checklist" in e], errors
    context.close()


# --- Export, import, forget, this visit only ----------------------------------------------------


def test_export_then_import_into_a_fresh_browser_restores_the_ticks(
        browser, watched: Page, server: Server, tmp_path: Path) -> None:
    open_checklist(watched, server, OCTOBER)
    box(watched, ITEMS[1]).check()
    watched.clock.set_fixed_time(NOVEMBER)
    watched.reload()
    box(watched, ITEMS[2]).check()
    box(watched, ITEMS[3]).check()
    with watched.expect_download() as download:
        watched.get_by_role("button", name="Save ticks to a file").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "checklist-ticks-2026-11.json"

    fresh = browser.new_context()
    page = fresh.new_page()
    open_checklist(page, server, NOVEMBER)
    box(page, ITEMS[0]).check()  # a tick already here is kept
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Load ticks from a file").click()
    chooser.value.set_files(path)
    expect(note(page)).to_contain_text("added")
    assert ticked(page) == [ITEMS[0], ITEMS[2], ITEMS[3]]
    page.get_by_role("button", name=re.compile("^Oct 2026")).click()
    assert ticked(page) == [ITEMS[1]]
    page.reload()
    assert ticked(page) == [ITEMS[0], ITEMS[2], ITEMS[3]]
    fresh.close()


def test_a_bad_file_changes_nothing_and_says_so(watched: Page, server: Server,
                                                tmp_path: Path) -> None:
    open_checklist(watched, server, OCTOBER)
    box(watched, ITEMS[0]).check()
    before = stored(watched)
    bad = tmp_path / "ticks.json"
    bad.write_text(json.dumps({"guide": "checklist-ticks", "v": 1, "checklists": {
        "monthly-trust-checklist": {"v": 1, "ticks": {"2026-10": {ITEMS[1]: "<b>yes</b>"}}}}}))
    with watched.expect_file_chooser() as chooser:
        watched.get_by_role("button", name="Load ticks from a file").click()
    chooser.value.set_files(bad)
    expect(note(watched)).to_contain_text("could not be read")
    assert stored(watched) == before
    assert ticked(watched) == [ITEMS[0]]


def site_keys(page: Page) -> list[str]:
    """Keys of this site: ours and Material's (under its scope '/.'), and other guide tools'."""
    return page.evaluate("""() => [localStorage, sessionStorage].flatMap(store =>
        Object.keys(store).filter(key => key.startsWith('/.') || key.startsWith('guide:')))""")


def test_forget_my_ticks_and_notes_asks_first_then_leaves_nothing_behind(
        watched: Page, server: Server) -> None:
    open_checklist(watched, server, OCTOBER)
    box(watched, ITEMS[0]).check()
    watched.clock.set_fixed_time(NOVEMBER)
    watched.reload()
    box(watched, ITEMS[1]).check()
    watched.locator("[data-md-color-media]").first.evaluate("e => e.click()")  # a theme setting
    watched.evaluate("""() => { localStorage.setItem('/.guide:checklist:retired-checklist', 'x');
        localStorage.setItem('/.guide:sheet:a-sheet:a-prompt', 'a note'); }""")
    assert len(site_keys(watched)) >= 4

    watched.once("dialog", lambda dialog: dialog.dismiss())
    watched.get_by_role("button", name="Forget my ticks and notes").click()
    assert ticked(watched) == [ITEMS[1]]
    assert stored(watched)["ticks"]["2026-10"] == {ITEMS[0]: True}

    messages: list[str] = []
    watched.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    watched.get_by_role("button", name="Forget my ticks and notes").click()
    expect(note(watched)).to_contain_text("gone")
    assert "Forget" in messages[0]
    assert site_keys(watched) == []
    assert ticked(watched) == []
    expect(watched.get_by_role("list", name="Your months").get_by_role("button")).to_have_count(1)
    watched.reload()  # Material saves its colour palette again on load; no tick comes back
    assert [key for key in site_keys(watched) if key.startswith("/.guide")] == []
    assert ticked(watched) == []


def test_dont_save_on_this_device_keeps_ticks_for_this_visit_only(
        context, server: Server) -> None:
    page = context.new_page()
    open_checklist(page, server, OCTOBER)
    box(page, ITEMS[0]).check()
    page.get_by_label("Don't save on this device").check()
    expect(note(page)).to_contain_text("this visit only")
    box(page, ITEMS[1]).check()
    box(page, ITEMS[0]).uncheck()
    assert stored(page)["ticks"] == {"2026-10": {ITEMS[0]: True}}  # nothing new saved
    page.reload()  # the same visit
    expect(page.get_by_label("Don't save on this device")).to_be_checked()
    assert ticked(page) == [ITEMS[1]]

    other = context.new_page()  # another visit in this browser sees only what was saved
    open_checklist(other, server, OCTOBER)
    assert ticked(other) == [ITEMS[0]]
    expect(other.get_by_label("Don't save on this device")).not_to_be_checked()

    page.get_by_label("Don't save on this device").uncheck()  # now save what is shown
    assert stored(page)["ticks"] == {"2026-10": {ITEMS[1]: True}}
    assert page.evaluate(
        "() => Object.keys(sessionStorage).filter(k => k.startsWith('/.guide'))") == []
    expect(box(other, ITEMS[1])).to_be_checked()


def test_the_choice_not_to_save_comes_before_the_list_and_says_what_stays(
        watched: Page, server: Server) -> None:
    open_checklist(watched, server, OCTOBER)
    choice = watched.get_by_label("Don't save on this device")
    first_item = box(watched, ITEMS[0])
    assert choice.bounding_box()["y"] < first_item.bounding_box()["y"]
    hint = watched.locator(".guide-tracker__visit-hint")
    expect(hint).to_be_hidden()
    choice.check()
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("Forget my ticks and notes")


def test_the_choice_not_to_save_is_one_for_the_whole_site(context, server: Server) -> None:
    page = context.new_page()
    open_checklist(page, server, OCTOBER)
    page.get_by_label("Don't save on this device").check()
    box(page, ITEMS[0]).check()
    assert stored(page) is None

    page.goto(server.url("tools/30-day-worksheet/"))  # the same tab: the same choice
    choice = page.get_by_label("Don't save on this device")
    expect(choice).to_be_checked()
    page.locator('[id="30-day-worksheet--plan--changes"]').fill("Only in this tab")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.includes('guide:'))") == []

    choice.uncheck()  # on the worksheet: the checklist's ticks are saved on the device too
    assert stored(page)["ticks"] == {"2026-10": {ITEMS[0]: True}}
    open_checklist(page, server, OCTOBER)
    expect(page.get_by_label("Don't save on this device")).not_to_be_checked()
    assert ticked(page) == [ITEMS[0]]


def test_ticks_api_for_other_features(watched: Page, server: Server) -> None:
    open_checklist(watched, server, OCTOBER)
    events = watched.evaluate_handle("""() => { const seen = [];
        document.addEventListener('guide:ticks', () => seen.push(1)); return seen; }""")
    box(watched, ITEMS[4]).check()
    box(watched, ITEMS[2]).check()
    mine = watched.evaluate("guideChecklist.ticks('monthly-trust-checklist')")
    assert mine == [ITEMS[4], ITEMS[2]]
    assert watched.evaluate("guideChecklist.ticks('monthly-trust-checklist', '2026-09')") == []
    assert events.evaluate("seen => seen.length") >= 2


# --- A site with its own build: instant navigation, and items reordered in the data --------------


@pytest.fixture(scope="module")
def own_site() -> Iterator[tuple[Path, Server]]:
    """A copy of the project served from a fixed folder, with site_url set to where it is served
    (Material's instant navigation follows only the links listed in sitemap.xml)."""
    project = copy_project(Path(tempfile.mkdtemp(prefix="guide-checklist-")))
    (project / "site").mkdir()
    served = Server(project / "site")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url:.*$", f'site_url: "{served.origin}/"',
                             config.read_text(encoding="utf-8")), encoding="utf-8")
    with (project / "data/checklists.yml").open("a", encoding="utf-8") as data:
        data.write(ONCE_CHECKLIST)
    rebuild(project)
    yield project, served
    served.close()


# Any checklist marked trackable in the data gets the tool; "once" has no months.
ONCE_CHECKLIST = """
  - id: a-test-once-checklist
    title: A test checklist ticked once
    trackable: once
    items:
      - id: first-thing
        text: The first thing.
      - id: second-thing
        text: The second thing.
"""


# Tests on the site's own build run in one worker, which builds it once
OWN_SITE = pytest.mark.xdist_group("checklist-own-site")


def rebuild(project: Path) -> None:
    result = build(project, strict=True)
    assert result.returncode == 0, result.output


@OWN_SITE
def test_ticks_survive_instant_navigation_and_the_page_sets_itself_up_again(
        browser, own_site) -> None:
    _, served = own_site
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_checklist(page, served, OCTOBER)
    page.evaluate("() => { window.stillTheSamePage = true; }")
    box(page, ITEMS[0]).check()

    page.locator(".guide-backlinks").get_by_role("link", name="Print and track").click()
    expect(page).to_have_url(re.compile(r"/tools/(#.*)?$"))
    page.get_by_role("heading", name="Monthly trust checklist").get_by_role("link").click()
    expect(page).to_have_url(re.compile(f"/{PAGE}(#.*)?$"))
    assert page.evaluate("() => window.stillTheSamePage") is True  # no full page load
    expect(page.locator(".guide-tracker")).to_be_visible()
    expect(box(page, ITEMS[0])).to_be_checked()
    box(page, ITEMS[1]).check()  # the new page's boxes are wired up
    expect(page.locator("[data-feedback]")).to_contain_text(f"2 of {len(ITEMS)} ticked")

    page.go_back()
    page.go_forward()
    expect(page).to_have_url(re.compile(f"/{PAGE}(#.*)?$"))
    expect(box(page, ITEMS[1])).to_be_checked()
    assert page.evaluate("() => window.stillTheSamePage") is True
    assert ticked(page) == [ITEMS[0], ITEMS[1]]
    assert stored(page)["ticks"] == {"2026-10": {ITEMS[0]: True, ITEMS[1]: True}}
    assert not errors
    context.close()


@OWN_SITE
def test_reordering_renaming_and_removing_items_in_the_data_keeps_every_tick(
        browser, own_site) -> None:
    project, served = own_site
    data_file = project / "data/checklists.yml"
    original = data_file.read_text(encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    open_checklist(page, served, OCTOBER)
    for item in (ITEMS[0], ITEMS[3], ITEMS[5]):
        box(page, item).check()

    # Items reversed, one renamed, one removed, and the site built again.
    data = yaml.safe_load(original)
    checklist = next(c for c in data["checklists"] if c["id"] == "monthly-trust-checklist")
    checklist["items"] = [i for i in reversed(checklist["items"]) if i["id"] != ITEMS[5]]
    renamed = next(i for i in checklist["items"] if i["id"] == ITEMS[3])
    renamed["text"] = "We keep our word, week after week."
    data_file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                         encoding="utf-8")
    # The first build is set aside and served again afterwards: one build, not two
    kept = (project / "site").rename(project / "site-as-first-built")
    try:
        rebuild(project)
        page.reload()
        order = page.locator(".guide-checklist [data-item]").evaluate_all(
            "boxes => boxes.map(b => b.dataset.item)")
        assert order == [i for i in reversed(ITEMS) if i != ITEMS[5]]
        assert sorted(ticked(page)) == sorted([ITEMS[0], ITEMS[3]])
        expect(page.get_by_label("We keep our word, week after week.")).to_be_checked()
        expect(page.locator("[data-feedback]")).to_contain_text(f"2 of {len(ITEMS) - 1} ticked")
        box(page, ITEMS[1]).check()
        assert stored(page)["ticks"]["2026-10"][ITEMS[5]] is True  # the removed item's tick stays
    finally:
        data_file.write_text(original, encoding="utf-8")
        shutil.rmtree(project / "site")
        for file in kept.rglob("*"):  # new to the server's Last-Modified, as if built again
            os.utime(file)
        kept.rename(project / "site")
    page.reload()
    assert sorted(ticked(page)) == sorted([ITEMS[0], ITEMS[1], ITEMS[3], ITEMS[5]])
    context.close()


@OWN_SITE
def test_a_checklist_marked_trackable_once_keeps_its_ticks_without_months(
        browser, own_site) -> None:
    _, served = own_site
    context = browser.new_context()
    page = context.new_page()
    open_checklist(page, served, OCTOBER, "tools/a-test-once-checklist/")
    expect(page.locator("[data-history]")).to_have_count(0)
    expect(page.locator("[data-period]")).to_have_count(0)
    page.get_by_label("The second thing.").check()
    expect(page.locator("[data-feedback]")).to_have_text("1 of 2 ticked.")
    page.clock.set_fixed_time(NOVEMBER)
    page.reload()
    expect(page.get_by_label("The second thing.")).to_be_checked()
    key = "/.guide:checklist:a-test-once-checklist"
    assert stored(page, key) == {"v": 1, "ticks": {"once": {"second-thing": True}}}
    context.close()

"""The monthly checklist in Chromium: ticks kept in this browser, month by month, never lost."""

from __future__ import annotations

import gzip
import json
import re
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.support.browser import (
    WCAG_TAGS,
    Server,
    axe_violations,
    instant_navigation_ready,
    watch_for_instant_navigation,
)
from tests.support.project import Build, build, built_site
from tests.support.tool_site import checklist_page, guide, sheet_pages, tool_starter, words

# The guide's first monthly checklist, found in its build; the words its pages show
PAGE, ID = checklist_page(built_site())
KEY = f"/.guide:checklist:{ID}"
CHECKLIST = guide().get(ID)
ITEMS = [item.id for item in CHECKLIST.items]
assert len(ITEMS) >= 3, "these tests tick three different items"
W = words()
OCTOBER = datetime(2026, 10, 15, 12, 0)
NOVEMBER = datetime(2026, 11, 2, 9, 0)
VISIT_ONLY = W.text("checklist.visit-only")
pytestmark = pytest.mark.clock  # the tests here fix the time to a month


def month(page: Page, key: str, length: str = "long") -> str:
    """A month ('2026-10') as the page names it, in its own language."""
    return page.evaluate("([key, length]) => new Date(key.slice(0, 4), key.slice(5) - 1)"
                         ".toLocaleDateString(document.documentElement.lang, "
                         "{month: length, year: 'numeric'})", [key, length])


def count(n: int, total: int = len(ITEMS), found=W) -> str:
    """How the feedback counts ticks, in the words of the guide (`found`)."""
    return found.text("checklist.count", n=n, total=total)


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
    for item in CHECKLIST.items:
        expect(page.get_by_label(item.text)).not_to_be_checked()
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
    box(watched, ITEMS[-1]).check()
    box(watched, ITEMS[1]).uncheck()
    box(watched, ITEMS[1]).check()
    watched.reload()
    expect(box(watched, ITEMS[1])).to_be_checked()
    assert ticked(watched) == [ITEMS[1], ITEMS[-1]]


def test_only_item_ids_and_booleans_are_stored(watched: Page, server: Server) -> None:
    open_checklist(watched, server, OCTOBER)
    for item in ITEMS[:3]:
        box(watched, item).check()
    text = watched.evaluate("key => localStorage.getItem(key)", KEY)
    words = set(re.findall(r'"([^"]*)"', text))
    assert words <= {"v", "ticks", "2026-10", *ITEMS}
    for item in CHECKLIST.items:
        assert item.text not in text


def test_feedback_follows_the_rule_in_the_data_and_is_announced_politely(
        watched: Page, server: Server) -> None:
    rule = CHECKLIST.rule
    open_checklist(watched, server, OCTOBER)
    feedback = watched.locator(".guide-checklist [data-feedback]")
    assert feedback.get_attribute("role") == "status"  # a polite live region
    enough = int(len(ITEMS) * rule.share) + 1
    for item in ITEMS[:enough - 1]:
        box(watched, item).check()
    expect(feedback).to_contain_text(count(enough - 1))
    expect(feedback).to_contain_text(rule.not_met[1:])
    box(watched, ITEMS[enough - 1]).check()
    expect(feedback).to_contain_text(count(enough))
    expect(feedback).to_contain_text(rule.met[1:])


def test_a_new_month_starts_empty_and_the_old_one_shows_in_the_history(
        watched: Page, server: Server) -> None:
    open_checklist(watched, server, OCTOBER)
    box(watched, ITEMS[0]).check()
    box(watched, ITEMS[2]).check()
    watched.clock.set_fixed_time(NOVEMBER)
    watched.reload()
    expect(watched.locator("[data-period]")).to_have_text(
        W.text("checklist.now", month=month(watched, "2026-11")))
    assert ticked(watched) == []
    box(watched, ITEMS[-1]).check()

    months = watched.get_by_role("list", name=W.text("checklist.months")).get_by_role("button")
    expect(months).to_have_count(2)
    october = watched.get_by_role("button", name=f"{month(watched, '2026-10', 'short')} {count(2)}")
    november = watched.get_by_role("button",
                                   name=f"{month(watched, '2026-11', 'short')} {count(1)}")
    expect(november).to_have_attribute("aria-pressed", "true")
    heights = watched.locator("[data-history] [data-month] > span > span").evaluate_all(
        "bars => bars.map(b => b.getBoundingClientRect().height)")
    assert heights[0] == pytest.approx(2 * heights[1], abs=1)  # the trend, drawn

    showing = watched.locator("[data-shown-month]")
    expect(showing).to_have_text(W.text("checklist.showing", month=month(watched, "2026-11")))
    october.click()  # open a past month
    expect(watched.locator("[data-period]")).to_have_text(
        W.text("checklist.then", month=month(watched, "2026-10")))
    # said beside the months too: the list itself may be off screen above
    expect(showing).to_have_text(W.text("checklist.showing", month=month(watched, "2026-10")))
    expect(october).to_have_attribute("aria-pressed", "true")
    expect(october).to_be_focused()
    assert ticked(watched) == [ITEMS[0], ITEMS[2]]
    november.click()
    assert ticked(watched) == [ITEMS[-1]]
    assert stored(watched)["ticks"] == {"2026-10": {ITEMS[0]: True, ITEMS[2]: True},
                                        "2026-11": {ITEMS[-1]: True}}


def test_two_tabs_agree(context, server: Server) -> None:
    context.clock.set_fixed_time(OCTOBER)
    first, second = context.new_page(), context.new_page()
    for page in (first, second):
        open_checklist(page, server, OCTOBER)
    box(first, ITEMS[2]).check()
    expect(box(second, ITEMS[2])).to_be_checked()
    box(second, ITEMS[0]).check()
    box(second, ITEMS[2]).uncheck()
    expect(box(first, ITEMS[0])).to_be_checked()
    expect(box(first, ITEMS[2])).not_to_be_checked()
    expect(first.locator("[data-feedback]")).to_contain_text(count(1))


def test_the_tool_with_history_and_a_note_is_accessible(watched: Page, server: Server) -> None:
    open_checklist(watched, server, OCTOBER)
    box(watched, ITEMS[0]).check()
    watched.clock.set_fixed_time(NOVEMBER)
    watched.reload()
    watched.get_by_label(VISIT_ONLY).check()
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
    axe_violations(page)  # loads axe-core
    found = page.evaluate(
        "tags => axe.run('.guide-checklist', {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [f"{v['id']}: {v['nodes'][0]['target']}" for v in found["violations"]]


# --- Storage that lets us down ------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["{not json", '{"v": 99, "ticks": {}}', '{"v": 1, "ticks": [1]}'])
def test_corrupt_storage_keeps_the_page_working_and_is_never_wiped(
        watched: Page, server: Server, bad: str) -> None:
    open_checklist(watched, server, OCTOBER)
    watched.evaluate("([key, bad]) => localStorage.setItem(key, bad)", [KEY, bad])
    watched.reload()
    expect(note(watched)).to_have_text(W.text("checklist.unread"))
    box(watched, ITEMS[2]).check()
    expect(watched.locator("[data-feedback]")).to_contain_text(count(1))
    watched.get_by_label(VISIT_ONLY).check()
    watched.get_by_label(VISIT_ONLY).uncheck()
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
    expect(note(page)).to_have_text(re.compile(
        f"{re.escape(W.text('checklist.unsaved'))}|{re.escape(W.text('checklist.full'))}"))
    expect(page.locator("[data-feedback]")).to_contain_text(count(2))
    index = page.locator(".guide-backlinks").get_by_role("link", name=W.text("page.tool-index"))
    index_url = urljoin(page.url, index.get_attribute("href"))
    index.click()
    expect(page).to_have_url(index_url)  # the reader sees the index, then goes back
    expect(page.locator(".guide-tracker")).to_have_count(0)
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
    with watched.expect_download() as download:
        watched.get_by_role("button", name=W.text("checklist.export")).click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "checklist-ticks-2026-11.json"

    fresh = browser.new_context()
    page = fresh.new_page()
    open_checklist(page, server, NOVEMBER)
    box(page, ITEMS[0]).check()  # a tick already here is kept
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=W.text("checklist.import")).click()
    chooser.value.set_files(path)
    expect(note(page)).to_have_text(W.text("checklist.loaded"))
    assert ticked(page) == [ITEMS[0], ITEMS[2]]
    page.get_by_role("button", name=re.compile("^" + month(page, "2026-10", "short"))).click()
    assert ticked(page) == [ITEMS[1]]
    page.reload()
    assert ticked(page) == [ITEMS[0], ITEMS[2]]
    fresh.close()


def test_a_bad_file_changes_nothing_and_says_so(watched: Page, server: Server,
                                                tmp_path: Path) -> None:
    open_checklist(watched, server, OCTOBER)
    box(watched, ITEMS[0]).check()
    before = stored(watched)
    bad = tmp_path / "ticks.json"
    bad.write_text(json.dumps({"guide": "checklist-ticks", "v": 1, "checklists": {
        ID: {"v": 1, "ticks": {"2026-10": {ITEMS[1]: "<b>yes</b>"}}}}}))
    with watched.expect_file_chooser() as chooser:
        watched.get_by_role("button", name=W.text("checklist.import")).click()
    chooser.value.set_files(bad)
    expect(note(watched)).to_have_text(W.text("checklist.bad-file"))
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
    watched.get_by_role("button", name=W.text("checklist.forget")).click()
    assert ticked(watched) == [ITEMS[1]]
    assert stored(watched)["ticks"]["2026-10"] == {ITEMS[0]: True}

    messages: list[str] = []
    watched.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    watched.get_by_role("button", name=W.text("checklist.forget")).click()
    expect(note(watched)).to_have_text(W.text("checklist.forgot"))
    assert messages == [W.text("checklist.confirm")]
    assert site_keys(watched) == []
    assert ticked(watched) == []
    months = watched.get_by_role("list", name=W.text("checklist.months"))
    expect(months.get_by_role("button")).to_have_count(1)
    watched.reload()  # Material saves its colour palette again on load; no tick comes back
    assert [key for key in site_keys(watched) if key.startswith("/.guide")] == []
    assert ticked(watched) == []


def test_dont_save_on_this_device_keeps_ticks_for_this_visit_only(
        context, server: Server) -> None:
    page = context.new_page()
    open_checklist(page, server, OCTOBER)
    box(page, ITEMS[0]).check()
    page.get_by_label(VISIT_ONLY).check()
    expect(note(page)).to_have_text(W.text("checklist.visit"))
    box(page, ITEMS[1]).check()
    box(page, ITEMS[0]).uncheck()
    assert stored(page)["ticks"] == {"2026-10": {ITEMS[0]: True}}  # nothing new saved
    page.reload()  # the same visit
    expect(page.get_by_label(VISIT_ONLY)).to_be_checked()
    assert ticked(page) == [ITEMS[1]]

    other = context.new_page()  # another visit in this browser sees only what was saved
    open_checklist(other, server, OCTOBER)
    assert ticked(other) == [ITEMS[0]]
    expect(other.get_by_label(VISIT_ONLY)).not_to_be_checked()

    page.get_by_label(VISIT_ONLY).uncheck()  # now save what is shown
    assert stored(page)["ticks"] == {"2026-10": {ITEMS[1]: True}}
    assert page.evaluate(
        "() => Object.keys(sessionStorage).filter(k => k.startsWith('/.guide'))") == []
    expect(box(other, ITEMS[1])).to_be_checked()


def test_the_choice_not_to_save_comes_before_the_list_and_says_what_stays(
        watched: Page, server: Server) -> None:
    open_checklist(watched, server, OCTOBER)
    choice = watched.get_by_label(VISIT_ONLY)
    first_item = box(watched, ITEMS[0])
    assert choice.bounding_box()["y"] < first_item.bounding_box()["y"]
    hint = watched.locator(".guide-tracker__visit-hint")
    expect(hint).to_be_hidden()
    choice.check()
    expect(hint).to_be_visible()
    expect(hint).to_contain_text(W.text("checklist.forget"))


def test_the_choice_not_to_save_is_one_for_the_whole_site(context, server: Server) -> None:
    page = context.new_page()
    open_checklist(page, server, OCTOBER)
    page.get_by_label(VISIT_ONLY).check()
    box(page, ITEMS[0]).check()
    assert stored(page) is None

    page.goto(server.url(next(iter(sheet_pages(built_site()).values()))))  # the same tab: the
    choice = page.get_by_label(VISIT_ONLY)  # same choice
    expect(choice).to_be_checked()
    page.locator(".guide-worksheet textarea").first.fill("Only in this tab")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.includes('guide:'))") == []

    choice.uncheck()  # on the worksheet: the checklist's ticks are saved on the device too
    assert stored(page)["ticks"] == {"2026-10": {ITEMS[0]: True}}
    open_checklist(page, server, OCTOBER)
    expect(page.get_by_label(VISIT_ONLY)).not_to_be_checked()
    assert ticked(page) == [ITEMS[0]]


def test_ticks_api_for_other_features(watched: Page, server: Server) -> None:
    open_checklist(watched, server, OCTOBER)
    events = watched.evaluate_handle("""() => { const seen = [];
        document.addEventListener('guide:ticks', () => seen.push(1)); return seen; }""")
    box(watched, ITEMS[-1]).check()
    box(watched, ITEMS[1]).check()
    mine = watched.evaluate("id => guideChecklist.ticks(id)", ID)
    assert mine == [ITEMS[-1], ITEMS[1]]
    assert watched.evaluate("id => guideChecklist.ticks(id, '2026-09')", ID) == []
    assert events.evaluate("seen => seen.length") >= 2


# --- A site with its own build: instant navigation, and items reordered in the data --------------


@pytest.fixture(scope="module")
def own_site() -> Iterator[tuple[Path, Server, Build]]:
    """The starter guide with every tool (a checklist ticked once among them), served from a
    fixed folder with site_url set to where it is served (Material's instant navigation follows
    only the links listed in sitemap.xml)."""
    folder = Path(tempfile.mkdtemp(prefix="guide-checklist-")) / "guide"
    served = Server(folder / "site")  # served once built there
    project = tool_starter(folder, f"{served.origin}/")
    yield project, served, rebuild(project)
    served.close()


# Tests on the site's own build run in one worker, which builds it once
OWN_SITE = pytest.mark.xdist_group("checklist-own-site")


def rebuild(project: Path) -> Build:
    result = build(project, strict=True)
    assert result.returncode == 0, result.output
    return result


def own_checklist(own_site, trackable: str = "monthly") -> tuple[str, str, list[str]]:
    """The page, id and item ids of the own site's checklist."""
    project, _, built = own_site
    page, checklist = checklist_page(built, trackable)
    return page, checklist, [item.id for item in guide(project).get(checklist).items]


@OWN_SITE
def test_ticks_survive_instant_navigation_and_the_page_sets_itself_up_again(
        browser, own_site) -> None:
    project, served, _ = own_site
    path, checklist, items = own_checklist(own_site)
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    watch_for_instant_navigation(page)
    open_checklist(page, served, OCTOBER, path)
    instant_navigation_ready(page)
    page.evaluate("() => { window.stillTheSamePage = true; }")
    box(page, items[0]).check()

    tools = page.locator(".guide-backlinks").get_by_role(
        "link", name=words(project).text("page.tool-index"))
    index = urljoin(f"/{path}", tools.get_attribute("href"))
    tools.click()
    expect(page).to_have_url(re.compile(f"{re.escape(index)}(#.*)?$"))
    title = guide(project).get(checklist).title
    page.get_by_role("heading", name=title).get_by_role("link").click()
    expect(page).to_have_url(re.compile(f"/{path}(#.*)?$"))
    assert page.evaluate("() => window.stillTheSamePage") is True  # no full page load
    expect(page.locator(".guide-tracker")).to_be_visible()
    expect(box(page, items[0])).to_be_checked()
    box(page, items[1]).check()  # the new page's boxes are wired up
    expect(page.locator("[data-feedback]")).to_contain_text(count(2, len(items), words(project)))

    page.go_back()
    page.go_forward()
    expect(page).to_have_url(re.compile(f"/{path}(#.*)?$"))
    expect(box(page, items[1])).to_be_checked()
    assert page.evaluate("() => window.stillTheSamePage") is True
    assert ticked(page) == [items[0], items[1]]
    assert stored(page, f"/.guide:checklist:{checklist}")["ticks"] == {
        "2026-10": {items[0]: True, items[1]: True}}
    assert not errors
    context.close()


@OWN_SITE
def test_reordering_renaming_and_removing_items_in_the_data_keeps_every_tick(
        browser, own_site) -> None:
    project, served, _ = own_site
    path, checklist_id, items = own_checklist(own_site)
    key = f"/.guide:checklist:{checklist_id}"
    data_file = next(f for f in (project / "data").glob("*.yml")
                     if "checklists" in (yaml.safe_load(f.read_text(encoding="utf-8")) or {}))
    original = data_file.read_text(encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    open_checklist(page, served, OCTOBER, path)
    kept, renamed_id, removed = items[0], items[1], items[2]
    for item in (kept, renamed_id, removed):
        box(page, item).check()

    # Items reversed, one renamed, one removed, and the site built again.
    data = yaml.safe_load(original)
    checklist = next(c for c in data["checklists"] if c["id"] == checklist_id)
    checklist["items"] = [i for i in reversed(checklist["items"]) if i["id"] != removed]
    renamed = next(i for i in checklist["items"] if i["id"] == renamed_id)
    renamed["text"] = "We keep our word, week after week."
    data_file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                         encoding="utf-8")
    try:
        rebuild(project)
        page.reload()
        order = page.locator(".guide-checklist [data-item]").evaluate_all(
            "boxes => boxes.map(b => b.dataset.item)")
        assert order == [i for i in reversed(items) if i != removed]
        assert sorted(ticked(page)) == sorted([kept, renamed_id])
        expect(page.get_by_label("We keep our word, week after week.")).to_be_checked()
        expect(page.locator("[data-feedback]")).to_contain_text(
            count(2, len(items) - 1, words(project)))
        box(page, kept).uncheck()
        assert stored(page, key)["ticks"]["2026-10"][removed] is True  # the removed item's tick
    finally:
        data_file.write_text(original, encoding="utf-8")
        rebuild(project)
    page.reload()
    assert sorted(ticked(page)) == sorted([renamed_id, removed])
    context.close()


@OWN_SITE
def test_a_checklist_marked_trackable_once_keeps_its_ticks_without_months(
        browser, own_site) -> None:
    path, checklist, items = own_checklist(own_site, "once")
    project, served, _ = own_site
    context = browser.new_context()
    page = context.new_page()
    open_checklist(page, served, OCTOBER, path)
    expect(page.locator("[data-history]")).to_have_count(0)
    expect(page.locator("[data-period]")).to_have_count(0)
    box(page, items[1]).check()
    expect(page.locator("[data-feedback]")).to_have_text(count(1, len(items), words(project)))
    page.clock.set_fixed_time(NOVEMBER)
    page.reload()
    expect(box(page, items[1])).to_be_checked()
    assert stored(page, f"/.guide:checklist:{checklist}") == {
        "v": 1, "ticks": {"once": {items[1]: True}}}
    context.close()

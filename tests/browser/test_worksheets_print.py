"""The worksheets on paper (Chromium's PDF, A4 and US Letter) and filled in on screen."""

from __future__ import annotations

import html as html_lib
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.support.browser import Server, axe_violations
from tests.support.project import built_site
from tests.support.tool_site import guide, sheet_pages, words

SHEETS = guide().of_kind("worksheet")
PAGES = sheet_pages(built_site())  # each sheet's page in the build, by the sheet's id
W = words()
FORMATS = ("A4", "Letter")
# The sheet the tests fill in: one with a day grid and a question to write on
SHEET = next(sheet for sheet in SHEETS if {"day-grid", "prompts"} <= {
    section.kind for section in sheet.sections})
GRID = next(section for section in SHEET.sections if section.kind == "day-grid")
SHEET_PAGE = PAGES[SHEET.id]
PLAN = next(f"{SHEET.id}--{section.id}--{section.prompts[0].id}" for section in SHEET.sections
            if section.kind == "prompts")  # its first question's field
SCOPE = "/."  # Material's scope: the site is served at the root
PLAN_KEY = SCOPE + "guide:sheet:" + PLAN.replace("--", ":")


def _day(day: int) -> str:
    """The label of the first practice's box on a day of the grid."""
    return W.text("sheet.day-practice", day=day, title=guide().get(GRID.practices[0]).title)


def _pages(page, paper: str) -> list[str]:
    """The text of each page of the PDF that Chromium prints."""
    reader = PdfReader(io.BytesIO(page.pdf(format=paper)))
    return [p.extract_text() or "" for p in reader.pages]


def _chrome_labels(sheet_id: str) -> set[str]:
    """What the site's chrome says around a sheet (navigation, header), unless the sheet says it."""
    built = built_site().html(PAGES[sheet_id])
    content = built[built.index('<article'):built.index("</article>")]
    own = html_lib.unescape(re.sub(r"<[^>]+>", " ", content))
    own = " ".join(own.split())
    labels = {" ".join(html_lib.unescape(label).split())
              for label in re.findall(r'<span class="md-ellipsis">([^<]+)</span>', built)}
    labels |= {"Skip to content", W.text("frame.leave") + W.text("frame.leave-more")}
    return {label for label in labels if label and label not in own}


def _open(page, url: str | None = None) -> None:
    """Open (or reload) a sheet once worksheet.js has set it up: it fills every field in from
    storage then, so what is typed before that is not kept."""
    if url:
        page.goto(url, wait_until="load")
    else:
        page.reload(wait_until="load")
    expect(page.locator("[data-sheet-ready]")).to_have_count(1, timeout=30_000)  # a busy machine


def _field(page, field_id: str):
    return page.locator(f'[id="{field_id}"]')


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda s: s.id)
def test_each_sheet_prints_on_its_pages_without_the_site_around_it(watched, server,
                                                                    sheet) -> None:
    _open(watched, server.url(PAGES[sheet.id]))
    chrome = _chrome_labels(sheet.id)
    assert chrome, "no navigation labels found to look for"
    for paper in FORMATS:  # printed twice from the one page, as a reader may
        pages = _pages(watched, paper)
        assert 1 <= len(pages) <= sheet.max_pages, \
            f"{sheet.id} prints on {len(pages)} {paper} pages"
        text = " ".join(" ".join(pages).split())
        for section in sheet.sections:
            assert " ".join(section.title.split()) in text, \
                f"'{section.title}' is not printed on {paper}"
        printed = sorted(label for label in chrome if label in text)
        assert not printed, f"the site's chrome is printed on {paper}: {printed}"
        assert W.text("sheet.print") not in text and W.text("sheet.clear") not in text
        assert W.text("sheet.page", page=1, pages=len(pages)) in pages[0], \
            f"no page number in the footer on {paper}"


def test_the_day_grid_is_printed_whole_on_one_page(watched, server) -> None:
    _open(watched, server.url(SHEET_PAGE))
    for paper in FORMATS:
        pages = _pages(watched, paper)
        [grid] = [text for text in pages if GRID.title in text]
        rows = re.findall(r"^\s*(\d{1,2})\s*$", grid, re.MULTILINE)
        assert [int(day) for day in rows] == list(range(1, GRID.days + 1)), paper


@pytest.mark.content
def test_each_weekly_reflection_of_the_30_day_sheet_is_printed_whole(watched, server) -> None:
    _open(watched, server.url("tools/30-day-worksheet/"))
    for paper in FORMATS:
        pages = _pages(watched, paper)
        for week in range(1, 5):
            [printed] = [text for text in pages if f"Week {week}" in text]
            assert printed.count("What still hurts?") == sum(
                f"Week {n}" in printed for n in range(1, 5)), f"a reflection is split on {paper}"


def test_a_blank_sheet_prints_the_same_without_javascript(browser, server) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for sheet in SHEETS:
            page.goto(server.url(PAGES[sheet.id]))
            for paper in FORMATS:
                pages = _pages(page, paper)
                assert 1 <= len(pages) <= sheet.max_pages, f"{sheet.id} on {paper} without JS"
                assert sheet.sections[0].title in " ".join(pages)
    finally:
        context.close()


def test_a_dark_screen_still_prints_black_on_white(watched, server) -> None:
    watched.emulate_media(color_scheme="dark")
    _open(watched, server.url(SHEET_PAGE))
    assert watched.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    watched.emulate_media(media="print", color_scheme="dark")
    colours = watched.evaluate("""() => {
        const of = selector => getComputedStyle(document.querySelector(selector));
        return [of('body').backgroundColor, of('.md-content').backgroundColor,
                of('.md-typeset h1').color, of('.guide-field label').color,
                of('.guide-field textarea').color, of('.guide-grid__table td').borderTopColor];
    }""")
    assert colours == ["rgb(255, 255, 255)"] * 2 + ["rgb(0, 0, 0)"] * 4


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_filled_sheet_is_accessible_in_both_palettes(watched, server, scheme) -> None:
    watched.emulate_media(color_scheme=scheme)
    _open(watched, server.url(SHEET_PAGE))
    _field(watched, PLAN).fill("Answer within the hour")
    watched.get_by_label(_day(2)).check()
    # Back to the top, once Material's header has finished fading its title back in
    watched.evaluate("window.scrollTo(0, 0)")
    # (a locator, not wait_for_function: the page's CSP forbids the eval that one polls with;
    # axe_violations then waits for the fade itself to end)
    expect(watched.locator(".md-header__title--active")).to_have_count(0)
    assert not [(v["id"], v["nodes"][0]["target"]) for v in axe_violations(watched)]


def test_what_is_filled_in_prints_and_is_kept_until_cleared(watched, server) -> None:
    _open(watched, server.url(SHEET_PAGE))
    tools = watched.locator(".guide-sheet__tools")
    expect(tools.get_by_role("button", name=W.text("sheet.print"))).to_be_visible()
    plan = _field(watched, PLAN)
    plan.fill("Answer within the hour, every time")
    day = watched.get_by_label(_day(3))
    day.check()
    assert watched.evaluate(f"localStorage.getItem('{PLAN_KEY}')") == \
        "Answer within the hour, every time"
    assert "Answer within the hour, every time" in " ".join(_pages(watched, "A4"))

    _open(watched)
    assert _field(watched, PLAN).input_value() == "Answer within the hour, every time"
    assert watched.get_by_label(_day(3)).is_checked()

    watched.once("dialog", lambda dialog: dialog.accept())
    tools.get_by_role("button", name=W.text("sheet.clear")).click()
    assert _field(watched, PLAN).input_value() == ""
    assert not watched.get_by_label(_day(3)).is_checked()
    assert watched.get_by_role("status").filter(has_text=W.text("sheet.cleared")).is_visible()
    _open(watched)
    assert _field(watched, PLAN).input_value() == ""
    assert watched.evaluate(
        "id => Object.keys(localStorage).filter(k => k.includes(`guide:sheet:${id}:`))",
        SHEET.id) == []


def test_clearing_asks_first_and_keeps_other_sheets(watched, server) -> None:
    _open(watched, server.url(SHEET_PAGE))
    other = "/.guide:sheet:another-sheet:agreed:first-name"  # a note of another sheet
    watched.evaluate("key => localStorage.setItem(key, 'Sam')", other)
    plan = _field(watched, PLAN)
    plan.fill("Keep me")
    watched.once("dialog", lambda dialog: dialog.dismiss())
    watched.get_by_role("button", name=W.text("sheet.clear")).click()
    assert plan.input_value() == "Keep me"
    watched.once("dialog", lambda dialog: dialog.accept())
    watched.get_by_role("button", name=W.text("sheet.clear")).click()
    assert plan.input_value() == ""
    assert watched.evaluate("key => localStorage.getItem(key)", other) == "Sam"


def test_dont_save_on_this_device_keeps_new_notes_in_this_tab_only(context, server) -> None:
    page = context.new_page()
    _open(page, server.url(SHEET_PAGE))
    plan = _field(page, PLAN)
    plan.fill("Saved before")
    choice = page.get_by_label(W.text("sheet.visit-only"))
    choice.check()
    assert page.locator("[data-sheet-visit]").is_visible()
    plan.fill("Only in this tab")
    assert page.evaluate(f"localStorage.getItem('{PLAN_KEY}')") == "Saved before"
    assert page.evaluate(f"sessionStorage.getItem('{PLAN_KEY}')") == "Only in this tab"
    _open(page)  # the same tab
    assert choice.is_checked() and plan.input_value() == "Only in this tab"

    other = context.new_page()  # another tab sees only what was saved on the device
    _open(other, server.url(SHEET_PAGE))
    assert _field(other, PLAN).input_value() == "Saved before"
    assert not other.get_by_label(W.text("sheet.visit-only")).is_checked()
    assert not other.locator("[data-sheet-visit]").is_visible()

    choice.uncheck()  # now what is shown is saved on the device again
    assert page.evaluate(f"localStorage.getItem('{PLAN_KEY}')") == "Only in this tab"
    assert page.evaluate("Object.keys(sessionStorage).filter(k => k.includes('guide:'))") == []


def test_notes_are_kept_under_the_sites_own_path(browser, site, tmp_path) -> None:
    (tmp_path / "our-guide").symlink_to(site.site)  # the guide published in a sub-folder
    server = Server(tmp_path)
    page = browser.new_page()
    try:
        _open(page, server.url("our-guide/" + SHEET_PAGE))
        _field(page, PLAN).fill("Ours")
        assert page.evaluate("Object.keys(localStorage).filter(k => k.includes('sheet'))") \
            == ["/our-guide" + PLAN_KEY]
    finally:
        page.close()
        server.close()


def test_the_print_button_prints(watched, server) -> None:
    watched.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1 }")
    _open(watched, server.url(PAGES[SHEETS[-1].id]))
    watched.get_by_role("button", name=W.text("sheet.print")).click()
    assert watched.evaluate("window.printed") == 1


def test_long_answers_grow_the_box_instead_of_being_cut_off(watched, server) -> None:
    _open(watched, server.url(SHEET_PAGE))
    plan = _field(watched, PLAN)
    plan.fill("We will keep our word about small things first. " * 12)
    assert plan.evaluate("box => box.scrollHeight <= box.clientHeight + 1")
    watched.emulate_media(media="print")
    assert plan.evaluate("box => box.scrollHeight <= box.clientHeight + 1")


def test_without_storage_the_sheet_works_and_says_nothing_is_kept(browser, server) -> None:
    context = browser.new_context()
    context.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('The user denied storage', 'SecurityError') }})""")
    try:
        page = context.new_page()
        _open(page, server.url(SHEET_PAGE))
        note = page.locator("[data-sheet-unsaved]")
        expect(note).to_be_visible()  # shown by worksheet.js, which may run a moment later
        assert note.inner_text() == W.text("sheet.unsaved")
        _field(page, PLAN).fill("Only for this visit")
        page.get_by_label(_day(1)).check()
        assert "Only for this visit" in " ".join(_pages(page, "Letter"))
    finally:
        context.close()


NOTE = ("We talked about the weekend and it went better than last time. I said what I needed "
        "and you listened. Next time we will start sooner, before it's late")


def test_a_long_note_in_a_one_line_box_prints_whole(watched, server) -> None:
    assert len(NOTE) == 150
    _open(watched, server.url(SHEET_PAGE))
    watched.get_by_label(W.text("sheet.day-notes", day=3)).fill(NOTE)
    for paper in FORMATS:  # printed at once after typing, then on the other paper
        pages = _pages(watched, paper)
        [grid] = [text for text in pages if GRID.title in text]
        assert NOTE in " ".join(grid.split()), f"the note is cut off on {paper}"
        rows = re.findall(r"^\s*(\d{1,2})\b", grid, re.MULTILINE)  # day 3's note may follow
        assert [int(day) for day in rows] == list(range(1, GRID.days + 1)), \
            f"the grid no longer fits its {paper} page"

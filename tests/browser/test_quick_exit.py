""""Leave this site quickly": a link on every page, or Shift pressed three times."""

from __future__ import annotations

import pytest
import yaml

from tests.support.browser import settled
from tests.support.project import ROOT, built_site
from tests.support.tool_site import said, words

# Where the guide sends a reader who leaves, and the link's name, in the guide's own words
NEUTRAL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"][
    "quick_exit_url"]
W = words()
LEAVE = W.text("frame.leave") + W.text("frame.leave-more")
# Pages of whatever guide is built: one besides the home page, and the longest (for scrolling)
PAGES = [page for page in built_site().pages() if page not in ("", "404.html")]
OTHER = PAGES[0]
LONG = max(PAGES, key=lambda page: len(built_site().html(page)))


# Reports what the page shows the moment quick-exit.js marks it as being left.
SEEN_WHEN_LEAVING = """new MutationObserver((changes, observer) => {
  if (!document.documentElement.classList.contains("guide-leaving")) return;
  observer.disconnect();
  window.__guideSawLeaving({
    bodyShown: getComputedStyle(document.body).display !== "none",
    title: document.title,
    session: sessionStorage.length,
    saved: localStorage.getItem("guide-test-saved"),
  });
}).observe(document, {attributes: true, subtree: true, attributeFilter: ["class"]});"""


@pytest.fixture
def leaving(watched) -> list[dict]:
    """What the page showed as it was left. The test answers the request for the neutral page
    itself, and only once the page's report has come: a page already replaced by the next one
    could lose its report on the way."""
    seen: list[dict] = []
    held: list = []

    def answer(route) -> None:
        route.fulfill(status=200, content_type="text/html",
                      body="<!doctype html><title>Weather</title>")

    def saw(shown: dict) -> None:
        seen.append(shown)
        while held:
            answer(held.pop())

    def asked(route) -> None:
        if seen:
            answer(route)
        else:
            held.append(route)  # answered by `saw`

    watched.expose_function("__guideSawLeaving", saw)
    watched.add_init_script(SEEN_WHEN_LEAVING)
    watched.route(NEUTRAL, asked)
    yield seen
    # Leaving is the reader's own choice: the one request allowed to leave the site.
    assert watched.watch.foreign in ([], [NEUTRAL])
    watched.watch.foreign.clear()


def _left(page, seen: list[dict]) -> dict:
    """Wait until the neutral page is open, then say what the guide's page showed as it left."""
    page.wait_for_url(NEUTRAL)
    assert len(seen) == 1
    return seen[0]


def _visit_with_storage(page, server, path: str = OTHER) -> None:
    page.goto(server.url(path))
    page.evaluate("""() => {
        sessionStorage.setItem("guide-test-unsaved", "ticks for this visit only");
        localStorage.setItem("guide-test-saved", "the reader chose to save");
    }""")


def test_the_link_blanks_the_page_clears_the_visit_and_replaces_history(
        watched, server, leaving) -> None:
    watched.goto(server.url(""))
    _visit_with_storage(watched, server)
    watched.get_by_role("link", name=LEAVE).click()
    shown = _left(watched, leaving)
    assert shown == {"bodyShown": False, "title": "", "session": 0,
                     "saved": "the reader chose to save"}
    # location.replace: Back skips the page the reader left, to the one before it.
    watched.go_back()
    assert watched.url == server.url("")


def test_pressing_shift_three_times_leaves(watched, server, leaving) -> None:
    _visit_with_storage(watched, server, LONG)
    for _ in range(3):
        watched.keyboard.press("Shift")
    shown = _left(watched, leaving)
    assert shown["bodyShown"] is False and shown["session"] == 0


def test_typing_capitals_or_two_shifts_do_not_leave(watched, server, leaving) -> None:
    watched.goto(server.url(""))
    watched.keyboard.press("/")  # Material's search box takes the typing
    for key in ("Shift", "Shift+A", "Shift", "Shift+B", "Shift", "Shift"):
        watched.keyboard.press(key)
    # Each press is handled before the next one is sent, and leaving marks the page at once
    assert not watched.evaluate("document.documentElement.classList.contains('guide-leaving')")
    assert watched.title() and not leaving and watched.url == server.url("")
    assert watched.evaluate("getComputedStyle(document.body).display") != "none"


def test_the_link_comes_first_by_keyboard_and_works_with_enter(
        watched, server, leaving) -> None:
    watched.goto(server.url(OTHER))
    watched.keyboard.press("Tab")
    focused = watched.evaluate("document.activeElement.textContent.trim()")
    if focused != LEAVE:  # "Skip to content" comes first where there is one
        watched.keyboard.press("Tab")
    link = watched.get_by_role("link", name=LEAVE)
    assert link.evaluate("el => el === document.activeElement")
    assert said(W, "frame.leave-hint").search(watched.evaluate(
        "document.getElementById(document.activeElement.getAttribute('aria-describedby'))"
        ".textContent"))
    watched.keyboard.press("Enter")
    assert _left(watched, leaving)["bodyShown"] is False


# `ended` settles when the page's next scroll has come to an end.
SCROLLED = "() => ({ended: new Promise(done => addEventListener('scrollend', done, {once: true}))})"


def _link_after_scrolling(page, server, size: dict) -> dict:
    """Where the link is after reading far down a long page at this window size."""
    page.set_viewport_size(size)
    page.goto(server.url(LONG))
    scrolled = page.evaluate_handle(SCROLLED)
    page.mouse.wheel(0, 3000)
    page.evaluate("scrolled => scrolled.ended", scrolled)
    settled(page)
    return page.get_by_role("link", name=LEAVE).bounding_box()


@pytest.mark.parametrize("size", [{"width": 360, "height": 640}, {"width": 1280, "height": 800}])
def test_the_link_is_in_view_on_phones_and_desktops_while_scrolling(
        watched, server, size) -> None:
    box = _link_after_scrolling(watched, server, size)
    assert box and box["height"] >= 24 and box["width"] >= 24  # WCAG 2.5.8 target size
    assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= size["height"]


def _overlap(a: dict, b: dict) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


@pytest.mark.parametrize("size", [{"width": 320, "height": 568}, {"width": 360, "height": 640},
                                  {"width": 768, "height": 1024}])
def test_on_phones_and_tablets_the_link_sits_in_the_header_beside_its_buttons(
        watched, server, size) -> None:
    box = _link_after_scrolling(watched, server, size)
    header = watched.locator(".md-header").bounding_box()
    assert box and header["y"] <= box["y"] and box["y"] + box["height"] <= header["height"]
    for neighbour in (".md-header__title", ".md-header__option",
                      '.md-header__button[for="__search"]', '.md-header__button[for="__drawer"]'):
        near = watched.locator(neighbour).first.bounding_box()
        assert near and not _overlap(box, near), neighbour


@pytest.mark.parametrize("width", [360, 768])
def test_on_phones_it_stays_clear_of_search_text_and_of_the_open_menu(
        watched, server, width) -> None:
    watched.set_viewport_size({"width": width, "height": 700})
    watched.goto(server.url(LONG))
    leave = watched.get_by_role("link", name=LEAVE)
    watched.locator('label.md-header__button[for="__search"]').click()
    search = watched.locator('input[data-md-component="search-query"]')
    search.press_sequentially("how do we talk about the hard things again")
    text_end = search.evaluate("""box => box.getBoundingClientRect().right
        - parseFloat(getComputedStyle(box).paddingRight)""")
    assert text_end <= leave.bounding_box()["x"]
    search.press("Escape")
    watched.locator('.md-header label[for="__drawer"]').click()
    drawer = watched.locator(".md-sidebar--primary")
    settled(watched)  # the menu has slid in
    assert not _overlap(leave.bounding_box(), drawer.bounding_box())
    assert leave.is_visible()


def test_the_link_is_not_printed(watched, server) -> None:
    watched.goto(server.url(""))
    watched.emulate_media(media="print")
    assert not watched.get_by_role("link", name=LEAVE).is_visible()

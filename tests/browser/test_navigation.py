"""A reader on a phone can find their way, and can switch between light and dark."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import watched_page
from tests.support.tool_site import folders, guide, guide_with, server_of, words

PHASE = min(guide().of_kind("phase"), key=lambda phase: phase.order)  # the plan's first stage
ROADMAP = folders()["roadmap"]


def _url(step: str) -> str:
    """The address of a page a path names by its Markdown file."""
    return step.removesuffix(".md").removesuffix("index") + "/" if step != "index.md" else ""


def _shared(found) -> str | None:
    """A page on more than one of a guide's reading paths."""
    steps = [step for path in found.of_kind("path") for step in dict.fromkeys(path.steps)]
    return next((_url(step) for step in steps if steps.count(step) > 1), None)


# This guide when a page of it is on more than one reading path, else the starter with every tool
GUIDE, BUILT = guide_with(lambda found: _shared(found) is not None)
SHARED = _shared(guide(GUIDE))  # a page on several paths
OFF_PATH = next(page for page in BUILT.pages()  # a page on no path
                if page not in ("", "404.html") and "data-path=" not in BUILT.html(page))
PATHS = {path.id: f"{folders(GUIDE)['paths']}/{path.id}/" for path in guide(GUIDE).of_kind("path")}


@pytest.fixture
def paths_page(profile, server):
    """A watched page of GUIDE's site, and its server."""
    served = server_of(GUIDE, server)
    with watched_page(profile, served.origin) as page:
        yield page, served


def test_phone_reader_opens_the_menu_and_reaches_the_roadmap(browser, server) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, has_touch=True,
                                  is_mobile=True)
    page = context.new_page()
    page.goto(server.url(""))
    menu = page.locator('.md-header label[for="__drawer"]')
    assert menu.is_visible()
    menu.click()
    drawer = page.locator("nav.md-nav--primary")
    # (the roadmap's own link; instant navigation makes links absolute)
    drawer.locator(f'a:is([href="{ROADMAP}/"], [href$="/{ROADMAP}/"]):visible').first.click()
    page.wait_for_url(f"**/{ROADMAP}/")
    page.locator("article.md-content__inner").get_by_role("link", name=PHASE.title).first.click()
    page.wait_for_url(f"**/{ROADMAP}/{PHASE.id}/")
    assert page.get_by_role("heading", level=1).inner_text().startswith(PHASE.title)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px)"
    context.close()


def test_reader_can_switch_between_light_and_dark(watched, server) -> None:
    watched.goto(server.url(""))
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    before = watched.evaluate(scheme)
    toggle = watched.locator("form[data-md-component=palette] label:visible").first
    toggle.click()
    after = watched.evaluate(scheme)
    assert {before, after} == {"default", "slate"}


def test_on_a_reading_path_the_path_alone_says_where_to_go_next(paths_page) -> None:
    watched, server = paths_page
    watched.goto(server.url(SHARED))  # on paths
    steps = watched.get_by_role("navigation", name=words(GUIDE).text("next.label"))
    expect(steps.get_by_role("link").first).to_be_visible()
    expect(watched.locator(".md-footer__inner")).to_be_hidden()
    watched.goto(server.url(OFF_PATH))  # on no path
    expect(watched.get_by_role("navigation", name=words(GUIDE).text("next.label"))
           ).to_have_count(0)
    expect(watched.locator(".md-footer__inner")).to_be_visible()


def _steps(page) -> list[tuple[str, bool]]:
    return [tuple(step) for step in page.locator(".guide-next-step").evaluate_all(
        "steps => steps.map(s => [s.dataset.path, s.hasAttribute('data-following')])")]


def test_the_path_a_reader_follows_comes_first_on_shared_pages(browser, server) -> None:
    context = browser.new_context()
    server = server_of(GUIDE, server)
    page = context.new_page()
    page.goto(server.url(SHARED))  # on several paths
    written = _steps(page)
    assert len(written) >= 2 and not any(following for _, following in written)

    chosen = written[-1][0].split()[0]  # a path that does not come first by itself
    page.goto(server.url(PATHS[chosen]))
    page.goto(server.url(SHARED))
    first, *others = _steps(page)
    assert chosen in first[0].split() and first[1]
    assert sorted(others) == sorted(s for s in written if s != (first[0], False))

    # following another path's "Next step" makes that path the one followed
    other = next(path for path, _ in others)
    page.locator(f'.guide-next-step[data-path="{other}"] a').click()
    page.wait_for_url(lambda url: not url.endswith(f"/{SHARED}"))
    page.goto(server.url(SHARED))
    assert _steps(page)[0] == (other, True)

    fresh = context.new_page()  # another tab follows nothing yet
    fresh.goto(server.url(SHARED))
    assert _steps(fresh) == written
    context.close()

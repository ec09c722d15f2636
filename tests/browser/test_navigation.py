"""A reader on a phone can find their way, and can switch between light and dark."""

from __future__ import annotations

from playwright.sync_api import expect


def test_phone_reader_opens_the_menu_and_reaches_the_roadmap(browser, server) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, has_touch=True,
                                  is_mobile=True)
    page = context.new_page()
    page.goto(server.url(""))
    menu = page.locator('.md-header label[for="__drawer"]')
    assert menu.is_visible()
    menu.click()
    drawer = page.locator("nav.md-nav--primary")
    drawer.get_by_text("The roadmap", exact=True).first.click()
    page.wait_for_url("**/roadmap/")
    page.locator("article.md-content__inner").get_by_role("link", name="The first 30 days").click()
    page.wait_for_url("**/roadmap/first-30-days/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("The first 30 days")
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


def test_on_a_reading_path_the_path_alone_says_where_to_go_next(watched, server) -> None:
    watched.goto(server.url("safety/"))  # on every path
    steps = watched.get_by_role("navigation", name="Next step")
    expect(steps.get_by_role("link").first).to_be_visible()
    expect(watched.locator(".md-footer__inner")).to_be_hidden()
    watched.goto(server.url("authoring/"))  # on no path
    expect(watched.get_by_role("navigation", name="Next step")).to_have_count(0)
    expect(watched.locator(".md-footer__inner")).to_be_visible()


def _steps(page) -> list[tuple[str, bool]]:
    return [tuple(step) for step in page.locator(".guide-next-step").evaluate_all(
        "steps => steps.map(s => [s.dataset.path, s.hasAttribute('data-following')])")]


def test_the_path_a_reader_follows_comes_first_on_shared_pages(context, server) -> None:
    page = context.new_page()
    page.goto(server.url("safety/"))  # on all three paths
    written = _steps(page)
    assert len(written) >= 2 and not any(following for _, following in written)

    page.goto(server.url("paths/healing-after-an-affair/"))
    page.goto(server.url("safety/"))
    first, *others = _steps(page)
    assert "healing-after-an-affair" in first[0].split() and first[1]
    assert sorted(others) == sorted(s for s in written if s != (first[0], False))

    # following another path's "Next step" makes that path the one followed
    other = next(path for path, _ in others)
    page.locator(f'.guide-next-step[data-path="{other}"] a').click()
    page.wait_for_url(lambda url: not url.endswith("/safety/"))
    page.goto(server.url("safety/"))
    assert _steps(page)[0] == (other, True)

    fresh = context.new_page()  # another tab follows nothing yet
    fresh.goto(server.url("safety/"))
    assert _steps(fresh) == written

"""The browser profile that watched pages share: each test finds it as empty as a new reader's."""

from __future__ import annotations

from datetime import datetime

from tests.support.browser import SharedProfile

LEAVE_TRACES = """() => {
  localStorage.setItem("left", "1");
  sessionStorage.setItem("left", "1");
  document.cookie = "left=1; max-age=3600; path=/";
}"""
TRACES = """() => [localStorage.getItem("left"), sessionStorage.getItem("left"), document.cookie]"""


def test_a_new_page_finds_nothing_an_earlier_page_left(browser, server) -> None:
    profile = SharedProfile(browser)
    try:
        earlier = profile.new_page(server.origin)
        earlier.goto(server.url("404.html"))
        earlier.evaluate(LEAVE_TRACES)
        assert earlier.evaluate(TRACES) == ["1", "1", "left=1"]
        earlier.close()

        later = profile.new_page(server.origin)
        later.goto(server.url("404.html"))
        assert later.evaluate(TRACES) == [None, None, ""]
    finally:
        profile.close()


def test_a_clock_set_on_the_shared_profile_is_caught_and_the_profile_replaced(
        browser, server) -> None:
    profile = SharedProfile(browser)
    try:
        page = profile.new_page(server.origin)
        page.clock.set_fixed_time(datetime(2020, 1, 1))
        page.goto(server.url("404.html"))
        assert page.evaluate("() => new Date().getFullYear()") == 2020
        assert profile.clock_was_set()

        later = profile.new_page(server.origin)
        later.goto(server.url("404.html"))
        assert later.evaluate("() => new Date().getFullYear()") == datetime.now().year
        assert not profile.clock_was_set()
    finally:
        profile.close()


def test_the_profile_of_tests_that_fix_the_time_starts_each_page_at_now(browser, server) -> None:
    profile = SharedProfile(browser, clock=True)
    try:
        page = profile.new_page(server.origin)
        page.clock.set_fixed_time(datetime(2020, 1, 1))
        page.goto(server.url("404.html"))
        assert page.evaluate("() => new Date().getFullYear()") == 2020
        page.close()

        later = profile.new_page(server.origin)
        later.goto(server.url("404.html"))
        assert later.evaluate("() => new Date().getFullYear()") == datetime.now().year
    finally:
        profile.close()

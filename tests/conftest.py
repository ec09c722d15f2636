"""Shared fixtures: the built guide, a local server for it, and a watched Chromium page."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from hypothesis import settings

from tests.support.browser import (
    CHROMIUM_FLAGS,
    ONE_RENDERER,
    Server,
    SharedProfile,
    chromium_path,
)
from tests.support.project import Build, built_site

# Property-based tests try 300 examples each in CI (CI=true) and 100 elsewhere, for a quick
# local run; `--hypothesis-profile ci` gives the full count anywhere.
settings.register_profile("ci", max_examples=300)
settings.register_profile("local", max_examples=100)
settings.load_profile("ci" if os.environ.get("CI", "").lower() in ("1", "true", "yes") else "local")


@pytest.fixture(scope="session")
def site() -> Build:
    return built_site()


@pytest.fixture(scope="session")
def server(site: Build) -> Iterator[Server]:
    served = Server(site.site)
    yield served
    served.close()


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable,
                                               args=CHROMIUM_FLAGS + ONE_RENDERER)
        yield launched
        launched.close()


class Watch:
    """What a page did that a reader must never see: foreign requests, errors."""

    def __init__(self, origin: str):
        self.origin = origin
        self.foreign: list[str] = []
        self.errors: list[str] = []

    def request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.foreign.append(request.url)

    def console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def page_error(self, error) -> None:
        self.errors.append(f"page error: {error}")

    def csp_violation(self, report: str) -> None:
        self.errors.append(f"CSP violation: {report}")

    def assert_clean(self) -> None:
        assert not self.foreign, f"requests left the site: {self.foreign}"
        assert not self.errors, f"errors on the page: {self.errors}"


# Reports every Content-Security-Policy violation of every document the page loads; each report's
# promise (settled once the suite has it) is kept in window.__guideCspReports.
CSP_LISTENER = """window.__guideCspReports = [];
document.addEventListener("securitypolicyviolation", (e) => window.__guideCspReports.push(
  window.__guideCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"}`
    + ` on ${e.documentURI} (${e.sourceFile}:${e.lineNumber})`)));"""


def watch_page(page, origin: str) -> Watch:
    """Listen to everything `page` does that a reader must never see (see `Watch`)."""
    watch = Watch(origin)
    page.on("request", watch.request)
    page.on("console", watch.console)
    page.on("pageerror", watch.page_error)
    page.expose_function("__guideCspViolation", watch.csp_violation)
    page.add_init_script(CSP_LISTENER)
    return watch


@pytest.fixture(scope="session")
def shared_profile(browser) -> Iterator[SharedProfile]:
    """The browser profile this test process's watched pages share (see `SharedProfile`)."""
    profile = SharedProfile(browser)
    yield profile
    profile.close()


@pytest.fixture(scope="session")
def clocked_profile(browser) -> Iterator[SharedProfile]:
    """The profile shared by the watched pages of tests marked `clock`, which fix the time."""
    profile = SharedProfile(browser, clock=True)
    yield profile
    profile.close()


@pytest.fixture
def profile(request: pytest.FixtureRequest):
    """Where this test's watched pages open: the test's own `context` when it asks for one (a
    second tab, storage that throws...); the profile of tests that fix the time when it is
    marked `clock`; else the one most tests share. A shared one is wiped before each page."""
    if "context" in request.fixturenames:
        return request.getfixturevalue("context")
    if request.node.get_closest_marker("clock"):
        return request.getfixturevalue("clocked_profile")
    return request.getfixturevalue("shared_profile")


@contextmanager
def watched_page(profile, origin: str) -> Iterator:
    """A page of `profile` (a shared profile, wiped for `origin` first, or a browser context)
    watched against `origin` (see `watch_page`); what it did is checked when the block ends."""
    shared = profile if isinstance(profile, SharedProfile) else None
    page = shared.new_page(origin) if shared else profile.new_page()
    page.watch = watch = watch_page(page, origin)
    try:
        yield page
    finally:  # a failed test's tab goes too: nothing of it reaches the next test
        page.close()
    if shared and shared.clock_was_set():
        pytest.fail("this test set the clock of the browser profile that tests share: mark it "
                    "@pytest.mark.clock to open its pages where tests fix the time",
                    pytrace=False)
    watch.assert_clean()


@pytest.fixture
def context(browser, server: Server):
    """A fresh browser profile: its own storage, as a new reader would have."""
    made = browser.new_context()
    yield made
    made.close()


@pytest.fixture
def watched(profile, server: Server):
    """A page that fails the test on any request off the site, console error, page error or
    Content-Security-Policy violation, in a browser holding nothing of earlier tests."""
    with watched_page(profile, server.origin) as page:
        yield page


def pytest_terminal_summary(terminalreporter) -> None:
    """Say how many examples the property-based tests ran (they record it as a property)."""
    lines = [value for report in terminalreporter.stats.get("passed", [])
             for name, value in getattr(report, "user_properties", []) if name == "fuzz_examples"]
    if lines:
        terminalreporter.write_sep("-", "property-based examples run")
        for line in sorted(lines):
            terminalreporter.write_line(line)

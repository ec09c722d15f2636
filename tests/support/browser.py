"""Serve the built site on 127.0.0.1 and drive Debian's Chromium with Playwright."""

from __future__ import annotations

import functools
import os
import shutil
import threading
import time
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# One renderer process for all the tests' pages, as Chrome does when memory is short: a new
# process for each page cost about 0.2 s of CPU. The site under test is one origin, which
# site isolation would keep apart from others; the few other origins the tests visit are faked.
ONE_RENDERER = ["--disable-site-isolation-trials", "--renderer-process-limit=1"]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class Server:
    """A static file server for `root` on a free port of 127.0.0.1."""

    def __init__(self, root: Path):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path.lstrip('/')}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def chromium_path() -> str:
    """Debian's Chromium; in CI a missing browser fails the test, elsewhere it skips it."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if path:
        return path
    message = "Chromium is not installed (make test installs Debian's chromium package)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)
    raise AssertionError  # unreachable


class SharedProfile:
    """A browser profile that the tests of one process use one after another, wiped before each.

    A new profile costs Chromium a new renderer process and the kernel its memory: about a second
    of CPU per test, a third of the suite's time. This profile keeps one blank tab open, which
    keeps its process; each test gets a new tab (its own history, session storage, emulated
    media, routes and init scripts) after the site's cookies, storage and the cache are cleared.
    A page cannot undo a clock set on its profile: with `clock`, the profile is the one for tests
    that fix the time, and its clock is set to now before each; without, `clock_was_set` catches
    a test that set one."""

    def __init__(self, browser, *, clock: bool = False):
        self.browser = browser
        self.clock = clock
        self._open()

    def _open(self) -> None:
        self.context = self.browser.new_context()
        self.keeper = self.context.new_page()

    def new_page(self, origin: str):
        """A new tab, after everything `origin` left in the profile is cleared."""
        if self.clock:
            self.context.clock.set_fixed_time(time.time())
        page = self.context.new_page()
        session = self.context.new_cdp_session(page)
        session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        session.send("Network.clearBrowserCache")
        session.send("Network.clearBrowserCookies")
        session.detach()
        return page

    def clock_was_set(self) -> bool:
        """Whether a test set the clock of a profile without one (its blank tab's time is then
        not today's); if so, the profile is replaced, so the tests after it are not touched."""
        if self.clock or abs(self.keeper.evaluate("() => Date.now()") / 1000 - time.time()) < 600:
            return False
        self.close()
        self._open()
        return True

    def close(self) -> None:
        self.context.close()


AXE = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# Resolves once every finite CSS transition and animation running now has ended (a menu slid in,
# a title faded back); getAnimations() brings styles up to date first, so a class just changed
# counts. An animation's `finished` promise settles only at the next frame Chromium renders, and
# a page with nothing left to paint may render none (seen after a window resize): so each
# animation's own clock is read too, whenever it should have ended by then. Playwright's own
# evaluate: the page's CSP forbids the eval wait_for_function polls with.
SETTLED = """() => Promise.all(document.getAnimations()
  .filter(a => a.playState === "running" && a.effect
    && a.effect.getComputedTiming().endTime !== Infinity)
  .map(a => new Promise(ended => {
    a.finished.then(ended, ended);
    const check = () => {
      if (a.playState !== "running") return ended();
      const left = a.effect.getComputedTiming().endTime - (a.currentTime || 0);
      setTimeout(check, Math.max(left / Math.abs(a.playbackRate || 1), 1));
    };
    check();
  }))).then(() => true)"""


# Material's instant navigation follows a click only once it has read the site's sitemap.xml,
# which it fetches after the page loads; a click before that loads the next page in full. This
# init script marks <html> with data-test-sitemap-read once Material has it: Material fetches it
# by XMLHttpRequest as a Blob and reads it with text(); the mark is set in the task after the
# promise callbacks in which Material reads it (ours was registered first, so runs first).
SITEMAP_READ = """(() => {
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (new URL(url, location.href).pathname.endsWith("/sitemap.xml"))
      this.addEventListener("load", () => { this.response.isSitemap = true; });
    return open.call(this, method, url, ...rest);
  };
  const text = Blob.prototype.text;
  Blob.prototype.text = function () {
    const read = text.call(this);
    if (this.isSitemap)
      read.then(() => setTimeout(() => {
        document.documentElement.dataset.testSitemapRead = "";
      }));
    return read;
  };
})();"""


def watch_for_instant_navigation(page) -> None:
    """Let `instant_navigation_ready` tell when `page`, from its next load on, can navigate
    instantly."""
    page.add_init_script(SITEMAP_READ)


def instant_navigation_ready(page) -> None:
    """Wait until Material follows clicks on the page's links by instant navigation."""
    page.locator("html[data-test-sitemap-read]").wait_for(state="attached")


def settled(page) -> None:
    """Wait until what the page is animating has come to rest, as a reader's eye would."""
    page.evaluate(SETTLED)


# Rules whose findings change with the palette or the window's size (axe's cat.color rules, the
# 24 px target size, regions that scroll only when narrow); the rest read the page's markup.
PALETTE_AND_SIZE_RULES = ["color-contrast", "link-in-text-block", "target-size",
                          "scrollable-region-focusable"]

# Only the violations come back: axe then skips the details of every passing node, and the page
# sends far less to the test (half the time on a long page).
AXE_RUN = """([within, only]) => axe.run(within || document,
  {runOnly: only, resultTypes: ["violations"]}).then(result => result.violations)"""


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, within: str | None = None, rules: list[str] | None = None) -> list[dict]:
    """axe-core's WCAG 2.x A/AA violations on the page (or the part `within` selects) as it is
    now, once it has come to rest; `rules` runs only those of axe's rules."""
    settled(page)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    return page.evaluate(AXE_RUN, [within, only])


def summary(violations: list[dict]) -> list[str]:
    """One line per axe violation: rule, what it asks, how many nodes and the first of them."""
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
            for v in violations]


class _Hooks(HTMLParser):
    """The data-* attributes a page carries (Material's own data-md-* left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.update(name for name, _ in attrs
                          if name.startswith("data-") and not name.startswith("data-md-"))


def one_page_of_each_kind(build) -> list[str]:
    """The first page (by path) of each kind `build` holds. Every page loads the same scripts, and
    they act on what a page marks with data-* attributes: pages carrying the same set are one kind
    to those scripts (a calendar, a sheet, the checklist, a path's page, a plain page...)."""
    kinds: dict[frozenset[str], str] = {}
    for page in build.pages():
        hooks = _Hooks()
        hooks.feed(build.html(page))
        kinds.setdefault(frozenset(hooks.names), page)
    return sorted(kinds.values())

"""Serve the built site on 127.0.0.1 and drive Debian's Chromium with Playwright."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


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


AXE = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# Resolves once every finite CSS transition and animation running now has ended (a menu slid in,
# a title faded back); getAnimations() brings styles up to date first, so a class just changed
# counts. Playwright's own evaluate: the page's CSP forbids the eval wait_for_function polls with.
SETTLED = """() => Promise.all(document.getAnimations()
  .filter(a => a.playState === "running" && a.effect
    && a.effect.getComputedTiming().endTime !== Infinity)
  .map(a => a.finished.catch(() => null))).then(() => true)"""


def settled(page) -> None:
    """Wait until what the page is animating has come to rest, as a reader's eye would."""
    page.evaluate(SETTLED)


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.x A/AA violations on the page as it is now, once it has come to rest."""
    settled(page)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return result["violations"]

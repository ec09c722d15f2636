"""Pages with tools do not jump while their scripts start (Cumulative Layout Shift under 0.1)."""

from __future__ import annotations

import pytest

RECORD_SHIFTS = """
window.__shift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("page_path", ["tools/monthly-trust-checklist/",
                                       "tools/30-day-worksheet/", ""])
def test_page_does_not_jump_as_it_loads(watched, server, page_path: str) -> None:
    watched.set_viewport_size({"width": 412, "height": 823})
    watched.add_init_script(RECORD_SHIFTS)
    watched.goto(server.url(page_path), wait_until="networkidle")
    watched.wait_for_timeout(300)
    shift = watched.evaluate("window.__shift")
    assert shift < 0.1, f"/{page_path} shifts by {shift:.3f} while it loads"

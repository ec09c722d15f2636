"""Pages with tools do not jump while their scripts start (Cumulative Layout Shift under 0.1)."""

from __future__ import annotations

import pytest

from tests.support.project import built_site
from tests.support.tool_site import checklist_page, sheet_pages

RECORD_SHIFTS = """
window.__shift = 0;
window.__shifts = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
});
window.__shifts.observe({type: "layout-shift", buffered: true});
"""

# The shift so far, once the page has drawn two frames after its scripts ran (shifts are found as
# frames are drawn); entries not yet handed to the observer are counted too.
SHIFT_AFTER_TWO_FRAMES = """() => new Promise(done => requestAnimationFrame(() =>
  requestAnimationFrame(() => done(window.__shift + window.__shifts.takeRecords()
    .filter(entry => !entry.hadRecentInput).reduce((sum, entry) => sum + entry.value, 0)))))"""


# A page with a checklist, a page with a worksheet, and the home page of the guide's build
@pytest.mark.parametrize("page_path", [checklist_page(built_site())[0],
                                       next(iter(sheet_pages(built_site()).values())), ""])
def test_page_does_not_jump_as_it_loads(watched, server, page_path: str) -> None:
    watched.set_viewport_size({"width": 412, "height": 823})
    watched.add_init_script(RECORD_SHIFTS)
    watched.goto(server.url(page_path))
    shift = watched.evaluate(SHIFT_AFTER_TWO_FRAMES)
    assert shift < 0.1, f"/{page_path} shifts by {shift:.3f} while it loads"

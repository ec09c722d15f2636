"""A worksheet with a day grid on a 360 px phone, in both palettes: the grid fits the screen."""

from __future__ import annotations

import pytest

from tests.support.project import built_site
from tests.support.tool_site import guide, sheet_pages, words

PHONE = {"width": 360, "height": 740}
# The guide's sheet with the widest day grid, and its page in the build
SHEET, GRID = max(((sheet, section) for sheet in guide().of_kind("worksheet")
                   for section in sheet.sections if section.kind == "day-grid"),
                  key=lambda found: len(found[1].practices))
PAGE = sheet_pages(built_site())[SHEET.id]
NOTES = f"{SHEET.id}--{GRID.id}--1--notes"
W = words()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_day_grid_fits_a_phone_with_every_box_in_reach(watched, server, scheme) -> None:
    watched.set_viewport_size(PHONE)
    watched.emulate_media(color_scheme=scheme)
    watched.goto(server.url(PAGE))
    assert watched.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], \
        "the page scrolls sideways"
    grid = watched.locator(".guide-grid")
    assert grid.evaluate("box => box.scrollWidth <= box.clientWidth"), \
        "the grid is wider than its box, so part of it is hidden off screen"

    notes = watched.get_by_label(W.text("sheet.day-notes", day=1))
    assert notes.get_attribute("id") == NOTES
    notes.scroll_into_view_if_needed()
    box = notes.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert box["width"] >= 48, "the Notes box is too narrow to type in"

    # Every tick box: at least 24 x 24 px, on screen, and named by its label
    boxes = grid.evaluate("""grid => [...grid.querySelectorAll('input[type=checkbox]')].map(
        box => { const r = box.getBoundingClientRect();
                 return [r.left, r.right, r.width, r.height,
                         [...box.labels].map(l => l.textContent.trim()).join('')]; })""")
    assert len(boxes) == GRID.days * len(GRID.practices)
    for left, right, width, height, label in boxes:
        assert width >= 24 and height >= 24, (label, width, height)
        assert left >= 0 and right <= PHONE["width"], (label, left, right)
        assert label.startswith(W.text("sheet.day") + " "), label


def test_with_very_large_text_a_shadow_shows_the_grid_scrolls(watched, server) -> None:
    watched.set_viewport_size(PHONE)
    watched.goto(server.url(PAGE))
    grid = watched.locator(".guide-grid")
    # more hidden than the cue's own cover (1.5em) at an edge
    wider = ("box => box.scrollWidth - box.clientWidth"
             " > 1.5 * parseFloat(getComputedStyle(box).fontSize)")
    for size in ("200%", "300%", "400%"):  # the reader's text size, until the grid is too wide
        watched.evaluate("size => { document.documentElement.style.fontSize = size }", size)
        if grid.evaluate(wider):
            break
    assert grid.evaluate(wider), "it fits: no cue to see"
    row = grid.locator("tbody tr").nth(2)
    row.scroll_into_view_if_needed()

    def edges() -> tuple[bool, bool]:
        """Whether the left and right edges of the grid look different for its own background."""
        shots = []
        for background in ("", "none"):
            grid.evaluate("(box, background) => { box.style.background = background }", background)
            box, line = grid.bounding_box(), row.bounding_box()
            shots.append([watched.screenshot(clip={"x": x, "y": line["y"] + 4, "width": 8,
                                                   "height": line["height"] - 8})
                          for x in (box["x"], box["x"] + box["width"] - 8)])
        (left, right), (plain_left, plain_right) = shots
        return left != plain_left, right != plain_right

    assert edges() == (False, True), "at the start only the right edge should show more"
    grid.evaluate("box => { box.scrollLeft = box.scrollWidth }")
    assert edges() == (True, False), "at the end only the left edge should show more"


def test_with_large_text_no_part_of_the_sheet_pushes_the_page_sideways(watched, server) -> None:
    watched.set_viewport_size(PHONE)
    watched.goto(server.url(PAGE))
    watched.evaluate("document.documentElement.style.fontSize = '175%'")
    wide = watched.evaluate("""width => [...document.querySelectorAll('.guide-worksheet *')]
        .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > width)
        .filter(e => !e.closest('.guide-grid'))
        .map(e => e.tagName + '.' + e.className)""", PHONE["width"])
    assert not wide, f"wider than the screen: {wide[:5]}"
    assert watched.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

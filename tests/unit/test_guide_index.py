"""Entries by kind and by a field's value: asked on every page, made once, always current."""

from __future__ import annotations

from guidekit.loader import load_text

DATA = """\
situations:
  - {id: apart, title: Apart}
  - {id: close, title: Close}
paths:
  - {id: one, title: One, situation: apart, summary: One., steps: [a.md]}
  - {id: two, title: Two, situation: close, summary: Two., steps: [b.md]}
  - {id: three, title: Three, situation: apart, summary: Three., steps: [c.md]}
"""


def test_entries_by_a_fields_value_keep_the_order_they_were_written_in() -> None:
    guide = load_text(DATA, "data/test.yml")
    assert [p.id for p in guide.where("path", "situation", "apart")] == ["one", "three"]
    assert guide.where("path", "situation", "nowhere") == []
    assert guide.where("path", "steps", ["a.md"]) == []  # lists are not looked up
    assert [s.id for s in guide.of_kind("situation")] == ["apart", "close"]


def test_entries_added_later_are_found_too() -> None:
    guide = load_text(DATA, "data/test.yml")
    assert len(guide.where("path", "situation", "close")) == 1
    more = load_text(DATA.replace("id: two", "id: four").replace("id: one", "id: five")
                     .replace("id: three", "id: six"), "data/more.yml")
    guide.records.update(more.records)
    assert [p.id for p in guide.where("path", "situation", "close")] == ["two", "four"]
    assert len(guide.of_kind("path")) == 6
    guide.of_kind("path").clear()  # a caller's copy: the guide keeps its own
    assert len(guide.of_kind("path")) == 6

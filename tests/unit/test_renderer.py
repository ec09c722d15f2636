"""The checked guide is frozen; a renderer takes the page titles it needs instead of the site
being changed once the adapter learns them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from guidekit.site import GuideSite, check_site
from tests.support.project import ROOT

DATA = """\
situations:
  - id: together
    title: Together
paths:
  - id: at-home
    title: At home
    situation: together
    summary: Together.
    steps: [safety.md, any.md]
"""
PAGES = {"safety.md": "# Safety\n", "any.md": "# For everyone\n"}


def _site(tmp_path: Path, data: str = DATA) -> GuideSite:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "guide.yml").write_text(data)
    return GuideSite.load(tmp_path / "data", [ROOT / "overrides"], dict(PAGES), root=tmp_path)


def _render(site: GuideSite, titles: dict[str, str] | None = None) -> str:
    return site.renderer(titles).render_page("safety.md", PAGES["safety.md"],
                                             lambda path: f"/{path}")


def test_the_next_step_is_named_by_the_titles_given_to_the_renderer(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert "For everyone" in _render(site)  # the page's own heading
    renamed = _render(site, {"any.md": "Everyone's page"})
    assert "Everyone&#39;s page" in renamed and "For everyone" not in renamed


def test_rendering_leaves_the_checked_guide_unchanged(tmp_path: Path) -> None:
    site = _site(tmp_path)
    before = dict(site.page_titles)
    _render(site, {"any.md": "Another name"})
    assert dict(site.page_titles) == before
    assert site.page_titles["any.md"] == "For everyone"
    assert "For everyone" in _render(site)  # a later renderer sees none of the earlier titles
    with pytest.raises(dataclasses.FrozenInstanceError):
        site.page_titles = {}  # type: ignore[misc]


def test_the_check_returns_problems_without_raising(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "guide.yml").write_text(DATA.replace("any.md]", "gone.md]"))
    site, problems = check_site(tmp_path / "data", [ROOT / "overrides"], dict(PAGES),
                                root=tmp_path)
    assert site is None
    assert [p.entry for p in problems] == ["at-home"]
    assert "gone.md" in str(problems[0])

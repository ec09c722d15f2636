"""A path only leads to pages that fit its situation: a page written for couples who live apart
is never a step of a path for couples who live together."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidekit.errors import GuideError
from guidekit.paths import page_fits
from guidekit.site import GuideSite
from tests.support.project import ROOT

DATA = """\
situations:
  - id: apart
    title: Apart
  - id: together
    title: Together
phases:
  - id: far-stage
    title: A stage for couples apart
    order: 1
    span: Months 1 to 3
    length_days: 60
    summary: Far.
    goals: [Go.]
    tasks: [Go.]
    fits: [apart]
paths:
  - id: at-home
    title: At home
    situation: together
    summary: Together.
    steps: [safety.md, any.md]
"""
PAGES = {
    "safety.md": "# Safety\n",
    "any.md": "# For everyone\n",
    "far.md": "---\nfits: [apart]\n---\n\n# For couples apart\n",
    "both.md": "---\nfits:\n  - apart\n  - together\n---\n\n# For both\n",
}


def _load(tmp_path: Path, data: str = DATA, pages: dict[str, str] = PAGES) -> GuideSite:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "guide.yml").write_text(data)
    return GuideSite.load(tmp_path / "data", [ROOT / "overrides"], dict(pages), root=tmp_path)


def _problems(tmp_path: Path, data: str) -> str:
    with pytest.raises(GuideError) as error:
        _load(tmp_path, data)
    return str(error.value)


def test_a_page_says_what_it_fits_in_its_front_matter() -> None:
    assert page_fits(PAGES["far.md"]) == ["apart"]
    assert page_fits(PAGES["both.md"]) == ["apart", "together"]
    assert page_fits("---\nfits: apart\n---\n# One\n") == ["apart"]
    assert page_fits(PAGES["any.md"]) is None  # says nothing: fits every situation
    assert page_fits("---\ntitle: Just a title\n---\n# Hi\n") is None
    assert page_fits("---\nfits: 3\n---\n# A slip\n") == ["3"]  # then named as unknown


def test_pages_that_fit_every_path_or_this_one_pass(tmp_path: Path) -> None:
    data = DATA.replace("steps: [safety.md, any.md]", "steps: [safety.md, any.md, both.md]")
    assert _load(tmp_path, data).guide.get("at-home").steps[-1] == "both.md"


def test_a_path_that_leads_to_a_page_written_for_another_situation_is_an_error(
        tmp_path: Path) -> None:
    data = DATA.replace("steps: [safety.md, any.md]", "steps: [safety.md, far.md]")
    assert ("data/guide.yml:21:24: entry 'at-home', field 'steps[1]': the page 'far.md' is "
            "written for apart, not for 'together' (take it off this path, or add together to "
            "the page's fits)") in _problems(tmp_path, data)


def test_a_stage_of_the_roadmap_fits_what_its_data_says(tmp_path: Path) -> None:
    data = DATA.replace("steps: [safety.md, any.md]",
                        "steps: [safety.md, roadmap/far-stage.md]")
    assert "the page 'roadmap/far-stage.md' is written for apart" in _problems(tmp_path, data)
    # A hand-written page in its place keeps the stage's fits, unless it says otherwise
    pages = {**PAGES, "roadmap/far-stage.md": "# The stage\n"}
    with pytest.raises(GuideError, match="written for apart"):
        _load(tmp_path, data, pages)
    pages["roadmap/far-stage.md"] = "---\nfits: [apart, together]\n---\n# The stage\n"
    assert _load(tmp_path, data, pages)


def test_the_page_after_the_last_step_must_exist_and_fit_too(tmp_path: Path) -> None:
    found = _problems(tmp_path, DATA + "    then: far.md\n")
    assert "field 'then': the page 'far.md' is written for apart" in found
    missing = _problems(tmp_path, DATA + "    then: nowhere.md\n")
    assert "field 'then': no page 'nowhere.md'" in missing


def test_an_empty_fits_list_fits_every_path(tmp_path: Path) -> None:
    pages = {**PAGES, "any.md": "---\nfits: []\n---\n# For everyone\n"}
    assert _load(tmp_path, DATA, pages)


def test_an_unknown_situation_in_fits_is_named(tmp_path: Path) -> None:
    pages = {**PAGES, "typo.md": "---\nfits: [apartt]\n---\n# Typo\n"}
    with pytest.raises(GuideError) as error:
        _load(tmp_path, DATA, pages)
    assert ("content/typo.md:1:1: field 'fits': no situation has the id 'apartt' "
            "(did you mean 'apart'?)") in str(error.value)

"""The printable worksheets built from the data: every part of the data is on them (on the
starter's sheet, and on every sheet of the guide in data/), and this guide's own sheets say what
they should."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest
import yaml

import guidekit
from guidekit.loader import load_guide
from guidekit.text import plain
from tests.support.project import ROOT, Build, build, built_starter, check, starter_guide

GUIDE = load_guide(ROOT / "data")
SHEETS = GUIDE.of_kind("worksheet")
STARTER_SHEETS = load_guide(Path(guidekit.__file__).parent / "starter" / "data"
                            ).of_kind("worksheet")
SHEET = "four-week-sheet"  # the starter's sheet: a day grid of 4 days, a checklist as columns


@pytest.fixture(scope="module")
def starter() -> Build:
    return built_starter()


def _starter_guide(built: Build):
    return load_guide(built.site.parent / "data")


def _sheet(html: str) -> str:
    """The worksheet's own HTML on its page."""
    start = html.index('<section class="guide-entry guide-worksheet"')
    return html[start:html.index("</article>", start)]


def _visible(html: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", "", html))


def _ids(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', html)


@pytest.mark.content
def test_the_four_sheets_are_in_the_data() -> None:
    assert {s.id for s in SHEETS} >= {"30-day-worksheet", "weekly-reflection-sheet",
                                      "repair-plan-sheet", "monthly-checklist-sheet"}


@pytest.mark.parametrize(("which", "sheet"), [
    *[("starter", sheet) for sheet in STARTER_SHEETS], *[("site", sheet) for sheet in SHEETS]],
    ids=lambda v: v if isinstance(v, str) else v.id)
def test_every_section_and_prompt_is_on_the_sheet_with_a_labelled_field(
        which: str, sheet, request: pytest.FixtureRequest) -> None:
    """On the starter's sheet, and on every sheet of whatever guide this project holds."""
    built = request.getfixturevalue(which)
    [home] = [p for p in built.pages() if p.endswith(f"{sheet.id}/")  # its own page, wherever
              and f'guide-worksheet" data-guide-id="{sheet.id}"' in built.html(p)]
    page = _sheet(built.html(home))
    text = _visible(page)
    for section in sheet.sections:
        assert re.search(rf'<h2 id="{section.id}">{re.escape(html_lib.escape(section.title))}<',
                         page), f"section '{section.id}' has no heading"
        copies = [f":{n}" for n in range(1, section.repeat + 1)] if section.kind == "reflection" \
            else [""]
        for prompt in section.prompts:
            assert plain(prompt.text) in text
            for copy in copies:
                key = f"guide:sheet:{sheet.id}:{section.id}:{prompt.id}{copy}"
                field_id = key.removeprefix("guide:sheet:").replace(":", "--")
                assert f'data-key="{key}"' in page, f"no field kept under {key}"
                assert f'<label for="{field_id}">' in page, f"field {field_id} has no label"
    ids = _ids(page)
    assert len(ids) == len(set(ids)), "ids on the sheet repeat"


def test_the_day_grid_has_a_labelled_box_per_practice_for_each_day(starter: Build) -> None:
    guide = _starter_guide(starter)
    [grid] = [s for s in guide.get(SHEET).sections if s.kind == "day-grid"]
    page = _sheet(starter.html(f"tools/{SHEET}/"))
    assert grid.days == 4 and grid.practices
    days = re.findall(r'<th scope="row">(\d+)</th>', page)
    assert days == [str(day) for day in range(1, 5)]
    for practice in grid.practices:
        assert guide.get(practice).title in page
        for day in (1, 4):
            box = f"{SHEET}--{grid.id}--{day}--{practice}"
            assert re.search(rf'<input type="checkbox" id="{box}" data-key="guide:sheet:'
                             rf'{SHEET}:{grid.id}:{practice}:{day}">', page)
            assert f'<label class="guide-sr" for="{box}">Day {day}: ' in page
    assert page.count(f'data-key="guide:sheet:{SHEET}:{grid.id}:notes:') == 4


@pytest.mark.content
def test_the_30_day_sheet_has_the_plan_boundaries_and_four_weekly_reflections(site) -> None:
    text = _visible(_sheet(site.html("tools/30-day-worksheet/")))
    for words in ("check in", "differently", "hard feelings", "next see each other",
                  "Boundaries", "look at these again", "Week 1", "Week 4", "What went well?",
                  "What still hurts?", "What will each of us do before the next one?"):
        assert words in text
    assert "Week 5" not in text


def test_a_checklist_section_has_the_checklists_items_as_paper_tick_boxes(
        starter: Build) -> None:
    guide = _starter_guide(starter)
    [section] = [s for s in guide.get(SHEET).sections if s.kind == "checklist"]
    checklist = guide.get(section.checklist)
    page = _sheet(starter.html(f"tools/{SHEET}/"))
    assert section.columns == ["Me", "You"] and checklist.items
    for item in checklist.items:
        assert f"<th scope=\"row\">{html_lib.escape(plain(item.text), quote=False)}</th>" in page
        for column, who in ((1, "Me"), (2, "You")):
            key = f"{SHEET}:{section.id}:{item.id}:{column}"
            assert f'data-key="guide:sheet:{key}"' in page
            assert f'{who}: {html_lib.escape(plain(item.text), quote=False)}</label>' in page


@pytest.mark.content
def test_the_monthly_sheet_has_the_checklist_as_paper_tick_boxes(site) -> None:
    assert "4 or more of these 6" in _visible(_sheet(site.html("tools/monthly-checklist-sheet/")))
    assert "Your partner: " in _sheet(site.html("tools/monthly-checklist-sheet/"))


@pytest.mark.content
def test_the_repair_plan_has_room_for_both_names_and_a_date(site) -> None:
    text = _visible(_sheet(site.html("tools/repair-plan-sheet/")))
    assert "Your name" in text and "Your partner's name" in text and "Date" in text


def test_buttons_are_hidden_until_javascript_shows_them(starter: Build) -> None:
    page = _sheet(starter.html(f"tools/{SHEET}/"))
    assert '<div class="guide-sheet__tools" hidden>' in page
    start = page.index("guide-sheet__tools")
    tools = page[start:page.index("</div>", start)]
    assert "Print this sheet" in tools and "Clear this sheet" in tools
    assert re.search(r"<p [^>]*data-sheet-unsaved hidden>", page)


def test_the_print_styles_and_script_are_on_every_sheet(starter: Build) -> None:
    sheets = _starter_guide(starter).of_kind("worksheet")
    assert sheets
    for sheet in sheets:
        html = starter.html(f"tools/{sheet.id}/")
        assert re.search(r'href="[./]*assets/guide/worksheet\.css"', html)
        assert re.search(r'src="[./]*assets/guide/worksheet\.js"', html)


def test_changing_the_data_changes_the_sheet(tmp_path: Path) -> None:
    project = starter_guide(tmp_path / "guide")
    path = project / "data" / "tools.yml"
    data = yaml.safe_load(path.read_text())
    sheet = next(s for s in data["worksheets"] if s["id"] == SHEET)
    grid = next(s for s in sheet["sections"] if s.get("kind") == "day-grid")
    grid["days"] = 3
    sheet["sections"].append({"id": "looking-back", "title": "Looking back", "kind": "reflection",
                              "repeat": 2, "prompts": [
                                  {"id": "win", "text": "One small *win* this week."}]})
    sheet["sections"].append({"id": "support", "title": "Who we can ask for help", "prompts": [
        {"id": "friend", "text": "A friend or counsellor we trust.", "lines": 2}]})
    path.write_text(yaml.safe_dump(data, sort_keys=False))

    result = build(project)
    assert result.returncode == 0, result.output
    page = _sheet(result.html(f"tools/{SHEET}/"))
    assert re.findall(r'<th scope="row">(\d+)</th>', page) == ["1", "2", "3"]
    assert f"guide:sheet:{SHEET}:weeks:sunday-house-talk:3" in page
    assert f"guide:sheet:{SHEET}:weeks:sunday-house-talk:4" not in page
    assert "Week 2" in page and "Week 3" not in page
    assert f'data-key="guide:sheet:{SHEET}:looking-back:win:2"' in page
    assert "One small <em>win</em> this week." in page
    assert '<h2 id="support">Who we can ask for help</h2>' in page
    assert f'data-key="guide:sheet:{SHEET}:support:friend"' in page


def test_a_section_missing_what_its_kind_needs_is_an_author_error(tmp_path: Path) -> None:
    project = starter_guide(tmp_path / "guide")
    path = project / "data" / "tools.yml"
    path.write_text(path.read_text().replace("        checklist: monthly-home-check\n", ""))
    code, output = check(project)  # the build stops with the same line (test_site_build.py)
    assert code != 0
    assert "Traceback" not in output
    line = next(line for line in output.splitlines() if "needs 'checklist'" in line)
    assert re.search(r"data/tools\.yml:\d+:\d+: entry 'four-week-sheet', "
                     r"field 'sections\[2\]\.checklist'", line), line

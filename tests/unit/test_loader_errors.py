"""Every kind of author mistake gives one line naming file, line, entry and field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from guidekit.errors import GuideError
from guidekit.loader import load_guide
from guidekit.site import GuideSite

ROOT = Path(__file__).resolve().parents[2]
RITUAL = """\
  - id: weekly-video-date
    title: Weekly video date
    cadence: weekly
    duration_minutes: 60
    medium: video call
    purpose: Time together.
    steps:
      - Pick an evening.
"""


def _problems(tmp_path: Path, files: dict[str, str], pages: dict[str, str] | None = None
              ) -> list[str]:
    data = tmp_path / "data"
    data.mkdir()
    for name, text in files.items():
        (data / name).write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(GuideError) as raised:
        GuideSite.load(data, [ROOT / "overrides"], pages or {}, root=tmp_path)
    lines = str(raised.value).splitlines()
    assert lines[0].startswith("The guide has")
    return [line.strip() for line in lines[1:]]


def test_yaml_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    [line] = _problems(tmp_path, {"rituals.yml": "rituals:\n  - id: a\n    title: [oops\n"})
    assert line == ("data/rituals.yml:3:12: this [ is never closed "
                    "(add ] at the end of the list, or remove the [)")


def test_empty_file(tmp_path: Path) -> None:
    [line] = _problems(tmp_path, {"empty.yml": "# nothing yet\n"})
    assert line.startswith("data/empty.yml:1:1: the file is empty")


def test_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    [line] = _problems(tmp_path, {"list.yml": "- one\n- two\n"})
    assert line == ("data/list.yml:1:1: expected a mapping of collections (like 'rituals:'), "
                    "found a list")


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    [line] = _problems(tmp_path, {"rituals.yml": "rituals:\n" + RITUAL.replace(
        "    purpose:", "    purpse:")})
    assert line == ("data/rituals.yml:7:5: entry 'weekly-video-date', field 'purpse': "
                    "unknown field 'purpse' (did you mean 'purpose'?)")


def test_unknown_collection_suggests_the_right_one(tmp_path: Path) -> None:
    [line] = _problems(tmp_path, {"rituals.yml": "ritual:\n" + RITUAL})
    assert line == ("data/rituals.yml:1:1: field 'ritual': unknown collection 'ritual' "
                    "(did you mean 'rituals'?)")


def test_missing_required_field(tmp_path: Path) -> None:
    [line] = _problems(tmp_path, {"rituals.yml": "rituals:\n" + RITUAL.replace(
        "    cadence: weekly\n", "")})
    assert line == ("data/rituals.yml:2:5: entry 'weekly-video-date', field 'cadence': "
                    "this required field is missing (add 'cadence:' to the entry)")


def test_value_outside_its_set(tmp_path: Path) -> None:
    [line] = _problems(tmp_path, {"rituals.yml": "rituals:\n" + RITUAL.replace(
        "cadence: weekly", "cadence: fortnightly")})
    assert line == ("data/rituals.yml:4:14: entry 'weekly-video-date', field 'cadence': "
                    "expected one of daily, weekly, monthly, quarterly, got 'fortnightly'")


def test_close_value_gets_a_suggestion(tmp_path: Path) -> None:
    [line] = _problems(tmp_path, {"rituals.yml": "rituals:\n" + RITUAL.replace(
        "cadence: weekly", "cadence: weakly")})
    assert line.endswith("got 'weakly' (did you mean 'weekly'?)")


def test_wrong_type(tmp_path: Path) -> None:
    [line] = _problems(tmp_path, {"rituals.yml": "rituals:\n" + RITUAL.replace(
        "duration_minutes: 60", "duration_minutes: an hour")})
    assert line.startswith("data/rituals.yml:5:23: entry 'weekly-video-date', "
                           "field 'duration_minutes': ")
    assert line.endswith("expected a whole number of minutes from 1 to 1440, like 30, "
                         "got 'an hour'")


def test_time_written_without_quotes_is_explained(tmp_path: Path) -> None:
    [line] = _problems(tmp_path, {"rituals.yml": "rituals:\n" + RITUAL + "    time: 20:00\n"})
    assert line == ("data/rituals.yml:10:11: entry 'weekly-video-date', field 'time': "
                    'YAML reads 20:00 as a number: write "20:00" in quotes')


def test_duplicate_id_names_both_places(tmp_path: Path) -> None:
    [line] = _problems(tmp_path, {"a.yml": "rituals:\n" + RITUAL,
                                  "b.yml": "rituals:\n" + RITUAL})
    assert line == ("data/b.yml:2:9: entry 'weekly-video-date', field 'id': the id "
                    "'weekly-video-date' is already used by the ritual at data/a.yml:2 "
                    "(give one of them a new id)")


def test_unknown_reference_in_yaml_suggests_an_id(tmp_path: Path) -> None:
    phase = """\
    phases:
      - id: first-30-days
        title: The first 30 days
        order: 1
        span: Days 1 to 30
        length_days: 30
        summary: Calm steps.
        goals: [Be calm.]
        tasks: [Talk.]
        rituals:
          - weekly-video-dat
    """
    [line] = _problems(tmp_path, {"rituals.yml": "rituals:\n" + RITUAL, "roadmap.yml": phase})
    assert line == ("data/roadmap.yml:11:9: entry 'first-30-days', field 'rituals[0]': "
                    "no ritual has the id 'weekly-video-dat' (did you mean 'weekly-video-date'?)")


def test_reference_of_the_wrong_kind(tmp_path: Path) -> None:
    checklist = """\
    checklists:
      - id: monthly
        title: Monthly
        items: [{id: a, text: "We talk."}]
    worksheets:
      - id: sheet
        title: Sheet
        sections:
          - id: boxes
            title: Boxes
            kind: checklist
            checklist: weekly-video-date
    """
    [line] = _problems(tmp_path, {"rituals.yml": "rituals:\n" + RITUAL, "more.yml": checklist})
    assert line == ("data/more.yml:12:20: entry 'sheet', field 'sections[0].checklist': "
                    "'weekly-video-date' is a ritual, not a checklist")


def test_unknown_reference_in_yaml_text_link(tmp_path: Path) -> None:
    [line] = _problems(tmp_path, {"rituals.yml": "rituals:\n" + RITUAL.replace(
        "Time together.", "See [the date](guide:weekly-video-dte).")})
    assert line == ("data/rituals.yml:7:14: entry 'weekly-video-date', field 'purpose': "
                    "no entry has the id 'weekly-video-dte' (did you mean 'weekly-video-date'?)")


def test_unknown_reference_from_markdown(tmp_path: Path) -> None:
    page = "# Page\n\nSome words.\n\n<!-- guide:ritual weekly-vidoe-date -->\n"
    [line] = _problems(tmp_path, {"rituals.yml": "rituals:\n" + RITUAL}, {"page.md": page})
    assert line == ("content/page.md:5:1: entry 'weekly-vidoe-date', field 'guide:ritual': "
                    "no ritual has the id 'weekly-vidoe-date' (did you mean 'weekly-video-date'?)")


def test_unknown_link_from_markdown_and_unknown_embed_kind(tmp_path: Path) -> None:
    page = "# Page\n\nTry [it](guide:weekly-date).\n<!-- guide:ritaul weekly-video-date -->\n"
    lines = _problems(tmp_path, {"rituals.yml": "rituals:\n" + RITUAL}, {"page.md": page})
    assert lines[0] == ("content/page.md:3:5: entry 'weekly-date', field 'guide:link': no entry "
                        "has the id 'weekly-date' (did you mean 'weekly-video-date'?)")
    assert lines[1].startswith("content/page.md:4:1: entry 'weekly-video-date', "
                               "field 'guide:ritaul': unknown kind 'ritaul' in an embed")


def test_directives_in_code_are_not_references(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "rituals.yml").write_text("rituals:\n" + RITUAL)
    page = "# P\n\n```\n<!-- guide:ritual nope -->\n```\n\nUse `[x](guide:nope)`.\n"
    GuideSite.load(data, [ROOT / "overrides"], {"p.md": page}, root=tmp_path)


def test_all_problems_are_reported_together(tmp_path: Path) -> None:
    lines = _problems(tmp_path, {
        "a.yml": "rituals:\n" + RITUAL.replace("cadence: weekly", "cadence: fortnightly"),
        "b.yml": "scripts: []",
        "c.yml": "",
    }, {"page.md": "[x](guide:missing)\n"})
    files = sorted(line.split(":")[0] for line in lines)
    assert files == ["content/page.md", "data/a.yml", "data/c.yml"]


def test_a_file_that_cannot_be_read_stops_before_the_references(tmp_path: Path) -> None:
    """One syntax slip in rituals.yml must not add a 'no ritual has the id' line per use."""
    phase = ("phases:\n  - {id: p, title: P, order: 1, span: s, length_days: 3, summary: s,\n"
             "     goals: [g], tasks: [t], rituals: [weekly-video-date]}\n")
    lines = _problems(tmp_path, {
        "rituals.yml": "rituals:\n" + RITUAL.replace("cadence: weekly", "cadence: [weekly"),
        "roadmap.yml": phase,
        "c.yml": "",
    }, {"page.md": "<!-- guide:ritual weekly-video-date -->\n[x](guide:missing)\n"})
    assert [line.split(":")[0] for line in lines] == ["data/c.yml", "data/rituals.yml"]


def test_reference_to_a_broken_entry_is_not_reported_twice(tmp_path: Path) -> None:
    lines = _problems(tmp_path, {"rituals.yml": "rituals:\n" + RITUAL.replace(
        "cadence: weekly", "cadence: fortnightly")}, {"page.md": "[x](guide:weekly-video-date)\n"})
    assert len(lines) == 1 and "fortnightly" in lines[0]


def test_the_real_guide_loads() -> None:
    guide = load_guide(ROOT / "data", root=ROOT)
    assert guide.records  # whichever guide data/ holds, it loads without a problem

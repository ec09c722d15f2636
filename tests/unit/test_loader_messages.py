"""An author's slip in the data gives one plain line: where, which entry and field, what to write.

No regex, no Python type names, no parser jargon, and nothing that follows from the same slip.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from guidekit.errors import GuideError
from guidekit.loader import load_text, read_guide
from guidekit.site import GuideSite

ROOT = Path(__file__).resolve().parents[2]
RITUAL = """\
rituals:
  - id: weekly-video-date
    title: Weekly video date
    cadence: weekly
    duration_minutes: 60
    medium: video call
    purpose: Time together.
    steps:
      - Pick an evening.
"""
PHASE = """\
  - id: {id}
    title: A phase
    order: {order}
    span: Days 1 to 30
    length_days: 30
    summary: Calm steps.
    goals: [Be calm.]
    tasks: [Talk.]
    rituals: [weekly-video-date]
"""
JARGON = ("pattern", "NoneType", "dict", "integer", "value error", "string should", "input should",
          "mapping values", "codec", "Traceback")


def _lines(text: str, name: str = "data/rituals.yml") -> list[str]:
    with pytest.raises(GuideError) as raised:
        load_text(text, name)
    lines = [str(problem) for problem in raised.value.problems]
    for line in lines:
        assert not any(word.lower() in line.lower() for word in JARGON), line
    return lines


def _site_lines(tmp_path: Path, files: dict[str, str | bytes], pages: dict[str, str]) -> list[str]:
    data = tmp_path / "data"
    data.mkdir()
    for name, text in files.items():
        path = data / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(GuideError) as raised:
        GuideSite.load(data, [ROOT / "overrides"], pages, root=tmp_path)
    return [str(problem) for problem in raised.value.problems]


# --- The file cannot be read -------------------------------------------------------------------


def test_a_tab_names_its_own_line() -> None:
    [line] = _lines(RITUAL.replace("    medium:", "\tmedium:"))
    assert line == ("data/rituals.yml:6:1: this line is indented with a tab; YAML needs spaces "
                    "(replace the tab with spaces)")


def test_a_quote_left_open_names_where_it_opens() -> None:
    text = RITUAL.replace("purpose: Time together.", 'purpose: "Time together.') + '    tip: "Go"\n'
    assert _lines(text) == ['data/rituals.yml:7:14: this quote is never closed '
                            '(add " at the end of the text)']


def test_a_closed_quote_over_two_lines_is_not_blamed_for_a_later_slip() -> None:
    text = RITUAL.replace("purpose: Time together.", 'purpose: "Time together,\n      note: yes."')
    [line] = _lines(text + "    time: '20:00'\n    tip with no colon\n    note: Go.\n")
    assert line.startswith("data/rituals.yml:12:5: this line has no colon")


def test_a_quote_left_open_at_the_end_of_the_file() -> None:
    [line] = _lines(RITUAL + "    tip: 'Go slowly.\n")
    assert line == ("data/rituals.yml:10:10: this quote is never closed "
                    "(add ' at the end of the text)")


def test_a_colon_inside_text_asks_for_quotes() -> None:
    [line] = _lines(RITUAL + "    tip: Remember: go slowly\n")
    assert line == ('data/rituals.yml:10:18: a colon followed by a space inside text: put the '
                    'whole text in quotes (e.g. tip: "Remember: go slowly")')


def test_a_colon_inside_a_list_item_asks_for_quotes() -> None:
    [line] = _lines(RITUAL.replace("Pick an evening.", "Remember: pick an evening."))
    assert line == ("data/rituals.yml:9:9: entry 'weekly-video-date', field 'steps[0]': expected "
                    "text, found fields (a mapping) (a colon followed by a space starts a field: "
                    "put the whole text in quotes)")


@pytest.mark.parametrize(("change", "line"), [
    (("steps:\n      - Pick", "steps: - Pick"), "8:12: YAML syntax error: a list item ('- ') "
     "cannot start on the same line as its field name"),
    (("purpose: Time together.", "purpose: *together"), "7:14: YAML syntax error: this *name "
     "refers to an &name that is not written above it"),
    (("    purpose:", "---\n    purpose:"), "7:1: YAML syntax error: a '---' line starts a "
     "second document in this file"),
])
def test_parser_complaints_in_plain_words(change: tuple[str, str], line: str) -> None:
    [found] = _lines(RITUAL.replace(*change))
    assert found == (f"data/rituals.yml:{line} (check the indentation and quotes on this line and "
                     "the one above)")


@pytest.mark.parametrize(("change", "line"), [
    (("    cadence", "     cadence"), "4:6: this line is indented more than 'title:' above it "
                                      "(start it with 4 spaces, like the line above)"),
    (("    cadence", "   cadence"), "4:4: this line is indented less than 'title:' above it "
                                     "(start it with 4 spaces, like the line above)"),
    (("cadence: weekly", "cadence weekly"), "4:5: this line has no colon (write it as "
                                            "'name: value', or join it to the text on the line "
                                            "above)"),
    (("purpose: Time together.", "purpose: 'It's time together.'"),
     "7:14: the quote ' closes before the end of the text (write an apostrophe twice, like "
     "It''s, or put the text in double quotes)"),
    (("purpose: Time together.", 'purpose: "Time" together.'),
     '7:14: the quote " closes before the end of the text (put the text in single quotes '
     'instead, or write \\" inside)'),
    (("purpose: Time together.", "purpose: [Time together."),
     "7:14: this [ is never closed (add ] at the end of the list, or remove the [)"),
    (("purpose: Time together.", "purpose: @home together"),
     "7:14: text cannot start with @ (put the whole text in quotes)"),
])
def test_common_slips_name_their_line_and_fix(change: tuple[str, str], line: str) -> None:
    assert _lines(RITUAL.replace(*change)) == [f"data/rituals.yml:{line}"]


def test_a_file_not_saved_as_utf8(tmp_path: Path) -> None:
    text = RITUAL.replace("Time together.", "Time together, caf\xe9 style.").encode("cp1252")
    (tmp_path / "rituals.yml").write_bytes(text)
    guide, problems = read_guide(tmp_path, root=tmp_path.parent)
    assert [str(p) for p in problems] == [
        f"{tmp_path.name}/rituals.yml:7:32: this file is not saved as UTF-8 (byte 0xE9, maybe "
        "'é'): save it as UTF-8"]
    assert guide.unreadable == [f"{tmp_path.name}/rituals.yml"]


def test_one_syntax_slip_is_one_line(tmp_path: Path) -> None:
    lines = _site_lines(tmp_path, {
        "rituals.yml": RITUAL.replace("    medium:", "\tmedium:"),
        "roadmap.yml": "phases:\n" + PHASE.format(id="first", order=1),
    }, {"page.md": "<!-- guide:ritual weekly-video-date -->\n"})
    assert lines == ["data/rituals.yml:6:1: this line is indented with a tab; YAML needs spaces "
                     "(replace the tab with spaces)"]


@pytest.mark.parametrize("name", ["Rituals.YML", "rituals.yaml", "rituals.Yaml"])
def test_yaml_files_are_read_whatever_their_extension_case(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(RITUAL)
    guide, problems = read_guide(tmp_path, root=tmp_path)
    assert problems == [] and [r.id for r in guide.of_kind("ritual")] == ["weekly-video-date"]


# --- A value of the wrong form -----------------------------------------------------------------


def test_a_time_without_its_leading_zero() -> None:
    [line] = _lines(RITUAL + "    time: '8:00'\n")
    assert line == ("data/rituals.yml:10:11: entry 'weekly-video-date', field 'time': expected a "
                    "24-hour time like \"08:00\", got '8:00' (did you mean \"08:00\"?)")


def test_a_time_without_quotes_is_read_as_a_number() -> None:
    [line] = _lines(RITUAL + "    time: 20:30\n")
    assert line.endswith("field 'time': YAML reads 20:30 as a number: write \"20:30\" in quotes")


def test_an_unquoted_time_without_its_leading_zero() -> None:
    [line] = _lines(RITUAL + "    time: 8:00\n")
    assert line.endswith("field 'time': YAML reads 8:00 as a number: write \"08:00\" in quotes")


def test_a_path_step_that_is_not_a_page() -> None:
    text = ("paths:\n  - id: p\n    title: P\n    situation: s\n    summary: S\n"
            "    steps: [guide/mindset]\n")
    [line] = _lines(text, "data/paths.yml")
    assert line == ("data/paths.yml:6:13: entry 'p', field 'steps[0]': expected a page in "
                    "content/ ending in .md, like 'guide/mindset.md', got 'guide/mindset' "
                    "(did you mean 'guide/mindset.md'?)")


@pytest.mark.parametrize(("purpose", "message"), [
    ("", "is empty: expected text (write it after the colon)"),
    ("[a, b]", "expected text, found a list"),
    ("{a: b, c: d}", "expected text, found fields (a mapping)"),
    ("''", "is blank: write some text"),
])
def test_what_was_found_in_plain_words(purpose: str, message: str) -> None:
    [line] = _lines(RITUAL.replace("purpose: Time together.", f"purpose: {purpose}"))
    assert line.startswith("data/rituals.yml:7:")
    assert line.endswith(f"field 'purpose': {message}")


def test_an_optional_field_left_blank_may_be_removed() -> None:
    [line] = _lines(RITUAL + "    tip: ' '\n")
    assert line.endswith("field 'tip': is blank: write some text or remove it")


def test_a_number_written_in_words() -> None:
    [line] = _lines(RITUAL.replace("duration_minutes: 60", "duration_minutes: ten"))
    assert line == ("data/rituals.yml:5:23: entry 'weekly-video-date', field 'duration_minutes': "
                    "expected a whole number of minutes from 1 to 1440, like 30, got 'ten'")


def test_a_share_out_of_bounds_says_what_a_share_is() -> None:
    text = ("checklists:\n  - id: c\n    title: C\n    items: [{id: a, text: We talk.}]\n"
            "    rule: {share: 50, met: Good, not_met: Not yet}\n")
    [line] = _lines(text, "data/checklists.yml")
    assert line == ("data/checklists.yml:5:19: entry 'c', field 'rule.share': expected a share "
                    "between 0 and 1, like 0.5 for half, got '50'")


def test_a_sheet_rule_points_at_the_field_it_needs() -> None:
    text = ("worksheets:\n  - id: w\n    title: W\n    sections:\n      - id: grid\n"
            "        title: Grid\n        kind: day-grid\n")
    [line] = _lines(text, "data/worksheets.yml")
    assert line == ("data/worksheets.yml:5:9: entry 'w', field 'sections[0].practices': a "
                    "'day-grid' section needs 'practices' (add 'practices:' with the ids of the "
                    "rituals to tick each day)")


def test_a_repeated_prompt_id_points_at_the_second_one() -> None:
    text = ("worksheets:\n  - id: w\n    title: W\n    sections:\n      - id: s\n"
            "        title: S\n        prompts:\n          - {id: a, text: One?}\n"
            "          - {id: a, text: Two?}\n")
    [line] = _lines(text, "data/worksheets.yml")
    assert line == ("data/worksheets.yml:9:18: entry 'w', field 'sections[0].prompts[1].id': the "
                    "prompt id 'a' is used twice on this sheet (give each one its own id)")


def test_two_phases_in_the_same_place() -> None:
    text = "phases:\n" + PHASE.format(id="a", order=1) + PHASE.format(id="b", order=1)
    [line] = _lines(RITUAL + text, "data/roadmap.yml")
    assert line == ("data/roadmap.yml:22:12: entry 'b', field 'order': the phase 'a' already has "
                    "order 1 (did you mean 2, the next free number?)")


# --- A wrong id is one line, without follow-ons ------------------------------------------------


@pytest.mark.parametrize(("written", "message"), [
    ("id: Weekly video date", "'Weekly video date' is not a valid id: use lower-case words joined "
                              "by hyphens (for example 'weekly-video-date')"),
    ("id: 123", 'YAML reads 123 as a number: write "123" in quotes'),
    ("id: visit-day-check-in-with-a-very-long-tail-of-words-that-goes-past-sixty",
     "the id is 70 characters long; at most 60 fit (for example "
     "'visit-day-check-in-with-a-very-long-tail-of-words-that-goes')"),
    ("id: index", "the id 'index' is kept for the guide's own index pages (choose another id)"),
    ("title2: x", "unknown field 'title2' (did you mean 'title'?)"),
])
def test_a_wrong_id_is_reported_once(tmp_path: Path, written: str, message: str) -> None:
    lines = _site_lines(tmp_path, {
        "rituals.yml": RITUAL.replace("id: weekly-video-date", written),
        "roadmap.yml": "phases:\n" + PHASE.format(id="first", order=1),
    }, {"page.md": "# Page\n\n<!-- guide:ritual weekly-video-date -->\n"
                   "[x](guide:weekly-video-date)\n"})
    problems = [line for line in lines if "required field is missing" not in line]
    assert len(problems) == 1 and problems[0].startswith("data/rituals.yml:2:"), lines
    assert problems[0].endswith(message)


def test_a_repeated_id_is_reported_once(tmp_path: Path) -> None:
    second = RITUAL.replace("rituals:\n", "").replace("weekly-video-date", "evening-walk")
    lines = _site_lines(tmp_path, {
        "rituals.yml": RITUAL + second.replace("id: evening-walk", "id: weekly-video-date"),
        "roadmap.yml": "phases:\n" + PHASE.format(id="first", order=1).replace(
            "[weekly-video-date]", "[weekly-video-date, evening-walk]"),
    }, {"page.md": "# Page\n\n[x](guide:evening-walk)\n"})
    assert lines == ["data/rituals.yml:10:9: entry 'weekly-video-date', field 'id': the id "
                     "'weekly-video-date' is already used by the ritual at data/rituals.yml:2 "
                     "(give one of them a new id)"]


# --- Odd shapes --------------------------------------------------------------------------------


def test_an_alias_inside_what_it_names_cannot_be_read() -> None:
    assert _lines("rituals: &all [*all]\n") == [
        "data/rituals.yml:1:10: this part (&name) holds an alias (*name) of itself "
        "(write the values out instead of the alias)"]


def test_an_entry_that_is_not_fields_names_two_of_its_fields() -> None:
    [line] = _lines(RITUAL.replace("rituals:\n", "rituals:\n  - Weekly video date\n"))
    assert line == ("data/rituals.yml:2:5: expected fields (a mapping), like 'id:' and 'title:' "
                    "on their own lines, found text")


def test_a_choice_given_as_a_list_says_so() -> None:
    [line] = _lines(RITUAL.replace("cadence: weekly", "cadence: [weekly, daily]"))
    assert line.endswith("field 'cadence': expected one of daily, weekly, monthly, quarterly, "
                         "found a list")


def test_a_reference_that_is_not_an_id() -> None:
    text = ("worksheets:\n  - id: w\n    title: W\n    phase: First 30 days\n    sections:\n"
            "      - {id: s, title: S, prompts: [{id: a, text: One?}]}\n")
    [line] = _lines(text, "data/worksheets.yml")
    assert line == ("data/worksheets.yml:4:12: entry 'w', field 'phase': 'First 30 days' is not a "
                    "valid id: use lower-case words joined by hyphens (for example "
                    "'first-30-days')")

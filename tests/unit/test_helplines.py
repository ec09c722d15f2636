"""Help lines in the data: what an entry must hold, and which ones are due for a new check."""

from __future__ import annotations

from datetime import date

import pytest

from guidekit.errors import GuideError
from guidekit.helplines import stale_helplines
from guidekit.loader import load_text

LINE = """\
helplines:
  - id: {id}
    service: A help line
    country: Somewhere
    for: [suicide-and-crisis]
    summary: Someone to talk to.
    phone: "0800 123 456"
    source: https://example.org/contact/
    checked: {checked}
"""


def _guide(*lines: tuple[str, str]):
    body = "".join(LINE.format(id=i, checked=c).split("\n", 1)[1] for i, c in lines)
    return load_text("helplines:\n" + body, "data/helplines.yml")


@pytest.mark.parametrize(("checked", "today", "stale"), [
    ("2025-11-29", date(2026, 11, 29), False),  # exactly a year: still fresh
    ("2025-11-28", date(2026, 11, 29), True),
    ("2026-11-29", date(2026, 11, 29), False),
    ("2023-02-28", date(2024, 2, 29), False),  # a leap day has no twin a year before
    ("2023-02-27", date(2024, 2, 29), True),
])
def test_a_line_is_due_for_a_check_once_more_than_a_year_has_passed(
        checked: str, today: date, stale: bool) -> None:
    notices = stale_helplines(_guide(("a-line", checked)), today)
    assert bool(notices) is stale
    if stale:
        assert str(notices[0]) == (
            f"data/helplines.yml:9:14: entry 'a-line', field 'checked': last checked on "
            f"{checked}, more than a year ago (check it against https://example.org/contact/ "
            f"and set 'checked' to that day)")


def test_only_the_old_lines_are_named() -> None:
    guide = _guide(("old-line", "2020-01-01"), ("new-line", "2026-11-01"))
    assert [p.entry for p in stale_helplines(guide, date(2026, 11, 29))] == ["old-line"]


def test_the_tel_and_sms_addresses_are_the_digits_of_the_number() -> None:
    line = _guide(("a-line", "2026-11-01")).get("a-line")
    assert line.tel == "tel:0800123456"
    assert line.sms is None and line.web_label is None and line.source_label == "example.org"


@pytest.mark.parametrize(("change", "message"), [
    (("    source: https://example.org/contact/\n", ""),
     "entry 'a-line', field 'source': this required field is missing (add 'source:' to the "
     "entry)"),
    (("    checked: 2026-11-01\n", ""),
     "entry 'a-line', field 'checked': this required field is missing (add 'checked:' to the "
     "entry)"),
    (('    phone: "0800 123 456"\n', ""),
     "entry 'a-line': a help line needs a way to reach it: 'phone', 'text' or 'web' (add "
     "'phone:' with the number from the source)"),
    (("https://example.org/contact/", "example.org/contact"),
     "entry 'a-line', field 'source': expected a web address starting with https:// or "
     "http://: the service's own page that shows this number, as you read it"),
    (('"0800 123 456"', '"call us"'),
     "entry 'a-line', field 'phone': expected a number as the service writes it, like "
     "\"0808 2000 247\""),
])
def test_a_slip_in_a_line_is_one_plain_sentence(change: tuple[str, str], message: str) -> None:
    text = LINE.format(id="a-line", checked="2026-11-01").replace(*change)
    with pytest.raises(GuideError) as error:
        load_text(text, "data/helplines.yml")
    assert message in str(error.value), str(error.value)

"""A ritual's limits reach its calendar: twice a week is two days a week (BYDAY), and a ritual
that lasts a set number of weeks stops (COUNT), read back as a calendar app would."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from guidekit.calendar import calendar_files
from guidekit.errors import GuideError
from guidekit.loader import load_guide, load_text
from tests.support.project import ROOT

GUIDE = """
rituals:
  - id: worry-time
    title: Worry time
    cadence: weekly
    times_per_week: 2
    duration_minutes: 20
    medium: any
    purpose: Talk about worries.
    steps: [Talk.]
  - id: three-short-weeks
    title: Three short weeks
    cadence: weekly
    for_weeks: 3
    duration_minutes: 10
    medium: any
    purpose: Share a little more.
    steps: [Share.]
  - id: ten-days
    title: Ten days
    cadence: daily
    for_weeks: 2
    duration_minutes: 5
    medium: any
    purpose: Every day, for two weeks.
    steps: [Do it.]
phases:
  - id: long-stage
    title: A long stage
    order: 1
    span: Months 1 to 3
    length_days: 90
    summary: Long.
    goals: [Go.]
    tasks: [Go.]
    rituals: [worry-time, three-short-weeks, ten-days]
  - id: short-stage
    title: A short stage
    order: 2
    span: Days 1 to 10
    length_days: 10
    summary: Short.
    goals: [Go.]
    tasks: [Go.]
    rituals: [three-short-weeks, ten-days]
"""
START = date(2027, 3, 1)  # a Monday
STAMP = datetime(2027, 2, 28, 21, 0, tzinfo=UTC)


def _events(text: str = GUIDE, start: date = START) -> dict[str, object]:
    files = calendar_files(load_text(text, "test.yml"), start=start, stamp=STAMP,
                           site="example", link=lambda i: f"library/rituals/#{i}")
    return {str(e["uid"]): e for f in files for e in Calendar.from_ical(f.content).walk("VEVENT")}


def _dates(event, most: int = 1000) -> list[datetime]:
    """Every date the event falls on; a calendar that never ends gives `most` of them."""
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=event.decoded("dtstart"))
    found = []
    for when in rule:
        found.append(when)
        if len(found) == most:
            break
    return found


def test_twice_a_week_is_two_days_a_week_starting_on_the_start_day():
    event = _events()["worry-time@example"]
    assert list(event["rrule"]["BYDAY"]) == ["MO", "TH"]
    assert [d.date() for d in _dates(event, 4)] == [
        date(2027, 3, 1), date(2027, 3, 4), date(2027, 3, 8), date(2027, 3, 11)]
    from_a_saturday = _events(start=date(2027, 3, 6))["worry-time@example"]
    assert list(from_a_saturday["rrule"]["BYDAY"]) == ["SA", "TU"]


def test_a_ritual_with_an_end_stops_after_its_weeks():
    events = _events()
    weekly = events["three-short-weeks@example"]
    assert weekly["rrule"]["COUNT"] == [3] and "UNTIL" not in weekly["rrule"]
    assert [d.date() for d in _dates(weekly)] == [
        date(2027, 3, 1), date(2027, 3, 8), date(2027, 3, 15)]
    daily = _dates(events["ten-days@example"])
    assert len(daily) == 14 and daily[-1].date() == date(2027, 3, 14)


def test_in_a_phase_a_limited_ritual_ends_with_whichever_comes_first():
    events = _events()
    assert events["three-short-weeks.long-stage@example"]["rrule"]["COUNT"] == [3]
    assert len(_dates(events["three-short-weeks.long-stage@example"])) == 3
    short = events["three-short-weeks.short-stage@example"]["rrule"]
    assert "COUNT" not in short and short["UNTIL"][0].date() == START + timedelta(days=9)
    assert len(_dates(events["ten-days.short-stage@example"])) == 10


def test_the_description_says_how_often_and_that_it_stops():
    events = _events()
    assert "How often: Twice a week." in str(events["worry-time@example"]["description"])
    assert ("How often: Once a week, for three weeks. Then it stops."
            in str(events["three-short-weeks@example"]["description"]))


@pytest.mark.parametrize(("field", "cadence", "expected"), [
    ("times_per_week: 2", "daily", "'times_per_week' only fits a weekly ritual"),
    ("for_weeks: 3", "monthly", "'for_weeks' only fits a daily or weekly ritual"),
])
def test_a_limit_that_does_not_fit_the_cadence_is_an_author_error(field, cadence, expected):
    text = GUIDE.replace("cadence: weekly\n    times_per_week: 2",
                         f"cadence: {cadence}\n    {field}", 1)
    with pytest.raises(GuideError) as error:
        load_text(text, "rituals.yml")
    assert expected in str(error.value) and "worry-time" in str(error.value)


# --- The guide's own rituals -------------------------------------------------------------------

@pytest.fixture(scope="module")
def guide_data():
    return load_guide(ROOT / "data", root=ROOT)


@pytest.mark.content
def test_no_calendar_of_a_ritual_with_an_end_runs_for_ever(guide_data):
    limited = [r.id for r in guide_data.of_kind("ritual") if r.for_weeks]
    assert "three-weeks-of-openness" in limited
    files = calendar_files(guide_data, start=START, stamp=STAMP, site="example",
                           link=lambda i: i)
    seen = 0
    for file in files:
        for event in Calendar.from_ical(file.content).walk("VEVENT"):
            if str(event["uid"]).split("@")[0].split(".")[0] in limited:
                seen += 1
                ritual = guide_data.get(str(event["uid"]).split("@")[0].split(".")[0])
                dates = _dates(event)
                assert len(dates) < 1000, f"{event['uid']} runs for ever"
                assert dates[-1].date() < START + timedelta(weeks=ritual.for_weeks)
    assert seen > len(limited)  # in its own file and in its phase's file


@pytest.mark.content
def test_the_words_of_a_ritual_and_its_limits_agree(guide_data):
    """A ritual that says "twice a week" or "ends after ... weeks" carries it in the data."""
    numbers = {"twice": 2, "two": 2, "three": 3, "four": 4}
    for ritual in guide_data.of_kind("ritual"):
        words = " ".join([ritual.purpose, ritual.tip or "", *ritual.steps]).lower()
        often = re.search(r"\b(twice|two times|three times) a week", words)
        if often:
            assert ritual.times_per_week == numbers[often[1].split()[0]], ritual.id
        ends = re.search(r"ends after (\w+) weeks", words)
        if ends:
            assert ritual.for_weeks == numbers[ends[1]], ritual.id
    insecurity = guide_data.get("insecurity-window")
    assert insecurity.times_per_week == 2

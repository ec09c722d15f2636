"""'Add to calendar' keeps a ritual's limits when the reader picks their own start day: the days
of a twice-a-week ritual move with it, and a ritual with an end still ends."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from tests.conftest import watched_page
from tests.support.tool_site import guide, guide_with, marked, server_of, words


def _twice_a_week(ritual) -> bool:
    return ritual.times_per_week == 2


def _ends(ritual) -> bool:
    return ritual.cadence == "weekly" and bool(ritual.for_weeks) and not ritual.times_per_week


# This guide when it has a ritual twice a week and a weekly one with an end, else the starter
# with every tool
GUIDE, BUILT = guide_with(lambda found: any(_twice_a_week(r) for r in found.of_kind("ritual"))
                          and any(_ends(r) for r in found.of_kind("ritual")))
TWICE = next(r for r in guide(GUIDE).of_kind("ritual") if _twice_a_week(r))
ENDS = next(r for r in guide(GUIDE).of_kind("ritual") if _ends(r))
BOXES = marked(BUILT, "data-guide-calendar-id")  # a page with each entry's calendar box
W = words(GUIDE)


@pytest.fixture
def watched(profile, server):
    """A page of GUIDE's site, watched for anything a reader must never see, and its server."""
    served = server_of(GUIDE, server)
    with watched_page(profile, served.origin) as page:
        yield page


def _event(page, server, entry_id: str, start: str):
    server = server_of(GUIDE, server)
    page.goto(server.url(BOXES[entry_id]))
    box = page.locator(f'[data-guide-calendar-id="{entry_id}"]')
    box.locator("summary").click()
    box.get_by_label(W.text("calendar.start")).fill(start)
    with page.expect_download() as info:
        box.get_by_role("button", name=W.text("calendar.button")).click()
    [event] = Calendar.from_ical(Path(info.value.path()).read_bytes()).walk("VEVENT")
    dates = []
    for when in rrulestr(event["rrule"].to_ical().decode(), dtstart=event.decoded("dtstart")):
        dates.append(when)
        if len(dates) == 500:
            break
    return event, dates


def test_twice_a_week_moves_its_days_with_the_start_day(watched, server):
    event, dates = _event(watched, server, TWICE.id, "2027-04-02")  # a Friday
    assert list(event["rrule"]["BYDAY"]) == ["FR", "MO"]
    assert [d.date() for d in dates[:4]] == [
        date(2027, 4, 2), date(2027, 4, 5), date(2027, 4, 9), date(2027, 4, 12)]
    assert event.decoded("dtstart") == datetime(2027, 4, 2, *map(int, TWICE.time.split(":")))


def test_a_ritual_with_an_end_still_ends_from_the_picked_day(watched, server):
    event, dates = _event(watched, server, ENDS.id, "2027-05-19")
    assert event["rrule"]["COUNT"] == [ENDS.for_weeks] and "UNTIL" not in event["rrule"]
    assert [d.date() for d in dates] == [date(2027, 5, 19) + timedelta(weeks=n)
                                         for n in range(ENDS.for_weeks)]
    assert W.text("ics.ends").strip() in str(event["description"])

"""'Add to calendar' keeps a ritual's limits when the reader picks their own start day: the days
of a twice-a-week ritual move with it, and a ritual with an end still ends."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from dateutil.rrule import rrulestr
from icalendar import Calendar


def _event(page, server, entry_id: str, start: str):
    page.goto(server.url("library/rituals/"))
    box = page.locator(f'[data-guide-calendar-id="{entry_id}"]')
    box.locator("summary").click()
    box.get_by_label("Start on").fill(start)
    with page.expect_download() as info:
        box.get_by_role("button", name="Add to calendar").click()
    [event] = Calendar.from_ical(Path(info.value.path()).read_bytes()).walk("VEVENT")
    dates = []
    for when in rrulestr(event["rrule"].to_ical().decode(), dtstart=event.decoded("dtstart")):
        dates.append(when)
        if len(dates) == 500:
            break
    return event, dates


def test_twice_a_week_moves_its_days_with_the_start_day(watched, server):
    event, dates = _event(watched, server, "insecurity-window", "2027-04-02")  # a Friday
    assert list(event["rrule"]["BYDAY"]) == ["FR", "MO"]
    assert [d.date() for d in dates[:4]] == [
        date(2027, 4, 2), date(2027, 4, 5), date(2027, 4, 9), date(2027, 4, 12)]
    assert event.decoded("dtstart") == datetime(2027, 4, 2, 19, 0)


def test_a_ritual_with_an_end_still_ends_from_the_picked_day(watched, server):
    event, dates = _event(watched, server, "three-weeks-of-openness", "2027-05-19")
    assert event["rrule"]["COUNT"] == [3] and "UNTIL" not in event["rrule"]
    assert [d.date() for d in dates] == [date(2027, 5, 19) + timedelta(weeks=n) for n in range(3)]
    assert "Then it stops." in str(event["description"])

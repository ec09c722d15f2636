"""The rituals' calendar files, parsed back with icalendar as a calendar app would read them."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from guidekit.calendar import calendar_files, site_key
from guidekit.loader import load_guide, load_text
from tests.support.project import build, copy_project

GUIDE = """
rituals:
  - id: hello-every-day
    title: A **daily** hello
    cadence: daily
    duration_minutes: 2
    medium: text
    time: "08:15"
    purpose: Say hello, warmly; every day.
    steps: [Send one line., "Read [the guide](guide:a-weekly-talk) again.",
            "Plan the [](guide:a-weekly-talk)."]
  - id: a-weekly-talk
    title: Weekly talk
    cadence: weekly
    duration_minutes: 60
    medium: video call
    purpose: Talk.
    steps: [Talk.]
  - id: a-monthly-look
    title: Monthly look
    cadence: monthly
    duration_minutes: 45
    medium: visit
    time: "19:00"
    purpose: Look back.
    steps: [Look back.]
  - id: a-letter
    title: A letter
    cadence: quarterly
    duration_minutes: 90
    medium: any
    time: "10:00"
    purpose: Write.
    steps: [Write.]
phases:
  - id: first-weeks
    title: The first weeks
    order: 1
    span: Days 1 to 30
    length_days: 30
    summary: Start.
    goals: [Begin.]
    tasks: [Begin.]
    rituals: [hello-every-day, a-weekly-talk, a-monthly-look, a-letter]
"""
START = date(2027, 1, 30)
STAMP = datetime(2027, 1, 29, 21, 5, tzinfo=UTC)
RULES = {"hello-every-day": {"FREQ": ["DAILY"]}, "a-weekly-talk": {"FREQ": ["WEEKLY"]},
         "a-monthly-look": {"FREQ": ["MONTHLY"]},
         "a-letter": {"FREQ": ["MONTHLY"], "INTERVAL": [3]}}


def _link(entry_id: str) -> str:
    return f"library/rituals/#{entry_id}"


def _calendars(link=_link) -> dict[str, Calendar]:
    files = calendar_files(load_text(GUIDE, "test.yml"), start=START, stamp=STAMP,
                           site="example", link=link)
    return {f.path: Calendar.from_ical(f.content) for f in files}


def _events(calendar: Calendar) -> dict[str, object]:
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_a_file_per_ritual_and_per_phase_with_rituals():
    assert sorted(_calendars()) == sorted(
        f"calendar/{i}.ics" for i in (*RULES, "first-weeks"))


@pytest.mark.parametrize("ritual", RULES)
def test_each_ritual_repeats_by_its_cadence_at_its_time(ritual):
    calendar = _calendars()[f"calendar/{ritual}.ics"]
    assert calendar["version"] == "2.0" and calendar["prodid"]
    [event] = calendar.walk("VEVENT")
    assert event["uid"] == f"{ritual}@example"
    assert {k: list(v) for k, v in event["rrule"].items()} == RULES[ritual]
    assert event["dtstamp"].dt == STAMP


def test_times_are_floating_local_times_with_the_right_hour_and_length():
    event = _calendars()["calendar/hello-every-day.ics"].walk("VEVENT")[0]
    assert event.decoded("dtstart") == datetime(2027, 1, 30, 8, 15)
    assert event.decoded("dtstart").tzinfo is None  # floating: 08:15 wherever the reader is
    assert "TZID" not in event["dtstart"].params
    assert event.decoded("duration") == timedelta(minutes=2)
    assert not _calendars()["calendar/hello-every-day.ics"].walk("VTIMEZONE")
    default_time = _calendars()["calendar/a-weekly-talk.ics"].walk("VEVENT")[0]
    assert default_time.decoded("dtstart") == datetime(2027, 1, 30, 20, 0)


def test_the_description_has_the_steps_in_plain_text_and_a_link_back():
    event = _calendars()["calendar/hello-every-day.ics"].walk("VEVENT")[0]
    assert event["summary"] == "A daily hello"
    description = str(event["description"])
    assert "Say hello, warmly; every day." in description
    assert "1. Send one line.\n2. Read the guide again.\n3. Plan the Weekly talk." in description
    assert description.endswith("in the guide: library/rituals/#hello-every-day")
    assert "url" not in event  # a relative link is no URI for the URL property


def test_an_absolute_link_is_also_the_url():
    calendars = _calendars(lambda i: f"https://guide.example.org/trust/library/rituals/#{i}")
    event = calendars["calendar/a-letter.ics"].walk("VEVENT")[0]
    assert event["url"] == "https://guide.example.org/trust/library/rituals/#a-letter"
    assert str(event["description"]).endswith(event["url"])


def test_a_phase_file_holds_its_rituals_until_the_phase_ends():
    events = _events(_calendars()["calendar/first-weeks.ics"])
    assert sorted(events) == sorted(f"{i}.first-weeks@example" for i in RULES)
    last_day = START + timedelta(days=29)
    for uid, event in events.items():
        until = event["rrule"]["UNTIL"][0]
        assert until == datetime.combine(last_day, datetime.max.time()).replace(microsecond=0)
        dates = list(rrulestr(event["rrule"].to_ical().decode(),
                              dtstart=event.decoded("dtstart")))
        assert dates[0].date() == START and dates[-1].date() <= last_day, uid
    counts = {uid.split(".")[0]: len(list(rrulestr(e["rrule"].to_ical().decode(),
                                                   dtstart=e.decoded("dtstart"))))
              for uid, e in events.items()}
    assert counts == {"hello-every-day": 30, "a-weekly-talk": 5, "a-monthly-look": 1,
                      "a-letter": 1}


def test_the_site_part_of_a_uid():
    assert site_key("https://guide.example.org/trust/", "Anything") == "guide.example.org"
    assert site_key("", "Rebuilding trust") == "rebuilding-trust"


def test_uids_stay_the_same_across_builds_and_the_start_follows_the_build_date(
        tmp_path: Path, monkeypatch, site):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2030, 5, 1, 12, tzinfo=UTC)
                                                    .timestamp())))
    again = build(copy_project(tmp_path), strict=True)
    assert again.returncode == 0, again.output
    first = sorted(p.name for p in (site.site / "calendar").glob("*.ics"))
    assert first and first == sorted(p.name for p in (again.site / "calendar").glob("*.ics"))
    for name in first:
        before = Calendar.from_ical((site.site / "calendar" / name).read_bytes())
        after = Calendar.from_ical((again.site / "calendar" / name).read_bytes())
        assert sorted(_events(before)) == sorted(_events(after)), name
        assert {e.decoded("dtstart").date() for e in after.walk("VEVENT")} == {date(2030, 5, 2)}


def test_with_a_site_url_links_are_absolute_and_uids_name_its_host(tmp_path: Path):
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^site_url:.*$", 'site_url: "https://guide.example.org/trust/"',
                             text), encoding="utf-8")
    built = build(project, strict=True)
    assert built.returncode == 0, built.output
    calendar = Calendar.from_ical((built.site / "calendar" / "weekly-video-date.ics").read_bytes())
    [event] = calendar.walk("VEVENT")
    assert event["uid"] == "weekly-video-date@guide.example.org"
    assert event["url"] == "https://guide.example.org/trust/library/rituals/#weekly-video-date"
    assert str(event["description"]).endswith(event["url"])


def test_a_rebuild_reuses_unchanged_files_and_remakes_a_changed_ritual(tmp_path: Path):
    project = copy_project(tmp_path)
    first = build(project, strict=True)
    assert first.returncode == 0, first.output
    before = {p.name: p.read_bytes() for p in (first.site / "calendar").glob("*.ics")}
    assert build(project, strict=True).returncode == 0  # nothing changed: the same files
    assert before == {p.name: p.read_bytes() for p in (first.site / "calendar").glob("*.ics")}
    cache = project / ".cache" / "guidekit" / "calendars"
    assert len(list(cache.iterdir())) == len(before)

    rituals = project / "data" / "rituals.yml"
    time.sleep(1.1)  # the stamp is the data's last change, to the second
    rituals.write_text(rituals.read_text(encoding="utf-8").replace(
        "title: Weekly date", "title: Our weekly date", 1), encoding="utf-8")
    again = build(project, strict=True)
    assert again.returncode == 0, again.output
    after = {p.name: p.read_bytes() for p in (again.site / "calendar").glob("*.ics")}
    # Every file is stamped anew (the data changed); only these show something new
    changed = {name for name in before if _unstamped(before[name]) != _unstamped(after[name])}
    phases = {f"{p.id}.ics" for p in load_guide(project / "data").of_kind("phase")
              if "weekly-video-date" in p.rituals}
    assert changed == {"weekly-video-date.ics", *phases}
    event = _events(Calendar.from_ical(after["weekly-video-date.ics"]))
    [new] = event.values()
    assert new["summary"] == "Our weekly date"
    [old] = _events(Calendar.from_ical(before["weekly-video-date.ics"])).values()
    assert new.decoded("dtstamp") > old.decoded("dtstamp")
    assert len(list(cache.iterdir())) == len(after)  # the old versions are gone


def _unstamped(ics: bytes) -> bytes:
    return re.sub(rb"DTSTAMP:\w+", b"", ics)

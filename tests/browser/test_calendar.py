"""'Add to calendar' in the browser: the reader picks a day, gets a file their calendar reads."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import islice
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from tests.conftest import watched_page
from tests.support.browser import axe_violations
from tests.support.tool_site import folders, guide, guide_with, marked, said, server_of, words

W = words()
RITUALS = f"{folders()['library']}/{W.text('url.ritual')}/"  # every ritual, with its calendar
# A plain weekly ritual of the guide, and any ritual
WEEKLY = next(r for r in guide().of_kind("ritual")
              if r.cadence == "weekly" and not r.times_per_week and not r.for_weeks)
ANY = guide().of_kind("ritual")[-1]
# This guide when it has a phase with several rituals and a monthly ritual, else the starter
# with every tool
OTHER, OTHER_BUILT = guide_with(lambda found: any(
    len(phase.rituals) >= 2 for phase in found.of_kind("phase")) and any(
    ritual.cadence == "monthly" for ritual in found.of_kind("ritual")))
PHASE = next(phase for phase in guide(OTHER).of_kind("phase") if len(phase.rituals) >= 2)
MONTHLY = next(r for r in guide(OTHER).of_kind("ritual") if r.cadence == "monthly")
BOXES = marked(OTHER_BUILT, "data-guide-calendar-id")  # a page with each entry's calendar box


@pytest.fixture
def other(profile, server):
    """A watched page of the OTHER guide, and its server."""
    served = server_of(OTHER, server)
    with watched_page(profile, served.origin) as page:
        yield page, served


def _download(page, box, said_by=W) -> tuple[str, bytes]:
    with page.expect_download() as info:
        box.get_by_role("button", name=said_by.text("calendar.button")).click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def _open(page, server, path: str, entry_id: str):
    page.goto(server.url(path))
    box = page.locator(f'[data-guide-calendar-id="{entry_id}"]')
    box.locator("summary").click()
    return box


@pytest.mark.clock
def test_the_start_date_defaults_to_tomorrow_and_the_file_starts_on_the_picked_day(
        watched, server):
    watched.clock.set_fixed_time(datetime(2027, 3, 9, 15, 0))
    box = _open(watched, server, RITUALS, WEEKLY.id)
    start = box.get_by_label(W.text("calendar.start"))
    assert start.input_value() == "2027-03-10"
    start.fill("2027-04-02")
    name, content = _download(watched, box)
    assert name == f"{WEEKLY.id}.ics"
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    [event] = Calendar.from_ical(content).walk("VEVENT")
    hour, minute = map(int, WEEKLY.time.split(":"))
    assert event.decoded("dtstart") == datetime(2027, 4, 2, hour, minute)
    assert event["uid"].startswith(f"{WEEKLY.id}@")
    assert list(event["rrule"]["FREQ"]) == ["WEEKLY"]
    link = server.url(f"{RITUALS}#{WEEKLY.id}")
    assert event["url"] == link
    assert str(event["description"]).endswith(W.text("ics.read-again", link=link))
    assert WEEKLY.steps[0] in str(event["description"])
    status = box.get_by_role("status").inner_text()
    assert said(W, "calendar.ready").fullmatch(status) and "2027-04-02" in status
    # inside the calendar form only (the page has its own test)
    assert axe_violations(watched, f'[data-guide-calendar-id="{WEEKLY.id}"]') == []


def test_a_phase_file_has_the_chosen_rituals_and_ends_with_the_phase(other):
    watched, server = other
    box = _open(watched, server, BOXES[PHASE.id], PHASE.id)
    boxes = box.get_by_role("checkbox")
    assert boxes.count() >= 2
    dropped = boxes.first.get_attribute("value")
    boxes.first.uncheck()
    box.get_by_label(words(OTHER).text("calendar.start")).fill("2027-06-01")
    _, content = _download(watched, box, words(OTHER))
    events = Calendar.from_ical(content).walk("VEVENT")
    uids = {str(e["uid"]).split(".")[0] for e in events}
    assert len(events) == boxes.count() - 1 and dropped not in uids
    last_day = date(2027, 6, 1) + timedelta(days=PHASE.length_days - 1)
    for event in events:
        assert event.decoded("dtstart").date() == date(2027, 6, 1)
        if not guide(OTHER).get(str(event["uid"]).split(".")[0]).for_weeks:  # no end of its own
            assert event["rrule"]["UNTIL"][0] == datetime(*last_day.timetuple()[:3], 23, 59, 59)
        dates = list(rrulestr(event["rrule"].to_ical().decode(),
                              dtstart=event.decoded("dtstart")))
        assert dates[-1].date() <= last_day


def test_a_monthly_ritual_picked_after_the_28th_falls_on_the_last_day_of_each_month(other):
    watched, server = other
    box = _open(watched, server, BOXES[MONTHLY.id], MONTHLY.id)
    box.get_by_label(words(OTHER).text("calendar.start")).fill("2027-01-30")
    _, content = _download(watched, box, words(OTHER))
    [event] = Calendar.from_ical(content).walk("VEVENT")
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=event.decoded("dtstart"))
    dates = list(islice(rule, 3))
    assert [d.date() for d in dates] == [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31)]


def test_choosing_nothing_says_so_and_downloads_nothing(other):
    watched, server = other
    box = _open(watched, server, BOXES[PHASE.id], PHASE.id)
    for checkbox in box.get_by_role("checkbox").all():
        checkbox.uncheck()
    downloads = []
    watched.on("download", lambda download: downloads.append(download))
    box.get_by_role("button", name=words(OTHER).text("calendar.button")).click()
    assert box.get_by_role("status").inner_text() == words(OTHER).text("calendar.none-chosen")
    assert downloads == []


def test_without_javascript_the_link_downloads_the_built_file(browser, server, site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url(RITUALS))
        box = page.locator(f'[data-guide-calendar-id="{ANY.id}"]')
        box.locator("summary").click()
        assert not box.get_by_role("button", name=W.text("calendar.button")).is_visible()
        with page.expect_download() as info:
            box.get_by_role("link", name=W.text("calendar.button")).click()
        content = Path(info.value.path()).read_bytes()
        assert content == (site.site / folders()["calendar"] / f"{ANY.id}.ics").read_bytes()
        assert Calendar.from_ical(content).walk("VEVENT")[0]["uid"].startswith(f"{ANY.id}@")
    finally:
        context.close()


def test_the_box_wears_the_guides_colours_in_both_palettes(watched, server):
    material_note_blue = "rgb(68, 138, 255)"
    for scheme in ("light", "dark"):
        watched.emulate_media(color_scheme=scheme)
        watched.goto(server.url(RITUALS))
        box = watched.locator("details.guide-calendar").first
        border, link = box.evaluate("""box => { const probe = document.createElement('span');
            probe.style.color = 'var(--md-typeset-a-color)'; box.append(probe);
            const found = [getComputedStyle(box).borderLeftColor, getComputedStyle(probe).color];
            probe.remove(); return found; }""")
        assert border != material_note_blue and border == link, scheme

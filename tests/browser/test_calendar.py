"""'Add to calendar' in the browser: the reader picks a day, gets a file their calendar reads."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import islice
from pathlib import Path

from dateutil.rrule import rrulestr
from icalendar import Calendar

from tests.support.browser import axe_violations


def _download(page, box) -> tuple[str, bytes]:
    with page.expect_download() as info:
        box.get_by_role("button", name="Add to calendar").click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def _open(page, server, path: str, entry_id: str):
    page.goto(server.url(path))
    box = page.locator(f'[data-guide-calendar-id="{entry_id}"]')
    box.locator("summary").click()
    return box


def test_the_start_date_defaults_to_tomorrow_and_the_file_starts_on_the_picked_day(
        watched, server):
    watched.clock.set_fixed_time(datetime(2027, 3, 9, 15, 0))
    box = _open(watched, server, "library/rituals/", "weekly-video-date")
    start = box.get_by_label("Start on")
    assert start.input_value() == "2027-03-10"
    start.fill("2027-04-02")
    name, content = _download(watched, box)
    assert name == "weekly-video-date.ics"
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    [event] = Calendar.from_ical(content).walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2027, 4, 2, 19, 30)
    assert event["uid"].startswith("weekly-video-date@")
    assert list(event["rrule"]["FREQ"]) == ["WEEKLY"]
    link = server.url("library/rituals/#weekly-video-date")
    assert event["url"] == link
    assert str(event["description"]).endswith(f"in the guide: {link}")
    assert "Pick a fixed evening" in str(event["description"])
    assert "starting 2027-04-02" in box.get_by_role("status").inner_text()
    # inside the calendar form only (the page has its own test)
    assert axe_violations(watched, '[data-guide-calendar-id="weekly-video-date"]') == []


def test_a_phase_file_has_the_chosen_rituals_and_ends_with_the_phase(watched, server):
    box = _open(watched, server, "roadmap/first-30-days/", "first-30-days")
    boxes = box.get_by_role("checkbox")
    assert boxes.count() >= 2
    dropped = boxes.first.get_attribute("value")
    boxes.first.uncheck()
    box.get_by_label("Start on").fill("2027-06-01")
    _, content = _download(watched, box)
    events = Calendar.from_ical(content).walk("VEVENT")
    uids = {str(e["uid"]).split(".")[0] for e in events}
    assert len(events) == boxes.count() - 1 and dropped not in uids
    last_day = date(2027, 6, 1) + timedelta(days=29)
    for event in events:
        assert event.decoded("dtstart").date() == date(2027, 6, 1)
        assert event["rrule"]["UNTIL"][0] == datetime(2027, 6, 30, 23, 59, 59)
        dates = list(rrulestr(event["rrule"].to_ical().decode(),
                              dtstart=event.decoded("dtstart")))
        assert dates[-1].date() <= last_day


def test_a_monthly_ritual_picked_after_the_28th_falls_on_the_last_day_of_each_month(
        watched, server):
    box = _open(watched, server, "library/rituals/", "state-of-us-check-in")
    box.get_by_label("Start on").fill("2027-01-30")
    _, content = _download(watched, box)
    [event] = Calendar.from_ical(content).walk("VEVENT")
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=event.decoded("dtstart"))
    dates = list(islice(rule, 3))
    assert [d.date() for d in dates] == [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31)]


def test_choosing_nothing_says_so_and_downloads_nothing(watched, server):
    box = _open(watched, server, "roadmap/first-30-days/", "first-30-days")
    for checkbox in box.get_by_role("checkbox").all():
        checkbox.uncheck()
    downloads = []
    watched.on("download", lambda download: downloads.append(download))
    box.get_by_role("button", name="Add to calendar").click()
    assert "Choose at least one ritual" in box.get_by_role("status").inner_text()
    assert downloads == []


def test_without_javascript_the_link_downloads_the_built_file(browser, server, site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url("library/rituals/"))
        box = page.locator('[data-guide-calendar-id="morning-voice-note"]')
        box.locator("summary").click()
        assert not box.get_by_role("button", name="Add to calendar").is_visible()
        with page.expect_download() as info:
            box.get_by_role("link", name="Add to calendar").click()
        content = Path(info.value.path()).read_bytes()
        assert content == (site.site / "calendar" / "morning-voice-note.ics").read_bytes()
        assert Calendar.from_ical(content).walk("VEVENT")[0]["uid"].startswith(
            "morning-voice-note@")
    finally:
        context.close()


def test_the_box_wears_the_guides_colours_in_both_palettes(watched, server):
    material_note_blue = "rgb(68, 138, 255)"
    for scheme in ("light", "dark"):
        watched.emulate_media(color_scheme=scheme)
        watched.goto(server.url("library/rituals/"))
        box = watched.locator("details.guide-calendar").first
        border, link = box.evaluate("""box => { const probe = document.createElement('span');
            probe.style.color = 'var(--md-typeset-a-color)'; box.append(probe);
            const found = [getComputedStyle(box).borderLeftColor, getComputedStyle(probe).color];
            probe.remove(); return found; }""")
        assert border != material_note_blue and border == link, scheme

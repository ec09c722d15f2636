"""The rituals' calendar files as a build writes them: the same across builds, absolute links with
a site_url, and reused until their data changes (parsed back with icalendar)."""

from __future__ import annotations

import os
import re
import time
from datetime import UTC, date, datetime
from pathlib import Path

from icalendar import Calendar

from guidekit.loader import data_files, load_guide
from tests.support.project import build, built_starter, edit, starter_guide


def _events(calendar: Calendar) -> dict[str, object]:
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_uids_stay_the_same_across_builds_and_the_start_follows_the_build_date(
        tmp_path: Path, monkeypatch):
    site = built_starter()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2030, 5, 1, 12, tzinfo=UTC)
                                                    .timestamp())))
    # The same guide (named after the same folder), built again on another day
    again = build(starter_guide(tmp_path / site.site.parent.name), strict=True)
    assert again.returncode == 0, again.output
    first = sorted(p.name for p in (site.site / "calendar").glob("*.ics"))
    assert first and first == sorted(p.name for p in (again.site / "calendar").glob("*.ics"))
    for name in first:
        before = Calendar.from_ical((site.site / "calendar" / name).read_bytes())
        after = Calendar.from_ical((again.site / "calendar" / name).read_bytes())
        assert sorted(_events(before)) == sorted(_events(after)), name
        assert {e.decoded("dtstart").date() for e in after.walk("VEVENT")} == {date(2030, 5, 2)}


def test_with_a_site_url_links_are_absolute_and_uids_name_its_host(tmp_path: Path):
    project = starter_guide(tmp_path / "guide")
    edit(project / "mkdocs.yml", "\ndocs_dir:", '\nsite_url: "https://guide.example.org/trust/"\ndocs_dir:')
    built = build(project, strict=True)
    assert built.returncode == 0, built.output
    calendar = Calendar.from_ical((built.site / "calendar" / "sunday-house-talk.ics").read_bytes())
    [event] = calendar.walk("VEVENT")
    assert event["uid"] == "sunday-house-talk@guide.example.org"
    assert event["url"] == "https://guide.example.org/trust/library/rituals/#sunday-house-talk"
    assert str(event["description"]).endswith(event["url"])


def test_a_rebuild_reuses_unchanged_files_and_remakes_a_changed_ritual(tmp_path: Path):
    project = starter_guide(tmp_path / "guide")
    # The stamp is the data's last change, to the second: say it was a minute ago
    a_minute_ago = time.time() - 60
    for path in data_files(project / "data"):
        os.utime(path, (a_minute_ago, a_minute_ago))
    first = build(project, strict=True)
    assert first.returncode == 0, first.output
    before = {p.name: p.read_bytes() for p in (first.site / "calendar").glob("*.ics")}
    assert build(project, strict=True).returncode == 0  # nothing changed: the same files
    assert before == {p.name: p.read_bytes() for p in (first.site / "calendar").glob("*.ics")}
    cache = project / ".cache" / "guidekit" / "calendars"
    assert len(list(cache.iterdir())) == len(before)

    rituals = project / "data" / "rituals.yml"
    rituals.write_text(rituals.read_text(encoding="utf-8").replace(
        "title: Sunday house talk", "title: Our Sunday talk", 1), encoding="utf-8")
    again = build(project, strict=True)
    assert again.returncode == 0, again.output
    after = {p.name: p.read_bytes() for p in (again.site / "calendar").glob("*.ics")}
    # Every file is stamped anew (the data changed); only these show something new
    changed = {name for name in before if _unstamped(before[name]) != _unstamped(after[name])}
    phases = {f"{p.id}.ics" for p in load_guide(project / "data").of_kind("phase")
              if "sunday-house-talk" in p.rituals}
    assert phases and changed == {"sunday-house-talk.ics", *phases}
    event = _events(Calendar.from_ical(after["sunday-house-talk.ics"]))
    [new] = event.values()
    assert new["summary"] == "Our Sunday talk"
    [old] = _events(Calendar.from_ical(before["sunday-house-talk.ics"])).values()
    assert new.decoded("dtstamp") > old.decoded("dtstamp")
    assert len(list(cache.iterdir())) == len(after)  # the old versions are gone


def _unstamped(ics: bytes) -> bytes:
    return re.sub(rb"DTSTAMP:\w+", b"", ics)

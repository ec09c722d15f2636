"""The rituals as iCalendar files (RFC 5545): one file per ritual, and one per roadmap phase.

Times are floating local times (no time zone): a ritual suggested for 08:00 happens at 08:00
wherever the reader is, also after they travel or move. Readers in another time zone move the
event in their own app; the description says so.

A file starts on a default date (the day after the build). In the browser, `calendar.js` moves
every DTSTART and UNTIL to the date the reader picks, so the files here are also what a reader
without JavaScript downloads. UIDs come from ids only, so they stay the same across rebuilds and
importing a file again updates its events instead of adding copies.

Making the files is the slowest step of a build (icalendar folds every line by hand), so a file
is reused from the last build while its ritual, dates and links are the same (see `reuse.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
from icalendar import Calendar, Event

from . import text
from .loader import Guide
from .models import Phase, Ritual
from .reuse import Reuse, code_version
from .rhythm import rhythm
from .strings import Strings, load
from .text import plain, slug

# How often each cadence repeats, as RRULE parts.
RULES: dict[str, dict[str, object]] = {
    "daily": {"freq": "DAILY"},
    "weekly": {"freq": "WEEKLY"},
    "monthly": {"freq": "MONTHLY"},
    "quarterly": {"freq": "MONTHLY", "interval": 3},
}
# Days of the week as RRULE names them, Monday first (like `date.weekday()`).
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
PRODID = "-//guidekit//Rituals calendar//EN"
# What a calendar file is made by: this module, the text helpers and icalendar's version.
_CODE_VERSION = code_version(Path(__file__), Path(text.__file__),
                             extra=[icalendar.__version__])
# Characters no calendar file may carry raw, whatever the data holds (the models refuse them
# already): control characters and bidi overrides. Line feeds stay in descriptions, where
# icalendar writes them as `\n`; names are one line.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Resolves an entry id to the link of its page: absolute, or relative to the site's root.
LinkFor = Callable[[str], str]
# Text from the data as plain words (`plain`, knowing the entries' titles).
Words = Callable[[str], str]


@dataclass(frozen=True)
class CalendarFile:
    path: str  # where the file is written in the built site
    content: bytes


def calendar_path(entry_id: str, folder: str = "calendar") -> str:
    """Where the calendar of a ritual or a phase lives in the site (ids are unique), in the
    guide's folder for calendars (extra.guide.pages.calendar)."""
    return f"{folder}/{entry_id}.ics"


def site_key(site_url: str, site_name: str) -> str:
    """The part of every UID after the `@`: the site's host, else its name as a slug."""
    host = urlsplit(site_url).hostname if site_url else None
    return host or slug(site_name) or "guide"


def calendar_files(guide: Guide, *, start: date, stamp: datetime, site: str,
                   link: LinkFor, cache: Path | None = None,
                   say: Strings | None = None, folder: str = "calendar") -> list[CalendarFile]:
    """A calendar for every ritual, and one for every phase that uses rituals, described in the
    guide's language (`say`, English when not given), each in `folder`.

    With a `cache` folder, files of the last build are reused where nothing they show changed.
    """
    reuse = Reuse(cache, _CODE_VERSION, ".ics")
    files = list(_files(guide, start=start, stamp=stamp, site=site, link=link, reuse=reuse,
                        say=say or load("en"), folder=folder))
    reuse.forget_unused()
    return files


def _files(guide: Guide, *, start: date, stamp: datetime, site: str, link: LinkFor,
           reuse: Reuse, say: Strings, folder: str) -> Iterator[CalendarFile]:
    when = f"{start} {stamp} {site}"

    def words(text: str) -> str:
        return plain(text, title=lambda i: guide.get(i).title if i in guide.records else i)

    def shown(ritual: Ritual) -> str:
        """All a file says of a ritual: it is made again when any of it changes."""
        return f"{ritual.model_dump_json()} {_description(ritual, link(ritual.id), words, say)}"

    for ritual in guide.of_kind("ritual"):

        def one(ritual: Ritual = ritual) -> bytes:
            calendar = _calendar(ritual.title)
            calendar.add_component(ritual_event(ritual, start=start, stamp=stamp,
                                                uid=f"{ritual.id}@{site}", link=link(ritual.id),
                                                words=words, say=say))
            return calendar.to_ical()

        yield CalendarFile(calendar_path(ritual.id, folder),
                           reuse.get(f"{when} {shown(ritual)}", one))
    for phase in guide.of_kind("phase"):
        if not phase.rituals:
            continue
        rituals = [guide.get(i) for i in phase.rituals]

        def whole(phase: Phase = phase, rituals: list[Ritual] = rituals) -> bytes:
            return phase_calendar(phase, rituals, start=start, stamp=stamp, site=site,
                                  link=link, words=words, say=say).to_ical()

        inputs = " ".join([when, phase.model_dump_json(), *map(shown, rituals)])
        yield CalendarFile(calendar_path(phase.id, folder), reuse.get(inputs, whole))


def phase_calendar(phase: Phase, rituals: list[Ritual], *, start: date, stamp: datetime,
                   site: str, link: LinkFor, words: Words = plain,
                   say: Strings | None = None) -> Calendar:
    """The rituals of a phase, repeating until the last day of the phase (or their own end, when
    that comes first)."""
    calendar = _calendar(phase.title)
    last_day = datetime.combine(start + timedelta(days=phase.length_days - 1), time(23, 59, 59))
    for ritual in rituals:
        calendar.add_component(ritual_event(
            ritual, start=start, stamp=stamp, until=last_day,
            uid=f"{ritual.id}.{phase.id}@{site}", link=link(ritual.id), words=words, say=say))
    return calendar


def ritual_event(ritual: Ritual, *, start: date, stamp: datetime, uid: str, link: str,
                 until: datetime | None = None, words: Words = plain,
                 say: Strings | None = None) -> Event:
    """One ritual as a repeating event at its suggested local time.

    A ritual done on several days of the week repeats on that many days (BYDAY), spread over
    the week from the start day. A ritual that lasts a set number of weeks stops after its
    last time (COUNT), so its calendar never runs on for ever. RFC 5545 allows COUNT or UNTIL,
    not both: within a phase, whichever ends first is kept.
    """
    hour, minute = map(int, ritual.time.split(":"))
    rule = dict(RULES[ritual.cadence])
    if ritual.times_per_week:
        rule["byday"] = week_days(start, ritual.times_per_week)
    count = times(ritual)
    last = start + timedelta(weeks=ritual.for_weeks or 0, days=-1)
    if count is not None and (until is None or last <= until.date()):
        rule["count"] = count
    elif until is not None:
        rule["until"] = until  # floating, like DTSTART (RFC 5545 3.3.10)
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", _one_line(plain(ritual.title)))
    event.add("dtstart", datetime.combine(start, time(hour, minute)))
    event.add("duration", timedelta(minutes=ritual.duration_minutes))
    event.add("rrule", rule)
    event.add("description", _lines(_description(ritual, link, words, say or load("en"))))
    if urlsplit(link).scheme in ("http", "https"):
        event.add("url", link)
    # The link as data: calendar.js makes it absolute in the browser, whatever the wording
    event.add("x-guide-link", link)
    return event


def week_days(start: date, count: int) -> list[str]:
    """`count` days of the week, spread out evenly, the first on the start's own day: twice a
    week from a Monday is Monday and Thursday. calendar.js moves them with the start date."""
    return [WEEKDAYS[(start.weekday() + 7 * n // count) % 7] for n in range(count)]


def times(ritual: Ritual) -> int | None:
    """How many times a ritual with an end happens in all; None when it goes on."""
    if ritual.for_weeks is None:
        return None
    per_week = 7 if ritual.cadence == "daily" else ritual.times_per_week or 1
    return ritual.for_weeks * per_week


def _calendar(title: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _one_line(plain(title)))
    return calendar


def _one_line(text: str) -> str:
    """A name for a calendar or an event: one line, without control characters."""
    return " ".join(_CONTROL.sub(" ", text).split())


def _lines(text: str) -> str:
    """A description: lines joined by line feeds only, without other control characters."""
    return _CONTROL.sub(" ", re.sub(r"\r\n?", "\n", text))


def _description(ritual: Ritual, link: str, words: Words, say: Strings) -> str:
    steps = "\n".join(f"{n}. {words(step)}" for n, step in enumerate(ritual.steps, 1))
    ends = say.text("ics.ends") if ritual.for_weeks else ""
    often = say.text("ics.how-often", rhythm=rhythm(ritual, say))
    return (f"{words(ritual.purpose)}\n\n{often}{ends}"
            f"\n\n{say.text('ics.how')}\n{steps}\n\n{say.text('ics.local-time')}\n\n"
            f"{say.text('ics.read-again', link=link)}")

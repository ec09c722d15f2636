"""Help lines change their numbers and hours: find those last checked too long ago."""

from __future__ import annotations

from datetime import date

from .errors import Problem
from .loader import Guide
from .strings import Strings


def stale_helplines(guide: Guide, today: date) -> list[Problem]:
    """A notice for each help line whose `checked` date is more than a year before `today`.

    A notice, not an error: the number may well still be right, and a reader needs the page.
    """
    year_ago = _year_before(today)
    return [Problem(record.file, *record.where("checked"),
                    f"last checked on {record.entry.checked.isoformat()}, more than a year ago",
                    entry=record.entry.id, field="checked",
                    hint=f"check it against {record.entry.source} and set 'checked' to that day",
                    code="stale-helpline")
            for record in guide.records.values()
            if record.kind == "helpline" and record.entry.checked < year_ago]


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def long_date(day: date, words: Strings) -> str:
    """A day in words of the page's language ("29 November 2026", "29 de noviembre de 2026"),
    from the strings file, never from the system's locale."""
    return words.text("date.long", day=day.day, month=words.text(f"month.{day.month}"),
                      year=day.year)

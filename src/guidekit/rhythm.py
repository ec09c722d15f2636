"""How often a ritual happens, in the reader's language: "Twice a week, for three weeks".

The words come from the strings file (`rhythm.*`, `number.words`); the page, the calendar note and
the calendar file all say it this way.
"""

from __future__ import annotations

from .models import Ritual
from .strings import Strings


def rhythm(ritual: Ritual, words: Strings) -> str:
    """`ritual`'s cadence (and its times a week, and its end) in plain words."""
    times = ritual.times_per_week or 1
    often = words.text(f"rhythm.{ritual.cadence}",
                       times=_times(times, words) if ritual.cadence == "weekly" else "")
    often = often[:1].upper() + often[1:]  # "Three times a week" starts the sentence
    if ritual.for_weeks is None:
        return often
    return words.text("rhythm.for-weeks", often=often, n=ritual.for_weeks,
                      count=_count(ritual.for_weeks, words))


def _times(count: int, words: Strings) -> str:
    """"Once", "Twice", "Three times": special words for one and two, else the number's."""
    if count <= 2:
        return words.text(f"rhythm.times-{count}")
    return words.text("rhythm.times", count=_count(count, words))


def _count(number: int, words: Strings) -> str:
    """Small numbers in words, as people say them; larger ones in figures."""
    names = words.text("number.words").split()
    return names[number - 1] if 1 <= number <= len(names) else str(number)

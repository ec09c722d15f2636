"""How often a ritual happens is said in the reader's language, from the strings file."""

from __future__ import annotations

import pytest

from guidekit.models import Ritual
from guidekit.rhythm import rhythm
from guidekit.strings import load


def _ritual(**limits: object) -> Ritual:
    return Ritual.model_validate({
        "id": "a-ritual", "title": "A ritual", "duration_minutes": 10, "medium": "any",
        "purpose": "Do it.", "steps": ["Do it."], **limits})


@pytest.mark.parametrize(("limits", "english", "spanish"), [
    ({"cadence": "daily"}, "Every day", "Cada día"),
    ({"cadence": "weekly"}, "Once a week", "Una vez a la semana"),
    ({"cadence": "weekly", "times_per_week": 2}, "Twice a week", "Dos veces a la semana"),
    ({"cadence": "weekly", "times_per_week": 3}, "Three times a week", "Tres veces a la semana"),
    ({"cadence": "monthly"}, "Once a month", "Una vez al mes"),
    ({"cadence": "quarterly"}, "Every three months", "Cada tres meses"),
    ({"cadence": "weekly", "for_weeks": 1}, "Once a week, for one week",
     "Una vez a la semana, durante una semana"),
    ({"cadence": "daily", "for_weeks": 3}, "Every day, for three weeks",
     "Cada día, durante tres semanas"),
    ({"cadence": "daily", "for_weeks": 12}, "Every day, for 12 weeks",
     "Cada día, durante 12 semanas"),
])
def test_a_ritual_s_rhythm_is_said_in_the_page_s_language(limits: dict, english: str,
                                                          spanish: str) -> None:
    ritual = _ritual(**limits)
    assert rhythm(ritual, load("en")) == english
    assert rhythm(ritual, load("es")) == spanish


def test_a_guide_may_reword_the_rhythm() -> None:
    words = load("en", {"rhythm.daily": "Each day"})
    assert rhythm(_ritual(cadence="daily", for_weeks=2), words) == "Each day, for two weeks"

"""The shapes of the guide's data, defined once.

Every YAML file in `data/` is a `DataFile`: a mapping whose top-level keys name collections
(`rituals`, `scripts`, ...). Each entry has a stable `id`. Fields that point at other entries are
annotated with `Ref(kind)`, so references are found and checked generically (see `references.py`).
The same models export the JSON Schema that editors use (`python -m guidekit schema`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

# The first sentence of a constrained field's description is what the loader tells an author
# it expected ("expected a 24-hour time like "08:00", got '8:00'"): plain words, an example.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=60),
    Field(description="Lower-case words joined by hyphens, like weekly-video-date, at most 60 "
          "characters. A stable id."),
]


# --- Text: the one rule for every text field ----------------------------------------------------
# Text from the data lands in HTML, Markdown, front matter, JSON and calendar files, and is escaped
# for each. Some characters cannot be shown safely anywhere, so they are refused: control
# characters (NUL included) and the bidirectional overrides and isolates (U+202A-U+202E,
# U+2066-U+2069) that make text read differently from how it is stored. A one-line field (a title,
# a label) takes no line break either; a longer text may hold line breaks and tabs.
_BIDI = r"\u202a-\u202e\u2066-\u2069"
_LINE_BREAKS = r"\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029"  # all that str.splitlines() splits on
_REFUSED_IN_TEXT = rf"\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_BIDI}"  # tab and \n may stay
_REFUSED_IN_LINE = rf"\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}"


def _refused(found: re.Match[str], one_line: bool) -> PydanticCustomError:
    """Why a character cannot stay: what it is, where, and how to fix it."""
    char, before = found[0], found.string[: found.start()][-24:].lstrip()
    where = f"after '{before}'" if before else "at the start"
    code = f"U+{ord(char):04X}"
    if one_line and re.match(f"[{_LINE_BREAKS}]", char):
        what, hint = "a line break", "join the lines into one"
    elif char in "\u2028\u2029":
        what, hint = f"an invisible line separator ({code})", "use an ordinary line break"
    elif re.match(f"[{_BIDI}]", char):
        what, hint = f"an invisible direction mark ({code})", "delete it: retype the words"
    else:
        what, hint = f"the control character {code}", "delete it"
    expected = "one line of plain text" if one_line else "plain text"
    return PydanticCustomError("text_character", "holds {what} {where}; expected {expected}",
                               {"what": what, "where": where, "expected": expected, "hint": hint})


def _plain_text(value: str) -> str:
    found = re.search(f"[{_REFUSED_IN_TEXT}]", value)
    if found:
        raise _refused(found, one_line=False)
    return value


def _one_line(value: str) -> str:
    found = re.search(f"[{_REFUSED_IN_LINE}]", value)
    if found:
        raise _refused(found, one_line=True)
    return value


# Text: a paragraph or more; Line: one line, for titles and labels.
Text = Annotated[
    str, StringConstraints(min_length=1, strip_whitespace=True), AfterValidator(_plain_text),
    Field(json_schema_extra={"pattern": f"^[^{_REFUSED_IN_TEXT}]*$"}),
]
Line = Annotated[
    str, StringConstraints(min_length=1, strip_whitespace=True), AfterValidator(_one_line),
    Field(json_schema_extra={"pattern": f"^[^{_REFUSED_IN_LINE}]*$"}),
]

# Ids that would take the place of a generated page (tools/index.md, roadmap/index.md, ...)
RESERVED_IDS = frozenset({"index"})


@dataclass(frozen=True)
class Ref:
    """Marks a field as a reference to an entry of `kind` (or of any kind when None)."""

    kind: str | None = None


class Strict(BaseModel):
    """Base for every shape: unknown keys are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Entry(Strict):
    """Anything with a stable id and a title."""

    id: Id
    title: Line

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value in RESERVED_IDS:
            raise PydanticCustomError(
                "reserved_id", "the id '{id}' is kept for the guide's own index pages",
                {"id": value, "hint": "choose another id"})
        return value


# --- Situations group scripts and paths --------------------------------------------------------


class Situation(Entry):
    """A situation a reader may be in; scripts are grouped by it."""

    summary: Text | None = None


# --- Rituals ------------------------------------------------------------------------------------

Cadence = Literal["daily", "weekly", "monthly", "quarterly"]
# One of the guide's own ids, listed in its mkdocs.yml (extra.guide.roles or .mediums)
Choice = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9 -]*$")]
CADENCES: tuple[str, ...] = Cadence.__args__


class Ritual(Entry):
    """A small repeated practice that restores predictability."""

    cadence: Cadence
    duration_minutes: int = Field(
        gt=0, le=24 * 60, examples=[30],
        description="A whole number of minutes from 1 to 1440, like 30. How long it usually takes.",
    )
    medium: Choice | None = Field(
        default=None, examples=["any"],
        description="How it is done: one of the ids under extra.guide.mediums in mkdocs.yml.")
    purpose: Text
    steps: list[Text] = Field(min_length=1)
    time: Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] = Field(
        default="20:00", examples=["08:00"],
        description='A 24-hour time like "08:00". A sensible local time to suggest.',
    )
    scripts: list[Annotated[Id, Ref("script")]] = []
    tip: Text | None = None
    times_per_week: int | None = Field(
        default=None, ge=2, le=7, examples=[2],
        description="A whole number of days from 2 to 7, like 2 for twice a week. Only for a "
        "weekly ritual done on more than one day of the week.",
    )
    for_weeks: int | None = Field(
        default=None, ge=1, le=52, examples=[3],
        description="A whole number of weeks from 1 to 52, like 3. The ritual stops after this "
        "many weeks. Leave it out for a ritual that goes on. Only for a daily or weekly ritual.",
    )

    @model_validator(mode="after")
    def _limits_fit_the_cadence(self) -> Ritual:
        for name, cadences in (("times_per_week", ("weekly",)),
                               ("for_weeks", ("daily", "weekly"))):
            if getattr(self, name) is not None and self.cadence not in cadences:
                raise PydanticCustomError(
                    "limit_needs_cadence", "'{name}' only fits a {cadences} ritual", {
                        "name": name, "cadences": " or ".join(cadences), "at": (name,),
                        "hint": f"use cadence: {cadences[0]}, or leave out '{name}'"})
        return self


# --- Scripts ------------------------------------------------------------------------------------

class InsteadOf(Strict):
    """A gentler way to say something: instead of X, try Y."""

    instead: Text
    try_: Text = Field(alias="try")


class Script(Entry):
    """Words to use in a hard moment."""

    situation: Annotated[Id, Ref("situation")]
    speaker: Choice | None = Field(
        default=None, examples=["anyone"],
        description="Who it is for: one of the ids under extra.guide.roles in mkdocs.yml.")
    when: Text = Field(description="The moment this script is for.")
    lines: list[Text] = Field(min_length=1, description="What to say, one line each.")
    instead_of: list[InsteadOf] = []
    note: Text | None = None


# --- Roadmap ------------------------------------------------------------------------------------


class Phase(Entry):
    """One stage of the roadmap."""

    order: int = Field(ge=1, examples=[1], description="A whole number from 1 up, like 1 for the "
                       "first phase. Each phase has its own.")
    span: Line = Field(description="When it happens, in plain words, e.g. 'Months 1-3'.")
    length_days: int = Field(
        gt=0, le=400, examples=[30],
        description="A whole number of days from 1 to 400, like 30. How long the phase lasts.",
    )
    summary: Text
    goals: list[Text] = Field(min_length=1)
    tasks: list[Text] = Field(min_length=1)
    conversation_starters: list[Text] = []
    rituals: list[Annotated[Id, Ref("ritual")]] = []
    scripts: list[Annotated[Id, Ref("script")]] = []
    milestones: list[Text] = []
    move_on_when: list[Text] = Field(default=[], description="Signs that it is time to move on.")
    fits: list[Annotated[Id, Ref("situation")]] = Field(
        default=[], description="The situations this stage is written for, by id, like "
        "[after-a-move]. Leave it out when it fits every situation. A reading path "
        "may only lead to the stage's page when it fits the path's situation.")


# --- Checklists ---------------------------------------------------------------------------------


class ChecklistItem(Strict):
    id: Id
    text: Line


class Rule(Strict):
    """How to read the ticks: more than `share` of the items ticked means the right direction."""

    share: float = Field(gt=0, lt=1, examples=[0.5],
                         description="A share between 0 and 1, like 0.5 for half.")
    met: Text
    not_met: Text

    def least(self, total: int) -> int:
        """The fewest ticks of `total` items that meet the rule: more than `share` of them.
        The one place this is worked out: the partials write it, and checklist.js reads it."""
        return int(total * self.share) + 1


class Checklist(Entry):
    intro: Text | None = None
    trackable: Literal["monthly", "once"] | None = None
    rule: Rule | None = None
    items: list[ChecklistItem] = Field(min_length=1)


# --- Worksheets ---------------------------------------------------------------------------------


class Prompt(Strict):
    """A question on a sheet, with room to answer: one line is a short field, more a text box."""

    id: Id = Field(description="Stable id: what is written here is kept under it in the browser.")
    text: Text
    lines: int = Field(default=2, ge=1, le=20, examples=[2],
                       description="A whole number of lines from 1 to 20, like 2. Lines left to "
                       "write on.")


class Section(Strict):
    """A block of a printable sheet: prompts to answer, a day grid, or a checklist."""

    id: Id
    title: Line
    intro: Text | None = None
    kind: Literal["prompts", "day-grid", "reflection", "checklist", "signatures"] = Field(
        default="prompts",
        description="prompts: questions with lines; day-grid: a tick box per practice and day; "
        "reflection: the prompts again for each copy (e.g. each week); checklist: a checklist's "
        "items as tick boxes; signatures: short fields in a row, such as names and a date.",
    )
    prompts: list[Prompt] = []
    repeat: int = Field(default=1, ge=1, le=12, examples=[4],
                        description="A whole number of copies from 1 to 12, like 4 for four weeks.")
    copy_label: Line | None = Field(
        default=None, description="Heading of each copy, before its number. Without it, the "
        "word for a week in the guide's language.")
    days: int = Field(default=30, ge=1, le=90, examples=[30],
                      description="A whole number of days from 1 to 90, like 30. Days in a day "
                      "grid.")
    practices: list[Annotated[Id, Ref("ritual")]] = []
    checklist: Annotated[Id, Ref("checklist")] | None = None
    columns: list[Line] | None = Field(
        default=None, min_length=1, max_length=4,
        description="One to four column headings, like [Me, You]. A checklist section's "
        "tick-box columns, e.g. one for each of you. Without it, one column for 'done' in the "
        "guide's language.",
    )

    @model_validator(mode="after")
    def _has_what_its_kind_needs(self) -> Section:
        needs = {"day-grid": "practices", "checklist": "checklist"}.get(self.kind, "prompts")
        if not getattr(self, needs):
            raise PydanticCustomError("section_needs", "a '{kind}' section needs '{name}'", {
                "kind": self.kind, "name": needs, "at": (needs,), "hint": _NEEDS_HINT[needs]})
        _unique("prompt", [prompt.id for prompt in self.prompts], "prompts", "id")
        _unique("practice", self.practices, "practices")
        return self


class Worksheet(Entry):
    """A printable sheet that can also be filled in on screen."""

    intro: Text | None = None
    phase: Annotated[Id, Ref("phase")] | None = None
    max_pages: int = Field(default=1, ge=1, le=4, examples=[1],
                           description="A whole number of pages from 1 to 4, like 1. Printed "
                           "pages on A4 and Letter.")
    sections: list[Section] = Field(min_length=1)

    @model_validator(mode="after")
    def _sections_are_unique(self) -> Worksheet:
        _unique("section", [section.id for section in self.sections], "sections", "id")
        return self


_NEEDS_HINT = {
    "practices": "add 'practices:' with the ids of the rituals to tick each day",
    "checklist": "add 'checklist:' with the id of a checklist",
    "prompts": "add 'prompts:' with at least one question",
}


def _unique(what: str, ids: list[str], *at: str) -> None:
    """Ids on one sheet name where entries are kept, so they must not repeat."""
    for index, value in enumerate(ids):
        if value in ids[:index]:
            raise PydanticCustomError(
                "repeated_id", "the {what} id '{id}' is used twice on this sheet",
                {"what": what, "id": value, "at": (at[0], index, *at[1:]),
                 "hint": "give each one its own id"})


# --- Guide-wide entries ------------------------------------------------------------------------


class Pitfall(Entry):
    why: Text
    instead: Text


class Strategy(Entry):
    summary: Text
    pros: list[Text] = Field(min_length=1)
    cons: list[Text] = Field(min_length=1)
    when: Text


class Faq(Entry):
    """`title` is the question."""

    answer: Text
    related: list[Annotated[Id, Ref()]] = []


class Story(Entry):
    """A short illustrative story of people in a situation (invented, clearly said so)."""

    situation: Annotated[Id, Ref("situation")]
    paragraphs: list[Text] = Field(min_length=1)
    takeaway: Text


class Path(Entry):
    """A guided way through the guide for one situation: pages in order."""

    situation: Annotated[Id, Ref("situation")]
    summary: Text
    steps: list[
        Annotated[str, StringConstraints(pattern=r"^[\w./-]+\.md$"),
                  Field(description="A page in content/ ending in .md, like 'guide/mindset.md'.")]
    ] = Field(min_length=1, description="Pages in content/, in reading order, e.g. safety.md.")
    then: Annotated[str, StringConstraints(pattern=r"^[\w./-]+\.md$")] | None = Field(
        default=None, examples=["tools/monthly-trust-checklist.md"],
        description="A page in content/ ending in .md, like 'tools/monthly-trust-checklist.md'. "
        "Where to go on after the last step. Leave it out to offer the list of paths.")


# --- Help lines ---------------------------------------------------------------------------------

Url = Annotated[str, StringConstraints(pattern=r"^https://[^\s\"'<>]+$")]
PhoneNumber = Annotated[str, StringConstraints(pattern=r"^\+?[0-9][0-9 ()-]{1,22}[0-9]$")]
_NUMBER = ('A number as the service writes it, like "0808 2000 247": digits and spaces, hyphens '
           "or brackets, with a + in front for an international number.")
HelplineFor = Literal["danger-now", "suicide-and-crisis", "domestic-abuse", "women", "men",
                      "lgbtq", "own-behaviour", "directory"]


class Helpline(Entry):
    """A help line, or an emergency number, checked against the service's own page.

    `title` is written `service:`. Every number comes from `source`, checked on `checked`.
    """

    title: Text = Field(alias="service", description="The service's name, as it writes it.")
    country: Text = Field(description="Where it answers, like United Kingdom, or Any country.")
    for_: list[HelplineFor] = Field(alias="for", min_length=1, description=(
        "Who it is for: danger-now (an emergency number), suicide-and-crisis, domestic-abuse, "
        "women, men, lgbtq, own-behaviour (people worried about what they do), directory."))
    summary: Text = Field(description="One plain sentence: who it helps and how.")
    phone: PhoneNumber | None = Field(default=None, description=_NUMBER,
                                      examples=["0808 2000 247"])
    text: PhoneNumber | None = Field(default=None, description=_NUMBER.replace(
        "A number", "A number to send a text message to"), examples=["85258"])
    web: Url | None = Field(default=None, description="A web address starting with https://, "
                            "like https://www.samaritans.org/. The service's home page.",
                            examples=["https://www.samaritans.org/"])
    hours: Text | None = Field(default=None, description="When it answers, like 24 hours, "
                               "every day. Leave it out when the source does not say.")
    source: Annotated[str, StringConstraints(pattern=r"^https?://[^\s\"'<>]+$")] = Field(
        description="A web address starting with https:// or http://: the service's own page "
        "that shows this number, as you read it.", examples=["https://www.samaritans.org/"])
    checked: date = Field(description="A date like 2026-11-29: the day you checked the number "
                          "against the source.", examples=["2026-11-29"])

    @model_validator(mode="after")
    def _has_a_way_to_reach_it(self) -> Helpline:
        if not (self.phone or self.text or self.web):
            raise PydanticCustomError("helpline_unreachable", "a help line needs a way to reach "
                                      "it: 'phone', 'text' or 'web'", {
                                          "hint": "add 'phone:' with the number from the source"})
        return self

    @property
    def tel(self) -> str | None:
        """The `tel:` address of the phone number: its digits, and a leading +."""
        return f"tel:{_dialled(self.phone)}" if self.phone else None

    @property
    def sms(self) -> str | None:
        return f"sms:{_dialled(self.text)}" if self.text else None

    @property
    def web_label(self) -> str | None:
        return _host(self.web) if self.web else None

    @property
    def source_label(self) -> str:
        return _host(self.source)


def _dialled(number: str) -> str:
    return re.sub(r"[^0-9+]", "", number)


def _host(url: str) -> str:
    """A web address as a reader would say it: its host, without www."""
    return (urlsplit(url).hostname or url).removeprefix("www.")


class DataFile(Strict):
    """One YAML file in `data/`: any of these collections."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, json_schema_extra={"title": "Guide data file"}
    )

    situations: list[Situation] = []
    rituals: list[Ritual] = []
    scripts: list[Script] = []
    phases: list[Phase] = []
    checklists: list[Checklist] = []
    worksheets: list[Worksheet] = []
    pitfalls: list[Pitfall] = []
    strategies: list[Strategy] = []
    faqs: list[Faq] = []
    stories: list[Story] = []
    paths: list[Path] = []
    helplines: list[Helpline] = []


# The kind of an entry, named as in directives (`<!-- guide:ritual id -->`), per collection.
KINDS: dict[str, str] = {
    "situations": "situation",
    "rituals": "ritual",
    "scripts": "script",
    "phases": "phase",
    "checklists": "checklist",
    "worksheets": "worksheet",
    "pitfalls": "pitfall",
    "strategies": "strategy",
    "faqs": "faq",
    "stories": "story",
    "paths": "path",
    "helplines": "helpline",
}

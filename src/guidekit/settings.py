"""A guide's settings: `extra.guide` in its mkdocs.yml, checked like the data.

Every key is optional; without them a guide is neutral: scripts name no role, rituals no medium,
and no optional block is shown.

    extra:
      guide:
        roles:                     # who a script is for (a script's `speaker` names one)
          - {id: anyone, label: For anyone}
        mediums:                   # how a ritual is done (a ritual's `medium` names one)
          - {id: any, label: null} # null: nothing shown
        blocks:
          quick_exit: true         # "Leave this site quickly" (needs extra.quick_exit_url)
          compare: false           # "Compare your ticks" under a monthly checklist
          path_safety_note: false  # a safety note on path pages, linking safety.md
        pages:                     # the folder of each family of generated pages
          library: library         # the library's index and its shared pages
          tools: tools             # worksheets and checklists, and their index
          roadmap: roadmap         # each phase, and the roadmap's index
          paths: paths             # each reading path, and the list of paths
          calendar: calendar       # the calendar files (.ics) of rituals and phases
        strings: {}                # the engine's words, changed (see strings/en.yml)

The names of the pages inside the library, of the help page and the anchors of the rituals'
cadences are words of the guide's language: the `url.*` strings (see `pages.Layout`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from .errors import Problem, did_you_mean

if TYPE_CHECKING:
    from .loader import Guide

_ID = r"^[a-z0-9][a-z0-9 -]*$"
# One part of an address: lower-case letters and digits, words joined by single dashes
SEGMENT = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# Folders the theme already uses in every site
TAKEN_FOLDERS = frozenset({"assets", "search"})


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Choice(_Frozen):
    id: str = Field(pattern=_ID)
    label: str | None  # what readers see; None: nothing


class Blocks(_Frozen):
    quick_exit: bool = True  # "Leave this site quickly": then extra.quick_exit_url is required
    compare: bool = False
    path_safety_note: bool = False


class Pages(_Frozen):
    """The folder of each family of generated pages (and of the calendar files); the defaults
    are the engine's first layout."""

    library: str = Field(default="library", pattern=SEGMENT)
    tools: str = Field(default="tools", pattern=SEGMENT)
    roadmap: str = Field(default="roadmap", pattern=SEGMENT)
    paths: str = Field(default="paths", pattern=SEGMENT)
    calendar: str = Field(default="calendar", pattern=SEGMENT)  # the rituals' calendar files

    @model_validator(mode="after")
    def _apart(self) -> Pages:
        seen: dict[str, str] = {}
        for family, folder in self.folders().items():
            if folder in TAKEN_FOLDERS:
                raise ValueError(f"'{family}: {folder}': the site already uses the folder "
                                 f"'{folder}'; choose another name")
            if folder in seen:
                raise ValueError(f"'{seen[folder]}' and '{family}' both go in the folder "
                                 f"'{folder}'; give each its own")
            seen[folder] = family
        return self

    def folders(self) -> dict[str, str]:
        """Each family's folder, by family."""
        return self.model_dump()


class GuideSettings(_Frozen):
    roles: tuple[Choice, ...] = ()
    mediums: tuple[Choice, ...] = ()
    blocks: Blocks = Blocks()
    pages: Pages = Pages()
    strings: dict[str, object] = Field(default_factory=dict)

    @field_validator("roles", "mediums")
    @classmethod
    def _unique(cls, choices: tuple[Choice, ...]) -> tuple[Choice, ...]:
        ids = [c.id for c in choices]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"the id '{repeated[0]}' is there twice")
        return choices

    def role(self, role_id: str) -> str | None:
        """What readers see for a script's role."""
        return next((c.label for c in self.roles if c.id == role_id), None)

    def medium(self, medium_id: str) -> str | None:
        """What readers see for a ritual's medium."""
        return next((c.label for c in self.mediums if c.id == medium_id), None)


def unknown_choices(guide: Guide, settings: GuideSettings) -> list[Problem]:
    """A script's `speaker` or a ritual's `medium` that is not one of the guide's ids."""
    problems = []
    for kind, name, setting, choices in (("script", "speaker", "roles", settings.roles),
                                         ("ritual", "medium", "mediums", settings.mediums)):
        ids = [choice.id for choice in choices]
        for entry in guide.of_kind(kind):
            value = getattr(entry, name)
            if value is None or value in ids:
                continue
            hint = (did_you_mean(value, ids) or f"expected one of {', '.join(ids)}" if ids else
                    f"list it under extra.guide.{setting} in mkdocs.yml, or leave '{name}' out")
            problems.append(Problem(guide.records[entry.id].file,
                                    *guide.records[entry.id].where(name),
                                    f"'{value}' is not one of the guide's {setting}",
                                    entry=entry.id, field=name, hint=hint, code="unknown-choice"))
    return problems


class SettingsError(ValueError):
    """One line per problem, naming the field under extra.guide."""


def read_settings(value: object) -> GuideSettings:
    """`extra.guide` from mkdocs.yml (None when the guide has none)."""
    if value is None:
        return GuideSettings()
    if not isinstance(value, Mapping):
        raise SettingsError("mkdocs.yml: field 'extra.guide': expected settings such as "
                            "'roles:' or 'blocks:'")
    try:
        return GuideSettings.model_validate(dict(value))
    except ValidationError as error:
        raise SettingsError("\n".join(_line(e) for e in error.errors())) from None


def _line(error: Mapping[str, object]) -> str:
    where = "extra.guide"
    for part in error["loc"]:  # type: ignore[union-attr]
        where += f"[{part}]" if isinstance(part, int) else f".{part}"
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        loc = tuple(error["loc"])  # type: ignore[arg-type]
        hint = did_you_mean(loc[-1], _names(loc[:-1])) or "see the authoring page, 'Settings'"
        message = f"not a setting of the engine ({hint})"
    elif error["type"] == "string_pattern_mismatch" and error["loc"][0] == "pages":
        message = (f"{error['input']!r} is not a folder name: use lower-case letters and digits, "
                   "words joined by single dashes, like 'my-tools'")
    elif error["type"] in _EXPECTED:
        message = f"expected {_EXPECTED[error['type']]}"
    elif error["type"] == "string_pattern_mismatch":
        message = "expected an id in lower case: letters, digits, spaces and dashes"
    return f"mkdocs.yml: field '{where}': {message}"


# What a setting should have been, by pydantic's type of error
_EXPECTED = {"model_type": "settings under it, one per line (a mapping)",
             "dict_type": "settings under it, one per line (a mapping)",
             "string_type": "text", "bool_type": "true or false", "bool_parsing": "true or false",
             "tuple_type": "a list (lines starting with '- ')"}


def _names(loc: tuple[object, ...]) -> list[str]:
    """The settings that may be written at `loc` (a path of names under extra.guide)."""
    model: type[BaseModel] = GuideSettings
    for part in loc:
        if not isinstance(part, str):
            continue
        inner = getattr(model.model_fields.get(part), "annotation", None)
        inner = getattr(inner, "__args__", (inner,))[0]  # a tuple of choices: its item
        if not (isinstance(inner, type) and issubclass(inner, BaseModel)):
            return []
        model = inner
    return list(model.model_fields)

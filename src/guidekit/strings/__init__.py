"""Every word the engine shows readers, one file per language (`<language>.yml` next to this
module), chosen by the theme's `language`.

`en.yml` holds every key; another language's file must hold exactly the same keys with the same
{placeholders} (a unit test checks the files in the repository; a build checks the one it uses).
A guide may replace any string under `extra.guide.strings` in its mkdocs.yml.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import yaml
from markupsafe import Markup

from ..errors import did_you_mean

STRINGS_DIR = Path(__file__).parent
BASE = "en"
# A string, or its forms by count: {one: ..., other: ...}
Text = str | Mapping[str, str]


class StringsError(Exception):
    """A language with no file, a key missing, or an override that names no key: one line."""


@dataclass(frozen=True)
class Strings:
    language: str
    table: Mapping[str, Text]

    def text(self, key: str, **values: object) -> str:
        """The string for `key` as plain text, its {placeholders} filled in."""
        return self._pick(key, values).format(**values)

    def t(self, key: str, **values: object) -> Markup:
        """The string for `key` as HTML for a template: the string and every value not already
        Markup are escaped (the string keeps its apostrophes: attributes are double-quoted)."""
        return Markup(_escape(self._pick(key, values))).format(**values)

    def _pick(self, key: str, values: Mapping[str, object]) -> str:
        if key not in self.table:
            raise StringsError(f"{_file(BASE)}: no string '{key}' (the engine asks for it)")
        found = self.table[key]
        if isinstance(found, Mapping):
            return found["one" if values.get("n") == 1 else "other"]
        return found


def load(language: str, overrides: object = None) -> Strings:
    """The strings for `language`, with a guide's `overrides`; raise StringsError on the first
    problem."""
    base = read(BASE)
    table = base if language == BASE else read(language)
    problems = mismatches(base, table)
    if problems:
        raise StringsError(f"{_file(language)}: {problems[0]}")
    table = dict(table)
    if overrides is not None and not isinstance(overrides, Mapping):
        raise StringsError("mkdocs.yml: field 'extra.guide.strings': expected keys and their"
                           " text, such as 'page.story: Stories'")
    for key, value in (overrides or {}).items():
        if key not in base:
            hint = did_you_mean(key, base) or "see src/guidekit/strings/en.yml for every key"
            raise StringsError(f"mkdocs.yml: field 'extra.guide.strings.{key}': no such string"
                               f" ({hint})")
        if not _same_shape(base[key], value):
            raise StringsError(f"mkdocs.yml: field 'extra.guide.strings.{key}': expected text"
                               f" with the placeholders {sorted(_fields(base[key]))}"
                               f" (English: {_english(base[key])!r})")
        table[key] = value
    return Strings(language, MappingProxyType(table))


def read(language: str) -> dict[str, Text]:
    """One language's file as it is."""
    path = STRINGS_DIR / f"{language}.yml"
    if not path.is_file():
        known = sorted(p.stem for p in STRINGS_DIR.glob("*.yml"))
        raise StringsError(f"{_file(language)}: no strings for the theme's language "
                           f"'{language}' (the engine has {', '.join(known)}; add the file, "
                           "or set theme.language to one of these)")
    try:
        table = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        reason = " ".join(str(error).split())
        raise StringsError(f"{_file(language)}: not readable YAML ({reason})") from None
    if not isinstance(table, dict):
        raise StringsError(f"{_file(language)}: expected a mapping of keys to strings")
    return table


def mismatches(base: Mapping[str, Text], other: Mapping[str, Text]) -> list[str]:
    """How `other` differs from `base`: keys missing or extra, placeholders not the same."""
    problems = [f"missing '{key}' (English: {_english(value)!r})"
                for key, value in base.items() if key not in other]
    problems += [f"'{key}' is not a key of en.yml" for key in other if key not in base]
    problems += [f"'{key}': expected the placeholders {sorted(_fields(value))}"
                 for key, value in base.items()
                 if key in other and not _same_shape(value, other[key])]
    return problems


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;"))


def _same_shape(base: Text, other: object) -> bool:
    if isinstance(base, Mapping):
        return (isinstance(other, Mapping) and set(other) == set(base)
                and all(isinstance(v, str) and _fields(v) == _fields(base) for v in other.values()))
    return isinstance(other, str) and _fields(other) == _fields(base)


def _fields(text: Text) -> set[str]:
    """The {placeholders} of a string (of its first form, for one with forms)."""
    if isinstance(text, Mapping):
        text = next(iter(text.values()))
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _english(text: Text) -> str:
    return text if isinstance(text, str) else str(text.get("other", ""))


def _file(language: str) -> str:
    return f"src/guidekit/strings/{language}.yml"

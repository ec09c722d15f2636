"""Every problem the data loader reports, worded for an author, each with a stable `code`.

The program decides on codes (which problem causes which, what to leave out); the sentences are
only for people, so they can be reworded here without changing what the loader does.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel

from .errors import Problem, closest, did_you_mean
from .models import ID_PATTERN
from .schema_info import expected, field_names, literal_values, model_at, pattern, required
from .text import slug

if TYPE_CHECKING:
    from .guide_index import Record
    from .yaml_source import Loc, Source

# Codes the loader itself decides on
MISSING = "missing"
UNKNOWN_FIELD = "unknown-field"


def kind_of(value: object) -> str:
    """What an author wrote, in plain words: 'a list', 'fields (a mapping)', 'a number'."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    return {list: "a list", dict: "fields (a mapping)", str: "text", int: "a number",
            float: "a number"}.get(type(value), "a value of another kind")


def field_path(loc: Loc) -> str:
    """How a problem names a field inside an entry: `sections[2].prompts[0]`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# --- Files that cannot be read as data ----------------------------------------------------------


def cannot_open(name: str, error: OSError) -> Problem:
    return Problem(name, 1, 1, f"cannot open this file ({error.strerror})", code="cannot-open")


def bad_character(name: str, text: str, error: yaml.reader.ReaderError) -> Problem:
    before = text[: error.position]
    line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
    return Problem(name, line, column, f"the character {error.character!r} is not allowed in YAML",
                   hint="delete it, or retype this line", code="bad-character")


def yaml_error(name: str, error: yaml.YAMLError) -> Problem:
    return Problem(name, 1, 1, "YAML syntax error: " + " ".join(str(error).split()),
                   code="yaml-syntax")


def self_alias(name: str, line: int, column: int) -> Problem:
    return Problem(name, line, column, "this part (&name) holds an alias (*name) of itself",
                   hint="write the values out instead of the alias", code="self-alias")


def empty_file(name: str) -> Problem:
    return Problem(name, 1, 1, "the file is empty", code="empty-file",
                   hint="add a collection such as 'rituals:' with a list of entries, or delete it")


def not_collections(name: str, line: int, column: int, data: object) -> Problem:
    return Problem(name, line, column, "expected a mapping of collections (like 'rituals:'), "
                   f"found {kind_of(data)}", code="not-collections")


def repeated_key(name: str, line: int, column: int, key: object) -> Problem:
    return Problem(name, line, column, f"the key '{key}' is written twice in the same entry",
                   field=str(key), hint="keep one of them", code="repeated-key")


# --- Collections and entries --------------------------------------------------------------------


def unknown_collection(name: str, line: int, column: int, key: object, known: list[str]
                       ) -> Problem:
    return Problem(name, line, column, f"unknown collection '{key}'", field=str(key),
                   hint=did_you_mean(key, known) or f"expected one of {', '.join(known)}",
                   code="unknown-collection")


def not_a_list(name: str, line: int, column: int, key: str, items: object) -> Problem:
    return Problem(name, line, column, "expected a list of entries (lines starting with '- '), "
                   f"found {kind_of(items)}", field=key, code="not-a-collection-list")


def repeated_id(name: str, line: int, column: int, entry_id: str, first: Record) -> Problem:
    return Problem(name, line, column, f"the id '{entry_id}' is already used by the "
                   f"{first.kind} at {first.file}:{first.line}", entry=entry_id, field="id",
                   hint="give one of them a new id", code="repeated-id")


def repeated_inner_id(name: str, line: int, column: int, entry_id: str, child_id: str,
                      list_name: str, index: int) -> Problem:
    return Problem(name, line, column,
                   f"the id '{child_id}' is used twice in this {list_name[:-1]} list",
                   entry=entry_id, field=f"{list_name}[{index}].id",
                   hint="ids inside one entry must differ", code="repeated-inner-id")


def repeated_order(record: Record, first_id: str, order: int, free: int) -> Problem:
    return Problem(record.file, *record.where("order"),
                   f"the phase '{first_id}' already has order {order}",
                   entry=record.entry.id, field="order",
                   hint=f"did you mean {free}, the next free number?", code="repeated-order")


def invalid_entry(source: Source, loc: Loc, entry_id: str | None, model: type[BaseModel],
                  details: list[Any]) -> list[Problem]:
    """One problem for each pydantic error of an entry.

    A typo shows once: "unknown field 'purpse' (did you mean 'purpose'?)", and the missing
    'purpose' it causes is not reported again.
    """
    found = [_detail_problem(source, loc, entry_id, model, d) for d in details]
    meant = set()
    for detail in details:
        inner = tuple(detail["loc"])
        if detail["type"] == "extra_forbidden" and inner:
            parent = model_at(model, inner[:-1])
            meant.add(closest(inner[-1], field_names(parent) if parent else []))
    return [p for p in found if not (p.code == MISSING and p.field in meant)]


def _detail_problem(source: Source, loc: Loc, entry_id: str | None, model: type[BaseModel],
             detail: Any) -> Problem:
    """Turn one pydantic error into a sentence for an author."""
    inner: Loc = (*detail["loc"], *detail.get("ctx", {}).get("at", ()))
    line, column = source.where((*loc, *inner))
    kind, given, ctx = detail["type"], detail.get("input"), detail.get("ctx", {})
    message, hint, code = _explain(source, (*loc, *inner), model, inner, kind, given, ctx)
    if kind == "extra_forbidden":
        line, column = source.keys.get((*loc, *inner), (line, column))
    if message is None:  # a rule written in the models: its own words, its own type as code
        message, hint = detail["msg"].removeprefix("Value error, "), ctx.get("hint")
        code = kind.replace("_", "-")
    return Problem(source.name, line, column, message, entry=entry_id,
                   field=field_path(inner) or None, hint=hint,
                   code="bad-id" if inner == ("id",) else code)


def _explain(source: Source, at: Loc, model: type[BaseModel], inner: Loc, kind: str,
             given: Any, ctx: dict[str, Any]) -> tuple[str | None, str | None, str]:
    """(message, hint, code) for each kind of pydantic error; no message for the models' rules."""
    described = expected(model, inner)
    last = inner[-1] if inner else 0  # an entry itself is an item of its collection's list
    if given is None and kind.endswith("_type"):
        item = isinstance(last, int)
        # A number's or a pattern's description says what to write; a plain text's does not.
        said = kind in ("int_type", "float_type") or item or pattern(model, inner)
        shape = (said and described) or _EXPECTED_SHAPE.get(kind, "a value")
        optional = item or not required(model, inner)
        after = "'-'" if item else "colon"
        fix = ("add lines starting with '- ' under it" if kind == "list_type"
               else f"write it after the {after}")
        return (f"is empty: expected {shape}", fix + (", or remove the line" if optional else ""),
                "empty")
    if kind == "missing":
        return "this required field is missing", f"add '{inner[-1]}:' to the entry", MISSING
    if kind == "extra_forbidden":
        parent = model_at(model, inner[:-1])
        choices = list(field_names(parent)) if parent else []
        return f"unknown field '{inner[-1]}'", did_you_mean(inner[-1], choices) or (
            f"expected one of {', '.join(choices)}" if choices else None), UNKNOWN_FIELD
    if kind == "literal_error":
        allowed = literal_values(model, inner)
        if isinstance(given, dict | list):
            return (f"expected one of {', '.join(allowed)}, found {kind_of(given)}", None,
                    "not-a-choice")
        return (f"expected one of {', '.join(allowed)}, got {_shown(given)}",
                did_you_mean(given, allowed), "not-a-choice")
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == ID_PATTERN:
        return (f"{_shown(given)} is not a valid id: use lower-case words joined by hyphens",
                f"for example '{slug(given)}'" if slug(given) else None, "bad-id")
    if kind == "string_too_long":
        what = "the id is" if last == "id" else "is"
        return (f"{what} {len(given)} characters long; at most {ctx['max_length']} fit",
                f"for example '{_shorter(given, ctx['max_length'])}'" if last == "id" else None,
                "too-long")
    if kind == "string_type":
        return (*_not_text(source.plain.get(at), given, pattern(model, inner)), "not-text")
    if kind == "string_too_short":
        optional = isinstance(last, int) or not required(model, inner)
        return "is blank: write some text" + (" or remove it" if optional else ""), None, "blank"
    if kind in ("too_short", "too_long"):
        return (f"has {ctx['actual_length']} item{'s' if ctx['actual_length'] != 1 else ''}; "
                f"expected {'at least' if kind == 'too_short' else 'at most'} "
                f"{ctx.get('min_length', ctx.get('max_length'))}",
                "add lines starting with '- ' under it" if kind == "too_short" else None,
                "item-count")
    if kind in _EXPECTED:
        wanted = described or _EXPECTED[kind]
        return (f"expected {wanted}, got {_shown(given)}", _repair(given, ctx.get("pattern")),
                "bad-value")
    if kind == "model_type":
        names = field_names(model_at(model, inner) or model)[:2]
        return (f"expected fields (a mapping), like '{names[0]}:' and '{names[1]}:' on their own "
                f"lines, found {kind_of(given)}", None, "not-fields")
    if kind.endswith("_type"):
        shape = _EXPECTED_SHAPE.get(kind, "a value of another kind")
        return f"expected {shape}, found {kind_of(given)}", None, "wrong-type"
    return None, None, kind



# What a value should have been, when its field has no description to say so
_EXPECTED = {
    "int_parsing": "a whole number, like 10", "int_from_float": "a whole number, like 10",
    "float_parsing": "a number, like 0.5", "finite_number": "a number, like 0.5",
    "greater_than": "a bigger number", "greater_than_equal": "a bigger number",
    "less_than": "a smaller number", "less_than_equal": "a smaller number",
    "string_pattern_mismatch": "a different form of text",
}
_EXPECTED_SHAPE = {
    "int_type": "a whole number", "float_type": "a number", "bool_type": "true or false",
    "model_type": "fields (a mapping)",
    "model_attributes_type": "fields (a mapping)", "dict_type": "fields (a mapping)",
    "list_type": "a list (lines starting with '- ')", "string_type": "text",
}


def _not_text(written: str | None, given: Any, pattern: str | None) -> tuple[str, str | None]:
    """Text was expected: say how YAML read what the author wrote, and how to keep it text."""
    if isinstance(given, bool | int | float) and written is not None:
        what = "true/false" if isinstance(given, bool) else "a number"
        fixed = _fitting(written, pattern) or written
        return f'YAML reads {written} as {what}: write "{fixed}" in quotes', None
    hint = None
    if isinstance(given, dict) and len(given) == 1:
        hint = "a colon followed by a space starts a field: put the whole text in quotes"
    return f"expected text, found {kind_of(given)}", hint



def _repair(given: Any, pattern: str | None) -> str | None:
    """A likely fix for text that does not have the expected form, as a hint, when one fits."""
    fixed = _fitting(given, pattern)
    if fixed is None:
        return None
    # A time needs double quotes in YAML (`20:30` alone is a number); other text is shown quoted
    quote = '"' if fixed == _time(given) else "'"
    return f"did you mean {quote}{fixed}{quote}?"


def _fitting(given: Any, pattern: str | None) -> str | None:
    """The text that `given` was likely meant to be, when it then matches `pattern`."""
    if pattern is None or not isinstance(given, str):
        return None
    text = given.strip()
    candidates = [_time(given) or "", f"{text}.md", text.lstrip("/"), text.replace(" ", "-")]
    return next((c for c in candidates if c and re.fullmatch(pattern, c)), None)


def _time(given: str) -> str | None:
    """`8.30`, `8h30` or `8:30` as the time `08:30`."""
    time = re.fullmatch(r"(\d{1,2})[:.hH](\d{2})", given.strip())
    return f"{int(time[1]):02}:{time[2]}" if time else None


def _shorter(value: str, limit: int) -> str:
    """The id's first words, as many as fit in `limit` characters."""
    words = slug(value).split("-")
    while len("-".join(words)) > limit and len(words) > 1:
        words.pop()
    return "-".join(words)[:limit]


def _shown(value: object) -> str:
    """A value as an author wrote it, on one line and not too long."""
    text = repr(value) if isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 50 else text[:47] + "..."



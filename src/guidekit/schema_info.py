"""What the models say about a field, found from a path inside an entry: its description,
pattern, allowed values and whether it is required. Problems use it to say what was expected."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from .settings import GuideSettings

Loc = tuple[str | int, ...]
# Fields whose values are a guide's own ids: (the schema's name of the model, field, setting)
_CHOICES = (("Script", "speaker", "roles"), ("Ritual", "medium", "mediums"))


def with_choices(schema: dict[str, Any], settings: GuideSettings) -> dict[str, Any]:
    """The data files' schema for one guide: a script's `speaker` and a ritual's `medium` allow
    only the ids of the guide's roles and mediums (none when it lists none)."""
    for model, name, setting in _CHOICES:
        ids = [choice.id for choice in getattr(settings, setting)]
        field = schema["$defs"][model]["properties"][name]
        field["anyOf"] = [*([{"enum": ids, "type": "string"}] if ids else []), {"type": "null"}]
        field["examples"] = ids[:1]
        if not ids:
            field.pop("examples")
    return schema


def expected(model: type[BaseModel], inner: Loc) -> str | None:
    """The first sentence of the field's description, to say what was expected."""
    names = [p for p in inner if isinstance(p, str)]
    parent = model_at(model, inner[: len(inner) - 1 - _trailing_indexes(inner)])
    info = _fields_by_name(parent).get(names[-1]) if parent is not None and names else None
    if info is None:
        return None
    description = info.description
    if isinstance(inner[-1], int):  # an item of a list: its own description, if it has one
        item = typing.get_args(info.annotation)[:1]
        metadata = typing.get_args(item[0])[1:] if item else ()
        description = next((m.description for m in metadata if getattr(m, "description", None)),
                           None)
    if not description:
        return None
    first = description.split(". ")[0].rstrip(".")
    return first[0].lower() + first[1:]


def _trailing_indexes(loc: Loc) -> int:
    count = 0
    for part in reversed(loc):
        if not isinstance(part, int):
            break
        count += 1
    return count


def pattern(model: type[BaseModel], inner: Loc) -> str | None:
    """The pattern a text field must match, if it has one."""
    parent = model_at(model, inner[:-1])
    info = _fields_by_name(parent).get(inner[-1]) if parent is not None and inner else None
    return next((m.pattern for m in (info.metadata if info else []) if getattr(m, "pattern", None)),
                None)


def required(model: type[BaseModel], inner: Loc) -> bool:
    parent = model_at(model, inner[:-1])
    info = _fields_by_name(parent).get(inner[-1]) if parent is not None and inner else None
    return bool(info and info.is_required())


def _unwrap(annotation: Any) -> list[Any]:
    """The plain types inside Annotated, Optional, unions and lists."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = _fields_by_name(current).get(part)
        if info is None:
            return None
        current = next((t for t in _unwrap(info.annotation)
                        if isinstance(t, type) and issubclass(t, BaseModel)), None)
    return current


def literal_values(model: type[BaseModel], loc: Loc) -> list[str]:
    parent = model_at(model, tuple(p for p in loc[:-1]))
    names = [p for p in loc if isinstance(p, str)]
    if parent is None or not names:
        return []
    info = _fields_by_name(parent).get(names[-1])
    if info is None:
        return []
    values: list[str] = []
    for t in _unwrap(info.annotation):
        if typing.get_origin(t) is typing.Literal:
            values.extend(str(v) for v in typing.get_args(t))
    return values


def _fields_by_name(model: type[BaseModel]) -> dict[str, Any]:
    return {info.alias or name: info for name, info in model.model_fields.items()}


def field_names(model: type[BaseModel]) -> list[str]:
    return list(_fields_by_name(model))

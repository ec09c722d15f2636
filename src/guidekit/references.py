"""Find every reference between entries and pages, check it, and index it both ways."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from .errors import Problem, did_you_mean
from .loader import Guide, Record
from .models import Ref
from .text import LINK


@dataclass(frozen=True)
class Use:
    """`source` (an entry id, or a page's path in the docs folder) refers to `target`."""

    source: str
    target: str
    field: str
    from_page: bool = False


@dataclass
class Index:
    """Who uses whom, by target, in the order they were written."""

    _by_target: dict[str, list[Use]] = field(default_factory=dict)

    def add(self, use: Use) -> None:
        self._by_target.setdefault(use.target, []).append(use)

    def used_by(self, target: str) -> list[Use]:
        return self._by_target.get(target, [])


def entry_references(record: Record) -> Iterator[tuple[str, str, str | None]]:
    """(field path, target id, expected kind or None) for every reference an entry makes."""
    yield from _walk_model(record.entry, "")


def _walk_model(model: BaseModel, prefix: str) -> Iterator[tuple[str, str, str | None]]:
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        path = f"{prefix}.{info.alias or name}" if prefix else (info.alias or name)
        top = next((m for m in info.metadata if isinstance(m, Ref)), None)
        if top is not None and isinstance(value, str):
            yield path, value, top.kind
            continue
        yield from _walk_value(value, info.annotation, path)


def _walk_value(value: Any, annotation: Any, path: str) -> Iterator[tuple[str, str, str | None]]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation, origin = options[0], typing.get_origin(options[0])
    if origin is typing.Annotated:
        inner, *meta = typing.get_args(annotation)
        ref = next((m for m in meta if isinstance(m, Ref)), None)
        if ref is not None and isinstance(value, str):
            yield path, value, ref.kind
            return
        yield from _walk_value(value, inner, path)
    elif isinstance(value, list):
        args = typing.get_args(annotation)
        item_type = args[0] if origin is list and args else Any
        for index, item in enumerate(value):
            yield from _walk_value(item, item_type, f"{path}[{index}]")
    elif isinstance(value, BaseModel):
        yield from _walk_model(value, path)
    elif isinstance(value, str):
        for match in LINK.finditer(value):
            yield path, match["id"], None


def check_reference(guide: Guide, target: str, kind: str | None
                    ) -> tuple[str, str | None] | None:
    """Why a reference is wrong and a hint, or None when it resolves."""
    if not target:
        return "write the entry's id after guide:", None
    if "#" in target:
        return (f"guide: links take an entry id only, without #{target.partition('#')[2]}",
                f"write guide:{target.partition('#')[0]}")
    record = guide.records.get(target)
    if record is None and target in guide.broken:
        return None  # already reported where that entry is written
    if record is None:
        pool = [i for i, r in guide.records.items() if kind is None or r.kind == kind]
        pool += sorted(guide.broken)
        return f"no {kind or 'entry'} has the id '{target}'", did_you_mean(target, pool)
    if kind is not None and record.kind != kind:
        return f"'{target}' is a {record.kind}, not a {kind}", None
    return None


def index_data(guide: Guide) -> tuple[Index, list[Problem]]:
    """Check every reference written in the data and index it."""
    index, problems = Index(), []
    for entry_id, record in guide.records.items():
        for path, target, kind in entry_references(record):
            error = check_reference(guide, target, kind)
            if error:
                problems.append(Problem(record.file, *record.where(path), error[0],
                                        entry=entry_id, field=path, hint=error[1],
                                        code="bad-reference"))
            else:
                index.add(Use(entry_id, target, path))
    return index, problems

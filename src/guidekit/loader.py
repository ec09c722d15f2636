"""Read every YAML file in `data/`, validate each entry, and report every problem at once.

The parts: `yaml_source` reads a file with positions, `wording` words each problem (with its
code), `guide_index` holds the valid entries. This module validates entries and ties them up.
"""

from __future__ import annotations

import itertools
import typing
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from . import wording
from .errors import GuideError, Problem
from .guide_index import Broken, Guide, Record
from .models import KINDS, DataFile, Entry
from .syntax import Unreadable, decode
from .yaml_source import Loc, Source, parse

_COLLECTIONS: dict[str, type[Entry]] = {
    name: typing.get_args(info.annotation)[0] for name, info in DataFile.model_fields.items()
}

__all__ = ["Broken", "Guide", "Record", "data_files", "json_schema", "load_guide", "load_text",
           "read_guide"]


def load_guide(data_dir: Path, *, root: Path | None = None) -> Guide:
    """Load and validate every `*.yml` / `*.yaml` under `data_dir`, or raise `GuideError`."""
    guide, problems = read_guide(data_dir, root=root)
    if problems:
        raise GuideError(problems)
    return guide


def data_files(data_dir: Path) -> list[Path]:
    """The data files: `.yml` and `.yaml` under `data_dir`, whatever their case."""
    return sorted(p for p in data_dir.rglob("*")
                  if p.suffix.lower() in (".yml", ".yaml") and p.is_file())


def read_guide(data_dir: Path, *, root: Path | None = None) -> tuple[Guide, list[Problem]]:
    """The valid entries under `data_dir` and every problem found, without raising.

    `.yml` and `.yaml` are read whatever their case (`Rituals.YML` too).
    """
    problems: list[Problem] = []
    guide = Guide()
    for path in data_files(data_dir):
        name = _display(path, root)
        try:
            source = parse(decode(path.read_bytes(), name), name, problems)
        except Unreadable as error:
            problems.append(error.problem)
            guide.unreadable.append(name)
            continue
        except OSError as error:
            problems.append(wording.cannot_open(name, error))
            guide.unreadable.append(name)
            continue
        if source is not None:
            _collect(source, guide, problems)
    problems.extend(_repeated_orders(guide))
    return guide, problems


def load_text(text: str, name: str) -> Guide:
    """Load one YAML document given as text (used by tests and tools)."""
    problems: list[Problem] = []
    guide = Guide()
    try:
        source = parse(text, name, problems)
    except Unreadable as error:
        raise GuideError([error.problem]) from None
    if source is not None:
        _collect(source, guide, problems)
    problems.extend(_repeated_orders(guide))
    if problems:
        raise GuideError(problems)
    return guide


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a data file, for editors (yaml-language-server)."""
    return TypeAdapter(DataFile).json_schema(by_alias=True)


def _display(path: Path, root: Path | None) -> str:
    try:
        return path.relative_to(root or Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def _collect(source: Source, guide: Guide, problems: list[Problem]) -> None:
    """Validate each entry on its own, so one bad entry never hides the others."""
    for key, items in source.data.items():
        line, column = source.keys.get((key,), (1, 1))
        if key not in _COLLECTIONS:
            problems.append(wording.unknown_collection(source.name, line, column, key,
                                                       list(_COLLECTIONS)))
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(wording.not_a_list(source.name, line, column, str(key), items))
            continue
        model = _COLLECTIONS[key]
        for index, item in enumerate(items):
            _validate(source, key, index, item, model, guide, problems)


def _validate(source: Source, key: str, index: int, item: Any, model: type[Entry],
              guide: Guide, problems: list[Problem]) -> None:
    loc: Loc = (key, index)
    given_id = item.get("id") if isinstance(item, dict) else None
    entry_id = None if given_id is None or isinstance(given_id, dict | list) else str(given_id)
    try:
        entry = model.model_validate(item)
    except ValidationError as error:
        details = error.errors()
        if entry_id:
            guide.broken.add(entry_id)
        # Nobody can tell which references meant an entry whose id is wrong: not reported now.
        guide.broken.id_unknown |= any(tuple(d["loc"]) == ("id",) for d in details)
        problems.extend(wording.invalid_entry(source, loc, entry_id, model, details))
        return
    line, column = source.where(loc)
    if entry.id in guide.records:
        guide.broken.id_unknown = True
        problems.append(wording.repeated_id(source.name, *source.where((*loc, "id")), entry.id,
                                            guide.records[entry.id]))
        return
    problems.extend(_inner_duplicates(source, loc, entry))
    guide.records[entry.id] = Record(KINDS[key], entry, source.name, line, column,
                                     source.fields_of(loc))


def _repeated_orders(guide: Guide) -> list[Problem]:
    """Two phases with the same `order` would leave the roadmap's order to chance."""
    phases = [r for r in guide.records.values() if r.kind == "phase"]
    used = {r.entry.order for r in phases}
    free = next(n for n in itertools.count(1) if n not in used)
    first: dict[int, str] = {}
    found = []
    for record in phases:
        order = record.entry.order
        if order in first:
            found.append(wording.repeated_order(record, first[order], order, free))
        first.setdefault(order, record.entry.id)
    return found


def _inner_duplicates(source: Source, loc: Loc, entry: Entry) -> list[Problem]:
    """Ids inside one entry (checklist items, sheet sections, prompts) must be unique too."""
    found: list[Problem] = []
    for name in ("items", "sections"):
        children = getattr(entry, name, None) or []
        seen: set[str] = set()
        for index, child in enumerate(children):
            if child.id in seen:
                line, column = source.where((*loc, name, index, "id"))
                found.append(wording.repeated_inner_id(source.name, line, column, entry.id,
                                                       child.id, name, index))
            seen.add(child.id)
    return found

"""Read every YAML file in `data/`, validate each entry, and report every problem at once."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from .errors import GuideError, Problem, did_you_mean
from .models import KINDS, DataFile, Entry

Loc = tuple[str | int, ...]
# libyaml's C parser when PyYAML has it (it keeps line marks too), else the pure Python one
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_COLLECTIONS: dict[str, type[Entry]] = {
    name: typing.get_args(info.annotation)[0] for name, info in DataFile.model_fields.items()
}


@dataclass(frozen=True)
class Record:
    """An entry as loaded: the model and where it was written."""

    kind: str
    entry: Entry
    file: str
    line: int
    column: int
    fields: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)

    def where(self, field_path: str) -> tuple[int, int]:
        """Line and column of a field inside this entry (the entry's own when unknown)."""
        return self.fields.get(field_path, (self.line, self.column))


@dataclass
class Guide:
    """All entries of the guide, by id, in the order they were written."""

    records: dict[str, Record] = field(default_factory=dict)
    # Ids of entries that failed to validate: references to them are not reported again.
    broken: set[str] = field(default_factory=set)

    def of_kind(self, kind: str) -> list[Any]:
        return [r.entry for r in self.records.values() if r.kind == kind]

    def get(self, entry_id: str) -> Entry:
        return self.records[entry_id].entry


@dataclass
class _Source:
    """One parsed file: its data and the position of every node, by path."""

    name: str
    data: Any
    positions: dict[Loc, tuple[int, int]]  # where each value starts
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)  # where each key starts
    _by_entry: dict[Loc, dict[str, tuple[int, int]]] | None = field(default=None, repr=False)

    def fields_of(self, loc: Loc) -> dict[str, tuple[int, int]]:
        """Positions inside the entry at `loc` (collection, index), by field path.

        Grouped in one pass over the file, so a long file costs linear time, not quadratic.
        """
        if self._by_entry is None:
            self._by_entry = {}
            for at, position in self.positions.items():
                if len(at) > 2:
                    self._by_entry.setdefault(at[:2], {})[_field_path(at[2:])] = position
        return self._by_entry.get(loc, {})

    def where(self, loc: Loc) -> tuple[int, int]:
        while loc not in self.positions and loc:
            loc = loc[:-1]
        return self.positions.get(loc, (1, 1))


def load_guide(data_dir: Path, *, root: Path | None = None) -> Guide:
    """Load and validate every `*.yml` / `*.yaml` under `data_dir`, or raise `GuideError`."""
    guide, problems = read_guide(data_dir, root=root)
    if problems:
        raise GuideError(problems)
    return guide


def read_guide(data_dir: Path, *, root: Path | None = None) -> tuple[Guide, list[Problem]]:
    """The valid entries under `data_dir` and every problem found, without raising."""
    problems: list[Problem] = []
    guide = Guide()
    files = sorted(p for p in data_dir.rglob("*") if p.suffix in (".yml", ".yaml"))
    for path in files:
        name = _display(path, root)
        source = _parse(path, name, problems)
        if source is not None:
            _collect(source, guide, problems)
    return guide, problems


def load_text(text: str, name: str) -> Guide:
    """Load one YAML document given as text (used by tests and tools)."""
    problems: list[Problem] = []
    guide = Guide()
    source = _parse_text(text, name, problems)
    if source is not None:
        _collect(source, guide, problems)
    if problems:
        raise GuideError(problems)
    return guide


def _display(path: Path, root: Path | None) -> str:
    try:
        return path.relative_to(root or Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


# --- Parsing YAML with positions -----------------------------------------------------------------


def _parse(path: Path, name: str, problems: list[Problem]) -> _Source | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(name, 1, 1, f"cannot read this file as UTF-8 text: {error}"))
        return None
    return _parse_text(text, name, problems)


def _parse_text(text: str, name: str, problems: list[Problem]) -> _Source | None:
    try:
        node, data = _compose_and_construct(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = error.problem or "invalid YAML"
        problems.append(
            Problem(name, line, column, f"YAML syntax error: {reason}",
                    hint="check the indentation and quotes on this line and the one above")
        )
        return None
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        problems.append(Problem(name, line, column,
                                f"the character {error.character!r} is not allowed in YAML",
                                hint="delete it, or retype this line"))
        return None
    except yaml.YAMLError as error:
        problems.append(Problem(name, 1, 1, "YAML syntax error: " + " ".join(str(error).split())))
        return None
    if node is None or data is None:
        problems.append(
            Problem(name, 1, 1, "the file is empty",
                    hint="add a collection such as 'rituals:' with a list of entries, or delete it")
        )
        return None
    if not isinstance(data, dict):
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        problems.append(
            Problem(name, line, column,
                    "expected a mapping of collections (like 'rituals:'), "
                    f"found a {_kind_of(data)}")
        )
        return None
    source = _Source(name, data, {})
    _walk(node, (), source, problems)
    return source


def _compose_and_construct(text: str) -> tuple[yaml.Node | None, Any]:
    """Parse once: the node tree (for positions) and the data built from that same tree."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _walk(node: yaml.Node, loc: Loc, source: _Source, problems: list[Problem]) -> None:
    """Record where each key and value starts; report keys written twice in one mapping."""
    positions = source.positions
    positions.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            at = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in seen:
                problems.append(
                    Problem(source.name, *at, f"the key '{key}' is written twice in the same entry",
                            field=str(key), hint="keep one of them")
                )
            seen.add(key)
            source.keys[(*loc, key)] = at
            _walk(value_node, (*loc, key), source, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), source, problems)


def _kind_of(value: object) -> str:
    return {list: "list", str: "piece of text", int: "number", float: "number",
            bool: "true/false value"}.get(type(value), type(value).__name__)


# --- Validating entries --------------------------------------------------------------------------


def _collect(source: _Source, guide: Guide, problems: list[Problem]) -> None:
    """Validate each entry on its own, so one bad entry never hides the others."""
    for key, items in source.data.items():
        line, column = source.keys.get((key,), (1, 1))
        if key not in _COLLECTIONS:
            problems.append(
                Problem(source.name, line, column, f"unknown collection '{key}'", field=str(key),
                        hint=did_you_mean(key, _COLLECTIONS) or
                        f"expected one of {', '.join(_COLLECTIONS)}")
            )
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(
                Problem(source.name, line, column,
                        f"expected a list of entries (lines starting with '- '), "
                        f"found a {_kind_of(items)}", field=str(key))
            )
            continue
        model = _COLLECTIONS[key]
        for index, item in enumerate(items):
            _validate(source, key, index, item, model, guide, problems)


def _validate(source: _Source, key: str, index: int, item: Any, model: type[Entry],
              guide: Guide, problems: list[Problem]) -> None:
    loc: Loc = (key, index)
    entry_id = item.get("id") if isinstance(item, dict) else None
    entry_id = entry_id if isinstance(entry_id, str) else None
    try:
        entry = model.model_validate(item)
    except ValidationError as error:
        if entry_id:
            guide.broken.add(entry_id)
        found = [_problem(source, loc, entry_id, model, d) for d in error.errors()]
        # A typo shows once: "unknown field 'purpse' (did you mean 'purpose'?)", and the
        # missing 'purpose' it causes is not reported again.
        typos = {p.hint for p in found if p.hint and p.hint.startswith("did you mean")}
        problems.extend(p for p in found if not (p.message.startswith("this required") and
                                                   f"did you mean '{p.field}'?" in typos))
        return
    line, column = source.where(loc)
    kind = KINDS[key]
    if entry.id in guide.records:
        first = guide.records[entry.id]
        id_line, id_column = source.where((*loc, "id"))
        problems.append(
            Problem(source.name, id_line, id_column,
                    f"the id '{entry.id}' is already used by the {first.kind} at "
                    f"{first.file}:{first.line}", entry=entry.id, field="id",
                    hint="give one of them a new id")
        )
        return
    problems.extend(_inner_duplicates(source, loc, entry))
    guide.records[entry.id] = Record(kind, entry, source.name, line, column,
                                     source.fields_of(loc))


def _inner_duplicates(source: _Source, loc: Loc, entry: Entry) -> list[Problem]:
    """Ids inside one entry (checklist items, sheet sections, prompts) must be unique too."""
    found: list[Problem] = []
    for name in ("items", "sections"):
        children = getattr(entry, name, None) or []
        seen: set[str] = set()
        for index, child in enumerate(children):
            if child.id in seen:
                line, column = source.where((*loc, name, index, "id"))
                found.append(Problem(source.name, line, column,
                                     f"the id '{child.id}' is used twice in this {name[:-1]} list",
                                     entry=entry.id, field=f"{name}[{index}].id",
                                     hint="ids inside one entry must differ"))
            seen.add(child.id)
    return found


def _problem(source: _Source, loc: Loc, entry_id: str | None, model: type[BaseModel],
             detail: Any) -> Problem:
    """Turn one pydantic error into a sentence for an author."""
    inner: Loc = tuple(detail["loc"])
    line, column = source.where((*loc, *inner))
    field_name = _field_path(inner)
    kind, given = detail["type"], detail.get("input")
    hint = None
    if kind == "missing":
        message = "this required field is missing"
        hint = f"add '{inner[-1]}:' to the entry"
    elif kind == "extra_forbidden":
        line, column = source.keys.get((*loc, *inner), (line, column))
        parent = _model_at(model, inner[:-1])
        choices = list(_field_names(parent)) if parent else []
        message = f"unknown field '{inner[-1]}'"
        hint = did_you_mean(inner[-1], choices) or (
            f"expected one of {', '.join(choices)}" if choices else None)
    elif kind == "literal_error":
        allowed = _literal_values(model, inner)
        message = f"expected one of {', '.join(allowed)}, got {_shown(given)}"
        hint = did_you_mean(given, allowed)
    elif kind == "string_pattern_mismatch" and inner and inner[-1] == "id":
        message = f"{_shown(given)} is not a valid id: use lower-case words joined by hyphens"
        hint = f"for example '{_slug(given)}'" if _slug(given) else None
    elif kind == "string_type":
        message = f"expected text, found a {_kind_of(given)}"
        hint = "put the value in quotes" if given is not None else "write the text after the colon"
    elif kind == "model_type":
        message = f"expected a mapping of fields, found a {_kind_of(given)}"
    elif kind == "list_type":
        message = f"expected a list (lines starting with '- '), found a {_kind_of(given)}"
    else:
        message = f"{detail['msg'][0].lower()}{detail['msg'][1:]}"
        if given is not None and not isinstance(given, dict | list):
            message += f", got {_shown(given)}"
    return Problem(source.name, line, column, message, entry=entry_id, field=field_name or None,
                   hint=hint)


def _shown(value: object) -> str:
    """A value as an author wrote it, on one line and not too long."""
    text = repr(value) if isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 50 else text[:47] + "..."


def _field_path(loc: Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _slug(value: object) -> str:
    import re

    return "-".join(re.findall(r"[a-z0-9]+", str(value).lower()))


def _unwrap(annotation: Any) -> list[Any]:
    """The plain types inside Annotated, Optional, unions and lists."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
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


def _literal_values(model: type[BaseModel], loc: Loc) -> list[str]:
    parent = _model_at(model, tuple(p for p in loc[:-1]))
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


def _field_names(model: type[BaseModel]) -> list[str]:
    return list(_fields_by_name(model))


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a data file, for editors (yaml-language-server)."""
    return TypeAdapter(DataFile).json_schema(by_alias=True)

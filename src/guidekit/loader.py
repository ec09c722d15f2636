"""Read every YAML file in `data/`, validate each entry, and report every problem at once."""

from __future__ import annotations

import itertools
import re
import types
import typing
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from .errors import GuideError, Problem, did_you_mean
from .models import ID_PATTERN, KINDS, DataFile, Entry
from .syntax import Unreadable, check_aliases, decode, explain

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


class Broken(set[str]):
    """Ids of entries that failed to validate: references to them are not reported again.

    `'visit-day-check-in' in broken` also holds for the id written `Visit day check in`. When an
    entry's id itself is wrong (missing, a number, used twice), nobody can tell which references
    meant it, so every id is `in` it: those references show again once the id is fixed.
    """

    id_unknown: bool = False

    def __contains__(self, target: object) -> bool:
        return (self.id_unknown or super().__contains__(target)
                or any(_slug(target) == _slug(i) for i in self))

    def __bool__(self) -> bool:
        return self.id_unknown or len(self) > 0


@dataclass
class Guide:
    """All entries of the guide, by id, in the order they were written."""

    records: dict[str, Record] = field(default_factory=dict)
    # Ids of entries that failed to validate: references to them are not reported again.
    broken: Broken = field(default_factory=Broken)
    # Files that could not be read at all: every reference into them would fail too.
    unreadable: list[str] = field(default_factory=list)

    # Entries by kind, and by kind and a field's value: every page asks, so they are made once
    # (and again whenever records were added since)
    _kinds: dict[str, list[Any]] = field(default_factory=dict, init=False, repr=False,
                                         compare=False)
    _groups: dict[tuple[str, str], dict[Any, list[Any]]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _indexed: int = field(default=-1, init=False, repr=False, compare=False)

    def of_kind(self, kind: str) -> list[Any]:
        if self._indexed != len(self.records):
            self._kinds, self._groups = {}, {}
            for record in self.records.values():
                self._kinds.setdefault(record.kind, []).append(record.entry)
            self._indexed = len(self.records)
        return list(self._kinds.get(kind, ()))

    def where(self, kind: str, field_name: str, value: object) -> list[Any]:
        """The entries of `kind` whose `field_name` is `value`, in the order written."""
        entries = self.of_kind(kind)
        groups = self._groups.get((kind, field_name))
        if groups is None:
            groups = self._groups[(kind, field_name)] = {}
            for entry in entries:
                found = getattr(entry, field_name, None)
                if isinstance(found, Hashable):
                    groups.setdefault(found, []).append(entry)
        return list(groups.get(value, ())) if isinstance(value, Hashable) else []

    def get(self, entry_id: str) -> Entry:
        return self.records[entry_id].entry


@dataclass
class _Source:
    """One parsed file: its data and the position of every node, by path."""

    name: str
    data: Any
    positions: dict[Loc, tuple[int, int]]  # where each value starts
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)  # where each key starts
    plain: dict[Loc, str] = field(default_factory=dict)  # unquoted values, as written
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
            source = _parse(decode(path.read_bytes(), name), name, problems)
        except Unreadable as error:
            problems.append(error.problem)
            guide.unreadable.append(name)
            continue
        except OSError as error:
            problems.append(Problem(name, 1, 1, f"cannot open this file ({error.strerror})"))
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
        source = _parse(text, name, problems)
    except Unreadable as error:
        raise GuideError([error.problem]) from None
    if source is not None:
        _collect(source, guide, problems)
    problems.extend(_repeated_orders(guide))
    if problems:
        raise GuideError(problems)
    return guide


def _display(path: Path, root: Path | None) -> str:
    try:
        return path.relative_to(root or Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


# --- Parsing YAML with positions -----------------------------------------------------------------


def _parse(text: str, name: str, problems: list[Problem]) -> _Source | None:
    """The file's data with positions; `Unreadable` when it is not YAML at all."""
    try:
        node, data = _compose_and_construct(text, name)
    except yaml.MarkedYAMLError as error:
        raise Unreadable(explain(error, text, name)) from None
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        raise Unreadable(Problem(name, line, column,
                                 f"the character {error.character!r} is not allowed in YAML",
                                 hint="delete it, or retype this line")) from None
    except yaml.YAMLError as error:
        raise Unreadable(Problem(name, 1, 1, "YAML syntax error: " + " ".join(str(error).split()))
                         ) from None
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
                    f"found {_kind_of(data)}", code="not-collections")
        )
        return None
    source = _Source(name, data, {})
    _walk(node, (), source, problems)
    return source


def _compose_and_construct(text: str, name: str) -> tuple[yaml.Node | None, Any]:
    """Parse once: the node tree (for positions) and the data built from that same tree."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            check_aliases(node, name)
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _walk(node: yaml.Node, loc: Loc, source: _Source, problems: list[Problem],
          inside: frozenset[int] = frozenset()) -> None:
    """Record where each key and value starts; report keys written twice in one mapping.

    `inside` holds the nodes above this one: an alias inside its own anchor (`&a [*a]`) would
    never end, so the file cannot be read.
    """
    if id(node) in inside:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        raise Unreadable(Problem(source.name, line, column,
                                 "this part (&name) holds an alias (*name) of itself",
                                 hint="write the values out instead of the alias"))
    inside |= {id(node)}
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
            _walk(value_node, (*loc, key), source, problems, inside)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), source, problems, inside)
    elif isinstance(node, yaml.ScalarNode) and not node.style:
        source.plain[loc] = node.value  # as written: `20:30` before YAML makes it a number


def _kind_of(value: object) -> str:
    """What an author wrote, in plain words: 'a list', 'fields (a mapping)', 'a number'."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    return {list: "a list", dict: "fields (a mapping)", str: "text", int: "a number",
            float: "a number"}.get(type(value), "a value of another kind")


# --- Validating entries --------------------------------------------------------------------------


def _collect(source: _Source, guide: Guide, problems: list[Problem]) -> None:
    """Validate each entry on its own, so one bad entry never hides the others."""
    for key, items in source.data.items():
        line, column = source.keys.get((key,), (1, 1))
        if key not in _COLLECTIONS:
            problems.append(
                Problem(source.name, line, column, f"unknown collection '{key}'", field=str(key),
                        hint=did_you_mean(key, _COLLECTIONS) or
                        f"expected one of {', '.join(_COLLECTIONS)}", code="unknown-collection")
            )
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(
                Problem(source.name, line, column,
                        f"expected a list of entries (lines starting with '- '), "
                        f"found {_kind_of(items)}", field=str(key),
                        code="not-a-collection-list")
            )
            continue
        model = _COLLECTIONS[key]
        for index, item in enumerate(items):
            _validate(source, key, index, item, model, guide, problems)


def _validate(source: _Source, key: str, index: int, item: Any, model: type[Entry],
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
        found = [_problem(source, loc, entry_id, model, d) for d in details]
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
        guide.broken.id_unknown = True
        problems.append(
            Problem(source.name, id_line, id_column,
                    f"the id '{entry.id}' is already used by the {first.kind} at "
                    f"{first.file}:{first.line}", entry=entry.id, field="id",
                    hint="give one of them a new id", code="repeated-id")
        )
        return
    problems.extend(_inner_duplicates(source, loc, entry))
    guide.records[entry.id] = Record(kind, entry, source.name, line, column,
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
            found.append(Problem(record.file, *record.where("order"),
                                 f"the phase '{first[order]}' already has order {order}",
                                 entry=record.entry.id, field="order",
                                 hint=f"did you mean {free}, the next free number?"))
        first.setdefault(order, record.entry.id)
    return found


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
    inner: Loc = (*detail["loc"], *detail.get("ctx", {}).get("at", ()))
    line, column = source.where((*loc, *inner))
    kind, given, ctx = detail["type"], detail.get("input"), detail.get("ctx", {})
    message, hint = _explain(source, (*loc, *inner), model, inner, kind, given, ctx)
    if kind == "extra_forbidden":
        line, column = source.keys.get((*loc, *inner), (line, column))
    if message is None:  # a rule written in the models: its own words
        message, hint = detail["msg"].removeprefix("Value error, "), ctx.get("hint")
    return Problem(source.name, line, column, message, entry=entry_id,
                   field=_field_path(inner) or None, hint=hint,
                   code="bad-id" if inner == ("id",) else None)


def _explain(source: _Source, at: Loc, model: type[BaseModel], inner: Loc, kind: str,
             given: Any, ctx: dict[str, Any]) -> tuple[str | None, str | None]:
    """(message, hint) for each kind of pydantic error; (None, None) for the models' own rules."""
    expected = _expected(model, inner)
    last = inner[-1] if inner else 0  # an entry itself is an item of its collection's list
    if given is None and kind.endswith("_type"):
        item = isinstance(last, int)
        # A number's or a pattern's description says what to write; a plain text's does not.
        said = kind in ("int_type", "float_type") or item or _pattern(model, inner)
        shape = (said and expected) or _EXPECTED_SHAPE.get(kind, "a value")
        optional = item or not _required(model, inner)
        after = "'-'" if item else "colon"
        fix = ("add lines starting with '- ' under it" if kind == "list_type"
               else f"write it after the {after}")
        return f"is empty: expected {shape}", fix + (", or remove the line" if optional else "")
    if kind == "missing":
        return "this required field is missing", f"add '{inner[-1]}:' to the entry"
    if kind == "extra_forbidden":
        parent = _model_at(model, inner[:-1])
        choices = list(_field_names(parent)) if parent else []
        return f"unknown field '{inner[-1]}'", did_you_mean(inner[-1], choices) or (
            f"expected one of {', '.join(choices)}" if choices else None)
    if kind == "literal_error":
        allowed = _literal_values(model, inner)
        if isinstance(given, dict | list):
            return f"expected one of {', '.join(allowed)}, found {_kind_of(given)}", None
        return (f"expected one of {', '.join(allowed)}, got {_shown(given)}",
                did_you_mean(given, allowed))
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == ID_PATTERN:
        return (f"{_shown(given)} is not a valid id: use lower-case words joined by hyphens",
                f"for example '{_slug(given)}'" if _slug(given) else None)
    if kind == "string_too_long":
        what = "the id is" if last == "id" else "is"
        return (f"{what} {len(given)} characters long; at most {ctx['max_length']} fit",
                f"for example '{_shorter(given, ctx['max_length'])}'" if last == "id" else None)
    if kind == "string_type":
        return _not_text(source.plain.get(at), given, _pattern(model, inner))
    if kind == "string_too_short":
        optional = isinstance(last, int) or not _required(model, inner)
        return "is blank: write some text" + (" or remove it" if optional else ""), None
    if kind in ("too_short", "too_long"):
        return (f"has {ctx['actual_length']} item{'s' if ctx['actual_length'] != 1 else ''}; "
                f"expected {'at least' if kind == 'too_short' else 'at most'} "
                f"{ctx.get('min_length', ctx.get('max_length'))}",
                "add lines starting with '- ' under it" if kind == "too_short" else None)
    if kind in _EXPECTED:
        wanted = expected or _EXPECTED[kind]
        return f"expected {wanted}, got {_shown(given)}", _repair(given, ctx.get("pattern"))
    if kind == "model_type":
        names = _field_names(_model_at(model, inner) or model)[:2]
        return (f"expected fields (a mapping), like '{names[0]}:' and '{names[1]}:' on their own "
                f"lines, found {_kind_of(given)}", None)
    if kind.endswith("_type"):
        shape = _EXPECTED_SHAPE.get(kind, "a value of another kind")
        return f"expected {shape}, found {_kind_of(given)}", None
    return None, None


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
        fixed = (_repair(written, pattern) or "").removeprefix("did you mean ").removesuffix("?")
        return f'YAML reads {written} as {what}: write "{fixed[1:-1] or written}" in quotes', None
    hint = None
    if isinstance(given, dict) and len(given) == 1:
        hint = "a colon followed by a space starts a field: put the whole text in quotes"
    return f"expected text, found {_kind_of(given)}", hint


def _expected(model: type[BaseModel], inner: Loc) -> str | None:
    """The first sentence of the field's description, to say what was expected."""
    names = [p for p in inner if isinstance(p, str)]
    parent = _model_at(model, inner[: len(inner) - 1 - _trailing_indexes(inner)])
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


def _pattern(model: type[BaseModel], inner: Loc) -> str | None:
    """The pattern a text field must match, if it has one."""
    parent = _model_at(model, inner[:-1])
    info = _fields_by_name(parent).get(inner[-1]) if parent is not None and inner else None
    return next((m.pattern for m in (info.metadata if info else []) if getattr(m, "pattern", None)),
                None)


def _required(model: type[BaseModel], inner: Loc) -> bool:
    parent = _model_at(model, inner[:-1])
    info = _fields_by_name(parent).get(inner[-1]) if parent is not None and inner else None
    return bool(info and info.is_required())


def _repair(given: Any, pattern: str | None) -> str | None:
    """A likely fix for text that does not have the expected form, when one fits."""
    if pattern is None or not isinstance(given, str):
        return None
    text = given.strip()
    time = re.fullmatch(r"(\d{1,2})[:.hH](\d{2})", text)
    candidates = [f'"{int(time[1]):02}:{time[2]}"' if time else "", f"'{text}.md'",
                  f"'{text.lstrip('/')}'", f"'{text.replace(' ', '-')}'"]
    for candidate in candidates:
        if candidate and re.fullmatch(pattern, candidate[1:-1]):
            return f"did you mean {candidate}?"
    return None


def _shorter(value: str, limit: int) -> str:
    """The id's first words, as many as fit in `limit` characters."""
    words = _slug(value).split("-")
    while len("-".join(words)) > limit and len(words) > 1:
        words.pop()
    return "-".join(words)[:limit]


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

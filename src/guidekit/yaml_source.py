"""Reading one YAML file with positions: its data, and where each key and value was written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from . import wording
from .errors import Problem
from .syntax import Unreadable, check_aliases, explain

Loc = tuple[str | int, ...]
# libyaml's C parser when PyYAML has it (it keeps line marks too), else the pure Python one
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Source:
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
                    self._by_entry.setdefault(at[:2], {})[wording.field_path(at[2:])] = position
        return self._by_entry.get(loc, {})

    def where(self, loc: Loc) -> tuple[int, int]:
        while loc not in self.positions and loc:
            loc = loc[:-1]
        return self.positions.get(loc, (1, 1))


def parse(text: str, name: str, problems: list[Problem]) -> Source | None:
    """The file's data with positions; `Unreadable` when it is not YAML at all."""
    try:
        node, data = _compose_and_construct(text, name)
    except yaml.MarkedYAMLError as error:
        raise Unreadable(explain(error, text, name)) from None
    except yaml.reader.ReaderError as error:
        raise Unreadable(wording.bad_character(name, text, error)) from None
    except yaml.YAMLError as error:
        raise Unreadable(wording.yaml_error(name, error)) from None
    if node is None or data is None:
        problems.append(wording.empty_file(name))
        return None
    if not isinstance(data, dict):
        problems.append(wording.not_collections(name, node.start_mark.line + 1,
                                                node.start_mark.column + 1, data))
        return None
    source = Source(name, data, {})
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


def _walk(node: yaml.Node, loc: Loc, source: Source, problems: list[Problem],
          inside: frozenset[int] = frozenset()) -> None:
    """Record where each key and value starts; report keys written twice in one mapping.

    `inside` holds the nodes above this one: an alias inside its own anchor (`&a [*a]`) would
    never end, so the file cannot be read.
    """
    if id(node) in inside:
        raise Unreadable(wording.self_alias(source.name, node.start_mark.line + 1,
                                            node.start_mark.column + 1))
    inside |= {id(node)}
    positions = source.positions
    positions.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            at = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in seen:
                problems.append(wording.repeated_key(source.name, *at, key))
            seen.add(key)
            source.keys[(*loc, key)] = at
            _walk(value_node, (*loc, key), source, problems, inside)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), source, problems, inside)
    elif isinstance(node, yaml.ScalarNode) and not node.style:
        source.plain[loc] = node.value  # as written: `20:30` before YAML makes it a number

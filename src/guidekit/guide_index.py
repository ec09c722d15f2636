"""The guide index: every valid entry by id, by kind and by a field's value, and the ids of
entries that failed (so references to them are not reported twice)."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from .models import Entry
from .text import slug


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
                or any(slug(target) == slug(i) for i in self))

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

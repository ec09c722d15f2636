"""Author errors: one line per problem, naming file, line, entry and field."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable
from dataclasses import dataclass

# Problems that cause others, by code, listed first (lowest rank first): a collection's name
# that is not known hides its entries, and a wrong id hides an entry, from every reference to it.
CAUSES: dict[str, int] = {
    "unknown-collection": 0,
    "not-a-collection-list": 0,
    "not-collections": 0,
    "bad-id": 1,
    "repeated-id": 1,
}
_EFFECT = len(set(CAUSES.values()))  # the rank of every other problem


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the guide's sources, phrased for an author.

    `code` names the kind of mistake for the program (the sentence is for the author); it ranks
    a root cause before the problems it causes (see `CAUSES`).
    """

    file: str
    line: int
    column: int
    message: str
    entry: str | None = None
    field: str | None = None
    hint: str | None = None
    code: str | None = dataclasses.field(default=None, compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        what = ", ".join(
            part
            for part in (
                f"entry '{self.entry}'" if self.entry else "",
                f"field '{self.field}'" if self.field else "",
            )
            if part
        )
        hint = f" ({self.hint})" if self.hint else ""
        line = f"{where}: {what + ': ' if what else ''}{self.message}{hint}"
        # One problem, one line, whatever characters the author's file holds.
        return "".join(c if c.isprintable() else repr(c)[1:-1] for c in line)


class GuideError(Exception):
    """Raised with every problem found in one run; `str()` is one line per problem."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems), key=_order)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"The guide has {count} problem{'s' if count != 1 else ''} to fix:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


def _order(problem: Problem) -> tuple[object, ...]:
    """Root causes first; then by file, line and column; a problem without an entry or field
    sorts before one with."""
    rank = CAUSES.get(problem.code or "", _EFFECT)
    return (rank, *("" if value is None else value for value in (
        problem.file, problem.line, problem.column, problem.message, problem.entry,
        problem.field, problem.hint)))


def closest(value: object, choices: Iterable[str]) -> str | None:
    """The choice a mistyped value most likely meant, or None when nothing is close."""
    matches = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(value: object, choices: Iterable[str]) -> str | None:
    """A 'did you mean …?' hint for a mistyped value, or None when nothing is close."""
    match = closest(value, choices)
    return f"did you mean '{match}'?" if match else None

"""Property-based: whatever YAML an author writes, the loader returns a guide or an author report.

Nothing else may escape: no KeyError, no TypeError, no traceback for an author's mistake.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidekit.errors import GuideError
from guidekit.loader import Guide, load_text
from guidekit.models import DataFile

ROOT = Path(__file__).resolve().parents[2]
REAL_FILES = sorted((ROOT / "data").glob("*.yml"))
FIELDS = sorted(set(DataFile.model_fields) | {
    "id", "title", "cadence", "duration_minutes", "medium", "purpose", "steps", "time", "items",
    "text", "rule", "share", "sections", "prompts", "kind", "situation", "speaker", "lines",
    "instead_of", "instead", "try", "rituals", "scripts", "order", "span", "length_days"})
# How many examples: the profile tests/conftest.py picks (300 in CI, fewer on a laptop)
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10, 10**6), st.floats(allow_nan=True),
                    st.text(max_size=30), st.sampled_from(["weekly", "fortnightly", "20:00",
                                                           "a-b", "Bad Id", "", "guide:x"]))
keys = st.one_of(st.sampled_from(FIELDS), st.text(max_size=12))
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=6)), max_leaves=40)


def _check(text: str, examples: list[int]) -> bool:
    """Load `text`; True when it got as far as the entries (a guide, or an entry's fault)."""
    examples[0] += 1
    try:
        result = load_text(text, "data/fuzz.yml")
    except GuideError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file == "data/fuzz.yml" and problem.line >= 1 and problem.column >= 1
            assert str(problem).startswith(f"data/fuzz.yml:{problem.line}:{problem.column}: ")
            assert "\n" not in str(problem)
        return any(problem.entry for problem in error.problems)
    assert isinstance(result, Guide)
    return True


def test_random_documents(record_property) -> None:
    examples = [0]

    @SETTINGS
    @given(documents)
    def run(document: object) -> None:
        _check(yaml.safe_dump(document, allow_unicode=True), examples)

    run()
    record_property("fuzz_examples", f"random documents: {examples[0]}")
    assert examples[0] >= 100


def test_random_text(record_property) -> None:
    examples = [0]

    @SETTINGS
    @given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
    def run(text: str) -> None:
        _check(text, examples)

    run()
    record_property("fuzz_examples", f"random text: {examples[0]}")
    assert examples[0] >= 100


def _mutate(text: str, seed: int, count: int) -> str:
    chooser = random.Random(seed)
    lines = text.splitlines()
    for _ in range(count):
        if not lines:
            break
        at = chooser.randrange(len(lines))
        action = chooser.randrange(7)
        if action == 0:
            del lines[at]
        elif action == 1:
            lines.insert(at, lines[chooser.randrange(len(lines))])
        elif action == 2:
            lines[at] = " " * chooser.randrange(6) + lines[at].lstrip()
        elif action == 3:
            spot = chooser.randrange(len(lines[at]) + 1)
            noise = chooser.choice(":-[]{}#&*!|>'\"%@`\t ")
            lines[at] = lines[at][:spot] + noise + lines[at][spot:]
        elif action == 4 and ":" in lines[at]:
            key, _, _ = lines[at].partition(":")
            lines[at] = key + ": " + chooser.choice(["", "[]", "{}", "12", "fortnightly", "~",
                                                     "'quoted'", "- item", "true"])
        elif action == 5:
            lines[at] = lines[at][::-1]
        else:
            lines[at], lines[-1] = lines[-1], lines[at]
    return "\n".join(lines)


def test_mutations_of_the_real_data(record_property) -> None:
    examples = [0]
    sources = [path.read_text(encoding="utf-8") for path in REAL_FILES]

    @SETTINGS
    @given(st.sampled_from(range(len(sources))), st.integers(0, 2**32), st.integers(1, 6))
    def run(which: int, seed: int, count: int) -> None:
        _check(_mutate(sources[which], seed, count), examples)

    run()
    record_property("fuzz_examples", f"mutated data files: {examples[0]}")
    assert examples[0] >= 100


# What an editor might put in place of any value, or of a whole entry or list.
ODD_VALUES = [None, "", " ", 0, -1, 12, 1.5, 10**9, True, "fortnightly", "Bad Id", "x" * 200,
              "25:00", "8:00", "<script>alert(1)</script>", "[a](guide:nowhere)", "[](guide:)",
              [], [None], ["a"], [{}], {}, {"id": "x"}, {"unknown": 1}]


def _places(node: object, path: tuple = ()) -> list[tuple]:
    """The path of every value inside a loaded document, the document's own lists included."""
    found = [path] if path else []
    items = node.items() if isinstance(node, dict) else enumerate(node) \
        if isinstance(node, list) else []
    for key, value in items:
        found += _places(value, (*path, key))
    return found


def _replace(document: object, path: tuple, value: object) -> None:
    *parents, last = path
    for key in parents:
        document = document[key]
    document[last] = value


def test_odd_values_in_the_real_data(record_property) -> None:
    """Values swapped inside the entries of the guide in data/ (this one, or any other): every
    check of every field gets bad input. Whole entries and collections are swapped too; only the
    examples that changed values inside entries must nearly all reach the entries' own checks
    (a small guide has few entries, so more of its places are whole entries)."""
    examples, inside, deep = [0], [0], [0]
    sources = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in REAL_FILES]

    @SETTINGS
    @given(st.sampled_from(range(len(sources))), st.integers(0, 2**32), st.integers(1, 4))
    def run(which: int, seed: int, count: int) -> None:
        chooser = random.Random(seed)
        document = yaml.safe_load(yaml.safe_dump(sources[which]))  # a fresh copy
        within = True  # every swap inside an entry: collection, entry, then a field at least
        for _ in range(count):
            places = _places(document)
            if places:
                odd = copy.deepcopy(chooser.choice(ODD_VALUES))  # never one list in two places
                place = chooser.choice(places)
                within = within and len(place) >= 3
                _replace(document, place, odd)
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
        reached = _check(text, examples)
        if within:
            inside[0] += 1
            deep[0] += reached

    run()
    record_property("fuzz_examples", f"odd values in real entries: {examples[0]}")
    assert examples[0] >= 100 and inside[0] >= examples[0] // 4
    assert deep[0] >= inside[0] * 0.8  # nearly all reach the entries' own checks

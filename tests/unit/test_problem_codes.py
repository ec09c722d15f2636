"""Problems carry a stable code: the program decides on codes (which problem comes first, which
one a typo hides), never on the sentence an author reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidekit.errors import CAUSES, GuideError, Problem
from guidekit.loader import load_text
from guidekit.site import check_site
from tests.support.project import ROOT

PHASE = """\
phases:
  - id: first-stage
    title: First stage
    order: 1
    span: Weeks 1 to 4
    length_days: 28
    summary: A start.
    goals: [Begin.]
    tasks: [Begin.]
"""


def _problems(text: str) -> list[Problem]:
    with pytest.raises(GuideError) as error:
        load_text(text, "data/guide.yml")
    return error.value.problems


def test_a_cause_comes_first_by_its_code_not_its_words() -> None:
    effect = Problem("a.yml", 1, 1, "unknown collection 'x'")  # a cause's words, no code
    cause = Problem("z.yml", 9, 9, "zzz", code="unknown-collection")
    wrong_id = Problem("b.yml", 5, 1, "aaa", code="bad-id")
    assert GuideError([effect, wrong_id, cause]).problems == [cause, wrong_id, effect]


def test_every_cause_code_ranks_before_any_other_problem() -> None:
    others = Problem("a.yml", 1, 1, "a", code="missing")
    for code in CAUSES:
        first = Problem("z.yml", 99, 1, "z", code=code)
        assert GuideError([others, first]).problems[0] is first


@pytest.mark.parametrize(("text", "code"), [
    ("", "empty-file"),
    ("- a\n- b\n", "not-collections"),
    ("phase:\n  - id: x\n", "unknown-collection"),
    ("phases: text\n", "not-a-collection-list"),
    (PHASE.replace("first-stage", "First Stage"), "bad-id"),
    (PHASE + PHASE.replace("    title: First stage\n", "    title: Again\n").replace(
        "phases:\n", ""), "repeated-id"),
    (PHASE.replace("    order: 1\n", "    order: 1\n    order: 2\n"), "repeated-key"),
    (PHASE.replace("    length_days: 28\n", ""), "missing"),
    (PHASE.replace("    order: 1\n", "    order: soon\n"), "bad-value"),
    (PHASE.replace("    goals: [Begin.]\n", "    goals: Begin.\n"), "wrong-type"),
    ("phases:\n\t- id: x\n", "tab-indent"),
    ("phases:\n  - id: 'x\n", "open-quote"),
])
def test_each_kind_of_mistake_has_its_code(text: str, code: str) -> None:
    assert code in [p.code for p in _problems(text)]


def test_every_problem_the_loader_reports_has_a_code() -> None:
    broken = PHASE.replace("    order: 1\n", "    order: soon\n    colour: red\n").replace(
        "    span: Weeks 1 to 4\n", "").replace("goals: [Begin.]", "goals: []")
    problems = _problems(broken + "stages:\n  - id: y\n")
    assert len(problems) >= 4
    assert all(p.code for p in problems), [str(p) for p in problems if not p.code]


def test_a_mistyped_field_hides_the_missing_field_it_stands_for() -> None:
    [problem] = _problems(PHASE.replace("    summary:", "    summry:"))
    assert problem.code == "unknown-field"
    assert "did you mean 'summary'?" in str(problem)


def test_a_missing_field_without_a_typo_is_still_reported() -> None:
    problems = _problems(PHASE.replace("    summary: A start.\n", "    colour: red\n"))
    assert sorted(p.code or "" for p in problems) == ["missing", "unknown-field"]
    assert {p.field for p in problems} == {"summary", "colour"}


def test_every_problem_of_a_page_has_a_code(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "guide.yml").write_text(PHASE)
    page = ("# Page\n\n<!-- guide:phase first-stag -->\n<!-- guide:phaze first-stage -->\n"
            "<!-- guide:table nothing -->\n[x](guide:)\n")
    site, problems = check_site(tmp_path / "data", [ROOT / "overrides"], {"p.md": page},
                                root=tmp_path)
    assert site is None
    assert sorted(p.code or "" for p in problems) == [
        "bad-reference", "bad-reference", "no-table", "unknown-kind"]

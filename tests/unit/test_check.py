"""`guidekit check` on small fixture guides: the nav is checked against the pages, and a root
cause (an unknown collection, a wrong id) is listed before the problems it causes."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidekit.__main__ import main

CONFIG = """\
site_name: Fixture
docs_dir: content
theme:
  name: material
  language: en
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
extra:
  token: !ENV [FIXTURE_TOKEN, none]
  guide:
    mediums:
      - id: in person
        label: In person
nav:
  - Home: index.md
  - Practices:
      - library/rituals.md
      - Elsewhere: https://example.org/
{more}"""
RITUALS = """\
{collection}:
  - id: evening-walk
    title: Evening walk
    cadence: daily
    duration_minutes: 20
    medium: in person
    purpose: A calm end to the day.
    steps: [Walk.]
"""
PHASE = """\
phases:
  - id: {id}
    title: First weeks
    order: 1
    span: Weeks 1 to 4
    length_days: 28
    summary: Small steps.
    goals: [Rest.]
    tasks: [Walk.]
    rituals: [evening-walk]
"""


def _project(root: Path, *, more: str = "", collection: str = "rituals",
             phase_id: str | None = None) -> Path:
    (root / "content").mkdir()
    (root / "data").mkdir()
    (root / "mkdocs.yml").write_text(CONFIG.format(more=more), encoding="utf-8")
    (root / "content" / "index.md").write_text(
        "# Home\n\n<!-- guide:ritual evening-walk -->\n", encoding="utf-8")
    (root / "data" / "rituals.yml").write_text(RITUALS.format(collection=collection),
                                               encoding="utf-8")
    if phase_id:
        (root / "data" / "a-roadmap.yml").write_text(PHASE.format(id=phase_id), encoding="utf-8")
    return root


def _check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    code = main(["check", "--root", str(root)])
    out = capsys.readouterr()
    return code, [line.strip() for line in out.err.splitlines()[1:]], out.out


def test_a_guide_in_order_passes_with_material_tags_in_its_config(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, problems, said = _check(_project(tmp_path), capsys)
    assert (code, problems) == (0, [])
    assert "in order" in said


def test_a_nav_entry_naming_a_missing_page_is_one_line_with_a_suggestion(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, problems, _ = _check(_project(tmp_path, more="  - library/ritual.md\n"), capsys)
    assert code == 1
    assert problems == ["mkdocs.yml:21:5: field 'nav': no page 'library/ritual.md' in content/ "
                        "or made from the data (did you mean 'library/rituals.md'?)"]


def test_a_written_page_left_out_of_the_nav_is_named_when_the_build_would_fail(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, more="validation:\n  omitted_files: warn\nstrict: true\n")
    (root / "content" / "extra.md").write_text("# Extra\n", encoding="utf-8")
    code, problems, _ = _check(root, capsys)
    assert code == 1
    assert problems == ["content/extra.md:1:1: the page is not in the nav of mkdocs.yml "
                        "(add it under 'nav:', or delete the page)"]
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("strict: true", "strict: false"))
    assert _check(root, capsys)[0] == 0  # then MkDocs only mentions it


def test_pages_made_from_the_data_count_as_pages_of_the_nav(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, more="  - roadmap/first-weeks.md\n  - roadmap/index.md\n",
                    phase_id="first-weeks")
    code, problems, _ = _check(root, capsys)
    assert (code, problems) == (0, [])


def test_an_unknown_collection_comes_before_the_problems_it_causes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, collection="ritual", phase_id="first-weeks")
    code, problems, _ = _check(root, capsys)
    assert code == 1
    assert problems[0].startswith("data/rituals.yml:1:1: field 'ritual': unknown collection")
    assert "did you mean 'rituals'?" in problems[0]
    # What it caused, in files that sort before data/rituals.yml, comes after it
    effects = problems[1:]
    assert any(p.startswith("content/index.md:3:") and "evening-walk" in p for p in effects)
    assert any(p.startswith("data/a-roadmap.yml:") and "evening-walk" in p for p in effects)
    assert any(p.startswith("mkdocs.yml:") and "library/rituals.md" in p for p in effects)


def test_a_wrong_id_comes_first_and_the_nav_entry_for_its_page_is_not_reported_again(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, more="  - roadmap/first-weeks.md\n", phase_id="First weeks")
    (root / "content" / "a.md").write_text("# A\n\n<!-- guide:ritul evening-walk -->\n",
                                           encoding="utf-8")
    code, problems, _ = _check(root, capsys)
    assert code == 1
    assert problems[0].startswith("data/a-roadmap.yml:2:")
    assert "'First weeks' is not a valid id" in problems[0]
    assert problems[1].startswith("content/a.md:3:")  # a file that sorts first, listed after
    assert len(problems) == 2
    assert not any("roadmap/first-weeks.md" in p for p in problems)


def test_an_unreadable_config_is_one_line(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    (root / "mkdocs.yml").write_text("site_name: Fixture\nnav:\n  - Home: index.md\n   - x\n",
                                     encoding="utf-8")
    code, problems, _ = _check(root, capsys)
    assert code == 1
    assert len(problems) == 1
    assert problems[0].startswith("mkdocs.yml:4:")

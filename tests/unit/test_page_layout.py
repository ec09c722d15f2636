"""Where generated pages go: a folder per family from `extra.guide.pages`, and the names of
shared pages and cadence anchors from the guide's language; each setting checked in one line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from guidekit.helplines import long_date
from guidekit.loader import json_schema, load_guide
from guidekit.new import guide_schema
from guidekit.pages import GeneratedPage, Layout, generated_pages, home, page_collisions
from guidekit.paths import next_steps
from guidekit.schema_info import with_choices
from guidekit.settings import GuideSettings, Pages, SettingsError, read_settings
from guidekit.strings import load
from tests.support.project import ROOT

DATA = """\
situations:
  - id: tired
    title: Tired
rituals:
  - id: wind-down
    title: Wind down
    cadence: daily
    duration_minutes: 10
    purpose: Slow down.
    steps: [Dim the lights.]
  - id: look-back
    title: Look back
    cadence: weekly
    duration_minutes: 10
    purpose: See the week.
    steps: [Write one line.]
phases:
  - id: week-one
    title: Week one
    order: 1
    span: Week 1
    length_days: 7
    summary: A start.
    goals: [Begin.]
    tasks: [Begin.]
faqs:
  - id: why
    title: Why?
    answer: Because.
paths:
  - id: first-way
    title: First way
    situation: tired
    summary: One.
    steps: [start.md]
helplines:
  - id: any-directory
    service: A directory
    country: Any country
    for: [directory]
    summary: A list of lines.
    web: https://example.org/
    source: https://example.org/
    checked: 2026-11-29
"""
SPANISH = Pages(library="biblioteca", tools="herramientas", roadmap="plan", paths="caminos")


@pytest.fixture
def guide(tmp_path: Path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "guide.yml").write_text(DATA, encoding="utf-8")
    return load_guide(tmp_path / "data", root=tmp_path)


def _settings_error(value: object) -> str:
    with pytest.raises(SettingsError) as error:
        read_settings(value)
    return str(error.value)


def test_without_the_setting_pages_go_where_they_always_did(guide) -> None:
    made = {page.src_uri: page.markdown for page in generated_pages(guide)}
    assert set(made) == {
        "library/rituals.md", "library/questions.md", "help-now.md", "paths/index.md",
        "roadmap/index.md", "roadmap/week-one.md", "paths/first-way.md", "library/index.md"}
    assert "## Daily {#daily}" in made["library/rituals.md"]
    assert "## Weekly {#weekly}" in made["library/rituals.md"]
    assert home(guide, "why") == ("library/questions.md", "why")


def test_a_spanish_guide_puts_its_pages_in_its_own_folders_with_its_own_names(guide) -> None:
    words = load("es")
    layout = Layout.of(SPANISH, words)
    made = {page.src_uri: page.markdown for page in generated_pages(guide, words, layout)}
    assert set(made) == {
        "biblioteca/rituales.md", "biblioteca/preguntas.md", "ayuda-ahora.md",
        "caminos/index.md", "plan/index.md", "plan/week-one.md", "caminos/first-way.md",
        "biblioteca/index.md"}
    assert "## Cada día {#cada-dia}" in made["biblioteca/rituales.md"]
    assert "## Cada semana {#cada-semana}" in made["biblioteca/rituales.md"]
    # The library's index links each shared page from its own folder
    assert "](rituales.md)" in made["biblioteca/index.md"]
    assert "](../ayuda-ahora.md)" in made["biblioteca/index.md"]
    assert home(guide, "wind-down", layout) == ("biblioteca/rituales.md", "wind-down")
    # After a path's last step, the list of every path, in its own folder
    [step] = next_steps(guide, "start.md", layout)
    assert step.target == "caminos/index.md" and step.finished


def test_the_engine_s_languages_give_names_fit_for_an_address() -> None:
    for language in ("en", "es"):
        layout = Layout.of(Pages(), load(language))
        assert layout.shared("ritual").endswith(".md")


@pytest.mark.parametrize(("pages", "says"), [
    ({"libary": "x"}, "field 'extra.guide.pages.libary': not a setting of the engine "
                      "(did you mean 'library'?)"),
    ({"library": "Mi biblioteca"}, "field 'extra.guide.pages.library': 'Mi biblioteca' is not a "
                                   "folder name"),
    ({"library": "días"}, "field 'extra.guide.pages.library': 'días' is not a folder name"),
    ({"library": "a/b"}, "field 'extra.guide.pages.library': 'a/b' is not a folder name"),
    ({"library": "../up"}, "field 'extra.guide.pages.library': '../up' is not a folder name"),
    ({"tools": "plan", "roadmap": "plan"}, "field 'extra.guide.pages': 'tools' and 'roadmap' "
                                           "both go in the folder 'plan'"),
    ({"paths": "library"}, "field 'extra.guide.pages': 'library' and 'paths' both go in the "
                           "folder 'library'"),
    ({"tools": "assets"}, "the site already uses the folder 'assets'"),
    ({"calendar": "tools"}, "'tools' and 'calendar' both go in the folder 'tools'"),
    ({"tools": 3}, "field 'extra.guide.pages.tools': expected text"),
])
def test_a_bad_pages_setting_is_one_line_naming_it(pages: object, says: str) -> None:
    line = _settings_error({"pages": pages})
    assert "\n" not in line and line.startswith("mkdocs.yml: field 'extra.guide.pages")
    assert says in line


def test_pages_must_be_settings_and_a_mistyped_name_is_guessed() -> None:
    assert _settings_error({"pages": "biblioteca"}) == (
        "mkdocs.yml: field 'extra.guide.pages': expected settings under it, one per line "
        "(a mapping)")
    assert "(did you mean 'pages'?)" in _settings_error({"page": {"library": "x"}})


@pytest.mark.parametrize(("strings", "says"), [
    ({"url.ritual": "Mis rituales"}, "field 'extra.guide.strings.url.ritual': 'Mis rituales' "
                                     "is not a name for an address"),
    ({"url.weekly": "daily"}, "field 'extra.guide.strings.url.weekly': 'daily' is also the name "
                              "of 'url.daily'"),
    ({"url.faq": "rituals"}, "field 'extra.guide.strings.url.faq': 'rituals' is also the name "
                             "of 'url.ritual'"),
    ({"url.helpline": "tools"}, "field 'extra.guide.strings.url.helpline': 'tools' is also a "
                                "folder"),
])
def test_a_name_in_the_strings_that_cannot_be_an_address_is_one_line(strings: dict, says: str
                                                                       ) -> None:
    with pytest.raises(SettingsError) as error:
        Layout.of(Pages(), load("en", strings))
    assert "\n" not in str(error.value) and says in str(error.value)


def test_two_pages_in_one_place_have_a_problem_code(guide) -> None:
    made = [GeneratedPage("roadmap/index.md", "", title="The roadmap"),
            GeneratedPage("roadmap/index.md", "", entry="week-one")]
    [problem] = page_collisions(guide, made)
    assert problem.code == "page-collision"
    assert "its page roadmap/index.md would also be the page of the generated page" in str(problem)


def test_a_checked_date_is_in_the_page_s_language_whatever_the_system_s() -> None:
    day = date(2026, 11, 29)
    assert long_date(day, load("en")) == "29 November 2026"
    assert long_date(day, load("es")) == "29 de noviembre de 2026"
    assert long_date(date(2027, 5, 1), load("es")) == "1 de mayo de 2027"


def test_the_schema_of_a_guide_lists_its_own_roles_and_mediums() -> None:
    settings = GuideSettings.model_validate({
        "roles": [{"id": "anyone", "label": "For anyone"}],
        "mediums": [{"id": "walk", "label": "On a walk"}, {"id": "any", "label": None}]})
    schema = with_choices(json_schema(), settings)
    speaker = schema["$defs"]["Script"]["properties"]["speaker"]["anyOf"]
    medium = schema["$defs"]["Ritual"]["properties"]["medium"]["anyOf"]
    assert {"enum": ["anyone"], "type": "string"} in speaker
    assert {"enum": ["walk", "any"], "type": "string"} in medium
    # A guide with no roles: a script names none
    neutral = with_choices(json_schema(), GuideSettings())
    assert neutral["$defs"]["Script"]["properties"]["speaker"]["anyOf"] == [{"type": "null"}]


def test_the_schema_for_the_spanish_example_comes_from_its_mkdocs_yml() -> None:
    schema = guide_schema(ROOT / "examples" / "sueno")
    medium = schema["$defs"]["Ritual"]["properties"]["medium"]["anyOf"]
    assert medium[0] == {"enum": ["any"], "type": "string"}

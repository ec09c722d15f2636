"""The engine's words per language and a guide's settings: every file complete, errors one line
each."""

import pytest

from guidekit import strings
from guidekit.loader import load_guide
from guidekit.settings import SettingsError, read_settings, unknown_choices
from guidekit.strings import STRINGS_DIR, StringsError

LANGUAGES = sorted(p.stem for p in STRINGS_DIR.glob("*.yml"))


def test_english_and_spanish_are_there():
    assert {"en", "es"} <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_exactly_the_english_keys_and_placeholders(language):
    assert strings.mismatches(strings.read("en"), strings.read(language)) == []


def test_a_language_without_a_file_is_one_line():
    with pytest.raises(StringsError) as error:
        strings.load("xx")
    assert str(error.value).startswith("src/guidekit/strings/xx.yml: no strings for")
    assert "\n" not in str(error.value)


def test_a_missing_key_names_the_file_key_and_english(tmp_path, monkeypatch):
    monkeypatch.setattr(strings, "STRINGS_DIR", tmp_path)
    english = (STRINGS_DIR / "en.yml").read_text(encoding="utf-8")
    (tmp_path / "en.yml").write_text(english, encoding="utf-8")
    (tmp_path / "fr.yml").write_text(english.replace("checklist.none: Nothing ticked yet.\n", ""),
                                     encoding="utf-8")
    with pytest.raises(StringsError, match=r"^src/guidekit/strings/fr.yml: missing "
                                           r"'checklist.none' \(English: 'Nothing ticked yet.'\)$"):
        strings.load("fr")


def test_a_guide_overrides_a_string_and_is_told_of_a_mistyped_key():
    assert strings.load("en", {"page.story": "Stories of two couples"}).text(
        "page.story") == "Stories of two couples"
    with pytest.raises(StringsError, match=r"did you mean 'page\.story'"):
        strings.load("en", {"page.stroy": "Stories"})
    with pytest.raises(StringsError, match=r"placeholders \['month'\]"):
        strings.load("en", {"checklist.now": "This month"})


def test_templates_get_escaped_html_and_plurals():
    words = strings.load("en")
    assert words.t("checklist.count", n="<b>", total=2) == "&lt;b&gt; of 2 ticked."
    assert words.text("entry.minutes", n=1) == "1 minute"
    assert words.text("entry.minutes", n=5) == "5 minutes"


# --- Settings: extra.guide in mkdocs.yml -------------------------------------------------------


def test_settings_default_to_a_neutral_guide():
    settings = read_settings(None)
    assert settings.roles == () and settings.mediums == ()
    assert settings.blocks.quick_exit and not settings.blocks.compare
    assert not settings.blocks.path_safety_note


@pytest.mark.parametrize(("value", "line"), [
    ({"blocks": {"compar": True}},
     "mkdocs.yml: field 'extra.guide.blocks.compar': not a setting of the engine"),
    ({"roles": [{"id": "Anyone", "label": "For anyone"}]},
     "mkdocs.yml: field 'extra.guide.roles[0].id': expected an id in lower case"),
    ({"mediums": [{"id": "any", "label": None}, {"id": "any", "label": "x"}]},
     "mkdocs.yml: field 'extra.guide.mediums': the id 'any' is there twice"),
    ("roles", "mkdocs.yml: field 'extra.guide': expected settings"),
])
def test_a_wrong_setting_is_one_line_naming_its_field(value, line):
    with pytest.raises(SettingsError) as error:
        read_settings(value)
    assert str(error.value).startswith(line)
    assert "\n" not in str(error.value)


def test_a_speaker_or_medium_must_be_one_of_the_guides_ids(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "rituals.yml").write_text(
        "rituals:\n  - id: walk\n    title: A walk\n    cadence: daily\n"
        "    duration_minutes: 10\n    medium: on foot\n    purpose: Air.\n    steps: [Go.]\n",
        encoding="utf-8")
    guide = load_guide(tmp_path / "data", root=tmp_path)
    settings = read_settings({"mediums": [{"id": "on feet", "label": "On foot"}]})
    [problem] = unknown_choices(guide, settings)
    assert str(problem) == ("data/rituals.yml:6:13: entry 'walk', field 'medium': 'on foot' is "
                            "not one of the guide's mediums (did you mean 'on feet'?)")
    [problem] = unknown_choices(guide, read_settings(None))
    assert problem.hint == "list it under extra.guide.mediums in mkdocs.yml, or leave 'medium' out"

"""The engine's words per language: every file complete, errors one line each."""

import pytest

from guidekit import strings
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

"""`python -m guidekit new DIR` writes a small guide, outside the engine's folder, that builds
strictly with the engine's hooks, templates and assets and holds none of them itself."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.project import Build, build, built_starter


def _guidekit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "guidekit", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def starter() -> tuple[Path, Build]:
    """The starter that `guidekit new my-home-guide` writes, built strictly (once per process:
    other tests share the build)."""
    built = built_starter()
    return built.site.parent, built


def test_the_starter_is_checked_and_built_strictly(starter: tuple[Path, Build]) -> None:
    folder, built = starter
    checked = _guidekit("check", cwd=folder)
    assert checked.returncode == 0, checked.stderr
    home = built.html("")
    assert '<h1 id="my-home-guide">My home guide<' in home  # named after its folder
    # One entry of each kind reaches its page
    assert 'id="sunday-house-talk"' in built.html("library/rituals/")
    assert "Asking for a hand, without blame" in built.html("library/scripts/")
    for page in ("roadmap/first-four-weeks/", "tools/four-week-sheet/",
                 "tools/monthly-home-check/", "paths/settling-in/", "library/pitfalls/",
                 "library/strategies/", "library/questions/", "library/stories/"):
        assert page in built.pages(), f"{page} was not made"
    assert (built.site / "calendar" / "sunday-house-talk.ics").is_file()


def test_pages_made_from_the_data_join_the_nav_sections_of_their_folders(
        starter: tuple[Path, Build]) -> None:
    _, built = starter
    links = re.findall(r'<a href="([^"]*)" class="md-nav__link', built.html(""))
    assert links.index("roadmap/") < links.index("roadmap/first-four-weeks/")
    assert links.index("tools/") < links.index("tools/four-week-sheet/")
    assert "library/stories/" in links


def test_entries_embed_and_link_and_paths_lead_on(starter: tuple[Path, Build]) -> None:
    _, built = starter
    page = built.html("before-you-start/")
    assert re.search(r'<h3 id="sunday-house-talk"[^>]*>'
                     r'<a href="../library/rituals/#sunday-house-talk">Sunday house talk', page)
    assert 'href="../library/scripts/#asking-for-a-hand"' in page
    assert 'href="../tools/four-week-sheet/">Four-week sheet</a>' in page
    steps = re.search(r'<nav[^>]*aria-label="Next step".*?</nav>', page, re.S)
    assert steps and 'href="../roadmap/first-four-weeks/"' in steps[0]


def test_the_engine_gives_the_theme_its_templates_and_assets(starter: tuple[Path, Build]) -> None:
    folder, built = starter
    assert not (folder / "overrides").exists() and not (folder / "hooks").exists()
    page = built.html("tools/four-week-sheet/")
    assert 'class="guide-quick-exit"' in page  # the engine's main.html
    assert "guide-worksheet" in page  # the engine's partials
    for asset in ("guide.css", "store.js", "worksheet.js"):  # what a sheet needs
        assert f"assets/guide/{asset}" in page
        assert (built.site / "assets" / "guide" / asset).is_file()


def test_new_never_writes_into_a_folder_that_holds_files(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("mine", encoding="utf-8")
    made = _guidekit("new", str(tmp_path), cwd=tmp_path)
    assert made.returncode == 1
    assert made.stderr.strip().count("\n") == 0 and "not an empty folder" in made.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]


@pytest.fixture(scope="module")
def customised(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A starter whose author overrides one template, adds a style sheet, turns the quick exit
    off and renames a generated page: one build for the tests below."""
    folder = tmp_path_factory.mktemp("customised") / "guide"
    assert _guidekit("new", str(folder), cwd=folder.parent).returncode == 0
    own = folder / "overrides" / "partials" / "guide" / "pitfall.html"
    own.parent.mkdir(parents=True)
    own.write_text('<p class="my-pitfall">{{ entry.title }}</p>\n', encoding="utf-8")
    (folder / "content" / "extra.css").write_text(".my-pitfall { color: teal; }\n")
    config = folder / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  quick_exit_url: https://www.bbc.co.uk/weather\n" in text
    config.write_text(text.replace("  # custom_dir: overrides", "  custom_dir: overrides")
                      .replace("  quick_exit_url: https://www.bbc.co.uk/weather\n", "")
                      .replace("  guide:\n", "  guide:\n    blocks: {quick_exit: false}\n"
                               "    strings: {page.ritual: Little habits}\n", 1)
                      + "extra_css:\n  - extra.css\n", encoding="utf-8")
    built = build(folder, strict=True)
    assert built.returncode == 0, built.output
    return built


def test_a_guide_overrides_one_template_and_adds_its_own_style(customised: Build) -> None:
    pitfalls = customised.html("library/pitfalls/")
    assert '<p class="my-pitfall">Keeping score</p>' in pitfalls  # the guide's own partial
    assert 'class="guide-entry guide-ritual"' in customised.html("library/rituals/")  # engine's
    styles = re.findall(r'<link rel="stylesheet" href="\.\./\.\./([^"]+)"', pitfalls)
    assert styles.index("assets/guide/guide.css") < styles.index("extra.css")


def test_a_guide_may_turn_the_quick_exit_off_and_set_its_own_words(customised: Build) -> None:
    home = customised.html("")
    assert "guide-quick-exit" not in home.split("<body", 1)[1].split("<script", 1)[0]
    assert "data-guide-quick-exit" not in home
    assert '<h1 id="little-habits">Little habits' in customised.html("library/rituals/")


def test_a_mistyped_setting_stops_the_build_in_one_line(tmp_path: Path) -> None:
    line = _failing_line(tmp_path, "  guide:\n", "    strings: {page.ritals: Habits}\n",
                         "extra.guide.strings")
    assert "'extra.guide.strings.page.ritals': no such string (did you mean 'page.ritual'?)" in line


def test_a_feature_that_keeps_search_words_in_the_history_stops_the_build(tmp_path: Path) -> None:
    line = _failing_line(tmp_path, "  features:\n", "    - search.highlight\n",
                         "search.highlight")
    assert "into the page's address (?h=...)" in line and line.endswith("remove it")


def _failing_line(tmp_path: Path, after: str, added: str, naming: str) -> str:
    """The one line a strict build of a starter prints when `added` follows `after` in its
    mkdocs.yml: the build must fail, without a traceback."""
    folder = tmp_path / "changed"
    assert _guidekit("new", str(folder), cwd=tmp_path).returncode == 0
    config = folder / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(after, after + added, 1),
                      encoding="utf-8")
    built = build(folder, strict=True)
    assert built.returncode != 0
    assert "Traceback" not in built.output, built.output
    [line] = [line for line in built.output.splitlines() if naming in line]
    return line

"""Build the guide as an author would and check the HTML a reader gets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from guidekit.loader import load_guide
from guidekit.new import guide_schema
from guidekit.pages import home
from tests.support.project import ROOT, Build, build, built_starter, edit, starter_guide

# Markup in the starter ritual's purpose: only the safe parts may become HTML
HOSTILE = ("<script>alert(1)</script> *Gently* [bad](javascript:alert(1)) "
           "[ok](https://example.org) [hello](guide:morning-hello) ")
EXTRA = """\
rituals:
  - id: morning-hello
    title: Morning hello
    cadence: daily
    duration_minutes: 5
    medium: in person
    purpose: Line up the day ahead together.
    steps: [Say one plan for the day.]
"""


@pytest.fixture(scope="module")
def starter() -> Build:
    return built_starter()


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The starter as an author changes it, one build for every test below that needs one: markup
    in a ritual's text, a new daily ritual in a new file, a hand-written page in place of a made
    one, and a nav title unlike the page's heading."""
    guide = starter_guide(tmp_path_factory.mktemp("changed") / "guide")
    edit(guide / "data" / "rituals.yml", "purpose: A short", f"purpose: {HOSTILE}A short")
    (guide / "data" / "extra.yml").write_text(EXTRA, encoding="utf-8")
    (guide / "content" / "library").mkdir()
    (guide / "content" / "library" / "pitfalls.md").write_text(
        "# Our pitfalls\n\nA few words first.\n\n<!-- guide:pitfall keeping-score -->\n",
        encoding="utf-8")
    config = guide / "mkdocs.yml"
    edit(config, "  - Before you start:", "  - First steps:")
    edit(config, "      - library/index.md\n", "      - library/index.md\n"
                                             "      - library/pitfalls.md\n")
    result = build(guide, strict=True)
    assert result.returncode == 0, result.output
    return result


def _guide(built: Build):
    return load_guide(built.site.parent / "data", root=built.site.parent)


def _url(src_uri: str) -> str:
    stem = src_uri.removesuffix(".md")
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"


def test_generated_pages_exist(starter: Build) -> None:
    guide, pages = _guide(starter), set(starter.pages())
    made = {"", "library/", "roadmap/", "tools/", "paths/"} | {
        _url(home(guide, entry_id)[0]) for entry_id in guide.records}
    assert {"roadmap/first-four-weeks/", "tools/four-week-sheet/", "library/rituals/"} <= made
    for page in sorted(made):
        assert page in pages, f"missing page /{page}"


def test_every_entry_in_the_data_is_on_its_home_page(starter: Build) -> None:
    guide = _guide(starter)
    assert len(guide.records) >= 10
    for entry_id in guide.records:
        page = _url(home(guide, entry_id)[0])
        assert f'data-guide-id="{entry_id}"' in starter.html(page), f"'{entry_id}' not on /{page}"


def test_rituals_are_grouped_by_cadence_with_a_table_of_contents(changed: Build) -> None:
    html = changed.html("library/rituals/")
    daily, weekly = html.index('id="daily"'), html.index('id="weekly"')
    assert daily < html.index('id="morning-hello"') < weekly < html.index('id="sunday-house-talk"')
    toc = html[html.index('class="md-nav md-nav--secondary"'):]
    assert 'href="#morning-hello"' in toc and 'href="#weekly"' in toc


def test_embed_in_a_hand_written_page_is_rendered(starter: Build) -> None:
    html = starter.html("before-you-start/")
    assert 'data-guide-id="sunday-house-talk"' in html
    assert "<!-- guide:" not in html
    assert 'href="../library/rituals/#sunday-house-talk"' in html


def test_links_go_both_ways(starter: Build) -> None:
    phase = starter.html("roadmap/first-four-weeks/")
    assert 'href="../../library/rituals/#sunday-house-talk"' in phase
    rituals = starter.html("library/rituals/")
    entry = rituals[rituals.index('data-guide-id="sunday-house-talk"'):]
    entry = entry[:entry.index("</article>")]
    assert re.search(r'Part of:</span>\s*<a href="../../roadmap/first-four-weeks/">', entry)
    assert 'href="../../tools/four-week-sheet/"' in entry


_BACKLINKS = re.compile(r'<div class="guide-backlinks">(.*?)</div>', re.S)
_LABELLED = re.compile(r'guide-backlinks__label">([^<]+)</span>(.*?)</p>', re.S)


@pytest.mark.parametrize("which", ["starter", "changed"])
def test_back_links_never_repeat_a_page_nor_point_to_the_page_itself(
        which: str, request: pytest.FixtureRequest) -> None:
    built, seen = request.getfixturevalue(which), 0
    for page in built.pages():
        for block in _BACKLINKS.findall(built.html(page)):
            targets = {label: {href.split("#")[0] for href in re.findall(r'href="([^"]*)"', links)}
                       for label, links in _LABELLED.findall(block)}
            part_of, read_more = targets.get("Part of:", set()), targets.get("Read more in:", set())
            assert not part_of & read_more, (page, part_of & read_more)
            assert "" not in part_of | read_more and "./" not in part_of | read_more, page
            seen += 1
    assert seen >= 5


def test_back_links_name_pages_as_the_navigation_does(changed: Build) -> None:
    rituals = changed.html("library/rituals/")
    # The nav calls before-you-start.md "First steps"; its heading says "Before you start"
    assert re.search(r'Read more in:</span>(?:(?!</p>).)*>First steps</a>', rituals, re.S)
    # The home page is never a back link: "Read more in: Home" adds nothing
    for block in _BACKLINKS.findall(rituals):
        assert ">Home</a>" not in block


def test_yaml_text_is_escaped_and_only_safe_links_survive(changed: Build) -> None:
    html = changed.html("library/rituals/")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<em>Gently</em>" in html
    assert 'href="javascript:' not in html and "[bad](javascript:alert(1))" in html
    assert '<a href="https://example.org">ok</a>' in html
    assert '<a href="#morning-hello">hello</a>' in html


def test_author_mistake_fails_the_build_without_strict_and_without_traceback(
        tmp_path: Path) -> None:
    guide = starter_guide(tmp_path / "guide")
    edit(guide / "data" / "rituals.yml", "cadence: weekly", "cadence: fortnightly")
    (guide / "content" / "extra.md").write_text(
        "# Extra\n\n<!-- guide:ritual sunday-house-tlak -->\n")
    result = build(guide, strict=False)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert re.search(r"data/rituals\.yml:\d+:\d+: entry 'sunday-house-talk', field 'cadence': "
                     r"expected one of daily, weekly, monthly, quarterly, got 'fortnightly'",
                     result.output), result.output
    assert ("content/extra.md:3:1: entry 'sunday-house-tlak', field 'guide:ritual': no ritual has "
            "the id 'sunday-house-tlak' (did you mean 'sunday-house-talk'?)") in result.output


def test_a_new_entry_needs_no_code_change(changed: Build) -> None:
    assert 'id="morning-hello"' in changed.html("library/rituals/")
    index = json.loads((changed.site / "search" / "search_index.json").read_text())
    assert any("Line up the day ahead" in doc["text"] for doc in index["docs"])


def test_an_author_page_replaces_the_generated_one(changed: Build) -> None:
    html = changed.html("library/pitfalls/")
    assert "A few words first." in html and 'id="keeping-score"' in html
    assert '<h1 id="our-pitfalls">Our pitfalls' in html


def test_an_edited_partial_restyles_every_entry_even_with_compiled_templates_cached(
        tmp_path: Path) -> None:
    project = starter_guide(tmp_path / "guide", engine=True)
    assert build(project).returncode == 0
    assert any((project / ".cache" / "guidekit" / "templates").iterdir())
    partial = project / "overrides" / "partials" / "guide" / "ritual.html"
    partial.write_text(partial.read_text().replace(
        '<article class="guide-entry guide-ritual"', '<article class="guide-entry my-ritual"'))
    result = build(project)
    assert result.returncode == 0, result.output
    html = result.html("library/rituals/")
    assert html.count('class="guide-entry my-ritual"') == len(
        yaml.safe_load((project / "data" / "rituals.yml").read_text())["rituals"])


def test_json_schema_is_current_and_every_data_file_points_to_it() -> None:
    committed = json.loads((ROOT / "schema" / "guide-data.schema.json").read_text())
    assert committed == guide_schema(ROOT), "run `make schema`"
    for path in (ROOT / "data").glob("*.yml"):
        first = path.read_text().splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/guide-data.schema.json", path


def test_site_uses_system_fonts_and_loads_nothing_from_another_host(starter: Build) -> None:
    for page in starter.pages():
        html = starter.html(page)
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        loaded = re.findall(r'<(?:link|script|img|source|iframe)\b[^>]*\s(?:src|href)="([^"]+)"',
                            html)
        assert loaded and not [url for url in loaded if re.match(r"(https?:)?//", url)], page

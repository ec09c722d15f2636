"""Build the guide as an author would and check the HTML a reader gets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from guidekit.new import guide_schema
from tests.support.project import ROOT, build, copy_project


def test_generated_pages_exist(site) -> None:
    pages = set(site.pages())
    for page in ("", "library/", "library/rituals/", "library/scripts/", "roadmap/",
                 "roadmap/first-30-days/", "tools/", "tools/monthly-trust-checklist/",
                 "tools/30-day-worksheet/"):
        assert page in pages, f"missing page /{page}"


def test_every_entry_in_the_data_is_on_its_home_page(site) -> None:
    for path in sorted((ROOT / "data").glob("*.yml")):
        for collection, entries in yaml.safe_load(path.read_text()).items():
            for entry in entries:
                found = [p for p in site.pages() if f'data-guide-id="{entry["id"]}"' in
                         site.html(p)]
                assert found, f"{collection} '{entry['id']}' is on no page"


def test_rituals_are_grouped_by_cadence_with_a_table_of_contents(site) -> None:
    html = site.html("library/rituals/")
    daily, weekly = html.index('id="daily"'), html.index('id="weekly"')
    assert daily < html.index('id="morning-voice-note"') < weekly
    toc = html[html.index('class="md-nav md-nav--secondary"'):]
    assert 'href="#morning-voice-note"' in toc and 'href="#weekly"' in toc


def test_embed_in_a_hand_written_page_is_rendered(site) -> None:
    html = site.html("")
    assert 'data-guide-id="first-30-days"' in html
    assert "<!-- guide:" not in html
    assert 'href="roadmap/first-30-days/"' in html


def test_links_go_both_ways(site) -> None:
    phase = site.html("roadmap/first-30-days/")
    assert 'href="../../library/rituals/#morning-voice-note"' in phase
    rituals = site.html("library/rituals/")
    entry = rituals[rituals.index('data-guide-id="morning-voice-note"'):]
    entry = entry[:entry.index("</article>")]
    assert re.search(r'Part of:</span>\s*<a href="../../roadmap/first-30-days/">', entry)
    assert 'href="../../tools/30-day-worksheet/"' in entry


_BACKLINKS = re.compile(r'<div class="guide-backlinks">(.*?)</div>', re.S)
_LABELLED = re.compile(r'guide-backlinks__label">([^<]+)</span>(.*?)</p>', re.S)


def test_back_links_never_repeat_a_page_nor_point_to_the_page_itself(site) -> None:
    seen = 0
    for page in site.pages():
        for block in _BACKLINKS.findall(site.html(page)):
            targets = {label: {href.split("#")[0] for href in re.findall(r'href="([^"]*)"', links)}
                       for label, links in _LABELLED.findall(block)}
            part_of, read_more = targets.get("Part of:", set()), targets.get("Read more in:", set())
            assert not part_of & read_more, (page, part_of & read_more)
            assert "" not in part_of | read_more and "./" not in part_of | read_more, page
            seen += 1
    assert seen > 50


def test_back_links_name_pages_as_the_navigation_does(site) -> None:
    rituals = site.html("library/rituals/")
    # The nav calls guide/on-your-own.md "Reading on your own"; its heading is longer
    assert re.search(r'Read more in:</span>(?:(?!</p>).)*>Reading on your own</a>', rituals, re.S)
    # The home page is never a back link: "Read more in: Home" adds nothing
    for block in _BACKLINKS.findall(rituals):
        assert ">Home</a>" not in block


def test_yaml_text_is_escaped_and_only_safe_links_survive(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    rituals = project / "data" / "rituals.yml"
    text = rituals.read_text().replace(
        "A short, warm hello",
        "<script>alert(1)</script> *Gently* [bad](javascript:alert(1)) [ok](https://example.org)"
        " [date](guide:weekly-video-date) A short, warm hello", 1)
    rituals.write_text(text)
    result = build(project)
    assert result.returncode == 0, result.output
    html = result.html("library/rituals/")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<em>Gently</em>" in html
    assert 'href="javascript:' not in html and "[bad](javascript:alert(1))" in html
    assert '<a href="https://example.org">ok</a>' in html
    assert '<a href="#weekly-video-date">date</a>' in html


def test_author_mistake_fails_the_build_without_strict_and_without_traceback(
        tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    rituals = project / "data" / "rituals.yml"
    rituals.write_text(rituals.read_text().replace("cadence: weekly", "cadence: fortnightly", 1))
    (project / "content" / "extra.md").write_text(
        "# Extra\n\n<!-- guide:ritual weekly-vido-date -->\n")
    result = build(project, strict=False)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert re.search(r"data/rituals\.yml:\d+:\d+: entry '[a-z-]+', field 'cadence': expected one "
                     r"of daily, weekly, monthly, quarterly, got 'fortnightly'", result.output)
    assert ("content/extra.md:3:1: entry 'weekly-vido-date', field 'guide:ritual': no ritual has "
            "the id 'weekly-vido-date' (did you mean 'weekly-video-date'?)") in result.output


def test_a_new_entry_needs_no_code_change(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "data" / "extra.yml").write_text(
        "rituals:\n  - id: sunday-planning-call\n    title: Sunday planning call\n"
        "    cadence: weekly\n    duration_minutes: 30\n    medium: phone call\n"
        "    purpose: Line up the week ahead together.\n    steps: [Compare calendars.]\n")
    result = build(project)
    assert result.returncode == 0, result.output
    assert 'id="sunday-planning-call"' in result.html("library/rituals/")
    index = json.loads((result.site / "search" / "search_index.json").read_text())
    assert any("Line up the week ahead" in doc["text"] for doc in index["docs"])


def test_an_author_page_replaces_the_generated_one(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "content" / "library").mkdir(exist_ok=True)
    rituals = yaml.safe_load((project / "data" / "rituals.yml").read_text())["rituals"]
    embeds = "\n\n".join(f"<!-- guide:ritual {r['id']} -->" for r in rituals)
    (project / "content" / "library" / "rituals.md").write_text(
        f"# Our rituals\n\nA few words first.\n\n{embeds}\n")
    result = build(project)
    assert result.returncode == 0, result.output
    html = result.html("library/rituals/")
    assert "A few words first." in html and 'id="weekly-video-date"' in html


def test_an_edited_partial_restyles_every_entry_even_with_compiled_templates_cached(
        tmp_path: Path) -> None:
    project = copy_project(tmp_path)
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


def test_site_uses_system_fonts_and_no_other_host(site) -> None:
    for page in site.pages():
        html = site.html(page)
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        for url in re.findall(r'(?:src|href)="(https?:[^"]+)"', html):
            assert url.startswith(("https://squidfunk.github.io", "https://www.gottman.com")) \
                or "<a " in html, url

"""Text from the data is text wherever it lands: the theme's navigation, `<title>`, headings,
tables, the search index and calendar files. What no escaping can make safe (control characters,
bidi overrides, line breaks in a title) stops `guidekit check` and the build with one line each,
and no script reaches a page unless a known template wrote it.
"""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support.project import Build, build, check, starter_guide

# Each title holds markup, an attribute list and a quote: all must show as written.
PHASE = 'Months <b>1</b> "to" 3 & </title><script>alert(1)</script> {#hack .cls}'
SITUATION = "When <i>trust</i> broke {: #situ .evil onclick=x} --- title: pwned"
STRATEGY = "Full <img src=x> openness [link](https://evil.example) *for* a time {.wide}"
RITUAL = "Morning <u>voice</u> note; a, b {#x}"


SITE_NAME = "My guide"  # the starter's name, from its folder "my-guide"


def _titled(project: Path, file: str, old: str, new: str) -> None:
    path = project / "data" / file
    text = path.read_text(encoding="utf-8")
    assert f"title: {old}\n" in text
    path.write_text(text.replace(f"title: {old}\n", f"title: {json.dumps(new)}\n", 1),
                    encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = starter_guide(tmp_path_factory.mktemp("hostile") / "my-guide")
    _titled(project, "plan.yml", "The first four weeks", PHASE)
    _titled(project, "scripts.yml", "When you have just moved in together", SITUATION)
    _titled(project, "library.yml", "Fixed jobs for each of you", STRATEGY)
    _titled(project, "rituals.yml", "Sunday house talk", RITUAL)
    home = project / "content" / "index.md"  # with the strategies' table below the situations'
    home.write_text(home.read_text(encoding="utf-8") + "\n<!-- guide:table strategy -->\n",
                    encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    return result


def _text(html: str) -> str:
    """What a reader sees of an HTML fragment: tags gone, entities read."""
    return " ".join(unescape(re.sub(r"<[^>]*>", "", html)).split())


class _Attributes(HTMLParser):
    """Every element's attributes, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, name, value or "") for name, value in attrs]


def test_no_page_holds_markup_or_attributes_from_a_title(hostile: Build) -> None:
    for page in hostile.pages():
        html = hostile.html(page or "index.html")
        for raw in ("<b>1</b>", "alert(1)</script>", "<i>trust</i>", "<img src=x>", "<u>voice"):
            assert raw not in html, f"/{page} holds {raw}"
        parser = _Attributes()
        parser.feed(html)
        for tag, name, value in parser.found:
            assert name != "onclick", f"/{page}: <{tag} onclick>"
            assert (name, value) not in {("id", "hack"), ("id", "situ"), ("id", "x")}, f"/{page}"
            assert not {"cls", "evil", "wide"} & set(value.split()) or name != "class", f"/{page}"
            assert "evil.example" not in value or name != "href", f"/{page}"


def test_a_phase_title_is_text_in_title_nav_heading_footer_and_meta(hostile: Build) -> None:
    html = hostile.html("roadmap/first-four-weeks/")
    assert _text(re.search(r"<title>(.*?)</title>", html, re.S)[1]) == f"{PHASE} - {SITE_NAME}"
    assert _text(re.search(r"<h1\b[^>]*>(.*?)<a class=\"headerlink\"", html, re.S)[1]) == PHASE
    assert re.search(r'<meta name="description" content="A short, kind guide', html)
    # The page before it in the nav (whichever that is) names it in the nav and the footer
    [before] = [hostile.html(page or "index.html") for page in hostile.pages()
                if 'first-four-weeks/" class="md-footer__link md-footer__link--next"'
                in hostile.html(page or "index.html")]
    nav = re.search(r'href="(?:\.\./)?first-four-weeks/" class="md-nav__link">(.*?)</a>', before,
                    re.S)[1]
    assert _text(nav) == PHASE
    label = re.search(r'class="md-footer__link md-footer__link--next" aria-label="([^"]*)"',
                      before)[1]
    assert unescape(label) == f"Next: {PHASE}"  # read out as written, not as &lt;b&gt;


def test_situation_headings_and_table_cells_are_text(hostile: Build) -> None:
    scripts = hostile.html("library/scripts/")
    heading = re.search(r'<h2 id="new-to-sharing-a-home">(.*?)<a class="headerlink"', scripts,
                        re.S)
    assert heading and _text(heading[1]) == SITUATION
    table = hostile.html("")
    cell = re.search(r'<tr data-guide-id="fixed-jobs">\s*<th[^>]*>(.*?)<span', table, re.S)
    assert cell and _text(cell[1]) == STRATEGY


def test_the_search_index_holds_titles_as_escaped_text(hostile: Build) -> None:
    index = json.loads((hostile.site / "search" / "search_index.json").read_text())
    titles = {unescape(doc["title"]) for doc in index["docs"]}
    assert {PHASE, SITUATION} <= titles
    for doc in index["docs"]:
        assert "<script>alert" not in doc["title"] + doc["text"], doc["location"]
        assert "<b>1</b>" not in doc["title"] + doc["text"], doc["location"]


def test_calendar_names_are_the_titles_as_written(hostile: Build) -> None:
    from icalendar import Calendar

    phase = Calendar.from_ical((hostile.site / "calendar" / "first-four-weeks.ics").read_bytes())
    assert str(phase["x-wr-calname"]) == PHASE
    ritual = Calendar.from_ical((hostile.site / "calendar" / "sunday-house-talk.ics")
                                .read_bytes())
    assert str(ritual["x-wr-calname"]) == RITUAL
    assert [str(e["summary"]) for e in ritual.walk("VEVENT")] == [RITUAL]


# --- What escaping cannot make safe is refused, one line each ---------------------------------


def test_line_breaks_control_characters_and_bidi_overrides_are_one_line_each(
        tmp_path: Path) -> None:
    project = starter_guide(tmp_path / "guide")
    for file, old, new in (
        ("rituals.yml", "title: Sunday house talk\n",
         'title: "Sunday\\n---\\ntitle: house talk"\n'),
        ("plan.yml", "title: The first four weeks\n", 'title: "The first\\rfour weeks"\n'),
        ("rituals.yml", "- Sit down together with a drink, away from screens.\n",
         '- "Sit down\\0 together."\n'),
        ("rituals.yml", "tip: Keep it light. This is a plan, not a trial.\n",
         'tip: "Keep it\\u202e light"\n'),
    ):
        path = project / "data" / file
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    expected = [
        "data/rituals.yml:11:12: entry 'sunday-house-talk', field 'title': holds a line break "
        "after 'Sunday'; expected one line of plain text (join the lines into one)",
        "data/plan.yml:6:12: entry 'first-four-weeks', field 'title': holds a line break "
        "after 'The first'; expected one line of plain text (join the lines into one)",
        "data/rituals.yml:18:9: entry 'sunday-house-talk', field 'steps[0]': holds the control "
        "character U+0000 after 'Sit down'; expected plain text (delete it)",
        "data/rituals.yml:21:10: entry 'sunday-house-talk', field 'tip': holds an invisible "
        "direction mark (U+202E) after 'Keep it'; expected plain text (delete it: retype the "
        "words)",
    ]
    built = build(project)
    for code, output in ((built.returncode, built.output), check(project)):
        assert code != 0 and "Traceback" not in output, output
        for line in expected:
            assert line in output, output
        assert "icalendar" not in output, output


# --- Only scripts that known templates write can run ----------------------------------------


def test_an_inline_script_in_a_page_fails_the_build_naming_the_page(tmp_path: Path) -> None:
    project = starter_guide(tmp_path / "guide")
    page = project / "content" / "before-you-start.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n",
                    encoding="utf-8")
    result = build(project)
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    lines = [line for line in result.output.splitlines() if "alert(1)" in line]
    assert len(lines) == 1, result.output
    assert "content/before-you-start.md: has an inline script that no known template writes: " \
        "'alert(1)'" in lines[0]
    built_page = project / "site" / "before-you-start" / "index.html"
    assert not built_page.exists() or "alert(1)" not in built_page.read_text()

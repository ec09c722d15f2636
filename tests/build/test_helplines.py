"""Help lines, as a reader in trouble meets them: on the Help now page and the safety page, by
country, each with the page its number was checked against and the date; a link to Help now at
the foot of every page. An author who drops a line's source or date cannot build the site; a line
checked more than a year ago is named at build time without failing a strict build.

The engine's part runs on the starter with made-up lines (tests/fixtures/helplines.yml), and on
this guide's lines too where marked content, with what this guide promises its readers."""

from __future__ import annotations

import posixpath
import re
from datetime import date, timedelta
from html import unescape
from pathlib import Path

import pytest
import yaml

from tests.support.project import ROOT, Build, build, check, edit, starter_guide

FIXTURE = Path(__file__).parents[1] / "fixtures" / "helplines.yml"
STALE = date.today() - timedelta(days=400)

COUNTRIES = ("United States", "United Kingdom", "Ireland", "Canada", "Australia", "New Zealand",
             "Any country")
RISKY_PAGES = ("guide/after-infidelity/", "guide/jealousy-and-anxiety/",
               "guide/when-repair-is-not-working/")
_FOOTER_LINK = re.compile(r'<nav class="guide-help-now"[^>]*>\s*<p[^>]*><a href="([^"]*)">'
                          r"Help now: crisis and abuse lines for your country</a>")


def _helplines(root: Path = ROOT) -> list[dict]:
    return yaml.safe_load((root / "data" / "helplines.yml").read_text())["helplines"]


def _with_lines(project: Path) -> Path:
    """A starter guide with the made-up help lines, and Help now in its nav."""
    (project / "data" / "helplines.yml").write_text(FIXTURE.read_text(encoding="utf-8"),
                                                    encoding="utf-8")
    edit(project / "mkdocs.yml", "  - Home: index.md\n", "  - Home: index.md\n"
         "  - Help now: help-now.md\n")
    return project


@pytest.fixture(scope="module")
def lines_guide(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The starter with the made-up lines, one of them last checked over a year ago and with
    markup in its summary."""
    project = _with_lines(starter_guide(tmp_path_factory.mktemp("lines") / "guide"))
    _edit(project, "north-listening-line", lambda lines: [
        f"    checked: {STALE.isoformat()}" if "checked:" in x else
        "    summary: <b>Call</b> [us](javascript:alert(1))" if "summary:" in x else x
        for x in lines])
    result = build(project, strict=True)
    assert result.returncode == 0, result.output
    return result


# Each test of the engine runs on the made-up lines; on this guide's lines too, as content
GUIDES = [pytest.param("lines_guide", id="made-up-lines"),
          pytest.param("site", id="this-guide", marks=pytest.mark.content)]


def _guide(which: str, request: pytest.FixtureRequest) -> tuple[Build, list[dict]]:
    built = request.getfixturevalue(which)
    return built, _helplines(built.site.parent)


def _card(html: str, entry_id: str) -> str:
    """The HTML of one help line's card on a page."""
    start = html.index(f'data-guide-id="{entry_id}"')
    return html[start:html.index("</li>\n", html.index('guide-helpline__source', start))]


def _digits(number: str) -> str:
    return re.sub(r"[^0-9+]", "", number)


@pytest.mark.content
def test_the_data_covers_every_country_the_guide_promises() -> None:
    countries = {line["country"] for line in _helplines()}
    assert set(COUNTRIES) <= countries


@pytest.mark.content
def test_every_line_has_a_source_page_and_the_date_it_was_checked() -> None:
    for line in _helplines():
        assert re.match(r"https?://\S+$", line["source"]), line["id"]
        assert isinstance(line["checked"], date) and line["checked"] <= date.today(), line["id"]


@pytest.mark.parametrize("which", GUIDES)
def test_help_now_lists_every_country_with_its_lines(which: str, request) -> None:
    built, lines = _guide(which, request)
    html = built.html("help-now/")
    for country in {line["country"] for line in lines}:
        heading = re.search(rf'<h\d id="([a-z-]+)">{re.escape(country)}(<a class="headerlink"'
                            rf'[^>]*>[^<]*</a>)?</h\d>', html)
        assert heading, f"/help-now/ has no heading for {country}"
    for line in lines:
        assert f'data-guide-id="{line["id"]}"' in html, line["id"]


@pytest.mark.content
def test_the_safety_page_lists_every_country_with_its_lines(site) -> None:
    html, page = site.html("safety/"), "safety/"
    for country in COUNTRIES:
        heading = re.search(rf'<h\d id="(help-[a-z-]+)">{re.escape(country)}</h\d>', html)
        assert heading, f"/{page} has no heading for {country}"
    for line in _helplines():
        assert f'data-guide-id="{line["id"]}"' in html, (page, line["id"])


@pytest.mark.parametrize("which", GUIDES)
def test_each_line_shows_how_to_reach_it_its_source_and_its_date(which: str, request) -> None:
    built, lines = _guide(which, request)
    html = built.html("help-now/")
    assert any("text" in line for line in lines) and any("web" in line for line in lines)
    for line in lines:
        card = _card(html, line["id"])
        assert f'<a href="{line["source"]}" rel="noreferrer">' in card, line["id"]
        checked = line["checked"]
        assert f'<time datetime="{checked.isoformat()}">{checked.day} {checked:%B %Y}</time>' \
            in card, line["id"]
        if "phone" in line:
            assert f'<a href="tel:{_digits(line["phone"])}">{line["phone"]}</a>' in card
        if "text" in line:
            assert f'<a href="sms:{_digits(line["text"])}">{line["text"]}</a>' in card
        if "web" in line:
            assert f'<a href="{line["web"]}" rel="noreferrer">' in card
        if "hours" in line:
            assert f"Open: {line['hours']}" in unescape(card)


@pytest.mark.parametrize("which", GUIDES)
def test_in_each_country_the_emergency_number_comes_first(which: str, request) -> None:
    built, lines = _guide(which, request)
    html = built.html("help-now/")
    assert any("danger-now" in line["for"] for line in lines)
    for line in lines:
        if "danger-now" in line["for"]:
            section = html[:html.index(f'data-guide-id="{line["id"]}"')]
            section = section[max(section.rfind(tag) for tag in ("<section", "<h2", "<h3")):]
            assert section.count("data-guide-id=") == 0, line["id"]


@pytest.mark.content
def test_a_partner_s_threat_of_self_harm_is_taken_seriously_and_never_has_to_be_obeyed(
        site) -> None:
    for page in ("help-now/", "safety/"):
        text = re.sub(r"<[^>]+>", "", site.html(page))
        assert "threatens to hurt themselves" in text, page
        assert "call emergency services" in text, page
        assert re.search(r"never (?:have|has) to (?:obey|do what they ask)", text), page


@pytest.mark.parametrize("which", GUIDES)
def test_every_page_links_to_help_now_at_its_foot(which: str, request) -> None:
    built, _ = _guide(which, request)
    pages = built.pages()
    assert "help-now/" in pages
    for page in pages:
        html = built.html(page)
        link = _FOOTER_LINK.search(html)
        assert link, f"/{page} has no Help now link"
        assert html.index("guide-help-now") > html.index('<main'), page
        href = link[1]
        target = href if href.startswith("/") else "/" + posixpath.normpath(
            posixpath.join(posixpath.dirname("/" + page), href)).lstrip("/")
        assert target.rstrip("/") == "/help-now", (page, href)


@pytest.mark.content
def test_the_riskiest_pages_link_to_help_now_before_their_first_section(site) -> None:
    for page in RISKY_PAGES:
        html = site.html(page)
        article = html[html.index("<h1"):]
        before_first_section = article[:article.index("<h2")]
        assert 'href="../../help-now/"' in before_first_section, page


@pytest.mark.parametrize("which", GUIDES)
def test_help_now_is_in_the_navigation(which: str, request) -> None:
    nav = request.getfixturevalue(which).html("")
    nav = nav[nav.index('class="md-nav md-nav--primary"'):]
    assert re.search(r'<a href="help-now/"[^>]*>\s*(?:<span[^>]*>\s*)?Help now', nav)


def _edit(project: Path, entry_id: str, change) -> None:
    path = project / "data" / "helplines.yml"
    lines = path.read_text().split("\n")
    start = lines.index(f"  - id: {entry_id}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("  - id:")),
               len(lines))
    lines[start:end] = change(lines[start:end])
    path.write_text("\n".join(lines))


def test_a_line_without_a_source_or_a_date_stops_the_check_with_one_clear_line(
        tmp_path: Path) -> None:
    project = _with_lines(starter_guide(tmp_path / "guide"))
    _edit(project, "north-listening-line", lambda lines: [x for x in lines if "source:" not in x])
    _edit(project, "south-abuse-line", lambda lines: [x for x in lines if "checked:" not in x])
    code, output = check(project)  # the build stops with the same lines (test_site_build.py)
    assert code != 0
    assert "Traceback" not in output
    assert re.search(r"data/helplines\.yml:\d+:\d+: entry 'north-listening-line', field "
                     r"'source': this required field is missing \(add 'source:' to the entry\)",
                     output), output
    assert re.search(r"data/helplines\.yml:\d+:\d+: entry 'south-abuse-line', field 'checked': "
                     r"this required field is missing \(add 'checked:' to the entry\)",
                     output), output


def test_a_line_checked_over_a_year_ago_is_named_but_a_strict_build_still_passes(
        lines_guide: Build) -> None:
    notices = re.findall(r"INFO\s+-\s+guide: Check this help line again: (.+)", lines_guide.output)
    assert len(notices) == 1, lines_guide.output
    assert notices[0] == (
        f"data/helplines.yml:23:14: entry 'north-listening-line', field 'checked': last checked on "
        f"{STALE.isoformat()}, more than a year ago (check it against "
        f"https://example.org/northland/listening/ and set 'checked' to that day)"), notices[0]
    card = _card(lines_guide.html("help-now/"), "north-listening-line")
    assert "&lt;b&gt;Call&lt;/b&gt;" in card and "<b>" not in card
    assert 'href="javascript:' not in card

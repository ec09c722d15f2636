"""Help lines, as a reader in trouble meets them: on the Help now page and the safety page, by
country, each with the page its number was checked against and the date; a link to Help now at
the foot of every page. An author who drops a line's source or date cannot build the site; a line
checked more than a year ago is named at build time without failing a strict build."""

from __future__ import annotations

import posixpath
import re
from datetime import date, timedelta
from html import unescape
from pathlib import Path

import pytest
import yaml

from tests.support.project import ROOT, build, copy_project

COUNTRIES = ("United States", "United Kingdom", "Ireland", "Canada", "Australia", "New Zealand",
             "Any country")
RISKY_PAGES = ("guide/after-infidelity/", "guide/jealousy-and-anxiety/",
               "guide/when-repair-is-not-working/")
_FOOTER_LINK = re.compile(r'<nav class="guide-help-now"[^>]*>\s*<p[^>]*><a href="([^"]*)">'
                          r"Help now: crisis and abuse lines for your country</a>")


def _helplines() -> list[dict]:
    return yaml.safe_load((ROOT / "data" / "helplines.yml").read_text())["helplines"]


def _card(html: str, entry_id: str) -> str:
    """The HTML of one help line's card on a page."""
    start = html.index(f'data-guide-id="{entry_id}"')
    return html[start:html.index("</li>\n", html.index('guide-helpline__source', start))]


def _digits(number: str) -> str:
    return re.sub(r"[^0-9+]", "", number)


def test_the_data_covers_every_country_the_guide_promises() -> None:
    countries = {line["country"] for line in _helplines()}
    assert set(COUNTRIES) <= countries


def test_every_line_has_a_source_page_and_the_date_it_was_checked() -> None:
    for line in _helplines():
        assert re.match(r"https?://\S+$", line["source"]), line["id"]
        assert isinstance(line["checked"], date) and line["checked"] <= date.today(), line["id"]


@pytest.mark.parametrize("page", ["help-now/", "safety/"])
def test_page_lists_every_country_with_its_lines(site, page: str) -> None:
    html = site.html(page)
    for country in COUNTRIES:
        heading = re.search(rf'<h\d id="(help-[a-z-]+)">{re.escape(country)}</h\d>', html)
        assert heading, f"/{page} has no heading for {country}"
    for line in _helplines():
        assert f'data-guide-id="{line["id"]}"' in html, (page, line["id"])


@pytest.mark.parametrize("page", ["help-now/", "safety/"])
def test_each_line_shows_how_to_reach_it_its_source_and_its_date(site, page: str) -> None:
    html = site.html(page)
    for line in _helplines():
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


def test_in_each_country_the_emergency_number_comes_first(site) -> None:
    html = site.html("help-now/")
    for line in _helplines():
        if "danger-now" in line["for"]:
            section = html[:html.index(f'data-guide-id="{line["id"]}"')]
            section = section[section.rindex("<section"):]
            assert section.count("data-guide-id=") == 0, line["id"]


def test_a_partner_s_threat_of_self_harm_is_taken_seriously_and_never_has_to_be_obeyed(
        site) -> None:
    for page in ("help-now/", "safety/"):
        text = re.sub(r"<[^>]+>", "", site.html(page))
        assert "threatens to hurt themselves" in text, page
        assert "call emergency services" in text, page
        assert re.search(r"never (?:have|has) to (?:obey|do what they ask)", text), page


def test_every_page_links_to_help_now_at_its_foot(site) -> None:
    pages = site.pages()
    assert "help-now/" in pages
    for page in pages:
        html = site.html(page)
        link = _FOOTER_LINK.search(html)
        assert link, f"/{page} has no Help now link"
        assert html.index("guide-help-now") > html.index('<main'), page
        href = link[1]
        target = href if href.startswith("/") else "/" + posixpath.normpath(
            posixpath.join(posixpath.dirname("/" + page), href)).lstrip("/")
        assert target.rstrip("/") == "/help-now", (page, href)


def test_the_riskiest_pages_link_to_help_now_before_their_first_section(site) -> None:
    for page in RISKY_PAGES:
        html = site.html(page)
        article = html[html.index("<h1"):]
        before_first_section = article[:article.index("<h2")]
        assert 'href="../../help-now/"' in before_first_section, page


def test_help_now_is_in_the_navigation(site) -> None:
    nav = site.html("")
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


def test_a_line_without_a_source_or_a_date_stops_the_build_with_one_clear_line(
        tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    _edit(project, "uk-samaritans", lambda lines: [x for x in lines if "source:" not in x])
    _edit(project, "au-lifeline", lambda lines: [x for x in lines if "checked:" not in x])
    result = build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert re.search(r"data/helplines\.yml:\d+:\d+: entry 'uk-samaritans', field 'source': "
                     r"this required field is missing \(add 'source:' to the entry\)",
                     result.output), result.output
    assert re.search(r"data/helplines\.yml:\d+:\d+: entry 'au-lifeline', field 'checked': "
                     r"this required field is missing \(add 'checked:' to the entry\)",
                     result.output), result.output


def test_a_line_checked_over_a_year_ago_is_named_but_a_strict_build_still_passes(
        tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    old = date.today() - timedelta(days=400)
    _edit(project, "uk-samaritans", lambda lines: [
        f"    checked: {old.isoformat()}" if "checked:" in x else
        "    summary: <b>Call</b> [us](javascript:alert(1))" if "summary:" in x else x
        for x in lines if not x.startswith("      ")])  # drop the folded summary's lines
    result = build(project, strict=True)
    assert result.returncode == 0, result.output
    notices = re.findall(r"INFO\s+-\s+guide: Check this help line again: (.+)", result.output)
    assert len(notices) == 1, result.output
    assert re.match(rf"data/helplines\.yml:\d+:\d+: entry 'uk-samaritans', field 'checked': "
                    rf"last checked on {old.isoformat()}, more than a year ago \(check it "
                    rf"against https://www\.samaritans\.org/\S+ and set 'checked' to that "
                    rf"day\)", notices[0]), notices[0]
    card = _card(result.html("help-now/"), "uk-samaritans")
    assert "&lt;b&gt;Call&lt;/b&gt;" in card and "<b>" not in card
    assert 'href="javascript:' not in card

"""The structure a reader relies on: a complete path for every situation, each with only the
pages that fit it, safety first, every entry reachable. What the engine does for any guide is
tested on the starter guide; what this guide says and where its paths lead is marked content."""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from guidekit.loader import Guide, load_guide
from guidekit.pages import home
from guidekit.paths import page_fits, sequence
from tests.support.project import ROOT, Build, build, built_starter, check, edit, starter_guide

# What a reader is asked to *do*: embedded rituals, scripts, sheets and checklists.
EXERCISES = re.compile(r'class="guide-entry guide-(ritual|script|worksheet|checklist)\b')


@pytest.fixture(scope="module")
def guide() -> Guide:
    """This guide's data."""
    return load_guide(ROOT / "data", root=ROOT)


@pytest.fixture(scope="module")
def starter() -> Build:
    return built_starter()


@pytest.fixture(scope="module")
def starter_data(starter: Build) -> Guide:
    return load_guide(starter.site.parent / "data", root=starter.site.parent)


def _url(src_uri: str) -> str:
    """The URL path (as `Build.html` takes it) of a page in the docs folder."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def _resolve(page_url: str, href: str) -> str:
    """The URL path a relative link on `page_url` points to, without its #fragment."""
    target = posixpath.normpath(posixpath.join(page_url or ".", href.split("#")[0]))
    return "" if target == "." else target + "/"


class _NextSteps(HTMLParser):
    """The "Next step" links of a page: {path id: href} (paths going on to one page share it)."""

    def __init__(self) -> None:
        super().__init__()
        self.path: str | None = None
        self.links: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "p" and "guide-next-step" in (found.get("class") or "").split():
            self.path = found.get("data-path")
        elif tag == "a" and self.path and "guide-next-step__link" in (found.get("class") or ""):
            self.links.update(dict.fromkeys(self.path.split(), found["href"] or ""))


def _next_steps(site: Build, page_url: str) -> dict[str, str]:
    parser = _NextSteps()
    parser.feed(site.html(page_url))
    return parser.links


@pytest.mark.content
def test_every_situation_has_a_path_and_the_home_page_offers_each(
        site: Build, guide: Guide) -> None:
    paths = guide.of_kind("path")
    assert {p.situation for p in paths} == {s.id for s in guide.of_kind("situation")}
    home_page = site.html("")
    warning = home_page.index("Is this guide right for you?")
    for path in paths:
        link = f'href="{_url(home(guide, path.id)[0])}"'
        assert link in home_page, f"the home page does not offer the path '{path.id}'"
        assert warning < home_page.index(link), "the safety note must come before the paths"


def test_every_page_of_every_path_has_a_next_step_and_none_is_a_dead_end(
        starter: Build, starter_data: Guide) -> None:
    for path in starter_data.of_kind("path"):
        pages = [_url(p) for p in sequence(starter_data, path)]
        for position, page_url in enumerate(pages):
            links = _next_steps(starter, page_url)
            assert path.id in links, f"/{page_url} has no next step on the path '{path.id}'"
            expected = (pages[position + 1] if position + 1 < len(pages)
                        else _url(path.then or "paths/index.md"))
            assert _resolve(page_url, links[path.id]) == expected, (
                f"on '{path.id}', /{page_url} should lead to /{expected}")


def test_the_end_of_a_path_names_a_real_next_step(starter: Build, starter_data: Guide) -> None:
    for path in starter_data.of_kind("path"):
        html = starter.html(_url(path.steps[-1]))
        ends = re.findall(r'data-path="([^"]*)">.*?rel="next">([^<]+)</a>', html, re.S)
        [text] = [text for ids, text in ends if path.id in ids.split()]
        assert "look back" not in text and text.startswith(
            "You have reached the end of this path. Next step: "), text
        assert text.split(": ", 1)[1].strip() not in ("", path.title)


def _fits(guide: Guide, src_uri: str) -> list[str] | None:
    """The situations a page is written for, as its author or its stage's data says."""
    source = ROOT / "content" / src_uri
    if source.exists() and page_fits(source.read_text(encoding="utf-8")) is not None:
        return page_fits(source.read_text(encoding="utf-8"))
    entry = next((e for e in guide.of_kind("phase") if home(guide, e.id)[0] == src_uri), None)
    return list(entry.fits) or None if entry else None


@pytest.mark.content
def test_every_page_of_a_path_fits_the_path(guide: Guide) -> None:
    """A couple who live together are never sent through pages written for couples apart."""
    for path in guide.of_kind("path"):
        for page in [*path.steps, *([path.then] if path.then else [])]:
            fits = _fits(guide, page)
            assert fits is None or path.situation in fits, (
                f"'{path.id}' leads to {page}, which is written for {fits}")
    affair = guide.get("healing-after-an-affair")
    assert _fits(guide, "guide/visits.md") == ["breach-at-a-distance", "visits-and-reunions"]
    assert not {"guide/visits.md", "guide/why-trust-breaks.md", "roadmap/months-1-3.md"} & set(
        affair.steps)


def test_a_path_that_leads_to_a_page_that_does_not_fit_is_an_author_error(
        tmp_path: Path) -> None:
    project = starter_guide(tmp_path / "guide")
    edit(project / "data" / "scripts.yml", "situations:\n", "situations:\n"
         "  - id: living-apart\n    title: When you live apart\n")
    page = project / "content" / "before-you-start.md"
    page.write_text("---\nfits: [living-apart]\n---\n\n" + page.read_text(encoding="utf-8"),
                    encoding="utf-8")
    code, output = check(project)  # the build stops with the same lines (test_site_build.py)
    assert code != 0 and "Traceback" not in output
    assert ("entry 'settling-in', field 'steps[1]': the page 'before-you-start.md' is written for "
            "living-apart, not for 'new-to-sharing-a-home'") in output, output


@pytest.mark.content
def test_no_two_pages_in_a_row_on_a_path_show_the_same_script(site: Build, guide: Guide) -> None:
    for path in guide.of_kind("path"):
        shown = [set(re.findall(r'class="guide-entry guide-script" data-guide-id="([^"]+)"',
                                site.html(_url(page)))) for page in path.steps]
        for page, before, now in zip(path.steps[1:], shown, shown[1:], strict=False):
            assert not before & now, f"on '{path.id}', {page} repeats {before & now}"


@pytest.mark.content
def test_the_drifting_apart_path_has_a_four_week_plan(site: Build, guide: Guide) -> None:
    path = guide.get("reconnecting")
    assert "roadmap/four-weeks-closer.md" in path.steps
    html = site.html("roadmap/four-weeks-closer/")
    for week in range(1, 5):
        assert f"Week {week}:" in html
    assert 'href="../../tools/four-weeks-closer-sheet/"' in html
    sheet = guide.get("four-weeks-closer-sheet")
    assert [s.days for s in sheet.sections if s.kind == "day-grid"] == [28]
    assert guide.get("one-real-question").for_weeks == 4


@pytest.mark.content
def test_a_reader_on_their_own_finds_their_page_from_home(site: Build) -> None:
    assert 'href="guide/on-your-own/"' in site.html("")
    html = site.html("guide/on-your-own/")
    assert 'data-guide-id="inviting-your-partner"' in html and "safety/" in html


@pytest.mark.content
def test_the_affair_page_covers_what_a_clinician_would_ask_for(site: Build) -> None:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", site.html("guide/after-infidelity/")))
    for words in ("just found out", "Do not decide yet", "Tell one person you trust",
                  "same questions again", "cannot avoid the other person", "tested",
                  "Dates and places that hurt", "What forgiveness is", "children"):
        assert words in text, f"the affair page does not cover '{words}'"
    # The health advice names where it comes from
    assert re.search(r'href="https://[^"]+\.nhs\.uk/[^"]*"', site.html("guide/after-infidelity/"))
    jealousy = re.sub(r"\s+", " ", site.html("guide/jealousy-and-anxiety/"))
    assert "same questions many times" in jealousy and "That is normal" in jealousy


@pytest.mark.content
def test_stories_say_they_are_made_up(guide: Guide) -> None:
    for story in guide.of_kind("story"):
        assert "made up" in story.paragraphs[0], story.id
    assert guide.get("lena-and-tom").situation == "drifting-apart"


@pytest.mark.content
def test_rituals_state_their_limits_and_no_meta_reads_by_any(site: Build) -> None:
    html = site.html("library/rituals/")
    def entry(entry_id: str) -> str:
        part = html[html.index(f'data-guide-id="{entry_id}"'):]
        return part[:part.index("</article>")]
    assert '<span class="guide-meta__item">Twice a week</span>' in entry("insecurity-window")
    openness = entry("three-weeks-of-openness")
    assert '<span class="guide-meta__item">Once a week, for three weeks</span>' in openness
    assert "Then it stops" in openness and "It ends on purpose." in openness
    for page_url in site.pages():
        assert ">By any<" not in site.html(page_url), page_url


@pytest.mark.content
def test_back_links_never_lead_home(site: Build) -> None:
    for page_url in site.pages():
        for block in re.findall(r'<div class="guide-backlinks">(.*?)</div>', site.html(page_url),
                                re.S):
            assert ">Home<" not in block and ">Rebuilding trust<" not in block, page_url


def test_a_page_on_no_path_shows_no_next_step(starter: Build) -> None:
    assert "library/stories/" in starter.pages()
    assert _next_steps(starter, "library/stories/") == {}


@pytest.mark.content
def test_the_safety_note_comes_before_any_exercise_on_each_path(site: Build, guide: Guide) -> None:
    for path in guide.of_kind("path"):
        pages = [_url(p) for p in path.steps]
        first_exercise = next(i for i, p in enumerate(pages) if EXERCISES.search(site.html(p)))
        assert "safety/" in pages[:first_exercise], (
            f"on '{path.id}', /{pages[first_exercise]} has an exercise before the safety page")
        assert not EXERCISES.search(site.html("safety/"))
        own_page = site.html(_url(home(guide, path.id)[0]))
        note = own_page.index("Is this guide right for you?</p>")
        assert "afraid of" in own_page[note:] and note < own_page.index('class="guide-path__steps"')


@pytest.mark.content
def test_the_safety_page_says_where_to_get_help(site: Build) -> None:
    text = site.html("safety/")
    for words in ("emergency number", "Domestic abuse helplines", "counsellor on your own",
                  "voluntary", "never", "afraid"):
        assert words in text, f"the safety page does not mention '{words}'"


def test_every_phase_links_its_rituals_and_scripts(starter: Build, starter_data: Guide) -> None:
    phases = starter_data.of_kind("phase")
    assert phases
    for phase in phases:
        assert phase.rituals and phase.scripts, f"phase '{phase.id}' has no rituals or scripts"
        page_url = _url(home(starter_data, phase.id)[0])
        html = starter.html(page_url)
        for section, ids in (("rituals", phase.rituals), ("scripts", phase.scripts)):
            part = html[html.index(f'id="{section}"'):]
            part = part[:part.index("</ul>")]
            for entry_id in ids:
                target, anchor = home(starter_data, entry_id)
                hrefs = [h for h in re.findall(r'href="([^"]+)"', part)
                         if _resolve(page_url, h) == _url(target) and h.endswith(f"#{anchor}")]
                assert hrefs, f"phase '{phase.id}' does not link its {section[:-1]} '{entry_id}'"
        for words in (phase.goals[0], phase.move_on_when[0]):
            assert words.split(".")[0] in html


def test_every_entry_in_the_data_appears_on_a_built_page(
        starter: Build, starter_data: Guide) -> None:
    shown = set()
    for page_url in starter.pages():
        shown.update(re.findall(r'data-guide-id="([^"]+)"', starter.html(page_url)))
    missing = sorted(set(starter_data.records) - shown)
    assert not missing, f"entries on no page: {missing}"


def test_search_finds_rituals_and_scripts_by_their_words(
        starter: Build, starter_data: Guide) -> None:
    docs = json.loads((starter.site / "search" / "search_index.json").read_text())["docs"]
    text = " ".join(re.sub(r"<[^>]+>", " ", d["title"] + " " + d["text"]) for d in docs)
    text = re.sub(r"\s+", " ", text.replace("&quot;", '"').replace("&#39;", "'"))
    for entry in starter_data.of_kind("ritual") + starter_data.of_kind("script"):
        words = entry.steps[0] if hasattr(entry, "steps") else entry.lines[0]
        sample = " ".join(re.findall(r"[A-Za-z']+", words)[:5])
        assert re.search(r"\b" + r"\W+".join(sample.split()), text), (
            f"search does not find '{entry.id}' by '{sample}'")


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The starter with a second strategy, written in a file of its own, and the strategies'
    table on the home page."""
    project = starter_guide(tmp_path_factory.mktemp("tables") / "guide")
    (project / "data" / "extra.yml").write_text(
        "strategies:\n  - id: time-apart\n    title: A planned <b>break</b>\n"
        "    summary: Time apart.\n    pros: [Room to think.]\n    cons: [It can drift.]\n"
        "    when: When you both need space.\n", encoding="utf-8")
    home_page = project / "content" / "index.md"
    home_page.write_text(home_page.read_text(encoding="utf-8")
                         + "\n<!-- guide:table strategy -->\n", encoding="utf-8")
    result = build(project, strict=True)
    assert result.returncode == 0, result.output
    return result


def test_the_strategies_table_has_a_row_per_strategy(tables: Build) -> None:
    guide = load_guide(tables.site.parent / "data")
    html = tables.html("")
    rows = re.findall(r'<tr data-guide-id="([^"]+)">(.*?)</tr>', html, re.S)
    strategies = guide.of_kind("strategy")
    assert len(strategies) == 2 and [row_id for row_id, _ in rows] == [s.id for s in strategies]
    for (_, row), strategy in zip(rows, strategies, strict=True):
        assert row.count("<td") == 3 and '<th scope="row"' in row
        for words in (strategy.pros[0], strategy.cons[0], strategy.when):
            assert words.replace("'", "&#39;") in row, f"'{words}' is not in the table"
    head = html[:html.index('data-guide-id="fixed-jobs"')]
    assert len(re.findall(r'<th scope="col"', head[head.rindex("<table"):])) == 4


@pytest.mark.content
def test_this_guides_strategies_table_names_its_columns(site: Build) -> None:
    html = site.html("library/strategies/")
    table = html[html.index("<table"):html.index("</table>")]
    assert re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', table) == [
        "Way to repair", "What helps", "What to watch for", "When it fits"]


def test_a_table_of_a_kind_without_one_is_an_author_error(tmp_path: Path) -> None:
    project = starter_guide(tmp_path / "guide")
    (project / "content" / "extra.md").write_text("# Extra\n\n<!-- guide:table ritual -->\n")
    code, output = check(project)  # the build stops with the same line (test_author_markdown.py)
    assert code != 0 and "Traceback" not in output
    assert ("content/extra.md:3:1: entry 'ritual', field 'guide:table': no table for the kind "
            "'ritual' (expected one of helpline, situation, strategy)") in output


def test_a_new_strategy_gets_a_row_without_code_changes(tables: Build) -> None:
    html = tables.html("")
    assert "data-guide-id=\"time-apart\"" in html and "A planned &lt;b&gt;break" in html


def test_the_index_by_situation_leads_to_each_path_and_its_scripts(
        starter: Build, starter_data: Guide) -> None:
    page_url = ""  # the starter's home page holds the table
    html = starter.html(page_url)
    rows = dict(re.findall(r'<tr data-guide-table-id="([^"]+)">(.*?)</tr>', html, re.S))
    assert list(rows) == [s.id for s in starter_data.of_kind("situation")]
    for kind in ("path", "script", "story"):
        for entry in starter_data.of_kind(kind):
            target, anchor = home(starter_data, entry.id)
            hrefs = [_resolve(page_url, h) + (h.partition("#")[2] and "#" + h.partition("#")[2])
                     for h in re.findall(r'href="([^"]+)"', rows[entry.situation])]
            assert _url(target) + (f"#{anchor}" if anchor else "") in hrefs, (
                f"the {kind} '{entry.id}' is not listed under '{entry.situation}'")

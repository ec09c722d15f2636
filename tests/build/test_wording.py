"""What the script cards and the situations table say reads as plain, warm English: this guide's
roles (content), and the table's empty cells (the engine, on the starter)."""

from __future__ import annotations

import json
import re

import pytest

from guidekit.loader import load_guide
from guidekit.project import read_project
from tests.support.project import ROOT, Build, build, edit, starter_guide

# How each role of this guide (extra.guide.roles in mkdocs.yml) reads on a card; a new role in
# its settings must be added here
READS = {
    "hurt partner": "For the hurt partner",
    "partner who broke trust": "For the partner who broke trust",
    "either partner": "For either partner",
    "both partners": "For both partners",
}
CARD = re.compile(r'<article class="guide-entry guide-script" data-guide-id="([^"]+)">.*?'
                  r'<span class="guide-meta__item">([^<]*)</span>', re.DOTALL)


@pytest.fixture(scope="module")
def guide():
    return load_guide(ROOT / "data")


@pytest.fixture(scope="module")
def sparse(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The starter with a second situation that has no path, script or story yet."""
    project = starter_guide(tmp_path_factory.mktemp("sparse") / "guide")
    edit(project / "data" / "scripts.yml", "situations:\n", "situations:\n"
         "  - id: living-apart\n    title: When you live apart\n")
    result = build(project, strict=True)
    assert result.returncode == 0, result.output
    return result


@pytest.mark.content
def test_every_speaker_the_data_may_use_has_a_reading() -> None:
    roles = read_project(ROOT).settings["roles"]
    assert {role["id"]: role["label"] for role in roles} == READS


@pytest.mark.content
def test_each_script_card_says_who_it_is_for_in_plain_words(site, guide) -> None:
    cards = [(page, *card) for page in site.pages() for card in CARD.findall(site.html(page))]
    assert len(cards) >= len(guide.of_kind("script")), "script cards not found"
    for page, script_id, says in cards:
        assert says == READS[guide.get(script_id).speaker], f"{page}: {script_id} says '{says}'"
    for page in site.pages():
        html = site.html(page)
        assert not re.search(r"\bthe (either|both)\b", html, re.IGNORECASE), page


@pytest.mark.content
def test_each_script_card_names_its_situation_as_such(site, guide) -> None:
    scripts = site.html("library/scripts/")
    for script in guide.of_kind("script"):
        card = scripts[scripts.index(f'data-guide-id="{script.id}"'):]
        card = card[:card.index("</article>")]
        title = guide.get(script.situation).title
        assert re.search(rf'Situation: <a href="[^"]+">{re.escape(title)}</a>', card), script.id


def test_empty_cells_of_the_situations_table_are_a_quiet_dash(sparse: Build) -> None:
    html = sparse.html("")  # the starter's home page holds the table
    assert "None yet" not in html
    table = html[html.index('<div class="guide-table guide-table--situations"'):]
    table = table[:table.index("</table>")]
    cells = re.findall(r"<td data-label=[^>]*>(.*?)</td>", table, re.DOTALL)
    empty = [cell for cell in cells if "<a " not in cell]
    assert cells and empty, "the table has no empty cells to check"
    for cell in empty:
        assert re.fullmatch(r'<span aria-hidden="true" data-search-exclude>&mdash;</span>'
                            r'<span class="guide-sr" data-search-exclude>nothing here yet</span>',
                            cell.strip()), cell


def test_search_results_never_show_the_empty_cells(sparse: Build) -> None:
    index = json.loads((sparse.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    situations = [doc["text"] for doc in index["docs"]
                  if doc["location"] == "" or doc["location"].startswith("#")]
    assert situations and "When you live apart" in " ".join(situations), \
        "the table is not in the search index"
    for text in situations:
        assert "None yet" not in text and "nothing here yet" not in text

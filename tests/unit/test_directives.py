"""Embeds and `guide:` links in Markdown: found once, never inside code, and every slip reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidekit.directives import Directive, rewrite, scan
from guidekit.errors import GuideError
from guidekit.loader import load_guide
from guidekit.pages import GeneratedPage, page_collisions
from guidekit.project import ENGINE_THEME
from guidekit.site import GuideSite
from tests.support.project import starter_guide


def _ids(markdown: str) -> list[tuple[str | None, str]]:
    return [(d.kind, d.id) for d in scan(markdown)]


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The starter guide of `guidekit new`."""
    return starter_guide(tmp_path_factory.mktemp("starter") / "guide")


def _pages(guide: Path) -> dict[str, str | bytes]:
    return {p.relative_to(guide / "content").as_posix(): p.read_bytes()
            for p in (guide / "content").rglob("*.md")}


def _load(guide: Path, pages: dict[str, str | bytes]) -> GuideSite:
    return GuideSite.load(guide / "data", [ENGINE_THEME], pages, root=guide)


def _problems(guide: Path, page: str | bytes) -> list[str]:
    """Problems of the starter guide with `page` added as content/p.md."""
    pages = _pages(guide)
    pages["p.md"] = page.encode() if isinstance(page, str) else page
    with pytest.raises(GuideError) as raised:
        _load(guide, pages)
    return [line.strip() for line in str(raised.value).splitlines()[1:]]


# --- Code is left alone ------------------------------------------------------------------------

def test_an_indented_code_block_is_code_but_an_admonition_or_list_item_is_not() -> None:
    page = ("# P\n\nText.\n\n    <!-- guide:ritual in-code -->\n    [x](guide:in-code)\n\n"
            "!!! note\n\n    <!-- guide:ritual in-note -->\n\n"
            "- item\n\n    [x](guide:in-list)\n\nAfter.\n\n    <!-- guide:ritual code-again -->\n")
    assert _ids(page) == [("ritual", "in-note"), (None, "in-list")]


def test_a_paragraph_continued_with_four_spaces_is_not_code() -> None:
    assert _ids("Some words\n    and [x](guide:a)\n") == [(None, "a")]


def test_a_longer_fence_closes_only_with_as_many_backticks() -> None:
    page = "````markdown\n```\n<!-- guide:ritual shown -->\n```\n````\n\n[x](guide:real)\n"
    assert _ids(page) == [(None, "real")]
    assert _ids("~~~\n```\n[x](guide:no)\n~~~\n[x](guide:yes)\n") == [(None, "yes")]


def test_double_backtick_code_spans_are_code() -> None:
    line = "Write ``<!-- guide:ritual `id` -->`` or `[x](guide:no)`, then [y](guide:yes).\n"
    assert _ids(line) == [(None, "yes")]


# --- Found once ------------------------------------------------------------------------------

def test_what_a_directive_becomes_is_never_scanned_again() -> None:
    seen: list[Directive] = []

    def replace(directive: Directive) -> str:
        seen.append(directive)
        return "<p>[Repair plan](guide:other) <!-- guide:ritual other --></p>"

    out = rewrite("<!-- guide:ritual a --> and [](guide:b)\n", replace)
    assert [d.id for d in seen] == ["a", "b"]
    assert out.count("[Repair plan](guide:other)") == 2


def test_every_way_of_writing_a_link_is_recognised() -> None:
    page = ("[a](guide: one) [b](guide:two \"A title\") [c](Guide:three) [d](<guide:four>)\n\n"
            "[e]: guide:five\n[f]: <GUIDE:six> 'Title'\n")
    found = scan(page)
    assert [d.id for d in found] == ["one", "two", "three", "four", "five", "six"]
    assert found[1].title == '"A title"' and found[4].label == "e"


def test_rewritten_links_keep_their_title_and_definitions_their_label() -> None:
    def replace(directive: Directive) -> str:
        if directive.label:
            return f"[{directive.label}]: /x/ {directive.title}".rstrip()
        return f"[{directive.text}](/x/ {directive.title})"

    out = rewrite('[b](guide:two "T")\n[e]: guide:five\n\n- item\n\n    [f]: guide:six\n', replace)
    assert out == '[b](/x/ "T")\n[e]: /x/\n\n- item\n\n    [f]: /x/\n'


# --- One line per slip -----------------------------------------------------------------------

def test_misspelt_embeds_are_reported_with_the_expected_form(starter: Path) -> None:
    lines = _problems(starter, "# P\n\n<!-- guide:Script asking-for-a-hand -->\n\n"
                      "<!-- guide:script -->\n\n<!-- guide script asking-for-a-hand -->\n\n"
                      "<!-- guide:ritaul a b -->\n\n"
                      "<!-- guide:ritual sunday-house-talk\n-->\n")
    assert lines == [
        "content/p.md:3:1: entry 'asking-for-a-hand': write the kind in lower case "
        "(expected <!-- guide:script asking-for-a-hand -->)",
        "content/p.md:5:1: an embed needs a kind and an id (expected <!-- guide:script ID -->)",
        "content/p.md:7:1: entry 'asking-for-a-hand': write a colon between guide and the kind "
        "(expected <!-- guide:script asking-for-a-hand -->)",
        "content/p.md:9:1: entry 'a': an embed takes a kind and one id, nothing more "
        "(expected <!-- guide:ritual a -->)",
        "content/p.md:11:1: entry 'sunday-house-talk': write an embed on one line, ending with "
        "--> (expected <!-- guide:ritual sunday-house-talk -->)",
    ]


def test_a_link_with_an_anchor_or_without_an_id_says_what_to_write(starter: Path) -> None:
    lines = _problems(starter,
                      "# P\n\nSee [goals](guide:first-four-weeks#goals) or [this](guide:).\n")
    assert lines == [
        "content/p.md:3:5: entry 'first-four-weeks#goals', field 'guide:link': guide: links take "
        "an entry id only, without #goals (write guide:first-four-weeks)",
        "content/p.md:3:46: field 'guide:link': write the entry's id after guide:",
    ]


def test_widened_links_are_checked(starter: Path) -> None:
    lines = _problems(starter, "# P\n\n[a](guide: nope-one) [b](Guide:nope-two 'T')\n\n"
                      "[c]: <guide:nope-3>\n")
    assert [line.split(": entry ")[0] for line in lines] == [
        "content/p.md:3:1", "content/p.md:3:22", "content/p.md:5:1"]
    assert all("no entry has the id 'nope-" in line for line in lines)


def test_a_built_page_with_a_guide_href_left_is_a_problem_naming_page_and_line(
        starter: Path) -> None:
    site = _load(starter, _pages(starter))
    html = '<p><a href="guide:x">x</a> and <a href="../ok/">ok</a> and <a href=GUIDE:y>y</a></p>'
    problems = site.check_html("safety.md", html, lambda: "# S\n\nSome [x]\n\n[x]:\n  guide:x\n")
    assert [str(p) for p in problems] == [
        "content/safety.md:6:3: the link 'guide:x' was not turned into a link to an entry "
        "(write it as [words](guide:ID) or [](guide:ID))",
        "content/safety.md:1:1: the link 'GUIDE:y' was not turned into a link to an entry "
        "(write it as [words](guide:ID) or [](guide:ID))"]
    assert site.check_html("safety.md", '<a href="../guide/x/">x</a>', lambda: "") == []


def test_a_page_not_saved_as_utf8_is_one_line_naming_where(starter: Path) -> None:
    lines = _problems(starter, b"# P\n\n<!-- guide:ritual nope -->\n\n\nOur caf\xe9 ok\n")
    assert lines == ["content/p.md:6:8: this page is not saved as UTF-8 (byte 0xE9, maybe 'é'): "
                     "save it as UTF-8"]


def test_two_entries_with_the_same_generated_page_are_named_together(starter: Path) -> None:
    guide = load_guide(starter / "data", root=starter)
    made = [GeneratedPage("tools/index.md", "", title="Print and track"),
            GeneratedPage("tools/same.md", "", entry="four-week-sheet"),
            GeneratedPage("tools/same.md", "", entry="sunday-house-talk"),
            GeneratedPage("tools/index.md", "", entry="monthly-home-check")]
    problems = [str(p) for p in page_collisions(guide, made)]
    assert len(problems) == 3
    assert ("entry 'sunday-house-talk', field 'id': its page tools/same.md would also be the page "
            "of entry 'four-week-sheet' (choose another id)") in problems[0] + problems[1]
    assert "entry 'four-week-sheet'" in problems[0] + problems[1]
    assert problems[2].endswith("entry 'monthly-home-check', field 'id': its page "
                                "tools/index.md would also be the page of the generated page "
                                "'Print and track' (choose another id)")

"""Embeds and `guide:` links in Markdown: found once, never inside code, and every slip reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidekit.directives import Directive, rewrite, scan
from guidekit.errors import GuideError
from guidekit.loader import load_guide
from guidekit.pages import GeneratedPage, page_collisions
from guidekit.site import GuideSite

ROOT = Path(__file__).resolve().parents[2]


def _ids(markdown: str) -> list[tuple[str | None, str]]:
    return [(d.kind, d.id) for d in scan(markdown)]


def _problems(page: str | bytes) -> list[str]:
    """Problems of the real guide with `page` added as content/p.md."""
    pages: dict[str, str | bytes] = {p.relative_to(ROOT / "content").as_posix(): p.read_bytes()
                                     for p in (ROOT / "content").rglob("*.md")}
    pages["p.md"] = page.encode() if isinstance(page, str) else page
    with pytest.raises(GuideError) as raised:
        GuideSite.load(ROOT / "data", [ROOT / "overrides"], pages, root=ROOT)
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

def test_misspelt_embeds_are_reported_with_the_expected_form() -> None:
    lines = _problems("# P\n\n<!-- guide:Script say-sorry -->\n\n<!-- guide:script -->\n\n"
                      "<!-- guide script say-sorry -->\n\n<!-- guide:ritaul a b -->\n\n"
                      "<!-- guide:ritual weekly-video-date\n-->\n")
    assert lines == [
        "content/p.md:3:1: entry 'say-sorry': write the kind in lower case "
        "(expected <!-- guide:script say-sorry -->)",
        "content/p.md:5:1: an embed needs a kind and an id (expected <!-- guide:script ID -->)",
        "content/p.md:7:1: entry 'say-sorry': write a colon between guide and the kind "
        "(expected <!-- guide:script say-sorry -->)",
        "content/p.md:9:1: entry 'a': an embed takes a kind and one id, nothing more "
        "(expected <!-- guide:ritual a -->)",
        "content/p.md:11:1: entry 'weekly-video-date': write an embed on one line, ending with "
        "--> (expected <!-- guide:ritual weekly-video-date -->)",
    ]


def test_a_link_with_an_anchor_or_without_an_id_says_what_to_write() -> None:
    lines = _problems("# P\n\nSee [goals](guide:first-30-days#goals) or [this](guide:).\n")
    assert lines == [
        "content/p.md:3:5: entry 'first-30-days#goals', field 'guide:link': guide: links take an "
        "entry id only, without #goals (write guide:first-30-days)",
        "content/p.md:3:43: field 'guide:link': write the entry's id after guide:",
    ]


def test_widened_links_are_checked() -> None:
    lines = _problems("# P\n\n[a](guide: nope-one) [b](Guide:nope-two 'T')\n\n"
                      "[c]: <guide:nope-3>\n")
    assert [line.split(": entry ")[0] for line in lines] == [
        "content/p.md:3:1", "content/p.md:3:22", "content/p.md:5:1"]
    assert all("no entry has the id 'nope-" in line for line in lines)


def test_a_built_page_with_a_guide_href_left_is_a_problem_naming_page_and_line() -> None:
    pages = {p.relative_to(ROOT / "content").as_posix(): p.read_bytes()
             for p in (ROOT / "content").rglob("*.md")}
    site = GuideSite.load(ROOT / "data", [ROOT / "overrides"], pages, root=ROOT)
    html = '<p><a href="guide:x">x</a> and <a href="../ok/">ok</a> and <a href=GUIDE:y>y</a></p>'
    problems = site.check_html("safety.md", html, lambda: "# S\n\nSome [x]\n\n[x]:\n  guide:x\n")
    assert [str(p) for p in problems] == [
        "content/safety.md:6:3: the link 'guide:x' was not turned into a link to an entry "
        "(write it as [words](guide:ID) or [](guide:ID))",
        "content/safety.md:1:1: the link 'GUIDE:y' was not turned into a link to an entry "
        "(write it as [words](guide:ID) or [](guide:ID))"]
    assert site.check_html("safety.md", '<a href="../guide/x/">x</a>', lambda: "") == []


def test_a_page_not_saved_as_utf8_is_one_line_naming_where() -> None:
    lines = _problems(b"# P\n\n<!-- guide:ritual nope -->\n\n\nOur caf\xe9 ok\n")
    assert lines == ["content/p.md:6:8: this page is not saved as UTF-8 (byte 0xE9, maybe 'é'): "
                     "save it as UTF-8"]


def test_two_entries_with_the_same_generated_page_are_named_together() -> None:
    guide = load_guide(ROOT / "data", root=ROOT)
    made = [GeneratedPage("tools/index.md", "", title="Print and track"),
            GeneratedPage("tools/same.md", "", entry="repair-plan-sheet"),
            GeneratedPage("tools/same.md", "", entry="30-day-worksheet"),
            GeneratedPage("tools/index.md", "", entry="monthly-trust-checklist")]
    problems = [str(p) for p in page_collisions(guide, made)]
    assert len(problems) == 3
    assert ("entry '30-day-worksheet', field 'id': its page tools/same.md would also be the page "
            "of entry 'repair-plan-sheet' (choose another id)") in problems[0] + problems[1]
    assert "entry 'repair-plan-sheet'" in problems[0] + problems[1]
    assert problems[2].endswith("entry 'monthly-trust-checklist', field 'id': its page "
                                "tools/index.md would also be the page of the generated page "
                                "'Print and track' (choose another id)")

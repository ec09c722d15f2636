"""YAML text is data: escaped, with emphasis and links. A page is UTF-8, or the byte is named."""

from __future__ import annotations

from guidekit.errors import Problem
from guidekit.text import decode_page, inline, plain

TITLES = {"repair-plan-sheet": "Repair *plan* <sheet>"}


def _inline(text: str) -> str:
    return str(inline(text, lambda i: f"../tools/{i}/", TITLES.__getitem__))


def test_an_empty_guide_link_shows_the_entry_title_escaped() -> None:
    assert _inline("Use the [](guide:repair-plan-sheet) now.") == (
        'Use the <a href="../tools/repair-plan-sheet/">Repair plan &lt;sheet&gt;</a> now.')


def test_guide_links_in_any_case_or_spacing_become_links() -> None:
    html = _inline("[a](Guide:repair-plan-sheet) [b](guide: repair-plan-sheet) "
                   "[c](<guide:repair-plan-sheet>)")
    assert html.count('href="../tools/repair-plan-sheet/"') == 3 and "guide:" not in html


def test_text_is_escaped_and_unsafe_links_stay_text() -> None:
    html = _inline('<b>x</b> **bold** [bad](javascript:alert(1)) [ok](https://e.org/?a=1&b=2)')
    assert html.startswith("&lt;b&gt;x&lt;/b&gt; <strong>bold</strong> [bad](javascript:")
    assert html.endswith('<a href="https://e.org/?a=1&amp;b=2">ok</a>')


def test_plain_drops_the_markup() -> None:
    assert plain("**A** [b](https://e.org) [c](guide:x)") == "A b c"


def test_utf8_pages_decode_and_others_name_the_byte() -> None:
    assert decode_page("\ufeffCafé".encode(), "content/a.md") == "Café"
    problem = decode_page(b"# T\n\nA caf\xe9\n", "content/guide/x.md")
    assert isinstance(problem, Problem)
    assert str(problem) == ("content/guide/x.md:3:6: this page is not saved as UTF-8 "
                            "(byte 0xE9, maybe 'é'): save it as UTF-8")

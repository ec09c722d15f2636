"""Material's known markup slips are repaired on the rendered page, not in copies of its
templates; a page without the slip is left as it is."""

from __future__ import annotations

from guidekit.valid_html import repaired

SEARCH = ('<div class="md-search" data-md-component="search" role="dialog">\n'
          '<form><nav class="md-search__options" aria-label="Búsqueda"></nav></form></div>')


def test_the_search_dialog_is_named_in_the_pages_language() -> None:
    assert repaired(SEARCH).startswith(
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Búsqueda">')


def test_a_page_without_the_theme_search_is_unchanged() -> None:
    page = '<div role="dialog" aria-label="Mine"><nav aria-label="x"></nav></div>'
    assert repaired(page) == page

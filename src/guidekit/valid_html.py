"""Fixes for stock Material's markup: some make it pass the Nu Html Checker and axe, one makes
the footer's labels read right.

Each repairs one exact pattern that a Material template writes outside any block a theme can
override, so the fix is made on the rendered page instead of in a copy of a whole template. When
Material stops writing a pattern, its fix does nothing; the checker test catches anything new.
"""

from __future__ import annotations

import re
from html import unescape

# base.html: `autocomplete` is not allowed on checkboxes. Material writes it on its two hidden
# toggles (drawer and search) only to stop Firefox restoring their state on reload.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')

# partials/nav-item.html: section labels get `tabindex=""`, which is not a number.
_EMPTY_TABINDEX = re.compile(r' tabindex=""')

# partials/toc.html: the "Table of contents" title points at `#__toc`, an input that
# nav-item.html only writes when the page has a table of contents in the navigation.
_TOC_TITLE = '<label class="md-nav__title" for="__toc">'

# partials/footer.html: "Previous" / "Next" labels escape the page's title, which MkDocs already
# holds as HTML, a second time: a title "Fish & chips" is read out as "Fish &amp; chips".
_FOOTER_LABEL = re.compile(r'(class="md-footer__link [^"]*" aria-label=")([^"]*)"')

# partials/search.html: the search dialog has no name (axe: aria-dialog-name). The options bar
# inside it carries the theme's word for "Search", in the page's language: the dialog takes it.
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_NAME = re.compile(r'<nav class="md-search__options" aria-label="([^"<>]*)"')


def repaired(html: str) -> str:
    """`html` with Material's known markup errors fixed."""
    html = _FOOTER_LABEL.sub(
        lambda m: f'{m[1]}{unescape(m[2]).replace(chr(34), "&quot;")}"', html)
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    html = _EMPTY_TABINDEX.sub("", html)
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_TITLE, '<label class="md-nav__title">')
    name = _SEARCH_NAME.search(html)
    if name:
        html = html.replace(_SEARCH_DIALOG, f'{_SEARCH_DIALOG[:-1]} aria-label="{name[1]}">', 1)
    return html

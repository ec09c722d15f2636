"""MkDocs adapter that hardens every rendered page: valid markup, then a Content-Security-Policy.

The work is done by `guidekit.valid_html` and `guidekit.csp`; this file only applies it to each
page as it is written, including the theme's own pages such as 404.html.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from guidekit.csp import with_policy
from guidekit.valid_html import repaired

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Harden a page made from Markdown."""
    return _hardened(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """Harden a page the theme renders on its own (404.html); leave sitemap.xml alone."""
    if not template_name.endswith(".html"):
        return output_content
    return _hardened(output_content)


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


def _hardened(html: str) -> str:
    """Fix Material's markup, then add the policy, whose hashes must match the final scripts."""
    return with_policy(repaired(html))

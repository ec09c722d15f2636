"""MkDocs adapter that hardens every rendered page: valid markup, then a Content-Security-Policy.

The work is done by `guidekit.valid_html` and `guidekit.csp`; this file only applies it to each
page as it is written, including the theme's own pages such as 404.html. The inline scripts a
page may run are those of the templates in `guidekit.csp.SCRIPT_TEMPLATES`; any other fails the
build, naming the page.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from guidekit.csp import KnownScripts, UnknownScript, with_policy
from guidekit.valid_html import repaired

_known: KnownScripts | None = None

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read the known inline scripts from the theme's templates, once per build."""
    global _known
    try:
        _known = KnownScripts.from_templates([Path(d) for d in config.theme.dirs])
    except UnknownScript as error:
        raise PluginError(str(error)) from None
    return config


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Harden a page made from Markdown."""
    return _hardened(output, f"{Path(config.docs_dir).name}/{page.file.src_uri}")


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """Harden a page the theme renders on its own (404.html); leave sitemap.xml alone."""
    if not template_name.endswith(".html"):
        return output_content
    return _hardened(output_content, template_name)


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


def _hardened(html: str, page: str) -> str:
    """Fix Material's markup, then add the policy, whose hashes must match the final scripts."""
    assert _known is not None
    try:
        return with_policy(repaired(html), _known, page)
    except UnknownScript as error:
        raise PluginError(str(error)) from None

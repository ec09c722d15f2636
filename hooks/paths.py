"""MkDocs adapter: a "Next step" link at the end of every page on a reading path.

Which page comes next is decided by `guidekit.paths` from the `paths:` data; this file only
loads the data once per build and maps MkDocs' files to URLs and titles.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from guidekit.errors import GuideError
from guidekit.loader import Guide, load_guide
from guidekit.paths import render_next_steps
from guidekit.site import page_title

_guide: Guide | None = None
_env: Environment | None = None


# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Load the guide's data and the theme's partials, once per build.

    After `hooks/guide.py`, which has already reported every problem in the data and the pages.
    """
    global _guide, _env
    root = Path(config.config_file_path).parent
    try:
        _guide = load_guide(root / "data", root=root)
    except GuideError as error:
        raise PluginError(str(error)) from None
    _env = Environment(loader=FileSystemLoader([str(d) for d in config.theme.dirs]),
                       autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Add the page's "Next step" links, one for each path it is on."""
    assert _guide is not None and _env is not None

    def url_for(src_uri: str) -> str:
        return _file(files, src_uri).url_relative_to(page.file)

    def title_for(src_uri: str) -> str:
        return page_title(_file(files, src_uri).content_string, src_uri)

    links = render_next_steps(_env, _guide, page.file.src_uri, url_for=url_for,
                              title_for=title_for)
    return f"{markdown}\n\n{links}\n" if links else markdown


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


def _file(files: Files, src_uri: str):
    file = files.get_file_from_path(src_uri)
    if file is None:
        raise PluginError(f"paths: no page '{src_uri}' in the site")
    return file

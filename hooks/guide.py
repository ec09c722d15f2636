"""MkDocs adapter for guidekit: load the guide's data once, generate its pages and calendars,
render its embeds and "Next step" links.

Everything that knows about the guide lives in the `guidekit` package; this file only maps MkDocs
events onto it. An author's mistake becomes a `PluginError` listing every problem, one per line.

A guide anywhere on disk uses the engine by naming this file under `hooks:` in its mkdocs.yml:
the engine's templates, stylesheets and scripts are then added to its theme here, so the guide
keeps only the overrides it wants (in its own `theme.custom_dir`, which comes first).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from guidekit.assets import FRAME, Assets, page_assets, script_rules
from guidekit.calendar import calendar_files, site_key
from guidekit.errors import GuideError
from guidekit.helplines import stale_helplines
from guidekit.loader import data_files
from guidekit.pages import Layout
from guidekit.project import ENGINE_THEME, leaky_features
from guidekit.quick_exit import QuickExitError, quick_exit
from guidekit.render import Renderer
from guidekit.settings import GuideSettings, SettingsError, read_settings
from guidekit.site import GuideSite
from guidekit.strings import Strings, StringsError
from guidekit.strings import load as load_strings
from guidekit.toc import toc_tokens


@dataclass
class _Build:
    """What one build has learnt so far; each build (and each rebuild of `mkdocs serve`) starts
    afresh in on_config."""

    loaded: GuideSite | None = None
    assets: dict[str, Assets] = field(default_factory=dict)  # by page, from on_page_content on
    words: Strings | None = None  # the strings of theme.language, from on_config on
    settings: GuideSettings | None = None  # extra.guide, from on_config on
    layout: Layout | None = None  # where generated pages go, from on_config on
    rendering: Renderer | None = None

    @property
    def site(self) -> GuideSite:
        """The checked guide, from on_files on."""
        if self.loaded is None:
            raise PluginError("hooks/guide.py: the guide is used before on_files loaded it")
        return self.loaded

    @property
    def renderer(self) -> Renderer:
        """What renders the pages, from on_nav on (when every page's title is known)."""
        if self.rendering is None:
            raise PluginError("hooks/guide.py: a page is rendered before on_nav named the pages")
        return self.rendering


_build = _Build()
_log = get_plugin_logger("guide")


# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start a fresh build, and give the theme the engine's templates and assets."""
    _build.loaded, _build.rendering = None, None
    _build.assets.clear()

    # The guide's settings, and the words readers see in the theme's language
    try:
        _build.settings = read_settings(config.extra.get("guide"))
        _build.words = load_strings(config.theme.get("language") or "en",
                                    _build.settings.strings)
        _build.layout = Layout.of(_build.settings.pages, _build.words)
    except (SettingsError, StringsError) as error:
        raise PluginError(str(error)) from None

    # No theme feature may leave what a reader searched for in their history
    leaks = leaky_features(config.theme.get("features") or [])
    if leaks:
        raise PluginError("\n".join(leaks))

    # The engine's folder comes right after the guide's own custom_dir (if any), before Material
    if not ENGINE_THEME.is_dir():
        raise PluginError(f"hooks/guide.py: the engine's templates are not at {ENGINE_THEME}; "
                          "install guidekit from its folder with `pip install -e`")
    if ENGINE_THEME not in [Path(d).resolve() for d in config.theme.dirs]:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(ENGINE_THEME))

    # Where "Leave this site quickly" goes, named for the link's hint, unless a guide turns the
    # block off (main.html then leaves it out)
    config.extra["quick_exit"] = _build.settings.blocks.quick_exit
    if not config.extra["quick_exit"]:
        return config
    try:
        leave = quick_exit(config.extra)
    except QuickExitError as error:
        raise PluginError(str(error)) from None
    config.extra["quick_exit_url"], config.extra["quick_exit_label"] = leave.url, leave.label
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Load and check the data together with every hand-written page, then add generated pages."""
    root = Path(config.config_file_path).parent
    pages = {f.src_uri: f.content_bytes for f in files.documentation_pages()}  # core decodes
    try:
        site = GuideSite.load(root / "data", _template_dirs(config), pages, root=root,
                              docs_name=Path(config.docs_dir).name,
                              cache_dir=root / ".cache" / "guidekit" / "templates",
                              words=_build.words, settings=_build.settings,
                              layout=_build.layout)
    except GuideError as error:
        raise PluginError(str(error)) from None
    _build.loaded = site

    # A help line checked more than a year ago: a notice at INFO level, which --strict lets pass
    for notice in stale_helplines(site.guide, _build_time().date()):
        _log.info("Check this help line again: %s", notice)

    # Pages made from the data, unless an author wrote a page at the same path
    for page in site.generated(set(pages)):
        files.append(File.generated(config, page.src_uri, content=page.markdown,
                                    inclusion=InclusionLevel.NOT_IN_NAV))  # on_nav places it

    # "Help now" under every page, when the guide has a page of help lines to lead to: its URL
    help_page = files.src_uris.get(site.layout.shared("helpline"))
    config.extra["help_now"] = help_page.url if help_page else ""

    # A calendar (.ics) for every ritual and phase, starting the day after the build; stamped
    # with the time the data last changed, so a file only changes when what it shows does
    start = _build_time().astimezone().date() + timedelta(1)
    key = site_key(config.site_url or "", config.site_name)
    for calendar in calendar_files(site.guide, start=start, stamp=_data_time(root / "data"),
                                   site=key, link=_calendar_link(files, config),
                                   cache=root / ".cache" / "guidekit" / "calendars",
                                   say=site.words, folder=site.layout.folders["calendar"]):
        files.append(File.generated(config, calendar.path, content=calendar.content))
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """The theme's templates (main.html) get the same `t(key, **values)` as the engine's."""
    env.globals["t"] = _build.site.words.t

    # The engine's stylesheets and scripts (main.html writes them into the head, before the
    # guide's own): the frame's on a page the theme renders alone (404.html); a page made from
    # Markdown gets its own list in on_page_context. And the rules the scripts share with the
    # build, as data.
    env.globals["guide_assets"] = _unlisted(FRAME, config)
    env.globals["guide_rules"] = script_rules()
    return env


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Put generated pages that the nav doesn't list into the section of their folder, and take
    the navigation's titles for links to its pages."""
    listed = {page.file.src_uri for page in nav.pages}
    sections = _sections_by_folder(nav)
    for file in files.documentation_pages():
        if file.generated_by is None or file.src_uri in listed or file.page is None:
            continue
        section = sections.get(PurePosixPath(file.src_uri).parent.as_posix())
        if section is not None:
            section.children.append(file.page)
            file.page.parent = section

    # Pages in reading order, each linked to the one before and after (the footer's links)
    nav.pages = list(_pages_in(nav.items))
    for before, page, after in zip([None, *nav.pages[:-1]], nav.pages, [*nav.pages[1:], None],
                                   strict=True):
        page.previous_page, page.next_page = before, after

    # Links to a page ("Next step", "Read more in") name it as the navigation does; MkDocs'
    # titles are HTML, the core's are text
    _build.rendering = _build.site.renderer({page.file.src_uri: unescape(page.title)
                                             for page in nav.pages if page.title})
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace embeds with the entry's HTML and `guide:` links with real links."""

    def url_for(target: str) -> str:
        path, _, anchor = target.partition("#")
        file = files.src_uris.get(path)  # paths from the core are already POSIX and normal
        if file is None:
            raise PluginError(f"{page.file.src_uri}: links to '{path}', which is not built")
        if file is page.file and anchor:
            return f"#{anchor}"
        return file.url_relative_to(page.file) + (f"#{anchor}" if anchor else "")

    return _build.renderer.render_page(page.file.src_uri, markdown, url_for)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fail on a `guide:` link left dead; rebuild the table of contents with embedded entries."""
    # A safety net: a link to an entry in a form no directive turned into a real link
    problems = _build.site.check_html(page.file.src_uri, html, lambda: page.file.content_string)
    if problems:
        raise PluginError(str(GuideError(problems)))

    # The engine's files this page needs: the frame's, and those of the blocks it shows
    _build.assets[page.file.src_uri] = _unlisted(page_assets(html), config)

    # Headings of embedded entries belong in the table of contents
    if 'class="guide-' in html:
        page.toc = get_toc(toc_tokens(html))
    return html


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                    nav: Navigation) -> dict[str, Any]:
    """Give main.html the page's own list of the engine's stylesheets and scripts."""
    context["guide_assets"] = _build.assets[page.file.src_uri]
    return context


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


def _calendar_link(files: Files, config: MkDocsConfig) -> Callable[[str], str]:
    """Links from a calendar back to an entry: absolute when site_url is set, else from the root."""

    def link(entry_id: str) -> str:
        path, _, anchor = _build.site.target(entry_id).partition("#")
        file = files.src_uris.get(path)
        if file is None:
            raise PluginError(f"calendar: no page '{path}' for '{entry_id}'")
        url = file.url + (f"#{anchor}" if anchor else "")
        return urljoin(config.site_url, url) if config.site_url else url

    return link


def _unlisted(assets: Assets, config: MkDocsConfig) -> Assets:
    """The engine's files that a guide does not list itself in extra_css or extra_javascript."""
    listed = {str(item) for item in [*config.extra_css, *config.extra_javascript]}
    return Assets(css=tuple(n for n in assets.css if f"assets/guide/{n}" not in listed),
                  js=tuple(n for n in assets.js if f"assets/guide/{n}" not in listed))


def _pages_in(items: Sequence[Page | Section | Link]) -> Iterator[Page]:
    """Every page of the navigation, depth first, as the reader meets them."""
    for item in items:
        if isinstance(item, Page):
            yield item
        elif isinstance(item, Section):
            yield from _pages_in(item.children)


def _build_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)


def _data_time(data_dir: Path) -> datetime:
    """When the data last changed (to the second), or SOURCE_DATE_EPOCH for reproducible builds."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return _build_time()
    newest = max((p.stat().st_mtime for p in data_files(data_dir)), default=None)
    return datetime.fromtimestamp(int(newest), UTC) if newest else _build_time()


def _template_dirs(config: MkDocsConfig) -> list[Path]:
    """The theme's folders, custom_dir first, so overrides can restyle every partial."""
    return [Path(d) for d in config.theme.dirs]


def _sections_by_folder(nav: Navigation) -> dict[str, Section]:
    """Each nav section that holds a folder's index page, by that folder."""
    return {PurePosixPath(page.file.src_uri).parent.as_posix(): page.parent for page in nav.pages
            if PurePosixPath(page.file.src_uri).name == "index.md"
            and isinstance(page.parent, Section)}

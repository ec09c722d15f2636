"""`guidekit check`: every problem of a guide's project without building it, causes first."""

from __future__ import annotations

from pathlib import Path

from .errors import Problem
from .loader import read_guide
from .pages import Layout, generated_pages
from .project import CONFIG_NAME, check_nav, read_project
from .settings import SettingsError, read_settings
from .site import check_site
from .strings import StringsError, load
from .syntax import Unreadable


def check_project(root: Path) -> list[Problem]:
    """The problems of the data, the pages and the nav of the guide at `root`."""
    try:
        project = read_project(root)
    except Unreadable as error:
        return [error.problem]
    try:
        settings = read_settings(project.settings)
        words = load(project.language, settings.strings)
        layout = Layout.of(settings.pages, words)
    except (SettingsError, StringsError) as error:
        return [Problem(CONFIG_NAME, 1, 1, line.removeprefix(f"{CONFIG_NAME}: "), code="settings")
                for line in str(error).splitlines()]
    docs = project.docs
    pages = {p.relative_to(docs).as_posix(): p.read_bytes()  # decoded (and checked) by the core
             for p in sorted(docs.rglob("*.md"))}
    data = root / "data"
    site, problems = check_site(data, project.template_dirs(), pages, root=root,
                                docs_name=project.docs_dir, words=words, settings=settings,
                                layout=layout)
    if site is None:
        # The entries that did load still make their pages; the nav may name the others
        guide, _ = read_guide(data, root=root)
        made = [page.src_uri for page in generated_pages(guide, words, layout)]
        return [*problems, *check_nav(project, [*pages, *made], written=pages,
                                      broken=guide.broken)]
    return check_nav(project, [*pages, *(page.src_uri for page in site.made)], written=pages)

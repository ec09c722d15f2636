"""MkDocs adapter: add a calendar file (.ics) for every ritual and every roadmap phase.

The files are made by `guidekit.calendar`; this file only decides the build's dates and links.
Named `calendars.py`, not `calendar.py`: MkDocs puts `hooks/` first on `sys.path` while it loads
a hook, where a `calendar.py` would hide Python's own `calendar` module.
It must come after `hooks/guide.py` in `mkdocs.yml`, whose generated pages it links to.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from guidekit.calendar import calendar_files, site_key
from guidekit.errors import GuideError
from guidekit.loader import load_guide
from guidekit.pages import home

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Write the calendars, starting the day after the build, next to the pages."""
    root = Path(config.config_file_path).parent
    try:
        guide = load_guide(root / "data", root=root)
    except GuideError as error:
        raise PluginError(str(error)) from None

    # Links back to each ritual: absolute when site_url is set, else relative to the site's root
    def link(entry_id: str) -> str:
        path, anchor = home(guide, entry_id)
        file = files.get_file_from_path(path)
        if file is None:
            raise PluginError(f"calendar: no page '{path}' for '{entry_id}'")
        url = file.url + (f"#{anchor}" if anchor else "")
        return urljoin(config.site_url, url) if config.site_url else url

    stamp = _build_time()
    for calendar in calendar_files(guide, start=stamp.astimezone().date() + timedelta(days=1),
                                   stamp=stamp, site=site_key(config.site_url or "",
                                                              config.site_name), link=link):
        files.append(File.generated(config, calendar.path, content=calendar.content))
    return files


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


def _build_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)

"""`guidekit new DIR`: write a small, commented guide that builds as it is.

The starter's files are package data (`guidekit/starter/`). Its mkdocs.yml names the engine's
hooks by path: from the guide when it lies inside the engine's folder (as `examples/` does), so
the two move together; otherwise as an absolute path, so the guide may move anywhere.
"""

from __future__ import annotations

import json
import os
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from string import Template
from typing import Any

from .loader import json_schema
from .project import ENGINE_THEME, read_project
from .schema_info import with_choices
from .settings import read_settings

ENGINE_ROOT = ENGINE_THEME.parent
SCHEMA = Path("schema") / "guide-data.schema.json"


class NotEmpty(Exception):
    """The folder already holds files: a new guide never writes over them."""


def new_guide(target: Path) -> list[Path]:
    """Write the starter guide into `target` (made if missing); the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise NotEmpty(f"{target} is not an empty folder: choose a new one")
    values = {"site_name": _title(target), "hooks": _hooks_path(target)}
    written = []
    for relative, source in _starter_files(files("guidekit") / "starter", Path()):
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(Template(source.read_text(encoding="utf-8")).safe_substitute(values),
                        encoding="utf-8")
        written.append(path)
    # The schema the data files point at, for editors that complete and check fields
    schema = target / SCHEMA
    schema.parent.mkdir(parents=True, exist_ok=True)
    schema.write_text(json.dumps(guide_schema(target), indent=2, sort_keys=True) + "\n",
                      encoding="utf-8")
    return [*written, schema]


def guide_schema(root: Path) -> dict[str, Any]:
    """The JSON Schema of the data files of the guide at `root`, with its own roles and mediums
    (from its mkdocs.yml). Raises `Unreadable` or `SettingsError` for a mkdocs.yml in error."""
    return with_choices(json_schema(), read_settings(read_project(root).settings))


def _starter_files(folder: Traversable, relative: Path):
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if item.is_dir():
            yield from _starter_files(item, relative / item.name)
        elif not item.name.startswith("."):
            yield relative / item.name, item


def _hooks_path(target: Path) -> str:
    """The engine's hooks folder as the guide's mkdocs.yml names it."""
    hooks, where = ENGINE_ROOT / "hooks", target.resolve()
    if where.is_relative_to(ENGINE_ROOT):
        return Path(os.path.relpath(hooks, where)).as_posix()
    return hooks.as_posix()


def _title(target: Path) -> str:
    """A first site name from the folder's name: `my-sleep-guide` gives 'My sleep guide'."""
    words = target.resolve().name.replace("-", " ").replace("_", " ").strip()
    return words.capitalize() or "My guide"

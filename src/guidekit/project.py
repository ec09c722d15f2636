"""A guide's project folder as the engine sees it, without MkDocs: its mkdocs.yml (read with
PyYAML), its folders, its navigation checked against its pages, and where the engine's own
theme (templates, stylesheets, scripts) lives.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml

from .errors import Problem, did_you_mean
from .syntax import Unreadable, decode, explain

# The engine's templates, stylesheets and scripts: one folder that every guide's theme uses
# (hooks/guide.py adds it after the guide's own custom_dir), never copied into a guide.
ENGINE_THEME = Path(__file__).resolve().parents[2] / "overrides"
CONFIG_NAME = "mkdocs.yml"
# Theme features that put what a reader typed into an address the history keeps
LEAKY_FEATURES = {
    "search.highlight": "puts the words a reader searched for into the page's address (?h=...), "
                        "which the browser's history keeps",
}


class _ConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML that reads any tag (Material's `!!python/name:`, MkDocs' `!ENV`, `!relative`)
    as the plain value written after it: the engine needs the nav and a few names, not objects."""


def _untagged(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]


_ConfigLoader.add_multi_constructor("", _untagged)


@dataclass(frozen=True)
class NavEntry:
    """A page the nav names, and where in mkdocs.yml."""

    path: str
    line: int
    column: int


@dataclass
class Project:
    """What the engine reads from a guide's mkdocs.yml."""

    root: Path
    docs_dir: str = "docs"  # MkDocs' default
    custom_dir: str | None = None
    nav: list[NavEntry] | None = None  # None: no nav, MkDocs lists every page itself
    # A page of the docs folder left out of the nav fails a strict build (MkDocs' setting
    # validation.omitted_files: warn), unless not_in_nav names pages that may be left out
    omitted_fails: bool = False
    language: str = "en"  # theme.language: which strings file readers see
    settings: object = None  # extra.guide, as written

    @property
    def docs(self) -> Path:
        return self.root / self.docs_dir

    def template_dirs(self) -> list[Path]:
        """The guide's own overrides first (when it has some), then the engine's theme."""
        dirs = [(self.root / self.custom_dir).resolve()] if self.custom_dir else []
        return [*dirs, *([ENGINE_THEME] if ENGINE_THEME not in dirs else [])]


def read_project(root: Path) -> Project:
    """The project at `root`; `Unreadable` when its mkdocs.yml is not YAML or not a mapping.

    Without a mkdocs.yml, the folders are the engine's usual ones (content/, data/).
    """
    path = root / CONFIG_NAME
    if not path.is_file():
        return Project(root, docs_dir="content")
    text = decode(path.read_bytes(), CONFIG_NAME)
    loader = _ConfigLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        raise Unreadable(explain(error, text, CONFIG_NAME)) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise Unreadable(Problem(CONFIG_NAME, 1, 1, "expected settings such as 'site_name:'",
                                 hint="see the starter guide: python -m guidekit new DIR",
                                 code="not-settings"))
    theme = _mapping(data.get("theme"))
    validation = _mapping(data.get("validation"))
    omitted = validation.get("omitted_files", _mapping(validation.get("nav")).get("omitted_files"))
    nav_node = next((value for key, value in node.value if key.value == "nav"), None)
    return Project(root, docs_dir=str(data.get("docs_dir") or "docs"),
                   custom_dir=theme.get("custom_dir"),
                   language=str(theme.get("language") or "en"),
                   settings=_mapping(data.get("extra")).get("guide"),
                   nav=None if nav_node is None else list(_nav_entries(nav_node)),
                   omitted_fails=omitted == "warn" and bool(data.get("strict"))
                   and not data.get("not_in_nav"))


def _mapping(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _nav_entries(node: yaml.Node) -> Iterator[NavEntry]:
    """Every page path the nav names: `- page.md`, `- Title: page.md`, `- Section: [...]`."""
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nav_entries(item)
    elif isinstance(node, yaml.MappingNode):
        for _title, value in node.value:
            yield from _nav_entries(value)
    elif isinstance(node, yaml.ScalarNode) and node.value and _is_page(node.value):
        yield NavEntry(node.value, node.start_mark.line + 1, node.start_mark.column + 1)


def _is_page(target: str) -> bool:
    """A nav entry names a page unless it is a link: a URL or an absolute path."""
    parts = urlsplit(target)
    return not (parts.scheme or parts.netloc or target.startswith("/"))


def check_nav(project: Project, pages: Iterable[str], *, written: Iterable[str] = (),
              broken: Container[str] = ()) -> list[Problem]:
    """A nav entry must name a page of the site (hand-written or made from the data), and a
    hand-written page must be in the nav when the build would fail without it.

    A page named after an entry in `broken` (already reported as wrong) may be that entry's
    page, once it is fixed: it is not reported again.
    """
    known = set(pages)
    problems = []
    if project.nav is not None and project.omitted_fails:
        listed = {PurePosixPath(e.path.removeprefix("./")).as_posix() for e in project.nav}
        problems.extend(Problem(f"{project.docs_dir}/{page}", 1, 1,
                                f"the page is not in the nav of {CONFIG_NAME}",
                                hint="add it under 'nav:', or delete the page", code="nav-omitted")
                        for page in sorted(set(written) - listed))
    for entry in project.nav or []:
        path = PurePosixPath(entry.path.removeprefix("./")).as_posix()
        if path in known or PurePosixPath(path).stem in broken:
            continue
        problems.append(Problem(
            CONFIG_NAME, entry.line, entry.column,
            f"no page '{entry.path}' in {project.docs_dir}/ or made from the data", field="nav",
            hint=did_you_mean(path, sorted(known)) or "write the page, or remove this line",
            code="nav-page"))
    return problems


def leaky_features(features: Iterable[str]) -> list[str]:
    """One line for each theme feature that would leave a reader's words in their history."""
    return [f"{CONFIG_NAME}: theme.features: '{name}' {why}; remove it"
            for name in features if (why := LEAKY_FEATURES.get(name))]

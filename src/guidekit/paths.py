"""Reading paths: where a page sits on each path, and which page comes next.

A path (`paths:` in the data) is a page of its own followed by its steps. Every page on a path
gets a "Next step" link for that path, so a reader never reaches a dead end: the last step leads
on to the path's `then` page, or to the list of every path. Nothing here is written by hand per
page; it all comes from the data.

A page may say which situations it is written for (`fits:` in its front matter, or in the data
of the entry it is generated from). A path may only lead to pages that fit its situation, so a
reader in one situation is never sent through pages written for another.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import yaml
from jinja2 import Environment

from .errors import Problem, did_you_mean
from .loader import Guide
from .models import Path
from .pages import Layout, default_layout, home
from .text import html_block

TEMPLATE = "partials/guide/next-steps.html"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)---[ \t]*(\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class NextStep:
    """From a page on `path`: its place (0 is the path's own page) and the page to read next."""

    path: Path
    position: int
    total: int
    target: str
    finished: bool


def sequence(guide: Guide, path: Path, layout: Layout | None = None) -> list[str]:
    """The pages of a path in reading order, starting with the path's own page."""
    return [home(guide, path.id, layout)[0], *path.steps]


def next_steps_by_page(guide: Guide, layout: Layout | None = None) -> dict[str, list[NextStep]]:
    """Every page on a path, with its next step on each path it belongs to (paths in the order
    they are written). Made once per build: a page's lookup is then a dict away.

    A path without a `then` page leads, after its last step, to the list of every path."""
    layout = layout or default_layout()
    every_path = layout.index("paths")
    found: dict[str, list[NextStep]] = {}
    for path in guide.of_kind("path"):
        pages = sequence(guide, path, layout)
        for position, page in enumerate(pages):
            finished = position == len(pages) - 1
            found.setdefault(page, []).append(NextStep(
                path, position, len(pages) - 1,
                (path.then or every_path) if finished else pages[position + 1], finished))
    return found


def next_steps(guide: Guide, src_uri: str, layout: Layout | None = None) -> list[NextStep]:
    """The next step from `src_uri` on every path it belongs to."""
    return next_steps_by_page(guide, layout).get(src_uri, [])


def by_target(steps: list[NextStep]) -> list[list[NextStep]]:
    """Steps that lead to the same page the same way, together: one link for all their paths."""
    groups: dict[tuple[str, bool], list[NextStep]] = {}
    for step in steps:
        groups.setdefault((step.target, step.finished), []).append(step)
    return list(groups.values())


def render_next_steps(env: Environment, steps: list[NextStep], *,
                      url_for: Callable[[str], str], title_for: Callable[[str], str]) -> str:
    """A page's "Next step" links as HTML (empty when the page is on no path).

    The partial gets every step, and `groups`: the steps that share a next page, in order.
    """
    if not steps:
        return ""
    return html_block(env.get_template(TEMPLATE).render(
        steps=steps, groups=by_target(steps), url=url_for, title=title_for))


# --- Which pages fit which path ----------------------------------------------------------------


def page_fits(markdown: str) -> list[str] | None:
    """The situations a page says it is written for (`fits:` in its front matter), or None when
    it does not say, which means it fits every situation."""
    match = _FRONT_MATTER.match(markdown)
    try:
        meta = yaml.safe_load(match[1]) if match else None
    except yaml.YAMLError:
        return None  # MkDocs reports front matter it cannot read
    fits = meta.get("fits") if isinstance(meta, dict) else None
    if fits is None:
        return None
    return [str(f) for f in fits] if isinstance(fits, list) else [str(fits)]


def check_paths(guide: Guide, pages: Mapping[str, str], made_for: Mapping[str, str],
                name: Callable[[str], str]) -> list[Problem]:
    """Every step (and `then` page) of a path is a page of the site, and fits the path.

    `pages` maps each page to its Markdown; `made_for` maps a generated page to the entry it was
    made from, whose `fits` it takes when its Markdown says nothing. `name` names a page in a
    problem.
    """
    problems, fits = [], {}
    situations = [s.id for s in guide.of_kind("situation")]
    for src_uri, markdown in pages.items():
        written = page_fits(markdown)
        for wrong in [s for s in written or [] if s not in situations]:
            problems.append(Problem(name(src_uri), 1, 1, f"no situation has the id '{wrong}'",
                                    field="fits", hint=did_you_mean(wrong, situations),
                                    code="unknown-situation"))
        entry = guide.records.get(made_for.get(src_uri, ""))
        own = list(getattr(entry.entry, "fits", [])) if entry else []
        fits[src_uri] = (written if written is not None else own) or None  # none: fits all
    for record in guide.records.values():
        if record.kind != "path":
            continue
        path = record.entry
        steps = [(f"steps[{i}]", step) for i, step in enumerate(path.steps)]
        for field_path, step in [*steps, *([("then", path.then)] if path.then else [])]:
            at = (record.file, *record.where(field_path))
            if step not in pages:
                problems.append(Problem(*at, f"no page '{step}' in the site", entry=path.id,
                                        field=field_path, hint=did_you_mean(step, pages),
                                        code="no-such-page"))
            elif fits[step] is not None and path.situation not in fits[step]:
                problems.append(Problem(
                    *at, f"the page '{step}' is written for {', '.join(fits[step])}, not for "
                    f"'{path.situation}'", entry=path.id, field=field_path,
                    hint=f"take it off this path, or add {path.situation} to the page's fits",
                    code="page-does-not-fit"))
    return problems

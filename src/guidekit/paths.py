"""Reading paths: where a page sits on each path, and which page comes next.

A path (`paths:` in the data) is a page of its own followed by its steps. Every page on a path
gets a "Next step" link for that path, so a reader never reaches a dead end: the last step links
back to the path's own page. Nothing here is written by hand per page; it all comes from the data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import Environment

from .loader import Guide
from .models import Path
from .pages import home
from .text import html_block

TEMPLATE = "partials/guide/next-steps.html"


@dataclass(frozen=True)
class NextStep:
    """From a page on `path`: its place (0 is the path's own page) and the page to read next."""

    path: Path
    position: int
    total: int
    target: str
    finished: bool


def sequence(guide: Guide, path: Path) -> list[str]:
    """The pages of a path in reading order, starting with the path's own page."""
    return [home(guide, path.id)[0], *path.steps]


def next_steps_by_page(guide: Guide) -> dict[str, list[NextStep]]:
    """Every page on a path, with its next step on each path it belongs to (paths in the order
    they are written). Made once per build: a page's lookup is then a dict away."""
    found: dict[str, list[NextStep]] = {}
    for path in guide.of_kind("path"):
        pages = sequence(guide, path)
        for position, page in enumerate(pages):
            finished = position == len(pages) - 1
            found.setdefault(page, []).append(NextStep(
                path, position, len(pages) - 1, pages[0] if finished else pages[position + 1],
                finished))
    return found


def next_steps(guide: Guide, src_uri: str) -> list[NextStep]:
    """The next step from `src_uri` on every path it belongs to."""
    return next_steps_by_page(guide).get(src_uri, [])


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

"""What browser engine tests need from any guide: its words (the engine's strings in its language,
with its own overrides), its tool pages found in its build by the marks the partials write, and a
starter guide changed to hold every tool a guide may turn on, built and served once per process.
"""

from __future__ import annotations

import re
import string
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from guidekit import strings
from guidekit.loader import Guide, load_guide
from guidekit.project import read_project
from guidekit.settings import GuideSettings
from tests.support.browser import Server
from tests.support.project import ROOT, Build, build, built_site, edit, starter_guide


@cache
def words(root: Path = ROOT) -> strings.Strings:
    """The words the engine shows in the guide at `root`: its language, its overrides."""
    project = read_project(root)
    return strings.load(project.language, (project.settings or {}).get("strings"))


@cache
def guide(root: Path = ROOT) -> Guide:
    """The guide's data, as the build reads it."""
    return load_guide(root / "data")


def folders(root: Path = ROOT) -> dict[str, str]:
    """Where the guide's generated pages go: each family's folder (library, tools...)."""
    return GuideSettings.model_validate(read_project(root).settings or {}).pages.folders()


def pages_with(site: Build, mark: str) -> list[str]:
    """The built pages whose HTML carries `mark` (a tool's attribute), whatever the guide."""
    return [page for page in site.pages() if mark in site.html(page)]


def marked(site: Build, attribute: str) -> dict[str, str]:
    """Each value of `attribute` the build writes, with the first page that carries it: e.g.
    marked(site, "data-sheet") gives each worksheet's page by its id."""
    found: dict[str, str] = {}
    pattern = re.compile(rf'{attribute}="([^"]*)"')
    for page in site.pages():
        for match in pattern.finditer(site.html(page)):
            found.setdefault(match[1], page)
    return found


def checklist_page(site: Build, trackable: str = "monthly") -> tuple[str, str]:
    """The page and id of the guide's first checklist with the ticking tool."""
    pages = pages_with(site, f'data-trackable="{trackable}"')
    assert pages, f"this guide has no checklist with trackable: {trackable}"
    found = re.search(rf'data-guide-id="([^"]+)" data-trackable="{trackable}"',
                      site.html(pages[0]))
    return pages[0], found[1]


def sheet_pages(site: Build) -> dict[str, str]:
    """Each worksheet's own page, by the worksheet's id."""
    return marked(site, "data-sheet")


# A starter guide with every optional tool turned on: comparing ticks, rituals twice a week, with
# an end and monthly (all in its phase's calendar), a checklist ticked once, two reading paths.
RITUALS = """
  - id: twice-weekly-tidy
    title: Twice-weekly tidy
    cadence: weekly
    times_per_week: 2
    duration_minutes: 20
    time: "19:00"
    purpose: A short tidy twice a week, so the mess never piles up.
    steps:
      - Put on some music and tidy one room each.
  - id: three-weeks-of-new-jobs
    title: Three weeks of new jobs
    cadence: weekly
    for_weeks: 3
    duration_minutes: 10
    time: "20:00"
    purpose: Try a job the other one usually does, for three weeks.
    steps:
      - Pick a job you never do, and do it this week.
  - id: monthly-money-talk
    title: Monthly money talk
    cadence: monthly
    duration_minutes: 30
    time: "19:00"
    purpose: Look at the shared costs of the month together.
    steps:
      - Add up what the home cost this month.
"""
ONCE_CHECKLIST = """  - id: moving-in-checklist
    title: Moving-in checklist
    trackable: once
    items:
      - id: keys-copied
        text: Each of us has a key.
      - id: names-on-the-door
        text: Both our names are on the door.
"""


# A second reading path, which shares its first step with the starter's
PATH = """
  - id: sharing-the-costs
    title: We want to share the costs
    situation: new-to-sharing-a-home
    summary: A month to agree on who pays for what.
    steps:
      - safety.md
      - library/rituals.md
"""


def tool_starter(into: Path, site_url: str | None = None) -> Path:
    """The starter guide in `into`, changed to hold every tool (see RITUALS, ONCE_CHECKLIST);
    with `site_url`, set to it and with Material's instant navigation (which follows only the
    links listed in sitemap.xml, made from site_url)."""
    project = starter_guide(into)
    config = project / "mkdocs.yml"
    edit(config, "\n  guide:\n", "\n  guide:\n    blocks: {compare: true}\n")
    if site_url:
        config.write_text(f'site_url: "{site_url}"\n' + config.read_text(encoding="utf-8"),
                          encoding="utf-8")
        edit(config, "  features:\n", "  features:\n    - navigation.instant\n")
    with (project / "data/rituals.yml").open("a", encoding="utf-8") as rituals:
        rituals.write(RITUALS)
    edit(project / "data/plan.yml", "      - sunday-house-talk\n",
         "      - sunday-house-talk\n" + "".join(
             f"      - {ritual}\n" for ritual in re.findall(r"- id: (\S+)", RITUALS)))
    edit(project / "data/tools.yml", "\nchecklists:\n", "\nchecklists:\n" + ONCE_CHECKLIST)
    with (project / "data/paths.yml").open("a", encoding="utf-8") as paths:
        paths.write(PATH)
    return project


@cache
def served_tool_starter() -> tuple[Build, Server]:
    """The tool starter built strictly once per test process, served with site_url set."""
    folder = Path(tempfile.mkdtemp(prefix="tool-starter-")) / "guide"
    server = Server(folder / "site")  # served once built there
    result = build(tool_starter(folder, f"{server.origin}/"), strict=True)
    if result.returncode:
        server.close()
        raise RuntimeError(f"the tool starter does not build:\n{result.output}")
    return result, server


def said(found: strings.Strings, key: str, **values: object) -> re.Pattern:
    """The string `key` as a pattern for what a page shows: the placeholders given in `values`
    filled in, any other placeholder (a month a script names) any text."""
    text = found.table[key]
    if not isinstance(text, str):
        text = text["one" if values.get("n") == 1 else "other"]
    parts = [re.escape(literal) + ("" if name is None else re.escape(str(values[name]))
                                   if name in values else ".+?")
             for literal, name, _, _ in string.Formatter().parse(text)]
    return re.compile("".join(parts))


def guide_with(need: Callable[[Guide], bool]) -> tuple[Path, Build]:
    """This guide and its build when its data has what `need` looks for, else the starter with
    every tool (see `served_tool_starter`): a test then serves it with `server_of`."""
    if need(guide()):
        return ROOT, built_site()
    built, _ = served_tool_starter()
    return built.site.parent, built


def server_of(root: Path, server: Server) -> Server:
    """The server of the guide at `root`: the suite's own `server` for this guide."""
    return server if root == ROOT else served_tool_starter()[1]

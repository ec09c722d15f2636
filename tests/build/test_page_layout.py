"""Generated pages go where a guide's `extra.guide.pages` puts them, named in its language: the
Spanish example's pages live in Spanish folders; a bad setting stops the build in one line; the
starter's help line is the real directory the couples guide lists, its date in the page's
language."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support.example import build_example
from tests.support.project import ROOT, Build, build


@pytest.fixture(scope="module")
def sueno(tmp_path_factory: pytest.TempPathFactory) -> Build:
    built = build_example(tmp_path_factory.mktemp("sueno") / "site")
    assert built.returncode == 0, built.output
    return built


def _starter(folder: Path, *edits: tuple[str, str]) -> Path:
    """A new starter guide in `folder`, its mkdocs.yml changed by each (old, new) in `edits`."""
    made = subprocess.run([sys.executable, "-m", "guidekit", "new", str(folder)],
                          capture_output=True, text=True, check=False)
    assert made.returncode == 0, made.stderr
    config = folder / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    config.write_text(text, encoding="utf-8")
    return folder


def test_the_spanish_example_s_generated_pages_live_in_its_own_folders(sueno: Build) -> None:
    pages = sueno.pages()
    folders = {page.split("/")[0] for page in pages if "/" in page}
    assert {"plan", "herramientas", "biblioteca"} <= folders
    assert not folders & {"roadmap", "tools", "library", "paths"}
    assert {"plan/", "plan/semana-1-horario/", "herramientas/", "herramientas/diario-de-sueno/",
            "biblioteca/", "biblioteca/rituales/", "biblioteca/preguntas/"} <= set(pages)
    # Rituals by cadence, under anchors in Spanish; entries elsewhere link to them there
    rituals = sueno.html("biblioteca/rituales/")
    assert re.search(r'<h2 id="cada-dia">Cada día', rituals)
    week = sueno.html("plan/semana-1-horario/")
    assert 'href="../../biblioteca/rituales/#misma-hora-de-levantarte"' in week
    # Calendar files too, and the "Add to calendar" links lead to them
    assert (sueno.site / "calendario" / "misma-hora-de-levantarte.ics").is_file()
    assert not (sueno.site / "calendar").exists()
    assert 'data-guide-calendar="../../calendario/misma-hora-de-levantarte.ics"' in rituals
    # The nav leads to them
    links = re.findall(r'<a href="([^"]*)" class="md-nav__link', sueno.html(""))
    assert {"plan/", "herramientas/", "biblioteca/rituales/"} <= set(links)


@pytest.mark.parametrize(("pages", "says"), [
    ("{library: Mi Biblioteca}", "field 'extra.guide.pages.library': 'Mi Biblioteca' is not a "
                                 "folder name"),
    ("{libary: biblioteca}", "field 'extra.guide.pages.libary': not a setting of the engine "
                             "(did you mean 'library'?)"),
    ("{tools: plan, roadmap: plan}", "field 'extra.guide.pages': 'tools' and 'roadmap' both go "
                                     "in the folder 'plan'"),
])
def test_a_bad_pages_setting_stops_the_build_in_one_line(tmp_path: Path, pages: str,
                                                         says: str) -> None:
    folder = _starter(tmp_path / "guide", ("  guide:\n", f"  guide:\n    pages: {pages}\n"))
    built = build(folder, strict=True)
    assert built.returncode != 0
    assert "Traceback" not in built.output, built.output
    [line] = [line for line in built.output.splitlines() if "extra.guide.pages" in line]
    assert says in line


@pytest.mark.content  # it reads the couples guide's data/helplines.yml
def test_the_starter_s_help_line_is_the_directory_the_couples_guide_checked(
        tmp_path: Path) -> None:
    folder = _starter(tmp_path / "guide")
    [line] = yaml.safe_load((folder / "data" / "helplines.yml").read_text())["helplines"]
    ours = {e["id"]: e for e in yaml.safe_load(
        (ROOT / "data" / "helplines.yml").read_text())["helplines"]}[line["id"]]
    assert line == ours  # the same service, address, source and date: nothing invented
    assert "phone" not in line and "text" not in line
    built = build(folder, strict=True)
    assert built.returncode == 0, built.output
    page = built.html("help-now/")
    assert f'<a href="{line["web"]}" rel="noreferrer">' in page
    assert '<time datetime="2026-11-29">29 November 2026</time>' in page
    assert re.search(r'<nav class="guide-help-now"[^>]*>\s*<p[^>]*><a href="help-now/">',
                     built.html(""))


def test_a_spanish_guide_names_its_help_page_and_dates_in_spanish(tmp_path: Path) -> None:
    folder = _starter(tmp_path / "guia", ("  language: en", "  language: es"),
                      ("  - Help now: help-now.md\n", "  - Ayuda ahora: ayuda-ahora.md\n"))
    # Links to the pages named in the language: the rituals' page and the help page
    for path, old, new in (("data/paths.yml", "library/rituals.md", "library/rituales.md"),
                           ("content/safety.md", "(help-now.md)", "(ayuda-ahora.md)")):
        (folder / path).write_text((folder / path).read_text().replace(old, new))
    built = build(folder, strict=True)
    assert built.returncode == 0, built.output
    page = built.html("ayuda-ahora/")
    assert '<time datetime="2026-11-29">29 de noviembre de 2026</time>' in page
    assert "November" not in page
    assert re.search(r'<nav class="guide-help-now"[^>]*>\s*<p[^>]*><a href="\.\./ayuda-ahora/">',
                     built.html("before-you-start/"))
    assert "help-now/" not in built.pages()

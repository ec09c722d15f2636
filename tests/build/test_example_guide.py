"""The second guide in the repository, examples/sueno (better sleep in four weeks, in Spanish),
builds strictly with the engine as it is, and holds none of the engine's files."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.support.example import SUENO as GUIDE
from tests.support.example import build_example
from tests.support.project import Build

# Every claim is sourced by name to one of these bodies; the quick exit goes to the weather
SOURCES = {"www.cdc.gov", "www.nhs.uk", "aasm.org", "sleepeducation.org"}
QUICK_EXIT = "www.aemet.es"


@pytest.fixture(scope="module")
def sueno(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The guide as its author builds it, from its own folder, into a folder of the test's."""
    built = build_example(tmp_path_factory.mktemp("sueno") / "site")
    assert built.returncode == 0, built.output
    return built


def test_the_guide_keeps_only_its_own_files() -> None:
    assert sorted(p.name for p in GUIDE.iterdir() if p.name not in ("site", ".cache")) == [
        "content", "data", "mkdocs.yml"]


def test_it_is_a_spanish_site_with_its_plan_in_the_nav(sueno: Build) -> None:
    home = sueno.html("")
    assert '<html lang="es"' in home
    assert '<h1 id="dormir-mejor-en-cuatro-semanas">Dormir mejor en cuatro semanas' in home
    links = re.findall(r'<a href="([^"]*)" class="md-nav__link', home)
    weeks = [link for link in links if link.startswith("plan/semana-")]
    assert weeks == ["plan/semana-1-horario/", "plan/semana-2-la-ultima-hora/",
                     "plan/semana-3-el-dormitorio/", "plan/semana-4-de-dia/"]
    assert "Semana 2: la última hora del día" in sueno.html("plan/semana-1-horario/")
    # The theme's own words follow theme.language, even where the engine repairs its markup
    assert 'role="dialog" aria-label="Buscar">' in home


def test_it_uses_only_the_kinds_it_needs(sueno: Build) -> None:
    pages = sueno.pages()
    assert not any(p.startswith(("caminos/", "biblioteca/formas-de-hacerlo",
                                 "biblioteca/que-decir")) for p in pages)
    assert {"biblioteca/rituales/", "biblioteca/preguntas/", "herramientas/diario-de-sueno/",
            "herramientas/revision-mensual/"} <= set(pages)


def test_its_sheet_and_monthly_checklist_are_tools(sueno: Build) -> None:
    sheet = sueno.html("herramientas/diario-de-sueno/")
    for ritual in ("misma-hora-de-levantarte", "una-hora-para-bajar-el-ritmo",
                   "vacia-la-cabeza-en-un-papel", "muevete-de-dia"):
        days = re.findall(rf'data-key="guide:sheet:diario-de-sueno:dias:{ritual}:(\d+)"', sheet)
        assert days == [str(day) for day in range(1, 29)]
    checklist = sueno.html("herramientas/revision-mensual/")
    assert 'data-trackable="monthly"' in checklist
    assert len(re.findall(r'data-item="[a-z-]+"', checklist)) == 6
    assert (sueno.site / "calendario" / "misma-hora-de-levantarte.ics").is_file()


def test_every_outside_link_names_a_health_body(sueno: Build) -> None:
    hosts = {urlsplit(href).netloc
             for page in sueno.pages()
             for href in re.findall(r'href="(https?://[^"]+)"', sueno.html(page))}
    assert hosts - {QUICK_EXIT} == SOURCES
    faq = sueno.html("biblioteca/preguntas/")
    assert '<a href="https://aasm.org/advocacy/position-statements/' in faq
    assert "](" not in faq  # no link left as Markdown


# Words the engine shows in English; a Spanish guide must show none of them
ENGLISH = ["Rituals", "Print this sheet", "Don't save", "Don&#39;t save", "Leave", "Help now",
           "Read more in", "Part of:", "Add to calendar", "How to do it", "minutes",
           "Nothing ticked yet", "Forget my ticks", "Your months", "Compare", "partner",
           "The roadmap", "The library", "Questions people ask", "Step 1 of", "Goals",
           "Page {page}", "In any way"]


def test_the_engine_speaks_spanish_on_every_page(sueno: Build) -> None:
    for page in sueno.pages():
        html = sueno.html(page)
        found = [word for word in ENGLISH if word in html]
        assert not found, f"{page}: {found}"
    assert "Olvidar mis marcas y notas" in sueno.html("herramientas/revision-mensual/")
    sheet = sueno.html("herramientas/diario-de-sueno/")
    assert 'data-page-label="Página {page} de {pages}"' in sheet
    assert "<h1 id=\"rituales\">Rituales" in sueno.html("biblioteca/rituales/")
    # No help lines in this guide, so no "Help now" bar leading to a page it does not have
    assert "guide-help-now" not in sueno.html("")


def test_its_calendar_files_speak_spanish(sueno: Build) -> None:
    ics = (sueno.site / "calendario" / "misma-hora-de-levantarte.ics").read_text(encoding="utf-8")
    unfolded = ics.replace("\r\n ", "")
    assert "Cómo hacerlo:" in unfolded and "Vuelve a leerlo en la guía: " in unfolded
    assert "How to do it" not in unfolded and "in the guide" not in unfolded

"""The core's rules for text it does not trust: characters refused once for every field, aliases
bounded, calendar files clean, generated front matter written by YAML, inline scripts allowed
only from known templates, and a quick exit that always goes somewhere."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar

from guidekit.calendar import calendar_files
from guidekit.csp import KnownScripts, UnknownScript, policy
from guidekit.errors import GuideError
from guidekit.loader import Record, load_text
from guidekit.models import Ritual
from guidekit.pages import generated_pages
from guidekit.quick_exit import QuickExitError, quick_exit
from guidekit.site import page_title
from tests.support.project import ROOT

RITUAL = """rituals:
  - id: hello
    title: {title}
    cadence: daily
    duration_minutes: 2
    medium: text
    purpose: {purpose}
    steps: [Say hello.]
"""


def _problems(title: str = "Hello", purpose: str = "Warmth.") -> list[str]:
    try:
        load_text(RITUAL.format(title=title, purpose=purpose), "data/r.yml")
    except GuideError as error:
        return [str(p) for p in error.problems]
    return []


@pytest.mark.parametrize(("written", "said"), [
    (r'"Two\nlines"', "holds a line break after 'Two'; expected one line of plain text "
                      "(join the lines into one)"),
    (r'"Bare\rreturn"', "holds a line break after 'Bare'"),
    (r'"Line\u2028separator"', "holds a line break after 'Line'"),
    (r'"Nul\0here"', "holds the control character U+0000 after 'Nul'; expected one line"),
    (r'"Bell\x07"', "holds the control character U+0007 after 'Bell'"),
    (r'"Tab\there"', "holds the control character U+0009 after 'Tab'"),
    (r'"\u202eevil"', "holds an invisible direction mark (U+202E) at the start"),
    (r'"iso\u2066late"', "holds an invisible direction mark (U+2066) after 'iso'"),
])
def test_a_title_refuses_what_no_escaping_makes_safe_in_one_line(written: str, said: str) -> None:
    problems = _problems(title=written)
    assert len(problems) == 1
    assert problems[0].startswith("data/r.yml:3:12: entry 'hello', field 'title': " + said)
    assert "\n" not in problems[0]


def test_longer_text_keeps_line_breaks_and_tabs_but_not_other_controls() -> None:
    assert _problems(purpose=r'"One\nTwo\tthree"') == []
    assert _problems(purpose=r'"Form\x0cfeed"') == [
        "data/r.yml:7:14: entry 'hello', field 'purpose': holds the control character U+000C "
        "after 'Form'; expected plain text (delete it)"]


@pytest.mark.parametrize("title", ["Café à deux", "שלום وسلام", "Family 👨\u200d👩\u200d👧",
                                   "Left\u200emark", "<b>&amp; {#x}</b>"])
def test_ordinary_text_in_any_script_stays_allowed(title: str) -> None:
    assert _problems(title=f'"{title}"') == []


def test_aliases_that_expand_exponentially_stop_at_once_with_one_line() -> None:
    lines = ["l0: &l0 [a, a, a, a, a, a, a, a, a]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 10)]
    document = "\n".join([*lines, "rituals:", "  - id: x", "    title: t", "    steps: *l9"])
    script = ("import time, sys\nfrom guidekit.loader import load_text\n"
              "from guidekit.errors import GuideError\nstart = time.perf_counter()\n"
              "try:\n    load_text(sys.stdin.read(), 'data/laughs.yml')\n"
              "except GuideError as error:\n    print(error)\n"
              "print(f'{time.perf_counter() - start:.3f}')\n")
    done = subprocess.run([sys.executable, "-c", script], input=document, capture_output=True,
                          text=True, timeout=60, check=False)
    *report, seconds = done.stdout.strip().splitlines()
    assert done.returncode == 0 and not done.stderr, done.stderr
    assert float(seconds) < 2
    assert report == [
        "The guide has 1 problem to fix:",
        "  data/laughs.yml:6:5: aliases (*name) repeat this part until the file holds more than "
        "100,000 values (write the values out instead, or use an alias without aliases inside "
        "it)"]


def test_an_alias_used_as_intended_still_loads() -> None:
    first = RITUAL.format(title="Hello", purpose="Warmth.").replace(
        "steps: [Say hello.]", "steps: &steps [Breathe., Listen.]")
    second = RITUAL.format(title="Again", purpose="Warmth.").split("\n", 1)[1].replace(
        "id: hello", "id: again").replace("steps: [Say hello.]", "steps: *steps")
    guide = load_text(first + second, "r.yml")
    assert guide.get("again").steps == ["Breathe.", "Listen."]


def test_calendar_files_never_carry_raw_control_characters() -> None:
    guide = load_text(RITUAL.format(title="Hello", purpose="Warmth."), "r.yml")
    entry = guide.get("hello")
    # As if a title slipped past the models: the calendar still writes clean lines
    hostile = Ritual.model_construct(**{**dict(entry), "title": "Two\nlines\rand\x00more\u202e",
                                        "purpose": "One\r\ntwo\x07"})
    guide.records["hello"] = Record("ritual", hostile, "r.yml", 1, 1)
    [file] = calendar_files(guide, start=date(2027, 1, 1), stamp=datetime(2027, 1, 1, tzinfo=UTC),
                            site="example", link=lambda i: f"library/rituals/#{i}")
    body = file.content.replace(b"\r\n", b"")
    assert not [b for b in body if b < 0x20 or b == 0x7F], file.content
    assert "\u202e".encode() not in file.content
    calendar = Calendar.from_ical(file.content)
    assert str(calendar["x-wr-calname"]) == "Two lines and more"
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Two lines and more"
    assert str(event["description"]).startswith("One\ntwo \n")


def test_generated_front_matter_is_yaml_and_the_title_reads_back_as_text() -> None:
    title = 'Weekly "talk": <b>{#x}</b> & more'
    guide = load_text("phases:\n  - id: p\n    title: " + yaml.safe_dump(title).split("\n")[0]
                      + "\n    order: 1\n    span: Days\n    length_days: 3\n    summary: S.\n"
                      "    goals: [G.]\n    tasks: [T.]\n", "r.yml")
    [page] = [p for p in generated_pages(guide) if p.src_uri == "roadmap/p.md"]
    front = yaml.safe_load(page.markdown.split("---\n")[1])
    assert front == {"title": "Weekly \"talk\": &lt;b&gt;{#x}&lt;/b&gt; &amp; more"}
    assert page_title(page.markdown, page.src_uri) == title
    assert "\n# Weekly \"talk\": &lt;b&gt;\\{\\#x\\}&lt;/b&gt; &amp; more\n" in page.markdown


# --- Inline scripts: only what known templates write ------------------------------------------

_TEMPLATE = ('{% if x %}<p>{{ y }}</p>{% endif %}<script>__md_scope=new URL('
             '"{{ config.extra.scope | d(base_url) }}",location)</script>')


def test_known_scripts_vary_only_in_their_base_url() -> None:
    known = KnownScripts.from_sources({"partials/javascripts/base.html": _TEMPLATE})
    for base in (".", "..", "../..", "/", "/guide"):
        assert known.allows(f'__md_scope=new URL("{base}",location)')
    for script in ('__md_scope=new URL("",location);alert(1)',
                   '__md_scope=new URL("",alert(1),"",location)', "alert(1)", ""):
        assert not known.allows(script), script


def test_an_unknown_inline_script_fails_naming_the_page() -> None:
    known = KnownScripts.from_sources({"main.html": "<script>mark()</script>"})
    page = '<meta charset="utf-8"><script>mark()</script>'
    assert "script-src 'self' 'sha256-" in policy(page, known, "content/a.md")
    with pytest.raises(UnknownScript, match=r"^content/a\.md: has an inline script that no "
                                            r"known template writes: 'steal\(\)'"):
        policy(page + "<script>steal()</script>", known, "content/a.md")


def test_a_template_script_with_logic_or_other_values_cannot_be_allowed() -> None:
    with pytest.raises(UnknownScript, match="Jinja logic"):
        KnownScripts.from_sources({"main.html": "<script>{% if a %}b(){% endif %}</script>"})
    with pytest.raises(UnknownScript, match="only the base URL"):
        KnownScripts.from_sources({"main.html": "<script>go('{{ page.title }}')</script>"})


def test_the_allow_list_reads_the_themes_templates_overrides_first() -> None:
    import material

    dirs = [ROOT / "overrides", ROOT / "missing", Path(material.__file__).parent / "templates"]
    known = KnownScripts.from_templates(dirs)
    assert known.allows('document.documentElement.classList.add("guide-js")')
    with pytest.raises(UnknownScript, match=r"'partials/none\.html', which the theme does not"):
        KnownScripts.from_templates(dirs, ["partials/none.html"])


# --- Quick exit -----------------------------------------------------------------------------


def test_the_quick_exit_names_its_site_or_its_label() -> None:
    assert quick_exit({"quick_exit_url": "https://www.bbc.co.uk/weather"}).label == "bbc.co.uk"
    assert quick_exit({"quick_exit_url": " https://example.org ",
                       "quick_exit_label": "The news"}) == \
        quick_exit({"quick_exit_url": "https://example.org", "quick_exit_label": "The news "})


@pytest.mark.parametrize(("extra", "said"), [
    ({}, "extra.quick_exit_url is missing"),
    ({"quick_exit_url": ""}, "extra.quick_exit_url is empty"),
    ({"quick_exit_url": "javascript:alert(1)"}, "expected a full address starting with https://"),
    ({"quick_exit_url": "#top"}, "expected a full address"),
    ({"quick_exit_url": 'https://a.org/"onmouseover="x'}, "expected a full address"),
    ({"quick_exit_url": "https://a.org", "quick_exit_label": "two\nlines"},
     "extra.quick_exit_label is 'two\\nlines'"),
])
def test_a_quick_exit_that_goes_nowhere_is_one_line_for_the_author(extra: dict, said: str) -> None:
    with pytest.raises(QuickExitError) as error:
        quick_exit(extra)
    assert str(error.value).startswith("mkdocs.yml: ") and said in str(error.value)
    assert "\n" not in str(error.value)

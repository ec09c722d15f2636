"""Reading paths: each page's next step comes from the data, and no page is a dead end."""

from __future__ import annotations

from pathlib import Path

from jinja2 import DictLoader, Environment, FileSystemLoader

from guidekit import strings
from guidekit.loader import load_guide
from guidekit.paths import next_steps, render_next_steps, sequence
from tests.support.project import ROOT

DATA = """\
situations:
  - id: apart
    title: Apart
paths:
  - id: first-way
    title: First <way>
    situation: apart
    summary: One.
    steps: [safety.md, a.md, shared.md]
  - id: second-way
    title: Second way
    situation: apart
    summary: Two.
    steps: [safety.md, shared.md, b.md]
"""


def _guide(tmp_path: Path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "paths.yml").write_text(DATA)
    return load_guide(tmp_path / "data", root=tmp_path)


def test_a_path_starts_on_its_own_page(tmp_path: Path) -> None:
    guide = _guide(tmp_path)
    assert sequence(guide, guide.get("first-way")) == [
        "paths/first-way.md", "safety.md", "a.md", "shared.md"]


def test_a_page_on_two_paths_has_a_next_step_on_each(tmp_path: Path) -> None:
    found = {s.path.id: (s.position, s.target, s.finished)
             for s in next_steps(_guide(tmp_path), "shared.md")}
    assert found == {"first-way": (3, "paths/index.md", True),
                     "second-way": (2, "b.md", False)}


def test_the_last_step_leads_on_and_a_page_on_no_path_gets_nothing(tmp_path: Path) -> None:
    guide = _guide(tmp_path)
    [last] = next_steps(guide, "b.md")
    assert last.finished and last.target == "paths/index.md"  # every path, to choose the next
    assert next_steps(guide, "elsewhere.md") == []
    (tmp_path / "data" / "paths.yml").write_text(DATA + "    then: tools/checklist.md\n")
    guide = load_guide(tmp_path / "data", root=tmp_path)
    [last] = next_steps(guide, "b.md")
    assert last.finished and last.target == "tools/checklist.md"


def test_links_are_rendered_escaped_from_the_partial(tmp_path: Path) -> None:
    env = Environment(autoescape=True, loader=DictLoader({
        "partials/guide/next-steps.html":
            "{% for s in steps %}<a href='{{ url(s.target) }}'>{{ s.path.title }}: "
            "{{ title(s.target) }}</a>\n\n{% endfor %}"}))
    guide = _guide(tmp_path)
    html = render_next_steps(env, next_steps(guide, "safety.md"), url_for=lambda p: "/" + p,
                             title_for=lambda p: p.upper())
    assert html == ("<a href='/a.md'>First &lt;way&gt;: A.MD</a>\n"
                    "<a href='/shared.md'>Second way: SHARED.MD</a>")
    assert render_next_steps(env, next_steps(guide, "none.md"), url_for=str, title_for=str) == ""


def test_paths_that_lead_to_the_same_page_share_one_link(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "paths.yml").write_text(DATA.replace(
        "steps: [safety.md, shared.md, b.md]", "steps: [safety.md, a.md, shared.md, b.md]"))
    guide = load_guide(tmp_path / "data", root=tmp_path)
    env = Environment(autoescape=True, loader=FileSystemLoader(ROOT / "overrides"))
    env.globals["t"] = strings.load("en").t
    html = render_next_steps(env, next_steps(guide, "a.md"), url_for=lambda p: "/" + p,
                             title_for=lambda p: p.upper())
    assert html.count("<a ") == 1 and "Next step: SHARED.MD" in html
    assert "First &lt;way&gt; · step 2 of 3" in html and "Second way · step 2 of 4" in html
    two = render_next_steps(env, next_steps(guide, "safety.md"), url_for=str, title_for=str)
    assert two.count("<a ") == 1  # both go on to a.md
    apart = render_next_steps(env, next_steps(guide, "shared.md"), url_for=str, title_for=str)
    assert apart.count("<a ") == 2  # the end of one path, the next step of the other

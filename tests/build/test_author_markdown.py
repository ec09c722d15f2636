"""What an author writes in Markdown and YAML text either builds into real links or fails the
build with one line naming the file and the line, the same in `mkdocs build` and `guidekit check`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.project import build, copy_project

RITUALS = "../library/rituals/"


def _check(project: Path) -> subprocess.CompletedProcess[str]:
    """`python -m guidekit check` on a project, as an editor runs it."""
    return subprocess.run([sys.executable, "-m", "guidekit", "check", "--root", str(project)],
                          capture_output=True, text=True, check=False,
                          env={"PYTHONPATH": str(project / "src"), "PATH": "/usr/bin:/bin"})


def test_every_way_of_writing_a_guide_link_builds_a_real_link(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    pitfalls = project / "data" / "pitfalls.yml"
    pitfalls.write_text(pitfalls.read_text().replace(
        "[three weeks of growing openness](guide:three-weeks-of-openness)",
        "[](guide:three-weeks-of-openness)"))
    (project / "content" / "extra.md").write_text(
        "# Extra\n\n"
        "[a](guide: weekly-video-date) [b](Guide:weekly-video-date \"Our date\") "
        "[c](<guide:weekly-video-date>) [d][date] [](guide:weekly-video-date)\n\n"
        "[date]: guide:weekly-video-date\n\n"
        "Show it: ``<!-- guide:ritual `not-an-id` -->``\n\n"
        "````markdown\n```\n<!-- guide:ritual in-a-fence -->\n```\n````\n\n"
        "    <!-- guide:ritual in-indented-code -->\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - Home: index.md\n",
                                                 "  - Home: index.md\n  - extra.md\n", 1))
    result = build(project)
    assert result.returncode == 0, result.output
    html = result.html("extra/")
    assert html.count(f'href="{RITUALS}#weekly-video-date"') == 5
    assert f'<a href="{RITUALS}#weekly-video-date" title="Our date">b</a>' in html
    assert ">Weekly date</a>" in html
    assert "&lt;!-- guide:ritual in-a-fence --&gt;" in html
    assert "&lt;!-- guide:ritual in-indented-code --&gt;" in html
    assert "&lt;!-- guide:ritual `not-an-id` --&gt;" in html
    pitfall_page = result.html("library/pitfalls/")
    assert "](../" not in pitfall_page
    assert '<a href="../rituals/#three-weeks-of-openness">Three weeks of growing openness</a>' \
        in pitfall_page


def test_slips_in_pages_are_one_line_each_in_the_build_and_in_check(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "content" / "guide" / "x.md").write_bytes(b"# X\n\nA line.\nOur caf\xe9 is open.\n")
    (project / "content" / "extra.md").write_text(
        "# Extra\n\n<!-- guide:Script naming-what-happened -->\n\n"
        "See [goals](guide:first-30-days#goals).\n\n"
        "A <a href=\"Guide:weekly-video-date\">date</a>.\n", encoding="utf-8")
    expected = [
        "content/guide/x.md:4:8: this page is not saved as UTF-8 (byte 0xE9, maybe 'é'): "
        "save it as UTF-8",
        "content/extra.md:3:1: entry 'naming-what-happened': write the kind in lower case "
        "(expected <!-- guide:script naming-what-happened -->)",
        "content/extra.md:5:5: entry 'first-30-days#goals', field 'guide:link': guide: links "
        "take an entry id only, without #goals (write guide:first-30-days)",
        "content/extra.md:7:12: the link 'Guide:weekly-video-date' was not turned into a link to "
        "an entry (write it as [words](guide:ID) or [](guide:ID))",
    ]
    for output, code in ((lambda r: (r.output, r.returncode))(build(project)),
                         (lambda r: (r.stdout + r.stderr, r.returncode))(_check(project))):
        assert code != 0 and "Traceback" not in output, output
        for line in expected:
            assert line in output, output

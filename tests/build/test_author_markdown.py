"""What an author writes in Markdown and YAML text either builds into real links or fails the
build with one line naming the file and the line, the same in `mkdocs build` and `guidekit check`.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.project import build, check, edit, starter_guide

RITUALS = "../library/rituals/"


def test_every_way_of_writing_a_guide_link_builds_a_real_link(tmp_path: Path) -> None:
    guide = starter_guide(tmp_path / "guide")
    edit(guide / "data" / "library.yml", "instead: Look at the whole week together,",
         "instead: Hold the [](guide:sunday-house-talk) and look at the whole week together,")
    (guide / "content" / "extra.md").write_text(
        "# Extra\n\n"
        "[a](guide: sunday-house-talk) [b](Guide:sunday-house-talk \"Our talk\") "
        "[c](<guide:sunday-house-talk>) [d][talk] [](guide:sunday-house-talk)\n\n"
        "[talk]: guide:sunday-house-talk\n\n"
        "Show it: ``<!-- guide:ritual `not-an-id` -->``\n\n"
        "````markdown\n```\n<!-- guide:ritual in-a-fence -->\n```\n````\n\n"
        "    <!-- guide:ritual in-indented-code -->\n", encoding="utf-8")
    edit(guide / "mkdocs.yml", "  - Home: index.md\n", "  - Home: index.md\n  - extra.md\n")
    result = build(guide, strict=True)
    assert result.returncode == 0, result.output
    html = result.html("extra/")
    assert html.count(f'href="{RITUALS}#sunday-house-talk"') == 5
    assert f'<a href="{RITUALS}#sunday-house-talk" title="Our talk">b</a>' in html
    assert ">Sunday house talk</a>" in html
    assert "&lt;!-- guide:ritual in-a-fence --&gt;" in html
    assert "&lt;!-- guide:ritual in-indented-code --&gt;" in html
    assert "&lt;!-- guide:ritual `not-an-id` --&gt;" in html
    pitfall_page = result.html("library/pitfalls/")
    assert "](../" not in pitfall_page
    assert '<a href="../rituals/#sunday-house-talk">Sunday house talk</a>' in pitfall_page


def test_slips_in_pages_are_one_line_each_in_the_build_and_in_check(tmp_path: Path) -> None:
    guide = starter_guide(tmp_path / "guide")
    (guide / "content" / "x.md").write_bytes(b"# X\n\nA line.\nOur caf\xe9 is open.\n")
    (guide / "content" / "extra.md").write_text(
        "# Extra\n\n<!-- guide:Script asking-for-a-hand -->\n\n"
        "See [goals](guide:first-four-weeks#goals).\n\n"
        "A <a href=\"Guide:sunday-house-talk\">date</a>.\n", encoding="utf-8")
    expected = [
        "content/x.md:4:8: this page is not saved as UTF-8 (byte 0xE9, maybe 'é'): "
        "save it as UTF-8",
        "content/extra.md:3:1: entry 'asking-for-a-hand': write the kind in lower case "
        "(expected <!-- guide:script asking-for-a-hand -->)",
        "content/extra.md:5:5: entry 'first-four-weeks#goals', field 'guide:link': guide: links "
        "take an entry id only, without #goals (write guide:first-four-weeks)",
        "content/extra.md:7:12: the link 'Guide:sunday-house-talk' was not turned into a link to "
        "an entry (write it as [words](guide:ID) or [](guide:ID))",
    ]
    built = build(guide)
    for code, output in ((built.returncode, built.output), check(guide)):
        assert code != 0 and "Traceback" not in output, output
        for line in expected:
            assert line in output, output

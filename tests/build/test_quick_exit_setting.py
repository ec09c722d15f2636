""""Leave this site quickly" cannot be switched off by accident, and its hint says where it goes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from guidekit.quick_exit import QuickExitError, quick_exit
from tests.support.project import build, starter_guide

_URL = "  quick_exit_url: https://www.bbc.co.uk/weather\n"


def _configured(project: Path, url: str) -> None:
    """mkdocs.yml with the quick exit's address line replaced by `url`."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert _URL in text and "quick_exit_label" not in text
    config.write_text(text.replace(_URL, url, 1), encoding="utf-8")


@pytest.mark.parametrize("url", ["", '  quick_exit_url: ""\n', "  quick_exit_url:\n"],
                         ids=["missing", "empty", "blank"])
def test_a_missing_or_empty_address_fails_the_build_in_one_line(tmp_path: Path,
                                                                url: str) -> None:
    project = starter_guide(tmp_path / "guide")
    _configured(project, url)
    if url:  # the check the build's hook makes, run in this process on mkdocs.yml's extra
        extra = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]
        with pytest.raises(QuickExitError) as error:
            quick_exit(extra)
        lines = str(error.value).splitlines()
    else:  # the real build, as an author meets it
        result = build(project)
        assert result.returncode != 0, result.output
        assert "Traceback" not in result.output, result.output
        lines = [line for line in result.output.splitlines() if "quick_exit_url" in line]
        assert len(lines) == 1, result.output
    assert len(lines) == 1
    assert re.search(r"mkdocs\.yml: extra\.quick_exit_url is (missing|empty)", lines[0]), lines[0]
    assert "add 'quick_exit_url: https://" in lines[0], lines[0]


def test_the_hint_names_where_the_link_goes(tmp_path: Path) -> None:
    project = starter_guide(tmp_path / "guide")
    _configured(project, "  quick_exit_url: https://www.example.org/news\n")
    result = build(project)
    assert result.returncode == 0, result.output
    for page in ("index.html", "safety/"):
        html = result.html(page)
        assert 'class="guide-quick-exit" href="https://www.example.org/news"' in html
        hint = re.search(r'id="__quick-exit-hint">([^<]*)<', html)[1]
        assert hint == "Or press Shift three times. It hides this page and opens example.org."

"""Every built page passes the Nu Html Checker, and every internal link and #anchor resolves."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.project import ROOT, Build, build, built_starter, starter_guide


def _vnu() -> list[str]:
    """The command that runs vnu.jar (from npm's vnu-jar, which `make vnu` installs)."""
    jar = os.environ.get("VNU_JAR") or next(
        iter(sorted(ROOT.glob(".venv/vnu-*/node_modules/vnu-jar/build/dist/vnu.jar"))), None)
    java = shutil.which("java")
    if jar and Path(jar).is_file() and java:
        return [java, "-jar", str(jar)]
    message = "the Nu Html Checker is not installed (make test installs it: `make vnu`)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)
    raise AssertionError  # unreachable


def test_every_page_passes_the_nu_html_checker(site: Build) -> None:
    """Every page of the starter and of whatever guide this project holds, in one run."""
    starter = built_starter()
    done = subprocess.run([*_vnu(), "--errors-only", "--skip-non-html", "--format", "json",
                           str(starter.site), str(site.site)], capture_output=True, text=True,
                          check=False)
    messages = json.loads(done.stderr)["messages"]
    errors = [f"{Path(m['url'].removeprefix('file:'))}:{m.get('lastLine', '?')}: {m['message']}"
              for m in messages]
    assert len(site.pages()) > 10 and len(starter.pages()) > 10
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors)


def test_a_broken_anchor_or_link_fails_the_strict_build(tmp_path: Path) -> None:
    project = starter_guide(tmp_path / "guide")
    page = project / "content" / "index.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\n[Here](safety.md#no-such-part) and [there](no-such-page.md).\n",
                    encoding="utf-8")
    result = build(project, strict=True)
    assert result.returncode != 0
    assert "'#no-such-part'" in result.output
    assert "no-such-page.md" in result.output

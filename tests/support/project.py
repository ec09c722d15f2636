"""Build the guide (or a changed copy of it) with MkDocs, as an author would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PARTS = ("mkdocs.yml", "content", "data", "overrides", "hooks", "schema", "src")


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def html(self, page: str) -> str:
        """The built HTML of a page, by its URL path (e.g. 'library/rituals/')."""
        path = self.site / page / "index.html" if not page.endswith(".html") else self.site / page
        return path.read_text(encoding="utf-8")

    def pages(self) -> list[str]:
        """URL paths of every built HTML page."""
        return sorted(p.relative_to(self.site).as_posix().removesuffix("index.html")
                      for p in self.site.rglob("*.html"))


def copy_project(into: Path) -> Path:
    """A copy of the project's sources that a test may change freely."""
    for part in PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, into / part)
        else:
            shutil.copy2(source, into / part)
    return into


def build(project: Path, *, strict: bool = False) -> Build:
    """Run `mkdocs build` on `project` in a subprocess and collect what it printed."""
    site = project / "site"
    # Not --quiet: it hides warnings from MkDocs' counter, so --strict would never fail.
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env,
                          check=False)
    return Build(done.returncode, done.stdout + done.stderr, site)


@cache
def built_site() -> Build:
    """The real guide, built once per test process."""
    result = build(copy_project(Path(tempfile.mkdtemp(prefix="guide-site-"))), strict=True)
    if result.returncode:
        raise RuntimeError(f"the guide does not build:\n{result.output}")
    return result

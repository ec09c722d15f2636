"""Build a guide with MkDocs, as an author would: the project's own guide (or a changed copy of
it), or the small starter guide that `guidekit new` writes, which engine tests change and build."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from functools import cache
from io import StringIO
from pathlib import Path

from guidekit.__main__ import main as guidekit_main
from guidekit.new import new_guide

ROOT = Path(__file__).resolve().parents[2]
GUIDE_PARTS = ("mkdocs.yml", "content", "data")  # the guide; the rest is the engine
ENGINE_PARTS = ("overrides", "hooks", "schema", "src")
PARTS = GUIDE_PARTS + ENGINE_PARTS
# The engine's hooks as the starter's mkdocs.yml names them, wherever the engine is
_HOOK_LINE = re.compile(r"(?m)^(\s*- )\S*/hooks/(\w+\.py)\b")


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


def starter_guide(into: Path, *, engine: bool = False) -> Path:
    """The starter guide of `guidekit new` in `into` (missing or empty): a small guide with one
    entry of each kind, for a test to change. With `engine`, a copy of the engine (hooks,
    overrides, src) sits beside it and its mkdocs.yml names those hooks and templates, as this
    project's does: a test may then change the engine's files too."""
    new_guide(into)
    if engine:
        for part in ENGINE_PARTS:
            shutil.copytree(ROOT / part, into / part, dirs_exist_ok=True)
        engine_hooks(into / "mkdocs.yml")
        edit(into / "mkdocs.yml", "  # custom_dir: overrides", "  custom_dir: overrides")
    return into


def engine_hooks(config: Path) -> None:
    """A guide's mkdocs.yml naming the engine's hooks in hooks/ beside it, wherever it named
    them before."""
    config.write_text(_HOOK_LINE.sub(r"\1hooks/\2", config.read_text(encoding="utf-8")),
                      encoding="utf-8")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` (which must be there) with `new` in a file of a test's guide."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} has no {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def check(project: Path) -> tuple[int, str]:
    """`guidekit check` on a project, in this process (as quick as the core is): its exit code
    and all it printed."""
    said = StringIO()
    with redirect_stdout(said), redirect_stderr(said):
        code = guidekit_main(["check", "--root", str(project)])
    return code, said.getvalue()


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
def built_starter() -> Build:
    """The starter guide as `guidekit new` writes it, built strictly once per test process."""
    result = build(starter_guide(Path(tempfile.mkdtemp(prefix="starter-")) / "my-home-guide"),
                   strict=True)
    if result.returncode:
        raise RuntimeError(f"the starter does not build:\n{result.output}")
    return result


@cache
def built_site() -> Build:
    """The real guide, built once per test process."""
    result = build(copy_project(Path(tempfile.mkdtemp(prefix="guide-site-"))), strict=True)
    if result.returncode:
        raise RuntimeError(f"the guide does not build:\n{result.output}")
    return result

"""Prove the engine tests hold for any guide: copy the project to a temporary folder, put another
valid guide (the starter of `guidekit new`) in place of its data/, content/ and mkdocs.yml, and
run the engine tests there (`pytest -m "not content"`). Every one must pass.

    python -m tests.support.swap                     # every engine test: unit, build and browser
    python -m tests.support.swap tests/unit -x -n 2  # any pytest paths and options
    python -m tests.support.swap --guide examples/sueno   # another guide than the starter
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from guidekit.new import guide_schema
from tests.support.project import GUIDE_PARTS, ROOT, engine_hooks, starter_guide

DEFAULT_TESTS = ("tests/unit", "tests/build", "tests/browser")
# Never copied: what a run or a set-up leaves behind
LEFT_OUT = shutil.ignore_patterns(".git", ".venv", "site", ".cache", "__pycache__",
                                  ".pytest_cache", ".ruff_cache", "node_modules", "bench")


def swapped_project(into: Path, guide: Path | None = None) -> Path:
    """A copy of the project whose guide is `guide` (by default the starter), the hooks and the
    schema named from where its files now are."""
    project = into / "project"
    shutil.copytree(ROOT, project, ignore=LEFT_OUT)
    for part in GUIDE_PARTS:
        target = project / part
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    if guide is None:
        guide = starter_guide(into / "starter", engine=True)
    for part in GUIDE_PARTS:
        copy = shutil.copytree if (guide / part).is_dir() else shutil.copy2
        copy(guide / part, project / part)
    engine_hooks(project / "mkdocs.yml")
    for data in (project / "data").glob("*.y*ml"):  # the schema editors read, from data/ now
        data.write_text(re.sub(r"\$schema=\S*schema/guide-data\.schema\.json",
                               "$schema=../schema/guide-data.schema.json",
                               data.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    # the schema for this guide's own roles and mediums, as `make schema` writes it
    (project / "schema" / "guide-data.schema.json").write_text(
        json.dumps(guide_schema(project), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return project


def main(argv: list[str] | None = None) -> int:
    """Every argument goes to pytest; without a test path (tests/...), the default tests run."""
    pytest_args = list(sys.argv[1:] if argv is None else argv)
    if {"-h", "--help"} & set(pytest_args):
        print(__doc__)
        return 0
    guide = None
    if "--guide" in pytest_args:
        at = pytest_args.index("--guide")
        guide = Path(pytest_args[at + 1]).resolve()
        del pytest_args[at:at + 2]
    with tempfile.TemporaryDirectory(prefix="guide-swap-") as folder:
        project = swapped_project(Path(folder), guide)
        if not any(arg.startswith("tests") for arg in pytest_args):
            pytest_args = [*DEFAULT_TESTS, *pytest_args]  # options only: the default tests
        print(f"The engine tests on {guide or 'the starter guide'}, in {project}", flush=True)
        done = subprocess.run([sys.executable, "-m", "pytest", "-m", "not content",
                               "-p", "no:cacheprovider", *pytest_args], cwd=project, check=False)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())

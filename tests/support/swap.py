"""Prove the engine tests hold for any guide: copy the project to a temporary folder, put another
valid guide (the starter of `guidekit new`) in place of its data/, content/ and mkdocs.yml, and
run the engine tests there (`pytest -m "not content"`). Every one must pass.

    python -m tests.support.swap                     # tests/unit and tests/build
    python -m tests.support.swap tests/unit -x -n 2  # any pytest paths and options
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.support.project import GUIDE_PARTS, ROOT, starter_guide

DEFAULT_TESTS = ("tests/unit", "tests/build")
# Never copied: what a run or a set-up leaves behind
LEFT_OUT = shutil.ignore_patterns(".git", ".venv", "site", ".cache", "__pycache__",
                                  ".pytest_cache", ".ruff_cache", "node_modules", "bench")


def swapped_project(into: Path) -> Path:
    """A copy of the project whose guide is the starter, its hooks named as this project's are."""
    project = into / "project"
    shutil.copytree(ROOT, project, ignore=LEFT_OUT)
    for part in GUIDE_PARTS:
        target = project / part
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    starter = starter_guide(into / "starter", engine=True)
    for part in GUIDE_PARTS:
        shutil.move(starter / part, project / part)
    return project


def main(argv: list[str] | None = None) -> int:
    """Every argument goes to pytest; without a test path, the default tests run."""
    pytest_args = list(sys.argv[1:] if argv is None else argv)
    if {"-h", "--help"} & set(pytest_args):
        print(__doc__)
        return 0
    with tempfile.TemporaryDirectory(prefix="guide-swap-") as folder:
        project = swapped_project(Path(folder))
        if not any((project / arg.split("::")[0]).exists() for arg in pytest_args):
            pytest_args = [*DEFAULT_TESTS, *pytest_args]  # options only: the default tests
        print(f"The engine tests on the starter guide, in {project}", flush=True)
        done = subprocess.run([sys.executable, "-m", "pytest", "-m", "not content",
                               "-p", "no:cacheprovider", *pytest_args], cwd=project, check=False)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())

"""The core package must outlive MkDocs: it imports and runs with MkDocs made unimportable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import importlib, pkgutil, sys
sys.modules["mkdocs"] = None  # any `import mkdocs...` now fails
import guidekit
for module in pkgutil.iter_modules(guidekit.__path__):
    importlib.import_module(f"guidekit.{module.name}")
from guidekit.__main__ import main
sys.exit(main(["check", "--root", sys.argv[1]]))
"""


def test_core_imports_and_checks_the_guide_without_mkdocs() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(ROOT)], capture_output=True,
                          text=True, check=False)
    assert "mkdocs" not in done.stderr.lower(), done.stderr
    assert done.returncode == 0, done.stderr
    assert "in order" in done.stdout

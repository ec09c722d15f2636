"""The second guide, examples/sueno, built as its author builds it: from its own folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.project import ROOT, Build

SUENO = ROOT / "examples" / "sueno"


def build_example(site: Path, guide: Path = SUENO) -> Build:
    """`mkdocs build --strict` in the guide's folder, into `site`."""
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                           str(site)], cwd=guide, capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return Build(done.returncode, done.stdout + done.stderr, site)

"""Run the whole test suite several times, as `make test` does, and say how each run went.

    python -m tests.support.soak --runs 10 --load 1

`--load N` keeps N extra processes busy spinning on the CPU for the whole time (one per core
taken), as another developer's work or a slow CI machine would. One line per run: passed or
failed, the counts pytest gave, and the wall time; a failed run's output is kept in
test-results/soak/. `make soak RUNS=10 LOAD=1` runs it.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOGS = ROOT / "test-results" / "soak"
PYTEST = [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-p",
          "no:cacheprovider"]
SPIN = "while True: pass"
FAILURES = re.compile(r"^((?:FAILED|ERROR) .+)$", re.M)


def _summary(output: str) -> str:
    """pytest's last line: '372 passed in 201.2s', without the time and the '=' around it."""
    lines = [line.strip("= ") for line in output.splitlines() if " in " in line and (
        "passed" in line or "failed" in line or "error" in line)]
    return re.sub(r" in [\d.]+s.*$", "", lines[-1]) if lines else "no summary"


def _minutes(seconds: float) -> str:
    return f"{int(seconds // 60)}:{seconds % 60:04.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="how many times (default 10)")
    parser.add_argument("--load", type=int, default=0,
                        help="how many cores to keep busy meanwhile (default 0)")
    options = parser.parse_args()

    LOGS.mkdir(parents=True, exist_ok=True)
    spinners = [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(options.load)]
    print(f"soak: {options.runs} runs of `{' '.join(PYTEST[1:])}`"
          f"{f' beside {options.load} busy process(es)' if spinners else ''}", flush=True)
    walls: list[float] = []
    failed: list[int] = []
    try:
        for run in range(1, options.runs + 1):
            start = time.monotonic()
            done = subprocess.run(PYTEST, cwd=ROOT, capture_output=True, text=True, check=False,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
            walls.append(time.monotonic() - start)
            output = done.stdout + done.stderr
            verdict = "passed" if done.returncode == 0 else "FAILED"
            line = f"run {run}/{options.runs}: {verdict}, {_summary(output)}, {_minutes(walls[-1])}"
            if done.returncode:
                failed.append(run)
                log = LOGS / f"run-{run}.log"
                log.write_text(output, encoding="utf-8")
                line += f" (output in {log.relative_to(ROOT)})"
                line += "".join(f"\n    {test}" for test in FAILURES.findall(output))
            print(line, flush=True)
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()
    print(f"soak: {options.runs - len(failed)} of {options.runs} runs passed; wall time "
          f"min {_minutes(min(walls))}, median {_minutes(statistics.median(walls))}, "
          f"max {_minutes(max(walls))}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

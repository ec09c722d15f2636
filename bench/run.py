"""`make bench`: figures for the guide's build, its growth with content, and its pages.

Measures, in one run, and writes them to bench/report.md:
- build time (median of several `mkdocs build`), the share spent in the project's hooks and core
  (cProfile) and peak memory, with the data as it is and repeated 10x and 100x;
- the same pages as plain Markdown built by stock MkDocs + Material without hooks (the baseline);
- the time from saving a YAML file to the rebuilt page under `mkdocs serve`;
- HTML, CSS and JS bytes (raw and gzipped) per page type, and the project's own JS and CSS;
- Lighthouse scores per page type (npm `lighthouse` driving Debian's Chromium).

Everything runs on copies in a temporary folder; the working tree is never changed.
"""

from __future__ import annotations

import gzip
import json
import os
import pstats
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise
from pathlib import Path
from threading import Thread

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.browser import CHROMIUM_FLAGS  # noqa: E402
from tests.support.project import copy_project  # noqa: E402

REPORT = ROOT / "bench" / "report.md"
LIGHTHOUSE = "lighthouse@13.5.0"
SCALES = {1: 5, 10: 3, 100: 1}  # data repeated N times: how many builds to take the median of
PROFILED = (1, 10, 100)  # a profiled build of the guide with its .cache/ filled
COLD_PROFILED = (1, 10)  # and one without: it more than doubles the time, so not at 100x
# A build that takes longer is stopped and reported as such (e.g. 100x on a busy machine).
BUILD_TIMEOUT = float(os.environ.get("BENCH_BUILD_TIMEOUT", "1800"))
PAGE_TYPES = {
    "home": "",
    "plain guide page": "guide/mindset/",
    "guide page with a calendar": "guide/communication/",
    "library page": "library/rituals/",
    "worksheet": "tools/30-day-worksheet/",
    "checklist": "tools/monthly-trust-checklist/",
}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

# Runs `mkdocs build` as the command line does, then prints the process's peak memory (KiB).
_BUILD = """
import cProfile, resource, runpy, sys
profile_to, sys.argv = sys.argv[1], ["mkdocs", "build", "--quiet", "--site-dir", sys.argv[2]]
profiler = cProfile.Profile() if profile_to else None
if profiler: profiler.enable()
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as done:
    if done.code: raise
if profiler:
    profiler.disable()
    profiler.dump_stats(profile_to)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

# A hook for the baseline: writes each page's Markdown after the guide's hooks rendered it.
_DUMP_HOOK = """
from pathlib import Path
def on_page_markdown(markdown, *, page, config, files):
    out = Path(config.config_file_path).parent / "plain" / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown, encoding="utf-8")
    return markdown
"""


@dataclass
class Build:
    seconds: float
    runs: int
    peak_mib: float
    share: float | None
    pages: int
    costliest: list[tuple[str, int, float]]  # project function, calls, share of the build
    first_seconds: float  # the first build, with no .cache/ to reuse
    first_share: float | None


class TooSlow(Exception):
    """A build did not finish within BUILD_TIMEOUT."""


# -----------------------------------------------------------------------------
# Builds
# -----------------------------------------------------------------------------


def measure_build(project: Path, runs: int, *, profile: bool = True,
                  profile_first: bool = False) -> Build:
    """Median wall time of `runs` builds, peak memory, and (from one more, profiled build) the
    share of time spent in the project's own code.

    A first build starts without `.cache/` (compiled templates, calendar files): it is reported
    on its own, and the median is of the builds after it, as an author running `make serve` sees.
    """
    site = project / "site"
    first_share = None
    if profile_first:
        shutil.rmtree(project / ".cache", ignore_errors=True)
        _run_build(project, site, str(project / "first.prof"))
        first_share, _ = _project_share(project / "first.prof", project)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    start = time.perf_counter()
    peaks = [_run_build(project, site, "")]
    first = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        peaks.append(_run_build(project, site, ""))
        times.append(time.perf_counter() - start)
    share, costliest = None, []
    if profile:
        stats_file = project / "build.prof"
        _run_build(project, site, str(stats_file))
        share, costliest = _project_share(stats_file, project)
    pages = sum(1 for _ in site.rglob("*.html"))
    return Build(statistics.median(times), runs, max(peaks) / 1024, share, pages, costliest,
                 first, first_share)


def _run_build(project: Path, site: Path, profile_to: str) -> int:
    try:
        done = subprocess.run([sys.executable, "-c", _BUILD, profile_to, str(site)],
                              cwd=project, env=ENV, capture_output=True, text=True, check=False,
                              timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise TooSlow from None
    if done.returncode:
        raise SystemExit(f"the build in {project} failed:\n{done.stderr[-3000:]}")
    return int(done.stdout.split()[-1])


def _project_share(stats_file: Path, project: Path) -> tuple[float, list]:
    """Time inside the project's hooks and core (with what they call), over the whole build,
    and the five costliest hook functions.

    All of the core runs inside a hook: an event function that MkDocs calls, or the import of a
    hook file (which imports the core). So the project's time is the cumulative time of those.
    Counting other functions as roots would count some time twice: a function that `re.sub`, an
    import or a template calls has no project caller, though a hook is on the stack.
    """
    stats = pstats.Stats(str(stats_file)).stats  # type: ignore[attr-defined]
    hooks = str(project / "hooks")

    def entry_point(key: tuple) -> bool:
        return key[0].startswith(hooks) and (key[2].startswith("on_") or key[2] == "<module>")

    total = sum(tt for _, _, tt, _, _ in stats.values())
    outermost = {key: (calls, ct) for key, (_, calls, _, ct, _) in stats.items()
                 if entry_point(key)}
    costliest = sorted(outermost.items(), key=lambda item: -item[1][1])[:5]
    named = [(f"{Path(key[0]).parent.name}/{Path(key[0]).name}:{key[2]}", calls, ct / total)
             for key, (calls, ct) in costliest]
    return sum(ct for _, ct in outermost.values()) / total, named


def repeated(times: int, into: Path) -> Path:
    """A copy of the project whose data has every entry `times` times, copies with new ids."""
    into.mkdir(parents=True)
    project = copy_project(into)
    if times == 1:
        return project
    for data_file in (project / "data").glob("*.yml"):
        document = yaml.safe_load(data_file.read_text(encoding="utf-8"))
        for entries in document.values():
            if isinstance(entries, list):
                originals = [e for e in entries if isinstance(e, dict) and "id" in e]
                last = max((e["order"] for e in originals if "order" in e), default=0)
                for n in range(2, times + 1):
                    # new ids, and for ordered entries (phases) the next free places
                    entries.extend({**e, "id": f"{e['id']}-r{n}",
                                    **({"order": e["order"] + (n - 1) * last} if "order" in e
                                       else {})} for e in originals)
        data_file.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True),
                             encoding="utf-8")
    return project


def plain_markdown(project: Path) -> Path:
    """The same pages as plain Markdown (embeds already rendered) with a stock Material config."""
    config_file = project / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    (project / "hooks" / "bench_dump.py").write_text(_DUMP_HOOK, encoding="utf-8")
    config["hooks"] = [*config.get("hooks", []), "hooks/bench_dump.py"]
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    _run_build(project, project / "site", "")

    baseline = project / "baseline"
    baseline.mkdir()
    shutil.move(project / "plain", baseline / "docs")
    theme = {k: v for k, v in config["theme"].items() if k != "custom_dir"}
    stock = {"site_name": config["site_name"], "docs_dir": "docs", "theme": theme,
             "plugins": config.get("plugins", ["search"]),
             "markdown_extensions": config.get("markdown_extensions", [])}
    (baseline / "mkdocs.yml").write_text(yaml.safe_dump(stock, sort_keys=False),
                                         encoding="utf-8")
    return baseline


# -----------------------------------------------------------------------------
# mkdocs serve: from saving a YAML file to the rebuilt page
# -----------------------------------------------------------------------------


def serve_latency(project: Path, saves: int = 3) -> list[float]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/library/rituals/"
    serve = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
         "--livereload"], cwd=project, env=ENV, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        _wait_for(url, "</html>", timeout=180)
        rituals = project / "data" / "rituals.yml"
        title = yaml.safe_load(rituals.read_text(encoding="utf-8"))["rituals"][0]["title"]
        latencies = []
        for n in range(saves):
            marker = f"{title} bench{n}"
            text = rituals.read_text(encoding="utf-8")
            rituals.write_text(text.replace(f"title: {title}", f"title: {marker}", 1),
                               encoding="utf-8")
            saved = time.perf_counter()
            _wait_for(url, marker, timeout=120)
            latencies.append(time.perf_counter() - saved)
            rituals.write_text(text, encoding="utf-8")
            _wait_for(url, f">{title}<", timeout=120)
        return latencies
    finally:
        serve.terminate()
        serve.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, text: str, *, timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {text!r} within {timeout} s")


# -----------------------------------------------------------------------------
# Page weight and Lighthouse
# -----------------------------------------------------------------------------


def _sizes(data: bytes) -> tuple[int, int]:
    return len(data), len(gzip.compress(data, compresslevel=9))


def page_weight(site: Path, page: str) -> dict[str, tuple[int, int]]:
    """Raw and gzipped bytes of a page's HTML and of the CSS and JS files it loads."""
    html_file = site / page / "index.html"
    html = html_file.read_bytes()
    text = html.decode("utf-8")
    css = re.findall(r'<link rel="stylesheet" href="([^"]+)"', text)
    js = re.findall(r'<script src="([^"]+)"', text)

    def total(links: list[str]) -> tuple[int, int]:
        files = [(html_file.parent / link.split("?")[0]).resolve() for link in links]
        sizes = [_sizes(f.read_bytes()) for f in files]
        return sum(s[0] for s in sizes), sum(s[1] for s in sizes)

    ours = [link for link in css + js if "assets/guide/" in link]
    return {"HTML": _sizes(html), "CSS": total(css), "JS": total(js), "ours": total(ours)}


def own_assets() -> list[tuple[str, int, int]]:
    return [(path.name, *_sizes(path.read_bytes()))
            for path in sorted((ROOT / "overrides" / "assets" / "guide").iterdir())
            if path.suffix in (".js", ".css")]


class _Gzipped(SimpleHTTPRequestHandler):
    """Serves text files gzipped, as any static host does, so Lighthouse sees real transfer."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and accepts and path.suffix in (".html", ".css", ".js", ".json",
                                                                ".xml", ".svg")):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def lighthouse(site: Path) -> dict[str, dict[str, int]]:
    """Lighthouse's four category scores per page type, from npm's lighthouse in bench/."""
    cli = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        subprocess.run(["npm", "install", "--no-save", "--silent", "--no-audit", "--no-fund",
                        "--prefix", str(ROOT / "bench"), LIGHTHOUSE], check=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Gzipped, directory=str(site)))
    Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    scores = {}
    try:
        for name, page in PAGE_TYPES.items():
            with tempfile.TemporaryDirectory(prefix="lighthouse-") as profile:
                out = Path(profile) / "report.json"
                flags = " ".join([*CHROMIUM_FLAGS, f"--user-data-dir={profile}/chrome"])
                subprocess.run(
                    [str(cli), origin + page, "--quiet", "--output=json",
                     f"--output-path={out}", f"--chrome-flags={flags}",
                     "--only-categories=performance,accessibility,best-practices,seo"],
                    env={**ENV, "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"},
                    check=True, capture_output=True)
                result = json.loads(out.read_text(encoding="utf-8"))
                scores[name] = {
                    category["title"]: round(category["score"] * 100)
                    for category in result["categories"].values()}
                scores[name]["failing"] = [
                    audit["id"] for audit in result["audits"].values()
                    if audit.get("score") is not None and audit["score"] < 1
                    and audit.get("scoreDisplayMode") in ("binary", "metricSavings")]
    finally:
        server.shutdown()
        server.server_close()
    return scores


# -----------------------------------------------------------------------------
# Report
# -----------------------------------------------------------------------------


def _growth_rows(builds: dict[int, Build], baselines: dict[int, Build]) -> list[str]:
    """One row per step up in data: how many times longer each part takes."""
    rows = []
    sizes = [t for t in builds if t in baselines]
    for small, large in pairwise(sizes):
        guide = builds[large].seconds / builds[small].seconds
        baseline = baselines[large].seconds / baselines[small].seconds
        own = "not profiled"
        if builds[large].share and builds[small].share:
            before, after = (builds[t].share * builds[t].seconds for t in (small, large))
            own = f"x{after / before:.1f}"
        rows.append(f"| {small}x to {large}x (x{large // small}) | x{guide:.1f} | x{baseline:.1f} "
                    f"| {own} |")
    return rows


def _percent(share: float | None) -> str:
    return "not profiled" if share is None else f"{share:.0%}"


def _kib(size: int) -> str:
    return f"{size / 1024:.1f}"


def main() -> None:
    lines = [
        "# Benchmark report",
        "",
        f"Written by `make bench` (bench/run.py) on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f} at the start. Times are wall-clock seconds of a whole "
        "`mkdocs build` process (start-up and imports included), so a busy machine inflates "
        "them; the ratios are what to compare.",
        "",
    ]
    with tempfile.TemporaryDirectory(prefix="guide-bench-") as work:
        work = Path(work)

        print("builds at 1x, 10x, 100x ...", flush=True)
        builds, baselines, too_slow = {}, {}, []
        for times, runs in SCALES.items():
            print(f"  {times}x", flush=True)
            try:
                builds[times] = measure_build(repeated(times, work / f"x{times}"), runs,
                                              profile=times in PROFILED,
                                              profile_first=times in COLD_PROFILED)
                baseline = plain_markdown(repeated(times, work / f"plain-x{times}"))
                baselines[times] = measure_build(baseline, runs, profile=False)
            except TooSlow:
                too_slow.append(times)
        one = builds[1]
        lines += [
            "## Build time and growth with content",
            "",
            "Data repeated N times: every entry of every `data/*.yml` copied with a new id. "
            "*Project share* is the time inside `hooks/` and `src/guidekit/` (with what they "
            "call, e.g. Jinja rendering of the partials) from a cProfile of one more build. "
            "Builds reuse compiled templates and calendar files from `.cache/guidekit/`: the "
            "*first build* starts without it (a fresh clone, or after `make clean`); the median "
            "and the main share are of the builds after it, as `make serve` and every later "
            "`make build` run.",
            "",
            "| data | pages | build (median) | first build | vs 1x | s per page "
            "| project share (first build) | peak memory |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for times, result in builds.items():
            lines.append(
                f"| {times}x | {result.pages} | {result.seconds:.2f} s (of {result.runs}) "
                f"| {result.first_seconds:.2f} s "
                f"| {result.seconds / one.seconds:.1f} | {result.seconds / result.pages:.3f} "
                f"| {_percent(result.share)} ({_percent(result.first_share)}) "
                f"| {result.peak_mib:.0f} MiB |")
        lines += [f"| {times}x | | stopped after {BUILD_TIMEOUT:.0f} s | | | | | |"
                  for times in too_slow]
        lines += [
            "",
            "Baseline: the same pages as plain Markdown (embeds already rendered), built by "
            "stock MkDocs + Material with no hooks and no overrides.",
            "",
            "| data | guide build | baseline build | ratio guide / baseline |",
            "| --- | ---: | ---: | ---: |",
        ]
        for times, baseline in baselines.items():
            lines.append(f"| {times}x | {builds[times].seconds:.2f} s | {baseline.seconds:.2f} s "
                         f"| {builds[times].seconds / baseline.seconds:.2f} |")
        lines += [
            "",
            "Where the project's time goes at 1x (hook events and the import of the hooks, "
            "with what they call):",
            "",
            "| function | calls | share of the build |",
            "| --- | ---: | ---: |",
            *[f"| `{name}` | {calls} | {share:.0%} |" for name, calls, share in one.costliest],
            "",
            "Growth from one size of data to the next (linear: the same factor as the data). "
            "The project's own time is its share times the build time.",
            "",
            "| data | guide build | baseline build | project's own time |",
            "| --- | ---: | ---: | ---: |",
            *_growth_rows(builds, baselines),
            "",
            "Against the goals: the project's share is "
            + ", ".join(f"{b.share:.0%} at {t}x" for t, b in builds.items() if b.share)
            + " (goal: at most 20%); in a first build, without `.cache/`, "
            + ", ".join(f"{b.first_share:.0%} at {t}x" for t, b in builds.items()
                        if b.first_share)
            + ".",
        ]

        print("mkdocs serve ...", flush=True)
        latencies = serve_latency(repeated(1, work / "serve"))
        lines += [
            "",
            "## Saving a YAML file under `mkdocs serve`",
            "",
            f"From writing `data/rituals.yml` (a changed title) to `library/rituals/` showing it, "
            f"polled every 50 ms: median {statistics.median(latencies):.2f} s over "
            f"{len(latencies)} saves ({', '.join(f'{s:.2f}' for s in latencies)} s).",
        ]

        site = work / "x1" / "site"
        lines += [
            "",
            "## Page weight per page type",
            "",
            "Bytes the page loads up front: its HTML and the stylesheets and scripts it links "
            "(Material's search index and worker load later, when search is opened).",
            "",
            "| page type | path | HTML raw / gzip (KiB) | CSS raw / gzip | JS raw / gzip "
            "| ours (CSS + JS) raw / gzip |",
            "| --- | --- | ---: | ---: | ---: | ---: |",
        ]
        for name, page in PAGE_TYPES.items():
            weight = page_weight(site, page)
            cells = " | ".join(f"{_kib(weight[k][0])} / {_kib(weight[k][1])}"
                               for k in ("HTML", "CSS", "JS", "ours"))
            lines.append(f"| {name} | `/{page}` | {cells} |")
        assets = own_assets()
        lines += [
            "",
            "The project's own JavaScript and CSS (`overrides/assets/guide/`). A page links only "
            "the files its blocks use (`src/guidekit/assets.py`); the column \"ours\" above is "
            "what each page type loads of them. Goal: at most 8 KiB gzipped on a plain page.",
            "",
            "| file | raw (bytes) | gzip (bytes) |",
            "| --- | ---: | ---: |",
            *[f"| `{name}` | {raw} | {packed} |" for name, raw, packed in assets],
        ]
        for suffix in (".js", ".css"):
            mine = [a for a in assets if a[0].endswith(suffix)]
            lines.append(f"| **all {suffix}** | {sum(a[1] for a in mine)} "
                         f"| {sum(a[2] for a in mine)} |")

        print("lighthouse ...", flush=True)
        scores = lighthouse(site)
        categories = ["Performance", "Accessibility", "Best Practices", "SEO"]
        lines += [
            "",
            "## Lighthouse",
            "",
            f"npm `{LIGHTHOUSE}` with Debian's Chromium (headless, default mobile emulation and "
            "simulated throttling), the built site served gzipped on 127.0.0.1. Goal: 100 for "
            "accessibility, best practices and SEO; 95 or more for performance.",
            "",
            "| page type | " + " | ".join(categories) + " | audits not passed |",
            "| --- | " + " | ".join("---:" for _ in categories) + " | --- |",
        ]
        for name, result in scores.items():
            failing = ", ".join(f"`{a}`" for a in result["failing"]) or "none"
            lines.append(f"| {name} | " + " | ".join(str(result[c]) for c in categories)
                         + f" | {failing} |")

    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

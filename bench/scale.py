"""Benchmark: the whole site at 500, 2,000 and 5,000 generated services (issue 9, item 6).

Per size it measures
- validation: the core loader `directory.data.loading.load` on the generated YAML files (best of 3);
- the full build: `mkdocs build` in all six languages of a project folder made like the tests'
  `make_site_project` (config, hand-written content, hooks, overrides, the data), Pagefind
  and the leaflet PDFs included, in a subprocess; the HTML pages it made, pages per second,
  the site's size, and the least ratio its processor time allows on two cores;
- a rebuild: the same build again with the leaflet PDFs in `.cache/leaflets`, as a deploy
  that restores the cache (.github/workflows/deploy.yml) and `mkdocs serve` see;
- a plain build: mkdocs-material in one language (the same theme, overrides, extra_css, nav
  and `not_in_nav`, without the hook, the i18n plugin and the data) over one trivial
  Markdown page for every page file of the full build, so MkDocs and Material build the same
  number of pages. Full over plain is what six languages, the data, maps, search, PDFs and
  open data add to the theme's own cost (issue 18: ≤ 3.0).

The growth of the full build from 2,000 to 5,000 services shows whether it stays linear.
Numbers are printed with PASS/FAIL notes against the targets; nothing is asserted, since time
depends on the machine. Builds run one after another (the reference machine has 2 cores).
The configuration, content, hooks and overrides are copied once at the start, so every size
builds the same code even while the checkout changes; each build's log is kept beside it.

    .venv/bin/python bench/scale.py [--sizes 500,2000,5000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from directory.render.pages import SECTIONS
from generate import VOCABULARIES, generate
from validation import measure

ROOT = Path(__file__).resolve().parent.parent
VALIDATION_TARGET = 2.0  # seconds for 5,000 records (services + organisations)
RATIO_TARGET = 3.0  # full build over a plain one-language build of as many pages
GROWTH_TARGET = 2.7  # build time, 2,000 → 5,000 services (2.5 times is linear)
BUILD_TIMEOUT = 3600
PLAIN_LANGUAGE = "cs"  # the plain build's one language, whose pages the nav lists
TRIVIAL_PAGE = "# {title}\n\nA short page for the plain build.\n"
LANGUAGE_LINE = re.compile(r"Building '(\w+)' documentation")
PAGEFIND_LINE = re.compile(r"Finished in ([0-9.]+) seconds")


@dataclass(frozen=True)
class Build:
    """One `mkdocs build`: wall time, processor time (the machine's, the build's workers and
    Pagefind included: `machine_cpu`), whether it was strict, and its log with time
    stamps."""

    seconds: float
    cpu: float
    strict: bool
    log: list[tuple[float, str]]


@dataclass(frozen=True)
class Site:
    pages: int
    files: int
    bytes: int


@dataclass(frozen=True)
class Result:
    size: int
    records: int
    validation: float
    full: Build
    site: Site
    plain: Build
    plain_site: Site
    rebuild: Build  # the full build again, leaflet PDFs from the cache

    @property
    def ratio(self) -> float:
        return self.full.seconds / self.plain.seconds

    @property
    def rebuild_ratio(self) -> float:
        return self.rebuild.seconds / self.plain.seconds

    @property
    def floor(self) -> float:
        """The least ratio the full build's processor time allows on two cores."""
        return self.full.cpu / 2 / self.plain.seconds

    @property
    def cpu_ratio(self) -> float:
        return self.full.cpu / self.plain.cpu


def sizes(text: str) -> list[int]:
    """`500,2000,5000` (or `2_000`) as numbers of services."""
    try:
        values = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"give positive numbers of services: {text!r}")
    return values


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=sizes, default="500,2000,5000", help="services per set")
    parser.add_argument("--keep", type=Path, help="keep the data and built projects here")
    return parser.parse_args(argv)


@contextmanager
def workspace(keep: Path | None) -> Iterator[Path]:
    """`keep` (created) when given, else a temporary folder removed afterwards."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep.resolve()
        return
    with tempfile.TemporaryDirectory(prefix="rozcestnik-scale-") as tmp:
        yield Path(tmp)


def snapshot(work: Path) -> tuple[Path, Path]:
    """The project's sources as they are now (copied as tests/conftest.py's make_site_project
    does), and the vocabularies of data/ that the generated records use."""
    source, vocabulary = work / "source", work / "vocabulary"
    for folder in (source, vocabulary):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", source / "mkdocs.yml")
    shutil.copytree(ROOT / "content", source / "content", ignore=_generated)
    shutil.copytree(ROOT / "hooks", source / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides", source / "overrides")
    for name in VOCABULARIES:
        shutil.copy(ROOT / "data" / name, vocabulary / name)
    return source, vocabulary


def site_project(folder: Path, source: Path, data: Path) -> Path:
    """A project like the real one around `data`, from the snapshot `source`."""
    project = folder / "project"
    if project.exists():
        shutil.rmtree(project)
    shutil.copytree(source, project)
    shutil.copytree(data, project / "data")
    return project


def _generated(folder: str, names: list[str]) -> list[str]:
    """The generated sections of content/ are written by the copy's own build."""
    return [name for name in names if name in SECTIONS] if folder.endswith("content") else []


def plain_project(folder: Path, full: Path) -> Path:
    """A plain mkdocs-material site in one language: the same theme, overrides (with
    Material's own navigation partial), extra_css, nav and `not_in_nav`, no hook and no i18n
    plugin, and one trivial page for every page file of `full` (whose content/ holds the
    generated pages after its build). The default language's pages keep their places
    without the suffix (`services/x.cs.md` → `services/x.md`), so the nav finds them; every
    other page goes under `more/<language>/`, out of the nav like the record pages."""
    project = folder / "plain"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    config = (full / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^hooks:\n(?:[ \t]+-.*\n)+", "", config, flags=re.MULTILINE)
    config = re.sub(r"^plugins:\n(?:(?:[ \t]+.*|[ \t]*)\n)+", "", config, flags=re.MULTILINE)
    config = config.replace("not_in_nav: |\n", "not_in_nav: |\n  /more/\n", 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    # The overrides but the navigation's: it draws Material's through the hook (shared_nav).
    shutil.copytree(full / "overrides", project / "overrides", ignore=_hook_templates)
    for name in ("data", "hooks"):  # `watch:` names them; they stay empty
        (project / name).mkdir()
    content = full / "content"
    for source in content.rglob("*"):
        if source.is_file():
            _plain_copy(source, project / "content" / _plain_path(source.relative_to(content)))
    return project


def _hook_templates(folder: str, names: list[str]) -> list[str]:
    return ["nav.html"] if Path(folder).name == "partials" else []


def _plain_path(path: Path) -> Path:
    """Where a page file of the six-language site goes in the one-language plain site."""
    parts = path.name.split(".")
    if path.suffix != ".md" or len(parts) < 3:  # assets, and the root picker's index.md
        return path if path.suffix != ".md" else Path("more", "root") / path
    language = parts[-2]
    bare = path.with_name(".".join(parts[:-2] + parts[-1:]))
    return bare if language == PLAIN_LANGUAGE else Path("more", language) / bare


def _plain_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.suffix == ".md":
        target.write_text(TRIVIAL_PAGE.format(title=source.stem), encoding="utf-8")
    else:
        shutil.copy(source, target)


def build(project: Path) -> Build:
    """`mkdocs build --strict`; when strict mode fails on generated data, again without it."""
    strict = _run_build(project, strict=True)
    if strict is not None:
        return strict
    relaxed = _run_build(project, strict=False)
    if relaxed is None:
        raise SystemExit(f"mkdocs build failed in {project} (see the log above)")
    return relaxed


def _run_build(project: Path, strict: bool) -> Build | None:
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")]
    command.append("--strict" if strict else "--no-strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started, cpu_before = time.perf_counter(), machine_cpu()
    log: list[tuple[float, str]] = []
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            log.append((time.perf_counter() - started, line.rstrip()))
        returncode = process.wait(timeout=BUILD_TIMEOUT)
    seconds, cpu = time.perf_counter() - started, machine_cpu() - cpu_before
    text = "".join(f"{t:8.2f} {line}\n" for t, line in log)
    (project / "build.log").write_text(text, encoding="utf-8")
    if returncode != 0:
        mode = "strict" if strict else "non-strict"
        print(f"  {mode} build failed ({returncode}); last lines:", file=sys.stderr)
        for _, line in log[-15:]:
            print(f"    {line}", file=sys.stderr)
        return None
    return Build(seconds, cpu, strict, log)


def machine_cpu() -> float:
    """Processor seconds used so far: by the whole machine where /proc/stat tells (the build's
    workers are children of multiprocessing's fork server, which no one waits for, so
    `getrusage` never counts them: run nothing else meanwhile), else by waited-for children."""
    try:
        fields = Path("/proc/stat").read_text(encoding="ascii").split("\n", 1)[0].split()
        user, nice, system = (int(value) for value in fields[1:4])
        return (user + nice + system) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime


def site_stats(site: Path) -> Site:
    """HTML pages (not the web editor's), all files, and bytes of the built site."""
    files = [path for path in site.rglob("*") if path.is_file()]
    pages = [path for path in files if path.suffix == ".html" and "admin" not in path.parts]
    return Site(len(pages), len(files), sum(path.stat().st_size for path in files))


def phases(run: Build) -> str:
    """Seconds per phase from the log: set-up until the first language (for the full build:
    loading the data and writing the generated pages' placeholders), each language (the last
    one includes what runs after the build and the wait for the work beside it), and
    Pagefind's runs as they report themselves."""
    starts = [(t, m.group(1)) for t, line in run.log if (m := LANGUAGE_LINE.search(line))]
    if not starts:
        return "no per-language lines in the log"
    parts = [f"CPU {run.cpu:.1f} s; set-up {starts[0][0]:.1f}"]
    ends = [t for t, _ in starts[1:]] + [run.seconds]
    parts += [f"{language} {end - t:.1f}" for (t, language), end in zip(starts, ends, strict=True)]
    pagefind = [float(m.group(1)) for _, line in run.log if (m := PAGEFIND_LINE.search(line))]
    if pagefind:
        parts.append(f"(Pagefind {sum(pagefind):.1f} in {len(pagefind)} runs, beside the build)")
    return ", ".join(parts)


def hook_notes(run: Build) -> list[str]:
    """What the hook logged after the last language was built (search, other finishing)."""
    starts = [i for i, (_, line) in enumerate(run.log) if LANGUAGE_LINE.search(line)]
    after = run.log[starts[-1] + 1 :] if starts else []
    skip = ("Documentation built", "mkdocs_static_i18n")
    return [line for _, line in after if not any(part in line for part in skip)]


def load() -> str:
    """The machine's load: other work running beside a build makes it slower."""
    return f"; load average {os.getloadavg()[0]:.1f} (1 min)"


def measure_size(size: int, folder: Path, source: Path, vocabulary: Path) -> Result:
    data = generate(folder / "data", size, vocabulary=vocabulary)
    records, validation = measure(data)
    print(f"{size} services: {records} records, validation {validation:.2f} s", flush=True)
    full_project = site_project(folder, source, data)
    full = build(full_project)
    site = site_stats(full_project / "site")
    print(f"  full build {full.seconds:.1f} s, {site.pages} pages: {phases(full)}{load()}")
    for line in hook_notes(full):
        print(f"    {line}", flush=True)
    rebuild = build(full_project)
    print(f"  rebuild {rebuild.seconds:.1f} s (leaflets cached): {phases(rebuild)}{load()}")
    plain_path = plain_project(folder, full_project)
    plain = build(plain_path)
    plain_site = site_stats(plain_path / "site")
    print(f"  plain build {plain.seconds:.1f} s, {plain_site.pages} pages: {phases(plain)}{load()}")
    return Result(size, records, validation, full, site, plain, plain_site, rebuild)


def table(results: list[Result]) -> str:
    header = (
        "| size | records | validation s | build s | pages | pages/s | site MB | plain build s"
        " | ratio | rebuild s | rebuild ratio |"
        "\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    rows = [
        f"| {r.size:,} | {r.records:,} | {r.validation:.2f} | {r.full.seconds:.1f}"
        f" | {r.site.pages:,} | {r.site.pages / r.full.seconds:.0f}"
        f" | {r.site.bytes / 1e6:,.0f} ({r.site.files:,} files) | {r.plain.seconds:.1f}"
        f" | {r.ratio:.2f} | {r.rebuild.seconds:.1f} | {r.rebuild_ratio:.2f} |"
        for r in results
    ]
    return "\n".join([header, *rows])


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def notes(results: list[Result]) -> list[str]:
    lines = []
    by_size = {r.size: r for r in results}
    for r in results:
        per_5000 = r.validation * 5000 / r.records
        lines.append(
            f"{r.size:,}: validation scaled to 5,000 records {per_5000:.2f} s (target"
            f" < {VALIDATION_TARGET} s: {verdict(per_5000 < VALIDATION_TARGET)}); ratio"
            f" {r.ratio:.2f} (target ≤ {RATIO_TARGET}: {verdict(r.ratio <= RATIO_TARGET)}),"
            f" by CPU time {r.cpu_ratio:.2f}, least possible on two cores {r.floor:.2f};"
            f" rebuild with the PDFs cached {r.rebuild.cpu:.0f} CPU-s against {r.full.cpu:.0f}"
            " (it also clears the earlier site; bench/leaflets.py measures the PDFs);"
            f" pages full/plain {r.site.pages:,}/{r.plain_site.pages:,};"
            f" {'strict' if r.full.strict else 'NOT strict'}"
        )
    if 2000 in by_size and 5000 in by_size:
        growth = by_size[5000].full.seconds / by_size[2000].full.seconds
        cpu_growth = by_size[5000].full.cpu / by_size[2000].full.cpu
        plain_growth = by_size[5000].plain.seconds / by_size[2000].plain.seconds
        lines.append(
            f"growth 2,000 → 5,000 services: build {growth:.2f}× (target ≤ {GROWTH_TARGET}×:"
            f" {verdict(growth <= GROWTH_TARGET)}; linear 2.50×), by CPU time"
            f" {cpu_growth:.2f}×; plain build {plain_growth:.2f}×"
        )
    return lines


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    results = []
    with workspace(args.keep) as work:
        source, vocabulary = snapshot(work)
        for size in args.sizes:
            results.append(measure_size(size, work / str(size), source, vocabulary))
    print()
    print(table(results))
    print()
    for line in notes(results):
        print(f"- {line}")
    if args.keep is not None:
        print(f"\nkept in {args.keep}: <size>/project and <size>/plain, each with build.log")


if __name__ == "__main__":
    main()

"""The one scheduler of the work beside MkDocs: generated pages' bodies and leaflet PDFs, on one
pool of processes (the search indexes run as Pagefind processes of their own: `search`).

MkDocs builds one language after another on one core; this work needs only the data, so it
runs meanwhile on the other cores. Its lifecycle:

- `SideWork(...)`: the pool starts on the bodies of the first languages MkDocs builds;
- `bodies(language)`: the bodies of a language, when MkDocs reaches its first page (and the
  next language's are asked for: the pool takes jobs first come, first served);
- `submit(...)`: other work (the PDFs);
- `close()`: after the last language; `cancel()` when the build failed.

Jobs are plain data (paths, the data's fingerprint, site links, a language), never closures:
the workers start from a clean process (forkserver, else spawn; forking a process with
threads is unsafe) and are handed the data the build read, pickled, when they start (else
they load it themselves, once per worker and state of the files). A worker that finds the
files changed since the build read them (a save during `mkdocs serve`) refuses, and the
build makes those bodies itself from what it read.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from directory.build.forkserver import pool_context
from directory.build.generate import GeneratedPages, generated_pages, language_of
from directory.data.dataset import Directory
from directory.data.loading import Fingerprint, fingerprint, load_cached, loaded_state, remember
from directory.render.page import SiteLinks

T = TypeVar("T")


class DataChanged(RuntimeError):
    """The data files changed between the build's reading and a worker's."""


@dataclass(frozen=True)
class DataSource:
    """Where a worker finds the data, and the state of the files the build read."""

    data_dir: Path
    base: Path
    state: Fingerprint

    @classmethod
    def of(cls, data_dir: Path, base: Path) -> DataSource:
        """The state in which the build read the files (now, if it has not read them)."""
        state = loaded_state(data_dir) or fingerprint(data_dir.resolve())
        return cls(data_dir, base, state)


@dataclass(frozen=True)
class BodyJob:
    source: DataSource
    links: SiteLinks
    language: str
    paths: tuple[str, ...]  # placeholders, in the order the bodies come back


def render_bodies(job: BodyJob) -> list[str]:
    """In a worker: the bodies of one language's generated pages."""
    directory = load_cached(job.source.data_dir, job.source.base)
    if fingerprint(job.source.data_dir.resolve()) != job.source.state:
        raise DataChanged(str(job.source.data_dir))
    pages = generated_pages(directory, job.links, [job.language])
    return [pages[path].body for path in job.paths]


def receive_data(source: DataSource, snapshot: bytes | None) -> None:
    """In a new worker: the data as the build read it, pickled (10 ms to unpickle, where
    reading and checking the files again took 0.2 s in each worker), if it was handed."""
    if snapshot is not None:
        remember(source.data_dir, source.state, pickle.loads(snapshot))


class SideWork:
    """A pool of `workers` processes (every core when None) and the bodies it makes for the
    build's pages; with `workers=0` no pool, and the bodies are made in this process."""

    def __init__(
        self,
        pages: GeneratedPages,
        source: DataSource,
        links: SiteLinks,
        languages: Iterable[str],
        workers: int | None = None,
        ahead: int = 2,
        directory: Directory | None = None,
    ) -> None:
        self._pages = pages
        self._source = source
        self._links = links
        self._pool: ProcessPoolExecutor | None = None
        if workers != 0:  # each worker is handed the data the build read, if given
            self._pool = ProcessPoolExecutor(
                workers or os.cpu_count() or 1,
                mp_context=pool_context(),
                initializer=receive_data,
                initargs=(source, pickle.dumps(directory) if directory else None),
            )
        self._paths: dict[str, list[str]] = {}
        for path in pages:
            self._paths.setdefault(language_of(path), []).append(path)
        self._order = [language for language in languages if language in self._paths]
        self._ahead = ahead  # languages of bodies made ahead: they wait in memory
        self._bodies: dict[str, Future[list[str]]] = {}
        self._ask(self._order[:ahead])

    def _ask(self, languages: Iterable[str]) -> None:
        for language in languages:
            if language not in self._bodies and self._pool is not None:
                job = BodyJob(self._source, self._links, language, tuple(self._paths[language]))
                self._bodies[language] = self._pool.submit(render_bodies, job)

    def bodies(self, language: str) -> dict[str, str]:
        """The bodies of `language`'s generated pages by placeholder path (waiting for them),
        made here when no worker could make them."""
        paths = self._paths.get(language, [])
        if language in self._order:
            following = self._order[self._order.index(language) + 1 :]
            self._ask(following[: self._ahead])
        run = self._bodies.pop(language, None)
        made: list[str] | None = None
        if run is not None:
            try:
                made = run.result()
            except DataChanged:
                made = None
        if made is None:
            made = [self._pages[path].body for path in paths]
        return dict(zip(paths, made, strict=True))

    @property
    def executor(self) -> Executor:
        """The pool, for work that submits its own jobs (the leaflet PDFs)."""
        if self._pool is None:
            raise RuntimeError("the work beside the build is over")
        return self._pool

    def submit(self, job: Callable[..., T], *args: object) -> Future[T]:
        """Run `job(*args)` (a module-level function of plain data) in the pool."""
        if self._pool is None:
            raise RuntimeError("the work beside the build is over")
        return self._pool.submit(job, *args)

    def close(self) -> None:
        """Wait for what was asked and end the workers."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        self._bodies.clear()

    def cancel(self) -> None:
        """The build failed: drop what has not started and wait for what has (a language's
        bodies or one language's PDFs: seconds), so no worker outlives the build."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._bodies.clear()

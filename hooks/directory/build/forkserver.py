"""The process the pool beside the build forks its workers from (`sidework`): a server that
has imported, and set up, what every job needs (`worker_preload`), so each worker starts
ready. Forking a process with threads is unsafe; where there is no forkserver the workers
are spawned and prepare themselves.

The hook module starts it as MkDocs loads it, the earliest moment a build is ours: its
preparation (0.6-0.9 s) then runs beside MkDocs' loading of the configuration and the data.
Started when the pool first asked for a worker, it kept MkDocs' process waiting for it
(0.8-1.1 s of a cold build with the other core idle). This module imports only the standard
library: the hook imports it before anything heavy."""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
from collections.abc import Mapping

# What every job needs, imported once in the forkserver instead of in each worker.
PRELOAD = ["directory.build.worker_preload", "folium"]


def pool_context() -> multiprocessing.context.BaseContext:
    """How the pool starts its workers: forked from the forkserver, else spawned."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def start_early(environ: Mapping[str, str]) -> bool:
    """Start the forkserver now, unless the build is a preview (ROZCESTNIK_PREVIEW), which
    needs no workers for one language and starts the server if it does need them. Whether
    it was started."""
    if environ.get("ROZCESTNIK_PREVIEW", "").strip():
        return False
    if pool_context().get_start_method() != "forkserver":
        return False
    multiprocessing.forkserver.ensure_running()
    return True

"""What every worker of the pool beside the build needs, done once in the process they are
forked from (`sidework.PRELOAD`, imported by the forkserver and nowhere else): the modules of
the pages' bodies and of the leaflets, and the page templates compiled, which each worker
did again for itself (0.12 CPU-s)."""

from __future__ import annotations

import directory.build.generate
import directory.data.loading
import directory.print.pdf
from directory.render.renderer import compile_templates

compile_templates()

__all__ = ["directory"]

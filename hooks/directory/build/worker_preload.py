"""What every worker of the pool beside the build needs, done once in the process they are
forked from (`forkserver.PRELOAD`, imported by the forkserver and nowhere else): the modules
of the pages' bodies and of the leaflets, the page templates compiled, which each worker did
again for itself (0.12 CPU-s), and the garbage collector set for a build (`collector`)."""

from __future__ import annotations

# Imported for the workers forked from this process, not used here.
import directory.build.generate
import directory.data.loading
import directory.print.pdf  # noqa: F401
from directory.build.collector import set_for_the_build
from directory.render.renderer import compile_templates

set_for_the_build()
compile_templates()

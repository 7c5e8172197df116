"""MkDocs hook: validate the data (once per process and state of the files), write the record
pages, and abort the build with every problem listed when the data is invalid.

Only translation of MkDocs events into core calls happens here; the work is in `directory`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from directory.generate import write_pages
from directory.loading import load_cached
from directory.problems import InvalidData
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.records")

SITE_LANGUAGE = "en"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    project = Path(config.config_file_path).parent
    try:
        directory = load_cached(project / "data", base=project)
    except InvalidData as invalid:
        for problem in invalid.problems:
            log.error(str(problem))
        raise PluginError(
            f"{len(invalid.problems)} problem(s) in the data; nothing was built. "
            "Fix them and run: .venv/bin/python -m directory validate"
        ) from None
    stats = write_pages(directory, Path(config.docs_dir), SITE_LANGUAGE)
    log.info(
        "records: %s; pages written %d, unchanged %d, removed %d",
        directory.summary(),
        stats.written,
        stats.unchanged,
        stats.removed,
    )
    return config

"""Shared test helpers: the sample data set, a fixed "today", and a way to build sites."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATA = ROOT / "tests" / "sample-data"
TODAY = date(2026, 11, 23)


@pytest.fixture
def sample_data(tmp_path: Path) -> Path:
    """A writable copy of the sample data set."""
    target = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, target)
    return target


def make_site_project(tmp_path: Path, data: Path) -> Path:
    """A project folder like the real one (config, content, hooks) around `data`."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "content", project / "content", ignore=_generated)
    shutil.copytree(ROOT / "hooks", project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(data, project / "data")
    return project


def _generated(folder: str, names: list[str]) -> list[str]:
    from directory.generate import GENERATED_SECTIONS

    return (
        [name for name in names if name in GENERATED_SECTIONS] if folder.endswith("content") else []
    )


def mkdocs_build(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )

"""How the core is built: small pieces, and the generated sections tied to the files that must
name them. (Which stage may import which is checked by `lint-imports` in `make test`.)"""

from __future__ import annotations

import ast
import subprocess
import sys

import yaml
from directory.render.pages import SECTIONS

from .conftest import ROOT

CORE = ROOT / "hooks" / "directory"
MAX_MODULE, MAX_CLASS, MAX_FUNCTION = 400, 250, 60


def _sizes() -> tuple[list[tuple[int, str]], list[tuple[int, str]], list[tuple[int, str]]]:
    modules, classes, functions = [], [], []
    for path in sorted(CORE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(CORE))
        modules.append((len(text.splitlines()), name))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef):
                classes.append((_lines(node), f"{name}:{node.name}"))
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                functions.append((_lines(node), f"{name}:{node.name}"))
    return modules, classes, functions


def _lines(node: ast.stmt) -> int:
    return (node.end_lineno or node.lineno) - node.lineno + 1


def test_modules_classes_and_functions_stay_small() -> None:
    modules, classes, functions = _sizes()
    assert len(modules) > 40, "the core's modules are where they were"
    assert [m for m in modules if m[0] > MAX_MODULE] == []
    assert [c for c in classes if c[0] > MAX_CLASS] == []
    assert [f for f in functions if f[0] > MAX_FUNCTION] == []


def test_every_generated_section_is_ignored_by_git_and_kept_out_of_the_nav() -> None:
    """The build writes a placeholder folder per section into content/: git must not track it,
    and record pages stay out of the navigation (copied into every page otherwise)."""
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    for section in SECTIONS:
        assert f"content/{section}/" in ignored, section
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    hidden = config["not_in_nav"].split()
    for section in ("services", "organisations", "categories", "places", "languages", "leaflets"):
        assert section in SECTIONS
        assert f"/{section}/*.md" in hidden, section
    generated = {line.split("/")[1] for line in ignored if line.startswith("content/")}
    assert generated == set(SECTIONS), "a folder in .gitignore that the build no longer writes"


def test_the_unit_tests_need_no_browser_library() -> None:
    """Playwright is imported only when a browser test runs: with it missing, every test
    module still loads and the unit tests run."""
    blocked = (
        "import sys; sys.modules['playwright'] = sys.modules['playwright.sync_api'] = None; "
        "import pytest; sys.exit(pytest.main(['-q', '-p', 'no:cacheprovider', "
        "'--collect-only', 'tests']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", blocked], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert "tests collected" in result.stdout


def test_the_builds_own_process_does_not_load_the_map_library() -> None:
    """Folium (with Branca and NumPy: 0.26 s) is loaded where a map is drawn, in the
    workers, not by the hook's import in MkDocs' process, whose start every build waits for."""
    check = (
        "import sys, directory.build.session, directory.build.forkserver as side; "
        "assert 'folium' not in sys.modules and 'numpy' not in sys.modules, 'loaded'; "
        "assert 'folium' in side.PRELOAD"
    )
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]

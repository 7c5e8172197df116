"""The GitHub workflows and pre-commit hooks run the project's own commands, which exist."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from directory.data import yamlfile

from .conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
VALIDATE = ".venv/bin/python -m directory validate"


def load(path: Path) -> Any:
    # YAML 1.2, as GitHub reads workflows: `on:` stays a key instead of becoming true.
    return yamlfile.parse(path.read_text(encoding="utf-8"))


def steps(workflow: Any) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def runs(workflow: Any) -> list[str]:
    return [step["run"] for step in steps(workflow) if "run" in step]


def make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z0-9_.-]+)\s*:(?!=)", makefile, re.MULTILINE))


def called_targets(command: str) -> list[str]:
    calls = re.findall(r"\bmake((?:[ \t]+[A-Za-z0-9_.=-]+)*)", command)
    words = [word for call in calls for word in call.split()]
    return [word for word in words if not word.startswith("-") and "=" not in word]


def readme_commands() -> list[str]:
    """The commands of the README's "Two commands" section, without their comments."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    return [line.split("#", 1)[0].strip() for line in block.strip().splitlines()]


@pytest.fixture(scope="module")
def pull_request() -> Any:
    return load(WORKFLOWS / "pull-request.yml")


@pytest.fixture(scope="module")
def deploy() -> Any:
    return load(WORKFLOWS / "deploy.yml")


def test_workflows_parse_and_call_only_existing_make_targets() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [path.name for path in files] == ["deploy.yml", "pull-request.yml"]
    targets = make_targets()
    assert {"site", "test"} <= targets
    for path in files:
        workflow = load(path)
        assert {"name", "on", "jobs"} <= set(workflow), path.name
        for command in runs(workflow):
            for target in called_targets(command):
                assert target in targets, f"{path.name}: `make {target}` is not in the Makefile"


def test_the_readme_commands_are_what_ci_runs(pull_request: Any, deploy: Any) -> None:
    commands = readme_commands()
    assert commands == ["make site", "make test"]
    for command in commands:
        assert command in runs(pull_request)
    assert "make site" in runs(deploy)


def test_pull_requests_are_tested_validated_and_built(pull_request: Any) -> None:
    assert "pull_request" in pull_request["on"]
    commands = runs(pull_request)
    assert commands.index("make test") < commands.index(VALIDATE) < commands.index("make site")
    validate = next(step for step in steps(pull_request) if step.get("run") == VALIDATE)
    assert "!cancelled()" in validate["if"]  # annotations even when a test failed
    # Debian with Python 3.11, like our machines, so Debian's Chromium installs as in .ci/run.
    assert pull_request["jobs"]["check"]["container"] == "python:3.11-bookworm"
    assert "bash tools/system_packages.sh --browser" in commands  # Chromium and fonts
    script = (ROOT / "tools" / "system_packages.sh").read_text(encoding="utf-8")
    assert "chromium" in script and "fonts-noto-core" in script and "apt-get install" in script
    upload = next(s for s in steps(pull_request) if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site/"


def test_main_is_deployed_to_pages(deploy: Any) -> None:
    assert deploy["on"]["push"]["branches"] == ["main"]
    uses = [step.get("uses", "") for step in steps(deploy)]
    assert any(use.startswith("actions/upload-pages-artifact@") for use in uses)
    assert any(use.startswith("actions/deploy-pages@") for use in uses)
    upload = next(s for s in steps(deploy) if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site/"
    build = next(s for s in steps(deploy) if s.get("run") == "make site")
    assert build["env"]["ROZCESTNIK_DEPLOY"] == "1"  # a placeholder address stops it
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    names = [step.get("id") or step.get("uses", "") for step in steps(deploy)]
    assert names.index("pages") < names.index(next(n for n in names if "upload-pages" in n))
    publisher = deploy["jobs"]["deploy"]
    assert publisher["permissions"] == {"pages": "write", "id-token": "write"}
    assert publisher["environment"]["name"] == "github-pages"


def test_pre_commit_runs_the_validator_on_data_changes_without_downloads() -> None:
    config = load(ROOT / ".pre-commit-config.yaml")
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = {hook["id"]: hook for hook in config["repos"][0]["hooks"]}
    assert all(hook["language"] == "system" for hook in hooks.values())
    validate = hooks["validate-data"]
    assert validate["entry"] == VALIDATE
    assert re.search(validate["files"], "data/services/legal-advice.yaml")
    assert not re.search(validate["files"], "hooks/directory/data/models.py")
    assert validate["pass_filenames"] is False
    entries = [hook["entry"] for hook in hooks.values()]
    assert any("ruff check" in entry for entry in entries)
    assert any("ruff format --check" in entry for entry in entries)


def test_deploys_reuse_the_printed_leaflets(deploy: Any) -> None:
    names = [step.get("name", "") for step in steps(deploy)]
    cache = next(step for step in steps(deploy) if "actions/cache@" in step.get("uses", ""))
    assert cache["with"]["path"] == ".cache/leaflets"  # where directory.build.finish keeps them
    assert names.index(cache["name"]) < names.index("Build the site (strict)")

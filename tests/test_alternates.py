"""Each language's build gets only its own pages; each page knows its versions in the others
(directory.build.alternates), as the i18n plugin would have found them file by file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from directory.build.alternates import (
    Alternate,
    in_language,
    page_language,
    pages_of_language,
    set_alternates,
)

LANGUAGES = ("zz", "cs", "en", "uk")
DEFAULT = "zz"


@dataclass
class FakeFile:
    """The attributes of MkDocs' File (after the i18n plugin) that the module reads."""

    src_uri: str
    url: str = ""
    alternates: dict[str, Any] = field(default_factory=dict)

    def is_documentation_page(self) -> bool:
        return self.src_uri.endswith(".md")


def test_a_page_files_language_is_its_suffix_else_the_default() -> None:
    assert page_language("services/legal.uk.md", LANGUAGES, DEFAULT) == "uk"
    assert page_language("index.md", LANGUAGES, DEFAULT) == "zz"
    assert page_language("notes.v2.md", LANGUAGES, DEFAULT) == "zz"  # not a language
    assert in_language("services/legal.uk.md", "cs", LANGUAGES, DEFAULT) == "services/legal.cs.md"
    assert in_language("index.cs.md", "zz", LANGUAGES, DEFAULT) == "index.md"
    assert in_language("index.md", "en", LANGUAGES, DEFAULT) == "index.en.md"


def test_a_languages_build_keeps_its_pages_and_every_other_file() -> None:
    files = [
        FakeFile("index.md"),
        FakeFile("index.cs.md"),
        FakeFile("index.uk.md"),
        FakeFile("services/legal.uk.md"),
        FakeFile("services/legal.en.md"),
        FakeFile("assets/directory.css"),
    ]
    kept = [file.src_uri for file in pages_of_language(files, "uk", LANGUAGES, DEFAULT)]
    assert kept == ["index.uk.md", "services/legal.uk.md", "assets/directory.css"]
    kept = [file.src_uri for file in pages_of_language(files, "zz", LANGUAGES, DEFAULT)]
    assert kept == ["index.md", "assets/directory.css"]


def test_each_page_links_its_existing_versions_in_the_built_languages() -> None:
    every_page = {"index.md", "index.cs.md", "index.uk.md", "services/legal.uk.md"}
    every_page |= {"services/legal.cs.md", "guides/only-czech.cs.md"}
    legal = FakeFile("services/legal.uk.md", "uk/services/legal/")
    home = FakeFile("index.uk.md", "uk/")
    set_alternates([legal, home], "uk", LANGUAGES, ["zz", "cs", "uk"], every_page, DEFAULT)
    assert legal.alternates == {"uk": legal, "cs": Alternate("cs/services/legal/")}
    assert home.alternates == {"uk": home, "cs": Alternate("cs/"), "zz": Alternate("./")}
    assert list(home.alternates) == ["uk", "cs", "zz"]  # itself, then the others sorted
    only_czech = FakeFile("guides/only-czech.cs.md", "cs/guides/only-czech/")
    root = FakeFile("index.md", "./")
    set_alternates([only_czech, root], "cs", LANGUAGES, ["zz", "cs", "uk"], every_page, DEFAULT)
    assert only_czech.alternates == {"cs": only_czech}
    set_alternates([root], "zz", LANGUAGES, ["zz", "cs", "uk"], every_page, DEFAULT)
    assert root.alternates == {"zz": root, "cs": Alternate("cs/"), "uk": Alternate("uk/")}

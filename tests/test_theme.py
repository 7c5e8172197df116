"""What each language's build asks less of Material (directory.build.theme,
overrides/partials/language.html), with the same result: the theme's static files, its
interface texts, the 404 page and a sitemap of every page."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from directory.build.shared_nav import theme_loader
from directory.build.theme import (
    EMPTY_SITEMAP,
    ThemeText,
    VisibleFilesLoader,
    list_visible_files,
    skipped_template,
    with_theme_text,
)
from jinja2 import Environment, FileSystemLoader
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from .conftest import ROOT

LOC = re.compile(r"<loc>([^<]*)</loc>")


def test_hidden_files_and_folders_are_not_listed(tmp_path: Path) -> None:
    for name in ["a.css", ".hidden", ".icons/x.svg", "js/b.js", "js/.map", "js/.cache/c.js"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    assert VisibleFilesLoader([str(tmp_path)]).list_templates() == ["a.css", "js/b.js"]


def test_the_theme_gives_mkdocs_the_same_static_files() -> None:
    """MkDocs picks the theme's static files out of the loader's list; Material's and ours."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    plain = Files([])
    plain.add_files_from_theme(config.theme.get_env(), config)
    list_visible_files(config.theme)
    list_visible_files(config.theme)  # once is enough: a second call changes nothing
    env = config.theme.get_env()
    assert isinstance(env.loader, VisibleFilesLoader)
    visible = Files([])
    visible.add_files_from_theme(env, config)
    assert len(plain) > 30
    assert sorted(file.src_uri for file in visible) == sorted(file.src_uri for file in plain)


@pytest.fixture(scope="module")
def theme_env() -> Environment:
    """The build's environment as the hook makes it."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    theme_dirs = [path for path in config.theme.dirs if path != config.theme.custom_dir]
    loader = theme_loader(FileSystemLoader(config.theme.dirs), theme_dirs)
    return Environment(loader=with_theme_text(loader))


LOOKUPS = (
    '{% import "partials/language.html" as lang with context %}'
    "{% for key in keys %}{{ lang.t(key) }}\n{% endfor %}"
)


@pytest.mark.parametrize("language", ["uk", "ar", "vi", "cs", "zz"])
def test_interface_texts_are_materials_own(theme_env: Environment, language: str) -> None:
    english = Path(material.__file__).parent / "templates/partials/languages/en.html"
    keys = re.findall(r'^\s*"([a-z.]+)":', english.read_text(encoding="utf-8"), re.M)
    assert len(keys) > 50
    keys.append("no.such.key")
    context = {"config": {"theme": {"language": language}}, "keys": keys}
    materials = theme_env.from_string(LOOKUPS.replace("partials/", "theme/partials/", 1))
    expected = materials.render(context)
    text = ThemeText(theme_env, language)
    assert "".join(f"{text(key)}\n" for key in keys) == expected
    assert text("no.such.key") == "no.such.key"
    # The theme's own templates reach the texts through the partial the hook's loader adds.
    theme_env.globals["directory_theme_text"] = text
    assert theme_env.from_string(LOOKUPS).render(context) == expected


def test_without_the_hook_the_partial_is_materials() -> None:
    """A Material plugin's own environment, or a build without the hook, loads Material's
    partial (no global of ours is there to call)."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    env = config.theme.get_env()
    texts = env.from_string(LOOKUPS).render(config=config, keys=["search.placeholder"])
    assert texts.strip() not in ("", "search.placeholder")


def test_only_the_first_build_renders_404_and_only_the_last_the_sitemap() -> None:
    assert skipped_template("404.html", "zz", "zz", "ar") is None
    assert skipped_template("404.html", "uk", "zz", "ar") == ""
    assert skipped_template("sitemap.xml", "uk", "zz", "ar") == EMPTY_SITEMAP
    assert skipped_template("sitemap.xml", "ar", "zz", "ar") is None
    assert skipped_template("main.html", "uk", "zz", "ar") is None


def test_the_sitemaps_list_every_page_of_every_language(real_site: Path) -> None:
    """Rendered in the last language's build only, the sitemap still lists them all."""
    listed = {
        loc.removeprefix("https://rozcestnik.example.org/")
        for part in (real_site / "sitemaps").glob("*.xml")
        for loc in LOC.findall(part.read_text(encoding="utf-8"))
    }
    pages = {
        page.parent.relative_to(real_site).as_posix() + "/"
        for page in real_site.glob("**/index.html")
        if page.parts[len(real_site.parts)] not in ("admin", "data")
    }
    assert {page.split("/")[0] for page in pages} >= {"uk", "ar", "cs", "en", "ru", "vi"}
    assert listed == {"" if page == "./" else page for page in pages}

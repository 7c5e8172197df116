"""The editor's files at /admin/: Sveltia CMS, served from the site itself.

Sveltia CMS reads the Decap-format `config.yml` (decap.py) and lets a volunteer sign in with a
GitHub access token, so it needs no login server beside a static site. Its bundle would fetch
three fonts from cdn.jsdelivr.net and, from unpkg.com and githubstatus.com, its interface
translations, its newest version number and GitHub's status. Here the fonts and translations
come from this folder (saved at set-up by tools/fetch_npm.py from the same npm releases) and
the page answers the other two itself, so the editor talks to nothing but this site and GitHub.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from directory.render.escaping import script_json

# The npm package whose dist/sveltia-cms.js admin/index.html loads.
SVELTIA_PACKAGE = "@sveltia/cms@0.221.1"
EDITOR_BUNDLE = "sveltia-cms.js"
# Where `make` saves the bundle, its translations and fonts (tools/fetch_npm.py).
EDITOR_FILES = Path(sys.prefix) / "share" / "npm" / "sveltia-cms"

_FONTSOURCE = "https://cdn.jsdelivr.net/fontsource/fonts/"
# Each font address in the bundle's stylesheet and its copy in admin/fonts/ (same release).
FONT_COPIES = {
    _FONTSOURCE + "source-sans-3:vf@5.3.0/latin-wght-normal.woff2": (
        "fonts/source-sans-3-latin-wght-normal.woff2"
    ),
    _FONTSOURCE
    + "noto-mono@5.3.0/latin-400-normal.woff2": "fonts/noto-mono-latin-400-normal.woff2",
    _FONTSOURCE + "material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2": (
        "fonts/material-symbols-outlined-latin-wght-normal.woff2"
    ),
}

# Runs before the bundle: translations from this folder, GitHub's API as usual, and for any
# other site a refusal, which Sveltia takes as "unknown" (version, GitHub's status).
_OWN_FILES_ONLY = r"""
(() => {
  const network = window.fetch.bind(window);
  const translation = /^https:\/\/unpkg\.com\/@sveltia\/cms@[^/]+\/locales\/([A-Za-z-]+\.json)$/;
  const github = /(^|\.)(github\.com|githubusercontent\.com)$/;
  window.fetch = (resource, options) => {
    const address = new URL(resource instanceof Request ? resource.url : resource, location.href);
    const local = translation.exec(address.href);
    if (local) return network(`locales/${local[1]}`, options);
    if (address.origin === location.origin || github.test(address.hostname)) {
      return network(resource, options);
    }
    return Promise.reject(new TypeError(`The editor fetches nothing from ${address.host}`));
  };
})();
"""

# After the bundle: one record format per collection, which writes YAML as Sveltia's own
# format does (the same library and settings) but keeps the file's schema line on top, as
# the data checks and editors with a YAML extension expect (Sveltia awaits both); then the
# editor starts. The editor holds dates as text: date fields go out as dates (2026-11-23),
# and any other text a reader would take for a date is quoted (`published: "2022-09-27"`).
_RECORD_FORMATS = """(() => {
let loading;  // the library, fetched when the first record is read (after sign-in)
const library = () => (loading ??= import("./yaml/index.js"));
const style = { indent: 2, indentSeq: true, lineWidth: 0, defaultKeyType: "PLAIN",
  defaultStringType: "PLAIN", singleQuote: true, customTags: ["timestamp"] };
const dateFields = new Set(DATE_FIELDS);
const day = /^\\d{4}-\\d{2}-\\d{2}$/;
const withDates = (value, key) => {
  if (Array.isArray(value)) return value.map((item) => withDates(item));
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    return Object.fromEntries(entries.map(([name, inner]) => [name, withDates(inner, name)]));
  }
  const isDate = dateFields.has(key) && typeof value === "string" && day.test(value);
  return isDate ? new Date(`${value}T00:00:00Z`) : value;
};
window.recordFormats = {};  // by name, for the tests and the browser console
for (const [name, schemaLine] of Object.entries(SCHEMA_LINES)) {
  window.recordFormats[name] = {
    fromFile: async (text) => (await library()).parse(text),
    toFile: async (data) => {
      const { stringify } = await library();
      return `${schemaLine}\\n${stringify(withDates(data), style)}`;
    },
  };
  CMS.registerCustomFormat(name, "yaml", window.recordFormats[name]);
}
CMS.init();
})();"""


def admin_page(schema_lines: Mapping[str, str], date_fields: Iterable[str]) -> str:
    """admin/index.html; `schema_lines` maps each record format to its files' first line,
    `date_fields` names the fields that hold a date."""
    formats = _RECORD_FORMATS.replace("SCHEMA_LINES", script_json(dict(schema_lines)))
    formats = formats.replace("DATE_FIELDS", script_json(sorted(date_fields)))
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <meta name="referrer" content="no-referrer">
  <title>Rozcestník — edit the directory</title>
</head>
<body>
  <!-- Sveltia CMS from the npm package {SVELTIA_PACKAGE}, copied beside this file with its fonts
       and translations: no CDN. It reads config.yml from this folder. -->
  <script>window.CMS_MANUAL_INIT = true;{_OWN_FILES_ONLY}</script>
  <script src="{EDITOR_BUNDLE}"></script>
  <script>{formats}</script>
</body>
</html>
"""


def serve_editor(source: Path, admin: Path) -> list[Path]:
    """Copy the editor's saved files into `admin` with the bundle's font addresses made
    local; returns the files written."""
    written = []
    for path in sorted(source.rglob("*")):
        if path.is_file():
            target = admin / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            if path.name == EDITOR_BUNDLE:
                target.write_text(local_fonts(path.read_text(encoding="utf-8")), encoding="utf-8")
            else:
                shutil.copy2(path, target)
            written.append(target)
    return written


def local_fonts(bundle: str) -> str:
    """The bundle with each CDN font address replaced by its copy's relative address."""
    for address, copy in FONT_COPIES.items():
        if address not in bundle:
            raise ValueError(
                f"{SVELTIA_PACKAGE}'s bundle no longer names {address}: after changing the"
                " version in tools/fetch_npm.py, update FONT_COPIES in editing/sveltia.py"
            )
        bundle = bundle.replace(address, copy)
    return bundle

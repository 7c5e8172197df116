"""Set-up step (run by `make`): fetch browser files from npm registry packages.

Each tarball is pinned by version and checked against the registry's sha512 integrity (the
npm lock-file equivalent). Sveltia CMS, the editor at /admin/, is served from the site with
the fonts and interface translations it would otherwise fetch from CDNs (no CDN at runtime);
axe-core is injected by the accessibility tests. Only the set-up needs the network; builds and
tests use the saved files in .venv/share/npm/.

`python tools/fetch_npm.py FOLDER` fetches FILES; `--compared` fetches COMPARED instead, the
editor bench/editor.py measures against (Decap CMS, which the site no longer serves).
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path
from typing import NamedTuple

REGISTRY = "https://registry.npmjs.org"


class NpmFile(NamedTuple):
    tarball: str  # path under the registry
    integrity: str
    # (member or glob inside the tarball, target under the output folder); a target ending
    # in "/" is a folder, where members keep their paths below the glob's fixed folder
    members: tuple[tuple[str, str], ...]


EDITOR = "sveltia-cms/"  # the folder build_admin copies into the site's admin/
FILES = (
    NpmFile(
        "@sveltia/cms/-/cms-0.221.1.tgz",
        "sha512-J+Qoik9kGMk2L7vNpOQrnDmFRi+NB6vwJ0f657YtsxWH0P8WYSYRRSRC2pQ/jGGbVlM//Pg/WIgmkpswqoo3gQ==",
        (
            ("package/dist/sveltia-cms.js", EDITOR + "sveltia-cms.js"),
            ("package/locales/*.json", EDITOR + "locales/"),
            ("package/schema/sveltia-cms.json", "sveltia-cms.schema.json"),  # for the tests
        ),
    ),
    # The YAML library Sveltia is built with, for the record format that keeps the schema line.
    NpmFile(
        "yaml/-/yaml-2.9.1.tgz",
        "sha512-3NxN8+78OdzbT7C/WjGsyfPAtJaN3FNDsWxv7Y7mcDsT/oOmgW8BpyQQFFBnvZE3j9Y2Sdz1ULFLezL7Eb2yFw==",
        (("package/browser/dist/*.js", EDITOR + "yaml/"),),
    ),
    # The three fonts Sveltia's stylesheet names on cdn.jsdelivr.net/fontsource, same versions.
    NpmFile(
        "@fontsource-variable/source-sans-3/-/source-sans-3-5.3.0.tgz",
        "sha512-dpi0GZk7EQe2tYpg6Q0Fx0OmUgnuGu+0rHPgtXqtKhglYmJuP7jZ12Mu1uN+NfRaJRY1Emn8AQJEWzmoZ4wa9g==",
        (("package/files/source-sans-3-latin-wght-normal.woff2", EDITOR + "fonts/"),),
    ),
    NpmFile(
        "@fontsource-variable/material-symbols-outlined/-/material-symbols-outlined-5.3.7.tgz",
        "sha512-d6kLamaMdad40AYoyJEBgCH63fRLklC7GW7bgb7WWbPh/UzuW483Dlyfmn3vxpiNsHLIMBOcYYkZDtOC9Y3MUA==",
        (("package/files/material-symbols-outlined-latin-wght-normal.woff2", EDITOR + "fonts/"),),
    ),
    NpmFile(
        "@fontsource/noto-mono/-/noto-mono-5.3.0.tgz",
        "sha512-QZieY3OyKEImCXg3HRiF6p6/H0GXX94uEb53ayLyQgCTB20LdkvsyJIgigo6lAGmVw3WEs40DdG5KTqpxfwgGg==",
        (("package/files/noto-mono-latin-400-normal.woff2", EDITOR + "fonts/"),),
    ),
    NpmFile(
        "axe-core/-/axe-core-4.14.1.tgz",
        "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
        (("package/axe.min.js", "axe.min.js"),),
    ),
)
COMPARED = (
    NpmFile(
        "decap-cms/-/decap-cms-3.16.3.tgz",
        "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==",
        (("package/dist/decap-cms.js", "decap-cms.js"),),
    ),
)


def fetch(file: NpmFile, folder: Path) -> list[Path]:
    """Download, check and unpack one package's members; returns the files written."""
    with urllib.request.urlopen(f"{REGISTRY}/{file.tarball}", timeout=120) as response:
        tarball = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    if digest != file.integrity:
        raise SystemExit(f"{file.tarball} does not match its pinned integrity ({digest})")
    written = []
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        names = archive.getnames()
        for pattern, target in file.members:
            matches = fnmatch.filter(names, pattern)
            if not matches:
                raise SystemExit(f"{pattern} missing from {file.tarball}")
            fixed = pattern[: pattern.index("*") if "*" in pattern else None].rsplit("/", 1)[0]
            for name in matches:
                kept = name.removeprefix(fixed + "/")
                path = folder / (target + kept if target.endswith("/") else target)
                member = archive.extractfile(name)
                assert member is not None, name  # a regular file: the glob names files only
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(member.read())
                written.append(path)
    return written


if __name__ == "__main__":
    arguments = sys.argv[1:]
    chosen = COMPARED if "--compared" in arguments else FILES
    for npm_file in chosen:
        fetch(npm_file, Path(next(a for a in arguments if not a.startswith("--"))))

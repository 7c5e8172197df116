"""Set-up step (run by `make`): fetch single browser files from npm registry packages.

Each tarball is pinned by version and checked against the registry's sha512 integrity (the
npm lock-file equivalent). Decap CMS is served from the site at /admin/ (no CDN); axe-core
is injected by the accessibility tests. Only the set-up needs the network; builds and tests
use the saved files in .venv/share/npm/.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path
from typing import NamedTuple


class NpmFile(NamedTuple):
    tarball: str
    integrity: str
    member: str  # the file inside the tarball
    target: str  # its name under the output folder


FILES = (
    NpmFile(
        "https://registry.npmjs.org/decap-cms/-/decap-cms-3.16.3.tgz",
        "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==",
        "package/dist/decap-cms.js",
        "decap-cms.js",
    ),
    NpmFile(
        "https://registry.npmjs.org/axe-core/-/axe-core-4.14.1.tgz",
        "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
        "package/axe.min.js",
        "axe.min.js",
    ),
)


def fetch(file: NpmFile, folder: Path) -> None:
    with urllib.request.urlopen(file.tarball, timeout=120) as response:
        tarball = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    if digest != file.integrity:
        raise SystemExit(f"{file.tarball} does not match its pinned integrity ({digest})")
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        member = archive.extractfile(file.member)
        if member is None:
            raise SystemExit(f"{file.member} missing from {file.tarball}")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / file.target).write_bytes(member.read())


if __name__ == "__main__":
    for npm_file in FILES:
        fetch(npm_file, Path(sys.argv[1]))

"""Set-up step (run by `make`): fetch Decap CMS's browser bundle from the npm registry.

The tarball is pinned by version and checked against the registry's sha512 integrity (the
npm lock-file equivalent), so the web editor at /admin/ is served from the site itself, not
from a CDN. Only the set-up needs the network; builds and tests copy the saved file.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

TARBALL = "https://registry.npmjs.org/decap-cms/-/decap-cms-3.16.3.tgz"
INTEGRITY = "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw=="  # noqa: E501
MEMBER = "package/dist/decap-cms.js"


def fetch(target: Path) -> None:
    with urllib.request.urlopen(TARBALL, timeout=120) as response:
        tarball = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    if digest != INTEGRITY:
        raise SystemExit(f"decap-cms tarball does not match its pinned integrity ({digest})")
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        member = archive.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{MEMBER} missing from {TARBALL}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(member.read())


if __name__ == "__main__":
    fetch(Path(sys.argv[1]))

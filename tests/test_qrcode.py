"""Our QR encoder (directory.render.qrcode), against segno and a decoder: every length of
address a page can have, a damaged print, and the leaflets' choice of mask."""

from __future__ import annotations

import re

import numpy as np
import pytest
import segno
import zxingcpp
from directory.render.qrcode import (
    PAGE_MASK,
    QUIET_ZONE,
    data_modules,
    mask_penalties,
    masked_symbols,
    page_qr_svg,
    qr_svg,
)
from segno import encoder

SITE = "https://rozcestnik.example.org/"
# Paths of 1 to 400 characters: versions 4 to 16, and both levels segno's boost picks.
ADDRESSES = [f"{SITE}uk/services/{'a-b0' * (n // 4)}{'x' * (n % 4)}/" for n in range(0, 400, 7)]
_RUN = re.compile(r"M(\d+) (\d+)\.5h(\d+)")


def modules(svg: str) -> np.ndarray:
    """The dark modules an SVG of ours draws (one path of runs), quiet zone included."""
    size = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))  # type: ignore[union-attr]
    grid = np.zeros((size, size), dtype=bool)
    for x, y, length in (map(int, run) for run in _RUN.findall(svg)):
        grid[y, x : x + length] = True
    return grid


def decode(grid: np.ndarray) -> list[str]:
    image = np.where(grid, 0, 255).astype(np.uint8).repeat(4, axis=0).repeat(4, axis=1)
    only_qr = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    found = zxingcpp.read_barcodes(image, formats=only_qr)
    return [code.text for code in found]


def segno_modules(url: str, mask: int = PAGE_MASK) -> tuple[segno.QRCode, np.ndarray]:
    code = segno.make(url, error="m", micro=False, mask=mask)
    grid = np.pad(np.array([[cell & 1 for cell in row] for row in code.matrix], dtype=bool), 4)
    return code, grid


def data_region(code: segno.QRCode) -> np.ndarray:
    """Modules that carry data (the rest are fixed patterns, format and version)."""
    width = int(code.symbol_size(border=0)[0])
    region = np.zeros((width, width), dtype=np.bool_)
    for row, column in data_modules(int(code.version)):
        region[row, column] = True
    return np.pad(region, QUIET_ZONE)


@pytest.mark.parametrize("url", ADDRESSES, ids=lambda url: str(len(url)))
def test_page_codes_decode_and_match_segnos_layout(url: str) -> None:
    ours = modules(page_qr_svg(url))
    assert decode(ours) == [url]
    code, theirs = segno_modules(url)
    assert ours.shape == theirs.shape  # the same version
    fixed = ~data_region(code)
    assert (ours[fixed] == theirs[fixed]).all()  # finder, timing, format (level, mask), version


def test_the_addresses_cover_many_versions_and_levels() -> None:
    """The test above is only as good as the variety of codes it sees."""
    codes = [segno.make(url, error="m", micro=False, mask=PAGE_MASK) for url in ADDRESSES]
    assert {code.version for code in codes} == set(range(4, 17))
    assert {code.error for code in codes} == {"M", "Q"}


def test_a_damaged_page_code_still_reads() -> None:
    """Error correction is real: a tenth of the data modules inverted, in a patch (a stain),
    and the address still decodes."""
    url = f"{SITE}vi/organisations/integration-centre-prague/"
    grid = modules(page_qr_svg(url))
    region = data_region(segno.make(url, error="m", micro=False, mask=PAGE_MASK))
    rows, cols = np.nonzero(region)
    patch = (rows > rows.max() - 11) & (cols > cols.max() - 11)
    assert 0.05 < patch.sum() / region.sum() < 0.12
    grid[rows[patch], cols[patch]] ^= True
    assert decode(grid) == [url]


@pytest.mark.parametrize("url", ADDRESSES[::3], ids=lambda url: str(len(url)))
def test_leaflet_codes_take_the_mask_of_the_lowest_penalty(url: str) -> None:
    """Each mask scored as segno scores it (ISO/IEC 18004, 7.8.3), the lowest taken (the
    first of equals), and the format information saying so."""
    penalties = mask_penalties(url)
    for mask, rows in enumerate(masked_symbols(url)):
        matrix = tuple(bytearray(int(module) for module in row) for row in rows)
        scores = encoder.mask_scores(matrix, len(rows), len(rows))  # type: ignore[no-untyped-call]
        assert sum(scores) == penalties[mask], mask
    best = penalties.index(min(penalties))
    ours = modules(qr_svg(url))
    assert decode(ours) == [url]
    code, theirs = segno_modules(url, best)
    fixed = ~data_region(code)
    assert (ours[fixed] == theirs[fixed]).all()


def test_leaflet_codes_see_many_masks() -> None:
    """The test above is only as good as the variety of masks it sees chosen."""
    chosen = set()
    for url in ADDRESSES[::3]:
        penalties = mask_penalties(url)
        chosen.add(penalties.index(min(penalties)))
    assert len(chosen) >= 5, chosen

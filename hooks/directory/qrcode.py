"""QR codes made at build time (segno): leaflets and printed pages lead back to the site."""

from __future__ import annotations

import base64

import segno

# Searching the best of the eight mask patterns takes 85 % of the time (4.6 ms a code): worth
# it on leaflets, which are few and handed out on paper, not on 37,500 record pages of a big
# directory (six languages), where mask 2 is fixed (0.7 ms; any mask gives a valid code).
PAGE_MASK = 2
QUIET_ZONE = 4  # modules of white around the code


def qr_svg(url: str, mask: int | None = None) -> str:
    """The QR code of a full address as a small SVG (medium error correction survives a worn
    or badly printed copy): one stroked path along the dark runs of each row, inside the quiet
    zone of four modules the standard asks for. Faster than segno's own writer."""
    code = segno.make(url, error="m", micro=False, mask=mask)
    size = len(code.matrix) + 2 * QUIET_ZONE
    runs = []
    for y, row in enumerate(code.matrix, start=QUIET_ZONE):
        x = 0
        while x < len(row):
            start = x
            while x < len(row) and row[x] & 1:
                x += 1
            if x > start:
                runs.append(f"M{start + QUIET_ZONE} {y}.5h{x - start}")
            x += 1
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path stroke="#000" d="{"".join(runs)}"/></svg>'
    )


def qr_img(url: str, mask: int | None = None) -> str:
    """An <img> with the QR code as a data address: WeasyPrint and browsers draw it alike."""
    data = base64.b64encode(qr_svg(url, mask).encode()).decode()
    return f'<img class="qr-code" src="data:image/svg+xml;base64,{data}" alt="">'

"""QR codes made at build time (segno): leaflets and printed pages lead back to the site."""

from __future__ import annotations

import base64
import io

import segno


def qr_svg(url: str) -> str:
    """The QR code of a full address as a small SVG (medium error correction survives a worn
    or badly printed copy)."""
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", xmldecl=False, scale=1, border=4, omitsize=True)
    return buffer.getvalue().decode()


def qr_img(url: str) -> str:
    """An <img> with the QR code as a data address: WeasyPrint and browsers draw it alike."""
    data = base64.b64encode(qr_svg(url).encode()).decode()
    return f'<img class="qr-code" src="data:image/svg+xml;base64,{data}" alt="">'

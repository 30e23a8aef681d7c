"""QR codes of workshop links, made in memory with segno (pure Python; nothing is fetched)."""

from __future__ import annotations

import io


def qr_png(text: str, scale: int = 10) -> bytes:
    """A PNG of the QR code for `text` (black on white, a 4-module quiet zone, error correction M or better)."""
    import segno  # here, not at import: only the presenter view needs it

    qr = segno.make(text, error="m", boost_error=True, micro=False)
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=scale, border=4, dark="#000000", light="#ffffff")
    return buffer.getvalue()

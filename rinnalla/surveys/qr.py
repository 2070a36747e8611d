"""QR codes for survey links: inline SVG for pages and PDFs (segno)."""

import io

import segno


def qr_svg(url: str, *, scale: int = 4, title: str = "") -> str:
    """An SVG ``<svg>`` element of the URL's QR code, without the XML declaration."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer,
        kind="svg",
        scale=scale,
        xmldecl=False,
        svgns=True,
        title=title or None,
        nl=False,
    )
    return buffer.getvalue().decode()


def qr_data_uri(url: str) -> str:
    """The QR code as an SVG data URI, for an ``<img>`` with alt text in a PDF."""
    return segno.make(url, error="m").svg_data_uri(scale=4)

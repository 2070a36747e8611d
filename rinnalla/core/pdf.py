"""PDF documents with WeasyPrint, rendered from ordinary Django templates.

Every PDF is a tagged, accessible PDF (WeasyPrint's PDF/UA-1 variant): a structure tree
of headings, paragraphs, lists and tables, the document language from ``<html lang>``
and the title from ``<title>``, shown by readers instead of the file name. Documents
handed to clients fall under the same accessibility law (306/2019) as the pages.
"""

import io

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import CSS, HTML

PDF_VARIANT = "pdf/ua-1"


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    html = render_to_string(template_name, context, request=request)
    stylesheet = finders.find("css/pdf.css")
    stylesheets = [CSS(filename=stylesheet)] if stylesheet else []
    return HTML(string=html, base_url=None).write_pdf(
        stylesheets=stylesheets, pdf_variant=PDF_VARIANT
    )


def pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def pdf_text(content: bytes) -> str:
    """The text of a PDF, for tests that assert what a reader would see."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def pdf_accessibility(content: bytes) -> dict:
    """What assistive technology reads from a PDF: language, title, tagging, structure.

    ``{"lang": "fi", "title": "…", "marked": True, "display_title": True,
    "tags": {"Document", "H1", "P", "Table", …}}`` — for tests.
    """
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    tags: set[str] = set()
    tree = root.get("/StructTreeRoot")
    stack = [tree.get_object()] if tree is not None else []
    while stack:
        node = stack.pop()
        if hasattr(node, "get_object"):
            node = node.get_object()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        if "/S" in node:
            tags.add(str(node["/S"]).lstrip("/"))
        kids = node.get("/K")
        if kids is not None:
            stack.append(kids)
    mark_info = root.get("/MarkInfo") or {}
    viewer = root.get("/ViewerPreferences") or {}
    metadata = reader.metadata or {}
    return {
        "lang": str(root.get("/Lang", "")),
        "title": str(metadata.get("/Title", "")),
        "marked": bool(mark_info.get("/Marked", False)),
        "display_title": bool(viewer.get("/DisplayDocTitle", False)),
        "tags": tags,
    }

"""PDF documents with WeasyPrint, rendered from ordinary Django templates.

Every PDF is a tagged, accessible PDF (WeasyPrint's PDF/UA-1 variant): a structure tree
of headings, paragraphs, lists and tables, the document language from ``<html lang>``
and the title from ``<title>``, shown by readers instead of the file name. Documents
handed to clients fall under the same accessibility law (306/2019) as the pages.
"""

import functools
import io
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

PDF_VARIANT = "pdf/ua-1"


@functools.cache
def _static_roots() -> tuple[Path, ...]:
    roots = [Path(settings.STATIC_ROOT)]
    for entry in settings.STATICFILES_DIRS:
        roots.append(Path(entry[1] if isinstance(entry, tuple | list) else entry))
    roots += [Path(config.path) / "static" for config in apps.get_app_configs()]
    return tuple(root.resolve() for root in roots if root.exists())


class StaticFilesOnly(URLFetcher):
    """WeasyPrint may read the project's own static files and ``data:`` URLs, nothing else.

    The default fetcher follows ``file:``, ``http:`` and ``https:``: one unescaped field
    in a template would put a local file or an internal address into a PDF. Anything
    refused here is left out of the PDF (WeasyPrint logs a warning).
    """

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.scheme == "file" and not parts.netloc:
            path = Path(unquote(parts.path)).resolve()
            if any(path.is_relative_to(root) for root in _static_roots()) and path.is_file():
                return super().fetch(url, headers)
        raise ValueError(f"PDFs may only use the project's static files, not {url[:80]!r}")


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    return html_to_pdf(render_to_string(template_name, context, request=request))


def html_to_pdf(html: str) -> bytes:
    fetcher = StaticFilesOnly()
    stylesheet = finders.find("css/pdf.css")
    stylesheets = [CSS(filename=stylesheet, url_fetcher=fetcher)] if stylesheet else []
    return HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf(
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

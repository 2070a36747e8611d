"""PDF documents with WeasyPrint, rendered from ordinary Django templates."""

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import CSS, HTML


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    html = render_to_string(template_name, context, request=request)
    stylesheet = finders.find("css/pdf.css")
    stylesheets = [CSS(filename=stylesheet)] if stylesheet else []
    return HTML(string=html, base_url=None).write_pdf(stylesheets=stylesheets)


def pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def pdf_text(content: bytes) -> str:
    """The text of a PDF, for tests that assert what a reader would see."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)

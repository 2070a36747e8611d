"""Finding 9: WeasyPrint reads only the project's static files, never file: or http:."""

import pytest
from django.contrib.staticfiles import finders

from rinnalla.core.pdf import StaticFilesOnly, html_to_pdf, pdf_text


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///etc/hostname",
        "http://127.0.0.1:9/secret",
        "https://example.org/x.css",
        "ftp://example.org/x",
    ],
)
def test_anything_but_static_files_is_refused(url):
    with pytest.raises(ValueError):
        StaticFilesOnly().fetch(url)


def test_the_projects_own_stylesheet_is_allowed():
    path = finders.find("css/pdf.css")
    response = StaticFilesOnly().fetch(f"file://{path}")
    assert response.read()
    response.close()


def test_a_path_that_climbs_out_of_the_static_files_is_refused():
    path = finders.find("css/pdf.css")
    with pytest.raises(ValueError):
        StaticFilesOnly().fetch(f"file://{path}/../../../../../../etc/passwd")


def test_every_pdf_fetches_through_the_restrictive_fetcher(monkeypatch):
    asked = []
    original = StaticFilesOnly.fetch

    def spy(self, url, headers=None):
        asked.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(StaticFilesOnly, "fetch", spy)
    html = '<html lang="fi"><title>x</title><img src="file:///etc/hostname" alt="x">ok</html>'
    assert "ok" in pdf_text(html_to_pdf(html))
    assert "file:///etc/hostname" in asked

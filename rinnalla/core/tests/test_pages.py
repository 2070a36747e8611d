"""The help page, the accessibility statement and the manager's honest home page."""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("fi", "Saavutettavuusseloste"),
        ("sv", "Tillgänglighetsutlåtande"),
        ("en", "Accessibility statement"),
    ],
)
def test_the_accessibility_statement_is_public_in_three_languages(language, heading):
    web = HttpClient(HTTP_ACCEPT_LANGUAGE=language)
    page = web.get(reverse("accessibility")).content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert "306/2019" in page and "saavutettavuusvaatimukset.fi" in page
    assert 'href="mailto:' in page  # the feedback channel the Act asks for


def test_every_page_links_help_and_the_statement_in_its_footer(web, coordinator):
    for url in (reverse("login"), reverse("help")):
        page = web.get(url).content.decode()
        footer = page.split('<footer class="site-footer">', 1)[1]
        assert footer.index('href="/help/"') < footer.index('href="/accessibility/"')


def test_the_managers_home_is_the_report_overview_without_personal_data(web, manager):
    web.force_login(manager)
    response = web.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("reports:overview")
    page = response.content.decode()
    assert "Reports carry no personal data." in page and "Key figures" in page

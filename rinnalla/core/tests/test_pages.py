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


def test_the_managers_home_says_what_the_role_sees_and_does_not(web, manager):
    web.force_login(manager)
    page = web.get(reverse("home")).content.decode()
    assert "What your role sees" in page and "What your role does not see" in page
    assert "not in Rinnalla yet" in page

"""axe-core (WCAG 2.1 A and AA) on every main page, with the demo data, in Finnish."""

import pytest
from playwright.sync_api import expect

from rinnalla.clients.models import Client
from rinnalla.demo import cases
from rinnalla.episodes.models import Episode
from rinnalla.referrals.models import Referral
from tests.browser.conftest import check_accessibility, login, shot, visit

pytestmark = pytest.mark.django_db(transaction=True)


def demo_client(case) -> Client:
    return Client.objects.get(first_name=case.client.first_name, last_name=case.client.last_name)


def test_every_main_page_of_the_coordinator_passes_axe(page, demo):
    open_client = demo_client(cases.CASE_4)  # open relationship
    closed_client = demo_client(cases.CASE_3)  # closed relationship
    episode = Episode.objects.get(client=open_client)
    referral = Referral.objects.get(client=open_client)

    visit(page, "/login/", name="a11y_login")
    login(page, "tkk", cases.DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    pages = {
        "queue": "/referrals/",
        "clients": "/clients/",
        "clients_search": "/clients/?q=Salonen",
        "client_open": f"/clients/{open_client.pk}/",
        "client_closed": f"/clients/{closed_client.pk}/",
        "client_edit": f"/clients/{open_client.pk}/edit/",
        "client_new": "/clients/new/",
        "referral_new": "/referrals/new/",
        "referral_detail": f"/referrals/{referral.pk}/",
        "event_form": f"/episodes/{episode.pk}/events/new/",
        "responsible": f"/episodes/{episode.pk}/responsible/",
        "close_form": f"/episodes/{episode.pk}/close/",
        "reopen_form": f"/episodes/{Episode.objects.get(client=closed_client).pk}/reopen/",
        "consents": f"/consent/clients/{closed_client.pk}/",
        "access_log": f"/access/clients/{closed_client.pk}/log/",
        "measurements": f"/measurements/clients/{open_client.pk}/",
        "measurement_record": f"/measurements/clients/{open_client.pk}/record/audit/",
        "assessment_edit": f"/measurements/clients/{open_client.pk}/assessment/edit/",
        "self_fill_link": f"/measurements/clients/{open_client.pk}/self-fill-link/",
        "plans": f"/plans/episode/{episode.pk}/",
        "meeting_form": f"/plans/episode/{episode.pk}/meetings/new/",
        "my_work": "/work/",
        "cracks": "/work/cracks/",
        "password_change": "/password/",
        "two_step": "/access/two-step/",
    }
    for name, url in pages.items():
        visit(page, url, name=f"a11y_{name}")

    # The form error summary is accessible too.
    page.goto(f"/episodes/{episode.pk}/close/")
    page.get_by_role("button", name="Päätä asiakkuus").click()
    expect(page.locator(".hds-notification--error, [role=alert]").first).to_be_visible()
    check_accessibility(page, context="close form with errors")

    # Logged out, the login page again.
    page.get_by_role("button", name="Kirjaudu ulos").click()
    visit(page, "/login/")
    expect(page.get_by_label("Käyttäjätunnus")).to_be_visible()


@pytest.mark.parametrize("username", ["laakari", "kela", "esihenkilo"])
def test_the_landing_pages_of_other_roles_pass_axe(page, demo, username):
    login(page, username, cases.DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_accessibility(page, context=f"landing page of {username}")
    shot(page, f"a11y_landing_{username}")
    if username == "laakari":
        for name, url in {"sent": "/referrals/sent/", "send": "/referrals/new/"}.items():
            visit(page, url, name=f"a11y_laakari_{name}")

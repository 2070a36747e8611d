"""The log keeps who the user was at the time, and lists show up in the client's log."""

import pytest
from django.urls import reverse

from rinnalla.access.models import AccessLogEntry, AccessLogListing
from rinnalla.access.policy import client_for
from rinnalla.access.testing import api_client

pytestmark = pytest.mark.django_db


def test_renaming_or_moving_a_user_does_not_rewrite_the_log(
    web, coordinator, kela_advisor, client, kela_consent, kela_responsible, health_centre
):
    client_for(kela_advisor, client.pk, part="client_page")
    kela_advisor.last_name = "Uusinimi"
    kela_advisor.organisation = health_centre
    kela_advisor.save()
    web.force_login(coordinator)
    rows = web.get(reverse("access:client_log", args=[client.pk])).context["rows"]
    assert "Kaisa Testinen, Kela" in [row["user"] for row in rows]
    entry = AccessLogEntry.objects.filter(user=kela_advisor).get()
    assert (entry.user_name, entry.user_role, entry.organisation_name) == (
        "Kaisa Testinen",
        "network_professional",
        "Kela",
    )
    items = api_client(coordinator).get(f"/api/v1/clients/{client.pk}/access-log").json()
    seen = [i for i in items["items"] if i["username"] == kela_advisor.username]
    assert (seen[0]["user"], seen[0]["organisation"], seen[0]["role"]) == (
        "Kaisa Testinen",
        "Kela",
        "network_professional",
    )


def test_a_list_records_the_clients_it_showed_and_the_client_reads_it(web, coordinator, client):
    web.force_login(coordinator)
    assert web.get(reverse("clients:list")).status_code == 200
    listing = AccessLogEntry.objects.get(part="client_list")
    assert list(
        AccessLogListing.objects.filter(entry=listing).values_list("client_id", flat=True)
    ) == [client.pk]
    log = web.get(reverse("access:client_log", args=[client.pk]))
    actions = [(row["part"], row["action"]) for row in log.context["rows"]]
    assert ("Client list", "Appeared in a list or search result") in actions
    csv = web.get(reverse("access:client_log", args=[client.pk]) + "?format=csv")
    assert "Appeared in a list or search result" in csv.content.decode("utf-8-sig")


def test_a_search_that_finds_nobody_records_no_client(web, coordinator, client):
    web.force_login(coordinator)
    web.get(reverse("clients:list") + "?q=Nobodyhere")
    assert not AccessLogListing.objects.exists()


def test_an_api_list_records_the_clients_of_its_page(coordinator, client):
    api_client(coordinator).get("/api/v1/clients?q=" + client.last_name[:4])
    assert AccessLogListing.objects.filter(client=client).count() == 1

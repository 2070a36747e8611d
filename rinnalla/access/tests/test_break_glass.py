"""Emergency ("break-glass") access: coordinators only, with a reason, time-boxed, flagged."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry, BreakGlassGrant
from rinnalla.access.policy import AccessRefused, Action, client_for
from rinnalla.access.testing import exactly_one_log_entry

pytestmark = pytest.mark.django_db

REASON = "Asiakas soitti kriisissä, oma TKK ei tavoitettavissa."


def _url(client):
    return reverse("access:break_glass", args=[client.pk])


def test_the_form_shows_no_client_data(web, other_coordinator, client):
    web.force_login(other_coordinator)
    response = web.get(_url(client))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Reason for the emergency access" in html
    assert client.last_name not in html
    assert client.personal_identity_code not in html


def test_a_coordinator_of_another_service_opens_the_client_with_a_reason(
    web, other_coordinator, client
):
    web.force_login(other_coordinator)
    with exactly_one_log_entry() as new:
        response = web.post(_url(client), {"reason": REASON})
    assert response.status_code == 302
    assert response.url == reverse("clients:detail", args=[client.pk])
    grant = BreakGlassGrant.objects.get()
    assert (grant.user, grant.client, grant.reason) == (other_coordinator, client, REASON)
    assert grant.expires_at - grant.created_at == datetime.timedelta(minutes=60)
    entry = new.entry
    assert (entry.break_glass, entry.purpose, entry.part) == (True, REASON, "break_glass")


def test_every_view_under_the_grant_is_flagged_with_the_reason(web, other_coordinator, client):
    web.force_login(other_coordinator)
    web.post(_url(client), {"reason": REASON})
    with exactly_one_log_entry() as new:
        assert client_for(other_coordinator, client.pk, part="client") == client
    assert (new.entry.break_glass, new.entry.purpose, new.entry.outcome) == (
        True,
        REASON,
        "allowed",
    )


def test_emergency_access_allows_viewing_only(web, other_coordinator, client):
    web.force_login(other_coordinator)
    web.post(_url(client), {"reason": REASON})
    with exactly_one_log_entry() as new, pytest.raises(AccessRefused):
        client_for(other_coordinator, client.pk, action=Action.CHANGE, part="client")
    assert (new.entry.outcome, new.entry.break_glass) == ("refused", True)


def test_emergency_access_ends_when_its_time_is_up(web, other_coordinator, client):
    from django.http import Http404

    web.force_login(other_coordinator)
    web.post(_url(client), {"reason": REASON})
    an_hour_ago = timezone.now() - datetime.timedelta(minutes=61)
    BreakGlassGrant.objects.update(
        created_at=an_hour_ago, expires_at=an_hour_ago + datetime.timedelta(minutes=60)
    )
    with pytest.raises(Http404):
        client_for(other_coordinator, client.pk, part="client")


def test_a_short_reason_is_refused_and_nothing_is_granted(web, other_coordinator, client):
    web.force_login(other_coordinator)
    response = web.post(_url(client), {"reason": "hätä"})
    assert response.status_code == 200
    assert "at least 10 characters" in response.content.decode()
    assert not BreakGlassGrant.objects.exists()
    assert not AccessLogEntry.objects.exists()


def test_a_reason_padded_with_spaces_is_refused(web, other_coordinator, client):
    web.force_login(other_coordinator)
    response = web.post(_url(client), {"reason": "a          b"})
    assert response.status_code == 200
    assert not BreakGlassGrant.objects.exists()


@pytest.mark.parametrize("persona", ["kela_advisor", "manager", "administrator"])
def test_only_coordinators_can_use_emergency_access_and_refusals_are_logged(
    web, request, persona, client
):
    user = request.getfixturevalue(persona)
    web.force_login(user)
    for method in ("get", "post"):
        with exactly_one_log_entry() as new:
            response = getattr(web, method)(_url(client), {"reason": REASON})
        assert response.status_code == 403
        assert (new.entry.outcome, new.entry.part) == ("refused", "break_glass")
    assert not BreakGlassGrant.objects.exists()


def test_an_unknown_client_answers_404(web, other_coordinator):
    web.force_login(other_coordinator)
    assert (
        web.post(reverse("access:break_glass", args=[999_999]), {"reason": REASON}).status_code
        == 404
    )
    assert not BreakGlassGrant.objects.exists()


def test_a_coordinator_who_already_has_access_is_sent_to_the_client(web, coordinator, client):
    web.force_login(coordinator)
    response = web.get(_url(client))
    assert response.status_code == 302
    assert response.url == reverse("clients:detail", args=[client.pk])
    assert not BreakGlassGrant.objects.exists()


def test_anonymous_is_sent_to_login(web, client):
    response = web.post(_url(client), {"reason": REASON})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

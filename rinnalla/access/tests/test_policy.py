"""THE access rule: role, relationship and consent decide; every decision is logged."""

import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.access.policy import (
    AccessRefused,
    Action,
    Channel,
    client_for,
    visible_clients,
)
from rinnalla.access.testing import exactly_one_log_entry, give_consent
from rinnalla.consent.services import consent_withdraw
from rinnalla.episodes.services import responsible_person_add

pytestmark = pytest.mark.django_db


def test_coordinator_sees_the_clients_of_their_own_service(coordinator, client):
    with exactly_one_log_entry() as new:
        assert client_for(coordinator, client.pk, part="client") == client
    assert new.entry.outcome == "allowed"
    assert new.entry.client == client
    assert list(visible_clients(coordinator)) == [client]


def test_coordinator_of_another_service_gets_404_and_the_attempt_is_logged(
    other_coordinator, client
):
    with exactly_one_log_entry() as new, pytest.raises(Http404):
        client_for(other_coordinator, client.pk, part="client")
    assert new.entry.outcome == "refused"
    assert new.entry.client == client
    assert not visible_clients(other_coordinator).exists()


@pytest.mark.parametrize("persona", ["manager", "administrator"])
def test_manager_and_administrator_never_see_personal_data(persona, request, client):
    user = request.getfixturevalue(persona)
    with exactly_one_log_entry() as new, pytest.raises(AccessRefused):
        client_for(user, client.pk, part="client")
    assert new.entry.outcome == "refused"
    assert not visible_clients(user).exists()


def test_network_professional_with_consent_but_no_part_gets_404(kela_advisor, client, kela_consent):
    with pytest.raises(Http404):
        client_for(kela_advisor, client.pk, part="client")


def test_network_professional_taking_part_without_consent_gets_403_saying_what_is_missing(
    kela_advisor, client, kela_responsible
):
    with pytest.raises(AccessRefused) as refused:
        client_for(kela_advisor, client.pk, part="client")
    assert "consent" in str(refused.value)


def test_network_professional_with_consent_and_part_sees_the_client(
    kela_advisor, client, kela_consent, kela_responsible
):
    assert client_for(kela_advisor, client.pk, part="client") == client
    assert list(visible_clients(kela_advisor)) == [client]


def test_consent_for_another_organisation_does_not_help(
    coordinator, kela_advisor, client, health_centre, kela_responsible
):
    give_consent(actor=coordinator, client=client, organisations=[health_centre])
    with pytest.raises(AccessRefused):
        client_for(kela_advisor, client.pk, part="client")


def test_withdrawal_ends_access_at_once(
    coordinator, kela_advisor, client, kela_consent, kela_responsible
):
    client_for(kela_advisor, client.pk, part="client")
    consent_withdraw(actor=coordinator, consent=kela_consent, note="Asiakas perui.")
    with pytest.raises(AccessRefused):
        client_for(kela_advisor, client.pk, part="client")
    assert not visible_clients(kela_advisor).exists()


def test_expiry_ends_access_at_once(coordinator, kela_advisor, client, kela, kela_responsible):
    give_consent(actor=coordinator, client=client, organisations=[kela], days_ago=30, valid_days=29)
    with pytest.raises(AccessRefused):
        client_for(kela_advisor, client.pk, part="client")


def test_consent_valid_until_today_still_gives_access(
    coordinator, kela_advisor, client, kela, kela_responsible
):
    give_consent(actor=coordinator, client=client, organisations=[kela], days_ago=30, valid_days=30)
    assert client_for(kela_advisor, client.pk, part="client") == client


def test_ending_the_responsibility_ends_access(
    coordinator, kela_advisor, client, kela_consent, kela_responsible
):
    from rinnalla.episodes.services import responsible_person_end

    responsible_person_end(actor=coordinator, person=kela_responsible, note="Kela valmis.")
    with pytest.raises(Http404):
        client_for(kela_advisor, client.pk, part="client")


def _meeting_with(*, coordinator, episode, professional):
    from rinnalla.plans.services import meeting_create

    return meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        place="Työkykytalo",
        professionals=[professional],
        send_invitations=False,
    )


def test_cancelling_the_meeting_ends_its_participants_access_at_once(
    coordinator, kela_advisor, client, episode, kela_consent
):
    from rinnalla.access.policy import visible_clients_by_rule
    from rinnalla.plans.services import meeting_cancel

    meeting = _meeting_with(coordinator=coordinator, episode=episode, professional=kela_advisor)
    assert client_for(kela_advisor, client.pk, part="client") == client
    meeting_cancel(actor=coordinator, meeting=meeting, reason="Aika ei sopinut.")
    with exactly_one_log_entry() as new, pytest.raises(Http404):
        client_for(kela_advisor, client.pk, part="client")
    assert new.entry.outcome == "refused"
    assert not visible_clients(kela_advisor).exists()
    assert not visible_clients_by_rule(kela_advisor).exists()


def test_a_cancelled_meeting_leaves_access_that_another_reason_gives(
    coordinator, kela_advisor, client, episode, kela_consent, kela_responsible
):
    from rinnalla.plans.services import meeting_cancel

    meeting = _meeting_with(coordinator=coordinator, episode=episode, professional=kela_advisor)
    meeting_cancel(actor=coordinator, meeting=meeting, reason="Aika ei sopinut.")
    assert client_for(kela_advisor, client.pk, part="client") == client
    assert list(visible_clients(kela_advisor)) == [client]


def test_coordinator_of_another_service_taking_part_with_consent_sees_the_client(
    coordinator, other_coordinator, other_service, client, episode
):
    responsible_person_add(
        actor=coordinator, episode=episode, professional=other_coordinator, area="Konsultaatio"
    )
    with pytest.raises(AccessRefused):
        client_for(other_coordinator, client.pk, part="client")
    give_consent(actor=coordinator, client=client, organisations=[other_service])
    assert client_for(other_coordinator, client.pk, part="client") == client


def test_coordinator_only_actions_refuse_a_network_professional_who_sees_the_client(
    kela_advisor, client, kela_consent, kela_responsible
):
    with exactly_one_log_entry() as new, pytest.raises(AccessRefused) as refused:
        client_for(
            kela_advisor, client.pk, action=Action.CHANGE, part="consents", coordinator_only=True
        )
    assert "coordinator" in str(refused.value)
    assert new.entry.outcome == "refused"
    assert new.entry.action == "change"


def test_unknown_client_answers_404_and_is_logged_without_a_client(coordinator):
    with exactly_one_log_entry() as new, pytest.raises(Http404):
        client_for(coordinator, 999_999, part="client")
    assert new.entry.client is None
    assert new.entry.outcome == "refused"


def test_inactive_user_sees_nothing(coordinator, client):
    coordinator.is_active = False
    coordinator.save()
    with pytest.raises(Http404):
        client_for(coordinator, client.pk, part="client")


def test_the_entry_says_who_when_what_why_and_how(coordinator, client):
    before = timezone.now() - datetime.timedelta(seconds=1)
    client_for(
        coordinator,
        client.pk,
        action=Action.CHANGE,
        part="consents",
        channel=Channel.API,
        purpose="consultation",
    )
    entry = AccessLogEntry.objects.latest("id")
    assert (entry.user, entry.username, entry.client) == (coordinator, "aino", client)
    assert (entry.action, entry.part, entry.channel) == ("change", "consents", "api")
    assert entry.purpose == "consultation"
    assert entry.at >= before
    assert entry.break_glass is False

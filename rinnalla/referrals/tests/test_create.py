import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.clients.models import Client
from rinnalla.referrals.models import Referral

URL = reverse("referrals:create")


def identity(**extra):
    data = {
        "personal_identity_code": "010594Y9032",
        "first_name": "Liisa",
        "last_name": "Lähetetty",
        "municipality": "Lahti",
        "phone": "040 555 0000",
        "language": "fi",
    }
    data.update(extra)
    return data


def coordinator_post(**extra):
    data = identity(
        source_kind="walk_in",
        source_organisation="",
        source_professional="",
        channel="in_person",
        reason="Tuli avovastaanotolle, haluaa selvittää työkykyään.",
        urgency="normal",
        received_on=timezone.localdate().isoformat(),
    )
    data.update(extra)
    return data


def professional_post(**extra):
    data = identity(
        source_kind="physician", reason="Pitkä sairausloma päättymässä.", urgency="urgent"
    )
    data.update(extra)
    return data


def test_anonymous_is_sent_to_login(web, db):
    response = web.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["manager", "administrator"])
def test_roles_without_client_work_cannot_send(web, persona, request):
    web.force_login(request.getfixturevalue(persona))
    assert web.get(URL).status_code == 403
    assert web.post(URL, professional_post()).status_code == 403
    assert not Referral.objects.exists()


def test_coordinator_records_a_walk_in_referral_for_a_new_client(web, coordinator, service):
    web.force_login(coordinator)
    response = web.post(URL, coordinator_post())
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:detail", args=[referral.pk])
    assert referral.service == service
    assert referral.channel == "in_person" and referral.source_kind == "walk_in"
    assert referral.received_on == timezone.localdate()
    assert referral.client.full_name == "Liisa Lähetetty"
    assert referral.client.service == service


def test_coordinator_names_the_referring_professional(web, coordinator, physician, health_centre):
    web.force_login(coordinator)
    form = web.get(URL).content.decode()
    assert '<optgroup label="Hollolan sote-keskus">' in form
    web.post(
        URL,
        coordinator_post(
            source_kind="physician", source_professional=physician.pk, channel="phone"
        ),
    )
    referral = Referral.objects.get()
    assert referral.source_professional == physician
    assert referral.source_organisation == health_centre  # taken from the professional


def test_the_professional_must_work_in_the_chosen_organisation(web, coordinator, physician, kela):
    web.force_login(coordinator)
    response = web.post(
        URL, coordinator_post(source_organisation=kela.pk, source_professional=physician.pk)
    )
    assert response.status_code == 200
    assert "does not work in the referring organisation" in response.content.decode()
    assert not Referral.objects.exists()


def test_an_existing_client_is_reused_and_not_changed(web, coordinator, client):
    web.force_login(coordinator)
    web.post(
        URL,
        coordinator_post(
            personal_identity_code=client.personal_identity_code,
            first_name="Väärä",
            last_name="Nimi",
        ),
    )
    referral = Referral.objects.get()
    assert referral.client == client
    client.refresh_from_db()
    assert client.full_name == "Matti Meikäläinen"
    assert Client.objects.count() == 1


def test_network_professional_sends_a_referral_as_themselves(
    web, physician, health_centre, service
):
    web.force_login(physician)
    form = web.get(URL).content.decode()
    assert 'name="channel"' not in form and 'name="received_on"' not in form
    response = web.post(URL, professional_post())
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:sent")
    referral = Referral.objects.get()
    assert referral.source_professional == physician
    assert referral.source_organisation == health_centre
    assert referral.channel == "web_form"
    assert referral.urgency == "urgent"
    assert referral.service == service
    assert referral.received_on == timezone.localdate()
    page = web.get(response["Location"]).content.decode()
    assert "Your referral was sent to Työkykykoordinaattoripalvelu" in page


def test_network_professional_chooses_the_service_when_there_are_several(
    web, physician, service, other_service
):
    web.force_login(physician)
    assert 'name="service"' in web.get(URL).content.decode()
    web.post(URL, professional_post(service=other_service.pk))
    assert Referral.objects.get().service == other_service


def test_sender_is_not_told_that_the_client_already_existed(web, physician, client):
    web.force_login(physician)
    new = web.post(URL, professional_post())
    existing = web.post(
        URL, professional_post(personal_identity_code=client.personal_identity_code)
    )
    assert new.status_code == existing.status_code == 302
    assert web.get(reverse("referrals:sent")).status_code == 200
    first, second = web.get(new["Location"]), web.get(existing["Location"])
    for response in (first, second):
        assert "already" not in response.content.decode()
    client.refresh_from_db()
    assert client.first_name == "Matti"


@pytest.mark.parametrize(
    "bad",
    [
        {"personal_identity_code": "131052-308X"},
        {"personal_identity_code": "<script>"},
        {"first_name": "   "},
        {"reason": ""},
        {"source_kind": "martian"},
        {"channel": "pigeon"},
        {"urgency": "yesterday"},
        {"received_on": "31.31.2025"},
        {"received_on": (timezone.localdate() + datetime.timedelta(days=2)).isoformat()},
        {"source_organisation": "999999"},
        {"source_professional": "abc"},
        {"language": "xx"},
        {"reason": "x" * 6000},
    ],
)
def test_bad_input_shows_the_form_again_and_saves_nothing(web, coordinator, bad):
    web.force_login(coordinator)
    response = web.post(URL, coordinator_post(**bad))
    assert response.status_code == 200
    assert "Please correct the following" in response.content.decode()
    assert not Referral.objects.exists()
    assert not Client.objects.exists()


def test_an_empty_post_is_refused_without_error(web, physician):
    web.force_login(physician)
    response = web.post(URL, {})
    assert response.status_code == 200
    assert not Referral.objects.exists()


def test_a_service_refusal_rolls_back_the_new_client(web, coordinator, monkeypatch):
    """referral_receive is all or nothing: the client is not left behind."""
    from django.core.exceptions import ValidationError

    from rinnalla.referrals import services

    def refuse(**kwargs):
        raise ValidationError({"reason": "Nope."})

    monkeypatch.setattr(services, "referral_create", refuse)
    web.force_login(coordinator)
    response = web.post(URL, coordinator_post())
    assert response.status_code == 200
    assert "Nope." in response.content.decode()
    assert not Client.objects.exists()

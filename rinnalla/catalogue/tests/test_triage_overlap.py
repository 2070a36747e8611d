"""At triage: the receiving service's overlap rules and redirecting to the catalogue."""

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import make_user
from rinnalla.accounts.models import Organisation
from rinnalla.catalogue.models import Service
from rinnalla.referrals.models import Referral
from rinnalla.referrals.services import referral_create, referral_triage

pytestmark = pytest.mark.django_db


def _typ_client(client, catalogue):
    typ_org = Organisation.objects.create(
        name="TYP Testi", kind=Organisation.Kind.TYP, is_coordination_service=True
    )
    typ = catalogue["typ"]
    typ.provider = typ_org
    typ.save()
    worker = make_user("tyyne", "coordinator", typ_org)
    referral = referral_create(
        actor=worker,
        client=client,
        service=typ_org,
        source_kind="self",
        channel="phone",
        reason="TYP",
        received_on=timezone.localdate(),
    )
    referral_triage(actor=worker, referral=referral, decision="accept")


def test_the_triage_page_warns_of_a_typ_client(
    web, coordinator, service, client, catalogue, make_referral
):
    coordination = catalogue["work-ability-coordination"]
    coordination.provider = service
    coordination.save()
    referral = referral_create(
        actor=coordinator,
        client=client,
        service=service,
        source_kind="physician",
        channel="phone",
        reason="Työkyky",
        received_on=timezone.localdate(),
    )
    web.force_login(coordinator)
    url = reverse("referrals:detail", args=[referral.pk])
    assert "Overlap with another service" not in web.get(url).content.decode()
    _typ_client(client, catalogue)
    content = web.get(url).content.decode()
    assert "Overlap with another service" in content
    assert "The pilot excluded TYP clients" in content


def test_a_referral_is_redirected_to_a_catalogue_service(
    web, coordinator, service, client, catalogue
):
    referral = referral_create(
        actor=coordinator,
        client=client,
        service=service,
        source_kind="physician",
        channel="phone",
        reason="Työkyky",
        received_on=timezone.localdate(),
    )
    clinic = catalogue["rehabilitation-research-clinic"]
    web.force_login(coordinator)
    response = web.post(
        reverse("referrals:triage", args=[referral.pk]),
        {"decision": "redirect", "redirect_service": str(clinic.pk), "reason": "Vaativa arvio"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    referral.refresh_from_db()
    assert referral.status == Referral.Status.REDIRECTED
    assert referral.redirected_service == clinic
    assert referral.redirected_to == "Rehabilitation research outpatient clinic"
    assert Service.objects.filter(pk=clinic.pk).exists()

"""Issue 4, "Done when": Kela sees a client only with consent AND part; withdrawal hides it.

Walked through the pages and the API the way a coordinator and a Kela work ability
advisor would.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.testing import api_client

pytestmark = pytest.mark.django_db


def test_kela_sees_the_client_only_with_consent_and_part_until_the_consent_is_withdrawn(
    web, coordinator, kela_advisor, kela, client, episode
):
    kela_web = type(web)(HTTP_ACCEPT_LANGUAGE="en")
    kela_web.force_login(kela_advisor)
    consents_url = reverse("consent:list", args=[client.pk])
    web.force_login(coordinator)

    # Nothing yet: Kela does not know the client exists.
    assert kela_web.get(consents_url).status_code == 404

    # The coordinator records the client's written consent covering Kela.
    response = web.post(
        consents_url,
        {
            "organisations": [kela.pk],
            "purpose": "consultation",
            "method": "signed_paper",
            "given_on": timezone.localdate().isoformat(),
            "valid_until": "",
        },
    )
    assert response.status_code == 302
    # Consent alone is not enough: Kela does not take part yet.
    assert kela_web.get(consents_url).status_code == 404

    # The coordinator names the Kela advisor a responsible person (through the API).
    response = api_client(coordinator).post(
        f"/api/v1/episodes/{episode.pk}/responsible-persons",
        {"professional_id": kela_advisor.pk, "area": "Kelan ammatillinen kuntoutus"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert kela_web.get(consents_url).status_code == 200
    assert api_client(kela_advisor).get(f"/api/v1/clients/{client.pk}/consents").status_code == 200

    # The client withdraws the consent: Kela loses access at once.
    consent_id = web.get(consents_url).context["consents"][0].pk
    web.post(reverse("consent:withdraw", args=[consent_id]), {"note": "Asiakas perui."})
    assert kela_web.get(consents_url).status_code == 403

    # The client's access log shows Kela's view (and the refused attempts).
    log = web.get(reverse("access:client_log", args=[client.pk]))
    rows = [(row["user"], row["entry"].outcome) for row in log.context["rows"]]
    assert ("Kaisa Testinen, Kela", "allowed") in rows
    assert ("Kaisa Testinen, Kela", "refused") in rows

"""The service catalogue: the seed, search and filters, a service page, editing with versions."""

import pytest
from django.urls import reverse
from django.utils import translation

from rinnalla.access.testing import api_client
from rinnalla.catalogue import seed
from rinnalla.catalogue.models import Service, ServiceRevision
from rinnalla.catalogue.services import catalogue_load

pytestmark = pytest.mark.django_db


def test_the_seed_has_every_service_spec_7_lists_in_three_languages(catalogue):
    assert len(catalogue) == len(seed.SERVICES) >= 23
    for service in catalogue.values():
        assert service.name_fi and service.name_sv and service.name_en, service.code
        assert service.description_sv and service.description_en, service.code
        assert service.revisions.count() == 1
    assert catalogue["rehabilitation-research-clinic"].criteria_lists.get().version == 1
    assert catalogue["work-ability-support-team"].overlap_rules.get().excluded_by.code == "typ"


def test_loading_again_adds_nothing_and_keeps_edits(catalogue):
    service = catalogue["clubhouse"]
    Service.objects.filter(pk=service.pk).update(name_fi="Klubitalo Lahti")
    assert catalogue_load() == {"services": 0, "criteria": 0}
    service.refresh_from_db()
    assert service.name_fi == "Klubitalo Lahti"


def test_the_provider_is_linked_when_one_organisation_of_its_type_exists(kela):
    catalogue_load()
    assert Service.objects.get(code="partial-sickness-allowance").provider == kela


def test_a_service_reads_in_the_readers_language(catalogue):
    service = catalogue["typ"]
    with translation.override("sv"):
        assert service.name.startswith("TYP – sektorsövergripande")
    service.name_sv = ""
    with translation.override("sv"):
        assert service.name == service.name_fi


def test_anyone_logged_in_searches_the_catalogue(web, manager, catalogue):
    web.force_login(manager)
    response = web.get(reverse("catalogue:list"), {"q": "klubitalo"})
    assert response.status_code == 200
    names = [s.code for s in response.context["services"]]
    assert names == ["clubhouse"]


def test_filters_by_age_and_segment(web, coordinator, catalogue):
    web.force_login(coordinator)
    response = web.get(reverse("catalogue:list"), {"age": "70"})
    codes = {s.code for s in response.context["services"]}
    assert "rehabilitation-research-clinic" not in codes  # 18–64
    assert "clubhouse" in codes  # 18–
    response = web.get(reverse("catalogue:list"), {"segment": "self_service"})
    codes = {s.code for s in response.context["services"]}
    assert "start-up-grant" in codes
    assert "rehabilitation-research-clinic" not in codes


def test_a_bad_filter_is_a_message_not_an_error(web, coordinator, catalogue):
    web.force_login(coordinator)
    response = web.get(reverse("catalogue:list"), {"age": "abc"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_the_service_page_shows_the_criteria_and_who_keeps_it(web, coordinator, rehab_clinic):
    web.force_login(coordinator)
    response = web.get(reverse("catalogue:detail", args=[rehab_clinic.pk]))
    content = response.content.decode()
    assert "Make a referral if" in content
    assert "several limitations" in content
    assert "Last checked" in content
    assert "Edit the service" not in content


def test_an_administrator_edits_a_service_and_a_version_is_kept(web, administrator, catalogue):
    service = catalogue["clubhouse"]
    web.force_login(administrator)
    url = reverse("catalogue:edit", args=[service.pk])
    form = web.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "keepers"}
    data.update(
        description_fi="Uusi kuvaus.",
        target_segments=["community"],
        municipalities="Lahti, Hollola",
        note="Kuvaus päivitetty",
        checked="on",
    )
    data.pop("provider", None)
    response = web.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    service.refresh_from_db()
    assert service.version == 2
    assert service.municipalities == ["Lahti", "Hollola"]
    assert service.last_checked_by == administrator
    revision = ServiceRevision.objects.get(service=service, version=2)
    assert revision.changed_by == administrator
    assert revision.data["description_fi"] == "Uusi kuvaus."
    assert ServiceRevision.objects.get(service=service, version=1).data["description_fi"] != (
        "Uusi kuvaus."
    )


def test_a_stale_edit_is_refused(web, administrator, catalogue):
    service = catalogue["clubhouse"]
    web.force_login(administrator)
    response = web.post(
        reverse("catalogue:edit", args=[service.pk]),
        {
            "name_fi": "X",
            "category": "ngo",
            "description_fi": "Y",
            "based_on_version": "0",
        },
    )
    assert response.status_code == 409
    service.refresh_from_db()
    assert service.version == 1


def test_a_keeper_edits_their_own_service_only(web, coordinator, catalogue):
    kept, other = catalogue["clubhouse"], catalogue["typ"]
    kept.keepers.add(coordinator)
    web.force_login(coordinator)
    assert web.get(reverse("catalogue:edit", args=[kept.pk])).status_code == 200
    assert web.get(reverse("catalogue:edit", args=[other.pk])).status_code == 403
    # A keeper adds services too, but does not choose the keepers.
    assert web.get(reverse("catalogue:create")).status_code == 200
    assert (
        "keepers" not in web.get(reverse("catalogue:edit", args=[kept.pk])).context["form"].fields
    )


def test_the_api_lists_and_filters_services(coordinator, catalogue):
    api = api_client(coordinator)
    everything = api.get("/api/v1/services").json()
    assert len(everything) == len(catalogue)
    young = api.get("/api/v1/services", {"target_age": 17}).json()
    assert "rehabilitation-research-clinic" not in {s["code"] for s in young}
    typ = api.get("/api/v1/services", {"q": "TYP", "segment": "cooperation"}).json()
    assert "typ" in {s["code"] for s in typ}
    assert api.get("/api/v1/services", {"segment": "nobody"}).status_code == 422


def test_the_api_gives_a_service_with_its_criteria(coordinator, rehab_clinic):
    api = api_client(coordinator)
    body = api.get(f"/api/v1/services/{rehab_clinic.pk}").json()
    criteria = body["criteria"]
    assert criteria["version"] == 1
    kinds = [item["kind"] for item in criteria["items"]]
    assert kinds.count("consult_first") == 3
    assert kinds.count("refer_if") == 7
    assert kinds.count("referral_should_tell") == 10
    working_age = next(i for i in criteria["items"] if i["code"] == "working_age")
    assert working_age["filled_by_system"] is True
    assert api.get("/api/v1/services/999999").status_code == 404

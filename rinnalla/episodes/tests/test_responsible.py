import pytest
from django.conf import settings
from django.urls import reverse

from rinnalla.episodes.models import Handover, ResponsiblePerson
from rinnalla.episodes.services import episode_close, responsible_person_add


def url(episode):
    return reverse("episodes:responsible", args=[episode.pk])


def add(professional, **extra):
    data = {"action": "add", "professional": professional.pk, "area": "Työllistyminen", "note": ""}
    data.update(extra)
    return data


def active(episode):
    return ResponsiblePerson.objects.filter(episode=episode, ended_at__isnull=True)


def primary(episode):
    return active(episode).get(is_primary=True)


def test_anonymous_is_sent_to_login(web, episode, physician):
    assert web.post(url(episode), add(physician))["Location"].startswith(reverse("login"))
    assert active(episode).count() == 1


@pytest.mark.parametrize(
    "persona, code", [("other_coordinator", 404), ("physician", 404), ("manager", 403)]
)
def test_outsiders_get_404_and_roles_without_client_data_403(
    web, persona, code, episode, kela_advisor, request
):
    web.force_login(request.getfixturevalue(persona))
    assert web.get(url(episode)).status_code == code
    assert web.post(url(episode), add(kela_advisor)).status_code == code
    assert active(episode).count() == 1


def test_the_page_lists_persons_and_the_handover_history(web, coordinator, episode):
    web.force_login(coordinator)
    html = web.get(url(episode)).content.decode()
    assert "Aino Koordinaattori" in html
    # The system's own wording is stored as a code and shown in the reader's language.
    person, handover = episode.responsible_persons.get(), episode.handovers.get()
    assert (person.area, person.area_code) == ("", "coordination")
    assert (handover.note, handover.note_code) == ("", "relationship_opened")
    assert "Work ability coordination" in html
    assert "Client relationship opened." in html
    web.cookies.load({settings.LANGUAGE_COOKIE_NAME: "sv"})
    html = web.get(url(episode), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Arbetsförmågekoordinering" in html
    assert "Klientrelationen öppnades." in html
    assert "Work ability coordination" not in html


def test_professionals_are_offered_grouped_by_organisation(
    web, coordinator, episode, physician, kela_advisor
):
    web.force_login(coordinator)
    html = web.get(url(episode)).content.decode()
    assert '<optgroup label="Hollolan sote-keskus">' in html
    assert '<optgroup label="Kela">' in html


def test_adding_a_person_records_a_handover(web, coordinator, episode, client, kela_advisor):
    web.force_login(coordinator)
    response = web.post(url(episode), add(kela_advisor, note="Kela-asiat sovittu"))
    assert response["Location"] == reverse("clients:detail", args=[client.pk])
    person = active(episode).get(professional=kela_advisor)
    assert (person.area, person.is_primary) == ("Työllistyminen", False)
    handover = Handover.objects.filter(episode=episode).last()
    assert (handover.to_professional, handover.note) == (kela_advisor, "Kela-asiat sovittu")


def test_adding_a_new_primary_contact_hands_over_from_the_old_one(
    web, coordinator, episode, kela_advisor
):
    web.force_login(coordinator)
    web.post(url(episode), add(kela_advisor, primary="on"))
    assert primary(episode).professional == kela_advisor
    assert active(episode).count() == 2  # the coordinator stays responsible
    handover = Handover.objects.filter(episode=episode).last()
    assert (handover.from_professional, handover.to_professional) == (coordinator, kela_advisor)


def test_making_someone_primary_records_the_handover(web, coordinator, episode, kela_advisor):
    person = responsible_person_add(
        actor=coordinator, episode=episode, professional=kela_advisor, area="Etuudet"
    )
    web.force_login(coordinator)
    response = web.post(url(episode), {"action": "make_primary", "person": person.pk})
    assert response.status_code == 302
    assert primary(episode).professional == kela_advisor
    handover = Handover.objects.filter(episode=episode).last()
    assert (handover.from_professional, handover.to_professional, handover.by) == (
        coordinator,
        kela_advisor,
        coordinator,
    )


def test_ending_a_responsibility_needs_a_note(web, coordinator, episode, kela_advisor):
    person = responsible_person_add(
        actor=coordinator, episode=episode, professional=kela_advisor, area="Etuudet"
    )
    web.force_login(coordinator)
    response = web.post(
        url(episode), {"action": "end", "person": person.pk, f"end-{person.pk}-note": "  "}
    )
    assert response.status_code == 200
    assert "Fill in this field." in response.content.decode()
    person.refresh_from_db()
    assert person.ended_at is None

    web.post(
        url(episode),
        {"action": "end", "person": person.pk, f"end-{person.pk}-note": "Etuusasiat hoidettu"},
    )
    person.refresh_from_db()
    assert person.ended_at is not None
    handover = Handover.objects.filter(episode=episode).last()
    assert (handover.from_professional, handover.note) == (kela_advisor, "Etuusasiat hoidettu")


def test_the_primary_contact_leaves_only_with_a_successor(web, coordinator, episode, kela_advisor):
    successor = responsible_person_add(
        actor=coordinator, episode=episode, professional=kela_advisor, area="Etuudet"
    )
    leaving = primary(episode)
    web.force_login(coordinator)
    prefix = f"end-{leaving.pk}"
    response = web.post(
        url(episode), {"action": "end", "person": leaving.pk, f"{prefix}-note": "Siirtyy muualle"}
    )
    assert "Name the new primary contact before the current one leaves." in (
        response.content.decode()
    )
    assert primary(episode) == leaving

    web.post(
        url(episode),
        {
            "action": "end",
            "person": leaving.pk,
            f"{prefix}-note": "Siirtyy muualle",
            f"{prefix}-successor": successor.pk,
        },
    )
    assert primary(episode).professional == kela_advisor
    leaving.refresh_from_db()
    assert leaving.ended_at is not None
    handover = Handover.objects.filter(episode=episode).last()
    assert (handover.from_professional, handover.to_professional) == (coordinator, kela_advisor)


def test_a_person_of_another_episode_cannot_be_touched(web, coordinator, episode, make_referral):
    from rinnalla.referrals.services import referral_triage

    other = referral_triage(actor=coordinator, referral=make_referral(), decision="accept").episode
    stranger = primary(other)
    web.force_login(coordinator)
    response = web.post(url(episode), {"action": "make_primary", "person": stranger.pk})
    assert response.status_code == 200
    stranger.refresh_from_db()
    assert stranger.is_primary and stranger.ended_at is None


def test_a_closed_relationship_refuses_changes(web, coordinator, episode, kela_advisor):
    episode_close(actor=coordinator, episode=episode, outcome="work", summary="Töihin")
    web.force_login(coordinator)
    html = web.get(url(episode)).content.decode()
    assert "Add a responsible person" not in html
    response = web.post(url(episode), add(kela_advisor))
    assert response.status_code == 409
    assert not active(episode).filter(professional=kela_advisor).exists()


@pytest.mark.parametrize(
    "garbage",
    [
        {},
        {"action": "explode"},
        {"action": "add"},
        {"action": "add", "professional": "abc", "area": "x"},
        {"action": "add", "professional": "99999", "area": "x"},
        {"action": "add", "area": "   ", "professional": "__me__"},
        {"action": "add", "area": "x" * 300, "professional": "__me__"},
        {"action": "add", "area": "Sama", "professional": "__me__"},  # already responsible
        {"action": "make_primary", "person": "abc"},
        {"action": "end", "person": "999999"},
        {"action": "end", "person": "__primary__", "end-__primary__-successor": "abc"},
    ],
)
def test_garbage_never_500s_and_changes_nothing(web, coordinator, episode, garbage):
    person = primary(episode)
    data = {}
    for key, value in garbage.items():
        key = key.replace("__primary__", str(person.pk))
        value = (
            str(value).replace("__me__", str(coordinator.pk)).replace("__primary__", str(person.pk))
        )
        data[key] = value
    handovers = Handover.objects.count()
    web.force_login(coordinator)
    response = web.post(url(episode), data)
    assert response.status_code == 200
    assert Handover.objects.count() == handovers
    assert list(active(episode)) == [person]


def test_its_query_count_is_constant(
    web, coordinator, episode, physician, kela_advisor, django_assert_max_num_queries
):
    web.force_login(coordinator)
    with django_assert_max_num_queries(20) as few:
        web.get(url(episode))
    responsible_person_add(
        actor=coordinator, episode=episode, professional=physician, area="Terveys"
    )
    responsible_person_add(
        actor=coordinator, episode=episode, professional=kela_advisor, area="Etuudet", primary=True
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        web.get(url(episode))

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.plans.services import action_create, meeting_create

pytestmark = pytest.mark.django_db


def _action(coordinator, plan, who, days, text):
    return action_create(
        actor=coordinator,
        plan=plan,
        category="other",
        description=text,
        responsible_professional=who,
        due_on=timezone.localdate() + datetime.timedelta(days=days),
    )


def test_my_work_shows_my_overdue_and_soon_actions_and_coming_meetings(
    web, coordinator, plan, physician, physician_consent, episode
):
    _action(coordinator, plan, physician, -2, "Myöhässä oleva lausunto")
    _action(coordinator, plan, physician, 5, "Pian erääntyvä tehtävä")
    _action(coordinator, plan, physician, 60, "Myöhemmin")
    _action(coordinator, plan, coordinator, 5, "Koordinaattorin oma tehtävä")
    meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        place="Huone 9",
        topics=["follow_up"],
        professionals=[physician],
        send_invitations=False,
    )
    web.force_login(physician)
    response = web.get(reverse("followup:my_work"))
    assert response.status_code == 200
    work = response.context["work"]
    assert [a.description for a in work.overdue] == ["Myöhässä oleva lausunto"]
    assert [a.description for a in work.soon] == ["Pian erääntyvä tehtävä"]
    assert [a.description for a in work.later] == ["Myöhemmin"]
    assert [m.place for m in work.meetings] == ["Huone 9"]
    page = response.content.decode()
    assert "Koordinaattorin oma tehtävä" not in page
    assert "Matti Meikäläinen" in page
    assert 'name="status"' in page  # inline update, no need to open the plan


def test_without_consent_my_actions_are_counted_but_not_shown(web, coordinator, plan, physician):
    _action(coordinator, plan, physician, 3, "Salainen")
    web.force_login(physician)
    response = web.get(reverse("followup:my_work"))
    assert response.context["work"].hidden == 1
    assert "Salainen" not in response.content.decode()
    assert "Matti" not in response.content.decode()


def test_my_work_logs_one_list_access(web, coordinator, plan):
    web.force_login(coordinator)
    before = AccessLogEntry.objects.count()
    web.get(reverse("followup:my_work"))
    assert AccessLogEntry.objects.count() == before + 1


def test_my_work_refuses_anonymous_and_manager(web, manager):
    assert web.get(reverse("followup:my_work")).status_code == 302
    web.force_login(manager)
    assert web.get(reverse("followup:my_work")).status_code == 403


def test_my_work_query_count_is_constant(
    web, coordinator, plan, physician, physician_consent, django_assert_max_num_queries
):
    web.force_login(physician)
    _action(coordinator, plan, physician, 1, "eka")
    with django_assert_max_num_queries(30) as one:
        web.get(reverse("followup:my_work"))
    for i in range(20):
        _action(coordinator, plan, physician, i - 10, f"tehtävä {i}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        web.get(reverse("followup:my_work"))


def test_my_actions_api(api, coordinator, plan, physician, physician_consent):
    _action(coordinator, plan, physician, -1, "Myöhässä")
    _action(coordinator, plan, physician, 4, "Tulossa")
    http = api(physician)
    overdue = http.get("/api/v1/me/actions?status=overdue").json()
    due = http.get("/api/v1/me/actions?status=due").json()
    everything = http.get("/api/v1/me/actions?status=all").json()
    assert [a["description"] for a in overdue["items"]] == ["Myöhässä"]
    assert overdue["items"][0]["overdue"] is True
    assert [a["description"] for a in due["items"]] == ["Tulossa"]
    assert everything["count"] == 2
    assert http.get("/api/v1/me/actions?status=late").status_code == 422


def test_the_coordinator_sees_first_contacts_network_deadlines_and_new_self_fills(
    web, coordinator, plan, physician, physician_consent, make_referral_for_my_work
):
    from rinnalla.measurements.services import self_fill_link_create

    waiting = make_referral_for_my_work()
    _action(coordinator, plan, physician, -1, "Lääkärin myöhässä oleva lausunto")
    _action(coordinator, plan, physician, 60, "Kaukana tulevaisuudessa")
    action_create(
        actor=coordinator,
        plan=plan,
        category="other",
        description="Asiakas hakee kuntoutusrahaa",
        responsible_is_client=True,
        due_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    link, _raw = self_fill_link_create(
        actor=coordinator,
        client=plan.episode.client,
        instrument_codes=["work-ability-self-rating"],
        url_for_token=lambda raw: raw,
    )
    link.used_at = timezone.now()
    link.save()
    web.force_login(coordinator)
    response = web.get(reverse("followup:my_work"))
    work = response.context["work"]
    assert waiting.client_id in [row.episode.client_id for row in work.first_contacts]
    assert [a.description for a in work.network_actions] == [
        "Lääkärin myöhässä oleva lausunto",
        "Asiakas hakee kuntoutusrahaa",
    ]
    assert [s.pk for s in work.self_fill] == [link.pk]
    page = response.content.decode()
    assert "Uusi Asiakas" in page and "Asiakas hakee kuntoutusrahaa" in page


@pytest.fixture
def make_referral_for_my_work(coordinator, service):
    from rinnalla.clients.services import client_create
    from rinnalla.referrals.services import referral_create, referral_triage

    def make():
        new = client_create(
            actor=coordinator,
            service=service,
            first_name="Uusi",
            last_name="Asiakas",
            personal_identity_code="010594Y9032",
            language="fi",
        )
        referral = referral_create(
            actor=coordinator,
            client=new,
            service=service,
            source_kind="self",
            channel="phone",
            reason="Oma yhteydenotto",
            received_on=timezone.localdate(),
        )
        return referral_triage(actor=coordinator, referral=referral, decision="accept").episode

    return make

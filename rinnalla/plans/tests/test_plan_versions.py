import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.core.errors import Conflict
from rinnalla.plans.models import ClientPlan, PlanRevision
from rinnalla.plans.services import meeting_create, plan_create, plan_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_meeting(coordinator, episode, physician):
    return meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        place="Huone 3",
        topics=["follow_up"],
        professionals=[physician],
        send_invitations=False,
    )


def test_each_meeting_makes_a_new_version_with_the_text_copied_forward(
    web, coordinator, plan, second_meeting
):
    web.force_login(coordinator)
    url = reverse("plans:plan_create", args=[second_meeting.pk])
    # Opening the form makes nothing (issue 11, problem 7): the version is made on save.
    form = web.get(url)
    assert form.status_code == 200
    assert not ClientPlan.objects.filter(meeting=second_meeting).exists()
    initial = form.context["form"].initial
    response = web.post(url, {name: initial.get(name) or "" for name in initial})
    second = ClientPlan.objects.get(meeting=second_meeting)
    assert response["Location"] == reverse("plans:plan_detail", args=[second.pk])
    assert second.number == 2
    assert second.client_wishes == plan.client_wishes
    assert second.planned == plan.planned
    assert second.next_meeting_on is None  # the old "next meeting" was this one


def test_a_meeting_has_one_plan_version(coordinator, plan, past_meeting):
    with pytest.raises(Conflict):
        plan_create(actor=coordinator, meeting=past_meeting)


def test_earlier_versions_stay_readable_and_unchanged(web, coordinator, plan, second_meeting):
    second = plan_create(actor=coordinator, meeting=second_meeting)
    plan_update(
        actor=coordinator,
        plan=second,
        version=second.version,
        planned="Työkokeilu alkaa maaliskuussa.",
    )
    web.force_login(coordinator)
    old_page = web.get(reverse("plans:plan_detail", args=[plan.pk]))
    assert old_page.status_code == 200
    assert "Työkokeilu ja kuntoutusrahan haku." in old_page.content.decode()
    assert not old_page.context["is_current"]
    with pytest.raises(Conflict):
        plan_update(actor=coordinator, plan=plan, version=plan.version, planned="Muutos")
    edit = web.get(reverse("plans:plan_edit", args=[plan.pk]))
    assert edit.status_code == 302
    plan.refresh_from_db()
    assert plan.planned == "Työkokeilu ja kuntoutusrahan haku."


def test_compare_shows_what_changed_field_by_field(web, coordinator, plan, second_meeting):
    second = plan_create(actor=coordinator, meeting=second_meeting)
    plan_update(
        actor=coordinator,
        plan=second,
        version=second.version,
        planned="Työkokeilu ja osasairauspäivärahan haku.",
    )
    web.force_login(coordinator)
    response = web.get(reverse("plans:plan_compare", args=[second.pk]))
    assert response.status_code == 200
    rows = {row.name: row for row in response.context["rows"]}
    planned = rows["planned"]
    assert planned.changed
    assert "<del>kuntoutusrahan</del>" in planned.html
    assert "<ins>osasairauspäivärahan</ins>" in planned.html
    assert not rows["client_wishes"].changed


def test_compare_escapes_what_people_wrote(coordinator, plan, second_meeting):
    from rinnalla.plans.diff import inline_diff

    assert "<script>" not in inline_diff("a", "<script>alert(1)</script>")


def test_first_version_has_nothing_to_compare(web, coordinator, plan):
    web.force_login(coordinator)
    response = web.get(reverse("plans:plan_compare", args=[plan.pk]))
    assert response.status_code == 302


def test_every_save_leaves_a_revision(coordinator, plan):
    plan_update(actor=coordinator, plan=plan, version=1, planned="Uusi teksti")
    plan_update(actor=coordinator, plan=plan, version=2, client_tasks="Uusi tehtävä")
    assert list(PlanRevision.objects.filter(plan=plan).values_list("version", flat=True)) == [
        1,
        2,
        3,
    ]


def test_editing_the_plan_saves_and_shows_it(web, coordinator, plan):
    web.force_login(coordinator)
    form = web.get(reverse("plans:plan_edit", args=[plan.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, bool)}
    data["next_meeting_on"] = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    data["planned"] = "Päivitetty suunnitelma"
    data["distributed_to_client"] = "on"
    response = web.post(reverse("plans:plan_edit", args=[plan.pk]), data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.planned == "Päivitetty suunnitelma"
    assert plan.version == 2
    assert plan.distributed_to_primary_care is False


def test_next_meeting_cannot_be_before_this_meeting(web, coordinator, plan):
    web.force_login(coordinator)
    data = {"version": "1", "next_meeting_on": "2001-01-01"}
    response = web.post(reverse("plans:plan_edit", args=[plan.pk]), data)
    assert response.status_code == 400
    assert "next_meeting_on" in response.context["form"].errors
    plan.refresh_from_db()
    assert plan.version == 1


def test_network_professional_reads_but_cannot_edit_the_plan(
    web, physician, plan, physician_consent
):
    web.force_login(physician)
    assert web.get(reverse("plans:plan_detail", args=[plan.pk])).status_code == 200
    assert web.get(reverse("plans:plan_edit", args=[plan.pk])).status_code == 403
    response = web.post(
        reverse("plans:plan_edit", args=[plan.pk]), {"version": "1", "planned": "x"}
    )
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.planned == "Työkokeilu ja kuntoutusrahan haku."


def test_a_first_version_is_prefilled_from_the_assessment_minutes_and_next_meeting(
    web, coordinator, past_meeting, physician
):
    from rinnalla.plans.services import meeting_record_minutes
    from rinnalla.workability.services import assessment_save

    episode = past_meeting.episode
    assessment_save(
        actor=coordinator,
        episode=episode,
        based_on_version=None,
        physician=physician,
        client_view="Haluan takaisin töihin.",
        functional_capacity="Jaksaa neljä tuntia päivässä.",
        conclusion="Osatyökykyinen.",
        proposals=["work_trial"],
    )
    meeting_record_minutes(actor=coordinator, meeting=past_meeting, minutes="Sovittiin työkokeilu.")
    following = meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=timezone.now() + datetime.timedelta(days=40),
        place="Huone 2",
        topics=["follow_up"],
        professionals=[physician],
        send_invitations=False,
    )
    web.force_login(coordinator)
    initial = web.get(reverse("plans:plan_create", args=[past_meeting.pk])).context["form"].initial
    assert initial["client_wishes"] == "Haluan takaisin töihin."
    assert "Jaksaa neljä tuntia päivässä." in initial["shared_view"]
    assert initial["planned"] == "Sovittiin työkokeilu."
    assert initial["next_meeting_on"] == timezone.localdate(following.starts_at)
    assert not ClientPlan.objects.filter(meeting=past_meeting).exists()

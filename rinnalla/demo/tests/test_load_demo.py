import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client as DjangoClient
from django.utils import timezone, translation

from rinnalla.accounts.models import Organisation, User
from rinnalla.clients.models import Client
from rinnalla.consent.models import Consent
from rinnalla.core import hetu
from rinnalla.demo import cases, invariants
from rinnalla.episodes.models import Episode
from rinnalla.followup.selectors import cracks, my_work
from rinnalla.plans.models import ClientPlan, PlanAction
from rinnalla.referrals.models import Referral

pytestmark = pytest.mark.django_db

LOGINS = {
    "tkk": "coordinator",
    "laakari": "network_professional",
    "kela": "network_professional",
    "esihenkilo": "manager",
    "admin": "administrator",
}


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def episode_of(label: str) -> Episode:
    referral = Referral.objects.select_related("episode").get(reason__startswith=f"{label}:")
    return referral.episode


# The path events the system writes, shown here by how their Finnish text begins.
MEETING_SUMMARY = "Verkostotapaaminen."
WORK_ABILITY_SUMMARY = "Työkykyarvio ja suunnitelmaehdotus (versio"
B_STATEMENT_SUMMARY = "B-lausunto pyydetty"
SYSTEM_SUMMARIES = (MEETING_SUMMARY, WORK_ABILITY_SUMMARY, B_STATEMENT_SUMMARY)


def expected_path(case: cases.Case) -> list[tuple[str, str]]:
    steps = []
    for item in case.path:
        if isinstance(item, cases.Event):
            steps.append((item.kind, item.summary))
        elif isinstance(item, cases.NetworkMeeting):
            steps.append(("meeting", MEETING_SUMMARY))
        elif isinstance(item, cases.WorkAbility):
            steps.append(("note", WORK_ABILITY_SUMMARY))
            if "b_statement" in item.proposals:
                steps.append(("statement", B_STATEMENT_SUMMARY))
    return steps


def _shown(summary: str) -> str:
    return next((start for start in SYSTEM_SUMMARIES if summary.startswith(start)), summary)


def test_it_records_the_five_cases_with_every_step_in_order():
    load()
    for case in cases.CASES:
        episode = episode_of(case.label)
        with translation.override("fi"):
            recorded = [
                (event.kind, _shown(event.summary_text))
                for event in episode.events.order_by("occurred_at", "id")
            ]
        assert recorded == expected_path(case), case.label


def test_case_3_reads_in_the_seeds_order():
    load()
    path = list(
        episode_of("Asiakascase 3")
        .events.order_by("occurred_at", "id")
        .values_list("kind", "summary")
    )
    kinds = [kind for kind, _summary in path]
    assert kinds == [
        "note",
        "note",
        "note",
        "contact",
        "meeting",
        "consultation",
        "consultation",
        "consultation",
        "note",
        "contact",
        "meeting",
        "meeting",
        "consultation",
        "statement",
        "contact",
    ]
    summaries = [summary for _kind, summary in path]
    assert summaries[2].startswith("Lääkäri tekee lähetteen TKK:lle")
    assert summaries[5] == "TKK konsultoi kuntakokeilua asiakkaan kirjallisella suostumuksella"
    assert summaries[7] == "TKK konsultoi Kelaa asiakkaan kirjallisella suostumuksella"
    # "TKK kokoaa moniammatillisen verkoston, jossa tehdään suunnitelmaa ja jaetaan
    # vastuut": a real network meeting, its path event written by the minutes.
    meeting_event = episode_of("Asiakascase 3").events.order_by("occurred_at", "id")[10]
    assert meeting_event.summary_code == "meeting_held"
    with translation.override("fi"):
        assert meeting_event.summary_text.startswith("Verkostotapaaminen. Aihe:")
    assert summaries[-1] == "TKK:n yhteydenotto: tietojen päivitys ja asiakkuuden lopettaminen"


def test_referrals_come_from_the_seeds_sources_and_channels():
    load()
    expected = {
        "Asiakascase 1": ("physiotherapist", "patient_record_message"),
        "Asiakascase 2": ("psychiatric_nurse", "patient_record_message"),
        "Asiakascase 3": ("physician", "patient_record_message"),
        "Asiakascase 4": ("employment_services", "encrypted_email"),
        "Asiakascase 5": ("employment_services", "encrypted_email"),
    }
    for label, (source, channel) in expected.items():
        referral = Referral.objects.get(reason__startswith=f"{label}:")
        assert (referral.source_kind, referral.channel, referral.status) == (
            source,
            channel,
            "accepted",
        )


def test_cases_that_close_are_closed_and_the_unfinished_stay_open():
    load()
    statuses = {c.label: episode_of(c.label).status for c in cases.CASES}
    assert statuses == {
        "Asiakascase 1": "closed",
        "Asiakascase 2": "active",
        "Asiakascase 3": "closed",
        "Asiakascase 4": "active",
        "Asiakascase 5": "active",
    }
    assert episode_of("Asiakascase 1").closings.get().outcome == "rehabilitation"


def test_every_consultation_has_the_clients_consent_and_the_rules_hold():
    load()
    assert Consent.objects.count() >= 5
    assert invariants.violations() == {}


def test_clients_are_fictional_with_valid_temporary_codes_and_past_dates():
    load()
    assert Client.objects.count() == 5
    for client in Client.objects.all():
        parsed = hetu.parse(client.personal_identity_code)
        assert parsed.is_temporary
    first = Episode.objects.order_by("opened_on").first().opened_on
    last = Episode.objects.order_by("-last_event_at").first().last_event_at
    assert first.year >= 2023 and last.year <= 2025


def test_the_coordination_service_and_network_organisations_exist():
    load()
    service = Organisation.objects.get(is_coordination_service=True)
    assert service.name == "Päijät-Hämeen hyvinvointialue, työkykykoordinaattoripalvelu"
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert {
        "health_centre",
        "kela",
        "employment_services",
        "private_provider",
        "specialist_care",
        "social_work",
        "te_services",
        "typ",
    } <= kinds


def test_demo_users_log_in_with_demo():
    output = load()
    for username, role in LOGINS.items():
        user = User.objects.get(username=username)
        assert user.role == role
        assert user.check_password("demo")
        assert username in output
    admin = User.objects.get(username="admin")
    assert admin.is_staff and not admin.is_superuser
    assert admin.has_perm("accounts.change_user") and not admin.has_perm("clients.view_client")
    assert User.objects.get(username="tkk").get_full_name() == "Tiina Koordinaattori"
    # Nobody else can log in at all.
    others = User.objects.exclude(username__in=LOGINS)
    assert others.exists()
    assert not any(u.has_usable_password() for u in others)
    assert DjangoClient().login(username="tkk", password="demo")


def test_network_professionals_see_the_open_cases_they_take_part_in():
    load()
    from rinnalla.access.policy import visible_clients

    laakari = User.objects.get(username="laakari")
    kela = User.objects.get(username="kela")
    assert list(visible_clients(laakari).values_list("last_name", flat=True)) == ["Koskinen"]
    assert list(visible_clients(kela).values_list("last_name", flat=True)) == ["Rantanen"]
    assert visible_clients(User.objects.get(username="tkk")).count() == 5


def test_if_empty_does_nothing_when_the_database_has_users(coordinator):
    out = StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert "not loaded" in out.getvalue()
    assert not User.objects.filter(username="tkk").exists()
    assert Client.objects.count() == 0


def test_if_empty_loads_an_empty_database():
    call_command("load_demo", "--if-empty", stdout=StringIO())
    assert Client.objects.count() == 5


def test_it_refuses_to_load_twice_and_changes_nothing():
    load()
    before = (User.objects.count(), Client.objects.count(), Episode.objects.count())
    with pytest.raises(CommandError, match="already loaded"):
        load()
    assert (User.objects.count(), Client.objects.count(), Episode.objects.count()) == before


def test_case_5_has_its_network_meeting_with_minutes_on_the_path():
    load()
    episode = episode_of("Asiakascase 5")
    meeting = episode.meetings.get()
    assert timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M") == "2025-04-23 12:00"
    assert meeting.client_present and meeting.is_held
    assert meeting.topics == ["vocational", "partial_work_ability"]
    assert meeting.minutes.startswith("TKK kokosi verkoston, ja tehtiin jatkosuunnitelma")
    assert timezone.localtime(meeting.minutes_recorded_at).date() == datetime.date(2025, 4, 23)
    participants = meeting.participants.select_related("professional")
    assert [p.professional.username for p in participants] == ["tkk", "kuntakokeilu"]
    assert {p.role for p in participants} == {"employment_advisor"}
    assert meeting.path_event.kind == "meeting"
    with translation.override("fi"):
        assert meeting.path_event.summary_text == (
            "Verkostotapaaminen. Aihe: Ammatilliset haasteet; Osatyökykyisyys / "
            "työkyvyttömyys. Osallistujat: Tiina Koordinaattori, Mervi Nieminen, asiakas."
        )
    assert invariants.violations() == {}


def test_case_5_has_plan_version_1_with_every_field_filled():
    load()
    episode = episode_of("Asiakascase 5")
    plan = ClientPlan.objects.get(episode=episode)
    assert (plan.number, plan.version, plan.revisions.count()) == (1, 1, 1)
    expected = cases.CASE_5.path[
        [isinstance(i, cases.NetworkMeeting) for i in cases.CASE_5.path].index(True)
    ].plan
    for name in ClientPlan.TEXT_FIELDS:
        if name == "next_meeting_on":
            continue
        assert getattr(plan, name) == getattr(expected, name), name
        assert getattr(plan, name), name
    today = timezone.localdate()
    assert plan.next_meeting_on == today + datetime.timedelta(days=35)
    assert timezone.localtime(plan.created_at).date() == datetime.date(2025, 4, 23)
    # Case 3's network meeting has its plan too; the other cases have none.
    assert ClientPlan.objects.count() == 2


def test_case_5_actions_have_responsible_persons_and_due_dates_around_today():
    load()
    today = timezone.localdate()
    actions = PlanAction.objects.filter(episode=episode_of("Asiakascase 5")).select_related(
        "responsible_professional"
    )
    rows = [
        (
            "client" if a.responsible_is_client else a.responsible_professional.username,
            a.category,
            (a.due_on - today).days,
            a.status,
        )
        for a in actions
    ]
    assert rows == [
        ("laakari", "further_assessment", -7, "planned"),
        ("tkk", "other", 3, "planned"),
        ("kuntakokeilu", "work_trial", 21, "planned"),
        ("client", "rehabilitation_allowance_application", 28, "planned"),
    ]
    laakari_action = actions[0]
    assert laakari_action.description.startswith("B-lausunto kuntoutusta varten")
    assert laakari_action.is_overdue


def test_my_work_of_the_physician_lists_the_b_statement_as_overdue():
    load()
    laakari = User.objects.get(username="laakari")
    work = my_work(laakari)
    assert [a.description for a in work.overdue] == [
        "B-lausunto kuntoutusta varten: työkyvyn arvio TKK:n työkykyarvion ja "
        "suunnitelmaehdotuksen pohjalta"
    ]
    assert work.overdue[0].episode.client.last_name == "Koskinen"
    assert (work.soon, work.later, work.hidden) == ([], [], 0)

    tkk_work = my_work(User.objects.get(username="tkk"))
    assert [(a.due_on - timezone.localdate()).days for a in tkk_work.soon] == [3]
    advisor_work = my_work(User.objects.get(username="kuntakokeilu"))
    assert [(a.due_on - timezone.localdate()).days for a in advisor_work.later] == [21]


def test_case_5_falls_through_the_cracks_because_of_the_overdue_action():
    load()
    rows = {e.client.last_name: e for e in cracks(User.objects.get(username="tkk"))}
    assert rows["Koskinen"].overdue_count == 1
    assert rows["Koskinen"].meeting_missed is False


def test_case_3_has_its_multiprofessional_network_meeting_plan_and_responsibilities():
    load()
    episode = episode_of("Asiakascase 3")
    meeting = episode.meetings.get()
    assert meeting.is_held and meeting.client_present
    participants = [p.professional.username for p in meeting.participants.all()]
    assert participants == ["tkk", "kuntakokeilu", "valmentaja"]
    plan = meeting.plan
    responsible = {
        a.responsible_professional.username if a.responsible_professional else "client"
        for a in plan.actions.all()
    }
    assert responsible == {"kuntakokeilu", "valmentaja", "tkk", "client"}
    # The relationship is closed, and so is everything agreed in it.
    assert not plan.actions.exclude(status="done").exists()
    assert invariants.violations() == {}


def test_demo_clients_have_needs_assessments_measurements_and_a_b_statement_request():
    from rinnalla.measurements.models import Measurement, ServiceNeedsAssessment

    load()
    assessed = {a.client.last_name for a in ServiceNeedsAssessment.objects.select_related("client")}
    measured = set(Measurement.objects.values_list("client__last_name", flat=True))
    assert {"Rantanen", "Koskinen"} <= assessed & measured
    episode = episode_of("Asiakascase 5")
    work_ability = episode.work_ability_assessments.get()
    assert work_ability.physician.username == "laakari"
    assert "b_statement" in work_ability.proposals
    assert {m.instrument_code for m in work_ability.measurements.all()} == {
        "work-ability-self-rating",
        "whodas-12",
    }
    request = episode.statement_requests.get()
    assert request.is_open and request.follow_up_on > timezone.localdate()


def test_loading_sends_no_real_mail_and_survives_a_mail_server_that_is_down(settings):
    """``make serve`` loads the demo in production mode with the SMTP backend."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    assert "Demo data loaded." in load()

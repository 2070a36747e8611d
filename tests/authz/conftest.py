"""One scenario for the authorization matrix: a client whose whole path exists.

Everything is made through the real services. The roles the matrix asks about:

- ``coordinator``: Aino, coordinator of the client's own service;
- ``other_coordinator``: Olli, coordinator of another service (no connection);
- ``np_consent_only``: the Kela advisor; the consent covers Kela, but she takes no part;
- ``np_part_only``: a job coach of a private provider; a responsible person, but no
  consent covers his organisation;
- ``np_consent_and_part``: the physician; responsible person, meeting participant,
  responsible for a plan action, and the consent covers the health centre;
- ``manager`` and ``administrator``: never client data;
- ``anonymous``: not logged in.
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from rinnalla.accounts.models import Organisation, User
from rinnalla.consent.services import consent_record
from rinnalla.episodes.services import attachment_add, responsible_person_add
from rinnalla.measurements.services import (
    assessment_save,
    measurement_record,
    self_fill_link_create,
)
from rinnalla.ops.health import beat
from rinnalla.plans.services import action_create, meeting_create, plan_create
from rinnalla.workability.services import assessment_save as work_ability_assessment_save

ANONYMOUS = "anonymous"
COORDINATOR = "coordinator"
OTHER_COORDINATOR = "other_coordinator"
NP_CONSENT_ONLY = "np_consent_only"
NP_PART_ONLY = "np_part_only"
NP_CONSENT_AND_PART = "np_consent_and_part"
MANAGER = "manager"
ADMINISTRATOR = "administrator"
# Clients signed in to their own view (issue 14): the scenario's client, and another
# client of the same service whose own view is on too.
CLIENT_SELF = "client_self"
OTHER_CLIENT = "other_client"

#: Professionals, managers and administrators: the roles with a login.
LOGGED_IN_ROLES = (
    COORDINATOR,
    OTHER_COORDINATOR,
    NP_CONSENT_ONLY,
    NP_PART_ONLY,
    NP_CONSENT_AND_PART,
    MANAGER,
    ADMINISTRATOR,
)
CLIENT_ROLES = (CLIENT_SELF, OTHER_CLIENT)
ROLES = (ANONYMOUS, *LOGGED_IN_ROLES, *CLIENT_ROLES)


@dataclass
class Scenario:
    users: dict[str, User | None]
    client: object
    service: Organisation
    other_service: Organisation
    kela: Organisation
    referral: object
    episode: object
    consent: object
    meeting: object
    plan: object
    action: object
    measurement: object
    assessment: object
    self_fill_token: str
    extra: dict = field(default_factory=dict)

    def user(self, role: str) -> User | None:
        return self.users.get(role)

    def signed_in_client(self, role: str):
        """The client a client role is signed in as (None for other roles)."""
        return self.extra.get("portal_clients", {}).get(role)


@pytest.fixture
def private_media(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def scenario(
    private_media,
    service,
    other_service,
    health_centre,
    kela,
    coordinator,
    other_coordinator,
    physician,
    kela_advisor,
    manager,
    administrator,
    client,
    referral,
    episode,
):
    provider = Organisation.objects.create(
        name="Työhönvalmennus Oy", kind=Organisation.Kind.PRIVATE_PROVIDER
    )
    job_coach = User.objects.create_user(
        username="jussi",
        password="test-pass-123",
        role=User.Role.NETWORK_PROFESSIONAL,
        organisation=provider,
        first_name="Jussi",
        last_name="Valmentaja",
        profession="Työhönvalmentaja",
    )
    today = timezone.localdate()
    responsible_person_add(
        actor=coordinator, episode=episode, professional=physician, area="Työkyvyn arvio"
    )
    responsible_person_add(
        actor=coordinator, episode=episode, professional=job_coach, area="Työhönvalmennus"
    )
    consent = consent_record(
        actor=coordinator,
        client=client,
        organisations=[health_centre, kela],
        purpose="information_exchange",
        method="signed_paper",
        given_on=today - datetime.timedelta(days=1),
        scan=SimpleUploadedFile("consent.pdf", b"%PDF-1.4 signed consent form"),
    )
    meeting = meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=timezone.now() - datetime.timedelta(days=2),
        duration_minutes=60,
        place="Neuvotteluhuone 2",
        client_present=True,
        topics=["coping_at_work"],
        professionals=[physician],
        external_participants=[],
        send_invitations=False,
    )
    plan = plan_create(actor=coordinator, meeting=meeting, shared_view="Kevyempi työ.")
    action = action_create(
        actor=coordinator,
        plan=plan,
        category="further_assessment",
        description="B-lausunto",
        due_on=today + datetime.timedelta(days=10),
        responsible_professional=physician,
    )
    measurement = measurement_record(
        actor=coordinator,
        client=client,
        instrument_code="work-ability-self-rating",
        answers={"score": 6},
    ).measurement
    assessment = assessment_save(
        actor=coordinator, client=client, based_on_version=None, wishes_and_goals="Työhön."
    )
    work_ability = work_ability_assessment_save(
        actor=coordinator,
        episode=episode,
        based_on_version=None,
        conclusion="Työkyky on osittainen.",
        proposals=["b_statement", "vocational_rehabilitation"],
        physician=physician,
        measurements=[measurement],
    )
    statement_request = work_ability.statement_requests.get()
    attachment = attachment_add(
        actor=coordinator,
        event=statement_request.requested_event,
        title="Lähete lääkärille",
        upload=SimpleUploadedFile("lahete.pdf", b"%PDF-1.4 referral"),
    )
    portal = _own_views(coordinator, service, episode, plan, physician)
    _link, token = self_fill_link_create(
        actor=coordinator,
        client=client,
        instrument_codes=["work-ability-self-rating"],
        url_for_token=lambda raw: f"https://rinnalla.test/m/self/{raw}/",
    )
    from rinnalla.surveys.services import current_survey, link_create

    _survey_link, survey_token = link_create(
        survey=current_survey("liite-10"),
        service=service,
        language="fi",
        period=today,
        created_by=coordinator,
    )
    beat()  # the worker is alive, so /readyz answers 200
    return Scenario(
        users={
            ANONYMOUS: None,
            COORDINATOR: coordinator,
            OTHER_COORDINATOR: other_coordinator,
            NP_CONSENT_ONLY: kela_advisor,
            NP_PART_ONLY: job_coach,
            NP_CONSENT_AND_PART: physician,
            MANAGER: manager,
            ADMINISTRATOR: administrator,
        },
        client=client,
        service=service,
        other_service=other_service,
        kela=kela,
        referral=referral,
        episode=episode,
        consent=consent,
        meeting=meeting,
        plan=plan,
        action=action,
        measurement=measurement,
        assessment=assessment,
        self_fill_token=token,
        extra={
            "work_ability": work_ability,
            "statement_request": statement_request,
            "attachment": attachment,
            "event": statement_request.requested_event,
            "survey_token": survey_token,
            **portal,
        },
    )


def _own_views(coordinator, service, episode, plan, physician) -> dict:
    """Both clients' own views on, a task of the client's own, a report on it."""
    from rinnalla.clients.services import client_create
    from rinnalla.portal.services import portal_access_set, task_report

    client = episode.client
    other = client_create(
        actor=coordinator,
        service=service,
        first_name="Toini",
        last_name="Toinenasiakas",
        personal_identity_code="020202A0202",
        language="fi",
    )
    for who in (client, other):
        portal_access_set(
            actor=coordinator, client=who, enabled=True, allow_codes_under_non_disclosure=False
        )
    task = action_create(
        actor=coordinator,
        plan=plan,
        category="other",
        description="Asiakas varaa ajan",
        for_client="Varaa aika tiimilääkärille.",
        due_on=timezone.localdate() + datetime.timedelta(days=7),
        responsible_is_client=True,
    )
    meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=timezone.now() + datetime.timedelta(days=5),
        duration_minutes=90,
        place="Neuvotteluhuone 3",
        client_present=True,
        topics=["follow_up"],
        professionals=[physician],
        external_participants=[],
        send_invitations=False,
    )
    report = task_report(client=client, action=task, kind="help", message="En osaa.")
    from rinnalla.surveys.services import current_survey, link_create

    survey_link, _token = link_create(
        survey=current_survey("liite-10"),
        service=service,
        language="fi",
        period=timezone.localdate(),
        episode=episode,
        recipient="client",
        created_by=coordinator,
    )
    return {
        "client_survey_link": survey_link,
        "portal_clients": {CLIENT_SELF: client, OTHER_CLIENT: other},
        "client_task": task,
        "client_report": report,
    }

"""The authorization matrix: every URL and every API operation × every role.

``PAGES`` is keyed by URL name and ``API`` by ``"METHOD /path/{template}"`` (relative
to /api/v1). Each entry says how to build its URL from the scenario (see conftest.py),
which methods to try with which body, and which roles are allowed. Everyone else is
refused: anonymous users are sent to the login page (pages) or get 401 (API); logged-in
users get 403 or 404 — never 200 with the data, never a 500.

Adding a URL pattern or an API operation without an entry here fails
``test_every_url_pattern_has_a_matrix_entry`` / ``test_every_api_operation_has_a_matrix_entry``.
"""

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client as HttpClient
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from rinnalla.access.testing import api_client
from rinnalla.api import api

from .conftest import (
    ADMINISTRATOR,
    ANONYMOUS,
    CLIENT_ROLES,
    CLIENT_SELF,
    COORDINATOR,
    LOGGED_IN_ROLES,
    MANAGER,
    NP_CONSENT_AND_PART,
    NP_CONSENT_ONLY,
    NP_PART_ONLY,
    OTHER_CLIENT,
    OTHER_COORDINATOR,
    ROLES,
)

pytestmark = pytest.mark.django_db

# --- who --------------------------------------------------------------------------------

EVERYONE = frozenset(ROLES)
LOGGED_IN = frozenset(LOGGED_IN_ROLES)
CLIENT_WORKERS = frozenset(
    {COORDINATOR, OTHER_COORDINATOR, NP_CONSENT_ONLY, NP_PART_ONLY, NP_CONSENT_AND_PART}
)
COORDINATORS = frozenset({COORDINATOR, OTHER_COORDINATOR})
OWN_COORDINATOR = frozenset({COORDINATOR})
SEES_CLIENT = frozenset({COORDINATOR, NP_CONSENT_AND_PART})
ACTION_RESPONSIBLE = frozenset({COORDINATOR, NP_CONSENT_AND_PART})
ADMINS = frozenset({ADMINISTRATOR})
REPORT_READERS = frozenset({COORDINATOR, OTHER_COORDINATOR, MANAGER, ADMINISTRATOR})
assert {MANAGER, ADMINISTRATOR} <= LOGGED_IN - CLIENT_WORKERS

#: What a request reads: one client's data (exactly one log entry naming the client),
#: a list of clients (exactly one list entry), or nothing personal.
CLIENT = "client"
LIST = "list"


@dataclass(frozen=True)
class Check:
    method: str
    allowed: frozenset
    #: Statuses an allowed role may get; None: anything but 401/403/404 and 5xx (writes).
    ok: tuple[int, ...] | None = (200,)
    body: Callable | None = None
    query: str = ""
    reads: str | None = None


@dataclass(frozen=True)
class Entry:
    kwargs: Callable = field(default=lambda s: {})
    checks: tuple[Check, ...] = ()
    #: A page or operation of the client's own view (issue 14): signed-in clients only;
    #: anyone else is sent to the client's sign-in (pages) or gets 401 (API).
    client_view: bool = False


#: Any signed-in client: each sees their own data only (checked: another client's
#: name and henkilötunnus never appear in an answer to OTHER_CLIENT).
SIGNED_IN_CLIENTS = frozenset(CLIENT_ROLES)
ONLY_THE_CLIENT = frozenset({CLIENT_SELF})


def get(allowed, *, ok=(200,), query="", reads=None):
    return Check("GET", allowed, ok=ok, query=query, reads=reads)


def post(allowed, body=None, *, ok=None):
    return Check("POST", allowed, ok=ok, body=body)


def patch(allowed, body=None, *, ok=None):
    return Check("PATCH", allowed, ok=ok, body=body)


def _self_fill_link_pk(s):
    from rinnalla.measurements.models import SelfFillLink

    return SelfFillLink.objects.filter(client=s.client).values_list("pk", flat=True).first()


def client_id(s):
    return {"pk": s.client.pk}


def client_pk(s):
    return {"client_pk": s.client.pk}


def client_id_kw(s):
    return {"client_id": s.client.pk}


def episode_pk(s):
    return {"pk": s.episode.pk}


def meeting_pk(s):
    return {"pk": s.meeting.pk}


def plan_pk(s):
    return {"pk": s.plan.pk}


def work_ability_pk(s):
    return {"pk": s.extra["work_ability"].pk}


def work_ability_form() -> dict:
    return {"based_on_version": "1", "conclusion": "Ennallaan.", "proposals": ["work_trial"]}


def pdf_upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("paatos.pdf", b"%PDF-1.4 decision", content_type="application/pdf")


def survey_pk(code: str) -> int:
    from rinnalla.surveys.selectors import current_pk

    return current_pk(code)


def in_days(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def catalogue_service(s):
    """The support team's catalogue entry (the seed is loaded on first use)."""
    from rinnalla.catalogue.models import Service
    from rinnalla.catalogue.services import catalogue_load

    if "catalogue_service" not in s.extra:
        catalogue_load()
        s.extra["catalogue_service"] = Service.objects.get(code="work-ability-support-team")
    return s.extra["catalogue_service"]


def catalogue_form(s) -> dict:
    service = catalogue_service(s)
    return {
        "name_fi": service.name_fi,
        "category": service.category,
        "description_fi": "Päivitetty kuvaus.",
        "based_on_version": str(service.version),
    }


def client_period(s):
    from rinnalla.situation.services import period_record

    if "period" not in s.extra:
        s.extra["period"] = period_record(
            actor=s.user(COORDINATOR),
            client=s.client,
            kind="sickness_allowance",
            starts_on=timezone.localdate() - datetime.timedelta(days=30),
        )
    return s.extra["period"]


def criteria_check(s):
    from rinnalla.catalogue.criteria import evaluate
    from rinnalla.catalogue.models import Service
    from rinnalla.catalogue.services import criteria_check_save

    if "criteria_check" not in s.extra:
        catalogue_service(s)
        clinic = Service.objects.get(code="rehabilitation-research-clinic")
        s.extra["criteria_check"] = criteria_check_save(
            actor=s.user(COORDINATOR),
            client=s.client,
            service=clinic,
            evaluation=evaluate(s.client, clinic),
            answers={"motivated": "met"},
        )
    return s.extra["criteria_check"]


# --- pages ------------------------------------------------------------------------------

PAGES: dict[str, Entry] = {
    # Public, or for anyone logged in; no client data.
    "home": Entry(checks=(get(LOGGED_IN, ok=(200, 302)),)),
    "login": Entry(checks=(get(EVERYONE, ok=(200, 302)),)),
    "help": Entry(checks=(get(EVERYONE),)),
    "accessibility": Entry(checks=(get(EVERYONE),)),
    # Operations: for load balancers and monitoring, no personal data (/metrics only from
    # this machine or with its token: the test client is 127.0.0.1).
    "healthz": Entry(checks=(get(EVERYONE),)),
    "readyz": Entry(checks=(get(EVERYONE),)),
    "metrics": Entry(checks=(get(EVERYONE),)),
    "logout": Entry(checks=(post(EVERYONE, ok=(302,)),)),
    "password_change": Entry(checks=(get(LOGGED_IN), post(LOGGED_IN, ok=(200,)))),
    "password_change_done": Entry(checks=(get(LOGGED_IN),)),
    "set_language": Entry(checks=(post(EVERYONE, lambda s: {"language": "fi"}, ok=(302,)),)),
    "access:totp_setup": Entry(checks=(get(LOGGED_IN), post(LOGGED_IN, ok=(200,)))),
    # One's own API tokens; a token of someone else (or none) is 404 to everyone.
    "accounts:api_tokens": Entry(
        checks=(get(LOGGED_IN), post(LOGGED_IN, lambda s: {"scope": "read"}, ok=(200,)))
    ),
    "accounts:api_token_revoke": Entry(kwargs=lambda s: {"pk": 2**40}, checks=(post(frozenset()),)),
    "api:openapi-json": Entry(checks=(get(LOGGED_IN),)),
    "api:openapi-view": Entry(checks=(get(LOGGED_IN),)),
    # django-ninja's root has no view: 404 for everyone, never a 500.
    "api:api-root": Entry(checks=(get(EVERYONE, ok=(404,)),)),
    # Opening the link moves its token into the session and redirects (302).
    "measurements:self_fill": Entry(
        kwargs=lambda s: {"token": s.self_fill_token}, checks=(get(EVERYONE, ok=(200, 302)),)
    ),
    # Without an opened link in the session: "the link was not found" (404).
    "measurements:self_fill_session": Entry(checks=(get(EVERYONE, ok=(404,)),)),
    # Clients
    "clients:list": Entry(checks=(get(CLIENT_WORKERS, reads=LIST), post(CLIENT_WORKERS))),
    "clients:create": Entry(checks=(get(COORDINATORS), post(COORDINATORS))),
    "clients:detail": Entry(client_id, (get(SEES_CLIENT, reads=CLIENT),)),
    "clients:edit": Entry(client_id, (get(OWN_COORDINATOR, reads=CLIENT), post(OWN_COORDINATOR))),
    # Referrals
    "referrals:queue": Entry(checks=(get(COORDINATORS, reads=LIST),)),
    "referrals:create": Entry(checks=(get(CLIENT_WORKERS), post(CLIENT_WORKERS))),
    "referrals:sent": Entry(checks=(get(CLIENT_WORKERS, reads=LIST),)),
    "referrals:detail": Entry(
        lambda s: {"pk": s.referral.pk}, (get(OWN_COORDINATOR, reads=CLIENT),)
    ),
    "referrals:triage": Entry(
        lambda s: {"pk": s.referral.pk},
        (post(OWN_COORDINATOR, lambda s: {"decision": "accept"}),),
    ),
    # Client relationship (episode) pages: the coordinators of the episode's service.
    "episodes:event_create": Entry(
        episode_pk, (get(OWN_COORDINATOR, reads=CLIENT), post(OWN_COORDINATOR))
    ),
    "episodes:responsible": Entry(
        episode_pk, (get(OWN_COORDINATOR, reads=CLIENT), post(OWN_COORDINATOR))
    ),
    "episodes:close": Entry(
        episode_pk, (get(OWN_COORDINATOR, reads=CLIENT), post(OWN_COORDINATOR))
    ),
    "episodes:reopen": Entry(
        episode_pk, (get(OWN_COORDINATOR, reads=CLIENT), post(OWN_COORDINATOR))
    ),
    "episodes:pause": Entry(episode_pk, (post(OWN_COORDINATOR, ok=(302,)),)),
    # Consent
    "consent:list": Entry(client_pk, (get(SEES_CLIENT, reads=CLIENT), post(OWN_COORDINATOR))),
    "consent:withdraw": Entry(lambda s: {"pk": s.consent.pk}, (post(OWN_COORDINATOR, ok=(302,)),)),
    "consent:scan": Entry(lambda s: {"pk": s.consent.pk}, (get(SEES_CLIENT, reads=CLIENT),)),
    "consent:scan_add": Entry(
        lambda s: {"pk": s.consent.pk},
        (post(OWN_COORDINATOR, lambda s: {"scan": pdf_upload()}, ok=(302,)),),
    ),
    # Access log and emergency access
    "access:client_log": Entry(
        client_pk,
        (
            get(OWN_COORDINATOR, reads=CLIENT),
            get(OWN_COORDINATOR, query="?format=csv", reads=CLIENT),
        ),
    ),
    "access:client_log_pdf": Entry(client_pk, (get(OWN_COORDINATOR, reads=CLIENT),)),
    # Any coordinator may ask for emergency access (own clients: redirect to the client);
    # the form shows no client data.
    "access:break_glass": Entry(
        client_pk, (get(COORDINATORS, ok=(200, 302)), post(COORDINATORS, ok=(200, 302)))
    ),
    # Meetings, plans, actions
    "plans:episode": Entry(episode_pk, (get(SEES_CLIENT, reads=CLIENT),)),
    "plans:meeting_create": Entry(
        episode_pk, (get(OWN_COORDINATOR, reads=CLIENT), post(OWN_COORDINATOR))
    ),
    "plans:meeting_detail": Entry(meeting_pk, (get(SEES_CLIENT, reads=CLIENT),)),
    "plans:meeting_minutes": Entry(meeting_pk, (post(OWN_COORDINATOR),)),
    "plans:meeting_invite": Entry(meeting_pk, (post(OWN_COORDINATOR, ok=(302,)),)),
    # A held meeting cannot be changed: the form redirects back to the meeting.
    "plans:meeting_edit": Entry(
        meeting_pk, (get(OWN_COORDINATOR, ok=(200, 302), reads=CLIENT), post(OWN_COORDINATOR))
    ),
    "plans:meeting_cancel": Entry(
        meeting_pk, (get(OWN_COORDINATOR, ok=(200, 302), reads=CLIENT), post(OWN_COORDINATOR))
    ),
    "plans:meeting_pdf": Entry(meeting_pk, (get(SEES_CLIENT, reads=CLIENT),)),
    "plans:plan_create": Entry(meeting_pk, (post(OWN_COORDINATOR, ok=(302,)),)),
    "plans:plan_detail": Entry(plan_pk, (get(SEES_CLIENT, reads=CLIENT),)),
    "plans:plan_edit": Entry(plan_pk, (get(OWN_COORDINATOR, reads=CLIENT), post(OWN_COORDINATOR))),
    # The first version has nothing to compare with: it redirects to the plan.
    "plans:plan_compare": Entry(plan_pk, (get(SEES_CLIENT, ok=(200, 302), reads=CLIENT),)),
    "plans:plan_pdf": Entry(plan_pk, (get(SEES_CLIENT, reads=CLIENT),)),
    "plans:record_summary": Entry(plan_pk, (get(SEES_CLIENT, reads=CLIENT),)),
    "plans:action_create": Entry(
        plan_pk, (get(OWN_COORDINATOR, reads=CLIENT), post(OWN_COORDINATOR))
    ),
    "plans:action_status": Entry(
        lambda s: {"pk": s.action.pk},
        (post(ACTION_RESPONSIBLE, lambda s: {"status": "in_progress"}, ok=(302,)),),
    ),
    # Follow-up
    "followup:my_work": Entry(checks=(get(CLIENT_WORKERS, reads=LIST),)),
    "followup:cracks": Entry(checks=(get(COORDINATORS, reads=LIST),)),
    # Service catalogue (issue 12): no personal data; anyone logged in reads it and the
    # administrators (and the service's keepers, none in this scenario) edit it.
    "catalogue:list": Entry(checks=(get(LOGGED_IN),)),
    "catalogue:detail": Entry(lambda s: {"pk": catalogue_service(s).pk}, (get(LOGGED_IN),)),
    "catalogue:create": Entry(
        checks=(
            get(ADMINS),
            post(ADMINS, lambda s: {**catalogue_form(s), "name_fi": "Uusi palvelu"}),
        )
    ),
    "catalogue:edit": Entry(
        lambda s: {"pk": catalogue_service(s).pk},
        (get(ADMINS), post(ADMINS, catalogue_form)),
    ),
    "catalogue:criteria_edit": Entry(
        lambda s: {"pk": catalogue_service(s).pk},
        (get(ADMINS), post(ADMINS, lambda s: {"note": "x", "item-TOTAL_FORMS": "0"})),
    ),
    # Decision support on one client (issue 12): whoever sees the client reads it, checks
    # referral criteria and records benefit periods; the segment and dismissing a
    # suggestion belong to the client's own coordinators.
    "situation:client": Entry(client_id_kw, (get(SEES_CLIENT, reads=CLIENT),)),
    "situation:segment": Entry(
        client_id_kw,
        (post(OWN_COORDINATOR, lambda s: {"segment": "network", "reason": "Kaksi palvelua"}),),
    ),
    "situation:period": Entry(
        client_id_kw,
        (
            post(
                SEES_CLIENT,
                lambda s: {"kind": "unemployment_benefit", "starts_on": in_days(-10)},
            ),
        ),
    ),
    "situation:period_end": Entry(
        lambda s: {"pk": client_period(s).pk},
        (post(SEES_CLIENT, lambda s: {"ends_on": in_days(20)}, ok=(302,)),),
    ),
    "catalogue:check": Entry(
        lambda s: {"pk": catalogue_service(s).pk, "client_id": s.client.pk},
        (
            get(SEES_CLIENT, reads=CLIENT),
            post(SEES_CLIENT, lambda s: {"answer_multi_sectoral_need": "met"}),
        ),
    ),
    "catalogue:dismiss": Entry(
        lambda s: {"pk": catalogue_service(s).pk, "client_id": s.client.pk},
        (post(OWN_COORDINATOR, lambda s: {"reason": "Ei sovi"}, ok=(302,)),),
    ),
    "catalogue:check_detail": Entry(
        lambda s: {"pk": criteria_check(s).pk}, (get(SEES_CLIENT, reads=CLIENT),)
    ),
    "catalogue:check_text": Entry(
        lambda s: {"pk": criteria_check(s).pk}, (get(SEES_CLIENT, reads=CLIENT),)
    ),
    # Measurements: consented network members see and record results (SPEC §6).
    "measurements:client": Entry(client_id_kw, (get(SEES_CLIENT, reads=CLIENT),)),
    "measurements:record": Entry(
        lambda s: {"client_id": s.client.pk, "code": "work-ability-self-rating"},
        (get(SEES_CLIENT, reads=CLIENT), post(SEES_CLIENT)),
    ),
    "measurements:assessment": Entry(client_id_kw, (get(SEES_CLIENT, reads=CLIENT),)),
    "measurements:assessment_version": Entry(
        lambda s: {"client_id": s.client.pk, "version": s.assessment.version},
        (get(SEES_CLIENT, reads=CLIENT),),
    ),
    "measurements:assessment_edit": Entry(
        client_id_kw, (get(SEES_CLIENT, reads=CLIENT), post(SEES_CLIENT))
    ),
    "measurements:self_fill_link_create": Entry(
        client_id_kw, (get(OWN_COORDINATOR, reads=CLIENT), post(OWN_COORDINATOR))
    ),
    "measurements:self_fill_link_revoke": Entry(
        lambda s: {"client_id": s.client.pk, "pk": _self_fill_link_pk(s)},
        (post(OWN_COORDINATOR),),
    ),
    "measurements:detail": Entry(
        lambda s: {"pk": s.measurement.pk}, (get(SEES_CLIENT, reads=CLIENT),)
    ),
    # Work ability assessment and plan proposal, statement follow-up, attachments.
    "workability:episode": Entry(episode_pk, (get(SEES_CLIENT, ok=(200, 302), reads=CLIENT),)),
    "workability:create": Entry(
        episode_pk,
        (get(OWN_COORDINATOR, reads=CLIENT), post(OWN_COORDINATOR, lambda s: work_ability_form())),
    ),
    "workability:detail": Entry(work_ability_pk, (get(SEES_CLIENT, reads=CLIENT),)),
    "workability:pdf": Entry(work_ability_pk, (get(SEES_CLIENT, reads=CLIENT),)),
    "workability:record_text": Entry(work_ability_pk, (get(SEES_CLIENT, reads=CLIENT),)),
    "workability:statement_received": Entry(
        lambda s: {"pk": s.extra["statement_request"].pk},
        (
            get(OWN_COORDINATOR, reads=CLIENT),
            post(OWN_COORDINATOR, lambda s: {"received_on": in_days(0)}),
        ),
    ),
    "episodes:attachment_add": Entry(
        lambda s: {"pk": s.extra["event"].pk},
        (
            get(OWN_COORDINATOR, reads=CLIENT),
            post(
                OWN_COORDINATOR,
                lambda s: {"title": "Kelan päätös", "file": pdf_upload()},
            ),
        ),
    ),
    "episodes:next_step_done": Entry(
        lambda s: {"pk": s.extra["event"].pk}, (post(OWN_COORDINATOR, ok=(302,)),)
    ),
    "episodes:attachment": Entry(
        lambda s: {"pk": s.extra["attachment"].pk}, (get(SEES_CLIENT, reads=CLIENT),)
    ),
    # Feedback surveys (issue 13): the public one-time form, and the coordinators' pages.
    "surveys:answer": Entry(
        lambda s: {"survey_token": s.extra["survey_token"]}, checks=(get(EVERYONE),)
    ),
    # The same form for a link a client opened from their own view (the id in the
    # session): without one in the session, nothing to answer for anyone.
    "surveys:answer_session": Entry(checks=(get(EVERYONE, ok=(404,)),)),
    "surveys:list": Entry(checks=(get(COORDINATORS),)),
    "surveys:send": Entry(
        checks=(
            get(COORDINATORS),
            post(COORDINATORS, lambda s: {"survey": survey_pk("liite-11"), "language": "fi"}),
        )
    ),
    "surveys:send_for_episode": Entry(
        episode_pk,
        (
            get(OWN_COORDINATOR, reads=CLIENT),
            post(OWN_COORDINATOR, lambda s: {"survey": survey_pk("liite-10"), "language": "sv"}),
        ),
    ),
    "surveys:paper_pdf": Entry(lambda s: {"survey_code": "liite-10"}, (get(COORDINATORS),)),
    "surveys:paper_entry": Entry(
        lambda s: {"survey_code": "liite-11"},
        (get(COORDINATORS), post(COORDINATORS, lambda s: {"period": in_days(0), "q1": "7"})),
    ),
    # Reports (issue 13): aggregates only, never a client; coordinators see their service.
    "reports:overview": Entry(checks=(get(REPORT_READERS),)),
    "reports:report": Entry(
        lambda s: {"name": "referrals"},
        (get(REPORT_READERS), get(REPORT_READERS, query="?format=csv")),
    ),
    "reports:summary_pdf": Entry(checks=(get(REPORT_READERS),)),
    # The client's own view (issue 14). Sign-in pages are open to everyone.
    "portal:sign_in": Entry(
        checks=(get(EVERYONE, ok=(200, 302)), post(EVERYONE, lambda s: {"contact": "x@y.fi"}))
    ),
    "portal:sign_in_code": Entry(checks=(get(EVERYONE, ok=(200, 302)),)),
    "portal:sign_in_link": Entry(
        lambda s: {"token": "not-a-token"},
        (get(EVERYONE), post(EVERYONE, ok=(400,))),
    ),
    "portal:sign_out": Entry(checks=(post(EVERYONE, ok=(302,)),)),
    # Strong identification is off by default: 404 for everyone (rinnalla/portal/tests).
    "portal:oidc_start": Entry(checks=(get(EVERYONE, ok=(404,)),)),
    "portal:oidc_callback": Entry(checks=(get(EVERYONE, ok=(404,)),)),
    "portal:home": Entry(checks=(get(SIGNED_IN_CLIENTS),), client_view=True),
    "portal:access_log": Entry(checks=(get(SIGNED_IN_CLIENTS),), client_view=True),
    "portal:access_log_pdf": Entry(checks=(get(SIGNED_IN_CLIENTS),), client_view=True),
    # The other client has no plan and no meeting: 404.
    "portal:plan_pdf": Entry(checks=(get(ONLY_THE_CLIENT),), client_view=True),
    "portal:meeting_ics": Entry(checks=(get(ONLY_THE_CLIENT),), client_view=True),
    "portal:task_done": Entry(
        lambda s: {"pk": s.extra["client_task"].pk},
        (post(ONLY_THE_CLIENT, ok=(302,)),),
        client_view=True,
    ),
    "portal:task_help": Entry(
        lambda s: {"pk": s.extra["client_task"].pk},
        (get(ONLY_THE_CLIENT), post(ONLY_THE_CLIENT, ok=(302,))),
        client_view=True,
    ),
    # Opening a questionnaire or a feedback survey sent to me: into the session and on
    # to the self-fill or survey form (302); another client's link is 404.
    "portal:questionnaire": Entry(
        lambda s: {"pk": _self_fill_link_pk(s)}, (get(ONLY_THE_CLIENT, ok=(302,)),), True
    ),
    "portal:survey": Entry(
        lambda s: {"pk": s.extra["client_survey_link"].pk},
        (get(ONLY_THE_CLIENT, ok=(302,)),),
        client_view=True,
    ),
    # The coordinator's switch and the handling of a client's report.
    "portal:settings": Entry(
        client_pk,
        (get(OWN_COORDINATOR, reads=CLIENT), post(OWN_COORDINATOR, lambda s: {"enabled": "on"})),
    ),
    "portal:report_handle": Entry(
        lambda s: {"pk": s.extra["client_report"].pk}, (post(OWN_COORDINATOR, ok=(302,)),)
    ),
}

# --- API operations ---------------------------------------------------------------------


def path_id(attr):
    return lambda s: {"id": getattr(s, attr).pk}


API: dict[str, Entry] = {
    "GET /organisations": Entry(checks=(get(LOGGED_IN),)),
    "GET /professionals": Entry(checks=(get(LOGGED_IN),)),
    "GET /instruments": Entry(checks=(get(LOGGED_IN),)),
    "GET /services": Entry(checks=(get(LOGGED_IN),)),
    "GET /services/{service_id}": Entry(
        lambda s: {"service_id": catalogue_service(s).pk}, (get(LOGGED_IN),)
    ),
    "GET /clients/{client_id}/segments": Entry(client_id_kw, (get(SEES_CLIENT, reads=CLIENT),)),
    "POST /clients/{client_id}/segments": Entry(
        client_id_kw,
        (
            post(
                OWN_COORDINATOR,
                lambda s: {"segment": "cooperation", "reason": "Monialainen"},
                ok=(201,),
            ),
        ),
    ),
    "GET /clients/{client_id}/periods": Entry(client_id_kw, (get(SEES_CLIENT, reads=CLIENT),)),
    "POST /clients/{client_id}/periods": Entry(
        client_id_kw,
        (
            post(
                SEES_CLIENT,
                lambda s: {"kind": "rehabilitation_subsidy", "starts_on": in_days(-5)},
                ok=(201,),
            ),
        ),
    ),
    "POST /clients/{client_id}/criteria-checks": Entry(
        client_id_kw,
        (
            post(
                SEES_CLIENT,
                lambda s: {"service_id": catalogue_service(s).pk, "answers": {}},
                ok=(201,),
            ),
        ),
    ),
    "GET /clients/{client_id}/suggestions": Entry(client_id_kw, (get(SEES_CLIENT, reads=CLIENT),)),
    "GET /clients": Entry(checks=(get(CLIENT_WORKERS, reads=LIST),)),
    "POST /clients/search": Entry(
        checks=(post(CLIENT_WORKERS, lambda s: {"q": "Laine"}, ok=(200,)),)
    ),
    "POST /clients": Entry(
        checks=(
            post(
                COORDINATORS,
                lambda s: {
                    "first_name": "Liisa",
                    "last_name": "Laine",
                    "personal_identity_code": "010594Y9032",
                },
                ok=(201,),
            ),
        )
    ),
    "GET /clients/{id}": Entry(path_id("client"), (get(SEES_CLIENT, reads=CLIENT),)),
    "PATCH /clients/{id}": Entry(
        path_id("client"), (patch(OWN_COORDINATOR, lambda s: {"municipality": "Lahti"}),)
    ),
    "GET /referrals": Entry(checks=(get(CLIENT_WORKERS, reads=LIST),)),
    "POST /referrals": Entry(
        checks=(
            post(
                SEES_CLIENT,
                lambda s: {
                    "client_id": s.client.pk,
                    "service_id": s.service.pk,
                    "source_kind": "physician",
                    "channel": "patient_record_message",
                    "reason": "Uusi arvio",
                },
            ),
        )
    ),
    "POST /referrals/{id}/triage": Entry(
        path_id("referral"), (post(OWN_COORDINATOR, lambda s: {"decision": "accept"}),)
    ),
    "GET /episodes/{id}": Entry(path_id("episode"), (get(SEES_CLIENT, reads=CLIENT),)),
    "GET /episodes/{id}/events": Entry(path_id("episode"), (get(SEES_CLIENT, reads=CLIENT),)),
    "POST /episodes/{id}/events": Entry(
        path_id("episode"),
        (
            post(
                OWN_COORDINATOR,
                lambda s: {
                    "kind": "contact",
                    "mode": "phone",
                    "occurred_at": timezone.now().isoformat(),
                    "summary": "Soitto",
                },
            ),
        ),
    ),
    "POST /episodes/{id}/close": Entry(
        path_id("episode"),
        (post(OWN_COORDINATOR, lambda s: {"outcome": "work", "summary": "Työssä"}),),
    ),
    "POST /episodes/{id}/reopen": Entry(
        path_id("episode"), (post(OWN_COORDINATOR, lambda s: {"reason": "Uusi tarve"}),)
    ),
    "GET /episodes/{id}/responsible-persons": Entry(
        path_id("episode"), (get(SEES_CLIENT, reads=CLIENT),)
    ),
    "POST /episodes/{id}/responsible-persons": Entry(
        path_id("episode"),
        (
            post(
                OWN_COORDINATOR,
                lambda s: {"professional_id": s.user(NP_CONSENT_ONLY).pk, "area": "Kela"},
            ),
        ),
    ),
    "GET /clients/{id}/consents": Entry(path_id("client"), (get(SEES_CLIENT, reads=CLIENT),)),
    "POST /clients/{id}/consents": Entry(
        path_id("client"),
        (
            post(
                OWN_COORDINATOR,
                lambda s: {
                    "organisation_ids": [s.kela.pk],
                    "purpose": "consultation",
                    "method": "signed_paper",
                    "given_on": in_days(0),
                },
            ),
        ),
    ),
    "POST /consents/{id}/withdraw": Entry(
        path_id("consent"), (post(OWN_COORDINATOR, lambda s: {"note": ""}),)
    ),
    "GET /clients/{id}/access-log": Entry(path_id("client"), (get(OWN_COORDINATOR, reads=CLIENT),)),
    "POST /episodes/{episode_id}/meetings": Entry(
        lambda s: {"episode_id": s.episode.pk},
        (
            post(
                OWN_COORDINATOR,
                lambda s: {
                    "starts_at": (timezone.now() + datetime.timedelta(days=7)).isoformat(),
                    "participant_ids": [s.user(NP_CONSENT_AND_PART).pk],
                    "send_invitations": False,
                },
            ),
        ),
    ),
    "GET /meetings/{meeting_id}": Entry(
        lambda s: {"meeting_id": s.meeting.pk}, (get(SEES_CLIENT, reads=CLIENT),)
    ),
    "POST /meetings/{meeting_id}/minutes": Entry(
        lambda s: {"meeting_id": s.meeting.pk},
        (post(OWN_COORDINATOR, lambda s: {"minutes": "Sovittiin työkokeilusta."}),),
    ),
    "POST /meetings/{meeting_id}/plan": Entry(
        lambda s: {"meeting_id": s.meeting.pk}, (post(OWN_COORDINATOR, lambda s: {}),)
    ),
    "GET /plans/{plan_id}": Entry(
        lambda s: {"plan_id": s.plan.pk}, (get(SEES_CLIENT, reads=CLIENT),)
    ),
    "PATCH /plans/{plan_id}": Entry(
        lambda s: {"plan_id": s.plan.pk},
        (patch(OWN_COORDINATOR, lambda s: {"version": s.plan.version, "planned": "Työkokeilu"}),),
    ),
    "POST /plans/{plan_id}/actions": Entry(
        lambda s: {"plan_id": s.plan.pk},
        (
            post(
                OWN_COORDINATOR,
                lambda s: {
                    "category": "further_assessment",
                    "description": "Lausunto",
                    "responsible": "client",
                    "due_on": in_days(14),
                },
            ),
        ),
    ),
    "PATCH /actions/{action_id}": Entry(
        lambda s: {"action_id": s.action.pk},
        (patch(ACTION_RESPONSIBLE, lambda s: {"status": "in_progress"}),),
    ),
    "GET /plans/{plan_id}/pdf": Entry(
        lambda s: {"plan_id": s.plan.pk}, (get(SEES_CLIENT, reads=CLIENT),)
    ),
    "GET /plans/{plan_id}/record-summary": Entry(
        lambda s: {"plan_id": s.plan.pk}, (get(SEES_CLIENT, reads=CLIENT),)
    ),
    "GET /clients/{client_id}/measurements": Entry(client_id_kw, (get(SEES_CLIENT, reads=CLIENT),)),
    "POST /clients/{client_id}/measurements": Entry(
        client_id_kw,
        (
            post(
                SEES_CLIENT,
                lambda s: {"instrument": "work-ability-self-rating", "answers": {"score": 5}},
                ok=(201,),
            ),
        ),
    ),
    "GET /episodes/{episode_id}/work-ability-assessments": Entry(
        lambda s: {"episode_id": s.episode.pk}, (get(SEES_CLIENT, reads=CLIENT),)
    ),
    "POST /episodes/{episode_id}/work-ability-assessments": Entry(
        lambda s: {"episode_id": s.episode.pk},
        (
            post(
                OWN_COORDINATOR,
                lambda s: {
                    "based_on_version": 1,
                    "conclusion": "Ennallaan.",
                    "proposals": ["work_trial"],
                },
                ok=(201,),
            ),
        ),
    ),
    "GET /work-ability-assessments/{assessment_id}": Entry(
        lambda s: {"assessment_id": s.extra["work_ability"].pk}, (get(SEES_CLIENT, reads=CLIENT),)
    ),
    "GET /work-ability-assessments/{assessment_id}/pdf": Entry(
        lambda s: {"assessment_id": s.extra["work_ability"].pk}, (get(SEES_CLIENT, reads=CLIENT),)
    ),
    "GET /work-ability-assessments/{assessment_id}/record-text": Entry(
        lambda s: {"assessment_id": s.extra["work_ability"].pk}, (get(SEES_CLIENT, reads=CLIENT),)
    ),
    "GET /episodes/{episode_id}/statement-requests": Entry(
        lambda s: {"episode_id": s.episode.pk}, (get(SEES_CLIENT, reads=CLIENT),)
    ),
    "POST /statement-requests/{request_id}/received": Entry(
        lambda s: {"request_id": s.extra["statement_request"].pk},
        (post(OWN_COORDINATOR, lambda s: {"received_on": in_days(0)}),),
    ),
    "POST /events/{event_id}/attachments": Entry(
        lambda s: {"event_id": s.extra["event"].pk},
        (
            post(
                OWN_COORDINATOR,
                lambda s: {"title": "Kelan päätös", "file": pdf_upload()},
                ok=(201,),
            ),
        ),
    ),
    "GET /attachments/{attachment_id}": Entry(
        lambda s: {"attachment_id": s.extra["attachment"].pk}, (get(SEES_CLIENT, reads=CLIENT),)
    ),
    "GET /surveys": Entry(checks=(get(LOGGED_IN),)),
    "POST /surveys/{code}/links": Entry(
        lambda s: {"code": "liite-10"},
        (
            post(
                OWN_COORDINATOR, lambda s: {"episode_id": s.episode.pk, "language": "fi"}, ok=(201,)
            ),
        ),
    ),
    "GET /reports/{name}": Entry(lambda s: {"name": "surveys"}, (get(REPORT_READERS),)),
    "GET /me/actions": Entry(checks=(get(CLIENT_WORKERS, reads=LIST),)),
    "GET /follow-up/overdue": Entry(checks=(get(COORDINATORS, reads=LIST),)),
    # The client's own view (issue 14).
    "POST /client-auth/start": Entry(
        checks=(post(EVERYONE, lambda s: {"contact": "x@example.fi"}, ok=(202,)),)
    ),
    "POST /client-auth/verify": Entry(
        checks=(post(EVERYONE, lambda s: {"contact": "x@example.fi", "code": "1"}, ok=(401,)),)
    ),
    "GET /me/client": Entry(checks=(get(SIGNED_IN_CLIENTS),), client_view=True),
    "GET /me/plan": Entry(checks=(get(ONLY_THE_CLIENT),), client_view=True),
    "GET /me/tasks": Entry(checks=(get(SIGNED_IN_CLIENTS),), client_view=True),
    "GET /me/access-log": Entry(checks=(get(SIGNED_IN_CLIENTS),), client_view=True),
    "GET /me/services": Entry(checks=(get(SIGNED_IN_CLIENTS),), client_view=True),
    "GET /me/questionnaires": Entry(checks=(get(SIGNED_IN_CLIENTS),), client_view=True),
    "GET /me/surveys": Entry(checks=(get(SIGNED_IN_CLIENTS),), client_view=True),
    "POST /me/tasks/{id}/done": Entry(
        lambda s: {"id": s.extra["client_task"].pk}, (post(ONLY_THE_CLIENT, ok=(200,)),), True
    ),
    "POST /me/tasks/{id}/help": Entry(
        lambda s: {"id": s.extra["client_task"].pk},
        (post(ONLY_THE_CLIENT, lambda s: {"message": "Apua"}, ok=(200,)),),
        True,
    ),
}

# --- walking the project ----------------------------------------------------------------

API_PREFIX = "/api/v1"
_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


def api_operations() -> set[str]:
    """Every "METHOD /path" the NinjaAPI serves, from its routers' path operations."""
    operations = set()
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            template = "/" + "/".join(part for part in (prefix + path).split("/") if part)
            for operation in path_view.operations:
                for method in operation.methods:
                    operations.add(f"{method.upper()} {template}")
    return operations


def _operation_routes() -> set[str]:
    return {key.split(" ", 1)[1].lstrip("/") for key in api_operations()}


def url_pattern_names() -> set[str]:
    """Every named URL of the project except the admin, static files and API operations."""
    names, unnamed = set(), []
    operation_routes = _operation_routes()

    def walk(patterns, namespaces, in_api):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin" or pattern.namespace == "admin":
                    continue
                namespace = [*namespaces, pattern.namespace] if pattern.namespace else namespaces
                walk(pattern.url_patterns, namespace, in_api or pattern.namespace == "api")
            elif isinstance(pattern, URLPattern):
                route = _CONVERTER.sub(r"{\1}", str(pattern.pattern))
                if in_api and route.lstrip("^").rstrip("$") in operation_routes:
                    continue  # an API operation: covered by API below
                if (
                    route.startswith("static/")
                    or getattr(pattern.callback, "__name__", "") == "serve"
                ):
                    continue
                if not pattern.name:
                    unnamed.append(str(pattern.pattern))
                    continue
                names.add(":".join([*namespaces, pattern.name]))

    walk(get_resolver().url_patterns, [], False)
    assert not unnamed, f"URL patterns without a name cannot be in the matrix: {unnamed}"
    return names


# --- the cases ----------------------------------------------------------------------------


def _cases(kind: str, matrix: dict[str, Entry]):
    for key, entry in matrix.items():
        for index, check in enumerate(entry.checks):
            for role in ROLES:
                case_id = f"{key} {check.method}{check.query} as {role}"
                yield pytest.param(key, index, role, id=case_id)


def web_for(scenario, role: str) -> HttpClient:
    from rinnalla.portal.testing import sign_in_as

    web = HttpClient(HTTP_ACCEPT_LANGUAGE="en")
    user = scenario.user(role)
    if user is not None:
        web.force_login(user)
    client = scenario.signed_in_client(role)
    if client is not None:
        sign_in_as(web, client)
    return web


def page_url(scenario, name: str, check: Check) -> str:
    return reverse(name, kwargs=PAGES[name].kwargs(scenario)) + check.query


def api_url(scenario, key: str, check: Check) -> str:
    _method, template = key.split(" ", 1)
    return API_PREFIX + template.format(**API[key].kwargs(scenario)) + check.query


def request_page(scenario, role: str, name: str, check: Check):
    web = web_for(scenario, role)
    url = page_url(scenario, name, check)
    if check.method == "GET":
        return web.get(url), url
    body = check.body(scenario) if check.body else {}
    return getattr(web, check.method.lower())(url, data=body), url


def request_api(scenario, role: str, key: str, check: Check):
    user = scenario.user(role)
    web = api_client(user) if user is not None else web_for(scenario, role)
    url = api_url(scenario, key, check)
    if check.method == "GET":
        return web.get(url), url
    body = check.body(scenario) if check.body else {}
    if any(hasattr(value, "read") for value in body.values()):  # a file: multipart
        return getattr(web, check.method.lower())(url, data=body), url
    return (
        getattr(web, check.method.lower())(
            url, data=json.dumps(body), content_type="application/json"
        ),
        url,
    )


REFUSED = (403, 404)
WRITE_REFUSALS = (401, 403, 404)


def _assert_allowed(response, check: Check, where: str):
    status = response.status_code
    if check.ok is None:
        assert status not in WRITE_REFUSALS and status < 500, f"{where}: allowed, got {status}"
    else:
        assert status in check.ok, f"{where}: allowed, expected {check.ok}, got {status}"


def _assert_no_client_data(response, scenario, where: str):
    if getattr(response, "streaming", False):
        pytest.fail(f"{where}: a refusal streamed a file")
    content = response.content.decode("utf-8", "replace")
    for secret in (scenario.client.last_name, scenario.client.personal_identity_code):
        assert secret not in content, f"{where}: the refusal shows {secret!r}"


# --- coverage: nothing goes without an entry --------------------------------------------


def test_every_url_pattern_has_a_matrix_entry():
    names = url_pattern_names()
    missing = sorted(names - PAGES.keys())
    stale = sorted(PAGES.keys() - names)
    assert not missing, f"URL patterns without an authorization-matrix entry: {missing}"
    assert not stale, f"Matrix entries for URL names that no longer exist: {stale}"


def test_every_api_operation_has_a_matrix_entry():
    operations = api_operations()
    missing = sorted(operations - API.keys())
    stale = sorted(API.keys() - operations)
    assert not missing, f"API operations without an authorization-matrix entry: {missing}"
    assert not stale, f"Matrix entries for API operations that no longer exist: {stale}"


def test_every_api_operation_is_in_the_published_schema_too():
    schema = api.get_openapi_schema(path_prefix="")
    published = {
        f"{method.upper()} /{path.lstrip('/')}"
        for path, operations in schema["paths"].items()
        for method in operations
    }
    assert published == api_operations()


def test_every_entry_says_something_about_every_role():
    for matrix in (PAGES, API):
        for key, entry in matrix.items():
            assert entry.checks, f"{key} has no checks"
            for check in entry.checks:
                assert check.allowed <= EVERYONE, key


# --- the matrix ---------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "index", "role"), list(_cases("page", PAGES)))
def test_page_answers_each_role_as_the_matrix_says(scenario, name, index, role):
    check = PAGES[name].checks[index]
    response, url = request_page(scenario, role, name, check)
    where = f"{check.method} {url} as {role}"
    status = response.status_code
    assert status < 500, f"{where}: {status}"
    entry = PAGES[name]
    if role in check.allowed:
        _assert_allowed(response, check, where)
        if role == OTHER_CLIENT and entry.client_view:
            _assert_no_client_data(response, scenario, where)
    elif entry.client_view and role not in CLIENT_ROLES:
        assert status == 302, f"{where}: expected a redirect to the sign-in, got {status}"
        assert response["Location"].startswith(reverse("portal:sign_in")), response["Location"]
    elif role == ANONYMOUS or (role in CLIENT_ROLES and not entry.client_view):
        assert status == 302, f"{where}: expected a redirect to login, got {status}"
        assert response["Location"].startswith(reverse("login")), response["Location"]
    else:
        assert status in REFUSED, f"{where}: expected 403 or 404, got {status}"
        _assert_no_client_data(response, scenario, where)


@pytest.mark.parametrize(("key", "index", "role"), list(_cases("api", API)))
def test_api_operation_answers_each_role_as_the_matrix_says(scenario, key, index, role):
    check = API[key].checks[index]
    response, url = request_api(scenario, role, key, check)
    where = f"{check.method} {url} as {role}"
    status = response.status_code
    assert status < 500, f"{where}: {status}"
    entry = API[key]
    if role in check.allowed:
        _assert_allowed(response, check, where)
        if role == OTHER_CLIENT and entry.client_view:
            _assert_no_client_data(response, scenario, where)
    elif role == ANONYMOUS or (entry.client_view != (role in CLIENT_ROLES)):
        assert status == 401, f"{where}: expected 401, got {status}"
    else:
        assert status in REFUSED, f"{where}: expected 403 or 404, got {status}"
        _assert_no_client_data(response, scenario, where)


# --- a refused read answers the same on a page and in the API (issue 4) ------------------

SAME_READ = (
    ("clients:detail", "GET /clients/{id}"),
    ("consent:list", "GET /clients/{id}/consents"),
    ("access:client_log", "GET /clients/{id}/access-log"),
    ("plans:meeting_detail", "GET /meetings/{meeting_id}"),
    ("plans:plan_detail", "GET /plans/{plan_id}"),
    ("plans:plan_pdf", "GET /plans/{plan_id}/pdf"),
    ("plans:record_summary", "GET /plans/{plan_id}/record-summary"),
    ("measurements:client", "GET /clients/{client_id}/measurements"),
    ("workability:detail", "GET /work-ability-assessments/{assessment_id}"),
    ("episodes:attachment", "GET /attachments/{attachment_id}"),
)


@pytest.mark.parametrize(
    ("name", "key", "role"),
    [
        pytest.param(name, key, role, id=f"{name} = {key} as {role}")
        for name, key in SAME_READ
        for role in LOGGED_IN_ROLES
    ],
)
def test_a_page_and_its_api_read_answer_a_role_alike(scenario, name, key, role):
    page_check, api_check = PAGES[name].checks[0], API[key].checks[0]
    assert page_check.allowed == api_check.allowed, (name, key)
    page_response, _ = request_page(scenario, role, name, page_check)
    api_response, _ = request_api(scenario, role, key, api_check)
    assert page_response.status_code == api_response.status_code, (
        f"{name} answered {page_response.status_code}, {key} {api_response.status_code}"
    )

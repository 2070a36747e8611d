"""The client's own view in the JSON API (issue 14 contract).

- ``POST /client-auth/start`` ``{"contact"}``: always 202, whether or not the contact is
  known (a code goes out only to a known one).
- ``POST /client-auth/verify`` ``{"contact", "code"}``: signs the client in (session
  cookie) and answers a short-lived bearer token for a mobile app; a wrong code is
  401, too many wrong codes 429.
- ``GET /me/client``, ``GET /me/plan``, ``GET /me/tasks``, ``GET /me/services``,
  ``GET /me/questionnaires``, ``GET /me/surveys``,
  ``POST /me/tasks/{id}/done``, ``POST /me/tasks/{id}/help``,
  ``GET /me/access-log?start=&end=``: the signed-in client's own data only, through
  ``access.client_principal`` like the pages; another client's task id is 404.

Professionals' credentials do not work here, and a client's do not work elsewhere.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer

from rinnalla.access.backends import client_ip
from rinnalla.access.client_principal import (
    Action,
    Channel,
    ClientPrincipal,
    client_of_object,
    own_client,
)
from rinnalla.access.forms import default_period
from rinnalla.core.apikit import Day, Text
from rinnalla.core.errors import Conflict
from rinnalla.plans.models import PlanAction
from rinnalla.portal import selectors, services, session
from rinnalla.portal.models import TaskReport

router = Router(tags=["client's own view"])

TOKEN_SALT = "rinnalla.portal.api-token"


class ClientSession(APIKeyCookie):
    """The browser session of a signed-in client (CSRF-checked like django_auth)."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request, key):
        return session.principal(request)


class ClientToken(HttpBearer):
    """The short-lived token answered by verify, for a mobile app."""

    def authenticate(self, request, token):
        try:
            data = signing.loads(
                token, salt=TOKEN_SALT, max_age=settings.RINNALLA_PORTAL_IDLE_SECONDS
            )
        except signing.BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("c"), int):
            return None
        return ClientPrincipal(client_id=data["c"], via=str(data.get("v", "code")))


CLIENT_AUTH = [ClientToken(), ClientSession()]


def _principal(request) -> ClientPrincipal:
    return request.auth


# --- Sign-in ------------------------------------------------------------------------------


class StartIn(Schema):
    contact: Text(254) = Field(
        description="The e-mail address or phone number the coordinator recorded."
    )


class StartOut(Schema):
    detail: str


class VerifyIn(Schema):
    contact: Text(254)
    code: Text(12)


class VerifyOut(Schema):
    token: str = Field(description="A bearer token for this API, valid for expires_in seconds.")
    expires_in: int


class DetailOut(Schema):
    detail: str


def _allowed_origins(request) -> set[str]:
    own = f"{request.scheme}://{request.get_host()}"
    base = urlsplit(settings.RINNALLA_BASE_URL)
    return {own, f"{base.scheme}://{base.netloc}", *settings.CSRF_TRUSTED_ORIGINS}


def refuse_cross_site(request) -> None:
    """Sign-in sets a session cookie: no other site may make a browser post it.

    These operations have no session yet, so Django's CSRF token cannot protect them.
    Instead: the body must be sent as ``application/json`` (an HTML form cannot, and a
    script of another site cannot without a CORS preflight, which Rinnalla never
    answers), and a browser's ``Origin`` (or ``Sec-Fetch-Site``) must say this site.
    A mobile app sends no Origin and passes.
    """
    if request.content_type != "application/json":
        raise HttpError(415, _("Send the request as JSON (Content-Type: application/json)."))
    origin = request.headers.get("Origin")
    cross = request.headers.get("Sec-Fetch-Site", "") == "cross-site"
    if cross or (origin is not None and origin not in _allowed_origins(request)):
        raise HttpError(403, _("Sign in on Rinnalla's own pages."))


def _paused(exc) -> Status:
    return Status(429, {"detail": services.paused_message(exc.minutes)})


@router.post(
    "/client-auth/start",
    auth=None,
    response={202: StartOut, 403: DetailOut, 415: DetailOut, 429: DetailOut},
)
def client_auth_start(request, payload: StartIn):
    """Send a sign-in code if the contact is known. The answer is the same either way.

    Too many requests from one network address answer 429, whatever the contact.
    """
    refuse_cross_site(request)
    try:
        services.sign_in_start(
            contact=payload.contact,
            device=session.device_secret(request),
            link_for=services.sign_in_link_url,
            address=client_ip(request),
        )
    except services.SignInPaused as exc:
        return _paused(exc)
    return Status(
        202,
        {"detail": _("If the address or number is known, a code has been sent to it.")},
    )


@router.post(
    "/client-auth/verify",
    auth=None,
    response={200: VerifyOut, 401: DetailOut, 403: DetailOut, 415: DetailOut, 429: DetailOut},
)
def client_auth_verify(request, payload: VerifyIn):
    """Sign in with the code: a session cookie and a short-lived bearer token.

    JSON only, and from this site or an app (no other site's Origin): see
    ``refuse_cross_site``. Wrong codes are counted per contact and per address.
    """
    refuse_cross_site(request)
    try:
        client = services.sign_in_verify(
            contact=payload.contact, code=payload.code, address=client_ip(request)
        )
    except ValidationError as exc:
        return Status(401, {"detail": exc.message_dict["code"][0]})
    except services.SignInPaused as exc:
        return _paused(exc)
    session.sign_in(request, client, via="code")
    token = signing.dumps({"c": client.pk, "v": "code"}, salt=TOKEN_SALT)
    return {"token": token, "expires_in": settings.RINNALLA_PORTAL_IDLE_SECONDS}


# --- My data ------------------------------------------------------------------------------


class PersonOut(Schema):
    name: str
    profession: str
    organisation: str
    area: str
    phone: str
    phone_hours: str


class OwnParticipantOut(Schema):
    name: str
    organisation: str


class OwnMeetingOut(Schema):
    starts_at: datetime.datetime
    duration_minutes: int
    mode: str
    place: str
    video_link: str
    participants: list[OwnParticipantOut]
    client_takes_part: bool


class MeOut(Schema):
    first_name: str
    last_name: str
    language: str
    contact_person: PersonOut | None
    others: list[PersonOut]
    next_meeting: OwnMeetingOut | None


def _person(contact) -> dict:
    person = contact.person
    return {
        "name": person.get_full_name() or person.username,
        "profession": person.profession,
        "organisation": str(person.organisation) if person.organisation_id else "",
        "area": contact.area,
        "phone": contact.phone or contact.organisation_phone,
        "phone_hours": person.phone_hours,
    }


@router.get("/me/client", auth=CLIENT_AUTH, response=MeOut)
def me(request):
    """My contact person and my next meeting."""
    client = own_client(_principal(request), part="own_view", channel=Channel.API)
    episode = selectors.current_episode(client)
    contacts = selectors.contacts(episode)
    meeting = selectors.next_meeting(episode)
    return {
        "first_name": client.first_name,
        "last_name": client.last_name,
        "language": client.language,
        "contact_person": _person(contacts[0]) if contacts else None,
        "others": [_person(c) for c in contacts[1:]],
        "next_meeting": None
        if meeting is None
        else {
            "starts_at": meeting.starts_at,
            "duration_minutes": meeting.duration_minutes,
            "mode": meeting.mode,
            "place": meeting.place,
            "video_link": meeting.video_link,
            "client_takes_part": meeting.client_present,
            "participants": [
                {"name": p.display_name, "organisation": p.display_organisation}
                for p in meeting.participants.all()
            ],
        },
    }


class TaskOut(Schema):
    id: int
    text: str
    due_on: datetime.date
    status: str
    responsible: str = Field(description='"client" for the client\'s own tasks, else a name.')
    reported_done_at: datetime.datetime | None
    help_asked_at: datetime.datetime | None


def _task_out(task) -> dict:
    action = task.action
    return {
        "id": action.pk,
        "text": task.text,
        "due_on": action.due_on,
        "status": action.status,
        "responsible": "client"
        if action.responsible_is_client
        else str(action.responsible_professional),
        "reported_done_at": task.reported_done.created_at if task.reported_done else None,
        "help_asked_at": task.asked_help.created_at if task.asked_help else None,
    }


class OwnPlanOut(Schema):
    number: int
    agreed_on: datetime.date
    client_wishes: str
    planned: str
    actions: list[TaskOut]


@router.get("/me/plan", auth=CLIENT_AUTH, response=OwnPlanOut)
def my_plan(request):
    """The current version of my plan, in the words written for me."""
    client = own_client(_principal(request), part="client_plan", channel=Channel.API)
    episode = selectors.current_episode(client)
    plan = selectors.current_plan(episode)
    if plan is None:
        raise Http404
    return {
        "number": plan.number,
        "agreed_on": plan.meeting.starts_at.date(),
        "client_wishes": plan.client_wishes,
        "planned": plan.planned,
        "actions": [_task_out(t) for t in selectors.plan_actions(episode, plan)],
    }


@router.get("/me/tasks", auth=CLIENT_AUTH, response=list[TaskOut])
def my_tasks(request):
    """My own open tasks."""
    client = own_client(_principal(request), part="own_view", channel=Channel.API)
    return [_task_out(t) for t in selectors.open_tasks(client)]


class HelpIn(Schema):
    message: Text(1000) = ""


def _report(request, id: int, kind: str, message: str = "") -> dict:
    client = client_of_object(
        _principal(request),
        selectors.action_client_id(id),
        part="task_report",
        action=Action.CHANGE,
        channel=Channel.API,
    )
    action = PlanAction.objects.select_related("episode").get(pk=id, episode__client=client)
    services.task_report(client=client, action=action, kind=kind, message=message)
    task = next((t for t in selectors.open_tasks(client) if t.action.pk == id), None)
    if task is None:  # pragma: no cover - the report keeps the task open
        raise Conflict(_("This task is already closed."))
    return _task_out(task)


@router.post("/me/tasks/{id}/done", auth=CLIENT_AUTH, response=TaskOut)
def task_done(request, id: int):
    """I have done this task: my coordinator sees it in My work."""
    return _report(request, id, TaskReport.Kind.DONE)


@router.post("/me/tasks/{id}/help", auth=CLIENT_AUTH, response=TaskOut)
def task_help(request, id: int, payload: HelpIn | None = None):
    """I need help with this task: my coordinator sees it in My work."""
    return _report(request, id, TaskReport.Kind.HELP, payload.message if payload else "")


class MyServiceOut(Schema):
    name: str
    provider: str
    description: str
    phone: str
    email: str
    url: str
    catalogue_service_id: int | None = Field(
        description="The service's entry in the catalogue (GET /services/{id}), if any."
    )
    reasons: list[str] = Field(description="Why the service is listed, in plain words.")


@router.get("/me/services", auth=CLIENT_AUTH, response=list[MyServiceOut])
def my_services(request):
    """The services I am in: open client relationships, my plan's services, redirects."""
    client = own_client(_principal(request), part="own_view", channel=Channel.API)
    return [
        {
            "name": item.name,
            "provider": item.provider,
            "description": item.description,
            "phone": item.phone,
            "email": item.email,
            "url": item.url,
            "catalogue_service_id": item.catalogue_id,
            "reasons": item.reasons,
        }
        for item in selectors.my_services(client)
    ]


class WaitingOut(Schema):
    id: int
    names: list[str]
    expires_at: datetime.datetime
    url: str = Field(description="The page that opens it, in the signed-in browser.")


class ResultOut(Schema):
    name: str
    measured_on: datetime.date
    score: str
    max_score: str
    meaning: str
    explanation: str


class QuestionnairesOut(Schema):
    waiting: list[WaitingOut]
    results: list[ResultOut]


@router.get("/me/questionnaires", auth=CLIENT_AUTH, response=QuestionnairesOut)
def my_questionnaires(request):
    """Questionnaires waiting for me, and my earlier results in plain words."""
    client = own_client(_principal(request), part="measurements", channel=Channel.API)
    return {
        "waiting": [
            {
                "id": w.pk,
                "names": w.names,
                "expires_at": w.expires_at,
                "url": settings.RINNALLA_BASE_URL + reverse("portal:questionnaire", args=[w.pk]),
            }
            for w in selectors.waiting_questionnaires(client)
        ],
        "results": [
            {
                "name": r.name,
                "measured_on": r.measured_on,
                "score": r.score,
                "max_score": r.max_score,
                "meaning": r.meaning,
                "explanation": r.explanation,
            }
            for r in selectors.my_results(client)
        ],
    }


class SurveyWaitingOut(Schema):
    id: int
    title: str
    meeting_starts_at: datetime.datetime | None = Field(
        description="The meeting the survey asks about, if it is about one."
    )
    expires_at: datetime.datetime
    url: str = Field(
        description="The page that opens the anonymous form, in the signed-in browser."
    )


@router.get("/me/surveys", auth=CLIENT_AUTH, response=list[SurveyWaitingOut])
def my_surveys(request):
    """Feedback surveys sent to me and not answered yet (answers are anonymous)."""
    client = own_client(_principal(request), part="surveys", channel=Channel.API)
    return [
        {
            "id": link.pk,
            "title": link.survey.title_text,
            "meeting_starts_at": link.meeting.starts_at if link.meeting_id else None,
            "expires_at": link.expires_at,
            "url": settings.RINNALLA_BASE_URL + reverse("portal:survey", args=[link.pk]),
        }
        for link in selectors.waiting_surveys(client)
    ]


class LogEntryOut(Schema):
    at: datetime.datetime
    who: str
    role: str
    organisation: str
    action: str
    part: str
    emergency: bool
    reason: str


class LogFilters(Schema):
    start: Day | None = None
    end: Day | None = None


@router.get("/me/access-log", auth=CLIENT_AUTH, response=list[LogEntryOut])
def my_access_log(request, filters: Query[LogFilters]):
    """Who has seen my data in the period (default: the last 12 months), newest first."""
    client = own_client(_principal(request), part="access_log", channel=Channel.API)
    default_start, default_end = default_period()
    start, end = filters.start or default_start, filters.end or default_end
    if start > end:
        raise ValidationError({"start": _("The start date must be before the end date.")})
    from rinnalla.portal.views import log_rows

    return list(log_rows(selectors.log_entries(client=client, start=start, end=end)[:1000]))

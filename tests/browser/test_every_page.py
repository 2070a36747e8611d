"""Every page at phone width (390 × 844), in Finnish and Swedish: nothing scrolls
sideways, axe-core finds no violation of WCAG 2.0–2.2 A and AA, and the browser reports
no Content-Security-Policy violation.

The pages are derived from the URL patterns (the same walk as the authorization
matrix), so a page another engineer adds is visited too; a URL whose ``pk`` this test
cannot place fails with a message asking for a line in ``PK_OF``. Endpoints that are not
HTML pages are skipped by name (``NOT_PAGES``); POST-only views answer 405 and are not
pages either.
"""

import datetime
import fnmatch
import json
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from rinnalla.catalogue.models import Service
from rinnalla.demo import cases
from rinnalla.episodes.models import Episode, EventAttachment
from rinnalla.episodes.services import attachment_add
from rinnalla.measurements.models import Measurement, ServiceNeedsAssessment
from rinnalla.measurements.services import (
    assessment_save,
    measurement_record,
    self_fill_link_create,
)
from rinnalla.portal.services import portal_access_set
from tests.authz.test_matrix import url_pattern_names
from tests.browser.conftest import csp_reports, inject_axe, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def private_media(tmp_path, settings):
    """Uploaded documents go to a temporary directory, not the worktree's var/."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


PHONE = {"width": 390, "height": 844}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Not HTML pages: files, redirects that only act, the API and its third-party docs.
NOT_PAGES = {
    "logout",
    # Reached from measurements:self_fill's redirect; POST-only revoke.
    "measurements:self_fill_session",
    "measurements:self_fill_link_revoke",
    "accounts:api_token_revoke",
    "healthz",
    "readyz",
    "metrics",
    "set_language",
    "consent:scan",
    "episodes:attachment",
    "access:client_log_pdf",
    "plans:meeting_pdf",
    "plans:plan_pdf",
    "workability:pdf",
    "catalogue:check_text",
    "surveys:paper_pdf",
    "reports:summary_pdf",
    "api:api-root",
    "api:openapi-json",
    "api:openapi-view",
    # The client's own view: files, actions and the strong identification's redirects.
    "portal:plan_pdf",
    "portal:meeting_ics",
    "portal:access_log_pdf",
    "portal:sign_out",
    "portal:report_handle",
    "portal:oidc_start",
    "portal:oidc_callback",
    # Opening a questionnaire or survey sent to the client: into the session, then a
    # redirect to measurements:self_fill_session / surveys:answer_session, whose form
    # is the page already visited as measurements:self_fill / surveys:answer
    # (tests/browser/test_own_view.py walks both from My page).
    "portal:questionnaire",
    "portal:survey",
    "surveys:answer_session",
}
# Visited without logging in.
PUBLIC = {
    "login",
    "help",
    "accessibility",
    "measurements:self_fill",
    "portal:sign_in",
    "portal:sign_in_code",
    "portal:sign_in_link",
    "surveys:answer",
}
# Visited as the client signed in to their own view (Asiakascase 5).
CLIENT_VIEW = {"portal:home", "portal:access_log", "portal:task_help", "portal:task_done"}

# What the ``pk`` of a URL names (exact names first, then shell patterns).
PK_OF = {
    "episodes:reopen": "closed_episode",
    "episodes:attachment_add": "event",
    "episodes:attachment": "attachment",
    "workability:episode": "episode",
    "workability:create": "episode",
    "workability:statement_received": "statement_request",
    "workability:*": "work_ability",
    "plans:episode": "episode",
    "plans:meeting_create": "episode",
    "plans:plan_create": "meeting",
    "plans:record_summary": "plan",
    "plans:action_create": "plan",
    "plans:action_status": "action",
    "portal:task_*": "client_task",
    "measurements:detail": "measurement",
    "clients:*": "client",
    "referrals:*": "referral",
    "episodes:*": "episode",
    "consent:*": "consent",
    "plans:meeting_*": "meeting",
    "plans:plan_*": "plan",
    "catalogue:check_*": "criteria_check",
    "catalogue:*": "catalogue_service",
    "situation:period_end": "period",
    "surveys:*": "episode",
}
# Other URL arguments by name.
KWARG_OF = {
    "client_pk": "client",
    "client_id": "client",
    "episode_id": "episode",
    "meeting_id": "meeting",
    "plan_id": "plan",
    "token": "token",
    "code": "instrument",
    "version": "assessment_version",
    "survey_token": "survey_token",
    "survey_code": "survey_code",
    "name": "report_name",
}


@dataclass
class Ids:
    values: dict

    def kwargs_for(self, name: str) -> dict:
        kwargs = {}
        for param in url_parameters()[name]:
            if param == "pk":
                kind = PK_OF.get(name) or next(
                    (v for k, v in PK_OF.items() if fnmatch.fnmatch(name, k)), None
                )
                assert kind, f"{name}: say in PK_OF (tests/browser/test_every_page.py) what pk is"
            else:
                kind = KWARG_OF.get(param)
                assert kind, f"{name}: say in KWARG_OF what its {param!r} is"
            kwargs[param] = self.values[kind]
        return kwargs


def url_parameters() -> dict[str, list[str]]:
    """Each named URL's parameters, e.g. {"clients:detail": ["pk"]}."""
    found = {}

    def walk(patterns, namespaces, params):
        for pattern in patterns:
            own = list(getattr(pattern.pattern, "converters", {}))
            if isinstance(pattern, URLResolver):
                namespace = [*namespaces, pattern.namespace] if pattern.namespace else namespaces
                walk(pattern.url_patterns, namespace, params + own)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found[":".join([*namespaces, pattern.name])] = params + own

    walk(get_resolver().url_patterns, [], [])
    return found


def _survey_token(episode, language: str) -> str:
    from rinnalla.surveys.services import current_survey, link_create

    _link, raw = link_create(
        survey=current_survey("liite-1"),
        service=episode.service,
        language=language,
        period=episode.opened_on,
    )
    return raw


def demo_ids(language: str) -> Ids:
    episode = Episode.objects.get(referral__reason__startswith=f"{cases.CASE_5.label}:")
    closed = Episode.objects.get(referral__reason__startswith=f"{cases.CASE_3.label}:")
    client = episode.client
    meeting = episode.meetings.order_by("starts_at").first()
    plan = episode.plans.order_by("number").first()
    tkk = episode.created_by
    measurement = Measurement.objects.filter(client=client).first()
    if measurement is None:
        measurement = measurement_record(
            actor=tkk,
            client=client,
            instrument_code="work-ability-self-rating",
            answers={"score": 5},
        ).measurement
    assessment = ServiceNeedsAssessment.objects.filter(client=client).first()
    if assessment is None:
        assessment = assessment_save(
            actor=tkk, client=client, based_on_version=None, wishes_and_goals="Töihin."
        )
    # The self-fill page speaks the client's language of service.
    type(client).objects.filter(pk=client.pk).update(language=language)
    _link, token = self_fill_link_create(
        actor=tkk,
        client=client,
        instrument_codes=["work-ability-self-rating", "whodas-12"],
        url_for_token=lambda raw: raw,
    )
    portal_access_set(
        actor=tkk, client=client, enabled=True, allow_codes_under_non_disclosure=False
    )
    client_task = episode.plan_actions.filter(responsible_is_client=True).first()
    work_ability = episode.work_ability_assessments.order_by("-version").first()
    statement_request = episode.statement_requests.filter(received_on__isnull=True).first()
    attachment = EventAttachment.objects.filter(event__episode=episode).first()
    if attachment is None:
        attachment = attachment_add(
            actor=tkk,
            event=statement_request.requested_event,
            title="Lähete lääkärille",
            upload=SimpleUploadedFile("lahete.pdf", b"%PDF-1.4 demo"),
        )
    return Ids(
        {
            "work_ability": work_ability.pk,
            "statement_request": statement_request.pk,
            "event": statement_request.requested_event_id,
            "attachment": attachment.pk,
            "client": client.pk,
            "episode": episode.pk,
            "closed_episode": closed.pk,
            "referral": episode.referral.pk,
            "consent": client.consents.first().pk,
            "meeting": meeting.pk,
            "plan": plan.pk,
            "action": plan.actions.first().pk,
            "measurement": measurement.pk,
            "assessment_version": assessment.version,
            "instrument": "audit",
            "token": token,
            "catalogue_service": Service.objects.get(code="work-ability-support-team").pk,
            **_decision_support_ids(tkk, client),
            "survey_token": _survey_token(episode, language),
            "survey_code": "liite-1",
            "report_name": "referrals",
            "client_task": client_task.pk,
        }
    )


def _decision_support_ids(tkk, client) -> dict:
    """A benefit period and a criteria check of the client (issue 12)."""
    from rinnalla.catalogue.criteria import evaluate
    from rinnalla.catalogue.services import criteria_check_save
    from rinnalla.situation.services import period_record

    clinic = Service.objects.get(code="rehabilitation-research-clinic")
    period = period_record(
        actor=tkk,
        client=client,
        kind="sickness_allowance",
        starts_on=datetime.date.today() - datetime.timedelta(days=40),
    )
    check = criteria_check_save(
        actor=tkk,
        client=client,
        service=clinic,
        evaluation=evaluate(client, clinic),
        answers={"motivated": "met"},
    )
    return {"period": period.pk, "criteria_check": check.pk}


def check_page(page, url: str, *, language: str, shot_name: str = "") -> list[str]:
    """Problems of one page at phone width (empty when it is fine)."""
    if page.request.get(url).status == 405:
        return []  # POST-only: not a page
    reports = csp_reports(page)
    reports.clear()
    response = page.goto(url)
    if response is None:
        return [f"{url}: no response"]
    problems = []
    if not response.ok:
        return [f"{url}: answered {response.status}"]
    if "text/html" not in (response.headers.get("content-type") or ""):
        return [f"{url}: not HTML ({response.headers.get('content-type')}); add it to NOT_PAGES"]
    if page.locator("html").get_attribute("lang") != language:
        problems.append(f"{url}: lang is not {language}")
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if widths[0] > widths[1]:
        wide = page.evaluate(
            """() => Array.from(document.querySelectorAll('body *'))
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""
        )
        problems.append(f"{url}: {widths[0]} px wide at {widths[1]} px: {wide}")
    # The same help in the same place on every page (WCAG 2.2, 3.2.6).
    footer_links = page.locator("footer.site-footer a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    if footer_links[:2] != ["/help/", "/accessibility/"]:
        problems.append(f"{url}: footer help links are {footer_links}")
    # Focus is never hidden under a sticky header (WCAG 2.2, 2.4.11).
    position = page.evaluate("() => getComputedStyle(document.querySelector('header')).position")
    if position in ("sticky", "fixed"):
        problems.append(f"{url}: the header is {position}")
    if shot_name:
        shot(page, shot_name)
    # The site-wide Content-Security-Policy: the page and its scripts break none of it.
    problems += [f"{url}: {report}" for report in reports]
    inject_axe(page)
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: tags})", AXE_TAGS)
    for violation in result["violations"]:
        targets = [node["target"] for node in violation["nodes"]][:3]
        problems.append(f"{url}: axe {violation['id']} ({violation['impact']}) {targets}")
    return problems


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_page_fits_a_phone_and_passes_axe(new_context, live_server, demo, language):
    ids = demo_ids(language)
    names = sorted(url_pattern_names() - NOT_PAGES)
    problems = []
    anonymous = new_context(viewport=PHONE, locale=f"{language}-FI", is_mobile=True)
    anonymous.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    coordinator = new_context(viewport=PHONE, locale=f"{language}-FI", is_mobile=True)
    coordinator.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    _login(coordinator, "tkk")
    own_view = new_context(viewport=PHONE, locale=f"{language}-FI", is_mobile=True)
    own_view.context.add_cookies(
        [
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": _client_session(ids),
                "url": live_server.url,
            },
        ]
    )
    visited = []
    for name in names:
        url = reverse(name, kwargs=ids.kwargs_for(name))
        page = anonymous if name in PUBLIC else own_view if name in CLIENT_VIEW else coordinator
        problems += check_page(
            page, url, language=language, shot_name=f"phone_{language}_{name.replace(':', '_')}"
        )
        visited.append(name)
    # The other roles' own pages.
    for username, url in (("esihenkilo", "/"), ("laakari", "/clients/"), ("kela", "/work/")):
        other = new_context(viewport=PHONE, locale=f"{language}-FI", is_mobile=True)
        other.context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        )
        _login(other, username)
        problems += check_page(other, url, language=language)
    assert len(visited) > 40
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


def _client_session(ids: Ids) -> str:
    """A session of the demo client signed in to their own view."""
    import time
    from importlib import import_module

    from rinnalla.portal.session import SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    now = int(time.time())
    store[SESSION_KEY] = {"id": ids.values["client"], "via": "code", "since": now, "seen": now}
    store.save()
    return store.session_key


def _login(page, username: str) -> None:
    page.goto("/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(cases.DEMO_PASSWORD)
    page.locator("form.narrow-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/login/" not in page.url, f"{username} could not log in"

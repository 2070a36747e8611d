"""Every write of the surveys: installing the forms, links, sending, answering."""

import base64
import datetime
import hashlib
import hmac
import logging
import secrets
import smtplib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rinnalla.accounts.models import Organisation, User
from rinnalla.surveys import definitions
from rinnalla.surveys.models import (
    Answer,
    ChoiceListItem,
    LinksSent,
    Question,
    QuestionKind,
    Respondent,
    Survey,
    SurveyLink,
    SurveyResponse,
)

logger = logging.getLogger("rinnalla.surveys")


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def month_of(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return value.replace(day=1)


def survey_url(raw: str) -> str:
    return settings.RINNALLA_BASE_URL + reverse("surveys:answer", args=[raw])


# --- the forms ---------------------------------------------------------------------------


def survey_install(form: definitions.Form, *, survey_model=Survey, question_model=Question):
    """Install (or refresh the texts of) version 1 of a seed form. Idempotent.

    The model classes can be the historical ones of a data migration.
    """
    survey, _created = survey_model.objects.update_or_create(
        code=form.code,
        version=1,
        defaults={"respondent": form.respondent, "title": form.title, "intro": form.intro},
    )
    for position, q in enumerate(form.questions, 1):
        question_model.objects.update_or_create(
            survey=survey,
            key=q.key,
            defaults={
                "position": position,
                "number": q.number,
                "kind": q.kind,
                "text": q.text,
                "low_label": q.low,
                "high_label": q.high,
                "choices": [{"value": v, "label": label} for v, label in q.choices],
                "choices_source": q.choices_source,
            },
        )
    return survey


def ensure_seed_forms() -> None:
    """Install the seed forms if the table is empty (a flushed test database, say).

    The data migration installs them; this keeps a database emptied after migrating
    (TransactionTestCase flushes) working. Idempotent and one query when installed.
    """
    if not Survey.objects.exists():
        for form in definitions.FORMS:
            survey_install(form)
        choice_list_defaults()


def current_survey(code: str) -> Survey:
    ensure_seed_forms()
    survey = Survey.objects.filter(code=code, is_active=True).order_by("-version").first()
    if survey is None:
        raise ValidationError({"survey": _("This survey is not in use.")})
    return survey


# --- links ---------------------------------------------------------------------------------


def _meeting_client_token(meeting_id: int) -> str:
    """The client's LIITE 10 token of a meeting: the same in the e-mail and on the plan PDF.

    Derived from the secret key, so the PDF can print it again without storing it.
    """
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"survey:meeting-client:{meeting_id}".encode(), "sha256"
    ).digest()
    return base64.urlsafe_b64encode(digest).decode()[:16]


def link_create(
    *,
    survey: Survey,
    service: Organisation,
    language: str,
    period: datetime.date,
    meeting=None,
    episode=None,
    recipient: str = "",
    created_by: User | None = None,
    raw: str | None = None,
) -> tuple[SurveyLink, str]:
    """A one-time link; returns it with the raw token (shown or sent once, stored hashed)."""
    raw = raw or secrets.token_urlsafe(12)
    now = timezone.now()
    link = SurveyLink.objects.create(
        survey=survey,
        token_hash=hash_token(raw),
        language=language if language in ("fi", "sv", "en") else "fi",
        service=service,
        respondent=survey.respondent,
        period=month_of(period),
        meeting=meeting,
        episode=episode,
        recipient=recipient,
        created_by=created_by,
        created_at=now,
        expires_at=now + datetime.timedelta(days=settings.RINNALLA_SURVEY_LINK_DAYS),
    )
    _count_sent(link)
    return link, raw


def _count_sent(link: SurveyLink) -> None:
    """One more link of the survey for the service and month (the response rate's base)."""
    counter, _created = LinksSent.objects.get_or_create(
        survey_id=link.survey_id, service_id=link.service_id, period=link.period
    )
    LinksSent.objects.filter(pk=counter.pk).update(count=F("count") + 1)


def _once(**kwargs) -> tuple[SurveyLink, str] | None:
    """link_create, or None when this recipient already got this survey."""
    try:
        with transaction.atomic():
            return link_create(**kwargs)
    except IntegrityError:
        return None


def _send(
    *, to: str, language: str, survey: Survey, raw: str, link: SurveyLink, quiet: bool = True
) -> bool:
    """E-mail the link. Sent by the system (``quiet``), a mail server that is down only
    costs this invitation — the meeting or the closing that sends it still goes through
    and the link stays answerable from the client's own view; sent by hand, it raises."""
    with translation.override(language):
        title = survey.title_text
        subject = _("Feedback: %(survey)s") % {"survey": title}
        body = "\n\n".join(
            [
                _("Hello,"),
                _(
                    "we would like to hear what you think. Answering takes a few minutes and "
                    "is anonymous: your answers are not linked to you."
                ),
                f"{title}\n{survey_url(raw)}",
                _("The link works once and until %(date)s.")
                % {"date": timezone.localtime(link.expires_at).strftime("%d.%m.%Y")},
                _("Thank you!"),
            ]
        )
    try:
        send_mail(subject, body, None, [to])
    except (OSError, smtplib.SMTPException):
        if not quiet:
            raise
        logger.warning("survey e-mail not sent", extra={"survey": survey.code}, exc_info=True)
        return False
    return True


def client_meeting_link_url(meeting) -> str | None:
    """The client's LIITE 10 address of a meeting while it can still be answered."""
    raw = _meeting_client_token(meeting.pk)
    link = SurveyLink.objects.filter(token_hash=hash_token(raw)).first()
    if link is None or not link.is_usable:
        return None
    return survey_url(raw)


def surveys_send_after_meeting(*, actor: User, meeting) -> int:
    """Minutes recorded: LIITE 11 to each participating professional, LIITE 10 to the client.

    Returns the number of e-mails sent. The client's link exists even without an
    e-mail address: its QR code is printed on the client's plan PDF.
    """
    episode = meeting.episode
    period = timezone.localdate(meeting.starts_at)
    sent = 0
    professional_survey = (
        Survey.objects.filter(code=definitions.MEETING_PROFESSIONAL, is_active=True)
        .order_by("-version")
        .first()
    )
    if professional_survey is not None:
        for participant in meeting.participants.select_related("professional"):
            person = participant.professional
            email = (person.email if person else "") or participant.email
            if not email:
                continue
            recipient = f"professional:{person.pk}" if person else f"email:{email}"[:40]
            made = _once(
                survey=professional_survey,
                service=episode.service,
                language=translation.get_language() or "fi",
                period=period,
                meeting=meeting,
                recipient=recipient,
                created_by=actor,
            )
            if made:
                _send(
                    to=email,
                    language=made[0].language,
                    survey=professional_survey,
                    raw=made[1],
                    link=made[0],
                )
                sent += 1
    client_survey = (
        Survey.objects.filter(code=definitions.MEETING_CLIENT, is_active=True)
        .order_by("-version")
        .first()
    )
    if client_survey is not None and meeting.client_present:
        client = episode.client
        made = _once(
            survey=client_survey,
            service=episode.service,
            language=client.language,
            period=period,
            meeting=meeting,
            recipient="client",
            created_by=actor,
            raw=_meeting_client_token(meeting.pk),
        )
        if made and client.email:
            _send(
                to=client.email,
                language=client.language,
                survey=client_survey,
                raw=made[1],
                link=made[0],
            )
            sent += 1
    return sent


def survey_send_at_closing(*, actor: User, episode) -> bool:
    """The relationship is closed: the client gets the customer experience survey (LIITE 1)."""
    survey = (
        Survey.objects.filter(code=definitions.CLOSING_CLIENT, is_active=True)
        .order_by("-version")
        .first()
    )
    client = episode.client
    # Without an e-mail address the client can still answer from their own view.
    from rinnalla.portal.models import PortalAccess

    in_own_view = PortalAccess.objects.filter(client=client, enabled=True).exists()
    if survey is None or not (client.email or in_own_view):
        return False
    made = _once(
        survey=survey,
        service=episode.service,
        language=client.language,
        period=timezone.localdate(),
        episode=episode,
        recipient="client",
        created_by=actor,
    )
    if made and client.email:
        _send(to=client.email, language=client.language, survey=survey, raw=made[1], link=made[0])
    return bool(made)


def link_create_by_hand(
    *,
    actor: User,
    survey: Survey,
    language: str,
    meeting=None,
    episode=None,
    email_to: str = "",
) -> tuple[SurveyLink, str]:
    """A coordinator hands out a link (and may e-mail it): for a client or a professional."""
    if not actor.is_coordinator or actor.organisation_id is None:
        raise ValidationError(_("Only work ability coordinators send surveys."))
    if meeting is not None:
        episode = meeting.episode
    service = episode.service if episode is not None else actor.organisation
    period = timezone.localdate(meeting.starts_at) if meeting is not None else timezone.localdate()
    link, raw = link_create(
        survey=survey,
        service=service,
        language=language,
        period=period,
        meeting=meeting,
        episode=episode,
        created_by=actor,
    )
    if email_to:
        _send(to=email_to, language=link.language, survey=survey, raw=raw, link=link, quiet=False)
    return link, raw


# --- answering -------------------------------------------------------------------------------


def _store_answers(response: SurveyResponse, answers: dict) -> int:
    questions = {q.key: q for q in response.survey.questions.all()}
    rows = []
    for key, value in answers.items():
        question = questions.get(key)
        if question is None or value in (None, "", []):
            continue
        if question.kind == QuestionKind.SCALE:
            rows.append(Answer(response=response, question=question, number=int(value)))
        elif question.kind == QuestionKind.TEXT:
            rows.append(Answer(response=response, question=question, text=str(value).strip()))
        else:
            values = value if isinstance(value, list | tuple) else [value]
            rows.append(Answer(response=response, question=question, choices=list(values)))
    Answer.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def response_submit(
    *, token: str | None = None, link_id: int | None = None, answers: dict
) -> SurveyResponse:
    """Store the answers anonymously and delete the link: nothing joins them afterwards.

    The link is named by its token (the e-mailed or printed address) or, for a client
    who opened it from their own view, by the id kept in the session until now.
    """
    links = SurveyLink.objects.select_for_update().select_related("survey")
    if token:
        link = links.filter(token_hash=hash_token(token)).first()
    else:
        link = links.filter(pk=link_id).first() if link_id else None
    if link is None or not link.is_usable:
        raise ValidationError(_("This link has already been used or it has expired."))
    response = SurveyResponse.objects.create(
        survey=link.survey,
        service_id=link.service_id,
        period=link.period,
        respondent=link.respondent,
    )
    _store_answers(response, answers)
    link.delete()
    return response


@transaction.atomic
def response_enter_paper(
    *, actor: User, survey: Survey, period: datetime.date, answers: dict
) -> SurveyResponse:
    """A coordinator types in the answers of a paper form; the response is flagged paper."""
    if not actor.is_coordinator or actor.organisation_id is None:
        raise ValidationError(_("Only work ability coordinators enter paper answers."))
    if period > timezone.localdate():
        raise ValidationError({"period": _("The month cannot be in the future.")})
    response = SurveyResponse.objects.create(
        survey=survey,
        service_id=actor.organisation_id,
        period=month_of(period),
        respondent=survey.respondent,
        is_paper=True,
    )
    _store_answers(response, answers)
    return response


def links_delete_expired() -> int:
    """Expired unanswered links serve no one; remove them (they hold who was asked)."""
    deleted, _rows = SurveyLink.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted


def choice_list_defaults(*, item_model=ChoiceListItem) -> None:
    """The organisation structure of LIITE 15 as on paper, until the administrator edits it."""
    for position, (value, label) in enumerate(definitions.DEFAULT_ORGANISATION_STRUCTURE):
        item_model.objects.get_or_create(
            list="organisation_structure",
            value=value,
            defaults={
                "label_fi": label["fi"],
                "label_sv": label["sv"],
                "label_en": label["en"],
                "position": position,
            },
        )


__all__ = ["Respondent"]

"""Every write of measurements, the service needs assessment and self-fill links."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from rinnalla.access.labels import Part, Purpose
from rinnalla.access.policy import record_write
from rinnalla.accounts.models import User
from rinnalla.clients.models import Client
from rinnalla.core.errors import Conflict
from rinnalla.measurements import instruments, selectors
from rinnalla.measurements.models import (
    Measurement,
    SelfFillLink,
    ServiceNeedsAssessment,
    hash_token,
)

SELF_FILL_LINK_DAYS = 7

ASSESSMENT_SECTIONS = (
    "family_and_housing",
    "social_situation",
    "illnesses_and_treatment",
    "statements_and_decisions",
    "unemployment_duration",
    "income_and_social_security",
    "employment_measures",
    "education_and_work_history",
    "strengths_skills_hobbies",
    "wishes_and_goals",
)


class RepeatWithinWindow(Conflict):
    """The client already has a result of this instrument inside the repeat window."""

    def __init__(self, earlier: Measurement):
        super().__init__(_("This instrument was already recorded for the client recently."))
        self.earlier = earlier


@dataclass(frozen=True)
class Recorded:
    measurement: Measurement
    earlier: Measurement | None


def _check_date(client: Client, measured_on: datetime.date) -> None:
    if measured_on > timezone.localdate():
        raise ValidationError({"measured_on": _("The measurement date cannot be in the future.")})
    context = instruments.scoring_context(
        personal_identity_code=client.personal_identity_code, measured_on=measured_on
    )
    if context.age is not None and context.age < 0:
        raise ValidationError(
            {"measured_on": _("The measurement date cannot be before the client's birth.")}
        )


def _record(
    *,
    client: Client,
    instrument_code: str,
    answers: dict,
    measured_on: datetime.date,
    administered_by: User,
    self_reported: bool,
    confirm_repeat: bool,
    self_fill_link: SelfFillLink | None = None,
) -> Recorded:
    instrument = selectors.instrument_get(instrument_code)
    if instrument is None:
        raise ValidationError({"instrument": _("Unknown instrument.")})
    _check_date(client, measured_on)
    cleaned = instrument.clean(answers)
    context = instruments.scoring_context(
        personal_identity_code=client.personal_identity_code, measured_on=measured_on
    )
    result = instrument.score(cleaned, context)
    earlier = selectors.earlier_within_window(
        client=client, instrument_code=instrument.code, measured_on=measured_on
    )
    if earlier is not None and not confirm_repeat:
        raise RepeatWithinWindow(earlier)
    measurement = Measurement.objects.create(
        client=client,
        instrument_code=instrument.code,
        instrument_version=instrument.version,
        answers={
            k: instruments.json_number(v) if not isinstance(v, str) else v
            for k, v in cleaned.items()
        },
        scores=result.scores,
        total_score=result.total,
        interpretation=result.interpretation[:500],
        measured_on=measured_on,
        administered_by=administered_by,
        organisation=administered_by.organisation,
        self_reported=self_reported,
        self_fill_link=self_fill_link,
    )
    return Recorded(measurement, earlier)


@transaction.atomic
def measurement_record(
    *,
    actor: User,
    client: Client,
    instrument_code: str,
    answers: dict,
    measured_on: datetime.date | None = None,
    self_reported: bool = False,
    confirm_repeat: bool = False,
) -> Recorded:
    """Score and store one result.

    Raises ``ValidationError`` naming the item for a missing or out-of-range answer and
    :class:`RepeatWithinWindow` when the same instrument was recorded within
    ``RINNALLA_MEASUREMENT_REPEAT_WINDOW_DAYS`` and ``confirm_repeat`` is not set.
    """
    return _record(
        client=client,
        instrument_code=instrument_code,
        answers=answers,
        measured_on=measured_on or timezone.localdate(),
        administered_by=actor,
        self_reported=self_reported,
        confirm_repeat=confirm_repeat,
    )


@transaction.atomic
def assessment_save(
    *,
    actor: User,
    client: Client,
    based_on_version: int | None,
    own_work_ability_rating: int | None = None,
    **sections: str,
) -> ServiceNeedsAssessment:
    """Save the service needs assessment as a new version.

    ``based_on_version`` is the version the writer started from (None for the first);
    if someone saved a newer one meanwhile, :class:`Conflict` — nothing is overwritten.
    """
    unknown = set(sections) - set(ASSESSMENT_SECTIONS)
    if unknown:
        raise ValidationError(_("Unknown section: %(name)s") % {"name": ", ".join(unknown)})
    texts = {name: (sections.get(name) or "").strip() for name in ASSESSMENT_SECTIONS}
    if not any(texts.values()) and own_work_ability_rating is None:
        raise ValidationError(_("Write at least one section of the assessment."))
    latest = ServiceNeedsAssessment.objects.filter(client=client).aggregate(v=Max("version"))["v"]
    if latest != based_on_version:
        raise Conflict(
            _(
                "Someone saved a newer version of this assessment while you were "
                "writing. Open the latest version and add your changes to it."
            )
        )
    assessment = ServiceNeedsAssessment(
        client=client,
        version=(latest or 0) + 1,
        own_work_ability_rating=own_work_ability_rating,
        written_by=actor,
        organisation=actor.organisation,
        **texts,
    )
    assessment.full_clean(exclude=["client", "written_by", "organisation"])
    try:
        with transaction.atomic():
            assessment.save()
    except IntegrityError as exc:
        raise Conflict(
            _(
                "Someone saved a newer version of this assessment while you were "
                "writing. Open the latest version and add your changes to it."
            )
        ) from exc
    return assessment


@transaction.atomic
def self_fill_link_create(
    *,
    actor: User,
    client: Client,
    instrument_codes: list[str],
    url_for_token: Callable[[str], str],
    email_to: str = "",
) -> tuple[SelfFillLink, str]:
    """Make a one-time link; return it with the raw token (shown once, stored hashed).

    With ``email_to`` the link is e-mailed to the client in the client's language after
    the transaction commits.
    """
    if not actor.is_coordinator:
        raise ValidationError(_("Only a work ability coordinator can send self-assessment links."))
    codes = [c for c in instruments.SELF_FILL_CODES if c in set(instrument_codes)]
    if not codes or len(codes) != len(set(instrument_codes)):
        raise ValidationError({"instruments": _("Choose at least one self-assessment.")})
    raw = secrets.token_urlsafe(32)
    now = timezone.now()
    link = SelfFillLink.objects.create(
        client=client,
        token_hash=hash_token(raw),
        instruments=codes,
        created_by=actor,
        created_at=now,
        expires_at=now + datetime.timedelta(days=SELF_FILL_LINK_DAYS),
        emailed_to=email_to.strip(),
    )
    if link.emailed_to:
        url = url_for_token(raw)
        transaction.on_commit(lambda: _send_link(link, url))
    return link, raw


def _send_link(link: SelfFillLink, url: str) -> None:
    with translation.override(link.client.language):
        expires = timezone.localtime(link.expires_at)
        subject = str(_("Self-assessment before your meeting"))
        body = str(
            _(
                "Hello,\n\nyour work ability coordinator asks you to fill in a short "
                "self-assessment before your meeting. Open the link below on your phone or "
                "computer. The link works once and until %(date)s.\n\n%(url)s\n\n"
                "If you did not expect this message, you can ignore it."
            )
            % {"date": f"{expires:%d.%m.%Y %H:%M}", "url": url}
        )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [link.emailed_to])


@transaction.atomic
def self_fill_submit(*, link: SelfFillLink, answers_by_code: dict[str, dict]) -> list[Measurement]:
    """Record the client's own answers, flagged self-reported; the link is used up.

    Raises :class:`Conflict` when the link has been used or has expired meanwhile.
    """
    link = (
        SelfFillLink.objects.select_for_update()
        .select_related("client", "created_by")
        .get(pk=link.pk)
    )
    if not link.is_usable:
        raise Conflict(_("This link has already been used or has expired."))
    errors: dict = {}
    recorded = []
    for code in link.instruments:
        try:
            recorded.append(
                _record(
                    client=link.client,
                    instrument_code=code,
                    answers=answers_by_code.get(code, {}),
                    measured_on=timezone.localdate(),
                    administered_by=link.created_by,
                    self_reported=True,
                    confirm_repeat=True,
                    self_fill_link=link,
                ).measurement
            )
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                errors[f"{code}-{key}"] = messages
    if errors:
        raise ValidationError(errors)
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    # The client wrote to their own record: one entry in the access log, no user.
    record_write(
        AnonymousUser(),
        client=link.client,
        part=Part.MEASUREMENTS_SELF_FILL,
        purpose=Purpose.SELF_ASSESSMENT,
    )
    return recorded

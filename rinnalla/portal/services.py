"""Every write of the client's own view: the coordinator's switch, sign-in, task reports.

Sign-in with a one-time code (issue 14): the client types the e-mail address or phone
number the coordinator recorded and gets a 6-digit code and a direct link. The answer
is the same whether or not the contact is known; tries and sends are counted per
contact (known or not), and too many wrong codes pause the contact.
"""

import datetime
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from rinnalla.accounts.models import User
from rinnalla.clients.models import Client
from rinnalla.core.errors import Conflict
from rinnalla.episodes.models import ResponsiblePerson
from rinnalla.plans.models import ActionStatus, PlanAction
from rinnalla.plans.services import action_set_status
from rinnalla.portal import contacts
from rinnalla.portal.models import PortalAccess, SignInCode, SignInThrottle, TaskReport
from rinnalla.portal.sms import send_sms


class SignInPaused(Exception):
    """Too many wrong codes for this contact: wait before trying again."""

    def __init__(self, minutes: int):
        super().__init__(minutes)
        self.minutes = minutes


def paused_message(minutes: int) -> str:
    """The same words for a paused contact and a paused address: neither tells more."""
    return _("Too many tries. For your safety, signing in is paused for %(minutes)d minutes.") % {
        "minutes": minutes
    }


def sign_in_link_url(token: str) -> str:
    """The direct link of a code message, on this installation's configured address.

    Never from the request's Host header: a forged Host must not put someone else's
    site into a message that Rinnalla sends.
    """
    return settings.RINNALLA_BASE_URL + reverse("portal:sign_in_link", args=[token])


def _secret_hash(purpose: str, value: str) -> str:
    return salted_hmac(f"rinnalla.portal.{purpose}", value).hexdigest()


# --- The coordinator's switch -------------------------------------------------------------


@transaction.atomic
def portal_access_set(
    *, actor: User, client: Client, enabled: bool, allow_codes_under_non_disclosure: bool
) -> PortalAccess:
    """Turn the client's own view on or off (the caller has checked the coordinator)."""
    access, _created = PortalAccess.objects.select_for_update().get_or_create(
        client=client, defaults={"changed_by": actor}
    )
    access.enabled = enabled
    access.allow_codes_under_non_disclosure = (
        allow_codes_under_non_disclosure and client.non_disclosure
    )
    access.changed_at = timezone.now()
    access.changed_by = actor
    access.save()
    if not enabled:
        # Codes already sent stop working at once.
        SignInCode.objects.filter(client=client, used_at__isnull=True).update(
            expires_at=access.changed_at
        )
    return access


# --- Sign-in with a one-time code ---------------------------------------------------------


def _throttle(contact_hash: str) -> SignInThrottle:
    try:
        with transaction.atomic():
            SignInThrottle.objects.get_or_create(contact_hash=contact_hash)
    except IntegrityError:  # created by a concurrent request
        pass
    return SignInThrottle.objects.select_for_update().get(contact_hash=contact_hash)


def _paused_minutes(throttle: SignInThrottle, now: datetime.datetime) -> int:
    if throttle.paused_until and throttle.paused_until > now:
        return max(1, int((throttle.paused_until - now).total_seconds() + 59) // 60)
    return 0


def _find_client(normalised: str) -> Client | None:
    """The one client whose own view is on and whose recorded contact this is."""
    found = []
    for access in PortalAccess.objects.filter(enabled=True).select_related("client"):
        client = access.client
        recorded = client.email if contacts.is_email(normalised) else client.phone
        if recorded and contacts.normalise(recorded) == normalised:
            found.append(access)
    # Two clients with the same contact: send nothing rather than to the wrong person.
    if len(found) != 1 or not found[0].codes_allowed:
        return None
    return found[0].client


def _address_key(address: str | None) -> str | None:
    """The throttle key of a client address: a keyed hash, apart from the contacts'."""
    return _secret_hash("address", address) if address else None


def _count_address_request(address_key: str | None, now: datetime.datetime) -> None:
    """One more code request from this address; raises SignInPaused past the limit.

    Counted before anything about the contact is looked at, so the answer says nothing
    about whether the contact is known.
    """
    if address_key is None:
        return
    with transaction.atomic():
        throttle = _throttle(address_key)
        paused = _paused_minutes(throttle, now)
        if not paused:
            _roll_window(throttle, now)
            throttle.sent_in_window += 1
            if throttle.sent_in_window > settings.RINNALLA_PORTAL_ADDRESS_REQUESTS_PER_WINDOW:
                throttle.paused_until = now + _window()
                paused = _paused_minutes(throttle, now)
            throttle.save()
    if paused:
        raise SignInPaused(paused)


def _window() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.RINNALLA_PORTAL_PAUSE_MINUTES)


def _roll_window(throttle: SignInThrottle, now: datetime.datetime) -> None:
    """A new window for an address: its requests and wrong codes count from zero."""
    if throttle.window_started_at + _window() <= now:
        throttle.window_started_at, throttle.sent_in_window, throttle.failures = now, 0, 0


def sign_in_start(
    *, contact: str, device: str, link_for: Callable[[str], str], address: str | None = None
) -> None:
    """Send a code and a direct link if the contact is known; say nothing either way.

    ``device`` is a secret kept in the asking browser's session: the link signs in
    only there. ``link_for(token)`` makes the absolute link. ``address`` is the
    client's network address: too many requests from one address raise
    :class:`SignInPaused`, known contact or not.
    """
    _count_address_request(_address_key(address), timezone.now())
    normalised = contacts.normalise(contact)
    if not normalised:
        return
    sent = _issue_code(normalised, device)
    if sent is not None:
        client, code, token = sent
        _send_code(client, normalised, code=code, link=link_for(token))


def _issue_code(normalised: str, device: str) -> tuple[Client, str, str] | None:
    contact_hash = contacts.contact_hash(normalised)
    now = timezone.now()
    with transaction.atomic():
        throttle = _throttle(contact_hash)
        if _paused_minutes(throttle, now):
            return None
        if throttle.window_started_at + _window() <= now:
            throttle.window_started_at, throttle.sent_in_window = now, 0
        if throttle.sent_in_window >= settings.RINNALLA_PORTAL_CODES_PER_WINDOW:
            return None
        throttle.sent_in_window += 1
        throttle.save()
        client = _find_client(normalised)
        if client is None:
            return None
        # A new code replaces the earlier ones.
        SignInCode.objects.filter(contact_hash=contact_hash, used_at__isnull=True).update(
            expires_at=now
        )
        code = f"{secrets.randbelow(10**6):06d}"
        token = secrets.token_urlsafe(32)
        SignInCode.objects.create(
            contact_hash=contact_hash,
            client=client,
            channel=SignInCode.Channel.EMAIL
            if contacts.is_email(normalised)
            else SignInCode.Channel.SMS,
            code_hash=_secret_hash("code", f"{contact_hash}:{code}"),
            link_hash=_secret_hash("link", token),
            device_hash=_secret_hash("device", device),
            created_at=now,
            expires_at=now + datetime.timedelta(minutes=settings.RINNALLA_PORTAL_CODE_MINUTES),
        )
    return client, code, token


def _send_code(client: Client, to: str, *, code: str, link: str) -> None:
    with translation.override(client.language):
        context = {
            "code": code,
            "link": link,
            "minutes": settings.RINNALLA_PORTAL_CODE_MINUTES,
        }
        if contacts.is_email(to):
            send_mail(
                _("Your sign-in code for Rinnalla"),
                render_to_string("portal/sign_in_email.txt", context),
                None,
                [to],
            )
        else:
            send_sms(to, render_to_string("portal/sign_in_sms.txt", context).strip())


def _wrong_code() -> ValidationError:
    return ValidationError(
        {
            "code": _(
                "The code is not correct or it is no longer valid. Check the code in the "
                "latest message, or ask for a new code."
            )
        }
    )


def sign_in_verify(*, contact: str, code: str, address: str | None = None) -> Client:
    """The client whose valid code this is; the code is used up.

    Raises ValidationError for a wrong, used or expired code (the same for an unknown
    contact) and :class:`SignInPaused` after too many wrong tries for the contact, or
    from the client's network ``address`` (whatever contacts it tried).
    """
    normalised = contacts.normalise(contact)
    code = "".join((code or "").split())
    if not normalised:
        raise _wrong_code()
    contact_hash = contacts.contact_hash(normalised)
    now = timezone.now()
    paused = 0
    client = None
    address_key = _address_key(address)
    # The counting commits before any error is raised, so every wrong try counts.
    # Locks are taken in one order (address, then contact), as in sign_in_start.
    with transaction.atomic():
        by_address = _throttle(address_key) if address_key else None
        paused = _paused_minutes(by_address, now) if by_address else 0
        throttle = _throttle(contact_hash)
        paused = paused or _paused_minutes(throttle, now)
        if not paused:
            candidate = (
                SignInCode.objects.select_for_update()
                .filter(contact_hash=contact_hash, used_at__isnull=True, expires_at__gt=now)
                .select_related("client")
                .order_by("-created_at")
                .first()
            )
            expected = _secret_hash("code", f"{contact_hash}:{code}")
            if candidate is not None and constant_time_compare(candidate.code_hash, expected):
                candidate.used_at = now
                candidate.save(update_fields=["used_at"])
                throttle.failures = 0
                throttle.save()
                client = candidate.client
            else:
                throttle.failures += 1
                if candidate is not None:
                    candidate.failed_attempts += 1
                    candidate.save(update_fields=["failed_attempts"])
                if throttle.failures >= settings.RINNALLA_PORTAL_CODE_TRIES:
                    throttle.failures = 0
                    throttle.paused_until = now + datetime.timedelta(
                        minutes=settings.RINNALLA_PORTAL_PAUSE_MINUTES
                    )
                    SignInCode.objects.filter(
                        contact_hash=contact_hash, used_at__isnull=True
                    ).update(expires_at=now)
                throttle.save()
                if by_address is not None:
                    # A success never clears the address's count: one's own sign-in
                    # must not erase someone else's wrong tries behind the same NAT.
                    _roll_window(by_address, now)
                    by_address.failures += 1
                    if by_address.failures >= settings.RINNALLA_PORTAL_ADDRESS_TRIES:
                        by_address.failures = 0
                        by_address.paused_until = now + _window()
                    by_address.save()
    if paused:
        raise SignInPaused(paused)
    if client is None:
        raise _wrong_code()
    return client


def sign_in_link(*, token: str, device: str) -> Client:
    """The client of a direct link opened in the browser that asked for the code."""
    now = timezone.now()
    with transaction.atomic():
        candidate = (
            SignInCode.objects.select_for_update()
            .filter(link_hash=_secret_hash("link", token or ""), used_at__isnull=True)
            .select_related("client")
            .first()
        )
        usable = (
            candidate is not None
            and candidate.expires_at > now
            and constant_time_compare(candidate.device_hash, _secret_hash("device", device))
        )
        if usable:
            candidate.used_at = now
            candidate.save(update_fields=["used_at"])
    if not usable:
        raise ValidationError(
            _(
                "This sign-in link does not work any more, or it was opened on another "
                "device. Type the code from the message instead, or ask for a new code."
            )
        )
    return candidate.client


# --- The client's reports on their tasks --------------------------------------------------


def task_report(*, client: Client, action: PlanAction, kind: str, message: str = "") -> TaskReport:
    """The client says a task is done or asks for help; the coordinator is told."""
    if kind not in TaskReport.Kind.values:
        raise ValidationError({"kind": _("Choose done or I need help.")})
    if action.episode.client_id != client.pk or not action.responsible_is_client:
        raise Conflict(_("This is not one of your tasks."))
    if action.status not in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS):
        raise Conflict(_("This task is already closed."))
    message = (message or "").strip()[:1000]
    with transaction.atomic():
        report = (
            TaskReport.objects.select_for_update()
            .filter(action=action, kind=kind, handled_at__isnull=True)
            .first()
        )
        if report is not None:
            if message and message != report.message:
                report.message = message
                report.save(update_fields=["message"])
            return report
        report = TaskReport.objects.create(action=action, client=client, kind=kind, message=message)
        recipients = list(
            ResponsiblePerson.objects.filter(
                episode_id=action.episode_id,
                ended_at__isnull=True,
                professional__role=User.Role.COORDINATOR,
                professional__is_active=True,
            )
            .exclude(professional__email="")
            .values_list("professional__email", flat=True)
        )
    _notify(recipients, report)
    return report


def _notify(recipients: list[str], report: TaskReport) -> None:
    """A short e-mail with no personal data: the details are in My work."""
    if not recipients:
        return
    link = settings.RINNALLA_BASE_URL + reverse("followup:my_work")
    with translation.override(settings.LANGUAGE_CODE):
        _send_notification(recipients, report, link)


def _send_notification(recipients: list[str], report: TaskReport, link: str) -> None:
    send_mail(
        _("A client has sent a message about a task in Rinnalla"),
        render_to_string("portal/task_report_email.txt", {"report": report, "link": link}),
        None,
        recipients,
    )


def task_report_handle(*, actor: User, report: TaskReport, confirm_done: bool) -> TaskReport:
    """The coordinator has dealt with the report; a confirmed "done" closes the action."""
    with transaction.atomic():
        report = TaskReport.objects.select_for_update().select_related("action").get(pk=report.pk)
        if report.handled_at is not None:
            return report
        if confirm_done and report.kind == TaskReport.Kind.DONE and report.action.is_open:
            action_set_status(
                actor=actor,
                action=report.action,
                status=ActionStatus.DONE,
                note=_("The client reported it done."),
            )
        report.handled_at = timezone.now()
        report.handled_by = actor
        report.save(update_fields=["handled_at", "handled_by"])
    return report

"""Writes about professionals: the administrative audit log and API tokens."""

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from rinnalla.accounts.models import AdminAuditEntry, ApiToken, User

Change = AdminAuditEntry.Change


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)[:200]


def audit_record(
    *, actor: User | None, target: User, change: str, old_value="", new_value=""
) -> AdminAuditEntry:
    """Append one entry to the administrative audit log."""
    return AdminAuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_username=actor.get_username() if actor is not None else "",
        target=target,
        change=change,
        old_value=_text(old_value),
        new_value=_text(new_value),
    )


@transaction.atomic
def two_step_reset(*, actor: User, user: User) -> int:
    """Remove a user's authenticators (a lost phone); the user sets up a new one at login."""
    count, _ = TOTPDevice.objects.devices_for_user(user, confirmed=None).delete()
    audit_record(
        actor=actor, target=user, change=Change.TWO_STEP, old_value="on", new_value="reset"
    )
    return count


@transaction.atomic
def api_token_issue(
    *, actor: User, scope: str, name: str = "", two_step_verified: bool = False
) -> tuple[ApiToken, str]:
    """A new token for the actor themself: only the owner ever issues their tokens."""
    token, raw = ApiToken.issue(actor, scope=scope, name=name, two_step_verified=two_step_verified)
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> None:
    """Revoke a token: its owner may, and so may an administrator (logged in the audit)."""
    if token.revoked_at is not None:
        return
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    if actor.pk != token.user_id:
        audit_record(
            actor=actor,
            target=token.user,
            change=Change.TOKEN,
            old_value=token.prefix,
            new_value="revoked",
        )

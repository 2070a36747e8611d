from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from rinnalla.accounts.models import Organisation, User
from rinnalla.clients.models import Client
from rinnalla.core import hetu

CLIENT_FIELDS = (
    "first_name",
    "last_name",
    "personal_identity_code",
    "municipality",
    "street_address",
    "postal_code",
    "post_office",
    "language",
    "mother_tongue",
    "needs_interpreter",
    "interpreter_language",
    "phone",
    "email",
    "preferred_contact_method",
    "non_disclosure",
)


class DuplicateClient(ValidationError):
    """The henkilötunnus belongs to a client already registered."""

    def __init__(self, existing: Client):
        super().__init__(
            {
                "personal_identity_code": ValidationError(
                    _("A client with this personal identity code is already registered."),
                    code="duplicate",
                )
            }
        )
        self.existing = existing


def _cleaned(fields: dict) -> dict:
    """Known fields only, surrounding white space removed, as a form would."""
    return {
        name: value.strip() if isinstance(value, str) else value
        for name, value in fields.items()
        if name in CLIENT_FIELDS and value is not None
    }


def _check_unique_code(code: str, *, exclude_pk: int | None = None) -> None:
    existing = Client.objects.filter(personal_identity_code=code).exclude(pk=exclude_pk).first()
    if existing is not None:
        raise DuplicateClient(existing)


@transaction.atomic
def client_create(*, actor: User, service: Organisation, **fields) -> Client:
    data = _cleaned(fields)
    data["personal_identity_code"] = hetu.normalise(data.get("personal_identity_code", ""))
    client = Client(service=service, created_by=actor, **data)
    client.full_clean(validate_unique=False)
    _check_unique_code(client.personal_identity_code)
    try:
        with transaction.atomic():
            client.save()
    except IntegrityError as exc:  # a concurrent insert of the same code
        raise DuplicateClient(
            Client.objects.get(personal_identity_code=client.personal_identity_code)
        ) from exc
    return client


@transaction.atomic
def client_update(*, actor: User, client: Client, **fields) -> Client:
    for name, value in _cleaned(fields).items():
        setattr(client, name, value)
    client.personal_identity_code = hetu.normalise(client.personal_identity_code)
    client.full_clean(validate_unique=False)
    _check_unique_code(client.personal_identity_code, exclude_pk=client.pk)
    client.save()
    return client


def client_find_or_create(*, actor: User, service: Organisation, **fields) -> Client:
    """Used by referrals: an existing client is reused by henkilötunnus, never changed.

    The whole input is validated as if the client were new *before* the code is looked
    up, so that a known and an unknown henkilötunnus get the same answer (no existence
    oracle for a sender who may not know who is a client).
    """
    data = _cleaned(fields)
    data["personal_identity_code"] = hetu.normalise(data.get("personal_identity_code", ""))
    Client(service=service, created_by=actor, **data).full_clean(validate_unique=False)
    existing = Client.objects.filter(personal_identity_code=data["personal_identity_code"]).first()
    if existing is not None:
        return existing
    return client_create(actor=actor, service=service, **fields)

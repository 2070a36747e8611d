from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rinnalla.core import hetu

HETU_MESSAGES = {
    "format": _("The personal identity code must look like 131052-308T (11 characters)."),
    "date": _("The personal identity code does not contain a real date of birth."),
    "individual_number": _("The individual number (digits 8–10) must be between 002 and 999."),
    "checksum": _("The check character of the personal identity code does not match."),
}


def validate_hetu(value: str) -> None:
    try:
        hetu.parse(value)
    except hetu.InvalidHetu as exc:
        raise ValidationError(HETU_MESSAGES[exc.reason], code=f"hetu_{exc.reason}") from exc


class Language(models.TextChoices):
    FINNISH = "fi", _("Finnish")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone")
    TEXT_MESSAGE = "text_message", _("Text message")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")


class Client(models.Model):
    """The client (asiakas): a person supported by the network."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    personal_identity_code = models.CharField(
        _("personal identity code"), max_length=11, unique=True, validators=[validate_hetu]
    )
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.FINNISH
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    preferred_contact_method = models.CharField(
        _("preferred contact method"),
        max_length=20,
        choices=ContactMethod.choices,
        default=ContactMethod.PHONE,
    )
    # The coordination service that registered the client; its coordinators see them.
    service = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        related_name="registered_clients",
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        indexes = [
            models.Index(Lower("last_name"), Lower("first_name"), name="client_name_idx"),
            # A one-word search matches either name; this serves the first-name half.
            models.Index(Lower("first_name"), name="client_first_name_idx"),
            models.Index(
                fields=["service", "last_name", "first_name", "id"], name="client_service_name_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def masked_identity_code(self) -> str:
        return hetu.mask(self.personal_identity_code)

    def clean(self) -> None:
        self.personal_identity_code = hetu.normalise(self.personal_identity_code)

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rinnalla.clients.languages import LANGUAGES
from rinnalla.core import hetu
from rinnalla.core.search import fold

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
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    post_office = models.CharField(_("post office"), max_length=100, blank=True)
    # The language the client is served in (asiointikieli): letters, PDFs, self-fill.
    language = models.CharField(
        _("language of service"), max_length=2, choices=Language.choices, default=Language.FINNISH
    )
    mother_tongue = models.CharField(
        _("mother tongue"), max_length=10, choices=LANGUAGES, blank=True
    )
    needs_interpreter = models.BooleanField(_("needs an interpreter"), default=False)
    interpreter_language = models.CharField(
        _("language of interpretation"), max_length=10, choices=LANGUAGES, blank=True
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # Turvakielto (non-disclosure for personal safety, Population Information Act 36 §):
    # address, phone and e-mail are shown to the client's own coordinators only and
    # never printed, exported or e-mailed (see PROTECTED_FIELDS).
    non_disclosure = models.BooleanField(
        _("non-disclosure for personal safety (turvakielto)"), default=False
    )
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
    # The names as search compares them (rinnalla.core.search.fold: "Äijälä" is
    # "aijala"), kept current by save(); bulk writers set them themselves.
    search_first_name = models.CharField(max_length=100, default="", editable=False)
    search_last_name = models.CharField(max_length=100, default="", editable=False)

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        indexes = [
            # Name search: a prefix is a range on these (see clients.selectors).
            models.Index(
                fields=["search_last_name", "search_first_name"], name="client_search_last_idx"
            ),
            models.Index(fields=["search_first_name"], name="client_search_first_idx"),
            models.Index(
                fields=["service", "last_name", "first_name", "id"], name="client_service_name_idx"
            ),
            # The list's order: a page is read walking this index, checking each client
            # against the user's access grants, instead of sorting every visible client.
            models.Index(fields=["last_name", "first_name", "id"], name="client_list_order_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        first, last = fold(self.first_name), fold(self.last_name)
        # __dict__, not the attribute: a deferred field would be read from the database.
        changed = self._state.adding or (first, last) != (
            self.__dict__.get("search_first_name"),
            self.__dict__.get("search_last_name"),
        )
        self.search_first_name, self.search_last_name = first, last
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"first_name", "last_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_first_name", "search_last_name"}
        super().save(*args, **kwargs)
        if changed:
            remember_search_names([first, last])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    # True on a copy made by without_protected_details().
    details_protected = False

    @property
    def masked_identity_code(self) -> str:
        return hetu.mask(self.personal_identity_code)

    @property
    def postal_address(self) -> str:
        place = " ".join(p for p in (self.postal_code, self.post_office) if p)
        return ", ".join(p for p in (self.street_address, place) if p)

    def without_protected_details(self) -> "Client":
        """A copy for a reader who may not see a turvakielto client's contact details."""
        copy = Client(**{f.attname: getattr(self, f.attname) for f in self._meta.concrete_fields})
        copy._state.adding = False
        for name in PROTECTED_FIELDS:
            setattr(copy, name, "")
        copy.details_protected = True
        return copy

    def clean(self) -> None:
        self.personal_identity_code = hetu.normalise(self.personal_identity_code)
        if self.needs_interpreter and not self.interpreter_language:
            raise ValidationError(
                {"interpreter_language": _("Choose the language the interpreter is needed for.")}
            )
        if not self.needs_interpreter:
            self.interpreter_language = ""


class SearchName(models.Model):
    """Every folded first or last name some client has had: the small table typo-tolerant
    search looks a query up in (PostgreSQL trigram index), before finding the clients
    with those names through the B-tree indexes on Client. Names repeat (a county has a
    million clients but a few thousand names), so this stays small and fast where a
    trigram index over every client would not. A name nobody has any more matches
    nobody; rows are never removed."""

    text = models.CharField(max_length=100, unique=True)

    def __str__(self) -> str:
        return self.text


def remember_search_names(names) -> None:
    """Add folded names to SearchName (those already there are skipped)."""
    new = sorted({name for name in names if name})
    if new:
        SearchName.objects.bulk_create(
            [SearchName(text=name) for name in new], ignore_conflicts=True
        )


# What turvakielto hides from everyone but the client's own coordinators.
PROTECTED_FIELDS = (
    "street_address",
    "postal_code",
    "post_office",
    "municipality",
    "phone",
    "email",
)

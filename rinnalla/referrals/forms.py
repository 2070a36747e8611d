"""Forms of the referral pages: receiving or sending a referral, and triage."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rinnalla.accounts.models import Organisation, User
from rinnalla.clients.models import Language, validate_hetu
from rinnalla.core import hetu
from rinnalla.episodes.forms import grouped_professional_choices
from rinnalla.referrals import selectors
from rinnalla.referrals.models import Channel, Decision, SourceKind, Urgency

# The usual source of a referral sent by a professional of each kind of organisation.
SOURCE_KIND_BY_ORGANISATION = {
    Organisation.Kind.SOCIAL_WORK: SourceKind.SOCIAL_WORK,
    Organisation.Kind.EMPLOYMENT_SERVICES: SourceKind.EMPLOYMENT_SERVICES,
    Organisation.Kind.TE_SERVICES: SourceKind.TE_SERVICES,
    Organisation.Kind.TYP: SourceKind.TYP,
    Organisation.Kind.KELA: SourceKind.KELA,
    Organisation.Kind.NGO: SourceKind.NGO,
}

CLIENT_FIELDS = (
    "personal_identity_code",
    "first_name",
    "last_name",
    "municipality",
    "phone",
    "language",
)


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReferralForm(forms.Form):
    """One form for both ways a referral arrives.

    A coordinator records a referral received by phone, on paper, at the walk-in
    reception…; a network professional sends one through Rinnalla (their organisation
    and themselves as the source, channel web form).
    """

    personal_identity_code = forms.CharField(
        label=_("Personal identity code"),
        max_length=11,
        help_text=_("For example 131052-308T."),
    )
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    municipality = forms.CharField(label=_("Municipality"), max_length=100, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    language = forms.ChoiceField(
        label=_("Language of service"), choices=Language.choices, initial=Language.FINNISH
    )

    service = forms.ModelChoiceField(
        label=_("Receiving service"),
        queryset=Organisation.objects.none(),
        empty_label=None,
    )
    source_kind = forms.ChoiceField(label=_("Source"), choices=SourceKind.choices)
    source_organisation = forms.ModelChoiceField(
        label=_("Referring organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("Not known"),
    )
    source_professional = forms.TypedChoiceField(
        label=_("Referring professional"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Optional. Must work in the referring organisation."),
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    reason = forms.CharField(
        label=_("Reason for referral"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("The client's situation and what is hoped from the coordination service."),
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        widget=forms.RadioSelect,
    )
    received_on = forms.DateField(label=_("Received on"), widget=date_input())

    client_fields = CLIENT_FIELDS

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["received_on"].initial = timezone.localdate()
        services = list(selectors.coordination_services())
        self.services = services
        if user.is_coordinator:
            # Coordinators record referrals received by their own service.
            del self.fields["service"]
            self._professionals = {p.pk: p for p in selectors.referring_professionals()}
            self.fields["source_professional"].choices = grouped_professional_choices(
                self._professionals.values(), empty_label=_("Not known")
            )
        else:
            # A professional sends as themselves, today, through Rinnalla's form.
            for name in ("source_organisation", "source_professional", "channel", "received_on"):
                del self.fields[name]
            if len(services) > 1:
                self.fields["service"].queryset = selectors.coordination_services()
            else:
                del self.fields["service"]
            organisation = user.organisation
            if organisation is not None and organisation.kind in SOURCE_KIND_BY_ORGANISATION:
                self.fields["source_kind"].initial = SOURCE_KIND_BY_ORGANISATION[organisation.kind]

    def client_group(self):
        return [self[name] for name in self.client_fields]

    def referral_group(self):
        return [self[name] for name in self.fields if name not in self.client_fields]

    def clean_personal_identity_code(self) -> str:
        code = hetu.normalise(self.cleaned_data["personal_identity_code"])
        validate_hetu(code)
        return code

    def clean_first_name(self) -> str:
        value = self.cleaned_data["first_name"].strip()
        if not value:
            raise ValidationError(_("Fill in this field."), code="required")
        return value

    def clean_last_name(self) -> str:
        value = self.cleaned_data["last_name"].strip()
        if not value:
            raise ValidationError(_("Fill in this field."), code="required")
        return value

    def clean_reason(self) -> str:
        value = self.cleaned_data["reason"].strip()
        if not value:
            raise ValidationError(_("Fill in this field."), code="required")
        return value

    def clean_source_professional(self) -> User | None:
        pk = self.cleaned_data.get("source_professional")
        if pk is None:
            return None
        return self._professionals[pk]  # the choices already limit pk to these

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise ValidationError(_("The received date cannot be in the future."))
        return received_on

    def clean(self):
        data = super().clean()
        professional = data.get("source_professional")
        organisation = data.get("source_organisation")
        if professional is not None:
            if organisation is None:
                data["source_organisation"] = professional.organisation
            elif professional.organisation_id != organisation.pk:
                self.add_error(
                    "source_professional",
                    _("This professional does not work in the referring organisation."),
                )
        return data

    def receiving_service(self) -> Organisation | None:
        if self.user.is_coordinator:
            return self.user.organisation
        if "service" in self.fields:
            return self.cleaned_data["service"]
        return self.services[0] if self.services else None

    def service_arguments(self) -> dict:
        """The keyword arguments of ``referral_receive`` (besides actor)."""
        data = self.cleaned_data
        arguments = {
            "service": self.receiving_service(),
            "client_fields": {name: data[name] for name in self.client_fields},
            "source_kind": data["source_kind"],
            "reason": data["reason"],
            "urgency": data["urgency"],
        }
        if self.user.is_coordinator:
            arguments.update(
                channel=data["channel"],
                received_on=data["received_on"],
                source_organisation=data.get("source_organisation"),
                source_professional=data.get("source_professional"),
            )
        else:
            arguments.update(
                channel=Channel.WEB_FORM,
                received_on=timezone.localdate(),
                source_organisation=self.user.organisation,
                source_professional=self.user,
            )
        return arguments


class TriageForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Decision.ACCEPT, _("Accept: open a client relationship")),
            (Decision.REDIRECT, _("Redirect to another service")),
            (Decision.DECLINE, _("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    coordinator = forms.ModelChoiceField(
        label=_("Coordinator"),
        queryset=User.objects.none(),
        empty_label=None,
        required=False,
        help_text=_("When accepting: the primary contact of the new client relationship."),
    )
    redirect_to = forms.CharField(
        label=_("Redirected to"),
        max_length=200,
        required=False,
        help_text=_("When redirecting: the service the client is handed over to."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
        help_text=_("Required when redirecting or declining. The sender sees it."),
    )

    def __init__(self, *args, user: User, service_id: int, attach: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if attach:
            # Already a client with an open relationship here: attach, never open another.
            self.fields["decision"].choices = [
                (Decision.ATTACH, _("Attach to the open client relationship")),
                (Decision.REDIRECT, _("Redirect to another service")),
                (Decision.DECLINE, _("Decline")),
            ]
            self.fields["decision"].initial = Decision.ATTACH
            del self.fields["coordinator"]
            return
        self.fields["coordinator"].queryset = selectors.service_coordinators(service_id)
        self.fields["coordinator"].initial = user.pk

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "rinnalla.core"

    def ready(self):
        from rinnalla.core import converters, dates

        converters.register()
        from django.contrib.auth.signals import user_logged_in

        from rinnalla.core.middleware import mark_login

        user_logged_in.connect(mark_login, dispatch_uid="rinnalla_mark_login")
        dates.bound_form_dates()
        plain_error_messages()


def plain_error_messages() -> None:
    """Plain words for an empty required field instead of Django's form jargon.

    GLOSSARY: "Täytä tämä kohta." / "Valitse yksi vaihtoehto.", not "Tämä kenttä
    vaaditaan." Set once on the field classes, so every form and model says the same.
    """
    from django import forms
    from django.db import models

    fill_in = _("Fill in this field.")
    choose_one = _("Choose one option.")
    choose_some = _("Choose at least one option.")
    forms.Field.default_error_messages["required"] = fill_in
    forms.BooleanField.default_error_messages = {
        **getattr(forms.BooleanField, "default_error_messages", {}),
        "required": _("Tick this box to continue."),
    }
    for field in (forms.ChoiceField, forms.ModelChoiceField):
        field.default_error_messages = {**field.default_error_messages, "required": choose_one}
    for field in (forms.MultipleChoiceField, forms.ModelMultipleChoiceField):
        field.default_error_messages = {**field.default_error_messages, "required": choose_some}
    models.Field.default_error_messages["blank"] = fill_in
    models.Field.default_error_messages["null"] = fill_in

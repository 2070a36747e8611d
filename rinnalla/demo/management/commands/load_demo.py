"""Load the demo: the five client paths of seed 000 and the demo logins (password "demo")."""

import contextlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from rinnalla.accounts.models import User
from rinnalla.demo import cases, loader


def _no_real_mail():
    """The demo's people and clients are fictional: what loading would e-mail them (a
    closing survey, say) is dropped when the installation sends real mail (``make serve``
    in production mode); the development console and the tests' outbox still get it."""
    if settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend":
        return override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    return contextlib.nullcontext()


class Command(BaseCommand):
    help = (
        "Load the demo data: the five client paths of seed 000 (Asiakascase 1-5), their "
        "organisations and professionals, and the demo logins (password 'demo')."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has any user (used by `make run`).",
        )
        parser.add_argument(
            "--history",
            action="store_true",
            help="Also a year of finished client paths in the demo service, so that the "
            "reports show figures (used by `make run`).",
        )

    def handle(self, *args, if_empty=False, history=False, **options):
        if if_empty and User.objects.exists():
            self.stdout.write("The database already has users: demo data not loaded.")
            return
        try:
            with _no_real_mail():
                loaded = loader.load(history=history)
        except loader.DemoAlreadyLoaded as exc:
            raise CommandError(
                f"The demo data is already loaded (existing demo users: {exc}). "
                "Use a fresh database to load it again."
            ) from exc
        for label, episode in loaded.items():
            self.stdout.write(
                f"{label}: {episode.client.full_name}, {episode.events.count()} path events, "
                f"client relationship {episode.status}"
            )
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo logins (password for every one: {cases.DEMO_PASSWORD}):")
        for person in cases.DEMO_LOGINS:
            self.stdout.write(
                f"  {person.username:<11} {person.first_name} {person.last_name}, "
                f"{person.profession} ({person.role.replace('_', ' ')})"
            )

"""Issue a bearer token for the JSON API. The raw token is printed once, as the last line."""

from django.core.management.base import BaseCommand, CommandError

from rinnalla.accounts.models import ApiToken, User


class Command(BaseCommand):
    help = "Create an API token for a user and print it (last line of the output)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if not user.is_active:
            raise CommandError(f"The user {username!r} is not active.")
        token, raw = ApiToken.issue(user)
        self.stdout.write(
            f"API token {token.prefix}… for {user.username}. Store it now: only its hash "
            "is kept. Use it as the header 'Authorization: Bearer <token>'."
        )
        self.stdout.write(raw)

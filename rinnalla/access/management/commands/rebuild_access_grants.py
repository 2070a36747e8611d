"""Rebuild the access-grant table from the rule, and/or verify it user by user."""

import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from rinnalla.access import grants
from rinnalla.access.policy import (
    own_coordinator_clients,
    own_coordinator_clients_by_rule,
    visible_clients,
    visible_clients_by_rule,
)
from rinnalla.accounts.models import User
from rinnalla.clients.models import Client


def user_differences(users) -> list[str]:
    """Users whose fast answer (the grants) differs from the rule on the live tables."""
    found = []
    for user in users:
        for fast, slow in (
            (visible_clients, visible_clients_by_rule),
            (own_coordinator_clients, own_coordinator_clients_by_rule),
        ):
            quick = set(fast(user).values_list("pk", flat=True))
            rule = set(slow(user).values_list("pk", flat=True))
            if quick != rule:
                found.append(
                    f"{user.username} {fast.__name__}: {len(quick - rule)} extra, "
                    f"{len(rule - quick)} missing"
                )
    return found


class Command(BaseCommand):
    help = (
        "Recompute the access-grant table (who may see which client) from the rule; "
        "with --verify only compare it with the rule, for every client and every user. "
        "Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--verify", action="store_true", help="Compare only; exit 1 on a difference."
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, verify=False, no_progress=False, **options):
        started = time.perf_counter()
        if not verify:
            with tqdm(
                total=Client.objects.count(),
                unit="client",
                disable=no_progress,
                file=self.stderr._out,
            ) as bar:
                total = grants.rebuild(progress=bar.update)
            self.stdout.write(
                f"{total} access grants written in {time.perf_counter() - started:.1f} s."
            )
            return
        found = grants.differences()
        users = User.objects.filter(is_active=True, organisation__isnull=False).order_by("pk")
        found += user_differences(users.iterator())
        for line in found[:50]:
            self.stdout.write(line)
        if found:
            raise CommandError(f"{len(found)} differences between the grants and the rule.")
        self.stdout.write(
            f"The access grants agree with the rule ({time.perf_counter() - started:.1f} s)."
        )

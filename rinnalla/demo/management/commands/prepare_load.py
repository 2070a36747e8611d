"""``manage.py prepare_load``: signed-in sessions of synthetic users for the locust test."""

import json
import random
from pathlib import Path

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError
from django.middleware.csrf import _get_new_csrf_string

from rinnalla.access.policy import visible_clients
from rinnalla.accounts.models import User
from rinnalla.demo import synthetic
from rinnalla.episodes.models import Episode


def _session(user: User) -> str:
    """A signed-in session, as a login makes it (synthetic users have no password)."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


class Command(BaseCommand):
    help = (
        "Write a JSON file of signed-in sessions of synthetic coordinators and network "
        "professionals, each with clients they may open and open relationships to record "
        "events in, for tests/load/locustfile.py."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--coordinators", type=int, default=40)
        parser.add_argument("--professionals", type=int, default=40)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, out, coordinators, professionals, seed, **options):
        prefix = synthetic.username_prefix(seed)
        rng = random.Random(seed)
        people = []
        for role, count in (
            (User.Role.COORDINATOR, coordinators),
            (User.Role.NETWORK_PROFESSIONAL, professionals),
        ):
            users = list(
                User.objects.filter(username__startswith=prefix, role=role, is_active=True)
            )
            rng.shuffle(users)
            taken = 0
            for user in users:
                if taken >= count:
                    break
                clients = list(visible_clients(user).values_list("pk", flat=True)[:2000])
                if not clients:
                    continue
                episodes = []
                if role == User.Role.COORDINATOR:
                    episodes = list(
                        Episode.objects.filter(service=user.organisation, status="active")
                        .order_by("?")
                        .values_list("pk", flat=True)[:50]
                    )
                people.append(
                    {
                        "username": user.username,
                        "role": str(role),
                        "session": _session(user),
                        "csrf": _get_new_csrf_string(),
                        "clients": rng.sample(clients, min(100, len(clients))),
                        "episodes": episodes,
                    }
                )
                taken += 1
        if not people:
            raise CommandError("No synthetic users: run generate_synthetic (make bench) first.")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(people))
        by_role = {
            str(r): sum(1 for p in people if p["role"] == r) for r in {p["role"] for p in people}
        }
        self.stdout.write(f"{len(people)} sessions written to {out}: {by_role}")

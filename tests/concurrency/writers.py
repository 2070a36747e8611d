"""Run by test_sqlite_writers.py in a fresh process on a fresh SQLite file.

Sixteen threads create 64 clients through the API at once (each thread its own database
connection, as under a threaded server) and print a JSON summary.
"""

import datetime
import json
import os
import sys
import threading

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rinnalla.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

THREADS, EACH = int(sys.argv[1]), int(sys.argv[2])


def main() -> None:
    call_command("migrate", verbosity=0, interactive=False)
    from rinnalla.access.testing import api_client
    from rinnalla.accounts.models import Organisation, User
    from rinnalla.clients.models import Client
    from rinnalla.core import hetu

    service = Organisation.objects.create(
        name="TKK", kind=Organisation.Kind.HEALTH_CENTRE, is_coordination_service=True
    )
    coordinator = User.objects.create_user(
        username="tkk", password="x", role=User.Role.COORDINATOR, organisation=service
    )
    webs = [api_client(coordinator) for _ in range(THREADS)]
    # A threaded server loads its middleware once, before any request; sixteen test
    # clients would load theirs at once in their threads (django-prometheus registers
    # its metrics on first load and refuses a second registration racing it).
    for web in webs:
        web.handler.load_middleware()
    connection.close()
    statuses: list[int] = []
    errors: list[str] = []
    lock = threading.Lock()

    def write(thread: int) -> None:
        web = webs[thread]
        for i in range(EACH):
            number = thread * EACH + i
            code = hetu.build(datetime.date(1970, 1, 1) + datetime.timedelta(days=number), 2 + i)
            try:
                response = web.post(
                    "/api/v1/clients",
                    {
                        "first_name": "Testi",
                        "last_name": f"Kirjoittaja{number}",
                        "personal_identity_code": code,
                    },
                    content_type="application/json",
                )
                status = response.status_code
            except Exception as exc:  # noqa: BLE001 - a 500 raised by the test client
                status, text = 500, f"{type(exc).__name__}: {exc}"
                with lock:
                    errors.append(text)
            with lock:
                statuses.append(status)

    threads = [threading.Thread(target=write, args=(t,)) for t in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(
        json.dumps(
            {
                "statuses": sorted(statuses),
                "clients": Client.objects.count(),
                "errors": errors[:3],
            }
        )
    )


main()

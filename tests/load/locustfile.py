"""Load scenario for `make bench` (manage.py bench_load): a county's working day.

Coordinators browse their client list, search, open clients, look at their work and
the referral queue, and record path events; network professionals open the clients
they take part in. Each simulated person uses a signed-in session made by
``manage.py prepare_load`` (RINNALLA_LOAD_USERS, a JSON file) and waits 3-10 s
between actions, as a person reading a page does.

Requests are sent as the TLS proxy in front would pass them (X-Forwarded-Proto:
https), so production's secure cookies and CSRF checks apply.
"""

import itertools
import json
import os
import random
import threading

from locust import HttpUser, between, task

PEOPLE = json.loads(open(os.environ["RINNALLA_LOAD_USERS"]).read())  # noqa: SIM115
COORDINATORS = [p for p in PEOPLE if p["role"] == "coordinator"]
PROFESSIONALS = [p for p in PEOPLE if p["role"] != "coordinator"]
SEARCHES = ["Vir", "Kor", "Nie", "Mäk", "Hei", "Laa", "Sal", "Lei", "Hak", "Ket"]
_next = {"coordinator": itertools.count(), "professional": itertools.count()}
_lock = threading.Lock()


class Person(HttpUser):
    abstract = True
    wait_time = between(3, 10)
    pool: list = []
    kind = ""

    def on_start(self):
        with _lock:
            self.person = self.pool[next(_next[self.kind]) % len(self.pool)]
        self.rng = random.Random(self.person["username"])
        host = self.host.split("//", 1)[1]
        self.client.headers.update(
            {
                "X-Forwarded-Proto": "https",
                "Accept-Language": "fi",
                "Referer": f"https://{host}/",
                "Cookie": f"sessionid={self.person['session']}; csrftoken={self.person['csrf']}",
                "X-CSRFToken": self.person["csrf"],
            }
        )

    def open_client(self):
        client = self.rng.choice(self.person["clients"])
        self.client.get(f"/clients/{client}/", name="/clients/[id]/")


class Coordinator(Person):
    weight = 3
    pool = COORDINATORS
    kind = "coordinator"

    @task(3)
    def client_list(self):
        self.client.get("/clients/", name="/clients/")

    @task(2)
    def search(self):
        self.client.get(f"/clients/?q={self.rng.choice(SEARCHES)}", name="/clients/?q=[name]")

    @task(4)
    def client_page(self):
        self.open_client()

    @task(1)
    def my_work(self):
        self.client.get("/work/", name="/work/")

    @task(1)
    def queue(self):
        self.client.get("/referrals/", name="/referrals/")

    @task(2)
    def record_event(self):
        if not self.person["episodes"]:
            return
        episode = self.rng.choice(self.person["episodes"])
        url = f"/episodes/{episode}/events/new/"
        self.client.get(url, name="/episodes/[id]/events/new/ (form)")
        with self.client.post(
            url,
            data={
                "kind": "note",
                "occurred_date": "2026-11-01",
                "occurred_time": "10:00",
                "summary": "Kuormitustesti: puhelinsoitto, seuraava askel sovittu.",
                "csrfmiddlewaretoken": self.person["csrf"],
            },
            name="/episodes/[id]/events/new/ (save)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"event not saved: {response.status_code}")


class Professional(Person):
    weight = 2
    pool = PROFESSIONALS
    kind = "professional"

    @task(5)
    def client_page(self):
        self.open_client()

    @task(1)
    def client_list(self):
        self.client.get("/clients/", name="/clients/")

    @task(1)
    def my_work(self):
        self.client.get("/work/", name="/work/")

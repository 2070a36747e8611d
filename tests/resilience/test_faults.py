"""Fault tests against real gunicorn and a private PostgreSQL cluster (SQLite without it).

- kill -9: 2,000 creates with Idempotency-Key while gunicorn's master and workers are
  SIGKILLed 10 times: every acknowledged write exists exactly once, no retry duplicated.
- PostgreSQL restart during traffic: failures are 503, the same gunicorn recovers by
  itself, nothing half-written; the recovery time is printed.
- Read-only database: a plain 503 page (JSON in the API), no traceback, nothing lost.

Figures are printed (run with -s) and appended to $RINNALLA_RESILIENCE_REPORT if set.
"""

import collections
import os
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.resilience.conftest import Browser, wait_for
from tests.resilience.servers import Gunicorn, PrivatePostgres, manage, production_env

WRITES = int(os.environ.get("RINNALLA_KILL_WRITES", "2000"))
KILLS = int(os.environ.get("RINNALLA_KILLS", "10"))


def report(line: str) -> None:
    print(f"\nRESILIENCE: {line}", flush=True)
    path = os.environ.get("RINNALLA_RESILIENCE_REPORT")
    if path:
        with open(path, "a") as handle:
            handle.write(line + "\n")


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """(database URL, cluster or None): a private PostgreSQL cluster when possible."""
    try:
        cluster = PrivatePostgres()
    except Exception as exc:  # no server binaries: SQLite (the restart test skips)
        print(f"no private PostgreSQL ({exc}); SQLite")
        path = tmp_path_factory.mktemp("sqlite") / "rinnalla.sqlite3"
        yield f"sqlite:///{path}", None
        return
    cluster.psql("CREATE DATABASE rinnalla")
    yield cluster.url("rinnalla"), cluster
    cluster.destroy()


@pytest.fixture(scope="module")
def site(database, tmp_path_factory):
    """The demo in the database, an API token of the coordinator and an open episode."""
    url, cluster = database
    var = tmp_path_factory.mktemp("var")
    env = production_env(url, var)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo", "--if-empty")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    token = manage(env, "create_api_token", "tkk").strip().splitlines()[-1]
    episode = manage(
        env,
        "shell",
        "-c",
        "from rinnalla.episodes.models import Episode; "
        "print(Episode.objects.filter(status='active', responsible_persons__professional__"
        "username='tkk').order_by('pk').values_list('pk', flat=True).first())",
    ).split()[-1]
    return {"env": env, "token": token, "episode": int(episode), "var": var, "cluster": cluster}


def count_markers(env, prefix: str) -> collections.Counter:
    out = manage(
        env,
        "shell",
        "-c",
        "from rinnalla.episodes.models import PathEvent\n"
        f"for s in PathEvent.objects.filter(summary__startswith={prefix!r})"
        ".values_list('summary', flat=True): print(s)",
    )
    return collections.Counter(line for line in out.splitlines() if line.startswith(prefix))


def invariant_violations(env) -> str:
    return (
        manage(
            env,
            "shell",
            "-c",
            "from rinnalla.demo.invariants import violations; print(violations())",
        )
        .strip()
        .splitlines()[-1]
    )


class Writer:
    """POSTs path events with Idempotency-Key, retrying the same key until acknowledged."""

    def __init__(self, base: str, token: str, episode: int, prefix: str):
        self.base, self.episode, self.prefix = base, episode, prefix
        self.headers = {"Authorization": f"Bearer {token}", "X-Forwarded-Proto": "https"}
        self.statuses = collections.Counter()
        self.acknowledged: set[str] = set()
        self.abandoned: set[str] = set()
        self.lock = threading.Lock()

    def write(self, i: int, *, give_up_after_first_failure: bool = False) -> None:
        marker = f"{self.prefix}{i:05d}"
        body = {"kind": "note", "occurred_at": "2026-11-01T10:00:00", "summary": marker}
        for _attempt in range(200):
            try:
                response = requests.post(
                    f"{self.base}/api/v1/episodes/{self.episode}/events",
                    json=body,
                    headers={**self.headers, "Idempotency-Key": marker},
                    timeout=15,
                )
                status = response.status_code
            except requests.RequestException:
                status = "connection error"
            with self.lock:
                self.statuses[status] += 1
            if status == 201:
                with self.lock:
                    self.acknowledged.add(marker)
                return
            if give_up_after_first_failure:
                with self.lock:
                    self.abandoned.add(marker)
                return
            time.sleep(0.2)
        raise AssertionError(f"{marker} never acknowledged")


def test_kill_9_during_writes_loses_and_duplicates_nothing(site, tmp_path):
    server = Gunicorn(site["env"], workers=2, log=tmp_path / "gunicorn.log")
    server.start()
    writer = Writer(server.base, site["token"], site["episode"], prefix="kill9-")
    rng = random.Random(15)
    kill_at = sorted(rng.sample(range(WRITES // 20, WRITES - WRITES // 20), KILLS))
    done = 0
    done_lock = threading.Lock()
    kills = []

    def one(i):
        nonlocal done
        # Every 10th write gives up after its first failure: never acknowledged, it
        # may exist at most once.
        writer.write(i, give_up_after_first_failure=(i % 10 == 0))
        with done_lock:
            done += 1

    def killer():
        for threshold in kill_at:
            while done < threshold:
                time.sleep(0.01)
            time.sleep(rng.random() * 0.05)
            server.kill9()
            down = time.monotonic()
            server.start(wait=False)
            wait_for(server.base + "/healthz", timeout=60)
            kills.append(time.monotonic() - down)

    started = time.monotonic()
    try:
        thread = threading.Thread(target=killer)
        thread.start()
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(one, range(WRITES)))
        thread.join(120)
    finally:
        server.stop()
    elapsed = time.monotonic() - started

    found = count_markers(site["env"], "kill9-")
    duplicates = {m: n for m, n in found.items() if n > 1}
    lost = writer.acknowledged - set(found)
    abandoned_found = len(writer.abandoned & set(found))
    report(
        f"kill -9: {WRITES} writes, {len(kills)} SIGKILLs of master+workers "
        f"(restart to healthy {min(kills):.1f}-{max(kills):.1f} s), {elapsed:.0f} s; "
        f"acknowledged {len(writer.acknowledged)}, found {sum(found.values())} "
        f"({len(found)} distinct), duplicates {len(duplicates)}, acknowledged but missing "
        f"{len(lost)}; {len(writer.abandoned)} abandoned after a failure, of which "
        f"{abandoned_found} were written once; answers {dict(writer.statuses)}"
    )
    assert len(kills) == KILLS
    assert not duplicates
    assert not lost
    assert set(found) <= writer.acknowledged | writer.abandoned
    assert invariant_violations(site["env"]) == "{}"


def test_postgresql_restart_is_survived_without_restarting_the_app(site, tmp_path):
    cluster = site["cluster"]
    if cluster is None:
        pytest.skip("needs PostgreSQL server binaries for a private cluster")
    env = {**site["env"], "DATABASE_CONN_MAX_AGE": "60"}
    server = Gunicorn(env, workers=2, log=tmp_path / "gunicorn.log")
    server.start()
    pids = server.worker_pids()
    writer = Writer(server.base, site["token"], site["episode"], prefix="pgrestart-")
    statuses = collections.Counter()
    timeline: list[tuple[float, int | str]] = []
    stop = threading.Event()
    lock = threading.Lock()

    def reader():
        session = requests.Session()
        while not stop.is_set():
            try:
                status = session.get(
                    f"{server.base}/api/v1/clients",
                    headers=writer.headers,
                    timeout=10,
                ).status_code
            except requests.RequestException:
                status = "connection error"
            with lock:
                statuses[status] += 1
                timeline.append((time.monotonic(), status))
            time.sleep(0.02)

    counter = iter(range(100_000))

    def write_loop():
        while not stop.is_set():
            i = next(counter)
            writer.write(i, give_up_after_first_failure=True)
            with lock:
                timeline.append(
                    (time.monotonic(), 201 if f"pgrestart-{i:05d}" in writer.acknowledged else 503)
                )

    threads = [threading.Thread(target=reader) for _ in range(2)]
    threads += [threading.Thread(target=write_loop) for _ in range(2)]
    try:
        for thread in threads:
            thread.start()
        time.sleep(5)
        restarted = time.monotonic()
        cluster.restart("fast")
        database_back = time.monotonic() - restarted
        time.sleep(8)
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
    after = [(t, s) for t, s in timeline if t >= restarted]
    failures = [(t, s) for t, s in after if s != 200 and s != 201]
    last_failure = max((t for t, _ in failures), default=restarted)
    first_ok_after = min(
        (t for t, s in after if s in (200, 201) and t > last_failure), default=None
    )
    recovery = (first_ok_after or last_failure) - restarted
    same_workers = server.worker_pids() == pids
    server.stop()

    # Writes given up after one failure may be missing; none duplicated, none half-written.
    found = count_markers(site["env"], "pgrestart-")
    duplicates = {m: n for m, n in found.items() if n > 1}
    report(
        f"PostgreSQL restart (pg_ctl restart -m fast) under traffic: database back after "
        f"{database_back:.1f} s, application answering again {recovery:.1f} s after the "
        f"restart began, without restarting gunicorn (same workers: {same_workers}); "
        f"reads {dict(statuses)}, writes {dict(writer.statuses)}; acknowledged "
        f"{len(writer.acknowledged)}, found {len(found)}, duplicates {len(duplicates)}"
    )
    assert same_workers
    bad = {s for _, s in failures} - {503}
    assert not bad, f"failures other than 503: {bad}"
    assert first_ok_after is not None, "the application did not recover"
    assert recovery < 30
    assert writer.acknowledged <= set(found)
    assert not duplicates
    assert invariant_violations(site["env"]) == "{}"


_END_APP_CONNECTIONS = (
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
    "WHERE datname = 'rinnalla' AND pid <> pg_backend_pid()"
)


def test_a_read_only_database_answers_503_and_loses_nothing(site, tmp_path):
    cluster = site["cluster"]
    if cluster is None:
        pytest.skip("needs PostgreSQL (a read-only SQLite file is not read-only to root)")
    server = Gunicorn(site["env"], workers=1, log=tmp_path / "gunicorn.log")
    server.start()
    writer = Writer(server.base, site["token"], site["episode"], prefix="readonly-")
    browser = Browser(server.base)
    try:
        browser.login("tkk")
        cluster.psql("ALTER DATABASE rinnalla SET default_transaction_read_only = on")
        # The setting reaches new sessions only: end the app's persistent connections,
        # which reconnect (CONN_HEALTH_CHECKS) and find the database read-only.
        cluster.psql(_END_APP_CONNECTIONS)
        page = browser.get("/clients/")
        api = requests.post(
            f"{server.base}/api/v1/episodes/{site['episode']}/events",
            json={"kind": "note", "occurred_at": "2026-11-01T10:00:00", "summary": "readonly-1"},
            headers={**writer.headers, "Idempotency-Key": "readonly-1"},
            timeout=10,
        )
        cluster.psql("ALTER DATABASE rinnalla SET default_transaction_read_only = off")
        cluster.psql(_END_APP_CONNECTIONS)
        writer.write(1)  # the same key again once writable: written once
    finally:
        cluster.psql("ALTER DATABASE rinnalla RESET default_transaction_read_only")
        server.stop()
    report(
        f"read-only database: page {page.status_code}, API {api.status_code} "
        f"({api.json().get('detail')}); after: written {count_markers(site['env'], 'readonly-')}"
    )
    assert page.status_code == 503
    assert "Palvelu ei ole hetkeen käytettävissä" in page.text
    assert "Traceback" not in page.text and "read-only" not in page.text
    assert api.status_code == 503
    assert count_markers(site["env"], "readonly-") == {"readonly-00001": 1}

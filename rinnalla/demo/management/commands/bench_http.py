"""HTTP throughput of the main pages against a Django hello-world, in the same run.

Both run under gunicorn (``--workers``, the project's own default settings with DEBUG
off) on this machine; wrk (a compiled load generator: a Python one would compete with
the servers for the same cores and cap the hello-world baseline) drives each target
with ``--connections`` concurrent connections for ``--seconds``. The user is the
coordinator of the largest synthetic service (the one ``manage.py bench`` uses),
signed in with a session cookie for the pages and a bearer token for the API.

Prints req/s, p50 and p99 per target and its ratio to the hello-world's req/s, with
the load average, because the machine may be shared.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.test import Client as TestClient

from rinnalla.access.policy import visible_clients
from rinnalla.accounts.models import ApiToken, User
from rinnalla.clients.models import Client
from rinnalla.demo import synthetic
from rinnalla.episodes.models import PathEvent

HELLO_APP = """\
from django.conf import settings
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="hello-world-only",
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
    ],
)


def hello(request):
    return HttpResponse("hello")


urlpatterns = [path("", hello)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
"""

_LATENCY_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass
class Result:
    name: str
    status: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        return float("nan")
    return float(match.group(1)) * _LATENCY_UNITS[match.group(2)]


def parse_wrk(output: str) -> tuple[float, float, float, int]:
    """req/s, p50 ms, p99 ms and non-2xx/3xx + socket errors from ``wrk --latency``."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sock = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(bad.group(1)) if bad else 0
    if sock:
        errors += sum(int(n) for n in sock.groups())
    return (
        float(rps.group(1)) if rps else 0.0,
        _ms(p50.group(1)) if p50 else float("nan"),
        _ms(p99.group(1)) if p99 else float("nan"),
        errors,
    )


class Command(BaseCommand):
    help = (
        "HTTP run: the main pages under gunicorn beside a Django hello-world under the "
        "same server, driven by wrk; prints req/s, p50, p99 and the ratio to hello-world."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--seconds", type=int, default=15)
        parser.add_argument("--threads", type=int, default=2, help="wrk threads.")
        parser.add_argument("--port", type=int, default=8911, help="hello-world; +1 project.")
        parser.add_argument("--name", default="Sjöb", help="The name search's query.")
        parser.add_argument(
            "--client",
            type=int,
            default=0,
            help="Client page id (default: the median path length of the service).",
        )
        parser.add_argument(
            "--busiest", action="store_true", help="Client page: the longest path instead."
        )
        parser.add_argument(
            "--project-dir",
            default=str(settings.BASE_DIR),
            help="Serve the project from this checkout (e.g. another branch, for a before/after).",
        )

    def handle(self, *args, seed, workers, connections, seconds, threads, port, name, **options):
        if shutil.which("wrk") is None:
            raise CommandError("wrk is not installed (Debian: apt-get install -y wrk).")
        services = list(synthetic.synthetic_services(seed))
        if not services:
            raise CommandError(f"No synthetic data for seed {seed}: run manage.py bench first.")
        counts = {s.pk: Client.objects.filter(service=s).count() for s in services}
        service = max(services, key=lambda s: (counts[s.pk], -s.pk))
        user = (
            User.objects.filter(organisation=service, role=User.Role.COORDINATOR)
            .order_by("username")
            .first()
        )
        visible = visible_clients(user).count()
        client_id = options["client"] or self._typical_client(service, busiest=options["busiest"])
        events = PathEvent.objects.filter(episode__client_id=client_id).count()
        targets = [
            # The floor of any page: the project's whole middleware stack (the session and
            # the user are read) around a view that does nothing.
            ("project floor", "/healthz"),
            ("client list", "/clients/"),
            ("name search (API)", "/api/v1/clients?" + urllib.parse.urlencode({"q": name})),
            ("client page", f"/clients/{client_id}/"),
            ("referral queue", "/referrals/"),
            ("my work", "/work/"),
            ("API client detail", f"/api/v1/clients/{client_id}"),
        ]
        browser = TestClient()
        browser.force_login(user)
        cookie = (
            f"{settings.SESSION_COOKIE_NAME}={browser.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
        token, raw = ApiToken.issue(user)
        headers = {"Cookie": cookie, "Authorization": f"Bearer {raw}"}
        hello_dir = Path(tempfile.mkdtemp(prefix="rinnalla-hello-"))
        (hello_dir / "hello.py").write_text(HELLO_APP)
        servers = []
        try:
            servers.append(self._start(port, hello_dir, "hello:application", workers))
            servers.append(
                self._start(
                    port + 1, Path(options["project_dir"]), "rinnalla.wsgi:application", workers
                )
            )
            self.stdout.write(
                f"HTTP run: gunicorn {workers} workers, wrk {connections} connections × "
                f"{seconds} s per target; {user.username} (coordinator of {service.name}) "
                f"sees {visible:,} clients; client page = client {client_id} ({events} path events); "
                f"load average {self._load()} at the start."
            )
            base = self._run(
                "django hello-world", f"http://127.0.0.1:{port}/", {}, threads, connections, seconds
            )
            results = [base]
            for label, path in targets:
                results.append(
                    self._run(
                        label + f" {path}",
                        f"http://127.0.0.1:{port + 1}{path}",
                        headers,
                        threads,
                        connections,
                        seconds,
                    )
                )
        finally:
            for process in servers:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
            shutil.rmtree(hello_dir, ignore_errors=True)
            token.delete()
        self.stdout.write(self.table(results))
        self.stdout.write(f"Load average {self._load()} at the end.")

    @staticmethod
    def table(results: list[Result]) -> str:
        base = results[0].rps or float("nan")
        lines = [
            f"{'target':<58} {'status':>6} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} "
            f"{'errors':>6} {'ratio':>7}"
        ]
        for r in results:
            lines.append(
                f"{r.name:<58} {r.status:>6} {r.rps:>9.1f} {r.p50_ms:>9.1f} {r.p99_ms:>9.1f} "
                f"{r.errors:>6} {r.rps / base:>7.3f}"
            )
        return "\n".join(lines)

    @staticmethod
    def _load() -> str:
        return " ".join(f"{n:.2f}" for n in os.getloadavg())

    @staticmethod
    def _typical_client(service, *, busiest: bool) -> int:
        """The service's client with the median path length (or the longest path)."""
        clients = (
            Client.objects.filter(service=service)
            .annotate(events=Count("episodes__events"))
            .filter(events__gt=0)
        )
        if busiest:
            row = clients.order_by("-events", "id").values_list("id", flat=True).first()
        else:
            ordered = clients.order_by("events", "id").values_list("id", flat=True)
            row = ordered[clients.count() // 2] if clients.exists() else None
        if row is None:
            raise CommandError("The service has no clients with a path.")
        return row

    def _start(self, port: int, directory: Path, app: str, workers: int) -> subprocess.Popen:
        env = {**os.environ, "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1,localhost"}
        log = open(Path(tempfile.gettempdir()) / f"rinnalla-bench-http-{port}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(  # noqa: S603 - our own argv
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-w",
                str(workers),
                "-b",
                f"127.0.0.1:{port}",
                "--chdir",
                str(directory),
                app,
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                return process
            except urllib.error.HTTPError:
                return process  # answering (a redirect to the login page is an answer)
            except OSError:
                if process.poll() is not None:
                    break
                time.sleep(0.5)
        os.killpg(process.pid, signal.SIGTERM)
        raise CommandError(f"gunicorn on port {port} did not start; see {log.name}")

    @staticmethod
    def _status(url: str, headers: dict) -> int:
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http only
            with opener.open(request, timeout=60) as answer:
                return answer.status
        except urllib.error.HTTPError as exc:
            return exc.code

    def _run(self, name, url, headers, threads, connections, seconds) -> Result:
        status = self._status(url, headers)
        command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
        command += ["--timeout", "30s"]  # a slow page is measured, not dropped
        for key, value in headers.items():
            command += ["-H", f"{key}: {value}"]
        output = subprocess.run(command + [url], capture_output=True, text=True, check=False)  # noqa: S603
        rps, p50, p99, errors = parse_wrk(output.stdout)
        self.stderr.write(f"  {name}: {rps:.1f} req/s")
        return Result(name, status, rps, p50, p99, errors)

"""``manage.py bench_load``: locust against gunicorn in production mode on this database."""
# ruff: noqa: S603 - fixed commands: this interpreter, manage.py, gunicorn, locust

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

ROOT = Path(settings.BASE_DIR)
LOCUSTFILE = ROOT / "tests" / "load" / "locustfile.py"


class Command(BaseCommand):
    help = (
        "Serve this database with gunicorn in production mode and run the locust scenario "
        "(tests/load/locustfile.py) headless: --users people with 3-10 s think time for "
        "--duration seconds. Prints p50 / p95 / p99 and errors per page and in total."
    )

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=50)
        parser.add_argument("--spawn-rate", type=float, default=2)
        parser.add_argument("--duration", type=int, default=300, help="Seconds of load.")
        parser.add_argument("--port", type=int, default=8099)
        parser.add_argument("--workers", type=int, default=None, help="gunicorn workers.")
        parser.add_argument("--out", type=Path, default=ROOT / "var" / "load")

    def handle(self, *args, users, spawn_rate, duration, port, workers, out, **options):
        out.mkdir(parents=True, exist_ok=True)
        db = connection.settings_dict
        if db["ENGINE"].endswith("sqlite3"):
            database_url = f"sqlite:///{db['NAME']}"
        else:
            password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
            database_url = (
                f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:"
                f"{db['PORT'] or 5432}/{db['NAME']}"
            )
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_SETTINGS")},
            "RINNALLA_PRODUCTION": "1",
            "SECRET_KEY": "load-test-only-" + "k" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": database_url,
            "DATABASE_CONN_MAX_AGE": "60",
            "RINNALLA_VAR_DIR": str(out / "var"),
            "RINNALLA_BIND": f"127.0.0.1:{port}",
            "RINNALLA_WORKER_HEARTBEAT_MAX_AGE": "0",
            "LOG_REQUESTS": "0",
            "RINNALLA_LOAD_USERS": str(out / "users.json"),
        }
        if workers:
            env["RINNALLA_WEB_WORKERS"] = str(workers)
        manage = [sys.executable, "manage.py"]
        self.stdout.write("Collecting static files and signing in the synthetic users…")
        subprocess.run(
            [*manage, "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        subprocess.run(
            [*manage, "prepare_load", "--out", str(out / "users.json")],
            cwd=ROOT,
            env=env,
            check=True,
        )
        base = f"http://127.0.0.1:{port}"
        with (out / "gunicorn.log").open("w") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self._wait(base)
            self.stdout.write(
                f"locust: {users} users, {duration} s, think time 3-10 s, against {base} "
                f"({env.get('RINNALLA_WEB_WORKERS', '2 × cores + 1')} gunicorn workers)…"
            )
            cpu_before = self._cpu(server.pid)
            load_before = os.getloadavg()[0]
            started = time.monotonic()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "locust",
                    "-f",
                    str(LOCUSTFILE),
                    "--headless",
                    "--users",
                    str(users),
                    "--spawn-rate",
                    str(spawn_rate),
                    "--run-time",
                    f"{duration}s",
                    "--host",
                    base,
                    "--csv",
                    str(out / "locust"),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=ROOT,
                env=env,
                check=False,
                stdout=subprocess.DEVNULL,
            )
            wall = time.monotonic() - started
            cpu_after = self._cpu(server.pid)
            load_after = os.getloadavg()[0]
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(60)
        total = self._report(out / "locust_stats.csv", users=users, duration=duration)
        if total:
            requests_made = int(total["Request Count"]) or 1
            app = (cpu_after[0] - cpu_before[0]) / requests_made * 1000
            database = (cpu_after[1] - cpu_before[1]) / requests_made * 1000
            cores = os.cpu_count() or 1
            self.stdout.write(
                f"CPU per request: application {app:.0f} ms, PostgreSQL {database:.0f} ms "
                f"(measured from /proc over {wall:.0f} s). Load average {load_before:.1f} → "
                f"{load_after:.1f} on {cores} cores: above {cores}, other processes share the "
                f"CPU and the times above include waiting for it. Alone, {cores} cores would "
                f"serve about {cores * 1000 / max(app + database, 1):.0f} requests/s."
            )

    @staticmethod
    def _cpu(master: int) -> tuple[float, float]:
        """CPU seconds so far of gunicorn (master, workers, reaped workers) and of the
        PostgreSQL backends serving this database."""
        tick = os.sysconf("SC_CLK_TCK")

        def times(pid: int, *, reaped: bool = False) -> float:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                return 0.0
            used = int(fields[11]) + int(fields[12])  # utime, stime
            if reaped:
                used += int(fields[13]) + int(fields[14])  # cutime, cstime
            return used / tick

        children = Path(f"/proc/{master}/task/{master}/children")
        workers = [int(p) for p in children.read_text().split()] if children.exists() else []
        app = times(master, reaped=True) + sum(times(pid) for pid in workers)
        database = 0.0
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid()"
                )
                database = sum(times(pid) for (pid,) in cursor.fetchall())
        return app, database

    def _wait(self, base: str) -> None:
        for _ in range(300):
            try:
                if requests.get(base + "/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise CommandError("gunicorn did not start; see var/load/gunicorn.log")

    def _report(self, stats: Path, *, users: int, duration: int) -> None:
        if not stats.exists():
            raise CommandError(f"locust wrote no statistics ({stats})")
        rows = list(csv.DictReader(stats.open()))
        header = f"{'page':44} {'requests':>8} {'errors':>6} {'p50':>6} {'p95':>6} {'p99':>6}"
        self.stdout.write("\n" + header + "\n" + "-" * len(header))
        total = None
        for row in rows:
            line = (
                f"{(row['Type'] + ' ' + row['Name'])[:44]:44} {row['Request Count']:>8} "
                f"{row['Failure Count']:>6} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
            )
            if row["Name"] == "Aggregated":
                total = row
                self.stdout.write("-" * len(header))
            self.stdout.write(line)
        if total:
            rate = int(total["Request Count"]) / duration
            self.stdout.write(
                f"\nLoad: {users} users with think time, {duration} s: "
                f"p50 {total['50%']} ms, p95 {total['95%']} ms, p99 {total['99%']} ms, "
                f"{total['Failure Count']} errors of {total['Request Count']} requests "
                f"({rate:.1f} requests/s). Goal: p95 ≤ 300 ms, 0 errors."
            )
        return total

"""The servers the fault tests start, kill and restart: a private PostgreSQL cluster and
gunicorn. A private cluster (initdb in a temporary directory, its own port) so that
restarting "the database" never disturbs anyone else's PostgreSQL."""

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import requests

from tests.resilience.conftest import PYTHON, ROOT, free_port, wait_for

PG_BIN = next(
    (p for p in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)),
    None,
) or (Path(shutil.which("pg_ctl")).parent if shutil.which("pg_ctl") else None)


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PrivatePostgres:
    def __init__(self):
        if PG_BIN is None or not (PG_BIN / "initdb").exists():
            raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
        self.dir = Path(tempfile.mkdtemp(prefix="rinnalla-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.log = self.dir / "postgres.log"
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        subprocess.run(
            _as_postgres(
                [str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust"]
                + ["-E", "UTF8", "--locale=C.UTF-8"]
            ),
            check=True,
            capture_output=True,
        )
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"port = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.dir}'\nfsync = on\n"
                "shared_buffers = 64MB\nmax_connections = 50\n"
            )
        self.start()

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            _as_postgres(
                [str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), *args]
            ),
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        self._ctl("start", "-w", "-t", "60")

    def stop(self, mode: str = "fast") -> None:
        self._ctl("stop", "-m", mode, "-w", "-t", "60")

    def restart(self, mode: str = "fast") -> None:
        self._ctl("restart", "-m", mode, "-w", "-t", "60")

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def psql(self, sql: str, database: str = "postgres") -> str:
        result = subprocess.run(
            [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
            + ["-d", database, "-Atc", sql],
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout.strip()

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def production_env(database_url: str, var_dir: Path, **extra: str) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS", "PROMETHEUS"))
    }
    env.update(
        RINNALLA_PRODUCTION="1",
        # The traffic signs in with API tokens from `manage.py create_api_token`, which
        # carry no second factor; these tests are about faults, not about 2FA.
        RINNALLA_REQUIRE_2FA="0",
        SECRET_KEY="resilience-test-key-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        RINNALLA_VAR_DIR=str(var_dir),
        RINNALLA_WORKER_HEARTBEAT_MAX_AGE="0",
        LOG_REQUESTS="0",
        **extra,
    )
    return env


class Gunicorn:
    def __init__(self, env: dict, *, workers: int = 2, log: Path):
        self.port = free_port()
        self.env = {**env, "RINNALLA_BIND": f"127.0.0.1:{self.port}"}
        self.env["RINNALLA_WEB_WORKERS"] = str(workers)
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self, *, wait: bool = True) -> None:
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.starts += 1
        if wait:
            wait_for(self.base + "/healthz", timeout=60)

    def kill9(self) -> None:
        """SIGKILL the master and every worker at once (the whole process group)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                requests.get(self.base + "/healthz", timeout=0.5)
            except requests.RequestException:
                return
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)

    def worker_pids(self) -> set[int]:
        out = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        ).stdout
        return {int(pid) for pid in out.split()}

"""gunicorn settings for Rinnalla (``make serve`` and deploy/systemd/rinnalla-web.service).

Every value comes from the environment so that one file serves every installation:
RINNALLA_WEB_WORKERS (default 2 × cores + 1), RINNALLA_WEB_THREADS, RINNALLA_BIND,
RINNALLA_WEB_TIMEOUT, PROMETHEUS_MULTIPROC_DIR.
"""

import multiprocessing
import os
import shutil
from pathlib import Path

_var = Path(os.environ.get("RINNALLA_VAR_DIR", Path(__file__).resolve().parent.parent / "var"))

wsgi_app = "rinnalla.wsgi:application"
bind = os.environ.get("RINNALLA_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("RINNALLA_WEB_WORKERS", 2 * multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("RINNALLA_WEB_THREADS", "1"))
timeout = int(os.environ.get("RINNALLA_WEB_TIMEOUT", "60"))
graceful_timeout = 20
keepalive = 5
# A worker is replaced after this many requests (with jitter): no slow leak lives forever.
max_requests = 2000
max_requests_jitter = 200
# The application writes its own JSON request line (rinnalla.ops.middleware); gunicorn
# logs only its own events, on stderr, where systemd's journal takes them.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning").lower()
# Behind the reverse proxy on the same machine: trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Prometheus figures of all workers, merged at scrape time (prometheus_client multiprocess).
_metrics = Path(os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(_var / "prometheus")))


def on_starting(server):
    shutil.rmtree(_metrics, ignore_errors=True)
    _metrics.mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def post_worker_init(worker):
    # Import every view now (URLconf, the API's routers) rather than in the first request.
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018

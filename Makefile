# The two commands: `make run` serves the demo, `make test` checks everything.
# Both do the whole set-up on a fresh machine and are safe to run again.
PORT ?= 8000
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= $(if $(DATABASE_URL),$(DATABASE_URL),postgres://postgres@127.0.0.1:5432/test)
PYTEST := $(PY) -m pytest -q

.PHONY: serve test-resilience run test setup lint format test-sqlite test-postgres test-browser bench bench-search bench-http worker messages messages-update demo

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --if-empty --history
	@echo ""
	@echo "Rinnalla demo at http://127.0.0.1:$(PORT)/  (password for every demo user: demo)"
	@echo "  tkk        work ability coordinator"
	@echo "  laakari    physician, health centre (network professional)"
	@echo "  kela       Kela work ability advisor (network professional)"
	@echo "  esihenkilo manager (aggregates only)"
	@echo "  admin      administrator"
	@echo ""
	@echo "  (the background worker and its scheduled jobs log to var/worker.log)"
	export RINNALLA_BASE_URL=$${RINNALLA_BASE_URL:-http://127.0.0.1:$(PORT)}; \
	$(PY) manage.py run_worker > var/worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production mode on this machine: gunicorn (RINNALLA_WEB_WORKERS), WhiteNoise, the worker
# with the scheduled jobs; DEBUG off. Without TLS in front, SSL redirect is off here;
# deploy/ has the systemd units and the nginx site for a real installation.
serve: setup
	RINNALLA_BIND=127.0.0.1:$(PORT) ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} \
	SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} RINNALLA_LOAD_DEMO=$${RINNALLA_LOAD_DEMO:-1} \
	PY=$(PY) deploy/serve.sh

test: setup lint test-sqlite test-postgres test-browser

setup: $(VENV)/.installed node_modules/.installed messages
	@mkdir -p var

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext)
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

# After changing user-facing text: refresh the fi and sv catalogues, then translate
# what `update_messages` lists (tests/test_catalogues.py fails until both are complete).
messages-update: $(VENV)/.installed
	$(PY) manage.py update_messages

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test-sqlite: setup
	$(PYTEST) -n 2 -m "not browser"

test-postgres: setup
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "PostgreSQL reachable: running the suite on it"; \
		DATABASE_URL=$(PG_URL) $(PYTEST) -n 2 -m "not browser"; \
	else echo "PostgreSQL not reachable at $(PG_URL): skipped"; fi

# Fault tests and `make serve` end to end: real gunicorn, SIGKILL, a PostgreSQL restart
# (a private cluster), a read-only database. Slow and serial, so not part of `make test`.
test-resilience: setup
	RINNALLA_RESILIENCE=1 $(PYTEST) -p no:xdist -s tests/resilience

test-browser: setup
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	$(PYTEST) -m browser

# The page bench, then (PostgreSQL) the HTTP run (gunicorn + wrk beside a Django
# hello-world, each page's ratio to it; `make bench-http` alone), the access log at
# ACCESS_LOG_ROWS rows (the first fill of 100 million takes ~25 min + ~8 min of index
# builds) and the locust load test
# (LOAD_USERS people with think time for LOAD_SECONDS against gunicorn in production mode).
ACCESS_LOG_ROWS ?= 100000000
LOAD_USERS ?= 50
LOAD_SECONDS ?= 300
bench: setup
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		DATABASE_URL=$(PG_URL) $(PY) manage.py bench --clients $${CLIENTS:-50000} && \
		DATABASE_URL=$(PG_URL) $(PY) manage.py bench_http && \
		DATABASE_URL=$(PG_URL) $(PY) manage.py bench_load --users $(LOAD_USERS) --duration $(LOAD_SECONDS) && \
		DATABASE_URL=$(PG_URL) $(PY) manage.py bench_access_log --rows $(ACCESS_LOG_ROWS); \
	else RINNALLA_VAR_DIR=var/bench $(PY) manage.py bench --clients $${CLIENTS:-50000} && \
		RINNALLA_VAR_DIR=var/bench $(PY) manage.py bench_load --users $(LOAD_USERS) --duration $(LOAD_SECONDS); fi

# Name search alone at SEARCH_CLIENTS clients (default a million, ~2 path events per
# relationship; the first load takes ~30 min) on PostgreSQL: median and p95 per query.
SEARCH_CLIENTS ?= 1000000
bench-search: setup
	DATABASE_URL=$(PG_URL) $(PY) manage.py bench_search --clients $(SEARCH_CLIENTS)

# The HTTP run alone, on the county `make bench` loaded (PostgreSQL).
bench-http: setup
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	DATABASE_URL=$(PG_URL) $(PY) manage.py bench_http

worker: setup
	$(PY) manage.py run_worker

demo: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --if-empty --history

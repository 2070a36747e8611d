#!/usr/bin/env bash
# Production mode on one machine (make serve): migrate, collect static files, then the
# worker (with the scheduled jobs) in the background and gunicorn in the foreground.
# Stopping this script (Ctrl+C, SIGTERM) stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export RINNALLA_PRODUCTION=${RINNALLA_PRODUCTION:-1}
VAR=${RINNALLA_VAR_DIR:-var}
mkdir -p "$VAR"
if [ -z "${SECRET_KEY:-}" ] && [ -z "${SECRET_KEY_FILE:-}" ]; then
  # One machine, no secret given: make one and keep it (never the development key).
  if [ ! -s "$VAR/secret_key" ]; then
    (umask 077; "$PY" -c "import secrets; print(secrets.token_urlsafe(50))" > "$VAR/secret_key")
  fi
  export SECRET_KEY_FILE="$VAR/secret_key"
fi
if [ "${RINNALLA_LOAD_DEMO:-0}" = 1 ]; then
  # The demo logins have no authenticator app: with the demo the second factor is off
  # unless RINNALLA_REQUIRE_2FA says otherwise. A real installation loads no demo.
  export RINNALLA_REQUIRE_2FA=${RINNALLA_REQUIRE_2FA:-0}
fi
"$PY" manage.py check --deploy --fail-level ERROR >/dev/null
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py collectstatic --noinput -v 0
if [ "${RINNALLA_LOAD_DEMO:-0}" = 1 ]; then "$PY" manage.py load_demo --if-empty; fi
"$PY" manage.py run_worker -v 0 &
WORKER=$!
trap 'kill -TERM $WORKER 2>/dev/null || true; wait $WORKER 2>/dev/null || true' EXIT
trap 'exit 0' INT TERM
echo "Rinnalla (production mode) at http://${RINNALLA_BIND:-127.0.0.1:8000}/  workers: ${RINNALLA_WEB_WORKERS:-2 x cores + 1}"
"$PY" -m gunicorn -c deploy/gunicorn.conf.py &
WEB=$!
trap 'kill -TERM $WEB $WORKER 2>/dev/null || true; wait $WEB $WORKER 2>/dev/null || true' EXIT
wait $WEB

"""Rinnalla settings: every environment-specific value is read through rinnalla.core.env.

Development defaults are safe and obvious; ``RINNALLA_PRODUCTION=1`` switches on the
production hardening (secure cookies, HSTS, required secret key and hosts).
"""

import datetime
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from rinnalla.core.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("RINNALLA_VAR_DIR", str(BASE_DIR / "var")))

PRODUCTION = env_bool("RINNALLA_PRODUCTION", False)
DEBUG = env_bool("DEBUG", not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when RINNALLA_PRODUCTION=1")

SECRET_KEY = env_secret(
    "SECRET_KEY",
    None if PRODUCTION else "dev-only-insecure-key-rinnalla-do-not-use-in-production",
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
if PRODUCTION and SECRET_KEY.startswith("dev-only-insecure-key"):
    raise ImproperlyConfigured(
        "SECRET_KEY is the development key: set SECRET_KEY or SECRET_KEY_FILE"
    )
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set with RINNALLA_PRODUCTION=1")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    # Serves Swagger UI from the package's own static files (no CDN).
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rinnalla.core",
    "rinnalla.accounts",
    "rinnalla.clients",
    "rinnalla.referrals",
    "rinnalla.episodes",
    "rinnalla.consent",
    "rinnalla.access",
    "rinnalla.plans",
    "rinnalla.measurements",
    "rinnalla.followup",
    "rinnalla.workability",
    "rinnalla.catalogue",
    "rinnalla.situation",
    "rinnalla.surveys",
    "rinnalla.reports",
    "rinnalla.portal",
    "rinnalla.demo",
    "rinnalla.ops",
    "django_prometheus",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "rinnalla.ops.middleware.RequestLogMiddleware",
    # Before anything reads the body (CSRF, sessions, forms).
    "rinnalla.core.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files in production (collected); the development server serves its own.
    *(["whitenoise.middleware.WhiteNoiseMiddleware"] if PRODUCTION else []),
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "rinnalla.ops.middleware.IdempotencyMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "rinnalla.core.middleware.SessionLifetimeMiddleware",
    "rinnalla.core.middleware.TwoStepRequiredMiddleware",
    "csp.middleware.CSPMiddleware",
    "rinnalla.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: turns a login refused by the lock-out into the login page with a message.
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "rinnalla.urls"
WSGI_APPLICATION = "rinnalla.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite under var/ by default; PostgreSQL in production through DATABASE_URL.
_DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'rinnalla.sqlite3'}")
_POSTGRES = _DATABASE_URL.startswith(("postgres://", "postgresql://", "pgsql://"))
DATABASES = {
    "default": dj_database_url.parse(
        _DATABASE_URL,
        # Persistent connections by default on PostgreSQL: a new connection per request
        # costs ~24 ms, more than most pages; health checks replace a connection broken
        # by a database restart instead of reusing it.
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60 if _POSTGRES else 0, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The access rule's EXISTS filters make the planner's cost estimate large enough to
    # trigger JIT compilation (~0.7 s) on every list query; plain execution takes ms.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers wait for the write lock instead of failing: a transaction takes
    # the lock when it begins (IMMEDIATE), so the busy timeout applies; Django's default
    # deferred transactions fail at once with "database is locked" on the first write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses any login of a locked-out username before the password is checked.
    "rinnalla.access.backends.LockoutBackend",
    "rinnalla.access.backends.PasswordBackend",
    # The administrator's admin powers come from the role (never a superuser).
    "rinnalla.accounts.backends.RolePermissionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date format per language, the same in all three (rinnalla/formats/).
FORMAT_MODULE_PATH = ["rinnalla.formats"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/hds-core", BASE_DIR / "node_modules" / "hds-core" / "lib"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
# Uploaded files (consent scans) live outside the web root and are never served directly.
PRIVATE_MEDIA_ROOT = Path(env_str("RINNALLA_PRIVATE_MEDIA", str(VAR_DIR / "private")))

TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "rinnalla@localhost")
# The address of this installation, for links in e-mails (invitations, reminders).
RINNALLA_BASE_URL = env_str("RINNALLA_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Where users and the accessibility statement send questions and feedback.
RINNALLA_SUPPORT_EMAIL = env_str("RINNALLA_SUPPORT_EMAIL", "rinnalla-tuki@example.org")

# The service's target time from referral to first contact (days).
RINNALLA_FIRST_CONTACT_TARGET_DAYS = env_int("RINNALLA_FIRST_CONTACT_TARGET_DAYS", 14, minimum=1)
RINNALLA_MEASUREMENT_REPEAT_WINDOW_DAYS = env_int(
    "RINNALLA_MEASUREMENT_REPEAT_WINDOW_DAYS", 180, minimum=0
)
# Follow-up: "no contact for N weeks" and reminders N days before an action's due date.
RINNALLA_NO_CONTACT_WEEKS = env_int("RINNALLA_NO_CONTACT_WEEKS", 6, minimum=1)
RINNALLA_REMINDER_DAYS_BEFORE = env_int("RINNALLA_REMINDER_DAYS_BEFORE", 3, minimum=0)
# A statement asked of a physician (e.g. B-lausunto) is followed up after this many days.
RINNALLA_STATEMENT_FOLLOW_UP_DAYS = env_int("RINNALLA_STATEMENT_FOLLOW_UP_DAYS", 28, minimum=1)
# Decision support (issue 12): "työikäinen" in referral criteria, and how many weeks
# ahead a benefit period's end or a Kela sickness allowance checkpoint needs attention.
RINNALLA_WORKING_AGE_MIN = env_int("RINNALLA_WORKING_AGE_MIN", 18, minimum=0)
RINNALLA_WORKING_AGE_MAX = env_int("RINNALLA_WORKING_AGE_MAX", 64, minimum=RINNALLA_WORKING_AGE_MIN)
RINNALLA_PERIOD_ENDING_WEEKS = env_int("RINNALLA_PERIOD_ENDING_WEEKS", 4, minimum=1)

# Lock-out after repeated failed logins (django-axes, rinnalla/accounts/lockout.py):
# 5 failures of one username from one address lock that pair for 15 minutes; 20
# failures of one username from anywhere lock the username. A success clears only the
# user's own pair. Behind a reverse proxy the client address is read from
# X-Forwarded-For, trusting that many proxies (production default: one).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
RINNALLA_LOGIN_USERNAME_LIMIT = env_int("LOGIN_USERNAME_FAILURE_LIMIT", 20, minimum=1)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "rinnalla.accounts.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "rinnalla.access.backends.client_ip"
RINNALLA_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if PRODUCTION else 0, minimum=0)
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "rinnalla.access.views.locked_out"
AXES_VERBOSE = False
# Second factor (TOTP authenticator app) with django-otp: required for every role that
# sees client data when on (default: on in production), optional otherwise.
OTP_TOTP_ISSUER = "Rinnalla"
RINNALLA_REQUIRE_2FA = env_bool("RINNALLA_REQUIRE_2FA", PRODUCTION)
# API tokens expire after this many days (and are revoked on a password change).
RINNALLA_API_TOKEN_DAYS = env_int("RINNALLA_API_TOKEN_DAYS", 90, minimum=1)

# Consent scans: PDF/JPEG/PNG up to this size, stored under PRIVATE_MEDIA_ROOT.
RINNALLA_CONSENT_SCAN_MAX_BYTES = env_int(
    "RINNALLA_CONSENT_SCAN_MAX_BYTES", 10 * 1024 * 1024, minimum=1024
)
# Any request body over this is refused (413) before it is read; the reverse proxy
# should refuse it first (client_max_body_size, docs/architecture.md "Security").
RINNALLA_REQUEST_MAX_BYTES = env_int(
    "RINNALLA_REQUEST_MAX_BYTES", RINNALLA_CONSENT_SCAN_MAX_BYTES + 1024 * 1024, minimum=1024
)
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
# How long a coordinator's emergency ("break-glass") access to one client lasts.
RINNALLA_BREAK_GLASS_MINUTES = env_int("RINNALLA_BREAK_GLASS_MINUTES", 60, minimum=1)
# Feedback surveys: how long a one-time survey link works.
RINNALLA_SURVEY_LINK_DAYS = env_int("RINNALLA_SURVEY_LINK_DAYS", 30, minimum=1)
# Reports: a cell counting fewer people than this is shown as "< N" (and free text of
# smaller groups is not listed).
RINNALLA_REPORT_MIN_CELL = env_int("RINNALLA_REPORT_MIN_CELL", 5, minimum=2)
# Report figures older than this ask the task worker for a refresh of the rollups.
RINNALLA_REPORT_REFRESH_SECONDS = env_int("RINNALLA_REPORT_REFRESH_SECONDS", 300, minimum=10)

# The client's own view (issue 14): one-time sign-in codes and a short session.
RINNALLA_PORTAL_CODE_MINUTES = env_int("RINNALLA_PORTAL_CODE_MINUTES", 10, minimum=1)
RINNALLA_PORTAL_CODE_TRIES = env_int("RINNALLA_PORTAL_CODE_TRIES", 5, minimum=1)
# After the tries: the pause; also the window in which at most N codes are sent.
RINNALLA_PORTAL_PAUSE_MINUTES = env_int("RINNALLA_PORTAL_PAUSE_MINUTES", 15, minimum=1)
RINNALLA_PORTAL_CODES_PER_WINDOW = env_int("RINNALLA_PORTAL_CODES_PER_WINDOW", 3, minimum=1)
# Per client address as well (many people may share one behind NAT): at most N code
# requests, and N wrong codes, from one address in the pause window; then a pause.
RINNALLA_PORTAL_ADDRESS_REQUESTS_PER_WINDOW = env_int(
    "RINNALLA_PORTAL_ADDRESS_REQUESTS_PER_WINDOW", 30, minimum=1
)
RINNALLA_PORTAL_ADDRESS_TRIES = env_int("RINNALLA_PORTAL_ADDRESS_TRIES", 30, minimum=1)
RINNALLA_PORTAL_IDLE_SECONDS = env_int("RINNALLA_PORTAL_IDLE_SECONDS", 30 * 60, minimum=60)
RINNALLA_PORTAL_SESSION_MAX_SECONDS = env_int(
    "RINNALLA_PORTAL_SESSION_MAX_SECONDS", 2 * 60 * 60, minimum=60
)
# Text messages: console in development, like e-mail; a gateway class in production.
RINNALLA_SMS_BACKEND = env_str("RINNALLA_SMS_BACKEND", "rinnalla.portal.sms.ConsoleSmsBackend")
# Strong electronic identification (Suomi.fi e-Identification through an OpenID Connect
# broker), off by default. The henkilötunnus claim names the client.
RINNALLA_OIDC_ENABLED = env_bool("RINNALLA_OIDC_ENABLED", False)
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_secret("OIDC_RP_CLIENT_SECRET", "") if RINNALLA_OIDC_ENABLED else ""
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid personal_identity_code")
# The claim that carries the henkilötunnus (Suomi.fi: "urn:oid:1.2.246.21", or a
# broker's own name for it).
RINNALLA_OIDC_HETU_CLAIM = env_str("RINNALLA_OIDC_HETU_CLAIM", "personal_identity_code")
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "portal:oidc_callback"

SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60, minimum=60)
# Idle expiry: the age counts from the last request. The session is written back when its
# last-seen stamp is a minute old (core.middleware.SessionLifetimeMiddleware), not on every
# request, so the idle limit has a one-minute resolution.
SESSION_SAVE_EVERY_REQUEST = False
# However active, a session ends this long after the login (absolute lifetime).
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 10 * 60 * 60, minimum=60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every response (django-csp): no inline script or style,
# nothing from other origins, never framed. File downloads set a stricter one.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Logs: one JSON object a line in production (ops/logs.py: request id, user id,
# duration; henkilötunnus and tokens scrubbed), plain text in development.
LOG_FORMAT = env_str("LOG_FORMAT", "json" if PRODUCTION else "text")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "rinnalla.ops.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        # One line per request; the development server prints its own.
        "rinnalla.request": {
            "level": "INFO" if env_bool("LOG_REQUESTS", PRODUCTION) else "WARNING"
        },
        "rinnalla.scheduler": {"level": "INFO"},
        "django.request": {"level": "ERROR"},
    },
}

# Static files: WhiteNoise serves them compressed (gzip and brotli) with far-future
# cache headers under hashed names in production (after collectstatic).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Operations (rinnalla/ops): readiness, scheduled jobs, metrics, idempotency, backups.
# /readyz fails when the worker's last heartbeat is older than this (0: not checked).
RINNALLA_WORKER_HEARTBEAT_MAX_AGE = env_int("RINNALLA_WORKER_HEARTBEAT_MAX_AGE", 300, minimum=0)
RINNALLA_HEARTBEAT_SECONDS = env_int("RINNALLA_HEARTBEAT_SECONDS", 60, minimum=1)
RINNALLA_DAILY_JOBS_AT = env_str("RINNALLA_DAILY_JOBS_AT", "06:00")
# /metrics answers this bearer token; without one, only requests from this machine.
RINNALLA_METRICS_TOKEN = env_secret("RINNALLA_METRICS_TOKEN", "")
RINNALLA_IDEMPOTENCY_HOURS = env_int("RINNALLA_IDEMPOTENCY_HOURS", 24, minimum=1)
RINNALLA_TASK_RESULT_DAYS = env_int("RINNALLA_TASK_RESULT_DAYS", 14, minimum=1)
# Retention (ops/retention.py: sources and rules). The access log is never kept for a
# shorter time than the client records it documents.
RINNALLA_RETENTION_YEARS = env_int("RINNALLA_RETENTION_YEARS", 12, minimum=1)
RINNALLA_ACCESS_LOG_RETENTION_YEARS = env_int(
    "RINNALLA_ACCESS_LOG_RETENTION_YEARS", 12, minimum=RINNALLA_RETENTION_YEARS
)
# Backups (manage.py backup/restore): a Fernet key, given here or in a file.
RINNALLA_BACKUP_KEY = env_secret("RINNALLA_BACKUP_KEY", "")

FORM_RENDERER = "rinnalla.core.forms.RinnallaFormRenderer"

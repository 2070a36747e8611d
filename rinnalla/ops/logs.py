"""Structured JSON logs: one object a line, with the request id, user id and duration.

Every record passes through ``scrub()``: a henkilötunnus or anything that looks like a
link token or bearer token is replaced before the line is written, whichever logger
(Django, gunicorn, a library) produced it. Logs leave the system (journald, a log
shipper), so no client's identity may reach them; the user id is a number, and no
name, henkilötunnus or query string is logged.
"""

import contextvars
import datetime
import json
import logging
import re

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
user_id_var: contextvars.ContextVar[int | None] = contextvars.ContextVar("user_id", default=None)

# A henkilötunnus: ddmmyy, century sign (+, -, A-F, U-Y), three digits, check character.
HETU = re.compile(r"(?<![0-9A-Za-z])\d{6}[-+A-FU-Y]\d{3}[0-9A-Ya-y](?![0-9A-Za-z])")
# Bearer tokens, link tokens and other long random strings (url-safe base64 or hex).
TOKEN = re.compile(r"(?<![\w-])[A-Za-z0-9_-]{24,}(?![\w-])")
BEARER = re.compile(r"(?i)(bearer\s+)\S+")

_STANDARD = set(vars(logging.makeLogRecord({})).keys()) | {"message", "asctime"}


def scrub(text: str) -> str:
    text = BEARER.sub(r"\1[token]", text)
    text = HETU.sub("[henkilötunnus]", text)
    return TOKEN.sub(_token, text)


def _token(match: re.Match) -> str:
    # Words joined by hyphens (a URL slug) stay; a random string has digits or mixed case.
    word = match.group(0)
    random_looking = any(c.isdigit() for c in word) or (word.lower() != word != word.upper())
    return "[token]" if random_looking else word


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
        }
        request_id = request_id_var.get()
        if request_id:
            entry["request_id"] = request_id
        user_id = user_id_var.get()
        if user_id is not None:
            entry["user_id"] = user_id
        for key, value in vars(record).items():
            if key in _STANDARD or key.startswith("_") or key == "request":
                continue
            entry[key] = scrub(value) if isinstance(value, str) else _plain(value)
        if record.exc_info:
            entry["exception"] = scrub(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


def _plain(value):
    if isinstance(value, int | float | bool) or value is None:
        return value
    return scrub(str(value))

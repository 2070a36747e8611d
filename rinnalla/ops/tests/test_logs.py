import io
import json
import logging

import pytest

from rinnalla.access.testing import api_client
from rinnalla.ops.logs import HETU, JsonFormatter, scrub


@pytest.fixture
def log_lines():
    """Everything logged (any logger, DEBUG and up) as the production JSON lines."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    request_logger = logging.getLogger("rinnalla.request")
    old_request_level = request_logger.level
    request_logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines() if line]
    root.removeHandler(handler)
    root.setLevel(old_level)
    request_logger.setLevel(old_request_level)


def test_scrub_removes_henkilotunnus_and_tokens():
    text = scrub("131052-308T and 010594Y9032 Bearer abc.def token 9fK2x_Lq8ZpR4mWn7TbV3yHc5")
    assert "131052-308T" not in text and "010594Y9032" not in text
    assert "abc.def" not in text and "9fK2x_Lq8ZpR4mWn7TbV3yHc5" not in text
    assert scrub("/workability/work-ability-assessment-proposal/") == (
        "/workability/work-ability-assessment-proposal/"
    )


def test_a_request_logs_one_json_line_with_id_user_and_duration(web, coordinator, log_lines):
    web.force_login(coordinator)
    response = web.get("/clients/", HTTP_X_REQUEST_ID="req-12345678")
    assert response["X-Request-ID"] == "req-12345678"
    lines = [line for line in log_lines() if line["logger"] == "rinnalla.request"]
    assert len(lines) == 1
    line = lines[0]
    assert line["request_id"] == "req-12345678"
    assert line["user_id"] == coordinator.pk
    assert line["status"] == 200 and line["path"] == "/clients/"
    assert isinstance(line["duration_ms"], float)


def test_a_made_up_request_id_is_replaced(web, db, log_lines):
    response = web.get("/healthz", HTTP_X_REQUEST_ID="bad id with spaces")
    assert response["X-Request-ID"] != "bad id with spaces"
    assert len(response["X-Request-ID"]) == 32


def test_an_exception_is_logged_scrubbed(log_lines):
    logger = logging.getLogger("rinnalla.test")
    try:
        raise ValueError("no client 131052-308T")
    except ValueError:
        logger.exception("failed for %s", "131052-308T")
    (line,) = [line for line in log_lines() if line["logger"] == "rinnalla.test"]
    assert "131052-308T" not in json.dumps(line)
    assert "[henkilötunnus]" in line["message"] and "[henkilötunnus]" in line["exception"]


def test_no_henkilotunnus_name_or_token_reaches_the_logs(
    web, coordinator, client, episode, log_lines
):
    """Pages, searches, the API with a bearer token, errors: scan every line written."""
    api = api_client(coordinator)
    token = api.defaults["HTTP_AUTHORIZATION"].removeprefix("Bearer ")
    web.force_login(coordinator)
    web.get("/clients/")
    web.post("/clients/", {"q": "131052-308T"})
    web.get(f"/clients/{client.pk}/")
    web.get(f"/clients/{client.pk}/?hetu=131052-308T")
    web.get("/clients/999999/")
    api.get(f"/api/v1/clients/{client.pk}")
    api.post(
        "/api/v1/clients",
        {"first_name": "Maija", "last_name": "Mallikas", "personal_identity_code": "010594Y9032"},
        content_type="application/json",
    )
    api.post(
        "/api/v1/clients",
        {"first_name": "Maija", "last_name": "Mallikas", "personal_identity_code": "bad"},
        content_type="application/json",
    )
    logging.getLogger("django.request").warning("Bad request: %s", "/x?code=010594Y9032")
    output = "\n".join(json.dumps(line, ensure_ascii=False) for line in log_lines())
    assert output
    assert not HETU.search(output)
    assert token not in output
    for name in ("Meikäläinen", "Mallikas"):
        assert name not in output

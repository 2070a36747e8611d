import datetime

import pytest
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.accounts.models import ApiToken
from rinnalla.measurements.models import Measurement, ResultOnlyInstrument

from .conftest import AUDIT_LOW, WHODAS_ALL_MILD


def bearer(user):
    _, raw = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def url(client):
    return f"/api/v1/clients/{client.pk}/measurements"


def post(web, client, user, body):
    return web.post(url(client), body, content_type="application/json", **bearer(user))


def test_instruments_list_every_code_with_items(web, coordinator):
    response = web.get("/api/v1/instruments", **bearer(coordinator))
    assert response.status_code == 200
    by_code = {i["code"]: i for i in response.json()}
    assert set(by_code) >= {
        "work-ability-self-rating",
        "wai",
        "whodas-12",
        "audit",
        "audit-c",
        "bmi",
        "waist",
        "bdi",
        "kykyviisari",
        "phq-9",
    }
    audit = by_code["audit"]
    assert [i["key"] for i in audit["items"]] == [f"Q{n}" for n in range(1, 11)]
    assert [c["value"] for c in audit["items"][8]["choices"]] == [0, 2, 4]
    assert by_code["wai"]["licence_holder"] == "Työterveyslaitos"
    assert by_code["bdi"]["licence"] == "result_only"
    assert {d["key"]: d["items"] for d in by_code["whodas-12"]["domains"]}["cognition"] == [
        "S3",
        "S6",
    ]


def test_admin_added_result_only_instruments_are_listed_and_recordable(web, client, coordinator):
    ResultOnlyInstrument.objects.create(code="sofas", name_fi="SOFAS", min_score=0, max_score=100)
    codes = [i["code"] for i in web.get("/api/v1/instruments", **bearer(coordinator)).json()]
    assert "sofas" in codes
    response = post(web, client, coordinator, {"instrument": "sofas", "answers": {"score": 55}})
    assert response.status_code == 201 and response.json()["score"] == 55


def test_posting_whodas_answers_with_score_interpretation_and_no_earlier(web, client, coordinator):
    response = post(
        web, client, coordinator, {"instrument": "whodas-12", "answers": WHODAS_ALL_MILD}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["score"] == 24 and body["interpretation"] == "simple_sum"
    assert body["earlier_result"] is None
    assert body["scores"]["domains"]["mobility"] == 4


@pytest.mark.parametrize(
    ("instrument", "answers", "score", "interpretation"),
    [
        ("audit", {**AUDIT_LOW, "Q9": 4}, 4, "zone_2"),
        ("audit-c", {"Q1": 2, "Q2": 2, "Q3": 1}, 5, "at_or_above_limit"),  # the persona is a woman
        ("bmi", {"height_cm": 180, "weight_kg": 81}, 25, "overweight"),
        ("work-ability-self-rating", {"score": 7}, 7, "moderate"),
    ],
)
def test_each_contract_instrument_is_scored(
    web, client, coordinator, instrument, answers, score, interpretation
):
    body = post(web, client, coordinator, {"instrument": instrument, "answers": answers}).json()
    assert (body["score"], body["interpretation"]) == (score, interpretation)


def test_a_repeat_within_the_window_is_recorded_and_names_the_earlier_result(
    web, client, coordinator
):
    earlier = timezone.localdate() - datetime.timedelta(days=10)
    first = post(
        web,
        client,
        coordinator,
        {"instrument": "audit", "answers": AUDIT_LOW, "measured_on": earlier.isoformat()},
    ).json()
    second = post(web, client, coordinator, {"instrument": "audit", "answers": AUDIT_LOW})
    assert second.status_code == 201
    assert second.json()["earlier_result"] == first["id"]
    listed = web.get(url(client), **bearer(coordinator)).json()
    assert [m["earlier_result"] for m in listed] == [first["id"], None]


@pytest.mark.parametrize(
    ("body", "item"),
    [
        ({"instrument": "audit", "answers": {**AUDIT_LOW, "Q10": 3}}, "Q10"),
        (
            {"instrument": "audit", "answers": {k: v for k, v in AUDIT_LOW.items() if k != "Q4"}},
            "Q4",
        ),
        ({"instrument": "whodas-12", "answers": {**WHODAS_ALL_MILD, "S12": 6}}, "S12"),
        ({"instrument": "bmi", "answers": {"height_cm": 180}}, "weight_kg"),
        ({"instrument": "work-ability-self-rating", "answers": {"score": 11}}, "score"),
        ({"instrument": "nope", "answers": {}}, "instrument"),
    ],
)
def test_bad_answers_are_422_naming_the_item(web, client, coordinator, body, item):
    response = post(web, client, coordinator, body)
    assert response.status_code == 422
    assert item in response.json()["errors"]
    assert not Measurement.objects.exists()


def test_permissions_match_the_pages(
    web, client, coordinator, other_coordinator, manager, physician_without_consent
):
    body = {"instrument": "audit", "answers": AUDIT_LOW}
    assert web.get(url(client)).status_code == 401
    assert web.get(url(client), **bearer(other_coordinator)).status_code == 404
    assert post(web, client, other_coordinator, body).status_code == 404
    assert web.get(url(client), **bearer(manager)).status_code == 403
    assert post(web, client, physician_without_consent, body).status_code == 403
    assert not Measurement.objects.exists()


def test_each_api_call_writes_one_access_log_entry(web, client, coordinator):
    headers = bearer(coordinator)
    before = AccessLogEntry.objects.count()
    web.get(url(client), **headers)
    web.post(
        url(client),
        {"instrument": "audit", "answers": AUDIT_LOW},
        content_type="application/json",
        **headers,
    )
    entries = AccessLogEntry.objects.order_by("id")[before:]
    assert [(e.action, e.channel) for e in entries] == [("view", "api"), ("change", "api")]


def test_list_can_be_filtered_by_instrument(web, client, coordinator):
    post(web, client, coordinator, {"instrument": "audit", "answers": AUDIT_LOW})
    post(
        web,
        client,
        coordinator,
        {"instrument": "bmi", "answers": {"height_cm": 170, "weight_kg": 60}},
    )
    listed = web.get(url(client) + "?instrument=bmi", **bearer(coordinator)).json()
    assert [m["instrument"] for m in listed] == ["bmi"]
    assert listed[0]["measured_on"] == timezone.localdate().isoformat()

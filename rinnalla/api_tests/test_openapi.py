"""The published schema carries the contract's names and enum values exactly."""

import pytest

SOURCE_KINDS = [
    "physician",
    "physiotherapist",
    "psychiatric_nurse",
    "health_check_nurse",
    "social_work",
    "employment_services",
    "te_services",
    "typ",
    "kela",
    "ngo",
    "self",
    "walk_in",
    "other",
]
CHANNELS = ["patient_record_message", "encrypted_email", "phone", "paper", "in_person", "web_form"]
EVENT_KINDS = ["contact", "meeting", "consultation", "statement", "referral_out", "note"]
OUTCOMES = [
    "work",
    "part_time_work",
    "study",
    "rehabilitation",
    "pension",
    "other_service",
    "dropped_out",
    "moved",
    "other",
]


@pytest.fixture
def schema(coordinator_api):
    response = coordinator_api.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def _properties(schema, name):
    return schema["components"]["schemas"][name]["properties"]


def _enum(prop):
    if "enum" in prop:
        return prop["enum"]
    return next(option["enum"] for option in prop["anyOf"] if "enum" in option)


def test_the_schema_lists_every_path_of_the_contract(schema):
    assert set(schema["paths"]) >= {
        "/api/v1/clients",
        "/api/v1/clients/{id}",
        "/api/v1/organisations",
        "/api/v1/professionals",
        "/api/v1/referrals",
        "/api/v1/referrals/{id}/triage",
        "/api/v1/episodes/{id}",
        "/api/v1/episodes/{id}/events",
        "/api/v1/episodes/{id}/close",
        "/api/v1/episodes/{id}/reopen",
    }
    assert set(schema["paths"]["/api/v1/clients"]) == {"get", "post"}
    assert set(schema["paths"]["/api/v1/clients/{id}"]) == {"get", "patch"}
    assert set(schema["paths"]["/api/v1/referrals"]) == {"get", "post"}
    assert set(schema["paths"]["/api/v1/episodes/{id}/events"]) == {"get", "post"}


def test_referral_source_kinds_channels_and_urgency_are_enums(schema):
    referral = _properties(schema, "ReferralIn")
    assert _enum(referral["source_kind"]) == SOURCE_KINDS
    assert _enum(referral["channel"]) == CHANNELS
    assert _enum(referral["urgency"]) == ["normal", "urgent"]


def test_triage_decisions_are_an_enum(schema):
    assert _enum(_properties(schema, "TriageIn")["decision"]) == [
        "accept",
        "redirect",
        "decline",
        "attach",
    ]


def test_event_kinds_and_closing_outcomes_are_enums(schema):
    assert _enum(_properties(schema, "EventIn")["kind"]) == EVENT_KINDS
    assert _enum(_properties(schema, "CloseIn")["outcome"]) == OUTCOMES


def test_the_output_schemas_carry_the_contract_field_names(schema):
    assert set(_properties(schema, "ClientOut")) >= {
        "id",
        "first_name",
        "last_name",
        "personal_identity_code",
        "municipality",
        "language",
        "phone",
        "email",
        "preferred_contact_method",
    }
    assert set(_properties(schema, "ProfessionalOut")) >= {
        "id",
        "username",
        "first_name",
        "last_name",
        "profession",
        "organisation_id",
    }
    assert set(_properties(schema, "OrganisationOut")) >= {
        "id",
        "name",
        "kind",
        "is_coordination_service",
    }
    assert set(_properties(schema, "ReferralOut")) >= {
        "id",
        "client_id",
        "source_kind",
        "source_organisation_id",
        "channel",
        "reason",
        "urgency",
        "received_on",
        "status",
        "service_id",
        "episode_id",
    }
    assert set(_properties(schema, "EpisodeOut")) >= {
        "id",
        "client_id",
        "service_id",
        "status",
        "opened_on",
        "first_contact_at",
        "first_contact_due_on",
        "responsible_persons",
    }
    assert set(_properties(schema, "EventOut")) >= {
        "kind",
        "occurred_at",
        "summary",
        "organisation_id",
        "mode",
        "duration_minutes",
        "statement_name",
        "statement_status",
        "next_step",
    }


def test_lists_are_paginated_with_limit_and_offset(schema):
    for path in (
        "/api/v1/clients",
        "/api/v1/referrals",
        "/api/v1/organisations",
        "/api/v1/professionals",
        "/api/v1/episodes/{id}/events",
    ):
        names = {p["name"] for p in schema["paths"][path]["get"]["parameters"]}
        assert {"limit", "offset"} <= names, path
    page = schema["components"]["schemas"]["Page_ClientListItem_"]
    assert set(page["properties"]) == {"items", "count"}


# The client's sign-in answers without credentials (always 202 / 401, never data).
PUBLIC_OPERATIONS = {"/api/v1/client-auth/start", "/api/v1/client-auth/verify"}


def test_every_operation_requires_bearer_or_session_auth(schema):
    for path, operations in schema["paths"].items():
        if path in PUBLIC_OPERATIONS:
            continue
        client_only = [op for op in operations.values() if "ClientToken" in str(op["security"])]
        if client_only:
            # The client's own operations take the client's token or session only.
            assert path.startswith("/api/v1/me/"), path
            assert all("BearerToken" not in str(op["security"]) for op in client_only), path
            continue
        for method, operation in operations.items():
            assert operation["security"] == [{"BearerToken": []}, {"SessionAuth": []}], (
                method,
                path,
            )


def _models_of(annotation, seen):
    import typing

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in seen:
            seen.add(annotation)
            for field in annotation.model_fields.values():
                _models_of(field.annotation, seen)
        return
    for argument in typing.get_args(annotation):
        _models_of(argument, seen)


def test_no_two_schemas_share_a_name():
    """The OpenAPI components are keyed by class name: a clash would show the wrong fields."""
    from rinnalla.api import api

    seen = set()
    for _prefix, router in api._routers:
        for view in router.path_operations.values():
            for operation in view.operations:
                for model in [*operation.models, *operation.response_models.values()]:
                    _models_of(model, seen)
    by_name = {}
    for model in seen:
        by_name.setdefault(model.__name__, set()).add(f"{model.__module__}.{model.__qualname__}")
    assert "EpisodeOut" in by_name
    assert {name: where for name, where in by_name.items() if len(where) > 1} == {}


def test_the_episode_schema_lists_responsible_persons_with_their_fields(schema):
    ref = _properties(schema, "EpisodeOut")["responsible_persons"]["items"]["$ref"]
    person = schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]["properties"]
    assert {"professional_id", "username", "area", "is_primary"} <= set(person)

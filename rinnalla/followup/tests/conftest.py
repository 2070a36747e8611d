"""The follow-up tests use the plan tests' meetings, plans and actions."""

from rinnalla.plans.tests.conftest import (  # noqa: F401
    api,
    client_action,
    kela_consent,
    past_meeting,
    physician_action,
    physician_consent,
    plan,
    web,
)

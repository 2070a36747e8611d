import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from rinnalla.accounts.models import Organisation, User
from rinnalla.clients.models import Client
from rinnalla.consent.models import Consent
from rinnalla.core import hetu
from rinnalla.demo import invariants, synthetic
from rinnalla.episodes.models import Closing, Episode, Handover, PathEvent, ResponsiblePerson
from rinnalla.referrals.models import Referral

pytestmark = pytest.mark.django_db


def generate(clients=30, seed=7, **extra):
    call_command(
        "generate_synthetic",
        clients=clients,
        seed=seed,
        no_progress=True,
        stdout=StringIO(),
        **extra,
    )


def snapshot() -> dict:
    """Everything generated, keyed by natural keys instead of ids."""
    code = dict(Client.objects.values_list("pk", "personal_identity_code"))
    user = dict(User.objects.values_list("pk", "username"))
    org = dict(Organisation.objects.values_list("pk", "name"))
    episode_key = {e.pk: (code[e.client_id], e.opened_on) for e in Episode.objects.all()}

    def rows(queryset, *fields, episode=False):
        out = []
        for row in queryset.values("episode_id" if episode else "pk", *fields):
            key = episode_key[row.pop("episode_id")] if episode else None
            row.pop("pk", None)
            for name, value in list(row.items()):
                if value is not None and name.endswith(
                    ("author", "professional", "by", "created_by", "closed_by")
                ):
                    row[name] = user[value]
                if value is not None and name in ("organisation", "service", "source_organisation"):
                    row[name] = org[value]
            out.append((key, tuple(sorted(row.items()))))
        return sorted(out, key=repr)

    return {
        "organisations": sorted(org.values()),
        "users": sorted(
            User.objects.values_list(
                "username", "first_name", "last_name", "role", "profession", "organisation__name"
            )
        ),
        "clients": sorted(
            Client.objects.values_list(
                "personal_identity_code",
                "first_name",
                "last_name",
                "municipality",
                "language",
                "email",
                "preferred_contact_method",
                "service__name",
                "created_at",
                "created_by__username",
            )
        ),
        "referrals": sorted(
            Referral.objects.values_list(
                "client__personal_identity_code",
                "received_on",
                "source_kind",
                "source_organisation__name",
                "source_professional__username",
                "channel",
                "reason",
                "urgency",
                "status",
                "triaged_at",
                "triage_reason",
                "redirected_to",
                "episode__opened_on",
            ),
            key=repr,
        ),
        "episodes": sorted(
            Episode.objects.values_list(
                "client__personal_identity_code",
                "service__name",
                "status",
                "opened_on",
                "contact_clock_starts_on",
                "first_contact_at",
                "last_event_at",
                "created_at",
            )
        ),
        "events": rows(
            PathEvent.objects.all(),
            "kind",
            "mode",
            "occurred_at",
            "duration_minutes",
            "organisation",
            "statement_name",
            "statement_status",
            "summary",
            "next_step",
            "author",
            episode=True,
        ),
        "persons": rows(
            ResponsiblePerson.objects.all(),
            "professional",
            "area",
            "is_primary",
            "started_at",
            "ended_at",
            episode=True,
        ),
        "handovers": rows(
            Handover.objects.all(),
            "from_professional",
            "to_professional",
            "by",
            "at",
            "note",
            episode=True,
        ),
        "closings": rows(
            Closing.objects.all(),
            "outcome",
            "summary",
            "handover_to",
            "closed_at",
            "closed_by",
            episode=True,
        ),
        "consents": sorted(
            (
                c.client.personal_identity_code,
                c.purpose,
                c.method,
                c.given_on,
                c.valid_until,
                tuple(sorted(o.name for o in c.organisations.all())),
            )
            for c in Consent.objects.select_related("client").prefetch_related("organisations")
        ),
    }


def wipe():
    Consent.organisations.through.objects.all().delete()
    for model in (
        Consent,
        Closing,
        PathEvent,
        Handover,
        ResponsiblePerson,
        Referral,
        Episode,
        Client,
        User,
        Organisation,
    ):
        model.objects.all().delete()


def test_the_same_seed_makes_the_same_data():
    generate()
    first = snapshot()
    wipe()
    generate()
    assert snapshot() == first
    assert len(first["clients"]) == 30 and len(first["events"]) > 300


def test_a_larger_run_continues_a_smaller_one_to_the_same_result():
    generate(clients=30)
    whole = snapshot()
    wipe()
    generate(clients=12)
    generate(clients=30)
    assert snapshot() == whole


def test_another_seed_makes_other_data_beside_the_first():
    generate(seed=7)
    generate(seed=8, clients=10)
    assert synthetic.synthetic_client_count(7) == 30
    assert synthetic.synthetic_client_count(8) == 10


def test_the_services_rules_hold_for_generated_data():
    generate(clients=60)
    assert invariants.violations() == {}


def test_the_invariant_check_notices_a_broken_rule():
    generate(clients=10)
    episode = Episode.objects.exclude(status="closed").exclude(first_contact_at=None).first()
    Episode.objects.filter(pk=episode.pk).update(first_contact_at=None)
    assert "episode path summary matches events" in invariants.violations()


def test_generated_data_looks_like_a_county():
    generate(clients=60)
    services = synthetic.synthetic_services(7)
    assert 2 <= services.count() <= 4
    for service in services:
        coordinators = User.objects.filter(organisation=service, role="coordinator").count()
        assert 3 <= coordinators <= 8
    assert 25 <= Organisation.objects.filter(is_coordination_service=False).count() <= 55
    assert 250 <= User.objects.filter(role="network_professional").count() <= 350
    events_per_episode = PathEvent.objects.count() / Episode.objects.count()
    assert 25 <= events_per_episode <= 55
    for code in Client.objects.values_list("personal_identity_code", flat=True):
        assert hetu.parse(code).is_temporary
    assert (
        not User.objects.filter(username__startswith="syn7-")
        .exclude(password__startswith="!")
        .exists()
    )
    received = Referral.objects.order_by("received_on").values_list("received_on", flat=True)
    assert received.first() >= datetime.date(2020, 11, 1)
    assert received.last() <= datetime.date(2026, 11, 1)


def test_codes_already_taken_are_skipped_deterministically(coordinator, service):
    from rinnalla.clients.services import client_create

    taken = synthetic.identity_code(7, 0)
    client_create(
        actor=coordinator,
        service=service,
        first_name="Jo",
        last_name="Olemassa",
        personal_identity_code=taken,
    )
    generate(clients=5)
    codes = set(Client.objects.values_list("personal_identity_code", flat=True))
    assert len(codes) == 6
    assert synthetic.identity_code(7, 0, attempt=1) in codes


def test_it_refuses_a_future_today():
    with pytest.raises(CommandError, match="future"):
        generate(today=datetime.date(2999, 1, 1))


def test_generated_clients_are_found_by_name_search_without_accents():
    from rinnalla.clients.models import SearchName
    from rinnalla.core.search import fold

    generate(clients=20, event_share=0.1)
    for first, last, search_first, search_last in Client.objects.values_list(
        "first_name", "last_name", "search_first_name", "search_last_name"
    ):
        assert (search_first, search_last) == (fold(first), fold(last))
    names = set(SearchName.objects.values_list("text", flat=True))
    assert set(Client.objects.values_list("search_last_name", flat=True)) <= names
    assert PathEvent.objects.count() < 20 * 10  # a tenth of the usual 10-60 per relationship

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from rinnalla.clients.models import Client
from rinnalla.episodes.services import episode_close
from rinnalla.ops import retention


def years_later(years):
    return timezone.now() + datetime.timedelta(days=365 * years + 5)


def test_an_open_relationship_is_never_due(episode):
    assert retention.due(now=years_later(20)).clients == []


def test_a_closed_client_is_due_twelve_years_after_the_closing(coordinator, episode, client):
    episode_close(actor=coordinator, episode=episode, outcome="work", summary="Töihin.")
    assert retention.due(now=years_later(11)).clients == []
    due = retention.due(now=years_later(13)).clients
    assert [client_id for client_id, _ in due] == [client.pk]


def test_a_client_without_relationships_counts_from_registration(client):
    assert retention.due(now=years_later(11)).clients == []
    assert len(retention.due(now=years_later(13)).clients) == 1


def test_dry_run_lists_and_deletes_nothing(coordinator, episode, client):
    episode_close(actor=coordinator, episode=episode, outcome="work", summary="Töihin.")
    Client.objects.update(created_at=timezone.now() - datetime.timedelta(days=365 * 13))
    out = io.StringIO()
    call_command("retention", dry_run=True, stdout=out)
    assert "0 clients" in out.getvalue() or "client" in out.getvalue()
    assert Client.objects.count() == 1
    # Without a flag it lists too: deletion needs --delete.
    call_command("retention", stdout=out)
    assert "Nothing was deleted" in out.getvalue()
    assert Client.objects.count() == 1


def test_a_referral_waiting_for_triage_is_never_due(make_referral):
    referral = make_referral()
    assert referral.client_id not in [pk for pk, _ in retention.due(now=years_later(20)).clients]

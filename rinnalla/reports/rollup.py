"""Computing the rollups (DailyCount) from the domain tables.

Each metric is a function ``(days) -> rows`` where ``days`` is None (everything) or a
set of dates to recompute. Events, the big table, are grouped in the database; the
others (tens of thousands of rows at a county's scale) partly in Python.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone

from rinnalla.episodes.models import Closing, Episode, EventKind, PathEvent
from rinnalla.plans.models import Meeting, MeetingParticipant
from rinnalla.referrals.models import Referral
from rinnalla.reports.models import DailyCount, MonthlyCount, RollupState

Row = dict
# Instruments whose change between first and last result is reported, and whether a
# higher score is better.
CHANGE_INSTRUMENTS = {"work-ability-self-rating": True, "whodas-12": False}
FULL_REFRESH_OVER_DAYS = 400
# The organisation a relationship's figures are filtered by: the one that referred the
# client (the relationship's referral). Meetings and statements use the organisation
# taking part instead (the participant's, the physician's).
REFERRING = "referral__source_organisation_id"


def _local_day(value: datetime.datetime) -> datetime.date:
    return timezone.localdate(value)


def _in(days, field: str) -> Q:
    return Q() if days is None else Q(**{f"{field}__in": days})


def referral_rows(days) -> Iterable[Row]:
    base = Referral.objects.filter(_in(days, "received_on"))
    for metric, key in (("referral_source", "source_kind"), ("referral_channel", "channel")):
        grouped = base.values("received_on", "service_id", "source_organisation_id", key).annotate(
            n=Count("id")
        )
        for g in grouped:
            yield {
                "metric": metric,
                "day": g["received_on"],
                "service_id": g["service_id"],
                "organisation_id": g["source_organisation_id"],
                "key": g[key],
                "count": g["n"],
            }
    triaged = (
        Referral.objects.exclude(status=Referral.Status.RECEIVED)
        .annotate(d=TruncDate("triaged_at"))
        .filter(_in(days, "d"))
        .values("d", "service_id", "source_organisation_id", "triaged_by_id", "status")
        .annotate(n=Count("id"))
    )
    for g in triaged:
        yield {
            "metric": "triage",
            "day": g["d"],
            "service_id": g["service_id"],
            "organisation_id": g["source_organisation_id"],
            "coordinator_id": g["triaged_by_id"],
            "key": g["status"],
            "count": g["n"],
        }


def first_contact_rows(days) -> Iterable[Row]:
    counts: Counter = Counter()
    rows = Episode.objects.filter(first_contact_at__isnull=False).values_list(
        "service_id", REFERRING, "first_contact_at", "contact_clock_starts_on"
    )
    for service_id, organisation_id, first_contact_at, clock_start in rows.iterator(
        chunk_size=5000
    ):
        day = _local_day(first_contact_at)
        if days is not None and day not in days:
            continue
        waited = max((day - clock_start).days, 0)
        counts[(day, service_id, organisation_id, str(min(waited, 999)))] += 1
    for (day, service_id, organisation_id, key), n in counts.items():
        yield {
            "metric": "first_contact_days",
            "day": day,
            "service_id": service_id,
            "organisation_id": organisation_id,
            "key": key,
            "count": n,
            "total": int(key) * n,
        }


def event_rows(days) -> Iterable[Row]:
    grouped = (
        PathEvent.objects.annotate(d=TruncDate("occurred_at"))
        .filter(_in(days, "d"))
        .values("d", "episode__service_id", "author_id", "organisation_id", "kind")
        .annotate(n=Count("id"), minutes=Coalesce(Sum("duration_minutes"), 0))
    )
    for g in grouped.iterator(chunk_size=5000):
        yield {
            "metric": "event",
            "day": g["d"],
            "service_id": g["episode__service_id"],
            "organisation_id": g["organisation_id"],
            "coordinator_id": g["author_id"],
            "key": g["kind"],
            "count": g["n"],
            "total": g["minutes"],
        }


def meeting_rows(days) -> Iterable[Row]:
    held = (
        Meeting.objects.filter(minutes_recorded_at__isnull=False)
        .annotate(d=TruncDate("starts_at"))
        .filter(_in(days, "d"))
    )
    for g in held.values("d", "episode__service_id", "client_present").annotate(
        n=Count("id"), minutes=Sum("duration_minutes")
    ):
        yield {
            "metric": "network_meeting",
            "day": g["d"],
            "service_id": g["episode__service_id"],
            "key": "client_present" if g["client_present"] else "client_absent",
            "count": g["n"],
            "total": g["minutes"] or 0,
        }
    yield from _meeting_organisation_rows(held)
    participants = (
        MeetingParticipant.objects.filter(meeting__minutes_recorded_at__isnull=False)
        .annotate(d=TruncDate("meeting__starts_at"))
        .filter(_in(days, "d"))
        .values(
            "d",
            "meeting__episode__service_id",
            "professional__organisation_id",
            "professional__organisation__kind",
        )
        .annotate(n=Count("id"))
    )
    for g in participants:
        yield {
            "metric": "meeting_participant",
            "day": g["d"],
            "service_id": g["meeting__episode__service_id"],
            "organisation_id": g["professional__organisation_id"],
            "key": g["professional__organisation__kind"] or "external",
            "count": g["n"],
        }


def _meeting_organisation_rows(held) -> Iterable[Row]:
    """Held meetings once per organisation taking part (``network_meeting_org``): what the
    meetings report counts when filtered by an organisation. Not summed without the
    filter, where a meeting with three organisations would count three times."""
    taking_part = (
        MeetingParticipant.objects.filter(
            meeting__in=held.values("pk"), professional__organisation_id__isnull=False
        )
        .values_list(
            "meeting_id",
            "professional__organisation_id",
            "meeting__starts_at",
            "meeting__episode__service_id",
            "meeting__client_present",
            "meeting__duration_minutes",
        )
        .distinct()
    )
    counts: Counter = Counter()
    minutes: Counter = Counter()
    seen = set()
    for meeting_id, organisation_id, starts_at, service_id, present, length in taking_part:
        if (meeting_id, organisation_id) in seen:
            continue
        seen.add((meeting_id, organisation_id))
        key = (
            _local_day(starts_at),
            service_id,
            organisation_id,
            "client_present" if present else "client_absent",
        )
        counts[key] += 1
        minutes[key] += length or 0
    for (day, service_id, organisation_id, key), n in counts.items():
        yield {
            "metric": "network_meeting_org",
            "day": day,
            "service_id": service_id,
            "organisation_id": organisation_id,
            "key": key,
            "count": n,
            "total": minutes[(day, service_id, organisation_id, key)],
        }


def statement_rows(days) -> Iterable[Row]:
    from rinnalla.workability.models import StatementRequest

    requested = (
        StatementRequest.objects.annotate(d=TruncDate("requested_at"))
        .filter(_in(days, "d"))
        .values("d", "episode__service_id", "physician__organisation_id")
        .annotate(n=Count("id"))
    )
    for g in requested:
        yield {
            "metric": "statement",
            "day": g["d"],
            "service_id": g["episode__service_id"],
            "organisation_id": g["physician__organisation_id"],
            "key": "requested",
            "count": g["n"],
        }
    received = (
        StatementRequest.objects.filter(received_on__isnull=False)
        .filter(_in(days, "received_on"))
        .values("received_on", "episode__service_id", "physician__organisation_id")
        .annotate(n=Count("id"))
    )
    for g in received:
        yield {
            "metric": "statement",
            "day": g["received_on"],
            "service_id": g["episode__service_id"],
            "organisation_id": g["physician__organisation_id"],
            "key": "received",
            "count": g["n"],
        }


def closing_rows(days) -> Iterable[Row]:
    """Outcome, length, contacts and meetings, and measurement change of closed relationships."""
    from rinnalla.measurements.models import Measurement

    closings = []
    for closing in (
        Closing.objects.filter(reopened_at__isnull=True)
        .values(
            "episode_id",
            "episode__service_id",
            f"episode__{REFERRING}",
            "episode__client_id",
            "episode__opened_on",
            "closed_at",
            "closed_by_id",
            "outcome",
        )
        .iterator(chunk_size=5000)
    ):
        day = _local_day(closing["closed_at"])
        if days is None or day in days:
            closings.append((day, closing))
    if not closings:
        return
    episode_ids = [c["episode_id"] for _day, c in closings]
    path: dict[int, Counter] = defaultdict(Counter)
    for start in range(0, len(episode_ids), 5000):
        chunk = episode_ids[start : start + 5000]
        for g in (
            PathEvent.objects.filter(
                episode_id__in=chunk, kind__in=[EventKind.CONTACT, EventKind.MEETING]
            )
            .values("episode_id", "kind")
            .annotate(n=Count("id"))
        ):
            path[g["episode_id"]][g["kind"]] += g["n"]
        for g in (
            Meeting.objects.filter(episode_id__in=chunk, minutes_recorded_at__isnull=False)
            .values("episode_id")
            .annotate(n=Count("id"))
        ):
            path[g["episode_id"]]["network_meeting"] += g["n"]
    client_ids = {c["episode__client_id"] for _day, c in closings}
    results: dict[tuple[int, str], list] = defaultdict(list)
    client_list = list(client_ids)
    for start in range(0, len(client_list), 5000):
        for m in (
            Measurement.objects.filter(
                client_id__in=client_list[start : start + 5000],
                instrument_code__in=list(CHANGE_INSTRUMENTS),
                total_score__isnull=False,
            )
            .order_by("client_id", "instrument_code", "measured_on", "id")
            .values_list("client_id", "instrument_code", "measured_on", "total_score")
        ):
            results[(m[0], m[1])].append((m[2], m[3]))
    counts: Counter = Counter()
    totals: Counter = Counter()
    for day, c in closings:
        service = c["episode__service_id"]
        organisation = c[f"episode__{REFERRING}"]
        length = max((day - c["episode__opened_on"]).days, 0)
        base = (day, service, organisation, c["closed_by_id"])
        counts[(*base, "closing_outcome", c["outcome"])] += 1
        totals[(*base, "closing_outcome", c["outcome"])] += length
        # The length histogram is not split by coordinator: fewer rows to sum.
        length_key = str(min(length, 9999))
        counts[(day, service, organisation, None, "closing_length_days", length_key)] += 1
        for kind in ("contact", "meeting", "network_meeting"):
            counts[(*base, "closed_path", kind)] += 1
            totals[(*base, "closed_path", kind)] += path[c["episode_id"]][kind]
        for code in CHANGE_INSTRUMENTS:
            series = [
                score
                for measured_on, score in results.get((c["episode__client_id"], code), [])
                if c["episode__opened_on"] <= measured_on <= day
            ]
            if len(series) >= 2:
                change = int(round(float(series[-1] - series[0])))
                counts[(*base, "measure_change", f"{code}:{change}")] += 1
                totals[(*base, "measure_change", f"{code}:{change}")] += change
    for (day, service, organisation, coordinator, metric, key), n in counts.items():
        yield {
            "metric": metric,
            "day": day,
            "service_id": service,
            "organisation_id": organisation,
            "coordinator_id": coordinator,
            "key": key,
            "count": n,
            "total": totals[(day, service, organisation, coordinator, metric, key)],
        }


def caseload_rows(today: datetime.date) -> Iterable[Row]:
    """Open relationships per primary coordinator and status: a snapshot dated today."""
    from rinnalla.episodes.models import ResponsiblePerson

    grouped = (
        ResponsiblePerson.objects.filter(
            is_primary=True,
            ended_at__isnull=True,
            episode__status__in=[
                Episode.Status.WAITING,
                Episode.Status.ACTIVE,
                Episode.Status.PAUSED,
            ],
        )
        .values(
            "episode__service_id", f"episode__{REFERRING}", "professional_id", "episode__status"
        )
        .annotate(n=Count("id"))
    )
    for g in grouped:
        yield {
            "metric": "caseload",
            "day": today,
            "service_id": g["episode__service_id"],
            "organisation_id": g[f"episode__{REFERRING}"],
            "coordinator_id": g["professional_id"],
            "key": g["episode__status"],
            "count": g["n"],
        }


METRIC_SOURCES: list[Callable] = [
    referral_rows,
    first_contact_rows,
    event_rows,
    meeting_rows,
    statement_rows,
    closing_rows,
]


def _dirty_days(since: datetime.datetime, state: RollupState) -> set[datetime.date]:
    from rinnalla.measurements.models import Measurement
    from rinnalla.workability.models import StatementRequest

    days: set[datetime.date] = set()
    days |= set(Referral.objects.filter(created_at__gt=since).values_list("received_on", flat=True))
    for value in Referral.objects.filter(triaged_at__gt=since).values_list("triaged_at", flat=True):
        days.add(_local_day(value))
    for value in PathEvent.objects.filter(pk__gt=state.event_id_mark).values_list(
        "occurred_at", flat=True
    ):
        days.add(_local_day(value))
    for value in Meeting.objects.filter(minutes_recorded_at__gt=since).values_list(
        "starts_at", flat=True
    ):
        days.add(_local_day(value))
    for value in Closing.objects.filter(
        Q(closed_at__gt=since) | Q(reopened_at__gt=since)
    ).values_list("closed_at", flat=True):
        days.add(_local_day(value))
    for value in StatementRequest.objects.filter(requested_at__gt=since).values_list(
        "requested_at", flat=True
    ):
        days.add(_local_day(value))
    days |= set(
        StatementRequest.objects.filter(received_event__created_at__gt=since)
        .exclude(received_on=None)
        .values_list("received_on", flat=True)
    )
    measured_clients = Measurement.objects.filter(pk__gt=state.measurement_id_mark).values(
        "client_id"
    )
    for value in Closing.objects.filter(
        episode__client_id__in=measured_clients, reopened_at__isnull=True
    ).values_list("closed_at", flat=True):
        days.add(_local_day(value))
    return days


def _write(days, *, frozen: frozenset = frozenset()) -> int:
    batch: list[DailyCount] = []
    written = 0
    for source in METRIC_SOURCES:
        for row in source(days):
            if row["day"] in frozen:
                continue
            batch.append(
                DailyCount(
                    day=row["day"],
                    service_id=row["service_id"],
                    organisation_id=row.get("organisation_id"),
                    coordinator_id=row.get("coordinator_id"),
                    metric=row["metric"],
                    key=row["key"] or "",
                    count=row["count"],
                    total=row.get("total") or 0,
                )
            )
            if len(batch) >= 5000:
                DailyCount.objects.bulk_create(batch)
                written += len(batch)
                batch = []
    DailyCount.objects.bulk_create(batch)
    return written + len(batch)


def _months(months: set[datetime.date] | None) -> int:
    """Rebuild MonthlyCount from DailyCount for ``months`` (None: all)."""
    if months is None:
        MonthlyCount.objects.all().delete()
    else:
        MonthlyCount.objects.filter(month__in=months).delete()
    daily = DailyCount.objects.exclude(metric="caseload")
    if months is not None:
        start, end = min(months), max(months)
        daily = daily.filter(day__gte=start, day__lt=_next_month(end))
    grouped = (
        daily.annotate(month=TruncMonth("day"))
        .values("month", "service_id", "organisation_id", "coordinator_id", "metric", "key")
        .annotate(n=Sum("count"), t=Sum("total"))
        .order_by()
    )
    batch, written = [], 0
    for g in grouped.iterator(chunk_size=5000):
        month = g["month"].date() if isinstance(g["month"], datetime.datetime) else g["month"]
        if months is not None and month not in months:
            continue
        batch.append(
            MonthlyCount(
                month=month,
                service_id=g["service_id"],
                organisation_id=g["organisation_id"],
                coordinator_id=g["coordinator_id"],
                metric=g["metric"],
                key=g["key"],
                count=g["n"],
                total=g["t"] or 0,
            )
        )
        if len(batch) >= 5000:
            MonthlyCount.objects.bulk_create(batch)
            written, batch = written + len(batch), []
    MonthlyCount.objects.bulk_create(batch)
    return written + len(batch)


def _next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def _caseload_snapshot(today: datetime.date) -> int:
    DailyCount.objects.filter(metric="caseload").delete()
    rows = [
        DailyCount(
            day=r["day"],
            service_id=r["service_id"],
            organisation_id=r["organisation_id"],
            coordinator_id=r["coordinator_id"],
            metric="caseload",
            key=r["key"],
            count=r["count"],
        )
        for r in caseload_rows(today)
    ]
    DailyCount.objects.bulk_create(rows)
    return len(rows)


def _frozen_days(started: datetime.datetime) -> tuple[datetime.date, frozenset]:
    """Days before the retention horizon that already have figures: never recomputed.

    Clients past their keeping time are deleted (ops.retention), and all their activity
    lies before the horizon; recomputing those days from the domain tables would drop
    their counts from the reports. A day before the horizon with no figures yet (data
    loaded after the fact) is still computed once.
    """
    from rinnalla.ops.retention import rollup_horizon

    horizon = rollup_horizon(now=started)
    return horizon, frozenset(
        DailyCount.objects.filter(day__lt=horizon)
        .exclude(metric="caseload")
        .values_list("day", flat=True)
        .distinct()
    )


def rollups_refresh(*, full: bool = False) -> dict:
    """Bring the rollups up to date: the days touched since the last run, or everything.

    Days before the retention horizon that already have figures are kept as they are
    (``_frozen_days``), in both the full and the incremental refresh.
    """
    from rinnalla.measurements.models import Measurement

    started = timezone.now()
    with transaction.atomic():
        state, _created = RollupState.objects.select_for_update().get_or_create(pk=1)
        horizon, frozen = _frozen_days(started)
        event_mark = PathEvent.objects.aggregate(m=Max("pk"))["m"] or 0
        measurement_mark = Measurement.objects.aggregate(m=Max("pk"))["m"] or 0
        days = None
        if not full and state.refreshed_at is not None:
            days = _dirty_days(state.refreshed_at - datetime.timedelta(seconds=5), state)
            days -= frozen
            if len(days) > FULL_REFRESH_OVER_DAYS:
                days = None
        if days is None:
            # Every day before the horizon with rows is frozen: keep those rows.
            DailyCount.objects.filter(Q(day__gte=horizon) | Q(metric="caseload")).delete()
            written = _write(None, frozen=frozen)
            _months(None)
            state.full_refreshed_at = started
        elif days:
            day_list = sorted(days)
            for start in range(0, len(day_list), 500):
                DailyCount.objects.filter(day__in=day_list[start : start + 500]).exclude(
                    metric="caseload"
                ).delete()
            written = _write(days)
            _months({day.replace(day=1) for day in days})
        else:
            written = 0
        _caseload_snapshot(timezone.localdate(started))
        state.refreshed_at = started
        state.requested_at = None
        state.event_id_mark = event_mark
        state.measurement_id_mark = measurement_mark
        state.save()
    return {"full": days is None, "days": 0 if days is None else len(days), "rows": written}

"""One synthetic client: referrals, client relationships, path, consents, closing."""

import datetime
import random

from rinnalla.accounts.models import Organisation
from rinnalla.core import hetu
from rinnalla.core.search import fold
from rinnalla.demo.synthetic.bulk import Batch
from rinnalla.demo.synthetic.network import (
    BIRTH_START,
    CODE_SPACE,
    CODE_STRIDE,
    HELSINKI,
    YEARS,
    Network,
    _weighted,
)
from rinnalla.demo.synthetic.vocabulary import (
    AREAS,
    CHANNEL_BY_KIND,
    CONSULTATIONS,
    CONTACTS,
    DECLINE_REASONS,
    FEMALE,
    FEMALE_SV,
    HANDOVER_TO,
    LAST,
    LAST_SV,
    MALE,
    MALE_SV,
    MEETINGS,
    NEXT_STEPS,
    NOTES,
    OUTCOME_SUMMARY,
    OUTCOMES,
    REASONS,
    REDIRECTS,
    REFERRALS_OUT,
    SOURCES,
    STATEMENTS,
)
from rinnalla.episodes.models import FIRST_CONTACT_KINDS, Episode
from rinnalla.referrals.models import Referral

# --- one client ---------------------------------------------------------------------


def identity_code(seed: int, index: int, attempt: int = 0) -> str:
    """A valid temporary henkilötunnus unique per (seed, index); ``attempt`` on collision."""
    offset = random.Random(f"rinnalla-synthetic:{seed}:codes").randrange(CODE_SPACE)
    position = (index * CODE_STRIDE + offset + attempt * 7_919) % CODE_SPACE
    birth = BIRTH_START + datetime.timedelta(days=position // 100)
    return hetu.build(birth, 900 + position % 100)


def _weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def _moment(rng: random.Random, day: datetime.date) -> datetime.datetime:
    return datetime.datetime(
        day.year,
        day.month,
        day.day,
        rng.randint(8, 15),
        rng.choice((0, 15, 30, 45)),
        tzinfo=HELSINKI,
    )


class ClientMaker:
    def __init__(self, network: Network, today: datetime.date, event_share: float = 1.0):
        self.net = network
        self.today = today
        self.event_share = event_share
        self.start = today - datetime.timedelta(days=365 * YEARS)
        self.service_weights = [s.weight for s in network.services]

    def add(self, batch: Batch, index: int, code: str) -> None:
        rng = random.Random(f"rinnalla-synthetic:{self.net.seed}:{index}")
        service = rng.choices(self.net.services, self.service_weights)[0]
        language = _weighted(rng, [("fi", 93), ("sv", 6), ("en", 1)])
        male = int(code[7:10]) % 2 == 1  # the individual number's parity is the sex
        if language == "sv":
            first = rng.choice(MALE_SV if male else FEMALE_SV)
            last = rng.choice(LAST_SV)
        else:
            first = rng.choice(MALE if male else FEMALE)
            last = rng.choice(LAST)
        received = self._received_on(rng)
        created_at = _moment(rng, received)
        client = batch.client.add(
            first_name=first,
            last_name=last,
            search_first_name=fold(first),
            search_last_name=fold(last),
            personal_identity_code=code,
            municipality=rng.choice(service.municipalities),
            language=language,
            email=f"{_ascii(first)}.{_ascii(last)}.{index}@example.com"
            if rng.random() < 0.4
            else "",
            preferred_contact_method=_weighted(
                rng, [("phone", 70), ("text_message", 15), ("email", 12), ("letter", 3)]
            ),
            service_id=service.org.pk,
            created_at=created_at,
            updated_at=created_at,
            created_by_id=rng.choice(service.coordinators).pk,
        )
        end = self._referral(batch, rng, client, service, received)
        if end is not None and rng.random() < 0.14:
            second = _weekday(end + datetime.timedelta(days=rng.randint(30, 500)))
            if second <= self.today:
                self._referral(batch, rng, client, service, second)

    def _received_on(self, rng: random.Random) -> datetime.date:
        # More referrals in recent years: the service grew.
        span = (self.today - self.start).days
        day = _weekday(self.start + datetime.timedelta(days=int(span * rng.random() ** 0.8)))
        return min(day, self.today)

    def _referral(self, batch, rng, client, service, received) -> datetime.date | None:
        """One referral and, if accepted, its client relationship. Returns when it ended."""
        kind, org_kind, _w = rng.choices(SOURCES, [s[2] for s in SOURCES])[0]
        source_org = rng.choice(self.net.orgs_by_kind[org_kind]) if org_kind else None
        source_person = None
        if source_org is not None and rng.random() < 0.7:
            source_person = rng.choice(self.net.professionals[source_org.pk])
        coordinator = rng.choice(service.coordinators)
        referral = dict(
            client_id=client["id"],
            service_id=service.org.pk,
            source_kind=kind,
            source_organisation_id=source_org.pk if source_org else None,
            source_professional_id=source_person.pk if source_person else None,
            channel=CHANNEL_BY_KIND[kind],
            reason=rng.choice(REASONS),
            urgency="urgent" if rng.random() < 0.08 else "normal",
            received_on=received,
            created_at=_moment(rng, received),
            created_by_id=coordinator.pk,
            status=Referral.Status.RECEIVED.value,
            triaged_at=None,
            triaged_by_id=None,
            triage_reason="",
            redirected_to="",
            episode_id=None,
        )
        age = (self.today - received).days
        if age <= 21 and rng.random() < 0.5:
            batch.referral.add(**referral)  # still in the triage queue
            return None
        triaged_on = min(
            self.today, _weekday(received + datetime.timedelta(days=rng.randint(0, 5)))
        )
        triaged_at = _moment(rng, triaged_on)
        referral.update(triaged_at=triaged_at, triaged_by_id=coordinator.pk)
        decision = _weighted(rng, [("accept", 86), ("redirect", 8), ("decline", 6)])
        if decision == "redirect":
            redirected_to, reason = rng.choice(REDIRECTS)
            referral.update(
                status=Referral.Status.REDIRECTED.value,
                redirected_to=redirected_to,
                triage_reason=reason,
            )
            batch.referral.add(**referral)
            return triaged_on
        if decision == "decline":
            referral.update(
                status=Referral.Status.DECLINED.value, triage_reason=rng.choice(DECLINE_REASONS)
            )
            batch.referral.add(**referral)
            return triaged_on
        episode, end = self._episode(batch, rng, client, service, coordinator, received, triaged_at)
        referral.update(
            status=Referral.Status.ACCEPTED.value,
            episode_id=episode["id"],
            triage_reason="Työkyvyn selvittely kuuluu palveluun.",
        )
        batch.referral.add(**referral)
        return end

    def _episode(self, batch, rng, client, service, coordinator, received, triaged_at):
        opened_on = triaged_at.astimezone(HELSINKI).date()
        episode = batch.episode.add(
            client_id=client["id"],
            service_id=service.org.pk,
            opened_on=opened_on,
            contact_clock_starts_on=received,
            created_at=triaged_at,
            created_by_id=coordinator.pk,
        )
        eid = episode["id"]
        duration = int(rng.lognormvariate(5.3, 0.5))  # median ~200 days
        end_day = opened_on + datetime.timedelta(days=max(20, min(duration, 900)))
        closes = end_day < self.today - datetime.timedelta(days=7) and rng.random() < 0.93
        last_day = min(end_day, self.today) if closes else self.today
        span = (last_day - opened_on).days
        target = rng.choice((rng.randint(10, 60), rng.randint(35, 60), rng.randint(40, 60)))
        n_events = round(target * min(1.0, (span + 1) / 120) * self.event_share)
        # Responsible persons: the coordinator, sometimes a successor, a few network people.
        first_person = batch.responsibleperson.add(
            episode_id=eid,
            professional_id=coordinator.pk,
            area_code="coordination",
            is_primary=True,
            started_at=triaged_at,
            ended_at=None,
        )
        batch.handover.add(
            episode_id=eid,
            from_professional_id=None,
            to_professional_id=coordinator.pk,
            by_id=coordinator.pk,
            at=triaged_at,
            note_code="relationship_opened",
        )
        authors = [coordinator]
        if span > 60 and rng.random() < 0.08:
            change = _moment(rng, _weekday(opened_on + datetime.timedelta(days=span // 2)))
            successor = rng.choice(service.coordinators)
            if change.date() <= last_day and successor != coordinator:
                first_person.update(is_primary=False, ended_at=change)
                batch.responsibleperson.add(
                    episode_id=eid,
                    professional_id=successor.pk,
                    area_code="coordination",
                    is_primary=True,
                    started_at=change,
                    ended_at=None,
                )
                batch.handover.add(
                    episode_id=eid,
                    from_professional_id=coordinator.pk,
                    to_professional_id=successor.pk,
                    by_id=coordinator.pk,
                    at=change,
                    note="Vastuu siirretty toiselle työkykykoordinaattorille.",
                )
                authors.append(successor)
        network_people = []
        if span > 14 and rng.random() < 0.6:
            for org in rng.sample(self.net.all_orgs, rng.randint(1, 3)):
                person = rng.choice(self.net.professionals[org.pk])
                at = _moment(
                    rng, _weekday(opened_on + datetime.timedelta(days=rng.randint(7, max(7, span))))
                )
                if at.date() > last_day:
                    continue
                area = AREAS.get(person.profession, person.profession)
                network_people.append(person)
                batch.responsibleperson.add(
                    episode_id=eid,
                    professional_id=person.pk,
                    area=area,
                    is_primary=False,
                    started_at=at,
                    ended_at=None,
                )
                batch.handover.add(
                    episode_id=eid,
                    from_professional_id=None,
                    to_professional_id=person.pk,
                    by_id=coordinator.pk,
                    at=at,
                    note_code="responsible_added",
                    note_data={"area": area},
                )
        # Consent for some: the organisations to be consulted and the network people's.
        consent_orgs: list[Organisation] = []
        consent_from = None
        if n_events >= 4 and rng.random() < 0.35:
            consent_orgs = rng.sample(self.net.all_orgs, rng.randint(1, 3))
            for person in network_people:
                if person.organisation not in consent_orgs:
                    consent_orgs.append(person.organisation)
            consent_from = min(
                last_day, _weekday(opened_on + datetime.timedelta(days=rng.randint(0, 30)))
            )
            consent = batch.consent.add(
                client_id=client["id"],
                purpose=_weighted(
                    rng, [("consultation", 5), ("cooperation", 4), ("information_exchange", 2)]
                ),
                method=_weighted(rng, [("signed_paper", 7), ("electronic", 2), ("oral", 1)]),
                given_on=consent_from,
                valid_until=last_day if closes else None,
                withdrawn_at=None,
                withdrawn_by_id=None,
                recorded_at=_moment(rng, consent_from),
                recorded_by_id=coordinator.pk,
            )
            for org in consent_orgs:
                batch.consent_organisations.add(consent_id=consent["id"], organisation_id=org.pk)
        # The path: first contact within ~3 weeks of the referral, the rest spread out.
        first_contact = None
        last_event = None
        if n_events:
            first_day = _weekday(received + datetime.timedelta(days=rng.randint(1, 24)))
            first_day = max(opened_on, min(first_day, last_day))
            room = max(0, (last_day - first_day).days)
            offsets = sorted(rng.randint(0, room) for _ in range(n_events - 1))
            days = [first_day] + [
                min(last_day, _weekday(first_day + datetime.timedelta(days=o))) for o in offsets
            ]
            for i, d in enumerate(days):
                when = _moment(rng, d)
                if i == 0:
                    kind = "contact"
                else:
                    kind = _weighted(rng, EVENT_KINDS)
                    if kind == "consultation" and not (consent_from and d >= consent_from):
                        kind = "note"
                event = self._event(rng, kind, when, consent_orgs)
                event.update(episode_id=eid, author_id=rng.choice(authors).pk)
                batch.pathevent.add(**event)
                if kind in FIRST_CONTACT_KINDS and (first_contact is None or when < first_contact):
                    first_contact = when
                if last_event is None or when > last_event:
                    last_event = when
        status = Episode.Status.ACTIVE
        if closes:
            closed_at = _moment(rng, last_day)
            if last_event is not None and closed_at <= last_event:
                closed_at = last_event + datetime.timedelta(minutes=30)
            outcome = _weighted(rng, OUTCOMES)
            batch.closing.add(
                episode_id=eid,
                outcome=outcome,
                summary=OUTCOME_SUMMARY[outcome],
                handover_to=HANDOVER_TO.get(outcome, ""),
                closed_at=closed_at,
                closed_by_id=authors[-1].pk,
                reopened_at=None,
                reopened_by_id=None,
                reopen_reason="",
            )
            status = Episode.Status.CLOSED
        elif first_contact is None:
            status = Episode.Status.WAITING
        elif rng.random() < 0.05:
            status = Episode.Status.PAUSED
        episode.update(
            status=status.value, first_contact_at=first_contact, last_event_at=last_event
        )
        return episode, (last_day if closes else None)

    def _event(self, rng, kind, when, consent_orgs) -> dict:
        event = dict(
            kind=kind,
            occurred_at=when,
            created_at=when,
            mode="",
            duration_minutes=None,
            organisation_id=None,
            statement_name="",
            statement_status="",
            next_step=rng.choice(NEXT_STEPS),
        )
        if kind == "contact":
            event["mode"], event["summary"] = rng.choice(CONTACTS)
        elif kind == "meeting":
            event["mode"], event["summary"] = rng.choice(MEETINGS)
            event["duration_minutes"] = rng.choice((45, 60, 60, 90, 90, 90, 120))
        elif kind == "consultation":
            event["organisation_id"] = rng.choice(consent_orgs).pk
            event["summary"] = rng.choice(CONSULTATIONS)
        elif kind == "statement":
            event["statement_name"], event["summary"] = rng.choice(STATEMENTS)
            if rng.random() < 0.4:
                event["statement_status"] = "received"
                event["summary"] = f"{event['statement_name']} vastaanotettu"
            else:
                event["statement_status"] = "requested"
        elif kind == "referral_out":
            event["summary"] = rng.choice(REFERRALS_OUT)
        else:
            event["summary"] = rng.choice(NOTES)
        return event


EVENT_KINDS = [
    ("contact", 34),
    ("meeting", 26),
    ("consultation", 12),
    ("statement", 7),
    ("referral_out", 5),
    ("note", 16),
]


def _ascii(text: str) -> str:
    return text.lower().replace("ä", "a").replace("ö", "o").replace("å", "a").replace(" ", "")

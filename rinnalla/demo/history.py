"""A year of ordinary, finished client paths in the demo service, for the reports.

The five cases (:mod:`rinnalla.demo.cases`) tell stories from 2023–2025; a service
owner who opens the reports for the last twelve months would see nothing. These short
paths are the background the reports count: referrals from the usual sources, a few
redirected or declined, first contacts, some network meetings, closings with outcomes.
Every path is closed, so no coordinator's work lists change, and all are the second
coordinator's (Sanna Rinne), not the demo login's.

Optional: ``load_demo --history`` (``make run`` asks for it; the tests do not). The
paths are drawn from a fixed seed and placed relative to the day of loading. Every
write goes through the services, like the cases (:func:`rinnalla.demo.loader._case`).
"""

import datetime
import random

from django.utils import timezone

from rinnalla.core import hetu
from rinnalla.demo import cases as data
from rinnalla.demo.synthetic import vocabulary as words
from rinnalla.referrals.services import referral_create, referral_triage

COORDINATOR = "tkk.rinne"
# Source kind, its organisation key and person (if any), channel, weight.
SOURCES = [
    ("physician", "hollola", "laakari", "patient_record_message", 9),
    ("physician", "asikkala", "laakari.asikkala", "patient_record_message", 5),
    ("physiotherapist", "hollola", "ft.hollola", "patient_record_message", 4),
    ("health_check_nurse", "hollola", "th.hollola", "patient_record_message", 5),
    ("psychiatric_nurse", "asikkala", "psh.asikkala", "encrypted_email", 3),
    ("social_work", "sosiaalityo", "sosiaalityo", "encrypted_email", 4),
    ("employment_services", "kuntakokeilu", "kuntakokeilu", "encrypted_email", 6),
    ("te_services", "te", "te.neuvoja", "phone", 3),
    ("kela", "kela", "kela", "phone", 2),
    ("self", None, None, "phone", 2),
    ("walk_in", None, None, "in_person", 3),
]
OUTCOMES = [
    ("rehabilitation", "Siirtyy Kelan ammatilliseen kuntoutukseen.", 6),
    ("work", "Työllistyi.", 3),
    ("part_time_work", "Osa-aikatyö palkkatuella.", 3),
    ("study", "Aloittaa opinnot.", 2),
    ("other_service", "Jatkaa TYP:ssä.", 3),
    ("pension", "Osatyökyvyttömyyseläke myönnetty.", 1),
    ("dropped_out", "Asiakas ei ole enää halunnut palvelua.", 2),
]
MUNICIPALITIES = ["Lahti", "Hollola", "Asikkala", "Heinola", "Orimattila"]
# Temporary individual numbers (900–999) not used by the five cases.
FIRST_NUMBER = 940


def _pick(rng: random.Random, rows):
    return rng.choices(rows, weights=[row[-1] for row in rows])[0]


def _stamp(day: datetime.date, hour: int, minute: int = 0) -> str:
    return f"{day.isoformat()} {hour:02d}:{minute:02d}"


def history_cases(today: datetime.date, *, seed: int = 2026, months: int = 12):
    """The paths: (case, decision) pairs; a case's path is only used when accepted."""
    rng = random.Random(seed)
    number = FIRST_NUMBER
    paths = []
    for back in range(months, 0, -1):
        for _i in range(rng.randint(4, 8)):
            received = today - datetime.timedelta(days=back * 30 - rng.randint(0, 27))
            # Long enough ago to have been closed by today.
            if received > today - datetime.timedelta(days=45):
                continue
            kind, org, person, channel, _w = _pick(rng, SOURCES)
            female = rng.random() < 0.55
            birth = datetime.date(rng.randint(1962, 2000), rng.randint(1, 12), rng.randint(1, 28))
            client = data.ClientData(
                rng.choice(words.FEMALE if female else words.MALE),
                rng.choice(words.LAST),
                birth,
                number,
                rng.choice(MUNICIPALITIES),
            )
            number = number + 1 if number < 999 else FIRST_NUMBER
            triaged = received + datetime.timedelta(days=rng.randint(0, 3))
            referral = data.Referral(
                received_on=received.isoformat(),
                triaged_at=_stamp(triaged, 10),
                source_kind=kind,
                channel=channel,
                source_org=org or "",
                source_person=person,
                reason=rng.choice(words.REASONS),
                coordinator=COORDINATOR,
            )
            roll = rng.random()
            decision = "accept" if roll < 0.8 else ("redirect" if roll < 0.9 else "decline")
            contact = triaged + datetime.timedelta(days=rng.randint(1, 20))
            path = [
                data.Event(
                    _stamp(contact, 9, 15),
                    "contact",
                    "Ensikontakti puhelimitse.",
                    mode="phone",
                    author=COORDINATOR,
                ),
                data.Event(
                    _stamp(contact + datetime.timedelta(days=7), 13),
                    "meeting",
                    "Tapaaminen, työkyvyn selvittelyä.",
                    mode="in_person",
                    minutes=60,
                    author=COORDINATOR,
                ),
            ]
            if rng.random() < 0.5:
                path.append(
                    data.GiveConsent(
                        contact.isoformat(),
                        tuple(sorted({org or "hollola", data.COORDINATION_SERVICE})),
                        purpose="cooperation",
                    )
                )
                path.append(
                    data.NetworkMeeting(
                        at=_stamp(contact + datetime.timedelta(days=21), 12),
                        participants=(COORDINATOR, person or "laakari"),
                        topics=("partial_work_ability",),
                        minutes="Käytiin läpi tilanne ja sovittiin jatkosta.",
                        author=COORDINATOR,
                        plan=data.Plan(
                            client_wishes="Haluaa löytää sopivan työn.",
                            shared_view="Kevyt työ onnistuu osa-aikaisesti.",
                            planned="Selvitetään kuntoutusvaihtoehdot.",
                            client_tasks="",
                            coordinator_tasks="Seuraa sovittuja asioita.",
                            follow_up_of_actions="",
                            network_contact="",
                            next_meeting_on=(contact + datetime.timedelta(days=60)).isoformat(),
                        ),
                    )
                )
            closed = min(
                contact + datetime.timedelta(days=rng.randint(30, 150)),
                today - datetime.timedelta(days=1),
            )
            outcome, summary, _w = _pick(rng, OUTCOMES)
            path.append(data.Close(_stamp(closed, 15), outcome, summary))
            paths.append((data.Case(f"history {number}", client, referral, path), decision))
    return paths


def load_history(
    *, service, orgs, people, today: datetime.date | None = None, months: int = 12
) -> int:
    """Record the paths through the services; returns how many referrals were made."""
    from rinnalla.demo import loader

    today = today or timezone.localdate()
    count = 0
    for case, decision in history_cases(today, months=months):
        if decision == "accept":
            loader._case(case, service=service, orgs=orgs, people=people)
        else:
            _not_accepted(case, decision, service=service, orgs=orgs, people=people)
        count += 1
    return count


def _not_accepted(case, decision: str, *, service, orgs, people) -> None:
    """A referral redirected or declined: the client is registered, no relationship."""
    from rinnalla.clients.services import client_create
    from rinnalla.demo.loader import at, day

    coordinator = people[COORDINATOR]
    c, r = case.client, case.referral
    client = client_create(
        actor=coordinator,
        service=service,
        first_name=c.first_name,
        last_name=c.last_name,
        personal_identity_code=hetu.build(c.birth_date, c.individual_number),
        municipality=c.municipality,
        language=c.language,
    )
    referral = referral_create(
        actor=coordinator,
        client=client,
        service=service,
        source_kind=r.source_kind,
        channel=r.channel,
        reason=r.reason,
        received_on=day(r.received_on),
        source_organisation=orgs.get(r.source_org),
        source_professional=people.get(r.source_person) if r.source_person else None,
    )
    referral_triage(
        actor=coordinator,
        referral=referral,
        decision=decision,
        reason="Asiakas on jo TYP:n asiakkuudessa."
        if decision == "redirect"
        else "Ei työkyvyn tuen tarvetta tällä hetkellä.",
        redirect_to="TYP Päijät-Häme" if decision == "redirect" else "",
        triaged_at=at(r.triaged_at),
    )
    type(client).objects.filter(pk=client.pk).update(created_at=at(r.triaged_at))
    type(referral).objects.filter(pk=referral.pk).update(created_at=at(r.triaged_at))

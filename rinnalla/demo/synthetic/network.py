"""The synthetic network: coordination services, organisations and professionals."""

import datetime
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction

from rinnalla.accounts.models import Organisation, User
from rinnalla.clients.models import Client
from rinnalla.demo.synthetic.vocabulary import (
    FEMALE,
    LAST,
    MALE,
    NETWORK_ORGS,
    REGION_ORGS,
    REGIONS,
    SHARED_ORGS,
)

HELSINKI = ZoneInfo("Europe/Helsinki")
YEARS = 6
# Birth dates 1960–2005; the index → (birth date, individual number) map is a bijection
# onto BIRTH_DAYS × 100 temporary numbers, so codes never repeat within one seed.
BIRTH_START = datetime.date(1960, 1, 1)
BIRTH_DAYS = (datetime.date(2005, 12, 31) - BIRTH_START).days + 1
CODE_SPACE = BIRTH_DAYS * 100
CODE_STRIDE = 1_000_003  # prime, coprime to CODE_SPACE
UNUSABLE_PASSWORD = "!synthetic"  # Django treats a leading "!" as "no password"


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


# --- the network --------------------------------------------------------------------


@dataclass
class Service:
    org: Organisation
    municipalities: list[str]
    coordinators: list[User]
    weight: int


@dataclass
class Network:
    seed: int
    services: list[Service]
    orgs_by_kind: dict[str, list[Organisation]]
    professionals: dict[int, list[User]]  # organisation id → professionals
    all_orgs: list[Organisation] = field(default_factory=list)


def tag(seed: int) -> str:
    return f"(synteettinen {seed})"


def username_prefix(seed: int) -> str:
    return f"syn{seed}-"


def synthetic_services(seed: int):
    return Organisation.objects.filter(is_coordination_service=True, name__endswith=tag(seed))


def synthetic_client_count(seed: int) -> int:
    return Client.objects.filter(service__in=synthetic_services(seed)).count()


def _network_plan(seed: int):
    """The organisations and people of the network, as plain data (no database)."""
    rng = random.Random(f"rinnalla-synthetic:{seed}:structure")
    suffix = tag(seed)
    prefix = username_prefix(seed)
    regions = rng.sample(REGIONS, rng.randint(2, 4))
    orgs = []  # (key, name, kind, is_service, region index, professions)
    people = []  # (username, first, last, role, profession, org key)
    for si, (region, region_gen, towns) in enumerate(regions):
        key = f"s{si + 1}"
        orgs.append(
            (
                key,
                f"{region_gen} hyvinvointialue, työkykykoordinaattoripalvelu {suffix}",
                "health_centre",
                True,
                si,
                [],
            )
        )
        for k in range(rng.randint(3, 8)):
            people.append(
                (
                    f"{prefix}{key}-tkk{k + 1}",
                    rng.choice(FEMALE + MALE),
                    rng.choice(LAST),
                    "coordinator",
                    "Työkykykoordinaattori",
                    key,
                )
            )
        people.append(
            (
                f"{prefix}{key}-esihenkilo",
                rng.choice(FEMALE),
                rng.choice(LAST),
                "manager",
                "Palvelun esihenkilö",
                key,
            )
        )
        for kind, count, pattern, professions in NETWORK_ORGS:
            for ti, (town, town_gen) in enumerate(towns[:count]):
                name = pattern.format(m=town, mg=town_gen, rg=region_gen)
                orgs.append(
                    (f"{key}-{kind}{ti + 1}", f"{name} {suffix}", kind, False, si, professions)
                )
        for kind, pattern, professions in REGION_ORGS:
            name = pattern.format(r=region, rg=region_gen, mg=towns[0][1])
            orgs.append((f"{key}-{kind}", f"{name} {suffix}", kind, False, si, professions))
    for i, (kind, name, professions) in enumerate(SHARED_ORGS):
        orgs.append((f"x{i + 1}-{kind}", f"{name} {suffix}", kind, False, None, professions))
    # About 300 professionals in the network organisations.
    network_orgs = [o for o in orgs if not o[3]]
    per_org = max(3, round(300 / len(network_orgs)))
    for key, _name, _kind, _is_service, _si, professions in network_orgs:
        for k in range(rng.randint(per_org - 2, per_org + 2)):
            male = rng.random() < 0.3
            people.append(
                (
                    f"{prefix}{key}-{k + 1}",
                    rng.choice(MALE if male else FEMALE),
                    rng.choice(LAST),
                    "network_professional",
                    professions[k % len(professions)],
                    key,
                )
            )
    weights = [rng.randint(2, 5) for _ in regions]
    return orgs, people, weights, [[t for t, _g in towns] for _r, _rg, towns in regions]


@transaction.atomic
def ensure_network(seed: int) -> Network:
    """Create the network for ``seed`` once; later runs load the same one."""
    orgs_plan, people_plan, weights, towns = _network_plan(seed)
    names = [o[1] for o in orgs_plan]
    existing = {o.name: o for o in Organisation.objects.filter(name__in=names)}
    missing = [o for o in orgs_plan if o[1] not in existing]
    Organisation.objects.bulk_create(
        [
            Organisation(name=name, kind=kind, is_coordination_service=is_service)
            for _key, name, kind, is_service, _si, _p in missing
        ]
    )
    by_name = {o.name: o for o in Organisation.objects.filter(name__in=names)}
    org_by_key = {key: by_name[name] for key, name, *_rest in orgs_plan}
    usernames = [p[0] for p in people_plan]
    have = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    User.objects.bulk_create(
        [
            User(
                username=u,
                first_name=f,
                last_name=la,
                role=role,
                profession=prof,
                organisation=org_by_key[key],
                password=UNUSABLE_PASSWORD,
            )
            for u, f, la, role, prof, key in people_plan
            if u not in have
        ]
    )
    users = {u.username: u for u in User.objects.filter(username__in=usernames)}
    services = []
    for key, name, _kind, is_service, si, _p in orgs_plan:
        if is_service:
            coordinators = [
                users[p[0]] for p in people_plan if p[5] == key and p[3] == "coordinator"
            ]
            services.append(Service(by_name[name], towns[si], coordinators, weights[si]))
    orgs_by_kind: dict[str, list[Organisation]] = {}
    professionals: dict[int, list[User]] = {}
    for _key, name, kind, is_service, _si, _p in orgs_plan:
        if not is_service:
            orgs_by_kind.setdefault(kind, []).append(by_name[name])
    for u, *_rest, key in people_plan:
        user = users[u]
        if user.role == "network_professional":
            professionals.setdefault(org_by_key[key].pk, []).append(user)
    return Network(
        seed, services, orgs_by_kind, professionals, [by_name[o[1]] for o in orgs_plan if not o[3]]
    )

"""The demo data: the five client paths of seed 000 (Asiakascase 1–5), as data.

Seed 000 is a set of OCR'd drawings from the Päijät-Häme work ability coordinator
pilot: each case is a chain of numbered boxes. Each case below lists those boxes in the
order the drawing numbers them, one path event per box, with the summary in the
seed's own Finnish wording (abbreviations written out: "ft" → fysioterapeutti). Boxes
that happened before the referral (e.g. the physician's referral to the
physiotherapist) are recorded as notes dated before the referral, so the client page
shows the whole drawing as one numbered timeline. The referral box itself is both the
real :class:`~rinnalla.referrals.models.Referral` and a note on the path.

Written consent is recorded before the first consultation with an organisation (the
service refuses consultations without it). Cases 1 and 3 end with "tietojen päivitys
ja asiakkuuden lopettaminen" and are closed; cases 4 and 5 say "asiakkuus
työkykykoordinaattorilla kesken" and stay open; case 2's drawing ends at the request
for a B-lausunto, so it stays open too.

Case 5's network meeting ("TKK kokoaa verkoston, tehdään jatkosuunnitelma") is a real
network meeting with its minutes, client plan version 1 and plan actions, so "My
work", the plan PDF and the follow-up lists have something to show. Its path event is
written by the meeting's minutes, in the service's own wording. The plan's next
meeting and the actions' due dates are relative to the day the demo is loaded: one
action is overdue, one due in a few days and the rest later.

The clients are fictional. Their henkilötunnus codes are built with temporary
individual numbers (900–999), which are never given to real people permanently.

:mod:`rinnalla.demo.loader` records all of this through the real services; nothing
here knows about the database.
"""

import datetime
from dataclasses import dataclass, field

# --- Organisations and people -------------------------------------------------------

COORDINATION_SERVICE = "tkk"


@dataclass(frozen=True)
class Org:
    key: str
    name: str
    kind: str
    is_coordination_service: bool = False


ORGANISATIONS = [
    Org(
        COORDINATION_SERVICE,
        "Päijät-Hämeen hyvinvointialue, työkykykoordinaattoripalvelu",
        "health_centre",
        is_coordination_service=True,
    ),
    Org("hollola", "Hollolan sote-keskus", "health_centre"),
    Org("asikkala", "Asikkalan sote-keskus", "health_centre"),
    Org("kela", "Kela", "kela"),
    Org("kuntakokeilu", "Kuntakokeilu, Päijät-Häme", "employment_services"),
    Org("valmennus", "Työhönvalmennus Polku Oy", "private_provider"),
    Org("pks", "Päijät-Hämeen keskussairaala", "specialist_care"),
    Org("sosiaalityo", "Päijät-Hämeen hyvinvointialue, aikuissosiaalityö", "social_work"),
    Org("te", "Hämeen TE-palvelut", "te_services"),
    Org("typ", "TYP Päijät-Häme", "typ"),
    # "Hankkeen lääkäri" and "Työkykyohjelma" in case 4: the pilot project that
    # ran the service within the national Työkykyohjelma, with its own physician.
    Org("hanke", "Tuetusti työhön ja osallisuuteen Päijät-Hämeessä -hanke", "health_centre"),
]


@dataclass(frozen=True)
class Person:
    username: str
    first_name: str
    last_name: str
    role: str
    org: str
    profession: str = ""
    phone: str = ""
    # Only the five demo logins get the password "demo"; everyone else has none.
    login: bool = False
    is_staff: bool = False  # the administrator: admin site, powers from the role, no superuser


COORDINATOR = "coordinator"
NETWORK = "network_professional"

PEOPLE = [
    # The demo logins (README / make run print these).
    Person(
        "tkk",
        "Tiina",
        "Koordinaattori",
        COORDINATOR,
        COORDINATION_SERVICE,
        "Työkykykoordinaattori",
        phone="044 123 4567",
        login=True,
    ),
    Person("laakari", "Lauri", "Laakso", NETWORK, "hollola", "Lääkäri", login=True),
    Person("kela", "Kaija", "Kettunen", NETWORK, "kela", "Kelan työkykyneuvoja", login=True),
    Person(
        "esihenkilo",
        "Eija",
        "Esko",
        "manager",
        COORDINATION_SERVICE,
        "Palvelun esihenkilö",
        login=True,
    ),
    Person(
        "admin",
        "Antero",
        "Ylläpitäjä",
        "administrator",
        COORDINATION_SERVICE,
        "Järjestelmän pääkäyttäjä",
        login=True,
        is_staff=True,
    ),
    # The pilot's second coordinator (from June 2022) and the network around the cases.
    Person(
        "tkk.rinne", "Sanna", "Rinne", COORDINATOR, COORDINATION_SERVICE, "Työkykykoordinaattori"
    ),
    Person("ft.hollola", "Heidi", "Virtanen", NETWORK, "hollola", "Fysioterapeutti"),
    Person(
        "psh.asikkala", "Pirjo", "Lindqvist", NETWORK, "asikkala", "Psykiatrinen sairaanhoitaja"
    ),
    Person("laakari.asikkala", "Markus", "Heinonen", NETWORK, "asikkala", "Lääkäri"),
    Person(
        "th.hollola",
        "Riikka",
        "Saarinen",
        NETWORK,
        "hollola",
        "Työttömien terveystarkastusten terveydenhoitaja",
    ),
    Person(
        "so.hollola", "Johanna", "Aalto", NETWORK, "hollola", "Sosiaaliohjaaja (terveydenhuolto)"
    ),
    Person(
        "kuntakokeilu",
        "Mervi",
        "Nieminen",
        NETWORK,
        "kuntakokeilu",
        "Työllisyysasiantuntija, kuntakokeilu",
    ),
    Person("valmentaja", "Tommi", "Lahtinen", NETWORK, "valmennus", "Työhönvalmentaja"),
    Person("sosiaalityo", "Katja", "Hiltunen", NETWORK, "sosiaalityo", "Sosiaalityöntekijä"),
    Person(
        "sosiaaliohjaaja",
        "Minna",
        "Kurki",
        NETWORK,
        "sosiaalityo",
        "Sosiaaliohjaaja, omatyöntekijä",
    ),
    Person("te.neuvoja", "Jukka", "Mattila", NETWORK, "te", "Työkykyneuvoja, Työkykyohjelma"),
    Person("typ.ohjaaja", "Satu", "Koivisto", NETWORK, "typ", "Kuntoutusohjaaja"),
    Person("erikoislaakari", "Olli", "Peltonen", NETWORK, "pks", "Erikoislääkäri, fysiatria"),
    Person("hankelaakari", "Eeva", "Laine", NETWORK, "hanke", "Hankkeen lääkäri"),
]

DEMO_LOGINS = [p for p in PEOPLE if p.login]
DEMO_PASSWORD = "demo"


# --- The path items -----------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """One numbered box of the drawing, recorded with ``event_create``."""

    at: str  # "YYYY-MM-DD HH:MM", Europe/Helsinki
    kind: str  # contact meeting consultation statement referral_out note
    summary: str
    mode: str = ""
    minutes: int | None = None
    org: str | None = None
    statement_name: str = ""
    statement_status: str = ""
    next_step: str = ""
    author: str = "tkk"


@dataclass(frozen=True)
class GiveConsent:
    """The client's consent, recorded with ``consent_record`` before a consultation."""

    on: str  # "YYYY-MM-DD"
    orgs: tuple[str, ...]
    purpose: str = "consultation"
    method: str = "signed_paper"
    until: str | None = None


@dataclass(frozen=True)
class AddResponsible:
    """A responsible person (asiakasvastaava) named on the path."""

    at: str
    username: str
    area: str
    primary: bool = False


@dataclass(frozen=True)
class Close:
    at: str
    outcome: str
    summary: str
    handover_to: str = ""


CLIENT = "client"  # the responsible person of a plan action that is the client's own


@dataclass(frozen=True)
class Action:
    """A plan action (toimenpide) agreed in a network meeting, recorded with ``action_create``.

    The due date is relative to the day the demo is loaded (negative: already overdue),
    so "My work" and the follow-up lists show overdue, soon and later work whenever
    the demo is loaded.
    """

    category: str
    description: str
    responsible: str  # a username, or CLIENT
    due_in_days: int = 0
    # A closed case's actions have fixed dates and a final status instead.
    due_on: str | None = None  # "YYYY-MM-DD"
    status: str = "planned"
    for_client: str = ""


@dataclass(frozen=True)
class Plan:
    """The client plan version (asiakkuussuunnitelma) made at a network meeting.

    The text fields are those of :class:`~rinnalla.plans.models.ClientPlan` (LIITE 13).
    The next meeting is relative to the day the demo is loaded, so it is always coming.
    """

    client_wishes: str
    shared_view: str
    planned: str
    client_tasks: str
    coordinator_tasks: str
    follow_up_of_actions: str
    network_contact: str
    next_meeting_in_days: int = 0
    next_meeting_on: str | None = None  # a closed case's fixed date instead
    distributed_to_client: bool = True
    distributed_to_primary_care: bool = True
    actions: tuple[Action, ...] = ()


@dataclass(frozen=True)
class NetworkMeeting:
    """A network meeting (verkostopalaveri) that took place, with its minutes and plan.

    Recorded with ``meeting_create`` and ``meeting_record_minutes``, which also writes
    the meeting's path event (so the box is not an :class:`Event` as well), then
    ``plan_create`` and ``action_create``.
    """

    at: str  # "YYYY-MM-DD HH:MM", Europe/Helsinki
    participants: tuple[str, ...]  # usernames; the client is ``client_present``
    topics: tuple[str, ...]
    minutes: str
    plan: Plan
    duration: int = 90
    mode: str = "in_person"
    place: str = ""
    client_present: bool = True
    author: str = "tkk"


@dataclass(frozen=True)
class Measure:
    """A measurement result, recorded with ``measurement_record`` on its day."""

    on: str  # "YYYY-MM-DD"
    instrument: str
    answers: dict
    author: str = "tkk"
    self_reported: bool = False


@dataclass(frozen=True)
class NeedsAssessment:
    """The service needs assessment (palvelutarpeen arviointi), one version."""

    at: str  # "YYYY-MM-DD HH:MM"
    sections: dict
    own_rating: int | None = None
    author: str = "tkk"


@dataclass(frozen=True)
class WorkAbility:
    """The coordinator's work ability assessment and plan proposal for the physician.

    Recorded with the workability service, which also writes its path events ("written
    for the physician" and, when it asks for one, "B-lausunto requested") and starts the
    statement's follow-up. The measurements picked are the newest of each instrument
    named, up to the day. The follow-up date is relative to the day the demo is loaded.
    """

    at: str  # "YYYY-MM-DD HH:MM"
    physician: str | None
    situation: str
    functional_capacity: str
    limitations: str
    client_view: str
    conclusion: str
    proposals: tuple[str, ...]
    proposal_details: str = ""
    instruments: tuple[str, ...] = ()
    follow_up_in_days: int | None = None
    author: str = "tkk"


def whodas(*values: int) -> dict:
    """WHODAS 2.0 answers S1–S12 (1 none … 5 extreme)."""
    return {f"S{n}": value for n, value in enumerate(values, 1)}


def audit(*values: int) -> dict:
    return {f"Q{n}": value for n, value in enumerate(values, 1)}


@dataclass(frozen=True)
class Referral:
    received_on: str
    triaged_at: str
    source_kind: str
    channel: str
    source_org: str
    source_person: str | None
    reason: str
    urgency: str = "normal"
    coordinator: str = "tkk"
    triage_reason: str = "Työkyvyn selvittely kuuluu työkykykoordinaattoripalveluun."


@dataclass(frozen=True)
class ClientData:
    first_name: str
    last_name: str
    birth_date: datetime.date
    individual_number: int  # 900–999: temporary codes only
    municipality: str
    language: str = "fi"
    email: str = ""
    preferred_contact_method: str = "phone"
    phone: str = ""


@dataclass(frozen=True)
class Case:
    label: str
    client: ClientData
    referral: Referral
    # Event | GiveConsent | AddResponsible | NetworkMeeting | Close
    path: list = field(default_factory=list)


# --- Asiakascase 1: physiotherapist → TKK → Kela vocational rehabilitation (closed) -----

CASE_1 = Case(
    label="Asiakascase 1",
    client=ClientData(
        "Jari",
        "Hämäläinen",
        datetime.date(1968, 4, 17),
        931,
        "Hollola",
        email="jari.hamalainen@example.com",
    ),
    referral=Referral(
        received_on="2023-02-06",
        triaged_at="2023-02-07 09:30",
        source_kind="physiotherapist",
        channel="patient_record_message",
        source_org="hollola",
        source_person="ft.hollola",
        reason=(
            "Asiakascase 1: Fysioterapeutin lähete työkykykoordinaattorille työkyvyn "
            "arviota varten. Toimintakyvyn arvio tehty fysioterapiassa lääkärin lähetteellä; "
            "työkyvyn selvittely ja kuntoutusvaihtoehdot."
        ),
    ),
    path=[
        Event(
            "2023-01-10 10:00",
            "note",
            "Lääkärin lähete toimintakyvyn arvioon fysioterapeutille, "
            "potilastietojärjestelmään kirjattuna",
            org="hollola",
        ),
        Event("2023-01-16 13:00", "note", "Asiakas varaa ajan fysioterapeutille", org="hollola"),
        Event(
            "2023-02-06 11:20",
            "note",
            "Fysioterapeutin lähete TKK:lle työkyvyn arviota varten "
            "potilastietojärjestelmän kautta (viestipiikki)",
            org="hollola",
        ),
        Event(
            "2023-02-09 09:15",
            "contact",
            "TKK:n yhteydenotto",
            mode="phone",
            next_step="Ensimmäinen tapaaminen sote-keskuksessa.",
        ),
        Event(
            "2023-02-20 12:30",
            "meeting",
            "TKK:n tapaamiset, työkyvyn selvittelyä",
            mode="in_person",
            minutes=90,
        ),
        Event(
            "2023-03-06 14:00",
            "note",
            "TKK tekee työkykyarvion ja suunnitelmaehdotuksen perusterveydenhuollon "
            "lääkärille potilastietojärjestelmään kirjattuna",
            org="hollola",
        ),
        GiveConsent("2023-03-06", ("kela",), until="2023-09-30"),
        Event(
            "2023-03-14 10:00",
            "consultation",
            "TKK konsultoi Kelaa kuntoutusvaihtoehtoja varten asiakkaan kirjallisella "
            "suostumuksella",
            mode="",
            org="kela",
        ),
        Event(
            "2023-03-20 08:45",
            "statement",
            "Asiakas varaa lääkärin ajan B-lausuntoa varten",
            org="hollola",
            statement_name="B-lausunto",
            statement_status="requested",
        ),
        Event(
            "2023-05-02 09:00",
            "contact",
            "TKK:n yhteydenotto, tilanteen päivitys ja sovitaan käynti",
            mode="phone",
        ),
        Event(
            "2023-06-05 10:00",
            "referral_out",
            "Asiakas menee Kelan järjestämään ammatilliseen kuntoutusselvitykseen",
            org="kela",
        ),
        Event(
            "2023-09-12 13:00",
            "meeting",
            "TKK:n tapaaminen, tietojen päivitys ja yhdessä kirjaaminen, asiakkuuden lopettaminen",
            mode="in_person",
            minutes=60,
        ),
        Close(
            "2023-09-12 14:15",
            "rehabilitation",
            "Asiakas siirtyi Kelan ammatilliseen kuntoutusselvitykseen. Tiedot päivitetty "
            "ja kirjattu yhdessä asiakkaan kanssa; asiakkuus lopetettu.",
            handover_to="Kela, ammatillinen kuntoutusselvitys",
        ),
    ],
)

# --- Asiakascase 2: psychiatric nurse → TKK → B-lausunto for rehabilitation (open) ------

CASE_2 = Case(
    label="Asiakascase 2",
    client=ClientData(
        "Sanna",
        "Kivelä",
        datetime.date(1985, 9, 2),
        946,
        "Asikkala",
        email="sanna.kivela@example.com",
        preferred_contact_method="email",
    ),
    referral=Referral(
        received_on="2025-04-14",
        triaged_at="2025-04-15 08:40",
        source_kind="psychiatric_nurse",
        channel="patient_record_message",
        source_org="asikkala",
        source_person="psh.asikkala",
        reason=(
            "Asiakascase 2: Psykiatrisen sairaanhoitajan lähete työkykykoordinaattorille. "
            "Asiakkaalla säännöllinen kontakti psykiatriseen sairaanhoitajaan; työkyvyn "
            "selvittely ja kuntoutuksen mahdollisuudet."
        ),
    ),
    path=[
        Event(
            "2025-03-03 10:00",
            "note",
            "Asiakkaalla säännöllinen kontakti psykiatriseen sairaanhoitajaan",
            org="asikkala",
        ),
        Event(
            "2025-04-14 13:10",
            "note",
            "Psykiatrisen sairaanhoitajan lähete TKK:lle potilastietojärjestelmän kautta "
            "(viestipiikki)",
            org="asikkala",
        ),
        Event("2025-04-16 09:30", "contact", "TKK:n yhteydenotto", mode="phone"),
        Event(
            "2025-05-05 12:00",
            "meeting",
            "TKK:n tapaamiset, työkyvyn selvittelyä",
            mode="in_person",
            minutes=90,
        ),
        Event(
            "2025-05-26 14:30",
            "note",
            "TKK tekee työkykyarvion ja suunnitelmaehdotuksen perusterveydenhuollon "
            "lääkärille potilastietojärjestelmään kirjattuna",
            org="asikkala",
        ),
        Event(
            "2025-06-02 09:00",
            "statement",
            "Asiakas varaa lääkärille ajan B-lausunnon saamiseksi kuntoutusta varten",
            org="asikkala",
            statement_name="B-lausunto",
            statement_status="requested",
        ),
        Event(
            "2025-08-18 10:15",
            "contact",
            "TKK:n yhteydenotto B-lausuntoa varten",
            mode="phone",
            next_step="Seurataan B-lausunnon valmistumista.",
        ),
    ],
)

# --- Asiakascase 3: physician → TKK → multiprofessional network (closed) ---------------

CASE_3 = Case(
    label="Asiakascase 3",
    client=ClientData(
        "Mikko",
        "Salonen",
        datetime.date(1979, 11, 23),
        958,
        "Hollola",
        email="mikko.salonen@example.com",
    ),
    referral=Referral(
        received_on="2024-01-17",
        triaged_at="2024-01-18 10:00",
        source_kind="physician",
        channel="patient_record_message",
        source_org="hollola",
        source_person="laakari",
        reason=(
            "Asiakascase 3: Lääkärin lähete työkykykoordinaattorille työkyvyn "
            "lisäselvittelyyn B-lausuntoa varten. Asiakkaalla asiakkuus kuntakokeilussa ja "
            "yksityisessä työhönvalmennuksessa."
        ),
    ),
    path=[
        Event(
            "2023-11-06 10:00",
            "note",
            "Asiakkaalla asiakkuus kuntakokeilussa ja yksityisessä työhönvalmennuksessa",
            org="kuntakokeilu",
        ),
        Event(
            "2024-01-15 11:00",
            "note",
            "Asiakas käy perusterveydenhuollon lääkärillä B-lausuntoa varten",
            org="hollola",
        ),
        Event(
            "2024-01-17 14:00",
            "note",
            "Lääkäri tekee lähetteen TKK:lle työkyvyn lisäselvittelyyn B-lausuntoa varten "
            "potilastietojärjestelmän kautta (viestipiikki)",
            org="hollola",
        ),
        Event("2024-01-19 09:00", "contact", "TKK:n yhteydenotto", mode="phone"),
        Event(
            "2024-02-05 12:30",
            "meeting",
            "TKK:n tapaamiset (2 kertaa) ennen konsultointeja, työkyvyn selvittelyä",
            mode="in_person",
            minutes=90,
        ),
        GiveConsent("2024-02-05", ("kuntakokeilu", "valmennus", "kela"), until="2024-12-31"),
        Event(
            "2024-02-12 10:00",
            "consultation",
            "TKK konsultoi kuntakokeilua asiakkaan kirjallisella suostumuksella",
            org="kuntakokeilu",
        ),
        Event(
            "2024-02-13 13:00",
            "consultation",
            "TKK konsultoi yksityistä työhönvalmennuksen palveluntuottajaa asiakkaan "
            "kirjallisella suostumuksella",
            org="valmennus",
        ),
        Event(
            "2024-02-15 09:30",
            "consultation",
            "TKK konsultoi Kelaa asiakkaan kirjallisella suostumuksella",
            org="kela",
        ),
        Event(
            "2024-02-26 14:00",
            "note",
            "TKK tekee työkykyarvion ja suunnitelmaehdotuksen lääkärille "
            "potilastietojärjestelmään kirjattuna",
            org="hollola",
        ),
        Event(
            "2024-03-04 09:15",
            "contact",
            "TKK:n yhteydenotto: suunnitelman teko ja tilanteen tarkennus ennen verkostopalaveria",
            mode="phone",
        ),
        NetworkMeeting(
            "2024-03-14 12:00",
            participants=("tkk", "kuntakokeilu", "valmentaja"),
            topics=("vocational", "partial_work_ability"),
            place="Hollolan sote-keskus, neuvotteluhuone",
            minutes=(
                "TKK kokosi moniammatillisen verkoston: asiakas, TKK, kuntakokeilu ja "
                "yksityisen työhönvalmennuksen palveluntuottaja. Käytiin läpi TKK:n "
                "tapaamisissa ja konsultaatioissa selvitetty tilanne. Tehtiin suunnitelmaa ja "
                "jaettiin vastuut: kuntakokeilu vastaa työnhausta ja työkokeilusta, "
                "työhönvalmentaja valmennuksesta. B-lausunnon tarve selvitetään "
                "terveydenhuollon kanssa."
            ),
            plan=Plan(
                client_wishes=(
                    "Mikko haluaa työhön, jossa voi tehdä käytännön töitä omaan tahtiin. Hän "
                    "toivoo, että asiointi eri paikkojen kanssa helpottuisi."
                ),
                shared_view=(
                    "Mikko on täsmällinen ja oppii uutta tekemällä. Haasteita ovat jaksaminen "
                    "koko työpäivän ajan, keskittyminen ja tilanteet, joissa on paljon "
                    "ihmisiä. Terveydentilan vaikutus työkykyyn selvitetään lääkärin kanssa."
                ),
                planned=(
                    "Kuntakokeilu jatkaa työnhakua ja etsii sopivan työkokeilupaikan. "
                    "Työhönvalmentaja valmentaa työnhaussa ja työpaikalla. TKK selvittää "
                    "B-lausunnon tarpeen ja terveydenhuollon sosiaaliohjauksen."
                ),
                client_tasks=(
                    "Mikko käy työhönvalmennuksessa viikoittain ja varaa ajan lääkärille, kun "
                    "B-lausunnon tarve on selvitetty."
                ),
                coordinator_tasks=(
                    "TKK konsultoi terveydenhuollon sosiaaliohjaajaa ja sopii käynnin "
                    "asiakkaan kanssa."
                ),
                follow_up_of_actions=(
                    "TKK seuraa vastuiden toteutumista ja on yhteydessä verkostoon, jos jokin "
                    "viivästyy."
                ),
                network_contact=(
                    "Kuntakokeiluun ja työhönvalmentajaan salatulla sähköpostilla asiakkaan "
                    "kirjallisella suostumuksella."
                ),
                next_meeting_on="2024-05-15",
                actions=(
                    Action(
                        "work_trial",
                        "Työnhaku ja työkokeilupaikan etsiminen",
                        responsible="kuntakokeilu",
                        due_on="2024-05-31",
                        status="done",
                        for_client="Kuntakokeilu etsii kanssasi työkokeilupaikan.",
                    ),
                    Action(
                        "other",
                        "Työhönvalmennus: työnhaku ja tuki työpaikalla",
                        responsible="valmentaja",
                        due_on="2024-05-31",
                        status="done",
                        for_client="Työhönvalmentaja auttaa sinua työnhaussa ja työpaikalla.",
                    ),
                    Action(
                        "further_assessment",
                        "B-lausunnon tarpeen selvittäminen; terveydenhuollon sosiaaliohjaus",
                        responsible="tkk",
                        due_on="2024-04-30",
                        status="done",
                        for_client=(
                            "Työkykykoordinaattori selvittää, tarvitaanko B-lausunto, ja sopii "
                            "sinulle ajan sosiaaliohjaajalle."
                        ),
                    ),
                    Action(
                        "other",
                        "Käy työhönvalmennuksessa viikoittain",
                        responsible=CLIENT,
                        due_on="2024-05-31",
                        status="done",
                        for_client="Käyt työhönvalmennuksessa kerran viikossa.",
                    ),
                ),
            ),
        ),
        AddResponsible("2024-03-14 13:30", "kuntakokeilu", "Työnhaku ja kuntakokeilu"),
        AddResponsible("2024-03-14 13:31", "valmentaja", "Työhönvalmennus"),
        Event(
            "2024-04-08 10:00",
            "meeting",
            "TKK:n käynti: B-lausunnon tarve ja terveydenhuollon sosiaaliohjaus",
            mode="in_person",
            minutes=60,
        ),
        GiveConsent("2024-04-08", ("hollola",), method="oral", until="2024-12-31"),
        Event(
            "2024-04-10 11:00",
            "consultation",
            "TKK konsultoi terveydenhuollon sosiaaliohjaajaa asiakkaan suostumuksella ja "
            "varaa ajan asiakkaalle",
            org="hollola",
        ),
        AddResponsible("2024-04-10 11:30", "so.hollola", "Terveydenhuollon sosiaaliohjaus"),
        Event(
            "2024-04-22 08:30",
            "statement",
            "Asiakas varaa uuden ajan lääkärille B-lausuntoa varten",
            org="hollola",
            statement_name="B-lausunto",
            statement_status="requested",
        ),
        Event(
            "2024-06-03 09:00",
            "contact",
            "TKK:n yhteydenotto: tietojen päivitys ja asiakkuuden lopettaminen",
            mode="phone",
        ),
        Close(
            "2024-06-03 10:00",
            "other_service",
            "Moniammatillinen verkosto koottu ja vastuut jaettu. Asiakas jatkaa "
            "kuntakokeilussa ja työhönvalmennuksessa; terveydenhuollon sosiaaliohjaus "
            "alkanut ja B-lausunto pyydetty. Asiakkuus lopetettu.",
            handover_to="Kuntakokeilu, yksityinen työhönvalmennus ja terveydenhuollon "
            "sosiaaliohjaaja",
        ),
    ],
)

# --- Asiakascase 4: kuntakokeilu → TKK → part-time work (open) -------------------------

CASE_4 = Case(
    label="Asiakascase 4",
    client=ClientData(
        "Tuula",
        "Rantanen",
        datetime.date(1972, 6, 8),
        964,
        "Asikkala",
        email="tuula.rantanen@example.com",
    ),
    referral=Referral(
        received_on="2025-01-20",
        triaged_at="2025-01-21 09:00",
        source_kind="employment_services",
        channel="encrypted_email",
        source_org="kuntakokeilu",
        source_person="kuntakokeilu",
        reason=(
            "Asiakascase 4: Kuntakokeilun lähete työkykykoordinaattorille työkyvyn arvioon "
            "salattuna sähköpostina. Asiakkuus kuntakokeilussa."
        ),
    ),
    path=[
        Event("2024-09-02 10:00", "note", "Asiakkuus kuntakokeilussa", org="kuntakokeilu"),
        Event(
            "2025-01-20 15:00",
            "note",
            "Kuntakokeilun lähete TKK:lle työkyvyn arvioon salattuna sähköpostina",
            org="kuntakokeilu",
        ),
        Event("2025-01-22 09:00", "contact", "TKK:n yhteydenotto", mode="phone"),
        Event(
            "2025-02-03 12:00",
            "meeting",
            "TKK:n tapaaminen, työkyvyn selvittelyä",
            mode="in_person",
            minutes=90,
        ),
        NeedsAssessment(
            "2025-02-03 13:45",
            {
                "family_and_housing": "Asuu puolison kanssa omakotitalossa Asikkalassa.",
                "illnesses_and_treatment": (
                    "Nivelkipuja ja väsymystä; tutkimukset erikoissairaanhoidossa kesken."
                ),
                "unemployment_duration": "Työttömänä noin kaksi vuotta.",
                "education_and_work_history": "Merkonomi; pitkä ura kaupan kassalla.",
                "strengths_skills_hobbies": "Asiakaspalvelu, huolellisuus; puutarhanhoito.",
                "wishes_and_goals": "Haluaa osa-aikatyöhön asiakaspalveluun.",
            },
            own_rating=5,
        ),
        Measure("2025-02-03", "work-ability-self-rating", {"score": 5}),
        Measure("2025-02-03", "whodas-12", whodas(2, 2, 1, 2, 1, 1, 3, 1, 1, 1, 1, 2)),
        GiveConsent("2025-02-03", ("kuntakokeilu", "kela"), until="2027-02-03"),
        GiveConsent("2025-02-03", ("te", "hanke"), method="oral", until="2027-02-03"),
        Event(
            "2025-02-10 10:00",
            "note",
            "TKK:n palaute kuntakokeiluun asiakkaan työkyvystä ja tilanteesta",
            org="kuntakokeilu",
        ),
        Event(
            "2025-02-17 13:00",
            "consultation",
            "Konsultaatio Työkykyohjelman kanssa asiakkaan jatko-ohjauksesta asiakkaan luvalla",
            org="te",
        ),
        Event(
            "2025-02-19 11:00",
            "consultation",
            "Puhelu hankkeen lääkärille asiakkaan terveydentilan selventämiseksi asiakkaan luvalla",
            org="hanke",
        ),
        Event(
            "2025-02-24 09:30",
            "consultation",
            "Konsultaatio Kelan kanssa kuntoutuksen mahdollisuuksista asiakkaan "
            "kirjallisella luvalla",
            org="kela",
        ),
        AddResponsible("2025-02-24 10:00", "kela", "Kelan kuntoutusmahdollisuudet"),
        AddResponsible("2025-02-24 10:01", "kuntakokeilu", "Työllisyyspalvelut (kuntakokeilu)"),
        Event("2025-03-10 10:00", "note", "Asiakas käy sote-keskuksen lääkärillä", org="asikkala"),
        Event("2025-04-07 10:00", "note", "Tutkimukset kesken erikoissairaanhoidossa", org="pks"),
        Event(
            "2025-05-12 09:00", "contact", "TKK:n yhteydenotto, tilanteen päivitys", mode="phone"
        ),
        Event("2025-08-04 10:00", "note", "Asiakas aloittaa osa-aikatyön"),
        Event(
            "2025-09-01 09:00", "contact", "TKK:n yhteydenotto, tilanteen päivitys", mode="phone"
        ),
        Measure("2025-09-01", "work-ability-self-rating", {"score": 7}),
        Event(
            "2025-10-20 09:30",
            "contact",
            "TKK:n yhteydenotto, tilanteen päivitys",
            mode="phone",
            next_step="Asiakkuus työkykykoordinaattorilla kesken: seurataan osa-aikatyön "
            "sujumista ja erikoissairaanhoidon tutkimuksia.",
        ),
    ],
)

# --- Asiakascase 5: kuntakokeilu → TKK → network and social work (open) ----------------

CASE_5 = Case(
    label="Asiakascase 5",
    client=ClientData(
        "Janne",
        "Koskinen",
        datetime.date(1990, 2, 14),
        977,
        "Hollola",
        email="janne.koskinen@example.com",
        preferred_contact_method="text_message",
    ),
    referral=Referral(
        received_on="2025-03-10",
        triaged_at="2025-03-11 09:15",
        source_kind="employment_services",
        channel="encrypted_email",
        source_org="kuntakokeilu",
        source_person="kuntakokeilu",
        reason=(
            "Asiakascase 5: Kuntakokeilun lähete työkykykoordinaattorille työkyvyn arvioon "
            "salattuna sähköpostina. Asiakkuus kuntakokeilussa, hoitosuhde sote-keskuksen "
            "tiimilääkäriin."
        ),
    ),
    path=[
        Event(
            "2025-02-03 10:00",
            "note",
            "Asiakkuus kuntakokeilussa ja hoitosuhde sote-keskuksen tiimilääkäriin",
            org="kuntakokeilu",
        ),
        Event(
            "2025-03-10 14:30",
            "note",
            "Kuntakokeilun lähete TKK:lle työkyvyn arvioon salattuna sähköpostina",
            org="kuntakokeilu",
        ),
        Event(
            "2025-03-12 09:00", "contact", "TKK:n yhteydenotto, sovittu tapaamisesta", mode="phone"
        ),
        Event(
            "2025-03-24 12:00",
            "meeting",
            "TKK:n tapaaminen, työkyvyn selvittelyä",
            mode="in_person",
            minutes=90,
        ),
        NeedsAssessment(
            "2025-03-24 13:45",
            {
                "family_and_housing": "Asuu yksin vuokrayksiössä Hollolassa.",
                "social_situation": "Ystäviä vähän; yhteys veljeen.",
                "illnesses_and_treatment": (
                    "Selkäkipu raskaissa töissä, väsymys ja univaikeudet. Hoitosuhde "
                    "sote-keskuksen tiimilääkäriin."
                ),
                "unemployment_duration": "Työttömänä vajaat kaksi vuotta.",
                "income_and_social_security": "Työmarkkinatuki; raha-asiat huolettavat.",
                "employment_measures": "Asiakkuus kuntakokeilussa.",
                "education_and_work_history": (
                    "Talonrakentaja; varasto- ja rakennustöitä, viimeisin työ päättyi selän takia."
                ),
                "strengths_skills_hobbies": "Käytännön taidot, tulee toimeen ihmisten kanssa.",
                "wishes_and_goals": "Takaisin töihin, aluksi osa-aikaisesti.",
            },
            own_rating=4,
        ),
        Measure("2025-03-24", "work-ability-self-rating", {"score": 4}),
        Measure("2025-03-24", "whodas-12", whodas(3, 3, 2, 2, 2, 2, 3, 1, 1, 2, 2, 3)),
        Measure("2025-03-24", "audit", audit(2, 1, 1, 0, 0, 0, 0, 0, 0, 0)),
        GiveConsent(
            "2025-03-24",
            ("kuntakokeilu", "kela", "hollola", "sosiaalityo"),
            purpose="cooperation",
            until="2027-03-24",
        ),
        Event(
            "2025-03-27 10:00",
            "consultation",
            "TKK:n yhteydenotto kuntakokeiluun: sovittu asiakkaalle tarpeellisesta "
            "verkostosta, sosiaalityön tarve",
            org="kuntakokeilu",
        ),
        Event(
            "2025-04-02 13:00",
            "consultation",
            "TKK konsultoi Kelaa asiakkaan kirjallisella suostumuksella",
            org="kela",
        ),
        Event(
            "2025-04-07 09:00",
            "referral_out",
            "TKK varaa ajan työttömien terveydenhoitajalle potilastietojärjestelmän kautta "
            "(viestipiikki)",
            org="hollola",
        ),
        NetworkMeeting(
            "2025-04-23 12:00",
            participants=("tkk", "kuntakokeilu"),
            topics=("partial_work_ability", "vocational"),
            place="Hollolan sote-keskus, neuvotteluhuone",
            minutes=(
                "TKK kokosi verkoston, ja tehtiin jatkosuunnitelma: yhteinen verkostopalaveri "
                "(asiakas, TKK, kuntakokeilu). Käytiin läpi TKK:n tapaamisissa tehty "
                "työkyvyn selvittely ja kuntakokeilun tilanne. Janne on ollut väsynyt, ja "
                "selkä on kipeytynyt raskaissa töissä. Raha-asiat huolettavat. Sovittiin "
                "vastuut ja aikataulu; ne ovat suunnitelmassa."
            ),
            plan=Plan(
                client_wishes=(
                    "Janne haluaa takaisin töihin, aluksi osa-aikaisesti. Hän toivoo työtä, "
                    "jossa saa tehdä käsillä ja liikkua. Hän toivoo myös, että raha-asiat "
                    "saadaan kuntoon."
                ),
                shared_view=(
                    "Janne osaa käytännön työt ja tulee hyvin toimeen ihmisten kanssa. "
                    "Haasteita ovat jaksaminen, pitkät työpäivät ja selkäkipu raskaissa "
                    "töissä. Arjen ja raha-asioiden hoitaminen vie voimia. Työkyky on nyt "
                    "osittainen."
                ),
                planned=(
                    "Tiimilääkäri arvioi työkyvyn ja kirjoittaa B-lausunnon kuntoutusta "
                    "varten. Kuntakokeilu etsii työkokeilupaikan, jossa työ on kevyttä ja "
                    "päivät lyhyitä. Sosiaalityön tarve selvitetään yhdessä kuntakokeilun "
                    "kanssa. Kelan kuntoutusmahdollisuudet katsotaan, kun lausunto on valmis."
                ),
                client_tasks=(
                    "Janne varaa ajan tiimilääkärille. Hän hakee Kelasta kuntoutusrahaa, kun "
                    "B-lausunto on valmis. Hän kertoo TKK:lle, jos vointi tai tilanne muuttuu."
                ),
                coordinator_tasks=(
                    "TKK kirjaa työkykyarvion ja suunnitelmaehdotuksen lääkärille "
                    "potilastietojärjestelmään. TKK sopii yhteisen tapaamisen "
                    "aikuissosiaalityön kanssa ja kutsuu verkoston seuraavaan palaveriin."
                ),
                follow_up_of_actions=(
                    "Toimenpiteet käydään läpi seuraavassa palaverissa. TKK seuraa "
                    "määräaikoja ja on yhteydessä vastuuhenkilöihin, jos jokin viivästyy."
                ),
                network_contact=(
                    "Tiimilääkäriin yhteys potilastietojärjestelmän kautta, kuntakokeiluun "
                    "salatulla sähköpostilla. Aikuissosiaalityö tulee mukaan verkostoon "
                    "asiakkaan luvalla."
                ),
                next_meeting_in_days=35,
                actions=(
                    Action(
                        "further_assessment",
                        "B-lausunto kuntoutusta varten: työkyvyn arvio TKK:n työkykyarvion ja "
                        "suunnitelmaehdotuksen pohjalta",
                        responsible="laakari",
                        due_in_days=-7,
                        for_client=(
                            "Tiimilääkäri arvioi työkykysi ja kirjoittaa B-lausunnon "
                            "kuntoutusta varten."
                        ),
                    ),
                    Action(
                        "other",
                        "Yhteinen tapaaminen aikuissosiaalityön kanssa; tiedot sosiaalityölle "
                        "asiakkaan luvalla",
                        responsible="tkk",
                        due_in_days=3,
                        for_client=(
                            "Työkykykoordinaattori sopii yhteisen tapaamisen "
                            "aikuissosiaalityön kanssa."
                        ),
                    ),
                    Action(
                        "work_trial",
                        "Työkokeilupaikan etsiminen: kevyttä työtä, aluksi neljä tuntia päivässä",
                        responsible="kuntakokeilu",
                        due_in_days=21,
                        for_client=(
                            "Kuntakokeilu etsii sinulle kevyen työkokeilupaikan, aluksi neljä "
                            "tuntia päivässä."
                        ),
                    ),
                    Action(
                        "rehabilitation_allowance_application",
                        "Kuntoutusrahan hakeminen Kelasta, kun B-lausunto on valmis",
                        responsible=CLIENT,
                        due_in_days=28,
                        for_client=(
                            "Haet Kelasta kuntoutusrahaa, kun B-lausunto on valmis. "
                            "Työkykykoordinaattori auttaa hakemuksen kanssa."
                        ),
                    ),
                ),
            ),
        ),
        AddResponsible("2025-04-23 13:30", "kuntakokeilu", "Työllisyyspalvelut (kuntakokeilu)"),
        Event(
            "2025-05-05 08:30",
            "note",
            "Asiakas varaa ajan lääkärille sairauslomaa varten",
            org="hollola",
        ),
        AddResponsible("2025-05-05 09:00", "laakari", "Hoitosuhde, sairausloma ja lausunnot"),
        Measure("2025-05-12", "work-ability-self-rating", {"score": 5}),
        # "Työkykyarvio ja suunnitelmaehdotus lääkärille potilastietojärjestelmään
        # kirjattuna" (box 10), asking for the B-lausunto of the plan.
        WorkAbility(
            "2025-05-12 14:00",
            physician="laakari",
            situation=(
                "Janne on 35-vuotias ja ollut työttömänä vajaat kaksi vuotta; aiemmin "
                "varasto- ja rakennustöissä. Asiakkuus kuntakokeilussa. Toimeentulo "
                "työmarkkinatuen varassa, ja raha-asiat huolettavat. Aikuissosiaalityön tarve "
                "on selvitetty, ja yhteistyö alkaa."
            ),
            functional_capacity=(
                "Käytännön työt sujuvat, ja Janne tulee hyvin toimeen ihmisten kanssa. Hän "
                "jaksaa noin neljän tunnin päiviä kevyessä työssä. Työkykypistemäärä 4/10 "
                "maaliskuussa ja 5/10 toukokuussa."
            ),
            limitations=(
                "Selkäkipu pahenee raskaissa nostoissa ja pitkissä työpäivissä. Väsymystä ja "
                "univaikeuksia. WHODAS 2.0: kohtalaista haittaa liikkumisessa ja arjen "
                "toiminnoissa."
            ),
            client_view="Haluaa takaisin töihin, aluksi osa-aikaisesti, työhön jossa saa liikkua.",
            conclusion=(
                "Työkyky on osittainen: kevyt, fyysisesti vaihteleva työ lyhyin päivin on "
                "mahdollista, raskas varastotyö ei. Työhön paluu edellyttää ammatillista "
                "kuntoutusta ja selkäkivun hoitoa. Kelan ammatillisen kuntoutuksen "
                "edellytysten arviointiin tarvitaan B-lausunto."
            ),
            proposals=("b_statement", "vocational_rehabilitation", "work_trial"),
            proposal_details=(
                "Ehdotan, että tiimilääkäri arvioi työkyvyn ja kirjoittaa B-lausunnon Kelan "
                "ammatillista kuntoutusta varten (KU 101 -hakemuksen liitteeksi). Kuntakokeilu "
                "etsii rinnalla kevyen työkokeilupaikan, aluksi neljä tuntia päivässä."
            ),
            instruments=("work-ability-self-rating", "whodas-12"),
            follow_up_in_days=4,
        ),
        Event(
            "2025-06-09 10:00",
            "note",
            "Kuntakokeilusta yhteydenotto aikuissosiaalityöhön. Sosiaalityöntekijä ottaa "
            "yhteyttä TKK:hon. Yhteistyö aloitettu.",
            org="sosiaalityo",
            next_step="Asiakkuus työkykykoordinaattorilla kesken: yhteistyö "
            "sosiaalihuollon omatyöntekijän kanssa jatkuu.",
        ),
        AddResponsible(
            "2025-06-09 10:30", "sosiaaliohjaaja", "Sosiaalihuollon omatyöntekijä (SHL 42 §)"
        ),
    ],
)

CASES = [CASE_1, CASE_2, CASE_3, CASE_4, CASE_5]

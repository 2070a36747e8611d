"""The survey forms of the seeds (004 LIITE 1, 10, 11 and 15) as data.

Each question is worded as in the seed (Finnish), with Swedish and English versions.
A data migration installs them as :class:`~rinnalla.surveys.models.Survey` rows; an
administrator may add later versions. Differences from the paper forms, on purpose:

- LIITE 1 question 1 lists the configured municipalities (``ChoiceListItem``), not
  Kainuu's; LIITE 15 question 1 lists the configured organisation structure.
- The Kainuu-specific introductions (a project worker's phone number, a deadline)
  are replaced by a neutral one, and "Kainuun sotessa" by "hyvinvointialueellamme".
- LIITE 1 jumps from 8 to 10 on paper; here the last question is 9.
- Each "Perustelisitko:" / "Haluatko tarkentaa…" line is its own free-text question
  right after the question it belongs to (numbered like it, e.g. "2 b").
"""

from dataclasses import dataclass, field


def T(fi: str, sv: str, en: str) -> dict[str, str]:
    return {"fi": fi, "sv": sv, "en": en}


SCALE = "scale"
YES_NO = "yes_no"
SINGLE = "single"
MULTIPLE = "multiple"
TEXT = "text"


@dataclass
class Q:
    key: str
    number: str
    kind: str
    text: dict
    low: dict = field(default_factory=dict)
    high: dict = field(default_factory=dict)
    choices: list = field(default_factory=list)
    choices_source: str = ""


@dataclass
class Form:
    code: str
    respondent: str
    title: dict
    intro: dict
    questions: list


POOR = T("huono", "dålig", "poor")
EXCELLENT = T("erinomainen", "utmärkt", "excellent")
BADLY = T("huonosti", "dåligt", "badly")
EXCELLENTLY = T("erinomaisesti", "utmärkt", "excellently")
WHY = T("Perustelisitko:", "Kan du motivera:", "Could you explain why:")
YES_NO_CHOICES = [
    ("yes", T("Kyllä", "Ja", "Yes")),
    ("no", T("Ei", "Nej", "No")),
]
YES_NO_EN_CHOICES = [  # "kyllä / en": the first person
    ("yes", T("Kyllä", "Ja", "Yes")),
    ("no", T("En", "Nej", "No")),
]


def why(number: str) -> Q:
    return Q(f"q{number}_why", f"{number} b", TEXT, WHY)


# --- LIITE 10: the client's evaluation of the network meeting --------------------------

LIITE_10 = Form(
    code="liite-10",
    respondent="client",
    title=T(
        "Työkyvyn tuen tiimin verkostotapaamisen arviointilomake asiakkaalle",
        "Utvärderingsblankett för klienten om nätverksmötet med teamet för stöd av arbetsförmågan",
        "The client's evaluation of the work ability support team's network meeting",
    ),
    intro=T(
        "Kiitos, että osallistuit verkostotapaamiseen. Vastaaminen tapahtuu anonyymisti: "
        "vastauksiasi ei yhdistetä sinuun. Kaikki kysymykset ovat vapaaehtoisia.",
        "Tack för att du deltog i nätverksmötet. Du svarar anonymt: dina svar kopplas inte "
        "till dig. Alla frågor är frivilliga.",
        "Thank you for taking part in the network meeting. Your answers are anonymous: they "
        "are not linked to you. Every question is optional.",
    ),
    questions=[
        Q(
            "q1",
            "1",
            SINGLE,
            T(
                "Kuka sinut ohjasi verkostotapaamiseen?",
                "Vem hänvisade dig till nätverksmötet?",
                "Who referred you to the network meeting?",
            ),
            choices=[
                (
                    "employment",
                    T(
                        "Työllisyysohjaaja / työkykykoordinaattori",
                        "Sysselsättningshandledare / arbetsförmågekoordinator",
                        "Employment advisor / work ability coordinator",
                    ),
                ),
                ("health_care", T("Terveydenhuolto", "Hälso- och sjukvården", "Health care")),
                (
                    "social_work",
                    T(
                        "Sosiaaliohjaaja / Sosiaalityöntekijä",
                        "Socialhandledare / socialarbetare",
                        "Social counsellor / social worker",
                    ),
                ),
                ("other", T("Muu, mikä?", "Annan, vem?", "Other, who?")),
            ],
        ),
        Q("q1_other", "1 b", TEXT, T("Muu, mikä?", "Annan, vem?", "Other, who?")),
        Q(
            "q2",
            "2",
            SCALE,
            T(
                "Millainen oli motivaatiosi osallistua verkostotapaamiseen?",
                "Hurdan var din motivation att delta i nätverksmötet?",
                "How motivated were you to take part in the network meeting?",
            ),
            POOR,
            EXCELLENT,
        ),
        why("2"),
        Q(
            "q3",
            "3",
            SCALE,
            T(
                "Miten omat asiat edistyivät työkyvyn tuen verkostotapaamisessa?",
                "Hur framskred dina egna ärenden i nätverksmötet för stöd av arbetsförmågan?",
                "How did your own matters progress in the work ability support network meeting?",
            ),
            BADLY,
            EXCELLENTLY,
        ),
        why("3"),
        Q(
            "q4",
            "4",
            YES_NO,
            T(
                "Huomioivatko ammattilaiset sinun tarpeesi ja toiveesi / tulitko kuulluksi?",
                "Beaktade de yrkesutbildade dina behov och önskemål / blev du hörd?",
                "Did the professionals take your needs and wishes into account / were you heard?",
            ),
            choices=YES_NO_CHOICES,
        ),
        why("4"),
        Q(
            "q5",
            "5",
            TEXT,
            T(
                "Mihin olit tyytyväinen työkyvyn tuen tiimin verkostotapaamisessa?",
                "Vad var du nöjd med i nätverksmötet med teamet för stöd av arbetsförmågan?",
                "What were you satisfied with in the work ability support team's network meeting?",
            ),
        ),
        Q(
            "q6",
            "6",
            TEXT,
            T(
                "Mitä asioita tulisi vielä kehittää työkyvyn tuen tiimin verkostotapaamisissa?",
                "Vad borde ännu utvecklas i nätverksmötena med teamet för stöd av arbetsförmågan?",
                "What should still be developed in the work ability support team's network "
                "meetings?",
            ),
        ),
        Q(
            "q7",
            "7",
            SCALE,
            T(
                "Minkä arvosanan annat verkostotapaamiselle?",
                "Vilket vitsord ger du nätverksmötet?",
                "What grade do you give the network meeting?",
            ),
            POOR,
            EXCELLENT,
        ),
        why("7"),
        Q(
            "q8",
            "8",
            SCALE,
            T(
                "Minkä arvosanan annat koordinoivan kuntoutusohjaajan toiminnasta?",
                "Vilket vitsord ger du den koordinerande rehabiliteringshandledarens arbete?",
                "What grade do you give the coordinating rehabilitation counsellor's work?",
            ),
            POOR,
            EXCELLENT,
        ),
        why("8"),
    ],
)

# --- LIITE 11: the professionals' evaluation of the network meeting ---------------------

LIITE_11 = Form(
    code="liite-11",
    respondent="professional",
    title=T(
        "Työkyvyn tuen tiimin verkostotapaamisen arviointilomake ammattilaisille",
        "Utvärderingsblankett för yrkesutbildade om nätverksmötet med teamet för stöd av "
        "arbetsförmågan",
        "The professionals' evaluation of the work ability support team's network meeting",
    ),
    intro=T(
        "Kiitos, että osallistuit verkostotapaamiseen. Vastaaminen tapahtuu anonyymisti: "
        "vastauksiasi ei yhdistetä sinuun eikä asiakkaaseen.",
        "Tack för att du deltog i nätverksmötet. Du svarar anonymt: dina svar kopplas inte "
        "till dig eller till klienten.",
        "Thank you for taking part in the network meeting. Your answers are anonymous: they "
        "are not linked to you or to the client.",
    ),
    questions=[
        Q(
            "q1",
            "1",
            SCALE,
            T(
                "Miten mielestäsi asiakkaiden asiat edistyivät työkyvyn tuen tiimin "
                "verkostotapaamisella?",
                "Hur anser du att klienternas ärenden framskred i nätverksmötet med teamet för "
                "stöd av arbetsförmågan?",
                "In your view, how did the clients' matters progress in the work ability support "
                "team's network meeting?",
            ),
            BADLY,
            EXCELLENTLY,
        ),
        why("1"),
        Q(
            "q2",
            "2",
            SCALE,
            T(
                "Miten mielestäsi asiakkaan kohtaaminen onnistui työkyvyn tuen tiimin "
                "verkostotapaamisessa?",
                "Hur lyckades bemötandet av klienten i nätverksmötet med teamet för stöd av "
                "arbetsförmågan, enligt dig?",
                "In your view, how well was the client met in the work ability support team's "
                "network meeting?",
            ),
            BADLY,
            EXCELLENTLY,
        ),
        why("2"),
        Q(
            "q3",
            "3",
            SCALE,
            T(
                "Miten mielestäsi ammattilaisten yhteistyö ja työnjako tapaamisissa onnistui?",
                "Hur lyckades de yrkesutbildades samarbete och arbetsfördelning på mötena, "
                "enligt dig?",
                "In your view, how did the professionals' cooperation and division of work in "
                "the meetings succeed?",
            ),
            BADLY,
            EXCELLENTLY,
        ),
        why("3"),
        Q(
            "q4",
            "4",
            TEXT,
            T(
                "Mikä onnistui verkostotapaamisessa parhaiten?",
                "Vad lyckades bäst i nätverksmötet?",
                "What went best in the network meeting?",
            ),
        ),
        Q(
            "q5",
            "5",
            TEXT,
            T(
                "Mitä asioita tulisi vielä kehittää verkostotapaamisissa?",
                "Vad borde ännu utvecklas i nätverksmötena?",
                "What should still be developed in the network meetings?",
            ),
        ),
        Q(
            "q6",
            "6",
            SCALE,
            T(
                "Minkä arvosanan annat verkostotapaamisille?",
                "Vilket vitsord ger du nätverksmötena?",
                "What grade do you give the network meetings?",
            ),
            POOR,
            EXCELLENT,
        ),
        why("6"),
        Q(
            "q7",
            "7",
            SCALE,
            T(
                "Minkä arvosanan annat koordinoivan kuntoutusohjaajan toiminnasta?",
                "Vilket vitsord ger du den koordinerande rehabiliteringshandledarens arbete?",
                "What grade do you give the coordinating rehabilitation counsellor's work?",
            ),
            POOR,
            EXCELLENT,
        ),
        why("7"),
    ],
)

# --- LIITE 1: the customer experience survey -------------------------------------------

SPECIFY = T(
    "Haluatko tarkentaa mistä palvelusta on kyse?",
    "Vill du precisera vilken tjänst det gäller?",
    "Would you like to say which service this is about?",
)


def _service_scale(letter: str, fi: str, sv: str, en: str) -> list[Q]:
    return [
        Q(f"q3{letter}", f"3 {letter}", SCALE, T(fi, sv, en), BADLY, EXCELLENTLY),
        Q(f"q3{letter}_service", f"3 {letter} b", TEXT, SPECIFY),
    ]


LIITE_1 = Form(
    code="liite-1",
    respondent="client",
    title=T(
        "Asiakaskokemuskysely osatyökykyisille työnhakijoille työllistymisen palveluista",
        "Kundupplevelseenkät om sysselsättningstjänster för arbetssökande med partiell "
        "arbetsförmåga",
        "Customer experience survey on employment services for partially work-able job seekers",
    ),
    intro=T(
        "Tämän kyselyn tarkoituksena on kartoittaa palvelujen käyttäjien kokemuksia ja "
        "ajatuksia saamistaan palveluista. Vastauksesi ovat ensiarvoisen tärkeitä ja niitä "
        "tullaan käyttämään palveluiden kehittämisen tukena. Vastaaminen tapahtuu "
        "anonyymisti, eikä henkilötietoja kerätä.",
        "Syftet med enkäten är att kartlägga användarnas erfarenheter av och tankar om de "
        "tjänster de fått. Dina svar är mycket viktiga och används för att utveckla "
        "tjänsterna. Du svarar anonymt och inga personuppgifter samlas in.",
        "This survey asks the people who use the services about their experiences of them. "
        "Your answers matter greatly and will be used to develop the services. You answer "
        "anonymously and no personal data is collected.",
    ),
    questions=[
        Q(
            "q1",
            "1",
            SINGLE,
            T("Mikä on asuinkuntasi?", "Vilken är din hemkommun?", "Which is your municipality?"),
            choices_source="municipalities",
        ),
        Q(
            "q2",
            "2",
            MULTIPLE,
            T(
                "Mitä työllistymistä tukevia palveluita/etuuksia sinulla on käytössä tällä "
                "hetkellä?",
                "Vilka tjänster/förmåner som stöder sysselsättning använder du för närvarande?",
                "Which services or benefits supporting employment do you use at the moment?",
            ),
            choices=[
                (
                    "kela_rehabilitation",
                    T(
                        "KELA:n kuntoutuspalvelut (esimerkiksi Nuotti, TEAK, psykoterapia)",
                        "FPA:s rehabiliteringstjänster (till exempel Nuotti, TEAK, psykoterapi)",
                        "Kela's rehabilitation services (for example Nuotti, TEAK, psychotherapy)",
                    ),
                ),
                (
                    "pension_insurer_rehabilitation",
                    T(
                        "Työeläkevakuutusyhtiön ammatillinen kuntoutus",
                        "Arbetspensionsbolagets yrkesinriktade rehabilitering",
                        "Vocational rehabilitation of the earnings-related pension insurer",
                    ),
                ),
                (
                    "rehabilitative_work",
                    T(
                        "Kuntouttava työtoiminta (sosiaalihuolto)",
                        "Arbetsverksamhet i rehabiliteringssyfte (socialvården)",
                        "Rehabilitative work activity (social welfare)",
                    ),
                ),
                (
                    "social_rehabilitation",
                    T("Sosiaalinen kuntoutus", "Social rehabilitering", "Social rehabilitation"),
                ),
                (
                    "employment_services",
                    T(
                        "Työllisyydenhoito (TE-toimisto / kuntakokeilu)",
                        "Sysselsättningstjänster (TE-byrån / kommunförsök)",
                        "Employment services (TE office / municipal trial)",
                    ),
                ),
                ("typ", T("TYP", "TYP", "TYP joint service")),
                (
                    "rehabilitation_research",
                    T(
                        "Kuntoutustutkimus- ja erityisterapiapalvelut (erikoissairaanhoito)",
                        "Rehabiliteringsundersökning och specialterapi (specialiserad sjukvård)",
                        "Rehabilitation research and special therapies (specialist care)",
                    ),
                ),
                (
                    "education",
                    T(
                        "Koulutus / Oppilaitoksen tuki",
                        "Utbildning / stöd från läroanstalten",
                        "Education / support from the school",
                    ),
                ),
                (
                    "work_trial",
                    T(
                        "Työkokeilu (työllisyyspalvelut)",
                        "Arbetsprövning (sysselsättningstjänster)",
                        "Work trial (employment services)",
                    ),
                ),
                ("pay_subsidy", T("Palkkatuki", "Lönesubvention", "Pay subsidy")),
                ("job_coaching", T("Työhönvalmennus", "Jobbcoachning", "Job coaching")),
                (
                    "coordinator_support",
                    T(
                        "Työkykykoordinaattorin tuki",
                        "Stöd av arbetsförmågekoordinatorn",
                        "Support of the work ability coordinator",
                    ),
                ),
                (
                    "work_modification",
                    T(
                        "Työn räätälöinti (Esimerkiksi työtehtävien tai työajan muokkaaminen)",
                        "Anpassning av arbetet (till exempel arbetsuppgifter eller arbetstid)",
                        "Work modification (for example changes to tasks or working hours)",
                    ),
                ),
                (
                    "disability_work_activity",
                    T(
                        "Vammaisten henkilöiden työtoiminta",
                        "Arbetsverksamhet för personer med funktionsnedsättning",
                        "Work activity for persons with disabilities",
                    ),
                ),
                (
                    "intellectual_disability_work",
                    T(
                        "Kehitysvammalain mukainen työtoiminta ja työhönvalmennus",
                        "Arbetsverksamhet och jobbcoachning enligt lagen om utvecklingsstörning",
                        "Work activity and job coaching under the Act on Intellectual Disabilities",
                    ),
                ),
                (
                    "partial_sickness_allowance",
                    T(
                        "Osasairauspäiväraha",
                        "Partiell sjukdagpenning",
                        "Partial sickness allowance",
                    ),
                ),
                (
                    "partial_disability_pension",
                    T(
                        "Osatyökyvyttömyyseläke",
                        "Partiell invalidpension",
                        "Partial disability pension",
                    ),
                ),
                ("other", T("Jotain muuta, mitä?", "Något annat, vad?", "Something else, what?")),
            ],
        ),
        Q(
            "q2_other",
            "2 b",
            TEXT,
            T("Jotain muuta, mitä?", "Något annat, vad?", "Something else, what?"),
        ),
        *_service_scale(
            "a",
            "Palveluun on ollut helppo päästä ja palvelut ovat olleet helposti saavutettavia",
            "Det har varit lätt att få tjänsten och tjänsterna har varit lättillgängliga",
            "The service has been easy to get and the services easy to reach",
        ),
        *_service_scale(
            "b",
            "Olen tullut kuulluksi omien toiveideni ja unelmieni suhteen",
            "Jag har blivit hörd när det gäller mina egna önskemål och drömmar",
            "I have been heard about my own wishes and dreams",
        ),
        *_service_scale(
            "c",
            "Toimintakykyyni liittyvät asiat on huomioitu palveluitani suunniteltaessa",
            "Min funktionsförmåga har beaktats när mina tjänster planerats",
            "My functional capacity has been taken into account in planning my services",
        ),
        *_service_scale(
            "d",
            "Mielipidettäni on kuunneltu palveluitani suunniteltaessa",
            "Min åsikt har lyssnats på när mina tjänster planerats",
            "My opinion has been listened to in planning my services",
        ),
        *_service_scale(
            "e",
            "Työ- ja toimintakykyyn liittyvistä keskusteluista on ollut työllistymiseni "
            "kannalta hyötyä",
            "Diskussionerna om arbets- och funktionsförmåga har varit till nytta för min "
            "sysselsättning",
            "The discussions about work ability and functional capacity have helped my employment",
        ),
        *_service_scale(
            "f",
            "Minulla on työntekijä, joka tuntee tilanteeni (työ- ja toimintakykyyn liittyvissä "
            "asioissa) kokonaisvaltaisesti",
            "Jag har en arbetstagare som känner till min situation (i frågor om arbets- och "
            "funktionsförmåga) som helhet",
            "I have a worker who knows my situation (in matters of work ability and functional "
            "capacity) as a whole",
        ),
        *_service_scale(
            "g",
            "Sain sellaista tukea, mitä tarvitsin (riittävä ohjaus, keskustelut)",
            "Jag fick det stöd jag behövde (tillräcklig handledning, diskussioner)",
            "I got the support I needed (enough guidance, discussions)",
        ),
        Q(
            "q3h",
            "3 h",
            SCALE,
            T(
                "Suosittelisin palvelua?",
                "Skulle jag rekommendera tjänsten?",
                "Would I recommend the service?",
            ),
            BADLY,
            EXCELLENTLY,
        ),
        Q("q3h_service", "3 h b", TEXT, T("mitä palvelua", "vilken tjänst", "which service")),
        Q(
            "q4",
            "4",
            TEXT,
            T(
                "Mitkä ovat mielestäsi merkittävimmät työ- ja toimintakykyysi vaikuttavat "
                "asiat, esteet tai haasteet? (nimeä 1-3)",
                "Vilka är enligt dig de viktigaste sakerna, hindren eller utmaningarna som "
                "påverkar din arbets- och funktionsförmåga? (nämn 1–3)",
                "In your view, what are the most important things, obstacles or challenges "
                "affecting your work ability and functional capacity? (name 1–3)",
            ),
        ),
        Q(
            "q5",
            "5",
            YES_NO,
            T(
                "Oletko käynyt työttömien terveystarkastuksessa?",
                "Har du gått på hälsoundersökning för arbetslösa?",
                "Have you been to the unemployed persons' health check?",
            ),
            choices=YES_NO_EN_CHOICES,
        ),
        Q(
            "q6",
            "6",
            TEXT,
            T(
                "Jos olet, niin miten sinun työ- ja toimintakykyäsi selvitettiin / tuettiin "
                "työllistämisen edistämiseksi?",
                "Om ja, hur utreddes / stöddes din arbets- och funktionsförmåga för att främja "
                "sysselsättningen?",
                "If you have, how was your work ability and functional capacity assessed / "
                "supported to help your employment?",
            ),
        ),
        Q(
            "q6_grade",
            "6 b",
            SCALE,
            T(
                "Minkälaisen arvosanan antaisit terveydenhuollolle palvelusta",
                "Vilket vitsord skulle du ge hälso- och sjukvården för tjänsten",
                "What grade would you give health care for the service",
            ),
            POOR,
            EXCELLENT,
        ),
        Q(
            "q7",
            "7",
            YES_NO,
            T(
                "Oletko käyttänyt sosiaalihuollon palveluita?",
                "Har du använt socialvårdens tjänster?",
                "Have you used social welfare services?",
            ),
            choices=YES_NO_EN_CHOICES,
        ),
        Q(
            "q7_services",
            "7 b",
            MULTIPLE,
            T(
                "Mitä palveluita olet käyttänyt",
                "Vilka tjänster har du använt",
                "Which services have you used",
            ),
            choices=[
                (
                    "adult_social_work",
                    T("aikuissosiaalityö", "socialt arbete för vuxna", "adult social work"),
                ),
                (
                    "disability_services",
                    T("vammaispalvelut", "handikappservice", "disability services"),
                ),
                (
                    "intellectual_disability_services",
                    T(
                        "kehitysvammapalvelut",
                        "tjänster för personer med utvecklingsstörning",
                        "services for persons with intellectual disabilities",
                    ),
                ),
            ],
        ),
        Q(
            "q8",
            "8",
            TEXT,
            T(
                "Jos olet, niin miten sinun työ- ja toimintakykyäsi selvitettiin / tuettiin "
                "työllisyyden edistämiseksi?",
                "Om ja, hur utreddes / stöddes din arbets- och funktionsförmåga för att främja "
                "sysselsättningen?",
                "If you have, how was your work ability and functional capacity assessed / "
                "supported to help your employment?",
            ),
        ),
        Q(
            "q8_grade",
            "8 b",
            SCALE,
            T(
                "Minkälaisen arvosanan antaisit sosiaalihuollon palvelusta",
                "Vilket vitsord skulle du ge socialvården för tjänsten",
                "What grade would you give social welfare for the service",
            ),
            POOR,
            EXCELLENT,
        ),
        Q(
            "q9",
            "9",
            TEXT,
            T(
                "Missä meillä olisi vielä kehitettävää hyvinvointialueellamme? Sana on vapaa",
                "Vad borde vi ännu utveckla i vårt välfärdsområde? Ordet är fritt",
                "What should we still develop in our wellbeing services county? Say what you like",
            ),
        ),
    ],
)

# --- LIITE 15: the competence survey for professionals ---------------------------------

LIITE_15 = Form(
    code="liite-15",
    respondent="professional",
    title=T(
        "Osaamiskartoituskysely",
        "Kompetenskartläggning",
        "Competence survey",
    ),
    intro=T(
        "Kartoituksessa selvitetään muun muassa osatyökykyisen työ- ja toimintakykyyn "
        "liittyvää osaamista, arviointia, palvelupolkujen tuntemista ja yhteistyötä "
        "verkostojen kanssa. Tietojen kerääminen ja analysointi tapahtuvat niin, ettei "
        "yksittäinen vastaaja ole tunnistettavissa.",
        "Kartläggningen utreder bland annat kompetensen kring arbets- och funktionsförmågan "
        "hos personer med partiell arbetsförmåga, bedömningen, kännedomen om servicestigarna "
        "och samarbetet med nätverken. Uppgifterna samlas in och analyseras så att ingen "
        "enskild svarande kan identifieras.",
        "The survey looks at competence in the work ability of partially work-able people, "
        "its assessment, knowledge of service paths and cooperation with the networks. The "
        "answers are collected and analysed so that no single respondent can be identified.",
    ),
    questions=[
        Q(
            "q1",
            "1",
            SINGLE,
            T("Työskenteletkö", "Arbetar du", "Do you work"),
            choices_source="organisation_structure",
        ),
        Q(
            "q1_other",
            "1 b",
            TEXT,
            T("muualla, missä?", "någon annanstans, var?", "elsewhere, where?"),
        ),
        Q(
            "q2",
            "2",
            YES_NO,
            T(
                "Onko sinulla nykyisessä työssäsi riittävä tietoperusta työ- ja "
                "toimintakykyyn vaikuttavista tekijöistä?",
                "Har du i ditt nuvarande arbete tillräcklig kunskap om faktorer som påverkar "
                "arbets- och funktionsförmågan?",
                "In your current work, do you have enough knowledge of the factors affecting "
                "work ability and functional capacity?",
            ),
            choices=YES_NO_CHOICES,
        ),
        Q(
            "q3",
            "3",
            YES_NO,
            T(
                "Onko osallistava työote sinulle tuttu ja käytätkö sitä työssäsi?",
                "Är ett delaktiggörande arbetssätt bekant för dig och använder du det i ditt "
                "arbete?",
                "Are you familiar with a participatory approach and do you use it in your work?",
            ),
            choices=YES_NO_CHOICES,
        ),
        Q(
            "q4",
            "4",
            YES_NO,
            T(
                "Tunnetko osatyökykyisen työnhakijan palvelupolut, mukaan lukien "
                "yhteistyökumppanit (mm. työllisyydenhoito, kela/ammatillinen kuntoutus, "
                "järjestöt) ja heidän tarjoamat palvelut ja osaatko ohjata asiakasta "
                "tarvittaessa ko. palveluihin?",
                "Känner du till servicestigarna för arbetssökande med partiell arbetsförmåga, "
                "inklusive samarbetspartnerna (bl.a. sysselsättningstjänster, FPA/yrkesinriktad "
                "rehabilitering, organisationer) och deras tjänster, och kan du vid behov "
                "hänvisa klienten till dem?",
                "Do you know the service paths of partially work-able job seekers, including the "
                "partners (e.g. employment services, Kela/vocational rehabilitation, NGOs) and "
                "their services, and can you guide a client to them when needed?",
            ),
            choices=YES_NO_CHOICES,
        ),
        Q(
            "q4_more",
            "4 b",
            TEXT,
            T(
                "Mikäli vastasit ettet tunne, niin mistä palveluista haluaisit kuulla / oppia "
                "lisää?",
                "Om du svarade att du inte känner till dem, vilka tjänster vill du höra / lära "
                "dig mer om?",
                "If you answered no, which services would you like to hear / learn more about?",
            ),
        ),
        Q(
            "q5",
            "5",
            YES_NO,
            T(
                "Onko sinulla työssäsi käytössä jotain työ- ja toimintakyvyn arviointiin "
                "liittyvää mittaria?",
                "Använder du i ditt arbete något mätinstrument för bedömning av arbets- och "
                "funktionsförmågan?",
                "Do you use any instrument for assessing work ability and functional capacity "
                "in your work?",
            ),
            choices=[("no", T("Ei", "Nej", "No")), ("yes", T("Kyllä", "Ja", "Yes"))],
        ),
        Q(
            "q5_which",
            "5 b",
            TEXT,
            T("Kyllä, mikä mittari", "Ja, vilket instrument", "Yes, which instrument"),
        ),
        Q(
            "q6",
            "6",
            YES_NO,
            T(
                "Tunnetko osatyökykyisten sosiaaliturvaetuudet?",
                "Känner du till socialskyddsförmånerna för personer med partiell arbetsförmåga?",
                "Do you know the social security benefits of partially work-able people?",
            ),
            choices=YES_NO_EN_CHOICES,
        ),
        Q(
            "q6_need",
            "6 b",
            TEXT,
            T(
                "Jos vastasit ettet tunne, minkälaista osaamista tarvitsisit työssäsi?",
                "Om du svarade att du inte känner till dem, vilken kompetens skulle du behöva i "
                "ditt arbete?",
                "If you answered no, what knowledge would you need in your work?",
            ),
        ),
        Q(
            "q7",
            "7",
            YES_NO,
            T(
                "Osaatko ohjata asiakasta tarvittaessa 3. sektorin toimintaan / palveluihin?",
                "Kan du vid behov hänvisa klienten till tredje sektorns verksamhet / tjänster?",
                "Can you guide a client to third-sector activities / services when needed?",
            ),
            choices=YES_NO_EN_CHOICES,
        ),
        Q(
            "q8",
            "8",
            TEXT,
            T(
                "Minkälaisesta yhteistyöstä 3. sektorin toimijoiden kanssa hyötyisit "
                "nykyisessä työssäsi?",
                "Vilket slags samarbete med aktörer inom tredje sektorn skulle du ha nytta av i "
                "ditt nuvarande arbete?",
                "What kind of cooperation with third-sector actors would help you in your "
                "current work?",
            ),
        ),
        Q(
            "q9",
            "9",
            TEXT,
            T(
                "Minkälaista yhteistyötä kaipaisit työssäsi muiden "
                "yhteistyökumppaneiden/toimijoiden kanssa?",
                "Vilket slags samarbete med andra samarbetspartner/aktörer skulle du önska dig i "
                "ditt arbete?",
                "What kind of cooperation with other partners/actors would you like in your work?",
            ),
        ),
        Q(
            "q10",
            "10",
            YES_NO,
            T(
                "Koetko tarvitsevasi työ- ja toimintakyvyn tuen tarpeen arviointiin "
                "lisäkoulutusta?",
                "Upplever du att du behöver mer utbildning i att bedöma behovet av stöd för "
                "arbets- och funktionsförmågan?",
                "Do you feel you need more training in assessing the need for work ability "
                "support?",
            ),
            choices=YES_NO_CHOICES,
        ),
        Q(
            "q10_training",
            "10 b",
            TEXT,
            T(
                "Mikäli vastasit kyllä, minkälaisesta lisäkoulutuksesta työssäsi hyötyisit?",
                "Om du svarade ja, vilken utbildning skulle du ha nytta av i ditt arbete?",
                "If you answered yes, what training would help you in your work?",
            ),
        ),
        Q(
            "q11",
            "11",
            SCALE,
            T(
                "Arvioi tämän hetkistä osaamistasi osatyökykyisten parissa työskentelystä "
                "asteikolla 0-10.",
                "Bedöm din nuvarande kompetens i arbetet med personer med partiell "
                "arbetsförmåga på en skala 0–10.",
                "Rate your current competence in working with partially work-able people on a "
                "scale of 0–10.",
            ),
            T("ei osaamista", "ingen kompetens", "no competence"),
            T(
                "osaamiseni on kiitettävää",
                "min kompetens är berömlig",
                "my competence is excellent",
            ),
        ),
        Q(
            "q12",
            "12",
            TEXT,
            T(
                "Miten kehittäisit hyvinvointialueellamme osatyökykyisten asioiden hoitamista? "
                "Missä kohtaa olemme onnistuneet ja missä olisi kehitettävää?",
                "Hur skulle du utveckla skötseln av ärenden för personer med partiell "
                "arbetsförmåga i vårt välfärdsområde? Var har vi lyckats och vad borde "
                "utvecklas?",
                "How would you develop the handling of partially work-able people's matters in "
                "our wellbeing services county? Where have we succeeded and what should be "
                "developed?",
            ),
        ),
        Q("q13", "13", TEXT, T("Sana on vapaa", "Ordet är fritt", "Anything else you want to say")),
    ],
)

FORMS = [LIITE_10, LIITE_11, LIITE_1, LIITE_15]
FORMS_BY_CODE = {form.code: form for form in FORMS}

# The configured choice lists' starting contents (the administrator edits them).
DEFAULT_ORGANISATION_STRUCTURE = [
    ("health_care", T("terveydenhuollossa", "inom hälso- och sjukvården", "in health care")),
    ("social_welfare", T("sosiaalihuollossa", "inom socialvården", "in social welfare")),
    ("elsewhere", T("muualla, missä?", "någon annanstans, var?", "elsewhere, where?")),
]

# Which survey a client or professional is sent, and when.
MEETING_CLIENT = "liite-10"
MEETING_PROFESSIONAL = "liite-11"
CLOSING_CLIENT = "liite-1"
COMPETENCE = "liite-15"

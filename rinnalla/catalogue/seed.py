"""The services SPEC §7 lists, with the facts the seeds give, and LIITE 8's criteria.

Loaded by ``manage.py load_catalogue`` (and ``load_demo``): idempotent, it adds what
is missing and leaves services a keeper has already edited alone. A provider is named
by organisation type; the loader links the service to the one organisation of that
type when there is exactly one, and writes the name otherwise.

``T(fi, sv, en)`` is one text in the three languages. Criteria are one per line.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class T:
    fi: str
    sv: str
    en: str


@dataclass(frozen=True)
class Seed:
    code: str
    category: str
    provider_kind: str
    provider_name: str
    name: T
    description: T
    target_group: T
    criteria: T = T("", "", "")
    how_to_refer: T = T("", "", "")
    attachments: T = T("", "", "")
    waiting_time: T = T("", "", "")
    cost: T = T("", "", "")
    age: tuple[int | None, int | None] = (None, None)
    segments: tuple[str, ...] = ()
    rules: dict = field(default_factory=dict)


FREE = T("Maksuton", "Avgiftsfri", "Free of charge")
SOCIAL_FEE = T(
    "Sosiaalihuollon asiakasmaksulain mukaan, usein maksuton",
    "Enligt lagen om klientavgifter inom socialvården, ofta avgiftsfri",
    "Under the Client Fees Act, often free of charge",
)
HEALTH_FEE = T(
    "Perusterveydenhuollon asiakasmaksu",
    "Klientavgift inom primärvården",
    "The primary care client fee",
)

COORDINATION = "work-ability-coordination"
SUPPORT_TEAM = "work-ability-support-team"
REHAB_CLINIC = "rehabilitation-research-clinic"
TYP = "typ"

SERVICES = [
    Seed(
        COORDINATION,
        "health",
        "coordination",
        "Työkykykoordinaattoripalvelu",
        T(
            "Työkykykoordinaattori (rinnallakulkija)",
            "Arbetsförmågekoordinator",
            "Work ability coordinator (walk-alongside worker)",
        ),
        T(
            "Työkykykoordinaattori kulkee osatyökykyisen asiakkaan rinnalla palveluverkossa: "
            "selvittää työkykyä, kokoaa verkoston, tekee työkykyarvion ja "
            "suunnitelmaehdotuksen lääkärille ja seuraa sovittuja toimia maaliin asti "
            "(000, 001, 003).",
            "Arbetsförmågekoordinatorn går vid sidan av klienten i servicenätverket: utreder "
            "arbetsförmågan, samlar nätverket, gör en arbetsförmågebedömning och ett "
            "planförslag för läkaren och följer upp åtgärderna ända till målet.",
            "The work ability coordinator walks alongside a partially work-able client "
            "through the network: clarifies work ability, gathers the network, writes the "
            "work ability assessment and plan proposal for the physician and follows the "
            "agreed actions to the finish line.",
        ),
        T(
            "Työikäiset osatyökykyiset, joiden palvelut ovat hajallaan",
            "Personer i arbetsför ålder med partiell arbetsförmåga vars tjänster är utspridda",
            "Partially work-able people of working age whose services are scattered",
        ),
        how_to_refer=T(
            "Lähete potilastietojärjestelmän kautta, salattu sähköposti, puhelin tai "
            "avovastaanotto",
            "Remiss via patientdatasystemet, krypterad e-post, telefon eller öppen mottagning",
            "A referral through the patient record system, encrypted e-mail, phone or the "
            "walk-in reception",
        ),
        cost=FREE,
        age=(18, 64),
        segments=("network", "cooperation"),
    ),
    Seed(
        "unemployed-health-check",
        "health",
        "health_centre",
        "Sote-keskus",
        T(
            "Työttömien terveystarkastus",
            "Hälsoundersökning för arbetslösa",
            "Health check for the unemployed",
        ),
        T(
            "Terveydenhoitajan terveystarkastus työttömälle. Mittareina mm. AUDIT, BDI, BMI, "
            "vyötärönympärys, diabetesriskitesti, työkykyindeksin kysymykset 1 ja 6 sekä "
            "mikrospirometria (Kainuu, 004).",
            "Hälsovårdarens hälsoundersökning för arbetslösa. Mätare bl.a. AUDIT, BDI, BMI, "
            "midjemått, diabetesrisktest, frågorna 1 och 6 i arbetsförmågeindexet och "
            "mikrospirometri.",
            "A public health nurse's health check for an unemployed person. Instruments "
            "include AUDIT, BDI, BMI, waist, the diabetes risk test, Work Ability Index "
            "items 1 and 6 and micro-spirometry.",
        ),
        T("Työttömät työnhakijat", "Arbetslösa arbetssökande", "Unemployed job seekers"),
        T(
            "Asiakas on työtön tai lomautettu\nEi työterveyshuoltoa",
            "Klienten är arbetslös eller permitterad\nIngen företagshälsovård",
            "The client is unemployed or laid off\nNo occupational health care",
        ),
        T(
            "Asiakas varaa ajan itse tai työllisyyspalvelut ohjaa",
            "Klienten bokar tid själv eller sysselsättningstjänsterna hänvisar",
            "The client books a time or employment services refer",
        ),
        cost=FREE,
        age=(17, 64),
        segments=("community", "network", "cooperation"),
        rules={"periods": ["unemployment_benefit"]},
    ),
    Seed(
        SUPPORT_TEAM,
        "health",
        "health_centre",
        "Perusterveydenhuolto, kuntoutusohjaaja",
        T("Työkyvyn tuen tiimi", "Teamet för stöd av arbetsförmågan", "Work ability support team"),
        T(
            "Perusterveydenhuollon varhaisemman vaiheen monialainen tiimi: verkostotapaamisessa "
            "asiakkaan lisäksi kuntoutusohjaaja (koordinoija), terveystarkastuksen tehnyt "
            "terveydenhoitaja, työllisyysohjaaja ja/tai työkykykoordinaattori sekä Kelan "
            "asiantuntija; tarpeen mukaan sosiaalihuolto, mt-/päihdepalvelut ja järjestöt "
            "(004, LIITE 8).",
            "Primärvårdens tvärprofessionella team i ett tidigare skede: i nätverksmötet "
            "deltar förutom klienten rehabiliteringshandledaren, hälsovårdaren som gjort "
            "hälsoundersökningen, sysselsättningshandledaren och/eller arbetsförmåge"
            "koordinatorn samt FPA:s expert.",
            "Primary care's early-stage multi-professional team: the network meeting brings "
            "together the client, the rehabilitation counsellor (coordinator), the nurse "
            "who did the health check, the employment advisor and/or work ability "
            "coordinator and a Kela expert.",
        ),
        T(
            "Työikäiset, joilla monialaisen tuen tarve, mutta TYP:n tai "
            "kuntoutustutkimuspoliklinikan kriteerit eivät vielä täyty",
            "Personer i arbetsför ålder med behov av tvärsektoriellt stöd som ännu inte "
            "uppfyller kriterierna för TYP eller rehabiliteringsundersökningspolikliniken",
            "People of working age who need multi-sectoral support but do not yet meet the "
            "criteria of TYP or the rehabilitation research outpatient clinic",
        ),
        T(
            "Asiakas on työikäinen\nMonialaisen tuen tarve\nEi TYP-asiakkuutta\n"
            "Kirjallinen suostumus tietojen vaihtoon (Kela Y100)",
            "Klienten är i arbetsför ålder\nBehov av tvärsektoriellt stöd\n"
            "Ingen klientrelation inom TYP\nSkriftligt samtycke (FPA Y100)",
            "The client is of working age\nNeeds multi-sectoral support\nNo TYP relationship\n"
            "Written consent to exchange information (Kela Y100)",
        ),
        T(
            "Aika varataan kuntoutusohjaajan kautta; suostumus välitetään verkostolle "
            "salatulla sähköpostilla",
            "Tid bokas via rehabiliteringshandledaren; samtycket skickas till nätverket "
            "med krypterad e-post",
            "Book through the rehabilitation counsellor; the consent goes to the network by "
            "encrypted e-mail",
        ),
        T("Suostumus (Kela Y100)", "Samtycke (FPA Y100)", "Consent (Kela Y100)"),
        cost=FREE,
        age=(18, 64),
        segments=("network", "cooperation"),
        rules={
            "segments": ["network", "cooperation"],
            "measurements": [{"instrument": "work-ability-self-rating", "max_total": 5}],
            "periods": ["sickness_allowance", "unemployment_benefit"],
        },
    ),
    Seed(
        REHAB_CLINIC,
        "health",
        "specialist_care",
        "Erikoissairaanhoito, kuntoutustutkimuspoliklinikka",
        T(
            "Kuntoutustutkimuspoliklinikka",
            "Rehabiliteringsundersökningspolikliniken",
            "Rehabilitation research outpatient clinic",
        ),
        T(
            "Erikoissairaanhoidon vaativat työ- ja toimintakyvyn arvioinnit ja "
            "kuntoutustutkimus. Hoito- ja seurantavastuu säilyy lähettävällä taholla.",
            "Krävande bedömningar av arbets- och funktionsförmågan och rehabiliterings"
            "undersökning inom den specialiserade sjukvården.",
            "Specialist care's demanding assessments of work and functional capacity and "
            "rehabilitation research. Treatment stays with the referring party.",
        ),
        T(
            "Työikäiset, joilla useita työ- ja toimintakykyyn vaikuttavia rajoituksia",
            "Personer i arbetsför ålder med flera begränsningar av arbets- och funktionsförmågan",
            "People of working age with several limitations of work and functional capacity",
        ),
        how_to_refer=T(
            "Lääkärin lähete; epäselvissä asioissa ensin puhelin- tai paperikonsultaatio. "
            "Ei päivystyslähetteitä.",
            "Läkarremiss; i oklara fall först konsultation per telefon eller papper. "
            "Inga jourremisser.",
            "A physician's referral; in unclear matters consult first by phone or paper. "
            "No emergency referrals.",
        ),
        cost=T(
            "Erikoissairaanhoidon poliklinikkamaksu",
            "Poliklinikavgift inom specialiserad sjukvård",
            "The specialist outpatient fee",
        ),
        age=(18, 64),
        segments=("cooperation",),
        rules={
            "proposals": ["further_examinations", "vocational_rehabilitation"],
            "measurements": [{"instrument": "whodas-12", "min_total": 30}],
            "periods": ["pension_rejected"],
        },
    ),
    Seed(
        "rehabilitation-guidance",
        "rehabilitation",
        "health_centre",
        "Sote-keskus, kuntoutusohjaus",
        T("Kuntoutusohjaus", "Rehabiliteringshandledning", "Rehabilitation guidance"),
        T(
            "Koordinoiva kuntoutusohjaaja neuvoo kuntoutuksen mahdollisuuksissa, auttaa "
            "lääkäriä kuntoutustarpeen arvioinnissa ja toimii yhteyshenkilönä.",
            "Den koordinerande rehabiliteringshandledaren ger råd om rehabilitering och "
            "hjälper läkaren att bedöma rehabiliteringsbehovet.",
            "The coordinating rehabilitation counsellor advises on rehabilitation, helps the "
            "physician assess the need and acts as the contact person.",
        ),
        T(
            "Kuntoutusta tarvitsevat aikuiset",
            "Vuxna som behöver rehabilitering",
            "Adults who need rehabilitation",
        ),
        how_to_refer=T(
            "Ammattilaisen yhteydenotto tai lähete",
            "Kontakt eller remiss",
            "Contact or referral by a professional",
        ),
        cost=FREE,
        age=(18, 64),
        segments=("network", "cooperation"),
        rules={"proposals": ["medical_rehabilitation", "vocational_rehabilitation"]},
    ),
    Seed(
        "kela-vocational-rehabilitation",
        "rehabilitation",
        "kela",
        "Kela",
        T(
            "Kelan ammatillinen kuntoutus",
            "FPA:s yrkesinriktade rehabilitering",
            "Kela vocational rehabilitation",
        ),
        T(
            "Työkokeilu, työhönvalmennus, koulutus ja kuntoutusselvitys, kun sairaus uhkaa "
            "työ- tai opiskelukykyä lähivuosina.",
            "Arbetsprövning, arbetsträning, utbildning och rehabiliteringsutredning när en "
            "sjukdom hotar arbets- eller studieförmågan.",
            "Work trial, job coaching, education and a rehabilitation assessment when an "
            "illness threatens the ability to work or study in the next few years.",
        ),
        T(
            "Työikäiset, joiden työkyky on sairauden vuoksi uhattuna",
            "Personer i arbetsför ålder vars arbetsförmåga hotas av sjukdom",
            "People of working age whose work ability is threatened by illness",
        ),
        T(
            "Sairaus uhkaa työkykyä lähivuosina\nEi riittävää työhistoriaa työeläkekuntoutukseen",
            "Sjukdom hotar arbetsförmågan inom några år\nInte tillräcklig arbetshistoria för "
            "arbetspensionsrehabilitering",
            "Illness threatens work ability within a few years\nNot enough work history for "
            "earnings-related rehabilitation",
        ),
        T("Hakemus Kelaan", "Ansökan till FPA", "Application to Kela"),
        T("B-lausunto", "B-utlåtande", "Medical statement B"),
        cost=FREE,
        age=(16, 67),
        segments=("network", "cooperation"),
        rules={
            "proposals": ["vocational_rehabilitation", "work_trial"],
            "periods": ["sickness_allowance", "pension_rejected"],
        },
    ),
    Seed(
        "kela-medical-rehabilitation",
        "rehabilitation",
        "kela",
        "Kela",
        T(
            "Kelan lääkinnällinen kuntoutus",
            "FPA:s medicinska rehabilitering",
            "Kela medical rehabilitation",
        ),
        T(
            "Kuntoutuskurssit ja yksilölliset kuntoutusjaksot toimintakyvyn tukemiseksi.",
            "Rehabiliteringskurser och individuella rehabiliteringsperioder.",
            "Rehabilitation courses and individual rehabilitation periods to support "
            "functional capacity.",
        ),
        T(
            "Aikuiset, joiden toimintakyky on heikentynyt",
            "Vuxna med nedsatt funktionsförmåga",
            "Adults whose functional capacity has weakened",
        ),
        how_to_refer=T("Hakemus Kelaan", "Ansökan till FPA", "Application to Kela"),
        attachments=T(
            "B-lausunto tai kuntoutussuunnitelma",
            "B-utlåtande eller rehabiliteringsplan",
            "Medical statement B or rehabilitation plan",
        ),
        cost=FREE,
        segments=("network", "cooperation"),
        rules={"proposals": ["medical_rehabilitation"]},
    ),
    Seed(
        "rehabilitative-psychotherapy",
        "rehabilitation",
        "kela",
        "Kela",
        T("Kuntoutuspsykoterapia", "Rehabiliteringspsykoterapi", "Rehabilitative psychotherapy"),
        T(
            "Kelan kuntoutuspsykoterapia tukee työ- tai opiskelukykyä mielenterveyden "
            "häiriön vuoksi.",
            "FPA:s rehabiliteringspsykoterapi stöder arbets- eller studieförmågan vid "
            "psykisk störning.",
            "Kela's rehabilitative psychotherapy supports the ability to work or study when "
            "a mental disorder threatens it.",
        ),
        T("16–67-vuotiaat", "16–67-åringar", "People aged 16–67"),
        T(
            "Mielenterveyden häiriön diagnoosi\nTyö- tai opiskelukyky uhattuna\n"
            "Asianmukainen hoito vähintään 3 kuukautta",
            "Diagnos på psykisk störning\nArbets- eller studieförmågan hotad\n"
            "Ändamålsenlig vård i minst 3 månader",
            "A diagnosed mental disorder\nWork or study ability threatened\n"
            "Appropriate treatment for at least 3 months",
        ),
        T("Hakemus Kelaan", "Ansökan till FPA", "Application to Kela"),
        T(
            "Psykiatrin erikoislääkärin B-lausunto",
            "B-utlåtande av specialist i psykiatri",
            "Medical statement B by a psychiatrist",
        ),
        cost=T(
            "Omavastuu terapiakäynneistä", "Självrisk för terapibesök", "A co-payment per session"
        ),
        age=(16, 67),
        segments=("network", "cooperation"),
        rules={"proposals": ["medical_rehabilitation"]},
    ),
    Seed(
        TYP,
        "employment",
        "typ",
        "TYP",
        T(
            "TYP – työllisyyttä edistävä monialainen yhteispalvelu",
            "TYP – sektorsövergripande samservice som främjar sysselsättningen",
            "TYP – multi-sectoral joint service promoting employment",
        ),
        T(
            "Työllisyyspalvelujen, kunnan ja Kelan yhteinen toimintamalli: asiakkaan kanssa "
            "arvioidaan, suunnitellaan ja vastataan prosessivastuullisesti "
            "työllistymisprosessin etenemisestä (004).",
            "Gemensam modell för sysselsättningstjänsterna, kommunen och FPA: man bedömer, "
            "planerar och ansvarar för sysselsättningsprocessen tillsammans med klienten.",
            "The joint model of employment services, the municipality and Kela: with the "
            "client they assess, plan and take process responsibility for the path to work.",
        ),
        T(
            "Pitkään työttömänä olleet, joiden työllistyminen edellyttää monialaista tukea",
            "Långtidsarbetslösa som behöver tvärsektoriellt stöd för att få arbete",
            "Long-term unemployed people who need multi-sectoral support to find work",
        ),
        T(
            "Pitkittynyt työttömyys\nMonialaisen tuen tarve työllistymiseen",
            "Långvarig arbetslöshet\nBehov av tvärsektoriellt stöd",
            "Prolonged unemployment\nNeeds multi-sectoral support to find work",
        ),
        T(
            "Työllisyyspalvelujen tai sosiaalihuollon ohjaus",
            "Hänvisning av sysselsättningstjänsterna eller socialvården",
            "Referred by employment or social services",
        ),
        cost=FREE,
        age=(17, 64),
        segments=("cooperation",),
        rules={"periods": ["unemployment_benefit"], "segments": ["cooperation"]},
    ),
    Seed(
        "municipal-employment-services",
        "employment",
        "employment_services",
        "Kunnan työllisyyspalvelut",
        T(
            "Kuntakokeilu / kunnan työllisyyspalvelut",
            "Kommunförsök / kommunens sysselsättningstjänster",
            "Municipal employment services (trial)",
        ),
        T(
            "Työnhakijan palvelut: työllistymissuunnitelma, ohjaus ja palvelut; "
            "Kykyviisari palvelutarpeen arvioinnissa.",
            "Tjänster för arbetssökande: sysselsättningsplan, vägledning och tjänster.",
            "Services for job seekers: employment plan, guidance and services; Kykyviisari in "
            "the service needs assessment.",
        ),
        T("Työnhakijat", "Arbetssökande", "Job seekers"),
        how_to_refer=T(
            "Asiakas ilmoittautuu työnhakijaksi",
            "Klienten anmäler sig som arbetssökande",
            "The client registers as a job seeker",
        ),
        cost=FREE,
        age=(17, 64),
        segments=("self_service", "community", "network", "cooperation"),
        rules={"periods": ["unemployment_benefit", "work_trial"]},
    ),
    Seed(
        "work-trial",
        "employment",
        "employment_services",
        "Kunnan työllisyyspalvelut / Kela",
        T("Työkokeilu", "Arbetsprövning", "Work trial"),
        T(
            "Ammatinvalinta- ja uravaihtoehtojen selvittäminen tai työmarkkinoille paluun "
            "tukeminen työpaikalla ilman työsuhdetta.",
            "Utreda yrkesval och karriäralternativ eller stöda återkomst till arbetslivet "
            "på en arbetsplats utan anställning.",
            "Trying a line of work or supporting a return to working life at a workplace "
            "without an employment contract.",
        ),
        T(
            "Työnhakijat ja kuntoutujat",
            "Arbetssökande och rehabiliteringsklienter",
            "Job seekers and rehabilitees",
        ),
        how_to_refer=T(
            "Työllisyyspalvelut tai Kela (ammatillisena kuntoutuksena)",
            "Sysselsättningstjänsterna eller FPA",
            "Employment services or Kela (as vocational rehabilitation)",
        ),
        cost=FREE,
        age=(17, 64),
        segments=("network", "cooperation"),
        rules={"proposals": ["work_trial"], "periods": ["rehabilitation_subsidy"]},
    ),
    Seed(
        "pay-subsidy",
        "employment",
        "employment_services",
        "Kunnan työllisyyspalvelut",
        T("Palkkatuki", "Lönesubvention", "Pay subsidy"),
        T(
            "Työnantajalle maksettava tuki työttömän työnhakijan palkkauskustannuksiin; "
            "osatyökykyiselle korotettu ja pidempi.",
            "Stöd till arbetsgivaren för lönekostnaderna; högre och längre för en person med "
            "partiell arbetsförmåga.",
            "Support to the employer for an unemployed job seeker's pay costs; higher and "
            "longer for a partially work-able person.",
        ),
        T("Työttömät työnhakijat", "Arbetslösa arbetssökande", "Unemployed job seekers"),
        cost=FREE,
        age=(17, 67),
        segments=("network", "cooperation"),
        rules={"proposals": ["work_trial"]},
    ),
    Seed(
        "job-coaching",
        "employment",
        "private_provider",
        "Työhönvalmennuksen palveluntuottaja",
        T("Työhönvalmennus", "Arbetsträning / jobbcoachning", "Job coaching"),
        T(
            "Työhönvalmentaja tukee työpaikan löytämisessä ja työssä pysymisessä.",
            "En jobbcoach stöder att hitta och behålla ett arbete.",
            "A job coach supports finding and keeping a job.",
        ),
        T(
            "Osatyökykyiset työnhakijat",
            "Arbetssökande med partiell arbetsförmåga",
            "Partially work-able job seekers",
        ),
        how_to_refer=T(
            "Työllisyyspalvelut tai Kela",
            "Sysselsättningstjänsterna eller FPA",
            "Employment services or Kela",
        ),
        cost=FREE,
        segments=("network", "cooperation"),
        rules={"proposals": ["vocational_rehabilitation", "work_trial"]},
    ),
    Seed(
        "rehabilitative-work-activity",
        "social",
        "social_work",
        "Aikuissosiaalityö",
        T(
            "Kuntouttava työtoiminta",
            "Arbetsverksamhet i rehabiliteringssyfte",
            "Rehabilitative work activity",
        ),
        T(
            "Elämänhallinnan ja työ- ja toimintakyvyn parantaminen työtoiminnassa "
            "aktivointisuunnitelman mukaan.",
            "Förbättra livskompetens och arbets- och funktionsförmåga i arbetsverksamhet "
            "enligt aktiveringsplanen.",
            "Improving life management and work and functional capacity in work activity, "
            "under an activation plan.",
        ),
        T("Pitkään työttömänä olleet", "Långtidsarbetslösa", "Long-term unemployed people"),
        how_to_refer=T(
            "Aktivointisuunnitelma sosiaalityön ja työllisyyspalvelujen kanssa",
            "Aktiveringsplan med socialarbetet och sysselsättningstjänsterna",
            "An activation plan with social work and employment services",
        ),
        cost=FREE,
        age=(17, 64),
        segments=("community", "network", "cooperation"),
        rules={
            "proposals": ["rehabilitative_work_activity"],
            "periods": ["unemployment_benefit"],
        },
    ),
    Seed(
        "social-rehabilitation",
        "social",
        "social_work",
        "Aikuissosiaalityö",
        T("Sosiaalinen kuntoutus", "Social rehabilitering", "Social rehabilitation"),
        T(
            "Sosiaalihuoltolain 17 §:n sosiaalinen kuntoutus: arjen taidot, osallisuus ja "
            "työelämävalmiudet.",
            "Social rehabilitering enligt 17 § i socialvårdslagen: vardagsfärdigheter, "
            "delaktighet och arbetslivsfärdigheter.",
            "Social rehabilitation under section 17 of the Social Welfare Act: everyday "
            "skills, inclusion and readiness for working life.",
        ),
        T(
            "Erityistä tukea tarvitsevat aikuiset",
            "Vuxna i behov av särskilt stöd",
            "Adults who need special support",
        ),
        how_to_refer=T(
            "Sosiaalityön palvelutarpeen arviointi",
            "Socialarbetets bedömning av servicebehovet",
            "Social work's service needs assessment",
        ),
        cost=SOCIAL_FEE,
        segments=("community", "network", "cooperation"),
        rules={
            "proposals": ["rehabilitative_work_activity"],
            "measurements": [{"instrument": "audit", "bands": ["zone_3", "zone_4"]}],
        },
    ),
    Seed(
        "mental-health-substance-services",
        "health",
        "health_centre",
        "Mielenterveys- ja päihdepalvelut",
        T(
            "Mielenterveys- ja päihdepalvelut",
            "Mentalvårds- och missbrukartjänster",
            "Mental health and substance abuse services",
        ),
        T(
            "Psykiatrinen sairaanhoitaja, päihdetyöntekijä ja mielenterveyden avohoito.",
            "Psykiatrisk sjukskötare, missbruksarbetare och öppen mentalvård.",
            "Psychiatric nurse, substance abuse worker and outpatient mental health care.",
        ),
        T("Aikuiset", "Vuxna", "Adults"),
        how_to_refer=T(
            "Ajanvaraus sote-keskuksesta tai lähete",
            "Tidsbokning eller remiss",
            "Booking at the health centre or a referral",
        ),
        cost=HEALTH_FEE,
        age=(18, None),
        segments=("community", "network", "cooperation"),
        rules={"measurements": [{"instrument": "audit", "bands": ["zone_3", "zone_4"]}]},
    ),
    Seed(
        "vocational-guidance",
        "education",
        "employment_services",
        "Kunnan työllisyyspalvelut",
        T(
            "Ammatinvalinta- ja uraohjaus",
            "Yrkesvägledning och karriärplanering",
            "Vocational and career guidance",
        ),
        T(
            "Psykologin ohjaus ammatinvalintaan ja uran suunnitteluun, myös terveydentilan "
            "muuttuessa.",
            "Psykologens vägledning i yrkesval och karriärplanering, även när hälsan ändras.",
            "A psychologist's guidance in choosing an occupation and planning a career, also "
            "when health changes.",
        ),
        T(
            "Työnhakijat ja alanvaihtajat",
            "Arbetssökande och de som byter bransch",
            "Job seekers and people changing careers",
        ),
        cost=FREE,
        segments=("self_service", "community", "network"),
        rules={"proposals": ["vocational_rehabilitation"]},
    ),
    Seed(
        "education",
        "education",
        "",
        "Oppilaitokset",
        T("Koulutus ja opiskelu", "Utbildning och studier", "Education and study"),
        T(
            "Ammatillinen koulutus, omaehtoinen opiskelu työttömyysetuudella ja täydennyskoulutus.",
            "Yrkesutbildning, frivilliga studier med arbetslöshetsförmån och fortbildning.",
            "Vocational education, self-motivated study on unemployment benefit and "
            "further training.",
        ),
        T("Kaikki", "Alla", "Everyone"),
        cost=T("Yleensä maksuton", "Oftast avgiftsfri", "Usually free of charge"),
        segments=("self_service", "community"),
    ),
    Seed(
        "start-up-grant",
        "employment",
        "employment_services",
        "Kunnan työllisyyspalvelut",
        T("Starttiraha", "Startpeng", "Start-up grant"),
        T(
            "Tuki päätoimisen yritystoiminnan aloittamiseen.",
            "Stöd för att starta företagsverksamhet på heltid.",
            "Support for starting a full-time business.",
        ),
        T("Yritystä aloittavat", "De som startar företag", "People starting a business"),
        how_to_refer=T(
            "Hakemus ennen yritystoiminnan aloittamista",
            "Ansökan innan verksamheten inleds",
            "Apply before the business starts",
        ),
        cost=FREE,
        segments=("self_service",),
    ),
    Seed(
        "partial-sickness-allowance",
        "benefit",
        "kela",
        "Kela",
        T("Osasairauspäiväraha", "Partiell sjukdagpenning", "Partial sickness allowance"),
        T(
            "Kokoaikatyötä tekevälle, joka palaa osa-aikaisesti työhön sairauslomalta; "
            "työaika vähenee 40–60 %.",
            "För den som arbetar heltid och återgår till deltidsarbete från sjukledighet; "
            "arbetstiden minskar med 40–60 %.",
            "For a full-time worker who returns part-time from sick leave; working time is "
            "reduced by 40–60%.",
        ),
        T("Työssä olevat 16–67-vuotiaat", "Arbetstagare 16–67 år", "Employed people aged 16–67"),
        T(
            "Kokoaikatyö\nTyöaika vähenee 40–60 %\nTyönantajan ja lääkärin hyväksyntä",
            "Heltidsarbete\nArbetstiden minskar med 40–60 %\nArbetsgivarens och läkarens "
            "godkännande",
            "Full-time work\nWorking time reduced by 40–60%\nThe employer's and physician's "
            "approval",
        ),
        T("Hakemus Kelaan", "Ansökan till FPA", "Application to Kela"),
        T(
            "Lääkärinlausunto (A tai B) ja sopimus osa-aikatyöstä",
            "Läkarintyg (A eller B) och avtal om deltidsarbete",
            "A medical certificate (A or B) and the part-time work agreement",
        ),
        cost=FREE,
        age=(16, 67),
        segments=("self_service", "network"),
        rules={"periods": ["sickness_allowance"], "proposals": ["sickness_allowance"]},
    ),
    Seed(
        "rehabilitation-subsidy",
        "benefit",
        "pension_insurer",
        "Työeläkeyhtiö / Kela",
        T("Kuntoutustuki", "Rehabiliteringsstöd", "Rehabilitation subsidy"),
        T(
            "Määräaikainen työkyvyttömyyseläke, kun työkyvyn arvioidaan palautuvan hoidon "
            "tai kuntoutuksen avulla.",
            "Invalidpension för viss tid när arbetsförmågan väntas återställas genom vård "
            "eller rehabilitering.",
            "A fixed-term disability pension when work ability is expected to return with "
            "treatment or rehabilitation.",
        ),
        T("Pitkään sairauslomalla olleet", "Långvarigt sjukskrivna", "People on long sick leave"),
        T(
            "Sairauspäivärahan enimmäisaika täyttymässä\nHoito- tai kuntoutussuunnitelma",
            "Sjukdagpenningens maximitid löper ut\nVård- eller rehabiliteringsplan",
            "The maximum period of sickness allowance is running out\nA treatment or "
            "rehabilitation plan",
        ),
        T("Eläkehakemus", "Pensionsansökan", "Pension application"),
        T("B-lausunto", "B-utlåtande", "Medical statement B"),
        cost=FREE,
        age=(18, 67),
        segments=("network", "cooperation"),
        rules={"periods": ["sickness_allowance"], "proposals": ["pension_assessment"]},
    ),
    Seed(
        "partial-disability-pension",
        "benefit",
        "pension_insurer",
        "Työeläkeyhtiö",
        T("Osatyökyvyttömyyseläke", "Partiell invalidpension", "Partial disability pension"),
        T(
            "Eläke, kun työkyky on alentunut vähintään kahdella viidesosalla.",
            "Pension när arbetsförmågan är nedsatt med minst två femtedelar.",
            "A pension when work ability is reduced by at least two fifths.",
        ),
        T(
            "Työhistoriaa omaavat työikäiset",
            "Personer i arbetsför ålder med arbetshistoria",
            "People of working age with a work history",
        ),
        how_to_refer=T("Eläkehakemus", "Pensionsansökan", "Pension application"),
        attachments=T("B-lausunto", "B-utlåtande", "Medical statement B"),
        cost=FREE,
        age=(18, 67),
        segments=("network", "cooperation"),
        rules={"proposals": ["pension_assessment"], "periods": ["pension_rejected"]},
    ),
    Seed(
        "clubhouse",
        "ngo",
        "ngo",
        "Klubitalo (järjestö)",
        T("Klubitalo", "Klubbhus", "Clubhouse"),
        T(
            "Mielenterveyskuntoutujien yhteisö: työpainotteinen päivä, siirtymätyö ja vertaistuki.",
            "Gemenskap för mentalvårdsrehabiliterade: arbetsinriktad dag, övergångsarbete "
            "och kamratstöd.",
            "A community for mental health rehabilitees: a work-ordered day, transitional "
            "employment and peer support.",
        ),
        T("Mielenterveyskuntoutujat", "Mentalvårdsrehabiliterade", "Mental health rehabilitees"),
        how_to_refer=T(
            "Asiakas voi tulla itse", "Klienten kan komma själv", "The client can come on their own"
        ),
        cost=FREE,
        age=(18, None),
        segments=("community",),
        rules={"segments": ["community"]},
    ),
    Seed(
        "vocational-special-school",
        "education",
        "",
        "Ammatillinen erityisoppilaitos (esim. Luovi)",
        T(
            "Ammatilliset erityisoppilaitokset",
            "Yrkesinriktade specialläroanstalter",
            "Vocational special schools",
        ),
        T(
            "Ammatillinen koulutus erityistä tukea tarvitseville ja työllistymisen tuki "
            "(004: yhteistyö Luovin kanssa).",
            "Yrkesutbildning för dem som behöver särskilt stöd och stöd för sysselsättning.",
            "Vocational education for students who need special support, and employment support.",
        ),
        T(
            "Erityistä tukea tarvitsevat opiskelijat",
            "Studerande i behov av särskilt stöd",
            "Students who need special support",
        ),
        cost=FREE,
        age=(16, None),
        segments=("network", "cooperation"),
        rules={"proposals": ["vocational_rehabilitation"]},
    ),
    Seed(
        "disability-work-activity",
        "social",
        "social_work",
        "Vammaispalvelut",
        T(
            "Vammaisten työtoiminta",
            "Arbetsverksamhet för personer med funktionsnedsättning",
            "Work activity for disabled people",
        ),
        T(
            "Työtoiminta ja työllistymistä tukeva toiminta vammaispalveluissa.",
            "Arbetsverksamhet och sysselsättningsfrämjande verksamhet inom handikappservicen.",
            "Work activity and employment support in disability services.",
        ),
        T("Vammaiset henkilöt", "Personer med funktionsnedsättning", "Disabled people"),
        how_to_refer=T(
            "Vammaispalvelujen palvelutarpeen arviointi",
            "Handikappservicens bedömning av servicebehovet",
            "Disability services' needs assessment",
        ),
        cost=SOCIAL_FEE,
        segments=("community", "network"),
    ),
]


def item(code, kind, fi, sv, en, *, required=True, source=""):
    return {
        "code": code,
        "kind": kind,
        "text_fi": fi,
        "text_sv": sv,
        "text_en": en,
        "required": required,
        "source": source,
    }


CF, RI, RT = "consult_first", "refer_if", "referral_should_tell"

# 004 LIITE 8: the rehabilitation research outpatient clinic, word for word in Finnish.
REHAB_CLINIC_CRITERIA = [
    item(
        "consult_unclear",
        CF,
        "Epäselvissä kuntoutusasioissa toivotaan ensin puhelin- tai paperikonsultaatiota",
        "I oklara rehabiliteringsfrågor önskas först konsultation per telefon eller papper",
        "In unclear rehabilitation matters, consult first by phone or on paper",
    ),
    item(
        "consult_no_emergency",
        CF,
        "Kuntoutusasioissa ei käytetä päivystyslähetettä",
        "I rehabiliteringsfrågor används inte jourremiss",
        "Emergency referrals are not used in rehabilitation matters",
    ),
    item(
        "consult_urgent",
        CF,
        "Kiireellisissä kuntoutusasioissa otetaan puhelimitse yhteyttä kuntoutusasioita "
        "hoitavaan henkilöön ja sovitaan menettelytavoista",
        "I brådskande rehabiliteringsfrågor kontaktar man per telefon den som sköter "
        "rehabiliteringen och kommer överens om förfarandet",
        "In urgent rehabilitation matters, phone the person in charge and agree on how to proceed",
    ),
    item(
        "working_age",
        RI,
        "Kuntoutuja on työikäinen",
        "Rehabiliteringsklienten är i arbetsför ålder",
        "The rehabilitee is of working age",
        source="age",
    ),
    item(
        "several_limitations",
        RI,
        "Kuntoutujalla on useita työ- ja toimintakykyyn vaikuttavia rajoituksia",
        "Rehabiliteringsklienten har flera begränsningar som påverkar arbets- och "
        "funktionsförmågan",
        "The rehabilitee has several limitations affecting work and functional capacity",
        source="whodas_domains",
    ),
    item(
        "long_term_challenges",
        RI,
        "Kuntoutujalla on pitkäaikaisia haasteita opiskelemaan pääsemisessä, "
        "työllistymisessä tai työssä/koulutuksessa selviytymisessä",
        "Rehabiliteringsklienten har långvariga svårigheter att komma in på studier, få "
        "arbete eller klara sig i arbete eller utbildning",
        "The rehabilitee has long-term difficulty getting into study, finding work or "
        "coping at work or in education",
    ),
    item(
        "assessment_wanted",
        RI,
        "Kuntoutujan työkykyä, työllistymisen edellytyksiä ja kuntoutusmahdollisuuksia "
        "halutaan selvittää",
        "Man vill utreda rehabiliteringsklientens arbetsförmåga, förutsättningar för "
        "sysselsättning och rehabiliteringsmöjligheter",
        "The rehabilitee's work ability, prerequisites for employment and rehabilitation "
        "options are to be assessed",
        source="work_ability_proposal",
    ),
    item(
        "examinations_done",
        RI,
        "Kuntoutujan toimintakykyyn vaikuttavien tekijöiden lääketieteelliset tutkimukset "
        "on tehty ja hoito on siinä vaiheessa, että kuntoutustutkimus on "
        "tarkoituksenmukaista (hoito- ja seurantavastuu säilyy lähettävällä taholla)",
        "De medicinska undersökningarna av faktorer som påverkar funktionsförmågan är "
        "gjorda och vården är i ett skede där en rehabiliteringsundersökning är "
        "ändamålsenlig (vård- och uppföljningsansvaret stannar hos remittenten)",
        "The medical examinations of what affects functional capacity are done and "
        "treatment is at a stage where rehabilitation research is appropriate (treatment "
        "and follow-up stay with the referring party)",
    ),
    item(
        "motivated",
        RI,
        "Kuntoutuja on motivoitunut kuntoutuksen suunnitteluun",
        "Rehabiliteringsklienten är motiverad att planera rehabiliteringen",
        "The rehabilitee is motivated to plan rehabilitation",
    ),
    item(
        "young_study_plan",
        RI,
        "Pitkäaikaissairaan nuoren jatko-opintosuunnitelman tekemiseen tarvitaan apua",
        "En långtidssjuk ung person behöver hjälp med en plan för fortsatta studier",
        "A young person with a long-term illness needs help with a plan for further study",
        required=False,
    ),
    # "Kuntoutus- ja työkykyarviolähetteissä on hyvä lyhyesti kertoa…": the ten items.
    item("age", RT, "Ikä", "Ålder", "Age", source="age"),
    item("occupation", RT, "Ammatti", "Yrke", "Occupation"),
    item(
        "education_history",
        RT,
        "Koulutushistoria",
        "Utbildningshistoria",
        "Education history",
        source="needs.education_and_work_history",
    ),
    item(
        "work_history",
        RT,
        "Työhistoria",
        "Arbetshistoria",
        "Work history",
        source="needs.education_and_work_history",
    ),
    item(
        "life_situation",
        RT,
        "Elämäntilanne",
        "Livssituation",
        "Life situation",
        source="needs.life_situation",
    ),
    item(
        "illnesses",
        RT,
        "Sairaudet ja diagnoosit",
        "Sjukdomar och diagnoser",
        "Illnesses and diagnoses",
        source="needs.illnesses_and_treatment",
    ),
    item(
        "treatments",
        RT,
        "Tehdyt hoito- ja kuntoutustoimet",
        "Vård och rehabilitering som gjorts",
        "Treatment and rehabilitation done",
        source="needs.employment_measures",
    ),
    item(
        "treatment_results",
        RT,
        "Hoito- ja kuntoutustoimien tulokset",
        "Resultaten av vården och rehabiliteringen",
        "Results of the treatment and rehabilitation",
        source="measurements",
    ),
    item(
        "statements",
        RT,
        "Tehdyt lausunnot",
        "Utlåtanden som gjorts",
        "Statements made",
        source="statements",
    ),
    item(
        "pension_decisions",
        RT,
        "Eläkelaitosten päätökset",
        "Pensionsanstalternas beslut",
        "Decisions of pension institutions",
        source="pension_decisions",
    ),
]

# 004 LIITE 8 and p. 167: the support team is primary care's earlier-stage service,
# for clients who do not yet meet TYP's or the clinic's criteria; booking through the
# rehabilitation counsellor, with the Kela Y100 consent.
SUPPORT_TEAM_CRITERIA = [
    item(
        "consult_counsellor",
        CF,
        "Epäselvissä tilanteissa konsultoi ensin kuntoutusohjaajaa (koordinoija)",
        "I oklara fall konsultera först rehabiliteringshandledaren (koordinator)",
        "In unclear cases consult the rehabilitation counsellor (coordinator) first",
    ),
    item(
        "working_age",
        RI,
        "Asiakas on työikäinen",
        "Klienten är i arbetsför ålder",
        "The client is of working age",
        source="age",
    ),
    item(
        "multi_sectoral_need",
        RI,
        "Asiakkaalla on monialaisen tuen tarve",
        "Klienten behöver tvärsektoriellt stöd",
        "The client needs multi-sectoral support",
    ),
    item(
        "not_typ",
        RI,
        "Asiakkaalla ei ole TYP-asiakkuutta",
        "Klienten har ingen klientrelation inom TYP",
        "The client has no TYP relationship",
        source="overlap_typ",
    ),
    item(
        "consent_y100",
        RI,
        "Asiakas on antanut suostumuksen tietojen keräämiseen (Kela Y100)",
        "Klienten har gett samtycke till insamling av uppgifter (FPA Y100)",
        "The client has consented to gathering information (Kela Y100)",
        source="consent",
    ),
    item(
        "health_check_done",
        RI,
        "Terveydenhoitaja on tehnyt asiakkaalle terveystarkastuksen",
        "Hälsovårdaren har gjort en hälsoundersökning",
        "A public health nurse has done a health check",
        required=False,
    ),
    item("age", RT, "Ikä", "Ålder", "Age", source="age"),
    item(
        "life_situation",
        RT,
        "Elämäntilanne",
        "Livssituation",
        "Life situation",
        source="needs.life_situation",
    ),
    item(
        "reason",
        RT,
        "Tuen tarve ja toiveet",
        "Stödbehov och önskemål",
        "Need for support and wishes",
        source="needs.wishes_and_goals",
    ),
]

CRITERIA = {REHAB_CLINIC: REHAB_CLINIC_CRITERIA, SUPPORT_TEAM: SUPPORT_TEAM_CRITERIA}

# Seed 003: the pilot excluded TYP clients "päällekkäisen työn vuoksi".
OVERLAPS = [
    (
        COORDINATION,
        TYP,
        T(
            "Asiakkaalla on TYP-asiakkuus. Pilotissa TYP-asiakkaat rajattiin pois "
            "päällekkäisen työn vuoksi; poikkeuksista sovitaan TYP:n kanssa (003).",
            "Klienten har en klientrelation inom TYP. I piloten uteslöts TYP-klienter för "
            "att undvika dubbelarbete; undantag avtalas med TYP.",
            "The client has a TYP relationship. The pilot excluded TYP clients to avoid "
            "overlapping work; exceptions are agreed with TYP.",
        ),
    ),
    (
        SUPPORT_TEAM,
        TYP,
        T(
            "Asiakkaalla on TYP-asiakkuus: päällekkäisen työn välttämiseksi sovi ensin "
            "TYP:n kanssa (003).",
            "Klienten har en klientrelation inom TYP: kom först överens med TYP för att "
            "undvika dubbelarbete.",
            "The client has a TYP relationship: to avoid overlapping work, agree with TYP first.",
        ),
    ),
]

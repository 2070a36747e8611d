"""Issue 14 done-when: the client's own view on a phone (390 × 844), in Finnish and Swedish.

The coordinator switches the view on for demo Asiakascase 5, the client signs in with
the code the message carries, sees the contact person and the next meeting, the services
they are in, opens the questionnaire and answers the feedback survey waiting for them,
marks a task done (the coordinator sees it in My work), downloads the plan PDF and finds
the coordinator's and the physician's views in "who has seen my data". My page also
fits 320 px without sideways scrolling.
"""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from rinnalla.accounts.models import User
from rinnalla.demo import cases
from rinnalla.episodes.models import Episode
from rinnalla.plans.services import meeting_create
from tests.browser.conftest import inject_axe, shot

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def check_accessibility(page, *, context: str) -> None:
    """No axe-core violation at all (WCAG 2.0-2.2 A and AA), whatever its impact."""
    inject_axe(page)
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: tags})", AXE_TAGS)
    found = [f"{v['id']} ({v['impact']}): {v['help']}" for v in result["violations"]]
    assert not found, f"axe on {context}: {found}"


TEXT = {
    "fi": {
        "own_view": "Asiakas voi kirjautua omaan näkymäänsä",
        "save": "Tallenna",
        "contact": "Sähköpostiosoitteesi tai matkapuhelinnumerosi",
        "send": "Lähetä minulle koodi",
        "code": "Kirjautumiskoodi",
        "sign_in": "Kirjaudu",
        "contact_heading": "Yhteyshenkilöni",
        "meeting_heading": "Seuraava tapaamiseni",
        "done": "Tehty",
        "marked": "Merkitsit tämän tehdyksi",
        "pdf": "Lataa suunnitelmani (PDF)",
        "log": "Katso, kuka on katsonut tietojani",
        "log_heading": "Kuka on katsonut tietojani",
        "my_work_report": "Kertoo tehneensä tehtävän",
        "services_heading": "Palvelut, joissa olen",
        "client_since": "Olet ollut täällä asiakkaana",
        "questionnaires_heading": "Minulle odottavat kyselyt",
        "answer": "Aloita vastaaminen",
        "self_fill_heading": "Itsearviointi ennen tapaamistasi",
        "surveys_heading": "Minulle odottavat palautekyselyt",
        "give_feedback": "Anna palautetta",
        "send_answers": "Lähetä vastaukseni",
        "thanks": "Kiitos vastauksistasi",
        "no_surveys": "Sinulle ei ole odottavia palautekyselyjä.",
    },
    "sv": {
        "own_view": "Klienten kan logga in i sin egen vy",
        "save": "Spara",
        "contact": "Din e-postadress eller ditt mobilnummer",
        "send": "Skicka mig en kod",
        "code": "Inloggningskod",
        "sign_in": "Logga in",
        "contact_heading": "Min kontaktperson",
        "meeting_heading": "Mitt nästa möte",
        "done": "Klar",
        "marked": "Du markerade detta som klart",
        "pdf": "Ladda ner min plan (PDF)",
        "log": "Se vem som har sett mina uppgifter",
        "log_heading": "Vem har sett mina uppgifter",
        "my_work_report": "Säger att uppgiften är klar",
        "services_heading": "Tjänster som jag deltar i",
        "client_since": "Du har varit klient här sedan",
        "questionnaires_heading": "Frågeformulär som väntar på mig",
        "answer": "Börja svara",
        "self_fill_heading": "Självbedömning före ditt möte",
        "surveys_heading": "Responsenkäter som väntar på mig",
        "give_feedback": "Ge respons",
        "send_answers": "Skicka mina svar",
        "thanks": "Tack för dina svar",
        "no_surveys": "Inga responsenkäter väntar på dig.",
    },
}


def login(page, username: str) -> None:
    page.goto("/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(cases.DEMO_PASSWORD)
    page.locator("form.narrow-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/login/" not in page.url


def fits(page) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url}: {widths[0]} px wide at {widths[1]} px"


def set_language(page, language: str) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": page.url or "http://x"}]
    )


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_asiakascase_5_uses_the_own_view_on_a_phone(new_context, live_server, demo, language):
    t = TEXT[language]
    episode = Episode.objects.get(referral__reason__startswith=f"{cases.CASE_5.label}:")
    client = episode.client
    type(client).objects.filter(pk=client.pk).update(language=language)
    tkk = User.objects.get(username="tkk")
    laakari = User.objects.get(username="laakari")
    meeting_create(
        actor=tkk,
        episode=episode,
        starts_at=timezone.now() + datetime.timedelta(days=6),
        duration_minutes=90,
        place="Hollolan sote-keskus, neuvotteluhuone",
        client_present=True,
        topics=["follow_up"],
        professionals=[laakari],
        external_participants=[],
        send_invitations=False,
    )

    # A self-assessment and a feedback survey sent to the client.
    from rinnalla.measurements.services import self_fill_link_create
    from rinnalla.surveys.services import current_survey, link_create

    self_fill_link_create(
        actor=tkk,
        client=client,
        instrument_codes=["work-ability-self-rating"],
        url_for_token=lambda token: f"/measurements/self/{token}/",
    )
    link_create(
        survey=current_survey("liite-10"),
        service=episode.service,
        language=language,
        period=timezone.localdate(),
        episode=episode,
        recipient="client",
        created_by=tkk,
    )

    def phone():
        page = new_context(viewport=PHONE, locale=f"{language}-FI", is_mobile=True)
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        return page

    # The coordinator switches the client's own view on.
    coordinator = phone()
    login(coordinator, "tkk")
    coordinator.goto(f"/clients/{client.pk}/own-view/")
    check_accessibility(coordinator, context="own view settings")
    fits(coordinator)
    coordinator.get_by_label(t["own_view"]).check()
    coordinator.get_by_role("button", name=t["save"]).click()
    expect(coordinator.get_by_label(t["own_view"])).to_be_checked()

    # The physician opens the client's page (a look the client will find in the log).
    physician = phone()
    login(physician, "laakari")
    assert physician.goto(f"/clients/{client.pk}/").ok

    # The client signs in with the code in the message.
    me = phone()
    me.goto("/me/sign-in/")
    check_accessibility(me, context="sign-in")
    fits(me)
    me.get_by_label(t["contact"]).fill(client.email)
    me.get_by_role("button", name=t["send"]).click()
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    check_accessibility(me, context="code")
    me.get_by_label(t["code"]).fill(code)
    me.get_by_role("main").get_by_role("button", name=t["sign_in"]).click()
    expect(me).to_have_url(re.compile(r"/me/$"))
    assert me.locator("html").get_attribute("lang") == language
    check_accessibility(me, context="my page")
    fits(me)
    shot(me, f"own_view_{language}")
    contact = me.get_by_role("region", name=t["contact_heading"])
    expect(contact).to_contain_text(tkk.get_full_name())
    expect(contact).to_contain_text(tkk.phone)
    expect(contact).to_contain_text(tkk.phone_hours)  # when to call
    meeting = me.get_by_role("region", name=t["meeting_heading"])
    expect(meeting).to_contain_text("Hollolan sote-keskus, neuvotteluhuone")

    # The services I am in: the open client relationship, with why it is listed.
    services = me.get_by_role("region", name=t["services_heading"])
    expect(services).to_contain_text(t["client_since"])

    # The questionnaire waiting for me opens the self-assessment form.
    questionnaires = me.get_by_role("region", name=t["questionnaires_heading"])
    questionnaires.get_by_role("link", name=re.compile(f"^{t['answer']}")).click()
    expect(me.get_by_role("heading", level=1)).to_have_text(t["self_fill_heading"])
    check_accessibility(me, context="questionnaire from my page")
    fits(me)
    me.goto("/me/")

    # The feedback survey waiting for me: answered on the anonymous form, then gone.
    def feedback_links():
        region = me.get_by_role("region", name=t["surveys_heading"])
        return region.get_by_role("link", name=re.compile(f"^{t['give_feedback']}"))

    waiting = feedback_links().count()
    assert waiting >= 1  # ours, and the demo meeting's when its minutes sent one
    feedback_links().first.click()
    expect(me).to_have_url(re.compile(r"/s/$"))
    check_accessibility(me, context="feedback survey from my page")
    fits(me)
    me.get_by_role("button", name=t["send_answers"]).click()
    expect(me.get_by_role("heading", level=1)).to_have_text(t["thanks"])
    me.goto("/me/")
    expect(feedback_links()).to_have_count(waiting - 1)
    if waiting == 1:
        surveys = me.get_by_role("region", name=t["surveys_heading"])
        expect(surveys).to_contain_text(t["no_surveys"])
    check_accessibility(me, context="my page after the survey")

    # The narrowest phones: 320 px, still no sideways scrolling.
    me.set_viewport_size({"width": 320, "height": 700})
    fits(me)
    me.set_viewport_size(PHONE)

    # A task done: the coordinator sees it in My work.
    # By keyboard: the button takes focus and Enter presses it.
    me.locator("#tasks").get_by_role("button", name=re.compile(f"^{t['done']}")).first.focus()
    me.keyboard.press("Enter")
    expect(me.locator("#tasks")).to_contain_text(t["marked"])
    coordinator.goto("/work/")
    expect(coordinator.get_by_role("main")).to_contain_text(t["my_work_report"])

    # The plan as a PDF.
    pdf = me.request.get("/me/plan.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert me.get_by_role("link", name=t["pdf"]).is_visible()

    # Who has seen my data: the coordinator and the physician.
    me.get_by_role("link", name=t["log"]).click()
    expect(me.get_by_role("heading", level=1)).to_have_text(t["log_heading"])
    check_accessibility(me, context="who has seen my data")
    fits(me)
    main = me.get_by_role("main")
    expect(main).to_contain_text(tkk.get_full_name())
    expect(main).to_contain_text(laakari.get_full_name())
    shot(me, f"own_view_log_{language}")


def test_signing_in_and_a_task_work_without_javascript(browser, live_server, demo):
    from rinnalla.portal.services import portal_access_set

    episode = Episode.objects.get(referral__reason__startswith=f"{cases.CASE_5.label}:")
    client = episode.client
    portal_access_set(
        actor=User.objects.get(username="tkk"),
        client=client,
        enabled=True,
        allow_codes_under_non_disclosure=False,
    )
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, locale="fi-FI", java_script_enabled=False
    )
    try:
        me = context.new_page()
        me.goto("/me/sign-in/")
        me.get_by_label(TEXT["fi"]["contact"]).fill(client.email)
        me.get_by_role("button", name=TEXT["fi"]["send"]).click()
        link = re.search(r"(http\S+/me/sign-in/link/\S+/)", mail.outbox[-1].body).group(1)
        # The link in the message signs in on the same device, with one button.
        # (The message's address is RINNALLA_BASE_URL; the test server runs elsewhere.)
        me.goto(live_server.url + "/me/sign-in/link/" + link.split("/me/sign-in/link/", 1)[1])
        me.get_by_role("main").get_by_role("button", name=TEXT["fi"]["sign_in"]).click()
        expect(me).to_have_url(re.compile(r"/me/$"))
        me.locator("#tasks").get_by_role("link", name=re.compile("^Tarvitsen apua")).first.click()
        me.get_by_role("button", name="Lähetä").click()
        expect(me.locator("#tasks")).to_contain_text("Pyysit apua")
    finally:
        context.close()

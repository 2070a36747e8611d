# ruff: noqa: F811 (fixtures imported from the plan tests are used as arguments)
"""Issue 11's numbered problems, each as the coordinator's (or the network's) steps in
Finnish: what broke the day, done again and shown fixed."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from rinnalla.plans.models import ClientPlan
from rinnalla.plans.services import meeting_create, meeting_record_minutes
from rinnalla.plans.tests.conftest import (  # noqa: F401
    past_meeting,
    physician_action,
    physician_consent,
    plan,
)
from tests.browser.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


def nav(page, name: str) -> None:
    page.get_by_role("navigation", name="Päävalikko").get_by_role("link", name=name).click()


def record_referral(page, *, code: str, first: str, last: str, reason: str) -> None:
    nav(page, "Kirjaa lähete")
    page.get_by_label("Henkilötunnus").fill(code)
    page.get_by_label("Etunimi").fill(first)
    page.get_by_label("Sukunimi").fill(last)
    page.get_by_label("Lähettäjä").select_option(label="Kela")
    page.get_by_label("Saapumistapa").select_option(label="Puhelin")
    page.get_by_label("Lähetteen syy").fill(reason)
    page.get_by_role("button", name="Tallenna lähete").click()
    expect(page).to_have_url(re.compile(r"/referrals/\d+/$"))


def test_1_a_second_referral_is_attached_to_the_open_relationship(page, coordinator, episode):
    """Ongelma 1: toinen lähete samalle henkilötunnukselle ei avaa rinnakkaista asiakkuutta."""
    login(page, "aino")
    record_referral(
        page,
        code="131052-308T",
        first="Matias",
        last="Meikäläinen",
        reason="Kela pyytää työkyvyn selvittelyä.",
    )
    main = page.get_by_role("main")
    # The typed name is not silently dropped: the page shows both names.
    expect(
        main.get_by_role("heading", name="Lähetteen nimi poikkeaa rekisteröidystä nimestä")
    ).to_be_visible()
    expect(main).to_contain_text("Matias Meikäläinen")
    # Already a client: the open relationship and its coordinator, attach offered.
    expect(main.get_by_role("heading", name="Jo asiakas: asiakkuus on avoinna")).to_be_visible()
    expect(main).to_contain_text("Ensisijainen yhteyshenkilö: Aino Koordinaattori")
    expect(page.get_by_label("Hyväksy: avaa asiakkuus")).to_have_count(0)
    check_accessibility(page, context="second referral")
    shot(page, "issue11_1_second_referral")
    page.get_by_label("Liitä avoimeen asiakkuuteen").check()
    page.get_by_role("button", name="Tallenna päätös").click()

    expect(page.get_by_role("heading", level=1, name="Matti Meikäläinen")).to_be_visible()
    main = page.get_by_role("main")
    expect(main).to_contain_text("Lähete liitettiin asiakkaan avoimeen asiakkuuteen.")
    # One relationship, the later referral on its path.
    expect(main.get_by_role("heading", name=re.compile("^Asiakkuus avattu"))).to_have_count(1)
    expect(main).to_contain_text("Myöhempi lähete, liitetty asiakkuuteen – Kela")
    expect(main).to_contain_text("Kela pyytää työkyvyn selvittelyä.")
    check_accessibility(page, context="client page with the attached referral")


def test_2_an_accepted_client_waits_in_the_queue_and_in_my_work(page, coordinator):
    """Ongelma 2: juuri hyväksytty asiakas näkyy jonossa ja omissa tehtävissä määräaikoineen."""
    login(page, "aino")
    record_referral(
        page,
        code="010594Y9032",
        first="Helmi",
        last="Järvinen",
        reason="Työkyvyn selvittely.",
    )
    page.get_by_label("Hyväksy: avaa asiakkuus").check()
    page.get_by_role("button", name="Tallenna päätös").click()
    expect(page.get_by_role("heading", level=1, name="Helmi Järvinen")).to_be_visible()

    nav(page, "Lähetejono")
    waiting = page.get_by_role("table", name="Odottaa ensikontaktia, lähin tavoitepäivä ensin")
    row = waiting.get_by_role("row").filter(has_text="Helmi Järvinen")
    expect(row).to_contain_text("14 päivää jäljellä")
    expect(row).to_contain_text("Aino Koordinaattori")
    check_accessibility(page, context="queue with the waiting client")

    nav(page, "Omat tehtävät")
    first_contacts = page.get_by_role("table", name="Odottaa ensikontaktia")
    expect(first_contacts.get_by_role("row").filter(has_text="Helmi Järvinen")).to_contain_text(
        "14 päivää jäljellä"
    )
    expect(
        page.get_by_role("heading", name=re.compile("Verkoston määräajat asiakkaillesi"))
    ).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Uudet itsearvioinnit"))).to_be_visible()
    check_accessibility(page, context="my work")
    shot(page, "issue11_2_my_work")


def open_client(page, name: str) -> None:
    page.get_by_role("navigation", name="Päävalikko").get_by_role(
        "link", name=re.compile("asiakkaat$", re.I)
    ).first.click()
    page.get_by_role("main").get_by_role("link", name=name, exact=False).first.click()


def test_4_the_physician_is_told_why_they_see_the_client(
    page, physician, physician_consent, physician_action, client
):
    """Ongelma 4: verkoston ammattilainen näkee, miksi asiakas näkyy hänelle."""
    login(page, "pekka")
    expect(page.get_by_role("main")).to_contain_text("verkostotapaamisen osallistujana")
    open_client(page, "Meikäläinen")
    why = page.get_by_role("region", name="Miksi näet tämän asiakkaan")
    expect(why).to_contain_text("Asiakkaan suostumus kattaa organisaatiosi")
    expect(why).to_contain_text("Osallistut verkostotapaamiseen")
    expect(why).to_contain_text("B-lausunto kuntoutusrahaa varten")
    check_accessibility(page, context="client page of the physician")
    shot(page, "issue11_4_why")


def test_5_a_meeting_is_changed_drafted_and_cancelled_with_the_truth_told(
    page, coordinator, episode, physician, kela_advisor
):
    """Ongelma 5: tapaamista voi muuttaa ja sen voi perua; kutsutila on tosi; muistion
    voi kirjoittaa ennen tapaamista; kutsussa on kalenteritapahtuma."""
    physician.email = "pekka@example.org"
    physician.save()
    starts = timezone.localtime() + datetime.timedelta(days=3)
    meeting = meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=starts,
        place="Huone 4",
        topics=["follow_up"],
        professionals=[physician, kela_advisor],
        send_invitations=False,
    )
    login(page, "aino")
    page.goto(f"/plans/meetings/{meeting.pk}/")
    main = page.get_by_role("main")
    # Not "invitations sent": who has no e-mail is named.
    expect(main).to_contain_text("ei sähköpostiosoitetta: kutsu puhelimella tai kirjeellä")
    expect(main).to_contain_text("Lääkäri")  # the physician's role, not "Muu"

    page.get_by_role("link", name="Muuta tapaamista").click()
    check_accessibility(page, context="meeting change form")
    page.get_by_label("Paikka").fill("Hollolan sote-keskus, huone 7")
    page.get_by_role("button", name="Tallenna tapaaminen").click()
    expect(main).to_contain_text("Tapaamisen muutokset tallennettiin.")
    expect(main).to_contain_text(
        "Kutsu kalenteritapahtumineen lähetettiin sähköpostilla: Pekka Testinen"
    )
    expect(main).to_contain_text("Ei sähköpostiosoitetta, kutsu itse: Kaisa Testinen")
    invitation = mail.outbox[-1]
    assert invitation.to == ["pekka@example.org"]
    assert "huone 7" in invitation.body
    assert "BEGIN:VEVENT" in invitation.attachments[0][1]

    # The minutes can be drafted before the meeting.
    page.get_by_label("Muistio").fill("Esityslista: työkokeilun aloitus.")
    page.get_by_role("button", name="Tallenna luonnos").click()
    expect(main).to_contain_text("Muistion luonnos tallennettiin.")
    expect(page.get_by_label("Muistio")).to_have_value("Esityslista: työkokeilun aloitus.")

    page.get_by_role("link", name="Peru tapaaminen").click()
    check_accessibility(page, context="cancel form")
    page.get_by_label("Perumisen syy").fill("Asiakas sairastui.")
    page.get_by_role("button", name="Peru tapaaminen").click()
    expect(main).to_contain_text("Tapaaminen peruttiin.")
    expect(main).to_contain_text("Asiakas sairastui.")
    assert "METHOD:CANCEL" in mail.outbox[-1].attachments[0][1]
    check_accessibility(page, context="cancelled meeting")
    shot(page, "issue11_5_cancelled_meeting")


def test_7_the_plan_version_is_made_only_on_save_and_starts_prefilled(
    page, coordinator, past_meeting, physician
):
    """Ongelma 7: versio syntyy vasta tallennettaessa, lomake on esitäytetty, lääkäri on
    lääkäri ja toimenpiteet ovat määräpäivän järjestyksessä."""
    meeting_record_minutes(
        actor=coordinator, meeting=past_meeting, minutes="Sovittiin työkokeilusta."
    )
    following = meeting_create(
        actor=coordinator,
        episode=past_meeting.episode,
        starts_at=timezone.now() + datetime.timedelta(days=42),
        place="Huone 2",
        topics=["follow_up"],
        professionals=[physician],
        send_invitations=False,
    )
    login(page, "aino")
    page.goto(f"/plans/meetings/{past_meeting.pk}/")
    page.get_by_role("link", name="Kirjoita asiakkuussuunnitelma").click()
    expect(page.get_by_label("Verkostotapaamisessa suunnitellut asiat")).to_have_value(
        "Sovittiin työkokeilusta."
    )
    expect(page.get_by_label("Seuraava verkostotapaaminen")).to_have_value(
        timezone.localdate(following.starts_at).isoformat()
    )
    expect(page.get_by_role("main")).to_contain_text("Lääkäri")
    check_accessibility(page, context="new plan form")
    page.get_by_role("link", name="Peruuta").click()
    assert not ClientPlan.objects.filter(meeting=past_meeting).exists()

    page.get_by_role("link", name="Kirjoita asiakkuussuunnitelma").click()
    page.get_by_role("button", name="Tallenna suunnitelma").click()
    expect(page.get_by_role("main")).to_contain_text("Suunnitelman versio 1 tallennettiin.")
    today = timezone.localdate()
    for description, days in (("Myöhempi tehtävä", 30), ("Aiempi tehtävä", 5)):
        page.get_by_role("link", name="Lisää toimenpide").click()
        page.get_by_label("Luokka").select_option(label="Muu")
        page.get_by_label("Mitä tehdään").fill(description)
        page.get_by_label("Vastuuhenkilö").select_option(label="Asiakas")
        page.get_by_label("Määräpäivä").fill((today + datetime.timedelta(days=days)).isoformat())
        page.get_by_role("button", name="Lisää toimenpide", exact=True).click()
    table = page.get_by_role("table", name="Kaikki toimenpiteet määräpäivän mukaan")
    rows = table.locator(":scope > tbody > tr").all_inner_texts()
    assert "Aiempi tehtävä" in rows[0] and "Myöhempi tehtävä" in rows[1]
    check_accessibility(page, context="plan with actions by due date")
    shot(page, "issue11_7_plan")

"""Issue 3: a coordinator records a new client from referral to closing, in the pages only."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rinnalla.core import hetu
from tests.browser.conftest import check_accessibility, login, shot, visit

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_takes_a_new_client_from_referral_to_closing_in_finnish(page, coordinator):
    code = hetu.build(datetime.date(1984, 3, 9), 412)
    # Dates in Helsinki time, and every recorded time in the past whatever the hour the
    # suite runs: the referral arrived two days ago, the contact and meeting were yesterday.
    today = timezone.localdate()
    received = today - datetime.timedelta(days=2)
    yesterday = today - datetime.timedelta(days=1)

    visit(page, "/login/", name="login")
    login(page, "aino")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_accessibility(page, context="landing page")

    # The new referral, from the main navigation.
    page.get_by_role("navigation", name="Päävalikko").get_by_role(
        "link", name="Kirjaa lähete"
    ).click()
    expect(page.get_by_role("heading", level=1, name="Kirjaa lähete")).to_be_visible()
    check_accessibility(page, context="new referral form")
    shot(page, "referral_form")

    # Filled with the keyboard alone: focus the first field, then Tab from field to field.
    page.get_by_label("Henkilötunnus").focus()
    page.keyboard.type(code)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Etunimi")).to_be_focused()
    page.keyboard.type("Helmi")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Sukunimi")).to_be_focused()
    page.keyboard.type("Järvinen")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Kotikunta")).to_be_focused()
    page.keyboard.type("Lahti")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Puhelin")).to_be_focused()
    page.keyboard.type("040 123 4567")
    page.get_by_label("Lähettäjä").select_option(label="Fysioterapeutti")
    page.get_by_label("Saapumistapa").select_option(label="Salattu sähköposti")
    page.get_by_label("Lähetteen syy").fill("Toimintakyvyn arvio tehty; työkyvyn selvittely.")
    page.get_by_label("Saapunut").fill(received.isoformat())
    # Enter on the focused submit button sends the form.
    page.get_by_role("button", name="Tallenna lähete").focus()
    page.keyboard.press("Enter")

    # The referral page: untriaged, with the first-contact clock running.
    expect(page).to_have_url(re.compile(r"/referrals/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Helmi Järvinen")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Lähete kirjattiin")
    expect(main).to_contain_text(code)
    expect(main).to_contain_text("päivää jäljellä")
    check_accessibility(page, context="referral page")
    shot(page, "referral_detail")

    # Triage: accept. The coordinator lands on the new client's page.
    page.get_by_label("Hyväksy: avaa asiakkuus").check()
    page.get_by_role("button", name="Tallenna päätös").click()
    expect(page).to_have_url(re.compile(r"/clients/\d+/$"))
    expect(page.get_by_role("heading", level=1, name="Helmi Järvinen")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Lähete hyväksyttiin ja asiakkuus avattiin.")
    expect(page.get_by_role("main")).to_contain_text("Odottaa")
    check_accessibility(page, context="client page, waiting")

    # A contact by phone.
    page.get_by_role("link", name="Kirjaa tapahtuma").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Uusi tapahtuma")
    check_accessibility(page, context="event form")
    shot(page, "event_form")
    page.get_by_label("Yhteydenotto").check()
    page.get_by_label("Päivämäärä").fill(yesterday.isoformat())
    page.get_by_label("Kellonaika").fill("09:15")
    page.get_by_label("Toteutustapa").select_option(label="Puhelin")
    page.get_by_label("Yhteenveto").fill("Soitto asiakkaalle, sovittu tapaaminen.")
    page.get_by_label("Seuraava vaihe", exact=True).fill("Tapaaminen sote-keskuksessa.")
    page.get_by_role("button", name="Tallenna tapahtuma").click()
    expect(page.get_by_role("heading", level=1, name="Helmi Järvinen")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Aktiivinen")
    check_accessibility(page, context="client page after the contact")

    # A meeting in person, 60 minutes.
    page.get_by_role("link", name="Kirjaa tapahtuma").click()
    page.get_by_label("Tapaaminen", exact=True).check()
    page.get_by_label("Päivämäärä").fill(yesterday.isoformat())
    page.get_by_label("Kellonaika").fill("13:00")
    page.get_by_label("Toteutustapa").select_option(label="Kasvokkain")
    page.get_by_label("Kesto (minuuttia)").fill("60")
    page.get_by_label("Yhteenveto").fill("Työkyvyn selvittelyä, työkokeilun suunnittelu.")
    page.get_by_role("button", name="Tallenna tapahtuma").click()
    expect(page.get_by_role("heading", level=1, name="Helmi Järvinen")).to_be_visible()

    # Close with an outcome.
    page.get_by_role("link", name="Päätä asiakkuus").click()
    expect(page.get_by_role("heading", level=1, name="Päätä asiakkuus")).to_be_visible()
    check_accessibility(page, context="close form")
    shot(page, "close_form")
    page.get_by_label("Osa-aikatyö").check()
    page.get_by_label("Siirretty palveluun").fill("Työterveyshuolto")
    page.get_by_label("Yhteenveto päättämisestä").fill("Asiakas aloitti osa-aikatyön.")
    page.get_by_role("button", name="Päätä asiakkuus").click()

    # The client page: closed, the outcome, and the numbered path in order.
    expect(page.get_by_role("heading", level=1, name="Helmi Järvinen")).to_be_visible()
    main = page.get_by_role("main")
    expect(main.locator(".hds-status-label").first).to_have_text("Päättynyt")
    expect(main).to_contain_text("Osa-aikatyö")
    expect(main).to_contain_text("Asiakas aloitti osa-aikatyön.")
    expect(main).to_contain_text("Työterveyshuolto")
    expect(main.get_by_role("link", name="Avaa asiakkuus uudelleen")).to_be_visible()
    timeline = main.locator("ol.timeline > li")
    expect(timeline).to_have_count(3)
    expect(timeline.nth(0)).to_contain_text("Lähete – Fysioterapeutti")
    expect(timeline.nth(1)).to_contain_text("Yhteydenotto – puhelin")
    expect(timeline.nth(1)).to_contain_text("Soitto asiakkaalle, sovittu tapaaminen.")
    expect(timeline.nth(1)).to_contain_text("Seuraava vaihe: Tapaaminen sote-keskuksessa.")
    expect(timeline.nth(2)).to_contain_text("Tapaaminen – kasvokkain, 60 min")
    check_accessibility(page, context="client page, closed")
    shot(page, "client_closed")


def test_the_language_switch_changes_the_interface_to_swedish_and_english(page, coordinator):
    login(page, "aino")
    page.goto("/clients/")
    expect(page.get_by_role("heading", level=1, name="Asiakkaat")).to_be_visible()

    page.get_by_label("Kieli").select_option("sv")
    page.get_by_role("button", name="Vaihda").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1, name="Klienter")).to_be_visible()
    expect(page.get_by_role("link", name="Registrera remiss")).to_be_visible()
    check_accessibility(page, context="clients in Swedish")
    shot(page, "clients_sv")

    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Byt").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1, name="Clients")).to_be_visible()
    expect(page.get_by_role("link", name="Record a referral")).to_be_visible()
    check_accessibility(page, context="clients in English")

    page.get_by_label("Language").select_option("fi")
    page.get_by_role("button", name="Change").click()
    expect(page.get_by_role("heading", level=1, name="Asiakkaat")).to_be_visible()

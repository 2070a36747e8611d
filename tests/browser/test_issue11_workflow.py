"""Issue 11's numbered problems, each as the coordinator's (or the network's) steps in
Finnish: what broke the day, done again and shown fixed."""

import re

import pytest
from playwright.sync_api import expect

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

"""Issue 6: the client fills WHODAS on a phone through a one-time link; the coordinator sees it."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from rinnalla.demo import cases
from tests.browser.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)

CASE = cases.CASE_4  # an open client relationship
CLIENT = f"{CASE.client.first_name} {CASE.client.last_name}"
# S1…S12 answered 1 (none) … 5 (extreme); the simple sum is 12–60.
ANSWERS = [2, 3, 1, 4, 2, 2, 3, 1, 1, 2, 3, 4]
FIVE_POINT = [
    "Ei lainkaan",
    "Vähän",
    "Kohtalaisesti",
    "Paljon",
    "Äärimmäisen paljon tai en pysty lainkaan",
]


def test_the_client_fills_whodas_on_a_phone_and_the_coordinator_sees_the_chart(
    page, demo, new_context
):
    login(page, "tkk", cases.DEMO_PASSWORD)
    page.get_by_role("navigation", name="Päävalikko").get_by_role("link", name="Asiakkaat").click()
    page.get_by_role("main").get_by_role("link", name=CASE.client.last_name).click()
    expect(page.get_by_role("heading", level=1, name=CLIENT)).to_be_visible()

    page.get_by_role("link", name="Lähetä itsearviointilinkki").click()
    check_accessibility(page, context="self-fill link form")
    for label in ("Työkykypistemäärä (0–10)", "AUDIT"):
        page.get_by_label(label, exact=True).uncheck()
    page.get_by_label("WHODAS 2.0", exact=True).check()
    page.get_by_role("button", name="Luo linkki").click()
    expect(
        page.get_by_role("heading", level=1, name="Itsearviointilinkki on luotu")
    ).to_be_visible()
    check_accessibility(page, context="self-fill link created")
    link = page.locator("#self-fill-url").input_value()
    assert link.startswith(settings.RINNALLA_BASE_URL + "/measurements/self/")
    # The address is this installation's configured one; the test server runs elsewhere.
    link = "/measurements/self/" + link.split("/measurements/self/", 1)[1]

    # The client, on a phone, without logging in.
    phone = new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    expect(phone.get_by_role("heading", name="WHODAS 2.0", exact=False)).to_be_visible()
    expect(phone.get_by_role("heading", name="AUDIT", exact=False)).to_have_count(0)
    check_accessibility(phone, context="self-fill on a phone")
    # Nothing wider than the phone's screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "selffill_phone")
    for number, answer in enumerate(ANSWERS, start=1):
        phone.locator(f'input[name="whodas-12-S{number}"][value="{answer}"]').check()
        choice = phone.locator(f'input[name="whodas-12-S{number}"]:checked')
        expect(choice).to_have_accessible_name(FIVE_POINT[answer - 1])
    phone.get_by_role("button", name="Lähetä vastaukseni").click()
    expect(
        phone.get_by_role("heading", level=1, name="Kiitos – vastauksesi on tallennettu")
    ).to_be_visible()
    check_accessibility(phone, context="self-fill thanks")
    shot(phone, "selffill_thanks")

    # The link is single use: opening it again gives a friendly message, not the form.
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1, name="Tämä linkki on jo käytetty")).to_be_visible()
    expect(phone.locator("input[type=radio]")).to_have_count(0)
    check_accessibility(phone, context="self-fill link used")

    # The coordinator sees the result, self-reported, with its chart.
    page.goto("/")
    page.get_by_role("navigation", name="Päävalikko").get_by_role("link", name="Asiakkaat").click()
    page.get_by_role("main").get_by_role("link", name=CASE.client.last_name).click()
    main = page.get_by_role("main")
    expect(main).to_contain_text("WHODAS")
    expect(main).to_contain_text(str(sum(ANSWERS)))
    chart = main.locator("svg[role=img]")
    expect(chart.first).to_be_visible()
    check_accessibility(page, context="client page with WHODAS")
    shot(page, "client_with_whodas")

    page.get_by_role("link", name="Mittaukset: kirjaa ja katso kaikki").click()
    main = page.get_by_role("main")
    expect(main.locator("svg[role=img]").first).to_be_visible()
    expect(main).to_contain_text(str(sum(ANSWERS)))
    check_accessibility(page, context="measurements page")
    shot(page, "measurements")

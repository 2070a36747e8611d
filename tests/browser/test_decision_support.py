"""Decision support walked as a new user would (issue 12), in Finnish and Swedish.

The coordinator opens demo Asiakascase 2 (Sanna Kivelä), sees the services that may
fit and why, prepares a referral to the rehabilitation research outpatient clinic,
sees which criteria the record shows as met and which are unknown, and copies a
referral text that tells the ten items of LIITE 8 from the record. Every page on the
way — the catalogue, a service page, the criteria form, the situation page and the
needs-attention list — has no axe-core violation at phone width.
"""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from rinnalla.catalogue.models import Service
from rinnalla.clients.models import Client
from rinnalla.demo import cases
from tests.browser.conftest import inject_axe, shot

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

TEXT = {
    "fi": {
        "login": ("Käyttäjätunnus", "Salasana", "Kirjaudu sisään"),
        "situation_link": "Sopivat palvelut, lähetekriteerit ja nivelvaiheet",
        "check": "Tarkista kriteerit ja kirjoita lähete",
        "save": "Tallenna ja tee lähetteen teksti",
        "met": "Täyttyy",
        "ten": (
            "Ikä: 4",
            "Ammatti:",
            "Koulutushistoria: Merkonomi",
            "Työhistoria:",
            "Elämäntilanne: Asuu yksin",
            "Sairaudet ja diagnoosit: Toistuva masennus",
            "Tehdyt hoito- ja kuntoutustoimet:",
            "Hoito- ja kuntoutustoimien tulokset: WHODAS",
            "Tehdyt lausunnot:",
            "Eläkelaitosten päätökset:",
        ),
        "unknown_criterion": "Kuntoutuja on motivoitunut kuntoutuksen suunnitteluun",
        "segment": ("Asiakassegmentti", "Yhteistyöasiakas", "Miksi:"),
    },
    "sv": {
        "login": ("Användarnamn", "Lösenord", "Logga in"),
        "situation_link": "Tjänster som kan passa, remisskriterier och övergångsskeden",
        "check": "Kontrollera kriterierna och skriv en remiss",
        "save": "Spara och gör remisstexten",
        "met": "Uppfylls",
        "ten": ("Ålder: 4", "Yrke:", "Utbildningshistoria: Merkonomi", "Livssituation:"),
        "unknown_criterion": "Rehabiliteringsklienten är motiverad att planera rehabiliteringen",
        "segment": ("Klientsegment", "Samarbetsklient", "Varför:"),
    },
}


def _axe(page) -> list[str]:
    inject_axe(page)  # through DevTools: the site's CSP forbids inline scripts
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: tags})", AXE_TAGS)
    return [
        f"{page.url}: {v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def _fits(page) -> list[str]:
    scroll, width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    return [] if scroll <= width else [f"{page.url}: {scroll} px wide at {width} px"]


def _check(page, problems, name):
    problems += _axe(page) + _fits(page)
    shot(page, name)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_coordinator_prepares_a_kuntoutustutkimus_referral_for_case_2(
    new_context, live_server, demo, language
):
    text = TEXT[language]
    page = new_context(viewport=PHONE, locale=f"{language}-FI", is_mobile=True)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    username, password, button = text["login"]
    page.goto("/login/")
    page.get_by_label(username).fill("tkk")
    page.get_by_label(password).fill(cases.DEMO_PASSWORD)
    page.get_by_role("button", name=button).click()
    problems: list[str] = []

    # The catalogue and a service page, reached from the menu.
    page.goto("/catalogue/")
    _check(page, problems, f"ds_{language}_catalogue")
    clinic = Service.objects.get(code="rehabilitation-research-clinic")
    page.goto(f"/catalogue/?q={clinic.name_fi.split()[0][:8]}")
    page.goto(f"/catalogue/{clinic.pk}/")
    _check(page, problems, f"ds_{language}_service")

    # The demo coordinator keeps the clinic's criteria: the form to change them.
    page.goto(f"/catalogue/{clinic.pk}/criteria/")
    _check(page, problems, f"ds_{language}_criteria_edit")

    # The client list filtered by segment (a plain form, no script): Sanna is a
    # cooperation client, and the list says so in its own column.
    segment_label, cooperation, why = text["segment"]
    page.goto("/clients/")
    page.get_by_label(segment_label).select_option(label=cooperation)
    page.locator("form.search-form button[type=submit]").click()
    assert "segment=cooperation" in page.url
    expect(page.locator("main table")).to_contain_text("Kivelä, Sanna")
    column = {"fi": "Segmentti", "sv": "Segment"}[language]
    expect(page.get_by_role("columnheader", name=column, exact=True)).to_be_visible()
    _check(page, problems, f"ds_{language}_client_list_segment")

    # Case 2's client page shows the top suggestions and why → the situation page →
    # the criteria form.
    sanna = Client.objects.get(first_name="Sanna", last_name="Kivelä")
    page.goto(f"/clients/{sanna.pk}/")
    card = page.locator("section[aria-labelledby=situation-card-heading]")
    expect(card).to_contain_text(why)
    _check(page, problems, f"ds_{language}_client_page")
    page.get_by_role("link", name=text["situation_link"]).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sanna Kivelä")
    _check(page, problems, f"ds_{language}_situation")
    suggestion = page.locator(f"#suggestion-{clinic.pk}").locator("..")
    expect(suggestion).to_contain_text("WHODAS")
    suggestion.get_by_role("link", name=text["check"]).click()
    _check(page, problems, f"ds_{language}_criteria_form")
    # Working age and several limitations come from the record; motivation is unknown.
    working_age = page.locator("fieldset.criteria-item").nth(0)
    expect(working_age.get_by_label(text["met"], exact=True)).to_be_checked()
    expect(page.locator("#missing-heading").locator("..")).to_contain_text(
        text["unknown_criterion"]
    )
    page.get_by_role("button", name=text["save"]).click()
    _check(page, problems, f"ds_{language}_referral_text")
    referral_text = page.locator("#referral-text").input_value()
    for item in text["ten"]:
        assert item in referral_text, (item, referral_text)

    # The needs-attention list shows Sanna: her unemployment benefit ends in 20 days.
    page.goto("/work/cracks/")
    expect(page.locator("main")).to_contain_text("Sanna Kivelä")
    _check(page, problems, f"ds_{language}_needs_attention")
    assert not problems, "\n".join(problems)

"""Problem 9 of issue 11, the user's steps on a phone (390 × 844), in Finnish."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from rinnalla.demo import cases
from rinnalla.episodes.models import Episode
from rinnalla.measurements.services import self_fill_link_create
from tests.browser.conftest import check_accessibility, shot

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def login(page, username: str) -> None:
    page.goto("/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(cases.DEMO_PASSWORD)
    page.locator("form.narrow-form button[type=submit]").click()
    page.wait_for_load_state()


def test_the_header_is_one_row_and_the_menu_opens_without_javascript(browser, live_server, demo):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, locale="fi-FI", java_script_enabled=False
    )
    try:
        page = context.new_page()
        login(page, "tkk")
        # The header takes one row: the first screen is for the work, not the menu.
        header = page.locator(".site-header").bounding_box()
        assert header["height"] < PHONE["height"] * 0.1, header
        nav = page.get_by_role("navigation", name="Päävalikko")
        expect(nav).to_be_hidden()
        # Without JavaScript "Valikko" is a link that opens the menu, "Sulje valikko" closes it.
        page.get_by_role("link", name="Valikko").click()
        expect(nav).to_be_visible()
        nav.get_by_role("link", name="Asiakkaat").click()
        expect(page.get_by_role("heading", level=1, name="Asiakkaat")).to_be_visible()
        page.get_by_role("link", name="Valikko").click()
        page.get_by_role("link", name="Sulje valikko").click()
        expect(nav).to_be_hidden()
    finally:
        context.close()


def test_the_menu_is_a_disclosure_button_with_javascript(new_context, demo):
    page = new_context(viewport=PHONE)
    login(page, "tkk")
    button = page.get_by_role("button", name="Valikko")
    nav = page.get_by_role("navigation", name="Päävalikko")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    shot(page, "phone_menu_open")
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    expect(button).to_be_focused()


def test_the_client_fills_the_self_assessment_on_a_phone(new_context, demo):
    episode = Episode.objects.get(referral__reason__startswith=f"{cases.CASE_5.label}:")
    _link, token = self_fill_link_create(
        actor=episode.created_by,
        client=episode.client,
        instrument_codes=["work-ability-self-rating", "whodas-12"],
        url_for_token=lambda raw: raw,
    )
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(reverse("measurements:self_fill", args=[token]))
    # Each question says where the client is: 13 questions in all on this link.
    expect(page.get_by_text("Kysymys 1/13")).to_be_visible()
    expect(page.get_by_text("Kysymys 7/13")).to_be_visible()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    # Sending without answers: one summary, plain words, and links that reach the question.
    page.get_by_role("button", name="Lähetä vastaukseni").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Kysymys 1/13: Valitse yksi vaihtoehto.")
    expect(page.get_by_text("Tämä kenttä vaaditaan")).to_have_count(0)
    check_accessibility(page, context="self-fill with errors on a phone")
    shot(page, "phone_self_fill_errors")
    summary.get_by_role("link").nth(6).click()
    focused = page.evaluate("() => document.activeElement.id")
    assert focused.startswith("id_whodas-12-"), focused
    assert focused.endswith("_0"), focused

"""Issue 3 done-when: logged in as tkk, a new user finds Asiakascase 3 and reads its path."""

import pytest
from playwright.sync_api import expect

from rinnalla.demo import cases
from tests.browser.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


def test_tkk_finds_asiakascase_3_and_reads_its_path_in_the_seeds_order(page, demo):
    case = cases.CASE_3
    person = case.client
    login(page, "tkk", cases.DEMO_PASSWORD)

    # The clients list, then the search by name (load_demo prints "Asiakascase 3: <name>").
    page.get_by_role("navigation", name="Päävalikko").get_by_role("link", name="Asiakkaat").click()
    check_accessibility(page, context="clients list")
    page.get_by_label("Hae nimellä tai henkilötunnuksella").fill(person.last_name)
    page.keyboard.press("Enter")
    results = page.get_by_role("main").get_by_role("link", name=person.first_name, exact=False)
    expect(results).to_have_count(1)
    check_accessibility(page, context="search result")
    shot(page, "demo_search")
    results.click()

    expect(
        page.get_by_role("heading", level=1, name=f"{person.first_name} {person.last_name}")
    ).to_be_visible()
    check_accessibility(page, context="Asiakascase 3")
    shot(page, "demo_case3")

    main = page.get_by_role("main")
    expect(main.locator(".hds-status-label").first).to_have_text("Päättynyt")
    items = main.locator("ol.timeline > li")
    # Each box is an event; the network meeting's box is written by its minutes.
    events = [
        (item.at, item.summary if isinstance(item, cases.Event) else "Verkostotapaaminen. Aihe:")
        for item in case.path
        if isinstance(item, cases.Event | cases.NetworkMeeting)
    ]
    received_on = case.referral.received_on
    # In time order: the drawing's boxes dated before the referral arrived, the
    # referral itself, then every later box, in the drawing's order.
    before = [summary for at, summary in events if at[:10] < received_on]
    after = [summary for at, summary in events if at[:10] >= received_on]
    assert before, "case 3 has steps before its referral"
    expect(items).to_have_count(len(events) + 1)
    texts = items.all_inner_texts()
    referral_text = texts[len(before)]
    assert "Lähete – Lääkäri" in referral_text
    assert case.referral.reason in referral_text
    shown = texts[: len(before)] + texts[len(before) + 1 :]
    for number, (text, summary) in enumerate(zip(shown, before + after, strict=True), start=1):
        assert summary in text, f"step {number}: expected {summary!r}, page shows {text!r}"
    closing = next(item for item in case.path if isinstance(item, cases.Close))
    expect(main).to_contain_text(closing.summary)

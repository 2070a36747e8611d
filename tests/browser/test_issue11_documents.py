"""Issue 11, part B, as the user's steps in Finnish: the work ability assessment and
its B-lausunto follow-up, the client's plan in plain language (problem 8), turvakielto."""

import pytest
from playwright.sync_api import expect

from rinnalla.core.pdf import pdf_accessibility, pdf_text
from rinnalla.demo import cases
from tests.browser.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def private_media(tmp_path, settings):
    """Uploaded documents go to a temporary directory, not the worktree's var/."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def open_client(page, last_name: str) -> None:
    page.get_by_role("navigation", name="Päävalikko").get_by_role("link", name="Asiakkaat").click()
    page.get_by_role("main").get_by_role("link", name=last_name, exact=False).first.click()


def test_the_coordinator_writes_the_assessment_and_follows_the_b_statement(page, demo):
    login(page, "tkk", cases.DEMO_PASSWORD)
    open_client(page, cases.CASE_4.client.last_name)
    page.get_by_role("link", name="Kirjoita työkykyarvio").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Työkykyarvio ja suunnitelmaehdotus"
    )
    # Prefilled from the service needs assessment and the newest measurements.
    expect(page.get_by_label("Asiakkaan tilanne")).to_contain_text("Asuu puolison kanssa")
    expect(page.get_by_label("Työkykypistemäärä (0–10)", exact=False).first).to_be_checked()
    check_accessibility(page, context="work ability assessment form")
    page.get_by_label("Lääkäri", exact=True).select_option(label="Lauri Laakso, Lääkäri")
    page.get_by_label("Työkykykoordinaattorin johtopäätös").fill(
        "Työkyky on osittainen. Osa-aikatyö asiakaspalvelussa onnistuu."
    )
    page.get_by_label("Tarvitaan B-lausunto").check()
    page.get_by_label("Ammatillinen kuntoutus").check()
    page.get_by_role("button", name="Tallenna versio").click()
    expect(page.get_by_text("Versio 1 tallennettiin")).to_be_visible()
    expect(page.get_by_role("heading", name="Pyydetyt lausunnot")).to_be_visible()
    check_accessibility(page, context="work ability assessment")
    shot(page, "work_ability_detail")

    # The PDF for the physician is tagged and Finnish; the record text is ready to copy.
    pdf = page.request.get(page.get_by_role("link", name="PDF lääkärille").get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf_accessibility(pdf.body())["lang"] == "fi"
    assert "Lauri Laakso" in pdf_text(pdf.body())
    page.get_by_role("link", name="Teksti potilaskertomukseen").click()
    expect(page.locator("textarea")).to_contain_text("TYÖKYKYARVIO JA SUUNNITELMAEHDOTUS")
    check_accessibility(page, context="record text")

    # The path says the statement was requested; the follow-up waits on the client page.
    open_client(page, cases.CASE_4.client.last_name)
    main = page.get_by_role("main")
    expect(main.get_by_text("B-lausunto pyydetty lääkäriltä Lauri Laakso")).to_be_visible()
    main.get_by_role("link", name="Kirjaa lausunto saapuneeksi").click()
    check_accessibility(page, context="statement received form")
    page.get_by_label("Lausunnon sisältö lyhyesti").fill("Puoltaa ammatillista kuntoutusta.")
    page.get_by_label("Lausunto tiedostona").set_input_files(
        {"name": "b-lausunto.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF}
    )
    page.get_by_role("button", name="Kirjaa saapuneeksi").click()
    expect(page.get_by_text("B-lausunto kirjattiin saapuneeksi.")).to_be_visible()
    expect(main.get_by_text("Puoltaa ammatillista kuntoutusta.")).to_be_visible()
    expect(main.get_by_text("saapunut", exact=False).first).to_be_visible()
    attachment = main.get_by_role("link", name="B-lausunto", exact=True)
    download = page.request.get(attachment.get_attribute("href"))
    assert download.ok and download.body() == MINIMAL_PDF
    check_accessibility(page, context="client page after the statement")
    shot(page, "client_after_statement")


def test_the_clients_plan_pdf_speaks_to_the_client(page, demo):
    """Problem 8: second person, no category labels, the terms explained, rows whole."""
    login(page, "tkk", cases.DEMO_PASSWORD)
    open_client(page, cases.CASE_5.client.last_name)
    page.get_by_role("main").get_by_role("link", name="Versio 1", exact=True).click()
    pdf_link = page.get_by_role("link", name="Asiakkaan PDF")
    response = page.request.get(pdf_link.get_attribute("href"))
    text = " ".join(pdf_text(response.body()).split()).replace("B- lausunto", "B-lausunto")
    assert "Suunnitelmasi" in text and "Mitä sinä teet" in text
    assert "Haet Kelasta kuntoutusrahaa, kun B-lausunto on valmis." in text
    assert "Kuntoutusrahan hakeminen:" not in text and "Työkokeilu tai palkkatukityö:" not in text
    assert "Näin kirjattiin verkostotapaamisessa:" in text
    assert "Sanoja tässä suunnitelmassa" in text
    for word in ("B-lausunto", "Kuntoutusraha", "Työkokeilu"):
        assert word in text.split("Sanoja tässä suunnitelmassa")[1], word
    info = pdf_accessibility(response.body())
    assert info["marked"] and info["lang"] == "fi" and info["title"].startswith("Suunnitelmasi")


def test_turvakielto_hides_the_contact_details_from_the_physician(page, new_context, demo):
    login(page, "tkk", cases.DEMO_PASSWORD)
    open_client(page, cases.CASE_5.client.last_name)
    page.get_by_role("link", name="Muokkaa asiakkaan tietoja").click()
    page.get_by_label("Asiakkaalla on turvakielto").check()
    page.get_by_label("Lähiosoite").fill("Salainen katu 3")
    page.get_by_role("button", name="Tallenna tiedot").click()
    warning = page.get_by_role("region", name="Turvakielto")
    expect(warning).to_be_visible()
    expect(page.get_by_text("Salainen katu 3")).to_be_visible()  # the own coordinator sees it
    check_accessibility(page, context="client page with turvakielto")

    physician = new_context()
    login(physician, "laakari", cases.DEMO_PASSWORD)
    physician.get_by_role("main").get_by_role("link", name="Koskinen", exact=False).click()
    expect(physician.get_by_role("region", name="Turvakielto")).to_be_visible()
    expect(physician.get_by_text("Suojattu (turvakielto)")).to_be_visible()
    expect(physician.get_by_text("Salainen katu 3")).to_have_count(0)
    expect(physician.get_by_text(cases.CASE_5.client.email)).to_have_count(0)
    check_accessibility(physician, context="physician sees a turvakielto client")
    shot(physician, "turvakielto_physician")

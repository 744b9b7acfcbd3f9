"""Record matching in Chromium, with axe-core on every page on the way: a CME officer uploads a
school's new-pupil return, finds the suggestion in the review queue, reads why it was made, accepts
it, and sees the note on the case."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Page, expect

from cme.conftest import make_persona
from cme.matching.tests.data import a_case, a_school, csv_of, pupil_row
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import ConsoleErrors, sign_in


def test_an_officer_uploads_a_roll_return_and_accepts_a_possibly_located_child(page: Page, live_server):
    case = a_case(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7))
    a_school(urn=117512, name="Synthetic Primary School")
    sign_in(page, make_persona("cme_officer_west"))
    console = ConsoleErrors(page)

    page.goto("/matching/")
    page.get_by_role("button", name="Upload a roll return").click()
    page.get_by_label("School URN").fill("117512")
    page.get_by_label("New pupils (admissions since the last return)").check()
    page.get_by_label("Upload the file").set_input_files(
        {"name": "new-pupils.csv", "mimeType": "text/csv", "buffer": csv_of(pupil_row(case, forename="Adah"))}
    )
    assert_accessible(page)
    page.get_by_role("button", name="Upload and match").click()

    expect(page.get_by_role("alert", name="Success")).to_contain_text("Return from Synthetic Primary School uploaded")
    expect(page.get_by_text("Matched: 1 pair compared, 1 suggestion")).to_be_visible()
    page.get_by_role("link", name="Back to record matching").click()
    page.get_by_role("link", name=f"Case {case.reference}").click()
    expect(page.get_by_role("heading", name="Is this the same child?")).to_be_visible()
    expect(page.get_by_role("table", name="Why it was suggested")).to_contain_text("Date of birth")
    assert_accessible(page)
    page.get_by_label("Yes, the same child").check()
    page.get_by_role("button", name="Save the decision").click()

    expect(page.get_by_role("alert", name="Success")).to_contain_text(f"a note was added to case {case.reference}")
    expect(page).to_have_url(f"{live_server.url}/cases/{case.pk}/")
    expect(page.get_by_text("Possibly located: Synthetic Primary School (URN 117512)").first).to_be_visible()
    assert console.messages == []

"""A CME officer works through a case's enquiry checklist, asks another council, and answers another
council's request to locate a child, in Chromium, with axe-core checking every page on the way.

The ``a_case_*`` and ``an_inbound_request`` helpers also give the accessibility page table its data.
"""

from __future__ import annotations

import re
from datetime import date

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from cme.cases.models import Case
from cme.conftest import make_persona
from cme.enquiries.models import Check, Enquiry, InboundEnquiry
from cme.enquiries.tests.factories import CaseFactory, EnquiryFactory, InboundEnquiryFactory, OtherCouncilFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import ConsoleErrors, sign_in

NORTH_COUNCIL = "Synthetic North Council"


def a_case_for_the_west_officer() -> Case:
    """A West case in "Making enquiries" with the police asked and waiting, one council asked, and a
    council not yet asked (so the cross-border page offers the form to ask it)."""
    today = timezone.localdate()
    case = CaseFactory.create(area_id="west")
    EnquiryFactory.create(case=case, check_type=Check.POLICE, asked_on=today, due_on=today)
    EnquiryFactory.create(
        case=case,
        check_type=Check.CROSS_BORDER,
        other_council=OtherCouncilFactory.create(name=NORTH_COUNCIL),
        asked_whom="CME officer",
        asked_on=today,
        due_on=today,
    )
    OtherCouncilFactory.create(name="Synthetic South Council")
    return case


def a_council_enquiry(case: Case) -> Enquiry:
    return Enquiry.objects.get(case=case, other_council__name=NORTH_COUNCIL)


def an_inbound_request() -> InboundEnquiry:
    return InboundEnquiryFactory.create(received_on=timezone.localdate(), due_on=timezone.localdate())


def fill_date(page: Page, field_id: str, day: date) -> None:
    """Fill a GOV.UK date input by its id (``id_record-asked_on`` → its Day, Month and Year boxes)."""
    for index, value in enumerate((day.day, day.month, day.year)):
        page.locator(f"#{field_id}_{index}").fill(str(value))


def _section_form(page: Page, heading: str) -> Locator:
    """The form under an h2 of the enquiry page."""
    return page.locator(f"h2:text-is('{heading}') + form")


def test_an_officer_records_chases_and_answers_an_enquiry(page: Page):
    officer = make_persona("cme_officer_west")
    case = CaseFactory.create(area_id="west")
    today = timezone.localdate()
    sign_in(page, officer)
    console = ConsoleErrors(page)

    page.goto(reverse("enquiries:checklist", args=[case.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Enquiries")
    expect(page.get_by_text("Enquiries are not yet exhausted.")).to_be_visible()
    assert_accessible(page)

    # Record that the police were asked.
    page.get_by_role("link", name="Police", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Police")
    assert_accessible(page)
    form = _section_form(page, "Record the enquiry")
    form.get_by_label("Who was asked").fill("Police (synthetic force), missing persons unit")
    fill_date(page, "id_record-asked_on", today)
    form.get_by_label("Secure email").check()
    form.get_by_role("button", name="Save the enquiry").click()

    expect(page.get_by_text("Police: enquiry recorded")).to_be_visible()
    police_row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Police", exact=True))
    expect(police_row).to_contain_text("Waiting for an answer")
    assert_accessible(page)

    # Sending the answer form empty shows GOV.UK errors.
    page.get_by_role("link", name="Police", exact=True).click()
    _section_form(page, "Record the answer").get_by_role("button", name="Save the answer").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the outcome of the enquiry")
    assert_accessible(page)

    # Chase, then answer.
    chase = _section_form(page, "Record a chase")
    fill_date(page, "id_chase-chased_on", today)
    chase.get_by_label("Phone").check()
    chase.get_by_role("button", name="Save the chase").click()
    expect(page.get_by_text("Police: chase recorded")).to_be_visible()

    page.get_by_role("link", name="Police", exact=True).click()
    answer = _section_form(page, "Record the answer")
    answer.get_by_label("Nothing known").check()
    answer.get_by_label("What they told you").fill("Not known to the force")
    fill_date(page, "id_answer-answered_on", today)
    answer.get_by_role("button", name="Save the answer").click()

    expect(police_row).to_contain_text("Answered")
    page.get_by_role("link", name="Police", exact=True).click()
    history = page.get_by_role("table")
    expect(history).to_contain_text("Chased, by phone")
    expect(history).to_contain_text("Answered: nothing known")
    assert_accessible(page)
    assert console.messages == []


def test_an_officer_asks_another_council_without_javascript(new_context):
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, make_persona("cme_officer_west"))
    case = CaseFactory.create(area_id="west")
    OtherCouncilFactory.create(name=NORTH_COUNCIL)

    page.goto(reverse("enquiries:enquiry", args=[case.pk, "cross_border"]))
    form = _section_form(page, "Ask another council")
    form.get_by_label("Council").select_option(label=NORTH_COUNCIL)
    fill_date(page, "id_council-asked_on", timezone.localdate())
    form.get_by_label("Email", exact=True).check()
    form.get_by_role("button", name="Save the enquiry to this council").click()

    expect(page.get_by_text(f"The enquiry to {NORTH_COUNCIL}: enquiry recorded")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(f"Cross-border: {NORTH_COUNCIL}"))).to_contain_text(
        "Waiting for an answer"
    )
    # (axe needs JavaScript: the same pages are checked in the tests above and below, and in
    # tests/e2e/test_accessibility.py.)


def test_an_officer_records_and_answers_another_councils_request(page: Page):
    sign_in(page, make_persona("cme_officer_east"))
    OtherCouncilFactory.create(name=NORTH_COUNCIL, la_code="877")
    today = timezone.localdate()
    console = ConsoleErrors(page)

    page.goto(reverse("enquiries:inbound_list"))
    expect(page.get_by_text("No request is waiting for an answer.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Record a request").click()

    page.get_by_label("Council that asked").select_option(label=NORTH_COUNCIL)
    fill_date(page, "id_received_on", today)
    page.get_by_label("Child's first name").fill("Sample")
    page.get_by_label("Child's last name").fill("Visitor")
    page.get_by_label("What are they asking?").fill("Is the child on roll at one of your schools?")
    page.get_by_role("button", name="Save the request").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Sample Visitor")
    expect(page.get_by_text(f"from {NORTH_COUNCIL} recorded")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Not known to us").check()
    page.get_by_label("What did you tell the council?").fill("Not known on our rolls; told them by secure email")
    fill_date(page, "id_answered_on", today)
    page.get_by_role("button", name="Save the answer").click()

    expect(page.get_by_text("Our answer")).to_be_visible()
    expect(page.locator(".govuk-summary-list").last).to_contain_text("Not known to us")
    assert_accessible(page)
    inbound = InboundEnquiry.objects.get()
    assert (inbound.status, inbound.answered_on) == ("answered", today)
    assert console.messages == []


def test_the_enquiry_pages_of_another_areas_case_are_not_found(page: Page):
    case = CaseFactory.create(area_id="west")
    sign_in(page, make_persona("cme_officer_east"))

    response = page.goto(reverse("enquiries:checklist", args=[case.pk]))

    assert response is not None
    assert response.status == 404

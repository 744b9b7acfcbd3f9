"""A School Attendance Order in Chromium, with axe-core on every page on the way: the CME manager opens
a case's legal interventions, starts an SAO, serves the notice to satisfy the council (checked before it
is issued), sees the deadline computed from the day of service, and is refused the decision before the
notice period has run, with the reason in the error summary.

The ``an_*`` helpers also give the accessibility page table its data.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from cme.casework.tests.detail_data import a_case
from cme.conftest import make_persona
from cme.legal.models import EducationSupervisionOrder, SchoolAttendanceOrder
from cme.legal.services import StepInput, eso_open, sao_open, sao_take_step
from cme.legal.stages import SaoStatus
from cme.letters.models import IssuedDocument
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import ConsoleErrors, sign_in
from tests.e2e.test_enquiries import fill_date

PARENT = "Ms Alex Sample"
ADDRESS = "1 Example Street\nWatford\nWD17 1AA"


def an_sao() -> SchoolAttendanceOrder:
    """An SAO on a West case, its notice to satisfy still to be served."""
    return sao_open(
        case=a_case(),
        actor=make_persona("cme_officer_west"),
        grounds="No school place and no evidence of education at home.",
        parent_name=PARENT,
        parent_address=ADDRESS,
    )


def an_sao_with_its_notice_served() -> SchoolAttendanceOrder:
    order = an_sao()
    today = timezone.localdate()
    sao_take_step(
        order=order,
        step="serve-notice-to-satisfy",
        actor=make_persona("cme_manager"),
        inp=StepInput(happened_on=today, method_of_service="by_hand"),
    )
    return order


def an_eso() -> EducationSupervisionOrder:
    return eso_open(
        case=a_case(),
        actor=make_persona("cme_officer_west"),
        grounds="The school attendance order is not complied with.",
        parent_name=PARENT,
        parent_address=ADDRESS,
    )


def serve_the_notice(page: Page) -> None:
    """On the notice-to-satisfy step: today's date, by hand, Continue (to the check page)."""
    fill_date(page, "id_happened_on", timezone.localdate())
    page.get_by_label("Delivered by hand to the parent or their address").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def test_the_manager_starts_an_sao_and_serves_the_notice_to_satisfy(page: Page, live_server):
    case = a_case()
    today = timezone.localdate()
    sign_in(page, make_persona("cme_manager"))
    console = ConsoleErrors(page)

    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_role("link", name="Open legal interventions").click()
    expect(page.get_by_role("heading", name="Legal interventions")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Start a School Attendance Order").click()
    page.get_by_role("button", name="Start the School Attendance Order").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why it appears the child is not receiving suitable education"
    )
    assert_accessible(page)
    page.get_by_label("Why does it appear the child is not receiving suitable education?").fill(
        "Not on any roll since September; no information about education at home."
    )
    page.get_by_label("Parent's name").fill(PARENT)
    page.get_by_role("button", name="Start the School Attendance Order").click()
    expect(page.locator("#order-stage")).to_have_text("Notice to satisfy to be served")
    expect(
        page.get_by_text("EA 1996 s.437(1)-(2): period not less than 15 days beginning with the day of service").first
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Serve the notice to satisfy the council").click()
    expect(page.get_by_role("heading", name="Serve the notice to satisfy the council")).to_be_visible()
    assert_accessible(page)
    serve_the_notice(page)
    expect(
        page.get_by_role("heading", name="Check before issuing: serve the notice to satisfy the council")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Preview the notice (PDF, opens in a new tab)")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Issue and record service").click()

    expect(page.locator("#order-stage")).to_have_text("Notice to satisfy served")
    last_day = today + timedelta(days=14)
    expect(page.locator("#deadline")).to_contain_text(
        f"Decide whether an order is needed: the notice to satisfy has run: {(last_day + timedelta(days=1)):%-d %B %Y}"
    )
    expect(page.get_by_role("link", name="Notice to satisfy the council of suitable education (PDF)")).to_be_visible()
    assert_accessible(page)
    order = SchoolAttendanceOrder.objects.get(case=case)
    assert (order.status, order.notice_period_ends) == (SaoStatus.NOTICE_SERVED, last_day)
    assert (
        IssuedDocument.objects.filter(case=case, kind="sao_notice_to_satisfy", method_of_service="by_hand").count() == 1
    )

    page.get_by_role("link", name="Record the decision that an order is needed").click()
    fill_date(page, "id_happened_on", today)
    page.get_by_label("Reasons for the decision").fill("No reply to the notice.")
    page.get_by_role("button", name="Record the decision that an order is needed").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        f"The notice to satisfy gives the parent until {last_day:%-d %B %Y}: the decision can be made from "
        f"{(last_day + timedelta(days=1)):%-d %B %Y}"
    )
    assert_accessible(page)
    order.refresh_from_db()
    assert order.status == SaoStatus.NOTICE_SERVED
    assert console.messages == []

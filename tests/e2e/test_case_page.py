"""The case page in Chromium, with axe-core on every page on the way: a CME officer records the
immediate referral a case is waiting for (the red banner goes), gives a reason to see a restricted
case's hidden details (shown once), records the risk and that a child on a plan left the UK, and
adds a note that appears on the timeline.

The ``a_case_*`` helpers also give the accessibility page table its data.
"""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import Page, expect

from cme.audit.models import AuditEvent
from cme.cases.models import Case, CaseTask
from cme.cases.services import (
    case_counterparts_abroad_task_create,
    case_note_add,
    case_transition,
    safeguarding_referral_record,
)
from cme.cases.states import CaseStatus
from cme.casework.tests.detail_data import (
    ADDRESS,
    CONCERNS,
    a_case,
    a_case_needing_an_immediate_referral,
    a_restricted_case,
)
from cme.conftest import make_persona
from cme.enquiries.models import Check
from cme.enquiries.tests.factories import EnquiryFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import ConsoleErrors, sign_in
from tests.e2e.test_enquiries import fill_date

__all__ = [
    "a_case",
    "a_case_needing_an_immediate_referral",
    "a_case_on_a_plan",
    "a_case_with_history",
    "a_restricted_case",
    "a_task",
    "show_restricted_details",
]


def a_case_on_a_plan() -> Case:
    return a_case(risk_factors=["child_protection"], risk_level="high", status=CaseStatus.OPEN)


def a_task() -> CaseTask:
    task = case_counterparts_abroad_task_create(
        case=a_case_on_a_plan(), actor=make_persona("cme_manager"), country="Portugal"
    )
    assert task is not None
    return task


def a_case_with_history() -> Case:
    """A case with a note, a status change, an enquiry, a safeguarding referral and a task."""
    manager = make_persona("cme_manager")
    case = a_case(status=CaseStatus.OPEN, risk_factors=["child_in_need"], risk_level="high")
    today = timezone.localdate()
    case_transition(case=case, target=CaseStatus.ENQUIRIES, actor=manager, reason="Starting the checklist.")
    EnquiryFactory.create(case=case, check_type=Check.POLICE, asked_on=today, due_on=today)
    case_note_add(case=case, actor=manager, text="Phoned the family; no answer.")
    safeguarding_referral_record(
        case=case, actor=manager, made_to="mash", made_on=today, reference="MASH-0007", reason="Concerns."
    )
    case_counterparts_abroad_task_create(case=case, actor=manager, country="Spain")
    return case


def show_restricted_details(page: Page) -> None:
    page.get_by_text("Show restricted details", exact=True).first.click()
    page.get_by_label("Why do you need to see the restricted details?").fill("Home visit planned for today.")
    page.get_by_role("button", name="Show restricted details").click()
    page.wait_for_load_state()
    expect(page.get_by_text(ADDRESS)).to_be_visible()


def test_an_officer_records_the_immediate_referral_and_the_banner_goes(page: Page, live_server):
    case = a_case_needing_an_immediate_referral()
    sign_in(page, make_persona("cme_officer_west"))
    console = ConsoleErrors(page)

    page.goto(f"/cases/{case.pk}/")
    banner = page.get_by_role("region", name="Immediate referral needed")
    expect(banner).to_contain_text("Refer this child to Children's Social Care or MASH now")
    assert_accessible(page)
    banner.get_by_role("link", name="Record the referral").click()
    page.get_by_label("Multi-Agency Safeguarding Hub (MASH)").check()
    fill_date(page, "id_made_on", timezone.localdate())
    page.get_by_label("Their reference for the referral").fill("MASH-2026-0042")
    page.get_by_label("Why the referral was made").fill("Significant concerns; whereabouts unknown.")
    assert_accessible(page)
    page.get_by_role("button", name="Save the referral").click()

    expect(page.get_by_role("alert", name="Success")).to_contain_text("Safeguarding referral recorded")
    expect(page.get_by_role("region", name="Immediate referral needed")).to_have_count(0)
    expect(
        page.get_by_role("heading", name="Safeguarding referral made to Multi-Agency Safeguarding Hub (MASH)")
    ).to_be_visible()
    assert_accessible(page)
    assert console.messages == []


def test_an_officer_gives_a_reason_to_see_a_restricted_case_once(page: Page, live_server):
    case = a_restricted_case()
    officer = make_persona("cme_officer_west")
    sign_in(page, officer)

    page.goto(f"/cases/{case.pk}/")
    expect(page.get_by_text(ADDRESS)).to_have_count(0)
    expect(page.get_by_text(CONCERNS)).to_have_count(0)
    assert_accessible(page)
    show_restricted_details(page)
    expect(page.get_by_text(CONCERNS)).to_be_visible()
    assert_accessible(page)
    page.goto(f"/cases/{case.pk}/")

    expect(page.get_by_text(ADDRESS)).to_have_count(0)
    assert list(AuditEvent.objects.filter(action="case_restricted_viewed").values_list("actor", "data")) == [
        (officer.pk, {"reason": "Home visit planned for today."})
    ]


def test_an_officer_records_risk_left_the_uk_and_a_note(page: Page, live_server):
    case = a_case(status=CaseStatus.OPEN)
    sign_in(page, make_persona("cme_officer_west"))

    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="Change the risk and concerns").click()
    page.get_by_label("On a Child in Need plan").check()
    page.get_by_role("group", name="Are the child's whereabouts known?").get_by_label("Yes").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save the risk").click()
    expect(page.get_by_role("alert", name="Success")).to_contain_text("Risk saved")
    expect(page.locator("#risk + dl")).to_contain_text("High")
    page.get_by_role("link", name="Record that the child has left the UK").click()
    page.get_by_label("Country the child went to (optional)").fill("Portugal")
    assert_accessible(page)
    page.get_by_role("button", name="Set the task").click()
    expect(page.get_by_role("alert", name="Success")).to_contain_text(
        "Task set: Social worker to contact counterparts abroad"
    )
    page.get_by_label("Note").fill("Social worker told by phone.")
    page.get_by_role("button", name="Add the note").click()

    expect(page.locator(".moj-timeline__item").first).to_contain_text("Social worker told by phone.")
    assert_accessible(page)
    assert CaseTask.objects.get(case=case).status == CaseTask.Status.OPEN

"""Schools in the browser: a non-arrival referral with its contact attempts (refused until the attempts the
policy asks for are recorded), a deletion return whose unknown destination also refers the child to the CME
team, and a task from admissions completed. Every page they pass through has no WCAG 2.2 AA violation."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from cme.conftest import make_persona
from cme.referrals.models import Referral, SchoolTask
from cme.referrals.services import ReferralDetails, referral_submit
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import ConsoleErrors, sign_in


def _school_user():
    user = make_persona("school_user")
    school = user.organisation.school
    school.district_id = "E07000103"  # Watford: West
    school.save()
    return user


def _fill_date(page: Page, field_id: str, value: date) -> None:
    page.locator(f"#{field_id}_0").fill(str(value.day))
    page.locator(f"#{field_id}_1").fill(str(value.month))
    page.locator(f"#{field_id}_2").fill(str(value.year))


def _fill_child(page: Page) -> None:
    page.locator("#id_child-forenames").fill("Ada")
    page.locator("#id_child-surname").fill("Example")
    _fill_date(page, "id_child-date_of_birth", date(2016, 5, 4))
    page.locator("#id_child-address_line_1").fill("1 Synthetic Street")
    page.locator("#id_child-town").fill("Watford")


def _fill_attempt(page: Page, row: int, method: str, on: date, outcome: str) -> None:
    page.locator(f"#id_attempts-{row}-method").select_option(method)
    _fill_date(page, f"id_attempts-{row}-attempted_on", on)
    page.locator(f"#id_attempts-{row}-outcome").fill(outcome)


def _days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def test_a_school_refers_a_child_who_did_not_arrive_once_its_attempts_are_recorded(page: Page):
    sign_in(page, _school_user())
    console = ConsoleErrors(page)
    page.goto("/school/")
    assert_accessible(page)

    page.get_by_role("link", name="A child did not arrive on the agreed start date").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A child did not arrive on the agreed start date")
    assert_accessible(page)
    _fill_child(page)
    _fill_date(page, "id_start-agreed_start_date", _days_ago(10))
    _fill_attempt(page, 0, "phone", _days_ago(8), "No answer")
    page.get_by_role("button", name="Send referral").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(
        "Record your attempts to contact the family by email, letter before referring, "
        "or mark an immediate safeguarding concern"
    )
    expect(page.locator("#id_child-forenames")).to_have_value("Ada")
    expect(page.locator("#id_attempts-0-outcome")).to_have_value("No answer")
    assert_accessible(page)
    assert Referral.objects.count() == 0

    summary.get_by_role("link").first.click()
    _fill_attempt(page, 1, "email", _days_ago(7), "No reply")
    _fill_attempt(page, 2, "letter", _days_ago(6), "Sent to the address on the application")
    page.get_by_role("button", name="Send referral").click()

    referral = Referral.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text("Referral sent")
    expect(page.locator(".govuk-panel")).to_contain_text(referral.reference)
    expect(page.get_by_text("It has gone to the children missing education team for the West area.")).to_be_visible()
    assert_accessible(page)
    assert sorted(referral.contact_attempts.values_list("method", flat=True)) == ["email", "letter", "phone"]
    assert (referral.team, referral.area_id) == (Referral.Team.CME, "west")

    page.get_by_role("link", name="referrals you sent").click()
    expect(page.locator("tbody")).to_contain_text(referral.reference)
    expect(page.locator("tbody")).to_contain_text("Received")
    assert_accessible(page)
    assert console.messages == []


def test_a_school_sends_a_deletion_return_for_a_pupil_whose_destination_is_unknown(page: Page):
    sign_in(page, _school_user())
    console = ConsoleErrors(page)
    page.goto("/school/deletion-return/")
    assert_accessible(page)

    _fill_child(page)
    page.locator("#id_carers-0-name").fill("Parent Example")
    page.locator("#id_carers-0-phone").fill("07700 900 982")
    page.locator("#id_carers-0-lives_with_child_1").check()
    page.get_by_label("I: continuously absent for 20 school days or more").check()
    _fill_date(page, "id_deletion-date_ground_met", _days_ago(3))
    _fill_date(page, "id_deletion-date_deleted", _days_ago(1))
    page.locator("#id_deletion-destination_known_2").check()
    page.get_by_role("button", name="Send deletion return").click()

    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Ground I needs reasonable enquiries made jointly with the council."
    )
    assert_accessible(page)
    assert Referral.objects.count() == 0

    _fill_date(page, "id_deletion-joint_enquiries_on", _days_ago(20))
    page.locator("#id_deletion-joint_enquiries_with").fill("Attendance duty officer, West")
    page.locator("#id_deletion-joint_enquiries_done").fill("Two home visits and calls to every contact")
    page.get_by_role("button", name="Send deletion return").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Deletion return sent")
    expect(page.get_by_text("It has gone to the attendance duty team for the West area.")).to_be_visible()
    expect(page.get_by_text("the CME team has been sent a referral too")).to_be_visible()
    assert_accessible(page)
    deletion = Referral.objects.get(related_referral=None)
    assert deletion.deletion_return.ground == "I"
    assert Referral.objects.get(related_referral=deletion).team == Referral.Team.CME
    assert console.messages == []


def test_a_school_completes_the_task_admissions_set_it(page: Page):
    school_user = _school_user()
    result = referral_submit(
        channel=Referral.Channel.ADMISSIONS_NOT_COMING,
        details=ReferralDetails(forenames="Ben", surname="Sample", last_school=school_user.organisation.school),
        submission_key=uuid.uuid4(),
        submitted_by=make_persona("admissions_officer"),
    )
    sign_in(page, school_user)
    console = ConsoleErrors(page)
    page.goto("/school/")

    page.get_by_role("link", name="Do this task for Ben Sample").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a leaver's destination")
    assert_accessible(page)
    page.get_by_role("button", name="Send to the council").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the date the pupil was removed from the register"
    )
    assert_accessible(page)

    _fill_date(page, "id_date_removed", _days_ago(1))
    page.get_by_label("No").check()
    page.get_by_role("button", name="Send to the council").click()

    expect(page.get_by_text("You recorded that Ben Sample has left your school.")).to_be_visible()
    expect(page.get_by_text("the children missing education team has been sent a referral")).to_be_visible()
    expect(page.get_by_text("You have no tasks from the council.")).to_be_visible()
    assert_accessible(page)
    assert result.task is not None
    result.task.refresh_from_db()
    assert result.task.status == SchoolTask.Status.DONE
    assert console.messages == []


def test_the_non_arrival_form_works_without_javascript(new_context):
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, _school_user())
    page.goto("/school/did-not-arrive/")

    _fill_child(page)
    _fill_date(page, "id_start-agreed_start_date", _days_ago(10))
    page.locator("#id_concern-urgent").check()
    page.locator("#id_concern-urgent_reason").fill("A sibling disclosed harm at home")
    page.get_by_role("button", name="Send referral").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Referral sent")
    referral = Referral.objects.get()
    assert (referral.urgent, referral.contact_attempts.count()) == (True, 0)


# For tests/e2e/test_accessibility.py: the data and steps that reach each school and admissions page.


def a_task_for_the_school_persona() -> uuid.UUID:
    """An open task from admissions for the school of the "school_user" persona; its id."""
    result = referral_submit(
        channel=Referral.Channel.ADMISSIONS_NOT_COMING,
        details=ReferralDetails(forenames="Ben", surname="Sample", last_school=_school_user().organisation.school),
        submission_key=uuid.uuid4(),
        submitted_by=make_persona("admissions_officer"),
    )
    assert result.task is not None
    return result.task.pk


def referrals_sent_by_the_school_persona() -> None:
    """Two referrals the "school_user" persona's school sent, so the status list has rows."""
    user = _school_user()
    for forenames in ("Ada", "Cleo"):
        referral_submit(
            channel=Referral.Channel.SCHOOL_NON_ARRIVAL,
            details=ReferralDetails(
                forenames=forenames,
                surname="Example",
                last_school=user.organisation.school,
                agreed_start_date=_days_ago(10),
                urgent=True,
                urgent_reason="Synthetic concern",
            ),
            submission_key=uuid.uuid4(),
            submitted_by=user,
        )


def send_not_taking_place(page: Page) -> None:
    """On the "will not take up the place" page: fill it in and send it (reaches the school confirmation)."""
    _fill_child(page)
    page.locator("#id_concern-concern").fill("The family is moving away")
    page.get_by_role("button", name="Send to attendance duty").click()
    page.wait_for_load_state()


def send_whereabouts_unknown(page: Page) -> None:
    """On the admissions "whereabouts unknown" page: fill it in and send it (reaches the confirmation)."""
    _fill_child(page)
    page.locator("#id_concern-concern").fill("Two letters and three calls, no reply")
    page.get_by_role("button", name="Send referral").click()
    page.wait_for_load_state()

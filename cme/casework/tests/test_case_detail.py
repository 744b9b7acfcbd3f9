"""The case page and its action pages: who may use each, the escalation banner, restricted details
shown only with a reason, notes, risk, tasks and stale edits, as a user meets them."""

from __future__ import annotations

import html as html_lib
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from cme.audit.models import AuditEvent
from cme.cases.codes import RiskLevel
from cme.cases.models import Case, CaseNote, CaseTask, SafeguardingReferral
from cme.cases.services import STALE_EDIT, case_counterparts_abroad_task_create
from cme.cases.states import CaseStatus
from cme.casework.tests.detail_data import (
    ADDRESS,
    CONCERNS,
    a_case,
    a_case_needing_an_immediate_referral,
    a_restricted_case,
)
from cme.conftest import PERSONA_ROLES

MAY_VIEW = {"cme_officer_west", "cme_officer_east", "cme_manager"}
# GET pages of one case, and the permission each needs.
READ_PAGES = ["case", "case_restricted_details"]
WORK_PAGES = ["case_note", "case_risk", "case_safeguarding_referral", "case_restriction", "case_counterparts_task"]


def text_of(response) -> str:
    return " ".join(html_lib.unescape(response.content.decode()).split())


def url(name: str, case: Case, *args) -> str:
    return reverse(f"casework:{name}", args=[case.pk, *args])


def a_task(case: Case, actor) -> CaseTask:
    task = case_counterparts_abroad_task_create(case=case, actor=actor, country="Portugal")
    assert task is not None
    return task


# Who may use each page ----------------------------------------------------------------------------


@pytest.mark.parametrize("persona_name", sorted(PERSONA_ROLES))
@pytest.mark.parametrize("page_name", READ_PAGES + WORK_PAGES + ["case_task"])
def test_only_the_cme_team_opens_a_case_page_and_only_in_their_area(client, persona, persona_name, page_name):
    case = a_restricted_case(risk_factors=["child_protection"])
    args = [a_task(case, persona("cme_manager")).pk] if page_name == "case_task" else []
    client.force_login(persona(persona_name))

    response = client.get(url(page_name, case, *args))

    if persona_name == "cme_officer_east":
        expected = 404  # a West case is outside their area
    elif persona_name in MAY_VIEW:
        expected = 200
    else:
        expected = 403
    assert response.status_code == expected


@pytest.mark.parametrize("persona_name", sorted(set(PERSONA_ROLES) - MAY_VIEW))
def test_other_roles_change_nothing_by_posting(client, persona, persona_name):
    case = a_case_needing_an_immediate_referral(risk_factors=["child_protection"])
    task = a_task(case, persona("cme_manager"))
    client.force_login(persona(persona_name))

    statuses = [
        client.post(url("case_note", case), {"note-text": "A note."}).status_code,
        client.post(url("case_restriction", case), {"reason": "Fleeing.", "version": 1}).status_code,
        client.post(url("case_restricted_details", case), {"reveal-reason": "Curious."}).status_code,
        client.post(
            url("case_risk", case),
            {"significant_concerns": "no", "whereabouts_known": "yes", "version": 1},
        ).status_code,
        client.post(
            url("case_safeguarding_referral", case),
            {
                "made_to": "mash",
                "made_on_0": "1",
                "made_on_1": "3",
                "made_on_2": "2026",
                "reference": "M1",
                "reason": "Concerns.",
            },
        ).status_code,
        client.post(url("case_task", case, task.pk), {"result": "Done."}).status_code,
    ]

    case.refresh_from_db()
    assert statuses == [403] * 6
    assert (case.version, case.restricted, case.immediate_referral_due, CaseNote.objects.count()) == (1, False, True, 0)
    assert (SafeguardingReferral.objects.count(), CaseTask.objects.get().status) == (0, CaseTask.Status.OPEN)


def test_an_officer_of_the_other_area_cannot_change_the_case(client, persona):
    case = a_case()
    client.force_login(persona("cme_officer_east"))

    response = client.post(url("case_note", case), {"note-text": "A note."})

    assert (response.status_code, CaseNote.objects.count()) == (404, 0)


# What the page shows ------------------------------------------------------------------------------


def test_the_page_shows_the_summary_the_child_and_the_enquiries_in_brief(client, persona):
    case = a_case(risk_level=RiskLevel.HIGH, risk_factors=["looked_after", "medical"], urgent=True)
    client.force_login(persona("cme_officer_west"))

    text = text_of(client.get(url("case", case)))

    assert '<strong class="govuk-tag govuk-tag--red">High risk</strong>' in text
    assert 'Allocated to</dt> <dd class="govuk-summary-list__value">Not allocated</dd>' in text
    assert 'NHS number</dt> <dd class="govuk-summary-list__value">9434765919</dd>' in text
    assert f"{ADDRESS}<br> Watford<br> WD17 1AA" in text
    assert "<li>Looked after by a council</li><li>Long-term medical or emotional health problems</li>" in text
    assert 'Answered or not applicable</dt> <dd class="govuk-summary-list__value">0 of 13 checks</dd>' in text
    assert f'href="{reverse("enquiries:checklist", args=[case.pk])}">Open the enquiry checklist</a>' in text


def test_reading_the_page_is_audited_against_the_case(client, persona):
    officer = persona("cme_officer_west")
    case = a_case()
    client.force_login(officer)

    client.get(url("case", case))

    assert list(AuditEvent.objects.filter(action="case_viewed").values_list("actor", "case_id")) == [
        (officer.pk, str(case.pk))
    ]


def test_the_page_offers_changes_only_to_those_who_may_make_them(client, persona):
    case = a_case(status=CaseStatus.CLOSED)
    client.force_login(persona("cme_manager"))

    text = text_of(client.get(url("case", case)))

    assert "Change the risk and concerns" not in text  # a closed case keeps its risk
    assert "Add the note" in text
    assert "Who has looked at this case" in text


# The escalation banner (policy 6.7) ---------------------------------------------------------------

BANNER = "Refer this child to Children's Social Care or MASH now"


def test_the_banner_shows_while_an_immediate_referral_is_due(client, persona):
    case = a_case_needing_an_immediate_referral()
    client.force_login(persona("cme_officer_west"))

    text = text_of(client.get(url("case", case)))

    assert BANNER in text
    assert f'<a class="govuk-link" href="{url("case_safeguarding_referral", case)}">Record the referral</a>' in text


def test_recording_the_referral_clears_the_banner(client, persona):
    case = a_case_needing_an_immediate_referral()
    client.force_login(persona("cme_officer_west"))
    today = timezone.localdate()

    response = client.post(
        url("case_safeguarding_referral", case),
        {
            "made_to": "mash",
            "made_on_0": str(today.day),
            "made_on_1": str(today.month),
            "made_on_2": str(today.year),
            "reference": "MASH-2026-0042",
            "reason": "Significant concerns, whereabouts unknown.",
        },
    )

    assert response["Location"] == url("case", case) + "#safeguarding"
    text = text_of(client.get(url("case", case)))
    assert BANNER not in text
    assert "MASH-2026-0042" in text


def test_no_banner_without_significant_concerns(client, persona):
    client.force_login(persona("cme_officer_west"))

    assert BANNER not in text_of(client.get(url("case", a_case())))


def test_a_referral_sent_empty_shows_each_error(client, persona):
    case = a_case_needing_an_immediate_referral()
    client.force_login(persona("cme_officer_west"))

    text = text_of(client.post(url("case_safeguarding_referral", case), {}))

    for message in (
        "Select who the referral was made to",
        "Enter the date the referral was made",
        "Enter the reference they gave for the referral",
        "Enter why the referral was made",
    ):
        assert message in text
    assert SafeguardingReferral.objects.count() == 0


# Restricted cases ---------------------------------------------------------------------------------


def test_a_restricted_case_hides_the_address_and_concerns(client, persona):
    case = a_restricted_case()
    client.force_login(persona("cme_officer_west"))

    text = text_of(client.get(url("case", case)))

    assert ADDRESS not in text
    assert "WD17" not in text
    assert CONCERNS not in text
    assert 'Address</dt> <dd class="govuk-summary-list__value"> Restricted </dd>' in text
    assert 'Concerns</dt> <dd class="govuk-summary-list__value">Restricted</dd>' in text
    assert "Show restricted details" in text


def test_giving_no_reason_shows_nothing_and_records_nothing(client, persona):
    case = a_restricted_case()
    client.force_login(persona("cme_officer_west"))

    text = text_of(client.post(url("case_restricted_details", case), {"reveal-reason": "  "}))

    assert "Enter why you need to see the restricted details" in text
    assert ADDRESS not in text
    assert CONCERNS not in text
    assert AuditEvent.objects.filter(action="case_restricted_viewed").count() == 0


def test_a_reason_shows_the_details_once_and_is_audited(client, persona):
    officer = persona("cme_officer_west")
    case = a_restricted_case()
    client.force_login(officer)

    revealed = text_of(client.post(url("case_restricted_details", case), {"reveal-reason": "Home visit today."}))
    next_time = text_of(client.get(url("case", case)))

    assert ADDRESS in revealed
    assert CONCERNS in revealed
    assert "You gave a reason, so its hidden details show on this page" in revealed
    assert ADDRESS not in next_time
    assert CONCERNS not in next_time
    assert list(AuditEvent.objects.filter(action="case_restricted_viewed").values_list("actor", "case_id", "data")) == [
        (officer.pk, str(case.pk), {"reason": "Home visit today."})
    ]


def test_the_reveal_response_is_not_cached(client, persona):
    case = a_restricted_case()
    client.force_login(persona("cme_manager"))

    response = client.post(url("case_restricted_details", case), {"reveal-reason": "Home visit today."})

    assert "no-store" in response["Cache-Control"]


def test_the_risk_page_of_a_restricted_case_does_not_show_the_concerns(client, persona):
    case = a_restricted_case()
    client.force_login(persona("cme_officer_west"))

    text = text_of(client.get(url("case_risk", case)))

    assert CONCERNS not in text
    assert "New concerns (optional)" in text


def test_restricting_a_case_from_its_page(client, persona):
    case = a_case()
    client.force_login(persona("cme_officer_west"))

    response = client.post(url("case_restriction", case), {"reason": "Family fleeing domestic violence.", "version": 1})

    case.refresh_from_db()
    assert (response.status_code, case.restricted, case.restriction_reason) == (
        302,
        True,
        "Family fleeing domestic violence.",
    )


def test_restricting_from_a_stale_page_is_refused_with_the_message(client, persona):
    case = a_case(version=2)
    client.force_login(persona("cme_officer_west"))

    text = text_of(client.post(url("case_restriction", case), {"reason": "Fleeing.", "version": 1}))

    assert html_lib.unescape(STALE_EDIT) in text
    assert Case.objects.get(pk=case.pk).restricted is False


# Risk --------------------------------------------------------------------------------------------


def test_saving_risk_on_the_page_derives_the_level(client, persona):
    case = a_case()
    client.force_login(persona("cme_officer_west"))

    response = client.post(
        url("case_risk", case),
        {"risk_factors": ["child_in_need"], "significant_concerns": "no", "whereabouts_known": "yes", "version": 1},
    )

    case.refresh_from_db()
    assert (response["Location"], case.risk_level, case.risk_factors) == (
        url("case", case) + "#risk",
        RiskLevel.HIGH,
        ["child_in_need"],
    )


def test_a_stale_risk_edit_is_refused_on_the_page(client, persona):
    case = a_case(version=4)
    client.force_login(persona("cme_officer_west"))

    text = text_of(
        client.post(
            url("case_risk", case),
            {"risk_factors": ["looked_after"], "significant_concerns": "no", "whereabouts_known": "no", "version": 3},
        )
    )

    assert html_lib.unescape(STALE_EDIT) in text
    assert Case.objects.get(pk=case.pk).risk_factors == []


def test_significant_concerns_without_a_description_are_refused_on_the_page(client, persona):
    case = a_case()
    client.force_login(persona("cme_officer_west"))

    text = text_of(
        client.post(url("case_risk", case), {"significant_concerns": "yes", "whereabouts_known": "no", "version": 1})
    )

    assert "Describe the significant concerns" in text
    assert Case.objects.get(pk=case.pk).version == 1


# Left the UK and tasks (policy 6.6) ---------------------------------------------------------------


def test_a_child_on_a_plan_can_be_recorded_as_having_left_the_uk(client, persona):
    case = a_case(risk_factors=["child_protection"])
    client.force_login(persona("cme_officer_west"))

    offered = "Record that the child has left the UK" in text_of(client.get(url("case", case)))
    client.post(url("case_counterparts_task", case), {"social_worker": "", "country": "Portugal"})
    text = text_of(client.get(url("case", case)))

    [task] = CaseTask.objects.all()
    assert (offered, task.kind, task.assigned_to) == (
        True,
        CaseTask.Kind.CONTACT_COUNTERPARTS_ABROAD,
        "The allocated social worker",
    )
    assert "Social worker to contact counterparts abroad" in text
    assert "Record that the child has left the UK" not in text  # one open task at a time


def test_a_child_on_no_plan_is_not_offered_the_task(client, persona):
    case = a_case(risk_factors=["looked_after"])
    client.force_login(persona("cme_officer_west"))

    assert "Record that the child has left the UK" not in text_of(client.get(url("case", case)))
    text = text_of(client.post(url("case_counterparts_task", case), {"country": "Portugal"}))
    assert "Only a child on a Child in Need or Child Protection plan" in text
    assert CaseTask.objects.count() == 0


def test_completing_a_task_on_its_page(client, persona):
    officer = persona("cme_officer_west")
    case = a_case(risk_factors=["child_in_need"])
    task = a_task(case, officer)
    client.force_login(officer)
    today = timezone.localdate()

    response = client.post(
        url("case_task", case, task.pk),
        {
            "done_on_0": str(today.day),
            "done_on_1": str(today.month),
            "done_on_2": str(today.year),
            "result": "Contacted the police liaison officer in Lisbon.",
        },
    )

    task.refresh_from_db()
    assert (response["Location"], task.status, task.result) == (
        url("case", case) + "#tasks",
        CaseTask.Status.DONE,
        "Contacted the police liaison officer in Lisbon.",
    )
    assert "Record that it was done" not in text_of(client.get(url("case_task", case, task.pk)))


def test_a_task_of_another_case_is_not_found(client, persona):
    officer = persona("cme_officer_west")
    task = a_task(a_case(risk_factors=["child_in_need"]), officer)
    client.force_login(officer)

    assert client.get(url("case_task", a_case(), task.pk)).status_code == 404


# Notes -------------------------------------------------------------------------------------------


def test_a_note_added_on_the_page_appears_in_the_timeline(client, persona):
    case = a_case()
    client.force_login(persona("cme_officer_west"))

    response = client.post(url("case_note", case), {"note-text": "Phoned the family; no answer."})

    assert response["Location"] == url("case", case) + "#timeline"
    text = text_of(client.get(url("case", case)))
    assert '<h3 class="moj-timeline__title">Note</h3> <p class="moj-timeline__byline">by Cme Officer West</p>' in text
    assert "Phoned the family; no answer." in text


def test_an_empty_note_is_refused(client, persona):
    case = a_case()
    client.force_login(persona("cme_officer_west"))

    text = text_of(client.post(url("case_note", case), {"note-text": ""}))

    assert "Enter the note" in text
    assert CaseNote.objects.count() == 0


def test_notes_cannot_be_changed_or_deleted_through_the_service():
    # Only case_note_add writes notes; no page or service edits or deletes one.
    from cme.cases import services

    assert [name for name in services.__all__ if "note" in name] == ["case_note_add"]


def test_the_date_fields_use_the_case_pages_own_errors(client, persona):
    case = a_case(risk_factors=["child_in_need"])
    client.force_login(persona("cme_officer_west"))
    tomorrow = date.fromordinal(timezone.localdate().toordinal() + 1)

    text = text_of(
        client.post(
            url("case_task", case, a_task(case, persona("cme_manager")).pk),
            {
                "done_on_0": str(tomorrow.day),
                "done_on_1": str(tomorrow.month),
                "done_on_2": str(tomorrow.year),
                "result": "Done.",
            },
        )
    )

    assert "The date it was done must be today or in the past" in text

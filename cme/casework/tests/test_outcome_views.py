"""The outcome pages: who may use each, what the case page offers, the forms and their errors, and
the manager's review and its queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cme.audit.models import AuditEvent
from cme.cases.codes import CaseOutcome
from cme.cases.models import Case
from cme.cases.services import STALE_EDIT
from cme.cases.states import CaseStatus
from cme.casework.selectors_outcomes import case_actions, cases_awaiting_review
from cme.casework.tests.outcome_data import case_in
from cme.conftest import PERSONA_ROLES
from cme.core.permissions import Perm
from cme.enquiries.models import Check
from cme.enquiries.tests.factories import EnquiryFactory
from cme.schools.tests.factories import SchoolFactory

TODAY = timezone.localdate()


def a_case(status: str = CaseStatus.ENQUIRIES, **fields) -> Case:
    return case_in(status, **fields)


def status_of(case: Case) -> str:
    return Case.objects.get(pk=case.pk).status


def error_texts(response) -> list[str]:
    """The messages in the page's GOV.UK error summary."""
    html = response.content.decode()
    start = html.index('class="govuk-error-summary"')
    end = html.index("</ul>", start)
    summary = html[start:end]
    return [part.split("</a>")[0].split(">")[-1].strip() for part in summary.split("<a ")[1:]]


# Who may use each page ----------------------------------------------------------------------------------------

PAGES = [
    # (url name, status the case needs, permission)
    ("casework:record_located", CaseStatus.ENQUIRIES, Perm.WORK_CASES),
    ("casework:confirm_placement", CaseStatus.LOCATED, Perm.WORK_CASES),
    ("casework:close", CaseStatus.ENQUIRIES, Perm.WORK_CASES),
    ("casework:not_located", CaseStatus.ENQUIRIES, Perm.WORK_CASES),
    ("casework:submit_for_review", CaseStatus.NOT_LOCATED, Perm.WORK_CASES),
    ("casework:return_to_enquiries", CaseStatus.NOT_LOCATED, Perm.WORK_CASES),
    ("casework:review", CaseStatus.MANAGER_REVIEW, Perm.REVIEW_CASES),
    ("casework:reopen", CaseStatus.CLOSED, Perm.REOPEN_CASES),
]


@pytest.mark.parametrize("name", PERSONA_ROLES)
@pytest.mark.parametrize(("url_name", "status", "perm"), PAGES, ids=[page[0] for page in PAGES])
def test_each_page_is_refused_to_roles_without_its_permission(
    client, persona, role_permissions, name, url_name, status, perm
):
    user = persona(name)
    case = a_case(status, area=None, exhausted=True)  # no area: every CME officer may see it
    client.force_login(user)
    path = reverse(url_name, args=[case.pk])

    got = client.get(path)
    sent = client.post(path, {"version": case.version, "reason": "A reason", "decision": "more_enquiries"})

    if perm in role_permissions[PERSONA_ROLES[name]]:
        assert got.status_code == 200
    else:
        assert (got.status_code, sent.status_code) == (403, 403)
        assert Case.objects.get(pk=case.pk).version == case.version
        assert status_of(case) == status


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_starting_enquiries_is_refused_to_roles_that_cannot_work_cases(client, persona, role_permissions, name):
    user = persona(name)
    case = a_case(CaseStatus.OPEN, area=None)
    client.force_login(user)

    response = client.post(reverse("casework:start_enquiries", args=[case.pk]), {"version": case.version})

    if Perm.WORK_CASES in role_permissions[PERSONA_ROLES[name]]:
        assert response.status_code == 302
        assert status_of(case) == CaseStatus.ENQUIRIES
    else:
        assert response.status_code == 403
        assert status_of(case) == CaseStatus.OPEN


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_the_review_queue_is_for_the_manager_only(client, persona, role_permissions, name):
    client.force_login(persona(name))

    response = client.get(reverse("casework:review_queue"))

    assert response.status_code == (200 if Perm.REVIEW_CASES in role_permissions[PERSONA_ROLES[name]] else 403)


def test_an_officer_of_another_area_gets_not_found(client, persona):
    case = a_case(area="west")
    client.force_login(persona("cme_officer_east"))

    response = client.post(reverse("casework:close", args=[case.pk]), {"version": case.version})

    assert response.status_code == 404
    assert status_of(case) == CaseStatus.ENQUIRIES


def test_start_enquiries_is_post_only(client, persona):
    client.force_login(persona("cme_officer_west"))
    case = a_case(CaseStatus.OPEN)

    response = client.get(reverse("casework:start_enquiries", args=[case.pk]))

    assert response.status_code == 405
    assert status_of(case) == CaseStatus.OPEN


# What the case page offers --------------------------------------------------------------------------------------


def _labels(user, case) -> list[str]:
    return [action.label for action in case_actions(user=user, case=case)]


@pytest.mark.parametrize(
    ("status", "officer", "manager"),
    [
        (CaseStatus.OPEN, ["Start enquiries", "Close the case with an outcome"], None),
        (
            CaseStatus.ENQUIRIES,
            [
                "Record that the child is located",
                "Record that the child is not located",
                "Close the case with an outcome",
            ],
            None,
        ),
        (CaseStatus.LOCATED, ["Record the school's confirmation"], None),
        (CaseStatus.NOT_LOCATED, ["Send for manager review", "Return to enquiries"], None),
        (CaseStatus.MANAGER_REVIEW, [], ["Review the case"]),
        (CaseStatus.CLOSED, [], ["Reopen the case"]),
    ],
)
def test_the_case_page_offers_what_the_table_and_the_role_allow(persona, status, officer, manager):
    case = a_case(status)

    assert _labels(persona("cme_officer_west"), case) == officer
    assert _labels(persona("cme_manager"), case) == (officer if manager is None else manager)
    assert _labels(persona("auditor"), case) == []


def test_the_case_page_shows_the_actions_and_the_outcome(client, persona):
    school = SchoolFactory(urn=117503, name="Synthetic Infant School")
    case = a_case(
        CaseStatus.LOCATED,
        outcome=CaseOutcome.ON_ROLL_IN_LA,
        located_school=school,
        located_on=TODAY,
        expected_start_date=TODAY,
    )
    client.force_login(persona("cme_officer_west"))

    html = client.get(reverse("casework:case", args=[case.pk])).content.decode()

    assert f'href="{reverse("casework:confirm_placement", args=[case.pk])}"' in html
    assert "Record the school&#x27;s confirmation" in html
    assert "Where the child was found" in html
    assert "Synthetic Infant School (URN 117503)" in html
    assert "Outcome when the school confirms" in html


def test_the_start_enquiries_button_sends_the_version(client, persona):
    case = a_case(CaseStatus.OPEN)
    client.force_login(persona("cme_officer_west"))

    html = client.get(reverse("casework:case", args=[case.pk])).content.decode()

    assert f'action="{reverse("casework:start_enquiries", args=[case.pk])}"' in html
    assert f'name="version" value="{case.version}"' in html


# The forms -------------------------------------------------------------------------------------------------------


def test_start_enquiries_from_a_stale_page_is_refused_with_a_message(client, persona):
    case = a_case(CaseStatus.OPEN)
    client.force_login(persona("cme_officer_west"))

    response = client.post(
        reverse("casework:start_enquiries", args=[case.pk]), {"version": case.version - 1 or 99}, follow=True
    )

    assert STALE_EDIT in response.content.decode().replace("&#x27;", "'")
    assert status_of(case) == CaseStatus.OPEN


def test_record_located_sent_empty_lists_every_problem(client, persona):
    case = a_case()
    client.force_login(persona("cme_officer_west"))

    response = client.post(reverse("casework:record_located", args=[case.pk]), {"version": case.version})

    assert response.status_code == 200
    assert error_texts(response) == [
        "Select where the child was found",
        "Enter the date the child was found",
        "Enter the start date at the school",
    ]


def test_record_located_then_confirm_closes_the_case(client, persona):
    school = SchoolFactory(urn=117504, name="Synthetic High School")
    case = a_case()
    client.force_login(persona("cme_officer_west"))
    found = TODAY - timedelta(days=3)

    located = client.post(
        reverse("casework:record_located", args=[case.pk]),
        {
            "version": case.version,
            "outcome": CaseOutcome.ON_ROLL_IN_LA,
            "school": "117504",
            "located_on_0": found.day,
            "located_on_1": found.month,
            "located_on_2": found.year,
            "expected_start_date_0": TODAY.day,
            "expected_start_date_1": TODAY.month,
            "expected_start_date_2": TODAY.year,
            "evidence": "Admissions told us by email",
        },
    )
    assert located.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.located_school) == (CaseStatus.LOCATED, school)

    confirmed = client.post(
        reverse("casework:confirm_placement", args=[case.pk]),
        {
            "version": case.version,
            "attending": "yes",
            "start_date_0": TODAY.day,
            "start_date_1": TODAY.month,
            "start_date_2": TODAY.year,
            "confirmed_on_0": TODAY.day,
            "confirmed_on_1": TODAY.month,
            "confirmed_on_2": TODAY.year,
            "note": "School office by phone",
        },
    )

    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse("casework:case", args=[case.pk])
    case.refresh_from_db()
    assert (case.status, case.outcome, case.school_confirmed_attendance) == (
        CaseStatus.CLOSED,
        CaseOutcome.ON_ROLL_IN_LA,
        True,
    )


def test_confirmation_not_attending_without_a_note_is_refused(client, persona):
    case = a_case(CaseStatus.LOCATED, outcome=CaseOutcome.ON_ROLL_IN_LA, located_on=TODAY)
    client.force_login(persona("cme_officer_west"))

    response = client.post(
        reverse("casework:confirm_placement", args=[case.pk]),
        {
            "version": case.version,
            "attending": "no",
            "confirmed_on_0": TODAY.day,
            "confirmed_on_1": TODAY.month,
            "confirmed_on_2": TODAY.year,
        },
    )

    assert error_texts(response) == ["Enter what the school said, for example that the child never arrived"]
    assert status_of(case) == CaseStatus.LOCATED


def test_close_offers_each_outcome_with_its_evidence_and_the_school_age_end(client, persona):
    case = a_case()
    client.force_login(persona("cme_officer_west"))

    html = client.get(reverse("casework:close", args=[case.pk])).content.decode().replace("&#x27;", "'")

    assert "The provider, and its confirmation that the child attends" in html
    # Born 17 May 2014: 16 on 17 May 2030, so compulsory school age ends on Friday 28 June 2030.
    assert "Compulsory school age ends on 28 June 2030: this outcome is refused until the day after" in html
    assert "Located on roll at a school in Hertfordshire" not in html
    assert 'name="ehe_assessed_suitable"' not in html


def test_close_as_home_education_after_unsuitable_is_refused_with_policy_5_5(client, persona):
    case = a_case(ehe_previously_unsuitable=True)
    client.force_login(persona("cme_officer_west"))
    path = reverse("casework:close", args=[case.pk])
    assert 'name="ehe_assessed_suitable"' in client.get(path).content.decode()

    response = client.post(
        path, {"version": case.version, "outcome": CaseOutcome.EHE_SUITABLE, "evidence": "Parent's letter"}
    )

    assert [text.replace("&#x27;", "'") for text in error_texts(response)] == [
        "This child's home education was assessed as unsuitable before, so they remain missing education until "
        "the new provision is assessed as suitable (policy 5.5). Record that assessment in the evidence and "
        "confirm it, or keep making enquiries"
    ]
    assert status_of(case) == CaseStatus.ENQUIRIES


def test_close_as_left_england_closes_and_marks_the_case(client, persona):
    case = a_case()
    client.force_login(persona("cme_officer_west"))

    response = client.post(
        reverse("casework:close", args=[case.pk]),
        {
            "version": case.version,
            "outcome": CaseOutcome.LEFT_UK,
            "destination": "Ireland",
            "left_uk_confirmed": "on",
            "evidence": "The new school confirmed attendance",
        },
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome_detail, case.lost_pupils_database) == (CaseStatus.CLOSED, "Ireland", True)
    page = client.get(reverse("casework:case", args=[case.pk])).content.decode()
    assert "Yes: CTF destination MMMMMMM" in page


def test_a_stale_close_is_refused_with_the_message(client, persona):
    case = a_case()
    client.force_login(persona("cme_officer_west"))
    Case.objects.filter(pk=case.pk).update(version=case.version + 1)

    response = client.post(
        reverse("casework:close", args=[case.pk]),
        {"version": case.version, "outcome": CaseOutcome.DECEASED, "evidence": "Told by the police"},
    )

    assert [text.replace("&#x27;", "'") for text in error_texts(response)] == [STALE_EDIT]
    assert status_of(case) == CaseStatus.ENQUIRIES


def test_a_page_for_a_case_in_another_status_sends_the_user_back(client, persona):
    case = a_case(CaseStatus.CLOSED)
    client.force_login(persona("cme_officer_west"))

    response = client.get(reverse("casework:record_located", args=[case.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("casework:case", args=[case.pk])


# Not located and review --------------------------------------------------------------------------------------------


def test_not_located_lists_what_is_outstanding_and_offers_no_form(client, persona):
    case = a_case()
    EnquiryFactory.create(
        case=case, check_type=Check.POLICE, asked_on=TODAY - timedelta(days=3), due_on=TODAY + timedelta(days=7)
    )
    client.force_login(persona("cme_officer_west"))

    html = client.get(reverse("casework:not_located", args=[case.pk])).content.decode()

    assert "Still outstanding" in html
    assert "Police: waiting for an answer" in html
    assert "Housing: not started" in html
    assert 'name="reason"' not in html


def test_not_located_then_review_then_social_care(client, persona):
    case = a_case(exhausted=True)
    officer, manager = persona("cme_officer_west"), persona("cme_manager")
    client.force_login(officer)

    response = client.post(
        reverse("casework:not_located", args=[case.pk]),
        {"version": case.version, "reason": "No agency knows the family"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    response = client.post(reverse("casework:submit_for_review", args=[case.pk]), {"version": case.version})
    assert response.status_code == 302
    assert status_of(case) == CaseStatus.MANAGER_REVIEW

    client.force_login(manager)
    queue = client.get(reverse("casework:review_queue")).content.decode()
    assert case.reference in queue
    page = client.get(reverse("casework:review", args=[case.pk])).content.decode()
    assert "Not located: No agency knows the family" in page
    assert "Not known to us" in page
    assert "Not applicable: No safeguarding concern" in page
    case.refresh_from_db()
    response = client.post(
        reverse("casework:review", args=[case.pk]),
        {
            "version": case.version,
            "all_exhausted_confirmed": "on",
            "decision": "social_care",
            "social_care_reference": "CSC-77",
        },
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome, case.social_care_reference) == (
        CaseStatus.CLOSED,
        CaseOutcome.NOT_LOCATED_SOCIAL_CARE,
        "CSC-77",
    )
    assert AuditEvent.objects.filter(action="case_viewed", case_id=str(case.pk), actor=manager).exists()


def test_review_sent_without_confirmation_lists_the_problems(client, persona):
    case = a_case(CaseStatus.MANAGER_REVIEW, exhausted=True)
    client.force_login(persona("cme_manager"))

    response = client.post(
        reverse("casework:review", args=[case.pk]), {"version": case.version, "decision": "social_care"}
    )

    assert [text.replace("&#x27;", "'") for text in error_texts(response)] == [
        "Confirm that every enquiry has been made and concluded before closing",
        "Enter Children's Social Care's reference",
    ]


def test_review_refused_while_an_enquiry_is_unfinished(client, persona):
    case = a_case(CaseStatus.MANAGER_REVIEW)
    client.force_login(persona("cme_manager"))

    response = client.post(
        reverse("casework:review", args=[case.pk]),
        {"version": case.version, "all_exhausted_confirmed": "on", "decision": "lost_pupils_database"},
    )

    assert error_texts(response) == ["The enquiries are not finished: 13 still outstanding"]
    assert "Systems interrogation (school rolls, admissions, EHE register): not started" in response.content.decode()
    assert status_of(case) == CaseStatus.MANAGER_REVIEW


def test_the_review_queue_lists_only_cases_in_review_the_user_may_see(persona):
    waiting = a_case(CaseStatus.MANAGER_REVIEW)
    a_case(CaseStatus.NOT_LOCATED)

    assert list(cases_awaiting_review(user=persona("cme_manager"))) == [waiting]
    assert list(cases_awaiting_review(user=persona("cme_officer_east"))) == []


def test_the_review_queue_is_audited_and_takes_a_fixed_number_of_queries(
    client, persona, django_assert_max_num_queries
):
    for _ in range(5):
        a_case(CaseStatus.MANAGER_REVIEW)
    manager = persona("cme_manager")
    client.force_login(manager)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("casework:review_queue"))

    assert response.content.decode().count("Testchild") == 5
    assert AuditEvent.objects.filter(action="review_queue_viewed", actor=manager).count() == 1


def test_reopen_through_the_page(client, persona):
    case = a_case(CaseStatus.CLOSED, outcome=CaseOutcome.DECEASED, outcome_evidence="Told by the police")
    client.force_login(persona("cme_manager"))

    response = client.post(
        reverse("casework:reopen", args=[case.pk]), {"version": case.version, "reason": "Recorded on the wrong case"}
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome) == (CaseStatus.ENQUIRIES, "")

"""Enquiry pages: who may use them, which cases they show, what they do, and what they audit."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.audit.tests.html import table_rows
from cme.cases.services import STALE_EDIT
from cme.cases.states import CaseStatus
from cme.conftest import PERSONA_ROLES
from cme.enquiries.models import Check, Enquiry, EnquiryStep, Outcome
from cme.enquiries.tests.factories import CaseFactory, EnquiryFactory, OtherCouncilFactory

pytestmark = pytest.mark.django_db

# Written out rather than read from roles.py, so a change to who may do this shows here too.
MAY_WORK_ON_CASES = {"cme_officer_west", "cme_officer_east", "cme_manager"}
TODAY = date(2026, 3, 10)
NOTHING = "\N{EN DASH}"  # what a table shows in an empty cell


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2026, 3, 10), tick=False):
        yield


def _date(name: str, day: date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def _record_post() -> dict[str, str]:
    return {
        "record-version": "0",
        "record-asked_whom": "Police (synthetic force)",
        **_date("record-asked_on", date(2026, 3, 2)),
        "record-method": "secure_email",
    }


def _state():
    return (
        sorted(Enquiry.objects.values_list("check_type", "version", "outcome", "not_applicable")),
        EnquiryStep.objects.count(),
        sorted(AuditEvent.objects.exclude(action="record_viewed").values_list("action", flat=True)),
    )


# Who may use the pages ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_the_checklist_is_for_people_who_work_on_cases(client, persona, name):
    case = CaseFactory.create(area_id=None)  # unallocated: every CME officer may see it
    client.force_login(persona(name))

    response = client.get(reverse("enquiries:checklist", args=[case.pk]))

    assert response.status_code == (200 if name in MAY_WORK_ON_CASES else 403)


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_only_people_who_work_on_cases_can_open_or_change_an_enquiry(client, persona, name):
    case = CaseFactory.create(area_id=None)
    user = persona(name)
    client.force_login(user)
    url = reverse("enquiries:enquiry", args=[case.pk, "police"])
    before = _state()

    get = client.get(url)
    post = client.post(url, _record_post())

    if name in MAY_WORK_ON_CASES:
        assert (get.status_code, post.status_code) == (200, 302)
        assert Enquiry.objects.get().asked_whom == "Police (synthetic force)"
    else:
        assert (get.status_code, post.status_code) == (403, 403)
        assert _state() == before


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_only_people_who_work_on_cases_can_open_or_change_an_enquiry_to_a_council(client, persona, name):
    enquiry = EnquiryFactory.create(
        case=CaseFactory.create(area_id=None), check_type=Check.CROSS_BORDER, other_council=OtherCouncilFactory.create()
    )
    client.force_login(persona(name))
    url = reverse("enquiries:council_enquiry", args=[enquiry.case_id, enquiry.pk])
    before = _state()

    get = client.get(url)
    post = client.post(
        url,
        {"chase-version": "1", **_date("chase-chased_on", date(2026, 3, 9)), "chase-method": "phone"},
    )

    if name in MAY_WORK_ON_CASES:
        assert (get.status_code, post.status_code) == (200, 302)
        assert Enquiry.objects.get().last_chased_on == date(2026, 3, 9)
    else:
        assert (get.status_code, post.status_code) == (403, 403)
        assert _state() == before


def test_an_officer_of_another_area_does_not_find_the_case(client, persona):
    case = CaseFactory.create(area_id="west")
    EnquiryFactory.create(case=case)
    client.force_login(persona("cme_officer_east"))

    statuses = [
        client.get(reverse("enquiries:checklist", args=[case.pk])).status_code,
        client.get(reverse("enquiries:enquiry", args=[case.pk, "police"])).status_code,
        client.post(reverse("enquiries:enquiry", args=[case.pk, "health"]), _record_post()).status_code,
    ]

    assert statuses == [404, 404, 404]
    assert Enquiry.objects.count() == 1


def test_a_value_that_is_not_a_check_is_not_found(client, cme_officer):
    case = CaseFactory.create()
    client.force_login(cme_officer)

    assert client.get(reverse("enquiries:enquiry", args=[case.pk, "tea-leaves"])).status_code == 404


def test_an_enquiry_to_a_council_of_another_case_is_not_found(client, cme_officer):
    enquiry = EnquiryFactory.create(check_type=Check.CROSS_BORDER, other_council=OtherCouncilFactory.create())
    other_case = CaseFactory.create()
    client.force_login(cme_officer)

    response = client.get(reverse("enquiries:council_enquiry", args=[other_case.pk, enquiry.pk]))

    assert response.status_code == 404


# The checklist ---------------------------------------------------------------------------------------


def test_the_checklist_shows_every_check_with_who_was_asked_and_its_status(client, cme_officer):
    case = CaseFactory.create()
    EnquiryFactory.create(case=case, check_type=Check.POLICE, asked_on=date(2026, 3, 2), due_on=date(2026, 3, 16))
    EnquiryFactory.create(case=case, check_type=Check.HEALTH, asked_whom="School nursing team", due_on=date(2026, 3, 6))
    EnquiryFactory.create(
        case=case,
        check_type=Check.CROSS_BORDER,
        other_council=OtherCouncilFactory.create(name="Synthetic North Council"),
        asked_whom="CME officer",
        outcome=Outcome.NOTHING_KNOWN,
        answer="Not known",
        completed_on=date(2026, 3, 5),
    )
    client.force_login(cme_officer)

    response = client.get(reverse("enquiries:checklist", args=[case.pk]))

    rows = table_rows(response.content.decode())
    assert rows[2] == ["Police", "Police (synthetic force)", "2 Mar 2026", "16 Mar 2026", "Waiting for an answer"]
    assert rows[3] == ["Health (NHS)", "School nursing team", "2 Mar 2026", "6 Mar 2026", "Overdue"]
    assert rows[0] == [
        "Systems interrogation (school rolls, admissions, EHE register)",
        NOTHING,
        NOTHING,
        NOTHING,
        "Not started",
    ]
    # The cross-border check takes its status from the councils asked; each council has a row.
    assert rows[5] == ["Cross-border enquiry with other councils", NOTHING, NOTHING, NOTHING, "Answered"]
    assert rows[6] == ["Cross-border: Synthetic North Council", "CME officer", "2 Mar 2026", NOTHING, "Answered"]
    assert len(rows) == 14  # 13 checks and one council
    assert "Enquiries are not yet exhausted: 1 overdue." in response.content.decode()


def test_reading_the_checklist_is_audited_as_a_read_of_the_case(client, cme_officer):
    case = CaseFactory.create()
    client.force_login(cme_officer)

    client.get(reverse("enquiries:checklist", args=[case.pk]))
    client.get(reverse("enquiries:enquiry", args=[case.pk, "police"]))

    events = AuditEvent.objects.filter(case_id=str(case.pk)).values_list("action", "object_type", "object_id", "actor")
    assert list(events.order_by("id")) == [
        ("enquiries_viewed", "cases.case", str(case.pk), cme_officer.pk),
        ("enquiries_viewed", "cases.case", str(case.pk), cme_officer.pk),
    ]


def test_the_checklist_says_when_enquiries_are_exhausted(client, cme_officer):
    case = CaseFactory.create()
    for check in Check:
        EnquiryFactory.create(
            case=case, check_type=check, outcome=Outcome.NOTHING_KNOWN, answer="No", completed_on=TODAY
        )
    client.force_login(cme_officer)

    response = client.get(reverse("enquiries:checklist", args=[case.pk]))

    assert "All enquiries are exhausted." in response.content.decode()


# One enquiry ---------------------------------------------------------------------------------------


def test_recording_an_enquiry_from_its_page(client, cme_officer):
    case = CaseFactory.create()
    client.force_login(cme_officer)

    response = client.post(reverse("enquiries:enquiry", args=[case.pk, "police"]), _record_post())

    assert (response.status_code, response["Location"]) == (302, reverse("enquiries:checklist", args=[case.pk]))
    enquiry = Enquiry.objects.get()
    # No due date given: 10 working days after Monday 2 March 2026.
    assert (enquiry.check_type, enquiry.asked_on, enquiry.due_on) == ("police", date(2026, 3, 2), date(2026, 3, 16))
    page = client.get(response["Location"]).content.decode()
    assert "Police: enquiry recorded" in page


def test_a_form_with_mistakes_is_shown_again_with_gov_uk_messages(client, cme_officer):
    case = CaseFactory.create()
    client.force_login(cme_officer)

    response = client.post(
        reverse("enquiries:enquiry", args=[case.pk, "police"]),
        {"record-version": "0", "record-asked_whom": "", **_date("record-asked_on", date(2026, 3, 11))},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter who was asked" in page
    assert "The date asked must be today or in the past" in page
    assert "Select how the enquiry was made" in page
    assert Enquiry.objects.count() == 0


def test_a_rule_broken_in_the_service_is_shown_on_the_field(client, cme_officer):
    case = CaseFactory.create()
    client.force_login(cme_officer)

    response = client.post(
        reverse("enquiries:enquiry", args=[case.pk, "police"]),
        {**_record_post(), **_date("record-due_on", date(2026, 3, 1))},
    )

    assert response.status_code == 200
    assert "The due date must be the same as or after the date asked (2 March 2026)" in response.content.decode()


def test_a_change_from_a_stale_page_is_refused_with_a_message(client, cme_officer, cme_manager):
    case = CaseFactory.create()
    url = reverse("enquiries:enquiry", args=[case.pk, "police"])
    client.force_login(cme_manager)
    client.post(url, _record_post())
    client.force_login(cme_officer)

    # The officer's page was opened before the manager recorded the enquiry (version 0).
    response = client.post(url, {"not_applicable-version": "0", "not_applicable-reason": "Police have no involvement"})

    assert response.status_code == 200
    assert STALE_EDIT in response.content.decode()
    assert Enquiry.objects.get().not_applicable is False


def test_the_page_offers_the_forms_that_fit_where_the_enquiry_stands(client, cme_officer):
    case = CaseFactory.create()
    EnquiryFactory.create(case=case, check_type=Check.POLICE)
    EnquiryFactory.create(
        case=case, check_type=Check.HOUSING, outcome=Outcome.NOTHING_KNOWN, answer="No", completed_on=TODAY
    )
    client.force_login(cme_officer)

    def headings(check):
        page = client.get(reverse("enquiries:enquiry", args=[case.pk, check])).content.decode()
        return [
            h
            for h in (
                "Record the enquiry",
                "Record the answer",
                "Record a chase",
                "Not applicable",
                "Ask again",
                "Ask another council",
            )
            if f">{h}" in page
        ]

    assert headings("health") == ["Record the enquiry", "Not applicable"]
    assert headings("police") == ["Record the answer", "Record a chase", "Not applicable"]
    assert headings("housing") == ["Ask again"]


def test_answering_then_the_history_shows_each_step(client, cme_officer):
    enquiry = EnquiryFactory.create(case=CaseFactory.create())
    url = reverse("enquiries:enquiry", args=[enquiry.case_id, "police"])
    client.force_login(cme_officer)

    client.post(
        url,
        {
            "chase-version": "1",
            **_date("chase-chased_on", date(2026, 3, 5)),
            "chase-method": "phone",
            "chase-note": "Left a message",
        },
    )
    client.post(
        url,
        {
            "answer-version": "2",
            "answer-outcome": "nothing_known",
            "answer-answer": "Not known to the force",
            **_date("answer-answered_on", date(2026, 3, 9)),
        },
    )

    # (The factory's enquiry has no "asked" step of its own.)
    assert table_rows(client.get(url).content.decode()) == [
        ["5 Mar 2026", "Chased, by phone Left a message", "Cme Officer West"],
        ["9 Mar 2026", "Answered: nothing known Not known to the force", "Cme Officer West"],
    ]


def test_a_closed_case_shows_its_enquiries_without_forms(client, cme_officer):
    case = CaseFactory.create(status=CaseStatus.CLOSED)
    EnquiryFactory.create(case=case)
    client.force_login(cme_officer)

    page = client.get(reverse("enquiries:enquiry", args=[case.pk, "police"])).content.decode()

    assert "This case is closed, so its enquiries cannot be changed. Reopen the case first." in page
    assert "<form" not in page.split('id="main-content"')[1]


def test_asking_another_council_from_the_cross_border_page(client, cme_officer):
    case = CaseFactory.create()
    council = OtherCouncilFactory.create(name="Synthetic North Council")
    client.force_login(cme_officer)
    url = reverse("enquiries:enquiry", args=[case.pk, "cross_border"])

    response = client.post(
        url,
        {
            "council-version": "0",
            "council-other_council": str(council.pk),
            **_date("council-asked_on", date(2026, 3, 2)),
            "council-method": "email",
        },
    )

    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert (enquiry.check_type, enquiry.other_council, enquiry.asked_whom) == (
        "cross_border",
        council,
        "Synthetic North Council",
    )
    page = client.get(url).content.decode()
    assert ["Synthetic North Council", "2 Mar 2026", "Waiting for an answer"] in table_rows(page)
    # A council already asked is not offered again.
    assert f'value="{council.pk}"' not in page

"""Other councils' requests to locate a child (policy 2.2): recording them, answering them, the pages."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.audit.tests.html import table_rows
from cme.conftest import PERSONA_ROLES
from cme.core.exceptions import ApplicationError, PermissionDeniedError
from cme.enquiries.models import InboundEnquiry
from cme.enquiries.selectors import inbound_enquiry_list, inbound_overdue_count
from cme.enquiries.services import inbound_enquiry_answer, inbound_enquiry_receive
from cme.enquiries.tests.factories import InboundEnquiryFactory, OtherCouncilFactory
from cme.organisations.tests.factories import PartnerAgencyFactory
from cme.schools.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db

MAY_WORK_ON_CASES = {"cme_officer_west", "cme_officer_east", "cme_manager"}
TODAY = date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2026, 3, 10), tick=False):
        yield


def _receive(actor, **overrides):
    kwargs = {
        "actor": actor,
        "council_name": "Synthetic City Council",
        "la_code": "888",
        "received_on": date(2026, 3, 6),
        "forenames": "Sample",
        "surname": "Visitor",
        "date_of_birth": date(2015, 2, 1),
        "request": "Is this child on roll at one of your schools?",
        "today": TODAY,
    }
    return inbound_enquiry_receive(**{**kwargs, **overrides})


def _answer(inbound, actor, **overrides):
    kwargs = {
        "inbound": inbound,
        "actor": actor,
        "finding": InboundEnquiry.Finding.NOT_KNOWN,
        "answer": "Not known on our school rolls or admissions records",
        "answered_on": date(2026, 3, 9),
        "expected_version": 1,
        "today": TODAY,
    }
    return inbound_enquiry_answer(**{**kwargs, **overrides})


def _date(name: str, day: date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


# Services --------------------------------------------------------------------------------------------


def test_receiving_a_request_records_it_open_and_due_in_ten_working_days(cme_officer):
    inbound = _receive(cme_officer)

    assert (inbound.status, inbound.council, inbound.la_code, inbound.due_on) == (
        InboundEnquiry.Status.OPEN,
        "Synthetic City Council",
        "888",
        date(2026, 3, 20),
    )
    assert inbound.reference.startswith("E-")
    event = AuditEvent.objects.get()
    assert (event.action, event.object_id, event.case_id, event.data) == (
        "inbound_enquiry_received",
        str(inbound.pk),
        "",
        {"requesting_council": "", "la_code": "888"},
    )


def test_a_request_from_a_council_on_the_organisations_list_is_linked_to_it(cme_officer):
    council = OtherCouncilFactory.create(name="Synthetic North Council", la_code="877")

    inbound = _receive(cme_officer, requesting_council=council, council_name="ignored", la_code="")

    assert (inbound.requesting_council, inbound.council_name, inbound.council) == (
        council,
        "",
        "Synthetic North Council",
    )


def test_a_request_names_its_council(cme_officer):
    with pytest.raises(ApplicationError) as nameless:
        _receive(cme_officer, council_name=" ")
    with pytest.raises(ApplicationError) as not_a_council:
        _receive(cme_officer, requesting_council=PartnerAgencyFactory.create())
    with pytest.raises(ApplicationError) as bad_code:
        _receive(cme_officer, la_code="88")

    assert nameless.value.message == "Select the council that asked, or enter its name"
    assert not_a_council.value.message == "Select another council"
    assert bad_code.value.message == "Enter the council's LA code as 3 digits, like 919"
    assert InboundEnquiry.objects.count() == 0


def test_a_request_cannot_be_received_in_the_future_or_due_before_it_was_received(cme_officer):
    with pytest.raises(ApplicationError) as future:
        _receive(cme_officer, received_on=date(2026, 3, 11))
    with pytest.raises(ApplicationError) as due_early:
        _receive(cme_officer, due_on=date(2026, 3, 5))

    assert future.value.message == "The date received must be today or in the past"
    assert due_early.value.message == "The due date must be the same as or after the date received (6 March 2026)"


def test_answering_found_on_roll_needs_the_school(cme_officer):
    inbound = _receive(cme_officer)
    school = SchoolFactory.create(urn=117999, name="Synthetic Primary School")

    with pytest.raises(ApplicationError) as no_school:
        _answer(inbound, cme_officer, finding=InboundEnquiry.Finding.ON_ROLL)
    answered = _answer(
        inbound, cme_officer, finding=InboundEnquiry.Finding.ON_ROLL, school=school, answer="On roll since January"
    )

    assert (no_school.value.message, no_school.value.field) == (
        "Enter the URN of the school the child is on roll at",
        "school",
    )
    assert (answered.status, answered.finding, answered.school, answered.answered_by, answered.version) == (
        InboundEnquiry.Status.ANSWERED,
        "on_roll",
        school,
        cme_officer,
        2,
    )
    assert list(AuditEvent.objects.order_by("id").values_list("action", "data"))[-1] == (
        "inbound_enquiry_answered",
        {"finding": "on_roll"},
    )


def test_a_request_is_answered_once(cme_officer):
    inbound = _answer(_receive(cme_officer), cme_officer)

    with pytest.raises(ApplicationError) as error:
        _answer(inbound, cme_officer, expected_version=2)

    assert error.value.message == "This request has already been answered"


def test_an_answer_from_a_stale_page_is_refused(cme_officer, cme_manager):
    inbound = _receive(cme_officer)
    _answer(inbound, cme_manager)

    with pytest.raises(ApplicationError) as error:
        _answer(inbound, cme_officer, finding=InboundEnquiry.Finding.KNOWN_AT_ADDRESS)

    assert error.value.field == "version"
    inbound.refresh_from_db()
    assert (inbound.finding, inbound.answered_by) == ("not_known", cme_manager)


def test_an_answer_cannot_be_dated_before_the_request_or_in_the_future(cme_officer):
    inbound = _receive(cme_officer)

    with pytest.raises(ApplicationError) as before:
        _answer(inbound, cme_officer, answered_on=date(2026, 3, 5))
    with pytest.raises(ApplicationError) as future:
        _answer(inbound, cme_officer, answered_on=date(2026, 3, 11))
    with pytest.raises(ApplicationError) as empty:
        _answer(inbound, cme_officer, answer=" ")

    assert before.value.message == "The date answered must be the same as or after the date received (6 March 2026)"
    assert future.value.message == "The date answered must be today or in the past"
    assert empty.value.message == "Enter what you told the council"


@pytest.mark.parametrize("name", ["auditor", "school_user", "attendance_officer_east"])
def test_only_people_who_work_on_cases_record_requests(persona, name):
    with pytest.raises(PermissionDeniedError):
        _receive(persona(name))

    assert InboundEnquiry.objects.count() == 0


def test_the_list_puts_open_requests_first_by_due_date():
    late = InboundEnquiryFactory.create(due_on=date(2026, 3, 20))
    soon = InboundEnquiryFactory.create(due_on=date(2026, 3, 9))
    done = InboundEnquiryFactory.create(
        status=InboundEnquiry.Status.ANSWERED, finding="not_known", answered_on=date(2026, 3, 4), answer="No"
    )

    assert list(inbound_enquiry_list()) == [soon, late, done]
    assert list(inbound_enquiry_list(status="open")) == [soon, late]
    assert list(inbound_enquiry_list(status="answered")) == [done]
    assert inbound_overdue_count(today=TODAY) == 1


# Pages -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_the_request_pages_are_for_people_who_work_on_cases(client, persona, name):
    inbound = InboundEnquiryFactory.create()
    client.force_login(persona(name))
    before = (InboundEnquiry.objects.count(), InboundEnquiry.objects.get().status)

    statuses = [
        client.get(reverse("enquiries:inbound_list")).status_code,
        client.get(reverse("enquiries:inbound_new")).status_code,
        client.get(reverse("enquiries:inbound_detail", args=[inbound.pk])).status_code,
        client.post(reverse("enquiries:inbound_new"), {"forenames": "Someone"}).status_code,
        client.post(
            reverse("enquiries:inbound_detail", args=[inbound.pk]), {"version": "1", "finding": "not_known"}
        ).status_code,
    ]

    if name in MAY_WORK_ON_CASES:
        assert statuses == [200, 200, 200, 200, 200]  # the two posts are incomplete: shown again with errors
    else:
        assert statuses == [403, 403, 403, 403, 403]
        assert (InboundEnquiry.objects.count(), InboundEnquiry.objects.get().status) == before


def test_the_request_journey_record_read_answer(client, cme_officer):
    council = OtherCouncilFactory.create(name="Synthetic North Council", la_code="877")
    school = SchoolFactory.create(urn=117888, name="Synthetic Junior School")
    client.force_login(cme_officer)

    # Record the request.
    response = client.post(
        reverse("enquiries:inbound_new"),
        {
            "requesting_council": str(council.pk),
            "contact": "CME officer, cme@north.example",
            "their_reference": "NC/CME/0042",
            **_date("received_on", date(2026, 3, 6)),
            "forenames": "Sample",
            "surname": "Visitor",
            **_date("date_of_birth", date(2015, 2, 1)),
            "sex": "F",
            "last_known_postcode": "sg1 2ab",
            "request": "The family may have moved to Hertfordshire. Is the child on roll with you?",
        },
    )
    inbound = InboundEnquiry.objects.get()
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("enquiries:inbound_detail", args=[inbound.pk]),
    )
    assert (inbound.requesting_council, inbound.last_known_postcode, inbound.due_on) == (
        council,
        "SG1 2AB",
        date(2026, 3, 20),
    )

    # It is on the list of open requests.
    listing = client.get(reverse("enquiries:inbound_list")).content.decode()
    assert table_rows(listing) == [
        [
            inbound.reference,
            "Synthetic North Council",
            "Sample Visitor, born 1 Feb 2015",
            "6 Mar 2026",
            "20 Mar 2026",
            "Open",
        ]
    ]

    # Reading it is audited.
    page = client.get(response["Location"]).content.decode()
    assert "Record our answer" in page
    assert AuditEvent.objects.filter(action="record_viewed", object_id=str(inbound.pk), actor=cme_officer).count() == 1

    # Answer it: found on roll.
    response = client.post(
        reverse("enquiries:inbound_detail", args=[inbound.pk]),
        {
            "version": "1",
            "finding": "on_roll",
            "school": "117888",
            "answer": "On roll since 2 March 2026; told their CME officer by secure email",
            **_date("answered_on", date(2026, 3, 9)),
        },
    )
    assert response.status_code == 302
    inbound.refresh_from_db()
    assert (inbound.status, inbound.school, inbound.answered_on) == ("answered", school, date(2026, 3, 9))
    page = client.get(response["Location"]).content.decode()
    assert "Found on roll at a school: Synthetic Junior School (URN 117888)" in page
    assert "Record our answer" not in page
    assert table_rows(client.get(reverse("enquiries:inbound_list")).content.decode()) == []
    assert len(table_rows(client.get(reverse("enquiries:inbound_list") + "?status=answered").content.decode())) == 1


def test_a_request_form_with_mistakes_shows_gov_uk_messages(client, cme_officer):
    client.force_login(cme_officer)

    response = client.post(reverse("enquiries:inbound_new"), {"sex": "U"})

    page = response.content.decode()
    for message in (
        "Select the council that asked, or enter its name",
        "Enter the date received",
        "Enter the child&#x27;s first name",
        "Enter the child&#x27;s last name",
        "Enter what the council is asking",
    ):
        assert message in page
    assert InboundEnquiry.objects.count() == 0


def test_a_missing_request_is_not_found(client, cme_officer):
    client.force_login(cme_officer)

    response = client.get(reverse("enquiries:inbound_detail", args=["00000000-0000-4000-8000-000000000001"]))

    assert response.status_code == 404

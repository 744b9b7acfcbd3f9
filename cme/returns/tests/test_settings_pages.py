"""Census dates and primary reasons kept by the CME manager; a case's primary reason set by officers."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.cases.models import Case
from cme.returns.models import CensusDate, CmeReason
from cme.returns.tests.factories import CensusDateFactory, a_cme_case, reason

pytestmark = pytest.mark.django_db


def census_post(day: date | None, term: str = "autumn", due: date | None = None) -> dict[str, str]:
    data = {"term": term}
    for prefix, value in (("census_date", day), ("return_due", due)):
        data[f"{prefix}_0"] = str(value.day) if value else ""
        data[f"{prefix}_1"] = str(value.month) if value else ""
        data[f"{prefix}_2"] = str(value.year) if value else ""
    return data


def test_the_manager_adds_a_census_date(client, persona):
    manager = persona("cme_manager")
    client.force_login(manager)

    response = client.post(reverse("returns:census_date_new"), census_post(date(2026, 10, 1), due=date(2026, 10, 30)))

    assert response.status_code == 302
    census = CensusDate.objects.get()
    assert (census.census_date, census.term, census.return_due) == (date(2026, 10, 1), "autumn", date(2026, 10, 30))
    event = AuditEvent.objects.get(action="census_date_saved")
    assert event.data == {"census_date": "2026-10-01", "term": "autumn"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            census_post(date(2027, 1, 21), term="autumn"),
            "A census date in the autumn term must be in September to December",
        ),
        (
            census_post(date(2026, 10, 1), due=date(2026, 9, 1)),
            "The return due date must be the same as or after the census date",
        ),
        (census_post(date(2026, 10, 8)), "There is already a census date on 8 October 2026"),
        (census_post(None), "Enter the census date"),
    ],
)
def test_census_dates_that_cannot_be_saved(client, persona, data, message):
    CensusDateFactory.create(census_date=date(2026, 10, 8))
    client.force_login(persona("cme_manager"))

    response = client.post(reverse("returns:census_date_new"), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert CensusDate.objects.count() == 1


def test_the_manager_changes_a_census_date(client, persona):
    census = CensusDateFactory.create()
    client.force_login(persona("cme_manager"))

    client.post(reverse("returns:census_date_edit", args=[census.pk]), census_post(date(2026, 10, 8)))

    census.refresh_from_db()
    assert census.census_date == date(2026, 10, 8)


def test_the_reasons_are_loaded_as_data():
    assert CmeReason.objects.count() == 11
    first = CmeReason.objects.order_by("position").first()
    assert first is not None
    assert first.code == "MOVED_IN_AWAITING_PLACE"


def test_the_manager_adds_and_retires_a_reason(client, persona):
    client.force_login(persona("cme_manager"))

    client.post(
        reverse("returns:cme_reason_new"),
        {"code": "young_carer", "label": "A young carer", "position": "115", "in_use": "yes"},
    )
    added = CmeReason.objects.get(code="YOUNG_CARER")
    client.post(
        reverse("returns:cme_reason_edit", args=[added.pk]),
        {"code": "YOUNG_CARER", "label": "A young carer", "position": "115", "in_use": "no"},
    )

    added.refresh_from_db()
    assert (added.label, added.in_use) == ("A young carer", False)
    assert AuditEvent.objects.filter(action="cme_reason_saved").count() == 2


def test_a_reason_code_must_be_unique_and_well_formed(client, persona):
    client.force_login(persona("cme_manager"))

    duplicate = client.post(
        reverse("returns:cme_reason_new"), {"code": "OTHER", "label": "Again", "position": "1", "in_use": "yes"}
    )
    malformed = client.post(
        reverse("returns:cme_reason_new"), {"code": "NO SPACES", "label": "Bad", "position": "1", "in_use": "yes"}
    )

    assert "There is already a reason with the code OTHER" in duplicate.content.decode()
    assert "The code must be up to 30 capital letters, numbers and underscores" in malformed.content.decode()
    assert CmeReason.objects.count() == 11


@pytest.mark.parametrize(
    "url_name", ["census_date_list", "census_date_new", "cme_reason_list", "cme_reason_new", "dfe_return"]
)
@pytest.mark.parametrize(
    ("persona_name", "status"), [("cme_manager", 200), ("cme_officer_west", 403), ("auditor", 403)]
)
def test_only_the_manager_keeps_census_dates_and_reasons(client, persona, url_name, persona_name, status):
    client.force_login(persona(persona_name))

    assert client.get(reverse(f"returns:{url_name}")).status_code == status


def test_an_officer_records_a_cases_primary_reason_shown_on_the_case_page(client, persona):
    case = a_cme_case(periods=[(date(2026, 9, 1), None)])
    officer = persona("cme_officer_west")
    client.force_login(officer)
    chosen = reason("NEVER_STARTED")

    response = client.post(reverse("returns:case_cme_reason", args=[case.pk]), {"reason": str(chosen.pk)})

    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).cme_reason == chosen
    event = AuditEvent.objects.get(action="case_cme_reason_set")
    assert (event.case_id, event.data) == (str(case.pk), {"reason": "NEVER_STARTED"})
    page_body = client.get(reverse("casework:case", args=[case.pk])).content.decode()
    assert "Never started school, or did not take up a place at phase transfer" in page_body


def test_a_retired_reason_cannot_be_chosen(client, persona):
    case = a_cme_case(periods=[(date(2026, 9, 1), None)])
    retired = reason("OTHER")
    retired.in_use = False
    retired.save()
    client.force_login(persona("cme_officer_west"))

    response = client.post(reverse("returns:case_cme_reason", args=[case.pk]), {"reason": str(retired.pk)})

    assert "Select a reason from the list" in response.content.decode()
    assert Case.objects.get(pk=case.pk).cme_reason is None


@pytest.mark.parametrize(
    ("persona_name", "status"),
    [("cme_officer_west", 200), ("cme_manager", 200), ("cme_officer_east", 404), ("attendance_officer_west", 403)],
)
def test_who_may_set_a_cases_reason(client, persona, persona_name, status):
    case = a_cme_case(periods=[(date(2026, 9, 1), None)])
    client.force_login(persona(persona_name))

    assert client.get(reverse("returns:case_cme_reason", args=[case.pk])).status_code == status

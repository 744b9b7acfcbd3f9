"""The DfE return, worked out by hand for a seeded scenario (known-answer tests). Children are synthetic.

Census date Thursday 1 October 2026 (autumn 2026/27); the previous academic year is 1 September 2025 to
31 August 2026.

Child (born, sex): CME periods -> on the census date; in 2025/26
A (17 May 2014, F): from 20 Sep 2026 -> Year 8, 11 days, moved in; no (started after 31 Aug)
B (10 Oct 2019, M): from 1 Jun 2026 -> Year 2, 122 days, EHE unsuitable; yes
C (15 Jan 2011, M): case 1 from 1 Sep 2025, case 2 from 15 Sep 2026 -> Year 11, 395 days, no reason; yes, once
D (1 Dec 2021, U): from 1 Sep 2026 -> left out: compulsory school age starts 31 Dec 2026; no
E (not known, F): from 1 Feb 2026 -> left out: no date of birth; left out
F (17 May 2014, F): 1 Sep to 5 Oct 2026, closed "not CME: on a school roll" -> left out; no
G (3 Mar 2010, F): 10 Jan to 20 Feb 2026 -> no; yes (compulsory school age to 26 Jun 2026)
H (1 Jan 2008, M): 1 Oct to 1 Nov 2025 -> no; no (compulsory school age ended 28 Jun 2024)
I (4 Apr 2015, F): 1 Aug 2025 to 30 Sep 2026 -> no (ended the day before); yes

On the census date: 3 children (A, B, C). Female 1, male 2, unknown 0. Year 2: 1, Year 8: 1, Year 11: 1.
Less than 4 weeks 1 (A), 12 to 26 weeks 1 (B), 52 weeks or more 1 (C). Moved in 1, EHE unsuitable 1,
not recorded 1. At any point in 2025/26: 4 (B, C, G, I).
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.cases.codes import CaseOutcome
from cme.cases.states import CaseStatus
from cme.enquiries.tests.factories import ChildFactory
from cme.returns.selectors import dfe_return, dfe_return_csv_rows
from cme.returns.tests.factories import CensusDateFactory, a_cme_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario():
    cases = {
        "A": a_cme_case(periods=[(date(2026, 9, 20), None)], reason_code="MOVED_IN_AWAITING_PLACE"),
        "B": a_cme_case(
            periods=[(date(2026, 6, 1), None)], date_of_birth=date(2019, 10, 10), sex="M", reason_code="EHE_UNSUITABLE"
        ),
        "D": a_cme_case(periods=[(date(2026, 9, 1), None)], date_of_birth=date(2021, 12, 1), sex="U"),
        "E": a_cme_case(periods=[(date(2026, 2, 1), None)], date_of_birth=None, reason_code="OTHER"),
        "F": a_cme_case(
            periods=[(date(2026, 9, 1), date(2026, 10, 5))],
            status=CaseStatus.CLOSED,
            outcome=CaseOutcome.NOT_CME_ON_ROLL,
        ),
        "G": a_cme_case(periods=[(date(2026, 1, 10), date(2026, 2, 20))], date_of_birth=date(2010, 3, 3)),
        "H": a_cme_case(periods=[(date(2025, 10, 1), date(2025, 11, 1))], date_of_birth=date(2008, 1, 1), sex="M"),
        "I": a_cme_case(periods=[(date(2025, 8, 1), date(2026, 9, 30))], date_of_birth=date(2015, 4, 4)),
    }
    child_c = ChildFactory.create(date_of_birth=date(2011, 1, 15), sex="M")
    cases["C1"] = a_cme_case(periods=[(date(2025, 9, 1), None)], child=child_c)
    cases["C2"] = a_cme_case(periods=[(date(2026, 9, 15), None)], child=child_c, reason_code="OTHER")
    return cases


def counts(result, filter_group):
    breakdown = next(b for b in result.breakdowns if b.filter_group == filter_group)
    return {category.code: category.count for category in breakdown.categories if category.count}


def test_the_children_missing_education_on_the_census_date(scenario):
    result = dfe_return(census=CensusDateFactory.create())

    assert result.total == 3
    assert counts(result, "Sex") == {"F": 1, "M": 2}
    assert counts(result, "Year group") == {"2": 1, "8": 1, "11": 1}
    assert counts(result, "Length of time missing education") == {"LT4W": 1, "12W_LT26W": 1, "52W_PLUS": 1}
    assert counts(result, "Primary reason for CME") == {
        "MOVED_IN_AWAITING_PLACE": 1,
        "EHE_UNSUITABLE": 1,
        "NOT_RECORDED": 1,
    }
    assert [b.total for b in result.breakdowns] == [3, 3, 3, 3]


def test_unique_children_at_any_point_in_the_previous_academic_year(scenario):
    result = dfe_return(census=CensusDateFactory.create())

    assert (result.previous_year_start, result.previous_year_end) == (date(2025, 9, 1), date(2026, 8, 31))
    assert result.previous_year_label == "2025/26"
    assert result.previous_year_total == 4


def test_the_validation_summary(scenario):
    result = dfe_return(census=CensusDateFactory.create())

    checks = {check.title: check for check in result.checks}
    assert [(check.title, check.passed) for check in result.checks] == [
        ("Totals agree", True),
        ("No child counted twice", True),
        ("No child outside compulsory school age", True),
        ("Every child has a date of birth", False),
        ("Every child has a primary reason", False),
    ]
    assert checks["Totals agree"].detail == "Each table adds up to 3 children."
    assert checks["No child counted twice"].detail == (
        "Each child is counted once; 1 child has more than one case or period missing education on the census "
        "date and counts once."
    )
    assert [ref.reference for ref in checks["No child outside compulsory school age"].cases] == [
        scenario["D"].reference
    ]
    assert [ref.reference for ref in checks["Every child has a date of birth"].cases] == [scenario["E"].reference]
    assert [ref.reference for ref in checks["Every child has a primary reason"].cases] == [scenario["C1"].reference]
    assert result.passed is False


def test_a_child_found_on_the_census_date_still_counts_that_day():
    a_cme_case(periods=[(date(2026, 9, 1), date(2026, 10, 1))], reason_code="OTHER")

    result = dfe_return(census=CensusDateFactory.create())

    assert result.total == 1
    assert result.passed is True


def test_a_reason_no_longer_collected_is_still_shown_for_a_case_that_recorded_it():
    case = a_cme_case(periods=[(date(2026, 9, 1), None)], reason_code="OTHER")
    assert case.cme_reason is not None
    case.cme_reason.in_use = False
    case.cme_reason.save()

    result = dfe_return(census=CensusDateFactory.create())

    assert counts(result, "Primary reason for CME") == {"OTHER": 1}


def test_the_csv_has_one_row_per_measure_and_category(scenario):
    result = dfe_return(census=CensusDateFactory.create())

    rows = dfe_return_csv_rows(result, la_code="919")

    assert rows[0] == (
        "time_period",
        "time_identifier",
        "la_code",
        "census_date",
        "measure",
        "filter_group",
        "filter_code",
        "filter",
        "number",
    )
    assert rows[1] == ("202627", "Autumn term", "919", "2026-10-01", "cme_census_date", "Total", "TOTAL", "Total", "3")
    assert ("202627", "Autumn term", "919", "2026-10-01", "cme_census_date", "Sex", "U", "Sex unknown", "0") in rows
    assert (
        "202627",
        "Autumn term",
        "919",
        "2026-10-01",
        "cme_census_date",
        "Year group",
        "R",
        "Reception",
        "0",
    ) in rows
    assert rows[-1] == (
        "202526",
        "Academic year",
        "919",
        "2026-10-01",
        "cme_previous_academic_year",
        "Total",
        "TOTAL",
        "Total",
        "4",
    )
    # 1 header + 1 total + 3 sexes + 12 year groups + 5 bands + 11 reasons + not recorded + previous year
    assert len(rows) == 1 + 1 + 3 + 12 + 5 + 11 + 1 + 1


def test_a_reason_typed_like_a_formula_is_not_a_formula_in_the_csv():
    case = a_cme_case(periods=[(date(2026, 9, 1), None)], reason_code="OTHER")
    assert case.cme_reason is not None
    case.cme_reason.label = "=HYPERLINK(1)"
    case.cme_reason.save()

    rows = dfe_return_csv_rows(dfe_return(census=CensusDateFactory.create()), la_code="919")

    assert [row[7] for row in rows if row[6] == "OTHER"] == ["'=HYPERLINK(1)"]


def test_the_page_shows_the_return_and_is_audited(client, persona, scenario):
    census = CensusDateFactory.create()
    manager = persona("cme_manager")
    client.force_login(manager)

    response = client.get(reverse("returns:dfe_return"), {"census": str(census.pk)})

    body = response.content.decode()
    assert response.status_code == 200
    assert '<dd class="govuk-summary-list__value" id="total">3</dd>' in body
    assert "Needs attention" in body
    assert f"Case {scenario['C1'].reference}" in body
    assert "Testchild" not in body  # the return names cases, never children
    event = AuditEvent.objects.get(action="dfe_return_viewed")
    assert (event.actor, event.object_id, event.data) == (
        manager,
        str(census.pk),
        {"census_date": "2026-10-01", "total": 3},
    )


def test_an_unknown_census_date_is_an_error(client, persona):
    CensusDateFactory.create()
    client.force_login(persona("cme_manager"))

    response = client.get(reverse("returns:dfe_return"), {"census": "not-a-census"})

    assert "Select a census date from the list" in response.content.decode()
    assert not AuditEvent.objects.filter(action="dfe_return_viewed").exists()


def test_the_csv_download_is_audited(client, persona, scenario):
    census = CensusDateFactory.create()
    manager = persona("cme_manager")
    client.force_login(manager)

    response = client.get(reverse("returns:dfe_return_csv", args=[census.pk]))

    assert response["Content-Disposition"] == 'attachment; filename="cme-dfe-return-919-2026-10-01.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1] == ["202627", "Autumn term", "919", "2026-10-01", "cme_census_date", "Total", "TOTAL", "Total", "3"]
    event = AuditEvent.objects.get(action="dfe_return_downloaded")
    assert event.data == {"census_date": "2026-10-01", "total": 3, "previous_year_total": 4, "checks_passed": False}


@pytest.mark.parametrize(
    ("persona_name", "status"),
    [
        ("cme_manager", 200),
        ("cme_officer_west", 403),
        ("attendance_officer_west", 403),
        ("school_user", 403),
        ("auditor", 403),
        ("system_admin", 403),
    ],
)
def test_only_the_manager_prepares_the_return(client, persona, persona_name, status):
    census = CensusDateFactory.create()
    client.force_login(persona(persona_name))

    shown = client.get(reverse("returns:dfe_return"), {"census": str(census.pk)})
    download = client.get(reverse("returns:dfe_return_csv", args=[census.pk]))

    assert (shown.status_code, download.status_code) == (status, status)
    assert AuditEvent.objects.filter(action__startswith="dfe_return").count() == (2 if status == 200 else 0)

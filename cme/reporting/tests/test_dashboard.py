"""The dashboard: known answers for a seeded scenario (every figure below is worked out by hand from
cme/reporting/tests/dashboard_data.py), the officer's scope, the charts and tables on the page, the
year group computed in the database, and the download of a table."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.cases.models import Case
from cme.core.school_age import national_curriculum_year
from cme.enquiries.tests.factories import CaseFactory, ChildFactory
from cme.reporting.selectors import (
    Bar,
    DashboardFilters,
    LocatedMonth,
    dashboard_for,
    year_group_expression,
)
from cme.reporting.tests.dashboard_data import TODAY, seed

URL = reverse("reporting:dashboard")
PERIOD = DashboardFilters(date_from=date(2025, 4, 1), date_to=TODAY)
WEST_DISTRICTS = ["Dacorum", "Hertsmere", "St Albans", "Three Rivers", "Watford"]


@pytest.fixture(autouse=True)
def on_the_20th_of_march():
    with time_machine.travel(datetime(2026, 3, 20, 12, tzinfo=UTC), tick=False):
        yield


def values(bars: list[Bar]) -> dict[str, int]:
    return {bar.label: bar.value for bar in bars}


def test_the_manager_sees_every_area(persona):
    seed()

    board = dashboard_for(user=persona("cme_manager"), filters=PERIOD, today=TODAY)

    assert board.open_total == 6
    assert values(board.open_by_area) == {"East": 1, "West": 4, "No area yet": 1}
    districts = values(board.open_by_district)
    assert districts["Watford"] == 3
    assert districts["St Albans"] == 1
    assert districts["Stevenage"] == 1
    assert districts["Not known (no postcode in the county)"] == 1
    assert sum(districts.values()) == 6
    assert len(districts) == 11  # the ten districts, then the unknown
    assert values(board.open_by_risk) == {"Standard": 4, "High": 2}
    years = values(board.open_by_year_group)
    assert {label: n for label, n in years.items() if n} == {
        "Reception": 1,
        "Year 1": 1,
        "Year 2": 1,
        "Year 7": 2,
        "Date of birth not known": 1,
    }
    assert list(years)[:12] == ["Reception", *(f"Year {n}" for n in range(1, 12))]
    assert values(board.open_by_time_missing) == {
        "Under 4 weeks": 1,
        "4 weeks to 3 months": 2,
        "3 to 6 months": 1,
        "6 to 12 months": 1,
        "A year or more": 1,
    }


def test_referrals_per_month_by_source(persona):
    seed()

    series = dashboard_for(user=persona("cme_manager"), filters=PERIOD, today=TODAY).referrals_by_month

    assert series is not None
    assert series.series == ["Schools", "Admissions", "Partner agencies", "Public", "CME team"]
    assert [month.isoformat() for month in series.months] == [
        "2025-04-01",
        "2025-05-01",
        "2025-06-01",
        "2025-07-01",
        "2025-08-01",
        "2025-09-01",
        "2025-10-01",
        "2025-11-01",
        "2025-12-01",
        "2026-01-01",
        "2026-02-01",
        "2026-03-01",
    ]
    rows = {month.strftime("%Y-%m"): (counts, total) for month, counts, total in series.rows() if total}
    assert rows == {
        "2025-12": ([0, 0, 0, 0, 1], 1),
        "2026-01": ([1, 0, 0, 1, 0], 2),
        "2026-02": ([0, 1, 1, 0, 0], 2),
        "2026-03": ([0, 0, 0, 1, 0], 1),
    }


def test_time_from_referral_to_located_median_and_90th_percentile(persona):
    seed()

    months = dashboard_for(user=persona("cme_manager"), filters=PERIOD, today=TODAY).located_by_month

    # February: 10, 14, 20 and 30 days; median (14 + 20) / 2; 90th percentile the 4th of 4 (ceil 3.6).
    found = {m.month: m for m in months if m.located}
    assert found == {
        date(2025, 12, 1): LocatedMonth(date(2025, 12, 1), located=1, median_days=9, p90_days=9),
        date(2026, 2, 1): LocatedMonth(date(2026, 2, 1), located=4, median_days=17, p90_days=30),
    }
    assert len(months) == 12


def test_median_and_percentile_of_an_odd_count_and_a_larger_month(persona):
    # Ten children located in May 2025 after 1, 2, ..., 10 days: median 5.5, 90th percentile 9.
    for days in range(1, 11):
        made = CaseFactory.create(located_on=date(2025, 5, 1 + days))
        Case.objects.filter(pk=made.pk).update(created_on=datetime(2025, 5, 1, 9, tzinfo=UTC))
    # Three in June after 3, 7 and 100 days: median 7, 90th percentile the 3rd (ceil 2.7).
    for days in (3, 7, 100):
        made = CaseFactory.create(located_on=date(2026, 3, 1))
        Case.objects.filter(pk=made.pk).update(
            created_on=datetime.combine(date.fromordinal(date(2026, 3, 1).toordinal() - days), datetime.min.time(), UTC)
        )

    months = dashboard_for(user=persona("cme_manager"), filters=PERIOD, today=TODAY).located_by_month

    found = {m.month: (m.located, m.median_days, m.p90_days) for m in months if m.located}
    assert found == {date(2025, 5, 1): (10, 5.5, 9), date(2026, 3, 1): (3, 7, 100)}


def test_outcomes_in_the_period(persona):
    seed()

    outcomes = dashboard_for(user=persona("cme_manager"), filters=PERIOD, today=TODAY).outcomes

    assert {bar.label: bar.value for bar in outcomes if bar.value} == {
        "Located on roll at a school in Hertfordshire": 2,
        "Moved: on roll in another English council's area": 1,
        "Placed at a school through admissions or a school attendance order": 1,
        "Elective home education: handed to the EHE team": 1,
    }
    assert outcomes[0].value == 2
    assert len(outcomes) == 11


def test_overdue_work(persona):
    seed()

    overdue = dashboard_for(user=persona("cme_manager"), filters=PERIOD, today=TODAY).overdue

    assert [(item.label, item.value, item.hint) for item in overdue] == [
        ("Enquiries past their due date", 2, "on 1 case"),
        ("Immediate referrals to social care due", 1, "significant concerns and whereabouts unknown (policy 6.7)"),
        ("School confirmations overdue", 1, "located, start date passed, not confirmed"),
        ("Tasks past their due date", 1, "for people outside the CME team"),
        ("Cases waiting for the manager's review", 1, "not located after enquiries"),
        ("Open cases nobody holds", 5, "not allocated to an officer"),
    ]


def test_a_cme_officer_sees_only_their_own_area_whatever_they_ask_for(persona):
    seed()

    board = dashboard_for(
        user=persona("cme_officer_west"), filters=DashboardFilters(PERIOD.date_from, TODAY, area="east"), today=TODAY
    )

    assert board.area == "west"
    assert board.open_total == 4
    assert values(board.open_by_area) == {"West": 4}
    assert [bar.label for bar in board.open_by_district] == WEST_DISTRICTS
    assert values(board.open_by_district) == {
        "Dacorum": 0,
        "Hertsmere": 0,
        "St Albans": 1,
        "Three Rivers": 0,
        "Watford": 3,
    }
    assert values(board.open_by_risk) == {"Standard": 3, "High": 1}
    assert board.referrals_by_month is not None
    assert [total for _month, _counts, total in board.referrals_by_month.rows() if total] == [2, 2]
    assert {m.month: (m.located, m.median_days, m.p90_days) for m in board.located_by_month if m.located} == {
        date(2026, 2, 1): (3, 20, 30)
    }
    assert [item.value for item in board.overdue] == [2, 0, 1, 1, 1, 3]


def test_the_manager_may_look_at_one_area(persona):
    seed()

    board = dashboard_for(
        user=persona("cme_manager"), filters=DashboardFilters(PERIOD.date_from, TODAY, area="east"), today=TODAY
    )

    assert board.open_total == 1
    assert values(board.outcomes)["Located on roll at a school in Hertfordshire"] == 1


@pytest.mark.parametrize(
    "born",
    [
        date(2014, 8, 31),
        date(2014, 9, 1),
        date(2020, 8, 31),
        date(2020, 9, 1),
        date(2021, 2, 28),
        date(2012, 2, 29),
        date(2010, 12, 31),
        date(2022, 1, 1),
        date(2024, 3, 1),
        date(2000, 1, 1),
    ],
)
@pytest.mark.parametrize("on", [date(2026, 3, 20), date(2026, 8, 31), date(2026, 9, 1)])
def test_the_year_group_in_the_database_is_national_curriculum_year(db, born, on):
    made = CaseFactory.create(child=ChildFactory.create(date_of_birth=born))

    computed = Case.objects.annotate(year=year_group_expression(today=on)).get(pk=made.pk).year

    # Beyond nursery and Year 13 the year groups are counted together (-2 and 14).
    assert computed == min(14, max(-2, national_curriculum_year(born, on)))


def test_the_dashboard_runs_a_fixed_number_of_queries(client, persona):
    seed()
    client.force_login(persona("cme_manager"))
    client.get(URL)

    with CaptureQueriesContext(connection) as first:
        client.get(URL)
    seed_more = [CaseFactory.create(area_id="east") for _ in range(5)]
    with CaptureQueriesContext(connection) as second:
        client.get(URL)

    assert len(seed_more) == 5
    assert len(second) == len(first)


def test_the_page_draws_each_chart_with_its_table(client, persona):
    seed()
    client.force_login(persona("cme_manager"))

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "6 open cases today" in html
    assert html.count('role="img"') == 8
    assert html.count("<table") == 9
    assert '<title id="chart-risk-title">Open cases by risk level</title>' in html
    assert '<desc id="chart-risk-desc">Standard: 4; High: 2</desc>' in html
    assert 'aria-labelledby="chart-risk-title" aria-describedby="chart-risk-desc"' in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_a_bad_period_is_refused_with_a_message(client, persona):
    client.force_login(persona("cme_manager"))

    response = client.get(
        URL,
        {
            "date_from_0": "1",
            "date_from_1": "3",
            "date_from_2": "2026",
            "date_to_0": "1",
            "date_to_1": "2",
            "date_to_2": "2026",
        },
    )

    html = response.content.decode()
    assert "The date to must be the same as or after the date from" in html
    assert 'role="img"' not in html


@pytest.mark.parametrize(
    ("name", "status"),
    [("cme_manager", 200), ("cme_officer_west", 200), ("auditor", 403), ("attendance_officer_west", 403)],
)
def test_who_may_see_the_dashboard(client, persona, name, status):
    client.force_login(persona(name))

    assert client.get(URL).status_code == status


def test_the_manager_downloads_a_table_as_csv_and_it_is_audited(client, persona):
    seed()
    manager = persona("cme_manager")
    client.force_login(manager)

    response = client.get(
        reverse("reporting:table_export", args=["open-by-risk", "csv"]),
        {"area": "west"},
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="cme-open-by-risk-2026-03-20.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["Risk level", "Open cases"], ["Standard", "3"], ["High", "1"]]
    event = AuditEvent.objects.get(action="dashboard_table_exported")
    assert event.actor == manager
    assert event.data == {
        "date_from": "2025-04-01",
        "date_to": "2026-03-20",
        "area": "west",
        "table": "open-by-risk",
        "format": "csv",
    }


def test_the_xlsx_of_a_table_opens_with_the_same_figures(client, persona):
    from openpyxl import load_workbook

    seed()
    client.force_login(persona("cme_manager"))

    response = client.get(reverse("reporting:table_export", args=["time-to-located", "xlsx"]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Month", "Children located", "Median days", "90th percentile days"]
    assert ["Feb 2026", 4, 17, 30] in rows


def test_an_officer_may_not_download_tables(client, persona):
    client.force_login(persona("cme_officer_west"))

    response = client.get(reverse("reporting:table_export", args=["open-by-risk", "csv"]))

    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="dashboard_table_exported").exists()


def test_an_unknown_table_is_not_found(client, persona):
    client.force_login(persona("cme_manager"))

    assert client.get(reverse("reporting:table_export", args=["nonsense", "csv"])).status_code == 404
    assert client.get(reverse("reporting:table_export", args=["outcomes", "pdf"])).status_code == 404

"""The dashboard's figures as tables: the table beside each chart, and the file each table downloads
as (CSV or XLSX). One definition serves both, so the file always matches the page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cme.reporting.charts import month_label
from cme.reporting.selectors import Bar, Dashboard


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    header: list[str]
    rows: list[list[Any]]
    # Shown under the heading: what is counted, and over which period.
    note: str = ""

    @property
    def wide(self) -> bool:
        """Too many columns to sit beside its chart: the page puts it under the chart."""
        return len(self.header) > 3


def _days(value: float | None) -> float | int | str:
    """Days as a whole number where it is one (a median of an even count may end in .5)."""
    if value is None:
        return ""
    return int(value) if value == int(value) else value


def _bars(key: str, title: str, label: str, bars: list[Bar], note: str) -> Table:
    return Table(key, title, [label, "Open cases"], [[bar.label, bar.value] for bar in bars], note)


def dashboard_tables(board: Dashboard) -> dict[str, Table]:
    now = "Cases not closed, today."
    period = f"{board.filters.date_from:%-d %B %Y} to {board.filters.date_to:%-d %B %Y}"
    tables = [
        _bars("open-by-area", "Open cases by area", "Area", board.open_by_area, now),
        _bars("open-by-district", "Open cases by district", "District", board.open_by_district, now),
        _bars("open-by-risk", "Open cases by risk level", "Risk level", board.open_by_risk, now),
        _bars(
            "open-by-year-group",
            "Open cases by year group",
            "Year group (by age)",
            board.open_by_year_group,
            now + " The national curriculum year of the child's age in this academic year.",
        ),
        _bars(
            "open-by-time-missing",
            "Open cases by time missing education",
            "Time missing education",
            board.open_by_time_missing,
            now + " From the first day the child was missing education.",
        ),
    ]
    if board.referrals_by_month is not None:
        series = board.referrals_by_month
        tables.append(
            Table(
                "referrals-by-month",
                "Referrals per month, by source",
                ["Month", *series.series, "Total"],
                [[month_label(month), *values, total] for month, values, total in series.rows()],
                f"Referrals received, {period}.",
            )
        )
    tables.append(
        Table(
            "time-to-located",
            "Days from referral to located, by month",
            ["Month", "Children located", "Median days", "90th percentile days"],
            [
                [month_label(m.month), m.located, _days(m.median_days), _days(m.p90_days)]
                for m in board.located_by_month
            ],
            f"Children located, by the month they were located, {period}: days from the first referral"
            " (or the case opening, with no referral) to the day they were located.",
        )
    )
    tables.append(
        Table(
            "outcomes",
            "Outcomes of closed cases",
            ["Outcome", "Cases closed"],
            [[bar.label, bar.value] for bar in board.outcomes],
            f"Cases closed, by the outcome recorded, {period}.",
        )
    )
    tables.append(
        Table(
            "overdue-work",
            "Overdue work",
            ["Work", "Count", "Detail"],
            [[item.label, item.value, item.hint] for item in board.overdue],
            now,
        )
    )
    return {table.key: table for table in tables}

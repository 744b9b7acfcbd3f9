"""The CME dashboard, and each of its tables as a CSV or XLSX file. The dashboard shows counts only,
never a child, so viewing it is not audited; downloading a table is (Perm.EXPORT_DATA)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET

from cme.areas.models import Area
from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.casework.selectors import NO_AREA
from cme.core.access import permission_required
from cme.core.permissions import Perm
from cme.jobs.tables import FileFormat, table_bytes
from cme.reporting import charts
from cme.reporting.forms import DashboardForm
from cme.reporting.selectors import Dashboard, dashboard_for
from cme.reporting.tables import Table, dashboard_tables


@dataclass(frozen=True)
class Cell:
    value: Any
    numeric: bool


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[Cell]
    # The case list showing the cases counted, where it can.
    link: str = ""


@dataclass(frozen=True)
class Panel:
    table: Table
    chart: SafeString | None
    rows: list[Row]
    # For each column: figures (aligned right) or words.
    numeric: list[bool]

    @property
    def headings(self) -> list[tuple[str, bool]]:
        return list(zip(self.table.header, self.numeric, strict=True))


def _panels(board: Dashboard) -> list[Panel]:
    tables = dashboard_tables(board)
    drawn = {
        "open-by-area": charts.bar_chart(board.open_by_area, chart_id="chart-area", title="Open cases by area"),
        "open-by-district": charts.bar_chart(
            board.open_by_district, chart_id="chart-district", title="Open cases by district"
        ),
        "open-by-risk": charts.bar_chart(board.open_by_risk, chart_id="chart-risk", title="Open cases by risk level"),
        "open-by-year-group": charts.bar_chart(
            board.open_by_year_group, chart_id="chart-year-group", title="Open cases by year group"
        ),
        "open-by-time-missing": charts.bar_chart(
            board.open_by_time_missing, chart_id="chart-time-missing", title="Open cases by time missing education"
        ),
        "time-to-located": charts.located_chart(
            board.located_by_month, chart_id="chart-located", title="Days from referral to located, by month"
        ),
        "outcomes": charts.bar_chart(board.outcomes, chart_id="chart-outcomes", title="Outcomes of closed cases"),
    }
    if board.referrals_by_month is not None:
        drawn["referrals-by-month"] = charts.stacked_month_chart(
            board.referrals_by_month, chart_id="chart-referrals", title="Referrals per month, by source"
        )
    case_list = reverse("casework:case_list")
    overdue_links = [
        f"{case_list}?{urlencode(item.case_list_filters)}" if item.case_list_filters and item.value else ""
        for item in board.overdue
    ]
    panels = []
    for key, table in tables.items():
        links = overdue_links if key == "overdue-work" else [""] * len(table.rows)
        numeric = [
            all(isinstance(row[column], int | float) or row[column] == "" for row in table.rows)
            for column in range(1, len(table.header))
        ]
        rows = [
            Row(str(row[0]), [Cell(value, is_number) for value, is_number in zip(row[1:], numeric, strict=True)], link)
            for row, link in zip(table.rows, links, strict=True)
        ]
        panels.append(Panel(table=table, chart=drawn.get(key), rows=rows, numeric=[False, *numeric]))
    return panels


def _area_name(area: str) -> str:
    if not area:
        return "Every area"
    if area == NO_AREA:
        return "Cases with no area yet"
    found = Area.objects.filter(code=area).first()
    return found.name if found else area


@permission_required(Perm.VIEW_DASHBOARD)
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = DashboardForm(request.GET or None, user=request.user, today=today)
    board = None
    if not request.GET or form.is_valid():
        if not request.GET:
            form = DashboardForm({}, user=request.user, today=today)
            form.is_valid()
        board = dashboard_for(user=request.user, filters=form.filters(), today=today)
    query = request.GET.copy()
    query.pop("apply", None)
    return render(
        request,
        "reporting/dashboard.html",
        {
            "form": form,
            "board": board,
            "panels": _panels(board) if board else [],
            "area_name": _area_name(board.area) if board else "",
            "today": today,
            "query": query.urlencode(),
            "formats": list(FileFormat),
            "may_export": request.user.has_perm(Perm.EXPORT_DATA),
        },
    )


@permission_required(Perm.EXPORT_DATA)
@require_GET
def dashboard_table_export(request: HttpRequest, table: str, file_format: str) -> HttpResponse:
    if file_format not in FileFormat.__members__.values():
        raise Http404
    today = timezone.localdate()
    form = DashboardForm(request.GET, user=request.user, today=today)
    if not form.is_valid():
        raise Http404
    filters = form.filters()
    board = dashboard_for(user=request.user, filters=filters, today=today)
    found = dashboard_tables(board).get(table)
    if found is None:
        raise Http404
    chosen = FileFormat(file_format)
    audit_record(
        actor=request.user,
        action=AuditAction.DASHBOARD_TABLE_EXPORTED,
        data={**filters.for_audit(), "area": board.area, "table": table, "format": chosen.value},
    )
    content = table_bytes(chosen, found.header, found.rows, sheet=found.title)
    response = HttpResponse(content, content_type=chosen.content_type)
    name = f"cme-{table}-{_stamp(today)}.{chosen.value}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


def _stamp(day: date) -> str:
    return day.isoformat()
